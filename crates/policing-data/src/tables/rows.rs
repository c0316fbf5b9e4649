//! Tables as rows of text cells, from CSV (streamed) or, with the
//! `spreadsheets` feature, `.xlsx` and `.ods` workbooks: one mechanism under
//! every table reader of this crate (the Home Office outcomes tables, the ONS
//! recorded crime tables), so that each reader only interprets cells.
//!
//! A row that runs past [`MAX_RECORD_BYTES`] (a quote left open, a file
//! without line ends) is an error naming its line, so reading holds at most
//! about that much beyond the rows handed on, whatever the input.
//!
//! Line numbers are physical lines of the file (the header is line 1 when it is
//! the first line), counted from the bytes themselves: the `csv` crate's own line
//! count is one too low for records after a CRLF line end.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::Read;
use std::path::Path;
use std::rc::Rc;

use crate::kernel::{DataError, Result, MAX_RECORD_BYTES};

pub use super::sink::RowSink;

/// Reads a `.csv` file, or an `.xlsx`/`.xlsm`/`.ods` workbook's sheets in order
/// (or only `sheet`) until one holds the header.
///
/// # Errors
/// An unreadable file, a malformed CSV, or what the sink returns.
pub fn read_rows(path: &Path, sheet: Option<&str>, sink: &mut dyn RowSink) -> Result<()> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "xlsx" | "xlsm" | "ods" => spreadsheet(path, sheet, sink),
        _ => {
            let file = std::fs::File::open(path).map_err(|e| DataError::Io { file: path.to_owned(), source: e })?;
            read_csv(path, file, sink)
        }
    }
}

/// The bytes the CSV reader has read ahead of the records numbered so far
/// (bounded by the reader's buffer and the record being read), and the line
/// feeds before them.
#[derive(Default)]
struct Window {
    bytes: VecDeque<u8>,
    /// The offset of `bytes[0]` in the source.
    start: u64,
    /// Line ends before `bytes[0]`: a line feed, a carriage return, or the two
    /// together count one each (CR-only files are real: the BBC yearly counts).
    newlines: u64,
    /// Whether the byte before `bytes[0]` was a carriage return (so a line feed
    /// now is the second half of a CRLF).
    after_cr: bool,
}

struct Counting<R> {
    inner: R,
    window: Rc<RefCell<Window>>,
}

/// Bytes the CSV reader may hold ahead of a record (its buffer is 8 KiB).
const READ_AHEAD: usize = 64 << 10;

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut window = self.window.borrow_mut();
        window.bytes.extend(buf.get(..n).unwrap_or_default());
        // The window holds the record being read and what is read ahead of it:
        // a record without end (a quote left open, a file with no line ends)
        // stops here instead of growing without bound.
        if window.bytes.len() > MAX_RECORD_BYTES + READ_AHEAD {
            // The record starts after the line ends left before it (the `\n` of a CRLF, blank lines).
            let mut after_cr = window.after_cr;
            let mut line = window.newlines + 1;
            for b in window.bytes.iter().take_while(|b| matches!(b, b'\n' | b'\r')) {
                line += u64::from(is_line_end(*b, after_cr));
                after_cr = *b == b'\r';
            }
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!(
                    "line {line}: a row longer than {MAX_RECORD_BYTES} bytes (a quote left open, or not a CSV table?)"
                ),
            ));
        }
        Ok(n)
    }
}

/// Whether byte `b` ends a line: a carriage return does, and a line feed unless it follows one.
fn is_line_end(b: u8, after_cr: bool) -> bool {
    b == b'\r' || (b == b'\n' && !after_cr)
}

impl Window {
    fn pop(&mut self) -> Option<u8> {
        let b = self.bytes.pop_front()?;
        self.newlines += u64::from(is_line_end(b, self.after_cr));
        self.after_cr = b == b'\r';
        self.start += 1;
        Some(b)
    }

    /// Drops the bytes before `byte` (records read), counting their line ends.
    fn consumed(&mut self, byte: u64) {
        while self.start < byte {
            if self.pop().is_none() {
                break;
            }
        }
    }

    /// The physical line of a record that `csv` says starts at `byte`: the line
    /// of the first byte at or after it that is not a line end (`csv` reports an
    /// offset before the line ends that precede a record: the `\n` of a CRLF, or
    /// a blank line).
    fn line_at(&mut self, byte: u64) -> u64 {
        self.consumed(byte);
        while let Some(&b) = self.bytes.front() {
            if b != b'\n' && b != b'\r' {
                break;
            }
            self.pop();
        }
        self.newlines + 1
    }
}

