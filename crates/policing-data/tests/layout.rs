//! The crate's layout, kept: a kernel, a format-free scanning wing, the
//! data.police.uk wing and the tables wing. The test reads every `use` and
//! `crate::`/`super::` path in `src/` and checks that no wing imports another
//! it may not (the kernel nothing, the scanner only the kernel, the two format
//! wings the kernel and the scanner, never each other), and that the modules
//! import each other without a cycle.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs,
    reason = "a test: a failure panics with its message"
)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The modules a wing may import from, besides itself.
fn allowed(wing: &str) -> &'static [&'static str] {
    match wing {
        "kernel" => &[],
        "scan" => &["kernel"],
        "police_uk" | "tables" => &["kernel", "scan"],
        // lib.rs re-exports everything.
        "" => &["kernel", "scan", "police_uk", "tables"],
        other => panic!("{other} is not a wing: add it to the layout (and to DESIGN.md)"),
    }
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// A source file's module path: `police_uk/tracked/read.rs` -> `police_uk::tracked::read`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel.iter().map(|s| s.to_string_lossy().into_owned()).collect();
    if parts.last().is_some_and(|l| l == "mod" || l == "lib") {
        parts.pop();
    }
    parts
}

/// Every path a file names through `crate::` or `super::`, as module paths
/// (the leading segments; whether the last is a module is settled against the files).
fn paths_named(text: &str, here: &[String]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    // Strip comments, so documentation naming `crate::x` does not count.
    let code: String = text
        .lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &code[i..];
        let start = if rest.starts_with("crate::") {
            Some((Vec::new(), "crate::".len()))
        } else if rest.starts_with("super::") && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric()) {
            // `super` is the parent of the file's module (`police_uk/mod.rs` is `police_uk`).
            let mut base = here.to_vec();
            let mut len = 0;
            let mut r = rest;
            while let Some(next) = r.strip_prefix("super::") {
                base.pop();
                len += "super::".len();
                r = next;
            }
            Some((base, len))
        } else {
            None
        };
        if let Some((mut base, skip)) = start {
            let tail = &code[i + skip..];
            let name: String =
                tail.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':').collect();
            for seg in name.split("::").filter(|s| !s.is_empty()) {
                base.push(seg.to_owned());
            }
            // `use crate::{x::a, y::{b, c}}`: each item of the braces is a path under the prefix.
            let after = &tail[name.len()..];
            if after.starts_with('{') {
                let group = braced(after);
                for item in group_items(&group[1..group.len() - 1]) {
                    out.push(base.iter().cloned().chain(item).collect());
                }
                i += skip + name.len() + group.len();
                continue;
            }
            out.push(base);
            i += skip + name.len();
        } else {
            i += 1;
        }
    }
    out
}

/// The braced group at the start of `text`, braces included (nested braces kept whole).
fn braced(text: &str) -> &str {
    let mut depth = 0;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return &text[..=i];
                }
            }
            _ => {}
        }
    }
    text
}

/// The paths a use-group's contents name: `a, b::c, d::{e, f}, g as h` gives
/// `[a]`, `[b, c]`, `[d, e]`, `[d, f]`, `[g]`.
fn group_items(group: &str) -> Vec<Vec<String>> {
    let mut items = Vec::new();
    let (mut depth, mut start) = (0, 0);
    let mut parts = Vec::new();
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&group[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&group[start..]);
    for part in parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        match part.find('{') {
            Some(b) => {
                let prefix: Vec<String> =
                    part[..b].split("::").map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect();
                let inner = braced(&part[b..]);
                for item in group_items(&inner[1..inner.len() - 1]) {
                    items.push(prefix.iter().cloned().chain(item).collect());
                }
            }
            None => {
                let part = part.split(" as ").next().unwrap_or(part).trim();
                items.push(part.split("::").map(str::trim).map(str::to_owned).collect());
            }
        }
    }
    items
}

/// The names the crate root re-exports (`pub use kernel::{DataError, ...}`),
/// each with the path it stands for: an import through the root is an import
/// of that wing.
fn root_exports(lib: &str) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    let code: String = lib.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
    let mut rest = code.as_str();
    while let Some(at) = rest.find("pub use ") {
        rest = &rest[at + "pub use ".len()..];
        let end = rest.find(';').unwrap_or(rest.len());
        let stmt = &rest[..end];
        for path in group_items(stmt) {
            if let Some(last) = path.last() {
                out.insert(last.clone(), path.clone());
            }
        }
        rest = &rest[end..];
    }
    out
}

/// The crate's sources: each file's module and text.
fn crate_sources() -> Vec<(Vec<String>, String)> {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    files.iter().map(|f| (module_of(&src, f), std::fs::read_to_string(f).unwrap())).collect()
}

type Graph = BTreeMap<Vec<String>, BTreeSet<Vec<String>>>;

