//! Every force's figures on one measure for one rolling year: count, rate and
//! its interval, changes, England and Wales, rank, band and funnel significance
//! (adjusted for overdispersion unless asked otherwise).

use std::fmt;

use policing_forces::Force;
use policing_stats::{
    band, funnel, rate_interval, Band, Direction, Dispersion, Exclusion, Interval, Observation, Overdispersion,
    PercentChange, Rate, Significance, Statistic,
};
use rust_decimal::Decimal;

use crate::denominators::{Denominator, Denominators};
use crate::error::CrimeError;
use crate::measure::Measure;
use crate::series::{Figure, NotAvailable, RecordedCrime};
use crate::year::YearEnding;

/// Who a row is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
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
    /// The 95% confidence interval of the rate per 1,000: Byar's method from 10
    /// crimes, exact Poisson below (`policing_stats::rate_interval`, as
    /// PHEindicatormethods' `phe_rate`); `None` where there is no rate.
    pub interval_95: Option<Interval>,
    /// Percent change in the count on the 12 months ending a year earlier, unrounded.
    pub previous_year_change: Figure<Decimal>,
    /// Percent change in the count on the 12 months ending five years earlier, unrounded.
    pub five_year_change: Figure<Decimal>,
    /// Competition rank among the ranked forces, 1 = the highest rate.
    pub rank: Option<usize>,
    /// The inspectorate's band (`policing_stats::banding`: the one banding rule of
    /// every table, figure and command).
    pub band: Option<Band>,
    /// Funnel-plot significance against the ranked forces' pooled rate, against
    /// limits widened for overdispersion unless the table was made without
    /// ([`MeasureTable::dispersion`]).
    pub significance: Option<Significance>,
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
        if let Err(e) = &self.previous_year_change {
            add(format!("previous year change: {e}"));
        }
        if let Err(e) = &self.five_year_change {
            add(format!("five year change: {e}"));
        }
        out
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

    /// Each force's rate as an observation for banding or a by-force chart:
    /// the rate, or the force left out with the reason it has none.
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

    /// The percent change in a unit's count from the rolling year `years` years
    /// before `year`, unrounded.
    ///
    /// # Errors
    /// [`NotAvailable`] when either count is, or the earlier count is zero.
    pub fn change(&self, unit: Unit, measure: Measure, year: YearEnding, years: u32) -> Figure<Decimal> {
        let earlier = year.years_earlier(years).map_err(|e| NotAvailable::because(e.to_string()))?;
        let now = self.measure_count(unit, measure, year)?;
        let then = self.measure_count(unit, measure, earlier)?;
        if then <= 0 {
            return Err(NotAvailable::because(format!("the count for the {earlier} is {then}")));
        }
        PercentChange::between(then, now).map(|c| c.percent()).map_err(|e| NotAvailable::because(e.to_string()))
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
    pub fn trend(
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
    /// and Wales, ranks, bands and funnel significance among the forces with a
    /// rate, the significance against limits widened for overdispersion on the
    /// square-root scale (Spiegelhalter 2005; `policing_stats::Overdispersion`):
    /// forces' counts are so large that limits of chance alone flag nearly all
    /// of them.
    ///
    /// # Errors
    /// [`CrimeError::NotComputable`] if the table does not hold the year at all.
    pub fn measure(
        &self,
        measure: Measure,
        year: YearEnding,
        denominators: &Denominators,
    ) -> Result<MeasureTable, CrimeError> {
        self.measure_with(measure, year, denominators, Some(Overdispersion::for_statistic(Statistic::Rate)))
    }

    /// As [`RecordedCrime::measure`], with the funnel's allowance for
    /// overdispersion given: `None` for the limits of chance alone (Poisson).
    ///
    /// # Errors
    /// [`CrimeError::NotComputable`] if the table does not hold the year at all;
    /// [`CrimeError::Stats`] for an overdispersion scale that is not for rates.
    pub fn measure_with(
        &self,
        measure: Measure,
        year: YearEnding,
        denominators: &Denominators,
        overdispersion: Option<Overdispersion>,
    ) -> Result<MeasureTable, CrimeError> {
        if !self.holds(year) {
            let first = self.years().next().map(|y| y.end().to_string()).unwrap_or_default();
            let last = self.latest().map(|y| y.end().to_string()).unwrap_or_default();
            return Err(CrimeError::NotComputable {
                what: format!(
                    "the table has no figures for the {year} (it holds rolling years ending {first} to {last})"
                ),
            });
        }
        let row = |unit: Unit| {
            let (count, denominator, rate) = self.rate(unit, measure, year, denominators);
            let interval_95 = match (&count, &denominator, &rate) {
                (Ok(c), Ok(d), Ok(_)) => {
                    rate_interval(Decimal::from(*c), d.value, 0.95).ok().map(|i| i.scaled(1_000.0))
                }
                _ => None,
            };
            MeasureRow {
                unit,
                count,
                denominator,
                rate,
                interval_95,
                previous_year_change: self.change(unit, measure, year, 1),
                five_year_change: self.change(unit, measure, year, 5),
                rank: None,
                band: None,
                significance: None,
            }
        };
        let mut forces: Vec<MeasureRow> = Force::territorial().map(|f| row(Unit::Force(f))).collect();
        let england_and_wales = row(Unit::EnglandAndWales);

        let observations = forces.iter().map(|r| (r.unit, observation(&r.rate)));
        let banding = band(observations, Direction::HighIsNotable);
        let funnel_units: Vec<(Unit, Decimal, Decimal)> = forces
            .iter()
            .filter_map(|r| match (&r.count, &r.denominator, &r.rate) {
                (Ok(c), Ok(d), Ok(_)) => Some((r.unit, Decimal::from(*c), d.value)),
                _ => None,
            })
            .collect();
        let significance = if funnel_units.is_empty() {
            None
        } else {
            let f = funnel(funnel_units, Statistic::Rate)?;
            Some(match overdispersion {
                Some(od) => f.adjusted(od)?,
                None => f,
            })
        };
        let dispersion = significance.as_ref().and_then(|f| f.dispersion().copied());
        for r in &mut forces {
            if let Some(b) = banding.get(&r.unit) {
                r.rank = b.rank;
                r.band = b.band();
            }
            r.significance =
                significance.as_ref().and_then(|f| f.points().iter().find(|p| p.key == r.unit)).map(|p| p.significance);
        }

        let mut notes = vec![
            "England and Wales: the 43 territorial forces pooled; British Transport Police and the national fraud \
             sources (Action Fraud, CIFAS, UK Finance) are not in it"
                .to_owned(),
        ];
        if measure == Measure::RecordedCrimeExclFraud {
            notes.push("excluding fraud: the Fraud offences rows are left out in every period".to_owned());
        }
        let unranked: Vec<String> = forces.iter().filter(|r| r.rank.is_none()).map(|r| r.unit.to_string()).collect();
        notes.push(format!(
            "ranked: the {} forces with a rate, rank 1 the highest; bands: the top and bottom quarter, {} forces each \
             (a quarter of {} rounded to the nearest force, halves up; ties share a band; policing_stats::banding)",
            banding.ranked(),
            banding.tail(),
            banding.ranked()
        ));
        notes.push(match &dispersion {
            Some(d) if d.is_adjusted() => format!(
                "significance: funnel limits around the ranked forces' pooled rate, widened for overdispersion \
                 (Spiegelhalter 2005) because the forces vary about {:.0} times as much as chance allows: {d}",
                d.phi
            ),
            Some(d) => format!(
                "significance: funnel limits of chance alone (exact Poisson) around the ranked forces' pooled rate: \
                 the forces vary no more than chance allows (phi {:.2}), so no widening is needed",
                d.phi
            ),
            None => "significance: funnel limits of chance alone (exact Poisson) around the ranked forces' pooled \
                     rate, not allowing for overdispersion"
                .to_owned(),
        });
        notes.push(
            "lower_95, upper_95: the 95% interval of each rate (Byar's method, exact Poisson below 10 crimes)"
                .to_owned(),
        );
        if !unranked.is_empty() {
            notes.push(format!("not ranked (no rate; the reason is in each row): {}", unranked.join(", ")));
        }
        Ok(MeasureTable {
            measure,
            year,
            ranked: banding.ranked(),
            tail: banding.tail(),
            dispersion,
            rises: self.annual_rises(measure, year),
            forces,
            england_and_wales,
            notes,
        })
    }
}
