//! Integration tests of `policing-outcomes`: parsing every outcome type and
//! category, the grouping, merging counts, the tables' arithmetic, and the
//! real data.police.uk files in `data/raw/`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs,
    reason = "a test: a failure panics with its message"
)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use policing_outcomes::*;
use policing_stats::comparison::Widening;
use policing_stats::{Direction, Exclusion};
use proptest::prelude::*;
use rust_decimal::Decimal;

#[test]
fn every_type_parses_from_number_label_and_short_label() {
    for t in OutcomeType::ALL {
        let n = t.number();
        assert_eq!(n.to_string().parse::<OutcomeType>().unwrap(), t);
        assert_eq!(format!("Outcome {n}").parse::<OutcomeType>().unwrap(), t);
        assert_eq!(format!("outcome type {n}").parse::<OutcomeType>().unwrap(), t);
        assert_eq!(t.label().parse::<OutcomeType>().unwrap(), t, "{}", t.label());
        assert_eq!(t.short_label().parse::<OutcomeType>().unwrap(), t, "{}", t.short_label());
        assert_eq!(t.short_label().to_uppercase().parse::<OutcomeType>().unwrap(), t);
        assert_eq!(OutcomeType::from_number(u32::from(n)).unwrap(), t);
    }
    assert_eq!(OutcomeType::ALL.len(), 22);
}

#[test]
fn report_spellings_parse_whatever_the_dash() {
    for (text, t) in [
        ("Caution - youths", OutcomeType::CautionYouths),
        ("Caution – adults", OutcomeType::CautionAdults),
        ("caution—adults", OutcomeType::CautionAdults),
        ("Community Resolution", OutcomeType::CommunityResolution),
        ("community resolution", OutcomeType::CommunityResolution),
        ("Charged / Summonsed", OutcomeType::ChargedSummonsed),
        ("Prosecution prevented - suspect under age", OutcomeType::SuspectUnderAge),
        ("Investigation complete - no suspect identified", OutcomeType::InvestigationCompleteNoSuspect),
        ("Not in public interest (Police)", OutcomeType::NotInPublicInterestPolice),
        ("Evidential difficulties: suspect identified; victim supports action", T15),
    ] {
        assert_eq!(text.parse::<OutcomeType>().unwrap(), t, "{text}");
    }
}

const T15: OutcomeType = OutcomeType::EvidentialDifficultiesVictimSupports;

#[test]
fn unknown_types_are_errors_that_name_the_text() {
    for bad in ["0", "23", "Outcome 99", "Caution", "", "Outcome"] {
        let err = bad.parse::<OutcomeType>().unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains(bad) || msg.contains("outside 1-22"), "{bad:?}: {msg}");
    }
    assert_eq!("Outcome 23".parse::<OutcomeType>().unwrap_err(), OutcomeError::OutcomeNumberOutOfRange { number: 23 });
    assert_eq!(
        "Caution".parse::<OutcomeType>().unwrap_err(),
        OutcomeError::UnknownOutcomeType { text: "Caution".into() }
    );
}

#[test]
fn types_come_into_use_as_documented() {
    use chrono::NaiveDate;
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    assert_eq!(OutcomeType::FurtherInvestigationNotInPublicInterest.in_use_from(), d(2016, 1, 1));
    assert_eq!(OutcomeType::Diversionary.in_use_from(), d(2019, 4, 1));
    assert!(!OutcomeType::Diversionary.in_use_on(d(2016, 6, 30)));
    assert!(OutcomeType::ChargedSummonsed.in_use_on(d(2016, 6, 30)));
    // Type 19's start is no fact: domain.md marks it UNCONFIRMED, and the library says it assumes it.
    let domain = include_str!("../../../docs/reference/domain.md");
    assert!(domain.contains("**19 (NFIB)** [UNCONFIRMED]"));
    for t in OutcomeType::ALL {
        let assumed = matches!(t.in_use_from_basis(), policing_outcomes::InUseBasis::Assumed(_));
        assert_eq!(assumed, t == OutcomeType::NationalFraudIntelligenceBureau, "{t:?}");
    }
}

