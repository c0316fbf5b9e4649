//! The one error type of this crate.

/// What can go wrong with outcome types, counts and tables.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum OutcomeError {
    /// Text that names no outcome type.
    #[error("{text:?} is not a Home Office outcome type (expected a number 1-22, \"Outcome N\", or an outcome label)")]
    UnknownOutcomeType {
        /// The text that was given.
        text: String,
    },
    /// A number outside 1-22.
    #[error("outcome type number {number} is outside 1-22")]
    OutcomeNumberOutOfRange {
        /// The number that was given.
        number: u32,
    },
    /// Text that names no outcome group.
    #[error("{text:?} is not an outcome group")]
    UnknownOutcomeGroup {
        /// The text that was given.
        text: String,
    },
    /// A data.police.uk outcome category string that is not one of the published ones.
    #[error("{text:?} is not a data.police.uk outcome category")]
    UnknownCategory {
        /// The text that was given.
        text: String,
    },
    /// A count was given for an empty set of outcomes.
    #[error("a count of {count} was given for no outcome at all")]
    EmptyOutcomeSet {
        /// The count.
        count: u64,
    },
    /// A count overflowed.
    #[error("count overflow adding {added} to {existing}")]
    CountOverflow {
        /// The count held.
        existing: u64,
        /// The count being added.
        added: u64,
    },
    /// A table was asked of counts that hold no offences.
    #[error("no offences recorded: cannot make {what}")]
    NoOffences {
        /// The table being made.
        what: &'static str,
    },
    /// A quarter count outside 1-4 for a partial year.
    #[error("a partial year covers 1 to 3 quarters, got {quarters}")]
    InvalidCoverage {
        /// The number of quarters given.
        quarters: u8,
    },
    /// An error from the statistics crate (a bad base, a duplicate unit...).
    #[error(transparent)]
    Stats(#[from] policing_stats::StatsError),
}

/// Shorthand for results of this crate.
pub type Result<T> = std::result::Result<T, OutcomeError>;
