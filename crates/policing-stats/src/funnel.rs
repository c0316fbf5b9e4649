//! Funnel-plot significance: is a unit genuinely unusual, or merely small?
//!
//! Exactly as `docs/reference/statistics.md` sections 3 (proportions,
//! Spiegelhalter 2005 with Wilson-based limits) and 4 (crude rates, Byar or
//! exact Poisson limits), which follow PHEindicatormethods
//! `assign_funnel_significance` and `calculate_funnel_limits`.

use std::fmt;

use rust_decimal::Decimal;

use crate::error::{non_negative, Result, StatsError};
use crate::interval::{normal_quantile, poisson_interval_f64, to_f64};

/// The five-way funnel-plot significance, spelled as PHEindicatormethods spells it.
///
/// A closed set: two levels each side and the middle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Significance {
    /// Above the 99.8% limit: "High (0.001)".
    High001,
    /// Above the 95% limit only: "High (0.025)".
    High025,
    /// Within the 95% limits: "Not significant".
    NotSignificant,
    /// Below the 95% limit only: "Low (0.025)".
    Low025,
    /// Below the 99.8% limit: "Low (0.001)".
    Low001,
}

impl Significance {
    /// The label exactly as PHEindicatormethods prints it.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Significance::High001 => "High (0.001)",
            Significance::High025 => "High (0.025)",
            Significance::NotSignificant => "Not significant",
            Significance::Low025 => "Low (0.025)",
            Significance::Low001 => "Low (0.001)",
        }
    }
}

impl fmt::Display for Significance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Which kind of statistic a funnel is drawn for.
///
/// Not exhaustive: directly standardised rates may follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Statistic {
    /// A proportion `x / n` with `x <= n` (statistics.md section 3).
    Proportion,
    /// A crude rate `o / d` (statistics.md section 4).
    Rate,
}

/// The probability for the 95% ("2 sigma") limits.
pub const P95: f64 = 0.975;
/// The probability for the 99.8% ("3 sigma") limits.
pub const P998: f64 = 0.999;

/// The limits of a proportion funnel at size `n` around baseline `a` for
/// probability `p` ([`P95`] or [`P998`]), as fractions: `(low, high)`.
///
/// ```
/// use policing_stats::{proportion_funnel_limits, P95};
/// let (low, high) = proportion_funnel_limits(0.3, 100.0, P95);
/// assert!(low < 0.3 && 0.3 < high);
/// ```
///
/// Clipped to `[0, 1]` as PHEindicatormethods clips them to 0-100%.
#[must_use]
pub fn proportion_funnel_limits(a: f64, n: f64, p: f64) -> (f64, f64) {
    let q = normal_quantile(p);
    let q2 = q * q;
    let f = a * (n / q2 + 1.0);
    let g = ((8.0 * f).powi(2) - 64.0 * (1.0 / q2 + 1.0 / n) * a * (n * (a * (n / q2 + 2.0) - 1.0) + q2 * (a - 1.0)))
        .max(0.0)
        .sqrt();
    let h = 1.0 / q2 + 1.0 / n;
    ((((f - g / 8.0) / h) / n).clamp(0.0, 1.0), (((f + g / 8.0) / h) / n).clamp(0.0, 1.0))
}

