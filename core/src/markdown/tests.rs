//! Markdown tests: goldens for a few fixtures (regenerate with `UPDATE_EXPECT=1 cargo test -p
//! dsreg-core markdown` and review by eye), escaping of hostile values, and the structure over
//! every fixture.

use std::path::{Path, PathBuf};
use std::string::String;
use std::vec::Vec;
use std::{env, fs};

use super::*;
use crate::report;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

use dsreg_expect::expect_file;

fn markdown_of(text: &str, source: &str) -> Vec<String> {
    let analysis = crate::analyze(text.as_bytes());
    report::reports(&analysis, source)
        .iter()
        .map(to_markdown)
        .collect()
}

#[test]
fn goldens() {
    for fixture in [
        "corpus/002-ws2022-domainonly-scp-missing-proxy-wrapped.txt",
        "corpus/012-aadj-hostname-updated-cloudtgt.txt",
        "corpus/038-previous-registration-directoryerror-fragment.txt",
    ] {
        let text = fs::read_to_string(root().join("tests/fixtures").join(fixture)).unwrap();
        let md = markdown_of(&text, fixture).concat();
        let name = Path::new(fixture).file_stem().unwrap().to_string_lossy();
        expect_file(
            &root()
                .join("tests/golden/markdown")
                .join(format!("{name}.md")),
            &md,
        );
    }
}

/// Plain text of a rendered Markdown line, by undoing the escapes: what a reader sees.
fn unescape(md: &str) -> String {
    let mut out = String::new();
    let mut chars = md.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(next) = chars.next() {
                out.push(next);
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn escape_neutralises_markdown_and_html() {
    for (input, expected) in [
        ("plain text 0x801c03f2", "plain text 0x801c03f2"),
        (
            "<script>alert(1)</script>",
            "\\<script\\>alert(1)\\</script\\>",
        ),
        ("a | b", "a \\| b"),
        ("`code`", "\\`code\\`"),
        ("# heading", "\\# heading"),
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("1. item", "1\\. item"),
        ("12) item", "12\\) item"),
        ("**bold** _it_", "\\*\\*bold\\*\\* \\_it\\_"),
        ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
        (
            "![img](https://e.example/a.png)",
            "\\!\\[img\\](https\\://e.example/a.png)",
        ),
        ("see https://evil.example", "see https\\://evil.example"),
        ("www.evil.example", "www\\.evil.example"),
        ("cc @admin", "cc \\@admin"),
        ("&lt;b&gt;", "\\&lt;b\\&gt;"),
        ("two\nlines\r\n", "two lines "),
        ("C:\\Windows", "C:\\\\Windows"),
        ("~~strike~~ $x$", "\\~\\~strike\\~\\~ \\$x\\$"),
        ("a-b 1.5 Win10.x", "a-b 1.5 Win10.x"),
    ] {
        let escaped = escape(input);
        assert_eq!(escaped, expected, "{input:?}");
        if !input.contains(['\n', '\r']) {
            assert_eq!(unescape(&escaped), input);
        }
    }
}

#[test]
fn hostile_values_stay_text() {
    let input = "\
+----------------------------------------------------------------------+
| Device State                                                         |
+----------------------------------------------------------------------+

             AzureAdJoined : YES
          EnterpriseJoined : NO
              DomainJoined : YES
                DomainName : <img src=x onerror=alert(1)>|`x`|# **bold** [a](https://evil.example)
";
    let md = markdown_of(input, "evil|<b>`name`.txt").concat();
    assert!(
        md.starts_with("# dsregcmd report: evil\\|\\<b\\>\\`name\\`.txt\n"),
        "{md}"
    );
    // Every `<` is escaped, except those opening core's own https autolinks.
    for (i, _) in md.match_indices('<') {
        let escaped = i > 0 && md.as_bytes()[i - 1] == b'\\';
        assert!(
            escaped || md[i..].starts_with("<https://learn.microsoft.com/"),
            "{md}"
        );
    }
    assert!(!md.contains("](https://evil"), "{md}");
    let row = md
        .lines()
        .find(|l| l.starts_with("| DomainName |"))
        .expect("a DomainName row");
    // Three cells: the pipes inside the value are escaped.
    let unescaped_pipes = row
        .char_indices()
        .filter(|(i, c)| *c == '|' && (*i == 0 || row.as_bytes()[i - 1] != b'\\'))
        .count();
    assert_eq!(unescaped_pipes, 4, "{row}");
}

#[test]
fn every_fixture_renders_a_well_formed_summary() {
    let fixtures = root().join("tests/fixtures");
    for group in ["corpus", "seed", "synthetic"] {
        for entry in fs::read_dir(fixtures.join(group)).unwrap() {
            let path = entry.unwrap().path();
            let text = fs::read(&path).unwrap();
            let text = crate::analyze(&text).text().to_owned();
            for md in markdown_of(&text, "fixture") {
                assert!(md.starts_with("# dsregcmd report: fixture"), "{md}");
                assert!(md.contains("\n**Verdict:** "), "{md}");
                assert!(md.contains("\n## Findings\n"), "{md}");
                assert!(md.ends_with(".\n") || md.ends_with("_\n"), "{md}");
                // Every table row has exactly three cells.
                for line in md.lines().filter(|l| l.starts_with('|')) {
                    let b = line.as_bytes();
                    let pipes = (0..b.len())
                        .filter(|&i| b[i] == b'|' && (i == 0 || b[i - 1] != b'\\'))
                        .count();
                    assert_eq!(pipes, 4, "{}: {line}", path.display());
                }
                // Links are only the https links of the remediation tables.
                for (i, _) in md.match_indices("(<") {
                    assert!(md[i + 2..].starts_with("https://"), "{md}");
                }
                assert!(!md.contains("](http"), "{md}");
            }
        }
    }
}

mod props {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn escaped_text_reads_back_and_opens_nothing(text in "[ -~\u{e9}]{0,80}") {
            let escaped = escape(&text);
            prop_assert_eq!(unescape(&escaped), text.clone());
            let b = escaped.as_bytes();
            for (i, c) in b.iter().enumerate() {
                if b"`*_[]<>|~&$@!#".contains(c) {
                    // Preceded by an odd number of backslashes: escaped.
                    let run = b[..i].iter().rev().take_while(|x| **x == b'\\').count();
                    prop_assert!(run % 2 == 1, "{:?} -> {:?}", text, escaped);
                }
            }
        }

        #[test]
        fn any_input_gives_a_summary(text in "[ -~\n]{0,300}") {
            for md in markdown_of(&text, "x") {
                prop_assert!(md.starts_with("# dsregcmd report: x"));
            }
        }
    }
}
