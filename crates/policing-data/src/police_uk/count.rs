//! Counting crimes by force and last outcome category (or crime type, or
//! month) in data.police.uk street files: the `policing counts` command's engine.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use policing_crime::CrimeCategory;
use policing_forces::Force;
use policing_outcomes::{Category, OutcomeText};
use rustc_hash::FxHashMap;

use super::format::{CategoryTable, Column, FileKind, ForceSpellings, Layout};
use super::rows::{each_row, PoliceChunk, RowBook};
use crate::kernel::rejection::RejectionLog;
use crate::kernel::spill::SpillDir;
use crate::kernel::{quoted, DataError, Month, Rejection, Result, MAX_NAME_BYTES};
use crate::scan::engine::{run, EngineOptions, Worker};

/// Which force column to group by.
///
/// A closed set: a street file has these two force columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum GroupBy {
    /// "Falls within": the force whose area the crime is in (the default).
    #[default]
    FallsWithin,
    /// "Reported by": the force that recorded it (differs for British Transport Police).
    ReportedBy,
}

/// What crimes are counted by, after the force.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum CountBy {
    /// "Last outcome category", as the file writes it (the default).
    #[default]
    Outcome,
    /// "Crime type" (a data.police.uk crime category).
    CrimeType,
    /// "Month" (`YYYY-MM`; at most 44 forces x 120,000 months of cells).
    Month,
}

/// Options of a counting run: the defaults, changed with the setters.
///
/// ```
/// use policing_data::{CountBy, CountOptions, GroupBy, Month};
/// let options = CountOptions::default()
///     .by(CountBy::CrimeType)
///     .group_by(GroupBy::ReportedBy)
///     .months("2016-01".parse::<Month>()?, "2016-06".parse::<Month>()?)
///     .threads(2);
/// assert_eq!(options.threads, 2);
/// # Ok::<(), policing_data::DataError>(())
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
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
    /// Worker threads (0: one per core; at most [`MAX_THREADS`](crate::MAX_THREADS)).
    pub threads: usize,
    /// Only rows whose Month lies in this range, both ends included.
    pub months: Option<(Month, Month)>,
    /// Bytes read per block ([`MIN_BLOCK`](crate::MIN_BLOCK) to [`MAX_BLOCK`](crate::MAX_BLOCK)).
    pub block_size: usize,
    /// Rejected rows kept as examples in the result (the first ones, in file
    /// order); every rejected row is counted by reason whatever this is.
    pub rejection_examples: usize,
    /// Also write every rejected row, in file order, as CSV (`file,line,reason`)
    /// to this file (streamed through spill files in a private temporary folder,
    /// so memory stays bounded; the file is replaced only when complete).
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

impl CountOptions {
    /// Groups by this force column.
    #[must_use]
    pub fn group_by(mut self, group_by: GroupBy) -> Self {
        self.group_by = group_by;
        self
    }

    /// Counts by this, after the force.
    #[must_use]
    pub fn by(mut self, by: CountBy) -> Self {
        self.by = by;
        self
    }

    /// Only rows of these forces.
    #[must_use]
    pub fn forces(mut self, forces: Vec<Force>) -> Self {
        self.forces = Some(forces);
        self
    }

    /// Stops at the first rejected row, with an error naming it.
    #[must_use]
    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    /// Worker threads (0: one per core).
    #[must_use]
    pub fn threads(mut self, threads: usize) -> Self {
        self.threads = threads;
        self
    }

    /// Only rows from `from` to `to`, both included.
    #[must_use]
    pub fn months(mut self, from: Month, to: Month) -> Self {
        self.months = Some((from, to));
        self
    }

    /// Bytes read per block.
    #[must_use]
    pub fn block_size(mut self, bytes: usize) -> Self {
        self.block_size = bytes;
        self
    }

    /// Rejected rows kept as examples.
    #[must_use]
    pub fn rejection_examples(mut self, n: usize) -> Self {
        self.rejection_examples = n;
        self
    }

