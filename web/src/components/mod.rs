//! One component per file.

pub mod input;
pub mod report;
