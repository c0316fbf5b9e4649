//! The Home Office outcome types 1 to 22.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;

use crate::error::{OutcomeError, Result};
use crate::group::OutcomeGroup;

/// A Home Office crime outcome type: why a recorded crime was closed.
///
/// Every recorded crime in England and Wales is eventually given one of these
/// (or stays "not yet assigned an outcome", see [`Outcome::NotYetAssigned`]).
/// The discriminant is the Home Office number.
///
/// Labels follow the Home Office style as corroborated in
/// `docs/reference/domain.md` section 1.2; the Home Office's own table could
/// not be reached, so the official wording of 1-20 is corroborated, not confirmed.
///
/// ```
/// use policing_outcomes::{OutcomeGroup, OutcomeType};
/// let t: OutcomeType = "Outcome 15".parse()?;
/// assert_eq!(t.number(), 15);
/// assert_eq!(t.group(), OutcomeGroup::EvidentialDifficultiesVictimSupports);
/// assert_eq!("caution – youths".parse::<OutcomeType>()?, OutcomeType::CautionYouths);
/// # Ok::<(), policing_outcomes::OutcomeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "u8", into = "u8"))]
#[non_exhaustive]
#[repr(u8)]
pub enum OutcomeType {
    /// 1: Charged/Summonsed.
    ChargedSummonsed = 1,
    /// 2: Caution – youths.
    CautionYouths = 2,
    /// 3: Caution – adults.
    CautionAdults = 3,
    /// 4: Taken into consideration (TIC).
    TakenIntoConsideration = 4,
    /// 5: The offender has died.
    OffenderDied = 5,
    /// 6: Penalty Notices for Disorder.
    PenaltyNoticeForDisorder = 6,
    /// 7: Cannabis/Khat warning.
    CannabisKhatWarning = 7,
    /// 8: Community Resolution.
    CommunityResolution = 8,
    /// 9: Prosecution not in the public interest (CPS).
    NotInPublicInterestCps = 9,
    /// 10: Formal action against the offender is not in the public interest (Police).
    NotInPublicInterestPolice = 10,
    /// 11: Prosecution prevented – suspect below the age of criminal responsibility.
    SuspectUnderAge = 11,
    /// 12: Prosecution prevented – suspect too ill to prosecute.
    SuspectTooIll = 12,
    /// 13: Prosecution prevented – victim or key witness dead or too ill to give evidence.
    VictimOrWitnessUnavailable = 13,
    /// 14: Evidential difficulties – suspect not identified; victim does not support further action.
    EvidentialDifficultiesSuspectNotIdentified = 14,
    /// 15: Evidential difficulties – suspect identified; victim supports action.
    EvidentialDifficultiesVictimSupports = 15,
    /// 16: Evidential difficulties – suspect identified; victim does not support further action.
    EvidentialDifficultiesVictimDoesNotSupport = 16,
    /// 17: Prosecution time limit expired.
    TimeLimitExpired = 17,
    /// 18: Investigation complete – no suspect identified.
    InvestigationCompleteNoSuspect = 18,
    /// 19: Fraud recorded centrally (National Fraud Intelligence Bureau); not in force-level counts.
    NationalFraudIntelligenceBureau = 19,
    /// 20: Action undertaken by another body or agency.
    ActionByAnotherBody = 20,
    /// 21: Further investigation to support formal action not in the public interest (police decision).
    FurtherInvestigationNotInPublicInterest = 21,
    /// 22: Diversionary, educational or intervention activity (from April 2019).
    Diversionary = 22,
}

struct TypeInfo {
    label: &'static str,
    short: &'static str,
    aliases: &'static [&'static str],
}

