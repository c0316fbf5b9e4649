//! An inspection report as data: every number (and verdict-bearing statement)
//! it prints is a [`LedgerRow`]: what it measures, for whom, for which period,
//! the value as printed with its precision, and where it is printed. One
//! evaluator ([`evaluate`]) checks every row against the sources it is given
//! and gives each a [`Verdict`] that cannot flatter:
//!
//! | verdict | meaning |
//! |---|---|
//! | `reproduced` | computed from a primary source file by the report's stated method and equal at the printed precision |
//! | `differs` | computed by the stated method and not equal: both values, the difference and the reason, judged with every row that uses the same counts |
//! | `explained` | differs by the stated method, and an alternative found by searching gives the printed value: both values, what the report's text says of the alternative (quoted by line), what the report's other figures say of it; never counted as reproduced |
//! | `consistent` | a check among the report's own printed numbers (a group against its members under rounding, a comparison of two printed values); never counted as reproduced |
//! | `inconsistent` | such a check that fails |
//! | `input` | a fact that cannot be computed (an inspector's judgment, a fieldwork count), echoed |
//! | `not computable` | the exact source that would be needed is named |
//!
//! Only the branches that read a source file can give `reproduced`, `differs`
//! or `explained`, and only for the same definition and window as the printed
//! figure: a proxy or another window is `not computable`, its value shown as
//! the nearest measure. A report of another force or year is another ledger
//! file; the evaluator is the same (`docs/ledger.md` describes the format). The
//! Wiltshire 2016 ledger and report text are embedded ([`Ledger::wiltshire_2016`]).
//!
//! Figures are computed by sources registered with the [`Evaluator`]
//! ([`RecordedCrimeSource`] for `crime.*` measures, [`AntiSocialBehaviourSource`]
//! for `asb.*`; any type implementing [`Source`] for its own): a new source needs
//! no change to the evaluator or to the ledger format. Each row's measure is
//! parsed once by its source into a typed [`Query`]; one that does not parse is
//! refused, naming the row. A computed value says how it is made of counts
//! ([`Formula`]), so the counts the report's printed values imply are inferred
//! and every row using a count is judged with the others. A source may offer
//! alternatives to the stated method ([`Hypothesis`]), found by searching for
//! a method that gives a printed value: each is evaluated on every row it
//! changes and read against the report's text ([`Finding`]); it can make a row
//! `explained`, never `reproduced`.
//!
//! ```
//! use policing_peel::ledger::{Evaluator, Ledger, Verdict};
//! let ledger = Ledger::wiltshire_2016()?;
//! // Without a source, nothing can be reproduced; consistency checks still run.
//! let evaluation = Evaluator::new().evaluate(&ledger)?;
//! assert!(evaluation.entries.iter().all(|e| e.verdict != Verdict::Reproduced));
//! assert!(evaluation.entries.iter().any(|e| e.verdict == Verdict::Consistent));
//! # Ok::<(), policing_peel::PeelError>(())
//! ```

mod asb;
mod crime;
mod evaluate;
mod joint;
mod render;
mod report;
mod scan;
mod shares;
mod source;
mod text;

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use policing_forces::Force;

use crate::error::{PeelError, Result};

pub use asb::AntiSocialBehaviourSource;
pub use crime::{CrimeFigure, CrimeQuery, RecordedCrimeSource, FRAUD_IN_BASELINE, HOUSEHOLDS_2014};
pub use evaluate::{evaluate, Changed, Entry, Evaluation, Evaluator, Finding, Verdict};
pub use render::{render, render_entries, Tally};
pub use report::{figure_1, report};
pub use scan::{Scan, ScanRules, Scanner};
pub use shares::OffenceShareSource;
pub use source::{Computed, Count, Formula, Hypothesis, Method, Query, Revision, Source, Value};
pub use text::{Quote, Reading};

/// The Wiltshire 2016 ledger, embedded.
const WILTSHIRE_2016: &str = include_str!("../../reports/wiltshire-2016.tsv");

/// The ledger template for a PEEL 2016 effectiveness report: the figures and
/// judgments every such report prints, the force and the printed values left
/// blank (`reports/template-effectiveness-2016.tsv`; `docs/ledger.md` says how
/// to fill it in).
pub const TEMPLATE_EFFECTIVENESS_2016: &str = include_str!("../../reports/template-effectiveness-2016.tsv");

