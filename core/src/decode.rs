//! Bytes to text: UTF-8 (with or without BOM) and UTF-16 (LE/BE, with a BOM or detected by its
//! NUL pattern), also when one file mixes them. Invalid sequences become U+FFFD and are
//! reported; line ends are kept as they are (`\r\n`, `\r` and `\n` are all understood by the
//! later layers).
//!
//! The encoding of the start comes from a BOM, or from the NUL pattern of the first 4 KiB. The
//! bytes are then cut into parts, each decoded in its own encoding: `dsregcmd /status > log.txt`
//! from cmd (UTF-8) followed by `>> log.txt` from PowerShell 5 (UTF-16LE), or the reverse, gives
//! [`Encoding::Mixed`] and an informational [`Problem`] where the encoding switches. A new part
//! starts
//!
//! - inside UTF-8 text: at a UTF-16 BOM (`FF FE`, `FE FF`) followed by UTF-16 text or the end,
//!   or where eight code units of UTF-16 NUL pattern (mostly ASCII: a NUL in every other byte)
//!   begin, at either byte alignment. One stray NUL starts nothing;
//! - inside UTF-16 text, where the NUL pattern stops: at a UTF-8 BOM (`EF BB BF`), or at 128
//!   bytes of valid UTF-8 with spaces or line ends and without NULs or control characters (or
//!   such a stretch running to the end of the input or to a UTF-16 BOM); or at a BOM of the
//!   other UTF-16 byte order.
//!
//! A BOM that starts a part is removed; one inside a part stays U+FEFF, as in a file with one
//! encoding. Nothing is inserted between parts (an output appended to one without a final line
//! end continues its last line). Whole-file UTF-8 and UTF-16 decode as they always did. One
//! pass, linear in the input; valid UTF-8 without NULs costs one scan for NUL, `FE` and `FF`
//! bytes on top of its validation.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::span::Problem;
use crate::text::{LineCounter, SWAR_LO, swar_position, zero_bytes};

/// How the input bytes were encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Encoding {
    /// UTF-8 without a byte-order mark (also plain ASCII and empty input).
    Utf8,
    /// UTF-8 with a byte-order mark (`EF BB BF`), as Notepad and PowerShell 7 may write it.
    Utf8Bom,
    /// UTF-16 little-endian with a byte-order mark: what PowerShell 5 `>` writes.
    Utf16LeBom,
    /// UTF-16 big-endian with a byte-order mark.
    Utf16BeBom,
    /// UTF-16 little-endian without a byte-order mark, recognised by its NUL bytes.
    Utf16Le,
    /// UTF-16 big-endian without a byte-order mark, recognised by its NUL bytes.
    Utf16Be,
    /// Parts in different encodings, e.g. a UTF-8 output with a UTF-16LE one appended by
    /// PowerShell 5 `>>`: each part was decoded in its own encoding, and a [`Problem`] marks
    /// each switch.
    Mixed,
}

