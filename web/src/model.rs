//! The edge between core and the DOM: turns core's borrowed analysis into owned values that
//! components can keep (`'static`), formatting nothing that core already decides.

use std::sync::Arc;

use dsreg_core::{
    Analysis, Doc, FieldRef, JoinState, LineKind, Noise, Problem, Value, analyze, glossary,
    rules::{self, Finding, Severity},
};

use crate::app::Outcome;

/// Inputs larger than this are refused with a message rather than analysed.
pub const MAX_INPUT_BYTES: usize = 4 * 1024 * 1024;

/// Inputs larger than this are analysed in slices between frames, with progress, and kept out
/// of the paste area (a text box holding megabytes makes the browser's layout take seconds).
pub const LARGE_INPUT_BYTES: usize = 256 * 1024;

/// The page shows at most this many outputs of one input in full (the CLI reads any number):
/// a file of hundreds would otherwise build a page too large to use.
pub const MAX_DOCUMENTS: usize = 12;

/// Everything the page shows for one input.
#[derive(Clone, Debug)]
pub struct Report {
    /// The analysis everything else is read from (its text is the raw view).
    pub analysis: Arc<Analysis>,
    /// The encoding it was decoded from (`UTF-16LE (BOM)`).
    pub encoding: &'static str,
    /// One entry per `dsregcmd /status` output found in the input, the first
    /// [`MAX_DOCUMENTS`] of them.
    pub documents: Vec<DocView>,
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

/// One `dsregcmd /status` output.
#[derive(Clone, Debug)]
pub struct DocView {
    /// 1-based position in the input.
    pub number: usize,
    /// First and last line of the document.
    pub lines: (usize, usize),
    /// The join state.
    pub state: JoinState,
    /// One sentence for the whole output: the state and the worst problem.
    pub verdict: String,
    /// The severity of the worst finding (`Ok` when there is none).
    pub level: Severity,
    /// The findings, worst first.
    pub findings: Vec<Finding>,
    /// WorkplaceJoined is YES.
    pub workplace: bool,
    /// The lines the join state was read from.
    pub state_evidence: Vec<usize>,
    /// Facts the join diagram draws.
    pub links: Links,
    /// The sections, in order.
    pub sections: Vec<SectionView>,
}

/// One section with its fields.
#[derive(Clone, Debug)]
pub struct SectionView {
    /// The title as written; `None` for untitled fields of a fragment.
    pub title: Option<String>,
    /// The header line.
    pub line: Option<usize>,
    /// The fields in order.
    pub fields: Vec<FieldView>,
}

/// How a value is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// A good state (YES where YES is normal, PASS).
    Good,
    /// A bad state (ERROR, FAIL).
    Bad,
    /// Neutral (NO, NOT SET, SKIPPED, plain values).
    Neutral,
}

/// One field, ready to render.
#[derive(Clone, Debug)]
pub struct FieldView {
    /// The key as written.
    pub key: String,
    /// The value as written (hard-wrapped parts joined back).
    pub value: String,
    /// 1-based line number.
    pub line: usize,
    /// A badge for flag-like values (`YES`, `FAIL`, …), with its tone.
    pub badge: Option<(&'static str, Tone)>,
    /// A decoded reading of the value (`valid for 120 more days`, `0x801c001d: …`).
    pub detail: Option<String>,
    /// Whether the model knows this key; unknown fields are shown and marked.
    pub known: bool,
    /// The glossary's explanation of the field.
    pub explanation: Option<&'static str>,
    /// The glossary's note on this particular value.
    pub value_note: Option<&'static str>,
    /// The nested block the field belongs to (`acquire_prt_diagnostics`, …).
    pub block: Option<&'static str>,
    /// For a certificate validity range: where the output's time falls in it.
    pub timeline: Option<Timeline>,
}

/// A validity range and the output's own time, in Unix seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timeline {
    /// Not valid before.
    pub from: i64,
    /// Not valid after.
    pub to: i64,
    /// The latest time the output records (Client Time, PRT update…), if any.
    pub now: Option<i64>,
}

impl Timeline {
    /// Where `now` falls, from 0 (start) to 100 (end), clamped.
    pub fn now_percent(&self) -> Option<i64> {
        let span = (self.to - self.from).max(1);
        self.now
            .map(|now| ((now - self.from) * 100 / span).clamp(0, 100))
    }
}

