//! The repository's data files are the verbatim public files they claim to be.
//!
//! `data/raw/SHA256SUMS` lists every file under `data/raw/` with the checksum of the
//! upstream file (see `data/raw/SOURCES.md` for where each came from), and
//! `docs/reference/SHA256SUMS` the reference texts. A crate that embeds one of the files
//! holds a symbolic link to it under its own directory (so that its package carries the
//! bytes); those links must resolve to a listed file with the listed checksum.
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

use sha2::{Digest, Sha256};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn sha256(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// `SHA256SUMS` as `relative path -> checksum`, as `sha256sum` writes it.
fn sums(dir: &Path) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(dir.join("SHA256SUMS")).unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let (sum, name) = l.split_once("  ").unwrap_or_else(|| panic!("not `SUM  NAME`: {l:?}"));
            assert_eq!(sum.len(), 64, "{l}");
            (name.to_owned(), sum.to_owned())
        })
        .collect()
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn data_files_match_their_checksums() {
    for dir in [root().join("data/raw"), root().join("docs/reference")] {
        let listed = sums(&dir);
        assert!(!listed.is_empty());
        for (name, sum) in &listed {
            assert_eq!(
                &sha256(&dir.join(name)),
                sum,
                "{} differs from its upstream checksum",
                dir.join(name).display()
            );
        }
        // Nothing unlisted: every file is accounted for (bookkeeping files aside).
        let mut files = Vec::new();
        files_under(&dir, &mut files);
        for f in files {
            let rel = f.strip_prefix(&dir).unwrap().to_string_lossy().replace('\\', "/");
            if ["SHA256SUMS", "SOURCES.md", "README.md"].contains(&rel.as_str()) {
                continue;
            }
            assert!(listed.contains_key(&rel), "{} is not listed in SHA256SUMS", f.display());
        }
    }
    // Every source folder of data/raw has its provenance entry.
    let sources = std::fs::read_to_string(root().join("data/raw/SOURCES.md")).unwrap();
    for name in sums(&root().join("data/raw")).keys() {
        let folder = name.split('/').next().unwrap();
        assert!(sources.contains(&format!("`{folder}/")), "no SOURCES.md entry for {folder}/");
    }
}

#[test]
fn embedded_copies_are_links_to_listed_files() {
    let raw = root().join("data/raw").canonicalize().unwrap();
    let listed = sums(&raw);
    let mut links = 0;
    for krate in std::fs::read_dir(root().join("crates")).unwrap() {
        let data = krate.unwrap().path().join("data");
        if !data.is_dir() {
            continue;
        }
        let mut files = Vec::new();
        files_under(&data, &mut files);
        for f in files {
            if !std::fs::symlink_metadata(&f).unwrap().file_type().is_symlink() {
                continue; // derived tables (with their own provenance header), not raw copies
            }
            let target = f.canonicalize().unwrap();
            let rel = target
                .strip_prefix(&raw)
                .unwrap_or_else(|_| panic!("{} links outside data/raw", f.display()))
                .to_string_lossy()
                .replace('\\', "/");
            let sum = listed.get(&rel).unwrap_or_else(|| panic!("{} links to unlisted {rel}", f.display()));
            assert_eq!(&sha256(&f), sum, "{}", f.display());
            links += 1;
        }
    }
    // At least the recorded crime table the command-line tool ships.
    assert!(links >= 1, "no embedded raw files found");
}

#[test]
fn nothing_refers_to_the_team_folder() {
    // Users clone or download this project alone; nothing may read a folder beside it.
    let needle = ["..", "/shared"].concat();
    let mut files = Vec::new();
    for top in ["src", "crates", "examples", "tests", "bench", "fuzz", "docs", ".ci"] {
        let dir = root().join(top);
        if dir.is_dir() {
            files_under(&dir, &mut files);
        }
    }
    for f in ["README.md", "DESIGN.md", "BENCHMARKS.md", "CHANGELOG.md", "Cargo.toml"] {
        files.push(root().join(f));
    }
    for f in files {
        if f.components().any(|c| c.as_os_str() == "target") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&f) else { continue };
        for (i, line) in text.lines().enumerate() {
            assert!(!line.contains(&needle), "{}:{}: {line}", f.display(), i + 1);
        }
    }
}
