//! Households by police force area, the denominator of burglary in a dwelling
//! "per 1,000 households".
//!
//! The values are summed from the household numbers of the 348 local authority
//! districts of England and Wales with the ONS December 2016 district to police
//! force area lookup, by `policing_data::households` (which reads the source
//! file and reports its quirks), and embedded here; a test in `policing-data`
//! derives them again from the repository's `data/raw/` and compares.
//!
//! Source: `nismod-snhp/snhp2014.csv` (see `data/raw/SOURCES.md` section 6):
//! DCLG 2014-based household projections (live table 406) for the 326 English
//! districts and the Welsh Government's household projections for the 22 Welsh
//! districts, 1991-2039. The Welsh source starts in 2011: for earlier years the
//! file holds `0`, which means "not available", so a Welsh force's households
//! before 2011 are [`ForceError::InputNotAvailable`], never zero. Welsh values are
//! fractional (projections), so households are exact decimals. Contains public
//! sector information licensed under the Open Government Licence v3.0.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::error::{ForceError, Result};
use crate::force::Force;

/// The embedded derivation, as `policing-data`'s `derive_households` example prints it.
const PROJECTIONS_2014_CSV: &str = include_str!("../data/households-2014-based.csv");

/// One force area's households, by year.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[allow(clippy::exhaustive_structs, reason = "an input its users build field by field")]
pub struct AreaHouseholds {
    /// The force.
    pub force: Force,
    /// Households by calendar year; a year without a value is not available.
    pub by_year: BTreeMap<i32, Decimal>,
}

/// Household numbers by police force area and year (2014-based projections).
///
/// ```
/// use policing_forces::{Force, Households};
/// use rust_decimal::Decimal;
///
/// let h = Households::projections_2014();
/// assert_eq!(h.of(Force::Wiltshire, 2015)?, Decimal::from(295_888));
/// // Welsh figures start in 2011; the source's 0 before that means "not available".
/// assert!(h.of(Force::Gwent, 2010).is_err());
/// assert!(h.england_and_wales(2010).is_err());
/// assert!(h.england_and_wales(2015)? > Decimal::from(23_000_000));
/// # Ok::<(), policing_forces::ForceError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Households {
    areas: Vec<AreaHouseholds>,
}

impl Households {
    /// The embedded 2014-based projections for the 43 territorial force areas, 1991-2039.
    #[must_use]
    pub fn projections_2014() -> Self {
        let mut lines = PROJECTIONS_2014_CSV.lines().filter(|l| !l.starts_with('#'));
        let years: Vec<Option<i32>> =
            lines.next().map(|h| h.split(',').skip(2).map(|y| y.parse().ok()).collect()).unwrap_or_default();
        let areas = lines
            .filter_map(|l| {
                let mut cells = l.split(',');
                let force = Force::from_ons_code(cells.next()?).ok()?;
                let by_year = cells
                    .skip(1)
                    .zip(&years)
                    .filter_map(|(cell, year)| Some(((*year)?, cell.parse::<Decimal>().ok()?)))
                    .collect();
                Some(AreaHouseholds { force, by_year })
            })
            .collect();
        Households { areas }
    }

    /// Makes a table from derived areas (for a derivation of your own).
    #[must_use]
    pub fn from_areas(areas: Vec<AreaHouseholds>) -> Self {
        Households { areas }
    }

    /// Where the values come from.
    #[must_use]
    pub fn source(&self) -> &'static str {
        "DCLG 2014-based household projections (England) and Welsh Government household projections (Wales), \
         summed to police force areas with the ONS December 2016 lookup"
    }

    /// Every area.
    #[must_use]
    pub fn areas(&self) -> &[AreaHouseholds] {
        &self.areas
    }

    /// The households of one force area in `year`.
    ///
    /// # Errors
    /// [`ForceError::InputNotAvailable`] for British Transport Police (no area), a
    /// Welsh force before 2011, or a year outside the table.
    pub fn of(&self, force: Force, year: i32) -> Result<Decimal> {
        let area = self.areas.iter().find(|a| a.force == force).ok_or_else(|| ForceError::InputNotAvailable {
            what: format!("households in {force}"),
            why: "the force has no territorial area",
        })?;
        area.by_year.get(&year).copied().ok_or_else(|| ForceError::InputNotAvailable {
            what: format!("households in {force} in {year}"),
            why: if force.country() == Some(crate::Country::Wales) && year < 2011 {
                "the Welsh household figures start in 2011 (the source's 0 before then means not available)"
            } else {
                "the household table covers 1991-2039"
            },
        })
    }

    /// England and Wales in `year`: the sum of the 43 areas.
    ///
    /// # Errors
    /// [`ForceError::InputNotAvailable`] if any area has no value for the year.
    pub fn england_and_wales(&self, year: i32) -> Result<Decimal> {
        Force::territorial().map(|f| self.of(f, year)).sum()
    }
}
