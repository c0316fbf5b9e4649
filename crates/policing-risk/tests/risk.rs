//! Integration tests of `policing-risk`: THRIVE grading and history, DASH
//! scoring rules and their properties, MARAC criteria, missing-person risk.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs,
    reason = "a test: a failure panics with its message"
)]

use chrono::{Duration, NaiveDate, NaiveDateTime};
use policing_risk::dash::*;
use policing_risk::missing::{Factor, MissingPolicy, MissingReason, MissingRisk};
use policing_risk::thrive::*;
use policing_risk::RiskError;
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn at(h: u32) -> NaiveDateTime {
    d(2016, 9, 12).and_hms_opt(h, 0, 0).unwrap()
}

fn thrive(time: NaiveDateTime, levels: [Level; 6]) -> ThriveAssessment {
    let mut b = ThriveAssessment::builder(time, "call handler 1");
    for (e, l) in Element::ALL.into_iter().zip(levels) {
        b = b.element(e, l, format!("{e} assessed {l:?}")).unwrap();
    }
    b.build().unwrap()
}

use Level::{High as H, Low as L, Medium as M, None as N};

#[test]
fn thrive_needs_all_six_elements_and_rationales() {
    let b = ThriveAssessment::builder(at(1), "call handler").element(Element::Threat, H, "knife seen").unwrap();
    assert_eq!(b.build().unwrap_err(), RiskError::MissingElement { element: "harm" });
    assert!(ThriveAssessment::builder(at(1), "x").element(Element::Harm, L, "  ").is_err());
    let mut b = ThriveAssessment::builder(at(1), "");
    for e in Element::ALL {
        b = b.element(e, N, "none").unwrap();
    }
    assert_eq!(b.build().unwrap_err(), RiskError::EmptyText { what: "assessor" });
}

#[test]
fn thrive_history_is_kept_in_order() {
    let mut record = ThriveRecord::new(thrive(at(9), [L, L, L, M, N, L]));
    record.reassess(thrive(at(11), [H, M, H, M, M, H])).unwrap();
    assert_eq!(record.current().level(Element::Threat), H);
    assert_eq!(record.history().count(), 2);
    let err = record.reassess(thrive(at(10), [L; 6])).unwrap_err();
    assert!(matches!(err, RiskError::ReassessmentOutOfOrder { .. }));
    assert_eq!(record.history().count(), 2);
}

#[test]
fn default_grading() {
    let p = GradingPolicy::default();
    assert_eq!(p.grade(&thrive(at(1), [H, M, H, M, M, H])).grade, ResponseGrade::Immediate);
    assert_eq!(p.grade(&thrive(at(1), [L, M, L, L, N, L])).grade, ResponseGrade::Priority);
    assert_eq!(p.grade(&thrive(at(1), [L, L, L, L, N, L])).grade, ResponseGrade::Scheduled);
    // The report's first-contact rule: no lines of inquiry, not at risk, not vulnerable.
    let g = p.grade(&thrive(at(1), [N, L, L, N, N, L]));
    assert_eq!(g.grade, ResponseGrade::ResolvedWithoutDeployment);
    assert!(matches!(&g.reasons[0], GradeReason::Rule { name, .. } if name.contains("first contact")));
}

#[test]
fn vulnerable_victims_and_high_threats_never_go_below_the_floor() {
    let mut lenient = GradingPolicy::default();
    lenient.rules.push(GradeRule {
        name: "everything by telephone".into(),
        when: Condition::AtLeast(Element::Threat, N),
        grade: ResponseGrade::ResolvedWithoutDeployment,
    });
    lenient.rules.retain(|r| r.grade == ResponseGrade::ResolvedWithoutDeployment);
    let vulnerable = lenient.grade(&thrive(at(1), [N, L, L, N, M, L]));
    assert_eq!(vulnerable.grade, ResponseGrade::Priority);
    assert!(vulnerable.reasons.contains(&GradeReason::VulnerableFloor(ResponseGrade::Priority)));
    let threatened = lenient.grade(&thrive(at(1), [H, L, L, N, N, L]));
    assert_eq!(threatened.grade, ResponseGrade::Immediate);
}

