//! Proportions of a whole, and changes between two periods.

use std::fmt;

use rust_decimal::Decimal;

use crate::error::{checked_div, checked_mul, non_negative, Result, StatsError};
use crate::round::round_half_away;

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

/// A part of a whole: 12.6 percent of offences recorded were given outcome 15.
///
/// A `Proportion` that exists has `0 <= part <= whole` and `whole > 0`.
/// Parts and wholes may be non-integer (weighted counts).
///
/// ```
/// use policing_stats::Proportion;
/// let vulnerable = Proportion::new(346, 1_000)?;
/// assert_eq!(vulnerable.percent_rounded(1).to_string(), "34.6");
/// assert!(Proportion::new(11, 10).is_err());
/// # Ok::<(), policing_stats::StatsError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "ProportionParts", into = "ProportionParts"))]
pub struct Proportion {
    part: Decimal,
    whole: Decimal,
}

/// The serialized form of a [`Proportion`]; deserialization validates through [`Proportion::new`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct ProportionParts {
    part: Decimal,
    whole: Decimal,
}

#[cfg(feature = "serde")]
impl TryFrom<ProportionParts> for Proportion {
    type Error = StatsError;
    fn try_from(p: ProportionParts) -> Result<Self> {
        Proportion::new(p.part, p.whole)
    }
}

#[cfg(feature = "serde")]
impl From<Proportion> for ProportionParts {
    fn from(p: Proportion) -> Self {
        ProportionParts { part: p.part, whole: p.whole }
    }
}

impl Proportion {
    /// Makes the proportion `part / whole`.
    ///
    /// # Errors
    /// [`StatsError::Negative`] for a negative part or whole,
    /// [`StatsError::DivisionByZero`] for a zero whole,
    /// [`StatsError::PartExceedsWhole`] when `part > whole`.
    pub fn new(part: impl Into<Decimal>, whole: impl Into<Decimal>) -> Result<Self> {
        let part = non_negative("part", part.into())?;
        let whole = non_negative("whole", whole.into())?;
        if whole.is_zero() {
            return Err(StatsError::DivisionByZero { what: "whole" });
        }
        if part > whole {
            return Err(StatsError::PartExceedsWhole { part, whole });
        }
        Ok(Proportion { part, whole })
    }

    /// The part.
    #[must_use]
    pub fn part(&self) -> Decimal {
        self.part
    }

    /// The whole.
    #[must_use]
    pub fn whole(&self) -> Decimal {
        self.whole
    }

    /// The unrounded fraction, between 0 and 1.
    #[must_use]
    pub fn fraction(&self) -> Decimal {
        self.part / self.whole
    }

    /// The unrounded percentage, between 0 and 100.
    #[must_use]
    pub fn percent(&self) -> Decimal {
        self.fraction() * HUNDRED
    }

    /// The percentage rounded half away from zero to `places` decimal places.
    #[must_use]
    pub fn percent_rounded(&self, places: u32) -> Decimal {
        round_half_away(self.percent(), places)
    }
}

impl fmt::Display for Proportion {
    /// Prints the percentage to one decimal place (or `{:.N}`), with a percent sign.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let places = u32::try_from(f.precision().unwrap_or(1)).unwrap_or(1);
        write!(f, "{}%", self.percent_rounded(places))
    }
}

/// The percent change of a value between two periods: recorded crime rose by 14.4 percent.
///
/// `(current - previous) / previous * 100`. A change from zero is an error value,
/// never an infinity.
///
/// ```
/// use policing_stats::PercentChange;
/// let change = PercentChange::between(100, 114)?;
/// assert_eq!(change.rounded(1).to_string(), "14.0");
/// assert_eq!(change.to_string(), "+14.0%");
/// assert!(PercentChange::between(0, 5).is_err());
/// # Ok::<(), policing_stats::StatsError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PercentChange {
    previous: Decimal,
    current: Decimal,
    percent: Decimal,
}

impl PercentChange {
    /// The percent change from `previous` to `current`.
    ///
    /// # Errors
    /// [`StatsError::DivisionByZero`] when `previous` is zero;
    /// [`StatsError::NotRepresentable`] on overflow.
    pub fn between(previous: impl Into<Decimal>, current: impl Into<Decimal>) -> Result<Self> {
        let (previous, current) = (previous.into(), current.into());
        let difference = current - previous;
        let percent = checked_mul(checked_div(difference, previous, "previous period value")?, HUNDRED)?;
        Ok(PercentChange { previous, current, percent })
    }

    /// The value in the earlier period.
    #[must_use]
    pub fn previous(&self) -> Decimal {
        self.previous
    }

    /// The value in the later period.
    #[must_use]
    pub fn current(&self) -> Decimal {
        self.current
    }

    /// The unrounded percent change (negative for a fall).
    #[must_use]
    pub fn percent(&self) -> Decimal {
        self.percent
    }

    /// The percent change rounded half away from zero to `places` decimal places.
    #[must_use]
    pub fn rounded(&self, places: u32) -> Decimal {
        round_half_away(self.percent, places)
    }
}

impl fmt::Display for PercentChange {
    /// Prints a signed percentage to one decimal place (or `{:.N}`): "+14.4%", "-3.4%".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let places = u32::try_from(f.precision().unwrap_or(1)).unwrap_or(1);
        let r = self.rounded(places);
        if r.is_sign_positive() && !r.is_zero() {
            write!(f, "+{r}%")
        } else {
            write!(f, "{r}%")
        }
    }
}

/// The change between two percentages in percentage points:
/// satisfaction went from 50% to 54%, a change of +4 points (not +8%).
///
/// ```
/// use policing_stats::PointChange;
/// use rust_decimal::Decimal;
/// let change = PointChange::between(Decimal::from(50), Decimal::from(54))?;
/// assert_eq!(change.points(), Decimal::from(4));
/// assert_eq!(change.to_string(), "+4.0 percentage points");
/// # Ok::<(), policing_stats::StatsError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PointChange {
    previous: Decimal,
    current: Decimal,
}

impl PointChange {
    /// The change from `previous` percent to `current` percent.
    ///
    /// # Errors
    /// [`StatsError::PercentageOutOfRange`] if either lies outside 0 to 100.
    pub fn between(previous: Decimal, current: Decimal) -> Result<Self> {
        for value in [previous, current] {
            if value < Decimal::ZERO || value > HUNDRED {
                return Err(StatsError::PercentageOutOfRange { value });
            }
        }
        Ok(PointChange { previous, current })
    }

    /// The change between two proportions, in percentage points.
    #[must_use]
    pub fn between_proportions(previous: &Proportion, current: &Proportion) -> Self {
        PointChange { previous: previous.percent(), current: current.percent() }
    }

    /// The earlier percentage.
    #[must_use]
    pub fn previous(&self) -> Decimal {
        self.previous
    }

    /// The later percentage.
    #[must_use]
    pub fn current(&self) -> Decimal {
        self.current
    }

    /// The unrounded change in percentage points.
    #[must_use]
    pub fn points(&self) -> Decimal {
        self.current - self.previous
    }

    /// The change rounded half away from zero to `places` decimal places.
    #[must_use]
    pub fn rounded(&self, places: u32) -> Decimal {
        round_half_away(self.points(), places)
    }
}

impl fmt::Display for PointChange {
    /// Prints "+4.0 percentage points" (one decimal place, or `{:.N}`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let places = u32::try_from(f.precision().unwrap_or(1)).unwrap_or(1);
        let r = self.rounded(places);
        let sign = if r.is_sign_positive() && !r.is_zero() { "+" } else { "" };
        write!(f, "{sign}{r} percentage points")
    }
}
