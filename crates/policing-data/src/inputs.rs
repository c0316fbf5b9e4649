//! Finding the files to read: single files, many files, and the data.police.uk
//! archive layout (`YYYY-MM/YYYY-MM-<force>-street.csv`), filtered by month and force.

use std::path::{Path, PathBuf};

use policing_forces::Force;

use crate::count::Month;
use crate::error::{DataError, Result};
use crate::police_uk::FileKind;

/// Which archive files to take.
#[derive(Debug, Clone, Default)]
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

/// Expands `paths` into the files to read, in a stable order: files named
/// explicitly are taken as they are (whatever their name); directories are
/// searched recursively for archive files matching the selection, sorted by path.
///
/// # Errors
/// [`DataError::NotFound`] for a path that does not exist; [`DataError::Io`]
/// for an unreadable directory.
pub fn expand(paths: &[PathBuf], selection: &Selection) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_file() {
            out.push(p.clone());
        } else if p.is_dir() {
            let mut found = Vec::new();
            walk(p, selection, &mut found)?;
            found.sort();
            out.extend(found);
        } else {
            return Err(DataError::NotFound { path: p.clone() });
        }
    }
    Ok(out)
}

fn walk(dir: &Path, selection: &Selection, out: &mut Vec<PathBuf>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| DataError::Io { file: dir.to_owned(), source: e })?;
    for entry in entries {
        let entry = entry.map_err(|e| DataError::Io { file: dir.to_owned(), source: e })?;
        let path = entry.path();
        if path.is_dir() {
            walk(&path, selection, out)?;
        } else if path.file_name().and_then(|n| n.to_str()).is_some_and(|n| selection.wants(n)) {
            out.push(path);
        }
    }
    Ok(())
}
