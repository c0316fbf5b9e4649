//! Tracked outcomes: each crime of the street files with its latest outcome
//! from the outcomes files, as figure 4 of a PEEL report tracks crimes to the
//! outcome they have been assigned.
//!
//! A street file (`*-street.csv`) lists the crimes recorded in a month; an
//! outcomes file (`*-outcomes.csv`) lists the outcomes recorded in a month, for
//! crimes of that month or earlier, keyed by Crime ID. [`track_outcomes`] joins
//! them: for every crime in the street files (anti-social behaviour is not a
//! crime and is left out), its latest outcome is the outcome row with the
//! greatest month, ties broken by the later row; a crime with no outcome row is
//! counted under [`OutcomeText::NoOutcome`]. Outcome rows after [`TrackOptions::to`] are
//! ignored, so the result is the data "as it stood" at that month.
//!
//! # The rules, where the files leave a choice
//!
//! - **Later row.** Rows are ordered by file, then by position in the file.
//!   The outcomes files are read in the order of the month in their name
//!   (`YYYY-MM-...`), then of their path, whatever order they are given in, so
//!   the result never depends on it.
//! - **Crime ID.** data.police.uk IDs are 64 hexadecimal digits (a SHA-256):
//!   each is kept as its 32 bytes (either case of the digits is the same ID). A
//!   crime row without an ID, or with an ID of another form, cannot be tracked
//!   and is rejected with the reason; so is such an outcome row.
//! - **A Crime ID on two street rows** (the files should not have any): both
//!   rows are crimes, each tracked to the ID's latest outcome, as a database
//!   join would count them; [`TrackSummary::repeated_crime_ids`] says how many.
//! - **Forces** are the street rows' "Falls within", matched onto the registry
//!   as [`crate::count_outcomes`] does (a spelling that names no force is
//!   rejected). **Crime types** must be data.police.uk categories, matched exactly.
//! - **Outcome texts** are counted as the outcomes file words them. Up to
//!   [`MAX_OUTCOME_TEXTS`] texts that are not data.police.uk categories are
//!   kept apart; if more appear, every unknown text is counted under
//!   [`OutcomeText::OtherUnknown`] (so the result does not depend on which came first).
//!
//! # Memory
//!
//! The join state is [`STATE_BYTES_PER_CRIME`] bytes per crime: the Crime ID as
//! 32 bytes and the force as one, sorted (so no hash table's slack), the latest
//! outcome as one 64-bit word (its month, its row's position, and the outcome
//! text's number), and an index of about one byte per crime. It does not grow
//! with the outcome rows. On top of it: the reading buffers (two blocks per
//! thread, 1 MiB each by default) and the program (about 10 MiB).
//!
//! With [`TrackOptions::memory`] the crimes are split by a hash of their ID into
//! 256 partitions, counted in a first pass over the street files, and joined a
//! group of partitions at a time, each group within the limit: the street and
//! outcomes files are read once per group. The result is the same whatever the limit.
//!
//! # Example
//!
//! ```no_run
//! use std::path::PathBuf;
//! use policing_data::tracked::{track_outcomes, TrackOptions};
//!
//! let street = vec![PathBuf::from("2016-06-city-of-london-street.csv")];
//! let outcomes = vec![PathBuf::from("2016-06-city-of-london-outcomes.csv")];
//! let tracked = track_outcomes(&street, &outcomes, &TrackOptions::default(), None)?;
//! for ((force, outcome), n) in &tracked.counts {
//!     println!("{force},{outcome},{n}");
//! }
//! assert!(tracked.summary.adds_up());
//! # Ok::<(), policing_data::DataError>(())
//! ```

mod read;
mod table;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use policing_forces::Force;
pub use policing_outcomes::OutcomeText;

use super::format::{FileKind, Layout};
use super::inputs::parse_file_name;
use super::rows::RowBook;
use crate::kernel::rejection::{Finished, RejectionLog};
use crate::kernel::spill::SpillDir;
use crate::kernel::{quoted, DataError, Month, Rejection, Result};
use crate::scan::engine::{run, EngineOptions};
use read::{OutcomeWorker, StreetWorker, Texts};
use table::JoinTable;

/// Bytes of join state per crime: 32 (Crime ID) + 8 (latest outcome) + 1
/// (force), aligned to 48, and at most two bytes of index.
pub const STATE_BYTES_PER_CRIME: u64 = 50;

/// The most outcome texts that are not data.police.uk categories kept apart.
pub const MAX_OUTCOME_TEXTS: usize = 200;

/// Partitions of the Crime IDs for a join under a memory limit.
const PARTITIONS: usize = 256;

