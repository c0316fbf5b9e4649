//! The same street files as a folder and as a zip archive (a differential
//! target): member names absolute, with `..`, with backslashes, nested, and the
//! same name twice (with the same or different contents) give the same counts,
//! or both an error. The input chooses up to six files: for each, a byte picks
//! the force, month and how the member's name is written; the rest is the body.
#![no_main]

use std::io::Write;

use libfuzzer_sys::fuzz_target;
use policing_data::inputs::{expand, Selection};
use policing_data::{count_outcomes, CountOptions, FileKind};

const HEADER: &[u8] = b"Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n";

fn counts(path: &std::path::Path) -> Option<policing_data::OutcomeCountsByForce> {
    let expanded = expand(&[path.to_owned()], &Selection::new(Some(FileKind::Street))).ok()?;
    let r = count_outcomes(&expanded.files, &CountOptions::default(), None).ok()?;
    assert!(r.summary.adds_up());
    Some(r)
}

fuzz_target!(|data: &[u8]| {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("folder");
    let zip_path = dir.path().join("download.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&zip_path).expect("zip"));
    let mut names = std::collections::HashSet::new();
    for (i, chunk) in data.split(|b| *b == 0xFF).take(6).enumerate() {
        let Some((pick, body)) = chunk.split_first() else { continue };
        let force = ["wiltshire", "dorset", "kent"][usize::from(pick % 3)];
        let month = ["2016-05", "2016-06"][usize::from(pick / 3 % 2)];
        let prefix = ["", "/abs/", "../", "a/b/", "a\\"][usize::from(pick / 6 % 5)];
        let base = format!("{month}-{force}-street.csv");
        let mut bytes = HEADER.to_vec();
        bytes.extend_from_slice(body);
        // The folder: each file in a folder of its own, so that one name can be there twice.
        let sub = folder.join(i.to_string());
        std::fs::create_dir_all(&sub).expect("folder");
        std::fs::write(sub.join(&base), &bytes).expect("write");
        // The archive: the name as chosen; zip writers refuse one name twice, so a repeat is nested once more.
        let mut name = format!("{prefix}{base}");
        while !names.insert(name.clone()) {
            name = format!("x/{name}");
        }
        zip.start_file(name, zip::write::SimpleFileOptions::default()).expect("member");
        zip.write_all(&bytes).expect("member bytes");
    }
    zip.finish().expect("zip");
    if !folder.exists() {
        return;
    }
    let (a, b) = (counts(&folder), counts(&zip_path));
    match (a, b) {
        (Some(a), Some(b)) => assert_eq!(a.counts, b.counts),
        (None, None) => {}
        (a, b) => panic!("folder {:?} but archive {:?}", a.map(|r| r.summary), b.map(|r| r.summary)),
    }
});
