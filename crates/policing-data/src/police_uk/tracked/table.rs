//! The join state: each crime's ID (decoded from its 64 hexadecimal digits),
//! force and latest outcome, sorted by ID with an index on its first bits.

use std::hash::Hasher;
use std::sync::atomic::AtomicU64;

use rustc_hash::FxHasher;

use crate::kernel::{DataError, Month, Result};

/// A Crime ID's 32 bytes as four big-endian words: ordered as the bytes are,
/// compared a word at a time.
pub(super) type Id = [u64; 4];

/// A crime in the join: its ID, its latest outcome so far (packed in a word
/// that orders outcomes as the rule does: month, then the row's position in the
/// run, then the text's number; 0 for none), and its force's index in
/// `Force::ALL`. 48 bytes: the latest outcome sits beside the ID, so that
/// finding a crime and updating it touch the same cache line.
#[derive(Debug)]
pub(super) struct Crime {
    pub(super) id: Id,
    pub(super) latest: AtomicU64,
    pub(super) force: u8,
}

impl Crime {
    pub(super) fn new(id: Id, force: u8) -> Self {
        Crime { id, latest: AtomicU64::new(0), force }
    }
}

/// Hex digit values (0xFF: not a digit).
#[allow(clippy::indexing_slicing, reason = "evaluated at compile time, indices below 256")]
pub(super) const HEX: [u8; 256] = {
    let mut t = [0xFFu8; 256];
    let mut c = 0;
    while c < 10 {
        t[b'0' as usize + c] = c as u8;
        c += 1;
    }
    let mut c = 0;
    while c < 6 {
        t[b'a' as usize + c] = 10 + c as u8;
        t[b'A' as usize + c] = 10 + c as u8;
        c += 1;
    }
    t
};

/// A Crime ID, if it is 64 hexadecimal digits.
pub(super) fn decode_id(text: &[u8]) -> Option<Id> {
    if text.len() != 64 {
        return None;
    }
    let mut out = [0u64; 4];
    for (word, digits) in out.iter_mut().zip(text.chunks_exact(16)) {
        for &c in digits {
            let v = HEX.get(usize::from(c)).copied()?;
            if v > 15 {
                return None;
            }
            *word = (*word << 4) | u64::from(v);
        }
    }
    Some(out)
}

/// The partition of a Crime ID (a hash of it, so that any set of IDs spreads).
pub(super) fn partition(id: Id) -> usize {
    let mut h = FxHasher::default();
    for w in id {
        h.write_u64(w);
    }
    (h.finish() >> 56) as usize
}

/// A month as a number that orders months: 1 for January of year 0.
pub(super) fn month_number(m: Month) -> u64 {
    u64::from(m.year()) * 12 + u64::from(m.month())
}

/// The crimes, sorted by ID, with an index on the ID's first bits.
pub(super) struct JoinTable {
    pub(super) crimes: Vec<Crime>,
    /// Where the crimes whose ID starts with each value of the first `bits` bits begin.
    pub(super) index: Vec<u32>,
    pub(super) bits: u32,
}

impl JoinTable {
    /// The table of the crimes collected, or an error past 2^32 crimes (a
    /// memory limit then splits them).
    pub(super) fn build(mut crimes: Vec<Crime>, threads: usize) -> Result<Self> {
        let n = crimes.len();
        if u32::try_from(n).is_err() {
            return Err(DataError::InvalidOption {
                detail: format!("{n} crimes at once: give a memory limit to join them in parts"),
            });
        }
        sort_crimes(&mut crimes, threads);
        // Two to four crimes per index slot.
        let bits = (usize::BITS - n.leading_zeros()).saturating_sub(2).min(24);
        let slots = 1usize << bits;
        let mut index = Vec::with_capacity(slots + 1);
        let mut at = 0;
        for slot in 0..slots {
            while crimes.get(at).is_some_and(|c| prefix(c.id, bits) < slot) {
                at += 1;
            }
            index.push(at as u32);
        }
        index.push(n as u32);
        Ok(JoinTable { crimes, index, bits })
    }

    /// The crimes with this ID (usually one; none for an orphan).
    #[cfg(test)]
    pub(super) fn find(&self, id: Id) -> std::ops::Range<usize> {
        self.search(self.slot(id), id)
    }

    /// The crimes whose ID starts as this one's does (a few), from the index.
    pub(super) fn slot(&self, id: Id) -> std::ops::Range<usize> {
        let slot = prefix(id, self.bits);
        match (self.index.get(slot), self.index.get(slot + 1)) {
            (Some(&lo), Some(&hi)) => lo as usize..hi as usize,
            _ => 0..0,
        }
    }

    /// The crimes with this ID among those of its slot.
    pub(super) fn search(&self, slot: std::ops::Range<usize>, id: Id) -> std::ops::Range<usize> {
        let lo = slot.start;
        let Some(run) = self.crimes.get(slot) else { return 0..0 };
        // Both ends by binary search: an ID repeated many times costs no more to find than one.
        let first = run.partition_point(|c| c.id < id);
        let end = run.partition_point(|c| c.id <= id);
        lo + first..lo + end
    }

