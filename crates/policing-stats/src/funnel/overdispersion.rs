//! Allowing for overdispersion (Spiegelhalter 2005, "Handling over-dispersion
//! of performance indicators"), as `docs/reference/statistics.md` section 8
//! states the method.
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
//!    default type 7); on the log scale (the NHS SHMI method, as the NHS-R
//!    FunnelPlotR package does it) the z-scores are ranked (ties take the average
//!    rank), each is put in group `g = floor(rank k / (n + 1))` with
//!    `k = 1 / trim` (10 groups for the default 0.1), and only the units with
//!    `0 < g < k - 1` are kept. At 42 units that drops 4 at each end, at 19 one
//!    at the bottom and two at the top: the drop is not symmetric. A unit with
//!    no events has no logarithm; on the log scale it is left out of the
//!    estimate (and judged by the exact test alone).
//! 3. `phi = mean(z^2)` over the `m` units used. `tau^2 = 0` if
//!    `m phi < m - 1`, else `max(0, (m phi - (m - 1)) / (sum w - sum w^2 / sum w))`
//!    with `w = 1 / s^2` over the same units (DerSimonian and Laird). With a
//!    single unit used the weights have no spread and nothing can be estimated:
//!    `tau^2` is 0.
//! 4. The limits at a denominator are `target +/- z_q sqrt(s^2 + tau^2)` on the
//!    scale, taken back: squared (below 0 clipped to 0) on the square-root
//!    scale, exponentiated on the log scale, `sin^2` on the arcsine scale
//!    (clipped to `[0, pi/2]` first, so to `[0, 1]`). `z_q` is the exact normal
//!    quantile (1.959964 for 95%, 3.090232 for 99.8%). FunnelPlotR leaves the
//!    square-root limits unsquared; these are squared.
//! 5. When `phi <= 1` there is no overdispersion: the limits are not widened
//!    ([`Dispersion::widens`] is false) and the limits of chance alone stand.
//!
//! Steps 6 and 7 (a label never more extreme than chance alone; the interval
//! printed beside a verdict is the verdict's) belong to the comparison that uses
//! these limits: see [`crate::comparison`].

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
    /// Rates: `ln(O / E)`, truncated by decile groups (the NHS SHMI method).
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

    /// The default scale for a statistic: square root for rates, arcsine for proportions.
    #[must_use]
    pub fn for_statistic(statistic: Statistic) -> Scale {
        match statistic {
            Statistic::Proportion => Scale::Arcsine,
            Statistic::Rate => Scale::SquareRoot,
        }
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
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub(crate) struct Overdispersion {
    pub(crate) scale: Scale,
    pub(crate) trim: f64,
}

/// The default fraction winsorised or dropped at each end.
pub const DEFAULT_TRIM: f64 = 0.1;

impl Overdispersion {
    /// On `scale`, trimming `trim` at each end, checked.
    pub(crate) fn new(scale: Scale, trim: f64, statistic: Statistic) -> Result<Self> {
        if !scale.fits(statistic) {
            return Err(StatsError::ScaleDoesNotFit { scale: scale.name(), statistic: statistic.name() });
        }
        if !(0.0..0.5).contains(&trim) {
            return Err(StatsError::TrimOutOfRange { trim });
        }
        Ok(Overdispersion { scale, trim })
    }
}

/// What the units showed: the dispersion ratio and the between-unit variance.
///
/// ```
/// use policing_stats::comparison::{compare, Method, Units};
/// use rust_decimal::Decimal;
/// let mut units = Units::new();
/// for (k, o, d) in [("A", 54_000, 1_000_000), ("B", 70_000, 1_000_000), ("C", 61_000, 900_000)] {
///     units.counts(k, o, d)?;
/// }
/// let compared = compare(units, &Method::rate(Decimal::ONE_THOUSAND)?)?;
/// let d = compared.dispersion().expect("estimated");
/// assert!(d.phi > 100.0 && d.widens());
/// # Ok::<(), policing_stats::StatsError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Dispersion {
    /// The scale it was estimated on.
    pub scale: Scale,
    /// The fraction winsorised (square root, arcsine) or dropped by rank groups (log) at each end.
    pub trim: f64,
    /// `phi`: the mean of the squared (winsorised or kept) z-scores; about 1 when
    /// the units vary only as chance allows.
    pub phi: f64,
    /// `tau^2`: the between-unit variance added on the scale. The limits are
    /// widened by it only when `phi > 1` ([`Dispersion::widens`]).
    pub tau2: f64,
    /// `m`: the number of units the estimate used (all of them when winsorising).
    pub units_used: usize,
    /// Units with no events left out of a log-scale estimate (their logarithm is not finite).
    pub left_out: usize,
    /// The target on the scale: 1 (square root), 0 (log) or `asin(sqrt(pooled p))`.
    pub target: f64,
}

