//! Change between two periods, as `docs/reference/statistics.md` section 9
//! states it: each unit's change with its exact interval, and each unit's
//! change compared with the pooled change (England and Wales's, when the units
//! are its forces), allowing for overdispersion.
//!
//! 1. **The change** of a unit with `x1` events in the earlier period and `x2`
//!    in the later (exposures `T1`, `T2`: 1 and 1 for a change in counts, as a
//!    report's "percent change" is): `RR = (x2 / T2) / (x1 / T1)`, printed as
//!    `100 (RR - 1)` percent. Its exact 95% interval is conditional on
//!    `n = x1 + x2`: `x2 ~ Binomial(n, pi)`, the Clopper-Pearson interval
//!    `(pL, pU)` of `pi`, and `RR_L = pL / (1 - pL) T1 / T2`, `RR_U` likewise
//!    (Breslow and Day 1987; R's `poisson.test`). With fewer than 10 events
//!    ([`Change::TooFewEvents`]) or none in the earlier period
//!    ([`Change::NoEarlierEvents`]) no percentage is given.
//! 2. **Against the pooled change** ([`compare_changes`]): `R0 = X2 / X1` from
//!    the pooled counts; per unit `L = ln(x2 / x1)`, `s^2 = 1 / x1 + 1 / x2`,
//!    `z = (L - ln R0) / s`; `phi` and `tau^2` estimated as section 8 steps 2-3
//!    on the log scale (FunnelPlotR's decile groups); a unit has changed more
//!    or less than the pool at 95% / 99.8% when `|L - ln R0| > z_q sqrt(s^2 +
//!    tau^2)` (`tau^2 = 0` when `phi <= 1`). Units with no events in either
//!    period are left out of the estimate and judged by the exact interval of
//!    step 1 against `R0`; units with fewer than 10 events in all are not judged.
//!
//! ```
//! use policing_stats::change::Change;
//! // Wiltshire's recorded crime, 12 months to June 2015 and to June 2016.
//! let c = Change::between(33_656, 38_612);
//! assert_eq!(c.percent().map(|p| p.round_dp(1).to_string()), Some("14.7".to_owned()));
//! let i = c.interval().expect("enough events");
//! assert!((i.lower - 13.058).abs() < 1e-3 && (i.upper - 16.418).abs() < 1e-3);
//! assert_eq!(Change::between(2, 0).to_string(), "too few events to judge a change (2 then 0)");
//! # Ok::<(), policing_stats::StatsError>(())
//! ```

use std::fmt;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use statrs::function::gamma::ln_gamma;

use crate::funnel::overdispersion::phi_and_tau2;
use crate::funnel::{Significance, DEFAULT_TRIM};
use crate::interval::{normal_quantile, Interval};

/// The fewest events in the two periods together for a change to be judged.
pub const FEWEST_EVENTS: u64 = 10;

/// A unit's change between two periods.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub enum Change {
    /// Enough events: the rate ratio and its exact 95% interval.
    Measured {
        /// Events in the earlier period.
        earlier: u64,
        /// Events in the later period.
        later: u64,
        /// The rate ratio `(x2 / T2) / (x1 / T1)`.
        ratio: f64,
        /// Its exact 95% interval (Clopper-Pearson on the conditional binomial).
        interval: Interval,
    },
    /// Fewer than [`FEWEST_EVENTS`] events in the two periods together: counts, no percentage.
    TooFewEvents {
        /// Events in the earlier period.
        earlier: u64,
        /// Events in the later period.
        later: u64,
    },
    /// No events in the earlier period: the change is undefined.
    NoEarlierEvents {
        /// Events in the later period.
        later: u64,
    },
}

impl Change {
    /// The change in a count: exposures 1 and 1.
    #[must_use]
    pub fn between(earlier: u64, later: u64) -> Change {
        Self::with_exposures(earlier, later, 1.0, 1.0)
    }

