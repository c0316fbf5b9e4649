//! The one evaluator: every ledger row against the sources registered with it.

use std::fmt;

use policing_forces::{Force, Population};
use policing_stats::{check_sum, round_half_away, Published};
use rust_decimal::Decimal;

use super::crime::thousands;
use super::source::{Annex, Computed, Hypothesis, Method, Query, Revision, Source, Value};
use super::{Denominator, Ledger, LedgerRow, Measure, Subject};
use crate::error::{PeelError, Result};

/// How a printed value stands against what the sources give.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Verdict {
    /// Computed from a primary source file and equal at the printed precision.
    Reproduced,
    /// Computed from a primary source file and not equal: both values, the difference and the reason.
    Differs,
    /// A check among the report's own printed numbers that holds. Never a reproduction.
    Consistent,
    /// A check among the report's own printed numbers that fails.
    Inconsistent,
    /// A fact that cannot be computed, echoed.
    Input,
    /// The source that would be needed is named; not in this repository or not public.
    NotComputable,
}

impl Verdict {
    /// Every verdict, in the order the tally prints them.
    pub const ALL: [Verdict; 6] = [
        Verdict::Reproduced,
        Verdict::Differs,
        Verdict::Consistent,
        Verdict::Inconsistent,
        Verdict::NotComputable,
        Verdict::Input,
    ];

    /// The verdict as printed.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Reproduced => "reproduced",
            Verdict::Differs => "differs",
            Verdict::Consistent => "consistent",
            Verdict::Inconsistent => "INCONSISTENT",
            Verdict::Input => "input",
            Verdict::NotComputable => "not computable",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

/// The evaluator: the sources figures are computed with, and the populations
/// inferences are made over.
///
/// ```
/// use policing_peel::ledger::{Evaluator, Ledger, Verdict};
/// let ledger = Ledger::wiltshire_2016()?;
/// // Without a source, nothing can be reproduced; consistency checks still run.
/// let evaluation = Evaluator::new().evaluate(&ledger);
/// assert!(evaluation.entries.iter().all(|e| e.verdict != Verdict::Reproduced));
/// assert!(evaluation.entries.iter().any(|e| e.verdict == Verdict::Consistent));
/// # Ok::<(), policing_peel::PeelError>(())
/// ```
pub struct Evaluator<'s> {
    sources: Vec<&'s dyn Source>,
    population: Population,
}

impl fmt::Debug for Evaluator<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.sources.iter().map(|s| s.name()).collect();
        f.debug_struct("Evaluator").field("sources", &names).finish_non_exhaustive()
    }
}

impl Default for Evaluator<'_> {
    fn default() -> Self {
        Evaluator::new()
    }
}

/// One row's result.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Entry<'a> {
    /// The row.
    pub row: &'a LedgerRow,
    /// The verdict.
    pub verdict: Verdict,
    /// What the sources give, at the printed precision (for a consistency check:
    /// what the printed members give; for a nearest measure: its value).
    pub computed: Option<String>,
    /// Why: the computation, the difference and the evidence on it, the check,
    /// or the source that would be needed.
    pub note: String,
    /// The method hypotheses the verdict was reached under (empty: the library's own method).
    pub method: Vec<&'static str>,
}

/// A method hypothesis, evaluated for every row it touches.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Finding {
    /// The hypothesis.
    pub hypothesis: Hypothesis,
    /// The source that can apply it.
    pub source: &'static str,
    /// Each row it changes: the row's id, its value and verdict under the
    /// library's own method, and under the hypothesis.
    pub rows: Vec<(String, String, Verdict, String, Verdict)>,
    /// Whether the headline adopts it.
    pub adopted: bool,
    /// Why, or why not.
    pub why: String,
}

/// Every row's entry, and what the method hypotheses showed.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Evaluation<'a> {
    /// The entries, in the ledger's order.
    pub entries: Vec<Entry<'a>>,
    /// Each hypothesis of the registered sources, tested on every row it touches.
    pub findings: Vec<Finding>,
    /// Each registered source's name and edition.
    pub sources: Vec<(&'static str, String)>,
}

impl<'s> Evaluator<'s> {
    /// No sources; ONS mid-2015 populations for inferences.
    #[must_use]
    pub fn new() -> Self {
        Evaluator { sources: Vec::new(), population: Population::mid_2015() }
    }

    /// With a source: its measures (`NAME.*`) are computed with it.
    #[must_use]
    pub fn with(mut self, source: &'s dyn Source) -> Self {
        self.sources.push(source);
        self
    }

