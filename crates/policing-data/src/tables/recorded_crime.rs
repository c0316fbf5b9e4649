//! The ONS "recorded crime data at police force area level" table: rolling
//! 12-month totals of police recorded crime for every quarter, by police force
//! area and offence (`data/raw/ons-rec-crime-pfa/rec-crime-pfa.csv`, see
//! `data/raw/SOURCES.md` section 5), from CSV or (feature `spreadsheets`) the
//! same columns in an `.xlsx` or `.ods` workbook.
//!
//! Columns, found by name: `12 months ending`, `PFA`, `Offence`, `Rolling year
//! total number of offences` (`Region` is not needed). Every data row is
//! counted as a force row, a British Transport Police row, a national fraud
//! source row (`Action Fraud`, `CIFAS`, `UK Finance`, kept apart from the force
//! areas) or rejected with its line and reason ([`PfaSummary::adds_up`]). The
//! file's real quirks are handled and reported in [`PfaSummary`]:
//!
//! - dates are `DD-MM-YYYY`;
//! - one quarter is labelled `30-12-2017`: a date in the last days of a
//!   quarter's final month (day 28 or later) is read as that quarter's end and
//!   the relabelling is reported, with its rows; any other date that is not a
//!   quarter end is rejected;
//! - offences are missing from some quarters (fraud offences after forces stopped
//!   recording them, residential burglary before its rows start): reported as
//!   the first and last quarter each offence appears in, never filled with zeros;
//! - negative counts (later adjustments) are kept and listed.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use policing_crime::{FraudSource, Offence, RecordedCrime, YearEnding};
use policing_forces::Force;

use super::rows::{read_csv, read_rows, RowSink};
use crate::kernel::{quoted, DataError, Result};
use crate::kernel::{Rejection, REJECTION_EXAMPLES};

/// The table shipped with the crate (feature `shipped`): the 2019 edition of
/// the ONS table, 2003 to 2018, a verbatim copy of
/// `data/raw/ons-rec-crime-pfa/rec-crime-pfa.csv` (provenance and checksum in
/// the repository's `data/raw/SOURCES.md`).
#[cfg(feature = "shipped")]
const SHIPPED: &[u8] = include_bytes!("../../data/rec-crime-pfa.csv");

/// How the shipped table is named in messages and notes.
pub const SHIPPED_NAME: &str = "ONS recorded crime by police force area, 2019 edition (rec-crime-pfa.csv, \
                                2003 to 2018, shipped with policing-data)";

/// The ONS table shipped with the crate, read as any copy of it is: every row
/// accounted for, its quirks reported in [`PfaTable::summary`]. No download is needed.
///
/// ```
/// use policing_data::recorded_crime::shipped;
/// use policing_crime::{Denominators, Measure, YearEnding};
/// use policing_forces::Force;
///
/// let table = shipped()?;
/// let year: YearEnding = "2016-06".parse()?;
/// let crime = table.crime.measure(Measure::RecordedCrimeExclFraud, year, &Denominators::peel())?;
/// let rate = crime.row(Force::Wiltshire).expect("a force").rate.clone()?;
/// assert_eq!(rate.round_dp(1).to_string(), "54.9");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// None in practice (the shipped bytes are checked by the crate's tests); the
/// reader's errors as for any copy.
#[cfg(feature = "shipped")]
pub fn shipped() -> Result<PfaTable> {
    read_pfa_csv(Path::new(SHIPPED_NAME), SHIPPED)
}

const DATE: &str = "12 months ending";
const AREA: &str = "PFA";
const OFFENCE: &str = "Offence";
const COUNT: &str = "Rolling year total number of offences";

/// A count kept although it is negative.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct NegativeCount {
    /// The line (or spreadsheet row).
    pub line: u64,
    /// The rolling year.
    pub year: YearEnding,
    /// The force area or national source, as written.
    pub area: String,
    /// The offence, as written.
    pub offence: String,
    /// The count.
    pub count: i64,
}

