//! The one comparison of units on a measure: "how does each force compare with
//! England and Wales and with the other forces?"
//!
//! Every table, profile, figure and command that compares units calls
//! [`compare`]; none of them ranks, bands, tests or draws limits itself. What
//! goes in: [`Units`] (each with counts over a denominator, a range of counts, a
//! bare value to rank, counts that go into the pooled value only, or nothing
//! with the reason) and a [`Method`] (the statistic and its multiplier, the
//! direction, the allowance for overdispersion, the ranking rule). What comes
//! out, a [`Comparison`]: per unit its value, rank and "of", band, significance,
//! **the interval that matches the significance** and the chance-alone interval,
//! with notes; for the whole the pooled (England and Wales) value, the
//! overdispersion estimate, how many tests were made and how many flags chance
//! alone would give, and the funnel's limit lines at any denominator.
//!
//! # The method (`docs/reference/statistics.md` sections 2-8)
//!
//! 1. **Pooled value**: the sum of the numerators over the sum of the
//!    denominators of every unit with counts, including those counted in the
//!    pool but not compared ([`Units::pooled_only`]: City of London's crimes are
//!    in England and Wales's, its rate is not comparable).
//! 2. **Chance alone** (sections 2-4): a rate's 95% and 99.8% intervals are
//!    Byar's from 10 events and exact Poisson below (as PHEindicatormethods'
//!    `phe_rate`); a proportion's are Wilson's. A unit is significant at a level
//!    when the pooled value lies outside its interval at that level (for
//!    proportions this is exactly the test against section 3's Wilson-based
//!    funnel limits). Where Byar's approximation and the exact Poisson test
//!    disagree about the pooled value (a sliver of a fraction of a percent above
//!    10 events), the exact limit is taken: no label is more significant than
//!    the exact test.
//! 3. **Overdispersion** (section 8 steps 1-5, [`Dispersion`]): with the
//!    allowance on, `phi` and `tau^2` are estimated from the compared units'
//!    counts; when `phi > 1` each unit also has a *widened* interval, its own
//!    value on the scale plus and minus `z sqrt(s^2 + tau^2)`, taken back.
//! 4. **Never more extreme than chance alone** (step 6): a unit is significant at
//!    a level only when both the widened and the chance-alone tests say so; a
//!    unit with no events is judged by the exact test alone.
//! 5. **The interval printed beside the verdict is the verdict's** (step 7):
//!    [`Compared::interval`] is the smallest interval holding the widened and the
//!    chance-alone intervals, so the pooled value lies outside it exactly when
//!    the unit is significant at 95%. [`Compared::chance_interval`] is the
//!    chance-alone interval (section 2, Wilson for proportions), named as such.
//!    Without widening the two are the same.
//! 6. **Ranks and bands** by the rule stated in [`crate::banding`]: only units
//!    whose value is exact or a range of exact ends are ranked; fewer than 4
//!    ranked units get no band; a tie across a tail's cut joins the tail only
//!    when most of it lies inside; a range is banded only when both ends agree.
//! 7. **Multiplicity**: [`Tests`] counts the tests made and the flags found at
//!    95% and 99.8%, beside the flags chance alone would give (5% and 0.2% of
//!    the tests).
//!
//! # Example
//!
//! ```
//! use policing_stats::comparison::{compare, Method, Units};
//! use policing_stats::{Band, Exclusion, Significance};
//! use rust_decimal::Decimal;
//!
//! // Five forces' recorded crime over their populations, one counted in the pool only.
//! let mut forces = Units::new();
//! for (name, crimes, people) in [("North", 38_186, 703_253), ("South", 70_000, 1_000_000),
//!     ("East", 40_000, 650_000), ("West", 52_000, 900_000), ("Central", 61_000, 1_100_000)] {
//!     forces.counts(name, crimes, people)?;
//! }
//! forces.pooled_only("City", 6_000, 8_760, Exclusion::new("residents are not its policed population")?)?;
//!
//! let compared = compare(forces, &Method::rate(Decimal::ONE_THOUSAND)?)?;
//! let north = compared.get(&"North").expect("a unit");
//! assert_eq!(north.value.map(|v| v.round_dp(1).to_string()), Some("54.3".to_owned()));
//! assert_eq!(north.rank.map(|r| r.to_string()), Some("5".to_owned()));
//! assert_eq!(compared.of(), 5);
//! // The verdict and the interval beside it agree.
//! let pooled = compared.pooled().and_then(|p| p.value).expect("pooled");
//! let outside = north.interval.is_some_and(|i| !i.contains(pooled.try_into().unwrap_or(0.0)));
//! assert_eq!(outside, north.significance != Some(Significance::NotSignificant));
//! assert!(compared.get(&"City").is_some_and(|c| c.rank.is_none()));
//! # Ok::<(), policing_stats::StatsError>(())
//! ```

use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasher, Hash};

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::banding::{place, Band, Direction, Placement, Rank, Rule};
use crate::error::{checked_add, checked_div, checked_mul, non_negative, Result, StatsError};
use crate::exclusion::Exclusion;
use crate::funnel::overdispersion::{estimate, Overdispersion, DEFAULT_TRIM};
use crate::funnel::{
    proportion_funnel_limits, rate_funnel_limits, Dispersion, Scale, Significance, Statistic, P95, P998,
};
use crate::interval::{chi_square_quantile, ln_gamma_p, poisson_interval_f64, wilson_f64, Interval};

/// What a unit brings to a comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub enum Entry {
    /// Events over a denominator: valued, ranked, pooled and tested.
    Counts {
        /// The events (may be non-integer for weighted counts).
        numerator: Decimal,
        /// The denominator, positive.
        denominator: Decimal,
    },
    /// Events known only within `[low, high]` over a denominator (a published
    /// category that stands for several outcome types): a range of values and
    /// ranks, pooled as a range, significant only where both ends agree.
    CountRange {
        /// The fewest events.
        low: Decimal,
        /// The most events.
        high: Decimal,
        /// The denominator, positive.
        denominator: Decimal,
    },
    /// A value without counts: ranked and banded, not pooled or tested.
    Value(Decimal),
    /// Counts that go into the pooled value, while the unit is not ranked or
    /// tested, for the reason given.
    PooledOnly {
        /// The events (the fewest, when known only within a range). May be
        /// negative: an adjustment a published total carries (the pool's total
        /// may not be).
        numerator: Decimal,
        /// The most events; equal to `numerator` when exact.
        high: Decimal,
        /// The denominator, positive.
        denominator: Decimal,
        /// Why the unit is not compared.
        reason: Exclusion,
    },
    /// The unit is in the comparison but has no value (a dash in a published table).
    Missing,
    /// The unit is left out of everything, with the reason.
    Excluded(Exclusion),
}

