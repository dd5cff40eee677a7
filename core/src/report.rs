//! The serialisable report of one document: what the CLI prints as one NDJSON line and the web
//! app renders, so both show the very same thing.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

use crate::codes::{self, Context};
use crate::model::{Doc, Layout};
use crate::rules::{self, Finding};
use crate::{Analysis, Encoding, JoinState, Problem};

/// The version of the JSON schema of [`DocumentReport`], serialised as `schema_version`.
/// Raised whenever a key is removed, renamed or changes meaning (adding keys keeps it).
pub const SCHEMA_VERSION: u32 = 1;

/// The report of one document, serialised as one JSON object.
#[derive(Clone, Debug, serde::Serialize)]
pub struct DocumentReport<'a> {
    /// The JSON schema version, [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Where the input came from (a file path, `-` for stdin, or a label).
    pub source: &'a str,
    /// 1-based position of the document in its input.
    pub document: usize,
    /// The encoding of the input.
    pub encoding: Encoding,
    /// The layout of the output.
    pub layout: Layout,
    /// The join state.
    pub join_state: JoinState,
    /// One sentence for the whole output: the state and the worst problem.
    pub verdict: String,
    /// WorkplaceJoined is YES (alongside a join, or alone).
    pub workplace_registered: bool,
    /// The sections with their fields.
    pub sections: Vec<SectionReport<'a>>,
    /// Diagnosis findings, worst first.
    pub findings: Vec<Finding>,
    /// Every error code in the output, in order of first appearance, with its meaning.
    pub codes: Vec<CodeEntry>,
    /// What could not be read, with line numbers.
    pub problems: Vec<Problem>,
}

/// One section of a [`DocumentReport`].
#[derive(Clone, Debug, serde::Serialize)]
pub struct SectionReport<'a> {
    /// The title as written (`null` for the untitled fields of a fragment).
    pub title: Option<&'a str>,
    /// The 1-based line of the header.
    pub line: Option<usize>,
    /// The fields in order.
    pub fields: Vec<FieldReport<'a>>,
}

/// One field of a [`SectionReport`].
#[derive(Clone, Debug, serde::Serialize)]
pub struct FieldReport<'a> {
    /// The key as written.
    pub key: &'a str,
    /// The value as written (hard-wrapped parts joined back).
    pub value: Cow<'a, str>,
    /// 1-based line number.
    pub line: usize,
    /// The type of the value ([`crate::Value::type_name`]).
    #[serde(rename = "type")]
    pub value_type: &'static str,
    /// Whether the model knows the key.
    pub known: bool,
    /// The nested block holding the field, if any (`acquire_prt_diagnostics`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub block: Option<&'static str>,
}

/// An error code found in the input and what it means.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct CodeEntry {
    /// The code as found (`0x801c03f2`).
    pub code: String,
    /// What it means.
    pub meaning: String,
}

impl<'a> DocumentReport<'a> {
    /// The report of `doc`, one of `analysis`'s documents.
    pub fn new(analysis: &'a Analysis, doc: Doc<'a>, source: &'a str) -> DocumentReport<'a> {
        let join = doc.join();
        let sections = doc
            .sections()
            .map(|s| SectionReport {
                title: s.title(),
                line: s.header_line(),
                fields: s
                    .fields()
                    .map(|f| FieldReport {
                        key: f.key(),
                        value: f.raw(),
                        line: f.line(),
                        value_type: f.value().type_name(),
                        known: f.known().is_some(),
                        block: f.block().map(|b| b.name()),
                    })
                    .collect(),
            })
            .collect();
        let findings = rules::check(&doc);
        DocumentReport {
            schema_version: SCHEMA_VERSION,
            verdict: rules::verdict(&doc, &findings),
            findings,
            codes: codes_of(&doc),
            source,
            document: doc.index() + 1,
            encoding: analysis.encoding(),
            layout: doc.layout(),
            join_state: join.state,
            workplace_registered: join.workplace_registered,
            sections,
            problems: analysis.problems_of(&doc).cloned().collect(),
        }
    }
}

/// Every code-looking token in the values of `doc`, once each, with its meaning in the context
/// of the field it was found in (a code can mean different things in different phases), or what
/// could be decoded of it.
fn codes_of(doc: &Doc<'_>) -> Vec<CodeEntry> {
    let mut entries: Vec<CodeEntry> = Vec::new();
    for field in doc.fields() {
        let raw = field.raw();
        let context = Context::for_field(field.section_title(), field.key());
        for found in codes::scan(&raw) {
            let decoded = found.decode();
            if entries.iter().any(|e| e.code == decoded.canonical) {
                continue;
            }
            let meaning = match codes::lookup(found.text, context) {
                Some(info) if info.symbol.is_empty() => String::from(info.meaning),
                Some(info) => alloc::format!("{}: {}", info.symbol, info.meaning),
                None => decoded.summary(),
            };
            entries.push(CodeEntry {
                code: decoded.canonical,
                meaning,
            });
        }
    }
    entries
}

/// The reports of every document of `analysis`.
pub fn reports<'a>(analysis: &'a Analysis, source: &'a str) -> Vec<DocumentReport<'a>> {
    analysis
        .documents()
        .map(|doc| DocumentReport::new(analysis, doc, source))
        .collect()
}

/// One report as a single line of JSON (no trailing newline): the CLI's NDJSON format.
pub fn to_json_line(report: &DocumentReport<'_>) -> String {
    // Serialising these plain structs cannot fail (string keys, no maps with other keys).
    serde_json::to_string(report).unwrap_or_default()
}
