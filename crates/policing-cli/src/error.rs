//! The tool's errors and exit codes: 0 success, 1 bad data (a file that cannot
//! be read, or whose contents are not what the command needs), 2 bad usage (an
//! option that makes no sense).

use std::fmt;

/// What went wrong, and so the exit code.
#[derive(Debug)]
pub enum CliError {
    /// Bad usage: exit code 2.
    Usage(String),
    /// Bad data or input/output: exit code 1.
    Data(String),
    /// The reader of standard output went away (a closed pipe): stop quietly, exit 0.
    Closed,
}

impl CliError {
    /// The process exit code.
    pub fn code(&self) -> u8 {
        match self {
            CliError::Usage(_) => 2,
            CliError::Data(_) => 1,
            CliError::Closed => 0,
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Usage(m) | CliError::Data(m) => f.write_str(m),
            CliError::Closed => f.write_str("standard output was closed"),
        }
    }
}

/// A usage error.
pub fn usage(message: impl Into<String>) -> CliError {
    CliError::Usage(message.into())
}

/// A data error.
pub fn data(message: impl Into<String>) -> CliError {
    CliError::Data(message.into())
}

impl From<policing_data::DataError> for CliError {
    fn from(e: policing_data::DataError) -> Self {
        match e {
            policing_data::DataError::InvalidOption { .. } => CliError::Usage(e.to_string()),
            other => CliError::Data(other.to_string()),
        }
    }
}

macro_rules! data_errors {
    ($($t:ty),*) => {
        $(impl From<$t> for CliError {
            fn from(e: $t) -> Self {
                CliError::Data(e.to_string())
            }
        })*
    };
}

/// A period the data do not hold is a usage error (exit 2) in every command: the
/// message names the range held, so the user can ask again.
impl From<policing_crime::CrimeError> for CliError {
    fn from(e: policing_crime::CrimeError) -> Self {
        match e {
            policing_crime::CrimeError::PeriodNotHeld { .. } => CliError::Usage(e.to_string()),
            other => CliError::Data(other.to_string()),
        }
    }
}

impl From<policing_profile::ProfileError> for CliError {
    fn from(e: policing_profile::ProfileError) -> Self {
        match e {
            policing_profile::ProfileError::Crime(c) => c.into(),
            other => CliError::Data(other.to_string()),
        }
    }
}

data_errors!(
    policing_stats::StatsError,
    policing_outcomes::OutcomeError,
    policing_figures::FigureError,
    policing_forces::ForceError,
    csv::Error
);

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            CliError::Closed
        } else {
            CliError::Data(format!("writing the output: {}", policing_data::io_words(&e)))
        }
    }
}

/// The result of a command.
pub type CmdResult = Result<(), CliError>;
