//! Where output goes (standard output, or `-o FILE`), in which format, and the
//! messages on standard error (which never panic, even on a full disk, and are
//! left out with `--quiet`).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::error::{data, CliError};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Comma-separated values with a header, every number at full precision.
    Csv,
    /// A JSON array of objects, numbers as numbers.
    Json,
    /// Aligned columns for reading, numbers rounded.
    Table,
}

/// The output options every command that prints a table shares.
#[derive(Debug, Clone, clap::Args)]
pub struct OutputArgs {
    /// Output format: csv and json print every number at full precision; table rounds for reading
    /// (default: table for crime, csv for the others).
    #[arg(short = 'f', long, value_enum)]
    format: Option<Format>,
    /// Write to this file instead of standard output.
    #[arg(short = 'o', long)]
    pub output: Option<PathBuf>,
}

static QUIET: AtomicBool = AtomicBool::new(false);

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

impl OutputArgs {
    /// Output to a file, or standard output, in the command's default format.
    pub fn to(output: Option<PathBuf>) -> Self {
        OutputArgs { format: None, output }
    }

    /// The format asked for, or the command's default.
    pub fn format_or(&self, default: Format) -> Format {
        self.format.unwrap_or(default)
    }

    /// The writer: the file (created) or standard output.
    pub fn writer(&self) -> Result<Box<dyn Write>, CliError> {
        Ok(match &self.output {
            Some(path) => {
                Box::new(BufWriter::new(File::create(path).map_err(|e| data(format!("{}: {e}", path.display())))?))
            }
            None => Box::new(BufWriter::new(std::io::stdout().lock())),
        })
    }

    /// Writes a table in `format` and flushes.
    pub fn table(&self, format: Format, header: &[&str], rows: &[Vec<String>]) -> Result<(), CliError> {
        let mut out = self.writer()?;
        write_table(&mut out, format, header, rows)?;
        out.flush()?;
        Ok(())
    }

    /// Writes text as it is.
    pub fn text(&self, text: &str) -> Result<(), CliError> {
        let mut out = self.writer()?;
        out.write_all(text.as_bytes())?;
        out.flush()?;
        Ok(())
    }
}

/// A cell as a typed JSON value: empty is `null`, a whole number an integer, a
/// decimal number a number (to the precision of `f64`), anything else a string.
fn json_value(v: &str) -> serde_json::Value {
    if v.is_empty() {
        return serde_json::Value::Null;
    }
    if let Ok(n) = v.parse::<i64>() {
        return serde_json::Value::from(n);
    }
    let numeric = v.strip_prefix('-').unwrap_or(v);
    let looks_decimal = numeric.split_once('.').is_some_and(|(a, b)| {
        !a.is_empty() && !b.is_empty() && a.bytes().all(|c| c.is_ascii_digit()) && b.bytes().all(|c| c.is_ascii_digit())
    });
    if looks_decimal {
        if let Some(n) = v.parse::<f64>().ok().and_then(serde_json::Number::from_f64) {
            return serde_json::Value::Number(n);
        }
    }
    serde_json::Value::String(v.to_owned())
}

/// Writes `rows` under `header` in `format`.
pub fn write_table(out: &mut dyn Write, format: Format, header: &[&str], rows: &[Vec<String>]) -> std::io::Result<()> {
    match format {
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(header).map_err(std::io::Error::other)?;
            for r in rows {
                w.write_record(r).map_err(std::io::Error::other)?;
            }
            w.flush()
        }
        Format::Json => {
            let objects: Vec<serde_json::Value> = rows
                .iter()
                .map(|r| {
                    let map = header.iter().zip(r).map(|(h, v)| ((*h).to_owned(), json_value(v))).collect();
                    serde_json::Value::Object(map)
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &objects).map_err(std::io::Error::other)?;
            writeln!(out)
        }
        Format::Table => {
            let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
            for r in rows {
                for (w, v) in widths.iter_mut().zip(r) {
                    *w = (*w).max(v.chars().count());
                }
            }
            let line = |cells: Vec<&str>| {
                cells
                    .iter()
                    .zip(&widths)
                    .map(|(c, w)| format!("{c:<w$}"))
                    .collect::<Vec<_>>()
                    .join("  ")
                    .trim_end()
                    .to_owned()
            };
            writeln!(out, "{}", line(header.to_vec()))?;
            for r in rows {
                writeln!(out, "{}", line(r.iter().map(String::as_str).collect()))?;
            }
            Ok(())
        }
    }
}

/// A number for a table: rounded to `places` for reading, full precision otherwise.
pub fn number(v: f64, format: Format, places: usize) -> String {
    if format == Format::Table {
        format!("{v:.places$}")
    } else {
        v.to_string()
    }
}
