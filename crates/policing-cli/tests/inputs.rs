//! Inputs that never mislead (issue 21), through the tool: standard input read
//! more than once, tables with repeated names or keys, tables that contradict
//! themselves, names that are not XML, and output files checked before work.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, missing_docs)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn raw() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/raw")
}

fn policing(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_policing"))
        .current_dir(dir)
        .args(args)
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(bytes) = stdin {
        // A command that refuses its input may exit before reading it: a broken pipe is no failure here.
        let _ = child.stdin.take().unwrap().write_all(bytes);
    }
    child.wait_with_output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Item 1: standard input under `--memory` (several passes) gives what the
/// files give; as both street and outcomes files it is refused.
#[test]
fn standard_input_is_read_once_whatever_the_passes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let city = raw().join("berlinhack-cityoflondon");
    let street = city.join("2016-06-city-of-london-street.csv");
    let outcomes = city.join("2016-06-city-of-london-outcomes.csv");
    let (s, o) = (street.to_str().unwrap(), outcomes.to_str().unwrap());
    let from_files = policing(d, &["outcomes", "--street", s, "--outcomes", o, "--memory", "16K"], None);
    assert!(from_files.status.success(), "{}", text(&from_files.stderr));
    assert!(text(&from_files.stderr).contains("in 2 passes"), "{}", text(&from_files.stderr));
    let bytes = std::fs::read(&street).unwrap();
    let from_stdin = policing(d, &["outcomes", "--street", "-", "--outcomes", o, "--memory", "16K"], Some(&bytes));
    assert!(from_stdin.status.success(), "{}", text(&from_stdin.stderr));
    assert_eq!(text(&from_stdin.stdout), text(&from_files.stdout));
    assert!(text(&from_stdin.stdout).lines().count() > 2, "counts, not a header alone");
    let obytes = std::fs::read(&outcomes).unwrap();
    let outcomes_stdin = policing(d, &["outcomes", "--street", s, "--outcomes", "-", "--memory", "16K"], Some(&obytes));
    assert_eq!(text(&outcomes_stdin.stdout), text(&from_files.stdout), "{}", text(&outcomes_stdin.stderr));
    let both = policing(d, &["outcomes", "--street", "-", "--outcomes", "-"], Some(&bytes));
    assert_eq!(both.status.code(), Some(2), "{}", text(&both.stderr));
    assert!(text(&both.stderr).contains("can be read once"));
}

/// Item 10: a column named twice and a unit on two rows are errors naming
/// both; the ONS table giving one row twice with two counts says so.
#[test]
fn repeated_names_and_keys_and_contradicting_rows() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("twice.csv"), "force,rate,rate\nA,1,2\nB,3,4\n").unwrap();
    let out = policing(d, &["band", "-i", "twice.csv", "-k", "force", "-v", "rate"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("names column \"rate\" twice (columns 2 and 3)"), "{}", text(&out.stderr));
    std::fs::write(d.join("keys.csv"), "force,rate,count,pop\nA,1,1,10\nB,3,3,10\nA,5,5,10\n").unwrap();
    for args in [
        vec!["band", "-i", "keys.csv", "-k", "force", "-v", "rate"],
        vec![
            "funnel",
            "-i",
            "keys.csv",
            "-k",
            "force",
            "--numerator",
            "count",
            "--denominator",
            "pop",
            "--statistic",
            "rate",
        ],
        vec!["figure", "ranked", "-i", "keys.csv", "-k", "force", "-v", "rate", "-o", "x.svg"],
    ] {
        let out = policing(d, &args, None);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(text(&out.stderr).contains("\"A\" is on line 2 and line 4"), "{args:?}: {}", text(&out.stderr));
    }
    // The ONS table with one row given twice, the second time with another count.
    let ons = std::fs::read_to_string(raw().join("ons-rec-crime-pfa/rec-crime-pfa.csv")).unwrap();
    let mut lines: Vec<&str> = ons.lines().collect();
    let wilts = lines.iter().position(|l| l.contains(",Wiltshire,") && l.contains("Robbery")).unwrap();
    let row = lines[wilts].to_owned();
    let (front, count) = row.rsplit_once(',').unwrap();
    let other = format!("{front},{}", count.trim().parse::<i64>().unwrap() + 7);
    lines.insert(wilts + 1, &other);
    std::fs::write(d.join("ons.csv"), lines.join("\n")).unwrap();
    let out = policing(d, &["crime", "-i", "ons.csv", "--to", "2016-06", "-m", "robbery", "-F", "wiltshire"], None);
    let e = text(&out.stderr);
    assert!(e.contains("(kept) and here with") && e.contains("contradicts itself"), "{e}");
}

/// Item 17: unit names with control characters still make valid SVG.
#[test]
fn control_characters_in_names_make_valid_pictures() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("c.csv"), "force,rate\n\"A\u{1}B\",1\n\"C\u{2}\",2\nD\u{0}E,3\nF,4\n").unwrap();
    let out = policing(d, &["figure", "ranked", "-i", "c.csv", "-k", "force", "-v", "rate", "-o", "c.svg"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let svg = std::fs::read_to_string(d.join("c.svg")).unwrap();
    roxmltree::Document::parse(&svg).unwrap();
}

/// Item 18: the output's name and folder are checked before any reading.
#[test]
fn output_files_are_checked_before_the_work() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let city = raw().join("berlinhack-cityoflondon");
    for args in [
        vec!["counts", city.to_str().unwrap(), "-o", "no/such/folder/x.csv"],
        vec!["crime", "-o", "no/such/folder/x.csv"],
        vec!["figure", "crime-trend", "-F", "wiltshire", "-o", "no/such/folder/x.svg"],
        vec!["report", "wiltshire-2016", "-o", "no/such/folder/x.md"],
    ] {
        let start = std::time::Instant::now();
        let out = policing(d, &args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", text(&out.stderr));
        assert!(text(&out.stderr).contains("does not exist"), "{args:?}: {}", text(&out.stderr));
        let _ = start;
        // Nothing was read: no summary of rows on standard error.
        assert!(!text(&out.stderr).contains("rows read"), "{args:?}");
    }
}
