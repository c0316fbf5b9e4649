//! DASH 2009: the domestic abuse, stalking and harassment and honour-based
//! violence risk identification checklist, the risk level it gives, and the
//! MARAC referral decision.
//!
//! Facts from `docs/reference/domain.md` section 3: the partner version (the
//! SafeLives/CAADA "RIC") has 24 questions **(confirmed)**; the police (ACPO)
//! form is widely described as having 27 **(corroborated weakly)**. Levels:
//! standard, medium, high; on the RIC 14 or more "yes" is visible high risk, 10
//! to 13 medium **(confirmed)**; other factors can raise the level but never
//! lower it. MARAC criteria: professional judgement, visible high risk,
//! potential escalation (police call-outs in the last 12 months, commonly 3,
//! set locally) and repeat within 12 months of the last MARAC **(confirmed)**.
//!
//! **Question wording and order are UNCONFIRMED**: the short names below follow
//! the commonly published versions of the forms, not a source in the corpus. The
//! 27-question police form is modelled as the RIC's topics plus three about
//! children, in this crate's own order. Forces with their own form use
//! [`Checklist::custom`].

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use chrono::{Months, NaiveDate};

use crate::error::{non_empty, Result, RiskError};

/// What a question is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Theme {
    /// The current incident and the victim's situation.
    CurrentSituation,
    /// Children, pregnancy and other dependants.
    ChildrenAndDependants,
    /// The history and course of the abuse.
    DomesticAbuseHistory,
    /// The abuser's behaviour and background.
    AbuserProfile,
}

/// One question of a checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Question {
    /// Its number on the form, from 1.
    pub number: u8,
    /// A short name ("threats to kill").
    pub short_name: String,
    /// Its theme.
    pub theme: Theme,
}

use Theme::{AbuserProfile as AP, ChildrenAndDependants as CD, CurrentSituation as CS, DomesticAbuseHistory as DH};

/// The 24 topics of the SafeLives/CAADA RIC, in its order.
const RIC: [(&str, Theme); 24] = [
    ("current incident resulted in injury", CS),
    ("victim very frightened", CS),
    ("what the victim is afraid of", CS),
    ("isolated from family or friends", CS),
    ("depressed or having suicidal thoughts", CS),
    ("separation within the past year", CS),
    ("conflict over child contact", CD),
    ("abuser constantly contacts, follows or harasses", CS),
    ("pregnant or recently had a baby", CD),
    ("abuse happening more often", DH),
    ("abuse getting worse", DH),
    ("controlling or excessively jealous", DH),
    ("weapons or objects used to hurt", DH),
    ("threats to kill believed", DH),
    ("strangulation, choking, suffocation or drowning", DH),
    ("sexual abuse", DH),
    ("another person has threatened the victim", DH),
    ("abuser has hurt anyone else", AP),
    ("abuser has mistreated an animal", AP),
    ("financial issues", AP),
    ("abuser's drug, alcohol or mental health problems", AP),
    ("abuser has threatened or attempted suicide", AP),
    ("abuser has broken bail, an injunction or an agreement", AP),
    ("abuser has a criminal history", AP),
];

/// The three questions the police form adds about children (this crate's placement).
const POLICE_CHILDREN: [(&str, Theme); 3] = [
    ("children in the household who are not the abuser's, or other dependants", CD),
    ("abuser has hurt the children or dependants", CD),
    ("abuser has threatened to hurt or kill the children or dependants", CD),
];

/// A risk identification checklist: an ordered list of questions.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Checklist {
    name: String,
    questions: Vec<Question>,
}

impl Checklist {
    /// The 24-question SafeLives/CAADA DASH RIC used by partner agencies.
    #[must_use]
    pub fn safelives_ric() -> Self {
        Self::numbered("SafeLives DASH RIC", RIC.iter().copied())
    }

    /// The 27-question police (ACPO) DASH 2009 form: the RIC's first nine topics,
    /// the three children questions, then the RIC's remaining fifteen (UNCONFIRMED order).
    #[must_use]
    pub fn police_dash_2009() -> Self {
        let (first, rest) = RIC.split_at(9);
        Self::numbered(
            "ACPO DASH 2009",
            first.iter().copied().chain(POLICE_CHILDREN.iter().copied()).chain(rest.iter().copied()),
        )
    }

