//! Figure 4 of the Wiltshire 2016 report (outcomes assigned to offences recorded),
//! and figure 5, through the library.
//!
//! Run with `cargo run --example figure_4_outcomes`.
//!
//! The figure's rows need the Home Office crime outcomes open data by force and
//! outcome type, which is not public in a form this repository holds, so each
//! printed share is `not computable` and names that source. What can be checked
//! is checked: each group row against its members under rounding, the totals, and
//! figure 5 against figure 4. First, the layout itself: which outcome types each
//! row of the figure counts (`policing_outcomes::FIGURE_4`).

use policing::outcomes::{RowKind, FIGURE_4};
use policing::peel::ledger::{evaluate, render, Ledger, Sources};

fn main() {
    println!("Figure 4: the rows and the outcome types each counts");
    for row in FIGURE_4 {
        let counts = match row.kind {
            RowKind::Type(t) => format!("outcome {}", t.number()),
            RowKind::Group(g) => {
                let numbers: Vec<String> = g.members().iter().map(|t| t.number().to_string()).collect();
                format!("outcomes {}", numbers.join(", "))
            }
            RowKind::TotalAssigned => "every outcome type".to_owned(),
            RowKind::NotYetAssigned => "no outcome yet".to_owned(),
            RowKind::Total => "every offence recorded".to_owned(),
            _ => String::new(),
        };
        let indent = "  ".repeat(usize::from(row.indent));
        let number = row.number.map(|n| format!("{n} ")).unwrap_or_default();
        println!("  {indent}{number}{:<70} {counts}", row.label);
    }
    let ledger = Ledger::wiltshire_2016();
    let entries: Vec<_> = evaluate(&ledger, &Sources::default())
        .into_iter()
        .filter(|e| matches!(e.row.section.as_str(), "Figure 4" | "Figure 5"))
        .collect();
    print!("{}", render(&entries));
}
