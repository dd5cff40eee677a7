//! `dsreg compact` and `dsreg fleet`: compact lines read back, a folder, an Intune-style CSV
//! and NDJSON reports in one table; the CSV and NDJSON formats.

use std::fs;

use super::{dsreg, fixture, json_lines};

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

#[test]
fn compact_lines_fit_and_read_back_to_the_same_report() {
    let path = fixture("synthetic/several-outputs.txt");
    let path = path.to_str().unwrap();
    let out = dsreg(&["compact", path], None);
    assert!(out.status.success());
    let lines = stdout(&out);
    assert_eq!(lines.lines().count(), 3);
    assert!(
        lines
            .lines()
            .all(|l| l.starts_with("DSRC1:") && l.len() <= 2048)
    );
    let full = json_lines(&dsreg(&["analyze", "--format", "json", path], None));
    let back = json_lines(&dsreg(
        &["analyze", "--format", "json", "-"],
        Some(lines.as_bytes()),
    ));
    assert_eq!(back.len(), 3);
    for (a, b) in full.iter().zip(&back) {
        assert_eq!(a["join_state"], b["join_state"]);
        assert_eq!(
            a["findings"].as_array().unwrap().len(),
            b["findings"].as_array().unwrap().len()
        );
        assert!(a["compact"].is_null());
        assert_eq!(b["compact"]["left_out"], serde_json::json!([]));
    }
    let text = dsreg(&["analyze", "-"], Some(lines.as_bytes()));
    assert!(
        stdout(&text).contains("Compact:    Read from a compact line, which holds every field")
    );
}

#[test]
fn fleet_reads_a_folder_a_csv_and_ndjson() {
    let dir = std::env::temp_dir().join(format!("dsreg-fleet-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("sub")).unwrap();
    for name in [
        "corpus/012-aadj-hostname-updated-cloudtgt.txt",
        "corpus/002-ws2022-domainonly-scp-missing-proxy-wrapped.txt",
    ] {
        fs::copy(
            fixture(name),
            dir.join("sub").join(name.rsplit('/').next().unwrap()),
        )
        .unwrap();
    }
    fs::write(dir.join("notes.md"), "nothing to see\n").unwrap();
    let line = stdout(&dsreg(
        &[
            "compact",
            fixture("corpus/012-aadj-hostname-updated-cloudtgt.txt")
                .to_str()
                .unwrap(),
        ],
        None,
    ));
    fs::write(
        dir.join("export.csv"),
        format!(
            "\u{feff}Device name,Pre-remediation detection output\r\n\"PC, 1\",{}\r\nPC-2,\r\n",
            line.trim()
        ),
    )
    .unwrap();
    let reports = dsreg(
        &[
            "analyze",
            "--format",
            "json",
            fixture("seed/seed-08-diagnostic-data-postjoin.txt")
                .to_str()
                .unwrap(),
        ],
        None,
    );
    fs::write(dir.join("reports.ndjson"), &reports.stdout).unwrap();
    let d = dir.to_str().unwrap();

    let table = dsreg(&["fleet", d], None);
    assert!(table.status.success());
    let (out, err) = (stdout(&table), String::from_utf8(table.stderr).unwrap());
    assert!(out.starts_with("DEVICE"), "{out}");
    assert!(out.contains("4 output(s). By join state:"), "{out}");
    assert!(
        out.contains("Win10-Desk01") && out.contains("PC, 1") && out.contains("fabrik-ws2022-s"),
        "{out}"
    );
    assert!(
        err.contains("export.csv: row on line 3 has no output"),
        "{err}"
    );
    assert!(err.contains("notes.md: no dsregcmd output found"), "{err}");

    let csv = stdout(&dsreg(&["fleet", "--format", "csv", d], None));
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "source,device,join_state,level,worst_rule,worst_severity,worst_title,prt,cert_days_left,codes,findings"
    );
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 4, "{csv}");
    assert!(
        rows.iter()
            .any(|r| r.contains("export.csv:2,\"PC, 1\",entra_joined,")),
        "{csv}"
    );

    let nd = dsreg(&["fleet", "--format", "ndjson", d], None);
    let docs = json_lines(&nd);
    assert_eq!(docs.len(), 4);
    assert!(
        docs.iter()
            .any(|r| r["device"] == "PC, 1" && !r["compact"].is_null())
    );
    for doc in &docs {
        assert_eq!(doc["schema_version"], 1);
    }
    fs::remove_dir_all(&dir).unwrap();
}
