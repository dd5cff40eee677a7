//! End-to-end test harness: a static file server for the release `dist/` on loopback, and a
//! fresh headless Chromium driven through ChromeDriver (WebDriver, via fantoccini).
//!
//! The tests run through `cargo xtask test`, which builds `dist/` and sets `DSREG_DIST`,
//! `CHROMEDRIVER` and `CHROMIUM`.

mod browser;
mod server;

pub use browser::{Browser, LogEntry};
pub use server::StaticServer;

use std::path::PathBuf;

/// The folder where tests save screenshots and other artifacts: `target/e2e/`.
pub fn artifacts_dir() -> PathBuf {
    // `cargo test` says where this crate is (see xtask's `step::root` for why not `env!`).
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    let dir = manifest.join("../../target/e2e");
    std::fs::create_dir_all(&dir).expect("create target/e2e");
    dir.canonicalize().expect("canonical target/e2e")
}

/// The built app, from `DSREG_DIST`.
pub fn dist_dir() -> PathBuf {
    let dir = std::env::var_os("DSREG_DIST")
        .map(PathBuf::from)
        .expect("DSREG_DIST is not set: run the end-to-end tests through `cargo xtask test`");
    assert!(
        dir.join("index.html").is_file(),
        "{} has no index.html: build it with `cargo xtask dist`",
        dir.display()
    );
    dir
}
