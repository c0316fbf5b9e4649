//! A profile as one self-contained web page that prints: inline CSS and SVG, no
//! script, no fetch of anything.
//!
//! Each section states its own period; each measure is a table row with its
//! value, England and Wales, rank and band, significance with the verdict's
//! interval, changes, a five-year trend line (the force and England and Wales on
//! one scale, a break of definition marked) with its marker, and a spine chart
//! (the range of forces, the middle half darker, England and Wales at the
//! centre, the force's value marked). What is particular to a row is a numbered
//! note under its section's table, each said once. A key and a plain-words
//! glossary explain the marks; the sources with their vintages, the date the
//! page was made and the tool's version close it. Significance is told by
//! colour and by shape and words, so the page reads in grey too.
//!
//! The print stylesheet sets A4 landscape, repeats each table's header row on
//! every page and never splits a row across pages.

use std::fmt::Write as _;

use chrono::Datelike;
use policing_stats::{Band, Significance};
use rust_decimal::prelude::ToPrimitive;

use policing_stats::change::Change;

use crate::columns::{change_against_words, change_words, places_for, rank_words, value_words};
use crate::indicator::{period_words, SeriesBreak, SeriesPoint};
use crate::row::{Profile, ProfileRow, Spine};

/// When a page was made and by which version of the tool: printed at its foot.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Stamp {
    /// The date the page was made (`YYYY-MM-DD`).
    pub generated: String,
    /// The version of the library or tool that made it.
    pub version: String,
}

impl Stamp {
    /// A stamp.
    #[must_use]
    pub fn new(generated: impl Into<String>, version: impl Into<String>) -> Stamp {
        Stamp { generated: generated.into(), version: version.into() }
    }

    /// Today's date (UTC) and this crate's version. `SOURCE_DATE_EPOCH` (seconds
    /// since 1970, the reproducible-builds convention) fixes the date when set.
    #[must_use]
    pub fn today() -> Stamp {
        let fixed = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse::<i64>().ok());
        let secs = fixed.unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0))
        });
        let date = chrono::DateTime::from_timestamp(secs, 0).map_or_else(String::new, |d| d.date_naive().to_string());
        Stamp::new(date, env!("CARGO_PKG_VERSION"))
    }
}

