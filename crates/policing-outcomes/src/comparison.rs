//! Many forces' outcome counts side by side: each force's table, the England
//! and Wales table (pooled counts of the included forces), and the banding of
//! each row across forces.

use std::fmt;

use policing_stats::comparison::{compare, Comparison as Compared, Method, Units, Widening};
use policing_stats::{Direction, Exclusion, Proportion, Rate, Statistic, StatsError};
use rust_decimal::Decimal;

use crate::counts::OutcomeCounts;
use crate::error::Result;
use crate::table::{Coverage, DomesticAbuseCounts, DomesticAbuseOutcomeRates, OutcomeTable, RowKind, TableNotes};

/// Counts that lay out as a table and merge across units.
pub trait Tabulate: Clone + Default {
    /// The table the counts lay out as.
    type Table;

    /// Adds `other`'s counts.
    ///
    /// # Errors
    /// On count overflow.
    fn merge_from(&mut self, other: &Self) -> Result<()>;

    /// Lays the counts out as the table, with `notes` travelling with it.
    ///
    /// # Errors
    /// When there is nothing to lay out.
    fn tabulate(&self, notes: TableNotes) -> Result<Self::Table>;

    /// The unrounded value of a row (a percentage, or a rate per 100), if the data
    /// determine it exactly.
    ///
    /// # Errors
    /// When there is nothing to divide by.
    fn row_value(&self, kind: RowKind) -> Result<Option<Decimal>>;

    /// A row's count, as the fewest and most crimes the data allow, and what it
    /// is divided by: what forces are compared on. `None` when there is nothing
    /// to divide by.
    fn row_counts(&self, kind: RowKind) -> Option<(u64, u64, u64)>;

    /// The statistic a row is: a share of the crimes (a proportion), or a rate per 100.
    fn statistic() -> Statistic;
}

impl Tabulate for OutcomeCounts {
    type Table = OutcomeTable;

    fn merge_from(&mut self, other: &Self) -> Result<()> {
        self.merge(other).map(|_| ())
    }

    fn tabulate(&self, notes: TableNotes) -> Result<OutcomeTable> {
        OutcomeTable::figure_4(self, notes)
    }

    fn row_value(&self, kind: RowKind) -> Result<Option<Decimal>> {
        let total = self.total();
        match self.tally(kind.set()).exact() {
            Some(c) => Ok(Some(Proportion::new(c, total)?.percent())),
            None => Ok(None),
        }
    }

    fn row_counts(&self, kind: RowKind) -> Option<(u64, u64, u64)> {
        let t = self.tally(kind.set());
        (self.total() > 0).then(|| (t.at_least(), t.at_most(), self.total()))
    }

    fn statistic() -> Statistic {
        Statistic::Proportion
    }
}

impl Tabulate for DomesticAbuseCounts {
    type Table = DomesticAbuseOutcomeRates;

    fn merge_from(&mut self, other: &Self) -> Result<()> {
        self.merge(other).map(|_| ())
    }

    fn tabulate(&self, notes: TableNotes) -> Result<DomesticAbuseOutcomeRates> {
        DomesticAbuseOutcomeRates::figure_8(self, notes)
    }

    fn row_value(&self, kind: RowKind) -> Result<Option<Decimal>> {
        match self.outcomes_recorded.tally(kind.set()).exact() {
            Some(c) => Ok(Some(Rate::new(c, self.offences_recorded, Rate::PER_100)?.value())),
            None => Ok(None),
        }
    }

    fn row_counts(&self, kind: RowKind) -> Option<(u64, u64, u64)> {
        let t = self.outcomes_recorded.tally(kind.set());
        (self.offences_recorded > 0).then(|| (t.at_least(), t.at_most(), self.offences_recorded))
    }

    fn statistic() -> Statistic {
        Statistic::Rate
    }
}

