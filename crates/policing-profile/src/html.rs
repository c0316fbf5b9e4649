//! A profile as one self-contained web page: inline CSS and SVG, no script, no
//! fetch of anything. Each measure is a table row with a spine chart (the range
//! of forces, the middle half darker, England and Wales at the centre, the
//! force's value marked), as public-health profiles draw them. Significance is
//! told by colour and by shape and words, so the page reads in grey too.

use std::fmt::Write as _;

use policing_stats::{Band, Significance};

use crate::row::{Profile, ProfileRow, Section, Spine};

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
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;margin:2rem auto;max-width:1280px;padding:0 1rem;color:#222;background:#fff}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:2rem 0 .5rem;border-bottom:2px solid #222;padding-bottom:.2rem}
p.lede{margin:.2rem 0 1rem;color:#444}
div.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;font-size:.8rem}
th,td{padding:.3rem .45rem;border-bottom:1px solid #ddd;text-align:right;vertical-align:middle}
th{background:#f2f2f2;font-weight:600;position:sticky;top:0}
td.name,th.name{text-align:left;max-width:22rem}
td.period{text-align:left;color:#555;min-width:5rem}
td.sig{text-align:left;white-space:nowrap}
.high3{background:#f6c7a8}.high2{background:#fbe3d3}.low3{background:#b3d4ea}.low2{background:#deebf5}.none{background:#fff}
td.note{text-align:left;color:#555;font-size:.75rem;min-width:12rem}
td.nowrap,td.rank{white-space:nowrap}p.caption{font-size:.8rem;color:#444;margin:.2rem 0 .5rem}
.legend{display:flex;flex-wrap:wrap;gap:1rem;font-size:.8rem;margin:.5rem 0 1rem;align-items:center}
.legend span{display:inline-flex;align-items:center;gap:.3rem}
footer{margin-top:2rem;font-size:.8rem;color:#444}footer li{margin:.2rem 0}
a{color:#0b5394}
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
                "<path d=\"M{:.1} {:.1} L{:.1} {:.1} L{:.1} {:.1} Z\" fill=\"{fill}\" stroke=\"{high}\" stroke-width=\"1.6\"/>",
                x,
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
                "<path d=\"M{:.1} {:.1} L{:.1} {:.1} L{:.1} {:.1} Z\" fill=\"{fill}\" stroke=\"{low}\" stroke-width=\"1.6\"/>",
                x,
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

/// A spine chart: the range of forces with England and Wales at the centre
/// (each side scaled to its own extreme, as public-health profiles draw it), the
/// middle half darker, the force's value marked.
fn spine_svg(spine: &Spine, value: Option<f64>, significance: Option<Significance>) -> String {
    let (w, h, pad) = (220.0, 18.0, 8.0);
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
            value.map_or_else(String::new, |v| format!(", this force {v:.2}"))
        ))
    );
    let (a, b) = (x(spine.lowest), x(spine.highest));
    let _ = write!(svg, "<rect x=\"{a:.1}\" y=\"5\" width=\"{:.1}\" height=\"8\" fill=\"#d9d9d9\"/>", (b - a).max(0.5));
    let (qa, qb) = (x(spine.lower_quartile), x(spine.upper_quartile));
    let _ =
        write!(svg, "<rect x=\"{qa:.1}\" y=\"5\" width=\"{:.1}\" height=\"8\" fill=\"#9e9e9e\"/>", (qb - qa).max(0.5));
    let _ =
        write!(svg, "<line x1=\"{centre}\" y1=\"1\" x2=\"{centre}\" y2=\"17\" stroke=\"#222\" stroke-width=\"2\"/>");
    if let Some(v) = value {
        svg.push_str(&marker(significance, x(v), 9.0));
    }
    svg.push_str("</svg>");
    svg
}

fn number(v: Option<rust_decimal::Decimal>, places: u32) -> String {
    v.map_or_else(|| "–".to_owned(), |d| d.round_dp(places).to_string())
}

fn band_words(b: Option<Band>) -> &'static str {
    b.map_or("", Band::words)
}

/// Decimal places that show a rate of this size: small rates need more.
fn places_for(r: &ProfileRow) -> u32 {
    let size = r
        .england_and_wales_rate
        .or(r.rate)
        .and_then(|v| rust_decimal::prelude::ToPrimitive::to_f64(&v.abs()))
        .unwrap_or(1.0);
    if size < 0.1 {
        3
    } else if size < 1.0 || r.section == Section::Resources || r.section == Section::Severity {
        2
    } else {
        1
    }
}

/// The profile's multiplicity in plain words, for under the table.
fn multiplicity_words(profile: &Profile) -> String {
    let t = profile.tests;
    let expected = |x: f64| {
        if x >= 10.0 {
            format!("{x:.0}")
        } else if x >= 1.0 {
            format!("{x:.1}")
        } else {
            format!("{x:.2}")
        }
    };
    format!(
        "Many measures, many tests: this page compares {} with England and Wales on {} measures. If the force were in \
         line with England and Wales on every one of them, chance alone would still mark about {} of them as \
         significant at the 95% level (and about {} at 99.8%). {} {} marked at 95%, {} of them at 99.8%. Read a single \
         95% mark with that in mind; a 99.8% mark is much stronger evidence.",
        profile.force.name(),
        t.made,
        expected(t.expected_95()),
        expected(t.expected_998()),
        t.flagged_95,
        if t.flagged_95 == 1 { "is" } else { "are" },
        t.flagged_998
    )
}

fn row_html(out: &mut String, r: &ProfileRow, said_above: &str) {
    let places = places_for(r);
    let interval = match (r.lower_95, r.upper_95) {
        (Some(a), Some(b)) => format!("{a:.prec$}–{b:.prec$}", prec = places as usize),
        _ => String::new(),
    };
    let change = |c: Option<rust_decimal::Decimal>| {
        c.map_or_else(String::new, |v| {
            let v = v.round_dp(1);
            if v > rust_decimal::Decimal::ZERO {
                format!("+{v}%")
            } else {
                format!("{v}%")
            }
        })
    };
    let rank = r.rank.map_or_else(String::new, |k| format!("{k} of {}", r.of));
    let spine = r.spine.as_ref().map_or_else(String::new, |s| {
        spine_svg(s, r.rate.and_then(|v| rust_decimal::prelude::ToPrimitive::to_f64(&v)), r.significance)
    });
    let sig = r.significance.map_or("", Significance::label);
    let symbol = match r.significance {
        Some(Significance::High001) => "▲▲ ",
        Some(Significance::High025) => "▲ ",
        Some(Significance::Low001) => "▼▼ ",
        Some(Significance::Low025) => "▼ ",
        Some(Significance::NotSignificant) => "● ",
        _ => "",
    };
    let count = r.count.map_or_else(|| "–".to_owned(), |c| c.normalize().to_string());
    let _ = write!(
        out,
        "<tr><td class=\"name\">{}</td><td class=\"period\">{}</td><td>{}</td><td class=\"nowrap\">{}</td><td>{}</td><td class=\"rank\">{}</td><td class=\"nowrap\">{}</td>\
         <td class=\"sig {}\">{}{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"note\">{}</td></tr>",
        escape(&r.label),
        escape(&r.period),
        escape(&count),
        escape(&r.range.map_or_else(|| number(r.rate, places), |(lo, hi)| format!("{lo}–{hi}"))),
        escape(&number(r.england_and_wales_rate, places)),
        escape(&rank),
        escape(band_words(r.band)),
        class(r.significance),
        symbol,
        escape(sig),
        escape(&interval),
        escape(&change(r.previous_year_change)),
        escape(&change(r.five_year_change)),
        spine,
        escape(&if said_above.is_empty() { r.note.clone() } else { r.note.replace(said_above, "no rate (see above)") }),
    );
}

const LEGEND: &str = "<div class=\"legend\" aria-label=\"key\">\
<span><svg width=\"14\" height=\"14\"><path d=\"M7 1 L1 12 L13 12 Z\" fill=\"#D55E00\" stroke=\"#D55E00\"/></svg>▲▲ High (0.001)</span>\
<span><svg width=\"14\" height=\"14\"><path d=\"M7 1 L1 12 L13 12 Z\" fill=\"#fff\" stroke=\"#D55E00\" stroke-width=\"1.6\"/></svg>▲ High (0.025)</span>\
<span><svg width=\"14\" height=\"14\"><circle cx=\"7\" cy=\"7\" r=\"4.5\" fill=\"#fff\" stroke=\"#444\" stroke-width=\"1.6\"/></svg>● Not significant</span>\
<span><svg width=\"14\" height=\"14\"><path d=\"M7 13 L1 2 L13 2 Z\" fill=\"#fff\" stroke=\"#0072B2\" stroke-width=\"1.6\"/></svg>▼ Low (0.025)</span>\
<span><svg width=\"14\" height=\"14\"><path d=\"M7 13 L1 2 L13 2 Z\" fill=\"#0072B2\" stroke=\"#0072B2\"/></svg>▼▼ Low (0.001)</span>\
<span><svg width=\"40\" height=\"14\"><rect x=\"0\" y=\"3\" width=\"40\" height=\"8\" fill=\"#d9d9d9\"/><rect x=\"12\" y=\"3\" width=\"16\" height=\"8\" fill=\"#9e9e9e\"/><line x1=\"20\" y1=\"0\" x2=\"20\" y2=\"14\" stroke=\"#222\" stroke-width=\"2\"/></svg>range of forces, middle half darker, England and Wales at the line</span>\
</div>";

/// One force's profile as a self-contained HTML page.
#[must_use]
pub fn page(profile: &Profile) -> String {
    let mut out = String::with_capacity(64 << 10);
    let force = profile.force.name();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} — profile, {}</title><style>{STYLE}</style></head><body>\n<header><h1>{}</h1><p class=\"lede\">Every measure the \
         public data hold, the {}, compared with the forces of England and Wales. Rates are per the unit each row names; \
         significance is against funnel limits widened for how much forces vary beyond chance.</p>{LEGEND}</header>\n",
        escape(force),
        escape(&profile.year),
        escape(force),
        escape(&profile.year)
    );
    // The reason City of London has no rates, said once at the top rather than on every row.
    let said_above = if profile.force == policing_forces::Force::CityOfLondon {
        "rate: City of London's resident population is not its PEEL denominator (the inspectorate adds a transient \
         population that no source here gives): its rates are not available and it is not ranked"
    } else {
        ""
    };
    if !said_above.is_empty() {
        let _ = writeln!(
            out,
            "<p><strong>{}</strong> has no PEEL population denominator: its residents are not its policed population \
             (the inspectorate adds a transient population that no source here gives), so its rates are not available \
             and it is not ranked. Its counts are shown.</p>",
            escape(force)
        );
    }
    let mut section = None;
    for r in &profile.rows {
        if section != Some(r.section) {
            if section.is_some() {
                out.push_str("</tbody></table></div>\n");
            }
            section = Some(r.section);
            let _ = write!(out, "<h2>{}</h2>", escape(&capitalise(r.section.name())));
            // What holds for the section's rows, once.
            let mut captions: Vec<&str> = Vec::new();
            for c in profile.rows.iter().filter(|x| x.section == r.section).map(|x| x.caption.as_str()) {
                if !c.is_empty() && !captions.contains(&c) {
                    captions.push(c);
                }
            }
            for c in captions {
                let _ = write!(out, "<p class=\"caption\">{}</p>", escape(c));
            }
            let _ = writeln!(
                out,
                "<div class=\"scroll\"><table><thead><tr><th class=\"name\">measure</th><th class=\"name\">period</th><th>count</th>\
                 <th>rate</th><th>England and Wales</th><th>rank</th><th>band</th><th class=\"name\">significance</th>\
                 <th>95% interval</th><th>on a year before</th><th>on five years before</th><th>spine</th><th class=\"name\">note</th></tr></thead><tbody>"
            );
        }
        row_html(&mut out, r, said_above);
        out.push('\n');
    }
    if section.is_some() {
        out.push_str("</tbody></table></div>\n");
    }
    let _ = writeln!(out, "<p class=\"multiplicity\">{}</p>", escape(&multiplicity_words(profile)));
    out.push_str("<footer><h2>Notes</h2><ul>");
    for n in &profile.notes {
        let _ = write!(out, "<li>{}</li>", escape(n));
    }
    out.push_str("</ul><h2>Sources</h2><ul>");
    for s in &profile.sources {
        let _ = write!(out, "<li>{}</li>", escape(s));
    }
    out.push_str("<li>Contains public sector information licensed under the Open Government Licence v3.0.</li></ul></footer>\n</body></html>\n");
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

/// The page of every force: a link to each force's page (`file_of`), with its
/// recorded crime rate, rank and band.
#[must_use]
pub fn index(profiles: &[Profile], file_of: &dyn Fn(&Profile) -> String) -> String {
    let mut out = String::new();
    let year = profiles.first().map_or("", |p| p.year.as_str());
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Force profiles, {}</title><style>{STYLE}</style></head><body>\n<header><h1>Force profiles</h1>\
         <p class=\"lede\">Every force of England and Wales, the {}: each page holds every measure the public data hold, \
         compared with all forces.</p></header>\n<table><thead><tr><th class=\"name\">force</th>\
         <th>recorded crime (excluding fraud) per 1,000</th><th>rank</th><th>band</th><th class=\"name\">significance</th></tr></thead><tbody>\n",
        escape(year),
        escape(year)
    );
    for p in profiles {
        let r = p.row("recorded_crime_excl_fraud");
        let _ = writeln!(
            out,
            "<tr><td class=\"name\"><a href=\"{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td class=\"sig {}\">{}</td></tr>",
            escape(&file_of(p)),
            escape(p.force.name()),
            escape(&number(r.and_then(|r| r.rate), 1)),
            escape(&r.and_then(|r| r.rank.map(|k| format!("{k} of {}", r.of))).unwrap_or_default()),
            escape(band_words(r.and_then(|r| r.band))),
            class(r.and_then(|r| r.significance)),
            escape(r.and_then(|r| r.significance).map_or("", Significance::label)),
        );
    }
    out.push_str("</tbody></table>\n<footer>Contains public sector information licensed under the Open Government Licence v3.0.</footer>\n</body></html>\n");
    out
}
