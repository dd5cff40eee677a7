//! One component per file.

pub mod compare;
pub mod diagram;
pub mod findings;
pub mod input;
pub mod raw;
pub mod report;
pub mod sections;
pub mod share;
pub mod timeline;
pub mod verdict;
