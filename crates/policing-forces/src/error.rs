//! The one error type of this crate.

use chrono::NaiveDate;

/// What can go wrong with forces, populations and periods.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ForceError {
    /// A name, slug or code that names no force.
    #[error(
        "{text:?} is not a police force of England and Wales (nor British Transport Police){}",
        suggestion.map(|s| format!("; did you mean {s}?")).unwrap_or_default()
    )]
    UnknownForce {
        /// The text given.
        text: String,
        /// The force whose name, slug or code is nearest the text, if one is near.
        suggestion: Option<&'static str>,
    },
    /// A figure's input that the sources do not provide.
    #[error("{what} is not available: {why}")]
    InputNotAvailable {
        /// The input.
        what: String,
        /// Why not.
        why: &'static str,
    },
    /// A period that cannot exist (a quarter outside 1-4, an impossible date).
    #[error("invalid period: {detail}")]
    InvalidPeriod {
        /// What is wrong.
        detail: String,
    },
    /// Text that is not a period.
    #[error("{text:?} is not a reporting period (e.g. \"12 months to 30 June 2016\", \"as at 1 July 2016\", \"2015/16\", \"2016 Q2\")")]
    UnparsablePeriod {
        /// The text given.
        text: String,
    },
    /// A date outside the calendar this crate handles.
    #[error("date arithmetic out of range from {date}")]
    DateOutOfRange {
        /// The date.
        date: NaiveDate,
    },
    /// A source file could not be read or does not hold what was expected.
    #[error("{file}: {detail}")]
    Source {
        /// The file.
        file: String,
        /// What went wrong, with the line or cell.
        detail: String,
    },
}

/// Shorthand for results of this crate.
pub type Result<T> = std::result::Result<T, ForceError>;
