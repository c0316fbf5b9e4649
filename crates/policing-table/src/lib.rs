//! Typed tables for the outputs of the `policing` workspace.
//!
//! A [`Table`] declares its [`Column`]s once (a name and a [`Kind`]: text,
//! integer or float) and holds rows of [`Cell`]s; the same table is written as
//! CSV, JSON, aligned text for reading, or (feature `xlsx`) an `.xlsx` workbook
//! with a second sheet of metadata. Every output of the command-line tool, and
//! the tables the Python package hands over, go through it, so a column has one
//! name and one type everywhere.
//!
//! - **Numbers as numbers.** A [`Cell::Count`] is an integer in every format; a
//!   [`Cell::Value`] (a rate, share, change or limit) is written as the shortest
//!   decimal that reads back as the same 64-bit float (as polars and duckdb write
//!   them) in CSV and JSON, rounded to its reading places in aligned text, and
//!   rounded half away from zero to `decimals` places in every format when asked.
//! - **Empty is empty**: an empty CSV cell, JSON and Arrow `null`, a blank
//!   workbook cell (empty text included).
//! - **Text made safe.** In aligned text (a terminal), control characters from
//!   the data are written as `\u{1b}`, never raw. In CSV, a text cell that
//!   begins with `=`, `+`, `-`, `@`, a tab or a carriage return, which a
//!   spreadsheet would run as a formula, is prefixed with a single quote `'`
//!   (the OWASP guidance on CSV injection); numbers are never touched, and JSON
//!   and workbooks keep text as it is (a workbook cell written as a string is
//!   never a formula).
//!
//! ```
//! use policing_table::{Cell, Column, Kind, Table};
//!
//! let mut t = Table::new(vec![
//!     Column::new("force", Kind::Text),
//!     Column::new("count", Kind::Integer),
//!     Column::new("rate", Kind::Float),
//! ]);
//! t.push(vec![Cell::text("Wiltshire Police"), Cell::Count(38_612), Cell::value(54.371_4, 1)])?;
//! t.push(vec![Cell::text("=cmd"), Cell::Empty, Cell::Empty])?;
//! let mut csv = Vec::new();
//! t.write_csv(&mut csv, None)?;
//! assert_eq!(String::from_utf8(csv)?, "force,count,rate\nWiltshire Police,38612,54.3714\n'=cmd,,\n");
//! let mut text = Vec::new();
//! t.write_text(&mut text, None)?;
//! assert!(String::from_utf8(text)?.contains("Wiltshire Police  38612  54.4"));
//! // A cell of the wrong kind is refused, naming the row and column.
//! assert!(t.push(vec![Cell::Count(1), Cell::text("x"), Cell::Empty]).is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![warn(
    clippy::exhaustive_structs,
    clippy::exhaustive_enums,
    reason = "a public type grows without a breaking change, or says why it cannot"
)]

use std::io::Write;

use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::{Decimal, RoundingStrategy};

/// What can go wrong building or writing a table.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TableError {
    /// A row with the wrong number of cells.
    #[error("row {row}: {found} cells for {expected} columns")]
    Width {
        /// The row (1 = the first row after the header).
        row: usize,
        /// The number of columns.
        expected: usize,
        /// The number of cells given.
        found: usize,
    },
    /// A cell that is not of its column's kind.
    #[error("row {row}, column {column}: {found} where the column holds {expected} values")]
    Kind {
        /// The row (1 = the first row after the header).
        row: usize,
        /// The column's name.
        column: String,
        /// The column's kind.
        expected: Kind,
        /// What the cell holds.
        found: &'static str,
    },
    /// A column named twice.
    #[error("the column {0} is named twice")]
    DuplicateColumn(String),
    /// A column asked for that the table does not have.
    #[error("no column {0}")]
    NoColumn(String),
    /// Writing failed.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// The workbook could not be made.
    #[error("writing the workbook: {0}")]
    Workbook(String),
}

