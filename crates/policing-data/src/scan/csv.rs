//! A small, fast RFC 4180 record scanner over byte buffers.
//!
//! Commas and doubled quotes inside quoted fields, newlines inside quoted
//! fields, CRLF or LF line ends, a UTF-8 byte order mark, and a last record
//! without a newline are all handled. Fields are borrowed; a quoted field with
//! doubled quotes is unescaped on demand ([`Field::unescape`]).

use memchr::memchr2;

use std::borrow::Cow;

/// The byte order mark that may open a UTF-8 file.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The most fields a record is scanned into; more are counted but not kept.
pub const MAX_FIELDS: usize = 64;

/// One field of a record, as a range of the buffer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Field {
    start: usize,
    end: usize,
    /// The field was quoted and holds doubled quotes to unescape.
    escaped: bool,
}

impl Field {
    /// The raw bytes (without surrounding quotes; doubled quotes still doubled).
    #[must_use]
    pub fn raw<'a>(&self, buf: &'a [u8]) -> &'a [u8] {
        buf.get(self.start..self.end).unwrap_or_default()
    }

    /// The field's value, with doubled quotes unescaped.
    #[must_use]
    pub fn unescape<'a>(&self, buf: &'a [u8]) -> Cow<'a, [u8]> {
        let raw = self.raw(buf);
        if !self.escaped {
            return Cow::Borrowed(raw);
        }
        let mut out = Vec::with_capacity(raw.len());
        let mut i = 0;
        while i < raw.len() {
            let b = raw.get(i).copied().unwrap_or(b'"');
            out.push(b);
            i += if b == b'"' { 2 } else { 1 };
        }
        Cow::Owned(out)
    }
}

/// A scanned record.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Record {
    /// The fields kept (at most [`MAX_FIELDS`]).
    pub fields: [Field; MAX_FIELDS],
    /// How many fields the record has (may exceed [`MAX_FIELDS`]).
    pub len: usize,
    /// The byte range of the whole record, without its line end.
    pub span: (usize, usize),
    /// Physical lines the record spans (more than 1 with newlines in quotes).
    pub lines: u64,
    /// A quoted field was not closed before the end of the buffer, or a quote
    /// appeared in the middle of an unquoted field.
    pub malformed: Option<&'static str>,
}

impl Default for Record {
    fn default() -> Self {
        Record { fields: [Field::default(); MAX_FIELDS], len: 0, span: (0, 0), lines: 1, malformed: None }
    }
}

impl Record {
    /// Field `i`, if the record has it.
    #[must_use]
    pub fn get(&self, i: usize) -> Option<&Field> {
        if i < self.len {
            self.fields.get(i)
        } else {
            None
        }
    }
}

