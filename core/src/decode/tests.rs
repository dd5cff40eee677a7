//! Decoding tests: every whole-file encoding, repairs, binary detection, and files whose parts
//! are in different encodings.

use std::format;
use std::string::String;
use std::vec::Vec;

use proptest::prelude::*;

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

/// A small output, long enough that each part is a line's worth or more.
fn output(tenant: &str) -> String {
    format!(
        "+----------------------------------------------------------------------+\r\n\
         | Tenant Details                                                       |\r\n\
         +----------------------------------------------------------------------+\r\n\
         \r\n\
         \x20               TenantName : {tenant}\r\n"
    )
}

/// The switch problems of `d`, as (line, message).
fn switches(d: &Decoded) -> Vec<(usize, &str)> {
    d.problems
        .iter()
        .filter(|p| p.message.contains("switches"))
        .map(|p| (p.line, p.message.as_str()))
        .collect()
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

#[test]
fn stray_nuls_in_utf8_start_no_utf16_part() {
    let clean = output("Contoso");
    let cases = [
        clean.replace("Contoso", "Con\0toso"),
        clean.replace("\r\n\r\n", "\r\n\0\r\n"),
        format!("\0{clean}\0"),
        // Three code units of NUL pattern, in the middle or at the end: not enough.
        clean.replace("Contoso", "C\0o\0n\0toso"),
        format!("{clean}a\0b\0c\0"),
        // NULs everywhere, in pairs: no low byte to go with them.
        clean.replace(' ', "\0\0"),
    ];
    for text in cases {
        let d = decode(text.as_bytes());
        assert_eq!(d.encoding, Encoding::Utf8, "{text:?}");
        assert_eq!(d.text, text);
        assert!(d.problems.is_empty(), "{:?}", d.problems);
    }
}

#[test]
fn utf8_then_utf16le_is_decoded_part_by_part() {
    // The NULs of the first 4 KiB say UTF-16LE unless the UTF-8 part is the longer one: either
    // way the start is UTF-8.
    for (copies, bom) in [
        ((1, 1), true),
        ((1, 1), false),
        ((1, 5), false),
        ((5, 1), false),
    ] {
        let first = output("Contoso").repeat(copies.0);
        let second = output("Fabrikam").repeat(copies.1);
        let bytes = [first.as_bytes(), &utf16(&second, false, bom)].concat();
        assert_eq!(sniff(&bytes), (Encoding::Utf8, 0));
        let d = decode(&bytes);
        assert_eq!(d.encoding, Encoding::Mixed, "bom {bom}");
        assert_eq!(d.text, format!("{first}{second}"), "bom {bom}");
        let to = if bom {
            "UTF-16LE (BOM)"
        } else {
            "UTF-16LE (no BOM)"
        };
        let message = format!(
            "the file switches from UTF-8 to {to} here; each part was decoded in its own encoding"
        );
        let line = first.lines().count() + 1;
        assert_eq!(switches(&d), [(line, message.as_str())], "bom {bom}");
        assert_eq!(d.problems.len(), 1);
    }
}

#[test]
fn utf16le_then_utf8_is_decoded_part_by_part() {
    let (first, second) = (output("Contoso"), output("Fabrikam"));
    for (bom, utf8_bom) in [(true, false), (false, false), (true, true)] {
        let mut bytes = utf16(&first, false, bom);
        if utf8_bom {
            bytes.extend_from_slice(&UTF8_BOM);
        }
        bytes.extend_from_slice(second.as_bytes());
        let d = decode(&bytes);
        assert_eq!(d.encoding, Encoding::Mixed);
        assert_eq!(d.text, format!("{first}{second}"));
        let (line, message) = switches(&d)[0];
        assert_eq!(line, first.lines().count() + 1);
        assert!(
            message.contains(if utf8_bom {
                "to UTF-8 (BOM) here"
            } else {
                "to UTF-8 here"
            }),
            "{message}"
        );
    }
    // Back and forth: three parts, two switches.
    let mut bytes = first.clone().into_bytes();
    bytes.extend(utf16(&second, false, true));
    bytes.extend_from_slice(first.as_bytes());
    let d = decode(&bytes);
    assert_eq!(d.encoding, Encoding::Mixed);
    assert_eq!(d.text, format!("{first}{second}{first}"));
    assert_eq!(switches(&d).len(), 2);
}

#[test]
fn big_endian_parts_are_decoded_too() {
    let (first, second) = (output("Contoso"), output("Fabrikam"));
    let cases = [
        // UTF-8, then UTF-16BE with its BOM.
        [first.as_bytes(), &utf16(&second, true, true)].concat(),
        // UTF-16BE with and without BOM, then UTF-8.
        [&utf16(&first, true, true), second.as_bytes()].concat(),
        [&utf16(&first, true, false), second.as_bytes()].concat(),
        // UTF-16LE, then UTF-16BE with its BOM, and the reverse.
        [utf16(&first, false, true), utf16(&second, true, true)].concat(),
        [utf16(&first, true, true), utf16(&second, false, true)].concat(),
    ];
    for bytes in cases {
        let d = decode(&bytes);
        assert_eq!(d.encoding, Encoding::Mixed);
        assert_eq!(d.text, format!("{first}{second}"));
        assert_eq!(switches(&d).len(), 1);
        assert_eq!(d.problems.len(), 1);
    }
}

#[test]
fn a_utf16_part_may_start_at_an_odd_offset() {
    // An odd-length UTF-8 part: the UTF-16 code units that follow sit at odd offsets of the file.
    let first = format!("{}x", output("Contoso"));
    assert_eq!(first.len() % 2, 1);
    let second = output("Fabrikam");
    for bom in [true, false] {
        let bytes = [first.as_bytes(), &utf16(&second, false, bom)].concat();
        let d = decode(&bytes);
        assert_eq!(d.encoding, Encoding::Mixed, "bom {bom}");
        assert_eq!(d.text, format!("{first}{second}"), "bom {bom}");
        assert!(d.problems.iter().all(|p| p.message.contains("switches")));
    }
}

#[test]
fn boms_that_start_a_part_are_removed_and_others_kept() {
    let (first, second) = (output("Contoso"), output("Fabrikam"));
    for bytes in [
        [first.as_bytes(), &utf16(&second, false, true)].concat(),
        [first.as_bytes(), &utf16(&second, true, true)].concat(),
        [
            &utf16(&first, false, true),
            &UTF8_BOM[..],
            second.as_bytes(),
        ]
        .concat(),
        [utf16(&first, true, true), utf16(&second, false, true)].concat(),
    ] {
        let d = decode(&bytes);
        assert!(!d.text.contains('\u{FEFF}'), "{:?}", d.text);
        assert_eq!(d.text, format!("{first}{second}"));
    }
    // A BOM of the part's own encoding starts nothing and stays U+FEFF, as in a whole file.
    let text = format!("{first}\u{FEFF}{second}");
    for (bytes, encoding) in [
        (text.clone().into_bytes(), Encoding::Utf8),
        (utf16(&text, false, true), Encoding::Utf16LeBom),
    ] {
        let d = decode(&bytes);
        assert_eq!(d.encoding, encoding);
        assert_eq!(d.text, text);
        assert!(d.problems.is_empty());
    }
    // A UTF-16 BOM at the very end of UTF-8 text starts an empty part.
    let d = decode(&[first.as_bytes(), &[0xFF, 0xFE]].concat());
    assert_eq!(d.text, first);
    assert_eq!(d.encoding, Encoding::Mixed);
}

#[test]
fn invalid_bytes_in_each_part_are_still_replaced_and_reported() {
    let first = output("Con\u{1F600}toso");
    let second = output("Fabrikam");
    // An invalid byte in the UTF-8 part; an unpaired surrogate in the UTF-16 part.
    let mut bytes = first.replace('\u{1F600}', "\u{FFFD}").into_bytes();
    let bad = bytes.iter().position(|&b| b == 0xEF).unwrap();
    bytes.splice(bad..bad + 3, [0xFF]);
    let mut utf16le = utf16(
        &second.replace("Fabrikam", "Fab\u{1F600}rikam"),
        false,
        true,
    );
    let lead = utf16le
        .windows(2)
        .position(|w| w == 0xD83Du16.to_le_bytes())
        .unwrap();
    utf16le.splice(lead + 2..lead + 4, []);
    bytes.extend(utf16le);
    let d = decode(&bytes);
    assert_eq!(d.encoding, Encoding::Mixed);
    assert_eq!(
        d.text,
        format!(
            "{}{}",
            first.replace('\u{1F600}', "\u{FFFD}"),
            second.replace("Fabrikam", "Fab\u{FFFD}rikam")
        )
    );
    let found: Vec<_> = d
        .problems
        .iter()
        .map(|p| (p.line, p.message.split(' ').next().unwrap_or("")))
        .collect();
    let tenant = first.lines().count();
    assert_eq!(
        found,
        [
            (tenant, "invalid"),
            (tenant + 1, "the"),
            (2 * tenant, "unpaired")
        ]
    );
    assert!(
        d.problems
            .windows(2)
            .all(|w| w[0].offset() <= w[1].offset())
    );
}

#[test]
fn utf16_text_without_nuls_stays_utf16() {
    // Long runs of characters whose code units hold no NUL: CJK, hiragana whose bytes are ASCII,
    // Cyrillic, Hangul, and a value ending in 上 (`0A 4E`, a line feed as a UTF-8 byte).
    for value in [
        "株式会社コントソ東京本社情報システム部門管理者用端末株式会社コントソ東京本社情報システム部門",
        "ぁあぃいぅうぇえぉおかがきぎくぐけげこごさざしじすずせぜそぞただちぢっつ",
        "ДостопримечательностьДостопримечательность",
        "콘토소주식회사서울본사정보시스템부문관리자용단말콘토소주식회사서울본사",
        "以上",
    ] {
        let text = format!("{}{value}\r\n{}{value}", output("x"), output("y"));
        for (bom, encoding) in [(true, Encoding::Utf16LeBom), (false, Encoding::Utf16Le)] {
            let d = decode(&utf16(&text, false, bom));
            assert_eq!(d.encoding, encoding, "{value}");
            assert_eq!(d.text, text);
            assert!(d.problems.is_empty(), "{value}: {:?}", d.problems);
        }
    }
    // A lone trailing byte is not a UTF-8 part.
    let mut bytes = utf16(&output("x"), false, false);
    bytes.push(b'x');
    let d = decode(&bytes);
    assert_eq!(d.encoding, Encoding::Utf16Le);
    assert!(d.text.ends_with('\u{FFFD}'));
}

#[test]
fn switches_count_toward_the_summary() {
    let (first, second) = (output("Contoso"), output("Fabrikam"));
    let mut bytes = Vec::new();
    for _ in 0..20 {
        bytes.extend_from_slice(first.as_bytes());
        bytes.extend(utf16(&second, false, true));
    }
    let d = decode(&bytes);
    assert_eq!(d.encoding, Encoding::Mixed);
    assert_eq!(d.text, format!("{first}{second}").repeat(20));
    assert_eq!(d.problems.len(), MAX_REPORTED + 1);
    assert_eq!(
        d.problems[MAX_REPORTED].message,
        "29 more encoding switches from here on"
    );
}

#[test]
fn segments_are_found_in_linear_time() {
    // A megabyte of short alternations, with NULs in the UTF-8 parts that start nothing: no
    // look-ahead is repeated, so this takes milliseconds even in debug builds.
    let utf8 = format!("{}a\0b\0c\0", "x ".repeat(65));
    let mut bytes = Vec::new();
    let mut count = 0;
    while bytes.len() < 1 << 20 {
        bytes.extend_from_slice(&[0xFF, 0xFE, b'a', 0, b'b', 0]);
        bytes.extend_from_slice(utf8.as_bytes());
        count += 1;
    }
    let d = decode(&bytes);
    assert_eq!(d.encoding, Encoding::Mixed);
    assert_eq!(d.text, format!("ab{utf8}").repeat(count));
    assert_eq!(d.problems.len(), MAX_REPORTED + 1);
    assert_eq!(
        d.problems[MAX_REPORTED].message,
        format!(
            "{} more encoding switches from here on",
            2 * count - 1 - MAX_REPORTED
        )
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn decoding_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let d = decode(&bytes);
        prop_assert!(d.problems.len() <= MAX_REPORTED + 1);
        prop_assert!(d.problems.iter().all(|p| p.line >= 1 && p.offset() <= d.text.len()));
        prop_assert!(d.problems.windows(2).all(|w| w[0].offset() <= w[1].offset()));
        if d.encoding == Encoding::Utf8
            && let Ok(text) = core::str::from_utf8(&bytes)
        {
            prop_assert_eq!(&d.text, text);
            prop_assert!(d.problems.is_empty());
        }
    }

    #[test]
    fn decoding_never_panics_on_mixed_looking_bytes(
        bytes in proptest::collection::vec(
            prop_oneof![Just(0u8), Just(0xFE), Just(0xFF), Just(0xEF), Just(0xBB), Just(0xBF),
                        Just(b'\n'), Just(b'a'), Just(0xD8), Just(0xDC), any::<u8>()],
            0..400,
        )
    ) {
        let d = decode(&bytes);
        prop_assert!(d.problems.len() <= MAX_REPORTED + 1);
    }

    #[test]
    fn ascii_then_utf16le_with_bom_round_trips(
        first in "[ -~\t\r\n]{0,200}",
        second in "[\0-\x7f]{0,200}",
    ) {
        let bytes = [first.as_bytes(), &utf16(&second, false, true)].concat();
        let d = decode(&bytes);
        prop_assert_eq!(d.text, format!("{first}{second}"));
        let expected = if first.is_empty() { Encoding::Utf16LeBom } else { Encoding::Mixed };
        prop_assert_eq!(d.encoding, expected);
    }

    #[test]
    fn ascii_line_then_utf16le_without_bom_round_trips(
        first in "[ -~\t]{64,100} [ -~\t]{64,100}\r?\n[ -~\t\r\n]{0,200}",
        second in "[\x01-\x7f]{8,200}",
    ) {
        let bytes = [first.as_bytes(), &utf16(&second, false, false)].concat();
        let d = decode(&bytes);
        prop_assert_eq!(d.text, format!("{first}{second}"));
        prop_assert_eq!(d.encoding, Encoding::Mixed);
    }
}

#[test]
fn utf16_text_ending_in_ascii_looking_characters_stays_utf16() {
    // `\u{a51}` is `51 0A` in UTF-16LE ("Q" and a line feed), `上` is `0A 4E`: a short tail of
    // such characters is valid UTF-8 with line ends, and is still UTF-16.
    for text in [
        "\u{a51}\u{a51}",
        "AzureAdJoined : YES\r\n\u{4e2d}\u{4e0a}\u{4e0a}",
        "\u{4e0a}\u{4e0a}\u{feff}\u{4e0a}",
    ] {
        let d = decode(&utf16(text, false, true));
        assert_eq!(d.text, text);
        assert_eq!(d.encoding, Encoding::Utf16LeBom);
    }
}
