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

use crate::count::Rejection;
use crate::error::{quoted, DataError, Result};

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

/// Reads the officers-by-force table.
///
/// # Errors
/// An unreadable file, or a header without "Force/Region".
pub fn read_officers(path: &Path) -> Result<Workforce> {
    let file = std::fs::File::open(path).map_err(|e| DataError::Io { file: path.to_owned(), source: e })?;
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(file);
    let header =
        reader.headers().map_err(|e| DataError::Spreadsheet { file: path.to_owned(), detail: e.to_string() })?.clone();
    if header.get(0).map(|h| h.trim_start_matches('\u{feff}').trim()) != Some("Force/Region") {
        return Err(DataError::MissingColumn {
            file: path.to_owned(),
            column: "Force/Region",
            found: crate::error::columns(&header.iter().map(str::to_owned).collect::<Vec<_>>()),
        });
    }
    let mut out = Workforce { dates: header.iter().skip(1).map(str::to_owned).collect(), ..Workforce::default() };
    let mut seen_regions: Vec<&str> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| DataError::Spreadsheet { file: path.to_owned(), detail: e.to_string() })?;
        let line = record.position().map_or(0, csv::Position::line);
        let name = record.get(0).unwrap_or("").trim();
        let region = REGIONS.iter().find(|r| **r == name).copied();
        if let Some(r) = region.filter(|r| !seen_regions.contains(r)) {
            seen_regions.push(r);
            out.skipped.push(name.to_owned());
            continue;
        }
        if name.starts_with("Total") || name == "Central Service Secondments" {
            out.skipped.push(name.to_owned());
            continue;
        }
        let Ok(force) = name.parse::<Force>() else {
            out.rejections.push(Rejection {
                file: path.to_owned(),
                line,
                reason: format!("{} is not a force, region or total", quoted(name)),
            });
            continue;
        };
        let mut values = Vec::new();
        let mut bad = None;
        for cell in record.iter().skip(1) {
            let cell = cell.trim();
            if cell.is_empty() {
                values.push(None);
            } else {
                match cell.parse::<Decimal>().or_else(|_| Decimal::from_scientific(cell)) {
                    Ok(v) => values.push(Some(v)),
                    Err(_) => bad = Some(cell.to_owned()),
                }
            }
        }
        if let Some(cell) = bad {
            out.rejections.push(Rejection {
                file: path.to_owned(),
                line,
                reason: format!("{} is not a number", quoted(&cell)),
            });
            continue;
        }
        out.officers.insert(force, values);
    }
    Ok(out)
}