/// Scans records out of `buf`, starting at a record boundary.
///
/// The common record (no quote before its line end) is split with two SIMD
/// searches, one for the line end and one for the commas; a record with a
/// quote is walked over its structural bytes (comma, quote, line feed) with
/// [`memchr::memchr3_iter`], which handles quoted commas, doubled quotes and
/// line ends inside quotes.
#[derive(Debug)]
pub struct Scanner<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Scanner<'a> {
    /// A scanner over `buf`.
    #[must_use]
    pub fn new(buf: &'a [u8]) -> Self {
        Scanner { buf, pos: 0 }
    }

    /// The byte offset of the next record.
    #[must_use]
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Skips the blank lines (bare line feeds) at the scanner's position and
    /// returns how many there were: a reader that does not count blank lines as
    /// rows steps over a run of them at once, so that a file of nothing but
    /// line feeds costs a pass over its bytes, not a record per line.
    pub fn skip_blank_lines(&mut self) -> u64 {
        let rest = self.buf.get(self.pos..).unwrap_or_default();
        let run = rest.iter().position(|b| *b != b'\n').unwrap_or(rest.len());
        self.pos += run;
        run as u64
    }

    /// Scans the next record into `rec`; `false` at the end of the buffer.
    pub fn next_record(&mut self, rec: &mut Record) -> bool {
        let buf = self.buf;
        let len = buf.len();
        let start = self.pos;
        if start >= len {
            return false;
        }
        rec.len = 0;
        rec.lines = 1;
        rec.malformed = None;
        let rest = buf.get(start..).unwrap_or_default();
        // The first line feed or quote: a line feed first means a record without quotes.
        let first = memchr2(b'\n', b'"', rest).map(|k| start + k);
        if first.is_some_and(|p| buf.get(p) == Some(&b'"')) {
            self.quoted_record(rec, start);
            return true;
        }
        let line_end = first.unwrap_or(len);
        let content_end =
            if line_end > start && buf.get(line_end - 1) == Some(&b'\r') { line_end - 1 } else { line_end };
        let mut field_start = start;
        let line = buf.get(start..content_end).unwrap_or_default();
        let mut words = line.chunks_exact(16);
        let mut base = start;
        for word in words.by_ref() {
            let mut mask = commas(word);
            while mask != 0 {
                let at = base + mask.trailing_zeros() as usize;
                push(rec, Field { start: field_start, end: at, escaped: false });
                field_start = at + 1;
                mask &= mask - 1;
            }
            base += 16;
        }
        let tail = words.remainder();
        let mut padded = [0u8; 16];
        if let Some(dst) = padded.get_mut(..tail.len()) {
            dst.copy_from_slice(tail);
        }
        let mut mask = commas(&padded);
        while mask != 0 {
            let at = base + mask.trailing_zeros() as usize;
            push(rec, Field { start: field_start, end: at, escaped: false });
            field_start = at + 1;
            mask &= mask - 1;
        }
        push(rec, Field { start: field_start, end: content_end, escaped: false });
        self.pos = (line_end + 1).min(len);
        rec.span = (start, content_end);
        true
    }

    /// The slow path: a record with at least one quote.
    fn quoted_record(&mut self, rec: &mut Record, start: usize) {
        let buf = self.buf;
        let len = buf.len();
        let rest = buf.get(start..).unwrap_or_default();
        let mut structural = memchr::memchr3_iter(b',', b'"', b'\n', rest).map(|k| start + k);
        let mut skip = None;
        let mut field = FieldState::new(start);
        loop {
            let next = loop {
                match structural.next() {
                    Some(p) if skip == Some(p) => skip = None,
                    other => break other,
                }
            };
            let Some(p) = next else {
                // The buffer ends the record (no final line end).
                if field.in_quotes {
                    rec.malformed.get_or_insert("a quoted field is not closed");
                }
                let mut end = len;
                if end > field.start && buf.get(end - 1) == Some(&b'\r') {
                    end -= 1;
                }
                field.finish(end, rec);
                self.pos = len;
                break;
            };
            match buf.get(p) {
                Some(b'"') => {
                    if field.in_quotes {
                        if buf.get(p + 1) == Some(&b'"') {
                            field.escaped = true;
                            skip = Some(p + 1);
                        } else {
                            field.in_quotes = false;
                            field.closed_at = Some(p);
                        }
                    } else if p == field.start && field.closed_at.is_none() {
                        field.in_quotes = true;
                        field.quoted = true;
                    } else {
                        rec.malformed.get_or_insert(if field.quoted {
                            "text after a closing quote"
                        } else {
                            "a quote inside an unquoted field"
                        });
                    }
                }
                Some(b',') if !field.in_quotes => {
                    field.finish(p, rec);
                    field = FieldState::new(p + 1);
                }
                Some(b'\n') if !field.in_quotes => {
                    let end = if p > field.start && buf.get(p - 1) == Some(&b'\r') { p - 1 } else { p };
                    field.finish(end, rec);
                    self.pos = p + 1;
                    break;
                }
                Some(b'\n') => rec.lines += 1,
                _ => {}
            }
        }
        let mut end = self.pos.min(len);
        while end > start && matches!(buf.get(end - 1), Some(b'\n' | b'\r')) {
            end -= 1;
        }
        rec.span = (start, end);
    }
}

/// One bit per byte of a 16-byte block: set where the byte is a comma (one SIMD compare).
fn commas(block: &[u8]) -> u32 {
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(block.get(..16).unwrap_or(&[0; 16]));
    wide::u8x16::from(bytes).simd_eq(wide::u8x16::splat(b',')).to_bitmask()
}

fn push(rec: &mut Record, field: Field) {
    if let Some(slot) = rec.fields.get_mut(rec.len) {
        *slot = field;
    }
    rec.len += 1;
}

/// A field being scanned.
struct FieldState {
    start: usize,
    quoted: bool,
    in_quotes: bool,
    escaped: bool,
    closed_at: Option<usize>,
}

impl FieldState {
    fn new(start: usize) -> Self {
        FieldState { start, quoted: false, in_quotes: false, escaped: false, closed_at: None }
    }

    fn finish(&self, end: usize, rec: &mut Record) {
        let field = if self.quoted {
            let close = self.closed_at.unwrap_or(end);
            if self.closed_at.is_some_and(|c| c + 1 != end) && rec.malformed.is_none() {
                rec.malformed = Some("text after a closing quote");
            }
            Field { start: self.start + 1, end: close.max(self.start + 1), escaped: self.escaped }
        } else {
            Field { start: self.start, end, escaped: false }
        };
        push(rec, field);
    }
}

