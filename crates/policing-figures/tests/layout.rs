//! The layout of every kind of figure, for every force and several periods:
//! every text inside the picture, no two texts overlapping, and no number
//! printed with more decimal places than the value axis shows (or than the
//! caption's `decimals` asks for).
//!
//! Each text's box is measured twice: from the SVG's own attributes with the
//! font metrics of `policing_figures::text_bounds`, and, where DejaVu Sans or
//! Liberation Sans is installed, by laying every fourth picture out with
//! `usvg` in the real face.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs,
    reason = "a test: a failure panics with its message"
)]

use std::sync::OnceLock;

use policing_crime::{Denominators, Measure, YearEnding};
use policing_figures::{
    by_force_figure, funnel_plot, line_chart, outcome_bars, text_bounds, trend_figure, Anchor, Bounds, Caption,
    FunnelOptions, OutcomeRow, Series,
};
use policing_forces::Force;
use policing_stats::comparison::Widening;
use rust_decimal::Decimal;

/// The frame's sizes: the title, the unit and period line, the notes.
const HEADER_AND_NOTES: [f64; 3] = [17.0, 13.0, 11.5];
/// Tick labels.
const TICK: f64 = 11.0;

#[derive(Debug)]
struct Text {
    text: String,
    size: f64,
    bounds: Bounds,
}

fn attr(n: &roxmltree::Node, a: &str) -> f64 {
    n.attribute(a).unwrap_or_else(|| panic!("{a} missing")).parse().unwrap()
}

fn texts(svg: &str) -> (Bounds, Vec<Text>) {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let root = doc.root_element();
    let canvas = Bounds::new(0.0, 0.0, attr(&root, "width"), attr(&root, "height"));
    let out = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| {
            let text = n.text().unwrap_or("").to_owned();
            let size = attr(&n, "font-size");
            let rotation = n
                .attribute("transform")
                .and_then(|t| t.strip_prefix("rotate("))
                .and_then(|t| t.split(',').next())
                .map_or(0, |a| a.trim().parse::<i32>().unwrap());
            let anchor = Anchor::from_svg(n.attribute("text-anchor").unwrap_or("start"));
            let bounds = text_bounds(&text, size, attr(&n, "x"), attr(&n, "y"), anchor, rotation);
            Text { text, size, bounds }
        })
        .collect();
    (canvas, out)
}

/// The decimal places of each number in `text` ("1,234.5" has 1).
/// Each number in a text: its decimal places, and the places three
/// significant figures of it need (at least one).
fn decimals(text: &str) -> Vec<(usize, usize)> {
    // A funnel label's significance is a name, not a value: "(High (0.001))".
    let text = text.replace("(0.001)", "").replace("(0.025)", "");
    let mut out = Vec::new();
    for token in text.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')) {
        let token = token.trim_matches(|c| c == '.' || c == ',');
        if !token.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        let places = token.rsplit_once('.').map_or(0, |(_, f)| f.len());
        let x: f64 = token.replace(',', "").parse().unwrap_or(0.0);
        let three = if x == 0.0 { 1 } else { (2 - x.abs().log10().floor() as i64).max(1) as usize };
        out.push((places, three));
    }
    out
}

fn fonts() -> Option<&'static resvg::usvg::Options<'static>> {
    static OPTIONS: OnceLock<Option<resvg::usvg::Options<'static>>> = OnceLock::new();
    OPTIONS
        .get_or_init(|| {
            let mut options = resvg::usvg::Options::default();
            options.fontdb_mut().load_system_fonts();
            let has = |family: &str| options.fontdb.faces().any(|f| f.families.iter().any(|(n, _)| n == family));
            if has("DejaVu Sans") || has("Liberation Sans") {
                Some(options)
            } else {
                eprintln!("neither DejaVu Sans nor Liberation Sans is installed: boxes from the metrics table only");
                None
            }
        })
        .as_ref()
}

