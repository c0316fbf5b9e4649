//! Finding the files to read: single files, many files, and the data.police.uk
//! archive layout (`YYYY-MM/YYYY-MM-<force>-street.csv`), filtered by month and force.

use std::path::{Path, PathBuf};

use policing_forces::Force;

use super::format::FileKind;
use crate::kernel::{DataError, Month, Result};
use crate::scan::archive;
pub use crate::scan::archive::total_size;

/// Which archive files to take.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Selection {
    /// The kind of file wanted (`None`: both).
    pub kind: Option<FileKind>,
    /// Months to take, both ends included.
    pub months: Option<(Month, Month)>,
    /// Forces to take (by the slug in the file name).
    pub forces: Option<Vec<Force>>,
}

/// Parses an archive file name `YYYY-MM-<slug>-street.csv` into month, force slug and kind.
#[must_use]
pub fn parse_file_name(name: &str) -> Option<(Month, &str, FileKind)> {
    let kind = FileKind::from_file_name(name)?;
    let stem = name.strip_suffix(match kind {
        FileKind::Street => "-street.csv",
        FileKind::Outcomes => "-outcomes.csv",
    })?;
    let month = Month::parse_bytes(stem.get(..7)?.as_bytes())?;
    let slug = stem.get(8..)?;
    Some((month, slug, kind))
}

impl Selection {
    /// Every file of `kind` (`None`: both kinds).
    #[must_use]
    pub fn new(kind: Option<FileKind>) -> Self {
        Selection { kind, ..Selection::default() }
    }

    /// Only files of months from `from` to `to`, both included.
    #[must_use]
    pub fn months(mut self, from: Month, to: Month) -> Self {
        self.months = Some((from, to));
        self
    }

    /// Only files of these forces.
    #[must_use]
    pub fn forces(mut self, forces: Vec<Force>) -> Self {
        self.forces = Some(forces);
        self
    }

    fn wants(&self, name: &str) -> bool {
        let Some((month, slug, kind)) = parse_file_name(name) else { return false };
        if self.kind.is_some_and(|k| k != kind) {
            return false;
        }
        if let Some((from, to)) = self.months {
            if month < from || month > to {
                return false;
            }
        }
        if let Some(forces) = &self.forces {
            return forces.iter().any(|f| f.slug() == slug);
        }
        true
    }
}

/// What [`expand`] found: the files to read, and the duplicates it skipped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Expanded {
    /// The files to read, each physical file once, in a stable order.
    pub files: Vec<PathBuf>,
    /// Paths skipped because they name a file already taken (given twice, or
    /// reached again through a link), with the path taken.
    pub duplicates: Vec<(PathBuf, PathBuf)>,
}