/// Shorthand for results of this crate.
pub type Result<T> = std::result::Result<T, TableError>;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Kind {
    /// Text (labels, names, periods in words).
    Text,
    /// Whole numbers (counts, ranks).
    Integer,
    /// Measures (rates, shares, changes, limits); a whole denominator may be an integer cell.
    Float,
    /// A nested value (a series of points): written in JSON only, left out of
    /// CSV, aligned text and workbooks, whose cells hold one value each.
    Json,
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Kind::Text => "text",
            Kind::Integer => "integer",
            Kind::Float => "float",
            Kind::Json => "nested",
        })
    }
}

/// A column: its name and kind.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Column {
    /// The name (a CSV header, a JSON key, a Parquet field).
    pub name: String,
    /// What it holds.
    pub kind: Kind,
}

impl Column {
    /// A column.
    #[must_use]
    pub fn new(name: impl Into<String>, kind: Kind) -> Column {
        Column { name: name.into(), kind }
    }
}

/// One cell: what it holds decides how each format writes it.
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::exhaustive_enums, reason = "a closed list the crates match on exhaustively")]
pub enum Cell {
    /// Text, as it is.
    Text(String),
    /// A count: an integer in every format.
    Count(i128),
    /// A measure, and the decimal places aligned text rounds it to for reading.
    Value(f64, u32),
    /// A nested value, for a [`Kind::Json`] column.
    Json(serde_json::Value),
    /// Nothing.
    Empty,
}

impl Cell {
    /// Text.
    #[must_use]
    pub fn text(t: impl Into<String>) -> Cell {
        Cell::Text(t.into())
    }

    /// A measure, rounded to `places` in aligned text; empty when not finite.
    #[must_use]
    pub fn value(v: f64, places: u32) -> Cell {
        if v.is_finite() {
            Cell::Value(v, places)
        } else {
            Cell::Empty
        }
    }

    /// A decimal measure.
    #[must_use]
    pub fn decimal(d: &Decimal, places: u32) -> Cell {
        d.to_f64().map_or(Cell::Empty, |v| Cell::value(v, places))
    }

    /// A decimal that is a whole count when it is whole (a denominator), a measure otherwise.
    #[must_use]
    pub fn amount(d: &Decimal, places: u32) -> Cell {
        if d.fract().is_zero() {
            d.to_i128().map_or(Cell::Empty, Cell::Count)
        } else {
            Cell::decimal(d, places)
        }
    }

    /// A count from any unsigned or signed integer.
    #[must_use]
    pub fn count(n: impl Into<i128>) -> Cell {
        Cell::Count(n.into())
    }

    /// An optional cell.
    pub fn or_empty<T>(v: Option<T>, f: impl FnOnce(T) -> Cell) -> Cell {
        v.map_or(Cell::Empty, f)
    }

