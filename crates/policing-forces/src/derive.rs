//! Deriving the force-area populations from the ONS source files (feature `ons`).
//!
//! Inputs, both under `data/raw/` (see `SOURCES.md` there):
//!
//! - `brexitageweighted/MYE2_population_by_sex_and_age_for_local_authorities_UK.xls`:
//!   ONS MYE2 mid-2015 estimates by local authority (release of 23 June 2016);
//!   sheets "UK persons", "UK males", "UK females"; header row with `CODE`,
//!   `NAME`, `ALL AGES`.
//! - `resistancelab/Local_Authority_District_to_Community_Safety_Partnerships_to_Police_Force_Areas__December_2016__Lookup_in_England_and_Wales.csv`:
//!   the ONS lookup from each of the 348 local authority districts to its police
//!   force area.
//!
//! Every district of the lookup must appear exactly once in each sheet, and
//! every sheet row with an England or Wales district code (E06, E07, E08, E09,
//! W06) must be in the lookup; anything else is an error naming the file and
//! the row.

use std::collections::{BTreeMap, BTreeSet};

use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader};

use crate::error::{ForceError, Result};
use crate::force::Force;
pub use crate::lookup::read_lookup;
use crate::population::AreaPopulation;

fn source(file: &Path, detail: impl Into<String>) -> ForceError {
    ForceError::Source { file: file.display().to_string(), detail: detail.into() }
}

fn is_district(code: &str) -> bool {
    ["E06", "E07", "E08", "E09", "W06"].iter().any(|p| code.starts_with(p))
}

/// Reads one sheet: district code -> all-ages count.
fn read_sheet(path: &Path, sheet: &str) -> Result<BTreeMap<String, u64>> {
    let mut workbook = open_workbook_auto(path).map_err(|e| source(path, e.to_string()))?;
    let range = workbook.worksheet_range(sheet).map_err(|e| source(path, format!("sheet {sheet:?}: {e}")))?;
    let mut rows = range.rows().enumerate();
    let (header_row, header) = rows
        .by_ref()
        .find(|(_, r)| r.first().is_some_and(|c| c.to_string().trim() == "CODE"))
        .ok_or_else(|| source(path, format!("sheet {sheet:?}: no header row starting CODE")))?;
    let all_ages = header
        .iter()
        .position(|c| c.to_string().trim() == "ALL AGES")
        .ok_or_else(|| source(path, format!("sheet {sheet:?} row {}: no ALL AGES column", header_row + 1)))?;
    let mut map = BTreeMap::new();
    for (i, row) in rows {
        let code = row.first().map(|c| c.to_string()).unwrap_or_default();
        let code = code.trim();
        if !is_district(code) {
            continue;
        }
        let at = || format!("sheet {sheet:?} row {} ({code})", i + 1);
        let value = match row.get(all_ages) {
            Some(Data::Float(f)) if f.fract() == 0.0 && *f >= 0.0 => format!("{f:.0}"),
            Some(Data::Int(n)) if *n >= 0 => n.to_string(),
            other => return Err(source(path, format!("{}: ALL AGES is {other:?}", at()))),
        };
        let n: u64 = value.parse().map_err(|_| source(path, format!("{}: ALL AGES {value}", at())))?;
        if map.insert(code.to_owned(), n).is_some() {
            return Err(source(path, format!("{}: district appears twice", at())));
        }
    }
    Ok(map)
}

/// Derives the 43 force-area populations (persons, males, females).
///
/// # Errors
/// [`ForceError::Source`] naming the file and row of anything unexpected,
/// including a district in one file and not the other.
pub fn derive(estimates: &Path, lookup: &Path) -> Result<Vec<AreaPopulation>> {
    let districts = read_lookup(lookup)?;
    let sheets = [
        read_sheet(estimates, "UK persons")?,
        read_sheet(estimates, "UK males")?,
        read_sheet(estimates, "UK females")?,
    ];
    let lookup_codes: BTreeSet<&String> = districts.keys().collect();
    for (name, sheet) in ["UK persons", "UK males", "UK females"].iter().zip(&sheets) {
        let sheet_codes: BTreeSet<&String> = sheet.keys().collect();
        if let Some(code) = lookup_codes.difference(&sheet_codes).next() {
            return Err(source(estimates, format!("sheet {name:?}: district {code} of the lookup is missing")));
        }
        if let Some(code) = sheet_codes.difference(&lookup_codes).next() {
            return Err(source(lookup, format!("district {code} of sheet {name:?} is not in the lookup")));
        }
    }
    let mut totals: BTreeMap<Force, [u64; 3]> = BTreeMap::new();
    for (district, force) in &districts {
        let slot = totals.entry(*force).or_insert([0; 3]);
        for (total, sheet) in slot.iter_mut().zip(&sheets) {
            *total += sheet.get(district).copied().unwrap_or(0);
        }
    }
    Ok(Force::territorial()
        .map(|f| {
            let [persons, males, females] = totals.get(&f).copied().unwrap_or([0; 3]);
            AreaPopulation { force: f, persons, males, females }
        })
        .collect())
}

