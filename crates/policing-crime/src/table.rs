//! Every force's figures on one measure for one rolling year: count, rate and
//! its interval, changes, England and Wales, rank, band and funnel significance
//! (adjusted for overdispersion unless asked otherwise).

use std::fmt;

use policing_forces::Force;
use policing_stats::change::{compare_changes, Change, ChangeComparison};
use policing_stats::comparison::{compare, Comparison, Method, Tests, Units, Widening};
use policing_stats::trend::{Marker, Trend, TrendPoint};
use policing_stats::{Band, Dispersion, Exclusion, Interval, Observation, Rate, Significance};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::denominators::{Denominator, Denominators};
use crate::error::CrimeError;
use crate::measure::Measure;
use crate::series::{Figure, NotAvailable, RecordedCrime};
use crate::year::YearEnding;

/// Who a row is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[allow(clippy::exhaustive_enums, reason = "a closed list the crates match on exhaustively")]
pub enum Unit {
    /// A territorial force area.
    Force(Force),
    /// England and Wales: the 43 territorial force areas pooled.
    EnglandAndWales,
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unit::Force(force) => write!(f, "{force}"),
            Unit::EnglandAndWales => f.write_str("England and Wales"),
        }
    }
}

/// One unit's figures.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct MeasureRow {
    /// The force, or England and Wales.
    pub unit: Unit,
    /// The count of recorded crimes in the rolling year.
    pub count: Figure<i64>,
    /// The population or households the rate is per 1,000 of.
    pub denominator: Figure<Denominator>,
    /// Crimes per 1,000, unrounded.
    pub rate: Figure<Decimal>,
    /// The 95% interval of the verdict beside it, per 1,000: England and Wales
    /// lies outside it exactly when [`MeasureRow::significance`] is significant
    /// (`policing_stats::comparison`, statistics.md section 8 step 7); `None`
    /// where the force is not compared.
    pub interval_95: Option<Interval>,
    /// The 95% interval of chance alone, per 1,000: Byar's method from 10 crimes,
    /// exact Poisson below (as PHEindicatormethods' `phe_rate`).
    pub chance_interval_95: Option<Interval>,
    /// The change in the count on the 12 months ending a year earlier, with its
    /// exact 95% interval (statistics.md section 9; counts and "too few events"
    /// below 10 events), or why there is none ("not comparable: &lt;the break&gt;").
    pub previous_year_change: Figure<Change>,
    /// The change in the count on the 12 months ending five years earlier.
    pub five_year_change: Figure<Change>,
    /// The one-year change against England and Wales's, allowing for how much more
    /// forces vary than chance: `High` changed more, `Low` less (section 9 step 2).
    pub change_against_england_and_wales: Option<Significance>,
    /// The five-year trend marker on years ending March (section 10).
    pub trend: Trend,
    /// Competition rank among the ranked forces, 1 = the highest rate.
    pub rank: Option<usize>,
    /// The inspectorate's band (`policing_stats::banding`: the one banding rule of
    /// every table, figure and command).
    pub band: Option<Band>,
    /// Significance against England and Wales (`policing_stats::comparison`):
    /// widened for overdispersion unless the table was made without
    /// ([`MeasureTable::dispersion`]), never more significant than chance alone.
    pub significance: Option<Significance>,
    /// What the comparison says of this force (no events, a range, ...).
    pub comparison_notes: Vec<String>,
}

impl MeasureRow {
    /// Every reason a figure of the row is not available, and the denominator's note.
    #[must_use]
    pub fn notes(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut add = |s: String| {
            if !out.contains(&s) {
                out.push(s);
            }
        };
        if let Err(e) = &self.count {
            add(format!("count: {e}"));
        }
        match &self.denominator {
            Err(e) => add(format!("rate: {e}")),
            Ok(d) => {
                if let Some(n) = &d.note {
                    add(n.clone());
                }
            }
        }
        if let (Err(e), Ok(_), Ok(_)) = (&self.rate, &self.count, &self.denominator) {
            add(format!("rate: {e}"));
        }
        for (name, change) in
            [("previous year change", &self.previous_year_change), ("five year change", &self.five_year_change)]
        {
            match change {
                Err(e) => add(format!("{name}: {e}")),
                Ok(c @ (Change::TooFewEvents { .. } | Change::NoEarlierEvents { .. })) => add(format!("{name}: {c}")),
                Ok(_) => {}
            }
        }
        if let Marker::CannotBeCalculated(why) = &self.trend.marker {
            add(format!("trend: {why}"));
        }
        for n in &self.comparison_notes {
            add(n.clone());
        }
        out
    }
}

