//! Pictures are bounded and well formed whatever the table holds, print
//! values at the data's precision, and find a force by any of its names.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, reason = "a test")]

use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Output};

fn policing(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_policing")).args(args).current_dir(dir).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The texts of an SVG, parsed as XML (so a malformed picture fails here).
fn texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("not XML: {e}"));
    doc.descendants().filter(|n| n.has_tag_name("text")).filter_map(|n| n.text().map(str::to_owned)).collect()
}

#[test]
fn too_many_bars_are_refused_before_drawing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut table = String::from("force,rate\n");
    for i in 0..10_000 {
        writeln!(table, "unit {i},{}", i % 97).unwrap();
    }
    std::fs::write(d.join("many.csv"), table).unwrap();
    for out in ["many.png", "many.svg"] {
        let o = policing(d, &["figure", "ranked", "-i", "many.csv", "-k", "force", "-v", "rate", "-o", out]);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        assert!(stderr(&o).contains("10000 bars would need a picture of 180028 x"), "{}", stderr(&o));
        assert!(!d.join(out).exists());
    }
    // A picture within the caps is drawn, however many units: 800 bars.
    let mut table = String::from("force,rate\n");
    for i in 0..800 {
        writeln!(table, "unit {i},{}", i % 97).unwrap();
    }
    std::fs::write(d.join("some.csv"), table).unwrap();
    let o = policing(d, &["figure", "ranked", "-i", "some.csv", "-k", "force", "-v", "rate", "-o", "some.svg"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn long_labels_are_shortened_and_unwritable_characters_replaced_and_said() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let long = "A".repeat(100_000);
    let table = format!("force,rate\n{long},5.24\n\"B\u{7}\u{FFFF}\u{1B}[31m\",7.5\nDorset Police,55.5\nC,3\n");
    std::fs::write(d.join("odd.csv"), table).unwrap();
    let title = format!("Title \u{FFFE} {}", "t".repeat(1_000));
    let o = policing(
        d,
        &["figure", "ranked", "-i", "odd.csv", "-k", "force", "-v", "rate", "--title", &title, "-o", "odd.svg"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let svg = std::fs::read_to_string(d.join("odd.svg")).unwrap();
    let texts = texts(&svg);
    assert!(texts.iter().all(|t| t.chars().count() <= 301), "no text over 300 characters");
    assert!(texts.iter().any(|t| t.starts_with("AAAA") && t.ends_with('…')));
    assert!(texts.iter().any(|t| t.starts_with("B\u{FFFD}\u{FFFD}\u{FFFD}[31m")), "{texts:?}");
    assert!(texts.iter().any(|t| t.starts_with("2 texts shortened with …")), "{texts:?}");
    assert!(texts.iter().any(|t| t.contains("are drawn as \u{FFFD}")));
    assert!(svg.len() < 100_000, "{} bytes", svg.len());
    // The PNG of the same is drawn.
    let o = policing(d, &["figure", "ranked", "-i", "odd.csv", "-k", "force", "-v", "rate", "-o", "odd.png"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn values_at_the_data_precision_and_forces_by_any_name() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("rates.csv"),
        "force,rate\nDorset Police,55.5\nWiltshire Police,5.24\nDevon and Cornwall Police,55\nEngland and Wales,7.55\n",
    )
    .unwrap();
    for (force, printed) in [("dorset", "55.5"), ("Wiltshire", "5.24"), ("E23000035", "55")] {
        let o = policing(
            d,
            &["figure", "ranked", "-i", "rates.csv", "-k", "force", "-v", "rate", "-F", force, "-o", "r.svg"],
        );
        assert!(o.status.success(), "{force}: {}", stderr(&o));
        let texts = texts(&std::fs::read_to_string(d.join("r.svg")).unwrap());
        assert!(texts.iter().any(|t| t == printed), "{force}: {printed} in {texts:?}");
        assert!(texts.iter().any(|t| t == "England and Wales: 7.55"), "{texts:?}");
    }
    let o =
        policing(d, &["figure", "ranked", "-i", "rates.csv", "-k", "force", "-v", "rate", "-F", "kent", "-o", "k.svg"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("\"kent\" is not among the units"), "{}", stderr(&o));
    // The funnel takes the same names.
    std::fs::write(
        d.join("counts.csv"),
        "force,count,population\nDorset Police,400,770000\nWiltshire Police,300,700000\nKent Police,900,1800000\n\
         Surrey Police,520,1180000\n",
    )
    .unwrap();
    let o = policing(
        d,
        &[
            "figure",
            "funnel",
            "-i",
            "counts.csv",
            "-k",
            "force",
            "--numerator",
            "count",
            "--denominator",
            "population",
            "--statistic",
            "rate",
            "-F",
            "dorset",
            "-o",
            "f.svg",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let texts = texts(&std::fs::read_to_string(d.join("f.svg")).unwrap());
    assert!(texts.iter().any(|t| t.starts_with("Dorset Police: 0.519 (")), "{texts:?}");
}
