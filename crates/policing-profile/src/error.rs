//! The one error type of this crate.

/// What can go wrong making a profile.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ProfileError {
    /// An error from the recorded crime crate (among them the one "not held"
    /// error, `CrimeError::PeriodNotHeld`, when the table does not hold the year).
    #[error(transparent)]
    Crime(#[from] policing_crime::CrimeError),
    /// An error from the statistics crate.
    #[error(transparent)]
    Stats(#[from] policing_stats::StatsError),
    /// An error reading the data.
    #[error(transparent)]
    Data(#[from] policing_data::DataError),
}

/// Shorthand for results of this crate.
pub type Result<T> = std::result::Result<T, ProfileError>;
