//! Finding the files to read (issue 21): archive member names never reach the
//! disk, one file stands for each month, force and kind, archives in folders
//! are read, and a pipe met in a folder is refused rather than read for ever.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs,
    reason = "a test: a failure panics with its message"
)]

use std::io::Write;
use std::path::{Path, PathBuf};

use policing_data::inputs::{expand, Selection};
use policing_data::{count_outcomes, CountOptions, DataError, FileKind};
use policing_forces::Force;

const HEADER: &str =
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context";

/// A street file of `n` burglaries in June 2016 for `force`.
fn street(force: &str, n: usize) -> Vec<u8> {
    let mut out = format!("{HEADER}\n");
    for i in 0..n {
        out.push_str(&format!("id{i},2016-06,{force},{force},,,,,,Burglary,Under investigation,\n"));
    }
    out.into_bytes()
}

fn write_zip(path: &Path, members: &[(&str, Vec<u8>)]) {
    let mut w = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, bytes) in members {
        w.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap();
}

/// A zip holding two members of one name (which zip writers refuse to make):
/// written under two names of one length, the second renamed in the bytes.
fn write_zip_twice(path: &Path, name: &str, first: Vec<u8>, second: Vec<u8>) {
    let stand_in = name.replace("wiltshire", "wiltshirX");
    assert_ne!(stand_in, name);
    write_zip(path, &[(name, first), (stand_in.as_str(), second)]);
    let bytes = std::fs::read(path).unwrap();
    let (from, to) = (stand_in.as_bytes(), name.as_bytes());
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    std::fs::write(path, out).unwrap();
}

fn crimes(paths: &[PathBuf], selection: &Selection) -> Result<(u64, usize), DataError> {
    let expanded = expand(paths, selection)?;
    let counted = count_outcomes(&expanded.files, &CountOptions::default(), None)?;
    Ok((counted.summary.crimes, expanded.duplicates.len()))
}

fn streets() -> Selection {
    Selection::new(Some(FileKind::Street))
}

/// Item 3: an absolute member name, a `..` member and a backslash member are
/// read from the archive, never from the disk paths they spell.
#[test]
fn member_names_never_reach_the_disk() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // On disk, at the paths the names spell: other contents.
    let elsewhere = d.join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    let absolute = elsewhere.join("2016-06-wiltshire-street.csv");
    std::fs::write(&absolute, street("Wiltshire Police", 50)).unwrap();
    std::fs::write(d.join("2016-06-dorset-street.csv"), street("Dorset Police", 70)).unwrap();
    let zip = d.join("sub").join("download.zip");
    std::fs::create_dir_all(zip.parent().unwrap()).unwrap();
    let absolute_name = absolute.to_str().unwrap().to_owned();
    write_zip(
        &zip,
        &[
            (absolute_name.as_str(), street("Wiltshire Police", 3)),
            ("../../2016-06-dorset-street.csv", street("Dorset Police", 4)),
            ("2016-06\\2016-06-kent-street.csv", street("Kent Police", 5)),
        ],
    );
    assert_eq!(crimes(std::slice::from_ref(&zip), &streets()).unwrap().0, 3 + 4 + 5);
    // Selected by force through the backslash name too.
    assert_eq!(crimes(std::slice::from_ref(&zip), &streets().forces(vec![Force::Kent])).unwrap().0, 5);
    // Each member's path is below the archive's.
    for f in expand(std::slice::from_ref(&zip), &streets()).unwrap().files {
        assert!(f.starts_with(&zip), "{}", f.display());
    }
}

/// Item 18: a member name that is not UTF-8 is read (with U+FFFD in messages),
/// not reported as "no such member".
#[test]
fn a_member_name_that_is_not_utf8_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let zip = dir.path().join("latin1.zip");
    write_zip(&zip, &[("dirX/2016-06-wiltshire-street.csv", street("Wiltshire Police", 6))]);
    // The name's bytes, in the local header and the central directory alike: `X` becomes 0xFF.
    let bytes = std::fs::read(&zip).unwrap();
    let mut patched = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with(b"dirX/") {
            patched.extend_from_slice(b"dir\xff/");
            i += 5;
        } else {
            patched.push(bytes[i]);
            i += 1;
        }
    }
    assert_eq!(patched.len(), bytes.len());
    std::fs::write(&zip, &patched).unwrap();
    assert_eq!(crimes(std::slice::from_ref(&zip), &streets()).unwrap().0, 6);
    let files = expand(std::slice::from_ref(&zip), &streets()).unwrap().files;
    assert!(files.iter().any(|f| f.to_string_lossy().contains('\u{fffd}')), "{files:?}");
}

