//! Reproducing the Wiltshire 2016 report's figures through the library.
//!
//! Every [`Check`] pairs a value the report prints with the value the library
//! computes from the most primitive inputs available, and says whether it was
//! reproduced ([`Verdict`]). Inputs are numbers the report prints (embedded in
//! [`crate::wiltshire_2016`]) or counts derived from them, said so in the check's
//! note; nothing is typed in as an answer. The `wiltshire_2016` example, the
//! `policing report wiltshire-2016` command and the workspace's
//! `tests/reproduction.rs` all run [`all`].
//!
//! ```
//! let checks = policing_peel::reproduction::all()?;
//! let (reproduced, counted) = policing_peel::reproduction::tally(&checks);
//! assert!(reproduced > 0 && reproduced <= counted);
//! # Ok::<(), policing_peel::PeelError>(())
//! ```

pub mod crime;
pub mod figure_4;
pub mod figure_8;
pub mod judgments;
pub mod ocg;
pub mod survey;
pub mod vulnerability;

use std::fmt;

use policing_stats::{check_sum, Published};
use rust_decimal::Decimal;

/// How a computed value stands against the published one.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Computed from other inputs and equal to the published value.
    Reproduced,
    /// The value is itself an input: echoed, not reproduced.
    Input,
    /// The input was derived from this very figure (a count from a printed rate
    /// and a sourced population); recomputing it confirms the derivation and the
    /// denominator, not the figure.
    RoundTrip,
    /// Computed and different; the note says why and whether the report is
    /// still consistent under rounding.
    NotReproduced,
    /// Could not be computed from what this repository holds; the note says what is missing.
    NotComputable,
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Verdict::Reproduced => "reproduced",
            Verdict::Input => "input",
            Verdict::RoundTrip => "round trip",
            Verdict::NotReproduced => "NOT reproduced",
            Verdict::NotComputable => "not computable",
        })
    }
}

/// One published figure against its computed value.
#[derive(Debug, Clone)]
pub struct Check {
    /// Which figure or statement ("Figure 4", "Force in numbers", ...).
    pub figure: &'static str,
    /// The row or quantity.
    pub item: String,
    /// The column (force or England and Wales), if any.
    pub column: &'static str,
    /// What the report prints.
    pub published: String,
    /// What the library computed, printed as the report prints it.
    pub computed: Option<String>,
    /// The verdict.
    pub verdict: Verdict,
    /// Why, where the verdict needs a reason.
    pub note: String,
}

impl Check {
    /// Compares a computed value, rounded as published, with the published text.
    pub fn compare(
        figure: &'static str,
        item: impl Into<String>,
        column: &'static str,
        published: &str,
        computed: Decimal,
    ) -> Check {
        let computed_text = computed.to_string();
        let verdict = if computed_text == published { Verdict::Reproduced } else { Verdict::NotReproduced };
        Check {
            figure,
            item: item.into(),
            column,
            published: published.to_owned(),
            computed: Some(computed_text),
            verdict,
            note: String::new(),
        }
    }

    /// An input echoed back.
    pub fn input(figure: &'static str, item: impl Into<String>, column: &'static str, published: &str) -> Check {
        Check {
            figure,
            item: item.into(),
            column,
            published: published.to_owned(),
            computed: Some(published.to_owned()),
            verdict: Verdict::Input,
            note: String::new(),
        }
    }

    /// A figure that cannot be computed here, with the reason.
    pub fn not_computable(
        figure: &'static str,
        item: impl Into<String>,
        column: &'static str,
        published: &str,
        why: &str,
    ) -> Check {
        Check {
            figure,
            item: item.into(),
            column,
            published: published.to_owned(),
            computed: None,
            verdict: Verdict::NotComputable,
            note: why.to_owned(),
        }
    }

    /// Adds a note.
    pub fn with_note(mut self, note: impl Into<String>) -> Check {
        self.note = note.into();
        self
    }
}

/// Explains a group row computed from rounded members that differs from the
/// printed group: is the printed table still consistent under rounding?
pub fn explain_rounding(members: &[&str], published: &str) -> String {
    let parse = |s: &str| s.parse::<Published>();
    let (Ok(parts), Ok(total)) = (members.iter().map(|m| parse(m)).collect::<Result<Vec<_>, _>>(), parse(published))
    else {
        return "unparsable published figures".to_owned();
    };
    let check = check_sum(&parts, &total);
    let verdict = if check.consistent {
        "consistent under rounding: the report computed the group from unrounded counts"
    } else {
        "INCONSISTENT: no unrounded values round to all of these"
    };
    format!(
        "members print {} = {}, the group prints {published}; members' unrounded sum lies in [{}, {}), the group's in [{}, {}): {verdict}",
        members.join(" + "),
        check.printed_sum,
        check.parts_range.lower,
        check.parts_range.upper,
        check.total_range.lower,
        check.total_range.upper,
    )
}

