//! Criterion bench of the ONS recorded crime table (the real 2019 edition in the
//! repository's `data/raw/`): reading it, and computing every force's five
//! figure 2 measures for one rolling year.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, reason = "a test: a failure panics with its message")]

use std::path::{Path, PathBuf};

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use policing_crime::{Denominators, Measure, YearEnding};
use policing_data::recorded_crime::read_pfa_csv;

fn table_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/raw/ons-rec-crime-pfa/rec-crime-pfa.csv")
}

fn bench(c: &mut Criterion) {
    let bytes = std::fs::read(table_path()).unwrap();
    let name = Path::new("rec-crime-pfa.csv");
    let mut group = c.benchmark_group("recorded_crime");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("read the ONS table (46,469 rows)", |b| {
        b.iter(|| read_pfa_csv(name, black_box(bytes.as_slice())).unwrap())
    });
    group.finish();

    let table = read_pfa_csv(name, bytes.as_slice()).unwrap();
    let year: YearEnding = "2016-06".parse().unwrap();
    let denominators = Denominators::peel();
    c.bench_function("recorded_crime/every force, five measures, one quarter", |b| {
        b.iter(|| {
            for m in Measure::FIGURE_2 {
                black_box(table.crime.measure(m, year, &denominators).unwrap());
            }
        });
    });
    c.bench_function("recorded_crime/read and compute (policing crime's work)", |b| {
        b.iter(|| {
            let t = read_pfa_csv(name, black_box(bytes.as_slice())).unwrap();
            for m in Measure::FIGURE_2 {
                black_box(t.crime.measure(m, year, &denominators).unwrap());
            }
        });
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
