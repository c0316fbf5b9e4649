//! The table readers added for force profiles, on the real files in
//! `data/raw/`, against plain readings written here and the figures
//! `data/raw/SOURCES.md` states: the data.police.uk yearly counts (CR-only line
//! ends, anti-social behaviour), the Home Office table by offence code and its
//! reconciliation with the ONS table, and the crime severity weights.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs,
    reason = "a test: a failure panics with its message"
)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use policing_crime::CrimeCategory;
use policing_data::offence_codes::{read_offence_codes, read_severity_weights, CodeArea};
use policing_data::recorded_crime::read_pfa_table;
use policing_data::yearly::read_yearly_counts;
use policing_forces::Force;
use policing_outcomes::{Category, OutcomeText};
use rust_decimal::Decimal;

fn raw() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/raw")
}

fn yearly_path() -> PathBuf {
    raw().join("bbc-unsolved-crime/crime outcomes by category force year 2012-16.csv")
}

/// The yearly file read plainly: split on carriage returns and commas (it has no quotes).
fn plain_yearly() -> Vec<(u16, u64, String, String, String)> {
    let text = std::fs::read_to_string(yearly_path()).unwrap();
    assert!(!text.contains('\n') && !text.contains('"'), "CR-only, unquoted");
    text.split('\r')
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            assert_eq!(f.len(), 5, "{l}");
            (f[0].parse().unwrap(), f[1].parse().unwrap(), f[2].to_owned(), f[3].to_owned(), f[4].to_owned())
        })
        .collect()
}

#[test]
fn yearly_counts_every_row_and_anti_social_behaviour_as_sources_md_states() {
    let y = read_yearly_counts(&yearly_path()).unwrap();
    let s = &y.summary;
    let plain = plain_yearly();
    assert_eq!(s.rows, plain.len() as u64);
    assert_eq!(s.rows, 47_577, "SOURCES.md: 47,577 data rows");
    assert!(s.adds_up(), "{s}");
    assert_eq!(s.rejected(), 0, "{:?}", s.rejections);
    let psni = plain.iter().filter(|r| r.3 == "Police Service of Northern Ireland").count() as u64;
    assert_eq!(s.set_apart.values().sum::<u64>(), psni);
    assert!(y.quirks.iter().any(|q| q.contains("carriage return")), "{:?}", y.quirks);
    assert!(y.quirks.iter().any(|q| q.contains("f0_")));
    // SOURCES.md: Wiltshire Police anti-social behaviour 2012-2016.
    let wilts: Vec<Option<u64>> = (2012..=2016).map(|yr| y.anti_social_behaviour(Force::Wiltshire, yr)).collect();
    assert_eq!(wilts, [Some(24_697), Some(23_309), Some(21_171), Some(18_826), Some(16_588)]);
    // Every force and year against the plain sums.
    let mut names: BTreeMap<String, Option<Force>> = BTreeMap::new();
    for r in &plain {
        names.entry(r.3.clone()).or_insert_with(|| r.3.parse::<Force>().ok());
    }
    for force in Force::ALL {
        for year in 2012..=2016u16 {
            let rows = plain.iter().filter(|r| r.0 == year && names[&r.3] == Some(*force));
            let (mut asb, mut crimes, mut charged) = (None, None, 0u64);
            for r in rows {
                if r.2 == "Anti-social behaviour" {
                    *asb.get_or_insert(0) += r.1;
                } else {
                    *crimes.get_or_insert(0) += r.1;
                    if r.4 == "Offender sent to prison" {
                        charged += r.1;
                    }
                }
            }
            assert_eq!(y.anti_social_behaviour(*force, year), asb, "{force} {year}");
            assert_eq!(y.crimes(*force, year), crimes, "{force} {year}");
            let outcomes = y.outcomes(*force, year);
            assert_eq!(outcomes.get(&OutcomeText::Category(Category::Imprisoned)).copied().unwrap_or(0), charged);
        }
    }
    // The early years' crime types are categories of their time.
    assert!(y.counts.keys().any(|k| k.2 == CrimeCategory::ViolentCrime));
    // England and Wales, calendar 2015 on 2014 (SOURCES.md: about -7.9% for the 43 forces).
    let total = |yr| Force::territorial().map(|f| y.anti_social_behaviour(f, yr).unwrap()).sum::<u64>() as f64;
    let change = (total(2015) / total(2014) - 1.0) * 100.0;
    assert!((change - -7.9).abs() < 0.05, "{change}");
}

