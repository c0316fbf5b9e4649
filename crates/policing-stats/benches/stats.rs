//! Criterion benches for banding and funnel significance at England and Wales
//! size (43 units) and at a large size (100,000 units).
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion};
use policing_stats::{band, funnel, Direction, Statistic};
use rust_decimal::Decimal;

/// Deterministic pseudo-random counts (a 64-bit LCG), so runs are comparable.
fn units(n: usize) -> Vec<(usize, Decimal, Decimal)> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..n)
        .map(|i| {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            let den = 1_000 + (state >> 33) % 200_000;
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            let num = (state >> 33) % (den / 3 + 1);
            (i, Decimal::from(num), Decimal::from(den))
        })
        .collect()
}

fn bench_banding(c: &mut Criterion) {
    let mut group = c.benchmark_group("band");
    for n in [43usize, 100_000] {
        let values: Vec<(usize, Decimal)> = units(n).into_iter().map(|(k, x, d)| (k, x / d)).collect();
        group.bench_with_input(BenchmarkId::from_parameter(n), &values, |b, v| {
            b.iter(|| band(black_box(v.clone()), Direction::HighIsNotable));
        });
    }
    group.finish();
}

fn bench_funnel(c: &mut Criterion) {
    let mut group = c.benchmark_group("funnel");
    for n in [43usize, 100_000] {
        let data = units(n);
        for (name, statistic) in [("proportion", Statistic::Proportion), ("rate", Statistic::Rate)] {
            group.bench_with_input(BenchmarkId::new(name, n), &data, |b, d| {
                b.iter(|| funnel(black_box(d.clone()), statistic).unwrap());
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench_banding, bench_funnel);
criterion_main!(benches);
