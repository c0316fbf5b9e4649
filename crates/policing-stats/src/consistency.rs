//! Is a published table internally consistent under rounding?
//!
//! A table prints rounded parts and a rounded total. They need not add up
//! (Wiltshire's figure 4 prints the informal out-of-court group as 2.7 while its
//! members print as 0.7 and 2.1), but there must be **one set of unrounded
//! values** that rounds to every printed figure. [`check_sum`] says whether there is.
//!
//! A figure printed as `p` with `d` decimal places stands for any unrounded value
//! `v` with `p - h <= v < p + h` (`h` = half a unit in the last place) when `p > 0`,
//! mirrored when `p < 0` and `-h < v < h` when `p = 0`, under rounding half away
//! from zero. With non-negative parts (shares, counts) the parts' interval is
//! also cut at zero.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

use crate::error::{Result, StatsError};

/// A figure as printed: a value and the number of decimal places it was printed to.
///
/// ```
/// use policing_stats::Published;
/// let p: Published = "2.70".parse()?;
/// assert_eq!(p.places(), 2);
/// assert_eq!(p.to_string(), "2.70");
/// # Ok::<(), policing_stats::StatsError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Published {
    value: Decimal,
}

impl Published {
    /// A printed figure; its decimal places are the value's scale (`2.70` has 2).
    #[must_use]
    pub fn new(value: Decimal) -> Self {
        Published { value }
    }

    /// A printed figure with an explicit number of decimal places.
    #[must_use]
    pub fn with_places(value: Decimal, places: u32) -> Self {
        let mut value = value;
        value.rescale(places);
        Published { value }
    }

    /// The printed value.
    #[must_use]
    pub fn value(&self) -> Decimal {
        self.value
    }

    /// The number of decimal places it was printed to.
    #[must_use]
    pub fn places(&self) -> u32 {
        self.value.scale()
    }

    /// Half a unit in the last printed place.
    #[must_use]
    pub fn half_unit(&self) -> Decimal {
        Decimal::new(5, self.places() + 1)
    }

    /// The unrounded values this figure can stand for, as `(lower, upper)`
    /// with the closedness described in the [module documentation](self).
    #[must_use]
    pub fn bounds(&self) -> Bounds {
        let h = self.half_unit();
        let v = self.value;
        if v.is_zero() {
            Bounds { lower: -h, lower_closed: false, upper: h, upper_closed: false }
        } else if v.is_sign_positive() {
            Bounds { lower: v - h, lower_closed: true, upper: v + h, upper_closed: false }
        } else {
            Bounds { lower: v - h, lower_closed: false, upper: v + h, upper_closed: true }
        }
    }

    /// Whether the unrounded `value` prints as this figure.
    #[must_use]
    pub fn admits(&self, value: Decimal) -> bool {
        self.bounds().contains(value)
    }
}

impl FromStr for Published {
    type Err = StatsError;
    fn from_str(s: &str) -> Result<Self> {
        Decimal::from_str(s.trim()).map(Published::new).map_err(|_| StatsError::Unparsable { text: s.to_owned() })
    }
}

impl fmt::Display for Published {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.value)
    }
}

/// An interval of unrounded values, each end open or closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Bounds {
    /// The lower end.
    pub lower: Decimal,
    /// Whether the lower end is in the interval.
    pub lower_closed: bool,
    /// The upper end.
    pub upper: Decimal,
    /// Whether the upper end is in the interval.
    pub upper_closed: bool,
}

impl Bounds {
    /// Whether `v` lies in the interval.
    #[must_use]
    pub fn contains(&self, v: Decimal) -> bool {
        let above = if self.lower_closed { v >= self.lower } else { v > self.lower };
        let below = if self.upper_closed { v <= self.upper } else { v < self.upper };
        above && below
    }

    fn is_empty(&self) -> bool {
        self.lower > self.upper || (self.lower == self.upper && !(self.lower_closed && self.upper_closed))
    }

    fn intersect(&self, other: &Bounds) -> Bounds {
        let (lower, lower_closed) = match self.lower.cmp(&other.lower) {
            std::cmp::Ordering::Greater => (self.lower, self.lower_closed),
            std::cmp::Ordering::Less => (other.lower, other.lower_closed),
            std::cmp::Ordering::Equal => (self.lower, self.lower_closed && other.lower_closed),
        };
        let (upper, upper_closed) = match self.upper.cmp(&other.upper) {
            std::cmp::Ordering::Less => (self.upper, self.upper_closed),
            std::cmp::Ordering::Greater => (other.upper, other.upper_closed),
            std::cmp::Ordering::Equal => (self.upper, self.upper_closed && other.upper_closed),
        };
        Bounds { lower, lower_closed, upper, upper_closed }
    }

    fn non_negative(&self) -> Bounds {
        self.intersect(&Bounds { lower: Decimal::ZERO, lower_closed: true, upper: Decimal::MAX, upper_closed: true })
    }
}

/// The verdict of [`check_sum`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct SumCheck {
    /// The sum of the printed parts, as printed.
    pub printed_sum: Decimal,
    /// The range the unrounded sum of the parts can take.
    pub parts_range: Bounds,
    /// The range the unrounded total can take.
    pub total_range: Bounds,
    /// Whether one set of unrounded values rounds to every printed figure.
    pub consistent: bool,
}

impl SumCheck {
    /// Whether the printed parts add up exactly to the printed total.
    #[must_use]
    pub fn adds_up_as_printed(&self, total: &Published) -> bool {
        self.printed_sum == total.value()
    }
}

/// Whether non-negative printed `parts` and a printed `total` admit one set of
/// unrounded values: parts `v_i >= 0` each rounding to its printed figure, whose
/// sum rounds to the printed total.
///
/// ```
/// use policing_stats::{check_sum, Published};
/// let p = |s: &str| s.parse::<Published>();
/// // Wiltshire, figure 4: informal out-of-court 2.7 = 0.7 + 2.1 as printed? No, but consistent.
/// let check = check_sum(&[p("0.7")?, p("2.1")?], &p("2.7")?);
/// assert!(check.consistent);
/// assert!(!check.adds_up_as_printed(&p("2.7")?));
/// // 0.7 + 2.1 can never make 3.0.
/// assert!(!check_sum(&[p("0.7")?, p("2.1")?], &p("3.0")?).consistent);
/// # Ok::<(), policing_stats::StatsError>(())
/// ```
#[must_use]
pub fn check_sum(parts: &[Published], total: &Published) -> SumCheck {
    let mut lower = Decimal::ZERO;
    let mut upper = Decimal::ZERO;
    let mut lower_closed = true;
    let mut upper_closed = true;
    let mut printed_sum = Decimal::ZERO;
    for part in parts {
        let b = part.bounds().non_negative();
        lower = lower.saturating_add(b.lower);
        upper = upper.saturating_add(b.upper);
        lower_closed &= b.lower_closed;
        upper_closed &= b.upper_closed;
        printed_sum = printed_sum.saturating_add(part.value());
    }
    let parts_range = Bounds { lower, lower_closed, upper, upper_closed };
    let total_range = total.bounds();
    let any_empty_part = parts.iter().any(|p| p.bounds().non_negative().is_empty());
    let consistent = !any_empty_part && !parts_range.intersect(&total_range).is_empty();
    SumCheck { printed_sum, parts_range, total_range, consistent }
}
