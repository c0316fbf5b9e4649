//! The Crime ID join on arbitrary street and outcomes bodies: never panics, and
//! every row is accounted for.
#![no_main]

use libfuzzer_sys::fuzz_target;
use policing_data::tracked::{track_outcomes, TrackOptions};

const STREET: &[u8] = b"Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n";
const OUTCOMES: &[u8] = b"Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type\n";

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|b| *b == 0xFF).unwrap_or(data.len());
    let (street, outcomes) = data.split_at(split);
    let dir = tempfile::tempdir().expect("temp dir");
    let s = dir.path().join("x-street.csv");
    let o = dir.path().join("x-outcomes.csv");
    std::fs::write(&s, [STREET, street].concat()).expect("write");
    std::fs::write(&o, [OUTCOMES, outcomes].concat()).expect("write");
    let t = track_outcomes(&[s], &[o], &TrackOptions::default(), None).expect("valid headers always read");
    assert!(t.summary.adds_up());
    assert_eq!(t.counts.values().sum::<u64>(), t.summary.crimes);
});
