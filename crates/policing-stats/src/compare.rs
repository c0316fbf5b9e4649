//! England and Wales figures from many units (forces), with exclusions that
//! carry their reason.

use std::collections::HashMap;
use std::fmt;
use std::hash::{Hash, Hasher};

use rust_decimal::Decimal;

use crate::banding::{band, quantiles, Banding, Direction, Observation};
use crate::error::{checked_add, checked_div, non_negative, Result, StatsError};
use crate::rate::Rate;

/// Why a unit is left out of a comparison: "unable to supply data",
/// "outcomes not reliably recorded". A unit that is excluded is left out of
/// both the ranking and the aggregate.
///
/// ```
/// use policing_stats::Exclusion;
/// let e = Exclusion::new("outcomes not reliably recorded")?;
/// assert_eq!(e.reason(), "outcomes not reliably recorded");
/// assert!(Exclusion::new("  ").is_err());
/// # Ok::<(), policing_stats::StatsError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
pub struct Exclusion {
    reason: String,
}

impl Exclusion {
    /// An exclusion with its reason.
    ///
    /// # Errors
    /// [`StatsError::EmptyExclusionReason`] if the reason is empty or blank.
    pub fn new(reason: impl Into<String>) -> Result<Self> {
        let reason = reason.into();
        if reason.trim().is_empty() {
            return Err(StatsError::EmptyExclusionReason { reason });
        }
        Ok(Exclusion { reason })
    }

    /// The reason, as given.
    #[must_use]
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl TryFrom<String> for Exclusion {
    type Error = StatsError;
    fn try_from(reason: String) -> Result<Self> {
        Exclusion::new(reason)
    }
}

impl From<Exclusion> for String {
    fn from(e: Exclusion) -> Self {
        e.reason
    }
}

impl fmt::Display for Exclusion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}

/// What a [`Cohort`] holds for one unit.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub enum Entry {
    /// Counts for the unit: events over a denominator.
    Counts {
        /// The events (may be non-integer for weighted counts).
        numerator: Decimal,
        /// The denominator, positive.
        denominator: Decimal,
    },
    /// The unit is in the comparison but has no value (a dash in the published table).
    Missing,
    /// The unit is left out, with the reason.
    Excluded(Exclusion),
}

/// The units (forces) of one comparison with their counts, and the ones left out.
///
/// This is the one place where a figure for England and Wales comes from:
/// pooled ([`Cohort::pooled`], the sum of numerators over the sum of
/// denominators, used for rates per population and for outcome proportions)
/// or as the mean of the units' rates ([`Cohort::mean_of_rates`], used for
/// victim satisfaction). Excluded and missing units are left out of both, and
/// out of [`Cohort::band`].
///
/// ```
/// use policing_stats::{Cohort, Exclusion, Rate};
/// let mut forces = Cohort::new();
/// forces.include("A", 50, 1_000)?;
/// forces.include("B", 150, 2_000)?;
/// forces.exclude("C", Exclusion::new("unable to supply data")?)?;
/// assert_eq!(forces.pooled(Rate::PER_100)?.rounded(2).to_string(), "6.67");
/// assert_eq!(forces.mean_of_rates(Rate::PER_100)?, rust_decimal::Decimal::new(625, 2));
/// # Ok::<(), policing_stats::StatsError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Cohort<K> {
    units: Vec<(K, Entry)>,
    /// Positions of the units by key hash, so that adding a unit stays O(1).
    #[cfg_attr(feature = "serde", serde(skip))]
    by_hash: HashMap<u64, Vec<usize>>,
}

impl<K> Default for Cohort<K> {
    fn default() -> Self {
        Cohort { units: Vec::new(), by_hash: HashMap::new() }
    }
}

/// A hash that is the same in every process, so that equal cohorts compare equal.
fn key_hash<K: Hash>(key: &K) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    key.hash(&mut h);
    h.finish()
}

