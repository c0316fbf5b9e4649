//! Counting crimes by force and last outcome category in data.police.uk
//! street files: the `policing counts` command's engine.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

use policing_forces::Force;
use policing_outcomes::Category;
use rustc_hash::FxHashMap;

use crate::engine::{each_row, line_offsets, run, Chunk, EngineOptions, RowReader, Worker};
use crate::error::{quoted, DataError, Result};
use crate::police_uk::{CategoryTable, Column, FileKind, ForceSpellings};
use policing_crime::CrimeCategory;

/// A calendar month, as data.police.uk writes it ("2016-06").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Month {
    year: u16,
    month: u8,
}

impl Month {
    /// A month.
    ///
    /// # Errors
    /// [`DataError::InvalidFilter`] unless 1 <= month <= 12.
    pub fn new(year: u16, month: u8) -> Result<Self> {
        if (1..=12).contains(&month) {
            Ok(Month { year, month })
        } else {
            Err(DataError::InvalidFilter { detail: format!("month {month} of {year}") })
        }
    }

    /// The year.
    #[must_use]
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month of the year, 1 to 12.
    #[must_use]
    pub fn month(self) -> u8 {
        self.month
    }

    /// Checks that a range of months runs forwards.
    ///
    /// # Errors
    /// [`DataError::InvalidFilter`] when `from` is after `to`.
    pub(crate) fn check_range(from: Month, to: Month) -> Result<()> {
        if from > to {
            return Err(DataError::InvalidFilter {
                detail: format!("the months run from {from} to {to}: the first is after the last"),
            });
        }
        Ok(())
    }

    /// Parses exactly `YYYY-MM`.
    #[must_use]
    pub fn parse_bytes(b: &[u8]) -> Option<Month> {
        let [y1, y2, y3, y4, b'-', m1, m2] = *b else { return None };
        let digit = |c: u8| c.is_ascii_digit().then(|| c - b'0');
        let year = [y1, y2, y3, y4].iter().try_fold(0u16, |acc, c| Some(acc * 10 + u16::from(digit(*c)?)))?;
        let month = digit(m1)? * 10 + digit(m2)?;
        (1..=12).contains(&month).then_some(Month { year, month })
    }
}

