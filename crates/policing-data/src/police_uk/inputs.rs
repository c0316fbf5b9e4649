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
/// path. A zip archive (data.police.uk's download) is read as a folder, in
/// place: its members matching the selection, named by the archive's path
/// joined with the member's name (`download.zip/2016-06/2016-06-city-of-london-street.csv`,
/// a path that can also be given on its own). `-` is standard input. Each physical file is read once: a file given
/// twice, or reached again through a symbolic link, is skipped and reported;
/// a symbolic link loop is followed once.
///
/// # Errors
/// [`DataError::NotFound`] for a path that does not exist; [`DataError::NotAFile`]
/// for a device, pipe or socket; [`DataError::Io`]
/// for an unreadable directory; [`DataError::NoFiles`] when a directory yields
/// no file of the kind asked for (naming the pattern the files must have).
pub fn expand(paths: &[PathBuf], selection: &Selection) -> Result<Expanded> {
    let mut out = Expanded::default();
    let mut seen: std::collections::HashMap<PathBuf, PathBuf> = std::collections::HashMap::new();
    let mut take = |p: PathBuf, out: &mut Expanded| {
        let key = canonical(&p);
        match seen.get(&key) {
            Some(first) => out.duplicates.push((p, first.clone())),
            None => {
                seen.insert(key, p.clone());
                out.files.push(p);
            }
        }
    };
    for p in paths {
        if p.as_os_str() != "-" && p.is_file() && archive::is_zip(p) {
            // An archive is read as a folder: its members of the kind asked for, sorted by name.
            let mut found: Vec<String> = archive::members(p)?
                .into_iter()
                .filter(|m| m.rsplit('/').next().is_some_and(|name| selection.wants(name)))
                .collect();
            found.sort();
            if found.is_empty() {
                return Err(DataError::NoFiles { path: p.clone(), wanted: selection.describe() });
            }
            for m in found {
                take(p.join(m), &mut out);
            }
        } else if p.as_os_str() == "-" || p.is_file() {
            if p.as_os_str() == "-" {
                out.files.push(p.clone());
            } else {
                take(p.clone(), &mut out);
            }
        } else if let Some((zip, member)) = archive::split_member(p) {
            // One member named inside an archive (`download.zip/2016-06/...-street.csv`).
            if !archive::members(&zip)?.contains(&member) {
                return Err(DataError::NotFound { path: p.clone() });
            }
            take(p.clone(), &mut out);
        } else if p.is_dir() {
            let mut found = Vec::new();
            let mut visited = std::collections::HashSet::new();
            walk(p, selection, &mut found, &mut visited)?;
            found.sort();
            if found.is_empty() {
                return Err(DataError::NoFiles { path: p.clone(), wanted: selection.describe() });
            }
            for f in found {
                take(f, &mut out);
            }
        } else if p.exists() {
            return Err(DataError::NotAFile { path: p.clone() });
        } else {
            return Err(DataError::NotFound { path: p.clone() });
        }
    }
    Ok(out)
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

/// The key that identifies a file (or an archive member) whatever path reaches it.
fn canonical(p: &Path) -> PathBuf {
    if let Ok(c) = std::fs::canonicalize(p) {
        return c;
    }
    match archive::split_member(p) {
        Some((zip, member)) => std::fs::canonicalize(&zip).unwrap_or(zip).join(member),
        None => p.to_owned(),
    }
}

fn walk(
    dir: &Path,
    selection: &Selection,
    out: &mut Vec<PathBuf>,
    visited: &mut std::collections::HashSet<PathBuf>,
) -> Result<()> {
    // A directory reached again (through a link) is not walked again: no loops.
    let key = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_owned());
    if !visited.insert(key) {
        return Ok(());
    }
    let entries = std::fs::read_dir(dir).map_err(|e| DataError::Io { file: dir.to_owned(), source: e })?;
    for entry in entries {
        let entry = entry.map_err(|e| DataError::Io { file: dir.to_owned(), source: e })?;
        let path = entry.path();
        if path.is_dir() {
            walk(&path, selection, out, visited)?;
        } else if path.file_name().and_then(|n| n.to_str()).is_some_and(|n| selection.wants(n)) {
            out.push(path);
        }
    }
    Ok(())
}
