//! Each crime's latest outcome: outcomes files joined to street files on Crime ID.
//!
//! A street file gives each crime its "Last outcome category" as of the month
//! the file was published. Outcomes files list outcomes as they are recorded,
//! with the month of the outcome. The latest outcome of a crime is the outcome
//! row with the latest month (a later file, then a later line, breaks ties);
//! crimes with no outcome row keep their street file category.
//!
//! Each file is read whole (data.police.uk publishes one file per force and
//! month); rows are checked as [`crate::count_outcomes`] checks them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;

use crate::count::{Month, Rejection};
use crate::csv::{Record, Scanner};
use crate::error::{DataError, Result};
use crate::police_uk::{record_problem, Column, FileKind, Layout};

/// A crime and its latest outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Crime {
    /// The Crime ID.
    pub id: String,
    /// The month the crime was recorded.
    pub month: Month,
    /// "Falls within".
    pub force: String,
    /// "Crime type".
    pub crime_type: String,
    /// The street file's "Last outcome category".
    pub street_outcome: String,
    /// The latest outcome from the outcomes files: its month and category.
    pub latest: Option<(Month, String)>,
}

impl Crime {
    /// The latest outcome category: from the outcomes files if any, else the street file's.
    #[must_use]
    pub fn outcome(&self) -> &str {
        self.latest.as_ref().map_or(&self.street_outcome, |(_, c)| c)
    }
}

/// The joined crimes, and every row accounted for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Joined {
    /// Crimes (street rows with a Crime ID that are not anti-social behaviour), in file order.
    pub crimes: Vec<Crime>,
    /// Street rows read.
    pub street_rows: u64,
    /// Street rows that are anti-social behaviour.
    pub anti_social_behaviour: u64,
    /// Street crime rows without a Crime ID (cannot be joined; kept with their street outcome).
    pub without_id: u64,
    /// Outcome rows read.
    pub outcome_rows: u64,
    /// Outcome rows whose crime is in the street files.
    pub matched: u64,
    /// Outcome rows for crimes not in the street files (recorded in other months).
    pub unmatched: u64,
    /// Street rows rejected.
    pub street_rejected: u64,
    /// Outcome rows rejected.
    pub outcome_rejected: u64,
    /// Rejected rows of either kind, with file, line and reason.
    pub rejections: Vec<Rejection>,
}

impl Joined {
    /// Crimes by force and latest outcome category.
    #[must_use]
    pub fn counts(&self) -> BTreeMap<(String, String), u64> {
        let mut out = BTreeMap::new();
        for c in &self.crimes {
            *out.entry((c.force.clone(), c.outcome().to_owned())).or_default() += 1;
        }
        out
    }

    /// Whether every row read is accounted for.
    #[must_use]
    pub fn adds_up(&self) -> bool {
        self.street_rows == self.crimes.len() as u64 + self.anti_social_behaviour + self.street_rejected
            && self.outcome_rows == self.matched + self.unmatched + self.outcome_rejected
    }
}

fn scan_file(
    path: &Path,
    kind: FileKind,
    mut row: impl FnMut(&Layout, &Record, &[u8], u64) -> std::result::Result<(), String>,
    rejections: &mut Vec<Rejection>,
    prefix: &str,
) -> Result<(u64, u64)> {
    let bytes = std::fs::read(path).map_err(|e| DataError::Io { file: path.to_owned(), source: e })?;
    if bytes.is_empty() {
        return Ok((0, 0));
    }
    let (layout, start) = Layout::from_header(path, &bytes, Some(kind))?;
    let body = bytes.get(start..).unwrap_or_default();
    let mut line = 1 + bytes.get(..start).map_or(0, |h| memchr::memchr_iter(b'\n', h).count() as u64);
    let mut scanner = Scanner::new(body);
    let mut rec = Record::default();
    let (mut rows, mut rejected) = (0, 0);
    while scanner.next_record(&mut rec) {
        let this = line;
        line += rec.lines;
        if rec.len == 1 && rec.span.0 == rec.span.1 {
            continue;
        }
        rows += 1;
        let outcome = match record_problem(&rec, body, layout.width(), true) {
            Some((_, reason)) => Err(reason),
            None => row(&layout, &rec, body, this),
        };
        if let Err(reason) = outcome {
            rejected += 1;
            rejections.push(Rejection { file: path.to_owned(), line: this, reason: format!("{prefix} row: {reason}") });
        }
    }
    Ok((rows, rejected))
}

fn text(layout: &Layout, rec: &Record, buf: &[u8], column: Column) -> String {
    layout.field(rec, column).map(|f| String::from_utf8_lossy(&f.unescape(buf)).into_owned()).unwrap_or_default()
}

fn month(layout: &Layout, rec: &Record, buf: &[u8]) -> std::result::Result<Month, String> {
    let raw = layout.field(rec, Column::Month).map_or(&b""[..], |f| f.raw(buf));
    Month::parse_bytes(raw).ok_or_else(|| format!("Month {:?} is not YYYY-MM", String::from_utf8_lossy(raw)))
}

/// Joins `outcome_files` to `street_files` on Crime ID.
///
/// # Errors
/// An unreadable file or a header without the kind's columns.
pub fn latest_outcomes(street_files: &[PathBuf], outcome_files: &[PathBuf]) -> Result<Joined> {
    let mut joined = Joined::default();
    let mut index: FxHashMap<String, usize> = FxHashMap::default();
    let mut rejections = Vec::new();
    for path in street_files {
        let crimes = &mut joined.crimes;
        let (mut asb, mut without_id) = (0, 0);
        let (rows, rejected) = scan_file(
            path,
            FileKind::Street,
            |layout, rec, buf, _| {
                let month = month(layout, rec, buf)?;
                let crime_type = text(layout, rec, buf, Column::CrimeType);
                if crime_type.is_empty() {
                    return Err("empty Crime type".to_owned());
                }
                if crime_type == "Anti-social behaviour" {
                    asb += 1;
                    return Ok(());
                }
                let id = text(layout, rec, buf, Column::CrimeId);
                if id.is_empty() {
                    without_id += 1;
                } else {
                    index.insert(id.clone(), crimes.len());
                }
                crimes.push(Crime {
                    id,
                    month,
                    force: text(layout, rec, buf, Column::FallsWithin),
                    crime_type,
                    street_outcome: text(layout, rec, buf, Column::LastOutcome),
                    latest: None,
                });
                Ok(())
            },
            &mut rejections,
            "street",
        )?;
        joined.street_rows += rows;
        joined.street_rejected += rejected;
        joined.anti_social_behaviour += asb;
        joined.without_id += without_id;
    }
    for path in outcome_files {
        let crimes = &mut joined.crimes;
        let (mut matched, mut unmatched) = (0, 0);
        let (rows, rejected) = scan_file(
            path,
            FileKind::Outcomes,
            |layout, rec, buf, _| {
                let month = month(layout, rec, buf)?;
                let id = text(layout, rec, buf, Column::CrimeId);
                match index.get(&id).and_then(|&i| crimes.get_mut(i)) {
                    Some(crime) => {
                        matched += 1;
                        if crime.latest.as_ref().is_none_or(|(m, _)| month >= *m) {
                            crime.latest = Some((month, text(layout, rec, buf, Column::OutcomeType)));
                        }
                    }
                    None => unmatched += 1,
                }
                Ok(())
            },
            &mut rejections,
            "outcome",
        )?;
        joined.outcome_rows += rows;
        joined.outcome_rejected += rejected;
        joined.matched += matched;
        joined.unmatched += unmatched;
    }
    joined.rejections = rejections;
    Ok(joined)
}
