//! The comparison with an allowance for overdispersion against the plain
//! implementation in `plain.rs` (written from the method's statement), on
//! generated data with and without overdispersion, for the three scales: phi,
//! tau^2, the limits, every label (steps 5 and 6) and every interval (step 7).

use policing_stats::comparison::{compare, Comparison, Method, Units};
use policing_stats::{Scale, Significance, Statistic, StatsError, P95, P998};
use proptest::prelude::*;
use rust_decimal::Decimal;

use super::plain::{agree, level, plain, Plain};

/// A deterministic generator (a 64-bit LCG) of values in [0, 1).
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Forty-two "forces": populations 300,000 to 3 million, rates that vary by a
/// factor of two around 60 per 1,000 (far beyond Poisson noise).
fn overdispersed_rates() -> Vec<(usize, f64, f64)> {
    let mut g = Lcg(7);
    (0..42)
        .map(|i| {
            let population = (300_000.0 + 2_700_000.0 * g.next()).round();
            let rate = 0.06 * (0.6 + 0.8 * g.next());
            (i, (population * rate).round(), population)
        })
        .collect()
}

/// Shares of about 20% of counts in the thousands, spread beyond binomial noise.
fn overdispersed_proportions() -> Vec<(usize, f64, f64)> {
    let mut g = Lcg(11);
    (0..40)
        .map(|i| {
            let n = (2_000.0 + 40_000.0 * g.next()).round();
            let p = 0.2 * (0.7 + 0.6 * g.next());
            (i, (n * p).round(), n)
        })
        .collect()
}

fn units_of(units: &[(usize, f64, f64)]) -> Units<usize> {
    let mut u = Units::new();
    for (k, x, n) in units {
        u.counts(*k, Decimal::try_from(*x).unwrap(), Decimal::try_from(*n).unwrap()).unwrap();
    }
    u
}

fn compared(units: &[(usize, f64, f64)], statistic: Statistic, scale: Option<(Scale, f64)>) -> Comparison<usize> {
    let method = Method::for_statistic(statistic, Decimal::ONE).unwrap();
    let method = match scale {
        Some((scale, trim)) => method.overdispersion(scale, trim).unwrap(),
        None => method.chance_alone(),
    };
    compare(units_of(units), &method).unwrap()
}

/// Checks the library against the plain method: phi, tau^2, every limit, label and interval.
fn check(c: &Comparison<usize>, want: &Plain, units: &[(usize, f64, f64)]) {
    let d = c.dispersion().unwrap();
    assert!(agree(d.phi, want.phi, 9), "phi {} vs {}", d.phi, want.phi);
    assert!(agree(d.tau2, want.tau2, 9) || (d.tau2 == 0.0 && want.tau2 == 0.0), "tau2 {} vs {}", d.tau2, want.tau2);
    assert_eq!(d.units_used, want.m);
    assert_eq!(d.widens(), want.widened);
    for (i, unit) in c.units().iter().enumerate() {
        let n = units[i].2;
        if want.widened {
            // The drawn lines are the wider of the widened and the chance-alone limits.
            let (l95, h95) = c.limits(n, P95).unwrap();
            let (l998, h998) = c.limits(n, P998).unwrap();
            let w = want.limits[i];
            // Within rounding (the limits are found by different arithmetic near 0).
            let below = |a: f64, b: f64| a <= b + 1e-12 * b.abs() + 1e-15;
            assert!(below(l95, w[0]) && below(w[1], h95), "unit {i}: {l95} {h95} {w:?}");
            assert!(below(l998, w[2]) && below(w[3], h998), "unit {i}: {l998} {h998} {w:?}");
        }
        assert_eq!(unit.significance.unwrap().label(), want.labels[i], "unit {i}: {unit:?}");
        // Step 6: never more significant than chance alone, nor than the widened test.
        assert!(level(want.labels[i]) <= level(want.chance_labels[i]));
        if want.widened && units[i].1 > 0.0 {
            assert!(level(want.labels[i]) <= level(want.widened_labels[i]));
        }
        // Step 7: the verdict's interval holds the widened and the chance-alone intervals.
        let v = unit.interval.unwrap();
        let ch = want.chance_intervals[i];
        let below = |a: f64, b: f64| a <= b + 1e-9 * b.abs() + 1e-15;
        assert!(below(v.lower, ch.0) && below(ch.1, v.upper), "unit {i}: {v:?} {ch:?}");
        if want.widened && units[i].1 > 0.0 {
            let wi = want.widened_intervals[i];
            assert!(below(v.lower, wi.0) && below(wi.1, v.upper), "unit {i}: {v:?} {wi:?}");
        } else {
            assert!(agree(v.lower, ch.0, 9) && agree(v.upper, ch.1, 9), "unit {i}: {v:?} {ch:?}");
        }
        // And the pooled value lies outside it exactly when the unit is significant.
        let outside = !v.contains(want.baseline);
        assert_eq!(outside, unit.significance != Some(Significance::NotSignificant), "unit {i}: {v:?}");
    }
}

