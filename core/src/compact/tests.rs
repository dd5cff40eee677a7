//! Compact form tests: the round trip over every fixture, the size limit, the steps that
//! make a large output fit, and lines that cannot be read.

use std::string::{String, ToString};
use std::vec::Vec;
use std::{format, vec};

use super::*;
use crate::permalink::tests::fixture_texts;
use crate::rules::{self, Severity};
use crate::{JoinState, analyze};

/// What must survive the compact form: the join state and the critical and warning findings
/// (rule, severity, title).
fn verdict(doc: &Doc<'_>) -> (JoinState, Vec<(String, Severity, String)>) {
    let findings = rules::check_in(&Ctx::new(doc))
        .into_iter()
        .filter(|f| matches!(f.severity, Severity::Critical | Severity::Warning))
        .map(|f| (f.rule.to_string(), f.severity, f.title))
        .collect();
    (doc.join().state, findings)
}

#[test]
fn every_fixture_output_survives_its_compact_line() {
    let mut outputs = 0;
    for (path, text) in fixture_texts() {
        let analysis = analyze(text.as_bytes());
        for doc in analysis.documents() {
            let line = encode(&doc);
            assert!(line.len() <= MAX_LINE, "{}: {}", path.display(), line.len());
            assert!(line.is_ascii() && !line.contains([',', '"', ' ']));
            let back = analyze(line.as_bytes());
            assert_eq!(back.documents().len(), 1, "{}", path.display());
            let read = back.documents().next().unwrap();
            assert_eq!(
                verdict(&read),
                verdict(&doc),
                "{} output {}:\n{}",
                path.display(),
                doc.index() + 1,
                back.text()
            );
            let expansion = back.compact_of(&read).unwrap();
            assert!(
                !expansion.urls_left_out && expansion.cut == 0,
                "{}",
                path.display()
            );
            outputs += 1;
        }
    }
    assert!(outputs >= 40, "{outputs}");
}

#[test]
fn a_line_is_read_anywhere_in_an_input() {
    let text = "| Device State |\n AzureAdJoined : YES\n DomainJoined : YES\n";
    let line = encode(&analyze(text.as_bytes()).documents().next().unwrap());
    // A CSV with a header, quoted cells and a BOM; a chat message; two lines in one file.
    for input in [
        format!("\u{feff}Device name,Output\r\n\"PC-1\",\"{line}\"\r\n\"PC-2\",\"{line}\"\r\n"),
        format!("here is the output: {line} (from Intune)\n"),
        format!("{line}\n{line}\n"),
    ] {
        let analysis = analyze(input.as_bytes());
        let docs: Vec<_> = analysis.documents().collect();
        let expected = if input.contains("Intune") { 1 } else { 2 };
        assert_eq!(docs.len(), expected, "{input}\n{}", analysis.text());
        for doc in &docs {
            assert_eq!(
                doc.join().state,
                JoinState::HybridJoined,
                "{}",
                analysis.text()
            );
            assert!(analysis.compact_of(doc).is_some());
        }
    }
}

#[test]
fn a_long_output_leaves_out_urls_then_its_last_lines() {
    // Distinct, incompressible values make the inner text too long for one line.
    let mut text = String::from("| Device State |\n AzureAdJoined : YES\n DomainJoined : NO\n");
    text.push_str("| Tenant Details |\n");
    let mut seed = 0x2545_f491_u64;
    let mut noise = |n: usize| -> String {
        (0..n)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                char::from(b"abcdefghijklmnopqrstuvwxyz0123456789"[(seed % 36) as usize])
            })
            .collect()
    };
    for i in 0..30 {
        text.push_str(&format!(
            " Url{i} : https://{}.example/{}\n",
            noise(12),
            noise(100)
        ));
    }
    let urls_only = analyze(text.as_bytes());
    let line = encode(&urls_only.documents().next().unwrap());
    assert!(line.len() <= MAX_LINE);
    let back = analyze(line.as_bytes());
    let doc = back.documents().next().unwrap();
    let e = *back.compact_of(&doc).unwrap();
    assert!(e.urls_left_out && e.cut == 0, "{e:?}");
    assert_eq!(doc.field("Tenant Details", "Url3").unwrap().raw(), LEFT_OUT);
    assert_eq!(doc.join().state, JoinState::EntraJoined);
    assert!(
        back.text()
            .starts_with("dsregcmd /status   [read from a compact line: URL values left out]\n")
    );

    for i in 0..60 {
        text.push_str(&format!(" Extra{i} : {}\n", noise(50)));
    }
    let big = analyze(text.as_bytes());
    let line = encode(&big.documents().next().unwrap());
    assert!(
        line.len() <= MAX_LINE && line.len() > MAX_LINE - 100,
        "{}",
        line.len()
    );
    let back = analyze(line.as_bytes());
    let doc = back.documents().next().unwrap();
    let e = *back.compact_of(&doc).unwrap();
    assert!(e.urls_left_out && e.cut > 0, "{e:?}");
    // What was kept is the start of the output, in order; the cut lines are the last ones.
    let kept = doc.sections().flat_map(|s| s.fields()).count();
    assert_eq!(kept + e.cut as usize, 2 + 30 + 60);
    assert!(doc.field("Tenant Details", "Extra0").is_some());
    assert!(doc.field("Tenant Details", "Extra59").is_none());
    assert_eq!(doc.join().state, JoinState::EntraJoined);
}