    /// What the cell holds, in words (for errors).
    fn holds(&self) -> &'static str {
        match self {
            Cell::Text(_) => "text",
            Cell::Count(_) => "an integer",
            Cell::Value(..) => "a float",
            Cell::Json(_) => "a nested value",
            Cell::Empty => "nothing",
        }
    }

    /// Whether the cell may stand in a column of `kind`: a text column may hold
    /// numbers among its text (a reading view's "12–14 of 42" beside a count),
    /// a number column never holds text.
    fn fits(&self, kind: Kind) -> bool {
        matches!(
            (self, kind),
            (Cell::Empty, _)
                | (Cell::Text(_) | Cell::Count(_) | Cell::Value(..), Kind::Text)
                | (Cell::Count(_), Kind::Integer | Kind::Float)
                | (Cell::Value(..), Kind::Float)
                | (Cell::Json(_), Kind::Json)
        )
    }

    /// The cell as a float (counts and measures), measures rounded to `decimals` if given.
    #[must_use]
    pub fn as_f64(&self, decimals: Option<u32>) -> Option<f64> {
        match self {
            Cell::Count(n) => Some(*n as f64),
            Cell::Value(v, _) => Some(decimals.map_or(*v, |d| fixed(*v, d).parse().unwrap_or(*v))),
            _ => None,
        }
    }

    /// The cell's text: measures as the shortest decimal that reads back (or
    /// `reading` places in aligned text), rounded to `decimals` if given.
    fn render(&self, reading: bool, decimals: Option<u32>) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Count(n) => n.to_string(),
            Cell::Empty => String::new(),
            Cell::Json(v) => v.to_string(),
            Cell::Value(v, places) => match (reading, decimals) {
                (_, Some(d)) => fixed(*v, d),
                (true, None) => fixed(*v, *places),
                // Rust prints a float as the shortest decimal that reads back as the same float.
                (false, None) => v.to_string(),
            },
        }
    }

    /// The cell as JSON.
    #[must_use]
    pub fn json(&self, decimals: Option<u32>) -> serde_json::Value {
        match self {
            Cell::Text(t) if t.is_empty() => serde_json::Value::Null,
            Cell::Text(t) => serde_json::Value::String(t.clone()),
            Cell::Count(n) => {
                i64::try_from(*n).map_or_else(|_| serde_json::Value::String(n.to_string()), serde_json::Value::from)
            }
            Cell::Empty => serde_json::Value::Null,
            Cell::Json(v) => v.clone(),
            Cell::Value(..) => self
                .as_f64(decimals)
                .and_then(serde_json::Number::from_f64)
                .map_or(serde_json::Value::Null, serde_json::Value::Number),
        }
    }
}

impl From<String> for Cell {
    fn from(t: String) -> Self {
        Cell::Text(t)
    }
}

impl From<&str> for Cell {
    fn from(t: &str) -> Self {
        Cell::Text(t.to_owned())
    }
}

/// `v` with `places` decimals, rounded half away from zero; never "-0".
#[must_use]
pub fn fixed(v: f64, places: u32) -> String {
    let d = Decimal::from_f64_retain(v)
        .or_else(|| Decimal::from_f64(v))
        .map(|d| d.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero));
    match d {
        Some(d) if d.is_zero() => format!("{:.prec$}", 0.0, prec = places as usize),
        Some(d) => format!("{:.prec$}", d, prec = places as usize),
        None => format!("{v:.prec$}", prec = places as usize),
    }
}

/// Text for a terminal: each control character (ESC, BEL, ...) written as
/// `\u{..}`, never raw.
#[must_use]
pub fn for_terminal(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Text for a CSV cell a spreadsheet may open: a leading `=`, `+`, `-`, `@`,
/// tab or carriage return (which would start a formula) gets a `'` before it.
#[must_use]
pub fn for_spreadsheet(text: &str) -> std::borrow::Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => std::borrow::Cow::Owned(format!("'{text}")),
        _ => std::borrow::Cow::Borrowed(text),
    }
}

/// A table: columns declared once, rows of cells of their kinds, and metadata
/// (the command, the period, the sources with their vintages, when it was made).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    columns: Vec<Column>,
    rows: Vec<Vec<Cell>>,
    metadata: Vec<(String, String)>,
}

impl Table {
    /// An empty table with these columns.
    #[must_use]
    pub fn new(columns: Vec<Column>) -> Table {
        Table { columns, rows: Vec::new(), metadata: Vec::new() }
    }

