//! Figure 8: rate of outcomes recorded in the 12 months to 30 June 2016 for
//! domestic abuse offences, per 100 domestic abuse offences recorded in the same
//! period, Wiltshire and England and Wales; and the report's statements on it.
//!
//! Inputs: the printed rates, turned into outcomes per 1,000 domestic abuse
//! offences recorded (20.4 per 100 is 204 per 1,000): derived counts, said so.
//! The rows are all inputs; what is computed are the statements comparing
//! Wiltshire with England and Wales, and the fact that the rows need not sum to 100.

use policing::outcomes::{DomesticAbuseCounts, DomesticAbuseOutcomeRates, OutcomeSet, RowKind, TableNotes, FIGURE_8};
use policing::stats::{round_half_away, Exclusion};
use rust_decimal::Decimal;

use super::figure_4::derived_count;
use super::{Check, Verdict};

/// One column of figure 8 as printed, in [`FIGURE_8`] row order.
pub struct Column {
    /// The column heading.
    pub name: &'static str,
    /// The printed rates per 100 domestic abuse offences.
    pub printed: [&'static str; 6],
}

/// Wiltshire Police, as printed.
pub const WILTSHIRE: Column =
    Column { name: "Wiltshire Police", printed: ["20.4", "4.7", "0.5", "0.4", "31.4", "47.2"] };
/// England and Wales (Dorset and Nottinghamshire excluded), as printed.
pub const ENGLAND_AND_WALES: Column =
    Column { name: "England and Wales", printed: ["23.2", "5.6", "0.3", "1.4", "24.1", "35.4"] };

/// The domestic abuse counts per 1,000 offences derived from a printed column.
pub fn derived_counts(column: &Column) -> Result<DomesticAbuseCounts, Box<dyn std::error::Error>> {
    let mut counts = DomesticAbuseCounts { offences_recorded: 1_000, ..Default::default() };
    for (layout, printed) in FIGURE_8.iter().zip(column.printed) {
        let set: OutcomeSet = layout.kind.set();
        counts.outcomes_recorded.add(set, derived_count(printed, Decimal::TEN)?)?;
    }
    Ok(counts)
}

/// The notes that travel with England and Wales's column (annex A, figure 8).
pub fn england_and_wales_notes() -> Result<TableNotes, policing::stats::StatsError> {
    Ok(TableNotes {
        excluded: vec![
            (
                "Dorset Police".to_owned(),
                Exclusion::new("crime outcomes not reliably recorded (Niche records system)")?,
            ),
            (
                "Nottinghamshire Police".to_owned(),
                Exclusion::new(
                    "domestic abuse outcomes not reliably recorded after a change of crime recording system",
                )?,
            ),
        ],
        partial: vec![],
        missing: vec![],
    })
}

/// The computed rates of a column.
pub fn rates(column: &Column, notes: TableNotes) -> Result<DomesticAbuseOutcomeRates, Box<dyn std::error::Error>> {
    Ok(DomesticAbuseOutcomeRates::figure_8(&derived_counts(column)?, notes)?)
}

fn value(rates: &DomesticAbuseOutcomeRates, kind: RowKind) -> Option<Decimal> {
    rates.row(kind).map(|r| r.rate.value())
}

/// Every check of figure 8 and its statements.
pub fn checks() -> Result<Vec<Check>, Box<dyn std::error::Error>> {
    let w = rates(&WILTSHIRE, TableNotes::default())?;
    let ew = rates(&ENGLAND_AND_WALES, england_and_wales_notes()?)?;
    let mut checks = Vec::new();
    for (column, r) in [(&WILTSHIRE, &w), (&ENGLAND_AND_WALES, &ew)] {
        for ((layout, printed), row) in FIGURE_8.iter().zip(column.printed).zip(r.rows()) {
            let mut check = Check::input("Figure 8", layout.label, column.name, printed);
            check.computed = Some(row.rate.rounded(1).to_string());
            checks.push(check);
        }
        let sum: Decimal = r.rows().iter().map(|row| row.rate.value()).sum();
        checks.push(
            Check::input("Figure 8", "Sum of the rows (need not be 100)", column.name, "-")
                .with_note(format!("rows sum to {} per 100 offences", round_half_away(sum, 1))),
        );
    }
    // Statements computed by comparing the two columns.
    let statement = |item: &str, holds: bool, published: &str| {
        let mut c = Check::input("Figure 8 statements", item, "Wiltshire Police", published);
        c.computed = Some(if holds { "true" } else { "false" }.to_owned());
        c.verdict = if holds { Verdict::Reproduced } else { Verdict::NotReproduced };
        c
    };
    let rows = [
        (RowKind::Type(policing::outcomes::OutcomeType::EvidentialDifficultiesVictimSupports), "victim supports"),
        (
            RowKind::Group(policing::outcomes::OutcomeGroup::EvidentialDifficultiesVictimDoesNotSupport),
            "victim does not support",
        ),
    ];
    for (kind, words) in rows {
        let higher = value(&w, kind).zip(value(&ew, kind)).is_some_and(|(a, b)| a > b);
        checks.push(statement(
            &format!("Evidential difficulties ({words}) higher than England and Wales"),
            higher,
            "true",
        ));
    }
    let charged = RowKind::Type(policing::outcomes::OutcomeType::ChargedSummonsed);
    let lower = value(&w, charged).zip(value(&ew, charged)).is_some_and(|(a, b)| a < b);
    checks.push(statement("Charged/summonsed less often than England and Wales", lower, "true"));
    checks.push(Check::not_computable(
        "Figure 8 statements",
        "Use of outcomes for domestic abuse offences: band",
        "Wiltshire Police",
        "in line",
        "needs every force's rates; the report prints only Wiltshire and England and Wales",
    ));
    Ok(checks)
}
