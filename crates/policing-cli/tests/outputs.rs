//! Outputs an analyst can use (issue 24): every command's table feeds the
//! commands that read tables, numbers are printed by meaning, workbooks are read
//! and written, and the command line says what it means.
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

fn policing(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_policing")).current_dir(dir).args(args).output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).unwrap()
}

/// Runs and expects success; standard output.
fn ok(dir: &Path, args: &[&str]) -> String {
    let out = policing(dir, args);
    assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    text(&out.stdout)
}

fn csv_rows(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header = r.headers().unwrap().iter().map(str::to_owned).collect();
    (header, r.records().map(|x| x.unwrap().iter().map(str::to_owned).collect()).collect())
}

/// Problem 4: `crime` CSV into `funnel`, `band` and the figures; `outcomes` CSV
/// into `figure outcomes`; `counts --wide` into `figure lines`.
#[test]
fn each_output_feeds_the_commands_that_read_tables() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let rates = ok(d, &["crime", "--to", "2016-06", "--measure", "victim_based_crime", "--format", "csv"]);
    std::fs::write(d.join("rates.csv"), &rates).unwrap();

    // band: England and Wales is recognised and left out of the ranks; City of London (no rate) is not ranked.
    let out = policing(d, &["band", "-i", "rates.csv", "-k", "force", "-v", "rate"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let (_, rows) = csv_rows(&text(&out.stdout));
    let ranked: Vec<u64> = rows.iter().filter_map(|r| r[2].parse().ok()).collect();
    assert_eq!(ranked.len(), 42, "42 forces ranked, not England and Wales");
    assert!(ranked.iter().all(|r| *r <= 42));
    assert!(text(&out.stderr).contains("England and Wales left out of the ranking"), "{}", text(&out.stderr));

    // funnel: the City of London row (no denominator) is skipped with a note.
    let out = policing(
        d,
        &[
            "funnel",
            "-i",
            "rates.csv",
            "-k",
            "force",
            "--numerator",
            "count",
            "--denominator",
            "denominator",
            "--statistic",
            "rate",
            "--overdispersion",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    // 43 forces: City of London (no denominator) is kept as a row without a value, never dropped.
    assert_eq!(csv_rows(&text(&out.stdout)).1.len(), 43);
    let stderr = text(&out.stderr);
    assert!(stderr.contains("City of London Police (line") && stderr.contains("England and Wales"), "{stderr}");

    // The figures from the same file.
    ok(
        d,
        &["figure", "ranked", "-i", "rates.csv", "-k", "force", "-v", "rate", "-F", "Wiltshire Police", "-o", "r.svg"],
    );
    ok(
        d,
        &[
            "figure",
            "funnel",
            "-i",
            "rates.csv",
            "-k",
            "force",
            "--numerator",
            "count",
            "--denominator",
            "denominator",
            "--statistic",
            "rate",
            "-F",
            "Wiltshire Police",
            "-o",
            "f.svg",
        ],
    );
    let svg = std::fs::read_to_string(d.join("f.svg")).unwrap();
    assert!(svg.contains(">denominator<"), "the denominator axis is titled by its column");

    // outcomes CSV: numeric shares, then drawn for one force against England and Wales.
    let city = raw().join("berlinhack-cityoflondon");
    let outcomes = ok(d, &["outcomes", city.to_str().unwrap()]);
    let (header, rows) = csv_rows(&outcomes);
    assert_eq!(header[3..6], ["share", "share_low", "share_high"]);
    for r in &rows {
        let (low, high): (f64, f64) = (r[4].parse().unwrap(), r[5].parse().unwrap());
        assert!(low <= high, "{r:?}");
        if !r[3].is_empty() {
            let share: f64 = r[3].parse().unwrap();
            assert!(share == low && share == high, "an exact share is its own range: {r:?}");
        }
    }
    std::fs::write(d.join("outcomes.csv"), &outcomes).unwrap();
    ok(
        d,
        &[
            "figure",
            "outcomes",
            "-i",
            "outcomes.csv",
            "--key",
            "force",
            "-F",
            "City of London Police",
            "--label",
            "row",
            "-v",
            "share_high",
            "-o",
            "o.svg",
        ],
    );

    // counts by month, one column a force, into a line chart.
    let wide = ok(d, &["counts", city.to_str().unwrap(), "--by", "month", "--wide"]);
    let (header, rows) = csv_rows(&wide);
    assert_eq!(header, ["month", "City of London Police"]);
    assert_eq!(rows.len(), 18, "18 months of files");
    std::fs::write(d.join("months.csv"), &wide).unwrap();
    ok(d, &["figure", "lines", "-i", "months.csv", "-o", "l.svg"]);
}

/// Problem 2: measures as the shortest decimal that reads back as the same
/// float in CSV and JSON, rounded in tables, and `--decimals` everywhere.
#[test]
fn numbers_are_printed_by_meaning() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let csv = ok(d, &["crime", "--to", "2016-06", "--measure", "victim_based_crime", "--format", "csv"]);
    let (header, rows) = csv_rows(&csv);
    let rate = header.iter().position(|h| h == "rate").unwrap();
    let count = header.iter().position(|h| h == "count").unwrap();
    let denominator = header.iter().position(|h| h == "denominator").unwrap();
    for r in rows.iter().filter(|r| !r[rate].is_empty()) {
        let v: f64 = r[rate].parse().unwrap();
        assert_eq!(v.to_string(), r[rate], "shortest round trip");
        let digits = r[rate].chars().filter(char::is_ascii_digit).count();
        assert!(digits <= 17, "{}", r[rate]);
        // And it is the count over the denominator.
        let (c, n): (f64, f64) = (r[count].parse().unwrap(), r[denominator].parse().unwrap());
        assert!((v - c * 1000.0 / n).abs() <= 1e-9 * v, "{r:?}");
    }
    let rounded =
        ok(d, &["crime", "--to", "2016-06", "--measure", "victim_based_crime", "--format", "csv", "--decimals", "2"]);
    let (_, rows) = csv_rows(&rounded);
    assert!(rows
        .iter()
        .filter(|r| !r[rate].is_empty())
        .all(|r| r[rate].split('.').nth(1).is_some_and(|f| f.len() == 2)));
    // band's table rounds, as its help says.
    std::fs::write(d.join("rates.csv"), &csv).unwrap();
    let table = ok(d, &["band", "-i", "rates.csv", "-k", "force", "-v", "rate", "-f", "table"]);
    assert!(!table.lines().any(|l| l.split_whitespace().any(|w| w.split('.').nth(1).is_some_and(|f| f.len() > 2))));
    // counts --per: rates in CSV read back, counts are whole.
    let city = raw().join("berlinhack-cityoflondon");
    let json = ok(d, &["counts", city.to_str().unwrap(), "--by", "crime-type", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(v.as_array().unwrap().iter().all(|o| o["count"].is_u64()));
}

/// Problem 5: workbooks read wherever a table is read, and written with `-o x.xlsx`.
#[test]
fn workbooks_in_and_out() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["crime", "--to", "2016-06", "--measure", "victim_based_crime", "-o", "rates.xlsx"]);
    let bytes = std::fs::read(d.join("rates.xlsx")).unwrap();
    assert!(bytes.starts_with(b"PK"));
    let banded = ok(d, &["band", "-i", "rates.xlsx", "-k", "force", "-v", "rate"]);
    assert_eq!(csv_rows(&banded).1.iter().filter(|r| !r[2].is_empty()).count(), 42);
    let funnel = ok(
        d,
        &[
            "funnel",
            "-i",
            "rates.xlsx",
            "--sheet",
            "table",
            "-k",
            "force",
            "--numerator",
            "count",
            "--denominator",
            "denominator",
            "--statistic",
            "rate",
        ],
    );
    assert_eq!(csv_rows(&funnel).1.len(), 43);
    ok(d, &["figure", "ranked", "-i", "rates.xlsx", "-k", "force", "-v", "rate", "-o", "r.png"]);
    // The same numbers as the CSV.
    let csv = ok(d, &["crime", "--to", "2016-06", "--measure", "victim_based_crime", "--format", "csv"]);
    std::fs::write(d.join("rates.csv"), &csv).unwrap();
    assert_eq!(ok(d, &["band", "-i", "rates.csv", "-k", "force", "-v", "rate"]), banded);
    // A real .ods workbook (the Home Office workforce tables) is read, not taken for CSV.
    let ods = raw().join("resistancelab/police-workforce-tables-sep16.ods");
    let out = policing(d, &["band", "-i", ods.to_str().unwrap(), "-k", "Force", "-v", "x"]);
    assert!(text(&out.stderr).contains("no column \"Force\""), "{}", text(&out.stderr));
    // Formats the tool does not write are refused before any work.
    let out = policing(d, &["crime", "--to", "2016-06", "-o", "rates.pdf"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains(".xlsx or .parquet, not .pdf") && !d.join("rates.pdf").exists());
    // An unknown extension, or none without --format, is refused before anything is read (no summary of
    // the ONS table on standard error); each command says the names it writes.
    for (args, says) in [
        (&["crime", "--to", "2016-06", "-o", "rates.out"][..], "not .out"),
        (&["crime", "--to", "2016-06", "-o", "rates"][..], "does not say a format"),
        (&["report", "wiltshire-2016", "-o", "ledger.pdf"][..], "not .pdf"),
        (&["report", "wiltshire-2016", "-o", "ledger"][..], "does not say a format"),
        (&["report", "wiltshire-2016", "-o", "ledger.txt", "-f", "csv"][..], "report in words"),
        (&["profile", "-F", "dorset", "-o", "dorset.pdf"][..], "not .pdf"),
        (&["figure", "ranked", "-i", "rates.csv", "-k", "force", "-v", "rate", "-o", "r.pdf"][..], ".svg or .png"),
    ] {
        let out = policing(d, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", text(&out.stderr));
        assert!(text(&out.stderr).contains(says) && !text(&out.stderr).contains("rows read"), "{}", text(&out.stderr));
    }
    assert!(["rates.out", "rates", "ledger.pdf", "ledger", "ledger.txt", "dorset.pdf", "r.pdf"]
        .iter()
        .all(|f| !d.join(f).exists()));
    // A name without an extension is written in the --format asked for.
    ok(d, &["crime", "--to", "2016-06", "-f", "csv", "-o", "rates"]);
    assert!(std::fs::read_to_string(d.join("rates")).unwrap().starts_with("force,"));
    let out = policing(d, &["band", "-i", "rates.csv", "--sheet", "x", "-k", "force", "-v", "rate"]);
    assert_eq!(out.status.code(), Some(2), "--sheet on a CSV");
}

/// Problem 7: the command line a person expects.
#[test]
fn the_command_line_says_what_it_means() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // Every command's help has examples.
    for cmd in [
        vec!["crime"],
        vec!["counts"],
        vec!["outcomes"],
        vec!["band"],
        vec!["funnel"],
        vec!["figure"],
        vec!["report"],
        vec!["profile"],
        vec!["forces"],
    ] {
        let mut args = cmd.clone();
        args.push("--help");
        let help = ok(d, &args);
        assert!(help.contains("Examples:\n  policing "), "{cmd:?}");
        assert!(!help.contains("policing_"), "{cmd:?}: no Rust paths in help");
    }
    // Forces, their codes and accepted names; each accepted name parses.
    let forces = ok(d, &["forces", "--format", "csv"]);
    let (header, rows) = csv_rows(&forces);
    assert_eq!(rows.len(), 44);
    let accepted = header.iter().position(|h| h == "also_accepted").unwrap();
    // Every accepted name of every territorial force, given at once (-F is repeatable).
    let mut args: Vec<String> =
        ["crime", "--to", "2016-06", "-m", "robbery", "-f", "csv", "-q"].map(str::to_owned).to_vec();
    for r in rows.iter().filter(|r| r[0] != "British Transport Police") {
        for name in r[accepted].split("; ").chain([r[0].as_str()]) {
            args.extend(["-F".to_owned(), name.to_owned()]);
        }
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    assert_eq!(csv_rows(&ok(d, &args)).1.len(), 44, "every territorial force and England and Wales");
    // Did you mean.
    let out = policing(d, &["crime", "--force", "wiltshrie"]);
    assert_eq!(out.status.code(), Some(2));
    let e = text(&out.stderr);
    assert!(e.contains("did you mean Wiltshire Police?") && e.contains("policing forces"), "{e}");
    // -F repeatable.
    let two = ok(d, &["crime", "--to", "2016-06", "-F", "wiltshire", "-F", "dorset", "-m", "robbery", "-f", "csv"]);
    let mut names: Vec<String> = csv_rows(&two).1.into_iter().map(|r| r[0].clone()).collect();
    names.sort();
    assert_eq!(names, ["Dorset Police", "England and Wales", "Wiltshire Police"]);
    // Precise month errors.
    for (to, says) in [
        ("2016-13", "no month 13"),
        ("2016-05", "not the end of a quarter"),
        ("2016-6", "two digits"),
        ("June 2016", "YYYY-MM"),
    ] {
        let out = policing(d, &["crime", "--to", to]);
        assert_eq!(out.status.code(), Some(2), "{to}");
        assert!(text(&out.stderr).contains(says), "{to}: {}", text(&out.stderr));
    }
    // Data quirks: one summary line, all of them with --verbose.
    let quiet = policing(d, &["crime", "--to", "2016-06", "-m", "robbery"]);
    let e = text(&quiet.stderr);
    assert_eq!(e.matches("quirk:").count(), 0, "{e}");
    assert!(e.contains("data quirks handled as documented (--verbose lists them)"), "{e}");
    let verbose = policing(d, &["crime", "--to", "2016-06", "-m", "robbery", "--verbose"]);
    assert!(text(&verbose.stderr).matches("quirk:").count() >= 5);
    // The denominators' year, when the period is far from it: on standard error and in the table.
    let far = policing(d, &["crime", "--to", "2018-03", "-F", "wiltshire", "-m", "robbery"]);
    assert!(
        text(&far.stderr).contains("July 2024 edition for the 12 months to 31 March 2018: mid-2017"),
        "{}",
        text(&far.stderr)
    );
    assert!(text(&far.stdout).lines().next().unwrap().contains("denominator_year"));
    let city = raw().join("berlinhack-cityoflondon");
    let per = policing(d, &["counts", city.to_str().unwrap(), "--per", "1000", "-f", "table"]);
    assert!(text(&per.stderr).contains("mid-2015 populations"), "{}", text(&per.stderr));
    // One name for one idea: --force highlights in every figure.
    let help = ok(d, &["figure", "crime-by-force", "--help"]);
    assert!(help.contains("--force <HIGHLIGHT>") || help.contains("-F, --force"), "{help}");
}

/// A profile's page goes where -o names an .html file, with or without
/// --format html; a table format asked for into an .html name is refused.
#[test]
fn a_profile_page_is_written_to_an_html_name() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for args in [
        &["profile", "-F", "wiltshire", "--to", "2016-06", "--format", "html", "-o", "a.html"][..],
        &["profile", "-F", "wiltshire", "--to", "2016-06", "-o", "b.htm"][..],
    ] {
        ok(d, args);
        let name = args.last().unwrap();
        let page = std::fs::read_to_string(d.join(name)).unwrap();
        assert!(page.starts_with("<!DOCTYPE html>"), "{name}: {}", &page[..page.len().min(80)]);
        assert!(page.contains("Wiltshire Police"), "{name}");
    }
    let out = policing(d, &["profile", "-F", "wiltshire", "--to", "2016-06", "--format", "csv", "-o", "c.html"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("c.html"), "{}", text(&out.stderr));
    assert!(!d.join("c.html").exists());
}

/// Every force as one dataset, in the format its name says; pages only into a
/// folder the command may write; British Transport Police has no profile.
#[test]
fn profiles_of_every_force_as_one_dataset() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["profile", "--all", "--to", "2016-06", "-q", "-o", "all.csv"]);
    let (header, rows) = csv_rows(&std::fs::read_to_string(d.join("all.csv")).unwrap());
    assert_eq!(header[0], "force");
    let forces: std::collections::BTreeSet<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(forces.len(), 43);
    // The same rows as each force's own CSV.
    let one = ok(d, &["profile", "-F", "dorset", "--to", "2016-06", "-q", "-f", "csv"]);
    let (h1, r1) = csv_rows(&one);
    assert_eq!(h1, header);
    let dorset: Vec<&Vec<String>> = rows.iter().filter(|r| r[0] == "Dorset Police").collect();
    assert_eq!(dorset.len(), r1.len());
    let note = header.iter().position(|h| h == "note").unwrap();
    for (a, b) in dorset.iter().zip(&r1) {
        // Every column but the multiplicity (the profile's own) and the notes agree.
        assert_eq!(a[..note], b[..note]);
    }
    // JSON carries each row's series; a workbook every column and its metadata.
    let json: serde_json::Value =
        serde_json::from_str(&ok(d, &["profile", "-F", "dorset", "--to", "2016-06", "-q", "-f", "json"])).unwrap();
    let first = &json[0];
    assert_eq!(first["series"].as_array().map(Vec::len), Some(5), "{first}");
    assert!(first["rank"].is_u64() && first["rate"].is_f64() && first["force"].is_string());
    ok(d, &["profile", "--all", "--to", "2016-06", "-q", "-o", "all.xlsx"]);
    let bytes = std::fs::read(d.join("all.xlsx")).unwrap();
    assert!(bytes.starts_with(b"PK"));
    let out = policing(d, &["funnel", "-i", "all.xlsx", "--sheet", "about", "-k", "key", "-v", "value"]);
    assert!(!out.status.success(), "the metadata sheet is text");
    // A format the name contradicts, and a name no format has, are refused before anything is read.
    for (args, says) in [
        (&["profile", "-F", "dorset", "-f", "json", "-o", "x.csv"][..], "contradicts"),
        (&["profile", "-F", "dorset", "-o", "x.tsv"][..], "not .tsv"),
        (&["profile", "-F", "btp"][..], "no force area"),
        (&["profile", "-F", "dorset", "-f", "xlsx"][..], "needs a file"),
    ] {
        let out = policing(d, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(text(&out.stderr).contains(says), "{args:?}: {}", text(&out.stderr));
    }
    // Pages never replace a file the command did not write.
    std::fs::create_dir(d.join("mine")).unwrap();
    std::fs::write(d.join("mine/index.html"), "my own page").unwrap();
    let out = policing(d, &["profile", "--all", "--to", "2016-06", "-o", "mine"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert_eq!(std::fs::read_to_string(d.join("mine/index.html")).unwrap(), "my own page");
    ok(d, &["profile", "--all", "--to", "2016-06", "-q", "-o", "pages"]);
    ok(d, &["profile", "--all", "--to", "2016-06", "-q", "-o", "pages"]);
    assert!(d.join("pages/index.html").exists() && d.join("pages/wiltshire.html").exists());
}

/// Round three, items 1, 3 and 12: a workbook written without --format holds
/// every column of the CSV (and its metadata sheet); `-o` and `--rejections`
/// naming one file is refused; a missing input and a folder are said in words.
#[test]
fn workbooks_hold_every_column_and_errors_are_words() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let csv = ok(d, &["crime", "--to", "2016-06", "-m", "robbery", "-f", "csv", "-q"]);
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    ok(d, &["crime", "--to", "2016-06", "-m", "robbery", "-q", "-o", "rates.xlsx"]);
    // The columns the workbook holds, as the tool lists them when asked for one it does not.
    let out = policing(d, &["band", "-i", "rates.xlsx", "-k", "force", "-v", "no such column"]);
    let listed = text(&out.stderr);
    let columns: Vec<String> = listed
        .split("the columns are ")
        .nth(1)
        .unwrap_or_default()
        .trim()
        .split(", ")
        .map(|c| c.trim_matches('"').to_owned())
        .collect();
    assert_eq!(columns, header, "{listed}");
    // The metadata sheet names the period and the sources.
    let out = policing(d, &["band", "-i", "rates.xlsx", "--sheet", "about", "-k", "key", "-v", "no such column"]);
    assert!(text(&out.stderr).contains("read sheet \"about\""), "{}", text(&out.stderr));
    // -o and --rejections naming one file: refused before anything is read.
    let city = raw().join("berlinhack-cityoflondon");
    let out = policing(d, &["counts", city.to_str().unwrap(), "-o", "r.csv", "--rejections", "./r.csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("-o and --rejections both name") && !d.join("r.csv").exists());
    // Inputs that are not files, in words.
    let out = policing(d, &["band", "-i", "nosuch.csv", "-k", "a", "-v", "b"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("nosuch.csv: no such file"), "{}", text(&out.stderr));
    std::fs::create_dir(d.join("folder.csv")).unwrap();
    let out = policing(d, &["band", "-i", "folder.csv", "-k", "a", "-v", "b"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("folder.csv: is a folder: give a file"), "{}", text(&out.stderr));
    assert!(!text(&out.stderr).contains("os error"));
}

/// Round three, item 6: text from the data never reaches an output raw: a CSV
/// cell that a spreadsheet would read as a formula is neutralised with a
/// leading apostrophe (text only, never numbers), and control characters in
/// the aligned table are written as `\u{..}`.
#[test]
fn hostile_text_is_neutralised_in_csv_and_escaped_in_tables() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("hostile.csv"),
        "force,rate\n=HYPERLINK(\"http://x\"),1\n\"\u{1b}[31mred\u{7}\",2\n+plain,3\n-4 units,-4\n@at,5\n\"\tTab\",6\nC,7\n",
    )
    .unwrap();
    let csv = ok(d, &["band", "-i", "hostile.csv", "-k", "force", "-v", "rate", "-f", "csv", "-q"]);
    let (_, rows) = csv_rows(&csv);
    let keys: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    for k in ["'=HYPERLINK(\"http://x\")", "'+plain", "'-4 units", "'@at", "'\tTab", "C"] {
        assert!(keys.contains(&k), "{k:?} in {keys:?}");
    }
    // Numbers are numbers, the minus sign kept.
    assert!(rows.iter().any(|r| r[1] == "-4"), "{rows:?}");
    let table = ok(d, &["band", "-i", "hostile.csv", "-k", "force", "-v", "rate", "-f", "table", "-q"]);
    assert!(!table.contains('\u{1b}') && !table.contains('\u{7}'), "{table:?}");
    assert!(table.contains("\\u{1b}[31mred\\u{7}"), "{table}");
}