/// Crimes a street worker collects before adding them to the pass's table.
const BATCH: usize = 1024;

/// Bits of a packed latest outcome: the month above the row's position, above the text's number.
const OFFSET_BITS: u32 = 39;
const TEXT_BITS: u32 = 8;

/// How to track: the defaults, changed with the setters.
///
/// ```
/// use policing_data::tracked::TrackOptions;
/// use policing_data::Month;
/// let options = TrackOptions::default().to("2016-12".parse::<Month>()?).memory(100 << 20);
/// assert_eq!(options.memory, Some(100 << 20));
/// # Ok::<(), policing_data::DataError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct TrackOptions {
    /// Crimes recorded from this month (street rows before it are filtered out).
    pub from: Option<Month>,
    /// The month the data stand at: street rows and outcome rows after it are filtered out.
    pub to: Option<Month>,
    /// Only crimes of these forces ("Falls within"); outcome rows of other forces are filtered out.
    pub forces: Option<Vec<Force>>,
    /// The most bytes the join state may take; `None`: as many as the crimes need
    /// ([`STATE_BYTES_PER_CRIME`] each).
    pub memory: Option<u64>,
    /// Worker threads (0: one per core); at most [`MAX_THREADS`](crate::MAX_THREADS).
    pub threads: usize,
    /// Bytes read per block (from [`MIN_BLOCK`](crate::MIN_BLOCK) to [`MAX_BLOCK`](crate::MAX_BLOCK)).
    pub block_size: usize,
    /// Rejected rows kept as examples (all are counted by reason).
    pub rejection_examples: usize,
    /// Stop at the first rejected row, with an error naming it.
    pub strict: bool,
}

impl Default for TrackOptions {
    fn default() -> Self {
        TrackOptions {
            from: None,
            to: None,
            forces: None,
            memory: None,
            threads: 0,
            block_size: 1 << 20,
            rejection_examples: 20,
            strict: false,
        }
    }
}

impl TrackOptions {
    /// Crimes recorded from this month.
    #[must_use]
    pub fn from(mut self, month: Month) -> Self {
        self.from = Some(month);
        self
    }

    /// The month the data stand at.
    #[must_use]
    pub fn to(mut self, month: Month) -> Self {
        self.to = Some(month);
        self
    }

    /// Only crimes of these forces.
    #[must_use]
    pub fn forces(mut self, forces: Vec<Force>) -> Self {
        self.forces = Some(forces);
        self
    }

    /// The most bytes the join state may take.
    #[must_use]
    pub fn memory(mut self, bytes: u64) -> Self {
        self.memory = Some(bytes);
        self
    }

    /// Worker threads (0: one per core).
    #[must_use]
    pub fn threads(mut self, threads: usize) -> Self {
        self.threads = threads;
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

    /// Stops at the first rejected row.
    #[must_use]
    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }
}

/// What happened to every row read.
///
/// `street_rows == crimes + anti_social_behaviour + street_filtered + street_rejected`,
/// `crimes == with_outcome + without_outcome`, and
/// `outcome_rows == matched + orphans + outcome_filtered + outcome_rejected`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct TrackSummary {
    /// Street files read.
    pub street_files: usize,
    /// Outcomes files read.
    pub outcome_files: usize,
    /// Street data rows read.
    pub street_rows: u64,
    /// Crimes tracked.
    pub crimes: u64,
    /// Anti-social behaviour rows (not crimes).
    pub anti_social_behaviour: u64,
    /// Street rows outside the months, or of forces not asked for.
    pub street_filtered: u64,
    /// Street rows rejected.
    pub street_rejected: u64,
    /// Crimes with an outcome row.
    pub with_outcome: u64,
    /// Crimes without one ([`OutcomeText::NoOutcome`]).
    pub without_outcome: u64,
    /// Crimes whose Crime ID an earlier street row also has.
    pub repeated_crime_ids: u64,
    /// Outcome data rows read.
    pub outcome_rows: u64,
    /// Outcome rows of crimes in the street files.
    pub matched: u64,
    /// Outcome rows of crimes not in the street files (recorded in other months, or filtered out).
    pub orphans: u64,
    /// Outcome rows after the month the data stand at, or of forces not asked for.
    pub outcome_filtered: u64,
    /// Outcome rows rejected.
    pub outcome_rejected: u64,
    /// Rejected rows of both kinds, by kind of reason.
    pub rejected_by_reason: BTreeMap<String, u64>,
    /// Latest outcomes that are not data.police.uk categories: text -> crimes.
    pub unknown_outcomes: BTreeMap<String, u64>,
    /// Passes over the files the join took (more than one under a memory limit).
    pub passes: usize,
    /// The largest join state held at once, in bytes.
    pub state_bytes: u64,
}

