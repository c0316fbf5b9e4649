//! The streaming, parallel engine: files are read in blocks by one thread, cut
//! at record boundaries, and the chunks are parsed by worker threads. Results
//! are merged in a way that does not depend on the number of threads.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Mutex};

use crate::archive::Opener;
use crate::count::{Month, MAX_BLOCK, MAX_THREADS, MIN_BLOCK};
use crate::csv::{Cutter, Record, Scanner};
use crate::error::{quoted, DataError, Result};
use crate::police_uk::{record_problem, Column, FileKind, Layout};

/// A run of whole records of one file.
#[derive(Debug)]
pub(crate) struct Chunk {
    /// Sequence number over the whole run, in file order.
    pub seq: u64,
    /// Index of the file in the run.
    pub file: usize,
    /// The physical line the file's data starts on (after the header), for the
    /// file's first chunk; workers count lines within chunks and the caller adds
    /// the lines of earlier chunks ([`line_offsets`]).
    pub data_line: u64,
    /// Where the records start in the run: the bytes of the run's earlier files
    /// plus the offset in this file. A row's `offset + position in data` is
    /// unique and grows in file order, whatever the block size.
    pub offset: u64,
    /// The records.
    pub data: Vec<u8>,
    /// The file's layout.
    pub layout: Arc<Layout>,
    /// A record longer than [`MAX_RECORD_BYTES`] that was skipped instead of
    /// kept: the physical lines it spans (`data` is then empty). One rejected row.
    pub oversized: Option<u64>,
}

/// What a worker does with chunks.
pub(crate) trait Worker: Send {
    /// Processes one chunk. Returns the physical lines it spans, and whether a
    /// row was rejected (for strict mode). Lines the worker reports are relative
    /// to the chunk (0 = its first line).
    fn chunk(&mut self, chunk: &Chunk, files: &[PathBuf]) -> (u64, bool);

    /// The physical lines each chunk the worker processed spans, by sequence number.
    fn chunk_lines(&self) -> &[(u64, usize, u64, u64)];
}

/// Why a row is rejected: the kind of reason (for counting) and the reason.
pub(crate) type Reject = (std::borrow::Cow<'static, str>, String);

/// What [`each_row`] tells the reader of a chunk.
pub(crate) trait RowReader {
    /// A data row was read (before it is checked).
    fn row_read(&mut self);
    /// The row starting on `line` (counted from the chunk's first line) is rejected.
    fn reject(&mut self, chunk: &Chunk, line: u64, kind: &str, reason: String);
    /// The chunk spans `lines` physical lines.
    fn chunk_read(&mut self, chunk: &Chunk, lines: u64);
}

/// Reads a chunk's rows as every reader of data.police.uk files does: blank
/// lines are not rows; a row too long, with malformed quoting, the wrong number
/// of fields, invalid UTF-8 or a Month that is not `YYYY-MM` is rejected here;
/// `row` gets every other row with its month, and rejects it by returning the
/// reason. Returns what [`Worker::chunk`] returns: the chunk's lines, and
/// whether a row was rejected.
pub(crate) fn each_row<R: RowReader>(
    reader: &mut R,
    chunk: &Chunk,
    mut row: impl FnMut(&mut R, &Record, &[u8], Month) -> std::result::Result<(), Reject>,
) -> (u64, bool) {
    if let Some(lines) = chunk.oversized {
        reader.row_read();
        reader.reject(chunk, 0, "a row too long", oversized_reason());
        reader.chunk_read(chunk, lines);
        return (lines, true);
    }
    let buf = chunk.data.as_slice();
    let Some(i_month) = chunk.layout.index(Column::Month) else { return (0, false) };
    let width = chunk.layout.width();
    // One vectorised pass over the chunk; rows are checked one by one only if it is not all ASCII.
    let all_ascii = buf.is_ascii();
    let mut scanner = Scanner::new(buf);
    let mut rec = Record::default();
    let (mut line, mut rejected) = (0u64, false);
    while scanner.next_record(&mut rec) {
        let this = line;
        line += rec.lines;
        let span = rec.span.1 - rec.span.0;
        // A blank line (a trailing one, or between records) is not a row.
        if span == 0 && rec.len == 1 {
            continue;
        }
        reader.row_read();
        let verdict = if span > MAX_RECORD_BYTES {
            Err(("a row too long".into(), oversized_reason()))
        } else if let Some((kind, reason)) = record_problem(&rec, buf, width, !all_ascii) {
            Err((kind.into(), reason))
        } else {
            let raw = rec.get(i_month).map_or(&b""[..], |f| f.raw(buf));
            match Month::parse_bytes(raw) {
                Some(month) => row(reader, &rec, buf, month),
                None => {
                    let text = String::from_utf8_lossy(raw);
                    Err(("Month not YYYY-MM".into(), format!("Month {} is not YYYY-MM", quoted(&text))))
                }
            }
        };
        if let Err((kind, reason)) = verdict {
            rejected = true;
            reader.reject(chunk, this, &kind, reason);
        }
    }
    reader.chunk_read(chunk, line);
    (line, rejected)
}

/// How the engine reads.
#[derive(Debug, Clone, Copy)]
pub(crate) struct EngineOptions {
    pub block: usize,
    pub strict: bool,
}

impl EngineOptions {
    /// The worker threads (0: one per core) and reading options a caller asks
    /// for, checked: at most [`MAX_THREADS`] threads, blocks of [`MIN_BLOCK`] to [`MAX_BLOCK`] bytes.
    pub(crate) fn checked(threads: usize, block: usize, strict: bool) -> Result<(usize, EngineOptions)> {
        let threads = match threads {
            0 => std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get).min(MAX_THREADS),
            n if n <= MAX_THREADS => n,
            n => return Err(DataError::InvalidFilter { detail: format!("{n} threads: at most {MAX_THREADS}") }),
        };
        if !(MIN_BLOCK..=MAX_BLOCK).contains(&block) {
            return Err(DataError::InvalidFilter {
                detail: format!("a block of {block} bytes: between {MIN_BLOCK} and {MAX_BLOCK}"),
            });
        }
        Ok((threads, EngineOptions { block, strict }))
    }
}

