//! The charts parse as XML, hold what they should in the right order, and
//! rasterise to a PNG of the expected size.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs,
    reason = "a test: a failure panics with its message"
)]

use policing_figures::*;
use policing_stats::comparison::{compare, Comparison, Method, Units};
use policing_stats::{Exclusion, Statistic};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn units() -> Comparison<String> {
    let mut u = Units::new();
    u.value("Avon".to_owned(), dec!(3.5)).unwrap();
    u.value("Bucks".to_owned(), dec!(9.25)).unwrap();
    u.exclude("City".to_owned(), Exclusion::new("transient population not in the sources").unwrap()).unwrap();
    u.value("Dorset".to_owned(), dec!(6.0)).unwrap();
    u.missing("Essex".to_owned()).unwrap();
    u.value("Wiltshire".to_owned(), dec!(1.75)).unwrap();
    u.value("Kent".to_owned(), dec!(7.5)).unwrap();
    compare(u, &Method::values()).unwrap()
}

/// The units compared by chance alone, values times `multiplier`.
fn funnel(units: Vec<(String, Decimal, Decimal)>, statistic: Statistic, multiplier: f64) -> Comparison<String> {
    let mut u = Units::new();
    for (k, x, n) in units {
        u.counts(k, x, n).unwrap();
    }
    let m = Method::for_statistic(statistic, Decimal::try_from(multiplier).unwrap()).unwrap().chance_alone();
    compare(u, &m).unwrap()
}

fn caption() -> Caption {
    Caption::new("Figure X: Test rate, by force")
        .unit("per 1,000 population")
        .period("12 months to 30 June 2016")
        .source("Source: test data")
        .decimals(2)
}

fn fill(n: &roxmltree::Node) -> String {
    n.attribute("fill").unwrap_or("").to_ascii_uppercase()
}

fn num(n: &roxmltree::Node, a: &str) -> f64 {
    n.attribute(a).unwrap().parse().unwrap()
}

fn texts(doc: &roxmltree::Document) -> Vec<(f64, String)> {
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| (num(&n, "x"), n.text().unwrap_or("").trim().to_owned()))
        .collect()
}

#[test]
fn ranked_bars_hold_one_bar_per_force_in_rank_order() {
    let svg = ranked_bars(&units(), "Wiltshire", Some(dec!(5)), &caption()).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let mut bars: Vec<roxmltree::Node> = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect") && ["#0072B2", "#E69F00"].contains(&fill(n).as_str()))
        .collect();
    assert_eq!(bars.len(), 5, "one bar per force with a value");
    bars.sort_by(|a, b| num(a, "x").total_cmp(&num(b, "x")));
    let heights: Vec<f64> = bars.iter().map(|b| num(b, "height")).collect();
    assert!(heights.windows(2).all(|w| w[0] >= w[1]), "descending: {heights:?}");
    // Wiltshire has the lowest value: the last bar, highlighted.
    assert_eq!(fill(&bars[4]), "#E69F00");
    assert!(bars[..4].iter().all(|b| fill(b) == "#0072B2"));
    // Names under the bars in rank order.
    let names: Vec<String> = texts(&doc)
        .into_iter()
        .filter(|(_, t)| ["Avon", "Bucks", "Dorset", "Kent", "Wiltshire"].contains(&t.as_str()))
        .map(|(_, t)| t)
        .collect();
    assert_eq!(names, ["Bucks", "Kent", "Dorset", "Avon", "Wiltshire"]);
    let all: Vec<String> = texts(&doc).into_iter().map(|(_, t)| t).collect();
    assert!(all.contains(&"England and Wales: 5.00".to_owned()), "{all:?}");
    assert!(all.contains(&"1.75".to_owned()), "the highlighted value: {all:?}");
    assert!(all
        .iter()
        .any(|t| t.contains("City (transient population not in the sources)") && t.contains("Essex (no data)")));
    assert!(all.iter().any(|t| t.contains("Shaded: the top 1 and bottom 1 of 5 forces")), "{all:?}");
    assert!(all.contains(&"Figure X: Test rate, by force".to_owned()));
    assert!(all.contains(&"per 1,000 population, 12 months to 30 June 2016".to_owned()));
    assert!(all.contains(&"Source: test data".to_owned()));
    // The England and Wales line is drawn in vermillion.
    assert!(doc.descendants().any(|n| n.attribute("stroke").is_some_and(|s| s.eq_ignore_ascii_case("#D55E00"))));
    // The shaded tails.
    let tails = doc.descendants().filter(|n| n.has_tag_name("rect") && fill(n) == "#E8E8E8").count();
    assert_eq!(tails, 2);
}

