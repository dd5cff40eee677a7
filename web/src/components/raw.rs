//! The input as it was read, line by line, with evidence lines highlighted.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, ScrollBehavior, ScrollIntoViewOptions, ScrollLogicalPosition};

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
    // Each line as (before, marked, after) parts, cut at the marks that fall inside it.
    let mut lines: Vec<(usize, Vec<(String, bool)>)> = Vec::with_capacity(shown);
    let mut offset = 0;
    let mut marks = marks.into_iter().peekable();
    for (i, line) in text.split_inclusive('\n').take(shown).enumerate() {
        let content = line.trim_end_matches(['\n', '\r']);
        let (start, end) = (offset, offset + content.len());
        offset += line.len();
        let mut parts = Vec::new();
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
                parts.push((content[at - start..from - start].to_owned(), false));
                parts.push((content[from - start..to - start].to_owned(), true));
                at = to;
            }
        }
        parts.push((content[at - start..].to_owned(), false));
        lines.push((i + 1, parts));
    }
    view! {
        <details class="raw" open>
            <summary class="section-title">"Input as read"</summary>
            <pre class="raw-text" tabindex="0" aria-label="The input, with line numbers">
                {lines
                    .into_iter()
                    .map(|(n, line)| {
                        view! {
                            <span
                                class="raw-line"
                                id=format!("raw-line-{n}")
                                class:highlight=move || highlighted.with(|h| h.contains(&n))
                            >
                                <span class="ln" aria-hidden="true">{n}</span>
                                {line
                                    .into_iter()
                                    .map(|(part, marked)| if marked {
                                        view! { <mark class="quoted-span">{part}</mark> }.into_any()
                                    } else {
                                        part.into_any()
                                    })
                                    .collect_view()}
                                "\n"
                            </span>
                        }
                    })
                    .collect_view()}
            </pre>
            {(total > shown).then(|| view! {
                <p class="note">{format!("Showing the first {shown} of {total} lines.")}</p>
            })}
        </details>
    }
}

/// A line reference (`L12`): highlights that line in the raw view and scrolls the page to it.
#[component]
pub fn LineRef(
    /// The 1-based line.
    line: usize,
    /// The raw view's highlighted lines.
    highlighted: RwSignal<Vec<usize>>,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class="line-ref"
            aria-label=format!("Show line {line} in the input")
            on:click=move |_| {
                highlighted.set(vec![line]);
                reveal_line(line);
            }
        >
            {format!("L{line}")}
        </button>
    }
}

/// Scrolls the page to line `n` of the raw view.
pub fn reveal_line(n: usize) {
    if let Some(el) = document().get_element_by_id(&format!("raw-line-{n}")) {
        let options = ScrollIntoViewOptions::new();
        options.set_behavior(ScrollBehavior::Smooth);
        options.set_block(ScrollLogicalPosition::Center);
        el.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// Scrolls only the raw view's own box so that line `n` is in the middle of it, leaving the
/// page where the reader is.
pub fn center_line_in_view(n: usize) {
    let line = document()
        .get_element_by_id(&format!("raw-line-{n}"))
        .and_then(|e| e.dyn_into::<HtmlElement>().ok());
    if let Some(line) = line
        && let Some(pre) = line.parent_element()
    {
        let top = line.offset_top() - pre.client_height() / 2;
        pre.set_scroll_top(top.max(0));
    }
}
