//! THRIVE: the structured assessment a control room makes at first contact
//! (threat, harm, risk, investigation opportunities, vulnerability, engagement),
//! and the response grade a force's policy derives from it.
//!
//! The report (footnote 12) defines the six elements; grading scales are set by
//! each force and no national scale was found (`docs/reference/domain.md`
//! section 4), so the grade comes from a [`GradingPolicy`] the force configures.
//! [`GradingPolicy::default`] is documented there.

use std::fmt;

use chrono::NaiveDateTime;

use crate::error::{non_empty, Result, RiskError};

/// The six THRIVE elements.
///
/// A closed set: THRIVE has exactly these six.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Element {
    /// The threat the caller or others face.
    Threat,
    /// The harm that has been or could be caused.
    Harm,
    /// The risk that the harm happens.
    Risk,
    /// Investigation opportunities: lines of inquiry, evidence that could be lost.
    Investigation,
    /// The vulnerability of the victim.
    Vulnerability,
    /// The engagement level required to resolve the call.
    Engagement,
}

impl Element {
    /// The six, in THRIVE order.
    pub const ALL: [Element; 6] = [
        Element::Threat,
        Element::Harm,
        Element::Risk,
        Element::Investigation,
        Element::Vulnerability,
        Element::Engagement,
    ];

    /// The element's name.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Element::Threat => "threat",
            Element::Harm => "harm",
            Element::Risk => "risk",
            Element::Investigation => "investigation opportunities",
            Element::Vulnerability => "vulnerability",
            Element::Engagement => "engagement",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Element {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The structured level of an element: none, low, medium or high. For
/// investigation it grades the lines of inquiry (none = nothing to pursue), for
/// vulnerability how vulnerable the victim is (none = not vulnerable), for
/// engagement how much engagement the resolution needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Level {
    /// None identified.
    None,
    /// Low.
    Low,
    /// Medium.
    Medium,
    /// High.
    High,
}

/// One element's level with the assessor's rationale.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "ElementParts", into = "ElementParts"))]
pub struct ElementAssessment {
    level: Level,
    rationale: String,
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct ElementParts {
    level: Level,
    rationale: String,
}

#[cfg(feature = "serde")]
impl TryFrom<ElementParts> for ElementAssessment {
    type Error = RiskError;
    fn try_from(p: ElementParts) -> Result<Self> {
        ElementAssessment::new(p.level, p.rationale)
    }
}

#[cfg(feature = "serde")]
impl From<ElementAssessment> for ElementParts {
    fn from(e: ElementAssessment) -> Self {
        ElementParts { level: e.level, rationale: e.rationale }
    }
}

impl ElementAssessment {
    /// A level with its rationale.
    ///
    /// # Errors
    /// [`RiskError::EmptyText`] for an empty rationale.
    pub fn new(level: Level, rationale: impl Into<String>) -> Result<Self> {
        Ok(ElementAssessment { level, rationale: non_empty("rationale", rationale.into())? })
    }

    /// The level.
    #[must_use]
    pub fn level(&self) -> Level {
        self.level
    }

    /// The rationale.
    #[must_use]
    pub fn rationale(&self) -> &str {
        &self.rationale
    }
}

/// A THRIVE assessment at one moment: all six elements, who made it and when.
///
/// ```
/// use chrono::NaiveDate;
/// use policing_risk::thrive::{Element, Level, ThriveAssessment};
///
/// let at = NaiveDate::from_ymd_opt(2016, 9, 12).unwrap().and_hms_opt(22, 14, 0).unwrap();
/// let a = ThriveAssessment::builder(at, "call handler 4411")
///     .element(Element::Threat, Level::High, "ex-partner outside the door, threatening")?
///     .element(Element::Harm, Level::Medium, "pushed, no visible injury")?
///     .element(Element::Risk, Level::High, "third call this month")?
///     .element(Element::Investigation, Level::Medium, "suspect named, neighbour witness")?
///     .element(Element::Vulnerability, Level::High, "pregnant, isolated")?
///     .element(Element::Engagement, Level::High, "needs officers now")?
///     .build()?;
/// assert_eq!(a.level(Element::Threat), Level::High);
/// # Ok::<(), policing_risk::RiskError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ThriveAssessment {
    at: NaiveDateTime,
    assessor: String,
    elements: [ElementAssessment; 6],
}

/// Builds a [`ThriveAssessment`]; every element must be given.
#[derive(Debug, Clone)]
pub struct ThriveBuilder {
    at: NaiveDateTime,
    assessor: String,
    elements: [Option<ElementAssessment>; 6],
}

impl ThriveBuilder {
    /// Sets one element.
    ///
    /// # Errors
    /// [`RiskError::EmptyText`] for an empty rationale.
    pub fn element(mut self, element: Element, level: Level, rationale: impl Into<String>) -> Result<Self> {
        if let Some(slot) = self.elements.get_mut(element.index()) {
            *slot = Some(ElementAssessment::new(level, rationale)?);
        }
        Ok(self)
    }