impl FromStr for Month {
    type Err = DataError;
    fn from_str(s: &str) -> Result<Self> {
        Month::parse_bytes(s.trim().as_bytes())
            .ok_or_else(|| DataError::InvalidFilter { detail: format!("{s:?} is not a month (YYYY-MM)") })
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Month {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// Which force column to group by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GroupBy {
    /// "Falls within": the force whose area the crime is in (the default).
    #[default]
    FallsWithin,
    /// "Reported by": the force that recorded it (differs for British Transport Police).
    ReportedBy,
}

/// What crimes are counted by, after the force.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CountBy {
    /// "Last outcome category", as the file writes it (the default).
    #[default]
    Outcome,
    /// "Crime type" (a data.police.uk crime category).
    CrimeType,
    /// "Month" (`YYYY-MM`; at most 44 forces x 120,000 months of cells).
    Month,
}

/// Options of a counting run.
#[derive(Debug, Clone)]
pub struct CountOptions {
    /// The force column to group by.
    pub group_by: GroupBy,
    /// What to count by after the force.
    pub by: CountBy,
    /// Only rows of these forces (rows of others are counted as filtered); the
    /// same force under any spelling.
    pub forces: Option<Vec<Force>>,
    /// Turn the first rejected row into an error.
    pub strict: bool,
    /// Worker threads (0: one per core; at most [`MAX_THREADS`]).
    pub threads: usize,
    /// Only rows whose Month lies in this range, both ends included.
    pub months: Option<(Month, Month)>,
    /// Bytes read per block ([`MIN_BLOCK`] to [`MAX_BLOCK`]).
    pub block_size: usize,
    /// Rejected rows kept as examples in the result (the first ones, in file
    /// order); every rejected row is counted by reason whatever this is.
    pub rejection_examples: usize,
    /// Also write every rejected row, in file order, as CSV (`file,line,reason`)
    /// to this file (streamed through per-thread spill files, so memory stays bounded).
    pub rejections_file: Option<PathBuf>,
}

impl Default for CountOptions {
    fn default() -> Self {
        CountOptions {
            group_by: GroupBy::FallsWithin,
            by: CountBy::Outcome,
            forces: None,
            strict: false,
            threads: 0,
            months: None,
            block_size: 1 << 20,
            rejection_examples: 100,
            rejections_file: None,
        }
    }
}

/// The most worker threads a run uses.
pub const MAX_THREADS: usize = 256;
/// The smallest block read.
pub const MIN_BLOCK: usize = 16;
/// The largest block read.
pub const MAX_BLOCK: usize = 64 << 20;
/// The most distinct outcome texts a count keeps apart; further unknown texts
/// are folded into [`OTHER_OUTCOMES`] (the known categories are about 40).
pub const MAX_DISTINCT_OUTCOMES: usize = 256;
/// The outcome key unknown categories beyond [`MAX_DISTINCT_OUTCOMES`] are folded into.
pub const OTHER_OUTCOMES: &str = "(other unknown outcome categories)";
/// The longest text taken for a force's name or an outcome category, in bytes
/// (the longest real ones are under 60): a longer "Falls within" or "Reported
/// by" is not a police force (the row is rejected), and a longer outcome text
/// is counted under [`OTHER_OUTCOMES`]. So no text kept in memory as a key is
/// longer, whatever the input.
pub const MAX_NAME_BYTES: usize = 200;
/// The most force spellings reported as folded (the rows are all counted).
pub const MAX_FOLDED_SPELLINGS: usize = 100;

/// A row that was not counted, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Rejection {
    /// The file.
    pub file: PathBuf,
    /// The physical line the row starts on (the header is line 1).
    pub line: u64,
    /// Why.
    pub reason: String,
}

impl Rejection {
    /// The rejection as the error of a strict reading.
    #[must_use]
    pub fn to_error(&self) -> DataError {
        DataError::Rejected { file: self.file.clone(), line: self.line, reason: self.reason.clone() }
    }
}

/// What happened to every row read. `rows == crimes + anti_social_behaviour + filtered + rejected`.
///
/// Memory is bounded whatever the input: outcome texts are kept apart up to
/// [`MAX_DISTINCT_OUTCOMES`], force spellings are folded onto the 44 forces (and
/// reported up to [`MAX_FOLDED_SPELLINGS`]), and rejected rows are counted by
/// reason with only the first [`CountOptions::rejection_examples`] kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Summary {
    /// Files read.
    pub files: usize,
    /// Files that were empty (no header).
    pub empty_files: usize,
    /// Data rows read.
    pub rows: u64,
    /// Crime rows counted.
    pub crimes: u64,
    /// Anti-social behaviour rows (read, not counted as crimes).
    pub anti_social_behaviour: u64,
    /// Rows outside the month range, or of forces not asked for.
    pub filtered: u64,
    /// Rows rejected.
    pub rejected: u64,
    /// Rows rejected, by kind of reason.
    pub rejected_by_reason: BTreeMap<String, u64>,
    /// Outcome categories that are not data.police.uk categories: counted under
    /// their own text, and reported here with their counts.
    pub unknown_outcomes: BTreeMap<String, u64>,
    /// Crime rows whose unknown outcome text is not among the [`MAX_DISTINCT_OUTCOMES`]
    /// kept (the alphabetically first): counted under [`OTHER_OUTCOMES`].
    pub unknown_outcomes_folded: u64,
    /// Force spellings other than the force's name, folded onto it: spelling ->
    /// (force, rows). At most [`MAX_FOLDED_SPELLINGS`] are listed (the alphabetically first).
    pub folded_forces: BTreeMap<String, (String, u64)>,
    /// Rows with a folded spelling not listed (beyond [`MAX_FOLDED_SPELLINGS`]).
    pub folded_forces_unlisted: u64,
}

