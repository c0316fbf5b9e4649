//! What keeps a picture bounded and well formed whatever the data hold: a cap
//! on its size, texts shortened to a readable length, and characters XML
//! cannot hold replaced, each said in a note under the chart.

use crate::style::{Caption, FigureError, Result};
use crate::text::{fit, text_width};

/// The most pixels a picture may have on a side.
pub const MAX_SIDE: u32 = 16_384;
/// The most pixels a picture may have in all (32 million: a PNG of it takes
/// 128 MB to draw).
pub const MAX_PIXELS: u64 = 32_000_000;
/// The most characters of any one text (a title, a note, a name) drawn; a
/// longer text is shortened with an ellipsis.
pub const MAX_TEXT_CHARS: usize = 300;
/// The widest a unit's name is drawn beside a bar or a point, in pixels.
pub(crate) const MAX_NAME_WIDTH: f64 = 240.0;

/// Whether XML 1.0 cannot hold `c` (control characters other than tab, line
/// feed and carriage return; U+FFFE; U+FFFF): such characters are drawn as
/// U+FFFD.
#[must_use]
pub fn unwritable(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// Counts what was shortened or replaced while a chart's texts were taken in.
#[derive(Debug, Default)]
pub(crate) struct Guard {
    shortened: usize,
    replaced: bool,
}

impl Guard {
    /// `text` at most [`MAX_TEXT_CHARS`] long.
    pub fn text(&mut self, text: &str) -> String {
        self.replaced |= text.chars().any(unwritable);
        match text.char_indices().nth(MAX_TEXT_CHARS) {
            Some((end, _)) => {
                self.shortened += 1;
                let mut short = text.get(..end).unwrap_or_default().to_owned();
                short.push('…');
                short
            }
            None => text.to_owned(),
        }
    }

    /// A unit's name, at most [`MAX_NAME_WIDTH`] pixels wide at `size`.
    pub fn name(&mut self, name: &str, size: f64) -> String {
        let text = self.text(name);
        if text_width(&text, size) > MAX_NAME_WIDTH {
            if text.chars().count() <= MAX_TEXT_CHARS {
                self.shortened += 1;
            }
            fit(&text, size, MAX_NAME_WIDTH)
        } else {
            text
        }
    }

    /// The caption with each of its texts taken in.
    pub fn caption(&mut self, caption: &Caption) -> Caption {
        Caption {
            title: self.text(&caption.title),
            unit: self.text(&caption.unit),
            period: self.text(&caption.period),
            source: self.text(&caption.source),
            x_axis: self.text(&caption.x_axis),
            decimals: caption.decimals,
        }
    }

    /// The notes saying what was shortened or replaced.
    pub fn notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        match self.shortened {
            0 => {}
            n => notes.push(format!(
                "{n} text{} shortened with … (texts are drawn up to {MAX_TEXT_CHARS} characters, names beside bars \
                 and points up to {MAX_NAME_WIDTH} pixels).",
                if n == 1 { "" } else { "s" }
            )),
        }
        if self.replaced {
            notes.push(
                "Characters a picture cannot hold (control characters, U+FFFE, U+FFFF) are drawn as \u{FFFD}."
                    .to_owned(),
            );
        }
        notes
    }
}

/// Refuses a picture larger than [`MAX_SIDE`] a side or [`MAX_PIXELS`] in all,
/// before it is drawn.
///
/// # Errors
/// [`FigureError::TooLarge`].
pub(crate) fn check_size(width: f64, height: f64, what: &str) -> Result<()> {
    let side = f64::from(MAX_SIDE);
    let most = MAX_PIXELS as f64;
    if !(width <= side && height <= side && width * height <= most) {
        let (w, h) = (width.max(0.0).ceil() as u64, height.max(0.0).ceil() as u64);
        return Err(FigureError::TooLarge { what: what.to_owned(), width: w, height: h });
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "a test: a failure panics with its message")]
mod tests {
    use super::*;

    #[test]
    fn texts_are_shortened_and_said() {
        let mut g = Guard::default();
        assert_eq!(g.text("Dorset Police"), "Dorset Police");
        assert!(g.notes().is_empty());
        let long = "x".repeat(1_000_000);
        let short = g.text(&long);
        assert_eq!(short.chars().count(), MAX_TEXT_CHARS + 1);
        assert!(short.ends_with('…'));
        let name = g.name(&"W".repeat(100), 10.5);
        assert!(text_width(&name, 10.5) <= MAX_NAME_WIDTH && name.ends_with('…'));
        g.text("bell\u{7} and \u{FFFF}");
        let notes = g.notes();
        assert!(notes[0].starts_with("2 texts shortened"), "{notes:?}");
        assert!(notes[1].contains("U+FFFF"));
    }

    #[test]
    fn sizes_are_capped() {
        assert!(check_size(960.0, 600.0, "a chart").is_ok());
        assert!(check_size(16_385.0, 100.0, "bars").is_err());
        assert!(check_size(10_000.0, 10_000.0, "bars").is_err());
        assert!(check_size(f64::NAN, 10.0, "bars").is_err());
    }
}
