//! Indicators: one small type per measure family, each saying its section, its
//! typed period, its denominator and statistic, and yielding every force's
//! inputs; the profile is "for each indicator: inputs, then the one comparison".
//!
//! A new measure family is one file under `indicators/` implementing
//! [`Indicator`] and one line in [`registry`].

use std::collections::BTreeMap;
use std::fmt;

use chrono::{Datelike, NaiveDate};
use policing_crime::{Denominators, YearEnding};
use policing_forces::Force;
use policing_stats::change::Change;
use policing_stats::trend::Polarity;
use policing_stats::Statistic;
use rust_decimal::Decimal;

use crate::error::Result;
use crate::row::Section;
use crate::Sources;

/// What a measure's value is per.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub enum Per {
    /// Per 1,000 residents (ONS mid-year population estimates).
    ThousandPopulation,
    /// Per 1,000 households (household projections).
    ThousandHouseholds,
    /// Per 100 crimes: a share of the year's crimes.
    HundredCrimes,
    /// Per officer (full-time equivalent).
    Officer,
    /// Per head of population (the crime severity score, as ONS scales it).
    Head,
}

impl Per {
    /// The words the outputs print: "1,000 population", "100 crimes".
    #[must_use]
    pub fn words(self) -> &'static str {
        match self {
            Per::ThousandPopulation => "1,000 population",
            Per::ThousandHouseholds => "1,000 households",
            Per::HundredCrimes => "100 crimes",
            Per::Officer => "officer",
            Per::Head => "head of population",
        }
    }

    /// What a count over its denominator is multiplied by: 1,000, 100 or 1.
    #[must_use]
    pub fn multiplier(self) -> Decimal {
        match self {
            Per::ThousandPopulation | Per::ThousandHouseholds => Decimal::ONE_THOUSAND,
            Per::HundredCrimes => Decimal::ONE_HUNDRED,
            Per::Officer | Per::Head => Decimal::ONE,
        }
    }
}

impl fmt::Display for Per {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.words())
    }
}

/// A period in the words a reader expects: "calendar year 2016" for the 12
/// months to 31 December, "12 months to 30 June 2016" otherwise.
#[must_use]
pub fn period_words(period: YearEnding) -> String {
    if period.end().month() == 12 {
        format!("calendar year {}", period.end().year())
    } else {
        period.to_string()
    }
}

/// The denominator of a measure: which year and edition, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct DenominatorOf {
    /// What it counts, with its year: "ONS mid-2015 population", "officers at 31 March 2016".
    pub what: String,
    /// The year of the estimate or count (mid-year for populations; the year of the 31 March count for officers).
    pub year: Option<i32>,
    /// The edition: "ONS mid-year estimates, July 2024 edition".
    pub edition: String,
}

impl DenominatorOf {
    /// A denominator.
    #[must_use]
    pub fn new(what: impl Into<String>, year: Option<i32>, edition: impl Into<String>) -> DenominatorOf {
        DenominatorOf { what: what.into(), year, edition: edition.into() }
    }
}

/// What one force brings to a measure.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Input {
    /// A count (or score) over a denominator. A force ranked nowhere
    /// (`Force::not_ranked`: City of London) is counted in England and Wales only.
    Counts {
        /// The count.
        count: Decimal,
        /// The denominator.
        denominator: Decimal,
    },
    /// A count known only within `[low, high]` (a data.police.uk category that
    /// stands for several outcome types).
    Range {
        /// The lowest count the data allow.
        low: Decimal,
        /// The highest.
        high: Decimal,
        /// The denominator.
        denominator: Decimal,
    },
    /// Counted in England and Wales, ranked and tested nowhere, for the reason
    /// given (a count that is a negative adjustment).
    PooledOnly {
        /// The count.
        count: Decimal,
        /// The denominator.
        denominator: Decimal,
        /// Why.
        reason: String,
    },
    /// Nothing held, with the reason.
    Missing(String),
    /// Figures the data hold but that are incomplete (a data gap): left out of
    /// the ranking and of England and Wales, with the reason.
    Gap(String),
}

/// One point of a measure's five-year series.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct SeriesPoint {
    /// The year (non-overlapping: years to March, or calendar years).
    pub period: YearEnding,
    /// The count.
    pub count: Option<Decimal>,
    /// The denominator.
    pub denominator: Option<Decimal>,
    /// The value per the measure's unit.
    pub value: Option<Decimal>,
}

impl SeriesPoint {
    /// A point: the value is the count over the denominator times `per`'s multiplier.
    #[must_use]
    pub fn new(period: YearEnding, count: Option<Decimal>, denominator: Option<Decimal>, per: Per) -> SeriesPoint {
        let value = match (count, denominator) {
            (Some(c), Some(d)) if !d.is_zero() => c.checked_mul(per.multiplier()).and_then(|x| x.checked_div(d)),
            _ => None,
        };
        SeriesPoint { period, count, denominator, value }
    }
}

/// A break in a measure's definition inside its series' span.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct SeriesBreak {
    /// The first day of the new definition.
    pub from: NaiveDate,
    /// The break in words, with its source.
    pub what: String,
    /// Whether it breaks the measure itself (no trend across it), or only a row
    /// the measure adds up (the total is compared across it, as ONS compares it).
    pub breaks_measure: bool,
}

