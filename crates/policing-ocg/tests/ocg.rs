//! Integration tests of `policing-ocg`: bands, records, checks, figures and properties.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs,
    reason = "a test: a failure panics with its message"
)]

use chrono::{Duration, NaiveDate};
use policing_ocg::morile::{Confidence, Harm, MorileInput, MorileModel};
use policing_ocg::*;
use proptest::prelude::*;
use rust_decimal_macros::dec;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn bands_parse_and_order() {
    for (text, tier, grade) in
        [("1a", 1, 'A'), ("1A", 1, 'A'), ("Band 2C", 2, 'C'), ("band 3 b", 3, 'B'), (" 2b ", 2, 'B')]
    {
        let b: Band = text.parse().unwrap();
        assert_eq!((b.tier(), b.grade()), (Some(tier), Some(grade)), "{text}");
    }
    assert_eq!("U".parse::<Band>().unwrap(), Band::Unscored);
    assert_eq!("unscored".parse::<Band>().unwrap(), Band::Unscored);
    for bad in ["4A", "1D", "0A", "A1", "", "Band", "11A"] {
        let err = bad.parse::<Band>().unwrap_err();
        assert!(err.to_string().contains(&format!("{bad:?}")), "{err}");
    }
    let bands = BandScheme::default().bands();
    assert_eq!(bands.len(), 10);
    let printed: Vec<String> = bands.iter().map(ToString::to_string).collect();
    assert_eq!(printed, ["1A", "1B", "1C", "2A", "2B", "2C", "3A", "3B", "3C", "U"]);
    let mut sorted = bands.clone();
    sorted.reverse();
    sorted.sort();
    assert_eq!(sorted, bands);
    // A force with a 4 x 4 list.
    let wide = BandScheme::new(4, 4).unwrap();
    assert_eq!(wide.parse("4D").unwrap().to_string(), "4D");
    assert!(BandScheme::new(0, 3).is_err());
}

#[test]
fn records_validate_dates() {
    let mut g = Ocg::new("X1", d(2016, 2, 1), CrimeType::Drugs).unwrap();
    assert!(matches!(g.score(d(2016, 1, 31), 10, Band::Unscored), Err(OcgError::BeforeIdentification { .. })));
    g.score(d(2016, 3, 1), 10, "3C".parse().unwrap()).unwrap();
    assert!(matches!(g.score(d(2016, 2, 28), 10, Band::Unscored), Err(OcgError::ScoreOutOfOrder { .. })));
    let err = g.archive(d(2016, 1, 1)).unwrap_err();
    assert!(err.to_string().contains("2016-01-01") && err.to_string().contains("X1"), "{err}");
    g.archive(d(2016, 6, 1)).unwrap();
    assert!(matches!(g.archive(d(2016, 6, 2)), Err(OcgError::AlreadyArchived { .. })));
    assert!(Ocg::new(" ", d(2016, 1, 1), CrimeType::Drugs).is_err());
    assert!(ActivityTier::from_number(5).is_err());
    assert_eq!(ActivityTier::from_number(3).unwrap().number(), 3);
    assert_eq!("drug activity".parse::<CrimeType>().unwrap(), CrimeType::Drugs);
    assert_eq!("prevent".parse::<Pillar>().unwrap(), Pillar::Prevent);
    let mut p = Portfolio::new();
    p.add(Ocg::new("A", d(2016, 1, 1), CrimeType::Drugs).unwrap()).unwrap();
    assert!(p.add(Ocg::new("A", d(2016, 1, 1), CrimeType::Fraud).unwrap()).is_err());
}

