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
            let parts: Vec<String> = rest.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
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

/// The members of an archive that are files, by name, in the archive's order.
pub(crate) fn members(archive: &Path) -> Result<Vec<String>> {
    let zip = open_archive(archive)?;
    let mut out = Vec::new();
    for name in zip.file_names_raw() {
        if name.ends_with(b"/") {
            continue;
        }
        out.push(String::from_utf8_lossy(name).into_owned());
    }
    Ok(out)
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
        if zip.index_for_name(&member).is_none() {
            return Err(DataError::NotFound { path: path.to_owned() });
        }
        let file = zip.by_name(&member).map_err(|e| DataError::Io {
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
            if let Ok(f) = opener
                .archive(&archive)
                .and_then(|zip| zip.by_name(&member).map_err(|_| DataError::NotFound { path: path.clone() }))
            {
                total += f.size();
            }
        }
    }
    total
}
