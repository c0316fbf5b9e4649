//! data.police.uk outcome categories ("Last outcome category" in street files,
//! "Outcome type" in outcomes files) and what Home Office outcomes each can stand for.
//!
//! The 28 categories and their API codes are those of `docs/reference/domain.md`
//! section 2.1; the four labels relabelled in May 2014 are accepted as legacy
//! spellings of the same category. One name differs between the API clients and
//! the real CSV files: the files print "Offender given penalty notice" (see
//! `data/raw/berlinhack-cityoflondon/`), the clients "Offender given a
//! penalty notice"; both are accepted and the files' spelling is the name. Parsing is exact (case and spacing matter),
//! because the files are machine-written; an unknown string is an error that
//! names it, for the reader to count and report.
//!
//! # The mapping onto outcome types
//!
//! data.police.uk publishes a crime's *latest* outcome in its own words, not the
//! Home Office number, and the mapping between the two is not published. This
//! crate maps each category onto the [`OutcomeSet`] it can stand for, so that a
//! table built from street files is exact where the category pins one type and a
//! range where it does not ([`crate::Share::Between`]). The choices:
//!
//! | category | outcomes | why |
//! |---|---|---|
//! | court results (awaiting, unavailable, unable to proceed, fined, discharged, sentenced, imprisoned, not guilty, sent to Crown Court, compensation, deprived of property, otherwise dealt with) and "Suspect charged" | 1 | every court result stems from a charge or summons |
//! | "Suspect charged as part of another case" | 1 or 4 | charged elsewhere, or taken into consideration with another case |
//! | "Offender given a caution" | 2 or 3 | youth or adult caution (before May 2014 it also held drugs warnings, 7) |
//! | "Offender given a drugs possession warning" | 7 | |
//! | "Offender given penalty notice" | 6 | |
//! | "Local resolution" | 8 | community resolution |
//! | "Investigation complete; no suspect identified" | 18 | |
//! | "Unable to prosecute suspect" | 5, 11-17 | evidential difficulties and prevented prosecutions where a suspect is named (14 included: victim-based evidential difficulty) |
//! | "Formal action is not in the public interest" | 9 or 10 | CPS or police public-interest decision |
//! | "Action to be taken by another organisation" | 20 | |
//! | "Further investigation is not in the public interest" | 21 | |
//! | "Further action is not in the public interest" | 22 | the wording of outcome 22 |
//! | "Under investigation" | not yet assigned | |
//! | "Status update unavailable" | anything | the outcome is unknown |
//!
//! These are documented modelling choices (no Home Office mapping was found);
//! change them in one place, [`Category::outcomes`].

use std::fmt;
use std::str::FromStr;

use crate::error::{OutcomeError, Result};
use crate::outcome::{Outcome, OutcomeSet, OutcomeType as T};

macro_rules! categories {
    ($($variant:ident => $code:literal, $name:literal, [$($legacy:literal),*];)*) => {
        /// A data.police.uk outcome category.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(try_from = "String", into = "&'static str"))]
        #[non_exhaustive]
        pub enum Category {
            $(
                #[doc = concat!("\"", $name, "\" (`", $code, "`).")]
                $variant,
            )*
        }

        impl Category {
            /// Every category, in the order of domain.md's table.
            pub const ALL: &'static [Category] = &[$(Category::$variant),*];

            /// The API code (`unable-to-prosecute`).
            #[must_use]
            pub fn code(self) -> &'static str {
                match self { $(Category::$variant => $code),* }
            }

            /// The name as the CSV files and the API print it ("Unable to prosecute suspect").
            #[must_use]
            pub fn name(self) -> &'static str {
                match self { $(Category::$variant => $name),* }
            }

            /// Other names the category is printed with: the names before the May 2014
            /// relabelling, and the API client spelling where the CSV files differ.
            #[must_use]
            pub fn other_names(self) -> &'static [&'static str] {
                match self { $(Category::$variant => &[$($legacy),*]),* }
            }
        }
    };
}