    /// The change in a rate: `earlier` events over exposure `t1`, `later` over `t2`
    /// (populations, or years of time). Exposures that are not positive and
    /// finite are taken as 1.
    #[must_use]
    pub fn with_exposures(earlier: u64, later: u64, t1: f64, t2: f64) -> Change {
        let n = earlier.saturating_add(later);
        if n < FEWEST_EVENTS {
            return Change::TooFewEvents { earlier, later };
        }
        if earlier == 0 {
            return Change::NoEarlierEvents { later };
        }
        let exposure = if t1 > 0.0 && t2 > 0.0 && t1.is_finite() && t2.is_finite() { t1 / t2 } else { 1.0 };
        let (x1, x2) = (earlier as f64, later as f64);
        Change::Measured {
            earlier,
            later,
            ratio: x2 / x1 * exposure,
            interval: ratio_interval(x2, x1 + x2, 0.95, exposure),
        }
    }

    /// The change as a percentage, `100 (RR - 1)`, exact for counts (a
    /// decimal), when measured.
    #[must_use]
    pub fn percent(&self) -> Option<Decimal> {
        match self {
            Change::Measured { earlier, later, ratio, .. } => {
                let exact = (Decimal::from(*later) - Decimal::from(*earlier))
                    .checked_mul(Decimal::ONE_HUNDRED)
                    .and_then(|d| d.checked_div(Decimal::from(*earlier)));
                // Exposures other than 1 leave only the float ratio.
                let from_ratio = || Decimal::try_from((ratio - 1.0) * 100.0).ok();
                match exact {
                    Some(p) if (ratio - *later as f64 / *earlier as f64).abs() < 1e-12 * ratio.abs().max(1.0) => {
                        Some(p)
                    }
                    _ => from_ratio(),
                }
            }
            _ => None,
        }
    }

    /// The exact 95% interval of the percentage change.
    #[must_use]
    pub fn interval(&self) -> Option<Interval> {
        match self {
            Change::Measured { interval, .. } => {
                Some(Interval { lower: (interval.lower - 1.0) * 100.0, upper: (interval.upper - 1.0) * 100.0 })
            }
            _ => None,
        }
    }

    /// The events in the earlier and later periods.
    #[must_use]
    pub fn counts(&self) -> (u64, u64) {
        match *self {
            Change::Measured { earlier, later, .. } | Change::TooFewEvents { earlier, later } => (earlier, later),
            Change::NoEarlierEvents { later } => (0, later),
        }
    }
}

impl fmt::Display for Change {
    /// "+14.7% (+13.1% to +16.4%)", "too few events to judge a change (2 then 0)",
    /// "no events in the earlier period (0 then 12)".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let signed = |v: f64| if v > 0.0 { format!("+{v:.1}%") } else { format!("{v:.1}%") };
        match self {
            Change::Measured { .. } => {
                let p = self.percent().and_then(|p| p.to_f64()).unwrap_or(f64::NAN);
                match self.interval() {
                    Some(i) => write!(f, "{} ({} to {})", signed(p), signed(i.lower), signed(i.upper)),
                    None => f.write_str(&signed(p)),
                }
            }
            Change::TooFewEvents { earlier, later } => {
                write!(f, "too few events to judge a change ({earlier} then {later})")
            }
            Change::NoEarlierEvents { later } => write!(f, "no events in the earlier period (0 then {later})"),
        }
    }
}

/// The exact interval of the rate ratio at `confidence` from `x2` of `n`
/// events in the later period: Clopper-Pearson `(pL, pU)`, each as `p / (1 - p)`
/// times `exposure` (`T1 / T2`).
fn ratio_interval(x2: f64, n: f64, confidence: f64, exposure: f64) -> Interval {
    let p = clopper_pearson(x2, n, confidence);
    let odds = |p: f64| if p >= 1.0 { f64::INFINITY } else { p / (1.0 - p) };
    Interval { lower: odds(p.lower) * exposure, upper: odds(p.upper) * exposure }
}

