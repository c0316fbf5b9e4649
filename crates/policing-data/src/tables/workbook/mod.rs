//! Workbooks as rows of text cells (feature `spreadsheets`): `.xlsx`/`.xlsm`
//! streamed cell by cell through `calamine`, `.ods` streamed by this crate's
//! own reader (calamine loads an `.ods` sheet whole and expands repeated rows
//! and cells, so a 1 KB file could ask for gigabytes).
//!
//! Whatever the workbook, reading keeps to these bounds, each a clear
//! [`DataError::Spreadsheet`] naming the sheet and cell when passed:
//! - any one XML tag or text of the workbook at most [`MAX_XML_EVENT_BYTES`]
//!   (so a compressed run of gigabytes without markup is refused early);
//! - a row's text at most [`MAX_RECORD_BYTES`], and its cells within the
//!   [`MAX_SHEET_COLUMNS`] columns a sheet can have;
//! - data rows within the [`MAX_SHEET_ROWS`] rows a sheet can have: an `.ods`
//!   row repeated past them, or data after them, is an error, never dropped;
//! - an `.xlsx`'s shared-strings table at most [`MAX_SHARED_STRINGS_BYTES`],
//!   and its cell references within the last cell a sheet can have (XFD1048576)
//!   and its ranges in order, so that no reference overflows a position;
//! - at most [`MAX_REPEATED_CELLS`] cells made by an `.ods` repeat count.
//!
//! Blank rows are never handed on (their row numbers are skipped), so blank
//! rows repeated a million times cost nothing and the row after them keeps its
//! number. A formula without a saved value is an error naming its cell.

mod ods;
mod xlsx;

use std::io::Read;
use std::path::Path;

use super::sink::RowSink;
use crate::kernel::{DataError, Result, MAX_RECORD_BYTES};

/// The longest single XML tag or text read from a workbook's parts, in bytes.
pub const MAX_XML_EVENT_BYTES: usize = 4 * MAX_RECORD_BYTES;
/// The columns a sheet can have (Excel's and LibreOffice's widest).
pub const MAX_SHEET_COLUMNS: usize = 16_384;
/// The rows a sheet can have (Excel's and LibreOffice's longest).
pub const MAX_SHEET_ROWS: u64 = 1_048_576;
/// The largest `.xlsx` shared-strings part, uncompressed: calamine keeps every
/// string, so this bounds that table's memory (at most about ten times this).
pub const MAX_SHARED_STRINGS_BYTES: u64 = 16 << 20;
/// The most cells an `.ods` workbook's repeat counts may add to those written.
pub const MAX_REPEATED_CELLS: u64 = 10_000_000;

/// Reads a workbook's sheets in order (or only `sheet`) until one holds the header.
pub(crate) fn read(path: &Path, sheet: Option<&str>, sink: &mut dyn RowSink) -> Result<()> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    if ext == "ods" {
        ods::read(path, sheet, sink)
    } else {
        xlsx::read(path, sheet, sink)
    }
}

/// An error about `file`.
fn error(file: &Path, detail: impl Into<String>) -> DataError {
    DataError::Spreadsheet { file: file.to_owned(), detail: detail.into() }
}

/// A column's letters: 0 is A, 26 is AA.
fn column_name(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// A cell's place for messages: `sheet "Data", cell B7`.
fn cell_name(sheet: &str, row: u64, column: usize) -> String {
    format!("sheet {sheet:?}, cell {}{row}", column_name(column))
}

/// A float as the ONS CSV tables write it: whole numbers without a point.
fn float_text(f: f64) -> String {
    if f.fract() == 0.0 {
        format!("{f:.0}")
    } else {
        f.to_string()
    }
}

/// An ISO date or date-time as `DD-MM-YYYY` (as the ONS CSV tables write
/// dates), or as it is when it is not one.
fn date_text(iso: &str) -> String {
    iso.get(..10)
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .filter(|_| iso.len() == 10 || iso.as_bytes().get(10) == Some(&b'T'))
        .map_or_else(|| iso.to_owned(), |d| d.format("%d-%m-%Y").to_string())
}

/// A row being built: cells by column, within the row and column bounds.
struct RowCells {
    cells: Vec<String>,
    bytes: usize,
}

impl RowCells {
    fn new() -> Self {
        RowCells { cells: Vec::new(), bytes: 0 }
    }

    fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }

    /// Puts `text` at `column` (0-based), `repeats` times; an empty text only
    /// moves on. `place` names the cell for errors.
    fn put(
        &mut self,
        column: usize,
        text: String,
        repeats: usize,
        place: &dyn Fn() -> String,
    ) -> std::result::Result<(), String> {
        if text.is_empty() {
            return Ok(());
        }
        if column.saturating_add(repeats) > MAX_SHEET_COLUMNS {
            return Err(format!("{}: a cell past the last column a sheet can have ({MAX_SHEET_COLUMNS})", place()));
        }
        self.bytes = self.bytes.saturating_add(text.len().saturating_mul(repeats));
        if self.bytes > MAX_RECORD_BYTES {
            return Err(format!("{}: a row holding more than {MAX_RECORD_BYTES} bytes of text", place()));
        }
        if self.cells.len() < column {
            self.cells.resize(column, String::new());
        }
        for i in 0..repeats {
            let at = column + i;
            if at < self.cells.len() {
                if let Some(slot) = self.cells.get_mut(at) {
                    slot.clone_from(&text);
                }
            } else {
                self.cells.push(text.clone());
            }
        }
        Ok(())
    }
}