/// What happened to every row, and the quirks found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct PfaSummary {
    /// The file read.
    pub file: PathBuf,
    /// A workbook's sheet the table was read from (`None` for a CSV file).
    pub sheet: Option<String>,
    /// A workbook's hidden sheets passed over (read only when named).
    pub hidden_sheets: Vec<String>,
    /// Data rows read (after the header).
    pub rows: u64,
    /// Rows of the 43 territorial force areas.
    pub force_rows: u64,
    /// Rows of British Transport Police (kept, never in England and Wales).
    pub british_transport_police_rows: u64,
    /// Rows of the national fraud sources (kept apart).
    pub national_fraud_rows: u64,
    /// Rows rejected, by reason (the reason without its line).
    pub rejected_by_reason: BTreeMap<String, u64>,
    /// The first [`REJECTION_EXAMPLES`] rejected rows, with their lines.
    pub rejections: Vec<Rejection>,
    /// Date labels read as another quarter's end, with the quarter and the number of rows.
    pub relabelled: Vec<(String, YearEnding, u64)>,
    /// Negative counts, kept as they are.
    pub negative: Vec<NegativeCount>,
    /// Each offence's first and last quarter in the table, and the quarters within that span it is missing from.
    pub offence_coverage: Vec<(Offence, YearEnding, YearEnding, usize)>,
}

impl PfaSummary {
    /// Rows rejected.
    #[must_use]
    pub fn rejected(&self) -> u64 {
        self.rejected_by_reason.values().sum()
    }

    /// Whether every row is accounted for.
    #[must_use]
    pub fn adds_up(&self) -> bool {
        self.rows == self.force_rows + self.british_transport_police_rows + self.national_fraud_rows + self.rejected()
    }

    /// The quirks found, in words, one per line.
    #[must_use]
    pub fn quirks(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (label, year, rows) in &self.relabelled {
            out.push(format!(
                "date {label:?} is not a quarter end: read as the {year} ({rows} rows; no other label for that quarter)"
            ));
        }
        if !self.negative.is_empty() {
            let examples: Vec<String> = self
                .negative
                .iter()
                .take(3)
                .map(|n| format!("line {}: {}, {}, {} {}", n.line, n.area, n.offence, n.year.end(), n.count))
                .collect();
            out.push(format!(
                "{} negative counts (later adjustments) kept as they are, e.g. {}",
                self.negative.len(),
                examples.join("; ")
            ));
        }
        let last = self.offence_coverage.iter().map(|c| c.2).max();
        let first = self.offence_coverage.iter().map(|c| c.1).min();
        for (offence, from, to, gaps) in &self.offence_coverage {
            if Some(*from) != first || Some(*to) != last || *gaps > 0 {
                out.push(format!(
                    "{offence}: rows for rolling years ending {} to {}{} (absent quarters are not zeros)",
                    from.end(),
                    to.end(),
                    if *gaps > 0 { format!(", missing from {gaps} quarters in between") } else { String::new() }
                ));
            }
        }
        out
    }
}

/// The table read: the series and what happened to every row.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PfaTable {
    /// Counts by force area, rolling year and offence, with the national fraud sources apart.
    pub crime: RecordedCrime,
    /// Rows accounted for, and quirks.
    pub summary: PfaSummary,
}

struct Builder {
    columns: Option<[usize; 4]>,
    crime: RecordedCrime,
    summary: PfaSummary,
    /// Line of the first row of each (year, area, offence), to name both lines of a duplicate.
    first_line: BTreeMap<(YearEnding, String, String), (u64, i64)>,
    /// A row that contradicts an earlier one: reading stops with this error.
    contradiction: Option<DataError>,
    /// Where each relabelled date's entry is in the summary.
    relabelled_at: std::collections::HashMap<String, usize>,
    /// Parsed area and offence names (a table repeats a few dozen of each);
    /// at most [`NAME_CACHE`] entries each, so hostile input cannot grow them.
    areas: HashMap<String, Area>,
    offences: HashMap<String, std::result::Result<Offence, String>>,
}

/// How many distinct area and offence spellings are remembered.
const NAME_CACHE: usize = 1_000;

#[derive(Clone)]
enum Area {
    Fraud(FraudSource),
    Force(Force),
    Unknown(String),
}

fn area_of(text: &str) -> Area {
    match FraudSource::from_name(text) {
        Some(s) => Area::Fraud(s),
        None => text.parse::<Force>().map_or_else(|e| Area::Unknown(e.to_string()), Area::Force),
    }
}

fn cached<T: Clone>(cache: &mut HashMap<String, T>, key: &str, parse: impl FnOnce(&str) -> T) -> T {
    if let Some(v) = cache.get(key) {
        return v.clone();
    }
    let v = parse(key);
    if cache.len() < NAME_CACHE {
        cache.insert(key.to_owned(), v.clone());
    }
    v
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%d-%m-%Y").ok()
}

impl Builder {
    fn reject(&mut self, line: u64, reason: String, key: String) {
        *self.summary.rejected_by_reason.entry(key).or_default() += 1;
        if self.summary.rejections.len() < REJECTION_EXAMPLES {
            self.summary.rejections.push(Rejection { file: self.summary.file.clone(), line, reason });
        }
    }

