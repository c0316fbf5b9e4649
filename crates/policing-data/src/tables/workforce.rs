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

/// Officers (full-time equivalent) by force at 31 March of each year, from the
/// Home Office "Police workforce open data table" (one row per force, sex, rank
/// and worker type; `data/raw/ecom185-workforce/open-data-table-police-workforce-260723.ods`,
/// 31 March 2007 to 31 March 2023).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct OfficerSeries {
    /// The table, in words (its file and edition).
    pub edition: String,
    /// Each force's police officers (FTE) at 31 March of each year: the sum over
    /// sex and rank of the rows whose worker type is police officer.
    pub officers: BTreeMap<(Force, i32), Decimal>,
    /// Rows that could not be read, with the reason.
    pub rejections: Vec<Rejection>,
}

impl OfficerSeries {
    /// The years held, earliest first.
    #[must_use]
    pub fn years(&self) -> Vec<i32> {
        let mut years: Vec<i32> = self.officers.keys().map(|(_, y)| *y).collect();
        years.sort_unstable();
        years.dedup();
        years
    }

    /// A force's officers at 31 March of `year`.
    #[must_use]
    pub fn at(&self, force: Force, year: i32) -> Option<Decimal> {
        self.officers.get(&(force, year)).copied()
    }
}

/// The columns of the open data table this reader needs.
struct OpenDataColumns {
    year: usize,
    force: usize,
    worker: usize,
    fte: usize,
    width: usize,
}

struct OpenData<'a> {
    path: &'a Path,
    columns: Option<OpenDataColumns>,
    out: OfficerSeries,
}

impl RowSink for OpenData<'_> {
    fn row(&mut self, line: u64, cells: &[String]) -> Result<()> {
        let Some(c) = &self.columns else {
            let find = |name: &str| cells.iter().position(|h| h.trim().eq_ignore_ascii_case(name));
            let year = cells.iter().position(|h| h.trim().starts_with("As at 31 March"));
            match (year, find("Force Name"), find("Worker type"), find("Total (FTE)")) {
                (Some(year), Some(force), Some(worker), Some(fte)) => {
                    self.columns = Some(OpenDataColumns { year, force, worker, fte, width: cells.len() });
                }
                _ => {
                    return Err(DataError::MissingColumn {
                        file: self.path.to_owned(),
                        column: "As at 31 March..., Force Name, Worker type, Total (FTE)",
                        found: crate::kernel::error::columns(cells),
                    })
                }
            }
            return Ok(());
        };
        let cell = |i: usize| cells.get(i).map_or("", |s| s.trim());
        if !cell(c.worker).eq_ignore_ascii_case("police officer") {
            return Ok(());
        }
        let (year_text, name, fte) = (cell(c.year), cell(c.force), cell(c.fte));
        let reject = |reason: String| Rejection { file: self.path.to_owned(), line, reason };
        if cells.len() > c.width {
            self.out.rejections.push(reject(format!("{} fields, expected {}", cells.len(), c.width)));
            return Ok(());
        }
        // Workbooks give whole numbers as "2016" or "2016.0".
        let year = year_text.strip_suffix(".0").unwrap_or(year_text).parse::<i32>();
        let Ok(year) = year else {
            self.out.rejections.push(reject(format!("{} is not a year", quoted(year_text))));
            return Ok(());
        };
        let force = match name.parse::<Force>() {
            Ok(f) => f,
            Err(_) => {
                self.out.rejections.push(reject(format!("{} is not a force", quoted(name))));
                return Ok(());
            }
        };
        let value = match fte.parse::<Decimal>().or_else(|_| Decimal::from_scientific(fte)) {
            Ok(v) => v,
            Err(_) => {
                self.out.rejections.push(reject(format!("Total (FTE) {} is not a number", quoted(fte))));
                return Ok(());
            }
        };
        let total = self.out.officers.entry((force, year)).or_insert(Decimal::ZERO);
        *total = total.checked_add(value).ok_or_else(|| DataError::Rejected {
            file: self.path.to_owned(),
            line,
            reason: "the force's officers overflow".to_owned(),
        })?;
        Ok(())
    }

    fn unreadable(&mut self, line: u64, reason: String) {
        self.out.rejections.push(Rejection { file: self.path.to_owned(), line, reason });
    }

    fn has_header(&self) -> bool {
        self.columns.is_some()
    }
}