/// The units of one comparison, each with its [`Entry`]; a key may be given once.
///
/// ```
/// use policing_stats::comparison::Units;
/// use policing_stats::Exclusion;
/// let mut units = Units::new();
/// units.counts("A", 50, 1_000)?.counts("B", 150, 2_000)?;
/// units.exclude("C", Exclusion::new("unable to supply data")?)?;
/// assert!(units.counts("A", 1, 2).is_err()); // given twice
/// assert!(units.counts("D", 1, 0).is_err()); // no denominator
/// assert_eq!(units.len(), 3);
/// # Ok::<(), policing_stats::StatsError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Units<K> {
    entries: Vec<(K, Entry)>,
    /// Positions by key hash, so that adding a unit stays O(1).
    by_hash: HashMap<u64, Vec<usize>>,
    hasher: std::hash::RandomState,
}

impl<K> Default for Units<K> {
    fn default() -> Self {
        Units { entries: Vec::new(), by_hash: HashMap::new(), hasher: std::hash::RandomState::new() }
    }
}

fn positive(what: &'static str, value: Decimal) -> Result<Decimal> {
    let value = non_negative(what, value)?;
    if value.is_zero() {
        return Err(StatsError::DivisionByZero { what });
    }
    Ok(value)
}

impl<K: Eq + Hash + fmt::Debug> Units<K> {
    /// No units.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a unit with its entry.
    ///
    /// # Errors
    /// [`StatsError::DuplicateUnit`] when the key is already there; errors of
    /// the entry's checks (see the other adders).
    pub fn push(&mut self, key: K, entry: Entry) -> Result<&mut Self> {
        match &entry {
            Entry::Counts { numerator, denominator } => {
                non_negative("numerator", *numerator)?;
                positive("denominator", *denominator)?;
            }
            Entry::PooledOnly { numerator, high, denominator, .. } => {
                // A pooled-only count may be negative: an adjustment the source carries (the pool's
                // total may not be; `compare` checks it).
                let _ = numerator;
                positive("denominator", *denominator)?;
                if high < numerator {
                    return Err(StatsError::PartExceedsWhole { part: *numerator, whole: *high });
                }
            }
            Entry::CountRange { low, high, denominator } => {
                non_negative("numerator", *low)?;
                positive("denominator", *denominator)?;
                if high < low {
                    return Err(StatsError::PartExceedsWhole { part: *low, whole: *high });
                }
            }
            Entry::Value(_) | Entry::Missing | Entry::Excluded(_) => {}
        }
        let hash = self.hasher.hash_one(&key);
        let positions = self.by_hash.entry(hash).or_default();
        if positions.iter().any(|&i| self.entries.get(i).is_some_and(|(k, _)| *k == key)) {
            return Err(StatsError::DuplicateUnit { unit: format!("{key:?}") });
        }
        positions.push(self.entries.len());
        self.entries.push((key, entry));
        Ok(self)
    }

    /// Adds a unit with `numerator` events over `denominator`.
    ///
    /// # Errors
    /// [`StatsError::Negative`], [`StatsError::DivisionByZero`] for a zero
    /// denominator, [`StatsError::DuplicateUnit`].
    pub fn counts(
        &mut self,
        key: K,
        numerator: impl Into<Decimal>,
        denominator: impl Into<Decimal>,
    ) -> Result<&mut Self> {
        self.push(key, Entry::Counts { numerator: numerator.into(), denominator: denominator.into() })
    }

    /// Adds a unit whose events are known only within `[low, high]`.
    ///
    /// # Errors
    /// As [`Units::counts`], and [`StatsError::PartExceedsWhole`] when `high < low`.
    pub fn count_range(
        &mut self,
        key: K,
        low: impl Into<Decimal>,
        high: impl Into<Decimal>,
        denominator: impl Into<Decimal>,
    ) -> Result<&mut Self> {
        self.push(key, Entry::CountRange { low: low.into(), high: high.into(), denominator: denominator.into() })
    }

    /// Adds a unit with a value and no counts: ranked and banded only.
    ///
    /// # Errors
    /// [`StatsError::DuplicateUnit`].
    pub fn value(&mut self, key: K, value: impl Into<Decimal>) -> Result<&mut Self> {
        self.push(key, Entry::Value(value.into()))
    }

    /// Adds a unit whose counts go into the pooled value while the unit itself is
    /// not ranked or tested, for `reason`.
    ///
    /// # Errors
    /// As [`Units::counts`].
    pub fn pooled_only(
        &mut self,
        key: K,
        numerator: impl Into<Decimal>,
        denominator: impl Into<Decimal>,
        reason: Exclusion,
    ) -> Result<&mut Self> {
        let numerator = numerator.into();
        self.push(key, Entry::PooledOnly { numerator, high: numerator, denominator: denominator.into(), reason })
    }

    /// As [`Units::pooled_only`], for events known only within `[low, high]`.
    ///
    /// # Errors
    /// As [`Units::count_range`].
    pub fn pooled_only_range(
        &mut self,
        key: K,
        low: impl Into<Decimal>,
        high: impl Into<Decimal>,
        denominator: impl Into<Decimal>,
        reason: Exclusion,
    ) -> Result<&mut Self> {
        self.push(
            key,
            Entry::PooledOnly { numerator: low.into(), high: high.into(), denominator: denominator.into(), reason },
        )
    }

    /// Adds a unit that has no value (counted as missing, never silently dropped).
    ///
    /// # Errors
    /// [`StatsError::DuplicateUnit`].
    pub fn missing(&mut self, key: K) -> Result<&mut Self> {
        self.push(key, Entry::Missing)
    }

