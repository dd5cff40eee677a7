//! The join-state diagram: the device, on-premises AD, Microsoft Entra ID and (when relevant)
//! AD FS / DRS, with which relationships hold, which are missing and which failed.

use leptos::prelude::*;

use dsreg_core::JoinState;

use crate::model::Links;

/// How a relationship is drawn.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Link {
    /// In place (solid).
    Established,
    /// Not there, and nothing says it should be (faint, dashed).
    Absent,
    /// Expected but failing (red, dashed, labelled).
    Broken,
}

impl Link {
    fn class(self) -> &'static str {
        match self {
            Link::Established => "edge edge-ok",
            Link::Absent => "edge edge-absent",
            Link::Broken => "edge edge-broken",
        }
    }
}

/// The SVG diagram and, under it, the same facts as a list of tokens.
#[component]
pub fn JoinDiagram(
    /// The relationships read from the output.
    links: Links,
    /// The join state.
    state: JoinState,
) -> impl IntoView {
    let (domain, domain_label) = match links.domain {
        Some(true) => (Link::Established, "domain joined"),
        _ => (Link::Absent, "not domain joined"),
    };
    let (entra, entra_label) = entra_link(&links, state);
    // AD FS only appears when the output shows it in use: whether a device *should* have an
    // Enterprise PRT depends on federation, which the findings judge, not the diagram.
    let drs_relevant = links.enterprise == Some(true) || links.enterprise_prt == Some(true);
    let (drs, drs_label) = match (links.enterprise, links.enterprise_prt) {
        (Some(true), _) => (Link::Established, "DRS joined"),
        _ => (Link::Established, "Enterprise PRT"),
    };
    let summary = format!(
        "Device to on-premises AD: {domain_label}. Device to Microsoft Entra ID: {entra_label}."
    );

    let label = summary.clone();
    view! {
        <figure class="diagram">
            <svg viewBox="0 0 640 250" role="img" aria-label=label class="join-diagram">
                <title>{summary}</title>
                {edge(320, 170, 105, 76, domain, domain_label, 165, 152)}
                {edge(320, 170, 535, 76, entra, entra_label, 475, 152)}
                {drs_relevant.then(|| edge(320, 170, 320, 76, drs, drs_label, 320, 118))}
                {node(20, 20, "On-premises AD", "Active Directory", links.domain == Some(true))}
                {drs_relevant.then(|| node(235, 20, "AD FS / DRS", "federation", drs == Link::Established))}
                {node(450, 20, "Microsoft Entra ID", "cloud directory", links.entra == Some(true) || links.workplace == Some(true))}
                {node(235, 170, "This device", device_subtitle(state), true)}
            </svg>
            <figcaption>
                <ul class="tokens" aria-label="Sign-in tokens and device state">
                    {token("Primary Refresh Token (PRT)", links.prt, expects_prt(state))}
                    {links.enterprise_prt.filter(|v| *v).map(|v| token("Enterprise PRT (AD FS)", Some(v), false))}
                    {links.cloud_tgt.map(|v| token("Cloud Kerberos ticket (CloudTgt)", Some(v), false))}
                    {links.onprem_tgt.map(|v| token("On-premises Kerberos ticket (OnPremTgt)", Some(v), false))}
                    {links.device_auth.map(|ok| token("Device authentication", Some(ok), true))}
                </ul>
            </figcaption>
        </figure>
    }
}

fn entra_link(links: &Links, state: JoinState) -> (Link, &'static str) {
    if let Some(phase) = links.failed_phase.as_deref()
        && links.entra != Some(true)
    {
        let label = match phase.to_ascii_lowercase().as_str() {
            "discover" => "✕ join failed: discover",
            "auth" => "✕ join failed: auth",
            "join" => "✕ join failed: join",
            "pre-check" | "precheck" => "✕ join failed: pre-check",
            _ => "✕ join failed",
        };
        return (Link::Broken, label);
    }
    match (links.entra, state) {
        (Some(true), _) if links.device_auth == Some(false) => {
            (Link::Broken, "✕ joined, but device auth fails")
        }
        (Some(true), JoinState::HybridJoined) => (Link::Established, "hybrid joined"),
        (Some(true), _) => (Link::Established, "joined"),
        (_, JoinState::Registered) => (Link::Established, "registered"),
        (Some(false), JoinState::DomainJoined) => (Link::Broken, "✕ not hybrid joined"),
        _ if links.workplace == Some(true) => (Link::Established, "registered"),
        _ => (Link::Absent, "not joined"),
    }
}

fn expects_prt(state: JoinState) -> bool {
    matches!(state, JoinState::EntraJoined | JoinState::HybridJoined)
}

fn device_subtitle(state: JoinState) -> &'static str {
    match state {
        JoinState::EntraJoined => "Entra joined",
        JoinState::HybridJoined => "hybrid joined",
        JoinState::DomainJoined => "domain joined only",
        JoinState::DrsJoined => "DRS joined",
        JoinState::Registered => "registered",
        JoinState::NotJoined => "not joined",
        JoinState::Inconsistent => "inconsistent state",
        JoinState::Unknown => "state unknown",
    }
}

#[allow(clippy::too_many_arguments)]
fn edge(
    x1: i32,
    y1: i32,
    x2: i32,
    y2: i32,
    link: Link,
    label: &'static str,
    lx: i32,
    ly: i32,
) -> impl IntoView {
    view! {
        <g class=link.class()>
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
fn token(name: &'static str, present: Option<bool>, expected: bool) -> impl IntoView {
    let (class, mark, state) = match present {
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
