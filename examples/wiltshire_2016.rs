//! The Wiltshire Police PEEL effectiveness 2016 report, through the library.
//!
//! Run with `cargo run --example wiltshire_2016`.
//!
//! For each figure the library can compute, it prints the published value, the
//! computed value and whether it was reproduced, with the reason when it was not;
//! inputs are marked as inputs and not counted. It ends with "N of M figures
//! reproduced". The same computation is asserted by `tests/reproduction.rs`.

#[path = "reproduction/mod.rs"]
mod reproduction;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("Wiltshire Police, PEEL: police effectiveness 2016 (HMIC, March 2017)");
    println!("Source: shared/reference/wiltshire-peel-effectiveness-2016.txt");
    println!("Inputs are the report's printed values, or counts derived from them where marked.");
    let mut checks = reproduction::figure_4::checks()?;
    checks.extend(reproduction::figure_8::checks()?);
    checks.extend(reproduction::survey::checks()?);
    let (reproduced, counted) = reproduction::print(&checks);
    println!("\n{reproduced} of {counted} figures reproduced");
    Ok(())
}
