//! Integration tests of `policing-data`: the real data.police.uk files in
//! `data/raw/` (counts cross-checked by an independent computation),
//! malformed inputs made here, thread-count invariance, the join, the Home
//! Office tables, and properties of the scanner.
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

use policing_data::csv::{Record, Scanner};
use policing_data::home_office::{read_outcomes_table, CountKind};
use policing_data::inputs::{expand, Selection};
use policing_data::tracked::{track_outcomes, TrackOptions};
use policing_data::{count_outcomes, CountOptions, DataError, FileKind, GroupBy, Month, MAX_NAME_BYTES};
use policing_forces::Force;
use policing_outcomes::{Outcome, OutcomeType};
use proptest::prelude::*;

/// The plain overdispersion method, shared with `policing-stats`' tests.
#[path = "../../policing-stats/tests/stats/plain.rs"]
mod plain;

/// How the results print unknown outcome texts beyond those kept apart.
const OTHER_OUTCOMES: &str = "(other unknown outcome categories)";

/// A count's typed keys as text: the force's name and the key as printed.
fn as_text<K: std::fmt::Display>(counts: &BTreeMap<(Force, K), u64>) -> BTreeMap<(String, String), u64> {
    counts.iter().map(|((f, k), n)| ((f.name().to_owned(), k.to_string()), *n)).collect()
}

fn raw() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/raw")
}

fn city_street_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(raw().join("berlinhack-cityoflondon"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with("-street.csv"))
        .collect();
    files.sort();
    files
}

/// An independent count: the City of London files hold no quotes (checked), so
/// splitting lines on commas is exact.
fn naive_counts(files: &[PathBuf]) -> (BTreeMap<(String, String), u64>, u64, u64) {
    let mut counts = BTreeMap::new();
    let (mut rows, mut asb) = (0, 0);
    for f in files {
        let text = std::fs::read_to_string(f).unwrap();
        assert!(!text.contains('"'));
        for line in text.lines().skip(1) {
            let fields: Vec<&str> = line.split(',').collect();
            assert_eq!(fields.len(), 12);
            rows += 1;
            if fields[9] == "Anti-social behaviour" {
                asb += 1;
                continue;
            }
            *counts.entry((fields[3].to_owned(), fields[10].to_owned())).or_default() += 1;
        }
    }
    (counts, rows, asb)
}

#[test]
fn real_city_of_london_files_match_an_independent_count() {
    let files = city_street_files();
    assert_eq!(files.len(), 18);
    let result = count_outcomes(&files, &CountOptions::default(), None).unwrap();
    let (expected, rows, asb) = naive_counts(&files);
    assert_eq!(as_text(&result.counts), expected);
    assert_eq!(result.summary.rows, rows);
    assert_eq!(result.summary.rows, 10_118, "SOURCES.md: 10,118 street rows");
    assert_eq!(result.summary.anti_social_behaviour, asb);
    assert_eq!(result.summary.rejected, 0);
    assert!(result.summary.adds_up());
    assert!(result.summary.unknown_outcomes.is_empty());
}

#[test]
fn results_do_not_depend_on_threads_or_block_size() {
    let files = city_street_files();
    let reference = count_outcomes(&files, &CountOptions::default().threads(1), None).unwrap();
    for threads in [2, 3, 8] {
        for block_size in [4096, 10_000, 1 << 20] {
            let options = CountOptions::default().threads(threads).block_size(block_size);
            let r = count_outcomes(&files, &options, None).unwrap();
            assert_eq!(r, reference, "threads {threads}, block {block_size}");
        }
    }
}

#[test]
fn month_filter_and_reported_by() {
    let files = city_street_files();
    let june: Month = "2016-06".parse().unwrap();
    let options = CountOptions::default().months(june, june);
    let r = count_outcomes(&files, &options, None).unwrap();
    assert_eq!(r.summary.rows, 10_118);
    assert_eq!(r.summary.crimes + r.summary.anti_social_behaviour, 500, "2016-06 has 500 rows");
    assert!(r.summary.adds_up());
    let by = count_outcomes(&files, &CountOptions::default().group_by(GroupBy::ReportedBy), None).unwrap();
    assert_eq!(by.summary.crimes, count_outcomes(&files, &CountOptions::default(), None).unwrap().summary.crimes);
}

#[test]
fn archive_layout_is_expanded_and_filtered() {
    let dir = tempfile::tempdir().unwrap();
    for f in city_street_files().iter().take(4) {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let month_dir = dir.path().join(&name[..7]);
        std::fs::create_dir_all(&month_dir).unwrap();
        std::fs::copy(f, month_dir.join(&name)).unwrap();
        std::fs::write(month_dir.join(name.replace("city-of-london", "wiltshire")), "x").unwrap();
    }
    let all = expand(&[dir.path().to_owned()], &Selection::default()).unwrap().files;
    assert_eq!(all.len(), 8);
    let selection = Selection::new(Some(FileKind::Street))
        .months("2016-02".parse().unwrap(), "2016-03".parse().unwrap())
        .forces(vec![Force::CityOfLondon]);
    let some = expand(&[dir.path().to_owned()], &selection).unwrap().files;
    let names: Vec<String> = some.iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["2016-02-city-of-london-street.csv", "2016-03-city-of-london-street.csv"]);
    assert!(matches!(expand(&[dir.path().join("nope")], &Selection::default()), Err(DataError::NotFound { .. })));
    // A device (or a pipe) is not taken for a file: it could be read only once, or never end.
    #[cfg(unix)]
    {
        let e = expand(&[PathBuf::from("/dev/zero")], &Selection::default()).unwrap_err();
        assert!(matches!(e, DataError::NotAFile { .. }), "{e}");
        assert!(e.to_string().contains("/dev/zero") && e.to_string().contains("standard input"), "{e}");
    }
    // Each physical file once: a file given twice, and a link back up the tree (a loop), are not read again.
    let one = some[0].clone();
    let twice = expand(&[one.clone(), one.clone()], &Selection::default()).unwrap();
    assert_eq!((twice.files.len(), twice.duplicates.len()), (1, 1));
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.path(), dir.path().join("2016-01").join("loop")).unwrap();
        let again = expand(&[dir.path().to_owned()], &Selection::default()).unwrap();
        assert_eq!(again.files.len(), 8, "{:?}", again.files);
    }
    // A folder of files that are not named as data.police.uk names them is an error, not 0 files.
    let renamed = tempfile::tempdir().unwrap();
    std::fs::copy(&one, renamed.path().join("june.csv")).unwrap();
    let e = expand(&[renamed.path().to_owned()], &Selection::new(Some(FileKind::Street))).unwrap_err();
    assert!(matches!(e, DataError::NoFiles { .. }) && e.to_string().contains("-street.csv"), "{e}");
}

const HEADER: &str = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context";

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn row(id: &str, force: &str, location: &str, crime: &str, outcome: &str) -> String {
    format!("{id},2016-06,{force},{force},-2.1,51.3,{location},E01000001,Wiltshire 001A,{crime},{outcome},")
}

#[test]
fn rfc4180_quoting_line_ends_bom_and_no_final_newline() {
    let dir = tempfile::tempdir().unwrap();
    let w = "Wiltshire Police";
    let body = [
        row("a", w, "\"On or near Market Place, North\"", "Burglary", "Suspect charged"),
        row("b", w, "\"On or near The \"\"Old\"\" Mill\"", "Burglary", "Suspect charged"),
        row("c", w, "\"On or near\nTwo Lines\"", "Robbery", "Under investigation"),
        row("", w, "On or near High Street", "Anti-social behaviour", ""),
        row("d", w, "On or near High Street", "Drugs", ""),
    ];
    let mut text = format!("\u{feff}{HEADER}\r\n");
    text.push_str(&body.join("\r\n"));
    let path = write(dir.path(), "quoted-street.csv", text.as_bytes());
    for threads in [1, 2] {
        for block_size in [16, 64, 4096] {
            let r = count_outcomes(
                std::slice::from_ref(&path),
                &CountOptions::default().threads(threads).block_size(block_size),
                None,
            )
            .unwrap();
            assert_eq!(r.summary.rows, 5, "threads {threads} block {block_size}");
            assert_eq!(r.summary.rejected, 0, "{:?}", r.rejections);
            assert_eq!(as_text(&r.counts)[&(w.to_owned(), "Suspect charged".to_owned())], 2);
            assert_eq!(as_text(&r.counts)[&(w.to_owned(), "Under investigation".to_owned())], 1);
            assert_eq!(as_text(&r.counts)[&(w.to_owned(), String::new())], 1, "an empty outcome stays empty");
            assert_eq!(r.summary.anti_social_behaviour, 1);
        }
    }
}

