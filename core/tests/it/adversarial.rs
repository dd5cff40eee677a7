//! The adversarial corpus (`tests/adversarial/README.md`): inputs built to break the analyzer,
//! each with its expected outcome, and a check that the big ones take time linear in their size.
//!
//! The inputs are generated here rather than committed. `cargo test` builds in debug mode,
//! where the pipeline is several times slower, so the big sizes are divided by [`SHRINK`] in
//! debug builds; the same code paths run, and `cargo test --release` runs the full sizes
//! (50 MB of output, a 10 MB line, a million headers).

use std::sync::Mutex;
use std::time::{Duration, Instant};

use dsreg_core::permalink::{self, LinkError};
use dsreg_core::{Analysis, Encoding, JoinState, LineKind, analyze, markdown, redact, report};

use crate::tests_dir;

/// `release` in release builds, `debug` in debug builds: the big sizes are cut down in debug
/// (where the pipeline is about ten times slower) so the module stays under ~20 s; the full
/// sizes of the brief (50 MB, 10 MB, a million) run with `cargo test --release`.
const fn size(release: usize, debug: usize) -> usize {
    if cfg!(debug_assertions) {
        debug
    } else {
        release
    }
}

/// The bound on the time ratio for four times the input: linear work gives about 4, quadratic
/// work 16.
const LINEAR_4X: f64 = 10.0;

/// Timing tests run one at a time, so they do not disturb each other's measurements.
static TIMING: Mutex<()> = Mutex::new(());

/// Every fixture of the public corpus, each ending with a line break.
fn corpus() -> Vec<u8> {
    let mut paths: Vec<_> = std::fs::read_dir(tests_dir().join("fixtures/corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        out.extend(std::fs::read(path).unwrap());
        if out.last() != Some(&b'\n') {
            out.push(b'\n');
        }
    }
    out
}

/// A minimal complete output: Device State (hybrid joined) and Tenant Details with `extra`
/// fields appended to the tenant section.
fn output_with(extra: &[(&str, &str)]) -> String {
    let mut text = String::from(
        "+----------------------------------------------------------------------+\n\
         | Device State                                                         |\n\
         +----------------------------------------------------------------------+\n\
         \n\
         \x20            AzureAdJoined : YES\n\
         \x20         EnterpriseJoined : NO\n\
         \x20             DomainJoined : YES\n\
         \n\
         +----------------------------------------------------------------------+\n\
         | Tenant Details                                                       |\n\
         +----------------------------------------------------------------------+\n\
         \n",
    );
    for (key, value) in extra {
        text.push_str(&format!("{key:>26} : {value}\n"));
    }
    text
}

fn utf16le(text: &str, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(&[0xFF, 0xFE]);
    }
    for unit in text.encode_utf16() {
        out.extend_from_slice(&unit.to_le_bytes());
    }
    out
}

/// The cheap (linear) part of the lossless invariant: the lines tile the text, documents tile
/// it too, and there is at least one document. (`crate::invariants` also checks every field
/// against every line, which is quadratic on the big inputs.)
fn tiles(analysis: &Analysis) {
    let text = analysis.text();
    let mut pos = 0;
    for line in analysis.lines() {
        assert_eq!(line.span.start(), pos, "lines do not tile the text");
        assert!(line.span.end() > pos && text.is_char_boundary(line.span.end()));
        pos = line.span.end();
    }
    assert_eq!(pos, text.len(), "lines stop before the end of the text");
    assert!(analysis.documents().len() >= 1);
    let mut doc_end = 0;
    for doc in analysis.documents() {
        if !doc.span().is_empty() {
            assert_eq!(
                doc.span().start(),
                doc_end,
                "documents do not tile the text"
            );
        }
        doc_end = doc.span().end();
    }
    assert_eq!(doc_end, text.len());
}

