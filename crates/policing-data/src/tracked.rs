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
//! counted under [`NO_OUTCOME`]. Outcome rows after [`TrackOptions::to`] are
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
//!   [`crate::OTHER_OUTCOMES`] (so the result does not depend on which came first).
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

use std::collections::BTreeMap;
use std::fmt;
use std::hash::Hasher;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use policing_forces::Force;
use policing_outcomes::Category;
use rustc_hash::{FxHashMap, FxHasher};

use crate::count::{Month, Rejection, MAX_BLOCK, MAX_THREADS, MIN_BLOCK, OTHER_OUTCOMES};
use crate::csv::{Record, Scanner};
use crate::engine::{line_offsets, oversized_reason, run, Chunk, EngineOptions, Worker};
use crate::error::{DataError, Result};
use crate::inputs::parse_file_name;
use crate::police_uk::{record_problem, CategoryTable, Column, FileKind};

/// The outcome of a crime with no outcome row (up to [`TrackOptions::to`]).
pub const NO_OUTCOME: &str = "No outcome recorded";

/// Bytes of join state per crime: 32 (Crime ID) + 8 (latest outcome) + 1
/// (force), aligned to 48, and at most half a byte of index.
pub const STATE_BYTES_PER_CRIME: u64 = 49;

/// The most outcome texts that are not data.police.uk categories kept apart.
pub const MAX_OUTCOME_TEXTS: usize = 200;

/// Partitions of the Crime IDs for a join under a memory limit.
const PARTITIONS: usize = 256;

/// Crimes a street worker collects before adding them to the pass's table.
const BATCH: usize = 1024;

/// Bits of a packed latest outcome: the month above the row's position, above the text's number.
const OFFSET_BITS: u32 = 39;
const TEXT_BITS: u32 = 8;

/// How to track.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// Worker threads (0: one per core); at most [`MAX_THREADS`].
    pub threads: usize,
    /// Bytes read per block (from [`MIN_BLOCK`] to [`MAX_BLOCK`]).
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

