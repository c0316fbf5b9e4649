//! Figure 4: proportion of outcomes assigned to offences recorded in the 12
//! months to 30 June 2016, Wiltshire and England and Wales; and the figure 5
//! statement.
//!
//! Inputs: the shares the report prints (embedded in `policing-peel`) for each
//! outcome type, for the "prosecution prevented" group (whose members it does
//! not print), and for "not yet assigned". They are turned into counts per 1,000
//! offences recorded (a share of 12.1% is 121 per 1,000): derived counts, said so
//! in the output. Group rows, "Total offences assigned an outcome" and "Total"
//! are then computed by the library from those counts.

use crate::{row_item, Column};
use policing_outcomes::{
    Coverage, Outcome, OutcomeCounts, OutcomeGroup, OutcomeSet, OutcomeTable, RowKind, TableNotes, FIGURE_4,
};
use policing_stats::Exclusion;
use rust_decimal::Decimal;

use super::{column_name, explain_rounding, report_data, Check};

/// The printed values of a column, one per row of [`FIGURE_4`] ("" where none is printed).
pub fn printed_column(column: Column) -> Result<Vec<String>, crate::PeelError> {
    let r = report_data();
    FIGURE_4
        .iter()
        .map(|l| {
            if l.shows_value {
                Ok(r.figure("Figure 4", &row_item(l.number, l.label), column)?.printed.clone())
            } else {
                Ok(String::new())
            }
        })
        .collect()
}

/// Whether a layout row is an input: every type row, the prevented group (its
/// members are not printed) and "not yet assigned".
fn is_input(kind: RowKind) -> bool {
    matches!(kind, RowKind::Type(_) | RowKind::Group(OutcomeGroup::ProsecutionPrevented) | RowKind::NotYetAssigned)
}

/// A whole count implied by a printed value at a scale (12.1 x 10 -> 121).
pub fn derived_count(printed: &str, scale: Decimal) -> Result<u64, crate::PeelError> {
    let value: Decimal = printed.trim_start_matches('+').parse()?;
    let count = value * scale;
    if count.fract() != Decimal::ZERO {
        return Err(crate::PeelError::Number { detail: format!("{printed} is not a whole count at this scale") });
    }
    Ok(u64::try_from(count)?)
}

/// The counts per 1,000 offences derived from a column's input rows.
pub fn derived_counts(column: Column) -> Result<OutcomeCounts, crate::PeelError> {
    let mut counts = OutcomeCounts::new();
    for (layout, printed) in FIGURE_4.iter().zip(printed_column(column)?) {
        if is_input(layout.kind) {
            let set = match layout.kind {
                RowKind::NotYetAssigned => OutcomeSet::single(Outcome::NotYetAssigned),
                other => other.set(),
            };
            counts.add(set, derived_count(&printed, Decimal::TEN)?)?;
        }
    }
    Ok(counts)
}

/// The notes that travel with a column: for England and Wales, annex A's exclusion and partial years.
pub fn notes(column: Column) -> Result<TableNotes, policing_stats::StatsError> {
    Ok(match column {
        Column::Force => TableNotes::default(),
        Column::EnglandAndWales => TableNotes {
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
        },
    })
}

/// The computed table of a column.
pub fn table(column: Column) -> Result<OutcomeTable, crate::PeelError> {
    Ok(OutcomeTable::figure_4(&derived_counts(column)?, notes(column)?)?)
}

fn places(printed: &str) -> u32 {
    printed.split_once('.').map_or(0, |(_, d)| u32::try_from(d.len()).unwrap_or(0))
}

fn members_printed(printed: &[String], group: OutcomeGroup) -> Vec<String> {
    FIGURE_4
        .iter()
        .zip(printed)
        .filter(|(l, _)| matches!(l.kind, RowKind::Type(t) if t.group() == group))
        .map(|(_, p)| p.clone())
        .collect()
}

