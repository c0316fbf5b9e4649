//! A profile's rows.

use std::fmt;

use policing_crime::YearEnding;
use policing_forces::Force;
use policing_stats::change::Change;
use policing_stats::trend::{Polarity, Trend};
use policing_stats::{Band, Rank, Significance};
use rust_decimal::Decimal;

use crate::indicator::{DenominatorOf, Per, SeriesBreak, SeriesPoint};

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
    /// The lowest value of a ranked force (the low end, for ranges).
    pub lowest: f64,
    /// The 25th percentile (linear interpolation between order statistics; of
    /// the midpoints, for ranges).
    pub lower_quartile: f64,
    /// The 75th percentile.
    pub upper_quartile: f64,
    /// The highest value of a ranked force (the high end, for ranges).
    pub highest: f64,
    /// England and Wales's value (the centre of the chart; the midpoint of its range).
    pub england_and_wales: f64,
}

/// A comparison group's figures on a row: the group's pooled value and the
/// force's rank within it.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct GroupFigures {
    /// The group's pooled value (counts over denominators), when exact.
    pub value: Option<Decimal>,
    /// The group's pooled range, when a member's count is a range.
    pub range: Option<(Decimal, Decimal)>,
    /// The force's rank within the group (1 = the highest value).
    pub rank: Option<Rank>,
    /// How many of the group were ranked.
    pub of: usize,
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
    /// The measure's own period (`None` when the section is not held for the profile's period).
    pub period: Option<YearEnding>,
    /// The count.
    pub count: Option<Decimal>,
    /// For a count the data give only as a range: its lowest and highest.
    pub count_range: Option<(Decimal, Decimal)>,
    /// The denominator.
    pub denominator: Option<Decimal>,
    /// Which denominator: its year and edition.
    pub denominator_of: Option<DenominatorOf>,
    /// What the value is per.
    pub per: Option<Per>,
    /// The force's value (per [`ProfileRow::per`]), when exact.
    pub rate: Option<Decimal>,
    /// The force's value as a range, when its count is one.
    pub range: Option<(Decimal, Decimal)>,
    /// England and Wales's value: the forces compared, pooled.
    pub england_and_wales_rate: Option<Decimal>,
    /// England and Wales's range, when a force's count is a range.
    pub england_and_wales_range: Option<(Decimal, Decimal)>,
    /// The force's rank among the ranked forces (1 = the highest value; a range of ranks for a range).
    pub rank: Option<Rank>,
    /// How many forces were ranked.
    pub of: usize,
    /// The inspectorate's band.
    pub band: Option<Band>,
    /// Significance against England and Wales (the one comparison,
    /// `policing_stats::comparison`), widened for overdispersion unless asked
    /// otherwise, never more significant than chance alone; for a range, only
    /// where both ends agree.
    pub significance: Option<Significance>,
    /// The lower end of the verdict's 95% interval: England and Wales lies
    /// outside `lower_95`-`upper_95` exactly when the row is significant.
    pub lower_95: Option<f64>,
    /// The upper end of the verdict's 95% interval.
    pub upper_95: Option<f64>,
    /// The lower end of the 95% interval of chance alone.
    pub chance_lower_95: Option<f64>,
    /// The upper end of the 95% interval of chance alone.
    pub chance_upper_95: Option<f64>,
    /// The change on the same period a year earlier (statistics.md section 9).
    pub previous_year_change: Option<Change>,
    /// The change on five years earlier.
    pub five_year_change: Option<Change>,
    /// The one-year change against England and Wales's (section 9 step 2).
    pub change_against_england_and_wales: Option<Significance>,
    /// The five-year trend (section 10).
    pub trend: Trend,
    /// Whether higher is better, worse or neither (for the trend's words).
    pub polarity: Polarity,
    /// The force's five-year series, earliest first.
    pub series: Vec<SeriesPoint>,
    /// England and Wales's five-year series.
    pub england_and_wales_series: Vec<SeriesPoint>,
    /// Breaks of definition inside the series.
    pub breaks: Vec<SeriesBreak>,
    /// The comparison group's figures, when a group was asked for.
    pub group: Option<GroupFigures>,
    /// The source and its vintage.
    pub source: String,
    /// What is particular to the force on this row (why a value is missing,
    /// a data gap, a range, too few events for a change).
    pub notes: Vec<String>,
    /// What holds for the measure on every force's row (its overdispersion, how
    /// it is made), said once on a page.
    pub about: Vec<String>,
    /// The forces' spread, for a spine chart (when forces were ranked).
    pub spine: Option<Spine>,
}

impl ProfileRow {
    /// The trend marker in words, with the measure's polarity.
    #[must_use]
    pub fn trend_words(&self) -> String {
        self.trend.marker.words(self.polarity)
    }
}

/// A section's own period, or why it has none.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct SectionPeriod {
    /// The section.
    pub section: Section,
    /// Its period, when held.
    pub period: Option<YearEnding>,
    /// "not held for this period: &lt;what is held&gt;", when not.
    pub not_held: Option<String>,
    /// What holds for the whole section (the window, the denominators, a data gap).
    pub about: Vec<String>,
}

/// One force's profile.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Profile {
    /// The force.
    pub force: Force,
    /// The profile's period: the rolling year of the recorded crime figures.
    pub period: YearEnding,
    /// Each section's own period.
    pub sections: Vec<SectionPeriod>,
    /// Every measure.
    pub rows: Vec<ProfileRow>,
    /// The comparison group, in words ("South West region: ..."), when asked for.
    pub group: Option<String>,
    /// What the profile as a whole says: England and Wales, ranks and bands, significance.
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