/// The Wiltshire 2016 report's text, embedded (the same bytes as
/// `docs/reference/wiltshire-peel-effectiveness-2016.txt`; a test checks they agree).
pub const WILTSHIRE_2016_TEXT: &str = include_str!("../../reports/wiltshire-2016.txt");

/// Whom a printed value is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Subject {
    /// The inspected force.
    Force,
    /// England and Wales.
    EnglandAndWales,
    /// A statement about every force ("39 out of 43", the lowest and highest force).
    Forces,
    /// Anything else (a framework fact, another force's data caveat).
    Other,
}

impl FromStr for Subject {
    type Err = PeelError;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim() {
            "force" => Ok(Subject::Force),
            "england_and_wales" => Ok(Subject::EnglandAndWales),
            "forces" => Ok(Subject::Forces),
            "other" | "inspection" => Ok(Subject::Other),
            other => Err(PeelError::Ledger {
                line: 0,
                detail: format!("unit {other:?} is not force, england_and_wales, forces or other"),
            }),
        }
    }
}

/// How the evaluator checks a row.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Measure {
    /// A fact that cannot be computed, echoed.
    Input,
    /// Not computable; the row's note names the source that would be needed.
    NotComputable,
    /// Not computable; infer the whole count that a rate per `base` of the
    /// subject's ONS population implies.
    InferCount {
        /// The rate's base (1,000,000 for "per one million").
        base: u64,
    },
    /// Not computable; say whether `denominator` can be the denominator of the
    /// printed rate per `base`, and the smallest one that can.
    InferFraction {
        /// The rate's base (100 for "per 100").
        base: u64,
        /// The denominator to test.
        denominator: Denominator,
    },
    /// A figure a registered [`Source`] computes: `SOURCE.NAME ARGS...` in the
    /// ledger file (`crime.rate recorded_crime_excl_fraud`).
    Computed {
        /// The source's name (`crime`).
        source: String,
        /// The measure's name (`rate`).
        name: String,
        /// The words after it.
        args: Vec<String>,
    },
    /// The printed value against the sum of the printed members (row ids).
    Sum(Vec<String>),
    /// The same figure printed again (row id).
    Same(String),
    /// Each first row's printed value is above the second's.
    Above(Vec<(String, String)>),
}

impl FromStr for Measure {
    type Err = PeelError;
    fn from_str(s: &str) -> Result<Self> {
        let words: Vec<&str> = s.split_whitespace().collect();
        let err = |detail: String| PeelError::Ledger { line: 0, detail };
        let number = |w: Option<&&str>| -> Result<u64> {
            w.and_then(|w| w.parse().ok()).ok_or_else(|| err(format!("{s:?} needs a whole number")))
        };
        let m = match words.first().copied() {
            Some("input") => Measure::Input,
            Some("na") => Measure::NotComputable,
            Some("na.infer.count") => Measure::InferCount { base: number(words.get(1))? },
            Some("na.infer.fraction") => {
                let denominator = match words.get(2).and_then(|w| w.strip_prefix('@')) {
                    Some(id) => Denominator::InferredBy(id.to_owned()),
                    None => Denominator::Count(number(words.get(2))?),
                };
                Measure::InferFraction { base: number(words.get(1))?, denominator }
            }
            Some("sum") => Measure::Sum(
                words
                    .get(1)
                    .ok_or_else(|| err("sum needs members".to_owned()))?
                    .split('+')
                    .map(str::to_owned)
                    .collect(),
            ),
            Some("same") => Measure::Same(words.get(1).ok_or_else(|| err("same needs a row".to_owned()))?.to_string()),
            Some("above") => {
                let ids: Vec<&str> = words.iter().skip(1).copied().collect();
                if ids.is_empty() || !ids.len().is_multiple_of(2) {
                    return Err(err(format!("{s:?}: above needs pairs of rows")));
                }
                Measure::Above(
                    ids.chunks(2).filter_map(|p| Some((p.first()?.to_string(), p.get(1)?.to_string()))).collect(),
                )
            }
            Some(word) => match word.split_once('.') {
                Some((source, name))
                    if !source.is_empty()
                        && !name.is_empty()
                        && word
                            .bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'_') =>
                {
                    Measure::Computed {
                        source: source.to_owned(),
                        name: name.to_owned(),
                        args: words.iter().skip(1).map(|w| (*w).to_owned()).collect(),
                    }
                }
                _ => return Err(err(format!("{s:?} is not a measure (input, na, sum, same, above, or SOURCE.NAME)"))),
            },
            None => return Err(err("an empty measure".to_owned())),
        };
        if words.len() > expected_words(&m) {
            return Err(err(format!("{s:?} has more words than the measure takes")));
        }
        Ok(m)
    }
}

