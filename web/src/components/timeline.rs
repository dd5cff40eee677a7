//! Every time of one output on one axis, with the same data as a list for screen readers and
//! for reading the marks (a PRT not renewed, a certificate expiring, an attempt older than the
//! success after it). Core computes the timeline; this draws it.

use web_sys::Element;

use dsreg_core::timeline::Timeline;

use crate::dom;

/// Width of the drawing in SVG units; rows are 14 units apart. Integers only: formatting a
/// float would bring its formatter into the bundle.
const WIDTH: i64 = 1000;
const ROW: i64 = 14;

/// The timeline of one output: every time and range against the output's own clock.
pub fn build(t: &Timeline) -> Element {
    let wrap = dom::el("section", "");
    dom::attr(&wrap, "aria-label", "Timeline");
    let heading = match &t.now {
        Some(now) => format!(
            "Timeline (now is {} {}, line {})",
            now.key, now.time, now.line
        ),
        None => String::from("Timeline (the output records no time of its own)"),
    };
    dom::add_text(&wrap, "h3", "subheading", &heading);

    // The axis runs from the earliest time to the latest point or the clock; a range that ends
    // later is drawn to the edge with an arrow.
    let now = t.now.as_ref().map(|n| n.unix);
    let start = t.entries.iter().map(|e| e.unix).min().unwrap_or(0);
    let end = t
        .entries
        .iter()
        .map(|e| e.unix)
        .chain(now)
        .max()
        .unwrap_or(start)
        .max(start + 1);
    let x = |unix: i64| (unix.clamp(start, end) - start) * WIDTH / (end - start);
    let rows = i64::try_from(t.entries.len()).unwrap_or(i64::MAX / ROW);
    let height = ROW * rows + 8;
    let svg = dom::svg(&wrap, "svg", "timeline-axis");
    dom::attr(&svg, "viewBox", &format!("-4 0 {} {height}", WIDTH + 8));
    dom::attr(&svg, "preserveAspectRatio", "none");
    // One row per time, 14 px each: the axis stretches across, the rows keep their height.
    dom::attr(&svg, "height", &height.to_string());
    dom::attr(&svg, "aria-hidden", "true");
    if let Some(now) = now {
        let line = dom::svg(&svg, "line", "timeline-clock");
        let at = x(now);
        dom::coords(&line, &[("x1", at), ("x2", at), ("y1", 0), ("y2", height)]);
    }
    for (i, e) in (0..).zip(&t.entries) {
        let y = ROW * i + 8;
        let problem = e.marks.iter().any(|m| m.problem);
        let class = match (problem, e.marks.is_empty()) {
            (true, _) => "timeline-point timeline-problem",
            (false, false) => "timeline-point timeline-note",
            _ => "timeline-point",
        };
        match e.until_unix {
            Some(until) => {
                let r = dom::svg(&svg, "rect", class);
                let (x0, x1) = (x(e.unix), x(until));
                dom::coords(
                    &r,
                    &[
                        ("x", x0),
                        ("y", y - 3),
                        ("width", (x1 - x0).max(2)),
                        ("height", 6),
                    ],
                );
                if until > end {
                    let arrow = dom::svg(&svg, "path", class);
                    dom::attr(
                        &arrow,
                        "d",
                        &format!("M{} {} l6 5 l-6 5 z", WIDTH - 2, y - 5),
                    );
                }
            }
            None => {
                // A tick, not a circle: the axis is stretched sideways.
                let tick = dom::svg(&svg, "rect", class);
                dom::coords(
                    &tick,
                    &[
                        ("x", x(e.unix) - 3),
                        ("y", y - 5),
                        ("width", 6),
                        ("height", 10),
                    ],
                );
            }
        }
    }

    let list = dom::add(&wrap, "ol", "timeline-list");
    for e in &t.entries {
        let item = dom::add(&list, "li", "");
        dom::add_line_ref(&item, e.line);
        let when = match &e.until {
            Some(until) => format!("{} – {until}", e.time),
            None => e.time.clone(),
        };
        dom::add_text(&item, "span", "timeline-when", &when);
        dom::text(&item, " ");
        dom::add_text(&item, "code", "", &e.key);
        if let Some(section) = &e.section {
            dom::add_text(&item, "span", "evidence-section", &format!(" ({section})"));
        }
        for m in &e.marks {
            let class = if m.problem {
                "timeline-mark timeline-problem"
            } else {
                "timeline-mark"
            };
            dom::add_text(&item, "span", class, &m.text);
        }
    }
    wrap
}