    /// A force's own form.
    ///
    /// # Errors
    /// [`RiskError::EmptyText`] for an empty name or question name.
    pub fn custom(name: impl Into<String>, questions: impl IntoIterator<Item = (String, Theme)>) -> Result<Self> {
        let name = non_empty("checklist name", name.into())?;
        let questions = questions
            .into_iter()
            .zip(1u8..)
            .map(|((short_name, theme), number)| {
                Ok(Question { number, short_name: non_empty("question", short_name)?, theme })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Checklist { name, questions })
    }

    fn numbered<'a>(name: &str, items: impl Iterator<Item = (&'a str, Theme)>) -> Self {
        let questions = items
            .zip(1u8..)
            .map(|((short_name, theme), number)| Question { number, short_name: short_name.to_owned(), theme })
            .collect();
        Checklist { name: name.to_owned(), questions }
    }

    /// The form's name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The questions in order.
    #[must_use]
    pub fn questions(&self) -> &[Question] {
        &self.questions
    }

    /// The question numbered `number`.
    #[must_use]
    pub fn question(&self, number: u8) -> Option<&Question> {
        self.questions.iter().find(|q| q.number == number)
    }
}

/// An answer on the checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Answer {
    /// Yes: the risk factor is present.
    Yes,
    /// No.
    No,
    /// Asked, but the victim does not know.
    NotKnown,
    /// Not asked (the default for a question with no answer recorded).
    NotAsked,
}

impl FromStr for Answer {
    type Err = RiskError;

    /// "yes"/"y", "no"/"n", "not known"/"nk"/"don't know", "not asked"/"na", any case.
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "yes" | "y" => Ok(Answer::Yes),
            "no" | "n" => Ok(Answer::No),
            "not known" | "nk" | "don't know" | "unknown" => Ok(Answer::NotKnown),
            "not asked" | "na" | "" => Ok(Answer::NotAsked),
            _ => Err(RiskError::UnknownAnswer { text: s.to_owned() }),
        }
    }
}

/// The DASH risk levels.
///
/// A closed set: the model has exactly three levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum RiskLevel {
    /// Current evidence does not show a likelihood of serious harm.
    Standard,
    /// Identifiable indicators of risk of serious harm; unlikely unless circumstances change.
    Medium,
    /// Identifiable indicators of risk of serious harm that could happen at any time.
    High,
}

impl fmt::Display for RiskLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RiskLevel::Standard => "standard",
            RiskLevel::Medium => "medium",
            RiskLevel::High => "high",
        })
    }
}

/// A practitioner's professional judgement, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Judgement {
    /// The level the practitioner judges the case to be.
    pub level: RiskLevel,
    /// Why ("extreme fear", "honour-based violence", ...).
    pub rationale: String,
}

/// One completed checklist, with the victim's recent police call-outs.
///
/// ```
/// use chrono::NaiveDate;
/// use policing_risk::dash::{Answer, Checklist, DashAssessment, DashPolicy, RiskLevel};
/// let on = NaiveDate::from_ymd_opt(2016, 10, 3).unwrap();
/// let mut a = DashAssessment::new(Checklist::safelives_ric(), on);
/// for q in 1..=14 {
///     a.answer(q, Answer::Yes)?;
/// }
/// let outcome = DashPolicy::default().score(&a);
/// assert_eq!(outcome.level, RiskLevel::High);
/// # Ok::<(), policing_risk::RiskError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DashAssessment {
    checklist: Arc<Checklist>,
    assessed_on: NaiveDate,
    /// One slot per question, `None` until answered.
    answers: Vec<Option<Answer>>,
    callouts: Vec<NaiveDate>,
    judgement: Option<Judgement>,
}

impl DashAssessment {
    /// An assessment on `assessed_on` with every question "not asked". The
    /// checklist may be shared between many assessments (`Arc<Checklist>`).
    #[must_use]
    pub fn new(checklist: impl Into<Arc<Checklist>>, assessed_on: NaiveDate) -> Self {
        let checklist = checklist.into();
        let answers = vec![None; checklist.questions.len()];
        DashAssessment { checklist, assessed_on, answers, callouts: Vec::new(), judgement: None }
    }

    fn slot(&self, number: u8) -> Option<usize> {
        self.checklist.questions.iter().position(|q| q.number == number)
    }

    /// Records the answer to question `number`.
    ///
    /// # Errors
    /// [`RiskError::UnknownQuestion`]; [`RiskError::DuplicateAnswer`] if already answered.
    pub fn answer(&mut self, number: u8, answer: Answer) -> Result<&mut Self> {
        let unknown = || RiskError::UnknownQuestion {
            number,
            checklist: self.checklist.name.clone(),
            len: self.checklist.questions.len(),
        };
        let index = self.slot(number).ok_or_else(unknown)?;
        let slot = self.answers.get_mut(index).ok_or_else(unknown)?;
        if slot.is_some() {
            return Err(RiskError::DuplicateAnswer { number });
        }
        *slot = Some(answer);
        Ok(self)
    }

