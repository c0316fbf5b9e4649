//! The whole check of a report as text: what was read, figure 1 (a chart the
//! report prints without values, computed from the source), every ledger row
//! with its verdict, and the headline.

use std::fmt::Write as _;

use policing_crime::{Denominators, Measure as CrimeMeasure, RecordedCrime, Unit, YearEnding};
use policing_forces::Period;
use policing_stats::round_half_away;

use super::evaluate::Evaluator;
use super::render::render;
use super::{Ledger, Measure};

impl Ledger {
    /// The rolling year of the report's recorded crime figures: the period of its
    /// first recorded crime row.
    #[must_use]
    pub fn crime_year(&self) -> Option<YearEnding> {
        self.rows.iter().find_map(|r| match &r.measure {
            Measure::Computed { source, .. } if source == "crime" => match r.period.parse::<Period>() {
                Ok(Period::TwelveMonthsTo(end)) => YearEnding::new(end).ok(),
                _ => None,
            },
            _ => None,
        })
    }
}

/// Figure 1 as a table: the force's and England and Wales's recorded crime
/// (excluding fraud) per 1,000 population for each quarter of the five years to
/// `year`, computed from the recorded crime table (`edition` says which).
#[must_use]
pub fn figure_1(ledger: &Ledger, table: &RecordedCrime, edition: &str, year: YearEnding) -> String {
    let mut out = String::new();
    let denominators = Denominators::peel();
    let m = CrimeMeasure::RecordedCrimeExclFraud;
    let force = table.rolling_rates(Unit::Force(ledger.force), m, year, 21, &denominators);
    let ew = table.rolling_rates(Unit::EnglandAndWales, m, year, 21, &denominators);
    let _ = writeln!(
        out,
        "\nFigure 1: recorded crime (excluding fraud) per 1,000 population, {} and England and Wales, each quarter of the five years to {}",
        ledger.force,
        year.end().format("%-d %B %Y")
    );
    let _ = writeln!(
        out,
        "  The report draws this chart without printing its values, so there is nothing to compare; computed from {}.",
        if edition.is_empty() { "the recorded crime table" } else { edition }
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

/// The whole check as text: the sources, figure 1 (when the recorded crime
/// table is given, with its edition), every row with its verdict, the
/// alternatives found by searching and the headline.
///
/// # Errors
/// [`PeelError::Ledger`](crate::PeelError::Ledger) naming a row whose measure does not parse.
pub fn report(
    ledger: &Ledger,
    evaluator: &Evaluator<'_>,
    crime: Option<(&RecordedCrime, &str)>,
) -> crate::error::Result<String> {
    let mut out = String::new();
    let _ = writeln!(out, "{} — {}", ledger.force, ledger.title);
    let _ = writeln!(
        out,
        "Every number the report prints is a row of its ledger; each is checked against the sources given:"
    );
    let evaluation = evaluator.evaluate(ledger)?;
    if evaluation.sources.is_empty() {
        let _ = writeln!(out, "  no source given: inputs, consistency checks and inferences only");
    }
    for (name, edition) in &evaluation.sources {
        let _ = writeln!(out, "  {name}: {edition}");
    }
    if let Some(release) = ledger.meta.get("release") {
        let _ = writeln!(out, "  the report used: {release}");
    }
    let _ = writeln!(
        out,
        "  populations: ONS mid-2015 estimates (MYE2, June 2016) summed to force areas; households: DCLG and Welsh \
         Government 2014-based projections summed to force areas"
    );
    let _ = writeln!(
        out,
        "Verdicts: reproduced (computed from a source file by the report's stated method, the same definition and \
         window, equal as printed), differs (computed the same way, not equal: both values and the evidence on why, \
         judged with every row using the same counts), explained (differs by the stated method; an alternative found \
         by searching gives the printed value: never counted as reproduced), consistent (a check among the report's \
         own numbers, never a reproduction), input (echoed), not computable (the source needed is named; another \
         definition or window is shown as the nearest measure, never compared)."
    );
    if let (Some(year), Some((table, edition))) = (ledger.crime_year(), crime) {
        out.push_str(&figure_1(ledger, table, edition, year));
    }
    out.push_str(&render(&evaluation));
    Ok(out)
}
