//! Criterion bench of the in-process street-file parser on a generated
//! 100,000-row data.police.uk-style file (same columns and quirks as
//! `bench/gen_street.py`: ASB rows without ID or outcome, rows without
//! location, a few quoted locations with commas and doubled quotes).
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a test: a failure panics with its message"
)]

use std::io::Write;

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use policing_data::{count_outcomes, CountOptions};

const FORCES: [&str; 6] = [
    "Wiltshire Police",
    "Avon and Somerset Constabulary",
    "Metropolitan Police Service",
    "Kent Police",
    "Devon & Cornwall Police",
    "Dyfed-Powys Police",
];
const CRIMES: [&str; 5] = ["Anti-social behaviour", "Burglary", "Violence and sexual offences", "Shoplifting", "Drugs"];
const OUTCOMES: [&str; 5] = [
    "Investigation complete; no suspect identified",
    "Unable to prosecute suspect",
    "Under investigation",
    "Offender given a caution",
    "Offender sent to prison",
];

fn generate(rows: usize) -> tempfile::NamedTempFile {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    let mut out = std::io::BufWriter::new(file.as_file_mut());
    writeln!(out, "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context").unwrap();
    let mut s: u64 = 2016;
    let mut next = |m: u64| {
        s = s.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        usize::try_from((s >> 33) % m).unwrap()
    };
    for i in 0..rows {
        let force = FORCES[next(6)];
        let crime = CRIMES[next(5)];
        let (id, outcome) = if crime == "Anti-social behaviour" {
            (String::new(), "")
        } else {
            (format!("{:064x}", i * 7919), OUTCOMES[next(5)])
        };
        let location = match next(1000) {
            0 => "\"On or near Market Place, North\"".to_owned(),
            1 => "\"On or near The \"\"Old\"\" Mill\"".to_owned(),
            _ => "On or near High Street".to_owned(),
        };
        writeln!(
            out,
            "{id},2016-{:02},{force},{force},-1.{:06},51.{:06},{location},E01{:06},{} {:03}A,{crime},{outcome},",
            next(12) + 1,
            next(1_000_000),
            next(1_000_000),
            next(35_000),
            force.split(' ').next().unwrap(),
            next(300)
        )
        .unwrap();
    }
    drop(out);
    file
}

fn bench(c: &mut Criterion) {
    let file = generate(100_000);
    let path = vec![file.path().to_owned()];
    let bytes = std::fs::metadata(file.path()).unwrap().len();
    let mut group = c.benchmark_group("ingest");
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(20);
    for threads in [1usize, 2] {
        let options = CountOptions::default().threads(threads);
        group.bench_function(format!("count_outcomes 100,000 rows, {threads} thread(s)"), |b| {
            b.iter(|| black_box(count_outcomes(&path, &options, None).unwrap()));
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
