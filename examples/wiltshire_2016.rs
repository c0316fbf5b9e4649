//! The main job: the Wiltshire Police PEEL effectiveness 2016 report, figure by
//! figure, checked against the public data HMIC used.
//!
//! Run with `cargo run --example wiltshire_2016` (the same as
//! `policing report wiltshire-2016`).
//!
//! Every number the report prints is a row of its ledger
//! (`crates/policing-peel/reports/wiltshire-2016.tsv`). The example reads the ONS
//! police recorded crime table by force area from the repository
//! (`data/raw/ons-rec-crime-pfa/rec-crime-pfa.csv`), hands it to the ledger's
//! evaluator with the ONS populations and the household projections, and prints
//! figure 1 (computed; the report prints no values for it), every row with its
//! verdict, and "N of M figures reproduced from source data". A row can only be
//! `reproduced` or `differs` when it was computed from that file.
//! `tests/reproduction.rs` pins every verdict.

use std::path::PathBuf;

use policing::data::recorded_crime::read_pfa_table;
use policing::peel::ledger::{report, Ledger, Sources};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/raw/ons-rec-crime-pfa/rec-crime-pfa.csv");
    let table = read_pfa_table(&path, None)?;
    let sources = Sources {
        recorded_crime: Some(&table.crime),
        recorded_crime_edition: format!(
            "ONS recorded crime by police force area, 2019 edition (data/raw/ons-rec-crime-pfa/rec-crime-pfa.csv: \
             {} rows read, {} rejected); the report used the October 2016 release",
            table.summary.rows,
            table.summary.rejected()
        ),
        ..Sources::default()
    };
    print!("{}", report(&Ledger::wiltshire_2016(), &sources));
    Ok(())
}
