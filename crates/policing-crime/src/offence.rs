//! The Home Office offence classification as the ONS tables of police recorded
//! crime name it, and the classification the PEEL reports use.
//!
//! The ONS "recorded crime data at police force area level" tables have one row
//! per force area, quarter and [`Offence`]: the subgroups of violence against
//! the person and of theft offences, and the other offence groups whole. Each
//! offence belongs to an [`OffenceGroup`], and each group to a [`CrimeClass`]:
//!
//! | class | groups |
//! |---|---|
//! | victim-based crime | violence against the person (homicide; death or serious injury caused by illegal driving; violence with injury; violence without injury; stalking and harassment), sexual offences, robbery, theft offences (burglary; vehicle offences; theft from the person; bicycle theft; shoplifting; all other theft offences), criminal damage and arson |
//! | other crimes against society | drug offences, possession of weapons offences, public order offences, miscellaneous crimes against society |
//! | fraud | fraud offences (recorded by forces until Action Fraud took over) |
//!
//! Changes of classification over time are data, in [`CLASSIFICATION_CHANGES`]
//! and [`Offence::recorded_from`] / [`Offence::recorded_until`], not special
//! cases in the measures.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;

use crate::error::CrimeError;

/// The three classes of police recorded crime.
///
/// A closed set: recorded crime is victim-based, against society, or fraud.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum CrimeClass {
    /// Crimes with a direct victim: an individual, a group or an organisation.
    VictimBased,
    /// Crimes without a direct victim ("e.g. possession of drugs").
    OtherCrimesAgainstSociety,
    /// Fraud, counted apart (left out of "recorded crime excluding fraud").
    Fraud,
}

impl CrimeClass {
    /// The class's name as the reports write it.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            CrimeClass::VictimBased => "Victim-based crime",
            CrimeClass::OtherCrimesAgainstSociety => "Other crimes against society",
            CrimeClass::Fraud => "Fraud",
        }
    }
}

impl fmt::Display for CrimeClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The Home Office offence groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum OffenceGroup {
    /// Violence against the person.
    ViolenceAgainstThePerson,
    /// Sexual offences.
    SexualOffences,
    /// Robbery.
    Robbery,
    /// Theft offences (burglary, vehicle offences, theft from the person, bicycle theft, shoplifting, all other theft).
    TheftOffences,
    /// Criminal damage and arson.
    CriminalDamageAndArson,
    /// Drug offences.
    DrugOffences,
    /// Possession of weapons offences.
    PossessionOfWeaponsOffences,
    /// Public order offences.
    PublicOrderOffences,
    /// Miscellaneous crimes against society.
    MiscellaneousCrimesAgainstSociety,
    /// Fraud offences.
    FraudOffences,
}

impl OffenceGroup {
    /// Every group, victim-based first.
    pub const ALL: [OffenceGroup; 10] = [
        OffenceGroup::ViolenceAgainstThePerson,
        OffenceGroup::SexualOffences,
        OffenceGroup::Robbery,
        OffenceGroup::TheftOffences,
        OffenceGroup::CriminalDamageAndArson,
        OffenceGroup::DrugOffences,
        OffenceGroup::PossessionOfWeaponsOffences,
        OffenceGroup::PublicOrderOffences,
        OffenceGroup::MiscellaneousCrimesAgainstSociety,
        OffenceGroup::FraudOffences,
    ];