/// Everything a front end does with an input: analyse, report every document as JSON and as
/// Markdown. Returns the analysis and the total length of what was produced.
fn pipeline(bytes: &[u8]) -> (Analysis, usize) {
    let analysis = analyze(bytes);
    let mut produced = 0;
    for r in report::reports(&analysis, "adversarial") {
        let json = report::to_json_line(&r);
        assert!(json.starts_with('{') && json.ends_with('}'), "not JSON");
        produced += json.len() + markdown::to_markdown(&r).len();
    }
    (analysis, produced)
}

/// Asserts that running `f` on `big` (`factor` times the size of `small`) takes less than
/// `bound` times as long as on `small`. Each size is timed three times, alternating, and the
/// fastest run of each counts, so a burst of load on a busy machine does not fail the test;
/// linear work gives a ratio near `factor`, quadratic work `factor²`.
fn assert_linear(what: &str, small: &[u8], big: &[u8], bound: f64, f: impl Fn(&[u8])) {
    let _guard = TIMING.lock().unwrap_or_else(|e| e.into_inner());
    let time = |input: &[u8]| {
        let start = Instant::now();
        f(input);
        start.elapsed()
    };
    let (mut t_small, mut t_big) = (Duration::MAX, Duration::MAX);
    for _ in 0..3 {
        t_small = t_small.min(time(small));
        t_big = t_big.min(time(big));
    }
    let ratio = t_big.as_secs_f64() / t_small.as_secs_f64().max(1e-6);
    let factor = big.len() as f64 / small.len() as f64;
    eprintln!(
        "linear time, {what}: {} bytes in {t_small:?}, {} bytes ({factor:.1}x) in {t_big:?}: ratio {ratio:.2} (bound {bound})",
        small.len(),
        big.len(),
    );
    assert!(
        ratio < bound,
        "{what}: {factor:.1}x the input took {ratio:.2}x the time ({t_small:?} -> {t_big:?})"
    );
}

fn pipeline_only(bytes: &[u8]) {
    let _ = pipeline(bytes);
}

fn single_doc(analysis: &Analysis) -> dsreg_core::Doc<'_> {
    assert_eq!(analysis.documents().len(), 1);
    analysis.documents().next().unwrap()
}

// ---------------------------------------------------------------------------------------------
// Empty and blank
// ---------------------------------------------------------------------------------------------

#[test]
fn empty_and_whitespace_only_give_an_unknown_document_without_fields_and_one_clear_problem() {
    for input in [&b""[..], b" ", b"\n", b"\r\n\r\n", b"   \t  \n\n \t\r\n   "] {
        let (analysis, _) = pipeline(input);
        crate::invariants(&analysis).unwrap();
        let doc = single_doc(&analysis);
        assert_eq!(doc.fields().count(), 0, "{input:?}");
        assert_eq!(doc.join().state, JoinState::Unknown);
        assert_eq!(analysis.problems().len(), 1, "{input:?}");
        let message = &analysis.problems()[0].message;
        assert!(!message.is_empty(), "{input:?}: empty problem message");
        let r = &report::reports(&analysis, "blank")[0];
        assert!(r.sections.iter().all(|s| s.fields.is_empty()));
        assert!(r.findings.iter().all(|f| !f.severity.is_problem()) || !r.findings.is_empty());
        let md = markdown::to_markdown(r);
        assert!(md.contains("## Notes on how the input was read"), "{md}");
    }
}

// ---------------------------------------------------------------------------------------------
// Big inputs
// ---------------------------------------------------------------------------------------------

