//! The join-state diagram: the device, on-premises AD, Microsoft Entra ID and (when relevant)
//! AD FS / DRS, with which relationships hold, which are missing and which failed.

use leptos::prelude::*;

use dsreg_core::report::{Diagram, Edge, Token};

fn class(edge: Edge) -> &'static str {
    match edge {
        Edge::Established => "edge edge-ok",
        Edge::Absent => "edge edge-absent",
        Edge::Broken => "edge edge-broken",
        Edge::Unknown => "edge edge-unknown",
    }
}

/// The SVG diagram and, under it, the same facts as a list of tokens. Core decides every edge,
/// label and token ([`Diagram`]); this draws them.
#[component]
pub fn JoinDiagram(
    /// What to draw.
    diagram: Diagram,
) -> impl IntoView {
    let summary = format!(
        "Device to on-premises AD: {}. Device to Microsoft Entra ID: {}.",
        diagram.domain.label, diagram.entra.label
    );
    let label = summary.clone();
    let drs_active = diagram.drs.is_some_and(|l| l.edge == Edge::Established);
    view! {
        <figure class="diagram">
            <svg viewBox="0 0 640 250" role="img" aria-label=label class="join-diagram">
                <title>{summary}</title>
                {edge(320, 170, 105, 76, diagram.domain.edge, diagram.domain.label, 165, 152)}
                {edge(320, 170, 535, 76, diagram.entra.edge, diagram.entra.label, 475, 152)}
                {diagram.drs.map(|l| edge(320, 170, 320, 76, l.edge, l.label, 320, 118))}
                {node(20, 20, "On-premises AD", "Active Directory", diagram.domain_active)}
                {diagram.drs.map(|_| node(235, 20, "AD FS / DRS", "federation", drs_active))}
                {node(450, 20, "Microsoft Entra ID", "cloud directory", diagram.entra_active)}
                {node(235, 170, "This device", diagram.device, true)}
            </svg>
            <figcaption>
                <ul class="tokens" aria-label="Sign-in tokens and device state">
                    {diagram.tokens.into_iter().map(token).collect_view()}
                </ul>
            </figcaption>
        </figure>
    }
}

#[allow(clippy::too_many_arguments)]
fn edge(
    x1: i32,
    y1: i32,
    x2: i32,
    y2: i32,
    link: Edge,
    label: &'static str,
    lx: i32,
    ly: i32,
) -> impl IntoView {
    view! {
        <g class=class(link)>
            <line x1=x1 y1=y1 x2=x2 y2=y2 />
            <text x=lx y=ly text-anchor="middle" class="edge-label">{label}</text>
        </g>
    }
}

fn node(
    x: i32,
    y: i32,
    title: &'static str,
    subtitle: &'static str,
    active: bool,
) -> impl IntoView {
    view! {
        <g class=if active { "node node-active" } else { "node" }>
            <rect x=x y=y width="170" height="56" rx="8" />
            <text x=x + 85 y=y + 24 text-anchor="middle" class="node-title">{title}</text>
            <text x=x + 85 y=y + 43 text-anchor="middle" class="node-subtitle">{subtitle}</text>
        </g>
    }
}

/// A token chip: present (good), absent where expected (bad), or absent (neutral).
fn token(token: Token) -> impl IntoView {
    let (name, expected) = (token.name, token.expected);
    let (class, mark, state) = match token.present {
        Some(true) => ("token token-ok", "✓", "present"),
        Some(false) if expected => ("token token-bad", "✕", "missing"),
        Some(false) => ("token token-off", "–", "not present"),
        None if expected => ("token token-bad", "?", "not shown"),
        None => ("token token-off", "–", "not shown"),
    };
    view! {
        <li class=class>
            <span class="token-mark" aria-hidden="true">{mark}</span>
            {name}
            <span class="visually-hidden">{format!(": {state}")}</span>
        </li>
    }
}
