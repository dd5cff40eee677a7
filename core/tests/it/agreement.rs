//! The field table and the findings never contradict each other: a value the report shows as
//! bad (an expired or not-yet-valid certificate, FAIL, FAILED, ERROR) is evidence of a finding
//! that names it, for every fixture.

use std::fs;

use dsreg_core::{
    analyze,
    report::{DocumentReport, Tone},
};

use crate::{FIXTURE_DIRS, fixtures};

#[test]
fn a_field_shown_as_bad_is_evidence_of_a_finding() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for dir in FIXTURE_DIRS {
        for path in fixtures(dir) {
            let analysis = analyze(&fs::read(&path).unwrap());
            for doc in analysis.documents() {
                let report = DocumentReport::new(&analysis, doc, "fixture");
                for field in report.sections.iter().flat_map(|s| &s.fields) {
                    let expired = field.validity.is_some_and(|v| v.tone == Tone::Bad);
                    let failed = field.badge.is_some_and(|b| b.tone == Tone::Bad);
                    if !(expired || failed) {
                        continue;
                    }
                    checked += 1;
                    let named = report.findings.iter().any(|f| {
                        (!expired || f.rule == "DSR004")
                            && f.evidence.iter().any(|e| e.line == field.line)
                    });
                    if !named {
                        failures.push(format!(
                            "{} line {}: {} : {} is shown as bad, but no finding names it",
                            path.display(),
                            field.line,
                            field.key,
                            field.value
                        ));
                    }
                }
            }
        }
    }
    assert!(checked >= 5, "only {checked} bad fields in the fixtures");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
