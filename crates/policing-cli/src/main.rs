//! `policing`: figures from the public police data of England and Wales.
//!
//! ```text
//! policing crime [--to YYYY-MM]      recorded crime by force: rates, changes, bands
//! policing counts PATH...            crimes by force and last outcome category
//! policing outcomes PATH...          figure 4 outcome tables per force, England and Wales, bands
//! policing band --input F --key K --value V [--low-is-notable] [--rule hmic|quantile]
//! policing funnel --input F --key K --numerator N --denominator D --statistic proportion|rate
//! policing report wiltshire-2016     the Wiltshire 2016 reproduction
//! ```

mod commands;
mod crime;
mod output;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = commands::Cli::parse();
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("policing: {}", e.to_string().replace('\n', " "));
            ExitCode::FAILURE
        }
    }
}
