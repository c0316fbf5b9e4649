//! Banding units against each other: the inspectorate's "one of the highest /
//! broadly in line / one of the lowest", and the public-health quantile rule.
//!
//! # The inspectorate's rule, made exact
//!
//! HMIC ranks the forces on a measure and highlights "the top and bottom 25
//! percent" (annex A of the Wiltshire 2016 report). The report does not say how
//! ties or a quarter of a force are handled, so this crate fixes the rule:
//!
//! 1. **Who is ranked.** Only units with a value. Units that are
//!    [`Observation::Excluded`] (with a reason) or [`Observation::Missing`] are
//!    not ranked, do not count towards `n`, and get no band.
//! 2. **Tail size.** With `n` ranked units each tail holds `t = floor((n + 2) / 4)`
//!    units: a quarter of `n` rounded to the nearest whole unit, halves rounded up.
//!    So 43 units give 11, 42 give 11, 41 give 10, 40 give 10, 4 give 1, 3 give 1,
//!    2 give 1 and 1 gives 0 (a single unit is never notable). `2t <= n` for every `n`.
//! 3. **Ranks and ties.** Ranks are competition ranks: tied values share the best
//!    (minimum) rank, and the next value skips (1, 2, 2, 4). The rank counted from
//!    the top is `1 + (number of units with a strictly higher value)`, from the
//!    bottom `1 + (number with a strictly lower value)`.
//! 4. **Bands.** A unit is [`Band::OneOfTheHighest`] if its rank from the top is
//!    at most `t`, [`Band::OneOfTheLowest`] if its rank from the bottom is at most
//!    `t`, and [`Band::BroadlyInLine`] otherwise. Tied units therefore always
//!    share a band, and a tie group that straddles the cut is wholly inside the
//!    tail (so a tail can hold more than `t` units; [`Banding::highest_count`]
//!    says how many it holds). A unit that would be in both tails (possible only
//!    when ties span the middle, for example when every value is equal) is
//!    broadly in line: nothing sets it apart.
//! 5. **Direction.** The band words always describe the value ("one of the
//!    highest" has a high value). The [`Direction`] says which end is notable for
//!    the measure and so which end is rank 1: with [`Direction::HighIsNotable`]
//!    rank 1 is the highest value, with [`Direction::LowIsNotable`] the lowest.
//!
//! # The public-health quantile rule
//!
//! [`quantiles`] implements PHEindicatormethods' `phe_quantile` exactly as
//! stated in `docs/reference/statistics.md` section 5: with `n` ranked units
//! (ties take the minimum rank, rank 1 at the notable end) and `k` quantiles,
//! `quantile = floor((k + 1) - ceil(((n + 1) - rank) / (n / k)))`, 0 becoming 1;
//! if `n < k` no quantiles are assigned. Quantile 1 is the notable end. The
//! arithmetic is done in `f64` exactly as R does it, so results are identical.

use std::cmp::Ordering;
use std::fmt;

use rust_decimal::Decimal;

use crate::compare::Exclusion;
use crate::error::{Result, StatsError};

/// One unit's input to a banding: its value, or why it has none.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Observation {
    /// The unit's value on the measure.
    Value(Decimal),
    /// The unit has no value (a dash in the published table). It is not ranked.
    Missing,
    /// The unit is left out, with the reason. It is not ranked.
    Excluded(Exclusion),
}

impl From<Decimal> for Observation {
    fn from(value: Decimal) -> Self {
        Observation::Value(value)
    }
}

impl From<Option<Decimal>> for Observation {
    fn from(value: Option<Decimal>) -> Self {
        value.map_or(Observation::Missing, Observation::Value)
    }
}

/// Which end of a measure is notable, and so which end is rank 1.
///
/// A closed set: a measure is ranked one way or the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Direction {
    /// High values are notable (most measures): rank 1 is the highest value.
    HighIsNotable,
    /// Low values are notable (for example a satisfaction rate): rank 1 is the lowest value.
    LowIsNotable,
}

