//! Changes between two periods and five-year trends (statistics.md sections 9
//! and 10), checked against plain computations written here from the raw ONS
//! table (`data/raw/ons-rec-crime-pfa/rec-crime-pfa.csv`, read with the csv
//! crate, not the library's reader): exact intervals by summing binomial tails,
//! each force's change against England and Wales's by the section 9 formulas,
//! trend markers by the section 10 formulas, and the definition breaks.
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

use policing::crime::{Denominators, Measure, Offence, Unit, YearEnding};
use policing::data::recorded_crime;
use policing::forces::Force;
use policing::stats::change::Change;
use policing::stats::trend::Marker;
use policing::stats::Significance;

fn raw() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/raw")
}

/// The raw table: (month "YYYY-MM", area as the file names it, offence) -> count, summed as read.
fn naive() -> BTreeMap<(String, String, String), i64> {
    let mut out = BTreeMap::new();
    let mut r = csv::Reader::from_path(raw().join("ons-rec-crime-pfa/rec-crime-pfa.csv")).unwrap();
    for rec in r.records() {
        let rec = rec.unwrap();
        // dd-mm-yyyy; one quarter is labelled 30-12-2017, still December.
        let (m, y) = (&rec[0][3..5], &rec[0][6..10]);
        *out.entry((format!("{y}-{m}"), rec[1].to_owned(), rec[3].to_owned())).or_insert(0) +=
            rec[4].parse::<i64>().unwrap();
    }
    out
}

/// The file's name of a force's area (found by the names the file uses, each parsed as a force).
fn area(rows: &BTreeMap<(String, String, String), i64>, force: Force) -> String {
    rows.keys()
        .map(|(_, a, _)| a)
        .find(|a| a.parse::<Force>().ok() == Some(force))
        .unwrap_or_else(|| panic!("{force} not in the file"))
        .clone()
}

const OTHER_AREAS: [&str; 4] = ["British Transport Police", "Action Fraud", "CIFAS", "UK Finance"];

/// A force area's (or England and Wales's, `None`) count of a measure: recorded crime excluding fraud, or one offence.
fn count(
    rows: &BTreeMap<(String, String, String), i64>,
    month: &str,
    area: Option<&str>,
    offence: Option<&str>,
) -> i64 {
    rows.iter()
        .filter(|((m, a, o), _)| {
            m == month
                && !OTHER_AREAS.contains(&a.as_str())
                && area.is_none_or(|x| x == a)
                && match offence {
                    Some(name) => o == name,
                    None => o != "Fraud offences",
                }
        })
        .map(|(_, n)| *n)
        .sum()
}

/// `ln P(X = k)` for `X ~ Binomial(n, p)`.
fn ln_pmf(k: u64, n: u64, p: f64) -> f64 {
    let lnf = |x: u64| -> f64 {
        if x < 20 {
            (1..=x).map(|i| (i as f64).ln()).sum()
        } else {
            let x = x as f64;
            x * x.ln() - x + 0.5 * (2.0 * std::f64::consts::PI * x).ln() + 1.0 / (12.0 * x) - 1.0 / (360.0 * x.powi(3))
        }
    };
    lnf(n) - lnf(k) - lnf(n - k) + k as f64 * p.ln() + (n - k) as f64 * (-p).ln_1p()
}

/// `P(X >= k)` (upper) or `P(X <= k)` (lower), summing terms away from the mode until they no longer count.
fn tail(k: u64, n: u64, p: f64, upper: bool) -> f64 {
    let mode = ((n as f64 + 1.0) * p).floor() as u64;
    // Sum the side away from the mode directly; the side holding the mode as 1 minus the other.
    let direct = |start: u64, up: bool| {
        let first = ln_pmf(start, n, p);
        let (mut total, mut i) = (0.0f64, start);
        loop {
            let t = (ln_pmf(i, n, p) - first).exp();
            total += t;
            if t < 1e-17 * total || (up && i == n) || (!up && i == 0) {
                break;
            }
            i = if up { i + 1 } else { i - 1 };
        }
        first.exp() * total
    };
    if upper {
        if k > mode {
            direct(k, true)
        } else if k == 0 {
            1.0
        } else {
            1.0 - direct(k - 1, false)
        }
    } else if k < mode {
        direct(k, false)
    } else if k == n {
        1.0
    } else {
        1.0 - direct(k + 1, true)
    }
}