/// The limits of a crude-rate funnel at denominator `d` around the baseline rate
/// `r` (events per unit of denominator) for probability `p` ([`P95`] or [`P998`]),
/// as rates: `(low, high)`.
///
/// As PHEindicatormethods' `calculate_funnel_limits` computes them for crude
/// rates (`docs/reference/statistics.md` sections 2 and 4): a unit with `O`
/// events is significantly high when the lower limit of its own interval on the
/// events (confidence `c = 2p - 1`; Byar's approximation for `O >= 10`, the exact
/// Poisson limits from the chi-square quantile below 10) lies above the expected
/// count `r d`. So the high limit at `d` is `O / d` for the count `O` whose lower
/// limit equals `r d`, and the low limit is `O / d` for the count whose upper
/// limit equals `r d` (0 when even no events would not be significantly low).
/// The counts are found by bisection over real `O`. Byar's and the exact limits
/// do not quite meet at `O = 10`; where both branches give a count, the larger is
/// taken, so that every whole count's label and its side of the line agree.
///
/// ```
/// use policing_stats::{rate_funnel_limits, poisson_interval, P95};
/// use rust_decimal::Decimal;
/// let (r, d) = (0.001, 300_000.0); // baseline 1 per 1,000; expected 300 events
/// let (low, high) = rate_funnel_limits(r, d, P95);
/// assert!(low < r && r < high);
/// // At the high limit, the lower end of the unit's own interval touches the baseline.
/// let o = high * d;
/// let ci = poisson_interval(Decimal::try_from(o).unwrap(), 0.95).unwrap();
/// assert!((ci.lower / d - r).abs() < 1e-12);
/// ```
#[must_use]
pub fn rate_funnel_limits(r: f64, d: f64, p: f64) -> (f64, f64) {
    if !(r.is_finite() && d.is_finite() && d > 0.0 && r >= 0.0 && p > 0.5 && p < 1.0) {
        return (f64::NAN, f64::NAN);
    }
    let confidence = 2.0 * p - 1.0;
    let target = r * d;
    let lower = |o: f64| poisson_interval_f64(o, confidence).lower;
    let upper = |o: f64| poisson_interval_f64(o, confidence).upper;
    let high = events_at(&lower, target).unwrap_or(0.0) / d;
    let low = events_at(&upper, target).unwrap_or(0.0) / d;
    (low, high)
}

/// The largest count `O >= 0` at which the increasing limit function `f` (Byar
/// from 10 events, exact below) equals `target`: `None` when `f(0) > target`.
fn events_at(f: &dyn Fn(f64) -> f64, target: f64) -> Option<f64> {
    let solve = |mut lo: f64, mut hi: f64| {
        for _ in 0..200 {
            let mid = 0.5 * (lo + hi);
            if f(mid) <= target {
                lo = mid;
            } else {
                hi = mid;
            }
            if hi - lo <= 1e-14 * hi.max(1.0) {
                break;
            }
        }
        0.5 * (lo + hi)
    };
    const SMALL: f64 = 10.0;
    if f(SMALL) <= target {
        // Byar's branch, increasing from 10: bracket by doubling.
        let mut hi = (2.0 * target).max(2.0 * SMALL) + 50.0;
        let mut guard = 0;
        while f(hi) <= target && guard < 2_000 {
            hi *= 2.0;
            guard += 1;
        }
        return Some(solve(SMALL, hi));
    }
    if f(0.0) > target {
        return None;
    }
    // The exact branch, increasing on [0, 10).
    Some(solve(0.0, SMALL))
}

/// One unit's place in a funnel.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct FunnelPoint<K> {
    /// The unit.
    pub key: K,
    /// Its numerator.
    pub numerator: Decimal,
    /// Its denominator.
    pub denominator: Decimal,
    /// Its value: `numerator / denominator` (a fraction for proportions, a rate per 1 for rates).
    pub value: f64,
    /// Its significance against the baseline.
    pub significance: Significance,
}

/// Units placed on a funnel plot against their pooled baseline.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Funnel<K> {
    statistic: Statistic,
    baseline: f64,
    points: Vec<FunnelPoint<K>>,
}

impl<K> Funnel<K> {
    /// The statistic.
    #[must_use]
    pub fn statistic(&self) -> Statistic {
        self.statistic
    }

    /// The baseline: pooled `sum(numerators) / sum(denominators)`.
    #[must_use]
    pub fn baseline(&self) -> f64 {
        self.baseline
    }

    /// The units in input order.
    #[must_use]
    pub fn points(&self) -> &[FunnelPoint<K>] {
        &self.points
    }

