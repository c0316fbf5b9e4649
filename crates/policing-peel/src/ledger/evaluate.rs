//! The one evaluator: every ledger row against the sources registered with it.

use std::collections::BTreeMap;
use std::fmt;

use policing_forces::{Force, Population};
use policing_stats::{check_sum, round_half_away, Published};
use rust_decimal::Decimal;

use super::crime::thousands;
use super::joint::{factor, implied, value_over, Implied, Pinned, Span, Stand};
use super::source::{Computed, Formula, Hypothesis, Method, Query, Revision, Source, Value};
use super::text::{Reading, ReportText};
use super::{Denominator, Ledger, LedgerRow, Measure, Subject};
use crate::error::{PeelError, Result};

/// How a printed value stands against what the sources give.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Verdict {
    /// Computed from a primary source file by the report's stated method and
    /// equal at the printed precision.
    Reproduced,
    /// Computed by the stated method and not equal: both values, the difference
    /// and the reason, judged with every row that uses the same counts.
    Differs,
    /// The stated method differs, and an alternative found by searching gives
    /// the printed value: both values, what the report's text says of the
    /// alternative, and that it was found by searching. Never counted as reproduced.
    Explained,
    /// A check among the report's own printed numbers that holds. Never a reproduction.
    Consistent,
    /// A check among the report's own printed numbers that fails.
    Inconsistent,
    /// A fact that cannot be computed, echoed.
    Input,
    /// The source that would be needed is named; not in this repository or not public.
    NotComputable,
    /// The printed value is not transcribed yet (a template's row): what the
    /// sources give is shown, never to be copied into the printed column.
    NotTranscribed,
}

impl Verdict {
    /// Every verdict, in the order the tally prints them.
    pub const ALL: [Verdict; 8] = [
        Verdict::Reproduced,
        Verdict::Differs,
        Verdict::Explained,
        Verdict::Consistent,
        Verdict::Inconsistent,
        Verdict::NotComputable,
        Verdict::Input,
        Verdict::NotTranscribed,
    ];

    /// The verdict as printed.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Reproduced => "reproduced",
            Verdict::Differs => "differs",
            Verdict::Explained => "explained",
            Verdict::Consistent => "consistent",
            Verdict::Inconsistent => "INCONSISTENT",
            Verdict::Input => "input",
            Verdict::NotComputable => "not computable",
            Verdict::NotTranscribed => "not transcribed",
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
/// let evaluation = Evaluator::new().evaluate(&ledger)?;
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
    /// What the sources give by the stated method, at the printed precision
    /// (for a consistency check: what the printed members give; for a nearest
    /// measure: its value).
    pub computed: Option<String>,
    /// Why: the computation, the difference and the evidence on it, the check,
    /// or the source that would be needed.
    pub note: String,
    /// For an `explained` row: the alternative that gives the printed value.
    pub explained_by: Option<&'static str>,
    /// The figure the row is, as its source's typed query names it: rows naming
    /// the same figure are counted once.
    pub figure: Option<String>,
}

/// One row an alternative changes: its value and verdict by the stated method and under the alternative.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Changed {
    /// The row's id.
    pub id: String,
    /// The stated method's value, at the printed precision.
    pub stated: String,
    /// Its verdict.
    pub stated_verdict: Verdict,
    /// The alternative's value from the source's counts, at the printed precision.
    pub with: String,
    /// Whether that equals the printed value.
    pub with_matches: bool,
    /// The alternative's value with the counts the report's other figures pin, when they pin any.
    pub with_implied: Option<String>,
}

/// An alternative to the stated method, found by searching, evaluated for every row it touches.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Finding {
    /// The alternative.
    pub hypothesis: Hypothesis,
    /// The source that can apply it.
    pub source: &'static str,
    /// Each row it changes.
    pub rows: Vec<Changed>,
    /// What the report's text says of it.
    pub reading: Reading,
}

/// Every row's entry, and what the alternatives showed.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Evaluation<'a> {
    /// The entries, in the ledger's order.
    pub entries: Vec<Entry<'a>>,
    /// Each alternative of the registered sources, tested on every row it touches.
    pub findings: Vec<Finding>,
    /// Each registered source's name and edition.
    pub sources: Vec<(&'static str, String)>,
    /// The counts the report's printed figures imply, each against the
    /// source's: (area, what is said of the count). Every row using a count is
    /// judged with this one inference.
    pub counts: Vec<(String, String)>,
}