/// What happened to every row read.
///
/// `street_rows == crimes + anti_social_behaviour + street_filtered + street_rejected`,
/// `crimes == with_outcome + without_outcome`, and
/// `outcome_rows == matched + orphans + outcome_filtered + outcome_rejected`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
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
    /// Crimes without one ([`NO_OUTCOME`]).
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

    fn merge(&mut self, o: &TrackSummary) {
        self.street_rows += o.street_rows;
        self.crimes += o.crimes;
        self.anti_social_behaviour += o.anti_social_behaviour;
        self.street_filtered += o.street_filtered;
        self.street_rejected += o.street_rejected;
        self.outcome_rows += o.outcome_rows;
        self.matched += o.matched;
        self.orphans += o.orphans;
        self.outcome_filtered += o.outcome_filtered;
        self.outcome_rejected += o.outcome_rejected;
        for (k, v) in &o.rejected_by_reason {
            *self.rejected_by_reason.entry(k.clone()).or_default() += v;
        }
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
            let shown: Vec<String> = self.unknown_outcomes.keys().take(5).map(|k| format!("{k:?}")).collect();
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
pub struct TrackedOutcomes {
    /// Crimes by (force, latest outcome): the force's registry name, the outcome
    /// as the outcomes file words it or [`NO_OUTCOME`].
    pub counts: BTreeMap<(String, String), u64>,
    /// Every row accounted for.
    pub summary: TrackSummary,
    /// The first rejected rows (up to [`TrackOptions::rejection_examples`]):
    /// street files' first, then outcomes files', each by file and line.
    pub rejections: Vec<Rejection>,
}

/// A Crime ID's 32 bytes as four big-endian words: ordered as the bytes are,
/// compared a word at a time.
type Id = [u64; 4];

/// A crime in the join: its ID, its latest outcome so far (packed in a word
/// that orders outcomes as the rule does: month, then the row's position in the
/// run, then the text's number; 0 for none), and its force's index in
/// `Force::ALL`. 48 bytes: the latest outcome sits beside the ID, so that
/// finding a crime and updating it touch the same cache line.
#[derive(Debug)]
struct Crime {
    id: Id,
    latest: AtomicU64,
    force: u8,
}

impl Crime {
    fn new(id: Id, force: u8) -> Self {
        Crime { id, latest: AtomicU64::new(0), force }
    }
}

/// Hex digit values (0xFF: not a digit).
#[allow(clippy::indexing_slicing)] // evaluated at compile time, indices below 256
const HEX: [u8; 256] = {
    let mut t = [0xFFu8; 256];
    let mut c = 0;
    while c < 10 {
        t[b'0' as usize + c] = c as u8;
        c += 1;
    }
    let mut c = 0;
    while c < 6 {
        t[b'a' as usize + c] = 10 + c as u8;
        t[b'A' as usize + c] = 10 + c as u8;
        c += 1;
    }
    t
};

/// A Crime ID, if it is 64 hexadecimal digits.
fn decode_id(text: &[u8]) -> Option<Id> {
    if text.len() != 64 {
        return None;
    }
    let mut out = [0u64; 4];
    for (word, digits) in out.iter_mut().zip(text.chunks_exact(16)) {
        for &c in digits {
            let v = HEX.get(usize::from(c)).copied()?;
            if v > 15 {
                return None;
            }
            *word = (*word << 4) | u64::from(v);
        }
    }
    Some(out)
}

/// The partition of a Crime ID (a hash of it, so that any set of IDs spreads).
fn partition(id: Id) -> usize {
    let mut h = FxHasher::default();
    for w in id {
        h.write_u64(w);
    }
    (h.finish() >> 56) as usize
}

/// A month as a number that orders months: 1 for January of year 0.
fn month_number(m: Month) -> u64 {
    u64::from(m.year()) * 12 + u64::from(m.month())
}

/// The outcome texts by number: the data.police.uk categories (and their other
/// names) first, then other texts as they are met, up to [`MAX_OUTCOME_TEXTS`].
struct Texts {
    known: FxHashMap<&'static [u8], u8>,
    names: Vec<&'static str>,
    other: Mutex<OtherTexts>,
}

#[derive(Default)]
struct OtherTexts {
    ids: FxHashMap<Box<[u8]>, u8>,
    texts: Vec<String>,
    overflow: bool,
}

impl Texts {
    fn new() -> Self {
        let mut names: Vec<&'static str> = Vec::new();
        for c in Category::ALL {
            names.push(c.name());
            names.extend(c.other_names());
        }
        let known = names.iter().enumerate().map(|(i, n)| (n.as_bytes(), (i + 1) as u8)).collect();
        Texts { known, names, other: Mutex::new(OtherTexts::default()) }
    }

    /// The number of an outcome text that is not a category (the last number when full).
    fn other(&self, text: &[u8]) -> u8 {
        let full = u8::MAX;
        let Ok(mut o) = self.other.lock() else { return full };
        if let Some(&id) = o.ids.get(text) {
            return id;
        }
        let next = self.names.len() + 1 + o.texts.len();
        if o.texts.len() >= MAX_OUTCOME_TEXTS || next >= usize::from(full) {
            o.overflow = true;
            return full;
        }
        let id = next as u8;
        o.ids.insert(text.into(), id);
        o.texts.push(String::from_utf8_lossy(text).into_owned());
        id
    }

    /// The text of a number, and whether it is a data.police.uk category.
    fn text(&self, id: u8, other: &OtherTexts) -> (String, bool) {
        let i = usize::from(id);
        if let Some(name) = i.checked_sub(1).and_then(|k| self.names.get(k)) {
            return ((*name).to_owned(), true);
        }
        if other.overflow || id == u8::MAX {
            return (OTHER_OUTCOMES.to_owned(), false);
        }
        let k = i - 1 - self.names.len();
        (other.texts.get(k).cloned().unwrap_or_else(|| OTHER_OUTCOMES.to_owned()), false)
    }
}

/// The crimes, sorted by ID, with an index on the ID's first bits.
struct JoinTable {
    crimes: Vec<Crime>,
    /// Where the crimes whose ID starts with each value of the first `bits` bits begin.
    index: Vec<u32>,
    bits: u32,
}

impl JoinTable {
    /// The table of the crimes collected, or an error past 2^32 crimes (a
    /// memory limit then splits them).
    fn build(mut crimes: Vec<Crime>, threads: usize) -> Result<Self> {
        let n = crimes.len();
        if u32::try_from(n).is_err() {
            return Err(DataError::InvalidFilter {
                detail: format!("{n} crimes at once: give a memory limit to join them in parts"),
            });
        }
        sort_crimes(&mut crimes, threads);
        // About eight crimes per index slot.
        let bits = (usize::BITS - n.leading_zeros()).saturating_sub(3).min(24);
        let slots = 1usize << bits;
        let mut index = Vec::with_capacity(slots + 1);
        let mut at = 0;
        for slot in 0..slots {
            while crimes.get(at).is_some_and(|c| prefix(c.id, bits) < slot) {
                at += 1;
            }
            index.push(at as u32);
        }
        index.push(n as u32);
        Ok(JoinTable { crimes, index, bits })
    }

    /// The crimes with this ID (usually one; none for an orphan).
    fn find(&self, id: Id) -> std::ops::Range<usize> {
        let slot = prefix(id, self.bits);
        let (Some(&lo), Some(&hi)) = (self.index.get(slot), self.index.get(slot + 1)) else { return 0..0 };
        let (lo, hi) = (lo as usize, hi as usize);
        let Some(run) = self.crimes.get(lo..hi) else { return 0..0 };
        let first = run.partition_point(|c| c.id < id);
        let same = run.get(first..).map_or(0, |rest| rest.iter().take_while(|c| c.id == id).count());
        lo + first..lo + first + same
    }

    fn bytes(&self) -> u64 {
        (self.crimes.len() * std::mem::size_of::<Crime>() + self.index.len() * std::mem::size_of::<u32>()) as u64
    }
}

/// The first `bits` bits of an ID (at most 32).
fn prefix(id: Id, bits: u32) -> usize {
    if bits == 0 {
        return 0;
    }
    (id[0] >> (64 - bits)) as usize
}

/// Sorts crimes by ID in place: a radix partition on the first byte, then the
/// 256 runs sorted on as many threads.
fn sort_crimes(crimes: &mut [Crime], threads: usize) {
    let starts = partition_by_byte(crimes, 0);
    let mut runs: Vec<&mut [Crime]> = Vec::with_capacity(256);
    let mut rest = crimes;
    for w in starts.windows(2) {
        let (Some(&a), Some(&b)) = (w.first(), w.get(1)) else { continue };
        let (run, tail) = rest.split_at_mut(b - a);
        runs.push(run);
        rest = tail;
    }
    let threads = threads.max(1);
    let per = runs.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
        let mut groups = Vec::new();
        while !runs.is_empty() {
            let take = per.min(runs.len());
            groups.push(runs.drain(..take).collect::<Vec<_>>());
        }
        for group in groups {
            s.spawn(move || {
                for run in group {
                    sort_run(run, 1);
                }
            });
        }
    });
}

