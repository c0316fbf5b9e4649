//! Force profiles against plain readings of the raw files in `data/raw/` (and
//! the derived tables that tests elsewhere derive again from them): every
//! offence group's count, rate and England and Wales rate for every force and
//! several quarters over the population of the stated year and edition; each
//! section's period by the rule; anti-social behaviour; outcome shares, data
//! gaps and the charge rate's ranges; crimes per officer; the severity score;
//! ranks, bands, spine and significance by plain rules; changes; comparison
//! groups; the all-forces table; and the page.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs,
    reason = "a test: a failure panics with its message"
)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use policing_crime::YearEnding;
use policing_forces::{Force, Households, PopulationEdition};
use policing_profile::html::{self, Stamp};
use policing_profile::{Options, Profiles, Section, Sources};
use policing_stats::change::Change;
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

/// The section 11 populations read plainly (the derived table, itself derived
/// again from the ONS workbook by policing-forces' tests): (force, mid-year) -> persons.
fn populations() -> BTreeMap<(Force, i32), f64> {
    let text = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../policing-forces/data/population-mid2011-2023.csv"),
    )
    .unwrap();
    let mut lines = text.lines().filter(|l| !l.starts_with('#'));
    let header: Vec<i32> = lines.next().unwrap().split(',').skip(2).map(|y| y.parse().unwrap()).collect();
    let mut out = BTreeMap::new();
    for line in lines {
        let f: Vec<&str> = line.split(',').collect();
        let force: Force = f[1].parse().unwrap();
        for (y, v) in header.iter().zip(&f[2..]) {
            out.insert((force, *y), v.parse().unwrap());
        }
    }
    out
}

/// The mid-year the rule asks for: 12 months to March or June of Y, mid-(Y-1); September or December, mid-Y.
fn population_year(year: YearEnding) -> i32 {
    let (y, m) = (year.end().format("%Y").to_string().parse::<i32>().unwrap(), year.end().format("%m").to_string());
    if m == "09" || m == "12" {
        y
    } else {
        y - 1
    }
}

/// data.police.uk's yearly counts read plainly: (year, force, crime type, outcome) -> n.
fn yearly() -> Vec<(String, String, String, String, u64)> {
    let text =
        std::fs::read_to_string(raw().join("bbc-unsolved-crime/crime outcomes by category force year 2012-16.csv"))
            .unwrap();
    text.split('\r')
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[0].to_owned(), f[3].to_owned(), f[2].to_owned(), f[4].to_owned(), f[1].parse().unwrap())
        })
        .collect()
}

/// An ONS offence name in snake case, as the profile names the measures.
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

fn year(text: &str) -> YearEnding {
    text.parse().unwrap()
}

const NATIONAL: [&str; 4] = ["Action Fraud", "CIFAS", "UK Finance", "British Transport Police"];

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

#[test]
fn every_offence_group_for_every_force_and_quarter_against_the_raw_file() {
    let t = ons();
    let sources = sources();
    let population = populations();
    let households = Households::projections_2014();
    let mut checked = 0;
    for month in ["2012-12", "2015-03", "2016-06", "2017-09", "2018-03"] {
        let period = year(month);
        let mid = population_year(period);
        let profiles = Profiles::compute(&sources, period, &Options::default()).unwrap();
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
            assert_eq!(row.period, Some(period), "{month} {id}: recorded crime is for the profile's period");
            let Some(count) = row.count else {
                assert!(
                    row.notes.iter().chain(&row.about).any(|n| n.contains("not comparable")),
                    "{month} {area} {offence}"
                );
                continue;
            };
            assert_eq!(count.to_i64(), Some(*n), "{month} {area} {offence}");
            let per_households = offence == "Domestic burglary" || offence == "Residential burglary";
            let denominator = |f: Force| -> Option<f64> {
                if per_households {
                    households.of(f, mid).ok().and_then(|h| h.to_f64())
                } else {
                    population.get(&(f, mid.clamp(2011, 2023))).copied()
                }
            };
            let stated = row.denominator_of.as_ref().unwrap();
            assert_eq!(stated.year, Some(mid), "{month} {id}: the denominator's year is stated");
            if !per_households {
                assert_eq!(stated.edition, "ONS mid-year estimates, July 2024 edition");
            }
            if force == Force::CityOfLondon {
                assert!(row.rate.is_none() && row.rank.is_none(), "{month} {offence}");
            } else if let Some(d) = denominator(force) {
                assert_eq!(row.denominator.and_then(|x| x.to_f64()), Some(d), "{month} {area} {offence}");
                let want = *n as f64 * 1000.0 / d;
                let got = row.rate.unwrap().to_f64().unwrap();
                assert!(close(got, want), "{month} {area} {offence}: {got} {want}");
            }
            let ew_den: Option<f64> = Force::territorial().map(denominator).sum();
            if let (Some(d), Some(got)) = (ew_den, row.england_and_wales_rate) {
                let want = ew[offence] as f64 * 1000.0 / d;
                assert!(close(got.to_f64().unwrap(), want), "{month} E&W {offence}");
            }
            checked += 1;
        }
    }
    assert!(checked > 3_900, "{checked}");
}