fn assessment_with(yes: &[u8], callouts: &[NaiveDate]) -> DashAssessment {
    let mut a = DashAssessment::new(Checklist::safelives_ric(), d(2016, 10, 1));
    for q in 1..=24u8 {
        a.answer(q, if yes.contains(&q) { Answer::Yes } else { Answer::No }).unwrap();
    }
    for c in callouts {
        a.callout(*c).unwrap();
    }
    a
}

#[test]
fn checklists_are_data() {
    let ric = Checklist::safelives_ric();
    assert_eq!(ric.questions().len(), 24);
    let police = Checklist::police_dash_2009();
    assert_eq!(police.questions().len(), 27);
    for (i, q) in police.questions().iter().enumerate() {
        assert_eq!(usize::from(q.number), i + 1);
    }
    assert!(ric.question(14).unwrap().short_name.contains("kill"));
    let custom = Checklist::custom("Force form", vec![("injury".to_owned(), Theme::CurrentSituation)]).unwrap();
    assert_eq!(custom.questions().len(), 1);
    let mut a = DashAssessment::new(custom, d(2016, 1, 1));
    let err = a.answer(2, Answer::Yes).unwrap_err();
    assert!(err.to_string().contains("question 2") && err.to_string().contains("Force form"), "{err}");
    a.answer(1, Answer::Yes).unwrap();
    assert_eq!(a.answer(1, Answer::No).unwrap_err(), RiskError::DuplicateAnswer { number: 1 });
    assert_eq!(" Not Known ".parse::<Answer>().unwrap(), Answer::NotKnown);
    assert!("maybe".parse::<Answer>().is_err());
}

#[test]
fn levels_follow_the_forms_bands() {
    let p = DashPolicy::default();
    let yes: Vec<u8> = (1..=13).collect();
    assert_eq!(p.score(&assessment_with(&yes, &[])).level, Some(RiskLevel::Medium));
    let yes: Vec<u8> = (1..=14).collect();
    let o = p.score(&assessment_with(&yes, &[]));
    assert_eq!(o.level, Some(RiskLevel::High));
    assert_eq!(
        o.reasons,
        vec![RiskReason::SuggestedBand { yes: 14, threshold: 14, level: RiskLevel::High }, RiskReason::NotYetJudged]
    );
    let yes: Vec<u8> = (1..=9).collect();
    assert_eq!(p.score(&assessment_with(&yes, &[])).level, Some(RiskLevel::Standard));
    // Configurable per form.
    let strict = DashPolicy::default().with_form("SafeLives DASH RIC", FormThresholds::new(12, 8).unwrap());
    assert_eq!(strict.score(&assessment_with(&yes, &[])).level, Some(RiskLevel::Medium));
    assert!(FormThresholds::new(10, 14).is_err());
    assert!(FormThresholds::new(14, 0).is_err());
    assert!(DashPolicy::new(0, 12).is_err());
}

/// The RIC's 14-tick threshold belongs to the 24-question form: the 27-question
/// police form gets no band (and no visible high risk criterion) unless a policy
/// sets one. The old rules applied 14 to every form.
#[test]
fn bands_belong_to_a_form() {
    let p = DashPolicy::default();
    let mut police = DashAssessment::new(Checklist::police_dash_2009(), d(2016, 10, 1));
    for q in 1..=16u8 {
        police.answer(q, Answer::Yes).unwrap();
    }
    let o = p.score(&police);
    assert_eq!((o.level, o.suggested), (None, None), "no bands and no judgement: no level");
    assert!(matches!(&o.reasons[0], RiskReason::NoBandsForForm { yes: 16, .. }));
    let m = p.marac(&police, None);
    assert!(!m.refer && m.met.is_empty());
    assert_eq!(m.not_assessed[0].0, MaracCriterion::VisibleHighRisk);
    assert!(m.not_assessed[0].1.contains("ACPO DASH 2009"));
    police.judge(RiskLevel::Medium, "several risk factors; victim not in fear today").unwrap();
    assert_eq!(p.score(&police).level, Some(RiskLevel::Medium));
    // A force that decides to use 14 on its police form says so.
    let force = DashPolicy::default().with_form("ACPO DASH 2009", FormThresholds::new(14, 10).unwrap());
    assert_eq!(force.score(&police).level, Some(RiskLevel::High));
    assert!(force.marac(&police, None).met.contains(&MaracCriterion::VisibleHighRisk));
}