/// Per-file facts the reader learns.
#[derive(Debug, Clone, Default)]
pub(crate) struct FileFacts {
    pub empty: bool,
}

/// The longest row (record) read: a longer one is rejected whole, as one row,
/// without being kept in memory, whatever the block size. data.police.uk rows
/// are a few hundred bytes.
pub const MAX_RECORD_BYTES: usize = 1 << 20;

/// The reason given for a row longer than [`MAX_RECORD_BYTES`].
pub(crate) fn oversized_reason() -> String {
    format!("a row longer than {MAX_RECORD_BYTES} bytes (a quote left open, or not a data.police.uk file?)")
}

fn io(file: &Path, source: std::io::Error) -> DataError {
    DataError::Io { file: file.to_owned(), source }
}

/// Appends up to `want` bytes from `r` to `buf` (without zero-filling first);
/// returns whether the end of the file was reached.
fn fill(r: &mut impl Read, buf: &mut Vec<u8>, want: usize, file: &Path) -> Result<bool> {
    let before = buf.len();
    let limit = u64::try_from(want).unwrap_or(u64::MAX);
    loop {
        match r.by_ref().take(limit - (buf.len() - before) as u64).read_to_end(buf) {
            Ok(0) => return Ok(true),
            Ok(_) if buf.len() - before >= want => return Ok(false),
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(io(file, e)),
        }
    }
}

/// Runs `workers` over every file. `expected` is the kind of file the caller
/// needs (a header lacking its columns is an error naming the file).
/// `progress` is told the bytes read so far.
pub(crate) fn run<W: Worker>(
    files: &[PathBuf],
    expected: Option<FileKind>,
    options: EngineOptions,
    mut workers: Vec<W>,
    progress: Option<&(dyn Fn(u64) + Sync)>,
) -> Result<(Vec<W>, Vec<FileFacts>)> {
    let threads = workers.len().max(1);
    let (chunk_tx, chunk_rx) = sync_channel::<Chunk>(threads * 2);
    let chunk_rx = Arc::new(Mutex::new(chunk_rx));
    let (pool_tx, pool_rx) = sync_channel::<Vec<u8>>(threads * 2 + 2);
    let stop_after = AtomicU64::new(u64::MAX);
    let mut facts = vec![FileFacts::default(); files.len()];
    let read_result = std::thread::scope(|scope| {
        for worker in &mut workers {
            let rx = Arc::clone(&chunk_rx);
            let pool = pool_tx.clone();
            let stop = &stop_after;
            scope.spawn(move || work(worker, &rx, &pool, stop, files, options.strict));
        }
        drop(pool_tx);
        let result = read_all(files, expected, options, &chunk_tx, &pool_rx, &stop_after, &mut facts, progress);
        drop(chunk_tx);
        result
    });
    read_result?;
    Ok((workers, facts))
}

fn work<W: Worker>(
    worker: &mut W,
    rx: &Mutex<Receiver<Chunk>>,
    pool: &SyncSender<Vec<u8>>,
    stop: &AtomicU64,
    files: &[PathBuf],
    strict: bool,
) {
    loop {
        let next = match rx.lock() {
            Ok(guard) => guard.recv(),
            Err(_) => return,
        };
        let Ok(chunk) = next else { return };
        if chunk.seq <= stop.load(Ordering::Acquire) {
            let (_, rejected) = worker.chunk(&chunk, files);
            if strict && rejected {
                stop.fetch_min(chunk.seq, Ordering::AcqRel);
            }
        }
        let mut data = chunk.data;
        data.clear();
        let _ = pool.try_send(data);
    }
}