    fn year(&mut self, text: &str) -> std::result::Result<YearEnding, (String, String)> {
        let date = parse_date(text).ok_or_else(|| {
            (format!("{DATE} {} is not a date DD-MM-YYYY", quoted(text)), format!("{DATE} is not a date DD-MM-YYYY"))
        })?;
        if let Ok(y) = YearEnding::new(date) {
            return Ok(y);
        }
        // The table's one mislabelled quarter (30-12-2017): a day late in a quarter's last month.
        match YearEnding::from_month(date.year(), date.month()) {
            Ok(y) if date.day() >= 28 => {
                let label = text.trim().to_owned();
                // Looked up by label (a hostile table can hold thousands of labels: no quadratic search).
                match self.relabelled_at.get(&label).and_then(|i| self.summary.relabelled.get_mut(*i)) {
                    Some(entry) => entry.2 += 1,
                    None => {
                        self.relabelled_at.insert(label.clone(), self.summary.relabelled.len());
                        self.summary.relabelled.push((label, y, 1));
                    }
                }
                Ok(y)
            }
            _ => Err((
                format!("{DATE} {} is not the end of a quarter", quoted(text)),
                format!("{DATE} is not the end of a quarter"),
            )),
        }
    }

    fn data_row(&mut self, line: u64, cells: &[String], columns: [usize; 4]) {
        let [date, area, offence, count] = columns.map(|i| cells.get(i).map_or("", |c| c.trim()));
        let year = match self.year(date) {
            Ok(y) => y,
            Err((reason, key)) => return self.reject(line, reason, key),
        };
        let Ok(n) = count.parse::<i64>() else {
            let reason = if count.is_empty() {
                format!("{COUNT} is empty")
            } else {
                format!("{COUNT} {} is not a whole number", quoted(count))
            };
            return self.reject(line, reason, format!("{COUNT} is not a whole number"));
        };
        let key = (year, area.to_owned(), offence.to_owned());
        if let Some(&(first, first_count)) = self.first_line.get(&key) {
            let what = format!("{}, {}, {}", quoted(area), quoted(offence), quoted(date));
            return if first_count == n {
                self.reject(line, format!("{what}: the same row as line {first}"), "a row given twice".to_owned())
            } else {
                // Which count is right is not known: no figure is given rather than one chosen by position.
                self.contradiction = Some(DataError::Rejected {
                    file: self.summary.file.clone(),
                    line,
                    reason: format!(
                        "{what}: given on line {first} with the count {first_count} and here with {n}: the table \
                         contradicts itself, so no figure is computed from it"
                    ),
                });
            };
        }
        let inserted = match cached(&mut self.areas, area, area_of) {
            Area::Fraud(source) => {
                if FraudSource::from_name(offence) != Some(source) {
                    return self.reject(
                        line,
                        format!(
                            "{AREA} {} is a national fraud source, but {OFFENCE} is {}",
                            quoted(area),
                            quoted(offence)
                        ),
                        "a national fraud source with another offence".to_owned(),
                    );
                }
                self.crime.insert_national_fraud(year, source, n).map(|()| &mut self.summary.national_fraud_rows)
            }
            Area::Unknown(reason) => return self.reject(line, reason, format!("unknown {AREA}")),
            Area::Force(force) => {
                let offence_kind =
                    match cached(&mut self.offences, offence, |o| o.parse::<Offence>().map_err(|e| e.to_string())) {
                        Ok(o) => o,
                        Err(reason) => return self.reject(line, reason, format!("unknown {OFFENCE}")),
                    };
                self.crime.insert(year, force, offence_kind, n).map(|()| {
                    if force.is_territorial() {
                        &mut self.summary.force_rows
                    } else {
                        &mut self.summary.british_transport_police_rows
                    }
                })
            }
        };
        match inserted {
            Ok(counter) => *counter += 1,
            // Two spellings of one force or offence in the same quarter.
            Err(e) => return self.reject(line, e.to_string(), "a row given twice".to_owned()),
        }
        self.first_line.insert(key, (line, n));
        if n < 0 {
            self.summary.negative.push(NegativeCount {
                line,
                year,
                area: area.to_owned(),
                offence: offence.to_owned(),
                count: n,
            });
        }
    }

