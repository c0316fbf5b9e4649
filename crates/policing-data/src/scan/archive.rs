//! Zip archives read in place: data.police.uk's download page gives one zip
//! holding a folder per month (`2016-06/2016-06-city-of-london-street.csv`,
//! `...-outcomes.csv`, `...-stop-and-search.csv`). An archive is read as if it
//! were a folder: its members are named by the archive's path joined with the
//! member's name (`download.zip/2016-06/2016-06-city-of-london-street.csv`),
//! so every file a reader reports, a rejected row's included, names both the
//! archive and the member. Members are decompressed as they stream past, never
//! unpacked to disk or held whole in memory.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use crate::kernel::{DataError, Result};

/// The first bytes of a zip archive.
const ZIP_MAGIC: &[u8; 4] = b"PK\x03\x04";

/// Whether `path` is a file that starts as a zip archive does.
pub(crate) fn is_zip(path: &Path) -> bool {
    let mut start = [0u8; 4];
    File::open(path).and_then(|mut f| f.read_exact(&mut start)).is_ok() && &start == ZIP_MAGIC
}

/// A member's name as a path below its archive: each part between slashes as
/// it is, except that `%` is written `%25` and a part that is empty (a leading
/// or doubled slash), `.` or `..` is written `%00`, `%2E` or `%2E%2E`, so that
/// no member name, however written, reaches outside the archive's path (an
/// absolute name joined to a path would replace it; `..` would climb out of it).
pub(crate) fn member_path(archive: &Path, name: &str) -> PathBuf {
    let parts: Vec<String> = name
        .split('/')
        .map(|part| match part {
            "" => "%00".to_owned(),
            "." => "%2E".to_owned(),
            ".." => "%2E%2E".to_owned(),
            other => other.replace('%', "%25"),
        })
        .collect();
    archive.join(parts.join("/"))
}

/// The member name a part of a path stands for ([`member_path`] undone).
fn decode_part(part: &str) -> String {
    match part {
        "%00" => String::new(),
        other => other.replace("%2E", ".").replace("%25", "%"),
    }
}

/// The name of a member without its folders: after the last `/` or `\`
/// (some archivers write Windows separators).
pub(crate) fn base_name(name: &str) -> &str {
    name.rsplit(['/', '\\']).next().unwrap_or(name)
}

/// The archive a path points into, and the member's name in it: for
/// `download.zip/2016-06/x.csv`, `download.zip` (a zip file) and `2016-06/x.csv`.
/// `None` when no ancestor of the path is a zip file.
pub(crate) fn split_member(path: &Path) -> Option<(PathBuf, String)> {
    for archive in path.ancestors().skip(1) {
        if archive.as_os_str().is_empty() {
            break;
        }
        if archive.is_file() {
            if !is_zip(archive) {
                return None;
            }
            let rest = path.strip_prefix(archive).ok()?;
            let parts: Vec<String> = rest.components().map(|c| decode_part(&c.as_os_str().to_string_lossy())).collect();
            return Some((archive.to_owned(), parts.join("/")));
        }
    }
    None
}

fn open_archive(archive: &Path) -> Result<zip::ZipArchive<BufReader<File>>> {
    let file = File::open(archive).map_err(|e| DataError::Io { file: archive.to_owned(), source: e })?;
    zip::ZipArchive::new(BufReader::new(file)).map_err(|e| DataError::Io {
        file: archive.to_owned(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidData, format!("not a readable zip archive: {e}")),
    })
}

