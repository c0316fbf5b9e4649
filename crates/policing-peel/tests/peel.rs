//! Integration tests of `policing-peel`: grades, the embedded Wiltshire report,
//! year-on-year comparison, serde round trips.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs,
    reason = "a test: a failure panics with its message"
)]

use policing_peel::*;

const REPORT: &str = include_str!("../../../docs/reference/wiltshire-peel-effectiveness-2016.txt");

#[test]
fn grades_and_changes() {
    use Grade::*;
    assert!(Outstanding < Good && Good < RequiresImprovement && RequiresImprovement < Inadequate);
    let g = |x| Judgement::Graded(x);
    assert_eq!(Change::between(g(RequiresImprovement), g(Good)), Change::Improved);
    assert_eq!(Change::between(g(Good), g(Good)), Change::Same);
    assert_eq!(Change::between(g(Good), g(Inadequate)), Change::Declined);
    assert_eq!(Change::between(Judgement::Ungraded, g(Good)), Change::NotComparable);
    assert_eq!(Change::between(Judgement::Ungraded, Judgement::Ungraded), Change::Same);
    for j in [g(Outstanding), g(Good), g(RequiresImprovement), g(Inadequate), Judgement::Ungraded] {
        assert_eq!(j.to_string().parse::<Judgement>().unwrap(), j);
    }
    assert_eq!("excellent".parse::<Judgement>().unwrap_err(), PeelError::UnknownGrade { text: "excellent".into() });
}

#[test]
fn the_2016_questions() {
    assert_eq!(EFFECTIVENESS_2016.len(), 5);
    assert!(EFFECTIVENESS_2016.iter().take(4).all(|q| q.graded));
    assert!(!EFFECTIVENESS_2016[4].graded);
    let report = REPORT;
    let flat: String = report.split_whitespace().collect::<Vec<_>>().join(" ").replace('’', "'");
    for q in EFFECTIVENESS_2016 {
        assert!(flat.contains(q.text), "{}", q.text);
        for sub in q.sub_questions {
            assert!(flat.contains(sub), "{sub}");
        }
    }
}

#[test]
fn wiltshire_judgments_and_findings() {
    let r = wiltshire_2016();
    assert_eq!(r.force, policing_forces::Force::Wiltshire);
    assert_eq!(r.overall, Judgement::Graded(Grade::Good));
    for n in 1..=4 {
        assert_eq!(r.question(n).unwrap().judgement, Judgement::Graded(Grade::Good));
    }
    assert_eq!(r.question(5).unwrap().judgement, Judgement::Ungraded);
    assert!(matches!(r.question(6), Err(PeelError::UnknownQuestion { number: 6, .. })));
    let afis: Vec<u8> = r.areas_for_improvement().map(|(q, _)| q).collect();
    assert_eq!(afis, vec![2, 2, 2, 4, 4, 4]);
    let yoy = r.year_on_year();
    assert_eq!(yoy.len(), 2);
    assert_eq!((yoy[0].what.as_str(), yoy[0].change), ("overall", Change::Same));
    assert_eq!((yoy[1].what.as_str(), yoy[1].change), ("question 3", Change::Improved));
}

#[cfg(feature = "serde")]
#[test]
fn reports_round_trip_as_json() {
    let r = wiltshire_2016();
    let json = serde_json::to_string(&r).unwrap();
    let back: InspectionReport = serde_json::from_str(&json).unwrap();
    assert_eq!(back, r);
    assert!(json.contains("\"Wiltshire Police\""));
    let ledger = policing_peel::ledger::Ledger::wiltshire_2016().unwrap();
    let json = serde_json::to_string(&ledger).unwrap();
    assert_eq!(serde_json::from_str::<policing_peel::ledger::Ledger>(&json).unwrap(), ledger);
}

#[test]
fn grades_belong_to_a_framework() {
    use Grade::*;
    assert_eq!(Framework::Peel2014To2019.grades(), [Outstanding, Good, RequiresImprovement, Inadequate]);
    assert_eq!(Framework::Peel2021.grades(), [Outstanding, Good, Adequate, RequiresImprovement, Inadequate]);
    assert!(Good < Adequate && Adequate < RequiresImprovement);
    assert_eq!(Framework::of_year(2016), Framework::Peel2014To2019);
    assert_eq!(Framework::of_year(2022), Framework::Peel2021);
    assert!(Framework::Peel2014To2019.judgement("adequate").is_err());
    assert_eq!(Framework::Peel2021.judgement("Adequate").unwrap(), Judgement::Graded(Adequate));
    assert_eq!(Framework::Peel2014To2019.judgement("ungraded").unwrap(), Judgement::Ungraded);
    // A year-on-year comparison across frameworks is not made: the scales differ.
    let mut r = wiltshire_2016();
    r.earlier.push(EarlierJudgement {
        year: 2022,
        scope: Scope::Overall,
        label: "effectiveness".into(),
        judgement: Judgement::Graded(Adequate),
    });
    assert_eq!(r.year_on_year().last().unwrap().change, Change::NotComparable);
}