#[test]
fn empty_and_header_only_files() {
    let dir = tempfile::tempdir().unwrap();
    let empty = write(dir.path(), "empty-street.csv", b"");
    let header_only = write(dir.path(), "header-street.csv", HEADER.as_bytes());
    let r = count_outcomes(&[empty, header_only], &CountOptions::default(), None).unwrap();
    assert_eq!((r.summary.files, r.summary.empty_files, r.summary.rows), (2, 1, 0));
}

#[test]
fn a_missing_column_names_itself_and_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(dir.path(), "bad-street.csv", HEADER.replace(",Crime type", "").as_bytes());
    let err = count_outcomes(std::slice::from_ref(&bad), &CountOptions::default(), None).unwrap_err();
    assert!(matches!(&err, DataError::MissingColumn { column: "Crime type", .. }), "{err}");
    assert!(err.to_string().contains("bad-street.csv") && err.to_string().contains("Crime type"), "{err}");
    let outcomes = raw().join("ukcrimedataspark-samples/2018-01-bedfordshire-outcomes.csv");
    let err = count_outcomes(&[outcomes], &CountOptions::default(), None).unwrap_err();
    assert!(err.to_string().contains("Crime type"), "{err}");
}

#[test]
fn bad_rows_are_rejected_with_file_line_and_reason() {
    let dir = tempfile::tempdir().unwrap();
    let w = "Wiltshire Police";
    let mut bytes = format!("{HEADER}\n").into_bytes();
    bytes.extend(format!("{}\n", row("ok", w, "x", "Burglary", "Suspect charged")).as_bytes()); // line 2
    bytes.extend(b"too,few,fields\n"); // line 3
    bytes.extend(
        format!("{}\n", row("u", w, "caf\u{e9}", "Burglary", "Suspect charged")).replace('\u{e9}', "\u{1}").as_bytes(),
    ); // line 4 (valid)
    let mut invalid = row("i", w, "x", "Burglary", "Suspect charged").into_bytes();
    invalid[2] = 0xFF; // line 5: invalid UTF-8
    bytes.extend(invalid);
    bytes.push(b'\n');
    bytes.extend(format!("{}\n", row("s", "Police Scotland", "x", "Burglary", "Suspect charged")).as_bytes()); // line 6
    bytes.extend(format!("{}\n", row("m", w, "x", "Burglary", "Offender given a stern look")).as_bytes()); // line 7
    bytes.extend(
        format!("{}\n", row("q", w, "\"open\nquote", "Burglary", "Suspect charged"))
            .replace("2016-06", "2016-13")
            .as_bytes(),
    );
    let path = write(dir.path(), "bad-rows-street.csv", &bytes);
    let r = count_outcomes(std::slice::from_ref(&path), &CountOptions::default(), None).unwrap();
    let lines: Vec<(u64, &str)> = r.rejections.iter().map(|x| (x.line, x.reason.as_str())).collect();
    assert_eq!(lines[0], (3, "3 fields, expected 12"));
    assert_eq!(lines[1], (5, "invalid UTF-8"));
    assert!(lines[2].0 == 6 && lines[2].1.contains("Police Scotland"), "{lines:?}");
    // A quote opened on line 8 and never closed: line 8 is rejected, and line 9 is read as a row of its own.
    assert!(lines[3].0 == 8 && lines[3].1.contains("never closed"), "{lines:?}");
    assert!(lines[4].0 == 9 && lines[4].1.contains("fields, expected 12"), "{lines:?}");
    assert_eq!(r.summary.rejected, 5);
    assert_eq!(r.summary.unknown_outcomes.get("Offender given a stern look"), Some(&1));
    assert_eq!(r.summary.crimes, 3);
    assert!(r.summary.adds_up(), "{}", r.summary);
    assert!(r.rejections.iter().all(|x| x.file == path));
    // Strict mode: the first rejection is the error.
    let err = count_outcomes(&[path], &CountOptions::default().strict(true), None).unwrap_err();
    assert!(err.to_string().ends_with(":3: 3 fields, expected 12"), "{err}");
}

/// Texts a reader keeps as keys (force spellings, unknown outcomes) and texts it
/// quotes in messages are short, whatever the input: a 300-byte force spelling
/// is no force, a 300-byte outcome text is counted under the other outcomes,
/// and a 500,000-byte crime type is quoted in 80 characters.
#[test]
fn long_texts_are_neither_kept_as_keys_nor_quoted_whole() {
    let dir = tempfile::tempdir().unwrap();
    let w = "Wiltshire Police";
    let padded = format!("Wiltshire{}Police", " ".repeat(300)); // a spelling the registry would fold
    let long_outcome = "y".repeat(300);
    let long_crime = "z".repeat(500_000);
    let body = [
        row("a", w, "x", "Burglary", &long_outcome),
        row("b", &padded, "x", "Burglary", "Suspect charged"),
        row("c", w, "x", &long_crime, "Suspect charged"),
        row("d", w, "x", "Burglary", "Offender given a stern look"),
    ];
    let path = write(dir.path(), "long-street.csv", format!("{HEADER}\n{}\n", body.join("\n")).as_bytes());
    let r = count_outcomes(std::slice::from_ref(&path), &CountOptions::default(), None).unwrap();
    assert!(r.summary.adds_up(), "{}", r.summary);
    assert_eq!((r.summary.crimes, r.summary.rejected), (2, 2), "{}", r.summary);
    assert_eq!(r.summary.unknown_outcomes.keys().collect::<Vec<_>>(), ["Offender given a stern look"]);
    assert_eq!(r.summary.unknown_outcomes_folded, 1);
    assert!(r.summary.unknown_outcomes.keys().chain(r.summary.folded_forces.keys()).all(|k| k.len() <= MAX_NAME_BYTES));
    assert!(r.rejections[0].reason.contains("is not a police force"), "{:?}", r.rejections[0]);
    assert!(
        r.rejections[1].reason.contains("(500000 bytes) is not a data.police.uk category"),
        "{:?}",
        r.rejections[1]
    );
    assert!(r.rejections.iter().all(|x| x.reason.len() < 400), "{:?}", r.rejections);
    // The join: a 300-byte latest outcome is counted under the other outcomes.
    let outcomes = write(
        dir.path(),
        "2016-07-long-outcomes.csv",
        format!(
            "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type\n\
             {},2016-07,{w},{w},-2.1,51.3,x,E01000001,Wiltshire 001A,{long_outcome}\n",
            "d".repeat(64)
        )
        .as_bytes(),
    );
    let street = write(
        dir.path(),
        "2016-06-long-street.csv",
        format!("{HEADER}\n{}\n", row(&"d".repeat(64), w, "x", "Burglary", "")).as_bytes(),
    );
    let t = track_outcomes(&[street], &[outcomes], &TrackOptions::default(), None).unwrap();
    assert_eq!(as_text(&t.counts).get(&(w.to_owned(), OTHER_OUTCOMES.to_owned())), Some(&1), "{:?}", t.counts);
}

#[test]
fn tracked_outcomes_on_the_real_samples() {
    let dir = raw().join("ukcrimedataspark-samples");
    // SOURCES.md: 3 of 5 (Avon and Somerset) and 5 of 5 (Bedfordshire) outcome rows
    // share a Crime ID with the street excerpt. But the excerpts' last street line
    // was cut short by hand: it lacks the trailing (empty) Context column, so it
    // has 11 fields and is rejected, and one Bedfordshire outcome finds no crime.
    for (force, matched) in [("avon-and-somerset", 3), ("bedfordshire", 4)] {
        let street = vec![dir.join(format!("2018-01-{force}-street.csv"))];
        let outcomes = vec![dir.join(format!("2018-01-{force}-outcomes.csv"))];
        let t = track_outcomes(&street, &outcomes, &TrackOptions::default(), None).unwrap();
        let s = &t.summary;
        assert_eq!(s.outcome_rows, 5);
        assert_eq!(s.street_rejected, 1);
        assert_eq!((t.rejections[0].line, t.rejections[0].reason.as_str()), (7, "street row: 11 fields, expected 12"));
        assert_eq!(t.rejections[0].file, street[0]);
        assert_eq!(s.matched, matched);
        assert_eq!(s.orphans, 5 - matched);
        assert!(s.adds_up(), "{s}");
        assert!(s.with_outcome > 0 && s.with_outcome <= matched);
        assert_eq!(t.counts.values().sum::<u64>(), s.crimes);
    }
    // City of London June 2016. SOURCES.md says 127 distinct Crime IDs of the street
    // file appear in the outcomes file; that count includes the header value
    // "Crime ID" itself (shared by both headers). The crimes are 126.
    let city = raw().join("berlinhack-cityoflondon");
    let t = track_outcomes(
        &[city.join("2016-06-city-of-london-street.csv")],
        &[city.join("2016-06-city-of-london-outcomes.csv")],
        &TrackOptions::default(),
        None,
    )
    .unwrap();
    assert_eq!(t.summary.with_outcome, 126);
    assert_eq!(t.summary.repeated_crime_ids, 0);
    assert!(t.summary.adds_up());
}

