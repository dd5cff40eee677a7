//! Share and export: a link that carries the output in its fragment, a Markdown summary for a
//! ticket, and the JSON report; identifiers redacted first unless the admin turns it off.

use leptos::{prelude::*, task::spawn_local};

use std::sync::Arc;

use crate::{
    model::{LARGE_INPUT_BYTES, megabytes},
    pace,
    share::{self, Shared},
};

/// The share toolbar for the text currently analysed.
#[component]
pub fn SharePanel(
    /// The decoded input.
    text: String,
    /// Redact identifiers before sharing (on by default).
    redact: RwSignal<bool>,
    /// What sharing exports, prepared by the app when the page is idle (`None` until then).
    shared: RwSignal<Option<Arc<Shared>>>,
) -> impl IntoView {
    let text = StoredValue::new(text);
    let confirmation = RwSignal::new(String::new());
    // Prepared already, or prepared now for an impatient click.
    let shared_text = move || match shared.get_untracked() {
        Some(prepared) => prepared.text.clone(),
        None => share::prepare(&text.read_value(), redact.get_untracked()).text,
    };

    let copy = move |what: &'static str, contents: String| {
        spawn_local(async move {
            let ok = crate::dom::copy(&contents).await;
            confirmation.set(if ok {
                format!("Copied the {what} ({} characters).", contents.chars().count())
            } else {
                format!("The browser did not allow copying the {what}; use the address bar or try again.")
            });
        });
    };
    let on_link = move |_| {
        let shared = shared_text();
        if share::fits_in_link(&shared) {
            copy("share link", share::link(&share::fragment_for(&shared)));
        } else {
            confirmation.set(format!(
                "This input is too large for a share link ({}; a link holds up to 1 MB). \
                 Download the JSON report instead.",
                megabytes(shared.len() as u64)
            ));
        }
    };
    // A large input takes a moment to report in full: say so, and let it paint, first.
    let announce = move |what: &'static str| async move {
        let size = text.with_value(|t| t.len());
        if size > LARGE_INPUT_BYTES {
            confirmation.set(format!(
                "Preparing the {what} of all {}…",
                megabytes(size as u64)
            ));
            pace::next_frame().await;
        }
    };
    let on_markdown = move |_| {
        spawn_local(async move {
            announce("Markdown summary").await;
            let summary = share::markdown_summary(&shared_text()).await;
            // `copy` needs the click's user activation, which lasts a few seconds.
            copy("Markdown summary", summary);
        });
    };
    let on_json = move |_| {
        spawn_local(async move {
            announce("JSON report").await;
            let json = share::json_report(&shared_text()).await;
            let ok = share::download("dsregcmd-report.json", "application/json", &json);
            confirmation.set(if ok {
                "Saved dsregcmd-report.json (the same schema as the CLI's JSON).".to_owned()
            } else {
                "The browser refused the download.".to_owned()
            });
        });
    };

    view! {
        <section class="share" aria-label="Share and export">
            <label class="share-toggle">
                <input
                    type="checkbox"
                    prop:checked=move || redact.get()
                    on:change=move |ev| redact.set(event_target_checked(&ev))
                />
                " Redact identifiers before sharing"
            </label>
            <div class="share-actions">
                <button type="button" class="button" on:click=on_link>"Copy share link"</button>
                <button type="button" class="button subtle" on:click=on_markdown>"Copy Markdown summary"</button>
                <button type="button" class="button subtle" on:click=on_json>"Download JSON"</button>
            </div>
            <p class="share-note">
                {move || {
                    if !redact.get() {
                        return "Shared as pasted: identifiers are included.".to_owned();
                    }
                    let Some(prepared) = shared.get() else {
                        return "Preparing the redacted copy…".to_owned();
                    };
                    let replaced = prepared
                        .redacted
                        .iter()
                        .map(|(label, n)| format!("{label}: {n}"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    if replaced.is_empty() {
                        "Nothing to redact was found.".to_owned()
                    } else {
                        format!("Replaced with consistent placeholders: {replaced}.")
                    }
                }}
                " The link keeps the output in its # part, which browsers never send to a server."
            </p>
            <p class="confirmation" role="status" aria-live="polite">{move || confirmation.get()}</p>
        </section>
    }
}