fn sort_run(run: &mut [Crime], depth: usize) {
    if run.len() <= 64 || depth >= 3 {
        run.sort_unstable_by_key(|c| c.id);
        return;
    }
    let starts = partition_by_byte(run, depth);
    let mut rest = run;
    for w in starts.windows(2) {
        let (Some(&a), Some(&b)) = (w.first(), w.get(1)) else { continue };
        let (part, tail) = rest.split_at_mut(b - a);
        sort_run(part, depth + 1);
        rest = tail;
    }
}

/// Groups `v` by byte `d` of the ID, in place (American flag sort); returns the
/// 257 group boundaries.
#[allow(clippy::indexing_slicing)] // indices are bytes into 256-entry arrays, or below the group ends
fn partition_by_byte(v: &mut [Crime], d: usize) -> [usize; 257] {
    let key = |c: &Crime| {
        let id = &c.id;
        let word = id.get(d / 8).copied().unwrap_or(0);
        ((word >> (56 - 8 * (d % 8))) & 0xFF) as usize
    };
    let mut counts = [0usize; 256];
    for c in v.iter() {
        counts[key(c)] += 1;
    }
    let mut starts = [0usize; 257];
    for b in 0..256 {
        starts[b + 1] = starts[b] + counts[b];
    }
    let mut next = [0usize; 256];
    next.copy_from_slice(&starts[..256]);
    for b in 0..256 {
        let end = starts[b + 1];
        while next[b] < end {
            let i = next[b];
            let target = key(&v[i]);
            if target == b {
                next[b] += 1;
            } else {
                v.swap(i, next[target]);
                next[target] += 1;
            }
        }
    }
    starts
}