/// A prepared row: its typed query and what the stated method gives.
struct Prepared<'q, 'a> {
    row: &'a LedgerRow,
    source: &'static str,
    query: Box<dyn Query + 'q>,
    stated: Computed,
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

    /// Parses every computed row of a registered source into its typed query, once.
    fn prepare<'a>(&self, ledger: &'a Ledger) -> Result<Vec<Prepared<'s, 'a>>> {
        let mut out = Vec::new();
        for row in &ledger.rows {
            let Measure::Computed { source, name, args } = &row.measure else { continue };
            let Some(s) = self.source(source) else { continue };
            let query = s.query(ledger.force, row, name, args).map_err(|detail| PeelError::Ledger {
                line: row.file_line,
                detail: format!("row {}: {detail}", row.id),
            })?;
            let stated = query.compute(&Method::own());
            out.push(Prepared { row, source: s.name(), query, stated });
        }
        Ok(out)
    }

    /// Checks a ledger against the registered sources: every measure of a
    /// registered source must parse into one of its typed queries.
    ///
    /// # Errors
    /// [`PeelError::Ledger`] naming the row's line and what is wrong.
    pub fn check(&self, ledger: &Ledger) -> Result<()> {
        self.prepare(ledger).map(|_| ())
    }

    /// Evaluates every row of a ledger, in order: each computed figure by the
    /// report's stated method (`reproduced` or `differs`, the reason judged with
    /// every row that uses the same counts); each alternative a source offers,
    /// on every row it changes; a row that differs and that an alternative
    /// gives exactly is `explained`, never `reproduced`.
    ///
    /// # Errors
    /// [`PeelError::Ledger`] naming the row whose measure does not parse.
    pub fn evaluate<'a>(&self, ledger: &'a Ledger) -> Result<Evaluation<'a>> {
        let prepared = self.prepare(ledger)?;
        let text = ledger.text.as_deref().map(ReportText::new);
        // The counts the report's figures pin, by the stated method.
        let pinned: Vec<Pinned<'_>> = prepared
            .iter()
            .filter_map(|p| match (&p.stated, printed_number(&p.row.printed)) {
                (Computed::Same { formula: Some(formula), .. }, Some(printed)) => {
                    Some(Pinned { row: p.row, formula, printed })
                }
                _ => None,
            })
            .collect();
        let all = implied(&pinned, &[]);
        let mut findings = Vec::new();
        let mut explains: BTreeMap<&str, (Hypothesis, Computed)> = BTreeMap::new();
        for source in &self.sources {
            for h in source.hypotheses() {
                let method = Method::with([h.id]);
                let mut rows = Vec::new();
                for p in prepared.iter().filter(|p| p.source == source.name()) {
                    let alt = p.query.compute(&method);
                    if alt == p.stated {
                        continue;
                    }
                    let a = judge(p.row, &p.stated, &Method::own());
                    let b = judge(p.row, &alt, &method);
                    let with_implied = match (&alt, printed_number(&p.row.printed)) {
                        (Computed::Same { formula: Some(f), .. }, Some(printed)) => {
                            let others = implied(&pinned, &[p.row.id.as_str()]);
                            f.counts()
                                .iter()
                                .any(|c| others.contains_key(&c.key()))
                                .then(|| value_over(f, &others))
                                .flatten()
                                .map(|v| v.show(printed.places() + 2))
                        }
                        _ => None,
                    };
                    if a.verdict == Verdict::Differs && b.verdict == Verdict::Reproduced {
                        explains.entry(p.row.id.as_str()).or_insert((h, alt.clone()));
                    }
                    rows.push(Changed {
                        id: p.row.id.clone(),
                        stated: a.computed.unwrap_or_default(),
                        stated_verdict: a.verdict,
                        with: b.computed.unwrap_or_default(),
                        with_matches: b.verdict == Verdict::Reproduced,
                        with_implied,
                    });
                }
                let reading = text.as_ref().map_or(Reading::NoText, |t| t.read(h.contradicted_by, h.context));
                findings.push(Finding { hypothesis: h, source: source.name(), rows, reading });
            }
        }
        let entries = ledger
            .rows
            .iter()
            .map(|row| {
                if row.printed.trim().is_empty() {
                    return untranscribed(row, prepared.iter().find(|p| std::ptr::eq(p.row, row)));
                }
                let Measure::Computed { source, .. } = &row.measure else { return self.evaluate_row(ledger, row) };
                let Some(p) = prepared.iter().find(|p| std::ptr::eq(p.row, row)) else {
                    return entry(
                        row,
                        Verdict::NotComputable,
                        None,
                        format!("needs the {source} source (not given to this evaluation): {}", row.note),
                    );
                };
                let mut e = judge(row, &p.stated, &Method::own());
                e.figure = Some(p.query.to_string());
                if e.verdict == Verdict::Differs {
                    e.note = format!("{}; why: {}", e.note, differs_because(ledger, row, &p.stated, &pinned));
                    if let Some((h, alt)) = explains.get(row.id.as_str()) {
                        let finding = findings.iter().find(|f| f.hypothesis.id == h.id);
                        e = explained(e, &p.stated, h, alt, finding, &pinned, &all);
                    }
                }
                e
            })
            .collect();
        let counts = all.values().map(|i| (i.count.unit.clone(), i.say())).collect();
        Ok(Evaluation {
            entries,
            findings,
            sources: self.sources.iter().map(|s| (s.name(), s.edition())).collect(),
            counts,
        })
    }
}

