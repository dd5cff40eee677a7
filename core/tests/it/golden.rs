//! Golden files: every fixture under `tests/fixtures/{corpus,seed,synthetic}` is analyzed and its
//! rendering compared with `tests/golden/<dir>/<name>.golden`. Regenerate with `UPDATE_EXPECT=1`.

use std::fs;

use dsreg_core::analyze;

use crate::{FIXTURE_DIRS, fixtures, invariants, render, tests_dir};

#[test]
fn goldens() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for dir in FIXTURE_DIRS {
        for path in fixtures(dir) {
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