    /// The assessment.
    ///
    /// # Errors
    /// [`RiskError::MissingElement`] naming the first element not given;
    /// [`RiskError::EmptyText`] for an empty assessor.
    pub fn build(self) -> Result<ThriveAssessment> {
        let assessor = non_empty("assessor", self.assessor)?;
        let mut elements = Vec::with_capacity(6);
        for (element, slot) in Element::ALL.into_iter().zip(self.elements) {
            elements.push(slot.ok_or(RiskError::MissingElement { element: element.name() })?);
        }
        let elements: [ElementAssessment; 6] =
            elements.try_into().map_err(|_| RiskError::MissingElement { element: "element" })?;
        Ok(ThriveAssessment { at: self.at, assessor, elements })
    }
}

impl ThriveAssessment {
    /// Starts an assessment made at `at` by `assessor`.
    #[must_use]
    pub fn builder(at: NaiveDateTime, assessor: impl Into<String>) -> ThriveBuilder {
        ThriveBuilder { at, assessor: assessor.into(), elements: Default::default() }
    }

    /// When it was made.
    #[must_use]
    pub fn at(&self) -> NaiveDateTime {
        self.at
    }

    /// Who made it.
    #[must_use]
    pub fn assessor(&self) -> &str {
        &self.assessor
    }

    /// One element's assessment.
    #[must_use]
    pub fn element(&self, element: Element) -> &ElementAssessment {
        // The array has one slot per element, indexed by discriminant.
        let [t, h, r, i, v, e] = &self.elements;
        match element {
            Element::Threat => t,
            Element::Harm => h,
            Element::Risk => r,
            Element::Investigation => i,
            Element::Vulnerability => v,
            Element::Engagement => e,
        }
    }

    /// One element's level.
    #[must_use]
    pub fn level(&self, element: Element) -> Level {
        self.element(element).level
    }
}

/// A case's THRIVE assessments over time: risk changes while a case is open, so
/// re-assessments are added, never overwritten.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ThriveRecord {
    first: ThriveAssessment,
    later: Vec<ThriveAssessment>,
}

impl ThriveRecord {
    /// A record starting with the first assessment.
    #[must_use]
    pub fn new(first: ThriveAssessment) -> Self {
        ThriveRecord { first, later: Vec::new() }
    }

    /// Adds a re-assessment ("re-THRIVE").
    ///
    /// # Errors
    /// [`RiskError::ReassessmentOutOfOrder`] if it is dated before the latest.
    pub fn reassess(&mut self, assessment: ThriveAssessment) -> Result<&ThriveAssessment> {
        let previous = self.current().at;
        if assessment.at < previous {
            return Err(RiskError::ReassessmentOutOfOrder { at: assessment.at, previous });
        }
        self.later.push(assessment);
        Ok(self.current())
    }

    /// The latest assessment.
    #[must_use]
    pub fn current(&self) -> &ThriveAssessment {
        self.later.last().unwrap_or(&self.first)
    }

    /// Every assessment, oldest first.
    pub fn history(&self) -> impl Iterator<Item = &ThriveAssessment> {
        std::iter::once(&self.first).chain(&self.later)
    }
}

