//! The verdict banner.

use leptos::prelude::*;

use dsreg_core::rules::Severity;

/// One sentence on the whole output, coloured by the severity of the worst finding.
#[component]
pub fn Verdict(
    /// The severity of the worst finding (core's `level`).
    level: Severity,
    /// Core's verdict sentence.
    verdict: String,
    /// The text is only part of an output: never "Healthy".
    partial: bool,
) -> impl IntoView {
    let label = match level {
        Severity::Critical => "Critical",
        Severity::Warning => "Warning",
        Severity::Info | Severity::Ok if partial => "Partial output",
        Severity::Info => "Note",
        Severity::Ok => "Healthy",
    };
    view! {
        <div class=format!("verdict verdict-{}", level.name()) role="status">
            <span class="verdict-level">{label}</span>
            <p class="verdict-text">{verdict}</p>
        </div>
    }
}
