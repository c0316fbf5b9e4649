//! `.ods` workbooks, streamed: `content.xml` read event by event, each row
//! handed on as it ends. Repeat counts are followed without expanding blank
//! rows or cells, so a row repeated a million times costs one row.

use std::io::BufReader;
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use quick_xml::XmlVersion;

use super::{cell_name, date_text, error, float_text, EventGuard, RowCells, MAX_REPEATED_CELLS, MAX_SHEET_ROWS};
use crate::kernel::{Result, MAX_RECORD_BYTES};
use crate::tables::sink::RowSink;

/// Reads the sheets in order (or only `sheet`) until one holds the header.
pub(super) fn read(path: &Path, sheet: Option<&str>, sink: &mut dyn RowSink) -> Result<()> {
    let err = |detail: String| error(path, detail);
    let file =
        std::fs::File::open(path).map_err(|e| crate::kernel::DataError::Io { file: path.to_owned(), source: e })?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| err(format!("not an .ods workbook: {e}")))?;
    let content = zip.by_name("content.xml").map_err(|e| err(format!("not an .ods workbook (content.xml: {e})")))?;
    let mut xml = Reader::from_reader(BufReader::new(EventGuard::new(content)));
    let mut sheets = Sheets { path, seen: Vec::new(), repeated: 0 };
    let (mut style, mut hidden_styles): (Option<String>, Vec<String>) = (None, Vec::new());
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let event = xml.read_event_into(&mut buf).map_err(|e| err(format!("content.xml: {e}")))?;
        match event {
            // A sheet is hidden by its automatic style: `table:display="false"` in its table properties.
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "style:style" => {
                style = attr(&e, "style:name").map_err(&err)?;
            }
            Event::Start(e) | Event::Empty(e)
                if e.name().as_ref() == "style:table-properties"
                    && attr(&e, "table:display").map_err(&err)?.as_deref() == Some("false") =>
            {
                if let Some(name) = style.clone().filter(|_| hidden_styles.len() < 10_000) {
                    hidden_styles.push(name);
                }
            }
            Event::Start(e) if e.name().as_ref() == "table:table" => {
                let name = attr(&e, "table:name").map_err(&err)?.unwrap_or_default();
                let hidden =
                    attr(&e, "table:style-name").map_err(&err)?.is_some_and(|style| hidden_styles.contains(&style));
                sheets.seen.push(name.clone());
                if sheet.is_some_and(|s| s != name) || (hidden && sheet.is_none()) {
                    if sheet.is_none() {
                        sink.hidden_sheet(&name);
                    }
                    let end = e.to_end().into_owned();
                    xml.read_to_end_into(end.name(), &mut Vec::new()).map_err(|e| err(format!("content.xml: {e}")))?;
                    continue;
                }
                sink.sheet(&name, hidden);
                sheets.table(&mut xml, &name, sink)?;
                if sink.has_header() || sheet.is_some() {
                    return Ok(());
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    match sheet {
        Some(s) if !sheets.seen.iter().any(|n| n == s) => {
            Err(err(format!("no sheet named {s:?}; the workbook holds {:?}", sheets.seen)))
        }
        _ => Ok(()),
    }
}

/// The walk over the workbook's sheets.
struct Sheets<'a> {
    path: &'a Path,
    seen: Vec<String>,
    /// Cells added by repeat counts so far.
    repeated: u64,
}

type Xml<'a> = Reader<BufReader<EventGuard<zip::read::ZipFile<'a, BufReader<std::fs::File>>>>>;

impl Sheets<'_> {
    /// Reads one sheet's rows, up to its end tag.
    fn table(&mut self, xml: &mut Xml<'_>, name: &str, sink: &mut dyn RowSink) -> Result<()> {
        let err = |detail: String| error(self.path, detail);
        let mut buf = Vec::new();
        // The next row's number (1-based), and the row being read.
        let mut line: u64 = 1;
        let mut row: Option<(RowCells, u64)> = None;
        let mut column: usize = 0;
        loop {
            buf.clear();
            let event = xml.read_event_into(&mut buf).map_err(|e| err(format!("content.xml: {e}")))?;
            let empty = matches!(event, Event::Empty(_));
            match event {
                Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "table:table-row" => {
                    let repeats = count(&e, "table:number-rows-repeated").map_err(&err)?;
                    if empty {
                        line = line.saturating_add(repeats);
                    } else {
                        row = Some((RowCells::new(), repeats));
                        column = 0;
                    }
                }
                Event::End(e) if e.name().as_ref() == "table:table-row" => {
                    let Some((cells, repeats)) = row.take() else { continue };
                    if !cells.is_blank() {
                        let last = line.saturating_add(repeats - 1);
                        if last > MAX_SHEET_ROWS {
                            return Err(err(format!(
                                "sheet {name:?}: data at row {last}, past the last row a sheet can have ({MAX_SHEET_ROWS})"
                            )));
                        }
                        self.repeated =
                            self.repeated.saturating_add((repeats - 1).saturating_mul(cells.cells.len() as u64));
                        if self.repeated > MAX_REPEATED_CELLS {
                            return Err(err(format!(
                                "sheet {name:?}, row {line}: repeat counts make more than {MAX_REPEATED_CELLS} cells"
                            )));
                        }
                        for r in line..=last {
                            sink.row(r, &cells.cells)?;
                        }
                    }
                    line = line.saturating_add(repeats);
                }
                Event::Start(e) | Event::Empty(e)
                    if matches!(e.name().as_ref(), "table:table-cell" | "table:covered-table-cell") =>
                {
                    let here = line;
                    let at = column;
                    let place = || cell_name(name, here, at);
                    let repeats = count(&e, "table:number-columns-repeated").map_err(&err)?;
                    let repeats = usize::try_from(repeats).unwrap_or(usize::MAX);
                    let value = value(&e).map_err(|d| err(format!("{}: {d}", place())))?;
                    let text = match value {
                        Value::Text(t) => {
                            if !empty {
                                skip_to_end(xml, e.name().as_ref()).map_err(|d| err(format!("{}: {d}", place())))?;
                            }
                            t
                        }
                        Value::Content if empty => String::new(),
                        Value::Content => content(xml).map_err(|d| err(format!("{}: {d}", place())))?,
                    };
                    if let Some((cells, _)) = row.as_mut() {
                        if repeats > 1 && !text.is_empty() {
                            self.repeated = self.repeated.saturating_add(repeats as u64 - 1);
                            if self.repeated > MAX_REPEATED_CELLS {
                                return Err(err(format!(
                                    "{}: repeat counts make more than {MAX_REPEATED_CELLS} cells",
                                    place()
                                )));
                            }
                        }
                        cells.put(column, text, repeats, &place).map_err(&err)?;
                    }
                    column = column.saturating_add(repeats);
                }
                Event::End(e) if e.name().as_ref() == "table:table" => return Ok(()),
                Event::Eof => return Err(err(format!("content.xml ends inside sheet {name:?}"))),
                _ => {}
            }
        }
    }
}