    /// A table whose columns' kinds are read off its cells: text if any cell is
    /// text (or every cell is empty), float if any is a measure, integer otherwise.
    ///
    /// # Errors
    /// [`TableError::Width`] for a row of another width.
    pub fn infer(header: &[&str], rows: Vec<Vec<Cell>>) -> Result<Table> {
        let columns = header
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let cells = rows.iter().filter_map(|r| r.get(i));
                let (mut text, mut float, mut int, mut json) = (false, false, false, false);
                for c in cells {
                    match c {
                        Cell::Json(_) => json = true,
                        Cell::Text(_) => text = true,
                        Cell::Value(..) => float = true,
                        Cell::Count(_) => int = true,
                        Cell::Empty => {}
                    }
                }
                let kind = if json {
                    Kind::Json
                } else if text || !(float || int) {
                    Kind::Text
                } else if float {
                    Kind::Float
                } else {
                    Kind::Integer
                };
                Column::new(*h, kind)
            })
            .collect();
        let mut t = Table::new(columns);
        for r in rows {
            t.push(r)?;
        }
        Ok(t)
    }

    /// Adds a row.
    ///
    /// # Errors
    /// [`TableError::Width`] or [`TableError::Kind`], naming the row and column.
    pub fn push(&mut self, row: Vec<Cell>) -> Result<&mut Table> {
        let n = self.rows.len() + 1;
        if row.len() != self.columns.len() {
            return Err(TableError::Width { row: n, expected: self.columns.len(), found: row.len() });
        }
        for (c, col) in row.iter().zip(&self.columns) {
            if !c.fits(col.kind) {
                return Err(TableError::Kind {
                    row: n,
                    column: col.name.clone(),
                    expected: col.kind,
                    found: c.holds(),
                });
            }
        }
        self.rows.push(row);
        Ok(self)
    }

    /// Adds a line of metadata (written to a workbook's second sheet, a Parquet
    /// file's key-value metadata).
    #[must_use]
    pub fn with_metadata(mut self, key: impl Into<String>, value: impl Into<String>) -> Table {
        self.metadata.push((key.into(), value.into()));
        self
    }

    /// The columns.
    #[must_use]
    pub fn columns(&self) -> &[Column] {
        &self.columns
    }

    /// The rows.
    #[must_use]
    pub fn rows(&self) -> &[Vec<Cell>] {
        &self.rows
    }

    /// The metadata.
    #[must_use]
    pub fn metadata(&self) -> &[(String, String)] {
        &self.metadata
    }

    /// The table with only the named columns, in the order named (a reading view).
    ///
    /// # Errors
    /// [`TableError::NoColumn`] for a name the table does not have.
    pub fn select(&self, names: &[&str]) -> Result<Table> {
        let idx: Vec<usize> = names
            .iter()
            .map(|n| {
                self.columns.iter().position(|c| c.name == *n).ok_or_else(|| TableError::NoColumn((*n).to_owned()))
            })
            .collect::<Result<_>>()?;
        let pick = |r: &Vec<Cell>| idx.iter().map(|i| r.get(*i).cloned().unwrap_or(Cell::Empty)).collect();
        Ok(Table {
            columns: idx.iter().filter_map(|i| self.columns.get(*i).cloned()).collect(),
            rows: self.rows.iter().map(pick).collect(),
            metadata: self.metadata.clone(),
        })
    }

    /// The table without its nested ([`Kind::Json`]) columns: what CSV, aligned
    /// text and workbooks hold.
    #[must_use]
    pub fn flat(&self) -> std::borrow::Cow<'_, Table> {
        if self.columns.iter().all(|c| c.kind != Kind::Json) {
            return std::borrow::Cow::Borrowed(self);
        }
        let names: Vec<&str> = self.columns.iter().filter(|c| c.kind != Kind::Json).map(|c| c.name.as_str()).collect();
        std::borrow::Cow::Owned(self.select(&names).unwrap_or_default())
    }

    /// Checks that no column is named twice.
    ///
    /// # Errors
    /// [`TableError::DuplicateColumn`].
    pub fn check_names(&self) -> Result<()> {
        let mut seen = std::collections::BTreeSet::new();
        for c in &self.columns {
            if !seen.insert(c.name.as_str()) {
                return Err(TableError::DuplicateColumn(c.name.clone()));
            }
        }
        Ok(())
    }

    /// Writes CSV with a header, measures rounded to `decimals` if given.
    ///
    /// # Errors
    /// [`TableError::Io`].
    pub fn write_csv(&self, out: &mut dyn Write, decimals: Option<u32>) -> Result<()> {
        let flat = self.flat();
        let this = flat.as_ref();
        let mut w = csv::Writer::from_writer(out);
        w.write_record(this.columns.iter().map(|c| c.name.as_str())).map_err(std::io::Error::other)?;
        for r in &this.rows {
            w.write_record(r.iter().map(|c| match c {
                Cell::Text(t) => for_spreadsheet(t).into_owned(),
                c => c.render(false, decimals),
            }))
            .map_err(std::io::Error::other)?;
        }
        w.flush()?;
        Ok(())
    }

    /// Writes a JSON array of objects, one a row, keys in column order (a
    /// nested cell written on its line).
    ///
    /// # Errors
    /// [`TableError::Io`].
    pub fn write_json(&self, out: &mut dyn Write, decimals: Option<u32>) -> Result<()> {
        let mut w = std::io::BufWriter::new(out);
        let json = |v: &serde_json::Value| serde_json::to_string(v).map_err(std::io::Error::other);
        if self.rows.is_empty() {
            writeln!(w, "[]")?;
            return Ok(w.flush()?);
        }
        writeln!(w, "[")?;
        for (i, r) in self.rows.iter().enumerate() {
            writeln!(w, "  {{")?;
            for (j, (h, v)) in self.columns.iter().zip(r).enumerate() {
                let comma = if j + 1 < self.columns.len() { "," } else { "" };
                writeln!(
                    w,
                    "    {}: {}{comma}",
                    json(&serde_json::Value::String(h.name.clone()))?,
                    json(&v.json(decimals))?
                )?;
            }
            writeln!(w, "  }}{}", if i + 1 < self.rows.len() { "," } else { "" })?;
        }
        writeln!(w, "]")?;
        Ok(w.flush()?)
    }

    /// Writes aligned columns for reading: numbers right-aligned and rounded to
    /// their reading places (or `decimals`), text left-aligned with control
    /// characters escaped.
    ///
    /// # Errors
    /// [`TableError::Io`].
    pub fn write_text(&self, out: &mut dyn Write, decimals: Option<u32>) -> Result<()> {
        let flat = self.flat();
        let this = flat.as_ref();
        let texts: Vec<Vec<String>> = this
            .rows
            .iter()
            .map(|r| r.iter().map(|c| for_terminal(&c.render(true, decimals)).into_owned()).collect())
            .collect();
        let header: Vec<String> = this.columns.iter().map(|c| for_terminal(&c.name).into_owned()).collect();
        let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
        for r in &texts {
            for (w, v) in widths.iter_mut().zip(r) {
                *w = (*w).max(v.chars().count());
            }
        }
        let numeric: Vec<bool> = this.columns.iter().map(|c| matches!(c.kind, Kind::Integer | Kind::Float)).collect();
        let line = |cells: &[String]| {
            cells
                .iter()
                .zip(&widths)
                .zip(&numeric)
                .map(|((c, w), right)| if *right { format!("{c:>w$}") } else { format!("{c:<w$}") })
                .collect::<Vec<_>>()
                .join("  ")
                .trim_end()
                .to_owned()
        };
        writeln!(out, "{}", line(&header))?;
        for r in &texts {
            writeln!(out, "{}", line(r))?;
        }
        Ok(())
    }

    /// The table as an `.xlsx` workbook: a sheet `table` (the header in bold and
    /// frozen, columns sized to their contents up to 60 characters, counts and
    /// measures as numbers, measures rounded to `decimals` if given) and a sheet
    /// `about` with the metadata.
    ///
    /// # Errors
    /// [`TableError::Workbook`], or a table too large for a sheet.
    #[cfg(feature = "xlsx")]
    pub fn xlsx(&self, decimals: Option<u32>) -> Result<Vec<u8>> {
        use rust_xlsxwriter::{Format as XFormat, Workbook};
        let flat = self.flat();
        let this = flat.as_ref();
        let xl = |e: rust_xlsxwriter::XlsxError| TableError::Workbook(e.to_string());
        let too_big = |what: &str| TableError::Workbook(format!("too many {what} for a sheet"));
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name("table").map_err(xl)?;
        let bold = XFormat::new().set_bold();
        let mut widths: Vec<usize> = this.columns.iter().map(|c| c.name.chars().count()).collect();
        for (c, h) in this.columns.iter().enumerate() {
            let c = u16::try_from(c).map_err(|_| too_big("columns"))?;
            sheet.write_string_with_format(0, c, &h.name, &bold).map_err(xl)?;
        }
        for (r, row) in this.rows.iter().enumerate() {
            let r = u32::try_from(r + 1).ok().filter(|r| *r < 1_048_576).ok_or_else(|| too_big("rows"))?;
            for (c, cell) in row.iter().enumerate() {
                if let Some(w) = widths.get_mut(c) {
                    *w = (*w).max(cell.render(true, decimals).chars().count());
                }
                let c = u16::try_from(c).map_err(|_| too_big("columns"))?;
                match cell {
                    Cell::Text(t) if t.is_empty() => {}
                    Cell::Text(t) => {
                        sheet.write_string(r, c, t).map_err(xl)?;
                    }
                    Cell::Count(_) | Cell::Value(..) => {
                        if let Some(v) = cell.as_f64(decimals) {
                            sheet.write_number(r, c, v).map_err(xl)?;
                        }
                    }
                    Cell::Empty | Cell::Json(_) => {}
                }
            }
        }
        for (c, w) in widths.iter().enumerate() {
            let c = u16::try_from(c).map_err(|_| too_big("columns"))?;
            sheet.set_column_width(c, ((*w).min(60) + 2) as f64).map_err(xl)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(xl)?;
        let about = book.add_worksheet();
        about.set_name("about").map_err(xl)?;
        about.write_string_with_format(0, 0, "key", &bold).map_err(xl)?;
        about.write_string_with_format(0, 1, "value", &bold).map_err(xl)?;
        for (i, (k, v)) in self.metadata.iter().enumerate() {
            let r = u32::try_from(i + 1).map_err(|_| too_big("metadata lines"))?;
            about.write_string(r, 0, k).map_err(xl)?;
            about.write_string(r, 1, v).map_err(xl)?;
        }
        about.set_column_width(0, 16).map_err(xl)?;
        about.set_column_width(1, 100).map_err(xl)?;
        book.save_to_buffer().map_err(xl)
    }
}