impl Summary {
    /// Whether every row read is accounted for.
    #[must_use]
    pub fn adds_up(&self) -> bool {
        self.rows == self.crimes + self.anti_social_behaviour + self.filtered + self.rejected
            && self.rejected == self.rejected_by_reason.values().sum::<u64>()
    }

    fn merge(&mut self, other: Summary) {
        self.rows += other.rows;
        self.crimes += other.crimes;
        self.anti_social_behaviour += other.anti_social_behaviour;
        self.filtered += other.filtered;
        self.rejected += other.rejected;
        for (k, v) in other.rejected_by_reason {
            *self.rejected_by_reason.entry(k).or_default() += v;
        }
        self.folded_forces_unlisted += other.folded_forces_unlisted;
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} files ({} empty), {} rows read: {} crimes counted, {} anti-social behaviour, {} outside the months, {} rejected",
            self.files, self.empty_files, self.rows, self.crimes, self.anti_social_behaviour, self.filtered, self.rejected
        )?;
        if !self.rejected_by_reason.is_empty() {
            let parts: Vec<String> = self.rejected_by_reason.iter().map(|(k, v)| format!("{k}: {v}")).collect();
            write!(f, " ({})", parts.join("; "))?;
        }
        if !self.folded_forces.is_empty() || self.folded_forces_unlisted > 0 {
            let rows: u64 = self.folded_forces.values().map(|(_, n)| n).sum::<u64>() + self.folded_forces_unlisted;
            let shown: Vec<String> =
                self.folded_forces.iter().take(5).map(|(s, (force, _))| format!("{} as {force}", quoted(s))).collect();
            write!(
                f,
                "; {rows} rows name their force another way, folded onto its name ({}{})",
                shown.join(", "),
                if self.folded_forces.len() > 5 { ", ..." } else { "" }
            )?;
        }
        if !self.unknown_outcomes.is_empty() {
            let rows: u64 = self.unknown_outcomes.values().sum::<u64>() + self.unknown_outcomes_folded;
            let shown: Vec<String> = self.unknown_outcomes.keys().take(5).map(|k| quoted(k)).collect();
            write!(
                f,
                "; {rows} crimes have an outcome category that is not a data.police.uk one ({}{}), counted under its own text",
                shown.join(", "),
                if self.unknown_outcomes.len() > 5 { ", ..." } else { "" }
            )?;
        }
        Ok(())
    }
}

/// The result of [`count_outcomes`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct OutcomeCountsByForce {
    /// Crime rows by (force, last outcome category), or by (force, crime type) or
    /// (force, month) as [`CountOptions::by`] asks: the force as its name in the
    /// registry (whatever spelling the file used), the outcome as the file writes it.
    pub counts: BTreeMap<(String, String), u64>,
    /// Every row accounted for.
    pub summary: Summary,
    /// The first rejected rows (up to [`CountOptions::rejection_examples`]), by file and line.
    pub rejections: Vec<Rejection>,
}

const ASB: &[u8] = b"Anti-social behaviour";

/// The `cap` lexicographically smallest keys seen, with their values; the
/// values of the others are handed back to be folded. Keeping the smallest (not
/// the first) makes the kept set the same however the rows were split between
/// threads, so results do not depend on the thread count.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Smallest<V> {
    cap: usize,
    kept: BTreeMap<String, V>,
}

impl<V> Smallest<V> {
    fn new(cap: usize) -> Self {
        Smallest { cap, kept: BTreeMap::new() }
    }

