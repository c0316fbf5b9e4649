//! Rejected rows: every one counted by kind of reason, the first ones kept as
//! examples in file order, and all of them written to a file when asked, with
//! memory bounded whatever the input. One [`RejectionLog`] per worker thread;
//! [`RejectionLog::finish`] merges them so that nothing depends on how the
//! rows were split between threads.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;

use super::error::{DataError, Result};
use super::spill::SpillDir;

/// A row that was not counted, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Rejection {
    /// The file (for a zip archive's member, `archive.zip/member`).
    pub file: PathBuf,
    /// The physical line the row starts on (the header is line 1).
    pub line: u64,
    /// Why.
    pub reason: String,
}

impl Rejection {
    /// A rejection.
    #[must_use]
    pub fn new(file: PathBuf, line: u64, reason: String) -> Self {
        Rejection { file, line, reason }
    }

    /// The rejection as the error of a strict reading.
    #[must_use]
    pub fn to_error(&self) -> DataError {
        DataError::Rejected { file: self.file.clone(), line: self.line, reason: self.reason.clone() }
    }
}

/// Where a chunk of rows sits: its sequence number in the run (file order), the
/// file's index in the run, the physical line the file's data starts on, and
/// the lines the chunk spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct ChunkLines {
    pub seq: u64,
    pub file: usize,
    pub data_line: u64,
    pub lines: u64,
}

/// A rejection as a worker sees it: its chunk and its line within the chunk.
#[derive(Debug, Clone)]
struct Pending {
    seq: u64,
    file: usize,
    line: u64,
    reason: String,
}

/// One worker's rejected rows.
#[derive(Debug, Default)]
pub(crate) struct RejectionLog {
    /// Rows rejected.
    pub count: u64,
    /// Rows rejected, by kind of reason.
    pub by_reason: BTreeMap<String, u64>,
    examples: Vec<Pending>,
    keep: usize,
    /// Every rejection, when asked: `seq,line,file,reason` lines in this worker's spill file.
    spill: Option<(PathBuf, std::io::BufWriter<std::fs::File>)>,
    spill_error: Option<std::io::Error>,
    chunks: Vec<ChunkLines>,
}

impl RejectionLog {
    /// A log keeping the first `keep` rejections.
    pub(crate) fn keeping(keep: usize) -> Self {
        RejectionLog { keep, ..RejectionLog::default() }
    }

    /// A log keeping the first `keep` rejections, and every one in a spill file of `spill` if given.
    pub(crate) fn new(keep: usize, spill: Option<(&SpillDir, usize)>) -> Result<Self> {
        let spill = match spill {
            Some((dir, k)) => {
                let path = dir.part(k);
                let file = std::fs::File::create(&path).map_err(|e| DataError::Io { file: path.clone(), source: e })?;
                Some((path, std::io::BufWriter::new(file)))
            }
            None => None,
        };
        Ok(RejectionLog { keep, spill, ..RejectionLog::default() })
    }

    /// The row starting on `line` (counted from the chunk's first line) of chunk
    /// `seq`, of the run's file `file`, is rejected.
    pub(crate) fn reject(&mut self, seq: u64, file: usize, line: u64, kind: &str, reason: String) {
        self.count += 1;
        match self.by_reason.get_mut(kind) {
            Some(n) => *n += 1,
            None => {
                self.by_reason.insert(kind.to_owned(), 1);
            }
        }
        if let Some((_, w)) = self.spill.as_mut() {
            if let Err(e) = writeln!(w, "{seq},{line},{file},{}", reason.replace(['\n', '\r'], " ")) {
                self.spill_error.get_or_insert(e);
            }
        }
        if self.examples.len() < self.keep {
            self.examples.push(Pending { seq, file, line, reason });
        }
    }

    /// Chunk `seq` of file `file`, whose data starts on `data_line`, spans `lines` physical lines.
    pub(crate) fn chunk_read(&mut self, seq: u64, file: usize, data_line: u64, lines: u64) {
        self.chunks.push(ChunkLines { seq, file, data_line, lines });
    }

    /// Merges the workers' logs: the counts by reason, the first `keep`
    /// rejections in file order with their files and absolute lines, and (when
    /// the logs spilled) every rejection written to `out` in file order.
    pub(crate) fn finish(
        logs: Vec<RejectionLog>,
        files: &[PathBuf],
        keep: usize,
        out: Option<(&SpillDir, &Path)>,
    ) -> Result<Finished> {
        let mut finished = Finished::default();
        let mut chunks = Vec::new();
        let mut pending = Vec::new();
        let mut parts = Vec::new();
        for mut log in logs {
            finished.count += log.count;
            for (k, v) in std::mem::take(&mut log.by_reason) {
                *finished.by_reason.entry(k).or_default() += v;
            }
            chunks.append(&mut log.chunks);
            pending.append(&mut log.examples);
            if let Some((path, mut w)) = log.spill.take() {
                w.flush().map_err(|e| DataError::Io { file: path.clone(), source: e })?;
                if let Some(e) = log.spill_error.take() {
                    return Err(DataError::Io { file: path, source: e });
                }
                parts.push(path);
            }
        }
        let offsets = line_offsets(chunks);
        let locate = |seq: u64, file: usize, line: u64| {
            (files.get(file).cloned().unwrap_or_default(), line + offsets.get(&seq).copied().unwrap_or(0))
        };
        pending.sort_by_key(|p| (p.seq, p.line));
        finished.examples = pending
            .into_iter()
            .take(keep)
            .map(|p| {
                let (file, line) = locate(p.seq, p.file, p.line);
                Rejection { file, line, reason: p.reason }
            })
            .collect();
        if let Some((dir, out)) = out {
            dir.merge(out, &parts, &locate)?;
        }
        Ok(finished)
    }
}

/// The merged logs of a run.
#[derive(Debug, Default)]
pub(crate) struct Finished {
    pub count: u64,
    pub by_reason: BTreeMap<String, u64>,
    pub examples: Vec<Rejection>,
}

/// The physical line each chunk starts on, by sequence number: the file's data
/// line plus the lines of the file's earlier chunks.
pub(crate) fn line_offsets(mut reports: Vec<ChunkLines>) -> FxHashMap<u64, u64> {
    reports.sort_unstable();
    let mut out = FxHashMap::default();
    let mut current: Option<(usize, u64)> = None;
    for c in reports {
        let start = match current {
            Some((f, next)) if f == c.file => next,
            _ => c.data_line,
        };
        out.insert(c.seq, start);
        current = Some((c.file, start + c.lines));
    }
    out
}
