//! Figures 1 and 2 of a PEEL report drawn from recorded crime
//! (`policing-crime` tables): the force's rate over five years with England and
//! Wales, and a measure by force, ranked.

use policing_crime::{Denominators, Measure, RecordedCrime, Unit, YearEnding};
use policing_forces::Force;

use crate::lines::{line_chart, Series};
use crate::ranked::ranked_bars;
use crate::style::{Caption, FigureError, Result};

/// Where the values come from, for the caption's source line.
const SOURCE: &str = "Source: ONS police recorded crime by police force area (Home Office data); \
                      ONS mid-2015 populations; 2014-based household projections";

/// Figure 1: a force's rate per 1,000 on `measure` for each quarter of the five
/// years to `year` (21 rolling years, both ends included), with England and
/// Wales beside it.
///
/// # Errors
/// [`FigureError::Empty`] when the table has none of those years, [`FigureError::Drawing`].
pub fn trend_figure(
    crime: &RecordedCrime,
    force: Force,
    measure: Measure,
    year: YearEnding,
    denominators: &Denominators,
) -> Result<String> {
    let force_series = crime.trend(Unit::Force(force), measure, year, 21, denominators);
    let ew_series = crime.trend(Unit::EnglandAndWales, measure, year, 21, denominators);
    let periods: Vec<String> = force_series.iter().map(|(y, _)| y.end().format("%b %Y").to_string()).collect();
    let series = vec![
        Series { name: force.name().to_owned(), values: force_series.iter().map(|(_, r)| r.clone().ok()).collect() },
        Series {
            name: "England and Wales".to_owned(),
            values: ew_series.iter().map(|(_, r)| r.clone().ok()).collect(),
        },
    ];
    let start = year.years_earlier(5).map_err(|_| FigureError::Empty { what: "no five years before the period" })?;
    let caption = Caption::new(format!(
        "Figure 1: Police-recorded crime rates (per 1,000 {}) in {}, five years to {}",
        measure.per().name(),
        force.name(),
        year.end().format("%-d %B %Y")
    ))
    .unit(format!("{} per 1,000 {}", measure.name(), measure.per().name()))
    .period(format!(
        "rolling 12-month totals, quarterly, {} to {}",
        start.end().format("%B %Y"),
        year.end().format("%B %Y")
    ))
    .source(SOURCE)
    .decimals(1);
    line_chart(&periods, &series, force.name(), &caption)
}

/// Figure 2 for any measure: every force's rate per 1,000, ranked, `highlight`
/// marked, the top and bottom quarter shaded, England and Wales as a line;
/// forces without a rate (City of London) listed with the reason.
///
/// # Errors
/// [`FigureError::Empty`] when the table does not hold the year or no force has
/// a rate, [`FigureError::Drawing`].
pub fn by_force_figure(
    crime: &RecordedCrime,
    highlight: Option<Force>,
    measure: Measure,
    year: YearEnding,
    denominators: &Denominators,
) -> Result<String> {
    let table = crime
        .measure(measure, year, denominators)
        .map_err(|_| FigureError::Empty { what: "the table does not hold the period" })?;
    let caption = Caption::new(format!("{} per 1,000 {}, by force", measure.name(), measure.per().name()))
        .unit(format!("crimes per 1,000 {}", measure.per().name()))
        .period(year.to_string())
        .source(SOURCE)
        .decimals(1);
    ranked_bars(
        &table.comparison,
        highlight.map_or("", Force::name),
        table.england_and_wales.rate.clone().ok(),
        &caption,
    )
}