/// The Clopper-Pearson interval of x of n at 95%, by bisection on the binomial tails.
fn clopper_pearson(x: u64, n: u64) -> (f64, f64) {
    let solve = |f: &dyn Fn(f64) -> f64| {
        // f increases with p.
        let (mut lo, mut hi) = (0.0f64, 1.0f64);
        for _ in 0..200 {
            let mid = 0.5 * (lo + hi);
            if f(mid) < 0.0 {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        0.5 * (lo + hi)
    };
    let lower = if x == 0 { 0.0 } else { solve(&|p| tail(x, n, p, true) - 0.025) };
    let upper = if x == n { 1.0 } else { solve(&|p| 0.025 - tail(x, n, p, false)) };
    (lower, upper)
}

/// A deterministic generator (a 64-bit LCG).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n
    }
}

/// Every one-year and five-year change interval, for random forces, measures
/// and quarters, equals the exact interval computed here from the raw counts.
#[test]
fn change_intervals_equal_a_plain_clopper_pearson_from_the_raw_table() {
    let rows = naive();
    let table = recorded_crime::shipped().unwrap();
    let crime = &table.crime;
    let years: Vec<YearEnding> = crime.years().filter(|y| y.year() >= 2009).collect();
    let forces: Vec<Force> = Force::territorial().collect();
    let names: BTreeMap<Force, String> = forces.iter().map(|f| (*f, area(&rows, *f))).collect();
    let offences = ["Homicide", "Robbery", "Sexual offences", "Violence with injury", "Shoplifting", "Drug offences"];
    let mut g = Lcg(20_161_206);
    let (mut measured, mut small) = (0, 0);
    for _ in 0..150 {
        let year = years[g.below(years.len())];
        let force = forces[g.below(forces.len())];
        let pick = g.below(offences.len() + 1);
        let (measure, offence) = match offences.get(pick) {
            Some(o) => (Measure::Offence(o.parse::<Offence>().unwrap()), Some(*o)),
            None => (Measure::RecordedCrimeExclFraud, None),
        };
        for span in [1u32, 5] {
            let Ok(earlier) = year.years_earlier(span) else { continue };
            let month = |y: YearEnding| y.end().format("%Y-%m").to_string();
            let x1 = count(&rows, &month(earlier), Some(&names[&force]), offence);
            let x2 = count(&rows, &month(year), Some(&names[&force]), offence);
            let got = crime.change(Unit::Force(force), measure, year, span);
            if x1 < 0 || x2 < 0 || !crime.holds(earlier) {
                assert!(got.is_err(), "{force} {measure:?} {year} {span}: {got:?}");
                continue;
            }
            let got = got.unwrap_or_else(|e| panic!("{force} {measure:?} {year} {span}: {e}"));
            let (x1, x2) = (x1 as u64, x2 as u64);
            if x1 + x2 < 10 {
                assert_eq!(got, Change::TooFewEvents { earlier: x1, later: x2 });
                assert!(got.percent().is_none());
                small += 1;
                continue;
            }
            if x1 == 0 {
                assert_eq!(got, Change::NoEarlierEvents { later: x2 });
                continue;
            }
            let (pl, pu) = clopper_pearson(x2, x1 + x2);
            let (lower, upper) = ((pl / (1.0 - pl) - 1.0) * 100.0, (pu / (1.0 - pu) - 1.0) * 100.0);
            let i = got.interval().unwrap();
            let close = |a: f64, b: f64| (a - b).abs() <= 1e-6 * (1.0 + b.abs());
            assert!(
                close(i.lower, lower) && close(i.upper, upper),
                "{force} {measure:?} {year} {span}: {i:?} against ({lower}, {upper})"
            );
            let percent = (x2 as f64 - x1 as f64) * 100.0 / x1 as f64;
            assert!((got.percent().unwrap().to_string().parse::<f64>().unwrap() - percent).abs() < 1e-9);
            measured += 1;
        }
    }
    assert!(measured > 200 && small > 5, "{measured} measured, {small} with too few events");
}

