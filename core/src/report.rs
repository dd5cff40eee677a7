//! The serialisable report of one document: what the CLI prints as one NDJSON line and the web
//! app renders, so both show the very same thing. Everything a front end shows is decided here:
//! the verdict, the findings, each field's badge and reading (a code's meaning, a time against
//! the output's own clock, a certificate's standing with the rules' tolerance), the glossary
//! text, and the facts the join diagram draws.
//!
//! A report borrows the analysis' text; [`DocumentReport::into_owned`] detaches it for a front
//! end that keeps it.

use alloc::borrow::Cow;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use crate::codes::{self, Context};
use crate::glossary;
use crate::join::JoinState;
use crate::model::{Doc, FieldRef, Layout};
use crate::rules::{self, Ctx, Finding, Moment, Severity, Standing};
use crate::text::duration;
use crate::value::{TestResult, Value};
use crate::{Analysis, Encoding, Problem};

/// The version of the JSON schema of [`DocumentReport`], serialised as `schema_version`.
/// Raised whenever a key is removed, renamed or changes meaning (adding keys keeps it).
pub const SCHEMA_VERSION: u32 = 1;

/// What a compact line left out of the output it holds.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct CompactNote {
    /// One entry per thing left out, in words (`MdmUrl (a URL)`, `the last 12 lines`); empty
    /// when the line holds every field.
    pub left_out: Vec<String>,
}

impl CompactNote {
    fn of(doc: &Doc<'_>, e: &crate::compact::Expansion) -> CompactNote {
        let mut left_out = Vec::new();
        if e.urls_left_out {
            for f in doc.fields() {
                if f.raw() == crate::compact::LEFT_OUT {
                    left_out.push(format!("{} (a URL)", f.key()));
                }
            }
        }
        if e.cut > 0 {
            left_out.push(format!(
                "the last {} {} of the output",
                e.cut,
                if e.cut == 1 { "line" } else { "lines" }
            ));
        }
        CompactNote { left_out }
    }

    /// One sentence for a reader: what the line left out, or that it holds everything.
    pub fn sentence(&self) -> String {
        if self.left_out.is_empty() {
            String::from("Read from a compact line, which holds every field of the output.")
        } else {
            format!(
                "Read from a compact line, which left out: {}.",
                self.left_out.join(", ")
            )
        }
    }
}

/// The report of one document, serialised as one JSON object.
#[derive(Clone, Debug, serde::Serialize)]
pub struct DocumentReport<'a> {
    /// The JSON schema version, [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Where the input came from (a file path, `-` for stdin, or a label).
    pub source: Cow<'a, str>,
    /// The device's name (`Device Name`), when the output prints it.
    pub device: Option<Cow<'a, str>>,
    /// Set when the output was read from a compact line ([`crate::compact`]): what that line
    /// left out.
    pub compact: Option<CompactNote>,
    /// 1-based position of the document in its input.
    pub document: usize,
    /// First and last 1-based line of the document in its input.
    pub lines: [usize; 2],
    /// The encoding of the input.
    pub encoding: Encoding,
    /// The layout of the output.
    pub layout: Layout,
    /// The join state.
    pub join_state: JoinState,
    /// One sentence for the whole output: the state and the worst problem.
    pub verdict: String,
    /// The severity of the worst finding (`ok` when there is none; `info` for a fragment).
    pub level: Severity,
    /// The text is only part of an output (no Device State): the verdict says what it could
    /// and could not judge.
    pub partial: bool,
    /// WorkplaceJoined is YES (alongside a join, or alone).
    pub workplace_registered: bool,
    /// The facts at a glance (the join diagram draws them; a fleet table lists them).
    pub summary: Summary<'a>,
    /// The sections with their fields.
    pub sections: Vec<SectionReport<'a>>,
    /// Diagnosis findings, worst first.
    pub findings: Vec<Finding>,
    /// Every error code in the output, in order of first appearance, with its meaning.
    pub codes: Vec<CodeEntry>,
    /// What could not be read, with line numbers.
    pub problems: Vec<Problem>,
    /// Every time and range of the output, oldest first, against its own clock.
    pub timeline: crate::timeline::Timeline,
}

