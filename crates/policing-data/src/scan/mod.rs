//! The scanning wing, format-free: the RFC 4180 scanner and the cutter that
//! finds record boundaries in blocks ([`csv`]), the streaming parallel engine
//! (`engine`), and zip archives read in place as folders (`archive`). It
//! knows CSV records, files and archives, and nothing of any publisher's
//! format: a reader hands the engine a header reader and gets each chunk with
//! what its header said.

pub(crate) mod archive;
pub mod csv;
pub(crate) mod engine;
pub(crate) mod line_ends;
