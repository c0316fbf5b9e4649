//! Recorded crime and anti-social behaviour: figures 1 to 3 and the changes the
//! text quotes.
//!
//! The report prints rates, not counts, and no Home Office recorded crime table
//! for the period is in `data/raw`. So each rate is checked by deriving
//! the count from the printed rate and the ONS mid-2015 population (computed by
//! `policing-forces` from the ONS files) and recomputing the rate: a round trip
//! that confirms the denominator, not the figure. Changes between periods need
//! the earlier counts, which are not printed.

use crate::Column;
use policing_forces::{Force, ForceError, Population};
use policing_stats::{Published, Rate};
use rust_decimal::Decimal;

use super::{column_name, report_data, round_trip, Check};

/// The population a column's rates are per: Wiltshire's, or England and Wales's
/// residents (the report's England and Wales denominator also counts City of
/// London's transient population, which no source here gives).
pub fn population(column: Column) -> Result<u64, ForceError> {
    let p = Population::mid_2015();
    match column {
        Column::Force => p.peel_denominator(Force::Wiltshire),
        Column::EnglandAndWales => Ok(p.england_and_wales()),
    }
}

/// The whole count nearest to `printed` x `denominator` / `base`.
pub fn count_from_rate(printed: &Published, denominator: u64, base: Decimal) -> u64 {
    let count = (printed.value() * Decimal::from(denominator) / base).round();
    u64::try_from(count).unwrap_or(0)
}

/// Checks a printed rate by the round trip: count derived from it, rate recomputed.
pub fn rate_check(
    figure: &'static str,
    item: &str,
    column: Column,
    base: Decimal,
    denominator: u64,
    what: &str,
) -> Result<(Check, u64), crate::PeelError> {
    let f = report_data().figure(figure, item, column)?.clone();
    let printed = f.value()?;
    let count = count_from_rate(&printed, denominator, base);
    let rate = Rate::new(count, denominator, base)?;
    let mut note = format!("{count} {what} derived from the printed rate over {denominator}");
    if column == Column::EnglandAndWales {
        note.push_str(" (residents; the report adds City of London's transient population)");
    }
    Ok((round_trip(figure, item, column_name(column), &f.printed, rate.rounded(printed.places()), &note), count))
}

const NOT_PRINTED: &str = "needs recorded crime counts for the earlier period, which the report does not print; \
                           no Home Office recorded crime table for these periods is in data/raw";

/// Every check of recorded crime and anti-social behaviour.
pub fn checks() -> Result<Vec<Check>, crate::PeelError> {
    let r = report_data();
    let mut checks = vec![Check::not_computable(
        "Force in numbers",
        "Calls for assistance, crime, outcomes and other headline figures",
        "Wiltshire Police",
        "graphic",
        "the graphic's values are not in the report text (only its footnote and annex A are)",
    )];
    checks.push(Check::not_computable(
        "Figure 1",
        "Recorded crime rates per 1,000 population, five years to 30 June 2016",
        "Wiltshire Police",
        "chart",
        "the chart's values are not in the report text",
    ));
    for f in r.figures.iter().filter(|f| f.figure == "Recorded crime") {
        checks.push(Check::not_computable(
            "Recorded crime",
            f.item.clone(),
            column_name(f.column),
            &f.printed,
            NOT_PRINTED,
        ));
    }
    for column in [Column::Force, Column::EnglandAndWales] {
        let pop = population(column)?;
        for item in ["Recorded crime (excluding fraud)", "Victim-based crime", "Sexual offences", "Assault with injury"]
        {
            checks.push(rate_check("Figure 2", item, column, Rate::PER_1_000, pop, "crimes")?.0);
        }
        let burglary = r.figure("Figure 2", "Burglary in a dwelling", column)?;
        let why = "needs the domestic burglary count and households, which the report does not print".to_owned();
        checks.push(Check::not_computable(
            "Figure 2",
            "Burglary in a dwelling (per 1,000 households)",
            column_name(column),
            &burglary.printed,
            &why,
        ));
    }
    checks.push(
        rate_check(
            "Figure 3",
            "Anti-social behaviour incidents",
            Column::Force,
            Rate::PER_1_000,
            population(Column::Force)?,
            "incidents",
        )?
        .0,
    );
    for column in [Column::Force, Column::EnglandAndWales] {
        let f = r.figure("Figure 3", "Change in the anti-social behaviour rate", column)?;
        checks.push(Check::not_computable(
            "Figure 3",
            f.item.clone(),
            column_name(column),
            &f.printed,
            "needs the 12 months to 31 March 2015 rate, which the report does not print",
        ));
    }
    Ok(checks)
}
