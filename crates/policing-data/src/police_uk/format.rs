//! The data.police.uk file formats: street files (12 columns) and outcomes
//! files (10 columns), their headers validated by name.

use std::path::Path;

use policing_forces::Force;
use rustc_hash::FxHashMap;

use crate::kernel::error::columns;
use crate::kernel::{quoted, DataError, Result, MAX_NAME_BYTES};
use crate::scan::csv::{not_csv, Record, Scanner, BOM, MAX_FIELDS};

/// Why a row is rejected: the kind of reason (for counting) and the reason.
pub(crate) type Reject = (std::borrow::Cow<'static, str>, String);

/// Which kind of data.police.uk file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FileKind {
    /// `*-street.csv`: crimes and anti-social behaviour with their last outcome category.
    Street,
    /// `*-outcomes.csv`: outcomes recorded in a month, for crimes of any month.
    Outcomes,
}

/// A column the readers use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Column {
    /// "Crime ID".
    CrimeId,
    /// "Month".
    Month,
    /// "Reported by".
    ReportedBy,
    /// "Falls within".
    FallsWithin,
    /// "Longitude".
    Longitude,
    /// "Latitude".
    Latitude,
    /// "Location".
    Location,
    /// "LSOA code".
    LsoaCode,
    /// "LSOA name".
    LsoaName,
    /// "Crime type" (street files).
    CrimeType,
    /// "Last outcome category" (street files).
    LastOutcome,
    /// "Context" (street files).
    Context,
    /// "Outcome type" (outcomes files).
    OutcomeType,
}

impl Column {
    /// The header name.
    #[must_use]
    pub(crate) fn name(self) -> &'static str {
        match self {
            Column::CrimeId => "Crime ID",
            Column::Month => "Month",
            Column::ReportedBy => "Reported by",
            Column::FallsWithin => "Falls within",
            Column::Longitude => "Longitude",
            Column::Latitude => "Latitude",
            Column::Location => "Location",
            Column::LsoaCode => "LSOA code",
            Column::LsoaName => "LSOA name",
            Column::CrimeType => "Crime type",
            Column::LastOutcome => "Last outcome category",
            Column::Context => "Context",
            Column::OutcomeType => "Outcome type",
        }
    }
}

const STREET: [Column; 12] = [
    Column::CrimeId,
    Column::Month,
    Column::ReportedBy,
    Column::FallsWithin,
    Column::Longitude,
    Column::Latitude,
    Column::Location,
    Column::LsoaCode,
    Column::LsoaName,
    Column::CrimeType,
    Column::LastOutcome,
    Column::Context,
];

const OUTCOMES: [Column; 10] = [
    Column::CrimeId,
    Column::Month,
    Column::ReportedBy,
    Column::FallsWithin,
    Column::Longitude,
    Column::Latitude,
    Column::Location,
    Column::LsoaCode,
    Column::LsoaName,
    Column::OutcomeType,
];

impl FileKind {
    /// The columns the format has, in the published order.
    #[must_use]
    pub(crate) fn columns(self) -> &'static [Column] {
        match self {
            FileKind::Street => &STREET,
            FileKind::Outcomes => &OUTCOMES,
        }
    }

    /// The kind a file name says (`...-street.csv`, `...-outcomes.csv`), if any.
    #[must_use]
    pub fn from_file_name(name: &str) -> Option<FileKind> {
        if name.ends_with("-street.csv") {
            Some(FileKind::Street)
        } else if name.ends_with("-outcomes.csv") {
            Some(FileKind::Outcomes)
        } else {
            None
        }
    }
}

/// Where each column sits in a particular file, from its header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Layout {
    kind: FileKind,
    /// Index of each of `kind.columns()` in the file.
    positions: Vec<usize>,
    /// How many columns the header has.
    width: usize,
}

impl Layout {
    /// Reads the header record of `buf` (after an optional BOM): which kind of
    /// file it is and where each column sits. Columns are found by name, in any
    /// order; extra columns are allowed.
    ///
    /// Returns the layout and the offset of the first data record.
    ///
    /// # Errors
    /// [`DataError::Empty`] for an empty file; [`DataError::MissingColumn`]
    /// naming the first column missing (for a file that is neither a street nor
    /// an outcomes file, the first street column missing).
    pub(crate) fn from_header(file: &Path, buf: &[u8], expected: Option<FileKind>) -> Result<(Layout, usize)> {
        if let Some(what) = not_csv(buf) {
            return Err(DataError::Header {
                file: file.to_owned(),
                detail: format!("this is {what}, not a CSV file (read the files inside it, or unpack it first)"),
            });
        }
        let skip = if buf.starts_with(BOM) { BOM.len() } else { 0 };
        let body = buf.get(skip..).unwrap_or_default();
        let mut scanner = Scanner::new(body);
        let mut rec = Record::default();
        if !scanner.next_record(&mut rec) || (rec.len == 1 && rec.span.0 == rec.span.1) {
            return Err(DataError::Empty { file: file.to_owned() });
        }
        if rec.len > MAX_FIELDS {
            return Err(DataError::Header {
                file: file.to_owned(),
                detail: format!("the header has {} columns; at most {} are read", rec.len, MAX_FIELDS),
            });
        }
        let names: Vec<String> = (0..rec.len)
            .filter_map(|i| rec.get(i))
            .map(|f| String::from_utf8_lossy(&f.unescape(body)).trim().to_owned())
            .collect();
        for (i, n) in names.iter().enumerate() {
            if let Some(j) = names.iter().skip(i + 1).position(|m| m == n) {
                return Err(DataError::Header {
                    file: file.to_owned(),
                    detail: format!("columns {} and {} are both named {}", i + 1, i + j + 2, quoted(n)),
                });
            }
        }
        let has = |c: Column| names.iter().any(|n| n == c.name());
        let kind = expected.unwrap_or(if has(Column::OutcomeType) && !has(Column::CrimeType) {
            FileKind::Outcomes
        } else {
            FileKind::Street
        });
        let mut positions = Vec::with_capacity(kind.columns().len());
        for c in kind.columns() {
            let at = names.iter().position(|n| n == c.name()).ok_or_else(|| DataError::MissingColumn {
                file: file.to_owned(),
                column: c.name(),
                found: columns(&names),
            })?;
            positions.push(at);
        }
        Ok((Layout { kind, positions, width: rec.len }, skip + scanner.position()))
    }

