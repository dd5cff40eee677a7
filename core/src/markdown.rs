//! A Markdown summary of one report, ready to paste into a ticket: the verdict, the join state,
//! the findings with their evidence and numbered remediation steps, the key fields and the
//! error codes.
//!
//! ```
//! use dsreg_core::{analyze, markdown, report};
//!
//! let input = "\
//! | Device State |
//!              AzureAdJoined : YES
//!           EnterpriseJoined : NO
//!               DomainJoined : NO
//! | Device Details |
//!           DeviceAuthStatus : FAILED. Device is either disabled or deleted
//! ";
//! let analysis = analyze(input.as_bytes());
//! let reports = report::reports(&analysis, "pc-17.txt");
//! let md = markdown::to_markdown(&reports[0]);
//! assert!(md.starts_with("# dsregcmd report: pc-17.txt\n"));
//! assert!(md.contains("| DeviceAuthStatus | FAILED. Device is either disabled or deleted | 6 |"));
//! ```
//!
//! **Invariant:** every piece of text that comes from the input (the source name, values,
//! and the titles, explanations and verdict that quote them) goes through one escaping
//! function, so it renders as the same plain text: it cannot open HTML, a heading, a list, a
//! table cell, a link, an image, emphasis, a code span, a mention or an autolink. Only the
//! https links of core's own remediation tables are written as links.

use alloc::string::String;
use core::fmt::Write as _;

use crate::compare::{self, Comparison};
use crate::report::{DocumentReport, FieldReport};
use crate::rules::Severity;

/// The fields shown in the key-field table, in this order, when the output has them.
pub const KEY_FIELDS: &[&str] = &[
    "AzureAdJoined",
    "EnterpriseJoined",
    "DomainJoined",
    "DomainName",
    "Virtual Desktop",
    "WorkplaceJoined",
    "DeviceId",
    "TpmProtected",
    "DeviceAuthStatus",
    "TenantName",
    "TenantId",
    "AzureAdPrt",
    "AzureAdPrtUpdateTime",
    "EnterprisePrt",
    "OnPremTgt",
    "CloudTgt",
    "NgcSet",
    "PreReqResult",
    "User Context",
    "Client ErrorCode",
    "Server ErrorCode",
    "Error Phase",
];

/// The Markdown summary of `report` (see the [module](self) for what it holds).
pub fn to_markdown(report: &DocumentReport<'_>) -> String {
    let mut out = String::with_capacity(4096);
    let _ = write!(out, "# dsregcmd report: {}", escape(&report.source));
    if report.document > 1 {
        let _ = write!(out, " (output {})", report.document);
    }
    out.push_str("\n\n");
    let _ = writeln!(out, "**Verdict:** {}\n", escape(&report.verdict));
    if let Some(note) = &report.compact {
        let _ = writeln!(out, "*{}*\n", escape(&note.sentence()));
    }
    let _ = write!(
        out,
        "**Join state:** {} (`{}`)",
        escape(report.join_state.describe()),
        report.join_state.name()
    );
    if report.workplace_registered {
        out.push_str(", with a work account registered (WorkplaceJoined : YES)");
    }
    out.push_str("\n\n");

    findings(&mut out, report);
    key_fields(&mut out, report);

    if !report.codes.is_empty() {
        out.push_str("## Codes\n\n");
        for code in &report.codes {
            let _ = writeln!(
                out,
                "- **{}**: {}",
                escape(&code.code),
                escape(&code.meaning)
            );
        }
        out.push('\n');
    }
    if !report.problems.is_empty() {
        out.push_str("## Notes on how the input was read\n\n");
        for p in &report.problems {
            let _ = writeln!(out, "- Line {}: {}", p.line, escape(&p.message));
        }
        out.push('\n');
    }
    out.push_str(
        "_Summary made by the dsregcmd analyzer; the output was read on the local machine only._\n",
    );
    out
}

