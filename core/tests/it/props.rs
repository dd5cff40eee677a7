//! Property tests: any bytes are analyzed without panicking, and the lossless invariants hold.

use dsreg_core::analyze;
use proptest::prelude::*;

use crate::{invariants, tests_dir};

fn seed_text() -> Vec<u8> {
    std::fs::read(
        tests_dir().join("fixtures/corpus/002-ws2022-domainonly-scp-missing-proxy-wrapped.txt"),
    )
    .unwrap()
}

/// Text made of the characters that matter to the parser.
fn dsreg_like() -> impl Strategy<Value = String> {
    proptest::string::string_regex("([ \t:|+\\-=<>br/*#.\r\nA-Za-z0-9()\\[\\]{}]|YES|NO| : |<br/>|\\+-----\\+|\\| Device State \\||AzureAdJoined|é|€|\u{FFFD}){0,300}").unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_keep_the_invariants(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let analysis = analyze(&bytes);
        prop_assert!(invariants(&analysis).is_ok(), "{:?}", invariants(&analysis));
    }

    #[test]
    fn dsreg_like_text_keeps_the_invariants(text in dsreg_like()) {
        let analysis = analyze(text.as_bytes());
        prop_assert!(invariants(&analysis).is_ok(), "{:?}", invariants(&analysis));
        prop_assert_eq!(analysis.text(), text.as_str());
    }

    #[test]
    fn damaged_real_output_keeps_the_invariants(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..40)
    ) {
        let mut bytes = seed_text();
        for (at, byte) in edits {
            let i = at.index(bytes.len() + 1);
            bytes.insert(i, byte);
        }
        let analysis = analyze(&bytes);
        prop_assert!(invariants(&analysis).is_ok(), "{:?}", invariants(&analysis));
        // Every document can be reported and serialised.
        for report in dsreg_core::report::reports(&analysis, "fuzz") {
            let json = dsreg_core::report::to_json_line(&report);
            prop_assert!(json.starts_with('{'), "not JSON: {}", json);
        }
    }

    #[test]
    fn utf16_with_bom_round_trips(text in "\\PC{0,200}") {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in text.encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let analysis = analyze(&bytes);
        prop_assert_eq!(analysis.text(), text.as_str());
        let decode_problems = analysis.problems().iter().filter(|p| p.message.contains("UTF-16")).count();
        prop_assert_eq!(decode_problems, 0);
    }
}
