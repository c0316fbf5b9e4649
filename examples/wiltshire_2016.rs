//! The Wiltshire Police PEEL effectiveness 2016 report, through the library.
//!
//! Run with `cargo run --example wiltshire_2016`.
//!
//! For each figure and numeric statement of the report (embedded, with period,
//! source and caveats, in `policing-peel`), it computes what the library can
//! from the most primitive inputs available, prints the published value beside
//! the computed one, and says whether it was reproduced, and why not when it
//! was not. Inputs echoed back are marked `input`; counts derived from the very
//! figure they are checked against are marked `round trip`. It ends with
//! "N of M figures reproduced". `tests/reproduction.rs` asserts the same checks.

#[path = "reproduction/mod.rs"]
mod reproduction;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let report = reproduction::report();
    println!("{} — PEEL: police effectiveness {} (HMIC, published {})", report.force, report.year, report.published);
    println!("Source: shared/reference/wiltshire-peel-effectiveness-2016.txt, embedded in policing-peel");
    println!("Populations: ONS mid-2015, derived by policing-forces from shared/data/raw");
    let mut checks = reproduction::judgments::checks()?;
    checks.extend(reproduction::crime::checks()?);
    checks.extend(reproduction::survey::checks()?);
    checks.extend(reproduction::figure_4::checks()?);
    checks.extend(reproduction::vulnerability::checks()?);
    checks.extend(reproduction::figure_8::checks()?);
    checks.extend(reproduction::ocg::checks()?);
    let (reproduced, counted) = reproduction::print(&checks);
    println!();
    for (verdict, n) in reproduction::breakdown(&checks) {
        println!("  {verdict:<15} {n}");
    }
    println!("\n{reproduced} of {counted} figures reproduced");
    Ok(())
}
