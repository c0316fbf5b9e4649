//! A workbook read back: every column, numbers as numbers, the header frozen, the metadata sheet.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, missing_docs)]

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
