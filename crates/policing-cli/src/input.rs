//! Reading the small CSV tables `band`, `funnel` and `figure` take (one row per
//! force or unit): from a file or `-` (standard input), streamed, with limits
//! so that no input (not even `/dev/zero`) makes memory grow without bound, and
//! errors naming the file, line and column.

use std::io::Read;
use std::path::{Path, PathBuf};

use policing_data::quoted;
use policing_data::rows::{read_csv, RowSink};
use rust_decimal::Decimal;

use crate::error::{data, usage, CliError};

/// The most rows a table may have.
pub const MAX_ROWS: usize = 100_000;
/// The most bytes read from a table.
pub const MAX_BYTES: u64 = 64 << 20;

/// A table: its header and each row with the line it starts on.
#[derive(Debug)]
pub struct Table {
    /// Where it came from (`-` for standard input).
    pub path: PathBuf,
    /// The column names.
    pub header: Vec<String>,
    /// The rows, with their physical lines.
    pub rows: Vec<(u64, Vec<String>)>,
}

struct Collect {
    table: Table,
    /// The first line that could not be read (its line and why): the table is refused.
    unreadable: Option<(u64, String)>,
    /// The workbook's sheets read, and the hidden ones passed over.
    sheets: Vec<String>,
    hidden: Vec<String>,
}

impl Collect {
    fn new(path: &Path) -> Self {
        Collect {
            table: Table { path: path.to_owned(), header: Vec::new(), rows: Vec::new() },
            unreadable: None,
            sheets: Vec::new(),
            hidden: Vec::new(),
        }
    }
}

impl RowSink for Collect {
    fn row(&mut self, line: u64, cells: &[String]) -> policing_data::Result<()> {
        if self.table.header.is_empty() {
            self.table.header = cells.iter().map(|c| c.trim().to_owned()).collect();
            return Ok(());
        }
        if cells.iter().all(|c| c.trim().is_empty()) {
            return Ok(());
        }
        if self.table.rows.len() >= MAX_ROWS {
            return Err(policing_data::DataError::Rejected {
                file: self.table.path.clone(),
                line,
                reason: format!("more than {MAX_ROWS} rows: this command reads at most {MAX_ROWS} units"),
            });
        }
        self.table.rows.push((line, cells.to_vec()));
        Ok(())
    }

    fn unreadable(&mut self, line: u64, reason: String) {
        self.unreadable.get_or_insert((line, reason));
    }

    fn sheet(&mut self, name: &str, _hidden: bool) {
        self.sheets.push(name.to_owned());
    }

    fn hidden_sheet(&mut self, name: &str) {
        self.hidden.push(name.to_owned());
    }

    fn has_header(&self) -> bool {
        !self.table.header.is_empty()
    }
}

/// The table a command reads: CSV, or a workbook's sheet.
#[derive(Debug, Clone, clap::Args)]
pub struct TableInput {
    /// The table: a CSV file with a header (- for standard input), or an .xlsx or .ods workbook.
    #[arg(short = 'i', long)]
    pub input: PathBuf,
    /// The workbook's sheet (default: the first that holds a header).
    #[arg(long)]
    pub sheet: Option<String>,
}

impl TableInput {
    /// Reads the table.
    pub fn read(&self) -> Result<Table, CliError> {
        read_table_from(&self.input, self.sheet.as_deref())
    }

    /// The path, for messages.
    pub fn path(&self) -> &Path {
        &self.input
    }
}

/// Whether `path` names a workbook (by its ending).
pub fn is_workbook(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["xlsx", "xlsm", "ods"].contains(&e.to_ascii_lowercase().as_str()))
}

/// Reads a table from `path` (`-`: standard input; `.xlsx`, `.xlsm` and `.ods`:
/// a workbook's `sheet`, or its first sheet holding a header). A workbook is at
/// most [`MAX_BYTES`] on disk and [`MAX_ROWS`] rows, as a CSV table is.
pub fn read_table_from(path: &Path, sheet: Option<&str>) -> Result<Table, CliError> {
    if sheet.is_some() && !is_workbook(path) {
        return Err(usage(format!("{}: --sheet is for .xlsx and .ods workbooks", path.display())));
    }
    if path.as_os_str() != "-" && is_workbook(path) {
        let size = std::fs::metadata(path)
            .map_err(|e| data(format!("{}: {}", path.display(), policing_data::io_words(&e))))?
            .len();
        if size > MAX_BYTES {
            return Err(data(format!(
                "{}: more than {MAX_BYTES} bytes: this command reads small tables only",
                path.display()
            )));
        }
        let mut sink = Collect::new(path);
        policing_data::rows::read_rows(path, sheet, &mut sink)?;
        say_sheet(path, sink.sheets.last().map(String::as_str), &sink.hidden);
        return finish(path, sink);
    }
    read_table(path)
}

/// Says on standard error which sheet of the workbook `path` a table came from
/// (a workbook may hold several), and the hidden sheets passed over.
pub fn say_sheet(path: &Path, read: Option<&str>, hidden: &[String]) {
    let hidden = if hidden.is_empty() {
        String::new()
    } else {
        let names: Vec<String> = hidden.iter().map(|h| quoted(h)).collect();
        format!(" (hidden sheets passed over: {}; name one with --sheet to read it)", names.join(", "))
    };
    match read {
        Some(sheet) => crate::output::note(format!("{}: read sheet {}{hidden}", path.display(), quoted(sheet))),
        None if !hidden.is_empty() => crate::output::note(format!("{}: no visible sheet{hidden}", path.display())),
        None => {}
    }
}

