//! Force profiles against plain readings of the raw files in `data/raw/`:
//! every offence group's count, rate and England and Wales rate for every force
//! and several quarters, anti-social behaviour per year, an outcome share,
//! crimes per officer and the severity score; and the web page.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, missing_docs)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use policing_crime::YearEnding;
use policing_forces::{Force, Households, Population};
use policing_profile::{html, Options, Profiles, Sources};
use rust_decimal::prelude::ToPrimitive;

#[path = "../../policing-stats/tests/stats/plain.rs"]
mod plain;

fn raw() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/raw")
}

/// The ONS table read plainly: (YYYY-MM, area, offence) -> count.
fn ons() -> BTreeMap<(String, String, String), i64> {
    let text = std::fs::read_to_string(raw().join("ons-rec-crime-pfa/rec-crime-pfa.csv")).unwrap();
    let mut out = BTreeMap::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let month = format!("{}-{}", &f[0][6..], &f[0][3..5]);
        out.insert((month, f[1].to_owned(), f[3].to_owned()), f[4].parse().unwrap());
    }
    out
}

/// An ONS offence name in snake case, as the issue names the measures.
fn snake(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_matches('_').to_owned()
}

fn sources() -> Sources {
    Sources::shipped().unwrap()
}

const NATIONAL: [&str; 4] = ["Action Fraud", "CIFAS", "UK Finance", "British Transport Police"];

#[test]
fn every_offence_group_for_every_force_and_quarter_against_the_raw_file() {
    let t = ons();
    let sources = sources();
    let population = Population::mid_2015();
    let households = Households::projections_2014();
    let mut checked = 0;
    for month in ["2012-12", "2015-03", "2016-06", "2018-03"] {
        let year: YearEnding = month.parse().unwrap();
        let profiles = Profiles::compute(&sources, year, &Options::default()).unwrap();
        // The offence rows of this quarter, and England and Wales's counts.
        let mut ew: BTreeMap<String, i64> = BTreeMap::new();
        for ((m, area, offence), n) in &t {
            if m == month && !NATIONAL.contains(&area.as_str()) {
                *ew.entry(offence.clone()).or_default() += n;
            }
        }
        for ((m, area, offence), n) in &t {
            if m != month || NATIONAL.contains(&area.as_str()) || offence == "Fraud offences" {
                continue;
            }
            let force: Force = area.parse().unwrap();
            let profile = profiles.of(force);
            let id = snake(offence);
            let row = profile.row(&id).unwrap_or_else(|| panic!("{month} {area}: no row {id}"));
            let Some(count) = row.count else {
                // A measure not comparable over the year (burglary across the April 2017 split) says why.
                assert!(
                    row.note.contains("not comparable") || row.note.contains("April 2017"),
                    "{month} {area} {offence}: {}",
                    row.note
                );
                continue;
            };
            assert_eq!(count.to_i64(), Some(*n), "{month} {area} {offence}");
            let per_households = offence == "Domestic burglary" || offence == "Residential burglary";
            let hh_year = if year.year() == 2016 { 2015 } else { year.year() };
            let denominator = |f: Force| -> Option<f64> {
                if per_households {
                    households.of(f, hh_year).ok().and_then(|h| h.to_f64())
                } else {
                    Some(population.of(f).unwrap().persons as f64)
                }
            };
            if force == Force::CityOfLondon {
                assert!(row.rate.is_none() && row.rank.is_none(), "{month} {offence}");
            } else if let Some(d) = denominator(force) {
                let want = *n as f64 * 1000.0 / d;
                let got = row.rate.unwrap().to_f64().unwrap();
                assert!((got - want).abs() <= 1e-9 * want.max(1.0), "{month} {area} {offence}: {got} {want}");
            }
            let ew_den: Option<f64> = Force::territorial().map(denominator).sum();
            if let (Some(d), Some(got)) = (ew_den, row.england_and_wales_rate) {
                let want = ew[offence] as f64 * 1000.0 / d;
                assert!((got.to_f64().unwrap() - want).abs() <= 1e-9 * want.max(1.0), "{month} E&W {offence}");
            }
            checked += 1;
        }
    }
    assert!(checked > 3_000, "{checked}");
}

