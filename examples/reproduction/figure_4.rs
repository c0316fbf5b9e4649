//! Figure 4: proportion of outcomes assigned to offences recorded in the 12
//! months to 30 June 2016, Wiltshire and England and Wales; and the figure 5
//! statement.
//!
//! Inputs: the shares the report prints for each outcome type, and for the
//! "prosecution prevented" group (whose members it does not print), and "not
//! yet assigned". They are turned into counts per 1,000 offences recorded (a
//! share of 12.1% is 121 per 1,000): derived counts, said so in the output.
//! Group rows, "Total offences assigned an outcome" and "Total" are then
//! computed by the library from those counts.

use policing::outcomes::{
    Coverage, Outcome, OutcomeCounts, OutcomeGroup, OutcomeSet, OutcomeTable, RowKind, TableNotes, FIGURE_4,
};
use policing::stats::Exclusion;
use rust_decimal::Decimal;

use super::{explain_rounding, Check};

/// One column of figure 4 as printed, in the layout's row order ("" where the
/// report prints no value).
pub struct Column {
    /// The column heading.
    pub name: &'static str,
    /// The printed values, one per row of [`FIGURE_4`].
    pub printed: [&'static str; 21],
}

/// Wiltshire Police's column, as printed.
pub const WILTSHIRE: Column = Column {
    name: "Wiltshire Police",
    printed: [
        "12.1", "0.3", "3.7", "0.9", "2.3", "0.5", "2.7", "0.7", "2.1", "1.6", "", "12.6", "19.6", "17.2", "2.4",
        "40.8", "1.0", "0.0", "94.5", "5.5", "100.00",
    ],
};

/// England and Wales's column (Dorset Police excluded), as printed.
pub const ENGLAND_AND_WALES: Column = Column {
    name: "England and Wales",
    printed: [
        "12.1", "0.2", "3.2", "0.4", "2.3", "0.6", "3.6", "0.9", "2.8", "1.8", "", "8.3", "13.8", "10.6", "3.2",
        "47.4", "0.6", "0.1", "91.3", "8.7", "100.00",
    ],
};

/// Whether a layout row is an input: every type row, the prevented group (its
/// members are not printed) and "not yet assigned".
fn is_input(kind: RowKind) -> bool {
    matches!(kind, RowKind::Type(_) | RowKind::Group(OutcomeGroup::ProsecutionPrevented) | RowKind::NotYetAssigned)
}

/// Counts per `scale` implied by a printed one-decimal share or rate (12.1 -> 121 per 1,000).
pub fn derived_count(printed: &str, per_hundred_to_scale: Decimal) -> Result<u64, Box<dyn std::error::Error>> {
    let value: Decimal = printed.parse()?;
    let count = value * per_hundred_to_scale;
    if count.fract() != Decimal::ZERO {
        return Err(format!("{printed} is not a whole count at this scale").into());
    }
    Ok(u64::try_from(count)?)
}

/// The counts per 1,000 offences derived from a column's input rows.
pub fn derived_counts(column: &Column) -> Result<OutcomeCounts, Box<dyn std::error::Error>> {
    let mut counts = OutcomeCounts::new();
    for (layout, printed) in FIGURE_4.iter().zip(column.printed) {
        if is_input(layout.kind) {
            let set = match layout.kind {
                RowKind::NotYetAssigned => OutcomeSet::single(Outcome::NotYetAssigned),
                other => other.set(),
            };
            counts.add(set, derived_count(printed, Decimal::TEN)?)?;
        }
    }
    Ok(counts)
}

/// The notes that travel with the England and Wales column (annex A).
pub fn england_and_wales_notes() -> Result<TableNotes, policing::stats::StatsError> {
    Ok(TableNotes {
        excluded: vec![(
            "Dorset Police".to_owned(),
            Exclusion::new(
                "crime outcomes not reliably recorded after the Niche records system was introduced in spring 2015",
            )?,
        )],
        partial: vec![
            ("Derbyshire Constabulary".to_owned(), Coverage::Quarters(3)),
            ("Suffolk Constabulary".to_owned(), Coverage::Quarters(3)),
        ],
        missing: vec![],
    })
}

/// The computed table of a column.
pub fn table(column: &Column, notes: TableNotes) -> Result<OutcomeTable, Box<dyn std::error::Error>> {
    Ok(OutcomeTable::figure_4(&derived_counts(column)?, notes)?)
}

fn places(printed: &str) -> u32 {
    printed.split_once('.').map_or(0, |(_, d)| u32::try_from(d.len()).unwrap_or(0))
}

fn members_printed(column: &Column, group: OutcomeGroup) -> Vec<&'static str> {
    FIGURE_4
        .iter()
        .zip(column.printed)
        .filter(|(l, _)| matches!(l.kind, RowKind::Type(t) if t.group() == group))
        .map(|(_, p)| p)
        .collect()
}

