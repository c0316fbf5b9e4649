//! What rates are per 1,000 of: populations and households, which year's, from
//! which edition, and City of London.

use chrono::{Datelike, NaiveDate};
use policing_forces::{Force, Households, PopulationEdition, PopulationSeries};
use rust_decimal::Decimal;

use crate::measure::Per;
use crate::series::{Figure, NotAvailable};
use crate::year::YearEnding;

/// Which year's population or households a period is divided by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[allow(clippy::exhaustive_enums, reason = "a closed list the crates match on exhaustively")]
pub enum DenominatorYear {
    /// The latest mid-year estimate dated before the period's last day: for the
    /// 12 months to March or June of Y, mid-(Y-1); to September or December of Y
    /// (a calendar year among them), mid-Y. The rule of the tables, profiles and
    /// trends.
    LatestBefore,
    /// As the 2016 PEEL reports: years ending in 2016 use mid-2015 (the latest
    /// estimate when the figures were published); any other year uses the
    /// calendar year it ends in (where the edition holds it).
    As2016Reports,
    /// Always the given year.
    Fixed(i32),
}

/// A denominator: its value, what it counts, which year and edition it is, and
/// a note when it is not the year the rule asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Denominator {
    /// The value (households may be fractional: the Welsh figures are projections).
    pub value: Decimal,
    /// Population or households.
    pub per: Per,
    /// The year the value is for (mid-year for populations).
    pub year: i32,
    /// The edition: of the ONS population estimates, or the household projections.
    pub edition: String,
    /// Said when the year is not the one the rule asked for.
    pub note: Option<String>,
}

impl Denominator {
    /// "ONS mid-2015 population (ONS mid-year estimates, July 2024 edition)",
    /// "2015 households (2014-based household projections)".
    #[must_use]
    pub fn describe(&self) -> String {
        match self.per {
            Per::Population => format!("ONS mid-{} population ({})", self.year, self.edition),
            Per::Households => format!("{} households ({})", self.year, self.edition),
        }
    }
}

/// The populations and households rates are per 1,000 of.
///
/// - **Populations**: ONS mid-year estimates by force area, from one edition
///   ([`PopulationEdition`]): the July 2024 edition holds mid-2011 to mid-2023
///   ([`Denominators::latest`]); the original mid-2015 estimates of June 2016 are
///   the ones the 2016 PEEL reports used ([`Denominators::peel`]). A year the
///   edition does not hold is replaced by the nearest it holds, and the
///   [`Denominator::note`] says so.
/// - **Households**: 2014-based projections by force area and year,
///   1991-2039 ([`Households::projections_2014`]), by the same rule for the year;
///   Welsh years before 2011 are not available.
/// - **City of London**: its resident population is not its PEEL denominator
///   (the inspectorate adds a transient population that no source here gives),
///   so its rates are not available and it is not ranked; its counts, and its
///   residents inside the England and Wales total, are kept ([`Denominators::area`]).
///
/// ```
/// use policing_crime::{Denominators, Per, YearEnding};
/// use policing_forces::Force;
///
/// let june_2016 = YearEnding::from_month(2016, 6)?;
/// // The 2016 reports' denominators: the original mid-2015 estimates.
/// let p = Denominators::peel().of(Force::Wiltshire, june_2016, Per::Population).unwrap();
/// assert_eq!((p.value, p.year), (703_253.into(), 2015));
/// // The tool's: the latest estimate dated before the period's end, from the July 2024 edition.
/// let d = Denominators::latest();
/// let p = d.of(Force::Wiltshire, june_2016, Per::Population).unwrap();
/// assert_eq!((p.value, p.year, p.note.is_none()), (710_182.into(), 2015, true));
/// let p = d.of(Force::Wiltshire, YearEnding::from_month(2016, 12)?, Per::Population).unwrap();
/// assert_eq!((p.value, p.year), (717_204.into(), 2016));
/// let p = d.of(Force::Wiltshire, YearEnding::from_month(2018, 3)?, Per::Population).unwrap();
/// assert_eq!(p.year, 2017);
/// // Before mid-2011 the edition holds nothing: the nearest year, said.
/// let p = d.of(Force::Wiltshire, YearEnding::from_month(2008, 6)?, Per::Population).unwrap();
/// assert_eq!(p.year, 2011);
/// assert!(p.note.unwrap().contains("mid-2007"));
/// assert!(d.of(Force::CityOfLondon, june_2016, Per::Population).is_err());
/// # Ok::<(), policing_crime::CrimeError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Denominators {
    populations: PopulationSeries,
    households: Households,
    rule: DenominatorYear,
    /// Households of this year whatever the rule says (a method choice).
    households_year: Option<i32>,
}

