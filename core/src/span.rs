//! The leaf of the pipeline: byte ranges into the decoded text ([`Span`]) and what could not be
//! read ([`Problem`]). Every other module may use these; this one uses none of them.

use alloc::string::String;
use core::fmt;

/// A byte range `start..end` into the decoded text of an [`Analysis`](crate::Analysis).
///
/// Offsets are stored as `u32` to halve the memory of the line and field tables; inputs are
/// analysed up to 4 GiB (far beyond what any front end accepts).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Span {
    /// Offset of the first byte.
    pub start: u32,
    /// Offset one past the last byte.
    pub end: u32,
}

/// Converts an offset to `u32`, saturating (offsets beyond 4 GiB are never produced: longer
/// texts are cut before they are split into lines).
pub(crate) const fn offset(n: usize) -> u32 {
    if n > u32::MAX as usize {
        u32::MAX
    } else {
        n as u32
    }
}

impl Span {
    /// A span from `start` to `end`.
    pub const fn new(start: usize, end: usize) -> Span {
        Span {
            start: offset(start),
            end: offset(end),
        }
    }

    /// Offset of the first byte, as `usize`.
    pub const fn start(self) -> usize {
        self.start as usize
    }

    /// Offset one past the last byte, as `usize`.
    pub const fn end(self) -> usize {
        self.end as usize
    }

    /// The span as a `usize` range.
    pub const fn range(self) -> core::ops::Range<usize> {
        self.start()..self.end()
    }

    /// Length in bytes.
    pub const fn len(self) -> usize {
        self.end().saturating_sub(self.start())
    }

    /// Whether the span covers no byte.
    pub const fn is_empty(self) -> bool {
        self.end <= self.start
    }

    /// The text this span covers in `text` (empty if the span does not fit).
    pub fn slice(self, text: &str) -> &str {
        text.get(self.range()).unwrap_or("")
    }
}

/// Something the analysis could not read, or had to repair, at a line of the decoded text.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// 1-based line number in the decoded text.
    pub line: usize,
    /// What went wrong, in plain words.
    pub message: String,
    /// Byte offset in the decoded text: places the problem in its document when several
    /// documents share a line (a `<br/>`-joined paste).
    #[serde(skip)]
    pub(crate) offset: usize,
}

impl Problem {
    /// A problem at `line` (1-based).
    pub fn new(line: usize, message: impl Into<String>) -> Problem {
        Problem::at(line, 0, message)
    }

    /// A problem at `line` and byte `offset` of the decoded text.
    pub(crate) fn at(line: usize, offset: usize, message: impl Into<String>) -> Problem {
        Problem {
            line,
            message: message.into(),
            offset,
        }
    }

    /// Byte offset of the problem in the decoded text.
    pub fn offset(&self) -> usize {
        self.offset
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}
