//! The Home Office outcomes table reader on arbitrary CSV bytes: an error or a
//! table in which every row is counted or rejected, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use policing_data::home_office::{read_outcomes_table, CountKind};

fuzz_target!(|data: &[u8]| {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("table.csv");
    std::fs::write(&path, data).expect("write");
    for kind in [CountKind::OffencesRecorded, CountKind::OutcomesRecorded] {
        if let Ok(t) = read_outcomes_table(&path, kind, None) {
            assert!(t.adds_up());
        }
    }
});
