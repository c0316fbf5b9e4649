//! The Home Office police workforce table of officers by force (full-time
//! equivalents), as published in CSV ("Force/Region, September 2015, March 2016,
//! September 2016"; `data/raw/resistancelab/officer-fte/2016.csv`).
//!
//! Region rows ("North East", ..., "Wales") and total rows are told apart from
//! force rows. "West Midlands" names both a region and a force: the table lists
//! a region before its forces, so its first occurrence is the region and the
//! second the force.

use std::collections::BTreeMap;
use std::path::Path;

use policing_forces::Force;
use rust_decimal::Decimal;

use super::rows::{read_csv, RowSink};
use crate::kernel::{quoted, DataError, Rejection, Result};

const REGIONS: [&str; 10] = [
    "North East",
    "North West",
    "Yorkshire and the Humber",
    "East Midlands",
    "West Midlands",
    "Eastern",
    "London",
    "South East",
    "South West",
    "Wales",
];

/// Officers (full-time equivalent) by force at each date of the table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Workforce {
    /// The dates, as the header names them ("September 2016").
    pub dates: Vec<String>,
    /// Each force's officers at each date (`None` where the cell is empty).
    pub officers: BTreeMap<Force, Vec<Option<Decimal>>>,
    /// Region and total rows skipped, by name.
    pub skipped: Vec<String>,
    /// Rows that name no force, region or total, or hold a value that is not a number.
    pub rejections: Vec<Rejection>,
}

/// Reads the officers-by-force table (streamed through [`read_csv`], so line
/// numbers are physical lines and a row without end is an error).
///
/// # Errors
/// An unreadable file, an empty one, or a header without "Force/Region".
pub fn read_officers(path: &Path) -> Result<Workforce> {
    let file = std::fs::File::open(path).map_err(|e| DataError::Io { file: path.to_owned(), source: e })?;
    read_officers_csv(path, file)
}

/// Reads the officers-by-force table from CSV bytes, named `path` in messages.
///
/// # Errors
/// As [`read_officers`].
pub fn read_officers_csv(path: &Path, source: impl std::io::Read) -> Result<Workforce> {
    let mut sink = Officers { path, header: None, seen_regions: Vec::new(), out: Workforce::default() };
    read_csv(path, source, &mut sink)?;
    if sink.header.is_none() {
        return Err(DataError::Empty { file: path.to_owned() });
    }
    Ok(sink.out)
}

/// How the shipped officer table is named.
pub const SHIPPED_NAME: &str =
    "Home Office police workforce, officers by force (FTE), September 2015 to September 2016 (shipped with policing-data)";

/// Officers by force, September 2015, March 2016 and September 2016, shipped
/// with the crate (feature `shipped`; a verbatim copy of
/// `data/raw/resistancelab/officer-fte/2016.csv`).
///
/// # Errors
/// None in practice (the shipped bytes are checked by the crate's tests).
#[cfg(feature = "shipped")]
pub fn shipped() -> Result<Workforce> {
    const BYTES: &[u8] = include_bytes!("../../data/officer-fte-2016.csv");
    read_officers_csv(Path::new(SHIPPED_NAME), BYTES)
}

/// The table as it is read: the header's width once found.
struct Officers<'a> {
    path: &'a Path,
    header: Option<usize>,
    seen_regions: Vec<&'static str>,
    out: Workforce,
}

impl Officers<'_> {
    fn reject(&mut self, line: u64, reason: String) {
        self.out.rejections.push(Rejection { file: self.path.to_owned(), line, reason });
    }
}

impl RowSink for Officers<'_> {
    fn row(&mut self, line: u64, cells: &[String]) -> Result<()> {
        let Some(width) = self.header else {
            if cells.first().map(|h| h.trim()) != Some("Force/Region") {
                return Err(DataError::MissingColumn {
                    file: self.path.to_owned(),
                    column: "Force/Region",
                    found: crate::kernel::error::columns(cells),
                });
            }
            self.header = Some(cells.len());
            self.out.dates = cells.iter().skip(1).cloned().collect();
            return Ok(());
        };
        if cells.len() != width {
            self.reject(line, format!("{} fields, expected {width}", cells.len()));
            return Ok(());
        }
        let name = cells.first().map_or("", |c| c.trim());
        let region = REGIONS.iter().find(|r| **r == name).copied();
        if let Some(r) = region.filter(|r| !self.seen_regions.contains(r)) {
            self.seen_regions.push(r);
            self.out.skipped.push(name.to_owned());
            return Ok(());
        }
        if name.starts_with("Total") || name == "Central Service Secondments" {
            self.out.skipped.push(name.to_owned());
            return Ok(());
        }
        let Ok(force) = name.parse::<Force>() else {
            self.reject(line, format!("{} is not a force, region or total", quoted(name)));
            return Ok(());
        };
        let mut values = Vec::new();
        for cell in cells.iter().skip(1).map(|c| c.trim()) {
            if cell.is_empty() {
                values.push(None);
            } else {
                match cell.parse::<Decimal>().or_else(|_| Decimal::from_scientific(cell)) {
                    Ok(v) => values.push(Some(v)),
                    Err(_) => {
                        self.reject(line, format!("{} is not a number", quoted(cell)));
                        return Ok(());
                    }
                }
            }
        }
        self.out.officers.insert(force, values);
        Ok(())
    }

    fn unreadable(&mut self, line: u64, reason: String) {
        self.reject(line, reason);
    }

    fn has_header(&self) -> bool {
        self.header.is_some()
    }
}