/// A comparison of two outputs as Markdown for a ticket: the join state before and after, the
/// findings resolved, new and unchanged, and the fields that changed, appeared or went away.
pub fn comparison(c: &Comparison) -> String {
    let mut out = String::from("# dsregcmd: before and after\n\n");
    let side = |out: &mut String, label: &str, s: &compare::Side| {
        let _ = writeln!(
            out,
            "**{label}:** {} (output {}, lines {}–{}): {}  ",
            escape(&s.source),
            s.document,
            s.lines[0],
            s.lines[1],
            escape(&s.verdict)
        );
    };
    side(&mut out, "Before", &c.before);
    side(&mut out, "After", &c.after);
    if c.different_devices {
        out.push_str(
            "\n> **Two different devices:** their DeviceId or device name differ; the \
             comparison is shown anyway.\n",
        );
    }
    let _ = writeln!(
        out,
        "\n**Join state:** {} → {}",
        c.join_state_before.describe(),
        c.join_state_after.describe()
    );
    if c.is_unchanged() {
        out.push_str("\nNothing changed between the two outputs.\n");
    }
    for (title, list) in [
        ("Findings resolved", &c.findings_resolved),
        ("New findings", &c.findings_new),
        ("Findings unchanged", &c.findings_unchanged),
    ] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n## {title}\n");
        for f in list {
            let _ = writeln!(out, "- {}", escape(&compare::finding_line(f)));
        }
    }
    if !c.fields_changed.is_empty() {
        out.push_str("\n## Fields changed\n\n");
        for f in &c.fields_changed {
            let _ = writeln!(out, "- {}", escape(&compare::change_line(f)));
        }
    }
    for (title, list) in [
        ("Fields that appeared", &c.fields_added),
        ("Fields that went away", &c.fields_removed),
    ] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n## {title}\n");
        for f in list {
            let place = f.section.as_deref().unwrap_or("outside any section");
            let _ = writeln!(
                out,
                "- {} / {}: {}",
                escape(place),
                escape(&f.key),
                escape(&f.value)
            );
        }
    }
    out
}

fn severity_label(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "Critical",
        Severity::Warning => "Warning",
        Severity::Info => "Info",
        Severity::Ok => "OK",
    }
}

fn findings(out: &mut String, report: &DocumentReport<'_>) {
    out.push_str("## Findings\n\n");
    if report.findings.is_empty() {
        out.push_str("No findings.\n\n");
        return;
    }
    for (n, f) in report.findings.iter().enumerate() {
        let _ = writeln!(
            out,
            "### {}. {}: {} ({})\n",
            n + 1,
            severity_label(f.severity),
            escape(&f.title),
            escape(f.rule)
        );
        if !f.explanation.is_empty() {
            let _ = writeln!(out, "{}\n", escape(&f.explanation));
        }
        if !f.evidence.is_empty() {
            out.push_str("Evidence:\n\n");
            for e in &f.evidence {
                let _ = write!(out, "- Line {}: ", e.line);
                if let Some(section) = &e.section {
                    let _ = write!(out, "{} › ", escape(section));
                }
                if e.key.is_empty() {
                    let _ = writeln!(out, "{}", escape(&e.value));
                } else {
                    let _ = writeln!(out, "{} : {}", escape(&e.key), escape(&e.value));
                }
            }
            out.push('\n');
        }
        if !f.steps.is_empty() {
            out.push_str("What to do:\n\n");
            for (i, step) in f.steps.iter().enumerate() {
                let _ = write!(out, "{}. {}", i + 1, escape(&step.text));
                if let Some(link) = step.link.filter(|l| is_safe_link(l)) {
                    let _ = write!(out, " (<{link}>)");
                }
                out.push('\n');
            }
            out.push('\n');
        }
        if !f.checks.is_empty() {
            out.push_str("Next checks:\n\n");
            for check in &f.checks {
                let _ = writeln!(
                    out,
                    "- {} ({}):\n",
                    escape(check.title),
                    check.place.label()
                );
                let fence = fence(check.run);
                let _ = writeln!(
                    out,
                    "  {fence}\n  {}\n  {fence}\n",
                    check.run.replace('\n', "\n  ")
                );
                let _ = write!(out, "  Look for: {}", escape(check.look));
                if is_safe_link(check.source) {
                    let _ = write!(out, " (<{}>)", check.source);
                }
                out.push_str("\n\n");
            }
        }
        if !f.codes.is_empty() {
            out.push_str("Codes:");
            for (i, c) in f.codes.iter().enumerate() {
                out.push_str(if i == 0 { " " } else { ", " });
                out.push_str(&escape(c));
            }
            out.push_str("\n\n");
        }
    }
}

