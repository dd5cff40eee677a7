//! End-to-end tests against the release build in real headless Chromium.

mod report;
mod shell;
