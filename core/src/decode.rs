//! Bytes to text: UTF-8 (with or without BOM) and UTF-16 (LE/BE, with a BOM or detected by its
//! NUL pattern). Invalid sequences become U+FFFD and are reported; line ends are kept as they are
//! (`\r\n`, `\r` and `\n` are all understood by the later layers).

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::Problem;
use crate::text::LineCounter;

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
        }
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
    /// The encoding that was recognised.
    pub encoding: Encoding,
    /// Replaced sequences, with the line they are on.
    pub problems: Vec<Problem>,
}

/// How many repairs are reported one by one before they are summarised.
const MAX_REPORTED: usize = 10;

/// Decodes `bytes`. Never fails: anything invalid becomes U+FFFD and a [`Problem`].
pub fn decode(bytes: &[u8]) -> Decoded {
    let (encoding, body) = sniff(bytes);
    // Offsets in the decoded text where a replacement character was inserted, and why.
    let mut repairs: Vec<(usize, &'static str)> = Vec::new();
    let text = match encoding {
        Encoding::Utf8 | Encoding::Utf8Bom => decode_utf8(body, &mut repairs),
        Encoding::Utf16LeBom | Encoding::Utf16Le => decode_utf16(body, false, &mut repairs),
        Encoding::Utf16BeBom | Encoding::Utf16Be => decode_utf16(body, true, &mut repairs),
    };
    let problems = report(&text, &repairs);
    Decoded {
        text,
        encoding,
        problems,
    }
}

/// Recognises the encoding and strips the byte-order mark.
fn sniff(bytes: &[u8]) -> (Encoding, &[u8]) {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return (Encoding::Utf8Bom, rest);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return (Encoding::Utf16LeBom, rest);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return (Encoding::Utf16BeBom, rest);
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
        if odd * 2 >= pairs && even * 10 <= pairs {
            return (Encoding::Utf16Le, bytes);
        }
        if even * 2 >= pairs && odd * 10 <= pairs {
            return (Encoding::Utf16Be, bytes);
        }
    }
    (Encoding::Utf8, bytes)
}

fn decode_utf8(bytes: &[u8], repairs: &mut Vec<(usize, &'static str)>) -> String {
    if let Ok(text) = core::str::from_utf8(bytes) {
        return String::from(text);
    }
    let mut text = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            repairs.push((text.len(), "invalid UTF-8 sequence replaced by \u{FFFD}"));
            text.push(char::REPLACEMENT_CHARACTER);
        }
    }
    text
}

fn decode_utf16(
    bytes: &[u8],
    big_endian: bool,
    repairs: &mut Vec<(usize, &'static str)>,
) -> String {
    let units = bytes.chunks_exact(2).map(|pair| {
        let (a, b) = match pair {
            [a, b] => (*a, *b),
            _ => (0, 0),
        };
        if big_endian {
            u16::from_be_bytes([a, b])
        } else {
            u16::from_le_bytes([a, b])
        }
    });
    let mut text = String::with_capacity(bytes.len() / 2 + 4);
    for unit in char::decode_utf16(units) {
        match unit {
            Ok(c) => text.push(c),
            Err(_) => {
                repairs.push((text.len(), "unpaired UTF-16 surrogate replaced by \u{FFFD}"));
                text.push(char::REPLACEMENT_CHARACTER);
            }
        }
    }
    if bytes.len() % 2 == 1 {
        repairs.push((
            text.len(),
            "odd trailing byte of UTF-16 input replaced by \u{FFFD}",
        ));
        text.push(char::REPLACEMENT_CHARACTER);
    }
    text
}

fn report(text: &str, repairs: &[(usize, &'static str)]) -> Vec<Problem> {
    let mut lines = LineCounter::new(text);
    let mut problems = Vec::new();
    for (n, (offset, message)) in repairs.iter().enumerate() {
        let line = lines.line_of(*offset);
        if n == MAX_REPORTED {
            let more = repairs.len() - MAX_REPORTED;
            problems.push(Problem::at(
                line,
                *offset,
                format!("{more} more invalid sequences replaced by \u{FFFD} from here on"),
            ));
            break;
        }
        problems.push(Problem::at(line, *offset, *message));
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
mod tests {
    use super::*;

    fn utf16(s: &str, be: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend_from_slice(if be { &[0xFE, 0xFF] } else { &[0xFF, 0xFE] });
        }
        for u in s.encode_utf16() {
            out.extend_from_slice(&if be { u.to_be_bytes() } else { u.to_le_bytes() });
        }
        out
    }

    #[test]
    fn recognises_every_encoding() {
        let s = "AzureAdJoined : YES\r\nRÚpertoire\n";
        let cases = [
            (s.as_bytes().to_vec(), Encoding::Utf8),
            (
                [&[0xEF, 0xBB, 0xBF], s.as_bytes()].concat(),
                Encoding::Utf8Bom,
            ),
            (utf16(s, false, true), Encoding::Utf16LeBom),
            (utf16(s, true, true), Encoding::Utf16BeBom),
            (utf16(s, false, false), Encoding::Utf16Le),
            (utf16(s, true, false), Encoding::Utf16Be),
        ];
        for (bytes, encoding) in cases {
            let d = decode(&bytes);
            assert_eq!(d.encoding, encoding);
            assert_eq!(d.text, s);
            assert!(d.problems.is_empty());
        }
    }

    #[test]
    fn invalid_sequences_are_replaced_and_reported_with_their_line() {
        let d = decode(b"ok\nbad \xFF here\n\xC3");
        assert_eq!(d.text, "ok\nbad \u{FFFD} here\n\u{FFFD}");
        let lines: Vec<_> = d.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [2, 3]);

        let d = decode(&[0xFF, 0xFE, b'a', 0, 0x00, 0xD8, b'b']);
        assert_eq!(d.text, "a\u{FFFD}\u{FFFD}");
        assert_eq!(d.problems.len(), 2);
    }

    #[test]
    fn many_repairs_are_summarised() {
        let d = decode(&[0xFF; 50]);
        assert_eq!(d.problems.len(), MAX_REPORTED + 1);
        assert!(d.problems[MAX_REPORTED].message.contains("more"));
    }

    #[test]
    fn binary_files_are_told_from_text() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend((0..4096u32).map(|i| (i * 7 % 256) as u8));
        assert!(looks_binary(&decode(&png).text));
        assert!(!looks_binary(
            "| Device State |\r\n\tAzureAdJoined : YES\r\n"
        ));
        assert!(!looks_binary(""));
        // One odd character in twenty is still text; more is not.
        assert!(!looks_binary(&format!("{}\u{1}", "a".repeat(19))));
        assert!(looks_binary(&format!("{}\u{1}\u{1}", "a".repeat(19))));
    }
}
