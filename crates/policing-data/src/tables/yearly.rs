//! data.police.uk counts by calendar year, force, crime type and last outcome,
//! as the BBC Data Unit aggregated the street-level archive for every force,
//! 2012 to 2016 (`data/raw/bbc-unsolved-crime/`, `data/raw/SOURCES.md` section
//! 7). The one public file that holds **anti-social behaviour** and **last
//! outcome shares** for every force.
//!
//! Columns, found by name: `Year`, `f0_` (the count; `count` accepted),
//! `crime_type`, `reported_by`, `last_outcome_category`. The file's quirks are
//! handled and reported: its lines end in a lone carriage return; the count
//! column's name; crime types that changed over the years (`Violent crime` and
//! `Public disorder and weapons` in early years) are data.police.uk categories
//! of their time and kept as such; an empty last outcome (anti-social
//! behaviour, and many crimes of early years) is
//! [`OutcomeText::NotPublished`]; rows of the Police Service of Northern
//! Ireland are counted and set apart (not a force of England and Wales).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use policing_crime::CrimeCategory;
use policing_forces::Force;
use policing_outcomes::{Category, OutcomeText};

use super::book::{carriage_returns_only, head_of, header_columns, TableSummary};
#[cfg(feature = "shipped")]
use super::rows::read_csv;
use super::rows::{read_rows, RowSink};
use crate::kernel::{quoted, DataError, Result};

/// The count of one year, force, crime type and last outcome.
pub type YearlyKey = (Force, u16, CrimeCategory, OutcomeText);

/// The counts read, and what happened to every row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct YearlyCounts {
    /// Rows by force, calendar year, crime type (anti-social behaviour included) and last outcome.
    pub counts: BTreeMap<YearlyKey, u64>,
    /// Every row accounted for.
    pub summary: TableSummary,
    /// The file's quirks, in words.
    pub quirks: Vec<String>,
}

/// The rule that marks a force's outcome year as incomplete (a data gap), as
/// [`YearlyCounts::outcome_gaps`] applies it to the 43 territorial forces with
/// crimes in the year:
///
/// 1. its share of crimes still "Under investigation" (no outcome assigned yet)
///    is a robust outlier above the other forces': a modified z-score
///    `0.6745 (x - median) / MAD` above 3.5 (Iglewicz and Hoaglin 1993), or
/// 2. a last outcome category that the median force gives at least 5% of its
///    crimes is (almost) absent from the force's: under 0.5% of its crimes.
///
/// Either way the force's shares of every category are artefacts of supply
/// (the Metropolitan Police Service's near-zero "Unable to prosecute suspect"
/// and 32-36% "Under investigation"; Hertfordshire's and Surrey's zeros), not
/// facts about its outcomes: a profile leaves the year out of the outcome
/// measures' ranking and of England and Wales, with the reason.
pub const OUTCOME_GAP_RULE: &str = "a force's outcome year is incomplete when its share of crimes still \"Under \
     investigation\" is a robust outlier (modified z-score 0.6745 (x - median) / MAD above 3.5, Iglewicz and Hoaglin \
     1993), or when a last outcome category that the median force gives at least 5% of its crimes is under 0.5% of \
     the force's; such a year is left out of the outcome measures' ranking and of England and Wales";

/// The modified z-score above which a share still under investigation is an outlier.
pub const GAP_MODIFIED_Z: f64 = 3.5;
/// The median share (%) from which a category counts as one the forces use.
pub const GAP_COMMON_SHARE: f64 = 5.0;
/// The share (%) below which such a category counts as absent.
pub const GAP_ABSENT_SHARE: f64 = 0.5;

/// A force's outcome year the data leave incomplete, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct OutcomeGap {
    /// The force.
    pub force: Force,
    /// The calendar year.
    pub year: u16,
    /// Why, with the shares that make it a gap.
    pub reason: String,
}

/// The median of some values (`None` for none).
fn median(values: &[f64]) -> Option<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => v.get(n / 2).copied(),
        _ => Some((v.get(n / 2 - 1)? + v.get(n / 2)?) / 2.0),
    }
}

