//! The workbook readers on arbitrary sheets: the input, split at 0xFF, is an
//! `.xlsx`'s sheet head (before `sheetData`), its `sheetData` and its
//! shared-strings part, and the whole input is also an `.ods` sheet's rows.
//! Each reads to an error or to a table whose rows add up, never a panic (run
//! with debug assertions, so an overflow in a position is a panic).
#![no_main]

use std::io::Write;
use std::path::Path;

use libfuzzer_sys::fuzz_target;
use policing_data::home_office::{read_outcomes_table, CountKind};

const XLSX_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;
const XLSX_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const XLSX_BOOK: &str = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const XLSX_BOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;
const ODS_MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;

fn write_zip(path: &Path, members: &[(&str, &[u8])]) {
    let mut w = zip::ZipWriter::new(std::fs::File::create(path).expect("zip"));
    for (name, bytes) in members {
        w.start_file(*name, zip::write::SimpleFileOptions::default()).expect("member");
        w.write_all(bytes).expect("member bytes");
    }
    w.finish().expect("zip");
}

fn read(path: &Path) {
    for kind in [CountKind::OffencesRecorded, CountKind::OutcomesRecorded] {
        if let Ok(t) = read_outcomes_table(path, kind, None) {
            assert!(t.adds_up());
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut parts = data.split(|b| *b == 0xFF);
    let (head, rows, shared) = (parts.next().unwrap_or_default(), parts.next().unwrap_or_default(), parts.next());
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    let sheet = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{}<sheetData>{}</sheetData></worksheet>"#,
        text(head),
        text(rows)
    );
    let shared = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{}</sst>"#,
        text(shared.unwrap_or(b"<si><t>Force name</t></si>"))
    );
    let xlsx = dir.path().join("t.xlsx");
    write_zip(
        &xlsx,
        &[
            ("[Content_Types].xml", XLSX_TYPES.as_bytes()),
            ("_rels/.rels", XLSX_RELS.as_bytes()),
            ("xl/workbook.xml", XLSX_BOOK.as_bytes()),
            ("xl/_rels/workbook.xml.rels", XLSX_BOOK_RELS.as_bytes()),
            ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
            ("xl/sharedStrings.xml", shared.as_bytes()),
        ],
    );
    read(&xlsx);

    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Data">{}</table:table></office:spreadsheet></office:body></office:document-content>"#,
        text(data)
    );
    let ods = dir.path().join("t.ods");
    write_zip(
        &ods,
        &[
            ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
            ("content.xml", content.as_bytes()),
            ("META-INF/manifest.xml", ODS_MANIFEST.as_bytes()),
        ],
    );
    read(&ods);
});
