//! Confidence intervals as UK public-sector analysts compute them: Wilson
//! score intervals for proportions, Byar's method (exact Poisson for small
//! counts) for rates. Formulas exactly as in `docs/reference/statistics.md`
//! sections 1 and 2, which follow PHEindicatormethods.
//!
//! Interval limits involve square roots and distribution quantiles, so they are
//! computed in `f64` (agreeing with PHEindicatormethods to at least 6
//! significant figures); the counts going in stay exact [`Decimal`]s.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use statrs::distribution::{ContinuousCDF, Normal};
use statrs::function::gamma::ln_gamma;

use crate::error::{non_negative, Result, StatsError};

/// A two-sided confidence interval.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[allow(clippy::exhaustive_structs, reason = "an input its users build field by field")]
pub struct Interval {
    /// The lower limit.
    pub lower: f64,
    /// The upper limit.
    pub upper: f64,
}

impl Interval {
    /// The interval with both limits multiplied by `factor` (100 for a percentage, 1,000 for a rate per 1,000).
    #[must_use]
    pub fn scaled(self, factor: f64) -> Interval {
        Interval { lower: self.lower * factor, upper: self.upper * factor }
    }

    /// Whether `value` lies within the interval, limits included.
    #[must_use]
    pub fn contains(&self, value: f64) -> bool {
        self.lower <= value && value <= self.upper
    }
}

pub(crate) fn to_f64(what: &'static str, value: Decimal) -> Result<f64> {
    value
        .to_f64()
        .filter(|v| v.is_finite())
        .ok_or_else(|| StatsError::NotRepresentable { what, detail: format!("{value} as a float") })
}

fn check_confidence(confidence: f64, allow_one: bool) -> Result<()> {
    let ok = confidence > 0.0 && (confidence < 1.0 || (allow_one && confidence == 1.0));
    if ok && confidence.is_finite() {
        Ok(())
    } else {
        Err(StatsError::ConfidenceOutOfRange { confidence })
    }
}

/// The standard normal quantile `z(p)` (R's `qnorm`), from `statrs`.
///
/// ```
/// let z = policing_stats::normal_quantile(0.975);
/// assert!((z - 1.959964).abs() < 1e-6);
/// ```
#[must_use]
pub fn normal_quantile(p: f64) -> f64 {
    // The two levels every comparison uses are computed once.
    static Q975: std::sync::OnceLock<f64> = std::sync::OnceLock::new();
    static Q999: std::sync::OnceLock<f64> = std::sync::OnceLock::new();
    // Mean 0 and standard deviation 1 are always valid parameters.
    let compute = || Normal::standard().inverse_cdf(p);
    if p == 0.975 {
        *Q975.get_or_init(compute)
    } else if p == 0.999 {
        *Q999.get_or_init(compute)
    } else {
        compute()
    }
}

