//! The one comparison, checked on every recorded crime measure and every
//! quarter the shipped ONS table holds: no verdict contradicts the interval
//! printed beside it, and no label is more significant than an exact Poisson
//! test against England and Wales without any widening (statistics.md section
//! 8, steps 6 and 7). The exact test is written here plainly: the Poisson tail
//! summed term by term, no code of the library's.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs,
    reason = "a test: a failure panics with its message"
)]

use policing::crime::{Denominators, Measure, Unit};
use policing::data::recorded_crime;
use policing::stats::Significance;
use rust_decimal::prelude::ToPrimitive;

/// `P(X <= o)` and `P(X >= o)` for `X ~ Poisson(e)`, summing the smaller tail's
/// terms away from the mode by the recurrence `p(k + 1) = p(k) e / (k + 1)`.
fn tails(o: u64, e: f64) -> (f64, f64) {
    let ln_pmf = |k: u64| {
        // ln k! by Stirling's series (exact to double precision for k >= 10), sums below.
        let lnf = if k < 10 {
            (1..=k).map(|i| (i as f64).ln()).sum::<f64>()
        } else {
            let k = k as f64;
            k * k.ln() - k + 0.5 * (2.0 * std::f64::consts::PI * k).ln() + 1.0 / (12.0 * k) - 1.0 / (360.0 * k.powi(3))
        };
        k as f64 * e.ln() - e - lnf
    };
    // Sum from `start` away from the mode until the terms no longer count, in logs.
    let sum = |start: u64, up: bool| {
        let first = ln_pmf(start);
        let (mut total, mut ln_p, mut k) = (1.0f64, first, start);
        loop {
            if up {
                ln_p += e.ln() - ((k + 1) as f64).ln();
                k += 1;
            } else {
                if k == 0 {
                    break;
                }
                ln_p += (k as f64).ln() - e.ln();
                k -= 1;
            }
            let t = (ln_p - first).exp();
            total += t;
            if t < 1e-17 * total {
                break;
            }
        }
        (first.exp() * total).min(1.0)
    };
    let below = if (o as f64) < e { sum(o, false) } else { 1.0 - sum(o + 1, true) };
    let above = if o == 0 {
        1.0
    } else if (o as f64) > e {
        sum(o, true)
    } else {
        1.0 - sum(o - 1, false)
    };
    (below, above)
}

fn level(s: Significance) -> u8 {
    match s {
        Significance::High001 | Significance::Low001 => 2,
        Significance::High025 | Significance::Low025 => 1,
        _ => 0,
    }
}

#[test]
fn no_verdict_contradicts_its_interval_or_goes_beyond_the_exact_test() {
    let table = recorded_crime::shipped().unwrap();
    let crime = &table.crime;
    let d = Denominators::peel();
    let (mut rows, mut flagged, mut contradictions, mut beyond) = (0, 0, Vec::new(), Vec::new());
    let years: Vec<_> = crime.years().collect();
    for year in &years {
        for measure in Measure::all() {
            let Ok(t) = crime.measure(measure, *year, &d) else { continue };
            let Ok(ew) = t.england_and_wales.rate.as_ref() else { continue };
            let ew = ew.to_f64().unwrap();
            for r in &t.forces {
                let (Some(s), Some(i)) = (r.significance, r.interval_95) else { continue };
                rows += 1;
                let outside = ew < i.lower || ew > i.upper;
                if outside != (s != Significance::NotSignificant) {
                    contradictions.push(format!("{} {} {year}: {s} with {i:?} against {ew}", r.unit, measure.id()));
                }
                if s == Significance::NotSignificant {
                    continue;
                }
                flagged += 1;
                // The exact test: the force's count against England and Wales's rate times its denominator.
                let (Ok(count), Ok(den)) = (&r.count, &r.denominator) else {
                    panic!("{} tested without counts", r.unit)
                };
                let expected = ew / 1_000.0 * den.value.to_f64().unwrap();
                let (below, above) = tails(u64::try_from(*count).unwrap(), expected);
                let exact = if below < 0.001 || above < 0.001 {
                    2
                } else if below < 0.025 || above < 0.025 {
                    1
                } else {
                    0
                };
                if level(s) > exact {
                    beyond.push(format!("{} {} {year}: {s}, exact tails {below:e} {above:e}", r.unit, measure.id()));
                }
            }
            assert!(t.row(policing::forces::Force::CityOfLondon).is_some_and(|r| r.rank.is_none()));
            assert!(t.forces.iter().all(|r| r.unit != Unit::EnglandAndWales));
        }
    }
    assert!(years.len() > 20 && rows > 40_000, "{} years, {rows} rows", years.len());
    assert!(flagged > 1_000, "{flagged}");
    assert!(
        contradictions.is_empty(),
        "{} of {rows}: {:?}",
        contradictions.len(),
        &contradictions[..contradictions.len().min(5)]
    );
    assert!(beyond.is_empty(), "{} of {flagged}: {:?}", beyond.len(), &beyond[..beyond.len().min(5)]);
}

#[test]
fn the_exact_tails_written_here_are_right() {
    // P(X <= 0 | 3.83) = exp(-3.83) = 0.0217 (the Durham case).
    let (below, above) = tails(0, 3.83);
    assert!((below - (-3.83f64).exp()).abs() < 1e-12 && above == 1.0);
    // P(X >= 10 | 5) = 0.031828 (R: ppois(9, 5, lower.tail = FALSE)).
    assert!((tails(10, 5.0).1 - 0.031_828_057_306_204_81).abs() < 1e-9);
    // P(X <= 2 | 8) = 0.013754 (R: ppois(2, 8)).
    assert!((tails(2, 8.0).0 - 0.013_753_967_744_002_971).abs() < 1e-9);
}