impl YearlyCounts {
    /// The calendar years held.
    #[must_use]
    pub fn years(&self) -> BTreeSet<u16> {
        self.counts.keys().map(|k| k.1).collect()
    }

    /// Anti-social behaviour incidents a force recorded in a year (`None` when the file has no row of it).
    #[must_use]
    pub fn anti_social_behaviour(&self, force: Force, year: u16) -> Option<u64> {
        let mut found = None;
        for (_, n) in self.of(force, year).filter(|((.., c, _), _)| *c == CrimeCategory::AntiSocialBehaviour) {
            *found.get_or_insert(0) += n;
        }
        found
    }

    /// Crimes (every crime type but anti-social behaviour) a force recorded in a year.
    #[must_use]
    pub fn crimes(&self, force: Force, year: u16) -> Option<u64> {
        let mut found = None;
        for (_, n) in self.of(force, year).filter(|((.., c, _), _)| *c != CrimeCategory::AntiSocialBehaviour) {
            *found.get_or_insert(0) += n;
        }
        found
    }

    /// A force's crimes in a year by last outcome.
    #[must_use]
    pub fn outcomes(&self, force: Force, year: u16) -> BTreeMap<OutcomeText, u64> {
        let mut out = BTreeMap::new();
        for ((.., c, o), n) in self.of(force, year) {
            if *c != CrimeCategory::AntiSocialBehaviour {
                *out.entry(o.clone()).or_default() += n;
            }
        }
        out
    }

    /// The forces whose last outcomes for `year` are incomplete: a data gap, not
    /// a fact about the force, by the rule of [`OUTCOME_GAP_RULE`]. Each gap
    /// names the category and the shares that make it one.
    ///
    /// ```
    /// # #[cfg(feature = "shipped")]
    /// # {
    /// use policing_forces::Force;
    /// let counts = policing_data::yearly::shipped()?;
    /// let gaps = counts.outcome_gaps(2016);
    /// let met = gaps.iter().find(|g| g.force == Force::Metropolitan).expect("the Met's 2016 is a gap");
    /// assert!(met.reason.contains("Unable to prosecute suspect"), "{}", met.reason);
    /// assert!(gaps.iter().any(|g| g.force == Force::AvonAndSomerset && g.reason.contains("Under investigation")));
    /// assert!(gaps.iter().all(|g| g.force != Force::Wiltshire));
    /// # }
    /// # Ok::<(), policing_data::DataError>(())
    /// ```
    #[must_use]
    pub fn outcome_gaps(&self, year: u16) -> Vec<OutcomeGap> {
        // Each territorial force's crimes and its share of every outcome text.
        let mut shares: BTreeMap<Force, (u64, BTreeMap<OutcomeText, u64>)> = BTreeMap::new();
        for force in Force::territorial() {
            let by = self.outcomes(force, year);
            let total: u64 = by.values().sum();
            if total > 0 {
                shares.insert(force, (total, by));
            }
        }
        let texts: BTreeSet<OutcomeText> = shares.values().flat_map(|(_, by)| by.keys().cloned()).collect();
        let share = |force: &Force, text: &OutcomeText| -> f64 {
            shares
                .get(force)
                .map_or(0.0, |(total, by)| by.get(text).copied().unwrap_or(0) as f64 * 100.0 / *total as f64)
        };
        let mut reasons: BTreeMap<Force, Vec<String>> = BTreeMap::new();
        let under_investigation = OutcomeText::Category(Category::UnderInvestigation);
        for text in &texts {
            let values: Vec<f64> = shares.keys().map(|f| share(f, text)).collect();
            let Some(m) = median(&values) else { continue };
            let deviations: Vec<f64> = values.iter().map(|v| (v - m).abs()).collect();
            let mad = median(&deviations).unwrap_or(0.0);
            for force in shares.keys() {
                let s = share(force, text);
                // 1. Crimes still under investigation far above the other forces' (a robust outlier).
                if *text == under_investigation && mad > 0.0 {
                    let z = 0.6745 * (s - m) / mad;
                    if z > GAP_MODIFIED_Z {
                        reasons.entry(*force).or_default().push(format!(
                            "{s:.1}% of its crimes \"{text}\" against a median force's {m:.1}% (modified z-score \
                             {z:.1} > {GAP_MODIFIED_Z}): outcomes not yet assigned"
                        ));
                    }
                }
                // 2. A category the forces use that the force (almost) never records.
                if m >= GAP_COMMON_SHARE && s < GAP_ABSENT_SHARE {
                    reasons.entry(*force).or_default().push(format!(
                        "{s:.2}% of its crimes \"{text}\" against a median force's {m:.1}%: the category is not \
                         supplied"
                    ));
                }
            }
        }
        reasons
            .into_iter()
            .map(|(force, r)| OutcomeGap { force, year, reason: format!("incomplete outcomes: {}", r.join("; ")) })
            .collect()
    }