#[cfg(feature = "arrow")]
impl Table {
    /// The table as one Arrow record batch: text columns as `Utf8` (a number in a
    /// text column as its text), integers as `Int64`, floats as `Float64` (rounded
    /// to `decimals` if given), nested columns as `Utf8` holding JSON (field
    /// metadata `encoding: json`), empty as null; the metadata on the schema.
    ///
    /// # Errors
    /// [`TableError::Workbook`] (for want of a better name: the table cannot be
    /// laid out) when an integer is beyond 64 bits.
    pub fn to_record_batch(&self, decimals: Option<u32>) -> Result<arrow_array::RecordBatch> {
        use std::sync::Arc;

        use arrow_array::{ArrayRef, Float64Array, Int64Array, RecordBatch, StringArray};
        use arrow_schema::{DataType, Field, Schema};

        let mut fields = Vec::with_capacity(self.columns.len());
        let mut arrays: Vec<ArrayRef> = Vec::with_capacity(self.columns.len());
        for (i, c) in self.columns.iter().enumerate() {
            let cells = self.rows.iter().map(|r| r.get(i).unwrap_or(&Cell::Empty));
            match c.kind {
                Kind::Text | Kind::Json => {
                    let values: Vec<Option<String>> = cells
                        .map(|cell| match cell {
                            Cell::Empty => None,
                            Cell::Text(t) if t.is_empty() => None,
                            Cell::Text(t) => Some(t.clone()),
                            other => Some(other.render(false, decimals)),
                        })
                        .collect();
                    let mut field = Field::new(&c.name, DataType::Utf8, true);
                    if c.kind == Kind::Json {
                        field = field.with_metadata(std::collections::HashMap::from([(
                            "encoding".to_owned(),
                            "json".to_owned(),
                        )]));
                    }
                    fields.push(field);
                    arrays.push(Arc::new(StringArray::from(values)));
                }
                Kind::Integer => {
                    let values: Vec<Option<i64>> = cells
                        .map(|cell| match cell {
                            Cell::Count(n) => i64::try_from(*n)
                                .map(Some)
                                .map_err(|_| TableError::Workbook(format!("{}: {n} is beyond 64 bits", c.name))),
                            _ => Ok(None),
                        })
                        .collect::<Result<_>>()?;
                    fields.push(Field::new(&c.name, DataType::Int64, true));
                    arrays.push(Arc::new(Int64Array::from(values)));
                }
                Kind::Float => {
                    let values: Vec<Option<f64>> = cells.map(|cell| cell.as_f64(decimals)).collect();
                    fields.push(Field::new(&c.name, DataType::Float64, true));
                    arrays.push(Arc::new(Float64Array::from(values)));
                }
            }
        }
        let schema = Schema::new(fields)
            .with_metadata(self.metadata.iter().cloned().collect::<std::collections::HashMap<_, _>>());
        RecordBatch::try_new(Arc::new(schema), arrays).map_err(|e| TableError::Workbook(e.to_string()))
    }
}