/// The Clopper-Pearson ("exact") interval of a binomial proportion: `x` of `n`
/// at `confidence`, `(Beta(a/2; x, n - x + 1), Beta(1 - a/2; x + 1, n - x))`,
/// the Beta quantiles by our own inversion of the regularised incomplete beta
/// function (accurate for the millions of events of a force's year, where
/// `statrs`' fixed 140-term continued fraction is not).
///
/// ```
/// use policing_stats::change::clopper_pearson;
/// // R: binom.test(3, 10)$conf.int = 0.06673951 0.65245285
/// let i = clopper_pearson(3.0, 10.0, 0.95);
/// assert!((i.lower - 0.066_739_51).abs() < 1e-8 && (i.upper - 0.652_452_85).abs() < 1e-8);
/// ```
#[must_use]
pub fn clopper_pearson(x: f64, n: f64, confidence: f64) -> Interval {
    let half = (1.0 - confidence) / 2.0;
    let lower = if x <= 0.0 { 0.0 } else { beta_quantile(half, x, n - x + 1.0) };
    let upper = if x >= n { 1.0 } else { beta_quantile(1.0 - half, x + 1.0, n - x) };
    Interval { lower, upper }
}

/// `ln I_x(a, b)`, the log of the regularised incomplete beta function, by the
/// continued fraction (modified Lentz), with the symmetry `I_x(a, b) = 1 -
/// I_{1-x}(b, a)` on the side where the fraction converges fast. Its cap on terms
/// grows with `sqrt(a + b)`.
fn ln_beta_reg(a: f64, b: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return f64::NEG_INFINITY;
    }
    if x >= 1.0 {
        return 0.0;
    }
    let front = a * x.ln() + b * (-x).ln_1p() - ln_beta(a, b);
    if x < (a + 1.0) / (a + b + 2.0) {
        front + continued_fraction(a, b, x).ln() - a.ln()
    } else {
        // The same front, for I_{1-x}(b, a).
        let complement = (front + continued_fraction(b, a, 1.0 - x).ln() - b.ln()).exp();
        (-complement).ln_1p()
    }
}

/// `ln B(a, b)`. For large `a` and `b` by Stirling's series arranged so that
/// nothing cancels (`a ln(a / (a + b))` rather than `ln Gamma(a) - ln Gamma(a + b)`,
/// whose terms of 10^7 would cost the result its last nine digits at a million events).
fn ln_beta(a: f64, b: f64) -> f64 {
    if a < 10.0 || b < 10.0 {
        return ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b);
    }
    // Stirling's correction: ln Gamma(x) = (x - 1/2) ln x - x + ln(2 pi) / 2 + delta(x).
    let delta = |x: f64| {
        let x2 = x * x;
        (1.0 / 12.0 - (1.0 / 360.0 - 1.0 / (1260.0 * x2)) / x2) / x
    };
    let s = a + b;
    -a * (b / a).ln_1p() - b * (a / b).ln_1p()
        + 0.5 * (s.ln() - a.ln() - b.ln())
        + 0.5 * (2.0 * std::f64::consts::PI).ln()
        + delta(a)
        + delta(b)
        - delta(s)
}

/// The continued fraction of the incomplete beta function (Numerical Recipes' `betacf`).
fn continued_fraction(a: f64, b: f64, x: f64) -> f64 {
    let tiny = 1e-300;
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 - qab * x / qap;
    if d.abs() < tiny {
        d = tiny;
    }
    d = 1.0 / d;
    let mut h = d;
    let cap = 1_000 + (20.0 * (a + b).max(0.0).sqrt()).min(1e8) as u64;
    for m in 1..=cap {
        let m = m as f64;
        let m2 = 2.0 * m;
        let aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        if d.abs() < tiny {
            d = tiny;
        }
        c = 1.0 + aa / c;
        if c.abs() < tiny {
            c = tiny;
        }
        d = 1.0 / d;
        h *= d * c;
        let aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        if d.abs() < tiny {
            d = tiny;
        }
        c = 1.0 + aa / c;
        if c.abs() < tiny {
            c = tiny;
        }
        d = 1.0 / d;
        let delta = d * c;
        h *= delta;
        if (delta - 1.0).abs() < 1e-16 {
            break;
        }
    }
    h
}