impl TrackSummary {
    /// Whether every row read is accounted for.
    #[must_use]
    pub fn adds_up(&self) -> bool {
        self.street_rows == self.crimes + self.anti_social_behaviour + self.street_filtered + self.street_rejected
            && self.crimes == self.with_outcome + self.without_outcome
            && self.outcome_rows == self.matched + self.orphans + self.outcome_filtered + self.outcome_rejected
            && self.street_rejected + self.outcome_rejected == self.rejected_by_reason.values().sum::<u64>()
    }
}

impl fmt::Display for TrackSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} street files, {} rows: {} crimes tracked ({} with an outcome, {} without), {} anti-social behaviour, \
             {} filtered out, {} rejected; {} outcomes files, {} rows: {} of crimes tracked, {} of crimes not in the \
             street files, {} filtered out, {} rejected",
            self.street_files,
            self.street_rows,
            self.crimes,
            self.with_outcome,
            self.without_outcome,
            self.anti_social_behaviour,
            self.street_filtered,
            self.street_rejected,
            self.outcome_files,
            self.outcome_rows,
            self.matched,
            self.orphans,
            self.outcome_filtered,
            self.outcome_rejected
        )?;
        if !self.rejected_by_reason.is_empty() {
            let parts: Vec<String> = self.rejected_by_reason.iter().map(|(k, v)| format!("{k}: {v}")).collect();
            write!(f, " ({})", parts.join("; "))?;
        }
        if self.repeated_crime_ids > 0 {
            write!(
                f,
                "; {} crimes share a Crime ID with an earlier street row (each counted)",
                self.repeated_crime_ids
            )?;
        }
        if !self.unknown_outcomes.is_empty() {
            let shown: Vec<String> = self.unknown_outcomes.keys().take(5).map(|k| quoted(k)).collect();
            write!(
                f,
                "; {} crimes have a latest outcome that is not a data.police.uk category ({}{}), counted under its own text",
                self.unknown_outcomes.values().sum::<u64>(),
                shown.join(", "),
                if self.unknown_outcomes.len() > 5 { ", ..." } else { "" }
            )?;
        }
        write!(
            f,
            "; join state {:.1} MiB in {} pass{}",
            self.state_bytes as f64 / f64::from(1 << 20),
            self.passes,
            if self.passes == 1 { "" } else { "es" }
        )
    }
}

/// The result of [`track_outcomes`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct TrackedOutcomes {
    /// Crimes by force and latest outcome ([`OutcomeText::NoOutcome`] for a crime without one).
    pub counts: BTreeMap<(Force, OutcomeText), u64>,
    /// Every row accounted for.
    pub summary: TrackSummary,
    /// The first rejected rows (up to [`TrackOptions::rejection_examples`]):
    /// street files' first, then outcomes files', each by file and line.
    pub rejections: Vec<Rejection>,
}

/// The bytes read over every reading of the files, told to a caller's progress report.
struct Reading<'a> {
    tell: Option<&'a (dyn Fn(u64) + Sync)>,
    /// Bytes of the readings finished.
    done: AtomicU64,
    /// Bytes of this reading so far.
    this: AtomicU64,
}

impl Reading<'_> {
    fn told(&self, bytes: u64) {
        self.this.store(bytes, Ordering::Relaxed);
        if let Some(tell) = self.tell {
            tell(self.done.load(Ordering::Relaxed) + bytes);
        }
    }

    fn finished(&self) {
        self.done.fetch_add(self.this.swap(0, Ordering::Relaxed), Ordering::Relaxed);
    }
}

/// Groups the partitions, in order, so that each group's crimes fit in `limit`
/// bytes of join state; `per` is the crimes in each partition.
fn group_partitions(per: &[u64], limit: u64) -> Result<Vec<(std::ops::Range<usize>, u64)>> {
    let fits = limit / STATE_BYTES_PER_CRIME;
    let mut groups = Vec::new();
    let (mut start, mut held) = (0, 0u64);
    for (p, &n) in per.iter().enumerate() {
        if n > fits {
            return Err(DataError::InvalidOption {
                detail: format!(
                    "a memory limit of {limit} bytes holds {fits} crimes; one of the {PARTITIONS} partitions of Crime \
                     IDs has {n} ({} bytes): give at least that much",
                    n * STATE_BYTES_PER_CRIME
                ),
            });
        }
        if held + n > fits {
            groups.push((start..p, held));
            (start, held) = (p, 0);
        }
        held += n;
    }
    groups.push((start..per.len(), held));
    Ok(groups)
}