/// Expands `paths` into the files to read, in a stable order: files named
/// explicitly are taken as they are (whatever their name); directories are
/// searched recursively for archive files matching the selection, sorted by
/// path, zip archives found in them included. A zip archive (data.police.uk's
/// download) is read as a folder, in place: its members matching the selection,
/// named by the archive's path joined with the member's name
/// (`download.zip/2016-06/2016-06-city-of-london-street.csv`, a path that can
/// also be given on its own; a member name is never a path on disk, however it
/// is written: see `member_path`). `-` is standard input.
///
/// Each file is read once, and one file stands for each month, force and kind:
/// - a file given twice, or reached again through a symbolic or hard link, is
///   skipped and reported in [`Expanded::duplicates`];
/// - two files of the same name `YYYY-MM-<force>-<kind>.csv` (two overlapping
///   downloads, or one name twice in an archive) with the same bytes are read
///   once and reported likewise; with different bytes they are an error.
///
/// # Errors
/// [`DataError::NotFound`] for a path that does not exist; [`DataError::NotAFile`]
/// for a device, pipe or socket, named or met in a folder; [`DataError::Io`] for
/// an unreadable directory; [`DataError::NoFiles`] when a directory yields no
/// file of the kind asked for (naming the pattern the files must have);
/// [`DataError::DuplicateFile`] for two different files of one month, force and kind.
pub fn expand(paths: &[PathBuf], selection: &Selection) -> Result<Expanded> {
    let mut out = Expanded::default();
    let mut seen: std::collections::HashMap<Identity, PathBuf> = std::collections::HashMap::new();
    let mut named: std::collections::HashMap<String, PathBuf> = std::collections::HashMap::new();
    let mut take = |p: PathBuf, out: &mut Expanded| -> Result<()> {
        let key = identity(&p);
        if let Some(first) = seen.get(&key) {
            out.duplicates.push((p, first.clone()));
            return Ok(());
        }
        // One file for each month, force and kind.
        let name = archive::base_name(&p.to_string_lossy()).to_owned();
        if parse_file_name(&name).is_some() {
            if let Some(first) = named.get(&name) {
                if same_bytes(first, &p)? {
                    out.duplicates.push((p, first.clone()));
                    return Ok(());
                }
                return Err(DataError::DuplicateFile {
                    first: first.clone(),
                    second: p,
                    why: "two files for the same month, force and kind with different contents".to_owned(),
                });
            }
            named.insert(name, p.clone());
        }
        seen.insert(key, p.clone());
        out.files.push(p);
        Ok(())
    };
    for p in paths {
        if p.as_os_str() != "-" && p.is_file() && archive::is_zip(p) {
            let found = archive_members(p, selection, &mut out)?;
            if found.is_empty() {
                return Err(DataError::NoFiles { path: p.clone(), wanted: selection.describe() });
            }
            for m in found {
                take(m, &mut out)?;
            }
        } else if p.as_os_str() == "-" {
            out.files.push(p.clone());
        } else if p.is_file() {
            take(p.clone(), &mut out)?;
        } else if let Some((zip, member)) = archive::split_member(p) {
            // One member named inside an archive (`download.zip/2016-06/...-street.csv`).
            if !archive::members(&zip)?.0.contains(&member) {
                return Err(DataError::NotFound { path: p.clone() });
            }
            take(p.clone(), &mut out)?;
        } else if p.is_dir() {
            let mut found = Vec::new();
            let mut visited = std::collections::HashSet::new();
            walk(p, selection, &mut found, &mut visited)?;
            found.sort();
            let mut files = Vec::new();
            for f in found {
                let name_wanted = f.file_name().and_then(|n| n.to_str()).is_some_and(|n| selection.wants(n));
                if is_zip_name(&f) && archive::is_zip(&f) {
                    files.extend(archive_members(&f, selection, &mut out)?);
                } else if name_wanted {
                    files.push(f);
                }
            }
            if files.is_empty() {
                return Err(DataError::NoFiles { path: p.clone(), wanted: selection.describe() });
            }
            for f in files {
                take(f, &mut out)?;
            }
        } else if p.exists() {
            return Err(DataError::NotAFile { path: p.clone() });
        } else {
            return Err(DataError::NotFound { path: p.clone() });
        }
    }
    Ok(out)
}

/// The members of an archive the selection takes, as paths, sorted by name; a
/// name given twice with the same contents is reported as a duplicate.
fn archive_members(zip: &Path, selection: &Selection, out: &mut Expanded) -> Result<Vec<PathBuf>> {
    let (members, twice) = archive::members(zip)?;
    let wanted = |m: &String| selection.wants(archive::base_name(m));
    for m in twice.iter().filter(|m| wanted(m)) {
        let path = archive::member_path(zip, m);
        out.duplicates.push((path.clone(), path));
    }
    let mut found: Vec<String> = members.into_iter().filter(wanted).collect();
    found.sort();
    Ok(found.iter().map(|m| archive::member_path(zip, m)).collect())
}

/// Whether a file's name ends in `.zip` (any case): the files of a folder
/// opened to see whether they are archives.
fn is_zip_name(p: &Path) -> bool {
    p.extension().is_some_and(|e| e.eq_ignore_ascii_case("zip"))
}

