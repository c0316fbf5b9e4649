//! Organised crime group (OCG) portfolios as police forces in England and Wales
//! keep them, and the checks and figures HMIC's 2016 effectiveness inspection
//! applied to them.
//!
//! - [`Band`] and [`BandScheme`]: mapping bands (1A..3C and unscored),
//!   ordered most serious first, with a scheme a force can resize.
//! - [`Ocg`]: one group with its mapping score history, crime type, status,
//!   lead responsible officer, reviews, disruptions (activity tier, impact, 4P
//!   pillar), GAIN referrals, [`FourPPlan`] and offenders subject to orders.
//! - [`morile`]: a small, documented MoRiLE-style prioritisation model.
//! - [`Portfolio`]: the inspectorate's checks ([`Portfolio::check`]) and figures:
//!   OCGs per million population, GAIN referrals per 100 OCGs, and figure 10's
//!   shares by crime type.
//!
//! # Example
//!
//! ```
//! use chrono::NaiveDate;
//! use policing_ocg::{CheckPolicy, CrimeType, Ocg, Portfolio};
//!
//! let d = |m, day| NaiveDate::from_ymd_opt(2016, m, day).unwrap();
//! let mut portfolio = Portfolio::new();
//! let mut g = Ocg::new("OCG-1", d(2, 1), CrimeType::Drugs)?;
//! g.score(d(2, 10), 380, "2A".parse()?)?;
//! portfolio.add(g)?;
//! portfolio.add(Ocg::new("OCG-2", d(3, 1), CrimeType::Firearms)?)?;
//!
//! let per_million = portfolio.per_million(d(7, 1), 703_253)?;
//! assert_eq!(per_million.rounded(1).to_string(), "2.8");
//! let findings = portfolio.check(d(7, 1), &CheckPolicy::default());
//! assert!(findings.iter().any(|f| f.ocg.as_deref() == Some("OCG-2")));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Features
//!
//! - `serde`: serialization of portfolios.
#![warn(
    clippy::exhaustive_structs,
    clippy::exhaustive_enums,
    reason = "a public type grows without a breaking change, or says why it cannot"
)]

mod band;
mod error;
mod fourp;
pub mod morile;
mod portfolio;
mod record;

pub use band::{Band, BandScheme};
pub use error::{OcgError, Result};
pub use fourp::{Action, FourPPlan, Pillar};
pub use portfolio::{CheckKind, CheckPolicy, CrimeTypeShares, Finding, Portfolio};
pub use record::{ActivityTier, CrimeType, Disruption, Impact, MappingScore, Ocg, OrderedOffender, Status};