/// Evaluates every row of a ledger with an evaluator that has no sources:
/// inputs, consistency checks and inferences only.
#[must_use]
pub fn evaluate(ledger: &Ledger) -> Vec<Entry<'_>> {
    // Without a source no row is parsed, so nothing can be refused.
    Evaluator::new().evaluate(ledger).map(|e| e.entries).unwrap_or_default()
}

/// A row whose printed value is not transcribed: what the source gives, to
/// four places, and that the printed value is to come from the report.
fn untranscribed<'a>(row: &'a LedgerRow, prepared: Option<&Prepared<'_, 'a>>) -> Entry<'a> {
    let say = "the printed value is not transcribed: fill it in from the report, never from the computed column";
    let Some(p) = prepared else { return entry(row, Verdict::NotTranscribed, None, say.to_owned()) };
    let (computed, how) = match &p.stated {
        Computed::Same { value: Value::Number(v), how, .. }
        | Computed::Nearest { value: Value::Number(v), how, .. } => {
            (Some(round_half_away(*v, 4).to_string()), how.clone())
        }
        Computed::Same { value: Value::Text(t), how, .. } | Computed::Nearest { value: Value::Text(t), how, .. } => {
            (Some(t.clone()), how.clone())
        }
        Computed::NotAvailable(why) => (None, format!("not available: {why}")),
    };
    let mut e = entry(row, Verdict::NotTranscribed, computed, format!("{say}; the source gives: {how}"));
    e.figure = Some(p.query.to_string());
    e
}

fn entry(row: &LedgerRow, verdict: Verdict, computed: Option<String>, note: String) -> Entry<'_> {
    Entry { row, verdict, computed, note, explained_by: None, figure: None }
}

/// A printed number: "+5.4" is 5.4 with one place, "-3.4" is -3.4.
fn printed_number(text: &str) -> Option<Published> {
    text.trim().trim_start_matches('+').replace(',', "").parse::<Published>().ok()
}

/// A value at the printed precision, signed as the printed value is.
fn shown(row: &LedgerRow, value: Decimal, places: u32) -> String {
    let rounded = round_half_away(value, places);
    if row.printed.starts_with('+') && rounded > Decimal::ZERO {
        format!("+{rounded}")
    } else {
        rounded.to_string()
    }
}

/// The verdict of a computed figure against the printed one (the reason a
/// value differs is added by the caller, from every row sharing its counts).
fn judge<'a>(row: &'a LedgerRow, computed: &Computed, method: &Method) -> Entry<'a> {
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
        Computed::Same { value: Value::Number(value), how, checked, .. } => {
            let Some(printed) = printed_number(&row.printed) else {
                return entry(
                    row,
                    Verdict::Inconsistent,
                    None,
                    format!("the printed value {:?} is not a number", row.printed),
                );
            };
            let rounded = round_half_away(*value, printed.places());
            let computed = shown(row, *value, printed.places());
            if rounded == printed.value() {
                return entry(row, Verdict::Reproduced, Some(computed), format!("{how}{under}"));
            }
            let difference = round_half_away(rounded - printed.value(), printed.places());
            let sign = if difference > Decimal::ZERO { "+" } else { "" };
            let checks = if checked.is_empty() { String::new() } else { format!("; checked: {}", checked.join("; ")) };
            let note = format!(
                "printed {}, computed {computed}, difference {sign}{difference}; {how}{under}{checks}",
                row.printed
            );
            entry(row, Verdict::Differs, Some(computed), note)
        }
    }
}

