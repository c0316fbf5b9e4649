//! The funnel's lines without overdispersion: Wilson-based limits for
//! proportions, exact Poisson limits for crude rates.

use crate::interval::{ln_gamma_p, normal_quantile, poisson_interval_f64};

/// The limits of a proportion funnel at size `n` around baseline `a` for
/// probability `p` ([`P95`](super::P95) or [`P998`](super::P998)), as fractions: `(low, high)`.
///
/// These are the proportions at which the Wilson interval of a unit of size `n`
/// just touches the baseline (`docs/reference/statistics.md` section 3).
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
/// `r` (events per unit of denominator) for probability `p` ([`P95`](super::P95)
/// or [`P998`](super::P998)), as rates: `(low, high)`.
///
/// The lines are drawn as the public-health construction draws them
/// (`docs/reference/statistics.md` section 7, PHEindicatormethods'
/// `calculate_funnel_limits`): **exact Poisson at every count**. With expected
/// count `E = r d`, the high limit is `O / d` for the count `O` whose exact lower
/// limit `chi2(2O; 1 - p) / 2` equals `E`, and the low limit is `O / d` for the
/// count whose exact upper limit `chi2(2O + 2; p) / 2` equals `E` (0 when even no
/// events would not be significantly low). `O` is found over real numbers.
///
/// A unit's *label* ([`compare`](crate::comparison::compare)) is given, as the peer gives it,
/// by the unit's own interval, which is Byar's approximation from 10 events
/// ([`poisson_interval`](crate::poisson_interval)): the two differ by less than
/// 1% of a count near 10 events and far less above, so a unit lying within that
/// sliver of a line can be labelled by its interval on the other side of the
/// drawn line.
///
/// ```
/// use policing_stats::{chi_square_quantile, rate_funnel_limits, P95};
/// let (r, d) = (0.001, 300_000.0); // baseline 1 per 1,000; expected 300 events
/// let (low, high) = rate_funnel_limits(r, d, P95);
/// assert!(low < r && r < high);
/// // At the high limit, the exact lower limit of the events touches the expected count.
/// let o = high * d;
/// let lower = chi_square_quantile(0.025, 2.0 * o).unwrap() / 2.0;
/// assert!((lower - r * d).abs() < 1e-8 * r * d);
/// ```
///
/// `NaN` limits for a denominator that is not positive and finite, a negative
/// or non-finite baseline, or `p` outside `(0.5, 1)`.
#[must_use]
pub fn rate_funnel_limits(r: f64, d: f64, p: f64) -> (f64, f64) {
    if !(r.is_finite() && d.is_finite() && d > 0.0 && r >= 0.0 && p > 0.5 && p < 1.0) {
        return (f64::NAN, f64::NAN);
    }
    let expected = r * d;
    if expected == 0.0 {
        return (0.0, 0.0);
    }
    // The exact lower limit L of O events is where the gamma distribution function
    // of shape O reaches 1 - p: P(O, L) = 1 - p. So the count on the high line is
    // the O with P(O, E) = 1 - p; likewise the exact upper limit U has
    // P(O + 1, U) = p, and the count on the low line is the O with P(O + 1, E) = p.
    // P(a, E) falls as a grows: one evaluation per step, no quantile inverted.
    let high = count_where(0.0, 1.0 - p, expected, byar_count(expected, p, true)).unwrap_or(0.0) / d;
    let low = count_where(1.0, p, expected, byar_count(expected, p, false)).unwrap_or(0.0) / d;
    (low, high)
}

/// The count `O >= 0` with `P(O + shift, expected) = level`, `P` the regularised
/// lower incomplete gamma function (decreasing in `O`); `None` when even `O = 0`
/// gives less (no count is that far out). `guess` (Byar's count) sets a bracket
/// a few percent wide.
fn count_where(shift: f64, level: f64, expected: f64, guess: f64) -> Option<f64> {
    let target = level.ln();
    // ln P at shape O + shift, with P(0, E) = 1 (all mass at zero) for the high line.
    let ln_p = |o: f64| if o + shift <= 0.0 { 0.0 } else { ln_gamma_p(o + shift, expected) };
    if ln_p(0.0) < target {
        return None;
    }
    let mut lo = (guess * 0.97 - 3.0).max(0.0);
    let mut hi = guess * 1.03 + 3.0;
    while lo > 0.0 && ln_p(lo) < target {
        lo = (lo * 0.5 - 1.0).max(0.0);
    }
    let mut guard = 0;
    while ln_p(hi) >= target {
        hi = hi * 2.0 + 1.0;
        guard += 1;
        if guard > 2_000 || !hi.is_finite() {
            return None;
        }
    }
    // The root of f(o) = ln P(o + shift, E) - target (decreasing) in [lo, hi]: the
    // Illinois variant of regula falsi, which converges superlinearly from Byar's
    // close bracket, with bisection steps whenever it stalls; to 1e-14 relative.
    let f = |o: f64| ln_p(o) - target;
    let (mut f_lo, mut f_hi) = (f(lo), f(hi));
    let mut last_side = 0i8;
    for _ in 0..200 {
        if hi - lo <= 1e-14 * hi.max(1.0) {
            break;
        }
        let secant = if f_lo.is_finite() && f_hi.is_finite() && f_lo != f_hi {
            hi - f_hi * (hi - lo) / (f_hi - f_lo)
        } else {
            f64::NAN
        };
        let mid = if secant > lo && secant < hi { secant } else { 0.5 * (lo + hi) };
        let f_mid = f(mid);
        if f_mid >= 0.0 {
            lo = mid;
            f_lo = f_mid;
            if last_side == 1 {
                f_hi *= 0.5;
            }
            last_side = 1;
        } else {
            hi = mid;
            f_hi = f_mid;
            if last_side == -1 {
                f_lo *= 0.5;
            }
            last_side = -1;
        }
        if f_mid == 0.0 {
            return Some(mid);
        }
    }
    Some(0.5 * (lo + hi))
}

/// The count on a line by Byar's approximation of the unit's interval (exact
/// below 10 events): a first guess only, found by bisection on that cheap limit.
fn byar_count(expected: f64, p: f64, high: bool) -> f64 {
    let limit = |o: f64| {
        let i = poisson_interval_f64(o, 2.0 * p - 1.0);
        if high {
            i.lower
        } else {
            i.upper
        }
    };
    let mut hi = 2.0 * expected + 50.0;
    let mut guard = 0;
    while limit(hi) <= expected && guard < 2_000 {
        hi *= 2.0;
        guard += 1;
    }
    let mut lo = 0.0;
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if limit(mid) <= expected {
            lo = mid;
        } else {
            hi = mid;
        }
        if hi - lo <= 1e-9 * hi.max(1.0) {
            break;
        }
    }
    0.5 * (lo + hi)
}