    /// Records a police call-out to the victim for domestic abuse.
    ///
    /// # Errors
    /// [`RiskError::IncidentAfterAssessment`] for a date after the assessment.
    pub fn callout(&mut self, on: NaiveDate) -> Result<&mut Self> {
        if on > self.assessed_on {
            return Err(RiskError::IncidentAfterAssessment { incident: on, assessed: self.assessed_on });
        }
        self.callouts.push(on);
        Ok(self)
    }

    /// Records the practitioner's professional judgement.
    ///
    /// # Errors
    /// [`RiskError::EmptyText`] for an empty rationale.
    pub fn judge(&mut self, level: RiskLevel, rationale: impl Into<String>) -> Result<&mut Self> {
        self.judgement = Some(Judgement { level, rationale: non_empty("rationale", rationale.into())? });
        Ok(self)
    }

    /// The checklist used.
    #[must_use]
    pub fn checklist(&self) -> &Checklist {
        &self.checklist
    }

    /// The assessment date.
    #[must_use]
    pub fn assessed_on(&self) -> NaiveDate {
        self.assessed_on
    }

    /// The answer to question `number` ("not asked" if none was recorded).
    #[must_use]
    pub fn answer_to(&self, number: u8) -> Answer {
        self.slot(number).and_then(|i| self.answers.get(i).copied().flatten()).unwrap_or(Answer::NotAsked)
    }

    /// The number of "yes" answers.
    #[must_use]
    pub fn yes_count(&self) -> usize {
        self.answers.iter().filter(|a| **a == Some(Answer::Yes)).count()
    }

    /// The recorded call-outs.
    #[must_use]
    pub fn callouts(&self) -> &[NaiveDate] {
        &self.callouts
    }

    /// The professional judgement, if any.
    #[must_use]
    pub fn judgement(&self) -> Option<&Judgement> {
        self.judgement.as_ref()
    }
}

/// Why an assessment has its level.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum RiskReason {
    /// The count of "yes" answers reached a threshold.
    YesCount {
        /// "Yes" answers.
        yes: usize,
        /// The threshold reached.
        threshold: usize,
        /// The level it gives.
        level: RiskLevel,
    },
    /// Police call-outs in the window reached the escalation threshold.
    PotentialEscalation {
        /// Call-outs inside the window.
        callouts: usize,
        /// The threshold.
        threshold: usize,
        /// The window in months.
        months: u32,
    },
    /// Professional judgement raised the level.
    ProfessionalJudgement(Judgement),
    /// Nothing reached a threshold.
    NoThresholdReached {
        /// "Yes" answers.
        yes: usize,
    },
}

/// A scored assessment: the level and the reasons that produced it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RiskOutcome {
    /// The level.
    pub level: RiskLevel,
    /// "Yes" answers.
    pub yes: usize,
    /// Police call-outs inside the escalation window.
    pub callouts_in_window: usize,
    /// The reasons, in the order the rules apply.
    pub reasons: Vec<RiskReason>,
}

/// The scoring rules, with the thresholds a force sets.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DashPolicy {
    visible_high_risk: usize,
    medium: usize,
    escalation_callouts: usize,
    escalation_months: u32,
}

impl Default for DashPolicy {
    /// SafeLives guidance: 14 "yes" for visible high risk, 10 for medium; 3
    /// call-outs in 12 months for potential escalation.
    fn default() -> Self {
        DashPolicy { visible_high_risk: 14, medium: 10, escalation_callouts: 3, escalation_months: 12 }
    }
}

impl DashPolicy {
    /// A policy with the force's own thresholds.
    ///
    /// # Errors
    /// [`RiskError::InvalidThreshold`] if a threshold is zero, medium is above
    /// high, or the window is zero months.
    pub fn new(
        visible_high_risk: usize,
        medium: usize,
        escalation_callouts: usize,
        escalation_months: u32,
    ) -> Result<Self> {
        if visible_high_risk == 0 || medium == 0 || escalation_callouts == 0 || escalation_months == 0 {
            return Err(RiskError::InvalidThreshold {
                detail: format!(
                    "thresholds must be positive: high {visible_high_risk}, medium {medium}, \
                     call-outs {escalation_callouts}, months {escalation_months}"
                ),
            });
        }
        if medium > visible_high_risk {
            return Err(RiskError::InvalidThreshold {
                detail: format!("medium threshold {medium} is above the high threshold {visible_high_risk}"),
            });
        }
        Ok(DashPolicy { visible_high_risk, medium, escalation_callouts, escalation_months })
    }

    /// The escalation window's start: incidents after this date (and on or before
    /// the assessment) count.
    fn window_start(&self, assessed_on: NaiveDate) -> NaiveDate {
        assessed_on.checked_sub_months(Months::new(self.escalation_months)).unwrap_or(NaiveDate::MIN)
    }