/// A force's change against England and Wales's in words, as the tables and
/// pages print it: "Changed more than England and Wales (0.025)", "Changed less
/// than England and Wales (0.001)", "Change in line with England and Wales".
#[must_use]
pub fn change_against_words(s: Significance) -> &'static str {
    match s {
        Significance::High001 => "Changed more than England and Wales (0.001)",
        Significance::High025 => "Changed more than England and Wales (0.025)",
        Significance::Low001 => "Changed less than England and Wales (0.001)",
        Significance::Low025 => "Changed less than England and Wales (0.025)",
        Significance::NotSignificant => "Change in line with England and Wales",
    }
}

/// How many forces' counts rose, fell or stayed the same on the previous year.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct AnnualRises {
    /// Forces whose count rose.
    pub rises: usize,
    /// Forces whose count fell.
    pub falls: usize,
    /// Forces whose count did not change.
    pub unchanged: usize,
    /// Forces without a comparison, with the reason.
    pub not_available: Vec<(Force, NotAvailable)>,
}

impl AnnualRises {
    /// The forces compared (43 when every force has both years).
    #[must_use]
    pub fn of(&self) -> usize {
        self.rises + self.falls + self.unchanged
    }
}

/// Every territorial force's figures on one measure for one rolling year, with England and Wales.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct MeasureTable {
    /// The measure.
    pub measure: Measure,
    /// The rolling year.
    pub year: YearEnding,
    /// The 43 territorial forces, in ONS code order.
    pub forces: Vec<MeasureRow>,
    /// England and Wales: the 43 territorial forces pooled.
    pub england_and_wales: MeasureRow,
    /// How many forces were ranked (those with a rate).
    pub ranked: usize,
    /// The size of each tail of the banding (`floor((ranked + 2) / 4)`).
    pub tail: usize,
    /// How the ranked forces vary beyond chance (`phi`, `tau^2`), when the
    /// significance allows for it; `None` for limits of chance alone.
    pub dispersion: Option<Dispersion>,
    /// The tests made against England and Wales and the flags they raised.
    pub tests: Tests,
    /// The one comparison the ranks, bands, significance and intervals come
    /// from, keyed by unit: its funnel limits are what a figure draws.
    pub comparison: Comparison<Unit>,
    /// Each force's one-year change against England and Wales's.
    pub changes: ChangeComparison<Unit>,
    /// Annual rises and falls in the count.
    pub rises: AnnualRises,
    /// What the table's figures mean, in words (England and Wales, ranking, denominators).
    pub notes: Vec<String>,
}

impl MeasureTable {
    /// One force's row.
    #[must_use]
    pub fn row(&self, force: Force) -> Option<&MeasureRow> {
        self.forces.iter().find(|r| r.unit == Unit::Force(force))
    }

    /// The forces' rows and then England and Wales.
    pub fn rows(&self) -> impl Iterator<Item = &MeasureRow> {
        self.forces.iter().chain(std::iter::once(&self.england_and_wales))
    }

    /// Each force's rate as an observation: the rate, or the force left out with
    /// the reason it has none.
    #[must_use]
    pub fn observations(&self) -> Vec<(Force, Observation)> {
        self.forces
            .iter()
            .filter_map(|r| {
                let Unit::Force(force) = r.unit else { return None };
                Some((force, observation(&r.rate)))
            })
            .collect()
    }
}

fn observation(rate: &Figure<Decimal>) -> Observation {
    match rate {
        Ok(v) => Observation::Value(*v),
        Err(e) => Exclusion::new(e.reason.clone()).map_or(Observation::Missing, Observation::Excluded),
    }
}

fn per_thousand(count: &Figure<i64>, denominator: &Figure<Denominator>) -> Figure<Decimal> {
    let (count, denominator) = match (count, denominator) {
        (Ok(c), Ok(d)) => (*c, d),
        (Err(e), _) | (_, Err(e)) => return Err(e.clone()),
    };
    if count < 0 {
        return Err(NotAvailable::because(format!(
            "the count is negative ({count}): the source carries adjustments as negative totals"
        )));
    }
    Rate::new(count, denominator.value, Rate::PER_1_000)
        .map(|r| r.value())
        .map_err(|e| NotAvailable::because(e.to_string()))
}