/// The 2016 reports' denominators on request: the original mid-2015 estimates.
#[test]
fn the_original_mid_2015_populations_on_request() {
    let options = Options::default().populations(PopulationEdition::Original2016);
    let profiles = Profiles::compute(&sources(), year("2016-06"), &options).unwrap();
    let row = profiles.of(Force::Wiltshire).row("recorded_crime_excl_fraud").cloned().unwrap();
    assert_eq!(row.denominator.unwrap().to_u64(), Some(703_253));
    // 38,612 crimes over the original 703,253: the 54.9 of the table.
    assert_eq!(row.rate.unwrap().round_dp(1).to_string(), "54.9");
    let latest = Profiles::compute(&sources(), year("2016-06"), &Options::default()).unwrap();
    let row = latest.of(Force::Wiltshire).row("recorded_crime_excl_fraud").cloned().unwrap();
    assert_eq!(row.denominator.unwrap().to_u64(), Some(710_182));
}

/// Each section's period follows the rule, and a section with nothing held for
/// the period is a row that says so: never dropped.
#[test]
fn each_section_states_its_own_period_or_that_it_is_not_held() {
    let sources = sources();
    let held_calendar = 2012..=2016;
    for month in ["2012-06", "2013-03", "2015-03", "2016-06", "2016-12", "2017-09", "2018-03"] {
        let period = year(month);
        let profiles = Profiles::compute(&sources, period, &Options::default()).unwrap();
        let p = profiles.of(Force::Dorset);
        let end_year: i32 = month[..4].parse().unwrap();
        let december = &month[5..] == "12";
        let calendar = if december { end_year } else { end_year - 1 };
        for section in [
            Section::RecordedCrime,
            Section::AntiSocialBehaviour,
            Section::Outcomes,
            Section::Resources,
            Section::Severity,
        ] {
            let rows: Vec<_> = p.rows.iter().filter(|r| r.section == section).collect();
            assert!(!rows.is_empty(), "{month}: the {section} section is there");
            let stated = p.sections.iter().find(|s| s.section == section).unwrap();
            let want: Option<YearEnding> = match section {
                Section::RecordedCrime => Some(period),
                Section::AntiSocialBehaviour | Section::Outcomes => {
                    held_calendar.contains(&calendar).then(|| YearEnding::from_month(calendar, 12).unwrap())
                }
                // Officers are held at every 31 March 2007-2023, the ONS table from 2003: the year to March of
                // the period's end.
                Section::Resources => Some(YearEnding::from_month(end_year, 3).unwrap()),
                // The offence-code table holds the year to March 2018 only.
                _ => (period.end() >= year("2018-03").end()).then(|| year("2018-03")),
            };
            assert_eq!(stated.period, want, "{month} {section}");
            match want {
                Some(w) => assert!(rows.iter().all(|r| r.period == Some(w)), "{month} {section}"),
                None => {
                    assert_eq!(rows.len(), 1, "{month} {section}: one row says why");
                    assert!(rows[0].notes[0].starts_with("not held for this period: "), "{:?}", rows[0].notes);
                    assert!(stated.not_held.is_some());
                }
            }
        }
    }
}

