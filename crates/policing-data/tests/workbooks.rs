//! Workbooks that never mislead (issue 21, items 4, 12 and 18): `.ods` repeat
//! counts followed without expanding blank rows and cells, bounded where they
//! would expand data; data after a million blank rows kept at its row; an
//! `.xlsx` shared-strings table bounded; formulas without saved values named;
//! and the `.ods` reader differential against calamine on a real workbook.
#![cfg(feature = "spreadsheets")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs,
    reason = "a test: a failure panics with its message"
)]

use std::io::Write;
use std::path::{Path, PathBuf};

use policing_data::rows::{read_rows, RowSink};
use policing_data::workbook::{MAX_REPEATED_CELLS, MAX_SHEET_ROWS};

#[derive(Default)]
struct Rows(Vec<(u64, Vec<String>)>);

impl RowSink for Rows {
    fn row(&mut self, line: u64, cells: &[String]) -> policing_data::Result<()> {
        self.0.push((line, cells.to_vec()));
        Ok(())
    }
    fn unreadable(&mut self, line: u64, reason: String) {
        panic!("line {line}: {reason}");
    }
    fn has_header(&self) -> bool {
        !self.0.is_empty()
    }
}

fn write_zip(path: &Path, members: &[(&str, &[u8])]) {
    let mut w = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, bytes) in members {
        w.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap();
}

/// An `.ods` whose one sheet, "Data", has these rows (`table:table-row` elements).
fn ods(dir: &Path, rows: &str) -> PathBuf {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Data"><table:table-column table:number-columns-repeated="3"/>{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let path = dir.join("t.ods");
    write_zip(
        &path,
        &[
            ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
            ("content.xml", content.as_bytes()),
            ("META-INF/manifest.xml", MANIFEST.as_bytes()),
        ],
    );
    path
}

const MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;

fn string_cell(s: &str) -> String {
    format!(r#"<table:table-cell office:value-type="string"><text:p>{s}</text:p></table:table-cell>"#)
}

fn read(path: &Path) -> Result<Vec<(u64, Vec<String>)>, String> {
    let mut rows = Rows::default();
    read_rows(path, None, &mut rows).map_err(|e| e.to_string())?;
    Ok(rows.0)
}

/// Items 4 and 12: a row repeated a million times holding repeated cells is
/// refused with the count (before: 2.5 to 12 GB); blank rows repeated a
/// million times then a data row keep that row at its number (before: dropped
/// with "0 rejected"); data past the last row a sheet can have is an error.
#[test]
fn ods_repeats_are_followed_not_expanded() {
    let dir = tempfile::tempdir().unwrap();
    let header = format!("<table:table-row>{}{}</table:table-row>", string_cell("force"), string_cell("count"));

    // A row of 99 repeated cells, repeated a million times.
    let bomb = format!(
        r#"{header}<table:table-row table:number-rows-repeated="1000000"><table:table-cell office:value-type="float" office:value="7" table:number-columns-repeated="99"/></table:table-row>"#
    );
    let e = read(&ods(dir.path(), &bomb)).unwrap_err();
    assert!(e.contains(&format!("more than {MAX_REPEATED_CELLS} cells")) && e.contains("t.ods"), "{e}");

    // Blank rows repeated (as LibreOffice writes them), then data.
    let gap = 1_000_000;
    let late = format!(
        r#"{header}<table:table-row table:number-rows-repeated="{gap}"><table:table-cell table:number-columns-repeated="1024"/></table:table-row><table:table-row>{}<table:table-cell office:value-type="float" office:value="12"/></table:table-row><table:table-row table:number-rows-repeated="47575"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#,
        string_cell("Wiltshire")
    );
    let rows = read(&ods(dir.path(), &late)).unwrap();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[1], (2 + gap, vec!["Wiltshire".to_owned(), "12".to_owned()]));

    // Data past the last row a sheet can have.
    let past = format!(
        r#"{header}<table:table-row table:number-rows-repeated="{MAX_SHEET_ROWS}"><table:table-cell/></table:table-row><table:table-row>{}</table:table-row>"#,
        string_cell("x")
    );
    let e = read(&ods(dir.path(), &past)).unwrap_err();
    assert!(e.contains(&format!("row {}", MAX_SHEET_ROWS + 2)) && e.contains("Data"), "{e}");

    // A data row repeated a few times is every one of its rows.
    let few = format!(
        r#"{header}<table:table-row table:number-rows-repeated="3">{}<table:table-cell office:value-type="float" office:value="1.5" table:number-columns-repeated="2"/></table:table-row>"#,
        string_cell("a &amp; b")
    );
    let rows = read(&ods(dir.path(), &few)).unwrap();
    let want: Vec<(u64, Vec<String>)> =
        (2..=4).map(|l| (l, vec!["a & b".to_owned(), "1.5".to_owned(), "1.5".to_owned()])).collect();
    assert_eq!(rows[1..], want[..]);

    // Cells past the last column, a space run, and a text without markup are errors naming where.
    let wide = format!(
        r#"{header}<table:table-row><table:table-cell table:number-columns-repeated="16384"/>{}</table:table-row>"#,
        string_cell("x")
    );
    let e = read(&ods(dir.path(), &wide)).unwrap_err();
    assert!(e.contains("cell XFE2") && e.contains("last column"), "{e}");
    let spaces = format!(
        r#"{header}<table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s text:c="4000000000"/></text:p></table:table-cell></table:table-row>"#
    );
    let e = read(&ods(dir.path(), &spaces)).unwrap_err();
    assert!(e.contains("cell A2") && e.contains("bytes of text"), "{e}");
    let run = format!("{header}<table:table-row>{}</table:table-row>", string_cell(&"\n".repeat(8 << 20)));
    let e = read(&ods(dir.path(), &run)).unwrap_err();
    assert!(e.contains("a tag or text longer than"), "{e}");
}

