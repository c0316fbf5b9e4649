//! Tracked outcomes (`policing_data::tracked`) against a plain in-memory
//! reference written here: on the real City of London street and outcomes
//! files (18 months), on generated files with ties, repeats, orphans and
//! unknown texts, read from folders and from zip archives; and a property test
//! that the result does not depend on the order of the files, the block size,
//! the thread count or the memory limit.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs,
    reason = "a test: a failure panics with its message"
)]

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};

use policing_data::inputs::{expand, Selection};
use policing_data::tracked::{track_outcomes, OutcomeText, TrackOptions, MAX_OUTCOME_TEXTS};
use policing_data::{count_outcomes, CountOptions, DataError, FileKind, Month};
use policing_forces::Force;
use proptest::prelude::*;

type Counts = BTreeMap<(String, String), u64>;

const NO_OUTCOME: &str = "No outcome recorded";
const OTHER_OUTCOMES: &str = "(other unknown outcome categories)";

/// The library's typed counts as text: the force's name and the outcome as printed.
fn text(counts: &BTreeMap<(Force, OutcomeText), u64>) -> Counts {
    counts.iter().map(|((f, o), n)| ((f.name().to_owned(), o.to_string()), *n)).collect()
}

/// Options with a memory limit, if any.
fn memory_limit(options: TrackOptions, limit: Option<u64>) -> TrackOptions {
    match limit {
        Some(m) => options.memory(m),
        None => options,
    }
}

fn raw() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/raw")
}

fn files_of(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .collect();
    files.sort();
    files
}

/// The month in a file's name (`2016-06-...`).
fn name_month(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy()[..7].to_owned()
}

/// The rule, as plainly as it can be written: every street row that is not
/// anti-social behaviour is a crime; its latest outcome is the outcome row with
/// its Crime ID and the greatest (month, file in month-then-path order, row);
/// outcome rows after `to` do not count.
fn reference(street: &[PathBuf], outcomes: &[PathBuf], to: Option<&str>) -> Counts {
    let mut crimes = Vec::new();
    for f in street {
        let mut r = csv::Reader::from_path(f).unwrap();
        let h = r.headers().unwrap().clone();
        let col = |name: &str| h.iter().position(|c| c == name).unwrap();
        let (id, month, force, kind) = (col("Crime ID"), col("Month"), col("Falls within"), col("Crime type"));
        for rec in r.records() {
            let rec = rec.unwrap();
            if &rec[kind] == "Anti-social behaviour" || to.is_some_and(|t| &rec[month] > t) {
                continue;
            }
            let force = rec[force].parse::<Force>().unwrap().name().to_owned();
            crimes.push((rec[id].to_ascii_lowercase(), force));
        }
    }
    let mut ordered = outcomes.to_vec();
    ordered.sort_by_key(|p| (name_month(p), p.clone()));
    let mut latest: HashMap<String, ((String, usize, usize), String)> = HashMap::new();
    for (file, f) in ordered.iter().enumerate() {
        let mut r = csv::Reader::from_path(f).unwrap();
        let h = r.headers().unwrap().clone();
        let col = |name: &str| h.iter().position(|c| c == name).unwrap();
        let (id, month, outcome) = (col("Crime ID"), col("Month"), col("Outcome type"));
        for (row, rec) in r.records().enumerate() {
            let rec = rec.unwrap();
            if to.is_some_and(|t| &rec[month] > t) {
                continue;
            }
            let key = (rec[month].to_owned(), file, row);
            let e =
                latest.entry(rec[id].to_ascii_lowercase()).or_insert_with(|| (key.clone(), rec[outcome].to_owned()));
            if key >= e.0 {
                *e = (key, rec[outcome].to_owned());
            }
        }
    }
    let mut counts = Counts::new();
    for (id, force) in crimes {
        // A category under another of its names is counted under its current name.
        let outcome = latest.get(&id).map_or(NO_OUTCOME.to_owned(), |(_, o)| OutcomeText::from_file(o).to_string());
        *counts.entry((force, outcome)).or_default() += 1;
    }
    counts
}