#[test]
fn anti_social_behaviour_against_the_yearly_file() {
    let rows = yearly();
    let population = populations();
    let sources = sources();
    for (month, calendar) in [("2016-12", "2016"), ("2016-06", "2015")] {
        let profiles = Profiles::compute(&sources, year(month), &Options::default()).unwrap();
        let y: i32 = calendar.parse().unwrap();
        let mut checked = 0;
        for force in Force::territorial() {
            let n: u64 = rows
                .iter()
                .filter(|r| {
                    r.0 == calendar && r.2 == "Anti-social behaviour" && r.1.parse::<Force>().ok() == Some(force)
                })
                .map(|r| r.4)
                .sum();
            let before: u64 = rows
                .iter()
                .filter(|r| {
                    r.0 == (y - 1).to_string()
                        && r.2 == "Anti-social behaviour"
                        && r.1.parse::<Force>().ok() == Some(force)
                })
                .map(|r| r.4)
                .sum();
            let p = profiles.of(force);
            let row = p.row("anti_social_behaviour").unwrap();
            assert_eq!(row.count.unwrap().to_u64(), Some(n), "{force} {calendar}");
            assert_eq!(row.denominator_of.as_ref().unwrap().year, Some(y), "calendar {calendar}: mid-{y}");
            if force != Force::CityOfLondon {
                let want = n as f64 * 1000.0 / population[&(force, y)];
                assert!(close(row.rate.unwrap().to_f64().unwrap(), want), "{force} {calendar}");
            }
            assert_eq!(row.previous_year_change, Some(Change::between(before, n)), "{force}");
            checked += 1;
        }
        assert_eq!(checked, 43);
    }
    // Wiltshire, calendar 2015 on 2014: SOURCES.md says -11.1%.
    let profiles = Profiles::compute(&sources, year("2016-06"), &Options::default()).unwrap();
    let w = profiles.of(Force::Wiltshire);
    let row = w.row("anti_social_behaviour").unwrap();
    assert_eq!(row.previous_year_change.unwrap().percent().unwrap().round_dp(1).to_string(), "-11.1");
    // The five years 2011-2015 are not all held: no trend, and why.
    assert!(row.trend_words().contains("calendar year 2011"), "{}", row.trend_words());
}