#[test]
fn anti_social_behaviour_each_year_from_the_yearly_file() {
    let text =
        std::fs::read_to_string(raw().join("bbc-unsolved-crime/crime outcomes by category force year 2012-16.csv"))
            .unwrap();
    let mut asb: BTreeMap<(String, String), u64> = BTreeMap::new();
    for line in text.split('\r').skip(1).filter(|l| !l.is_empty()) {
        let f: Vec<&str> = line.split(',').collect();
        if f[2] == "Anti-social behaviour" {
            *asb.entry((f[3].to_owned(), f[0].to_owned())).or_default() += f[1].parse::<u64>().unwrap();
        }
    }
    let sources = sources();
    let profiles = Profiles::compute(&sources, "2016-12".parse().unwrap(), &Options::default()).unwrap();
    let population = Population::mid_2015();
    let mut checked = 0;
    for ((name, year), n) in &asb {
        let Ok(force) = name.parse::<Force>() else { continue };
        if !force.is_territorial() {
            continue;
        }
        let profile = profiles.of(force);
        let row = profile.rows.iter().find(|r| r.measure == "anti_social_behaviour" && r.period == *year).unwrap();
        assert_eq!(row.count.unwrap().to_u64(), Some(*n), "{name} {year}");
        if force != Force::CityOfLondon {
            let want = *n as f64 * 1000.0 / population.of(force).unwrap().persons as f64;
            assert!((row.rate.unwrap().to_f64().unwrap() - want).abs() < 1e-9 * want, "{name} {year}");
        }
        checked += 1;
    }
    assert_eq!(checked, 43 * 5);
    // Wiltshire, calendar 2015 on 2014: SOURCES.md says -11.1%.
    let w = profiles.of(Force::Wiltshire);
    let row = w.rows.iter().find(|r| r.measure == "anti_social_behaviour" && r.period == "2015").unwrap();
    assert_eq!(row.previous_year_change.unwrap().round_dp(1).to_string(), "-11.1");
}

#[test]
fn an_outcome_share_crimes_per_officer_and_the_severity_score() {
    let sources = sources();
    // The share of Wiltshire's 2016 crimes whose last outcome is "Investigation complete; no suspect identified".
    let text =
        std::fs::read_to_string(raw().join("bbc-unsolved-crime/crime outcomes by category force year 2012-16.csv"))
            .unwrap();
    let (mut crimes, mut none) = (0u64, 0u64);
    for line in text.split('\r').skip(1).filter(|l| !l.is_empty()) {
        let f: Vec<&str> = line.split(',').collect();
        if f[0] == "2016" && f[3] == "Wiltshire Police" && f[2] != "Anti-social behaviour" {
            let n: u64 = f[1].parse().unwrap();
            crimes += n;
            if f[4] == "Investigation complete; no suspect identified" {
                none += n;
            }
        }
    }
    let profiles = Profiles::compute(&sources, "2016-12".parse().unwrap(), &Options::default()).unwrap();
    let w = profiles.of(Force::Wiltshire);
    let row = w.row("outcome_18_investigation_complete_no_suspect_identified").unwrap();
    assert_eq!((row.count.unwrap().to_u64(), row.denominator.unwrap().to_u64()), (Some(none), Some(crimes)));
    let share = none as f64 * 100.0 / crimes as f64;
    assert!((row.rate.unwrap().to_f64().unwrap() - share).abs() < 1e-9);
    // A row the categories cannot settle is a range, not a rate.
    let charged = w.row("outcome_1_charged_summonsed").unwrap();
    assert!(charged.rate.is_none() && charged.range.is_some(), "{charged:?}");

    // Crimes per officer, the year to March 2016 against officers at March 2016.
    let officers = std::fs::read_to_string(raw().join("resistancelab/officer-fte/2016.csv")).unwrap();
    let wilts_officers: f64 =
        officers.lines().find(|l| l.starts_with("Wiltshire,")).unwrap().split(',').nth(2).unwrap().parse().unwrap();
    let t = ons();
    let crimes_2016: i64 = t
        .iter()
        .filter(|((m, a, o), _)| m == "2016-03" && a == "Wiltshire" && o != "Fraud offences")
        .map(|(_, n)| n)
        .sum();
    let p = Profiles::compute(&sources, "2016-03".parse().unwrap(), &Options::default()).unwrap();
    let row = p.of(Force::Wiltshire).row("crimes_per_officer").cloned().unwrap();
    assert!((row.rate.unwrap().to_f64().unwrap() - crimes_2016 as f64 / wilts_officers).abs() < 1e-9);
    assert!(row.caption.contains("March 2016"), "{}", row.caption);

    // The severity score for 2017/18: each code's count times its weight, summed, over the population.
    let mut weights: BTreeMap<String, f64> = BTreeMap::new();
    let mut r = csv::Reader::from_path(raw().join("mopd-severity/DEPRECATED-severity_codes.csv")).unwrap();
    for rec in r.records() {
        let rec = rec.unwrap();
        weights.insert(rec[3].to_owned(), rec[6].parse().unwrap());
    }
    let mut weighted = 0.0;
    let mut r = csv::Reader::from_path(raw().join("ho-offence-level-2017-18/prc-pfa-mar2013-onwards-tables201718.csv"))
        .unwrap();
    for rec in r.records() {
        let rec = rec.unwrap();
        if &rec[2] == "Wiltshire" && &rec[4] != "Fraud offences" {
            weighted += rec[7].trim().parse::<f64>().unwrap() * weights[&rec[6]];
        }
    }
    let want = weighted / Population::mid_2015().of(Force::Wiltshire).unwrap().persons as f64;
    let p = Profiles::compute(&sources, "2018-03".parse().unwrap(), &Options::default()).unwrap();
    let row = p.of(Force::Wiltshire).row("crime_severity_score").cloned().unwrap();
    assert!((row.rate.unwrap().to_f64().unwrap() - want).abs() < 1e-9 * want, "{:?} {want}", row.rate);
    assert!(row.caption.contains("December 2020"), "the weights' edition is said: {}", row.caption);
    // Not for a year the offence-code table does not hold.
    assert!(profiles.of(Force::Wiltshire).row("crime_severity_score").is_none());
}

