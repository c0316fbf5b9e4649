//! Reading the street and outcomes files for the join: the workers, the
//! outcome texts by number, and the bookkeeping of rows and rejections.

use std::sync::atomic::Ordering;
use std::sync::Mutex;

use policing_outcomes::{Category, OutcomeText};
use rustc_hash::FxHashMap;

use super::table::{decode_id, month_number, partition, Crime, Id, JoinTable};
use super::{TrackOptions, BATCH, MAX_OUTCOME_TEXTS, OFFSET_BITS, PARTITIONS, TEXT_BITS};
use crate::kernel::{quoted, MAX_NAME_BYTES};
use crate::police_uk::format::{CategoryTable, Column, ForceSpellings, Layout};
use crate::police_uk::rows::{each_row, PoliceChunk, Reject, RowBook};
use crate::scan::engine::Worker;

/// The outcome texts by number: the data.police.uk categories (and their other
/// names) first, then other texts as they are met, up to [`MAX_OUTCOME_TEXTS`].
pub(super) struct Texts {
    pub(super) known: FxHashMap<&'static [u8], u8>,
    /// Each number's category (number - 1), under each of its names.
    pub(super) names: Vec<Category>,
    pub(super) other: Mutex<OtherTexts>,
}

#[derive(Default)]
pub(super) struct OtherTexts {
    pub(super) ids: FxHashMap<Box<[u8]>, u8>,
    pub(super) texts: Vec<String>,
    pub(super) overflow: bool,
}

impl Texts {
    pub(super) fn new() -> Self {
        let mut texts: Vec<(&'static str, Category)> = Vec::new();
        for c in Category::ALL {
            texts.push((c.name(), *c));
            texts.extend(c.other_names().iter().map(|n| (*n, *c)));
        }
        let known = texts.iter().enumerate().map(|(i, (n, _))| (n.as_bytes(), (i + 1) as u8)).collect();
        let names = texts.into_iter().map(|(_, c)| c).collect();
        Texts { known, names, other: Mutex::new(OtherTexts::default()) }
    }

    /// The number of an outcome text that is not a category (the last number when full).
    pub(super) fn other(&self, text: &[u8]) -> u8 {
        let full = u8::MAX;
        if text.len() > MAX_NAME_BYTES {
            return full;
        }
        let Ok(mut o) = self.other.lock() else { return full };
        if let Some(&id) = o.ids.get(text) {
            return id;
        }
        let next = self.names.len() + 1 + o.texts.len();
        if o.texts.len() >= MAX_OUTCOME_TEXTS || next >= usize::from(full) {
            o.overflow = true;
            return full;
        }
        let id = next as u8;
        o.ids.insert(text.into(), id);
        o.texts.push(String::from_utf8_lossy(text).into_owned());
        id
    }

    /// The outcome a number stands for (0: no outcome row).
    pub(super) fn text(&self, id: u8, other: &OtherTexts) -> OutcomeText {
        let i = usize::from(id);
        let Some(k) = i.checked_sub(1) else { return OutcomeText::NoOutcome };
        if let Some(category) = self.names.get(k) {
            return OutcomeText::Category(*category);
        }
        if other.overflow || id == u8::MAX {
            return OutcomeText::OtherUnknown;
        }
        other.texts.get(k - self.names.len()).cloned().map_or(OutcomeText::OtherUnknown, OutcomeText::Unknown)
    }
}

/// The rows a street worker accounts for besides its books (the first pass over the street files).
#[derive(Debug, Default)]
pub(super) struct StreetTally {
    pub(super) crimes: u64,
    pub(super) anti_social_behaviour: u64,
    pub(super) filtered: u64,
}

/// The rows an outcomes worker accounts for besides its books.
#[derive(Debug, Default)]
pub(super) struct OutcomeTally {
    pub(super) matched: u64,
    pub(super) orphans: u64,
    pub(super) filtered: u64,
}

/// The Crime ID of a row, or why the row is rejected (`if_empty`: the kind and
/// reason for a row without one).
fn crime_id(text: &[u8], if_empty: (&'static str, &'static str)) -> Result<Id, Reject> {
    decode_id(text).ok_or_else(|| {
        if text.is_empty() {
            (if_empty.0.into(), if_empty.1.to_owned())
        } else {
            let shown = quoted(&String::from_utf8_lossy(text));
            ("Crime ID not 64 hexadecimal digits".into(), format!("Crime ID {shown} is not 64 hexadecimal digits"))
        }
    })
}

/// Reads street files: accounts for their rows, counts crimes by partition, and
/// collects the crimes of the partitions of this pass.
pub(super) struct StreetWorker<'a> {
    pub(super) options: &'a TrackOptions,
    /// Partitions collected, or none (a counting pass).
    pub(super) collect: Option<std::ops::Range<usize>>,
    pub(super) types: CategoryTable,
    pub(super) spellings: ForceSpellings,
    /// The pass's crimes, added a batch at a time.
    pub(super) collected: Option<&'a Mutex<Vec<Crime>>>,
    pub(super) batch: Vec<Crime>,
    pub(super) partitions: Vec<u64>,
    pub(super) tally: StreetTally,
    pub(super) book: RowBook,
}

