//! Two outputs side by side, as an admin reads them after a fix: how the join state moved,
//! which findings went away, which are new and which stayed, and every field that changed,
//! appeared or disappeared, typed (`YES` → `NO`, a time moved by how much, a code whose meaning
//! changed). Built from two [`DocumentReport`]s, so it judges exactly what the reports say.
//!
//! A finding is the same in both outputs when its rule and its cause are. Fields are matched by
//! section and key (the n-th field of a repeated key with the n-th). Outputs of two different
//! devices (DeviceId or device name differ) are flagged and still compared.

use alloc::{borrow::Cow, format, string::String, vec::Vec};

use serde::Serialize;

use crate::{
    codes,
    join::JoinState,
    report::DocumentReport,
    rules::{Finding, Severity},
    text::{duration, key_eq},
    value::Value,
};

/// What changed from one output to another.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Comparison {
    /// Which outputs: before and after (position in their input and first and last line).
    pub before: Side,
    /// See [`Comparison::before`].
    pub after: Side,
    /// The two outputs name different devices (DeviceId or device name differ).
    pub different_devices: bool,
    /// The join state before.
    pub join_state_before: JoinState,
    /// The join state after.
    pub join_state_after: JoinState,
    /// Problems (critical and warning findings) of the first output that the second no longer
    /// has. Notes and the join state's own finding are not compared: the join state is.
    pub findings_resolved: Vec<FindingRef>,
    /// Problems of the second output that the first did not have.
    pub findings_new: Vec<FindingRef>,
    /// Problems in both (same rule and cause); the severity and title are the second's.
    pub findings_unchanged: Vec<FindingRef>,
    /// Fields in both whose value changed, in the second output's order.
    pub fields_changed: Vec<FieldChange>,
    /// Fields only the second output has.
    pub fields_added: Vec<FieldPresence>,
    /// Fields only the first output has.
    pub fields_removed: Vec<FieldPresence>,
}

/// One of the two outputs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Side {
    /// Where the input came from.
    pub source: String,
    /// 1-based position of the output in its input.
    pub document: usize,
    /// First and last line of the output in its input.
    pub lines: [usize; 2],
    /// Its verdict.
    pub verdict: String,
    /// DeviceId, when the output shows one.
    pub device_id: Option<String>,
    /// The device's name, when the output shows one.
    pub device_name: Option<String>,
}

/// A finding named in a comparison.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FindingRef {
    /// The rule id (`DSR014`).
    pub rule: &'static str,
    /// The cause key, when the rule gives one.
    pub cause: Option<String>,
    /// How bad it is.
    pub severity: Severity,
    /// Its title.
    pub title: String,
}

/// A field whose value changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    /// The section title (`None` outside any section).
    pub section: Option<String>,
    /// The key as the second output writes it.
    pub key: String,
    /// The value before.
    pub before: String,
    /// The value after.
    pub after: String,
    /// Its line in the first output's input.
    pub line_before: usize,
    /// Its line in the second output's input.
    pub line_after: usize,
    /// What kind of change it is.
    pub change: Change,
}

/// The kind of a value change, read from the values' types.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Change {
    /// `YES` ↔ `NO`.
    Flag {
        /// The value after is `YES`.
        now_yes: bool,
    },
    /// A time moved.
    Time {
        /// Seconds from the old time to the new one (negative: earlier).
        seconds: i64,
        /// The move in words (`moved 3 days later`).
        words: String,
    },
    /// A code changed (or appeared or went away), with what each one means.
    Code {
        /// The meaning of the code before, if there was one.
        before: Option<String>,
        /// The meaning of the code after, if there is one.
        after: Option<String>,
    },
    /// Any other change of text.
    Text,
}

/// A field only one of the outputs has.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldPresence {
    /// The section title.
    pub section: Option<String>,
    /// The key.
    pub key: String,
    /// The value.
    pub value: String,
    /// Its line.
    pub line: usize,
}

