//! `.xlsx` and `.xlsm` workbooks, streamed cell by cell through calamine (the
//! Home Office workbooks run to millions of cells), after a first look at the
//! archive: every XML part read once through [`EventGuard`], and the
//! shared-strings part (which calamine keeps whole) checked against
//! [`MAX_SHARED_STRINGS_BYTES`] and against the count it declares, and every
//! cell reference calamine computes a position from (`row` and `c` `r`,
//! `dimension`, `mergeCell`, `f` and `table` `ref`) checked to lie within
//! XFD1048576, ranges in order.

use std::borrow::Cow;
use std::io::BufReader;
use std::path::Path;

use calamine::{open_workbook, Data, Reader as _, Xlsx};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::{
    cell_name, date_text, error, float_text, EventGuard, RowCells, MAX_SHARED_STRINGS_BYTES, MAX_SHEET_COLUMNS,
    MAX_SHEET_ROWS,
};
use crate::kernel::{DataError, Result};
use crate::tables::sink::RowSink;

/// Reads the sheets in order (or only `sheet`) until one holds the header.
pub(super) fn read(path: &Path, sheet: Option<&str>, sink: &mut dyn RowSink) -> Result<()> {
    let err = |detail: String| error(path, detail);
    check_parts(path)?;
    let mut book: Xlsx<_> = open_workbook(path).map_err(|e: calamine::XlsxError| err(e.to_string()))?;
    let names = book.sheet_names();
    if let Some(s) = sheet.filter(|s| !names.iter().any(|n| n == s)) {
        return Err(err(format!("no sheet named {s:?}; the workbook holds {names:?}")));
    }
    // Hidden sheets (a cover, a lookup) are read only when named.
    let hidden: Vec<String> = book
        .sheets_metadata()
        .iter()
        .filter(|m| m.visible != calamine::SheetVisible::Visible)
        .map(|m| m.name.clone())
        .collect();
    for name in sheet.map_or(names.clone(), |s| vec![s.to_owned()]) {
        let is_hidden = hidden.contains(&name);
        if is_hidden && sheet.is_none() {
            sink.hidden_sheet(&name);
            continue;
        }
        sink.sheet(&name, is_hidden);
        let mut cells = book.worksheet_cells_reader(&name).map_err(|e| err(format!("sheet {name:?}: {e}")))?;
        let mut row = RowCells::new();
        let mut current: Option<u32> = None;
        while let Some(cell) =
            cells.next_cell_with_formula_metadata().map_err(|e| err(format!("sheet {name:?}: {e}")))?
        {
            let (r, c) = cell.pos;
            let place = || cell_name(&name, u64::from(r) + 1, c as usize);
            if current.is_some_and(|cur| cur != r) {
                hand_on(&mut row, current, sink)?;
            }
            current = Some(r);
            let column = c as usize;
            if column >= MAX_SHEET_COLUMNS {
                return Err(err(format!("{}: past the last column a sheet can have ({MAX_SHEET_COLUMNS})", place())));
            }
            let value = Data::from(cell.value);
            if value == Data::Empty && cell.formula.is_some() {
                return Err(err(format!(
                    "{}: a formula without a saved value (the workbook was written by a program that does not \
                     calculate: open and save it in a spreadsheet program, or export the sheet as CSV)",
                    place()
                )));
            }
            row.put(column, text(&value), 1, &place).map_err(&err)?;
        }
        hand_on(&mut row, current, sink)?;
        if sink.has_header() {
            return Ok(());
        }
    }
    Ok(())
}

/// Hands the row on (unless blank) and starts the next.
fn hand_on(row: &mut RowCells, at: Option<u32>, sink: &mut dyn RowSink) -> Result<()> {
    if let Some(r) = at {
        if !row.is_blank() {
            sink.row(u64::from(r) + 1, &row.cells)?;
        }
    }
    *row = RowCells::new();
    Ok(())
}

/// A cell as text: whole floats without a decimal point (counts are stored as
/// floats), dates as `DD-MM-YYYY` (as the ONS CSV tables write them).
fn text(d: &Data) -> String {
    use calamine::DataType;
    match d {
        Data::Float(f) => float_text(*f),
        Data::DateTime(_) => d.as_date().map_or_else(|| d.to_string(), |date| date.format("%d-%m-%Y").to_string()),
        Data::DateTimeIso(s) => date_text(s),
        other => other.to_string(),
    }
}

