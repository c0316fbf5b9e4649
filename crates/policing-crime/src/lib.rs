//! Police recorded crime in England and Wales as the PEEL reports measure it.
//!
//! - [`Offence`], [`OffenceGroup`], [`CrimeClass`]: the Home Office offence
//!   classification as the ONS police force area tables name it, and the
//!   reports' victim-based crime / other crimes against society / fraud, with
//!   the breaks in what an offence counts over time as data, with their sources
//!   ([`DEFINITION_BREAKS`]).
//! - [`CrimeCategory`]: the crime categories of data.police.uk street files, matched exactly.
//! - [`YearEnding`]: the rolling year ending at a quarter end, the period of every
//!   figure ("12 months to 30 June 2016").
//! - [`RecordedCrime`]: counts by force area, rolling year and offence (read them
//!   with `policing_data::recorded_crime` from the ONS table), with the national
//!   fraud sources kept apart.
//! - [`Measure`]: recorded crime excluding fraud, victim-based crime, any offence
//!   row; what each is per 1,000 of ([`Per`]), and whether it is comparable over a
//!   year (domestic burglary is not after March 2017).
//! - [`Denominators`]: populations and households by force area and which year's
//!   are used; City of London's resident population is not its PEEL denominator.
//! - [`MeasureTable`]: for any measure and rolling year, every force's count, rate
//!   per 1,000, percent changes on one and five years earlier, England and Wales
//!   pooled, rank, the inspectorate's band, the rate's 95% interval, funnel
//!   significance allowing for overdispersion, and how many forces rose on the year.
//!
//! # Example
//!
//! ```
//! use policing_crime::{Denominators, Measure, Offence, RecordedCrime, Unit, YearEnding};
//! use policing_forces::Force;
//!
//! // Sexual offences in every force area, as an ONS table would give them.
//! let (now, then) = (YearEnding::from_month(2016, 6)?, YearEnding::from_month(2015, 6)?);
//! let mut crime = RecordedCrime::new();
//! for (i, force) in Force::territorial().enumerate() {
//!     let base = 500 + 40 * i as i64;
//!     crime.insert(then, force, Offence::SexualOffences, base)?;
//!     crime.insert(now, force, Offence::SexualOffences, if force == Force::Wiltshire { 1_357 } else { base + 60 })?;
//! }
//! let table = crime.measure(Measure::Offence(Offence::SexualOffences), now, &Denominators::peel())?;
//! let wiltshire = table.row(Force::Wiltshire).unwrap();
//! assert_eq!(wiltshire.rate.as_ref().map(|r| r.round_dp(1).to_string()), Ok("1.9".to_owned()));
//! assert_eq!(table.ranked, 42); // City of London has no PEEL population denominator
//! assert_eq!((table.rises.rises, table.rises.falls), (42, 1)); // Wiltshire fell
//! assert!(table.england_and_wales.rate.is_ok());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Features
//!
//! - `serde`: `Serialize` for the results and `Deserialize` for the value types.
#![warn(
    clippy::exhaustive_structs,
    clippy::exhaustive_enums,
    reason = "a public type grows without a breaking change, or says why it cannot"
)]

mod denominators;
mod error;
mod measure;
mod offence;
mod police_uk;
mod series;
mod table;
mod year;

pub use denominators::{Denominator, DenominatorYear, Denominators};
pub use error::CrimeError;
pub use measure::{Measure, Per};
pub use offence::{CrimeClass, DefinitionBreak, Offence, OffenceGroup, DEFINITION_BREAKS};
pub use police_uk::CrimeCategory;
pub use series::{Figure, FraudSource, NotAvailable, RecordedCrime};
pub use table::{change_against_words, AnnualRises, MeasureRow, MeasureTable, Unit};
pub use year::YearEnding;