/// Compares two outputs' reports: `before` is the older one.
pub fn compare(before: &DocumentReport<'_>, after: &DocumentReport<'_>) -> Comparison {
    let side = |r: &DocumentReport<'_>| Side {
        source: String::from(r.source.as_ref()),
        document: r.document,
        lines: r.lines,
        verdict: r.verdict.clone(),
        device_id: value_of(r, "DeviceId"),
        device_name: value_of(r, "Device Name").or_else(|| value_of(r, "DeviceName")),
    };
    let (b, a) = (side(before), side(after));
    let differs = |x: &Option<String>, y: &Option<String>| matches!((x, y), (Some(x), Some(y)) if !x.eq_ignore_ascii_case(y));
    let different_devices = differs(&b.device_id, &a.device_id)
        || (b.device_id.is_none() || a.device_id.is_none())
            && differs(&b.device_name, &a.device_name);

    let problems = |r: &DocumentReport<'_>| -> Vec<FindingRef> {
        r.findings
            .iter()
            .filter(|f| f.severity.is_problem())
            .map(finding_ref)
            .collect()
    };
    let (old, new) = (problems(before), problems(after));
    let same = |x: &FindingRef, y: &FindingRef| x.rule == y.rule && x.cause == y.cause;
    let findings_resolved = old
        .iter()
        .filter(|o| !new.iter().any(|n| same(o, n)))
        .cloned()
        .collect();
    let (findings_unchanged, findings_new) = new
        .into_iter()
        .partition(|n| old.iter().any(|o| same(o, n)));

    let (fields_changed, fields_added, fields_removed) = compare_fields(before, after);
    Comparison {
        before: b,
        after: a,
        different_devices,
        join_state_before: before.join_state,
        join_state_after: after.join_state,
        findings_resolved,
        findings_new,
        findings_unchanged,
        fields_changed,
        fields_added,
        fields_removed,
    }
}

impl Comparison {
    /// Nothing an admin would look at changed (the join state, the findings, the fields).
    pub fn is_unchanged(&self) -> bool {
        self.join_state_before == self.join_state_after
            && self.findings_resolved.is_empty()
            && self.findings_new.is_empty()
            && self.fields_changed.is_empty()
            && self.fields_added.is_empty()
            && self.fields_removed.is_empty()
    }
}

fn finding_ref(f: &Finding) -> FindingRef {
    FindingRef {
        rule: f.rule,
        cause: f.cause.clone(),
        severity: f.severity,
        title: f.title.clone(),
    }
}

/// The first value of `key` in any section.
fn value_of(r: &DocumentReport<'_>, key: &str) -> Option<String> {
    r.sections
        .iter()
        .flat_map(|s| s.fields.iter())
        .find(|f| key_eq(&f.key, key))
        .map(|f| String::from(f.value.trim()))
        .filter(|v| !v.is_empty())
}

/// One field of a report with what identifies it: section, key, and which occurrence.
struct Slot<'r> {
    section: Option<&'r str>,
    key: &'r str,
    nth: usize,
    value: &'r str,
    line: usize,
}

fn slots<'r>(r: &'r DocumentReport<'_>) -> Vec<Slot<'r>> {
    let mut out: Vec<Slot<'r>> = Vec::new();
    for s in &r.sections {
        let section = s.title.as_deref();
        for f in &s.fields {
            let nth = out
                .iter()
                .filter(|o| same_place(o.section, section) && key_eq(o.key, &f.key))
                .count();
            out.push(Slot {
                section,
                key: &f.key,
                nth,
                value: f.value.trim(),
                line: f.line,
            });
        }
    }
    out
}

fn same_place(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => key_eq(a, b),
        (None, None) => true,
        _ => false,
    }
}

fn same_slot(a: &Slot<'_>, b: &Slot<'_>) -> bool {
    a.nth == b.nth && key_eq(a.key, b.key) && same_place(a.section, b.section)
}

type FieldDiff = (Vec<FieldChange>, Vec<FieldPresence>, Vec<FieldPresence>);

