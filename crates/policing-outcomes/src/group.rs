//! Outcome groups, exactly as the 2016 PEEL report lays them out.

use std::fmt;
use std::str::FromStr;

use crate::error::{OutcomeError, Result};
use crate::outcome::{fold, OutcomeSet, OutcomeType};

/// A group of outcome types, as the Wiltshire 2016 report's figure 4 groups them
/// (`docs/reference/domain.md` section 0: the report wins), with the Home
/// Office's later group names as aliases.
///
/// Every outcome type belongs to exactly one group ([`OutcomeType::group`]).
///
/// **Outcome 10.** The report's footnote for "Prosecution prevented or not in
/// the public interest" lists 5, 9, 11, 12, 13 and 17 but not 10 ("Formal action
/// against the offender is not in the public interest (Police)"). This crate puts
/// 10 in that group because: the Home Office groups it there (domain.md 1.3,
/// corroborated); its meaning is the police counterpart of 9, which is listed;
/// and figure 4's rows must cover every assigned outcome for "Total offences
/// assigned an outcome" to be their sum, which the printed table is consistent
/// with. The footnote's omission reads as a drafting slip, not a separate row.
///
/// **Outcome 19** (fraud recorded centrally by the National Fraud Intelligence
/// Bureau) has a group of its own; the report excludes fraud, so it never appears
/// in force-level tables.
///
/// ```
/// use policing_outcomes::{OutcomeGroup, OutcomeType};
/// let g: OutcomeGroup = "Out-of-court (informal)".parse()?;
/// assert_eq!(g.members(), &[OutcomeType::CannabisKhatWarning, OutcomeType::CommunityResolution]);
/// let later: OutcomeGroup = "Responsibility for further investigation transferred to another body".parse()?;
/// assert_eq!(later, OutcomeGroup::ActionByAnotherBody);
/// # Ok::<(), policing_outcomes::OutcomeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum OutcomeGroup {
    /// 1.
    ChargedSummonsed,
    /// 4.
    TakenIntoConsideration,
    /// 2, 3, 6.
    OutOfCourtFormal,
    /// 7, 8.
    OutOfCourtInformal,
    /// 5, 9, 10, 11, 12, 13, 17.
    ProsecutionPrevented,
    /// 15.
    EvidentialDifficultiesVictimSupports,
    /// 14, 16.
    EvidentialDifficultiesVictimDoesNotSupport,
    /// 18.
    InvestigationCompleteNoSuspect,
    /// 20.
    ActionByAnotherBody,
    /// 21.
    FurtherInvestigationNotInPublicInterest,
    /// 22 (from April 2019).
    Diversionary,
    /// 19 (fraud recorded centrally; not in force-level figures).
    NationalFraudIntelligenceBureau,
}

use OutcomeType as T;

impl OutcomeGroup {
    /// Every group, in the order of the report's figure 4 (then 22, then 19).
    pub const ALL: [OutcomeGroup; 12] = [
        OutcomeGroup::ChargedSummonsed,
        OutcomeGroup::TakenIntoConsideration,
        OutcomeGroup::OutOfCourtFormal,
        OutcomeGroup::OutOfCourtInformal,
        OutcomeGroup::ProsecutionPrevented,
        OutcomeGroup::EvidentialDifficultiesVictimSupports,
        OutcomeGroup::EvidentialDifficultiesVictimDoesNotSupport,
        OutcomeGroup::InvestigationCompleteNoSuspect,
        OutcomeGroup::ActionByAnotherBody,
        OutcomeGroup::FurtherInvestigationNotInPublicInterest,
        OutcomeGroup::Diversionary,
        OutcomeGroup::NationalFraudIntelligenceBureau,
    ];

