//! The command line: one module per command; input, output and errors are
//! shared (`crate::input`, `crate::output`, `crate::error`).

mod band;
mod counts;
pub mod crime;
mod figure;
mod funnel;
mod outcomes;
mod profile;
mod report;
mod street;

use clap::{Parser, Subcommand};

use crate::error::CmdResult;

const AFTER_HELP: &str = "\
Exit codes: 0 success; 1 bad data (a file that cannot be read, or that is not what the command needs); \
2 bad usage (an option that makes no sense). Messages go to standard error (--quiet leaves them out); \
results go to standard output, or to the file given with -o. A path of - reads standard input.";

/// Figures from the public police data of England and Wales.
#[derive(Debug, Parser)]
#[command(name = "policing", version, about, after_help = AFTER_HELP)]
pub struct Cli {
    /// Leave out the summaries and notes on standard error (errors are still printed).
    #[arg(short = 'q', long, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Recorded crime by force for a rolling year: counts, rates per 1,000, changes, England and Wales, ranks and bands.
    #[command(after_help = AFTER_HELP)]
    Crime(crime::CrimeArgs),
    /// Crimes by force, and by last outcome, crime type or month, in data.police.uk street files.
    #[command(after_help = AFTER_HELP)]
    Counts(counts::CountsArgs),
    /// Figure 4 outcome tables per force from street files, at the precision the data allow.
    #[command(after_help = AFTER_HELP)]
    Outcomes(outcomes::OutcomesArgs),
    /// Band units on a measure: "one of the highest / broadly in line / one of the lowest".
    #[command(after_help = AFTER_HELP)]
    Band(band::BandArgs),
    /// Funnel-plot significance of proportions or crude rates, with each unit's limits.
    #[command(after_help = AFTER_HELP)]
    Funnel(funnel::FunnelArgs),
    /// Draw a figure as SVG (or PNG, by the output file's name).
    #[command(after_help = AFTER_HELP)]
    Figure {
        /// The kind of figure.
        #[command(subcommand)]
        kind: figure::FigureKind,
    },
    /// Check a PEEL report's every printed number against the public data.
    #[command(after_help = AFTER_HELP)]
    Report(report::ReportArgs),
    /// A force's profile: every measure the public data hold, compared with all forces (table, CSV, JSON or a web page).
    Profile(profile::ProfileArgs),
}

/// Runs the command line.
pub fn run(cli: Cli) -> CmdResult {
    crate::output::set_quiet(cli.quiet);
    match cli.command {
        Command::Crime(a) => crime::run(a),
        Command::Counts(a) => counts::run(a),
        Command::Outcomes(a) => outcomes::run(a),
        Command::Band(a) => band::run(a),
        Command::Funnel(a) => funnel::run(a),
        Command::Figure { kind } => figure::run(kind),
        Command::Report(a) => report::run(a),
        Command::Profile(a) => profile::run(a),
    }
}
