//! The Home Office police recorded crime open data table by **offence code**:
//! every force, national fraud source and quarter of a financial year
//! (`data/raw/ho-offence-level-2017-18/`, `data/raw/SOURCES.md` section 8), and
//! the ONS crime severity weights by offence code (`data/raw/mopd-severity/`,
//! section 9).
//!
//! Columns of the table, found by name: `Financial Year` (`2017/18`),
//! `Financial Quarter` (1 to 4), `Force Name` (ONS short names, `London, City
//! of`, British Transport Police, and the national fraud sources `Action
//! Fraud`, `CIFAS`, `UK Finance`, `Financial Fraud Action UK`), `Offence
//! Description`, `Offence Group`, `Offence Subgroup`, `Offence Code` (text:
//! `8N`, `4.9`, `1/4.1/4.10/4.2`) and `Number of Offences`. Quirks handled and
//! reported: counts padded with spaces (` 66776 `), written `-00` for none, and
//! negative (later adjustments), kept as they are; one code standing for
//! offences merged under one label (`1/4.1/4.10/4.2`, homicide) on several rows
//! for the same area and quarter, whose counts are added (the reconciliation
//! with the ONS table holds only so). Any year of this layout is read.
//!
//! [`OffenceCodeTable::reconcile`] checks the table against the ONS table by
//! force area: the four quarters of a financial year, fraud excluded, against
//! the ONS rolling year ending in March.

use std::collections::BTreeMap;
use std::path::Path;

use policing_crime::{Measure, RecordedCrime, Unit, YearEnding};
use policing_forces::Force;
use rust_decimal::Decimal;

use super::book::{header_columns, TableSummary};
#[cfg(feature = "shipped")]
use super::rows::read_csv;
use super::rows::{read_rows, RowSink};
use crate::kernel::{quoted, DataError, Result};

/// Who a count is for.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub enum CodeArea {
    /// A police force (the 43 territorial forces and British Transport Police).
    Force(Force),
    /// A national fraud source, as named (`Action Fraud`, `CIFAS`, `UK Finance`, `Financial Fraud Action UK`).
    National(String),
}

/// A quarter of a financial year (April to March): `year` is the calendar year it starts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct FinancialQuarter {
    /// The calendar year the financial year starts in (2017 for 2017/18).
    pub year: u16,
    /// 1 (April to June) to 4 (January to March).
    pub quarter: u8,
}

impl FinancialQuarter {
    /// The rolling year that ends with this financial year (March of `year + 1`).
    ///
    /// # Errors
    /// [`DataError::InvalidOption`] for a year chrono cannot hold.
    pub fn year_ending(year: u16) -> Result<YearEnding> {
        YearEnding::from_month(i32::from(year) + 1, 3)
            .map_err(|e| DataError::InvalidOption { detail: format!("financial year {year}: {e}") })
    }
}

/// What an offence code is.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct OffenceCode {
    /// The Home Office description.
    pub description: String,
    /// The offence group ("Violence against the person").
    pub group: String,
    /// The subgroup ("Violence with injury").
    pub subgroup: String,
}

impl OffenceCode {
    /// Whether the code is a fraud offence (left out of "recorded crime excluding fraud").
    #[must_use]
    pub fn is_fraud(&self) -> bool {
        self.group.eq_ignore_ascii_case("Fraud offences")
    }
}

/// A count kept although it is negative.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct NegativeCode {
    /// The line.
    pub line: u64,
    /// Whose.
    pub area: CodeArea,
    /// The offence code.
    pub code: String,
    /// The count.
    pub count: i64,
}

/// The table read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct OffenceCodeTable {
    /// Offences by area, quarter and offence code.
    pub counts: BTreeMap<(CodeArea, FinancialQuarter, String), i64>,
    /// Each offence code's description, group and subgroup (as the table gives them).
    pub codes: BTreeMap<String, OffenceCode>,
    /// Every row accounted for.
    pub summary: TableSummary,
    /// Negative counts, kept as they are.
    pub negative: Vec<NegativeCode>,
    /// Counts written with spaces around them.
    pub padded: u64,
    /// Codes given on more than one row for the same area and quarter (merged
    /// offences): the rows added, by code.
    pub added: BTreeMap<String, u64>,
}