/// 50 MB (release; 5 MB in debug) of real output: the corpus repeated. Every repetition gives
/// the same documents with the same join states, and the time is linear.
#[test]
fn fifty_megabytes_of_real_output_reads_every_copy_alike_in_linear_time() {
    let one = corpus();
    let once = analyze(&one);
    let states: Vec<JoinState> = once.documents().map(|d| d.join().state).collect();
    let fields_once: usize = once.documents().map(|d| d.fields().count()).sum();
    assert!(
        states.len() >= 10,
        "the corpus has {} documents",
        states.len()
    );

    let target = size(50_000_000, 1_000_000);
    let copies = target.div_ceil(one.len());
    let big = one.repeat(copies);
    assert!(big.len() >= target);
    let (analysis, produced) = pipeline(&big);
    tiles(&analysis);
    assert!(produced > 0);
    let all: Vec<JoinState> = analysis.documents().map(|d| d.join().state).collect();
    assert_eq!(all.len(), states.len() * copies);
    for (i, chunk) in all.chunks(states.len()).enumerate() {
        assert_eq!(chunk, states.as_slice(), "copy {i} reads differently");
    }
    let fields: usize = analysis.documents().map(|d| d.fields().count()).sum();
    assert_eq!(fields, fields_once * copies);
    let problems_once = once.problems().len();
    assert_eq!(analysis.problems().len(), problems_once * copies);
    drop(analysis);

    let quarter = one.repeat(copies / 4);
    assert_linear("corpus repeated", &quarter, &big, LINEAR_4X, pipeline_only);
}

/// One line of 10 MB (release; 1 MB in debug): as a field value it comes back whole; as plain
/// text it is one unreadable line.
#[test]
fn one_ten_megabyte_line_is_one_line_read_in_linear_time() {
    let len = size(10_000_000, 1_000_000);
    let value = "ab".repeat(len / 2);
    let field = format!("   DeviceName : {value}\n");
    let (analysis, _) = pipeline(field.as_bytes());
    tiles(&analysis);
    assert_eq!(analysis.lines().len(), 1);
    let doc = single_doc(&analysis);
    let f = doc.fields().next().expect("the line is a field");
    assert_eq!(f.key(), "DeviceName");
    assert_eq!(f.raw(), value.as_str());

    let text = "x".repeat(len);
    let (analysis, _) = pipeline(text.as_bytes());
    tiles(&analysis);
    assert_eq!(analysis.lines().len(), 1);
    assert_eq!(single_doc(&analysis).fields().count(), 0);
    assert!(!analysis.problems().is_empty());

    let quarter = format!("   DeviceName : {}\n", "ab".repeat(len / 8));
    assert_linear(
        "one long field line",
        quarter.as_bytes(),
        field.as_bytes(),
        LINEAR_4X,
        pipeline_only,
    );
    let spaced = "word ".repeat(len / 5);
    let spaced_quarter = "word ".repeat(len / 20);
    assert_linear(
        "one long line of words",
        spaced_quarter.as_bytes(),
        spaced.as_bytes(),
        LINEAR_4X,
        pipeline_only,
    );
}

/// A million section headers (release; 100 000 in debug): every repeated header starts a new
/// document, each without fields.
#[test]
fn a_million_section_headers_are_a_million_empty_documents_in_linear_time() {
    let n = size(1_000_000, 10_000);
    let header = "| Device State |\n";
    let input = header.repeat(n);
    let (analysis, _) = pipeline(input.as_bytes());
    tiles(&analysis);
    assert_eq!(analysis.lines().len(), n);
    assert!(
        analysis
            .lines()
            .iter()
            .all(|l| matches!(l.kind, LineKind::Header { .. }))
    );
    assert_eq!(analysis.documents().len(), n);
    assert!(analysis.documents().all(|d| d.fields().count() == 0));

    let boxed = "+----+\n| Device State |\n+----+\n\n          AzureAdJoined : YES\n";
    let small = boxed.repeat(n / 40);
    let big = boxed.repeat(n / 10);
    assert_linear(
        "repeated sections",
        small.as_bytes(),
        big.as_bytes(),
        LINEAR_4X,
        pipeline_only,
    );
    let small = header.repeat(n / 4);
    assert_linear(
        "section headers",
        small.as_bytes(),
        input.as_bytes(),
        LINEAR_4X,
        pipeline_only,
    );
}