fn plain_units(units: &[(usize, f64, f64)]) -> Vec<(f64, f64)> {
    units.iter().map(|u| (u.1, u.2)).collect()
}

#[test]
fn rates_on_the_square_root_scale() {
    let units = overdispersed_rates();
    let c = compared(&units, Statistic::Rate, Some((Scale::SquareRoot, 0.1)));
    let want = plain("sqrt", &plain_units(&units), 0.1);
    assert!(want.phi > 100.0 && want.tau2 > 0.0, "{want:?}");
    check(&c, &want, &units);
    // Limits of chance alone flag most of these units; the widened ones far fewer.
    let poisson = compared(&units, Statistic::Rate, None);
    assert!(poisson.tests().flagged_95 > 35, "{:?}", poisson.tests());
    assert!(c.tests().flagged_95 < 10, "{:?}", c.tests());
    assert_eq!(c.tests().made, 42);
}

#[test]
fn rates_on_the_log_scale_drop_by_decile_groups() {
    let units = overdispersed_rates();
    for trim in [0.0, 0.05, 0.1, 0.2] {
        let c = compared(&units, Statistic::Rate, Some((Scale::Log, trim)));
        check(&c, &plain("log", &plain_units(&units), trim), &units);
    }
    // 42 units, deciles: ranks 1-4 and 39-42 dropped.
    let c = compared(&units, Statistic::Rate, Some((Scale::Log, 0.1)));
    assert_eq!(c.dispersion().unwrap().units_used, 34);
    // 19 units: 1 dropped at the bottom, 2 at the top (statistics.md section 8 step 2).
    let c = compared(&units[..19], Statistic::Rate, Some((Scale::Log, 0.1)));
    assert_eq!(c.dispersion().unwrap().units_used, 16);
}

/// The sizes at which FunnelPlotR's decile groups and a symmetric `floor(0.1 n)`
/// drop differ (n + 1 not a multiple of 10): phi and tau^2 as the plain method,
/// written from the statement of FunnelPlotR's `truncation`, gives them.
#[test]
fn the_log_scale_matches_funnelplotr_at_19_29_and_59_units() {
    let mut g = Lcg(2024);
    for (n, kept) in [(19usize, 16usize), (29, 24), (59, 48)] {
        let units: Vec<(usize, f64, f64)> = (0..n)
            .map(|i| {
                let d = (50_000.0 + 950_000.0 * g.next()).round();
                (i, (d * 0.05 * (0.7 + 0.6 * g.next())).round(), d)
            })
            .collect();
        let c = compared(&units, Statistic::Rate, Some((Scale::Log, 0.1)));
        let want = plain("log", &plain_units(&units), 0.1);
        assert_eq!((want.m, c.dispersion().unwrap().units_used), (kept, kept), "n = {n}");
        check(&c, &want, &units);
    }
}

