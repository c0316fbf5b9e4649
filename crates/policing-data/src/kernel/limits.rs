//! The bounds every reader keeps to, whatever the input: on threads and blocks
//! read, on the length of a row, and on the length of any text kept as a key.

/// The most worker threads a run uses.
pub const MAX_THREADS: usize = 256;
/// The smallest block read.
pub const MIN_BLOCK: usize = 16;
/// The largest block read.
pub const MAX_BLOCK: usize = 64 << 20;
/// The longest row (record) read: a longer one is rejected whole, as one row,
/// without being kept in memory, whatever the block size (data.police.uk rows
/// are a few hundred bytes); a table row that runs past it is an error naming its line.
pub const MAX_RECORD_BYTES: usize = 1 << 20;
/// The longest text taken for a force's name or an outcome category, in bytes
/// (the longest real ones are under 60): a longer "Falls within" or "Reported
/// by" is not a police force (the row is rejected), and a longer outcome text
/// is counted with the other unknown outcomes. So no text kept in memory as a
/// key is longer, whatever the input.
pub const MAX_NAME_BYTES: usize = 200;
/// How many rejected rows a table reader keeps as examples; all are counted by
/// kind of reason.
pub const REJECTION_EXAMPLES: usize = 100;