#[cfg(feature = "parquet")]
impl Table {
    /// The table as a Parquet file (Snappy-compressed, one row group): the
    /// columns typed as [`Table::to_record_batch`] lays them out, the metadata
    /// as the file's key-value metadata.
    ///
    /// # Errors
    /// As [`Table::to_record_batch`], or the writer's error.
    pub fn parquet(&self, decimals: Option<u32>) -> Result<Vec<u8>> {
        use parquet::arrow::ArrowWriter;
        use parquet::basic::Compression;
        use parquet::file::metadata::KeyValue;
        use parquet::file::properties::WriterProperties;

        let batch = self.to_record_batch(decimals)?;
        let kv: Vec<KeyValue> = self.metadata.iter().map(|(k, v)| KeyValue::new(k.clone(), v.clone())).collect();
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_key_value_metadata((!kv.is_empty()).then_some(kv))
            .build();
        let pq = |e: parquet::errors::ParquetError| TableError::Workbook(format!("writing Parquet: {e}"));
        let mut out = Vec::new();
        let mut writer = ArrowWriter::try_new(&mut out, batch.schema(), Some(props)).map_err(pq)?;
        writer.write(&batch).map_err(pq)?;
        writer.close().map_err(pq)?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a test: a failure panics with its message")]
    use super::*;

    #[test]
    fn measures_print_by_meaning() {
        let v = Cell::decimal(&"74.1443144584858105981648141".parse().unwrap(), 1);
        assert_eq!(v.render(false, None), "74.14431445848581");
        assert_eq!(v.render(false, None).parse::<f64>().unwrap(), 74.144_314_458_485_81);
        assert_eq!(v.render(true, None), "74.1");
        assert_eq!(v.render(false, Some(3)), "74.144");
        assert_eq!(Cell::value(-0.04, 1).render(true, None), "0.0");
        assert_eq!(Cell::value(2.5, 0).render(true, None), "3");
        assert_eq!(Cell::Count(743_068).render(true, Some(2)), "743068");
        assert_eq!(Cell::amount(&Decimal::from(8_664_953), 0), Cell::Count(8_664_953));
        assert_eq!(Cell::value(f64::NAN, 1), Cell::Empty);
        assert_eq!(v.json(None), serde_json::json!(74.144_314_458_485_81));
        assert_eq!(Cell::Count(3).json(None), serde_json::json!(3));
    }

    #[test]
    fn text_is_made_safe_where_it_is_read() {
        assert_eq!(for_terminal("a\u{1b}[2Jb\u{7}"), "a\\u{1b}[2Jb\\u{7}");
        assert_eq!(for_terminal("plain"), "plain");
        for bad in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(for_spreadsheet(bad), format!("'{bad}"));
        }
        assert_eq!(for_spreadsheet("Wiltshire"), "Wiltshire");
        let mut t = Table::new(vec![Column::new("a", Kind::Text), Column::new("n", Kind::Float)]);
        t.push(vec![Cell::text("=HYPERLINK(\"x\")"), Cell::value(-1.5, 1)]).unwrap();
        t.push(vec![Cell::text("\u{1b}]0;pwned\u{7}"), Cell::Empty]).unwrap();
        let mut csv = Vec::new();
        t.write_csv(&mut csv, None).unwrap();
        // The text is neutralised, the negative number is not.
        assert_eq!(String::from_utf8(csv).unwrap(), "a,n\n\"'=HYPERLINK(\"\"x\"\")\",-1.5\n\u{1b}]0;pwned\u{7},\n");
        let mut text = Vec::new();
        t.write_text(&mut text, None).unwrap();
        let text = String::from_utf8(text).unwrap();
        assert!(!text.contains('\u{1b}') && text.contains("\\u{1b}]0;pwned\\u{7}"), "{text}");
    }

