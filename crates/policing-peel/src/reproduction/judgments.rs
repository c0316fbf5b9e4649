//! Judgments, year-on-year statements, and re-offending.

use crate::{Change, Column, Scope};

use super::{report_data, Check, Verdict};

/// Every check of the judgments and the re-offending statements.
pub fn checks() -> Result<Vec<Check>, crate::PeelError> {
    let r = report_data();
    let mut checks = vec![Check::input(
        "Judgments",
        "Overall: keeping people safe and reducing crime",
        "Wiltshire Police",
        &r.overall.to_string(),
    )];
    for q in &r.questions {
        checks.push(Check::input(
            "Judgments",
            format!("Question {}", q.question),
            "Wiltshire Police",
            &q.judgement.to_string(),
        ));
    }
    // "Our overall judgment is the same as last year"; "In HMIC's 2015 effectiveness
    // (vulnerability) report_data, we judged Wiltshire Police to require improvement"
    // and "considerable progress has been made" (now good).
    for y in r.year_on_year() {
        let (item, published) = match y.before.scope {
            Scope::Overall => ("Overall judgment against 2015", "same as last year"),
            Scope::Question(_) => ("Vulnerability against 2015 (requires improvement)", "improved"),
        };
        let computed = match y.change {
            Change::Same => "same as last year",
            Change::Improved => "improved",
            Change::Declined => "declined",
            _ => "not comparable",
        };
        let mut c = Check::input("Judgments", item, "Wiltshire Police", published);
        c.computed = Some(computed.to_owned());
        c.verdict = if computed == published { Verdict::Reproduced } else { Verdict::NotReproduced };
        checks.push(c.with_note(format!("{} in {} -> {} in 2016", y.before.judgement, y.before.year, y.after)));
    }
    let iom = r.figure("Reducing re-offending", "IOM offenders who do not re-offend", Column::Force)?;
    checks.push(Check::not_computable(
        "Reducing re-offending",
        iom.item.clone(),
        "Wiltshire Police",
        &iom.printed,
        "needs the IOM cohort and re-offending counts, not printed",
    ));
    let dasp = r.figure("Reducing re-offending", "Domestic abuse serial perpetrators in IOM cohorts", Column::Force)?;
    checks.push(Check::input("Reducing re-offending", dasp.item.clone(), "Wiltshire Police", &dasp.printed));
    Ok(checks)
}