#[test]
fn errors_name_what_is_wrong() {
    let err = ranked_bars(&units(), "Nowhere", None, &caption()).unwrap_err();
    assert!(err.to_string().contains("Nowhere"));
    let mut none = Units::new();
    none.missing("A".to_owned()).unwrap();
    let none = compare(none, &Method::values()).unwrap();
    assert!(matches!(ranked_bars(&none, "", None, &caption()), Err(FigureError::Empty { .. })));
    assert!(line_chart(&[], &[], "", &caption()).is_err());
    assert!(outcome_bars(&[], "A", "England and Wales", &caption()).is_err());
}

#[test]
fn funnel_plot_has_every_point_and_both_limits() {
    let d = |v: i64| Decimal::from(v);
    let units = vec![
        ("Typical".to_owned(), d(30), d(100)),
        ("High".to_owned(), d(1400), d(4000)),
        ("Low".to_owned(), d(1050), d(4000)),
        ("Wiltshire".to_owned(), d(544), d(2000)),
    ];
    let f = funnel(units, Statistic::Proportion, 100.0);
    let svg = funnel_plot(&f, &FunnelOptions::new().highlight("Wiltshire"), &caption().x_axis("offences")).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let circles: Vec<roxmltree::Node> = doc.descendants().filter(|n| n.has_tag_name("circle")).collect();
    assert_eq!(circles.len(), 4);
    assert_eq!(circles.iter().filter(|c| fill(c) == "#E69F00").count(), 1);
    for color in ["#CC79A7", "#009E73"] {
        let lines =
            doc.descendants().filter(|n| n.attribute("stroke").is_some_and(|s| s.eq_ignore_ascii_case(color))).count();
        assert!(lines >= 2, "{color}: {lines}");
    }
    let all: Vec<String> = texts(&doc).into_iter().map(|(_, t)| t).collect();
    assert!(all.iter().any(|t| t.starts_with("Wiltshire: 27.20 (Low (0.025))")), "{all:?}");
    // Units outside the 99.8% limits are labelled too.
    assert!(all.iter().any(|t| t.starts_with("High: ")) && all.iter().any(|t| t.starts_with("Low: ")), "{all:?}");
    assert!(all.contains(&"offences".to_owned()));
}

