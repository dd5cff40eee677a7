//! The input as it was read, line by line, with evidence lines highlighted.

use leptos::prelude::*;

use crate::dom;

/// The raw view shows at most this many lines; the analysis itself covers the whole input.
const MAX_LINES: usize = 5_000;

/// The decoded input with line numbers. Lines in `highlighted` are marked.
#[component]
pub fn RawView(
    /// The decoded input.
    text: String,
    /// The last line worth showing (the end of the last output on the page).
    last_line: usize,
    /// 1-based line numbers to highlight.
    highlighted: RwSignal<Vec<usize>>,
    /// Byte ranges of the text to mark (fields quoted in prose), in order.
    #[prop(default = Vec::new())]
    marks: Vec<(usize, usize)>,
) -> impl IntoView {
    let total = text.lines().count();
    let shown = total.min(MAX_LINES).min(last_line);
    let details = dom::el("details", "raw");
    dom::attr(&details, "open", "");
    dom::add_text(&details, "summary", "section-title", "Input as read");
    let pre = dom::add(&details, "pre", "raw-text");
    dom::attr(&pre, "tabindex", "0");
    dom::attr(&pre, "aria-label", "The input, with line numbers");
    // Each line a span; the parts a mark falls on (a field quoted in prose) are marked.
    let mut offset = 0;
    let mut marks = marks.into_iter().peekable();
    for (i, line) in text.split_inclusive('\n').take(shown).enumerate() {
        let n = i + 1;
        let content = line.trim_end_matches(['\n', '\r']);
        let (start, end) = (offset, offset + content.len());
        offset += line.len();
        let span = dom::add(&pre, "span", "raw-line");
        dom::attr(&span, "id", &format!("raw-line-{n}"));
        let ln = dom::add_text(&span, "span", "ln", &n.to_string());
        dom::attr(&ln, "aria-hidden", "true");
        let mut at = start;
        while let Some(&(from, to)) = marks.peek() {
            if from >= end {
                break;
            }
            marks.next();
            let (from, to) = (from.max(at), to.min(end));
            if from < to
                && content.is_char_boundary(from - start)
                && content.is_char_boundary(to - start)
            {
                dom::text(&span, &content[at - start..from - start]);
                dom::add_text(
                    &span,
                    "mark",
                    "quoted-span",
                    &content[from - start..to - start],
                );
                at = to;
            }
        }
        dom::text(&span, &content[at - start..]);
        dom::text(&span, "\n");
    }
    if total > shown {
        dom::add_text(
            &details,
            "p",
            "note",
            &format!("Showing the first {shown} of {total} lines."),
        );
    }
    // The highlight moves by toggling a class on the lines it leaves and enters: one effect,
    // not one per line.
    let lit = StoredValue::new(Vec::<usize>::new());
    Effect::new(move |_| {
        let now = highlighted.get();
        let document = document();
        let set = |n: usize, on: bool| {
            if let Some(el) = document.get_element_by_id(&format!("raw-line-{n}")) {
                let _ = el.class_list().toggle_with_force("highlight", on);
            }
        };
        lit.with_value(|old| old.iter().for_each(|&n| set(n, false)));
        now.iter().for_each(|&n| set(n, true));
        lit.set_value(now);
    });
    dom::host("raw-host", details, highlighted)
}
