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
                    let map = header
                        .iter()
                        .zip(r)
                        .map(|(h, v)| {
                            let value = v
                                .parse::<u64>()
                                .map_or_else(|_| serde_json::Value::String(v.clone()), serde_json::Value::from);
                            ((*h).to_owned(), value)
                        })
                        .collect();
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