    /// Adds a unit that is left out of everything, with the reason.
    ///
    /// # Errors
    /// [`StatsError::DuplicateUnit`].
    pub fn exclude(&mut self, key: K, reason: Exclusion) -> Result<&mut Self> {
        self.push(key, Entry::Excluded(reason))
    }

    /// The number of units.
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no units.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every unit and its entry, in the order added.
    pub fn entries(&self) -> impl Iterator<Item = (&K, &Entry)> {
        self.entries.iter().map(|(k, e)| (k, e))
    }
}

/// How a comparison allows for units varying more than chance alone allows.
///
/// ```
/// use policing_stats::comparison::{Method, Widening};
/// use policing_stats::Scale;
/// use rust_decimal::Decimal;
/// let shmi = Widening::Overdispersion { scale: Some(Scale::Log), trim: 0.1 };
/// let m = Method::rate(Decimal::ONE_THOUSAND)?.widening(shmi)?;
/// assert_eq!(m.widening_of(), shmi);
/// assert_eq!(m.widening(Widening::ChanceAlone)?.scale(), None);
/// # Ok::<(), policing_stats::StatsError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub enum Widening {
    /// Limits of chance alone.
    ChanceAlone,
    /// Limits widened for overdispersion (statistics.md section 8).
    Overdispersion {
        /// The scale; `None` for the statistic's default (square root for rates, arcsine for proportions).
        scale: Option<Scale>,
        /// The fraction winsorised (or dropped by rank groups on the log scale) at each end.
        trim: f64,
    },
}

impl Default for Widening {
    /// Overdispersion on the statistic's default scale, 10% trimmed at each end.
    fn default() -> Self {
        Widening::Overdispersion { scale: None, trim: DEFAULT_TRIM }
    }
}

/// How units are compared.
///
/// ```
/// use policing_stats::comparison::Method;
/// use policing_stats::{Direction, Scale};
/// use rust_decimal::Decimal;
/// // Rates per 1,000, widened for overdispersion on the log scale (the NHS SHMI method).
/// let m = Method::rate(Decimal::ONE_THOUSAND)?.overdispersion(Scale::Log, 0.1)?;
/// assert_eq!(m.scale(), Some(Scale::Log));
/// // Proportions as percentages, low values notable, limits of chance alone.
/// let p = Method::proportion(Decimal::ONE_HUNDRED)?.direction(Direction::LowIsNotable).chance_alone();
/// assert_eq!(p.scale(), None);
/// assert!(Method::rate(Decimal::ONE)?.overdispersion(Scale::Arcsine, 0.1).is_err());
/// # Ok::<(), policing_stats::StatsError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Method {
    statistic: Option<Statistic>,
    multiplier: Decimal,
    direction: Direction,
    overdispersion: Option<Overdispersion>,
    rule: Rule,
    tested: bool,
}

impl Method {
    fn of(statistic: Option<Statistic>, multiplier: Decimal) -> Result<Method> {
        if multiplier <= Decimal::ZERO {
            return Err(StatsError::NonPositiveBase { base: multiplier });
        }
        let overdispersion = statistic.map(|s| Overdispersion { scale: Scale::for_statistic(s), trim: DEFAULT_TRIM });
        Ok(Method {
            statistic,
            multiplier,
            direction: Direction::HighIsNotable,
            overdispersion,
            rule: Rule::Bands,
            tested: true,
        })
    }

    /// Crude rates, values and intervals multiplied by `multiplier` (1,000 for a
    /// rate per 1,000); overdispersion allowed for on the square-root scale by
    /// default ([`Method::chance_alone`] turns it off).
    ///
    /// # Errors
    /// [`StatsError::NonPositiveBase`] for a multiplier that is not positive.
    pub fn rate(multiplier: Decimal) -> Result<Method> {
        Self::of(Some(Statistic::Rate), multiplier)
    }

    /// Proportions (numerator at most the denominator), values and intervals
    /// multiplied by `multiplier` (100 for percentages); overdispersion allowed
    /// for on the arcsine scale by default.
    ///
    /// # Errors
    /// [`StatsError::NonPositiveBase`] for a multiplier that is not positive.
    pub fn proportion(multiplier: Decimal) -> Result<Method> {
        Self::of(Some(Statistic::Proportion), multiplier)
    }

    /// `statistic`, as [`Method::rate`] or [`Method::proportion`].
    ///
    /// # Errors
    /// [`StatsError::NonPositiveBase`] for a multiplier that is not positive.
    pub fn for_statistic(statistic: Statistic, multiplier: Decimal) -> Result<Method> {
        Self::of(Some(statistic), multiplier)
    }

    /// Values ranked and banded only: no counts, no pool, no tests.
    #[must_use]
    pub fn values() -> Method {
        Method {
            statistic: None,
            multiplier: Decimal::ONE,
            direction: Direction::HighIsNotable,
            overdispersion: None,
            rule: Rule::Bands,
            tested: false,
        }
    }

    /// Values, the pooled value, ranks and bands, but no test: for a quantity
    /// whose numerator is not a count of events at risk of happening to the
    /// denominator (crimes per officer, a severity score per head), where
    /// Poisson or binomial limits mean nothing.
    #[must_use]
    pub fn untested(mut self) -> Method {
        self.tested = false;
        self.overdispersion = None;
        self
    }

    /// Whether units are tested against the pooled value.
    #[must_use]
    pub fn is_tested(&self) -> bool {
        self.tested && self.statistic.is_some()
    }

    /// Which end is rank 1.
    #[must_use]
    pub fn direction(mut self, direction: Direction) -> Method {
        self.direction = direction;
        self
    }

    /// The ranking rule (the inspectorate's bands by default).
    ///
    /// # Errors
    /// [`StatsError::InvalidQuantiles`] for no quantiles.
    pub fn rule(mut self, rule: Rule) -> Result<Method> {
        if rule == Rule::Quantiles(0) {
            return Err(StatsError::InvalidQuantiles { quantiles: 0 });
        }
        self.rule = rule;
        Ok(self)
    }

