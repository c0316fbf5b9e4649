//! A small SVG writer that keeps the box of every text it writes, so that
//! labels placed later can keep off them.

use std::fmt::Write as _;

use crate::style::Colour;
use crate::text::{text_bounds, Anchor, Bounds, FONT_FAMILY};

/// Escapes text for an SVG element or attribute; characters XML cannot hold
/// ([`crate::unwritable`]) become U+FFFD, tab and line ends a space.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if crate::guard::unwritable(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A number for an attribute: two decimals at most, no "-0".
fn n(v: f64) -> String {
    let r = (v * 100.0).round() / 100.0;
    if r == 0.0 {
        "0".to_owned()
    } else {
        let s = format!("{r:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

/// One text to write.
#[derive(Debug, Clone)]
pub(crate) struct Label<'a> {
    pub text: &'a str,
    pub x: f64,
    pub y: f64,
    pub size: f64,
    pub anchor: Anchor,
    pub colour: Colour,
    pub rotation: i32,
}

impl<'a> Label<'a> {
    /// Text at `(x, y)` (its baseline), `size` pixels, starting at `x`, in the text colour.
    pub fn new(text: &'a str, x: f64, y: f64, size: f64) -> Self {
        Label { text, x, y, size, anchor: Anchor::Start, colour: crate::style::Palette::TEXT, rotation: 0 }
    }

    pub fn anchor(mut self, anchor: Anchor) -> Self {
        self.anchor = anchor;
        self
    }

    pub fn colour(mut self, colour: Colour) -> Self {
        self.colour = colour;
        self
    }

    pub fn rotated(mut self, degrees: i32) -> Self {
        self.rotation = degrees;
        self
    }

    /// The box the text will take.
    pub fn bounds(&self) -> Bounds {
        text_bounds(self.text, self.size, self.x, self.y, self.anchor, self.rotation)
    }
}

/// An SVG picture being written.
#[derive(Debug)]
pub(crate) struct Svg {
    width: f64,
    body: String,
    /// The boxes of the texts written so far.
    pub texts: Vec<Bounds>,
}

impl Svg {
    /// A picture `width` pixels wide; its height is given when it is finished.
    pub fn new(width: f64) -> Self {
        Svg { width, body: String::new(), texts: Vec::new() }
    }

    pub fn width(&self) -> f64 {
        self.width
    }

    /// A rectangle with a clip path of this id, for lines that run off the plot.
    pub fn clip(&mut self, id: &str, area: Bounds) {
        let _ = writeln!(
            self.body,
            r#"<clipPath id="{}"><rect x="{}" y="{}" width="{}" height="{}"/></clipPath>"#,
            escape(id),
            n(area.x0),
            n(area.y0),
            n(area.width()),
            n(area.height())
        );
    }

    pub fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: Colour) {
        let _ = writeln!(
            self.body,
            r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{fill}"/>"#,
            n(x),
            n(y),
            n(w.max(0.0)),
            n(h.max(0.0))
        );
    }

    pub fn line(&mut self, (x1, y1): (f64, f64), (x2, y2): (f64, f64), stroke: Colour, width: f64) {
        let _ = writeln!(
            self.body,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{stroke}" stroke-width="{}"/>"#,
            n(x1),
            n(y1),
            n(x2),
            n(y2),
            n(width)
        );
    }

    /// A polyline; `dash` is an SVG dash array ("8 5"), `clip` a clip path's id.
    pub fn polyline(
        &mut self,
        points: &[(f64, f64)],
        stroke: Colour,
        width: f64,
        dash: Option<&str>,
        clip: Option<&str>,
    ) {
        if points.len() < 2 {
            return;
        }
        let pts: Vec<String> = points.iter().map(|(x, y)| format!("{},{}", n(*x), n(*y))).collect();
        let dash = dash.map(|d| format!(r#" stroke-dasharray="{d}""#)).unwrap_or_default();
        let clip = clip.map(|c| format!(r#" clip-path="url(#{})""#, escape(c))).unwrap_or_default();
        let _ = writeln!(
            self.body,
            r#"<polyline points="{}" fill="none" stroke="{stroke}" stroke-width="{}" stroke-linejoin="round"{dash}{clip}/>"#,
            pts.join(" "),
            n(width)
        );
    }

    pub fn circle(&mut self, (cx, cy): (f64, f64), r: f64, fill: Colour) {
        let _ = writeln!(self.body, r#"<circle cx="{}" cy="{}" r="{}" fill="{fill}"/>"#, n(cx), n(cy), n(r));
    }

    /// Writes a text and keeps its box; returns the box.
    pub fn text(&mut self, label: &Label<'_>) -> Bounds {
        let transform = if label.rotation == 0 {
            String::new()
        } else {
            format!(r#" transform="rotate({}, {}, {})""#, label.rotation, n(label.x), n(label.y))
        };
        let _ = writeln!(
            self.body,
            r#"<text x="{}" y="{}" font-size="{}" font-family="{FONT_FAMILY}" text-anchor="{}" fill="{}"{transform}>{}</text>"#,
            n(label.x),
            n(label.y),
            n(label.size),
            label.anchor.svg(),
            label.colour,
            escape(label.text)
        );
        let bounds = label.bounds();
        self.texts.push(bounds);
        bounds
    }

    /// The picture, `height` pixels tall on a white ground.
    pub fn finish(self, height: f64) -> String {
        let height = height.ceil();
        format!(
            "<svg width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" xmlns=\"http://www.w3.org/2000/svg\">\n\
             <rect x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\" fill=\"#FFFFFF\"/>\n{}</svg>\n",
            self.body,
            w = n(self.width),
            h = n(height)
        )
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "a test: a failure panics with its message"
)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_control_characters_replaced() {
        assert_eq!(escape("A & B <c> \"d\""), "A &amp; B &lt;c&gt; &quot;d&quot;");
        assert_eq!(escape("bell\u{7}"), "bell\u{FFFD}");
        assert_eq!(escape("a\u{FFFF}b\u{FFFE}\u{1B}"), "a\u{FFFD}b\u{FFFD}\u{FFFD}");
        let mut svg = Svg::new(100.0);
        svg.text(&Label::new("x\u{0}<y>", 10.0, 20.0, 12.0));
        let out = svg.finish(50.0);
        assert!(roxmltree::Document::parse(&out).is_ok(), "{out}");
    }

    #[test]
    fn attribute_numbers_are_short() {
        assert_eq!(n(1.0), "1");
        assert_eq!(n(-0.001), "0");
        assert_eq!(n(12.345), "12.35");
        assert_eq!(n(12.5), "12.5");
    }
}
