//! The compact form: one output in one line of at most [`MAX_LINE`] characters, for channels
//! that keep only a short line per device (Intune Remediations keeps the last line of a
//! detection script's output, at most 2,048 characters).
//!
//! A line is [`PREFIX`] followed by standard base64 (padded) of a raw deflate stream (RFC
//! 1951, no preset dictionary, so that Windows PowerShell 5.1's `DeflateStream` can write it)
//! of the *inner text*, UTF-8 lines joined by `\n`:
//!
//! 1. `~`, then the flags, each after one space: `u` when every value that is a URL
//!    (`http://`, `https://`, `urn:`) was replaced by `~`, `c<N>` when the last `N` lines were
//!    cut off to fit;
//! 2. then, in the output's order, `+Title` for a section header, `Key:Value` for a field
//!    (key and value trimmed, an empty value kept as `Key:`), and `!text` for a console line
//!    that shows who ran the command (a prompt, `Starting external process`, a `/debug`
//!    hint). Box lines, blank lines and padding are left out.
//!
//! The writer tries the whole inner text first, then with URL values left out, then cuts lines
//! from the end until the line fits. `scripts/Get-DsregStatus.ps1` writes the same inner text
//! from a fresh output (it never has `!` lines); this module is the reference.
//!
//! The reader ([`expand`]) finds such lines anywhere in an input (a file of lines, a CSV cell,
//! a chat message) and puts back an output that the rest of the pipeline reads like any other:
//! a `dsregcmd /status` command line saying what the compact form left out, section headers in
//! boxes and aligned fields. A URL value that was left out reads [`LEFT_OUT`].
//!
//! ```
//! use dsreg_core::{analyze, compact, JoinState};
//!
//! let full = "| Device State |\n AzureAdJoined : YES\n DomainJoined : NO\n";
//! let analysis = analyze(full.as_bytes());
//! let line = compact::encode(&analysis.documents().next().unwrap());
//! assert!(line.starts_with(compact::PREFIX) && line.len() <= compact::MAX_LINE);
//!
//! let back = analyze(format!("\"PC-042\",\"{line}\"\n").as_bytes());
//! let doc = back.documents().next().unwrap();
//! assert_eq!(doc.join().state, JoinState::EntraJoined);
//! assert!(back.compact_of(&doc).is_some());
//! ```
//!
//! **Invariant:** [`expand`] never panics and never unpacks more than [`MAX_INNER`] bytes per
//! line, so a crafted line cannot exhaust memory.

use alloc::borrow::Cow;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write as _;

use crate::model::Doc;
use crate::pack::{Unpack, base64_decode, base64_encode, deflate, inflate};
use crate::rules::{Ctx, RunEvidence};
use crate::span::{Problem, Span};
use crate::text::{key_eq, starts_with_ci};

/// What starts a compact line (format version 1).
pub const PREFIX: &str = "DSRC1:";

/// The longest compact line the writer makes, in characters (Intune's limit).
pub const MAX_LINE: usize = 2048;

/// The largest inner text the reader unpacks from one line: 256 KiB.
pub const MAX_INNER: usize = 256 * 1024;

/// How a URL value the compact form left out reads once expanded.
pub const LEFT_OUT: &str = "(left out by the compact form)";