/// Kept rejection examples and chunk lines: the bookkeeping both workers share.
#[derive(Default)]
struct Book {
    summary: TrackSummary,
    examples: Vec<(u64, Rejection)>,
    keep: usize,
    chunks: Vec<(u64, usize, u64, u64)>,
    /// Whether this pass counts rows (the first pass over each kind of file).
    account: bool,
    street: bool,
}

impl Book {
    fn reject(&mut self, chunk: &Chunk, line: u64, kind: &str, reason: String) {
        if !self.account {
            return;
        }
        if self.street {
            self.summary.street_rejected += 1;
        } else {
            self.summary.outcome_rejected += 1;
        }
        let what = if self.street { "street" } else { "outcomes" };
        *self.summary.rejected_by_reason.entry(format!("{what} row: {kind}")).or_default() += 1;
        if self.examples.len() < self.keep {
            let file = PathBuf::from(chunk.file.to_string());
            self.examples.push((chunk.seq, Rejection { file, line, reason: format!("{what} row: {reason}") }));
        }
    }
}

/// Reads street files: accounts for their rows, counts crimes by partition, and
/// collects the crimes of the partitions of this pass.
struct StreetWorker<'a> {
    options: &'a TrackOptions,
    /// Partitions collected, or none (a counting pass).
    collect: Option<std::ops::Range<usize>>,
    types: CategoryTable,
    spellings: FxHashMap<Box<[u8]>, Option<u8>>,
    /// The pass's crimes, added a batch at a time.
    collected: Option<&'a Mutex<Vec<Crime>>>,
    batch: Vec<Crime>,
    partitions: Vec<u64>,
    book: Book,
}

/// Force spellings remembered per worker.
const SPELLINGS: usize = 4096;

impl<'a> StreetWorker<'a> {
    fn new(
        options: &'a TrackOptions,
        collect: Option<std::ops::Range<usize>>,
        account: bool,
        collected: Option<&'a Mutex<Vec<Crime>>>,
    ) -> Self {
        StreetWorker {
            options,
            collect,
            types: CategoryTable::new(),
            spellings: FxHashMap::default(),
            collected,
            batch: Vec::new(),
            partitions: vec![0; PARTITIONS],
            book: Book { keep: options.rejection_examples, account, street: true, ..Default::default() },
        }
    }

    /// Adds the batch to the pass's crimes.
    fn flush(&mut self) {
        if let Some(all) = self.collected {
            let mut all = all.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            all.append(&mut self.batch);
        }
    }

    fn force(&mut self, bytes: &[u8]) -> Option<u8> {
        if let Some(f) = self.spellings.get(bytes) {
            return *f;
        }
        let f = std::str::from_utf8(bytes)
            .ok()
            .and_then(|s| s.parse::<Force>().ok())
            .and_then(|f| Force::ALL.iter().position(|x| *x == f))
            .and_then(|i| u8::try_from(i).ok());
        if self.spellings.len() < SPELLINGS {
            self.spellings.insert(bytes.into(), f);
        }
        f
    }
}

