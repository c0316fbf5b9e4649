//! A profile's rows and their columns.

use std::fmt;

use policing_forces::Force;
use policing_stats::{Band, Significance};
use rust_decimal::Decimal;

/// The sections of a profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub enum Section {
    /// Police recorded crime by offence group.
    RecordedCrime,
    /// Anti-social behaviour incidents.
    AntiSocialBehaviour,
    /// The last outcome of crimes.
    Outcomes,
    /// Officers.
    Resources,
    /// The crime severity score.
    Severity,
}

impl Section {
    /// The section's name as the outputs print it.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Section::RecordedCrime => "recorded crime",
            Section::AntiSocialBehaviour => "anti-social behaviour",
            Section::Outcomes => "outcomes",
            Section::Resources => "resources",
            Section::Severity => "severity",
        }
    }
}

impl fmt::Display for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Where a force's value sits among the forces, for a spine chart: the lowest,
/// the quartiles and the highest of the ranked forces' values, and England and
/// Wales.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Spine {
    /// The lowest value of a ranked force.
    pub lowest: f64,
    /// The 25th percentile (linear interpolation between order statistics).
    pub lower_quartile: f64,
    /// The 75th percentile.
    pub upper_quartile: f64,
    /// The highest value of a ranked force.
    pub highest: f64,
    /// England and Wales's value (the centre of the chart).
    pub england_and_wales: f64,
}

/// One measure of a force's profile.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ProfileRow {
    /// The section.
    pub section: Section,
    /// The measure's id (`violence_with_injury`, `anti_social_behaviour`).
    pub measure: String,
    /// The measure in words.
    pub label: String,
    /// The period ("12 months to 30 June 2016", "2015").
    pub period: String,
    /// The count (for a share given as a range, the lowest count the data allow).
    pub count: Option<Decimal>,
    /// The denominator.
    pub denominator: Option<Decimal>,
    /// The rate per [`ProfileRow::per`] of the denominator.
    pub rate: Option<Decimal>,
    /// What the rate is per ("1,000 population", "100 crimes", "officer", "head of population").
    pub per: String,
    /// England and Wales's rate.
    pub england_and_wales_rate: Option<Decimal>,
    /// The force's competition rank among the ranked forces (1 = the highest value).
    pub rank: Option<usize>,
    /// How many forces were ranked.
    pub of: usize,
    /// The inspectorate's band.
    pub band: Option<Band>,
    /// Significance against England and Wales (the one comparison,
    /// `policing_stats::comparison`), widened for overdispersion unless asked
    /// otherwise, never more significant than chance alone.
    pub significance: Option<Significance>,
    /// The lower end of the verdict's 95% interval: England and Wales lies
    /// outside `lower_95`-`upper_95` exactly when the row is significant.
    pub lower_95: Option<f64>,
    /// The upper end of the verdict's 95% interval.
    pub upper_95: Option<f64>,
    /// The lower end of the 95% interval of chance alone (Byar or exact Poisson
    /// for rates, Wilson for shares).
    pub chance_lower_95: Option<f64>,
    /// The upper end of the 95% interval of chance alone.
    pub chance_upper_95: Option<f64>,
    /// Percent change in the count on the year before.
    pub previous_year_change: Option<Decimal>,
    /// Percent change in the count on five years before.
    pub five_year_change: Option<Decimal>,
    /// The source and its vintage.
    pub source: String,
    /// What is particular to the row: why a value is missing, a share given as a
    /// range, the overdispersion, the comparison group.
    pub note: String,
    /// What holds for every row of the measure's kind (the window, the
    /// denominators, how the measure is made).
    pub caption: String,
    /// For a share the data give only as a range: its lowest and highest rate.
    pub range: Option<(Decimal, Decimal)>,
    /// The forces' spread, for a spine chart (when forces were ranked).
    pub spine: Option<Spine>,
}

/// The columns of a profile's CSV, in order.
pub const COLUMNS: [&str; 25] = [
    "section",
    "measure",
    "period",
    "count",
    "denominator",
    "rate",
    "per",
    "england_and_wales_rate",
    "rank",
    "of",
    "band",
    "significance",
    "lower_95",
    "upper_95",
    "chance_lower_95",
    "chance_upper_95",
    "previous_year_change",
    "five_year_change",
    "source",
    "note",
    "tests",
    "expected_flags_95",
    "flags_95",
    "expected_flags_99_8",
    "flags_99_8",
];

impl ProfileRow {
    /// The row's cells in [`COLUMNS`] order but for the profile's multiplicity
    /// (the last five, from [`Profile::tests`]): numbers as the shortest decimal
    /// that reads back (`places` rounds rates and changes for reading).
    #[must_use]
    pub fn cells(&self, places: Option<u32>) -> Vec<String> {
        let dec = |d: &Option<Decimal>| {
            d.map_or_else(String::new, |v| match places {
                Some(p) => v.round_dp(p).to_string(),
                None => v.normalize().to_string(),
            })
        };
        let float = |f: &Option<f64>| {
            f.map_or_else(String::new, |v| match places {
                Some(p) => format!("{v:.prec$}", prec = p as usize),
                None => v.to_string(),
            })
        };
        let count = self.count.map_or_else(String::new, |c| c.normalize().to_string());
        let denominator = self.denominator.map_or_else(String::new, |d| match places {
            Some(_) => d.round_dp(0).to_string(),
            None => d.normalize().to_string(),
        });
        vec![
            self.section.name().to_owned(),
            self.measure.clone(),
            self.period.clone(),
            count,
            denominator,
            dec(&self.rate),
            self.per.clone(),
            dec(&self.england_and_wales_rate),
            self.rank.map(|r| r.to_string()).unwrap_or_default(),
            if self.of > 0 { self.of.to_string() } else { String::new() },
            self.band.map(|b| b.words().to_owned()).unwrap_or_default(),
            self.significance.map(|s| s.label().to_owned()).unwrap_or_default(),
            float(&self.lower_95),
            float(&self.upper_95),
            float(&self.chance_lower_95),
            float(&self.chance_upper_95),
            dec(&self.previous_year_change),
            dec(&self.five_year_change),
            self.source.clone(),
            [self.note.as_str(), self.caption.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join("; "),
        ]
    }
}

/// One force's profile.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Profile {
    /// The force.
    pub force: Force,
    /// The rolling year of the recorded crime figures ("12 months to 30 June 2016").
    pub year: String,
    /// Every measure.
    pub rows: Vec<ProfileRow>,
    /// What the profile as a whole says: denominators, the overdispersion, the comparison group.
    pub notes: Vec<String>,
    /// The sources read, each with its vintage.
    pub sources: Vec<String>,
    /// How many of the rows were tested against England and Wales and how many
    /// were flagged, beside the flags chance alone would give.
    pub tests: policing_stats::Tests,
}

impl Profile {
    /// The first row of a measure.
    #[must_use]
    pub fn row(&self, measure: &str) -> Option<&ProfileRow> {
        self.rows.iter().find(|r| r.measure == measure)
    }
}
