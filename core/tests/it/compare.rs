//! Compare: a golden of the Markdown comparison of the first and last outputs of every fixture
//! that holds several (`tests/golden/compare/<name>.md`, `UPDATE_EXPECT=1` to regenerate), and
//! what an admin reads from a before/after pair.

use std::fs;

use dsreg_core::{
    analyze,
    compare::{self, Change},
    join::JoinState,
    markdown,
    report::{self, DocumentReport},
};

use crate::{FIXTURE_DIRS, fixtures, tests_dir};

fn reports_of(path: &std::path::Path) -> (String, Vec<u8>) {
    (
        path.file_stem().unwrap().to_string_lossy().into_owned(),
        fs::read(path).unwrap(),
    )
}

#[test]
fn goldens_of_every_fixture_with_several_outputs() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for dir in FIXTURE_DIRS {
        for path in fixtures(dir) {
            let (stem, bytes) = reports_of(&path);
            let analysis = analyze(&bytes);
            let reports = report::reports(&analysis, &stem);
            let Some((first, last)) = compare::first_and_last(&reports) else {
                continue;
            };
            let c = compare::compare(first, last);
            let golden = tests_dir()
                .join("golden/compare")
                .join(format!("{stem}.md"));
            checked += 1;
            if let Err(diff) = dsreg_expect::check(&golden, &markdown::comparison(&c)) {
                failures.push(format!("{}: {diff}", path.display()));
            }
        }
    }
    assert!(checked >= 2, "only {checked} fixtures with several outputs");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn pair(reports: &[DocumentReport<'_>]) -> compare::Comparison {
    let (first, last) = compare::first_and_last(reports).expect("two outputs");
    compare::compare(first, last)
}

#[test]
fn a_fixed_scp_shows_the_join_and_the_resolved_failure() {
    let bytes =
        fs::read(tests_dir().join("fixtures/synthetic/before-after-scp-fixed.txt")).unwrap();
    let analysis = analyze(&bytes);
    let reports = report::reports(&analysis, "before-after");
    assert_eq!(reports.len(), 2);
    let c = pair(&reports);
    assert!(!c.different_devices, "one device, named alike");
    assert_eq!(c.join_state_before, JoinState::DomainJoined);
    assert_eq!(c.join_state_after, JoinState::HybridJoined);
    assert!(
        c.findings_resolved.iter().any(|f| f.rule == "DSR014"),
        "the failed join is resolved: {:?}",
        c.findings_resolved
    );
    assert!(
        !c.findings_new.iter().any(|f| f.severity.is_problem()),
        "nothing new is wrong: {:?}",
        c.findings_new
    );
    let joined = c
        .fields_changed
        .iter()
        .find(|f| f.key == "AzureAdJoined")
        .expect("AzureAdJoined changed");
    assert_eq!(joined.change, Change::Flag { now_yes: true });
    let clock = c
        .fields_changed
        .iter()
        .find(|f| f.key == "Client Time")
        .expect("the clock moved");
    match &clock.change {
        Change::Time { seconds, words } => {
            assert_eq!(*seconds, 23 * 3600 + 2 * 60 + 47);
            assert_eq!(words, "moved 23 hours 2 minutes later");
        }
        other => panic!("{other:?}"),
    }
    assert!(c.fields_added.iter().any(|f| f.key == "DeviceId"));
    assert!(c.fields_removed.iter().any(|f| f.key == "Client ErrorCode"));
}

#[test]
fn two_devices_are_flagged_and_the_same_output_is_unchanged() {
    let dir = tests_dir().join("fixtures/corpus");
    let a = fs::read(dir.join("012-aadj-hostname-updated-cloudtgt.txt")).unwrap();
    let b = fs::read(dir.join("011-hybrid-adfs-enterpriseprt-qa-flattened.txt")).unwrap();
    let (aa, ab) = (analyze(&a), analyze(&b));
    let (ra, rb) = (report::reports(&aa, "a"), report::reports(&ab, "b"));
    let c = compare::compare(&ra[0], &rb[0]);
    assert!(
        c.different_devices,
        "{:?} vs {:?}",
        c.before.device_id, c.after.device_id
    );
    let same = compare::compare(&ra[0], &ra[0]);
    assert!(same.is_unchanged());
    assert!(!same.different_devices);
    assert!(markdown::comparison(&same).contains("Nothing changed"));
}

#[test]
fn the_json_has_the_documented_fields() {
    let bytes =
        fs::read(tests_dir().join("fixtures/synthetic/before-after-scp-fixed.txt")).unwrap();
    let analysis = analyze(&bytes);
    let reports = report::reports(&analysis, "x");
    let json: serde_json::Value = serde_json::to_value(pair(&reports)).unwrap();
    for key in [
        "fields_changed",
        "findings_resolved",
        "findings_new",
        "findings_unchanged",
        "join_state_before",
        "join_state_after",
    ] {
        assert!(json.get(key).is_some(), "{key} missing: {json}");
    }
    let change = &json["fields_changed"][0];
    for key in ["section", "key", "before", "after"] {
        assert!(change.get(key).is_some(), "{key} missing in {change}");
    }
}

/// The timeline of every output as text: `time [– until]  key (line N)` and its marks.
fn timeline_text(reports: &[DocumentReport<'_>]) -> String {
    let mut out = String::new();
    for r in reports {
        out.push_str(&format!("=== document {}\n", r.document));
        if let Some(now) = &r.timeline.now {
            out.push_str(&format!(
                "now: {} {} (line {})\n",
                now.key, now.time, now.line
            ));
        }
        for e in &r.timeline.entries {
            let until = e
                .until
                .as_deref()
                .map(|u| format!(" – {u}"))
                .unwrap_or_default();
            out.push_str(&format!(
                "{}{until}  {} [{}] (line {})\n",
                e.time, e.key, e.what, e.line
            ));
            for m in &e.marks {
                let flag = if m.problem { "!" } else { "-" };
                out.push_str(&format!("    {flag} {}: {}\n", m.kind, m.text));
            }
        }
    }
    out
}

#[test]
fn timeline_goldens_of_every_fixture() {
    let mut failures = Vec::new();
    let mut marks = 0;
    for dir in FIXTURE_DIRS {
        for path in fixtures(dir) {
            let (stem, bytes) = reports_of(&path);
            let analysis = analyze(&bytes);
            let reports = report::reports(&analysis, &stem);
            marks += reports
                .iter()
                .flat_map(|r| &r.timeline.entries)
                .map(|e| e.marks.len())
                .sum::<usize>();
            let golden = tests_dir()
                .join("golden/timeline")
                .join(dir)
                .join(format!("{stem}.txt"));
            if let Err(diff) = dsreg_expect::check(&golden, &timeline_text(&reports)) {
                failures.push(format!("{}: {diff}", path.display()));
            }
        }
    }
    assert!(marks > 0, "no fixture shows a mark");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_timeline_reads_against_the_output_s_clock() {
    let bytes =
        fs::read(tests_dir().join("fixtures/synthetic/before-after-scp-fixed.txt")).unwrap();
    let analysis = analyze(&bytes);
    let reports = report::reports(&analysis, "x");
    let after = &reports[1].timeline;
    let now = after.now.as_ref().expect("a clock");
    assert_eq!(now.key, "Client Time");
    // Oldest first; the certificate's range starts first.
    let keys: Vec<&str> = after.entries.iter().map(|e| e.key.as_str()).collect();
    assert_eq!(keys[0], "DeviceCertificateValidity", "{keys:?}");
    assert!(after.entries.windows(2).all(|w| w[0].unix <= w[1].unix));
    // The PRT was updated 12 minutes before the clock: no mark; its expiry is ahead: no mark.
    assert!(
        after.entries.iter().all(|e| e.marks.is_empty()),
        "{after:?}"
    );
}
