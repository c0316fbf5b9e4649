//! The `policing` binary run as a process.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs,
    reason = "a test: a failure panics with its message"
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn raw() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/raw")
}

fn policing(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_policing")).args(args).output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).unwrap()
}

#[test]
fn counts_on_the_real_city_of_london_files() {
    let dir = raw().join("berlinhack-cityoflondon");
    let out = policing(&["counts", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let mut lines = stdout.lines();
    assert_eq!(lines.next(), Some("force,outcome,count"));
    let rows: Vec<&str> = lines.collect();
    let mut sorted = rows.clone();
    sorted.sort();
    assert_eq!(rows, sorted, "sorted by force then outcome");
    assert!(rows.contains(&"City of London Police,Investigation complete; no suspect identified,3917"), "{stdout}");
    assert!(rows.contains(&"City of London Police,Offender given penalty notice,36"));
    let total: u64 = rows.iter().map(|r| r.rsplit(',').next().unwrap().parse::<u64>().unwrap()).sum();
    let stderr = text(&out.stderr);
    assert!(stderr.contains("10118 rows read") && stderr.contains(&format!("{total} crimes counted")), "{stderr}");
    // Filters and other formats.
    let june = policing(&["counts", "--from", "2016-06", "--to", "2016-06", "--format", "json", dir.to_str().unwrap()]);
    let json: serde_json::Value = serde_json::from_slice(&june.stdout).unwrap();
    assert!(json.as_array().unwrap().iter().all(|o| o["force"] == "City of London Police"));
    let table = policing(&["counts", "--reported-by", "--format", "table", dir.to_str().unwrap()]);
    assert!(text(&table.stdout).starts_with("force"));
}

#[test]
fn unreadable_input_fails_with_one_line() {
    let out = policing(&["counts", "/no/such/file.csv"]);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("policing: ") && err.contains("/no/such/file.csv"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("x-street.csv");
    std::fs::write(&bad, "Crime ID,Month\n").unwrap();
    let out = policing(&["counts", bad.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("missing column \"Reported by\""), "{}", text(&out.stderr));
}

fn write(dir: &Path, name: &str, body: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, body).unwrap();
    p.to_str().unwrap().to_owned()
}

#[test]
fn band_in_input_order_with_tails_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "rates.csv", "\u{feff}force,rate\nA,9\nB,1\nC,5\nD,7\nE,\nF,3\nG,8\nH,2\n");
    let out = policing(&["band", "--input", &input, "--key", "force", "--value", "rate"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], "key,value,rank,band");
    assert_eq!(lines[1], "A,9,1,one of the highest");
    assert_eq!(lines[2], "B,1,7,one of the lowest");
    assert_eq!(lines[5], "E,,,");
    assert_eq!(lines.len(), 9);
    assert!(text(&out.stderr).contains("tail size floor((n + 2) / 4) = 2"), "{}", text(&out.stderr));
    let low = policing(&["band", "--input", &input, "--key", "force", "--value", "rate", "--low-is-notable"]);
    assert!(text(&low.stdout).contains("B,1,1,one of the lowest"));
    let q = policing(&["band", "--input", &input, "--key", "force", "--value", "rate", "--rule", "quantile"]);
    assert!(text(&q.stdout).starts_with("key,value,rank,phe_quartile\n"), "{}", text(&q.stdout));
    assert!(text(&q.stdout).contains("A,9,1,1") && text(&q.stdout).contains("B,1,7,4"), "{}", text(&q.stdout));
    let bad = policing(&["band", "--input", &input, "--key", "force", "--value", "nope"]);
    assert!(!bad.status.success() && text(&bad.stderr).contains("no column \"nope\""));
}

/// The crime table's CSV chains into `band` and `funnel`: `band` gives every
/// force the band the table gives it (one rule), and `funnel --overdispersion`
/// the table's significance, with phi and tau^2 on every row; limits of chance
/// alone flag nearly every force.
#[test]
fn crime_csv_chains_into_band_and_an_overdispersed_funnel() {
    let dir = tempfile::tempdir().unwrap();
    let out = policing(&["crime", "--to", "2016-06", "-m", "recorded_crime_excl_fraud", "--format", "csv"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    // The forces are compared with England and Wales: all 43 areas pooled, City of London's crimes and
    // residents included (it is ranked nowhere), so phi is that of the 42 ranked forces around that value.
    assert!(stderr.contains("widened for overdispersion") && stderr.contains("phi 1939.66"), "{stderr}");
    // The whole CSV, England and Wales and City of London (no rate) included, is the input.
    let input = write(dir.path(), "rc.csv", &text(&out.stdout));
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let all: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let rows: Vec<csv::StringRecord> = all.iter().filter(|r| !r[col("rank")].is_empty()).cloned().collect();
    assert_eq!((all.len(), rows.len()), (44, 42));

    let banded = policing(&["band", "-i", &input, "-k", "force", "-v", "rate"]);
    assert!(banded.status.success(), "{}", text(&banded.stderr));
    assert!(text(&banded.stderr).contains("England and Wales left out of the ranking"), "{}", text(&banded.stderr));
    let bands: Vec<(String, String, String)> = text(&banded.stdout)
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[0].to_owned(), f[2].to_owned(), f[3].to_owned())
        })
        .collect();
    assert_eq!(bands.len(), 44);
    for (r, (force, rank, b)) in all.iter().zip(&bands) {
        assert_eq!(&r[col("force")], force.as_str());
        assert_eq!(&r[col("rank")], rank.as_str(), "{force}");
        if !rank.is_empty() {
            assert_eq!(&r[col("band")], b.as_str(), "{force}");
        }
    }

    let funnel_args = |extra: &[&str]| {
        let mut a = vec![
            "funnel",
            "-i",
            &input,
            "-k",
            "force",
            "--numerator",
            "count",
            "--denominator",
            "denominator",
            "--statistic",
            "rate",
        ];
        a.extend_from_slice(extra);
        policing(&a.iter().map(|s| &**s).collect::<Vec<&str>>())
    };
    let adjusted = funnel_args(&["--overdispersion"]);
    assert!(adjusted.status.success(), "{}", text(&adjusted.stderr));
    let stderr = text(&adjusted.stderr);
    assert!(stderr.contains("England and Wales (line 45) sets the pooled value: 5168 over 7668"), "{stderr}");
    assert!(stderr.contains("1 row(s) without a count or denominator: kept without a value"), "{stderr}");
    let stdout = text(&adjusted.stdout);
    assert!(stdout.starts_with(
        "key,numerator,denominator,value,lower_95,upper_95,chance_lower_95,chance_upper_95,significance,pooled,\
         funnel_lower_95,funnel_upper_95,funnel_lower_99_8,funnel_upper_99_8,phi,tau2\n"
    ));
    // The funnel from the CSV is the table's comparison: the same labels, the same intervals.
    let mut flagged = 0;
    let funnel_rows: Vec<&str> = stdout.lines().skip(1).filter(|l| !l.starts_with("City of London")).collect();
    for (line, r) in funnel_rows.iter().zip(&rows) {
        let f: Vec<&str> = line.split(',').collect();
        assert_eq!(f[0], &r[col("force")], "{line}");
        assert_eq!(f[8], &r[col("significance")], "{line}");
        assert_eq!(f[4].parse::<f64>().unwrap(), r[col("lower_95")].parse::<f64>().unwrap(), "{line}");
        assert!(f[14].starts_with("1939.6"), "{line}");
        flagged += usize::from(f[8] != "Not significant");
    }
    let poisson = text(&funnel_args(&[]).stdout);
    let poisson_flagged = poisson.lines().skip(1).filter(|l| l.contains("(0.0")).count();
    assert!(flagged < 10 && poisson_flagged > 35, "{flagged} {poisson_flagged}");
    let log = funnel_args(&["--overdispersion", "--od-transform", "log", "--trim", "0.05"]);
    assert!(log.status.success() && text(&log.stderr).contains("log scale"), "{}", text(&log.stderr));
    // Options that do not fit are refused with what is wrong.
    let e = funnel_args(&["--overdispersion", "--od-transform", "arcsine"]);
    assert!(!e.status.success() && text(&e.stderr).contains("not for a rate funnel"), "{}", text(&e.stderr));
    let e = funnel_args(&["--trim", "0.1"]);
    assert!(!e.status.success() && text(&e.stderr).contains("need --overdispersion"), "{}", text(&e.stderr));
    let e = funnel_args(&["--overdispersion", "--trim", "0.5"]);
    assert!(!e.status.success() && text(&e.stderr).contains("less than 0.5"), "{}", text(&e.stderr));
    let p =
        policing(&["crime", "--to", "2016-06", "-m", "recorded_crime_excl_fraud", "--no-overdispersion", "-f", "csv"]);
    assert!(text(&p.stderr).contains("not allowing for overdispersion"), "{}", text(&p.stderr));
    let mut reader = csv::Reader::from_reader(p.stdout.as_slice());
    let significance = reader.headers().unwrap().iter().position(|h| h == "significance").unwrap();
    let p_flagged = reader.records().filter(|r| r.as_ref().unwrap()[significance].contains("(0.0")).count();
    assert_eq!(p_flagged, poisson_flagged, "crime --no-overdispersion flags as the plain funnel does");
}

