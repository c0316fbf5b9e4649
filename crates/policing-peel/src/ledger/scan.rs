//! What of a report's text a ledger does not account for: every number (in
//! digits or words) and every comparative or evaluative word ("higher", "in
//! line", "most", "good", "the force should") must be a ledger row printed on
//! its line (or beside it), or be covered by a reasoned rule saying why it is
//! not a figure or not a verdict. A rule may not cover what a row accounts
//! for, and a rule that covers nothing is reported, so a row cannot be hidden
//! by moving its words onto a list.
//!
//! ```
//! use policing_peel::ledger::{Ledger, ScanRules, Scanner};
//! let ledger = Ledger::wiltshire_2016()?;
//! let text = ledger.text.as_deref().unwrap_or_default();
//! let scan = Scanner::new(text, &ScanRules::wiltshire_2016()?).check(&ledger.rows);
//! assert!(scan.problems.is_empty(), "{:?}", scan.problems);
//! # Ok::<(), policing_peel::PeelError>(())
//! ```

use std::collections::BTreeMap;
use std::sync::OnceLock;

use regex::Regex;

use super::LedgerRow;
use crate::error::{PeelError, Result};

/// Numbers written as digits or as words.
const NUMBER: &str = r"(?i)[-+]?\d[\d,]*(?:\.\d+)?|\b(?:one-third|two-thirds|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|half|third|twice|dozen)\b";

/// Comparative and evaluative wording: the words a verdict is carried by.
const VERDICT_WORDS: &str = r"(?i)\b(?:good|outstanding|inadequate|requires? improvement|ungraded|areas? for improvement|causes? (?:of|for) concern|higher|highest|lower|lowest|above|below|more|most|fewer|less|greater|in line|increas\w*|decreas\w*|all|none|no recorded|mixed|better|worse|(?:has|have|does|did|is|are|was|were) not|not properly|satisfied|high proportion|make improvements|the force (?:should|needs to))\b";

const MONTH: &str = "(?:January|February|March|April|May|June|July|August|September|October|November|December)";

