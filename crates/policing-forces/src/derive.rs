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