impl<K: Eq + Hash + fmt::Debug> Cohort<K> {
    /// An empty cohort.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    fn push(&mut self, key: K, entry: Entry) -> Result<&mut Self> {
        let positions = self.by_hash.entry(key_hash(&key)).or_default();
        if positions.iter().any(|&i| self.units.get(i).is_some_and(|(k, _)| *k == key)) {
            return Err(StatsError::DuplicateUnit { unit: format!("{key:?}") });
        }
        positions.push(self.units.len());
        self.units.push((key, entry));
        Ok(self)
    }

    /// Adds a unit with `numerator` events over `denominator`.
    ///
    /// # Errors
    /// [`StatsError::Negative`] or [`StatsError::DivisionByZero`] for bad counts,
    /// [`StatsError::DuplicateUnit`] if the unit is already in the cohort.
    pub fn include(
        &mut self,
        key: K,
        numerator: impl Into<Decimal>,
        denominator: impl Into<Decimal>,
    ) -> Result<&mut Self> {
        let numerator = non_negative("numerator", numerator.into())?;
        let denominator = non_negative("denominator", denominator.into())?;
        if denominator.is_zero() {
            return Err(StatsError::DivisionByZero { what: "denominator" });
        }
        self.push(key, Entry::Counts { numerator, denominator })
    }

    /// Adds a unit that has no value (it is counted as missing, not silently dropped).
    ///
    /// # Errors
    /// [`StatsError::DuplicateUnit`] if the unit is already in the cohort.
    pub fn missing(&mut self, key: K) -> Result<&mut Self> {
        self.push(key, Entry::Missing)
    }

    /// Adds a unit that is left out, with the reason.
    ///
    /// # Errors
    /// [`StatsError::DuplicateUnit`] if the unit is already in the cohort.
    pub fn exclude(&mut self, key: K, exclusion: Exclusion) -> Result<&mut Self> {
        self.push(key, Entry::Excluded(exclusion))
    }

    /// Every unit with what the cohort holds for it, in the order added.
    pub fn entries(&self) -> impl Iterator<Item = (&K, &Entry)> {
        self.units.iter().map(|(k, e)| (k, e))
    }

    /// The excluded units and their reasons, in the order added.
    pub fn exclusions(&self) -> impl Iterator<Item = (&K, &Exclusion)> {
        self.units.iter().filter_map(|(k, e)| match e {
            Entry::Excluded(x) => Some((k, x)),
            _ => None,
        })
    }

    /// The number of units whose counts are included.
    #[must_use]
    pub fn included_len(&self) -> usize {
        self.counts().count()
    }

    fn counts(&self) -> impl Iterator<Item = (&K, Decimal, Decimal)> {
        self.units.iter().filter_map(|(k, e)| match e {
            Entry::Counts { numerator, denominator } => Some((k, *numerator, *denominator)),
            _ => None,
        })
    }

    /// The rate of one unit, `None` if the unit is absent, missing or excluded.
    ///
    /// # Errors
    /// [`StatsError::NonPositiveBase`] for a bad base.
    pub fn rate(&self, key: &K, base: Decimal) -> Result<Option<Rate>> {
        let found = self
            .by_hash
            .get(&key_hash(key))
            .into_iter()
            .flatten()
            .filter_map(|&i| self.units.get(i))
            .find(|(k, _)| k == key);
        match found {
            Some((_, Entry::Counts { numerator, denominator })) => Rate::new(*numerator, *denominator, base).map(Some),
            _ => Ok(None),
        }
    }

    /// The pooled figure: the sum of the included numerators over the sum of
    /// the included denominators, times `base`.
    ///
    /// # Errors
    /// [`StatsError::NoIncludedUnits`] if nothing is included; errors of [`Rate::new`].
    pub fn pooled(&self, base: Decimal) -> Result<Rate> {
        let mut numerator = Decimal::ZERO;
        let mut denominator = Decimal::ZERO;
        let mut any = false;
        for (_, n, d) in self.counts() {
            numerator = checked_add(numerator, n)?;
            denominator = checked_add(denominator, d)?;
            any = true;
        }
        if !any {
            return Err(StatsError::NoIncludedUnits { what: "pool" });
        }
        Rate::new(numerator, denominator, base)
    }

    /// The mean of the included units' rates (each unit counts once, whatever its size).
    ///
    /// # Errors
    /// [`StatsError::NoIncludedUnits`] if nothing is included; errors of [`Rate::new`].
    pub fn mean_of_rates(&self, base: Decimal) -> Result<Decimal> {
        let mut sum = Decimal::ZERO;
        let mut count = 0u64;
        for (_, n, d) in self.counts() {
            sum = checked_add(sum, Rate::new(n, d, base)?.value())?;
            count += 1;
        }
        if count == 0 {
            return Err(StatsError::NoIncludedUnits { what: "average" });
        }
        checked_div(sum, Decimal::from(count), "number of units")
    }

    fn observations(&self, base: Decimal) -> Result<Vec<(&K, Observation)>> {
        self.units
            .iter()
            .map(|(k, e)| {
                let obs = match e {
                    Entry::Counts { numerator, denominator } => {
                        Observation::Value(Rate::new(*numerator, *denominator, base)?.value())
                    }
                    Entry::Missing => Observation::Missing,
                    Entry::Excluded(x) => Observation::Excluded(x.clone()),
                };
                Ok((k, obs))
            })
            .collect()
    }

    /// Bands the units on their rates with the inspectorate's rule ([`band`]).
    ///
    /// # Errors
    /// [`StatsError::NonPositiveBase`] for a bad base.
    pub fn band(&self, base: Decimal, direction: Direction) -> Result<Banding<&K>> {
        Ok(band(self.observations(base)?, direction))
    }

    /// Places the units in `k` quantiles of their rates with the public-health rule ([`quantiles`]).
    ///
    /// # Errors
    /// [`StatsError::NonPositiveBase`] for a bad base, [`StatsError::InvalidQuantiles`] for `k = 0`.
    pub fn quantiles(&self, base: Decimal, direction: Direction, k: u32) -> Result<Banding<&K>> {
        quantiles(self.observations(base)?, direction, k)
    }
}