    /// Allow for overdispersion on `scale`, trimming `trim` at each end
    /// (winsorised, or dropped by rank groups on the log scale).
    ///
    /// # Errors
    /// [`StatsError::ScaleDoesNotFit`] for a scale of the other statistic (or
    /// for values only), [`StatsError::TrimOutOfRange`] unless `0 <= trim < 0.5`.
    pub fn overdispersion(mut self, scale: Scale, trim: f64) -> Result<Method> {
        let Some(statistic) = self.statistic else {
            return Err(StatsError::ScaleDoesNotFit { scale: scale.name(), statistic: "values-only" });
        };
        self.overdispersion = Some(Overdispersion::new(scale, trim, statistic)?);
        Ok(self)
    }

    /// The allowance for overdispersion as a [`Widening`].
    ///
    /// # Errors
    /// As [`Method::overdispersion`].
    pub fn widening(self, widening: Widening) -> Result<Method> {
        match widening {
            Widening::ChanceAlone => Ok(self.chance_alone()),
            Widening::Overdispersion { scale, trim } => {
                let scale = match (scale, self.statistic) {
                    (Some(s), _) => s,
                    (None, Some(statistic)) => Scale::for_statistic(statistic),
                    (None, None) => return Err(StatsError::ScaleDoesNotFit { scale: "any", statistic: "values-only" }),
                };
                self.overdispersion(scale, trim)
            }
        }
    }

    /// The allowance for overdispersion.
    #[must_use]
    pub fn widening_of(&self) -> Widening {
        match self.overdispersion {
            Some(o) => Widening::Overdispersion { scale: Some(o.scale), trim: o.trim },
            None => Widening::ChanceAlone,
        }
    }

    /// Limits of chance alone: no allowance for overdispersion.
    #[must_use]
    pub fn chance_alone(mut self) -> Method {
        self.overdispersion = None;
        self
    }

    /// The statistic, `None` for values only.
    #[must_use]
    pub fn statistic(&self) -> Option<Statistic> {
        self.statistic
    }

    /// The multiplier values and intervals are given in.
    #[must_use]
    pub fn multiplier(&self) -> Decimal {
        self.multiplier
    }

    /// The direction.
    #[must_use]
    pub fn ranked_by(&self) -> Direction {
        self.direction
    }

    /// The ranking rule.
    #[must_use]
    pub fn ranking_rule(&self) -> Rule {
        self.rule
    }

    /// The overdispersion scale, `None` for limits of chance alone.
    #[must_use]
    pub fn scale(&self) -> Option<Scale> {
        self.overdispersion.map(|o| o.scale)
    }

    /// The fraction trimmed at each end for the overdispersion estimate.
    #[must_use]
    pub fn trim(&self) -> Option<f64> {
        self.overdispersion.map(|o| o.trim)
    }
}

/// One unit's result.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Compared<K> {
    /// The unit.
    pub key: K,
    /// What it brought.
    pub entry: Entry,
    /// Its value, times the method's multiplier, when exact.
    pub value: Option<Decimal>,
    /// Its value's range, times the multiplier, when it is known only within one.
    pub range: Option<(Decimal, Decimal)>,
    /// Its rank from the notable end among [`Comparison::of`] ranked units (a
    /// range of ranks for a range of values, or when others' ranges move it).
    pub rank: Option<Rank>,
    /// Where the ranking rule placed it, or why it was not ranked.
    pub placement: Placement,
    /// Its significance against the pooled value, `None` when not tested.
    pub significance: Option<Significance>,
    /// The 95% interval of the verdict, times the multiplier: the pooled value
    /// lies outside it exactly when the unit is significant at 95%.
    pub interval: Option<Interval>,
    /// The 95% interval of chance alone (Byar's or exact Poisson for rates,
    /// Wilson's for proportions), times the multiplier.
    pub chance_interval: Option<Interval>,
    /// What a reader needs to know about this unit's result.
    pub notes: Vec<String>,
}

impl<K> Compared<K> {
    /// The inspectorate's band, when the unit was placed in one.
    #[must_use]
    pub fn band(&self) -> Option<Band> {
        match self.placement {
            Placement::Band(b) => Some(b),
            _ => None,
        }
    }

    /// The quantile, when the public-health rule placed the unit.
    #[must_use]
    pub fn quantile(&self) -> Option<u32> {
        match self.placement {
            Placement::Quantile(q) => Some(q),
            _ => None,
        }
    }

    /// The unit's numerator and denominator, when it brought exact counts.
    #[must_use]
    pub fn counts(&self) -> Option<(Decimal, Decimal)> {
        match &self.entry {
            Entry::Counts { numerator, denominator } => Some((*numerator, *denominator)),
            Entry::PooledOnly { numerator, high, denominator, .. } if numerator == high => {
                Some((*numerator, *denominator))
            }
            _ => None,
        }
    }

    /// The denominator, when the unit brought one.
    #[must_use]
    pub fn denominator(&self) -> Option<Decimal> {
        match &self.entry {
            Entry::Counts { denominator, .. }
            | Entry::PooledOnly { denominator, .. }
            | Entry::CountRange { denominator, .. } => Some(*denominator),
            _ => None,
        }
    }
}

/// The pooled value (England and Wales, when the units are its forces).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Pooled {
    /// The sum of the numerators (the low ends of ranges).
    pub numerator: Decimal,
    /// The sum of the high ends, equal to `numerator` when no pooled unit is a range.
    pub numerator_high: Decimal,
    /// The sum of the denominators.
    pub denominator: Decimal,
    /// The pooled value times the multiplier, when exact.
    pub value: Option<Decimal>,
    /// The pooled value's range, when a pooled unit is a range.
    pub range: Option<(Decimal, Decimal)>,
}

/// How many tests were made and how many flags they raised, beside the flags
/// chance alone would give.
///
/// ```
/// use policing_stats::comparison::Tests;
/// let t = Tests::new(40, 3, 1);
/// assert_eq!((t.expected_95(), t.expected_998()), (2.0, 0.08));
/// assert_eq!((t + t).made, 80);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Tests {
    /// Units tested (given a significance).
    pub made: usize,
    /// Units significant at 95% (either side, 99.8% included).
    pub flagged_95: usize,
    /// Units significant at 99.8%.
    pub flagged_998: usize,
}