/// The members of an archive that are files, by name, in the archive's order,
/// and the names given twice with the same contents (read once). A name that is
/// not UTF-8 is read with U+FFFD for the bytes that are not.
///
/// # Errors
/// [`DataError::DuplicateFile`] for a name given twice with different contents
/// (by declared size and CRC-32, then by the bytes themselves, since a
/// checksum can be forged): which one is meant cannot be told.
pub(crate) fn members(archive: &Path) -> Result<(Vec<String>, Vec<String>)> {
    let mut zip = open_archive(archive)?;
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let Ok(file) = zip.by_index_raw(i) else { continue };
        if !file.is_dir() {
            out.push(String::from_utf8_lossy(file.name_raw()).into_owned());
        }
    }
    if !zip.has_duplicate_names() {
        return Ok((out, Vec::new()));
    }
    // The archive's index keeps one member of each name: the central directory
    // itself tells whether the members of one name hold the same bytes.
    let mut twice = Vec::new();
    for (name, entries) in central_directory(archive)? {
        if entries.len() < 2 || name.ends_with('/') {
            continue;
        }
        let differ = |why: &str| DataError::DuplicateFile {
            first: member_path(archive, &name),
            second: member_path(archive, &name),
            why: format!("the archive holds two members of this name with different contents{why}"),
        };
        if entries.windows(2).any(|w| matches!(w, [(_, a), (_, b)] if a != b)) {
            return Err(differ(""));
        }
        // The declared checksum and size agree; the bytes are compared, since
        // a checksum can be forged: the same name is one file only if it
        // holds the same bytes.
        if let Some(((first, _), rest)) = entries.split_first() {
            for (i, _) in rest {
                if !same_bytes(archive, *first, *i)
                    .map_err(|e| DataError::Io { file: member_path(archive, &name), source: e })?
                {
                    return Err(differ(" (the same declared checksum and size, other bytes)"));
                }
            }
        }
        twice.push(name);
    }
    Ok((out, twice))
}

/// Where a member's bytes are: its local header's offset and its compressed size.
#[derive(Debug, Clone, Copy)]
struct Entry {
    offset: u64,
    compressed: u64,
}

/// Whether two members of the archive decompress to the same bytes, each read
/// from its own local header (the `zip` crate's index keeps one member of a
/// name), in 64 KiB pieces; a member whose bytes do not match its checksum is
/// an error.
fn same_bytes(archive: &Path, a: Entry, b: Entry) -> std::io::Result<bool> {
    use std::io::{Seek, SeekFrom};
    let invalid = |e: zip::result::ZipError| std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string());
    let open = |e: Entry| -> std::io::Result<BufReader<File>> {
        let mut f = File::open(archive)?;
        f.seek(SeekFrom::Start(e.offset))?;
        Ok(BufReader::new(f))
    };
    let (mut ra, mut rb) = (open(a)?, open(b)?);
    let missing = || std::io::Error::new(std::io::ErrorKind::InvalidData, "no member at its local header");
    let mut x = zip::read::read_zipfile_from_stream_with_compressed_size(&mut ra, a.compressed)
        .map_err(invalid)?
        .ok_or_else(missing)?;
    let mut y = zip::read::read_zipfile_from_stream_with_compressed_size(&mut rb, b.compressed)
        .map_err(invalid)?
        .ok_or_else(missing)?;
    // Both declare one checksum: a member whose bytes do not match it holds
    // other bytes than the one that does.
    let forged = |e: std::io::Error| if e.to_string().contains("checksum") { Ok(0) } else { Err(e) };
    let (mut p, mut q) = (vec![0u8; 1 << 16], vec![0u8; 1 << 16]);
    loop {
        let (n, bad_x) = read_full(&mut x, &mut p).map_or_else(|e| forged(e).map(|n| (n, true)), |n| Ok((n, false)))?;
        let (m, bad_y) = read_full(&mut y, &mut q).map_or_else(|e| forged(e).map(|n| (n, true)), |n| Ok((n, false)))?;
        if bad_x != bad_y || n != m || p.get(..n) != q.get(..m) {
            return Ok(false);
        }
        if n == 0 {
            return Ok(true);
        }
    }
}

