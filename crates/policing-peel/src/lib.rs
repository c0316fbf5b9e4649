//! HMIC PEEL inspections as typed data.
//!
//! - [`Grade`] and [`Judgement`] (graded or ungraded), [`Change`] between years.
//! - [`Pillar`], the 2016 effectiveness questions ([`EFFECTIVENESS_2016`]) with
//!   their sub-questions, [`Finding`]s (areas for improvement, causes of concern).
//! - [`InspectionReport`]: judgments per question and overall, earlier
//!   judgments for year-on-year comparison, and every published figure with its
//!   period, source and caveats ([`PublishedFigure`]).
//! - [`wiltshire_2016`]: the Wiltshire Police 2016 effectiveness report, embedded.
//!
//! # Example
//!
//! ```
//! use policing_peel::{wiltshire_2016, Column, Unit};
//! let report = wiltshire_2016();
//! let ocgs = report.figure("Figure 9", "OCGs per one million population", Column::EnglandAndWales)?;
//! assert_eq!((ocgs.printed.as_str(), ocgs.unit), ("46", Unit::PerMillionPopulation));
//! assert_eq!(ocgs.period.to_string(), "as at 1 July 2016");
//! assert_eq!(report.areas_for_improvement().count(), 6);
//! # Ok::<(), policing_peel::PeelError>(())
//! ```
//!
//! # Features
//!
//! - `serde`: reports round-trip as JSON.

mod error;
mod grade;
mod inspection;
pub mod reproduction;
mod wiltshire;

pub use error::{PeelError, Result};
pub use grade::{Change, Grade, Judgement};
pub use inspection::{
    Column, EarlierJudgement, Finding, InspectionReport, Pillar, PublishedFigure, Question, QuestionJudgement, Scope,
    Unit, YearOnYear, EFFECTIVENESS_2016, OVERALL_2016,
};
pub use wiltshire::{row_item, wiltshire_2016};