/// The counts a row pins, given what the report's other figures pin: a rate's
/// own count; for a change, the count other rows pin and the one this row's
/// printed change carries it to (or, when nothing else pins either, the later
/// count the printed change needs from the file's earlier one).
fn pins_of(row: &LedgerRow, formula: &Formula, printed: &Published, pinned: &[Pinned<'_>]) -> Vec<Implied> {
    match formula {
        Formula::Ratio { count, .. } => {
            let single = [Pinned { row, formula, printed: *printed }];
            implied(&single, &[]).remove(&count.key()).into_iter().collect()
        }
        Formula::Change { now, then } => {
            let others = implied(pinned, &[row.id.as_str()]);
            let Some(f) = factor(printed) else { return Vec::new() };
            let at = format!("{} {}", row.id, row.printed);
            let (known, other, span) = match (others.get(&now.key()), others.get(&then.key())) {
                (Some(n), _) => (n.clone(), then, Span { lo: n.span.lo / f.hi, hi: n.span.hi / f.lo }),
                (None, Some(t)) => (t.clone(), now, Span { lo: t.span.lo * f.lo, hi: t.span.hi * f.hi }),
                (None, None) => {
                    let v = Decimal::from(then.value);
                    let span = Span { lo: v * f.lo, hi: v * f.hi };
                    let needs = Implied { count: now.clone(), span, from: vec![at] };
                    return vec![needs];
                }
            };
            let carried =
                Implied { count: other.clone(), span, from: known.from.iter().cloned().chain([at]).collect() };
            vec![known, carried]
        }
    }
}

/// The reason a value differs, judged with every row that uses the same counts:
/// the counts the report's figures imply against the counts the file holds,
/// and which way a later release would move them.
fn differs_because(ledger: &Ledger, row: &LedgerRow, stated: &Computed, pinned: &[Pinned<'_>]) -> String {
    let release = ledger.meta.get("release").map_or("an earlier release", String::as_str);
    let (Computed::Same { formula: Some(formula), revision: Revision::Raises, .. }, Some(printed)) =
        (stated, printed_number(&row.printed))
    else {
        return format!("the source is not the release the report used ({release})");
    };
    let counts = pins_of(row, formula, &printed, pinned);
    let said =
        |stand: Stand| -> Vec<String> { counts.iter().filter(|c| c.stand() == stand).map(Implied::say).collect() };
    let (above, below, agrees) = (said(Stand::Above), said(Stand::Below), said(Stand::Agrees));
    let mut why = if !above.is_empty() {
        format!(
            "unexplained: {}; a later release than the report's ({release}) adds late-recorded crimes and so raises \
             counts: it cannot give a count above the file's",
            above.join("; ")
        )
    } else if !below.is_empty() {
        format!(
            "a later release: {}; later releases than the report's ({release}) add late-recorded crimes, the \
             direction of this difference (its size cannot be checked: that release is not in the repository)",
            below.join("; ")
        )
    } else {
        "unexplained: the counts the report's figures imply hold the file's, yet the value differs".to_owned()
    };
    if !agrees.is_empty() && (!above.is_empty() || !below.is_empty()) {
        why.push_str(&format!("; {}", agrees.join("; ")));
    }
    why.push_str(
        "; every row using these counts is judged with the same inference (the counts the report's figures imply, \
         listed after the rows)",
    );
    why
}

/// The gap between the counts the report's rates pin for an area in the same
/// period and the file's, over the area's counts other than the row's own, in percent.
fn area_gap(formula: &Formula, all: &BTreeMap<String, Implied>) -> Option<Span> {
    let own = formula.counts().first().copied()?.clone();
    let keys: Vec<String> = formula.counts().iter().map(|c| c.key()).collect();
    let gaps: Vec<Span> = all
        .values()
        .filter(|i| {
            i.count.unit == own.unit
                && i.count.period == own.period
                && i.from.len() == 1
                && !keys.contains(&i.count.key())
                && i.stand() != Stand::Agrees
        })
        .filter_map(Implied::gap)
        .collect();
    let lo = gaps.iter().map(|g| g.lo.min(g.hi)).min()?;
    let hi = gaps.iter().map(|g| g.lo.max(g.hi)).max()?;
    Some(Span { lo, hi })
}

/// A differing row an alternative gives exactly: `explained`, with both values,
/// what the report's text says of the alternative, that it was found by
/// searching, and what the report's other figures say of it.
fn explained<'a>(
    stated_entry: Entry<'a>,
    stated: &Computed,
    h: &Hypothesis,
    alt: &Computed,
    finding: Option<&Finding>,
    pinned: &[Pinned<'_>],
    all: &BTreeMap<String, Implied>,
) -> Entry<'a> {
    let row = stated_entry.row;
    let exact = |c: &Computed| match c {
        Computed::Same { value: Value::Number(v), formula, .. } => Some((*v, formula.clone())),
        _ => None,
    };
    let (Some(printed), Some((sv, stated_formula)), Some((av, alt_formula))) =
        (printed_number(&row.printed), exact(stated), exact(alt))
    else {
        return stated_entry;
    };
    let places = printed.places() + 2;
    let mut note = format!(
        "explained, not reproduced: the report's stated method gives {} ({}), printed {}; {} gives {} ({}): {}; an \
         alternative found by searching for a method that gives the printed value",
        shown(row, sv, printed.places()),
        round_half_away(sv, places),
        row.printed,
        h.id,
        shown(row, av, printed.places()),
        round_half_away(av, places),
        h.says
    );
    let quote = |quotes: &[super::text::Quote]| -> String {
        quotes.iter().map(|q| format!("{} \"{}\"", q.lines(), q.text)).collect::<Vec<_>>().join("; ")
    };
    match finding.map(|f| &f.reading) {
        Some(Reading::Contradicts(quotes)) => {
            note.push_str(&format!("; the report's text contradicts it: {}", quote(quotes)));
        }
        Some(Reading::Silent(quotes)) if !quotes.is_empty() => {
            note.push_str(&format!("; the report's text does not decide it (it says: {})", quote(quotes)));
        }
        Some(Reading::Silent(_)) => note.push_str("; the report's text does not speak to it"),
        Some(Reading::NoText) | None => note.push_str("; no report text was given, so none was read"),
    }
    // The alternative with the counts the report's other figures pin.
    if let Some(f) = &alt_formula {
        let others = implied(pinned, &[row.id.as_str()]);
        let pins: Vec<String> = f.counts().iter().filter_map(|c| others.get(&c.key())).map(Implied::say).collect();
        if let (false, Some(v)) = (pins.is_empty(), value_over(f, &others)) {
            note.push_str(&format!(
                "; with the counts the report's other figures imply ({}), the alternative gives {}{}",
                pins.join("; "),
                v.show(places),
                if v.meets(&printed) {
                    ", which holds the printed value too"
                } else {
                    ", not the printed value: it explains an apparent slip (the alternative paired with this file's \
                     counts), not the report's own computation"
                }
            ));
        }
    }
    // A rate scales with its count: the area's unexplained gap, applied to the stated method.
    if let Some(f @ Formula::Ratio { .. }) = &stated_formula {
        if let Some(gap) = area_gap(f, all) {
            let hundred = Decimal::from(100);
            let v = Span { lo: sv * (Decimal::ONE + gap.lo / hundred), hi: sv * (Decimal::ONE + gap.hi / hundred) };
            if v.meets(&printed) {
                note.push_str(&format!(
                    "; the area's other counts the report's rates pin for the same period are {}% above the file's, and that gap alone \
                     takes the stated method's {} to {}, which prints as the printed value too: the evidence for \
                     this alternative is no stronger than that unexplained gap",
                    gap.show(1),
                    round_half_away(sv, places),
                    v.show(places)
                ));
            }
        }
    }
    Entry { verdict: Verdict::Explained, note, explained_by: Some(h.id), ..stated_entry }
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
