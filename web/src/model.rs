//! The view model: what the report region shows ([`Outcome`]) and the reports it renders,
//! built by core. Components render these values; nothing here decides a verdict, a badge or a
//! reading (core's [`DocumentReport`] does).

use std::sync::Arc;

use dsreg_core::{Analysis, DocumentReport, LineKind, Noise, Problem, analyze};

/// Inputs larger than this are refused with a message rather than analysed.
pub const MAX_INPUT_BYTES: usize = 4 * 1024 * 1024;

/// Inputs larger than this are analysed in slices between frames, with progress, and kept out
/// of the paste area (a text box holding megabytes makes the browser's layout take seconds).
pub const LARGE_INPUT_BYTES: usize = 256 * 1024;

/// The page shows at most this many outputs of one input in full (the CLI reads any number):
/// a file of hundreds would otherwise build a page too large to use.
pub const MAX_DOCUMENTS: usize = 12;

/// What the report region shows.
#[derive(Clone, Debug)]
pub enum Outcome {
    /// Nothing pasted yet.
    Empty,
    /// The input was refused before analysis (too large, binary); the message says why.
    Refused(String),
    /// A large input is being analysed in slices: what is happening, and how far along.
    Working(Progress),
    /// The analysis.
    Report(Arc<Report>),
}

/// How far the analysis of a large input has come.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Progress {
    /// What is happening (`Reading 3.9 MB: reading the lines`).
    pub label: String,
    /// From 0 to 100.
    pub percent: u8,
}

/// Everything the page shows for one input.
#[derive(Clone, Debug)]
pub struct Report {
    /// The analysis everything else is read from (its text is the raw view).
    pub analysis: Arc<Analysis>,
    /// The encoding it was decoded from (`UTF-16LE (BOM)`).
    pub encoding: &'static str,
    /// Core's report of each `dsregcmd /status` output found in the input, the first
    /// [`MAX_DOCUMENTS`] of them.
    pub documents: Vec<Arc<DocumentReport<'static>>>,
    /// How many outputs the input holds in all.
    pub documents_total: usize,
    /// What could not be read, with line numbers.
    pub problems: Vec<Problem>,
    /// Whether anything in the input looked like dsregcmd output at all.
    pub recognized: bool,
    /// When nothing was recognised: what the text seemed to be instead.
    pub seen_instead: Vec<&'static str>,
}

impl Report {
    /// The decoded text, for the raw view.
    pub fn text(&self) -> &str {
        self.analysis.text()
    }
}

/// Decides what the report region shows for `bytes`, all at once: a refusal for inputs that
/// are too large or binary, otherwise the analysis. Inputs over [`LARGE_INPUT_BYTES`] go
/// through the app's stepped pipeline instead, which does the same in slices.
pub fn outcome(bytes: &[u8]) -> Outcome {
    before_analysis(bytes).unwrap_or_else(|| after_analysis(build(bytes)))
}

/// The outcome decided before any analysis: nothing to read, or too large.
pub fn before_analysis(bytes: &[u8]) -> Option<Outcome> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Some(Outcome::Empty);
    }
    (bytes.len() > MAX_INPUT_BYTES).then(|| {
        Outcome::Refused(format!(
            "This input is {}; the analyzer reads up to {} MB. A dsregcmd /status output is \
             usually under 20 KB: paste just that output, or save it on its own with \
             `dsregcmd /status > status.txt`.",
            megabytes(bytes.len() as u64),
            MAX_INPUT_BYTES / 1_048_576
        ))
    })
}

/// The outcome for a finished report: refused when the input was binary.
pub fn after_analysis(report: Report) -> Outcome {
    if dsreg_core::decode::looks_binary(report.text()) {
        return Outcome::Refused(
            "This looks like a binary file (an image, an archive or an event log), not text. \
             Run `dsregcmd /status` in a Command Prompt and paste what it prints, or drop the \
             text file it was saved to."
                .to_owned(),
        );
    }
    Outcome::Report(Arc::new(report))
}

/// Analyses `bytes` (pasted text or a dropped file) at once.
pub fn build(bytes: &[u8]) -> Report {
    let mut builder = Builder::new(analyze(bytes));
    while builder.step() {}
    builder.finish()
}

/// Builds a [`Report`] from an analysis one output at a time, so a large input can be built
/// between frames.
pub struct Builder {
    analysis: Arc<Analysis>,
    documents: Vec<Arc<DocumentReport<'static>>>,
}

impl Builder {
    /// Starts from a finished analysis.
    pub fn new(analysis: Analysis) -> Self {
        Builder {
            analysis: Arc::new(analysis),
            documents: Vec::new(),
        }
    }

    /// How many outputs the report shows in all.
    pub fn total(&self) -> usize {
        self.analysis.documents().len().min(MAX_DOCUMENTS)
    }

    /// How many outputs are built.
    pub fn built(&self) -> usize {
        self.documents.len()
    }

    /// Builds the next output (its fields, rules and verdict); returns whether more are left.
    pub fn step(&mut self) -> bool {
        if let Some(doc) = self.analysis.documents().nth(self.documents.len())
            && self.documents.len() < MAX_DOCUMENTS
        {
            let report = DocumentReport::new(&self.analysis, doc, "pasted output").into_owned();
            self.documents.push(Arc::new(report));
        }
        self.documents.len() < self.total()
    }

    /// The report of what is built.
    pub fn finish(self) -> Report {
        let analysis = self.analysis;
        let documents = self.documents;
        let recognized = documents.iter().any(|d| d.recognized());
        let seen_instead = if recognized {
            Vec::new()
        } else {
            seen_instead(&analysis)
        };
        let documents_total = analysis.documents().len();
        Report {
            encoding: analysis.encoding().name(),
            documents_total,
            problems: analysis.problems().to_vec(),
            documents,
            recognized,
            seen_instead,
            analysis,
        }
    }
}

/// What the lines of an input without dsregcmd fields were recognised as.
fn seen_instead(analysis: &Analysis) -> Vec<&'static str> {
    let mut seen = Vec::new();
    for line in analysis.lines() {
        let what = match line.kind {
            LineKind::Noise(Noise::Debug) => "log lines of `dsregcmd /status /debug`",
            LineKind::Noise(Noise::Prompt | Noise::Command) => "shell prompts or commands",
            LineKind::Noise(Noise::Banner) => "a console banner",
            LineKind::Noise(Noise::Progress) => "the 'Waiting for Diagnostics Task' progress line",
            LineKind::Field { .. } => "`Key : Value` lines that are not dsregcmd fields",
            LineKind::Header { .. } => "section headers without fields",
            LineKind::Text => "plain text",
            _ => continue,
        };
        if !seen.contains(&what) {
            seen.push(what);
        }
    }
    seen
}

/// `12.3 MB`, without floating-point formatting (which would add kilobytes to the wasm).
pub fn megabytes(bytes: u64) -> String {
    let tenths = bytes * 10 / 1_048_576;
    format!("{}.{} MB", tenths / 10, tenths % 10)
}