    /// With other populations for the inferences (counts a rate implies).
    #[must_use]
    pub fn with_population(mut self, population: Population) -> Self {
        self.population = population;
        self
    }

    fn source(&self, name: &str) -> Option<&'s dyn Source> {
        self.sources.iter().copied().find(|s| s.name() == name)
    }

    /// Checks a ledger against the registered sources: every measure of a
    /// registered source must be one it computes.
    ///
    /// # Errors
    /// [`PeelError::Ledger`] naming the row's line and what is wrong.
    pub fn check(&self, ledger: &Ledger) -> Result<()> {
        for row in &ledger.rows {
            if let Measure::Computed { source, name, args } = &row.measure {
                if let Some(s) = self.source(source) {
                    s.check(name, args).map_err(|detail| PeelError::Ledger {
                        line: row.file_line,
                        detail: format!("row {}: {detail}", row.id),
                    })?;
                }
            }
        }
        Ok(())
    }

    fn compute(&self, ledger: &Ledger, row: &LedgerRow, method: &Method) -> Option<Computed> {
        let Measure::Computed { source, name, args } = &row.measure else { return None };
        let source = self.source(source)?;
        Some(source.compute(&Query { ledger, row, name, args, method }))
    }

    /// Evaluates every row of a ledger, in order: each computed figure under the
    /// library's own method and under each hypothesis that touches it; the
    /// hypotheses the headline adopts (see [`Finding::adopted`]); each row's
    /// verdict under the adopted ones.
    ///
    /// A hypothesis is adopted when the annex does not contradict it and,
    /// applied to every row it changes, it reproduces more of them than the
    /// library's own method and loses none the own method reproduces.
    #[must_use]
    pub fn evaluate<'a>(&self, ledger: &'a Ledger) -> Evaluation<'a> {
        let mut findings = Vec::new();
        for source in &self.sources {
            for h in source.hypotheses() {
                let method = Method::with([h.id]);
                let mut rows = Vec::new();
                for row in ledger
                    .rows
                    .iter()
                    .filter(|r| matches!(&r.measure, Measure::Computed { source: s, .. } if s == source.name()))
                {
                    let (Some(own), Some(alt)) =
                        (self.compute(ledger, row, &Method::own()), self.compute(ledger, row, &method))
                    else {
                        continue;
                    };
                    if own == alt {
                        continue;
                    }
                    let a = judge(ledger, row, &own, &Method::own());
                    let b = judge(ledger, row, &alt, &method);
                    rows.push((
                        row.id.clone(),
                        a.computed.unwrap_or_default(),
                        a.verdict,
                        b.computed.unwrap_or_default(),
                        b.verdict,
                    ));
                }
                let own_reproduced = rows.iter().filter(|r| r.2 == Verdict::Reproduced).count();
                let with_reproduced = rows.iter().filter(|r| r.4 == Verdict::Reproduced).count();
                let lost = rows.iter().filter(|r| r.2 == Verdict::Reproduced && r.4 != Verdict::Reproduced).count();
                let (adopted, why) = match h.annex {
                    Annex::Contradicts(quote) => (false, format!("not adopted: the annex contradicts it ({quote})")),
                    Annex::Silent(_) if rows.is_empty() => (false, "not adopted: it changes no row".to_owned()),
                    Annex::Silent(_) if lost > 0 => (false, format!("not adopted: it loses {lost} row(s) the library's own method reproduces")),
                    Annex::Silent(_) if with_reproduced > own_reproduced => (
                        true,
                        format!(
                            "adopted: applied to all {} rows it changes, it reproduces {with_reproduced} (the own method {own_reproduced}) and loses none",
                            rows.len()
                        ),
                    ),
                    Annex::Silent(_) => (false, format!("not adopted: applied to all {} rows it changes, it reproduces no more of them", rows.len())),
                };
                findings.push(Finding { hypothesis: h, source: source.name(), rows, adopted, why });
            }
        }
        let adopted: Vec<(&'static str, &'static str)> =
            findings.iter().filter(|f| f.adopted).map(|f| (f.source, f.hypothesis.id)).collect();
        let entries = ledger
            .rows
            .iter()
            .map(|row| match &row.measure {
                Measure::Computed { source, .. } => match self.source(source) {
                    Some(s) => {
                        let touching: Vec<&'static str> = adopted
                            .iter()
                            .filter(|(src, id)| {
                                *src == s.name()
                                    && findings
                                        .iter()
                                        .any(|f| f.hypothesis.id == *id && f.rows.iter().any(|r| r.0 == row.id))
                            })
                            .map(|(_, id)| *id)
                            .collect();
                        let method = Method::with(touching.iter().copied());
                        match self.compute(ledger, row, &method) {
                            Some(c) => {
                                let mut e = judge(ledger, row, &c, &method);
                                e.method = touching;
                                e
                            }
                            None => entry(row, Verdict::NotComputable, None, format!("needs {}", row.note)),
                        }
                    }
                    None => entry(
                        row,
                        Verdict::NotComputable,
                        None,
                        format!("needs the {source} source (not given to this evaluation): {}", row.note),
                    ),
                },
                _ => self.evaluate_row(ledger, row),
            })
            .collect();
        Evaluation { entries, findings, sources: self.sources.iter().map(|s| (s.name(), s.edition())).collect() }
    }
}

