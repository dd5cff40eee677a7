//! End-to-end tests against the release build in real headless Chromium.

mod compare;
mod contrast;
mod input;
mod package;
mod perf;
mod privacy;
mod report;
mod share;
mod shell;
mod single_file;
