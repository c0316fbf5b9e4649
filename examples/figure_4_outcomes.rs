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
//! row of the figure counts (`policing_outcomes::FIGURE_4`). Last, the figure
//! computed by the library from real data.police.uk files: the City of London
//! Police's street files in the repository (`data/raw/berlinhack-cityoflondon/`,
//! 12 months to June 2016), each crime tracked to its latest outcome in the
//! outcomes files as they stood at December 2016, laid out by
//! `policing::data::figure_4` at the precision the published categories allow.

use std::path::PathBuf;

use policing::data::tracked::{track_outcomes, TrackOptions};
use policing::data::{figure_4, inputs, FileKind, Month};
use policing::outcomes::{RowKind, FIGURE_4};
use policing::peel::ledger::{evaluate, render_entries, Ledger, Tally};

fn main() -> Result<(), Box<dyn std::error::Error>> {
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
    let ledger = Ledger::wiltshire_2016()?;
    let entries: Vec<_> =
        evaluate(&ledger).into_iter().filter(|e| matches!(e.row.section.as_str(), "Figure 4" | "Figure 5")).collect();
    print!("{}", render_entries(&entries));
    let tally = Tally::of(&entries);
    println!("\n{}\n{}", tally.breakdown(), tally.headline());

    // Figure 4 from the public files of one force, computed by the library.
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/raw/berlinhack-cityoflondon");
    let (from, to): (Month, Month) = ("2015-07".parse()?, "2016-06".parse()?);
    let select = |selection: inputs::Selection| inputs::expand(std::slice::from_ref(&dir), &selection);
    // The crimes of the 12 months (street files of those months), their outcomes up to December 2016.
    let street = select(inputs::Selection::new(Some(FileKind::Street)).months(from, to))?.files;
    let outcomes = select(inputs::Selection::new(Some(FileKind::Outcomes)))?.files;
    let options = TrackOptions::default().to("2016-12".parse()?);
    let tracked = track_outcomes(&street, &outcomes, &options, None)?;
    let in_year = tracked.counts.iter().map(|((force, outcome), n)| (*force, outcome, *n));
    let figure = figure_4(in_year)?;
    println!(
        "\nFigure 4 computed from data.police.uk files: City of London Police, crimes recorded {from} to {to} \
         (the files hold {} of those months), outcomes as they stood at December 2016",
        street.len()
    );
    println!("  {}", tracked.summary);
    for row in figure.rows().iter().filter(|r| r.unit != figure.total_label()) {
        let number = row.number.map(|n| format!("{n:>2} ")).unwrap_or_else(|| "   ".to_owned());
        println!("  {number}{:<70} {:>11}%", row.label, row.share.display(1));
    }
    for n in &figure.notes {
        println!("  note: {n}");
    }
    Ok(())
}