/// Evaluates every row of a ledger with an evaluator that has no sources:
/// inputs, consistency checks and inferences only.
#[must_use]
pub fn evaluate(ledger: &Ledger) -> Vec<Entry<'_>> {
    Evaluator::new().evaluate(ledger).entries
}

fn entry<'a>(row: &'a LedgerRow, verdict: Verdict, computed: Option<String>, note: String) -> Entry<'a> {
    Entry { row, verdict, computed, note, method: Vec::new() }
}

/// A printed number: "+5.4" is 5.4 with one place, "-3.4" is -3.4.
fn printed_number(text: &str) -> Option<Published> {
    text.trim().trim_start_matches('+').replace(',', "").parse::<Published>().ok()
}

/// The verdict of a computed figure against the printed one.
fn judge<'a>(ledger: &Ledger, row: &'a LedgerRow, computed: &Computed, method: &Method) -> Entry<'a> {
    let under = if method.ids().next().is_some() { format!(" (under {method})") } else { String::new() };
    match computed {
        Computed::NotAvailable(reason) => entry(row, Verdict::NotComputable, None, format!("needs {reason}")),
        Computed::Nearest { value, how, why } => {
            let shown = match (value, printed_number(&row.printed)) {
                (Value::Number(v), Some(p)) => round_half_away(*v, p.places()).to_string(),
                (Value::Number(v), None) => round_half_away(*v, 2).to_string(),
                (Value::Text(t), _) => t.clone(),
            };
            entry(
                row,
                Verdict::NotComputable,
                Some(shown),
                format!(
                    "needs {}; the nearest measure{under}: {how}, another measure than the printed one: {why}",
                    row.note
                ),
            )
        }
        Computed::Same { value: Value::Text(text), how, .. } => {
            if *text == row.printed {
                entry(row, Verdict::Reproduced, Some(text.clone()), format!("{how}{under}"))
            } else {
                entry(
                    row,
                    Verdict::Differs,
                    Some(text.clone()),
                    format!("printed {}, computed {text}; {how}{under}", row.printed),
                )
            }
        }
        Computed::Same { value: Value::Number(value), how, revision, checked } => {
            let Some(printed) = printed_number(&row.printed) else {
                return entry(
                    row,
                    Verdict::Inconsistent,
                    None,
                    format!("the printed value {:?} is not a number", row.printed),
                );
            };
            let rounded = round_half_away(*value, printed.places());
            let shown = if row.printed.starts_with('+') && rounded > Decimal::ZERO {
                format!("+{rounded}")
            } else {
                rounded.to_string()
            };
            if rounded == printed.value() {
                return entry(row, Verdict::Reproduced, Some(shown), format!("{how}{under}"));
            }
            let difference = round_half_away(rounded - printed.value(), printed.places());
            let sign = if difference > Decimal::ZERO { "+" } else { "" };
            let reason = differs_because(ledger, row, *value, printed.value(), *revision, checked);
            let note = format!(
                "printed {}, computed {shown}, difference {sign}{difference}; {how}{under}; why: {reason}",
                row.printed
            );
            entry(row, Verdict::Differs, Some(shown), note)
        }
    }
}

