//! Permalink tests: round trips (property and fixtures), the format pinned, and every error.

use std::path::{Path, PathBuf};
use std::string::{String, ToString};
use std::time::{Duration, Instant};
use std::vec::Vec;
use std::{format, fs, vec};

use proptest::prelude::*;

use super::*;
use crate::pack::{
    ALPHABET, deflate as deflate_with_dictionary, inflate as inflate_with_dictionary,
};

fn base64url_encode(bytes: &[u8], out: &mut String) {
    base64_encode(bytes, true, false, out);
}

fn base64url_decode(text: &str) -> Result<Vec<u8>, ()> {
    base64_decode(text)
}

/// Every fixture text under `tests/fixtures/{corpus,seed,synthetic}`, with its path.
pub(crate) fn fixture_texts() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
    let mut out = Vec::new();
    for group in ["corpus", "seed", "synthetic"] {
        let mut paths: Vec<PathBuf> = fs::read_dir(root.join(group))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        for path in paths {
            let bytes = fs::read(&path).unwrap();
            out.push((path, crate::analyze(&bytes).text().to_string()));
        }
    }
    assert!(
        out.len() >= 30,
        "expected the fixtures, found {}",
        out.len()
    );
    out
}

fn round_trip(text: &str) {
    let link = encode(text);
    assert!(link.starts_with("v1="), "{link}");
    assert!(
        link[3..]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
        "{link}"
    );
    assert_eq!(decode(&link).as_deref(), Ok(text));
    assert_eq!(decode(&format!("#{link}")).as_deref(), Ok(text));
}

#[test]
fn every_fixture_round_trips() {
    for (path, text) in fixture_texts() {
        let link = encode(&text);
        assert_eq!(decode(&link), Ok(text), "{}", path.display());
    }
}

#[test]
fn small_and_odd_texts_round_trip() {
    for text in [
        "",
        "a",
        "ab",
        "abc",
        "\u{0}",
        "é",
        "\r\n",
        "🙂 multi-byte ✓",
        core::str::from_utf8(DICTIONARY_V1).unwrap(),
    ] {
        round_trip(text);
    }
    // Longer than the 32 KiB window, so later parts can no longer see the dictionary.
    let long: String = (0..5000).map(|i| format!("line {i} : YES\n")).collect();
    round_trip(&long);
    // Exactly at the limit is accepted.
    let at_limit = "x".repeat(MAX_TEXT);
    round_trip(&at_limit);
}

proptest! {
    #[test]
    fn arbitrary_text_round_trips(text in any::<String>()) {
        let link = encode(&text);
        prop_assert_eq!(decode(&link), Ok(text));
    }

    #[test]
    fn dsregcmd_like_text_round_trips(
        lines in proptest::collection::vec(
            "[ ]{0,20}(AzureAdJoined|DeviceId|TenantName|KeyProvider|[A-Za-z]{1,12}) : (YES|NO|[ -~]{0,40})",
            0..60,
        )
    ) {
        let text = lines.join("\n");
        prop_assert_eq!(decode(&encode(&text)), Ok(text));
    }

    #[test]
    fn garbage_never_panics(fragment in "#?[vV]?[0-9]{0,3}=?[ -~]{0,200}") {
        let _ = decode(&fragment);
    }

    #[test]
    fn altered_links_fail_cleanly(text in "[ -~\n]{0,300}", at in any::<usize>(), byte in 0u8..64) {
        let link = encode(&text);
        let mut bytes = link.into_bytes();
        let i = 3 + at % (bytes.len() - 3).max(1);
        if i < bytes.len() {
            bytes[i] = ALPHABET[usize::from(byte)];
        }
        let altered = String::from_utf8(bytes).unwrap();
        // Either another text or a clean error, never a panic.
        let _ = decode(&altered);
    }
}

#[test]
fn the_format_is_pinned() {
    // Changing the dictionary or the encoder breaks every link ever shared: a new dictionary is
    // a new version. These pin both.
    assert_eq!(DICTIONARY_V1.len(), 10_637);
    assert_eq!(miniz_oxide_adler(DICTIONARY_V1), 0xde9e_ed20);
    assert_eq!(encode(""), "v1=AwA");
    let text = "             AzureAdJoined : YES\n";
    assert_eq!(encode(text), "v1=wzaMhxL1AA");
    assert_eq!(decode("v1=wzaMhxL1AA").as_deref(), Ok(text));
}

fn miniz_oxide_adler(bytes: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for &x in bytes {
        a = (a + u32::from(x)) % 65_521;
        b = (b + a) % 65_521;
    }
    (b << 16) | a
}

