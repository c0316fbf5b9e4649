//! The kernel: the vocabulary every reader of this crate shares and nothing
//! else. A [`Month`], a [`Rejection`] and the log that counts rejected rows by
//! reason and keeps the first ones in file order, the crate's one error type,
//! and the limits every reader keeps to. It imports no other part of the crate.

pub(crate) mod error;
mod limits;
mod month;
pub(crate) mod rejection;
pub(crate) mod spill;

pub use error::{io_words, quoted, DataError, Result};
pub use limits::{MAX_BLOCK, MAX_NAME_BYTES, MAX_RECORD_BYTES, MAX_THREADS, MIN_BLOCK, REJECTION_EXAMPLES};
pub use month::Month;
pub use rejection::Rejection;
pub use spill::{remove_temporaries, Staged};