#[test]
fn home_office_tables_from_csv_and_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let header = "Financial Year,Financial Quarter,Force Name,Offence Description,Offence Group,Offence Subgroup,Offence Code,Outcome Description,Outcome Group,Outcome Type,Force outcomes for offences recorded in quarter,Force outcomes recorded in quarter";
    let rows = [
        "2015/16,1,Wiltshire,Burglary,Theft offences,Burglary,28E,Charged/Summonsed,Charged/Summonsed,1,12,15",
        "2015/16,1,Wiltshire,Burglary,Theft offences,Burglary,28E,Community Resolution,Out-of-court (informal),8,3,2",
        "2015/16,1,Wiltshire,Burglary,Theft offences,Burglary,28E,Not yet assigned an outcome,Not yet assigned an outcome,,40,0",
        "2015/16,4,Avon and Somerset,Burglary,Theft offences,Burglary,28E,Evidential difficulties: suspect identified; victim supports action,Evidential difficulties,15,7,9",
        "2015/16,2,Atlantis,Burglary,Theft offences,Burglary,28E,Charged/Summonsed,Charged/Summonsed,1,1,1",
        "2015/16,2,Wiltshire,Burglary,Theft offences,Burglary,28E,Charged/Summonsed,Charged/Summonsed,1,x,1",
    ];
    let csv = write(dir.path(), "outcomes.csv", format!("{header}\n{}\n", rows.join("\n")).as_bytes());
    let t = read_outcomes_table(&csv, CountKind::OffencesRecorded, None).unwrap();
    assert_eq!((t.rows, t.counted, t.rejections.len()), (6, 4, 2));
    assert!(t.adds_up());
    assert!(t.rejections[0].reason.contains("Atlantis") && t.rejections[0].line == 6, "{:?}", t.rejections);
    let w = t.force_total(Force::Wiltshire).unwrap();
    assert_eq!(w.tally(OutcomeType::ChargedSummonsed.into()).exact(), Some(12));
    assert_eq!(w.not_yet_assigned(), 40);
    let q4 = t.counts.keys().find(|(f, _)| *f == Force::AvonAndSomerset).unwrap().1;
    assert_eq!(q4.start().to_string(), "2016-01-01");
    // With the other count column the sixth row is valid (its "x" is in the first column).
    let recorded = read_outcomes_table(&csv, CountKind::OutcomesRecorded, None).unwrap();
    assert_eq!((recorded.counted, recorded.rejections.len()), (5, 1));
    assert_eq!(
        recorded.force_total(Force::Wiltshire).unwrap().tally(OutcomeType::ChargedSummonsed.into()).exact(),
        Some(16)
    );
    assert_eq!(recorded.force_total(Force::Wiltshire).unwrap().tally(Outcome::NotYetAssigned.into()).exact(), Some(0));
    // Rejected rows are all counted, by kind, and the first kept as examples (not every one).
    let bad = "2015/16,2,Atlantis,Burglary,Theft offences,Burglary,28E,Charged/Summonsed,Charged/Summonsed,1,1,1\n";
    let long = format!("2015/16,2,{},B,T,B,28E,Charged/Summonsed,C,1,1,1\n", "x".repeat(100_000));
    let many = write(dir.path(), "many.csv", format!("{header}\n{long}{}{}\n", bad.repeat(300), rows[0]).as_bytes());
    let m = read_outcomes_table(&many, CountKind::OffencesRecorded, None).unwrap();
    assert_eq!((m.rows, m.counted, m.rejected), (302, 1, 301));
    assert_eq!(m.rejected_by_reason.get("not a police force"), Some(&301));
    assert_eq!(m.rejections.len(), policing_data::REJECTION_EXAMPLES);
    assert!(m.adds_up());
    // A long name is quoted short.
    let first = &m.rejections[0];
    assert!(first.line == 2 && first.reason.contains("(100000 bytes) is not a police force"), "{first:?}");
    assert!(first.reason.len() < 200, "{first:?}");

    spreadsheets(dir.path(), header, &rows, &t);
}

#[cfg(not(feature = "spreadsheets"))]
fn spreadsheets(_: &Path, _: &str, _: &[&str], _: &policing_data::home_office::OutcomesTable) {}