/// A code fence longer than any run of backticks in `code` (PowerShell escapes with them).
fn fence(code: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in code.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    "`".repeat((longest + 1).max(3))
}

/// Whether `link` can be written as an autolink: https, and nothing that ends or breaks it.
fn is_safe_link(link: &str) -> bool {
    link.starts_with("https://")
        && link
            .bytes()
            .all(|b| b.is_ascii_graphic() && !matches!(b, b'<' | b'>' | b'`' | b'"'))
}

fn key_fields(out: &mut String, report: &DocumentReport<'_>) {
    let mut rows = String::new();
    for wanted in KEY_FIELDS {
        if let Some(f) = find_field(report, wanted) {
            let _ = writeln!(
                rows,
                "| {} | {} | {} |",
                cell(&f.key),
                cell(&f.value),
                f.line
            );
        }
    }
    if rows.is_empty() {
        return;
    }
    out.push_str("## Key fields\n\n| Field | Value | Line |\n|---|---|---|\n");
    out.push_str(&rows);
    out.push('\n');
}

/// The first field named `key` outside the nested blocks (PRT diagnostics, previous
/// registration, work accounts), matching case and spacing loosely.
fn find_field<'r>(report: &'r DocumentReport<'_>, key: &str) -> Option<&'r FieldReport<'r>> {
    report
        .sections
        .iter()
        .flat_map(|s| s.fields.iter())
        .find(|f| f.block.is_none() && crate::text::key_eq(&f.key, key))
}

/// A table cell: escaped, on one line, never empty (an empty cell reads as a broken table).
fn cell(text: &str) -> String {
    let text = text.trim();
    if text.is_empty() {
        return String::from("(empty)");
    }
    escape(text)
}

/// `text` as Markdown that renders as exactly that text, on one line.
///
/// Backslash-escapes every character that can start Markdown or HTML syntax inline (`\`, `` ` ``,
/// `*`, `_`, `[`, `]`, `<`, `>`, `|`, `~`, `&`, `$`, `@`, `!`, `#`), breaks autolinks
/// (`https\://`, `www\.`), turns line breaks into spaces, and escapes what would open a block
/// at the start of a line (`-`, `+`, `=`, `1.`).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut prev = '\0';
    for (i, c) in text.char_indices() {
        let at_start = out.is_empty();
        match c {
            '\r' | '\n' | '\t' => {
                if prev != ' ' {
                    out.push(' ');
                }
                prev = ' ';
                continue;
            }
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '$' | '@' | '!'
            | '#' => {
                out.push('\\');
                out.push(c);
            }
            '-' | '+' | '=' if at_start => {
                out.push('\\');
                out.push(c);
            }
            ':' if text.get(i..).is_some_and(|r| r.starts_with("://")) => out.push_str("\\:"),
            '.' if prev_is_ordinal(&out) || ends_with_ci(&out, "www") => out.push_str("\\."),
            ')' if prev_is_ordinal(&out) => out.push_str("\\)"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
        prev = c;
    }
    out
}

/// Whether `out` so far is only digits (an ordered-list marker would follow).
fn prev_is_ordinal(out: &str) -> bool {
    !out.is_empty() && out.len() <= 9 && out.bytes().all(|b| b.is_ascii_digit())
}

fn ends_with_ci(out: &str, tail: &str) -> bool {
    out.len() >= tail.len()
        && out
            .get(out.len() - tail.len()..)
            .is_some_and(|t| t.eq_ignore_ascii_case(tail))
        && out
            .as_bytes()
            .get(out.len().wrapping_sub(tail.len() + 1))
            .is_none_or(|b| !b.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests;