/// The facts of an output at a glance. `None` where the output does not say.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary<'a> {
    /// AzureAdJoined.
    pub azure_ad_joined: Option<bool>,
    /// DomainJoined.
    pub domain_joined: Option<bool>,
    /// EnterpriseJoined (on-premises DRS).
    pub enterprise_joined: Option<bool>,
    /// WorkplaceJoined.
    pub workplace_joined: Option<bool>,
    /// AzureAdPrt.
    pub azure_ad_prt: Option<bool>,
    /// EnterprisePrt (AD FS).
    pub enterprise_prt: Option<bool>,
    /// CloudTgt (Cloud Kerberos ticket).
    pub cloud_tgt: Option<bool>,
    /// OnPremTgt.
    pub onprem_tgt: Option<bool>,
    /// DeviceAuthStatus: SUCCESS (`true`) or FAILED (`false`).
    pub device_auth: Option<bool>,
    /// The phase the last join attempt failed in (`discover`, …).
    pub failed_phase: Option<Cow<'a, str>>,
    /// The lines the join state was read from.
    pub join_evidence: Vec<usize>,
    /// The output's own clock: the latest time it records as having happened.
    pub clock: Option<crate::timeline::Point>,
}

/// One section of a [`DocumentReport`].
#[derive(Clone, Debug, serde::Serialize)]
pub struct SectionReport<'a> {
    /// The title as written (`null` for the untitled fields of a fragment).
    pub title: Option<Cow<'a, str>>,
    /// The 1-based line of the header.
    pub line: Option<usize>,
    /// What the section is about (not serialised).
    #[serde(skip)]
    pub explanation: Option<&'static str>,
    /// The fields in order.
    pub fields: Vec<FieldReport<'a>>,
}

/// One field of a [`SectionReport`].
#[derive(Clone, Debug, serde::Serialize)]
pub struct FieldReport<'a> {
    /// The key as written.
    pub key: Cow<'a, str>,
    /// The value as written (hard-wrapped parts joined back).
    pub value: Cow<'a, str>,
    /// 1-based line number.
    pub line: usize,
    /// The type of the value ([`crate::Value::type_name`]).
    #[serde(rename = "type")]
    pub value_type: &'static str,
    /// Whether the catalogue knows the key.
    pub known: bool,
    /// The nested block holding the field, if any (`acquire_prt_diagnostics`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub block: Option<&'static str>,
    /// The field was quoted inside prose (a sentence, inline code, a table cell).
    #[serde(skip_serializing_if = "core::ops::Not::not")]
    pub quoted: bool,
    /// The bytes of the field in the decoded text, from its key to the end of its value (for a
    /// front end that marks a quoted field in the text; not serialised).
    #[serde(skip)]
    pub span: crate::span::Span,
    /// What the value reads as: a code's meaning, a time against the output's clock, a
    /// certificate's standing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reading: Option<String>,
    /// For a certificate validity range: where the output's clock falls in it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub validity: Option<ValidityView>,
    /// A badge for flag-like values (`YES`, `FAIL`, `SUCCESS`), not serialised.
    #[serde(skip)]
    pub badge: Option<Badge>,
    /// The glossary's explanation of the field where it was printed (not serialised).
    #[serde(skip)]
    pub explanation: Option<&'static str>,
    /// The glossary's note on this particular value (not serialised).
    #[serde(skip)]
    pub value_note: Option<&'static str>,
}

