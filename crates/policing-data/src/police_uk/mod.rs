//! The data.police.uk wing: the street and outcomes file formats, the one row
//! mechanism every reader of them uses, finding the files ([`inputs`]),
//! counting crimes by force and last outcome ([`count_outcomes`]), figure 4
//! from those counts ([`figure_4`]), and tracking each crime to its latest
//! outcome ([`tracked`]). It sits on the kernel and the scanning wing and
//! never imports the tables wing.

mod count;
mod figure;
mod format;
pub mod inputs;
mod rows;
pub mod tracked;

pub use count::{
    count_outcomes, CountBy, CountKey, CountOptions, GroupBy, OutcomeCountsByForce, Summary, MAX_DISTINCT_OUTCOMES,
    MAX_FOLDED_SPELLINGS,
};
pub use figure::{figure_4, Figure4, Figure4Row};
pub use format::FileKind;
