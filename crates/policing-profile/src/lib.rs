//! A profile of a police force in England and Wales: every measure the public
//! data hold, for one rolling year, compared with every force.
//!
//! # The model
//!
//! A [`Profile`] is one force's [`ProfileRow`]s, one per measure and period.
//! Each row holds the force's count, denominator and rate, England and Wales's
//! rate, the force's rank among the forces ranked, the inspectorate's band, its
//! significance against England and Wales with limits widened for
//! overdispersion (forces vary far more than chance allows) and never more
//! significant than chance alone, the verdict's 95% interval beside it and the
//! interval of chance alone, its changes on one and five years earlier, and its
//! source and vintage: every comparison is the one of `policing_stats::comparison`.
//! A profile says how many rows were tested and how many flags chance alone
//! would give ([`Profile::tests`]). Every force's values are kept for a
//! [`Spine`] (the range of forces with England and Wales at the centre, as
//! public-health profiles draw it). The measures, by section:
//!
//! - **Recorded crime**: every ONS offence group (`violence_with_injury`,
//!   `all_other_theft_offences`, ...) and the derived measures
//!   (`recorded_crime_excl_fraud`, `victim_based_crime`,
//!   `other_crimes_against_society`), per 1,000 population (burglary in a
//!   dwelling per 1,000 households), from the ONS table by force area.
//! - **Anti-social behaviour** per 1,000 population for each calendar year the
//!   data.police.uk yearly counts hold up to the profile's year, with its change.
//! - **Outcomes**: the last outcome of the crimes of the latest calendar year
//!   held, laid out as figure 4 groups them, exact or a range where a
//!   data.police.uk category stands for several outcome types.
//! - **Resources**: crimes per officer (full-time equivalent) where the officer
//!   table holds a date within six months before the year's end.
//! - **Severity**: the crime severity score (each offence code's count times its
//!   ONS weight, summed, over the population, as ONS scales it: per head), for a
//!   year ending in March that the offence-code table holds, naming the edition
//!   of the weights.
//!
//! Profiles of every force are computed at once ([`Profiles::compute`]): each
//! measure's table is made once for all forces. City of London Police is ranked
//! nowhere (`policing_forces::Force::not_ranked` gives the one reason): its
//! counts are in England and Wales's, and its page says so and shows its counts.
//!
//! **Out of scope**: the inspectorate's most similar groups of forces (not
//! public here, so none is invented; give a comparison group of your own with
//! [`Options::compare_with`]), and judgments.
//!
//! # Example
//!
//! ```
//! # #[cfg(feature = "shipped")]
//! # {
//! use policing_crime::YearEnding;
//! use policing_forces::Force;
//! use policing_profile::{Options, Profiles, Sources};
//!
//! let sources = Sources::shipped()?;
//! let year: YearEnding = "2016-06".parse()?;
//! let profiles = Profiles::compute(&sources, year, &Options::default())?;
//! let wiltshire = profiles.of(Force::Wiltshire);
//! let crime = wiltshire.row("recorded_crime_excl_fraud").expect("a row");
//! assert_eq!(crime.rate.map(|r| r.round_dp(1).to_string()), Some("54.9".to_owned()));
//! assert_eq!((crime.rank, crime.of), (Some(32), 42));
//! let page = policing_profile::html::page(&wiltshire);
//! assert!(page.starts_with("<!DOCTYPE html>"));
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod build;
mod error;
pub mod html;
mod row;

pub use build::{Options, Profiles, Sources};
pub use error::{ProfileError, Result};
pub use row::{Profile, ProfileRow, Section, Spine, COLUMNS};