/// The relationships the join diagram draws.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Links {
    /// AzureAdJoined.
    pub entra: Option<bool>,
    /// DomainJoined.
    pub domain: Option<bool>,
    /// EnterpriseJoined (on-premises DRS).
    pub enterprise: Option<bool>,
    /// WorkplaceJoined.
    pub workplace: Option<bool>,
    /// AzureAdPrt.
    pub prt: Option<bool>,
    /// EnterprisePrt (AD FS).
    pub enterprise_prt: Option<bool>,
    /// CloudTgt (Cloud Kerberos ticket).
    pub cloud_tgt: Option<bool>,
    /// OnPremTgt.
    pub onprem_tgt: Option<bool>,
    /// DeviceAuthStatus is SUCCESS (`Some(true)`) or FAILED (`Some(false)`).
    pub device_auth: Option<bool>,
    /// A pre-join test failed: the phase it failed in (`discover`, …).
    pub failed_phase: Option<String>,
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
    documents: Vec<DocView>,
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
            self.documents.push(doc_view(doc));
        }
        self.documents.len() < self.total()
    }

    /// The report of what is built.
    pub fn finish(self) -> Report {
        let analysis = self.analysis;
        let documents = self.documents;
        let recognized = documents
            .iter()
            .any(|d| d.sections.iter().any(|s| s.fields.iter().any(|f| f.known)));
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

fn doc_view(doc: Doc<'_>) -> DocView {
    let join = doc.join();
    let flag = |section: &str, key: &str| doc.field(section, key).and_then(|f| f.value().as_bool());
    let any_flag = |key: &str| doc.find(key).and_then(|f| f.value().as_bool());
    let failed_phase = doc
        .find("Error Phase")
        .map(|f| f.raw().trim().to_owned())
        .filter(|p| !p.is_empty());
    let links = Links {
        entra: flag("Device State", "AzureAdJoined"),
        domain: flag("Device State", "DomainJoined"),
        enterprise: flag("Device State", "EnterpriseJoined"),
        workplace: any_flag("WorkplaceJoined"),
        prt: any_flag("AzureAdPrt"),
        enterprise_prt: any_flag("EnterprisePrt"),
        cloud_tgt: any_flag("CloudTgt"),
        onprem_tgt: any_flag("OnPremTgt"),
        device_auth: doc.find("DeviceAuthStatus").and_then(|f| {
            let raw = f.raw().to_ascii_uppercase();
            if raw.contains("SUCCESS") {
                Some(true)
            } else if raw.contains("FAIL") {
                Some(false)
            } else {
                None
            }
        }),
        failed_phase,
    };
    let ctx = rules::Ctx::new(&doc);
    let now = ctx.now.map(|m| Now {
        seconds: m.time.unix_seconds(),
        key: m.field.key(),
    });
    let findings = rules::check_in(&ctx);
    let verdict = rules::verdict(&doc, &findings);
    let level = findings.first().map_or(Severity::Ok, |f| f.severity);
    DocView {
        verdict,
        level,
        findings,
        number: doc.index() + 1,
        lines: doc.line_range(),
        state: join.state,
        workplace: join.workplace_registered,
        state_evidence: join.evidence,
        links,
        sections: doc
            .sections()
            .map(|s| SectionView {
                title: s.title().map(str::to_owned),
                line: s.header_line(),
                fields: s.fields().map(|f| field_view(s.title(), f, now)).collect(),
            })
            .collect(),
    }
}

/// The latest time an output records, and the field it comes from.
#[derive(Clone, Copy)]
struct Now<'k> {
    seconds: i64,
    key: &'k str,
}

