//! Overdispersion-adjusted funnels against the plain implementation in
//! `plain.rs` (written from the method's statement), on generated data with
//! and without overdispersion, for the three scales.

use policing_stats::{funnel, Funnel, Overdispersion, Scale, Significance, Statistic, StatsError, P95, P998};
use proptest::prelude::*;
use rust_decimal::Decimal;

use super::plain::{agree, plain, Plain};

/// A deterministic generator (a 64-bit LCG) of values in [0, 1).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
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

fn to_decimal(units: &[(usize, f64, f64)]) -> Vec<(usize, Decimal, Decimal)> {
    units.iter().map(|(k, x, n)| (*k, Decimal::try_from(*x).unwrap(), Decimal::try_from(*n).unwrap())).collect()
}

fn adjusted(units: &[(usize, f64, f64)], statistic: Statistic, scale: Scale, trim: f64) -> Funnel<usize> {
    let od = Overdispersion::new(scale).with_trim(trim).unwrap();
    funnel(to_decimal(units), statistic).unwrap().adjusted(od).unwrap()
}

/// Checks the library against the plain method: phi, tau^2, every limit and every label.
fn check(f: &Funnel<usize>, want: &Plain, units: &[(usize, f64, f64)]) {
    let d = f.dispersion().unwrap();
    assert!(agree(d.phi, want.phi, 9), "phi {} vs {}", d.phi, want.phi);
    if want.tau2.is_nan() {
        // One unit used (the others dropped): no between-unit variance can be
        // estimated, and the library allows none.
        assert_eq!((d.tau2, d.units_used), (0.0, 1));
        return;
    }
    assert!(agree(d.tau2, want.tau2, 9), "tau2 {} vs {}", d.tau2, want.tau2);
    assert_eq!(d.units_used, want.m);
    assert!(agree(f.baseline(), want.baseline, 12));
    for (i, point) in f.points().iter().enumerate() {
        let n = units[i].2;
        if want.tau2 > 0.0 {
            let (l95, h95) = f.limits(n, P95);
            let (l998, h998) = f.limits(n, P998);
            for (got, expected) in [l95, h95, l998, h998].iter().zip(want.limits[i]) {
                assert!(agree(*got, expected, 9), "unit {i}: limit {got} vs {expected}");
            }
            assert_eq!(point.significance.label(), want.labels[i], "unit {i}");
        }
    }
}

#[test]
fn rates_on_the_square_root_scale() {
    let units = overdispersed_rates();
    let f = adjusted(&units, Statistic::Rate, Scale::SquareRoot, 0.1);
    let plain_units: Vec<(f64, f64)> = units.iter().map(|u| (u.1, u.2)).collect();
    let want = plain("sqrt", &plain_units, 0.1);
    assert!(want.phi > 100.0 && want.tau2 > 0.0, "{want:?}");
    check(&f, &want, &units);
    // Limits of chance alone flag most of these units; the adjusted ones far fewer.
    let poisson = funnel(to_decimal(&units), Statistic::Rate).unwrap();
    let flagged =
        |f: &Funnel<usize>| f.points().iter().filter(|p| p.significance != Significance::NotSignificant).count();
    assert!(flagged(&poisson) > 35, "{}", flagged(&poisson));
    assert!(flagged(&f) < 10, "{}", flagged(&f));
}

#[test]
fn rates_on_the_log_scale_drop_the_outer_tenths() {
    let units = overdispersed_rates();
    let plain_units: Vec<(f64, f64)> = units.iter().map(|u| (u.1, u.2)).collect();
    for trim in [0.0, 0.05, 0.1, 0.2] {
        let f = adjusted(&units, Statistic::Rate, Scale::Log, trim);
        let want = plain("log", &plain_units, trim);
        check(&f, &want, &units);
    }
    // 42 units, 10%: floor(4.2) = 4 dropped at each end.
    let f = adjusted(&units, Statistic::Rate, Scale::Log, 0.1);
    assert_eq!(f.dispersion().unwrap().units_used, 34);
}

#[test]
fn proportions_on_the_arcsine_scale() {
    let units = overdispersed_proportions();
    let plain_units: Vec<(f64, f64)> = units.iter().map(|u| (u.1, u.2)).collect();
    for trim in [0.0, 0.1, 0.25] {
        let f = adjusted(&units, Statistic::Proportion, Scale::Arcsine, trim);
        let want = plain("arcsine", &plain_units, trim);
        assert!(want.tau2 > 0.0);
        check(&f, &want, &units);
    }
}

