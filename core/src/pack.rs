//! Packing text: raw deflate (RFC 1951) with an optional preset dictionary, and base64 (RFC
//! 4648) in either alphabet. Shared by the share links (`permalink`), the compact
//! form (`compact`) and redaction (base64 values inside an output).

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

use miniz_oxide::deflate::core::{
    CompressorOxide, TDEFLFlush, TDEFLStatus, compress_to_output, create_comp_flags_from_zip_params,
};
use miniz_oxide::inflate::TINFLStatus;
use miniz_oxide::inflate::core::{
    DecompressorOxide, decompress, inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF,
};

/// The compression level (miniz's best: level 10, 1500 probes).
const LEVEL: i32 = 10;

/// Why compressed data could not be unpacked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unpack {
    /// Not a valid stream (cut short or altered).
    Corrupt,
    /// More output than the limit.
    TooLarge,
}

// ---------------------------------------------------------------------------------------------
// Deflate with a preset dictionary

/// Raw deflate of `data` against `dictionary`: the compressor reads the dictionary, is
/// sync-flushed (which ends on a byte boundary), then reads the data; only the bytes after the
/// flush are kept.
pub(crate) fn deflate(data: &[u8], dictionary: &[u8]) -> Vec<u8> {
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
/// of output, else [`Unpack::TooLarge`]. The buffer grows by doubling as output arrives, so
/// a short link never allocates the whole limit.
pub(crate) fn inflate(data: &[u8], dictionary: &[u8], limit: usize) -> Result<Vec<u8>, Unpack> {
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
                    return Err(Unpack::TooLarge);
                }
                let grown = buf.len().saturating_mul(2).min(max_len);
                buf.resize(grown, 0);
            }
            _ => return Err(Unpack::Corrupt),
        }
    }
    buf.truncate(pos);
    buf.drain(..start);
    Ok(buf)
}

// ---------------------------------------------------------------------------------------------
// base64

pub(crate) const ALPHABET: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The length of `n` bytes in unpadded base64url.
pub(crate) fn base64url_len(n: usize) -> usize {
    (n * 4).div_ceil(3)
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

/// Decodes base64 in either alphabet, padded or not; trailing `=` padding and ASCII whitespace (a link broken over
/// lines by a mail client) are tolerated. Standard base64's `+` and `/` are accepted too.
pub(crate) fn base64_decode(text: &str) -> Result<Vec<u8>, ()> {
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
            _ => return Err(()),
        };
        if padding {
            // Data after padding.
            return Err(());
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
        return Err(());
    }
    Ok(out)
}
