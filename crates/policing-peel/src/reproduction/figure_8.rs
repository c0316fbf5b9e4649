//! Figure 8: rate of outcomes recorded in the 12 months to 30 June 2016 for
//! domestic abuse offences, per 100 domestic abuse offences recorded in the same
//! period, Wiltshire and England and Wales; and the report's statements on it.
//!
//! Inputs: the printed rates (embedded in `policing-peel`), turned into outcomes
//! per 1,000 domestic abuse offences recorded (20.4 per 100 is 204 per 1,000):
//! derived counts, said so. The rows are all inputs; what is computed are the
//! statements comparing Wiltshire with England and Wales, and the rows' sum,
//! which need not be 100.

use crate::Column;
use policing_outcomes::{
    DomesticAbuseCounts, DomesticAbuseOutcomeRates, OutcomeGroup, OutcomeType, RowKind, TableNotes, FIGURE_8,
};
use policing_stats::{round_half_away, Exclusion};
use rust_decimal::Decimal;

use super::figure_4::{derived_count, NO_ALL_FORCE_DATA};
use super::{column_name, report_data, Check, Verdict};

/// The printed rates of a column, in [`FIGURE_8`] order.
pub fn printed_column(column: Column) -> Result<Vec<String>, crate::PeelError> {
    let r = report_data();
    FIGURE_8.iter().map(|l| Ok(r.figure("Figure 8", l.label, column)?.printed.clone())).collect()
}

/// The domestic abuse counts per 1,000 offences derived from a printed column.
pub fn derived_counts(column: Column) -> Result<DomesticAbuseCounts, crate::PeelError> {
    let mut counts = DomesticAbuseCounts { offences_recorded: 1_000, ..Default::default() };
    for (layout, printed) in FIGURE_8.iter().zip(printed_column(column)?) {
        counts.outcomes_recorded.add(layout.kind.set(), derived_count(&printed, Decimal::TEN)?)?;
    }
    Ok(counts)
}

/// The notes that travel with a column (annex A, figure 8).
pub fn notes(column: Column) -> Result<TableNotes, policing_stats::StatsError> {
    Ok(match column {
        Column::Force => TableNotes::default(),
        Column::EnglandAndWales => TableNotes {
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
        },
    })
}

/// The computed rates of a column.
pub fn rates(column: Column) -> Result<DomesticAbuseOutcomeRates, crate::PeelError> {
    Ok(DomesticAbuseOutcomeRates::figure_8(&derived_counts(column)?, notes(column)?)?)
}

fn value(rates: &DomesticAbuseOutcomeRates, kind: RowKind) -> Option<Decimal> {
    rates.row(kind).map(|r| r.rate.value())
}

/// Every check of figure 8 and its statements.
pub fn checks() -> Result<Vec<Check>, crate::PeelError> {
    let w = rates(Column::Force)?;
    let ew = rates(Column::EnglandAndWales)?;
    let mut checks = Vec::new();
    for (column, r) in [(Column::Force, &w), (Column::EnglandAndWales, &ew)] {
        for ((layout, printed), row) in FIGURE_8.iter().zip(printed_column(column)?).zip(r.rows()) {
            let mut check = Check::input("Figure 8", layout.label, column_name(column), &printed);
            check.computed = Some(row.rate.rounded(1).to_string());
            checks.push(check);
        }
        let sum: Decimal = r.rows().iter().map(|row| row.rate.value()).sum();
        checks.push(
            Check::input("Figure 8", "Sum of the rows (need not be 100)", column_name(column), "-")
                .with_note(format!("rows sum to {} per 100 offences", round_half_away(sum, 1))),
        );
    }
    let statement = |item: &str, holds: bool| {
        let mut c = Check::input("Figure 8 statements", item, "Wiltshire Police", "true");
        c.computed = Some(if holds { "true" } else { "false" }.to_owned());
        c.verdict = if holds { Verdict::Reproduced } else { Verdict::NotReproduced };
        c
    };
    for (kind, words) in [
        (RowKind::Type(OutcomeType::EvidentialDifficultiesVictimSupports), "victim supports"),
        (RowKind::Group(OutcomeGroup::EvidentialDifficultiesVictimDoesNotSupport), "victim does not support"),
    ] {
        let higher = value(&w, kind).zip(value(&ew, kind)).is_some_and(|(a, b)| a > b);
        checks.push(statement(&format!("Evidential difficulties ({words}) higher than England and Wales"), higher));
    }
    let charged = RowKind::Type(OutcomeType::ChargedSummonsed);
    let lower = value(&w, charged).zip(value(&ew, charged)).is_some_and(|(a, b)| a < b);
    checks.push(statement("Charged/summonsed less often than England and Wales", lower));
    let item = "Use of outcomes for domestic abuse flagged offences";
    checks.push(Check::not_computable(
        "Figure 8 statements",
        format!("{item}: band"),
        "Wiltshire Police",
        &report_data().figure("Figure 8", item, Column::Force)?.printed,
        NO_ALL_FORCE_DATA,
    ));
    Ok(checks)
}
