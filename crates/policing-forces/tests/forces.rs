//! Integration tests of `policing-forces`: every force and spelling, the
//! population derivation against the ONS files in `data/raw/`, periods.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs,
    reason = "a test: a failure panics with its message"
)]

use std::collections::BTreeSet;
use std::path::PathBuf;

use chrono::NaiveDate;
use policing_forces::*;
use proptest::prelude::*;
use rust_decimal::Decimal;

fn raw() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/raw")
}

#[test]
fn forty_three_territorial_forces_and_btp() {
    assert_eq!(Force::territorial().count(), 43);
    assert_eq!(Force::ALL.len(), 44);
    assert!(!Force::BritishTransportPolice.in_peel_scope());
    assert_eq!(Force::territorial().filter(|f| f.country() == Some(Country::Wales)).count(), 4);
    let codes: BTreeSet<_> = Force::territorial().map(|f| f.ons_code().unwrap()).collect();
    assert_eq!(codes.len(), 43);
    let slugs: BTreeSet<_> = Force::ALL.iter().map(|f| f.slug()).collect();
    assert_eq!(slugs.len(), 44);
}

#[test]
fn every_spelling_in_the_real_files_parses() {
    // data.police.uk slugs and labels (datahub), Home Office workforce table rows,
    // ONS lookup names, and the street files' "Reported by"/"Falls within".
    let datahub = std::fs::read_to_string(raw().join("datahub-crime-uk/forces.csv")).unwrap();
    let mut n = 0;
    for line in datahub.lines().skip(1) {
        let mut f = line.split(',');
        let (slug, label) = (f.next().unwrap(), f.next().unwrap());
        let by_slug: Force = slug.parse().unwrap();
        let by_label: Force = label.parse().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(by_slug, by_label, "{line}");
        assert_eq!(by_slug.slug(), slug);
        n += 1;
    }
    assert_eq!(n, 44);
    let workforce = std::fs::read_to_string(raw().join("resistancelab/officer-fte/2016.csv")).unwrap();
    let regions = [
        "North East",
        "North West",
        "Yorkshire and the Humber",
        "East Midlands",
        "Eastern",
        "London",
        "South East",
        "South West",
        "Wales",
    ];
    let mut forces = BTreeSet::new();
    for line in workforce.lines().skip(1) {
        let name = line.split(',').next().unwrap();
        if regions.contains(&name) || name.starts_with("Total") || name == "Central Service Secondments" {
            continue;
        }
        // "West Midlands" is both a region and a force: it names the force here.
        forces.insert(name.parse::<Force>().unwrap_or_else(|e| panic!("{e}")));
    }
    assert_eq!(forces.len(), 44);
    for name in [
        "Avon and Somerset Constabulary",
        "Bedfordshire Police",
        "City of London Police",
        "Devon & Cornwall Police",
        "Metropolitan Police Service",
        "London, City of",
        "Dyfed Powys Police",
        "Humberside Constabulary",
        "Avon & Somerset",
        "Metropolitan",
        "btp",
    ] {
        assert!(name.parse::<Force>().is_ok(), "{name}");
    }
    for bad in ["Police Scotland", "Police", "", "Northern Ireland"] {
        let err = bad.parse::<Force>().unwrap_err();
        assert!(matches!(&err, ForceError::UnknownForce { text, suggestion: None } if text == bad), "{err:?}");
    }
    // Near misses get a suggestion.
    for (typo, meant) in [
        ("wiltshrie", "Wiltshire Police"),
        ("Glocestershire", "Gloucestershire Constabulary"),
        ("north-yorks", "North Yorkshire Police"),
        ("Dyfed Powis", "Dyfed-Powys Police"),
        ("Wessex Constabulary", "Essex Police"),
    ] {
        let err = typo.parse::<Force>().unwrap_err();
        assert!(matches!(&err, ForceError::UnknownForce { suggestion: Some(s), .. } if *s == meant), "{typo}: {err:?}");
        assert!(err.to_string().contains(&format!("did you mean {meant}?")), "{err}");
    }
}

