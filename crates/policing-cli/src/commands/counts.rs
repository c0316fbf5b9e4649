//! `policing counts`: crimes by force and by last outcome, crime type or month.

use policing_data::CountBy;
use policing_forces::{Force, Population};
use policing_stats::Rate;
use rust_decimal::Decimal;

use super::street::StreetInput;
use crate::error::{usage, CmdResult};
use crate::output::{note, Format, OutputArgs};

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
    #[command(flatten)]
    output: OutputArgs,
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
    let Some(per) = a.per else {
        let rows: Vec<Vec<String>> =
            counts.into_iter().map(|(force, key, n)| vec![force.name().to_owned(), key, n.to_string()]).collect();
        return a.output.table(format, &["force", second, "count"], &rows);
    };
    // Rates per resident: the force's count over its PEEL denominator (ONS mid-2015 population).
    let population = Population::mid_2015();
    let mut rows = Vec::new();
    let mut without: Vec<(&Force, String)> = Vec::new();
    for (force, key, n) in counts {
        let people = population.peel_denominator(*force);
        let rate = people.as_ref().ok().and_then(|p| Rate::new(n, *p, Decimal::from(per)).ok()).map(|r| {
            if format == Format::Table {
                r.rounded(2).to_string()
            } else {
                r.value().normalize().to_string()
            }
        });
        if let Err(e) = &people {
            if !without.iter().any(|(f, _)| *f == force) {
                without.push((force, e.to_string()));
            }
        }
        rows.push(vec![
            force.name().to_owned(),
            key,
            n.to_string(),
            people.map(|p| p.to_string()).unwrap_or_default(),
            rate.unwrap_or_default(),
        ]);
    }
    for (force, why) in without {
        note(format!("no rate for {force}: {why}"));
    }
    let rate = format!("per_{per}");
    a.output.table(format, &["force", second, "count", "population", rate.as_str()], &rows)
}
