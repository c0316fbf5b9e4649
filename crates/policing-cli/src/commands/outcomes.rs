//! `policing outcomes`: figure 4 of a PEEL report, from street files alone
//! (each crime's last outcome category) or tracked through the outcomes files
//! (each crime's latest outcome, as the data stood at `--to`).

use std::collections::BTreeMap;
use std::path::PathBuf;

use policing_data::police_uk::FileKind;
use policing_data::tracked::{track_outcomes, TrackOptions, NO_OUTCOME};
use policing_data::{inputs, CountBy};
use policing_forces::Force;
use policing_outcomes::{Category, Coverage, Outcome, OutcomeComparison, OutcomeCounts, OutcomeSet, RowKind, FIGURE_4};
use policing_stats::Direction;

use super::street::{with_progress, StreetInput};
use crate::error::{usage, CliError, CmdResult};
use crate::output::{note, note_rejections, Format, OutputArgs};

/// `policing outcomes`.
#[derive(Debug, clap::Args)]
pub struct OutcomesArgs {
    #[command(flatten)]
    input: StreetInput,
    /// Street files (as the paths before the options): the crimes to track.
    #[arg(long = "street", num_args = 1..)]
    street: Vec<PathBuf>,
    /// Outcomes files, folders or zip archives: track each crime of the street files to its latest outcome in
    /// them (greatest month, then the later row), as the data stood at --to. The CSV and JSON output are then the
    /// counts by force and outcome (force,outcome,count); the table is figure 4.
    #[arg(long = "outcomes", num_args = 1..)]
    outcomes: Vec<PathBuf>,
    /// With --outcomes: the most memory the join may hold (e.g. 200M, 2G; K, M, G are powers of 1024). The files
    /// are then read once per part of the crimes that fits; the result is the same.
    #[arg(long, value_parser = parse_size)]
    memory: Option<u64>,
    #[command(flatten)]
    output: OutputArgs,
}

/// Parses a size in bytes: a number with an optional K, M or G (powers of 1024; `MiB`, `MB` and `M` alike).
fn parse_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (number, unit) = t.split_at(digits);
    let n: u64 = number.parse().map_err(|_| format!("{text:?} is not a size (a number, then K, M or G)"))?;
    let shift = match unit.trim().to_ascii_uppercase().trim_end_matches('B').trim_end_matches('I') {
        "" => 0,
        "K" => 10,
        "M" => 20,
        "G" => 30,
        "T" => 40,
        _ => return Err(format!("{text:?}: the unit must be K, M, G or T")),
    };
    n.checked_mul(1 << shift).filter(|b| *b > 0).ok_or_else(|| format!("{text:?} is not a size in bytes above 0"))
}

/// The outcomes a count can stand for: a data.police.uk category's, none yet
/// for a crime without an outcome row, and anything for an unknown text.
fn outcomes_of(text: &str) -> OutcomeSet {
    if text == NO_OUTCOME {
        return OutcomeSet::single(Outcome::NotYetAssigned);
    }
    Category::from_name(text).map_or(OutcomeSet::ANY, Category::outcomes)
}

/// Runs `policing outcomes`.
pub fn run(a: OutcomesArgs) -> CmdResult {
    if a.outcomes.is_empty() {
        if !a.street.is_empty() {
            return Err(usage("--street names the crimes to track: give the outcomes files with --outcomes"));
        }
        if a.memory.is_some() {
            return Err(usage("--memory bounds the join of --outcomes; without it memory is already flat"));
        }
        let result = a.input.count(CountBy::Outcome)?;
        return figure_4(&result.counts, &a.output, a.output.format_or(Format::Csv));
    }
    let counts = track(&a)?;
    let format = a.output.format_or(Format::Csv);
    if format == Format::Table {
        return figure_4(&counts, &a.output, format);
    }
    let rows: Vec<Vec<String>> =
        counts.iter().map(|((force, outcome), n)| vec![force.clone(), outcome.clone(), n.to_string()]).collect();
    a.output.table(format, &["force", "outcome", "count"], &rows)
}

