//! Where output goes (standard output, or `-o FILE`), in which format, and the
//! messages on standard error (which never panic, even on a full disk, and are
//! left out with `--quiet`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

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
    /// Write to this file instead of standard output, whole or not at all, in the format its name says: .csv,
    /// .json, .txt (aligned text), .xlsx (a workbook) or .parquet (typed columns); any other name: --format.
    #[arg(short = 'o', long, visible_alias = "out")]
    pub output: Option<PathBuf>,
    /// Round measures (rates, shares, changes, limits) to this many decimal places in every format.
    #[arg(long, value_parser = clap::value_parser!(u32).range(0..=12))]
    pub decimals: Option<u32>,
}

pub use policing_table::Cell;
use policing_table::Table;

static QUIET: AtomicBool = AtomicBool::new(false);

/// What a capturing run collects instead of writing: the tables, and the notes.
type Captured = (Vec<Table>, Vec<String>);

thread_local! {
    static CAPTURE: std::cell::RefCell<Option<Captured>> = const { std::cell::RefCell::new(None) };
}

/// Runs `f` with every table it writes, and every note it says, collected
/// instead (see `policing_cli::tables`).
pub fn capturing<T>(f: impl FnOnce() -> T) -> (T, Vec<Table>, Vec<String>) {
    CAPTURE.with(|c| *c.borrow_mut() = Some((Vec::new(), Vec::new())));
    let out = f();
    let (tables, notes) = CAPTURE.with(|c| c.borrow_mut().take()).unwrap_or_default();
    (out, tables, notes)
}

/// Collects a table when capturing; `false` when not capturing.
fn captured(table: &Table) -> bool {
    CAPTURE.with(|c| match c.borrow_mut().as_mut() {
        Some((tables, _)) => {
            tables.push(table.clone());
            true
        }
        None => false,
    })
}
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
    let kept = CAPTURE.with(|c| match c.borrow_mut().as_mut() {
        Some((_, notes)) => {
            notes.push(message.to_string());
            true
        }
        None => false,
    });
    if !kept && !QUIET.load(Ordering::Relaxed) {
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
    /// Text: the format the name says (`.csv`, `.json`, `.txt`), or, for any
    /// other name, the one asked for.
    Text(Option<Format>),
    /// An Excel workbook (`.xlsx`).
    Workbook,
    /// A Parquet file (`.parquet`).
    Parquet,
}

fn target(path: &Path) -> Result<Target, CliError> {
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("xlsx") => Ok(Target::Workbook),
        Some("parquet") => Ok(Target::Parquet),
        Some("csv") => Ok(Target::Text(Some(Format::Csv))),
        Some("json") => Ok(Target::Text(Some(Format::Json))),
        Some("txt") => Ok(Target::Text(Some(Format::Table))),
        None => Ok(Target::Text(None)),
        Some(ext) => Err(usage(format!(
            "{}: tables are written as .csv, .json, .txt (aligned text), .xlsx or .parquet, not .{ext}",
            path.display()
        ))),
    }
}

fn format_name(f: Format) -> &'static str {
    match f {
        Format::Csv => "csv",
        Format::Json => "json",
        Format::Table => "table",
    }
}

impl OutputArgs {
    /// Output to a file, or standard output, in the command's default format.
    pub fn to(output: Option<PathBuf>) -> Self {
        OutputArgs { format: None, output, decimals: None }
    }

    /// The same, with the format asked for.
    pub fn set_format(&mut self, format: Option<Format>) {
        self.format = format;
    }

    /// The format to write: the one the output's name says (`.csv`, `.json`,
    /// `.txt`; a workbook or Parquet file holds every column, as CSV does), else
    /// the one asked for, else the command's default.
    pub fn format_or(&self, default: Format) -> Format {
        match self.output.as_deref().map(target) {
            Some(Ok(Target::Text(Some(f)))) => f,
            Some(Ok(Target::Workbook | Target::Parquet)) => Format::Csv,
            _ => self.format.unwrap_or(default),
        }
    }

