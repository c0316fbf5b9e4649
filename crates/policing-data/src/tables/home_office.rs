//! The Home Office "police recorded crime and outcomes open data tables":
//! outcomes by force, quarter, offence and outcome type, read into
//! [`OutcomeCounts`] per force and quarter.
//!
//! The tables carry two counts (`docs/reference/domain.md` section 10), and
//! they are the two methods of the PEEL reports' annex A, so the caller says
//! which it wants ([`CountKind`]):
//!
//! - "Force outcomes for offences recorded in quarter": each crime tracked to
//!   its outcome, for figure 4 ([`CountKind::OffencesRecorded`]);
//! - "Force outcomes recorded in quarter": outcomes counted when recorded,
//!   whatever the crime's date, for figure 8 ([`CountKind::OutcomesRecorded`]).
//!
//! CSV files are streamed with the `csv` crate; `.xlsx` workbooks cell by cell
//! with `calamine` and `.ods` workbooks row by row (feature `spreadsheets`,
//! within the bounds of the `workbook` module).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use policing_forces::{Force, Period};
use policing_outcomes::{Outcome, OutcomeCounts, OutcomeType};

use super::rows::{read_rows, RowSink};
use crate::kernel::{quoted, DataError, Result};
use crate::kernel::{Rejection, REJECTION_EXAMPLES};

/// Which count column to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CountKind {
    /// "Force outcomes for offences recorded in quarter": figure 4's method.
    OffencesRecorded,
    /// "Force outcomes recorded in quarter": figure 8's method.
    OutcomesRecorded,
}

impl CountKind {
    /// The column's header.
    #[must_use]
    pub fn column(self) -> &'static str {
        match self {
            CountKind::OffencesRecorded => "Force outcomes for offences recorded in quarter",
            CountKind::OutcomesRecorded => "Force outcomes recorded in quarter",
        }
    }
}

const FINANCIAL_YEAR: &str = "Financial Year";
const FINANCIAL_QUARTER: &str = "Financial Quarter";
const FORCE_NAME: &str = "Force Name";
const OUTCOME_DESCRIPTION: &str = "Outcome Description";
const OUTCOME_TYPE: &str = "Outcome Type";

/// What a table held, every row accounted for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct OutcomesTable {
    /// Outcome counts by force and financial quarter.
    pub counts: BTreeMap<(Force, Period), OutcomeCounts>,
    /// Data rows read.
    pub rows: u64,
    /// Rows counted.
    pub counted: u64,
    /// Rows rejected.
    pub rejected: u64,
    /// Rows rejected, by kind of reason.
    pub rejected_by_reason: BTreeMap<String, u64>,
    /// The first rows rejected (up to [`REJECTION_EXAMPLES`]), with file, line and reason.
    pub rejections: Vec<Rejection>,
}

impl OutcomesTable {
    /// Whether every row is counted or rejected.
    #[must_use]
    pub fn adds_up(&self) -> bool {
        self.rows == self.counted + self.rejected && self.rejected == self.rejected_by_reason.values().sum::<u64>()
    }

    /// The counts of one force over every quarter read.
    ///
    /// # Errors
    /// On count overflow.
    pub fn force_total(&self, force: Force) -> Result<OutcomeCounts> {
        let mut total = OutcomeCounts::new();
        for ((f, _), counts) in &self.counts {
            if *f == force {
                total.merge(counts)?;
            }
        }
        Ok(total)
    }
}

/// Parses a financial year ("2015/16", "2015-16") and quarter ("1", "Q1") into the quarter's dates.
fn quarter(year: &str, q: &str) -> Option<Period> {
    let start_year: i32 = year.trim().get(..4)?.parse().ok()?;
    let q: u8 = q.trim().trim_start_matches(['Q', 'q']).parse().ok()?;
    Period::financial_quarter(start_year, q).ok()
}

fn outcome(number: &str, description: &str) -> Option<Outcome> {
    let n = number.trim();
    let d = description.trim();
    if d.to_ascii_lowercase().starts_with("not yet assigned") || n == "0" {
        return Some(Outcome::NotYetAssigned);
    }
    n.parse::<OutcomeType>().or_else(|_| d.parse::<OutcomeType>()).ok().map(Outcome::Type)
}

/// Accumulates rows into an [`OutcomesTable`].
struct Builder {
    file: PathBuf,
    kind: CountKind,
    columns: Option<[usize; 6]>,
    table: OutcomesTable,
}