/// The same table as an .xlsx workbook, and an .ods that is not an outcomes table.
#[cfg(feature = "spreadsheets")]
fn spreadsheets(dir: &Path, header: &str, rows: &[&str], t: &policing_data::home_office::OutcomesTable) {
    let xlsx = dir.join("outcomes.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "Outcomes open data").unwrap();
    for (c, h) in header.split(',').enumerate() {
        sheet.write_string(2, u16::try_from(c).unwrap(), h).unwrap();
    }
    for (r, line) in rows.iter().enumerate() {
        for (c, v) in line.split(',').enumerate() {
            let (r, c) = (u32::try_from(r + 3).unwrap(), u16::try_from(c).unwrap());
            match v.parse::<f64>() {
                Ok(n) if c >= 9 => sheet.write_number(r, c, n).unwrap(),
                _ => sheet.write_string(r, c, v).unwrap(),
            };
        }
    }
    book.save(&xlsx).unwrap();
    let tx = read_outcomes_table(&xlsx, CountKind::OffencesRecorded, None).unwrap();
    assert_eq!(tx.counts, t.counts);
    assert_eq!((tx.rows, tx.counted), (6, 4));

    // An .ods that is not an outcomes table: the missing column is named.
    let ods = raw().join("resistancelab/police-workforce-tables-sep16.ods");
    let err = read_outcomes_table(&ods, CountKind::OffencesRecorded, None).unwrap_err();
    assert!(err.to_string().contains("police-workforce-tables-sep16.ods"), "{err}");
}

fn field_strategy() -> impl Strategy<Value = String> {
    prop::string::string_regex("[a-z ,\"\n]{0,8}").unwrap()
}

fn encode(field: &str) -> String {
    if field.contains([',', '"', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

proptest! {
    #[test]
    fn scanner_reads_back_what_rfc4180_writes(
        records in prop::collection::vec(prop::collection::vec(field_strategy(), 1..6), 1..8),
        crlf in any::<bool>(),
        final_newline in any::<bool>(),
    ) {
        let eol = if crlf { "\r\n" } else { "\n" };
        let mut text = records.iter().map(|r| r.iter().map(|f| encode(f)).collect::<Vec<_>>().join(",")).collect::<Vec<_>>().join(eol);
        if final_newline {
            text.push_str(eol);
        }
        // A last record that is one empty field, with no line end after it, is no record at all.
        prop_assume!(final_newline || records.last().is_none_or(|r| r.len() > 1 || !r[0].is_empty()));
        let buf = text.as_bytes();
        let mut scanner = Scanner::new(buf);
        let mut rec = Record::default();
        let mut got: Vec<Vec<String>> = Vec::new();
        while scanner.next_record(&mut rec) {
            prop_assert!(rec.malformed.is_none(), "{:?}", text);
            got.push((0..rec.len).map(|i| String::from_utf8(rec.get(i).unwrap().unescape(buf).into_owned()).unwrap()).collect());
        }
        // An unquoted field ending in '\r' before a CRLF is indistinguishable; the generator has none.
        prop_assert_eq!(got, records);
    }

    #[test]
    fn arbitrary_bytes_never_panic_and_every_row_is_accounted_for(body in prop::collection::vec(any::<u8>(), 0..600), threads in 1usize..4) {
        let dir = tempfile::tempdir().unwrap();
        let mut bytes = format!("{HEADER}\n").into_bytes();
        bytes.extend(&body);
        let path = write(dir.path(), "fuzz-street.csv", &bytes);
        let r = count_outcomes(&[path], &CountOptions::default().threads(threads).block_size(64), None).unwrap();
        prop_assert!(r.summary.adds_up(), "{}", r.summary);
    }
}

#[test]
fn workforce_table_of_officers_by_force() {
    let w = policing_data::workforce::read_officers(&raw().join("resistancelab/officer-fte/2016.csv")).unwrap();
    assert_eq!(w.dates, ["September 2015", "March 2016", "September 2016"]);
    assert_eq!(w.officers.len(), 44, "43 forces and British Transport Police");
    assert!(w.rejections.is_empty(), "{:?}", w.rejections);
    let wiltshire = &w.officers[&Force::Wiltshire];
    assert_eq!(wiltshire[0].unwrap().to_string(), "986.19");
    assert_eq!(wiltshire[2].unwrap().to_string(), "976.14");
    // "West Midlands" is first the region, then the force: the force is the smaller.
    let wm_force = w.officers[&Force::WestMidlands][2].unwrap();
    assert!(w.skipped.contains(&"West Midlands".to_owned()));
    let region_sum: rust_decimal::Decimal =
        [Force::Staffordshire, Force::Warwickshire, Force::WestMercia, Force::WestMidlands]
            .iter()
            .map(|f| w.officers[f][2].unwrap())
            .sum();
    assert!(wm_force < region_sum);
}

#[test]
fn workforce_rows_are_rejected_with_their_physical_line() {
    use policing_data::workforce::read_officers;
    let dir = tempfile::tempdir().unwrap();
    // CRLF line ends (the csv crate's own line count is one too low after them).
    let mut text =
        "Force/Region,September 2015,March 2016\r\nNorth East,1,2\r\nCleveland,1315.32,1258.56\r\n".to_owned();
    text.push_str("Gotham,1,2\r\nDurham,lots,3\r\nKent,1\r\n");
    let mut bytes = text.into_bytes();
    bytes.extend(b"Dorset,\xff,1\r\nWiltshire,986.19,976.14\r\n");
    let path = write(dir.path(), "fte.csv", &bytes);
    let w = read_officers(&path).unwrap();
    let got: Vec<(u64, &str)> = w.rejections.iter().map(|r| (r.line, r.reason.as_str())).collect();
    assert_eq!(
        got,
        [
            (4, "\"Gotham\" is not a force, region or total"),
            (5, "\"lots\" is not a number"),
            (6, "2 fields, expected 3"),
            (7, "invalid UTF-8 in column 2"),
        ]
    );
    assert_eq!(w.officers.keys().copied().collect::<Vec<_>>(), [Force::Cleveland, Force::Wiltshire]);
    // No header, or none at all: errors naming the file.
    let e = read_officers(&write(dir.path(), "h.csv", b"Force,2016\nKent,1\n")).unwrap_err().to_string();
    assert!(e.contains("h.csv") && e.contains("Force/Region") && e.contains("\"Force\""), "{e}");
    let e = read_officers(&write(dir.path(), "e.csv", b"")).unwrap_err().to_string();
    assert!(e.contains("e.csv") && e.contains("empty"), "{e}");
}

/// Officers at every 31 March, 2007-2023, from the Home Office open data table:
/// derived again from `data/raw/` they are the table shipped in the crate; and
/// summed plainly here over the sheet's rows for Wiltshire and England and Wales.
#[cfg(all(feature = "spreadsheets", feature = "shipped"))]
#[test]
fn officers_derive_to_the_shipped_series() {
    let path = raw().join("ecom185-workforce/open-data-table-police-workforce-260723.ods");
    let series = policing_data::workforce::read_officer_series(&path).unwrap();
    assert!(series.rejections.is_empty(), "{:?}", series.rejections.first());
    let shipped =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/officers-2007-2023.csv")).unwrap();
    assert_eq!(policing_data::workforce::series_csv(&series), shipped);
    let parsed = policing_data::workforce::shipped_series().unwrap();
    assert_eq!(parsed.years(), (2007..=2023).collect::<Vec<_>>());
    // SOURCES.md's checks: Wiltshire 2016 1,019.08, 2007 1,207.80, 2023 1,173.16; England and Wales 2016 124,066.2.
    let w = |y| parsed.at(Force::Wiltshire, y).unwrap();
    assert_eq!(
        (w(2016), w(2007), w(2023)),
        (
            rust_decimal_macros_free(101_908, 2),
            rust_decimal_macros_free(12_078, 1),
            rust_decimal_macros_free(117_316, 2)
        )
    );
    let ew: rust_decimal::Decimal = Force::territorial().map(|f| parsed.at(f, 2016).unwrap()).sum();
    assert_eq!(ew.round_dp(1), rust_decimal_macros_free(1_240_662, 1));
    // The same from the sheet's rows, read plainly (worker type, any case; FTE summed).
    let mut plain = rust_decimal::Decimal::ZERO;
    let mut rows = Vec::new();
    struct Collect<'a>(&'a mut Vec<Vec<String>>);
    impl policing_data::rows::RowSink for Collect<'_> {
        fn row(&mut self, _line: u64, cells: &[String]) -> policing_data::Result<()> {
            self.0.push(cells.to_vec());
            Ok(())
        }
        fn unreadable(&mut self, _line: u64, _reason: String) {}
        fn has_header(&self) -> bool {
            !self.0.is_empty()
        }
    }
    policing_data::rows::read_rows(&path, Some("Data"), &mut Collect(&mut rows)).unwrap();
    for r in &rows[1..] {
        if r[0].trim().trim_end_matches(".0") == "2016"
            && r[2].trim() == "Wiltshire"
            && r[6].trim().eq_ignore_ascii_case("police officer")
        {
            plain += r[8].trim().parse::<rust_decimal::Decimal>().unwrap();
        }
    }
    assert_eq!(plain.round_dp(2), w(2016));
}

fn rust_decimal_macros_free(n: i64, scale: u32) -> rust_decimal::Decimal {
    rust_decimal::Decimal::new(n, scale)
}

#[test]
fn households_derive_to_the_embedded_table() {
    let derived = policing_data::households::derive(
        &raw().join("nismod-snhp/snhp2014.csv"),
        &raw().join("resistancelab/Local_Authority_District_to_Community_Safety_Partnerships_to_Police_Force_Areas__December_2016__Lookup_in_England_and_Wales.csv"),
    )
    .unwrap();
    assert_eq!(derived.districts, 348);
    assert_eq!(derived.years.first(), Some(&1991));
    assert_eq!(derived.years.last(), Some(&2039));
    assert_eq!(derived.households, policing_forces::Households::projections_2014());
    let embedded = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../policing-forces/data/households-2014-based.csv"),
    )
    .unwrap();
    assert_eq!(policing_data::households::to_embedded_csv(&derived), embedded);
    // Every quirk of the file is reported.
    let quirks = derived.quirks.join("\n");
    for q in ["CRLF line endings (349 lines)", "Welsh", "spaces", "fractional"] {
        assert!(quirks.contains(q), "{q} not reported in {quirks}");
    }
    assert_eq!(
        derived.households.of(policing_forces::Force::Wiltshire, 2015).unwrap(),
        rust_decimal::Decimal::from(295_888)
    );
}

#[test]
fn household_errors_name_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let lookup = raw().join("resistancelab/Local_Authority_District_to_Community_Safety_Partnerships_to_Police_Force_Areas__December_2016__Lookup_in_England_and_Wales.csv");
    let good = std::fs::read_to_string(raw().join("nismod-snhp/snhp2014.csv")).unwrap();
    let cases = [
        (good.replacen("E06000047", "E99999999", 1), "line 2", "not in the lookup"),
        (good.replacen(",202205,", ",lots,", 1), "line 2", "not a number"),
        (good.replacen(",202205,", ",-5,", 1), "line 2", "not a number"),
        (good.replacen("E06000005", "E06000047", 1), "line 3", "appears twice"),
        (good.lines().take(300).collect::<Vec<_>>().join("\r\n"), "", "has no row"),
        (good.replacen(",202205,", ",", 1), "line 2", "fields"),
    ];
    for (i, (text, line, why)) in cases.iter().enumerate() {
        let f = dir.path().join(format!("h{i}.csv"));
        std::fs::write(&f, text).unwrap();
        let e = policing_data::households::derive(&f, &lookup).unwrap_err().to_string();
        assert!(e.contains(&f.display().to_string()) && e.contains(why), "case {i}: {e}");
        if !line.is_empty() {
            assert!(e.contains(&format!(":{}:", &line[5..])), "case {i}: {e}");
        }
    }
}