fn compare_fields(before: &DocumentReport<'_>, after: &DocumentReport<'_>) -> FieldDiff {
    let (old, new) = (slots(before), slots(after));
    let presence = |s: &Slot<'_>| FieldPresence {
        section: s.section.map(String::from),
        key: String::from(s.key),
        value: String::from(s.value),
        line: s.line,
    };
    let mut changed = Vec::new();
    let mut added = Vec::new();
    for n in &new {
        match old.iter().find(|o| same_slot(o, n)) {
            Some(o) if o.value != n.value => changed.push(FieldChange {
                section: n.section.map(String::from),
                key: String::from(n.key),
                before: String::from(o.value),
                after: String::from(n.value),
                line_before: o.line,
                line_after: n.line,
                change: change_of(n.section, n.key, o.value, n.value),
            }),
            Some(_) => {}
            None => added.push(presence(n)),
        }
    }
    let removed = old
        .iter()
        .filter(|o| !new.iter().any(|n| same_slot(o, n)))
        .map(presence)
        .collect();
    (changed, added, removed)
}

/// What kind of change `before` → `after` is, from the values' shapes.
fn change_of(section: Option<&str>, key: &str, before: &str, after: &str) -> Change {
    match (Value::parse(before), Value::parse(after)) {
        (Value::Yes, Value::No) => return Change::Flag { now_yes: false },
        (Value::No, Value::Yes) => return Change::Flag { now_yes: true },
        (Value::Timestamp(x), Value::Timestamp(y)) => {
            let seconds = y.unix_seconds() - x.unix_seconds();
            return Change::Time {
                seconds,
                words: moved(seconds),
            };
        }
        _ => {}
    }
    let context = codes::Context::for_field(section, key);
    let meaning = |v: &str| {
        let found = codes::scan(v);
        let first = found.first()?;
        Some(match codes::lookup(first.text, context) {
            Some(info) => String::from(info.meaning),
            None => first.decode().summary(),
        })
    };
    let (b, a) = (meaning(before), meaning(after));
    if b.is_some() || a.is_some() {
        Change::Code {
            before: b,
            after: a,
        }
    } else {
        Change::Text
    }
}

/// A time's move in words: `moved 3 days later`, `moved 2 hours earlier`.
fn moved(seconds: i64) -> String {
    if seconds == 0 {
        return String::from("same time");
    }
    let way = if seconds > 0 { "later" } else { "earlier" };
    format!("moved {} {way}", duration(seconds))
}

/// The comparison as one line of JSON: what `dsreg diff --format json` prints.
pub fn to_json(c: &Comparison) -> String {
    // Plain structs with string keys: serialising cannot fail.
    serde_json::to_string(c).unwrap_or_default()
}

/// The outputs to compare in an input of several: the first and the last.
pub fn first_and_last<'r, 'a>(
    reports: &'r [DocumentReport<'a>],
) -> Option<(&'r DocumentReport<'a>, &'r DocumentReport<'a>)> {
    match reports {
        [first, .., last] => Some((first, last)),
        _ => None,
    }
}

/// A finding in words for a text list: `DSR014 (critical): title`.
pub fn finding_line(f: &FindingRef) -> String {
    format!("{} ({}): {}", f.rule, f.severity.name(), f.title)
}

/// A field change in words for a text list: `Device State / AzureAdJoined: NO → YES`.
pub fn change_line(c: &FieldChange) -> String {
    let place = c
        .section
        .as_deref()
        .map_or(Cow::Borrowed(""), |s| Cow::Owned(format!("{s} / ")));
    let detail = match &c.change {
        Change::Time { words, .. } => format!(" ({words})"),
        Change::Code {
            after: Some(meaning),
            ..
        } => format!(" (now: {meaning})"),
        Change::Code {
            before: Some(meaning),
            after: None,
        } => format!(" (was: {meaning})"),
        _ => String::new(),
    };
    let shown = |v: &str| String::from(if v.is_empty() { "(empty)" } else { v });
    format!(
        "{place}{}: {} → {}{detail}",
        c.key,
        shown(&c.before),
        shown(&c.after)
    )
}
