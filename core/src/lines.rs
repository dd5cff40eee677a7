//! Lossless lines: the decoded text cut into [`Line`]s whose spans cover every byte exactly once,
//! each classified on its own (field, section header, border, console noise, …).
//!
//! A physical line usually makes one [`Line`]. A line that holds a whole output joined with
//! `<br/>`, or collapsed with runs of spaces, is cut into several [`Line`]s that share its line
//! number. Chat and markdown damage (`**bold**`, `> ` and `# ` prefixes, hard breaks) is looked
//! through: the key and value spans exclude it.

use alloc::vec::Vec;
use nom::IResult;
use nom::Parser;
use nom::bytes::complete::take_while;
use nom::character::complete::char;

use crate::catalog;
use crate::span::{Span, offset};

mod quoted;
use crate::text::{find_byte, find_line_end, starts_with_ci, trim, trim_end, trim_start};

/// One logical line of the decoded text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    /// The bytes of this line, including its terminator (`\n`, `\r\n`, `\r`, `<br/>`) if any.
    pub span: Span,
    /// 1-based physical line number.
    pub number: u32,
    /// What the line is.
    pub kind: LineKind,
    /// Bytes of whitespace before the content (0 for lines cut out of a collapsed line).
    pub indent: u32,
    /// Byte length of the physical line without its terminator, when it was not cut.
    pub width: u32,
}

/// What a [`Line`] holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// Nothing but whitespace (or markdown that carries no text).
    Blank,
    /// A box border such as `+-----+`.
    Border,
    /// A section header such as `| Device State |` (or the bare title of a known section).
    Header {
        /// The title, trimmed.
        title: Span,
    },
    /// A `Key : Value` field.
    Field {
        /// The key, trimmed, without a trailing `:`.
        key: Span,
        /// The value, trimmed (possibly empty).
        value: Span,
        /// The key's entry in the field catalogue, when it is a known key or alias (worked
        /// out once here; the sections and the views reuse it).
        known: Option<u16>,
    },
    /// A known field quoted inside prose (a sentence, inline code, bold, a table cell, a
    /// bullet): the line is cut so that this segment holds only the field.
    Quoted {
        /// The key, as written.
        key: Span,
        /// The value, cut where the sentence goes on.
        value: Span,
        /// A known section the same physical line names (`under User State`), if any.
        section: Option<Span>,
    },
    /// The rest of the previous field's value, hard-wrapped onto this line.
    Continuation {
        /// The wrapped text, trimmed.
        text: Span,
    },
    /// Console or chat noise that is not part of the output.
    Noise(Noise),
    /// Text that is none of the above (reported as a problem).
    Text,
}

/// The kinds of noise recognised around and inside the output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Noise {
    /// A shell prompt: `C:\>`, `PS C:\>`, `*Evil-WinRM* PS …>`.
    Prompt,
    /// The command line itself (`dsregcmd /status`).
    Command,
    /// A console banner (PowerShell, cmd.exe, remote shells).
    Banner,
    /// `Waiting for Diagnostics Task to complete…`.
    Progress,
    /// A `/debug` preamble line (`dsregcmd::wmain logging initialized.`).
    Debug,
    /// The `For more information, please visit …` trailer.
    Trailer,
    /// An elision mark (`...`) left by whoever pasted the output.
    Elision,
    /// A line written by a tool that ran dsregcmd (`Starting external process: …`).
    Tool,
    /// Markdown or HTML markup alone on a line (code fences, `<pre>`).
    Markup,
    /// The prose around fields quoted in a sentence.
    Prose,
}

/// The lines of a text and the width of its widest physical line.
pub(crate) struct Split {
    pub(crate) lines: Vec<Line>,
    /// Byte length of the longest physical line (the console width, for wrap detection).
    pub(crate) max_width: usize,
}