/// Counts that vary no more than chance allows: tau^2 is 0, the limits and
/// labels of chance alone stand (the adjustment changes nothing).
#[test]
fn without_overdispersion_the_exact_limits_stand() {
    // Every unit exactly at the pooled rate but for a count or two: phi well below 1.
    let units: Vec<(usize, f64, f64)> =
        (0..30).map(|i| (i, 500.0 + (i % 3) as f64 - 1.0, 100_000.0 + 0.0 * i as f64)).collect();
    let f = adjusted(&units, Statistic::Rate, Scale::SquareRoot, 0.1);
    let d = f.dispersion().unwrap();
    assert_eq!(d.tau2, 0.0);
    assert!(!d.is_adjusted() && d.phi < 1.0, "{d:?}");
    let poisson = funnel(to_decimal(&units), Statistic::Rate).unwrap();
    for (a, b) in f.points().iter().zip(poisson.points()) {
        assert_eq!(a.significance, b.significance);
    }
    assert_eq!(f.limits(100_000.0, P95), poisson.limits(100_000.0, P95));
    let plain_units: Vec<(f64, f64)> = units.iter().map(|u| (u.1, u.2)).collect();
    assert_eq!(plain("sqrt", &plain_units, 0.1).tau2, 0.0);
}

#[test]
fn the_square_root_limits_are_squared_back() {
    // A package that forgets to square would put the 95% high limit of a unit
    // with expected count E at 1 + 1.96 sqrt(1/(4E) + tau^2) times the baseline,
    // not its square. With tau^2 about 0.04 the two differ by about 4%.
    let units = overdispersed_rates();
    let f = adjusted(&units, Statistic::Rate, Scale::SquareRoot, 0.1);
    let d = *f.dispersion().unwrap();
    let n = 1_000_000.0;
    let e = n * f.baseline();
    let unsquared = (1.0 + 1.959_963_984_540_054 * (0.25 / e + d.tau2).sqrt()) * f.baseline();
    let squared = (1.0 + 1.959_963_984_540_054 * (0.25 / e + d.tau2).sqrt()).powi(2) * f.baseline();
    let (_, high) = f.limits(n, P95);
    assert!(agree(high, squared, 12) && !agree(high, unsquared, 3), "{high} {squared} {unsquared}");
}

#[test]
fn a_scale_must_fit_the_statistic_and_the_trim_be_below_a_half() {
    let rates = funnel(to_decimal(&overdispersed_rates()), Statistic::Rate).unwrap();
    let e = rates.clone().adjusted(Overdispersion::new(Scale::Arcsine)).unwrap_err();
    assert!(matches!(e, StatsError::ScaleDoesNotFit { scale: "arcsine", statistic: "rate" }), "{e}");
    let shares = funnel(to_decimal(&overdispersed_proportions()), Statistic::Proportion).unwrap();
    assert!(shares.adjusted(Overdispersion::new(Scale::SquareRoot)).is_err());
    for bad in [-0.1, 0.5, 0.9, f64::NAN] {
        assert!(matches!(Overdispersion::new(Scale::Log).with_trim(bad), Err(StatsError::TrimOutOfRange { .. })));
    }
    assert_eq!("log".parse::<Scale>().unwrap(), Scale::Log);
    assert_eq!("SQRT".parse::<Scale>().unwrap(), Scale::SquareRoot);
    assert!("cube".parse::<Scale>().is_err());
}

/// A unit with no events has no log: kept for the estimate, it is an error that
/// says to use the square-root scale; dropped as an outer unit, it does no harm.
#[test]
fn no_events_on_the_log_scale() {
    let mut units = overdispersed_rates();
    units[0].1 = 0.0;
    let f = funnel(to_decimal(&units), Statistic::Rate).unwrap();
    let dropped = f.clone().adjusted(Overdispersion::new(Scale::Log)).unwrap();
    assert_eq!(dropped.points()[0].significance, Significance::Low001);
    let kept = f.adjusted(Overdispersion::new(Scale::Log).with_trim(0.0).unwrap()).unwrap_err();
    assert!(kept.to_string().contains("square-root"), "{kept}");
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
        let plain_rates: Vec<(f64, f64)> = rates.iter().map(|u| (u.1, u.2)).collect();
        for (scale, name) in [(Scale::SquareRoot, "sqrt"), (Scale::Log, "log")] {
            let f = adjusted(&rates, Statistic::Rate, scale, trim);
            check(&f, &plain(name, &plain_rates, trim), &rates);
        }
        let shares: Vec<(usize, f64, f64)> =
            raw.iter().enumerate().map(|(i, (x, n))| (i, (*x).min(*n) as f64, *n as f64)).collect();
        let plain_shares: Vec<(f64, f64)> = shares.iter().map(|u| (u.1, u.2)).collect();
        let f = adjusted(&shares, Statistic::Proportion, Scale::Arcsine, trim);
        check(&f, &plain("arcsine", &plain_shares, trim), &shares);
    }
}