/// One force's total for a financial year from both tables.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Reconciliation {
    /// The force.
    pub force: Force,
    /// Recorded crime excluding fraud, the four quarters of the offence-code table.
    pub offence_codes: Option<i64>,
    /// The same from the ONS table, the rolling year ending in March.
    pub ons: Option<i64>,
}

impl Reconciliation {
    /// Whether both tables hold the force and agree.
    #[must_use]
    pub fn agrees(&self) -> bool {
        self.offence_codes.is_some() && self.offence_codes == self.ons
    }
}

impl OffenceCodeTable {
    /// The financial years held (their first calendar year).
    #[must_use]
    pub fn years(&self) -> Vec<u16> {
        let mut out: Vec<u16> = self.counts.keys().map(|(_, q, _)| q.year).collect();
        out.dedup();
        out
    }

    /// A force's offences in a financial year (the four quarters), fraud left out
    /// when `excluding_fraud`; `None` unless all four quarters are held.
    #[must_use]
    pub fn year_total(&self, force: Force, year: u16, excluding_fraud: bool) -> Option<i64> {
        self.year_by_code(force, year).map(|codes| {
            codes
                .iter()
                .filter(|(code, _)| {
                    !excluding_fraud || !self.codes.get(code.as_str()).is_some_and(OffenceCode::is_fraud)
                })
                .map(|(_, n)| n)
                .sum()
        })
    }

    /// A force's offences in a financial year by offence code; `None` unless all four quarters are held.
    #[must_use]
    pub fn year_by_code(&self, force: Force, year: u16) -> Option<BTreeMap<&String, i64>> {
        let area = CodeArea::Force(force);
        let mut quarters = [false; 4];
        let mut out: BTreeMap<&String, i64> = BTreeMap::new();
        for ((a, q, code), n) in &self.counts {
            if *a == area && q.year == year {
                if let Some(seen) = quarters.get_mut(usize::from(q.quarter.saturating_sub(1))) {
                    *seen = true;
                }
                *out.entry(code).or_default() += n;
            }
        }
        quarters.iter().all(|q| *q).then_some(out)
    }

    /// A financial year's counts by area and code, each code with the recorded
    /// crime group its subgroup names (codes whose subgroup is no group of the
    /// ONS table are left out), for every territorial force holding the whole
    /// year, and England and Wales as their sum (under `Unit::EnglandAndWales`).
    /// `policing_peel::ledger::OffenceShareSource` takes it.
    #[must_use]
    pub fn group_counts(&self, year: u16) -> BTreeMap<(Unit, String), (Measure, i64)> {
        let mut out: BTreeMap<(Unit, String), (Measure, i64)> = BTreeMap::new();
        for force in Force::territorial() {
            let Some(codes) = self.year_by_code(force, year) else { continue };
            for (code, n) in codes {
                let Some(group) = self.codes.get(code.as_str()).and_then(|c| c.subgroup.parse::<Measure>().ok()) else {
                    continue;
                };
                out.insert((Unit::Force(force), code.clone()), (group, n));
                out.entry((Unit::EnglandAndWales, code.clone())).or_insert((group, 0)).1 += n;
            }
        }
        out
    }

    /// Every territorial force's recorded crime excluding fraud for the
    /// financial year, against the ONS table's rolling year ending in March.
    ///
    /// # Errors
    /// [`DataError::InvalidOption`] for a year chrono cannot hold.
    pub fn reconcile(&self, ons: &RecordedCrime, year: u16) -> Result<Vec<Reconciliation>> {
        let ending = FinancialQuarter::year_ending(year)?;
        Ok(Force::territorial()
            .map(|force| Reconciliation {
                force,
                offence_codes: self.year_total(force, year, true),
                ons: ons.measure_count(Unit::Force(force), Measure::RecordedCrimeExclFraud, ending).ok(),
            })
            .collect())
    }

    /// The crime severity of a force's financial year: each offence code's count
    /// times its weight, summed (divide by the population for the score). Codes
    /// without a weight are returned apart with their counts (fraud has none).
    #[must_use]
    pub fn severity(
        &self,
        force: Force,
        year: u16,
        weights: &SeverityWeights,
    ) -> Option<(Decimal, Vec<(String, i64)>)> {
        let codes = self.year_by_code(force, year)?;
        let mut total = Decimal::ZERO;
        let mut unweighted = Vec::new();
        for (code, n) in codes {
            if self.codes.get(code).is_some_and(OffenceCode::is_fraud) {
                continue;
            }
            match weights.weight(code) {
                Some(w) => total += w * Decimal::from(n),
                None => unweighted.push((code.clone(), n)),
            }
        }
        Some((total, unweighted))
    }
}