/// Potential escalation is a MARAC referral criterion: it does not set the risk
/// level (the old rules raised the level to high on three call-outs).
#[test]
fn escalation_refers_to_marac_without_setting_the_level() {
    let p = DashPolicy::default();
    // Assessed 1 October 2016: the window is after 1 October 2015, up to the assessment.
    let inside = [d(2015, 10, 2), d(2016, 3, 1), d(2016, 10, 1)];
    let a = assessment_with(&[2], &inside);
    assert_eq!(p.callouts_in_window(&a), 3);
    assert_eq!(p.score(&a).level, Some(RiskLevel::Standard));
    let m = p.marac(&a, None);
    assert!(m.refer);
    assert_eq!(m.met, vec![MaracCriterion::PotentialEscalation]);
    assert_eq!(m.callouts_in_window, 3);
    let edge = [d(2015, 10, 1), d(2016, 3, 1), d(2016, 9, 30)];
    assert_eq!(p.callouts_in_window(&assessment_with(&[], &edge)), 2);
    let mut late = assessment_with(&[], &[]);
    assert!(matches!(late.callout(d(2016, 10, 2)), Err(RiskError::IncidentAfterAssessment { .. })));
}

#[test]
fn judgement_gives_the_level_and_never_lowers_the_band() {
    let p = DashPolicy::default();
    let mut a = assessment_with(&(1..=14).collect::<Vec<_>>(), &[]);
    a.judge(RiskLevel::Standard, "victim seemed calm").unwrap();
    let o = p.score(&a);
    assert_eq!(o.level, Some(RiskLevel::High));
    assert!(o.reasons.contains(&RiskReason::BandStands { judged: RiskLevel::Standard, band: RiskLevel::High }));
    let mut b = assessment_with(&[1], &[]);
    b.judge(RiskLevel::High, "honour-based violence").unwrap();
    let o = p.score(&b);
    assert_eq!(o.level, Some(RiskLevel::High));
    assert!(o
        .reasons
        .iter()
        .any(|r| matches!(r, RiskReason::ProfessionalJudgement(j) if j.rationale.contains("honour"))));
}

#[test]
fn marac_criteria() {
    let p = DashPolicy::default();
    let high = assessment_with(&(1..=15).collect::<Vec<_>>(), &[d(2016, 1, 1), d(2016, 5, 1), d(2016, 9, 1)]);
    let m = p.marac(&high, None);
    assert!(m.refer);
    assert_eq!(m.met, vec![MaracCriterion::VisibleHighRisk, MaracCriterion::PotentialEscalation]);
    assert!(m.not_assessed.is_empty());
    let low = assessment_with(&[3], &[]);
    let m = p.marac(&low, Some(d(2015, 9, 30)));
    assert!(!m.refer, "the last MARAC was more than 12 months before");
    let m = p.marac(&low, Some(d(2015, 10, 1)));
    assert_eq!(m.met, vec![MaracCriterion::Repeat]);
    let m = p.marac(&low, Some(d(2016, 10, 1)));
    assert!(!m.refer, "same day as the last MARAC is not a further incident");
}

#[test]
fn missing_persons() {
    let p = MissingPolicy::default();
    let absent = p.assess(&[], None);
    assert!(absent.risk.is_absent());
    assert_eq!(absent.reasons, vec![MissingReason::NoFactors]);
    assert_eq!(p.assess(&[Factor::RepeatedlyMissing], None).risk, MissingRisk::Low);
    assert_eq!(p.assess(&[Factor::RepeatedlyMissing, Factor::MentalHealth], None).risk, MissingRisk::Medium);
    let high = p.assess(&[Factor::SuicideOrSelfHarm], Some(MissingRisk::Low));
    assert_eq!(high.risk, MissingRisk::High);
    assert_eq!(high.reasons, vec![MissingReason::Factor(Factor::SuicideOrSelfHarm, MissingRisk::High)]);
    let raised = p.assess(&[], Some(MissingRisk::Medium));
    assert_eq!(raised.risk, MissingRisk::Medium);
    let custom = MissingPolicy::new(vec![(Factor::RepeatedlyMissing, MissingRisk::High)]);
    assert_eq!(custom.assess(&[Factor::RepeatedlyMissing], None).risk, MissingRisk::High);
}

