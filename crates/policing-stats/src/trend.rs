//! The recent trend marker of public-health profiles, as
//! `docs/reference/statistics.md` section 10 states it (PHEindicatormethods'
//! `assign_trend_markers`; OHID Fingertips technical guidance, trend markers).
//!
//! Only on non-overlapping years (years ending March, or calendar years; never
//! rolling quarters), with no definition break among them and at least five
//! points; the five most recent are used.
//!
//! - **Rates** (any value with a 95% interval): `sigma_t = (U_t - L_t) / (2 z)`,
//!   `w_t = 1 / sigma_t^2`, the weighted least-squares slope `beta` of the value
//!   on `t` and `X2 = beta^2 / Var beta`.
//! - **Proportions** (`c_t` of `n_t`): the Cochran-Armitage statistic
//!   `X2 = N (N sum(c t) - C sum(n t))^2 / (C (N - C) (N sum(n t^2) - (sum n t)^2))`,
//!   the direction the sign of `N sum(c t) - C sum(n t)`.
//! - Significant when `X2 > 9.5495` (99.8%, two-sided); then if leaving out any
//!   one point changes the sign of the slope, "No significant change (outlier
//!   found)"; else increasing or decreasing, with the measure's [`Polarity`]
//!   ("and getting better" / "and getting worse") where it has one.
//!
//! ```
//! use policing_stats::trend::{Polarity, Trend, TrendPoint};
//! use policing_stats::Interval;
//! // PHEindicatormethods' own example (assign_trend_markers, value_type "other").
//! let values = [30.6, 30.2, 28.0, 24.6, 24.67];
//! let ci = [(28.98, 32.25), (28.63, 31.9), (26.44, 29.64), (23.15, 26.19), (23.16, 26.25)];
//! let points: Vec<TrendPoint> = (0..5)
//!     .map(|i| TrendPoint::rate(i as f64 + 1.0, values[i], Interval { lower: ci[i].0, upper: ci[i].1 }))
//!     .collect();
//! let t = Trend::of(&points);
//! let test = t.test.expect("five points");
//! assert!((test.beta - -1.7516).abs() < 1e-4 && (test.x2 - 46.76).abs() < 1e-2);
//! assert_eq!(t.marker.words(Polarity::LowIsGood), "Decreasing and getting better");
//! ```

use std::fmt;

use crate::interval::{normal_quantile, Interval};

/// The number of points a trend is tested on, and the fewest it needs.
pub const POINTS: usize = 5;

/// The 99.8% two-sided critical value of chi-square with one degree of freedom.
pub const CRITICAL: f64 = 9.5495;

/// Whether a higher value is better, worse, or neither.
///
/// A closed set: a measure has a polarity or it has none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Polarity {
    /// Higher is better (the share of crimes charged).
    HighIsGood,
    /// Lower is better (crime, anti-social behaviour).
    LowIsGood,
    /// Neither (a share whose meaning depends on the rest).
    None,
}

/// One year's point.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub enum TrendPoint {
    /// A value with its 95% interval, at time `t`.
    Rate {
        /// The time (a year).
        t: f64,
        /// The value.
        value: f64,
        /// Its 95% interval.
        interval: Interval,
    },
    /// `count` of `n`, at time `t`.
    Proportion {
        /// The time (a year).
        t: f64,
        /// The events.
        count: f64,
        /// Of how many.
        n: f64,
    },
}

impl TrendPoint {
    /// A value with its 95% interval.
    #[must_use]
    pub fn rate(t: f64, value: f64, interval: Interval) -> TrendPoint {
        TrendPoint::Rate { t, value, interval }
    }

    /// `count` of `n`.
    #[must_use]
    pub fn proportion(t: f64, count: f64, n: f64) -> TrendPoint {
        TrendPoint::Proportion { t, count, n }
    }

    /// A crude rate: `count` events over `denominator`, times `multiplier`,
    /// with its 95% interval by section 2 (Byar's method from 10 events, exact
    /// Poisson below), as the public-health trend of a rate takes it.
    #[must_use]
    pub fn crude_rate(t: f64, count: f64, denominator: f64, multiplier: f64) -> TrendPoint {
        let i = crate::interval::poisson_interval_f64(count.max(0.0), 0.95);
        let per = multiplier / denominator;
        TrendPoint::Rate { t, value: count * per, interval: Interval { lower: i.lower * per, upper: i.upper * per } }
    }
}

/// The marker.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub enum Marker {
    /// A significant rise.
    Increasing,
    /// A significant fall.
    Decreasing,
    /// No significant trend.
    NoSignificantChange,
    /// Significant, but leaving one point out reverses the slope.
    OutlierFound,
    /// Not computed, with the reason (too few points, a break, a missing value).
    CannotBeCalculated(String),
}

impl Marker {
    /// The marker in words, with the measure's polarity.
    #[must_use]
    pub fn words(&self, polarity: Polarity) -> String {
        let better = |rising: bool| match (polarity, rising) {
            (Polarity::HighIsGood, true) | (Polarity::LowIsGood, false) => " and getting better",
            (Polarity::HighIsGood, false) | (Polarity::LowIsGood, true) => " and getting worse",
            (Polarity::None, _) => "",
        };
        match self {
            Marker::Increasing => format!("Increasing{}", better(true)),
            Marker::Decreasing => format!("Decreasing{}", better(false)),
            Marker::NoSignificantChange => "No significant change".to_owned(),
            Marker::OutlierFound => "No significant change (outlier found)".to_owned(),
            Marker::CannotBeCalculated(why) => format!("Cannot be calculated: {why}"),
        }
    }
}