/// A million `: ` (release; 100 000 in debug), on one line and one per line: no key, so no
/// field; nothing is lost.
#[test]
fn a_million_colons_are_read_in_linear_time() {
    let n = size(1_000_000, 20_000);
    let one_line = ": ".repeat(n);
    let (analysis, _) = pipeline(one_line.as_bytes());
    tiles(&analysis);
    assert_eq!(analysis.text(), one_line);

    let many_lines = ": \n".repeat(n);
    let (analysis, _) = pipeline(many_lines.as_bytes());
    tiles(&analysis);
    assert_eq!(analysis.lines().len(), n);

    let keyed = "k : \n".repeat(n);
    let (analysis, _) = pipeline(keyed.as_bytes());
    tiles(&analysis);

    // One line is cheap: measure it at a million even in debug builds.
    let long = ": ".repeat(1_000_000);
    assert_linear(
        "one line of `: `",
        ": ".repeat(250_000).as_bytes(),
        long.as_bytes(),
        LINEAR_4X,
        pipeline_only,
    );
    assert_linear(
        "lines of `: `",
        ": \n".repeat(n / 4).as_bytes(),
        many_lines.as_bytes(),
        LINEAR_4X,
        pipeline_only,
    );
    assert_linear(
        "lines of `k : `",
        "k : \n".repeat(n / 4).as_bytes(),
        keyed.as_bytes(),
        LINEAR_4X,
        pipeline_only,
    );
}

/// The same key 100 000 times in one section: 100 000 fields, in order; rules and reports
/// stay linear.
#[test]
fn the_same_key_a_hundred_thousand_times_is_a_hundred_thousand_fields() {
    let n = 100_000;
    let mut input = output_with(&[]);
    let head = input.len();
    for _ in 0..n {
        input.push_str("                TenantName : Contoso\n");
    }
    let (analysis, _) = pipeline(input.as_bytes());
    tiles(&analysis);
    let doc = single_doc(&analysis);
    assert_eq!(doc.join().state, JoinState::HybridJoined);
    let names: Vec<_> = doc.fields().filter(|f| f.key() == "TenantName").collect();
    assert_eq!(names.len(), n);
    assert!(names.iter().all(|f| f.raw() == "Contoso"));
    assert!(names.windows(2).all(|w| w[0].line() + 1 == w[1].line()));

    let cut = |copies: usize| &input.as_bytes()[..head + copies * (input.len() - head) / n];
    assert_linear(
        "repeated key",
        cut(size(n / 4, n / 16)),
        cut(size(n, n / 4)),
        LINEAR_4X,
        pipeline_only,
    );
}

// ---------------------------------------------------------------------------------------------
// Bytes and encodings
// ---------------------------------------------------------------------------------------------

#[test]
fn nul_bytes_are_kept_and_never_panic() {
    // Only NULs: read as UTF-16 (their pattern), one line of U+0000 characters.
    for n in [1, 2, 3, 1000, 1_000_001] {
        let bytes = vec![0u8; n];
        let (analysis, _) = pipeline(&bytes);
        tiles(&analysis);
        assert_eq!(single_doc(&analysis).fields().count(), 0, "{n} NULs");
    }
    // NULs scattered in a real output: it stays UTF-8 and the fields around them are read.
    let clean = output_with(&[("TenantName", "Contoso")]);
    let dirty = clean
        .replace("Contoso", "Con\0toso")
        .replace("\n\n", "\n\0\n");
    let (analysis, _) = pipeline(dirty.as_bytes());
    crate::invariants(&analysis).unwrap();
    assert_eq!(analysis.encoding(), Encoding::Utf8);
    assert_eq!(analysis.text(), dirty);
    let doc = single_doc(&analysis);
    assert_eq!(doc.join().state, JoinState::HybridJoined);
    assert_eq!(
        doc.field("tenant details", "TenantName").unwrap().raw(),
        "Con\0toso"
    );
}