#[test]
fn the_real_city_of_london_files_as_the_reference_tracks_them() {
    let dir = raw().join("berlinhack-cityoflondon");
    let (street, outcomes) = (files_of(&dir, "-street.csv"), files_of(&dir, "-outcomes.csv"));
    assert_eq!((street.len(), outcomes.len()), (18, 18));
    let t = track_outcomes(&street, &outcomes, &TrackOptions::default(), None).unwrap();
    assert_eq!(text(&t.counts), reference(&street, &outcomes, None));
    let s = &t.summary;
    assert!(s.adds_up(), "{s}");
    assert_eq!((s.street_rows, s.crimes, s.anti_social_behaviour), (10118, 8138, 1980));
    assert_eq!((s.outcome_rows, s.matched, s.orphans), (9136, 7830, 1306));
    assert_eq!((s.with_outcome, s.without_outcome), (6717, 1421));
    assert_eq!((s.street_rejected, s.outcome_rejected, s.repeated_crime_ids), (0, 0, 0));
    assert!(s.unknown_outcomes.is_empty());
    assert_eq!(t.counts.get(&(Force::CityOfLondon, OutcomeText::NoOutcome)), Some(&1421));
    // As the data stood at the end of 2016: later crimes and later outcomes left out.
    let to = Month::new(2016, 12).unwrap();
    let options = TrackOptions::default().to(to);
    let t = track_outcomes(&street, &outcomes, &options, None).unwrap();
    assert_eq!(text(&t.counts), reference(&street, &outcomes, Some("2016-12")));
    assert!(t.summary.street_filtered > 0 && t.summary.outcome_filtered > 0 && t.summary.adds_up());
    // The same from a zip archive in data.police.uk's layout, a month per folder.
    let tmp = tempfile::tempdir().unwrap();
    let zip = tmp.path().join("download.zip");
    let members: Vec<(String, Vec<u8>)> = street
        .iter()
        .chain(&outcomes)
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (format!("{}/{name}", &name[..7]), std::fs::read(p).unwrap())
        })
        .collect();
    write_zip(&zip, &members);
    let found = |kind| expand(std::slice::from_ref(&zip), &Selection::new(Some(kind))).unwrap().files;
    let (zs, zo) = (found(FileKind::Street), found(FileKind::Outcomes));
    assert_eq!((zs.len(), zo.len()), (18, 18));
    assert_eq!(zs[0], zip.join("2016-01/2016-01-city-of-london-street.csv"));
    let z = track_outcomes(&zs, &zo, &TrackOptions::default(), None).unwrap();
    assert_eq!(text(&z.counts), reference(&street, &outcomes, None));
    // And counts reads the archive as it reads the folder.
    let from_zip = count_outcomes(&zs, &CountOptions::default(), None).unwrap();
    let from_dir = count_outcomes(&street, &CountOptions::default(), None).unwrap();
    assert_eq!(from_zip.counts, from_dir.counts);
}

fn write_zip(path: &Path, members: &[(String, Vec<u8>)]) {
    let mut w = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (i, (name, bytes)) in members.iter().enumerate() {
        // Both compression methods the downloads use.
        let method = if i % 2 == 0 { zip::CompressionMethod::Deflated } else { zip::CompressionMethod::Stored };
        w.start_file(name.as_str(), zip::write::SimpleFileOptions::default().compression_method(method)).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap();
}

const STREET_HEADER: &str =
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context";
const OUTCOMES_HEADER: &str =
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type";

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn id(&mut self) -> String {
        (0..4).map(|_| format!("{:016x}", self.next())).collect()
    }
}

const FORCES: [&str; 3] = ["Wiltshire Police", "Avon and Somerset Constabulary", "Metropolitan Police Service"];
const OUTCOMES: [&str; 6] = [
    "Investigation complete; no suspect identified",
    "Unable to prosecute suspect",
    "Suspect charged",
    "Offender sent to prison",
    "Offender given penalty notice",
    "Offender given a stern look",
];