#[test]
fn lone_carriage_returns_and_mixed_line_ends_count_lines() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("y.csv");
    let body = "Year,f0_,crime_type,reported_by,last_outcome_category\r2016,5,Burglary,Kent Police,\r\n2016,x,Burglary,Kent Police,\n2016,2,Robbery,Nowhere Police,\r2016,1,Robbery,Kent Police,\r";
    std::fs::write(&p, body).unwrap();
    let y = read_yearly_counts(&p).unwrap();
    let s = &y.summary;
    assert_eq!((s.rows, s.taken, s.rejected()), (4, 2, 2), "{s}");
    let lines: Vec<u64> = s.rejections.iter().map(|r| r.line).collect();
    assert_eq!(lines, [3, 4], "{:?}", s.rejections);
    // A row given twice is rejected naming both lines, whether or not the counts differ.
    std::fs::write(&p, "Year,f0_,crime_type,reported_by,last_outcome_category\n2016,5,Burglary,Kent Police,\n2016,6,Burglary,Kent Police,\n").unwrap();
    let y = read_yearly_counts(&p).unwrap();
    assert!(
        y.summary.rejections[0].reason.contains("line 2") && y.summary.rejections[0].reason.contains("another count")
    );
    assert_eq!(y.crimes(Force::Kent, 2016), Some(5));
}

fn offence_path() -> PathBuf {
    raw().join("ho-offence-level-2017-18/prc-pfa-mar2013-onwards-tables201718.csv")
}

/// The offence-code table read plainly (the csv crate for quoting, the rest here):
/// force name -> offences excluding fraud over the four quarters.
fn plain_offence_totals() -> BTreeMap<String, i64> {
    let mut r = csv::Reader::from_path(offence_path()).unwrap();
    let mut out = BTreeMap::new();
    for rec in r.records() {
        let rec = rec.unwrap();
        if &rec[4] == "Fraud offences" {
            continue;
        }
        *out.entry(rec[2].to_owned()).or_default() += rec[7].trim().parse::<i64>().unwrap();
    }
    out
}

/// The ONS table read plainly: force area -> recorded crime excluding fraud, 12 months to 31 March 2018.
fn plain_ons_march_2018() -> BTreeMap<String, i64> {
    let text = std::fs::read_to_string(raw().join("ons-rec-crime-pfa/rec-crime-pfa.csv")).unwrap();
    let mut out = BTreeMap::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        if f[0] == "31-03-2018" && f[3] != "Fraud offences" {
            *out.entry(f[1].to_owned()).or_default() += f[4].parse::<i64>().unwrap();
        }
    }
    out
}

#[test]
fn offence_codes_reconcile_with_the_ons_table_for_every_force() {
    let t = read_offence_codes(&offence_path()).unwrap();
    let s = &t.summary;
    assert_eq!(s.rows, 23_068, "SOURCES.md: 23,068 rows");
    assert!(s.adds_up() && s.rejected() == 0, "{s}");
    assert_eq!(t.codes.len(), 132, "SOURCES.md: 132 offence codes");
    assert!(t.padded > 20_000 && !t.negative.is_empty(), "{:?}", t.quirks());
    // The homicide codes merged under one label come four to a quarter: added, said so.
    assert_eq!(t.added.keys().collect::<Vec<_>>(), ["1/4.1/4.10/4.2"]);
    assert!(t.quirks().iter().any(|q| q.contains("1/4.1/4.10/4.2")));
    assert_eq!(t.years(), [2017]);
    // SOURCES.md: Wiltshire 2017/18 excluding fraud is 43,563, equal to the ONS table.
    assert_eq!(t.year_total(Force::Wiltshire, 2017, true), Some(43_563));
    let plain = plain_offence_totals();
    let ons = plain_ons_march_2018();
    let ons_table = read_pfa_table(&raw().join("ons-rec-crime-pfa/rec-crime-pfa.csv"), None).unwrap();
    let rec = t.reconcile(&ons_table.crime, 2017).unwrap();
    assert_eq!(rec.len(), 43);
    let mut differ = Vec::new();
    // The two tables spell some areas differently ("London, City of", "City of London"): keyed by force.
    let by_force = |m: &BTreeMap<String, i64>| -> BTreeMap<Force, i64> {
        m.iter().filter_map(|(k, v)| Some((k.parse::<Force>().ok()?, *v))).collect()
    };
    let (plain, ons) = (by_force(&plain), by_force(&ons));
    for r in &rec {
        let f = r.force;
        assert_eq!(r.offence_codes, Some(plain[&f]), "{f}");
        assert_eq!(r.ons, Some(ons[&f]), "{f}");
        assert_eq!(r.agrees(), plain[&f] == ons[&f], "{f}");
        if !r.agrees() {
            differ.push((f, plain[&f] - ons[&f]));
        }
    }
    // The two sources are different releases: most forces agree to the crime, a few
    // were revised between them (the plain sums above say which, and by how much).
    assert!(rec.iter().find(|r| r.force == Force::Wiltshire).unwrap().agrees());
    assert!(differ.len() <= 6, "{differ:?}");
    // National fraud sources are kept apart from the forces.
    assert!(t.counts.keys().any(|(a, _, _)| *a == CodeArea::National("Action Fraud".to_owned())));
    // Every code the table uses is in the mapping file, in the same group.
    let mut m = csv::Reader::from_path(raw().join("ho-offence-level-2017-18/CrimeCatMappings.csv")).unwrap();
    let mapping: BTreeMap<String, String> =
        m.records().map(|r| r.unwrap()).map(|r| (r[2].to_owned(), r[1].to_owned())).collect();
    for (code, info) in &t.codes {
        if let Some(group) = mapping.get(code) {
            assert_eq!(group, &info.group, "{code}");
        }
    }
    assert!(t.codes.keys().filter(|c| mapping.contains_key(*c)).count() > 120);
}