    /// Gives every crime of a repeated ID the latest outcome recorded on the
    /// first crime of the ID (where the outcome rows are applied): one pass.
    pub(super) fn spread_latest(&self) {
        use std::sync::atomic::Ordering;
        let mut first: Option<&Crime> = None;
        for crime in &self.crimes {
            match first {
                Some(f) if f.id == crime.id => crime.latest.store(f.latest.load(Ordering::Relaxed), Ordering::Relaxed),
                _ => first = Some(crime),
            }
        }
    }

    pub(super) fn bytes(&self) -> u64 {
        (self.crimes.len() * std::mem::size_of::<Crime>() + self.index.len() * std::mem::size_of::<u32>()) as u64
    }
}

/// The first `bits` bits of an ID (at most 32).
pub(super) fn prefix(id: Id, bits: u32) -> usize {
    if bits == 0 {
        return 0;
    }
    (id[0] >> (64 - bits)) as usize
}

/// Sorts crimes by ID in place: a radix partition on the first byte, then the
/// 256 runs sorted on as many threads.
pub(super) fn sort_crimes(crimes: &mut [Crime], threads: usize) {
    let starts = partition_by_byte(crimes, 0);
    let mut runs: Vec<&mut [Crime]> = Vec::with_capacity(256);
    let mut rest = crimes;
    for w in starts.windows(2) {
        let (Some(&a), Some(&b)) = (w.first(), w.get(1)) else { continue };
        let (run, tail) = rest.split_at_mut(b - a);
        runs.push(run);
        rest = tail;
    }
    let threads = threads.max(1);
    let per = runs.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
        let mut groups = Vec::new();
        while !runs.is_empty() {
            let take = per.min(runs.len());
            groups.push(runs.drain(..take).collect::<Vec<_>>());
        }
        for group in groups {
            s.spawn(move || {
                for run in group {
                    sort_run(run, 1);
                }
            });
        }
    });
}

pub(super) fn sort_run(run: &mut [Crime], depth: usize) {
    if run.len() <= 64 || depth >= 3 {
        run.sort_unstable_by_key(|c| c.id);
        return;
    }
    let starts = partition_by_byte(run, depth);
    let mut rest = run;
    for w in starts.windows(2) {
        let (Some(&a), Some(&b)) = (w.first(), w.get(1)) else { continue };
        let (part, tail) = rest.split_at_mut(b - a);
        sort_run(part, depth + 1);
        rest = tail;
    }
}

/// Groups `v` by byte `d` of the ID, in place (American flag sort); returns the
/// 257 group boundaries.
#[allow(clippy::indexing_slicing, reason = "indices are bytes into 256-entry arrays, or below the group ends")]
pub(super) fn partition_by_byte(v: &mut [Crime], d: usize) -> [usize; 257] {
    let key = |c: &Crime| {
        let id = &c.id;
        let word = id.get(d / 8).copied().unwrap_or(0);
        ((word >> (56 - 8 * (d % 8))) & 0xFF) as usize
    };
    let mut counts = [0usize; 256];
    for c in v.iter() {
        counts[key(c)] += 1;
    }
    let mut starts = [0usize; 257];
    for b in 0..256 {
        starts[b + 1] = starts[b] + counts[b];
    }
    let mut next = [0usize; 256];
    next.copy_from_slice(&starts[..256]);
    for b in 0..256 {
        let end = starts[b + 1];
        while next[b] < end {
            let i = next[b];
            let target = key(&v[i]);
            if target == b {
                next[b] += 1;
            } else {
                v.swap(i, next[target]);
                next[target] += 1;
            }
        }
    }
    starts
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing, clippy::unwrap_used, reason = "a test: a failure panics with its message")]
    use super::*;

    #[test]
    fn ids_decode_in_either_case_and_nothing_else() {
        let id = "00ff".repeat(16);
        let decoded = decode_id(id.as_bytes());
        assert_eq!(decoded, Some([0x00ff_00ff_00ff_00ff; 4]));
        assert_eq!(decode_id(id.to_uppercase().as_bytes()), decoded);
        assert_eq!(decode_id(&id.as_bytes()[..63]), None);
        assert_eq!(decode_id("g".repeat(64).as_bytes()), None);
        assert_eq!(decode_id(b""), None);
    }

    #[test]
    fn sorting_and_finding_agree_with_a_plain_sort() {
        // Ids with shared prefixes and repeats, so every level of the radix sort is used.
        let mut crimes = Vec::new();
        let mut x = 0x1234_5678_9abc_def0_u64;
        for i in 0..20_000u32 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let mut id = [x, x.rotate_left(7), 0, u64::from(i)];
            if i % 3 == 0 {
                id[0] = 0x0707 << 48;
            }
            crimes.push(Crime::new(id, (i % 44) as u8));
            if i % 1000 == 0 {
                crimes.push(Crime::new(id, 1));
            }
        }
        let mut expected: Vec<Id> = crimes.iter().map(|c| c.id).collect();
        expected.sort_unstable();
        let ids: Vec<Id> = crimes.iter().map(|c| c.id).collect();
        let table = JoinTable::build(crimes, 3).unwrap();
        let got: Vec<Id> = table.crimes.iter().map(|c| c.id).collect();
        assert_eq!(got, expected);
        for id in ids {
            let found = table.find(id);
            assert!(!found.is_empty());
            assert!(table.crimes[found].iter().all(|f| f.id == id));
        }
        assert!(table.find([0xEE; 4]).is_empty());
    }
}