#[test]
fn line_chart_and_outcome_bars() {
    let periods: Vec<String> = ["2012", "2013", "2014", "2015", "2016"].iter().map(|s| (*s).to_owned()).collect();
    let series = vec![
        Series {
            name: "Wiltshire".to_owned(),
            values: vec![Some(dec!(51.5)), Some(dec!(49.0)), None, Some(dec!(47.5)), Some(dec!(54.3))],
        },
        Series {
            name: "England and Wales".to_owned(),
            values: vec![Some(dec!(70.6)), Some(dec!(66.0)), Some(dec!(63.1)), Some(dec!(63.3)), Some(dec!(68.2))],
        },
    ];
    let svg = line_chart(&periods, &series, "Wiltshire", &caption().decimals(1)).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let all: Vec<String> = texts(&doc).into_iter().map(|(_, t)| t).collect();
    assert!(
        all.contains(&"Wiltshire: 54.3".to_owned()) && all.contains(&"England and Wales: 68.2".to_owned()),
        "{all:?}"
    );
    assert!(periods.iter().all(|p| all.contains(p)));
    assert_eq!(doc.descendants().filter(|n| n.has_tag_name("circle")).count(), 9);
    // Wiltshire has no value for 2014: its line is broken there (two lines, not one across the gap), and said.
    assert_eq!(polylines(&doc, "#E69F00").len(), 2);
    assert_eq!(polylines(&doc, "#D55E00").len(), 1);
    assert!(all.iter().any(|t| t.contains("Wiltshire: no value for 2014")), "{all:?}");

    let rows = vec![
        OutcomeRow {
            label: "1 Charged/Summonsed".to_owned(),
            value: Some(dec!(12.1)),
            england_and_wales: Some(dec!(12.1)),
        },
        OutcomeRow {
            label: "Out-of-court (informal)".to_owned(),
            value: Some(dec!(2.7)),
            england_and_wales: Some(dec!(3.6)),
        },
        OutcomeRow {
            label: "Evidential difficulties (victim supports police action)".to_owned(),
            value: None,
            england_and_wales: None,
        },
    ];
    let svg = outcome_bars(&rows, "Wiltshire Police", "England and Wales", &caption().decimals(1)).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let bars = doc.descendants().filter(|n| n.has_tag_name("rect") && fill(n) == "#0072B2").count();
    assert_eq!(bars, 2);
    let all: Vec<String> = texts(&doc).into_iter().map(|(_, t)| t).collect();
    // Both values in their columns, headed by the names given.
    let at = |t: &str| all.iter().position(|a| a == t);
    assert!(at("Wiltshire Police").is_some() && at("England and Wales").is_some(), "{all:?}");
    let informal = at("Out-of-court (informal)").unwrap();
    assert_eq!(all[informal + 1..informal + 3], ["2.7".to_owned(), "3.6".to_owned()], "{all:?}");
    assert_eq!(all.iter().filter(|t| *t == "-").count(), 2, "a row without values: {all:?}");
    assert!(!all.iter().any(|t| t.contains("E&W")), "the comparison is named as given");
}

#[test]
fn renders_to_a_png_of_the_right_size() {
    let svg = ranked_bars(&units(), "Wiltshire", Some(dec!(5)), &caption()).unwrap();
    let tree = resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).unwrap();
    let size = tree.size().to_int_size();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let height: f64 = doc.root_element().attribute("height").unwrap().parse().unwrap();
    assert_eq!((size.width(), f64::from(size.height())), (960, height));
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).unwrap();
    resvg::render(&tree, resvg::tiny_skia::Transform::default(), &mut pixmap.as_mut());
    let png = pixmap.encode_png().unwrap();
    assert!(png.len() > 2_000 && png.starts_with(b"\x89PNG"));
    // Some pixels are the bars' blue, some the highlight's orange.
    let px = pixmap.pixels();
    assert!(px.iter().any(|p| (p.red(), p.green(), p.blue()) == (0x00, 0x72, 0xB2)));
    assert!(px.iter().any(|p| (p.red(), p.green(), p.blue()) == (0xE6, 0x9F, 0x00)));
}

/// The polylines of a colour, as point lists.
fn polylines(doc: &roxmltree::Document<'_>, color: &str) -> Vec<Vec<(f64, f64)>> {
    doc.descendants()
        .filter(|n| n.has_tag_name("polyline") && n.attribute("stroke").is_some_and(|s| s.eq_ignore_ascii_case(color)))
        .map(|n| {
            n.attribute("points")
                .unwrap()
                .split_whitespace()
                .map(|p| {
                    let (x, y) = p.split_once(',').unwrap();
                    (x.parse().unwrap(), y.parse().unwrap())
                })
                .collect()
        })
        .collect()
}

/// The y of a polyline at x (pixels), by linear interpolation.
fn y_at(line: &[(f64, f64)], x: f64) -> Option<f64> {
    line.windows(2).find_map(|w| {
        let ((x1, y1), (x2, y2)) = (w[0], w[1]);
        ((x1 <= x && x <= x2) || (x2 <= x && x <= x1)).then(|| {
            if x2 == x1 {
                y1
            } else {
                y1 + (y2 - y1) * (x - x1) / (x2 - x1)
            }
        })
    })
}