/// Street files for three months and outcomes files for six: crimes with 0 to
/// 3 outcomes, some in the same month (ties, broken by the later row, in a
/// later file of the month or later in the same file), a repeated Crime ID,
/// upper-case IDs, anti-social behaviour, orphans, and an unknown outcome text.
fn generate(dir: &Path, crimes_per_month: usize, seed: u64) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let mut rng = Rng(seed | 1);
    let months = ["2016-01", "2016-02", "2016-03", "2016-04", "2016-05", "2016-06"];
    let mut outcome_rows: Vec<Vec<Vec<String>>> = vec![vec![Vec::new(), Vec::new()]; months.len()];
    let mut street = Vec::new();
    for (m, month) in months.iter().enumerate().take(3) {
        let mut rows = vec![STREET_HEADER.to_owned()];
        for i in 0..crimes_per_month {
            let force = FORCES[rng.below(3) as usize];
            if i % 7 == 0 {
                rows.push(format!(",{month},{force},{force},,,On or near X,,,Anti-social behaviour,,"));
                continue;
            }
            let id = if i == 5 && m == 1 { "ab".repeat(32) } else { rng.id() };
            let written = if i % 11 == 0 { id.to_ascii_uppercase() } else { id.clone() };
            rows.push(format!(
                "{written},{month},{force},{force},-1.0,51.0,\"On or near A, B\",E01,Name,Burglary,Under investigation,"
            ));
            for _ in 0..rng.below(4) {
                let later = (m + rng.below(3) as usize).min(months.len() - 1);
                let half = rng.below(2) as usize;
                let text = OUTCOMES[rng.below(OUTCOMES.len() as u64) as usize];
                outcome_rows[later][half]
                    .push(format!("{id},{},{force},{force},,,On or near X,,,{text}", months[later]));
            }
        }
        let p = dir.join(format!("{month}-wiltshire-street.csv"));
        std::fs::write(&p, rows.join("\n") + "\n").unwrap();
        street.push(p);
    }
    // A repeated Crime ID (the files should not have one): two crimes.
    let repeat = dir.join("2016-03-avon-and-somerset-street.csv");
    std::fs::write(
        &repeat,
        format!("{STREET_HEADER}\n{},2016-03,x,Avon and Somerset Constabulary,,,,,,Drugs,,\n", "ab".repeat(32)),
    )
    .unwrap();
    street.push(repeat);
    let mut outcomes = Vec::new();
    for (m, month) in months.iter().enumerate() {
        for (half, slug) in ["avon-and-somerset", "wiltshire"].iter().enumerate() {
            let mut rows = vec![OUTCOMES_HEADER.to_owned()];
            rows.extend(outcome_rows[m][half].iter().cloned());
            for _ in 0..3 {
                rows.push(format!("{},{month},x,Wiltshire Police,,,,,,Local resolution", rng.id()));
            }
            let p = dir.join(format!("{month}-{slug}-outcomes.csv"));
            std::fs::write(&p, rows.join("\n") + "\n").unwrap();
            outcomes.push(p);
        }
    }
    (street, outcomes)
}

#[test]
fn generated_files_as_the_reference_tracks_them() {
    let dir = tempfile::tempdir().unwrap();
    let (street, outcomes) = generate(dir.path(), 3000, 42);
    let expected = reference(&street, &outcomes, None);
    let t = track_outcomes(&street, &outcomes, &TrackOptions::default(), None).unwrap();
    assert_eq!(text(&t.counts), expected);
    let s = &t.summary;
    assert!(s.adds_up(), "{s}");
    assert_eq!(s.repeated_crime_ids, 1);
    assert_eq!(s.orphans, 36);
    assert!(s.unknown_outcomes.contains_key("Offender given a stern look"), "{s}");
    assert_eq!(t.counts.values().sum::<u64>(), s.crimes);
    // As the data stood in April: the reference agrees.
    let to = Month::new(2016, 4).unwrap();
    let t = track_outcomes(&street, &outcomes, &TrackOptions::default().to(to), None).unwrap();
    assert_eq!(text(&t.counts), reference(&street, &outcomes, Some("2016-04")));
    // One force: its crimes, and its outcome rows only.
    let wilts = TrackOptions::default().forces(vec![Force::Wiltshire]);
    let t = track_outcomes(&street, &outcomes, &wilts, None).unwrap();
    let only: Counts =
        expected.iter().filter(|((f, _), _)| f == "Wiltshire Police").map(|(k, v)| (k.clone(), *v)).collect();
    assert_eq!(text(&t.counts), only);
    assert!(t.summary.adds_up());
}

