//! The crude-rate funnel's lines are exact Poisson at every count, as the
//! public-health peer draws them (statistics.md section 7): for each observed
//! count `O`, the expected count `E` at which `O` sits exactly on the 2.5% (or
//! 0.1%) tail. The expectations are computed here from the Poisson distribution
//! function itself (a sum of probabilities, bisected), not from chi-square
//! quantiles as the library does.

use policing_stats::{poisson_interval, rate_funnel_limits, P95, P998};
use rust_decimal::Decimal;

/// `P(X <= k)` for `X ~ Poisson(mu)`, summed in logs.
fn poisson_cdf(k: u64, mu: f64) -> f64 {
    let mut log_terms = Vec::with_capacity(k as usize + 1);
    let mut log_factorial = 0.0f64;
    for i in 0..=k {
        if i > 0 {
            log_factorial += (i as f64).ln();
        }
        log_terms.push(-mu + i as f64 * mu.ln() - log_factorial);
    }
    let top = log_terms.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    top.exp() * log_terms.iter().map(|t| (t - top).exp()).sum::<f64>()
}

/// The `mu` at which the decreasing `f(mu)` equals `target`, by bisection.
fn bisect(f: impl Fn(f64) -> f64, target: f64, mut lo: f64, mut hi: f64) -> f64 {
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if f(mid) > target {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

/// The expected count at which `o` events sit on the upper tail `tail`: `P(X >= o | E) = tail`.
fn expected_for_high_line(o: u64, tail: f64) -> f64 {
    // P(X >= o) = 1 - P(X <= o - 1) rises with E; 1 - that falls.
    bisect(|e| poisson_cdf(o - 1, e), 1.0 - tail, 1e-9, 2.0 * o as f64 + 50.0)
}

/// The expected count at which `o` events sit on the lower tail: `P(X <= o | E) = tail`.
fn expected_for_low_line(o: u64, tail: f64) -> f64 {
    bisect(|e| poisson_cdf(o, e), tail, 1e-9, 3.0 * o as f64 + 60.0)
}

const COUNTS: [u64; 13] = [1, 2, 5, 9, 10, 11, 20, 50, 100, 321, 1_000, 2_500, 4_000];

#[test]
fn rate_lines_are_exact_poisson_at_every_count() {
    let r = 0.0025; // the baseline rate per unit of denominator
    let mut checked = 0;
    for (p, tail) in [(P95, 0.025), (P998, 0.001)] {
        for o in COUNTS {
            // The high line passes through (E / r, O / (E / r)).
            let e = expected_for_high_line(o, tail);
            let d = e / r;
            let (_, high) = rate_funnel_limits(r, d, p);
            let got = high * d;
            assert!(((got - o as f64) / o as f64).abs() < 1e-8, "high line, {o} events at p {p}: {got}");
            // The low line likewise, through the expected count at which O is on the lower tail.
            let e = expected_for_low_line(o, tail);
            let d = e / r;
            let (low, _) = rate_funnel_limits(r, d, p);
            let got = low * d;
            assert!(((got - o as f64) / o as f64).abs() < 1e-8, "low line, {o} events at p {p}: {got}");
            checked += 2;
        }
    }
    assert_eq!(checked, 52);
}

/// Byar's approximation (the unit's own interval, kept for one unit's
/// interval) would put the lines elsewhere: far enough that the test above
/// (to 1e-8) tells the two apart at every count from 10, though above a few
/// hundred events they agree to 6 significant figures.
#[test]
fn byar_lines_would_fail_the_exact_test() {
    for o in COUNTS.iter().copied().filter(|&o| o >= 10) {
        let e = expected_for_high_line(o, 0.025);
        let byar = poisson_interval(Decimal::from(o), 0.95).unwrap().lower;
        assert!(((byar - e) / e).abs() > 1e-8, "{o}: Byar {byar} vs exact {e}");
    }
}

#[test]
fn no_events_would_not_be_significantly_low_at_small_denominators() {
    // Expected 2 events: even 0 events is not below the 95% line (P(X = 0 | 2) = 0.135).
    let (low, high) = rate_funnel_limits(0.002, 1_000.0, P95);
    assert_eq!(low, 0.0);
    assert!(high > 0.002);
    assert!(rate_funnel_limits(0.002, 0.0, P95).0.is_nan());
    assert!(rate_funnel_limits(0.002, 1_000.0, 0.4).0.is_nan());
}