/// What a comparison holds for one unit.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub enum UnitData<C> {
    /// The unit's counts and how much of the period they cover.
    Included {
        /// The counts.
        counts: C,
        /// The period covered.
        coverage: Coverage,
    },
    /// The unit's counts go into the England and Wales table, while the unit is
    /// not compared with the others, for the reason given.
    PooledOnly {
        /// The counts.
        counts: C,
        /// The period covered.
        coverage: Coverage,
        /// Why it is not compared.
        reason: Exclusion,
    },
    /// The unit supplied nothing.
    Missing,
    /// The unit is left out, with the reason.
    Excluded(Exclusion),
}

/// Units' counts side by side. Excluded and missing units are left out of the
/// England and Wales table and of every banding, and are named in the notes
/// that travel with each table.
///
/// ```
/// use policing_outcomes::{Coverage, OutcomeComparison, OutcomeCounts, OutcomeType, Outcome, RowKind};
/// use policing_stats::{comparison::Widening, Direction, Exclusion};
///
/// let force = |charged: u64, rest: u64| -> Result<OutcomeCounts, policing_outcomes::OutcomeError> {
///     let mut c = OutcomeCounts::new();
///     c.add(OutcomeType::ChargedSummonsed, charged)?;
///     c.add(Outcome::NotYetAssigned, rest)?;
///     Ok(c)
/// };
/// let mut forces = OutcomeComparison::new();
/// forces.include("A", force(10, 90)?, Coverage::FullYear)?;
/// forces.include("B", force(30, 70)?, Coverage::quarters(3)?)?;
/// forces.exclude("C", Exclusion::new("outcomes not reliably recorded")?)?;
/// let ew = forces.england_and_wales()?;
/// assert_eq!(ew.row(RowKind::Type(OutcomeType::ChargedSummonsed)).unwrap().share.percent(1).unwrap().to_string(), "20.0");
/// assert_eq!(ew.notes().excluded.len(), 1);
/// let compared = forces.compare(RowKind::Type(OutcomeType::ChargedSummonsed), Direction::HighIsNotable, Widening::default())?;
/// assert_eq!(compared.of(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Comparison<K, C> {
    units: Vec<(K, UnitData<C>)>,
}

/// Figure 4 comparisons: outcomes assigned to offences recorded.
pub type OutcomeComparison<K> = Comparison<K, OutcomeCounts>;
/// Figure 8 comparisons: domestic abuse outcomes per domestic abuse offence.
pub type DomesticAbuseComparison<K> = Comparison<K, DomesticAbuseCounts>;

impl<K, C> Default for Comparison<K, C> {
    fn default() -> Self {
        Comparison { units: Vec::new() }
    }
}

impl<K: PartialEq + fmt::Display, C: Tabulate> Comparison<K, C> {
    /// No units.
    #[must_use]
    pub fn new() -> Self {
        Comparison { units: Vec::new() }
    }

    fn push(&mut self, key: K, data: UnitData<C>) -> Result<&mut Self> {
        if self.units.iter().any(|(k, _)| *k == key) {
            return Err(StatsError::DuplicateUnit { unit: key.to_string() }.into());
        }
        self.units.push((key, data));
        Ok(self)
    }

    /// Adds a unit's counts covering `coverage` of the period.
    ///
    /// # Errors
    /// A duplicate unit.
    pub fn include(&mut self, key: K, counts: C, coverage: Coverage) -> Result<&mut Self> {
        self.push(key, UnitData::Included { counts, coverage })
    }

    /// Adds a unit whose counts go into the England and Wales table but which is
    /// not compared with the others (City of London: see `policing_forces::Force::not_ranked`).
    ///
    /// # Errors
    /// A duplicate unit.
    pub fn include_pooled_only(
        &mut self,
        key: K,
        counts: C,
        coverage: Coverage,
        reason: Exclusion,
    ) -> Result<&mut Self> {
        self.push(key, UnitData::PooledOnly { counts, coverage, reason })
    }

    /// Adds a unit that supplied nothing.
    ///
    /// # Errors
    /// A duplicate unit.
    pub fn missing(&mut self, key: K) -> Result<&mut Self> {
        self.push(key, UnitData::Missing)
    }