/// The reason a computed value differs, from the evidence: which way a later
/// release moves it against which way it differs, by how much, and what else was checked.
fn differs_because(
    ledger: &Ledger,
    row: &LedgerRow,
    computed: Decimal,
    printed: Decimal,
    revision: Revision,
    checked: &[String],
) -> String {
    let release = ledger.meta.get("release").map_or("an earlier release", String::as_str);
    // A change is compared in points; a rate or count also as a share of the printed value.
    let is_change = row.printed.starts_with('+') || row.printed.starts_with('-');
    let size = if is_change || printed.is_zero() {
        String::new()
    } else {
        let pct = round_half_away((computed - printed) * Decimal::from(100) / printed.abs(), 1);
        format!(", {}{pct}% of the printed value", if pct > Decimal::ZERO { "+" } else { "" })
    };
    let checks = if checked.is_empty() { String::new() } else { format!("; checked: {}", checked.join("; ")) };
    match revision {
        Revision::Raises if computed > printed => format!(
            "a later release: the source is later than the one the report used ({release}); later releases add \
             late-recorded crimes, which raises this value, and it is above the printed{size}: the direction a \
             revision gives (its size cannot be checked: that release is not in the repository){checks}"
        ),
        Revision::Raises => format!(
            "unexplained: the computed value is below the printed{size}, while a later release than the report's \
             ({release}) would raise it, so revision is ruled out{checks}"
        ),
        Revision::Unknown => format!("the source is not the release the report used ({release}){size}{checks}"),
    }
}

impl Evaluator<'_> {
    fn evaluate_row<'a>(&self, ledger: &'a Ledger, row: &'a LedgerRow) -> Entry<'a> {
        match &row.measure {
            Measure::Input => entry(row, Verdict::Input, None, row.note.clone()),
            Measure::NotComputable => entry(row, Verdict::NotComputable, None, format!("needs {}", row.note)),
            Measure::InferCount { base } => self.infer_count(ledger, row, *base),
            Measure::InferFraction { base, denominator } => match denominator {
                Denominator::Count(n) => infer_fraction(row, *base, *n, None),
                Denominator::InferredBy(id) => match ledger.row(id).and_then(|r| self.inferred_count(ledger, r)) {
                    Some(n) => infer_fraction(row, *base, n, Some(id)),
                    None => entry(
                        row,
                        Verdict::NotComputable,
                        None,
                        format!("needs {}; {id} does not infer one whole count", row.note),
                    ),
                },
            },
            Measure::Computed { .. } => entry(row, Verdict::NotComputable, None, format!("needs {}", row.note)),
            Measure::Sum(ids) => {
                let parts: Option<Vec<Published>> =
                    ids.iter().map(|id| ledger.row(id).and_then(|r| printed_number(&r.printed))).collect();
                let (Some(parts), Some(total)) = (parts, printed_number(&row.printed)) else {
                    return entry(row, Verdict::Inconsistent, None, "a member or the total is not a number".to_owned());
                };
                let check = check_sum(&parts, &total);
                let members: Vec<String> =
                    ids.iter().filter_map(|id| ledger.row(id).map(|r| r.printed.clone())).collect();
                let note = format!(
                    "{}: the members print {} = {}; their unrounded sum lies in [{}, {}), the total's in [{}, {})",
                    if check.consistent {
                        "consistent under rounding"
                    } else {
                        "NO unrounded values round to all of these"
                    },
                    members.join(" + "),
                    check.printed_sum,
                    check.parts_range.lower,
                    check.parts_range.upper,
                    check.total_range.lower,
                    check.total_range.upper
                );
                let note = if row.note.is_empty() { note } else { format!("{}; {note}", row.note) };
                let verdict = if check.consistent { Verdict::Consistent } else { Verdict::Inconsistent };
                entry(row, verdict, Some(round_half_away(check.printed_sum, total.places()).to_string()), note)
            }
            Measure::Same(id) => {
                let other = ledger.row(id);
                let same = other.is_some_and(|o| o.printed == row.printed);
                let note = other.map_or_else(
                    || format!("{id} is not a row"),
                    |o| format!("the same figure as {} / {} ({}); {}", o.section, o.item, o.printed, row.note),
                );
                entry(
                    row,
                    if same { Verdict::Consistent } else { Verdict::Inconsistent },
                    other.map(|o| o.printed.clone()),
                    note,
                )
            }
            Measure::Above(pairs) => {
                let mut holds = true;
                let mut said = Vec::new();
                for (a, b) in pairs {
                    let value = |id: &str| ledger.row(id).and_then(|r| printed_number(&r.printed)).map(|p| p.value());
                    match (value(a), value(b)) {
                        (Some(x), Some(y)) => {
                            holds &= x > y;
                            said.push(format!("{x} {} {y}", if x > y { ">" } else { "<=" }));
                        }
                        _ => holds = false,
                    }
                }
                let verdict = if holds { Verdict::Consistent } else { Verdict::Inconsistent };
                entry(row, verdict, Some(row.printed.clone()), format!("printed values: {}", said.join("; ")))
            }
        }
    }

    /// The one whole count a row's printed rate implies, if exactly one does.
    fn inferred_count(&self, ledger: &Ledger, row: &LedgerRow) -> Option<u64> {
        let Measure::InferCount { base } = row.measure else { return None };
        let (denominator, _) = self.count_denominator(ledger, row.subject)?;
        let (first, last) = count_range(printed_number(&row.printed)?, denominator, base);
        (first == last).then(|| u64::try_from(first).ok()).flatten()
    }

    /// The population a count per population is over, and whose it is.
    fn count_denominator(&self, ledger: &Ledger, subject: Subject) -> Option<(u64, String)> {
        let population = &self.population;
        match subject {
            Subject::Force => population
                .of(ledger.force)
                .ok()
                .map(|p| (p.persons, format!("{}'s ONS mid-2015 population", ledger.force))),
            Subject::EnglandAndWales => {
                // The report leaves City of London out of England and Wales for OCGs (its footnote 33).
                let city = population.of(Force::CityOfLondon).map_or(0, |p| p.persons);
                Some((
                    population.england_and_wales() - city,
                    "England and Wales's ONS mid-2015 population without City of London".to_owned(),
                ))
            }
            _ => None,
        }
    }

    /// The whole counts `k` whose rate `k / population * base` rounds to the printed value.
    fn infer_count<'a>(&self, ledger: &'a Ledger, row: &'a LedgerRow, base: u64) -> Entry<'a> {
        let (Some((denominator, whose)), Some(printed)) =
            (self.count_denominator(ledger, row.subject), printed_number(&row.printed))
        else {
            return entry(row, Verdict::NotComputable, None, format!("needs {}", row.note));
        };
        let (first, last) = count_range(printed, denominator, base);
        let inferred = if first == last {
            format!("exactly {}", thousands(first))
        } else if first > last {
            "no whole count".to_owned()
        } else {
            format!("any whole count from {} to {}", thousands(first), thousands(last))
        };
        let bounds = printed.bounds();
        let scale = Decimal::from(denominator) / Decimal::from(base);
        entry(
            row,
            Verdict::NotComputable,
            None,
            format!(
                "needs {}; inference: {} per {} over {whose} ({}) is met by {inferred} (the unrounded count lies in [{}, {}))",
                row.note,
                row.printed,
                thousands(Decimal::from(base)),
                thousands(Decimal::from(denominator)),
                round_half_away(bounds.lower * scale, 2),
                round_half_away(bounds.upper * scale, 2)
            ),
        )
    }
}

