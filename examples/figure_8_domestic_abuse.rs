//! Figure 8 of the Wiltshire 2016 report (domestic abuse outcomes), through the library.
//!
//! Run with `cargo run --example figure_8_domestic_abuse`.
//!
//! Figure 8 divides the outcomes recorded in the year for domestic abuse-flagged
//! offences by the domestic abuse offences recorded in the same year: outcomes
//! are not tracked to those offences, so the rows need not sum to 100 and must
//! not be compared with figure 4. Each row is one outcome type
//! (`policing_outcomes::FIGURE_8`; the last is outcome 16 alone). The rows need
//! the Home Office outcomes data for domestic abuse-flagged offences by force,
//! so they are `not computable`; the report's statements about them are checked
//! where its own numbers allow.

use policing::outcomes::{RowKind, FIGURE_8};
use policing::peel::ledger::{evaluate, render_entries, Ledger, Tally};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("Figure 8: the rows and the outcome type each counts");
    for row in FIGURE_8 {
        if let RowKind::Type(t) = row.kind {
            println!("  {:<90} outcome {}", row.label, t.number());
        }
    }
    let ledger = Ledger::wiltshire_2016()?;
    let entries: Vec<_> =
        evaluate(&ledger).into_iter().filter(|e| e.row.section == "Figure 8" || e.row.section == "MARAC").collect();
    print!("{}", render_entries(&entries));
    let tally = Tally::of(&entries);
    println!("\n{}\n{}", tally.breakdown(), tally.headline());
    Ok(())
}
