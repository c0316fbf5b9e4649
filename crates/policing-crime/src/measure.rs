//! The measures of recorded crime the PEEL reports print: what each counts and
//! what it is "per".

use std::fmt;
use std::str::FromStr;

use crate::error::CrimeError;
use crate::offence::{id_of, CrimeClass, DefinitionBreak, Offence};
use crate::series::{Figure, NotAvailable};
use crate::year::YearEnding;

/// What a rate is per 1,000 of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Per {
    /// Resident population (ONS mid-year estimates).
    Population,
    /// Households (burglary in a dwelling).
    Households,
}

impl Per {
    /// In words: "population", "households".
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Per::Population => "population",
            Per::Households => "households",
        }
    }
}

/// A measure of recorded crime.
///
/// ```
/// use policing_crime::{Measure, Offence, Per};
/// let m: Measure = "domestic_burglary".parse()?;
/// assert_eq!(m, Measure::Offence(Offence::DomesticBurglary));
/// assert_eq!(m.per(), Per::Households);
/// assert_eq!(Measure::RecordedCrimeExclFraud.id(), "recorded_crime_excl_fraud");
/// assert_eq!(Measure::VictimBasedCrime.offences().len(), 17);
/// assert!("assault_with_injury".parse::<Measure>().is_err());
/// # Ok::<(), policing_crime::CrimeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
#[non_exhaustive]
pub enum Measure {
    /// Total police recorded crime excluding fraud: every offence but fraud
    /// offences, in every period, so that a change compares like with like.
    RecordedCrimeExclFraud,
    /// Victim-based crime.
    VictimBasedCrime,
    /// Other crimes against society.
    OtherCrimesAgainstSociety,
    /// One offence row of the ONS tables.
    Offence(Offence),
}

impl Measure {
    /// The five measures of a 2016 PEEL effectiveness report's figure 2 (with
    /// violence with injury, the nearest group-level measure to "assault with
    /// injury", which needs offence-code data).
    pub const FIGURE_2: [Measure; 5] = [
        Measure::RecordedCrimeExclFraud,
        Measure::VictimBasedCrime,
        Measure::Offence(Offence::SexualOffences),
        Measure::Offence(Offence::ViolenceWithInjury),
        Measure::Offence(Offence::DomesticBurglary),
    ];

    /// Every measure: the three totals, then every offence row.
    pub fn all() -> impl Iterator<Item = Measure> {
        [Measure::RecordedCrimeExclFraud, Measure::VictimBasedCrime, Measure::OtherCrimesAgainstSociety]
            .into_iter()
            .chain(Offence::ALL.into_iter().map(Measure::Offence))
    }

    /// The identifier for command lines and machine-readable output.
    #[must_use]
    pub fn id(self) -> String {
        match self {
            Measure::RecordedCrimeExclFraud => "recorded_crime_excl_fraud".to_owned(),
            Measure::VictimBasedCrime => "victim_based_crime".to_owned(),
            Measure::OtherCrimesAgainstSociety => "other_crimes_against_society".to_owned(),
            Measure::Offence(o) => o.id(),
        }
    }

