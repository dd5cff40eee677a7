//! The join-state diagram: the device, on-premises AD, Microsoft Entra ID and (when relevant)
//! AD FS / DRS, with which relationships hold, which are missing and which failed. Built with
//! [`dom`]; core decides every edge, label and token ([`Diagram`]).

use web_sys::Element;

use dsreg_core::report::{Diagram, Edge, Token};

use crate::dom;

fn class(edge: Edge) -> &'static str {
    match edge {
        Edge::Established => "edge edge-ok",
        Edge::Absent => "edge edge-absent",
        Edge::Broken => "edge edge-broken",
        Edge::Unknown => "edge edge-unknown",
    }
}

/// The join diagram of one output (device, on-premises AD, Microsoft Entra ID and the links
/// between them, as core's `Diagram` says).
pub fn build(d: &Diagram) -> Element {
    let summary = format!(
        "Device to on-premises AD: {}. Device to Microsoft Entra ID: {}.",
        d.domain.label, d.entra.label
    );
    let figure = dom::el("figure", "diagram");
    let svg = dom::svg(&figure, "svg", "join-diagram");
    dom::attr(&svg, "viewBox", "0 0 640 250");
    dom::attr(&svg, "role", "img");
    dom::attr(&svg, "aria-label", &summary);
    dom::svg(&svg, "title", "").set_text_content(Some(&summary));
    edge(
        &svg,
        [320, 170, 105, 76, 165, 152],
        d.domain.edge,
        d.domain.label,
    );
    edge(
        &svg,
        [320, 170, 535, 76, 475, 152],
        d.entra.edge,
        d.entra.label,
    );
    if let Some(l) = d.drs {
        edge(&svg, [320, 170, 320, 76, 320, 118], l.edge, l.label);
    }
    node(
        &svg,
        20,
        20,
        "On-premises AD",
        "Active Directory",
        d.domain_active,
    );
    if d.drs.is_some() {
        let active = d.drs.is_some_and(|l| l.edge == Edge::Established);
        node(&svg, 235, 20, "AD FS / DRS", "federation", active);
    }
    node(
        &svg,
        450,
        20,
        "Microsoft Entra ID",
        "cloud directory",
        d.entra_active,
    );
    node(&svg, 235, 170, "This device", d.device, true);
    let caption = dom::add(&figure, "figcaption", "");
    let tokens = dom::add(&caption, "ul", "tokens");
    dom::attr(&tokens, "aria-label", "Sign-in tokens and device state");
    for t in &d.tokens {
        token(&tokens, t);
    }
    figure
}

/// A line from `(x1, y1)` to `(x2, y2)` with its label at `(lx, ly)`.
fn edge(svg: &Element, [x1, y1, x2, y2, lx, ly]: [i64; 6], link: Edge, label: &str) {
    let g = dom::svg(svg, "g", class(link));
    dom::coords(
        &dom::svg(&g, "line", ""),
        &[("x1", x1), ("y1", y1), ("x2", x2), ("y2", y2)],
    );
    let text = dom::svg(&g, "text", "edge-label");
    dom::coords(&text, &[("x", lx), ("y", ly)]);
    dom::attr(&text, "text-anchor", "middle");
    text.set_text_content(Some(label));
}

fn node(svg: &Element, x: i64, y: i64, title: &str, subtitle: &str, active: bool) {
    let g = dom::svg(svg, "g", if active { "node node-active" } else { "node" });
    let rect = dom::svg(&g, "rect", "");
    dom::coords(
        &rect,
        &[
            ("x", x),
            ("y", y),
            ("width", 170),
            ("height", 56),
            ("rx", 8),
        ],
    );
    for (class, dy, text) in [("node-title", 24, title), ("node-subtitle", 43, subtitle)] {
        let t = dom::svg(&g, "text", class);
        dom::coords(&t, &[("x", x + 85), ("y", y + dy)]);
        dom::attr(&t, "text-anchor", "middle");
        t.set_text_content(Some(text));
    }
}

/// A token chip: present (good), absent where expected (bad), or absent (neutral).
fn token(list: &Element, token: &Token) {
    let (class, mark, state) = match token.present {
        Some(true) => ("token token-ok", "✓", "present"),
        Some(false) if token.expected => ("token token-bad", "✕", "missing"),
        Some(false) => ("token token-off", "–", "not present"),
        None if token.expected => ("token token-bad", "?", "not shown"),
        None => ("token token-off", "–", "not shown"),
    };
    let li = dom::add(list, "li", class);
    let m = dom::add_text(&li, "span", "token-mark", mark);
    dom::attr(&m, "aria-hidden", "true");
    dom::text(&li, token.name);
    dom::add_text(&li, "span", "visually-hidden", &format!(": {state}"));
}