/// Joins the outcomes files to the street files on Crime ID and counts each
/// crime by force and latest outcome (see the [module documentation](self) for
/// the rules and the memory the join takes).
///
/// `progress` is told the bytes read so far, over every reading of the files:
/// the street and the outcomes files once per pass ([`TrackSummary::passes`]),
/// and under a memory limit the street files once more first, to count the
/// crimes. Without a memory limit the files are read once: the total is their
/// size.
///
/// # Errors
/// An unreadable file, a header without the kind's columns, options out of
/// range, a memory limit too small for the largest partition of crimes, or
/// (in strict mode) the first rejected row.
pub fn track_outcomes(
    street: &[PathBuf],
    outcomes: &[PathBuf],
    options: &TrackOptions,
    progress: Option<&(dyn Fn(u64) + Sync)>,
) -> Result<TrackedOutcomes> {
    let (threads, engine) = EngineOptions::checked(options.threads, options.block_size, options.strict)?;
    if let (Some(from), Some(to)) = (options.from, options.to) {
        Month::check_range(from, to)?;
    }
    // Standard input can be read once: as one of the two kinds only, and spooled to a private
    // temporary file when the memory limit makes more than one pass over the files.
    let stdin = Path::new("-");
    let (in_street, in_outcomes) = (street.iter().any(|p| p == stdin), outcomes.iter().any(|p| p == stdin));
    if in_street && in_outcomes {
        return Err(DataError::InvalidOption {
            detail: "standard input (-) can be read once: give it as the street files or the outcomes files, not both"
                .to_owned(),
        });
    }
    let spool = if (in_street || in_outcomes) && options.memory.is_some() { Some(SpillDir::new()?) } else { None };
    let spooled = spool.as_ref().map(SpillDir::spool_stdin).transpose()?;
    let swap = |files: &[PathBuf]| -> Vec<PathBuf> {
        files
            .iter()
            .map(|p| if p == stdin { spooled.clone().unwrap_or_else(|| p.clone()) } else { p.clone() })
            .collect()
    };
    let street = swap(street);
    let street = street.as_slice();
    // The outcomes files in the order of their month, then path: the tie rule's "later row".
    let mut outcomes = swap(outcomes);
    outcomes.sort_by_cached_key(|p| {
        let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        (parse_file_name(&name).map(|(m, _, _)| m), p.clone())
    });
    let mut summary = TrackSummary { street_files: street.len(), outcome_files: outcomes.len(), ..Default::default() };
    let keep = options.rejection_examples;
    let (mut street_logs, mut outcome_logs) = (Vec::new(), Vec::new());
    let reading = Reading { tell: progress, done: AtomicU64::new(0), this: AtomicU64::new(0) };
    let told = |bytes| reading.told(bytes);
    let progress: Option<&(dyn Fn(u64) + Sync)> = progress.map(|_| &told as _);
    let book = |counting: bool, prefix: &'static str| RowBook::new(RejectionLog::keeping(keep), counting, prefix);
    let street_header = |path: &Path, buf: &[u8]| Layout::from_header(path, buf, Some(FileKind::Street));
    let outcomes_header = |path: &Path, buf: &[u8]| Layout::from_header(path, buf, Some(FileKind::Outcomes));

    // The passes: every partition at once, or groups within the memory limit
    // after a first pass that counts the crimes in each partition (and accounts
    // for the street rows). Each group: its partitions, and its crimes if known.
    let groups: Vec<(std::ops::Range<usize>, u64)> = match options.memory {
        None => vec![(0..PARTITIONS, 0)],
        Some(limit) => {
            let workers = (0..threads).map(|_| StreetWorker::new(options, None, book(true, STREET), None)).collect();
            let (workers, _) = run(street, &street_header, engine, workers, progress)?;
            reading.finished();
            let mut per = vec![0u64; PARTITIONS];
            for w in workers {
                for (t, n) in per.iter_mut().zip(&w.partitions) {
                    *t += n;
                }
                account_street(&mut summary, &w);
                street_logs.push(w.book.log);
            }
            group_partitions(&per, limit)?
        }
    };
    let texts = Texts::new();
    let mut by_force: Vec<Vec<u64>> = vec![vec![0; 1 << TEXT_BITS]; Force::ALL.len()];
    summary.passes = groups.len();
    for (pass, (group, expected)) in groups.iter().enumerate() {
        // The crimes of this group, in one vector (of the exact size when known).
        // Street rows are accounted for in the first pass that reads them.
        let account_street_rows = options.memory.is_none() && pass == 0;
        let collected = Mutex::new(Vec::with_capacity(usize::try_from(*expected).unwrap_or(0)));
        let workers = (0..threads)
            .map(|_| {
                StreetWorker::new(options, Some(group.clone()), book(account_street_rows, STREET), Some(&collected))
            })
            .collect();
        let (mut workers, _) = run(street, &street_header, engine, workers, progress)?;
        reading.finished();
        workers.iter_mut().for_each(StreetWorker::flush);
        if account_street_rows {
            for w in workers {
                account_street(&mut summary, &w);
                street_logs.push(w.book.log);
            }
        } else {
            drop(workers);
        }
        let crimes = collected.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        let table = JoinTable::build(crimes, threads)?;
        summary.state_bytes = summary.state_bytes.max(table.bytes());
        summary.repeated_crime_ids +=
            table.crimes.windows(2).filter(|w| matches!(w, [a, b] if a.id == b.id)).count() as u64;

        // Their outcomes.
        // Outcome rows are accounted for in the first pass; matches and orphans in the pass of their partition.
        let workers = (0..threads)
            .map(|_| OutcomeWorker::new(options, &table, &texts, group.clone(), book(pass == 0, OUTCOMES)))
            .collect();
        let (workers, _) = run(&outcomes, &outcomes_header, engine, workers, progress)?;
        reading.finished();
        if workers.iter().any(|w| w.too_far) {
            return Err(DataError::InvalidOption {
                detail: format!("the outcomes files come to more than {} bytes together", 1u64 << OFFSET_BITS),
            });
        }
        for w in workers {
            summary.matched += w.tally.matched;
            summary.orphans += w.tally.orphans;
            if w.book.counting {
                summary.outcome_rows += w.book.rows;
                summary.outcome_filtered += w.tally.filtered;
                outcome_logs.push(w.book.log);
            }
        }
        table.spread_latest();
        for crime in &table.crimes {
            let number = (crime.latest.load(Ordering::Relaxed) & ((1 << TEXT_BITS) - 1)) as usize;
            if let Some(n) = by_force.get_mut(usize::from(crime.force)).and_then(|row| row.get_mut(number)) {
                *n += 1;
            }
        }
    }

    let other = texts.other.lock().map(|mut o| std::mem::take(&mut *o)).unwrap_or_default();
    let mut counts = BTreeMap::new();
    for (f, row) in by_force.iter().enumerate() {
        let Some(force) = Force::ALL.get(f).copied() else { continue };
        for (number, &n) in row.iter().enumerate().filter(|(_, n)| **n > 0) {
            let text = texts.text(u8::try_from(number).unwrap_or(u8::MAX), &other);
            match &text {
                OutcomeText::NoOutcome => summary.without_outcome += n,
                _ => summary.with_outcome += n,
            }
            if !text.is_known() {
                *summary.unknown_outcomes.entry(text.to_string()).or_default() += n;
            }
            *counts.entry((force, text)).or_default() += n;
        }
    }
    let street_done = RejectionLog::finish(street_logs, street, keep, None)?;
    let outcomes_done = RejectionLog::finish(outcome_logs, &outcomes, keep, None)?;
    let mut rejections = Vec::new();
    for (done, rejected) in
        [(street_done, &mut summary.street_rejected), (outcomes_done, &mut summary.outcome_rejected)]
    {
        let Finished { count, by_reason, examples } = done;
        *rejected = count;
        for (k, v) in by_reason {
            *summary.rejected_by_reason.entry(k).or_default() += v;
        }
        rejections.extend(examples);
    }
    rejections.truncate(keep);
    if let Some(first) = rejections.first().filter(|_| options.strict) {
        return Err(first.to_error());
    }
    if !summary.adds_up() {
        return Err(DataError::Unaccounted { detail: summary.to_string() });
    }
    Ok(TrackedOutcomes { counts, summary, rejections })
}

/// Put before the kind and reason of a rejected street row.
const STREET: &str = "street row: ";
/// Put before the kind and reason of a rejected outcomes row.
const OUTCOMES: &str = "outcomes row: ";

/// Adds a street worker's rows to the summary (its rejections are in its log).
fn account_street(summary: &mut TrackSummary, w: &StreetWorker<'_>) {
    summary.street_rows += w.book.rows;
    summary.crimes += w.tally.crimes;
    summary.anti_social_behaviour += w.tally.anti_social_behaviour;
    summary.street_filtered += w.tally.filtered;
}