#[test]
fn every_force_has_a_page_and_city_of_london_says_why_it_has_no_rates() {
    let sources = sources();
    let profiles = Profiles::compute(&sources, "2016-06".parse().unwrap(), &Options::default()).unwrap();
    for force in Force::territorial() {
        let p = profiles.of(force);
        let page = html::page(&p);
        assert!(page.starts_with("<!DOCTYPE html>") && page.trim_end().ends_with("</html>"), "{force}");
        assert!(
            !page.contains("<script") && !page.contains("http://")
                || page.contains("xmlns=\"http://www.w3.org/2000/svg\"")
        );
        assert!(!page.contains(" src=") && !page.contains("<link"), "{force}: self-contained");
        // Every spine chart parses as SVG.
        let mut rest = page.as_str();
        let mut charts = 0;
        while let Some(start) = rest.find("<svg") {
            let end = rest[start..].find("</svg>").unwrap() + start + 6;
            roxmltree::Document::parse(&rest[start..end]).unwrap_or_else(|e| panic!("{force}: {e}"));
            charts += 1;
            rest = &rest[end..];
        }
        assert!(charts >= p.rows.iter().filter(|r| r.spine.is_some()).count(), "{force}");
        if force == Force::CityOfLondon {
            assert!(page.contains("has no PEEL population denominator"), "City says so");
            let row = p.row("recorded_crime_excl_fraud").unwrap();
            assert!(row.rate.is_none() && row.count.is_some());
            assert!(page.contains(&row.count.unwrap().to_string()), "its counts are shown");
        }
    }
    let all: Vec<_> = Force::territorial().map(|f| profiles.of(f)).collect();
    let index = html::index(&all, &|p| format!("{}.html", p.force.slug()));
    assert_eq!(index.matches("<a href=").count(), 43);
    // A comparison group's pooled value is said on each row.
    let grouped = Profiles::compute(
        &sources,
        "2016-06".parse().unwrap(),
        &Options::default().compare_with(vec![Force::Dorset, Force::Gloucestershire]),
    )
    .unwrap();
    assert!(grouped.of(Force::Wiltshire).row("robbery").unwrap().note.contains("comparison group"));
}

