//! Anti-social behaviour incidents per 1,000 population, from data.police.uk's
//! counts by calendar year: the latest calendar year that ends on or before the
//! profile's period ends.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use policing_crime::{Per as CrimePer, YearEnding};
use policing_forces::Force;
use policing_stats::change::Change;
use policing_stats::trend::Polarity;
use policing_stats::Statistic;
use rust_decimal::Decimal;

use crate::error::Result;
use crate::indicator::{
    calendar_year_within, Context, DenominatorOf, ForceInputs, Indicator, Input, MeasureInputs, Per, SectionInputs,
    SeriesPoint, TrendTest,
};
use crate::row::Section;

/// Anti-social behaviour incidents per 1,000 population, by calendar year.
#[derive(Debug, Clone, Copy, Default)]
#[allow(clippy::exhaustive_structs, reason = "a unit type: an indicator holds no data")]
pub struct AntiSocialBehaviour;

/// "calendar years 2012 to 2016".
pub(crate) fn years_held(years: &std::collections::BTreeSet<u16>) -> String {
    match (years.first(), years.last()) {
        (Some(a), Some(b)) if a == b => format!("calendar year {a}"),
        (Some(a), Some(b)) => format!("calendar years {a} to {b}"),
        _ => "no calendar year".to_owned(),
    }
}

fn december(year: i32) -> Option<YearEnding> {
    YearEnding::from_month(year, 12).ok()
}

impl Indicator for AntiSocialBehaviour {
    fn section(&self) -> Section {
        Section::AntiSocialBehaviour
    }

    fn inputs(&self, ctx: &Context<'_>) -> Result<SectionInputs> {
        let Some((counts, edition)) = &ctx.sources.yearly else {
            return Ok(SectionInputs::not_held(Section::AntiSocialBehaviour, "no anti-social behaviour counts given"));
        };
        let year = calendar_year_within(ctx.period);
        let held = counts.years();
        let (Some(period), Ok(y16)) = (december(year), u16::try_from(year)) else {
            return Ok(SectionInputs::not_held(Section::AntiSocialBehaviour, years_held(&held)));
        };
        if !held.contains(&y16) {
            return Ok(SectionInputs::not_held(Section::AntiSocialBehaviour, years_held(&held)));
        }
        let count_of = |force: Force, y: i32| -> Option<u64> {
            u16::try_from(y).ok().and_then(|y| counts.anti_social_behaviour(force, y))
        };
        let day = |y: i32| NaiveDate::from_ymd_opt(y, 12, 31);
        let population = |force: Force, y: i32| {
            day(y).and_then(|d| ctx.denominators.area_for_period(force, d, CrimePer::Population).ok())
        };
        let change = |force: Force, back: i32| -> std::result::Result<Change, String> {
            let now = count_of(force, year).ok_or("no count for the year")?;
            let then = count_of(force, year - back)
                .ok_or_else(|| format!("the {} count is not held ({})", year - back, years_held(&held)))?;
            Ok(Change::between(then, now))
        };
        let series_years: Vec<i32> = (year - 4..=year).collect();
        let point = |force: Option<Force>, y: i32| -> Option<SeriesPoint> {
            let period = december(y)?;
            let (count, denominator) = match force {
                Some(f) => (count_of(f, y).map(Decimal::from), population(f, y).map(|d| d.value)),
                None => {
                    let total: Option<u64> = Force::territorial().map(|f| count_of(f, y)).sum();
                    let d = day(y)
                        .and_then(|d| ctx.denominators.england_and_wales_for_period(d, CrimePer::Population).ok());
                    (total.map(Decimal::from), d.map(|d| d.value))
                }
            };
            Some(SeriesPoint::new(period, count, denominator, Per::ThousandPopulation))
        };
        let mut forces = BTreeMap::new();
        for force in Force::territorial() {
            let mut notes = Vec::new();
            let input = match (count_of(force, year), population(force, year)) {
                (Some(n), Some(d)) => {
                    if let Some(note) = d.note {
                        notes.push(note);
                    }
                    Input::Counts { count: Decimal::from(n), denominator: d.value }
                }
                (None, _) => Input::Missing("no anti-social behaviour count held for the force".to_owned()),
                (_, None) => Input::Missing("no population held for the force".to_owned()),
            };
            let series = series_years.iter().filter_map(|y| point(Some(force), *y)).collect();
            forces.insert(
                force,
                ForceInputs { input, previous_year: change(force, 1), five_year: change(force, 5), series, notes },
            );
        }
        let ew = day(year).and_then(|d| ctx.denominators.england_and_wales_for_period(d, CrimePer::Population).ok());
        let measure = MeasureInputs {
            id: "anti_social_behaviour".to_owned(),
            label: "Anti-social behaviour incidents".to_owned(),
            period,
            per: Per::ThousandPopulation,
            statistic: Some(Statistic::Rate),
            polarity: Polarity::LowIsGood,
            denominator: ew.map_or_else(
                || DenominatorOf::new("not held", None, ctx.denominators.edition().name()),
                |d| DenominatorOf::new(format!("ONS mid-{} population", d.year), Some(d.year), d.edition),
            ),
            source: edition.clone(),
            about: Vec::new(),
            forces,
            england_and_wales_series: series_years.iter().filter_map(|y| point(None, *y)).collect(),
            breaks: Vec::new(),
            trend: TrendTest::Rate,
        };
        Ok(SectionInputs {
            section: Section::AntiSocialBehaviour,
            period: Some(period),
            measures: vec![measure],
            not_held: None,
            sources: vec![format!("anti-social behaviour: {edition}")],
            about: vec![format!(
                "incidents in calendar year {year} (the latest calendar year ending by the profile's period), per \
                 1,000 population of the latest mid-year estimate before the year's end; changes on the calendar \
                 years before; trend: calendar years {} to {year}",
                year - 4
            )],
        })
    }
}