#[test]
fn proportions_on_the_arcsine_scale() {
    let units = overdispersed_proportions();
    for trim in [0.0, 0.1, 0.25] {
        let c = compared(&units, Statistic::Proportion, Some((Scale::Arcsine, trim)));
        let want = plain("arcsine", &plain_units(&units), trim);
        assert!(want.tau2 > 0.0);
        check(&c, &want, &units);
    }
}

/// Counts that vary no more than chance allows: phi <= 1, nothing is widened,
/// the limits and labels of chance alone stand.
#[test]
fn without_overdispersion_the_exact_limits_stand() {
    let units: Vec<(usize, f64, f64)> = (0..30).map(|i| (i, 500.0 + (i % 3) as f64 - 1.0, 100_000.0)).collect();
    let c = compared(&units, Statistic::Rate, Some((Scale::SquareRoot, 0.1)));
    let d = c.dispersion().unwrap();
    assert!(!d.widens() && d.phi < 1.0, "{d:?}");
    let poisson = compared(&units, Statistic::Rate, None);
    for (a, b) in c.units().iter().zip(poisson.units()) {
        assert_eq!(a.significance, b.significance);
        assert_eq!(a.interval, b.interval);
    }
    assert_eq!(c.limits(100_000.0, P95), poisson.limits(100_000.0, P95));
}

/// Step 5: phi just under 1 with a DerSimonian-Laird tau^2 a hair above 0
/// (possible when `(m - 1) / m <= phi <= 1`) must not widen: "widened" limits
/// there would flag more units than chance alone.
#[test]
fn phi_at_most_one_widens_nothing() {
    // Search generated sets of 10 units for one in that window (found by the plain method).
    let mut found = 0;
    for seed in 0..2_000u64 {
        let mut g = Lcg(seed);
        let units: Vec<(usize, f64, f64)> = (0..10)
            .map(|i| {
                let d = (20_000.0 + 200_000.0 * g.next()).round();
                let e = d * 0.01;
                let z = (g.next() - 0.5) * 3.4;
                (i, (e + z * e.sqrt()).round().max(0.0), d)
            })
            .collect();
        let want = plain("sqrt", &plain_units(&units), 0.1);
        if !(want.phi <= 1.0 && want.tau2 > 0.0) {
            continue;
        }
        found += 1;
        let c = compared(&units, Statistic::Rate, Some((Scale::SquareRoot, 0.1)));
        let d = c.dispersion().unwrap();
        assert!(d.tau2 > 0.0 && !d.widens(), "{d:?}");
        check(&c, &want, &units);
        let poisson = compared(&units, Statistic::Rate, None);
        for (a, b) in c.units().iter().zip(poisson.units()) {
            assert_eq!((a.significance, a.interval), (b.significance, b.interval));
        }
        assert_eq!(c.limits(100_000.0, P95), poisson.limits(100_000.0, P95));
    }
    assert!(found >= 3, "only {found} sets in the window");
}

#[test]
fn the_square_root_limits_are_squared_back() {
    // A package that forgets to square would put the 95% high limit of a unit
    // with expected count E at 1 + 1.96 sqrt(1/(4E) + tau^2) times the baseline,
    // not its square. With tau^2 about 0.04 the two differ by about 4%.
    let units = overdispersed_rates();
    let c = compared(&units, Statistic::Rate, Some((Scale::SquareRoot, 0.1)));
    let d = *c.dispersion().unwrap();
    let want = plain("sqrt", &plain_units(&units), 0.1);
    let n = 1_000_000.0;
    let e = n * want.baseline;
    let unsquared = (1.0 + 1.959_963_984_540_054 * (0.25 / e + d.tau2).sqrt()) * want.baseline;
    let squared = (1.0 + 1.959_963_984_540_054 * (0.25 / e + d.tau2).sqrt()).powi(2) * want.baseline;
    let (_, high) = c.limits(n, P95).unwrap();
    assert!(agree(high, squared, 12) && !agree(high, unsquared, 3), "{high} {squared} {unsquared}");
}