/// Ranks, bands, spine and funnel significance of one measure the profile
/// computes itself (anti-social behaviour, 2015), each from the raw file by the
/// plain rules: competition ranks, tails of floor((n + 2) / 4) (the banding
/// rule stated in `policing_stats::banding`), type-7 quartiles, and the plain
/// overdispersion-adjusted funnel (square-root scale, 10% winsorised).
#[test]
fn ranks_bands_spine_and_significance_against_plain_rules() {
    let text =
        std::fs::read_to_string(raw().join("bbc-unsolved-crime/crime outcomes by category force year 2012-16.csv"))
            .unwrap();
    let mut counts: BTreeMap<Force, f64> = BTreeMap::new();
    for line in text.split('\r').skip(1).filter(|l| !l.is_empty()) {
        let f: Vec<&str> = line.split(',').collect();
        if f[0] == "2015" && f[2] == "Anti-social behaviour" {
            if let Ok(force) = f[3].parse::<Force>() {
                if force.is_territorial() && force != Force::CityOfLondon {
                    *counts.entry(force).or_default() += f[1].parse::<f64>().unwrap();
                }
            }
        }
    }
    assert_eq!(counts.len(), 42);
    let population = Population::mid_2015();
    let units: Vec<(Force, f64, f64)> =
        counts.iter().map(|(f, n)| (*f, *n, population.of(*f).unwrap().persons as f64)).collect();
    let rates: Vec<f64> = units.iter().map(|(_, n, d)| n * 1000.0 / d).collect();
    let n = rates.len();
    let tail = (n + 2) / 4;
    let funnel = plain::plain("sqrt", &units.iter().map(|(_, c, d)| (*c, *d)).collect::<Vec<_>>(), 0.1);

    let profiles = Profiles::compute(&sources(), "2016-12".parse().unwrap(), &Options::default()).unwrap();
    let mut notable = 0;
    for (i, (force, _, _)) in units.iter().enumerate() {
        let p = profiles.of(*force);
        let row = p.rows.iter().find(|r| r.measure == "anti_social_behaviour" && r.period == "2015").unwrap();
        let higher = rates.iter().filter(|r| **r > rates[i]).count();
        let lower = rates.iter().filter(|r| **r < rates[i]).count();
        assert_eq!((row.rank, row.of), (Some(higher + 1), n), "{force}");
        let want = if higher < tail && lower >= tail {
            "one of the highest"
        } else if lower < tail && higher >= tail {
            "one of the lowest"
        } else {
            "broadly in line"
        };
        assert_eq!(row.band.unwrap().words(), want, "{force}");
        let label = row.significance.unwrap().label();
        assert_eq!(label, funnel.labels[i], "{force}");
        notable += usize::from(label != "Not significant");
    }
    assert!(funnel.phi > 100.0, "forces vary far more than chance: phi {}", funnel.phi);
    eprintln!("anti-social behaviour 2015: phi {:.1}, {notable} of {n} forces outside the adjusted limits", funnel.phi);

    // The spine: lowest, type-7 quartiles, highest, and England and Wales (all 43 forces' counts
    // over all 43 forces' populations; City of London's count is in the numerator).
    let mut sorted = rates.clone();
    sorted.sort_by(f64::total_cmp);
    let q = |p: f64| {
        let h = (n - 1) as f64 * p;
        let lo = h.floor() as usize;
        sorted[lo] + (h - h.floor()) * (sorted[lo + 1] - sorted[lo])
    };
    let spine = profiles
        .of(Force::Wiltshire)
        .rows
        .iter()
        .find(|r| r.measure == "anti_social_behaviour" && r.period == "2015")
        .unwrap()
        .spine
        .unwrap();
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * b.abs().max(1.0);
    assert!(close(spine.lowest, sorted[0]) && close(spine.highest, sorted[n - 1]));
    assert!(close(spine.lower_quartile, q(0.25)) && close(spine.upper_quartile, q(0.75)), "{spine:?}");
    let city: f64 = text
        .split('\r')
        .filter(|l| l.starts_with("2015,") && l.contains(",Anti-social behaviour,City of London Police,"))
        .map(|l| l.split(',').nth(1).unwrap().parse::<f64>().unwrap())
        .sum();
    let ew_count: f64 = counts.values().sum::<f64>() + city;
    let ew = ew_count * 1000.0 / population.england_and_wales() as f64;
    assert!(close(spine.england_and_wales, ew), "{} {ew}", spine.england_and_wales);
}