const INFO: [TypeInfo; 22] = [
    TypeInfo { label: "Charged/Summonsed", short: "Charged/Summonsed", aliases: &["Charged", "Summonsed"] },
    TypeInfo { label: "Caution – youths", short: "Caution - youths", aliases: &["Youth caution"] },
    TypeInfo { label: "Caution – adults", short: "Caution - adults", aliases: &["Adult caution"] },
    TypeInfo {
        label: "Taken into consideration",
        short: "Taken into consideration",
        aliases: &["TIC", "Taken into consideration (TIC)"],
    },
    TypeInfo {
        label: "The offender has died (all offences)",
        short: "Offender died",
        aliases: &["The offender has died"],
    },
    TypeInfo {
        label: "Penalty Notices for Disorder",
        short: "Penalty Notices for Disorder",
        aliases: &["PND", "Penalty Notice for Disorder"],
    },
    TypeInfo { label: "Cannabis/Khat warning", short: "Cannabis/Khat warning", aliases: &["Cannabis warning"] },
    TypeInfo { label: "Community Resolution", short: "Community Resolution", aliases: &[] },
    TypeInfo {
        label: "Prosecution not in the public interest (CPS)",
        short: "Not in public interest (CPS)",
        aliases: &[],
    },
    TypeInfo {
        label: "Formal action against the offender is not in the public interest (Police)",
        short: "Not in public interest (Police)",
        aliases: &[],
    },
    TypeInfo {
        label: "Prosecution prevented – named suspect identified but below the age of criminal responsibility",
        short: "Prosecution prevented – suspect under age",
        aliases: &[],
    },
    TypeInfo {
        label: "Prosecution prevented – named suspect identified but too ill (physical or mental health) to prosecute",
        short: "Prosecution prevented – suspect too ill",
        aliases: &[],
    },
    TypeInfo {
        label: "Prosecution prevented – named suspect identified but victim or key witness dead or too ill to give evidence",
        short: "Prosecution prevented – victim/key witness dead/too ill",
        aliases: &[],
    },
    TypeInfo {
        label: "Evidential difficulties victim based – named suspect not identified: the crime is confirmed but the victim declines or is unable to support further police action to identify the offender",
        short: "Evidential difficulties: suspect not identified; victim does not support further action",
        aliases: &[],
    },
    TypeInfo {
        label: "Evidential difficulties named suspect identified: the crime is confirmed and the victim supports police action but evidential difficulties prevent further action",
        short: "Evidential difficulties: suspect identified; victim supports action",
        aliases: &["Evidential difficulties prevent further action; victim supports police action"],
    },
    TypeInfo {
        label: "Evidential difficulties victim based – named suspect identified: the victim does not support (or has withdrawn support from) police action",
        short: "Evidential difficulties: suspect identified; victim does not support further action",
        aliases: &["Evidential difficulties prevent further action; victim does not support police action"],
    },
    TypeInfo {
        label: "Prosecution time limit expired: suspect identified but the time limit for prosecution has passed",
        short: "Prosecution time limit expired",
        aliases: &[],
    },
    TypeInfo {
        label: "Investigation complete – no suspect identified: crime investigated as far as reasonably possible; case closed pending further investigative opportunities",
        short: "Investigation complete – no suspect identified",
        aliases: &[],
    },
    TypeInfo {
        label: "National Fraud Intelligence Bureau filed (fraud recorded centrally)",
        short: "NFIB fraud",
        aliases: &[],
    },
    TypeInfo {
        label: "Further action resulting from the crime report will be undertaken by another body or agency, subject to the victim (or person acting on their behalf) being made aware of the action being taken",
        short: "Action undertaken by another body / agency",
        aliases: &["Action undertaken by another body/agency"],
    },
    TypeInfo {
        label: "Further investigation, resulting from the crime report, which could provide evidence sufficient to support formal action being taken against the suspect is not in the public interest – police decision",
        short: "Further investigation to support formal action not in the public interest",
        aliases: &[],
    },
    TypeInfo {
        label: "Diversionary, educational or intervention activity, resulting from the crime report, has been undertaken and it is not in the public interest to take any further action",
        short: "Diversionary, educational or intervention activity",
        aliases: &[],
    },
];

