//! The Wiltshire Police PEEL effectiveness 2016 report (HMIC, published March
//! 2017) as data: judgments, findings and every figure it publishes, each with
//! its period, source and caveats. Transcribed from
//! `docs/reference/wiltshire-peel-effectiveness-2016.txt`.

use chrono::NaiveDate;
use policing_forces::{Force, Period};
use policing_outcomes::{FIGURE_4, FIGURE_8};

use crate::grade::{Grade, Judgement};
use crate::inspection::{
    Column, EarlierJudgement, Finding, InspectionReport, Pillar, PublishedFigure, QuestionJudgement, Scope, Unit,
};

const HOME_OFFICE: &str = "Home Office police-recorded crime data (October 2016 release)";
const OUTCOMES: &str = "Home Office crime outcomes data";
const HMIC_RETURN: &str = "HMIC data return";

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or(NaiveDate::MIN)
}

fn to_june_2016() -> Period {
    Period::TwelveMonthsTo(d(2016, 6, 30))
}

struct Fig<'a> {
    figure: &'a str,
    unit: Unit,
    period: Period,
    source: &'a str,
    caveats: &'a [&'a str],
}

impl Fig<'_> {
    fn add(&self, out: &mut Vec<PublishedFigure>, item: &str, force: Option<&str>, ew: Option<&str>) {
        for (column, printed) in [(Column::Force, force), (Column::EnglandAndWales, ew)] {
            if let Some(printed) = printed {
                out.push(PublishedFigure {
                    figure: self.figure.to_owned(),
                    item: item.to_owned(),
                    column,
                    printed: printed.to_owned(),
                    unit: self.unit,
                    period: self.period,
                    source: self.source.to_owned(),
                    caveats: self.caveats.iter().map(|c| (*c).to_owned()).collect(),
                });
            }
        }
    }
}

/// Figure 4 as printed, one value per row of [`FIGURE_4`] ("" where no value is printed).
const FIGURE_4_WILTSHIRE: [&str; 21] = [
    "12.1", "0.3", "3.7", "0.9", "2.3", "0.5", "2.7", "0.7", "2.1", "1.6", "", "12.6", "19.6", "17.2", "2.4", "40.8",
    "1.0", "0.0", "94.5", "5.5", "100.00",
];
const FIGURE_4_ENGLAND_AND_WALES: [&str; 21] = [
    "12.1", "0.2", "3.2", "0.4", "2.3", "0.6", "3.6", "0.9", "2.8", "1.8", "", "8.3", "13.8", "10.6", "3.2", "47.4",
    "0.6", "0.1", "91.3", "8.7", "100.00",
];
/// Figure 8 as printed, one value per row of [`FIGURE_8`].
const FIGURE_8_WILTSHIRE: [&str; 6] = ["20.4", "4.7", "0.5", "0.4", "31.4", "47.2"];
const FIGURE_8_ENGLAND_AND_WALES: [&str; 6] = ["23.2", "5.6", "0.3", "1.4", "24.1", "35.4"];

/// The item name of a figure 4 or figure 8 row: its number (if any) and label.
#[must_use]
pub fn row_item(number: Option<u8>, label: &str) -> String {
    match number {
        Some(n) => format!("{n} {label}"),
        None => label.to_owned(),
    }
}