/// The `p` quantile of the Beta(`a`, `b`) distribution: the `x` with `I_x(a, b) = p`,
/// by Newton steps on `ln I` kept inside a bracket (bisection when a step leaves it).
fn beta_quantile(p: f64, a: f64, b: f64) -> f64 {
    let target = p.ln();
    let ln_b = ln_beta(a, b);
    // A start from the normal approximation of the Beta distribution.
    let mean = a / (a + b);
    let sd = (a * b / ((a + b).powi(2) * (a + b + 1.0))).sqrt();
    let (mut lo, mut hi) = (0.0f64, 1.0f64);
    let mut x = (mean + normal_quantile(p) * sd).clamp(1e-300, 1.0 - 1e-16);
    for _ in 0..400 {
        let ln_i = ln_beta_reg(a, b, x);
        let f = ln_i - target;
        if f == 0.0 {
            return x;
        }
        if f < 0.0 {
            lo = x;
        } else {
            hi = x;
        }
        // d ln I / dx = density / I; the density is x^(a-1) (1-x)^(b-1) / B(a, b).
        let ln_density = (a - 1.0) * x.ln() + (b - 1.0) * (-x).ln_1p() - ln_b;
        let slope = (ln_density - ln_i).exp();
        let newton = x - f / slope;
        let next =
            if slope.is_finite() && slope > 0.0 && newton > lo && newton < hi { newton } else { 0.5 * (lo + hi) };
        if (next - x).abs() <= 1e-15 * x.max(1e-300) || hi - lo <= 1e-16 * hi {
            return next;
        }
        x = next;
    }
    x
}

/// One unit's change against the pooled change.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ComparedChange<K> {
    /// The unit.
    pub key: K,
    /// Its change, `None` when it was not given one (a definition break, missing counts).
    pub change: Option<Change>,
    /// Its change against the pooled change: `High` changed more, `Low` less;
    /// `None` when not judged (too few events, or no change).
    pub significance: Option<Significance>,
    /// `z = (L - ln R0) / sqrt(s^2 + tau^2)`, when judged on the log scale.
    pub z: Option<f64>,
    /// Why the unit has no change or no judgement, when it has none.
    pub note: Option<String>,
}

/// Every unit's change against the pooled change ([`compare_changes`]).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ChangeComparison<K> {
    /// The pooled counts `(X1, X2)` of the units given a change.
    pub pooled: (u64, u64),
    /// The pooled change `R0 = X2 / X1` (rate ratio of the pool), when `X1 > 0`.
    pub ratio: Option<f64>,
    /// `phi`, when estimated.
    pub phi: Option<f64>,
    /// `tau^2` (0 when `phi <= 1`).
    pub tau2: f64,
    /// The units the estimate used.
    pub units_used: usize,
    /// Each unit, in input order.
    pub units: Vec<ComparedChange<K>>,
}

impl<K> ChangeComparison<K> {
    /// How many units were judged, and how many changed more or less than the
    /// pool at 95% and at 99.8%.
    #[must_use]
    pub fn tests(&self) -> crate::comparison::Tests {
        let judged: Vec<Significance> = self.units.iter().filter_map(|u| u.significance).collect();
        crate::comparison::Tests::new(
            judged.len(),
            judged.iter().filter(|s| **s != Significance::NotSignificant).count(),
            judged.iter().filter(|s| matches!(s, Significance::High001 | Significance::Low001)).count(),
        )
    }

