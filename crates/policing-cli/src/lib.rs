//! The `policing` command-line tool as a library: the binary's `main`, and
//! [`tables`], which runs a command line and hands back the tables it would
//! have written (the Python package's way in: the same columns, types and
//! checks as the tool's CSV, with no logic of its own).
//!
//! ```text
//! policing crime [--to YYYY-MM]      recorded crime by force: rates, changes, bands
//! policing counts PATH...            crimes by force and last outcome, crime type or month
//! policing outcomes PATH...          figure 4 outcome tables per force
//! policing band -i F -k K -v V       "one of the highest / broadly in line / one of the lowest"
//! policing funnel -i F -k K ...      funnel-plot significance with each unit's limits
//! policing figure KIND ... -o F      a figure as SVG or PNG
//! policing report wiltshire-2016     a report's every printed number against the public data
//! policing profile --force F         a force's every measure against all forces (table, CSV, JSON, HTML)
//! ```
//!
//! Exit codes: 0 success, 1 bad data, 2 bad usage.

mod commands;
mod error;
mod input;
mod output;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

pub use policing_table::{Cell, Column, Kind, Table};

/// Runs the tool on the process's arguments: what the `policing` binary does.
#[must_use]
pub fn main() -> ExitCode {
    // Ctrl-C or SIGTERM: remove the temporary folders and staged outputs (the old output stays
    // as it was), then exit as an interrupted process does.
    let _ = ctrlc::set_handler(|| {
        policing_data::remove_temporaries();
        std::process::exit(130);
    });
    let cli = match commands::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to standard output (exit 0); usage errors to standard error (exit 2).
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if !matches!(e, error::CliError::Closed) {
                let _ = writeln!(std::io::stderr(), "policing: {}", e.to_string().replace('\n', " "));
            }
            ExitCode::from(e.code())
        }
    }
}

/// Why a command line run through [`tables`] failed: the tool's exit code (2
/// bad usage: an unknown force, a month the data do not hold; 1 bad data: a
/// file that cannot be read) and its message.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Failure {
    /// The exit code the tool would give.
    pub code: u8,
    /// The message the tool would print.
    pub message: String,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}

/// Runs a command line (`args` without the program's name: `["crime", "--to",
/// "2016-06"]`) and returns, instead of writing them, the tables it writes (in
/// the columns its CSV has; a profile's with its series), each with its
/// metadata and the notes the tool would print on standard error (`notes`).
/// Nothing is written to standard output or standard error.
///
/// ```
/// let tables = policing_cli::tables(&["crime", "--to", "2016-06", "-m", "robbery", "-F", "wiltshire"])?;
/// let t = &tables[0];
/// assert_eq!(t.columns()[0].name, "force");
/// assert_eq!(t.rows().len(), 2); // Wiltshire and England and Wales
/// let e = policing_cli::tables(&["crime", "--to", "2030-06"]).unwrap_err();
/// assert_eq!(e.code, 2);
/// # Ok::<(), policing_cli::Failure>(())
/// ```
///
/// # Errors
/// [`Failure`] with the tool's exit code and message.
pub fn tables(args: &[&str]) -> Result<Vec<Table>, Failure> {
    let cli = commands::Cli::try_parse_from(std::iter::once("policing").chain(args.iter().copied()))
        .map_err(|e| Failure { code: 2, message: e.render().to_string().trim().to_owned() })?;
    let (done, captured, notes) = output::capturing(|| commands::run(cli));
    done.map_err(|e| Failure { code: e.code(), message: e.to_string() })?;
    Ok(captured
        .into_iter()
        .map(|t| if notes.is_empty() { t } else { t.with_metadata("notes", notes.join("\n")) })
        .collect())
}
