//! Fields quoted inside prose: tickets and forum posts quote a few `dsregcmd /status` fields in
//! sentences, inline code, bold, table cells and bullets (`I am seeing WamDefaultSet : ERROR
//! under User State`, `` `AzureAdPrt : NO` ``, `| WamDefaultSet | ERROR (0x80070520) |`,
//! `SSO STATE - AzureAdPRT - NO`).
//!
//! Only the catalogue's keys are taken (any case, aliases too), and only with a separator
//! (`:`, `=`, ` - ` or a table bar) and a value after them: "AzureAdPrt should be YES" or a URL
//! with a colon gives nothing. The value is cut where the sentence goes on. The line is cut
//! into segments that tile it: prose ([`Noise::Prose`]) and quoted fields
//! ([`LineKind::Quoted`]), each keeping the known section the sentence names, if any.

use alloc::vec::Vec;

use super::{LineKind, Noise};
use crate::catalog::{self, ValueKind};
use crate::span::Span;
use crate::text::starts_with_ci;

/// The segments of the line `content` of `text` when it quotes at least one known field:
/// `(segment, kind)`, tiling `content` in order. `None` when it quotes none.
pub(super) fn segments(text: &str, content: Span) -> Option<Vec<(Span, LineKind)>> {
    let s = content.slice(text);
    // A cheap reject: every separator is one of these bytes, and no key is shorter than 3.
    if s.len() < 5 || !s.bytes().any(|b| matches!(b, b':' | b'=' | b'-' | b'|')) {
        return None;
    }
    let base = content.start();
    let section = mentioned_section(s).map(|(at, len)| Span::new(base + at, base + at + len));
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut plain = 0;
    let mut i = 0;
    while i < bytes.len() {
        let word_start = bytes.get(i).is_some_and(u8::is_ascii_alphabetic)
            && (i == 0 || !bytes.get(i - 1).is_some_and(u8::is_ascii_alphanumeric));
        if !word_start {
            i += 1;
            continue;
        }
        let Some(found) = field_at(s, i) else {
            i += 1;
            continue;
        };
        if found.start > plain {
            out.push((
                Span::new(base + plain, base + found.start),
                LineKind::Noise(Noise::Prose),
            ));
        }
        out.push((
            Span::new(base + found.start, base + found.end),
            LineKind::Quoted {
                key: Span::new(base + found.key.0, base + found.key.1),
                value: Span::new(base + found.value.0, base + found.value.1),
                section,
            },
        ));
        plain = found.end;
        i = found.end;
    }
    if out.is_empty() {
        return None;
    }
    if plain < s.len() {
        out.push((
            Span::new(base + plain, content.end()),
            LineKind::Noise(Noise::Prose),
        ));
    }
    Some(out)
}

/// A quoted field found at a word start: the segment, the key's and the value's byte ranges.
struct Found {
    start: usize,
    end: usize,
    key: (usize, usize),
    value: (usize, usize),
}

/// The longest known key starting at `at` (up to six words), with a separator and a value.
fn field_at(s: &str, at: usize) -> Option<Found> {
    let (key_end, kind) = known_key_at(s, at)?;
    let bytes = s.as_bytes();
    let mut i = key_end;
    // Closing markup around the key (`**Key**:`, `` `Key` : ``).
    i += skip(bytes, i, |b| matches!(b, b'*' | b'_' | b'`'));
    i += skip(bytes, i, |b| b == b' ' || b == b'\t');
    let sep = *bytes.get(i)?;
    match sep {
        b':' | b'=' | b'|' => i += 1,
        // ` - ` only (a hyphen inside a word is part of it).
        b'-' if i > key_end && bytes.get(i + 1) == Some(&b' ') => i += 1,
        _ => return None,
    }
    // `KeySignTest: : PASSED` and `Key :: value`.
    i += skip(bytes, i, |b| b == b' ' || b == b'\t' || b == b':');
    i += skip(bytes, i, |b| matches!(b, b'*' | b'_' | b'`' | b' '));
    let value_start = i;
    let value_end = value_start + value_len(s.get(value_start..)?, kind, sep == b'|');
    if value_end == value_start {
        return None;
    }
    // The segment ends after the value and the markup that closes it.
    let mut end = value_end;
    end += skip(bytes, end, |b| matches!(b, b'*' | b'_' | b'`'));
    Some(Found {
        start: at,
        end,
        key: (at, key_end),
        value: (value_start, value_end),
    })
}

