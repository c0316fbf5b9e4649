//! THRIVE at first contact: three calls graded by the default policy, one
//! re-assessed as circumstances change, and the report's rule for finalising a
//! report at first contact without sending an officer.
//!
//! Run with `cargo run --example thrive_grading`.

use chrono::{NaiveDate, NaiveDateTime};
use policing::risk::thrive::{Element, GradeReason, GradingPolicy, Level, ThriveAssessment, ThriveRecord};
use policing::risk::RiskError;

fn at(day: u32, h: u32, m: u32) -> Result<NaiveDateTime, String> {
    NaiveDate::from_ymd_opt(2016, 9, day).and_then(|d| d.and_hms_opt(h, m, 0)).ok_or_else(|| "bad time".to_owned())
}

fn assess(time: NaiveDateTime, who: &str, elements: [(Level, &str); 6]) -> Result<ThriveAssessment, RiskError> {
    let mut b = ThriveAssessment::builder(time, who);
    for (e, (level, why)) in Element::ALL.into_iter().zip(elements) {
        b = b.element(e, level, why)?;
    }
    b.build()
}

fn show(title: &str, a: &ThriveAssessment, policy: &GradingPolicy) {
    let g = policy.grade(a);
    println!("\n{title} ({} by {})", a.at(), a.assessor());
    for e in Element::ALL {
        let el = a.element(e);
        println!("  {:<28} {:<7} {}", e.name(), format!("{:?}", el.level()), el.rationale());
    }
    println!("  response: {}", g.grade);
    for r in &g.reasons {
        match r {
            GradeReason::Rule { name, grade } => println!("    rule \"{name}\" -> {grade}"),
            GradeReason::Default(grade) => println!("    no rule matched -> default {grade}"),
            GradeReason::VulnerableFloor(grade) => println!("    vulnerable victim: never below {grade}"),
            GradeReason::HighThreatFloor(grade) => println!("    high threat: never below {grade}"),
            other => println!("    {other:?}"),
        }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    use Level::{High, Low, Medium, None};
    let policy = GradingPolicy::default();

    let shed = assess(
        at(12, 8, 40)?,
        "call handler 2231",
        [
            (Low, "no threat to the caller"),
            (Low, "garden tools taken from an unlocked shed"),
            (Low, "no repeat victimisation recorded"),
            (None, "no CCTV, witnesses or forensic opportunities; offender unlikely to be traced"),
            (None, "caller not vulnerable"),
            (Low, "wants a crime reference for insurance"),
        ],
    )?;
    show("Shed burglary reported the morning after", &shed, &policy);

    let elderly = assess(
        at(12, 14, 5)?,
        "call handler 2231",
        [
            (Low, "no ongoing threat"),
            (Low, "£40 taken by a doorstep caller"),
            (Medium, "a known distraction-burglary team is active in the area"),
            (Low, "description given"),
            (Medium, "89, lives alone, some memory loss"),
            (Medium, "needs a visit to reassure and to take a statement"),
        ],
    )?;
    show("Doorstep theft from an older caller", &elderly, &policy);

    // A domestic call, re-assessed when the caller rings back.
    let first = assess(
        at(12, 22, 14)?,
        "call handler 4411",
        [
            (Medium, "ex-partner shouting outside, has left"),
            (Low, "no injury"),
            (Medium, "two previous call-outs this year"),
            (Medium, "suspect named; neighbour heard it"),
            (Medium, "pregnant"),
            (Medium, "needs officers to attend"),
        ],
    )?;
    let mut record = ThriveRecord::new(first);
    show("Domestic call, first assessment", record.current(), &policy);
    let second = assess(
        at(12, 22, 31)?,
        "call handler 4411 (re-THRIVE)",
        [
            (High, "ex-partner back, trying to force the door, threatening to kill"),
            (Medium, "pushed her as she shut the door"),
            (High, "escalating this evening"),
            (Medium, "suspect on scene"),
            (High, "pregnant, alone"),
            (High, "immediate attendance"),
        ],
    )?;
    record.reassess(second)?;
    show("Domestic call, re-assessed 17 minutes later", record.current(), &policy);
    println!("\n  history kept: {} assessments", record.history().count());
    Ok(())
}