/// How a badge or a reading should look.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tone {
    /// A good state (YES where YES is normal, PASS, SUCCESS, a valid certificate).
    Good,
    /// Worth a look (a certificate expiring within 30 days).
    Warn,
    /// A bad state (ERROR, FAIL, FAILED, an expired certificate).
    Bad,
    /// Neutral (NO, NOT SET, SKIPPED).
    Neutral,
}

/// A short label for a value and its tone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Badge {
    /// The label (`YES`, `FAIL`).
    pub label: &'static str,
    /// How it reads.
    pub tone: Tone,
}

/// A certificate's validity against the output's clock, in Unix seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ValidityView {
    /// Not valid before.
    pub from: i64,
    /// Not valid after.
    pub to: i64,
    /// The output's own clock, if it records one.
    pub now: Option<i64>,
    /// How the standing reads (good, warn, bad; neutral when not judged).
    pub tone: Tone,
}

impl ValidityView {
    /// Where `now` falls, from 0 (start) to 100 (end), clamped.
    pub fn now_percent(&self) -> Option<i64> {
        let span = (self.to - self.from).max(1);
        self.now
            .map(|now| ((now - self.from) * 100 / span).clamp(0, 100))
    }
}

/// An error code found in the input and what it means.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct CodeEntry {
    /// The code as found (`0x801c03f2`).
    pub code: String,
    /// What it means.
    pub meaning: String,
}

/// `Cow::Owned` of a borrowed string.
fn owned(s: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(s.into_owned())
}

impl<'a> DocumentReport<'a> {
    /// The report of `doc`, one of `analysis`'s documents.
    pub fn new(analysis: &'a Analysis, doc: Doc<'a>, source: &'a str) -> DocumentReport<'a> {
        let mut ctx = Ctx::new(&doc);
        let compact = analysis.compact_of(&doc);
        ctx.cut = compact.is_some_and(|e| e.cut > 0);
        let now = ctx.now;
        let sections = doc
            .sections()
            .map(|s| SectionReport {
                title: s.title().map(Cow::Borrowed),
                line: s.header_line(),
                explanation: s.title().and_then(glossary::section).map(|i| i.explanation),
                fields: s
                    .fields()
                    .map(|f| field_report(s.title(), f, now))
                    .collect(),
            })
            .collect();
        let findings = rules::check_in(&ctx);
        let (first, last) = doc.line_range();
        DocumentReport {
            schema_version: SCHEMA_VERSION,
            verdict: rules::verdict_in(&ctx, &findings),
            // A fragment without a problem is not "healthy": it is a note.
            level: findings.first().map_or(
                if ctx.join.state == JoinState::Unknown {
                    Severity::Info
                } else {
                    Severity::Ok
                },
                |f| f.severity,
            ),
            codes: codes_of(&doc),
            source: Cow::Borrowed(source),
            device: doc
                .find("Device Name")
                .map(|f| f.value_span().slice(doc.text()).trim())
                .filter(|d| !d.is_empty())
                .map(Cow::Borrowed),
            compact: compact.map(|e| CompactNote::of(&doc, e)),
            document: doc.index() + 1,
            lines: [first, last],
            encoding: analysis.encoding(),
            layout: doc.layout(),
            join_state: ctx.join.state,
            workplace_registered: ctx.join.workplace_registered,
            partial: ctx.join.state == JoinState::Unknown,
            summary: summary(&ctx),
            sections,
            findings,
            problems: analysis.problems_of(&doc).cloned().collect(),
            timeline: crate::timeline::of(&ctx),
        }
    }

    /// The same report, owning its text (for a front end that keeps it after the analysis).
    pub fn into_owned(self) -> DocumentReport<'static> {
        DocumentReport {
            schema_version: self.schema_version,
            source: owned(self.source),
            device: self.device.map(owned),
            compact: self.compact,
            document: self.document,
            lines: self.lines,
            encoding: self.encoding,
            layout: self.layout,
            join_state: self.join_state,
            verdict: self.verdict,
            level: self.level,
            partial: self.partial,
            workplace_registered: self.workplace_registered,
            summary: Summary {
                failed_phase: self.summary.failed_phase.map(owned),
                clock: self.summary.clock,
                azure_ad_joined: self.summary.azure_ad_joined,
                domain_joined: self.summary.domain_joined,
                enterprise_joined: self.summary.enterprise_joined,
                workplace_joined: self.summary.workplace_joined,
                azure_ad_prt: self.summary.azure_ad_prt,
                enterprise_prt: self.summary.enterprise_prt,
                cloud_tgt: self.summary.cloud_tgt,
                onprem_tgt: self.summary.onprem_tgt,
                device_auth: self.summary.device_auth,
                join_evidence: self.summary.join_evidence,
            },
            sections: self
                .sections
                .into_iter()
                .map(|s| SectionReport {
                    title: s.title.map(owned),
                    line: s.line,
                    explanation: s.explanation,
                    fields: s
                        .fields
                        .into_iter()
                        .map(|f| FieldReport {
                            key: owned(f.key),
                            value: owned(f.value),
                            line: f.line,
                            value_type: f.value_type,
                            known: f.known,
                            block: f.block,
                            quoted: f.quoted,
                            span: f.span,
                            reading: f.reading,
                            validity: f.validity,
                            badge: f.badge,
                            explanation: f.explanation,
                            value_note: f.value_note,
                        })
                        .collect(),
                })
                .collect(),
            findings: self.findings,
            codes: self.codes,
            problems: self.problems,
            timeline: self.timeline,
        }
    }