#[test]
fn invalid_utf8_is_replaced_reported_briefly_and_the_rest_is_read() {
    let clean = output_with(&[("TenantName", "Contoso")]);
    let mut dirty = clean.clone().into_bytes();
    let at = clean.find("Contoso").unwrap();
    dirty.splice(at..at, [0xFF, 0xC3, 0x28, 0xE2, 0x82]);
    let (analysis, _) = pipeline(&dirty);
    crate::invariants(&analysis).unwrap();
    let doc = single_doc(&analysis);
    assert_eq!(doc.join().state, JoinState::HybridJoined);
    let name = doc.field("tenant details", "TenantName").unwrap();
    assert!(name.raw().contains('\u{FFFD}') && name.raw().ends_with("Contoso"));
    assert!(!analysis.problems().is_empty());
    assert!(analysis.problems().iter().all(|p| p.line == name.line()));

    // A megabyte of invalid bytes on many lines: the problems are summarised, not one each.
    let junk: Vec<u8> = (0..1_000_000u32)
        .map(|i| if i % 100 == 99 { b'\n' } else { 0xFF })
        .collect();
    let (analysis, _) = pipeline(&junk);
    tiles(&analysis);
    // The decoder summarises after ten; the parser adds one problem per unreadable line.
    let decoded = dsreg_core::decode::decode(&junk);
    assert!(decoded.problems.len() <= 11, "{}", decoded.problems.len());
    let lines = analysis.lines().len();
    let problems = analysis.problems().len();
    assert!(
        (lines..=lines + decoded.problems.len() + 2).contains(&problems),
        "{problems} problems for {lines} lines"
    );
}

#[test]
fn odd_length_utf16_reads_everything_but_the_lone_byte() {
    let clean = output_with(&[("TenantName", "Contoso")]);
    for bom in [true, false] {
        let mut bytes = utf16le(&clean, bom);
        bytes.push(b'x');
        let (analysis, _) = pipeline(&bytes);
        crate::invariants(&analysis).unwrap();
        assert_eq!(
            analysis.encoding(),
            if bom {
                Encoding::Utf16LeBom
            } else {
                Encoding::Utf16Le
            }
        );
        assert!(analysis.text().starts_with(&clean), "bom {bom}");
        assert!(analysis.text().ends_with('\u{FFFD}'), "bom {bom}");
        // The decoder's problem, and the line holding the lone U+FFFD cannot be read.
        assert!(
            analysis.problems()[0].message.contains("odd trailing byte"),
            "{:?}",
            analysis.problems()
        );
        assert!(analysis.problems().len() <= 2, "bom {bom}");
        let doc = single_doc(&analysis);
        assert_eq!(doc.join().state, JoinState::HybridJoined);
        assert_eq!(
            doc.field("tenant details", "TenantName").unwrap().raw(),
            "Contoso"
        );
    }
    // A lone byte after a BOM, and a BOM alone.
    for bytes in [&[0xFF, 0xFE, 0x41][..], &[0xFF, 0xFE], &[0xFE, 0xFF, 0x00]] {
        let (analysis, _) = pipeline(bytes);
        tiles(&analysis);
        assert_eq!(single_doc(&analysis).fields().count(), 0, "{bytes:?}");
    }
}

/// The tenant names of every document, in order, and the join state of each.
fn tenants(analysis: &Analysis) -> Vec<(String, JoinState)> {
    analysis
        .documents()
        .map(|doc| {
            let name = doc
                .field("tenant details", "TenantName")
                .map(|f| f.raw().into_owned())
                .unwrap_or_default();
            (name, doc.join().state)
        })
        .collect()
}