impl Default for Denominators {
    fn default() -> Self {
        Denominators::latest()
    }
}

impl Denominators {
    /// The 2016 PEEL reports' denominators: the original ONS mid-2015 estimates
    /// (June 2016) and the 2014-based households, with [`DenominatorYear::As2016Reports`].
    #[must_use]
    pub fn peel() -> Self {
        Self::for_edition(PopulationEdition::Original2016)
    }

    /// The tool's denominators: ONS mid-year estimates of the July 2024 edition
    /// (mid-2011 to mid-2023) and the 2014-based households, with
    /// [`DenominatorYear::LatestBefore`].
    #[must_use]
    pub fn latest() -> Self {
        Self::for_edition(PopulationEdition::Revised2024)
    }

    /// The denominators of an edition, with its rule: the original mid-2015
    /// estimates as the 2016 reports used them, the revised series by the latest
    /// estimate before a period's end.
    #[must_use]
    pub fn for_edition(edition: PopulationEdition) -> Self {
        let rule = match edition {
            PopulationEdition::Original2016 => DenominatorYear::As2016Reports,
            PopulationEdition::Revised2024 => DenominatorYear::LatestBefore,
        };
        Denominators {
            populations: PopulationSeries::of_edition(edition),
            households: Households::projections_2014(),
            rule,
            households_year: None,
        }
    }

    /// The edition of the population estimates.
    #[must_use]
    pub fn edition(&self) -> PopulationEdition {
        self.populations.edition()
    }

    /// The same, with households of `year` for every period (populations still
    /// follow the rule): a method choice a report's numbers may point to.
    ///
    /// ```
    /// use policing_crime::{Denominators, Per, YearEnding};
    /// use policing_forces::Force;
    /// let june_2016 = YearEnding::from_month(2016, 6)?;
    /// let d = Denominators::peel().with_households_year(2014);
    /// assert_eq!(d.of(Force::Wiltshire, june_2016, Per::Households).unwrap().year, 2014);
    /// assert_eq!(d.of(Force::Wiltshire, june_2016, Per::Population).unwrap().year, 2015);
    /// # Ok::<(), policing_crime::CrimeError>(())
    /// ```
    #[must_use]
    pub fn with_households_year(mut self, year: i32) -> Self {
        self.households_year = Some(year);
        self
    }

    /// The same tables with another rule for the year.
    #[must_use]
    pub fn with_rule(mut self, rule: DenominatorYear) -> Self {
        self.rule = rule;
        self
    }

    /// The year the rule asks for, for a period ending on `end`.
    #[must_use]
    pub fn year_for_day(&self, end: NaiveDate) -> i32 {
        match self.rule {
            // Mid-year is 30 June: an estimate dated before the last day.
            DenominatorYear::LatestBefore if end.month() > 6 => end.year(),
            DenominatorYear::LatestBefore => end.year() - 1,
            DenominatorYear::As2016Reports if end.year() == 2016 => 2015,
            DenominatorYear::As2016Reports => end.year(),
            DenominatorYear::Fixed(y) => y,
        }
    }

    /// The year the rule asks for, for a rolling year.
    #[must_use]
    pub fn year_for(&self, year: YearEnding) -> i32 {
        self.year_for_day(year.end())
    }

    /// The year held nearest to `wanted` (the later of two as near), with a note when it is not `wanted`.
    fn population_year(&self, wanted: i32) -> (i32, Option<String>) {
        let held = self.populations.years();
        if held.contains(&wanted) {
            return (wanted, None);
        }
        let nearest = held.iter().copied().min_by_key(|y| ((y - wanted).abs(), -y)).unwrap_or(wanted);
        let note = format!(
            "ONS mid-{wanted} population is not held in the {}: mid-{nearest} used",
            self.populations.edition()
        );
        (nearest, Some(note))
    }