/// One line of the inner text.
enum Item<'a> {
    Header(&'a str),
    Field(&'a str, Cow<'a, str>),
    Note(&'a str),
}

/// The compact line of `doc` (at most [`MAX_LINE`] characters).
pub fn encode(doc: &Doc<'_>) -> String {
    let items = items_of(doc);
    let mut line = line_of(&inner(&items, false, 0));
    if line.len() <= MAX_LINE {
        return line;
    }
    let mut cut = 0;
    loop {
        line = line_of(&inner(&items, true, cut));
        if line.len() <= MAX_LINE || cut == items.len() {
            return line;
        }
        cut += 1;
    }
}

/// The lines of `doc`'s inner text, in order.
fn items_of<'a>(doc: &Doc<'a>) -> Vec<Item<'a>> {
    let mut items = Vec::new();
    if let Some(RunEvidence::Line { text, .. }) = Ctx::new(doc).run_evidence {
        items.push(Item::Note(text));
    }
    // A title printed twice in one output (sections pasted in two goes) is written once, with
    // all its fields: a repeated header would read as the start of another output.
    let mut groups: Vec<(Option<&str>, Vec<Item<'_>>)> = Vec::new();
    for section in doc.sections() {
        let title = section.title().map(str::trim);
        let at = match groups.iter().position(|(t, _)| match (t, title) {
            (Some(a), Some(b)) => key_eq(a, b),
            (None, None) => true,
            _ => false,
        }) {
            Some(at) => at,
            None => {
                groups.push((title, Vec::new()));
                groups.len() - 1
            }
        };
        let fields = &mut groups[at].1;
        for field in section.fields() {
            let value = match field.raw() {
                Cow::Borrowed(v) => Cow::Borrowed(v.trim()),
                Cow::Owned(v) => Cow::Owned(String::from(v.trim())),
            };
            fields.push(Item::Field(field.key().trim(), value));
        }
    }
    for (title, fields) in groups {
        if let Some(title) = title {
            items.push(Item::Header(title));
        }
        items.extend(fields);
    }
    items
}

/// The inner text of `items` without the last `cut`, URL values replaced when `urls`.
fn inner(items: &[Item<'_>], urls: bool, cut: usize) -> String {
    let mut out = String::from("~");
    if urls {
        out.push_str(" u");
    }
    if cut > 0 {
        let _ = write!(out, " c{cut}");
    }
    for item in items.get(..items.len() - cut).unwrap_or(&[]) {
        out.push('\n');
        match item {
            Item::Header(title) => {
                out.push('+');
                out.push_str(title);
            }
            Item::Field(key, value) => {
                out.push_str(key);
                out.push(':');
                out.push_str(if urls && is_url(value) { "~" } else { value });
            }
            Item::Note(text) => {
                out.push('!');
                out.push_str(text);
            }
        }
    }
    out
}

fn is_url(value: &str) -> bool {
    ["http://", "https://", "urn:"]
        .iter()
        .any(|p| starts_with_ci(value, p))
}

fn line_of(inner: &str) -> String {
    let mut line = String::from(PREFIX);
    base64_encode(&deflate(inner.as_bytes(), b""), false, true, &mut line);
    line
}

/// Where one compact line was put back, and what it had left out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Expansion {
    /// The expanded output in the analysed text.
    pub span: Span,
    /// Every URL value was left out.
    pub urls_left_out: bool,
    /// How many lines were cut off the end.
    pub cut: u32,
}

/// An input with its compact lines put back.
pub struct Expanded {
    /// The text to analyse.
    pub text: String,
    /// One per compact line read.
    pub expansions: Vec<Expansion>,
    /// Lines that start like a compact line but could not be read, each with its line.
    pub problems: Vec<Problem>,
    /// Where text moved: for each compact line, its end in the input and how far the text
    /// after it moved (bytes, lines), for problems found before the expansion.
    shifts: Vec<(usize, isize, isize)>,
}

impl Expanded {
    /// Moves `problem` (placed in the input) to the same place in the expanded text.
    pub fn place(&self, problem: &mut Problem) {
        let after = self
            .shifts
            .partition_point(|(end, _, _)| *end <= problem.offset);
        if let Some(&(_, bytes, lines)) = after.checked_sub(1).and_then(|i| self.shifts.get(i)) {
            problem.offset = problem.offset.saturating_add_signed(bytes);
            problem.line = problem.line.saturating_add_signed(lines);
        }
    }
}

/// The base64 characters a compact line may hold after its prefix.
fn is_payload(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'-' | b'_')
}