/// Finds record boundaries in a stream of bytes, with exactly the [`Scanner`]'s
/// idea of a record: a record ends at the first line feed outside a quoted
/// field; a quote opens a quoted field only at the start of a field; inside it,
/// a doubled quote is a quote and a single one closes the field; any other quote
/// (a stray one in an unquoted field, or text after a closing quote) is
/// malformed but opens nothing. So records never depend on where a buffer was
/// cut, and with any block size the same records come out.
///
/// The cutter keeps its state between calls, so each byte is examined once
/// (linear time, whatever the quoting); the caller shifts it with
/// [`Cutter::consume`] when it hands the bytes before a boundary on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cutter {
    /// Bytes of the buffer already examined.
    pos: usize,
    /// Whether `pos` is inside a quoted field.
    in_quotes: bool,
    /// The last record boundary found (an offset just after a line feed), or 0.
    boundary: usize,
}

impl Cutter {
    /// A cutter at the start of a record.
    #[must_use]
    pub fn new() -> Self {
        Cutter::default()
    }

    /// Examines `buf[pos..]` and returns the offset just after the last record
    /// boundary found so far (0 if none). With `eof` false, a quote that is the
    /// last byte of `buf` inside a quoted field waits for the next byte (it may be
    /// the first of a doubled quote).
    pub fn last_boundary(&mut self, buf: &[u8], eof: bool) -> usize {
        let len = buf.len();
        while self.pos < len {
            if self.in_quotes {
                if !self.skip_quoted(buf, eof) {
                    break;
                }
            } else {
                let rest = buf.get(self.pos..).unwrap_or_default();
                let (stretch_end, quote) = match memchr::memchr(b'"', rest) {
                    Some(k) => (self.pos + k, true),
                    None => (len, false),
                };
                // Line feeds in an unquoted stretch are record boundaries.
                if let Some(nl) = memchr::memrchr(b'\n', buf.get(self.pos..stretch_end).unwrap_or_default()) {
                    self.boundary = self.pos + nl + 1;
                }
                if !quote {
                    self.pos = len;
                    break;
                }
                let q = stretch_end;
                // A quote opens a quoted field only at the start of a field.
                let field_start = q == 0 || q == self.boundary || matches!(buf.get(q - 1), Some(b',' | b'\n'));
                self.in_quotes = field_start;
                self.pos = q + 1;
            }
        }
        self.boundary
    }

    /// Steps over the rest of a quoted field from `pos`: to just after its
    /// closing quote (a doubled quote is text), or to the end of `buf`. Returns
    /// `false` when the last byte of `buf` is a quote that may be the first of a
    /// doubled one (without `eof`): `pos` is left on it until more bytes come.
    fn skip_quoted(&mut self, buf: &[u8], eof: bool) -> bool {
        let len = buf.len();
        let Some(k) = memchr::memchr(b'"', buf.get(self.pos..).unwrap_or_default()) else {
            self.pos = len;
            return true;
        };
        let q = self.pos + k;
        match buf.get(q + 1) {
            Some(b'"') => self.pos = q + 2,
            Some(_) => {
                self.in_quotes = false;
                self.pos = q + 1;
            }
            None if eof => {
                self.in_quotes = false;
                self.pos = len;
            }
            None => {
                self.pos = q;
                return false;
            }
        }
        true
    }

    /// The bytes of the buffer examined so far.
    #[must_use]
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Whether the bytes examined end inside a quoted field.
    #[must_use]
    pub fn in_quotes(&self) -> bool {
        self.in_quotes
    }

    /// Forgets the first `n` bytes of the buffer (handed on; `n` at most the
    /// boundary), keeping the state for the rest.
    pub fn consume(&mut self, n: usize) {
        self.pos = self.pos.saturating_sub(n);
        self.boundary = self.boundary.saturating_sub(n);
    }

    /// Skips a record that started before `buf` (too long to keep): examines
    /// `buf` from `pos`, and returns the offset just after the record's end, if
    /// it ends in `buf`. Used after [`Cutter::consume`] dropped the record's start.
    pub fn end_of_record(&mut self, buf: &[u8], eof: bool) -> Option<usize> {
        let len = buf.len();
        while self.pos < len {
            if self.in_quotes {
                if !self.skip_quoted(buf, eof) {
                    return None;
                }
            } else {
                let rest = buf.get(self.pos..).unwrap_or_default();
                let k = memchr::memchr3(b'"', b'\n', b',', rest);
                let Some(k) = k else {
                    self.pos = len;
                    return None;
                };
                let at = self.pos + k;
                match buf.get(at) {
                    Some(b'\n') => {
                        self.pos = at + 1;
                        self.boundary = at + 1;
                        return Some(at + 1);
                    }
                    Some(b',') => {
                        // A quote right after a comma opens a quoted field.
                        if buf.get(at + 1) == Some(&b'"') {
                            self.in_quotes = true;
                            self.pos = at + 2;
                        } else {
                            self.pos = at + 1;
                        }
                    }
                    _ => self.pos = at + 1, // a stray quote opens nothing
                }
            }
        }
        None
    }
}

