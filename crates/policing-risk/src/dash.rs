//! DASH 2009: the domestic abuse, stalking and harassment and honour-based
//! violence risk identification checklist, the risk level it gives, and the
//! MARAC referral decision.
//!
//! Facts from `docs/reference/domain.md` sections 3 and 12: the partner version
//! (the SafeLives/CAADA "RIC") has 24 questions **(confirmed)**; the police
//! (ACPO) form is widely described as having 27 **(corroborated weakly)**.
//! Levels: standard, medium, high. **The risk level is the assessor's
//! professional judgement, informed by the answers** ([`DashPolicy::score`]): on
//! the RIC, 14 or more "yes" suggests high and 10 to 13 medium, and judgement
//! raises the level but never lowers it below that band **(confirmed)**. Those
//! bands belong to the 24-question RIC; no source gives bands for the
//! 27-question police form, so none is applied to it unless a policy sets them
//! ([`DashPolicy::with_form`]). **MARAC referral is a separate decision**
//! ([`DashPolicy::marac`]) on four criteria: professional judgement, visible high
//! risk (the form's "yes" threshold), potential escalation (police call-outs in
//! the last 12 months, commonly 3, set locally) and repeat within 12 months of
//! the last MARAC **(confirmed)**. Call-outs are a referral criterion, not a
//! reason to set the risk level.
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
#[non_exhaustive]
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
#[non_exhaustive]
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
#[allow(clippy::exhaustive_enums, reason = "a closed list the crates match on exhaustively")]
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
#[non_exhaustive]
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
/// assert_eq!(outcome.suggested, Some(RiskLevel::High));
/// assert_eq!(outcome.level, Some(RiskLevel::High)); // no judgement yet: the band stands
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

/// The "yes"-count bands of one form: at least `visible_high_risk` "yes" is the
/// visible high risk MARAC criterion and suggests high; at least `medium`
/// suggests medium. SafeLives sets 14 and 10 for its 24-question RIC; no source
/// sets bands for the 27-question police form, so a policy must choose them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct FormThresholds {
    visible_high_risk: usize,
    medium: usize,
}

impl FormThresholds {
    /// SafeLives' bands for the 24-question RIC: 14 and 10.
    pub const SAFELIVES_RIC: FormThresholds = FormThresholds { visible_high_risk: 14, medium: 10 };

    /// Bands of a force's own choosing.
    ///
    /// # Errors
    /// [`RiskError::InvalidThreshold`] if a threshold is zero or medium is above high.
    pub fn new(visible_high_risk: usize, medium: usize) -> Result<Self> {
        if visible_high_risk == 0 || medium == 0 || medium > visible_high_risk {
            return Err(RiskError::InvalidThreshold {
                detail: format!(
                    "thresholds must be positive with medium at most high: high {visible_high_risk}, medium {medium}"
                ),
            });
        }
        Ok(FormThresholds { visible_high_risk, medium })
    }

    /// "Yes" answers for visible high risk.
    #[must_use]
    pub fn visible_high_risk(self) -> usize {
        self.visible_high_risk
    }

    /// "Yes" answers for medium.
    #[must_use]
    pub fn medium(self) -> usize {
        self.medium
    }

    fn band(self, yes: usize) -> RiskLevel {
        if yes >= self.visible_high_risk {
            RiskLevel::High
        } else if yes >= self.medium {
            RiskLevel::Medium
        } else {
            RiskLevel::Standard
        }
    }
}

/// Why an assessment has its risk level.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum RiskReason {
    /// The "yes" count falls in a band of the form's thresholds.
    SuggestedBand {
        /// "Yes" answers.
        yes: usize,
        /// The band's threshold (0 for standard).
        threshold: usize,
        /// The level the band suggests.
        level: RiskLevel,
    },
    /// The policy sets no bands for this form, so the count suggests nothing.
    NoBandsForForm {
        /// The form's name.
        form: String,
        /// "Yes" answers.
        yes: usize,
    },
    /// The assessor's professional judgement gives the level.
    ProfessionalJudgement(Judgement),
    /// The judgement was below the band the count suggests; the band stands
    /// (judgement raises the level, never lowers it below the checklist's band).
    BandStands {
        /// The judged level.
        judged: RiskLevel,
        /// The band's level.
        band: RiskLevel,
    },
    /// No judgement is recorded yet.
    NotYetJudged,
}

/// An assessment's risk level and the reasons for it. The level is the
/// assessor's judgement, informed by the answers: it is never below the band the
/// form's thresholds give, and without a judgement it is that band, or none when
/// the policy sets no bands for the form. Police call-outs do not set the level:
/// they are a MARAC referral criterion ([`DashPolicy::marac`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct RiskOutcome {
    /// The level, if one can be given.
    pub level: Option<RiskLevel>,
    /// The level the "yes" count suggests on the form's bands, if it has bands.
    pub suggested: Option<RiskLevel>,
    /// "Yes" answers.
    pub yes: usize,
    /// The reasons, in the order the rules apply.
    pub reasons: Vec<RiskReason>,
}

/// The rules a force sets: bands per form and the potential-escalation criterion.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DashPolicy {
    forms: Vec<(String, FormThresholds)>,
    escalation_callouts: usize,
    escalation_months: u32,
}