#[test]
fn a_scale_must_fit_the_statistic_and_the_trim_be_below_a_half() {
    let rate = Method::rate(Decimal::ONE).unwrap();
    let e = rate.overdispersion(Scale::Arcsine, 0.1).unwrap_err();
    assert!(matches!(e, StatsError::ScaleDoesNotFit { scale: "arcsine", statistic: "rate" }), "{e}");
    assert!(Method::proportion(Decimal::ONE).unwrap().overdispersion(Scale::SquareRoot, 0.1).is_err());
    for bad in [-0.1, 0.5, 0.9, f64::NAN] {
        assert!(matches!(rate.overdispersion(Scale::Log, bad), Err(StatsError::TrimOutOfRange { .. })));
    }
    assert_eq!("log".parse::<Scale>().unwrap(), Scale::Log);
    assert_eq!("SQRT".parse::<Scale>().unwrap(), Scale::SquareRoot);
    assert!("cube".parse::<Scale>().is_err());
}

/// A unit with no events has no log: it is left out of the estimate and judged by
/// the exact test alone, kept or not by the truncation.
#[test]
fn no_events_on_the_log_scale() {
    let mut units = overdispersed_rates();
    units[0].1 = 0.0;
    for trim in [0.0, 0.1] {
        let c = compared(&units, Statistic::Rate, Some((Scale::Log, trim)));
        let d = c.dispersion().unwrap();
        assert_eq!(d.left_out, 1);
        check(&c, &plain("log", &plain_units(&units), trim), &units);
        let zero = &c.units()[0];
        assert_eq!(zero.significance, Some(Significance::Low001), "{zero:?}");
        assert!(zero.notes.iter().any(|n| n.contains("exact test alone")), "{:?}", zero.notes);
    }
}

/// The Durham case: no deaths against 3.83 expected is P(0) = 0.022, so
/// "Low (0.025)" by the exact test, never "Low (0.001)" whatever the scale.
#[test]
fn a_zero_count_is_as_significant_as_the_exact_test_says() {
    let mut units: Vec<(usize, f64, f64)> =
        overdispersed_rates().into_iter().map(|(k, x, d)| (k, (x / 1e4).round(), d)).collect();
    let pooled = units.iter().map(|u| u.1).sum::<f64>() / units.iter().map(|u| u.2).sum::<f64>();
    // A unit whose expected count is 3.83.
    units.push((42, 0.0, 3.83 / pooled));
    for scale in [Some((Scale::Log, 0.1)), Some((Scale::SquareRoot, 0.1)), None] {
        let c = compared(&units, Statistic::Rate, scale);
        let zero = c.units().last().unwrap();
        assert_eq!(zero.significance, Some(Significance::Low025), "{scale:?}: {zero:?}");
    }
}

proptest! {
    /// Any units, any trim: the library agrees with the plain method on every scale.
    #[test]
    fn agrees_with_the_plain_method(
        raw in proptest::collection::vec((1u64..50_000, 1_000u64..3_000_000), 3..60),
        trim in 0.0f64..0.4,
    ) {
        let rates: Vec<(usize, f64, f64)> =
            raw.iter().enumerate().map(|(i, (o, d))| (i, *o as f64, *d as f64)).collect();
        for (scale, name) in [(Scale::SquareRoot, "sqrt"), (Scale::Log, "log")] {
            let c = compared(&rates, Statistic::Rate, Some((scale, trim)));
            check(&c, &plain(name, &plain_units(&rates), trim), &rates);
        }
        let shares: Vec<(usize, f64, f64)> =
            raw.iter().enumerate().map(|(i, (x, n))| (i, (*x).min(*n) as f64, *n as f64)).collect();
        let c = compared(&shares, Statistic::Proportion, Some((Scale::Arcsine, trim)));
        check(&c, &plain("arcsine", &plain_units(&shares), trim), &shares);
    }
}