    /// Adds to `key`'s value (made by `new` if absent), or hands the update back
    /// when the key is not among the smallest: `Err(())` for this key, or
    /// `Ok(Some(evicted))` when a larger key made room.
    fn add(
        &mut self,
        key: &str,
        new: impl FnOnce() -> V,
        update: impl FnOnce(&mut V),
    ) -> std::result::Result<Option<(String, V)>, ()> {
        if let Some(v) = self.kept.get_mut(key) {
            update(v);
            return Ok(None);
        }
        if self.kept.len() >= self.cap && self.kept.last_key_value().is_none_or(|(last, _)| key > last.as_str()) {
            return Err(());
        }
        let mut v = new();
        update(&mut v);
        self.kept.insert(key.to_owned(), v);
        Ok(if self.kept.len() > self.cap { self.kept.pop_last() } else { None })
    }
}

/// The outcome texts of a count: the data.police.uk categories (and the empty
/// text) by id; unknown texts kept apart up to [`MAX_DISTINCT_OUTCOMES`] (the
/// smallest), the rest folded into [`OTHER_OUTCOMES`].
#[derive(Debug)]
struct Outcomes {
    known: FxHashMap<Box<[u8]>, u32>,
    texts: Vec<String>,
    /// Unknown texts kept apart: counts by force.
    unknown: Smallest<Vec<u64>>,
    /// Folded unknown rows, by force.
    folded: Vec<u64>,
}

impl Default for Outcomes {
    fn default() -> Self {
        Outcomes {
            known: FxHashMap::default(),
            texts: Vec::new(),
            unknown: Smallest::new(MAX_DISTINCT_OUTCOMES),
            folded: vec![0; Force::ALL.len()],
        }
    }
}

impl Outcomes {
    /// The id of a data.police.uk category (or the empty text), if it is one.
    #[inline]
    fn known(&mut self, bytes: &[u8]) -> Option<u32> {
        if let Some(&id) = self.known.get(bytes) {
            return Some(id);
        }
        if bytes.len() > MAX_NAME_BYTES {
            return None;
        }
        let text = std::str::from_utf8(bytes).ok()?;
        if !(text.is_empty() || Category::from_name(text).is_ok()) {
            return None;
        }
        let id = u32::try_from(self.texts.len()).unwrap_or(u32::MAX);
        self.known.insert(bytes.into(), id);
        self.texts.push(text.to_owned());
        Some(id)
    }

    /// Counts an unknown outcome for force `f`; `false` if it was folded.
    fn unknown(&mut self, bytes: &[u8], f: usize) -> bool {
        if bytes.len() > MAX_NAME_BYTES {
            if let Some(n) = self.folded.get_mut(f) {
                *n += 1;
            }
            return false;
        }
        let text = String::from_utf8_lossy(bytes);
        let forces = Force::ALL.len();
        match self.unknown.add(
            &text,
            || vec![0; forces],
            |v| {
                if let Some(n) = v.get_mut(f) {
                    *n += 1;
                }
            },
        ) {
            Ok(evicted) => {
                if let Some((_, counts)) = evicted {
                    for (total, n) in self.folded.iter_mut().zip(counts) {
                        *total += n;
                    }
                }
                true
            }
            Err(()) => {
                if let Some(n) = self.folded.get_mut(f) {
                    *n += 1;
                }
                false
            }
        }
    }
}

struct Counter {
    group: Column,
    by: CountBy,
    forces: Option<Vec<Force>>,
    months: Option<(Month, Month)>,
    /// Counts by force index and crime category index, for [`CountBy::CrimeType`].
    by_type: Vec<Vec<u64>>,
    /// Counts by force index and month, for [`CountBy::Month`].
    by_month: FxHashMap<(usize, Month), u64>,
    spellings: ForceSpellings,
    types: CategoryTable,
    spellings_folded: Smallest<(String, u64)>,
    outcomes: Outcomes,
    /// Counts by force (index in `Force::ALL`), then outcome id (the last slot: folded unknowns).
    counts: Vec<Vec<u64>>,
    summary: Summary,
    /// The first rejections, with their chunk's sequence number and a line relative to the chunk.
    examples: Vec<(u64, Rejection)>,
    keep: usize,
    /// Every rejection, when asked: `seq,line,file,reason` lines in a spill file.
    spill: Option<std::io::BufWriter<std::fs::File>>,
    spill_error: Option<std::io::Error>,
    chunks: Vec<(u64, usize, u64, u64)>,
}

