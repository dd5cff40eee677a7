//! End-to-end tests of the `dsreg` binary: the NDJSON contract, stdin, text output, exit codes.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

mod fleet;
mod ps_port;
mod schema;

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures")
        .join(path)
}

fn dsreg(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dsreg"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or_default()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn json_lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn json_is_one_object_per_document_with_the_contract_keys() {
    let path = fixture("synthetic/several-outputs.txt");
    let path = path.to_str().unwrap();
    let out = dsreg(&["analyze", "--format", "json", path], None);
    assert!(out.status.success());
    let docs = json_lines(&out);
    assert_eq!(docs.len(), 3);
    let states: Vec<_> = docs
        .iter()
        .map(|d| d["join_state"].as_str().unwrap())
        .collect();
    assert_eq!(states, ["entra_joined", "domain_joined", "inconsistent"]);
    for doc in &docs {
        assert_eq!(doc["source"], path);
        let findings = doc["findings"].as_array().unwrap();
        assert!(
            !findings.is_empty(),
            "every output gets at least the join-state finding"
        );
        for finding in findings {
            assert!(finding["rule"].as_str().unwrap().starts_with("DSR"));
            assert!(finding["severity"].is_string() && finding["title"].is_string());
            assert!(finding["evidence"].is_array() && finding["steps"].is_array());
        }
        assert!(doc["verdict"].as_str().is_some_and(|v| v.ends_with('.')));
        assert!(doc["codes"].is_array());
        assert!(doc["problems"].is_array());
        let section = &doc["sections"][0];
        assert_eq!(section["title"], "Device State");
        let field = &section["fields"][0];
        assert_eq!(field["key"], "AzureAdJoined");
        assert!(field["value"].is_string());
        assert!(field["line"].is_u64());
    }
}

#[test]
fn codes_are_listed_with_their_meaning_in_context() {
    let path = fixture("corpus/038-previous-registration-directoryerror-fragment.txt");
    let out = dsreg(
        &["analyze", "--format", "json", path.to_str().unwrap()],
        None,
    );
    let doc = &json_lines(&out)[0];
    let codes = doc["codes"].as_array().unwrap();
    let code = |c: &str| {
        codes
            .iter()
            .find(|e| e["code"] == c)
            .unwrap_or_else(|| panic!("{c} listed in {codes:?}"))["meaning"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert!(code("0x801c03f2").contains("DSREG_E_DIRECTORY_FAILURE"));
    assert!(code("DirectoryError").contains("directory"));
    let worst = &doc["findings"][0];
    assert_eq!(worst["rule"], "DSR014");
    assert!(
        worst["codes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c == "0x801c03f2")
    );
}

#[test]
fn problems_carry_line_numbers() {
    let path = fixture("corpus/006-sso-adfs-msis9682-placeholders.txt");
    let out = dsreg(
        &["analyze", "--format", "json", path.to_str().unwrap()],
        None,
    );
    assert!(out.status.success());
    let doc = &json_lines(&out)[0];
    let problems = doc["problems"].as_array().unwrap();
    assert!(
        problems
            .iter()
            .any(|p| p["line"] == 25 && p["message"].as_str().unwrap().contains("\"x\""))
    );
    assert_eq!(doc["join_state"], "unknown");
}

#[test]
fn stdin_is_read_with_a_dash_and_utf16_is_decoded() {
    let text = std::fs::read_to_string(fixture("synthetic/crlf-line-ends.txt")).unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    let out = dsreg(&["analyze", "--format", "json", "-"], Some(&bytes));
    assert!(out.status.success());
    let doc = &json_lines(&out)[0];
    assert_eq!(doc["source"], "-");
    assert_eq!(doc["join_state"], "hybrid_joined");
    assert_eq!(doc["encoding"], "utf16_le_bom");
}

#[test]
fn any_text_exits_zero_even_without_dsregcmd_content() {
    let out = dsreg(
        &["analyze", "-"],
        Some(b"hello, this is not dsregcmd output\n"),
    );
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Join state: unknown"), "{text}");
    assert!(text.contains("line 1:"), "{text}");
}

#[test]
fn text_report_is_readable() {
    let path = fixture("corpus/002-ws2022-domainonly-scp-missing-proxy-wrapped.txt");
    let out = dsreg(
        &["analyze", "--format", "text", path.to_str().unwrap()],
        None,
    );
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Join state: domain_joined"), "{text}");
    assert!(text.contains("[Diagnostic Data]  (line 32)"), "{text}");
    assert!(
        text.contains("AD Configuration Test  : FAIL [0x80070002]  [line 41]"),
        "{text}"
    );
}

#[test]
fn unreadable_file_fails_with_a_clear_message_after_the_others() {
    let good = fixture("synthetic/crlf-line-ends.txt");
    let out = dsreg(
        &[
            "analyze",
            "--format",
            "json",
            "/nonexistent/dsreg.txt",
            good.to_str().unwrap(),
        ],
        None,
    );
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr.clone()).unwrap();
    assert!(err.contains("cannot read /nonexistent/dsreg.txt"), "{err}");
    assert_eq!(json_lines(&out).len(), 1);
}

#[test]
fn bad_usage_is_an_error() {
    let out = dsreg(&["analyze", "--format", "yaml", "x"], None);
    assert!(!out.status.success());
    let out = dsreg(&["analyze"], None);
    assert!(!out.status.success());
}

#[test]
fn json_carries_the_schema_version() {
    let path = fixture("synthetic/crlf-line-ends.txt");
    let out = dsreg(
        &["analyze", "--format", "json", path.to_str().unwrap()],
        None,
    );
    assert!(out.status.success());
    let doc = &json_lines(&out)[0];
    assert_eq!(doc["schema_version"], 1);
}

#[test]
fn markdown_is_a_ticket_summary_per_document() {
    let path = fixture("corpus/002-ws2022-domainonly-scp-missing-proxy-wrapped.txt");
    let out = dsreg(
        &["analyze", "--format", "markdown", path.to_str().unwrap()],
        None,
    );
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.starts_with("# dsregcmd report: "), "{md}");
    assert!(
        md.contains("**Verdict:** Domain joined only (not hybrid joined)"),
        "{md}"
    );
    assert!(
        md.contains("### 1. Critical: Hybrid join is failing in the discover phase"),
        "{md}"
    );
    assert!(md.contains("| DomainJoined | YES | 10 |"), "{md}");
    assert!(md.contains("(<https://learn.microsoft.com/"), "{md}");

    let several = fixture("synthetic/several-outputs.txt");
    let out = dsreg(
        &["analyze", "--format", "markdown", several.to_str().unwrap()],
        None,
    );
    let md = String::from_utf8(out.stdout).unwrap();
    assert_eq!(md.matches("# dsregcmd report: ").count(), 3, "{md}");
    assert_eq!(md.matches("\n---\n").count(), 2, "{md}");
    assert!(md.contains("(output 3)"), "{md}");
}

#[test]
fn redact_prints_the_text_with_pseudonyms() {
    let path = fixture("corpus/012-aadj-hostname-updated-cloudtgt.txt");
    let original = std::fs::read_to_string(&path).unwrap();
    let out = dsreg(&["redact", path.to_str().unwrap()], None);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), original.lines().count());
    assert!(
        text.contains("DeviceId : 00000000-0000-4000-8000-000000000002"),
        "{text}"
    );
    assert!(
        !text.contains("09b2cda9-7b8a-a26e-0da5-5c031b62a7e3"),
        "{text}"
    );
    assert!(!text.contains("fabrikamlabsxyz.onmicrosoft.com"), "{text}");
    assert!(
        text.contains("https://enterpriseregistration.windows.net/"),
        "{text}"
    );

    // The redacted text reads the same: same join state through the analyzer.
    let again = dsreg(&["analyze", "--format", "json", "-"], Some(text.as_bytes()));
    assert_eq!(json_lines(&again)[0]["join_state"], "entra_joined");

    // UTF-16 from stdin is decoded first; output is UTF-8.
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "DeviceId : 3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b\n".encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    let out = dsreg(&["redact", "-"], Some(&bytes));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "DeviceId : 00000000-0000-4000-8000-000000000001\n"
    );
    let out = dsreg(&["redact", "/nonexistent/x.txt"], None);
    assert!(!out.status.success());
}