/// Cuts `text` into classified lines.
pub(crate) fn split(text: &str) -> Split {
    // Real outputs average 30–40 bytes a line. Reserving for 16-byte lines avoids a regrowth
    // (a copy of the whole table) and costs nothing until touched: untouched pages of a large
    // allocation are never faulted in.
    let mut lines = Vec::with_capacity(text.len() / 16 + 16);
    let mut max_width = 0;
    let mut number: u32 = 0;
    let mut pos = 0;
    while pos < text.len() {
        number = number.saturating_add(1);
        let rest = text.get(pos..).unwrap_or("");
        let (content_len, term_len, has_lt) = physical_line(rest);
        let content = Span::new(pos, pos + content_len);
        let end = content.end() + term_len;
        max_width = max_width.max(content_len);
        cut_physical(text, content, end, number, has_lt, &mut lines);
        pos = end;
    }
    Split { lines, max_width }
}

/// Length of the first physical line of `rest`, of its terminator (`\n`, `\r\n` or a lone
/// `\r`), and whether the line holds a `<` (maybe `<br/>` joins).
fn physical_line(rest: &str) -> (usize, usize, bool) {
    let bytes = rest.as_bytes();
    match find_line_end(bytes) {
        (Some(at), lt) => {
            let crlf = bytes.get(at) == Some(&b'\r') && bytes.get(at + 1) == Some(&b'\n');
            (at, if crlf { 2 } else { 1 }, lt)
        }
        (None, lt) => (bytes.len(), 0, lt),
    }
}

/// Classifies one physical line, cutting it first when it holds a collapsed output.
fn cut_physical(
    text: &str,
    content: Span,
    end: usize,
    number: u32,
    has_lt: bool,
    out: &mut Vec<Line>,
) {
    let s = content.slice(text);
    if has_lt && find_br(s).is_some() {
        let mut pos = 0;
        while let Some((at, len)) = find_br(s.get(pos..).unwrap_or("")) {
            let seg = Span::new(content.start() + pos, content.start() + pos + at);
            let term = seg.end() + len;
            push_segment(text, seg, term, number, out);
            pos += at + len;
        }
        let seg = Span::new(content.start() + pos, content.end());
        if !seg.is_empty() || end > seg.end() {
            push_segment(text, seg, end, number, out);
        }
        return;
    }
    let (kind, indent) = classify(text, content);
    // Only lines that are not plainly one field (or whose value holds a second separator or a
    // border) can be collapsed outputs: the common case costs two memchr calls.
    let candidate = match kind {
        LineKind::Field { value, .. } => value_may_hold_more(value.slice(text).as_bytes()),
        LineKind::Text | LineKind::Header { .. } => true,
        _ => false,
    };
    if candidate && looks_collapsed(s) {
        // Cut at box borders and runs of spaces; each part is then read on its own.
        let cuts = collapsed_cuts(s);
        let mut start = 0;
        for cut in cuts.into_iter().chain(core::iter::once(s.len())) {
            if cut <= start {
                continue;
            }
            let seg = Span::new(content.start() + start, content.start() + cut);
            let last = cut == s.len();
            push_segment(text, seg, if last { end } else { seg.end() }, number, out);
            start = cut;
        }
        return;
    }
    if quotes(kind)
        && let Some(parts) = quoted::segments(text, content)
    {
        push_quoted(parts, end, number, out);
        return;
    }
    out.push(Line {
        span: Span::new(content.start(), end),
        number,
        kind,
        indent: offset(indent),
        width: offset(content.len()),
    });
}

fn push_segment(text: &str, seg: Span, end: usize, number: u32, out: &mut Vec<Line>) {
    let (kind, _) = classify(text, seg);
    if quotes(kind)
        && let Some(parts) = quoted::segments(text, seg)
    {
        push_quoted(parts, end, number, out);
        return;
    }
    out.push(Line {
        span: Span::new(seg.start(), end),
        number,
        kind,
        indent: 0,
        width: 0,
    });
}

/// Whether a line of this kind may quote known fields in prose: text that is nothing else, a
/// `Key : Value` whose key is not known (`I am seeing  WamDefaultSet : ERROR …`), or a
/// markdown table row read as a header (`| WamDefaultSet | ERROR |`). A real field keeps its
/// reading.
fn quotes(kind: LineKind) -> bool {
    match kind {
        LineKind::Text => true,
        LineKind::Field { known, .. } => known.is_none(),
        _ => false,
    }
}