impl Counter {
    fn new(options: &CountOptions, spill: Option<std::fs::File>) -> Self {
        Counter {
            group: match options.group_by {
                GroupBy::FallsWithin => Column::FallsWithin,
                GroupBy::ReportedBy => Column::ReportedBy,
            },
            by: options.by,
            forces: options.forces.clone(),
            months: options.months,
            by_type: vec![vec![0; CrimeCategory::ALL.len()]; Force::ALL.len()],
            by_month: FxHashMap::default(),
            spellings: ForceSpellings::default(),
            types: CategoryTable::new(),
            spellings_folded: Smallest::new(MAX_FOLDED_SPELLINGS),
            outcomes: Outcomes::default(),
            counts: vec![Vec::new(); Force::ALL.len()],
            summary: Summary::default(),
            examples: Vec::new(),
            keep: options.rejection_examples,
            spill: spill.map(std::io::BufWriter::new),
            spill_error: None,
            chunks: Vec::new(),
        }
    }

    fn fold(&mut self, bytes: &[u8], force: Force) {
        let spelling = String::from_utf8_lossy(bytes);
        match self.spellings_folded.add(&spelling, || (force.name().to_owned(), 0), |(_, n)| *n += 1) {
            Ok(Some((_, (_, n)))) => self.summary.folded_forces_unlisted += n,
            Ok(None) => {}
            Err(()) => self.summary.folded_forces_unlisted += 1,
        }
    }
}

impl RowReader for Counter {
    fn row_read(&mut self) {
        self.summary.rows += 1;
    }

    fn reject(&mut self, chunk: &Chunk, line: u64, kind: &str, reason: String) {
        use std::io::Write as _;
        self.summary.rejected += 1;
        *self.summary.rejected_by_reason.entry(kind.to_owned()).or_default() += 1;
        if let Some(w) = self.spill.as_mut() {
            let written = writeln!(w, "{},{},{},{}", chunk.seq, line, chunk.file, reason.replace(['\n', '\r'], " "));
            if let Err(e) = written {
                self.spill_error.get_or_insert(e);
            }
        }
        if self.examples.len() < self.keep {
            let file = PathBuf::from(chunk.file.to_string());
            self.examples.push((chunk.seq, Rejection { file, line, reason }));
        }
    }

    fn chunk_read(&mut self, chunk: &Chunk, lines: u64) {
        self.chunks.push((chunk.seq, chunk.file, chunk.data_line, lines));
    }
}

impl Worker for Counter {
    fn chunk_lines(&self) -> &[(u64, usize, u64, u64)] {
        &self.chunks
    }