/// A UTF-8 output followed by a UTF-16LE one (`>` from cmd, then `>>` from PowerShell 5, with
/// or without a BOM in the middle), and the reverse: each part is decoded in its own encoding,
/// both outputs are read as two documents with their fields, the encoding is `Mixed` and one
/// problem says where the file switches. Also when the first output has no final line end, and
/// back and forth many times in linear time.
#[test]
fn mixed_encodings_are_decoded_part_by_part() {
    let first = output_with(&[("TenantName", "Contoso")]);
    let second = output_with(&[("TenantName", "Fabrikam")]);
    let both = [
        ("Contoso".to_string(), JoinState::HybridJoined),
        ("Fabrikam".to_string(), JoinState::HybridJoined),
    ];
    let mut cases = Vec::new();
    for bom in [true, false] {
        let mut bytes = first.clone().into_bytes();
        bytes.extend(utf16le(&second, bom));
        cases.push((
            format!("UTF-8 then UTF-16LE, bom {bom}"),
            bytes,
            first.clone(),
        ));
    }
    let mut bytes = utf16le(&first, true);
    bytes.extend(second.as_bytes());
    cases.push(("UTF-16LE (BOM) then UTF-8".into(), bytes, first.clone()));
    // Nothing is inserted after a first output without a final line end.
    let cut = first.trim_end_matches('\n').to_string();
    let mut bytes = cut.clone().into_bytes();
    bytes.extend(utf16le(&second, true));
    cases.push(("no final line end".into(), bytes, cut));

    for (what, bytes, head) in cases {
        let (analysis, _) = pipeline(&bytes);
        crate::invariants(&analysis).unwrap();
        assert_eq!(analysis.encoding(), Encoding::Mixed, "{what}");
        assert_eq!(analysis.text(), format!("{head}{second}"), "{what}");
        assert_eq!(tenants(&analysis), both, "{what}");
        for doc in analysis.documents() {
            assert_eq!(doc.fields().count(), 4, "{what}");
        }
        let switches: Vec<_> = analysis
            .problems()
            .iter()
            .filter(|p| {
                p.message
                    .contains("each part was decoded in its own encoding")
            })
            .collect();
        assert_eq!(switches.len(), 1, "{what}: {:?}", analysis.problems());
        assert_eq!(switches[0].line, head.matches('\n').count() + 1, "{what}");
        assert_eq!(switches[0].offset(), head.len(), "{what}");
        // The switch is reported with the document it starts.
        let second_doc = analysis.documents().nth(1).unwrap();
        assert!(
            analysis
                .problems_of(&second_doc)
                .any(|p| p.message.contains("switches")),
            "{what}"
        );
    }

    // Back and forth: every copy read, in linear time.
    let pair = [first.as_bytes(), &utf16le(&second, true)].concat();
    let copies = size(20_000, 600);
    let big = pair.repeat(copies);
    let (analysis, _) = pipeline(&big);
    tiles(&analysis);
    assert_eq!(analysis.encoding(), Encoding::Mixed);
    assert_eq!(analysis.text(), format!("{first}{second}").repeat(copies));
    let read = tenants(&analysis);
    assert_eq!(read.len(), 2 * copies);
    assert!(read.chunks(2).all(|c| c == both));
    drop(analysis);
    let quarter = pair.repeat(copies / 4);
    assert_linear(
        "UTF-8 and UTF-16LE alternating",
        &quarter,
        &big,
        LINEAR_4X,
        pipeline_only,
    );
}

// ---------------------------------------------------------------------------------------------
// XSS vectors
// ---------------------------------------------------------------------------------------------

const VECTORS: &[(&str, &str)] = &[
    ("TenantName", "<script>alert(1)</script>"),
    ("DomainName", "<svg onload=alert(1)>"),
    ("MdmUrl", "javascript:alert(1)"),
    ("MdmTouUrl", "javascript:alert(document.cookie)"),
    ("SettingsUrl", "JaVaScRiPt:alert(1)//"),
    ("DeviceAuthStatus", "&lt;img src=x onerror=alert(1)&gt;"),
    ("Idp", "\"><img src=x onerror=alert(1)>"),
    ("AuthCodeUrl", "[click](javascript:alert(1))"),
    ("AccessTokenUrl", "<a href=\"javascript:alert(1)\">x</a>"),
    (
        "MdmComplianceUrl",
        "data:text/html,<script>alert(1)</script>",
    ),
];