    /// The counts of one force and year: a range of the sorted keys.
    fn of(&self, force: Force, year: u16) -> impl Iterator<Item = (&YearlyKey, &u64)> {
        // The smallest crime category and outcome text, in the keys' order.
        let least = CrimeCategory::ALL.first().copied().zip(Category::ALL.first().copied());
        let range = least.map(|(c, o)| {
            let from = (force, year, c, OutcomeText::Category(o));
            let to = (force, year.saturating_add(1), c, OutcomeText::Category(o));
            self.counts.range(from..to)
        });
        range.into_iter().flatten().filter(move |(k, _)| k.0 == force && k.1 == year)
    }
}

const YEAR: &str = "Year";
const COUNT: &str = "f0_|count";
const CRIME_TYPE: &str = "crime_type";
const FORCE: &str = "reported_by";
const OUTCOME: &str = "last_outcome_category";

struct Builder {
    columns: Option<[usize; 5]>,
    out: YearlyCounts,
    first_line: BTreeMap<YearlyKey, (u64, u64)>,
    /// Force spellings met, parsed once (a few dozen; at most 1,000 kept).
    forces: BTreeMap<String, std::result::Result<Force, String>>,
}

impl Builder {
    fn data_row(&mut self, line: u64, cells: &[String], [y, c, t, f, o]: [usize; 5]) {
        let cell = |i: usize| cells.get(i).map_or("", |s| s.trim());
        let s = &mut self.out.summary;
        let year = match cell(y).parse::<u16>() {
            Ok(v) if (2000..=2100).contains(&v) => v,
            _ => return s.reject(line, "Year not a year", format!("{YEAR} {} is not a year", quoted(cell(y)))),
        };
        let Ok(n) = cell(c).parse::<u64>() else {
            return s.reject(
                line,
                "count not a whole number",
                format!("the count {} is not a whole number of rows", quoted(cell(c))),
            );
        };
        let force_text = cell(f);
        if force_text == "Police Service of Northern Ireland" {
            s.set_apart("Police Service of Northern Ireland: not a force of England and Wales");
            return;
        }
        let force = match self.forces.get(force_text) {
            Some(r) => r.clone(),
            None => {
                let r = force_text.parse::<Force>().map_err(|e| e.to_string());
                if self.forces.len() < 1_000 {
                    self.forces.insert(force_text.to_owned(), r.clone());
                }
                r
            }
        };
        let force = match force {
            Ok(force) => force,
            Err(e) => return s.reject(line, "reported_by not a police force", e),
        };
        let crime = match CrimeCategory::from_name(cell(t)) {
            Ok(c) => c,
            Err(e) => return s.reject(line, "crime_type not a data.police.uk category", e.to_string()),
        };
        let key = (force, year, crime, OutcomeText::from_file(cell(o)));
        if let Some((first, count)) = self.first_line.get(&key) {
            let how = if *count == n { "the same count" } else { "another count" };
            return s.reject(
                line,
                "a row given twice",
                format!(
                    "{year}, {force}, {}, {}: given on line {first} too, with {how} ({count} there, {n} here)",
                    quoted(cell(t)),
                    quoted(cell(o))
                ),
            );
        }
        self.first_line.insert(key.clone(), (line, n));
        self.out.counts.insert(key, n);
        s.taken += 1;
    }
}

