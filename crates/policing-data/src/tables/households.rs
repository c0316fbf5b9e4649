//! Households by police force area, derived from household numbers by local
//! authority district and the ONS district to police force area lookup, the way
//! `policing_forces::derive` derives populations.
//!
//! The source is `nismod-snhp/snhp2014.csv` (`data/raw/SOURCES.md` section 6):
//! columns `AreaCode,AreaName,1991,...,2039,2011CensusVariation`, one row per
//! district of England and Wales. Its quirks are handled and reported in
//! [`DerivedHouseholds::quirks`], never hidden:
//!
//! - CRLF line endings;
//! - for Welsh districts the years before 2011 are `0`, meaning "not available"
//!   (the Welsh Government series starts in 2011), not zero households: those
//!   cells are left empty, so a Welsh force has no value for those years;
//! - names with trailing spaces (`Oldham `), trimmed;
//! - Welsh values are fractional (projections), so sums are exact decimals.
//!
//! A partial total would be a wrong denominator, so anything that would make one
//! (a malformed row, a district in one file and not the other, a district twice,
//! a value that is not a number) is an error naming the file and line.
//!
//! ```no_run
//! use std::path::Path;
//! let raw = Path::new("data/raw");
//! let derived = policing_data::households::derive(
//!     &raw.join("nismod-snhp/snhp2014.csv"),
//!     &raw.join("resistancelab/Local_Authority_District_to_Community_Safety_Partnerships_to_Police_Force_Areas__December_2016__Lookup_in_England_and_Wales.csv"),
//! )?;
//! for quirk in &derived.quirks {
//!     eprintln!("{quirk}");
//! }
//! # Ok::<(), policing_data::DataError>(())
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use policing_forces::{AreaHouseholds, Force, Households};
use rust_decimal::Decimal;

use super::rows::{read_csv, RowSink};
use crate::kernel::{quoted, DataError, Result};

/// The derivation's result: the table, and what was found on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DerivedHouseholds {
    /// Households by force area and year.
    pub households: Households,
    /// The districts read (every data row is one).
    pub districts: usize,
    /// The years the file covers, in column order.
    pub years: Vec<i32>,
    /// The source's quirks as found, each with how it was handled.
    pub quirks: Vec<String>,
}

fn bad(file: &Path, line: u64, detail: impl Into<String>) -> DataError {
    DataError::Rejected { file: file.to_owned(), line, reason: detail.into() }
}

/// Accumulates the district rows.
struct Sums<'a> {
    file: &'a Path,
    districts: &'a BTreeMap<String, Force>,
    /// `(column, year)` of every year column, once the header is read.
    years: Option<Vec<(usize, i32)>>,
    width: usize,
    sums: BTreeMap<Force, BTreeMap<i32, Option<Decimal>>>,
    seen: BTreeSet<String>,
    rows: usize,
    welsh_zeros: usize,
    trailing_spaces: usize,
    fractional: usize,
    /// The first row that is not text.
    unreadable: Option<(u64, String)>,
}

impl RowSink for Sums<'_> {
    fn row(&mut self, line: u64, cells: &[String]) -> Result<()> {
        let Some(years) = &self.years else {
            if cells.first().map(String::as_str) != Some("AreaCode") {
                return Err(DataError::MissingColumn {
                    file: self.file.to_owned(),
                    column: "AreaCode",
                    found: crate::kernel::error::columns(cells),
                });
            }
            // Year columns: every header cell that is a year (not AreaName or 2011CensusVariation).
            let years: Vec<(usize, i32)> = cells
                .iter()
                .enumerate()
                .filter_map(|(i, h)| h.parse::<i32>().ok().filter(|y| (1900..=2100).contains(y)).map(|y| (i, y)))
                .collect();
            if years.is_empty() {
                return Err(bad(self.file, line, "the header has no year columns"));
            }
            self.width = cells.len();
            self.years = Some(years);
            return Ok(());
        };
        self.rows += 1;
        if cells.len() != self.width {
            return Err(bad(self.file, line, format!("{} fields where the header has {}", cells.len(), self.width)));
        }
        let code = cells.first().map_or("", |c| c.trim());
        let name = cells.get(1).map_or("", String::as_str);
        if name != name.trim_end() {
            self.trailing_spaces += 1;
        }
        let force = *self.districts.get(code).ok_or_else(|| {
            bad(self.file, line, format!("district {} ({}) is not in the lookup", quoted(code), quoted(name.trim())))
        })?;
        if !self.seen.insert(code.to_owned()) {
            return Err(bad(self.file, line, format!("district {code} appears twice")));
        }
        let welsh = code.starts_with('W');
        let slot = self.sums.entry(force).or_default();
        for &(col, year) in years {
            let cell = cells.get(col).map_or("", |c| c.trim());
            let value: Decimal = cell.parse().ok().filter(|v: &Decimal| !v.is_sign_negative()).ok_or_else(|| {
                bad(self.file, line, format!("{code} {year}: {} is not a number of households", quoted(cell)))
            })?;
            if value.fract() != Decimal::ZERO {
                self.fractional += 1;
            }
            let value = if welsh && value.is_zero() {
                self.welsh_zeros += 1;
                None
            } else {
                Some(value)
            };
            let total = slot.entry(year).or_insert(Some(Decimal::ZERO));
            *total = match (*total, value) {
                (Some(t), Some(v)) => Some(t + v),
                _ => None,
            };
        }
        Ok(())
    }

    fn unreadable(&mut self, line: u64, reason: String) {
        self.unreadable.get_or_insert((line, reason));
    }

    fn has_header(&self) -> bool {
        self.years.is_some()
    }
}