/// Pushes the segments of a line that quotes fields; the last one takes the line's end.
fn push_quoted(parts: Vec<(Span, LineKind)>, end: usize, number: u32, out: &mut Vec<Line>) {
    let last = parts.len().saturating_sub(1);
    for (i, (seg, kind)) in parts.into_iter().enumerate() {
        let end = if i == last { end } else { seg.end() };
        out.push(Line {
            span: Span::new(seg.start(), end),
            number,
            kind,
            indent: 0,
            width: 0,
        });
    }
}

/// Whether a field's value may hold another field (` : `/` :` at the end) or a box border
/// (`+-`): only then is the line checked for a collapsed output. URLs (`https://`) are not.
fn value_may_hold_more(v: &[u8]) -> bool {
    v.windows(2)
        .any(|w| matches!(w, [b' ', b':'] | [b'+', b'-']))
}

/// Finds `<br>`, `<br/>` or `<br />` (any case): offset and length.
fn find_br(s: &str) -> Option<(usize, usize)> {
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(off) = bytes.get(from..)?.iter().position(|&b| b == b'<') {
        let at = from + off;
        let tail = bytes.get(at + 1..).unwrap_or(&[]);
        if tail.len() >= 3 && tail.get(..2).is_some_and(|t| t.eq_ignore_ascii_case(b"br")) {
            let after = tail.get(2..).unwrap_or(&[]);
            let spaces = after.iter().take_while(|&&b| b == b' ').count();
            let after = after.get(spaces..).unwrap_or(&[]);
            if after.first() == Some(&b'>') {
                return Some((at, 1 + 2 + spaces + 1));
            }
            if after.get(..2) == Some(b"/>") {
                return Some((at, 1 + 2 + spaces + 2));
            }
        }
        from = at + 1;
    }
    None
}

/// Whether a physical line holds several lines of output joined by runs of spaces: two field
/// separators, or a box border followed by more text.
fn looks_collapsed(s: &str) -> bool {
    let bytes = s.as_bytes();
    if bytes.len() < 8 {
        return false;
    }
    if let Some(plus) = find_byte(bytes, b'+')
        && bytes.get(plus + 1) == Some(&b'-')
        && bytes.get(plus + 2) == Some(&b'-')
    {
        let before = bytes.get(..plus).unwrap_or(&[]);
        let after = bytes.get(plus..).unwrap_or(&[]);
        let rest = after.iter().position(|&b| !matches!(b, b'+' | b'-' | b'='));
        let text_after =
            rest.is_some_and(|r| after.get(r..).is_some_and(|t| !t.trim_ascii().is_empty()));
        if !before.trim_ascii().is_empty() || text_after {
            return true;
        }
    }
    let mut separators = 0;
    let mut from = 0;
    // `str::find(char)` is a memchr.
    while let Some(off) = s.get(from..).and_then(|t| t.find(':')) {
        let at = from + off;
        if at > 0
            && bytes.get(at - 1) == Some(&b' ')
            && matches!(bytes.get(at + 1), None | Some(b' '))
        {
            separators += 1;
            if separators == 2 {
                return true;
            }
        }
        from = at + 1;
    }
    false
}

/// Where to cut a collapsed line: around box borders, after a `| Title |` header, and before a
/// key that follows a run of two or more spaces.
fn collapsed_cuts(s: &str) -> Vec<usize> {
    let bytes = s.as_bytes();
    let mut cuts = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes.get(i).copied().unwrap_or(b' ');
        if b == b'+' && bytes.get(i + 1) == Some(&b'-') {
            // A border run `+----+`.
            let mut j = i + 1;
            while matches!(bytes.get(j), Some(b'-' | b'=')) {
                j += 1;
            }
            if bytes.get(j) == Some(&b'+') {
                j += 1;
            }
            cuts.push(i);
            cuts.push(j);
            i = j;
            continue;
        }
        if b == b'|' {
            // A header `| Title |`: cut after its closing bar.
            if let Some(close) = bytes
                .get(i + 1..)
                .and_then(|t| t.iter().position(|&c| c == b'|'))
            {
                let inner = s.get(i + 1..i + 1 + close).unwrap_or("");
                if !inner.contains(" : ") && !trim(inner).is_empty() {
                    cuts.push(i);
                    cuts.push(i + close + 2);
                    i += close + 2;
                    continue;
                }
            }
        }
        if b == b' ' && bytes.get(i + 1) == Some(&b' ') {
            let mut j = i;
            while bytes.get(j) == Some(&b' ') {
                j += 1;
            }
            if starts_with_key(s.get(j..).unwrap_or("")) {
                cuts.push(j);
            }
            i = j;
            continue;
        }
        i += 1;
    }
    // Whitespace between two cuts goes with the line after it.
    let mut kept = Vec::with_capacity(cuts.len());
    let mut last = 0;
    for cut in cuts {
        if cut <= last || s.get(last..cut).is_some_and(|seg| trim(seg).is_empty()) {
            continue;
        }
        kept.push(cut);
        last = cut;
    }
    kept
}

