//! Derives the ONS mid-2015 populations of the 43 police force areas from the
//! source files and prints them as the CSV embedded in this crate
//! (`data/population-mid2015.csv`).
//!
//! Run with `cargo run -p policing-forces --features ons --example derive_populations [RAW_DIR]`;
//! the directory defaults to `data/raw` from the workspace root.

use std::path::PathBuf;

use policing_forces::derive::derive;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let raw = std::env::args()
        .nth(1)
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/raw"), PathBuf::from);
    let estimates = raw.join("brexitageweighted/MYE2_population_by_sex_and_age_for_local_authorities_UK.xls");
    let lookup = raw.join(
        "resistancelab/Local_Authority_District_to_Community_Safety_Partnerships_to_Police_Force_Areas__December_2016__Lookup_in_England_and_Wales.csv",
    );
    let areas = derive(&estimates, &lookup)?;
    println!("# ONS mid-2015 population estimates by police force area (persons, males, females).");
    println!("# Derived by `cargo run -p policing-forces --features ons --example derive_populations` from");
    println!("# data/raw/brexitageweighted/MYE2_population_by_sex_and_age_for_local_authorities_UK.xls");
    println!("# (ONS MYE2, release MYE9PE1, published 23 June 2016) and the ONS December 2016 lookup");
    println!("# data/raw/resistancelab/Local_Authority_District_to_..._Police_Force_Areas__December_2016__Lookup_in_England_and_Wales.csv.");
    println!("# Contains National Statistics data (c) Crown copyright 2016, Open Government Licence v3.0.");
    println!("code,name,persons,males,females");
    for a in &areas {
        println!("{},{},{},{},{}", a.force.ons_code().unwrap_or(""), a.force.name(), a.persons, a.males, a.females);
    }
    Ok(())
}