#[test]
fn linkstats_prints_three_lengths_a_ratio_and_totals() {
    let a = fixture("corpus/012-aadj-hostname-updated-cloudtgt.txt");
    let b = fixture("corpus/024-aadj-retyped-ragged-willprovision.txt");
    let out = dsreg(
        &["linkstats", a.to_str().unwrap(), b.to_str().unwrap()],
        None,
    );
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(
        lines[0].contains("dictionary") && lines[0].contains("ratio"),
        "{text}"
    );
    let row = |line: &str| -> (usize, usize, usize, f64) {
        let cols: Vec<&str> = line.split_whitespace().collect();
        (
            cols[0].parse().unwrap(),
            cols[1].parse().unwrap(),
            cols[2].parse().unwrap(),
            cols[3].parse().unwrap(),
        )
    };
    let (d1, p1, r1, ratio1) = row(lines[1]);
    let (d2, p2, r2, _) = row(lines[2]);
    let (dt, pt, rt, _) = row(lines[3]);
    assert!(lines[3].ends_with("total"), "{text}");
    assert_eq!((dt, pt, rt), (d1 + d2, p1 + p2, r1 + r2));
    assert!(d1 < p1 && p1 < r1, "{text}");
    assert!(ratio1 <= 0.55, "{text}");
}

#[test]
fn diff_of_one_file_compares_its_first_and_last_outputs() {
    let path = fixture("synthetic/before-after-scp-fixed.txt");
    let out = dsreg(&["diff", "--format", "json", path.to_str().unwrap()], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["join_state_before"], "domain_joined");
    assert_eq!(json["join_state_after"], "hybrid_joined");
    assert_eq!(json["findings_resolved"][0]["rule"], "DSR014");
    let changed = json["fields_changed"].as_array().unwrap();
    assert!(
        changed
            .iter()
            .any(|c| c["key"] == "AzureAdJoined" && c["before"] == "NO" && c["after"] == "YES"),
        "{changed:?}"
    );
    let text = dsreg(&["diff", path.to_str().unwrap()], None);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("Join state: domain_joined -> hybrid_joined"),
        "{text}"
    );
    assert!(text.contains("Resolved findings:"), "{text}");
}

#[test]
fn diff_of_two_files_flags_two_devices_and_one_output_is_not_enough() {
    let a = fixture("corpus/012-aadj-hostname-updated-cloudtgt.txt");
    let b = fixture("corpus/011-hybrid-adfs-enterpriseprt-qa-flattened.txt");
    let out = dsreg(
        &[
            "diff",
            "--format",
            "markdown",
            a.to_str().unwrap(),
            b.to_str().unwrap(),
        ],
        None,
    );
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("Two different devices"));
    let one = dsreg(&["diff", a.to_str().unwrap()], None);
    assert_eq!(one.status.code(), Some(2));
    let err = String::from_utf8_lossy(&one.stderr);
    assert!(
        err.contains("nothing to compare") && err.contains("1 output(s)"),
        "{err}"
    );
}
