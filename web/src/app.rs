//! The page: masthead, input panel and report region.

use leptos::prelude::*;

use crate::components::{input::InputPanel, report::ReportView};

/// The whole application.
#[component]
pub fn App() -> impl IntoView {
    let (input, set_input) = signal(String::new());

    view! {
        <header class="masthead">
            <div class="masthead-inner">
                <h1>"dsregcmd analyzer"</h1>
                <p class="tagline">
                    "Paste the output of " <code>"dsregcmd /status"</code>
                    " and read what it says about the device's Microsoft Entra ID registration. "
                    "Everything runs in this browser tab; nothing is uploaded."
                </p>
            </div>
        </header>
        <main class="layout">
            <InputPanel on_input=set_input />
            <ReportView input=input />
        </main>
    }
}