/// A source that counts its CRLF line ends as it is read (streamed, not held).
struct CrlfCount<R> {
    inner: R,
    after_cr: bool,
    lines: u64,
}

impl<R: std::io::Read> std::io::Read for CrlfCount<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        for &b in buf.get(..n).unwrap_or_default() {
            self.lines += u64::from(self.after_cr && b == b'\n');
            self.after_cr = b == b'\r';
        }
        Ok(n)
    }
}

/// Derives households by police force area for every year of the file.
///
/// # Errors
/// [`DataError::Io`] for an unreadable file, [`DataError::MissingColumn`] for a
/// header without `AreaCode`, and [`DataError::Rejected`] naming the line of a
/// malformed row, a duplicate district, a district missing from the lookup or
/// from the file, or a value that is not a non-negative number.
pub fn derive(households: &Path, lookup: &Path) -> Result<DerivedHouseholds> {
    let districts = policing_forces::lookup::read_lookup(lookup)
        .map_err(|e| DataError::Spreadsheet { file: lookup.to_owned(), detail: e.to_string() })?;
    let file = std::fs::File::open(households).map_err(|e| DataError::Io { file: households.to_owned(), source: e })?;
    let mut source = CrlfCount { inner: file, after_cr: false, lines: 0 };
    let mut sums = Sums {
        file: households,
        districts: &districts,
        years: None,
        width: 0,
        sums: BTreeMap::new(),
        seen: BTreeSet::new(),
        rows: 0,
        welsh_zeros: 0,
        trailing_spaces: 0,
        fractional: 0,
        unreadable: None,
    };
    read_csv(households, &mut source, &mut sums)?;
    let crlf_lines = source.lines;
    if let Some((line, reason)) = sums.unreadable.take() {
        return Err(bad(households, line, reason));
    }
    let Some(years) = sums.years.clone() else {
        return Err(DataError::Empty { file: households.to_owned() });
    };
    if let Some(missing) = districts.keys().find(|d| !sums.seen.contains(*d)) {
        return Err(bad(households, 0, format!("district {missing} of the lookup has no row")));
    }
    let mut quirks = Vec::new();
    if crlf_lines > 0 {
        quirks.push(format!("CRLF line endings ({crlf_lines} lines), read as line ends"));
    }
    if sums.welsh_zeros > 0 {
        quirks.push(format!(
            "{} Welsh district-year cells hold 0, which means not available (the Welsh series starts in 2011): \
             the force-area value for those years is not available",
            sums.welsh_zeros
        ));
    }
    if sums.trailing_spaces > 0 {
        quirks.push(format!("{} district names end in spaces, trimmed", sums.trailing_spaces));
    }
    if sums.fractional > 0 {
        quirks.push(format!("{} values are fractional (Welsh projections), summed exactly", sums.fractional));
    }
    let areas = Force::territorial()
        .map(|force| AreaHouseholds {
            force,
            by_year: sums
                .sums
                .get(&force)
                .map(|y| y.iter().filter_map(|(year, v)| v.map(|v| (*year, v))).collect())
                .unwrap_or_default(),
        })
        .collect();
    Ok(DerivedHouseholds {
        households: Households::from_areas(areas),
        districts: sums.rows,
        years: years.iter().map(|(_, y)| *y).collect(),
        quirks,
    })
}

/// Writes the derived table as the CSV embedded in `policing-forces`
/// (`data/households-2014-based.csv`), with its provenance header.
#[must_use]
pub fn to_embedded_csv(derived: &DerivedHouseholds) -> String {
    let mut out = String::new();
    out.push_str(
        "# Households by police force area, 1991-2039: DCLG 2014-based household projections (live table 406)\n",
    );
    out.push_str(
        "# for English districts and Welsh Government household projections for Welsh districts, as combined in\n",
    );
    out.push_str(
        "# data/raw/nismod-snhp/snhp2014.csv, summed to police force areas with the ONS December 2016 lookup\n",
    );
    out.push_str("# data/raw/resistancelab/Local_Authority_District_to_..._Police_Force_Areas__December_2016__Lookup_in_England_and_Wales.csv.\n");
    out.push_str("# Derived by `cargo run -p policing-data --example derive_households`. Empty: not available (Welsh years before 2011).\n");
    out.push_str("# Contains public sector information licensed under the Open Government Licence v3.0.\n");
    out.push_str("code,name");
    for y in &derived.years {
        out.push_str(&format!(",{y}"));
    }
    out.push('\n');
    for area in derived.households.areas() {
        out.push_str(&format!("{},{}", area.force.ons_code().unwrap_or_default(), area.force.name()));
        for y in &derived.years {
            out.push(',');
            if let Some(v) = area.by_year.get(y) {
                out.push_str(&v.normalize().to_string());
            }
        }
        out.push('\n');
    }
    out
}