/// Reads a CSV table from `path` (`-`: standard input).
pub fn read_table(path: &Path) -> Result<Table, CliError> {
    if is_workbook(path) {
        return read_table_from(path, None);
    }
    let named = |e: std::io::Error| data(format!("{}: {}", path.display(), policing_data::io_words(&e)));
    let source: Box<dyn Read> = if path.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(path).map_err(named)?)
    };
    // One byte past the limit tells an input that is too long.
    let mut limited = source.take(MAX_BYTES + 1);
    let mut counting = Counted { inner: &mut limited, bytes: 0 };
    let mut sink = Collect::new(path);
    let result = read_csv(path, &mut counting, &mut sink);
    if counting.bytes > MAX_BYTES {
        return Err(data(format!(
            "{}: more than {MAX_BYTES} bytes: this command reads small tables only",
            path.display()
        )));
    }
    result?;
    finish(path, sink)
}

/// The table read, or an error naming its first unreadable row.
fn finish(path: &Path, sink: Collect) -> Result<Table, CliError> {
    if sink.table.header.is_empty() {
        return Err(data(format!("{}: empty, no header", path.display())));
    }
    // A column named twice: which one a command reads could not be told.
    for (i, name) in sink.table.header.iter().enumerate().filter(|(_, n)| !n.is_empty()) {
        if let Some(j) = sink.table.header.iter().skip(i + 1).position(|h| h == name) {
            return Err(data(format!(
                "{}: the header names column {} twice (columns {} and {})",
                path.display(),
                quoted(name),
                i + 1,
                i + j + 2
            )));
        }
    }
    if let Some((line, reason)) = sink.unreadable {
        return Err(data(format!("{}:{line}: {reason}", path.display())));
    }
    Ok(sink.table)
}

struct Counted<'a, R> {
    inner: &'a mut R,
    bytes: u64,
}

impl<R: Read> Read for Counted<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }
}

/// Whether a unit's key names England and Wales: the aggregate of the forces
/// (as every table of `crime` and `counts` prints it), never one of the units.
pub fn is_england_and_wales(key: &str) -> bool {
    let k: String = key.trim().to_ascii_lowercase().split_whitespace().collect::<Vec<_>>().join(" ");
    matches!(k.as_str(), "england and wales" | "england & wales" | "e&w")
}

impl Table {
    /// The index of column `name`: a usage error listing the columns there are.
    pub fn column(&self, name: &str) -> Result<usize, CliError> {
        self.header.iter().position(|h| h == name).ok_or_else(|| {
            let names: Vec<String> = self.header.iter().map(|h| quoted(h)).collect();
            usage(format!("{}: no column {name:?}; the columns are {}", self.path.display(), names.join(", ")))
        })
    }

    /// Checks that no unit's key (column `column`) is on two rows: an error
    /// naming both lines. England and Wales rows are left to the caller.
    pub fn unique_keys(&self, column: usize) -> Result<(), CliError> {
        let mut seen: std::collections::HashMap<&str, u64> = std::collections::HashMap::new();
        for (line, r) in &self.rows {
            let key = self.cell(r, column).trim();
            if key.is_empty() || is_england_and_wales(key) {
                continue;
            }
            if let Some(first) = seen.insert(key, *line) {
                let name = self.header.get(column).map_or("", String::as_str);
                return Err(data(format!(
                    "{}: {} {} is on line {first} and line {line}: a table of units has one row a unit (a table of \
                     several measures or periods? keep one, e.g. `policing crime --measure M`)",
                    self.path.display(),
                    quoted(name),
                    quoted(key)
                )));
            }
        }
        Ok(())
    }

    /// A unit's key (column `column`) on a row: an error naming the file and line
    /// when it is empty or only white space (a unit without a name cannot be
    /// ranked or found).
    pub fn key<'a>(&self, line: u64, row: &'a [String], column: usize) -> Result<&'a str, CliError> {
        let key = self.cell(row, column);
        if key.trim().is_empty() {
            let name = self.header.get(column).map_or("", String::as_str);
            return Err(data(format!(
                "{}:{line}: column {} is empty: every unit needs a name",
                self.path.display(),
                quoted(name)
            )));
        }
        Ok(key)
    }

    /// A cell's text ("" past the end of a short row).
    pub fn cell<'a>(&self, row: &'a [String], column: usize) -> &'a str {
        row.get(column).map_or("", String::as_str)
    }

    /// A cell as a number: an error naming the file, line and column.
    pub fn decimal(&self, line: u64, row: &[String], column: usize) -> Result<Decimal, CliError> {
        let text = self.cell(row, column).trim();
        let name = self.header.get(column).map_or("", String::as_str);
        text.parse::<Decimal>().or_else(|_| Decimal::from_scientific(text)).map_err(|_| {
            data(format!("{}:{line}: column {}: {} is not a number", self.path.display(), quoted(name), quoted(text)))
        })
    }

    /// A cell as a number, or `None` when empty.
    pub fn optional_decimal(&self, line: u64, row: &[String], column: usize) -> Result<Option<Decimal>, CliError> {
        if self.cell(row, column).trim().is_empty() {
            Ok(None)
        } else {
            self.decimal(line, row, column).map(Some)
        }
    }
}