fn skip(bytes: &[u8], from: usize, what: impl Fn(u8) -> bool) -> usize {
    bytes
        .get(from..)
        .map_or(0, |rest| rest.iter().take_while(|&&b| what(b)).count())
}

/// The end of the longest known key (one to six words) starting at `at`, and its kind.
fn known_key_at(s: &str, at: usize) -> Option<(usize, ValueKind)> {
    let bytes = s.as_bytes();
    let mut ends = Vec::new();
    let mut i = at;
    for _ in 0..6 {
        let word = skip(bytes, i, |b| {
            b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
        });
        if word == 0 {
            break;
        }
        i += word;
        ends.push(i);
        // Words of one key are separated by single spaces.
        if bytes.get(i) == Some(&b' ') && bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
            i += 1;
        } else {
            break;
        }
    }
    ends.into_iter().rev().find_map(|end| {
        let key = s.get(at..end)?;
        catalog::known_field(key).map(|k| (end, k.kind))
    })
}

/// How many bytes of `rest` (what follows the separator) the value takes: its own shape for
/// flags, tests, times, codes and GUIDs; for text, up to where the sentence goes on. In a
/// table cell, up to the next bar.
fn value_len(rest: &str, kind: ValueKind, cell: bool) -> usize {
    let stop = rest
        .find(|c: char| matches!(c, '`' | '|') || c == '*' && !matches!(kind, ValueKind::Text))
        .unwrap_or(rest.len());
    let stop = if cell {
        rest.find('|').unwrap_or(rest.len())
    } else {
        stop
    };
    let window = rest.get(..stop).unwrap_or(rest);
    // A value of a typed field must have its shape ("the DeviceId - is new" quotes nothing);
    // text runs to where the sentence goes on.
    let len = match kind {
        ValueKind::Flag => flag_len(window),
        ValueKind::Test => test_len(window),
        ValueKind::Code | ValueKind::Number => Some(token_len(window))
            .filter(|&n| n > 0 && window.as_bytes().first().is_some_and(u8::is_ascii_digit)),
        ValueKind::Guid => Some(token_len(window)).filter(|&n| {
            let token = window.get(..n).unwrap_or("");
            token.bytes().filter(u8::is_ascii_hexdigit).count() >= 4
                && (token.starts_with('{')
                    || token.bytes().next().is_some_and(|b| b.is_ascii_hexdigit()))
        }),
        ValueKind::Timestamp => Some(timestamp_len(window)).filter(|&n| n >= 10),
        ValueKind::Validity => window
            .starts_with('[')
            .then(|| window.find(']').map(|e| e + 1))
            .flatten(),
        ValueKind::Text => Some(sentence_len(window, false)),
        ValueKind::List => Some(sentence_len(window, true)),
    };
    let Some(len) = len else {
        return 0;
    };
    // Trailing spaces and the period that ends a sentence are not part of the value.
    let v = window.get(..len).unwrap_or("").trim_end();
    let v = v
        .strip_suffix(['.', ',', ';', '!', '?'])
        .unwrap_or(v)
        .trim_end();
    v.len()
}

/// `YES`, `NO`, `NOT SET`, `UNKNOWN`, `ERROR`, with a parenthesised detail or a code after it.
fn flag_len(s: &str) -> Option<usize> {
    let word = ["NOT SET", "UNKNOWN", "ERROR", "YES", "NO"]
        .into_iter()
        .find(|w| {
            starts_with_ci(s, w)
                && !s
                    .as_bytes()
                    .get(w.len())
                    .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
        })?;
    let mut end = word.len();
    let after = s.get(end..).unwrap_or("");
    let spaces = after.len() - after.trim_start().len();
    let next = after.trim_start();
    if next.starts_with('(')
        && let Some(close) = next.find(')')
    {
        end += spaces + close + 1;
    } else if starts_with_ci(next, "0x") {
        end += spaces + token_len(next);
    }
    Some(end)
}