impl Encoding {
    /// A short human name, e.g. `UTF-16LE (BOM)`.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 (BOM)",
            Encoding::Utf16LeBom => "UTF-16LE (BOM)",
            Encoding::Utf16BeBom => "UTF-16BE (BOM)",
            Encoding::Utf16Le => "UTF-16LE (no BOM)",
            Encoding::Utf16Be => "UTF-16BE (no BOM)",
            Encoding::Mixed => "mixed encodings",
        }
    }

    /// The family the part is decoded with (a BOM does not change it).
    fn family(self) -> Family {
        match self {
            Encoding::Utf8 | Encoding::Utf8Bom | Encoding::Mixed => Family::Utf8,
            Encoding::Utf16LeBom | Encoding::Utf16Le => Family::Utf16Le,
            Encoding::Utf16BeBom | Encoding::Utf16Be => Family::Utf16Be,
        }
    }

    /// Whether a part in this encoding starts with a (removed) byte-order mark.
    fn has_bom(self) -> bool {
        matches!(
            self,
            Encoding::Utf8Bom | Encoding::Utf16LeBom | Encoding::Utf16BeBom
        )
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The decoded text with its encoding and what had to be repaired.
#[derive(Clone, Debug)]
pub struct Decoded {
    /// The text (without a byte-order mark).
    pub text: String,
    /// The encoding that was recognised ([`Encoding::Mixed`] when parts differ).
    pub encoding: Encoding,
    /// Replaced sequences and encoding switches, with the line they are on.
    pub problems: Vec<Problem>,
}

/// How many repairs and switches are reported one by one before they are summarised.
const MAX_REPORTED: usize = 10;

/// Code units of NUL-pattern text that start a UTF-16 part inside UTF-8 text without a BOM.
const UTF16_RUN: usize = 8;
/// Fewer code units do when they run to the end of the input.
const UTF16_RUN_AT_END: usize = 4;
/// Bytes of clean UTF-8 that start a UTF-8 part inside UTF-16 text without a BOM (a box border
/// of `dsregcmd` and its line end fit). UTF-16 text without NULs (CJK, Hangul) is very unlikely
/// to be valid UTF-8 this long; Cyrillic, Greek and most other scripts put control bytes in it.
const UTF8_RUN: usize = 128;
/// Fewer bytes do inside UTF-16 text when they run to the end of the input or to a UTF-16 BOM
/// (at the start of the input, 4 do), but not very few:
/// UTF-16 text of CJK or Indic characters may hold a few pairs of printable ASCII bytes (`上` is
/// `0A 4E`, a line feed and `N`), while 16 such characters in a row are practically never seen.
const UTF8_RUN_AT_END: usize = 32;

const UTF8_BOM: [u8; 3] = [0xEF, 0xBB, 0xBF];

/// What a part's bytes are decoded as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    Utf8,
    Utf16Le,
    Utf16Be,
}

/// A stretch of the input decoded in one encoding: `start..end`, after its BOM.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Part {
    encoding: Encoding,
    start: usize,
    end: usize,
}

/// Where a new part begins: the current one ends at `at`, the new one's text starts at `body`
/// (after its BOM).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Switch {
    at: usize,
    encoding: Encoding,
    body: usize,
}

