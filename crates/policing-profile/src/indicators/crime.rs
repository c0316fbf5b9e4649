//! Recorded crime: every ONS offence group and the derived measures, per 1,000
//! population (per 1,000 households for burglary in a dwelling), for the
//! profile's own rolling year.

use std::collections::BTreeMap;

use policing_crime::{Denominator, Figure, Measure, Offence, Per as CrimePer, Unit, YearEnding, DEFINITION_BREAKS};
use policing_forces::Force;
use policing_stats::trend::Polarity;
use policing_stats::Statistic;
use rust_decimal::Decimal;

use crate::error::Result;
use crate::indicator::{
    march_year_within, Context, DenominatorOf, ForceInputs, Indicator, Input, MeasureInputs, Per, SectionInputs,
    SeriesBreak, SeriesPoint, TrendTest,
};
use crate::row::Section;

/// Police recorded crime by force area (the ONS table): the profile's period.
#[derive(Debug, Clone, Copy, Default)]
#[allow(clippy::exhaustive_structs, reason = "a unit type: an indicator holds no data")]
pub struct RecordedCrime;

/// The measures of the ONS table, as the section holds them.
fn measures() -> Vec<Measure> {
    let mut out = vec![Measure::RecordedCrimeExclFraud, Measure::VictimBasedCrime, Measure::OtherCrimesAgainstSociety];
    out.extend(Offence::ALL.iter().map(|o| Measure::Offence(*o)));
    out
}

/// The years ending March of a trend: the five up to the period's end.
fn trend_years(period: YearEnding) -> Vec<YearEnding> {
    let last = march_year_within(period);
    (0..5).rev().filter_map(|back| YearEnding::from_month(last - back, 3).ok()).collect()
}

fn per_of(m: Measure) -> Per {
    match m.per() {
        CrimePer::Households => Per::ThousandHouseholds,
        _ => Per::ThousandPopulation,
    }
}

fn denominator_of(d: &Denominator) -> DenominatorOf {
    let what = match d.per {
        CrimePer::Households => format!("{} households", d.year),
        _ => format!("ONS mid-{} population", d.year),
    };
    DenominatorOf::new(what, Some(d.year), d.edition.clone())
}

/// The breaks of definition inside a span: the measure's own, and those of the rows a total adds up.
fn breaks(m: Measure, start: chrono::NaiveDate, end: chrono::NaiveDate) -> Vec<SeriesBreak> {
    match m {
        Measure::Offence(o) => DEFINITION_BREAKS
            .iter()
            .filter(|b| b.offences.contains(&o) && b.within(start, end))
            .map(|b| SeriesBreak { from: b.from, what: b.describe(), breaks_measure: true })
            .collect(),
        _ => m
            .breaks_inside(start, end)
            .into_iter()
            .map(|b| SeriesBreak { from: b.from, what: b.describe(), breaks_measure: false })
            .collect(),
    }
}

fn point(ctx: &Context<'_>, unit: Unit, m: Measure, y: YearEnding) -> SeriesPoint {
    let (count, denominator, _) = ctx.sources.crime.rate(unit, m, y, ctx.denominators);
    let count = count.ok().filter(|c| *c >= 0).map(Decimal::from);
    SeriesPoint::new(y, count, denominator.ok().map(|d| d.value), per_of(m))
}

fn reason<T>(f: &Figure<T>) -> Option<String> {
    f.as_ref().err().map(|e| e.reason.clone())
}

impl Indicator for RecordedCrime {
    fn section(&self) -> Section {
        Section::RecordedCrime
    }