/// Recorded crime, 12 months to June 2015 -> June 2016: each force's change
/// against England and Wales's as section 9 step 2 computes it, written here:
/// E&W ratio 1.0810, phi 41.3, tau^2 0.00123; 33 forces at 99.8% by Poisson
/// alone, 5 with the allowance; Wiltshire's z 8.0 and 1.66, in line.
#[test]
fn recorded_crime_changes_against_england_and_wales() {
    let rows = naive();
    let areas: Vec<Force> = Force::territorial().collect();
    let units: Vec<(Force, f64, f64)> = areas
        .iter()
        .map(|f| {
            let a = count(&rows, "2015-06", Some(&area(&rows, *f)), None) as f64;
            let b = count(&rows, "2016-06", Some(&area(&rows, *f)), None) as f64;
            (*f, a, b)
        })
        .collect();
    let r0 = units.iter().map(|u| u.2).sum::<f64>() / units.iter().map(|u| u.1).sum::<f64>();
    let scored: Vec<(f64, f64)> = units
        .iter()
        .map(|(_, a, b)| {
            let s = (1.0 / a + 1.0 / b).sqrt();
            (((b / a).ln() - r0.ln()) / s, s)
        })
        .collect();
    // Decile groups of the average ranks, 1 to 8 kept.
    let n = scored.len() as f64;
    let rank = |z: f64| {
        let below = scored.iter().filter(|s| s.0 < z).count() as f64;
        let equal = scored.iter().filter(|s| s.0 == z).count() as f64;
        below + (equal + 1.0) / 2.0
    };
    let used: Vec<(f64, f64)> = scored
        .iter()
        .filter(|(z, _)| {
            let g = (rank(*z) * 10.0 / (n + 1.0)).floor();
            g > 0.0 && g < 9.0
        })
        .copied()
        .collect();
    let m = used.len() as f64;
    let phi = used.iter().map(|u| u.0 * u.0).sum::<f64>() / m;
    let w: Vec<f64> = used.iter().map(|u| 1.0 / (u.1 * u.1)).collect();
    let sw: f64 = w.iter().sum();
    let tau2 = ((m * phi - (m - 1.0)) / (sw - w.iter().map(|v| v * v).sum::<f64>() / sw)).max(0.0);
    assert!(
        (r0 - 1.0810).abs() < 5e-5 && (phi - 41.3).abs() < 0.05 && (tau2 - 0.00123).abs() < 5e-6,
        "{r0} {phi} {tau2}"
    );

    let z998 = 3.090_232_306_167_813;
    let z95 = 1.959_963_984_540_054;
    let table = recorded_crime::shipped().unwrap();
    let t = table
        .crime
        .measure(Measure::RecordedCrimeExclFraud, "2016-06".parse().unwrap(), &Denominators::peel())
        .unwrap();
    let (mut poisson, mut adjusted) = (0, Vec::new());
    for ((force, a, b), (z, s)) in units.iter().zip(&scored) {
        let gap = z * s;
        let adj = gap / (s * s + tau2).sqrt();
        poisson += usize::from(z.abs() > z998);
        let want = if adj > z998 {
            Significance::High001
        } else if adj < -z998 {
            Significance::Low001
        } else if adj > z95 {
            Significance::High025
        } else if adj < -z95 {
            Significance::Low025
        } else {
            Significance::NotSignificant
        };
        if adj.abs() > z998 {
            adjusted.push(area(&rows, *force));
        }
        let row = t.row(*force).unwrap();
        assert_eq!(row.change_against_england_and_wales, Some(want), "{force}");
        if *force == Force::Wiltshire {
            assert!((z - 7.98).abs() < 0.01 && (adj - 1.66).abs() < 0.01, "{z} {adj}");
            let words = policing::crime::change_against_words(want);
            assert_eq!(words, "Change in line with England and Wales");
            let _ = (a, b);
        }
    }
    assert_eq!(poisson, 33);
    adjusted.sort();
    assert_eq!(
        adjusted,
        ["Avon and Somerset", "Devon and Cornwall", "Northumbria", "Nottinghamshire", "West Yorkshire"]
    );
    // The library's own estimate agrees.
    assert!((t.changes.phi.unwrap() - phi).abs() < 1e-9 * phi && (t.changes.tau2 - tau2).abs() < 1e-12);
    // Chance alone: 33 at 99.8%.
    let chance = table
        .crime
        .measure_with(
            Measure::RecordedCrimeExclFraud,
            "2016-06".parse().unwrap(),
            &Denominators::peel(),
            policing::stats::Widening::ChanceAlone,
        )
        .unwrap();
    assert_eq!(chance.changes.tests().flagged_998, 33);
}