impl Direction {
    /// The other direction.
    #[must_use]
    pub fn reversed(self) -> Self {
        match self {
            Direction::HighIsNotable => Direction::LowIsNotable,
            Direction::LowIsNotable => Direction::HighIsNotable,
        }
    }
}

/// The inspectorate's three bands, worded as the reports word them.
///
/// A closed set: these are the only three the reports use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Band {
    /// In the top tail: "one of the highest".
    OneOfTheHighest,
    /// Neither tail: "broadly in line with England and Wales".
    BroadlyInLine,
    /// In the bottom tail: "one of the lowest".
    OneOfTheLowest,
}

impl Band {
    /// The words as the reports print them.
    #[must_use]
    pub fn words(self) -> &'static str {
        match self {
            Band::OneOfTheHighest => "one of the highest",
            Band::BroadlyInLine => "broadly in line",
            Band::OneOfTheLowest => "one of the lowest",
        }
    }

    /// The band with highest and lowest swapped.
    #[must_use]
    pub fn swapped(self) -> Self {
        match self {
            Band::OneOfTheHighest => Band::OneOfTheLowest,
            Band::BroadlyInLine => Band::BroadlyInLine,
            Band::OneOfTheLowest => Band::OneOfTheHighest,
        }
    }
}

impl fmt::Display for Band {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.words())
    }
}

/// Which rule placed a unit, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub enum Placement {
    /// Placed by the inspectorate's rule ([`band`]).
    Band(Band),
    /// Placed by the public-health rule ([`quantiles`]): 1 is the notable end.
    Quantile(u32),
    /// Ranked, but too few units were ranked for the quantile rule (`n < k`).
    TooFewUnits,
    /// Not ranked: the unit has no value.
    Missing,
    /// Not ranked: the unit is excluded, with the reason.
    Excluded(Exclusion),
}

/// One unit's result.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Banded<K> {
    /// The unit.
    pub key: K,
    /// Its value, if it had one.
    pub value: Option<Decimal>,
    /// Its competition rank from the notable end (1 = most notable), if ranked.
    pub rank: Option<usize>,
    /// Where the rule placed it.
    pub placement: Placement,
}

impl<K> Banded<K> {
    /// The inspectorate's band, if the unit was placed by that rule.
    #[must_use]
    pub fn band(&self) -> Option<Band> {
        match self.placement {
            Placement::Band(b) => Some(b),
            _ => None,
        }
    }

    /// The quantile, if the unit was placed by the public-health rule.
    #[must_use]
    pub fn quantile(&self) -> Option<u32> {
        match self.placement {
            Placement::Quantile(q) => Some(q),
            _ => None,
        }
    }
}

/// The result of a banding: every unit in input order, with the rule's parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Banding<K> {
    direction: Direction,
    ranked: usize,
    tail: usize,
    quantiles: Option<u32>,
    units: Vec<Banded<K>>,
}

impl<K> Banding<K> {
    /// The direction used.
    #[must_use]
    pub fn direction(&self) -> Direction {
        self.direction
    }

    /// `n`: the number of units ranked (those with a value).
    #[must_use]
    pub fn ranked(&self) -> usize {
        self.ranked
    }

    /// The nominal tail size `t = floor((n + 2) / 4)` of the inspectorate's rule
    /// (0 for a quantile banding).
    #[must_use]
    pub fn tail(&self) -> usize {
        self.tail
    }

    /// The number of quantiles, for a quantile banding.
    #[must_use]
    pub fn quantile_count(&self) -> Option<u32> {
        self.quantiles
    }

    /// How many units were placed "one of the highest" (more than [`Banding::tail`] when a tie straddles the cut).
    #[must_use]
    pub fn highest_count(&self) -> usize {
        self.count(Band::OneOfTheHighest)
    }