    /// How many fields each record must have.
    #[must_use]
    pub(crate) fn width(&self) -> usize {
        self.width
    }

    /// The index of `column` in this file's records.
    #[must_use]
    pub(crate) fn index(&self, column: Column) -> Option<usize> {
        let i = self.kind.columns().iter().position(|c| *c == column)?;
        self.positions.get(i).copied()
    }
}

/// Why a scanned record cannot be used, if it cannot: malformed quoting, the
/// wrong number of fields, or invalid UTF-8 (checked only when `check_utf8`).
/// Returns the kind of reason (for counting) and the reason.
#[must_use]
pub(crate) fn record_problem(
    rec: &Record,
    buf: &[u8],
    width: usize,
    check_utf8: bool,
) -> Option<(&'static str, String)> {
    if let Some(why) = rec.malformed {
        return Some(("malformed quoting", why.to_owned()));
    }
    if rec.len != width {
        return Some(("wrong number of fields", format!("{} fields, expected {width}", rec.len)));
    }
    if check_utf8 && std::str::from_utf8(buf.get(rec.span.0..rec.span.1).unwrap_or_default()).is_err() {
        return Some(("invalid UTF-8", "invalid UTF-8".to_owned()));
    }
    None
}

/// The data.police.uk crime categories by the length of their name: a Crime
/// type is matched exactly, comparing it with the one or two names of its
/// length (the hot path of every street-file reader).
#[derive(Debug, Clone)]
pub(crate) struct CategoryTable {
    by_len: Vec<Vec<usize>>,
}

impl CategoryTable {
    pub(crate) fn new() -> Self {
        use policing_crime::CrimeCategory;
        let longest = CrimeCategory::ALL.iter().map(|c| c.name().len()).max().unwrap_or(0);
        let mut by_len = vec![Vec::new(); longest + 1];
        for (i, c) in CrimeCategory::ALL.iter().enumerate() {
            if let Some(v) = by_len.get_mut(c.name().len()) {
                v.push(i);
            }
        }
        CategoryTable { by_len }
    }

    /// The index in `CrimeCategory::ALL` of the category named exactly
    /// `bytes`, or why the Crime type is rejected.
    #[inline]
    pub(crate) fn index(&self, bytes: &[u8]) -> std::result::Result<usize, Reject> {
        use policing_crime::CrimeCategory;
        let found = self.by_len.get(bytes.len()).and_then(|candidates| {
            candidates
                .iter()
                .copied()
                .find(|&i| CrimeCategory::ALL.get(i).is_some_and(|c| c.name().as_bytes() == bytes))
        });
        found.ok_or_else(|| not_a_category(bytes))
    }
}

#[cold]
fn not_a_category(bytes: &[u8]) -> Reject {
    let reason = if bytes.is_empty() {
        "empty Crime type".to_owned()
    } else {
        let text = String::from_utf8_lossy(bytes);
        format!("Crime type {} is not a data.police.uk category (they are matched exactly)", quoted(&text))
    };
    ("Crime type not a data.police.uk category".into(), reason)
}

#[cold]
fn not_a_force(bytes: &[u8], column: Column) -> Reject {
    let text = String::from_utf8_lossy(bytes);
    (
        format!("{} not a police force", column.name()).into(),
        format!("{} {} is not a police force", column.name(), quoted(&text)),
    )
}

/// A force spelling as a reader finds it: the force, its index in `Force::ALL`,
/// and whether the spelling is the force's own name.
pub(crate) type Spelling = (Force, usize, bool);

/// Force spellings met while reading, each parsed once (at most [`Self::CACHE`] remembered).
#[derive(Debug, Clone, Default)]
pub(crate) struct ForceSpellings {
    seen: FxHashMap<Box<[u8]>, Option<Spelling>>,
}

impl ForceSpellings {
    /// Spellings remembered; others are parsed each time.
    const CACHE: usize = 4096;

    /// The force `bytes` names, if any.
    #[inline]
    pub(crate) fn get(&mut self, bytes: &[u8]) -> Option<Spelling> {
        match self.seen.get(bytes) {
            Some(f) => *f,
            None => self.parse(bytes),
        }
    }

    /// A spelling met for the first time (or past the cache).
    #[cold]
    fn parse(&mut self, bytes: &[u8]) -> Option<Spelling> {
        if bytes.len() > MAX_NAME_BYTES {
            return None;
        }
        let f = std::str::from_utf8(bytes)
            .ok()
            .and_then(Force::from_name)
            .map(|f| (f, Force::ALL.iter().position(|x| *x == f).unwrap_or(0), bytes == f.name().as_bytes()));
        if self.seen.len() < Self::CACHE {
            self.seen.insert(bytes.into(), f);
        }
        f
    }

    /// The force `bytes` in `column` names, or why the row is rejected.
    #[inline]
    pub(crate) fn force(&mut self, bytes: &[u8], column: Column) -> std::result::Result<Spelling, Reject> {
        self.get(bytes).ok_or_else(|| not_a_force(bytes, column))
    }
}
