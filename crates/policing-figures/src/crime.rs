//! Figures 1 and 2 of a PEEL report drawn from recorded crime
//! (`policing-crime` tables): the force's rate over five years with England and
//! Wales, and a measure by force, ranked.

use policing_crime::{Denominators, Measure, RecordedCrime, Unit, YearEnding};
use policing_forces::Force;

use crate::lines::{line_chart_with_marks, Mark, Series};
use crate::ranked::ranked_bars;
use crate::style::{Caption, FigureError, Result};

/// Where the values come from, for the caption's source line.
fn source_line(denominators: &Denominators, year: YearEnding) -> String {
    format!(
        "Source: ONS police recorded crime by police force area (Home Office data); populations: {} (for the {year}, \
         mid-{}); 2014-based household projections",
        denominators.edition(),
        denominators.year_for(year)
    )
}

/// Figure 1: a force's rate per 1,000 on `measure` for each quarter of the five
/// years to `year` (21 rolling years, both ends included), with England and
/// Wales beside it. A break in the measure's definition within the years
/// ([`policing_crime::DEFINITION_BREAKS`]) is marked where the first rolling
/// year counted wholly under the new definition begins, and said in a note; so
/// is a break of a row a total includes. The notes give the change on five years
/// for the force and England and Wales with their exact intervals, and the
/// force's one-year change against England and Wales's, naming the tests used
/// (statistics.md section 9).
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
    let force_series = crime.rolling_rates(Unit::Force(force), measure, year, 21, denominators);
    let ew_series = crime.rolling_rates(Unit::EnglandAndWales, measure, year, 21, denominators);
    let periods: Vec<String> = force_series.iter().map(|(y, _)| y.end().format("%b %Y").to_string()).collect();
    let series = vec![
        Series { name: force.name().to_owned(), values: force_series.iter().map(|(_, r)| r.clone().ok()).collect() },
        Series {
            name: "England and Wales".to_owned(),
            values: ew_series.iter().map(|(_, r)| r.clone().ok()).collect(),
        },
    ];
    let start = year.years_earlier(5).map_err(|_| FigureError::Empty { what: "no five years before the period" })?;
    // Breaks: of the measure itself (its values on either side measure different things), and of the rows of
    // a total. Marked before the first rolling year that starts on or after the break.
    let mut marks = Vec::new();
    for b in policing_crime::DEFINITION_BREAKS {
        let own = match measure {
            Measure::Offence(o) => b.offences.contains(&o),
            _ => false,
        };
        let inside = measure.breaks_inside(start.start(), year.end()).contains(&b);
        if !(own || inside) || !b.within(start.start(), year.end()) {
            continue;
        }
        if let Some(at) = force_series.iter().position(|(y, _)| y.start() >= b.from) {
            let names: Vec<&str> = b.offences.iter().map(|o| o.name()).collect();
            let whose = if own {
                "the measure's definition changed".to_owned()
            } else {
                format!("{}, part of this total, changed definition", names.join(" and ").to_lowercase())
            };
            marks.push(Mark::new(
                at,
                format!(
                    "the first rolling year counted wholly under new rules ({whose}; rolling years ending after {} \
                     and before this one mix the two): {}",
                    b.from.format("%B %Y"),
                    b.describe()
                ),
            ));
        }
    }
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
    .source(format!(
        "{}; each quarter's rate divided by the estimate of its own year. {}",
        source_line(denominators, year),
        change_note(crime, force, measure, year, denominators)
    ))
    .decimals(1);
    line_chart_with_marks(&periods, &series, force.name(), &marks, &caption)
}

/// The caption's changes, saying which test each used.
fn change_note(crime: &RecordedCrime, force: Force, measure: Measure, year: YearEnding, d: &Denominators) -> String {
    let five = |unit: Unit| match crime.change(unit, measure, year, 5) {
        Ok(c) => c.to_string(),
        // A break is described once, by the grey line's note.
        Err(_)
            if measure.comparable_within(year.start(), year.end()).is_ok()
                && year.years_earlier(5).is_ok_and(|s| measure.comparable_within(s.start(), year.end()).is_err()) =>
        {
            let name = year
                .years_earlier(5)
                .ok()
                .and_then(|s| measure.comparable_within(s.start(), year.end()).err())
                .map_or_else(String::new, |b| b.name());
            format!("not comparable across {name} (the grey dashed line)")
        }
        Err(e) => e.reason,
    };
    let mut out = match year.years_earlier(5) {
        Ok(start) => format!(
            "Change in the count, the {start} to the {year}: {} {}, England and Wales {} (exact 95% intervals of \
             the change: conditional binomial, Clopper-Pearson)",
            force.name(),
            five(Unit::Force(force)),
            five(Unit::EnglandAndWales)
        ),
        Err(_) => String::new(),
    };
    if let Ok(t) = crime.measure(measure, year, d) {
        if let Some(r) = t.row(force) {
            let label = match (r.change_against_england_and_wales, &r.previous_year_change) {
                (Some(s), _) => {
                    let words = policing_crime::change_against_words(s);
                    let mut chars = words.chars();
                    chars.next().map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
                }
                (None, Err(e)) if e.reason.starts_with("not comparable") => {
                    let name = year
                        .years_earlier(1)
                        .ok()
                        .and_then(|s| measure.comparable_within(s.start(), year.end()).err())
                        .map_or_else(String::new, |b| b.name());
                    format!("not judged, not comparable across {name}")
                }
                (None, _) => "not judged".to_owned(),
            };
            out.push_str(&format!(
                ". On the year before, {}'s change against England and Wales's: {label} (log rate ratios allowing \
                 for how much more forces' changes vary than chance; statistics.md section 9)",
                force.name()
            ));
        }
    }
    out
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
        .source(source_line(denominators, year))
        .decimals(1);
    ranked_bars(
        &table.comparison,
        highlight.map_or("", Force::name),
        table.england_and_wales.rate.clone().ok(),
        &caption,
    )
}