    /// Whether any field of the output is one the catalogue knows (the input was recognised
    /// as `dsregcmd /status` output at all).
    pub fn recognized(&self) -> bool {
        self.sections
            .iter()
            .any(|s| s.fields.iter().any(|f| f.known))
    }
}

/// How a relationship in the join diagram is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edge {
    /// In place (solid).
    Established,
    /// Not there, and nothing says it should be (faint, dashed).
    Absent,
    /// Expected but failing (red, dashed, labelled).
    Broken,
    /// The output does not say (a fragment without Device State).
    Unknown,
}

/// One relationship of the diagram: how it is drawn and its label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Link {
    /// How it is drawn.
    pub edge: Edge,
    /// Its label (`hybrid joined`, `✕ join failed: discover`).
    pub label: &'static str,
}

/// A token the device or user holds, as the diagram lists it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Its name (`Primary Refresh Token (PRT)`).
    pub name: &'static str,
    /// Whether the output shows it (`None`: not shown).
    pub present: Option<bool>,
    /// Whether this device should have it (absent then reads as missing).
    pub expected: bool,
}

/// What the join diagram draws, decided from the summary and the join state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagram {
    /// Device to on-premises AD.
    pub domain: Link,
    /// Device to Microsoft Entra ID.
    pub entra: Link,
    /// Device to AD FS / DRS, only when the output shows it in use.
    pub drs: Option<Link>,
    /// Whether the on-premises AD node is active.
    pub domain_active: bool,
    /// Whether the Entra ID node is active.
    pub entra_active: bool,
    /// The device node's subtitle (the state's short label).
    pub device: &'static str,
    /// The tokens listed under the diagram.
    pub tokens: Vec<Token>,
}