    /// The method and the estimate, in words.
    #[must_use]
    pub fn note(&self) -> String {
        match (self.ratio, self.phi) {
            (Some(r), Some(phi)) => format!(
                "change against the pooled change ({}): log rate ratios, overdispersion phi {phi:.1}, tau^2 {:.3e} over \
                 {} units (decile truncation){}",
                pct(r),
                self.tau2,
                self.units_used,
                if phi <= 1.0 { "; phi <= 1, nothing widened" } else { "" }
            ),
            (Some(r), None) => format!("change against the pooled change ({}): too few units to estimate overdispersion", pct(r)),
            _ if self.units.iter().all(|u| u.change.is_none()) => {
                "no unit has a change to compare (each row says why)".to_owned()
            }
            _ => "no pooled change: the pool had no events in the earlier period".to_owned(),
        }
    }
}

fn pct(ratio: f64) -> String {
    let v = (ratio - 1.0) * 100.0;
    if v > 0.0 {
        format!("+{v:.1}%")
    } else {
        format!("{v:.1}%")
    }
}

/// A unit's counts in the earlier and later periods, or why it has none.
pub type ChangeInput = Result<(u64, u64), String>;

/// Compares each unit's change with the pooled change (statistics.md section 9
/// step 2): `units` are each unit's `(earlier, later)` counts, or `None` with
/// the reason it has no change (a definition break, a count not held); `widen`
/// allows for overdispersion (the log scale, decile truncation at `trim` =
/// [`DEFAULT_TRIM`]), `false` for chance alone.
///
/// ```
/// use policing_stats::change::compare_changes;
/// use policing_stats::Significance;
/// let units = vec![("A", Ok((1_000, 1_100))), ("B", Ok((2_000, 2_150))), ("C", Ok((800, 1_300))), ("D", Ok((3, 4)))];
/// // By chance alone: C rose far more than the pool (+19.7%).
/// let c = compare_changes(units.clone(), false);
/// assert!(c.ratio.is_some_and(|r| (r - 4_554.0 / 3_803.0).abs() < 1e-12));
/// assert_eq!(c.units[2].significance, Some(Significance::High001));
/// assert_eq!(c.units[3].significance, None); // 7 events: too few to judge
/// // Four units this different vary far beyond chance: allowing for it, C is in line.
/// let c = compare_changes(units, true);
/// assert!(c.phi.is_some_and(|phi| phi > 10.0));
/// assert_eq!(c.units[2].significance, Some(Significance::NotSignificant));
/// ```
pub fn compare_changes<K>(units: Vec<(K, ChangeInput)>, widen: bool) -> ChangeComparison<K> {
    let (mut x1s, mut x2s) = (0u64, 0u64);
    for (_, c) in &units {
        if let Ok((a, b)) = c {
            x1s = x1s.saturating_add(*a);
            x2s = x2s.saturating_add(*b);
        }
    }
    let ratio = (x1s > 0).then(|| x2s as f64 / x1s as f64);
    // Step 2's estimate, on the units with events in both periods.
    let scored: Vec<(f64, f64)> = match ratio {
        Some(r0) if r0 > 0.0 => units
            .iter()
            .filter_map(|(_, c)| c.as_ref().ok())
            .filter(|(a, b)| *a > 0 && *b > 0)
            .map(|&(a, b)| {
                let (x1, x2) = (a as f64, b as f64);
                let s = (1.0 / x1 + 1.0 / x2).sqrt();
                (((x2 / x1).ln() - r0.ln()) / s, s)
            })
            .collect(),
        _ => Vec::new(),
    };
    let estimate = phi_and_tau2(&scored, false, DEFAULT_TRIM);
    let (phi, tau2, units_used) = match estimate {
        Some((phi, tau2, m)) => (Some(phi), if widen && phi > 1.0 { tau2 } else { 0.0 }, m),
        None => (None, 0.0, 0),
    };
    let z95 = normal_quantile(0.975);
    let z998 = normal_quantile(0.999);
    let compared = units
        .into_iter()
        .map(|(key, c)| {
            let (a, b) = match c {
                Ok(ab) => ab,
                Err(why) => return ComparedChange { key, change: None, significance: None, z: None, note: Some(why) },
            };
            let change = Change::between(a, b);
            let Some(r0) = ratio else {
                return ComparedChange { key, change: Some(change), significance: None, z: None, note: None };
            };
            if a.saturating_add(b) < FEWEST_EVENTS {
                let note = Some("too few events to judge a change".to_owned());
                return ComparedChange { key, change: Some(change), significance: None, z: None, note };
            }
            if a == 0 || b == 0 {
                // The exact interval of the rate ratio against the pooled ratio.
                let (x2, n) = (b as f64, (a + b) as f64);
                let side = |confidence: f64| {
                    let i = ratio_interval(x2, n, confidence, 1.0);
                    if r0 < i.lower {
                        Some(true)
                    } else if r0 > i.upper {
                        Some(false)
                    } else {
                        None
                    }
                };
                let significance = label(side(0.95), side(0.998));
                let note = Some("no events in one period: judged by the exact interval alone".to_owned());
                return ComparedChange { key, change: Some(change), significance: Some(significance), z: None, note };
            }
            let (x1, x2) = (a as f64, b as f64);
            let spread = (1.0 / x1 + 1.0 / x2 + tau2).sqrt();
            let gap = (x2 / x1).ln() - r0.ln();
            let side = |z: f64| {
                if gap > z * spread {
                    Some(true)
                } else if gap < -z * spread {
                    Some(false)
                } else {
                    None
                }
            };
            let significance = label(side(z95), side(z998));
            ComparedChange {
                key,
                change: Some(change),
                significance: Some(significance),
                z: Some(gap / spread),
                note: None,
            }
        })
        .collect();
    ChangeComparison { pooled: (x1s, x2s), ratio, phi, tau2, units_used, units: compared }
}

