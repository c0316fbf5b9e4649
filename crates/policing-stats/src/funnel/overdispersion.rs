//! Funnel limits widened for overdispersion (Spiegelhalter 2005, "Handling
//! over-dispersion of performance indicators"), as `docs/reference/statistics.md`
//! section 8 states the method.
//!
//! With counts in the tens of thousands, Poisson or binomial limits are so
//! narrow that almost every force lies outside them: forces differ by far more
//! than chance allows. The method estimates that extra variation and widens the
//! limits by it, so that a unit is flagged only when it is unusual *among units
//! like it*:
//!
//! 1. Each unit's value is put on a scale where its variance is known: for
//!    rates the standardised ratio `O / E` (`E` = denominator x pooled rate) on
//!    the square-root scale (`y = sqrt(O / E)`, target 1, `s = 1 / (2 sqrt(E))`)
//!    or the log scale (`y = ln(O / E)`, target 0, `s = 1 / sqrt(E)`); for
//!    proportions the arcsine-square-root scale (`y = asin(sqrt(p))`, target
//!    `asin(sqrt(pooled p))`, `s = 1 / (2 sqrt(n))`). `z = (y - target) / s`.
//! 2. Outliers are kept from inflating the estimate: on the square-root and
//!    arcsine scales the z-scores are **winsorised** at their `trim` and
//!    `1 - trim` quantiles (linear interpolation between order statistics, R's
//!    default type 7); on the log scale the units whose rank by z falls in the
//!    outer `trim` of either end (the `floor(trim x n)` lowest and highest) are
//!    **dropped**, as the NHS SHMI method does. `trim` is 0.1 by default.
//! 3. `phi = mean(z^2)` over the `m` units used. `tau^2 = 0` if
//!    `m phi < m - 1`, else `max(0, (m phi - (m - 1)) / (sum w - sum w^2 / sum w))`
//!    with `w = 1 / s^2` over the same units (DerSimonian and Laird). With a
//!    single unit used the weights have no spread and nothing can be estimated:
//!    `tau^2` is 0.
//! 4. The limits at a denominator are `target +/- z_q sqrt(s^2 + tau^2)` on the
//!    scale, taken back: squared (below 0 clipped to 0) on the square-root
//!    scale, exponentiated on the log scale, `sin^2` on the arcsine scale
//!    (clipped to `[0, pi/2]` first, so to `[0, 1]`). `z_q` is the exact normal
//!    quantile (1.959964 for 95%, 3.090232 for 99.8%). One widely used R package
//!    leaves the square-root limits unsquared; these are squared.
//!
//! When `tau^2` is 0 there is no overdispersion to allow for and the exact limits
//! stand (exact Poisson for rates, Wilson for proportions); the labels are then
//! the unadjusted ones.

use std::fmt;
use std::str::FromStr;

use crate::error::{Result, StatsError};
use crate::interval::normal_quantile;

use super::Statistic;

/// The variance-stabilising scale on which overdispersion is estimated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Scale {
    /// Rates: `sqrt(O / E)`, winsorised. The default for rates.
    SquareRoot,
    /// Rates: `ln(O / E)`, truncated (the NHS SHMI method). Needs every unit kept to have events.
    Log,
    /// Proportions: `asin(sqrt(p))`, winsorised. The only scale for proportions.
    Arcsine,
}

impl Scale {
    /// The scale's name as the command line spells it: `sqrt`, `log`, `arcsine`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Scale::SquareRoot => "sqrt",
            Scale::Log => "log",
            Scale::Arcsine => "arcsine",
        }
    }

    /// Whether the scale is for this statistic (square root and log for rates, arcsine for proportions).
    #[must_use]
    pub fn fits(self, statistic: Statistic) -> bool {
        matches!(
            (self, statistic),
            (Scale::SquareRoot | Scale::Log, Statistic::Rate) | (Scale::Arcsine, Statistic::Proportion)
        )
    }

    /// Whether outliers are winsorised (square root, arcsine) rather than dropped (log).
    #[must_use]
    pub fn winsorises(self) -> bool {
        !matches!(self, Scale::Log)
    }
}

impl fmt::Display for Scale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Scale {
    type Err = StatsError;

    /// `sqrt` (or `square-root`), `log`, `arcsine` (or `asin`).
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "sqrt" | "square-root" | "square_root" => Ok(Scale::SquareRoot),
            "log" | "ln" => Ok(Scale::Log),
            "arcsine" | "asin" | "arcsin" => Ok(Scale::Arcsine),
            _ => Err(StatsError::Unparsable { text: s.to_owned() }),
        }
    }
}

