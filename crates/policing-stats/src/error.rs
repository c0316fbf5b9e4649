//! The one error type of this crate.

use rust_decimal::Decimal;

/// Everything that can go wrong when turning counts into published figures.
///
/// Every variant carries the offending value so that the message names it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum StatsError {
    /// A rate base (per 100, per 1,000, ...) must be greater than zero.
    #[error("rate base must be greater than zero, got {base}")]
    NonPositiveBase {
        /// The base that was given.
        base: Decimal,
    },
    /// A count, numerator or denominator was negative.
    #[error("{what} must not be negative, got {value}")]
    Negative {
        /// Which quantity was negative ("numerator", "denominator", ...).
        what: &'static str,
        /// The value that was given.
        value: Decimal,
    },
    /// A division by zero was asked for (a zero denominator, or a change from zero).
    #[error("division by zero: {what} is zero")]
    DivisionByZero {
        /// Which quantity was zero ("denominator", "previous period value", ...).
        what: &'static str,
    },
    /// A part was larger than the whole it belongs to.
    #[error("part {part} is larger than the whole {whole}")]
    PartExceedsWhole {
        /// The part.
        part: Decimal,
        /// The whole.
        whole: Decimal,
    },
    /// A percentage given as a published value lay outside 0 to 100.
    #[error("percentage must lie between 0 and 100, got {value}")]
    PercentageOutOfRange {
        /// The value that was given.
        value: Decimal,
    },
    /// A confidence level must lie strictly between 0 and 1 (or be exactly 1 where allowed).
    #[error("confidence level must lie in (0, 1], got {confidence}")]
    ConfidenceOutOfRange {
        /// The confidence level that was given.
        confidence: f64,
    },
    /// A value could not be represented (for example a decimal overflow or a non-finite float).
    #[error("{what} cannot be represented: {detail}")]
    NotRepresentable {
        /// Which quantity.
        what: &'static str,
        /// What went wrong, with the value.
        detail: String,
    },
    /// An exclusion must say why the unit is excluded.
    #[error("an exclusion must give a reason, got {reason:?}")]
    EmptyExclusionReason {
        /// The blank reason that was given.
        reason: String,
    },
    /// The same unit was entered twice in one comparison.
    #[error("unit {unit:?} appears more than once")]
    DuplicateUnit {
        /// The unit's key, as text.
        unit: String,
    },
    /// An aggregate or baseline was asked of a set with no included units.
    #[error("no included units to {what}")]
    NoIncludedUnits {
        /// What was being computed.
        what: &'static str,
    },
    /// The number of quantiles must be at least 1.
    #[error("number of quantiles must be at least 1, got {quantiles}")]
    InvalidQuantiles {
        /// The number that was given.
        quantiles: u32,
    },
    /// An overdispersion scale was asked of the other statistic (square root and
    /// log are for rates, arcsine for proportions).
    #[error("the {scale} scale is not for a {statistic} funnel (rates: sqrt or log; proportions: arcsine)")]
    ScaleDoesNotFit {
        /// The scale that was given.
        scale: &'static str,
        /// The funnel's statistic.
        statistic: &'static str,
    },
    /// A trim fraction must lie in `[0, 0.5)`.
    #[error("the trim fraction must be at least 0 and less than 0.5, got {trim}")]
    TrimOutOfRange {
        /// The fraction that was given.
        trim: f64,
    },
    /// A published value could not be parsed as a decimal number.
    #[error("cannot parse {text:?} as a published number")]
    Unparsable {
        /// The text that was given.
        text: String,
    },
}

/// Shorthand for results of this crate.
pub type Result<T> = std::result::Result<T, StatsError>;

pub(crate) fn non_negative(what: &'static str, value: Decimal) -> Result<Decimal> {
    if value.is_sign_negative() && !value.is_zero() {
        Err(StatsError::Negative { what, value })
    } else {
        Ok(value)
    }
}

pub(crate) fn checked_div(numerator: Decimal, denominator: Decimal, what: &'static str) -> Result<Decimal> {
    if denominator.is_zero() {
        return Err(StatsError::DivisionByZero { what });
    }
    numerator.checked_div(denominator).ok_or_else(|| StatsError::NotRepresentable {
        what: "quotient",
        detail: format!("{numerator} / {denominator} overflows"),
    })
}

pub(crate) fn checked_mul(a: Decimal, b: Decimal) -> Result<Decimal> {
    a.checked_mul(b)
        .ok_or_else(|| StatsError::NotRepresentable { what: "product", detail: format!("{a} * {b} overflows") })
}

pub(crate) fn checked_add(a: Decimal, b: Decimal) -> Result<Decimal> {
    a.checked_add(b).ok_or_else(|| StatsError::NotRepresentable { what: "sum", detail: format!("{a} + {b} overflows") })
}