impl Worker for StreetWorker<'_> {
    fn chunk_lines(&self) -> &[(u64, usize, u64, u64)] {
        &self.book.chunks
    }

    fn chunk(&mut self, chunk: &Chunk, _files: &[PathBuf]) -> (u64, bool) {
        let account = self.book.account;
        if let Some(lines) = chunk.oversized {
            if account {
                self.book.summary.street_rows += 1;
            }
            self.book.reject(chunk, 0, "a row too long", oversized_reason());
            self.book.chunks.push((chunk.seq, chunk.file, chunk.data_line, lines));
            return (lines, true);
        }
        let layout = &chunk.layout;
        let buf = chunk.data.as_slice();
        let (Some(i_id), Some(i_month), Some(i_force), Some(i_type)) = (
            layout.index(Column::CrimeId),
            layout.index(Column::Month),
            layout.index(Column::FallsWithin),
            layout.index(Column::CrimeType),
        ) else {
            return (0, false);
        };
        let width = layout.width();
        let all_ascii = buf.is_ascii();
        let mut scanner = Scanner::new(buf);
        let mut rec = Record::default();
        let (mut line, mut rejected) = (0u64, false);
        while scanner.next_record(&mut rec) {
            let this = line;
            line += rec.lines;
            if rec.len == 1 && rec.span.0 == rec.span.1 {
                continue;
            }
            if account {
                self.book.summary.street_rows += 1;
            }
            if let Some((kind, reason)) = record_problem(&rec, buf, width, !all_ascii) {
                rejected = true;
                self.book.reject(chunk, this, kind, reason);
                continue;
            }
            let raw = |i: usize| rec.get(i).map_or(&b""[..], |f| f.raw(buf));
            let Some(month) = Month::parse_bytes(raw(i_month)) else {
                rejected = true;
                let text = String::from_utf8_lossy(raw(i_month)).into_owned();
                self.book.reject(chunk, this, "Month not YYYY-MM", format!("Month {text:?} is not YYYY-MM"));
                continue;
            };
            let force_text = rec.get(i_force).map(|f| f.unescape(buf)).unwrap_or_default();
            let Some(force) = self.force(&force_text) else {
                rejected = true;
                let text = String::from_utf8_lossy(&force_text).into_owned();
                self.book.reject(
                    chunk,
                    this,
                    "Falls within not a police force",
                    format!("Falls within {text:?} is not a police force"),
                );
                continue;
            };
            let outside = self.options.from.is_some_and(|from| month < from)
                || self.options.to.is_some_and(|to| month > to)
                || self
                    .options
                    .forces
                    .as_ref()
                    .is_some_and(|wanted| !wanted.iter().any(|w| Force::ALL.get(usize::from(force)) == Some(w)));
            if outside {
                if account {
                    self.book.summary.street_filtered += 1;
                }
                continue;
            }
            let crime_type = raw(i_type);
            if crime_type == b"Anti-social behaviour" {
                if account {
                    self.book.summary.anti_social_behaviour += 1;
                }
                continue;
            }
            if self.types.index(crime_type).is_none() {
                rejected = true;
                let text = String::from_utf8_lossy(crime_type).into_owned();
                let reason = if text.is_empty() {
                    "empty Crime type".to_owned()
                } else {
                    format!("Crime type {text:?} is not a data.police.uk category (they are matched exactly)")
                };
                self.book.reject(chunk, this, "Crime type not a data.police.uk category", reason);
                continue;
            }
            let id_text = rec.get(i_id).map(|f| f.unescape(buf)).unwrap_or_default();
            let Some(id) = decode_id(&id_text) else {
                rejected = true;
                let (kind, reason) = if id_text.is_empty() {
                    ("crime without a Crime ID", "a crime without a Crime ID cannot be tracked".to_owned())
                } else {
                    (
                        "Crime ID not 64 hexadecimal digits",
                        format!(
                            "Crime ID {:?} is not 64 hexadecimal digits",
                            String::from_utf8_lossy(&id_text).chars().take(80).collect::<String>()
                        ),
                    )
                };
                self.book.reject(chunk, this, kind, reason);
                continue;
            };
            let p = partition(id);
            if account {
                self.book.summary.crimes += 1;
                if let Some(n) = self.partitions.get_mut(p) {
                    *n += 1;
                }
            }
            if self.collect.as_ref().is_some_and(|r| r.contains(&p)) {
                self.batch.push(Crime::new(id, force));
                if self.batch.len() >= BATCH {
                    self.flush();
                }
            }
        }
        self.book.chunks.push((chunk.seq, chunk.file, chunk.data_line, line));
        (line, rejected)
    }
}

/// Reads outcomes files: accounts for their rows and records each crime's latest outcome.
struct OutcomeWorker<'a> {
    options: &'a TrackOptions,
    table: &'a JoinTable,
    texts: &'a Texts,
    /// Partitions joined in this pass.
    partitions: std::ops::Range<usize>,
    local: FxHashMap<Box<[u8]>, u8>,
    too_far: bool,
    book: Book,
}

