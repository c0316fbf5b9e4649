//! The Wiltshire Police PEEL effectiveness 2016 report, through the library.
//!
//! Run with `cargo run --example wiltshire_2016` (or `policing report wiltshire-2016`).
//!
//! For each figure and numeric statement of the report (embedded, with period,
//! source and caveats, in `policing-peel`), it computes what the library can
//! from the most primitive inputs available, prints the published value beside
//! the computed one, and says whether it was reproduced, and why not when it
//! was not. Inputs echoed back are marked `input`; counts derived from the very
//! figure they are checked against are marked `round trip`. It ends with
//! "N of M figures reproduced". `tests/reproduction.rs` asserts the same checks.

fn main() -> Result<(), policing::peel::PeelError> {
    print!("{}", policing::peel::reproduction::report()?);
    Ok(())
}
