//! A small DOM builder for the large, static parts of a report (field tables, comparisons,
//! timelines): plain functions over `web_sys`, so a table of a hundred rows costs a few calls
//! per cell instead of a typed view per element. Text is only ever set as text (`textContent`,
//! text nodes), never parsed as HTML.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, ScrollBehavior, ScrollIntoViewOptions, ScrollLogicalPosition};

/// A new element `tag` with `class` (empty: none).
pub fn el(tag: &str, class: &str) -> Element {
    let e = document().create_element(tag).expect("a valid tag name");
    if !class.is_empty() {
        e.set_class_name(class);
    }
    e
}

/// Appends a new element `tag` with `class` to `parent` and returns it.
pub fn add(parent: &Element, tag: &str, class: &str) -> Element {
    let e = el(tag, class);
    let _ = parent.append_child(&e);
    e
}

/// Appends a new element holding `text` (as text).
pub fn add_text(parent: &Element, tag: &str, class: &str, text: &str) -> Element {
    let e = add(parent, tag, class);
    e.set_text_content(Some(text));
    e
}

/// Appends `text` as a text node.
pub fn text(parent: &Element, text: &str) {
    let _ = parent.append_with_str_1(text);
}

/// Sets an attribute.
pub fn attr(e: &Element, name: &str, value: &str) {
    let _ = e.set_attribute(name, value);
}

/// Sets numeric attributes (SVG coordinates and sizes).
pub fn coords(e: &Element, attrs: &[(&str, i64)]) {
    for (name, v) in attrs {
        attr(e, name, &v.to_string());
    }
}

/// Appends a link (opening in a new tab), only for an `https:` address.
pub fn add_link(parent: &Element, href: &str, label: &str) {
    if href.starts_with("https://") {
        let a = add_text(parent, "a", "", label);
        attr(&a, "href", href);
        attr(&a, "target", "_blank");
        attr(&a, "rel", "noopener noreferrer");
    }
}

/// Appends a line reference button (`L12`); a click on it is handled by [`on_line_ref`] on an
/// ancestor (one listener per table, not one per row).
pub fn add_line_ref(parent: &Element, line: usize) {
    let b = add_text(parent, "button", "line-ref", &format!("L{line}"));
    attr(&b, "type", "button");
    attr(&b, "data-line", &line.to_string());
    attr(&b, "aria-label", &format!("Show line {line} in the input"));
}

/// The line of a line reference button a click landed on, if it did.
pub fn clicked_line(ev: &web_sys::Event) -> Option<usize> {
    let target: Element = ev.target()?.dyn_into().ok()?;
    let button = target.closest("button[data-line]").ok()??;
    button.get_attribute("data-line")?.parse().ok()
}

/// Appends a new SVG element `tag` (in the SVG namespace) with `class`.
pub fn svg(parent: &Element, tag: &str, class: &str) -> Element {
    let e = document()
        .create_element_ns(Some("http://www.w3.org/2000/svg"), tag)
        .expect("a valid SVG tag name");
    if !class.is_empty() {
        let _ = e.set_attribute("class", class);
    }
    let _ = parent.append_child(&e);
    e
}

/// Places a built element in a view: one host `div` (with `class`) that appends it once
/// mounted and handles the clicks inside it (see [`on_built_click`]). One function for every
/// built part, so the bundle holds one copy of the glue.
pub fn host(
    class: &'static str,
    built: Element,
    highlighted: RwSignal<Vec<usize>>,
) -> impl IntoView + use<> {
    let node = NodeRef::<leptos::html::Div>::new();
    // Leptos reuses the host `div` when a new report replaces one of the same shape (a share
    // link opened with Back or Forward) and loads the node reference again: the new part then
    // replaces the old, never sits after it.
    node.on_load(move |div| {
        div.set_text_content(None);
        let _ = div.append_child(&built);
    });
    let on_click = move |ev: leptos::ev::MouseEvent| on_built_click(&ev, highlighted);
    view! { <div class=class node_ref=node on:click=on_click></div> }
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

/// What a click inside a built part does, by what it landed on:
/// - a line reference (`button[data-line]`): highlights that line in the raw view, scrolls there;
/// - a copy button (`button[data-copy]`): copies its text, then says so in the `.copied` element
///   next to it;
/// - the summary of a `details[data-lines]` about to open: highlights those lines (a finding's
///   evidence) and brings the first into the raw view.
fn on_built_click(ev: &web_sys::Event, highlighted: RwSignal<Vec<usize>>) {
    let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    if let Some(line) = clicked_line(ev) {
        highlighted.set(vec![line]);
        reveal_line(line);
        return;
    }
    if let Ok(Some(button)) = target.closest("button[data-copy]") {
        let text = button.get_attribute("data-copy").unwrap_or_default();
        let status = button.next_element_sibling();
        leptos::task::spawn_local(async move {
            let ok = copy(&text).await;
            if let Some(status) = status {
                status.set_text_content(Some(if ok {
                    "Copied."
                } else {
                    "The browser did not allow copying."
                }));
            }
        });
        return;
    }
    let Ok(Some(summary)) = target.closest("summary") else {
        return;
    };
    let Some(details) = summary
        .parent_element()
        .filter(|d| d.has_attribute("data-lines"))
    else {
        return;
    };
    // The click is about to open it.
    if !details.has_attribute("open") {
        let lines: Vec<usize> = details
            .get_attribute("data-lines")
            .unwrap_or_default()
            .split(',')
            .filter_map(|n| n.parse().ok())
            .collect();
        if let Some(&first) = lines.first() {
            center_line_in_view(first);
        }
        highlighted.set(lines);
    }
}

/// Scrolls the raw view (not the page) so that line `n` is in its middle.
pub fn center_line_in_view(n: usize) {
    let line = document()
        .get_element_by_id(&format!("raw-line-{n}"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(line) = line
        && let Some(pre) = line.parent_element()
    {
        let top = line.offset_top() - pre.client_height() / 2;
        pre.set_scroll_top(top.max(0));
    }
}

/// Copies `text` to the clipboard; resolves to whether the browser allowed it.
pub async fn copy(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let promise = window.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}
