//! `.xlsx` and `.xlsm` workbooks, streamed cell by cell through calamine (the
//! Home Office workbooks run to millions of cells), after a first look at the
//! archive: every XML part read once through [`EventGuard`], and the
//! shared-strings part (which calamine keeps whole) checked against
//! [`MAX_SHARED_STRINGS_BYTES`] and against the count it declares.

use std::io::{BufReader, Read};
use std::path::Path;

use calamine::{open_workbook, Data, Reader, Xlsx};

use super::{
    cell_name, date_text, error, float_text, EventGuard, RowCells, MAX_SHARED_STRINGS_BYTES, MAX_SHEET_COLUMNS,
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
    for name in sheet.map_or(names.clone(), |s| vec![s.to_owned()]) {
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

/// Reads every XML part once through the guard, and checks the shared strings.
fn check_parts(path: &Path) -> Result<()> {
    let err = |detail: String| error(path, detail);
    let file = std::fs::File::open(path).map_err(|e| DataError::Io { file: path.to_owned(), source: e })?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| err(format!("not an .xlsx workbook: {e}")))?;
    let mut sink = [0u8; 64 << 10];
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|e| err(format!("not an .xlsx workbook: {e}")))?;
        let name = String::from_utf8_lossy(part.name_raw()).into_owned();
        let lower = name.to_ascii_lowercase();
        if !(lower.ends_with(".xml") || lower.ends_with(".rels")) {
            continue;
        }
        let shared = lower.ends_with("sharedstrings.xml");
        let mut head = Vec::new();
        let mut guard = EventGuard::new(&mut part);
        loop {
            let n = guard.read(&mut sink).map_err(|e| err(format!("{name}: {e}")))?;
            if n == 0 {
                break;
            }
            if shared {
                if head.len() < 4096 {
                    head.extend_from_slice(sink.get(..n.min(4096)).unwrap_or_default());
                }
                if guard.total > MAX_SHARED_STRINGS_BYTES {
                    return Err(err(format!(
                        "{name}: a shared-strings table of more than {MAX_SHARED_STRINGS_BYTES} bytes (not a table this reads)"
                    )));
                }
            }
        }
        if shared {
            // calamine reserves room for the strings the table says it holds: a
            // count the part cannot hold (each takes at least `<si/>`) is refused.
            let declared = unique_count(&head);
            let most = guard.total / 5 + 1;
            if declared.is_some_and(|n| n > most) {
                return Err(err(format!(
                    "{name}: declares {} strings in {} bytes (a table this size holds at most {most})",
                    declared.unwrap_or_default(),
                    guard.total
                )));
            }
        }
    }
    Ok(())
}

/// The `uniqueCount` the shared-strings part declares, from its first bytes.
fn unique_count(head: &[u8]) -> Option<u64> {
    let at = memchr::memmem::find(head, b"uniqueCount=")? + b"uniqueCount=".len();
    let rest = head.get(at + 1..)?;
    let digits: Vec<u8> = rest.iter().take_while(|b| b.is_ascii_digit()).copied().collect();
    // A number too long for u64 is certainly too many.
    Some(std::str::from_utf8(&digits).ok()?.parse().unwrap_or(u64::MAX))
}
