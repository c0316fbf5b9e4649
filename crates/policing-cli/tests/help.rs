//! Every example in every `--help` runs as written: the examples are read from
//! the help text itself (top level, each command, each figure), their
//! continuation lines joined, and each is run by the shell in a fresh folder
//! that sees the repository's `data/` and finds `policing` on the path.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "a test")]

use std::path::{Path, PathBuf};
use std::process::Command;

fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_policing"))
}

fn help(args: &[&str]) -> String {
    let out = Command::new(binary()).args(args).arg("--help").output().unwrap();
    assert!(out.status.success(), "{args:?} --help");
    String::from_utf8(out.stdout).unwrap()
}

/// The names listed under "Commands:" (without `help`).
fn commands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| *l != "Commands:")
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_owned)
        .collect()
}

/// The examples under "Examples:", each a whole command line.
fn examples(help: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut continued = false;
    for line in help.lines().skip_while(|l| *l != "Examples:").skip(1).take_while(|l| !l.is_empty()) {
        let text = line.trim().trim_end_matches('\\').trim_end();
        match out.last_mut() {
            Some(last) if continued => {
                last.push(' ');
                last.push_str(text);
            }
            _ => out.push(text.to_owned()),
        }
        continued = line.trim_end().ends_with('\\');
    }
    out
}

#[test]
fn every_example_in_every_help_runs_as_written() {
    let mut all: Vec<String> = Vec::new();
    let mut helps = vec![Vec::<String>::new()];
    while let Some(path) = helps.pop() {
        let args: Vec<&str> = path.iter().map(String::as_str).collect();
        let text = help(&args);
        for e in examples(&text) {
            assert!(e.starts_with("policing "), "{args:?}: {e}");
            if !all.contains(&e) {
                all.push(e);
            }
        }
        for c in commands(&text).into_iter().rev() {
            let mut next = path.clone();
            next.push(c);
            helps.push(next);
        }
    }
    assert!(all.len() >= 20, "{} examples: {all:#?}", all.len());
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    std::os::unix::fs::symlink(repo.join("data"), d.join("data")).unwrap();
    let bin = binary();
    let path = format!("{}:{}", bin.parent().unwrap().display(), std::env::var("PATH").unwrap_or_default());
    let run =
        |example: &str| Command::new("sh").arg("-c").arg(example).current_dir(d).env("PATH", &path).output().unwrap();
    // An example may read what a later-listed one writes (rates.csv): those are run again at the end.
    let mut again = Vec::new();
    for e in &all {
        if !run(e).status.success() {
            again.push(e);
        }
    }
    let failed: Vec<String> = again
        .iter()
        .filter_map(|e| {
            let out = run(e);
            (!out.status.success()).then(|| format!("{e}\n  {}", String::from_utf8_lossy(&out.stderr).trim()))
        })
        .collect();
    assert!(failed.is_empty(), "examples that do not run as written:\n{}", failed.join("\n"));
}
