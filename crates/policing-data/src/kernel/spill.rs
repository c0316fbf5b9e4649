//! Every rejected row to a file, without keeping them in memory: each worker
//! writes `seq,line,file,reason` lines to its own spill file as it goes (its
//! chunks, so its lines, come in order); at the end the spill files are merged
//! in chunk order, lines made absolute, into `file,line,reason` CSV.
//!
//! The spill files live in a private folder made for the run in the system's
//! temporary folder (never beside the output, so no file of the user's is
//! overwritten or removed, and two runs never share one), removed when the
//! run ends, however it ends short of the process being killed. The output
//! itself is written to a temporary file beside it and renamed into place, so
//! it is either the whole result or untouched.

use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use super::error::{DataError, Result};

/// Every temporary folder and staged file this process has open, so that a
/// signal handler can remove them ([`remove_temporaries`]).
static TEMPORARIES: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn register(path: &Path) {
    if let Ok(mut t) = TEMPORARIES.lock() {
        t.push(path.to_owned());
    }
}

fn unregister(path: &Path) {
    if let Ok(mut t) = TEMPORARIES.lock() {
        t.retain(|p| p != path);
    }
}

/// Removes every temporary folder (spill and spool files) and staged output
/// this process has open: for a handler of SIGINT and SIGTERM to call before
/// the process exits, so that an interrupted run leaves nothing behind and the
/// old output untouched. Safe to call at any time; what is removed is not
/// removed again.
pub fn remove_temporaries() {
    let paths = match TEMPORARIES.lock() {
        Ok(mut t) => std::mem::take(&mut *t),
        Err(_) => return,
    };
    for p in paths {
        if p.is_dir() {
            let _ = std::fs::remove_dir_all(&p);
        } else {
            let _ = std::fs::remove_file(&p);
        }
    }
}

/// Creates a folder readable by its owner only (0700 on Unix).
fn private_dir(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        std::fs::DirBuilder::new().mode(0o700).create(path)
    }
    #[cfg(not(unix))]
    {
        std::fs::create_dir(path)
    }
}

/// Creates a file readable by its owner only (0600 on Unix), failing if it exists.
pub(crate) fn private_file(path: &Path) -> std::io::Result<std::fs::File> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o.open(path)
}

type Locate<'a> = dyn Fn(u64, usize, u64) -> (PathBuf, u64) + 'a;

/// A private folder for one run's spill files, removed when dropped.
#[derive(Debug)]
pub(crate) struct SpillDir {
    path: PathBuf,
}

static RUNS: AtomicU64 = AtomicU64::new(0);

impl SpillDir {
    /// Makes a new folder in the system's temporary folder (created, never reused).
    pub(crate) fn new() -> Result<Self> {
        let base = std::env::temp_dir();
        for _ in 0..64 {
            let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
            let name = format!("policing-{}-{nanos:x}-{}", std::process::id(), RUNS.fetch_add(1, Ordering::Relaxed));
            let path = base.join(name);
            match private_dir(&path) {
                Ok(()) => {
                    register(&path);
                    return Ok(SpillDir { path });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(DataError::Io { file: path, source: e }),
            }
        }
        Err(DataError::Io { file: base, source: std::io::Error::other("no unused name for a temporary folder") })
    }

    /// Copies standard input into this folder (a file only its owner can
    /// read), for inputs read more than once; returns the copy's path. The copy
    /// is bounded as a file's reading is: a line over [`crate::MAX_RECORD_BYTES`]
    /// ends it with an error naming the line, before more is copied.
    pub(crate) fn spool_stdin(&self) -> Result<PathBuf> {
        self.spool(&mut std::io::stdin().lock())
    }

    /// [`SpillDir::spool_stdin`] from any reader.
    pub(crate) fn spool(&self, input: &mut dyn std::io::Read) -> Result<PathBuf> {
        let path = self.path.join("standard-input.csv");
        let stdin = || PathBuf::from("standard input");
        let file = private_file(&path).map_err(|e| DataError::Io { file: path.clone(), source: e })?;
        let mut out = BufWriter::with_capacity(1 << 20, file);
        let mut buf = vec![0u8; 1 << 20];
        let (mut line, mut run) = (1u64, 0usize);
        loop {
            let n = match input.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(DataError::Io { file: stdin(), source: e }),
            };
            let chunk = buf.get(..n).unwrap_or_default();
            let mut start = 0;
            for nl in memchr::memchr_iter(b'\n', chunk) {
                run += nl - start;
                if run > crate::MAX_RECORD_BYTES {
                    break;
                }
                run = 0;
                line += 1;
                start = nl + 1;
            }
            run += chunk.len().saturating_sub(start);
            if run > crate::MAX_RECORD_BYTES {
                return Err(DataError::Io {
                    file: stdin(),
                    source: std::io::Error::new(
                        std::io::ErrorKind::InvalidData,
                        format!(
                            "line {line} is over {} bytes: not a data.police.uk file (nothing more was read)",
                            crate::MAX_RECORD_BYTES
                        ),
                    ),
                });
            }
            out.write_all(chunk).map_err(|e| DataError::Io { file: path.clone(), source: e })?;
        }
        out.flush().map_err(|e| DataError::Io { file: path.clone(), source: e })?;
        Ok(path)
    }

    /// The spill file of worker `k`.
    pub(crate) fn part(&self, k: usize) -> PathBuf {
        self.path.join(format!("part{k}"))
    }

