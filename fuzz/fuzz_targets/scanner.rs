//! The RFC 4180 scanner on arbitrary bytes: never panics, always advances, and
//! every field lies inside the buffer.
#![no_main]

use libfuzzer_sys::fuzz_target;
use policing_data::csv::{Record, Scanner};

fuzz_target!(|data: &[u8]| {
    let mut scanner = Scanner::new(data);
    let mut rec = Record::default();
    let mut last = 0;
    while scanner.next_record(&mut rec) {
        assert!(scanner.position() > last || scanner.position() == data.len());
        last = scanner.position();
        for i in 0..rec.len {
            if let Some(f) = rec.get(i) {
                let _ = f.unescape(data);
            }
        }
    }
});
