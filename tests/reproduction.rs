//! The main job's ledger, pinned: every row's verdict when the Wiltshire 2016
//! report is checked against the ONS recorded crime table in `data/raw/`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, missing_docs)]

use std::path::PathBuf;

use policing::data::recorded_crime::read_pfa_table;
use policing::peel::ledger::{evaluate, report, Entry, Ledger, Measure, Sources, Tally, Verdict};

fn table() -> policing::data::recorded_crime::PfaTable {
    read_pfa_table(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/raw/ons-rec-crime-pfa/rec-crime-pfa.csv"),
        None,
    )
    .unwrap()
}

fn with_sources<T>(f: impl FnOnce(&[Entry<'_>]) -> T) -> T {
    let table = table();
    let ledger = Ledger::wiltshire_2016();
    let sources = Sources {
        recorded_crime: Some(&table.crime),
        recorded_crime_edition: "the 2019 edition".to_owned(),
        ..Sources::default()
    };
    let entries = evaluate(&ledger, &sources);
    f(&entries)
}

/// Every row's verdict. A change here is a change of what the main job claims.
const VERDICTS: &[(&str, Verdict)] = {
    use Verdict::*;
    &[
        ("judgment.overall", Input),
        ("judgment.overall.2015", Input),
        ("judgment.q1", Input),
        ("judgment.q2", Input),
        ("judgment.q3", Input),
        ("judgment.q4", Input),
        ("judgment.q5", Input),
        ("crime.rises", Reproduced),
        ("crime.five.w", Differs),
        ("crime.five.ew", Differs),
        ("victim.five.w", Differs),
        ("victim.five.ew", Differs),
        ("crime.one.w", Differs),
        ("crime.one.ew", Differs),
        ("asb.rate.w", NotComputable),
        ("asb.change.w", NotComputable),
        ("asb.change.ew", NotComputable),
        ("fig2.crime.w", Differs),
        ("fig2.crime.ew", Differs),
        ("fig2.victim.w", Differs),
        ("fig2.victim.ew", Differs),
        ("fig2.sexual.w", Reproduced),
        ("fig2.sexual.ew", Reproduced),
        ("fig2.assault.w", Differs),
        ("fig2.assault.ew", Differs),
        ("fig2.burglary.w", Reproduced),
        ("fig2.burglary.ew", Differs),
        ("survey.sample", Input),
        ("survey.satisfied", NotComputable),
        ("survey.change", NotComputable),
        ("outcomes.types", Input),
        ("f4.w.charged", NotComputable),
        ("f4.ew.charged", NotComputable),
        ("f4.w.tic", NotComputable),
        ("f4.ew.tic", NotComputable),
        ("f4.w.formal", Consistent),
        ("f4.ew.formal", Consistent),
        ("f4.w.caution_youths", NotComputable),
        ("f4.ew.caution_youths", NotComputable),
        ("f4.w.caution_adults", NotComputable),
        ("f4.ew.caution_adults", NotComputable),
        ("f4.w.pnd", NotComputable),
        ("f4.ew.pnd", NotComputable),
        ("f4.w.informal", Consistent),
        ("f4.ew.informal", Consistent),
        ("f4.w.cannabis", NotComputable),
        ("f4.ew.cannabis", NotComputable),
        ("f4.w.community_resolution", NotComputable),
        ("f4.ew.community_resolution", NotComputable),
        ("f4.w.prevented", NotComputable),
        ("f4.ew.prevented", NotComputable),
        ("f4.w.evd_supports", NotComputable),
        ("f4.ew.evd_supports", NotComputable),
        ("f4.w.evd_not", Consistent),
        ("f4.ew.evd_not", Consistent),
        ("f4.w.evd_not_16", NotComputable),
        ("f4.ew.evd_not_16", NotComputable),
        ("f4.w.evd_not_14", NotComputable),
        ("f4.ew.evd_not_14", NotComputable),
        ("f4.w.no_suspect", NotComputable),
        ("f4.ew.no_suspect", NotComputable),
        ("f4.w.other_body", NotComputable),
        ("f4.ew.other_body", NotComputable),
        ("f4.w.not_public_interest", NotComputable),
        ("f4.ew.not_public_interest", NotComputable),
        ("f4.w.assigned", Consistent),
        ("f4.ew.assigned", Consistent),
        ("f4.w.not_yet", NotComputable),
        ("f4.ew.not_yet", NotComputable),
        ("f4.w.total", Consistent),
        ("f4.ew.total", Consistent),
        ("f4.w.band_evd_supports", NotComputable),
        ("f5.w", Consistent),
        ("f5.ew", Consistent),
        ("iom.dasp", Input),
        ("iom.reoffending", NotComputable),
        ("iom.in_line", NotComputable),
        ("f6.lowest", NotComputable),
        ("f6.highest", NotComputable),
        ("f6.w", NotComputable),
        ("f6.ew", NotComputable),
        ("f6.above", Consistent),
        ("da.change.w", NotComputable),
        ("da.change.ew", NotComputable),
        ("da.share.w", NotComputable),
        ("da.share.ew", NotComputable),
        ("f7.w", NotComputable),
        ("marac.in_line", NotComputable),
        ("f8.w.in_line", NotComputable),
        ("f8.w.court", NotComputable),
        ("f8.w.evd_higher", Consistent),
        ("f8.w.charged", NotComputable),
        ("f8.ew.charged", NotComputable),
        ("f8.w.caution_adults", NotComputable),
        ("f8.ew.caution_adults", NotComputable),
        ("f8.w.caution_youths", NotComputable),
        ("f8.ew.caution_youths", NotComputable),
        ("f8.w.community_resolution", NotComputable),
        ("f8.ew.community_resolution", NotComputable),
        ("f8.w.evd_supports", NotComputable),
        ("f8.ew.evd_supports", NotComputable),
        ("f8.w.evd_not", NotComputable),
        ("f8.ew.evd_not", NotComputable),
        ("gain.w", NotComputable),
        ("gain.ew", NotComputable),
        ("gain.in_line", NotComputable),
        ("f9.w", NotComputable),
        ("f9.ew", NotComputable),
        ("f10.w", NotComputable),
        ("f10.ew", NotComputable),
        ("ocg.disruptions", Input),
        ("ocg.scpo", Input),
        ("firearms.funding", Input),
        ("annex.staff_survey", Input),
        ("annex.public_survey", Input),
        ("annex.files", Input),
        ("annex.rises", Consistent),
        ("annex.lancashire_days", Input),
    ]
};

#[test]
fn every_verdict_is_pinned() {
    with_sources(|entries| {
        let got: Vec<(&str, Verdict)> = entries.iter().map(|e| (e.row.id.as_str(), e.verdict)).collect();
        assert_eq!(got.len(), VERDICTS.len(), "the ledger has {} rows", got.len());
        for ((id, verdict), (want_id, want)) in got.iter().zip(VERDICTS) {
            assert_eq!((id, verdict), (want_id, want), "{id}");
        }
        let tally = Tally::of(entries);
        assert_eq!(tally.headline(), "4 of 101 figures reproduced from source data");
        assert_eq!(
            tally.breakdown(),
            "118 rows: reproduced 4, differs 13, consistent 15, INCONSISTENT 0, not computable 69, input 17"
        );
    });
}

#[test]
fn only_rows_computed_from_a_file_are_reproduced_or_differ() {
    with_sources(|entries| {
        for e in entries {
            let from_file = matches!(
                e.row.measure,
                Measure::CrimeRate(_) | Measure::CrimeProxy(_) | Measure::CrimeChange(..) | Measure::CrimeRises(_)
            );
            if matches!(e.verdict, Verdict::Reproduced | Verdict::Differs) {
                assert!(from_file, "{} is {} without a source file", e.row.id, e.verdict);
            }
            if e.verdict == Verdict::Differs {
                // Both values, the difference and the reason.
                assert!(
                    e.note.contains("printed") && e.note.contains("difference") && e.note.contains("why:"),
                    "{}",
                    e.note
                );
            }
            if e.verdict == Verdict::NotComputable {
                assert!(e.note.starts_with("needs "), "{}: {}", e.row.id, e.note);
            }
        }
    });
}

#[test]
fn the_recorded_crime_statements_and_figure_2_from_the_source() {
    with_sources(|entries| {
        let get = |id: &str| entries.iter().find(|e| e.row.id == id).unwrap();
        // Reproduced: equal at the printed precision.
        assert_eq!(get("crime.rises").computed.as_deref(), Some("39 out of 43"));
        assert_eq!(get("fig2.sexual.w").computed.as_deref(), Some("1.9"));
        assert_eq!(get("fig2.burglary.w").computed.as_deref(), Some("4.5"));
        assert!(get("fig2.burglary.w").note.contains("1,329") && get("fig2.burglary.w").note.contains("295,888"));
        // Differs, with the later release named as the reason.
        let crime = get("fig2.crime.w");
        assert_eq!(crime.computed.as_deref(), Some("54.9"));
        assert!(crime.note.contains("38,612") && crime.note.contains("later release"), "{}", crime.note);
        assert_eq!(get("fig2.crime.ew").computed.as_deref(), Some("67.4"));
        assert_eq!(get("crime.five.w").computed.as_deref(), Some("+8.3"));
        assert_eq!(get("crime.one.ew").computed.as_deref(), Some("+8.1"));
        assert_eq!(get("victim.five.ew").computed.as_deref(), Some("-1.6"));
        // A definition the group-level table cannot match: the nearest group, said so.
        let assault = get("fig2.assault.w");
        assert_eq!(assault.computed.as_deref(), Some("7.1"));
        assert!(assault.note.contains("offence-code"), "{}", assault.note);
    });
}

#[test]
fn the_main_job_prints_the_ledger_and_the_headline() {
    let table = table();
    let sources = Sources { recorded_crime: Some(&table.crime), ..Sources::default() };
    let text = report(&Ledger::wiltshire_2016(), &sources);
    assert!(text.trim_end().ends_with("4 of 101 figures reproduced from source data"), "{}", &text[text.len() - 300..]);
    assert!(text.contains("118 rows: reproduced 4"));
    // Figure 1, computed: the first and last of the 21 quarters.
    assert!(text.contains("30 June 2011") && text.contains("54.9") && text.contains("67.4"));
    // Nothing the old main job claimed without a file: no round trips, no "Total 100.00" reproduction.
    assert!(!text.contains("round trip"));
}