impl DocumentReport<'_> {
    /// What the join diagram draws. A fragment without Device State is drawn as unknown, never
    /// as "not joined".
    pub fn diagram(&self) -> Diagram {
        let s = &self.summary;
        let state = self.join_state;
        let unknown = Link {
            edge: Edge::Unknown,
            label: "? not in this text",
        };
        let domain = match s.domain_joined {
            Some(true) => Link {
                edge: Edge::Established,
                label: "domain joined",
            },
            Some(false) => Link {
                edge: Edge::Absent,
                label: "not domain joined",
            },
            None => unknown,
        };
        let entra = entra_link(s, state).unwrap_or(unknown);
        // AD FS only appears when the output shows it in use: whether a device *should* have an
        // Enterprise PRT depends on federation, which the findings judge, not the diagram.
        let drs = match (s.enterprise_joined, s.enterprise_prt) {
            (Some(true), _) => Some(Link {
                edge: Edge::Established,
                label: "DRS joined",
            }),
            (_, Some(true)) => Some(Link {
                edge: Edge::Established,
                label: "Enterprise PRT",
            }),
            _ => None,
        };
        let joined = matches!(state, JoinState::EntraJoined | JoinState::HybridJoined);
        let mut tokens = alloc::vec![Token {
            name: "Primary Refresh Token (PRT)",
            present: s.azure_ad_prt,
            expected: joined,
        }];
        let optional = [
            ("Enterprise PRT (AD FS)", s.enterprise_prt.filter(|v| *v)),
            ("Cloud Kerberos ticket (CloudTgt)", s.cloud_tgt),
            ("On-premises Kerberos ticket (OnPremTgt)", s.onprem_tgt),
        ];
        for (name, present) in optional {
            if present.is_some() {
                tokens.push(Token {
                    name,
                    present,
                    expected: false,
                });
            }
        }
        if s.device_auth.is_some() {
            tokens.push(Token {
                name: "Device authentication",
                present: s.device_auth,
                expected: true,
            });
        }
        Diagram {
            domain,
            entra,
            drs,
            domain_active: s.domain_joined == Some(true),
            entra_active: s.azure_ad_joined == Some(true) || s.workplace_joined == Some(true),
            device: state.phrases().label,
            tokens,
        }
    }
}

/// Device to Entra ID; `None` when the output does not say.
fn entra_link(s: &Summary<'_>, state: JoinState) -> Option<Link> {
    let link = |edge, label| Some(Link { edge, label });
    if let Some(phase) = s.failed_phase.as_deref()
        && s.azure_ad_joined != Some(true)
    {
        let label = match phase.to_ascii_lowercase().as_str() {
            "discover" => "✕ join failed: discover",
            "auth" => "✕ join failed: auth",
            "join" => "✕ join failed: join",
            "pre-check" | "precheck" => "✕ join failed: pre-check",
            _ => "✕ join failed",
        };
        return link(Edge::Broken, label);
    }
    match (s.azure_ad_joined, state) {
        (Some(true), _) if s.device_auth == Some(false) => {
            link(Edge::Broken, "✕ joined, but device auth fails")
        }
        (Some(true), JoinState::HybridJoined) => link(Edge::Established, "hybrid joined"),
        (Some(true), _) => link(Edge::Established, "joined"),
        (_, JoinState::Registered) => link(Edge::Established, "registered"),
        (Some(false), JoinState::DomainJoined) => link(Edge::Broken, "✕ not hybrid joined"),
        _ if s.workplace_joined == Some(true) => link(Edge::Established, "registered"),
        (Some(false), _) => link(Edge::Absent, "not joined"),
        (None, _) => None,
    }
}

/// The facts the join diagram draws and a fleet table lists.
fn summary<'a>(ctx: &Ctx<'a>) -> Summary<'a> {
    let doc = &ctx.doc;
    let flag = |section: &str, key: &str| doc.field(section, key).and_then(|f| f.value().as_bool());
    let any_flag = |key: &str| doc.find(key).and_then(|f| f.value().as_bool());
    Summary {
        azure_ad_joined: flag("Device State", "AzureAdJoined"),
        domain_joined: flag("Device State", "DomainJoined"),
        enterprise_joined: flag("Device State", "EnterpriseJoined"),
        workplace_joined: any_flag("WorkplaceJoined"),
        azure_ad_prt: any_flag("AzureAdPrt"),
        enterprise_prt: any_flag("EnterprisePrt"),
        cloud_tgt: any_flag("CloudTgt"),
        onprem_tgt: any_flag("OnPremTgt"),
        device_auth: doc
            .find("DeviceAuthStatus")
            .and_then(|f| device_auth(&f.raw())),
        failed_phase: doc
            .find("Error Phase")
            .map(|f| f.raw())
            .filter(|p| !p.trim().is_empty())
            .map(|p| match p {
                Cow::Borrowed(b) => Cow::Borrowed(b.trim()),
                Cow::Owned(o) => Cow::Owned(String::from(o.trim())),
            }),
        join_evidence: ctx.join.evidence.clone(),
        clock: crate::timeline::clock(ctx),
    }
}