#[test]
fn a_damaged_line_is_a_problem_and_the_rest_is_read() {
    let good = encode(
        &analyze(b"| Device State |\n AzureAdJoined : YES\n DomainJoined : NO\n")
            .documents()
            .next()
            .unwrap(),
    );
    let cut = &good[..good.len() - 6];
    let input = format!("first\n{PREFIX}!!!\n{cut}\n{good}\nlast\n");
    let analysis = analyze(input.as_bytes());
    let messages: Vec<_> = analysis
        .problems()
        .iter()
        .filter(|p| p.message.contains("compact line"))
        .map(|p| (p.line, p.message.clone()))
        .collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert_eq!(messages[0].0, 2);
    assert!(messages[0].1.ends_with("it holds no data"), "{messages:?}");
    assert_eq!(messages[1].0, 3);
    assert!(
        messages[1].1.contains("damaged or cut short"),
        "{messages:?}"
    );
    // The problems point at the lines as the analysed text has them.
    let lines: Vec<&str> = analysis.text().lines().collect();
    assert!(lines[messages[1].0 - 1].starts_with(PREFIX));
    assert_eq!(analysis.documents().len(), 1);
    let doc = analysis.documents().next().unwrap();
    assert_eq!(doc.join().state, JoinState::EntraJoined);
    assert!(analysis.text().ends_with("last\n"));

    for bad in ["not base64 at all", "AAAA", "////"] {
        let analysis = analyze(format!("{PREFIX}{bad}").as_bytes());
        assert!(
            analysis
                .problems()
                .iter()
                .any(|p| p.message.contains("compact line")),
            "{bad}"
        );
    }
    // A line that unpacks to text that is not an output.
    let mut line = String::from(PREFIX);
    base64_encode(&deflate(b"hello", b""), false, true, &mut line);
    let analysis = analyze(line.as_bytes());
    assert!(
        analysis.problems()[0]
            .message
            .ends_with("it does not hold an output")
    );
}

#[test]
fn a_bomb_stops_at_the_limit() {
    let mut inner = String::from("~\n");
    inner.push_str(&"A:B\n".repeat(MAX_INNER));
    let mut line = String::from(PREFIX);
    base64_encode(&deflate(inner.as_bytes(), b""), false, true, &mut line);
    let analysis = analyze(line.as_bytes());
    assert!(
        analysis.problems()[0]
            .message
            .ends_with("more than 256 KiB")
    );
    assert!(analysis.text().len() < 10 * 1024 * 1024);
}

#[test]
fn decode_problems_after_a_line_move_with_the_text() {
    let good = encode(
        &analyze(b"| Device State |\n AzureAdJoined : YES\n")
            .documents()
            .next()
            .unwrap(),
    );
    let mut input = format!("{good}\n").into_bytes();
    input.extend_from_slice(b"bad \xff byte\n");
    let analysis = analyze(&input);
    let p = analysis
        .problems()
        .iter()
        .find(|p| !p.message.contains("compact"))
        .unwrap();
    let line = analysis.text().lines().nth(p.line - 1).unwrap();
    assert!(line.starts_with("bad "), "{line:?} {p:?}");
    let _ = vec![0];
}

#[test]
fn no_finding_rests_on_what_a_line_left_out() {
    // Every fixture output with its URL values left out reads exactly as the whole output.
    // Cut at every length, it never reads worse: a critical or warning finding that the whole
    // output does not have (by rule or cause) is no worse than the whole output's worst one.
    // (With its diagnostics cut, a PRT failure reads as the plain "no PRT" warning, say.)
    for (path, text) in fixture_texts() {
        let analysis = analyze(text.as_bytes());
        for doc in analysis.documents() {
            let whole = rules::check_in(&Ctx::new(&doc));
            let worst = whole.first().map_or(Severity::Ok, |f| f.severity);
            let items = items_of(&doc);
            let back = analyze(line_of(&inner(&items, true, 0)).as_bytes());
            let read = back.documents().next().unwrap();
            assert_eq!(verdict(&read), verdict(&doc), "{}", path.display());
            for cut in 0..items.len() {
                let back = analyze(line_of(&inner(&items, true, cut)).as_bytes());
                let Some(read) = back.documents().next() else {
                    continue;
                };
                let mut ctx = Ctx::new(&read);
                ctx.cut = cut > 0;
                let findings = rules::check_in(&ctx);
                let serious = |f: &&rules::Finding| {
                    matches!(f.severity, Severity::Critical | Severity::Warning)
                };
                for f in findings.iter().filter(serious) {
                    // The same rule, or the same cause (a finding another rule's merged into
                    // when that rule's fields were there).
                    let same = |w: &rules::Finding| {
                        w.rule == f.rule || (w.cause.is_some() && w.cause == f.cause)
                    };
                    assert!(
                        whole.iter().any(same) || f.severity >= worst,
                        "{} output {} cut {cut}: {} {:?} {}\n{}",
                        path.display(),
                        doc.index() + 1,
                        f.rule,
                        f.severity,
                        f.title,
                        back.text()
                    );
                }
            }
        }
    }
}
