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
//! Breaks in what an offence row counts (counting-rule and classification
//! changes) are data, in [`DEFINITION_BREAKS`], with their sources, not special
//! cases in the measures: [`Offence::recorded_from`], [`Offence::recorded_until`]
//! and [`Offence::break_within`] read it.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;

use crate::error::CrimeError;

/// The three classes of police recorded crime.
///
/// A closed set: recorded crime is victim-based, against society, or fraud.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
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

/// The day the burglary classification changed (`DEFINITION_BREAKS`).
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
    /// another ([`DEFINITION_BREAKS`]).
    #[must_use]
    pub fn recorded_from(self) -> Option<NaiveDate> {
        DEFINITION_BREAKS.iter().find(|c| c.replaced_by.contains(&self)).map(|c| c.from)
    }

    /// The last day crimes were recorded under this offence, if another replaced it.
    #[must_use]
    pub fn recorded_until(self) -> Option<NaiveDate> {
        DEFINITION_BREAKS
            .iter()
            .find(|c| !c.replaced_by.is_empty() && c.offences.contains(&self))
            .and_then(|c| c.from.pred_opt())
    }

    /// The first break of this offence's definition within a span of days.
    #[must_use]
    pub fn break_within(self, start: NaiveDate, end: NaiveDate) -> Option<&'static DefinitionBreak> {
        DEFINITION_BREAKS.iter().find(|b| b.offences.contains(&self) && b.within(start, end))
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

/// A break in what an offence row counts: from a date, by a change of the Home
/// Office Counting Rules or of the classification. A count before the date and
/// one after it do not measure the same thing, so a change or a trend across it
/// is "not comparable: &lt;the break&gt;".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct DefinitionBreak {
    /// The offence rows whose definition changed.
    pub offences: &'static [Offence],
    /// The first day of the new definition.
    pub from: NaiveDate,
    /// The rows that replace them from that day, when they stop being recorded (else empty).
    pub replaced_by: &'static [Offence],
    /// What changed, in words.
    pub what: &'static str,
    /// Where that is stated, and how the series shows it.
    pub source: &'static str,
}

impl DefinitionBreak {
    /// Whether a span of days from `start` to `end` (inclusive) crosses the break:
    /// it begins before the new definition and ends under it.
    #[must_use]
    pub fn within(&self, start: NaiveDate, end: NaiveDate) -> bool {
        start < self.from && self.from <= end
    }

    /// "the April 2015 change": the break by its date, for a sentence that says more elsewhere.
    #[must_use]
    pub fn name(&self) -> String {
        format!("the {} change", self.from.format("%B %Y"))
    }

    /// "the April 2015 change: &lt;what&gt; (source: &lt;source&gt;)".
    #[must_use]
    pub fn describe(&self) -> String {
        format!("the {} change: {} (source: {})", self.from.format("%B %Y"), self.what, self.source)
    }
}

/// The day the Home Office Counting Rules of 2015/16 took effect.
#[allow(clippy::panic, reason = "evaluated at compile time: a date literal that is not a date fails the build")]
const APRIL_2015: NaiveDate = match NaiveDate::from_ymd_opt(2015, 4, 1) {
    Some(d) => d,
    None => panic!("1 April 2015 is a date"),
};

/// The day the Home Office Counting Rules of 2018/19 took effect.
#[allow(clippy::panic, reason = "evaluated at compile time: a date literal that is not a date fails the build")]
const APRIL_2018: NaiveDate = match NaiveDate::from_ymd_opt(2018, 4, 1) {
    Some(d) => d,
    None => panic!("1 April 2018 is a date"),
};

/// The source of the stalking and harassment breaks: the Home Office's notes to
/// its appendix table of harassment and stalking offences.
const HARASSMENT_SOURCE: &str = "Home Office, Police recorded crime appendix tables, year ending March 2022, table A4, notes \
     (as reproduced by the GSS violence against women and girls data dashboard, Police recorded crime of harassment and of \
     stalking); the ONS table in data/raw shows it: England and Wales's stalking and harassment rose 38% in the year to \
     March 2015 and 87% in the year to March 2016, and its rolling year grew by 6,000 a quarter before April 2015, 15,000 to \
     24,000 after";

/// Every break in the ONS force-area table's offence rows that this library
/// knows, with its source: the one table every change and trend checks.
///
/// - **Stalking and harassment, April 2015**: changes to the Home Office Counting
///   Rules made two more harassment offences notifiable ("disclosure of private
///   sexual photographs and films with intent to cause distress or anxiety" and
///   "sending letters with intent to cause distress or anxiety", the latter any
///   form of electronic communication: malicious communications), with no
///   back series. Wiltshire's count rose 251% on a year, Dyfed-Powys's 1,498% on
///   five: the rule, not crime.
/// - **Stalking and harassment, April 2018**: a course of conduct amounting to
///   stalking, harassment or controlling or coercive behaviour is recorded in
///   addition to the most serious other offence against the same victim.
/// - **Burglary, April 2017**: burglary is split into residential and
///   non-residential instead of domestic and non-domestic. Residential burglary
///   adds sheds and garages not connected to a dwelling, so it is a different
///   definition; the ONS table shows `0` for the new rows before April 2017, and
///   only the sum of the four burglary rows is comparable across it. [confirmed:
///   ONS user guide, the table itself]
///
/// A break of one offence row is not a break of a total that includes it
/// (recorded crime, victim-based crime): totals are compared across it as the
/// ONS compares them, and [`crate::Measure::breaks_inside`] names the breaks they
/// contain so that a note can say so.
pub const DEFINITION_BREAKS: &[DefinitionBreak] = &[
    DefinitionBreak {
        offences: &[Offence::StalkingAndHarassment],
        from: APRIL_2015,
        replaced_by: &[],
        what: "the Home Office Counting Rules made two more harassment offences notifiable (disclosing private sexual \
               images, and sending letters or electronic communications, with intent to cause distress or anxiety), \
               with no back series",
        source: HARASSMENT_SOURCE,
    },
    DefinitionBreak {
        offences: &[Offence::DomesticBurglary, Offence::NonDomesticBurglary],
        from: APRIL_2017,
        replaced_by: &[Offence::ResidentialBurglary, Offence::NonResidentialBurglary],
        what: "burglary split into residential and non-residential (a different definition) instead of domestic and \
               non-domestic",
        source:
            "ONS User guide to crime statistics for England and Wales; the ONS table in data/raw records residential \
                 and non-residential burglary as 0 before April 2017",
    },
    DefinitionBreak {
        offences: &[Offence::StalkingAndHarassment],
        from: APRIL_2018,
        replaced_by: &[],
        what: "the Home Office Counting Rules record a course of conduct amounting to stalking or harassment in \
               addition to the most serious other offence against the same victim",
        source: HARASSMENT_SOURCE,
    },
];

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a test: a failure panics with its message")]
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