/// Numbers a PEEL 2016 report prints that are not figures, each with its reason.
fn peel_non_figures() -> Vec<(String, &'static str)> {
    let month = MONTH;
    vec![
        (format!(r"\b\d{{1,2}}\s+{month}\s+\d{{4}}"), "a date"),
        (format!(r"\b\d{{1,2}}\s+{month}\b"), "a date (its year on the next line)"),
        (format!(r"\b{month}\s+\d{{3,4}}"), "a month (the year may be cut by a footnote marker)"),
        (r"\b(?:19|20)\d\d(?:-\d\d)?\b".to_owned(), "a year or financial year"),
        (r"\b(?:19|20)\d\d(?:\.?\d{1,2})\b".to_owned(), "a year with a footnote marker glued on"),
        (r"(?:as at|to|ending)\s+\d{1,2}\s*$".to_owned(), "a date (its month on the next line)"),
        (r"^\s*\d\.\s".to_owned(), "the number of a question in a list"),
        (r"^\s*1,000\s+population".to_owned(), "the base of a rate (after a line break)"),
        (r"[’,]\s\d{1,2}\s".to_owned(), "a footnote marker after a quotation mark or comma"),
        (r"\bPPD1s?\b".to_owned(), "the name of a form"),
        (
            r"(?:\bthe|\bin|previous)\s+12\b(?:\s+months?\b)?|^\s*12\s+months\s+to\b".to_owned(),
            "the length of a rolling year (\"the 12 months to\", \"the previous 12 months\")",
        ),
        (r"(?:per|every|for)\s+(?:1,000|10,000|100|one million)\b".to_owned(), "the base of a rate"),
        (r"\b(?:[Ff]igures?)\s+\d+(?:\s+and\s+\d+)?".to_owned(), "a figure number"),
        (r"[A-Za-z):.,’'”]\d{1,2}(?:,\d{1,2})?\b".to_owned(), "a footnote marker"),
        (
            r"^\s*\d{1,2}\s+(?:[A-Z][a-z]|A |HMIC |MARAC |SCPO |[‘'\x22(]|\d+Ps)".to_owned(),
            "a footnote (a number, then a word with a capital or a quotation, at the start of a line) or a numbered question",
        ),
        (r"^\s*\d{1,3}\s*$".to_owned(), "a page number"),
        (r"\s{8,}\d{1,2}\s+\S".to_owned(), "a footnote or page number in the margin"),
        (r"\S*(?:https?://|www\.|/)\S*".to_owned(), "part of a web address"),
        (r"\b\d{5}\s+\d/".to_owned(), "part of a web address broken across a line"),
        (r"999(?:/| or )101".to_owned(), "the emergency and non-emergency telephone numbers"),
        (r"Section 34".to_owned(), "a section of an Act"),
        (r"tiers?\s+\d".to_owned(), "a tier of the disruption scale"),
        (r"\b4Ps?".to_owned(), "the name of the 4P framework"),
        (r"aged\s+1[68]|aged 18 years".to_owned(), "an age in a legal definition"),
        (r"up to 28\s+days".to_owned(), "the length of a protection order, a legal definition"),
        (
            r"\b43\s+(?:geographic\s+police\s+forces|forces|England and Wales police forces)".to_owned(),
            "the number of territorial forces",
        ),
        (r"top and bottom 25 percent".to_owned(), "the banding rule's quarter (policing_stats::banding)"),
        (r"sum to 100 percent".to_owned(), "a rounding note"),
        (
            r"^\s*\d{1,2}\s+(?:Charged|Taken|Caution|Penalty|Cannabis|Community|Suspect|Investigation|Action|Further)"
                .to_owned(),
            "an outcome type's number in figure 4",
        ),
        (
            r"(?i)\bone of (?:the|its|our|a|these|those|them|their|many|several|which|his|her)\b".to_owned(),
            "\"one of\": a phrase, not a count",
        ),
        (
            r"(?i)\b(?:no one|one another|one or more|more than one|any one|at one|one way|one-off|one-to-one|one stop|one-stop)\b"
                .to_owned(),
            "\"one\" in a phrase, not a count",
        ),
        (r"(?i)five year(?:\s+period|\s*$)".to_owned(), "the period of a figure's title"),
        (r"(?i)\bis one which\b".to_owned(), "\"one\" as a pronoun"),
        (r"\. One\s*$".to_owned(), "\"One consequence\" (its noun on the next line): a determiner, not a count"),
        (r"(?i)\bper one(?:\s+million|\s*$)".to_owned(), "the base of a rate (per one million)"),
        (r"(?i)these three\s*$|these three activities".to_owned(), "the three activities just listed in the text"),
        (
            r"(?i)four tiers|four thematic pillars".to_owned(),
            "the parts of a framework (the disruption scale, 4P), a definition",
        ),
        (r"(?i)fewer than four quarters".to_owned(), "a year's four quarters, a method note"),
        (r"(?i)four stages".to_owned(), "the stages of the satisfaction survey's questions, a method note"),
        (r"(?i)the two (?:tables|force areas)".to_owned(), "a reference back within the annex's text"),
    ]
}

