//! A profile of a police force in England and Wales: every measure the public
//! data hold, each for its own period, compared with every force and over time.
//!
//! # The model
//!
//! A profile is made by **indicators** ([`Indicator`]), one small type per
//! measure family, registered in [`registry`]: each says its [`Section`], its
//! typed period ([`policing_crime::YearEnding`]), its denominator
//! ([`DenominatorOf`]: year and edition) and statistic, and yields every
//! force's inputs ([`Input`]: counts, a range, pooled only, missing, or a data
//! gap) with their changes and five-year series. The profile is then, for each
//! indicator's measures, **the one comparison** of `policing_stats::compare`
//! (rank or rank range, band, significance against England and Wales widened
//! for overdispersion and never more significant than chance alone, the
//! verdict's and chance's 95% intervals), **the changes against England and
//! Wales's** (`policing_stats::change`, statistics.md section 9) and **the
//! five-year trend** (`policing_stats::trend`, section 10). Each force's
//! [`ProfileRow`]s are read off; one column definition ([`COLUMNS`]) writes
//! them as CSV, JSON, a reading table, a workbook and a page ([`html`]).
//!
//! # Periods
//!
//! The profile's period is a rolling year of the recorded crime table. Every
//! section states its own ([`SectionPeriod`]), and a section that holds nothing
//! for it says "not held for this period: &lt;what is held&gt;" on a row of its own:
//!
//! - **Recorded crime**: the profile's period; every ONS offence group and the
//!   derived measures, per 1,000 population (per 1,000 households for burglary
//!   in a dwelling); trend on the five years ending March.
//! - **Anti-social behaviour** and **outcomes**: the latest calendar year that
//!   ends on or before the period's end (data.police.uk's yearly counts); the
//!   last outcome of the year's crimes as figure 4 groups them, exact or a range.
//!   A force's outcome year that the data leave incomplete (the rule of
//!   `policing_data::yearly::OUTCOME_GAP_RULE`) is left out of the ranking and
//!   of England and Wales, with the reason on its row.
//! - **Resources**: crimes per officer, the latest year to March held on or
//!   before the period's end, over officers at 31 March of that year.
//! - **Severity**: the crime severity score, the latest year to March the
//!   offence-code table holds on or before the period's end.
//!
//! # Denominators
//!
//! Populations are the latest ONS mid-year estimate dated before a period's
//! last day (12 months to March or June of Y: mid-(Y-1); to September or
//! December: mid-Y), from the July 2024 edition, for rates, ranks and trends
//! alike; [`Options::populations`] with
//! `PopulationEdition::Original2016` gives the 2016 reports' original mid-2015
//! estimates. Every row names its denominator's year and edition.
//!
//! City of London Police is ranked nowhere (`policing_forces::Force::not_ranked`
//! gives the one reason): its counts are in England and Wales's.
//!
//! **Out of scope**: the inspectorate's most similar groups of forces (not
//! public here, so none is invented; compare with the force's region or a group
//! of your own with [`Options::compare_with_region`] or
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
//! let profiles = Profiles::compute(&sources, year, &Options::default().compare_with_region())?;
//! let wiltshire = profiles.of(Force::Wiltshire);
//! let crime = wiltshire.row("recorded_crime_excl_fraud").expect("a row");
//! assert_eq!(crime.rate.map(|r| r.round_dp(1).to_string()), Some("54.4".to_owned()));
//! assert_eq!(crime.denominator_of.as_ref().and_then(|d| d.year), Some(2015));
//! // Outcomes are for calendar 2015, the latest calendar year ending by June 2016.
//! let charged = wiltshire.row("outcome_1_charged_summonsed").expect("a row");
//! assert_eq!(charged.period.map(|p| p.to_string()).as_deref(), Some("12 months to 31 December 2015"));
//! // A share the categories give only as a range has a range of ranks.
//! assert!(charged.range.is_some() && charged.rank.is_some());
//! let page = policing_profile::html::page(&wiltshire, &policing_profile::html::Stamp::new("2026-12-06", "0.1.0"));
//! assert!(page.starts_with("<!DOCTYPE html>"));
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![warn(
    clippy::exhaustive_structs,
    clippy::exhaustive_enums,
    reason = "a public type grows without a breaking change, or says why it cannot"
)]

mod columns;
mod compute;
mod error;
pub mod html;
mod indicator;
mod indicators;
mod row;

pub use columns::{change_words, places_for, rank_words, table, value_words, ProfileColumn, COLUMNS};
pub use compute::{Comparators, Options, Profiles, Sources};
pub use error::{ProfileError, Result};
pub use indicator::{
    calendar_year_within, march_year_within, period_words, registry, Context, DenominatorOf, ForceInputs, Indicator,
    Input, MeasureInputs, Per, SectionInputs, SeriesBreak, SeriesPoint, TrendTest,
};
pub use indicators::{AntiSocialBehaviour, CrimesPerOfficer, LastOutcomes, RecordedCrime, Severity};
pub use row::{GroupFigures, Profile, ProfileRow, Section, SectionPeriod, Spine};