    /// Writes every rejected row to this file.
    #[must_use]
    pub fn rejections_file(mut self, path: PathBuf) -> Self {
        self.rejections_file = Some(path);
        self
    }
}

/// The most distinct outcome texts a count keeps apart; further unknown texts
/// are counted together as [`OutcomeText::OtherUnknown`] (the known categories are about 40).
pub const MAX_DISTINCT_OUTCOMES: usize = 256;
/// The most force spellings reported as folded (the rows are all counted).
pub const MAX_FOLDED_SPELLINGS: usize = 100;

/// What happened to every row read. `rows == crimes + anti_social_behaviour + filtered + rejected`.
///
/// Memory is bounded whatever the input: outcome texts are kept apart up to
/// [`MAX_DISTINCT_OUTCOMES`], force spellings are folded onto the 44 forces (and
/// reported up to [`MAX_FOLDED_SPELLINGS`]), and rejected rows are counted by
/// reason with only the first [`CountOptions::rejection_examples`] kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
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
    /// kept (the alphabetically first): counted under [`OutcomeText::OtherUnknown`].
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

    fn merge(&mut self, other: &Summary) {
        self.rows += other.rows;
        self.crimes += other.crimes;
        self.anti_social_behaviour += other.anti_social_behaviour;
        self.filtered += other.filtered;
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

/// What a count is kept under after the force.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub enum CountKey {
    /// The last outcome ([`CountBy::Outcome`]).
    Outcome(OutcomeText),
    /// The crime type ([`CountBy::CrimeType`]).
    CrimeType(CrimeCategory),
    /// The month ([`CountBy::Month`]).
    Month(Month),
}

impl fmt::Display for CountKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CountKey::Outcome(o) => o.fmt(f),
            CountKey::CrimeType(c) => f.write_str(c.name()),
            CountKey::Month(m) => m.fmt(f),
        }
    }
}