/// Shares of last outcomes, the data-gap rule and the charge rate's ranges.
#[test]
fn outcome_shares_gaps_and_the_charge_rate() {
    let rows = yearly();
    let sources = sources();
    let profiles = Profiles::compute(&sources, year("2016-12"), &Options::default()).unwrap();
    // The share of Wiltshire's 2016 crimes whose last outcome is "Investigation complete; no suspect identified".
    let crimes_of = |force: &str, y: &str| -> u64 {
        rows.iter().filter(|r| r.0 == y && r.1 == force && r.2 != "Anti-social behaviour").map(|r| r.4).sum()
    };
    let of = |force: &str, y: &str, outcome: &str| -> u64 {
        rows.iter()
            .filter(|r| r.0 == y && r.1 == force && r.2 != "Anti-social behaviour" && r.3 == outcome)
            .map(|r| r.4)
            .sum()
    };
    let w = profiles.of(Force::Wiltshire);
    let row = w.row("outcome_18_investigation_complete_no_suspect_identified").unwrap();
    let (none, crimes) = (
        of("Wiltshire Police", "2016", "Investigation complete; no suspect identified"),
        crimes_of("Wiltshire Police", "2016"),
    );
    assert_eq!((row.count.unwrap().to_u64(), row.denominator.unwrap().to_u64()), (Some(none), Some(crimes)));
    assert!(close(row.rate.unwrap().to_f64().unwrap(), none as f64 * 100.0 / crimes as f64));

    // The gap rule, plainly: "Under investigation" a robust outlier, or a category the median force gives
    // 5% of its crimes under 0.5% of the force's.
    let forces: Vec<(String, Force)> = Force::territorial().map(|f| (f.name().to_owned(), f)).collect();
    let names = |f: Force| rows.iter().find(|r| r.1.parse::<Force>().ok() == Some(f)).map(|r| r.1.clone()).unwrap();
    let categories: std::collections::BTreeSet<String> =
        rows.iter().filter(|r| r.0 == "2016" && r.2 != "Anti-social behaviour").map(|r| r.3.clone()).collect();
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        let n = v.len();
        if n % 2 == 1 {
            v[n / 2]
        } else {
            (v[n / 2 - 1] + v[n / 2]) / 2.0
        }
    };
    let mut gaps = std::collections::BTreeSet::new();
    for c in &categories {
        let share = |f: Force| of(&names(f), "2016", c) as f64 * 100.0 / crimes_of(&names(f), "2016") as f64;
        let shares: Vec<f64> = forces.iter().map(|(_, f)| share(*f)).collect();
        let m = median(shares.clone());
        let mad = median(shares.iter().map(|s| (s - m).abs()).collect());
        for (_, f) in &forces {
            let s = share(*f);
            if (c == "Under investigation" && mad > 0.0 && 0.6745 * (s - m) / mad > 3.5) || (m >= 5.0 && s < 0.5) {
                gaps.insert(*f);
            }
        }
    }
    assert!(gaps.contains(&Force::Metropolitan) && gaps.contains(&Force::AvonAndSomerset), "{gaps:?}");
    let row_of =
        |f: Force| profiles.of(f).row("outcome_18_investigation_complete_no_suspect_identified").cloned().unwrap();
    for f in Force::territorial() {
        let r = row_of(f);
        if gaps.contains(&f) {
            assert!(r.rank.is_none() && r.significance.is_none(), "{f}: a gap is not ranked");
            assert!(r.notes.iter().any(|n| n.starts_with("incomplete outcomes:")), "{f}: {:?}", r.notes);
        } else if f != Force::CityOfLondon {
            assert!(r.rank.is_some(), "{f}");
        }
    }
    // England and Wales pools the forces without a gap.
    let pooled: Vec<Force> = Force::territorial().filter(|f| !gaps.contains(f)).collect();
    let num: u64 = pooled.iter().map(|f| of(&names(*f), "2016", "Investigation complete; no suspect identified")).sum();
    let den: u64 = pooled.iter().map(|f| crimes_of(&names(*f), "2016")).sum();
    assert!(close(row.england_and_wales_rate.unwrap().to_f64().unwrap(), num as f64 * 100.0 / den as f64));
    assert_eq!(row.of, pooled.len() - usize::from(pooled.contains(&Force::CityOfLondon)));

    // The charge rate: a range, with a range of ranks and England and Wales's range; never a blank.
    let charged = w.row("outcome_1_charged_summonsed").unwrap();
    let (lo, hi) = charged.range.expect("a range");
    assert!(lo < hi && charged.rate.is_none());
    let rank = charged.rank.expect("a rank range");
    assert!(rank.best < rank.worst, "{rank:?}");
    let (elo, ehi) = charged.england_and_wales_range.expect("England and Wales's range");
    assert!(elo < ehi);
    let reading = w.reading_table().unwrap();
    let line: Vec<String> = {
        let at = w.rows.iter().position(|r| r.measure == "outcome_1_charged_summonsed").unwrap();
        reading.rows()[at].iter().map(|c| format!("{c:?}")).collect()
    };
    assert!(line.iter().any(|c| c.contains(&format!("{}–{} of {}", rank.best, rank.worst, charged.of))), "{line:?}");
}

#[test]
fn crimes_per_officer_and_the_severity_score() {
    let sources = sources();
    // Crimes per officer, the year to March 2016 against officers at 31 March 2016 (the workforce table).
    let officers = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../policing-data/data/officers-2007-2023.csv"),
    )
    .unwrap();
    let wilts: f64 = officers
        .lines()
        .find(|l| l.contains(",Wiltshire Police,2016,"))
        .unwrap()
        .rsplit(',')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let t = ons();
    let crimes: i64 = t
        .iter()
        .filter(|((m, a, o), _)| m == "2016-03" && a == "Wiltshire" && o != "Fraud offences")
        .map(|(_, n)| n)
        .sum();
    let p = Profiles::compute(&sources, year("2016-06"), &Options::default()).unwrap();
    let row = p.of(Force::Wiltshire).row("crimes_per_officer").cloned().unwrap();
    assert_eq!(row.period, Some(year("2016-03")));
    assert!(close(row.rate.unwrap().to_f64().unwrap(), crimes as f64 / wilts));
    assert_eq!(row.denominator_of.as_ref().unwrap().year, Some(2016));

    // The severity score for 2017/18: each code's count times its weight, summed, over the mid-2017 population.
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
    let want = weighted / populations()[&(Force::Wiltshire, 2017)];
    let p = Profiles::compute(&sources, year("2018-03"), &Options::default()).unwrap();
    let row = p.of(Force::Wiltshire).row("crime_severity_score").cloned().unwrap();
    assert!(close(row.rate.unwrap().to_f64().unwrap(), want), "{:?} {want}", row.rate);
    assert!(row.about.iter().any(|a| a.contains("December 2020")), "the weights' edition is said: {:?}", row.about);
    assert!(
        row.count.is_none() && row.notes.iter().any(|n| n.starts_with("weighted offences")),
        "a score is not a count"
    );
}