/// Whether `s` starts with `Key :` where the key is plausible and not interrupted by a run of
/// spaces.
fn starts_with_key(s: &str) -> bool {
    let window = s.get(..s.len().min(64)).unwrap_or(s);
    let Some(colon) = window.find(" :") else {
        return false;
    };
    let key = window.get(..colon).unwrap_or("");
    !key.contains("  ") && plausible_key(key.trim_end_matches(':'))
}

/// Classifies one line's content; returns its kind and indentation.
fn classify(text: &str, content: Span) -> (LineKind, usize) {
    let raw = content.slice(text);
    let indent = raw.len() - trim_start(raw).len();
    let (start, stripped) = strip_markup(raw);
    let base = content.start() + start;
    if stripped.is_empty() {
        return (LineKind::Blank, indent);
    }
    if is_border(stripped) {
        return (LineKind::Border, indent);
    }
    // Fields before noise: a plausible key never contains what makes a line noise (`::`, `\`,
    // `>`), and fields are most of the lines.
    if let Some((key, value)) = field(stripped) {
        let key = Span::new(base + key.0, base + key.0 + key.1);
        let value = Span::new(base + value.0, base + value.0 + value.1);
        let mut buf = [0; 48];
        let known =
            crate::text::normalize(key.slice(text), &mut buf).and_then(catalog::known_index);
        return (LineKind::Field { key, value, known }, indent);
    }
    if let Some((off, len)) = header(stripped) {
        let title = Span::new(base + off, base + off + len);
        return (LineKind::Header { title }, indent);
    }
    if let Some(noise) = noise(stripped) {
        return (LineKind::Noise(noise), indent);
    }
    (LineKind::Text, indent)
}

/// Strips whitespace, markdown/chat prefixes (`> `, `# `, `**`, bullets) and suffixes (`**`,
/// hard-break `\`). Returns the offset of what is left and what is left.
fn strip_markup(raw: &str) -> (usize, &str) {
    let mut s = trim_end(raw);
    let trimmed = trim_start(s);
    let first = trimmed.as_bytes().first().copied().unwrap_or(b'a');
    let last = s.as_bytes().last().copied().unwrap_or(b'a');
    if (first.is_ascii_alphanumeric() || first == b'|' || first == b'+')
        && !matches!(last, b'*' | b'_' | b'\\')
    {
        return (s.len() - trimmed.len(), trimmed);
    }
    let mut start = 0;
    loop {
        let before = s.len();
        let t = trim_start(s);
        start += s.len() - t.len();
        s = t;
        for prefix in ["**", "__", "> ", ">", "- ", "* "] {
            if let Some(rest) = s.strip_prefix(prefix) {
                start += s.len() - rest.len();
                s = rest;
                break;
            }
        }
        if s.starts_with('#') {
            let hashes = s.bytes().take_while(|&b| b == b'#').count();
            if s.as_bytes().get(hashes) == Some(&b' ') {
                start += hashes + 1;
                s = s.get(hashes + 1..).unwrap_or("");
            }
        }
        if s.len() == before {
            break;
        }
    }
    loop {
        let before = s.len();
        s = trim_end(s);
        for suffix in ["**", "__"] {
            if let Some(rest) = s.strip_suffix(suffix) {
                s = rest;
            }
        }
        if s.ends_with('\\') && !s.ends_with("\\\\") && !s.ends_with(":\\") && !s.ends_with(">\\") {
            s = s.get(..s.len() - 1).unwrap_or("");
        }
        if s.len() == before {
            break;
        }
    }
    (start, s)
}

