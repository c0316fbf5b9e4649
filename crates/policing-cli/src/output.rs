//! Writing tables as CSV, JSON or aligned text.

use std::io::Write;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Comma-separated values with a header.
    Csv,
    /// A JSON array of objects.
    Json,
    /// Aligned columns for reading.
    Table,
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
pub fn write_table(out: &mut impl Write, format: Format, header: &[&str], rows: &[Vec<String>]) -> std::io::Result<()> {
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