    /// Checks the output's name before any work is done: a usage error for a
    /// format the tool does not write, or a `--format` the name contradicts.
    pub fn check(&self) -> Result<(), CliError> {
        self.check_folder()?;
        if let Some(path) = &self.output {
            let contradiction = |what: &str| {
                usage(format!("{}: {what}: leave out --format, or give a name that agrees with it", path.display()))
            };
            match (target(path)?, self.format) {
                (Target::Text(None), None) => {
                    return Err(usage(format!(
                        "{}: the name does not say a format: end it in .csv, .json, .txt, .xlsx or .parquet, or give \
                         --format",
                        path.display()
                    )))
                }
                (Target::Workbook, Some(f)) if f != Format::Csv => {
                    return Err(contradiction("a workbook holds the table itself"))
                }
                (Target::Parquet, Some(f)) if f != Format::Csv => {
                    return Err(contradiction("a Parquet file holds the table itself"))
                }
                (Target::Text(Some(named)), Some(f)) if named != f => {
                    return Err(contradiction(&format!(
                        "the name says {}, --format says {}",
                        format_name(named),
                        format_name(f)
                    )))
                }
                _ => {}
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

    /// Writes a table in `format` (or as a workbook or Parquet file, by the
    /// output's name), its columns' kinds read off its cells.
    pub fn table(&self, format: Format, header: &[&str], rows: &[Vec<Cell>]) -> Result<(), CliError> {
        self.table_about(format, header, rows, &[])
    }

    /// As [`OutputArgs::table`], with what the table is of (its period, its
    /// source) for a workbook's `about` sheet and a Parquet file's metadata.
    pub fn table_about(
        &self,
        format: Format,
        header: &[&str],
        rows: &[Vec<Cell>],
        about: &[(&str, String)],
    ) -> Result<(), CliError> {
        let mut table = Table::infer(header, rows.to_vec()).map_err(|e| data(e.to_string()))?;
        for (k, v) in about {
            table = table.with_metadata(*k, v.clone());
        }
        self.typed(format, &table)
    }

    /// Writes a typed table in `format`, or as a workbook or Parquet file by the
    /// output's name (with the command, the date and the version beside its own
    /// metadata).
    pub fn typed(&self, format: Format, table: &Table) -> Result<(), CliError> {
        if captured(&stamped(table)) {
            return Ok(());
        }
        if let Some(path) = &self.output {
            match target(path)? {
                Target::Workbook => return self.workbook(table),
                Target::Parquet => {
                    let bytes = stamped(table).parquet(self.decimals).map_err(|e| data(e.to_string()))?;
                    return self.write(&bytes);
                }
                Target::Text(_) => {}
            }
        }
        let mut out = Vec::new();
        write_typed(&mut out, self.format_or(format), table, self.decimals)?;
        self.write(&out)
    }

    /// Writes a typed table as an .xlsx workbook: every column, numbers as numbers, a sheet of metadata.
    pub fn workbook(&self, table: &Table) -> Result<(), CliError> {
        let bytes = stamped(table).xlsx(self.decimals).map_err(|e| data(e.to_string()))?;
        self.write(&bytes)
    }

    /// Writes text as it is (not a table: refused when tables are being collected).
    pub fn text(&self, text: &str) -> Result<(), CliError> {
        if CAPTURE.with(|c| c.borrow().is_some()) {
            return Err(usage("this command writes text or a page, not a table: ask for a table format"));
        }
        self.write(text.as_bytes())
    }
}

/// The table with the command that made it, the date and the tool's version
/// added to its metadata (what a workbook's `about` sheet and a Parquet file say).
fn stamped(table: &Table) -> Table {
    let mut t = table.clone();
    let has = |k: &str| table.metadata().iter().any(|(key, _)| key == k);
    if !has("command") {
        let args: Vec<String> = std::env::args().skip(1).collect();
        t = t.with_metadata("command", format!("policing {}", args.join(" ")));
    }
    if !has("generated") {
        t = t.with_metadata("generated", policing_profile::html::Stamp::today().generated);
    }
    if !has("version") {
        t = t.with_metadata("version", env!("CARGO_PKG_VERSION"));
    }
    t
}

/// Writes a typed table in `format`.
pub fn write_typed(out: &mut dyn Write, format: Format, table: &Table, decimals: Option<u32>) -> std::io::Result<()> {
    let done = match format {
        Format::Csv => table.write_csv(out, decimals),
        Format::Json => table.write_json(out, decimals),
        Format::Table => table.write_text(out, decimals),
    };
    done.map_err(|e| match e {
        policing_table::TableError::Io(e) => e,
        e => std::io::Error::other(e),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test: a failure panics with its message")]
mod tests {
    use super::*;

    #[test]
    fn names_say_the_format() {
        assert!(matches!(target(Path::new("x.pdf")), Err(CliError::Usage(_))));
        assert_eq!(target(Path::new("x.XLSX")).unwrap(), Target::Workbook);
        assert_eq!(target(Path::new("x.parquet")).unwrap(), Target::Parquet);
        assert_eq!(target(Path::new("x.csv")).unwrap(), Target::Text(Some(Format::Csv)));
        assert_eq!(target(Path::new("x")).unwrap(), Target::Text(None));
        assert!(target(Path::new("x.out")).is_err() && target(Path::new("x.pdf")).is_err());
    }
}
