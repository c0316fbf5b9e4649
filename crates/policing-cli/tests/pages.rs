//! Every page `policing profile --all` writes, rendered in a real headless
//! browser (Chromium from the distribution's packages; `.ci/run` installs it):
//! each must load with no script, network or rendering error and hold its
//! tables and charts; Wiltshire's page and the index are kept as screenshots in
//! `target/profile-screenshots/` for a person to look at.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, missing_docs)]

use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

/// The flags a headless run needs on a machine with no display, no sandbox and no network.
fn headless(browser: &Path, profile_dir: &Path) -> Command {
    let mut c = Command::new(browser);
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--enable-logging=stderr",
        "--v=0",
    ]);
    c.arg(format!("--user-data-dir={}", profile_dir.display()));
    c
}

/// Lines of a browser's log that say a page went wrong (not the machine's missing D-Bus).
fn page_errors(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| {
            let l_lower = l.to_lowercase();
            (l.contains("CONSOLE")
                || l_lower.contains("uncaught")
                || l.contains("net::ERR_")
                || l_lower.contains("failed to load"))
                && !l.contains("dbus")
        })
        .collect()
}

#[test]
fn every_profile_page_renders_in_headless_chromium() {
    let Some(browser) = chromium() else {
        assert!(std::env::var_os("CI").is_none(), "Chromium is needed in CI (.ci/run installs it)");
        eprintln!("skipped: no Chromium on this machine (apt-get install chromium; CI installs it)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("profiles");
    let run = Command::new(env!("CARGO_BIN_EXE_policing"))
        .args(["profile", "--all", "--to", "2016-06", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().path()).collect();
    pages.sort();
    assert_eq!(pages.len(), 44, "43 forces and the index");
    let shots = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/profile-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    // Two browsers at a time (CI has two cores).
    let chunks: Vec<Vec<PathBuf>> = pages.chunks(pages.len().div_ceil(2)).map(<[PathBuf]>::to_vec).collect();
    let failures: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = chunks
            .into_iter()
            .enumerate()
            .map(|(k, chunk)| {
                let (browser, dir, shots) = (&browser, dir.path(), &shots);
                s.spawn(move || {
                    let mut failures = Vec::new();
                    let user = dir.join(format!("chromium-{k}"));
                    for page in chunk {
                        let url = format!("file://{}", page.display());
                        let dom = headless(browser, &user).args(["--dump-dom", &url]).output().unwrap();
                        let text = String::from_utf8_lossy(&dom.stdout);
                        let log = String::from_utf8_lossy(&dom.stderr);
                        let name = page.file_name().unwrap().to_string_lossy().into_owned();
                        if !dom.status.success() {
                            failures.push(format!("{name}: the browser exited with {}", dom.status));
                        }
                        let errors = page_errors(&log);
                        if !errors.is_empty() {
                            failures.push(format!("{name}: {}", errors.join(" | ")));
                        }
                        // The page the browser built holds its tables (and, for a force, its charts).
                        if !text.contains("</table>") {
                            failures.push(format!("{name}: no table in the rendered page"));
                        }
                        if name != "index.html" && !text.contains("<svg") {
                            failures.push(format!("{name}: no chart in the rendered page"));
                        }
                        if name == "wiltshire.html" || name == "index.html" || name == "city-of-london.html" {
                            let png = shots.join(name.replace(".html", ".png"));
                            let shot = headless(browser, &user)
                                .args(["--window-size=1280,2400", &format!("--screenshot={}", png.display()), &url])
                                .output()
                                .unwrap();
                            let size = std::fs::metadata(&png).map(|m| m.len()).unwrap_or(0);
                            if !shot.status.success() || size < 20_000 {
                                failures.push(format!("{name}: screenshot of {size} bytes"));
                            }
                        }
                    }
                    failures
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The check that finds errors is not blind: a page with a script error is reported.
#[test]
fn a_broken_page_is_reported() {
    let Some(browser) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("broken.html");
    std::fs::write(
        &page,
        "<!DOCTYPE html><html><body><table></table><script>undefined_function();</script></body></html>",
    )
    .unwrap();
    let out = headless(&browser, &dir.path().join("u"))
        .args(["--dump-dom", &format!("file://{}", page.display())])
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(!page_errors(&log).is_empty(), "{log}");
}
