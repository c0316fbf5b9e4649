//! The one error type of this crate.

use chrono::{NaiveDate, NaiveDateTime};

/// What can go wrong building or scoring a risk assessment.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RiskError {
    /// A rationale or other required text was empty.
    #[error("{what} must not be empty")]
    EmptyText {
        /// Which text.
        what: &'static str,
    },
    /// A THRIVE assessment lacked one of the six elements.
    #[error("THRIVE assessment has no {element}")]
    MissingElement {
        /// The missing element's name.
        element: &'static str,
    },
    /// A re-assessment was dated before the assessment it follows.
    #[error("re-assessment at {at} is earlier than the previous assessment at {previous}")]
    ReassessmentOutOfOrder {
        /// The new assessment's time.
        at: NaiveDateTime,
        /// The previous assessment's time.
        previous: NaiveDateTime,
    },
    /// An answer named a question the checklist does not have.
    #[error("question {number} is not on the {checklist} checklist (1-{len})")]
    UnknownQuestion {
        /// The question number given.
        number: u8,
        /// The checklist's name.
        checklist: String,
        /// How many questions it has.
        len: usize,
    },
    /// A question was answered twice.
    #[error("question {number} is answered more than once")]
    DuplicateAnswer {
        /// The question number.
        number: u8,
    },
    /// An answer text that is not yes / no / not known / not asked.
    #[error("{text:?} is not an answer (yes, no, not known, not asked)")]
    UnknownAnswer {
        /// The text given.
        text: String,
    },
    /// A threshold that makes no sense (zero, or medium above high).
    #[error("invalid threshold: {detail}")]
    InvalidThreshold {
        /// What is wrong, with the values.
        detail: String,
    },
    /// An incident dated after the assessment.
    #[error("incident on {incident} is after the assessment date {assessed}")]
    IncidentAfterAssessment {
        /// The incident date.
        incident: NaiveDate,
        /// The assessment date.
        assessed: NaiveDate,
    },
}

/// Shorthand for results of this crate.
pub type Result<T> = std::result::Result<T, RiskError>;

pub(crate) fn non_empty(what: &'static str, text: String) -> Result<String> {
    if text.trim().is_empty() {
        Err(RiskError::EmptyText { what })
    } else {
        Ok(text)
    }
}
