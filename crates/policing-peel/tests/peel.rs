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
    use std::collections::BTreeSet;

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

    /// The verdict-bearing statements and word-number facts of the report, read
    /// from its text (line, words as printed): each must be a ledger row.
    const STATEMENTS: &[(usize, &str)] = &[
        (17, "five"),
        (61, "good"),
        (65, "good"),
        (77, "good"),
        (82, "good"),
        (87, "good"),
        (92, "good"),
        (94, "ungraded"),
        (248, "about one-third"),
        (260, "in line"),
        (264, "much lower"),
        (357, "higher"),
        (358, "lower"),
        (359, "no recorded use"),
        (565, "among the highest"),
        (859, "greater proportion"),
        (865, "in line"),
        (963, "should make improvements"),
        (1028, "above"),
        (1058, "six"),
        (1240, "two"),
        (1259, "in line"),
        (1288, "above other forces"),
        (1295, "more disclosures"),
        (1350, "in line"),
        (1359, "less often than many other forces"),
        (1360, "higher"),
        (1489, "in line"),
        (1544, "Drug activity"),
        (1544, "Drug activity"),
        (1593, "did not record"),
        (1639, "four"),
        (1730, "six"),
        (1794, "three"),
        (1801, "two"),
        (1801, "one"),
        (1988, "three"),
        (2032, "one"),
        (2032, "two"),
        (2177, "eight"),
    ];

    /// What of the report is not in the ledger: every number (digits or words)
    /// not covered by a reasoned non-figure rule needs a row of its own printed
    /// on its line (or the line before), and every statement of [`STATEMENTS`]
    /// a row with those words on its line. Also each row found where it says
    /// it is printed. Returns the problems, and how many numbers were read and
    /// how many were rows.
    fn unaccounted(rows: &[LedgerRow]) -> (Vec<String>, usize, usize) {
        unaccounted_with(rows, &number_pattern(), &non_figures())
    }

    fn unaccounted_with(rows: &[LedgerRow], number: &Regex, rules: &[(Regex, &str)]) -> (Vec<String>, usize, usize) {
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
                let covered =
                    rules.iter().any(|(re, _)| re.find_iter(line).any(|c| c.start() <= start && end <= c.end()));
                if !covered {
                    missing.push(format!("line {n}: {token:?} in {:?}", line.trim()));
                }
            }
        }
        // Every statement is a row with those words on its line; every row without a digit is a statement.
        let mut taken: BTreeSet<&str> = BTreeSet::new();
        for (line, words) in STATEMENTS {
            let text = format!("{} {}", lines[line - 1], lines.get(*line).unwrap_or(&""));
            assert!(
                text.to_lowercase().contains(&words.to_lowercase()),
                "the statement {words:?} is not on line {line}"
            );
            let row = rows
                .iter()
                .find(|r| r.line == *line && r.printed.eq_ignore_ascii_case(words) && !taken.contains(r.id.as_str()));
            match row {
                Some(r) => {
                    taken.insert(&r.id);
                }
                None => missing.push(format!("line {line}: the statement {words:?} is not a ledger row")),
            }
        }
        for r in &statement_rows {
            if !taken.contains(r.id.as_str()) && !used.contains_key(r.id.as_str()) {
                missing.push(format!("{} ({:?}, line {}) is not a statement of the report", r.id, r.printed, r.line));
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
        let (missing, total, as_rows) = unaccounted(&ledger.rows);
        assert!(missing.is_empty(), "{} not accounted for:\n{}", missing.len(), missing.join("\n"));
        assert!(total > 550 && as_rows > 100, "{total} numbers, {as_rows} as rows");
    }

    /// Deleting any row of the ledger leaves something of the report unaccounted for.
    #[test]
    fn deleting_any_row_fails_the_completeness_check() {
        let ledger = Ledger::wiltshire_2016().unwrap();
        let (number, rules) = (number_pattern(), non_figures());
        for (i, r) in ledger.rows.iter().enumerate() {
            let mut fewer = ledger.rows.clone();
            fewer.remove(i);
            let (missing, _, _) = unaccounted_with(&fewer, &number, &rules);
            assert!(!missing.is_empty(), "deleting {} ({:?}, line {}) went unnoticed", r.id, r.printed, r.line);
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