#[test]
fn every_type_belongs_to_exactly_one_group() {
    for t in OutcomeType::ALL {
        let holding: Vec<OutcomeGroup> = OutcomeGroup::ALL.into_iter().filter(|g| g.members().contains(&t)).collect();
        assert_eq!(holding, vec![t.group()], "{t}");
    }
    let union = OutcomeGroup::ALL.into_iter().fold(OutcomeSet::EMPTY, |acc, g| acc.union(g.set()));
    assert_eq!(union, OutcomeSet::ASSIGNED);
}

#[test]
fn groups_are_the_reports() {
    use OutcomeType as T;
    assert_eq!(
        OutcomeGroup::OutOfCourtFormal.members(),
        &[T::CautionYouths, T::CautionAdults, T::PenaltyNoticeForDisorder]
    );
    assert_eq!(OutcomeGroup::OutOfCourtInformal.members(), &[T::CannabisKhatWarning, T::CommunityResolution]);
    let prevented: Vec<u8> = OutcomeGroup::ProsecutionPrevented.members().iter().map(|t| t.number()).collect();
    assert_eq!(prevented, vec![5, 9, 10, 11, 12, 13, 17]);
    let not_support: Vec<u8> =
        OutcomeGroup::EvidentialDifficultiesVictimDoesNotSupport.members().iter().map(|t| t.number()).collect();
    assert_eq!(not_support, vec![16, 14]);
    for g in OutcomeGroup::ALL {
        assert_eq!(g.name().parse::<OutcomeGroup>().unwrap(), g);
        for alias in g.aliases() {
            assert_eq!(alias.parse::<OutcomeGroup>().unwrap(), g, "{alias}");
        }
    }
    assert!("Nothing like it".parse::<OutcomeGroup>().is_err());
}

#[test]
fn every_category_parses_by_name_code_and_other_names() {
    assert_eq!(Category::ALL.len(), 28);
    for &c in Category::ALL {
        assert_eq!(Category::from_name(c.name()).unwrap(), c);
        assert_eq!(Category::from_code(c.code()).unwrap(), c);
        assert_eq!(c.name().parse::<Category>().unwrap(), c);
        for other in c.other_names() {
            assert_eq!(Category::from_name(other).unwrap(), c);
        }
        assert!(!c.outcomes().is_empty(), "{c}");
    }
    for (legacy, c) in [
        ("Offender sentenced as part of another case", Category::SentencedInAnotherCase),
        ("Offender given community penalty", Category::CommunityPenalty),
        ("Offender imprisoned", Category::Imprisoned),
        ("Suspect found not guilty", Category::NotGuilty),
    ] {
        assert_eq!(Category::from_name(legacy).unwrap(), c);
    }
    let err = Category::from_name("Offender given a stern look").unwrap_err();
    assert!(err.to_string().contains("Offender given a stern look"));
    assert!(Category::from_name("suspect charged").is_err(), "names are matched exactly");
}

#[test]
fn category_mapping_is_honest_about_precision() {
    use OutcomeType as T;
    for c in [Category::Imprisoned, Category::Fined, Category::AwaitingCourtResult, Category::NotGuilty] {
        assert_eq!(c.outcomes(), OutcomeSet::from(T::ChargedSummonsed));
    }
    assert_eq!(Category::Cautioned.outcomes(), OutcomeSet::of([T::CautionYouths, T::CautionAdults]));
    assert!(Category::UnableToProsecute.outcomes().contains(T::EvidentialDifficultiesVictimSupports.into()));
    assert!(Category::UnableToProsecute.outcomes().contains(T::EvidentialDifficultiesVictimDoesNotSupport.into()));
    assert_eq!(Category::UnderInvestigation.outcomes(), OutcomeSet::single(Outcome::NotYetAssigned));
    assert_eq!(Category::StatusUpdateUnavailable.outcomes(), OutcomeSet::ANY);
}

