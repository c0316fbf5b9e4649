//! Figure 4 of a PEEL report from data.police.uk counts: each force's crimes by
//! outcome laid out as the report lays them out, at the precision the
//! categories allow, banded among the forces, with the total.

use std::collections::BTreeMap;

use policing_forces::Force;
use policing_outcomes::{
    Coverage, OutcomeComparison, OutcomeCounts, OutcomeTable, OutcomeText, RowKind, Share, FIGURE_4,
};
use policing_stats::comparison::Widening;
use policing_stats::{Band, Direction, Exclusion};

use crate::kernel::Result;

/// Figure 4 for every force in the counts, and their total.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Figure4 {
    /// Each territorial force's table, in the order of the registry.
    pub forces: Vec<(Force, OutcomeTable)>,
    /// The total of the territorial forces in the counts.
    pub total: OutcomeTable,
    /// Whether the total is England and Wales (every one of the 43 territorial
    /// forces is in the counts) or only the total of the forces given.
    pub total_is_england_and_wales: bool,
    /// Each force's band on each row of the layout (`FIGURE_4` order), from the
    /// one comparison (`policing_stats::comparison`): a share known only within a
    /// range is banded only where both ends of its range agree; City of London is
    /// in the total and in no band (`Force::not_ranked`).
    pub bands: Vec<BTreeMap<Force, Band>>,
    /// What the figure leaves out and why (British Transport Police), in words.
    pub notes: Vec<String>,
}

/// One printed row of figure 4 for one unit.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Figure4Row {
    /// The force's name, "England and Wales", or "Total of the forces given".
    pub unit: String,
    /// The Home Office outcome number of a type row.
    pub number: Option<u8>,
    /// The row's label as the report prints it.
    pub label: &'static str,
    /// The row as a share of the crimes recorded: exact, or a range where a
    /// category stands for several outcome types.
    pub share: Share,
    /// The fewest crimes the data allow on the row.
    pub count_at_least: u64,
    /// The most crimes the data allow on the row.
    pub count_at_most: u64,
    /// The force's band on the row, where every force's share is exact.
    pub band: Option<Band>,
}

impl Figure4 {
    /// How the total row is named.
    #[must_use]
    pub fn total_label(&self) -> &'static str {
        if self.total_is_england_and_wales {
            "England and Wales"
        } else {
            "Total of the forces given"
        }
    }

    /// Every force's rows, then the total's, as they are printed.
    #[must_use]
    pub fn rows(&self) -> Vec<Figure4Row> {
        let mut out = Vec::new();
        let mut emit = |unit: &str, table: &OutcomeTable, band_of: &dyn Fn(usize) -> Option<Band>| {
            for (i, row) in table.rows().iter().enumerate() {
                out.push(Figure4Row {
                    unit: unit.to_owned(),
                    number: row.layout.number,
                    label: row.layout.label,
                    share: row.share,
                    count_at_least: row.count.at_least(),
                    count_at_most: row.count.at_most(),
                    band: band_of(i),
                });
            }
        };
        for (force, table) in &self.forces {
            emit(force.name(), table, &|i| self.bands.get(i).and_then(|b| b.get(force)).copied());
        }
        emit(self.total_label(), &self.total, &|_| None);
        out
    }
}

/// Lays counts by force and outcome out as figure 4: each force's crimes held
/// against the outcomes its categories can stand for
/// ([`OutcomeText::outcomes`]), each row exact or a range, every force banded on
/// each row where all shares are exact, and the total of the territorial forces
/// (England and Wales when all 43 are there). British Transport Police, which
/// polices no force area, is left out of the bands and the total, as recorded
/// crime leaves it out of England and Wales; the notes say so.
///
/// ```
/// use policing_data::figure_4;
/// use policing_forces::Force;
/// use policing_outcomes::{Category, OutcomeText};
/// let counts = [
///     (Force::Wiltshire, OutcomeText::Category(Category::Charged), 30),
///     (Force::Wiltshire, OutcomeText::Category(Category::NoFurtherAction), 70),
///     (Force::Dorset, OutcomeText::Category(Category::Charged), 10),
///     (Force::Dorset, OutcomeText::NoOutcome, 90),
/// ];
/// let figure = figure_4(counts.iter().map(|(f, o, n)| (*f, o, *n)))?;
/// assert_eq!(figure.forces.len(), 2);
/// assert_eq!(figure.total_label(), "Total of the forces given");
/// assert_eq!(figure.total.offences(), 200);
/// # Ok::<(), policing_data::DataError>(())
/// ```
///
/// # Errors
/// [`DataError::Outcome`](crate::DataError::Outcome) when the counts overflow or
/// no force is in them.
pub fn figure_4<'a>(counts: impl IntoIterator<Item = (Force, &'a OutcomeText, u64)>) -> Result<Figure4> {
    let mut by_force: BTreeMap<Force, OutcomeCounts> = BTreeMap::new();
    let mut notes = Vec::new();
    let mut btp = 0u64;
    for (force, outcome, n) in counts {
        if force.is_territorial() {
            by_force.entry(force).or_default().add(outcome.outcomes(), n)?;
        } else {
            btp += n;
        }
    }
    let mut comparison = OutcomeComparison::new();
    for force in Force::territorial() {
        if let Some(counts) = by_force.remove(&force) {
            match force.not_ranked() {
                Some(why) => {
                    let reason = Exclusion::new(why).map_err(policing_outcomes::OutcomeError::from)?;
                    comparison.include_pooled_only(force, counts, Coverage::FullYear, reason)?
                }
                None => comparison.include(force, counts, Coverage::FullYear)?,
            };
        }
    }
    let forces_in = comparison.units().count();
    let total_is_england_and_wales = forces_in == Force::territorial().count();
    if btp > 0 {
        let why = "British Transport Police polices no force area: it is not one of the 43 forces compared, nor in \
                   their total";
        let exclusion = Exclusion::new(why).map_err(policing_outcomes::OutcomeError::from)?;
        comparison.exclude(Force::BritishTransportPolice, exclusion)?;
        notes.push(format!("{btp} crimes of British Transport Police left out: {why}"));
    }
    if !total_is_england_and_wales {
        let forces = if forces_in == 1 { "the 1 force".to_owned() } else { format!("the {forces_in} forces") };
        notes.push(format!("the last rows are the total of {forces} given, not England and Wales (all 43 are needed)"));
    }
    let kinds: Vec<RowKind> = FIGURE_4.iter().map(|l| l.kind).collect();
    let mut bands = Vec::with_capacity(kinds.len());
    for kind in kinds {
        let compared = comparison.compare(kind, Direction::HighIsNotable, Widening::default())?;
        bands.push(compared.units().iter().filter_map(|u| Some((*u.key, u.band()?))).collect::<BTreeMap<_, _>>());
    }
    let mut tables = Vec::with_capacity(forces_in);
    for force in Force::territorial() {
        if let Some(table) = comparison.table(&force)? {
            tables.push((force, table));
        }
    }
    let total = comparison.england_and_wales()?;
    Ok(Figure4 { forces: tables, total, total_is_england_and_wales, bands, notes })
}