/// The checks of one column.
pub fn column_checks(column: Column, table: &OutcomeTable) -> Result<Vec<Check>, crate::PeelError> {
    let name = column_name(column);
    let printed = printed_column(column)?;
    let mut checks = Vec::new();
    for ((layout, printed_value), row) in FIGURE_4.iter().zip(&printed).zip(table.rows()) {
        if !layout.shows_value {
            continue;
        }
        let item = row_item(layout.number, layout.label);
        if is_input(layout.kind) {
            checks.push(Check::input("Figure 4", item, name, printed_value));
            continue;
        }
        let Some(computed) = row.share.percent(places(printed_value)) else {
            checks.push(Check::not_computable("Figure 4", item, name, printed_value, "share not determined"));
            continue;
        };
        let mut check = Check::compare("Figure 4", item, name, printed_value, computed);
        if let (super::Verdict::NotReproduced, RowKind::Group(g)) = (&check.verdict, layout.kind) {
            let members = members_printed(&printed, g);
            let members: Vec<&str> = members.iter().map(String::as_str).collect();
            check = check.with_note(explain_rounding(&members, printed_value));
        }
        checks.push(check);
    }
    Ok(checks)
}

/// Why no band can be computed here.
pub const NO_ALL_FORCE_DATA: &str = "needs every force's value; the report prints only Wiltshire and England and \
                                     Wales, and no all-force table for the period is in data/raw";

/// Every check of figure 4 and figure 5.
pub fn checks() -> Result<Vec<Check>, crate::PeelError> {
    let wiltshire = table(Column::Force)?;
    let ew = table(Column::EnglandAndWales)?;
    let mut checks = column_checks(Column::Force, &wiltshire)?;
    checks.extend(column_checks(Column::EnglandAndWales, &ew)?);
    let band_item = "Use of evidential difficulties (victim supports police action)";
    checks.push(Check::not_computable(
        "Figure 4 statement",
        format!("{band_item}: band"),
        "Wiltshire Police",
        &report_data().figure("Figure 4", band_item, Column::Force)?.printed,
        NO_ALL_FORCE_DATA,
    ));
    // Figure 5: the group "victim does not support" as computed from its members.
    let group = RowKind::Group(OutcomeGroup::EvidentialDifficultiesVictimDoesNotSupport);
    let item = "Evidential difficulties; victim does not support police action";
    for (column, t) in [(Column::Force, &wiltshire), (Column::EnglandAndWales, &ew)] {
        let printed = report_data().figure("Figure 5", item, column)?.printed.clone();
        if let Some(value) = t.row(group).and_then(|r| r.share.percent(1)) {
            checks.push(Check::compare("Figure 5", format!("{item} (%)"), column_name(column), &printed, value));
        }
    }
    checks.push(Check::not_computable(
        "Figure 5",
        "Wiltshire against every force: band",
        "Wiltshire Police",
        "high",
        NO_ALL_FORCE_DATA,
    ));
    Ok(checks)
}

/// Renders a computed table in the report's layout, beside the printed column.
///
/// # Errors
/// If the embedded figure is missing.
pub fn render_table(column: Column, table: &OutcomeTable) -> crate::Result<String> {
    use std::fmt::Write as _;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\nFigure 4: Proportion of outcomes assigned to offences recorded in {}, 12 months to 30 June 2016",
        column_name(column)
    );
    let _ = writeln!(out, "  (counts per 1,000 offences derived from the report's printed type shares)");
    let _ = writeln!(out, "  {:<8} {:<74} {:>8} {:>8}", "Outcome", "Outcome type / group", "library", "report");
    for ((layout, printed), row) in FIGURE_4.iter().zip(printed_column(column)?).zip(table.rows()) {
        let number = layout.number.map(|n| n.to_string()).unwrap_or_default();
        let label = format!("{}{}", "  ".repeat(usize::from(layout.indent)), layout.label);
        let value = if layout.shows_value { row.share.display(places(&printed).max(1)) } else { String::new() };
        let _ = writeln!(out, "  {number:<8} {label:<74} {value:>8} {printed:>8}");
    }
    for line in table.notes().to_string().lines() {
        let _ = writeln!(out, "  Note: {line}");
    }
    Ok(out)
}