fn raw() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/raw")
}

/// Reads one column of the unquoted data.police.uk files (the City of London
/// files hold no quoted fields; checked by the column count).
fn column(file: &std::path::Path, index: usize, width: usize) -> Vec<String> {
    let text = std::fs::read_to_string(file).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(header.len(), width, "{}", file.display());
    lines
        .map(|l| {
            let fields: Vec<&str> = l.split(',').collect();
            assert_eq!(fields.len(), width, "{}: {l}", file.display());
            fields[index].to_owned()
        })
        .collect()
}

#[test]
fn every_category_in_the_real_files_parses() {
    let dir = raw().join("berlinhack-cityoflondon");
    let mut seen: BTreeMap<Category, usize> = BTreeMap::new();
    let mut rows = 0;
    let mut asb_or_empty = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let values = if name.ends_with("-street.csv") {
            column(&path, 10, 12)
        } else if name.ends_with("-outcomes.csv") {
            column(&path, 9, 10)
        } else {
            continue;
        };
        for v in values {
            rows += 1;
            if v.is_empty() {
                asb_or_empty += 1;
                continue;
            }
            let c = Category::from_name(&v).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            *seen.entry(c).or_default() += 1;
        }
    }
    // SOURCES.md: 36 files, 10,118 street rows and 9,136 outcome rows.
    assert_eq!(rows, 10_118 + 9_136);
    assert_eq!(seen.values().sum::<usize>() + asb_or_empty, rows);
    assert_eq!(seen[&Category::PenaltyNoticeIssued], 36 + 47);
    assert_eq!(seen[&Category::NoFurtherAction], 3_917 + 4_726);
}

#[test]
fn figure_4_from_real_street_files_is_exact_where_the_data_allow() {
    // City of London, crimes recorded January to June 2016, last outcome as published.
    let dir = raw().join("berlinhack-cityoflondon");
    let mut counts = OutcomeCounts::new();
    for month in 1..=6 {
        let path = dir.join(format!("2016-0{month}-city-of-london-street.csv"));
        let crime_type = column(&path, 9, 12);
        let outcome = column(&path, 10, 12);
        for (ty, out) in crime_type.iter().zip(&outcome) {
            if ty == "Anti-social behaviour" {
                assert!(out.is_empty());
                continue;
            }
            counts.add(Category::from_name(out).unwrap().outcomes(), 1).unwrap();
        }
    }
    let table = OutcomeTable::figure_4(&counts, TableNotes::default()).unwrap();
    let total = table.row(RowKind::Total).unwrap();
    assert_eq!(total.count.exact(), Some(table.offences()));
    // "Investigation complete; no suspect identified" pins outcome 18 exactly...
    let no_suspect = table.row(RowKind::Type(OutcomeType::InvestigationCompleteNoSuspect)).unwrap();
    assert!(no_suspect.count.at_least() > 0);
    // ... but with "Status update unavailable" rows in the data, no row is exact.
    assert!(no_suspect.count.exact().is_none());
    let cautions = table.row(RowKind::Type(OutcomeType::CautionAdults)).unwrap();
    assert_eq!(cautions.count.at_least(), 0);
    assert!(matches!(cautions.share, Share::Between(..)));
}

fn counts_strategy() -> impl Strategy<Value = OutcomeCounts> {
    prop::collection::vec((0u32..23, 0u64..10_000), 0..30).prop_map(|items| {
        let mut c = OutcomeCounts::new();
        for (n, count) in items {
            let outcome = if n == 0 { Outcome::NotYetAssigned } else { OutcomeType::from_number(n).unwrap().into() };
            c.add(outcome, count).unwrap();
        }
        c
    })
}