impl RowSink for Builder {
    fn row(&mut self, line: u64, cells: &[String]) -> Result<()> {
        let Some(columns) = self.columns else {
            let file = self.out.summary.file.clone();
            self.columns = Some(header_columns(&file, cells, [YEAR, COUNT, CRIME_TYPE, FORCE, OUTCOME])?);
            if cells.iter().any(|c| c.trim() == "f0_") {
                self.out.quirks.push("the count column is named \"f0_\" (as the database export named it)".to_owned());
            }
            return Ok(());
        };
        if cells.iter().all(|c| c.trim().is_empty()) {
            return Ok(());
        }
        self.out.summary.rows += 1;
        self.data_row(line, cells, columns);
        Ok(())
    }

    fn unreadable(&mut self, line: u64, reason: String) {
        self.out.summary.rows += u64::from(self.columns.is_some());
        self.out.summary.reject(line, &reason.clone(), reason);
    }

    fn has_header(&self) -> bool {
        self.columns.is_some()
    }
}

/// Reads the yearly counts from a `.csv` file (or, with `spreadsheets`, a workbook).
///
/// ```no_run
/// use policing_data::yearly::read_yearly_counts;
/// use policing_forces::Force;
/// let counts = read_yearly_counts(std::path::Path::new(
///     "data/raw/bbc-unsolved-crime/crime outcomes by category force year 2012-16.csv"))?;
/// assert!(counts.summary.adds_up());
/// println!("{:?}", counts.anti_social_behaviour(Force::Wiltshire, 2015));
/// # Ok::<(), policing_data::DataError>(())
/// ```
///
/// # Errors
/// An unreadable file, a header without the columns, a row that runs past the
/// longest row allowed.
pub fn read_yearly_counts(path: &Path) -> Result<YearlyCounts> {
    let mut b = builder(path, &head_of(path));
    read_rows(path, None, &mut b)?;
    finish(b, path)
}

/// The yearly counts shipped with the crate (feature `shipped`): the BBC Data
/// Unit's file, 2012 to 2016, a verbatim copy of
/// `data/raw/bbc-unsolved-crime/crime outcomes by category force year 2012-16.csv`.
///
/// ```
/// use policing_forces::Force;
/// let counts = policing_data::yearly::shipped()?;
/// assert_eq!(counts.anti_social_behaviour(Force::Wiltshire, 2016), Some(16_588));
/// # Ok::<(), policing_data::DataError>(())
/// ```
///
/// # Errors
/// None in practice (the shipped bytes are checked by the crate's tests).
#[cfg(feature = "shipped")]
pub fn shipped() -> Result<YearlyCounts> {
    const BYTES: &[u8] = include_bytes!("../../data/yearly-counts-2012-16.csv");
    let name = Path::new(SHIPPED_NAME);
    let mut b = builder(name, BYTES);
    read_csv(name, BYTES, &mut b)?;
    finish(b, name)
}

/// How the shipped yearly counts are named in messages and notes.
pub const SHIPPED_NAME: &str =
    "data.police.uk counts by year, force, crime type and last outcome, 2012-2016 (BBC Data Unit; shipped with policing-data)";

fn builder(path: &Path, head: &[u8]) -> Builder {
    let mut b = Builder {
        columns: None,
        out: YearlyCounts { summary: TableSummary::new(path), ..YearlyCounts::default() },
        first_line: BTreeMap::new(),
        forces: BTreeMap::new(),
    };
    if carriage_returns_only(head) {
        b.out.quirks.push("lines end in a lone carriage return (CR), not LF or CRLF: read as line ends".to_owned());
    }
    b
}

fn finish(mut b: Builder, path: &Path) -> Result<YearlyCounts> {
    if b.columns.is_none() {
        return Err(DataError::Empty { file: path.to_owned() });
    }
    let not_published: u64 = b
        .out
        .counts
        .iter()
        .filter(|((.., c, o), _)| *c != CrimeCategory::AntiSocialBehaviour && *o == OutcomeText::NotPublished)
        .map(|(_, n)| n)
        .sum();
    if not_published > 0 {
        b.out.quirks.push(format!(
            "{not_published} crimes have an empty last outcome (no outcome published; mostly early years): shares count them as any outcome"
        ));
    }
    Ok(b.out)
}
