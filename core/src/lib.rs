//! Decode, parse and diagnose the output of `dsregcmd /status`.
//!
//! The pipeline runs one way: bytes → [`decode`] → [`lines`] → [`sections`] → [`model`] →
//! [`join`] → [`rules`] → [`report`], over the knowledge in [`catalog`] and [`codes`]. Nothing here performs I/O or knows about the web; every front end
//! renders what this crate returns.
//!
//! The one entry point is [`analyze`]. It never fails: whatever it could not read is listed in
//! [`Analysis::problems`] with its line number.
//!
//! ```
//! use dsreg_core::{analyze, JoinState, Value};
//!
//! let input = "\
//! +----------------------------------------------------------------------+
//! | Device State                                                         |
//! +----------------------------------------------------------------------+
//!
//!              AzureAdJoined : YES
//!           EnterpriseJoined : NO
//!               DomainJoined : YES
//!                 DomainName : CONTOSO
//! ";
//! let analysis = analyze(input.as_bytes());
//! let doc = analysis.documents().next().unwrap();
//! assert_eq!(doc.join().state, JoinState::HybridJoined);
//!
//! let joined = doc.field("device state", "AzureAdJoined").unwrap();
//! assert_eq!(joined.value(), Value::Yes);
//! assert_eq!(joined.line(), 5);
//! assert!(analysis.problems().is_empty());
//! ```
#![cfg_attr(not(test), no_std)]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

extern crate alloc;

// Layers, in the order data flows; a module uses only modules listed before it (checked by
// `cargo xtask layers`). `text`, `sources`, `codes` and `glossary` are leaves of knowledge and
// helpers that any later layer may use.
pub mod catalog;
pub mod codes;
pub mod compact;
pub mod compare;
pub mod csv;
pub mod decode;
pub mod fleet;
pub mod glossary;
pub mod join;
pub mod json;
pub mod lines;
pub mod markdown;
pub mod model;
pub mod pack;
pub mod permalink;
pub mod redact;
pub mod report;
pub mod rules;
pub mod sections;
#[rustfmt::skip]
pub mod sources;
#[rustfmt::skip]
pub mod checks;
pub mod span;
pub mod text;
pub mod timeline;
pub mod value;

use alloc::string::String;
use alloc::vec::Vec;

pub use catalog::{BlockKind, KnownField, ValueKind};
pub use decode::Encoding;
pub use join::{Join, JoinState};
pub use lines::{Line, LineKind, Noise};
pub use model::{BlockRef, Doc, FieldRef, Layout, SectionRef};
pub use report::{CodeEntry, DocumentReport, FieldReport, SectionReport};
pub use span::{Problem, Span};
pub use value::{Code, CodeFamily, TestResult, Timestamp, Validity, Value};

/// Everything [`analyze`] found in one input: the decoded text, its lines, the documents (one
/// per `dsregcmd /status` output found) and the problems.
#[derive(Clone, Debug)]
pub struct Analysis {
    text: String,
    encoding: Encoding,
    lines: Vec<Line>,
    documents: Vec<sections::DocTree>,
    problems: Vec<Problem>,
    compact: Vec<compact::Expansion>,
}

impl Analysis {
    /// The decoded text; every [`Span`] points into it.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The encoding the input was decoded from.
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// Every line of the decoded text, in order. Their spans do not overlap and together cover
    /// the whole text (a `<br/>`-joined or space-collapsed physical line yields several lines
    /// that share one line number).
    pub fn lines(&self) -> &[Line] {
        &self.lines
    }

    /// The documents: one per `dsregcmd /status` output in the input, at least one.
    pub fn documents(&self) -> impl ExactSizeIterator<Item = Doc<'_>> + '_ {
        self.documents
            .iter()
            .enumerate()
            .map(move |(index, doc)| Doc::new(&self.text, &self.lines, doc, index))
    }

    /// Every problem found, sorted by line.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// The compact line `doc` was read from, if it was (see [`compact`]).
    pub fn compact_of(&self, doc: &Doc<'_>) -> Option<&compact::Expansion> {
        let span = doc.span();
        let i = self
            .compact
            .partition_point(|e| e.span.end() <= span.start());
        self.compact
            .get(i)
            .filter(|e| e.span.start() < span.end().max(span.start() + 1))
    }

    /// The problems inside `doc` (problems before the first document go to the first, after
    /// the last to the last).
    pub fn problems_of<'a>(&'a self, doc: &Doc<'_>) -> impl Iterator<Item = &'a Problem> + 'a {
        let span = doc.span();
        let is_first = doc.index() == 0;
        let is_last = doc.index() + 1 == self.documents.len();
        // Problems are sorted by offset: slice them, so reporting many documents stays linear.
        let start = if is_first {
            0
        } else {
            self.problems.partition_point(|p| p.offset < span.start())
        };
        let end = if is_last {
            self.problems.len()
        } else {
            self.problems.partition_point(|p| p.offset < span.end())
        };
        self.problems
            .get(start..end.max(start))
            .unwrap_or(&[])
            .iter()
    }
}

/// Decodes and parses `bytes` (the saved or pasted output of `dsregcmd /status`).
///
/// Never fails and never panics: anything unreadable becomes a [`Problem`].
pub fn analyze(bytes: &[u8]) -> Analysis {
    Staged::new(bytes).finish()
}

