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

use alloc::string::String;
use core::fmt;

use crate::pack::{Unpack, base64_decode, base64_encode, base64url_len, deflate, inflate};

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
    base64_encode(
        &deflate(text.as_bytes(), DICTIONARY_V1),
        true,
        false,
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
    let data = base64_decode(payload).map_err(|()| LinkError::BadEncoding)?;
    if data.is_empty() {
        return Err(LinkError::Empty);
    }
    let bytes = inflate(&data, dictionary, MAX_TEXT).map_err(|e| match e {
        Unpack::Corrupt => LinkError::Corrupt,
        Unpack::TooLarge => LinkError::TooLarge,
    })?;
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
        dictionary: base64url_len(deflate(text.as_bytes(), DICTIONARY_V1).len()),
        plain_deflate: base64url_len(deflate(text.as_bytes(), b"").len()),
        raw_base64: base64url_len(text.len()),
    }
}

#[cfg(test)]
pub(crate) mod tests;
