//! Population denominators: ONS mid-2015 estimates by police force area, as the
//! 2016 PEEL reports used them, with their provenance.
//!
//! The values are derived from two ONS files with code that ships in this crate
//! (feature `ons`, `policing_forces::derive`) and embedded here; a test re-derives them
//! from `data/raw/` and compares. Provenance: ONS MYE2 "Population
//! Estimates by single year of age and sex for local authorities in the UK,
//! mid-2015", release MYE9PE1 published 23 June 2016 (the original estimates,
//! not the March 2018 revision), summed to police force areas with the ONS
//! "Local Authority District to Community Safety Partnerships to Police Force
//! Areas (December 2016) Lookup in England and Wales". Contains National
//! Statistics data, Crown copyright, Open Government Licence v3.0.
//!
//! Two caveats travel with the values:
//!
//! - **City of London**: the report's denominator adds a transient (commuting)
//!   population to the 8,760 residents; that figure is not in these files, so
//!   [`Population::peel_denominator`] refuses to stand in for it.
//! - **Households** (burglary in a dwelling per 1,000 households) are not in
//!   these files; they come from another source, [`Households`](crate::Households).

use chrono::NaiveDate;

use crate::error::{ForceError, Result};
use crate::force::Force;

/// 30 June 2015, the date of the mid-2015 estimates.
#[allow(clippy::panic, reason = "evaluated at compile time: a date literal that is not a date fails the build")]
const MID_2015: NaiveDate = match NaiveDate::from_ymd_opt(2015, 6, 30) {
    Some(d) => d,
    None => panic!("30 June 2015 is a date"),
};

/// One force area's population.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AreaPopulation {
    /// The force.
    pub force: Force,
    /// All persons.
    pub persons: u64,
    /// Males.
    pub males: u64,
    /// Females.
    pub females: u64,
}

/// The embedded derivation, as `derive_populations` prints it.
const MID_2015_CSV: &str = include_str!("../data/population-mid2015.csv");

/// The ONS mid-2015 population estimates by police force area.
///
/// ```
/// use policing_forces::{Force, Population};
/// let p = Population::mid_2015();
/// assert_eq!(p.of(Force::Wiltshire)?.persons, 703_253);
/// assert_eq!(p.england_and_wales(), 57_885_413);
/// assert_eq!(p.combined(&[Force::Warwickshire, Force::WestMercia])?, 554_002 + 1_249_231);
/// # Ok::<(), policing_forces::ForceError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Population {
    areas: Vec<AreaPopulation>,
}

impl Population {
    /// The embedded mid-2015 estimates for the 43 territorial force areas.
    #[must_use]
    pub fn mid_2015() -> Self {
        let areas = MID_2015_CSV
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("code,"))
            .filter_map(|l| {
                let f: Vec<&str> = l.split(',').collect();
                let force = Force::from_ons_code(f.first()?).ok()?;
                Some(AreaPopulation {
                    force,
                    persons: f.get(2)?.parse().ok()?,
                    males: f.get(3)?.parse().ok()?,
                    females: f.get(4)?.parse().ok()?,
                })
            })
            .collect();
        Population { areas }
    }

    /// The reference date: mid-2015 (30 June 2015).
    #[must_use]
    pub fn as_at(&self) -> NaiveDate {
        MID_2015
    }

    /// Where the values come from.
    #[must_use]
    pub fn source(&self) -> &'static str {
        "ONS MYE2 mid-2015 population estimates (published 23 June 2016), summed to police force areas \
         with the ONS December 2016 local authority to police force area lookup"
    }

    /// Every area.
    #[must_use]
    pub fn areas(&self) -> &[AreaPopulation] {
        &self.areas
    }

    /// One force area's population.
    ///
    /// # Errors
    /// [`ForceError::InputNotAvailable`] for British Transport Police (no area).
    pub fn of(&self, force: Force) -> Result<AreaPopulation> {
        self.areas.iter().copied().find(|a| a.force == force).ok_or_else(|| ForceError::InputNotAvailable {
            what: format!("the population of {force}"),
            why: "the force has no territorial area",
        })
    }

    /// The resident population the PEEL reports used as a denominator. For City
    /// of London the report added a transient population that these files do
    /// not hold, so that force is an error rather than a wrong denominator.
    ///
    /// # Errors
    /// [`ForceError::InputNotAvailable`] for City of London and British Transport Police.
    pub fn peel_denominator(&self, force: Force) -> Result<u64> {
        if force == Force::CityOfLondon {
            return Err(ForceError::InputNotAvailable {
                what: "City of London's PEEL population denominator".to_owned(),
                why: "the report adds a transient population to the 8,760 residents, and no source here gives it",
            });
        }
        Ok(self.of(force)?.persons)
    }

    /// The combined population of several areas (Warwickshire with West Mercia).
    ///
    /// # Errors
    /// As [`Population::of`].
    pub fn combined(&self, forces: &[Force]) -> Result<u64> {
        forces.iter().map(|f| self.of(*f).map(|a| a.persons)).sum()
    }

    /// England and Wales: the sum of the 43 areas (residents only).
    #[must_use]
    pub fn england_and_wales(&self) -> u64 {
        self.areas.iter().map(|a| a.persons).sum()
    }
}
