//! One banding rule everywhere: the inspectorate's top and bottom quarter
//! (`policing::stats::banding`) places the same units in the `band` command's
//! function, the recorded crime tables' `band` column and the figures' shading,
//! for every number of units from 4 to 50 and every pattern of ties. The
//! expectation is the rule as the report's annex and DESIGN.md state it,
//! written here plainly: tails of a quarter of `n` rounded to the nearest unit,
//! halves up; a unit is in a tail when more than half of the places its tie
//! group (itself alone when untied) occupies lie inside the tail; a unit in
//! both tails is broadly in line.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs,
    reason = "a test: a failure panics with its message"
)]

use policing::crime::{Denominators, Measure, Offence, RecordedCrime, Unit, YearEnding};
use policing::figures::{ranked_bars, Caption};
use policing::forces::Force;
use policing::stats::{band, compare, Band, Direction, Exclusion, Method, Units};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// The rule written plainly: each value's band among `values`.
fn plain_bands(values: &[i64]) -> Vec<Band> {
    let n = values.len();
    // A quarter of n, to the nearest whole unit, halves up: 42 -> 10.5 -> 11.
    let tail = (n as f64 / 4.0 + 0.5).floor() as usize;
    values
        .iter()
        .map(|v| {
            let above = values.iter().filter(|w| *w > v).count();
            let below = values.iter().filter(|w| *w < v).count();
            let tie = values.iter().filter(|w| *w == v).count();
            // The tie occupies places above + 1 ..= above + tie from the top: how many are in the tail?
            let inside = |beyond: usize| tail.saturating_sub(beyond).min(tie);
            match (2 * inside(above) > tie, 2 * inside(below) > tie) {
                (true, false) => Band::OneOfTheHighest,
                (false, true) => Band::OneOfTheLowest,
                _ => Band::BroadlyInLine,
            }
        })
        .collect()
}

fn fill(n: &roxmltree::Node) -> String {
    n.attribute("fill").unwrap_or("").to_ascii_uppercase()
}

fn num(n: &roxmltree::Node, a: &str) -> f64 {
    n.attribute(a).unwrap().parse().unwrap()
}

/// From a ranked bar chart: whether each bar, left to right, sits on the grey shading.
fn shaded_bars(svg: &str) -> Vec<bool> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let rects: Vec<roxmltree::Node> = doc.descendants().filter(|n| n.has_tag_name("rect")).collect();
    let tails: Vec<(f64, f64)> =
        rects.iter().filter(|n| fill(n) == "#E8E8E8").map(|n| (num(n, "x"), num(n, "x") + num(n, "width"))).collect();
    let mut bars: Vec<f64> = rects
        .iter()
        .filter(|n| ["#0072B2", "#E69F00"].contains(&fill(n).as_str()))
        .map(|n| num(n, "x") + num(n, "width") / 2.0)
        .collect();
    bars.sort_by(f64::total_cmp);
    bars.iter().map(|x| tails.iter().any(|(a, b)| a <= x && x <= b)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn the_band_function_and_the_figure_shading_follow_one_rule(
        values in (4usize..=50).prop_flat_map(|n| proptest::collection::vec(0i64..12, n)),
        spread in 1i64..4,
        left_out in 0usize..3,
        low_is_notable in any::<bool>(),
    ) {
        // Few distinct values make ties of every shape; `spread` varies their size.
        let values: Vec<i64> = values.iter().map(|v| v / spread).collect();
        let want = plain_bands(&values);
        let direction = if low_is_notable { Direction::LowIsNotable } else { Direction::HighIsNotable };
        let banding = band(values.iter().enumerate().map(|(i, v)| (i, Decimal::from(*v))), direction);
        for (i, w) in want.iter().enumerate() {
            prop_assert_eq!(banding.units()[i].band(), Some(*w), "unit {} of {:?}", i, values);
        }
        // The comparison the tables and figures use gives the same bands.
        let mut units = Units::new();
        for (i, v) in values.iter().enumerate() {
            units.value(format!("Force {i}"), *v).unwrap();
        }
        for i in 0..left_out {
            units.exclude(format!("Left out {i}"), Exclusion::new("no data supplied").unwrap()).unwrap();
        }
        let compared = compare(units, &Method::values().direction(direction)).unwrap();
        for (i, w) in want.iter().enumerate() {
            prop_assert_eq!(compared.units()[i].band(), Some(*w), "unit {} of {:?}", i, values);
        }
        // The figure: bars drawn in rank order (ties in input order), shaded iff in a tail.
        let svg = ranked_bars(&compared, "", None, &Caption::new("test")).unwrap();
        let mut order: Vec<usize> = (0..values.len()).collect();
        order.sort_by_key(|i| banding.units()[*i].rank.unwrap());
        let shaded = shaded_bars(&svg);
        prop_assert_eq!(shaded.len(), values.len());
        for (bar, i) in order.iter().enumerate() {
            prop_assert_eq!(shaded[bar], want[*i] != Band::BroadlyInLine, "bar {} (unit {}) of {:?}", bar, i, values);
        }
    }

    /// The recorded crime table's `band` column, for random counts in every force
    /// (42 ranked: City of London has no rate), follows the same rule.
    #[test]
    fn the_crime_tables_band_column_follows_the_rule(counts in proptest::collection::vec(0i64..40, 43)) {
        let year = YearEnding::from_month(2016, 6).unwrap();
        let mut crime = RecordedCrime::new();
        for (force, count) in Force::territorial().zip(&counts) {
            crime.insert(year, force, Offence::SexualOffences, *count).unwrap();
        }
        let table = crime.measure(Measure::Offence(Offence::SexualOffences), year, &Denominators::peel()).unwrap();
        let ranked: Vec<_> = table.forces.iter().filter(|r| r.rate.is_ok()).collect();
        prop_assert_eq!(ranked.len(), 42);
        // Rates are compared exactly (as decimals), so ties are ties of rate, not of count.
        let mut rates: Vec<Decimal> = ranked.iter().map(|r| *r.rate.as_ref().unwrap()).collect();
        let distinct = { let mut d = rates.clone(); d.sort(); d.dedup(); d };
        let as_ranks: Vec<i64> = rates.drain(..).map(|r| distinct.binary_search(&r).unwrap() as i64).collect();
        let want = plain_bands(&as_ranks);
        for (row, w) in ranked.iter().zip(&want) {
            prop_assert_eq!(row.band, Some(*w), "{}", row.unit);
        }
        prop_assert!(table.forces.iter().any(|r| r.unit == Unit::Force(Force::CityOfLondon) && r.band.is_none()));
    }
}

#[test]
fn with_42_forces_each_tail_holds_11() {
    let values: Vec<i64> = (0..42).collect();
    let bands = plain_bands(&values);
    assert_eq!(bands.iter().filter(|b| **b == Band::OneOfTheHighest).count(), 11);
    assert_eq!(bands.iter().filter(|b| **b == Band::OneOfTheLowest).count(), 11);
    let banding = band(values.iter().map(|v| (*v, Decimal::from(*v))), Direction::HighIsNotable);
    assert_eq!((banding.tail(), banding.highest_count(), banding.lowest_count()), (11, 11, 11));
}