    /// Adds a unit that is left out, with the reason.
    ///
    /// # Errors
    /// A duplicate unit.
    pub fn exclude(&mut self, key: K, exclusion: Exclusion) -> Result<&mut Self> {
        self.push(key, UnitData::Excluded(exclusion))
    }

    /// Every unit and what is held for it, in the order added.
    pub fn units(&self) -> impl Iterator<Item = (&K, &UnitData<C>)> {
        self.units.iter().map(|(k, d)| (k, d))
    }

    fn notes(&self) -> TableNotes {
        let mut notes = TableNotes::default();
        for (key, data) in &self.units {
            match data {
                UnitData::Included { coverage: Coverage::FullYear, .. }
                | UnitData::PooledOnly { coverage: Coverage::FullYear, .. } => {}
                UnitData::Included { coverage, .. } | UnitData::PooledOnly { coverage, .. } => {
                    notes.partial.push((key.to_string(), *coverage));
                }
                UnitData::Missing => notes.missing.push(key.to_string()),
                UnitData::Excluded(x) => notes.excluded.push((key.to_string(), x.clone())),
            }
        }
        notes
    }

    /// One unit's table (with its own coverage noted), or `None` if the unit is not included.
    ///
    /// # Errors
    /// When the unit's counts cannot be laid out.
    pub fn table(&self, key: &K) -> Result<Option<C::Table>> {
        for (k, data) in &self.units {
            if let (true, UnitData::Included { counts, coverage } | UnitData::PooledOnly { counts, coverage, .. }) =
                (k == key, data)
            {
                let mut notes = TableNotes::default();
                if *coverage != Coverage::FullYear {
                    notes.partial.push((k.to_string(), *coverage));
                }
                return counts.tabulate(notes).map(Some);
            }
        }
        Ok(None)
    }

    /// The pooled counts of every included unit.
    ///
    /// # Errors
    /// On count overflow.
    pub fn pooled(&self) -> Result<C> {
        let mut pooled = C::default();
        for (_, data) in &self.units {
            if let UnitData::Included { counts, .. } | UnitData::PooledOnly { counts, .. } = data {
                pooled.merge_from(counts)?;
            }
        }
        Ok(pooled)
    }

    /// The England and Wales table: the included units' counts pooled, with the
    /// exclusions, partial years and missing units as notes.
    ///
    /// # Errors
    /// When nothing is included.
    pub fn england_and_wales(&self) -> Result<C::Table> {
        self.pooled()?.tabulate(self.notes())
    }

    /// Compares the included units on one row with the one comparison
    /// (`policing_stats::comparison`): each unit's share (or rate per 100) of its
    /// own crimes against England and Wales's, ranked, banded and tested. A row
    /// the data give only within a range is compared as a range (a range of
    /// ranks; a band and a significance only where both ends agree). Missing and
    /// excluded units are not compared.
    ///
    /// # Errors
    /// When a unit's counts cannot be compared (a share above 100%).
    pub fn compare(&self, kind: RowKind, direction: Direction, widening: Widening) -> Result<Compared<&K>>
    where
        K: Eq + std::hash::Hash + fmt::Debug,
    {
        let mut units = Units::new();
        for (k, data) in &self.units {
            match data {
                UnitData::Included { counts, .. } => match counts.row_counts(kind) {
                    Some((lo, hi, n)) if lo == hi => units.counts(k, lo, n)?,
                    Some((lo, hi, n)) => units.count_range(k, lo, hi, n)?,
                    None => units.missing(k)?,
                },
                UnitData::PooledOnly { counts, reason, .. } => match counts.row_counts(kind) {
                    Some((lo, hi, n)) => units.pooled_only_range(k, lo, hi, n, reason.clone())?,
                    None => units.exclude(k, reason.clone())?,
                },
                UnitData::Missing => units.missing(k)?,
                UnitData::Excluded(x) => units.exclude(k, x.clone())?,
            };
        }
        let method = Method::for_statistic(C::statistic(), Rate::PER_100)?.direction(direction).widening(widening)?;
        Ok(compare(units, &method)?)
    }
}
