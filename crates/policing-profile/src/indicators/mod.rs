//! The registered indicators: one file per measure family.

mod asb;
mod crime;
mod officers;
mod outcomes;
mod severity;

pub use asb::AntiSocialBehaviour;
pub use crime::RecordedCrime;
pub use officers::CrimesPerOfficer;
pub use outcomes::LastOutcomes;
pub use severity::Severity;