/// Counts the bytes of an XML stream and stops it when one tag or text runs
/// past [`MAX_XML_EVENT_BYTES`], so that the XML reader's buffer (one event)
/// stays bounded whatever the part holds.
struct EventGuard<R> {
    inner: R,
    lex: Lex,
    /// Bytes of the current tag, text or comment.
    len: usize,
    /// The last four bytes (to find `<!--` and `-->`).
    last: u32,
    /// Bytes read in all.
    total: u64,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Lex {
    Text,
    Tag,
    Quoted(u8),
    Comment,
}

impl<R: Read> EventGuard<R> {
    fn new(inner: R) -> Self {
        EventGuard { inner, lex: Lex::Text, len: 0, last: 0, total: 0 }
    }

    fn step(&mut self, b: u8) -> bool {
        self.last = (self.last << 8) | u32::from(b);
        self.len += 1;
        match self.lex {
            Lex::Text if b == b'<' => {
                self.lex = Lex::Tag;
                self.len = 1;
            }
            Lex::Tag if b == b'"' || b == b'\'' => self.lex = Lex::Quoted(b),
            Lex::Tag if b == b'>' => {
                self.lex = Lex::Text;
                self.len = 0;
            }
            Lex::Tag if self.last == u32::from_be_bytes(*b"<!--") => self.lex = Lex::Comment,
            Lex::Quoted(q) if b == q => self.lex = Lex::Tag,
            Lex::Comment if self.last & 0x00ff_ffff == u32::from_be_bytes(*b"\0-->") => {
                self.lex = Lex::Text;
                self.len = 0;
            }
            _ => {}
        }
        self.len <= MAX_XML_EVENT_BYTES
    }
}

impl<R: Read> Read for EventGuard<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        for &b in buf.get(..n).unwrap_or_default() {
            if !self.step(b) {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!(
                        "a tag or text longer than {MAX_XML_EVENT_BYTES} bytes near byte {} of the part (not a workbook this reads)",
                        self.total
                    ),
                ));
            }
            self.total += 1;
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a test: a failure panics with its message")]
    use super::*;

    #[test]
    fn column_names_run_like_a_sheets() {
        let names: Vec<String> = [0, 1, 25, 26, 27, 51, 52, 701, 702, 16_383].into_iter().map(column_name).collect();
        assert_eq!(names, ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA", "XFD"]);
    }

    #[test]
    fn the_guard_measures_tags_texts_and_comments_not_the_stream() {
        let read = |bytes: Vec<u8>| {
            let mut out = Vec::new();
            EventGuard::new(bytes.as_slice()).read_to_end(&mut out).map(|_| out.len())
        };
        let big = MAX_XML_EVENT_BYTES + 10;
        // Many small events pass, however many.
        assert!(read(b"<a x='1'>t</a>".repeat(big / 8)).is_ok());
        // One long text, tag, quoted value or comment does not.
        assert!(read([b"<a>".as_slice(), &vec![b'\n'; big]].concat()).is_err());
        assert!(read([b"<a ".as_slice(), &vec![b' '; big], b">"].concat()).is_err());
        assert!(read([b"<a x=\"".as_slice(), &b"<>".repeat(big / 2), b"\">"].concat()).is_err());
        assert!(read([b"<!--".as_slice(), &b"'\">".repeat(big / 3), b"-->"].concat()).is_err());
        // A comment with quotes and brackets ends where it ends.
        assert!(read([b"<!-- it's > -->".as_slice(), &b"<a>t</a>".repeat(big / 8)].concat()).is_ok());
    }

    #[test]
    fn dates_and_floats_read_as_the_csv_tables_write_them() {
        assert_eq!(date_text("2016-06-30"), "30-06-2016");
        assert_eq!(date_text("2016-06-30T00:00:00"), "30-06-2016");
        assert_eq!(date_text("2016-06"), "2016-06");
        assert_eq!(date_text("2016-06-30x"), "2016-06-30x");
        assert_eq!(float_text(1234.0), "1234");
        assert_eq!(float_text(-0.5), "-0.5");
    }
}
