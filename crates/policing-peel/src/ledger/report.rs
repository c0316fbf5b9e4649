//! The whole check of a report as text: what was read, figure 1 (a chart the
//! report prints without values, computed from the source), every ledger row
//! with its verdict, and the headline.

use std::fmt::Write as _;

use policing_crime::{Measure as CrimeMeasure, Unit, YearEnding};
use policing_forces::Period;
use policing_stats::round_half_away;

use super::evaluate::{evaluate, Sources};
use super::render::render;
use super::{Ledger, Measure};

impl Ledger {
    /// The rolling year of the report's recorded crime figures: the period of its
    /// first recorded crime row.
    #[must_use]
    pub fn crime_year(&self) -> Option<YearEnding> {
        self.rows.iter().find_map(|r| match r.measure {
            Measure::CrimeRate(_) | Measure::CrimeChange(..) | Measure::CrimeRises(_) => {
                match r.period.parse::<Period>() {
                    Ok(Period::TwelveMonthsTo(end)) => YearEnding::new(end).ok(),
                    _ => None,
                }
            }
            _ => None,
        })
    }
}

/// Figure 1 as a table: the force's and England and Wales's recorded crime
/// (excluding fraud) per 1,000 population for each quarter of the five years to
/// `year`, computed from the recorded crime table.
#[must_use]
pub fn figure_1(ledger: &Ledger, sources: &Sources<'_>, year: YearEnding) -> String {
    let mut out = String::new();
    let Some(table) = sources.recorded_crime else { return out };
    let m = CrimeMeasure::RecordedCrimeExclFraud;
    let force = table.trend(Unit::Force(ledger.force), m, year, 21, &sources.denominators);
    let ew = table.trend(Unit::EnglandAndWales, m, year, 21, &sources.denominators);
    let _ = writeln!(
        out,
        "\nFigure 1: recorded crime (excluding fraud) per 1,000 population, {} and England and Wales, each quarter of the five years to {}",
        ledger.force,
        year.end().format("%-d %B %Y")
    );
    let _ = writeln!(
        out,
        "  The report draws this chart without printing its values, so there is nothing to compare; computed from {}.",
        if sources.recorded_crime_edition.is_empty() {
            "the recorded crime table"
        } else {
            &sources.recorded_crime_edition
        }
    );
    let _ = writeln!(out, "  {:<26} {:>18} {:>18}", "12 months to", ledger.force.name(), "England and Wales");
    for ((y, a), (_, b)) in force.iter().zip(&ew) {
        let show = |r: &policing_crime::Figure<rust_decimal::Decimal>| {
            r.as_ref().map_or_else(|e| format!("- ({e})"), |v| round_half_away(*v, 1).to_string())
        };
        let _ = writeln!(out, "  {:<26} {:>18} {:>18}", y.end().format("%-d %B %Y").to_string(), show(a), show(b));
    }
    out
}

/// The whole check as text.
#[must_use]
pub fn report(ledger: &Ledger, sources: &Sources<'_>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} — {}", ledger.force, ledger.title);
    let _ = writeln!(
        out,
        "Every number the report prints is a row of its ledger; each is checked against the sources given:"
    );
    let _ = writeln!(
        out,
        "  recorded crime: {}",
        match sources.recorded_crime {
            Some(_) if !sources.recorded_crime_edition.is_empty() => sources.recorded_crime_edition.as_str(),
            Some(_) => "a recorded crime table",
            None => "none given",
        }
    );
    let _ = writeln!(
        out,
        "  populations: ONS mid-2015 estimates (MYE2, June 2016) summed to force areas; households: DCLG and Welsh \
         Government 2014-based projections summed to force areas"
    );
    let _ = writeln!(
        out,
        "Verdicts: reproduced (computed from a source file, equal as printed), differs (computed, not equal: both values \
         and why), consistent (a check among the report's own numbers, never a reproduction), input (echoed), not \
         computable (the source needed is named)."
    );
    if let Some(year) = ledger.crime_year() {
        out.push_str(&figure_1(ledger, sources, year));
    }
    out.push_str(&render(&evaluate(ledger, sources)));
    out
}