fn noise(s: &str) -> Option<Noise> {
    let first = s.as_bytes().first().copied().unwrap_or(b' ');
    if s.starts_with("PS ") && s.contains('>') || s.starts_with("*Evil-WinRM*") {
        return Some(Noise::Prompt);
    }
    if first.is_ascii_alphabetic() && s.get(1..3) == Some(":\\") && s.contains('>') {
        return Some(Noise::Prompt);
    }
    if starts_with_ci(s, "dsregcmd") {
        return Some(if s.contains("::") {
            Noise::Debug
        } else {
            Noise::Command
        });
    }
    if s.starts_with("ERROR ") || first_word(s).contains("::") {
        return Some(Noise::Debug);
    }
    if starts_with_ci(s, "Waiting for Diagnostics") {
        return Some(Noise::Progress);
    }
    if starts_with_ci(s, "For more information") {
        return Some(Noise::Trailer);
    }
    if starts_with_ci(s, "Starting external process") || starts_with_ci(s, "Execution completed") {
        return Some(Noise::Tool);
    }
    if is_elision(s) {
        return Some(Noise::Elision);
    }
    const BANNERS: [&str; 8] = [
        "Windows PowerShell",
        "PowerShell 7",
        "Microsoft Windows [",
        "Copyright (C) Microsoft",
        "(c) Microsoft Corporation",
        "Evil-WinRM shell",
        "Info: Establishing connection",
        "Data: For more information",
    ];
    if BANNERS.iter().any(|b| starts_with_ci(s, b))
        || s.contains("aka.ms/PSWindows")
        || s.contains("aka.ms/pscore6")
    {
        return Some(Noise::Banner);
    }
    if s.starts_with("```") || s.starts_with("~~~") || is_tag_only(s) || is_table_rule(s) {
        return Some(Noise::Markup);
    }
    None
}

fn first_word(s: &str) -> &str {
    s.split(' ').next().unwrap_or("")
}

fn is_elision(s: &str) -> bool {
    let inner = s.trim_matches(['[', ']', '(', ')', '<', '>', '-', ' ']);
    (inner.len() >= 3 || inner == "…") && inner.chars().all(|c| c == '.' || c == '…' || c == ' ')
        || inner.eq_ignore_ascii_case("snip")
        || inner.eq_ignore_ascii_case("truncated")
}

/// A markdown table's rule line (`|---|:---:|`).
fn is_table_rule(s: &str) -> bool {
    s.contains('|')
        && s.contains('-')
        && s.bytes()
            .all(|b| matches!(b, b'|' | b'-' | b':' | b' ' | b'\t'))
}

fn is_tag_only(s: &str) -> bool {
    s.starts_with('<')
        && s.ends_with('>')
        && s.len() <= 12
        && s.bytes()
            .skip(1)
            .take(s.len().saturating_sub(2))
            .all(|b| b.is_ascii_alphabetic() || b == b'/')
}

fn is_border(s: &str) -> bool {
    let mut dashes = 0;
    for b in s.bytes() {
        match b {
            b'-' | b'=' => dashes += 1,
            b'+' | b' ' | b'\t' => {}
            _ => return false,
        }
    }
    dashes >= 3
}

/// A header `| Title |` (right bar optional), or a known section title alone on a line.
/// Returns the title's offset and length within `s`.
fn header(s: &str) -> Option<(usize, usize)> {
    if let Some(inner) = s.strip_prefix('|') {
        let inner = inner.trim_end_matches('|');
        let title = trim(inner);
        // A section title never holds a bar: `| Key | Value |` is a markdown table row.
        if title.is_empty() || title.contains(" : ") || title.contains('|') || title.len() > 100 {
            return None;
        }
        let off = 1 + (inner.len() - trim_start(inner).len());
        return Some((off, title.len()));
    }
    if s.len() <= 60 && catalog::is_known_section(s) {
        return Some((0, s.len()));
    }
    None
}