    /// How many units were placed "one of the lowest".
    #[must_use]
    pub fn lowest_count(&self) -> usize {
        self.count(Band::OneOfTheLowest)
    }

    fn count(&self, band: Band) -> usize {
        self.units.iter().filter(|u| u.band() == Some(band)).count()
    }

    /// Every unit, in input order.
    #[must_use]
    pub fn units(&self) -> &[Banded<K>] {
        &self.units
    }

    /// The result for one unit.
    pub fn get<Q>(&self, key: &Q) -> Option<&Banded<K>>
    where
        K: PartialEq<Q>,
        Q: ?Sized,
    {
        self.units.iter().find(|u| u.key == *key)
    }

    /// Consumes the banding, giving the units in input order.
    #[must_use]
    pub fn into_units(self) -> Vec<Banded<K>> {
        self.units
    }
}

/// The tail size of the inspectorate's rule for `n` ranked units: `floor((n + 2) / 4)`.
///
/// ```
/// use policing_stats::tail_size;
/// assert_eq!(tail_size(43), 11);
/// assert_eq!(tail_size(41), 10);
/// assert_eq!(tail_size(1), 0);
/// ```
#[must_use]
pub fn tail_size(n: usize) -> usize {
    n.saturating_add(2) / 4
}

/// Sorted values of the ranked units, for counting strictly higher and lower values.
struct Ranker {
    sorted: Vec<Decimal>,
}

impl Ranker {
    fn new(values: impl Iterator<Item = Decimal>) -> Self {
        let mut sorted: Vec<Decimal> = values.collect();
        sorted.sort_unstable();
        Ranker { sorted }
    }

    fn len(&self) -> usize {
        self.sorted.len()
    }

    /// 1 + number of values strictly greater.
    fn rank_from_top(&self, v: Decimal) -> usize {
        let not_greater = self.sorted.partition_point(|x| *x <= v);
        self.sorted.len() - not_greater + 1
    }

    /// 1 + number of values strictly smaller.
    fn rank_from_bottom(&self, v: Decimal) -> usize {
        self.sorted.partition_point(|x| *x < v) + 1
    }

    fn rank(&self, v: Decimal, direction: Direction) -> usize {
        match direction {
            Direction::HighIsNotable => self.rank_from_top(v),
            Direction::LowIsNotable => self.rank_from_bottom(v),
        }
    }
}

fn unranked<K>(key: K, obs: Observation) -> Banded<K> {
    let placement = match obs {
        Observation::Excluded(x) => Placement::Excluded(x),
        Observation::Missing | Observation::Value(_) => Placement::Missing,
    };
    Banded { key, value: None, rank: None, placement }
}

/// Bands units with the inspectorate's rule, stated exactly in the [module documentation](self).
///
/// Units come back in input order, each with its rank from the notable end and its band.
///
/// ```
/// use policing_stats::{band, Band, Direction, Observation, Exclusion};
/// use rust_decimal::Decimal;
///
/// let values = [("A", 9), ("B", 8), ("C", 5), ("D", 1)];
/// let mut obs: Vec<(&str, Observation)> =
///     values.iter().map(|(k, v)| (*k, Decimal::from(*v).into())).collect();
/// obs.push(("E", Observation::Excluded(Exclusion::new("unable to supply data")?)));
/// let banding = band(obs, Direction::HighIsNotable);
/// assert_eq!(banding.tail(), 1);
/// assert_eq!(banding.get(&"A").and_then(|u| u.band()), Some(Band::OneOfTheHighest));
/// assert_eq!(banding.get(&"D").and_then(|u| u.band()), Some(Band::OneOfTheLowest));
/// assert_eq!(banding.get(&"B").and_then(|u| u.rank), Some(2));
/// assert_eq!(banding.get(&"E").and_then(|u| u.band()), None);
/// # Ok::<(), policing_stats::StatsError>(())
/// ```
pub fn band<K, O: Into<Observation>>(units: impl IntoIterator<Item = (K, O)>, direction: Direction) -> Banding<K> {
    let units: Vec<(K, Observation)> = units.into_iter().map(|(k, o)| (k, o.into())).collect();
    let ranker = Ranker::new(units.iter().filter_map(|(_, o)| value_of(o)));
    let n = ranker.len();
    let t = tail_size(n);
    let units = units
        .into_iter()
        .map(|(key, obs)| match obs {
            Observation::Value(v) => {
                let top = ranker.rank_from_top(v) <= t;
                let bottom = ranker.rank_from_bottom(v) <= t;
                let band = match (top, bottom) {
                    (true, false) => Band::OneOfTheHighest,
                    (false, true) => Band::OneOfTheLowest,
                    _ => Band::BroadlyInLine,
                };
                Banded { key, value: Some(v), rank: Some(ranker.rank(v, direction)), placement: Placement::Band(band) }
            }
            other => unranked(key, other),
        })
        .collect();
    Banding { direction, ranked: n, tail: t, quantiles: None, units }
}