#[test]
fn progress_counts_every_byte_of_every_reading_and_never_goes_back() {
    let dir = tempfile::tempdir().unwrap();
    let (street, outcomes) = generate(dir.path(), 2000, 7);
    let size = |files: &[PathBuf]| files.iter().map(|p| std::fs::metadata(p).unwrap().len()).sum::<u64>();
    let (street_bytes, outcome_bytes) = (size(&street), size(&outcomes));
    for memory in [None, Some(40_000)] {
        let told = std::sync::Mutex::new(Vec::new());
        let tell = |bytes: u64| told.lock().unwrap().push(bytes);
        let options = memory_limit(TrackOptions::default().block_size(4096), memory);
        let t = track_outcomes(&street, &outcomes, &options, Some(&tell)).unwrap();
        let told = told.into_inner().unwrap();
        assert!(told.windows(2).all(|w| w[0] <= w[1]), "progress went back ({memory:?})");
        // Every pass reads both kinds; under a limit the street files once more, to count the crimes.
        let passes = t.summary.passes as u64;
        let counting = u64::from(memory.is_some());
        assert_eq!(told.last().copied(), Some((passes + counting) * street_bytes + passes * outcome_bytes));
        assert_eq!(passes > 1, memory.is_some(), "{}", t.summary);
    }
}

#[test]
fn bad_rows_are_rejected_with_file_line_and_reason_also_inside_an_archive() {
    let dir = tempfile::tempdir().unwrap();
    let good = "a".repeat(64);
    let street = format!(
        "{STREET_HEADER}\n{good},2016-01,x,Wiltshire Police,,,,,,Burglary,,\n\
         ,2016-01,x,Wiltshire Police,,,,,,Burglary,,\n\
         xyz,2016-01,x,Wiltshire Police,,,,,,Burglary,,\n\
         {good},2016-01,x,Atlantis,,,,,,Burglary,,\n\
         {good},2016-1,x,Wiltshire Police,,,,,,Burglary,,\n\
         {good},2016-01,x,Wiltshire Police,,,,,,Burglary\n"
    );
    let outcomes = format!(
        "{OUTCOMES_HEADER}\n{good},2016-02,x,Wiltshire Police,,,,,,Suspect charged\n\
         {good},2016-02,x,Wiltshire Police,,,,,,\n\
         ,2016-02,x,Wiltshire Police,,,,,,Suspect charged\n"
    );
    let zip = dir.path().join("d.zip");
    write_zip(
        &zip,
        &[
            ("2016-01/2016-01-wiltshire-street.csv".to_owned(), street.into_bytes()),
            ("2016-02/2016-02-wiltshire-outcomes.csv".to_owned(), outcomes.into_bytes()),
        ],
    );
    let s = vec![zip.join("2016-01/2016-01-wiltshire-street.csv")];
    let o = vec![zip.join("2016-02/2016-02-wiltshire-outcomes.csv")];
    let t = track_outcomes(&s, &o, &TrackOptions::default(), None).unwrap();
    assert!(t.summary.adds_up(), "{}", t.summary);
    assert_eq!((t.summary.crimes, t.summary.street_rejected, t.summary.outcome_rejected), (1, 5, 2));
    let seen: Vec<(String, u64, &str)> =
        t.rejections.iter().map(|r| (r.file.to_string_lossy().into_owned(), r.line, r.reason.as_str())).collect();
    let street_member = s[0].to_string_lossy().into_owned();
    let outcomes_member = o[0].to_string_lossy().into_owned();
    assert_eq!(
        seen,
        vec![
            (street_member.clone(), 3, "street row: a crime without a Crime ID cannot be tracked"),
            (street_member.clone(), 4, "street row: Crime ID \"xyz\" is not 64 hexadecimal digits"),
            (street_member.clone(), 5, "street row: Falls within \"Atlantis\" is not a police force"),
            (street_member.clone(), 6, "street row: Month \"2016-1\" is not YYYY-MM"),
            (street_member, 7, "street row: 10 fields, expected 12"),
            (outcomes_member.clone(), 3, "outcomes row: empty Outcome type"),
            (outcomes_member, 4, "outcomes row: empty Crime ID"),
        ]
    );
    assert_eq!(text(&t.counts).get(&("Wiltshire Police".to_owned(), "Suspect charged".to_owned())), Some(&1));
    // Strict: the first rejection is the error.
    let strict = TrackOptions::default().strict(true);
    let err = track_outcomes(&s, &o, &strict, None).unwrap_err();
    assert!(matches!(err, DataError::Rejected { line: 3, .. }), "{err}");
}