#[test]
fn a_table_row_that_never_ends_is_an_error_naming_its_line_and_memory_stays_bounded() {
    use policing_data::recorded_crime::read_pfa_csv;
    // An endless source: before, the reader grew one record until memory ran out.
    let e = read_pfa_csv(Path::new("endless"), std::io::repeat(b'a')).unwrap_err().to_string();
    assert!(e.starts_with("endless: ") && e.contains("line 1:") && e.contains("longer than 1048576 bytes"), "{e}");
    // A quote left open after good rows runs past the limit: the error names the row's line, with
    // LF and with CRLF line ends (a CRLF's `\n` must not be lost from the count).
    let text = std::fs::read_to_string(raw().join("ons-rec-crime-pfa/rec-crime-pfa.csv")).unwrap();
    let good: Vec<&str> = text.lines().take(4).collect();
    for end in ["\n", "\r\n"] {
        let bad = format!("{}{end}x,\"{}", good.join(end), format!("a{end}").repeat(600_000));
        let e = read_pfa_csv(Path::new("t.csv"), bad.as_bytes()).unwrap_err().to_string();
        assert!(e.contains("line 5:") && e.contains("longer than"), "{end:?}: {e}");
    }
    // A long row that does end is read, and so are the rows after it (the limit is per row).
    let after: Vec<&str> = text.lines().skip(4).take(3).collect();
    let long = format!("{}\nx,\"{}\"\n{}\n", good.join("\n"), "a".repeat(900_000), after.join("\n"));
    let t = read_pfa_csv(Path::new("t.csv"), long.as_bytes()).unwrap();
    assert_eq!((t.summary.rows, t.summary.force_rows, t.summary.rejected()), (7, 6, 1), "{:?}", t.summary);
    assert_eq!(t.summary.rejections[0].line, 5);
}

mod recorded_crime {
    use std::collections::BTreeMap;

    use policing_crime::{Denominators, Measure, Offence, Per, Unit, YearEnding};
    use policing_data::recorded_crime::{read_pfa_csv, read_pfa_table};
    use policing_forces::{Force, Households, Population};
    use policing_stats::comparison::Widening;
    use rust_decimal::prelude::ToPrimitive;

    use super::raw;

    fn pfa() -> std::path::PathBuf {
        raw().join("ons-rec-crime-pfa/rec-crime-pfa.csv")
    }

    /// An independent reading of the file: split on commas (it has no quotes),
    /// `(date as YYYY-MM, area, offence) -> count`, with 30-12-2017 as 2017-12.
    fn naive() -> BTreeMap<(String, String, String), i64> {
        let text = std::fs::read_to_string(pfa()).unwrap();
        let mut out = BTreeMap::new();
        for line in text.lines().skip(1) {
            let f: Vec<&str> = line.split(',').collect();
            assert_eq!(f.len(), 5, "{line}");
            let (d, m, y) = (&f[0][..2], &f[0][3..5], &f[0][6..]);
            assert!(d.parse::<u32>().unwrap() >= 28);
            out.insert((format!("{y}-{m}"), f[1].to_owned(), f[3].to_owned()), f[4].parse().unwrap());
        }
        out
    }

    const OTHER: [&str; 4] = [
        "Drug offences",
        "Possession of weapons offences",
        "Public order offences",
        "Miscellaneous crimes against society",
    ];
    const NATIONAL: [&str; 4] = ["Action Fraud", "CIFAS", "UK Finance", "British Transport Police"];

    /// The independent count of a measure for an area (`None`: England and Wales).
    fn naive_count(rows: &Index, month: &str, area: Option<&str>, m: &str) -> i64 {
        let wanted = |o: &str| match m {
            "recorded_crime_excl_fraud" => o != "Fraud offences",
            "victim_based_crime" => o != "Fraud offences" && !OTHER.contains(&o),
            "sexual_offences" => o == "Sexual offences",
            "violence_with_injury" => o == "Violence with injury",
            "domestic_burglary" => o == "Domestic burglary",
            _ => unreachable!(),
        };
        rows.get(month)
            .into_iter()
            .flat_map(|areas| areas.iter())
            .filter(|(a, _)| !NATIONAL.contains(&a.as_str()) && area.is_none_or(|x| x == a.as_str()))
            .flat_map(|(_, offences)| offences.iter())
            .filter(|(o, _)| wanted(o))
            .map(|(_, n)| n)
            .sum()
    }

    /// `month -> area -> offence -> count`.
    type Index = BTreeMap<String, BTreeMap<String, BTreeMap<String, i64>>>;

    fn index(rows: &BTreeMap<(String, String, String), i64>) -> Index {
        let mut out = Index::new();
        for ((d, a, o), n) in rows {
            out.entry(d.clone()).or_default().entry(a.clone()).or_default().insert(o.clone(), *n);
        }
        out
    }

    #[test]
    fn the_real_table_is_read_whole_with_its_quirks_reported() {
        let t = read_pfa_table(&pfa(), None).unwrap();
        let s = &t.summary;
        assert_eq!(s.rows, 46_469);
        assert!(s.adds_up(), "{s:?}");
        assert_eq!(s.rejected(), 0, "{:?}", s.rejections);
        assert_eq!(s.national_fraud_rows, 3 * 31);
        assert_eq!(s.british_transport_police_rows, 1_054);
        assert_eq!(s.force_rows, 46_469 - 93 - 1_054);
        assert_eq!(s.negative.len(), 25);
        assert_eq!(s.relabelled.len(), 1);
        assert_eq!(s.relabelled[0].0, "30-12-2017");
        assert_eq!(s.relabelled[0].1, YearEnding::from_month(2017, 12).unwrap());
        let quirks = s.quirks().join("\n");
        for q in [
            "30-12-2017",
            "25 negative counts",
            "Fraud offences: rows for rolling years ending 2003-03-31 to 2013-12-31",
            "Residential burglary: rows for rolling years ending 2014-12-31",
        ] {
            assert!(quirks.contains(q), "{q} not in\n{quirks}");
        }
        // The same bytes from memory give the same table.
        let bytes = std::fs::read(pfa()).unwrap();
        assert_eq!(read_pfa_csv(&pfa(), bytes.as_slice()).unwrap().crime, t.crime);
        // Every count agrees with the independent reading.
        let rows = naive();
        assert_eq!(rows.len(), 46_469);
        let mut forces: BTreeMap<&str, Force> = BTreeMap::new();
        let mut offences: BTreeMap<&str, Offence> = BTreeMap::new();
        for ((month, area, offence), n) in &rows {
            let y: YearEnding = month.parse().unwrap();
            let got = match policing_crime::FraudSource::from_name(area) {
                Some(src) => t.crime.national_fraud(y, src),
                None => {
                    let f = *forces.entry(area).or_insert_with(|| area.parse().unwrap());
                    let o = *offences.entry(offence).or_insert_with(|| offence.parse().unwrap());
                    t.crime.get(f, y, o)
                }
            };
            assert_eq!(got, Some(*n), "{month} {area} {offence}");
        }
    }

