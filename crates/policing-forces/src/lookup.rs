//! The ONS lookup from local authority districts to police force areas
//! (feature `lookup`, or `ons` which includes it).
//!
//! The file is `resistancelab/Local_Authority_District_to_Community_Safety_Partnerships_to_Police_Force_Areas__December_2016__Lookup_in_England_and_Wales.csv`
//! under the repository's `data/raw/` (ONS Open Geography, December 2016): 348 districts,
//! each in exactly one of the 43 police force areas. It starts with a byte order mark and
//! quotes names that hold commas (`"Bristol, City of"`). Every population and household
//! figure by force area in this workspace is summed over districts with it.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::{ForceError, Result};
use crate::force::Force;

fn source(file: &Path, detail: impl Into<String>) -> ForceError {
    ForceError::Source { file: file.display().to_string(), detail: detail.into() }
}

/// Reads the lookup: district code -> force.
///
/// # Errors
/// [`ForceError::Source`] for an unreadable file, a missing column, a district
/// in two police force areas, or an unknown police force area code. A district
/// on several rows in one area (split between community safety partnerships, as
/// the December 2023 lookup has seven) is one district.
pub fn read_lookup(path: &Path) -> Result<BTreeMap<String, Force>> {
    let mut reader = csv::ReaderBuilder::new().from_path(path).map_err(|e| source(path, e.to_string()))?;
    let headers = reader.headers().map_err(|e| source(path, e.to_string()))?.clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}') == name)
            .ok_or_else(|| source(path, format!("no column {name}")))
    };
    // The December 2016 lookup names its columns LAD16CD and PFA16CD, the December 2023 one LAD23CD and PFA23CD.
    let (lad, pfa) = match (col("LAD16CD"), col("PFA16CD")) {
        (Ok(l), Ok(p)) => (l, p),
        _ => (col("LAD23CD")?, col("PFA23CD")?),
    };
    let mut map = BTreeMap::new();
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        let record = record.map_err(|e| source(path, format!("line {line}: {e}")))?;
        let district = record.get(lad).ok_or_else(|| source(path, format!("line {line}: no district code")))?;
        let area = record.get(pfa).ok_or_else(|| source(path, format!("line {line}: no police force area code")))?;
        let force = Force::from_ons_code(area).map_err(|e| source(path, format!("line {line}: {e}")))?;
        // The December 2023 lookup goes through community safety partnerships: a district split between
        // two partnerships is on two rows, in one police force area. Two areas for one district is an error.
        match map.insert(district.to_owned(), force) {
            Some(other) if other != force => {
                return Err(source(
                    path,
                    format!("line {line}: district {district} is in {other} on an earlier line and in {force} here"),
                ));
            }
            _ => {}
        }
    }
    Ok(map)
}