    fn inputs(&self, ctx: &Context<'_>) -> Result<SectionInputs> {
        let crime = &ctx.sources.crime;
        let period = ctx.period;
        let years = trend_years(period);
        let span = years.first().map_or(period.start(), |y| y.start());
        let mut out = Vec::new();
        for m in measures() {
            let comparable = m.comparable(period);
            let mut forces = BTreeMap::new();
            for force in Force::territorial() {
                let unit = Unit::Force(force);
                let (count, denominator, _) = crime.rate(unit, m, period, ctx.denominators);
                let area = ctx.denominators.area(force, period, m.per());
                let mut notes = Vec::new();
                let input = match (&count, &area) {
                    (Ok(c), Ok(d)) if *c < 0 => Input::PooledOnly {
                        count: Decimal::from(*c),
                        denominator: d.value,
                        reason: format!(
                            "the count is {c} (the source carries adjustments as negative totals): counted in \
                             England and Wales's total, not ranked"
                        ),
                    },
                    (Ok(c), Ok(d)) => {
                        if let Some(n) = &d.note {
                            notes.push(n.clone());
                        }
                        // City of London: its residents are in England and Wales's denominator, its rate is
                        // not its PEEL rate; the comparison counts it in the pool only (Force::not_ranked).
                        let d = denominator.as_ref().map_or(d.value, |d| d.value);
                        Input::Counts { count: Decimal::from(*c), denominator: d }
                    }
                    _ => Input::Missing(
                        reason(&count).or_else(|| reason(&area)).unwrap_or_else(|| "not held".to_owned()),
                    ),
                };
                let change = |n: u32| crime.change(unit, m, period, n).map_err(|e| e.reason);
                let series = years.iter().map(|y| point(ctx, unit, m, *y)).collect();
                forces.insert(
                    force,
                    ForceInputs { input, previous_year: change(1), five_year: change(5), series, notes },
                );
            }
            // A measure of which the table holds no count for any force (fraud offences after 2013) is
            // left out; one that is not comparable over the year is kept, with the reason, so it is seen.
            let held = forces.values().any(|f| !matches!(f.input, Input::Missing(_)));
            if !held && comparable.is_ok() {
                continue;
            }
            let mut about = Vec::new();
            if let Err(e) = &comparable {
                about.push(e.reason.clone());
            }
            let ew = ctx.denominators.england_and_wales(period, m.per());
            let series_breaks = breaks(m, span, period.end());
            let trend = match series_breaks.iter().find(|b| b.breaks_measure) {
                Some(b) => TrendTest::NotTested(format!("not comparable: {}", b.what)),
                None => TrendTest::Rate,
            };
            out.push(MeasureInputs {
                id: m.id(),
                label: m.name().to_owned(),
                period,
                per: per_of(m),
                statistic: Some(Statistic::Rate),
                polarity: Polarity::LowIsGood,
                denominator: ew.as_ref().map_or_else(
                    |e| DenominatorOf::new(e.reason.clone(), None, ctx.denominators.edition().name()),
                    denominator_of,
                ),
                source: ctx.sources.crime_edition.clone(),
                about,
                forces,
                england_and_wales_series: years.iter().map(|y| point(ctx, Unit::EnglandAndWales, m, *y)).collect(),
                breaks: series_breaks,
                trend,
            });
        }
        Ok(SectionInputs {
            section: Section::RecordedCrime,
            period: Some(period),
            measures: out,
            not_held: None,
            sources: vec![format!("recorded crime: {}", ctx.sources.crime_edition)],
            about: vec![
                format!(
                    "police recorded crime for the {period}, per 1,000 population (per 1,000 households for burglary \
                     in a dwelling): {}",
                    denominators_words(ctx, period)
                ),
                "changes: on the same 12 months a year and five years earlier, counts, with exact 95% intervals \
                 (statistics.md section 9); trend: the five years ending March up to the period"
                    .to_owned(),
            ],
        })
    }
}

/// The denominators of a period in words: year and edition.
pub(crate) fn denominators_words(ctx: &Context<'_>, period: YearEnding) -> String {
    let population = ctx.denominators.england_and_wales(period, CrimePer::Population);
    let households = ctx.denominators.england_and_wales(period, CrimePer::Households);
    let mut parts = Vec::new();
    if let Ok(p) = population {
        parts.push(format!("ONS mid-{} populations ({})", p.year, p.edition));
        if let Some(n) = p.note {
            parts.push(n);
        }
    }
    if let Ok(h) = households {
        parts.push(format!("{} households ({})", h.year, h.edition));
    }
    parts.join("; ")
}
