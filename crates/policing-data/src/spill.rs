//! Every rejected row to a file, without keeping them in memory: each worker
//! writes `seq,line,file,reason` lines to its own spill file as it goes (its
//! chunks, so its lines, come in order); at the end the spill files are merged
//! in chunk order, lines made absolute, into `file,line,reason` CSV, and removed.

use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::{DataError, Result};

type Locate<'a> = dyn Fn(u64, &str, u64) -> (PathBuf, u64) + 'a;

/// One spill line: `(seq, line, file index, reason)`.
fn parse(line: &str) -> Option<(u64, u64, String, String)> {
    let mut parts = line.splitn(4, ',');
    let seq = parts.next()?.parse().ok()?;
    let rel = parts.next()?.parse().ok()?;
    let file = parts.next()?.to_owned();
    Some((seq, rel, file, parts.next()?.to_owned()))
}

/// Merges the spill files into `out`, sorted by chunk and line, and removes them.
pub(crate) fn merge(out: &Path, spills: &[PathBuf], locate: &Locate<'_>) -> Result<()> {
    let io = |file: &Path, e: std::io::Error| DataError::Io { file: file.to_owned(), source: e };
    let mut readers = Vec::with_capacity(spills.len());
    for p in spills {
        let f = std::fs::File::open(p).map_err(|e| io(p, e))?;
        readers.push(BufReader::new(f).lines());
    }
    let mut heads: Vec<Option<(u64, u64, String, String)>> = Vec::with_capacity(readers.len());
    for (r, p) in readers.iter_mut().zip(spills) {
        heads.push(r.next().transpose().map_err(|e| io(p, e))?.as_deref().and_then(parse));
    }
    let target = std::fs::File::create(out).map_err(|e| io(out, e))?;
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
        let (path, abs) = locate(seq, &file, line);
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
    for p in spills {
        std::fs::remove_file(p).map_err(|e| io(p, e))?;
    }
    Ok(())
}