    /// The name as a report would print it.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Measure::RecordedCrimeExclFraud => "Recorded crime (excluding fraud)",
            Measure::VictimBasedCrime => "Victim-based crime",
            Measure::OtherCrimesAgainstSociety => "Other crimes against society",
            Measure::Offence(Offence::DomesticBurglary) => "Burglary in a dwelling (domestic burglary)",
            Measure::Offence(o) => o.name(),
        }
    }

    /// The offence rows the measure adds up.
    #[must_use]
    pub fn offences(self) -> Vec<Offence> {
        let class = |c: CrimeClass| Offence::ALL.into_iter().filter(|o| o.class() == c).collect();
        match self {
            Measure::RecordedCrimeExclFraud => {
                Offence::ALL.into_iter().filter(|o| o.class() != CrimeClass::Fraud).collect()
            }
            Measure::VictimBasedCrime => class(CrimeClass::VictimBased),
            Measure::OtherCrimesAgainstSociety => class(CrimeClass::OtherCrimesAgainstSociety),
            Measure::Offence(o) => vec![o],
        }
    }

    /// What the rate is per 1,000 of: households for burglary of dwellings
    /// (domestic, and residential after it), population otherwise.
    #[must_use]
    pub fn per(self) -> Per {
        match self {
            Measure::Offence(Offence::DomesticBurglary | Offence::ResidentialBurglary) => Per::Households,
            _ => Per::Population,
        }
    }

    /// Whether counts of this measure over a span of days (two periods compared,
    /// or the years of a trend) measure one thing: the first break of its
    /// definition within the span ([`crate::DEFINITION_BREAKS`]), if any.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use policing_crime::{Measure, Offence};
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let stalking = Measure::Offence(Offence::StalkingAndHarassment);
    /// // 12 months to June 2015 against 12 months to June 2016: across April 2015.
    /// let b = stalking.comparable_within(day(2014, 7, 1), day(2016, 6, 30)).unwrap_err();
    /// assert!(b.describe().contains("April 2015"));
    /// assert!(stalking.comparable_within(day(2015, 7, 1), day(2017, 6, 30)).is_ok());
    /// // A total is compared across its rows' breaks.
    /// assert!(Measure::VictimBasedCrime.comparable_within(day(2014, 7, 1), day(2016, 6, 30)).is_ok());
    /// ```
    ///
    /// # Errors
    /// The break, when the span crosses one.
    pub fn comparable_within(
        self,
        start: chrono::NaiveDate,
        end: chrono::NaiveDate,
    ) -> Result<(), &'static DefinitionBreak> {
        match self {
            Measure::Offence(o) => o.break_within(start, end).map_or(Ok(()), Err),
            _ => Ok(()),
        }
    }

    /// The breaks of the rows a total is made of within a span of days: not
    /// breaks of the total (it is compared across them as the ONS compares it),
    /// but what a note on a change of the total should say it contains. Empty for
    /// a single offence row (its own breaks make it not comparable instead).
    #[must_use]
    pub fn breaks_inside(self, start: chrono::NaiveDate, end: chrono::NaiveDate) -> Vec<&'static DefinitionBreak> {
        match self {
            Measure::Offence(_) => Vec::new(),
            _ => {
                let members = self.offences();
                crate::offence::DEFINITION_BREAKS
                    .iter()
                    .filter(|b| b.replaced_by.is_empty() && b.offences.iter().any(|o| members.contains(o)))
                    .filter(|b| b.within(start, end))
                    .collect()
            }
        }
    }

    /// Whether a count of this measure over `year` means what its name says:
    /// every offence it adds up was recorded under its definition throughout the
    /// year. Totals that include all four burglary rows are comparable across
    /// the 2017 change; domestic burglary is not after March 2017, and
    /// residential burglary only for years that start after it.
    ///
    /// # Errors
    /// [`NotAvailable`] naming the change and offering the replacement.
    pub fn comparable(self, year: YearEnding) -> Figure<()> {
        let Measure::Offence(o) = self else { return Ok(()) };
        if o.defined_throughout(year.start(), year.end()) {
            return Ok(());
        }
        let instead = if o.recorded_until().is_some() {
            crate::offence::DEFINITION_BREAKS
                .iter()
                .find(|c| !c.replaced_by.is_empty() && c.offences.contains(&o))
                .map(|c| {
                    let names: Vec<String> = c.replaced_by.iter().map(|b| b.id()).collect();
                    format!(
                        "from {} {}; use {} for rolling years that start on or after that day",
                        c.from.format("%-d %B %Y"),
                        c.what,
                        names.join(" or ")
                    )
                })
                .unwrap_or_default()
        } else {
            o.recorded_from()
                .map(|from| {
                    format!(
                        "{o} is recorded from {} only; a rolling year must start on or after it",
                        from.format("%-d %B %Y")
                    )
                })
                .unwrap_or_default()
        };
        Err(NotAvailable::because(format!("{} is not comparable for the {year}: {instead}", self.id())))
    }
}

impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Measure {
    type Err = CrimeError;

    /// Parses an identifier (`recorded_crime_excl_fraud`, `sexual_offences`) or
    /// a name ("Victim-based crime", "Sexual offences").
    fn from_str(text: &str) -> Result<Self, CrimeError> {
        let id = id_of(text);
        Measure::all().find(|m| m.id() == id || id_of(m.name()) == id).ok_or_else(|| CrimeError::UnknownMeasure {
            text: text.to_owned(),
            known: Measure::all().map(Measure::id).collect::<Vec<_>>().join(", "),
        })
    }
}

impl TryFrom<String> for Measure {
    type Error = CrimeError;
    fn try_from(s: String) -> Result<Self, CrimeError> {
        s.parse()
    }
}

impl From<Measure> for String {
    fn from(m: Measure) -> String {
        m.id()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a test: a failure panics with its message")]
    use super::*;

    #[test]
    fn measures_parse_and_count_the_right_rows() {
        for m in Measure::all() {
            assert_eq!(m.id().parse::<Measure>().unwrap(), m);
        }
        assert_eq!(Measure::RecordedCrimeExclFraud.offences().len(), 21);
        assert!(!Measure::RecordedCrimeExclFraud.offences().contains(&Offence::FraudOffences));
        assert_eq!(Measure::OtherCrimesAgainstSociety.offences().len(), 4);
        let e = "burglary".parse::<Measure>().unwrap_err().to_string();
        assert!(e.contains("\"burglary\"") && e.contains("domestic_burglary"), "{e}");
    }

    #[test]
    fn domestic_burglary_is_not_comparable_past_march_2017() {
        let y = |m: &str| m.parse::<YearEnding>().unwrap();
        let domestic = Measure::Offence(Offence::DomesticBurglary);
        let residential = Measure::Offence(Offence::ResidentialBurglary);
        assert!(domestic.comparable(y("2017-03")).is_ok());
        let e = domestic.comparable(y("2017-06")).unwrap_err().reason;
        assert!(e.contains("residential_burglary") && e.contains("1 April 2017"), "{e}");
        assert!(residential.comparable(y("2017-12")).is_err());
        assert!(residential.comparable(y("2018-03")).is_ok());
        assert!(Measure::VictimBasedCrime.comparable(y("2017-06")).is_ok());
    }
}