/// Every text's box as a real face lays it out.
fn real_boxes(svg: &str) -> Option<Vec<(String, Bounds)>> {
    let options = fonts()?;
    let tree = resvg::usvg::Tree::from_str(svg, options).unwrap();
    fn walk(group: &resvg::usvg::Group, out: &mut Vec<(String, Bounds)>) {
        for node in group.children() {
            match node {
                resvg::usvg::Node::Group(g) => walk(g, out),
                resvg::usvg::Node::Text(t) => {
                    let r = t.abs_bounding_box();
                    let text: String = t.chunks().iter().map(|c| c.text()).collect();
                    out.push((
                        text,
                        Bounds::new(
                            f64::from(r.left()),
                            f64::from(r.top()),
                            f64::from(r.right()),
                            f64::from(r.bottom()),
                        ),
                    ));
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(tree.root(), &mut out);
    Some(out)
}

/// The checks, for one picture.
fn check(name: &str, svg: &str, caption_decimals: Option<usize>) {
    let (canvas, texts) = texts(svg);
    for t in &texts {
        assert!(t.bounds.within(&canvas, 0.5), "{name}: {:?} leaves the picture: {:?} in {canvas:?}", t.text, t.bounds);
    }
    for (i, a) in texts.iter().enumerate() {
        for b in &texts[i + 1..] {
            assert!(!a.bounds.overlaps(&b.bounds, 0.5), "{name}: {:?} overlaps {:?}", a.text, b.text);
        }
    }
    let tick_places = texts
        .iter()
        .filter(|t| {
            (t.size - TICK).abs() < 1e-9
                && t.text.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',' || c == '-')
        })
        .flat_map(|t| decimals(&t.text))
        .map(|(d, _)| d)
        .max()
        .unwrap_or(0);
    // Values are printed at their own precision: no more places than three significant figures need (or
    // than the caption asks for), and never more than six.
    for t in texts.iter().filter(|t| !HEADER_AND_NOTES.iter().any(|s| (t.size - s).abs() < 1e-9)) {
        for (d, three) in decimals(&t.text) {
            let allowed = caption_decimals.unwrap_or(three.max(tick_places).min(6));
            assert!(d <= allowed, "{name}: {:?} has {d} decimal places; at most {allowed}", t.text);
        }
    }
    // Laying text out in a real face is slow in a debug build: every fourth picture.
    static SEEN: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    if !SEEN.fetch_add(1, std::sync::atomic::Ordering::Relaxed).is_multiple_of(4) {
        return;
    }
    if let Some(real) = real_boxes(svg) {
        assert_eq!(real.len(), texts.len(), "{name}: every text laid out");
        for (text, b) in &real {
            assert!(b.within(&canvas, 0.5), "{name}: {text:?} leaves the picture in the real face: {b:?}");
        }
        for (i, (ta, a)) in real.iter().enumerate() {
            for (tb, b) in &real[i + 1..] {
                assert!(!a.overlaps(b, 0.5), "{name}: {ta:?} overlaps {tb:?} in the real face");
            }
        }
    }
}

fn crime() -> &'static policing_crime::RecordedCrime {
    static TABLE: OnceLock<policing_data::recorded_crime::PfaTable> = OnceLock::new();
    &TABLE.get_or_init(|| policing_data::recorded_crime::shipped().unwrap()).crime
}

const PERIODS: [&str; 3] = ["2013-03", "2016-06", "2018-03"];

#[test]
fn figures_1_and_2_for_every_force_and_period() {
    let d = Denominators::peel();
    let mut n = 0;
    for period in PERIODS {
        let year: YearEnding = period.parse().unwrap();
        for force in Force::territorial() {
            let svg = trend_figure(crime(), force, Measure::RecordedCrimeExclFraud, year, &d).unwrap();
            check(&format!("trend {force} {period}"), &svg, Some(1));
            let svg = by_force_figure(crime(), Some(force), Measure::VictimBasedCrime, year, &d).unwrap();
            check(&format!("by force {force} {period}"), &svg, Some(1));
            n += 2;
        }
    }
    assert_eq!(n, 3 * 43 * 2);
}

#[test]
fn funnel_plots_for_every_force_on_both_axes() {
    let d = Denominators::peel();
    for (p, period) in PERIODS.iter().enumerate() {
        let year: YearEnding = period.parse().unwrap();
        let table = crime().measure(Measure::RecordedCrimeExclFraud, year, &d).unwrap();
        let names: Vec<String> =
            table.forces.iter().filter(|r| r.significance.is_some()).map(|r| r.unit.to_string()).collect();
        let adjusted = table.comparison;
        let chance =
            crime().measure_with(Measure::RecordedCrimeExclFraud, year, &d, Widening::ChanceAlone).unwrap().comparison;
        for (i, name) in names.iter().enumerate() {
            // Every force highlighted in the adjusted funnel of 2016; every fifth otherwise (the
            // exact Poisson lines of chance alone take a while to compute in a debug build).
            let every = p == 1;
            for (f, kind) in [(&chance, "chance"), (&adjusted, "adjusted")] {
                if !(every && kind == "adjusted") && i % 5 != 0 {
                    continue;
                }
                for log in [false, true] {
                    let caption = Caption::new("Recorded crime per 1,000 population against population")
                        .unit("crimes per 1,000 population")
                        .period(*period)
                        .source("Source: ONS")
                        .x_axis("population");
                    let svg =
                        funnel_plot(f, &FunnelOptions::new().highlight(name.clone()).log_denominator(log), &caption)
                            .unwrap();
                    check(&format!("funnel {kind} log {log} {name} {period}"), &svg, None);
                    assert!(
                        texts(&svg).1.iter().any(|t| t.text.starts_with(&format!("{name}: "))),
                        "{name} is labelled"
                    );
                }
            }
        }
    }
}

#[test]
fn line_charts_with_many_series_and_outcome_bars_for_every_force() {
    let d = Denominators::peel();
    let year: YearEnding = "2016-06".parse().unwrap();
    let forces: Vec<Force> = Force::territorial().filter(|f| *f != Force::CityOfLondon).collect();
    for chunk in forces.chunks(9) {
        let mut series = Vec::new();
        let mut periods = Vec::new();
        for f in chunk {
            let trend =
                crime().rolling_rates(policing_crime::Unit::Force(*f), Measure::RecordedCrimeExclFraud, year, 21, &d);
            periods = trend.iter().map(|(y, _)| y.end().format("%b %Y").to_string()).collect();
            series.push(Series {
                name: f.name().to_owned(),
                values: trend.iter().map(|(_, r)| r.clone().ok()).collect(),
            });
        }
        let caption = Caption::new("Recorded crime per 1,000 population, nine forces").unit("per 1,000 population");
        let svg = line_chart(&periods, &series, chunk[0].name(), &caption).unwrap();
        check(&format!("lines from {}", chunk[0]), &svg, None);
    }

    // Each force's 2016 crimes by last outcome, against England and Wales.
    let counts = policing_data::yearly::shipped().unwrap();
    let mut ew: std::collections::BTreeMap<String, u64> = Default::default();
    let mut ew_total = 0;
    for f in Force::territorial() {
        for (o, n) in counts.outcomes(f, 2016) {
            *ew.entry(o.to_string()).or_default() += n;
            ew_total += n;
        }
    }
    for f in Force::territorial() {
        let total: u64 = counts.outcomes(f, 2016).values().sum();
        let rows: Vec<OutcomeRow> = counts
            .outcomes(f, 2016)
            .into_iter()
            .map(|(o, n)| OutcomeRow {
                label: o.to_string(),
                value: Some(Decimal::from(n * 100) / Decimal::from(total.max(1))),
                england_and_wales: Some(Decimal::from(ew[&o.to_string()] * 100) / Decimal::from(ew_total)),
            })
            .collect();
        let caption = Caption::new(format!("Last outcomes of crimes recorded in 2016, {}", f.name()))
            .unit("percentage of crimes recorded")
            .period("2016");
        let svg = outcome_bars(&rows, f.name(), "England and Wales", &caption).unwrap();
        check(&format!("outcomes {f}"), &svg, None);
    }
}