#[test]
fn every_force_has_a_page_and_city_of_london_says_why_it_has_no_rates() {
    let sources = sources();
    let profiles = Profiles::compute(&sources, year("2016-06"), &Options::default()).unwrap();
    let stamp = Stamp::new("2026-12-06", "0.1.0");
    for force in Force::territorial() {
        let p = profiles.of(force);
        let page = html::page(&p, &stamp);
        assert!(page.starts_with("<!DOCTYPE html>") && page.trim_end().ends_with("</html>"), "{force}");
        assert!(
            !page.contains("<script") && !page.contains(" src=") && !page.contains("<link"),
            "{force}: self-contained"
        );
        assert!(page.contains("Made on 2026-12-06 by policing 0.1.0"), "{force}: dated and versioned");
        assert!(page.contains("@page{size:A4 landscape") && page.contains("thead{display:table-header-group}"));
        // Every chart parses as SVG.
        let mut rest = page.as_str();
        let mut charts = 0;
        while let Some(start) = rest.find("<svg") {
            let end = rest[start..].find("</svg>").unwrap() + start + 6;
            roxmltree::Document::parse(&rest[start..end]).unwrap_or_else(|e| panic!("{force}: {e}"));
            charts += 1;
            rest = &rest[end..];
        }
        assert!(charts >= p.rows.iter().filter(|r| r.spine.is_some()).count(), "{force}");
        // Each section's period in its heading; every note said once.
        assert!(page.contains("Recorded crime — 12 months to 30 June 2016"), "{force}");
        assert!(page.contains("Outcomes — calendar year 2015"), "{force}");
        for note in page.split("<ol class=\"notes\"").skip(1) {
            let items: Vec<&str> = note.split("</ol>").next().unwrap().split("<li>").skip(1).collect();
            let mut seen = std::collections::BTreeSet::new();
            for i in items {
                assert!(seen.insert(i), "{force}: a note said twice: {i}");
            }
        }
        if force == Force::CityOfLondon {
            assert!(page.contains("City of London is not ranked"), "City says so");
            let row = p.row("recorded_crime_excl_fraud").unwrap();
            assert!(row.rate.is_none() && row.count.is_some());
            assert!(page.contains(&row.count.unwrap().to_string()), "its counts are shown");
        }
    }
    let all = profiles.all();
    let index = html::index(&all, &|p| format!("{}.html", p.force.slug()), &stamp);
    assert_eq!(index.matches("<a href=").count(), 43);
    assert!(index.contains("How to read these pages") && index.contains("Open Government Licence"));
}