fn expected_words(m: &Measure) -> usize {
    match m {
        Measure::Input | Measure::NotComputable => 1,
        Measure::InferCount { .. } | Measure::Sum(_) | Measure::Same(_) => 2,
        Measure::InferFraction { .. } => 3,
        Measure::Computed { args, .. } => 1 + args.len(),
        Measure::Above(pairs) => 1 + 2 * pairs.len(),
    }
}

/// The denominator an inference tests: a number, or the count another row infers.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Denominator {
    /// A given number.
    Count(u64),
    /// The whole count the row with this id infers (`@f9.w` in the ledger file).
    InferredBy(String),
}

/// One number or statement the report prints.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct LedgerRow {
    /// A short identifier, unique in the ledger (`fig2.crime.w`).
    pub id: String,
    /// The line of the report text it is printed on.
    pub line: usize,
    /// The figure or section ("Figure 2", "Recorded crime").
    pub section: String,
    /// What it is.
    pub item: String,
    /// Whom it is about.
    pub subject: Subject,
    /// The period, as the report writes it.
    pub period: String,
    /// The value exactly as printed ("54.3", "+5.4", "100.00", "good", "39 out of 43").
    pub printed: String,
    /// How the evaluator checks it.
    pub measure: Measure,
    /// The reason, caveat, or (for a row that cannot be computed) the exact source that would be needed.
    pub note: String,
    /// The line of the ledger file the row is on (for messages).
    pub file_line: usize,
}

impl LedgerRow {
    /// Whether the row is a figure of its own: everything but an echoed input
    /// and a figure printed again (`same`). The denominator of "N of M figures
    /// reproduced", where rows naming one figure count once.
    #[must_use]
    pub fn is_figure(&self) -> bool {
        !matches!(self.measure, Measure::Input | Measure::Same(_))
    }
}

/// A report's ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Ledger {
    /// The inspected force.
    pub force: Force,
    /// The report's title.
    pub title: String,
    /// Every row, in the report's order.
    pub rows: Vec<LedgerRow>,
    /// What the ledger file says of the report as a whole (`#@ key: value`
    /// lines): `release` names the release of the data the report used.
    pub meta: BTreeMap<String, String>,
    /// The report's text, when held: what an alternative method is read
    /// against (quoted by line), and what a check scans for figures and
    /// statements the ledger misses.
    pub text: Option<String>,
}

impl Ledger {
    /// The Wiltshire Police PEEL effectiveness 2016 ledger (embedded; the file is
    /// `crates/policing-peel/reports/wiltshire-2016.tsv`).
    ///
    /// # Errors
    /// [`PeelError::Ledger`] if the embedded file does not parse (the crate's tests parse it).
    pub fn wiltshire_2016() -> Result<Ledger> {
        Ok(Ledger::parse(
            Force::Wiltshire,
            "HMIC, PEEL: Police effectiveness 2016, An inspection of Wiltshire Police (March 2017)",
            WILTSHIRE_2016,
        )?
        .with_text(WILTSHIRE_2016_TEXT))
    }

