//! Derives households by police force area from the household projections by
//! district and the ONS lookup, and prints the table embedded in `policing-forces`
//! (`crates/policing-forces/data/households-2014-based.csv`); the source's quirks go
//! to standard error.
//!
//! Run from the workspace root: `cargo run -p policing-data --example derive_households [RAW_DIR]`
//! (the directory defaults to the repository's `data/raw`).

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let raw = std::env::args()
        .nth(1)
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/raw"), PathBuf::from);
    let derived = policing_data::households::derive(
        &raw.join("nismod-snhp/snhp2014.csv"),
        &raw.join("resistancelab/Local_Authority_District_to_Community_Safety_Partnerships_to_Police_Force_Areas__December_2016__Lookup_in_England_and_Wales.csv"),
    )?;
    for quirk in &derived.quirks {
        eprintln!("quirk: {quirk}");
    }
    print!("{}", policing_data::households::to_embedded_csv(&derived));
    Ok(())
}
