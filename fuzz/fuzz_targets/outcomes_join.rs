//! The Crime ID join on arbitrary street and outcomes bodies: never panics,
//! every row is accounted for, and the result is the same for every block
//! size, thread count and memory limit (a differential target: neither where a
//! block was cut nor how the crimes were split into passes may change a count).
#![no_main]

use libfuzzer_sys::fuzz_target;
use policing_data::tracked::{track_outcomes, TrackOptions, TrackSummary, TrackedOutcomes, STATE_BYTES_PER_CRIME};

const STREET: &[u8] = b"Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n";
const OUTCOMES: &[u8] = b"Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type\n";

/// What must not depend on how the join was run (passes and state size may).
fn result(t: &TrackedOutcomes) -> (&std::collections::BTreeMap<(policing_forces::Force, policing_data::tracked::OutcomeText), u64>, TrackSummary) {
    let mut summary = t.summary.clone();
    (summary.passes, summary.state_bytes) = (0, 0);
    (&t.counts, summary)
}

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|b| *b == 0xFF).unwrap_or(data.len());
    let (street, outcomes) = data.split_at(split);
    let dir = tempfile::tempdir().expect("temp dir");
    let s = dir.path().join("x-street.csv");
    let o = dir.path().join("x-outcomes.csv");
    std::fs::write(&s, [STREET, street].concat()).expect("write");
    std::fs::write(&o, [OUTCOMES, outcomes.get(1..).unwrap_or_default()].concat()).expect("write");
    let (s, o) = (vec![s], vec![o]);
    let first = track_outcomes(&s, &o, &TrackOptions::default(), None).expect("valid headers always read");
    assert!(first.summary.adds_up());
    assert_eq!(first.counts.values().sum::<u64>(), first.summary.crimes);
    for (block_size, threads, memory) in [(16, 2, None), (17, 1, Some(3 * STATE_BYTES_PER_CRIME)), (4096, 3, Some(1 << 20))] {
        let options = TrackOptions::default().block_size(block_size).threads(threads);
        let options = match memory {
            Some(m) => options.memory(m),
            None => options,
        };
        match track_outcomes(&s, &o, &options, None) {
            Ok(t) => assert_eq!(result(&t), result(&first), "block {block_size}, threads {threads}, memory {memory:?}"),
            // A limit smaller than the largest partition is refused, never wrong.
            Err(e) => assert!(memory.is_some() && e.to_string().contains("memory limit"), "{e}"),
        }
    }
});
