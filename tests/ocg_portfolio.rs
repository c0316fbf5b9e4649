//! Asserts the figures and findings `examples/ocg_portfolio.rs` prints.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs,
    reason = "a test: a failure panics with its message"
)]

#[path = "../examples/portfolio/mod.rs"]
mod portfolio;

use chrono::NaiveDate;
use policing::ocg::{CheckKind, CheckPolicy, CrimeType};
use rust_decimal_macros::dec;

#[test]
fn figures_of_the_example_portfolio() {
    let p = portfolio::portfolio().unwrap();
    let as_at = portfolio::as_at().unwrap();
    assert_eq!(p.active_on(as_at).count(), 12);
    assert_eq!(p.per_million(as_at, portfolio::POPULATION).unwrap().rounded(0), dec!(17));
    let gain = p
        .gain_per_hundred(NaiveDate::from_ymd_opt(2015, 7, 1).unwrap(), NaiveDate::from_ymd_opt(2016, 6, 30).unwrap())
        .unwrap();
    assert_eq!((gain.numerator(), gain.denominator()), (dec!(6), dec!(15)));
    let shares = p.by_crime_type(as_at).unwrap();
    assert_eq!(shares.most_common(), vec![CrimeType::Drugs]);
    assert_eq!(shares.rounded_sum(0), dec!(98), "shares may not sum to 100 due to rounding");
}

#[test]
fn findings_of_the_example_portfolio() {
    let p = portfolio::portfolio().unwrap();
    let findings = p.check(portfolio::as_at().unwrap(), &CheckPolicy::default());
    let of = |k: CheckKind| {
        findings.iter().filter(|f| f.check == k).map(|f| f.ocg.clone().unwrap_or_default()).collect::<Vec<_>>()
    };
    assert_eq!(of(CheckKind::MappedPromptly), vec!["WP-OCG-06", "WP-OCG-06", "WP-OCG-10", "WP-OCG-10"]);
    assert_eq!(of(CheckKind::FourPPlan), vec!["WP-OCG-08", "WP-OCG-12"]);
    assert_eq!(of(CheckKind::BeyondPursue), vec!["WP-OCG-02", "WP-OCG-04", "WP-OCG-10"]);
    assert_eq!(of(CheckKind::LeadResponsibleOfficer), vec!["WP-OCG-12"]);
    assert_eq!(of(CheckKind::ReviewedMonthly), vec!["WP-OCG-03", "WP-OCG-08"]);
    assert_eq!(of(CheckKind::LifetimeManagement), vec!["WP-OCG-13", "WP-OCG-13"]);
    // "did not record any OCG disruptions in the year to June 2016".
    assert!(findings.iter().any(|f| f.check == CheckKind::DisruptionsRecorded && f.ocg.is_none()));
}
