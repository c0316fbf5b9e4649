//! The crime severity score: each offence code's count in a year to March times
//! its ONS weight, summed, over the population (per head, as ONS scales it),
//! from the Home Office table by offence code: the latest year it holds that
//! ends on or before the profile's period ends.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use policing_crime::{Per as CrimePer, YearEnding};
use policing_forces::Force;
use policing_stats::trend::Polarity;

use crate::error::Result;
use crate::indicator::{
    march_year_within, Context, DenominatorOf, ForceInputs, Indicator, Input, MeasureInputs, Per, SectionInputs,
    TrendTest,
};
use crate::row::Section;

/// The crime severity score, years to March.
#[derive(Debug, Clone, Copy, Default)]
#[allow(clippy::exhaustive_structs, reason = "a unit type: an indicator holds no data")]
pub struct Severity;

impl Indicator for Severity {
    fn section(&self) -> Section {
        Section::Severity
    }

    fn inputs(&self, ctx: &Context<'_>) -> Result<SectionInputs> {
        let Some((codes, weights)) = &ctx.sources.severity else {
            return Ok(SectionInputs::not_held(Section::Severity, "no offence-code table given"));
        };
        let held = codes.years();
        let words = |fy: u16| format!("the year to 31 March {}", u32::from(fy) + 1);
        let span = match (held.first(), held.last()) {
            (Some(a), Some(b)) if a == b => format!("the offence-code table holds {} only", words(*a)),
            (Some(a), Some(b)) => format!("the offence-code table holds {} to {}", words(*a), words(*b)),
            _ => "the offence-code table holds no year".to_owned(),
        };
        // A financial year fy runs from April fy to March fy + 1.
        let last = march_year_within(ctx.period);
        let found = held.iter().rev().find(|fy| i32::from(**fy) < last);
        let (Some(fy), Ok(period)) = (found, YearEnding::from_month(found.map_or(0, |f| i32::from(*f) + 1), 3)) else {
            return Ok(SectionInputs::not_held(Section::Severity, span));
        };
        let end = NaiveDate::from_ymd_opt(i32::from(*fy) + 1, 3, 31).unwrap_or(period.end());
        let mut forces = BTreeMap::new();
        let mut unweighted = 0i64;
        for force in Force::territorial() {
            let population = ctx.denominators.area_for_period(force, end, CrimePer::Population);
            let mut notes = Vec::new();
            let input = match (codes.severity(force, *fy, weights), population) {
                (Some((score, missing)), Ok(d)) => {
                    unweighted += missing.iter().map(|(_, n)| n).sum::<i64>();
                    notes.push(format!("weighted offences (the score's numerator): {}", score.round_dp(1)));
                    Input::Counts { count: score, denominator: d.value }
                }
                (None, _) => Input::Missing("the offence-code table lacks a quarter of the year".to_owned()),
                (_, Err(e)) => Input::Missing(e.reason),
            };
            let mut f = ForceInputs::without_changes(input, &span);
            f.notes = notes;
            forces.insert(force, f);
        }
        let ew = ctx.denominators.england_and_wales_for_period(end, CrimePer::Population).ok();
        let mut about = vec![format!(
            "financial year {fy}/{:02}: each offence code's count times its weight, summed, over the population; \
             weights: {} (ONS revises them each year, so this will not equal a score ONS published with earlier \
             weights); {span}: no change or trend",
            (fy + 1) % 100,
            weights.edition
        )];
        if unweighted > 0 {
            about.push(format!("{unweighted} offences of codes without a weight left out"));
        }
        let measure = MeasureInputs {
            id: "crime_severity_score".to_owned(),
            label: "Crime severity score (weighted offences per head)".to_owned(),
            period,
            per: Per::Head,
            statistic: None,
            polarity: Polarity::LowIsGood,
            denominator: ew.map_or_else(
                || DenominatorOf::new("not held", None, ctx.denominators.edition().name()),
                |d| DenominatorOf::new(format!("ONS mid-{} population", d.year), Some(d.year), d.edition),
            ),
            source: format!("{}; weights: {}", codes.summary.file.display(), weights.edition),
            about,
            forces,
            england_and_wales_series: Vec::new(),
            breaks: Vec::new(),
            trend: TrendTest::NotTested(span.clone()),
        };
        Ok(SectionInputs {
            section: Section::Severity,
            period: Some(period),
            measures: vec![measure],
            not_held: None,
            sources: vec![format!("severity: {} weighted by {}", codes.summary.file.display(), weights.edition)],
            about: Vec::new(),
        })
    }
}