    fn finish(mut self) -> Result<PfaTable> {
        if self.columns.is_none() {
            return Err(DataError::MissingColumn { file: self.summary.file, column: DATE, found: String::new() });
        }
        let years: Vec<YearEnding> = self.crime.years().collect();
        for offence in Offence::ALL {
            let present: Vec<usize> = years
                .iter()
                .enumerate()
                .filter(|(_, y)| self.crime.offences_in(**y).any(|o| o == offence))
                .map(|(i, _)| i)
                .collect();
            if let (Some(&a), Some(&b)) = (present.first(), present.last()) {
                let gaps = (b - a + 1) - present.len();
                if let (Some(from), Some(to)) = (years.get(a), years.get(b)) {
                    self.summary.offence_coverage.push((offence, *from, *to, gaps));
                }
            }
        }
        Ok(PfaTable { crime: self.crime, summary: self.summary })
    }
}

/// The most data rows a recorded crime table may have: the ONS table by force
/// area (2003 to 2018) has about 46,000; the cap bounds memory (about 250 MB)
/// whatever a file holds.
pub const MAX_TABLE_ROWS: u64 = 1_000_000;

impl RowSink for Builder {
    fn row(&mut self, line: u64, cells: &[String]) -> Result<()> {
        let Some(columns) = self.columns else {
            let find = |name: &'static str| {
                let mut named = cells.iter().enumerate().filter(|(_, c)| c.trim().eq_ignore_ascii_case(name));
                let (first, _) = named.next().ok_or_else(|| DataError::MissingColumn {
                    file: self.summary.file.clone(),
                    column: name,
                    found: crate::kernel::error::columns(cells),
                })?;
                // A second column of the same name: which one holds the data is not known, so neither is used.
                if let Some((second, _)) = named.next() {
                    return Err(DataError::Header {
                        file: self.summary.file.clone(),
                        detail: format!(
                            "the header names {name:?} twice (columns {} and {}): the table contradicts itself",
                            first + 1,
                            second + 1
                        ),
                    });
                }
                Ok(first)
            };
            self.columns = Some([find(DATE)?, find(AREA)?, find(OFFENCE)?, find(COUNT)?]);
            return Ok(());
        };
        if cells.iter().all(|c| c.trim().is_empty()) {
            return Ok(());
        }
        self.summary.rows += 1;
        if self.summary.rows > MAX_TABLE_ROWS {
            return Err(DataError::Rejected {
                file: self.summary.file.clone(),
                line,
                reason: format!(
                    "more than {MAX_TABLE_ROWS} rows: twenty times the ONS table's size; not read further, so that \
                     memory stays bounded"
                ),
            });
        }
        self.data_row(line, cells, columns);
        self.contradiction.take().map_or(Ok(()), Err)
    }

    fn unreadable(&mut self, line: u64, reason: String) {
        self.summary.rows += u64::from(self.columns.is_some());
        self.reject(line, reason.clone(), reason);
    }

    fn has_header(&self) -> bool {
        self.columns.is_some()
    }

    fn sheet(&mut self, name: &str, _hidden: bool) {
        self.summary.sheet = Some(name.to_owned());
    }

    fn hidden_sheet(&mut self, name: &str) {
        self.summary.hidden_sheets.push(name.to_owned());
    }
}

fn builder(file: &Path) -> Builder {
    Builder {
        columns: None,
        crime: RecordedCrime::new(),
        summary: PfaSummary { file: file.to_owned(), ..PfaSummary::default() },
        first_line: BTreeMap::new(),
        contradiction: None,
        relabelled_at: std::collections::HashMap::new(),
        areas: HashMap::new(),
        offences: HashMap::new(),
    }
}

/// Reads the table from a `.csv` file, or (feature `spreadsheets`) an `.xlsx`
/// or `.ods` workbook's first sheet with the header (`sheet` names another).
///
/// ```no_run
/// let table = policing_data::recorded_crime::read_pfa_table(
///     std::path::Path::new("data/raw/ons-rec-crime-pfa/rec-crime-pfa.csv"), None)?;
/// assert!(table.summary.adds_up());
/// for quirk in table.summary.quirks() {
///     eprintln!("{quirk}");
/// }
/// # Ok::<(), policing_data::DataError>(())
/// ```
///
/// # Errors
/// An unreadable file, a missing column (named), a malformed CSV, or no header.
pub fn read_pfa_table(path: &Path, sheet: Option<&str>) -> Result<PfaTable> {
    let mut b = builder(path);
    read_rows(path, sheet, &mut b)?;
    b.finish()
}

/// Reads the table as CSV from `source` (an embedded copy's bytes, standard
/// input), streamed, naming it `name` in messages.
///
/// # Errors
/// As [`read_pfa_table`].
pub fn read_pfa_csv(name: &Path, source: impl std::io::Read) -> Result<PfaTable> {
    let mut b = builder(name);
    read_csv(name, source, &mut b)?;
    b.finish()
}