    /// The group's name as the ONS tables write it.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            OffenceGroup::ViolenceAgainstThePerson => "Violence against the person",
            OffenceGroup::SexualOffences => "Sexual offences",
            OffenceGroup::Robbery => "Robbery",
            OffenceGroup::TheftOffences => "Theft offences",
            OffenceGroup::CriminalDamageAndArson => "Criminal damage and arson",
            OffenceGroup::DrugOffences => "Drug offences",
            OffenceGroup::PossessionOfWeaponsOffences => "Possession of weapons offences",
            OffenceGroup::PublicOrderOffences => "Public order offences",
            OffenceGroup::MiscellaneousCrimesAgainstSociety => "Miscellaneous crimes against society",
            OffenceGroup::FraudOffences => "Fraud offences",
        }
    }

    /// The class the group belongs to.
    #[must_use]
    pub fn class(self) -> CrimeClass {
        match self {
            OffenceGroup::ViolenceAgainstThePerson
            | OffenceGroup::SexualOffences
            | OffenceGroup::Robbery
            | OffenceGroup::TheftOffences
            | OffenceGroup::CriminalDamageAndArson => CrimeClass::VictimBased,
            OffenceGroup::DrugOffences
            | OffenceGroup::PossessionOfWeaponsOffences
            | OffenceGroup::PublicOrderOffences
            | OffenceGroup::MiscellaneousCrimesAgainstSociety => CrimeClass::OtherCrimesAgainstSociety,
            OffenceGroup::FraudOffences => CrimeClass::Fraud,
        }
    }

    /// The offences of the ONS table in this group.
    pub fn offences(self) -> impl Iterator<Item = Offence> {
        Offence::ALL.into_iter().filter(move |o| o.group() == self)
    }
}

impl fmt::Display for OffenceGroup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

macro_rules! offences {
    ($($variant:ident => $name:literal, $group:ident;)*) => {
        /// One offence row of the ONS police force area tables: a subgroup of
        /// violence against the person or of theft offences, or a whole group.
        ///
        /// ```
        /// use policing_crime::{CrimeClass, Offence, OffenceGroup};
        /// let o: Offence = "Violence with injury".parse()?;
        /// assert_eq!(o.group(), OffenceGroup::ViolenceAgainstThePerson);
        /// assert_eq!(o.class(), CrimeClass::VictimBased);
        /// assert_eq!(o.id(), "violence_with_injury");
        /// assert_eq!("violence_with_injury".parse::<Offence>()?, o);
        /// assert!("Assault with injury".parse::<Offence>().is_err());
        /// # Ok::<(), policing_crime::CrimeError>(())
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(try_from = "String", into = "&'static str"))]
        #[non_exhaustive]
        pub enum Offence {
            $(
                #[doc = $name]
                $variant,
            )*
        }

        impl Offence {
            /// Every offence row, in the order of the classification.
            pub const ALL: [Offence; [$(Offence::$variant),*].len()] = [$(Offence::$variant),*];

            /// The name exactly as the ONS tables write it.
            #[must_use]
            pub fn name(self) -> &'static str {
                match self { $(Offence::$variant => $name),* }
            }

            /// The Home Office offence group.
            #[must_use]
            pub fn group(self) -> OffenceGroup {
                match self { $(Offence::$variant => OffenceGroup::$group),* }
            }
        }
    };
}

offences! {
    Homicide => "Homicide", ViolenceAgainstThePerson;
    DeathOrSeriousInjuryByIllegalDriving => "Death or serious injury caused by illegal driving", ViolenceAgainstThePerson;
    ViolenceWithInjury => "Violence with injury", ViolenceAgainstThePerson;
    ViolenceWithoutInjury => "Violence without injury", ViolenceAgainstThePerson;
    StalkingAndHarassment => "Stalking and harassment", ViolenceAgainstThePerson;
    SexualOffences => "Sexual offences", SexualOffences;
    Robbery => "Robbery", Robbery;
    DomesticBurglary => "Domestic burglary", TheftOffences;
    NonDomesticBurglary => "Non-domestic burglary", TheftOffences;
    ResidentialBurglary => "Residential burglary", TheftOffences;
    NonResidentialBurglary => "Non-residential burglary", TheftOffences;
    VehicleOffences => "Vehicle offences", TheftOffences;
    TheftFromThePerson => "Theft from the person", TheftOffences;
    BicycleTheft => "Bicycle theft", TheftOffences;
    Shoplifting => "Shoplifting", TheftOffences;
    AllOtherTheftOffences => "All other theft offences", TheftOffences;
    CriminalDamageAndArson => "Criminal damage and arson", CriminalDamageAndArson;
    DrugOffences => "Drug offences", DrugOffences;
    PossessionOfWeaponsOffences => "Possession of weapons offences", PossessionOfWeaponsOffences;
    PublicOrderOffences => "Public order offences", PublicOrderOffences;
    MiscellaneousCrimesAgainstSociety => "Miscellaneous crimes against society", MiscellaneousCrimesAgainstSociety;
    FraudOffences => "Fraud offences", FraudOffences;
}