    /// Call-outs in the escalation window: after the date `escalation_months`
    /// before the assessment, and not after the assessment.
    #[must_use]
    pub fn callouts_in_window(&self, a: &DashAssessment) -> usize {
        let start = self.window_start(a.assessed_on);
        a.callouts.iter().filter(|d| **d > start && **d <= a.assessed_on).count()
    }

    /// Scores an assessment.
    ///
    /// 1. "Yes" answers: at least the high threshold gives high (visible high
    ///    risk), at least the medium threshold medium, otherwise standard.
    /// 2. Potential escalation: call-outs in the window at least the threshold
    ///    raise the level to high.
    /// 3. Professional judgement raises the level to the judged level; it never lowers it.
    #[must_use]
    pub fn score(&self, a: &DashAssessment) -> RiskOutcome {
        let yes = a.yes_count();
        let mut reasons = Vec::new();
        let mut level = if yes >= self.visible_high_risk {
            reasons.push(RiskReason::YesCount { yes, threshold: self.visible_high_risk, level: RiskLevel::High });
            RiskLevel::High
        } else if yes >= self.medium {
            reasons.push(RiskReason::YesCount { yes, threshold: self.medium, level: RiskLevel::Medium });
            RiskLevel::Medium
        } else {
            RiskLevel::Standard
        };
        let callouts = self.callouts_in_window(a);
        if callouts >= self.escalation_callouts {
            reasons.push(RiskReason::PotentialEscalation {
                callouts,
                threshold: self.escalation_callouts,
                months: self.escalation_months,
            });
            level = level.max(RiskLevel::High);
        }
        if let Some(j) = &a.judgement {
            if j.level > level {
                level = j.level;
                reasons.push(RiskReason::ProfessionalJudgement(j.clone()));
            }
        }
        if reasons.is_empty() {
            reasons.push(RiskReason::NoThresholdReached { yes });
        }
        RiskOutcome { level, yes, callouts_in_window: callouts, reasons }
    }

    /// Whether the case should go to a MARAC, and which criteria it meets.
    ///
    /// `last_marac` is the date of the victim's last MARAC, if any: a case
    /// assessed within `escalation_months` after it meets the repeat criterion.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use policing_risk::dash::{Checklist, DashAssessment, DashPolicy, MaracCriterion, RiskLevel};
    /// let d = |m, day| NaiveDate::from_ymd_opt(2016, m, day).unwrap();
    /// let mut a = DashAssessment::new(Checklist::safelives_ric(), d(10, 3));
    /// a.judge(RiskLevel::High, "victim in extreme fear; language barrier")?;
    /// let decision = DashPolicy::default().marac(&a, Some(d(2, 1)));
    /// assert!(decision.refer);
    /// assert_eq!(decision.met, vec![MaracCriterion::ProfessionalJudgement, MaracCriterion::Repeat]);
    /// # Ok::<(), policing_risk::RiskError>(())
    /// ```
    #[must_use]
    pub fn marac(&self, a: &DashAssessment, last_marac: Option<NaiveDate>) -> MaracDecision {
        let outcome = self.score(a);
        let mut met = Vec::new();
        if a.judgement.as_ref().is_some_and(|j| j.level == RiskLevel::High) {
            met.push(MaracCriterion::ProfessionalJudgement);
        }
        if outcome.yes >= self.visible_high_risk {
            met.push(MaracCriterion::VisibleHighRisk);
        }
        if outcome.callouts_in_window >= self.escalation_callouts {
            met.push(MaracCriterion::PotentialEscalation);
        }
        if let Some(last) = last_marac {
            let until = last.checked_add_months(Months::new(self.escalation_months)).unwrap_or(NaiveDate::MAX);
            if a.assessed_on > last && a.assessed_on <= until {
                met.push(MaracCriterion::Repeat);
            }
        }
        MaracDecision { refer: !met.is_empty(), met, level: outcome.level }
    }
}

/// The four MARAC referral criteria (SafeLives).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum MaracCriterion {
    /// Serious concern by the practitioner, enough on its own.
    ProfessionalJudgement,
    /// "Yes" answers at or above the visible high risk threshold.
    VisibleHighRisk,
    /// Police call-outs in the window at or above the escalation threshold.
    PotentialEscalation,
    /// A further incident within the window after the last MARAC.
    Repeat,
}

/// A MARAC referral decision.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MaracDecision {
    /// Whether to refer.
    pub refer: bool,
    /// The criteria met, in the order listed by SafeLives.
    pub met: Vec<MaracCriterion>,
    /// The risk level of the assessment.
    pub level: RiskLevel,
}