fn answers() -> impl Strategy<Value = Vec<(u8, Answer)>> {
    let answer = prop_oneof![Just(Answer::Yes), Just(Answer::No), Just(Answer::NotKnown), Just(Answer::NotAsked)];
    prop::collection::vec(answer, 24).prop_map(|v| v.into_iter().zip(1u8..).map(|(a, q)| (q, a)).collect())
}

fn build(answers: &[(u8, Answer)], callouts: &[i64], judgement: Option<RiskLevel>) -> DashAssessment {
    let on = d(2016, 10, 1);
    let mut a = DashAssessment::new(Checklist::safelives_ric(), on);
    for (q, ans) in answers {
        a.answer(*q, *ans).unwrap();
    }
    for days in callouts {
        a.callout(on - Duration::days(*days)).unwrap();
    }
    if let Some(l) = judgement {
        a.judge(l, "practitioner's concern").unwrap();
    }
    a
}

fn level() -> impl Strategy<Value = RiskLevel> {
    prop_oneof![Just(RiskLevel::Standard), Just(RiskLevel::Medium), Just(RiskLevel::High)]
}

proptest! {
    #[test]
    fn one_more_yes_never_lowers(ans in answers(), flip in 0usize..24, callouts in prop::collection::vec(0i64..800, 0..6)) {
        let p = DashPolicy::default();
        let before = p.score(&build(&ans, &callouts, None)).level;
        let mut more = ans.clone();
        more[flip].1 = Answer::Yes;
        prop_assert!(p.score(&build(&more, &callouts, None)).level >= before);
        // Call-outs never change the level.
        prop_assert_eq!(p.score(&build(&ans, &[], None)).level, before);
    }

    #[test]
    fn judgement_never_lowers(ans in answers(), j in level(), callouts in prop::collection::vec(0i64..800, 0..6)) {
        let p = DashPolicy::default();
        let without = p.score(&build(&ans, &callouts, None)).level;
        let with = p.score(&build(&ans, &callouts, Some(j))).level;
        prop_assert!(with >= without);
        prop_assert!(with >= Some(j));
    }

    #[test]
    fn order_of_answers_does_not_matter(ans in answers(), seed in any::<u64>()) {
        let p = DashPolicy::default();
        let mut shuffled = ans.clone();
        let mut s = seed;
        for i in (1..shuffled.len()).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let j = (s >> 33) as usize % (i + 1);
            shuffled.swap(i, j);
        }
        prop_assert_eq!(p.score(&build(&ans, &[], None)), p.score(&build(&shuffled, &[], None)));
    }

    #[test]
    fn escalation_counts_only_the_window(days in prop::collection::vec(0i64..1000, 0..10)) {
        let p = DashPolicy::default();
        let a = build(&[], &days, None);
        let start = d(2015, 10, 1);
        let expected = days.iter().filter(|n| d(2016, 10, 1) - Duration::days(**n) > start).count();
        prop_assert_eq!(p.callouts_in_window(&a), expected);
    }
}

#[cfg(feature = "serde")]
#[test]
fn assessments_round_trip_as_json() {
    let mut a = assessment_with(&[1, 2, 3], &[d(2016, 2, 2)]);
    a.judge(RiskLevel::Medium, "separation planned").unwrap();
    let json = serde_json::to_string(&a).unwrap();
    let back: DashAssessment = serde_json::from_str(&json).unwrap();
    assert_eq!(back, a);
    let t = thrive(at(3), [H, M, L, N, M, H]);
    let mut record = ThriveRecord::new(t.clone());
    record.reassess(thrive(at(4), [M; 6])).unwrap();
    let json = serde_json::to_string(&record).unwrap();
    assert_eq!(serde_json::from_str::<ThriveRecord>(&json).unwrap(), record);
    let bad = json.replace("threat assessed High", "  ").replace("\"rationale\":\"  \"", "\"rationale\":\" \"");
    assert!(serde_json::from_str::<ThriveRecord>(&bad).is_err(), "an empty rationale is rejected");
    let grading = GradingPolicy::default().grade(&t);
    let json = serde_json::to_string(&grading).unwrap();
    assert_eq!(serde_json::from_str::<Grading>(&json).unwrap(), grading);
}