fn well_kept(reference: &str, identified: NaiveDate, as_at: NaiveDate) -> Ocg {
    let mut g = Ocg::new(reference, identified, CrimeType::Drugs).unwrap();
    let mut on = identified + Duration::days(7);
    while on <= as_at {
        g.score(on, 100, "2B".parse().unwrap()).unwrap();
        on += Duration::days(60);
    }
    let mut r = identified;
    while r <= as_at {
        g.review(r).unwrap();
        r += Duration::days(25);
    }
    g.assign_lead("DS Lee").unwrap();
    let mut plan = FourPPlan::new();
    plan.add(Pillar::Pursue, "arrests", "DS Lee", identified).unwrap();
    plan.add(Pillar::Protect, "safeguarding", "PC Ash", identified).unwrap();
    g.set_plan(plan);
    g.disrupt(Disruption {
        on: as_at - Duration::days(30),
        tier: ActivityTier::Limited,
        impact: Impact::Moderate,
        pillar: Pillar::Pursue,
    })
    .unwrap();
    g
}

#[test]
fn a_well_kept_group_has_no_findings() {
    let as_at = d(2016, 7, 1);
    let mut p = Portfolio::new();
    p.add(well_kept("G", d(2015, 1, 5), as_at)).unwrap();
    assert_eq!(p.check(as_at, &CheckPolicy::default()), vec![]);
}

#[test]
fn each_check_finds_its_failure() {
    let as_at = d(2016, 7, 1);
    let base = well_kept("G", d(2015, 1, 5), as_at);
    let kinds = |g: Ocg| {
        let mut p = Portfolio::new();
        p.add(g).unwrap();
        let mut k: Vec<CheckKind> = p.check(as_at, &CheckPolicy::default()).into_iter().map(|f| f.check).collect();
        k.dedup();
        k
    };
    // Late mapping, and police activity before mapping.
    let mut late = Ocg::new("L", d(2016, 1, 4), CrimeType::Drugs).unwrap();
    late.police_activity(d(2016, 1, 10)).unwrap();
    late.score(d(2016, 3, 1), 1, "1A".parse().unwrap()).unwrap();
    assert!(kinds(late).contains(&CheckKind::MappedPromptly));
    // Pursue-only plan.
    let mut pursue = base.clone();
    let mut plan = FourPPlan::new();
    plan.add(Pillar::Pursue, "arrests", "DS Lee", d(2016, 1, 1)).unwrap();
    pursue.set_plan(plan);
    assert_eq!(kinds(pursue), vec![CheckKind::BeyondPursue]);
    // Offender in prison with no release date, even after archiving.
    let mut archived = base.clone();
    archived
        .add_offender(OrderedOffender {
            reference: "O1".into(),
            order_made: d(2016, 1, 1),
            in_prison: true,
            release_on: None,
            release_plan: false,
        })
        .unwrap();
    archived.archive(d(2016, 5, 1)).unwrap();
    assert_eq!(kinds(archived), vec![CheckKind::LifetimeManagement]);
}

#[test]
fn figures() {
    let as_at = d(2016, 7, 1);
    let mut p = Portfolio::new();
    for i in 0..12 {
        let mut g =
            Ocg::new(format!("A{i}"), d(2015, 1, 1), if i < 7 { CrimeType::Drugs } else { CrimeType::Fraud }).unwrap();
        if i < 3 {
            g.gain_referral(d(2016, 1, 1)).unwrap();
        }
        p.add(g).unwrap();
    }
    for i in 0..11 {
        let mut g = Ocg::new(format!("Z{i}"), d(2015, 1, 1), CrimeType::Cyber).unwrap();
        if i < 3 {
            g.gain_referral(d(2015, 8, 1)).unwrap();
        }
        g.archive(d(2016, 2, 1)).unwrap();
        p.add(g).unwrap();
    }
    // Active only: 12 over Wiltshire's population is 17 per million.
    assert_eq!(p.per_million(as_at, 703_253).unwrap().rounded(0), dec!(17));
    // 6 referrals over 23 groups active in the year: 26.1 per 100.
    assert_eq!(p.gain_per_hundred(d(2015, 7, 1), d(2016, 6, 30)).unwrap().rounded(1), dec!(26.1));
    let shares = p.by_crime_type(as_at).unwrap();
    assert_eq!(shares.most_common(), vec![CrimeType::Drugs]);
    assert_eq!(shares.rows()[0].1.percent_rounded(1), dec!(58.3));
    assert_eq!(shares.rounded_sum(0), dec!(100));
    assert!(Portfolio::new().by_crime_type(as_at).is_err());
    assert!(p.per_million(as_at, 0).is_err());
}

