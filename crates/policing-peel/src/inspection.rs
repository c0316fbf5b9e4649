//! PEEL pillars, the 2016 effectiveness questions, and an inspection report's judgments as data.

use chrono::NaiveDate;
use policing_forces::Force;

use crate::error::{PeelError, Result};
use crate::grade::{Change, Framework, Judgement};

/// The PEEL pillars.
///
/// A closed set: police effectiveness, efficiency and legitimacy, plus leadership (assessed 2015-2017).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[allow(clippy::exhaustive_enums, reason = "a closed list the crates match on exhaustively")]
pub enum Pillar {
    /// Effectiveness: keeping people safe and reducing crime.
    Effectiveness,
    /// Efficiency.
    Efficiency,
    /// Legitimacy.
    Legitimacy,
    /// Leadership.
    Leadership,
}

/// One inspection question with its diagnostic sub-questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Question {
    /// Its number, from 1.
    pub number: u8,
    /// The question.
    pub text: &'static str,
    /// The sub-questions the report's sections answer.
    pub sub_questions: &'static [&'static str],
    /// Whether it is graded (question 5 was not, in 2016).
    pub graded: bool,
}

/// The overall effectiveness question.
pub const OVERALL_2016: &str = "How effective is the force at keeping people safe and reducing crime?";

/// The five effectiveness questions of 2016 (`docs/reference/domain.md` section 8; the report's headings).
pub const EFFECTIVENESS_2016: [Question; 5] = [
    Question {
        number: 1,
        text: "How effective is the force at preventing crime, tackling anti-social behaviour and keeping people safe?",
        sub_questions: &[
            "How effectively does the force understand the threat or risk of harm within the communities it serves?",
            "How effectively do force actions and activities prevent crime and anti-social behaviour?",
        ],
        graded: true,
    },
    Question {
        number: 2,
        text: "How effective is the force at investigating crime and reducing re-offending?",
        sub_questions: &[
            "How effective is the force's initial investigative response?",
            "How effective is the force's subsequent investigation?",
            "How effectively does the force reduce re-offending?",
        ],
        graded: true,
    },
    Question {
        number: 3,
        text: "How effective is the force at protecting those who are vulnerable from harm, and supporting victims?",
        sub_questions: &[
            "How effectively does the force identify those who are vulnerable and assess their level of risk and need?",
            "How effectively does the force initially respond to vulnerable victims?",
            "How effectively does the force investigate offences involving vulnerable victims and work with external partners to keep victims safe?",
        ],
        graded: true,
    },
    Question {
        number: 4,
        text: "How effective is the force at tackling serious and organised crime?",
        sub_questions: &[
            "How effectively does the force understand the threat and risk posed by serious and organised crime?",
            "How effectively does the force respond to serious and organised crime?",
            "How effectively does the force prevent serious and organised crime?",
        ],
        graded: true,
    },
    Question {
        number: 5,
        text: "How effective are the force's specialist capabilities?",
        sub_questions: &[
            "How effective are the force's arrangements to ensure that it can fulfil its national policing responsibilities?",
            "How well prepared is the force to respond to a firearms attack?",
        ],
        graded: false,
    },
];

/// A finding of an inspection.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Finding {
    /// An area for improvement.
    AreaForImprovement(String),
    /// A cause of concern, with its recommendations.
    CauseOfConcern {
        /// The concern.
        concern: String,
        /// What the force should do.
        recommendations: Vec<String>,
    },
}

/// The judgment on one question.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct QuestionJudgement {
    /// The question's number.
    pub question: u8,
    /// The judgment.
    pub judgement: Judgement,
    /// The summary of findings, abridged.
    pub summary: String,
    /// Areas for improvement and causes of concern.
    pub findings: Vec<Finding>,
}

/// What an earlier judgment was about.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Scope {
    /// The overall pillar judgment.
    Overall,
    /// A question of the current inspection.
    Question(u8),
}

/// A judgment from an earlier inspection, mapped onto this one's scope.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[allow(clippy::exhaustive_structs, reason = "an input its users build field by field")]
pub struct EarlierJudgement {
    /// The inspection year.
    pub year: u16,
    /// What it was about.
    pub scope: Scope,
    /// How the earlier report named it ("effectiveness (vulnerability)").
    pub label: String,
    /// The judgment.
    pub judgement: Judgement,
}

/// An inspection report as typed data.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct InspectionReport {
    /// The force inspected.
    pub force: Force,
    /// The pillar.
    pub pillar: Pillar,
    /// The grading framework the inspection used.
    pub framework: Framework,
    /// The inspection year.
    pub year: u16,
    /// When the report was published.
    pub published: NaiveDate,
    /// The overall judgment.
    pub overall: Judgement,
    /// The judgment on each question.
    pub questions: Vec<QuestionJudgement>,
    /// Earlier judgments the report compares against.
    pub earlier: Vec<EarlierJudgement>,
}

/// One line of a year-on-year comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct YearOnYear {
    /// What is compared.
    pub what: String,
    /// The earlier judgment.
    pub before: EarlierJudgement,
    /// This inspection's judgment.
    pub after: Judgement,
    /// The change.
    pub change: Change,
}

impl InspectionReport {
    /// The judgment on question `number`.
    ///
    /// # Errors
    /// [`PeelError::UnknownQuestion`].
    pub fn question(&self, number: u8) -> Result<&QuestionJudgement> {
        self.questions.iter().find(|q| q.question == number).ok_or(PeelError::UnknownQuestion {
            number,
            year: self.year,
            count: self.questions.len(),
        })
    }

    /// Every area for improvement, with its question.
    pub fn areas_for_improvement(&self) -> impl Iterator<Item = (u8, &str)> {
        self.questions.iter().flat_map(|q| {
            q.findings.iter().filter_map(move |f| match f {
                Finding::AreaForImprovement(text) => Some((q.question, text.as_str())),
                Finding::CauseOfConcern { .. } => None,
            })
        })
    }

    /// This inspection's judgments against the earlier ones.
    #[must_use]
    pub fn year_on_year(&self) -> Vec<YearOnYear> {
        self.earlier
            .iter()
            .filter_map(|e| {
                let (what, after) = match e.scope {
                    Scope::Overall => ("overall".to_owned(), self.overall),
                    Scope::Question(n) => (format!("question {n}"), self.question(n).ok()?.judgement),
                };
                let change = if Framework::of_year(e.year) == self.framework {
                    Change::between(e.judgement, after)
                } else {
                    // Grades of different frameworks are not on one scale (and the questions differ).
                    Change::NotComparable
                };
                Some(YearOnYear { what, before: e.clone(), after, change })
            })
            .collect()
    }
}
