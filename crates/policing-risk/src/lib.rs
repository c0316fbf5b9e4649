//! Risk assessment as police forces in England and Wales carry it out, from
//! the Wiltshire 2016 report's account of first contact and safeguarding.
//!
//! - [`thrive`]: the six-element THRIVE assessment at first contact, kept as a
//!   timestamped history, and the response grade a force's [`GradingPolicy`]
//!   derives from it, with floors for vulnerable victims and high threats and
//!   the report's rule for finalising at first contact.
//! - [`dash`]: the DASH 2009 checklist as data; the standard / medium / high
//!   level (the assessor's judgement, never below the band a form's thresholds
//!   give) with its reasons; and, apart from it, the MARAC referral decision.
//! - [`missing`]: absent against missing, and the missing-person risk levels.
//!
//! # Example
//!
//! ```
//! use chrono::NaiveDate;
//! use policing_risk::dash::{Answer, Checklist, DashAssessment, DashPolicy, RiskLevel};
//!
//! let d = |m, day| NaiveDate::from_ymd_opt(2016, m, day).unwrap();
//! // A minor assault, few ticks, but the fourth call-out this year.
//! let mut a = DashAssessment::new(Checklist::police_dash_2009(), d(9, 20));
//! a.answer(1, Answer::No)?.answer(2, Answer::Yes)?.answer(14, Answer::Yes)?;
//! for on in [d(1, 5), d(4, 18), d(7, 2), d(9, 20)] {
//!     a.callout(on)?;
//! }
//! a.judge(RiskLevel::Medium, "separated; he follows her; she is frightened")?;
//! let policy = DashPolicy::default();
//! // The level is the assessor's judgement; the call-outs do not set it...
//! assert_eq!(policy.score(&a).level, Some(RiskLevel::Medium));
//! // ...they are a MARAC referral criterion: potential escalation.
//! assert!(policy.marac(&a, None).refer);
//! # Ok::<(), policing_risk::RiskError>(())
//! ```
//!
//! # Features
//!
//! - `serde`: assessments round-trip as JSON; deserialization validates.
#![warn(
    clippy::exhaustive_structs,
    clippy::exhaustive_enums,
    reason = "a public type grows without a breaking change, or says why it cannot"
)]

pub mod dash;
mod error;
pub mod missing;
pub mod thrive;

pub use error::{Result, RiskError};
pub use thrive::{GradingPolicy, ResponseGrade, ThriveAssessment, ThriveRecord};