/// Something to report, at a byte offset of the decoded text.
#[derive(Clone, Copy, Debug)]
enum Note {
    /// A sequence replaced by U+FFFD.
    Repair(&'static str),
    /// A new part in another encoding starts here.
    Switch { from: Encoding, to: Encoding },
}

/// Decodes `bytes`. Never fails: anything invalid becomes U+FFFD and a [`Problem`].
pub fn decode(bytes: &[u8]) -> Decoded {
    let parts = segment(bytes);
    let mut encoding = parts.first().map_or(Encoding::Utf8, |p| p.encoding);
    let mut text = String::new();
    let mut notes: Vec<(usize, Note)> = Vec::new();
    let mut previous: Option<Encoding> = None;
    for part in &parts {
        if let Some(from) = previous
            && from.family() != part.encoding.family()
        {
            encoding = Encoding::Mixed;
            notes.push((
                text.len(),
                Note::Switch {
                    from,
                    to: part.encoding,
                },
            ));
        }
        previous = Some(part.encoding);
        let body = bytes.get(part.start..part.end).unwrap_or(&[]);
        match part.encoding.family() {
            Family::Utf8 => decode_utf8(body, &mut text, &mut notes),
            Family::Utf16Le => decode_utf16(body, false, &mut text, &mut notes),
            Family::Utf16Be => decode_utf16(body, true, &mut text, &mut notes),
        }
    }
    let problems = report(&text, &notes);
    Decoded {
        text,
        encoding,
        problems,
    }
}

/// Recognises the encoding of the start of the input; returns it with the offset after its BOM.
fn sniff(bytes: &[u8]) -> (Encoding, usize) {
    if bytes.starts_with(&UTF8_BOM) {
        return (Encoding::Utf8Bom, 3);
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return (Encoding::Utf16LeBom, 2);
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return (Encoding::Utf16BeBom, 2);
    }
    // Without a BOM, UTF-16 text of mostly ASCII has a NUL in every other byte.
    let sample = bytes.get(..bytes.len().min(4096)).unwrap_or(bytes);
    let pairs = sample.len() / 2;
    if pairs >= 2 {
        let (mut even, mut odd) = (0usize, 0usize);
        for pair in sample.chunks_exact(2) {
            even += usize::from(pair.first() == Some(&0));
            odd += usize::from(pair.get(1) == Some(&0));
        }
        let utf16 = if odd * 2 >= pairs && even * 10 <= pairs {
            Some(Encoding::Utf16Le)
        } else if even * 2 >= pairs && odd * 10 <= pairs {
            Some(Encoding::Utf16Be)
        } else {
            None
        };
        if let Some(utf16) = utf16 {
            // The NULs may be those of a UTF-16 output appended to a UTF-8 one.
            return match utf8_starts_at(bytes, 0) {
                Some((encoding, body)) => (encoding, body),
                None => (utf16, 0),
            };
        }
    }
    (Encoding::Utf8, 0)
}

/// Cuts the input into parts, each in one encoding. Empty parts without a BOM are left out;
/// there is always at least one part.
fn segment(bytes: &[u8]) -> Vec<Part> {
    let (mut encoding, mut start) = sniff(bytes);
    let mut parts = Vec::new();
    // Whether the last switch did not move forward (a new part at the same offset): the next one
    // always does, so two in a row would be a bug; stop cutting rather than loop.
    let mut stalled = false;
    loop {
        let next = match encoding.family() {
            Family::Utf8 => next_after_utf8(bytes, start),
            Family::Utf16Le => next_after_utf16(bytes, start, false),
            Family::Utf16Be => next_after_utf16(bytes, start, true),
        };
        let Some(switch) = next.filter(|s| s.at >= start && (s.body > start || !stalled)) else {
            parts.push(Part {
                encoding,
                start,
                end: bytes.len().max(start),
            });
            return parts;
        };
        stalled = switch.body <= start;
        if switch.at > start || encoding.has_bom() {
            parts.push(Part {
                encoding,
                start,
                end: switch.at,
            });
        }
        encoding = switch.encoding;
        start = switch.body;
    }
}

/// The next part inside UTF-8 text that starts at `start`: at a UTF-16 BOM, or where a sustained
/// UTF-16 NUL pattern begins.
fn next_after_utf8(bytes: &[u8], start: usize) -> Option<Switch> {
    let mut from = start;
    while let Some(found) = bytes.get(from..).and_then(find_nul_or_bom_byte) {
        let at = from + found;
        let switch = match (bytes.get(at), bytes.get(at + 1)) {
            (Some(0), _) => utf16_around_nul(bytes, start, at),
            (Some(0xFF), Some(0xFE)) if utf16_follows_bom(bytes, at + 2, false) => Some(Switch {
                at,
                encoding: Encoding::Utf16LeBom,
                body: at + 2,
            }),
            (Some(0xFE), Some(0xFF)) if utf16_follows_bom(bytes, at + 2, true) => Some(Switch {
                at,
                encoding: Encoding::Utf16BeBom,
                body: at + 2,
            }),
            _ => None,
        };
        if switch.is_some() {
            return switch;
        }
        from = at + 1;
    }
    None
}

/// A UTF-16 part without BOM around the NUL at `nul` (in UTF-8 text since `start`): UTF-16LE
/// from the byte before it, else UTF-16BE from the NUL itself. Mostly-ASCII text fits both, one
/// byte apart, and only where the run ends could tell them apart: little-endian, what Windows
/// writes, wins. (A UTF-16BE part without BOM then reads right but for its last character.)
fn utf16_around_nul(bytes: &[u8], start: usize, nul: usize) -> Option<Switch> {
    let (at, encoding) = if nul > start && utf16_run(bytes, nul - 1, false) {
        (nul - 1, Encoding::Utf16Le)
    } else if utf16_run(bytes, nul, true) {
        (nul, Encoding::Utf16Be)
    } else {
        return None;
    };
    Some(Switch {
        at,
        encoding,
        body: at,
    })
}

/// The low and high byte of a UTF-16 code unit.
fn unit(pair: &[u8], big_endian: bool) -> (u8, u8) {
    match (pair, big_endian) {
        ([lo, hi], false) | ([hi, lo], true) => (*lo, *hi),
        _ => (0, 0),
    }
}

/// Whether UTF-16 NUL-pattern text (a NUL high byte, a non-NUL low byte) runs from `at` for
/// [`UTF16_RUN`] code units, or for at least [`UTF16_RUN_AT_END`] up to the end of the input.
fn utf16_run(bytes: &[u8], at: usize, big_endian: bool) -> bool {
    let rest = bytes.get(at..).unwrap_or(&[]);
    let units = rest
        .chunks_exact(2)
        .take(UTF16_RUN)
        .take_while(|pair| matches!(unit(pair, big_endian), (lo, 0) if lo != 0))
        .count();
    units == UTF16_RUN || (units >= UTF16_RUN_AT_END && units == rest.len() / 2)
}

/// Whether what follows a UTF-16 BOM at `body` is UTF-16 text: a NUL high byte in one of the
/// first two code units, or nothing at all.
fn utf16_follows_bom(bytes: &[u8], body: usize, big_endian: bool) -> bool {
    let rest = bytes.get(body..).unwrap_or(&[]);
    rest.is_empty()
        || rest
            .chunks_exact(2)
            .take(2)
            .any(|pair| unit(pair, big_endian).1 == 0)
}

/// The next part inside UTF-16 text that starts at `start`: where the NUL pattern stops and
/// UTF-8 starts, or at a BOM of the other byte order.
fn next_after_utf16(bytes: &[u8], start: usize, big_endian: bool) -> Option<Switch> {
    let rest = bytes.get(start..).unwrap_or(&[]);
    // Whether the previous code unit had a NUL high byte (a part may switch right away).
    let mut after_nul = true;
    for (i, pair) in rest.chunks_exact(2).enumerate() {
        let at = start + 2 * i;
        match unit(pair, big_endian) {
            (_, 0) => after_nul = true,
            (0xFE, 0xFF) => {
                let encoding = if big_endian {
                    Encoding::Utf16LeBom
                } else {
                    Encoding::Utf16BeBom
                };
                return Some(Switch {
                    at,
                    encoding,
                    body: at + 2,
                });
            }
            _ => {
                if after_nul && let Some((encoding, body)) = utf8_starts_at(bytes, at) {
                    return Some(Switch { at, encoding, body });
                }
                after_nul = false;
            }
        }
    }
    None
}

/// How the look at the bytes after a possible UTF-8 start ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stop {
    /// [`UTF8_RUN`] bytes looked at, all fine.
    Full,
    /// The input ended first.
    End,
    /// A UTF-16 BOM came first.
    Bom,
    /// A NUL came first.
    Nul,
    /// A control character or a byte that is never UTF-8 came first.
    Bad,
}

