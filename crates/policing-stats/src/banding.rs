//! Banding units against each other: the inspectorate's "one of the highest /
//! broadly in line / one of the lowest", and the public-health quantile rule.
//!
//! # The inspectorate's rule, made exact
//!
//! HMIC ranks the forces on a measure and highlights "the top and bottom 25
//! percent" (annex A of the Wiltshire 2016 report). The report does not say how
//! ties or a quarter of a force are handled, so this crate fixes the rule:
//!
//! 1. **Who is ranked.** Only units with a value that is comparable. Units that
//!    are [`Observation::Excluded`] (with a reason) or [`Observation::Missing`]
//!    are not ranked, do not count towards `n`, and get no band. A unit whose
//!    value is known only within a range (a published category that stands for
//!    several outcome types) is ranked with both ends of its range (rule 6).
//! 2. **Enough units.** With fewer than 4 ranked units nobody is banded
//!    ([`Placement::TooFewUnits`]): a quarter of three units is not a quarter.
//! 3. **Tail size.** With `n` ranked units each tail holds `t = floor((n + 2) / 4)`
//!    units: a quarter of `n` rounded to the nearest whole unit, halves rounded up.
//!    So 43 units give 11, 42 give 11, 41 give 10, 40 give 10 and 4 give 1.
//! 4. **Ranks.** Ranks are competition ranks: tied values share the best
//!    (minimum) rank, and the next value skips (1, 2, 2, 4). The rank counted from
//!    the top is `1 + (number of units with a strictly higher value)`, from the
//!    bottom `1 + (number with a strictly lower value)`.
//! 5. **Bands and ties.** A unit's *position* from the top is its rank from the
//!    top when it is not tied, and the mean of the places its tie group occupies
//!    when it is (a tie of three at ranks 10, 11 and 12 is at position 11). A unit
//!    is [`Band::OneOfTheHighest`] when its position from the top is at most `t`,
//!    [`Band::OneOfTheLowest`] when its position from the bottom is at most `t`,
//!    and [`Band::BroadlyInLine`] otherwise. Tied units therefore always share a
//!    band, and **a tie that straddles the cut joins the tail only when most of
//!    it lies inside the tail**: 23 forces tied at zero at the bottom of 43
//!    (positions 1 to 23, mean 12, tail 11) are broadly in line, not 23 "lowest"
//!    of 43. A tail can so hold a few more or fewer than `t` units
//!    ([`Banding::highest_count`] says how many it holds).
//! 6. **Ranges.** A unit known only within `[low, high]` has a rank range: its
//!    best rank with its high end against everyone else's low ends, its worst
//!    with its low end against everyone else's high ends (and the same for units
//!    whose rank is moved by another's range). It is banded only when both
//!    extremes give the same band ([`Placement::Unsettled`] otherwise): every
//!    value in the ranges then gives that band.
//! 7. **Direction.** The band words always describe the value ("one of the
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
//! A unit with a rank range gets a quantile only when both ends give the same one.

use std::cmp::Ordering;
use std::fmt;

use rust_decimal::Decimal;

use crate::error::{Result, StatsError};
use crate::exclusion::Exclusion;

/// One unit's input to a banding: its value, or why it has none.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
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
#[allow(clippy::exhaustive_enums, reason = "a closed list the crates match on exhaustively")]
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
#[allow(clippy::exhaustive_enums, reason = "a closed list the crates match on exhaustively")]
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
    /// Ranked, but too few units were ranked for the rule: fewer than 4 for the
    /// bands, fewer than `k` for `k` quantiles.
    TooFewUnits,
    /// Ranked with a range of ranks whose ends fall in different bands (or quantiles).
    Unsettled,
    /// Not ranked: the unit has no value.
    Missing,
    /// Not ranked: the unit is excluded, with the reason.
    Excluded(Exclusion),
}

