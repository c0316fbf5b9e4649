//! Funnel-plot significance: is a unit genuinely unusual, or merely small?
//!
//! Two steps, each stated in `docs/reference/statistics.md`:
//!
//! - [`funnel()`] places units against their pooled baseline with the limits of
//!   chance alone: for proportions the Wilson-based limits (section 3); for crude
//!   rates each unit labelled by its own interval (Byar from 10 events, exact
//!   below; section 4) and the lines drawn exact at every count (section 7), as
//!   PHEindicatormethods' `assign_funnel_significance` and
//!   `calculate_funnel_limits` do.
//! - [`Funnel::adjusted`] widens the limits for overdispersion (section 8,
//!   Spiegelhalter 2005; see [`overdispersion`](self::Overdispersion)) when the
//!   units differ by more than chance allows, as forces with tens of thousands
//!   of crimes always do, and labels each unit against its own widened limits.
//!
//! ```
//! use policing_stats::{funnel, Overdispersion, Significance, Statistic};
//! use rust_decimal::Decimal;
//! // Five forces whose rates spread far beyond Poisson noise.
//! let units = [("A", 54_000, 1_000_000), ("B", 70_000, 1_000_000), ("C", 61_000, 900_000),
//!              ("D", 45_000, 800_000), ("E", 66_000, 1_100_000)];
//! let units = units.map(|(k, o, d)| (k, Decimal::from(o), Decimal::from(d)));
//! let poisson = funnel(units, Statistic::Rate)?;
//! assert!(poisson.points().iter().all(|p| p.significance != Significance::NotSignificant));
//! let fair = poisson.adjusted(Overdispersion::for_statistic(Statistic::Rate))?;
//! let dispersion = fair.dispersion().expect("adjusted");
//! assert!(dispersion.phi > 100.0 && dispersion.is_adjusted());
//! assert!(fair.points().iter().all(|p| p.significance == Significance::NotSignificant));
//! # Ok::<(), policing_stats::StatsError>(())
//! ```

use std::fmt;

use rust_decimal::Decimal;

use crate::error::{non_negative, Result, StatsError};
use crate::interval::{poisson_interval_f64, to_f64};

mod limits;
mod overdispersion;

pub use limits::{proportion_funnel_limits, rate_funnel_limits};
pub use overdispersion::{Dispersion, Overdispersion, Scale};

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

impl Statistic {
    /// `proportion` or `rate`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Statistic::Proportion => "proportion",
            Statistic::Rate => "rate",
        }
    }
}

/// The probability for the 95% ("2 sigma") limits.
pub const P95: f64 = 0.975;
/// The probability for the 99.8% ("3 sigma") limits.
pub const P998: f64 = 0.999;

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
    /// Its significance against the baseline (against the adjusted limits once
    /// the funnel is [adjusted](Funnel::adjusted)).
    pub significance: Significance,
    /// The denominator as a float, as the limits use it.
    #[cfg_attr(feature = "serde", serde(skip))]
    denominator_f64: f64,
}

/// Units placed on a funnel plot against their pooled baseline.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Funnel<K> {
    statistic: Statistic,
    baseline: f64,
    dispersion: Option<Dispersion>,
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

    /// The overdispersion estimate, when the funnel was [adjusted](Funnel::adjusted).
    #[must_use]
    pub fn dispersion(&self) -> Option<&Dispersion> {
        self.dispersion.as_ref()
    }

    /// The limits `(low, high)` at size `denominator` and probability `p`
    /// ([`P95`] or [`P998`]), in the units of [`FunnelPoint::value`], for drawing the funnel.
    ///
    /// The overdispersion-adjusted limits when the funnel was adjusted and
    /// `tau^2 > 0`; otherwise the limits of chance alone
    /// ([`proportion_funnel_limits`], [`rate_funnel_limits`]). An adjusted unit is
    /// labelled significant exactly when it lies outside these limits at its own
    /// denominator; so is an unadjusted proportion, and an unadjusted rate but for
    /// the sliver between Byar's and the exact limits (see [`rate_funnel_limits`]).
    #[must_use]
    pub fn limits(&self, denominator: f64, p: f64) -> (f64, f64) {
        match (&self.dispersion, self.statistic) {
            (Some(d), _) if d.is_adjusted() => d.limits(self.baseline, denominator, p),
            (_, Statistic::Proportion) => proportion_funnel_limits(self.baseline, denominator, p),
            (_, Statistic::Rate) => rate_funnel_limits(self.baseline, denominator, p),
        }
    }

    /// The funnel with its limits widened for overdispersion (the
    /// [method](Overdispersion)): `phi` and `tau^2` estimated from the units, and
    /// every unit labelled against its own adjusted limits. When `tau^2` is 0 the
    /// labels of chance alone stand and [`Funnel::dispersion`] says so.
    ///
    /// # Errors
    /// [`StatsError::ScaleDoesNotFit`] for a scale of the other statistic;
    /// [`StatsError::NotRepresentable`] when a unit's z-score is not finite (a
    /// baseline of 0, or a unit with no events kept on the log scale).
    pub fn adjusted(mut self, method: Overdispersion) -> Result<Funnel<K>> {
        if !method.scale().fits(self.statistic) {
            return Err(StatsError::ScaleDoesNotFit { scale: method.scale().name(), statistic: self.statistic.name() });
        }
        let units: Vec<(f64, f64)> = self.points.iter().map(|p| (p.value, p.denominator_f64)).collect();
        let dispersion = overdispersion::estimate(method, self.baseline, &units)?;
        if dispersion.is_adjusted() {
            for p in &mut self.points {
                let limits95 = dispersion.limits(self.baseline, p.denominator_f64, P95);
                let limits998 = dispersion.limits(self.baseline, p.denominator_f64, P998);
                p.significance = side(p.value, limits95, limits998);
            }
        } else {
            let exact = self.points.iter().map(|p| unadjusted(self.statistic, self.baseline, p));
            let labels: Vec<Significance> = exact.collect();
            for (p, s) in self.points.iter_mut().zip(labels) {
                p.significance = s;
            }
        }
        self.dispersion = Some(dispersion);
        Ok(self)
    }
}

/// Where `value` lies against the 95% and 99.8% limits `(low, high)`, in the order
/// of statistics.md section 3: low 99.8, low 95, high 99.8, high 95.
#[must_use]
pub fn side(value: f64, (low95, high95): (f64, f64), (low998, high998): (f64, f64)) -> Significance {
    if value < low998 {
        Significance::Low001
    } else if value < low95 {
        Significance::Low025
    } else if value > high998 {
        Significance::High001
    } else if value > high95 {
        Significance::High025
    } else {
        Significance::NotSignificant
    }
}

fn unadjusted<K>(statistic: Statistic, baseline: f64, p: &FunnelPoint<K>) -> Significance {
    match statistic {
        Statistic::Proportion => proportion_significance(baseline, p.value, p.denominator_f64),
        Statistic::Rate => rate_significance(baseline, p.value * p.denominator_f64, p.denominator_f64),
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
            FunnelPoint { key, numerator, denominator, value, significance, denominator_f64: n }
        })
        .collect();
    Ok(Funnel { statistic, baseline, dispersion: None, points })
}

fn proportion_significance(a: f64, y: f64, n: f64) -> Significance {
    side(y, proportion_funnel_limits(a, n, P95), proportion_funnel_limits(a, n, P998))
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
