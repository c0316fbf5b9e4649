//! What rates are per 1,000 of: populations and households, which year's, and
//! City of London.

use policing_forces::{Force, Households, Population};
use rust_decimal::Decimal;

use crate::measure::Per;
use crate::series::{Figure, NotAvailable};
use crate::year::YearEnding;

/// Which year's population or households a rolling year is divided by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum DenominatorYear {
    /// As the 2016 PEEL reports: years ending in 2016 use mid-2015 (the latest
    /// estimate when the figures were published); any other year uses the
    /// calendar year it ends in.
    As2016Reports,
    /// Always the given year.
    Fixed(i32),
}

/// A denominator: its value, what it counts, which year it is for, and a note
/// when it is not the year asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Denominator {
    /// The value (households may be fractional: the Welsh figures are projections).
    pub value: Decimal,
    /// Population or households.
    pub per: Per,
    /// The year the value is for (mid-year for populations).
    pub year: i32,
    /// Said when the year is not the one the rule asked for.
    pub note: Option<String>,
}

impl Denominator {
    /// "ONS mid-2015 population", "2015 households".
    #[must_use]
    pub fn describe(&self) -> String {
        match self.per {
            Per::Population => format!("ONS mid-{} population", self.year),
            Per::Households => format!("{} households", self.year),
        }
    }
}

/// The populations and households rates are per 1,000 of.
///
/// - **Populations**: ONS mid-year estimates by force area; this workspace holds
///   mid-2015 ([`Population::mid_2015`]). A year it does not hold is replaced by
///   mid-2015 and the [`Denominator::note`] says so.
/// - **Households**: 2014-based projections by force area and year,
///   1991-2039 ([`Households::projections_2014`]); Welsh years before 2011 are not
///   available.
/// - **City of London**: its resident population (8,760) is not its PEEL
///   denominator (the inspectorate adds a transient population that no source
///   here gives), so its rates are not available and it is not ranked; its
///   counts, and its residents inside the England and Wales total, are kept.
///
/// ```
/// use policing_crime::{Denominators, Per, YearEnding};
/// use policing_forces::Force;
///
/// let d = Denominators::peel();
/// let june_2016 = YearEnding::from_month(2016, 6)?;
/// let p = d.of(Force::Wiltshire, june_2016, Per::Population).unwrap();
/// assert_eq!((p.value, p.year, p.note.is_none()), (703_253.into(), 2015, true));
/// let later = d.of(Force::Wiltshire, YearEnding::from_month(2018, 3)?, Per::Population).unwrap();
/// assert_eq!(later.year, 2015);
/// assert!(later.note.unwrap().contains("mid-2018"));
/// assert!(d.of(Force::CityOfLondon, june_2016, Per::Population).is_err());
/// # Ok::<(), policing_crime::CrimeError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Denominators {
    population: Population,
    households: Households,
    rule: DenominatorYear,
    /// Households of this year whatever the rule says (a method choice).
    households_year: Option<i32>,
}

impl Default for Denominators {
    fn default() -> Self {
        Denominators::peel()
    }
}

impl Denominators {
    /// The embedded ONS mid-2015 populations and 2014-based households, with
    /// [`DenominatorYear::As2016Reports`].
    #[must_use]
    pub fn peel() -> Self {
        Denominators {
            population: Population::mid_2015(),
            households: Households::projections_2014(),
            rule: DenominatorYear::As2016Reports,
            households_year: None,
        }
    }

    /// The same, with households of `year` for every rolling year (populations
    /// still follow the rule): a method choice a report's numbers may point to.
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

    /// The year the rule asks for.
    #[must_use]
    pub fn year_for(&self, year: YearEnding) -> i32 {
        match self.rule {
            DenominatorYear::As2016Reports if year.year() == 2016 => 2015,
            DenominatorYear::As2016Reports => year.year(),
            DenominatorYear::Fixed(y) => y,
        }
    }

    fn population_year(&self, wanted: i32) -> (i32, Option<String>) {
        let held = 2015;
        if wanted == held {
            (held, None)
        } else {
            (held, Some(format!("ONS mid-{wanted} population is not held here; mid-{held} used")))
        }
    }

    /// A force area's denominator for a rolling year.
    ///
    /// # Errors
    /// [`NotAvailable`] for City of London (see above), British Transport Police
    /// (no area), and households the table lacks (Welsh years before 2011, years
    /// outside 1991-2039).
    pub fn of(&self, force: Force, year: YearEnding, per: Per) -> Figure<Denominator> {
        if force == Force::CityOfLondon {
            return Err(NotAvailable::because(
                "City of London's resident population is not its PEEL denominator (the inspectorate adds a transient \
                 population that no source here gives): its rates are not available and it is not ranked",
            ));
        }
        self.area(force, year, per)
    }

    /// A force area's residents or households for a rolling year, City of
    /// London's included: what England and Wales's denominator is the sum of
    /// (a rate per resident of City of London is not its PEEL rate: see [`Denominators::of`]).
    ///
    /// # Errors
    /// [`NotAvailable`] for British Transport Police (no area) and households the table lacks.
    pub fn area(&self, force: Force, year: YearEnding, per: Per) -> Figure<Denominator> {
        let wanted = self.year_for(year);
        match per {
            Per::Population => {
                let (y, note) = self.population_year(wanted);
                let p = self.population.of(force).map_err(|e| NotAvailable::because(e.to_string()))?;
                Ok(Denominator { value: Decimal::from(p.persons), per, year: y, note })
            }
            Per::Households => {
                let wanted = self.households_year.unwrap_or(wanted);
                let value = self.households.of(force, wanted).map_err(|e| NotAvailable::because(e.to_string()))?;
                Ok(Denominator { value, per, year: wanted, note: None })
            }
        }
    }

    /// England and Wales: the 43 territorial force areas (City of London's
    /// residents included; British Transport Police has no area).
    ///
    /// # Errors
    /// [`NotAvailable`] when an area's households are not available for the year.
    pub fn england_and_wales(&self, year: YearEnding, per: Per) -> Figure<Denominator> {
        let wanted = self.year_for(year);
        match per {
            Per::Population => {
                let (y, note) = self.population_year(wanted);
                Ok(Denominator { value: Decimal::from(self.population.england_and_wales()), per, year: y, note })
            }
            Per::Households => {
                let wanted = self.households_year.unwrap_or(wanted);
                let value = self
                    .households
                    .england_and_wales(wanted)
                    .map_err(|e| NotAvailable::because(format!("England and Wales households: {e}")))?;
                Ok(Denominator { value, per, year: wanted, note: None })
            }
        }
    }
}