    #[test]
    fn every_force_every_quarter_agrees_with_an_independent_computation() {
        let t = read_pfa_table(&pfa(), None).unwrap();
        let naive_rows = naive();
        let rows = index(&naive_rows);
        let ons_names: BTreeMap<Force, String> =
            naive_rows.keys().filter_map(|(_, a, _)| Some((a.parse::<Force>().ok()?, a.clone()))).collect();
        let d = Denominators::peel();
        let population = Population::mid_2015();
        let households = Households::projections_2014();
        let mut checked = 0;
        for y in t.crime.years().filter(|y| y.year() >= 2008) {
            let month = format!("{}-{:02}", y.year(), chrono::Datelike::month(&y.end()));
            for m in [
                "recorded_crime_excl_fraud",
                "victim_based_crime",
                "sexual_offences",
                "violence_with_injury",
                "domestic_burglary",
            ] {
                let measure: Measure = m.parse().unwrap();
                if measure.comparable(y).is_err() {
                    continue;
                }
                let table = t.crime.measure(measure, y, &d).unwrap();
                let ew = table.england_and_wales.count.clone().unwrap();
                assert_eq!(ew, naive_count(&rows, &month, None, m), "{m} {month}");
                // The 43 forces add up to England and Wales.
                let sum: i64 = table.forces.iter().map(|r| r.count.clone().unwrap()).sum();
                assert_eq!(sum, ew);
                for r in &table.forces {
                    let Unit::Force(f) = r.unit else { unreachable!() };
                    let count = naive_count(&rows, &month, Some(&ons_names[&f]), m);
                    assert_eq!(r.count.clone().unwrap(), count, "{m} {month} {f}");
                    if f == Force::CityOfLondon {
                        assert!(r.rate.is_err() && r.rank.is_none());
                        continue;
                    }
                    let denominator = match measure.per() {
                        Per::Population => population.of(f).unwrap().persons as f64,
                        Per::Households => {
                            let year = if y.year() == 2016 { 2015 } else { y.year() };
                            match households.of(f, year) {
                                Ok(h) => h.to_f64().unwrap(),
                                Err(_) => {
                                    assert!(r.rate.is_err());
                                    continue;
                                }
                            }
                        }
                        _ => unreachable!(),
                    };
                    let expected = count as f64 * 1000.0 / denominator;
                    let got = r.rate.clone().unwrap().to_f64().unwrap();
                    assert!(
                        (got - expected).abs() <= 1e-9 * expected.abs().max(1.0),
                        "{m} {month} {f}: {got} {expected}"
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 8_000, "{checked}");
    }

    use super::plain;

    /// The funnel significance of every force, widened for overdispersion, against
    /// the plain method (statistics.md section 8) fed by the independent reading of
    /// the raw file: phi, tau^2, every force's limits and label, for several
    /// measures and years. Limits of chance alone flag nearly every force; the
    /// adjusted ones do not.
    #[test]
    fn overdispersion_on_recorded_crime_agrees_with_a_plain_computation() {
        let t = read_pfa_table(&pfa(), None).unwrap();
        let naive_rows = naive();
        let rows = index(&naive_rows);
        let ons_names: BTreeMap<Force, String> =
            naive_rows.keys().filter_map(|(_, a, _)| Some((a.parse::<Force>().ok()?, a.clone()))).collect();
        let population = Population::mid_2015();
        let d = Denominators::peel();
        let mut compared = 0;
        for (month, m) in [
            ("2016-06", "recorded_crime_excl_fraud"),
            ("2016-06", "victim_based_crime"),
            ("2016-06", "sexual_offences"),
            ("2016-06", "violence_with_injury"),
            ("2016-03", "recorded_crime_excl_fraud"),
        ] {
            let y: YearEnding = month.parse().unwrap();
            // The ranked forces: every force area but City of London (no PEEL denominator),
            // compared with England and Wales: all 43 areas pooled, City of London's residents and crimes included.
            let forces: Vec<Force> = Force::territorial().filter(|f| *f != Force::CityOfLondon).collect();
            let of = |f: &Force| {
                let count = naive_count(&rows, month, Some(&ons_names[f]), m) as f64;
                (count, population.of(*f).unwrap().persons as f64)
            };
            let units: Vec<(f64, f64)> = forces.iter().map(of).collect();
            let all: Vec<(f64, f64)> = Force::territorial().map(|f| of(&f)).collect();
            let england_and_wales = all.iter().map(|u| u.0).sum::<f64>() / all.iter().map(|u| u.1).sum::<f64>();
            let want = plain::plain_against("sqrt", &units, 0.1, england_and_wales);
            let table = t.crime.measure(m.parse::<Measure>().unwrap(), y, &d).unwrap();
            let got = table.dispersion.unwrap();
            assert!(plain::agree(got.phi, want.phi, 9), "{m} {month}: phi {} vs {}", got.phi, want.phi);
            assert!(plain::agree(got.tau2, want.tau2, 9), "{m} {month}: tau2 {} vs {}", got.tau2, want.tau2);
            assert!(want.phi > 10.0 && got.widens(), "{m} {month}: forces vary beyond chance ({})", want.phi);
            for (f, label) in forces.iter().zip(&want.labels) {
                let row = table.row(*f).unwrap();
                assert_eq!(row.significance.unwrap().label(), *label, "{m} {month} {f}");
                compared += 1;
            }
            // Chance alone flags most forces; the adjusted limits a handful.
            let poisson = t.crime.measure_with(m.parse::<Measure>().unwrap(), y, &d, Widening::ChanceAlone).unwrap();
            let flagged = |t: &policing_crime::MeasureTable| {
                t.forces.iter().filter(|r| r.significance.is_some_and(|s| s.label() != "Not significant")).count()
            };
            let plain_flagged = want.labels.iter().filter(|l| **l != "Not significant").count();
            assert_eq!(flagged(&table), plain_flagged);
            assert!(
                flagged(&poisson) > 30 && plain_flagged < 12,
                "{m} {month}: {} then {plain_flagged}",
                flagged(&poisson)
            );
        }
        assert_eq!(compared, 5 * 42);
    }

    #[test]
    fn the_wiltshire_2016_figures_from_the_table() {
        let t = read_pfa_table(&pfa(), None).unwrap();
        let y = YearEnding::from_month(2016, 6).unwrap();
        let d = Denominators::peel();
        let one = |m: Measure, unit: Unit| {
            let table = t.crime.measure(m, y, &d).unwrap();
            let row = table.rows().find(|r| r.unit == unit).unwrap().clone();
            (table, row)
        };
        let w = Unit::Force(Force::Wiltshire);
        let (table, row) = one(Measure::RecordedCrimeExclFraud, w);
        assert_eq!(row.count, Ok(38_612));
        assert_eq!(row.rate.unwrap().round_dp(1).to_string(), "54.9");
        assert_eq!(table.england_and_wales.rate.clone().unwrap().round_dp(1).to_string(), "67.4");
        assert_eq!(table.rises.rises, 39);
        assert_eq!(table.rises.of(), 43);
        assert_eq!(table.ranked, 42);
        let (_, sexual) = one(Measure::Offence(Offence::SexualOffences), w);
        assert_eq!(sexual.rate.unwrap().round_dp(1).to_string(), "1.9");
        let (_, burglary) = one(Measure::Offence(Offence::DomesticBurglary), w);
        assert_eq!(burglary.rate.unwrap().round_dp(1).to_string(), "4.5");
        assert_eq!(burglary.denominator.unwrap().value, 295_888.into());
        // Domestic burglary past March 2017 is not comparable, and says why.
        let later = t
            .crime
            .measure(Measure::Offence(Offence::DomesticBurglary), YearEnding::from_month(2017, 12).unwrap(), &d)
            .unwrap();
        let e = later.row(Force::Wiltshire).unwrap().count.clone().unwrap_err().reason;
        assert!(e.contains("residential_burglary"), "{e}");
    }

    #[test]
    fn bad_rows_are_rejected_with_line_and_reason_and_counted() {
        let dir = tempfile::tempdir().unwrap();
        let header = "12 months ending,PFA,Region,Offence,Rolling year total number of offences";
        let body = [
            "30-06-2016,Wiltshire,South West,Robbery,193",           // 2 ok
            "30-06-2016,Wiltshire,South West,Robbery,193",           // 3 duplicate
            "30-05-2016,Wiltshire,South West,Robbery,1",             // 4 not a quarter end
            "2016-06-30,Wiltshire,South West,Robbery,1",             // 5 not DD-MM-YYYY
            "30-06-2016,Atlantis,South West,Robbery,1",              // 6 unknown PFA
            "30-06-2016,Wiltshire,South West,Burglary,1",            // 7 unknown offence
            "30-06-2016,Dorset,South West,Robbery,1.5",              // 8 not whole
            "30-06-2016,Dorset,South West,Robbery,",                 // 9 empty
            "30-06-2016,Action Fraud,Fraud: Action Fraud,Robbery,3", // 10 fraud source, other offence
            "30-06-2016,Wiltshire Police,South West,Robbery,5",      // 11 same force, another spelling
            "30-06-2016,Dorset,South West,Robbery,-4",               // 12 ok, negative
            "30-06-2016,British Transport Police,BTP,Robbery,9",     // 13 ok, BTP
        ];
        for eol in ["\n", "\r\n"] {
            let f = dir.path().join("t.csv");
            std::fs::write(&f, format!("{header}{eol}{}{eol}", body.join(eol))).unwrap();
            let t = read_pfa_table(&f, None).unwrap();
            let s = &t.summary;
            assert!(s.adds_up());
            assert_eq!((s.rows, s.force_rows, s.british_transport_police_rows, s.rejected()), (12, 2, 1, 9));
            let lines: Vec<u64> = s.rejections.iter().map(|r| r.line).collect();
            assert_eq!(lines, [3, 4, 5, 6, 7, 8, 9, 10, 11], "{eol:?}");
            let text: Vec<String> = s.rejections.iter().map(|r| r.reason.clone()).collect();
            assert!(text[0].contains("line 2"), "{text:?}");
            assert!(text[1].contains("not the end of a quarter"));
            assert!(text[3].contains("Atlantis"));
            assert!(text[4].contains("Burglary"));
            assert!(text[5].contains("1.5"));
            assert_eq!(s.negative.len(), 1);
            assert_eq!(s.negative[0].line, 12);
        }
        let f = dir.path().join("h.csv");
        std::fs::write(&f, "12 months ending,PFA,Offence\n").unwrap();
        let e = read_pfa_table(&f, None).unwrap_err().to_string();
        assert!(e.contains("h.csv") && e.contains("Rolling year total number of offences"), "{e}");
    }

    #[cfg(feature = "spreadsheets")]
    #[test]
    fn the_same_table_as_a_workbook() {
        use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
        let text = std::fs::read_to_string(pfa()).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("rec-crime-pfa.xlsx");
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        let date_format = Format::new().set_num_format("dd/mm/yyyy");
        for (r, line) in text.lines().take(5_000).enumerate() {
            for (c, cell) in line.split(',').enumerate() {
                let (r, c) = (r as u32, c as u16);
                if r > 0 && c == 0 {
                    let (d, m, y) =
                        (cell[..2].parse().unwrap(), cell[3..5].parse().unwrap(), cell[6..].parse().unwrap());
                    sheet
                        .write_datetime_with_format(r, c, ExcelDateTime::from_ymd(y, m, d).unwrap(), &date_format)
                        .unwrap();
                } else if r > 0 && c == 4 {
                    sheet.write_number(r, c, cell.parse::<f64>().unwrap()).unwrap();
                } else {
                    sheet.write_string(r, c, cell).unwrap();
                }
            }
        }
        book.save(&path).unwrap();
        let from_book = read_pfa_table(&path, None).unwrap();
        let csv_part: String = text.lines().take(5_000).map(|l| format!("{l}\n")).collect();
        let from_csv = read_pfa_csv(&pfa(), csv_part.as_bytes()).unwrap();
        assert!(from_book.summary.adds_up());
        assert_eq!(from_book.summary.rows, 4_999);
        assert_eq!(from_book.crime, from_csv.crime);
    }
}

/// Counts a file with every block size and thread count given, and checks that
/// every run gives the same result; returns it.
fn same_for_every_block(path: &Path, blocks: &[usize]) -> policing_data::OutcomeCountsByForce {
    let mut reference: Option<policing_data::OutcomeCountsByForce> = None;
    for &block_size in blocks {
        for threads in [1, 2, 3] {
            let r = count_outcomes(
                &[path.to_owned()],
                &CountOptions::default().threads(threads).block_size(block_size),
                None,
            )
            .unwrap();
            assert!(r.summary.adds_up());
            match &reference {
                None => reference = Some(r),
                Some(first) => assert_eq!(&r, first, "block {block_size}, threads {threads}"),
            }
        }
    }
    reference.unwrap()
}

/// A valid quoted field with a line feed near a field with a stray quote: the
/// stray quote opens nothing, so the records, the rejected row and every later
/// line number are the same whatever the block size (before, a block boundary
/// between them made a phantom row and shifted later lines by one).
#[test]
fn a_stray_quote_does_not_make_results_depend_on_the_block_size() {
    let dir = tempfile::tempdir().unwrap();
    let w = "Wiltshire Police";
    let mut body = Vec::new();
    for i in 0..3_000 {
        let location = match i {
            1_000 => "On or near Mill\"s Lane".to_owned(),   // a stray quote: rejected
            1_001 => "\"On or near\nTwo Lines\"".to_owned(), // valid, spans two lines
            2_500 => "On or near \"Quoted\" Street".to_owned(),
            _ => "On or near High Street".to_owned(),
        };
        body.push(row(&format!("id{i}"), w, &location, "Burglary", "Suspect charged"));
    }
    let text = format!("{HEADER}\n{}\n", body.join("\n"));
    let path = write(dir.path(), "stray-street.csv", text.as_bytes());
    let r = same_for_every_block(&path, &[4096, 4099, 8192, 65_536, 1 << 20, 16 << 20]);
    assert_eq!(r.summary.rows, 3_000);
    assert_eq!(r.summary.rejected, 2);
    let lines: Vec<u64> = r.rejections.iter().map(|x| x.line).collect();
    // Header on line 1, row i on line i + 2; row 1001 spans two lines, so row 2500 is on 2503.
    assert_eq!(lines, [1_002, 2_503]);
    assert!(r.rejections[0].reason.contains("quote inside an unquoted field"), "{:?}", r.rejections);
}

/// A record longer than the limit is not kept in memory: the line it starts
/// on is one rejected row, and every line after it is read again as a row of
/// its own (so a quote left open cannot make later lines vanish), whatever the
/// block size (before, a field over 64 MiB was counted as two rows, and a quote
/// left open on row 2 of 300,000 made 299,999 lines disappear).
#[test]
fn a_row_longer_than_the_limit_is_one_rejected_row() {
    let dir = tempfile::tempdir().unwrap();
    let w = "Wiltshire Police";
    let long = format!("\"{}\"", "x\n".repeat(policing_data::MAX_RECORD_BYTES / 2 + 10));
    let body = [
        row("a", w, "On or near High Street", "Burglary", "Suspect charged"),
        row("b", w, &long, "Burglary", "Suspect charged"),
        row("c", w, "On or near High Street", "Burglary", "Suspect charged"),
    ];
    let text = format!("{HEADER}\n{}\n", body.join("\n"));
    let path = write(dir.path(), "long-street.csv", text.as_bytes());
    let r = same_for_every_block(&path, &[4096, 1 << 20, 4 << 20]);
    let lines_in_field = (policing_data::MAX_RECORD_BYTES / 2 + 10) as u64;
    // Rows a and c counted; the long record's first line, each line of the field after it, and the line
    // that closes it each rejected.
    assert_eq!(r.summary.crimes, 2);
    assert_eq!(r.summary.rows, 2 + 1 + lines_in_field);
    assert_eq!(r.summary.rejected, 1 + lines_in_field);
    assert_eq!(r.rejections[0].line, 3);
    assert!(r.rejections[0].reason.contains("longer than"), "{:?}", r.rejections[0]);
    // An unclosed quote on row 2 of 700,002 lines: that line is rejected, every later line is read.
    let open = format!("{HEADER}\n{}\n{}\n", row("a", w, "\"open", "Burglary", ""), "x\n".repeat(700_000));
    let path = write(dir.path(), "open-street.csv", open.as_bytes());
    let r = same_for_every_block(&path, &[4096, 1 << 20]);
    assert_eq!((r.summary.rows, r.summary.rejected), (700_001, 700_001));
    assert_eq!(r.rejections[1].line, 3, "the line after the open quote is read as a row");
    // The same with good rows after the open quote: they are counted.
    let mut text = format!("{HEADER}\n{}\n", row("a", w, "x", "Burglary", "Suspect charged"));
    text.push_str(&format!("{}\n", row("b", w, "\"open", "Burglary", "Suspect charged")));
    for i in 0..300_000 {
        text.push_str(&format!("{}\n", row(&format!("r{i}"), w, "x", "Burglary", "Suspect charged")));
    }
    let path = write(dir.path(), "open-then-good-street.csv", text.as_bytes());
    let r = same_for_every_block(&path, &[65_536, 1 << 20]);
    assert_eq!((r.summary.rows, r.summary.crimes, r.summary.rejected), (300_002, 300_001, 1));
    assert_eq!(r.rejections[0].line, 3);
}

/// One force under many spellings is one force, folded onto its name and
/// reported; an unknown force is a counted rejection. Unknown outcome texts are
/// kept apart only up to a limit, so memory is bounded whatever the input
/// (before, 2,000 spellings x 100,000 outcomes took 1.9 GB).
#[test]
fn spellings_fold_and_distinct_values_are_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let mut body = Vec::new();
    for (i, force) in
        ["Dorset Police", "dorset police", "Dorset", "E23000039", "DORSET", "Atlantis Police"].iter().enumerate()
    {
        body.push(row(&format!("s{i}"), force, "On or near High Street", "Burglary", "Suspect charged"));
    }
    // Many spellings of one force (case), and many distinct unknown outcomes.
    for i in 0..3_000 {
        let spelling: String = "wiltshire police"
            .chars()
            .enumerate()
            .map(|(k, c)| if (i >> (k % 12)) & 1 == 1 { c.to_ascii_uppercase() } else { c })
            .collect();
        body.push(row(&format!("w{i}"), &spelling, "On or near High Street", "Burglary", &format!("outcome {i}")));
    }
    let path = write(dir.path(), "spellings-street.csv", format!("{HEADER}\n{}\n", body.join("\n")).as_bytes());
    let r = same_for_every_block(&path, &[4096, 1 << 20]);
    let s = &r.summary;
    assert!(s.adds_up());
    assert_eq!((s.rows, s.crimes, s.rejected), (3_006, 3_005, 1));
    assert_eq!(s.rejected_by_reason["Falls within not a police force"], 1);
    assert!(r.rejections[0].reason.contains("Atlantis Police"));
    let r_text = as_text(&r.counts);
    let dorset: u64 = r_text.iter().filter(|((f, _), _)| f == "Dorset Police").map(|(_, n)| n).sum();
    assert_eq!(dorset, 5, "five spellings of Dorset are one force");
    let forces: std::collections::BTreeSet<&String> = r_text.keys().map(|(f, _)| f).collect();
    assert_eq!(forces.len(), 2);
    assert_eq!(s.folded_forces["Dorset"], ("Dorset Police".to_owned(), 1));
    assert!(s.folded_forces.len() <= policing_data::MAX_FOLDED_SPELLINGS);
    assert!(s.folded_forces_unlisted > 0);
    // Outcome texts: at most the limit kept apart, the rest folded and counted.
    let outcomes: std::collections::BTreeSet<&String> = r_text.keys().map(|(_, o)| o).collect();
    // The unknown texts kept, the data.police.uk categories seen (one here) and the folded rest.
    assert_eq!(outcomes.len(), policing_data::MAX_DISTINCT_OUTCOMES + 2);
    assert!(outcomes.contains(&OTHER_OUTCOMES.to_owned()));
    assert!(s.unknown_outcomes_folded > 0);
    assert_eq!(r.counts.values().sum::<u64>(), s.crimes);
    assert!(s.to_string().len() < 2_000, "the summary line stays short");
}

/// Crime types are the published strings, matched exactly: a lower-case
/// "anti-social behaviour" is neither anti-social behaviour nor a crime.
#[test]
fn crime_types_are_matched_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let w = "Wiltshire Police";
    let body = [
        row("", w, "On or near X", "Anti-social behaviour", ""),
        row("a", w, "On or near X", "anti-social behaviour", ""),
        row("b", w, "On or near X", "Burglarys", "Suspect charged"),
        row("c", w, "On or near X", "", "Suspect charged"),
        row("d", w, "On or near X", "Violence and sexual offences", "Suspect charged"),
    ];
    let path = write(dir.path(), "types-street.csv", format!("{HEADER}\n{}\n", body.join("\n")).as_bytes());
    let r = count_outcomes(&[path], &CountOptions::default(), None).unwrap();
    assert_eq!((r.summary.anti_social_behaviour, r.summary.crimes, r.summary.rejected), (1, 1, 3));
    assert!(r.rejections[0].reason.contains("\"anti-social behaviour\""), "{:?}", r.rejections);
}

/// Rejected rows are counted by reason with only the first examples kept
/// (before, a million rejections took 215 MB); every one can go to a file.
#[test]
fn rejections_are_counted_kept_as_examples_and_written_in_full_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let w = "Wiltshire Police";
    let mut body = Vec::new();
    for i in 0..5_000 {
        body.push(if i % 2 == 0 { "bad row".to_owned() } else { row("x", w, "On or near X", "Burglary", "") });
    }
    let path = write(dir.path(), "bad-street.csv", format!("{HEADER}\n{}\n", body.join("\n")).as_bytes());
    let all = dir.path().join("rejected.csv");
    let options =
        CountOptions::default().threads(3).block_size(4096).rejection_examples(10).rejections_file(all.clone());
    let r = count_outcomes(std::slice::from_ref(&path), &options, None).unwrap();
    assert_eq!(r.summary.rejected, 2_500);
    assert_eq!(r.summary.rejected_by_reason["wrong number of fields"], 2_500);
    assert_eq!(r.rejections.len(), 10);
    assert_eq!(
        r.rejections.iter().map(|x| x.line).collect::<Vec<_>>(),
        (0..10).map(|k| 2 + 2 * k).collect::<Vec<u64>>()
    );
    let written = std::fs::read_to_string(&all).unwrap();
    let lines: Vec<&str> = written.lines().collect();
    assert_eq!(lines.len(), 2_501);
    assert_eq!(lines[0], "file,line,reason");
    assert!(lines[1].ends_with(",2,\"1 fields, expected 12\""), "{}", lines[1]);
    assert!(lines[2_500].contains(",5000,"), "{}", lines[2_500]);
    assert!(
        std::fs::read_dir(dir.path()).unwrap().all(|e| !e.unwrap().path().to_string_lossy().contains(".part")),
        "spill files removed"
    );
}