/// The response a call is graded for, most urgent first.
///
/// The names follow the common three-level grading plus resolution without
/// deployment (domain.md section 4); a force's own grade numbers map onto these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum ResponseGrade {
    /// Immediate (emergency) attendance.
    Immediate,
    /// Priority attendance.
    Priority,
    /// A scheduled appointment.
    Scheduled,
    /// Resolved at first contact, no officer deployed.
    ResolvedWithoutDeployment,
}

impl ResponseGrade {
    /// The more urgent of two grades.
    #[must_use]
    pub fn most_urgent(self, other: ResponseGrade) -> ResponseGrade {
        self.min(other)
    }

    /// The grade's name.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            ResponseGrade::Immediate => "immediate",
            ResponseGrade::Priority => "priority",
            ResponseGrade::Scheduled => "scheduled appointment",
            ResponseGrade::ResolvedWithoutDeployment => "resolved without deployment",
        }
    }
}

impl fmt::Display for ResponseGrade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A condition on an assessment's levels.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Condition {
    /// The element is at this level or above.
    AtLeast(Element, Level),
    /// The element is at this level or below.
    AtMost(Element, Level),
    /// Every condition holds.
    All(Vec<Condition>),
    /// Some condition holds.
    Any(Vec<Condition>),
}

impl Condition {
    /// Whether the condition holds for `a`.
    #[must_use]
    pub fn holds(&self, a: &ThriveAssessment) -> bool {
        match self {
            Condition::AtLeast(e, l) => a.level(*e) >= *l,
            Condition::AtMost(e, l) => a.level(*e) <= *l,
            Condition::All(cs) => cs.iter().all(|c| c.holds(a)),
            Condition::Any(cs) => cs.iter().any(|c| c.holds(a)),
        }
    }
}

/// A grading rule: when the condition holds, the call is graded at least this urgently.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[allow(clippy::exhaustive_structs, reason = "an input its users build field by field")]
pub struct GradeRule {
    /// The rule's name, quoted in the reasons.
    pub name: String,
    /// When it applies.
    pub when: Condition,
    /// The grade it gives.
    pub grade: ResponseGrade,
}

/// Why a call got its grade.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum GradeReason {
    /// A rule matched.
    Rule {
        /// The rule's name.
        name: String,
        /// Its grade.
        grade: ResponseGrade,
    },
    /// No rule matched: the policy's default.
    Default(ResponseGrade),
    /// The floor for a vulnerable victim raised the grade.
    VulnerableFloor(ResponseGrade),
    /// The floor for a high threat raised the grade.
    HighThreatFloor(ResponseGrade),
}

/// A grade with the reasons that produced it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Grading {
    /// The grade.
    pub grade: ResponseGrade,
    /// Every rule that matched and every floor that applied, in order.
    pub reasons: Vec<GradeReason>,
}

/// A force's grading policy: rules, a default, and floors no rule can go below.
///
/// The grade is the most urgent grade of the rules that match (the default when
/// none does); then the floors apply: a vulnerable victim (vulnerability medium
/// or above) is never graded below `vulnerable_floor`, a high threat never below
/// `high_threat_floor`. Floors come last, so no rule, including a first-contact
/// resolution rule, can take such a call below them.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct GradingPolicy {
    /// The rules.
    pub rules: Vec<GradeRule>,
    /// The grade when no rule matches.
    pub default: ResponseGrade,
    /// The least urgent grade a vulnerable victim (vulnerability at least medium) can get.
    pub vulnerable_floor: ResponseGrade,
    /// The least urgent grade a high threat can get.
    pub high_threat_floor: ResponseGrade,
}

