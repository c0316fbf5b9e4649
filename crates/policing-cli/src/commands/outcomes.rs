//! `policing outcomes`: figure 4 of a PEEL report from street files.

use std::collections::BTreeMap;

use policing_data::CountBy;
use policing_forces::Force;
use policing_outcomes::{Category, Coverage, OutcomeComparison, OutcomeCounts, OutcomeSet, RowKind, FIGURE_4};
use policing_stats::Direction;

use super::street::StreetInput;
use crate::error::CmdResult;
use crate::output::{note, Format, OutputArgs};

/// `policing outcomes`.
#[derive(Debug, clap::Args)]
pub struct OutcomesArgs {
    #[command(flatten)]
    input: StreetInput,
    #[command(flatten)]
    output: OutputArgs,
}

/// Runs `policing outcomes`.
pub fn run(a: OutcomesArgs) -> CmdResult {
    let result = a.input.count(CountBy::Outcome)?;
    // Each force's counts, held against the outcomes each category can stand for;
    // an empty or unknown category could be anything.
    let mut by_force: BTreeMap<String, OutcomeCounts> = BTreeMap::new();
    for ((force, outcome), n) in &result.counts {
        let set = Category::from_name(outcome).map_or(OutcomeSet::ANY, Category::outcomes);
        by_force.entry(force.clone()).or_default().add(set, *n)?;
    }
    // England and Wales only when every territorial force is in the files; otherwise the total of the files given.
    let territorial: Vec<String> = Force::territorial().map(|f| f.name().to_owned()).collect();
    let all_forces = territorial.iter().all(|f| by_force.contains_key(f));
    let total_label = if all_forces { "England and Wales" } else { "Total of the files given" };
    if !all_forces {
        note(format!(
            "the last rows are the total of the files given ({} of the 43 forces), not England and Wales",
            by_force.keys().filter(|f| territorial.contains(f)).count()
        ));
    }
    let mut comparison = OutcomeComparison::new();
    for (force, counts) in by_force {
        comparison.include(force, counts, Coverage::FullYear)?;
    }
    let kinds: Vec<RowKind> = FIGURE_4.iter().map(|l| l.kind).collect();
    let bands: Vec<_> =
        kinds.iter().map(|k| comparison.band(*k, Direction::HighIsNotable)).collect::<Result<_, _>>()?;
    let format = a.output.format_or(Format::Csv);
    let mut rows = Vec::new();
    let mut emit = |unit: &str, table: &policing_outcomes::OutcomeTable, band_of: &dyn Fn(usize) -> String| {
        for (i, row) in table.rows().iter().enumerate() {
            let l = row.layout;
            rows.push(vec![
                unit.to_owned(),
                l.number.map(|n| n.to_string()).unwrap_or_default(),
                l.label.to_owned(),
                row.share.display(1),
                row.count.at_least().to_string(),
                row.count.at_most().to_string(),
                band_of(i),
            ]);
        }
    };
    for (force, _) in comparison.units() {
        if let Some(table) = comparison.table(force)? {
            let band_of = |i: usize| {
                bands
                    .get(i)
                    .and_then(|b| b.get(&force))
                    .and_then(|u| u.band())
                    .map(|b| b.words().to_owned())
                    .unwrap_or_default()
            };
            emit(force, &table, &band_of);
        }
    }
    let total = comparison.england_and_wales()?;
    emit(total_label, &total, &|_| String::new());
    a.output.table(format, &["force", "number", "row", "share", "count_at_least", "count_at_most", "band"], &rows)?;
    note(
        "shares are percentages of crimes recorded; a range (lo–hi) where a data.police.uk category stands for several \
         outcome types; bands only where every force's share is exact",
    );
    Ok(())
}
