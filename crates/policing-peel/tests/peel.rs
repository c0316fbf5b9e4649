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

    use policing_peel::ledger::{evaluate, Ledger, LedgerRow, Measure, ScanRules, Scanner, Subject, Verdict};

    use super::REPORT;

    fn lines() -> Vec<&'static str> {
        REPORT.lines().collect()
    }

    fn scanner() -> Scanner {
        Scanner::new(REPORT, &ScanRules::wiltshire_2016().unwrap())
    }

    /// Every number printed in the report, in digits or words, and every
    /// verdict-bearing statement, is a ledger row or a reasoned non-figure.
    #[test]
    fn every_number_and_statement_in_the_report_is_a_ledger_row_or_a_reasoned_non_figure() {
        let ledger = Ledger::wiltshire_2016().unwrap();
        let scan = scanner().check(&ledger.rows);
        assert!(scan.problems.is_empty(), "{} not accounted for:\n{}", scan.problems.len(), scan.problems.join("\n"));
        assert!(scan.numbers > 550 && scan.numbers_as_rows > 100, "{scan:?}");
        assert!(scan.verdict_words > 350 && scan.verdict_words_as_rows > 150, "{scan:?}");
    }

    /// Deleting any row of the ledger leaves something of the report unaccounted
    /// for: the expectations are read from the report's text, not from a list
    /// typed beside the ledger, so there is no list entry to delete with it.
    #[test]
    fn deleting_any_row_fails_the_completeness_check() {
        let ledger = Ledger::wiltshire_2016().unwrap();
        let scanner = scanner();
        for (i, r) in ledger.rows.iter().enumerate() {
            let mut fewer = ledger.rows.clone();
            fewer.remove(i);
            let missing = scanner.check(&fewer).problems;
            assert!(!missing.is_empty(), "deleting {} ({:?}, line {}) went unnoticed", r.id, r.printed, r.line);
        }
    }

    /// A non-verdict rule cannot hide a row's statement: covering a hit a row
    /// takes is itself a failure, so moving a deleted row's words onto the
    /// non-verdict list is caught too.
    #[test]
    fn a_non_verdict_rule_over_a_row_is_refused() {
        let ledger = Ledger::wiltshire_2016().unwrap();
        let rules =
            ScanRules::wiltshire_2016().unwrap().with_non_verdict("does not properly understand", "planted").unwrap();
        let missing = Scanner::new(REPORT, &rules).check(&ledger.rows).problems;
        assert!(
            missing.iter().any(|m| m.contains("line 1592") && m.contains("also called a non-verdict")),
            "{missing:#?}"
        );
        // And a rule that covers nothing is dead.
        let rules =
            ScanRules::wiltshire_2016().unwrap().with_non_verdict("words the report never prints", "planted").unwrap();
        let missing = Scanner::new(REPORT, &rules).check(&ledger.rows).problems;
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
