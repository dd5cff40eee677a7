//! The findings, worst first, each expandable to its explanation, evidence, numbered steps and
//! next checks. Built with [`dom`] (static once shown); opening a finding highlights its
//! evidence lines in the raw view, a line reference scrolls there, a copy button copies its
//! command (all handled by [`dom::host`]).

use web_sys::Element;

use dsreg_core::rules::{Finding, Severity};

use crate::dom;

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The findings of one output, worst first, each with its evidence, steps and next checks.
pub fn build(findings: &[Finding]) -> Element {
    let problems = findings.iter().filter(|f| f.severity.is_problem()).count();
    let heading = match (problems, findings.len()) {
        (0, 0) => "Findings".to_owned(),
        (0, n) => format!("Findings: no problems, {n} note{}", plural(n)),
        (p, n) => format!(
            "Findings: {p} problem{}, {} note{}",
            plural(p),
            n - p,
            plural(n - p)
        ),
    };
    let section = dom::el("section", "findings");
    dom::attr(&section, "aria-label", "Findings");
    dom::add_text(&section, "h3", "subheading", &heading);
    let list = dom::add(&section, "ol", "finding-list");
    for (i, f) in findings.iter().enumerate() {
        item(&list, f, i == 0);
    }
    section
}

/// One finding.
fn item(list: &Element, f: &Finding, open: bool) {
    let name = f.severity.name();
    let label = match f.severity {
        Severity::Critical => "critical",
        Severity::Warning => "warning",
        Severity::Info => "note",
        Severity::Ok => "ok",
    };
    let li = dom::add(list, "li", &format!("finding finding-{name}"));
    let details = dom::add(&li, "details", "");
    if open {
        dom::attr(&details, "open", "");
    }
    let lines: Vec<String> = f.evidence.iter().map(|e| e.line.to_string()).collect();
    dom::attr(&details, "data-lines", &lines.join(","));
    let summary = dom::add(&details, "summary", "");
    dom::add_text(
        &summary,
        "span",
        &format!("severity severity-{name}"),
        label,
    );
    dom::add_text(&summary, "span", "finding-title", &f.title);
    dom::add_text(&summary, "span", "rule-id", f.rule);
    let body = dom::add(&details, "div", "finding-body");
    dom::add_text(&body, "p", "explanation", &f.explanation);
    if !f.evidence.is_empty() {
        dom::add_text(&body, "h4", "", "Evidence");
        let ul = dom::add(&body, "ul", "evidence");
        for e in &f.evidence {
            let li = dom::add(&ul, "li", "");
            dom::add_line_ref(&li, e.line);
            let text = if e.key.is_empty() {
                e.value.clone()
            } else {
                format!("{} : {}", e.key, e.value)
            };
            dom::add_text(&li, "code", "", &text);
            if let Some(s) = &e.section {
                dom::add_text(&li, "span", "evidence-section", &format!(" ({s})"));
            }
        }
    }
    if !f.steps.is_empty() {
        dom::add_text(&body, "h4", "", "What to do");
        let ol = dom::add(&body, "ol", "steps");
        for step in &f.steps {
            let li = dom::add(&ol, "li", "");
            dom::text(&li, &step.text);
            if let Some(link) = step.link {
                dom::text(&li, " ");
                dom::add_link(&li, link, "Microsoft docs");
            }
        }
    }
    if !f.checks.is_empty() {
        dom::add_text(&body, "h4", "", "Next checks");
        let ul = dom::add(&body, "ul", "checks");
        for c in &f.checks {
            let class = if c.changes() {
                "check check-change"
            } else {
                "check"
            };
            let li = dom::add(&ul, "li", class);
            let title = dom::add(&li, "p", "check-title");
            dom::add_text(&title, "strong", "", c.title);
            dom::text(&title, " ");
            dom::add_text(&title, "span", "check-place", c.place.label());
            let command = dom::add(&li, "div", "check-command");
            let pre = dom::add(&command, "pre", "");
            dom::add_text(&pre, "code", "", c.run);
            let button = dom::add_text(&command, "button", "button subtle copy", "Copy");
            dom::attr(&button, "type", "button");
            dom::attr(&button, "data-copy", c.run);
            dom::attr(
                &button,
                "aria-label",
                &format!("Copy the command: {}", c.title),
            );
            let copied = dom::add(&command, "span", "copied");
            dom::attr(&copied, "role", "status");
            let look = dom::add(&li, "p", "check-look");
            dom::text(&look, c.look);
            dom::text(&look, " ");
            dom::add_link(&look, c.source, "Microsoft docs");
        }
    }
    if !f.codes.is_empty() {
        let p = dom::add(&body, "p", "codes");
        dom::text(&p, "Codes: ");
        for c in &f.codes {
            dom::add_text(&p, "code", "code", &dsreg_core::codes::decode(c).summary());
        }
    }
}