/// An `.xlsx` from its parts: one sheet "Data" with `sheet` as its `sheetData`,
/// and `shared` as the shared-strings part.
fn xlsx(dir: &Path, sheet_data: &str, shared: &str) -> PathBuf {
    xlsx_with(dir, "", sheet_data, shared)
}

/// As [`xlsx`], with `head` (a `dimension`, say) before the `sheetData`.
fn xlsx_with(dir: &Path, head: &str, sheet_data: &str, shared: &str) -> PathBuf {
    let types = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;
    let rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    let book = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    let book_rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;
    let sheet = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{head}<sheetData>{sheet_data}</sheetData></worksheet>"#
    );
    let path = dir.join("t.xlsx");
    write_zip(
        &path,
        &[
            ("[Content_Types].xml", types.as_bytes()),
            ("_rels/.rels", rels.as_bytes()),
            ("xl/workbook.xml", book.as_bytes()),
            ("xl/_rels/workbook.xml.rels", book_rels.as_bytes()),
            ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
            ("xl/sharedStrings.xml", shared.as_bytes()),
        ],
    );
    path
}

const SST: &str = r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2"><si><t>force</t></si><si><t>count</t></si></sst>"#;

/// Item 4 and 18: the shared-strings table is bounded (before: 30 million
/// strings took 2.1 GB; a declared count of a trillion aborts calamine's
/// reservation); a formula without a saved value names its cell (before: "is
/// empty"); a plain workbook reads.
#[test]
fn xlsx_parts_are_bounded_and_formulas_need_values() {
    let dir = tempfile::tempdir().unwrap();
    let header = r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>"#;
    let data = r#"<row r="2"><c r="A2" t="inlineStr"><is><t>Wiltshire</t></is></c><c r="B2"><v>12</v></c></row>"#;
    let rows = read(&xlsx(dir.path(), &format!("{header}{data}"), SST)).unwrap();
    assert_eq!(
        rows,
        [(1, vec!["force".to_owned(), "count".to_owned()]), (2, vec!["Wiltshire".to_owned(), "12".to_owned()])]
    );

    let formula =
        r#"<row r="2"><c r="A2" t="inlineStr"><is><t>Wiltshire</t></is></c><c r="B2"><f>SUM(C2:D2)</f></c></row>"#;
    let e = read(&xlsx(dir.path(), &format!("{header}{formula}"), SST)).unwrap_err();
    assert!(e.contains("cell B2") && e.contains("formula without a saved value"), "{e}");

    let declared = SST.replace(r#"uniqueCount="2""#, r#"uniqueCount="1000000000000""#);
    let e = read(&xlsx(dir.path(), header, &declared)).unwrap_err();
    assert!(e.contains("declares 1000000000000 strings"), "{e}");

    let many = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{}</sst>"#,
        "<si><t>a</t></si>".repeat(1_100_000)
    );
    let e = read(&xlsx(dir.path(), header, &many)).unwrap_err();
    assert!(e.contains("shared-strings table of more than"), "{e}");

    let wide = r#"<row r="2"><c r="XFE2"><v>1</v></c></row>"#;
    let e = read(&xlsx(dir.path(), &format!("{header}{wide}"), SST)).unwrap_err();
    assert!(e.contains("cell XFE2") && e.contains("last column"), "{e}");
}