    fn chunk(&mut self, chunk: &Chunk, _files: &[PathBuf]) -> (u64, bool) {
        let layout = &chunk.layout;
        let (Some(i_group), Some(i_type), Some(i_outcome)) =
            (layout.index(self.group), layout.index(Column::CrimeType), layout.index(Column::LastOutcome))
        else {
            return (0, false);
        };
        each_row(self, chunk, |me, rec, buf, month| {
            if me.months.is_some_and(|(from, to)| month < from || month > to) {
                me.summary.filtered += 1;
                return Ok(());
            }
            let force_bytes = rec.get(i_group).map(|f| f.unescape(buf)).unwrap_or_default();
            let (force, f, canonical) = me.spellings.force(&force_bytes, me.group)?;
            if me.forces.as_ref().is_some_and(|wanted| !wanted.contains(&force)) {
                me.summary.filtered += 1;
                return Ok(());
            }
            let crime_type = rec.get(i_type).map_or(&b""[..], |f| f.raw(buf));
            if crime_type == ASB {
                me.summary.anti_social_behaviour += 1;
                return Ok(());
            }
            let category = me.types.index(crime_type)?;
            if !canonical {
                me.fold(&force_bytes, force);
            }
            me.summary.crimes += 1;
            match me.by {
                CountBy::CrimeType => {
                    if let Some(n) = me.by_type.get_mut(f).and_then(|row| row.get_mut(category)) {
                        *n += 1;
                    }
                }
                CountBy::Month => *me.by_month.entry((f, month)).or_default() += 1,
                CountBy::Outcome => {
                    let outcome_bytes = rec.get(i_outcome).map(|f| f.unescape(buf)).unwrap_or_default();
                    match me.outcomes.known(&outcome_bytes) {
                        Some(id) => {
                            let slot = id as usize;
                            if let Some(row) = me.counts.get_mut(f) {
                                if row.len() <= slot {
                                    row.resize(slot + 1, 0);
                                }
                                if let Some(n) = row.get_mut(slot) {
                                    *n += 1;
                                }
                            }
                        }
                        None => {
                            me.outcomes.unknown(&outcome_bytes, f);
                        }
                    }
                }
            }
            Ok(())
        })
    }
}

