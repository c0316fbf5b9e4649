//! Criterion bench: building all 43 forces' figure 4 tables from counts, the
//! England and Wales table, and the banding of one row.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a test: a failure panics with its message"
)]

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use policing_outcomes::{Coverage, Outcome, OutcomeComparison, OutcomeCounts, OutcomeTable, OutcomeType, RowKind};
use policing_stats::comparison::Widening;
use policing_stats::Direction;

fn forces() -> Vec<(String, OutcomeCounts)> {
    let mut state: u64 = 42;
    (0..43)
        .map(|i| {
            let mut counts = OutcomeCounts::new();
            for t in OutcomeType::ALL {
                state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                counts.add(t, (state >> 40) % 20_000).unwrap();
            }
            counts.add(Outcome::NotYetAssigned, 5_000 + i).unwrap();
            (format!("Force {i}"), counts)
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let data = forces();
    c.bench_function("figure_4/43 force tables", |b| {
        b.iter(|| {
            for (_, counts) in &data {
                black_box(OutcomeTable::figure_4(counts, Default::default()).unwrap());
            }
        });
    });
    let mut comparison = OutcomeComparison::new();
    for (name, counts) in &data {
        comparison.include(name.clone(), counts.clone(), Coverage::FullYear).unwrap();
    }
    c.bench_function("figure_4/england and wales", |b| b.iter(|| black_box(comparison.england_and_wales().unwrap())));
    c.bench_function("figure_4/compare one row across 43", |b| {
        b.iter(|| {
            black_box(
                comparison
                    .compare(
                        RowKind::Type(OutcomeType::EvidentialDifficultiesVictimSupports),
                        Direction::HighIsNotable,
                        Widening::default(),
                    )
                    .unwrap(),
            )
        });
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