/// `PASS`, `PASSED`, `SKIPPED`, `FAIL [codes]`.
fn test_len(s: &str) -> Option<usize> {
    for word in ["PASSED", "PASS", "SKIPPED"] {
        if starts_with_ci(s, word) {
            return Some(word.len());
        }
    }
    if !starts_with_ci(s, "FAIL") {
        return None;
    }
    let word = if starts_with_ci(s, "FAILED") { 6 } else { 4 };
    let after = s.get(word..).unwrap_or("");
    let next = after.trim_start();
    match next.strip_prefix('[').and_then(|r| r.find(']')) {
        Some(close) => Some(word + (after.len() - next.len()) + close + 2),
        None => Some(word),
    }
}

/// One token: up to a space or a closing bracket.
fn token_len(s: &str) -> usize {
    s.find(|c: char| c.is_whitespace() || matches!(c, ')' | ']' | ',' | ';'))
        .unwrap_or(s.len())
}

/// `2024-05-01 10:00:00.000 UTC` (date, optional time and fraction, optional `UTC`).
fn timestamp_len(s: &str) -> usize {
    let b = s.as_bytes();
    let mut end = b
        .iter()
        .take_while(|c| c.is_ascii_digit() || matches!(c, b'-' | b':' | b'.' | b' ' | b'T'))
        .count();
    while end > 0 && !b.get(end - 1).is_some_and(u8::is_ascii_digit) {
        end -= 1;
    }
    let rest = s.get(end..).unwrap_or("");
    let t = rest.trim_start();
    if starts_with_ci(t, "UTC") {
        end += rest.len() - t.len() + 3;
    }
    end
}

/// Where a sentence goes on after a text value: a clause (`, which`, ` and the`, ` under`),
/// a new sentence (`. Any`, `? `), unless the value is a dsregcmd status sentence such as
/// `FAILED. Device is either disabled or deleted`.
fn sentence_len(s: &str, list: bool) -> usize {
    const CLAUSES: &[&str] = &[
        ", which",
        " which ",
        ", but",
        " but ",
        " and the ",
        " and then ",
        " and ",
        " under ",
        " in the ",
        " on the ",
        " as ",
        " when ",
        " after ",
        " so ",
        " because ",
        " while ",
        " even ",
        " though ",
        " - ",
        " (see ",
        ", ",
    ];
    let mut end = s.len();
    // A list value is comma-separated: a comma does not end it.
    for clause in CLAUSES.iter().filter(|c| !(list && c.starts_with(','))) {
        if let Some(at) = find_ci(s, clause) {
            end = end.min(at);
        }
    }
    // A new sentence: `. X` / `? X` / `! X`. A status value keeps its first sentence after
    // `FAILED.` (`FAILED. Error: 0xd000023c`).
    let status = starts_with_ci(s, "FAILED.") || starts_with_ci(s, "SUCCESS.");
    let b = s.as_bytes();
    let mut sentences = 0;
    for (i, &c) in b.iter().enumerate().take(end) {
        if matches!(c, b'.' | b'?' | b'!') && b.get(i + 1) == Some(&b' ') {
            sentences += 1;
            if !(status && sentences == 1) {
                end = end.min(i);
                break;
            }
        }
    }
    end
}

fn find_ci(s: &str, needle: &str) -> Option<usize> {
    let (h, n) = (s.as_bytes(), needle.as_bytes());
    h.windows(n.len()).position(|w| w.eq_ignore_ascii_case(n))
}

