//! Criterion benches for banding and the comparison (ranks, bands, tests with
//! and without overdispersion) at England and Wales size (43 units) and at a
//! large size (100,000 units).
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a test: a failure panics with its message"
)]

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion};
use policing_stats::comparison::{compare, Method, Units};
use policing_stats::{band, Direction, Statistic};
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

fn units_of(data: &[(usize, Decimal, Decimal)]) -> Units<usize> {
    let mut u = Units::new();
    for (k, x, n) in data {
        u.counts(*k, *x, *n).unwrap();
    }
    u
}

fn bench_comparison(c: &mut Criterion) {
    let mut group = c.benchmark_group("compare");
    for n in [43usize, 100_000] {
        let data = units(n);
        for (name, statistic) in [("proportion", Statistic::Proportion), ("rate", Statistic::Rate)] {
            for widened in [false, true] {
                let method = Method::for_statistic(statistic, Decimal::ONE).unwrap();
                let method = if widened { method } else { method.chance_alone() };
                let id = format!("{name}{}", if widened { "-overdispersion" } else { "" });
                group.bench_with_input(BenchmarkId::new(id, n), &data, |b, d| {
                    b.iter(|| compare(units_of(black_box(d)), &method).unwrap());
                });
            }
        }
    }
    group.finish();
}

criterion_group!(benches, bench_banding, bench_comparison);
criterion_main!(benches);
