//! Figure 4 of the Wiltshire 2016 report (and the figure 5 statement), through the library.
//!
//! Run with `cargo run --example figure_4_outcomes`.

use policing::peel::reproduction::{figure_4, render, tally};
use policing::peel::Column;

fn main() -> Result<(), policing::peel::PeelError> {
    for column in [Column::Force, Column::EnglandAndWales] {
        print!("{}", figure_4::render_table(column, &figure_4::table(column)?)?);
    }
    let checks = figure_4::checks()?;
    print!("{}", render(&checks));
    let (reproduced, counted) = tally(&checks);
    println!("\n{reproduced} of {counted} computed figures reproduced (inputs are not counted)");
    Ok(())
}