/// Reads the Home Office police workforce open data table (a workbook with
/// feature `spreadsheets`, its sheet `Data`; or the same columns as CSV), or the
/// derived table of officers by force and year this crate ships
/// (`force,year,officers_fte`).
///
/// # Errors
/// An unreadable file, or no header with the columns needed.
pub fn read_officer_series(path: &Path) -> Result<OfficerSeries> {
    let mut sink = OpenData {
        path,
        columns: None,
        out: OfficerSeries { edition: path.display().to_string(), ..OfficerSeries::default() },
    };
    let is_workbook = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("ods") || e.eq_ignore_ascii_case("xlsx"));
    super::rows::read_rows(path, is_workbook.then_some("Data"), &mut sink)?;
    if sink.columns.is_none() {
        return Err(DataError::Empty { file: path.to_owned() });
    }
    Ok(sink.out)
}

/// How the shipped officer series is named.
pub const SERIES_NAME: &str = "Home Office police workforce open data table (26 July 2023), police officers (FTE) by \
     force at 31 March 2007 to 2023, summed over sex and rank (derived table shipped with policing-data)";

/// Officers by force at every 31 March 2007-2023, shipped with the crate (feature
/// `shipped`): `data/officers-2007-2023.csv`, derived from the open data table by
/// `cargo run -p policing-data --features spreadsheets --example derive_officers`
/// (a test derives it again from `data/raw/` and compares).
///
/// # Errors
/// None in practice (the shipped bytes are checked by the crate's tests).
#[cfg(feature = "shipped")]
pub fn shipped_series() -> Result<OfficerSeries> {
    const TEXT: &str = include_str!("../../data/officers-2007-2023.csv");
    let mut out = OfficerSeries { edition: SERIES_NAME.to_owned(), ..OfficerSeries::default() };
    for (i, line) in TEXT.lines().enumerate().filter(|(_, l)| !l.starts_with('#') && !l.starts_with("code,")) {
        let f: Vec<&str> = line.split(',').collect();
        let bad = || DataError::Rejected {
            file: Path::new(SERIES_NAME).to_owned(),
            line: i as u64 + 1,
            reason: line.to_owned(),
        };
        // British Transport Police has no ONS code: its name identifies it.
        let force = f
            .first()
            .and_then(|c| Force::from_ons_code(c).ok())
            .or_else(|| f.get(1).and_then(|n| n.parse::<Force>().ok()))
            .ok_or_else(bad)?;
        let year = f.get(2).and_then(|y| y.parse::<i32>().ok()).ok_or_else(bad)?;
        let value = f.get(3).and_then(|v| v.parse::<Decimal>().ok()).ok_or_else(bad)?;
        out.officers.insert((force, year), value);
    }
    Ok(out)
}

/// The derived table as this crate ships it: a comment header, then
/// `code,force,year,officers_fte` for each force and year (ONS code order).
#[must_use]
pub fn series_csv(series: &OfficerSeries) -> String {
    let mut out = String::from(
        "# Police officers (full-time equivalent) by police force area at 31 March, 2007-2023: the Home Office police\n\
         # workforce open data table of 26 July 2023 (data/raw/ecom185-workforce/open-data-table-police-workforce-260723.ods),\n\
         # sheet Data, rows of worker type Police officer summed over sex and rank. Derived by\n\
         # `cargo run -p policing-data --features spreadsheets --example derive_officers`.\n\
         # Contains public sector information licensed under the Open Government Licence v3.0 (Home Office).\n\
         code,force,year,officers_fte\n",
    );
    for force in Force::ALL {
        for ((f, year), value) in series.officers.range((*force, i32::MIN)..=(*force, i32::MAX)) {
            let code = f.ons_code().unwrap_or("");
            out.push_str(&format!("{code},{},{year},{}\n", f.name(), value.round_dp(4).normalize()));
        }
    }
    out
}
