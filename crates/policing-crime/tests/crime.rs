//! Integration tests of `policing-crime`: measures over a made-up table for
//! every force, properties of changes and rates, missing rows and the burglary change.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs,
    reason = "a test: a failure panics with its message"
)]

use policing_crime::*;
use policing_forces::Force;
use proptest::prelude::*;
use rust_decimal::Decimal;

fn y(text: &str) -> YearEnding {
    text.parse().unwrap()
}

/// Every territorial force with the same counts for every offence but fraud, in two years.
fn table(now: i64, then: i64) -> RecordedCrime {
    let mut c = RecordedCrime::new();
    for force in Force::territorial() {
        for offence in Offence::ALL.into_iter().filter(|o| !o.is_burglary() || *o == Offence::DomesticBurglary) {
            c.insert(y("2016-06"), force, offence, now).unwrap();
            c.insert(y("2015-06"), force, offence, then).unwrap();
        }
    }
    c
}

proptest! {
    /// With the population fixed (one year's denominators for both years), the
    /// percent change in the count and the change in the rate agree in sign.
    #[test]
    fn count_change_and_rate_change_agree_in_sign(now in 0i64..100_000, then in 1i64..100_000, force in 0usize..43) {
        let c = table(now, then);
        let d = Denominators::peel().with_rule(DenominatorYear::Fixed(2015));
        let force = Force::territorial().nth(force).unwrap();
        for unit in [Unit::Force(force), Unit::EnglandAndWales] {
            for m in [Measure::RecordedCrimeExclFraud, Measure::VictimBasedCrime, Measure::Offence(Offence::SexualOffences)] {
                let (_, _, rate_now) = c.rate(unit, m, y("2016-06"), &d);
                let (_, _, rate_then) = c.rate(unit, m, y("2015-06"), &d);
                let change = c.change(unit, m, y("2016-06"), 1).unwrap();
                match (rate_now, rate_then, change.percent()) {
                    (Ok(a), Ok(b), Some(p)) => prop_assert_eq!(p.cmp(&Decimal::ZERO), a.cmp(&b), "{} {:?}", unit, m),
                    (Ok(_), Ok(_), None) => prop_assert!(
                        matches!(change, policing_stats::change::Change::TooFewEvents { .. } | policing_stats::change::Change::NoEarlierEvents { .. }),
                        "{:?}", change
                    ),
                    _ => prop_assert_eq!(unit, Unit::Force(Force::CityOfLondon)),
                }
            }
        }
    }

    /// Ranks follow rates: a force with a higher rate never has a worse (larger) rank.
    #[test]
    fn ranks_follow_rates(counts in proptest::collection::vec(0i64..5_000, 43)) {
        let mut c = RecordedCrime::new();
        for (force, n) in Force::territorial().zip(&counts) {
            c.insert(y("2016-06"), force, Offence::Robbery, *n).unwrap();
        }
        let t = c.measure(Measure::Offence(Offence::Robbery), y("2016-06"), &Denominators::peel()).unwrap();
        for a in &t.forces {
            for b in &t.forces {
                if let (Ok(ra), Ok(rb), Some(ka), Some(kb)) = (&a.rate, &b.rate, a.rank, b.rank) {
                    if ra > rb { prop_assert!(ka < kb); }
                    if ra == rb { prop_assert_eq!(ka, kb); }
                }
            }
        }
        prop_assert_eq!(t.ranked, 42);
    }
}

#[test]
fn a_missing_row_is_not_a_zero() {
    let mut c = table(100, 90);
    // Dorset lacks a robbery row that every other force has, in a year of its own.
    for force in Force::territorial() {
        if force != Force::Dorset {
            c.insert(y("2016-09"), force, Offence::Robbery, 5).unwrap();
        }
    }
    c.insert(y("2016-09"), Force::Dorset, Offence::Shoplifting, 5).unwrap();
    let e = c.count(Force::Dorset, y("2016-09"), &[Offence::Robbery, Offence::Shoplifting]).unwrap_err();
    assert!(e.reason.contains("Dorset Police's Robbery row is missing"), "{e}");
    // England and Wales cannot be summed without it.
    let ew = c.measure_count(Unit::EnglandAndWales, Measure::Offence(Offence::Robbery), y("2016-09")).unwrap_err();
    assert!(ew.reason.contains("England and Wales"), "{ew}");
    // An offence no force has that quarter is not part of it: fraud after 2013 adds nothing.
    assert_eq!(c.count(Force::Kent, y("2016-09"), &[Offence::Robbery, Offence::FraudOffences]), Ok(5));
    assert!(c.count(Force::Kent, y("2016-09"), &[Offence::FraudOffences]).is_err());
    assert!(c.measure(Measure::VictimBasedCrime, y("2030-06"), &Denominators::peel()).is_err());
}

#[test]
fn every_force_in_one_table_with_england_and_wales() {
    let c = table(1_000, 800);
    let t = c.measure(Measure::RecordedCrimeExclFraud, y("2016-06"), &Denominators::peel()).unwrap();
    assert_eq!(t.forces.len(), 43);
    // 18 offence rows without fraud and the three other burglary rows, 1,000 each.
    let per_force = 1_000 * 18;
    assert_eq!(t.row(Force::Kent).unwrap().count, Ok(per_force));
    assert_eq!(t.england_and_wales.count, Ok(per_force * 43));
    assert_eq!(t.england_and_wales.previous_year_change.as_ref().unwrap().percent(), Some(Decimal::from(25)));
    assert_eq!(t.rises.rises, 43);
    let city = t.row(Force::CityOfLondon).unwrap();
    assert!(city.count.is_ok() && city.rate.is_err() && city.rank.is_none() && city.band.is_none());
    assert!(city.notes().iter().any(|n| n.contains("PEEL denominator")));
    assert!(t.notes.iter().any(|n| n.contains("British Transport Police")));
    // Five years earlier is not in this table: said, not guessed.
    assert!(t.row(Force::Kent).unwrap().five_year_change.as_ref().unwrap_err().reason.contains("30 June 2011"));
    // The smallest populations have the highest rates; bands follow the tails.
    let highest: Vec<Force> = t
        .forces
        .iter()
        .filter(|r| r.band == Some(policing_stats::Band::OneOfTheHighest))
        .map(|r| match r.unit {
            Unit::Force(f) => f,
            Unit::EnglandAndWales => unreachable!(),
        })
        .collect();
    assert_eq!(highest.len(), 11);
    assert!(highest.contains(&Force::DyfedPowys) && !highest.contains(&Force::Metropolitan));
}

#[test]
fn the_figure_1_trend_has_21_quarters() {
    let mut c = RecordedCrime::new();
    let mut q = y("2011-06");
    for i in 0..21 {
        c.insert(q, Force::Wiltshire, Offence::Robbery, 100 + i).unwrap();
        q = q.next_quarter().unwrap();
    }
    let trend = c.rolling_rates(
        Unit::Force(Force::Wiltshire),
        Measure::Offence(Offence::Robbery),
        y("2016-06"),
        21,
        &Denominators::peel(),
    );
    assert_eq!(trend.len(), 21);
    assert_eq!(trend[0].0, y("2011-06"));
    assert_eq!(trend[20].0, y("2016-06"));
    assert!(trend.iter().all(|(_, r)| r.is_ok()));
    assert!(trend[20].1.as_ref().unwrap() > trend[0].1.as_ref().unwrap());
}