impl Worker for OutcomeWorker<'_> {
    fn chunk_lines(&self) -> &[(u64, usize, u64, u64)] {
        &self.book.chunks
    }

    fn chunk(&mut self, chunk: &Chunk, _files: &[PathBuf]) -> (u64, bool) {
        let account = self.book.account;
        if let Some(lines) = chunk.oversized {
            if account {
                self.book.summary.outcome_rows += 1;
            }
            self.book.reject(chunk, 0, "a row too long", oversized_reason());
            self.book.chunks.push((chunk.seq, chunk.file, chunk.data_line, lines));
            return (lines, true);
        }
        let layout = &chunk.layout;
        let buf = chunk.data.as_slice();
        let (Some(i_id), Some(i_month), Some(i_force), Some(i_outcome)) = (
            layout.index(Column::CrimeId),
            layout.index(Column::Month),
            layout.index(Column::FallsWithin),
            layout.index(Column::OutcomeType),
        ) else {
            return (0, false);
        };
        let width = layout.width();
        let all_ascii = buf.is_ascii();
        let mut scanner = Scanner::new(buf);
        let mut rec = Record::default();
        let (mut line, mut rejected) = (0u64, false);
        while scanner.next_record(&mut rec) {
            let this = line;
            line += rec.lines;
            if rec.len == 1 && rec.span.0 == rec.span.1 {
                continue;
            }
            if account {
                self.book.summary.outcome_rows += 1;
            }
            if let Some((kind, reason)) = record_problem(&rec, buf, width, !all_ascii) {
                rejected = true;
                self.book.reject(chunk, this, kind, reason);
                continue;
            }
            let raw = |i: usize| rec.get(i).map_or(&b""[..], |f| f.raw(buf));
            let Some(month) = Month::parse_bytes(raw(i_month)) else {
                rejected = true;
                let text = String::from_utf8_lossy(raw(i_month)).into_owned();
                self.book.reject(chunk, this, "Month not YYYY-MM", format!("Month {text:?} is not YYYY-MM"));
                continue;
            };
            let other_force = self.options.forces.as_ref().is_some_and(|wanted| {
                let text = rec.get(i_force).map(|f| f.unescape(buf)).unwrap_or_default();
                let force = std::str::from_utf8(&text).ok().and_then(|s| s.parse::<Force>().ok());
                !force.is_some_and(|f| wanted.contains(&f))
            });
            if self.options.to.is_some_and(|to| month > to) || other_force {
                if account {
                    self.book.summary.outcome_filtered += 1;
                }
                continue;
            }
            let id_text = rec.get(i_id).map(|f| f.unescape(buf)).unwrap_or_default();
            let Some(id) = decode_id(&id_text) else {
                rejected = true;
                let (kind, reason) = if id_text.is_empty() {
                    ("empty Crime ID", "empty Crime ID".to_owned())
                } else {
                    (
                        "Crime ID not 64 hexadecimal digits",
                        format!(
                            "Crime ID {:?} is not 64 hexadecimal digits",
                            String::from_utf8_lossy(&id_text).chars().take(80).collect::<String>()
                        ),
                    )
                };
                self.book.reject(chunk, this, kind, reason);
                continue;
            };
            let text = rec.get(i_outcome).map(|f| f.unescape(buf)).unwrap_or_default();
            if text.is_empty() {
                rejected = true;
                self.book.reject(chunk, this, "empty Outcome type", "empty Outcome type".to_owned());
                continue;
            }
            if !self.partitions.contains(&partition(id)) {
                continue;
            }
            let found = self.table.find(id);
            if found.is_empty() {
                self.book.summary.orphans += 1;
                continue;
            }
            self.book.summary.matched += 1;
            let number = match self.texts.known.get(&*text) {
                Some(&n) => n,
                None => match self.local.get(&*text) {
                    Some(&n) => n,
                    None => {
                        let n = self.texts.other(&text);
                        if self.local.len() < 1024 {
                            self.local.insert((*text).into(), n);
                        }
                        n
                    }
                },
            };
            let position = chunk.offset + rec.span.0 as u64;
            if position >> OFFSET_BITS != 0 {
                self.too_far = true;
                continue;
            }
            let packed =
                (month_number(month) << (OFFSET_BITS + TEXT_BITS)) | (position << TEXT_BITS) | u64::from(number);
            for crime in self.table.crimes.get(found).unwrap_or_default() {
                crime.latest.fetch_max(packed, Ordering::Relaxed);
            }
        }
        self.book.chunks.push((chunk.seq, chunk.file, chunk.data_line, line));
        (line, rejected)
    }
}

