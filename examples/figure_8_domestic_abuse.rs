//! Figure 8 of the Wiltshire 2016 report (domestic abuse outcomes), through the library.
//!
//! Run with `cargo run --example figure_8_domestic_abuse`.

use policing::peel::reproduction::{figure_8, render, tally};
use policing::peel::Column;

fn main() -> Result<(), policing::peel::PeelError> {
    println!("Figure 8: Rate of outcomes recorded in 12 months to 30 June 2016 for domestic-related offences");
    println!("(per 100 domestic abuse offences recorded in the same period; outcomes are not tracked to those");
    println!(" offences, so rows need not sum to 100 and must not be compared with figure 4)");
    let checks = figure_8::checks()?;
    print!("{}", render(&checks));
    for line in figure_8::rates(Column::EnglandAndWales)?.notes().to_string().lines() {
        println!("  Note (England and Wales): {line}");
    }
    let (reproduced, counted) = tally(&checks);
    println!("\n{reproduced} of {counted} computed figures reproduced (inputs are not counted)");
    Ok(())
}