impl RecordedCrime {
    /// A unit's count on a measure for a rolling year. England and Wales is the
    /// sum of the 43 territorial forces (British Transport Police and the
    /// national fraud sources are not in it).
    ///
    /// # Errors
    /// [`NotAvailable`] when the measure is not comparable for the year (the
    /// burglary change) or a count is missing ([`RecordedCrime::count`]).
    pub fn measure_count(&self, unit: Unit, measure: Measure, year: YearEnding) -> Figure<i64> {
        measure.comparable(year)?;
        let offences = measure.offences();
        match unit {
            Unit::Force(force) => self.count(force, year, &offences),
            Unit::EnglandAndWales => {
                let mut total = 0i64;
                for force in Force::territorial() {
                    let n = self
                        .count(force, year, &offences)
                        .map_err(|e| NotAvailable::because(format!("England and Wales: {e}")))?;
                    total = total.checked_add(n).ok_or_else(|| NotAvailable::because("the total overflows"))?;
                }
                Ok(total)
            }
        }
    }

    /// The change in a unit's count from the rolling year `years` years before
    /// `year` (statistics.md section 9): the percentage with its exact 95%
    /// interval, or the counts when there are too few events or none earlier.
    ///
    /// # Errors
    /// [`NotAvailable`] when either count is (or is a negative adjustment), or the
    /// two years lie across a break in the measure's definition
    /// ([`crate::DEFINITION_BREAKS`]): "not comparable: &lt;the break&gt;".
    pub fn change(&self, unit: Unit, measure: Measure, year: YearEnding, years: u32) -> Figure<Change> {
        let earlier = year.years_earlier(years).map_err(|e| NotAvailable::because(e.to_string()))?;
        if let Err(b) = measure.comparable_within(earlier.start(), year.end()) {
            return Err(NotAvailable::because(format!("not comparable: {}", b.describe())));
        }
        let now = self.measure_count(unit, measure, year)?;
        let then = self.measure_count(unit, measure, earlier)?;
        match (u64::try_from(then), u64::try_from(now)) {
            (Ok(then), Ok(now)) => Ok(Change::between(then, now)),
            _ => Err(NotAvailable::because(format!(
                "a count is negative (an adjustment: {then} in the {earlier}, {now} in the {year})"
            ))),
        }
    }

    /// The five-year trend marker of a unit's rate (statistics.md section 10):
    /// the five most recent years ending March that end on or before `year`'s
    /// end, each rate per 1,000 with its 95% interval, lower being better.
    #[must_use]
    pub fn trend_marker(&self, unit: Unit, measure: Measure, year: YearEnding, denominators: &Denominators) -> Trend {
        // Every rolling year ends in March, June, September or December: the year ending March of the
        // same calendar year ends on or before it.
        let last_march = year.year();
        let marches: Vec<YearEnding> =
            (0..5).rev().filter_map(|back| YearEnding::from_month(last_march - back, 3).ok()).collect();
        let (Some(first), Some(last)) = (marches.first(), marches.last()) else {
            return Trend::cannot("no five years ending March before the period");
        };
        if let Err(b) = measure.comparable_within(first.start(), last.end()) {
            return Trend::cannot(format!("not comparable: {}", b.describe()));
        }
        let mut points = Vec::with_capacity(5);
        for y in &marches {
            let (count, denominator, _) = self.rate(unit, measure, *y, denominators);
            match (count, denominator) {
                (Ok(c), Ok(d)) if c >= 0 => points.push(TrendPoint::crude_rate(
                    f64::from(y.year()),
                    c as f64,
                    d.value.to_f64().unwrap_or(f64::NAN),
                    1_000.0,
                )),
                (Err(e), _) | (_, Err(e)) => return Trend::cannot(format!("the {y}: {e}")),
                (Ok(c), _) => return Trend::cannot(format!("the {y}: the count is {c}")),
            }
        }
        Trend::of(&points)
    }

    /// A unit's rate per 1,000 on a measure for a rolling year, with its denominator.
    ///
    /// # Errors
    /// [`NotAvailable`] when the count or the denominator is.
    pub fn rate(
        &self,
        unit: Unit,
        measure: Measure,
        year: YearEnding,
        denominators: &Denominators,
    ) -> (Figure<i64>, Figure<Denominator>, Figure<Decimal>) {
        let count = self.measure_count(unit, measure, year);
        let denominator = match unit {
            Unit::Force(force) => denominators.of(force, year, measure.per()),
            Unit::EnglandAndWales => denominators.england_and_wales(year, measure.per()),
        };
        let rate = per_thousand(&count, &denominator);
        (count, denominator, rate)
    }

