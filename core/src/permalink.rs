//! Permalinks: the input text packed into a URL fragment (`#v1=…`) and back.
//!
//! The fragment never reaches a server (browsers do not send it), so a shared link carries the
//! output without anything being uploaded.
//!
//! Format `v1`: `v1=` followed by the base64url alphabet (RFC 4648 §5, no padding) of a raw
//! DEFLATE stream (RFC 1951) compressed against the preset dictionary [`DICTIONARY_V1`]. The
//! stream is what a compressor emits for the text *after* it has been primed with the
//! dictionary and sync-flushed: the decoder pre-fills its window with the dictionary, so
//! back-references may reach into it. A new dictionary or any other change of the format gets
//! a new version number; old versions keep decoding.
//!
//! ```
//! use dsreg_core::permalink::{decode, encode, LinkError};
//!
//! let text = "             AzureAdJoined : YES\n          EnterpriseJoined : NO\n";
//! let fragment = encode(text);
//! assert!(fragment.starts_with("v1="));
//! assert_eq!(decode(&fragment).as_deref(), Ok(text));
//! assert_eq!(decode(&format!("#{fragment}")).as_deref(), Ok(text));
//! assert_eq!(decode("#v9=AAAA"), Err(LinkError::UnknownVersion));
//! ```
//!
//! **Invariant:** [`decode`] never panics, runs in time linear in its input and never holds
//! more than [`MAX_TEXT`] bytes of output (plus the dictionary): a decompression bomb stops at
//! the limit with [`LinkError::TooLarge`].

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use miniz_oxide::deflate::core::{
    CompressorOxide, TDEFLFlush, TDEFLStatus, compress_to_output, create_comp_flags_from_zip_params,
};
use miniz_oxide::inflate::TINFLStatus;
use miniz_oxide::inflate::core::{
    DecompressorOxide, decompress, inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF,
};

/// The preset dictionary of format `v1` (`permalink/dictionary_v1.txt`, 10 637 bytes): typical
/// `dsregcmd /status` text with placeholder identifiers (zero GUIDs and thumbprints, Contoso
/// names), nothing taken from a real device.
///
/// In order, it holds:
/// 1. what often comes before an output: a `/debug` preamble, and the first sections as they
///    look when flattened by a chat or ticket tool (unaligned `Key : Value`, trailing spaces,
///    blank lines in between);
/// 2. a PowerShell banner and prompt;
/// 3. a complete output as Windows prints it: every section header with its box lines, the
///    keys right-aligned the way dsregcmd aligns them, their usual values (` : YES`, ` : NO`,
///    `SUCCESS`, `PASSED`, `NONE`, `NOT SET`, timestamps in the `2024-01-01 00:00:00.000 UTC`
///    shape), the Microsoft endpoints (`https://enterpriseregistration.windows.net/…`,
///    `urn:ms-drs:enterpriseregistration.windows.net`,
///    `https://login.microsoftonline.com/…/oauth2/…`, the Intune URLs), the key storage
///    providers, a Work Account block, the PRT diagnostics block, the pre-join tests and
///    previous registration, the proxy sections, the Windows Hello prerequisites and the closing
///    line.
///
/// Deflate codes back-references to nearer text more cheaply, so the complete output comes last
/// and follows the order of a real one.
///
/// **Never change it**: links made with it must keep opening. A better dictionary is a new
/// format version (`DICTIONARY_V2`, `v2=`), with `v1` still decoded with this one.
pub const DICTIONARY_V1: &[u8] = include_bytes!("permalink/dictionary_v1.txt");

/// The largest text a link may hold once decompressed: 1 MiB.
pub const MAX_TEXT: usize = 1 << 20;

/// The compression level (miniz's best: level 10, 1500 probes).
const LEVEL: i32 = 10;

/// Why a fragment could not be turned back into text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LinkError {
    /// The fragment is empty or holds no data after `v1=`.
    Empty,
    /// The fragment names a format this version does not know (a link from a newer version).
    UnknownVersion,
    /// The fragment is not `v<number>=` followed by base64url characters.
    BadEncoding,
    /// The data is not a valid compressed stream (cut short or altered).
    Corrupt,
    /// The text would be larger than [`MAX_TEXT`]; decoding stopped there.
    TooLarge,
    /// The decompressed bytes are not UTF-8 text.
    NotUtf8,
}