impl Tests {
    /// Tests and flags.
    #[must_use]
    pub fn new(made: usize, flagged_95: usize, flagged_998: usize) -> Tests {
        Tests { made, flagged_95, flagged_998 }
    }

    /// The flags chance alone would give at 95%: 5% of the tests.
    #[must_use]
    pub fn expected_95(&self) -> f64 {
        (self.made as f64 * 0.05 * 1e6).round() / 1e6
    }

    /// The flags chance alone would give at 99.8%: 0.2% of the tests.
    #[must_use]
    pub fn expected_998(&self) -> f64 {
        (self.made as f64 * 0.002 * 1e6).round() / 1e6
    }
}

impl std::ops::Add for Tests {
    type Output = Tests;
    fn add(self, o: Tests) -> Tests {
        Tests {
            made: self.made + o.made,
            flagged_95: self.flagged_95 + o.flagged_95,
            flagged_998: self.flagged_998 + o.flagged_998,
        }
    }
}

impl fmt::Display for Tests {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e95 = self.expected_95();
        let e998 = self.expected_998();
        write!(
            f,
            "{} test{} against the pooled value: chance alone would flag about {} at 95% and {} at 99.8%; {} flagged at \
             95%, {} of them at 99.8%",
            self.made,
            if self.made == 1 { "" } else { "s" },
            short(e95),
            short(e998),
            self.flagged_95,
            self.flagged_998
        )
    }
}