    /// A unit's rate per 1,000 for each of the `quarters` rolling years ending
    /// at `to`, a quarter apart, earliest first (figure 1 uses 21: the five years
    /// to `to`, both ends included).
    #[must_use]
    pub fn rolling_rates(
        &self,
        unit: Unit,
        measure: Measure,
        to: YearEnding,
        quarters: u32,
        denominators: &Denominators,
    ) -> Vec<(YearEnding, Figure<Decimal>)> {
        (0..quarters)
            .rev()
            .filter_map(|back| to.quarters_earlier(back).ok())
            .map(|y| (y, self.rate(unit, measure, y, denominators).2))
            .collect()
    }

    /// How many of the 43 territorial forces' counts rose on the previous year.
    #[must_use]
    pub fn annual_rises(&self, measure: Measure, year: YearEnding) -> AnnualRises {
        let mut out = AnnualRises { rises: 0, falls: 0, unchanged: 0, not_available: Vec::new() };
        for force in Force::territorial() {
            let now = self.measure_count(Unit::Force(force), measure, year);
            let then = year
                .years_earlier(1)
                .map_err(|e| NotAvailable::because(e.to_string()))
                .and_then(|earlier| self.measure_count(Unit::Force(force), measure, earlier));
            match (now, then) {
                (Ok(n), Ok(t)) if n > t => out.rises += 1,
                (Ok(n), Ok(t)) if n < t => out.falls += 1,
                (Ok(_), Ok(_)) => out.unchanged += 1,
                (Err(e), _) | (_, Err(e)) => out.not_available.push((force, e)),
            }
        }
        out
    }

    /// Every territorial force's figures on `measure` for `year`, with England
    /// and Wales, compared through the one comparison of
    /// `policing_stats::comparison`: ranks, bands and significance against
    /// England and Wales among the forces with a rate, with limits widened for
    /// overdispersion on the square-root scale (Spiegelhalter 2005) because
    /// forces' counts are so large that limits of chance alone flag nearly all
    /// of them; the interval beside each verdict is the verdict's. City of London
    /// is counted in England and Wales and ranked nowhere (`Force::not_ranked`).
    ///
    /// # Errors
    /// [`CrimeError::PeriodNotHeld`] if the table does not hold the year at all.
    pub fn measure(
        &self,
        measure: Measure,
        year: YearEnding,
        denominators: &Denominators,
    ) -> Result<MeasureTable, CrimeError> {
        self.measure_with(measure, year, denominators, Widening::default())
    }