/// Every plotted point's side of each drawn limit line matches its label, for
/// rates and proportions, on linear and logarithmic denominator axes. Circles are
/// drawn in input order, the highlighted unit last.
#[test]
fn every_point_is_on_the_side_of_the_lines_its_label_says() {
    use policing_stats::Significance::*;
    let d = |v: i64| Decimal::from(v);
    // Denominators spanning four orders of magnitude squash the small units into one
    // pixel column on a linear axis (the reason for the logarithmic one), so the wide
    // set is checked on the logarithmic axis only.
    let cases = [
        (
            Statistic::Rate,
            1_000.0,
            vec![
                ("A".to_owned(), d(321), d(300_000)),
                ("B".to_owned(), d(280), d(310_000)),
                ("C".to_owned(), d(160), d(140_000)),
                ("D".to_owned(), d(600), d(700_000)),
                ("E".to_owned(), d(900), d(900_000)),
                ("F".to_owned(), d(70), d(120_000)),
            ],
            vec![false, true],
        ),
        (
            Statistic::Rate,
            1_000.0,
            vec![
                ("A".to_owned(), d(321), d(300_000)),
                ("B".to_owned(), d(28_279), d(29_700_000)),
                ("C".to_owned(), d(12), d(4_000)),
                ("D".to_owned(), d(7), d(20_000)),
                ("E".to_owned(), d(900), d(700_000)),
                ("F".to_owned(), d(2), d(8_760)),
                ("G".to_owned(), d(5_000), d(4_000_000)),
            ],
            vec![true],
        ),
        (
            Statistic::Proportion,
            100.0,
            vec![
                ("A".to_owned(), d(30), d(100)),
                ("B".to_owned(), d(1_400), d(4_000)),
                ("C".to_owned(), d(1_050), d(4_000)),
                ("D".to_owned(), d(544), d(2_000)),
                ("E".to_owned(), d(2), d(9)),
            ],
            vec![false, true],
        ),
    ];
    for (statistic, multiplier, units, axes) in cases {
        for log in axes {
            let f = funnel(units.clone(), statistic, multiplier);
            let svg = funnel_plot(&f, &FunnelOptions::new().highlight("D").log_denominator(log), &caption()).unwrap();
            let doc = roxmltree::Document::parse(&svg).unwrap();
            let circles: Vec<(f64, f64)> = doc
                .descendants()
                .filter(|n| n.has_tag_name("circle"))
                .map(|n| (n.attribute("cx").unwrap().parse().unwrap(), n.attribute("cy").unwrap().parse().unwrap()))
                .collect();
            let mut order: Vec<usize> = (0..units.len()).filter(|i| units[*i].0 != "D").collect();
            order.push(units.iter().position(|u| u.0 == "D").unwrap());
            let green = polylines(&doc, "#009E73");
            let purple = polylines(&doc, "#CC79A7");
            assert_eq!((green.len(), purple.len()), (2, 2), "two lines a level");
            for (circle, i) in circles.iter().zip(order) {
                let label = f.units()[i].significance.unwrap();
                // Pixel y grows downwards: above a line is a smaller y.
                let above = |lines: &[Vec<(f64, f64)>]| {
                    lines.iter().filter(|l| y_at(l, circle.0).is_some_and(|y| circle.1 < y - 0.5)).count()
                };
                let below = |lines: &[Vec<(f64, f64)>]| {
                    lines.iter().filter(|l| y_at(l, circle.0).is_some_and(|y| circle.1 > y + 0.5)).count()
                };
                let side = match (above(&purple), above(&green), below(&purple), below(&green)) {
                    (2, _, _, _) => High001,
                    (_, 2, _, _) => High025,
                    (_, _, 2, _) => Low001,
                    (_, _, _, 2) => Low025,
                    _ => NotSignificant,
                };
                assert_eq!(side, label, "{statistic:?} log {log}: unit {} at {circle:?}", units[i].0);
            }
        }
    }
}