/// Item 13: lone carriage returns end lines in street files too: a CR-only
/// file reads as rows (before: "columns 13 and 24 are both named"), rows joined
/// by a lone CR inside an LF file are rows of their own (before: one rejected
/// row of 23 fields), a lone CR inside a quoted field stays in it (as a line
/// feed, not ending the row), rejected rows name physical lines, and CRLF
/// files read as before.
#[test]
fn lone_carriage_returns_end_lines() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let lf = street("Wiltshire Police", 5);
    let text = String::from_utf8(lf.clone()).unwrap();
    let variants = [
        ("cr", text.replace('\n', "\r")),
        ("crlf", text.replace('\n', "\r\n")),
        // The second and third data rows joined by a lone CR.
        ("joined", {
            let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
            let joined = format!("{}\r{}", lines[2].trim_end_matches('\n'), lines[3]);
            lines.splice(2..4, [joined.as_str()]);
            lines.concat()
        }),
    ];
    for (name, body) in variants {
        for block in [16, 64, 1 << 20] {
            let sub = d.join(format!("{name}-{block}"));
            std::fs::create_dir_all(&sub).unwrap();
            let path = sub.join("2016-06-wiltshire-street.csv");
            std::fs::write(&path, &body).unwrap();
            let counted = count_outcomes(&[path], &CountOptions::default().block_size(block), None).unwrap();
            assert_eq!((counted.summary.crimes, counted.summary.rejected), (5, 0), "{name}, blocks of {block}");
        }
    }
    // A bad row after CR line ends is named by its physical line; a CR inside quotes is the field's.
    let mut rows = text.replace('\n', "\r");
    rows.push_str("bad row\r");
    rows.push_str("id9,2016-06,Wiltshire Police,Wiltshire Police,,,\"On or\rnear\",,,Burglary,Under investigation,\r");
    let path = d.join("2016-07-wiltshire-street.csv");
    std::fs::write(&path, rows).unwrap();
    let counted = count_outcomes(&[path], &CountOptions::default(), None).unwrap();
    assert_eq!(counted.summary.crimes, 6);
    let rejected: Vec<u64> = counted.rejections.iter().map(|r| r.line).collect();
    assert_eq!(rejected, [7], "{:?}", counted.rejections);
}

/// Item 5: one name twice in an archive, and overlapping downloads in two
/// folders: the same bytes read once and reported, different bytes an error.
#[test]
fn one_file_for_each_month_force_and_kind() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let same = d.join("same.zip");
    let name = "2016-06/2016-06-wiltshire-street.csv";
    write_zip_twice(&same, name, street("Wiltshire Police", 3), street("Wiltshire Police", 3));
    assert_eq!(crimes(&[same], &streets()).unwrap(), (3, 1));
    let differ = d.join("differ.zip");
    write_zip_twice(&differ, name, street("Wiltshire Police", 3), street("Wiltshire Police", 4));
    assert!(matches!(crimes(&[differ], &streets()), Err(DataError::DuplicateFile { .. })));

    // Two unpacked downloads that overlap.
    for (sub, n) in [("a/2016-06", 3), ("b/2016-06", 3)] {
        std::fs::create_dir_all(d.join("same").join(sub)).unwrap();
        std::fs::write(d.join("same").join(sub).join("2016-06-wiltshire-street.csv"), street("Wiltshire Police", n))
            .unwrap();
    }
    assert_eq!(crimes(&[d.join("same")], &streets()).unwrap(), (3, 1));
    for (sub, n) in [("a", 3), ("b", 5)] {
        std::fs::create_dir_all(d.join("differ").join(sub)).unwrap();
        std::fs::write(d.join("differ").join(sub).join("2016-06-wiltshire-street.csv"), street("Wiltshire Police", n))
            .unwrap();
    }
    let err = crimes(&[d.join("differ")], &streets()).unwrap_err();
    assert!(err.to_string().contains("different contents"), "{err}");

    // A hard link to a file in the folder is the same file.
    #[cfg(unix)]
    {
        let linked = d.join("linked");
        std::fs::create_dir_all(&linked).unwrap();
        std::fs::write(linked.join("2016-06-dorset-street.csv"), street("Dorset Police", 4)).unwrap();
        std::fs::create_dir_all(d.join("elsewhere")).unwrap();
        std::fs::hard_link(linked.join("2016-06-dorset-street.csv"), d.join("elsewhere/2016-06-dorset-street.csv"))
            .unwrap();
        assert_eq!(crimes(&[linked, d.join("elsewhere")], &streets()).unwrap(), (4, 1));
    }
}

/// Item 6: a zip inside a folder is read with the loose files beside it.
#[test]
fn archives_inside_folders_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("2016-06-dorset-street.csv"), street("Dorset Police", 4)).unwrap();
    write_zip(&d.join("download.zip"), &[("2016-06/2016-06-kent-street.csv", street("Kent Police", 5))]);
    assert_eq!(crimes(&[d.to_owned()], &streets()).unwrap().0, 9);
    // The same files zipped and loose (a download beside its unpacked folder) are read once.
    write_zip(&d.join("again.zip"), &[("2016-06/2016-06-dorset-street.csv", street("Dorset Police", 4))]);
    assert_eq!(crimes(&[d.to_owned()], &streets()).unwrap(), (9, 1));
}

/// Items 14 and 16: a pipe in a folder is refused (never opened, so nothing
/// blocks), and a file a thousand folders deep is found.
#[cfg(unix)]
#[test]
fn pipes_in_folders_are_refused_and_deep_folders_walked() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("2016-06-dorset-street.csv"), street("Dorset Police", 4)).unwrap();
    let fifo = d.join("2016-06-kent-street.csv");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    assert!(matches!(crimes(&[d.to_owned()], &streets()), Err(DataError::NotAFile { path }) if path == fifo));

    let deep_root = d.join("deep");
    let mut deep = deep_root.clone();
    for i in 0..1_000 {
        deep.push(format!("{}", i % 10));
    }
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::write(deep.join("2016-06-dorset-street.csv"), street("Dorset Police", 2)).unwrap();
    assert_eq!(crimes(&[deep_root], &streets()).unwrap().0, 2);
}