    /// As [`RecordedCrime::measure`], with the allowance for overdispersion
    /// given ([`Widening::ChanceAlone`] for the limits of chance alone).
    ///
    /// # Errors
    /// [`CrimeError::PeriodNotHeld`] if the table does not hold the year at all;
    /// [`CrimeError::Stats`] for an overdispersion scale that is not for rates.
    pub fn measure_with(
        &self,
        measure: Measure,
        year: YearEnding,
        denominators: &Denominators,
        widening: Widening,
    ) -> Result<MeasureTable, CrimeError> {
        self.resolve(Some(year))?;
        let row = |unit: Unit| {
            let (count, denominator, rate) = self.rate(unit, measure, year, denominators);
            MeasureRow {
                unit,
                count,
                denominator,
                rate,
                interval_95: None,
                chance_interval_95: None,
                previous_year_change: self.change(unit, measure, year, 1),
                five_year_change: self.change(unit, measure, year, 5),
                change_against_england_and_wales: None,
                trend: self.trend_marker(unit, measure, year, denominators),
                rank: None,
                band: None,
                significance: None,
                comparison_notes: Vec::new(),
            }
        };
        let mut forces: Vec<MeasureRow> = Force::territorial().map(|f| row(Unit::Force(f))).collect();
        let england_and_wales = row(Unit::EnglandAndWales);

        // The one comparison: each force with its count over its denominator; a force that is
        // ranked nowhere (City of London) counted in England and Wales only; a force without a
        // rate left out with the reason.
        let mut units = Units::new();
        for r in &forces {
            let Unit::Force(force) = r.unit else { continue };
            let reason = |text: &str| Exclusion::new(text.to_owned()).map_err(CrimeError::from);
            match (&r.count, force.not_ranked()) {
                // Counted in England and Wales, ranked nowhere: City of London, and a force whose count
                // is an adjustment (a negative total), which England and Wales's total includes.
                (Ok(c), why) if *c < 0 || why.is_some() => {
                    let why = match (why, &r.rate) {
                        (Some(why), _) => why.to_owned(),
                        (None, Err(e)) => format!("{}; counted in England and Wales's total, not ranked", e.reason),
                        (None, Ok(_)) => format!("the count is {c}; counted in England and Wales's total, not ranked"),
                    };
                    match denominators.area(force, year, measure.per()) {
                        Ok(d) => units.pooled_only(r.unit, Decimal::from(*c), d.value, reason(&why)?)?,
                        Err(e) => units.exclude(r.unit, reason(&e.reason)?)?,
                    }
                }
                _ => match (&r.count, &r.denominator, &r.rate) {
                    (Ok(c), Ok(d), Ok(_)) => units.counts(r.unit, Decimal::from(*c), d.value)?,
                    (_, _, Err(e)) => units.exclude(r.unit, reason(&e.reason)?)?,
                    _ => units.missing(r.unit)?,
                },
            };
        }
        let method = Method::rate(Rate::PER_1_000)?.widening(widening)?;
        let comparison = compare(units, &method)?;
        for r in &mut forces {
            if let Some(c) = comparison.get(&r.unit) {
                r.rank = c.rank.and_then(|k| k.single());
                r.band = c.band();
                r.significance = c.significance;
                r.interval_95 = c.interval;
                r.chance_interval_95 = c.chance_interval;
                r.comparison_notes.clone_from(&c.notes);
            }
        }
        let dispersion = comparison.dispersion().copied();

        // Each force's one-year change against England and Wales's (section 9 step 2): all 43 forces,
        // City of London too (a change in counts needs no population).
        let change_units: Vec<(Unit, policing_stats::change::ChangeInput)> = forces
            .iter()
            .map(|r| (r.unit, r.previous_year_change.as_ref().map(Change::counts).map_err(|e| e.reason.clone())))
            .collect();
        let changes = compare_changes(change_units, !matches!(widening, Widening::ChanceAlone));
        for (r, c) in forces.iter_mut().zip(&changes.units) {
            r.change_against_england_and_wales = c.significance;
        }

        let mut notes = vec![
            "England and Wales: the 43 territorial forces pooled; British Transport Police and the national fraud \
             sources (Action Fraud, CIFAS, UK Finance) are not in it"
                .to_owned(),
        ];
        if measure == Measure::RecordedCrimeExclFraud {
            notes.push("excluding fraud: the Fraud offences rows are left out in every period".to_owned());
        }
        if england_and_wales.rate.is_err() {
            if let Some(p) = comparison.pooled().and_then(|p| p.value) {
                notes.push(format!(
                    "England and Wales's rate is not available for the period; the forces are compared with the forces \
                     with a rate pooled ({} per 1,000)",
                    p.round_dp(1)
                ));
            }
        }
        notes.extend(comparison.notes().iter().cloned());
        if let Ok(earlier) = year.years_earlier(1) {
            notes.push(format!(
                "changes: exact 95% intervals (conditional binomial, Clopper-Pearson); fewer than 10 events gives the \
                 counts, not a percentage; {}; labels {}",
                changes.note().replacen(
                    "change against the pooled change",
                    "one-year change against England and Wales's",
                    1
                ),
                changes.tests()
            ));
            let inside = measure.breaks_inside(earlier.start(), year.end());
            for b in inside {
                notes.push(format!(
                    "{} includes rows whose definition changed within the changes' years: {}",
                    measure.id(),
                    b.describe()
                ));
            }
        }
        notes.push(
            "trend: the five years ending March up to the period, each rate's 95% interval weighting a slope \
             (statistics.md section 10; significant at 99.8%); lower is better"
                .to_owned(),
        );
        notes.push(
            "lower_95, upper_95: the verdict's 95% interval (England and Wales lies outside it exactly when the force \
             is significant); chance_lower_95, chance_upper_95: the interval of chance alone (Byar's method, exact \
             Poisson below 10 crimes)"
                .to_owned(),
        );
        let unranked: Vec<String> = forces.iter().filter(|r| r.rank.is_none()).map(|r| r.unit.to_string()).collect();
        if !unranked.is_empty() {
            notes.push(format!("not ranked (the reason is in each row): {}", unranked.join(", ")));
        }
        Ok(MeasureTable {
            measure,
            year,
            ranked: comparison.of(),
            tail: comparison.tail(),
            dispersion,
            tests: comparison.tests(),
            comparison,
            changes,
            rises: self.annual_rises(measure, year),
            forces,
            england_and_wales,
            notes,
        })
    }
}
