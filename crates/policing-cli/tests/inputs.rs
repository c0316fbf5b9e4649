//! Inputs that never mislead (issue 21), through the tool: standard input read
//! more than once, tables with repeated names or keys, tables that contradict
//! themselves, names that are not XML, and output files checked before work.
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
use std::process::{Command, Output, Stdio};

/// The header of a data.police.uk street file.
const STREET_HEADER: &str = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,\
                             Crime type,Last outcome category,Context";

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
    // Round three, item 9: an error (exit 1) naming both lines and counts, and no table written.
    assert_eq!(out.status.code(), Some(1), "{e}");
    assert!(e.contains(&format!("ons.csv:{}:", wilts + 2)), "{e}");
    assert!(e.contains(&format!("given on line {} with the count {}", wilts + 1, count.trim())), "{e}");
    assert!(e.contains("contradicts itself") && out.stdout.is_empty(), "{e}");
    // The same row given twice with the same count is harmless: rejected, counted, exit 0.
    let mut same = ons.lines().collect::<Vec<_>>();
    same.insert(wilts + 1, &row);
    std::fs::write(d.join("same.csv"), same.join("\n")).unwrap();
    let out = policing(d, &["crime", "-i", "same.csv", "--to", "2016-06", "-m", "robbery", "-F", "wiltshire"], None);
    assert!(out.status.success() && text(&out.stderr).contains("1 rejected"), "{}", text(&out.stderr));
    // A second PFA column: which one holds the areas is not known, so the table is refused (exit 1).
    let header = ons.lines().next().unwrap();
    let mut doubled = vec![format!("{header},PFA")];
    doubled.extend(ons.lines().skip(1).take(50).map(|l| format!("{l},Dorset")));
    std::fs::write(d.join("pfa.csv"), doubled.join("\n")).unwrap();
    let out = policing(d, &["crime", "-i", "pfa.csv", "--to", "2016-06"], None);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("names \"PFA\" twice (columns 2 and 6)"), "{}", text(&out.stderr));
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

/// Round three, item 10: two members of one name whose declared checksum and
/// size agree but whose bytes differ (a forged CRC-32) are two files, not one:
/// refused as contradicting, never read as one.
#[test]
fn zip_members_of_one_name_are_compared_by_their_bytes() {
    use std::io::Write as _;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let street = |id: char| {
        let mut s = format!("{STREET_HEADER}\n");
        for i in 0..3 {
            s.push_str(&format!(
                "{id}{i},2016-06,Wiltshire Police,Wiltshire Police,,,,,,Burglary,Under investigation,\n"
            ));
        }
        s.into_bytes()
    };
    let (name, stand_in) = ("2016-06/2016-06-wiltshire-street.csv", "2016-06/2016-06-wiltshirX-street.csv");
    let path = d.join("forged.zip");
    let mut w = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (n, bytes) in [(name, street('a')), (stand_in, street('b'))] {
        w.start_file(n, stored).unwrap();
        w.write_all(&bytes).unwrap();
    }
    w.finish().unwrap();
    // The second member renamed to the first's name and given the first's checksum, in the bytes.
    let crc = |i: usize| {
        let mut z = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
        let crc = z.by_index_raw(i).unwrap().crc32();
        crc.to_le_bytes()
    };
    let (first, second) = (crc(0), crc(1));
    assert_ne!(first, second);
    let mut bytes = std::fs::read(&path).unwrap();
    for (from, to) in [(stand_in.as_bytes(), name.as_bytes()), (&second[..], &first[..])] {
        let mut i = 0;
        while i + from.len() <= bytes.len() {
            if &bytes[i..i + from.len()] == from {
                bytes[i..i + from.len()].copy_from_slice(to);
                i += from.len();
            } else {
                i += 1;
            }
        }
    }
    std::fs::write(&path, bytes).unwrap();
    let out = policing(d, &["counts", "forged.zip"], None);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("the same declared checksum and size, other bytes"), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());
}

/// Round three, item 11: two stray quotes ten lines apart join eleven lines
/// into one row with the right number of fields; data.police.uk rows never
/// hold a line break, so that row is rejected as suspect and said, not counted
/// as one crime while ten vanish.
#[test]
fn a_quoted_field_over_many_lines_is_suspect() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let row = |i: usize| format!("r{i},2016-06,Wiltshire Police,Wiltshire Police,,,,,,Burglary,Under investigation,");
    let mut lines = vec![STREET_HEADER.to_owned(), row(0)];
    lines.push("s1,2016-06,Wiltshire Police,Wiltshire Police,,,,,,Burglary,\"Under investigation".to_owned());
    lines.extend((1..=9).map(row));
    lines.push("end\",".to_owned());
    lines.push(row(10));
    std::fs::create_dir_all(d.join("2016-06")).unwrap();
    std::fs::write(d.join("2016-06/2016-06-wiltshire-street.csv"), lines.join("\n") + "\n").unwrap();
    let out = policing(d, &["counts", "2016-06", "--by", "crime-type", "-f", "csv"], None);
    let e = text(&out.stderr);
    assert!(out.status.success(), "{e}");
    assert!(e.contains("a quoted field runs over 11 lines"), "{e}");
    assert!(e.contains(":3:"), "the row's first line is named: {e}");
    assert!(e.contains("1 rejected"), "{e}");
    // The two rows outside the quotes are counted; none of the eleven lines is.
    assert!(text(&out.stdout).contains("Wiltshire Police,Burglary,2"), "{}", text(&out.stdout));
}