/// Cell references past the last cell a sheet can have, and ranges that end
/// before they start, are refused naming the part and the reference. calamine
/// turns references into positions in `u32` arithmetic: before this check, ten
/// letters or eleven digits overflowed it (a panic in a debug build, another
/// cell in a release build), and a reversed dimension underflowed it.
#[test]
fn xlsx_references_past_the_sheet_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let header = r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>"#;
    let refused =
        |head: &str, data: &str| read(&xlsx_with(dir.path(), head, &format!("{header}{data}"), SST)).unwrap_err();
    let e = refused("", r#"<row r="2"><c r="AAAAAAAAAA2"><v>1</v></c></row>"#);
    assert!(e.contains("xl/worksheets/sheet1.xml: cell AAAAAAAAAA2 is past the last column"), "{e}");
    let e = refused("", r#"<row r="99999999999"><c><v>1</v></c></row>"#);
    assert!(e.contains("row 99999999999 is past the last row a sheet can have (1048576)"), "{e}");
    let e = refused("", r#"<row><c r="A1048577"><v>1</v></c></row>"#);
    assert!(e.contains("cell A1048577 is past the last row"), "{e}");
    // calamine reads letters, then digits, before it looks at what follows
    // (found by the `workbooks` fuzz target: fifty letters, then a non-ASCII one).
    let e = refused("", &format!(r#"<row r="{}é1"><c><v>1</v></c></row>"#, "n".repeat(50)));
    assert!(e.contains("is past the last column") && e.contains("nnnn..."), "{e}");
    let e = refused("", r#"<row r="2"><c r="A99999999999x"><v>1</v></c></row>"#);
    assert!(e.contains("cell A99999999999x is past the last row"), "{e}");
    let e = refused(r#"<dimension ref="B2:A1"/>"#, "");
    assert!(e.contains("range B2:A1 ends before it starts"), "{e}");
    let e = refused("", r#"<row r="2"><c r="A2"><f t="shared" ref="A9:A2" si="0">B2</f><v>1</v></c></row>"#);
    assert!(e.contains("range A9:A2 ends before it starts"), "{e}");
    // More rows than a sheet can have, none of them numbered (calamine counts
    // them in a u32 of its own).
    let e = refused("", &"<row></row>".repeat(1_048_577));
    assert!(e.contains("more rows than a sheet can have (1048576)"), "{e}");
    // The last cell a sheet can have, and a dimension that reaches it, read.
    let last = r#"<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>Wiltshire</t></is></c><c r="B1048576"><v>7</v></c></row>"#;
    let rows =
        read(&xlsx_with(dir.path(), r#"<dimension ref="A1:XFD1048576"/>"#, &format!("{header}{last}"), SST)).unwrap();
    assert_eq!(rows.last(), Some(&(1_048_576, vec!["Wiltshire".to_owned(), "7".to_owned()])));
}

/// The `.ods` reader gives what calamine gives on a real workbook (the Home
/// Office workforce tables, September 2016), sheet by sheet: calamine's range
/// with its offset put back, blank rows left out, trailing empty cells trimmed.
#[test]
fn the_ods_reader_agrees_with_calamine_on_a_real_workbook() {
    use calamine::{open_workbook_auto, Data, DataType, Reader};
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/raw/resistancelab/police-workforce-tables-sep16.ods");
    let mut book = open_workbook_auto(&path).unwrap();
    let names = book.sheet_names();
    assert!(names.len() > 3, "{names:?}");
    let mut compared = 0;
    for name in names {
        let range = book.worksheet_range(&name).unwrap();
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut want = Vec::new();
        for (i, row) in range.rows().enumerate() {
            let mut cells: Vec<String> = vec![String::new(); c0 as usize];
            cells.extend(row.iter().map(|d| match d {
                Data::Float(f) if f.fract() == 0.0 => format!("{f:.0}"),
                Data::DateTimeIso(_) => d.as_date().map_or_else(|| d.to_string(), |x| x.format("%d-%m-%Y").to_string()),
                other => other.to_string(),
            }));
            while cells.last().is_some_and(String::is_empty) {
                cells.pop();
            }
            if cells.iter().any(|c| !c.trim().is_empty()) {
                want.push((u64::from(r0) + i as u64 + 1, cells));
            }
        }
        let mut got = Rows::default();
        read_rows(&path, Some(&name), &mut got).unwrap();
        for (_, cells) in &mut got.0 {
            while cells.last().is_some_and(String::is_empty) {
                cells.pop();
            }
        }
        assert_eq!(got.0, want, "sheet {name:?}");
        compared += want.len();
    }
    assert!(compared > 100, "{compared} rows compared");
}
