//! The Home Office crime outcomes framework, and the outcome figures of the
//! PEEL effectiveness reports.
//!
//! Since April 2014 every crime recorded in England and Wales is eventually
//! given an outcome type (1 to 22) saying how the investigation concluded. This
//! crate models:
//!
//! - [`OutcomeType`]: the 22 types with their Home Office labels, short labels,
//!   dates of introduction and [`OutcomeGroup`]s (grouped as the 2016 report
//!   groups them; outcome 10's placement is explained on [`OutcomeGroup`]).
//! - [`OutcomeCounts`]: counts by outcome plus "not yet assigned", mergeable
//!   across months and forces, held at the precision the data allow.
//! - [`OutcomeTable`] (figure 4: each crime tracked to its outcome) and
//!   [`DomesticAbuseOutcomeRates`] (figure 8: outcomes recorded per domestic
//!   abuse offence recorded), two types so that nobody compares them by accident.
//! - [`Comparison`]: forces side by side, the England and Wales table with its
//!   exclusions and partial years, and the banding of any row.
//! - [`Category`]: the data.police.uk outcome categories and the outcomes each
//!   can stand for ([`police_uk`]).
//!
//! # Example
//!
//! ```
//! use policing_outcomes::{Category, Outcome, OutcomeCounts, OutcomeTable, OutcomeType, RowKind};
//!
//! // Outcomes of crimes recorded in a year, from Home Office counts...
//! let mut counts = OutcomeCounts::new();
//! counts.add(OutcomeType::ChargedSummonsed, 121)?;
//! counts.add(OutcomeType::InvestigationCompleteNoSuspect, 408)?;
//! counts.add(Outcome::NotYetAssigned, 471)?;
//! // ... and from a data.police.uk category, which stands for outcome 2 or 3.
//! counts.add(Category::from_name("Offender given a caution")?.outcomes(), 32)?;
//!
//! let table = OutcomeTable::figure_4(&counts, Default::default())?;
//! let charged = table.row(RowKind::Type(OutcomeType::ChargedSummonsed)).unwrap();
//! assert_eq!(charged.share.display(1), "11.7");
//! let adults = table.row(RowKind::Type(OutcomeType::CautionAdults)).unwrap();
//! assert_eq!(adults.share.display(1), "0.0–3.1"); // known only as a range
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Features
//!
//! - `serde`: serialization of the types; deserialization validates.
#![warn(
    clippy::exhaustive_structs,
    clippy::exhaustive_enums,
    reason = "a public type grows without a breaking change, or says why it cannot"
)]

mod comparison;
mod counts;
mod error;
mod group;
mod outcome;
pub mod police_uk;
mod table;

pub use comparison::{Comparison, DomesticAbuseComparison, OutcomeComparison, Tabulate, UnitData};
pub use counts::{OutcomeCounts, Tally};
pub use error::{OutcomeError, Result};
pub use group::OutcomeGroup;
pub use outcome::{InUseBasis, Outcome, OutcomeSet, OutcomeType};
pub use police_uk::{Category, OutcomeText};
pub use table::{
    Coverage, DomesticAbuseCounts, DomesticAbuseOutcomeRates, LayoutRow, OutcomeTable, RateRow, RowKind, Share,
    TableNotes, TableRow, FIGURE_4, FIGURE_8,
};