#[test]
fn errors_are_specific() {
    assert_eq!(decode(""), Err(LinkError::Empty));
    assert_eq!(decode("#"), Err(LinkError::Empty));
    assert_eq!(decode("#v1="), Err(LinkError::Empty));
    assert_eq!(decode("#v9=AwA"), Err(LinkError::UnknownVersion));
    assert_eq!(decode("v2="), Err(LinkError::UnknownVersion));
    assert_eq!(decode("v10=AwA"), Err(LinkError::UnknownVersion));
    assert_eq!(decode("hello"), Err(LinkError::BadEncoding));
    assert_eq!(decode("x1=AwA"), Err(LinkError::BadEncoding));
    assert_eq!(decode("v=AwA"), Err(LinkError::BadEncoding));
    assert_eq!(decode("v1=Aw*A"), Err(LinkError::BadEncoding));
    assert_eq!(decode("v1=A"), Err(LinkError::BadEncoding));
    assert_eq!(decode("v1=AwA=A"), Err(LinkError::BadEncoding));
    // Truncated: the last block never ends.
    let link = encode("some text that is long enough to need several bytes of output");
    assert_eq!(decode(&link[..link.len() / 2]), Err(LinkError::Corrupt));
    // Reserved block type 3.
    assert_eq!(decode("v1=_w"), Err(LinkError::Corrupt));
    // Invalid UTF-8: a stored block holding 0xFF.
    let mut stored = String::from("v1=");
    base64url_encode(&[0x01, 0x01, 0x00, 0xFE, 0xFF, 0xFF], &mut stored);
    assert_eq!(decode(&stored), Err(LinkError::NotUtf8));
    // Messages are sentences; the future-version one says so.
    assert!(
        LinkError::UnknownVersion
            .to_string()
            .contains("newer version")
    );
    for e in [
        LinkError::Empty,
        LinkError::UnknownVersion,
        LinkError::BadEncoding,
        LinkError::Corrupt,
        LinkError::TooLarge,
        LinkError::NotUtf8,
    ] {
        assert!(e.to_string().ends_with('.'), "{e}");
    }
}

/// A raw deflate stream that inflates to `n` zero bytes (made with the plain compressor: long
/// runs compress about 1000:1).
fn bomb(n: usize) -> String {
    let mut link = String::from("v1=");
    let zeros = vec![0u8; n];
    base64url_encode(&deflate_with_dictionary(&zeros, DICTIONARY_V1), &mut link);
    link
}

#[test]
fn a_bomb_stops_at_the_limit_quickly() {
    let started = Instant::now();
    let link = bomb(64 * MAX_TEXT);
    assert!(link.len() < 200_000, "{}", link.len());
    assert_eq!(decode(&link), Err(LinkError::TooLarge));
    assert_eq!(decode(&bomb(MAX_TEXT + 1)), Err(LinkError::TooLarge));
    assert_eq!(decode(&bomb(MAX_TEXT)).map(|t| t.len()), Ok(MAX_TEXT));
    // Generous for a debug build on a busy machine; the point is that it does not hang.
    assert!(started.elapsed() < Duration::from_secs(30));
}

#[test]
fn a_short_link_does_not_reserve_the_whole_limit() {
    let data = deflate_with_dictionary(b"YES", DICTIONARY_V1);
    // Through the private function: the buffer starts small and grows only as needed.
    let out = inflate_with_dictionary(&data, DICTIONARY_V1, MAX_TEXT).unwrap();
    assert_eq!(out, b"YES");
    assert!(out.capacity() < 64 * 1024, "{}", out.capacity());
}

#[test]
fn base64url_matches_the_rfc_vectors() {
    // RFC 4648 §10, unpadded.
    for (plain, coded) in [
        ("", ""),
        ("f", "Zg"),
        ("fo", "Zm8"),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg"),
        ("fooba", "Zm9vYmE"),
        ("foobar", "Zm9vYmFy"),
    ] {
        let mut s = String::new();
        base64url_encode(plain.as_bytes(), &mut s);
        assert_eq!(s, coded);
        assert_eq!(base64url_decode(coded).unwrap(), plain.as_bytes());
        assert_eq!(base64url_len(plain.len()), coded.len());
    }
    assert_eq!(base64url_decode("Zm8=").unwrap(), b"fo");
    assert_eq!(base64url_decode("-_-_").unwrap(), vec![0xfb, 0xff, 0xbf]);
}

#[test]
fn link_stats_measure_the_three_lengths() {
    let text = fixture_texts()
        .into_iter()
        .find(|(p, _)| p.ends_with("012-aadj-hostname-updated-cloudtgt.txt"))
        .unwrap()
        .1;
    let stats = link_stats(&text);
    assert_eq!(stats.dictionary, encode(&text).len() - 3);
    assert_eq!(
        stats.raw_base64,
        text.len().div_ceil(3) * 4 - (3 - text.len() % 3) % 3
    );
    assert!(stats.dictionary < stats.plain_deflate);
    assert!(stats.plain_deflate < stats.raw_base64);
    assert!(stats.ratio_permille() <= 550, "{stats:?}");
    assert_eq!(link_stats("").ratio_permille(), 1000);
}