/// An attribute's value, unescaped.
fn attr(e: &BytesStart<'_>, key: &str) -> std::result::Result<Option<String>, String> {
    for a in e.attributes() {
        let a = a.map_err(|x| format!("content.xml: {x}"))?;
        if a.key.as_ref() == key {
            return a
                .normalized_value(XmlVersion::Implicit1_0)
                .map(|v| Some(v.into_owned()))
                .map_err(|x| format!("content.xml: {x}"));
        }
    }
    Ok(None)
}

/// A repeat count (1 when not given); zero or not a number is an error.
fn count(e: &BytesStart<'_>, key: &str) -> std::result::Result<u64, String> {
    match attr(e, key)? {
        None => Ok(1),
        Some(v) => match v.trim().parse::<u64>() {
            Ok(n) if n > 0 => Ok(n),
            _ => Err(format!("content.xml: {} is {v:?}, not a count", key)),
        },
    }
}

/// What a cell holds, by its attributes (as calamine reads them: the first
/// value attribute wins; a string without `office:string-value` is the text).
enum Value {
    Text(String),
    Content,
}

fn value(e: &BytesStart<'_>) -> std::result::Result<Value, String> {
    let mut is_string = false;
    for a in e.attributes() {
        let a = a.map_err(|x| format!("content.xml: {x}"))?;
        let text = || {
            a.normalized_value(XmlVersion::Implicit1_0)
                .map(std::borrow::Cow::into_owned)
                .map_err(|x| format!("content.xml: {x}"))
        };
        match a.key.as_ref() {
            "office:value" => {
                let v = text()?;
                let f: f64 = v.trim().parse().map_err(|_| format!("{v:?} is not a number"))?;
                return Ok(Value::Text(float_text(f)));
            }
            "office:date-value" => return Ok(Value::Text(date_text(&text()?))),
            "office:time-value" | "office:string-value" => return Ok(Value::Text(text()?)),
            "office:boolean-value" => {
                let v = text()?;
                return Ok(Value::Text((v == "true" || v == "TRUE").to_string()));
            }
            "office:value-type" => is_string = a.value.as_ref() == "string",
            _ => {}
        }
    }
    Ok(if is_string { Value::Content } else { Value::Text(String::new()) })
}

