//! The last outcome of a calendar year's crimes, laid out as figure 4 of the
//! 2016 reports groups them, per 100 crimes, from data.police.uk's counts by
//! calendar year: the latest calendar year that ends on or before the profile's
//! period ends. A force whose outcome year is incomplete (a data gap, by
//! `policing_data::yearly::OUTCOME_GAP_RULE`) is left out of the ranking and of
//! England and Wales, with the reason.

use std::collections::BTreeMap;

use policing_crime::YearEnding;
use policing_data::yearly::{YearlyCounts, OUTCOME_GAP_RULE};
use policing_data::{figure_4, Figure4};
use policing_forces::Force;
use policing_outcomes::{OutcomeType, RowKind, Share, FIGURE_4};
use policing_stats::trend::Polarity;
use policing_stats::Statistic;
use rust_decimal::Decimal;

use super::asb::years_held;
use crate::error::Result;
use crate::indicator::{
    calendar_year_within, Context, DenominatorOf, ForceInputs, Indicator, Input, MeasureInputs, Per, SectionInputs,
    SeriesPoint, TrendTest,
};
use crate::row::Section;

/// The last outcome of the year's crimes, per 100 crimes.
#[derive(Debug, Clone, Copy, Default)]
#[allow(clippy::exhaustive_structs, reason = "a unit type: an indicator holds no data")]
pub struct LastOutcomes;

/// A measure's id from its label: "Caution - youths" -> `caution_youths`.
pub(crate) fn snake(label: &str) -> String {
    let mut out = String::new();
    for c in label.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    out.trim_end_matches('_').to_owned()
}

/// One year's figure 4 and its gaps.
struct Year {
    figure: Figure4,
    gaps: BTreeMap<Force, String>,
}

fn year_of(counts: &YearlyCounts, year: u16) -> Result<Year> {
    let mut all = Vec::new();
    for force in Force::territorial() {
        for (outcome, n) in counts.outcomes(force, year) {
            all.push((force, outcome, n));
        }
    }
    let figure = figure_4(all.iter().map(|(f, o, n)| (*f, o, *n)))?;
    let gaps = counts.outcome_gaps(year).into_iter().map(|g| (g.force, g.reason)).collect();
    Ok(Year { figure, gaps })
}

/// A force's count on row `i` of a year's figure: exact or a range, over its crimes.
fn cell(year: &Year, force: Force, i: usize) -> Option<(Decimal, Decimal, Decimal, bool)> {
    let (_, table) = year.figure.forces.iter().find(|(f, _)| *f == force)?;
    let row = table.rows().get(i)?;
    let total = Decimal::from(table.offences());
    let exact = matches!(row.share, Share::Exact(_));
    Some((Decimal::from(row.count.at_least()), Decimal::from(row.count.at_most()), total, exact))
}

impl Indicator for LastOutcomes {
    fn section(&self) -> Section {
        Section::Outcomes
    }