#[test]
fn embedded_populations_match_a_fresh_derivation() {
    let p = Population::mid_2015();
    assert_eq!(p.areas().len(), 43);
    assert_eq!(p.england_and_wales(), 57_885_413);
    let w = p.of(Force::Wiltshire).unwrap();
    assert_eq!((w.persons, w.males, w.females), (703_253, 348_492, 354_761));
    let males: u64 = p.areas().iter().map(|a| a.males).sum();
    let females: u64 = p.areas().iter().map(|a| a.females).sum();
    assert_eq!((males, females), (28_554_847, 29_330_566));
    assert!(p.areas().iter().all(|a| a.males + a.females == a.persons));
    assert_eq!(p.of(Force::CityOfLondon).unwrap().persons, 8_760);
    assert!(p.peel_denominator(Force::CityOfLondon).is_err());
    assert!(p.of(Force::BritishTransportPolice).is_err());
}

#[test]
fn households_by_force_area() {
    let h = Households::projections_2014();
    assert_eq!(h.areas().len(), 43);
    // Swindon + Wiltshire, 2015 (data/raw/SOURCES.md section 6).
    assert_eq!(h.of(Force::Wiltshire, 2015).unwrap(), Decimal::from(295_888));
    // Welsh projections are fractional and start in 2011.
    assert!(h.of(Force::DyfedPowys, 2015).unwrap().fract() != Decimal::ZERO);
    for f in [Force::NorthWales, Force::Gwent, Force::SouthWales, Force::DyfedPowys] {
        assert!(matches!(h.of(f, 2010), Err(ForceError::InputNotAvailable { .. })), "{f}");
        assert!(h.of(f, 2011).is_ok());
    }
    assert!(h.of(Force::Kent, 1991).is_ok() && h.of(Force::Kent, 2039).is_ok());
    assert!(h.of(Force::Kent, 1990).is_err() && h.of(Force::Kent, 2040).is_err());
    assert!(h.of(Force::BritishTransportPolice, 2015).is_err());
    let total: Decimal = h.areas().iter().map(|a| a.by_year[&2015]).sum();
    assert_eq!(h.england_and_wales(2015).unwrap(), total);
    assert!(h.england_and_wales(2010).is_err());
}

#[cfg(feature = "ons")]
#[test]
fn derivation_from_the_ons_files() {
    let estimates = raw().join("brexitageweighted/MYE2_population_by_sex_and_age_for_local_authorities_UK.xls");
    let lookup = raw().join(
        "resistancelab/Local_Authority_District_to_Community_Safety_Partnerships_to_Police_Force_Areas__December_2016__Lookup_in_England_and_Wales.csv",
    );
    // All 348 districts assigned exactly once.
    let districts = policing_forces::derive::read_lookup(&lookup).unwrap();
    assert_eq!(districts.len(), 348);
    let areas: BTreeSet<Force> = districts.values().copied().collect();
    assert_eq!(areas.len(), 43);
    let derived = policing_forces::derive::derive(&estimates, &lookup).unwrap();
    assert_eq!(derived, Population::mid_2015().areas());
    // A missing file is an error naming it.
    let err = policing_forces::derive::derive(&raw().join("nope.xls"), &lookup).unwrap_err();
    assert!(err.to_string().contains("nope.xls"), "{err}");
}

/// The July 2024 edition, mid-2011 to mid-2023, derived again from `data/raw/`
/// is the series embedded in the crate; SOURCES.md's checks hold (England and
/// Wales mid-2015 57,881,415; Wiltshire 710,182 against the original 703,253;
/// City of London 7,668 against 8,760).
#[cfg(feature = "ons")]
#[test]
fn the_revised_series_derives_from_the_ons_files() {
    let dir = raw().join("ecom185-ons-mye-2023");
    let lookup = dir.join("Local_Authority_District_to_CSPs_to_Police_Force_Areas_(December__2023)_Lookup_.csv");
    let districts = policing_forces::derive::read_lookup(&lookup).unwrap();
    assert_eq!(districts.len(), 318, "the 318 districts of April 2023, seven of them on more than one row");
    let series =
        policing_forces::derive::derive_series(&dir.join("LAD23_Mid_Year_pop_2011_to_2023.xlsx"), &lookup).unwrap();
    let embedded = std::fs::read_to_string(
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/population-mid2011-2023.csv"),
    )
    .unwrap();
    assert_eq!(policing_forces::series_csv(&series), embedded);
    let revised = policing_forces::PopulationSeries::of_edition(policing_forces::PopulationEdition::Revised2024);
    assert_eq!(revised.england_and_wales(2015).unwrap(), 57_881_415);
    assert_eq!(revised.persons(Force::Wiltshire, 2015).unwrap(), 710_182);
    assert_eq!(revised.persons(Force::CityOfLondon, 2015).unwrap(), 7_668);
    assert_eq!(Population::mid_2015().of(Force::Wiltshire).unwrap().persons, 703_253);
}