/// How to allow for overdispersion: the scale and the fraction trimmed at each end.
///
/// ```
/// use policing_stats::{Overdispersion, Scale, Statistic};
/// let od = Overdispersion::for_statistic(Statistic::Rate);
/// assert_eq!((od.scale(), od.trim()), (Scale::SquareRoot, 0.1));
/// let shmi = Overdispersion::new(Scale::Log).with_trim(0.1)?;
/// assert_eq!(shmi.scale(), Scale::Log);
/// assert!(Overdispersion::new(Scale::Log).with_trim(0.5).is_err());
/// # Ok::<(), policing_stats::StatsError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Overdispersion {
    scale: Scale,
    trim: f64,
}

impl Overdispersion {
    /// The default fraction winsorised or dropped at each end.
    pub const DEFAULT_TRIM: f64 = 0.1;

    /// On `scale`, trimming the default 10% at each end.
    #[must_use]
    pub fn new(scale: Scale) -> Self {
        Overdispersion { scale, trim: Self::DEFAULT_TRIM }
    }

    /// The default for a statistic: the square-root scale for rates, arcsine for proportions.
    #[must_use]
    pub fn for_statistic(statistic: Statistic) -> Self {
        match statistic {
            Statistic::Proportion => Self::new(Scale::Arcsine),
            Statistic::Rate => Self::new(Scale::SquareRoot),
        }
    }

    /// With another trim fraction, `0 <= trim < 0.5` (0 uses every z-score as it is).
    ///
    /// # Errors
    /// [`StatsError::TrimOutOfRange`] outside that range.
    pub fn with_trim(self, trim: f64) -> Result<Self> {
        if (0.0..0.5).contains(&trim) {
            Ok(Overdispersion { trim, ..self })
        } else {
            Err(StatsError::TrimOutOfRange { trim })
        }
    }

    /// The scale.
    #[must_use]
    pub fn scale(&self) -> Scale {
        self.scale
    }

    /// The fraction winsorised (or dropped) at each end.
    #[must_use]
    pub fn trim(&self) -> f64 {
        self.trim
    }
}

/// What the units showed: the dispersion ratio and the between-unit variance.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Dispersion {
    /// How it was estimated.
    pub method: Overdispersion,
    /// `phi`: the mean of the squared (winsorised or kept) z-scores; about 1 when
    /// the units vary only as chance allows.
    pub phi: f64,
    /// `tau^2`: the between-unit variance added on the scale (0: none, exact limits stand).
    pub tau2: f64,
    /// `m`: the number of units the estimate used (all of them when winsorising).
    pub units_used: usize,
    /// The target on the scale: 1 (square root), 0 (log) or `asin(sqrt(pooled p))`.
    pub target: f64,
}

impl Dispersion {
    /// Whether the limits are widened (`tau^2 > 0`).
    #[must_use]
    pub fn is_adjusted(&self) -> bool {
        self.tau2 > 0.0
    }

    /// The adjusted limits `(low, high)` at `denominator` for probability `p`, in
    /// the units of the funnel's values, around `baseline` (the pooled value).
    #[must_use]
    pub fn limits(&self, baseline: f64, denominator: f64, p: f64) -> (f64, f64) {
        let q = normal_quantile(p);
        let s = standard_error(self.method.scale, baseline, denominator);
        let spread = q * (s * s + self.tau2).sqrt();
        let (low, high) = (self.target - spread, self.target + spread);
        match self.method.scale {
            Scale::SquareRoot => (low.max(0.0).powi(2) * baseline, high.max(0.0).powi(2) * baseline),
            Scale::Log => (low.exp() * baseline, high.exp() * baseline),
            Scale::Arcsine => {
                let back = |y: f64| y.clamp(0.0, std::f64::consts::FRAC_PI_2).sin().powi(2);
                (back(low), back(high))
            }
        }
    }
}

impl fmt::Display for Dispersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "overdispersion on the {} scale ({} {}% at each end): phi {:.6}, tau^2 {:.6e} over {} units",
            self.method.scale,
            if self.method.scale.winsorises() { "winsorised" } else { "dropped" },
            self.method.trim * 100.0,
            self.phi,
            self.tau2,
            self.units_used
        )
    }
}

