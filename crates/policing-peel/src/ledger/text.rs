//! A report's text, read by line: the phrases an alternative method is checked
//! against are found here and quoted with their lines, never typed in as a
//! constant.

/// A passage of a report's text and the lines it spans.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Quote {
    /// The first line (1-based).
    pub first_line: usize,
    /// The last line.
    pub last_line: usize,
    /// The lines, joined with single spaces.
    pub text: String,
}

impl Quote {
    /// "line 159" or "lines 159-161".
    #[must_use]
    pub fn lines(&self) -> String {
        if self.first_line == self.last_line {
            format!("line {}", self.first_line)
        } else {
            format!("lines {}-{}", self.first_line, self.last_line)
        }
    }
}

/// What a report's text says of an alternative method.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub enum Reading {
    /// The text states a method the alternative departs from: each passage quoted.
    Contradicts(Vec<Quote>),
    /// No passage contradicts it; the passages that bear on it (may be none).
    Silent(Vec<Quote>),
    /// No report text was given, so nothing was read.
    NoText,
}

/// A report's text, searchable for phrases across line breaks, without regard
/// to case, runs of spaces, or typographic quotes and dashes.
#[derive(Debug, Clone)]
pub(super) struct ReportText<'t> {
    lines: Vec<&'t str>,
    /// The whole text, normalised, and for each of its bytes the line it came from.
    flat: String,
    line_of: Vec<usize>,
}

fn normal(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' => '\'',
        '\u{201c}' | '\u{201d}' => '"',
        '\u{2013}' | '\u{2014}' => '-',
        c => c.to_ascii_lowercase(),
    }
}

/// A phrase as searched: normalised characters, single spaces.
fn flatten(text: &str) -> String {
    let mut out = String::new();
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().map(normal));
    }
    out
}

impl<'t> ReportText<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        let lines: Vec<&str> = text.lines().collect();
        let mut flat = String::new();
        let mut line_of = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            for word in line.split_whitespace() {
                if !flat.is_empty() {
                    flat.push(' ');
                    line_of.push(i + 1);
                }
                for c in word.chars().map(normal) {
                    let before = flat.len();
                    flat.push(c);
                    line_of.extend(std::iter::repeat_n(i + 1, flat.len() - before));
                }
            }
        }
        ReportText { lines, flat, line_of }
    }

    /// Every place the phrase is printed, quoted with its whole lines to the
    /// end of its sentence (at most three lines further).
    pub(super) fn find(&self, phrase: &str) -> Vec<Quote> {
        let needle = flatten(phrase);
        if needle.is_empty() {
            return Vec::new();
        }
        self.flat
            .match_indices(&needle)
            .filter_map(|(at, m)| {
                let first = *self.line_of.get(at)?;
                let end = at + m.len() - 1;
                let stop = self.flat.get(end..)?.find(". ").map_or(self.flat.len() - 1, |i| end + i);
                let last = (*self.line_of.get(stop)?).min(*self.line_of.get(end)? + 3);
                let text = self.lines.get(first - 1..last)?.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ");
                Some(Quote { first_line: first, last_line: last, text })
            })
            .collect()
    }

    /// What the text says of an alternative: contradicted by any of its
    /// `contradicted_by` phrases, else silent with the `context` passages.
    pub(super) fn read(&self, contradicted_by: &[&str], context: &[&str]) -> Reading {
        let against: Vec<Quote> = contradicted_by.iter().flat_map(|p| self.find(p)).collect();
        if against.is_empty() {
            Reading::Silent(context.iter().flat_map(|p| self.find(p)).take(3).collect())
        } else {
            Reading::Contradicts(against)
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing, reason = "a test: a failure panics with its message")]
    use super::*;

    #[test]
    fn phrases_are_found_across_lines_and_quoted_with_them() {
        let text = "first line\nWhen compared with the\n12 months to 30 June 2011, police\u{2019}s crime\nlast";
        let t = ReportText::new(text);
        let q = t.find("compared with the 12 months to 30 June 2011, police's");
        assert_eq!(q.len(), 1);
        // The match ends on line 3; its sentence runs on to the end of the text.
        assert_eq!((q[0].first_line, q[0].last_line), (2, 4));
        assert_eq!(q[0].lines(), "lines 2-4");
        assert!(q[0].text.starts_with("When compared"));
        // The quote runs to the end of the sentence.
        let t2 =
            ReportText::new("one\nThe rate is the rate\nfor 1,000 households, rather\nthan population. Next\nlast");
        assert_eq!(t2.find("the rate for 1,000 households")[0].lines(), "lines 2-4");
        assert!(t.find("no such words").is_empty());
        assert_eq!(t.read(&["FIRST line"], &[]), Reading::Contradicts(t.find("first line")));
        assert!(matches!(t.read(&["absent"], &["last"]), Reading::Silent(v) if v.len() == 1 && v[0].first_line == 4));
    }
}