/// Values that are XSS vectors come back byte for byte as field values and in the JSON, and
/// the Markdown escapes every `<`, `&` and link so none of them becomes markup.
#[test]
fn xss_values_come_back_verbatim_and_markdown_escapes_them() {
    let input = output_with(VECTORS);
    let analysis = analyze(input.as_bytes());
    crate::invariants(&analysis).unwrap();
    let doc = single_doc(&analysis);
    for (key, value) in VECTORS {
        let field = doc
            .fields()
            .find(|f| f.key() == *key)
            .unwrap_or_else(|| panic!("{key} not read"));
        assert_eq!(field.raw(), *value, "{key}");
    }
    let reports = report::reports(&analysis, "<script>alert('source')</script>");
    let r = &reports[0];
    let json: serde_json::Value = serde_json::from_str(&report::to_json_line(r)).unwrap();
    let fields: Vec<(&str, &str)> = json["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["fields"].as_array().unwrap())
        .map(|f| (f["key"].as_str().unwrap(), f["value"].as_str().unwrap()))
        .collect();
    for pair in VECTORS {
        assert!(fields.contains(pair), "{pair:?} not in the JSON");
    }

    let md = markdown::to_markdown(r);
    // Outside code blocks (the next checks' commands, our own text, are fenced: Markdown shows
    // a fence's content literally).
    let mut in_fence = false;
    let mut prose = String::new();
    for line in md.lines() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
            continue;
        }
        if !in_fence {
            prose.push_str(line);
            prose.push('\n');
        }
    }
    for (i, c) in prose.char_indices() {
        if c == '<' {
            let escaped = prose[..i].ends_with('\\');
            let own_link = prose[i..].starts_with("<https://");
            assert!(escaped || own_link, "raw `<` in markdown: {}", &prose[i..]);
        }
        if c == '&' {
            assert!(
                prose[..i].ends_with('\\'),
                "raw `&` in markdown: {}",
                &prose[i..]
            );
        }
    }
    let lower = md.to_lowercase();
    assert!(!lower.contains("](javascript"), "{md}");
    assert!(!lower.contains("<javascript"), "{md}");
    assert!(md.contains(r"\<script\>alert(1)\</script\>"), "{md}");
    assert!(md.contains(r"\<svg onload=alert(1)\>"), "{md}");
    assert!(md.contains(r"\&lt;img src=x onerror=alert(1)\&gt;"), "{md}");

    // Redaction and share links keep them as they are too.
    let redacted = redact::redact(&input);
    for (_, value) in VECTORS.iter().filter(|(k, _)| *k != "TenantName") {
        // `document.cookie` has the shape of a host name, so it gets a host's pseudonym;
        // everything around it stays as it was.
        let expected = value.replace("document.cookie", "host1.contoso.example");
        assert!(
            redacted.text.contains(&expected),
            "redaction changed {value}"
        );
    }
    let link = permalink::encode(&input);
    assert!(
        link.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_=".contains(&b))
    );
    assert_eq!(permalink::decode(&link).as_deref(), Ok(input.as_str()));
}

// ---------------------------------------------------------------------------------------------
// Share-link fragments
// ---------------------------------------------------------------------------------------------

