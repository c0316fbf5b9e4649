//! The one error type of this crate.

/// What can go wrong with offences, periods and recorded crime series.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum CrimeError {
    /// Text that names no offence of the ONS tables.
    #[error("{text:?} is not an offence of the ONS police force area tables (e.g. \"Violence with injury\", \"sexual_offences\")")]
    UnknownOffence {
        /// The text given.
        text: String,
    },
    /// Text that is not a data.police.uk crime category as published.
    #[error("{text:?} is not a data.police.uk crime category (they are written exactly, e.g. \"Anti-social behaviour\", \"Burglary\")")]
    UnknownCrimeCategory {
        /// The text given.
        text: String,
    },
    /// Text that names no measure.
    #[error("{text:?} is not a recorded crime measure; one of: {known}")]
    UnknownMeasure {
        /// The text given.
        text: String,
        /// The measures there are.
        known: String,
    },
    /// Text that is not a month at all ("2016-13", "June 2016").
    #[error("{detail}")]
    NotAMonth {
        /// What is wrong with it.
        detail: String,
    },
    /// A date or month that is not the end of a calendar quarter.
    #[error("{text:?} is not the end of a quarter (March, June, September or December; e.g. 2016-06)")]
    NotAQuarterEnd {
        /// The text or date given.
        text: String,
    },
    /// The same force, quarter and offence given twice.
    #[error("{area}, {year}, {offence}: given twice ({first} and {second})")]
    Duplicate {
        /// The area.
        area: String,
        /// The period.
        year: String,
        /// The offence row.
        offence: String,
        /// The first count.
        first: i64,
        /// The second count.
        second: i64,
    },
    /// The data do not hold the period asked for: the one "not held" error of
    /// every command and library call, naming the range the data hold.
    #[error("{source_name} has no figures for the {asked}: it holds {held}")]
    PeriodNotHeld {
        /// The period asked for, in words ("12 months to 30 June 2030").
        asked: String,
        /// What is held, in words ("rolling years ending 31 March 2003 to 31 March 2018", or "no rows").
        held: String,
        /// The data, in words ("the recorded crime table").
        source_name: String,
    },
    /// A force that the measures cannot be computed for.
    #[error("{what}")]
    NotComputable {
        /// What and why.
        what: String,
    },
    /// An error from the statistics crate.
    #[error(transparent)]
    Stats(#[from] policing_stats::StatsError),
}
