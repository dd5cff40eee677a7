//! The verdict banner.

use leptos::prelude::*;

use dsreg_core::rules::Severity;

use crate::model::DocView;

/// One sentence on the whole output, coloured by the severity of the worst finding.
#[component]
pub fn Verdict(
    /// The output the verdict is about.
    doc: DocView,
) -> impl IntoView {
    let label = match doc.level {
        Severity::Critical => "Critical",
        Severity::Warning => "Warning",
        Severity::Info => "Note",
        Severity::Ok => "Healthy",
    };
    view! {
        <div class=format!("verdict verdict-{}", doc.level.name()) role="status">
            <span class="verdict-level">{label}</span>
            <p class="verdict-text">{doc.verdict}</p>
        </div>
    }
}
