//! The street files to read and how: shared by `counts` and `outcomes`.

use std::io::IsTerminal;
use std::path::PathBuf;

use policing_data::{count_outcomes, inputs, CountBy, CountOptions, FileKind, GroupBy, Month, OutcomeCountsByForce};
use policing_forces::Force;

use crate::error::{usage, CliError};
use crate::output::{note, note_rejections, quiet};

/// The street files to read, which rows, and how.
#[derive(Debug, clap::Args)]
pub struct StreetInput {
    /// Street files, folders in the data.police.uk archive layout, zip archives as data.police.uk's download
    /// page gives them (read in place), or - for standard input.
    pub paths: Vec<PathBuf>,
    /// First month to count (YYYY-MM).
    #[arg(long)]
    pub from: Option<Month>,
    /// Last month to count (YYYY-MM).
    #[arg(long)]
    pub to: Option<Month>,
    /// Only these forces (names, slugs or ONS codes; repeatable): their archive files, and their rows in any file.
    #[arg(short = 'F', long = "force", value_parser = super::force_arg)]
    pub forces: Vec<Force>,
    /// Group by the force that recorded the crime ("Reported by") instead of the area's ("Falls within").
    #[arg(long)]
    pub reported_by: bool,
    /// Fail on the first rejected row.
    #[arg(long)]
    pub strict: bool,
    /// Worker threads (default: one per core; at most 256).
    #[arg(short = 't', long, default_value_t = 0)]
    pub threads: usize,
    /// Bytes read per block (tuning; 16 bytes to 64 MiB).
    #[arg(long, default_value_t = 1 << 20, hide = true)]
    pub block_size: usize,
    /// Rejected rows shown on standard error (all are counted by reason).
    #[arg(long, default_value_t = 20)]
    pub show_rejections: usize,
    /// Write every rejected row (file, line, reason) to this CSV file.
    #[arg(long)]
    pub rejections: Option<PathBuf>,
}

/// Runs `read`, telling it how to report the bytes read, with a progress bar on
/// standard error when it is a terminal and the files come to 64 MiB or more:
/// of `size` bytes, or, when the files are read several times over a number of
/// passes not known ahead (`once` false), the bytes read so far. The bar is
/// cleared before `read`'s result (or error) is returned.
pub(super) fn with_progress<T>(size: u64, once: bool, read: impl FnOnce(&(dyn Fn(u64) + Sync)) -> T) -> T {
    let bar = (!quiet() && std::io::stderr().is_terminal() && size >= (64 << 20)).then(|| {
        let (bar, template) = if once {
            (indicatif::ProgressBar::new(size), "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} {eta}")
        } else {
            (indicatif::ProgressBar::new_spinner(), "{spinner} {bytes} read in passes over the files, {bytes_per_sec}")
        };
        if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
            bar.set_style(style);
        }
        bar
    });
    let report = |bytes: u64| {
        if let Some(b) = &bar {
            b.set_position(bytes);
        }
    };
    let result = read(&report);
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    result
}

impl StreetInput {
    /// The months asked for (`--from`, `--to`), both ends included.
    pub fn months(&self) -> Result<Option<(Month, Month)>, CliError> {
        Ok(match (self.from, self.to) {
            (None, None) => None,
            (from, to) => {
                let first = from.unwrap_or(Month::new(1, 1)?);
                let last = to.unwrap_or(Month::new(9999, 12)?);
                if first > last {
                    return Err(usage(format!("--from {first} is after --to {last}")));
                }
                Some((first, last))
            }
        })
    }

    /// The files of `kind` that `paths` name (folders and archives searched for
    /// the months and forces asked for), each once.
    pub fn files(
        &self,
        paths: &[PathBuf],
        kind: FileKind,
        months: Option<(Month, Month)>,
    ) -> Result<Vec<PathBuf>, CliError> {
        if paths.is_empty() {
            let what = if kind == FileKind::Outcomes { "outcomes" } else { "street" };
            return Err(usage(format!("no {what} files given: name files, folders or zip archives")));
        }
        let mut selection = inputs::Selection::new(Some(kind));
        if let Some((from, to)) = months {
            selection = selection.months(from, to);
        }
        if !self.forces.is_empty() {
            selection = selection.forces(self.forces.clone());
        }
        let expanded = inputs::expand(paths, &selection)?;
        for (skipped, first) in &expanded.duplicates {
            note(format!("{} is the same file as {}: read once", skipped.display(), first.display()));
        }
        Ok(expanded.files)
    }

    /// Finds the files, counts crimes by force and `by` (with a progress bar on a
    /// terminal), and reports the summary and the first rejected rows on stderr.
    pub fn count(&self, by: CountBy) -> Result<OutcomeCountsByForce, CliError> {
        let months = self.months()?;
        let files = self.files(&self.paths, FileKind::Street, months)?;
        let total = inputs::total_size(&files);
        let mut options = CountOptions::default()
            .group_by(if self.reported_by { GroupBy::ReportedBy } else { GroupBy::FallsWithin })
            .by(by)
            .strict(self.strict)
            .threads(self.threads)
            .block_size(self.block_size)
            .rejection_examples(self.show_rejections);
        if !self.forces.is_empty() {
            options = options.forces(self.forces.clone());
        }
        if let Some((from, to)) = months {
            options = options.months(from, to);
        }
        if let Some(path) = &self.rejections {
            options = options.rejections_file(path.clone());
        }
        let result = with_progress(total, true, |report| count_outcomes(&files, &options, Some(report)))?;
        note(&result.summary);
        let all = self.rejections.as_ref().map_or_else(
            || " (--rejections FILE writes them all)".to_owned(),
            |p| format!(" (all in {})", p.display()),
        );
        note_rejections(&result.rejections, result.summary.rejected, &all);
        if result.summary.rows > 0 && result.summary.rejected == result.summary.rows {
            return Err(CliError::Data(format!(
                "every row read ({}) was rejected: nothing counted (the reasons are above)",
                result.summary.rows
            )));
        }
        if !self.forces.is_empty() && result.summary.crimes == 0 && result.summary.filtered > 0 {
            let names: Vec<&str> = self.forces.iter().map(|f| f.name()).collect();
            return Err(usage(format!("no crimes of {} in the files given (--force)", names.join(", "))));
        }
        Ok(result)
    }
}