categories! {
    AwaitingCourtResult => "awaiting-court-result", "Awaiting court outcome", [];
    CourtResultUnavailable => "court-result-unavailable", "Court result unavailable", [];
    UnableToProceed => "unable-to-proceed", "Court case unable to proceed", [];
    LocalResolution => "local-resolution", "Local resolution", [];
    NoFurtherAction => "no-further-action", "Investigation complete; no suspect identified", [];
    DeprivedOfProperty => "deprived-of-property", "Offender deprived of property", [];
    Fined => "fined", "Offender fined", [];
    AbsoluteDischarge => "absolute-discharge", "Offender given absolute discharge", [];
    Cautioned => "cautioned", "Offender given a caution", [];
    DrugsPossessionWarning => "drugs-possession-warning", "Offender given a drugs possession warning", [];
    PenaltyNoticeIssued => "penalty-notice-issued", "Offender given penalty notice", ["Offender given a penalty notice"];
    CommunityPenalty => "community-penalty", "Offender given community sentence", ["Offender given community penalty"];
    ConditionalDischarge => "conditional-discharge", "Offender given conditional discharge", [];
    SuspendedSentence => "suspended-sentence", "Offender given suspended prison sentence", [];
    Imprisoned => "imprisoned", "Offender sent to prison", ["Offender imprisoned"];
    OtherCourtDisposal => "other-court-disposal", "Offender otherwise dealt with", [];
    Compensation => "compensation", "Offender ordered to pay compensation", [];
    SentencedInAnotherCase => "sentenced-in-another-case", "Suspect charged as part of another case", ["Offender sentenced as part of another case"];
    Charged => "charged", "Suspect charged", [];
    NotGuilty => "not-guilty", "Defendant found not guilty", ["Suspect found not guilty"];
    SentToCrownCourt => "sent-to-crown-court", "Defendant sent to Crown Court", [];
    UnableToProsecute => "unable-to-prosecute", "Unable to prosecute suspect", [];
    FormalActionNotInPublicInterest => "formal-action-not-in-public-interest", "Formal action is not in the public interest", [];
    ActionTakenByAnotherOrganisation => "action-taken-by-another-organisation", "Action to be taken by another organisation", [];
    FurtherInvestigationNotInPublicInterest => "further-investigation-not-in-public-interest", "Further investigation is not in the public interest", [];
    FurtherActionNotInPublicInterest => "further-action-not-in-public-interest", "Further action is not in the public interest", [];
    UnderInvestigation => "under-investigation", "Under investigation", [];
    StatusUpdateUnavailable => "status-update-unavailable", "Status update unavailable", [];
}

impl Category {
    /// The category printed as `name` in a CSV file: the current name or one of
    /// its [other names](Category::other_names), matched exactly.
    ///
    /// ```
    /// use policing_outcomes::Category;
    /// assert_eq!(Category::from_name("Offender imprisoned")?, Category::Imprisoned);
    /// assert!(Category::from_name("offender sent to prison").is_err());
    /// # Ok::<(), policing_outcomes::OutcomeError>(())
    /// ```
    ///
    /// # Errors
    /// [`OutcomeError::UnknownCategory`] naming the string.
    pub fn from_name(name: &str) -> Result<Self> {
        Category::ALL
            .iter()
            .copied()
            .find(|c| c.name() == name || c.other_names().contains(&name))
            .ok_or_else(|| OutcomeError::UnknownCategory { text: name.to_owned() })
    }

    /// The category with API code `code`, matched exactly.
    ///
    /// # Errors
    /// [`OutcomeError::UnknownCategory`] naming the string.
    pub fn from_code(code: &str) -> Result<Self> {
        Category::ALL
            .iter()
            .copied()
            .find(|c| c.code() == code)
            .ok_or_else(|| OutcomeError::UnknownCategory { text: code.to_owned() })
    }

    /// The Home Office outcomes this category can stand for (see the
    /// [module documentation](self) for each choice).
    ///
    /// ```
    /// use policing_outcomes::{Category, OutcomeType};
    /// let set = Category::Cautioned.outcomes();
    /// assert!(set.contains(OutcomeType::CautionAdults.into()) && set.len() == 2);
    /// ```
    #[must_use]
    pub fn outcomes(self) -> OutcomeSet {
        use Category as C;
        match self {
            C::AwaitingCourtResult
            | C::CourtResultUnavailable
            | C::UnableToProceed
            | C::DeprivedOfProperty
            | C::Fined
            | C::AbsoluteDischarge
            | C::CommunityPenalty
            | C::ConditionalDischarge
            | C::SuspendedSentence
            | C::Imprisoned
            | C::OtherCourtDisposal
            | C::Compensation
            | C::Charged
            | C::NotGuilty
            | C::SentToCrownCourt => T::ChargedSummonsed.into(),
            C::SentencedInAnotherCase => OutcomeSet::of([T::ChargedSummonsed, T::TakenIntoConsideration]),
            C::Cautioned => OutcomeSet::of([T::CautionYouths, T::CautionAdults]),
            C::DrugsPossessionWarning => T::CannabisKhatWarning.into(),
            C::PenaltyNoticeIssued => T::PenaltyNoticeForDisorder.into(),
            C::LocalResolution => T::CommunityResolution.into(),
            C::NoFurtherAction => T::InvestigationCompleteNoSuspect.into(),
            C::UnableToProsecute => OutcomeSet::of([
                T::OffenderDied,
                T::SuspectUnderAge,
                T::SuspectTooIll,
                T::VictimOrWitnessUnavailable,
                T::EvidentialDifficultiesSuspectNotIdentified,
                T::EvidentialDifficultiesVictimSupports,
                T::EvidentialDifficultiesVictimDoesNotSupport,
                T::TimeLimitExpired,
            ]),
            C::FormalActionNotInPublicInterest => {
                OutcomeSet::of([T::NotInPublicInterestCps, T::NotInPublicInterestPolice])
            }
            C::ActionTakenByAnotherOrganisation => T::ActionByAnotherBody.into(),
            C::FurtherInvestigationNotInPublicInterest => T::FurtherInvestigationNotInPublicInterest.into(),
            C::FurtherActionNotInPublicInterest => T::Diversionary.into(),
            C::UnderInvestigation => OutcomeSet::single(Outcome::NotYetAssigned),
            C::StatusUpdateUnavailable => OutcomeSet::ANY,
        }
    }
}

