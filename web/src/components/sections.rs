//! One section of the output as a table of typed, explained values.

use web_sys::Element;

use dsreg_core::report::{SectionReport, Tone, ValidityView};

use crate::dom;

/// One section's table: every field with its badge, reading and explanation.
pub fn build(section: &SectionReport<'static>) -> Element {
    let details = dom::el("details", "section");
    dom::attr(&details, "open", "");
    let summary = dom::add_text(
        &details,
        "summary",
        "section-title",
        section
            .title
            .as_deref()
            .unwrap_or("Fields outside any section"),
    );
    dom::add_text(
        &summary,
        "span",
        "section-count",
        &format!("{} fields", section.fields.len()),
    );
    if let Some(note) = section.explanation {
        dom::add_text(&details, "p", "section-note", note);
    }
    let table = dom::add(&details, "table", "fields");
    let body = dom::add(&table, "tbody", "");
    for field in &section.fields {
        let class = match (field.block.is_some(), field.known) {
            (true, true) => "nested",
            (true, false) => "nested unknown",
            (false, true) => "",
            (false, false) => "unknown",
        };
        let row = dom::add(&body, "tr", class);
        let th = dom::add(&row, "th", "key-cell");
        dom::attr(&th, "scope", "row");
        let key = dom::add_text(&th, "span", "key", &field.key);
        if !field.known {
            dom::add_text(&th, "span", "unknown-tag", "not in the reference");
        }
        if let Some(text) = field.explanation {
            dom::attr(&key, "tabindex", "0");
            let gloss = dom::add_text(&th, "span", "gloss", text);
            dom::attr(&gloss, "role", "note");
        }
        let td = dom::add(&row, "td", "value-cell");
        let value = field.value.trim();
        match &field.badge {
            Some(badge) => {
                let class = match badge.tone {
                    Tone::Good => "badge badge-good",
                    Tone::Warn => "badge badge-warn",
                    Tone::Bad => "badge badge-bad",
                    Tone::Neutral => "badge badge-neutral",
                };
                dom::add_text(&td, "span", class, badge.label);
                let label = badge.label.len();
                if value.len() > label && value.is_char_boundary(label) {
                    dom::add_text(&td, "span", "value-extra", value[label..].trim());
                }
            }
            None if value.is_empty() => {
                dom::add_text(&td, "span", "empty-value", "(empty)");
            }
            None => {
                dom::add_text(&td, "span", "value", &field.value);
            }
        }
        if let Some(v) = &field.validity {
            timeline(&td, v);
        }
        if let Some(reading) = &field.reading {
            dom::add_text(&td, "span", "detail", reading);
        }
        if let Some(note) = field.value_note {
            dom::add_text(&td, "span", "value-note", note);
        }
        let line = dom::add(&row, "td", "line-cell");
        dom::add_line_ref(&line, field.line);
    }
    details
}

/// A certificate's validity as a bar from issue to expiry, with the output's time marked and
/// coloured by core's reading of it.
fn timeline(parent: &Element, line: &ValidityView) {
    let class = match line.tone {
        Tone::Bad => "timeline timeline-bad",
        Tone::Warn => "timeline timeline-warn",
        Tone::Good | Tone::Neutral => "timeline",
    };
    let svg = dom::svg(parent, "svg", class);
    dom::attr(&svg, "viewBox", "0 0 100 10");
    dom::attr(&svg, "preserveAspectRatio", "none");
    dom::attr(&svg, "aria-hidden", "true");
    let rect = |class: &str, x: i64, y: i64, w: i64, h: i64| {
        let r = dom::svg(&svg, "rect", class);
        dom::coords(&r, &[("x", x), ("y", y), ("width", w), ("height", h)]);
        r
    };
    dom::attr(&rect("timeline-track", 0, 3, 100, 4), "rx", "2");
    if let Some(p) = line.now_percent() {
        dom::attr(&rect("timeline-used", 0, 3, p, 4), "rx", "2");
        rect("timeline-now", (p - 1).max(0), 0, 2, 10);
    }
}