/// DeviceAuthStatus: `SUCCESS` is `true`, `FAILED…` is `false`.
fn device_auth(raw: &str) -> Option<bool> {
    let t = raw.trim();
    if crate::text::starts_with_ci(t, "SUCCESS") {
        Some(true)
    } else if crate::text::starts_with_ci(t, "FAIL") {
        Some(false)
    } else {
        None
    }
}

fn field_report<'a>(
    section: Option<&'a str>,
    field: FieldRef<'a>,
    now: Option<Moment<'a>>,
) -> FieldReport<'a> {
    let value = field.value();
    let raw = field.raw();
    let (badge, mut reading) = describe(&value, &raw);
    let mut validity = None;
    match &value {
        Value::Validity(v) => {
            let state = rules::standing(*v, now.map(|n| n.time));
            let clock = now.map(|n| n.field.key()).unwrap_or("");
            let (tone, text) = match state {
                Standing::Implausible => (
                    Tone::Neutral,
                    format!("implausible range ({} to {}): not judged", v.from, v.to),
                ),
                Standing::Unjudged => (
                    Tone::Neutral,
                    format!("valid from {} until {}", v.from, v.to),
                ),
                Standing::Expired(ago) => (
                    Tone::Bad,
                    format!("expired {} before {clock} ({})", duration(ago), v.to),
                ),
                Standing::NotYetValid(starts_in) => (
                    Tone::Bad,
                    format!(
                        "not valid yet: starts {} after {clock}",
                        duration(starts_in)
                    ),
                ),
                Standing::ExpiresSoon(left) => (
                    Tone::Warn,
                    format!(
                        "{} left as of {clock} (valid until {})",
                        duration(left),
                        v.to
                    ),
                ),
                Standing::Valid(left) => (
                    Tone::Good,
                    format!(
                        "{} left as of {clock} (valid until {})",
                        duration(left),
                        v.to
                    ),
                ),
            };
            validity = Some(ValidityView {
                from: v.from.unix_seconds(),
                to: v.to.unix_seconds(),
                now: now
                    .filter(|_| state != Standing::Implausible)
                    .map(|n| n.time.unix_seconds()),
                tone,
            });
            reading = Some(text);
        }
        Value::Timestamp(t) => {
            if let Some(n) = now.filter(|n| n.field.line() != field.line()) {
                let (t, at) = (t.unix_seconds(), n.time.unix_seconds());
                let key = n.field.key();
                reading = Some(if t <= at {
                    format!("{} before {key}", duration(at - t))
                } else {
                    format!("{} after {key}", duration(t - at))
                });
            }
        }
        _ => {}
    }
    let entry = field.known().map(|k| k.about_in(section, field.key()));
    FieldReport {
        key: Cow::Borrowed(field.key()),
        explanation: entry.map(|e| e.explanation),
        value_note: entry.and_then(|e| e.value_note(&raw)).map(|n| n.meaning),
        value: raw,
        line: field.line(),
        value_type: value.type_name(),
        known: field.known().is_some(),
        block: field.block().map(|b| b.name()),
        quoted: field.is_quoted(),
        span: crate::span::Span::new(field.key_span().start(), field.value_span().end()),
        reading,
        validity,
        badge,
    }
}