/// Derives the 43 force-area populations (persons) for every year of the ONS
/// "Mid-Year Population Estimates, England and Wales, June 2023" workbook (July
/// 2024 edition: sheet `MYE4`, header row starting `Code` with columns
/// `Mid-2023` ... `Mid-2011`), with the December 2023 district lookup.
/// Returns each force's `(year, persons)`, earliest year first, and checks that
/// the 43 areas add up to the workbook's England and Wales row every year.
///
/// # Errors
/// [`ForceError::Source`] naming the file and row of anything unexpected: a
/// district in one file and not the other, a value that is not a count, or
/// areas that do not add up to England and Wales.
pub fn derive_series(workbook: &Path, lookup: &Path) -> Result<Vec<crate::ForceSeries>> {
    let districts = read_lookup(lookup)?;
    let mut book = open_workbook_auto(workbook).map_err(|e| source(workbook, e.to_string()))?;
    let range = book.worksheet_range("MYE4").map_err(|e| source(workbook, format!("sheet \"MYE4\": {e}")))?;
    let mut rows = range.rows().enumerate();
    let (header_row, header) = rows
        .by_ref()
        .find(|(_, r)| r.first().is_some_and(|c| c.to_string().trim() == "Code"))
        .ok_or_else(|| source(workbook, "sheet \"MYE4\": no header row starting Code"))?;
    let years: Vec<(usize, i32)> = header
        .iter()
        .enumerate()
        .filter_map(|(i, c)| Some((i, c.to_string().trim().strip_prefix("Mid-")?.parse::<i32>().ok()?)))
        .collect();
    if years.is_empty() {
        return Err(source(workbook, format!("sheet \"MYE4\" row {}: no Mid-YYYY columns", header_row + 1)));
    }
    let mut by_district: BTreeMap<String, Vec<u64>> = BTreeMap::new();
    let mut england_and_wales = None;
    for (i, row) in rows {
        let code = row.first().map(|c| c.to_string()).unwrap_or_default();
        let code = code.trim();
        let wanted = is_district(code) || code == "K04000001";
        if !wanted {
            continue;
        }
        let mut values = Vec::with_capacity(years.len());
        for (col, year) in &years {
            let at = || format!("sheet \"MYE4\" row {} ({code}), mid-{year}", i + 1);
            let n = match row.get(*col) {
                Some(Data::Float(f)) if f.fract() == 0.0 && *f >= 0.0 => format!("{f:.0}"),
                Some(Data::Int(n)) if *n >= 0 => n.to_string(),
                other => return Err(source(workbook, format!("{}: {other:?} is not a count", at()))),
            };
            values.push(n.parse::<u64>().map_err(|_| source(workbook, format!("{}: {n}", at())))?);
        }
        if code == "K04000001" {
            england_and_wales = Some(values);
        } else if by_district.insert(code.to_owned(), values).is_some() {
            return Err(source(workbook, format!("sheet \"MYE4\" row {}: district {code} appears twice", i + 1)));
        }
    }
    let lookup_codes: BTreeSet<&String> = districts.keys().collect();
    let sheet_codes: BTreeSet<&String> = by_district.keys().collect();
    if let Some(code) = lookup_codes.difference(&sheet_codes).next() {
        return Err(source(workbook, format!("district {code} of the lookup is not in sheet MYE4")));
    }
    if let Some(code) = sheet_codes.difference(&lookup_codes).next() {
        return Err(source(lookup, format!("district {code} of sheet MYE4 is not in the lookup")));
    }
    let mut totals: BTreeMap<Force, Vec<u64>> = BTreeMap::new();
    for (district, force) in &districts {
        let slot = totals.entry(*force).or_insert_with(|| vec![0; years.len()]);
        for (total, v) in slot.iter_mut().zip(by_district.get(district).into_iter().flatten()) {
            *total += v;
        }
    }
    let ew =
        england_and_wales.ok_or_else(|| source(workbook, "sheet MYE4 has no England and Wales row (K04000001)"))?;
    for (k, (_, year)) in years.iter().enumerate() {
        let sum: u64 = totals.values().filter_map(|v| v.get(k)).sum();
        if Some(&sum) != ew.get(k) {
            return Err(source(
                workbook,
                format!("mid-{year}: the 43 areas add up to {sum}, England and Wales is {:?}", ew.get(k)),
            ));
        }
    }
    Ok(Force::territorial()
        .map(|f| {
            let values = totals.get(&f).cloned().unwrap_or_default();
            let mut series: Vec<(i32, u64)> = years.iter().map(|(_, y)| *y).zip(values).collect();
            series.sort_unstable();
            (f, series)
        })
        .collect())
}
