//! The ledger as text, and its tally.

use std::fmt::Write as _;

use std::collections::BTreeSet;

use super::evaluate::{Entry, Evaluation, Verdict};
use super::text::{Quote, Reading};

/// How many rows have each verdict, and the headline: figures counted once
/// each, however often the report prints them.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Tally {
    /// Rows per verdict, in [`Verdict::ALL`] order.
    pub by_verdict: Vec<(Verdict, usize)>,
    /// Distinct figures reproduced from source data by the report's stated method.
    pub reproduced: usize,
    /// Distinct figures an alternative found by searching explains (never reproduced).
    pub explained: usize,
    /// Distinct figures (every row but echoed inputs, figures printed again and rows not transcribed).
    pub figures: usize,
    /// All rows.
    pub rows: usize,
}

/// The figure a row is: its source's query when computed, else the row itself.
fn figure_of(e: &Entry<'_>) -> String {
    e.figure.clone().unwrap_or_else(|| format!("row {}", e.row.id))
}

impl Tally {
    /// Counts the entries.
    #[must_use]
    pub fn of(entries: &[Entry<'_>]) -> Tally {
        let count = |v: Verdict| entries.iter().filter(|e| e.verdict == v).count();
        let distinct = |keep: &dyn Fn(&Entry<'_>) -> bool| {
            entries
                .iter()
                .filter(|e| e.row.is_figure() && e.verdict != Verdict::NotTranscribed && keep(e))
                .map(figure_of)
                .collect::<BTreeSet<_>>()
                .len()
        };
        Tally {
            by_verdict: Verdict::ALL.into_iter().map(|v| (v, count(v))).collect(),
            reproduced: distinct(&|e| e.verdict == Verdict::Reproduced),
            explained: distinct(&|e| e.verdict == Verdict::Explained),
            figures: distinct(&|_| true),
            rows: entries.len(),
        }
    }

    /// The rows with a verdict.
    #[must_use]
    pub fn count(&self, verdict: Verdict) -> usize {
        self.by_verdict.iter().find(|(v, _)| *v == verdict).map_or(0, |(_, n)| *n)
    }

    /// "N of M figures reproduced from source data by the report's stated method".
    #[must_use]
    pub fn headline(&self) -> String {
        format!(
            "{} of {} figures reproduced from source data by the report's stated method (each figure counted once)",
            self.reproduced, self.figures
        )
    }

    /// The second line: figures explained by an alternative found by searching.
    #[must_use]
    pub fn explained_line(&self) -> String {
        format!(
            "{} more explained by an alternative method found by searching for a match (named above; not reproduced)",
            self.explained
        )
    }

    /// The counts of every verdict on one line.
    #[must_use]
    pub fn breakdown(&self) -> String {
        let parts: Vec<String> = self.by_verdict.iter().map(|(v, n)| format!("{v} {n}")).collect();
        format!("{} rows: {}", self.rows, parts.join(", "))
    }
}

fn clip(text: &str, width: usize) -> String {
    if text.chars().count() > width {
        text.chars().take(width - 1).chain(std::iter::once('…')).collect()
    } else {
        text.to_owned()
    }
}

/// The evaluation as text: by section, each row with what is printed, what
/// the sources give, the verdict and why; the method hypotheses, each on every
/// row it touches; then the tally.
#[must_use]
pub fn render(evaluation: &Evaluation<'_>) -> String {
    let mut out = render_entries(&evaluation.entries);
    if !evaluation.findings.is_empty() {
        let _ = writeln!(
            out,
            "\nAlternatives to the stated method, found by searching for a method that gives a printed value (each \
             applied to every row it changes; never counted as reproduced)"
        );
        for f in &evaluation.findings {
            let _ = writeln!(out, "  {} ({}): {}", f.hypothesis.id, f.source, f.hypothesis.says);
            let said = |quotes: &[Quote]| -> String {
                quotes.iter().map(|q| format!("{} \"{}\"", q.lines(), q.text)).collect::<Vec<_>>().join("; ")
            };
            let reading = match &f.reading {
                Reading::Contradicts(q) => format!("the report's text contradicts it: {}", said(q)),
                Reading::Silent(q) if q.is_empty() => "the report's text does not speak to it".to_owned(),
                Reading::Silent(q) => format!("the report's text does not decide it; it says: {}", said(q)),
                Reading::NoText => "no report text was given, so none was read".to_owned(),
            };
            let _ = writeln!(out, "    {reading}");
            for c in &f.rows {
                let implied = c
                    .with_implied
                    .as_deref()
                    .map_or_else(String::new, |v| format!("; with the counts the report's other figures imply {v}"));
                let _ = writeln!(
                    out,
                    "    {:<22} stated method {:>8} {:<14} with it {:>8} {}{implied}",
                    c.id,
                    c.stated,
                    c.stated_verdict,
                    c.with,
                    if c.with_matches { "= printed" } else { "not printed" }
                );
            }
        }
    }
    if !evaluation.counts.is_empty() {
        let _ = writeln!(
            out,
            "\nCounts the report's printed figures imply, against the source's (a rate pins its count; a change \
             carries a pinned count to the other year); every row using a count is judged with this one inference"
        );
        let mut area = "";
        for (unit, said) in &evaluation.counts {
            if unit != area {
                area = unit;
                let _ = writeln!(out, "  {unit}");
            }
            let _ = writeln!(out, "    {}", said.strip_prefix(&format!("{unit}: ")).unwrap_or(said));
        }
    }
    let tally = Tally::of(&evaluation.entries);
    let _ = writeln!(out, "\n{}", tally.breakdown());
    let _ = writeln!(out, "{}", tally.headline());
    let _ = writeln!(out, "{}", tally.explained_line());
    out
}

/// The entries alone as text (a section of a ledger, say), with their tally.
#[must_use]
pub fn render_entries(entries: &[Entry<'_>]) -> String {
    let mut out = String::new();
    let mut section = "";
    for e in entries {
        if e.row.section != section {
            section = &e.row.section;
            let _ = writeln!(out, "\n{section}");
            let _ = writeln!(out, "  {:<64} {:<18} {:>13} {:>13}  verdict", "item", "for", "report", "library");
        }
        let who = match e.row.subject {
            super::Subject::Force => "the force".to_owned(),
            other => other.to_string(),
        };
        let _ = writeln!(
            out,
            "  {:<64} {:<18} {:>13} {:>13}  {}",
            clip(&e.row.item, 64),
            who,
            clip(&e.row.printed, 13),
            e.computed.as_deref().map_or_else(|| "-".to_owned(), |c| clip(c, 13)),
            e.verdict
        );
        if !e.note.is_empty() {
            let _ = writeln!(out, "  {:<64} {}", "", e.note);
        }
    }
    out
}
