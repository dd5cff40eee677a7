//! End-to-end tests against the release build in real headless Chromium.

mod input;
mod perf;
mod report;
mod shell;
