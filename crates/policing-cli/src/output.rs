//! Where output goes (standard output, or `-o FILE`), in which format, and the
//! messages on standard error (which never panic, even on a full disk, and are
//! left out with `--quiet`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::error::{data, usage, CliError};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Comma-separated values with a header: counts as integers, measures as the shortest decimal that reads
    /// back as the same 64-bit float (as polars and duckdb write them).
    Csv,
    /// A JSON array of objects, numbers as numbers.
    Json,
    /// Aligned columns for reading, measures rounded.
    Table,
}

/// The output options every command that prints a table shares.
#[derive(Debug, Clone, clap::Args)]
pub struct OutputArgs {
    /// Output format: csv and json print measures as the shortest decimal that reads back as the same 64-bit
    /// float; table rounds them for reading (default: table for crime, csv for the others).
    #[arg(short = 'f', long, value_enum)]
    format: Option<Format>,
    /// Write to this file instead of standard output, whole or not at all; a name ending in .xlsx writes a
    /// workbook (numbers as numbers).
    #[arg(short = 'o', long)]
    pub output: Option<PathBuf>,
    /// Round measures (rates, shares, changes, limits) to this many decimal places in every format.
    #[arg(long, value_parser = clap::value_parser!(u32).range(0..=12))]
    pub decimals: Option<u32>,
}

/// One cell of an output table: what it holds decides how each format prints it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text, as it is.
    Text(String),
    /// A count: an integer in every format.
    Count(i128),
    /// A measure (a rate, share, change or limit), and the decimal places a table rounds it to for reading.
    Value(f64, u32),
    /// Nothing.
    Empty,
}

impl Cell {
    /// Text.
    pub fn text(t: impl Into<String>) -> Cell {
        Cell::Text(t.into())
    }

    /// A measure, rounded to `places` in tables; empty when not finite.
    pub fn value(v: f64, places: u32) -> Cell {
        if v.is_finite() {
            Cell::Value(v, places)
        } else {
            Cell::Empty
        }
    }

    /// A decimal measure.
    pub fn decimal(d: &Decimal, places: u32) -> Cell {
        d.to_f64().map_or(Cell::Empty, |v| Cell::value(v, places))
    }

    /// A decimal that is a whole count when it is whole (a denominator), a measure otherwise.
    pub fn amount(d: &Decimal, places: u32) -> Cell {
        if d.fract().is_zero() {
            d.to_i128().map_or(Cell::Empty, Cell::Count)
        } else {
            Cell::decimal(d, places)
        }
    }

    /// An optional cell.
    pub fn or_empty<T>(v: Option<T>, f: impl FnOnce(T) -> Cell) -> Cell {
        v.map_or(Cell::Empty, f)
    }

    /// The cell's text in `format`, measures rounded to `decimals` if given.
    fn render(&self, format: Format, decimals: Option<u32>) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Count(n) => n.to_string(),
            Cell::Empty => String::new(),
            Cell::Value(v, places) => match (format, decimals) {
                (_, Some(d)) => fixed(*v, d),
                (Format::Table, None) => fixed(*v, *places),
                // Rust prints a float as the shortest decimal that reads back as the same float.
                (_, None) => v.to_string(),
            },
        }
    }

    fn json(&self, decimals: Option<u32>) -> serde_json::Value {
        match self {
            Cell::Text(t) => serde_json::Value::String(t.clone()),
            Cell::Count(n) => {
                i64::try_from(*n).map_or_else(|_| serde_json::Value::String(n.to_string()), serde_json::Value::from)
            }
            Cell::Empty => serde_json::Value::Null,
            Cell::Value(v, _) => {
                let v = decimals.map_or(*v, |d| fixed(*v, d).parse().unwrap_or(*v));
                serde_json::Number::from_f64(v).map_or(serde_json::Value::Null, serde_json::Value::Number)
            }
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
fn fixed(v: f64, places: u32) -> String {
    let d = Decimal::from_f64_retain(v).map(|d| policing_stats::round_half_away(d, places));
    match d {
        Some(d) if d.is_zero() => format!("{:.prec$}", 0.0, prec = places as usize),
        Some(d) => format!("{:.prec$}", d, prec = places as usize),
        None => format!("{v:.prec$}", prec = places as usize),
    }
}

static QUIET: AtomicBool = AtomicBool::new(false);
static VERBOSE: AtomicBool = AtomicBool::new(false);

/// Says every detail on standard error from now on (every quirk, every note).
pub fn set_verbose(verbose: bool) {
    VERBOSE.store(verbose, Ordering::Relaxed);
}

/// Whether every detail is wanted.
pub fn verbose() -> bool {
    VERBOSE.load(Ordering::Relaxed)
}

/// A detail for standard error: said with `--verbose` only.
pub fn detail(message: impl std::fmt::Display) {
    if verbose() {
        note(message);
    }
}

/// Leaves out the messages on standard error from now on (errors are still printed).
pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
}

/// A message for standard error: dropped with `--quiet`, and never a panic if
/// standard error cannot be written.
pub fn note(message: impl std::fmt::Display) {
    if !QUIET.load(Ordering::Relaxed) {
        let _ = writeln!(std::io::stderr(), "{message}");
    }
}

/// The first rejected rows on standard error, one a line, then how many more
/// there are (followed by `more`, e.g. where to find them all).
pub fn note_rejections(shown: &[policing_data::Rejection], total: u64, more: &str) {
    for r in shown {
        note(format!("rejected {}:{}: {}", r.file.display(), r.line, r.reason));
    }
    let left = total.saturating_sub(shown.len() as u64);
    if left > 0 {
        note(format!("... and {left} more rejected rows{more}"));
    }
}

/// Whether messages are left out.
pub fn quiet() -> bool {
    QUIET.load(Ordering::Relaxed)
}

/// What `-o NAME` writes, by NAME's ending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    /// Text (the format asked for).
    Text,
    /// An Excel workbook.
    Workbook,
}

