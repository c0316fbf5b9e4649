//! A workbook read back: every column, numbers as numbers, the header frozen, the metadata sheet.
#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    missing_docs,
    reason = "a test: a failure panics with its message"
)]

use calamine::{Data, Reader, Xlsx};
use policing_table::{Cell, Column, Kind, Table};

#[test]
fn a_workbook_holds_every_column_and_the_metadata() {
    let mut t = Table::new(vec![
        Column::new("force", Kind::Text),
        Column::new("count", Kind::Integer),
        Column::new("rate", Kind::Float),
        Column::new("note", Kind::Text),
    ])
    .with_metadata("command", "policing crime --to 2016-06")
    .with_metadata("period", "12 months to 30 June 2016");
    t.push(vec![Cell::text("Wiltshire Police"), Cell::Count(38_612), Cell::value(54.371_4, 1), Cell::text("=1+1")])
        .unwrap();
    t.push(vec![Cell::text("Dorset Police"), Cell::Empty, Cell::Empty, Cell::Empty]).unwrap();
    let bytes = t.xlsx(None).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(book.sheet_names(), ["table", "about"]);
    let table = book.worksheet_range("table").unwrap();
    let rows: Vec<Vec<Data>> = table.rows().map(<[Data]>::to_vec).collect();
    assert_eq!(rows[0], ["force", "count", "rate", "note"].map(|s| Data::String(s.to_owned())));
    assert_eq!(rows[1][1], Data::Float(38_612.0));
    assert_eq!(rows[1][2], Data::Float(54.371_4));
    // Text that looks like a formula stays text in a workbook.
    assert_eq!(rows[1][3], Data::String("=1+1".to_owned()));
    assert_eq!(rows[2][1], Data::Empty);
    let about = book.worksheet_range("about").unwrap();
    let about: Vec<Vec<Data>> = about.rows().map(<[Data]>::to_vec).collect();
    assert_eq!(about[1], ["command", "policing crime --to 2016-06"].map(|s| Data::String(s.to_owned())));
    assert_eq!(about.len(), 3);
    // Rounded on request.
    let bytes = t.xlsx(Some(1)).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(book.worksheet_range("table").unwrap().get((1, 2)), Some(&Data::Float(54.4)));
}

/// Parquet read back by the parquet crate's own reader: the types, the nulls, the metadata.
#[test]
fn parquet_holds_typed_columns_and_the_metadata() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let mut t = Table::new(vec![
        Column::new("force", Kind::Text),
        Column::new("count", Kind::Integer),
        Column::new("rate", Kind::Float),
        Column::new("series", Kind::Json),
    ])
    .with_metadata("period", "12 months to 30 June 2016");
    t.push(vec![
        Cell::text("Wiltshire Police"),
        Cell::Count(38_612),
        Cell::value(54.371_4, 1),
        Cell::Json(serde_json::json!([1, 2])),
    ])
    .unwrap();
    t.push(vec![Cell::text("Dorset Police"), Cell::Empty, Cell::Count(3), Cell::Empty]).unwrap();
    let bytes = t.parquet(None).unwrap();
    assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));
    let reader = SerializedFileReader::new(bytes::Bytes::from(bytes)).unwrap();
    let meta = reader.metadata().file_metadata();
    let kv = meta.key_value_metadata().unwrap();
    assert!(kv.iter().any(|k| k.key == "period" && k.value.as_deref() == Some("12 months to 30 June 2016")));
    let schema = meta.schema_descr();
    let types: Vec<String> =
        (0..schema.num_columns()).map(|i| format!("{:?}", schema.column(i).physical_type())).collect();
    assert_eq!(types, ["BYTE_ARRAY", "INT64", "DOUBLE", "BYTE_ARRAY"]);
    assert_eq!(meta.num_rows(), 2);
    let rows: Vec<String> = reader.get_row_iter(None).unwrap().map(|r| r.unwrap().to_string()).collect();
    assert_eq!(rows[0], "{force: \"Wiltshire Police\", count: 38612, rate: 54.3714, series: \"[1,2]\"}");
    assert_eq!(rows[1], "{force: \"Dorset Police\", count: null, rate: 3.0, series: null}");
}