/// Text made safe for HTML (also inside attributes).
#[must_use]
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;margin:1.5rem auto;max-width:1400px;padding:0 .75rem;color:#222;background:#fff;font-size:15px}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.1rem;margin:1.6rem 0 .3rem;border-bottom:2px solid #222;padding-bottom:.2rem}
p{overflow-wrap:anywhere}p.lede{margin:.2rem 0 .6rem;color:#444}
table{border-collapse:collapse;width:100%;font-size:.74rem;line-height:1.25}
th,td{padding:.28rem .3rem;border-bottom:1px solid #ddd;text-align:right;vertical-align:middle}
thead th{background:#f2f2f2;font-weight:600;vertical-align:bottom}
td.num,th.num{white-space:nowrap}
td.name,th.name{text-align:left}td.name{min-width:9rem;overflow-wrap:break-word}
.small{display:block;color:#555;font-size:.66rem;font-weight:normal}span.num{white-space:nowrap}
td.sig{text-align:left;min-width:6.5rem}td.chg{min-width:5rem}td.trend{text-align:left;min-width:6rem}
td.notes{text-align:left;color:#555;min-width:2.5rem}
.high3{background:#f6c7a8}.high2{background:#fbe3d3}.low3{background:#b3d4ea}.low2{background:#deebf5}.none{background:#fff}
p.caption{font-size:.8rem;color:#444;margin:.2rem 0 .4rem}
ol.notes{font-size:.72rem;color:#333;margin:.4rem 0 0;padding-left:2rem}ol.notes li{margin:.1rem 0;overflow-wrap:anywhere}
.legend{display:flex;flex-wrap:wrap;gap:.4rem 1rem;font-size:.78rem;margin:.4rem 0;align-items:center}
.legend span{display:inline-flex;align-items:center;gap:.3rem}
dl.glossary{font-size:.78rem;margin:.4rem 0;display:grid;grid-template-columns:max-content 1fr;gap:.2rem .8rem}
dl.glossary dt{font-weight:600}dl.glossary dd{margin:0;overflow-wrap:anywhere}
footer{margin-top:1.5rem;font-size:.78rem;color:#444}footer li{margin:.15rem 0;overflow-wrap:anywhere}
svg{display:block}
a{color:#0b5394}
@page{size:A4 landscape;margin:9mm}
@media print{
body{margin:0;max-width:none;padding:0;font-size:10px}
table{font-size:7.4pt}thead{display:table-header-group}tr{break-inside:avoid;page-break-inside:avoid}
h2{break-after:avoid;page-break-after:avoid}p.caption{break-after:avoid}
.high3,.high2,.low3,.low2{-webkit-print-color-adjust:exact;print-color-adjust:exact}
a{color:inherit;text-decoration:none}
}
";

/// The CSS class of a significance (its cell's colour).
fn class(s: Option<Significance>) -> &'static str {
    match s {
        Some(Significance::High001) => "high3",
        Some(Significance::High025) => "high2",
        Some(Significance::Low001) => "low3",
        Some(Significance::Low025) => "low2",
        _ => "none",
    }
}

/// The marker of a significance as SVG at `(x, y)`: a triangle up for high, down
/// for low, a circle otherwise; filled for 0.001, outlined for 0.025.
fn marker(s: Option<Significance>, x: f64, y: f64) -> String {
    let (high, low, strong) = ("#D55E00", "#0072B2", matches!(s, Some(Significance::High001 | Significance::Low001)));
    match s {
        Some(Significance::High001 | Significance::High025) => {
            let fill = if strong { high } else { "#fff" };
            format!(
                "<path d=\"M{x:.1} {:.1} L{:.1} {:.1} L{:.1} {:.1} Z\" fill=\"{fill}\" stroke=\"{high}\" stroke-width=\"1.6\"/>",
                y - 6.0,
                x - 6.0,
                y + 5.0,
                x + 6.0,
                y + 5.0
            )
        }
        Some(Significance::Low001 | Significance::Low025) => {
            let fill = if strong { low } else { "#fff" };
            format!(
                "<path d=\"M{x:.1} {:.1} L{:.1} {:.1} L{:.1} {:.1} Z\" fill=\"{fill}\" stroke=\"{low}\" stroke-width=\"1.6\"/>",
                y + 6.0,
                x - 6.0,
                y - 5.0,
                x + 6.0,
                y - 5.0
            )
        }
        _ => format!(
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"4.5\" fill=\"#fff\" stroke=\"#444\" stroke-width=\"1.6\"/>"
        ),
    }
}

fn f(d: Option<rust_decimal::Decimal>) -> Option<f64> {
    d.and_then(|v| v.to_f64()).filter(|v| v.is_finite())
}

/// A spine chart: the range of forces with England and Wales at the centre
/// (each side scaled to its own extreme, as public-health profiles draw it), the
/// middle half darker, the force's value (or range) marked.
fn spine_svg(spine: &Spine, value: Option<(f64, f64)>, significance: Option<Significance>) -> String {
    let (w, h, pad) = (150.0, 18.0, 7.0);
    let centre = w / 2.0;
    let ew = spine.england_and_wales;
    // A value's x: the left half maps lowest..E&W, the right half E&W..highest.
    let x = |v: f64| -> f64 {
        if !(v.is_finite() && ew.is_finite()) {
            return centre;
        }
        let x = if v <= ew {
            let span = ew - spine.lowest;
            if span > 0.0 {
                centre - (ew - v) / span * (centre - pad)
            } else {
                centre
            }
        } else {
            let span = spine.highest - ew;
            if span > 0.0 {
                centre + (v - ew) / span * (centre - pad)
            } else {
                centre
            }
        };
        x.clamp(pad, w - pad)
    };
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{}\">",
        escape(&format!(
            "range of forces {:.2} to {:.2}, middle half {:.2} to {:.2}, England and Wales {:.2}{}",
            spine.lowest,
            spine.highest,
            spine.lower_quartile,
            spine.upper_quartile,
            ew,
            match value {
                Some((a, b)) if a == b => format!(", this force {a:.2}"),
                Some((a, b)) => format!(", this force {a:.2} to {b:.2}"),
                None => String::new(),
            }
        ))
    );
    let (a, b) = (x(spine.lowest), x(spine.highest));
    let _ = write!(svg, "<rect x=\"{a:.1}\" y=\"5\" width=\"{:.1}\" height=\"8\" fill=\"#d9d9d9\"/>", (b - a).max(0.5));
    let (qa, qb) = (x(spine.lower_quartile), x(spine.upper_quartile));
    let _ =
        write!(svg, "<rect x=\"{qa:.1}\" y=\"5\" width=\"{:.1}\" height=\"8\" fill=\"#9e9e9e\"/>", (qb - qa).max(0.5));
    let _ =
        write!(svg, "<line x1=\"{centre}\" y1=\"1\" x2=\"{centre}\" y2=\"17\" stroke=\"#222\" stroke-width=\"2\"/>");
    match value {
        Some((lo, hi)) if lo < hi => {
            let (xa, xb) = (x(lo), x(hi));
            let _ = write!(
                svg,
                "<rect x=\"{xa:.1}\" y=\"6\" width=\"{:.1}\" height=\"6\" fill=\"#fff\" stroke=\"#444\" stroke-width=\"1.4\"/>",
                (xb - xa).max(2.0)
            );
        }
        Some((v, _)) => svg.push_str(&marker(significance, x(v), 9.0)),
        None => {}
    }
    svg.push_str("</svg>");
    svg
}

/// A five-year trend line: the force (solid) and England and Wales (dashed
/// grey) on one scale, each year a point; a break of definition a red dashed line.
fn trend_svg(force: &[SeriesPoint], ew: &[SeriesPoint], breaks: &[SeriesBreak], label: &str) -> String {
    let (w, h, pad) = (84.0, 26.0, 3.0);
    let values: Vec<f64> = force.iter().chain(ew).filter_map(|p| f(p.value)).collect();
    if force.iter().all(|p| p.value.is_none()) || values.is_empty() {
        return String::new();
    }
    let (lo, hi) = values.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(*v), b.max(*v)));
    let span = if hi > lo { hi - lo } else { 1.0 };
    let n = force.len().max(ew.len()).max(2);
    let x = |i: usize| pad + (w - 2.0 * pad) * i as f64 / (n - 1) as f64;
    let y = |v: f64| h - pad - (h - 2.0 * pad) * (v - lo) / span;
    let line = |points: &[SeriesPoint]| -> String {
        let mut d = String::new();
        let mut pen = false;
        for (i, p) in points.iter().enumerate() {
            match f(p.value) {
                Some(v) => {
                    let _ = write!(d, "{}{:.1} {:.1} ", if pen { "L" } else { "M" }, x(i), y(v));
                    pen = true;
                }
                None => pen = false,
            }
        }
        d
    };
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{}\">",
        escape(label)
    );
    // A break between two points: a dashed red line where the new definition starts.
    for b in breaks {
        let i = force.iter().position(|p| p.period.end() >= b.from);
        if let Some(i) = i.filter(|i| *i > 0) {
            let bx = (x(i - 1) + x(i)) / 2.0;
            let _ = write!(
                svg,
                "<line x1=\"{bx:.1}\" y1=\"0\" x2=\"{bx:.1}\" y2=\"{h}\" stroke=\"#c00\" stroke-width=\"1.2\" stroke-dasharray=\"2 2\"><title>{}</title></line>",
                escape(&b.what)
            );
        }
    }
    let _ = write!(
        svg,
        "<path d=\"{}\" fill=\"none\" stroke=\"#888\" stroke-width=\"1.2\" stroke-dasharray=\"3 2\"/>",
        line(ew).trim_end()
    );
    let _ = write!(svg, "<path d=\"{}\" fill=\"none\" stroke=\"#222\" stroke-width=\"1.6\"/>", line(force).trim_end());
    if let Some((i, v)) = force.iter().enumerate().rev().find_map(|(i, p)| f(p.value).map(|v| (i, v))) {
        let _ = write!(svg, "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"2\" fill=\"#222\"/>", x(i), y(v));
    }
    svg.push_str("</svg>");
    svg
}

/// The page's numbered notes: each text once, numbered in order of first use.
#[derive(Default)]
struct Notes {
    texts: Vec<String>,
}

impl Notes {
    fn number(&mut self, text: &str) -> usize {
        match self.texts.iter().position(|t| t == text) {
            Some(i) => i + 1,
            None => {
                self.texts.push(text.to_owned());
                self.texts.len()
            }
        }
    }
}

const SYMBOLS: [(Significance, &str); 5] = [
    (Significance::High001, "▲▲"),
    (Significance::High025, "▲"),
    (Significance::NotSignificant, "●"),
    (Significance::Low025, "▼"),
    (Significance::Low001, "▼▼"),
];

fn symbol(s: Option<Significance>) -> &'static str {
    SYMBOLS.iter().find(|(k, _)| Some(*k) == s).map_or("", |(_, v)| v)
}

fn row_html(out: &mut String, r: &ProfileRow, notes: &mut Notes) {
    let places = places_for(r);
    let mut numbers: Vec<usize> = r.notes.iter().chain(&r.about).map(|n| notes.number(n)).collect();
    numbers.sort_unstable();
    numbers.dedup();
    let numbers: Vec<String> = numbers.iter().map(ToString::to_string).collect();
    let value = value_words(r.rate, r.range, places);
    let value = if value.is_empty() { "–".to_owned() } else { value };
    let ew = value_words(r.england_and_wales_rate, r.england_and_wales_range, places);
    let count = match (r.count, r.count_range) {
        (Some(c), _) => c.normalize().to_string(),
        (None, Some((a, b))) => format!("{a}–{b}"),
        _ => "–".to_owned(),
    };
    let interval = match (r.lower_95, r.upper_95) {
        (Some(a), Some(b)) => format!("95%: {a:.prec$}–{b:.prec$}", prec = places as usize),
        _ => String::new(),
    };
    let change_cell = |c: Option<&Change>, against: &str| {
        let (main, sub) = match c {
            Some(Change::TooFewEvents { earlier, later }) => {
                (format!("{earlier} then {later}"), "too few events to judge".to_owned())
            }
            Some(Change::NoEarlierEvents { later }) => (format!("0 then {later}"), "none earlier".to_owned()),
            Some(ch) => (
                change_words(Some(ch)),
                ch.interval().map_or_else(String::new, |i| format!("{:+.1}% to {:+.1}%", i.lower, i.upper)),
            ),
            None => (String::new(), String::new()),
        };
        let mut html = escape(&main);
        for s in [sub.as_str(), against].into_iter().filter(|s| !s.is_empty()) {
            let _ = write!(html, "<span class=\"small\">{}</span>", escape(s));
        }
        html
    };
    let spine = r.spine.as_ref().map_or_else(String::new, |s| {
        let v = f(r.rate).map(|v| (v, v)).or_else(|| r.range.and_then(|(a, b)| Some((f(Some(a))?, f(Some(b))?))));
        spine_svg(s, v, r.significance)
    });
    let trend_label = format!(
        "{} over five years{}: {}",
        r.label,
        match (r.series.first(), r.series.last()) {
            (Some(a), Some(b)) => format!(" ({} to {})", a.period.end().year(), b.period.end().year()),
            _ => String::new(),
        },
        r.trend_words()
    );
    let own: Vec<SeriesBreak> = r.breaks.iter().filter(|b| b.breaks_measure).cloned().collect();
    let trend = trend_svg(&r.series, &r.england_and_wales_series, &own, &trend_label);
    let marker = match &r.trend.marker {
        policing_stats::trend::Marker::CannotBeCalculated(_) => "no trend test".to_owned(),
        _ => r.trend_words(),
    };
    let per = r.per.map(|p| format!("per {p}")).unwrap_or_default();
    let period = r.period.map(period_words).unwrap_or_default();
    let group = r.group.as_ref().map(|g| {
        let v = value_words(g.value, g.range, places);
        let rank = rank_words(g.rank, g.of);
        [v, rank].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ")
    });
    let _ = write!(
        out,
        "<tr><td class=\"name\">{}<span class=\"small\">{}</span></td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>{}\
         <td><span class=\"num\">{}</span><span class=\"small\">{}</span></td><td class=\"sig {}\">{} {}<span class=\"small\">{}</span></td>\
         <td class=\"chg\">{}</td><td class=\"chg\">{}</td><td class=\"trend\">{}<span class=\"small\">{}</span></td><td>{}</td><td class=\"notes\">{}</td></tr>",
        escape(&r.label),
        escape(&[period, per].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ")),
        escape(&count),
        escape(&value),
        escape(if ew.is_empty() { "–" } else { &ew }),
        group.map_or_else(String::new, |g| format!("<td class=\"num\">{}</td>", escape(if g.is_empty() { "–" } else { &g }))),
        escape(&rank_words(r.rank, r.of)),
        escape(r.band.map_or("", Band::words)),
        class(r.significance),
        symbol(r.significance),
        escape(r.significance.map_or("", Significance::label)),
        escape(&interval),
        change_cell(r.previous_year_change.as_ref(), change_against_words(r.change_against_england_and_wales)),
        change_cell(r.five_year_change.as_ref(), ""),
        trend,
        escape(&marker),
        spine,
        numbers.join(", "),
    );
}

const LEGEND: &str = "<div class=\"legend\" aria-label=\"key\">\
<span><svg width=\"14\" height=\"14\"><path d=\"M7 1 L1 12 L13 12 Z\" fill=\"#D55E00\" stroke=\"#D55E00\"/></svg>▲▲ High (0.001)</span>\
<span><svg width=\"14\" height=\"14\"><path d=\"M7 1 L1 12 L13 12 Z\" fill=\"#fff\" stroke=\"#D55E00\" stroke-width=\"1.6\"/></svg>▲ High (0.025)</span>\
<span><svg width=\"14\" height=\"14\"><circle cx=\"7\" cy=\"7\" r=\"4.5\" fill=\"#fff\" stroke=\"#444\" stroke-width=\"1.6\"/></svg>● Not significant</span>\
<span><svg width=\"14\" height=\"14\"><path d=\"M7 13 L1 2 L13 2 Z\" fill=\"#fff\" stroke=\"#0072B2\" stroke-width=\"1.6\"/></svg>▼ Low (0.025)</span>\
<span><svg width=\"14\" height=\"14\"><path d=\"M7 13 L1 2 L13 2 Z\" fill=\"#0072B2\" stroke=\"#0072B2\"/></svg>▼▼ Low (0.001)</span>\
<span><svg width=\"40\" height=\"14\"><rect x=\"0\" y=\"3\" width=\"40\" height=\"8\" fill=\"#d9d9d9\"/><rect x=\"12\" y=\"3\" width=\"16\" height=\"8\" fill=\"#9e9e9e\"/><line x1=\"20\" y1=\"0\" x2=\"20\" y2=\"14\" stroke=\"#222\" stroke-width=\"2\"/></svg>spine: the range of forces, the middle half darker, England and Wales at the line</span>\
<span><svg width=\"40\" height=\"14\"><path d=\"M2 11 L14 8 L26 9 L38 3\" fill=\"none\" stroke=\"#222\" stroke-width=\"1.6\"/><path d=\"M2 9 L14 9 L26 8 L38 7\" fill=\"none\" stroke=\"#888\" stroke-width=\"1.2\" stroke-dasharray=\"3 2\"/></svg>trend: the force (solid) and England and Wales (dashed), five years, one scale</span>\
<span><svg width=\"14\" height=\"14\"><line x1=\"7\" y1=\"0\" x2=\"7\" y2=\"14\" stroke=\"#c00\" stroke-width=\"1.2\" stroke-dasharray=\"2 2\"/></svg>a change of definition</span>\
</div>";

const GLOSSARY: &str = "<dl class=\"glossary\">\
<dt>High, Low (0.025)</dt><dd>The force's value is above (below) England and Wales by more than chance and the usual spread between forces would give more than once in 40 times (95% confidence).</dd>\
<dt>High, Low (0.001)</dt><dd>The same, more than once in 1,000 times (99.8% confidence): much stronger evidence.</dd>\
<dt>Not significant</dt><dd>Within what chance and the usual spread between forces allow: no evidence of a difference, which is not evidence of none.</dd>\
<dt>Overdispersion</dt><dd>Forces differ far more than chance alone would make them (places, people and recording differ). The limits are widened by that spread (phi says how much more forces vary than chance), so only a force that stands out from it is marked.</dd>\
<dt>Band</dt><dd>One of the highest (lowest): in the top (bottom) quarter of the forces ranked; broadly in line: between. A position, not a test.</dd>\
<dt>Rank</dt><dd>1 is the highest value. A range of ranks (12–14) belongs to a value known only as a range.</dd>\
<dt>Range</dt><dd>Some data.police.uk outcome categories stand for several outcome types, so a share is known only to lie between two values; it is marked significant only where both ends agree.</dd>\
<dt>Change</dt><dd>The percentage change in the count on the same period a year (five years) earlier, with its exact 95% interval; with fewer than 10 events only the counts. \"Changed more (less) than England and Wales\": the force's change differs from England and Wales's by more than the spread of forces' changes allows.</dd>\
<dt>Trend</dt><dd>Five non-overlapping years tested for a steady rise or fall (99.8%); \"getting better (worse)\" where a higher value is better or worse; \"outlier found\" when one year alone makes the trend.</dd>\
<dt>Not comparable</dt><dd>The measure's definition changed within the years compared (a counting rule, a split of an offence group): no change or trend across it.</dd>\
<dt>Data gap</dt><dd>Figures a force supplied incompletely (outcomes not yet assigned, a category not supplied): left out of the ranking and of England and Wales, with the reason.</dd>\
</dl>";

fn head(title: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><style>{STYLE}</style></head><body>\n",
        escape(title)
    )
}

fn footer(out: &mut String, sources: &[String], stamp: &Stamp) {
    out.push_str("<footer><h2>Sources</h2><ul>");
    for s in sources {
        let _ = write!(out, "<li>{}</li>", escape(s));
    }
    let _ = write!(
        out,
        "<li>Contains public sector information licensed under the Open Government Licence v3.0.</li></ul>\
         <p>Made on {} by policing {} (policing-profile).</p></footer>\n</body></html>\n",
        escape(&stamp.generated),
        escape(&stamp.version)
    );
}

fn multiplicity_words(profile: &Profile) -> String {
    let t = profile.tests;
    format!(
        "Many measures, many tests: this page compares {} with England and Wales on {} measures. If the force were in \
         line with England and Wales on every one of them, chance alone would still mark about {} of them as \
         significant at the 95% level (and about {} at 99.8%). {} {} marked at 95%, {} of them at 99.8%. Read a single \
         95% mark with that in mind; a 99.8% mark is much stronger evidence.",
        profile.force.name(),
        t.made,
        crate::compute::short_count(t.expected_95()),
        crate::compute::short_count(t.expected_998()),
        t.flagged_95,
        if t.flagged_95 == 1 { "is" } else { "are" },
        t.flagged_998
    )
}

/// One force's profile as a self-contained HTML page.
#[must_use]
pub fn page(profile: &Profile, stamp: &Stamp) -> String {
    let force = profile.force.name();
    let period = profile.period.to_string();
    let mut out = head(&format!("{force} — profile, {period}"));
    let _ = writeln!(
        out,
        "<header><h1>{}</h1><p class=\"lede\">Every measure the public data hold for the {}, each for its own period \
         (stated with each section), compared with the forces of England and Wales{}.</p>{LEGEND}</header>",
        escape(force),
        escape(&period),
        profile.group.as_ref().map_or_else(String::new, |g| format!(" and with {}", escape(g)))
    );
    if let Some(why) = profile.force.not_ranked() {
        let _ = writeln!(
            out,
            "<p><strong>{}</strong>: {}. Its counts are shown, and counted in England and Wales's.</p>",
            escape(force),
            escape(why)
        );
    }
    let mut notes = Notes::default();
    for s in &profile.sections {
        let heading = match (s.period, &s.not_held) {
            (Some(p), _) => format!("{} — {}", capitalise(s.section.name()), period_words(p)),
            (None, _) => capitalise(s.section.name()),
        };
        let _ = write!(out, "<h2>{}</h2>", escape(&heading));
        if let Some(not_held) = &s.not_held {
            let _ = writeln!(out, "<p class=\"caption\">{}.</p>", escape(&capitalise(not_held)));
            continue;
        }
        for a in &s.about {
            let _ = write!(out, "<p class=\"caption\">{}</p>", escape(&capitalise(a)));
        }
        let rows: Vec<&ProfileRow> = profile.rows.iter().filter(|r| r.section == s.section).collect();
        let grouped = rows.iter().any(|r| r.group.is_some());
        let _ = writeln!(
            out,
            "<table><thead><tr><th class=\"name\">measure</th><th class=\"num\">count</th><th class=\"num\">value</th><th>England and Wales</th>{}\
             <th>rank<span class=\"small\">band</span></th><th class=\"name\">significance<span class=\"small\">the verdict's 95% interval</span></th>\
             <th>on a year before</th><th>on five years before</th><th class=\"name\">trend</th><th>spine</th><th class=\"name\">notes</th></tr></thead><tbody>",
            if grouped { "<th>group<span class=\"small\">value · rank</span></th>" } else { "" }
        );
        let first = notes.texts.len() + 1;
        for r in &rows {
            row_html(&mut out, r, &mut notes);
            out.push('\n');
        }
        out.push_str("</tbody></table>\n");
        if notes.texts.len() >= first {
            let _ = write!(out, "<ol class=\"notes\" start=\"{first}\">");
            for n in notes.texts.iter().skip(first - 1) {
                let _ = write!(out, "<li>{}</li>", escape(&capitalise(n)));
            }
            out.push_str("</ol>\n");
        }
    }
    let _ = writeln!(out, "<p class=\"caption\">{}</p>", escape(&multiplicity_words(profile)));
    out.push_str("<h2>How to read this page</h2>");
    out.push_str(GLOSSARY);
    out.push_str("<ul class=\"caption\">");
    for n in profile.notes.iter().filter(|n| !n.starts_with("multiplicity")) {
        let _ = write!(out, "<li>{}</li>", escape(&capitalise(n)));
    }
    out.push_str("</ul>");
    footer(&mut out, &profile.sources, stamp);
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

/// The page of every force: a link to each force's page (`file_of`), with its
/// recorded crime rate, rank, band and significance, the key, the glossary and
/// the sources.
#[must_use]
pub fn index(profiles: &[Profile], file_of: &dyn Fn(&Profile) -> String, stamp: &Stamp) -> String {
    let period = profiles.first().map(|p| p.period.to_string()).unwrap_or_default();
    let mut out = head(&format!("Force profiles, {period}"));
    let _ = write!(
        out,
        "<header><h1>Force profiles</h1><p class=\"lede\">Every force of England and Wales, the {}: each page holds every \
         measure the public data hold, each for its own period, compared with all forces.</p>{LEGEND}</header>\n\
         <table><thead><tr><th class=\"name\">force</th><th>recorded crime (excluding fraud) per 1,000 population</th>\
         <th>England and Wales</th><th>rank</th><th>band</th><th class=\"name\">significance</th><th>on a year before</th>\
         <th class=\"name\">trend</th></tr></thead><tbody>\n",
        escape(&period)
    );
    for p in profiles {
        let r = p.row("recorded_crime_excl_fraud");
        let places = r.map_or(1, places_for);
        let _ = writeln!(
            out,
            "<tr><td class=\"name\"><a href=\"{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"sig {}\">{} {}</td><td>{}</td><td class=\"trend\">{}</td></tr>",
            escape(&file_of(p)),
            escape(p.force.name()),
            escape(&r.map(|r| value_words(r.rate, r.range, places)).filter(|s| !s.is_empty()).unwrap_or_else(|| "–".to_owned())),
            escape(&r.map(|r| value_words(r.england_and_wales_rate, r.england_and_wales_range, places)).unwrap_or_default()),
            escape(&r.map(|r| rank_words(r.rank, r.of)).unwrap_or_default()),
            escape(r.and_then(|r| r.band).map_or("", Band::words)),
            class(r.and_then(|r| r.significance)),
            symbol(r.and_then(|r| r.significance)),
            escape(r.and_then(|r| r.significance).map_or("", Significance::label)),
            escape(&r.map(|r| change_words(r.previous_year_change.as_ref())).unwrap_or_default()),
            escape(&r.map(ProfileRow::trend_words).unwrap_or_default()),
        );
    }
    out.push_str("</tbody></table>\n");
    if let Some(p) = profiles.first() {
        out.push_str("<h2>How to read these pages</h2>");
        out.push_str(GLOSSARY);
        out.push_str("<ul class=\"caption\">");
        for n in p.notes.iter().filter(|n| !n.starts_with("multiplicity") && !n.starts_with("comparison group")) {
            let _ = write!(out, "<li>{}</li>", escape(&capitalise(n)));
        }
        out.push_str("</ul>");
        footer(&mut out, &p.sources, stamp);
    } else {
        footer(&mut out, &[], stamp);
    }
    out
}
