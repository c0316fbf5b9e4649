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
#[non_exhaustive]
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

/// Which edition of the ONS mid-year population estimates a denominator comes from.
///
/// A closed set: the editions this crate holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[allow(clippy::exhaustive_enums, reason = "a closed list the crates match on exhaustively")]
pub enum PopulationEdition {
    /// The original mid-2015 estimates (ONS MYE2, published 23 June 2016), as the
    /// 2016 PEEL reports used them: mid-2015 only.
    Original2016,
    /// The estimates for mid-2011 to mid-2023 as ONS published them on 15 July
    /// 2024 (revised; mid-2015 differs from the original by up to 12.5%, City of
    /// London, and by 1% for Wiltshire).
    Revised2024,
}

impl PopulationEdition {
    /// The edition in words, for a row's denominator.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            PopulationEdition::Original2016 => "ONS mid-2015 estimates as first published (June 2016)",
            PopulationEdition::Revised2024 => "ONS mid-year estimates, July 2024 edition",
        }
    }

    /// The command line's name: `mid-2015-original`, `latest`.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            PopulationEdition::Original2016 => "mid-2015-original",
            PopulationEdition::Revised2024 => "latest",
        }
    }
}

impl std::fmt::Display for PopulationEdition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for PopulationEdition {
    type Err = ForceError;

    /// `latest` (or `2024`, `revised`) and `mid-2015-original` (or `2016`, `original`).
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "latest" | "revised" | "2024" | "july-2024" => Ok(PopulationEdition::Revised2024),
            "mid-2015-original" | "original" | "2016" | "june-2016" => Ok(PopulationEdition::Original2016),
            _ => Err(ForceError::InputNotAvailable {
                what: format!("population edition {s:?}"),
                why: "the editions are latest (ONS, July 2024: mid-2011 to mid-2023) and mid-2015-original (June 2016)",
            }),
        }
    }
}

/// ONS mid-year population estimates by police force area, persons, for every
/// year one edition holds.
///
/// ```
/// use policing_forces::{Force, PopulationEdition, PopulationSeries};
/// let revised = PopulationSeries::of_edition(PopulationEdition::Revised2024);
/// assert_eq!(revised.persons(Force::Wiltshire, 2015)?, 710_182);
/// assert_eq!(revised.england_and_wales(2015)?, 57_881_415);
/// assert_eq!(revised.years(), (2011..=2023).collect::<Vec<_>>());
/// let original = PopulationSeries::of_edition(PopulationEdition::Original2016);
/// assert_eq!(original.persons(Force::Wiltshire, 2015)?, 703_253);
/// assert!(original.persons(Force::Wiltshire, 2016).is_err());
/// # Ok::<(), policing_forces::ForceError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PopulationSeries {
    edition: PopulationEdition,
    persons: std::collections::BTreeMap<(Force, i32), u64>,
    /// The mid-years held, earliest first (asked for at every denominator).
    years: Vec<i32>,
}

/// The embedded derivation, as `derive_population_series` prints it.
const MID_2011_2023_CSV: &str = include_str!("../data/population-mid2011-2023.csv");

impl PopulationSeries {
    /// An edition's estimates, embedded in this crate.
    #[must_use]
    pub fn of_edition(edition: PopulationEdition) -> Self {
        let mut persons = std::collections::BTreeMap::new();
        match edition {
            PopulationEdition::Original2016 => {
                for a in Population::mid_2015().areas() {
                    persons.insert((a.force, 2015), a.persons);
                }
            }
            PopulationEdition::Revised2024 => {
                let mut years: Vec<i32> = Vec::new();
                for line in MID_2011_2023_CSV.lines().filter(|l| !l.starts_with('#')) {
                    let cells: Vec<&str> = line.split(',').collect();
                    if cells.first() == Some(&"code") {
                        years = cells.iter().skip(2).filter_map(|y| y.parse().ok()).collect();
                        continue;
                    }
                    let Some(force) = cells.first().and_then(|c| Force::from_ons_code(c).ok()) else { continue };
                    for (year, value) in years.iter().zip(cells.iter().skip(2)) {
                        if let Ok(v) = value.parse::<u64>() {
                            persons.insert((force, *year), v);
                        }
                    }
                }
            }
        }
        let mut years: Vec<i32> = persons.keys().map(|(_, y)| *y).collect();
        years.sort_unstable();
        years.dedup();
        PopulationSeries { edition, persons, years }
    }

    /// The edition.
    #[must_use]
    pub fn edition(&self) -> PopulationEdition {
        self.edition
    }

    /// The mid-years held, earliest first.
    #[must_use]
    pub fn years(&self) -> &[i32] {
        &self.years
    }

    /// A force area's residents at mid-`year`.
    ///
    /// # Errors
    /// [`ForceError::InputNotAvailable`] for British Transport Police or a year the edition does not hold.
    pub fn persons(&self, force: Force, year: i32) -> Result<u64> {
        self.persons.get(&(force, year)).copied().ok_or_else(|| ForceError::InputNotAvailable {
            what: format!("the mid-{year} population of {force} ({})", self.edition),
            why: "the edition does not hold that year or area",
        })
    }

    /// England and Wales at mid-`year`: the 43 areas summed.
    ///
    /// # Errors
    /// As [`PopulationSeries::persons`].
    pub fn england_and_wales(&self, year: i32) -> Result<u64> {
        Force::territorial().map(|f| self.persons(f, year)).sum()
    }
}

/// One force area's persons by mid-year, earliest year first: `(year, persons)`.
pub type ForceSeries = (Force, Vec<(i32, u64)>);

/// The derived series as this crate embeds it: a comment header, then
/// `code,name,2011,...,2023` for each of the 43 areas.
#[must_use]
pub fn series_csv(series: &[ForceSeries]) -> String {
    let years: Vec<i32> = series.first().map(|(_, v)| v.iter().map(|(y, _)| *y).collect()).unwrap_or_default();
    let mut out = String::from(
        "# ONS mid-year population estimates by police force area, persons, mid-2011 to mid-2023: the July 2024 edition\n\
         # (Mid-Year Population Estimates, England and Wales, June 2023; sheet MYE4 of\n\
         # data/raw/ecom185-ons-mye-2023/LAD23_Mid_Year_pop_2011_to_2023.xlsx), summed to police force areas with the ONS\n\
         # December 2023 lookup (data/raw/ecom185-ons-mye-2023/Local_Authority_District_to_CSPs_to_Police_Force_Areas_(December__2023)_Lookup_.csv).\n\
         # Derived by `cargo run -p policing-forces --features ons --example derive_population_series`.\n\
         # Contains National Statistics data (c) Crown copyright 2024, Open Government Licence v3.0.\n",
    );
    out.push_str("code,name");
    for y in &years {
        out.push_str(&format!(",{y}"));
    }
    out.push('\n');
    for (force, values) in series {
        out.push_str(&format!("{},{}", force.ons_code().unwrap_or(""), force.name()));
        for (_, v) in values {
            out.push_str(&format!(",{v}"));
        }
        out.push('\n');
    }
    out
}
