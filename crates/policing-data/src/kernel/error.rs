//! The one error type of this crate.

use std::path::PathBuf;

/// An input/output error in words a user acts on: what is wrong, not the OS's
/// error number.
///
/// ```
/// use std::io::{Error, ErrorKind};
/// use policing_data::io_words;
/// assert_eq!(io_words(&Error::from(ErrorKind::NotFound)), "no such file");
/// assert_eq!(io_words(&Error::from_raw_os_error(21)), "is a folder: give a file");
/// ```
#[must_use]
pub fn io_words(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "no such file".to_owned(),
        K::PermissionDenied => "permission denied: the file cannot be read (or written) by this user".to_owned(),
        K::IsADirectory => "is a folder: give a file".to_owned(),
        K::NotADirectory => "a part of the path is a file, not a folder".to_owned(),
        K::InvalidData => format!("not text the tool can read ({})", strip_os(e)),
        K::UnexpectedEof => "the file ends early (truncated?)".to_owned(),
        K::StorageFull => "the disk is full".to_owned(),
        K::ReadOnlyFilesystem => "the file system is read-only".to_owned(),
        K::AlreadyExists => "already exists".to_owned(),
        _ => strip_os(e),
    }
}

/// The error's text without the " (os error N)" the standard library appends.
fn strip_os(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

/// What can go wrong reading public data files.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DataError {
    /// A file could not be opened or read: said in words ("no such file", "is a
    /// folder: give a file"), never as a bare OS error number.
    #[error("{}: {}", file.display(), io_words(source))]
    Io {
        /// The file.
        file: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The header lacks a required column.
    #[error("{}: missing column {column:?} in the header; its columns are: {found}", file.display())]
    MissingColumn {
        /// The file.
        file: PathBuf,
        /// The column.
        column: &'static str,
        /// The columns the header has, quoted and comma-separated ("" when there is no header).
        found: String,
    },
    /// A header that cannot be read as the file's kind: a column named twice,
    /// too many columns, or a file that is not CSV text at all.
    #[error("{}: {detail}", file.display())]
    Header {
        /// The file.
        file: PathBuf,
        /// What is wrong.
        detail: String,
    },
    /// The file has no header line at all (it is empty).
    #[error("{}: empty file, no header", file.display())]
    Empty {
        /// The file.
        file: PathBuf,
    },
    /// A row was rejected and strict mode turns the first rejection into an error.
    #[error("{}:{line}: {reason}", file.display())]
    Rejected {
        /// The file.
        file: PathBuf,
        /// The physical line the record starts on (1 = header).
        line: u64,
        /// Why.
        reason: String,
    },
    /// A path is neither a file nor a directory.
    #[error("{}: no such file, folder or zip archive member", path.display())]
    NotFound {
        /// The path.
        path: PathBuf,
    },
    /// A path that exists but is a device, a pipe or a socket: it could be read
    /// only once, or never end, so it is not taken as a file (standard input,
    /// `-`, is the way to stream data in).
    #[error(
        "{}: not a file, folder or zip archive (a device, pipe or socket); to stream data, send it to standard input and give -",
        path.display()
    )]
    NotAFile {
        /// The path.
        path: PathBuf,
    },
    /// A folder (or zip archive) that holds no file of the kind asked for.
    #[error("{}: no {wanted} in it", path.display())]
    NoFiles {
        /// The folder.
        path: PathBuf,
        /// The files looked for, in words.
        wanted: String,
    },
    /// An option that makes no sense: a month range, a thread count, a block
    /// size, a memory limit too small, a month that is not one.
    #[error("invalid option: {detail}")]
    InvalidOption {
        /// What is wrong.
        detail: String,
    },
    /// A spreadsheet could not be read.
    #[error("{}: {detail}", file.display())]
    Spreadsheet {
        /// The file.
        file: PathBuf,
        /// What went wrong.
        detail: String,
    },
    /// Two files (or archive members) for the same month, force and kind whose
    /// contents differ: which one is meant cannot be told.
    #[error("{} and {}: {why}; give one of them", first.display(), second.display())]
    DuplicateFile {
        /// The first.
        first: PathBuf,
        /// The second.
        second: PathBuf,
        /// How they clash.
        why: String,
    },
    /// The rows read do not add up to the rows counted, filtered and rejected:
    /// a fault in the reading, never an answer.
    #[error("the rows read do not add up ({detail}): no result is given rather than a wrong one; please report this")]
    Unaccounted {
        /// The summary that does not add up.
        detail: String,
    },
    /// An error from the outcomes crate.
    #[error(transparent)]
    Outcome(#[from] policing_outcomes::OutcomeError),
}

/// The most characters of a cell a message quotes.
const QUOTED_CHARS: usize = 80;

/// A cell's text as a message quotes it: in double quotes with escapes, and cut
/// after 80 characters (saying how long it was), so a hostile cell cannot make
/// a message, or the rejected rows shown, long.
///
/// ```
/// use policing_data::quoted;
/// assert_eq!(quoted("Dorset"), "\"Dorset\"");
/// let long = "x".repeat(100_000);
/// assert_eq!(quoted(&long), format!("\"{}\"... (100000 bytes)", "x".repeat(80)));
/// ```
#[must_use]
pub fn quoted(text: &str) -> String {
    match text.char_indices().nth(QUOTED_CHARS) {
        None => format!("{text:?}"),
        Some((cut, _)) => format!("{:?}... ({} bytes)", text.get(..cut).unwrap_or_default(), text.len()),
    }
}

/// A header's columns for a message: quoted and comma-separated.
pub(crate) fn columns(cells: &[String]) -> String {
    let shown: Vec<String> = cells.iter().take(40).map(|c| quoted(c.trim())).collect();
    let more = if cells.len() > 40 { format!(", and {} more", cells.len() - 40) } else { String::new() };
    if shown.is_empty() {
        "(none)".to_owned()
    } else {
        format!("{}{more}", shown.join(", "))
    }
}

/// Shorthand for results of this crate.
pub type Result<T> = std::result::Result<T, DataError>;
