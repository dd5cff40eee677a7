//! The paste area.

use leptos::prelude::*;

/// The text area where the admin pastes `dsregcmd /status` output.
#[component]
pub fn InputPanel(
    /// Receives the whole text on every edit.
    on_input: WriteSignal<String>,
) -> impl IntoView {
    view! {
        <section class="panel input-panel" aria-labelledby="input-heading">
            <h2 id="input-heading">"Input"</h2>
            <label for="paste" class="field-label">
                "Output of " <code>"dsregcmd /status"</code>
            </label>
            <textarea
                id="paste"
                class="paste"
                spellcheck="false"
                autocomplete="off"
                placeholder="+----------------------------------------------------------------------+\n| Device State                                                         |\n+----------------------------------------------------------------------+\n\n             AzureAdJoined : YES\n          EnterpriseJoined : NO\n              DomainJoined : YES\n..."
                on:input=move |ev| on_input.set(event_target_value(&ev))
            ></textarea>
        </section>
    }
}
