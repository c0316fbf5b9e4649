//! `policing report`: a PEEL report's every printed number checked against the public data.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use policing_forces::Force;
use policing_peel::ledger::{
    report, AntiSocialBehaviourSource, Evaluator, Ledger, OffenceShareSource, RecordedCrimeSource, ScanRules, Scanner,
};

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
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct ReportArgs {
    /// Check a ledger of another report, or print the template to start one.
    #[command(subcommand)]
    command: Option<ReportCommand>,
    /// Which report (its ledger ships with the tool).
    #[arg(value_enum, required = true)]
    report: Option<ReportName>,
    #[command(flatten)]
    common: CommonArgs,
}

/// What `report` and `report check` share: the source table and the output.
#[derive(Debug, clap::Args)]
pub struct CommonArgs {
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

/// `policing report check` and `policing report template`.
#[derive(Debug, clap::Subcommand)]
pub enum ReportCommand {
    /// Check a ledger of any PEEL report (another force's, another year's) against the same sources, and scan
    /// the report's text for numbers and statements the ledger misses.
    #[command(after_help = crate::commands::after_help!(
        "  policing report template > dorset-2016.tsv\n  policing report check dorset-2016.tsv --force dorset\n  policing report check dorset-2016.tsv --force dorset -o dorset-ledger.csv"
    ))]
    Check(CheckArgs),
    /// Print the ledger template for a 2016 effectiveness report (the figures every such report prints, the
    /// force and the printed values left blank); docs/ledger.md describes the format.
    #[command(after_help = crate::commands::after_help!("  policing report template > dorset-2016.tsv"))]
    Template,
}

/// `policing report check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The ledger: tab-separated, one row for every number and verdict-bearing statement the report prints
    /// (`policing report template` prints one to start from).
    ledger: PathBuf,
    /// The report as plain text (`pdftotext -layout`): what alternative methods are read against, and what
    /// is scanned for numbers and statements the ledger misses.
    #[arg(long)]
    text: Option<PathBuf>,
    /// Whose report: fills in a template's blank `#@ force:` line (or overrides the ledger's).
    #[arg(short = 'F', long, value_parser = crate::commands::force_arg)]
    force: Option<Force>,
    /// The report's own rules for the scan, beyond those every 2016 report needs: tab-separated lines of
    /// kind (verdict or figure), a regular expression over one line and the reason.
    #[arg(long, requires = "text")]
    rules: Option<PathBuf>,
    #[command(flatten)]
    common: CommonArgs,
}

/// The ledger's columns as a table.
const COLUMNS: [&str; 11] =
    ["id", "line", "section", "item", "subject", "period", "printed", "computed", "verdict", "explained_by", "note"];

/// Runs `policing report`.
pub fn run(a: ReportArgs) -> CmdResult {
    match (a.command, a.report) {
        (Some(ReportCommand::Template), _) => {
            OutputArgs::to(None).text(policing_peel::ledger::TEMPLATE_EFFECTIVENESS_2016)
        }
        (Some(ReportCommand::Check(c)), _) => {
            let read = |path: &Path| {
                std::fs::read_to_string(path)
                    .map_err(|e| crate::error::data(format!("{}: {}", path.display(), policing_data::io_words(&e))))
            };
            let ledger_text = read(&c.ledger)?;
            let mut ledger = Ledger::parse_file(&ledger_text, c.force)
                .map_err(|e| crate::error::data(format!("{}: {e}", c.ledger.display())))?;
            let scan = match &c.text {
                Some(path) => {
                    let text = read(path)?;
                    let mut rules = ScanRules::peel_2016();
                    if let Some(r) = &c.rules {
                        rules = rules
                            .with_file(&read(r)?)
                            .map_err(|e| crate::error::data(format!("{}: {e}", r.display())))?;
                    }
                    let scan = Scanner::new(&text, &rules).check(&ledger.rows);
                    ledger = ledger.with_text(text);
                    Some((path.clone(), scan))
                }
                None => None,
            };
            evaluate(&ledger, c.common, scan)
        }
        (None, Some(ReportName::Wiltshire2016)) => {
            let ledger = Ledger::wiltshire_2016().map_err(|e| crate::error::data(e.to_string()))?;
            evaluate(&ledger, a.common, None)
        }
        (None, None) => Err(usage("name a report (wiltshire-2016), or `check LEDGER.tsv`, or `template`")),
    }
}

/// Evaluates a ledger against the shipped sources and writes it, in words or as a table.
fn evaluate(ledger: &Ledger, a: CommonArgs, scan: Option<(PathBuf, policing_peel::ledger::Scan)>) -> CmdResult {
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
        OutputArgs::to(a.output.clone()).check_folder()?;
    } else {
        OutputArgs::to(a.output.clone()).check()?;
    }
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
    let codes = policing_data::offence_codes::shipped_codes()?;
    let year = codes.years().into_iter().max().unwrap_or(2017);
    let shares = OffenceShareSource::new(
        &table.crime,
        codes.group_counts(year),
        format!("{year}/{:02}", (year + 1) % 100),
        format!("{} ({} rows read)", policing_data::offence_codes::SHIPPED_CODES, codes.summary.rows),
    );
    let evaluator = Evaluator::new().with(&crime).with(&asb).with(&shares);
    let data = |e: policing_peel::PeelError| crate::error::data(e.to_string());
    // The scan, in words: what of the text the ledger does not account for.
    let scanned = scan.map(|(path, scan)| {
        let mut s = format!(
            "\nThe report text ({}) against the ledger: {} numbers read, {} of them rows; {} comparative or \
             evaluative words read, {} of them rows",
            path.display(),
            scan.numbers,
            scan.numbers_as_rows,
            scan.verdict_words,
            scan.verdict_words_as_rows
        );
        if scan.problems.is_empty() {
            s.push_str("; everything else is covered by a reasoned rule.\n");
        } else {
            s.push_str(&format!(
                "; {} not accounted for (each needs a row, or a reasoned rule with --rules):\n",
                scan.problems.len()
            ));
            for p in &scan.problems {
                s.push_str(&format!("  {p}\n"));
            }
        }
        s
    });
    if !words {
        let evaluation = evaluator.evaluate(ledger).map_err(data)?;
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
        if let Some(s) = &scanned {
            crate::output::note(s.trim());
        }
        let mut output = OutputArgs::to(a.output);
        output.set_format(a.format);
        let about = [("report", ledger.title.clone()), ("source", edition)];
        return output.table_about(output.format_or(Format::Csv), &COLUMNS, &rows, &about);
    }
    let mut text = report(ledger, &evaluator, Some((&table.crime, &edition))).map_err(data)?;
    if let Some(s) = scanned {
        text.push_str(&s);
    }
    OutputArgs::to(a.output).text(&text)
}