fn value_of(o: &Observation) -> Option<Decimal> {
    match o {
        Observation::Value(v) => Some(*v),
        _ => None,
    }
}

/// Places units in `k` quantiles with the public-health rule (PHEindicatormethods
/// `phe_quantile`), stated in the [module documentation](self). Quantile 1 is the
/// notable end.
///
/// ```
/// use policing_stats::{quantiles, Direction};
/// use rust_decimal::Decimal;
/// let obs: Vec<(u32, Decimal)> = (1..=8).map(|i| (i, Decimal::from(i))).collect();
/// let q = quantiles(obs, Direction::HighIsNotable, 4)?;
/// let got: Vec<u32> = q.units().iter().filter_map(|u| u.quantile()).collect();
/// assert_eq!(got, vec![4, 4, 3, 3, 2, 2, 1, 1]);
/// # Ok::<(), policing_stats::StatsError>(())
/// ```
///
/// # Errors
/// [`StatsError::InvalidQuantiles`] when `k` is 0.
pub fn quantiles<K, O: Into<Observation>>(
    units: impl IntoIterator<Item = (K, O)>,
    direction: Direction,
    k: u32,
) -> Result<Banding<K>> {
    if k == 0 {
        return Err(StatsError::InvalidQuantiles { quantiles: k });
    }
    let units: Vec<(K, Observation)> = units.into_iter().map(|(key, o)| (key, o.into())).collect();
    let ranker = Ranker::new(units.iter().filter_map(|(_, o)| value_of(o)));
    let n = ranker.len();
    let units = units
        .into_iter()
        .map(|(key, obs)| match obs {
            Observation::Value(v) => {
                let rank = ranker.rank(v, direction);
                let placement =
                    if n < k as usize { Placement::TooFewUnits } else { Placement::Quantile(phe_quantile(n, rank, k)) };
                Banded { key, value: Some(v), rank: Some(rank), placement }
            }
            other => unranked(key, other),
        })
        .collect();
    Ok(Banding { direction, ranked: n, tail: 0, quantiles: Some(k), units })
}

/// `floor((k + 1) - ceil(((n + 1) - rank) / (n / k)))`, 0 becoming 1, in `f64` as R computes it.
#[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn phe_quantile(n: usize, rank: usize, k: u32) -> u32 {
    let (n, rank, k) = (n as f64, rank as f64, f64::from(k));
    let q = ((k + 1.0) - (((n + 1.0) - rank) / (n / k)).ceil()).floor();
    if q <= 0.0 {
        1
    } else {
        q as u32
    }
}

/// Orders observations for display: ranked units by rank, then missing, then excluded.
///
/// Ties in rank keep input order.
pub fn by_rank<K>(units: &mut [Banded<K>]) {
    units.sort_by(|a, b| match (a.rank, b.rank) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    });
}
