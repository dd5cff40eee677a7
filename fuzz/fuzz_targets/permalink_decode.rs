//! Share links: decoding any fragment never panics and never yields more than 1 MiB, and what
//! decodes re-encodes to a link that decodes to the same text. Text (first byte odd) also
//! goes through encode and back.
#![no_main]

use dsreg_core::permalink::{MAX_TEXT, decode, encode};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let Ok(input) = std::str::from_utf8(rest) else {
        return;
    };
    if mode & 1 == 1 {
        assert_eq!(decode(&encode(input)).as_deref(), Ok(input));
        return;
    }
    if let Ok(text) = decode(input) {
        assert!(text.len() <= MAX_TEXT);
        if text.len() <= 1 << 16 {
            assert_eq!(decode(&encode(&text)).as_deref(), Ok(text.as_str()));
        }
    }
});
