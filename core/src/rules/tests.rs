//! Registry, documentation and golden-report tests of the rule engine.
//!
//! Golden reports live in `tests/golden/findings/<fixture dir>/<fixture>.txt`, one per fixture
//! under `tests/fixtures/`; regenerate them (and `docs/rules.md`) with
//! `UPDATE_EXPECT=1 cargo test -p dsreg-core rules`, then review every change by eye.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::string::String;
use std::vec::Vec;
use std::{env, format, fs};

use super::*;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

use dsreg_expect::expect_file;

#[test]
fn ids_are_unique_sorted_and_well_formed() {
    for pair in ALL.windows(2) {
        assert!(
            pair[0].id < pair[1].id,
            "{} before {}",
            pair[0].id,
            pair[1].id
        );
    }
    let mut names: Vec<&str> = ALL.iter().map(|r| r.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), ALL.len(), "rule names must be unique");
    for rule in ALL {
        assert!(
            rule.id.starts_with("DSR") && rule.id.len() == 6,
            "{}",
            rule.id
        );
        assert!(
            rule.id[3..].bytes().all(|b| b.is_ascii_digit()),
            "{}",
            rule.id
        );
        assert!(
            rule.name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{} is not kebab-case",
            rule.name
        );
        for text in [rule.docs.checks, rule.docs.matters, rule.docs.fix] {
            assert!(
                !text.trim().is_empty(),
                "{} has an empty docs heading",
                rule.id
            );
        }
    }
}

#[test]
fn rule_files_are_named_after_their_rules() {
    let dir = root().join("core/src/rules");
    for rule in ALL {
        let file = format!(
            "{}_{}.rs",
            rule.id.to_ascii_lowercase(),
            rule.name.replace('-', "_")
        );
        assert!(dir.join(&file).exists(), "{} lives in {file}", rule.id);
    }
}

#[test]
fn docs_rules_md_is_fresh() {
    expect_file(&root().join("docs/rules.md"), &rules_markdown());
}

#[test]
fn severities_order_worst_first() {
    assert!(Severity::Critical < Severity::Warning);
    assert!(Severity::Warning < Severity::Info);
    assert!(Severity::Info < Severity::Ok);
    assert_eq!(
        serde_json::to_string(&Severity::Critical).unwrap(),
        "\"critical\""
    );
}

#[test]
fn findings_serialise_as_snake_case_json() {
    let input = "| Device State |\nAzureAdJoined : YES\nEnterpriseJoined : NO\nDomainJoined : NO\n| SSO State |\nAzureAdPrt : NO\n";
    let analysis = crate::analyze(input.as_bytes());
    let doc = analysis.documents().next().unwrap();
    let findings = check(&doc);
    let json = serde_json::to_string(&findings).unwrap();
    assert!(json.contains("\"severity\":\"critical\""), "{json}");
    assert!(json.contains("\"evidence\":[{\"section\":\"SSO State\",\"key\":\"AzureAdPrt\",\"value\":\"NO\",\"line\":6}]"), "{json}");
    assert_eq!(findings[0].rule, "DSR006");
    assert_eq!(
        verdict(&doc, &findings),
        "Microsoft Entra joined: the signed-in user has no Entra PRT."
    );
}

#[test]
fn ranking_is_by_severity_then_id() {
    let input = "| Device State |\nAzureAdJoined : YES\nEnterpriseJoined : NO\nDomainJoined : NO\n| Device Details |\nTpmProtected : NO\nDeviceAuthStatus : FAILED. ERROR\n| SSO State |\nAzureAdPrt : NO\n";
    let analysis = crate::analyze(input.as_bytes());
    let doc = analysis.documents().next().unwrap();
    let ids: Vec<(&str, Severity)> = check(&doc).iter().map(|f| (f.rule, f.severity)).collect();
    assert_eq!(
        ids,
        [
            // DeviceAuthStatus and the missing PRT are one cause: one finding, the worst
            // severity of the two.
            ("DSR003", Severity::Critical),
            ("DSR001", Severity::Info),
            ("DSR005", Severity::Info),
        ]
    );
}

