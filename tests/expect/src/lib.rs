//! The one golden-file harness of the workspace's tests.
//!
//! [`expect_file`] compares a rendering with its golden file. With `UPDATE_EXPECT=1` in the
//! environment (any value but `0`) it rewrites the file instead, for a person to review the
//! diff by eye before committing. On a mismatch it fails with a line diff of the two, so the
//! change can be read from the test output alone.
//!
//! ```
//! let dir = std::env::temp_dir().join(format!("dsreg-expect-doc-{}", std::process::id()));
//! let golden = dir.join("a.golden");
//! std::fs::create_dir_all(&dir).unwrap();
//! std::fs::write(&golden, "one\ntwo\n").unwrap();
//! assert!(dsreg_expect::check(&golden, "one\ntwo\n").is_ok());
//! let diff = dsreg_expect::check(&golden, "one\nthree\n").unwrap_err();
//! assert!(diff.contains("- two") && diff.contains("+ three"));
//! std::fs::remove_dir_all(&dir).unwrap();
//! ```

use std::{fs, path::Path};

/// Whether goldens are being rewritten (`UPDATE_EXPECT` set, and not to `0`).
pub fn updating() -> bool {
    std::env::var_os("UPDATE_EXPECT").is_some_and(|v| v != "0")
}

/// Compares `actual` with the golden file at `path`, or rewrites it when [`updating`]. The
/// error says which file is stale, how to regenerate it, and shows the line diff.
pub fn check(path: &Path, actual: &str) -> Result<(), String> {
    if updating() {
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        let current = fs::read_to_string(path).unwrap_or_default();
        if current != actual {
            fs::write(path, actual).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        return Ok(());
    }
    let expected = fs::read_to_string(path).unwrap_or_default();
    if expected == actual {
        return Ok(());
    }
    Err(format!(
        "{} is stale: rerun with UPDATE_EXPECT=1 and review the change by eye.\n{}",
        path.display(),
        diff(&expected, actual)
    ))
}

/// [`check`], panicking with the diff.
#[track_caller]
pub fn expect_file(path: &Path, actual: &str) {
    if let Err(message) = check(path, actual) {
        panic!("{message}");
    }
}

/// A line diff of `expected` and `actual`: `-` lines only in the golden, `+` lines only in the
/// new rendering, with two lines of context around each change and `@@ line N` marks.
pub fn diff(expected: &str, actual: &str) -> String {
    let a: Vec<&str> = expected.lines().collect();
    let b: Vec<&str> = actual.lines().collect();
    // Trim the common head and tail, then a longest-common-subsequence table on the middle.
    let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (ma, mb) = (&a[head..a.len() - tail], &b[head..b.len() - tail]);
    let mut ops: Vec<(char, &str)> = Vec::new();
    if ma.len().saturating_mul(mb.len()) > 4_000_000 {
        ops.extend(ma.iter().map(|l| ('-', *l)));
        ops.extend(mb.iter().map(|l| ('+', *l)));
    } else {
        let mut lcs = vec![vec![0u32; mb.len() + 1]; ma.len() + 1];
        for i in (0..ma.len()).rev() {
            for j in (0..mb.len()).rev() {
                lcs[i][j] = if ma[i] == mb[j] {
                    lcs[i + 1][j + 1] + 1
                } else {
                    lcs[i + 1][j].max(lcs[i][j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < ma.len() || j < mb.len() {
            if i < ma.len() && j < mb.len() && ma[i] == mb[j] {
                ops.push((' ', ma[i]));
                i += 1;
                j += 1;
            } else if j < mb.len() && (i == ma.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
                ops.push(('+', mb[j]));
                j += 1;
            } else {
                ops.push(('-', ma[i]));
                i += 1;
            }
        }
    }
    let mut out = String::new();
    let context = |from: usize, to: usize, out: &mut String| {
        for line in &a[from..to] {
            out.push_str(&format!("  {line}\n"));
        }
    };
    context(head.saturating_sub(2), head, &mut out);
    out.insert_str(0, &format!("@@ line {}\n", head.saturating_sub(2) + 1));
    for (shown, (op, line)) in ops.into_iter().enumerate() {
        if shown == 400 {
            out.push_str("… (diff cut after 400 lines)\n");
            return out;
        }
        out.push_str(&format!("{op} {line}\n"));
    }
    let end = a.len() - tail;
    context(end, (end + 2).min(a.len()), &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_shows_changes_with_context() {
        let d = diff("a\nb\nc\nd\ne\n", "a\nb\nC\nd\ne\nf\n");
        assert_eq!(d, "@@ line 1\n  a\n  b\n+ C\n- c\n  d\n  e\n+ f\n");
        assert_eq!(diff("x\n", "x\n"), "@@ line 1\n  x\n");
    }

    #[test]
    fn a_missing_golden_is_stale() {
        let path = std::env::temp_dir().join("dsreg-expect-missing/none.golden");
        if !updating() {
            let error = check(&path, "new\n").unwrap_err();
            assert!(
                error.contains("UPDATE_EXPECT=1") && error.contains("+ new"),
                "{error}"
            );
        }
    }
}