impl<'a> StreetWorker<'a> {
    pub(super) fn new(
        options: &'a TrackOptions,
        collect: Option<std::ops::Range<usize>>,
        book: RowBook,
        collected: Option<&'a Mutex<Vec<Crime>>>,
    ) -> Self {
        StreetWorker {
            options,
            collect,
            types: CategoryTable::new(),
            spellings: ForceSpellings::default(),
            collected,
            batch: Vec::new(),
            partitions: vec![0; PARTITIONS],
            tally: StreetTally::default(),
            book,
        }
    }

    /// Adds the batch to the pass's crimes.
    pub(super) fn flush(&mut self) {
        flush(self.collected, &mut self.batch);
    }
}

impl Worker<Layout> for StreetWorker<'_> {
    fn chunk(&mut self, chunk: &PoliceChunk) -> (u64, bool) {
        let layout = &chunk.header;
        let (Some(i_id), Some(i_force), Some(i_type)) =
            (layout.index(Column::CrimeId), layout.index(Column::FallsWithin), layout.index(Column::CrimeType))
        else {
            debug_assert!(false, "a street layout has every street column");
            return (0, false);
        };
        let StreetWorker { options, collect, types, spellings, collected, batch, partitions, tally, book } = self;
        let account = book.counting;
        each_row(book, chunk, |rec, buf, month| {
            let force_text = rec.get(i_force).map(|f| f.unescape(buf)).unwrap_or_default();
            let (force, f, _) = spellings.force(&force_text, Column::FallsWithin)?;
            let outside = options.from.is_some_and(|from| month < from)
                || options.to.is_some_and(|to| month > to)
                || options.forces.as_ref().is_some_and(|wanted| !wanted.contains(&force));
            if outside {
                if account {
                    tally.filtered += 1;
                }
                return Ok(());
            }
            let crime_type = rec.get(i_type).map_or(&b""[..], |f| f.raw(buf));
            if crime_type == b"Anti-social behaviour" {
                if account {
                    tally.anti_social_behaviour += 1;
                }
                return Ok(());
            }
            types.index(crime_type)?;
            let id_text = rec.get(i_id).map(|f| f.unescape(buf)).unwrap_or_default();
            let id = crime_id(&id_text, ("crime without a Crime ID", "a crime without a Crime ID cannot be tracked"))?;
            let p = partition(id);
            if account {
                tally.crimes += 1;
                if let Some(n) = partitions.get_mut(p) {
                    *n += 1;
                }
            }
            if collect.as_ref().is_some_and(|r| r.contains(&p)) {
                batch.push(Crime::new(id, u8::try_from(f).unwrap_or(u8::MAX)));
                if batch.len() >= BATCH {
                    flush(*collected, batch);
                }
            }
            Ok(())
        })
    }
}

/// Adds a worker's batch of crimes to the pass's crimes.
fn flush(collected: Option<&Mutex<Vec<Crime>>>, batch: &mut Vec<Crime>) {
    if let Some(all) = collected {
        let mut all = all.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        all.append(batch);
    }
}

/// Reads outcomes files: accounts for their rows and records each crime's latest outcome.
pub(super) struct OutcomeWorker<'a> {
    pub(super) options: &'a TrackOptions,
    pub(super) table: &'a JoinTable,
    pub(super) texts: &'a Texts,
    /// Partitions joined in this pass.
    pub(super) partitions: std::ops::Range<usize>,
    pub(super) local: FxHashMap<Box<[u8]>, u8>,
    /// Force spellings, to filter rows by force.
    pub(super) spellings: ForceSpellings,
    pub(super) too_far: bool,
    pub(super) tally: OutcomeTally,
    pub(super) book: RowBook,
    /// A chunk's rows to look up: ID, the rule's order (with the text's number
    /// for a category), and the index of the text in `other_texts` otherwise.
    pub(super) pending: Vec<(Id, u64, u32)>,
    pub(super) slots: Vec<std::ops::Range<usize>>,
    pub(super) other_texts: Vec<Vec<u8>>,
}

impl<'a> OutcomeWorker<'a> {
    pub(super) fn new(
        options: &'a TrackOptions,
        table: &'a JoinTable,
        texts: &'a Texts,
        partitions: std::ops::Range<usize>,
        book: RowBook,
    ) -> Self {
        OutcomeWorker {
            options,
            table,
            texts,
            partitions,
            local: FxHashMap::default(),
            spellings: ForceSpellings::default(),
            too_far: false,
            pending: Vec::new(),
            slots: Vec::new(),
            other_texts: Vec::new(),
            tally: OutcomeTally::default(),
            book,
        }
    }