impl GradingPolicy {
    /// The report's rule for finalising at first contact: "the offender is unlikely
    /// to be traced, there are no lines of inquiry to pursue, further investigation
    /// is likely to be unproductive and the victim is not at risk of harm or
    /// otherwise vulnerable" — investigation none, risk and threat at most low,
    /// vulnerability none.
    #[must_use]
    pub fn first_contact_resolution() -> GradeRule {
        GradeRule {
            name: "finalise at first contact: no lines of inquiry, victim not at risk or vulnerable".to_owned(),
            when: Condition::All(vec![
                Condition::AtMost(Element::Investigation, Level::None),
                Condition::AtMost(Element::Threat, Level::Low),
                Condition::AtMost(Element::Risk, Level::Low),
                Condition::AtMost(Element::Vulnerability, Level::None),
            ]),
            grade: ResponseGrade::ResolvedWithoutDeployment,
        }
    }

    /// Grades an assessment.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use policing_risk::thrive::{Element, GradingPolicy, Level, ResponseGrade, ThriveAssessment};
    /// let at = NaiveDate::from_ymd_opt(2016, 9, 12).unwrap().and_hms_opt(9, 0, 0).unwrap();
    /// let mut b = ThriveAssessment::builder(at, "call handler");
    /// for e in Element::ALL {
    ///     b = b.element(e, Level::None, "nothing found")?;
    /// }
    /// let shed_break_in = b.element(Element::Harm, Level::Low, "garden tools taken")?.build()?;
    /// let grading = GradingPolicy::default().grade(&shed_break_in);
    /// assert_eq!(grading.grade, ResponseGrade::ResolvedWithoutDeployment);
    /// # Ok::<(), policing_risk::RiskError>(())
    /// ```
    #[must_use]
    pub fn grade(&self, a: &ThriveAssessment) -> Grading {
        let mut reasons = Vec::new();
        let mut grade: Option<ResponseGrade> = None;
        for rule in &self.rules {
            if rule.when.holds(a) {
                reasons.push(GradeReason::Rule { name: rule.name.clone(), grade: rule.grade });
                grade = Some(grade.map_or(rule.grade, |g| g.most_urgent(rule.grade)));
            }
        }
        let mut grade = grade.unwrap_or_else(|| {
            reasons.push(GradeReason::Default(self.default));
            self.default
        });
        if a.level(Element::Vulnerability) >= Level::Medium && grade > self.vulnerable_floor {
            grade = self.vulnerable_floor;
            reasons.push(GradeReason::VulnerableFloor(grade));
        }
        if a.level(Element::Threat) >= Level::High && grade > self.high_threat_floor {
            grade = self.high_threat_floor;
            reasons.push(GradeReason::HighThreatFloor(grade));
        }
        Grading { grade, reasons }
    }
}

impl Default for GradingPolicy {
    /// The documented default (a modelling choice; forces set their own):
    ///
    /// - "high threat or high risk": threat or risk high -> immediate;
    /// - "medium threat, harm or risk": any of them medium or above -> priority;
    /// - "evidence at risk": investigation opportunities high -> priority;
    /// - the report's first-contact resolution rule -> resolved without deployment;
    /// - otherwise scheduled; vulnerable victims never below priority; high
    ///   threats never below immediate.
    fn default() -> Self {
        GradingPolicy {
            rules: vec![
                GradeRule {
                    name: "high threat or high risk".to_owned(),
                    when: Condition::Any(vec![
                        Condition::AtLeast(Element::Threat, Level::High),
                        Condition::AtLeast(Element::Risk, Level::High),
                    ]),
                    grade: ResponseGrade::Immediate,
                },
                GradeRule {
                    name: "medium threat, harm or risk".to_owned(),
                    when: Condition::Any(vec![
                        Condition::AtLeast(Element::Threat, Level::Medium),
                        Condition::AtLeast(Element::Harm, Level::Medium),
                        Condition::AtLeast(Element::Risk, Level::Medium),
                    ]),
                    grade: ResponseGrade::Priority,
                },
                GradeRule {
                    name: "evidence at risk".to_owned(),
                    when: Condition::AtLeast(Element::Investigation, Level::High),
                    grade: ResponseGrade::Priority,
                },
                GradingPolicy::first_contact_resolution(),
            ],
            default: ResponseGrade::Scheduled,
            vulnerable_floor: ResponseGrade::Priority,
            high_threat_floor: ResponseGrade::Immediate,
        }
    }
}
