//! `policing counts`: crimes by force and by last outcome, crime type or month.

use policing_data::CountBy;
use policing_forces::{Force, Population};
use policing_stats::Rate;
use rust_decimal::Decimal;

use super::street::StreetInput;
use crate::error::{usage, CmdResult};
use crate::output::{note, Cell, Format, OutputArgs};

/// What crimes are counted by, after the force.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    /// The last outcome category, as the files write it.
    Outcome,
    /// The crime type (a data.police.uk crime category).
    CrimeType,
    /// The month (YYYY-MM).
    Month,
}

/// `policing counts`.
#[derive(Debug, clap::Args)]
pub struct CountsArgs {
    #[command(flatten)]
    input: StreetInput,
    /// What to count crimes by after the force.
    #[arg(short = 'b', long, value_enum, default_value_t = By::Outcome)]
    by: By,
    /// Add each force's crimes per this many residents (ONS mid-2015 population of the force area), e.g. 1000.
    #[arg(long)]
    per: Option<u32>,
    /// One row per month (or outcome, or crime type) and one column per force, as `figure lines` reads it:
    /// counts, or with --per the rates.
    #[arg(long, alias = "pivot")]
    wide: bool,
    #[command(flatten)]
    output: OutputArgs,
}

/// Said whenever rates are computed: the populations are of one year, whatever the period.
const DENOMINATOR_NOTE: &str = "rates per resident use the ONS mid-2015 populations of the force areas for every \
                                period: the further a period is from mid-2015, the more the rates drift from \
                                rates on that year's population";

/// The counts (or rates) pivoted: a row per key, a column per force.
fn wide(a: &CountsArgs, format: Format, second: &str, counts: &[(&Force, String, u64)]) -> CmdResult {
    let mut forces: Vec<&Force> = counts.iter().map(|(f, _, _)| *f).collect();
    forces.sort_by_key(|f| f.name());
    forces.dedup();
    let mut keys: Vec<&str> = counts.iter().map(|(_, k, _)| k.as_str()).collect();
    keys.sort_unstable();
    keys.dedup();
    let population = Population::mid_2015();
    if a.per.is_some() {
        for f in &forces {
            if let Err(why) = population.peel_denominator(**f) {
                note(format!("no rate for {f}: {why}: its column is empty"));
            }
        }
    }
    let value = |f: &Force, n: u64| -> Cell {
        match a.per {
            None => Cell::Count(i128::from(n)),
            Some(per) => population
                .peel_denominator(*f)
                .ok()
                .and_then(|p| Rate::new(n, p, Decimal::from(per)).ok())
                .map_or(Cell::Empty, |r| Cell::decimal(&r.value(), 2)),
        }
    };
    let lookup: std::collections::HashMap<(&Force, &str), u64> =
        counts.iter().map(|(f, k, n)| ((*f, k.as_str()), *n)).collect();
    let rows: Vec<Vec<Cell>> = keys
        .iter()
        .map(|k| {
            let mut row = vec![Cell::text(*k)];
            // A force with no crimes of a key counted none.
            row.extend(forces.iter().map(|f| value(f, lookup.get(&(*f, *k)).copied().unwrap_or(0))));
            row
        })
        .collect();
    let mut header: Vec<&str> = vec![second];
    header.extend(forces.iter().map(|f| f.name()));
    a.output.table(format, &header, &rows)
}

/// Runs `policing counts`.
pub fn run(a: CountsArgs) -> CmdResult {
    let by = match a.by {
        By::Outcome => CountBy::Outcome,
        By::CrimeType => CountBy::CrimeType,
        By::Month => CountBy::Month,
    };
    if a.per == Some(0) {
        return Err(usage("--per must be at least 1"));
    }
    a.output.check()?;
    if let (Some(out), Some(rejected)) = (&a.output.output, &a.input.rejections) {
        if super::same_file(out, rejected) {
            return Err(usage(format!(
                "-o and --rejections both name {}: the rejected rows would replace the counts; give two files",
                out.display()
            )));
        }
    }
    let result = a.input.count(by)?;
    let format = a.output.format_or(Format::Csv);
    let second = match a.by {
        By::Outcome => "outcome",
        By::CrimeType => "crime_type",
        By::Month => "month",
    };
    // Rows in the order of the forces' names, then the key's text (as a spreadsheet sorts them).
    let mut counts: Vec<(&Force, String, u64)> =
        result.counts.iter().map(|((force, key), n)| (force, key.to_string(), *n)).collect();
    counts.sort_by(|a, b| (a.0.name(), &a.1).cmp(&(b.0.name(), &b.1)));
    if a.per.is_some() {
        note(DENOMINATOR_NOTE);
    }
    if a.wide {
        return wide(&a, format, second, &counts);
    }
    let Some(per) = a.per else {
        let rows: Vec<Vec<Cell>> = counts
            .into_iter()
            .map(|(force, key, n)| vec![Cell::text(force.name()), Cell::Text(key), Cell::Count(i128::from(n))])
            .collect();
        return a.output.table(format, &["force", second, "count"], &rows);
    };
    // Rates per resident: the force's count over its PEEL denominator (ONS mid-2015 population).
    let population = Population::mid_2015();
    let mut rows = Vec::new();
    let mut without: Vec<(&Force, String)> = Vec::new();
    for (force, key, n) in counts {
        let people = population.peel_denominator(*force);
        let rate = people.as_ref().ok().and_then(|p| Rate::new(n, *p, Decimal::from(per)).ok());
        if let Err(e) = &people {
            if !without.iter().any(|(f, _)| *f == force) {
                without.push((force, e.to_string()));
            }
        }
        rows.push(vec![
            Cell::text(force.name()),
            Cell::Text(key),
            Cell::Count(i128::from(n)),
            Cell::or_empty(people.ok(), |p| Cell::Count(i128::from(p))),
            Cell::or_empty(rate, |r| Cell::decimal(&r.value(), 2)),
        ]);
    }
    for (force, why) in without {
        note(format!("no rate for {force}: {why}"));
    }
    let rate = format!("per_{per}");
    a.output.table(format, &["force", second, "count", "population", rate.as_str()], &rows)
}