impl RowSink for Builder {
    fn row(&mut self, line: u64, cells: &[String]) -> Result<()> {
        Builder::row(self, line, cells)
    }

    fn unreadable(&mut self, line: u64, reason: String) {
        self.table.rows += 1;
        self.reject(line, "invalid UTF-8", reason);
    }

    fn has_header(&self) -> bool {
        self.columns.is_some()
    }
}

impl Builder {
    fn new(file: &Path, kind: CountKind) -> Self {
        Builder { file: file.to_owned(), kind, columns: None, table: OutcomesTable::default() }
    }

    fn header(&mut self, cells: &[String]) -> Result<()> {
        let find = |name: &'static str| {
            cells.iter().position(|c| c.trim().eq_ignore_ascii_case(name)).ok_or_else(|| DataError::MissingColumn {
                file: self.file.clone(),
                column: name,
                found: crate::kernel::error::columns(cells),
            })
        };
        self.columns = Some([
            find(FINANCIAL_YEAR)?,
            find(FINANCIAL_QUARTER)?,
            find(FORCE_NAME)?,
            find(OUTCOME_DESCRIPTION)?,
            find(OUTCOME_TYPE)?,
            find(self.kind.column())?,
        ]);
        Ok(())
    }

    fn row(&mut self, line: u64, cells: &[String]) -> Result<()> {
        let Some(columns) = self.columns else {
            // Title and note rows come before the header: the header is the first
            // row naming the force column, and it must hold every column.
            if cells.iter().any(|c| c.trim().eq_ignore_ascii_case(FORCE_NAME)) {
                self.header(cells)?;
            }
            return Ok(());
        };
        if cells.iter().all(|c| c.trim().is_empty()) {
            return Ok(());
        }
        self.table.rows += 1;
        let get = |i: usize| cells.get(i).map_or("", String::as_str);
        let [fy, fq, force, description, number, count] = columns.map(get);
        let (kind, reason) = match (
            quarter(fy, fq),
            force.parse::<Force>().ok(),
            outcome(number, description),
            count.trim().parse::<u64>(),
        ) {
            (None, ..) => (
                "not a financial quarter",
                format!(
                    "{FINANCIAL_YEAR} {} / {FINANCIAL_QUARTER} {} is not a financial quarter",
                    quoted(fy),
                    quoted(fq)
                ),
            ),
            (_, None, ..) => ("not a police force", format!("{FORCE_NAME} {} is not a police force", quoted(force))),
            (_, _, None, _) => (
                "not an outcome type",
                format!("outcome {} ({}) is not an outcome type", quoted(number), quoted(description)),
            ),
            (_, _, _, Err(_)) if count.trim().is_empty() => ("count empty", format!("{} is empty", self.kind.column())),
            (_, _, _, Err(_)) => {
                ("count not a whole number", format!("{} {} is not a whole count", self.kind.column(), quoted(count)))
            }
            (Some(period), Some(force), Some(outcome), Ok(n)) => {
                self.table.counts.entry((force, period)).or_default().add(outcome, n)?;
                self.table.counted += 1;
                return Ok(());
            }
        };
        self.reject(line, kind, reason);
        Ok(())
    }

    /// Counts a rejected row by kind of reason, keeping the first as examples.
    fn reject(&mut self, line: u64, kind: &str, reason: String) {
        self.table.rejected += 1;
        *self.table.rejected_by_reason.entry(kind.to_owned()).or_default() += 1;
        if self.table.rejections.len() < REJECTION_EXAMPLES {
            self.table.rejections.push(Rejection { file: self.file.clone(), line, reason });
        }
    }

    fn finish(self) -> Result<OutcomesTable> {
        if self.columns.is_none() {
            return Err(DataError::MissingColumn { file: self.file, column: FORCE_NAME, found: String::new() });
        }
        Ok(self.table)
    }
}

/// Reads a Home Office outcomes open data table: a `.csv` file, or (feature
/// `spreadsheets`) an `.xlsx` or `.ods` workbook's first sheet whose header has
/// the columns (`sheet` names another sheet).
///
/// # Errors
/// An unreadable file, a missing column (named), or no header at all.
pub fn read_outcomes_table(path: &Path, kind: CountKind, sheet: Option<&str>) -> Result<OutcomesTable> {
    let mut builder = Builder::new(path, kind);
    read_rows(path, sheet, &mut builder)?;
    builder.finish()
}