impl OutcomeType {
    /// Every outcome type, in number order.
    pub const ALL: [OutcomeType; 22] = [
        OutcomeType::ChargedSummonsed,
        OutcomeType::CautionYouths,
        OutcomeType::CautionAdults,
        OutcomeType::TakenIntoConsideration,
        OutcomeType::OffenderDied,
        OutcomeType::PenaltyNoticeForDisorder,
        OutcomeType::CannabisKhatWarning,
        OutcomeType::CommunityResolution,
        OutcomeType::NotInPublicInterestCps,
        OutcomeType::NotInPublicInterestPolice,
        OutcomeType::SuspectUnderAge,
        OutcomeType::SuspectTooIll,
        OutcomeType::VictimOrWitnessUnavailable,
        OutcomeType::EvidentialDifficultiesSuspectNotIdentified,
        OutcomeType::EvidentialDifficultiesVictimSupports,
        OutcomeType::EvidentialDifficultiesVictimDoesNotSupport,
        OutcomeType::TimeLimitExpired,
        OutcomeType::InvestigationCompleteNoSuspect,
        OutcomeType::NationalFraudIntelligenceBureau,
        OutcomeType::ActionByAnotherBody,
        OutcomeType::FurtherInvestigationNotInPublicInterest,
        OutcomeType::Diversionary,
    ];

    /// The outcome type with Home Office number `number`.
    ///
    /// # Errors
    /// [`OutcomeError::OutcomeNumberOutOfRange`] outside 1-22.
    pub fn from_number(number: u32) -> Result<Self> {
        usize::try_from(number)
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| Self::ALL.get(i))
            .copied()
            .ok_or(OutcomeError::OutcomeNumberOutOfRange { number })
    }

    /// The Home Office number, 1-22.
    #[must_use]
    pub fn number(self) -> u8 {
        self as u8
    }

    fn info(self) -> &'static TypeInfo {
        // `number()` is 1..=22 by construction, so the index is in range.
        let i = usize::from(self.number() - 1);
        INFO.get(i).unwrap_or(&INFO[0])
    }

    /// The Home Office label (Home Office style; see the type's documentation on its sources).
    #[must_use]
    pub fn label(self) -> &'static str {
        self.info().label
    }

    /// The short label, as the PEEL reports and Home Office open data tables print it.
    #[must_use]
    pub fn short_label(self) -> &'static str {
        self.info().short
    }

    /// The group the 2016 PEEL report puts this type in.
    #[must_use]
    pub fn group(self) -> OutcomeGroup {
        OutcomeGroup::of(self)
    }

    /// When the type came into use; [`OutcomeType::in_use_from_basis`] says how
    /// sure that is.
    ///
    /// Types 1-18 and 20: 1 April 2014, when forces began supplying the wider
    /// outcomes framework to the Home Office (domain.md 1.1; some types were used
    /// from April 2013). Type 19 (NFIB): no source gives its start, or whether
    /// force-level data ever hold it (domain.md 1.4, UNCONFIRMED); the library
    /// **assumes** April 2014 with the others. Type 21: 1 January 2016
    /// (corroborated to the month only). Type 22: 1 April 2019.
    #[must_use]
    pub fn in_use_from(self) -> NaiveDate {
        let (y, m) = match self {
            OutcomeType::FurtherInvestigationNotInPublicInterest => (2016, 1),
            OutcomeType::Diversionary => (2019, 4),
            _ => (2014, 4),
        };
        #[allow(clippy::expect_used, reason = "the first of April 2014, January 2016 or April 2019 is always a date")]
        NaiveDate::from_ymd_opt(y, m, 1).expect("a date literal")
    }

    /// Whether [`OutcomeType::in_use_from`] is sourced or an assumption, with the reason.
    ///
    /// ```
    /// use policing_outcomes::{InUseBasis, OutcomeType};
    /// assert!(matches!(OutcomeType::NationalFraudIntelligenceBureau.in_use_from_basis(), InUseBasis::Assumed(_)));
    /// assert!(matches!(OutcomeType::ChargedSummonsed.in_use_from_basis(), InUseBasis::Sourced(_)));
    /// ```
    #[must_use]
    pub fn in_use_from_basis(self) -> InUseBasis {
        match self {
            OutcomeType::NationalFraudIntelligenceBureau => InUseBasis::Assumed(
                "no source gives when type 19 (frauds filed by the National Fraud Intelligence Bureau) began, or \
                 whether force-level data ever hold it (domain.md 1.4, UNCONFIRMED): April 2014 is assumed with \
                 types 1-20",
            ),
            OutcomeType::FurtherInvestigationNotInPublicInterest => {
                InUseBasis::Sourced("added in January 2016 (domain.md 1.4; corroborated to the month only)")
            }
            OutcomeType::Diversionary => InUseBasis::Sourced("added on 1 April 2019 (domain.md 1.4)"),
            _ => {
                InUseBasis::Sourced("the wider outcomes framework, supplied by forces from April 2014 (domain.md 1.1)")
            }
        }
    }

    /// Whether the type was in use on `date`.
    #[must_use]
    pub fn in_use_on(self, date: NaiveDate) -> bool {
        date >= self.in_use_from()
    }
}