/// The first and last whole counts whose rate over `denominator` per `base` rounds to `printed`.
fn count_range(printed: Published, denominator: u64, base: u64) -> (Decimal, Decimal) {
    let bounds = printed.bounds();
    let scale = Decimal::from(denominator) / Decimal::from(base);
    let (lo, hi) = (bounds.lower * scale, bounds.upper * scale);
    let first = lo.ceil();
    let last = if hi.fract().is_zero() { hi - Decimal::ONE } else { hi.floor() };
    (first, last)
}

/// Whether `n` can be the denominator of the printed rate per `base`, and the smallest that can.
fn infer_fraction<'a>(row: &'a LedgerRow, base: u64, n: u64, from: Option<&str>) -> Entry<'a> {
    let Some(printed) = printed_number(&row.printed) else {
        return entry(row, Verdict::NotComputable, None, format!("needs {}", row.note));
    };
    let fits = |d: u64| {
        (0..=d.saturating_mul(10)).find(|k| {
            let v = Decimal::from(*k) * Decimal::from(base) / Decimal::from(d);
            round_half_away(v, printed.places()) == printed.value()
        })
    };
    let with_n = fits(n).map_or_else(
        || format!("no k/{n} x {base} rounds to {}", row.printed),
        |k| format!("{k}/{n} x {base} rounds to {}", row.printed),
    );
    let smallest = (1..=10_000u64).find_map(|d| fits(d).map(|k| (k, d)));
    let smallest = smallest.map_or_else(String::new, |(k, d)| {
        format!(
            "; the smallest denominator that fits is {d} ({k}/{d} = {})",
            round_half_away(Decimal::from(k) * Decimal::from(base) / Decimal::from(d), 2)
        )
    });
    let source = from.map_or_else(String::new, |id| format!(" ({n} is the count {id} infers)"));
    let conclusion = if fits(n).is_none() { format!(", so the denominator is not {n}{source}") } else { source };
    entry(row, Verdict::NotComputable, None, format!("needs {}; inference: {with_n}{smallest}{conclusion}", row.note))
}