#[test]
fn bad_headers_and_options_say_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    // More than 24 columns: the street columns after them are still found.
    let extra: Vec<String> = (0..20).map(|i| format!("extra{i}")).collect();
    let wide_header = format!("{},{HEADER}", extra.join(","));
    let wide_row =
        format!("{},{}", vec![""; 20].join(","), row("a", "Wiltshire Police", "On or near X", "Burglary", ""));
    let path = write(dir.path(), "wide-street.csv", format!("{wide_header}\n{wide_row}\n").as_bytes());
    let r = count_outcomes(&[path], &CountOptions::default(), None).unwrap();
    assert_eq!(r.summary.crimes, 1, "{:?}", r.rejections);
    // A column named twice names both.
    let dup = write(dir.path(), "dup-street.csv", format!("{HEADER},Month\n").as_bytes());
    let e = count_outcomes(&[dup], &CountOptions::default(), None).unwrap_err().to_string();
    assert!(e.contains("columns 2 and 13") && e.contains("\"Month\""), "{e}");
    // A wrong name lists the columns there are.
    let wrong = write(dir.path(), "wrong-street.csv", HEADER.replace("Crime type", "Crime Type").as_bytes());
    let e = count_outcomes(&[wrong], &CountOptions::default(), None).unwrap_err().to_string();
    assert!(e.contains("missing column \"Crime type\"") && e.contains("\"Crime Type\""), "{e}");
    // A zip archive or a gzip file says what it is.
    for (name, bytes) in [("a.zip", &b"PK\x03\x04rest"[..]), ("a.csv.gz", &b"\x1f\x8b\x08rest"[..])] {
        let p = write(dir.path(), name, bytes);
        let e = count_outcomes(&[p], &CountOptions::default(), None).unwrap_err().to_string();
        assert!(e.contains("zip") || e.contains("gzip"), "{e}");
    }
    // Options that make no sense are errors, not panics or silent choices.
    let ok = write(dir.path(), "ok-street.csv", HEADER.as_bytes());
    let run = |o: CountOptions| count_outcomes(std::slice::from_ref(&ok), &o, None).unwrap_err().to_string();
    assert!(run(CountOptions::default().threads(30_000)).contains("threads"));
    assert!(run(CountOptions::default().threads(usize::MAX)).contains("threads"));
    assert!(run(CountOptions::default().block_size(usize::MAX)).contains("block"));
    assert!(
        run(CountOptions::default().months("2016-06".parse().unwrap(), "2016-01".parse().unwrap())).contains("after")
    );
}