/// The imports across wings the sources make, and the graph of module imports.
fn check(files: &[(Vec<String>, String)]) -> (Vec<String>, Graph) {
    let modules: BTreeSet<Vec<String>> = files.iter().map(|(m, _)| m.clone()).collect();
    let lib = files.iter().find(|(m, _)| m.is_empty()).map(|(_, t)| t.as_str()).unwrap_or_default();
    let exports = root_exports(lib);
    // The module a path names: a name the root re-exports stands for its wing's path; then the longest
    // prefix that is a module file.
    let resolve = |path: &[String]| -> Vec<String> {
        let path: Vec<String> = match path.first().and_then(|first| exports.get(first)) {
            Some(full) if !modules.contains(&path[..1]) => {
                full.iter().cloned().chain(path[1..].iter().cloned()).collect()
            }
            _ => path.to_vec(),
        };
        (0..=path.len()).rev().map(|n| path[..n].to_vec()).find(|p| modules.contains(p)).unwrap_or_default()
    };
    let mut forbidden = Vec::new();
    let mut graph = Graph::new();
    for (here, text) in files {
        let wing = here.first().cloned().unwrap_or_default();
        for named in paths_named(text, here) {
            let target = resolve(&named);
            let to_wing = target.first().cloned().unwrap_or_default();
            if to_wing != wing && !to_wing.is_empty() && !allowed(&wing).contains(&to_wing.as_str()) {
                forbidden.push(format!("{} imports {}", here.join("::"), named.join("::")));
            }
            if target != *here && !target.is_empty() && !here.starts_with(&target) {
                graph.entry(here.clone()).or_default().insert(target);
            }
        }
    }
    (forbidden, graph)
}

#[test]
fn wings_import_only_what_they_may_and_modules_form_no_cycle() {
    let files = crate_sources();
    let modules: BTreeSet<Vec<String>> = files.iter().map(|(m, _)| m.clone()).collect();
    let lib = files.iter().find(|(m, _)| m.is_empty()).map(|(_, t)| t.as_str()).unwrap_or_default();
    assert!(root_exports(lib).get("DataError").is_some_and(|p| p[0] == "kernel"));
    let (forbidden, graph) = check(&files);
    assert!(forbidden.is_empty(), "imports across wings:\n{}", forbidden.join("\n"));
    // No cycle: a depth-first search finds no module on its own path.
    fn visit(
        m: &Vec<String>,
        graph: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        path: &mut Vec<Vec<String>>,
        done: &mut BTreeSet<Vec<String>>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == m) {
            return Some(path[at..].iter().chain(std::iter::once(m)).map(|p| p.join("::")).collect());
        }
        if !done.insert(m.clone()) {
            return None;
        }
        path.push(m.clone());
        for next in graph.get(m).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    for m in graph.keys() {
        let mut path = Vec::new();
        if let Some(cycle) = visit(m, &graph, &mut path, &mut done) {
            panic!("modules import each other in a cycle: {}", cycle.join(" -> "));
        }
    }
    // The layout is what lib.rs and DESIGN.md say: four wings, each with modules in it.
    let wings: BTreeSet<String> = modules.iter().filter_map(|m| m.first().cloned()).collect();
    assert_eq!(wings, ["kernel", "police_uk", "scan", "tables"].iter().map(|s| (*s).to_owned()).collect());
}

/// The check above is not empty: it finds a planted import across wings and a planted cycle.
#[test]
fn the_layout_check_sees_what_it_should() {
    let here = vec!["tables".to_owned(), "rows".to_owned()];
    let named = paths_named("use crate::police_uk::format::Layout;\nuse super::x::Y;", &here);
    assert_eq!(named[0], ["police_uk", "format", "Layout"]);
    assert_eq!(named[1], ["tables", "x", "Y"]);
    assert!(!allowed("tables").contains(&"police_uk"));
    let commented = paths_named("// crate::police_uk::x\n/// [`crate::scan`]", &here);
    assert!(commented.is_empty());
    // Groups: every item of `crate::{...}`, nested groups and renames included.
    let grouped = paths_named(
        "use crate::{kernel::Month, police_uk::{format::Layout, rows as r}};\nuse crate::recorded_crime;",
        &here,
    );
    assert_eq!(
        grouped,
        [
            vec!["kernel", "Month"],
            vec!["police_uk", "format", "Layout"],
            vec!["police_uk", "rows"],
            vec!["recorded_crime"]
        ]
    );
    // Names the root re-exports stand for their wing: `crate::count_outcomes` is `police_uk`.
    let exports = root_exports(
        "pub use kernel::{quoted, DataError};\npub use police_uk::{\n    count_outcomes, tracked,\n};\npub use tables::{rows, yearly as y};",
    );
    assert_eq!(exports["count_outcomes"], ["police_uk", "count_outcomes"]);
    assert_eq!(exports["DataError"], ["kernel", "DataError"]);
    assert_eq!(exports["yearly"], ["tables", "yearly"]);
}

/// Imports planted across wings, in each form the check reads, each fail the
/// check over the crate's real sources with one line added to `tables::rows`.
#[test]
fn planted_imports_across_wings_fail_the_check() {
    let files = crate_sources();
    assert!(check(&files).0.is_empty());
    let rows = files.iter().position(|(m, _)| *m == ["tables", "rows"]).unwrap();
    for planted in [
        "use crate::police_uk::format::Layout;",
        "use crate::{police_uk::format::Layout, kernel::Month};",
        "use crate::{kernel::{Month, quoted}, police_uk::tracked};",
        "use crate::count_outcomes;",
        "use crate::{Summary, DataError};",
        "use super::super::police_uk::inputs;",
    ] {
        let mut changed = files.clone();
        changed[rows].1 = format!("{planted}\n{}", changed[rows].1);
        let (forbidden, _) = check(&changed);
        assert!(forbidden.iter().any(|f| f.starts_with("tables::rows imports")), "{planted} passed the check");
    }
}