    /// The number of an outcome text.
    fn number(&mut self, text: &[u8]) -> u8 {
        if let Some(&n) = self.texts.known.get(text) {
            return n;
        }
        if let Some(&n) = self.local.get(text) {
            return n;
        }
        let n = self.texts.other(text);
        if self.local.len() < 1024 {
            self.local.insert(text.into(), n);
        }
        n
    }

    /// Records a chunk's outcome rows against their crimes. The rows are looked
    /// up together, so that the processor overlaps their reads of the index and
    /// of the crimes (each a cache miss at random over the whole table): first
    /// every row's slot, then one read of the middle crime of each slot, then the
    /// searches, which find those cache lines loaded.
    fn join(&mut self) {
        let table = self.table;
        let mut pending = std::mem::take(&mut self.pending);
        let mut slots = std::mem::take(&mut self.slots);
        let mut other_texts = std::mem::take(&mut self.other_texts);
        slots.clear();
        slots.extend(pending.iter().map(|(id, _, _)| table.slot(*id)));
        let mut touched = 0u64;
        for slot in &slots {
            let middle = slot.start + slot.len() / 2;
            touched ^= table.crimes.get(middle).map_or(0, |c| c.id[0]);
        }
        std::hint::black_box(touched);
        for ((id, order, other), slot) in pending.iter().zip(slots.drain(..)) {
            let found = table.search(slot, *id);
            if found.is_empty() {
                self.tally.orphans += 1;
                continue;
            }
            self.tally.matched += 1;
            // A text that is not a category is numbered only now, for a crime tracked.
            let number = other_texts.get(*other as usize).map_or(0, |text| self.number(text));
            let packed = order | u64::from(number);
            // The first crime of the ID stands for all crimes of the ID (a repeated Crime ID): one
            // update per outcome row, however often the ID repeats; the others take its outcome at
            // the end (`JoinTable::spread_latest`).
            if let Some(crime) = table.crimes.get(found.start) {
                crime.latest.fetch_max(packed, Ordering::Relaxed);
            }
        }
        pending.clear();
        self.pending = pending;
        self.slots = slots;
        other_texts.clear();
        self.other_texts = other_texts;
    }
}

impl Worker<Layout> for OutcomeWorker<'_> {
    fn chunk(&mut self, chunk: &PoliceChunk) -> (u64, bool) {
        let layout = &chunk.header;
        let (Some(i_id), Some(i_force), Some(i_outcome)) =
            (layout.index(Column::CrimeId), layout.index(Column::FallsWithin), layout.index(Column::OutcomeType))
        else {
            debug_assert!(false, "an outcomes layout has every outcomes column");
            return (0, false);
        };
        let OutcomeWorker { options, texts, partitions, spellings, too_far, tally, book, pending, other_texts, .. } =
            self;
        let account = book.counting;
        let read = each_row(book, chunk, |rec, buf, month| {
            let other_force = options.forces.as_ref().is_some_and(|wanted| {
                let text = rec.get(i_force).map(|f| f.unescape(buf)).unwrap_or_default();
                !spellings.get(&text).is_some_and(|(f, _, _)| wanted.contains(&f))
            });
            if options.to.is_some_and(|to| month > to) || other_force {
                if account {
                    tally.filtered += 1;
                }
                return Ok(());
            }
            let id_text = rec.get(i_id).map(|f| f.unescape(buf)).unwrap_or_default();
            let id = crime_id(&id_text, ("empty Crime ID", "empty Crime ID"))?;
            let text = rec.get(i_outcome).map(|f| f.unescape(buf)).unwrap_or_default();
            if text.is_empty() {
                return Err(("empty Outcome type".into(), "empty Outcome type".to_owned()));
            }
            if !partitions.contains(&partition(id)) {
                return Ok(());
            }
            let position = chunk.offset + rec.span.0 as u64;
            if position >> OFFSET_BITS != 0 {
                *too_far = true;
                return Ok(());
            }
            let order = (month_number(month) << (OFFSET_BITS + TEXT_BITS)) | (position << TEXT_BITS);
            // The rule's order, and the text's number when it is a category (else the text, kept aside).
            match texts.known.get(&*text) {
                Some(&n) => pending.push((id, order | u64::from(n), u32::MAX)),
                None => {
                    let aside = u32::try_from(other_texts.len()).unwrap_or(u32::MAX);
                    other_texts.push(text.into_owned());
                    pending.push((id, order, aside));
                }
            }
            Ok(())
        });
        self.join();
        read
    }
}
