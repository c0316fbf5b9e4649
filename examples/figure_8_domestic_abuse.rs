//! Figure 8 of the Wiltshire 2016 report (domestic abuse outcomes), through the library.
//!
//! Run with `cargo run --example figure_8_domestic_abuse`.

#[path = "reproduction/mod.rs"]
mod reproduction;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("Figure 8: Rate of outcomes recorded in 12 months to 30 June 2016 for domestic-related offences");
    println!("(per 100 domestic abuse offences recorded in the same period; outcomes are not tracked to those");
    println!(" offences, so rows need not sum to 100 and must not be compared with figure 4)");
    let checks = reproduction::figure_8::checks()?;
    let (reproduced, counted) = reproduction::print(&checks);
    let ew = reproduction::figure_8::rates(policing::peel::Column::EnglandAndWales)?;
    for line in ew.notes().to_string().lines() {
        println!("  Note (England and Wales): {line}");
    }
    println!("\n{reproduced} of {counted} computed figures reproduced (inputs are not counted)");
    Ok(())
}