/// Streams a CSV source: cells as text (a leading byte order mark removed), the
/// physical line of each record (counted from the bytes, so right after CRLF
/// line ends too). Lines may end in LF, CRLF or a lone CR, even mixed in one file.
///
/// # Errors
/// A malformed CSV (naming `name`), or what the sink returns.
pub fn read_csv(name: &Path, source: impl Read, sink: &mut dyn RowSink) -> Result<()> {
    let window = Rc::new(RefCell::new(Window::default()));
    let counting = Counting { inner: source, window: Rc::clone(&window) };
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(counting);
    let mut record = csv::ByteRecord::new();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => return Ok(()),
            Ok(true) => {
                let byte = record.position().map_or(0, csv::Position::byte);
                let line = window.borrow_mut().line_at(byte);
                let mut cells = Vec::with_capacity(record.len());
                let mut bad = None;
                for (i, field) in record.iter().enumerate() {
                    match std::str::from_utf8(field) {
                        Ok(s) => cells.push(if i == 0 { s.trim_start_matches('\u{feff}') } else { s }.to_owned()),
                        Err(_) => bad = Some(i + 1),
                    }
                }
                match bad {
                    Some(column) => sink.unreadable(line, format!("invalid UTF-8 in column {column}")),
                    None => sink.row(line, &cells)?,
                }
                window.borrow_mut().consumed(reader.position().byte());
            }
            Err(e) => {
                // A read that fails (a folder, a device) is said in words; a malformed record as the reader says it.
                return Err(if e.is_io_error() {
                    match e.into_kind() {
                        csv::ErrorKind::Io(source) => DataError::Io { file: name.to_owned(), source },
                        other => DataError::Spreadsheet { file: name.to_owned(), detail: format!("{other:?}") },
                    }
                } else {
                    DataError::Spreadsheet { file: name.to_owned(), detail: e.to_string() }
                });
            }
        }
    }
}

#[cfg(feature = "spreadsheets")]
fn spreadsheet(path: &Path, sheet: Option<&str>, sink: &mut dyn RowSink) -> Result<()> {
    super::workbook::read(path, sheet, sink)
}

#[cfg(not(feature = "spreadsheets"))]
fn spreadsheet(path: &Path, _sheet: Option<&str>, _sink: &mut dyn RowSink) -> Result<()> {
    Err(DataError::Spreadsheet {
        file: path.to_owned(),
        detail: "reading .xlsx and .ods needs the `spreadsheets` feature".to_owned(),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "a test: a failure panics with its message")]
    use super::*;

    #[derive(Default)]
    struct Collect(Vec<(u64, Vec<String>)>, Vec<(u64, String)>);
    impl RowSink for Collect {
        fn row(&mut self, line: u64, cells: &[String]) -> Result<()> {
            self.0.push((line, cells.to_vec()));
            Ok(())
        }
        fn unreadable(&mut self, line: u64, reason: String) {
            self.1.push((line, reason));
        }
        fn has_header(&self) -> bool {
            true
        }
    }

    #[test]
    fn line_numbers_are_physical_for_lf_crlf_and_quoted_line_feeds() {
        for eol in ["\n", "\r\n", "\r"] {
            let text = format!("\u{feff}a,b{eol}1,2{eol}\"x{eol}y\",3{eol}{eol}4,5{eol}6,\u{e9}{eol}7,8");
            let mut text = text.into_bytes();
            // make the 6th record invalid UTF-8
            if let Some(p) = text.iter().position(|&b| b == 0xc3) {
                text[p] = 0xff;
            }
            let mut c = Collect::default();
            read_csv(Path::new("t.csv"), text.as_slice(), &mut c).unwrap();
            let lines: Vec<u64> = c.0.iter().map(|(l, _)| *l).collect();
            assert_eq!(lines, [1, 2, 3, 6, 8], "{eol:?}");
            assert_eq!(c.0[0].1, ["a", "b"]);
            assert_eq!(c.0[2].1[0], format!("x{eol}y"));
            assert_eq!(c.1.iter().map(|(l, _)| *l).collect::<Vec<_>>(), [7], "{eol:?}");
        }
    }

    #[test]
    fn long_inputs_keep_counting_across_buffers() {
        let mut text = String::from("h\r\n");
        for i in 0..100_000 {
            text.push_str(&format!("{i}\r\n"));
        }
        let mut c = Collect::default();
        read_csv(Path::new("t.csv"), text.as_bytes(), &mut c).unwrap();
        assert!(c.0.iter().enumerate().all(|(i, (l, _))| *l == i as u64 + 1));
    }
}