/// The five-way label from the sides at 95% and 99.8% (`true`: higher).
fn label(at95: Option<bool>, at998: Option<bool>) -> Significance {
    match (at95, at998) {
        (_, Some(true)) => Significance::High001,
        (_, Some(false)) => Significance::Low001,
        (Some(true), None) => Significance::High025,
        (Some(false), None) => Significance::Low025,
        (None, None) => Significance::NotSignificant,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a test: a failure panics with its message")]
    use super::*;

    #[test]
    fn ln_beta_agrees_with_the_gamma_function_where_both_are_exact() {
        for (a, b) in [(10.0, 10.0), (12.5, 40.0), (100.0, 7_000.0), (3_000.0, 3_000.0)] {
            let by_gamma = ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b);
            assert!((ln_beta(a, b) - by_gamma).abs() < 1e-9 * by_gamma.abs().max(1.0), "{a} {b}");
        }
    }

    #[test]
    fn the_incomplete_beta_function_at_known_values() {
        // I_0.3(2, 5) = 0.579825 (R: pbeta(0.3, 2, 5)).
        assert!((ln_beta_reg(2.0, 5.0, 0.3).exp() - 0.579_825).abs() < 1e-6);
        // pbeta(0.5, 1e6, 1e6) = 0.5.
        assert!((ln_beta_reg(1e6, 1e6, 0.5).exp() - 0.5).abs() < 1e-10);
    }

    #[test]
    fn small_counts_are_not_a_percentage() {
        assert_eq!(Change::between(2, 0), Change::TooFewEvents { earlier: 2, later: 0 });
        assert_eq!(Change::between(0, 12), Change::NoEarlierEvents { later: 12 });
        assert!(Change::between(0, 12).percent().is_none());
        assert_eq!(Change::between(0, 12).to_string(), "no events in the earlier period (0 then 12)");
    }
}
