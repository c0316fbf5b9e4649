//! The one error type of this crate.

/// What can go wrong making a profile.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ProfileError {
    /// The recorded crime table does not hold the rolling year asked for.
    #[error(
        "the recorded crime table has no figures for the {year} (it holds rolling years ending {first} to {last})"
    )]
    YearNotHeld {
        /// The year asked for.
        year: String,
        /// The first year held.
        first: String,
        /// The last year held.
        last: String,
    },
    /// An error from the recorded crime crate.
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