fn field_view(section: Option<&str>, field: FieldRef<'_>, now: Option<Now<'_>>) -> FieldView {
    let value = field.value();
    let (badge, mut detail) = describe(&value);
    let mut timeline = None;
    match &value {
        Value::Validity(v) => {
            let line = Timeline {
                from: v.from.unix_seconds(),
                to: v.to.unix_seconds(),
                now: now.map(|n| n.seconds),
            };
            timeline = Some(line);
            detail = Some(match now {
                Some(n) if n.seconds > line.to => {
                    format!(
                        "expired {} before {} ({})",
                        duration(n.seconds - line.to),
                        n.key,
                        v.to
                    )
                }
                Some(n) if n.seconds < line.from => {
                    format!(
                        "not valid yet: starts {} after {}",
                        duration(line.from - n.seconds),
                        n.key
                    )
                }
                Some(n) => format!(
                    "{} left as of {} (valid until {})",
                    duration(line.to - n.seconds),
                    n.key,
                    v.to
                ),
                None => format!("valid from {} until {}", v.from, v.to),
            });
        }
        Value::Timestamp(t) => {
            if let Some(n) = now.filter(|n| !field.key().eq_ignore_ascii_case(n.key)) {
                let t = t.unix_seconds();
                detail = Some(if t <= n.seconds {
                    format!("{} before {}", duration(n.seconds - t), n.key)
                } else {
                    format!("{} after {}", duration(t - n.seconds), n.key)
                });
            }
        }
        _ => {}
    }
    let raw = field.raw().into_owned();
    let entry = glossary::lookup(section, field.key());
    FieldView {
        key: field.key().to_owned(),
        explanation: entry.map(|e| e.explanation()),
        value_note: entry.and_then(|e| e.value_note(&raw)).map(|n| n.meaning),
        value: raw,
        line: field.line(),
        badge,
        detail,
        known: field.known().is_some(),
        block: field.block().map(|b| b.name()),
        timeline,
    }
}

/// `3 days`, `5 h 12 min`, `45 min`, `20 s`: a duration for people.
pub fn duration(seconds: i64) -> String {
    let s = seconds.unsigned_abs();
    let (days, hours, minutes) = (s / 86_400, s % 86_400 / 3_600, s % 3_600 / 60);
    match (days, hours, minutes) {
        (d, _, _) if d >= 2 => format!("{d} days"),
        (1, h, _) => format!("1 day {h} h"),
        (0, h, m) if h > 0 => format!("{h} h {m} min"),
        (0, 0, m) if m > 0 => format!("{m} min"),
        _ => format!("{s} s"),
    }
}

/// The badge and decoded reading of a typed value.
fn describe(value: &Value<'_>) -> (Option<(&'static str, Tone)>, Option<String>) {
    use dsreg_core::TestResult;
    match value {
        Value::Yes => (Some(("YES", Tone::Good)), None),
        Value::No => (Some(("NO", Tone::Neutral)), None),
        Value::NotSet => (Some(("NOT SET", Tone::Neutral)), None),
        Value::Unknown => (Some(("UNKNOWN", Tone::Neutral)), None),
        Value::Error(code) => (
            Some(("ERROR", Tone::Bad)),
            code.map(|c| code_detail(&c.to_string())),
        ),
        Value::Test(TestResult::Pass) => (Some(("PASS", Tone::Good)), None),
        Value::Test(TestResult::Skipped) => (Some(("SKIPPED", Tone::Neutral)), None),
        Value::Test(TestResult::Fail { primary, sub }) => {
            let detail = [primary, sub]
                .into_iter()
                .flatten()
                .map(|c| code_detail(&c.to_string()))
                .collect::<Vec<_>>()
                .join(" · ");
            (
                Some(("FAIL", Tone::Bad)),
                (!detail.is_empty()).then_some(detail),
            )
        }
        Value::Code(code) if code.0 != 0 => (None, Some(code_detail(&code.to_string()))),
        Value::Text(text) if text.eq_ignore_ascii_case("SUCCESS") => {
            (Some(("SUCCESS", Tone::Good)), None)
        }
        Value::Text(text)
            if text
                .get(..6)
                .is_some_and(|p| p.eq_ignore_ascii_case("FAILED")) =>
        {
            (Some(("FAILED", Tone::Bad)), None)
        }
        _ => (None, None),
    }
}

/// One line about a code, from core's knowledge base.
fn code_detail(code: &str) -> String {
    dsreg_core::codes::decode(code).summary()
}

/// `12.3 MB`, without floating-point formatting (which would add kilobytes to the wasm).
pub fn megabytes(bytes: u64) -> String {
    let tenths = bytes * 10 / 1_048_576;
    format!("{}.{} MB", tenths / 10, tenths % 10)
}
