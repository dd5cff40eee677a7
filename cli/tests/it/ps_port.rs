//! The Intune detection script (`scripts/Get-DsregStatus.ps1`) cannot run here (no PowerShell),
//! so its algorithm runs through a faithful port (`scripts/port/compact-port.mjs`, Node). These
//! tests check that the port keeps the script's settings, and that on fresh `dsregcmd /status`
//! output it writes the very inner text `dsreg compact` (the reference) writes.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::{dsreg, fixture};

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path)
}

fn node(args: &[&str]) -> String {
    let out = Command::new(std::env::var("DSREG_NODE").unwrap_or_else(|_| "node".into()))
        .args(args)
        .output()
        .expect(
            "node is needed for the port of the detection script (cargo xtask setup installs it)",
        );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The inner text of a compact line.
fn inner(line: &str) -> String {
    node(&[
        "-e",
        "process.stdout.write(require('zlib').inflateRawSync(Buffer.from(process.argv[1].slice(6), 'base64')))",
        line.trim(),
    ])
}

#[test]
fn the_port_keeps_the_scripts_settings() {
    let ps = std::fs::read_to_string(repo("scripts/Get-DsregStatus.ps1")).unwrap();
    let port = std::fs::read_to_string(repo("scripts/port/compact-port.mjs")).unwrap();
    // Each PowerShell pattern is quoted in the port next to its JavaScript spelling.
    for name in ["$HeaderPattern", "$FieldPattern", "$UrlPattern"] {
        let line = ps
            .lines()
            .find(|l| l.starts_with(&format!("{name} = ")))
            .unwrap();
        let pattern = line.split_once(" = ").unwrap().1;
        assert!(
            port.contains(&format!("// PowerShell: {pattern}")),
            "{name} {pattern}"
        );
    }
    assert!(ps.contains("$MaxLineLength = 2048") && port.contains("MAX_LINE_LENGTH = 2048"));
    assert!(ps.contains("$Prefix = 'DSRC1:'") && port.contains("PREFIX = 'DSRC1:'"));
}

#[test]
fn the_port_writes_what_dsreg_compact_writes_on_fresh_output() {
    // Outputs as dsregcmd prints them (the damaged pastes are the analyzer's business, not
    // the script's: it reads dsregcmd directly).
    let fresh = [
        "seed/seed-01-device-state.txt",
        "seed/seed-02-device-details.txt",
        "seed/seed-03-tenant-details.txt",
        "seed/seed-04-user-state.txt",
        "seed/seed-05-sso-state.txt",
        "seed/seed-06-diagnostic-data-prejoin-discover-fail.txt",
        "seed/seed-07-diagnostic-data-prejoin-directoryerror.txt",
        "seed/seed-08-diagnostic-data-postjoin.txt",
        "seed/seed-09-ngc-prerequisite-check.txt",
        "corpus/012-aadj-hostname-updated-cloudtgt.txt",
        "corpus/024-aadj-retyped-ragged-willprovision.txt",
        "synthetic/legacy-1607-single-section.txt",
        "synthetic/nested-blocks-prt-diagnostics-previous-registration-work-accounts.txt",
        "synthetic/renew-device-object-deleted-kerberos-test-failed.txt",
        "synthetic/proxy-user-only-system-direct-drs-fail.txt",
        "synthetic/crlf-line-ends.txt",
        "synthetic/cr-line-ends.txt",
    ];
    let script = repo("scripts/port/compact-port.mjs");
    let script = script.to_str().unwrap();
    for name in fresh {
        let path = fixture(name);
        let path = path.to_str().unwrap();
        let reference = String::from_utf8(dsreg(&["compact", path], None).stdout).unwrap();
        let line = node(&[script, path]);
        assert!(
            line.trim().starts_with("DSRC1:") && line.trim().len() <= 2048,
            "{name}"
        );
        assert_eq!(inner(&line), inner(&reference), "{name}");
        assert_eq!(
            node(&[script, "--inner", path]).trim_end(),
            inner(&reference),
            "{name}"
        );
    }
}

#[test]
fn a_long_output_fits_the_same_way() {
    // One output too long for a line (a section of distinct, incompressible values after a
    // whole output): the port leaves out URL values and cuts lines at the end, as the
    // reference does, and the line still reads back.
    let mut text =
        std::fs::read_to_string(fixture("corpus/012-aadj-hostname-updated-cloudtgt.txt")).unwrap();
    text.push_str("| Extra Details |\n");
    let mut seed = 0x9e37_79b9_u64;
    for i in 0..80 {
        let value: String = (0..40)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                char::from(b"abcdefghijklmnopqrstuvwxyz0123456789"[(seed % 36) as usize])
            })
            .collect();
        text.push_str(&format!("          Extra{i} : {value}\n"));
    }
    let dir = std::env::temp_dir().join(format!("dsreg-port-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("long.txt");
    std::fs::write(&file, &text).unwrap();
    let script = repo("scripts/port/compact-port.mjs");
    let line = node(&[script.to_str().unwrap(), file.to_str().unwrap()]);
    assert!(
        line.trim().len() <= 2048 && line.trim().len() > 1900,
        "{}",
        line.len()
    );
    let first = inner(&line).lines().next().unwrap().to_owned();
    assert!(first.starts_with("~ u c"), "{first}");
    let report = dsreg(&["analyze", "--format", "json", "-"], Some(line.as_bytes()));
    let json: serde_json::Value = serde_json::from_slice(&report.stdout).unwrap();
    assert_eq!(json["join_state"], "entra_joined");
    let left_out = json["compact"]["left_out"].as_array().unwrap();
    assert!(
        left_out
            .iter()
            .any(|l| l.as_str().unwrap().starts_with("the last ")),
        "{left_out:?}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