impl LinkError {
    /// A sentence for the user saying what is wrong with the link.
    pub fn message(self) -> &'static str {
        match self {
            LinkError::Empty => "The link holds no output to show.",
            LinkError::UnknownVersion => {
                "The link was made by a newer version of this analyzer; open it with that version."
            }
            LinkError::BadEncoding => {
                "The link is damaged: its data part contains characters a share link never has."
            }
            LinkError::Corrupt => {
                "The link is damaged or cut short: its data could not be unpacked."
            }
            LinkError::TooLarge => {
                "The link unpacks to more than 1 MiB of text, so it was not opened."
            }
            LinkError::NotUtf8 => "The link unpacks to something that is not text.",
        }
    }
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl core::error::Error for LinkError {}

/// Packs `text` into a fragment payload (`v1=…`, without the `#`).
///
/// Deterministic: the same text always gives the same fragment.
pub fn encode(text: &str) -> String {
    let mut out = String::from("v1=");
    base64url_encode(
        &deflate_with_dictionary(text.as_bytes(), DICTIONARY_V1),
        &mut out,
    );
    out
}

/// Unpacks a fragment made by [`encode`], with or without its leading `#`.
pub fn decode(fragment: &str) -> Result<String, LinkError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment).trim();
    if fragment.is_empty() {
        return Err(LinkError::Empty);
    }
    let (version, payload) = fragment.split_once('=').ok_or(LinkError::BadEncoding)?;
    let number = version
        .strip_prefix(['v', 'V'])
        .ok_or(LinkError::BadEncoding)?;
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return Err(LinkError::BadEncoding);
    }
    let dictionary = match number.trim_start_matches('0') {
        "1" => DICTIONARY_V1,
        _ => return Err(LinkError::UnknownVersion),
    };
    let data = base64url_decode(payload)?;
    if data.is_empty() {
        return Err(LinkError::Empty);
    }
    let bytes = inflate_with_dictionary(&data, dictionary, MAX_TEXT)?;
    String::from_utf8(bytes).map_err(|_| LinkError::NotUtf8)
}

/// The lengths a link to `text` would have, in base64url characters (without `v1=`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub struct LinkStats {
    /// Deflate with the preset dictionary: what [`encode`] produces.
    pub dictionary: usize,
    /// Deflate without a dictionary, same level.
    pub plain_deflate: usize,
    /// The text itself in base64url, uncompressed.
    pub raw_base64: usize,
}

impl LinkStats {
    /// `dictionary / plain_deflate` in thousandths (550 means 0.55×).
    pub fn ratio_permille(&self) -> usize {
        (self.dictionary * 1000)
            .checked_div(self.plain_deflate)
            .unwrap_or(0)
    }
}

/// Measures the link lengths of `text`: with the dictionary, with plain deflate, and raw.
pub fn link_stats(text: &str) -> LinkStats {
    LinkStats {
        dictionary: base64url_len(deflate_with_dictionary(text.as_bytes(), DICTIONARY_V1).len()),
        plain_deflate: base64url_len(deflate_with_dictionary(text.as_bytes(), b"").len()),
        raw_base64: base64url_len(text.len()),
    }
}

// ---------------------------------------------------------------------------------------------
// Deflate with a preset dictionary

/// Raw deflate of `data` against `dictionary`: the compressor reads the dictionary, is
/// sync-flushed (which ends on a byte boundary), then reads the data; only the bytes after the
/// flush are kept.
fn deflate_with_dictionary(data: &[u8], dictionary: &[u8]) -> Vec<u8> {
    // Negative window bits: a raw stream, no zlib header.
    let flags = create_comp_flags_from_zip_params(LEVEL, -15, 0);
    let mut compressor = Box::new(CompressorOxide::new(flags));
    let mut out = Vec::with_capacity(data.len() / 3 + 64);
    if !dictionary.is_empty() {
        run(&mut compressor, dictionary, TDEFLFlush::Sync, &mut out);
        out.clear();
    }
    run(&mut compressor, data, TDEFLFlush::Finish, &mut out);
    out
}