#[test]
fn funnel_with_decimals_and_a_bom() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "funnel.csv",
        "\u{feff}unit,x,n\ntypical,30,100\nsmall and high,41,100\nlarge and high,1265,4000\nlarge and very high,1400,4000\nlarge and low,1130,4000\nlarge and very low,1050,4000\nrest,544,2000\n",
    );
    let out = policing(&[
        "funnel",
        "--input",
        &input,
        "--key",
        "unit",
        "--numerator",
        "x",
        "--denominator",
        "n",
        "--statistic",
        "proportion",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let sig: Vec<&str> = stdout.lines().skip(1).map(|l| l.split(',').nth(8).unwrap()).collect();
    assert_eq!(
        sig,
        [
            "Not significant",
            "High (0.025)",
            "High (0.025)",
            "High (0.001)",
            "Low (0.025)",
            "Low (0.001)",
            "Low (0.025)"
        ]
    );
    assert!(
        stdout.starts_with(
            "key,numerator,denominator,value,lower_95,upper_95,chance_lower_95,chance_upper_95,significance,pooled,\
             funnel_lower_95,funnel_upper_95,funnel_lower_99_8,funnel_upper_99_8\ntypical,30,100,30,"
        ),
        "{stdout}"
    );
    // Each row's limits are at its own denominator, and its label is its side of them.
    for line in stdout.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let n = |i: usize| f[i].parse::<f64>().unwrap();
        let (value, l95, h95, l998, h998) = (n(3), n(10), n(11), n(12), n(13));
        assert!(l998 <= l95 && l95 <= h95 && h95 <= h998, "{line}");
        let side = if value < l998 {
            "Low (0.001)"
        } else if value < l95 {
            "Low (0.025)"
        } else if value > h998 {
            "High (0.001)"
        } else if value > h95 {
            "High (0.025)"
        } else {
            "Not significant"
        };
        assert_eq!(side, f[8], "{line}");
    }
    // The table rounds; json types the numbers.
    let args = [
        "funnel",
        "--input",
        &input,
        "--key",
        "unit",
        "--numerator",
        "x",
        "--denominator",
        "n",
        "--statistic",
        "proportion",
    ];
    let table = text(&policing(&[&args[..], &["--format", "table"]].concat()).stdout);
    assert!(table.lines().nth(1).unwrap().contains("30.00 "), "{table}");
    let json: serde_json::Value =
        serde_json::from_slice(&policing(&[&args[..], &["--format", "json"]].concat()).stdout).unwrap();
    assert!(json[0]["funnel_upper_99_8"].is_f64() && json[0]["chance_upper_95"].is_f64(), "{json}");
    // A bad cell names the file, the line and the column.
    let bad = write(
        dir.path(),
        "bad.csv",
        "unit,x,n
a,1,10
b,lots,10
",
    );
    let out = policing(&[
        "funnel",
        "--input",
        &bad,
        "--key",
        "unit",
        "--numerator",
        "x",
        "--denominator",
        "n",
        "--statistic",
        "rate",
    ]);
    let err = text(&out.stderr);
    assert!(
        !out.status.success() && err.contains("bad.csv:3") && err.contains("column \"x\"") && err.contains("lots"),
        "{err}"
    );
    let weighted = write(dir.path(), "w.csv", "unit,x,n\na,2.5,10.5\nb,30.25,100\n");
    let out = policing(&[
        "funnel",
        "--input",
        &weighted,
        "--key",
        "unit",
        "--numerator",
        "x",
        "--denominator",
        "n",
        "--statistic",
        "rate",
    ]);
    assert!(out.status.success() && text(&out.stdout).contains("a,2.5,10.5,"), "{}", text(&out.stderr));
}

