//! The expert's reading of every corpus fixture (`tests/fixtures/corpus/EXPECTED.tsv`): the
//! analyzer names the top problem with at least the expert's severity, and raises nothing
//! critical or warning where the expert sees no problem.

use std::fs;

use dsreg_core::{analyze, rules::Severity};

use crate::tests_dir;

fn severity(name: &str) -> Option<Severity> {
    match name {
        "critical" => Some(Severity::Critical),
        "warning" => Some(Severity::Warning),
        "none" => None,
        other => panic!("unknown severity {other}"),
    }
}

#[test]
fn every_corpus_fixture_reads_as_the_expert_reads_it() {
    let dir = tests_dir().join("fixtures/corpus");
    let table = fs::read_to_string(dir.join("EXPECTED.tsv")).unwrap();
    let fixtures: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    let mut checked = 0;
    let mut failures = Vec::new();
    for row in table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let cols: Vec<&str> = row.split('\t').collect();
        let prefix = cols[0];
        let path = fixtures
            .iter()
            .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
            .unwrap_or_else(|| panic!("no fixture for {prefix}"));
        let analysis = analyze(&fs::read(path).unwrap());
        let doc = analysis.documents().next().unwrap();
        let findings = dsreg_core::rules::check(&doc);
        checked += 1;
        match severity(cols[1]) {
            None => {
                if let Some(f) = findings.iter().find(|f| f.severity.is_problem()) {
                    failures.push(format!(
                        "{prefix}: the expert sees no problem, the analyzer says [{}] {} {}",
                        f.severity, f.rule, f.title
                    ));
                }
            }
            Some(expected) => {
                let rules: Vec<&str> = cols[2].split(',').collect();
                let top = &findings[0];
                if !(top.severity <= expected
                    && rules.contains(&top.rule)
                    && top.title.contains(cols[3]))
                {
                    failures.push(format!(
                        "{prefix}: expected [{expected}] {} \"{}\", got [{}] {} {}",
                        cols[2], cols[3], top.severity, top.rule, top.title
                    ));
                }
            }
        }
    }
    assert_eq!(checked, fixtures.len(), "every corpus fixture has a row");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