/// Puts back every compact line in `text`; `None` when there is none (the common case, found
/// with one substring search).
pub fn expand(text: &str) -> Option<Expanded> {
    let first = text.find(PREFIX)?;
    let mut out = String::with_capacity(text.len() + 4096);
    let mut expansions = Vec::new();
    let mut problems = Vec::new();
    let mut shifts = Vec::new();
    let mut copied = 0;
    let mut line = 1;
    let mut out_lines = 0;
    let mut counted = 0;
    let mut at = first;
    while let Some(found) = text.get(at..).and_then(|rest| rest.find(PREFIX)) {
        let start = at + found;
        let payload_start = start + PREFIX.len();
        let len = text.as_bytes()[payload_start..]
            .iter()
            .take_while(|&&b| is_payload(b))
            .count();
        let end = payload_start + len;
        line += text.as_bytes()[counted..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        counted = start;
        at = end;
        let inner = match unpack(&text[payload_start..end]) {
            Ok(inner) => inner,
            Err(why) => {
                // Placed in the input; moved with the others below.
                problems.push(Problem::at(
                    line,
                    start,
                    format!("a compact line ({PREFIX}…) could not be read: {why}"),
                ));
                continue;
            }
        };
        let before = out.len();
        out.push_str(&text[copied..start]);
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        let span_start = out.len();
        let (urls_left_out, cut) = write_output(&inner, &mut out);
        let span_end = out.len();
        if !matches!(text.as_bytes().get(end), None | Some(b'\n' | b'\r')) {
            out.push('\n');
        }
        expansions.push(Expansion {
            span: Span::new(span_start, span_end),
            urls_left_out,
            cut,
        });
        copied = end;
        out_lines += out.as_bytes()[before..]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        // The payload holds no line break: the input has `line - 1` of them before `end`.
        shifts.push((
            end,
            out.len() as isize - end as isize,
            out_lines as isize - (line as isize - 1),
        ));
    }
    out.push_str(&text[copied..]);
    let mut expanded = Expanded {
        text: out,
        expansions,
        problems: Vec::new(),
        shifts,
    };
    for problem in &mut problems {
        expanded.place(problem);
    }
    expanded.problems = problems;
    Some(expanded)
}

/// The inner text of a compact line's payload.
fn unpack(payload: &str) -> Result<String, &'static str> {
    let data = base64_decode(payload).map_err(|()| "its data is not base64")?;
    if data.is_empty() {
        return Err("it holds no data");
    }
    let bytes = inflate(&data, b"", MAX_INNER).map_err(|e| match e {
        Unpack::Corrupt => "its data is damaged or cut short",
        Unpack::TooLarge => "it unpacks to more than 256 KiB",
    })?;
    let inner = String::from_utf8(bytes).map_err(|_| "it unpacks to something that is not text")?;
    if !inner.starts_with('~') {
        return Err("it does not hold an output");
    }
    Ok(inner)
}

/// Writes the output held by `inner` into `out`; returns its flags.
fn write_output(inner: &str, out: &mut String) -> (bool, u32) {
    let mut lines = inner.split('\n');
    let flags = lines.next().unwrap_or("~");
    let mut urls = false;
    let mut cut = 0u32;
    for flag in flags.trim_start_matches('~').split_whitespace() {
        if flag == "u" {
            urls = true;
        } else if let Some(n) = flag.strip_prefix('c') {
            cut = n.parse().unwrap_or(0);
        }
    }
    out.push_str("dsregcmd /status   [read from a compact line");
    match (urls, cut) {
        (false, 0) => {}
        (true, 0) => out.push_str(": URL values left out"),
        (false, n) => {
            let _ = write!(out, ": its last {n} lines left out");
        }
        (true, n) => {
            let _ = write!(out, ": URL values and its last {n} lines left out");
        }
    }
    out.push_str("]\n");
    const RULE: &str = "+----------------------------------------------------------------------+\n";
    for line in lines {
        if let Some(title) = line.strip_prefix('+') {
            out.push_str(RULE);
            let _ = writeln!(out, "| {title:<68} |");
            out.push_str(RULE);
            out.push('\n');
        } else if let Some(note) = line.strip_prefix('!') {
            out.push_str(note);
            out.push('\n');
        } else if let Some((key, value)) = line.split_once(':') {
            let value = if urls && value == "~" {
                LEFT_OUT
            } else {
                value
            };
            let _ = writeln!(out, "{key:>30} : {value}");
        }
    }
    (urls, cut)
}

#[cfg(test)]
mod tests;