fn base64url(data: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// Deflate of 64 MiB of zeros (about 64 KiB of data) as a v1 link: decoding stops at the
/// 1 MiB limit with `TooLarge`, quickly.
#[test]
fn a_decompression_bomb_stops_at_the_limit() {
    let zeros = vec![0u8; 64 << 20];
    let bomb = miniz_oxide::deflate::compress_to_vec(&zeros, 6);
    drop(zeros);
    assert!(bomb.len() < 1 << 20, "bomb of {} bytes", bomb.len());
    let fragment = format!("#v1={}", base64url(&bomb));
    let start = Instant::now();
    assert_eq!(permalink::decode(&fragment), Err(LinkError::TooLarge));
    let took = start.elapsed();
    eprintln!("bomb: {} link bytes rejected in {took:?}", fragment.len());
    // The limit itself: exactly 1 MiB opens, one byte more does not.
    let text = "A".repeat(permalink::MAX_TEXT);
    let link = format!(
        "v1={}",
        base64url(&miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 1))
    );
    assert_eq!(permalink::decode(&link).map(|t| t.len()), Ok(text.len()));
    let over = format!("{text}A");
    let link = format!(
        "v1={}",
        base64url(&miniz_oxide::deflate::compress_to_vec(over.as_bytes(), 1))
    );
    assert_eq!(permalink::decode(&link), Err(LinkError::TooLarge));
}

#[test]
fn a_future_version_says_so() {
    let current = permalink::encode(&output_with(&[]));
    let payload = current.strip_prefix("v1=").unwrap();
    for fragment in [
        format!("v7={payload}"),
        format!("#v7={payload}"),
        "v7=".to_string(),
        "v2=AAAA".to_string(),
        format!("v{}=AAAA", "9".repeat(100)),
        "V10=AAAA".to_string(),
    ] {
        assert_eq!(
            permalink::decode(&fragment),
            Err(LinkError::UnknownVersion),
            "{fragment}"
        );
    }
}

#[test]
fn garbage_fragments_give_a_clear_error() {
    let cases: &[(&str, LinkError)] = &[
        ("", LinkError::Empty),
        ("#", LinkError::Empty),
        ("   ", LinkError::Empty),
        ("v1=", LinkError::Empty),
        ("hello", LinkError::BadEncoding),
        ("=AAAA", LinkError::BadEncoding),
        ("v=AAAA", LinkError::BadEncoding),
        ("vx=AAAA", LinkError::BadEncoding),
        ("v1=<script>alert(1)</script>", LinkError::BadEncoding),
        ("v1=é", LinkError::BadEncoding),
    ];
    for (fragment, expected) in cases {
        assert_eq!(permalink::decode(fragment), Err(*expected), "{fragment:?}");
    }
    // Base64-looking data that is not a deflate stream, or is cut short.
    let good = permalink::encode(&output_with(&[("TenantName", "Contoso")]));
    let cut = &good[..good.len() / 2];
    assert_eq!(permalink::decode(cut), Err(LinkError::Corrupt));
    for fragment in [
        "v1=_____________",
        "v1=AAAAAAAAAAAA",
        "v1=ZZZZ",
        "v1=AAAA+/==",
        "v1=////",
    ] {
        let result = permalink::decode(fragment);
        assert!(
            matches!(
                result,
                Err(LinkError::BadEncoding
                    | LinkError::Corrupt
                    | LinkError::NotUtf8
                    | LinkError::Empty)
            ) || result.is_ok(),
            "{fragment}: {result:?}"
        );
    }
    // Not UTF-8 inside a valid stream.
    let link = format!(
        "v1={}",
        base64url(&miniz_oxide::deflate::compress_to_vec(
            &[0xFF, 0xFE, 0x00],
            1
        ))
    );
    assert_eq!(permalink::decode(&link), Err(LinkError::NotUtf8));
    // Every error has a message for the user.
    for (_, error) in cases {
        assert!(!error.message().is_empty());
    }
    // A megabyte of garbage is rejected in time linear in its length.
    let junk: String = (0..1_000_000)
        .map(|i| ['A', 'b', '-', '_'][i % 4])
        .collect();
    let result = permalink::decode(&format!("v1={junk}"));
    assert!(result.is_err(), "{:?}", result.map(|t| t.len()));
}