/// Adds the workers' counts to `summary`, and their first rejections (with
/// files and lines made absolute, in file order) to `examples`.
fn gather(
    books: Vec<&mut Book>,
    files: &[PathBuf],
    keep: usize,
    summary: &mut TrackSummary,
    examples: &mut Vec<Rejection>,
) {
    let mut chunks = Vec::new();
    let mut found = Vec::new();
    for b in books {
        summary.merge(&b.summary);
        chunks.extend(std::mem::take(&mut b.chunks));
        found.extend(std::mem::take(&mut b.examples));
    }
    let offsets = line_offsets(chunks);
    found.sort_by_key(|(seq, r)| (*seq, r.line));
    examples.extend(found.into_iter().take(keep).map(|(seq, r)| {
        let file = r.file.to_string_lossy().parse::<usize>().ok().and_then(|i| files.get(i)).cloned();
        let line = r.line + offsets.get(&seq).copied().unwrap_or(0);
        Rejection { file: file.unwrap_or_default(), line, reason: r.reason }
    }));
}

/// Joins the outcomes files to the street files on Crime ID and counts each
/// crime by force and latest outcome (see the [module documentation](self) for
/// the rules and the memory the join takes).
///
/// `progress` is told the bytes read so far in each pass.
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
    let threads = match options.threads {
        0 => std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get).min(MAX_THREADS),
        n if n <= MAX_THREADS => n,
        n => return Err(DataError::InvalidFilter { detail: format!("{n} threads: at most {MAX_THREADS}") }),
    };
    if !(MIN_BLOCK..=MAX_BLOCK).contains(&options.block_size) {
        return Err(DataError::InvalidFilter {
            detail: format!("a block of {} bytes: between {MIN_BLOCK} and {MAX_BLOCK}", options.block_size),
        });
    }
    if let (Some(from), Some(to)) = (options.from, options.to) {
        if from > to {
            return Err(DataError::InvalidFilter {
                detail: format!("the months run from {from} to {to}: the first is after the last"),
            });
        }
    }
    // The outcomes files in the order of their month, then path: the tie rule's "later row".
    let mut outcomes = outcomes.to_vec();
    outcomes.sort_by_cached_key(|p| {
        let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        (parse_file_name(&name).map(|(m, _, _)| m), p.clone())
    });
    let engine = EngineOptions { block: options.block_size, strict: options.strict };
    let mut summary = TrackSummary { street_files: street.len(), outcome_files: outcomes.len(), ..Default::default() };
    let mut examples = Vec::new();

    // The passes: every partition at once, or groups within the memory limit
    // (after a first pass that counts the crimes in each partition).
    // Each group: its partitions, and its crimes if known.
    let mut street_census: Option<Vec<StreetWorker<'_>>> = None;
    let groups: Vec<(std::ops::Range<usize>, u64)> = match options.memory {
        None => vec![(0..PARTITIONS, 0)],
        Some(limit) => {
            let workers = (0..threads).map(|_| StreetWorker::new(options, None, true, None)).collect();
            let (workers, _) = run(street, Some(FileKind::Street), engine, workers, progress)?;
            let mut per = vec![0u64; PARTITIONS];
            for w in &workers {
                for (t, n) in per.iter_mut().zip(&w.partitions) {
                    *t += n;
                }
            }
            street_census = Some(workers);
            let fits = limit / STATE_BYTES_PER_CRIME;
            let mut groups = Vec::new();
            let mut start = 0;
            let mut held = 0u64;
            for (p, &n) in per.iter().enumerate() {
                if n > fits {
                    return Err(DataError::InvalidFilter {
                        detail: format!(
                            "a memory limit of {limit} bytes holds {fits} crimes; one of the {PARTITIONS} partitions \
                             of Crime IDs has {n} ({} bytes): give at least that much",
                            n * STATE_BYTES_PER_CRIME
                        ),
                    });
                }
                if held + n > fits {
                    groups.push((start..p, held));
                    start = p;
                    held = 0;
                }
                held += n;
            }
            groups.push((start..PARTITIONS, held));
            groups
        }
    };
    let texts = Texts::new();
    let mut by_force: Vec<Vec<u64>> = vec![vec![0; 256]; Force::ALL.len()];
    summary.passes = groups.len();
    for (pass, (group, expected)) in groups.iter().enumerate() {
        // The crimes of this group, in one vector (of the exact size when known).
        let account_street = street_census.is_none() && pass == 0;
        let collected = Mutex::new(Vec::with_capacity(usize::try_from(*expected).unwrap_or(0)));
        let workers = (0..threads)
            .map(|_| StreetWorker::new(options, Some(group.clone()), account_street, Some(&collected)))
            .collect();
        let (mut workers, _) = run(street, Some(FileKind::Street), engine, workers, progress)?;
        workers.iter_mut().for_each(StreetWorker::flush);
        if pass == 0 {
            let books: Vec<&mut Book> = match street_census.as_mut() {
                Some(census) => census.iter_mut().map(|w| &mut w.book).collect(),
                None => workers.iter_mut().map(|w| &mut w.book).collect(),
            };
            gather(books, street, options.rejection_examples, &mut summary, &mut examples);
            street_census = None;
        }
        drop(workers);
        let crimes = collected.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        let table = JoinTable::build(crimes, threads)?;
        summary.state_bytes = summary.state_bytes.max(table.bytes());
        summary.repeated_crime_ids +=
            table.crimes.windows(2).filter(|w| matches!(w, [a, b] if a.id == b.id)).count() as u64;

        // Their outcomes.
        let workers = (0..threads)
            .map(|_| OutcomeWorker {
                options,
                table: &table,
                texts: &texts,
                partitions: group.clone(),
                local: FxHashMap::default(),
                too_far: false,
                book: Book {
                    keep: options.rejection_examples,
                    account: pass == 0,
                    street: false,
                    ..Default::default()
                },
            })
            .collect();
        let (mut workers, _) = run(&outcomes, Some(FileKind::Outcomes), engine, workers, progress)?;
        if workers.iter().any(|w| w.too_far) {
            return Err(DataError::InvalidFilter {
                detail: format!("the outcomes files come to more than {} bytes together", 1u64 << OFFSET_BITS),
            });
        }
        gather(
            workers.iter_mut().map(|w| &mut w.book).collect(),
            &outcomes,
            options.rejection_examples,
            &mut summary,
            &mut examples,
        );
        drop(workers);
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
        let force = Force::ALL.get(f).map_or("", |x| x.name());
        for (number, &n) in row.iter().enumerate().filter(|(_, n)| **n > 0) {
            let (text, known) = if number == 0 {
                summary.without_outcome += n;
                (NO_OUTCOME.to_owned(), true)
            } else {
                summary.with_outcome += n;
                texts.text(number as u8, &other)
            };
            if !known {
                *summary.unknown_outcomes.entry(text.clone()).or_default() += n;
            }
            *counts.entry((force.to_owned(), text)).or_default() += n;
        }
    }
    if options.strict {
        if let Some(first) = examples.first() {
            return Err(DataError::Rejected {
                file: first.file.clone(),
                line: first.line,
                reason: first.reason.clone(),
            });
        }
    }
    Ok(TrackedOutcomes { counts, summary, rejections: examples })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing, clippy::unwrap_used)]
    use super::*;

    #[test]
    fn ids_decode_in_either_case_and_nothing_else() {
        let id = "00ff".repeat(16);
        let decoded = decode_id(id.as_bytes());
        assert_eq!(decoded, Some([0x00ff_00ff_00ff_00ff; 4]));
        assert_eq!(decode_id(id.to_uppercase().as_bytes()), decoded);
        assert_eq!(decode_id(&id.as_bytes()[..63]), None);
        assert_eq!(decode_id("g".repeat(64).as_bytes()), None);
        assert_eq!(decode_id(b""), None);
    }

    #[test]
    fn sorting_and_finding_agree_with_a_plain_sort() {
        // Ids with shared prefixes and repeats, so every level of the radix sort is used.
        let mut crimes = Vec::new();
        let mut x = 0x1234_5678_9abc_def0_u64;
        for i in 0..20_000u32 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let mut id = [x, x.rotate_left(7), 0, u64::from(i)];
            if i % 3 == 0 {
                id[0] = 0x0707 << 48;
            }
            crimes.push(Crime::new(id, (i % 44) as u8));
            if i % 1000 == 0 {
                crimes.push(Crime::new(id, 1));
            }
        }
        let mut expected: Vec<Id> = crimes.iter().map(|c| c.id).collect();
        expected.sort_unstable();
        let ids: Vec<Id> = crimes.iter().map(|c| c.id).collect();
        let table = JoinTable::build(crimes, 3).unwrap();
        let got: Vec<Id> = table.crimes.iter().map(|c| c.id).collect();
        assert_eq!(got, expected);
        for id in ids {
            let found = table.find(id);
            assert!(!found.is_empty());
            assert!(table.crimes[found].iter().all(|f| f.id == id));
        }
        assert!(table.find([0xEE; 4]).is_empty());
    }
}
