//! The one error type of this crate.

use chrono::NaiveDate;

/// What can go wrong building an OCG portfolio or its figures.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum OcgError {
    /// Text that is not a mapping band of the scheme.
    #[error("{text:?} is not a mapping band (expected e.g. \"1A\", \"2c\", \"Band 3B\" or \"U\")")]
    UnknownBand {
        /// The text given.
        text: String,
    },
    /// A band scheme with no tiers or no grades, or too many.
    #[error("a band scheme needs 1-9 tiers and 1-26 grades, got {tiers} tiers and {grades} grades")]
    InvalidScheme {
        /// Tiers asked for.
        tiers: u8,
        /// Grades asked for.
        grades: u8,
    },
    /// Required text was empty.
    #[error("{what} must not be empty")]
    EmptyText {
        /// Which text.
        what: &'static str,
    },
    /// A dated event before the group was identified.
    #[error("{what} on {date} is before the group {reference} was identified on {identified}")]
    BeforeIdentification {
        /// The OCG reference.
        reference: String,
        /// What was dated.
        what: &'static str,
        /// The date given.
        date: NaiveDate,
        /// The identification date.
        identified: NaiveDate,
    },
    /// Mapping scores must be added in date order.
    #[error("mapping score on {date} is earlier than the previous score on {previous} for {reference}")]
    ScoreOutOfOrder {
        /// The OCG reference.
        reference: String,
        /// The new score's date.
        date: NaiveDate,
        /// The previous score's date.
        previous: NaiveDate,
    },
    /// An archived group cannot be archived again or changed.
    #[error("{reference} was archived on {on}")]
    AlreadyArchived {
        /// The OCG reference.
        reference: String,
        /// The archive date.
        on: NaiveDate,
    },
    /// A disruption tier outside 1-4.
    #[error("disruption activity tier must be 1-4, got {tier}")]
    InvalidTier {
        /// The tier given.
        tier: u8,
    },
    /// Text that names no crime type, pillar or impact.
    #[error("{text:?} is not a known {what}")]
    Unknown {
        /// What was being parsed.
        what: &'static str,
        /// The text given.
        text: String,
    },
    /// Two OCGs with the same reference.
    #[error("OCG reference {reference} appears more than once")]
    DuplicateReference {
        /// The reference.
        reference: String,
    },
    /// A MoRiLE score outside the model's scale.
    #[error("{what} score {value} is outside 0-{max}")]
    ScoreOutOfRange {
        /// Which score.
        what: &'static str,
        /// The value.
        value: u32,
        /// The maximum.
        max: u32,
    },
    /// An error from the statistics crate.
    #[error(transparent)]
    Stats(#[from] policing_stats::StatsError),
}

/// Shorthand for results of this crate.
pub type Result<T> = std::result::Result<T, OcgError>;

pub(crate) fn non_empty(what: &'static str, text: String) -> Result<String> {
    if text.trim().is_empty() {
        Err(OcgError::EmptyText { what })
    } else {
        Ok(text)
    }
}