/// The day the burglary classification changed (`CLASSIFICATION_CHANGES`).
#[allow(clippy::panic, reason = "evaluated at compile time: a date literal that is not a date fails the build")]
const APRIL_2017: NaiveDate = match NaiveDate::from_ymd_opt(2017, 4, 1) {
    Some(d) => d,
    None => panic!("1 April 2017 is a date"),
};

impl Offence {
    /// The class: victim-based, other crimes against society, or fraud.
    #[must_use]
    pub fn class(self) -> CrimeClass {
        self.group().class()
    }

    /// Whether the offence is one of the burglary subgroups of theft offences.
    #[must_use]
    pub fn is_burglary(self) -> bool {
        matches!(
            self,
            Offence::DomesticBurglary
                | Offence::NonDomesticBurglary
                | Offence::ResidentialBurglary
                | Offence::NonResidentialBurglary
        )
    }

    /// The identifier used on the command line and in machine-readable output:
    /// the name in lower case with words joined by `_` (`violence_with_injury`).
    #[must_use]
    pub fn id(self) -> String {
        id_of(self.name())
    }

    /// The first day crimes were recorded under this offence, if it replaced
    /// another ([`CLASSIFICATION_CHANGES`]).
    #[must_use]
    pub fn recorded_from(self) -> Option<NaiveDate> {
        CLASSIFICATION_CHANGES.iter().find(|c| c.by.contains(&self)).map(|c| c.from)
    }

    /// The last day crimes were recorded under this offence, if another replaced it.
    #[must_use]
    pub fn recorded_until(self) -> Option<NaiveDate> {
        CLASSIFICATION_CHANGES.iter().find(|c| c.replaces.contains(&self)).and_then(|c| c.from.pred_opt())
    }

    /// Whether every day from `start` to `end` (inclusive) lies in the time the
    /// offence was recorded under this definition, so that a count over those
    /// days means what the offence's name says.
    #[must_use]
    pub fn defined_throughout(self, start: NaiveDate, end: NaiveDate) -> bool {
        self.recorded_from().is_none_or(|from| start >= from) && self.recorded_until().is_none_or(|until| end <= until)
    }
}

pub(crate) fn id_of(name: &str) -> String {
    let lowered: String =
        name.to_lowercase().chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect();
    lowered.split_whitespace().collect::<Vec<_>>().join("_")
}

impl FromStr for Offence {
    type Err = CrimeError;

    /// Parses the ONS name, ignoring case and surrounding spaces, or the
    /// identifier (`violence_with_injury`). Anything else is an error naming the text.
    fn from_str(text: &str) -> Result<Self, CrimeError> {
        let id = id_of(text);
        Offence::ALL
            .into_iter()
            .find(|o| o.id() == id && !id.is_empty())
            .ok_or_else(|| CrimeError::UnknownOffence { text: text.to_owned() })
    }
}

impl TryFrom<String> for Offence {
    type Error = CrimeError;
    fn try_from(s: String) -> Result<Self, CrimeError> {
        s.parse()
    }
}

impl From<Offence> for &'static str {
    fn from(o: Offence) -> &'static str {
        o.name()
    }
}

