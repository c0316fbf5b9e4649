//! Criterion bench of the tracked-outcomes join on generated files: 100,000
//! street rows (about a third anti-social behaviour) and their outcomes (0 to 2
//! rows per crime in later months, some orphans), in the layout of
//! `bench/gen_street.py` and `bench/gen_outcomes.py`; joined whole, and under a
//! memory limit that takes four passes.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a test: a failure panics with its message"
)]

use std::io::Write;

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use policing_data::tracked::{track_outcomes, TrackOptions, STATE_BYTES_PER_CRIME};

const FORCES: [&str; 4] = ["Wiltshire Police", "Avon and Somerset Constabulary", "Kent Police", "Dyfed-Powys Police"];
const OUTCOMES: [&str; 4] = [
    "Investigation complete; no suspect identified",
    "Unable to prosecute suspect",
    "Suspect charged",
    "Offender fined",
];

fn generate(rows: usize) -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let street = dir.path().join("2016-06-wiltshire-street.csv");
    let outcomes = dir.path().join("2016-06-wiltshire-outcomes.csv");
    let mut s = std::io::BufWriter::new(std::fs::File::create(&street).unwrap());
    let mut o = std::io::BufWriter::new(std::fs::File::create(&outcomes).unwrap());
    writeln!(s, "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context").unwrap();
    writeln!(o, "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type")
        .unwrap();
    let mut x: u64 = 2016;
    let mut next = || {
        x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        x >> 11
    };
    for _ in 0..rows {
        let force = FORCES[(next() % 4) as usize];
        if next() % 3 == 0 {
            writeln!(
                s,
                ",2016-06,{force},{force},-1.1,51.2,On or near High Street,E01000001,Name 001A,Anti-social behaviour,,"
            )
            .unwrap();
            continue;
        }
        let id: String = (0..4).map(|_| format!("{:016x}", next())).collect();
        writeln!(s, "{id},2016-06,{force},{force},-1.1,51.2,On or near High Street,E01000001,Name 001A,Burglary,Under investigation,").unwrap();
        for k in 0..next() % 3 {
            let outcome = OUTCOMES[(next() % 4) as usize];
            writeln!(
                o,
                "{id},2016-{:02},{force},{force},-1.1,51.2,On or near High Street,E01000001,Name 001A,{outcome}",
                6 + k
            )
            .unwrap();
        }
        if next() % 10 == 0 {
            let orphan: String = (0..4).map(|_| format!("{:016x}", next())).collect();
            writeln!(o, "{orphan},2016-06,{force},{force},,,On or near X,,,Local resolution").unwrap();
        }
    }
    drop((s, o));
    (dir, street, outcomes)
}

fn bench(c: &mut Criterion) {
    let (_dir, street, outcomes) = generate(100_000);
    let bytes = std::fs::metadata(&street).unwrap().len() + std::fs::metadata(&outcomes).unwrap().len();
    let (street, outcomes) = (vec![street], vec![outcomes]);
    let whole = TrackOptions::default().threads(2);
    let crimes = track_outcomes(&street, &outcomes, &whole, None).unwrap().summary.crimes;
    let quarter = whole.clone().memory(crimes * STATE_BYTES_PER_CRIME / 4 + 4096);
    let mut group = c.benchmark_group("tracked");
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(20);
    group.bench_function("track_outcomes 100,000 street rows, 2 threads", |b| {
        b.iter(|| black_box(track_outcomes(&street, &outcomes, &whole, None).unwrap()));
    });
    group.bench_function("track_outcomes 100,000 street rows, 2 threads, a quarter of the memory", |b| {
        b.iter(|| black_box(track_outcomes(&street, &outcomes, &quarter, None).unwrap()));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
