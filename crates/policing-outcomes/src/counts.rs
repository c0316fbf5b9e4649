//! Outcome counts: how many crimes have each outcome, mergeable across months and forces.

use std::collections::BTreeMap;

use crate::error::{OutcomeError, Result};
use crate::outcome::{Outcome, OutcomeSet};

/// Counts of crimes by outcome, plus "not yet assigned".
///
/// Each count is held against the [`OutcomeSet`] it is known to stand for: a
/// single type for Home Office data, possibly several types for a data.police.uk
/// category. Counts merge (per-month into a year, per-force into England and
/// Wales); merging is associative and commutative.
///
/// ```
/// use policing_outcomes::{Outcome, OutcomeCounts, OutcomeSet, OutcomeType};
/// let mut april = OutcomeCounts::new();
/// april.add(OutcomeType::ChargedSummonsed, 120)?;
/// april.add(Outcome::NotYetAssigned, 30)?;
/// let mut may = OutcomeCounts::new();
/// may.add(OutcomeType::ChargedSummonsed, 80)?;
/// may.add(OutcomeSet::of([OutcomeType::CautionYouths, OutcomeType::CautionAdults]), 10)?;
/// april.merge(&may)?;
/// assert_eq!(april.total(), 240);
/// assert_eq!(april.tally(OutcomeType::ChargedSummonsed.into()).exact(), Some(200));
/// // The cautions are known only as "2 or 3": adults alone is between 0 and 10.
/// let adults = april.tally(OutcomeType::CautionAdults.into());
/// assert_eq!((adults.at_least(), adults.at_most()), (0, 10));
/// # Ok::<(), policing_outcomes::OutcomeError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "Vec<HeldCount>", into = "Vec<HeldCount>"))]
pub struct OutcomeCounts {
    by_set: BTreeMap<OutcomeSet, u64>,
}

/// What the counts say about one set of outcomes: between `at_least` and `at_most` crimes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Tally {
    at_least: u64,
    at_most: u64,
}

impl Tally {
    /// Crimes known to have an outcome in the set.
    #[must_use]
    pub fn at_least(self) -> u64 {
        self.at_least
    }

    /// Crimes that may have an outcome in the set (the known ones plus those
    /// whose category could be in the set or outside it).
    #[must_use]
    pub fn at_most(self) -> u64 {
        self.at_most
    }

    /// The count, if the data determine it.
    #[must_use]
    pub fn exact(self) -> Option<u64> {
        (self.at_least == self.at_most).then_some(self.at_least)
    }
}

impl OutcomeCounts {
    /// No crimes.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `count` crimes whose outcome is known to lie in `outcomes`.
    ///
    /// # Errors
    /// [`OutcomeError::EmptyOutcomeSet`] for an empty set; [`OutcomeError::CountOverflow`].
    pub fn add(&mut self, outcomes: impl Into<OutcomeSet>, count: u64) -> Result<&mut Self> {
        let set = outcomes.into();
        if set.is_empty() {
            return Err(OutcomeError::EmptyOutcomeSet { count });
        }
        if count == 0 {
            return Ok(self);
        }
        let slot = self.by_set.entry(set).or_insert(0);
        *slot = slot.checked_add(count).ok_or(OutcomeError::CountOverflow { existing: *slot, added: count })?;
        Ok(self)
    }

    /// Adds every count of `other`.
    ///
    /// # Errors
    /// [`OutcomeError::CountOverflow`].
    pub fn merge(&mut self, other: &OutcomeCounts) -> Result<&mut Self> {
        for (set, count) in &other.by_set {
            self.add(*set, *count)?;
        }
        Ok(self)
    }

    /// Every crime counted, whatever its outcome.
    #[must_use]
    pub fn total(&self) -> u64 {
        self.by_set.values().fold(0u64, |a, b| a.saturating_add(*b))
    }

    /// Crimes not yet assigned an outcome (known to be; see [`OutcomeCounts::tally`] for bounds).
    #[must_use]
    pub fn not_yet_assigned(&self) -> u64 {
        self.by_set.get(&OutcomeSet::single(Outcome::NotYetAssigned)).copied().unwrap_or(0)
    }

    /// What the counts say about `set`: counts held against subsets of `set` are in
    /// it; counts held against sets that overlap `set` without lying inside it may be.
    #[must_use]
    pub fn tally(&self, set: OutcomeSet) -> Tally {
        let mut at_least = 0u64;
        let mut at_most = 0u64;
        for (held, count) in &self.by_set {
            if held.is_subset(set) {
                at_least = at_least.saturating_add(*count);
                at_most = at_most.saturating_add(*count);
            } else if held.intersects(set) {
                at_most = at_most.saturating_add(*count);
            }
        }
        Tally { at_least, at_most }
    }

    /// The counts as held, by set.
    pub fn iter(&self) -> impl Iterator<Item = (OutcomeSet, u64)> + '_ {
        self.by_set.iter().map(|(s, c)| (*s, *c))
    }

    /// Whether every count is held against a single outcome (Home Office precision).
    #[must_use]
    pub fn is_exact(&self) -> bool {
        self.by_set.keys().all(|s| s.len() == 1)
    }
}

/// The serialized form of one count of [`OutcomeCounts`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct HeldCount {
    outcomes: OutcomeSet,
    count: u64,
}

#[cfg(feature = "serde")]
impl From<OutcomeCounts> for Vec<HeldCount> {
    fn from(c: OutcomeCounts) -> Self {
        c.by_set.into_iter().map(|(outcomes, count)| HeldCount { outcomes, count }).collect()
    }
}

#[cfg(feature = "serde")]
impl TryFrom<Vec<HeldCount>> for OutcomeCounts {
    type Error = OutcomeError;
    fn try_from(held: Vec<HeldCount>) -> Result<Self> {
        let mut counts = OutcomeCounts::new();
        for h in held {
            counts.add(h.outcomes, h.count)?;
        }
        Ok(counts)
    }
}
