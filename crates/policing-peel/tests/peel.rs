//! Integration tests of `policing-peel`: grades, the embedded Wiltshire report,
//! year-on-year comparison, serde round trips.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, missing_docs)]

use policing_peel::*;

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
    let report = include_str!("../../../docs/reference/wiltshire-peel-effectiveness-2016.txt");
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

#[test]
fn every_printed_figure_is_in_the_report_text() {
    let text = include_str!("../../../docs/reference/wiltshire-peel-effectiveness-2016.txt");
    let r = wiltshire_2016();
    assert!(r.figures.len() > 80, "{}", r.figures.len());
    for f in &r.figures {
        let printed = f.printed.trim_start_matches(['+', '-']);
        assert!(text.contains(printed), "{} / {}: {:?} not in the report", f.figure, f.item, f.printed);
        assert!(!f.source.is_empty());
    }
    let fig4: Vec<&str> = r.column("Figure 4", Column::Force).map(|f| f.printed.as_str()).collect();
    assert_eq!(fig4.len(), 21, "20 rows with values and the band statement");
    assert_eq!(fig4[0], "12.1");
    let total = r.figure("Figure 4", "Total", Column::EnglandAndWales).unwrap();
    assert_eq!(total.value().unwrap().places(), 2);
    assert!(r.figure("Figure 4", "Total", Column::Force).unwrap().caveats.iter().any(|c| c.contains("Dorset")));
    assert!(r.figure("Figure 11", "x", Column::Force).is_err());
    assert!(r.figure("MARAC", "MARAC referrals per 10,000 female population", Column::Force).unwrap().value().is_err());
}

#[cfg(feature = "serde")]
#[test]
fn reports_round_trip_as_json() {
    let r = wiltshire_2016();
    let json = serde_json::to_string(&r).unwrap();
    let back: InspectionReport = serde_json::from_str(&json).unwrap();
    assert_eq!(back, r);
    assert!(json.contains("\"Wiltshire Police\""));
}