/// How sure the library is of when an outcome type came into use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum InUseBasis {
    /// A source gives it (named).
    Sourced(&'static str),
    /// No source gives it: the library's documented assumption, and why.
    Assumed(&'static str),
}

impl From<OutcomeType> for u8 {
    fn from(t: OutcomeType) -> u8 {
        t.number()
    }
}

impl TryFrom<u8> for OutcomeType {
    type Error = OutcomeError;
    fn try_from(n: u8) -> Result<Self> {
        OutcomeType::from_number(u32::from(n))
    }
}

impl fmt::Display for OutcomeType {
    /// "15 Evidential difficulties: suspect identified; victim supports action".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.number(), self.short_label())
    }
}

/// Folds text for matching labels: lower case, every dash as '-', no space
/// around dashes and slashes, runs of white space as one space.
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        let c = match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' && out.ends_with([' ', '-', '/']) {
            continue;
        }
        if (c == '-' || c == '/') && out.ends_with(' ') {
            out.pop();
        }
        out.extend(c.to_lowercase());
    }
    out
}

impl FromStr for OutcomeType {
    type Err = OutcomeError;

    /// Parses "15", "Outcome 15", "outcome type 15", the Home Office label, the
    /// short label or a known alias, ignoring case, dash style and spacing.
    fn from_str(text: &str) -> Result<Self> {
        let folded = fold(text);
        let number =
            folded.strip_prefix("outcome type").or_else(|| folded.strip_prefix("outcome")).unwrap_or(&folded).trim();
        if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) {
            return number
                .parse::<u32>()
                .map_err(|_| OutcomeError::UnknownOutcomeType { text: text.to_owned() })
                .and_then(OutcomeType::from_number);
        }
        OutcomeType::ALL
            .into_iter()
            .find(|t| {
                let info = t.info();
                fold(info.label) == folded
                    || fold(info.short) == folded
                    || info.aliases.iter().any(|a| fold(a) == folded)
            })
            .ok_or_else(|| OutcomeError::UnknownOutcomeType { text: text.to_owned() })
    }
}

/// What a recorded crime has: an outcome type, or none yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Outcome {
    /// Not yet assigned an outcome (still under investigation).
    NotYetAssigned,
    /// Assigned an outcome type.
    Type(OutcomeType),
}

impl Outcome {
    fn bit(self) -> u32 {
        match self {
            Outcome::NotYetAssigned => 1,
            Outcome::Type(t) => 1 << t.number(),
        }
    }
}

impl From<OutcomeType> for Outcome {
    fn from(t: OutcomeType) -> Self {
        Outcome::Type(t)
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::NotYetAssigned => f.write_str("Not yet assigned an outcome"),
            Outcome::Type(t) => t.fmt(f),
        }
    }
}

