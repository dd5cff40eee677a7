//! Integration tests of dsreg-core: golden files for every fixture, targeted quirk tests and
//! property tests. One binary keeps link times down.

mod adversarial;
mod agreement;
mod compare;
mod expected;
mod golden;
mod props;
mod quirks;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use dsreg_core::{Analysis, LineKind};

/// The repository's `tests/` directory.
pub fn tests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests")
}

/// The fixture files (`*.txt`) of `tests/fixtures/<dir>`, sorted.
pub fn fixtures(dir: &str) -> Vec<PathBuf> {
    let folder = tests_dir().join("fixtures").join(dir);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
}

/// The fixture directories every golden covers.
pub const FIXTURE_DIRS: [&str; 3] = ["corpus", "seed", "synthetic"];

/// Checks the invariants every analysis must hold; returns what is wrong.
pub fn invariants(analysis: &Analysis) -> Result<(), String> {
    let text = analysis.text();
    let mut pos = 0;
    let mut number = 0;
    for (i, line) in analysis.lines().iter().enumerate() {
        let s = line.span;
        if s.start() != pos || s.end() <= s.start() || s.end() > text.len() {
            return Err(format!("line {i}: span {s:?} does not continue at {pos}"));
        }
        if !text.is_char_boundary(s.start()) || !text.is_char_boundary(s.end()) {
            return Err(format!("line {i}: span {s:?} not on char boundaries"));
        }
        if line.number < number || line.number > number + 1 || line.number == 0 {
            return Err(format!("line {i}: number {} after {number}", line.number));
        }
        number = line.number;
        let inner = match line.kind {
            LineKind::Field { key, value, .. } | LineKind::Quoted { key, value, .. } => {
                vec![key, value]
            }
            LineKind::Header { title } => vec![title],
            LineKind::Continuation { text } => vec![text],
            _ => vec![],
        };
        for span in inner {
            if span.start() < s.start() || span.end() > s.end() || span.start() > span.end() {
                return Err(format!("line {i}: inner span {span:?} outside {s:?}"));
            }
            if !text.is_char_boundary(span.start()) || !text.is_char_boundary(span.end()) {
                return Err(format!(
                    "line {i}: inner span {span:?} not on char boundaries"
                ));
            }
        }
        pos = s.end();
    }
    if pos != text.len() {
        return Err(format!("lines end at {pos}, text at {}", text.len()));
    }
    let mut doc_pos = 0;
    let count = analysis.documents().len();
    if count == 0 {
        return Err("no document".into());
    }
    for doc in analysis.documents() {
        let span = doc.span();
        if span.start() != doc_pos && !(span.start() == 0 && span.end() == 0) {
            return Err(format!(
                "document {} starts at {}, expected {doc_pos}",
                doc.index(),
                span.start()
            ));
        }
        doc_pos = span.end();
        for field in doc.fields() {
            let line = analysis
                .lines()
                .iter()
                .find(|l| {
                    l.span.start() <= field.key_span().start()
                        && field.key_span().end() <= l.span.end()
                })
                .ok_or_else(|| format!("field {:?} is on no line", field.key()))?;
            if line.number as usize != field.line() || line.span != field.span() {
                return Err(format!(
                    "field {:?}: line {} vs {}",
                    field.key(),
                    field.line(),
                    line.number
                ));
            }
            if field.key_span().start() < span.start() || field.value_span().end() > span.end() {
                return Err(format!("field {:?} outside its document", field.key()));
            }
        }
    }
    if doc_pos != text.len() {
        return Err(format!(
            "documents end at {doc_pos}, text at {}",
            text.len()
        ));
    }
    let mut concat = String::with_capacity(text.len());
    for line in analysis.lines() {
        concat.push_str(line.span.slice(text));
    }
    if concat != text {
        return Err("concatenated lines differ from the text".into());
    }
    Ok(())
}

/// A readable rendering of everything the parser found, for golden files.
pub fn render(analysis: &Analysis) -> String {
    let text = analysis.text();
    let mut out = String::new();
    let physical = analysis.lines().last().map_or(0, |l| l.number);
    let _ = writeln!(
        out,
        "encoding: {:?}\nlines: {physical} physical, {} logical",
        analysis.encoding(),
        analysis.lines().len()
    );
    for doc in analysis.documents() {
        let join = doc.join();
        let (first, last) = doc.line_range();
        let _ = writeln!(
            out,
            "\n=== document {} (lines {first}-{last}): join_state {}, workplace_registered {}, layout {:?}, evidence {:?}",
            doc.index() + 1,
            join.state,
            join.workplace_registered,
            doc.layout(),
            join.evidence
        );
        for section in doc.sections() {
            let _ = writeln!(
                out,
                "[{}] header line {}",
                section.title().unwrap_or("(untitled)"),
                section
                    .header_line()
                    .map_or_else(|| "-".to_string(), |l| l.to_string())
            );
            for field in section.fields() {
                let block = field
                    .block()
                    .map_or(String::new(), |b| format!("{{{}}} ", b.name()));
                let known = if field.known().is_some() {
                    ""
                } else {
                    " UNKNOWN-KEY"
                };
                let _ = writeln!(
                    out,
                    "  {:>4}  {block}{} = {:?}  ({}){known}",
                    field.line(),
                    field.key(),
                    field.raw(),
                    describe(&field.value())
                );
            }
        }
        let _ = writeln!(out, "--- other lines");
        for line in doc.lines() {
            let what = match line.kind {
                LineKind::Field { .. }
                | LineKind::Quoted { .. }
                | LineKind::Blank
                | LineKind::Border
                | LineKind::Header { .. } => continue,
                LineKind::Noise(n) => format!("{n:?}").to_lowercase(),
                LineKind::Continuation { .. } => "continuation".into(),
                LineKind::Text => "text".into(),
            };
            let raw = line.span.slice(text).trim_end_matches(['\r', '\n']);
            let raw = raw.strip_suffix("<br/>").unwrap_or(raw);
            let shown: String = raw.trim().chars().take(70).collect();
            let _ = writeln!(out, "  {:>4}  {what}: {shown:?}", line.number);
        }
        let _ = writeln!(out, "--- problems");
        for p in analysis.problems_of(&doc) {
            let _ = writeln!(out, "  {p}");
        }
    }
    out
}

fn describe(value: &dsreg_core::Value<'_>) -> String {
    use dsreg_core::Value;
    match value {
        Value::Error(Some(c)) => format!("error {c}"),
        Value::Timestamp(t) => format!("timestamp {t}"),
        Value::Validity(v) => format!("validity {} .. {}", v.from, v.to),
        Value::Guid(g, Some(s)) => format!("guid {g} ({s})"),
        Value::Guid(g, None) => format!("guid {g}"),
        Value::Code(c) => format!("code {c} {:?}", c.family()),
        Value::Test(dsreg_core::TestResult::Fail { primary, sub }) => {
            let code =
                |c: &Option<dsreg_core::Code>| c.map_or_else(|| "-".to_string(), |c| c.to_string());
            format!("test fail [{}/{}]", code(primary), code(sub))
        }
        Value::Test(t) => format!("test {t:?}").to_lowercase(),
        Value::Number(n) => format!("number {n}"),
        Value::List(_) => format!("list {:?}", value.items().collect::<Vec<_>>()),
        other => other.type_name().to_string(),
    }
}