#[test]
fn periods() {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    let p = Period::TwelveMonthsTo(d(2016, 6, 30));
    assert_eq!(p.start(), d(2015, 7, 1));
    assert_eq!(p.days(), 366);
    assert_eq!(p.previous().unwrap(), Period::TwelveMonthsTo(d(2015, 6, 30)));
    assert_eq!(Period::quarter(2016, 1).unwrap().previous().unwrap(), Period::Quarter { year: 2015, quarter: 4 });
    assert!(Period::quarter(2016, 5).is_err());
    assert_eq!(Period::FinancialYear(2015).to_string(), "2015/16");
    assert_eq!("year ending 31 March 2016".parse::<Period>().unwrap().start(), d(2015, 4, 1));
    assert!("last summer".parse::<Period>().is_err());
    assert!(Period::range(d(2016, 1, 2), d(2016, 1, 1)).is_err());
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    (1990i32..2040, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

fn any_period() -> impl Strategy<Value = Period> {
    prop_oneof![
        any_date().prop_map(Period::TwelveMonthsTo),
        any_date().prop_map(Period::AsAt),
        (1990i32..2040, 1u8..=4).prop_map(|(y, q)| Period::quarter(y, q).unwrap()),
        (1990i32..2040).prop_map(Period::FinancialYear),
        (any_date(), 0i64..800).prop_map(|(s, n)| Period::range(s, s + chrono::Duration::days(n)).unwrap()),
    ]
}

proptest! {
    #[test]
    fn previous_periods_abut_or_repeat(p in any_period()) {
        let prev = p.previous().unwrap();
        match p {
            Period::AsAt(_) => prop_assert_eq!(prev.start(), p.start().checked_sub_months(chrono::Months::new(12)).unwrap()),
            Period::Range { .. } | Period::Quarter { .. } | Period::FinancialYear(_) => {
                prop_assert_eq!(prev.end() + chrono::Duration::days(1), p.start());
            }
            _ => prop_assert!(prev.end() < p.start()),
        }
        if matches!(p, Period::Range { .. }) {
            prop_assert_eq!(prev.days(), p.days());
        }
        prop_assert!(p.start() <= p.end());
        prop_assert!(p.contains(p.start()) && p.contains(p.end()));
    }

    #[test]
    fn periods_round_trip_through_text(p in any_period()) {
        let text = p.to_string();
        prop_assert_eq!(text.parse::<Period>().unwrap(), p, "{}", text);
    }

    #[test]
    fn force_names_round_trip(i in 0usize..44, upper in any::<bool>()) {
        let f = Force::ALL[i];
        for text in [f.name().to_owned(), f.slug().to_owned(), f.ons_name().to_owned()] {
            let text = if upper { text.to_uppercase() } else { text };
            prop_assert_eq!(text.parse::<Force>().unwrap(), f);
        }
        if let Some(code) = f.ons_code() {
            prop_assert_eq!(code.parse::<Force>().unwrap(), f);
        }
    }
}

#[cfg(feature = "serde")]
#[test]
fn serde() {
    let json = serde_json::to_string(&Force::DevonAndCornwall).unwrap();
    assert_eq!(json, "\"Devon & Cornwall Police\"");
    assert_eq!(serde_json::from_str::<Force>("\"devon-and-cornwall\"").unwrap(), Force::DevonAndCornwall);
    assert!(serde_json::from_str::<Force>("\"Police Scotland\"").is_err());
    let p: Period = "12 months to 30 June 2016".parse().unwrap();
    assert_eq!(serde_json::from_str::<Period>(&serde_json::to_string(&p).unwrap()).unwrap(), p);
}