/// A known section title named in the line (`under User State`, `SSO STATE -`), as its byte
/// range.
fn mentioned_section(s: &str) -> Option<(usize, usize)> {
    catalog::sections()
        .iter()
        .filter(|info| info.title != catalog::WORK_ACCOUNT)
        .filter_map(|info| {
            let at = find_ci(s, info.title)?;
            let bounded = !s
                .as_bytes()
                .get(at + info.title.len())
                .is_some_and(u8::is_ascii_alphanumeric)
                && (at == 0
                    || !s
                        .as_bytes()
                        .get(at - 1)
                        .is_some_and(u8::is_ascii_alphanumeric));
            bounded.then_some((at, info.title.len()))
        })
        .min_by_key(|(at, _)| *at)
}

#[cfg(test)]
mod tests {
    use alloc::string::String;
    use alloc::vec::Vec;

    use crate::lines::{LineKind, split};

    /// `(key, value, section)` of every quoted field in `text`.
    fn quoted(text: &str) -> Vec<(String, String, Option<String>)> {
        split(text)
            .lines
            .iter()
            .filter_map(|l| match l.kind {
                LineKind::Quoted {
                    key,
                    value,
                    section,
                } => Some((
                    key.slice(text).into(),
                    value.slice(text).into(),
                    section.map(|s| s.slice(text).into()),
                )),
                _ => None,
            })
            .collect()
    }

    fn q(key: &str, value: &str, section: Option<&str>) -> (String, String, Option<String>) {
        (key.into(), value.into(), section.map(String::from))
    }

    #[test]
    fn fields_are_found_wherever_prose_quotes_them() {
        assert_eq!(
            quoted(
                "Running dsregcmd /status shows ``` AzureAdJoined : YES ``` and the SSO State as ``` AzureAdPrt : NO ```."
            ),
            [
                q("AzureAdJoined", "YES", Some("SSO State")),
                q("AzureAdPrt", "NO", Some("SSO State"))
            ]
        );
        assert_eq!(
            quoted("I am seeing  WamDefaultSet : ERROR under User State. Any insight?"),
            [q("WamDefaultSet", "ERROR", Some("User State"))]
        );
        assert_eq!(
            quoted("SSO STATE - AzureAdPRT - NO"),
            [q("AzureAdPRT", "NO", Some("SSO STATE"))]
        );
        assert_eq!(
            quoted("we checked and AzureAdPrt = NO on it"),
            [q("AzureAdPrt", "NO", None)]
        );
        assert_eq!(
            quoted("The last thing I see is AzureAdPrt: NO."),
            [q("AzureAdPrt", "NO", None)]
        );
        assert_eq!(
            quoted("| WamDefaultSet | ERROR (0x80070520) |"),
            [q("WamDefaultSet", "ERROR (0x80070520)", None)]
        );
        assert_eq!(
            quoted(
                "The device shows `DeviceAuthStatus : FAILED. Device is either disabled or deleted`, which is odd"
            ),
            [q(
                "DeviceAuthStatus",
                "FAILED. Device is either disabled or deleted",
                None
            )]
        );
        assert_eq!(
            quoted("and **DRS Discovery Test : FAIL [0x801c0021/0x80072ee2]** after that"),
            [q(
                "DRS Discovery Test",
                "FAIL [0x801c0021/0x80072ee2]",
                None
            )]
        );
        assert_eq!(
            quoted("The fragment had HTTP Error : 0x80072ee7 in it."),
            [q("HTTP Error", "0x80072ee7", None)]
        );
    }

    #[test]
    fn prose_without_a_quoted_value_gives_nothing() {
        for text in [
            "AzureAdPrt should be YES on a joined device",
            "See https://login.microsoftonline.com:443/common for AzureAdPrt",
            "Note: this is prose",
            "The AzureAdPrt field",
            "AzureAdPrt :",
            "Key rotation - the DeviceId - is new",
        ] {
            assert_eq!(quoted(text), [], "{text}");
        }
    }

    #[test]
    fn a_real_field_keeps_its_reading() {
        let text = "              AzureAdPrt : NO\n- DeviceAuthStatus: FAILED. Error: 0xd000023c\n";
        assert!(quoted(text).is_empty());
        let lines = split(text).lines;
        assert!(
            lines
                .iter()
                .all(|l| matches!(l.kind, LineKind::Field { .. }))
        );
    }
}