/// Whether UTF-8 text starts at `at` (inside UTF-16 text, or at the start of the input): a UTF-8
/// BOM, or [`UTF8_RUN`] bytes of valid UTF-8 without NULs or control characters other than tab,
/// line ends and escape, with at least one space or line end (fewer bytes when they run to the
/// end of the input, or to a UTF-16 BOM).
/// Returns the encoding of the part and where its text starts.
fn utf8_starts_at(bytes: &[u8], at: usize) -> Option<(Encoding, usize)> {
    let (encoding, body) = match bytes.get(at..at + 3) {
        Some(head) if head == UTF8_BOM => (Encoding::Utf8Bom, at + 3),
        _ => (Encoding::Utf8, at),
    };
    let rest = bytes.get(body..).unwrap_or(&[]);
    let window = rest.get(..UTF8_RUN).unwrap_or(rest);
    let mut stop = if window.len() == UTF8_RUN {
        Stop::Full
    } else {
        Stop::End
    };
    let mut len = window.len();
    for (i, &b) in window.iter().enumerate() {
        let found = match (b, rest.get(i + 1)) {
            (0, _) => Stop::Nul,
            (0xFF, Some(0xFE)) | (0xFE, Some(0xFF)) => Stop::Bom,
            (b'\t' | b'\n' | b'\r' | 0x1B, _) => continue,
            (0x00..=0x1F | 0x7F | 0xFE | 0xFF, _) => Stop::Bad,
            _ => continue,
        };
        stop = found;
        len = i;
        break;
    }
    let stretch = window.get(..len).unwrap_or(window);
    let valid = match core::str::from_utf8(stretch) {
        Ok(_) => true,
        // A sequence cut by the end of the window.
        Err(e) => stop == Stop::Full && e.error_len().is_none(),
    };
    // Text has spaces or line ends; UTF-16 hiragana, whose bytes may all be printable ASCII,
    // does not.
    let spaced = stretch
        .iter()
        .any(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'));
    let bom = encoding == Encoding::Utf8Bom;
    // Inside UTF-16 text a short stretch needs more evidence than at the start of the input.
    let short = if at == 0 { 4 } else { UTF8_RUN_AT_END };
    let fits = valid
        && match stop {
            Stop::Full => bom || spaced,
            Stop::End => bom || (spaced && stretch.len() >= short),
            // At the very start there is no UTF-16 text that could hold a U+FEFF.
            Stop::Bom => {
                bom || (at == 0 && !stretch.is_empty()) || (spaced && stretch.len() >= short)
            }
            Stop::Nul => bom && !stretch.is_empty(),
            Stop::Bad => false,
        };
    fits.then_some((encoding, body))
}

/// Position of the first NUL, `FE` or `FF` byte of `bytes` (the bytes that may start another
/// part inside UTF-8 text), eight bytes at a time (SWAR).
fn find_nul_or_bom_byte(bytes: &[u8]) -> Option<usize> {
    // A NUL byte, or an `FE` or `FF` byte: all bits set once the lowest is.
    swar_position(
        bytes,
        |w| zero_bytes(w) | zero_bytes(!(w | SWAR_LO)),
        |b| b == 0 || b >= 0xFE,
    )
}

fn decode_utf8(bytes: &[u8], text: &mut String, notes: &mut Vec<(usize, Note)>) {
    if let Ok(valid) = core::str::from_utf8(bytes) {
        text.push_str(valid);
        return;
    }
    text.reserve(bytes.len());
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            notes.push((
                text.len(),
                Note::Repair("invalid UTF-8 sequence replaced by \u{FFFD}"),
            ));
            text.push(char::REPLACEMENT_CHARACTER);
        }
    }
}