impl FromStr for Category {
    type Err = OutcomeError;

    /// Parses a CSV name (current or legacy) or an API code, exactly.
    fn from_str(s: &str) -> Result<Self> {
        Category::from_name(s).or_else(|_| Category::from_code(s))
    }
}

impl TryFrom<String> for Category {
    type Error = OutcomeError;
    fn try_from(s: String) -> Result<Self> {
        s.parse()
    }
}

impl From<Category> for &'static str {
    fn from(c: Category) -> Self {
        c.name()
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A crime's last (or latest) outcome as a data.police.uk file gives it: a
/// category, none, or a text that is not a category. The key results of the
/// readers are counted under, so that what a count can stand for
/// ([`OutcomeText::outcomes`]) is decided in one place.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub enum OutcomeText {
    /// A data.police.uk outcome category, under any of its names.
    Category(Category),
    /// A crime with no outcome row in the outcomes files up to the month the
    /// data stand at: no outcome has been assigned yet.
    NoOutcome,
    /// An empty Last outcome category in a street file: the force published no
    /// outcome for the crime, so it could be anything.
    NotPublished,
    /// A text that is not a data.police.uk category, as the file writes it.
    Unknown(String),
    /// Texts that are not categories beyond those a reader keeps apart, counted together.
    OtherUnknown,
}

impl OutcomeText {
    /// How [`OutcomeText::NoOutcome`] is written.
    pub const NO_OUTCOME: &'static str = "No outcome recorded";
    /// How [`OutcomeText::OtherUnknown`] is written.
    pub const OTHER_UNKNOWN: &'static str = "(other unknown outcome categories)";

    /// The outcome a file's text stands for: a category under any of its names,
    /// [`OutcomeText::NotPublished`] for an empty text, else [`OutcomeText::Unknown`].
    ///
    /// ```
    /// use policing_outcomes::{Category, OutcomeText};
    /// assert_eq!(OutcomeText::from_file("Offender imprisoned"), OutcomeText::Category(Category::Imprisoned));
    /// assert_eq!(OutcomeText::from_file(""), OutcomeText::NotPublished);
    /// assert_eq!(OutcomeText::from_file("Sent to the moon"), OutcomeText::Unknown("Sent to the moon".into()));
    /// ```
    #[must_use]
    pub fn from_file(text: &str) -> Self {
        if text.is_empty() {
            return OutcomeText::NotPublished;
        }
        Category::from_name(text).map_or_else(|_| OutcomeText::Unknown(text.to_owned()), OutcomeText::Category)
    }

    /// The Home Office outcomes a count under this text can stand for: a
    /// category's ([`Category::outcomes`]), not yet assigned for no outcome, and
    /// any outcome for an empty or unknown text.
    ///
    /// ```
    /// use policing_outcomes::{Outcome, OutcomeSet, OutcomeText};
    /// assert_eq!(OutcomeText::NoOutcome.outcomes(), OutcomeSet::single(Outcome::NotYetAssigned));
    /// assert_eq!(OutcomeText::NotPublished.outcomes(), OutcomeSet::ANY);
    /// ```
    #[must_use]
    pub fn outcomes(&self) -> OutcomeSet {
        match self {
            OutcomeText::Category(c) => c.outcomes(),
            OutcomeText::NoOutcome => OutcomeSet::single(Outcome::NotYetAssigned),
            OutcomeText::NotPublished | OutcomeText::Unknown(_) | OutcomeText::OtherUnknown => OutcomeSet::ANY,
        }
    }

    /// Whether the text is a data.police.uk category (or no outcome at all).
    #[must_use]
    pub fn is_known(&self) -> bool {
        matches!(self, OutcomeText::Category(_) | OutcomeText::NoOutcome | OutcomeText::NotPublished)
    }
}

impl fmt::Display for OutcomeText {
    /// The category's current name, "No outcome recorded", the empty text, the
    /// unknown text as written, or "(other unknown outcome categories)".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OutcomeText::Category(c) => f.write_str(c.name()),
            OutcomeText::NoOutcome => f.write_str(Self::NO_OUTCOME),
            OutcomeText::NotPublished => Ok(()),
            OutcomeText::Unknown(t) => f.write_str(t),
            OutcomeText::OtherUnknown => f.write_str(Self::OTHER_UNKNOWN),
        }
    }
}
