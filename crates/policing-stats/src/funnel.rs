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
#[must_use]
pub fn proportion_funnel_limits(a: f64, n: f64, p: f64) -> (f64, f64) {
    let q = normal_quantile(p);
    let q2 = q * q;
    let f = a * (n / q2 + 1.0);
    let g = ((8.0 * f).powi(2) - 64.0 * (1.0 / q2 + 1.0 / n) * a * (n * (a * (n / q2 + 2.0) - 1.0) + q2 * (a - 1.0)))
        .max(0.0)
        .sqrt();
    let h = 1.0 / q2 + 1.0 / n;
    (((f - g / 8.0) / h) / n, ((f + g / 8.0) / h) / n)
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
    #[must_use]
    pub fn limits(&self, denominator: f64, p: f64) -> (f64, f64) {
        match self.statistic {
            Statistic::Proportion => proportion_funnel_limits(self.baseline, denominator, p),
            Statistic::Rate => {
                // The events at which a unit of this size would just be significant:
                // the Poisson limits around the expected count.
                let expected = self.baseline * denominator;
                let c = 1.0 - 2.0 * (1.0 - p);
                let i = poisson_interval_f64(expected, c);
                (i.lower / denominator, i.upper / denominator)
            }
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