fn decode_utf16(bytes: &[u8], big_endian: bool, text: &mut String, notes: &mut Vec<(usize, Note)>) {
    let units = bytes.chunks_exact(2).map(|pair| {
        let (lo, hi) = unit(pair, big_endian);
        u16::from_le_bytes([lo, hi])
    });
    text.reserve(bytes.len() / 2 + 4);
    for unit in char::decode_utf16(units) {
        match unit {
            Ok(c) => text.push(c),
            Err(_) => {
                notes.push((
                    text.len(),
                    Note::Repair("unpaired UTF-16 surrogate replaced by \u{FFFD}"),
                ));
                text.push(char::REPLACEMENT_CHARACTER);
            }
        }
    }
    if bytes.len() % 2 == 1 {
        notes.push((
            text.len(),
            Note::Repair("odd trailing byte of UTF-16 input replaced by \u{FFFD}"),
        ));
        text.push(char::REPLACEMENT_CHARACTER);
    }
}

/// The notes as problems, in order: the first [`MAX_REPORTED`] one by one, then one summary.
fn report(text: &str, notes: &[(usize, Note)]) -> Vec<Problem> {
    let mut lines = LineCounter::new(text);
    let mut problems = Vec::new();
    for (n, (offset, note)) in notes.iter().enumerate() {
        let line = lines.line_of(*offset);
        if n == MAX_REPORTED {
            let rest = notes.get(n..).unwrap_or(&[]);
            let repairs = rest
                .iter()
                .filter(|(_, note)| matches!(note, Note::Repair(_)))
                .count();
            let switches = rest.len() - repairs;
            let message = match (repairs, switches) {
                (r, 0) => format!("{r} more invalid sequences replaced by \u{FFFD} from here on"),
                (0, s) => format!("{s} more encoding switches from here on"),
                (r, s) => format!(
                    "{r} more invalid sequences replaced by \u{FFFD} and {s} more encoding \
                     switches from here on"
                ),
            };
            problems.push(Problem::at(line, *offset, message));
            break;
        }
        let problem = match note {
            Note::Repair(message) => Problem::at(line, *offset, *message),
            Note::Switch { from, to } => Problem::at(
                line,
                *offset,
                format!(
                    "the file switches from {from} to {to} here; each part was decoded in its \
                     own encoding"
                ),
            ),
        };
        problems.push(problem);
    }
    problems
}

/// Whether decoded text looks like a binary file (an image, an archive, an event log) rather
/// than text: more than one character in twenty, among the first 64 Ki characters, is a control
/// character (other than tab and line ends) or a replacement for an invalid sequence.
pub fn looks_binary(text: &str) -> bool {
    let (mut odd, mut total) = (0usize, 0usize);
    for c in text.chars().take(64 * 1024) {
        total += 1;
        if c == '\u{fffd}' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
            odd += 1;
        }
    }
    total > 0 && odd * 20 > total
}

#[cfg(test)]
mod tests;