proptest! {
    #[test]
    fn merging_is_commutative_and_associative(a in counts_strategy(), b in counts_strategy(), c in counts_strategy()) {
        let mut ab = a.clone();
        ab.merge(&b).unwrap();
        let mut ba = b.clone();
        ba.merge(&a).unwrap();
        prop_assert_eq!(&ab, &ba);
        let mut ab_c = ab.clone();
        ab_c.merge(&c).unwrap();
        let mut bc = b.clone();
        bc.merge(&c).unwrap();
        let mut a_bc = a.clone();
        a_bc.merge(&bc).unwrap();
        prop_assert_eq!(ab_c.total(), a.total() + b.total() + c.total());
        prop_assert_eq!(ab_c, a_bc);
    }

    #[test]
    fn table_rows_sum_to_their_totals(c in counts_strategy()) {
        prop_assume!(c.total() > 0);
        let table = OutcomeTable::figure_4(&c, TableNotes::default()).unwrap();
        // Top-level rows (groups and ungrouped types) cover every outcome of the 2016 layout.
        let top: Vec<&TableRow> = table
            .rows()
            .iter()
            .filter(|r| r.layout.indent == 0 && matches!(r.layout.kind, RowKind::Type(_) | RowKind::Group(_)))
            .collect();
        let assigned = table.row(RowKind::TotalAssigned).unwrap();
        let not_yet = table.row(RowKind::NotYetAssigned).unwrap();
        let total = table.row(RowKind::Total).unwrap();
        // Outcomes 19 and 22 are not in the 2016 layout.
        let outside = c.tally(OutcomeSet::of([OutcomeType::NationalFraudIntelligenceBureau, OutcomeType::Diversionary])).exact().unwrap();
        let sum: u64 = top.iter().map(|r| r.count.exact().unwrap()).sum();
        prop_assert_eq!(sum + outside, assigned.count.exact().unwrap());
        prop_assert_eq!(assigned.count.exact().unwrap() + not_yet.count.exact().unwrap(), total.count.exact().unwrap());
        // The unrounded shares sum the same way.
        let share = |r: &TableRow| match r.share { Share::Exact(p) => p.fraction(), Share::Between(..) => unreachable!() };
        let parts: Decimal = top.iter().map(|r| share(r)).sum::<Decimal>() + Decimal::from(outside) / Decimal::from(c.total());
        prop_assert!((parts - share(assigned)).abs() < Decimal::new(1, 20));
        prop_assert_eq!(share(total), Decimal::ONE);
        // Every group row is the sum of its members' counts.
        for r in table.rows() {
            if let RowKind::Group(g) = r.layout.kind {
                let members: u64 = g.members().iter().map(|t| c.tally((*t).into()).exact().unwrap()).sum();
                prop_assert_eq!(r.count.exact().unwrap(), members);
            }
        }
    }
}

#[test]
fn domestic_abuse_rates_need_not_sum_to_100() {
    let mut da = DomesticAbuseCounts { offences_recorded: 100, ..Default::default() };
    da.outcomes_recorded.add(OutcomeType::ChargedSummonsed, 60).unwrap();
    da.outcomes_recorded.add(OutcomeType::EvidentialDifficultiesVictimDoesNotSupport, 70).unwrap();
    let rates = DomesticAbuseOutcomeRates::figure_8(&da, TableNotes::default()).unwrap();
    let sum: Decimal = rates.rows().iter().map(|r| r.rate.value()).sum();
    assert_eq!(sum, Decimal::from(130));
    assert!(DomesticAbuseOutcomeRates::figure_8(&DomesticAbuseCounts::default(), TableNotes::default()).is_err());
}