#[test]
fn outcomes_and_report() {
    let dir = raw().join("berlinhack-cityoflondon");
    let out = policing(&["outcomes", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("force,number,row,share,share_low,share_high,count_at_least,count_at_most,band\n"));
    assert!(stdout.contains("City of London Police,18,Investigation complete – no suspect identified,"), "{stdout}");
    assert!(stdout.contains("Total of the forces given,,Total,100,100,100,"), "not England and Wales: one force only");
    let report = policing(&["report", "wiltshire-2016"]);
    assert!(report.status.success());
    let printed = text(&report.stdout);
    // The headline: "N of M figures reproduced from source data by the report's stated method", each figure
    // once (the annex prints "39 out of 43" again: five rows reproduced, four figures), then the explained line.
    let last: Vec<&str> = printed.trim_end().lines().rev().take(2).collect();
    let (explained, headline) = (last[0], last[1]);
    assert!(headline.contains(" figures reproduced from source data by the report's stated method"), "{printed}");
    assert!(explained.starts_with("2 more explained by an alternative"), "{explained}");
    let tally = printed.lines().find(|l| l.contains(" rows: reproduced ")).unwrap();
    let reproduced: usize = tally.split("reproduced ").nth(1).unwrap().split(',').next().unwrap().parse().unwrap();
    assert_eq!(reproduced, 5, "{tally}");
    assert!(headline.starts_with("4 of "), "{tally} / {headline}");
    assert!(printed.contains("anti-social behaviour") && printed.contains("window differs"), "both sources used");
    assert!(
        printed.contains("rec-crime-pfa.csv") && printed.contains("2019 edition"),
        "the report names the table it was checked against"
    );
}

#[test]
fn tracked_outcomes_from_street_and_outcomes_files() {
    let dir = raw().join("berlinhack-cityoflondon");
    let d = dir.to_str().unwrap();
    let out = policing(&["outcomes", "--street", d, "--outcomes", d]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let mut lines = stdout.lines();
    assert_eq!(lines.next(), Some("force,outcome,count"));
    let rows: Vec<&str> = lines.collect();
    let key = |r: &&str| -> (String, String) {
        let (force, outcome) = r.rsplit_once(',').unwrap().0.split_once(',').unwrap();
        (force.to_owned(), outcome.to_owned())
    };
    let mut sorted = rows.clone();
    sorted.sort_by_key(key);
    assert_eq!(rows, sorted, "sorted by force then outcome");
    assert!(rows.contains(&"City of London Police,No outcome recorded,1421"), "{stdout}");
    assert!(rows.contains(&"City of London Police,Suspect charged,389"), "{stdout}");
    let total: u64 = rows.iter().map(|r| r.rsplit(',').next().unwrap().parse::<u64>().unwrap()).sum();
    assert_eq!(total, 8138);
    let stderr = text(&out.stderr);
    assert!(stderr.contains("8138 crimes tracked (6717 with an outcome, 1421 without)"), "{stderr}");
    assert!(stderr.contains("1306 of crimes not in the street files"), "{stderr}");
    // Under a memory limit: more passes, the same counts.
    let limited = policing(&["outcomes", "--street", d, "--outcomes", d, "--memory", "16K"]);
    assert!(limited.status.success(), "{}", text(&limited.stderr));
    assert_eq!(text(&limited.stdout), stdout);
    assert!(!text(&limited.stderr).contains("in 1 pass;"), "{}", text(&limited.stderr));
    // The table is figure 4: crimes without an outcome are not yet assigned one.
    let table = policing(&["outcomes", "--street", d, "--outcomes", d, "--format", "table"]);
    let t = text(&table.stdout);
    assert!(table.status.success() && t.contains("Charged/Summonsed"), "{t}");
    // As the data stood at the end of 2016.
    let at = policing(&["outcomes", "--street", d, "--outcomes", d, "--to", "2016-12", "-q"]);
    assert!(at.status.success() && text(&at.stdout) != stdout);
    // Usage errors: exit code 2, naming what is wrong.
    for (args, needle) in [
        (vec!["outcomes", "--street", d], "--outcomes"),
        (vec!["outcomes", "--street", d, "--outcomes", d, "--memory", "12Q"], "\"12Q\""),
        (vec!["outcomes", d, "--memory", "1G"], "--memory"),
        (vec!["outcomes", "--outcomes", d], "no street files given"),
        (vec!["outcomes", "--street", d, "--outcomes", d, "--memory", "1K"], "a memory limit of 1024 bytes"),
    ] {
        let out = policing(&args);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(needle), "{args:?}: {err}");
    }
}

#[test]
fn figures_as_svg() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "ocgs.csv",
        "force,per_million,why\nWiltshire Police,17,\nForce B,46,\nForce C,60,\nForce D,30,\nCity of London Police,,not comparable: size and national remit\n",
    );
    let out = dir.path().join("fig9.svg");
    let run = policing(&[
        "figure",
        "ranked",
        "--input",
        &input,
        "--key",
        "force",
        "--value",
        "per_million",
        "--note",
        "why",
        "--england-and-wales",
        "46",
        "--highlight",
        "Wiltshire Police",
        "--out",
        out.to_str().unwrap(),
        "--title",
        "Figure 9: Organised crime groups per one million population, by force",
        "--unit",
        "OCGs per one million population",
        "--period",
        "as at 1 July 2016",
        "--source",
        "Source: HMIC data return",
    ]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("Wiltshire Police") && svg.contains("England and Wales: 46"));
    assert!(svg.contains("City of London Police (not comparable: size and national remit)"));
    let lines =
        write(dir.path(), "lines.csv", "year,Wiltshire Police,England and Wales\n2012,51.5,70.6\n2016,54.3,68.2\n");
    let out2 = dir.path().join("fig1.svg");
    let run = policing(&[
        "figure",
        "lines",
        "--input",
        &lines,
        "--highlight",
        "Wiltshire Police",
        "--out",
        out2.to_str().unwrap(),
    ]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    // Values at the data's precision, not the value axis's (ticks 50, 55, ... 75)...
    assert!(std::fs::read_to_string(&out2).unwrap().contains("England and Wales: 68.2<"));
    // ... or as many places as asked for.
    let run = policing(&["figure", "lines", "--input", &lines, "--decimals", "0", "--out", out2.to_str().unwrap()]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    assert!(std::fs::read_to_string(&out2).unwrap().contains("England and Wales: 68<"));
    // A format the tool does not write is refused before anything is drawn.
    let pdf = dir.path().join("fig1.pdf");
    let run = policing(&["figure", "lines", "--input", &lines, "--out", pdf.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(2));
    assert!(text(&run.stderr).contains(".svg or .png") && !pdf.exists(), "{}", text(&run.stderr));
    let bad = policing(&[
        "figure",
        "ranked",
        "--input",
        &input,
        "--key",
        "force",
        "--value",
        "per_million",
        "--highlight",
        "Nobody",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(!bad.status.success() && text(&bad.stderr).contains("Nobody"));
}

/// `policing crime` prints every force's five measures with the documented columns,
/// from the table shipped inside the tool.
#[test]
fn crime_csv_contract_for_every_force() {
    let out = policing(&["crime", "--to", "2016-06", "--format", "csv"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let mut reader = csv::Reader::from_reader(stdout.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(
        header[..20],
        [
            "force",
            "measure",
            "count",
            "denominator",
            "rate",
            "lower_95",
            "upper_95",
            "chance_lower_95",
            "chance_upper_95",
            "previous_year_change",
            "five_year_change",
            "previous_year_change_lower_95",
            "previous_year_change_upper_95",
            "five_year_change_lower_95",
            "five_year_change_upper_95",
            "change_against_england_and_wales",
            "trend",
            "rank",
            "band",
            "significance"
        ]
    );
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (rate, lower, upper, rank, band) = (col("rate"), col("lower_95"), col("upper_95"), col("rank"), col("band"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let measures = [
        "recorded_crime_excl_fraud",
        "victim_based_crime",
        "sexual_offences",
        "violence_with_injury",
        "domestic_burglary",
    ];
    assert_eq!(rows.len(), 5 * 44);
    for m in measures {
        let of: Vec<&csv::StringRecord> = rows.iter().filter(|r| &r[1] == m).collect();
        assert_eq!(of.len(), 44, "{m}");
        assert_eq!(of.iter().filter(|r| &r[0] == "England and Wales").count(), 1);
        let ranked: Vec<_> = of.iter().filter(|r| !r[rank].is_empty()).collect();
        assert_eq!(ranked.len(), 42, "{m}: City of London is not ranked");
        for r in &of {
            let bands = ["one of the highest", "broadly in line", "one of the lowest", ""];
            assert!(bands.contains(&&r[band]), "{:?}", r);
            if !r[rank].is_empty() {
                let f = |c: usize| r[c].parse::<f64>().unwrap();
                assert!(f(lower) < f(rate) && f(rate) < f(upper), "{:?}", r);
                // The interval is the verdict's: England and Wales lies outside it exactly when significant.
                let ew: f64 = of.iter().find(|r| &r[0] == "England and Wales").unwrap()[rate].parse().unwrap();
                let outside = ew < f(lower) || ew > f(upper);
                assert_eq!(outside, &r[col("significance")] != "Not significant", "{:?}", r);
            }
            for col in [rate, col("previous_year_change"), col("five_year_change")] {
                let v = &r[col];
                if !v.is_empty() {
                    let decimals = v.split_once('.').map_or(0, |(_, d)| d.len());
                    assert!(decimals >= 4 || v.parse::<f64>().unwrap().fract() == 0.0, "{m} {} col {col}: {v}", &r[0]);
                }
            }
        }
        // The 43 forces add up to England and Wales.
        let sum: i64 = of.iter().filter(|r| &r[0] != "England and Wales").map(|r| r[2].parse::<i64>().unwrap()).sum();
        let ew = of.iter().find(|r| &r[0] == "England and Wales").unwrap();
        assert_eq!(sum, ew[2].parse::<i64>().unwrap(), "{m}");
        assert!(
            ew.iter().next_back().unwrap().contains("British Transport Police"),
            "the England and Wales row says what it is"
        );
    }
    let city = rows.iter().find(|r| &r[0] == "City of London Police").unwrap();
    assert!(
        !city[2].is_empty() && city[rate].is_empty() && city.iter().next_back().unwrap().contains("PEEL denominator")
    );
    let wilts = rows.iter().find(|r| &r[0] == "Wiltshire Police" && &r[1] == "domestic_burglary").unwrap();
    assert_eq!((&wilts[2], &wilts[3]), ("1329", "295888"));
    assert!(wilts[rate].starts_with("4.49"), "{:?}", wilts);
    let stderr = text(&out.stderr);
    assert!(stderr.contains("5 data quirks handled as documented"), "the quirks are counted: {stderr}");
    let verbose = policing(&["crime", "--to", "2016-06", "--format", "csv", "--verbose"]);
    let stderr = text(&verbose.stderr);
    assert!(stderr.contains("30-12-2017") && stderr.contains("negative"), "and listed: {stderr}");
}

#[test]
fn crime_finds_the_mislabelled_quarter_filters_a_force_and_refuses_bad_input() {
    let out = policing(&[
        "crime",
        "--to",
        "2017-12",
        "--force",
        "dorset",
        "--measure",
        "victim_based_crime",
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["force"], "Dorset Police");
    assert!(rows[0]["count"].is_i64() && rows[0]["rate"].is_f64(), "typed numbers: {}", rows[0]);
    assert_eq!(rows[1]["force"], "England and Wales");
    assert!(rows[1]["rank"].is_null());
    // Domestic burglary past March 2017 says it is not comparable and offers residential burglary.
    let out = policing(&["crime", "--to", "2017-12", "--measure", "domestic_burglary", "--format", "csv"]);
    assert!(out.status.success());
    assert!(text(&out.stdout).contains("residential_burglary"), "{}", text(&out.stdout));
    for (args, needle) in [
        (vec!["crime", "--to", "2016-05"], "not the end of a quarter"),
        (vec!["crime", "--to", "2030-06"], "30 June 2030"),
        (vec!["crime", "--to", "2016-06", "--measure", "assault_with_injury"], "assault_with_injury"),
        (vec!["crime", "--to", "2016-06", "--force", "Atlantis"], "Atlantis"),
        (vec!["crime", "--input", "/no/such.csv"], "/no/such.csv"),
    ] {
        let out = policing(&args);
        assert!(!out.status.success(), "{args:?}");
        assert!(text(&out.stderr).contains(needle), "{args:?}: {}", text(&out.stderr));
    }
}

#[test]
fn crime_figures_are_drawn() {
    let dir = tempfile::tempdir().unwrap();
    let trend = dir.path().join("f1.svg");
    let out = policing(&[
        "figure",
        "crime-trend",
        "--to",
        "2016-06",
        "--force",
        "Wiltshire",
        "--out",
        trend.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let svg = std::fs::read_to_string(&trend).unwrap();
    assert!(svg.contains("Wiltshire Police") && svg.contains("England and Wales") && svg.contains("Jun 2016"));
    let ranked = dir.path().join("f2.svg");
    let out = policing(&[
        "figure",
        "crime-by-force",
        "--to",
        "2016-06",
        "--measure",
        "sexual_offences",
        "--highlight",
        "wiltshire",
        "--out",
        ranked.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let svg = std::fs::read_to_string(&ranked).unwrap();
    assert!(svg.contains("Dyfed-Powys Police") && svg.contains("City of London Police"));
}

fn run_shell(script: &str) -> Output {
    Command::new("sh").arg("-c").arg(script).env("POLICING", env!("CARGO_BIN_EXE_policing")).output().unwrap()
}

/// Failures an adversarial test found: each is now a clear error with exit code
/// 1 (bad data) or 2 (bad usage), never a panic (101), an abort (134) or a hang.
#[test]
fn bad_usage_and_hostile_inputs_are_clear_errors() {
    let city = raw().join("berlinhack-cityoflondon");
    let city = city.to_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let tiny = write(dir.path(), "tiny.csv", "unit,x,n\na,0.000000000000001,10\nb,3,10\n");
    let june = raw().join("berlinhack-cityoflondon/2016-06-city-of-london-street.csv").to_str().unwrap().to_owned();
    let header = std::fs::read_to_string(&june).unwrap().lines().next().unwrap().to_owned();
    let all_bad = write(dir.path(), "2016-06-bad-street.csv", &format!("{header}\ntoo,few\nfields,here\n"));
    let cases: Vec<(Vec<&str>, i32, &str)> = vec![
        // Nothing counted because every row was rejected is not a success with an empty table.
        (vec!["counts", &all_bad], 1, "every row read (2) was rejected"),
        (vec!["counts", "--threads", "30000", city], 2, "threads"),
        (vec!["counts", "--threads", "18446744073709551615", city], 2, "threads"),
        (vec!["counts", "--block-size", "18446744073709551615", city], 2, "block"),
        (vec!["counts", "--from", "2016-06", "--to", "2016-01", city], 2, "after"),
        (vec!["counts", "--force", "dorset", &june], 2, "no crimes of Dorset Police"),
        (
            vec![
                "figure",
                "funnel",
                "-i",
                &tiny,
                "-k",
                "unit",
                "--numerator",
                "x",
                "--denominator",
                "n",
                "--statistic",
                "rate",
                "--multiplier",
                "inf",
                "-o",
                "/tmp/x.svg",
            ],
            2,
            "multiplier",
        ),
        (vec!["band", "-i", "/dev/zero", "-k", "a", "-v", "b"], 1, "bytes"),
        // An endless table (it grew to gigabytes), and a device named as a data file.
        (vec!["crime", "--to", "2016-06", "--input", "/dev/zero"], 1, "line 1: a row longer than 1048576 bytes"),
        (vec!["counts", "/dev/zero"], 1, "not a file, folder or zip archive"),
        (vec!["outcomes", "--street", &june, "--outcomes", "/dev/zero"], 1, "send it to standard input"),
    ];
    for (args, code, needle) in cases {
        let out = policing(&args);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {}", text(&out.stderr));
        assert!(text(&out.stderr).contains(needle), "{args:?}: {}", text(&out.stderr));
    }
    // A numerator of 1e-15 is a rate like any other.
    let out = policing(&[
        "funnel",
        "-i",
        &tiny,
        "-k",
        "unit",
        "--numerator",
        "x",
        "--denominator",
        "n",
        "--statistic",
        "rate",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    // A full disk is an error (exit 1), on standard output or on standard error; a closed pipe ends quietly.
    #[cfg(target_os = "linux")]
    {
        let full = run_shell("\"$POLICING\" report wiltshire-2016 > /dev/full");
        assert_eq!(full.status.code(), Some(1), "{}", text(&full.stderr));
        assert!(text(&full.stderr).contains("the disk is full"), "{}", text(&full.stderr));
        let err_full = run_shell(&format!("\"$POLICING\" counts {city} 2> /dev/full > /dev/null"));
        assert_eq!(err_full.status.code(), Some(0));
        let usage_full = run_shell("\"$POLICING\" counts --threads x 2> /dev/full");
        assert_eq!(usage_full.status.code(), Some(2));
        let piped = run_shell("\"$POLICING\" crime --format csv | head -1");
        assert!(piped.status.success() && !text(&piped.stderr).contains("panicked"), "{}", text(&piped.stderr));
    }
}

#[test]
fn files_are_read_once_and_an_empty_selection_is_an_error() {
    let city = raw().join("berlinhack-cityoflondon");
    let june = city.join("2016-06-city-of-london-street.csv");
    let june = june.to_str().unwrap();
    let once = policing(&["counts", june]);
    let twice = policing(&["counts", june, june]);
    assert_eq!(once.stdout, twice.stdout, "the same file given twice is counted once");
    assert!(text(&twice.stderr).contains("read once"), "{}", text(&twice.stderr));
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(june, dir.path().join("june.csv")).unwrap();
    let renamed = policing(&["counts", dir.path().to_str().unwrap()]);
    assert_eq!(renamed.status.code(), Some(1));
    assert!(text(&renamed.stderr).contains("-street.csv"), "{}", text(&renamed.stderr));
}

/// The conventions every command follows: --format, -o, - for standard input,
/// --quiet, exit codes in --help; and what analysts asked for first.
#[test]
fn conventions_and_new_counts() {
    let city = raw().join("berlinhack-cityoflondon");
    let city_s = city.to_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let help = text(&policing(&["--help"]).stdout);
    assert!(help.contains("Exit codes: 0 success; 1 bad data") && help.contains("2 bad usage"), "{help}");
    // -o writes the file; --quiet leaves standard error empty.
    let out_file = dir.path().join("counts.json");
    let out = policing(&["counts", "-q", "-f", "json", "-o", out_file.to_str().unwrap(), city_s]);
    assert!(out.status.success() && out.stdout.is_empty() && out.stderr.is_empty(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out_file).unwrap()).unwrap();
    assert!(json[0]["count"].is_u64());
    // Standard input.
    let june = city.join("2016-06-city-of-london-street.csv");
    let piped = run_shell(&format!("\"$POLICING\" counts - < {}", june.display()));
    assert_eq!(piped.stdout, policing(&["counts", june.to_str().unwrap()]).stdout);
    let rates = write(dir.path(), "r.csv", "force,rate\nA,1\nB,2\nC,3\nD,4\n");
    let band_stdin = run_shell(&format!("\"$POLICING\" band -i - -k force -v rate < {rates}"));
    assert!(text(&band_stdin.stdout).contains("D,4,1,one of the highest"), "{}", text(&band_stdin.stdout));
    // By crime type, by month, per 1,000 residents.
    let by_type = text(&policing(&["counts", "--by", "crime-type", city_s]).stdout);
    assert!(by_type.starts_with("force,crime_type,count\nCity of London Police,Bicycle theft,"), "{by_type}");
    let by_month = text(&policing(&["counts", "--by", "month", city_s]).stdout);
    assert_eq!(by_month.lines().count(), 1 + 18, "{by_month}");
    assert!(by_month.contains("City of London Police,2016-06,"));
    let per = policing(&["counts", "--per", "1000", city_s]);
    assert!(text(&per.stdout).starts_with("force,outcome,count,population,per_1000\n"));
    assert!(text(&per.stderr).contains("City of London"), "City of London's rate is not given, and it says why");
    // A figure as PNG by the name.
    let png = dir.path().join("f1.png");
    let out = policing(&["figure", "crime-trend", "--to", "2016-06", "-F", "wiltshire", "-o", png.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
}

/// A period the data do not hold is one typed error, raised once, with one exit
/// code (2, a usage error) and one message naming the range held, in every
/// command that takes a rolling year.
#[test]
fn a_period_not_held_is_one_usage_error_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("x.svg");
    let svg = svg.to_str().unwrap();
    let commands: [&[&str]; 5] = [
        &["crime", "--to", "2030-06"],
        &["profile", "--force", "wiltshire", "--to", "2030-06"],
        &["figure", "crime-trend", "--force", "wiltshire", "--to", "2030-06", "-o", svg],
        &["figure", "crime-by-force", "--to", "2030-06", "-o", svg],
        &["crime", "--to", "2002-12", "-f", "csv"],
    ];
    for args in commands {
        let out = policing(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", text(&out.stderr));
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains("the recorded crime table has no figures for the 12 months to")
                && stderr.contains("it holds rolling years ending 31 March 2003 to 31 December 2018"),
            "{args:?}: {stderr}"
        );
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

/// Changes as section 9 gives them: no change resting on fewer than 10 events
/// is printed as a percentage (the CSV cell is empty, the note gives the counts;
/// the reading view says it in words); a change across a definition break says
/// "not comparable" with the break and its source; every measured change has
/// its exact interval; the label against England and Wales and the trend have
/// columns of their own.
#[test]
fn changes_are_tested_and_small_or_broken_ones_are_not_percentages() {
    let out = policing(&[
        "crime",
        "--to",
        "2016-06",
        "-m",
        "homicide",
        "-m",
        "stalking_and_harassment",
        "-m",
        "robbery",
        "-f",
        "csv",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let mut small = 0;
    for r in &rows {
        let notes = &r[col("notes")];
        let change = &r[col("previous_year_change")];
        if notes.contains("previous year change: too few events to judge a change") {
            small += 1;
            assert!(change.is_empty() && r[col("previous_year_change_lower_95")].is_empty(), "{r:?}");
        } else if r[col("measure")] == *"stalking_and_harassment" {
            assert!(change.is_empty() && notes.contains("not comparable: the April 2015 change"), "{r:?}");
            assert!(notes.contains("Home Office"), "{r:?}");
        } else if !change.is_empty() {
            let (lo, c, hi) = (
                r[col("previous_year_change_lower_95")].parse::<f64>().unwrap(),
                change.parse::<f64>().unwrap(),
                r[col("previous_year_change_upper_95")].parse::<f64>().unwrap(),
            );
            assert!(lo <= c && c <= hi, "{r:?}");
        }
        if r[col("force")] != *"England and Wales" && !change.is_empty() {
            assert!(r[col("change_against_england_and_wales")].contains("England and Wales"), "{r:?}");
        }
    }
    assert!(small >= 5, "homicide in small forces: {small}");
    // The reading view says it in words.
    let table = policing(&["crime", "--to", "2016-06", "-m", "homicide", "-F", "wiltshire"]);
    assert!(text(&table.stdout).contains("too few events to judge a change (4 then 4)"), "{}", text(&table.stdout));
}

/// The ledger file of the Wiltshire report and its text, as shipped.
fn peel_reports() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../policing-peel/reports")
}

/// A CSV's rows as maps from column to cell.
fn csv_rows(text: &str) -> Vec<std::collections::BTreeMap<String, String>> {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
    r.records().map(|rec| header.iter().cloned().zip(rec.unwrap().iter().map(str::to_owned)).collect()).collect()
}

/// `report check` re-targets a ledger at any force: the template (printed values blank) and the Wiltshire
/// ledger's computable rows, checked for other forces, give each force's own profile values (the profile of
/// the same year with the populations the 2016 reports used), computed by another command.
#[test]
fn report_check_retargets_ledgers_and_equals_each_forces_profile() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("template.tsv");
    let out = policing(&["report", "template"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    std::fs::write(&template, &out.stdout).unwrap();
    let wiltshire = peel_reports().join("wiltshire-2016.tsv");
    let mut compared = 0;
    for force in ["dorset", "kent", "merseyside", "dyfed-powys"] {
        let profile = policing(&[
            "profile",
            "-F",
            force,
            "--to",
            "2016-06",
            "--populations",
            "mid-2015-original",
            "-f",
            "csv",
            "-q",
        ]);
        assert!(profile.status.success(), "{}", text(&profile.stderr));
        let profile = csv_rows(&text(&profile.stdout));
        let of = |measure: &str, column: &str| -> f64 {
            let row = profile.iter().find(|r| r["section"] == "recorded crime" && r["measure"] == measure).unwrap();
            row[column].parse().unwrap()
        };
        for ledger in [&template, &wiltshire] {
            let out = policing(&["report", "check", ledger.to_str().unwrap(), "--force", force, "-f", "csv"]);
            assert!(out.status.success(), "{}", text(&out.stderr));
            for row in csv_rows(&text(&out.stdout)) {
                let kind = row["id"].split('.').next().unwrap().to_owned();
                let (measure, column) = match (kind.as_str(), row["item"].as_str()) {
                    ("fig2", "Recorded crime (excluding fraud)") => ("recorded_crime_excl_fraud", "rate"),
                    ("fig2", "Victim-based crime") => ("victim_based_crime", "rate"),
                    ("fig2", "Sexual offences") => ("sexual_offences", "rate"),
                    ("fig2", "Burglary in a dwelling (per 1,000 households)") => ("domestic_burglary", "rate"),
                    ("crime", i) if i.contains("five years") => ("recorded_crime_excl_fraud", "five_year_change"),
                    ("crime", i) if i.contains("one year") => ("recorded_crime_excl_fraud", "previous_year_change"),
                    ("victim", _) => ("victim_based_crime", "five_year_change"),
                    _ => continue,
                };
                let column = if row["subject"] == "England and Wales" {
                    match column {
                        "rate" => "england_and_wales_rate",
                        _ => continue,
                    }
                } else {
                    column
                };
                let want = of(measure, column);
                // Signed text is written with a leading apostrophe (a CSV cell that reads as a formula is neutralised).
                let got: f64 = row["computed"].trim_start_matches('\'').trim_start_matches('+').parse().unwrap();
                // The template shows four places; a transcribed ledger the printed value's.
                let places = if row["printed"].is_empty() {
                    4
                } else {
                    row["printed"].split_once('.').map_or(0, |(_, d)| i32::try_from(d.len()).unwrap())
                };
                let f = 10f64.powi(places);
                assert_eq!(got, (want * f).round() / f, "{force} {}: {}", row["id"], row["note"]);
                compared += 1;
            }
        }
    }
    assert!(compared >= 4 * 2 * 10, "{compared}");
}

/// `report check` with the report's text: the Wiltshire ledger file and text give the same verdicts as
/// `report wiltshire-2016`, and nothing is missing; a row deleted from the file is found missing by the scan;
/// a row that does not parse, and a ledger that names no force, are refused naming what is wrong.
#[test]
fn report_check_scans_the_text_and_refuses_bad_ledgers() {
    let reports = peel_reports();
    let (ledger, report_text, rules) = (
        reports.join("wiltshire-2016.tsv"),
        reports.join("wiltshire-2016.txt"),
        reports.join("wiltshire-2016-scan.tsv"),
    );
    let l = ledger.to_str().unwrap();
    let (t, r) = (report_text.to_str().unwrap(), rules.to_str().unwrap());
    let checked = policing(&["report", "check", l, "--text", t, "--rules", r]);
    assert!(checked.status.success(), "{}", text(&checked.stderr));
    let checked = text(&checked.stdout);
    assert!(checked.contains("everything else is covered by a reasoned rule"), "{}", &checked[checked.len() - 500..]);
    let shipped = text(&policing(&["report", "wiltshire-2016"]).stdout);
    assert!(checked.starts_with(&shipped), "report check on the shipped ledger and text is the shipped report");
    // Without the report's own rules, its narrative's non-verdicts are listed for a row or a rule.
    let bare = text(&policing(&["report", "check", l, "--text", t]).stdout);
    assert!(bare.contains("not accounted for") && bare.contains("line 1443"), "{bare}");
    // A row deleted: its statement is missing.
    let dir = tempfile::tempdir().unwrap();
    let fewer: String = std::fs::read_to_string(&ledger)
        .unwrap()
        .lines()
        .filter(|line| !line.starts_with("judged.1361\t") && !line.starts_with("found.1361\t"))
        .map(|line| format!("{line}\n"))
        .collect();
    let fewer_path = dir.path().join("fewer.tsv");
    std::fs::write(&fewer_path, fewer).unwrap();
    let out = text(&policing(&["report", "check", fewer_path.to_str().unwrap(), "--text", t, "--rules", r]).stdout);
    assert!(out.contains("line 1361: \"has not\" is neither a ledger row"), "{}", &out[out.len() - 800..]);
    // A change without its span is refused, naming the row; so is a template without a force.
    let header = "id\tline\tsection\titem\tunit\tperiod\tprinted\tmeasure\tnote\n";
    let bad = dir.path().join("bad.tsv");
    std::fs::write(
        &bad,
        format!("#@ force: Dorset Police\n{header}c\t1\tS\tChange\tforce\t12 months to 30 June 2016\t+1.0\tcrime.change recorded_crime_excl_fraud\t\n"),
    )
    .unwrap();
    let out = policing(&["report", "check", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("line 3")
            && text(&out.stderr).contains("row c: crime.change needs the number of years"),
        "{}",
        text(&out.stderr)
    );
    std::fs::write(
        &bad,
        format!(
            "#@ force: Dorset Police\n{header}c\t1\tS\tRate\tforce\tthe year 2016\t1.0\tcrime.rate sexual_offences\t\n"
        ),
    )
    .unwrap();
    let out = policing(&["report", "check", bad.to_str().unwrap()]);
    assert!(text(&out.stderr).contains("is not a rolling year"), "{}", text(&out.stderr));
    let template = dir.path().join("template.tsv");
    std::fs::write(&template, policing(&["report", "template"]).stdout).unwrap();
    let out = policing(&["report", "check", template.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("#@ force:"), "{}", text(&out.stderr));
}
