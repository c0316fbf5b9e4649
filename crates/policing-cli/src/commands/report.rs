//! `policing report`: a PEEL report's every printed number checked against the public data.

use std::path::PathBuf;

use clap::ValueEnum;
use std::collections::BTreeMap;

use policing_forces::Force;
use policing_peel::ledger::{report, AntiSocialBehaviourSource, Evaluator, Ledger, RecordedCrimeSource};

use crate::error::{usage, CmdResult};
use crate::output::{Cell, Format, OutputArgs};

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
    #[arg(short = 'o', long, visible_alias = "out")]
    output: Option<PathBuf>,
    /// The ledger as a table (csv or json: one row per printed figure or statement, with its verdict) instead of
    /// the report in words; a name ending .csv, .json, .xlsx or .parquet says the same.
    #[arg(short = 'f', long, value_enum)]
    format: Option<Format>,
}

/// The ledger's columns as a table.
const COLUMNS: [&str; 11] =
    ["id", "line", "section", "item", "subject", "period", "printed", "computed", "verdict", "explained_by", "note"];

/// Runs `policing report`.
pub fn run(a: ReportArgs) -> CmdResult {
    if a.format == Some(Format::Table) {
        return Err(usage("the report in words is the reading view: leave out --format, or give csv or json"));
    }
    let named = a.output.as_deref().map(|p| p.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase));
    // The report in words goes to standard output or a `.txt` file; the ledger
    // as a table to a name that says its format (or standard output with -f).
    let words = match (&a.output, named.as_ref().and_then(Option::as_deref), a.format) {
        (None, _, None) => true,
        (Some(path), Some("txt"), Some(_)) => {
            return Err(usage(format!(
                "{}: a .txt file holds the report in words: leave out --format, or name a .csv, .json, .xlsx or \
                 .parquet file",
                path.display()
            )))
        }
        (Some(_), Some("txt"), None) => true,
        (Some(path), None, None) => {
            return Err(usage(format!(
                "{}: the name does not say a format: end it in .txt (the report in words) or .csv, .json, .xlsx or \
                 .parquet (the ledger as a table)",
                path.display()
            )))
        }
        _ => false,
    };
    if words {
        crate::output::OutputArgs::to(a.output.clone()).check_folder()?;
    } else {
        crate::output::OutputArgs::to(a.output.clone()).check()?;
    }
    match a.report {
        ReportName::Wiltshire2016 => {
            let table = super::crime::read_table(a.input.as_deref(), None)?;
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
            if !words {
                let evaluation = evaluator.evaluate(&ledger).map_err(|e| crate::error::data(e.to_string()))?;
                let rows: Vec<Vec<Cell>> = evaluation
                    .entries
                    .iter()
                    .map(|e| {
                        vec![
                            Cell::text(e.row.id.clone()),
                            Cell::Count(e.row.line as i128),
                            Cell::text(e.row.section.clone()),
                            Cell::text(e.row.item.clone()),
                            Cell::text(e.row.subject.to_string()),
                            Cell::text(e.row.period.clone()),
                            Cell::text(e.row.printed.clone()),
                            Cell::text(e.computed.clone().unwrap_or_default()),
                            Cell::text(e.verdict.to_string()),
                            Cell::text(e.explained_by.unwrap_or_default()),
                            Cell::text(e.note.clone()),
                        ]
                    })
                    .collect();
                let mut output = OutputArgs::to(a.output);
                output.set_format(a.format);
                let about = [("report", ledger.title.clone()), ("source", edition)];
                return output.table_about(output.format_or(Format::Csv), &COLUMNS, &rows, &about);
            }
            let text = report(&ledger, &evaluator, Some((&table.crime, &edition)))
                .map_err(|e| crate::error::data(e.to_string()))?;
            OutputArgs::to(a.output).text(&text)
        }
    }
}
