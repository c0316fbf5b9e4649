//! The ledger as text, and its tally.

use std::fmt::Write as _;

use super::evaluate::{Entry, Evaluation, Verdict};

/// How many rows have each verdict, and the headline.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Tally {
    /// Rows per verdict, in [`Verdict::ALL`] order.
    pub by_verdict: Vec<(Verdict, usize)>,
    /// Figures reproduced from source data.
    pub reproduced: usize,
    /// Rows that are figures (every row but the echoed inputs).
    pub figures: usize,
    /// All rows.
    pub rows: usize,
    /// Of the reproduced, those reproduced under an adopted method hypothesis.
    pub under_hypotheses: usize,
}

impl Tally {
    /// Counts the entries.
    #[must_use]
    pub fn of(entries: &[Entry<'_>]) -> Tally {
        let count = |v: Verdict| entries.iter().filter(|e| e.verdict == v).count();
        Tally {
            by_verdict: Verdict::ALL.into_iter().map(|v| (v, count(v))).collect(),
            reproduced: count(Verdict::Reproduced),
            figures: entries.iter().filter(|e| e.row.is_figure()).count(),
            rows: entries.len(),
            under_hypotheses: entries
                .iter()
                .filter(|e| e.verdict == Verdict::Reproduced && !e.method.is_empty())
                .count(),
        }
    }

    /// The rows with a verdict.
    #[must_use]
    pub fn count(&self, verdict: Verdict) -> usize {
        self.by_verdict.iter().find(|(v, _)| *v == verdict).map_or(0, |(_, n)| *n)
    }

    /// "N of M figures reproduced from source data".
    #[must_use]
    pub fn headline(&self) -> String {
        let under = if self.under_hypotheses > 0 {
            format!(" ({} of them under an inferred method, named above)", self.under_hypotheses)
        } else {
            String::new()
        };
        format!("{} of {} figures reproduced from source data{under}", self.reproduced, self.figures)
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
        let _ = writeln!(out, "\nMethod hypotheses (each applied to every row it changes, never per row)");
        for f in &evaluation.findings {
            let _ = writeln!(out, "  {} ({}): {}", f.hypothesis.id, f.source, f.hypothesis.says);
            let annex = match f.hypothesis.annex {
                super::Annex::Silent(q) => format!("the annex is silent: {q}"),
                super::Annex::Contradicts(q) => format!("the annex contradicts it: {q}"),
            };
            let _ = writeln!(out, "    {annex}");
            for (id, own, own_v, with, with_v) in &f.rows {
                let _ = writeln!(out, "    {id:<22} own method {own:>8} {own_v:<14} with it {with:>8} {with_v}");
            }
            let _ = writeln!(out, "    {}", f.why);
        }
    }
    let tally = Tally::of(&evaluation.entries);
    let _ = writeln!(out, "\n{}", tally.breakdown());
    let _ = writeln!(out, "{}", tally.headline());
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