/// A minimal `.xlsx` workbook: each sheet (name, hidden, rows of inline text cells).
fn write_xlsx(path: &Path, sheets: &[(&str, bool, Vec<Vec<String>>)]) {
    use std::io::Write as _;
    let mut w = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let opts = zip::write::SimpleFileOptions::default();
    let mut put = |name: &str, body: String| {
        w.start_file(name, opts).unwrap();
        w.write_all(body.as_bytes()).unwrap();
    };
    let overrides: String = (1..=sheets.len())
        .map(|i| {
            format!(
                r#"<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
            )
        })
        .collect();
    put(
        "[Content_Types].xml",
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>{overrides}</Types>"#
        ),
    );
    put(
        "_rels/.rels",
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_owned(),
    );
    let entries: String = sheets
        .iter()
        .enumerate()
        .map(|(i, (name, hidden, _))| {
            let state = if *hidden { r#" state="hidden""# } else { "" };
            format!(r#"<sheet name="{name}" sheetId="{}"{state} r:id="rId{}"/>"#, i + 1, i + 1)
        })
        .collect();
    put(
        "xl/workbook.xml",
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{entries}</sheets></workbook>"#
        ),
    );
    let rels: String = (1..=sheets.len())
        .map(|i| {
            format!(
                r#"<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>"#
            )
        })
        .collect();
    put(
        "xl/_rels/workbook.xml.rels",
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#
        ),
    );
    for (i, (_, _, rows)) in sheets.iter().enumerate() {
        let mut data = String::new();
        for (r, row) in rows.iter().enumerate() {
            data.push_str(&format!(r#"<row r="{}">"#, r + 1));
            for (c, cell) in row.iter().enumerate() {
                let col = char::from(b'A' + u8::try_from(c).unwrap());
                if !cell.is_empty() {
                    data.push_str(&format!(r#"<c r="{col}{}" t="inlineStr"><is><t>{cell}</t></is></c>"#, r + 1));
                }
            }
            data.push_str("</row>");
        }
        put(
            &format!("xl/worksheets/sheet{}.xml", i + 1),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{data}</sheetData></worksheet>"#
            ),
        );
    }
    w.finish().unwrap();
}

fn cells(rows: &[&str]) -> Vec<Vec<String>> {
    rows.iter().map(|r| r.split(',').map(str::to_owned).collect()).collect()
}

/// Round three, item 8: a hidden first sheet is passed over (and said), the
/// sheet read is said; `crime` and `profile` take --sheet for an ONS-style
/// workbook with a cover sheet; an empty key cell is an error naming it.
#[test]
fn workbook_sheets_hidden_named_and_said() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let book = d.join("rates.xlsx");
    write_xlsx(
        &book,
        &[
            ("Old", true, cells(&["force,rate", "Stale Police,999"])),
            ("Rates", false, cells(&["force,rate", "Dorset Police,55.5", "Wiltshire Police,5.24"])),
        ],
    );
    let out = policing(d, &["band", "-i", "rates.xlsx", "-k", "force", "-v", "rate"], None);
    let (o, e) = (text(&out.stdout), text(&out.stderr));
    assert!(out.status.success(), "{e}");
    assert!(!o.contains("Stale") && o.contains("Dorset Police"), "{o}");
    assert!(e.contains("read sheet \"Rates\" (hidden sheets passed over: \"Old\""), "{e}");
    // Named, the hidden sheet is read.
    let out = policing(d, &["band", "-i", "rates.xlsx", "--sheet", "Old", "-k", "force", "-v", "rate"], None);
    assert!(text(&out.stdout).contains("Stale Police"), "{}", text(&out.stderr));
    // An empty key cell is an error naming its row and column, never a unit.
    write_xlsx(&d.join("gap.xlsx"), &[("Rates", false, cells(&["force,rate", "Dorset Police,55.5", ",7"]))]);
    let out = policing(d, &["band", "-i", "gap.xlsx", "-k", "force", "-v", "rate"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("gap.xlsx:3: column \"force\" is empty"), "{}", text(&out.stderr));

    // An ONS-style workbook: a cover sheet, then the table.
    let ons = std::fs::read_to_string(raw().join("ons-rec-crime-pfa/rec-crime-pfa.csv")).unwrap();
    let rows: Vec<&str> = ons.lines().filter(|l| l.starts_with("30-06-2016,") || l.starts_with("12 months")).collect();
    let table: Vec<Vec<String>> =
        rows.iter().map(|l| l.split(',').map(|c| c.replace('&', "&amp;")).collect()).collect();
    write_xlsx(
        &d.join("ons.xlsx"),
        &[
            ("Cover", false, cells(&["Police recorded crime by police force area", "Source: ONS"])),
            ("Table P1", false, table),
        ],
    );
    let out = policing(d, &["crime", "-i", "ons.xlsx", "--to", "2016-06", "-m", "robbery", "-f", "csv"], None);
    assert_eq!(out.status.code(), Some(1), "a cover sheet is not the table: {}", text(&out.stderr));
    let with_sheet = policing(
        d,
        &["crime", "-i", "ons.xlsx", "--sheet", "Table P1", "--to", "2016-06", "-m", "robbery", "-f", "csv"],
        None,
    );
    assert!(with_sheet.status.success(), "{}", text(&with_sheet.stderr));
    assert!(text(&with_sheet.stderr).contains("ons.xlsx: read sheet \"Table P1\""), "{}", text(&with_sheet.stderr));
    // The same figures as the shipped CSV.
    let shipped = policing(d, &["crime", "--to", "2016-06", "-m", "robbery", "-f", "csv"], None);
    let pick =
        |o: &Output| text(&o.stdout).lines().filter(|l| l.starts_with("Wiltshire Police,")).map(str::to_owned).next();
    assert_eq!(
        pick(&with_sheet).map(|l| l.split(',').take(5).collect::<Vec<_>>().join(",")),
        pick(&shipped).map(|l| l.split(',').take(5).collect::<Vec<_>>().join(","))
    );
    let out = policing(
        d,
        &["profile", "-F", "wiltshire", "-i", "ons.xlsx", "--sheet", "Table P1", "--to", "2016-06", "-f", "csv"],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
}

/// Round three, items 3, 14, 15 and 16: the copy of standard input is bounded
/// (a line over 1 MiB ends it), private (folder 0700, file 0600), and removed
/// on SIGTERM, which leaves the old output as it was; `-o` replacing a file
/// keeps its mode.
#[cfg(target_os = "linux")]
#[test]
fn temporaries_are_bounded_private_and_removed_on_signals() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let tmp = d.join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let city = raw().join("berlinhack-cityoflondon");
    let city = city.to_str().unwrap();
    let run = |stdin: Stdio| {
        Command::new(env!("CARGO_BIN_EXE_policing"))
            .current_dir(d)
            .env("TMPDIR", &tmp)
            .args(["outcomes", "--street", "-", "--outcomes", city, "--memory", "200M", "-o", "out.csv"])
            .stdin(stdin)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let left = || std::fs::read_dir(&tmp).unwrap().count();
    // 14: a line of 3 MB ends the copy with an error naming the line; nothing is left behind.
    let mut child = run(Stdio::piped());
    let mut input = child.stdin.take().unwrap();
    let _ = input.write_all(b"Crime ID,Month\n");
    let _ = input.write_all(&vec![b'x'; 3_000_000]);
    drop(input);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("line 2 is over 1048576 bytes"), "{}", text(&out.stderr));
    assert_eq!(left(), 0);
    // 3: an output file replaced keeps its mode.
    std::fs::write(d.join("out.csv"), "mine\n").unwrap();
    std::fs::set_permissions(d.join("out.csv"), std::fs::Permissions::from_mode(0o600)).unwrap();
    let out = policing(d, &["crime", "--to", "2016-06", "-m", "robbery", "-o", "out.csv"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let meta = std::fs::metadata(d.join("out.csv")).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    std::fs::write(d.join("out.csv"), "mine\n").unwrap();
    // 15 and 16: standard input held open; the copy appears, private; SIGTERM removes it.
    let mut child = run(Stdio::piped());
    let mut input = child.stdin.take().unwrap();
    input.write_all(b"Crime ID,Month,Reported by,Falls within\n").unwrap();
    input.flush().unwrap();
    let start = std::time::Instant::now();
    let spool = loop {
        let found = std::fs::read_dir(&tmp).unwrap().filter_map(Result::ok).map(|e| e.path()).next();
        if let Some(folder) = found.filter(|f| f.join("standard-input.csv").exists()) {
            break folder;
        }
        assert!(start.elapsed().as_secs() < 30, "no copy of standard input appeared");
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&spool), 0o700);
    assert_eq!(mode(&spool.join("standard-input.csv")), 0o600);
    let killed = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(killed.success());
    let out = child.wait_with_output().unwrap();
    drop(input);
    assert_eq!(out.status.code(), Some(130), "{}", text(&out.stderr));
    assert_eq!(left(), 0, "the temporary folder is removed");
    assert_eq!(std::fs::read_to_string(d.join("out.csv")).unwrap(), "mine\n", "the old output is intact");
}
