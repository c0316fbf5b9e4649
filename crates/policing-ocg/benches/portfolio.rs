//! Criterion bench: every portfolio check over 10,000 OCGs.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a test: a failure panics with its message"
)]

use chrono::{Duration, NaiveDate};
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use policing_ocg::{ActivityTier, CheckPolicy, CrimeType, Disruption, FourPPlan, Impact, Ocg, Pillar, Portfolio};

fn portfolio(n: usize) -> Portfolio {
    let base = NaiveDate::from_ymd_opt(2013, 1, 1).unwrap();
    let mut p = Portfolio::new();
    let mut state: u64 = 3;
    let mut next = |m: u64| {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        i64::try_from((state >> 33) % m).unwrap()
    };
    for i in 0..n {
        let identified = base + Duration::days(next(1_200));
        let mut g = Ocg::new(format!("OCG-{i}"), identified, CrimeType::ALL[i % 10]).unwrap();
        let mut on = identified + Duration::days(next(60));
        for _ in 0..next(8) {
            g.score(on, 100, "2B".parse().unwrap()).unwrap();
            on += Duration::days(next(150));
        }
        let mut r = identified;
        for _ in 0..next(30) {
            g.review(r).unwrap();
            r += Duration::days(next(45) + 1);
        }
        if next(4) > 0 {
            g.assign_lead("DS").unwrap();
            let mut plan = FourPPlan::new();
            plan.add(Pillar::ALL[usize::try_from(next(4)).unwrap()], "action", "DS", identified).unwrap();
            g.set_plan(plan);
        }
        if next(3) == 0 {
            g.disrupt(Disruption {
                on: on.max(identified),
                tier: ActivityTier::Limited,
                impact: Impact::Minor,
                pillar: Pillar::Pursue,
            })
            .unwrap();
        }
        if next(5) == 0 {
            g.archive(identified + Duration::days(next(900))).unwrap();
        }
        p.add(g).unwrap();
    }
    p
}

fn bench(c: &mut Criterion) {
    let p = portfolio(10_000);
    let as_at = NaiveDate::from_ymd_opt(2016, 7, 1).unwrap();
    let policy = CheckPolicy::default();
    c.bench_function("portfolio/all checks, 10,000 OCGs", |b| b.iter(|| black_box(p.check(as_at, &policy))));
}

criterion_group!(benches, bench);
criterion_main!(benches);