    /// The member types, in the order the report lists them.
    #[must_use]
    pub fn members(self) -> &'static [OutcomeType] {
        match self {
            OutcomeGroup::ChargedSummonsed => &[T::ChargedSummonsed],
            OutcomeGroup::TakenIntoConsideration => &[T::TakenIntoConsideration],
            OutcomeGroup::OutOfCourtFormal => &[T::CautionYouths, T::CautionAdults, T::PenaltyNoticeForDisorder],
            OutcomeGroup::OutOfCourtInformal => &[T::CannabisKhatWarning, T::CommunityResolution],
            OutcomeGroup::ProsecutionPrevented => &[
                T::OffenderDied,
                T::NotInPublicInterestCps,
                T::NotInPublicInterestPolice,
                T::SuspectUnderAge,
                T::SuspectTooIll,
                T::VictimOrWitnessUnavailable,
                T::TimeLimitExpired,
            ],
            OutcomeGroup::EvidentialDifficultiesVictimSupports => &[T::EvidentialDifficultiesVictimSupports],
            OutcomeGroup::EvidentialDifficultiesVictimDoesNotSupport => {
                &[T::EvidentialDifficultiesVictimDoesNotSupport, T::EvidentialDifficultiesSuspectNotIdentified]
            }
            OutcomeGroup::InvestigationCompleteNoSuspect => &[T::InvestigationCompleteNoSuspect],
            OutcomeGroup::ActionByAnotherBody => &[T::ActionByAnotherBody],
            OutcomeGroup::FurtherInvestigationNotInPublicInterest => &[T::FurtherInvestigationNotInPublicInterest],
            OutcomeGroup::Diversionary => &[T::Diversionary],
            OutcomeGroup::NationalFraudIntelligenceBureau => &[T::NationalFraudIntelligenceBureau],
        }
    }

    /// The member types as a set.
    #[must_use]
    pub fn set(self) -> OutcomeSet {
        OutcomeSet::of(self.members().iter().copied())
    }

    pub(crate) fn of(t: OutcomeType) -> OutcomeGroup {
        Self::ALL.into_iter().find(|g| g.members().contains(&t)).unwrap_or(OutcomeGroup::ChargedSummonsed)
    }

    /// The group's name as the 2016 report prints it.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            OutcomeGroup::ChargedSummonsed => "Charged/Summonsed",
            OutcomeGroup::TakenIntoConsideration => "Taken into consideration",
            OutcomeGroup::OutOfCourtFormal => "Out-of-court (formal)",
            OutcomeGroup::OutOfCourtInformal => "Out-of-court (informal)",
            OutcomeGroup::ProsecutionPrevented => "Prosecution prevented or not in the public interest",
            OutcomeGroup::EvidentialDifficultiesVictimSupports => {
                "Evidential difficulties (victim supports police action)"
            }
            OutcomeGroup::EvidentialDifficultiesVictimDoesNotSupport => {
                "Evidential difficulties (victim does not support police action)"
            }
            OutcomeGroup::InvestigationCompleteNoSuspect => "Investigation complete – no suspect identified",
            OutcomeGroup::ActionByAnotherBody => "Action undertaken by another body / agency",
            OutcomeGroup::FurtherInvestigationNotInPublicInterest => {
                "Further investigation to support formal action not in the public interest"
            }
            OutcomeGroup::Diversionary => "Diversionary, educational or intervention activity",
            OutcomeGroup::NationalFraudIntelligenceBureau => "National Fraud Intelligence Bureau",
        }
    }

    /// Other names for the group: the Home Office's later table names and older spellings.
    #[must_use]
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            OutcomeGroup::EvidentialDifficultiesVictimSupports => {
                &["Evidential difficulties (suspect identified; victim supports action)"]
            }
            OutcomeGroup::EvidentialDifficultiesVictimDoesNotSupport => {
                &["Evidential difficulties (victim does not support action)", "Evidential difficulties victim based"]
            }
            OutcomeGroup::ActionByAnotherBody => &[
                "Responsibility for further investigation transferred to another body",
                "Action undertaken by another body/agency",
            ],
            OutcomeGroup::FurtherInvestigationNotInPublicInterest => {
                &["Further investigation to support formal action not in the public interest – police decision"]
            }
            OutcomeGroup::OutOfCourtFormal => &["Out of court (formal)"],
            OutcomeGroup::OutOfCourtInformal => &["Out of court (informal)"],
            _ => &[],
        }
    }
}

impl fmt::Display for OutcomeGroup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for OutcomeGroup {
    type Err = OutcomeError;

    /// Parses the 2016 name or an alias, ignoring case, dash style and spacing.
    fn from_str(text: &str) -> Result<Self> {
        let folded = fold(text);
        OutcomeGroup::ALL
            .into_iter()
            .find(|g| fold(g.name()) == folded || g.aliases().iter().any(|a| fold(a) == folded))
            .ok_or_else(|| OutcomeError::UnknownOutcomeGroup { text: text.to_owned() })
    }
}
