//! Counting crimes by force and last outcome category in data.police.uk
//! street files: the `policing counts` command's engine.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

use policing_forces::Force;
use policing_outcomes::Category;
use rustc_hash::FxHashMap;

use crate::csv::{Record, Scanner};
use crate::engine::{line_offsets, run, Chunk, EngineOptions, Worker};
use crate::error::{DataError, Result};
use crate::police_uk::{record_problem, Column, FileKind};

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

/// Options of a counting run.
#[derive(Debug, Clone)]
pub struct CountOptions {
    /// The force column to group by.
    pub group_by: GroupBy,
    /// Turn the first rejected row into an error.
    pub strict: bool,
    /// Worker threads (0: one per core).
    pub threads: usize,
    /// Only rows whose Month lies in this range, both ends included.
    pub months: Option<(Month, Month)>,
    /// Bytes read per block.
    pub block_size: usize,
}

impl Default for CountOptions {
    fn default() -> Self {
        CountOptions { group_by: GroupBy::FallsWithin, strict: false, threads: 0, months: None, block_size: 1 << 20 }
    }
}

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

/// What happened to every row read. `rows == crimes + anti_social_behaviour + filtered + rejected`.
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
    /// Rows outside the month range.
    pub filtered: u64,
    /// Rows rejected.
    pub rejected: u64,
    /// Outcome categories that are not data.police.uk categories: counted under
    /// their own text, and reported here with their counts.
    pub unknown_outcomes: BTreeMap<String, u64>,
}

impl Summary {
    /// Whether every row read is accounted for.
    #[must_use]
    pub fn adds_up(&self) -> bool {
        self.rows == self.crimes + self.anti_social_behaviour + self.filtered + self.rejected
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} files ({} empty), {} rows read: {} crimes counted, {} anti-social behaviour, {} outside the months, {} rejected",
            self.files, self.empty_files, self.rows, self.crimes, self.anti_social_behaviour, self.filtered, self.rejected
        )?;
        for (text, n) in &self.unknown_outcomes {
            write!(f, "; unknown outcome category {text:?} ({n} rows)")?;
        }
        Ok(())
    }
}

/// The result of [`count_outcomes`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct OutcomeCountsByForce {
    /// Crime rows by (force, last outcome category), both exactly as in the files.
    pub counts: BTreeMap<(String, String), u64>,
    /// Every row accounted for.
    pub summary: Summary,
    /// The rejected rows, by file and line.
    pub rejections: Vec<Rejection>,
}

/// Interns byte strings to small ids, with a cached verdict per string.
#[derive(Debug, Default)]
struct Interner<V> {
    ids: FxHashMap<Box<[u8]>, u32>,
    values: Vec<(Box<[u8]>, V)>,
}

impl<V: Copy> Interner<V> {
    fn get(&mut self, bytes: &[u8], verdict: impl FnOnce(&[u8]) -> V) -> (u32, V) {
        if let Some(&id) = self.ids.get(bytes) {
            if let Some((_, v)) = self.values.get(id as usize) {
                return (id, *v);
            }
        }
        let id = u32::try_from(self.values.len()).unwrap_or(u32::MAX);
        let v = verdict(bytes);
        self.ids.insert(bytes.into(), id);
        self.values.push((bytes.into(), v));
        (id, v)
    }

    fn text(&self, id: u32) -> String {
        self.values.get(id as usize).map(|(b, _)| String::from_utf8_lossy(b).into_owned()).unwrap_or_default()
    }
}

const ASB: &[u8] = b"Anti-social behaviour";

struct Counter {
    group: Column,
    months: Option<(Month, Month)>,
    forces: Interner<bool>,
    outcomes: Interner<bool>,
    /// Counts by force id, then outcome id.
    counts: Vec<Vec<u64>>,
    summary: Summary,
    /// Rejections with their chunk's sequence number and a line relative to the chunk.
    rejections: Vec<(u64, Rejection)>,
    chunks: Vec<(u64, usize, u64, u64)>,
}

impl Counter {
    fn new(options: &CountOptions) -> Self {
        Counter {
            group: match options.group_by {
                GroupBy::FallsWithin => Column::FallsWithin,
                GroupBy::ReportedBy => Column::ReportedBy,
            },
            months: options.months,
            forces: Interner::default(),
            outcomes: Interner::default(),
            counts: Vec::new(),
            summary: Summary::default(),
            rejections: Vec::new(),
            chunks: Vec::new(),
        }
    }

    fn reject(&mut self, files: &[PathBuf], chunk: &Chunk, line: u64, reason: String) {
        self.summary.rejected += 1;
        let file = files.get(chunk.file).cloned().unwrap_or_default();
        self.rejections.push((chunk.seq, Rejection { file, line, reason }));
    }
}

impl Worker for Counter {
    fn chunk_lines(&self) -> &[(u64, usize, u64, u64)] {
        &self.chunks
    }