/// Stalking and harassment across April 2015 is "not comparable", naming the
/// break and its source, in the change, in the five-year change and in the
/// trend; after it, comparable again. The national series shows the break.
#[test]
fn a_change_across_a_definition_break_is_not_comparable() {
    let table = recorded_crime::shipped().unwrap();
    let crime = &table.crime;
    let m = Measure::Offence(Offence::StalkingAndHarassment);
    let june_2016: YearEnding = "2016-06".parse().unwrap();
    for unit in [Unit::Force(Force::Wiltshire), Unit::Force(Force::DyfedPowys), Unit::EnglandAndWales] {
        for span in [1, 5] {
            let e = crime.change(unit, m, june_2016, span).unwrap_err();
            assert!(e.reason.starts_with("not comparable: the April 2015 change"), "{e}");
            assert!(
                e.reason.contains("Home Office") && e.reason.contains("malicious") || e.reason.contains("letters"),
                "{e}"
            );
        }
        let t = crime.trend_marker(unit, m, june_2016, &Denominators::peel());
        assert!(matches!(&t.marker, Marker::CannotBeCalculated(why) if why.contains("not comparable")), "{t:?}");
    }
    // From the year to June 2016 to the year to June 2017 both years are under the 2015 rules.
    let june_2017: YearEnding = "2017-06".parse().unwrap();
    assert!(crime.change(Unit::Force(Force::Wiltshire), m, june_2017, 1).is_ok());
    // And the 2018 change breaks it again.
    let june_2018: YearEnding = "2018-06".parse().unwrap();
    assert!(crime.change(Unit::Force(Force::Wiltshire), m, june_2018, 1).unwrap_err().reason.contains("April 2018"));
    // Totals are compared across it, with a note.
    assert!(crime.change(Unit::EnglandAndWales, Measure::VictimBasedCrime, june_2016, 1).is_ok());
    let t = crime.measure(Measure::VictimBasedCrime, june_2016, &Denominators::peel()).unwrap();
    assert!(t.notes.iter().any(|n| n.contains("April 2015") && n.contains("victim_based_crime")), "{:?}", t.notes);

    // The national series: the rolling year grew by about 6,000 crimes a quarter before April 2015 and by
    // 14,000 or more a quarter in the four quarters after it.
    let rows = naive();
    let ew = |month: &str| count(&rows, month, None, Some("Stalking and harassment"));
    let growth = |a: &str, b: &str| ew(b) - ew(a);
    let before = [("2014-03", "2014-06"), ("2014-06", "2014-09"), ("2014-09", "2014-12"), ("2014-12", "2015-03")];
    let after = [("2015-03", "2015-06"), ("2015-06", "2015-09"), ("2015-09", "2015-12"), ("2015-12", "2016-03")];
    let mean = |qs: &[(&str, &str)]| qs.iter().map(|(a, b)| growth(a, b)).sum::<i64>() / 4;
    assert!(mean(&after) > 2 * mean(&before), "{} then {}", mean(&before), mean(&after));
}

