//! Figure 4 of the Wiltshire 2016 report (and the figure 5 statement), through the library.
//!
//! Run with `cargo run --example figure_4_outcomes`.

#[path = "reproduction/mod.rs"]
mod reproduction;

use policing::peel::Column;
use reproduction::figure_4;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    for column in [Column::Force, Column::EnglandAndWales] {
        figure_4::print_table(column, &figure_4::table(column)?)?;
    }
    let checks = figure_4::checks()?;
    let (reproduced, counted) = reproduction::print(&checks);
    println!("\n{reproduced} of {counted} computed figures reproduced (inputs are not counted)");
    Ok(())
}
