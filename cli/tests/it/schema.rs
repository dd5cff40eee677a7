//! `docs/report-schema.json` against what the CLI prints: every fixture's NDJSON validates, and
//! a report that breaks the schema is caught. The validator covers the JSON Schema keywords the
//! schema uses (type, const, enum, pattern of the form `^literal` or `^literal[0-9]{n}$`,
//! required, properties, additionalProperties false, items, minItems, maxItems, minimum, oneOf,
//! local $ref).

use std::path::Path;

use serde_json::Value;

use crate::{dsreg, fixture, json_lines};

fn schema() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/report-schema.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("docs/report-schema.json"))
        .expect("the schema is JSON")
}

fn type_ok(name: &str, v: &Value) -> bool {
    match name {
        "null" => v.is_null(),
        "boolean" => v.is_boolean(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        "string" => v.is_string(),
        "array" => v.is_array(),
        "object" => v.is_object(),
        other => panic!("unsupported type {other}"),
    }
}

fn pattern_ok(pattern: &str, s: &str) -> bool {
    let body = pattern.strip_prefix('^').expect("anchored pattern");
    match body.split_once('[') {
        None => s.starts_with(body),
        Some((literal, rest)) => {
            let n: usize = rest
                .strip_prefix("0-9]{")
                .and_then(|r| r.strip_suffix("}$"))
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("unsupported pattern {pattern}"));
            s.strip_prefix(literal)
                .is_some_and(|d| d.len() == n && d.bytes().all(|b| b.is_ascii_digit()))
        }
    }
}

/// The errors of `v` against `s`, with their JSON paths.
fn validate(root: &Value, s: &Value, v: &Value, at: &str, errors: &mut Vec<String>) {
    if let Some(r) = s.get("$ref").and_then(Value::as_str) {
        let name = r.strip_prefix("#/$defs/").expect("local $ref");
        return validate(root, &root["$defs"][name], v, at, errors);
    }
    if let Some(options) = s.get("oneOf").and_then(Value::as_array) {
        let fits = options
            .iter()
            .filter(|o| {
                let mut e = Vec::new();
                validate(root, o, v, at, &mut e);
                e.is_empty()
            })
            .count();
        if fits != 1 {
            errors.push(format!("{at}: fits {fits} of oneOf"));
        }
        return;
    }
    if let Some(t) = s.get("type") {
        let ok = match t {
            Value::String(name) => type_ok(name, v),
            Value::Array(names) => names.iter().any(|n| type_ok(n.as_str().unwrap(), v)),
            _ => panic!("bad type"),
        };
        if !ok {
            errors.push(format!("{at}: not {t}: {v}"));
            return;
        }
    }
    if let Some(c) = s.get("const")
        && c != v
    {
        errors.push(format!("{at}: not {c}"));
    }
    if let Some(options) = s.get("enum").and_then(Value::as_array)
        && !options.contains(v)
    {
        errors.push(format!("{at}: {v} not in the enum"));
    }
    if let (Some(p), Some(text)) = (s.get("pattern").and_then(Value::as_str), v.as_str())
        && !pattern_ok(p, text)
    {
        errors.push(format!("{at}: {text:?} does not match {p}"));
    }
    if let (Some(min), Some(n)) = (s.get("minimum").and_then(Value::as_i64), v.as_i64())
        && n < min
    {
        errors.push(format!("{at}: {n} < {min}"));
    }
    if let Some(items) = v.as_array() {
        let len = items.len() as u64;
        if s.get("minItems")
            .and_then(Value::as_u64)
            .is_some_and(|m| len < m)
            || s.get("maxItems")
                .and_then(Value::as_u64)
                .is_some_and(|m| len > m)
        {
            errors.push(format!("{at}: {len} items"));
        }
        if let Some(item) = s.get("items") {
            for (i, x) in items.iter().enumerate() {
                validate(root, item, x, &format!("{at}[{i}]"), errors);
            }
        }
    }
    if let Some(obj) = v.as_object() {
        let props = s.get("properties").and_then(Value::as_object);
        for key in s
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if !obj.contains_key(key.as_str().unwrap()) {
                errors.push(format!("{at}: {key} is missing"));
            }
        }
        for (k, x) in obj {
            match props.and_then(|p| p.get(k)) {
                Some(ps) => validate(root, ps, x, &format!("{at}.{k}"), errors),
                None if s.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    errors.push(format!("{at}: {k} is not in the schema"));
                }
                None => {}
            }
        }
    }
}

fn errors_of(report: &Value) -> Vec<String> {
    let root = schema();
    let mut errors = Vec::new();
    validate(&root, &root, report, "$", &mut errors);
    errors
}

#[test]
fn every_fixture_s_json_fits_the_published_schema() {
    let mut checked = 0;
    for dir in ["corpus", "seed", "synthetic"] {
        let folder = fixture(dir);
        let mut paths: Vec<_> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        for path in paths {
            let out = dsreg(
                &["analyze", "--format", "json", path.to_str().unwrap()],
                None,
            );
            for report in json_lines(&out) {
                let errors = errors_of(&report);
                assert!(
                    errors.is_empty(),
                    "{}:\n{}",
                    path.display(),
                    errors.join("\n")
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 40, "only {checked} reports checked");
}

#[test]
fn a_report_that_breaks_the_schema_is_caught() {
    let out = dsreg(
        &[
            "analyze",
            "--format",
            "json",
            fixture("corpus/012-aadj-hostname-updated-cloudtgt.txt")
                .to_str()
                .unwrap(),
        ],
        None,
    );
    let good = json_lines(&out).remove(0);
    assert!(errors_of(&good).is_empty());
    let mut bad = good.clone();
    bad["join_state"] = Value::from("half_joined");
    bad["findings"][0]["rule"] = Value::from("X1");
    bad.as_object_mut().unwrap().remove("timeline");
    bad["extra"] = Value::from(1);
    let errors = errors_of(&bad);
    for needle in ["join_state", "findings[0].rule", "timeline", "extra"] {
        assert!(
            errors.iter().any(|e| e.contains(needle)),
            "{needle} not caught: {errors:?}"
        );
    }
}