/// The standard error `s` on the scale of a unit with `denominator` around `baseline`.
fn standard_error(scale: Scale, baseline: f64, denominator: f64) -> f64 {
    match scale {
        // E = denominator x pooled rate.
        Scale::SquareRoot => 1.0 / (2.0 * (denominator * baseline).sqrt()),
        Scale::Log => 1.0 / (denominator * baseline).sqrt(),
        Scale::Arcsine => 1.0 / (2.0 * denominator.sqrt()),
    }
}

/// A unit's value on the scale (`value` is `numerator / denominator`).
fn transformed(scale: Scale, value: f64, baseline: f64) -> f64 {
    match scale {
        Scale::SquareRoot => (value / baseline).sqrt(),
        Scale::Log => (value / baseline).ln(),
        Scale::Arcsine => value.clamp(0.0, 1.0).sqrt().asin(),
    }
}

fn target_of(scale: Scale, baseline: f64) -> f64 {
    match scale {
        Scale::SquareRoot => 1.0,
        Scale::Log => 0.0,
        Scale::Arcsine => baseline.clamp(0.0, 1.0).sqrt().asin(),
    }
}

/// The quantile of sorted `xs` at `p` by linear interpolation between order
/// statistics (R's type 7, numpy's default): `h = (n - 1) p`.
fn quantile_type7(sorted: &[f64], p: f64) -> f64 {
    let n = sorted.len();
    if n == 0 {
        return f64::NAN;
    }
    #[allow(clippy::cast_precision_loss)]
    let h = (n - 1) as f64 * p;
    let lo = h.floor();
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let i = lo as usize;
    let (a, b) = (sorted.get(i).copied().unwrap_or(f64::NAN), sorted.get(i + 1).copied());
    match b {
        Some(b) => a + (h - lo) * (b - a),
        None => a,
    }
}

/// Estimates `phi` and `tau^2` from the units' `(value, denominator)` around `baseline`.
///
/// # Errors
/// [`StatsError::NotRepresentable`] when a z-score used is not finite (a unit
/// with no events on the log scale), [`StatsError::NoIncludedUnits`] for no units.
pub(super) fn estimate(method: Overdispersion, baseline: f64, units: &[(f64, f64)]) -> Result<Dispersion> {
    let scale = method.scale;
    let target = target_of(scale, baseline);
    let mut scored: Vec<(f64, f64)> = units
        .iter()
        .map(|&(value, n)| {
            let s = standard_error(scale, baseline, n);
            ((transformed(scale, value, baseline) - target) / s, s)
        })
        .collect();
    if scored.is_empty() {
        return Err(StatsError::NoIncludedUnits { what: "estimate overdispersion" });
    }
    if scored.iter().any(|(z, s)| z.is_nan() || !s.is_finite() || *s <= 0.0) {
        return Err(StatsError::NotRepresentable {
            what: "a z-score",
            detail: "the pooled value is 0 (or a denominator is 0), so no unit has a scale".to_owned(),
        });
    }
    let used: Vec<(f64, f64)> = if scale.winsorises() {
        let mut zs: Vec<f64> = scored.iter().map(|(z, _)| *z).collect();
        zs.sort_by(f64::total_cmp);
        let (lo, hi) = (quantile_type7(&zs, method.trim), quantile_type7(&zs, 1.0 - method.trim));
        scored.iter().map(|&(z, s)| (z.clamp(lo, hi), s)).collect()
    } else {
        scored.sort_by(|a, b| a.0.total_cmp(&b.0));
        #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let k = (method.trim * scored.len() as f64).floor() as usize;
        scored.iter().skip(k).take(scored.len().saturating_sub(2 * k)).copied().collect()
    };
    if used.iter().any(|(z, _)| !z.is_finite()) {
        return Err(StatsError::NotRepresentable {
            what: "a z-score on the log scale",
            detail: "a unit kept for the estimate has no events (its log is minus infinity); use the square-root scale"
                .to_owned(),
        });
    }
    #[allow(clippy::cast_precision_loss)]
    let m = used.len() as f64;
    let phi = used.iter().map(|(z, _)| z * z).sum::<f64>() / m;
    let (sum_w, sum_w2) = used.iter().fold((0.0, 0.0), |(a, b), (_, s)| {
        let w = 1.0 / (s * s);
        (a + w, b + w * w)
    });
    let spread = sum_w - sum_w2 / sum_w;
    let tau2 = if m * phi < m - 1.0 || spread <= 0.0 { 0.0 } else { ((m * phi - (m - 1.0)) / spread).max(0.0) };
    Ok(Dispersion { method, phi, tau2, units_used: used.len(), target })
}