#[test]
fn severity_weights_and_a_force_severity_by_plain_sum() {
    let path = raw().join("mopd-severity/DEPRECATED-severity_codes.csv");
    let w = read_severity_weights(&path, "ONS crime severity weights, December 2020 edition").unwrap();
    assert!(w.summary.adds_up(), "{}", w.summary);
    assert_eq!(w.summary.rows, 134, "SOURCES.md: 134 rows");
    assert_eq!(w.weight("56A").unwrap().round_dp(2).to_string(), "826.19");
    assert_eq!(w.weight("58A").unwrap().round_dp(2).to_string(), "5.40");
    // A plain sum for Wiltshire: each code's four quarters times its weight (code_original).
    let mut weights: BTreeMap<String, f64> = BTreeMap::new();
    let mut r = csv::Reader::from_path(&path).unwrap();
    for rec in r.records() {
        let rec = rec.unwrap();
        weights.insert(rec[3].to_owned(), rec[6].parse().unwrap());
    }
    let mut expected = 0.0;
    let mut r = csv::Reader::from_path(offence_path()).unwrap();
    for rec in r.records() {
        let rec = rec.unwrap();
        if &rec[2] == "Wiltshire" && &rec[4] != "Fraud offences" {
            expected += rec[7].trim().parse::<f64>().unwrap() * weights[&rec[6]];
        }
    }
    let t = read_offence_codes(&offence_path()).unwrap();
    let (total, unweighted) = t.severity(Force::Wiltshire, 2017, &w).unwrap();
    assert!(unweighted.is_empty(), "{unweighted:?}");
    let got: f64 = total.try_into().unwrap();
    assert!((got - expected).abs() < 1e-6 * expected, "{got} {expected}");
    assert!(total > Decimal::ZERO);
}

#[test]
fn readers_name_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str, body: &str| -> PathBuf {
        let p = dir.path().join(name);
        std::fs::write(&p, body).unwrap();
        p
    };
    let e = read_offence_codes(&p("a.csv", "Financial Year,Force Name\n")).unwrap_err().to_string();
    assert!(e.contains("Financial Quarter") && e.contains("Force Name"), "{e}");
    let e = read_yearly_counts(&p("b.csv", "")).unwrap_err().to_string();
    assert!(e.contains("b.csv"), "{e}");
    let t = read_offence_codes(&p(
        "c.csv",
        "Financial Year,Financial Quarter,Force Name,Offence Description,Offence Group,Offence Subgroup,Offence Code,Number of Offences\n\
         2017/19,1,Kent,x,g,s,1,2\n2017/18,5,Kent,x,g,s,1,2\n2017/18,1,Atlantis,x,g,s,1,2\n2017/18,1,Kent,x,g,s,1,lots\n2017/18,1,Kent,x,g,s,1, 3 \n",
    ))
    .unwrap();
    let s = &t.summary;
    assert_eq!((s.rows, s.taken, s.rejected()), (5, 1, 4), "{s}");
    assert!(s.adds_up());
    let reasons: Vec<&str> = s.rejections.iter().map(|r| r.reason.as_str()).collect();
    assert!(
        reasons[0].contains("2017/19") && reasons[1].contains('5') && reasons[2].contains("Atlantis"),
        "{reasons:?}"
    );
    assert!(reasons[3].contains("lots"));
    let _ = Path::new("");
}
