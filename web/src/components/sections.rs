//! One section of the output as a table of typed, explained values.

use leptos::prelude::*;

use dsreg_core::report::{SectionReport, Tone, ValidityView};

use crate::components::raw::LineRef;

/// A section: each field with its badge, decoded reading and glossary explanation (shown on
/// hover and keyboard focus, and inline on small screens). Unknown fields are shown and marked.
#[component]
pub fn SectionTable(
    /// The section, as core reports it.
    section: SectionReport<'static>,
    /// Clicking a line number highlights that line in the raw view.
    highlighted: RwSignal<Vec<usize>>,
) -> impl IntoView {
    let title = section
        .title
        .as_deref()
        .unwrap_or("Fields outside any section")
        .to_owned();
    let section_note = section.explanation;
    view! {
        <details class="section" open>
            <summary class="section-title">
                {title}
                <span class="section-count">{format!("{} fields", section.fields.len())}</span>
            </summary>
            {section_note.map(|note| view! { <p class="section-note">{note}</p> })}
            <table class="fields">
                <tbody>
                    {section
                        .fields
                        .into_iter()
                        .map(|field| {
                            let line = field.line;
                            let explanation = field.explanation;
                            let value_note = field.value_note;
                            let indent = field.block.is_some();
                            view! {
                                <tr class:nested=indent class:unknown=!field.known>
                                    <th scope="row" class="key-cell">
                                        <span class="key" tabindex=explanation.map(|_| "0")>{field.key.into_owned()}</span>
                                        {(!field.known).then(|| view! { <span class="unknown-tag">"not in the reference"</span> })}
                                        {explanation.map(|text| view! { <span class="gloss" role="note">{text}</span> })}
                                    </th>
                                    <td class="value-cell">
                                        {match field.badge {
                                            Some(badge) => {
                                                let label = badge.label;
                                                let class = match badge.tone {
                                                    Tone::Good => "badge badge-good",
                                                    Tone::Warn => "badge badge-warn",
                                                    Tone::Bad => "badge badge-bad",
                                                    Tone::Neutral => "badge badge-neutral",
                                                };
                                                let rest = field.value.trim();
                                                let extra = rest
                                                    .get(label.len()..)
                                                    .filter(|_| rest.len() > label.len() && rest.is_char_boundary(label.len()))
                                                    .map(|r| r.trim().to_owned());
                                                view! {
                                                    <span class=class>{label}</span>
                                                    {extra.map(|e| view! { <span class="value-extra">{e}</span> })}
                                                }
                                                .into_any()
                                            }
                                            None if field.value.trim().is_empty() => {
                                                view! { <span class="empty-value">"(empty)"</span> }.into_any()
                                            }
                                            None => view! { <span class="value">{field.value.into_owned()}</span> }.into_any(),
                                        }}
                                        {field.validity.map(timeline)}
                                        {field.reading.map(|d| view! { <span class="detail">{d}</span> })}
                                        {value_note.map(|n| view! { <span class="value-note">{n}</span> })}
                                    </td>
                                    <td class="line-cell">
                                        <LineRef line=line highlighted=highlighted />
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </details>
    }
}

/// A certificate's validity as a bar from issue to expiry, with the output's time marked and
/// coloured by core's reading of it.
fn timeline(line: ValidityView) -> impl IntoView {
    let at = line.now_percent();
    let class = match line.tone {
        Tone::Bad => "timeline timeline-bad",
        Tone::Warn => "timeline timeline-warn",
        Tone::Good | Tone::Neutral => "timeline",
    };
    view! {
        <svg class=class viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
            <rect class="timeline-track" x="0" y="3" width="100" height="4" rx="2" />
            {at.map(|p| view! {
                <rect class="timeline-used" x="0" y="3" width=p height="4" rx="2" />
                <rect class="timeline-now" x=(p - 1).max(0) y="0" width="2" height="10" />
            })}
        </svg>
    }
}
