//! The report region: a friendly message, or the report of each output in the input.

use leptos::prelude::*;

use crate::{
    components::{
        compare::CompareView, diagram, findings, raw::RawView, sections, share::SharePanel,
        timeline, verdict,
    },
    dom,
    model::{MAX_DOCUMENTS, Outcome, Report},
    share::Shared,
};
use std::sync::Arc;

use dsreg_core::DocumentReport;
use web_sys::Element;

/// Shows what [`Outcome`] holds.
#[component]
pub fn ReportView(
    /// What to show.
    outcome: RwSignal<Outcome>,
    /// Lines of the raw view to highlight (evidence of the selected finding or field).
    highlighted: RwSignal<Vec<usize>>,
    /// Redact identifiers before sharing.
    redact: RwSignal<bool>,
    /// What sharing exports, once prepared.
    shared: RwSignal<Option<Arc<Shared>>>,
) -> impl IntoView {
    view! {
        <section class="panel report" aria-labelledby="report-heading">
            <h2 id="report-heading">"Report"</h2>
            {move || match outcome.get() {
                Outcome::Empty => view! {
                    <div class="empty-state">
                        <p>"The report appears here as soon as you paste."</p>
                        <p>
                            "On the device, open a Command Prompt as the signed-in user (not as administrator), run "
                            <code>"dsregcmd /status"</code>
                            " and paste everything it prints. No output handy? Load a sample."
                        </p>
                    </div>
                }
                .into_any(),
                Outcome::Refused(message) => view! {
                    <div class="notice notice-warning" role="alert">
                        <p>{message}</p>
                    </div>
                }
                .into_any(),
                Outcome::Working(progress) => view! {
                    <div class="working" role="status">
                        <p>{progress.label}</p>
                        <progress max="100" value=progress.percent aria-label="How far the analysis has come">{format!("{} %", progress.percent)}</progress>
                    </div>
                }
                .into_any(),
                Outcome::Report(report) if !report.recognized => unrecognized(&report).into_any(),
                Outcome::Report(report) => documents(report, highlighted, redact, shared).into_any(),
            }}
        </section>
    }
}

/// The friendly message for text without dsregcmd fields.
fn unrecognized(report: &Report) -> impl IntoView + use<> {
    let seen = if report.seen_instead.is_empty() {
        "nothing we recognise".to_owned()
    } else {
        report.seen_instead.join(", ")
    };
    view! {
        <div class="notice notice-warning" role="alert">
            <p><strong>"This doesn't look like dsregcmd /status output."</strong></p>
            <p>{format!("We read {} lines and found {seen}, but no device state fields.", report.text().lines().count())}</p>
            <p>
                "Run " <code>"dsregcmd /status"</code>
                " in a Command Prompt opened as the signed-in user (not elevated: some sections are only filled for the user), "
                "then paste the whole output, from the " <code>"| Device State |"</code> " box to the end."
            </p>
        </div>
    }
}

/// The page lists at most this many unreadable lines.
const MAX_PROBLEMS: usize = 200;

/// Every output's report; the share panel follows the first verdict, so the verdict is the
/// first thing read, even on a phone.
fn documents(
    report: Arc<Report>,
    highlighted: RwSignal<Vec<usize>>,
    redact: RwSignal<bool>,
    shared: RwSignal<Option<Arc<Shared>>>,
) -> impl IntoView {
    let shared_text = report.text().to_owned();
    let several = report.documents.len() > 1;
    let total_problems = report.problems.len();
    let problems: Vec<_> = report.problems.iter().take(MAX_PROBLEMS).cloned().collect();
    let text = report.text().to_owned();
    // The raw view stops after the last output shown.
    let last_line = report.documents.last().map_or(usize::MAX, |d| d.lines[1]);
    // Fields quoted in prose are marked in the raw view.
    let marks: Vec<(usize, usize)> = report
        .documents
        .iter()
        .flat_map(|d| d.sections.iter().flat_map(|s| &s.fields))
        .filter(|f| f.quoted)
        .map(|f| (f.span.start(), f.span.end()))
        .collect();
    let hidden_documents = report
        .documents_total
        .saturating_sub(report.documents.len());
    view! {
        {(hidden_documents > 0).then(|| view! {
            <div class="notice" role="note">
                <p>{format!(
                    "This input holds {} outputs; the first {MAX_DOCUMENTS} are shown. To analyse \
                     them all, split the file or use the command-line tool (dsreg analyze).",
                    report.documents_total
                )}</p>
            </div>
        })}
        <CompareView documents=report.documents.clone() highlighted=highlighted />
        {report
            .documents
            .iter()
            .enumerate()
            .map(|(i, doc)| {
                let share = (i == 0).then(|| shared_text.clone());
                view! {
                    <DocumentView doc=doc.clone() several=several share=share highlighted=highlighted redact=redact shared=shared />
                }
            })
            .collect_view()}
        {(!problems.is_empty()).then(|| view! {
            <details class="problems">
                <summary>{format!(
                    "{total_problems} note{} on how the input was read (lines skipped or repaired, changes of encoding){}",
                    if total_problems == 1 { "" } else { "s" },
                    if total_problems > MAX_PROBLEMS { format!(" (the first {MAX_PROBLEMS} are listed)") } else { String::new() }
                )}</summary>
                <ul>
                    {problems
                        .into_iter()
                        .map(|p| view! { <li><span class="line-ref">{format!("line {}", p.line)}</span>" "{p.message}</li> })
                        .collect_view()}
                </ul>
            </details>
        })}
        <RawView text=text last_line=last_line highlighted=highlighted marks=marks />
    }
}

