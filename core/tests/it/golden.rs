//! Golden files: every fixture under `tests/fixtures/{corpus,seed,synthetic}` is analyzed and its
//! rendering compared with `tests/golden/<dir>/<name>.golden`. Regenerate with `UPDATE_EXPECT=1`.

use std::fs;

use dsreg_core::analyze;

use crate::{invariants, render, tests_dir};

const DIRS: [&str; 3] = ["corpus", "seed", "synthetic"];

#[test]
fn goldens() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut checked = 0;
    let mut failures = Vec::new();
    for dir in DIRS {
        let fixtures = tests_dir().join("fixtures").join(dir);
        let mut names: Vec<_> = fs::read_dir(&fixtures)
            .unwrap_or_else(|e| panic!("{}: {e}", fixtures.display()))
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        names.sort();
        for path in names {
            let bytes = fs::read(&path).unwrap();
            let analysis = analyze(&bytes);
            if let Err(e) = invariants(&analysis) {
                failures.push(format!("{}: invariant broken: {e}", path.display()));
            }
            let actual = render(&analysis);
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            let golden = tests_dir()
                .join("golden")
                .join(dir)
                .join(format!("{stem}.golden"));
            checked += 1;
            if update {
                fs::create_dir_all(golden.parent().unwrap()).unwrap();
                fs::write(&golden, &actual).unwrap();
                continue;
            }
            let expected = fs::read_to_string(&golden).unwrap_or_default();
            if expected != actual {
                let line = expected
                    .lines()
                    .zip(actual.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
                failures.push(format!(
                    "{}: differs from {} at line {}:\n  expected: {:?}\n  actual:   {:?}",
                    path.display(),
                    golden.display(),
                    line + 1,
                    expected.lines().nth(line).unwrap_or("<end>"),
                    actual.lines().nth(line).unwrap_or("<end>"),
                ));
            }
        }
    }
    assert!(checked >= 13 + 9, "only {checked} fixtures found");
    assert!(
        failures.is_empty(),
        "{} golden failures (rerun with UPDATE_EXPECT=1 and review the diff):\n{}",
        failures.len(),
        failures.join("\n")
    );
}