/// Wording a PEEL 2016 report prints that is not a verdict about a force, each with its reason.
const PEEL_NON_VERDICTS: &[(&str, &str)] = &[
    (
        r#"(?i)HMIC judgments are outstanding, good, requires improvement and inadequate"#,
        r#"the grading scale (the footnote defining the four judgments)"#,
    ),
    (r#"(?i)\bmore (?:information|details?)\b|For more\b"#, r#"a pointer to further reading"#),
    (
        r#"(?i)\b(?:more|most) recent(?:ly)?\b|more recently-understood"#,
        r#"'more/most recent(ly)': when, not how well"#,
    ),
    (
        r#"(?i)\bmore traditional\b|\bmore prominent role\b"#,
        r#"a description of a kind of activity, not a measure of the force"#,
    ),
    (
        r#"(?i)\b(?:the )?more likely\b|\bmore prevalent\b|the more likely"#,
        r#"a general statement about how outcomes or evidence behave, not about the force"#,
    ),
    (
        r#"(?i)\bmost (?:important|prolific|persistent|harmful|serious|vulnerable|efficient)\b|the most harm\b|most need to be|most threaten|most likely to lead|most common characteristic"#,
        r#"'most' naming whom or what policing targets, not a measure of the force"#,
    ),
    (
        r#"(?i)\ball (?:43 |the )?(?:geographic )?(?:police )?forces\b|all organisations|all the threats|all  the threats|all available information"#,
        r#"'all' naming the set of forces, organisations or threats concerned, not a finding"#,
    ),
    (
        r#"(?i)\bvictim does not\s*(?:support\b|$)"#,
        r#"the name of an outcome type (evidential difficulties; victim does not support action)"#,
    ),
    (r#"(?i)^\s*How (?:well|effective|effectively)\b.*\?\s*$"#, r#"a question of the inspection framework"#),
    (r#"(?i)It is not only the police"#, r#"a statement of who shares victim care, not a finding about the force"#),
    (
        r#"(?i)not all of the (?:crimes|offences)|over time all crimes will be"#,
        r#"a caveat of the outcomes data: not every crime has an outcome yet"#,
    ),
    (r#"(?i)Certain offences are more"#, r#"a general statement about outcomes by offence"#),
    (
        r#"(?i)^\s*\d{1,2}\s+[A-Z].*(?:were not able|are not|increases protection|including all|is not)"#,
        r#"a footnote: a data caveat about other forces or a definition"#,
    ),
    (
        r#"(?i)these forces’ data are not included|data are not included in the graph|its OCG data are not comparable"#,
        r#"a data caveat about other forces"#,
    ),
    (r#"(?i)^\s*Areas for improvement\s*$"#, r#"the heading of a list of areas for improvement (each area is a row)"#),
    (
        r#"(?i)[Tt]he figure below|\bbelow (?:shows|under)|set out below|sections below|listed below"#,
        r#"a cross-reference within the report"#,
    ),
];

/// A rule: what it covers, and why that is not a figure (or not a verdict).
#[derive(Debug, Clone)]
struct Rule {
    pattern: Regex,
    why: String,
}

/// A part of a report whose wording is not a verdict about a force: from the
/// first line matching `from` (the first line when `None`) to the line before
/// the next line matching `to` (the last line when `None`).
#[derive(Debug, Clone)]
struct Part {
    from: Option<Regex>,
    to: Option<Regex>,
    why: String,
}

/// The reasoned rules a scan applies: numbers that are not figures, words
/// that are not verdicts, and parts of a report that hold no verdict.
#[derive(Debug, Clone)]
pub struct ScanRules {
    non_figures: Vec<Rule>,
    non_verdicts: Vec<Rule>,
    parts: Vec<Part>,
}

fn compile(pattern: &str, line: usize) -> Result<Regex> {
    Regex::new(pattern).map_err(|e| PeelError::Ledger { line, detail: format!("the pattern {pattern:?}: {e}") })
}

#[allow(clippy::expect_used, reason = "the crate's own patterns, compiled by its tests")]
fn own(pattern: &str) -> Regex {
    Regex::new(pattern).expect("a pattern of the crate")
}

impl ScanRules {
    /// The rules every PEEL 2016 effectiveness report needs: dates, years,
    /// footnote markers, page numbers, web addresses, rate bases, question and
    /// outcome-type numbers; cross-references, pointers to further reading,
    /// the framework's questions and grading scale, outcome names, data
    /// caveats about other forces; the introduction (to "Overall judgment"),
    /// "Next steps" and annex A (to the end).
    #[must_use]
    pub fn peel_2016() -> ScanRules {
        ScanRules {
            non_figures: peel_non_figures()
                .into_iter()
                .map(|(p, why)| Rule { pattern: own(&p), why: why.to_owned() })
                .collect(),
            non_verdicts: PEEL_NON_VERDICTS
                .iter()
                .map(|(p, why)| Rule { pattern: own(p), why: (*why).to_owned() })
                .collect(),
            parts: vec![
                Part {
                    from: None,
                    to: Some(own(r"(?i)^\s*Overall judgm?ent")),
                    why: "the introduction: what the inspection covers and how, no finding about a force".to_owned(),
                },
                Part {
                    from: Some(own(r"^\s*Next steps\s*$")),
                    to: Some(own(r"^\s*Annex A")),
                    why: "next steps: how HMIC follows up its reports, no finding about a force".to_owned(),
                },
                Part {
                    from: Some(own(r"^\s*Annex A")),
                    to: None,
                    why: "annex A, about the data: sources, definitions and caveats (its numbers are figures by the \
                          number scan; its caveats about other forces are not verdicts about this one)"
                        .to_owned(),
                },
            ],
        }
    }

    /// The PEEL 2016 rules and the Wiltshire 2016 report's own
    /// (`crates/policing-peel/reports/wiltshire-2016-scan.tsv`, embedded).
    ///
    /// # Errors
    /// [`PeelError::Ledger`] if the embedded file does not parse (the crate's tests parse it).
    pub fn wiltshire_2016() -> Result<ScanRules> {
        ScanRules::peel_2016().with_file(include_str!("../../reports/wiltshire-2016-scan.tsv"))
    }

    /// Adds a report's own rules from a tab-separated file: a header `kind pattern why`, then
    /// one rule a line, `verdict` (a word that is not a verdict) or `figure` (a number that is
    /// not a figure), a regular expression over one line of the report, and the reason;
    /// `#` starts a comment.
    ///
    /// # Errors
    /// [`PeelError::Ledger`] naming the line: a wrong number of fields, an unknown kind, a
    /// pattern that does not compile, or a rule without a reason.
    pub fn with_file(mut self, text: &str) -> Result<ScanRules> {
        for (i, line) in text.lines().enumerate() {
            let n = i + 1;
            if line.trim().is_empty() || line.starts_with('#') || line.starts_with("kind\t") {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let [kind, pattern, why] = f.as_slice() else {
                return Err(PeelError::Ledger {
                    line: n,
                    detail: format!("{} fields, not 3 (kind, pattern, why)", f.len()),
                });
            };
            if why.trim().is_empty() {
                return Err(PeelError::Ledger { line: n, detail: "a rule needs its reason".to_owned() });
            }
            let rule = Rule { pattern: compile(pattern, n)?, why: (*why).to_owned() };
            match *kind {
                "verdict" => self.non_verdicts.push(rule),
                "figure" => self.non_figures.push(rule),
                other => {
                    return Err(PeelError::Ledger {
                        line: n,
                        detail: format!("the kind {other:?} is not verdict or figure"),
                    })
                }
            }
        }
        Ok(self)
    }

    /// With one more non-verdict rule.
    ///
    /// # Errors
    /// [`PeelError::Ledger`] if the pattern does not compile.
    pub fn with_non_verdict(mut self, pattern: &str, why: &str) -> Result<ScanRules> {
        self.non_verdicts.push(Rule { pattern: compile(pattern, 0)?, why: why.to_owned() });
        Ok(self)
    }
}

/// What a scan found.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Scan {
    /// Each number or verdict word not accounted for, each row not found where
    /// it says it is printed, each rule that covers a row's words or nothing.
    pub problems: Vec<String>,
    /// Numbers read (digits or words).
    pub numbers: usize,
    /// Of them, rows.
    pub numbers_as_rows: usize,
    /// Verdict words read.
    pub verdict_words: usize,
    /// Of them, rows.
    pub verdict_words_as_rows: usize,
}

/// A number or verdict word in the text.
#[derive(Debug, Clone)]
struct Hit {
    line: usize,
    text: String,
    /// The comparison key: a number's digits, a word's kind.
    key: String,
    /// The non-verdict (or non-figure) rules covering it.
    rules: Vec<usize>,
    /// The parts covering it.
    parts: Vec<usize>,
}

/// A report's text read once against a set of rules, ready to check ledgers.
#[derive(Debug)]
pub struct Scanner {
    lines: Vec<String>,
    numbers: Vec<Hit>,
    words: Vec<Hit>,
    non_verdict_why: Vec<String>,
    part_why: Vec<String>,
    number: Regex,
    vocab: Regex,
}

/// A number as compared: its digits ("2,471" and "+5.4" give "2471" and "5.4"), a word number in lower case.
fn number_key(token: &str) -> String {
    if token.chars().any(|c| c.is_ascii_digit()) {
        token.chars().filter(|c| c.is_ascii_digit() || *c == '.').collect::<String>().trim_end_matches('.').to_owned()
    } else {
        token.to_lowercase()
    }
}

/// A verdict word's kind: "increased" and "increasing" are one kind, as are "does not" and "has not".
fn word_kind(hit: &str) -> String {
    let h = hit.to_lowercase();
    if h.starts_with("increas") {
        "increase".to_owned()
    } else if h.starts_with("decreas") {
        "decrease".to_owned()
    } else if h.contains("improvement") {
        if h.starts_with("requir") { "requires improvement" } else { "area for improvement" }.to_owned()
    } else if h.starts_with("cause") {
        "cause of concern".to_owned()
    } else if h.ends_with(" not") {
        "not".to_owned()
    } else if h == "not properly" {
        "properly".to_owned()
    } else {
        h
    }
}

/// The words a signed figure's sign stands for ("+5.4": "increased by 5.4 percent").
const UP: [&str; 5] = ["increase", "more", "higher", "above", "greater"];
const DOWN: [&str; 5] = ["decrease", "fewer", "lower", "below", "less"];

fn patterns() -> &'static (Regex, Regex) {
    static PATTERNS: OnceLock<(Regex, Regex)> = OnceLock::new();
    PATTERNS.get_or_init(|| (own(NUMBER), own(VERDICT_WORDS)))
}

impl Scanner {
    /// Reads a report's text against the rules.
    #[must_use]
    pub fn new(text: &str, rules: &ScanRules) -> Scanner {
        let (number, vocab) = patterns().clone();
        let lines: Vec<String> = text.lines().map(str::to_owned).collect();
        // Each part's lines.
        let spans: Vec<(usize, usize)> = rules
            .parts
            .iter()
            .map(|p| {
                let first =
                    p.from.as_ref().map_or(Some(1), |re| lines.iter().position(|l| re.is_match(l)).map(|i| i + 1));
                let Some(first) = first else { return (1, 0) };
                let last = p.to.as_ref().map_or(lines.len(), |re| {
                    lines.iter().enumerate().skip(first).find(|(_, l)| re.is_match(l)).map_or(lines.len(), |(i, _)| i)
                });
                (first, last)
            })
            .collect();
        let covering = |rules: &[Rule], line: &str, start: usize, end: usize| -> Vec<usize> {
            rules
                .iter()
                .enumerate()
                .filter(|(_, r)| r.pattern.find_iter(line).any(|c| c.start() <= start && end <= c.end()))
                .map(|(k, _)| k)
                .collect()
        };
        let mut numbers = Vec::new();
        let mut words = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            let n = i + 1;
            for m in number.find_iter(line) {
                // A trailing comma is punctuation; a minus after a letter is a hyphen ("mid-2015").
                let mut token = m.as_str().trim_end_matches(',');
                let mut start = m.start();
                if token.starts_with('-')
                    && line.get(..start).and_then(|b| b.chars().next_back()).is_some_and(char::is_alphanumeric)
                {
                    token = token.get(1..).unwrap_or(token);
                    start += 1;
                }
                let end = start + token.len();
                numbers.push(Hit {
                    line: n,
                    text: token.to_owned(),
                    key: number_key(token),
                    rules: covering(&rules.non_figures, line, start, end),
                    parts: Vec::new(),
                });
            }
            for m in vocab.find_iter(line) {
                words.push(Hit {
                    line: n,
                    text: m.as_str().to_owned(),
                    key: word_kind(m.as_str()),
                    rules: covering(&rules.non_verdicts, line, m.start(), m.end()),
                    parts: spans
                        .iter()
                        .enumerate()
                        .filter(|(_, (a, b))| (*a..=*b).contains(&n))
                        .map(|(k, _)| k)
                        .collect(),
                });
            }
        }
        Scanner {
            lines,
            numbers,
            words,
            non_verdict_why: rules
                .non_verdicts
                .iter()
                .map(|r| format!("{:?} ({})", r.pattern.as_str(), r.why))
                .collect(),
            part_why: rules.parts.iter().map(|p| p.why.clone()).collect(),
            number,
            vocab,
        }
    }

    fn line(&self, n: usize) -> &str {
        self.lines.get(n.wrapping_sub(1)).map_or("", |l| l.trim())
    }

    /// Checks a ledger's rows against the text (rows whose printed value is not
    /// transcribed yet are left out: they say nothing of the text).
    #[must_use]
    pub fn check(&self, rows: &[LedgerRow]) -> Scan {
        let rows: Vec<LedgerRow> = rows.iter().filter(|r| !r.printed.trim().is_empty()).cloned().collect();
        let rows = rows.as_slice();
        let mut problems = Vec::new();
        // Numbers: each printed number is its own row on its line or the line after it.
        let printed: BTreeMap<&str, Vec<String>> = rows
            .iter()
            .map(|r| (r.id.as_str(), self.number.find_iter(&r.printed).map(|p| number_key(p.as_str())).collect()))
            .collect();
        let mut used: BTreeMap<&str, usize> = BTreeMap::new();
        let mut numbers_as_rows = 0;
        for h in &self.numbers {
            let is_word = !h.text.chars().any(|c| c.is_ascii_digit());
            let row = rows.iter().find(|r| {
                if !(r.line == h.line || r.line + 1 == h.line) {
                    return false;
                }
                let Some(numbers) = printed.get(r.id.as_str()) else { return false };
                let taken = used.get(r.id.as_str()).copied().unwrap_or(0);
                taken < numbers.len()
                    && numbers.iter().skip(taken).any(|p| *p == h.key)
                    && (!is_word || !r.printed.chars().any(|c| c.is_ascii_digit()))
            });
            if let Some(r) = row {
                numbers_as_rows += 1;
                *used.entry(&r.id).or_default() += 1;
            } else if h.rules.is_empty() {
                problems.push(format!(
                    "line {}: the number {:?} is not in the ledger: {:?}",
                    h.line,
                    h.text,
                    self.line(h.line)
                ));
            }
        }
        for r in rows.iter().filter(|r| r.printed.chars().any(|c| c.is_ascii_digit())) {
            if !used.contains_key(r.id.as_str()) {
                problems.push(format!("{} ({:?}) is not printed on line {}", r.id, r.printed, r.line));
            }
        }
        // Verdict words: each row takes one for each verdict word of its printed value (or of its
        // item, for a statement without one) and one direction word for a signed figure, first on
        // its own line, then beside it.
        let is_statement = |r: &LedgerRow| !self.number.is_match(&r.printed);
        let mut wants: Vec<Vec<Vec<String>>> = rows
            .iter()
            .map(|r| {
                let words = |t: &str| -> Vec<Vec<String>> {
                    self.vocab.find_iter(t).map(|m| vec![word_kind(m.as_str())]).collect()
                };
                let mut w = words(&r.printed);
                if w.is_empty() && is_statement(r) {
                    w = words(&r.item);
                }
                let digits = r.printed.chars().any(|c| c.is_ascii_digit());
                match r.printed.chars().next() {
                    Some('+') if digits => w.push(UP.iter().map(|s| (*s).to_owned()).collect()),
                    Some('-') if digits => w.push(DOWN.iter().map(|s| (*s).to_owned()).collect()),
                    _ => {}
                }
                w
            })
            .collect();
        let mut by: Vec<Option<usize>> = vec![None; self.words.len()];
        let mut took = vec![0usize; rows.len()];
        for near in [false, true] {
            for (i, r) in rows.iter().enumerate() {
                let Some(want) = wants.get_mut(i) else { continue };
                want.retain(|kinds| {
                    let found = self.words.iter().enumerate().find(|(k, h)| {
                        by.get(*k).is_some_and(Option::is_none)
                            && if near { h.line.abs_diff(r.line) <= 1 } else { h.line == r.line }
                            && kinds.contains(&h.key)
                    });
                    match found {
                        Some((k, _)) => {
                            if let Some(slot) = by.get_mut(k) {
                                *slot = Some(i);
                            }
                            if let Some(t) = took.get_mut(i) {
                                *t += 1;
                            }
                            false
                        }
                        None => true,
                    }
                });
            }
        }
        for (i, r) in rows.iter().enumerate() {
            if is_statement(r) && took.get(i) == Some(&0) {
                problems.push(format!("{} ({:?}, line {}) is not a statement of the report", r.id, r.printed, r.line));
            }
        }
        let mut used_rules = vec![false; self.non_verdict_why.len()];
        let mut used_parts = vec![false; self.part_why.len()];
        for (k, h) in self.words.iter().enumerate() {
            for r in &h.rules {
                if let Some(u) = used_rules.get_mut(*r) {
                    *u = true;
                }
            }
            for p in &h.parts {
                if let Some(u) = used_parts.get_mut(*p) {
                    *u = true;
                }
            }
            let covered = !h.rules.is_empty() || !h.parts.is_empty();
            match (by.get(k).copied().flatten().and_then(|i| rows.get(i)), covered) {
                (Some(r), true) => problems.push(format!(
                    "line {}: {:?} is taken by row {} and also called a non-verdict: {:?}",
                    h.line,
                    h.text,
                    r.id,
                    self.line(h.line)
                )),
                (None, false) => problems.push(format!(
                    "line {}: {:?} is neither a ledger row nor a reasoned non-verdict: {:?}",
                    h.line,
                    h.text,
                    self.line(h.line)
                )),
                _ => {}
            }
        }
        for (k, why) in self.non_verdict_why.iter().enumerate() {
            if !used_rules.get(k).copied().unwrap_or(true) {
                problems.push(format!("the non-verdict rule {why} covers nothing"));
            }
        }
        for (k, why) in self.part_why.iter().enumerate() {
            if !used_parts.get(k).copied().unwrap_or(true) {
                problems.push(format!("the part \"{why}\" covers nothing"));
            }
        }
        Scan {
            problems,
            numbers: self.numbers.len(),
            numbers_as_rows,
            verdict_words: self.words.len(),
            verdict_words_as_rows: by.iter().filter(|b| b.is_some()).count(),
        }
    }
}
