//! Missing people: "absent" against "missing", and the risk levels of the 2016
//! national guidance (College of Policing APP on missing persons, 2016): no
//! apparent risk (absent), low, medium, high.
//!
//! The definitions, as the guidance gives them (paraphrased; not in the corpus,
//! so **UNCONFIRMED** here): a person is *missing* when their whereabouts cannot
//! be established and the circumstances are out of character, or the context
//! suggests they may be the subject of crime or at risk of harm; *absent* (no
//! apparent risk) when they are not where they are expected to be and there is
//! no apparent risk. Low risk: harm possible but minimal; medium: harm likely
//! but not serious; high: immediate risk of serious harm. The factors and their
//! levels below are a documented default a force can replace
//! ([`MissingPolicy::new`]).

use std::fmt;

/// A factor found when a person is reported missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Factor {
    /// Risk of suicide or self-harm.
    SuicideOrSelfHarm,
    /// Believed to be the victim of a crime, or at risk of one (abduction, exploitation).
    VictimOfCrime,
    /// At risk of child sexual exploitation.
    SexualExploitation,
    /// Needs medication or care urgently.
    UrgentMedicalNeed,
    /// A young child, or an adult unable to look after themselves.
    UnableToCareForSelf,
    /// A risk to other people.
    RiskToOthers,
    /// Behaviour out of character.
    OutOfCharacter,
    /// Mental health concerns.
    MentalHealth,
    /// Drug or alcohol dependency.
    DrugsOrAlcohol,
    /// Domestic abuse or family conflict.
    DomesticAbuseOrConflict,
    /// Harmed when missing before.
    HarmedWhenPreviouslyMissing,
    /// Exposed to the weather or a dangerous place.
    EnvironmentalDanger,
    /// Repeatedly missing without harm, whereabouts usually found.
    RepeatedlyMissing,
}

/// Missing-person risk, least serious first.
///
/// A closed set: the guidance's four levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum MissingRisk {
    /// No apparent risk: the person is absent, not missing.
    NoApparentRisk,
    /// Low risk.
    Low,
    /// Medium risk.
    Medium,
    /// High risk.
    High,
}

impl MissingRisk {
    /// Whether the person is "absent" rather than "missing".
    #[must_use]
    pub fn is_absent(self) -> bool {
        self == MissingRisk::NoApparentRisk
    }
}

impl fmt::Display for MissingRisk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            MissingRisk::NoApparentRisk => "absent (no apparent risk)",
            MissingRisk::Low => "missing, low risk",
            MissingRisk::Medium => "missing, medium risk",
            MissingRisk::High => "missing, high risk",
        })
    }
}

/// Why a report got its level.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum MissingReason {
    /// A factor was present, at this level.
    Factor(Factor, MissingRisk),
    /// A supervisor raised the level.
    SupervisorRaised(MissingRisk),
    /// No factor was present.
    NoFactors,
}

/// A missing-person risk assessment.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct MissingAssessment {
    /// The level.
    pub risk: MissingRisk,
    /// The reasons.
    pub reasons: Vec<MissingReason>,
}

/// Which level each factor gives.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MissingPolicy {
    levels: Vec<(Factor, MissingRisk)>,
}

impl Default for MissingPolicy {
    /// High: suicide or self-harm, victim of crime, sexual exploitation, urgent
    /// medical need, unable to care for self. Medium: risk to others, out of
    /// character, mental health, drugs or alcohol, domestic abuse or conflict,
    /// harmed when previously missing, environmental danger. Low: repeatedly
    /// missing. A factor not listed gives low.
    fn default() -> Self {
        use Factor as F;
        use MissingRisk::{High, Low, Medium};
        MissingPolicy {
            levels: vec![
                (F::SuicideOrSelfHarm, High),
                (F::VictimOfCrime, High),
                (F::SexualExploitation, High),
                (F::UrgentMedicalNeed, High),
                (F::UnableToCareForSelf, High),
                (F::RiskToOthers, Medium),
                (F::OutOfCharacter, Medium),
                (F::MentalHealth, Medium),
                (F::DrugsOrAlcohol, Medium),
                (F::DomesticAbuseOrConflict, Medium),
                (F::HarmedWhenPreviouslyMissing, Medium),
                (F::EnvironmentalDanger, Medium),
                (F::RepeatedlyMissing, Low),
            ],
        }
    }
}

impl MissingPolicy {
    /// A force's own levels.
    #[must_use]
    pub fn new(levels: Vec<(Factor, MissingRisk)>) -> Self {
        MissingPolicy { levels }
    }

    /// The level a factor gives.
    #[must_use]
    pub fn level(&self, factor: Factor) -> MissingRisk {
        self.levels.iter().find(|(f, _)| *f == factor).map_or(MissingRisk::Low, |(_, l)| *l)
    }

    /// Assesses a report: the most serious level of the factors present (no
    /// factor: absent), raised, never lowered, by a supervisor's level.
    ///
    /// ```
    /// use policing_risk::missing::{Factor, MissingPolicy, MissingRisk};
    /// let policy = MissingPolicy::default();
    /// assert!(policy.assess(&[], None).risk.is_absent());
    /// let a = policy.assess(&[Factor::OutOfCharacter, Factor::SexualExploitation], None);
    /// assert_eq!(a.risk, MissingRisk::High);
    /// // A supervisor can raise a level, never lower it.
    /// assert_eq!(policy.assess(&[Factor::OutOfCharacter], Some(MissingRisk::Low)).risk, MissingRisk::Medium);
    /// ```
    #[must_use]
    pub fn assess(&self, factors: &[Factor], supervisor: Option<MissingRisk>) -> MissingAssessment {
        let mut reasons: Vec<MissingReason> =
            factors.iter().map(|f| MissingReason::Factor(*f, self.level(*f))).collect();
        let mut risk = factors.iter().map(|f| self.level(*f)).max().unwrap_or(MissingRisk::NoApparentRisk);
        if let Some(s) = supervisor.filter(|s| *s > risk) {
            risk = s;
            reasons.push(MissingReason::SupervisorRaised(s));
        }
        if reasons.is_empty() {
            reasons.push(MissingReason::NoFactors);
        }
        MissingAssessment { risk, reasons }
    }
}
