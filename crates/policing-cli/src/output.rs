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
    /// Write to this file instead of standard output, whole or not at all; a name ending in .xlsx writes a
    /// workbook (numbers as numbers).
    #[arg(short = 'o', long)]
    pub output: Option<PathBuf>,
    /// Round measures (rates, shares, changes, limits) to this many decimal places in every format.
    #[arg(long, value_parser = clap::value_parser!(u32).range(0..=12))]
    pub decimals: Option<u32>,
}

pub use policing_table::Cell;
use policing_table::Table;

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
                let table = Table::infer(header, rows.to_vec()).map_err(|e| data(e.to_string()))?;
                let bytes = table.xlsx(self.decimals).map_err(|e| data(e.to_string()))?;
                return self.write(&bytes);
            }
        }
        let mut out = Vec::new();
        write_table(&mut out, format, header, rows, self.decimals)?;
        self.write(&out)
    }

    /// Writes a typed table in `format`, or as a workbook when the output's name ends in .xlsx.
    pub fn typed(&self, format: Format, table: &Table) -> Result<(), CliError> {
        if let Some(path) = &self.output {
            if target(path)? == Target::Workbook {
                return self.workbook(table);
            }
        }
        let mut out = Vec::new();
        write_typed(&mut out, format, table, self.decimals)?;
        self.write(&out)
    }

    /// Writes a typed table as an .xlsx workbook: every column, numbers as numbers, a sheet of metadata.
    pub fn workbook(&self, table: &Table) -> Result<(), CliError> {
        let bytes = table.xlsx(self.decimals).map_err(|e| data(e.to_string()))?;
        self.write(&bytes)
    }

    /// Writes text as it is.
    pub fn text(&self, text: &str) -> Result<(), CliError> {
        self.write(text.as_bytes())
    }
}

/// Writes `rows` under `header` in `format`, measures rounded to `decimals` if given.
pub fn write_table(
    out: &mut dyn Write,
    format: Format,
    header: &[&str],
    rows: &[Vec<Cell>],
    decimals: Option<u32>,
) -> std::io::Result<()> {
    let table = Table::infer(header, rows.to_vec()).map_err(std::io::Error::other)?;
    write_typed(out, format, &table, decimals)
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
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn names_say_the_format() {
        assert!(matches!(target(Path::new("x.pdf")), Err(CliError::Usage(_))));
        assert_eq!(target(Path::new("x.XLSX")).unwrap(), Target::Workbook);
        assert_eq!(target(Path::new("x.csv")).unwrap(), Target::Text);
    }
}