impl Dispersion {
    /// Whether the limits are widened: `phi > 1` and `tau^2 > 0` (section 8
    /// step 5: with `phi <= 1` the limits of chance alone stand).
    #[must_use]
    pub fn widens(&self) -> bool {
        self.phi > 1.0 && self.tau2 > 0.0
    }

    /// The widened limits `(low, high)` at `denominator` for probability `p`, as
    /// fractions or rates per 1 around `baseline` (the pooled value).
    pub(crate) fn limits(&self, baseline: f64, denominator: f64, p: f64) -> (f64, f64) {
        let q = normal_quantile(p);
        let s = standard_error(self.scale, baseline, denominator);
        let spread = q * (s * s + self.tau2).sqrt();
        back(self.scale, baseline, self.target - spread, self.target + spread)
    }

    /// The widened interval of a unit with `value` (a fraction or a rate per 1)
    /// at `denominator`, for probability `p`: its own value on the scale plus and
    /// minus `z_q sqrt(s^2 + tau^2)`, taken back. `baseline` lies outside it
    /// exactly when it lies outside the widened limits at that denominator.
    pub(crate) fn interval(&self, baseline: f64, value: f64, denominator: f64, p: f64) -> (f64, f64) {
        let q = normal_quantile(p);
        let s = standard_error(self.scale, baseline, denominator);
        let spread = q * (s * s + self.tau2).sqrt();
        let y = transformed(self.scale, value, baseline);
        back(self.scale, baseline, y - spread, y + spread)
    }
}

/// Values on the scale taken back to fractions or rates per 1.
fn back(scale: Scale, baseline: f64, low: f64, high: f64) -> (f64, f64) {
    match scale {
        Scale::SquareRoot => (low.max(0.0).powi(2) * baseline, high.max(0.0).powi(2) * baseline),
        Scale::Log => (low.exp() * baseline, high.exp() * baseline),
        Scale::Arcsine => {
            let back = |y: f64| y.clamp(0.0, std::f64::consts::FRAC_PI_2).sin().powi(2);
            (back(low), back(high))
        }
    }
}

impl fmt::Display for Dispersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let trimmed = if self.scale.winsorises() { "winsorised" } else { "dropped by rank groups" };
        write!(
            f,
            "overdispersion on the {} scale ({} {}% at each end): phi {:.6}, tau^2 {:.6e} over {} units",
            self.scale,
            trimmed,
            self.trim * 100.0,
            self.phi,
            self.tau2,
            self.units_used
        )?;
        if self.left_out > 0 {
            write!(f, " ({} with no events left out: no logarithm)", self.left_out)?;
        }
        if !self.widens() {
            f.write_str("; phi <= 1, so the limits are not widened")?;
        }
        Ok(())
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
pub(crate) fn quantile_type7(sorted: &[f64], p: f64) -> f64 {
    let n = sorted.len();
    if n == 0 {
        return f64::NAN;
    }
    let h = (n - 1) as f64 * p;
    let lo = h.floor();
    let i = lo as usize;
    let (a, b) = (sorted.get(i).copied().unwrap_or(f64::NAN), sorted.get(i + 1).copied());
    match b {
        Some(b) => a + (h - lo) * (b - a),
        None => a,
    }
}

/// Average ranks (1-based) of `zs`, ties sharing the mean of the ranks they span (R's `rank`, `ties.method = "average"`).
fn average_ranks(zs: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..zs.len()).collect();
    order.sort_by(|&a, &b| zs.get(a).copied().unwrap_or(0.0).total_cmp(&zs.get(b).copied().unwrap_or(0.0)));
    let mut ranks = vec![0.0; zs.len()];
    let mut i = 0;
    while i < order.len() {
        let value = order.get(i).and_then(|&k| zs.get(k)).copied().unwrap_or(0.0);
        let mut j = i;
        while order.get(j + 1).and_then(|&k| zs.get(k)).is_some_and(|v| *v == value) {
            j += 1;
        }
        let mean = (i + j) as f64 / 2.0 + 1.0;
        for &k in order.get(i..=j).unwrap_or(&[]) {
            if let Some(r) = ranks.get_mut(k) {
                *r = mean;
            }
        }
        i = j + 1;
    }
    ranks
}