/// [`analyze`] one stage at a time, for a caller that must stay responsive (a browser's main
/// thread): each [`step`](Staged::step) runs one stage, so the caller can draw progress and
/// handle events in between. The result is exactly [`analyze`]'s.
///
/// ```
/// let mut staged = dsreg_core::Staged::new(b"AzureAdJoined : YES\n");
/// let mut stages = Vec::new();
/// while !staged.is_done() {
///     stages.push(staged.next_stage());
///     staged.step();
/// }
/// assert_eq!(stages, [dsreg_core::Stage::Decode, dsreg_core::Stage::Lines, dsreg_core::Stage::Sections]);
/// assert_eq!(staged.finish().documents().len(), 1);
/// ```
pub struct Staged<'a> {
    state: StagedState<'a>,
}

/// What [`Staged::step`] does next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Bytes to text.
    Decode,
    /// Text to classified lines.
    Lines,
    /// Lines to documents, sections and fields.
    Sections,
    /// Nothing left.
    Done,
}

impl Stage {
    /// What the stage does, for a progress line (`reading the lines`).
    pub fn label(self) -> &'static str {
        match self {
            Stage::Decode => "decoding the text",
            Stage::Lines => "reading the lines",
            Stage::Sections => "finding outputs, sections and fields",
            Stage::Done => "done",
        }
    }

    /// Roughly how much of the work is done before this stage, in percent (measured on large
    /// inputs: decoding is quick, lines and sections take about half each).
    pub fn percent(self) -> u8 {
        match self {
            Stage::Decode => 0,
            Stage::Lines => 10,
            Stage::Sections => 50,
            Stage::Done => 100,
        }
    }
}

enum StagedState<'a> {
    Bytes(&'a [u8]),
    Decoded {
        decoded: decode::Decoded,
    },
    Split {
        text: String,
        encoding: Encoding,
        problems: Vec<Problem>,
        compact: Vec<compact::Expansion>,
        split: lines::Split,
    },
    Done(Analysis),
    /// Only while a step moves the state out.
    Empty,
}

impl<'a> Staged<'a> {
    /// Starts the analysis of `bytes`; nothing is done until [`step`](Self::step).
    pub fn new(bytes: &'a [u8]) -> Self {
        Staged {
            state: StagedState::Bytes(bytes),
        }
    }

    /// The stage the next [`step`](Self::step) runs.
    pub fn next_stage(&self) -> Stage {
        match self.state {
            StagedState::Bytes(_) => Stage::Decode,
            StagedState::Decoded { .. } => Stage::Lines,
            StagedState::Split { .. } => Stage::Sections,
            StagedState::Done(_) | StagedState::Empty => Stage::Done,
        }
    }

    /// Whether every stage has run.
    pub fn is_done(&self) -> bool {
        self.next_stage() == Stage::Done
    }

    /// Runs the next stage (nothing when done).
    pub fn step(&mut self) {
        self.state = match core::mem::replace(&mut self.state, StagedState::Empty) {
            StagedState::Bytes(bytes) => StagedState::Decoded {
                decoded: decode::decode(bytes),
            },
            StagedState::Decoded { decoded } => {
                let mut problems = decoded.problems;
                let mut text = decoded.text;
                let mut compact = Vec::new();
                // Compact lines (`DSRC1:…`) are put back as the outputs they hold.
                if let Some(expanded) = compact::expand(&text) {
                    for problem in &mut problems {
                        expanded.place(problem);
                    }
                    problems.extend(expanded.problems);
                    compact = expanded.expansions;
                    text = expanded.text;
                }
                // Spans are `u32`: a text beyond 4 GiB is analysed up to there.
                let mut limit = text.len().min(u32::MAX as usize);
                while !text.is_char_boundary(limit) {
                    limit -= 1;
                }
                if limit < text.len() {
                    problems.push(Problem::at(
                        1,
                        0,
                        "input longer than 4 GiB: only its first 4 GiB are analyzed",
                    ));
                }
                let split = lines::split(text.get(..limit).unwrap_or(""));
                StagedState::Split {
                    text,
                    encoding: decoded.encoding,
                    problems,
                    compact,
                    split,
                }
            }
            StagedState::Split {
                text,
                encoding,
                mut problems,
                compact,
                split,
            } => {
                let mut lines = split.lines;
                let documents = sections::build(&text, &mut lines, split.max_width, &mut problems);
                // Offsets grow with line numbers: sorting by offset sorts by line too.
                problems.sort_by_key(|p| p.offset);
                StagedState::Done(Analysis {
                    text,
                    encoding,
                    lines,
                    documents,
                    problems,
                    compact,
                })
            }
            done => done,
        };
    }

    /// Runs what is left and returns the analysis.
    pub fn finish(mut self) -> Analysis {
        while !self.is_done() {
            self.step();
        }
        match self.state {
            StagedState::Done(analysis) => analysis,
            // Unreachable: `step` only leaves `Empty` while it runs.
            _ => Analysis {
                text: String::new(),
                encoding: Encoding::Utf8,
                lines: Vec::new(),
                documents: Vec::new(),
                problems: Vec::new(),
                compact: Vec::new(),
            },
        }
    }
}
