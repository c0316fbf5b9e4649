//! Rates with an explicit base: crimes per 1,000 population, arrests per 100
//! domestic abuse crimes, OCGs per one million population.

use std::fmt;

use rust_decimal::Decimal;

use crate::error::{checked_div, checked_mul, non_negative, Result, StatsError};
use crate::round::round_half_away;

/// A rate: `numerator / denominator * base`.
///
/// The denominator is whatever the figure is "per": population, households,
/// female population, organised crime groups, domestic abuse crimes. They are
/// all just denominators; give the figure a name where you print it.
/// Numerators and denominators may be non-integer (weighted counts).
///
/// A `Rate` that exists is valid: the base is positive, the numerator is not
/// negative and the denominator is positive.
///
/// ```
/// use policing_stats::Rate;
/// use rust_decimal::Decimal;
///
/// // 22 anti-social behaviour incidents per 1,000 population.
/// let asb = Rate::new(15_472, 703_253, Rate::PER_1_000)?;
/// assert_eq!(asb.rounded(0).to_string(), "22");
/// assert_eq!(asb.numerator(), Decimal::from(15_472));
/// # Ok::<(), policing_stats::StatsError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RateParts", into = "RateParts"))]
pub struct Rate {
    numerator: Decimal,
    denominator: Decimal,
    base: Decimal,
}

/// The serialized form of a [`Rate`]; deserialization validates through [`Rate::new`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct RateParts {
    numerator: Decimal,
    denominator: Decimal,
    base: Decimal,
}

#[cfg(feature = "serde")]
impl TryFrom<RateParts> for Rate {
    type Error = StatsError;
    fn try_from(p: RateParts) -> Result<Self> {
        Rate::new(p.numerator, p.denominator, p.base)
    }
}

#[cfg(feature = "serde")]
impl From<Rate> for RateParts {
    fn from(r: Rate) -> Self {
        RateParts { numerator: r.numerator, denominator: r.denominator, base: r.base }
    }
}

impl Rate {
    /// Per 100 (arrests per 100 domestic abuse crimes, GAIN referrals per 100 OCGs).
    pub const PER_100: Decimal = Decimal::from_parts(100, 0, 0, false, 0);
    /// Per 1,000 (crimes per 1,000 population or households).
    pub const PER_1_000: Decimal = Decimal::from_parts(1_000, 0, 0, false, 0);
    /// Per 10,000 (MARAC referrals per 10,000 female population).
    pub const PER_10_000: Decimal = Decimal::from_parts(10_000, 0, 0, false, 0);
    /// Per 1,000,000 (OCGs per one million population).
    pub const PER_1_000_000: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

    /// Makes a rate of `numerator` per `base` of `denominator`.
    ///
    /// # Errors
    /// [`StatsError::NonPositiveBase`] for a zero or negative base,
    /// [`StatsError::Negative`] for a negative numerator or denominator,
    /// [`StatsError::DivisionByZero`] for a zero denominator.
    pub fn new(
        numerator: impl Into<Decimal>,
        denominator: impl Into<Decimal>,
        base: impl Into<Decimal>,
    ) -> Result<Self> {
        let (numerator, denominator, base) = (numerator.into(), denominator.into(), base.into());
        if base <= Decimal::ZERO {
            return Err(StatsError::NonPositiveBase { base });
        }
        let numerator = non_negative("numerator", numerator)?;
        let denominator = non_negative("denominator", denominator)?;
        if denominator.is_zero() {
            return Err(StatsError::DivisionByZero { what: "denominator" });
        }
        // Check once that the value is representable, so `value` cannot fail later.
        checked_mul(checked_div(numerator, denominator, "denominator")?, base)?;
        Ok(Rate { numerator, denominator, base })
    }

    /// The count of events (crimes, arrests, referrals).
    #[must_use]
    pub fn numerator(&self) -> Decimal {
        self.numerator
    }

    /// What the events are counted against (population, households, ...).
    #[must_use]
    pub fn denominator(&self) -> Decimal {
        self.denominator
    }

    /// The base: 100, 1,000, 10,000 or 1,000,000 (any positive number is allowed).
    #[must_use]
    pub fn base(&self) -> Decimal {
        self.base
    }

    /// The unrounded value, `numerator / denominator * base`.
    #[must_use]
    pub fn value(&self) -> Decimal {
        // Checked in `new`; the fallback is unreachable.
        (self.numerator / self.denominator).checked_mul(self.base).unwrap_or(Decimal::MAX)
    }

    /// The value rounded half away from zero to `places` decimal places, as published.
    #[must_use]
    pub fn rounded(&self, places: u32) -> Decimal {
        round_half_away(self.value(), places)
    }
}

impl fmt::Display for Rate {
    /// Prints the value rounded to one decimal place (or the precision asked
    /// for with `{:.N}`), then "per" and the base.
    ///
    /// ```
    /// use policing_stats::Rate;
    /// let r = Rate::new(54_300, 1_000_000, Rate::PER_1_000)?;
    /// assert_eq!(r.to_string(), "54.3 per 1000");
    /// assert_eq!(format!("{r:.2}"), "54.30 per 1000");
    /// # Ok::<(), policing_stats::StatsError>(())
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let places = u32::try_from(f.precision().unwrap_or(1)).unwrap_or(1);
        write!(f, "{} per {}", self.rounded(places), self.base.normalize())
    }
}
