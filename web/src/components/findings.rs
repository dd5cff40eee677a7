//! The findings, worst first, each expandable to its explanation, evidence and numbered steps.

use leptos::prelude::*;

use dsreg_core::rules::{Finding, Severity};

use crate::components::raw::{LineRef, center_line_in_view};
use crate::share;

/// The ranked findings of one output. Opening a finding highlights its evidence lines in the
/// raw view; a line reference scrolls there.
#[component]
pub fn FindingList(
    /// The findings, worst first (as core ranks them).
    findings: Vec<Finding>,
    /// The raw view's highlighted lines.
    highlighted: RwSignal<Vec<usize>>,
) -> impl IntoView {
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
    view! {
        <section class="findings" aria-label="Findings">
            <h3 class="subheading">{heading}</h3>
            <ol class="finding-list">
                {findings
                    .into_iter()
                    .enumerate()
                    .map(|(i, finding)| view! { <FindingItem finding=finding open=i == 0 highlighted=highlighted /> })
                    .collect_view()}
            </ol>
        </section>
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// One finding.
#[component]
fn FindingItem(finding: Finding, open: bool, highlighted: RwSignal<Vec<usize>>) -> impl IntoView {
    let lines: Vec<usize> = finding.evidence.iter().map(|e| e.line).collect();
    let severity = finding.severity;
    let label = match severity {
        Severity::Critical => "critical",
        Severity::Warning => "warning",
        Severity::Info => "note",
        Severity::Ok => "ok",
    };
    let on_toggle = {
        let lines = lines.clone();
        move |ev: leptos::ev::Event| {
            let opened = event_target::<web_sys::HtmlDetailsElement>(&ev).open();
            if opened {
                highlighted.set(lines.clone());
                if let Some(&first) = lines.first() {
                    center_line_in_view(first);
                }
            }
        }
    };
    view! {
        <li class=format!("finding finding-{}", severity.name())>
            <details open=open on:toggle=on_toggle>
                <summary>
                    <span class=format!("severity severity-{}", severity.name())>{label}</span>
                    <span class="finding-title">{finding.title}</span>
                    <span class="rule-id">{finding.rule}</span>
                </summary>
                <div class="finding-body">
                    <p class="explanation">{finding.explanation}</p>
                    {(!finding.evidence.is_empty()).then(|| view! {
                        <h4>"Evidence"</h4>
                        <ul class="evidence">
                            {finding
                                .evidence
                                .into_iter()
                                .map(|e| {
                                    let line = e.line;
                                    view! {
                                        <li>
                                            <LineRef line=line highlighted=highlighted />
                                            {if e.key.is_empty() {
                                                view! { <code>{e.value}</code> }.into_any()
                                            } else {
                                                view! { <code>{e.key}" : "{e.value}</code> }.into_any()
                                            }}
                                            {e.section.map(|s| view! { <span class="evidence-section">{format!(" ({s})")}</span> })}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    })}
                    {(!finding.steps.is_empty()).then(|| view! {
                        <h4>"What to do"</h4>
                        <ol class="steps">
                            {finding
                                .steps
                                .into_iter()
                                .map(|step| view! {
                                    <li>
                                        {step.text}
                                        {step
                                            .link
                                            .filter(|l| l.starts_with("https://"))
                                            .map(|href| view! {
                                                " "
                                                <a href=href target="_blank" rel="noopener noreferrer">"Microsoft docs"</a>
                                            })}
                                    </li>
                                })
                                .collect_view()}
                        </ol>
                    })}
                    {(!finding.checks.is_empty()).then(|| view! {
                        <h4>"Next checks"</h4>
                        <ul class="checks">
                            {finding.checks.iter().map(|c| view! { <NextCheck check=c /> }).collect_view()}
                        </ul>
                    })}
                    {(!finding.codes.is_empty()).then(|| view! {
                        <p class="codes">
                            "Codes: "
                            {finding
                                .codes
                                .into_iter()
                                .map(|c| view! { <code class="code">{dsreg_core::codes::decode(&c).summary()}</code> })
                                .collect_view()}
                        </p>
                    })}
                </div>
            </details>
        </li>
    }
}

/// One next check: where it runs, the command with a copy button, and what to read in the
/// answer.
#[component]
fn NextCheck(check: &'static dsreg_core::checks::Check) -> impl IntoView {
    let copied = RwSignal::new("");
    let on_copy = move |_| {
        leptos::task::spawn_local(async move {
            let ok = share::copy(check.run).await;
            copied.set(if ok {
                "Copied."
            } else {
                "The browser did not allow copying."
            });
        });
    };
    view! {
        <li class="check" class:check-change=check.changes()>
            <p class="check-title">
                <strong>{check.title}</strong>
                " "
                <span class="check-place">{check.place.label()}</span>
            </p>
            <div class="check-command">
                <pre><code>{check.run}</code></pre>
                <button type="button" class="button subtle copy" on:click=on_copy aria-label=format!("Copy the command: {}", check.title)>"Copy"</button>
                <span class="copied" role="status">{move || copied.get()}</span>
            </div>
            <p class="check-look">
                {check.look}
                " "
                {check.source.starts_with("https://").then(|| view! {
                    <a href=check.source target="_blank" rel="noopener noreferrer">"Microsoft docs"</a>
                })}
            </p>
        </li>
    }
}
