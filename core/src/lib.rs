//! Decode, parse and diagnose the output of `dsregcmd /status`.
//!
//! The pipeline runs one way: bytes → [`decode`] → parse → model → rules → report.
//! Nothing here performs I/O or knows about the web; every front end renders what this crate
//! returns.
#![cfg_attr(not(test), no_std)]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

extern crate alloc;

pub mod codes;
pub mod glossary;