/// Reads until `buf` is full or the reader ends; the bytes read.
fn read_full(r: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while let Some(rest) = buf.get_mut(n..).filter(|r| !r.is_empty()) {
        match r.read(rest) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// What tells two members' contents apart without reading them: CRC-32 and
/// the uncompressed size (with, for zip64, the sizes' extra field).
type Fingerprint = (u32, u32, Vec<u8>);

/// The members of one name: where each is, and its fingerprint.
type Members = Vec<(Entry, Fingerprint)>;

/// Every member name of the archive's central directory with the index and
/// fingerprint of each member of that name, in the directory's order. Read from
/// the directory's own bytes: the `zip` crate keeps one member per name.
fn central_directory(archive: &Path) -> Result<Vec<(String, Members)>> {
    use std::io::{Seek, SeekFrom};
    let io = |e: std::io::Error| DataError::Io { file: archive.to_owned(), source: e };
    let bad = |what: &str| DataError::Io {
        file: archive.to_owned(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidData, format!("not a readable zip archive: {what}")),
    };
    let mut f = File::open(archive).map_err(io)?;
    let len = f.metadata().map_err(io)?.len();
    let tail_len = len.min(65_557);
    f.seek(SeekFrom::Start(len - tail_len)).map_err(io)?;
    let mut tail = vec![0u8; usize::try_from(tail_len).unwrap_or(0)];
    f.read_exact(&mut tail).map_err(io)?;
    let u16_at =
        |b: &[u8], i: usize| b.get(i..i + 2).and_then(|x| <[u8; 2]>::try_from(x).ok()).map_or(0, u16::from_le_bytes);
    let u32_at =
        |b: &[u8], i: usize| b.get(i..i + 4).and_then(|x| <[u8; 4]>::try_from(x).ok()).map_or(0, u32::from_le_bytes);
    let u64_at =
        |b: &[u8], i: usize| b.get(i..i + 8).and_then(|x| <[u8; 8]>::try_from(x).ok()).map_or(0, u64::from_le_bytes);
    let eocd = (0..tail.len().saturating_sub(21))
        .rev()
        .find(|i| u32_at(&tail, *i) == 0x0605_4b50)
        .ok_or_else(|| bad("no end of central directory"))?;
    let (mut offset, mut size) = (u64::from(u32_at(&tail, eocd + 16)), u64::from(u32_at(&tail, eocd + 12)));
    if offset == 0xFFFF_FFFF || size == 0xFFFF_FFFF {
        // Zip64: the locator just before the end record points at the zip64 end record.
        let locator =
            eocd.checked_sub(20).filter(|l| u32_at(&tail, *l) == 0x0706_4b50).ok_or_else(|| bad("no zip64 locator"))?;
        let record = u64_at(&tail, locator + 8);
        let mut rec = [0u8; 56];
        f.seek(SeekFrom::Start(record)).map_err(io)?;
        f.read_exact(&mut rec).map_err(io)?;
        if u32_at(&rec, 0) != 0x0606_4b50 {
            return Err(bad("no zip64 end of central directory"));
        }
        size = u64_at(&rec, 40);
        offset = u64_at(&rec, 48);
    }
    if size > len || offset > len {
        return Err(bad("the central directory lies outside the file"));
    }
    f.seek(SeekFrom::Start(offset)).map_err(io)?;
    let mut cd = vec![0u8; usize::try_from(size).map_err(|_| bad("central directory too large"))?];
    f.read_exact(&mut cd).map_err(io)?;
    let mut out: Vec<(String, Members)> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut at = 0;
    while u32_at(&cd, at) == 0x0201_4b50 {
        let (name_len, extra_len, comment_len) =
            (usize::from(u16_at(&cd, at + 28)), usize::from(u16_at(&cd, at + 30)), usize::from(u16_at(&cd, at + 32)));
        let name = String::from_utf8_lossy(cd.get(at + 46..at + 46 + name_len).unwrap_or_default()).into_owned();
        let extra = cd.get(at + 46 + name_len..at + 46 + name_len + extra_len).unwrap_or_default();
        let (compressed, uncompressed) = (u32_at(&cd, at + 20), u32_at(&cd, at + 24));
        // Sizes too large for 32 bits are in the zip64 extra field (id 1); other extra fields (timestamps) are
        // not the contents.
        let local = u32_at(&cd, at + 42);
        let mut zip64 = Vec::new();
        if compressed == 0xFFFF_FFFF || uncompressed == 0xFFFF_FFFF || local == 0xFFFF_FFFF {
            let mut e = 0;
            while e + 4 <= extra.len() {
                let (id, n) = (u16_at(extra, e), usize::from(u16_at(extra, e + 2)));
                if id == 1 {
                    zip64 = extra.get(e + 4..e + 4 + n).unwrap_or_default().to_vec();
                }
                e += 4 + n;
            }
        }
        // The zip64 field holds, in this order, each of the sizes and the offset that did not fit.
        let mut wide = zip64.chunks_exact(8).map(|c| u64_at(c, 0));
        let mut widened =
            |narrow: u32| if narrow == 0xFFFF_FFFF { wide.next().unwrap_or(u64::MAX) } else { u64::from(narrow) };
        let _ = widened(uncompressed);
        let entry = Entry { compressed: widened(compressed), offset: widened(local) };
        // The same bytes compressed differently are the same contents: the compressed size is not compared.
        let fingerprint = (u32_at(&cd, at + 16), uncompressed, zip64);
        match index.get(&name) {
            Some(i) => {
                if let Some((_, v)) = out.get_mut(*i) {
                    v.push((entry, fingerprint));
                }
            }
            None => {
                index.insert(name.clone(), out.len());
                out.push((name, vec![(entry, fingerprint)]));
            }
        }
        at += 46 + name_len + extra_len + comment_len;
    }
    Ok(out)
}

/// The index of a member named `name` (compared as [`members`] reads names):
/// by the archive's own index of names, or, for a name that is not UTF-8, by
/// looking through the members.
fn member_index(zip: &mut zip::ZipArchive<BufReader<File>>, name: &str) -> Option<usize> {
    zip.index_for_name(name).or_else(|| {
        (0..zip.len()).find(|i| zip.by_index_raw(*i).is_ok_and(|f| String::from_utf8_lossy(f.name_raw()) == name))
    })
}

/// Opens inputs for reading, keeping the last archive open so that reading
/// its members one after another parses its directory once.
#[derive(Default)]
pub(crate) struct Opener {
    archive: Option<(PathBuf, zip::ZipArchive<BufReader<File>>)>,
}

impl Opener {
    /// The archive at `path`, opened once for as many members as are read in a row.
    fn archive(&mut self, path: &Path) -> Result<&mut zip::ZipArchive<BufReader<File>>> {
        if self.archive.as_ref().is_none_or(|(p, _)| p != path) {
            self.archive = None;
            self.archive = Some((path.to_owned(), open_archive(path)?));
        }
        self.archive.as_mut().map(|(_, zip)| zip).ok_or_else(|| DataError::NotFound { path: path.to_owned() })
    }

    /// The bytes of `path`: `-` is standard input; a path inside a zip archive
    /// is the member, decompressed as it is read.
    pub(crate) fn open(&mut self, path: &Path) -> Result<Box<dyn Read + '_>> {
        if path.as_os_str() == "-" {
            return Ok(Box::new(std::io::stdin().lock()));
        }
        let err = match File::open(path) {
            Ok(f) => return Ok(Box::new(f)),
            Err(e) => e,
        };
        let Some((archive, member)) = split_member(path) else {
            return Err(DataError::Io { file: path.to_owned(), source: err });
        };
        let zip = self.archive(&archive)?;
        let index = member_index(zip, &member).ok_or_else(|| DataError::NotFound { path: path.to_owned() })?;
        let file = zip.by_index(index).map_err(|e| DataError::Io {
            file: path.to_owned(),
            source: std::io::Error::new(std::io::ErrorKind::InvalidData, format!("cannot read the member: {e}")),
        })?;
        Ok(Box::new(file))
    }
}

/// The total size in bytes of `files` (uncompressed for archive members), for
/// progress; each archive's directory is read once.
#[must_use]
pub fn total_size(files: &[PathBuf]) -> u64 {
    let mut opener = Opener::default();
    let mut total = 0u64;
    for path in files {
        if let Ok(m) = std::fs::metadata(path) {
            total += m.len();
        } else if let Some((archive, member)) = split_member(path) {
            if let Ok(zip) = opener.archive(&archive) {
                if let Some(f) = member_index(zip, &member).and_then(|i| zip.by_index_raw(i).ok()) {
                    total += f.size();
                }
            }
        }
    }
    total
}