fn figures() -> Vec<PublishedFigure> {
    let mut f = Vec::new();
    let year = to_june_2016();
    let five_years = Period::range(d(2010, 7, 1), d(2016, 6, 30)).unwrap_or(year);
    Fig {
        figure: "Recorded crime",
        unit: Unit::PercentChange,
        period: five_years,
        source: HOME_OFFICE,
        caveats: &["12 months to 30 June 2016 against 12 months to 30 June 2011; excluding fraud"],
    }
    .add(&mut f, "Police-recorded crime, change over five years", Some("+5.4"), Some("-3.4"));
    Fig {
        figure: "Recorded crime",
        unit: Unit::PercentChange,
        period: five_years,
        source: HOME_OFFICE,
        caveats: &["12 months to 30 June 2016 against 12 months to 30 June 2011"],
    }
    .add(&mut f, "Victim-based crime, change over five years", Some("+0.7"), Some("-0.5"));
    Fig {
        figure: "Recorded crime",
        unit: Unit::PercentChange,
        period: year,
        source: HOME_OFFICE,
        caveats: &["against the previous 12 months; excluding fraud"],
    }
    .add(&mut f, "Police-recorded crime, change over one year", Some("+14.4"), Some("+7.8"));
    Fig { figure: "Recorded crime", unit: Unit::Count, period: year, source: HOME_OFFICE, caveats: &["of 43 forces"] }
        .add(&mut f, "Forces with an annual increase in recorded crime", None, Some("39"));
    let fig2 = Fig {
        figure: "Figure 2",
        unit: Unit::PerThousandPopulation,
        period: year,
        source: HOME_OFFICE,
        caveats: &["ONS mid-2015 population; England and Wales excludes British Transport Police"],
    };
    fig2.add(&mut f, "Recorded crime (excluding fraud)", Some("54.3"), Some("68.2"));
    fig2.add(&mut f, "Victim-based crime", Some("47.5"), Some("60.4"));
    fig2.add(&mut f, "Sexual offences", Some("1.9"), Some("1.9"));
    fig2.add(&mut f, "Assault with injury", Some("6.9"), Some("7.0"));
    Fig {
        figure: "Figure 2",
        unit: Unit::PerThousandHouseholds,
        period: year,
        source: HOME_OFFICE,
        caveats: &["per 1,000 households, not population"],
    }
    .add(&mut f, "Burglary in a dwelling", Some("4.5"), Some("8.1"));
    let asb_year = Period::TwelveMonthsTo(d(2016, 3, 31));
    Fig {
        figure: "Figure 3",
        unit: Unit::PerThousandPopulation,
        period: asb_year,
        source: "Office for National Statistics police force area data tables",
        caveats: &[],
    }
    .add(&mut f, "Anti-social behaviour incidents", Some("22"), None);
    Fig {
        figure: "Figure 3",
        unit: Unit::PercentChange,
        period: asb_year,
        source: "Office for National Statistics police force area data tables",
        caveats: &["rate per 1,000 population against the 12 months to 31 March 2015"],
    }
    .add(&mut f, "Change in the anti-social behaviour rate", Some("-10"), Some("-8"));
    let survey = Period::range(d(2016, 7, 1), d(2016, 8, 31)).unwrap_or(year);
    Fig {
        figure: "Public survey",
        unit: Unit::Count,
        period: survey,
        source: "Ipsos MORI survey for HMIC",
        caveats: &["online panel, not a random sample; weighted by age, gender and work status"],
    }
    .add(&mut f, "People interviewed", Some("403"), None);
    Fig {
        figure: "Public survey",
        unit: Unit::Percent,
        period: survey,
        source: "Ipsos MORI survey for HMIC",
        caveats: &["online panel, not a random sample"],
    }
    .add(&mut f, "Very or fairly satisfied with local policing", Some("54"), None);
    Fig {
        figure: "Public survey",
        unit: Unit::PercentagePoints,
        period: survey,
        source: "Ipsos MORI survey for HMIC",
        caveats: &["printed as \"a 4 percent increase on 2015\""],
    }
    .add(&mut f, "Change in satisfaction on 2015", Some("+4"), None);
    let outcome_caveats: &[&str] = &[
        "Dorset Police excluded from England and Wales: outcomes not reliably recorded",
        "Derbyshire and Suffolk: first three quarters only",
        "fraud excluded",
    ];
    let fig4 =
        Fig { figure: "Figure 4", unit: Unit::Percent, period: year, source: OUTCOMES, caveats: outcome_caveats };
    for ((layout, w), ew) in FIGURE_4.iter().zip(FIGURE_4_WILTSHIRE).zip(FIGURE_4_ENGLAND_AND_WALES) {
        if layout.shows_value {
            fig4.add(&mut f, &row_item(layout.number, layout.label), Some(w), Some(ew));
        }
    }
    Fig { figure: "Figure 4", unit: Unit::Statement, period: year, source: OUTCOMES, caveats: outcome_caveats }.add(
        &mut f,
        "Use of evidential difficulties (victim supports police action)",
        Some("among the highest"),
        None,
    );
    Fig { figure: "Figure 5", unit: Unit::Percent, period: year, source: OUTCOMES, caveats: outcome_caveats }.add(
        &mut f,
        "Evidential difficulties; victim does not support police action",
        Some("19.6"),
        Some("13.8"),
    );
    let fig6_caveats: &[&str] = &[
        "City of London, Devon and Cornwall, Essex, Gloucestershire and Lancashire could not supply data and are excluded",
        "Suffolk: eight months of data",
        "each force's own definition of vulnerability",
    ];
    let fig6 = Fig {
        figure: "Figure 6",
        unit: Unit::Percent,
        period: year,
        source: "HMIC data return, Home Office data",
        caveats: fig6_caveats,
    };
    fig6.add(&mut f, "Recorded crime with a vulnerable victim identified", Some("34.6"), Some("14.3"));
    fig6.add(&mut f, "Lowest force", None, Some("3.9"));
    fig6.add(&mut f, "Highest force", None, Some("44.4"));
    let da_change = Period::range(d(2015, 4, 1), d(2016, 6, 30)).unwrap_or(year);
    Fig {
        figure: "Domestic abuse",
        unit: Unit::PercentChange,
        period: da_change,
        source: "Home Office",
        caveats: &["12 months to 30 June 2016 against 12 months to 31 March 2015"],
    }
    .add(&mut f, "Change in police-recorded domestic abuse", Some("+36"), Some("+23"));
    Fig { figure: "Domestic abuse", unit: Unit::Percent, period: year, source: "Home Office", caveats: &[] }.add(
        &mut f,
        "Domestic abuse as a share of police-recorded crime",
        Some("13"),
        Some("11"),
    );
    Fig {
        figure: "Figure 7",
        unit: Unit::PerHundredDomesticAbuseCrimes,
        period: year,
        source: HMIC_RETURN,
        caveats: &[
            "Derbyshire, Durham and Gloucestershire excluded from England and Wales",
            "arrests are not tracked to offences",
        ],
    }
    .add(&mut f, "Domestic abuse arrests per 100 domestic abuse crimes", Some("53"), None);
    Fig {
        figure: "MARAC",
        unit: Unit::Statement,
        period: Period::TwelveMonthsTo(d(2016, 3, 31)),
        source: HMIC_RETURN,
        caveats: &["per 10,000 female population"],
    }
    .add(&mut f, "MARAC referrals per 10,000 female population", Some("in line"), None);
    let fig8_caveats: &[&str] = &[
        "Dorset and Nottinghamshire excluded from England and Wales",
        "outcomes recorded in the period per domestic abuse offence recorded in the period; not tracked",
    ];
    let fig8 = Fig {
        figure: "Figure 8",
        unit: Unit::PerHundredDomesticAbuseCrimes,
        period: year,
        source: "HMIC data return, Home Office data",
        caveats: fig8_caveats,
    };
    for ((layout, w), ew) in FIGURE_8.iter().zip(FIGURE_8_WILTSHIRE).zip(FIGURE_8_ENGLAND_AND_WALES) {
        fig8.add(&mut f, layout.label, Some(w), Some(ew));
    }
    Fig {
        figure: "Figure 8",
        unit: Unit::Statement,
        period: year,
        source: "HMIC data return, Home Office data",
        caveats: fig8_caveats,
    }
    .add(&mut f, "Use of outcomes for domestic abuse flagged offences", Some("in line"), None);
    Fig {
        figure: "Serious and organised crime",
        unit: Unit::PerHundredOcgs,
        period: year,
        source: HMIC_RETURN,
        caveats: &[],
    }
    .add(&mut f, "GAIN referrals per 100 OCGs", Some("26.1"), Some("26.3"));
    let as_at = Period::AsAt(d(2016, 7, 1));
    Fig {
        figure: "Figure 9",
        unit: Unit::PerMillionPopulation,
        period: as_at,
        source: HMIC_RETURN,
        caveats: &[
            "City of London excluded from England and Wales",
            "Warwickshire and West Mercia: one combined total over their combined population",
            "active groups only",
        ],
    }
    .add(&mut f, "OCGs per one million population", Some("17"), Some("46"));
    Fig {
        figure: "Figure 10",
        unit: Unit::Statement,
        period: as_at,
        source: HMIC_RETURN,
        caveats: &["Humberside excluded from England and Wales", "may not sum to 100 due to rounding"],
    }
    .add(&mut f, "Most common predominant crime type of active OCGs", Some("Drug activity"), Some("Drug activity"));
    Fig {
        figure: "Serious and organised crime",
        unit: Unit::Count,
        period: year,
        source: "inspection fieldwork",
        caveats: &["all four offenders in prison"],
    }
    .add(&mut f, "Serious crime prevention orders obtained", Some("4"), None);
    Fig {
        figure: "Serious and organised crime",
        unit: Unit::Count,
        period: year,
        source: "inspection fieldwork",
        caveats: &[],
    }
    .add(&mut f, "OCG disruptions recorded", Some("0"), None);
    Fig {
        figure: "Reducing re-offending",
        unit: Unit::Percent,
        period: year,
        source: "force data",
        caveats: &["\"in line with\" England and Wales"],
    }
    .add(&mut f, "IOM offenders who do not re-offend", Some("48"), None);
    Fig {
        figure: "Reducing re-offending",
        unit: Unit::Count,
        period: Period::AsAt(d(2016, 9, 1)),
        source: "inspection fieldwork",
        caveats: &["at the time of the inspection"],
    }
    .add(&mut f, "Domestic abuse serial perpetrators in IOM cohorts", Some("34"), None);
    f
}

fn afi(text: &str) -> Finding {
    Finding::AreaForImprovement(text.to_owned())
}

/// The Wiltshire Police PEEL effectiveness 2016 report.
///
/// ```
/// use policing_peel::{wiltshire_2016, Change, Column, Grade, Judgement};
/// let r = wiltshire_2016();
/// assert_eq!(r.overall, Judgement::Graded(Grade::Good));
/// assert_eq!(r.question(5)?.judgement, Judgement::Ungraded);
/// assert_eq!(r.figure("Figure 9", "OCGs per one million population", Column::Force)?.printed, "17");
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
        figures: figures(),
    }
}