/// Skips to the end of the element `name` (a cell's paragraphs and notes).
fn skip_to_end(xml: &mut Xml<'_>, name: &str) -> std::result::Result<(), String> {
    let end = quick_xml::name::QName(name);
    xml.read_to_end_into(end, &mut Vec::new()).map(|_| ()).map_err(|x| format!("content.xml: {x}"))
}

/// A string cell's text: paragraphs joined by line feeds, `text:s` spaces,
/// tabs and line breaks; notes (`office:annotation`) left out. At most
/// [`MAX_RECORD_BYTES`].
fn content(xml: &mut Xml<'_>) -> std::result::Result<String, String> {
    let mut s = String::new();
    let mut buf = Vec::new();
    let mut paragraphs = 0usize;
    let too_long = || format!("a cell holding more than {MAX_RECORD_BYTES} bytes of text");
    loop {
        buf.clear();
        let event = xml.read_event_into(&mut buf).map_err(|x| format!("content.xml: {x}"))?;
        match event {
            Event::Text(t) => s.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => match r.resolve_char_ref().map_err(|x| format!("content.xml: {x}"))? {
                Some(c) => s.push(c),
                None => {
                    let name: &str = r.as_ref();
                    let c = quick_xml::escape::resolve_predefined_entity(name)
                        .ok_or_else(|| format!("content.xml: unknown entity &{name};"))?;
                    s.push_str(c);
                }
            },
            Event::Start(e) if e.name().as_ref() == "office:annotation" => {
                let end = e.to_end().into_owned();
                xml.read_to_end_into(end.name(), &mut Vec::new()).map_err(|x| format!("content.xml: {x}"))?;
            }
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "text:p" => {
                if paragraphs > 0 {
                    s.push('\n');
                }
                paragraphs += 1;
            }
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "text:s" => {
                let n = count(&e, "text:c")?;
                if n > MAX_RECORD_BYTES as u64 {
                    return Err(too_long());
                }
                s.extend(std::iter::repeat_n(' ', n as usize));
            }
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "text:tab" => s.push('\t'),
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "text:line-break" => s.push('\n'),
            Event::End(e) if matches!(e.name().as_ref(), "table:table-cell" | "table:covered-table-cell") => {
                return Ok(s);
            }
            Event::Eof => return Err("content.xml ends inside the cell".to_owned()),
            _ => {}
        }
        if s.len() > MAX_RECORD_BYTES {
            return Err(too_long());
        }
    }
}
