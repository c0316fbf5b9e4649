//! The streaming, parallel engine: files are read in blocks by one thread, cut
//! at record boundaries, and the chunks are parsed by worker threads. Results
//! are merged in a way that does not depend on the number of threads.
//!
//! The engine knows CSV records and nothing of any format: each file's header
//! is handed to the caller's header reader, whose result (`H`) every chunk of
//! the file carries.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Mutex};

use super::archive::Opener;
use super::csv::Cutter;
use super::line_ends::lone_crs_to_lf;
use crate::kernel::{DataError, Result, MAX_BLOCK, MAX_RECORD_BYTES, MAX_THREADS, MIN_BLOCK};

/// A run of whole records of one file.
#[derive(Debug)]
pub(crate) struct Chunk<H> {
    /// Sequence number over the whole run, in file order.
    pub seq: u64,
    /// Index of the file in the run.
    pub file: usize,
    /// The physical line the file's data starts on (after the header); workers
    /// count lines within chunks and the rejection log adds the lines of
    /// earlier chunks.
    pub data_line: u64,
    /// Where the records start in the run: the bytes of the run's earlier files
    /// plus the offset in this file. A row's `offset + position in data` is
    /// unique and grows in file order, whatever the block size.
    pub offset: u64,
    /// The records.
    pub data: Vec<u8>,
    /// What the caller's header reader made of the file's header.
    pub header: Arc<H>,
    /// A line that is one rejected row and is not handed on (`data` is then
    /// empty): why. A quote left open would join every later line to it; the
    /// line alone is the row, and reading resumes on the next line.
    pub unread: Option<Unread>,
}

/// Why a line was rejected without being handed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unread {
    /// Its record ran past [`MAX_RECORD_BYTES`].
    TooLong,
    /// A quote opened on it is not closed before the end of the file.
    QuoteToEnd,
}