    fn inputs(&self, ctx: &Context<'_>) -> Result<SectionInputs> {
        let Some((counts, edition)) = &ctx.sources.yearly else {
            return Ok(SectionInputs::not_held(Section::Outcomes, "no outcome counts given"));
        };
        let calendar = calendar_year_within(ctx.period);
        let held = counts.years();
        let (Ok(period), Ok(year)) = (YearEnding::from_month(calendar, 12), u16::try_from(calendar)) else {
            return Ok(SectionInputs::not_held(Section::Outcomes, years_held(&held)));
        };
        if !held.contains(&year) {
            return Ok(SectionInputs::not_held(Section::Outcomes, years_held(&held)));
        }
        // The five calendar years of the series, each laid out once.
        let mut years: BTreeMap<u16, Year> = BTreeMap::new();
        for y in year.saturating_sub(4)..=year {
            if held.contains(&y) {
                years.insert(y, year_of(counts, y)?);
            }
        }
        let Some(now) = years.get(&year) else {
            return Ok(SectionInputs::not_held(Section::Outcomes, years_held(&held)));
        };
        let no_change = "not computed for a share: changes (statistics.md section 9) are of counts and rates; the \
                         share's movement is its trend";
        let mut measures = Vec::new();
        for (i, layout) in FIGURE_4.iter().enumerate() {
            if matches!(layout.kind, RowKind::Total) || !layout.shows_value {
                continue;
            }
            let point = |y: u16, force: Option<Force>| -> Option<SeriesPoint> {
                let period = YearEnding::from_month(i32::from(y), 12).ok()?;
                let at = years.get(&y);
                let (count, denominator) = match (at, force) {
                    (Some(at), Some(f)) if !at.gaps.contains_key(&f) => match cell(at, f, i) {
                        Some((lo, _, total, true)) => (Some(lo), Some(total)),
                        _ => (None, None),
                    },
                    (Some(at), None) => {
                        // England and Wales: the forces whose year is complete, pooled.
                        let mut sum: Option<(Decimal, Decimal)> = Some((Decimal::ZERO, Decimal::ZERO));
                        for f in Force::territorial().filter(|f| !at.gaps.contains_key(f)) {
                            sum = match (sum, cell(at, f, i)) {
                                (Some((c, t)), Some((lo, _, total, true))) => Some((c + lo, t + total)),
                                (s, None) => s,
                                _ => None,
                            };
                        }
                        sum.map_or((None, None), |(c, t)| (Some(c), Some(t)))
                    }
                    _ => (None, None),
                };
                Some(SeriesPoint::new(period, count, denominator, Per::HundredCrimes))
            };
            let series_years: Vec<u16> = (year.saturating_sub(4)..=year).collect();
            let mut forces = BTreeMap::new();
            for force in Force::territorial() {
                let input = match (now.gaps.get(&force), cell(now, force, i)) {
                    (Some(gap), _) => Input::Gap(gap.clone()),
                    (None, Some((_, _, total, _))) if total.is_zero() => {
                        Input::Missing("no crimes recorded".to_owned())
                    }
                    (None, Some((lo, _, total, true))) => Input::Counts { count: lo, denominator: total },
                    (None, Some((lo, hi, total, false))) => Input::Range { low: lo, high: hi, denominator: total },
                    (None, None) => Input::Missing("no outcomes held for the force".to_owned()),
                };
                let mut f = ForceInputs::without_changes(input, no_change);
                f.series = series_years.iter().filter_map(|y| point(*y, Some(force))).collect();
                forces.insert(force, f);
            }
            let ranged = forces.values().any(|f| matches!(f.input, Input::Range { .. }));
            measures.push(MeasureInputs {
                id: match layout.number {
                    Some(n) => format!("outcome_{n}_{}", snake(layout.label)),
                    None => format!("outcome_{}", snake(layout.label)),
                },
                label: layout.number.map_or_else(|| layout.label.to_owned(), |n| format!("{n} {}", layout.label)),
                period,
                per: Per::HundredCrimes,
                statistic: Some(Statistic::Proportion),
                polarity: if layout.kind == RowKind::Type(OutcomeType::ChargedSummonsed) {
                    Polarity::HighIsGood
                } else {
                    Polarity::None
                },
                denominator: DenominatorOf::new(
                    format!("crimes recorded in calendar year {year}"),
                    Some(i32::from(year)),
                    edition.clone(),
                ),
                source: edition.clone(),
                about: if ranged {
                    vec!["a range: some data.police.uk categories stand for several outcome types, so the share \
                          lies between the lowest and highest the categories allow; ranked by both ends, tested only \
                          where both ends agree"
                        .to_owned()]
                } else {
                    Vec::new()
                },
                forces,
                england_and_wales_series: series_years.iter().filter_map(|y| point(*y, None)).collect(),
                breaks: Vec::new(),
                trend: if ranged {
                    TrendTest::NotTested("a range each year: no trend test".to_owned())
                } else {
                    TrendTest::Proportion
                },
            });
        }
        let mut about = vec![format!(
            "the last outcome of the crimes recorded in calendar year {year} (the latest calendar year ending by the \
             profile's period), as data.police.uk published it, per 100 crimes; trend: calendar years {} to {year}",
            year.saturating_sub(4)
        )];
        if !now.gaps.is_empty() {
            let names: Vec<&str> = now.gaps.keys().map(|f| f.name()).collect();
            about.push(format!(
                "data gaps: {} left out of every outcome measure's ranking and of England and Wales ({OUTCOME_GAP_RULE})",
                names.join(", ")
            ));
        }
        Ok(SectionInputs {
            section: Section::Outcomes,
            period: Some(period),
            measures,
            not_held: None,
            sources: vec![format!("outcomes: {edition}")],
            about,
        })
    }
}