/// The badge and decoded reading of a typed value.
fn describe(value: &Value<'_>, raw: &str) -> (Option<Badge>, Option<String>) {
    let badge = |label, tone| Some(Badge { label, tone });
    let summary = |c: &crate::value::Code| codes::decode(&format!("{c}")).summary();
    match value {
        Value::Yes => (badge("YES", Tone::Good), None),
        Value::No => (badge("NO", Tone::Neutral), None),
        Value::NotSet => (badge("NOT SET", Tone::Neutral), None),
        Value::Unknown => (badge("UNKNOWN", Tone::Neutral), None),
        Value::Error(code) => (badge("ERROR", Tone::Bad), code.as_ref().map(summary)),
        Value::Test(TestResult::Pass) => (badge("PASS", Tone::Good), None),
        Value::Test(TestResult::Skipped) => (badge("SKIPPED", Tone::Neutral), None),
        Value::Test(TestResult::Fail { primary, sub }) => {
            let detail: Vec<String> = [primary, sub].into_iter().flatten().map(summary).collect();
            (
                badge("FAIL", Tone::Bad),
                (!detail.is_empty()).then(|| detail.join(" · ")),
            )
        }
        Value::Code(code) if code.0 != 0 => (None, Some(summary(code))),
        // Status words are printed in capitals (`SUCCESS`, `FAILED. ERROR`); a sentence such as
        // "Failed to auto detect the PAC script" is a message, not a status.
        Value::Text(_) if raw.trim() == "SUCCESS" => (badge("SUCCESS", Tone::Good), None),
        Value::Text(_) if raw.trim().starts_with("FAILED") => (badge("FAILED", Tone::Bad), None),
        _ => (None, None),
    }
}

/// Every code-looking token in the values of `doc`, once each, with its meaning in the context
/// of the field it was found in (a code can mean different things in different phases), or what
/// could be decoded of it.
fn codes_of(doc: &Doc<'_>) -> Vec<CodeEntry> {
    let mut entries: Vec<CodeEntry> = Vec::new();
    // A join attempt's client code means what it means in its phase.
    let phase = doc
        .find("Error Phase")
        .and_then(|f| Context::from_error_phase(f.raw().trim()));
    for field in doc.fields() {
        let raw = field.raw();
        let found = codes::scan(&raw);
        if found.is_empty() {
            continue;
        }
        let context = match Context::for_field(field.section_title(), field.key()) {
            Context::Generic if crate::text::key_eq(field.key(), "Client ErrorCode") => {
                phase.unwrap_or(Context::Generic)
            }
            other => other,
        };
        for found in found {
            let decoded = found.decode();
            if entries.iter().any(|e| e.code == decoded.canonical) {
                continue;
            }
            let meaning = match codes::lookup(found.text, context) {
                Some(info) if info.symbol.is_empty() => String::from(info.meaning),
                Some(info) => format!("{}: {}", info.symbol, info.meaning),
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

/// Every output of `analysis` as NDJSON, one report per line: what `dsreg analyze --format
/// json` prints and what the web's JSON export holds.
pub fn ndjson(analysis: &Analysis, source: &str) -> String {
    let mut out = String::new();
    each_json_line(analysis, source, |line| {
        out.push_str(line);
        out.push('\n');
    });
    out
}

/// Hands each output's report to `f` as one line of JSON (no newline), one at a time, so a
/// large input never holds all its reports at once.
pub fn each_json_line(analysis: &Analysis, source: &str, mut f: impl FnMut(&str)) {
    for doc in analysis.documents() {
        f(&to_json_line(&DocumentReport::new(analysis, doc, source)));
    }
}

/// One report as a single line of JSON (no trailing newline): the CLI's NDJSON format.
pub fn to_json_line(report: &DocumentReport<'_>) -> String {
    // Serialising these plain structs cannot fail (string keys, no maps with other keys).
    serde_json::to_string(report).unwrap_or_default()
}
