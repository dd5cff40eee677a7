//! Golden files: every fixture under `tests/fixtures/{corpus,seed,synthetic}` is analyzed and its
//! rendering compared with `tests/golden/<dir>/<name>.golden`. Regenerate with `UPDATE_EXPECT=1`.

use std::fs;

use dsreg_core::analyze;

use crate::{invariants, render, tests_dir};

const DIRS: [&str; 3] = ["corpus", "seed", "synthetic"];

#[test]
fn goldens() {
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
            if let Err(diff) = dsreg_expect::check(&golden, &actual) {
                failures.push(format!("{}: {diff}", path.display()));
            }
        }
    }
    assert!(checked >= 13 + 9, "only {checked} fixtures found");
    assert!(
        failures.is_empty(),
        "{} golden failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
