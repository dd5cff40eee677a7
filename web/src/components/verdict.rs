//! The verdict banner.

use dsreg_core::rules::Severity;
use web_sys::Element;

use crate::dom;

/// One sentence on the whole output, coloured by the severity of the worst finding (core's
/// `level`); a part of an output (`partial`) is never "Healthy".
pub fn build(level: Severity, verdict: &str, partial: bool) -> Element {
    let label = match level {
        Severity::Critical => "Critical",
        Severity::Warning => "Warning",
        Severity::Info | Severity::Ok if partial => "Partial output",
        Severity::Info => "Note",
        Severity::Ok => "Healthy",
    };
    let div = dom::el("div", &format!("verdict verdict-{}", level.name()));
    dom::attr(&div, "role", "status");
    dom::add_text(&div, "span", "verdict-level", label);
    dom::add_text(&div, "p", "verdict-text", verdict);
    div
}