/// The first bytes of `s` (at most `max`), cut on a character boundary.
fn window(s: &str, max: usize) -> &str {
    let mut n = s.len().min(max);
    while !s.is_char_boundary(n) {
        n -= 1;
    }
    s.get(..n).unwrap_or("")
}

/// The nom parser for `Key : Value`: the key ends at the first `:` with whitespace (or the end
/// of the line) on both sides. Only the first bytes are searched: keys are short.
fn strict_field(s: &str) -> IResult<&str, &str> {
    let head = window(s, KEY_WINDOW);
    let mut offset = 0;
    loop {
        let tail = head.get(offset..).unwrap_or("");
        let Some(skipped) = find_byte(tail.as_bytes(), b':') else {
            return Err(nom::Err::Error(nom::error::Error::new(
                s,
                nom::error::ErrorKind::TakeUntil,
            )));
        };
        let colon = offset + skipped;
        let bytes = s.as_bytes();
        let spaced_before = colon > 0 && matches!(bytes.get(colon - 1), Some(b' ' | b'\t'));
        let spaced_after = matches!(bytes.get(colon + 1), None | Some(b' ' | b'\t'));
        if spaced_before && spaced_after {
            let after = s.get(colon + 1..).unwrap_or("");
            return Ok((after, s.get(..colon).unwrap_or("")));
        }
        offset = colon + 1;
    }
}

/// The loose form `Key: Value` (no space before the colon), only for known keys.
fn loose_field(s: &str) -> IResult<&str, &str> {
    let head = window(s, KEY_WINDOW);
    let (at_colon, key) = take_while(|c| c != ':').parse(head)?;
    let (_, _) = char(':').parse(at_colon)?;
    let after = s.get(key.len() + 1..).unwrap_or("");
    if after.is_empty() || after.starts_with([' ', '\t']) {
        Ok((after, key))
    } else {
        Err(nom::Err::Error(nom::error::Error::new(
            s,
            nom::error::ErrorKind::Char,
        )))
    }
}

/// How far into a line a key separator is looked for.
const KEY_WINDOW: usize = 72;

/// Splits `Key : Value`; returns (offset, length) of the key and of the value within `s`.
fn field(s: &str) -> Option<((usize, usize), (usize, usize))> {
    let (value, key, strict) = match strict_field(s) {
        Ok((value, key)) => (value, key, true),
        Err(_) => {
            let (value, key) = loose_field(s).ok()?;
            (value, key, false)
        }
    };
    let key_trimmed = trim_end(trim_end(key).trim_end_matches(':'));
    if !plausible_key(key_trimmed) || !strict && !catalog::is_known_key(key_trimmed) {
        return None;
    }
    let value_start = s.len() - value.len();
    let value_trimmed = trim(value);
    let value_off = value_start + (value.len() - trim_start(value).len());
    Some((
        (0, key_trimmed.len()),
        (value_off.min(s.len()), value_trimmed.len()),
    ))
}

/// Whether `key` can be a dsregcmd key: 1–60 bytes, starting with a letter, of letters, digits,
/// spaces, `-` and `_`, at most six words.
pub(crate) fn plausible_key(key: &str) -> bool {
    let bytes = key.as_bytes();
    if bytes.is_empty() || bytes.len() > 60 || !bytes.first().is_some_and(u8::is_ascii_alphabetic) {
        return false;
    }
    bytes
        .iter()
        .all(|&b| KEY_BYTES.get(usize::from(b)).copied().unwrap_or(false))
        && bytes.iter().filter(|&&b| b == b' ').count() < 6
}