#[allow(clippy::too_many_arguments)]
fn read_all(
    files: &[PathBuf],
    expected: Option<FileKind>,
    options: EngineOptions,
    tx: &SyncSender<Chunk>,
    pool: &Receiver<Vec<u8>>,
    stop: &AtomicU64,
    facts: &mut [FileFacts],
    progress: Option<&(dyn Fn(u64) + Sync)>,
) -> Result<()> {
    let mut seq = 0u64;
    let mut total_read = 0u64;
    let mut opener = Opener::default();
    for (index, path) in files.iter().enumerate() {
        if stop.load(Ordering::Acquire) != u64::MAX {
            break;
        }
        // The file's first byte in the run: every byte read before it.
        let file_start = total_read;
        // `-` is standard input; a path inside a zip archive is the member.
        let mut file = opener.open(path)?;
        let mut buf: Vec<u8> = Vec::with_capacity(options.block);
        let mut eof = fill(&mut file, &mut buf, options.block, path)?;
        total_read += buf.len() as u64;
        if buf.is_empty() {
            if let Some(f) = facts.get_mut(index) {
                f.empty = true;
            }
            continue;
        }
        // Read on until the header line is complete (at most the longest row allowed).
        let mut header_cut = Cutter::new();
        while !eof && header_cut.last_boundary(&buf, eof) == 0 && buf.len() <= MAX_RECORD_BYTES {
            let before = buf.len();
            eof = fill(&mut file, &mut buf, options.block, path)?;
            total_read += (buf.len() - before) as u64;
        }
        let (layout, data_start) = Layout::from_header(path, &buf, expected)?;
        let layout = Arc::new(layout);
        // The first data record starts on the line after the header's line end(s).
        let data_line = 1 + buf.get(..data_start).map_or(0, |h| memchr::memchr_iter(b'\n', h).count() as u64);
        buf.drain(..data_start);
        // Where `buf` starts in the run.
        let mut at = file_start + data_start as u64;
        let mut cutter = Cutter::new();
        let send = |data: Vec<u8>, oversized: Option<u64>, seq: &mut u64, offset: u64| {
            let chunk =
                Chunk { seq: *seq, file: index, data_line, offset, data, layout: Arc::clone(&layout), oversized };
            *seq += 1;
            tx.send(chunk).is_ok()
        };
        loop {
            if stop.load(Ordering::Acquire) != u64::MAX {
                break;
            }
            let cut = if eof { buf.len() } else { cutter.last_boundary(&buf, eof) };
            if cut > 0 {
                let mut next = pool.try_recv().unwrap_or_else(|_| Vec::with_capacity(options.block));
                next.clear();
                next.extend_from_slice(buf.get(cut..).unwrap_or_default());
                buf.truncate(cut);
                cutter.consume(cut);
                if !send(buf, None, &mut seq, at) {
                    return Ok(());
                }
                at += cut as u64;
                buf = next;
            }
            if eof {
                break;
            }
            // No boundary within the longest row allowed (and its line end): skip the row
            // as it streams past, keeping only the cutter's state and its line count.
            if buf.len() > MAX_RECORD_BYTES + 1 {
                let mut lines = 1u64;
                loop {
                    match cutter.end_of_record(&buf, eof) {
                        Some(end) => {
                            lines += newlines(buf.get(..end - 1).unwrap_or_default());
                            buf.drain(..end);
                            cutter.consume(end);
                            at += end as u64;
                            break;
                        }
                        None => {
                            let seen = buf.len().min(cutter.position());
                            lines += newlines(buf.get(..seen).unwrap_or_default());
                            buf.drain(..seen);
                            cutter.consume(seen);
                            at += seen as u64;
                            if eof {
                                break;
                            }
                            let before = buf.len();
                            eof = fill(&mut file, &mut buf, options.block, path)?;
                            total_read += (buf.len() - before) as u64;
                        }
                    }
                }
                if !send(Vec::new(), Some(lines), &mut seq, at) {
                    return Ok(());
                }
                cutter = Cutter::new();
                continue;
            }
            let before = buf.len();
            eof = fill(&mut file, &mut buf, options.block, path)?;
            total_read += (buf.len() - before) as u64;
            if let Some(p) = progress {
                p(total_read);
            }
        }
    }
    if let Some(p) = progress {
        p(total_read);
    }
    Ok(())
}

fn newlines(bytes: &[u8]) -> u64 {
    memchr::memchr_iter(b'\n', bytes).count() as u64
}

/// The physical line each chunk starts on, by sequence number, from the
/// workers' `(seq, file, data_line, lines)` reports: the file's data line plus
/// the lines of the file's earlier chunks.
pub(crate) fn line_offsets(mut reports: Vec<(u64, usize, u64, u64)>) -> rustc_hash::FxHashMap<u64, u64> {
    reports.sort_unstable();
    let mut out = rustc_hash::FxHashMap::default();
    let mut current: Option<(usize, u64)> = None;
    for (seq, file, data_line, lines) in reports {
        let start = match current {
            Some((f, next)) if f == file => next,
            _ => data_line,
        };
        out.insert(seq, start);
        current = Some((file, start + lines));
    }
    out
}