    /// Merges the spill files into `out` (through a temporary file beside it,
    /// renamed into place), sorted by chunk and line.
    pub(crate) fn merge(&self, out: &Path, spills: &[PathBuf], locate: &Locate<'_>) -> Result<()> {
        let io = |file: &Path, e: std::io::Error| DataError::Io { file: file.to_owned(), source: e };
        let mut readers = Vec::with_capacity(spills.len());
        for p in spills {
            let f = std::fs::File::open(p).map_err(|e| io(p, e))?;
            readers.push(BufReader::new(f).lines());
        }
        let mut heads: Vec<Option<(u64, u64, usize, String)>> = Vec::with_capacity(readers.len());
        for (r, p) in readers.iter_mut().zip(spills) {
            heads.push(r.next().transpose().map_err(|e| io(p, e))?.as_deref().and_then(parse));
        }
        let staged = Staged::new(out)?;
        let target = std::fs::File::create(&staged.path).map_err(|e| io(out, e))?;
        let mut w = csv::Writer::from_writer(BufWriter::new(target));
        w.write_record(["file", "line", "reason"]).map_err(|e| io(out, std::io::Error::other(e)))?;
        loop {
            let next = heads
                .iter()
                .enumerate()
                .filter_map(|(i, h)| h.as_ref().map(|(seq, line, _, _)| (i, (*seq, *line))))
                .min_by_key(|(_, key)| *key)
                .map(|(i, _)| i);
            let Some(i) = next else { break };
            let Some(Some((seq, line, file, reason))) = heads.get_mut(i).map(Option::take) else { break };
            let (path, abs) = locate(seq, file, line);
            w.write_record([path.display().to_string(), abs.to_string(), reason])
                .map_err(|e| io(out, std::io::Error::other(e)))?;
            if let (Some(r), Some(p)) = (readers.get_mut(i), spills.get(i)) {
                let next = r.next().transpose().map_err(|e| io(p, e))?;
                if let Some(slot) = heads.get_mut(i) {
                    *slot = next.as_deref().and_then(parse);
                }
            }
        }
        let mut inner = w.into_inner().map_err(|e| io(out, std::io::Error::other(e.to_string())))?;
        inner.flush().map_err(|e| io(out, e))?;
        drop(inner);
        staged.commit()
    }
}

impl Drop for SpillDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
        unregister(&self.path);
    }
}

/// A file written under a temporary name beside its destination and renamed
/// into place only when complete: the destination is the whole new file or the
/// old one, never a mixture or half a line. Removed if dropped uncommitted.
/// A destination that exists and is not a regular file (`/dev/stdout`, a
/// device, a pipe) is written directly: it cannot be replaced by a rename.
#[derive(Debug)]
#[non_exhaustive]
pub struct Staged {
    /// The temporary file's path (write to it).
    pub path: PathBuf,
    target: PathBuf,
    done: bool,
}

impl Staged {
    /// A temporary name beside `target` (in its folder, so the rename is atomic).
    ///
    /// # Errors
    /// [`DataError::Io`] when `target`'s folder does not exist.
    pub fn new(target: &Path) -> Result<Self> {
        if std::fs::metadata(target).is_ok_and(|m| !m.is_file()) {
            return Ok(Staged { path: target.to_owned(), target: target.to_owned(), done: true });
        }
        let dir = match target.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
            _ => PathBuf::from("."),
        };
        if !dir.is_dir() {
            return Err(DataError::Io {
                file: target.to_owned(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such folder"),
            });
        }
        let name = target.file_name().map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let path = dir.join(format!(
            ".{name}.{}-{nanos:x}-{}.partial",
            std::process::id(),
            RUNS.fetch_add(1, Ordering::Relaxed)
        ));
        register(&path);
        Ok(Staged { path, target: target.to_owned(), done: false })
    }

    /// Writes `bytes` to `target` whole or not at all.
    ///
    /// # Errors
    /// [`DataError::Io`] naming the destination.
    pub fn write(target: &Path, bytes: &[u8]) -> Result<()> {
        let staged = Staged::new(target)?;
        let mut file = if staged.done {
            std::fs::OpenOptions::new().write(true).truncate(true).open(&staged.path)
        } else {
            std::fs::OpenOptions::new().write(true).create_new(true).open(&staged.path)
        }
        .map_err(|e| DataError::Io { file: target.to_owned(), source: e })?;
        file.write_all(bytes).map_err(|e| DataError::Io { file: target.to_owned(), source: e })?;
        drop(file);
        staged.commit()
    }

    /// Renames the temporary file onto the destination. A destination that
    /// exists keeps its permissions (a 0600 file stays 0600); a new one has
    /// those any new file of the user's has.
    ///
    /// # Errors
    /// [`DataError::Io`] naming the destination.
    pub fn commit(mut self) -> Result<()> {
        if self.done {
            return Ok(());
        }
        let io = |e| DataError::Io { file: self.target.clone(), source: e };
        if let Ok(m) = std::fs::metadata(&self.target) {
            std::fs::set_permissions(&self.path, m.permissions()).map_err(io)?;
        }
        std::fs::rename(&self.path, &self.target).map_err(io)?;
        self.done = true;
        unregister(&self.path);
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_file(&self.path);
            unregister(&self.path);
        }
    }
}

/// One spill line: `(seq, line, file index, reason)`.
fn parse(line: &str) -> Option<(u64, u64, usize, String)> {
    let mut parts = line.splitn(4, ',');
    let seq = parts.next()?.parse().ok()?;
    let rel = parts.next()?.parse().ok()?;
    let file = parts.next()?.parse().ok()?;
    Some((seq, rel, file, parts.next()?.to_owned()))
}