    /// Parses a ledger file that names its force and title in `#@ force:` and
    /// `#@ title:` lines (a template leaves the force blank: give it as `force`,
    /// which also overrides the file's).
    ///
    /// # Errors
    /// [`PeelError::Ledger`]: as [`Ledger::parse`], or the force not given or
    /// not a force (naming the `#@ force:` line's value).
    pub fn parse_file(text: &str, force: Option<Force>) -> Result<Ledger> {
        // The directives first, to know the force before the rows are parsed.
        let mut named = None;
        let mut title = None;
        for (i, line) in text.lines().enumerate() {
            if let Some((key, value)) = line.strip_prefix("#@").and_then(|d| d.split_once(':')) {
                let value = value.trim();
                match key.trim() {
                    "force" if !value.is_empty() => {
                        named = Some(value.parse::<Force>().map_err(|e| PeelError::Ledger {
                            line: i + 1,
                            detail: format!("#@ force: {value:?} is not a force: {e}"),
                        })?);
                    }
                    "title" if !value.is_empty() => title = Some(value.to_owned()),
                    _ => {}
                }
            }
        }
        let Some(force) = force.or(named) else {
            return Err(PeelError::Ledger {
                line: 0,
                detail: "the ledger does not say whose report it is: fill in its `#@ force:` line or give the force"
                    .to_owned(),
            });
        };
        let title = title.unwrap_or_else(|| format!("a report on {force}"));
        Ledger::parse(force, &title, text)
    }

    /// With the report's text.
    #[must_use]
    pub fn with_text(mut self, text: impl Into<String>) -> Self {
        self.text = Some(text.into());
        self
    }

    /// Parses a ledger: tab-separated, a header line starting with `id`, `#` comments.
    ///
    /// # Errors
    /// [`PeelError::Ledger`] naming the line: a wrong number of fields, an unknown
    /// unit or measure, a duplicate id, or a reference to a row that does not exist.
    pub fn parse(force: Force, title: &str, text: &str) -> Result<Ledger> {
        let mut rows: Vec<LedgerRow> = Vec::new();
        let mut meta = BTreeMap::new();
        let mut header = false;
        for (i, line) in text.lines().enumerate() {
            let n = i + 1;
            let at = |e: PeelError| match e {
                PeelError::Ledger { detail, .. } => PeelError::Ledger { line: n, detail },
                other => other,
            };
            if let Some(directive) = line.strip_prefix("#@") {
                let Some((key, value)) = directive.split_once(':') else {
                    return Err(PeelError::Ledger { line: n, detail: "a #@ line is `#@ key: value`".to_owned() });
                };
                meta.insert(key.trim().to_owned(), value.trim().to_owned());
                continue;
            }
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            if !header {
                if f.first() != Some(&"id") || f.len() != 9 {
                    return Err(PeelError::Ledger {
                        line: n,
                        detail: "the header must be the nine columns id..note".to_owned(),
                    });
                }
                header = true;
                continue;
            }
            let [id, at_line, section, item, subject, period, printed, measure, note] = f.as_slice() else {
                return Err(PeelError::Ledger { line: n, detail: format!("{} fields, not 9", f.len()) });
            };
            if rows.iter().any(|r| r.id == *id) {
                return Err(PeelError::Ledger { line: n, detail: format!("id {id} appears twice") });
            }
            rows.push(LedgerRow {
                id: (*id).to_owned(),
                line: at_line
                    .parse()
                    .map_err(|_| PeelError::Ledger { line: n, detail: format!("line {at_line:?}") })?,
                section: (*section).to_owned(),
                item: (*item).to_owned(),
                subject: subject.parse().map_err(at)?,
                period: (*period).to_owned(),
                printed: (*printed).to_owned(),
                measure: measure.parse().map_err(at)?,
                note: (*note).to_owned(),
                file_line: n,
            });
        }
        // Every reference names a row.
        for r in &rows {
            let refs: Vec<&String> = match &r.measure {
                Measure::Sum(ids) => ids.iter().collect(),
                Measure::Same(id) => vec![id],
                Measure::Above(pairs) => pairs.iter().flat_map(|(a, b)| [a, b]).collect(),
                Measure::InferFraction { denominator: Denominator::InferredBy(id), .. } => vec![id],
                _ => Vec::new(),
            };
            if let Some(missing) = refs.into_iter().find(|id| !rows.iter().any(|x| x.id == **id)) {
                return Err(PeelError::Ledger {
                    line: 0,
                    detail: format!("row {} refers to {missing}, which is not a row", r.id),
                });
            }
        }
        Ok(Ledger { force, title: title.to_owned(), rows, meta, text: None })
    }

    /// The row with this id.
    #[must_use]
    pub fn row(&self, id: &str) -> Option<&LedgerRow> {
        self.rows.iter().find(|r| r.id == id)
    }
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Subject::Force => "force",
            Subject::EnglandAndWales => "England and Wales",
            Subject::Forces => "all forces",
            Subject::Other => "other",
        })
    }
}