/// A comparison group's pooled value and the force's rank in it, by plain sums.
#[test]
fn comparison_groups_region_and_named_forces() {
    let sources = sources();
    let t = ons();
    let population = populations();
    let profiles = Profiles::compute(&sources, year("2016-06"), &Options::default().compare_with_region()).unwrap();
    let w = profiles.of(Force::Wiltshire);
    assert!(w.group.as_ref().unwrap().starts_with("South West region"), "{:?}", w.group);
    let region: Vec<Force> = Force::territorial().filter(|f| f.region() == Force::Wiltshire.region()).collect();
    let rate = |f: Force| -> (f64, f64) {
        let n: i64 = t
            .iter()
            .filter(|((m, a, o), _)| m == "2016-06" && a.parse::<Force>().ok() == Some(f) && o == "Robbery")
            .map(|(_, n)| n)
            .sum();
        (n as f64, population[&(f, 2015)])
    };
    let (num, den) = region.iter().map(|f| rate(*f)).fold((0.0, 0.0), |(a, b), (c, d)| (a + c, b + d));
    let row = w.row("robbery").unwrap();
    let g = row.group.as_ref().unwrap();
    assert!(close(g.value.unwrap().to_f64().unwrap(), num * 1000.0 / den));
    let mine = rate(Force::Wiltshire);
    let higher = region.iter().filter(|f| {
        let (n, d) = rate(**f);
        n / d > mine.0 / mine.1
    });
    assert_eq!(g.rank.unwrap().best, higher.count() + 1);
    assert_eq!(g.of, region.len());
    // Named forces, British Transport Police left out and said so.
    let named = Profiles::compute(
        &sources,
        year("2016-06"),
        &Options::default().compare_with(vec![Force::Dorset, Force::BritishTransportPolice]),
    )
    .unwrap();
    let w = named.of(Force::Wiltshire);
    assert_eq!(w.row("robbery").unwrap().group.as_ref().unwrap().of, 2);
    assert!(w.notes.iter().any(|n| n.contains("British Transport Police") && n.contains("left out")), "{:?}", w.notes);
}

/// Ranks, bands, spine and funnel significance of one measure the profile
/// computes itself (anti-social behaviour, 2015), each from the raw file by the
/// plain rules: competition ranks, tails of floor((n + 2) / 4), type-7
/// quartiles, and the plain overdispersion-adjusted funnel (square-root scale,
/// 10% winsorised).
#[test]
fn ranks_bands_spine_and_significance_against_plain_rules() {
    let rows = yearly();
    let population = populations();
    let mut counts: BTreeMap<Force, f64> = BTreeMap::new();
    let mut city = 0.0;
    for r in rows.iter().filter(|r| r.0 == "2015" && r.2 == "Anti-social behaviour") {
        if let Ok(force) = r.1.parse::<Force>() {
            if force == Force::CityOfLondon {
                city += r.4 as f64;
            } else if force.is_territorial() {
                *counts.entry(force).or_default() += r.4 as f64;
            }
        }
    }
    assert_eq!(counts.len(), 42);
    let units: Vec<(Force, f64, f64)> = counts.iter().map(|(f, n)| (*f, *n, population[&(*f, 2015)])).collect();
    let rates: Vec<f64> = units.iter().map(|(_, n, d)| n * 1000.0 / d).collect();
    let n = rates.len();
    let tail = (n + 2) / 4;
    let funnel = plain::plain("sqrt", &units.iter().map(|(_, c, d)| (*c, *d)).collect::<Vec<_>>(), 0.1);
    let profiles = Profiles::compute(&sources(), year("2016-06"), &Options::default()).unwrap();
    for (i, (force, _, _)) in units.iter().enumerate() {
        let p = profiles.of(*force);
        let row = p.row("anti_social_behaviour").unwrap();
        let higher = rates.iter().filter(|r| **r > rates[i]).count();
        let lower = rates.iter().filter(|r| **r < rates[i]).count();
        assert_eq!((row.rank.map(|r| r.best), row.of), (Some(higher + 1), n), "{force}");
        let want = if higher < tail && lower >= tail {
            "one of the highest"
        } else if lower < tail && higher >= tail {
            "one of the lowest"
        } else {
            "broadly in line"
        };
        assert_eq!(row.band.unwrap().words(), want, "{force}");
        assert_eq!(row.significance.unwrap().label(), funnel.labels[i], "{force}");
    }
    let mut sorted = rates.clone();
    sorted.sort_by(f64::total_cmp);
    let q = |p: f64| {
        let h = (n - 1) as f64 * p;
        let lo = h.floor() as usize;
        sorted[lo] + (h - h.floor()) * (sorted[lo + 1] - sorted[lo])
    };
    let spine = profiles.of(Force::Wiltshire).row("anti_social_behaviour").unwrap().spine.unwrap();
    assert!(close(spine.lowest, sorted[0]) && close(spine.highest, sorted[n - 1]));
    assert!(close(spine.lower_quartile, q(0.25)) && close(spine.upper_quartile, q(0.75)), "{spine:?}");
    let ew_count: f64 = counts.values().sum::<f64>() + city;
    let ew_pop: f64 = Force::territorial().map(|f| population[&(f, 2015)]).sum();
    assert!(close(spine.england_and_wales, ew_count * 1000.0 / ew_pop), "{}", spine.england_and_wales);
}

