//! Crimes per officer: recorded crime (excluding fraud) of a year to March over
//! the force's police officers (full-time equivalent) at 31 March of the same
//! year, from the Home Office workforce open data table: the latest year that
//! both tables hold and that ends on or before the profile's period ends.

use std::collections::BTreeMap;

use policing_crime::{Measure, Unit, YearEnding};
use policing_forces::Force;
use policing_stats::trend::Polarity;
use rust_decimal::Decimal;

use crate::error::Result;
use crate::indicator::{
    march_year_within, Context, DenominatorOf, ForceInputs, Indicator, Input, MeasureInputs, Per, SectionInputs,
    SeriesPoint, TrendTest,
};
use crate::row::Section;

/// Recorded crime (excluding fraud) per officer, years to March.
#[derive(Debug, Clone, Copy, Default)]
#[allow(clippy::exhaustive_structs, reason = "a unit type: an indicator holds no data")]
pub struct CrimesPerOfficer;

const NO_TEST: &str = "officers are not a population at risk: crimes per officer is ranked, not tested";

impl Indicator for CrimesPerOfficer {
    fn section(&self) -> Section {
        Section::Resources
    }

    fn inputs(&self, ctx: &Context<'_>) -> Result<SectionInputs> {
        let Some(officers) = &ctx.sources.officers else {
            return Ok(SectionInputs::not_held(Section::Resources, "no officer table given"));
        };
        let crime = &ctx.sources.crime;
        let held = officers.years();
        let both = |y: i32| -> Option<YearEnding> {
            let year = YearEnding::from_month(y, 3).ok()?;
            (held.contains(&y) && crime.holds(year)).then_some(year)
        };
        let last = march_year_within(ctx.period);
        let Some((y, period)) = (held.first().copied().unwrap_or(last)..=last).rev().find_map(|y| Some((y, both(y)?)))
        else {
            let span = match (held.first(), held.last()) {
                (Some(a), Some(b)) => {
                    format!("officers at 31 March {a} to {b}, with recorded crime for the year to March")
                }
                _ => "no officers".to_owned(),
            };
            return Ok(SectionInputs::not_held(Section::Resources, span));
        };
        let m = Measure::RecordedCrimeExclFraud;
        let count =
            |unit: Unit, y: YearEnding| crime.measure_count(unit, m, y).ok().filter(|c| *c >= 0).map(Decimal::from);
        let point = |force: Option<Force>, y: i32| -> Option<SeriesPoint> {
            let at = YearEnding::from_month(y, 3).ok()?;
            let (c, o) = match force {
                Some(f) => (count(Unit::Force(f), at), officers.at(f, y)),
                None => {
                    let o: Option<Decimal> = Force::territorial().map(|f| officers.at(f, y)).sum();
                    (count(Unit::EnglandAndWales, at), o)
                }
            };
            Some(SeriesPoint::new(at, c, o, Per::Officer))
        };
        let mut forces = BTreeMap::new();
        for force in Force::territorial() {
            let input = match (count(Unit::Force(force), period), officers.at(force, y)) {
                (Some(c), Some(o)) if !o.is_zero() => Input::Counts { count: c, denominator: o },
                (None, _) => Input::Missing("no recorded crime count held for the force".to_owned()),
                _ => Input::Missing(format!("no officers held for 31 March {y}")),
            };
            let mut f = ForceInputs::without_changes(input, "not computed for a ratio of two counts");
            f.series = (y - 4..=y).filter_map(|yy| point(Some(force), yy)).collect();
            forces.insert(force, f);
        }
        let measure = MeasureInputs {
            id: "crimes_per_officer".to_owned(),
            label: "Recorded crime (excluding fraud) per officer".to_owned(),
            period,
            per: Per::Officer,
            statistic: None,
            polarity: Polarity::None,
            denominator: DenominatorOf::new(
                format!("police officers (full-time equivalent) at 31 March {y}"),
                Some(y),
                officers.edition.clone(),
            ),
            source: format!("{}; officers: {}", ctx.sources.crime_edition, officers.edition),
            about: Vec::new(),
            forces,
            england_and_wales_series: (y - 4..=y).filter_map(|yy| point(None, yy)).collect(),
            breaks: Vec::new(),
            trend: TrendTest::NotTested(NO_TEST.to_owned()),
        };
        Ok(SectionInputs {
            section: Section::Resources,
            period: Some(period),
            measures: vec![measure],
            not_held: None,
            sources: vec![format!("officers: {}", officers.edition)],
            about: vec![format!(
                "recorded crime (excluding fraud) in the {period} over police officers (full-time equivalent) at 31 \
                 March {y}, the latest year to March held that ends by the profile's period; {NO_TEST}"
            )],
        })
    }
}
