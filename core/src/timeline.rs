//! Every time an output holds, in order, against the output's own clock ("now" is the latest
//! time it records as having happened, usually Client Time; never the wall clock), with what an
//! expert reads from them: a PRT not renewed for more than four hours, a certificate expired,
//! not yet valid or expiring soon, a token already past its expiry, an attempt older than the
//! success that followed it.

use alloc::{format, string::String, vec::Vec};

use serde::Serialize;

use crate::{
    catalog::TimeRole,
    model::FieldRef,
    rules::{Ctx, PRT_RENEWAL_SECONDS, Standing, standing},
    text::{duration, key_eq},
    value::{Timestamp, Value},
};

/// The times of one output, oldest first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Timeline {
    /// The output's clock: the field it was read from and the time.
    pub now: Option<Point>,
    /// Every time and range, oldest first (a range by its start).
    pub entries: Vec<Entry>,
}

/// A moment named by a field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Point {
    /// The field's key.
    pub key: String,
    /// Its line.
    pub line: usize,
    /// The time as written in reports (`2024-05-01 10:00:00.000 UTC`).
    pub time: String,
    /// The time in seconds since 1970-01-01 UTC.
    pub unix: i64,
}

/// One time or range of the output.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// What it is: `observed` (something happened), `expiry` (a prediction), `validity` (a
    /// range) or `time` (a time the catalogue does not classify).
    pub what: &'static str,
    /// The section title.
    pub section: Option<String>,
    /// The field's key.
    pub key: String,
    /// Its line.
    pub line: usize,
    /// The time (for a range: its start).
    pub time: String,
    /// The time in seconds since 1970-01-01 UTC (for a range: its start).
    pub unix: i64,
    /// For a range: its end.
    pub until: Option<String>,
    /// For a range: its end in seconds since 1970-01-01 UTC.
    pub until_unix: Option<i64>,
    /// What an expert reads from it, if anything.
    pub marks: Vec<Mark>,
}

/// Something an expert reads from a time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Mark {
    /// A stable key: `prt_not_renewed`, `expired`, `certificate_expired`,
    /// `certificate_not_yet_valid`, `certificate_expires_soon`, `attempt_before_success`.
    pub kind: &'static str,
    /// The reading in words.
    pub text: String,
    /// Whether it points at a problem (`false`: worth knowing only).
    pub problem: bool,
}

/// The timeline of the output `ctx` describes.
pub fn of(ctx: &Ctx<'_>) -> Timeline {
    let now = ctx.now;
    let mut entries: Vec<Entry> = Vec::new();
    for field in ctx.doc.fields() {
        let entry = match field.value() {
            Value::Timestamp(t) => {
                let role = field.known().and_then(|k| k.time);
                let what = match role {
                    Some(TimeRole::Observed) => "observed",
                    Some(TimeRole::Expiry) => "expiry",
                    None => "time",
                };
                let mut e = entry(field, what, t, None);
                if let Some(n) = now.filter(|n| n.field.line() != field.line()) {
                    let behind = n.time.unix_seconds() - t.unix_seconds();
                    if role == Some(TimeRole::Expiry) && behind > 0 {
                        e.marks.push(Mark {
                            kind: "expired",
                            text: format!(
                                "already past, {} before {}",
                                duration(behind),
                                n.field.key()
                            ),
                            problem: true,
                        });
                    }
                    if is_prt_update(field.key()) && behind > PRT_RENEWAL_SECONDS {
                        e.marks.push(Mark {
                            kind: "prt_not_renewed",
                            text: format!(
                                "not renewed for {} before {} (Windows renews the PRT at sign-in \
                                 and unlock, at most every 4 hours; an unlocked session that stayed \
                                 open shows an older time with nothing failing)",
                                duration(behind),
                                n.field.key()
                            ),
                            problem: false,
                        });
                    }
                }
                e
            }
            Value::Validity(v) => {
                let mut e = entry(field, "validity", v.from, Some(v.to));
                let clock = now.map_or("", |n| n.field.key());
                let mark = match standing(v, now.map(|n| n.time)) {
                    Standing::Expired(ago) => Some((
                        "certificate_expired",
                        format!("expired {} before {clock}", duration(ago)),
                        true,
                    )),
                    Standing::NotYetValid(wait) => Some((
                        "certificate_not_yet_valid",
                        format!("not valid yet: starts {} after {clock}", duration(wait)),
                        true,
                    )),
                    Standing::ExpiresSoon(left) => Some((
                        "certificate_expires_soon",
                        format!("expires {} after {clock}", duration(left)),
                        true,
                    )),
                    _ => None,
                };
                if let Some((kind, text, problem)) = mark {
                    e.marks.push(Mark {
                        kind,
                        text,
                        problem,
                    });
                }
                e
            }
            _ => continue,
        };
        entries.push(entry);
    }
    mark_old_attempts(&mut entries);
    crate::text::sort_small(&mut entries, |a, b| (a.unix, a.line) < (b.unix, b.line));
    Timeline {
        now: clock(ctx),
        entries,
    }
}

/// The output's clock ("now" for every time comparison): the latest time it records as having
/// happened, as the report's summary and the timeline show it.
pub fn clock(ctx: &Ctx<'_>) -> Option<Point> {
    ctx.now.map(|n| Point {
        key: String::from(n.field.key()),
        line: n.field.line(),
        time: format!("{}", n.time),
        unix: n.time.unix_seconds(),
    })
}

fn entry(
    field: FieldRef<'_>,
    what: &'static str,
    at: Timestamp,
    until: Option<Timestamp>,
) -> Entry {
    Entry {
        what,
        section: field.section_title().map(String::from),
        key: String::from(field.key()),
        line: field.line(),
        time: format!("{at}"),
        unix: at.unix_seconds(),
        until: until.map(|t| format!("{t}")),
        until_unix: until.map(Timestamp::unix_seconds),
        marks: Vec::new(),
    }
}

fn is_prt_update(key: &str) -> bool {
    key_eq(key, "AzureAdPrtUpdateTime") || key_eq(key, "EnterprisePrtUpdateTime")
}

/// An attempt older than the success that followed it no longer describes the device: the last
/// PRT attempt before the PRT's last update, the last join attempt before the device
/// certificate was issued.
fn mark_old_attempts(entries: &mut [Entry]) {
    // (the attempt, the success that would follow it, what that means); a range's time is its
    // start: the certificate's issue.
    const PAIRS: [(&str, &str, &str); 2] = [
        (
            "Previous Prt Attempt",
            "AzureAdPrtUpdateTime",
            "the PRT was renewed after it",
        ),
        (
            "Previous Registration",
            "DeviceCertificateValidity",
            "the device certificate was issued after it (the join succeeded later)",
        ),
    ];
    for (attempt, success, meaning) in PAIRS {
        let Some((at, key, time)) = entries
            .iter()
            .find(|e| key_eq(&e.key, success))
            .map(|e| (e.unix, e.key.clone(), e.time.clone()))
        else {
            continue;
        };
        for e in entries.iter_mut() {
            if key_eq(&e.key, attempt) && e.unix < at {
                e.marks.push(Mark {
                    kind: "attempt_before_success",
                    text: format!("older than {key} ({time}): {meaning}"),
                    problem: false,
                });
            }
        }
    }
}
