//! Criterion bench: scoring one million DASH checklists.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a test: a failure panics with its message"
)]

use chrono::{Duration, NaiveDate};
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use policing_risk::dash::{Answer, Checklist, DashAssessment, DashPolicy};

fn assessments(n: usize) -> Vec<DashAssessment> {
    let on = NaiveDate::from_ymd_opt(2016, 10, 1).unwrap();
    let checklist = std::sync::Arc::new(Checklist::safelives_ric());
    let mut state: u64 = 7;
    (0..n)
        .map(|_| {
            let mut a = DashAssessment::new(checklist.clone(), on);
            for q in 1..=24u8 {
                state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                let answer = match (state >> 60) % 4 {
                    0 => Answer::Yes,
                    1 => Answer::No,
                    2 => Answer::NotKnown,
                    _ => Answer::NotAsked,
                };
                a.answer(q, answer).unwrap();
            }
            for k in 0..((state >> 40) % 5) {
                a.callout(on - Duration::days(i64::try_from(k * 90).unwrap())).unwrap();
            }
            a
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let data = assessments(1_000_000);
    let policy = DashPolicy::default();
    let mut group = c.benchmark_group("dash");
    group.sample_size(10);
    group.bench_function("score 1,000,000 checklists", |b| {
        b.iter(|| {
            let mut high = 0usize;
            for a in &data {
                if policy.score(black_box(a)).level == Some(policy_risk_high()) {
                    high += 1;
                }
            }
            black_box(high)
        });
    });
    group.finish();
}

fn policy_risk_high() -> policing_risk::dash::RiskLevel {
    policing_risk::dash::RiskLevel::High
}

criterion_group!(benches, bench);
criterion_main!(benches);
