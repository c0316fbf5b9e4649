//! Text measured from font metrics, so that labels can be placed where they
//! neither overlap nor leave the picture, and wrapped to a width.
//!
//! The figures ask for [`FONT_FAMILY`]: DejaVu Sans, then Liberation Sans
//! (metric-compatible with Arial and Helvetica), then the viewer's sans-serif.
//! Each character's advance width is the larger of its advance in DejaVu Sans
//! 2.37 and Liberation Sans 1.07 (`tools/font_metrics.py` prints the table from
//! the font files), so a box measured here holds the text in either face; any
//! character outside printable ASCII is measured as the widest ASCII one.

/// The font family every text of a figure asks for.
pub const FONT_FAMILY: &str = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif";

/// How far the faces reach above the baseline, in ems.
pub const ASCENT: f64 = 0.929;
/// How far the faces reach below the baseline, in ems.
pub const DESCENT: f64 = 0.236;

/// Advance widths of the characters 32 (space) to 126 (`~`), in thousandths of an em.
const ADVANCE: [u16; 95] = [
    318, 401, 460, 838, 637, 951, 780, 275, 391, 391, 500, 838, 318, 361, 318, 337, //
    637, 637, 637, 637, 637, 637, 637, 637, 637, 637, 337, 337, 838, 838, 838, 557, //
    1016, 685, 687, 723, 771, 667, 611, 778, 752, 295, 500, 667, 558, 863, 749, 788, //
    667, 788, 723, 667, 611, 732, 685, 989, 686, 667, 686, 391, 337, 391, 838, 557, //
    500, 613, 635, 550, 635, 616, 353, 635, 634, 278, 278, 580, 278, 975, 634, 612, //
    635, 635, 412, 521, 393, 634, 592, 818, 592, 592, 525, 637, 337, 637, 838,
];

/// The advance of any other character: the widest above.
const OTHER: u16 = 1016;

/// The advance width of `c` in ems.
fn advance(c: char) -> f64 {
    let thousandths = u32::from(c)
        .checked_sub(32)
        .and_then(|i| usize::try_from(i).ok())
        .and_then(|i| ADVANCE.get(i))
        .copied()
        .unwrap_or(OTHER);
    f64::from(thousandths) / 1000.0
}

/// The width in pixels of `text` set at `size` pixels in [`FONT_FAMILY`]: at
/// least what either face takes.
///
/// ```
/// use policing_figures::text_width;
///
/// assert!(text_width("Wiltshire Police", 12.0) > text_width("Wiltshire", 12.0));
/// assert_eq!(text_width("", 12.0), 0.0);
/// ```
#[must_use]
pub fn text_width(text: &str, size: f64) -> f64 {
    text.chars().map(advance).sum::<f64>() * size
}

