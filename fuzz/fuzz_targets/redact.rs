//! Redaction: never panics, is deterministic, gives the same result in small steps (as the
//! browser runs it) as at once, and the redacted text analyses to the same documents with the
//! same join states.
#![no_main]

use dsreg_core::{
    analyze,
    redact::{Redactor, redact},
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let redacted = redact(&text);
    assert_eq!(redact(&text), redacted, "redaction is not deterministic");
    let before = analyze(text.as_bytes());
    // A step budget taken from the input, so many budgets are tried.
    let budget = usize::from(data.first().copied().unwrap_or(1)).max(1);
    let mut stepped = Redactor::new(&before);
    while !stepped.step(budget) {}
    assert_eq!(stepped.finish(), redacted, "stepped redaction differs");
    let after = analyze(redacted.text.as_bytes());
    let states =
        |a: &dsreg_core::Analysis| -> Vec<_> { a.documents().map(|d| d.join().state).collect() };
    assert_eq!(
        states(&before),
        states(&after),
        "join states differ\n--- input\n{text}\n--- redacted\n{}",
        redacted.text
    );
});