const YEAR: &str = "Financial Year";
const QUARTER: &str = "Financial Quarter";
const AREA: &str = "Force Name";
const DESCRIPTION: &str = "Offence Description";
const GROUP: &str = "Offence Group";
const SUBGROUP: &str = "Offence Subgroup";
const CODE: &str = "Offence Code";
const COUNT: &str = "Number of Offences";
const NATIONAL: [&str; 4] = ["Action Fraud", "CIFAS", "UK Finance", "Financial Fraud Action UK"];

struct Builder {
    columns: Option<[usize; 8]>,
    out: OffenceCodeTable,
    areas: BTreeMap<String, std::result::Result<CodeArea, String>>,
}

/// `2017/18` -> 2017 (the second part must be the next year).
fn financial_year(text: &str) -> Option<u16> {
    let (a, b) = text.split_once('/')?;
    let first: u16 = a.trim().parse().ok()?;
    let second: u16 = b.trim().parse().ok()?;
    ((first + 1) % 100 == second % 100).then_some(first)
}

impl Builder {
    fn data_row(&mut self, line: u64, cells: &[String], cols: [usize; 8]) {
        let cell = |i: usize| cells.get(i).map_or("", String::as_str);
        let [y, q, a, d, g, sg, c, n] = cols;
        let s = &mut self.out.summary;
        let Some(year) = financial_year(cell(y)) else {
            return s.reject(line, "Financial Year not YYYY/YY", format!("{YEAR} {} is not YYYY/YY", quoted(cell(y))));
        };
        let quarter = match cell(q).trim().parse::<u8>() {
            Ok(v @ 1..=4) => v,
            _ => {
                return s.reject(
                    line,
                    "Financial Quarter not 1-4",
                    format!("{QUARTER} {} is not 1 to 4", quoted(cell(q))),
                )
            }
        };
        let raw = cell(n);
        let count = match raw.trim().parse::<i64>() {
            Ok(v) => v,
            Err(_) => {
                return s.reject(
                    line,
                    "Number of Offences not a whole number",
                    format!("{COUNT} {} is not a whole number", quoted(raw)),
                )
            }
        };
        let area_text = cell(a).trim();
        let area = match self.areas.get(area_text) {
            Some(r) => r.clone(),
            None => {
                let r = if NATIONAL.iter().any(|x| x.eq_ignore_ascii_case(area_text)) {
                    Ok(CodeArea::National(area_text.to_owned()))
                } else {
                    area_text.parse::<Force>().map(CodeArea::Force).map_err(|e| e.to_string())
                };
                if self.areas.len() < 1_000 {
                    self.areas.insert(area_text.to_owned(), r.clone());
                }
                r
            }
        };
        let area = match area {
            Ok(area) => area,
            Err(e) => return s.reject(line, "Force Name not a force or national source", e),
        };
        let code = cell(c).trim().to_owned();
        if code.is_empty() || code.len() > 40 {
            return s.reject(line, "Offence Code empty or too long", format!("{CODE} {}", quoted(&code)));
        }
        let info = OffenceCode {
            description: cell(d).trim().to_owned(),
            group: cell(g).trim().to_owned(),
            subgroup: cell(sg).trim().to_owned(),
        };
        match self.out.codes.get(&code) {
            Some(known) if known.group != info.group || known.subgroup != info.subgroup => {
                return s.reject(
                    line,
                    "an offence code in two groups",
                    format!(
                        "{CODE} {} is in {} / {} here but {} / {} above",
                        quoted(&code),
                        quoted(&info.group),
                        quoted(&info.subgroup),
                        quoted(&known.group),
                        quoted(&known.subgroup)
                    ),
                );
            }
            Some(_) => {}
            None => {
                if self.out.codes.len() >= 10_000 {
                    return s.reject(line, "too many offence codes", "more than 10,000 offence codes".to_owned());
                }
                self.out.codes.insert(code.clone(), info);
            }
        }
        let fq = FinancialQuarter { year, quarter };
        if raw != raw.trim() {
            self.out.padded += 1;
        }
        if count < 0 {
            self.out.negative.push(NegativeCode { line, area: area.clone(), code: code.clone(), count });
        }
        match self.out.counts.entry((area, fq, code.clone())) {
            std::collections::btree_map::Entry::Occupied(mut e) => {
                *e.get_mut() += count;
                *self.out.added.entry(code).or_default() += 1;
            }
            std::collections::btree_map::Entry::Vacant(e) => {
                e.insert(count);
            }
        }
        s.taken += 1;
    }
}