/// The result of [`count_outcomes`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct OutcomeCountsByForce {
    /// Crime rows by force (whatever spelling the file used) and last outcome,
    /// crime type or month, as [`CountOptions::by`] asks.
    pub counts: BTreeMap<(Force, CountKey), u64>,
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
/// smallest), the rest folded into [`OutcomeText::OtherUnknown`].
#[derive(Debug)]
struct Outcomes {
    known: FxHashMap<Box<[u8]>, u32>,
    texts: Vec<OutcomeText>,
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
        self.texts.push(OutcomeText::from_file(text));
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

/// What a worker counts, apart from its books.
struct Tally {
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
    spellings_folded: Smallest<(Force, u64)>,
    outcomes: Outcomes,
    /// Counts by force (index in `Force::ALL`), then outcome id.
    counts: Vec<Vec<u64>>,
    summary: Summary,
}

struct Counter {
    tally: Tally,
    book: RowBook,
}

impl Counter {
    fn new(options: &CountOptions, log: RejectionLog) -> Self {
        let tally = Tally {
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
        };
        Counter { tally, book: RowBook::new(log, true, "") }
    }
}

impl Tally {
    fn fold(&mut self, bytes: &[u8], force: Force) {
        let spelling = String::from_utf8_lossy(bytes);
        match self.spellings_folded.add(&spelling, || (force, 0), |(_, n)| *n += 1) {
            Ok(Some((_, (_, n)))) => self.summary.folded_forces_unlisted += n,
            Ok(None) => {}
            Err(()) => self.summary.folded_forces_unlisted += 1,
        }
    }
}

impl Worker<Layout> for Counter {
    fn chunk(&mut self, chunk: &PoliceChunk) -> (u64, bool) {
        let layout = &chunk.header;
        let me = &mut self.tally;
        let (Some(i_group), Some(i_type), Some(i_outcome)) =
            (layout.index(me.group), layout.index(Column::CrimeType), layout.index(Column::LastOutcome))
        else {
            debug_assert!(false, "a street layout has every street column");
            return (0, false);
        };
        each_row(&mut self.book, chunk, |rec, buf, month| {
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
    // Every rejection to a file: spill files, one per worker, in a private temporary folder.
    let spill = options.rejections_file.as_ref().map(|_| SpillDir::new()).transpose()?;
    let mut workers = Vec::with_capacity(threads);
    for k in 0..threads {
        let log = RejectionLog::new(options.rejection_examples, spill.as_ref().map(|d| (d, k)))?;
        workers.push(Counter::new(options, log));
    }
    let header = |path: &std::path::Path, buf: &[u8]| Layout::from_header(path, buf, Some(FileKind::Street));
    let (workers, facts) = run(files, &header, engine, workers, progress)?;
    let mut out = OutcomeCountsByForce::default();
    out.summary.files = files.len();
    out.summary.empty_files = facts.iter().filter(|f| f.empty).count();
    let mut unknown: Smallest<Vec<u64>> = Smallest::new(MAX_DISTINCT_OUTCOMES);
    let mut folded = vec![0u64; Force::ALL.len()];
    let mut spellings: Smallest<(Force, u64)> = Smallest::new(MAX_FOLDED_SPELLINGS);
    let mut logs = Vec::with_capacity(workers.len());
    let force_at = |f: usize| Force::ALL.get(f).copied();
    for Counter { tally: mut w, book } in workers {
        out.summary.rows += book.rows;
        logs.push(book.log);
        for (f, row) in w.counts.iter().enumerate() {
            let Some(force) = force_at(f) else { continue };
            for (o, n) in row.iter().enumerate().filter(|(_, n)| **n > 0) {
                let outcome = w.outcomes.texts.get(o).cloned().unwrap_or(OutcomeText::OtherUnknown);
                *out.counts.entry((force, CountKey::Outcome(outcome))).or_default() += n;
            }
        }
        for (f, row) in w.by_type.iter().enumerate() {
            let Some(force) = force_at(f) else { continue };
            for (c, n) in row.iter().enumerate().filter(|(_, n)| **n > 0) {
                let Some(category) = CrimeCategory::ALL.get(c) else { continue };
                *out.counts.entry((force, CountKey::CrimeType(*category))).or_default() += n;
            }
        }
        for ((f, month), n) in &w.by_month {
            let Some(force) = force_at(*f) else { continue };
            *out.counts.entry((force, CountKey::Month(*month))).or_default() += n;
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
        out.summary.merge(&w.summary);
    }
    for (text, counts) in unknown.kept {
        let total: u64 = counts.iter().sum();
        out.summary.unknown_outcomes.insert(text.clone(), total);
        for (f, n) in counts.iter().enumerate().filter(|(_, n)| **n > 0) {
            let Some(force) = force_at(f) else { continue };
            *out.counts.entry((force, CountKey::Outcome(OutcomeText::Unknown(text.clone())))).or_default() += n;
        }
    }
    for (f, n) in folded.iter().enumerate().filter(|(_, n)| **n > 0) {
        let Some(force) = force_at(f) else { continue };
        *out.counts.entry((force, CountKey::Outcome(OutcomeText::OtherUnknown))).or_default() += n;
        out.summary.unknown_outcomes_folded += n;
    }
    out.summary.folded_forces =
        spellings.kept.into_iter().map(|(s, (force, n))| (s, (force.name().to_owned(), n))).collect();
    let target = options.rejections_file.as_deref();
    let finished = RejectionLog::finish(logs, files, options.rejection_examples, spill.as_ref().zip(target))?;
    out.summary.rejected = finished.count;
    out.summary.rejected_by_reason = finished.by_reason;
    out.rejections = finished.examples;
    if let Some(first) = out.rejections.first().filter(|_| options.strict) {
        return Err(first.to_error());
    }
    if !out.summary.adds_up() {
        return Err(DataError::Unaccounted { detail: out.summary.to_string() });
    }
    Ok(out)
}