#[test]
fn comparisons_carry_exclusions_and_partial_years() {
    let mut c = OutcomeComparison::new();
    let mut a = OutcomeCounts::new();
    a.add(OutcomeType::ChargedSummonsed, 10).unwrap();
    a.add(Outcome::NotYetAssigned, 90).unwrap();
    let mut b = OutcomeCounts::new();
    b.add(OutcomeType::ChargedSummonsed, 5).unwrap();
    b.add(Outcome::NotYetAssigned, 5).unwrap();
    c.include("Wiltshire Police", a, Coverage::FullYear).unwrap();
    c.include("Derbyshire Constabulary", b, Coverage::quarters(3).unwrap()).unwrap();
    c.exclude("Dorset Police", Exclusion::new("outcomes not reliably recorded").unwrap()).unwrap();
    assert!(c.exclude("Dorset Police", Exclusion::new("again").unwrap()).is_err());
    let ew = c.england_and_wales().unwrap();
    assert_eq!(ew.offences(), 110);
    assert_eq!(ew.notes().excluded[0].0, "Dorset Police");
    assert_eq!(ew.notes().partial, vec![("Derbyshire Constabulary".to_owned(), Coverage::Quarters(3))]);
    let text = ew.notes().to_string();
    assert!(text.contains("Dorset Police is excluded: outcomes not reliably recorded"), "{text}");
    assert!(text.contains("3 quarter"), "{text}");
    let derbyshire = c.table(&"Derbyshire Constabulary").unwrap().unwrap();
    assert_eq!(derbyshire.notes().partial.len(), 1);
    assert!(c.table(&"Dorset Police").unwrap().is_none());
    let compared =
        c.compare(RowKind::Type(OutcomeType::ChargedSummonsed), Direction::HighIsNotable, Widening::default()).unwrap();
    assert_eq!(compared.of(), 2);
    let derbyshire = compared.get(&&"Derbyshire Constabulary").unwrap();
    assert_eq!(derbyshire.rank.unwrap().best, 1);
    // Two units are too few for a band; both are tested against the pooled 15 of 110.
    assert!(derbyshire.band().is_none() && derbyshire.significance.is_some());
    assert_eq!(compared.pooled().unwrap().value.unwrap().round_dp(4).to_string(), "13.6364");
    assert!(Coverage::quarters(4).is_err());
}

#[cfg(feature = "serde")]
#[test]
fn serde_round_trips_and_validates() {
    let t: OutcomeType = serde_json::from_str("15").unwrap();
    assert_eq!(t, OutcomeType::EvidentialDifficultiesVictimSupports);
    assert!(serde_json::from_str::<OutcomeType>("23").is_err());
    let c: Category = serde_json::from_str("\"Offender imprisoned\"").unwrap();
    assert_eq!(serde_json::to_string(&c).unwrap(), "\"Offender sent to prison\"");
    assert!(serde_json::from_str::<Category>("\"nonsense\"").is_err());
    let mut counts = OutcomeCounts::new();
    counts.add(Category::Cautioned.outcomes(), 3).unwrap();
    counts.add(Outcome::NotYetAssigned, 2).unwrap();
    let json = serde_json::to_string(&counts).unwrap();
    let back: OutcomeCounts = serde_json::from_str(&json).unwrap();
    assert_eq!(back, counts);
}

/// Figure 8's last row is outcome 16 alone: outcome 14 (suspect not identified) must not
/// count in it (it did when the row was mapped to figure 4's group of 16 and 14).
#[test]
fn figure_8_last_row_is_outcome_16_alone() {
    let last = FIGURE_8.last().unwrap();
    assert_eq!(last.kind, RowKind::Type(OutcomeType::EvidentialDifficultiesVictimDoesNotSupport));
    assert_eq!(last.number, Some(16));
    let mut da = DomesticAbuseCounts { offences_recorded: 100, ..Default::default() };
    da.outcomes_recorded.add(OutcomeType::EvidentialDifficultiesVictimDoesNotSupport, 30).unwrap();
    da.outcomes_recorded.add(OutcomeType::EvidentialDifficultiesSuspectNotIdentified, 12).unwrap();
    let rates = DomesticAbuseOutcomeRates::figure_8(&da, TableNotes::default()).unwrap();
    assert_eq!(rates.rows().last().unwrap().rate.value(), Decimal::from(30));
    // Every figure 8 row is a single outcome type.
    assert!(FIGURE_8.iter().all(|l| matches!(l.kind, RowKind::Type(_))));
}