/// A set of outcomes: what a count is known to stand for.
///
/// A Home Office count stands for one outcome type. A data.police.uk category
/// can stand for several ("Offender given a caution" is type 2 or 3; "Status
/// update unavailable" could be anything), so counts are held against sets and
/// tables report each row at the precision the data allows.
///
/// ```
/// use policing_outcomes::{Outcome, OutcomeSet, OutcomeType};
/// let cautions = OutcomeSet::of([OutcomeType::CautionYouths, OutcomeType::CautionAdults]);
/// assert!(cautions.contains(OutcomeType::CautionAdults.into()));
/// assert_eq!(cautions.len(), 2);
/// assert!(OutcomeSet::ANY.contains(Outcome::NotYetAssigned));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(from = "Vec<Outcome>", into = "Vec<Outcome>"))]
pub struct OutcomeSet(u32);

impl OutcomeSet {
    /// The empty set.
    pub const EMPTY: OutcomeSet = OutcomeSet(0);
    /// Every outcome type and "not yet assigned": a count that could be anything.
    pub const ANY: OutcomeSet = OutcomeSet((1 << 23) - 1);
    /// Every outcome type (assigned an outcome, whichever).
    pub const ASSIGNED: OutcomeSet = OutcomeSet(((1 << 23) - 1) & !1);

    /// The set of the given outcomes.
    pub fn of<O: Into<Outcome>>(outcomes: impl IntoIterator<Item = O>) -> Self {
        OutcomeSet(outcomes.into_iter().fold(0, |acc, o| acc | o.into().bit()))
    }

    /// The set holding just `outcome`.
    #[must_use]
    pub fn single(outcome: Outcome) -> Self {
        OutcomeSet(outcome.bit())
    }

    /// Whether `outcome` is in the set.
    #[must_use]
    pub fn contains(self, outcome: Outcome) -> bool {
        self.0 & outcome.bit() != 0
    }

    /// The number of outcomes in the set.
    #[must_use]
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// Whether the set is empty.
    #[must_use]
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether every outcome of `self` is in `other`.
    #[must_use]
    pub fn is_subset(self, other: OutcomeSet) -> bool {
        self.0 & !other.0 == 0
    }

    /// Whether the two sets share an outcome.
    #[must_use]
    pub fn intersects(self, other: OutcomeSet) -> bool {
        self.0 & other.0 != 0
    }

    /// The union.
    #[must_use]
    pub fn union(self, other: OutcomeSet) -> OutcomeSet {
        OutcomeSet(self.0 | other.0)
    }

    /// The outcomes in the set, "not yet assigned" first, then types by number.
    pub fn iter(self) -> impl Iterator<Item = Outcome> {
        std::iter::once(Outcome::NotYetAssigned)
            .chain(OutcomeType::ALL.into_iter().map(Outcome::Type))
            .filter(move |o| self.contains(*o))
    }
}

impl fmt::Debug for OutcomeSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set()
            .entries(self.iter().map(|o| match o {
                Outcome::NotYetAssigned => "not yet assigned".to_owned(),
                Outcome::Type(t) => t.number().to_string(),
            }))
            .finish()
    }
}

impl From<Outcome> for OutcomeSet {
    fn from(o: Outcome) -> Self {
        OutcomeSet::single(o)
    }
}

impl From<OutcomeType> for OutcomeSet {
    fn from(t: OutcomeType) -> Self {
        OutcomeSet::single(t.into())
    }
}

impl From<OutcomeSet> for Vec<Outcome> {
    fn from(s: OutcomeSet) -> Self {
        s.iter().collect()
    }
}

impl From<Vec<Outcome>> for OutcomeSet {
    fn from(v: Vec<Outcome>) -> Self {
        OutcomeSet::of(v)
    }
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folding_ignores_case_dashes_and_spacing() {
        assert_eq!(fold("Caution – youths"), "caution-youths");
        assert_eq!(fold(" caution -  YOUTHS "), "caution-youths");
        assert_eq!(fold("Charged / Summonsed"), "charged/summonsed");
        assert_eq!(fold("Investigation complete — no suspect"), "investigation complete-no suspect");
    }
}
