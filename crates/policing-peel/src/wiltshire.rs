//! The Wiltshire Police PEEL effectiveness 2016 report (HMIC, published March
//! 2017) as data: judgments and findings, transcribed from
//! `docs/reference/wiltshire-peel-effectiveness-2016.txt`. Every number it
//! prints is a row of its ledger (`reports/wiltshire-2016.tsv`,
//! [`Ledger::wiltshire_2016`](crate::ledger::Ledger::wiltshire_2016)).

use chrono::NaiveDate;
use policing_forces::Force;

use crate::grade::{Framework, Grade, Judgement};
use crate::inspection::{EarlierJudgement, Finding, InspectionReport, Pillar, QuestionJudgement, Scope};

/// A date of the report, written as a literal below (every call is a real date, checked by the tests).
#[allow(clippy::expect_used, reason = "called only with the report's date literals, all real dates")]
fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("a date literal of the report")
}

fn afi(text: &str) -> Finding {
    Finding::AreaForImprovement(text.to_owned())
}

/// The Wiltshire Police PEEL effectiveness 2016 report.
///
/// ```
/// use policing_peel::{wiltshire_2016, Change, Framework, Grade, Judgement};
/// let r = wiltshire_2016();
/// assert_eq!(r.overall, Judgement::Graded(Grade::Good));
/// assert_eq!(r.question(5)?.judgement, Judgement::Ungraded);
/// assert_eq!(r.framework, Framework::Peel2014To2019);
/// let yoy = r.year_on_year();
/// assert!(yoy.iter().any(|y| y.what == "question 3" && y.change == Change::Improved));
/// # Ok::<(), policing_peel::PeelError>(())
/// ```
#[must_use]
pub fn wiltshire_2016() -> InspectionReport {
    let good = Judgement::Graded(Grade::Good);
    InspectionReport {
        force: Force::Wiltshire,
        pillar: Pillar::Effectiveness,
        framework: Framework::Peel2014To2019,
        year: 2016,
        // HMIC published the 2016 effectiveness reports in March 2017 (domain.md section 5);
        // the day is that of the national publication.
        published: d(2017, 3, 2),
        overall: good,
        questions: vec![
            QuestionJudgement {
                question: 1,
                judgement: good,
                summary: "Good at preventing crime and tackling anti-social behaviour; understands its communities and the threats they face; effective problem solving with partners.".to_owned(),
                findings: vec![],
            },
            QuestionJudgement {
                question: 2,
                judgement: good,
                summary: "Good at investigating crime and reducing re-offending; structured assessment from first contact; high-risk domestic abuse victims supported by specialist detectives.".to_owned(),
                findings: vec![
                    afi("The force should take steps to understand the reasons why a high proportion of crimes fall into the category 'Evidential difficulties; victim does not support police action', to ensure that it is pursing justice on behalf of victims of crime."),
                    afi("The force should ensure that those who are circulated as wanted on the police national computer, those who fail to appear on police bail, named and outstanding suspects and suspects identified through forensic evidence, are swiftly located and arrested."),
                    afi("The force should ensure that frontline staff are aware of the registered sex offenders in their area so that they can play a part in monitoring and management."),
                ],
            },
            QuestionJudgement {
                question: 3,
                judgement: good,
                summary: "Good at protecting vulnerable people and supporting victims; addressed the 2015 cause of concern on missing and absent children.".to_owned(),
                findings: vec![],
            },
            QuestionJudgement {
                question: 4,
                judgement: good,
                summary: "Good understanding of serious and organised crime; OCG mapping generally correct; scope to improve lifetime management and to go beyond 'pursue'.".to_owned(),
                findings: vec![
                    afi("The force should engage routinely with partner agencies at a senior level to enhance intelligence sharing and promote an effective, multi-agency response to serious and organised crime."),
                    afi("The force should ensure that it maps all organised crime groups promptly following identification and re-assesses them at regular intervals in line with national standards."),
                    afi("The force should enhance its approach to the 'lifetime management' of organised criminals to minimise the risk they pose to local communities. This approach should include routine consideration of ancillary orders, the powers of other organisations and other tools to deter organised criminals from continuing to offend."),
                ],
            },
            QuestionJudgement {
                question: 5,
                judgement: Judgement::Ungraded,
                summary: "Arrangements in place to assess all threats in the Strategic Policing Requirement; good at assessing the threat of an attack requiring an armed response.".to_owned(),
                findings: vec![],
            },
        ],
        earlier: vec![
            EarlierJudgement { year: 2015, scope: Scope::Overall, label: "effectiveness".to_owned(), judgement: good },
            EarlierJudgement {
                year: 2015,
                scope: Scope::Question(3),
                label: "effectiveness (vulnerability)".to_owned(),
                judgement: Judgement::Graded(Grade::RequiresImprovement),
            },
        ],
    }
}