/// Feeds all of `input` to the compressor with `flush`, appending what it writes to `out`.
fn run(compressor: &mut CompressorOxide, mut input: &[u8], flush: TDEFLFlush, out: &mut Vec<u8>) {
    loop {
        let (status, consumed) = compress_to_output(compressor, input, flush, |chunk| {
            out.extend_from_slice(chunk);
            true
        });
        input = input.get(consumed..).unwrap_or(&[]);
        // `Okay` with input left cannot happen with a callback that accepts everything, but a
        // loop that makes no progress must not spin.
        if status != TDEFLStatus::Okay || input.is_empty() || consumed == 0 {
            break;
        }
    }
}

/// Inflates `data` with the output window pre-filled with `dictionary`; at most `limit` bytes
/// of output, else [`LinkError::TooLarge`]. The buffer grows by doubling as output arrives, so
/// a short link never allocates the whole limit.
fn inflate_with_dictionary(
    data: &[u8],
    dictionary: &[u8],
    limit: usize,
) -> Result<Vec<u8>, LinkError> {
    let start = dictionary.len();
    let max_len = start + limit;
    let mut buf = Vec::with_capacity(start + (data.len() * 4).clamp(4096, limit));
    buf.extend_from_slice(dictionary);
    buf.resize(buf.capacity().min(max_len), 0);
    let mut inflater = Box::<DecompressorOxide>::default();
    let mut input = data;
    let mut pos = start;
    loop {
        let (status, consumed, written) = decompress(
            &mut inflater,
            input,
            &mut buf,
            pos,
            TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF,
        );
        input = input.get(consumed..).unwrap_or(&[]);
        pos += written;
        match status {
            TINFLStatus::Done => break,
            TINFLStatus::HasMoreOutput => {
                if buf.len() >= max_len {
                    return Err(LinkError::TooLarge);
                }
                let grown = buf.len().saturating_mul(2).min(max_len);
                buf.resize(grown, 0);
            }
            _ => return Err(LinkError::Corrupt),
        }
    }
    buf.truncate(pos);
    buf.drain(..start);
    Ok(buf)
}

// ---------------------------------------------------------------------------------------------
// base64url without padding

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The length of `n` bytes in unpadded base64url.
fn base64url_len(n: usize) -> usize {
    (n * 4).div_ceil(3)
}

fn base64url_encode(bytes: &[u8], out: &mut String) {
    base64_encode(bytes, true, false, out);
}

/// Base64 of `bytes`: the URL-safe alphabet when `url`, else the standard one; `=` padding
/// when `pad`.
pub(crate) fn base64_encode(bytes: &[u8], url: bool, pad: bool, out: &mut String) {
    const STANDARD: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let alphabet = if url { ALPHABET } else { STANDARD };
    out.reserve(base64url_len(bytes.len()) + 2);
    let sextet = |n: u32| char::from(alphabet[(n & 63) as usize]);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        out.push(sextet(n >> 18));
        out.push(sextet(n >> 12));
        if chunk.len() > 1 {
            out.push(sextet(n >> 6));
        }
        if chunk.len() > 2 {
            out.push(sextet(n));
        }
        if pad {
            for _ in chunk.len()..3 {
                out.push('=');
            }
        }
    }
}

/// Decodes base64 in either alphabet, padded or not (see [`base64url_decode`]).
pub(crate) fn base64_decode(text: &str) -> Result<Vec<u8>, LinkError> {
    base64url_decode(text)
}

/// Decodes unpadded base64url; trailing `=` padding and ASCII whitespace (a link broken over
/// lines by a mail client) are tolerated. Standard base64's `+` and `/` are accepted too.
fn base64url_decode(text: &str) -> Result<Vec<u8>, LinkError> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 3);
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    let mut padding = false;
    for b in text.bytes() {
        let v = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            b'=' => {
                padding = true;
                continue;
            }
            b' ' | b'\t' | b'\r' | b'\n' => continue,
            _ => return Err(LinkError::BadEncoding),
        };
        if padding {
            // Data after padding.
            return Err(LinkError::BadEncoding);
        }
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    // One leftover character (6 bits) cannot come from any byte string.
    if bits == 6 {
        return Err(LinkError::BadEncoding);
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