/// `ln P(a, x)`, the log of the regularised lower incomplete gamma function, for
/// `a > 0`, `x > 0`: the series for `x < a + 1`, else `1 - Q` with `Q` from the
/// continued fraction (modified Lentz), as in Numerical Recipes' `gammp`. In
/// logs so that quantiles far in the lower tail (fractional degrees of freedom)
/// keep their precision. The series needs about `sqrt(80 a)` terms for `x`
/// just below `a`, so its cap grows with `a` (a million crimes: about 9,000 terms).
pub(crate) fn ln_gamma_p(a: f64, x: f64) -> f64 {
    let front = a * x.ln() - x - ln_gamma(a);
    if x < a + 1.0 {
        let (mut term, mut sum, mut n) = (1.0 / a, 1.0 / a, a);
        let cap = 10_000 + (20.0 * a.max(0.0).sqrt()).min(1e8) as usize;
        for _ in 0..cap {
            n += 1.0;
            term *= x / n;
            sum += term;
            if term.abs() < sum.abs() * 1e-17 {
                break;
            }
        }
        front + sum.ln()
    } else {
        let tiny = 1e-300;
        let mut b = x + 1.0 - a;
        let mut c = 1.0 / tiny;
        let mut d = 1.0 / b;
        let mut h = d;
        for i in 1..10_000 {
            let an = -f64::from(i) * (f64::from(i) - a);
            b += 2.0;
            d = an * d + b;
            if d.abs() < tiny {
                d = tiny;
            }
            c = b + an / c;
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
        (-(front.exp() * h)).ln_1p()
    }
}

/// The chi-square quantile (R's `qchisq(p, k)`): the `x` with `P(k/2, x/2) = p`,
/// `P` the regularised lower incomplete gamma function. It is inverted here in
/// logs by bracketing, then Newton steps kept inside the bracket (bisection when a
/// step leaves it), because `statrs`' own inverse is up to 0.36% off at 248 to
/// 320 degrees of freedom and loses accuracy for fractional degrees of freedom
/// below 2, which the exact Poisson limits of fractional counts below 1 need.
/// Agrees with R and SciPy to 1e-10 relative, far into the tails (tested).
///
/// ```
/// let q = policing_stats::chi_square_quantile(0.975, 2.0).unwrap();
/// assert!((q - 7.377758908227871).abs() < 1e-10);
/// assert!(policing_stats::chi_square_quantile(0.5, 0.0).is_none());
/// ```
///
/// `None` for degrees of freedom that are not positive and finite, or `p` outside `(0, 1)`.
#[must_use]
pub fn chi_square_quantile(p: f64, freedom: f64) -> Option<f64> {
    if !(freedom > 0.0 && freedom.is_finite() && p > 0.0 && p < 1.0) {
        return None;
    }
    let a = freedom / 2.0;
    let target = p.ln();
    // g(t) = ln P(a, e^t) - ln p, increasing in t = ln y, y = x / 2.
    let g = |t: f64| ln_gamma_p(a, t.exp()) - target;
    let mut hi = a.max(1.0).ln();
    let mut guard = 0;
    while g(hi) < 0.0 {
        hi += 1.0;
        guard += 1;
        if guard > 800 {
            return None;
        }
    }
    let mut lo = hi - 1.0;
    while g(lo) > 0.0 {
        lo -= 1.0 + (hi - lo);
        guard += 1;
        if guard > 2_000 || lo < -745.0 {
            return Some(0.0);
        }
    }
    let ln_gamma_a = ln_gamma(a);
    let mut t = 0.5 * (lo + hi);
    for _ in 0..300 {
        let f = g(t);
        if f == 0.0 {
            break;
        }
        if f < 0.0 {
            lo = t;
        } else {
            hi = t;
        }
        // d ln P / dt = y * density(y) / P(y), density of gamma(a) at y = e^t.
        let y = t.exp();
        let slope = (a * t - y - ln_gamma_a - ln_gamma_p(a, y)).exp();
        let newton = t - f / slope;
        let next =
            if slope.is_finite() && slope > 0.0 && newton > lo && newton < hi { newton } else { 0.5 * (lo + hi) };
        let done = (next - t).abs() <= 1e-15 * t.abs().max(1.0) || hi - lo <= 1e-15 * hi.abs().max(1.0);
        t = next;
        if done {
            break;
        }
    }
    Some(2.0 * t.exp())
}

/// `z` for a two-sided interval at `confidence`: `z(c + (1 - c) / 2)`.
pub(crate) fn two_sided_z(confidence: f64) -> f64 {
    // 0.95 + 0.05 / 2 is not 0.975 to the last bit: the two common levels by name.
    if confidence == 0.95 {
        normal_quantile(0.975)
    } else if confidence == 0.998 {
        normal_quantile(0.999)
    } else {
        normal_quantile(confidence + (1.0 - confidence) / 2.0)
    }
}

/// The Wilson score interval for `x` events out of `n`, as a fraction between 0 and 1
/// (multiply with [`Interval::scaled`] for a percentage).
///
/// `x` and `n` may be non-integer (weighted counts). At `confidence = 1` the interval is `[0, 1]`.
///
/// ```
/// use policing_stats::wilson;
/// use rust_decimal::Decimal;
/// let ci = wilson(Decimal::from(5), Decimal::from(10), 0.95)?;
/// assert!((ci.lower - 0.2365931).abs() < 1e-6);
/// assert!((ci.upper - 0.7634069).abs() < 1e-6);
/// # Ok::<(), policing_stats::StatsError>(())
/// ```
///
/// # Errors
/// [`StatsError::Negative`], [`StatsError::DivisionByZero`] (n = 0),
/// [`StatsError::PartExceedsWhole`] (x > n), [`StatsError::ConfidenceOutOfRange`].
pub fn wilson(x: Decimal, n: Decimal, confidence: f64) -> Result<Interval> {
    let x = non_negative("events", x)?;
    let n = non_negative("denominator", n)?;
    if n.is_zero() {
        return Err(StatsError::DivisionByZero { what: "denominator" });
    }
    if x > n {
        return Err(StatsError::PartExceedsWhole { part: x, whole: n });
    }
    check_confidence(confidence, true)?;
    if confidence == 1.0 {
        return Ok(Interval { lower: 0.0, upper: 1.0 });
    }
    let (x, n) = (to_f64("events", x)?, to_f64("denominator", n)?);
    Ok(wilson_f64(x, n, two_sided_z(confidence)))
}

pub(crate) fn wilson_f64(x: f64, n: f64, z: f64) -> Interval {
    let z2 = z * z;
    let root = z * (z2 + 4.0 * x * (1.0 - x / n)).max(0.0).sqrt();
    let denom = 2.0 * (n + z2);
    Interval { lower: (2.0 * x + z2 - root) / denom, upper: (2.0 * x + z2 + root) / denom }
}

/// The confidence interval on an observed count of events `o` (a Poisson count):
/// Byar's approximation for `o >= 10`, the exact chi-square limits for `o < 10`.
/// The lower limit is 0 when `o` is 0. Divide by the denominator (or use
/// [`rate_interval`]) for a rate.
///
/// ```
/// use policing_stats::poisson_interval;
/// use rust_decimal::Decimal;
/// // Exact limits for 5 events: 1.623486 and 11.668332.
/// let ci = poisson_interval(Decimal::from(5), 0.95)?;
/// assert!((ci.lower - 1.623486).abs() < 1e-5);
/// assert!((ci.upper - 11.668332).abs() < 1e-5);
/// # Ok::<(), policing_stats::StatsError>(())
/// ```
///
/// # Errors
/// [`StatsError::Negative`] for a negative count, [`StatsError::ConfidenceOutOfRange`]
/// unless `0 < confidence < 1`.
pub fn poisson_interval(o: Decimal, confidence: f64) -> Result<Interval> {
    let o = non_negative("events", o)?;
    check_confidence(confidence, false)?;
    Ok(poisson_interval_f64(to_f64("events", o)?, confidence))
}

pub(crate) fn poisson_interval_f64(o: f64, confidence: f64) -> Interval {
    let alpha = 1.0 - confidence;
    if o < 10.0 {
        let lower = if o == 0.0 { 0.0 } else { chi_square_quantile(alpha / 2.0, 2.0 * o).map_or(0.0, |q| q / 2.0) };
        let upper = chi_square_quantile(1.0 - alpha / 2.0, 2.0 * o + 2.0).map_or(f64::NAN, |q| q / 2.0);
        Interval { lower, upper }
    } else {
        let z = two_sided_z(confidence);
        let lower = o * (1.0 - 1.0 / (9.0 * o) - z / (3.0 * o.sqrt())).powi(3);
        let o1 = o + 1.0;
        let upper = o1 * (1.0 - 1.0 / (9.0 * o1) + z / (3.0 * o1.sqrt())).powi(3);
        Interval { lower, upper }
    }
}

/// The confidence interval of the rate `o / d`, before any base is applied
/// (multiply with [`Interval::scaled`] by 1,000 for a rate per 1,000).
///
/// ```
/// use policing_stats::rate_interval;
/// use rust_decimal::Decimal;
/// // 100 events over 50,000 people: Byar's limits 81.36211 and 121.6279 events.
/// let ci = rate_interval(Decimal::from(100), Decimal::from(50_000), 0.95)?.scaled(1_000.0);
/// assert!((ci.lower - 1.627242).abs() < 1e-5);
/// assert!((ci.upper - 2.432559).abs() < 1e-5);
/// # Ok::<(), policing_stats::StatsError>(())
/// ```
///
/// # Errors
/// As [`poisson_interval`], and [`StatsError::DivisionByZero`] for a zero denominator.
pub fn rate_interval(o: Decimal, d: Decimal, confidence: f64) -> Result<Interval> {
    let d = non_negative("denominator", d)?;
    if d.is_zero() {
        return Err(StatsError::DivisionByZero { what: "denominator" });
    }
    let events = poisson_interval(o, confidence)?;
    let d = to_f64("denominator", d)?;
    Ok(Interval { lower: events.lower / d, upper: events.upper / d })
}