fn target(path: &Path) -> Result<Target, CliError> {
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("xlsx") => Ok(Target::Workbook),
        Some(ext @ ("pdf" | "png" | "svg" | "html" | "htm" | "xls" | "ods" | "docx" | "doc")) => Err(usage(format!(
            "{}: tables are written as CSV, JSON or aligned text (any other name) or as an .xlsx workbook, not .{ext}",
            path.display()
        ))),
        _ => Ok(Target::Text),
    }
}

impl OutputArgs {
    /// Output to a file, or standard output, in the command's default format.
    pub fn to(output: Option<PathBuf>) -> Self {
        OutputArgs { format: None, output, decimals: None }
    }

    /// The format asked for, or the command's default.
    pub fn format_or(&self, default: Format) -> Format {
        self.format.unwrap_or(default)
    }

    /// Checks the output's name before any work is done: a usage error for a
    /// format the tool does not write.
    pub fn check(&self) -> Result<(), CliError> {
        self.check_folder()?;
        if let Some(path) = &self.output {
            if target(path)? == Target::Workbook && self.format.is_some_and(|f| f != Format::Csv) {
                return Err(usage(format!(
                    "{}: a workbook holds the table itself: leave out --format",
                    path.display()
                )));
            }
        }
        Ok(())
    }

    /// Checks only that the output's folder exists: for commands that write
    /// something other than a table (a web page).
    pub fn check_folder(&self) -> Result<(), CliError> {
        if let Some(path) = &self.output {
            let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
            if !folder.is_dir() {
                return Err(usage(format!("{}: the folder {} does not exist", path.display(), folder.display())));
            }
        }
        Ok(())
    }

    /// Writes bytes to the file (whole or not at all) or to standard output.
    fn write(&self, bytes: &[u8]) -> Result<(), CliError> {
        match &self.output {
            Some(path) => policing_data::Staged::write(path, bytes).map_err(|e| data(e.to_string())),
            None => {
                let mut out = std::io::stdout().lock();
                out.write_all(bytes)?;
                out.flush()?;
                Ok(())
            }
        }
    }

    /// Writes a table in `format` (or as a workbook, by the output's name).
    pub fn table(&self, format: Format, header: &[&str], rows: &[Vec<Cell>]) -> Result<(), CliError> {
        if let Some(path) = &self.output {
            if target(path)? == Target::Workbook {
                self.check()?;
                let bytes = workbook(header, rows, self.decimals)?;
                return self.write(&bytes);
            }
        }
        let mut out = Vec::new();
        write_table(&mut out, format, header, rows, self.decimals)?;
        self.write(&out)
    }

    /// Writes text as it is.
    pub fn text(&self, text: &str) -> Result<(), CliError> {
        self.write(text.as_bytes())
    }
}