/// `text` shortened with an ellipsis to fit `width` pixels at `size` (whole if
/// it fits); linear in the text's length.
pub(crate) fn fit(text: &str, size: f64, width: f64) -> String {
    if text_width(text, size) <= width {
        return text.to_owned();
    }
    let room = width / size - advance('…');
    let mut used = 0.0;
    let mut out = String::new();
    for c in text.chars() {
        used += advance(c);
        if used > room {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// The decimal places a value is printed to on a chart: its own (the scale it
/// was given with), but no more than three significant figures need (at least
/// one place when it has any) and never more than six: 55.5 is "55.5", 55 is
/// "55", 5.24 is "5.24", a computed 0.01173... is "0.0117".
pub(crate) fn value_places(value: f64, scale: u32) -> usize {
    let significant = if value == 0.0 || !value.is_finite() {
        0
    } else {
        let magnitude = value.abs().log10().floor() as i32;
        usize::try_from(2 - magnitude).unwrap_or(0)
    };
    usize::try_from(scale).unwrap_or(usize::MAX).min(significant.max(1)).min(6)
}

/// Splits `text` into lines no wider than `width` pixels at `size`, breaking
/// between words; a word wider than a line on its own is broken between
/// characters, so no line is wider than `width` (unless `width` is less than
/// one character).
#[must_use]
pub fn wrap(text: &str, size: f64, width: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
        if text_width(&candidate, size) <= width {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        for c in word.chars() {
            let mut next = line.clone();
            next.push(c);
            if !line.is_empty() && text_width(&next, size) > width {
                lines.push(std::mem::take(&mut line));
                line.push(c);
            } else {
                line = next;
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// A rectangle in pixels: `x0 <= x1`, `y0 <= y1`, y growing downwards.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct Bounds {
    /// Left.
    pub x0: f64,
    /// Top.
    pub y0: f64,
    /// Right.
    pub x1: f64,
    /// Bottom.
    pub y1: f64,
}

impl Bounds {
    /// The rectangle between two corners, in any order.
    #[must_use]
    pub fn new(x0: f64, y0: f64, x1: f64, y1: f64) -> Self {
        Bounds { x0: x0.min(x1), y0: y0.min(y1), x1: x0.max(x1), y1: y0.max(y1) }
    }

    /// Whether the two overlap by more than `tolerance` pixels each way.
    #[must_use]
    pub fn overlaps(&self, other: &Bounds, tolerance: f64) -> bool {
        self.x0 + tolerance < other.x1
            && other.x0 + tolerance < self.x1
            && self.y0 + tolerance < other.y1
            && other.y0 + tolerance < self.y1
    }

    /// Whether `self` lies within `outer`, `tolerance` pixels allowed.
    #[must_use]
    pub fn within(&self, outer: &Bounds, tolerance: f64) -> bool {
        self.x0 >= outer.x0 - tolerance
            && self.y0 >= outer.y0 - tolerance
            && self.x1 <= outer.x1 + tolerance
            && self.y1 <= outer.y1 + tolerance
    }

    /// Grown by `by` pixels on every side.
    #[must_use]
    pub fn grown(&self, by: f64) -> Bounds {
        Bounds { x0: self.x0 - by, y0: self.y0 - by, x1: self.x1 + by, y1: self.y1 + by }
    }

    /// The width.
    #[must_use]
    pub fn width(&self) -> f64 {
        self.x1 - self.x0
    }

    /// The height.
    #[must_use]
    pub fn height(&self) -> f64 {
        self.y1 - self.y0
    }
}

/// Where a text's `x` is: its start, middle or end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Anchor {
    /// `x` is where the text starts.
    Start,
    /// `x` is the middle of the text.
    Middle,
    /// `x` is where the text ends.
    End,
}

impl Anchor {
    /// The SVG `text-anchor` value.
    #[must_use]
    pub fn svg(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }

    /// From an SVG `text-anchor` value (`start` for anything else).
    #[must_use]
    pub fn from_svg(value: &str) -> Anchor {
        match value {
            "middle" => Anchor::Middle,
            "end" => Anchor::End,
            _ => Anchor::Start,
        }
    }
}

/// The box a text takes, set at `size` with its baseline at `(x, y)` and the
/// anchor given, turned by `rotation` degrees about `(x, y)` (90: reading
/// downwards; -90: reading upwards; any other angle is measured as 0).
#[must_use]
pub fn text_bounds(text: &str, size: f64, x: f64, y: f64, anchor: Anchor, rotation: i32) -> Bounds {
    let w = text_width(text, size);
    let (start, end) = match anchor {
        Anchor::Start => (0.0, w),
        Anchor::Middle => (-w / 2.0, w / 2.0),
        Anchor::End => (-w, 0.0),
    };
    let (up, down) = (ASCENT * size, DESCENT * size);
    match rotation {
        // Reading downwards: the text runs along +y, its ascent towards +x.
        90 => Bounds::new(x - down, y + start, x + up, y + end),
        // Reading upwards: the text runs along -y, its ascent towards -x.
        -90 | 270 => Bounds::new(x - up, y - end, x + down, y - start),
        _ => Bounds::new(x + start, y - up, x + end, y + down),
    }
}

/// A number with thousands separators and `decimals` places, rounded half away
/// from zero ("1,250,000", "54.9"); never "-0".
#[must_use]
pub fn format_number(value: f64, decimals: usize) -> String {
    let factor = 10f64.powi(i32::try_from(decimals).unwrap_or(0));
    let rounded = (value.abs() * factor).round() / factor;
    let text = format!("{rounded:.decimals$}");
    let (whole, fraction) = text.split_once('.').map_or((text.as_str(), None), |(w, f)| (w, Some(f)));
    let mut out = String::new();
    let digits = whole.len();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (digits - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = fraction {
        out.push('.');
        out.push_str(f);
    }
    if value < 0.0 && rounded > 0.0 {
        out.insert(0, '-');
    }
    out
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
    fn widths_add_up_by_character() {
        assert!((text_width("a", 10.0) - 6.13).abs() < 1e-9);
        assert!((text_width("aa", 10.0) - 12.26).abs() < 1e-9);
        // Outside printable ASCII: the widest.
        assert!((text_width("é", 10.0) - 10.16).abs() < 1e-9);
    }

    #[test]
    fn wrapping_keeps_every_line_inside_the_width() {
        let text = "Figure 1: Police-recorded crime rates (per 1,000 population) in Avon and Somerset \
                    Constabulary, five years to 31 December 2016";
        for width in [120.0, 300.0, 700.0] {
            let lines = wrap(text, 17.0, width);
            assert!(lines.iter().all(|l| text_width(l, 17.0) <= width), "{width}: {lines:?}");
            let squeeze = |t: &str| t.split_whitespace().collect::<String>();
            assert_eq!(squeeze(&lines.join(" ")), squeeze(text), "nothing lost");
            if width > 200.0 {
                assert_eq!(lines.join(" "), text.split_whitespace().collect::<Vec<_>>().join(" "), "words kept whole");
            }
        }
        let long = wrap("Supercalifragilisticexpialidocious", 12.0, 60.0);
        assert!(long.len() > 1 && long.iter().all(|l| text_width(l, 12.0) <= 60.0));
        assert!(wrap("", 12.0, 100.0).is_empty());
    }

    #[test]
    fn numbers_round_and_group() {
        assert_eq!(format_number(0.0, 0), "0");
        assert_eq!(format_number(999.4, 0), "999");
        assert_eq!(format_number(1_250_000.0, 0), "1,250,000");
        assert_eq!(format_number(-12_345.0, 0), "-12,345");
        assert_eq!(format_number(54.85, 1), "54.9");
        assert_eq!(format_number(-0.04, 1), "0.0");
        assert_eq!(format_number(1234.5678, 2), "1,234.57");
    }

    #[test]
    fn rotated_boxes() {
        let flat = text_bounds("abc", 10.0, 100.0, 50.0, Anchor::Start, 0);
        let down = text_bounds("abc", 10.0, 100.0, 50.0, Anchor::Start, 90);
        let up = text_bounds("abc", 10.0, 100.0, 50.0, Anchor::Middle, -90);
        assert!((flat.width() - down.height()).abs() < 1e-9 && (flat.height() - down.width()).abs() < 1e-9);
        assert!(down.y0 == 50.0 && down.y1 > 50.0);
        assert!(((up.y0 + up.y1) / 2.0 - 50.0).abs() < 1e-9);
    }

    /// The table against the font files, where they are installed: no character
    /// is wider in either face than the table says.
    #[test]
    fn the_table_holds_the_fonts_installed() {
        use skrifa::MetadataProvider;
        for path in [
            "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
            "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        ] {
            let Ok(data) = std::fs::read(path) else {
                eprintln!("{path} is not installed: not compared");
                continue;
            };
            let font = skrifa::FontRef::new(&data).expect("a font");
            let size = skrifa::instance::Size::unscaled();
            let location = skrifa::instance::LocationRef::default();
            let upm = f64::from(font.metrics(size, location).units_per_em);
            let glyphs = font.glyph_metrics(size, location);
            let charmap = font.charmap();
            let mut compared = 0;
            for code in 32u8..127 {
                let c = char::from(code);
                let Some(glyph) = charmap.map(c) else { continue };
                let Some(adv) = glyphs.advance_width(glyph) else { continue };
                let em = f64::from(adv) / upm;
                assert!(em <= advance(c) + 1e-3, "{path}: {c:?} is {em} em, the table says {}", advance(c));
                compared += 1;
            }
            assert_eq!(compared, 95, "{path}");
        }
    }
}
