//! `policing report`: a PEEL report's every printed number checked against the public data.

use std::path::PathBuf;

use clap::ValueEnum;
use policing_peel::ledger::{report, Ledger, Sources};

use crate::error::CmdResult;
use crate::output::OutputArgs;

/// The reports whose ledgers ship with the tool.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ReportName {
    /// HMIC, PEEL: police effectiveness 2016, Wiltshire Police.
    #[value(name = "wiltshire-2016")]
    Wiltshire2016,
}

/// `policing report`.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// Which report.
    #[arg(value_enum)]
    report: ReportName,
    /// The ONS police force area recorded crime table to check against; default: the 2019 edition shipped with the tool.
    #[arg(short = 'i', long)]
    input: Option<PathBuf>,
    /// Write to this file instead of standard output.
    #[arg(short = 'o', long)]
    output: Option<PathBuf>,
}

/// Runs `policing report`.
pub fn run(a: ReportArgs) -> CmdResult {
    match a.report {
        ReportName::Wiltshire2016 => {
            let table = super::crime::read_table(a.input.as_deref())?;
            let sources = Sources {
                recorded_crime: Some(&table.crime),
                recorded_crime_edition: format!(
                    "{} ({} rows read, {} rejected); the report used the October 2016 release",
                    table.summary.file.display(),
                    table.summary.rows,
                    table.summary.rejected()
                ),
                ..Sources::default()
            };
            let text = report(&Ledger::wiltshire_2016(), &sources);
            OutputArgs::to(a.output).text(&text)
        }
    }
}