/// Tracks the crimes of the street files to their latest outcomes; reports the summary on stderr.
fn track(a: &OutcomesArgs) -> Result<BTreeMap<(String, String), u64>, CliError> {
    let input = &a.input;
    if input.reported_by {
        return Err(usage("--reported-by: tracked outcomes are counted by the force area (Falls within)"));
    }
    if input.rejections.is_some() {
        return Err(usage(
            "--rejections FILE is not available with --outcomes: the rejected rows are counted by reason",
        ));
    }
    let months = input.months()?;
    let street_paths: Vec<PathBuf> = input.paths.iter().chain(&a.street).cloned().collect();
    let street = input.files(&street_paths, FileKind::Street, months)?;
    // Outcomes are recorded in or after the crime's month: outcomes files from --from, up to --to.
    let outcomes = input.files(&a.outcomes, FileKind::Outcomes, months)?;
    let options = TrackOptions {
        from: input.from,
        to: input.to,
        forces: (!input.forces.is_empty()).then(|| input.forces.clone()),
        memory: a.memory,
        threads: input.threads,
        block_size: input.block_size,
        rejection_examples: input.show_rejections,
        strict: input.strict,
    };
    // Without --memory each file is read once; with it, in passes not known ahead.
    let size = inputs::total_size(&street) + inputs::total_size(&outcomes);
    let tracked =
        with_progress(size, a.memory.is_none(), |report| track_outcomes(&street, &outcomes, &options, Some(report)))?;
    note(&tracked.summary);
    note_rejections(&tracked.rejections, tracked.summary.street_rejected + tracked.summary.outcome_rejected, "");
    if tracked.summary.crimes == 0 {
        return Err(CliError::Data("no crimes in the street files given to track".to_owned()));
    }
    Ok(tracked.counts)
}

/// Prints figure 4: each force's outcome shares (ranges where a category
/// stands for several outcome types), bands, and the total.
fn figure_4(counts: &BTreeMap<(String, String), u64>, output: &OutputArgs, format: Format) -> CmdResult {
    // Each force's counts, held against the outcomes each category can stand for;
    // an empty or unknown category could be anything.
    let mut by_force: BTreeMap<String, OutcomeCounts> = BTreeMap::new();
    for ((force, outcome), n) in counts {
        by_force.entry(force.clone()).or_default().add(outcomes_of(outcome), *n)?;
    }
    // England and Wales only when every territorial force is in the files; otherwise the total of the files given.
    let territorial: Vec<String> = Force::territorial().map(|f| f.name().to_owned()).collect();
    let all_forces = territorial.iter().all(|f| by_force.contains_key(f));
    let total_label = if all_forces { "England and Wales" } else { "Total of the files given" };
    if !all_forces {
        note(format!(
            "the last rows are the total of the files given ({} of the 43 forces), not England and Wales",
            by_force.keys().filter(|f| territorial.contains(f)).count()
        ));
    }
    let mut comparison = OutcomeComparison::new();
    for (force, counts) in by_force {
        comparison.include(force, counts, Coverage::FullYear)?;
    }
    let kinds: Vec<RowKind> = FIGURE_4.iter().map(|l| l.kind).collect();
    let bands: Vec<_> =
        kinds.iter().map(|k| comparison.band(*k, Direction::HighIsNotable)).collect::<Result<_, _>>()?;
    let mut rows = Vec::new();
    let mut emit = |unit: &str, table: &policing_outcomes::OutcomeTable, band_of: &dyn Fn(usize) -> String| {
        for (i, row) in table.rows().iter().enumerate() {
            let l = row.layout;
            rows.push(vec![
                unit.to_owned(),
                l.number.map(|n| n.to_string()).unwrap_or_default(),
                l.label.to_owned(),
                row.share.display(1),
                row.count.at_least().to_string(),
                row.count.at_most().to_string(),
                band_of(i),
            ]);
        }
    };
    for (force, _) in comparison.units() {
        if let Some(table) = comparison.table(force)? {
            let band_of = |i: usize| {
                bands
                    .get(i)
                    .and_then(|b| b.get(&force))
                    .and_then(|u| u.band())
                    .map(|b| b.words().to_owned())
                    .unwrap_or_default()
            };
            emit(force, &table, &band_of);
        }
    }
    let total = comparison.england_and_wales()?;
    emit(total_label, &total, &|_| String::new());
    output.table(format, &["force", "number", "row", "share", "count_at_least", "count_at_most", "band"], &rows)?;
    note(
        "shares are percentages of crimes recorded; a range (lo–hi) where a data.police.uk category stands for several \
         outcome types; bands only where every force's share is exact",
    );
    Ok(())
}