impl RowSink for Builder {
    fn row(&mut self, line: u64, cells: &[String]) -> Result<()> {
        let Some(columns) = self.columns else {
            let file = self.out.summary.file.clone();
            self.columns =
                Some(header_columns(&file, cells, [YEAR, QUARTER, AREA, DESCRIPTION, GROUP, SUBGROUP, CODE, COUNT])?);
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

impl OffenceCodeTable {
    /// The table's quirks, in words.
    #[must_use]
    pub fn quirks(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.padded > 0 {
            out.push(format!("{} counts written with spaces around them (\" 66776 \"): read as numbers", self.padded));
        }
        for (code, rows) in &self.added {
            out.push(format!(
                "offence code {code} is given on several rows for one area and quarter ({rows} rows more than one a \
                 quarter): offences merged under one label, added"
            ));
        }
        if !self.negative.is_empty() {
            let shown: Vec<String> =
                self.negative.iter().take(3).map(|n| format!("line {}: {} {}", n.line, n.code, n.count)).collect();
            out.push(format!(
                "{} negative counts (adjustments) kept as they are, e.g. {}",
                self.negative.len(),
                shown.join("; ")
            ));
        }
        out
    }
}

/// Reads the Home Office table by offence code from CSV (or, with `spreadsheets`, a workbook).
///
/// ```no_run
/// use policing_data::offence_codes::read_offence_codes;
/// let t = read_offence_codes(std::path::Path::new(
///     "data/raw/ho-offence-level-2017-18/prc-pfa-mar2013-onwards-tables201718.csv"))?;
/// assert!(t.summary.adds_up());
/// # Ok::<(), policing_data::DataError>(())
/// ```
///
/// # Errors
/// An unreadable file, a header without the columns.
pub fn read_offence_codes(path: &Path) -> Result<OffenceCodeTable> {
    let mut b = codes_builder(path);
    read_rows(path, None, &mut b)?;
    codes_finish(b, path)
}

fn codes_builder(path: &Path) -> Builder {
    Builder {
        columns: None,
        out: OffenceCodeTable { summary: TableSummary::new(path), ..OffenceCodeTable::default() },
        areas: BTreeMap::new(),
    }
}

fn codes_finish(b: Builder, path: &Path) -> Result<OffenceCodeTable> {
    if b.columns.is_none() {
        return Err(DataError::Empty { file: path.to_owned() });
    }
    Ok(b.out)
}

/// How the shipped offence-code table is named.
pub const SHIPPED_CODES: &str =
    "Home Office police recorded crime by offence code, 2017/18 (open data table; shipped with policing-data)";
/// How the shipped severity weights are named: the edition.
pub const SHIPPED_WEIGHTS: &str = "ONS crime severity weights, December 2020 edition (shipped with policing-data)";

/// The Home Office table by offence code for 2017/18, shipped with the crate
/// (feature `shipped`; a verbatim copy of
/// `data/raw/ho-offence-level-2017-18/prc-pfa-mar2013-onwards-tables201718.csv`).
///
/// # Errors
/// None in practice (the shipped bytes are checked by the crate's tests).
#[cfg(feature = "shipped")]
pub fn shipped_codes() -> Result<OffenceCodeTable> {
    const BYTES: &[u8] = include_bytes!("../../data/offence-codes-2017-18.csv");
    let name = Path::new(SHIPPED_CODES);
    let mut b = codes_builder(name);
    read_csv(name, BYTES, &mut b)?;
    codes_finish(b, name)
}

/// The ONS crime severity weights of December 2020, shipped with the crate
/// (feature `shipped`; a verbatim copy of `data/raw/mopd-severity/DEPRECATED-severity_codes.csv`).
///
/// # Errors
/// None in practice (the shipped bytes are checked by the crate's tests).
#[cfg(feature = "shipped")]
pub fn shipped_weights() -> Result<SeverityWeights> {
    const BYTES: &[u8] = include_bytes!("../../data/severity-weights-2020.csv");
    let name = Path::new(SHIPPED_WEIGHTS);
    let mut b = weights_builder(name, SHIPPED_WEIGHTS);
    read_csv(name, BYTES, &mut b)?;
    weights_finish(b, name)
}

/// The ONS crime severity weights by Home Office offence code, of one edition.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct SeverityWeights {
    /// Which edition (ONS revises the weights each year): said with every score.
    pub edition: String,
    /// Each offence code's weight (average sentence in prison-day equivalents), exact as written.
    pub weights: BTreeMap<String, Decimal>,
    /// Every row accounted for.
    pub summary: TableSummary,
}

impl SeverityWeights {
    /// The weight of an offence code, if the edition has one.
    #[must_use]
    pub fn weight(&self, code: &str) -> Option<Decimal> {
        self.weights.get(code).copied()
    }
}

struct Weights {
    columns: Option<[usize; 2]>,
    out: SeverityWeights,
    first_line: BTreeMap<String, u64>,
}

impl RowSink for Weights {
    fn row(&mut self, line: u64, cells: &[String]) -> Result<()> {
        let Some([c, w]) = self.columns else {
            let file = self.out.summary.file.clone();
            self.columns = Some(header_columns(&file, cells, ["code_original", "weight"])?);
            return Ok(());
        };
        if cells.iter().all(|x| x.trim().is_empty()) {
            return Ok(());
        }
        let s = &mut self.out.summary;
        s.rows += 1;
        let code = cells.get(c).map_or("", |x| x.trim()).to_owned();
        let text = cells.get(w).map_or("", |x| x.trim());
        let weight = match text.parse::<Decimal>().or_else(|_| Decimal::from_scientific(text)) {
            Ok(v) if !v.is_sign_negative() => v,
            _ => {
                s.reject(line, "weight not a number", format!("weight {} is not a non-negative number", quoted(text)));
                return Ok(());
            }
        };
        if code.is_empty() {
            s.reject(line, "empty code", "empty code_original".to_owned());
            return Ok(());
        }
        match self.out.weights.get(&code) {
            Some(known) if *known == weight => {
                s.set_apart("the same code and weight as an earlier row (ONS merged codes)")
            }
            Some(known) => s.reject(
                line,
                "a code with two weights",
                format!(
                    "code {} has weight {weight} here but {known} on line {}",
                    quoted(&code),
                    self.first_line.get(&code).copied().unwrap_or_default()
                ),
            ),
            None => {
                if self.out.weights.len() >= 10_000 {
                    s.reject(line, "too many codes", "more than 10,000 codes".to_owned());
                    return Ok(());
                }
                self.first_line.insert(code.clone(), line);
                self.out.weights.insert(code, weight);
                s.taken += 1;
            }
        }
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

/// Reads crime severity weights by offence code (columns `code_original` and
/// `weight`, as in `data/raw/mopd-severity/`), naming the edition.
///
/// ```no_run
/// use policing_data::offence_codes::read_severity_weights;
/// let w = read_severity_weights(
///     std::path::Path::new("data/raw/mopd-severity/DEPRECATED-severity_codes.csv"),
///     "ONS crime severity weights, December 2020 edition",
/// )?;
/// assert!(w.weight("56A").is_some());
/// # Ok::<(), policing_data::DataError>(())
/// ```
///
/// # Errors
/// An unreadable file, a header without the columns.
pub fn read_severity_weights(path: &Path, edition: &str) -> Result<SeverityWeights> {
    let mut b = weights_builder(path, edition);
    read_rows(path, None, &mut b)?;
    weights_finish(b, path)
}

fn weights_builder(path: &Path, edition: &str) -> Weights {
    Weights {
        columns: None,
        out: SeverityWeights { edition: edition.to_owned(), summary: TableSummary::new(path), ..Default::default() },
        first_line: BTreeMap::new(),
    }
}

fn weights_finish(b: Weights, path: &Path) -> Result<SeverityWeights> {
    if b.columns.is_none() {
        return Err(DataError::Empty { file: path.to_owned() });
    }
    Ok(b.out)
}
