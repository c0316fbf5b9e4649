//! The one error type of this crate.

/// What can go wrong with PEEL judgments and reports.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum PeelError {
    /// Text that is not a grade.
    #[error("{text:?} is not a PEEL grade of the framework (2014-2019: outstanding, good, requires improvement, inadequate; from 2021 also adequate; or ungraded)")]
    UnknownGrade {
        /// The text given.
        text: String,
    },
    /// A question number the inspection does not have.
    #[error("question {number} is not one of the {year} effectiveness questions (1-{count})")]
    UnknownQuestion {
        /// The number given.
        number: u8,
        /// The inspection year.
        year: u16,
        /// How many questions it has.
        count: usize,
    },
    /// A ledger file that cannot be read.
    #[error("ledger line {line}: {detail}")]
    Ledger {
        /// The line (0 when the problem is not on one line).
        line: usize,
        /// What is wrong.
        detail: String,
    },
    /// An error from the statistics crate.
    #[error(transparent)]
    Stats(#[from] policing_stats::StatsError),
    /// An error from the forces crate.
    #[error(transparent)]
    Force(#[from] policing_forces::ForceError),
}

/// Shorthand for results of this crate.
pub type Result<T> = std::result::Result<T, PeelError>;