impl fmt::Display for Marker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.words(Polarity::None))
    }
}

/// The statistics of a trend test.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct TrendTest {
    /// The slope (rates), or the Cochran-Armitage score `N sum(c t) - C sum(n t)` (proportions).
    pub beta: f64,
    /// The test statistic, chi-square with one degree of freedom under no trend.
    pub x2: f64,
}

/// A trend: the marker, and the test when it was made.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Trend {
    /// The marker.
    pub marker: Marker,
    /// The statistics, when the points allowed a test.
    pub test: Option<TrendTest>,
}

impl Trend {
    /// A trend that cannot be calculated, for `why`.
    #[must_use]
    pub fn cannot(why: impl Into<String>) -> Trend {
        Trend { marker: Marker::CannotBeCalculated(why.into()), test: None }
    }

    /// The trend of the five most recent of `points` (ordered by time, one kind).
    #[must_use]
    pub fn of(points: &[TrendPoint]) -> Trend {
        if points.len() < POINTS {
            return Trend::cannot(format!("{} points; a trend needs {POINTS}", points.len()));
        }
        let recent = points.get(points.len() - POINTS..).unwrap_or(points);
        let Some(test) = test(recent) else {
            return Trend::cannot("a point without a value or a usable interval");
        };
        if test.x2 <= CRITICAL {
            return Trend { marker: Marker::NoSignificantChange, test: Some(test) };
        }
        // Leave each point out in turn: a slope of the other sign is an outlier.
        for i in 0..recent.len() {
            let others: Vec<TrendPoint> = recent.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, p)| *p).collect();
            if test_of(&others).is_none_or(|t| t.beta.signum() != test.beta.signum()) {
                return Trend { marker: Marker::OutlierFound, test: Some(test) };
            }
        }
        let marker = if test.beta < 0.0 { Marker::Decreasing } else { Marker::Increasing };
        Trend { marker, test: Some(test) }
    }
}

fn test(points: &[TrendPoint]) -> Option<TrendTest> {
    test_of(points)
}

/// The test on any number of points of one kind; `None` when it cannot be made.
fn test_of(points: &[TrendPoint]) -> Option<TrendTest> {
    match points.first()? {
        TrendPoint::Rate { .. } => {
            let z = normal_quantile(0.975);
            // Times are taken from the first (the slope and its test do not change), so that years
            // near 2,000 do not cost S0 S2 - S1^2 its precision.
            let origin = match points.first() {
                Some(TrendPoint::Rate { t, .. } | TrendPoint::Proportion { t, .. }) => *t,
                None => 0.0,
            };
            let (mut s0, mut s1, mut s2, mut swyt, mut swy) = (0.0, 0.0, 0.0, 0.0, 0.0);
            for p in points {
                let TrendPoint::Rate { t, value, interval } = p else { return None };
                let t = &(t - origin);
                let sigma = (interval.upper - interval.lower) / (2.0 * z);
                if !(sigma > 0.0 && sigma.is_finite() && value.is_finite()) {
                    return None;
                }
                let w = 1.0 / (sigma * sigma);
                s0 += w;
                s1 += w * t;
                s2 += w * t * t;
                swyt += w * value * t;
                swy += w * value;
            }
            let det = s0 * s2 - s1 * s1;
            if det.abs() <= f64::EPSILON * s0 * s2 {
                return None;
            }
            let beta = (s0 * swyt - s1 * swy) / det;
            let var = s0 / det;
            Some(TrendTest { beta, x2: beta * beta / var })
        }
        TrendPoint::Proportion { .. } => {
            let origin = match points.first() {
                Some(TrendPoint::Rate { t, .. } | TrendPoint::Proportion { t, .. }) => *t,
                None => 0.0,
            };
            let (mut big_n, mut big_c, mut sct, mut snt, mut snt2) = (0.0, 0.0, 0.0, 0.0, 0.0);
            for p in points {
                let TrendPoint::Proportion { t, count, n } = p else { return None };
                let t = &(t - origin);
                if !(*n > 0.0 && *count >= 0.0 && count <= n) {
                    return None;
                }
                big_n += n;
                big_c += count;
                sct += count * t;
                snt += n * t;
                snt2 += n * t * t;
            }
            let score = big_n * sct - big_c * snt;
            let denominator = big_c * (big_n - big_c) * (big_n * snt2 - snt * snt);
            if denominator.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater) {
                // Every count 0, or every count n: no variation to test.
                return Some(TrendTest { beta: 0.0, x2: 0.0 });
            }
            Some(TrendTest { beta: score, x2: big_n * score * score / denominator })
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a test: a failure panics with its message")]
    use super::*;

    #[test]
    fn fewer_than_five_points_cannot_be_tested() {
        let p = TrendPoint::proportion(1.0, 1.0, 10.0);
        assert!(matches!(Trend::of(&[p; 4]).marker, Marker::CannotBeCalculated(_)));
    }

    #[test]
    fn an_outlier_reverses_the_slope() {
        // A steady value with one huge, precise point first: significant, but leaving it out reverses the sign.
        let point = |t: f64, v: f64, half: f64| TrendPoint::rate(t, v, Interval { lower: v - half, upper: v + half });
        let points = [
            point(1.0, 100.0, 0.1),
            point(2.0, 10.0, 5.0),
            point(3.0, 10.5, 5.0),
            point(4.0, 11.0, 5.0),
            point(5.0, 11.5, 5.0),
        ];
        let t = Trend::of(&points);
        assert!(t.test.unwrap().x2 > CRITICAL && t.test.unwrap().beta < 0.0, "{t:?}");
        assert_eq!(t.marker, Marker::OutlierFound);
    }
}
