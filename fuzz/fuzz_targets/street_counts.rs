//! `count_outcomes` on a street file with a valid header and an arbitrary body:
//! never panics, every row is counted, filtered or rejected, and the result is
//! the same for every block size and thread count (a differential target: the
//! records must never depend on where a block was cut).
#![no_main]

use libfuzzer_sys::fuzz_target;
use policing_data::{count_outcomes, CountOptions};

const HEADER: &[u8] = b"Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n";

fuzz_target!(|data: &[u8]| {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("fuzz-street.csv");
    let mut bytes = HEADER.to_vec();
    bytes.extend_from_slice(data);
    std::fs::write(&path, &bytes).expect("write");
    let mut first = None;
    for (block_size, threads) in [(16, 1), (17, 2), (4096, 3), (1 << 20, 2)] {
        let options = CountOptions::default().threads(threads).block_size(block_size);
        let r = count_outcomes(&[path.clone()], &options, None).expect("a valid header always reads");
        assert!(r.summary.adds_up());
        match &first {
            None => first = Some(r),
            Some(f) => assert_eq!(&r, f, "block {block_size}, threads {threads}"),
        }
    }
    // Arbitrary bytes as a whole file, header included: an error, never a panic.
    std::fs::write(&path, data).expect("write");
    let _ = count_outcomes(&[path], &CountOptions::default(), None);
});
