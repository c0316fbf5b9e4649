//! `policing report`: a PEEL report's every printed number checked against the public data.

use std::path::PathBuf;

use clap::ValueEnum;
use std::collections::BTreeMap;

use policing_forces::Force;
use policing_peel::ledger::{report, AntiSocialBehaviourSource, Evaluator, Ledger, RecordedCrimeSource};

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
    crate::output::OutputArgs::to(a.output.clone()).check()?;
    match a.report {
        ReportName::Wiltshire2016 => {
            let table = super::crime::read_table(a.input.as_deref())?;
            let edition = format!(
                "{} ({} rows read, {} rejected)",
                table.summary.file.display(),
                table.summary.rows,
                table.summary.rejected()
            );
            let yearly = policing_data::yearly::shipped()?;
            let mut incidents = BTreeMap::new();
            for year in yearly.years() {
                for force in Force::ALL {
                    if let Some(n) = yearly.anti_social_behaviour(*force, year) {
                        incidents.insert((*force, year), n);
                    }
                }
            }
            let crime = RecordedCrimeSource::new(&table.crime, edition.clone());
            let asb = AntiSocialBehaviourSource::new(
                incidents,
                format!("{} ({} rows read)", policing_data::yearly::SHIPPED_NAME, yearly.summary.rows),
            );
            let ledger = Ledger::wiltshire_2016().map_err(|e| crate::error::data(e.to_string()))?;
            let evaluator = Evaluator::new().with(&crime).with(&asb);
            evaluator.check(&ledger).map_err(|e| crate::error::data(e.to_string()))?;
            let text = report(&ledger, &evaluator, Some((&table.crime, &edition)));
            OutputArgs::to(a.output).text(&text)
        }
    }
}
