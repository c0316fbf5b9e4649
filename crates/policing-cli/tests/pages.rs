//! Every page `policing profile --all` writes, rendered in a real headless
//! browser (Chromium from the distribution's packages; `.ci/run` installs it
//! with poppler's `pdftotext`): each must load with no script, network or
//! rendering error and hold its tables and charts; printed to PDF, every page's
//! text holds every column header, every measure and the last row, and no word
//! lies outside its sheet; at 1,024, 1,280 and 1,920 pixels wide nothing is
//! clipped. Wiltshire's page and the index are kept as screenshots and PDFs in
//! `target/profile-screenshots/` for a person to look at.
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
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
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
                        failures.extend(printed(browser, &user, &page, shots));
                        if name == "wiltshire.html" || name == "index.html" || name == "city-of-london.html" {
                            failures.extend(unclipped(browser, &user, &page));
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

/// The words of a PDF with their boxes, page by page, by poppler's
/// `pdftotext -bbox`: (page width, page height, [(xMin, yMin, xMax, yMax, word)]).
/// A word of a PDF page and its box: (xMin, yMin, xMax, yMax, word).
type Word = (f64, f64, f64, f64, String);

fn pdf_words(pdf: &Path) -> Option<Vec<(f64, f64, Vec<Word>)>> {
    let out = Command::new("pdftotext").arg("-bbox").arg(pdf).arg("-").output().ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let attr = |tag: &str, name: &str| -> f64 {
        let key = format!("{name}=\"");
        tag.find(&key)
            .and_then(|i| tag[i + key.len()..].split('"').next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(f64::NAN)
    };
    let mut pages = Vec::new();
    for chunk in text.split("<page ").skip(1) {
        let head = chunk.split('>').next().unwrap_or("");
        let mut words = Vec::new();
        for w in chunk.split("<word ").skip(1) {
            let tag = w.split('>').next().unwrap_or("");
            let word = w.split('>').nth(1).and_then(|r| r.split("</word").next()).unwrap_or("");
            let word = word
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'");
            words.push((attr(tag, "xMin"), attr(tag, "yMin"), attr(tag, "xMax"), attr(tag, "yMax"), word));
        }
        pages.push((attr(head, "width"), attr(head, "height"), words));
    }
    Some(pages)
}

/// Prints a page to PDF as a reader would (A4 landscape from the page's own
/// print stylesheet) and checks the text: the column headers, every measure,
/// the last row, the sources, and every word inside its sheet.
fn printed(browser: &Path, user: &Path, page: &Path, shots: &Path) -> Vec<String> {
    let name = page.file_name().unwrap().to_string_lossy().into_owned();
    let pdf = page.with_extension("pdf");
    let run = headless(browser, user)
        .args([
            "--no-pdf-header-footer",
            &format!("--print-to-pdf={}", pdf.display()),
            &format!("file://{}", page.display()),
        ])
        .output()
        .unwrap();
    if !run.status.success() || !pdf.exists() {
        return vec![format!("{name}: not printed to PDF")];
    }
    let Some(pages) = pdf_words(&pdf) else {
        assert!(std::env::var_os("CI").is_none(), "pdftotext is needed in CI (.ci/run installs poppler-utils)");
        return Vec::new();
    };
    let mut failures = Vec::new();
    let mut text = String::new();
    for (i, (w, h, words)) in pages.iter().enumerate() {
        assert!(
            (w - 841.9).abs() < 1.0 && (h - 595.0).abs() < 1.0,
            "{name}: page {} is {w} x {h} pt, not A4 landscape",
            i + 1
        );
        for (x0, y0, x1, y1, word) in words {
            if *x0 < 0.0 || *y0 < 0.0 || *x1 > *w + 0.5 || *y1 > *h + 0.5 {
                failures.push(format!(
                    "{name}: page {}: \"{word}\" lies outside the sheet ({x0:.0},{y0:.0})-({x1:.0},{y1:.0})",
                    i + 1
                ));
            }
            text.push_str(word);
            text.push(' ');
        }
    }
    // Legible as printed: a page too wide for the sheet is shrunk to fit, and its words with it.
    let mut heights: Vec<f64> = pages.iter().flat_map(|(_, _, w)| w.iter().map(|(_, y0, _, y1, _)| y1 - y0)).collect();
    heights.sort_by(f64::total_cmp);
    let tenth = heights.get(heights.len() / 10).copied().unwrap_or(0.0);
    if tenth < 7.5 {
        failures.push(format!("{name}: the print is shrunk to fit: a tenth of its words are under {tenth:.1} pt tall"));
    }
    // What the page's HTML holds, its PDF must hold: the headers, every measure's label, the last row.
    let html = std::fs::read_to_string(page).unwrap();
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = squash(&text);
    let headers: &[&str] = if name == "index.html" {
        &[
            "force",
            "recorded crime (excluding fraud) per 1,000 population",
            "England and Wales",
            "rank",
            "band",
            "significance",
            "trend",
        ]
    } else {
        &[
            "measure",
            "count",
            "value",
            "England and Wales",
            "rank",
            "significance",
            "on a year before",
            "on five years before",
            "trend",
            "spine",
            "notes",
        ]
    };
    for h in headers {
        if !text.contains(h) {
            failures.push(format!("{name}: the PDF lacks the header \"{h}\""));
        }
    }
    let cell = |row: &str| -> String {
        let start = row.find('>').map_or(0, |i| i + 1);
        let inner = &row[start..];
        let inner = inner.split("<span").next().unwrap_or("").split("</td>").next().unwrap_or("");
        let inner = inner.rsplit('>').next().unwrap_or(inner);
        squash(&inner.replace("&amp;", "&").replace("&#39;", "'").replace("&quot;", "\""))
    };
    let labels: Vec<String> = html.split("<tr><td class=\"name\">").skip(1).map(cell).collect();
    if labels.is_empty() {
        failures.push(format!("{name}: no rows"));
    }
    for l in &labels {
        if !text.contains(l.as_str()) {
            failures.push(format!("{name}: the PDF lacks the row \"{l}\""));
        }
    }
    if !text.contains("Open Government Licence") {
        failures.push(format!("{name}: the PDF lacks the sources"));
    }
    if name == "wiltshire.html" || name == "index.html" {
        let _ = std::fs::copy(&pdf, shots.join(name.replace(".html", ".pdf")));
    }
    failures
}

/// Loads a page at 1,024, 1,280 and 1,920 pixels wide with a probe that lists
/// any element whose content is wider than its box (clipped or overflowing)
/// and whether the page scrolls sideways.
fn unclipped(browser: &Path, user: &Path, page: &Path) -> Vec<String> {
    let name = page.file_name().unwrap().to_string_lossy().into_owned();
    let probe = "<script>addEventListener('load',()=>{const bad=[];\
        if(document.documentElement.scrollWidth>innerWidth+1)bad.push('page '+document.documentElement.scrollWidth);\
        for(const e of document.querySelectorAll('td,th,p,li,dd,dt,h1,h2,span,a')){if(e.scrollWidth>e.clientWidth+1&&getComputedStyle(e).display!=='inline')bad.push(e.tagName+':'+e.textContent.slice(0,40))}\
        document.body.setAttribute('data-clipped',bad.join(' | ')||'none')});</script>";
    let html = std::fs::read_to_string(page).unwrap().replace("</body>", &format!("{probe}</body>"));
    let probed = page.with_file_name(format!("probe-{name}"));
    std::fs::write(&probed, html).unwrap();
    let mut failures = Vec::new();
    for width in [1024, 1280, 1920] {
        let dom = headless(browser, user)
            .args([&format!("--window-size={width},900"), "--dump-dom", &format!("file://{}", probed.display())])
            .output()
            .unwrap();
        let dom = String::from_utf8_lossy(&dom.stdout);
        let found = dom.split("data-clipped=\"").nth(1).and_then(|r| r.split('"').next()).unwrap_or("no probe result");
        if found != "none" {
            failures.push(format!("{name} at {width} px: {found}"));
        }
    }
    failures
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