/// Trend markers equal the section 10 computation written here, on years
/// ending March, for random forces and measures (and PHEindicatormethods'
/// published example: beta -1.7516, X2 46.76).
#[test]
fn trend_markers_equal_the_section_10_formulas() {
    // The published example.
    let (t, y, l, u) = (
        [1.0, 2.0, 3.0, 4.0, 5.0],
        [30.6, 30.2, 28.0, 24.6, 24.67],
        [28.98, 28.63, 26.44, 23.15, 23.16],
        [32.25, 31.9, 29.64, 26.19, 26.25],
    );
    let (beta, x2) = weighted(&t, &y, &l, &u);
    assert!((beta - -1.7516).abs() < 1e-4 && (x2 - 46.76).abs() < 5e-3, "{beta} {x2}");

    let table = recorded_crime::shipped().unwrap();
    let crime = &table.crime;
    let rows = naive();
    let population = policing::forces::Population::mid_2015();
    let mut g = Lcg(42);
    let forces: Vec<Force> = Force::territorial().filter(|f| *f != Force::CityOfLondon).collect();
    let mut decided = 0;
    for _ in 0..60 {
        let force = forces[g.below(forces.len())];
        let last = 2011 + g.below(8) as i32; // years ending March 2011 .. 2018
        let (measure, offence) = if g.below(2) == 0 {
            (Measure::RecordedCrimeExclFraud, None)
        } else {
            (Measure::Offence(Offence::Robbery), Some("Robbery"))
        };
        let got = crime.trend_marker(
            Unit::Force(force),
            measure,
            YearEnding::from_month(last, 3).unwrap(),
            &Denominators::peel(),
        );
        // Plain: five years ending March, rate per 1,000 of the mid-2015 population (the table's denominators),
        // Byar's interval (counts here are all above 10).
        let pop = population.of(force).unwrap().persons as f64;
        let mut ts = Vec::new();
        let (mut ys, mut ls, mut us) = (Vec::new(), Vec::new(), Vec::new());
        for yr in last - 4..=last {
            let o = count(&rows, &format!("{yr}-03"), Some(&area(&rows, force)), offence) as f64;
            assert!(o >= 10.0);
            let z = 1.959_963_984_540_054;
            let lower = o * (1.0 - 1.0 / (9.0 * o) - z / (3.0 * o.sqrt())).powi(3);
            let upper = (o + 1.0) * (1.0 - 1.0 / (9.0 * (o + 1.0)) + z / (3.0 * (o + 1.0).sqrt())).powi(3);
            ts.push(f64::from(yr));
            ys.push(o / pop * 1_000.0);
            ls.push(lower / pop * 1_000.0);
            us.push(upper / pop * 1_000.0);
        }
        let (beta, x2) = weighted(&ts, &ys, &ls, &us);
        let want = if x2 <= 9.5495 {
            Marker::NoSignificantChange
        } else if (0..5).any(|j| {
            let keep = |v: &[f64]| v.iter().enumerate().filter(|(i, _)| *i != j).map(|(_, x)| *x).collect::<Vec<_>>();
            weighted(&keep(&ts), &keep(&ys), &keep(&ls), &keep(&us)).0.signum() != beta.signum()
        }) {
            Marker::OutlierFound
        } else if beta < 0.0 {
            Marker::Decreasing
        } else {
            Marker::Increasing
        };
        assert_eq!(got.marker, want, "{force} {measure:?} to March {last}");
        let test = got.test.unwrap();
        assert!(
            (test.beta - beta).abs() < 1e-7 * beta.abs().max(1e-9) && (test.x2 - x2).abs() < 1e-6 * x2.max(1.0),
            "{force} {measure:?} to March {last}: {test:?} against {beta} {x2}"
        );
        decided += usize::from(want != Marker::NoSignificantChange);
    }
    assert!(decided > 10, "{decided}");
}

/// The weighted slope and its chi-square, as section 10 states them.
fn weighted(t: &[f64], y: &[f64], l: &[f64], u: &[f64]) -> (f64, f64) {
    let z = 1.959_963_984_540_054;
    let w: Vec<f64> = l.iter().zip(u).map(|(l, u)| 1.0 / ((u - l) / (2.0 * z)).powi(2)).collect();
    let s0: f64 = w.iter().sum();
    let s1: f64 = w.iter().zip(t).map(|(w, t)| w * t).sum();
    let s2: f64 = w.iter().zip(t).map(|(w, t)| w * t * t).sum();
    let swyt: f64 = w.iter().zip(y).zip(t).map(|((w, y), t)| w * y * t).sum();
    let swy: f64 = w.iter().zip(y).map(|(w, y)| w * y).sum();
    let beta = (s0 * swyt - s1 * swy) / (s0 * s2 - s1 * s1);
    (beta, beta * beta / (s0 / (s0 * s2 - s1 * s1)))
}