impl Default for DashPolicy {
    /// SafeLives guidance: bands of 14 and 10 on the 24-question RIC (and no bands
    /// on any other form); potential escalation at 3 call-outs in 12 months.
    fn default() -> Self {
        DashPolicy {
            forms: vec![(Checklist::safelives_ric().name, FormThresholds::SAFELIVES_RIC)],
            escalation_callouts: 3,
            escalation_months: 12,
        }
    }
}

impl DashPolicy {
    /// A policy with the force's own potential-escalation criterion and no form bands.
    ///
    /// # Errors
    /// [`RiskError::InvalidThreshold`] for zero call-outs or a zero-month window.
    pub fn new(escalation_callouts: usize, escalation_months: u32) -> Result<Self> {
        if escalation_callouts == 0 || escalation_months == 0 {
            return Err(RiskError::InvalidThreshold {
                detail: format!(
                    "the escalation criterion must be positive: call-outs {escalation_callouts}, months {escalation_months}"
                ),
            });
        }
        Ok(DashPolicy { forms: Vec::new(), escalation_callouts, escalation_months })
    }

    /// Sets (or replaces) the bands of the form named `form` (a [`Checklist::name`]).
    #[must_use]
    pub fn with_form(mut self, form: impl Into<String>, thresholds: FormThresholds) -> Self {
        let form = form.into();
        self.forms.retain(|(f, _)| *f != form);
        self.forms.push((form, thresholds));
        self
    }

    /// The bands the policy sets for a checklist, if any.
    #[must_use]
    pub fn thresholds_for(&self, checklist: &Checklist) -> Option<FormThresholds> {
        self.forms.iter().find(|(f, _)| *f == checklist.name).map(|(_, t)| *t)
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

    /// The risk level and why (see [`RiskOutcome`]).
    #[must_use]
    pub fn score(&self, a: &DashAssessment) -> RiskOutcome {
        let yes = a.yes_count();
        let mut reasons = Vec::new();
        let suggested = match self.thresholds_for(&a.checklist) {
            Some(t) => {
                let level = t.band(yes);
                let threshold = match level {
                    RiskLevel::High => t.visible_high_risk,
                    RiskLevel::Medium => t.medium,
                    RiskLevel::Standard => 0,
                };
                reasons.push(RiskReason::SuggestedBand { yes, threshold, level });
                Some(level)
            }
            None => {
                reasons.push(RiskReason::NoBandsForForm { form: a.checklist.name.clone(), yes });
                None
            }
        };
        let level = match (&a.judgement, suggested) {
            (Some(j), Some(band)) if j.level < band => {
                reasons.push(RiskReason::ProfessionalJudgement(j.clone()));
                reasons.push(RiskReason::BandStands { judged: j.level, band });
                Some(band)
            }
            (Some(j), _) => {
                reasons.push(RiskReason::ProfessionalJudgement(j.clone()));
                Some(j.level)
            }
            (None, band) => {
                reasons.push(RiskReason::NotYetJudged);
                band
            }
        };
        RiskOutcome { level, suggested, yes, reasons }
    }

    /// Whether the case should go to a MARAC: the SafeLives referral criteria,
    /// each met, not met, or not assessed (visible high risk on a form the policy
    /// sets no bands for), apart from the risk level.
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
        let yes = a.yes_count();
        let callouts = self.callouts_in_window(a);
        let mut met = Vec::new();
        let mut not_assessed = Vec::new();
        if a.judgement.as_ref().is_some_and(|j| j.level == RiskLevel::High) {
            met.push(MaracCriterion::ProfessionalJudgement);
        }
        match self.thresholds_for(&a.checklist) {
            Some(t) if yes >= t.visible_high_risk => met.push(MaracCriterion::VisibleHighRisk),
            Some(_) => {}
            None => not_assessed.push((
                MaracCriterion::VisibleHighRisk,
                format!("the policy sets no visible high risk threshold for the form {:?}", a.checklist.name),
            )),
        }
        if callouts >= self.escalation_callouts {
            met.push(MaracCriterion::PotentialEscalation);
        }
        if let Some(last) = last_marac {
            let until = last.checked_add_months(Months::new(self.escalation_months)).unwrap_or(NaiveDate::MAX);
            if a.assessed_on > last && a.assessed_on <= until {
                met.push(MaracCriterion::Repeat);
            }
        }
        MaracDecision { refer: !met.is_empty(), met, not_assessed, yes, callouts_in_window: callouts }
    }
}

/// The four MARAC referral criteria (SafeLives).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum MaracCriterion {
    /// Serious concern by the practitioner (a judgement of high risk), enough on its own.
    ProfessionalJudgement,
    /// "Yes" answers at or above the form's visible high risk threshold.
    VisibleHighRisk,
    /// Police call-outs in the window at or above the escalation threshold.
    PotentialEscalation,
    /// A further incident within the window after the last MARAC.
    Repeat,
}

/// A MARAC referral decision, with what it rests on.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct MaracDecision {
    /// Whether to refer: at least one criterion met.
    pub refer: bool,
    /// The criteria met, in the order SafeLives lists them.
    pub met: Vec<MaracCriterion>,
    /// Criteria that could not be assessed, with the reason.
    pub not_assessed: Vec<(MaracCriterion, String)>,
    /// "Yes" answers.
    pub yes: usize,
    /// Police call-outs inside the escalation window.
    pub callouts_in_window: usize,
}
