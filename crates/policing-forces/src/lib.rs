//! The police forces of England and Wales, their populations, and reporting periods.
//!
//! - [`Force`]: the 43 territorial forces and British Transport Police, with
//!   the name data.police.uk and the Home Office use, the data.police.uk slug,
//!   the ONS police force area code, country and region; parsed from every
//!   spelling found in the real files.
//! - [`Population`]: ONS mid-2015 estimates by force area (the PEEL 2016
//!   denominators), embedded with provenance and re-derivable from the ONS
//!   source files (feature `ons`).
//! - [`Households`]: households by force area and year, 1991-2039 (DCLG and Welsh
//!   Government 2014-based projections), the denominator of burglary in a dwelling.
//! - [`Period`]: "12 months to 30 June 2016", "as at 1 July 2016", quarters and
//!   financial years, with their dates and the previous period.
//!
//! # Example
//!
//! ```
//! use policing_forces::{Force, Period, Population};
//! use policing_stats::Rate;
//!
//! let wiltshire: Force = "Wiltshire Police".parse()?;
//! let population = Population::mid_2015().peel_denominator(wiltshire)?;
//! let period: Period = "12 months to 30 June 2016".parse()?;
//! assert_eq!(period.start().to_string(), "2015-07-01");
//! let rate = Rate::new(38_187, population, Rate::PER_1_000)?;
//! assert_eq!(rate.rounded(1).to_string(), "54.3");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Features
//!
//! - `serde`: serialization of forces (as their names) and periods.
//! - `lookup`: read the ONS district to police force area [`lookup`](mod@lookup) (adds `csv`).
//! - `ons`: [`derive`](mod@derive) the populations from the ONS files (adds `calamine`; includes `lookup`).
#![warn(
    clippy::exhaustive_structs,
    clippy::exhaustive_enums,
    reason = "a public type grows without a breaking change, or says why it cannot"
)]

#[cfg(feature = "ons")]
pub mod derive;
mod error;
mod force;
mod households;
#[cfg(feature = "lookup")]
pub mod lookup;
mod period;
mod population;

pub use error::{ForceError, Result};
pub use force::{Country, Force, Region};
pub use households::{AreaHouseholds, Households};
pub use period::{month_problem, Period};
pub use population::{series_csv, AreaPopulation, ForceSeries, Population, PopulationEdition, PopulationSeries};