/// Renders checks as text, grouped by figure, with the notes.
#[must_use]
pub fn render(checks: &[Check]) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let mut figure = "";
    for c in checks {
        if c.figure != figure {
            figure = c.figure;
            let _ = writeln!(out, "\n{figure}");
            let _ = writeln!(out, "  {:<74} {:<18} {:>9} {:>9}  verdict", "item", "column", "report", "library");
        }
        let item: String = if c.item.chars().count() > 74 {
            c.item.chars().take(73).chain(std::iter::once('…')).collect()
        } else {
            c.item.clone()
        };
        let _ = writeln!(
            out,
            "  {:<74} {:<18} {:>9} {:>9}  {}",
            item,
            c.column,
            c.published,
            c.computed.as_deref().unwrap_or("-"),
            c.verdict
        );
        if !c.note.is_empty() {
            let _ = writeln!(out, "  {:<74} note: {}", "", c.note);
        }
    }
    out
}

/// Every check of the report, in the report's order.
///
/// # Errors
/// If an embedded figure is missing or a derived input cannot be computed.
pub fn all() -> crate::Result<Vec<Check>> {
    let mut checks = judgments::checks()?;
    checks.extend(crime::checks()?);
    checks.extend(survey::checks()?);
    checks.extend(figure_4::checks()?);
    checks.extend(vulnerability::checks()?);
    checks.extend(figure_8::checks()?);
    checks.extend(ocg::checks()?);
    Ok(checks)
}

/// The whole reproduction as text: a heading, every check, the verdict counts,
/// and the closing line "N of M figures reproduced".
///
/// # Errors
/// As [`all`].
pub fn report() -> crate::Result<String> {
    use std::fmt::Write as _;
    let r = crate::wiltshire_2016();
    let checks = all()?;
    let mut out = String::new();
    let _ = writeln!(out, "{} — PEEL: police effectiveness {} (HMIC, published {})", r.force, r.year, r.published);
    let _ = writeln!(out, "Source: docs/reference/wiltshire-peel-effectiveness-2016.txt, embedded in policing-peel");
    let _ = writeln!(out, "Populations: ONS mid-2015, derived by policing-forces from data/raw");
    out.push_str(&render(&checks));
    let _ = writeln!(out);
    for (verdict, n) in breakdown(&checks) {
        let _ = writeln!(out, "  {verdict:<15} {n}");
    }
    let (reproduced, counted) = tally(&checks);
    let _ = writeln!(out, "\n{reproduced} of {counted} figures reproduced");
    Ok(out)
}

/// (reproduced, every figure checked): inputs echoed back are not counted.
pub fn tally(checks: &[Check]) -> (usize, usize) {
    let reproduced = checks.iter().filter(|c| c.verdict == Verdict::Reproduced).count();
    let counted = checks.iter().filter(|c| c.verdict != Verdict::Input).count();
    (reproduced, counted)
}

/// How many checks have each verdict, in a fixed order.
pub fn breakdown(checks: &[Check]) -> Vec<(Verdict, usize)> {
    [Verdict::Reproduced, Verdict::NotReproduced, Verdict::RoundTrip, Verdict::NotComputable, Verdict::Input]
        .into_iter()
        .map(|v| {
            let n = checks.iter().filter(|c| c.verdict == v).count();
            (v, n)
        })
        .collect()
}

/// The report, embedded in this crate.
fn report_data() -> crate::InspectionReport {
    crate::wiltshire_2016()
}

/// A check that a derived input round-trips to the printed figure.
pub fn round_trip(
    figure: &'static str,
    item: impl Into<String>,
    column: &'static str,
    published: &str,
    computed: Decimal,
    how: &str,
) -> Check {
    let mut c = Check::compare(figure, item, column, published, computed);
    if c.verdict == Verdict::Reproduced {
        c.verdict = Verdict::RoundTrip;
    }
    c.with_note(how.to_owned())
}

/// The column name printed in the checks.
pub fn column_name(column: crate::Column) -> &'static str {
    match column {
        crate::Column::Force => "Wiltshire Police",
        crate::Column::EnglandAndWales => "England and Wales",
    }
}
