//! `policing outcomes`: figure 4 of a PEEL report, from street files alone
//! (each crime's last outcome category) or tracked through the outcomes files
//! (each crime's latest outcome, as the data stood at `--to`).

use std::collections::BTreeMap;
use std::path::PathBuf;

use policing_data::tracked::{track_outcomes, TrackOptions};
use policing_data::{figure_4, inputs, CountBy, CountKey, FileKind};
use policing_forces::Force;
use policing_outcomes::OutcomeText;

use super::street::{with_progress, StreetInput};
use crate::error::{usage, CliError, CmdResult};
use crate::output::{note, note_rejections, Cell, Format, OutputArgs};
use policing_outcomes::Share;

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

/// Runs `policing outcomes`.
pub fn run(a: OutcomesArgs) -> CmdResult {
    a.output.check()?;
    if a.outcomes.is_empty() {
        if !a.street.is_empty() {
            return Err(usage("--street names the crimes to track: give the outcomes files with --outcomes"));
        }
        if a.memory.is_some() {
            return Err(usage("--memory bounds the join of --outcomes; without it memory is already flat"));
        }
        let result = a.input.count(CountBy::Outcome)?;
        let counts = result.counts.iter().filter_map(|((force, key), n)| match key {
            CountKey::Outcome(o) => Some((*force, o, *n)),
            _ => None,
        });
        return print_figure_4(counts, &a.output, a.output.format_or(Format::Csv));
    }
    let counts = track(&a)?;
    let format = a.output.format_or(Format::Csv);
    if format == Format::Table {
        return print_figure_4(counts.iter().map(|((f, o), n)| (*f, o, *n)), &a.output, format);
    }
    let mut rows: Vec<(String, String, u64)> =
        counts.iter().map(|((force, outcome), n)| (force.name().to_owned(), outcome.to_string(), *n)).collect();
    rows.sort();
    let rows: Vec<Vec<Cell>> =
        rows.into_iter().map(|(f, o, n)| vec![Cell::Text(f), Cell::Text(o), Cell::Count(i128::from(n))]).collect();
    a.output.table(format, &["force", "outcome", "count"], &rows)
}

/// Tracks the crimes of the street files to their latest outcomes; reports the summary on stderr.
fn track(a: &OutcomesArgs) -> Result<BTreeMap<(Force, OutcomeText), u64>, CliError> {
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
    let mut options = TrackOptions::default()
        .threads(input.threads)
        .block_size(input.block_size)
        .rejection_examples(input.show_rejections)
        .strict(input.strict);
    if let Some(from) = input.from {
        options = options.from(from);
    }
    if let Some(to) = input.to {
        options = options.to(to);
    }
    if !input.forces.is_empty() {
        options = options.forces(input.forces.clone());
    }
    if let Some(memory) = a.memory {
        options = options.memory(memory);
    }
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

/// Prints figure 4 (computed by [`figure_4`]): each force's outcome shares
/// (ranges where a category stands for several outcome types), bands, and the total.
fn print_figure_4<'a>(
    counts: impl IntoIterator<Item = (Force, &'a OutcomeText, u64)>,
    output: &OutputArgs,
    format: Format,
) -> CmdResult {
    let figure = figure_4(counts)?;
    for n in &figure.notes {
        note(n);
    }
    let rows: Vec<Vec<Cell>> = figure
        .rows()
        .into_iter()
        .map(|r| {
            let (low, high) = match r.share {
                Share::Exact(p) => (p, p),
                Share::Between(lo, hi) => (lo, hi),
            };
            vec![
                Cell::Text(r.unit),
                Cell::or_empty(r.number, |n| Cell::Count(i128::from(n))),
                Cell::text(r.label),
                match r.share {
                    Share::Exact(p) => Cell::decimal(&p.percent(), 1),
                    Share::Between(..) => Cell::Empty,
                },
                Cell::decimal(&low.percent(), 1),
                Cell::decimal(&high.percent(), 1),
                Cell::Count(i128::from(r.count_at_least)),
                Cell::Count(i128::from(r.count_at_most)),
                Cell::or_empty(r.band, |b| Cell::text(b.words())),
            ]
        })
        .collect();
    output.table(
        format,
        &["force", "number", "row", "share", "share_low", "share_high", "count_at_least", "count_at_most", "band"],
        &rows,
    )?;
    note(
        "shares are percentages of crimes recorded: share where the data determine it, and always the lowest and \
         highest the data allow (share_low, share_high: a range where a data.police.uk category stands for several \
         outcome types); bands only where every force's share is exact",
    );
    Ok(())
}
