//! `policing`: figures from the public police data of England and Wales.
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

fn main() -> ExitCode {
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