/// Which units the log scale keeps: rank groups `g = floor(rank k / (n + 1))`,
/// `k = 1 / trim`, kept when `0 < g < k - 1` (FunnelPlotR's `truncation`).
pub(crate) fn truncation_keeps(zs: &[f64], trim: f64) -> Vec<bool> {
    if trim <= 0.0 {
        return vec![true; zs.len()];
    }
    let k = 1.0 / trim;
    let n1 = zs.len() as f64 + 1.0;
    average_ranks(zs)
        .into_iter()
        .map(|rank| {
            let g = (rank * k / n1).floor();
            g > 0.0 && g < k - 1.0
        })
        .collect()
}

/// Estimates `phi` and `tau^2` (steps 1-3) from the units' `(numerator,
/// denominator)` around `baseline` (a fraction or rate per 1). On the log scale
/// units with no events are left out first.
///
/// `None` when no unit can be used (none given, or a baseline of 0 on a rate
/// scale, where no unit has a scale).
pub(crate) fn estimate(method: Overdispersion, baseline: f64, units: &[(f64, f64)]) -> Option<Dispersion> {
    let scale = method.scale;
    if scale != Scale::Arcsine && !(baseline > 0.0 && baseline.is_finite()) {
        return None;
    }
    let target = target_of(scale, baseline);
    let mut left_out = 0;
    let mut scored: Vec<(f64, f64)> = Vec::with_capacity(units.len());
    for &(numerator, denominator) in units {
        if scale == Scale::Log && numerator <= 0.0 {
            left_out += 1;
            continue;
        }
        let s = standard_error(scale, baseline, denominator);
        let z = (transformed(scale, numerator / denominator, baseline) - target) / s;
        if z.is_finite() && s.is_finite() && s > 0.0 {
            scored.push((z, s));
        }
    }
    let (phi, tau2, units_used) = phi_and_tau2(&scored, scale.winsorises(), method.trim)?;
    Some(Dispersion { scale, trim: method.trim, phi, tau2, units_used, left_out, target })
}

/// Steps 2 and 3 on units' `(z, s)`: winsorised (or truncated by rank groups),
/// then `phi`, `tau^2` and the number of units used. `None` for no units.
pub(crate) fn phi_and_tau2(scored: &[(f64, f64)], winsorise: bool, trim: f64) -> Option<(f64, f64, usize)> {
    if scored.is_empty() {
        return None;
    }
    let mut used: Vec<(f64, f64)> = if winsorise {
        let mut zs: Vec<f64> = scored.iter().map(|(z, _)| *z).collect();
        zs.sort_by(f64::total_cmp);
        let (lo, hi) = (quantile_type7(&zs, trim), quantile_type7(&zs, 1.0 - trim));
        scored.iter().map(|&(z, s)| (z.clamp(lo, hi), s)).collect()
    } else {
        let zs: Vec<f64> = scored.iter().map(|(z, _)| *z).collect();
        let keep = truncation_keeps(&zs, trim);
        scored.iter().zip(keep).filter(|(_, k)| *k).map(|(u, _)| *u).collect()
    };
    if used.is_empty() {
        return None;
    }
    // Summed in a fixed order, so the estimate does not depend on the order the units came in.
    used.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let m = used.len() as f64;
    let phi = used.iter().map(|(z, _)| z * z).sum::<f64>() / m;
    let (sum_w, sum_w2) = used.iter().fold((0.0, 0.0), |(a, b), (_, s)| {
        let w = 1.0 / (s * s);
        (a + w, b + w * w)
    });
    let spread = sum_w - sum_w2 / sum_w;
    let tau2 = if m * phi < m - 1.0 || spread <= 0.0 { 0.0 } else { ((m * phi - (m - 1.0)) / spread).max(0.0) };
    Some((phi, tau2, used.len()))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "a test: a failure panics with its message")]
    use super::*;

    /// The statement's own examples: at n = 42 the decile groups drop 4 at each
    /// end; at 19, 1 at the bottom and 2 at the top; at 59, 5 and 6.
    #[test]
    fn decile_groups_drop_as_the_statement_says() {
        for (n, bottom, top) in [(42usize, 4usize, 4usize), (19, 1, 2), (59, 5, 6), (29, 2, 3)] {
            let zs: Vec<f64> = (0..n).map(|i| i as f64).collect();
            let keep = truncation_keeps(&zs, 0.1);
            let dropped_bottom = keep.iter().take_while(|k| !**k).count();
            let dropped_top = keep.iter().rev().take_while(|k| !**k).count();
            assert_eq!((dropped_bottom, dropped_top), (bottom, top), "n = {n}");
            assert_eq!(keep.iter().filter(|k| !**k).count(), bottom + top, "n = {n}");
        }
    }

    #[test]
    fn ties_take_the_average_rank() {
        assert_eq!(average_ranks(&[3.0, 1.0, 3.0, 2.0]), vec![3.5, 1.0, 3.5, 2.0]);
    }
}
