//! One row mechanism for every reader of data.police.uk files: a chunk's rows
//! checked the same way (too long, quoting, field count, UTF-8, Month), and the
//! bookkeeping of rows read and rejected, kept in a [`RowBook`].

use crate::kernel::rejection::RejectionLog;
use crate::kernel::{quoted, Month, MAX_RECORD_BYTES};
use crate::scan::csv::{Record, Scanner};
use crate::scan::engine::{Chunk, Unread};

pub(crate) use super::format::Reject;
use super::format::{record_problem, Column, Layout};

/// The most physical lines one row of a data.police.uk file may span: its
/// fields never hold a line break, so a row over more (a quote left open and
/// closed lines later) is rejected as suspect rather than counted as one crime.
/// Two lines are allowed, for a file whose one field was edited by hand.
pub(crate) const MAX_LINES_PER_ROW: u64 = 2;

/// A chunk of a data.police.uk file.
pub(crate) type PoliceChunk = Chunk<Layout>;

/// One worker's rows read and rejected. A worker of a pass that does not
/// account for rows (a second pass of the join) keeps no books: the first pass did.
#[derive(Debug)]
pub(crate) struct RowBook {
    /// Data rows read.
    pub rows: u64,
    /// The rows rejected.
    pub log: RejectionLog,
    /// Whether this pass accounts for its rows.
    pub counting: bool,
    /// Put before every kind and reason ("street row: ").
    prefix: &'static str,
}

impl RowBook {
    /// A book accounting (if `counting`) for rows, its rejections logged in `log`.
    pub(crate) fn new(log: RejectionLog, counting: bool, prefix: &'static str) -> Self {
        RowBook { rows: 0, log, counting, prefix }
    }

    fn row_read(&mut self) {
        if self.counting {
            self.rows += 1;
        }
    }

    fn reject(&mut self, chunk: &PoliceChunk, line: u64, kind: &str, reason: String) {
        if !self.counting {
            return;
        }
        if self.prefix.is_empty() {
            self.log.reject(chunk.seq, chunk.file, line, kind, reason);
        } else {
            let (kind, reason) = (format!("{}{kind}", self.prefix), format!("{}{reason}", self.prefix));
            self.log.reject(chunk.seq, chunk.file, line, &kind, reason);
        }
    }

    fn chunk_read(&mut self, chunk: &PoliceChunk, lines: u64) {
        if self.counting {
            self.log.chunk_read(chunk.seq, chunk.file, chunk.data_line, lines);
        }
    }
}

/// The reason given for a row longer than [`MAX_RECORD_BYTES`].
pub(crate) fn oversized_reason() -> String {
    format!("a row longer than {MAX_RECORD_BYTES} bytes (a quote left open, or not a data.police.uk file?)")
}

/// Reads a chunk's rows as every reader of data.police.uk files does: blank
/// lines are not rows; a row too long, with malformed quoting, the wrong number
/// of fields, invalid UTF-8 or a Month that is not `YYYY-MM` is rejected here;
/// `row` gets every other row with its month, and rejects it by returning the
/// reason. Returns what the engine's worker returns: the chunk's lines, and
/// whether a row was rejected.
pub(crate) fn each_row(
    book: &mut RowBook,
    chunk: &PoliceChunk,
    mut row: impl FnMut(&Record, &[u8], Month) -> std::result::Result<(), Reject>,
) -> (u64, bool) {
    if let Some(unread) = chunk.unread {
        book.row_read();
        match unread {
            Unread::TooLong => book.reject(chunk, 0, "a row too long", oversized_reason()),
            Unread::QuoteToEnd => book.reject(
                chunk,
                0,
                "malformed quoting",
                "a quote opened on this line is never closed: the line is rejected and the lines after it are read"
                    .to_owned(),
            ),
        }
        book.chunk_read(chunk, 1);
        return (1, true);
    }
    let buf = chunk.data.as_slice();
    let Some(i_month) = chunk.header.index(Column::Month) else {
        debug_assert!(false, "every data.police.uk layout has a Month");
        return (0, false);
    };
    let width = chunk.header.width();
    // One vectorised pass over the chunk; rows are checked one by one only if it is not all ASCII.
    let all_ascii = buf.is_ascii();
    let mut scanner = Scanner::new(buf);
    let mut rec = Record::default();
    let (mut line, mut rejected) = (0u64, false);
    loop {
        // Blank lines are not rows: a run of them is stepped over at once.
        line += scanner.skip_blank_lines();
        if !scanner.next_record(&mut rec) {
            break;
        }
        let this = line;
        line += rec.lines;
        let span = rec.span.1 - rec.span.0;
        // A blank line (a trailing one, or between records) is not a row.
        if span == 0 && rec.len == 1 {
            continue;
        }
        book.row_read();
        let verdict = if span > MAX_RECORD_BYTES {
            Err(("a row too long".into(), oversized_reason()))
        } else if let Some((kind, reason)) = record_problem(&rec, buf, width, !all_ascii) {
            Err((kind.into(), reason))
        } else if rec.lines > MAX_LINES_PER_ROW {
            // Two stray quotes join the lines between them into one row that may
            // even have the right fields: data.police.uk rows never hold a line
            // break, so such a row is suspect, never counted.
            Err((
                "a quoted field over several lines".into(),
                format!(
                    "a quoted field runs over {} lines, read as one row: data.police.uk rows never hold a line \
                     break (two stray quotes?); none of these lines is counted",
                    rec.lines
                ),
            ))
        } else {
            let raw = rec.get(i_month).map_or(&b""[..], |f| f.raw(buf));
            match Month::parse_bytes(raw) {
                Some(month) => row(&rec, buf, month),
                None => {
                    let text = String::from_utf8_lossy(raw);
                    Err(("Month not YYYY-MM".into(), format!("Month {} is not YYYY-MM", quoted(&text))))
                }
            }
        };
        if let Err((kind, mut reason)) = verdict {
            rejected = true;
            // A quote left open joins the lines after it into one row: say how many, so none vanishes unseen.
            if rec.lines > 1 && !reason.starts_with("a quoted field runs over") {
                reason.push_str(&format!(" (this row runs over {} lines: a quote left open?)", rec.lines));
            }
            book.reject(chunk, this, &kind, reason);
        }
    }
    book.chunk_read(chunk, line);
    (line, rejected)
}