/// Whether two inputs hold the same bytes.
fn same_bytes(a: &Path, b: &Path) -> Result<bool> {
    use std::io::Read;
    let mut opener_a = archive::Opener::default();
    let mut opener_b = archive::Opener::default();
    let mut ra = opener_a.open(a)?;
    let mut rb = opener_b.open(b)?;
    let (mut ba, mut bb) = (vec![0u8; 1 << 16], vec![0u8; 1 << 16]);
    loop {
        let na = read_full(&mut ra, &mut ba).map_err(|e| DataError::Io { file: a.to_owned(), source: e })?;
        let nb = read_full(&mut rb, &mut bb).map_err(|e| DataError::Io { file: b.to_owned(), source: e })?;
        if na != nb || ba.get(..na) != bb.get(..nb) {
            return Ok(false);
        }
        if na == 0 {
            return Ok(true);
        }
    }

    fn read_full(r: &mut dyn Read, buf: &mut [u8]) -> std::io::Result<usize> {
        let mut n = 0;
        while n < buf.len() {
            match r.read(buf.get_mut(n..).unwrap_or_default())? {
                0 => break,
                k => n += k,
            }
        }
        Ok(n)
    }
}

impl Selection {
    /// The files the selection takes from a folder, in words.
    fn describe(&self) -> String {
        let kind = match self.kind {
            Some(FileKind::Street) => "street",
            Some(FileKind::Outcomes) => "outcomes",
            None => "street or outcomes",
        };
        let mut out = format!(
            "data.police.uk {kind} files, named YYYY-MM-<force>-{}.csv",
            if kind == "outcomes" { "outcomes" } else { "street" }
        );
        if let Some((from, to)) = self.months {
            out.push_str(&format!(", from {from} to {to}"));
        }
        if let Some(forces) = &self.forces {
            let names: Vec<&str> = forces.iter().map(|f| f.name()).collect();
            out.push_str(&format!(", of {}", names.join(", ")));
        }
        out
    }
}

/// What identifies a file whatever path reaches it: its device and inode (so a
/// hard or symbolic link is the file it links to), or for an archive member the
/// archive's identity and the member's name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Identity {
    /// A file on disk.
    File(u64, u64),
    /// A path whose file could not be examined.
    Path(PathBuf),
    /// A member of an archive.
    Member(Box<Identity>, String),
}

fn identity(p: &Path) -> Identity {
    if let Ok(m) = std::fs::metadata(p) {
        if let Some(id) = file_id(&m) {
            return Identity::File(id.0, id.1);
        }
        return Identity::Path(std::fs::canonicalize(p).unwrap_or_else(|_| p.to_owned()));
    }
    match archive::split_member(p) {
        Some((zip, member)) => Identity::Member(Box::new(identity(&zip)), member),
        None => Identity::Path(p.to_owned()),
    }
}

#[cfg(unix)]
fn file_id(m: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn file_id(_: &std::fs::Metadata) -> Option<(u64, u64)> {
    None
}

/// Finds the files of a folder the selection takes, and the `.zip` files in
/// it, through every subfolder; a folder reached again (through a link) is not
/// walked again. A device, pipe or socket named as the selection's files are
/// is an error (reading it could block for ever); other files are not opened.
fn walk(
    dir: &Path,
    selection: &Selection,
    out: &mut Vec<PathBuf>,
    visited: &mut std::collections::HashSet<Identity>,
) -> Result<()> {
    if !visited.insert(identity(dir)) {
        return Ok(());
    }
    let entries = std::fs::read_dir(dir).map_err(|e| DataError::Io { file: dir.to_owned(), source: e })?;
    for entry in entries {
        let entry = entry.map_err(|e| DataError::Io { file: dir.to_owned(), source: e })?;
        let path = entry.path();
        let Ok(meta) = std::fs::metadata(&path) else { continue };
        if meta.is_dir() {
            walk(&path, selection, out, visited)?;
            continue;
        }
        let wanted = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| selection.wants(n));
        if !(wanted || is_zip_name(&path)) {
            continue;
        }
        if !meta.is_file() {
            return Err(DataError::NotAFile { path });
        }
        out.push(path);
    }
    Ok(())
}
