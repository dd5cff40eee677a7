//! The browser front end of the dsregcmd analyzer.
//!
//! Thin by design: every value it shows is computed by `dsreg-core`; this crate turns DOM events
//! into core calls and renders the result. User-controlled text is only ever inserted as text.
#![warn(missing_docs)]

mod app;
pub mod components;
mod dom;
pub mod model;
mod pace;
pub mod samples;
pub mod share;

pub use app::App;
pub use model::Outcome;