    /// A force area's denominator for a period ending on `end`.
    ///
    /// # Errors
    /// [`NotAvailable`] for City of London (see above), British Transport Police
    /// (no area), and households the table lacks (Welsh years before 2011, years
    /// outside 1991-2039).
    pub fn of_period(&self, force: Force, end: NaiveDate, per: Per) -> Figure<Denominator> {
        if force == Force::CityOfLondon {
            return Err(NotAvailable::because(
                "City of London's resident population is not its PEEL denominator (the inspectorate adds a transient \
                 population that no source here gives): its rates are not available and it is not ranked",
            ));
        }
        self.area_for_period(force, end, per)
    }

    /// A force area's denominator for a rolling year ([`Denominators::of_period`]).
    ///
    /// # Errors
    /// As [`Denominators::of_period`].
    pub fn of(&self, force: Force, year: YearEnding, per: Per) -> Figure<Denominator> {
        self.of_period(force, year.end(), per)
    }

    /// A force area's residents or households for a rolling year, City of
    /// London's included: what England and Wales's denominator is the sum of
    /// (a rate per resident of City of London is not its PEEL rate: see [`Denominators::of`]).
    ///
    /// # Errors
    /// [`NotAvailable`] for British Transport Police (no area) and households the table lacks.
    pub fn area(&self, force: Force, year: YearEnding, per: Per) -> Figure<Denominator> {
        self.area_for_period(force, year.end(), per)
    }

    /// [`Denominators::area`] for a period ending on `end`.
    ///
    /// # Errors
    /// As [`Denominators::area`].
    pub fn area_for_period(&self, force: Force, end: NaiveDate, per: Per) -> Figure<Denominator> {
        let wanted = self.year_for_day(end);
        match per {
            Per::Population => {
                let (y, note) = self.population_year(wanted);
                let p = self.populations.persons(force, y).map_err(|e| NotAvailable::because(e.to_string()))?;
                Ok(Denominator {
                    value: Decimal::from(p),
                    per,
                    year: y,
                    edition: self.populations.edition().name().to_owned(),
                    note,
                })
            }
            Per::Households => {
                let wanted = self.households_year.unwrap_or(wanted);
                let value = self.households.of(force, wanted).map_err(|e| NotAvailable::because(e.to_string()))?;
                Ok(Denominator { value, per, year: wanted, edition: households_edition(), note: None })
            }
        }
    }

    /// England and Wales for a rolling year: the 43 territorial force areas
    /// (City of London's residents included; British Transport Police has no area).
    ///
    /// # Errors
    /// [`NotAvailable`] when an area's households are not available for the year.
    pub fn england_and_wales(&self, year: YearEnding, per: Per) -> Figure<Denominator> {
        self.england_and_wales_for_period(year.end(), per)
    }

    /// [`Denominators::england_and_wales`] for a period ending on `end`.
    ///
    /// # Errors
    /// As [`Denominators::england_and_wales`].
    pub fn england_and_wales_for_period(&self, end: NaiveDate, per: Per) -> Figure<Denominator> {
        let wanted = self.year_for_day(end);
        match per {
            Per::Population => {
                let (y, note) = self.population_year(wanted);
                let p = self.populations.england_and_wales(y).map_err(|e| NotAvailable::because(e.to_string()))?;
                Ok(Denominator {
                    value: Decimal::from(p),
                    per,
                    year: y,
                    edition: self.populations.edition().name().to_owned(),
                    note,
                })
            }
            Per::Households => {
                let wanted = self.households_year.unwrap_or(wanted);
                let value = self
                    .households
                    .england_and_wales(wanted)
                    .map_err(|e| NotAvailable::because(format!("England and Wales households: {e}")))?;
                Ok(Denominator { value, per, year: wanted, edition: households_edition(), note: None })
            }
        }
    }
}

fn households_edition() -> String {
    "2014-based household projections".to_owned()
}