    /// The limits `(low, high)` at size `denominator` and probability `p`
    /// ([`P95`] or [`P998`]), in the units of [`FunnelPoint::value`], for drawing the funnel.
    /// A unit is labelled significant exactly when it lies outside the limits at its
    /// own denominator ([`proportion_funnel_limits`], [`rate_funnel_limits`]).
    #[must_use]
    pub fn limits(&self, denominator: f64, p: f64) -> (f64, f64) {
        match self.statistic {
            Statistic::Proportion => proportion_funnel_limits(self.baseline, denominator, p),
            Statistic::Rate => rate_funnel_limits(self.baseline, denominator, p),
        }
    }
}

/// Assigns funnel-plot significance to every unit: `(key, numerator, denominator)`.
///
/// Numerators and denominators may be non-integer. For proportions `x <= n`
/// is required.
///
/// ```
/// use policing_stats::{funnel, Significance, Statistic};
/// use rust_decimal::Decimal;
/// let d = |v: i64| Decimal::from(v);
/// let units = vec![("A", d(40), d(100)), ("B", d(300), d(1000)), ("C", d(500), d(1000))];
/// let f = funnel(units, Statistic::Proportion)?;
/// let labels: Vec<&str> = f.points().iter().map(|p| p.significance.label()).collect();
/// assert_eq!(labels, ["Not significant", "Low (0.001)", "High (0.001)"]);
/// # Ok::<(), policing_stats::StatsError>(())
/// ```
///
/// # Errors
/// [`StatsError::NoIncludedUnits`] for no units, [`StatsError::Negative`],
/// [`StatsError::DivisionByZero`] for a zero denominator,
/// [`StatsError::PartExceedsWhole`] for a proportion above 1.
pub fn funnel<K>(units: impl IntoIterator<Item = (K, Decimal, Decimal)>, statistic: Statistic) -> Result<Funnel<K>> {
    let mut checked = Vec::new();
    let (mut sum_num, mut sum_den) = (0.0f64, 0.0f64);
    for (key, numerator, denominator) in units {
        let numerator = non_negative("numerator", numerator)?;
        let denominator = non_negative("denominator", denominator)?;
        if denominator.is_zero() {
            return Err(StatsError::DivisionByZero { what: "denominator" });
        }
        if statistic == Statistic::Proportion && numerator > denominator {
            return Err(StatsError::PartExceedsWhole { part: numerator, whole: denominator });
        }
        let (x, n) = (to_f64("numerator", numerator)?, to_f64("denominator", denominator)?);
        sum_num += x;
        sum_den += n;
        checked.push((key, numerator, denominator, x, n));
    }
    if checked.is_empty() {
        return Err(StatsError::NoIncludedUnits { what: "draw a funnel" });
    }
    let baseline = sum_num / sum_den;
    let points = checked
        .into_iter()
        .map(|(key, numerator, denominator, x, n)| {
            let value = x / n;
            let significance = match statistic {
                Statistic::Proportion => proportion_significance(baseline, value, n),
                Statistic::Rate => rate_significance(baseline, x, n),
            };
            FunnelPoint { key, numerator, denominator, value, significance }
        })
        .collect();
    Ok(Funnel { statistic, baseline, points })
}

fn proportion_significance(a: f64, y: f64, n: f64) -> Significance {
    let (low3, high3) = proportion_funnel_limits(a, n, P998);
    let (low2, high2) = proportion_funnel_limits(a, n, P95);
    if y < low3 {
        Significance::Low001
    } else if y < low2 {
        Significance::Low025
    } else if y > high3 {
        Significance::High001
    } else if y > high2 {
        Significance::High025
    } else {
        Significance::NotSignificant
    }
}

fn rate_significance(r: f64, o: f64, d: f64) -> Significance {
    let wide = poisson_interval_f64(o, 0.998);
    let narrow = poisson_interval_f64(o, 0.95);
    if r < wide.lower / d {
        Significance::High001
    } else if r < narrow.lower / d {
        Significance::High025
    } else if r > wide.upper / d {
        Significance::Low001
    } else if r > narrow.upper / d {
        Significance::Low025
    } else {
        Significance::NotSignificant
    }
}