/// Every figure one force brings to a measure.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ForceInputs {
    /// The period's count over its denominator.
    pub input: Input,
    /// The change on the same period a year earlier (statistics.md section 9), or why there is none.
    pub previous_year: std::result::Result<Change, String>,
    /// The change on five years earlier.
    pub five_year: std::result::Result<Change, String>,
    /// The five-year series, earliest first (the trend is tested on it).
    pub series: Vec<SeriesPoint>,
    /// What is particular to the force (a denominator of another year than asked).
    pub notes: Vec<String>,
}

impl ForceInputs {
    /// A force's inputs with no change computed, for the reason given.
    #[must_use]
    pub fn without_changes(input: Input, why: &str) -> ForceInputs {
        ForceInputs {
            input,
            previous_year: Err(why.to_owned()),
            five_year: Err(why.to_owned()),
            series: Vec::new(),
            notes: Vec::new(),
        }
    }
}

/// How a measure's five-year series is tested for a trend (statistics.md section 10).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TrendTest {
    /// Rates: the weighted slope of each year's rate with its 95% interval.
    Rate,
    /// Shares: Cochran-Armitage on each year's count of the year's crimes.
    Proportion,
    /// Not tested, for the reason given.
    NotTested(String),
}

/// One measure's inputs for every force.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct MeasureInputs {
    /// The measure's id (`violence_with_injury`, `anti_social_behaviour`).
    pub id: String,
    /// The measure in words.
    pub label: String,
    /// The measure's period.
    pub period: YearEnding,
    /// What the value is per.
    pub per: Per,
    /// How forces are tested against England and Wales (`None`: ranked, not tested).
    pub statistic: Option<Statistic>,
    /// Whether higher is better, worse or neither.
    pub polarity: Polarity,
    /// The denominator's year and edition.
    pub denominator: DenominatorOf,
    /// The source and its vintage.
    pub source: String,
    /// What holds for the measure, said once (how it is made, its window).
    pub about: Vec<String>,
    /// Each force's inputs (the 43 territorial forces).
    pub forces: BTreeMap<Force, ForceInputs>,
    /// England and Wales's five-year series (drawn beside each force's).
    pub england_and_wales_series: Vec<SeriesPoint>,
    /// Breaks of definition inside the series' span.
    pub breaks: Vec<SeriesBreak>,
    /// How the series is tested for a trend.
    pub trend: TrendTest,
}

/// What an indicator yields for a profile's period: its section's period and
/// measures, or why nothing is held.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct SectionInputs {
    /// The section.
    pub section: Section,
    /// The section's own period (outcomes: a calendar year), when held.
    pub period: Option<YearEnding>,
    /// The measures.
    pub measures: Vec<MeasureInputs>,
    /// "not held for this period: &lt;what is held&gt;", when nothing is.
    pub not_held: Option<String>,
    /// The sources read, each with its vintage.
    pub sources: Vec<String>,
    /// What holds for the whole section, said once under its heading.
    pub about: Vec<String>,
}

impl SectionInputs {
    /// A section with nothing held for the period.
    #[must_use]
    pub fn not_held(section: Section, held: impl Into<String>) -> SectionInputs {
        SectionInputs {
            section,
            period: None,
            measures: Vec::new(),
            not_held: Some(format!("not held for this period: {}", held.into())),
            sources: Vec::new(),
            about: Vec::new(),
        }
    }
}

/// What an indicator reads: the sources, the profile's period and the denominators.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct Context<'a> {
    /// The data.
    pub sources: &'a Sources,
    /// The profile's period: the rolling year of the recorded crime figures.
    pub period: YearEnding,
    /// The populations and households rates are per 1,000 of.
    pub denominators: &'a Denominators,
}

/// A family of measures: its section, and every force's inputs for a profile's period.
pub trait Indicator: fmt::Debug + Send + Sync {
    /// The section its measures are shown in.
    fn section(&self) -> Section;

    /// Every measure of the family for the profile's period, or "not held".
    ///
    /// # Errors
    /// An error of the data or of the recorded crime crate.
    fn inputs(&self, context: &Context<'_>) -> Result<SectionInputs>;
}

/// The indicators of a profile, in the order its sections are shown. A new
/// family is one more line here.
#[must_use]
pub fn registry() -> Vec<Box<dyn Indicator>> {
    use crate::indicators::{AntiSocialBehaviour, CrimesPerOfficer, LastOutcomes, RecordedCrime, Severity};
    vec![
        Box::new(RecordedCrime),
        Box::new(AntiSocialBehaviour),
        Box::new(LastOutcomes),
        Box::new(CrimesPerOfficer),
        Box::new(Severity),
    ]
}

/// The latest calendar year that ends on or before `period`'s last day.
#[must_use]
pub fn calendar_year_within(period: YearEnding) -> i32 {
    if period.end().month() == 12 {
        period.end().year()
    } else {
        period.end().year() - 1
    }
}

/// The latest year to March that ends on or before `period`'s last day.
#[must_use]
pub fn march_year_within(period: YearEnding) -> i32 {
    // Every rolling year ends in March, June, September or December.
    period.end().year()
}
