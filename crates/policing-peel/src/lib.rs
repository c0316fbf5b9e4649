//! HMIC PEEL inspections as typed data.
//!
//! - [`Grade`] and [`Judgement`] (graded or ungraded), the grading [`Framework`]
//!   of each inspection year (four grades 2014-2019, five from 2021), [`Change`]
//!   between years.
//! - [`Pillar`], the 2016 effectiveness questions ([`EFFECTIVENESS_2016`]) with
//!   their sub-questions, [`Finding`]s (areas for improvement, causes of concern).
//! - [`InspectionReport`]: judgments per question and overall, earlier
//!   judgments for year-on-year comparison.
//! - [`ledger`]: a report's every printed number and verdict-bearing statement
//!   as data, and the one evaluator that checks each against the sources
//!   registered with it, with verdicts that cannot flatter (reproduced, differs,
//!   consistent, input, not computable) and the method hypotheses the report's
//!   numbers point to, each tested on every row it touches.
//! - [`wiltshire_2016`] and [`ledger::Ledger::wiltshire_2016`]: the Wiltshire
//!   Police 2016 effectiveness report, embedded.
//!
//! # Example
//!
//! ```
//! use policing_peel::ledger::{evaluate, Ledger, Verdict};
//! use policing_peel::wiltshire_2016;
//!
//! let report = wiltshire_2016();
//! assert_eq!(report.areas_for_improvement().count(), 6);
//! let ledger = Ledger::wiltshire_2016()?;
//! let ocgs = ledger.row("f9.ew").unwrap();
//! assert_eq!((ocgs.printed.as_str(), ocgs.period.as_str()), ("46", "as at 1 July 2016"));
//! let entries = evaluate(&ledger);
//! let ocg = entries.iter().find(|e| e.row.id == "f9.w").unwrap();
//! assert_eq!(ocg.verdict, Verdict::NotComputable);
//! assert!(ocg.note.contains("exactly 12"), "{}", ocg.note);
//! # Ok::<(), policing_peel::PeelError>(())
//! ```
//!
//! # Features
//!
//! - `serde`: reports and ledgers round-trip as JSON.
#![warn(
    clippy::exhaustive_structs,
    clippy::exhaustive_enums,
    reason = "a public type grows without a breaking change, or says why it cannot"
)]

mod error;
mod grade;
mod inspection;
pub mod ledger;
mod wiltshire;

pub use error::{PeelError, Result};
pub use grade::{Change, Framework, Grade, Judgement};
pub use inspection::{
    EarlierJudgement, Finding, InspectionReport, Pillar, Question, QuestionJudgement, Scope, YearOnYear,
    EFFECTIVENESS_2016, OVERALL_2016,
};
pub use wiltshire::wiltshire_2016;