#[test]
fn unknown_outcome_texts_are_kept_apart_up_to_the_limit_then_counted_as_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng(99);
    for (texts, expected_apart) in [(3usize, 3usize), (MAX_OUTCOME_TEXTS + 50, 0)] {
        let ids: Vec<String> = (0..texts).map(|_| rng.id()).collect();
        let street: String = ids.iter().map(|id| format!("{id},2016-01,x,Kent Police,,,,,,Drugs,,\n")).collect();
        let outcomes: String = ids
            .iter()
            .enumerate()
            .map(|(i, id)| format!("{id},2016-02,x,Kent Police,,,,,,Made-up outcome {i:04}\n"))
            .collect();
        let s = dir.path().join(format!("{texts}-street.csv"));
        let o = dir.path().join(format!("{texts}-outcomes.csv"));
        std::fs::write(&s, format!("{STREET_HEADER}\n{street}")).unwrap();
        std::fs::write(&o, format!("{OUTCOMES_HEADER}\n{outcomes}")).unwrap();
        for threads in [1, 3] {
            let options = TrackOptions::default().threads(threads).block_size(256);
            let t = track_outcomes(std::slice::from_ref(&s), std::slice::from_ref(&o), &options, None).unwrap();
            assert!(t.summary.adds_up());
            assert_eq!(t.counts.values().sum::<u64>(), texts as u64);
            let apart = t.counts.keys().filter(|(_, o)| o.to_string().starts_with("Made-up")).count();
            assert_eq!(apart, expected_apart, "{threads} threads");
            if expected_apart == 0 {
                // Past the limit every unknown text is counted as one, whichever came first.
                assert_eq!(t.counts.get(&(Force::Kent, OutcomeText::OtherUnknown)), Some(&(texts as u64)));
                assert_eq!(t.summary.unknown_outcomes.get(OTHER_OUTCOMES), Some(&(texts as u64)));
            }
        }
    }
}

#[test]
fn a_memory_limit_too_small_for_one_partition_is_an_error_saying_how_much() {
    let dir = tempfile::tempdir().unwrap();
    let (street, outcomes) = generate(dir.path(), 2000, 7);
    let options = TrackOptions::default().memory(100);
    let err = track_outcomes(&street, &outcomes, &options, None).unwrap_err().to_string();
    assert!(err.contains("a memory limit of 100 bytes") && err.contains("give at least"), "{err}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    /// The result and the accounting do not depend on the order the files are
    /// given in, the block size, the threads or the memory limit.
    #[test]
    fn the_result_depends_on_the_data_alone(
        seed in 1u64..1000,
        order in Just((0..12).collect::<Vec<usize>>()).prop_shuffle(),
        block in prop::sample::select(vec![16usize, 100, 4096, 1 << 20]),
        threads in 1usize..4,
        memory in prop::sample::select(vec![None, Some(4_000u64), Some(20_000), Some(1 << 30)]),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let (street, outcomes) = generate(dir.path(), 400, seed);
        let base = track_outcomes(&street, &outcomes, &TrackOptions::default(), None).unwrap();
        let shuffled: Vec<PathBuf> = order.iter().map(|&i| outcomes[i].clone()).collect();
        let mut street_rev = street.clone();
        street_rev.reverse();
        let options = memory_limit(TrackOptions::default().block_size(block).threads(threads), memory);
        let t = track_outcomes(&street_rev, &shuffled, &options, None).unwrap();
        prop_assert_eq!(&t.counts, &base.counts);
        prop_assert_eq!(&text(&t.counts), &reference(&street, &outcomes, None));
        let (mut a, mut b) = (t.summary.clone(), base.summary.clone());
        prop_assert!(a.passes >= 1 && (memory.is_some() || a.passes == 1));
        (a.passes, a.state_bytes, b.passes, b.state_bytes) = (0, 0, 0, 0);
        prop_assert_eq!(a, b);
    }
}