/// A rank from the notable end: one place, or the range of places a unit known
/// only within a range of values can take.
///
/// ```
/// use policing_stats::Rank;
/// assert_eq!(Rank::exact(3).to_string(), "3");
/// assert_eq!(Rank::between(12, 14).to_string(), "12-14");
/// assert_eq!(Rank::between(12, 14).single(), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Rank {
    /// The best (smallest) rank the unit can have.
    pub best: usize,
    /// The worst (largest) rank the unit can have; equal to `best` for an exact value.
    pub worst: usize,
}

impl Rank {
    /// One place.
    #[must_use]
    pub fn exact(rank: usize) -> Rank {
        Rank { best: rank, worst: rank }
    }

    /// A range of places, in either order.
    #[must_use]
    pub fn between(a: usize, b: usize) -> Rank {
        Rank { best: a.min(b), worst: a.max(b) }
    }

    /// The rank when it is one place.
    #[must_use]
    pub fn single(self) -> Option<usize> {
        (self.best == self.worst).then_some(self.best)
    }
}

impl fmt::Display for Rank {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.single() {
            Some(r) => write!(f, "{r}"),
            None => write!(f, "{}-{}", self.best, self.worst),
        }
    }
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
    /// (0 for a quantile banding, or when fewer than 4 units are ranked).
    #[must_use]
    pub fn tail(&self) -> usize {
        self.tail
    }

    /// The number of quantiles, for a quantile banding.
    #[must_use]
    pub fn quantile_count(&self) -> Option<u32> {
        self.quantiles
    }

    /// How many units were placed "one of the highest" (a tie across the cut can make it differ from [`Banding::tail`]).
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

/// The fewest ranked units the inspectorate's bands are given for.
pub const FEWEST_FOR_BANDS: usize = 4;

/// The rule that places ranked units.
///
/// A closed set: the inspectorate's bands, or public-health quantiles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Rule {
    /// The inspectorate's top and bottom quarter ([`band`]).
    Bands,
    /// `k` public-health quantiles ([`quantiles`]), 1 at the notable end.
    Quantiles(u32),
}

/// Every ranked unit's value bounds, sorted, for counting values above and below.
pub(crate) struct Ranker {
    lows: Vec<Decimal>,
    highs: Vec<Decimal>,
}

/// Counts of other units' values against one value.
struct Against {
    above: usize,
    equal: usize,
}

impl Ranker {
    pub(crate) fn new(bounds: &[(Decimal, Decimal)]) -> Self {
        let mut lows: Vec<Decimal> = bounds.iter().map(|b| b.0).collect();
        let mut highs: Vec<Decimal> = bounds.iter().map(|b| b.1).collect();
        lows.sort_unstable();
        highs.sort_unstable();
        Ranker { lows, highs }
    }

    fn len(&self) -> usize {
        self.lows.len()
    }

    /// Other units whose value in `sorted` is above and equal to `v`; `own` is
    /// the unit's own entry in `sorted`, not counted.
    fn against(sorted: &[Decimal], v: Decimal, own: Decimal) -> Against {
        let not_above = sorted.partition_point(|x| *x <= v);
        let below = sorted.partition_point(|x| *x < v);
        let mut above = sorted.len() - not_above;
        let mut equal = not_above - below;
        if own > v {
            above -= 1;
        } else if own == v {
            equal -= 1;
        }
        Against { above, equal }
    }

    /// Other units whose value in `sorted` is below `v` (`own` not counted).
    fn below(sorted: &[Decimal], v: Decimal, own: Decimal) -> usize {
        let below = sorted.partition_point(|x| *x < v);
        if own < v {
            below - 1
        } else {
            below
        }
    }

    /// The unit `(low, high)`'s places: its competition rank range from the
    /// notable end, and its best and worst positions from the top (ties at the
    /// mean of the places they occupy), doubled so that they stay whole numbers.
    fn places(&self, (low, high): (Decimal, Decimal), direction: Direction) -> (Rank, usize, usize) {
        // Best case for a high place: the unit at its high end, the others at their low ends.
        let best = Self::against(&self.lows, high, low);
        // Worst case: the unit at its low end, the others at their high ends.
        let worst = Self::against(&self.highs, low, high);
        let rank = match direction {
            Direction::HighIsNotable => Rank::between(1 + best.above, 1 + worst.above),
            Direction::LowIsNotable => {
                Rank::between(1 + Self::below(&self.highs, low, high), 1 + Self::below(&self.lows, high, low))
            }
        };
        (rank, 2 + 2 * best.above + best.equal, 2 + 2 * worst.above + worst.equal)
    }
}