/// What a worker does with chunks.
pub(crate) trait Worker<H>: Send {
    /// Processes one chunk. Returns the physical lines it spans, and whether a
    /// row was rejected (for strict mode).
    fn chunk(&mut self, chunk: &Chunk<H>) -> (u64, bool);
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
            n => return Err(DataError::InvalidOption { detail: format!("{n} threads: at most {MAX_THREADS}") }),
        };
        if !(MIN_BLOCK..=MAX_BLOCK).contains(&block) {
            return Err(DataError::InvalidOption {
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

fn io(file: &Path, source: std::io::Error) -> DataError {
    DataError::Io { file: file.to_owned(), source }
}

/// Appends a block from `r` to `buf`, at most [`room`] allows (without
/// zero-filling first), lone carriage returns made line feeds; returns whether
/// the end of the file was reached.
fn fill(r: &mut impl Read, buf: &mut Vec<u8>, block: usize, file: &Path) -> Result<bool> {
    let want = room(buf, block);
    let before = buf.len();
    let limit = u64::try_from(want).unwrap_or(u64::MAX);
    let end = loop {
        match r.by_ref().take(limit - (buf.len() - before) as u64).read_to_end(buf) {
            Ok(0) => break true,
            Ok(_) if buf.len() - before >= want => break false,
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(io(file, e)),
        }
    };
    // Lone carriage returns are line ends (from the byte before the new ones: a CR held undecided).
    lone_crs_to_lf(buf, before.saturating_sub(1), end);
    Ok(end)
}

/// How many bytes to read next: a block, but never so many that the buffer
/// (which starts at the record being read) holds more than the longest record
/// allowed and two bytes: so whether a record is too long is decided at the
/// same byte whatever the block size.
fn room(buf: &[u8], block: usize) -> usize {
    block.min((MAX_RECORD_BYTES + 2).saturating_sub(buf.len())).max(1)
}

/// What reads a file's header: given the file and its first bytes (at least
/// the whole header record), what the header says and where the data start.
pub(crate) type HeaderReader<'a, H> = &'a (dyn Fn(&Path, &[u8]) -> Result<(H, usize)> + Sync);

/// Runs `workers` over every file. `header` reads each file's header (an
/// error there, such as a missing column, stops the run naming the file).
/// `progress` is told the bytes read so far.
pub(crate) fn run<H: Send + Sync, W: Worker<H>>(
    files: &[PathBuf],
    header: HeaderReader<'_, H>,
    options: EngineOptions,
    mut workers: Vec<W>,
    progress: Option<&(dyn Fn(u64) + Sync)>,
) -> Result<(Vec<W>, Vec<FileFacts>)> {
    let threads = workers.len().max(1);
    let (chunk_tx, chunk_rx) = sync_channel::<Chunk<H>>(threads * 2);
    let chunk_rx = Arc::new(Mutex::new(chunk_rx));
    let (pool_tx, pool_rx) = sync_channel::<Vec<u8>>(threads * 2 + 2);
    let stop_after = AtomicU64::new(u64::MAX);
    let mut facts = vec![FileFacts::default(); files.len()];
    let read_result = std::thread::scope(|scope| {
        for worker in &mut workers {
            let rx = Arc::clone(&chunk_rx);
            let pool = pool_tx.clone();
            let stop = &stop_after;
            scope.spawn(move || work(worker, &rx, &pool, stop, options.strict));
        }
        drop(pool_tx);
        let result = read_all(files, header, options, &chunk_tx, &pool_rx, &stop_after, &mut facts, progress);
        drop(chunk_tx);
        result
    });
    read_result?;
    Ok((workers, facts))
}

fn work<H, W: Worker<H>>(
    worker: &mut W,
    rx: &Mutex<Receiver<Chunk<H>>>,
    pool: &SyncSender<Vec<u8>>,
    stop: &AtomicU64,
    strict: bool,
) {
    loop {
        let next = match rx.lock() {
            Ok(guard) => guard.recv(),
            Err(_) => return,
        };
        let Ok(chunk) = next else { return };
        if chunk.seq <= stop.load(Ordering::Acquire) {
            let (_, rejected) = worker.chunk(&chunk);
            if strict && rejected {
                stop.fetch_min(chunk.seq, Ordering::AcqRel);
            }
        }
        let mut data = chunk.data;
        data.clear();
        let _ = pool.try_send(data);
    }
}

#[allow(clippy::too_many_arguments, reason = "the reader thread's whole state, passed once from one caller")]
fn read_all<H>(
    files: &[PathBuf],
    header: HeaderReader<'_, H>,
    options: EngineOptions,
    tx: &SyncSender<Chunk<H>>,
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
        let (head, data_start) = header(path, &buf)?;
        let head = Arc::new(head);
        // The first data record starts on the line after the header's line end(s).
        let data_line = 1 + buf.get(..data_start).map_or(0, |h| memchr::memchr_iter(b'\n', h).count() as u64);
        buf.drain(..data_start);
        // Where `buf` starts in the run.
        let mut at = file_start + data_start as u64;
        let mut cutter = Cutter::new();
        let send = |data: Vec<u8>, unread: Option<Unread>, seq: &mut u64, offset: u64| {
            let chunk = Chunk { seq: *seq, file: index, data_line, offset, data, header: Arc::clone(&head), unread };
            *seq += 1;
            tx.send(chunk).is_ok()
        };
        loop {
            if stop.load(Ordering::Acquire) != u64::MAX {
                break;
            }
            let cut = if eof {
                // At the end, a record still inside quotes was opened by a quote never closed: the
                // records before it are handed on, then its first line alone is a rejected row, and
                // the lines after it are read again as rows of their own.
                let boundary = cutter.last_boundary(&buf, true);
                if cutter.in_quotes() {
                    let tail = buf.split_off(boundary);
                    if !buf.is_empty() {
                        let len = buf.len() as u64;
                        if !send(std::mem::take(&mut buf), None, &mut seq, at) {
                            return Ok(());
                        }
                        at += len;
                    }
                    let first_line = memchr::memchr(b'\n', &tail).map_or(tail.len(), |nl| nl + 1);
                    // As long a record as the limit allows is too long, however much of it was read ahead.
                    let why = if tail.len() > MAX_RECORD_BYTES + 1 { Unread::TooLong } else { Unread::QuoteToEnd };
                    if !send(Vec::new(), Some(why), &mut seq, at) {
                        return Ok(());
                    }
                    at += first_line as u64;
                    buf = tail.get(first_line..).unwrap_or_default().to_vec();
                    cutter = Cutter::new();
                    continue;
                }
                buf.len()
            } else {
                cutter.last_boundary(&buf, eof)
            };
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
            // No boundary within the longest row allowed (and its line end): a quote left open
            // swallows the lines after it. The record's first physical line is the rejected row,
            // and reading resumes on the next line, so that no line after it is lost.
            if buf.len() > MAX_RECORD_BYTES + 1 {
                loop {
                    if let Some(nl) = memchr::memchr(b'\n', &buf) {
                        buf.drain(..=nl);
                        at += nl as u64 + 1;
                        break;
                    }
                    // A first line longer than the buffer (a file without line ends): read on to its end.
                    at += buf.len() as u64;
                    buf.clear();
                    if eof {
                        break;
                    }
                    eof = fill(&mut file, &mut buf, options.block, path)?;
                    total_read += buf.len() as u64;
                }
                if !send(Vec::new(), Some(Unread::TooLong), &mut seq, at) {
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
