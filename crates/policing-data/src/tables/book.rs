//! The bookkeeping every table reader shares: the header's columns found by
//! name, and each data row taken, set apart or rejected with its line and
//! reason (counted by kind, the first kept).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::kernel::error::columns;
use crate::kernel::{DataError, Rejection, Result, REJECTION_EXAMPLES};

/// What happened to every data row of a table.
///
/// `rows == taken + set_apart + rejected()`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct TableSummary {
    /// The file read.
    pub file: PathBuf,
    /// Data rows read (after the header; blank rows are not rows).
    pub rows: u64,
    /// Rows taken into the table.
    pub taken: u64,
    /// Rows read but set apart on purpose, by why (areas outside England and
    /// Wales, national sources): counted, not rejected.
    pub set_apart: BTreeMap<String, u64>,
    /// Rows rejected, by kind of reason.
    pub rejected_by_reason: BTreeMap<String, u64>,
    /// The first rejected rows (up to [`REJECTION_EXAMPLES`]), with their lines.
    pub rejections: Vec<Rejection>,
}

impl TableSummary {
    pub(crate) fn new(file: &Path) -> Self {
        TableSummary { file: file.to_owned(), ..TableSummary::default() }
    }

    /// Rows rejected.
    #[must_use]
    pub fn rejected(&self) -> u64 {
        self.rejected_by_reason.values().sum()
    }

    /// Whether every row read is taken, set apart or rejected.
    #[must_use]
    pub fn adds_up(&self) -> bool {
        self.rows == self.taken + self.set_apart.values().sum::<u64>() + self.rejected()
    }

    pub(crate) fn reject(&mut self, line: u64, kind: &str, reason: String) {
        *self.rejected_by_reason.entry(kind.to_owned()).or_default() += 1;
        if self.rejections.len() < REJECTION_EXAMPLES {
            self.rejections.push(Rejection { file: self.file.clone(), line, reason });
        }
    }

    pub(crate) fn set_apart(&mut self, why: &str) {
        *self.set_apart.entry(why.to_owned()).or_default() += 1;
    }
}

impl std::fmt::Display for TableSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {} rows: {} taken", self.file.display(), self.rows, self.taken)?;
        for (why, n) in &self.set_apart {
            write!(f, ", {n} set apart ({why})")?;
        }
        write!(f, ", {} rejected", self.rejected())?;
        if !self.rejected_by_reason.is_empty() {
            let parts: Vec<String> = self.rejected_by_reason.iter().map(|(k, v)| format!("{k}: {v}")).collect();
            write!(f, " ({})", parts.join("; "))?;
        }
        Ok(())
    }
}

/// The index of each named column in a header (names compared trimmed, ignoring
/// case; each name may have other spellings after a `|`: `"f0_|count"`).
///
/// # Errors
/// [`DataError::MissingColumn`] naming the first column missing and listing
/// the header's; [`DataError::Header`] for a column named twice.
pub(crate) fn header_columns<const N: usize>(
    file: &Path,
    cells: &[String],
    names: [&'static str; N],
) -> Result<[usize; N]> {
    for (i, a) in cells.iter().enumerate() {
        let a = a.trim();
        if a.is_empty() {
            continue;
        }
        if let Some(j) = cells.iter().skip(i + 1).position(|b| b.trim().eq_ignore_ascii_case(a)) {
            return Err(DataError::Header {
                file: file.to_owned(),
                detail: format!("columns {} and {} are both named {}", i + 1, i + j + 2, crate::kernel::quoted(a)),
            });
        }
    }
    let mut out = [0usize; N];
    for (slot, name) in out.iter_mut().zip(names) {
        let found = name.split('|').find_map(|n| cells.iter().position(|c| c.trim().eq_ignore_ascii_case(n)));
        *slot = found.ok_or_else(|| DataError::MissingColumn {
            file: file.to_owned(),
            column: name.split('|').next().unwrap_or(name),
            found: columns(cells),
        })?;
    }
    Ok(out)
}

/// A file's first bytes (at most 64 KiB), to sniff its line ends.
pub(crate) fn head_of(path: &Path) -> Vec<u8> {
    use std::io::Read;
    let mut head = Vec::new();
    let _ = std::fs::File::open(path).and_then(|f| f.take(1 << 16).read_to_end(&mut head));
    head
}

/// Whether bytes end lines with a lone carriage return (no line feed at all):
/// a quirk worth reporting, read like any other line end.
pub(crate) fn carriage_returns_only(head: &[u8]) -> bool {
    let head = head.get(..head.len().min(1 << 16)).unwrap_or_default();
    head.contains(&b'\r') && !head.contains(&b'\n')
}
