//! Bytes to text: never panics, valid UTF-8 without BOM or NUL pattern comes back unchanged,
//! and every problem has a line.
#![no_main]

use dsreg_core::Encoding;
use dsreg_core::decode::decode;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let decoded = decode(data);
    if decoded.encoding == Encoding::Utf8 {
        if let Ok(text) = std::str::from_utf8(data) {
            assert_eq!(decoded.text, text);
            assert!(decoded.problems.is_empty());
        } else {
            assert!(!decoded.problems.is_empty());
        }
    }
    // The decoder reports ten repairs one by one, then one summary.
    assert!(decoded.problems.len() <= 11, "{}", decoded.problems.len());
    assert!(decoded.problems.iter().all(|p| p.line >= 1));
});