/// A small expected count as people write it: "2", "0.4", "0.08".
fn short(x: f64) -> String {
    if x >= 10.0 || x == x.round() {
        format!("{x:.0}")
    } else if x >= 1.0 {
        format!("{x:.1}")
    } else {
        let s = format!("{x:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

/// The result of [`compare`]: every unit in input order, and the comparison as a whole.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Comparison<K> {
    method: Method,
    pooled: Option<Pooled>,
    /// The pooled value per 1 (a fraction or a rate per unit of denominator) the tests are against.
    baseline: Option<f64>,
    of: usize,
    tail: usize,
    dispersion: Option<Dispersion>,
    tests: Tests,
    notes: Vec<String>,
    units: Vec<Compared<K>>,
}

impl<K> Comparison<K> {
    /// How the units were compared.
    #[must_use]
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// Every unit, in input order.
    #[must_use]
    pub fn units(&self) -> &[Compared<K>] {
        &self.units
    }

    /// Consumes the comparison, giving the units in input order.
    #[must_use]
    pub fn into_units(self) -> Vec<Compared<K>> {
        self.units
    }

    /// One unit's result.
    pub fn get<Q>(&self, key: &Q) -> Option<&Compared<K>>
    where
        K: PartialEq<Q>,
        Q: ?Sized,
    {
        self.units.iter().find(|u| u.key == *key)
    }

    /// The pooled value, `None` when no unit brought counts.
    #[must_use]
    pub fn pooled(&self) -> Option<&Pooled> {
        self.pooled.as_ref()
    }

    /// `n`: how many units were ranked.
    #[must_use]
    pub fn of(&self) -> usize {
        self.of
    }

    /// The tail size of the bands, `floor((n + 2) / 4)` (0 with fewer than 4
    /// ranked units, or for quantiles).
    #[must_use]
    pub fn tail(&self) -> usize {
        self.tail
    }

    /// How many units were placed in `band`.
    #[must_use]
    pub fn count(&self, band: Band) -> usize {
        self.units.iter().filter(|u| u.band() == Some(band)).count()
    }

    /// The overdispersion estimate, when the method allows for it and the units
    /// allow an estimate. [`Dispersion::widens`] says whether it widened anything.
    #[must_use]
    pub fn dispersion(&self) -> Option<&Dispersion> {
        self.dispersion.as_ref()
    }

    /// The tests made and the flags found.
    #[must_use]
    pub fn tests(&self) -> Tests {
        self.tests
    }

    /// The comparison in words: the pool, the ranking, ties, the limits, the
    /// multiplicity, and the units left out and why.
    #[must_use]
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// The funnel's limits `(low, high)` at `denominator` for probability `p`
    /// ([`P95`] or [`P998`]), times the multiplier: what a funnel figure draws.
    /// The limits of chance alone (Wilson-based for proportions, exact Poisson
    /// for rates); where the limits are widened for overdispersion, the wider of
    /// the widened and the chance-alone limit on each side (step 6). `None` for a
    /// comparison without counts, or a denominator that is not positive.
    #[must_use]
    pub fn limits(&self, denominator: f64, p: f64) -> Option<(f64, f64)> {
        let (statistic, r) = (self.method.statistic?, self.baseline?);
        if !(self.method.is_tested() && denominator > 0.0 && denominator.is_finite()) {
            return None;
        }
        let exact = match statistic {
            Statistic::Proportion => proportion_funnel_limits(r, denominator, p),
            Statistic::Rate => rate_funnel_limits(r, denominator, p),
        };
        let (low, high) = match self.dispersion.filter(Dispersion::widens) {
            Some(d) => {
                let (wl, wh) = d.limits(r, denominator, p);
                (wl.min(exact.0), wh.max(exact.1))
            }
            None => exact,
        };
        let m = self.method.multiplier.to_f64()?;
        Some((low * m, high * m))
    }
}

/// The value bounds a unit is ranked with, per 1, as exact decimals.
fn bounds(entry: &Entry, multiplier: Decimal) -> Result<Option<(Decimal, Decimal)>> {
    let per = |n: Decimal, d: Decimal| checked_div(checked_mul(n, multiplier)?, d, "denominator");
    Ok(match entry {
        Entry::Counts { numerator, denominator } => {
            let v = per(*numerator, *denominator)?;
            Some((v, v))
        }
        Entry::CountRange { low, high, denominator } => Some((per(*low, *denominator)?, per(*high, *denominator)?)),
        Entry::Value(v) => Some((*v, *v)),
        Entry::PooledOnly { .. } | Entry::Missing | Entry::Excluded(_) => None,
    })
}

fn f64_of(what: &'static str, d: Decimal) -> Result<f64> {
    d.to_f64()
        .filter(|v| v.is_finite())
        .ok_or_else(|| StatsError::NotRepresentable { what, detail: format!("{d} as a float") })
}

/// The two levels of every test: (probability of the one-sided limit, two-sided confidence).
const LEVELS: [(f64, f64); 2] = [(P95, 0.95), (P998, 0.998)];

/// How far Byar's limits can be from the exact Poisson limits of `o >= 10` events, relatively, with a
/// tenfold margin: the gap is at most `0.15 / o` (1.5% at 10 events, 0.0006% at 100,000), which
/// `byar_is_near_the_exact_limits` checks.
fn byar_error(o: f64) -> f64 {
    1.5 / o
}

/// A rate's chance-alone interval of events at `confidence`: Byar's from 10
/// events (exact below), each end replaced by the exact Poisson limit where the
/// exact test and Byar's disagree about `expected` (so the pooled value lies
/// outside it only when the exact test is significant too).
fn rate_chance(o: f64, expected: f64, confidence: f64) -> Interval {
    let byar = poisson_interval_f64(o, confidence);
    if o < 10.0 {
        return byar;
    }
    let half = (1.0 - confidence) / 2.0;
    let (mut lower, mut upper) = (byar.lower, byar.upper);
    // Byar's limits are within `byar_error` of the exact ones from 10 events (a unit test checks it),
    // so the exact test need only be consulted when the expected count is that near a limit.
    let near = |limit: f64| (expected - limit).abs() <= byar_error(o) * limit;
    // Significantly high by Byar: is P(X >= o | expected) = P(o, expected) below half?
    if expected < lower && near(lower) && ln_gamma_p(o, expected) >= half.ln() {
        lower = chi_square_quantile(half, 2.0 * o).map_or(0.0, |q| q / 2.0).min(expected);
    }
    // Significantly low by Byar: is P(X <= o | expected) = 1 - P(o + 1, expected) below half?
    if expected > upper && near(upper) {
        let below = -ln_gamma_p(o + 1.0, expected).exp_m1();
        if below >= half {
            upper = chi_square_quantile(1.0 - half, 2.0 * o + 2.0).map_or(f64::INFINITY, |q| q / 2.0).max(expected);
        }
    }
    Interval { lower, upper }
}

/// A unit's chance-alone interval per 1 at `confidence`.
fn chance(statistic: Statistic, o: f64, d: f64, baseline: f64, confidence: f64) -> Interval {
    match statistic {
        Statistic::Rate => {
            let i = rate_chance(o, baseline * d, confidence);
            Interval { lower: i.lower / d, upper: i.upper / d }
        }
        Statistic::Proportion => {
            let z = crate::interval::two_sided_z(confidence);
            wilson_f64(o, d, z)
        }
    }
}

/// The smallest interval holding both.
fn join(a: Interval, b: Interval) -> Interval {
    Interval { lower: a.lower.min(b.lower), upper: a.upper.max(b.upper) }
}

/// One test: the label, and the 95% verdict and chance intervals, per 1.
struct Judged {
    significance: Significance,
    interval: Interval,
    chance: Interval,
}

/// Judges `o` events over `d` against `baseline` (per 1), widened by `widening` when given.
fn judge(statistic: Statistic, o: f64, d: f64, baseline: f64, widening: Option<&Dispersion>) -> Judged {
    let mut sides = [None, None];
    let mut intervals = [Interval { lower: 0.0, upper: 0.0 }; 2];
    let mut chances = intervals;
    for (i, (p, confidence)) in LEVELS.iter().enumerate() {
        let c = chance(statistic, o, d, baseline, *confidence);
        // A unit with no events is judged by the exact test alone (step 6).
        let v = match widening {
            Some(w) if o > 0.0 => {
                let (lo, hi) = w.interval(baseline, o / d, d, *p);
                join(Interval { lower: lo, upper: hi }, c)
            }
            _ => c,
        };
        let side = if baseline < v.lower {
            Some(true) // the unit is high
        } else if baseline > v.upper {
            Some(false)
        } else {
            None
        };
        if let (Some(s), Some(slot)) = (side, sides.get_mut(i)) {
            *slot = Some(s);
        }
        if let (Some(a), Some(b)) = (intervals.get_mut(i), chances.get_mut(i)) {
            *a = v;
            *b = c;
        }
    }
    let significance = match (sides[0], sides[1]) {
        (_, Some(true)) => Significance::High001,
        (_, Some(false)) => Significance::Low001,
        (Some(true), None) => Significance::High025,
        (Some(false), None) => Significance::Low025,
        (None, None) => Significance::NotSignificant,
    };
    Judged { significance, interval: intervals[0], chance: chances[0] }
}

/// Compares the units by the method: see the [module documentation](self) for
/// what is computed and how.
///
/// # Errors
/// [`StatsError::PartExceedsWhole`] for a proportion above 1;
/// [`StatsError::NotRepresentable`] for counts that overflow or cannot be
/// represented as floats.
pub fn compare<K>(units: Units<K>, method: &Method) -> Result<Comparison<K>> {
    let multiplier = method.multiplier;
    let entries = units.entries;
    if method.statistic == Some(Statistic::Proportion) {
        for (_, e) in &entries {
            let (part, whole) = match e {
                Entry::Counts { numerator, denominator } => (*numerator, *denominator),
                Entry::CountRange { high, denominator, .. } | Entry::PooledOnly { high, denominator, .. } => {
                    (*high, *denominator)
                }
                _ => continue,
            };
            if part > whole {
                return Err(StatsError::PartExceedsWhole { part, whole });
            }
        }
    }
    let mut notes = Vec::new();

    // 1. The pool.
    let mut pool: Option<(Decimal, Decimal, Decimal)> = None;
    let mut pooled_only = Vec::new();
    for (_, e) in &entries {
        let (lo, hi, d) = match e {
            Entry::Counts { numerator, denominator } => (*numerator, *numerator, *denominator),
            Entry::CountRange { low, high, denominator } => (*low, *high, *denominator),
            Entry::PooledOnly { numerator, high, denominator, reason } => {
                pooled_only.push(reason.reason().to_owned());
                (*numerator, *high, *denominator)
            }
            _ => continue,
        };
        let (a, b, c) = pool.unwrap_or((Decimal::ZERO, Decimal::ZERO, Decimal::ZERO));
        pool = Some((checked_add(a, lo)?, checked_add(b, hi)?, checked_add(c, d)?));
    }
    if let Some((lo, _, _)) = pool {
        non_negative("pooled numerator", lo)?;
    }
    let pooled = match (pool, method.statistic) {
        (Some((lo, hi, d)), Some(_)) => {
            let value_lo = checked_div(checked_mul(lo, multiplier)?, d, "pooled denominator")?;
            let value_hi = checked_div(checked_mul(hi, multiplier)?, d, "pooled denominator")?;
            Some(Pooled {
                numerator: lo,
                numerator_high: hi,
                denominator: d,
                value: (lo == hi).then_some(value_lo),
                range: (lo != hi).then_some((value_lo, value_hi)),
            })
        }
        _ => None,
    };

    // 2. Ranks and placements.
    let all_bounds: Vec<Option<(Decimal, Decimal)>> =
        entries.iter().map(|(_, e)| bounds(e, multiplier)).collect::<Result<_>>()?;
    let ranked_bounds: Vec<(Decimal, Decimal)> = all_bounds.iter().flatten().copied().collect();
    let (of, tail, placed) = place(&ranked_bounds, method.direction, method.rule);
    let mut placed = placed.into_iter();

    // 3. The overdispersion estimate, from the compared units' counts (ranges at their midpoints).
    let mut compared_counts = Vec::new();
    for (_, e) in &entries {
        match e {
            Entry::Counts { numerator, denominator } => {
                compared_counts.push((f64_of("numerator", *numerator)?, f64_of("denominator", *denominator)?));
            }
            Entry::CountRange { low, high, denominator } => {
                let mid = (f64_of("numerator", *low)? + f64_of("numerator", *high)?) / 2.0;
                compared_counts.push((mid, f64_of("denominator", *denominator)?));
            }
            _ => {}
        }
    }
    let baselines = match &pooled {
        Some(p) => {
            let d = f64_of("pooled denominator", p.denominator)?;
            Some((f64_of("pooled numerator", p.numerator)? / d, f64_of("pooled numerator", p.numerator_high)? / d))
        }
        None => None,
    };
    let dispersion = match (method.overdispersion, baselines) {
        (Some(od), Some((lo, hi))) if method.is_tested() => estimate(od, (lo + hi) / 2.0, &compared_counts),
        _ => None,
    };
    let widening = dispersion.as_ref().filter(|d| d.widens());

    // 4. Each unit.
    let m = f64_of("multiplier", multiplier)?;
    let scaled = |i: Interval| Interval { lower: i.lower * m, upper: i.upper * m };
    let mut tests = Tests::default();
    let mut unsettled_tests = 0usize;
    let mut results = Vec::with_capacity(entries.len());
    for ((key, entry), ranked) in entries.into_iter().zip(all_bounds) {
        let (rank, placement) = match &entry {
            Entry::PooledOnly { reason, .. } | Entry::Excluded(reason) => (None, Placement::Excluded(reason.clone())),
            Entry::Missing => (None, Placement::Missing),
            _ => match placed.next() {
                Some((r, p)) => (Some(r), p),
                None => (None, Placement::Missing),
            },
        };
        let mut unit_notes = Vec::new();
        let (mut significance, mut interval, mut chance_interval) = (None, None, None);
        if let (Some(statistic), Some((base_lo, base_hi)), true) = (method.statistic, baselines, method.is_tested()) {
            // The ends to test: the unit's count ends against the pool's ends.
            let ends: Vec<(f64, f64)> = match &entry {
                Entry::Counts { numerator, denominator } => {
                    vec![(f64_of("numerator", *numerator)?, f64_of("denominator", *denominator)?)]
                }
                Entry::CountRange { low, high, denominator } => {
                    let d = f64_of("denominator", *denominator)?;
                    vec![(f64_of("numerator", *low)?, d), (f64_of("numerator", *high)?, d)]
                }
                _ => Vec::new(),
            };
            if !ends.is_empty() {
                if base_hi <= 0.0 && statistic == Statistic::Rate {
                    unit_notes.push("not tested: the pooled rate is 0 (no unit has events)".to_owned());
                } else {
                    let mut labels = Vec::new();
                    let bases: &[f64] = if base_lo == base_hi { &[base_lo] } else { &[base_lo, base_hi] };
                    for &(o, d) in &ends {
                        for &b in bases {
                            labels.push(judge(statistic, o, d, b, widening));
                        }
                    }
                    let first = labels.first().map(|j| j.significance);
                    if labels.iter().all(|j| Some(j.significance) == first) {
                        significance = first;
                    } else {
                        unsettled_tests += 1;
                        unit_notes.push(
                            "no significance: the ends of the range (or of the pooled range) give different verdicts"
                                .to_owned(),
                        );
                    }
                    let hull = |f: fn(&Judged) -> Interval| labels.iter().map(f).reduce(join).map(scaled);
                    interval = hull(|j| j.interval);
                    chance_interval = hull(|j| j.chance);
                    if widening.is_some() && ends.iter().any(|(o, _)| *o <= 0.0) {
                        unit_notes.push("no events: judged by the exact test alone".to_owned());
                    }
                }
            }
        }
        if let Some(s) = significance {
            tests.made += 1;
            if s != Significance::NotSignificant {
                tests.flagged_95 += 1;
            }
            if matches!(s, Significance::High001 | Significance::Low001) {
                tests.flagged_998 += 1;
            }
        }
        let (value, range) = match ranked {
            Some((lo, hi)) if lo == hi => (Some(lo), None),
            Some((lo, hi)) => (None, Some((lo, hi))),
            None => (None, None),
        };
        if matches!(placement, Placement::Unsettled) {
            unit_notes.push("no band: the ends of its range of ranks fall in different bands".to_owned());
        }
        results.push(Compared {
            key,
            entry,
            value,
            range,
            rank,
            placement,
            significance,
            interval,
            chance_interval,
            notes: unit_notes,
        });
    }

    // 5. The comparison in words.
    if !pooled_only.is_empty() {
        let mut reasons = pooled_only.clone();
        reasons.sort();
        reasons.dedup();
        notes.push(format!(
            "{} unit{} counted in the pooled value but not ranked or tested: {}",
            pooled_only.len(),
            if pooled_only.len() == 1 { "" } else { "s" },
            reasons.join("; ")
        ));
    }
    match method.rule {
        Rule::Bands if of < crate::banding::FEWEST_FOR_BANDS && of > 0 => notes.push(format!(
            "{of} unit{} ranked: fewer than {} are not banded",
            if of == 1 { "" } else { "s" },
            crate::banding::FEWEST_FOR_BANDS
        )),
        Rule::Bands if of > 0 => notes.push(format!(
            "ranked: {of} units, rank 1 the {}; bands: the top and bottom {tail} (a quarter of {of} rounded to the \
             nearest unit, halves up); a tie across a cut joins the tail only when most of it lies inside",
            match method.direction {
                Direction::HighIsNotable => "highest",
                Direction::LowIsNotable => "lowest",
            }
        )),
        _ => {}
    }
    notes.extend(tie_notes(&results, tail, method));
    if let (Some(statistic), true) = (method.statistic, method.is_tested()) {
        notes.push(match (&dispersion, method.overdispersion) {
            (Some(d), _) if d.widens() => format!(
                "significance: limits widened for overdispersion (Spiegelhalter 2005), the units varying about {} \
                 times as much as chance allows: {d}; no label is more significant than chance alone would make it, \
                 and lower_95/upper_95 are the verdict's interval",
                short(d.phi)
            ),
            (Some(d), _) => format!(
                "significance: limits of chance alone ({}): the units vary no more than chance allows (phi {:.2}), so \
                 nothing is widened",
                chance_words(statistic),
                d.phi
            ),
            (None, Some(_)) => format!(
                "significance: limits of chance alone ({}): too few units with events to estimate overdispersion",
                chance_words(statistic)
            ),
            (None, None) => format!(
                "significance: limits of chance alone ({}), not allowing for overdispersion",
                chance_words(statistic)
            ),
        });
        if tests.made > 0 {
            notes.push(format!("multiplicity: {tests}"));
        }
        if unsettled_tests > 0 {
            notes.push(format!(
                "{unsettled_tests} unit{} without a significance: the ends of a range give different verdicts",
                if unsettled_tests == 1 { "" } else { "s" }
            ));
        }
    }
    let excluded: Vec<String> = results
        .iter()
        .filter_map(|u| match &u.entry {
            Entry::Excluded(x) => Some(x.reason().to_owned()),
            _ => None,
        })
        .collect();
    if !excluded.is_empty() {
        notes.push(format!(
            "{} unit{} left out, each with its reason",
            excluded.len(),
            if excluded.len() == 1 { "" } else { "s" }
        ));
    }
    Ok(Comparison {
        method: *method,
        pooled,
        baseline: baselines.map(|(lo, hi)| (lo + hi) / 2.0),
        of,
        tail,
        dispersion,
        tests,
        notes,
        units: results,
    })
}

fn chance_words(statistic: Statistic) -> &'static str {
    match statistic {
        Statistic::Rate => "Byar's interval from 10 events, exact Poisson below",
        Statistic::Proportion => "Wilson's interval",
    }
}

/// A note for each tie of two or more ranked units that straddles a tail's cut,
/// saying how many tie and where the rule put them.
fn tie_notes<K>(units: &[Compared<K>], tail: usize, method: &Method) -> Vec<String> {
    if tail == 0 || method.rule != Rule::Bands {
        return Vec::new();
    }
    let mut groups: Vec<(Decimal, usize, Rank, Option<Band>)> = Vec::new();
    let mut values: Vec<(Decimal, Rank, Option<Band>)> =
        units.iter().filter_map(|u| Some((u.value?, u.rank?, u.band()))).collect();
    values.sort_by_key(|a| a.0);
    for (v, r, b) in values {
        match groups.last_mut() {
            Some((gv, n, _, _)) if *gv == v => *n += 1,
            _ => groups.push((v, 1, r, b)),
        }
    }
    let of = units.iter().filter(|u| u.rank.is_some()).count();
    groups
        .into_iter()
        .filter(|(_, n, _, _)| *n >= 2)
        .filter_map(|(v, n, rank, band)| {
            // The places the tie occupies from the notable end: rank .. rank + n - 1.
            let first = rank.best;
            let last = first + n - 1;
            let from_other_end = (of + 1 - last, of + 1 - first);
            let straddles = |a: usize, b: usize| a <= tail && b > tail;
            if !(straddles(first, last) || straddles(from_other_end.0, from_other_end.1)) {
                return None;
            }
            Some(format!(
                "{n} units tie at {} (places {first} to {last} of {of}) across the cut of a tail of {tail}: {}",
                v.normalize(),
                match band {
                    Some(Band::BroadlyInLine) | None => "most of the tie lies outside the tail, so they are broadly in line",
                    Some(b) => {
                        return Some(format!(
                            "{n} units tie at {} (places {first} to {last} of {of}) across the cut of a tail of {tail}: \
                             most of the tie lies inside the tail, so all are {}",
                            v.normalize(),
                            b.words()
                        ))
                    }
                }
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "a test: a failure panics with its message")]
    use super::*;

    /// The bound `rate_chance` relies on: from 10 events Byar's limits are
    /// within a tenth of `byar_error` of the exact ones, at both levels.
    #[test]
    fn byar_is_near_the_exact_limits() {
        for o in (10..5_000).chain((5_000..2_000_000).step_by(997)) {
            let o = f64::from(o);
            for c in [0.95, 0.998] {
                let b = poisson_interval_f64(o, c);
                let a = 1.0 - c;
                let lo = chi_square_quantile(a / 2.0, 2.0 * o).unwrap() / 2.0;
                let hi = chi_square_quantile(1.0 - a / 2.0, 2.0 * o + 2.0).unwrap() / 2.0;
                let gap = ((b.lower - lo) / lo).abs().max(((b.upper - hi) / hi).abs());
                assert!(gap < byar_error(o) / 10.0, "{o} events at {c}: {gap}");
            }
        }
    }
}
