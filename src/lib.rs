//! # policing
//!
//! Measure police effectiveness in England and Wales the way HMIC's PEEL
//! effectiveness inspections do: rates per 1,000 population, comparisons with
//! England and Wales, "one of the highest / broadly in line / one of the
//! lowest" banding, confidence intervals and funnel plots.
//!
//! This facade re-exports the workspace's crates as modules and lifts the most
//! used types to the root. It has no logic of its own.
//!
//! | module | crate | what it holds |
//! |---|---|---|
//! | [`crime`] | `policing-crime` | offence groups and the victim-based / other crimes against society / fraud classification, recorded crime by force and quarter, and every force's measures (rates, changes, England and Wales, bands) |
//! | [`stats`] | `policing-stats` | rates, proportions, changes, England and Wales aggregates, banding, intervals, funnels, rounding checks |
//! | [`data`] | `policing-data` | readers for data.police.uk files, Home Office outcome and workforce tables |
//! | [`figures`] | `policing-figures` | SVG charts of the report's figures |
//! | [`forces`] | `policing-forces` | the 43 forces and British Transport Police, ONS mid-2015 populations, reporting periods |
//! | [`ocg`] | `policing-ocg` | organised crime group mapping bands, records, disruptions, 4P plans, MoRiLE-style prioritisation, portfolio checks and figures |
//! | [`peel`] | `policing-peel` | PEEL grades, questions, judgments, findings; the Wiltshire 2016 report as data |
//! | [`profile`] | `policing-profile` | a profile of any force: every measure the public data hold, compared with all forces, as a table, CSV, JSON or a web page with spine charts |
//! | [`risk`] | `policing-risk` | THRIVE call grading, DASH 2009 risk levels and MARAC referral, missing-person risk |
//! | [`outcomes`] | `policing-outcomes` | Home Office outcome types 1-22 and groups, outcome counts and the figure 4 and figure 8 tables, data.police.uk categories |
//!
//! ```
//! use policing::prelude::*;
//!
//! let rate = Rate::new(38_186, 703_253, Rate::PER_1_000)?;
//! assert_eq!(rate.rounded(1).to_string(), "54.3");
//! # Ok::<(), policing::stats::StatsError>(())
//! ```
//!
//! With the default `shipped` feature, the ONS table of police recorded crime
//! by force area (2003 to 2018) is inside the library: every force's figures
//! for any rolling year, with no download, and every error passes on with `?`.
//!
//! ```
//! use policing::prelude::*;
//!
//! let table = policing::data::recorded_crime::shipped()?;
//! let year: YearEnding = "2016-06".parse()?;
//! let crime = table.crime.measure(Measure::RecordedCrimeExclFraud, year, &Denominators::peel())?;
//! let wiltshire = crime.row(Force::Wiltshire).ok_or("no row")?;
//! let rate: Decimal = wiltshire.rate.clone()?;
//! println!("Wiltshire: {} per 1,000 ({})", rate.round_dp(1), wiltshire.band.map_or("not ranked", Band::words));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Where the decisions are written
//!
//! - [`design`]: the layering of the crates and every decision the sources
//!   leave open (banding, funnels and overdispersion, outcome precision,
//!   denominators, readers' bounds), as `DESIGN.md` in the repository.
//! - [`changelog`]: what changed, release by release.
//!
//! # Out of scope
//!
//! Fetching data from the web (the tools read files you downloaded), PEEL
//! grades an inspector would give (the library echoes judgments, it does not
//! make them), and forecasting.

#[doc(inline)]
pub use policing_crime as crime;
#[doc(inline)]
pub use policing_data as data;
#[doc(inline)]
pub use policing_figures as figures;
#[doc(inline)]
pub use policing_forces as forces;
#[doc(inline)]
pub use policing_ocg as ocg;
#[doc(inline)]
pub use policing_outcomes as outcomes;
#[doc(inline)]
pub use policing_peel as peel;
#[doc(inline)]
pub use policing_profile as profile;
#[doc(inline)]
pub use policing_risk as risk;
#[doc(inline)]
pub use policing_stats as stats;

pub use policing_forces::{Force, Period, Population};
pub use policing_outcomes::{Category, OutcomeCounts, OutcomeGroup, OutcomeTable, OutcomeType};
pub use policing_stats::{
    compare, Band, Direction, Exclusion, Method, PercentChange, PointChange, Proportion, Rate, Units,
};
/// The exact decimal type every published figure is (`rust_decimal`), so programs need not depend on it.
pub use rust_decimal::Decimal;

/// The types most programs need, for a glob import.
pub mod prelude {
    pub use policing_crime::{Denominators, Measure, MeasureTable, NotAvailable, Offence, RecordedCrime, YearEnding};
    pub use policing_forces::{Force, Households, Period, Population};
    pub use policing_outcomes::{
        Category, DomesticAbuseOutcomeRates, Outcome, OutcomeComparison, OutcomeCounts, OutcomeGroup, OutcomeTable,
        OutcomeType, RowKind,
    };
    pub use policing_stats::{
        check_sum, compare, Band, Comparison, Direction, Exclusion, Method, Observation, PercentChange, PointChange,
        Proportion, Published, Rate, Significance, Statistic, Units, Widening,
    };
    pub use rust_decimal::Decimal;
}

/// The design of the workspace: `DESIGN.md`.
#[doc = include_str!("../DESIGN.md")]
#[allow(rustdoc::broken_intra_doc_links, reason = "the design notes name items by path, not as links")]
pub mod design {}

/// The ledger format, the verdicts, the scan and how to add a source: `docs/ledger.md`.
#[doc = include_str!("../docs/ledger.md")]
#[allow(rustdoc::broken_intra_doc_links, reason = "the notes name items by path, not as links")]
pub mod ledger_format {}

/// What changed: `CHANGELOG.md`.
#[doc = include_str!("../CHANGELOG.md")]
#[allow(rustdoc::broken_intra_doc_links, reason = "Keep a Changelog's \"[Unreleased]\" heading is not a link")]
pub mod changelog {}

/// The README's example, compiled and run as a doctest so that it cannot rot.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