/// Counts crime rows by force and last outcome category in data.police.uk
/// street files, in parallel. Anti-social behaviour rows are read and counted
/// apart; every row is counted, filtered by month, or rejected with its file,
/// line and reason. The result does not depend on the number of threads.
///
/// `progress` is told the bytes read so far.
///
/// # Errors
/// An unreadable file, a header without a street file's columns, or (in strict
/// mode) the first rejected row.
pub fn count_outcomes(
    files: &[PathBuf],
    options: &CountOptions,
    progress: Option<&(dyn Fn(u64) + Sync)>,
) -> Result<OutcomeCountsByForce> {
    let (threads, engine) = EngineOptions::checked(options.threads, options.block_size, options.strict)?;
    if let Some((from, to)) = options.months {
        Month::check_range(from, to)?;
    }
    // Spill files for every rejection, one per worker, beside the file asked for.
    let spill_paths: Vec<PathBuf> = match &options.rejections_file {
        Some(path) => (0..threads).map(|k| path.with_extension(format!("part{k}"))).collect(),
        None => Vec::new(),
    };
    let mut workers = Vec::with_capacity(threads);
    for k in 0..threads {
        let spill = match spill_paths.get(k) {
            Some(p) => Some(std::fs::File::create(p).map_err(|e| DataError::Io { file: p.clone(), source: e })?),
            None => None,
        };
        workers.push(Counter::new(options, spill));
    }
    let (workers, facts) = run(files, Some(FileKind::Street), engine, workers, progress)?;
    let offsets = line_offsets(workers.iter().flat_map(|w| w.chunk_lines().iter().copied()).collect());
    let mut out = OutcomeCountsByForce::default();
    out.summary.files = files.len();
    out.summary.empty_files = facts.iter().filter(|f| f.empty).count();
    let mut examples: Vec<(u64, Rejection)> = Vec::new();
    let mut unknown: Smallest<Vec<u64>> = Smallest::new(MAX_DISTINCT_OUTCOMES);
    let mut folded = vec![0u64; Force::ALL.len()];
    let mut spellings: Smallest<(String, u64)> = Smallest::new(MAX_FOLDED_SPELLINGS);
    for (k, mut w) in workers.into_iter().enumerate() {
        if let Some(mut spill) = w.spill.take() {
            use std::io::Write as _;
            let path = spill_paths.get(k).cloned().unwrap_or_default();
            spill.flush().map_err(|e| DataError::Io { file: path.clone(), source: e })?;
            if let Some(e) = w.spill_error.take() {
                return Err(DataError::Io { file: path, source: e });
            }
        }
        for (f, row) in w.counts.iter().enumerate() {
            let force = Force::ALL.get(f).map_or("", |x| x.name());
            for (o, n) in row.iter().enumerate().filter(|(_, n)| **n > 0) {
                let outcome = w.outcomes.texts.get(o).map_or(OTHER_OUTCOMES, String::as_str);
                *out.counts.entry((force.to_owned(), outcome.to_owned())).or_default() += n;
            }
        }
        for (f, row) in w.by_type.iter().enumerate() {
            let force = Force::ALL.get(f).map_or("", |x| x.name());
            for (c, n) in row.iter().enumerate().filter(|(_, n)| **n > 0) {
                let name = CrimeCategory::ALL.get(c).map_or("", |x| x.name());
                *out.counts.entry((force.to_owned(), name.to_owned())).or_default() += n;
            }
        }
        for ((f, month), n) in &w.by_month {
            let force = Force::ALL.get(*f).map_or("", |x| x.name());
            *out.counts.entry((force.to_owned(), month.to_string())).or_default() += n;
        }
        // Unknown outcomes and folded spellings: the smallest over every worker are kept.
        for (total, n) in folded.iter_mut().zip(&w.outcomes.folded) {
            *total += n;
        }
        for (text, counts) in std::mem::take(&mut w.outcomes.unknown.kept) {
            let add = |v: &mut Vec<u64>| v.iter_mut().zip(&counts).for_each(|(a, b)| *a += b);
            match unknown.add(&text, || vec![0; Force::ALL.len()], add) {
                Ok(Some((_, evicted))) => folded.iter_mut().zip(evicted).for_each(|(a, b)| *a += b),
                Ok(None) => {}
                Err(()) => folded.iter_mut().zip(&counts).for_each(|(a, b)| *a += b),
            }
        }
        for (spelling, (force, n)) in std::mem::take(&mut w.spellings_folded.kept) {
            match spellings.add(&spelling, || (force, 0), |(_, m)| *m += n) {
                Ok(Some((_, (_, evicted)))) => out.summary.folded_forces_unlisted += evicted,
                Ok(None) => {}
                Err(()) => out.summary.folded_forces_unlisted += n,
            }
        }
        out.summary.merge(w.summary);
        examples.extend(w.examples);
    }
    for (text, counts) in unknown.kept {
        let total: u64 = counts.iter().sum();
        out.summary.unknown_outcomes.insert(text.clone(), total);
        for (f, n) in counts.iter().enumerate().filter(|(_, n)| **n > 0) {
            let force = Force::ALL.get(f).map_or("", |x| x.name());
            *out.counts.entry((force.to_owned(), text.clone())).or_default() += n;
        }
    }
    for (f, n) in folded.iter().enumerate().filter(|(_, n)| **n > 0) {
        let force = Force::ALL.get(f).map_or("", |x| x.name());
        *out.counts.entry((force.to_owned(), OTHER_OUTCOMES.to_owned())).or_default() += n;
        out.summary.unknown_outcomes_folded += n;
    }
    out.summary.folded_forces = spellings.kept;
    let locate = |seq: u64, file_index: &str, line: u64| {
        let file = file_index.parse::<usize>().ok().and_then(|i| files.get(i)).cloned().unwrap_or_default();
        (file, line + offsets.get(&seq).copied().unwrap_or(0))
    };
    examples.sort_by_key(|(seq, r)| (*seq, r.line));
    out.rejections = examples
        .into_iter()
        .take(options.rejection_examples)
        .map(|(seq, r)| {
            let (file, line) = locate(seq, &r.file.to_string_lossy(), r.line);
            Rejection { file, line, reason: r.reason }
        })
        .collect();
    if let Some(path) = &options.rejections_file {
        crate::spill::merge(path, &spill_paths, &|seq, file, line| locate(seq, file, line))?;
    }
    if let Some(first) = out.rejections.first().filter(|_| options.strict) {
        return Err(first.to_error());
    }
    Ok(out)
}