/// Reads every XML part once through the guard, checks the shared strings, and
/// checks every cell reference calamine turns into a position.
fn check_parts(path: &Path) -> Result<()> {
    let err = |detail: String| error(path, detail);
    let file = std::fs::File::open(path).map_err(|e| DataError::Io { file: path.to_owned(), source: e })?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| err(format!("not an .xlsx workbook: {e}")))?;
    for i in 0..zip.len() {
        let part = zip.by_index(i).map_err(|e| err(format!("not an .xlsx workbook: {e}")))?;
        let name = String::from_utf8_lossy(part.name_raw()).into_owned();
        let lower = name.to_ascii_lowercase();
        if !(lower.ends_with(".xml") || lower.ends_with(".rels")) {
            continue;
        }
        let shared = lower.ends_with("sharedstrings.xml");
        let in_part = |detail: String| err(format!("{name}: {detail}"));
        let mut xml = Reader::from_reader(BufReader::new(EventGuard::new(part)));
        // As calamine reads the parts (end names unchecked).
        xml.config_mut().check_end_names = false;
        let mut buf = Vec::new();
        let mut declared = None;
        let mut rows = 0u64;
        loop {
            buf.clear();
            let event = xml.read_event_into(&mut buf).map_err(|e| in_part(e.to_string()))?;
            let total = xml.get_ref().get_ref().total;
            if shared && total > MAX_SHARED_STRINGS_BYTES {
                return Err(in_part(format!(
                    "a shared-strings table of more than {MAX_SHARED_STRINGS_BYTES} bytes (not a table this reads)"
                )));
            }
            match event {
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    "sst" if shared => declared = attribute(&e, "uniqueCount").map(|n| count(&n)),
                    "row" => {
                        rows += 1;
                        if rows > MAX_SHEET_ROWS {
                            return Err(in_part(format!("more rows than a sheet can have ({MAX_SHEET_ROWS})")));
                        }
                        if let Some(r) = attribute(&e, "r") {
                            reference(&r, false).map_err(&in_part)?;
                        }
                    }
                    "c" => {
                        if let Some(r) = attribute(&e, "r") {
                            reference(&r, true).map_err(&in_part)?;
                        }
                    }
                    "dimension" | "mergeCell" | "f" | "table" => {
                        if let Some(r) = attribute(&e, "ref") {
                            range(&r).map_err(&in_part)?;
                        }
                    }
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        // calamine reserves room for the strings the table says it holds: a
        // count the part cannot hold (each takes at least `<si/>`) is refused.
        let total = xml.get_ref().get_ref().total;
        let most = total / 5 + 1;
        if let Some(n) = declared.filter(|&n| n > most) {
            return Err(in_part(format!(
                "declares {n} strings in {total} bytes (a table this size holds at most {most})"
            )));
        }
    }
    Ok(())
}

/// An attribute's raw value, if the element has it (borrowed from the element).
fn attribute<'a>(e: &'a BytesStart<'_>, key: &str) -> Option<Cow<'a, str>> {
    let a = e.attributes().flatten().find(|a| a.key.local_name().as_ref() == key)?;
    Some(a.value)
}

/// A declared count: a number too long for `u64` is certainly too many.
fn count(digits: &str) -> u64 {
    digits.trim().parse().unwrap_or(u64::MAX)
}

/// A cell reference (`B12`; a row alone, `12`, where `cell` is false) within
/// the last cell a sheet can have, XFD1048576. calamine computes positions in
/// `u32` arithmetic that overflows past a few letters or ten digits (a panic
/// in a debug build, a wrapped position in a release build), and it reads the
/// letters, then the digits, before it looks at what follows: so the leading
/// letters and the digits after them are bounded whatever comes next. The
/// position, when the reference is letters then digits and nothing else.
fn reference(r: &str, cell: bool) -> std::result::Result<Option<(u64, u64)>, String> {
    let letters = r.bytes().take_while(u8::is_ascii_alphabetic).count();
    let (col, rest) = r.split_at(letters);
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let (row, after) = rest.split_at(digits);
    let column = col
        .bytes()
        .fold(0u64, |n, b| n.saturating_mul(26).saturating_add(u64::from(b.to_ascii_uppercase() - b'A' + 1)));
    let line = row.bytes().fold(0u64, |n, b| n.saturating_mul(10).saturating_add(u64::from(b - b'0')));
    let past = |last: &str, limit: String| {
        let what = if cell { "cell" } else { "row" };
        let shown: String = r.chars().take(40).collect();
        let more = if shown.len() < r.len() { "..." } else { "" };
        Err(format!("{what} {shown}{more} is past the last {last} a sheet can have ({limit})"))
    };
    if column > MAX_SHEET_COLUMNS as u64 {
        return past("column", format!("{MAX_SHEET_COLUMNS}, XFD"));
    }
    if line > MAX_SHEET_ROWS {
        return past("row", MAX_SHEET_ROWS.to_string());
    }
    Ok((after.is_empty() && digits > 0 && (letters > 0 || !cell)).then_some((line, column)))
}

/// A range (`A1:D35`, or one cell) whose cells are references a sheet can
/// have, the first not after the last (calamine subtracts them).
fn range(r: &str) -> std::result::Result<(), String> {
    let (first, last) = r.split_once(':').unwrap_or((r, r));
    if let (Some(a), Some(b)) = (reference(first, true)?, reference(last, true)?) {
        if b.0 < a.0 || b.1 < a.1 {
            return Err(format!("range {r} ends before it starts"));
        }
    }
    Ok(())
}
