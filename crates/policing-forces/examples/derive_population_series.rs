//! Derives the ONS mid-year populations of the 43 police force areas for
//! mid-2011 to mid-2023 (July 2024 edition) from the source files and prints
//! them as the CSV embedded in this crate (`data/population-mid2011-2023.csv`).
//!
//! Run with `cargo run -p policing-forces --features ons --example derive_population_series [RAW_DIR]`;
//! the directory defaults to `data/raw` from the workspace root.

use std::path::PathBuf;

use policing_forces::derive::derive_series;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let raw = std::env::args()
        .nth(1)
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/raw"), PathBuf::from);
    let dir = raw.join("ecom185-ons-mye-2023");
    let series = derive_series(
        &dir.join("LAD23_Mid_Year_pop_2011_to_2023.xlsx"),
        &dir.join("Local_Authority_District_to_CSPs_to_Police_Force_Areas_(December__2023)_Lookup_.csv"),
    )?;
    print!("{}", policing_forces::series_csv(&series));
    Ok(())
}
