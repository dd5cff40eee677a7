//! Parse, rules, the JSON report and the Markdown summary: never panic, the lines tile the text,
//! every report serialises to a JSON object.
#![no_main]

use dsreg_core::{analyze, markdown, report};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let analysis = analyze(data);
    let text = analysis.text();
    let mut pos = 0;
    for line in analysis.lines() {
        assert_eq!(line.span.start(), pos);
        assert!(line.span.end() > pos && text.is_char_boundary(line.span.end()));
        pos = line.span.end();
    }
    assert_eq!(pos, text.len());
    assert!(analysis.documents().len() >= 1);
    for r in report::reports(&analysis, "fuzz") {
        let json = report::to_json_line(&r);
        let value: serde_json::Value = serde_json::from_str(&json).expect("the report is JSON");
        assert!(value.is_object());
        let md = markdown::to_markdown(&r);
        assert!(md.starts_with("# dsregcmd report: fuzz"));
    }
});