/// What a ticket or chat quoted (the fields read from prose, each with its line) and every
/// error code in the output with its meaning where it was found. Built with [`dom`].
fn quoted_and_codes(doc: &DocumentReport<'static>) -> (Option<Element>, Option<Element>) {
    let quoted: Vec<(String, usize)> = doc
        .sections
        .iter()
        .flat_map(|s| &s.fields)
        .filter(|f| f.quoted)
        .map(|f| (format!("{} : {}", f.key, f.value), f.line))
        .collect();
    let notice = (!quoted.is_empty()).then(|| {
        let n = quoted.len();
        let div = dom::el("div", "notice");
        dom::attr(&div, "role", "note");
        dom::add_text(
            &div,
            "p",
            "",
            &format!(
                "Read {n} field{} quoted in the text (a ticket or chat, not a whole output); \
                 the findings judge only these:",
                if n == 1 { "" } else { "s" }
            ),
        );
        let ul = dom::add(&div, "ul", "quoted");
        for (text, line) in quoted {
            let li = dom::add(&ul, "li", "");
            dom::add_line_ref(&li, line);
            dom::add_text(&li, "code", "", &text);
        }
        div
    });
    let codes = (!doc.codes.is_empty()).then(|| {
        let section = dom::el("section", "codes-list");
        dom::attr(&section, "aria-label", "Codes");
        dom::add_text(
            &section,
            "h3",
            "subheading",
            &format!("Codes in this output ({})", doc.codes.len()),
        );
        let dl = dom::add(&section, "dl", "");
        for c in &doc.codes {
            let dt = dom::add(&dl, "dt", "");
            dom::add_text(&dt, "code", "", &c.code);
            dom::add_text(&dl, "dd", "", &c.meaning);
        }
        section
    });
    (notice, codes)
}

/// One output's report: its verdict, the share panel (after the first verdict), the join
/// diagram, what was quoted, the findings, the codes, the timeline and the field tables. All
/// but the share panel are built with [`dom`] and placed by two hosts.
#[component]
fn DocumentView(
    /// Core's report of the output.
    doc: Arc<DocumentReport<'static>>,
    /// Whether the input holds several outputs (each then gets a heading).
    several: bool,
    /// The text to share, for the output that carries the share panel.
    share: Option<String>,
    /// The raw view's highlighted lines.
    highlighted: RwSignal<Vec<usize>>,
    /// Redact identifiers before sharing.
    redact: RwSignal<bool>,
    /// What sharing exports, once prepared.
    shared: RwSignal<Option<Arc<Shared>>>,
) -> impl IntoView {
    let top = dom::el("div", "");
    if several {
        dom::add_text(
            &top,
            "h3",
            "document-heading",
            &format!(
                "Output {} (lines {}–{})",
                doc.document, doc.lines[0], doc.lines[1]
            ),
        );
    }
    let _ = top.append_child(&verdict::build(doc.level, &doc.verdict, doc.partial));
    if let Some(note) = &doc.compact {
        dom::add_text(&top, "p", "compact-note muted", &note.sentence());
    }
    let body = dom::el("div", "");
    let (quoted, codes) = quoted_and_codes(&doc);
    let part = |class: &str, built: Option<Element>| {
        if let Some(built) = built {
            let wrap = dom::add(&body, "div", class);
            let _ = wrap.append_child(&built);
        }
    };
    part("diagram-host", Some(diagram::build(&doc.diagram())));
    part("quoted-host", quoted);
    part("findings-host", Some(findings::build(&doc.findings)));
    part("codes-host", codes);
    part(
        "timeline-panel",
        (!doc.timeline.entries.is_empty()).then(|| timeline::build(&doc.timeline)),
    );
    dom::add_text(&body, "h3", "subheading", "Fields");
    for section in &doc.sections {
        part("section-host", Some(sections::build(section)));
    }
    view! {
        <article class="document">
            {dom::host("document-top", top, highlighted)}
            {share.map(|text| view! { <SharePanel text=text redact=redact shared=shared /> })}
            {dom::host("document-body", body, highlighted)}
        </article>
    }
}