/// The bytes a key may hold: ASCII letters, digits, space, `-` and `_`.
const KEY_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || c == b' ' || c == b'-' || c == b'_';
        b += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::String;

    fn kinds(text: &str) -> Vec<(u32, String)> {
        split(text)
            .lines
            .iter()
            .map(|l| {
                let desc = match l.kind {
                    LineKind::Field { key, value, .. } => {
                        alloc::format!("F[{}]=[{}]", key.slice(text), value.slice(text))
                    }
                    LineKind::Header { title } => alloc::format!("H[{}]", title.slice(text)),
                    other => alloc::format!("{other:?}"),
                };
                (l.number, desc)
            })
            .collect()
    }

    #[test]
    fn splits_fields_at_any_alignment() {
        let k = kinds(
            "  AzureAdJoined : YES\nKeySignTest: : PASSED\nMdmUrl :\nMdmUrl : \nAadRecoveryEnabled: NO\n",
        );
        let v: Vec<_> = k.iter().map(|(_, d)| d.as_str()).collect();
        assert_eq!(
            v,
            [
                "F[AzureAdJoined]=[YES]",
                "F[KeySignTest]=[PASSED]",
                "F[MdmUrl]=[]",
                "F[MdmUrl]=[]",
                "F[AadRecoveryEnabled]=[NO]",
            ]
        );
    }

    #[test]
    fn debug_and_prose_lines_are_not_fields() {
        let k = kinds(
            "DsrCmdAccountMgr::GetDefaultSsoInfo: failed 0xd000000d.\nERROR IsDefaultAccountSet (hint: x) 0x1\nInfo: hello\nsing WPAD. code: 0x80072f94\n",
        );
        let v: Vec<_> = k.iter().map(|(_, d)| d.as_str()).collect();
        assert_eq!(v, ["Noise(Debug)", "Noise(Debug)", "Text", "Text"]);
    }

    #[test]
    fn cuts_br_joined_lines() {
        let text = "x<br/>| User State |<br/>   NgcSet : NO<BR>\n";
        let lines = split(text).lines;
        let got: Vec<_> = lines.iter().map(|l| l.span.slice(text)).collect();
        assert_eq!(
            got,
            ["x<br/>", "| User State |<br/>", "   NgcSet : NO<BR>", "\n"]
        );
        assert!(lines.iter().all(|l| l.number == 1));
    }

    #[test]
    fn cuts_space_collapsed_lines() {
        let text = "+------+ | Device State     | +------+      AzureAdJoined : YES      DomainJoined : NO";
        let v: Vec<_> = kinds(text).into_iter().map(|(_, d)| d).collect();
        assert_eq!(
            v,
            [
                "Border",
                "H[Device State]",
                "Border",
                "F[AzureAdJoined]=[YES]",
                "F[DomainJoined]=[NO]"
            ]
        );
    }

    #[test]
    fn markup_is_looked_through() {
        let v: Vec<_> = kinds(
            "**NgcSet : YES**\n> # DomainJoined : NO  \n```\n## Device State\nNgcSet : NO\\\n",
        )
        .into_iter()
        .map(|(_, d)| d)
        .collect();
        assert_eq!(
            v,
            [
                "F[NgcSet]=[YES]",
                "F[DomainJoined]=[NO]",
                "Noise(Markup)",
                "H[Device State]",
                "F[NgcSet]=[NO]"
            ]
        );
    }

    #[test]
    fn recognises_noise() {
        let v: Vec<_> = kinds("PS C:\\Users\\a> dsregcmd /status\nC:\\>dsregcmd /status\n*Evil-WinRM* PS C:\\> dsregcmd /status\nWaiting for Diagnostics Task to complete...\nFor more information, please visit https://www.microsoft.com/aadjerrors\n...\ndsregcmd::wmain logging initialized.\nWindows PowerShell\n")
            .into_iter()
            .map(|(_, d)| d)
            .collect();
        assert_eq!(
            v,
            [
                "Noise(Prompt)",
                "Noise(Prompt)",
                "Noise(Prompt)",
                "Noise(Progress)",
                "Noise(Trailer)",
                "Noise(Elision)",
                "Noise(Debug)",
                "Noise(Banner)"
            ]
        );
    }

    #[test]
    fn line_ends() {
        let text = "a : 1\r\nb : 2\rc : 3\nd : 4";
        let lines = split(text).lines;
        let got: Vec<_> = lines
            .iter()
            .map(|l| (l.number, l.span.slice(text)))
            .collect();
        assert_eq!(
            got,
            [
                (1, "a : 1\r\n"),
                (2, "b : 2\r"),
                (3, "c : 3\n"),
                (4, "d : 4")
            ]
        );
    }
}
