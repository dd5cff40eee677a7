//! Two outputs of one input side by side (before and after a fix): pick any two, the first and
//! the last by default. Core compares; this shows the join state before and after, the problems
//! resolved, new and unchanged, and the fields that changed, appeared or went away.

use std::sync::Arc;

use leptos::prelude::*;
use web_sys::Element;

use dsreg_core::{
    DocumentReport,
    compare::{self, Comparison},
};

use crate::dom;

/// The comparison panel; shown only for an input with two or more outputs.
#[component]
pub fn CompareView(
    /// Core's report of each output, in input order.
    documents: Vec<Arc<DocumentReport<'static>>>,
    /// Clicking a line number highlights that line in the raw view.
    highlighted: RwSignal<Vec<usize>>,
) -> impl IntoView {
    (documents.len() > 1).then(|| {
        let last = documents.len() - 1;
        // Static once built: a change of either choice rebuilds the body, no reactive state.
        let body = dom::el("div", "");
        let before = NodeRef::<leptos::html::Select>::new();
        let after = NodeRef::<leptos::html::Select>::new();
        let docs = documents.clone();
        let render = {
            let body = body.clone();
            move |a: usize, b: usize| {
                body.set_text_content(None);
                let _ = body.append_child(&build(&compare::compare(&docs[a], &docs[b])));
            }
        };
        render(0, last);
        let index = |select: NodeRef<leptos::html::Select>, default: usize| {
            select
                .get_untracked()
                .and_then(|s| s.value().parse().ok())
                .unwrap_or(default)
        };
        let on_change = move |_: leptos::ev::Event| render(index(before, 0), index(after, last));
        let options = move |selected: usize| {
            documents
                .iter()
                .enumerate()
                .map(|(i, d)| {
                    let label = format!("Output {} (lines {}–{})", i + 1, d.lines[0], d.lines[1]);
                    view! { <option value=i.to_string() selected=i == selected>{label}</option> }
                })
                .collect_view()
        };
        view! {
            <details class="compare" open>
                <summary class="section-title">"Compare two outputs"</summary>
                <div class="compare-pick">
                    <label>"Before " <select class="button" node_ref=before on:change=on_change.clone()>{options(0)}</select></label>
                    <label>"After " <select class="button" node_ref=after on:change=on_change>{options(last)}</select></label>
                </div>
                {dom::host("compare-body", body, highlighted)}
            </details>
        }
    })
}

fn build(c: &Comparison) -> Element {
    let wrap = dom::el("div", "");
    if c.different_devices {
        let note = dom::add(&wrap, "div", "notice notice-warning");
        dom::attr(&note, "role", "note");
        dom::add_text(
            &note,
            "p",
            "",
            "These are two different devices (their DeviceId or device name differ); the comparison is shown anyway.",
        );
    }
    let state = dom::add(&wrap, "p", "compare-state");
    dom::add_text(&state, "strong", "", "Join state: ");
    dom::text(
        &state,
        &format!(
            "{} → {}",
            c.join_state_before.describe(),
            c.join_state_after.describe()
        ),
    );
    if c.is_unchanged() {
        dom::add_text(&wrap, "p", "", "Nothing changed between the two outputs.");
    }
    for (title, class, list) in [
        ("Resolved", "compare-resolved", &c.findings_resolved),
        ("New", "compare-new", &c.findings_new),
        ("Unchanged", "compare-unchanged", &c.findings_unchanged),
    ] {
        if list.is_empty() {
            continue;
        }
        dom::add_text(
            &wrap,
            "h4",
            "",
            &format!("{title} problems ({})", list.len()),
        );
        let ul = dom::add(&wrap, "ul", class);
        for f in list {
            dom::add_text(&ul, "li", "", &compare::finding_line(f));
        }
    }
    if !c.fields_changed.is_empty() {
        dom::add_text(
            &wrap,
            "h4",
            "",
            &format!("Fields changed ({})", c.fields_changed.len()),
        );
        let ul = dom::add(&wrap, "ul", "compare-fields");
        for f in &c.fields_changed {
            let li = dom::add(&ul, "li", "");
            dom::add_line_ref(&li, f.line_after);
            dom::add_text(&li, "span", "compare-change", &compare::change_line(f));
        }
    }
    for (title, list) in [
        ("Fields that appeared", &c.fields_added),
        ("Fields that went away", &c.fields_removed),
    ] {
        if list.is_empty() {
            continue;
        }
        let details = dom::add(&wrap, "details", "compare-presence");
        dom::add_text(
            &details,
            "summary",
            "",
            &format!("{title} ({})", list.len()),
        );
        let ul = dom::add(&details, "ul", "compare-fields");
        for f in list {
            let li = dom::add(&ul, "li", "");
            dom::add_line_ref(&li, f.line);
            let place = f.section.as_deref().unwrap_or("outside any section");
            dom::add_text(
                &li,
                "span",
                "compare-change",
                &format!("{place} / {}: {}", f.key, f.value),
            );
        }
    }
    wrap
}
