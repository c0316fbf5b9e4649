//! Every command the workspace README shows is run, so the README cannot rot.
//!
//! - `policing ...` lines of a `sh` block run here, against the binary this package builds,
//!   in a scratch directory where `data/` is the repository's `data/` (so the README's relative
//!   paths work as they do from the root of a clone, and nothing is written into the clone).
//!   A trailing `> FILE` writes standard output to that file, as a shell would.
//! - `cargo ...` and `pip ...` lines must appear verbatim in `.ci/run`, which CI runs on a clean
//!   clone (they build things: running cargo inside a test would rebuild the workspace with other
//!   features). `python` blocks are run by the Python package's tests (`crates/policing-py/tests`),
//!   which `.ci/run` runs in a fresh virtual environment.
//! - Any other command in a `sh` block is an error: add a way to check it first.
//! - `toml` blocks that depend on `policing` must name this workspace's version and features.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs,
    reason = "a test: a failure panics with its message"
)]

use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

/// The fenced blocks of a Markdown text: `(language, first line number, lines)`.
fn blocks(text: &str) -> Vec<(String, usize, Vec<String>)> {
    let mut out = Vec::new();
    let mut current: Option<(String, usize, Vec<String>)> = None;
    for (i, line) in text.lines().enumerate() {
        if let Some(rest) = line.trim_start().strip_prefix("```") {
            match current.take() {
                Some(block) => out.push(block),
                None => current = Some((rest.trim().to_owned(), i + 2, Vec::new())),
            }
        } else if let Some((_, _, lines)) = current.as_mut() {
            lines.push(line.to_owned());
        }
    }
    assert!(current.is_none(), "unclosed code block in the README");
    out
}

/// The commands of a `sh` block: comments and blank lines dropped, `\` continuations joined.
fn commands(lines: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut pending = String::new();
    for line in lines {
        let line = line.trim();
        if pending.is_empty() && (line.is_empty() || line.starts_with('#')) {
            continue;
        }
        if let Some(head) = line.strip_suffix('\\') {
            pending.push_str(head);
            pending.push(' ');
        } else {
            pending.push_str(line);
            out.push(std::mem::take(&mut pending));
        }
    }
    assert!(pending.is_empty(), "a command ends with a continuation: {pending}");
    out
}

/// Splits a command line as a POSIX shell would for the simple cases the README uses:
/// whitespace-separated words, with single or double quotes grouping.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    let mut in_word = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                in_word = true;
            }
            (None, c) if c.is_whitespace() => {
                if in_word {
                    out.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            (None, c) => {
                assert!(!matches!(c, '|' | ';' | '&' | '$' | '`' | '<'), "unsupported shell syntax in {line:?}");
                word.push(c);
                in_word = true;
            }
        }
    }
    assert!(quote.is_none(), "unbalanced quote in {line:?}");
    if in_word {
        out.push(word);
    }
    out
}

fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(workspace().join("data"), dir.path().join("data")).unwrap();
    dir
}

fn run_policing(line: &str, cwd: &Path) {
    let mut args = words(line);
    assert_eq!(args.first().map(String::as_str), Some("policing"));
    args.remove(0);
    let mut stdout_to = None;
    if let Some(at) = args.iter().position(|a| a == ">") {
        assert_eq!(at + 2, args.len(), "`>` must be followed by one file name at the end: {line}");
        stdout_to = args.pop();
        args.pop();
    }
    let out = Command::new(env!("CARGO_BIN_EXE_policing")).args(&args).current_dir(cwd).output().unwrap();
    assert!(out.status.success(), "README command failed: {line}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        !out.stdout.is_empty() || stdout_to.is_some() || args.iter().any(|a| a == "--out" || a == "-o"),
        "{line}: no output"
    );
    if let Some(file) = stdout_to {
        std::fs::write(cwd.join(file), &out.stdout).unwrap();
    }
}