#[test]
fn morile_model() {
    let m = MorileModel::default();
    let input = MorileInput {
        harm: Harm { physical: 5, psychological: 5, financial: 5, community: 5, geographic_scope: 5 },
        likelihood: 5,
        organisational_position: 4,
        confidence: Confidence::Low,
    };
    let s = m.score(&input).unwrap();
    assert_eq!((s.total_harm, s.risk, s.priority, s.confidence), (25, 125, 145, Confidence::Low));
    let too_high = MorileInput { likelihood: 6, ..input };
    assert_eq!(m.score(&too_high).unwrap_err(), OcgError::ScoreOutOfRange { what: "likelihood", value: 6, max: 5 });
}

fn portfolio_strategy() -> impl Strategy<Value = (Vec<(i64, Option<i64>)>, i64)> {
    (prop::collection::vec((0i64..900, prop::option::of(0i64..900)), 0..40), 0i64..1000)
}

fn build(groups: &[(i64, Option<i64>)]) -> Portfolio {
    let base = d(2014, 1, 1);
    let mut p = Portfolio::new();
    for (i, (ident, archive)) in groups.iter().enumerate() {
        let mut g = Ocg::new(format!("G{i}"), base + Duration::days(*ident), CrimeType::Drugs).unwrap();
        if let Some(a) = archive {
            g.archive(base + Duration::days(ident + a)).unwrap();
        }
        p.add(g).unwrap();
    }
    p
}

proptest! {
    #[test]
    fn archiving_never_increases_the_active_count(groups in portfolio_strategy(), which in 0usize..40, after in 0i64..900) {
        let (groups, day) = groups;
        let as_at = d(2014, 1, 1) + Duration::days(day);
        let before = build(&groups);
        let n = before.active_on(as_at).count();
        let mut p = before.clone();
        if let Some(g) = p.get_mut(&format!("G{}", which % groups.len().max(1))) {
            let on = g.identified_on() + Duration::days(after);
            let _ = g.archive(on);
        }
        prop_assert!(p.active_on(as_at).count() <= n);
    }

    #[test]
    fn per_million_scales_with_population(groups in portfolio_strategy(), pop in 1u64..10_000_000, k in 1u64..50) {
        let (groups, day) = groups;
        let as_at = d(2014, 1, 1) + Duration::days(day);
        let p = build(&groups);
        let r1 = p.per_million(as_at, pop).unwrap().value();
        let rk = p.per_million(as_at, pop * k).unwrap().value();
        let diff = (r1 - rk * rust_decimal::Decimal::from(k)).abs();
        prop_assert!(diff < dec!(0.000000001), "{} vs {} x {}", r1, rk, k);
    }

    #[test]
    fn band_order_is_total_and_agrees_with_parsing(a in 1u8..=3, g in 0u8..3, b in 1u8..=3, h in 0u8..3) {
        let x: Band = format!("{a}{}", char::from(b'A' + g)).parse().unwrap();
        let y: Band = format!("Band {b}{}", char::from(b'a' + h)).parse().unwrap();
        prop_assert_eq!(x.cmp(&y), (a, g).cmp(&(b, h)));
        prop_assert_eq!(x.to_string().parse::<Band>().unwrap(), x);
        prop_assert!(x < Band::Unscored);
    }
}

#[cfg(feature = "serde")]
#[test]
fn portfolios_round_trip() {
    let mut p = Portfolio::new();
    p.add(well_kept("G", d(2015, 1, 5), d(2016, 7, 1))).unwrap();
    let json = serde_json::to_string(&p).unwrap();
    assert_eq!(serde_json::from_str::<Portfolio>(&json).unwrap(), p);
    assert!(serde_json::from_str::<Band>("\"9Z\"").is_ok());
    assert!(serde_json::from_str::<Band>("\"Z9\"").is_err());
}