/// The offset just after the last record boundary in `buf`, which starts at a
/// record boundary; `None` if there is none (see [`Cutter`]).
#[must_use]
pub fn last_boundary(buf: &[u8]) -> Option<usize> {
    let b = Cutter::new().last_boundary(buf, true);
    (b > 0).then_some(b)
}

/// What a file is, when its first bytes say it is not CSV text: a zip archive
/// (also `.xlsx`), gzip, bzip2, xz, a PDF, an `.xls` or `.ods` workbook.
#[must_use]
pub(crate) fn not_csv(start: &[u8]) -> Option<&'static str> {
    const SIGNATURES: [(&[u8], &str); 6] = [
        (b"PK\x03\x04", "a zip archive (or an .xlsx/.ods workbook)"),
        (b"\x1f\x8b", "a gzip-compressed file"),
        (b"BZh", "a bzip2-compressed file"),
        (b"\xfd7zXZ\x00", "an xz-compressed file"),
        (b"%PDF", "a PDF document"),
        (b"\xd0\xcf\x11\xe0", "an old Excel (.xls) workbook"),
    ];
    SIGNATURES.iter().find(|(magic, _)| start.starts_with(magic)).map(|(_, what)| *what)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing, reason = "a test: a failure panics with its message")]
    use super::*;

    #[test]
    fn comma_masks_are_exact() {
        let block = *b",a,,b\"c,d,e,f,g,";
        let mask = commas(&block);
        let expected: u32 = block.iter().enumerate().filter(|(_, b)| **b == b',').map(|(i, _)| 1 << i).sum();
        assert_eq!(mask, expected);
        assert_eq!(commas(&[0u8; 16]), 0);
    }

    #[test]
    fn boundaries_respect_quotes() {
        assert_eq!(last_boundary(b"a,b\nc,d\ne"), Some(8));
        // The second line feed is inside a quoted field, the first is not.
        assert_eq!(last_boundary(b"a,b\n\"c\nd"), Some(4));
        assert_eq!(last_boundary(b"\"open\nstill"), None);
        assert_eq!(last_boundary(b"no line end"), None);
        // A stray quote in an unquoted field opens nothing: the line feed after it is a boundary.
        assert_eq!(last_boundary(b"a,b\"c,d\ne,f\n"), Some(12));
        // Text after a closing quote, then a quote: still nothing opened.
        assert_eq!(last_boundary(b"\"a\"b\"c,d\ne"), Some(9));
        // A doubled quote inside a quoted field, and a line feed inside it.
        assert_eq!(last_boundary(b"\"a\"\"\nb\",c\nd"), Some(10));
    }

    /// Every record boundary the cutter reports is one the scanner ends a record
    /// at, whatever the bytes.
    #[test]
    fn cutter_and_scanner_agree() {
        let samples: [&[u8]; 6] = [
            b"a,b\"c,d\ne,f\n\"g\nh\",i\nj\n",
            b"\"x\"\"y\",\"\"\n\"\"\"\n,\n\n",
            b"\"\n\"\n\"\n\"\n",
            b"a\"\nb\"\n\"c\"d\"\ne\n",
            b",\",\"\"\n\"\n",
            b"\"\"\"\"\"\n\"\n",
        ];
        for s in samples {
            let mut ends = Vec::new();
            let mut scanner = Scanner::new(s);
            let mut r = Record::default();
            while scanner.next_record(&mut r) {
                ends.push(scanner.position());
            }
            for cut in 0..=s.len() {
                let b = Cutter::new().last_boundary(&s[..cut], false);
                assert!(
                    b == 0 || ends.contains(&b),
                    "{:?} cut at {cut}: boundary {b}, records end at {ends:?}",
                    String::from_utf8_lossy(s)
                );
            }
        }
    }

    #[test]
    fn cutting_is_incremental() {
        let s = b"a,\"b\nc\",d\ne,f\ng";
        let mut c = Cutter::new();
        assert_eq!(c.last_boundary(&s[..5], false), 0);
        assert_eq!(c.last_boundary(&s[..12], false), 10);
        assert_eq!(c.last_boundary(s, true), 14);
        c.consume(14);
        assert_eq!(c.last_boundary(&s[14..], true), 0);
    }

    #[test]
    fn fields_unescape_doubled_quotes() {
        let buf = b"\"say \"\"hi\"\"\",x\n";
        let mut s = Scanner::new(buf);
        let mut r = Record::default();
        assert!(s.next_record(&mut r));
        assert_eq!(r.len, 2);
        assert_eq!(&*r.get(0).unwrap_or(&Field::default()).unescape(buf), b"say \"hi\"");
        assert!(!s.next_record(&mut r));
    }
}