#[test]
fn every_readme_command_runs() {
    let readme = std::fs::read_to_string(workspace().join("README.md")).unwrap();
    let ci = std::fs::read_to_string(workspace().join(".ci/run")).unwrap();
    let manifest = std::fs::read_to_string(workspace().join("Cargo.toml")).unwrap();
    let cwd = if cfg!(unix) { scratch() } else { tempfile::tempdir().unwrap() };
    let dir = if cfg!(unix) { cwd.path().to_path_buf() } else { workspace() };
    let (mut ran, mut in_ci, mut tomls) = (0, 0, 0);
    for (lang, line, lines) in blocks(&readme) {
        match lang.as_str() {
            "sh" | "bash" | "console" | "shell" => {
                for cmd in commands(&lines) {
                    if cmd.starts_with("policing ") {
                        run_policing(&cmd, &dir);
                        ran += 1;
                    } else if cmd.starts_with("cargo ") || cmd.starts_with("pip ") {
                        assert!(ci.contains(&cmd), "README line {line}: `{cmd}` is not run by .ci/run");
                        in_ci += 1;
                    } else {
                        panic!("README line {line}: no test runs `{cmd}`");
                    }
                }
            }
            "toml" => {
                for l in lines.iter().map(|l| l.trim_start_matches(['#', ' '])) {
                    if let Some(spec) = l.strip_prefix("policing = ") {
                        let version = manifest
                            .lines()
                            .find_map(|m| m.strip_prefix("version = \""))
                            .and_then(|v| v.strip_suffix('"'))
                            .unwrap();
                        let wanted = spec.split('"').nth(1).unwrap();
                        assert!(
                            version.starts_with(wanted),
                            "README asks for policing {wanted}, the workspace is {version}"
                        );
                        if let Some(features) = spec.split("features = [").nth(1) {
                            for f in features.split(']').next().unwrap().split(',') {
                                let f = f.trim().trim_matches('"');
                                assert!(
                                    manifest.lines().any(|m| m.starts_with(&format!("{f} = ["))),
                                    "README names feature {f:?}, which the facade does not have"
                                );
                            }
                        }
                        tomls += 1;
                    }
                }
            }
            _ => {}
        }
    }
    assert!(ran >= 3, "only {ran} policing commands found");
    assert!(in_ci >= 3, "the main job, the tests and the install must all be in .ci/run ({in_ci})");
    assert!(tomls >= 2, "{tomls}");
    // Every picture the README shows is one its commands make: the same size as the one just drawn
    // (the pixels depend on the fonts installed, so they are not compared).
    let mut pictures = 0;
    for part in readme.split("](docs/images/").skip(1) {
        let name = part.split(')').next().unwrap();
        let shown = image_size(&workspace().join("docs/images").join(name));
        let made = image_size(&dir.join(name));
        assert_eq!(shown, made, "docs/images/{name} is not what the README's command draws");
        pictures += 1;
    }
    assert!(pictures >= 2, "a funnel and a ranked chart");
    // The README opens with the two commands, main job first.
    let first = blocks(&readme).into_iter().next().unwrap();
    assert_eq!(commands(&first.2), ["cargo run --example wiltshire_2016", "cargo test --workspace --all-features"]);
}

/// A PNG's width and height, from its header.
fn image_size(path: &Path) -> (u32, u32) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "{} is not a PNG", path.display());
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (be(16), be(20))
}

#[test]
fn the_shell_splitter_splits_like_a_shell() {
    assert_eq!(
        words(r#"policing figure ranked --highlight "Wiltshire Police" -o a.svg"#),
        ["policing", "figure", "ranked", "--highlight", "Wiltshire Police", "-o", "a.svg"]
    );
    assert_eq!(words("a 'b c' \"\""), ["a", "b c", ""]);
    assert_eq!(commands(&["# c".into(), "a \\".into(), "  b".into(), String::new(), "c".into()]), ["a  b", "c"]);
}