/// The profile's changes are the crime table's: the same counts, the same
/// section 9 label; small counts never a bare percentage; a break says so.
#[test]
fn changes_are_the_crime_tables_and_never_bare_when_small() {
    let sources = sources();
    let period = year("2016-06");
    let profiles = Profiles::compute(&sources, period, &Options::default()).unwrap();
    let d = policing_crime::Denominators::latest();
    let table = sources.crime.measure(policing_crime::Measure::RecordedCrimeExclFraud, period, &d).unwrap();
    let mut flagged = 0;
    for force in Force::territorial() {
        let p = profiles.of(force);
        let row = p.row("recorded_crime_excl_fraud").unwrap();
        let t = table.row(force).unwrap();
        assert_eq!(row.previous_year_change.as_ref(), t.previous_year_change.as_ref().ok(), "{force}");
        assert_eq!(row.change_against_england_and_wales, t.change_against_england_and_wales, "{force}");
        if row.rank.is_some() {
            assert_eq!(row.trend, t.trend, "{force}");
        }
        flagged += usize::from(row.change_against_england_and_wales.is_some_and(|s| {
            matches!(s, policing_stats::Significance::High001 | policing_stats::Significance::Low001)
        }));
    }
    // statistics.md section 9: 5 forces at 99.8% with the allowance; Wiltshire in line.
    assert_eq!(flagged, 5);
    let w = profiles.of(Force::Wiltshire);
    assert_eq!(
        w.row("recorded_crime_excl_fraud").unwrap().change_against_england_and_wales,
        Some(policing_stats::Significance::NotSignificant)
    );
    // Stalking and harassment across April 2015: not comparable, with the break's source.
    let s = w.row("stalking_and_harassment").unwrap();
    assert!(s.previous_year_change.is_none() && s.five_year_change.is_none());
    assert!(
        s.notes.iter().any(|n| n.contains("not comparable") && n.contains("April 2015") && n.contains("source")),
        "{:?}",
        s.notes
    );
    // No change with fewer than 10 events is a percentage, in the library or the table.
    let all = profiles.all();
    let table = policing_profile::table(&all).unwrap();
    let col = |name: &str| table.columns().iter().position(|c| c.name == name).unwrap();
    let (pc, fc) = (col("previous_year_change"), col("five_year_change"));
    let mut small = 0;
    for (p, r) in all.iter().flat_map(|p| p.rows.iter().map(move |r| (p, r))) {
        let i = all.iter().take_while(|q| q.force != p.force).map(|q| q.rows.len()).sum::<usize>()
            + p.rows.iter().position(|x| std::ptr::eq(x, r)).unwrap();
        for (c, at) in [(&r.previous_year_change, pc), (&r.five_year_change, fc)] {
            if let Some(c @ (Change::TooFewEvents { .. } | Change::NoEarlierEvents { .. })) = c {
                small += 1;
                assert!(c.percent().is_none());
                assert_eq!(table.rows()[i][at], policing_table::Cell::Empty, "{} {}", p.force, r.measure);
            }
        }
    }
    assert!(small > 10, "{small}");
}

/// The all-forces dataset: 43 forces, every cell of its column's kind.
#[test]
fn all_forces_as_one_table() {
    let profiles = Profiles::compute(&sources(), year("2016-06"), &Options::default()).unwrap();
    let all = profiles.all();
    let table = policing_profile::table(&all).unwrap();
    let forces: std::collections::BTreeSet<String> = table
        .rows()
        .iter()
        .map(|r| match &r[0] {
            policing_table::Cell::Text(t) => t.clone(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(forces.len(), 43);
    assert_eq!(table.rows().len(), all.iter().map(|p| p.rows.len()).sum::<usize>());
    table.check_names().unwrap();
    assert_eq!(table.columns().len(), policing_profile::COLUMNS.len());
}