mod ledger {

    use policing_peel::ledger::{evaluate, Ledger, LedgerRow, Measure, Subject, Verdict};
    use regex::Regex;

    use super::REPORT;

    fn lines() -> Vec<&'static str> {
        REPORT.lines().collect()
    }

    /// A token as compared: the digits of a number ("2,471" and "+5.4" give
    /// "2471" and "5.4"), a word number in lower case.
    fn key(token: &str) -> String {
        if token.chars().any(|c| c.is_ascii_digit()) {
            token
                .chars()
                .filter(|c| c.is_ascii_digit() || *c == '.')
                .collect::<String>()
                .trim_end_matches('.')
                .to_owned()
        } else {
            token.to_lowercase()
        }
    }

    /// Numbers written as digits or as words.
    fn number_pattern() -> Regex {
        Regex::new(
            r"(?i)[-+]?\d[\d,]*(?:\.\d+)?|\b(?:one-third|two-thirds|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|half|third|twice|dozen)\b",
        )
        .unwrap()
    }

    /// Numbers in the text that are not figures, each rule with its reason. A
    /// rule matches part of a line; a number inside a match is covered.
    fn non_figures() -> Vec<(Regex, &'static str)> {
        let month = "(?:January|February|March|April|May|June|July|August|September|October|November|December)";
        [
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
            (r"(?:\bthe|\bin|previous)\s+12\b(?:\s+months?\b)?|^\s*12\s+months\s+to\b".to_owned(), "the length of a rolling year (\"the 12 months to\", \"the previous 12 months\")"),
            (r"(?:per|every|for)\s+(?:1,000|10,000|100|one million)\b".to_owned(), "the base of a rate"),
            (r"\b(?:[Ff]igures?)\s+\d+(?:\s+and\s+\d+)?".to_owned(), "a figure number"),
            (r"[A-Za-z):.,’'”]\d{1,2}(?:,\d{1,2})?\b".to_owned(), "a footnote marker"),
            (r"^\s*\d{1,2}\s+(?:[A-Z][a-z]|A |HMIC |MARAC |SCPO |[‘'\x22(]|\d+Ps)".to_owned(), "a footnote (a number, then a word with a capital or a quotation, at the start of a line) or a numbered question"),
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
            (r"\b43\s+(?:geographic\s+police\s+forces|forces|England and Wales police forces)".to_owned(), "the number of territorial forces"),
            (r"top and bottom 25 percent".to_owned(), "the banding rule's quarter (policing_stats::banding)"),
            (r"sum to 100 percent".to_owned(), "a rounding note"),
            (r"^\s*\d{1,2}\s+(?:Charged|Taken|Caution|Penalty|Cannabis|Community|Suspect|Investigation|Action|Further)".to_owned(), "an outcome type's number in figure 4"),
            (r"(?i)\bone of (?:the|its|our|a|these|those|them|their|many|several|which|his|her)\b".to_owned(), "\"one of\": a phrase, not a count"),
            (r"(?i)\b(?:no one|one another|one or more|more than one|any one|at one|one way|one-off|one-to-one|one stop|one-stop)\b".to_owned(), "\"one\" in a phrase, not a count"),
            (r"(?i)five year(?:\s+period|\s*$)".to_owned(), "the period of a figure's title"),
            (r"(?i)\bis one which\b".to_owned(), "\"one\" as a pronoun"),
            (r"\. One\s*$".to_owned(), "\"One consequence\" (its noun on the next line): a determiner, not a count"),
            (r"(?i)\bper one(?:\s+million|\s*$)".to_owned(), "the base of a rate (per one million)"),
            (r"(?i)these three\s*$|these three activities".to_owned(), "the three activities just listed in the text"),
            (r"(?i)four tiers|four thematic pillars".to_owned(), "the parts of a framework (the disruption scale, 4P), a definition"),
            (r"(?i)fewer than four quarters".to_owned(), "a year's four quarters, a method note"),
            (r"(?i)four stages".to_owned(), "the stages of the satisfaction survey's questions, a method note"),
            (r"(?i)the two (?:tables|force areas)".to_owned(), "a reference back within the annex's text"),
        ]
        .into_iter()
        .map(|(r, why)| (Regex::new(&r).unwrap(), why))
        .collect()
    }

    /// Comparative and evaluative wording: every hit is a verdict-bearing statement (a ledger
    /// row on its line or next to it) or covered by a reasoned non-verdict rule.
    fn verdict_words() -> Regex {
        Regex::new(
            r#"(?i)\b(?:good|outstanding|inadequate|requires? improvement|ungraded|areas? for improvement|causes? (?:of|for) concern|higher|highest|lower|lowest|above|below|more|most|fewer|less|greater|in line|increas\w*|decreas\w*|all|none|no recorded|mixed|better|worse|(?:has|have|does|did|is|are|was|were) not|not properly|satisfied|high proportion|make improvements|the force (?:should|needs to))\b"#,
        )
        .unwrap()
    }

    /// Parts of the report whose wording is not a verdict about a force, each with its reason.
    const NON_VERDICT_SPANS: &[(usize, usize, &str)] = &[
        (1, 58, r#"the introduction: what the inspection covers and how, no finding about a force"#),
        (1825, 1843, r#"next steps: how HMIC follows up its reports, no finding about a force"#),
        (
            1844,
            usize::MAX,
            r#"annex A, about the data: sources, definitions and caveats (its numbers are rows by the number scan; its caveats about other forces are not verdicts about this one)"#,
        ),
    ];

    /// Wording that is not a verdict about a force, each with its reason. A rule covers a
    /// hit inside one of its matches; no rule may cover a hit a row accounts for.
    fn non_verdicts() -> Vec<(Regex, &'static str)> {
        [
            (r#"(?i)HMIC judgments are outstanding, good, requires improvement and inadequate"#, r#"the grading scale (the footnote defining the four judgments)"#),
            (r#"(?i)\bmore (?:information|details?)\b|For more\b"#, r#"a pointer to further reading"#),
            (r#"(?i)\b(?:more|most) recent(?:ly)?\b|more recently-understood"#, r#"'more/most recent(ly)': when, not how well"#),
            (r#"(?i)\bmore traditional\b|\bmore prominent role\b"#, r#"a description of a kind of activity, not a measure of the force"#),
            (r#"(?i)\b(?:the )?more likely\b|\bmore prevalent\b|the more likely"#, r#"a general statement about how outcomes or evidence behave, not about the force"#),
            (r#"(?i)\bmost (?:important|prolific|persistent|harmful|serious|vulnerable|efficient)\b|the most harm\b|most need to be|most threaten|most likely to lead|most common characteristic"#, r#"'most' naming whom or what policing targets, not a measure of the force"#),
            (r#"(?i)\ball (?:43 |the )?(?:geographic )?(?:police )?forces\b|all organisations|all the threats|all  the threats|all available information"#, r#"'all' naming the set of forces, organisations or threats concerned, not a finding"#),
            (r#"(?i)\bvictim does not\s*(?:support\b|$)"#, r#"the name of an outcome type (evidential difficulties; victim does not support action)"#),
            (r#"(?i)^\s*How (?:well|effective|effectively)\b.*\?\s*$"#, r#"a question of the inspection framework"#),
            (r#"(?i)It is not only the police"#, r#"a statement of who shares victim care, not a finding about the force"#),
            (r#"(?i)not all of the (?:crimes|offences)|over time all crimes will be"#, r#"a caveat of the outcomes data: not every crime has an outcome yet"#),
            (r#"(?i)Certain offences are more"#, r#"a general statement about outcomes by offence"#),
            (r#"(?i)^\s*\d{1,2}\s+[A-Z].*(?:were not able|are not|increases protection|including all|is not)"#, r#"a footnote: a data caveat about other forces or a definition"#),
            (r#"(?i)these forces’ data are not included|data are not included in the graph|its OCG data are not comparable"#, r#"a data caveat about other forces"#),
            (r#"(?i)^\s*Areas for improvement\s*$"#, r#"the heading of a list of areas for improvement (each area is a row)"#),
            (r#"(?i)Crime prevention is more effective"#, r#"a general statement about crime prevention"#),
            (r#"(?i)This increase in police-recorded crime may have been affected"#, r#"a caveat on the increase counted on the line before (a row)"#),
            (r#"(?i)We are not judging"#, r#"a statement of how the inspection judges, not a judgment"#),
            (r#"(?i)[Tt]he figure below|\bbelow (?:shows|under)|set out below|sections below|listed below"#, r#"a cross-reference within the report"#),
            (r#"(?i)mistrustful towards the police\. A good"#, r#"a general statement: a good understanding of communities helps the police (its noun on the next line)"#),
            (r#"(?i)leads to crime reduction and increased public confidence"#, r#"a general statement about neighbourhood policing"#),
            (r#"(?i)is keen to ensure that|Despite the policy of ensuring|spend most of their time in the community"#, r#"the force's policy or intention, not a finding"#),
            (r#"(?i)which are less likely to use"#, r#"a description of the groups the system reaches"#),
            (r#"(?i)providing better locks"#, r#"a description of a crime prevention measure"#),
            (r#"(?i)where they are not currently combined"#, r#"a description of how teams are organised"#),
            (r#"(?i)learn more about|been successful in increasing recruitment"#, r#"about other forces' experience"#),
            (r#"(?i)to understand better the issues"#, r#"the purpose of an activity"#),
            (r#"(?i)would be greater"#, r#"a general statement about outcomes"#),
            (r#"(?i)the victim is not at risk of harm"#, r#"a criterion of the assessment process"#),
            (r#"(?i)recording details of all witnesses"#, r#"a description of the priorities at a scene"#),
            (r#"(?i)trained to a lower|will have a higher investigative workload|increase the overall capacity|a more rounded development|is in line with service"#, r#"a description of a change the force is making and its purpose"#),
            (r#"(?i)For all offences recorded in the 12 months"#, r#"the base of a figure that is a row"#),
            (r#"(?i)sergeants actively to\s+manage all"#, r#"a description of a policy"#),
            (r#"(?i)a greater understanding of criminal networks"#, r#"what the intelligence functions include"#),
            (r#"(?i)ensure that all forensic opportunities"#, r#"the purpose of a policy"#),
            (r#"(?i)where the force does not currently have the capacity"#, r#"what the MoRiLE tool shows (a description of the tool)"#),
            (r#"(?i)becoming increasingly reliant"#, r#"a general statement about investigations"#),
            (r#"(?i)If these people are not promptly|are not promptly arrested there is"#, r#"a general statement of a risk"#),
            (r#"(?i)offending history in other countries is not known"#, r#"a general statement of a risk"#),
            (r#"(?i)how better to involve"#, r#"something the force is considering"#),
            (r#"(?i)named and\s*$|outstanding suspects"#, r#"'outstanding' meaning not yet arrested (in an area for improvement, which is a row)"#),
            (r#"(?i)one of the most\s*$"#, r#"'one of the most important': a statement of priority"#),
            (r#"(?i)staff of all ranks"#, r#"'all ranks': who took part"#),
            (r#"(?i)there is not a\s*$|there is not a national"#, r#"there is no single definition (a definition)"#),
            (r#"(?i)of all (?:police-)?recorded crime"#, r#"the base of a percentage that is a row"#),
            (r#"(?i)areas for improvement are addressed through"#, r#"a description of a process"#),
            (r#"(?i)are in line with individual needs"#, r#"a general statement of why assessment matters"#),
            (r#"(?i)check all force databases|ensure that all systems are checked"#, r#"a description of a role"#),
            (r#"(?i)it will\s*$|bring greater assurance"#, r#"a condition: if its use becomes routine"#),
            (r#"(?i)arrests are not directly tracked"#, r#"a caveat of the arrest rate"#),
            (r#"(?i)campaign to increase the use"#, r#"the purpose of a campaign"#),
            (r#"(?i)used in this calculation are not"#, r#"a caveat of figure 8"#),
            (r#"(?i)enables the police to better identify"#, r#"a footnote defining Clare's Law"#),
            (r#"(?i)^\s*good understanding of the threats it poses"#, r#"what forces should do: the standard, not a finding"#),
            (r#"(?i)taking steps to understand better"#, r#"the purpose of the force's steps"#),
            (r#"(?i)from more of the organisations|this greater range of information"#, r#"the force's intention for its profile"#),
            (r#"(?i)resultant increase in the level of referrals is expected"#, r#"an expectation"#),
            (r#"(?i)New arrangements for managing all"#, r#"a new arrangement being introduced"#),
            (r#"(?i)increasing protection against"#, r#"the definition of 'Protect' in the 4P framework"#),
            (r#"(?i)incidents more easily"#, r#"the purpose of a tool"#),
            (r#"(?i)to increase their\s*$|to increase the number of|the effect of increasing the ability"#, r#"the national funding of armed policing, not about the force"#),
            (r#"(?i)sending all armed response vehicles"#, r#"a description of a tactic"#),
            (r#"(?i)maps all organised crime groups|regular intervals in line with"#, r#"wording inside an area for improvement (the area is a row)"#),
            (r#"(?i)forces\) showed an annual increase"#, r#"the wording of the figure on this line, which is a row (crime.rises)"#),
            (r#"(?i)percent were very or fairly satisfied"#, r#"the wording of the figure on this line, which is a row (survey.satisfied)"#),
        ]
        .into_iter()
        .map(|(r, why)| (Regex::new(r).unwrap(), why))
        .collect()
    }

    /// A hit's kind: "increased" and "increasing" are one kind, as are "does not" and "has not".
    fn kind(hit: &str) -> String {
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

    /// Whether a printed value is a statement (no number in digits or words).
    fn is_statement(printed: &str, number: &Regex) -> bool {
        !number.is_match(printed)
    }

    /// What of the report's comparative and evaluative wording is not accounted for: each hit
    /// of [`verdict_words`] must be taken by a row (on its line, else the line before or after:
    /// one hit for each verdict word of the row's printed value, or of its item when the value
    /// is a statement without one, and one direction word for a signed figure) or covered by a
    /// non-verdict rule or part; a hit taken by a row and covered by a rule is a contradiction;
    /// a statement row that takes no hit is not a statement of the report; a rule or part that
    /// covers nothing is dead. Returns the problems and how many hits were rows.
    fn unaccounted_statements(rows: &[LedgerRow], p: &Patterns) -> (Vec<String>, usize) {
        let (number, vocab, rules) = (&p.number, &p.vocab, &p.non_verdicts);
        let lines = lines();
        struct Hit {
            line: usize,
            start: usize,
            end: usize,
            text: String,
            kind: String,
            by: Option<String>,
        }
        let mut hits: Vec<Hit> = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            for m in vocab.find_iter(line) {
                let text = m.as_str().to_owned();
                hits.push(Hit { line: i + 1, start: m.start(), end: m.end(), kind: kind(&text), text, by: None });
            }
        }
        // Each row's verdict words, each a set of kinds one hit may have.
        let mut wants: Vec<(usize, Vec<Vec<String>>)> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let words =
                    |t: &str| -> Vec<Vec<String>> { vocab.find_iter(t).map(|m| vec![kind(m.as_str())]).collect() };
                let mut w = words(&r.printed);
                if w.is_empty() && is_statement(&r.printed, number) {
                    w = words(&r.item);
                }
                let digits = r.printed.chars().any(|c| c.is_ascii_digit());
                match r.printed.chars().next() {
                    Some('+') if digits => w.push(UP.iter().map(|s| (*s).to_owned()).collect()),
                    Some('-') if digits => w.push(DOWN.iter().map(|s| (*s).to_owned()).collect()),
                    _ => {}
                }
                (i, w)
            })
            .collect();
        let mut took = vec![0usize; rows.len()];
        // First every row takes hits on its own line, then on the lines beside it.
        for near in [false, true] {
            for (i, want) in &mut wants {
                let row = &rows[*i];
                want.retain(|kinds| {
                    let hit = hits.iter_mut().find(|h| {
                        h.by.is_none()
                            && if near { h.line.abs_diff(row.line) <= 1 } else { h.line == row.line }
                            && kinds.contains(&h.kind)
                    });
                    match hit {
                        Some(h) => {
                            h.by = Some(row.id.clone());
                            took[*i] += 1;
                            false
                        }
                        None => true,
                    }
                });
            }
        }
        let mut missing = Vec::new();
        for (i, r) in rows.iter().enumerate() {
            if is_statement(&r.printed, number) && took[i] == 0 {
                missing.push(format!("{} ({:?}, line {}) is not a statement of the report", r.id, r.printed, r.line));
            }
        }
        let mut used_rules = vec![false; rules.len()];
        let mut used_spans = vec![false; NON_VERDICT_SPANS.len()];
        for h in &hits {
            let line = lines[h.line - 1];
            let mut covered = false;
            for (k, a, b) in &p.verdict_cover[h.line - 1] {
                if *a <= h.start && h.end <= *b {
                    used_rules[*k] = true;
                    covered = true;
                }
            }
            for (k, (first, last, _)) in NON_VERDICT_SPANS.iter().enumerate() {
                if (*first..=*last).contains(&h.line) {
                    used_spans[k] = true;
                    covered = true;
                }
            }
            match (&h.by, covered) {
                (Some(id), true) => missing.push(format!(
                    "line {}: {:?} is taken by row {id} and also called a non-verdict: {:?}",
                    h.line,
                    h.text,
                    line.trim()
                )),
                (None, false) => missing.push(format!(
                    "line {}: {:?} is neither a ledger row nor a reasoned non-verdict: {:?}",
                    h.line,
                    h.text,
                    line.trim()
                )),
                _ => {}
            }
        }
        for (k, (re, why)) in rules.iter().enumerate() {
            if !used_rules[k] {
                missing.push(format!("the non-verdict rule {:?} ({why}) covers nothing", re.as_str()));
            }
        }
        for (k, (first, last, why)) in NON_VERDICT_SPANS.iter().enumerate() {
            if !used_spans[k] {
                missing.push(format!("the non-verdict part {first}-{last} ({why}) covers nothing"));
            }
        }
        (missing, hits.iter().filter(|h| h.by.is_some()).count())
    }

    /// What of the report is not in the ledger: every number (digits or words)
    /// not covered by a reasoned non-figure rule needs a row of its own printed
    /// on its line (or the line before), and every comparative or evaluative
    /// word a row or a reasoned non-verdict ([`unaccounted_statements`]). Also
    /// each row found where it says it is printed. Returns the problems, how
    /// many numbers were read and how many were rows, and how many verdict
    /// words were rows.
    fn unaccounted(rows: &[LedgerRow]) -> (Vec<String>, usize, usize, usize) {
        unaccounted_by(rows, &Patterns::new())
    }

    /// The scans' patterns, compiled once.
    struct Patterns {
        number: Regex,
        vocab: Regex,
        /// What the non-figure rules cover on each line.
        figure_cover: Vec<Vec<(usize, usize)>>,
        /// What each non-verdict rule covers on each line.
        verdict_cover: Vec<Vec<(usize, usize, usize)>>,
        non_verdicts: Vec<(Regex, &'static str)>,
    }

    /// Each rule's matches on each line of the report: (rule, start, end).
    fn covers(rules: &[(Regex, &str)]) -> Vec<Vec<(usize, usize, usize)>> {
        lines()
            .iter()
            .map(|line| {
                rules
                    .iter()
                    .enumerate()
                    .flat_map(|(k, (re, _))| re.find_iter(line).map(move |c| (k, c.start(), c.end())))
                    .collect()
            })
            .collect()
    }

    impl Patterns {
        fn new() -> Self {
            Patterns::with(non_verdicts())
        }

        fn with(non_verdicts: Vec<(Regex, &'static str)>) -> Self {
            let figure_cover =
                covers(&non_figures()).into_iter().map(|l| l.into_iter().map(|(_, a, b)| (a, b)).collect()).collect();
            Patterns {
                number: number_pattern(),
                vocab: verdict_words(),
                figure_cover,
                verdict_cover: covers(&non_verdicts),
                non_verdicts,
            }
        }
    }

    fn unaccounted_by(rows: &[LedgerRow], p: &Patterns) -> (Vec<String>, usize, usize, usize) {
        let (mut missing, total, as_rows) = unaccounted_with(rows, &p.number, &p.figure_cover);
        let (more, statements) = unaccounted_statements(rows, p);
        missing.extend(more);
        (missing, total, as_rows, statements)
    }

    fn unaccounted_with(
        rows: &[LedgerRow],
        number: &Regex,
        cover: &[Vec<(usize, usize)>],
    ) -> (Vec<String>, usize, usize) {
        let lines = lines();
        // Each row's printed numbers, as compared.
        let printed: std::collections::BTreeMap<&str, Vec<String>> = rows
            .iter()
            .map(|r| (r.id.as_str(), number.find_iter(&r.printed).map(|p| key(p.as_str())).collect()))
            .collect();
        let mut missing = Vec::new();
        // How many of each row's numbers have been found (a row printing "8 and 2,471" takes two).
        let mut used: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
        let (mut total, mut as_rows) = (0, 0);
        let statement_rows: Vec<&LedgerRow> =
            rows.iter().filter(|r| !r.printed.chars().any(|c| c.is_ascii_digit())).collect();
        for (i, line) in lines.iter().enumerate() {
            let n = i + 1;
            for m in number.find_iter(line) {
                total += 1;
                // A trailing comma is punctuation; a minus after a letter is a hyphen ("mid-2015").
                let mut token = m.as_str().trim_end_matches(',');
                let mut start = m.start();
                if token.starts_with('-') && line[..start].chars().next_back().is_some_and(char::is_alphanumeric) {
                    token = &token[1..];
                    start += 1;
                }
                let end = start + token.len();
                let k = key(token);
                let is_word = !token.chars().any(|c| c.is_ascii_digit());
                // Each printed number is its own row: the same value twice on a line is two rows.
                let row = rows.iter().find(|r| {
                    if !(r.line == n || r.line + 1 == n) {
                        return false;
                    }
                    let numbers = &printed[r.id.as_str()];
                    let taken = used.get(r.id.as_str()).copied().unwrap_or(0);
                    taken < numbers.len()
                        && numbers.iter().skip(taken).any(|p| *p == k)
                        && (!is_word || statement_rows.iter().any(|s| s.id == r.id))
                });
                if let Some(r) = row {
                    as_rows += 1;
                    *used.entry(&r.id).or_default() += 1;
                    continue;
                }
                let covered = cover[i].iter().any(|(a, b)| *a <= start && end <= *b);
                if !covered {
                    missing.push(format!("line {n}: {token:?} in {:?}", line.trim()));
                }
            }
        }
        // Every row with a number is found on its line.
        for r in rows.iter().filter(|r| r.printed.chars().any(|c| c.is_ascii_digit())) {
            if !used.contains_key(r.id.as_str()) {
                missing.push(format!("{} ({:?}) is not printed on line {}", r.id, r.printed, r.line));
            }
        }
        (missing, total, as_rows)
    }

    /// Every number printed in the report, in digits or words, and every
    /// verdict-bearing statement, is a ledger row or a reasoned non-figure.
    #[test]
    fn every_number_and_statement_in_the_report_is_a_ledger_row_or_a_reasoned_non_figure() {
        let ledger = Ledger::wiltshire_2016().unwrap();
        let (missing, total, as_rows, statements) = unaccounted(&ledger.rows);
        assert!(missing.is_empty(), "{} not accounted for:\n{}", missing.len(), missing.join("\n"));
        assert!(total > 550 && as_rows > 100, "{total} numbers, {as_rows} as rows");
        assert!(statements > 150, "{statements} verdict words as rows");
    }

    /// Deleting any row of the ledger leaves something of the report unaccounted
    /// for: the expectations are read from the report's text, not from a list
    /// typed beside the ledger, so there is no list entry to delete with it.
    #[test]
    fn deleting_any_row_fails_the_completeness_check() {
        let ledger = Ledger::wiltshire_2016().unwrap();
        let patterns = Patterns::new();
        for (i, r) in ledger.rows.iter().enumerate() {
            let mut fewer = ledger.rows.clone();
            fewer.remove(i);
            let (missing, ..) = unaccounted_by(&fewer, &patterns);
            assert!(!missing.is_empty(), "deleting {} ({:?}, line {}) went unnoticed", r.id, r.printed, r.line);
        }
    }

    /// A non-verdict rule cannot hide a row's statement: covering a hit a row
    /// takes is itself a failure, so moving a deleted row's words onto the
    /// non-verdict list is caught too.
    #[test]
    fn a_non_verdict_rule_over_a_row_is_refused() {
        let ledger = Ledger::wiltshire_2016().unwrap();
        let mut rules = non_verdicts();
        rules.push((Regex::new("does not properly understand").unwrap(), "planted"));
        let (missing, _) = unaccounted_statements(&ledger.rows, &Patterns::with(rules));
        assert!(
            missing.iter().any(|m| m.contains("line 1592") && m.contains("also called a non-verdict")),
            "{missing:#?}"
        );
        // And a rule that covers nothing is dead.
        let mut rules = non_verdicts();
        rules.push((Regex::new("words the report never prints").unwrap(), "planted"));
        let (missing, _) = unaccounted_statements(&ledger.rows, &Patterns::with(rules));
        assert!(missing.iter().any(|m| m.contains("covers nothing")), "{missing:#?}");
    }

    /// The 2015 grade the report prints (line 941) is the grade policing_peel
    /// holds for the 2015 vulnerability question, and the six areas for
    /// improvement are rows.
    #[test]
    fn the_2015_grade_and_the_areas_for_improvement_are_rows() {
        let ledger = Ledger::wiltshire_2016().unwrap();
        let grade = ledger.row("judgment2015.941").unwrap();
        assert_eq!(grade.printed, "require improvement");
        assert!(lines()[940].contains("judged Wiltshire Police to") && lines()[941].starts_with("require improvement"));
        let held = policing_peel::wiltshire_2016()
            .earlier
            .into_iter()
            .find(|e| e.year == 2015 && e.scope == policing_peel::Scope::Question(3))
            .unwrap();
        // "we judged Wiltshire Police to require improvement": the grade's name, in the sentence's grammar.
        assert_eq!(held.judgement.to_string().to_lowercase().replace("requires", "require"), grade.printed);
        let areas: Vec<&LedgerRow> = ledger.rows.iter().filter(|r| r.id.starts_with("improve.")).collect();
        assert_eq!(areas.len(), 6);
        for a in areas {
            assert!(lines()[a.line - 1].trim_start().starts_with("• The force should"), "{}", a.id);
        }
    }

    /// The crate's own copy of the report text (what alternatives are read
    /// against) is the reference text, byte for byte.
    #[test]
    fn the_embedded_report_text_is_the_reference_text() {
        assert_eq!(policing_peel::ledger::WILTSHIRE_2016_TEXT, REPORT);
        assert_eq!(Ledger::wiltshire_2016().unwrap().text.as_deref(), Some(REPORT));
    }

    #[test]
    fn the_ledger_parses_and_refuses_bad_rows() {
        let ledger = Ledger::wiltshire_2016().unwrap();
        assert!(ledger.rows.len() >= 140);
        assert!(ledger.meta["release"].contains("October 2016"));
        assert!(ledger.rows.iter().all(|r| !r.item.is_empty() && !r.printed.is_empty()));
        assert!(ledger.rows.iter().filter(|r| r.measure == Measure::NotComputable).all(|r| !r.note.is_empty()));
        let header = "id\tline\tsection\titem\tunit\tperiod\tprinted\tmeasure\tnote\n";
        let bad = [
            ("a\t1\ts\ti\tforce\tp\t1\tinput\t\na\t2\ts\ti\tforce\tp\t1\tinput\t\n", "appears twice"),
            ("a\t1\ts\ti\tnobody\tp\t1\tinput\t\n", "nobody"),
            ("a\t1\ts\ti\tforce\tp\t1\tguess\t\n", "guess"),
            ("a\t1\ts\ti\tforce\tp\t1\tsum b+c\t\n", "refers to b"),
            ("a\t1\ts\ti\tforce\tp\t1\tCrime Rate\t\n", "Crime Rate"),
            ("a\tx\ts\ti\tforce\tp\t1\tinput\t\n", "line"),
            ("a\t1\ts\ti\tforce\tp\t1\tinput\n", "fields"),
        ];
        for (body, needle) in bad {
            let e =
                Ledger::parse(policing_forces::Force::Dorset, "t", &format!("{header}{body}")).unwrap_err().to_string();
            assert!(e.contains(needle), "{body:?}: {e}");
        }
        let ok = Ledger::parse(
            policing_forces::Force::Dorset,
            "t",
            &format!("# c\n{header}a\t1\ts\ti\tforce\tp\t1\tinput\tn\n"),
        )
        .unwrap();
        assert_eq!(ok.rows[0].subject, Subject::Force);
    }

    #[test]
    fn without_sources_nothing_is_reproduced_and_the_inferences_hold() {
        let ledger = Ledger::wiltshire_2016().unwrap();
        let entries = evaluate(&ledger);
        for e in &entries {
            assert!(!matches!(e.verdict, Verdict::Reproduced | Verdict::Differs), "{}", e.row.id);
        }
        let note = |id: &str| entries.iter().find(|e| e.row.id == id).unwrap().note.clone();
        assert!(note("f9.w").contains("exactly 12"), "{}", note("f9.w"));
        assert!(note("gain.w").contains("no k/12") && note("gain.w").contains("6/23"), "{}", note("gain.w"));
        assert!(note("f9.ew").contains("57,876,653"), "{}", note("f9.ew"));
    }
}