#[test]
fn healthy_devices_say_so() {
    let input = "| Device State |\nAzureAdJoined : YES\nEnterpriseJoined : NO\nDomainJoined : YES\n| Device Details |\nTpmProtected : YES\nDeviceAuthStatus : SUCCESS\n| SSO State |\nAzureAdPrt : YES\n";
    let analysis = crate::analyze(input.as_bytes());
    let doc = analysis.documents().next().unwrap();
    let findings = check(&doc);
    assert_eq!(
        verdict(&doc, &findings),
        "Microsoft Entra hybrid joined: the device registration is healthy (Entra ID accepts the \
         device and the user has a PRT)."
    );
}

#[test]
fn decap_keeps_acronyms_and_keys() {
    assert_eq!(decap("The device"), "the device");
    assert_eq!(decap("PRT missing"), "PRT missing");
    assert_eq!(decap("KeySignTest failed"), "KeySignTest failed");
    assert_eq!(
        decap("AD Configuration Test fails"),
        "AD Configuration Test fails"
    );
}

/// The golden text of one input: verdict and findings of each document.
fn render(input: &[u8]) -> String {
    let analysis = crate::analyze(input);
    let mut out = String::new();
    let many = analysis.documents().len() > 1;
    for doc in analysis.documents() {
        let findings = check(&doc);
        let (first, last) = doc.line_range();
        if many {
            let _ = writeln!(
                out,
                "=== document {} (lines {first}-{last})\n",
                doc.index() + 1
            );
        }
        let _ = writeln!(out, "verdict: {}", verdict(&doc, &findings));
        for (n, f) in findings.iter().enumerate() {
            // Harness invariants.
            assert!(!f.evidence.is_empty(), "{} has no evidence", f.rule);
            for e in &f.evidence {
                assert!(
                    (first..=last).contains(&e.line),
                    "{}: evidence line {} outside {first}-{last}",
                    f.rule,
                    e.line
                );
            }
            let _ = writeln!(
                out,
                "\n{}. [{}] {} {}: {}",
                n + 1,
                f.severity,
                f.rule,
                f.name,
                f.title
            );
            let _ = writeln!(out, "   {}", f.explanation);
            for e in &f.evidence {
                if e.key.is_empty() {
                    let _ = writeln!(out, "   line {}: (console) {}", e.line, e.value);
                    continue;
                }
                let section = e.section.as_deref().unwrap_or("(no section)");
                let _ = writeln!(
                    out,
                    "   line {}: {section} / {} : {}",
                    e.line, e.key, e.value
                );
            }
            for (i, s) in f.steps.iter().enumerate() {
                assert!(s.link.is_none_or(|l| l.starts_with("https://")));
                match s.link {
                    Some(link) => {
                        let _ = writeln!(out, "   step {}: {} <{link}>", i + 1, s.text);
                    }
                    None => {
                        let _ = writeln!(out, "   step {}: {}", i + 1, s.text);
                    }
                }
            }
            if !f.codes.is_empty() {
                let _ = writeln!(out, "   codes: {}", f.codes.join(", "));
            }
            if !f.checks.is_empty() {
                let ids: Vec<&str> = f.checks.iter().map(|c| c.id).collect();
                let _ = writeln!(out, "   next checks: {}", ids.join(", "));
            }
        }
        if many {
            out.push('\n');
        }
    }
    out
}

#[test]
fn golden_findings() {
    let fixtures = root().join("tests/fixtures");
    let golden = root().join("tests/golden/findings");
    let mut seen = 0;
    for group in ["corpus", "seed", "synthetic"] {
        let Ok(entries) = fs::read_dir(fixtures.join(group)) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            if path.extension().is_none_or(|e| e != "txt") {
                continue;
            }
            let input = fs::read(&path).unwrap();
            let name = path.file_name().unwrap();
            expect_file(&golden.join(group).join(name), &render(&input));
            seen += 1;
        }
    }
    assert!(
        seen >= 20,
        "expected the corpus and seed fixtures, found {seen}"
    );
}
