//! `cargo xtask layers`: data flows one way, and so do imports. Each crate lists its top-level
//! modules in layer order; a module may use (`crate::name`) only modules listed before it. A
//! module missing from the list, or a use of a later layer, fails with the file and the line.

use std::{fs, path::Path};

use crate::step::{self, Failure};

/// The layers of `core/src`, in the order data flows.
const CORE: &[&str] = &[
    "span",
    "text",
    "pack",
    "csv",
    "json",
    "sources",
    "checks",
    "catalog",
    "value",
    "decode",
    "lines",
    "sections",
    "model",
    "join",
    "glossary",
    "codes",
    "rules",
    "compact",
    "timeline",
    "report",
    "compare",
    "fleet",
    "markdown",
    "permalink",
    "redact",
];

/// The layers of `web/src`: edges and the view model first, components, then the app.
const WEB: &[&str] = &[
    "pace",
    "samples",
    "dom",
    "model",
    "share",
    "components",
    "app",
];

/// Checks both crates; prints what it checked.
pub fn run() -> Result<(), Failure> {
    let root = step::root();
    let mut problems = Vec::new();
    for (dir, order) in [("core/src", CORE), ("web/src", WEB)] {
        problems.extend(check(&root.join(dir), order)?);
    }
    if problems.is_empty() {
        println!(
            "layers: core ({} modules) and web ({} modules) import only earlier layers",
            CORE.len(),
            WEB.len()
        );
        Ok(())
    } else {
        Err(Failure::new(format!(
            "imports against the layer order (data flows one way; see ARCHITECTURE.md):\n{}",
            problems.join("\n")
        )))
    }
}

/// The violations in one crate's `src`: `file:line: a uses b, a later layer`.
fn check(src: &Path, order: &[&str]) -> Result<Vec<String>, Failure> {
    let mut problems = Vec::new();
    let mut files = Vec::new();
    collect(src, &mut files)?;
    for path in files {
        let rel = path.strip_prefix(src).unwrap_or(&path);
        let top = rel
            .components()
            .next()
            .map(|c| {
                c.as_os_str()
                    .to_string_lossy()
                    .trim_end_matches(".rs")
                    .to_owned()
            })
            .unwrap_or_default();
        if matches!(top.as_str(), "lib" | "main") {
            continue;
        }
        let Some(rank) = order.iter().position(|m| *m == top) else {
            problems.push(format!(
                "{}: module `{top}` has no place in the layer order (add it in xtask/src/layers.rs)",
                path.display()
            ));
            continue;
        };
        let text = fs::read_to_string(&path)
            .map_err(|e| Failure::new(format!("cannot read {}: {e}", path.display())))?;
        for (n, line) in code_lines(&text) {
            for used in uses(line) {
                if let Some(other) = order.iter().position(|m| *m == used)
                    && other > rank
                {
                    problems.push(format!(
                        "{}:{n}: `{top}` uses `{used}`, a later layer",
                        path.display()
                    ));
                }
            }
        }
    }
    Ok(problems)
}

fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> Result<(), Failure> {
    let entries = fs::read_dir(dir)
        .map_err(|e| Failure::new(format!("cannot read {}: {e}", dir.display())))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "rs")
            && path.file_name().is_some_and(|n| n != "tests.rs")
        {
            out.push(path);
        }
    }
    out.sort();
    Ok(())
}

/// The numbered lines of a file's code: comments, `#[cfg(test)] mod tests;` declarations and
/// the inline `#[cfg(test)]` module at the end (tests may use any layer) are left out.
fn code_lines(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut lines = text.lines().enumerate().peekable();
    while let Some((i, line)) = lines.next() {
        if line.trim() == "#[cfg(test)]" {
            match lines.peek() {
                Some((_, next)) if next.trim_end().ends_with(';') => {
                    lines.next();
                    continue;
                }
                _ => break,
            }
        }
        out.push((i + 1, line.split("//").next().unwrap_or("")));
    }
    out
}

/// The modules a line names through `crate::…`, including `crate::{a, b::c}` groups.
fn uses(line: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = group.split('}').next().unwrap_or("");
            for item in inner.split(',') {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    found.push(name);
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            found.push(name);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workspace_keeps_its_layers() {
        run().unwrap();
    }

    #[test]
    fn later_layers_and_unlisted_modules_are_reported() {
        let dir = std::env::temp_dir().join(format!("dsreg-layers-{}", std::process::id()));
        fs::create_dir_all(dir.join("b")).unwrap();
        fs::write(
            dir.join("a.rs"),
            "use crate::b::Thing;\n// crate::c in a comment\n",
        )
        .unwrap();
        fs::write(dir.join("b/mod.rs"), "use crate::{a, c};\n").unwrap();
        fs::write(
            dir.join("c.rs"),
            "#[cfg(test)]\nmod x;\nuse crate::a;\n#[cfg(test)]\nmod t { use crate::d; }\n",
        )
        .unwrap();
        fs::write(dir.join("d.rs"), "").unwrap();
        let problems = check(&dir, &["a", "b", "c"]).unwrap();
        fs::remove_dir_all(&dir).unwrap();
        assert_eq!(problems.len(), 3, "{problems:#?}");
        assert!(problems[0].ends_with("a.rs:1: `a` uses `b`, a later layer"));
        assert!(problems[1].ends_with("mod.rs:1: `b` uses `c`, a later layer"));
        assert!(problems[2].contains("module `d` has no place"));
    }
}
