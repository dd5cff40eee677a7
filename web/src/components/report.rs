//! The report region.

use leptos::prelude::*;

/// Shows the analysis of the current input, or a hint while there is none.
#[component]
pub fn ReportView(
    /// The pasted text.
    input: ReadSignal<String>,
) -> impl IntoView {
    let summary = move || {
        let text = input.get();
        let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
        (lines > 0).then(|| format!("{lines} non-empty lines received."))
    };
    view! {
        <section class="panel report" aria-labelledby="report-heading" aria-live="polite">
            <h2 id="report-heading">"Report"</h2>
            {move || match summary() {
                Some(text) => view! { <p class="report-summary">{text}</p> }.into_any(),
                None => view! {
                    <p class="empty-state">"The report appears here as soon as you paste."</p>
                }.into_any(),
            }}
        </section>
    }
}
