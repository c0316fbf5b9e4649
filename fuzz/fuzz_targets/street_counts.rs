//! `count_outcomes` on a street file with a valid header and an arbitrary body:
//! never panics, and every row is counted, filtered or rejected.
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
    for block_size in [64, 1 << 20] {
        let options = CountOptions { threads: 2, block_size, ..CountOptions::default() };
        let r = count_outcomes(&[path.clone()], &options, None).expect("a valid header always reads");
        assert!(r.summary.adds_up());
    }
    // Arbitrary bytes as a whole file, header included: an error, never a panic.
    std::fs::write(&path, data).expect("write");
    let _ = count_outcomes(&[path], &CountOptions::default(), None);
});