/// The table as an `.xlsx` workbook: one sheet, the header in bold, counts and
/// measures as numbers (measures rounded to `decimals` if given).
fn workbook(header: &[&str], rows: &[Vec<Cell>], decimals: Option<u32>) -> Result<Vec<u8>, CliError> {
    use rust_xlsxwriter::{Format as XFormat, Workbook};
    let xl = |e: rust_xlsxwriter::XlsxError| data(format!("writing the workbook: {e}"));
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let bold = XFormat::new().set_bold();
    for (c, h) in header.iter().enumerate() {
        let c = u16::try_from(c).map_err(|_| data("too many columns for a workbook"))?;
        sheet.write_string_with_format(0, c, *h, &bold).map_err(xl)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = u32::try_from(r + 1).map_err(|_| data("too many rows for a workbook"))?;
        for (c, cell) in row.iter().enumerate() {
            let c = u16::try_from(c).map_err(|_| data("too many columns for a workbook"))?;
            match cell {
                Cell::Text(t) => {
                    sheet.write_string(r, c, t).map_err(xl)?;
                }
                #[allow(clippy::cast_precision_loss)]
                Cell::Count(n) => {
                    sheet.write_number(r, c, *n as f64).map_err(xl)?;
                }
                Cell::Value(v, _) => {
                    let v = decimals.map_or(*v, |d| fixed(*v, d).parse().unwrap_or(*v));
                    sheet.write_number(r, c, v).map_err(xl)?;
                }
                Cell::Empty => {}
            }
        }
    }
    book.save_to_buffer().map_err(xl)
}

/// Writes `rows` under `header` in `format`, measures rounded to `decimals` if given.
pub fn write_table(
    out: &mut dyn Write,
    format: Format,
    header: &[&str],
    rows: &[Vec<Cell>],
    decimals: Option<u32>,
) -> std::io::Result<()> {
    match format {
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(header).map_err(std::io::Error::other)?;
            for r in rows {
                w.write_record(r.iter().map(|c| c.render(format, decimals))).map_err(std::io::Error::other)?;
            }
            w.flush()
        }
        Format::Json => {
            let objects: Vec<serde_json::Value> = rows
                .iter()
                .map(|r| {
                    let map = header.iter().zip(r).map(|(h, v)| ((*h).to_owned(), v.json(decimals))).collect();
                    serde_json::Value::Object(map)
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &objects).map_err(std::io::Error::other)?;
            writeln!(out)
        }
        Format::Table => {
            let texts: Vec<Vec<String>> =
                rows.iter().map(|r| r.iter().map(|c| c.render(format, decimals)).collect()).collect();
            let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
            for r in &texts {
                for (w, v) in widths.iter_mut().zip(r) {
                    *w = (*w).max(v.chars().count());
                }
            }
            // Numbers right-aligned, text left-aligned.
            let numeric: Vec<bool> = (0..header.len())
                .map(|i| {
                    rows.iter().any(|r| matches!(r.get(i), Some(Cell::Count(_) | Cell::Value(..))))
                        && rows.iter().all(|r| !matches!(r.get(i), Some(Cell::Text(_))))
                })
                .collect();
            let line = |cells: Vec<&str>| {
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
            writeln!(out, "{}", line(header.to_vec()))?;
            for r in &texts {
                writeln!(out, "{}", line(r.iter().map(String::as_str).collect()))?;
            }
            Ok(())
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn measures_print_by_meaning() {
        let v = Cell::decimal(&"74.1443144584858105981648141".parse().unwrap(), 1);
        assert_eq!(v.render(Format::Csv, None), "74.14431445848581");
        assert_eq!(v.render(Format::Csv, None).parse::<f64>().unwrap(), 74.144_314_458_485_81);
        assert_eq!(v.render(Format::Table, None), "74.1");
        assert_eq!(v.render(Format::Csv, Some(3)), "74.144");
        assert_eq!(Cell::value(-0.04, 1).render(Format::Table, None), "0.0");
        assert_eq!(Cell::value(2.5, 0).render(Format::Table, None), "3");
        assert_eq!(Cell::Count(743_068).render(Format::Table, Some(2)), "743068");
        assert_eq!(Cell::amount(&Decimal::from(8_664_953), 0), Cell::Count(8_664_953));
        assert_eq!(Cell::value(f64::NAN, 1), Cell::Empty);
        assert_eq!(v.json(None), serde_json::json!(74.144_314_458_485_81));
        assert_eq!(Cell::Count(3).json(None), serde_json::json!(3));
    }

    #[test]
    fn a_workbook_holds_numbers_as_numbers() {
        let bytes =
            workbook(&["force", "count", "rate"], &[vec![Cell::text("A"), Cell::Count(3), Cell::value(1.25, 1)]], None)
                .unwrap();
        assert!(bytes.starts_with(b"PK"), "a zip");
        assert!(matches!(target(Path::new("x.pdf")), Err(CliError::Usage(_))));
        assert_eq!(target(Path::new("x.XLSX")).unwrap(), Target::Workbook);
        assert_eq!(target(Path::new("x.csv")).unwrap(), Target::Text);
    }
}
