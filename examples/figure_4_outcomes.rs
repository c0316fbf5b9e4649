//! Figure 4 of the Wiltshire 2016 report (and the figure 5 statement), through the library.
//!
//! Run with `cargo run --example figure_4_outcomes`.

#[path = "reproduction/mod.rs"]
mod reproduction;

use policing::outcomes::TableNotes;
use reproduction::figure_4::{self, ENGLAND_AND_WALES, WILTSHIRE};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let wiltshire = figure_4::table(&WILTSHIRE, TableNotes::default())?;
    let ew = figure_4::table(&ENGLAND_AND_WALES, figure_4::england_and_wales_notes()?)?;
    figure_4::print_table(&WILTSHIRE, &wiltshire);
    figure_4::print_table(&ENGLAND_AND_WALES, &ew);
    let checks = figure_4::checks()?;
    let (reproduced, counted) = reproduction::print(&checks);
    println!("\n{reproduced} of {counted} computed figures reproduced (inputs are not counted)");
    Ok(())
}
