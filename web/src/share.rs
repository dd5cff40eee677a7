//! The edge between core's share and export functions and the browser: the URL fragment,
//! the clipboard and file downloads. What is shared is decided in core (`permalink`, `redact`,
//! `markdown`, `report`); this module only moves strings in and out of the page.

use dsreg_core::{DocumentReport, Staged, markdown, permalink, redact, report};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

use crate::{model::LARGE_INPUT_BYTES, pace};

/// What a share action exports: the input, redacted first when the admin asked for it.
pub struct Shared {
    /// The text that leaves this tab (in a link, a summary or a file).
    pub text: String,
    /// What redaction replaced: `(label, how many)`; empty when not redacted.
    pub redacted: Vec<(&'static str, usize)>,
}

impl Shared {
    /// What to share after redaction.
    pub fn from_redacted(out: redact::Redacted) -> Self {
        Shared {
            redacted: out
                .counts
                .iter()
                .map(|(kind, n)| (kind.label(), *n))
                .collect(),
            text: out.text,
        }
    }
}

/// The text to share, redacted or not.
pub fn prepare(text: &str, redacted: bool) -> Shared {
    if redacted {
        Shared::from_redacted(redact::redact(text))
    } else {
        Shared {
            text: text.to_owned(),
            redacted: Vec::new(),
        }
    }
}

/// The fragment currently in the address bar, without `#` (empty when there is none).
pub fn current_fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_owned())
        .unwrap_or_default()
}

/// Replaces the fragment without adding a history entry (no history spam while typing).
pub fn replace_fragment(fragment: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let base = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    let url = if fragment.is_empty() {
        base
    } else {
        format!("{base}#{fragment}")
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// The full link for `fragment`: this page's address plus `#fragment`, or, in the one-file
/// build made with a hosted address (`<meta name="dsreg-hosted" content="https://…">`), that
/// address, so a link made from a file on disk opens for anyone.
pub fn link(fragment: &str) -> String {
    let hosted = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("meta[name=dsreg-hosted]").ok().flatten())
        .and_then(|m| m.get_attribute("content"))
        .filter(|url| url.starts_with("https://"));
    let href = hosted
        .or_else(|| web_sys::window().and_then(|w| w.location().href().ok()))
        .unwrap_or_default();
    let base = href.split('#').next().unwrap_or_default();
    format!("{base}#{fragment}")
}

/// Whether `text` fits in a share link (links open at most [`permalink::MAX_TEXT`] bytes).
pub fn fits_in_link(text: &str) -> bool {
    text.len() <= permalink::MAX_TEXT
}

/// The fragment payload for `text` (`v1=…`); empty for no text or text too large for a link.
pub fn fragment_for(text: &str) -> String {
    if text.trim().is_empty() || !fits_in_link(text) {
        String::new()
    } else {
        permalink::encode(text)
    }
}

/// The Markdown summary of every output in `text`, for a ticket.
pub async fn markdown_summary(text: &str) -> String {
    each_report(text, markdown::to_markdown, "\n\n---\n\n").await
}

/// The report as JSON: the CLI's schema, one object per output, one per line.
pub async fn json_report(text: &str) -> String {
    let mut out = each_report(text, report::to_json_line, "\n").await;
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// Every output's report of `text`, each rendered by `render`, joined by `separator`. A large
/// text (hundreds of outputs) is worked through in slices with a painted frame in between;
/// a small one at once.
async fn each_report(
    text: &str,
    render: impl Fn(&DocumentReport<'_>) -> String,
    separator: &str,
) -> String {
    let paced = text.len() > LARGE_INPUT_BYTES;
    let mut staged = Staged::new(text.as_bytes());
    while !staged.is_done() {
        staged.step();
        if paced {
            pace::next_frame().await;
        }
    }
    let analysis = staged.finish();
    let mut parts = Vec::with_capacity(analysis.documents().len());
    let mut slice = pace::now();
    for doc in analysis.documents() {
        parts.push(render(&DocumentReport::new(
            &analysis,
            doc,
            "pasted output",
        )));
        if paced && pace::now() - slice > pace::SLICE_MS {
            pace::next_frame().await;
            slice = pace::now();
        }
    }
    parts.join(separator)
}

/// Offers `contents` as a file download named `name`.
pub fn download(name: &str, mime: &str, contents: &str) -> bool {
    let parts = js_sys::Array::of1(&JsValue::from_str(contents));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return false;
    };
    let Ok(url) = Url::create_object_url_with_blob(&blob) else {
        return false;
    };
    let anchor = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .and_then(|a| a.dyn_into::<HtmlAnchorElement>().ok());
    let Some(anchor) = anchor else {
        return false;
    };
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    let _ = Url::revoke_object_url(&url);
    true
}