impl fmt::Display for Offence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A change of the offence classification: from a date, some offences replace others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClassificationChange {
    /// The first day of the new classification.
    pub from: NaiveDate,
    /// The offences recorded until the day before.
    pub replaces: &'static [Offence],
    /// The offences recorded from that day.
    pub by: &'static [Offence],
    /// What changed, in words.
    pub note: &'static str,
}

/// The changes of classification that affect the ONS force area tables.
///
/// - From 1 April 2017 burglary is split into residential and non-residential
///   instead of domestic and non-domestic. Residential burglary adds burglaries of
///   sheds and garages that are not connected to a dwelling, so it is a different
///   definition: a count of domestic burglary after March 2017, or a comparison
///   across the change, does not mean what the name says. The ONS table shows
///   `0` for residential and non-residential burglary before the change (and a
///   rolling year that spans it holds part of each), so only the sum of the four
///   burglary rows is comparable across it. [confirmed: ONS user guide, the table
///   itself]
///
/// Stalking and harassment is its own subgroup of violence against the person in
/// the ONS tables; the edition in `data/raw` presents it for every quarter from
/// 2003, so no change is needed to compare it over time within that edition
/// (when the subgroup was first published separately is UNCONFIRMED, and the
/// 2016 reports only use it inside victim-based crime, which includes it either way).
pub const CLASSIFICATION_CHANGES: &[ClassificationChange] = &[ClassificationChange {
    from: APRIL_2017,
    replaces: &[Offence::DomesticBurglary, Offence::NonDomesticBurglary],
    by: &[Offence::ResidentialBurglary, Offence::NonResidentialBurglary],
    note: "burglary split into residential and non-residential (a different definition) instead of domestic and non-domestic",
}];

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn every_offence_parses_from_its_name_and_id() {
        for o in Offence::ALL {
            assert_eq!(o.name().parse::<Offence>().unwrap(), o);
            assert_eq!(o.name().to_uppercase().parse::<Offence>().unwrap(), o);
            assert_eq!(o.id().parse::<Offence>().unwrap(), o);
            assert!(o.group().offences().any(|x| x == o));
        }
        assert_eq!(Offence::ALL.len(), 22);
        assert!("".parse::<Offence>().is_err());
        let e = "Burglary".parse::<Offence>().unwrap_err();
        assert_eq!(e, CrimeError::UnknownOffence { text: "Burglary".into() });
    }

    #[test]
    fn classes() {
        let victim: Vec<Offence> = Offence::ALL.into_iter().filter(|o| o.class() == CrimeClass::VictimBased).collect();
        assert_eq!(victim.len(), 17);
        let society: Vec<&str> = Offence::ALL
            .iter()
            .filter(|o| o.class() == CrimeClass::OtherCrimesAgainstSociety)
            .map(|o| o.name())
            .collect();
        assert_eq!(
            society,
            [
                "Drug offences",
                "Possession of weapons offences",
                "Public order offences",
                "Miscellaneous crimes against society"
            ]
        );
        assert_eq!(Offence::FraudOffences.class(), CrimeClass::Fraud);
    }

    #[test]
    fn the_burglary_change() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(Offence::DomesticBurglary.recorded_until(), Some(d(2017, 3, 31)));
        assert_eq!(Offence::ResidentialBurglary.recorded_from(), Some(d(2017, 4, 1)));
        assert!(Offence::DomesticBurglary.defined_throughout(d(2016, 4, 1), d(2017, 3, 31)));
        assert!(!Offence::DomesticBurglary.defined_throughout(d(2016, 7, 1), d(2017, 6, 30)));
        assert!(!Offence::ResidentialBurglary.defined_throughout(d(2016, 7, 1), d(2017, 6, 30)));
        assert!(Offence::ResidentialBurglary.defined_throughout(d(2017, 4, 1), d(2018, 3, 31)));
        assert!(Offence::Robbery.defined_throughout(d(2003, 1, 1), d(2030, 1, 1)));
    }
}