    #[test]
    fn json_keeps_the_columns_order() {
        let mut t = Table::new(vec![Column::new("z", Kind::Text), Column::new("a", Kind::Integer)]);
        t.push(vec![Cell::text("x\"y"), Cell::Count(2)]).unwrap();
        let mut out = Vec::new();
        t.write_json(&mut out, None).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, "[\n  {\n    \"z\": \"x\\\"y\",\n    \"a\": 2\n  }\n]\n");
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, serde_json::json!([{"z": "x\"y", "a": 2}]));
        let mut out = Vec::new();
        Table::new(vec![Column::new("z", Kind::Text)]).write_json(&mut out, None).unwrap();
        assert_eq!(out, b"[]\n");
    }

    #[test]
    fn kinds_are_inferred_and_checked() {
        let t = Table::infer(
            &["k", "n", "v", "e"],
            vec![
                vec![Cell::text("a"), Cell::Count(1), Cell::Count(2), Cell::Empty],
                vec![Cell::text("b"), Cell::Empty, Cell::value(0.5, 1), Cell::Empty],
            ],
        )
        .unwrap();
        let kinds: Vec<Kind> = t.columns().iter().map(|c| c.kind).collect();
        assert_eq!(kinds, [Kind::Text, Kind::Integer, Kind::Float, Kind::Text]);
        let mut t = t;
        let e = t.push(vec![Cell::text("c"), Cell::value(1.5, 1), Cell::Empty, Cell::Empty]).unwrap_err();
        assert_eq!(e.to_string(), "row 3, column n: a float where the column holds integer values");
        let e = t.push(vec![Cell::text("c"), Cell::text("1"), Cell::Empty, Cell::Empty]).unwrap_err();
        assert_eq!(e.to_string(), "row 3, column n: text where the column holds integer values");
        // Numbers among text are text's.
        t.push(vec![Cell::Count(3), Cell::Empty, Cell::Empty, Cell::Empty]).unwrap();
        assert!(matches!(t.push(vec![Cell::Empty]), Err(TableError::Width { row: 4, expected: 4, found: 1 })));
        assert!(t.select(&["v", "k"]).unwrap().columns().first().is_some_and(|c| c.name == "v"));
        assert!(t.select(&["nope"]).is_err());
    }
}