    fn chunk(&mut self, chunk: &Chunk, files: &[PathBuf]) -> (u64, bool) {
        let layout = &chunk.layout;
        let buf = chunk.data.as_slice();
        let width = layout.width();
        let (Some(i_month), Some(i_group), Some(i_type), Some(i_outcome)) = (
            layout.index(Column::Month),
            layout.index(self.group),
            layout.index(Column::CrimeType),
            layout.index(Column::LastOutcome),
        ) else {
            return (0, false);
        };
        // One vectorised pass over the chunk; rows are checked one by one only if it is not all ASCII.
        let all_ascii = buf.is_ascii();
        let mut scanner = Scanner::new(buf);
        let mut rec = Record::default();
        let mut line = 0u64;
        let mut first_rejected = None;
        while scanner.next_record(&mut rec) {
            let this_line = line;
            line += rec.lines;
            let span = buf.get(rec.span.0..rec.span.1).unwrap_or_default();
            // A blank line (a trailing one, or between records) is not a row.
            if span.is_empty() && rec.len == 1 {
                continue;
            }
            self.summary.rows += 1;
            if let Some(reason) = record_problem(&rec, buf, width, !all_ascii) {
                first_rejected.get_or_insert(this_line);
                self.reject(files, chunk, this_line, reason);
                continue;
            }
            let field = |i: usize| rec.get(i).map_or(&b""[..], |f| f.raw(buf));
            let Some(month) = Month::parse_bytes(field(i_month)) else {
                first_rejected.get_or_insert(this_line);
                let text = String::from_utf8_lossy(field(i_month)).into_owned();
                self.reject(files, chunk, this_line, format!("Month {text:?} is not YYYY-MM"));
                continue;
            };
            if let Some((from, to)) = self.months {
                if month < from || month > to {
                    self.summary.filtered += 1;
                    continue;
                }
            }
            let force_bytes = rec.get(i_group).map(|f| f.unescape(buf)).unwrap_or_default();
            let (force, known) = self
                .forces
                .get(&force_bytes, |b| std::str::from_utf8(b).ok().is_some_and(|s| s.parse::<Force>().is_ok()));
            if !known {
                first_rejected.get_or_insert(this_line);
                let text = String::from_utf8_lossy(&force_bytes).into_owned();
                self.reject(files, chunk, this_line, format!("{} {text:?} is not a police force", self.group.name()));
                continue;
            }
            let crime_type = field(i_type);
            if crime_type.is_empty() {
                first_rejected.get_or_insert(this_line);
                self.reject(files, chunk, this_line, "empty Crime type".to_owned());
                continue;
            }
            if crime_type == ASB {
                self.summary.anti_social_behaviour += 1;
                continue;
            }
            let outcome_bytes = rec.get(i_outcome).map(|f| f.unescape(buf)).unwrap_or_default();
            let (outcome, known) = self.outcomes.get(&outcome_bytes, |b| {
                b.is_empty() || std::str::from_utf8(b).ok().is_some_and(|s| Category::from_name(s).is_ok())
            });
            if !known {
                *self.summary.unknown_outcomes.entry(self.outcomes.text(outcome)).or_default() += 1;
            }
            let (f, o) = (force as usize, outcome as usize);
            if self.counts.len() <= f {
                self.counts.resize_with(f + 1, Vec::new);
            }
            if let Some(row) = self.counts.get_mut(f) {
                if row.len() <= o {
                    row.resize(o + 1, 0);
                }
                if let Some(n) = row.get_mut(o) {
                    *n += 1;
                }
            }
            self.summary.crimes += 1;
        }
        self.chunks.push((chunk.seq, chunk.file, chunk.data_line, line));
        (line, first_rejected.is_some())
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
    let threads = if options.threads == 0 {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    } else {
        options.threads
    };
    let workers: Vec<Counter> = (0..threads).map(|_| Counter::new(options)).collect();
    let engine = EngineOptions { block: options.block_size.max(4096), strict: options.strict };
    let (workers, facts) = run(files, Some(FileKind::Street), engine, workers, progress)?;
    let offsets = line_offsets(workers.iter().flat_map(|w| w.chunk_lines().iter().copied()).collect());
    let mut out = OutcomeCountsByForce::default();
    out.summary.files = files.len();
    out.summary.empty_files = facts.iter().filter(|f| f.empty).count();
    for w in workers {
        for (f, row) in w.counts.iter().enumerate() {
            for (o, n) in row.iter().enumerate().filter(|(_, n)| **n > 0) {
                let force = w.forces.text(u32::try_from(f).unwrap_or(u32::MAX));
                let outcome = w.outcomes.text(u32::try_from(o).unwrap_or(u32::MAX));
                *out.counts.entry((force, outcome)).or_default() += n;
            }
        }
        let s = w.summary;
        out.summary.rows += s.rows;
        out.summary.crimes += s.crimes;
        out.summary.anti_social_behaviour += s.anti_social_behaviour;
        out.summary.filtered += s.filtered;
        out.summary.rejected += s.rejected;
        for (k, v) in s.unknown_outcomes {
            *out.summary.unknown_outcomes.entry(k).or_default() += v;
        }
        out.rejections.extend(w.rejections.into_iter().map(|(seq, mut r)| {
            r.line += offsets.get(&seq).copied().unwrap_or(0);
            r
        }));
    }
    out.rejections.sort();
    if options.strict {
        if let Some(first) = out.rejections.first() {
            return Err(DataError::Rejected {
                file: first.file.clone(),
                line: first.line,
                reason: first.reason.clone(),
            });
        }
    }
    Ok(out)
}