/// The band of a doubled position `p2` from the top among `n` with tails of `t`.
fn band_at(p2: usize, n: usize, t: usize) -> Band {
    // Position from the bottom, doubled: 2 (n + 1) - p2.
    let from_bottom = 2 * (n + 1) - p2;
    match (p2 <= 2 * t, from_bottom <= 2 * t) {
        (true, false) => Band::OneOfTheHighest,
        (false, true) => Band::OneOfTheLowest,
        _ => Band::BroadlyInLine,
    }
}

/// Ranks and places units known within `(low, high)` by `rule`: each unit's
/// rank range and placement, in input order; with `n` and the tail size.
pub(crate) fn place(
    bounds: &[(Decimal, Decimal)],
    direction: Direction,
    rule: Rule,
) -> (usize, usize, Vec<(Rank, Placement)>) {
    let ranker = Ranker::new(bounds);
    let n = ranker.len();
    let tail = match rule {
        Rule::Bands if n >= FEWEST_FOR_BANDS => tail_size(n),
        _ => 0,
    };
    let placed = bounds
        .iter()
        .map(|&b| {
            let (rank, top2, bottom2) = ranker.places(b, direction);
            let placement = match rule {
                Rule::Bands if n < FEWEST_FOR_BANDS => Placement::TooFewUnits,
                Rule::Bands => {
                    let (a, z) = (band_at(top2, n, tail), band_at(bottom2, n, tail));
                    if a == z {
                        Placement::Band(a)
                    } else {
                        Placement::Unsettled
                    }
                }
                Rule::Quantiles(k) if n < k as usize => Placement::TooFewUnits,
                Rule::Quantiles(k) => {
                    let (a, z) = (phe_quantile(n, rank.best, k), phe_quantile(n, rank.worst, k));
                    if a == z {
                        Placement::Quantile(a)
                    } else {
                        Placement::Unsettled
                    }
                }
            };
            (rank, placement)
        })
        .collect();
    (n, tail, placed)
}

fn unranked<K>(key: K, obs: Observation) -> Banded<K> {
    let placement = match obs {
        Observation::Excluded(x) => Placement::Excluded(x),
        Observation::Missing | Observation::Value(_) => Placement::Missing,
    };
    Banded { key, value: None, rank: None, placement }
}

/// Places values by `rule`, in input order.
fn banding<K>(units: Vec<(K, Observation)>, direction: Direction, rule: Rule) -> Banding<K> {
    let bounds: Vec<(Decimal, Decimal)> = units.iter().filter_map(|(_, o)| value_of(o)).map(|v| (v, v)).collect();
    let (n, tail, placed) = place(&bounds, direction, rule);
    let mut placed = placed.into_iter();
    let units = units
        .into_iter()
        .map(|(key, obs)| match obs {
            Observation::Value(v) => {
                let (rank, placement) = placed.next().unwrap_or((Rank::exact(0), Placement::Missing));
                Banded { key, value: Some(v), rank: Some(rank.best), placement }
            }
            other => unranked(key, other),
        })
        .collect();
    let quantiles = match rule {
        Rule::Quantiles(k) => Some(k),
        Rule::Bands => None,
    };
    Banding { direction, ranked: n, tail, quantiles, units }
}

/// Bands units with the inspectorate's rule, stated exactly in the [module documentation](self).
///
/// Units come back in input order, each with its rank from the notable end and its band.
/// Tables and figures do not call this: they [compare](crate::comparison::compare)
/// units, which bands them by this rule and also tests them.
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
    banding(units, direction, Rule::Bands)
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
    Ok(banding(units, direction, Rule::Quantiles(k)))
}

/// `floor((k + 1) - ceil(((n + 1) - rank) / (n / k)))`, 0 becoming 1, in `f64` as R computes it.
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