/// The checks of one column.
pub fn column_checks(column: &Column, table: &OutcomeTable) -> Vec<Check> {
    let mut checks = Vec::new();
    for ((layout, printed), row) in FIGURE_4.iter().zip(column.printed).zip(table.rows()) {
        if !layout.shows_value {
            continue;
        }
        let item = match layout.number {
            Some(n) => format!("{n:>2} {}", layout.label),
            None => layout.label.to_owned(),
        };
        if is_input(layout.kind) {
            checks.push(Check::input("Figure 4", item, column.name, printed));
            continue;
        }
        let Some(computed) = row.share.percent(places(printed)) else {
            checks.push(Check::not_computable("Figure 4", item, column.name, printed, "share not determined"));
            continue;
        };
        let mut check = Check::compare("Figure 4", item, column.name, printed, computed);
        if let (super::Verdict::NotReproduced, RowKind::Group(g)) = (&check.verdict, layout.kind) {
            check = check.with_note(explain_rounding(&members_printed(column, g), printed));
        }
        checks.push(check);
    }
    checks
}

/// Every check of figure 4 and the figure 5 statement.
pub fn checks() -> Result<Vec<Check>, Box<dyn std::error::Error>> {
    let wiltshire = table(&WILTSHIRE, TableNotes::default())?;
    let ew = table(&ENGLAND_AND_WALES, england_and_wales_notes()?)?;
    let mut checks = column_checks(&WILTSHIRE, &wiltshire);
    checks.extend(column_checks(&ENGLAND_AND_WALES, &ew));

    let no_all_force_data = "needs every force's share; the report prints only Wiltshire and England and Wales, \
                             and no Home Office outcomes table for the 12 months to 30 June 2016 is in shared/data/raw";
    let band_of = "among the highest";
    checks.push(Check::not_computable(
        "Figure 4 statement",
        "Wiltshire's use of outcome 15 (victim supports action): band",
        "Wiltshire Police",
        band_of,
        no_all_force_data,
    ));
    // Figure 5: the group "victim does not support" as computed from its members.
    let group = RowKind::Group(OutcomeGroup::EvidentialDifficultiesVictimDoesNotSupport);
    for (name, t, printed) in [("Wiltshire Police", &wiltshire, "19.6"), ("England and Wales", &ew, "13.8")] {
        if let Some(value) = t.row(group).and_then(|r| r.share.percent(1)) {
            checks.push(Check::compare(
                "Figure 5",
                "Evidential difficulties; victim does not support action (%)",
                name,
                printed,
                value,
            ));
        }
    }
    checks.push(Check::not_computable(
        "Figure 5",
        "Wiltshire against every force: band",
        "Wiltshire Police",
        "high proportion",
        no_all_force_data,
    ));
    Ok(checks)
}

/// Prints a computed table in the report's layout, side by side with the printed column.
pub fn print_table(column: &Column, table: &OutcomeTable) {
    println!(
        "\nFigure 4: Proportion of outcomes assigned to offences recorded in {}, 12 months to 30 June 2016",
        column.name
    );
    println!("  (counts per 1,000 offences derived from the report's printed type shares)");
    println!("  {:<8} {:<74} {:>8} {:>8}", "Outcome", "Outcome type / group", "library", "report");
    for ((layout, printed), row) in FIGURE_4.iter().zip(column.printed).zip(table.rows()) {
        let number = layout.number.map(|n| n.to_string()).unwrap_or_default();
        let label = format!("{}{}", "  ".repeat(usize::from(layout.indent)), layout.label);
        let value = if layout.shows_value { row.share.display(places(printed).max(1)) } else { String::new() };
        println!("  {number:<8} {label:<74} {value:>8} {printed:>8}");
    }
    let notes = table.notes().to_string();
    for line in notes.lines() {
        println!("  Note: {line}");
    }
}
