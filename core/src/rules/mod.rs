//! The diagnosis: rules that read a [`Doc`] and report [`Finding`]s, ranked, with the evidence
//! (fields and line numbers) that triggered them and what to do next.
//!
//! Two entry points: [`check`] runs every rule of the registry [`ALL`] and ranks the findings
//! (worst severity first, then by rule id); [`verdict`] sums them up in one sentence.
//!
//! ```
//! use dsreg_core::rules::{self, Severity};
//!
//! let input = "\
//! | Device State |
//!              AzureAdJoined : YES
//!           EnterpriseJoined : NO
//!               DomainJoined : NO
//! | Device Details |
//!           DeviceAuthStatus : FAILED. Device is either disabled or deleted
//! ";
//! let analysis = dsreg_core::analyze(input.as_bytes());
//! let doc = analysis.documents().next().unwrap();
//! let findings = rules::check(&doc);
//! assert_eq!(findings[0].rule, "DSR003");
//! assert_eq!(findings[0].severity, Severity::Critical);
//! assert_eq!(findings[0].evidence[0].line, 6);
//! assert!(rules::verdict(&doc, &findings).starts_with("Microsoft Entra joined: "));
//! ```
//!
//! **Invariant:** rules are pure. Time comparisons use the latest moment the output itself
//! records ([`Ctx::now`]), never the wall clock.
//!
//! **Invariant:** every finding has at least one piece of evidence, and every link is https.

use alloc::borrow::ToOwned;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use crate::catalog::TimeRole;
use crate::codes;
use crate::join::{Join, JoinState};
use crate::model::{Doc, FieldRef};
use crate::value::{Timestamp, Value};

mod dsr001_join_state;
mod dsr002_impossible_join_combination;
mod dsr003_device_auth_failed;
mod dsr004_device_certificate_validity;
pub use dsr004_device_certificate_validity::{Standing, standing};
mod dsr005_device_key_not_tpm;
mod dsr006_prt_missing;
mod dsr007_prt_stale;
mod dsr008_prt_expired;
mod dsr009_enterprise_prt;
mod dsr010_prt_diagnostics;
mod dsr011_cloud_kerberos;
mod dsr012_wam_default_error;
mod dsr013_run_context;
mod dsr014_join_attempt_failed;
mod dsr015_prejoin_test_failed;
mod dsr016_sync_join_fallback_disabled;
mod dsr017_aad_recovery_enabled;
mod dsr018_key_sign_test_failed;
mod dsr019_ngc_prerequisites;
mod dsr020_ngc_prereq_error;
mod dsr021_domain_joined_and_registered;
mod dsr022_mdm_urls_empty;
mod dsr023_device_healthy;
mod dsr024_virtual_desktop_invalid;

#[cfg(test)]
mod tests;

/// Every rule, in id order. Ids are stable and never reused; a retired rule leaves a gap.
pub const ALL: &[&Rule] = &[
    &dsr001_join_state::RULE,
    &dsr002_impossible_join_combination::RULE,
    &dsr003_device_auth_failed::RULE,
    &dsr004_device_certificate_validity::RULE,
    &dsr005_device_key_not_tpm::RULE,
    &dsr006_prt_missing::RULE,
    &dsr007_prt_stale::RULE,
    &dsr008_prt_expired::RULE,
    &dsr009_enterprise_prt::RULE,
    &dsr010_prt_diagnostics::RULE,
    &dsr011_cloud_kerberos::RULE,
    &dsr012_wam_default_error::RULE,
    &dsr013_run_context::RULE,
    &dsr014_join_attempt_failed::RULE,
    &dsr015_prejoin_test_failed::RULE,
    &dsr016_sync_join_fallback_disabled::RULE,
    &dsr017_aad_recovery_enabled::RULE,
    &dsr018_key_sign_test_failed::RULE,
    &dsr019_ngc_prerequisites::RULE,
    &dsr020_ngc_prereq_error::RULE,
    &dsr021_domain_joined_and_registered::RULE,
    &dsr022_mdm_urls_empty::RULE,
    &dsr023_device_healthy::RULE,
    &dsr024_virtual_desktop_invalid::RULE,
];

// ---------------------------------------------------------------------------------------------
// Types

/// How bad a finding is. Ordered worst first: `Critical < Warning < Info < Ok`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Something is broken: join, device authentication or sign-in does not work.
    Critical,
    /// Something degrades or will soon break, or a feature the admin enabled cannot work.
    Warning,
    /// Worth knowing; no action needed unless it is not what you expect.
    Info,
    /// A check passed and says so.
    Ok,
}

impl Severity {
    /// The snake_case name used in JSON and reports (`critical`).
    pub fn name(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Ok => "ok",
        }
    }

    /// Whether the finding asks the admin to act (critical or warning).
    pub fn is_problem(self) -> bool {
        matches!(self, Severity::Critical | Severity::Warning)
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A rule's user documentation, under fixed headings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Docs {
    /// What it checks.
    pub checks: &'static str,
    /// Why it matters.
    pub matters: &'static str,
    /// How to fix.
    pub fix: &'static str,
}

/// One diagnosis rule.
#[derive(Clone, Copy)]
pub struct Rule {
    /// Stable id (`DSR003`), never reused.
    pub id: &'static str,
    /// Kebab-case name (`device-auth-failed`).
    pub name: &'static str,
    /// The severity of its usual finding (a finding may be raised or lowered by what it sees).
    pub severity: Severity,
    /// Its documentation.
    pub docs: Docs,
    /// The check: the findings for one document (empty when the rule has nothing to say).
    pub check: fn(&Ctx<'_>) -> Vec<Finding>,
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rule")
            .field("id", &self.id)
            .field("name", &self.name)
            .field("severity", &self.severity)
            .finish_non_exhaustive()
    }
}

/// What a rule found in one output.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Finding {
    /// The id of the rule (`DSR003`).
    pub rule: &'static str,
    /// The name of the rule (`device-auth-failed`).
    pub name: &'static str,
    /// How bad it is.
    pub severity: Severity,
    /// One line saying what is wrong (or right), specific to this output.
    pub title: String,
    /// A plain explanation of what the values mean for this device.
    pub explanation: String,
    /// The fields that triggered the finding.
    pub evidence: Vec<Evidence>,
    /// What to do, in order.
    pub steps: Vec<Step>,
    /// The error codes this finding explains, as written in the output.
    pub codes: Vec<String>,
}

/// One field a finding is based on.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Evidence {
    /// The section title as written (`None` for the untitled fields of a fragment).
    pub section: Option<String>,
    /// The key as written.
    pub key: String,
    /// The value as written.
    pub value: String,
    /// 1-based line number in the decoded input.
    pub line: usize,
}

/// One remediation step.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Step {
    /// What to do.
    pub text: String,
    /// Microsoft documentation for the step (https).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<&'static str>,
}

// ---------------------------------------------------------------------------------------------
// Context

/// Who ran `dsregcmd /status`, which decides which sections can be trusted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RunContext {
    /// The SYSTEM account (a machine account `NAME$`, or `User Context : SYSTEM`): User State
    /// and SSO State describe no signed-in user.
    System,
    /// A user in an elevated prompt: user fields may show ERROR, device health tests run.
    ElevatedUser,
    /// A user in a normal prompt: the context the user and SSO sections are meant for.
    User,
    /// Nothing in the output says.
    Unknown,
}

/// The latest moment recorded in an output and the field it was read from.
#[derive(Clone, Copy, Debug)]
pub struct Moment<'a> {
    /// The time.
    pub time: Timestamp,
    /// The field holding it.
    pub field: FieldRef<'a>,
}

/// What every rule gets: the document plus what is worth computing once.
#[derive(Clone, Debug)]
pub struct Ctx<'a> {
    /// The document.
    pub doc: Doc<'a>,
    /// Its join state.
    pub join: Join,
    /// The latest time the output records as having happened (Client Time, PRT update times,
    /// the last PRT or join attempt, the last host name update). Expiry times and certificate
    /// validity are predictions, not observations, so they are not candidates. `None` when the
    /// output records no such time.
    pub now: Option<Moment<'a>>,
    /// Who ran the command.
    pub run: RunContext,
    /// The field that showed the run context, if any.
    pub run_evidence: Option<FieldRef<'a>>,
}

impl<'a> Ctx<'a> {
    /// The context of `doc`.
    pub fn new(doc: &Doc<'a>) -> Ctx<'a> {
        let doc = *doc;
        let mut now: Option<Moment<'a>> = None;
        for section in doc.sections() {
            for field in section.fields() {
                // The catalogue says which times are observations (the moment something
                // happened); expiry times and validity ranges are predictions.
                let observed = field
                    .known()
                    .is_some_and(|k| k.time == Some(TimeRole::Observed));
                if !observed {
                    continue;
                }
                if let Value::Timestamp(time) = field.value()
                    && now.is_none_or(|n| time > n.time)
                {
                    now = Some(Moment { time, field });
                }
            }
        }
        let (run, run_evidence) = run_context(&doc);
        Ctx {
            join: doc.join(),
            doc,
            now,
            run,
            run_evidence,
        }
    }

    /// The field `key` of `section` (see [`Doc::field`]).
    pub fn field(&self, section: &str, key: &str) -> Option<FieldRef<'a>> {
        self.doc.field(section, key)
    }

    /// The YES/NO field `key` of `section` with its value, `None` when absent or neither.
    pub fn flag(&self, section: &str, key: &str) -> Option<(bool, FieldRef<'a>)> {
        let f = self.field(section, key)?;
        f.value().as_bool().map(|b| (b, f))
    }

    /// Whether the device is joined to Entra ID (Entra joined or hybrid joined).
    pub fn entra_joined(&self) -> bool {
        matches!(
            self.join.state,
            JoinState::EntraJoined | JoinState::HybridJoined
        )
    }

    /// Whether the user-specific sections (User State, SSO State) describe a signed-in user.
    pub fn user_sections_valid(&self) -> bool {
        self.run != RunContext::System
    }
}

fn run_context<'a>(doc: &Doc<'a>) -> (RunContext, Option<FieldRef<'a>>) {
    if let Some(f) = doc.field("Diagnostic Data", "User Context") {
        let raw = f.raw();
        let v = raw.trim().to_ascii_uppercase();
        let run = if v.contains("SYSTEM") {
            Some(RunContext::System)
        } else if v.contains("UN-ELEVATED") || v.contains("UNELEVATED") {
            Some(RunContext::User)
        } else if v.contains("ELEVATED") {
            Some(RunContext::ElevatedUser)
        } else {
            None
        };
        if let Some(run) = run {
            return (run, Some(f));
        }
    }
    if let Some(f) = doc.find("Executing Account Name") {
        let value = f.value();
        let first = value.items().next().unwrap_or("");
        if first.ends_with('$') {
            return (RunContext::System, Some(f));
        }
        if first.eq_ignore_ascii_case("NT AUTHORITY\\SYSTEM") {
            return (RunContext::System, Some(f));
        }
    }
    (RunContext::Unknown, None)
}

// ---------------------------------------------------------------------------------------------
// Entry points

/// Runs every rule on `doc` and returns the findings ranked: worst severity first, then by
/// rule id, each rule's findings in the order it reported them; evidence in line order. `ok` findings are dropped
/// when any critical or warning finding exists (a device with a problem is not "healthy").
pub fn check(doc: &Doc<'_>) -> Vec<Finding> {
    check_in(&Ctx::new(doc))
}

/// [`check`] with a context the caller already built (a front end that also shows
/// [`Ctx::now`] builds it once).
pub fn check_in(ctx: &Ctx<'_>) -> Vec<Finding> {
    let mut findings: Vec<Finding> = ALL.iter().flat_map(|rule| (rule.check)(ctx)).collect();
    if findings.iter().any(|f| f.severity.is_problem()) {
        findings.retain(|f| f.severity != Severity::Ok);
    }
    findings.sort_by(|a, b| a.severity.cmp(&b.severity).then(a.rule.cmp(b.rule)));
    for f in &mut findings {
        f.evidence.sort_by_key(|e| e.line);
    }
    findings
}

/// One sentence for the whole output: the join state and the worst problem, e.g.
/// "Domain joined only: hybrid join is failing in the discover phase, the SCP object could not
/// be read." `findings` are those [`check`] returned for `doc`.
pub fn verdict(doc: &Doc<'_>, findings: &[Finding]) -> String {
    verdict_for(&doc.join(), findings)
}

/// [`verdict`] for a join state the caller already has.
pub fn verdict_for(join: &Join, findings: &[Finding]) -> String {
    let state = join.title();
    let problems: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.severity.is_problem())
        .collect();
    let Some(worst) = problems.iter().min_by_key(|f| (f.severity, f.rule)) else {
        if let Some(ok) = findings.iter().find(|f| f.severity == Severity::Ok) {
            return format!("{state}: {}.", decap(&ok.title));
        }
        let notes = findings.len();
        return match notes {
            0 => format!("{state}: no problems found."),
            1 => format!("{state}: no problems found, 1 note."),
            n => format!("{state}: no problems found, {n} notes."),
        };
    };
    let more = problems.len() - 1;
    let tail = match more {
        0 => String::new(),
        1 => " (and 1 more problem)".to_owned(),
        n => format!(" (and {n} more problems)"),
    };
    format!("{state}: {}{tail}.", decap(&worst.title))
}

/// Lower-cases the first word of a title when it is an ordinary sentence opener (`The`, `A`,
/// `Hybrid`…), keeping names such as `Windows Hello`, `Entra`, `PRT` or `KeySignTest`.
fn decap(title: &str) -> String {
    const OPENERS: &[&str] = &["The", "A", "An", "Hybrid", "No", "Fallback", "Device"];
    let word = title.split(' ').next().unwrap_or("");
    if OPENERS.contains(&word) {
        let mut out = String::with_capacity(title.len());
        out.push_str(&word.to_ascii_lowercase());
        out.push_str(&title[word.len()..]);
        out
    } else {
        title.to_owned()
    }
}

/// The rules documentation as Markdown (`docs/rules.md`), generated from [`ALL`].
pub fn rules_markdown() -> String {
    let mut out = String::from(
        "# Diagnosis rules\n\n\
         <!-- Generated from `dsreg_core::rules::ALL`; do not edit. Regenerate with \
         `UPDATE_EXPECT=1 cargo test -p dsreg-core rules`. -->\n\n\
         Every finding names its rule. Severities, worst first: `critical` (something is \
         broken), `warning` (degraded, about to break, or an enabled feature cannot work), \
         `info` (worth knowing), `ok` (a check passed).\n\n\
         | Id | Name | Default severity |\n|---|---|---|\n",
    );
    for rule in ALL {
        out.push_str(&format!(
            "| [{id}](#{anchor}) | `{name}` | {sev} |\n",
            id = rule.id,
            anchor = rule.id.to_ascii_lowercase(),
            name = rule.name,
            sev = rule.severity
        ));
    }
    for rule in ALL {
        out.push_str(&format!(
            "\n## {id}\n\n`{name}`, default severity `{sev}`.\n\n\
             ### What it checks\n\n{checks}\n\n\
             ### Why it matters\n\n{matters}\n\n\
             ### How to fix\n\n{fix}\n",
            id = rule.id,
            name = rule.name,
            sev = rule.severity,
            checks = rule.docs.checks,
            matters = rule.docs.matters,
            fix = rule.docs.fix,
        ));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Helpers for the rules

impl Finding {
    /// A finding of `rule` at its default severity.
    pub(crate) fn new(rule: &Rule, title: impl Into<String>) -> Finding {
        Finding {
            rule: rule.id,
            name: rule.name,
            severity: rule.severity,
            title: title.into(),
            explanation: String::new(),
            evidence: Vec::new(),
            steps: Vec::new(),
            codes: Vec::new(),
        }
    }

    /// Sets the severity.
    pub(crate) fn severity(mut self, severity: Severity) -> Finding {
        self.severity = severity;
        self
    }

    /// Sets the explanation.
    pub(crate) fn explain(mut self, text: impl Into<String>) -> Finding {
        self.explanation = text.into();
        self
    }

    /// Adds `field` as evidence (once).
    pub(crate) fn evidence(mut self, field: &FieldRef<'_>) -> Finding {
        let e = evidence(field);
        if !self.evidence.contains(&e) {
            self.evidence.push(e);
        }
        self
    }

    /// Adds every present field as evidence.
    pub(crate) fn evidence_opt(mut self, field: Option<FieldRef<'_>>) -> Finding {
        if let Some(f) = field {
            self = self.evidence(&f);
        }
        self
    }

    /// Adds a step.
    pub(crate) fn step(mut self, text: impl Into<String>, link: Option<&'static str>) -> Finding {
        self.steps.push(Step {
            text: text.into(),
            link,
        });
        self
    }

    /// Adds the code table's steps for a code, each with its own link or `default_link`.
    pub(crate) fn fix(mut self, fix: &[codes::FixStep], default_link: &'static str) -> Finding {
        for f in fix {
            self = self.step(f.text, Some(f.link.unwrap_or(default_link)));
        }
        self
    }

    /// Adds a code this finding explains (once).
    pub(crate) fn code(mut self, code: impl Into<String>) -> Finding {
        let code = code.into();
        if !code.is_empty() && !self.codes.iter().any(|c| c.eq_ignore_ascii_case(&code)) {
            self.codes.push(code);
        }
        self
    }
}

/// The evidence of one field.
pub(crate) fn evidence(field: &FieldRef<'_>) -> Evidence {
    Evidence {
        section: field.section_title().map(|s| s.trim().to_string()),
        key: field.key().to_string(),
        value: field.raw().trim().to_string(),
        line: field.line(),
    }
}

/// The timestamp of a field, if it holds one.
pub(crate) fn timestamp(field: &FieldRef<'_>) -> Option<Timestamp> {
    match field.value() {
        Value::Timestamp(t) => Some(t),
        _ => None,
    }
}

/// Seconds from `a` to `b` (negative when `b` is earlier).
pub(crate) fn seconds_between(a: Timestamp, b: Timestamp) -> i64 {
    b.unix_seconds() - a.unix_seconds()
}

pub(crate) use crate::text::{contains_ci, duration};

/// What the knowledge base says about `code` in context `ctx`: `(meaning, what to do)`, or
/// the decoded summary (and nothing to do) for codes it does not know.
pub(crate) fn explain_code(code: &str, ctx: codes::Context) -> (String, &'static [codes::FixStep]) {
    match codes::lookup(code, ctx) {
        Some(info) => {
            let name = if info.symbol.is_empty() {
                String::new()
            } else {
                format!(" ({})", info.symbol)
            };
            (format!("{code}{name}: {}", info.meaning), info.fix)
        }
        None => (codes::decode(code).summary(), &[]),
    }
}

/// Whether a value is a URL (AzureAdPrtAuthority prints `NO` when there is none).
pub(crate) fn is_url(field: &FieldRef<'_>) -> bool {
    let raw = field.raw();
    let t = raw.trim();
    contains_ci(t, "https://") || contains_ci(t, "http://")
}

#[cfg(test)]
pub(crate) mod testing {
    //! The pass/fail table helper every rule's tests use.

    use super::*;

    /// A Microsoft Entra joined device's Device State, for rule tables to build on.
    pub(crate) const ENTRA_JOINED: &str =
        "| Device State |\nAzureAdJoined : YES\nEnterpriseJoined : NO\nDomainJoined : NO\n";

    /// A hybrid joined device's Device State.
    pub(crate) const HYBRID_JOINED: &str =
        "| Device State |\nAzureAdJoined : YES\nEnterpriseJoined : NO\nDomainJoined : YES\n";

    /// The findings of `rule` alone on `input`.
    pub(crate) fn run(rule: &Rule, input: &str) -> Vec<Finding> {
        let analysis = crate::analyze(input.as_bytes());
        let doc = analysis.documents().next().expect("one document");
        let ctx = Ctx::new(&doc);
        (rule.check)(&ctx)
    }

    /// Asserts that `rule` reports nothing on every `pass` input, and on every `fail` input
    /// reports a first finding of the given severity whose title contains the given text.
    pub(crate) fn table(rule: &Rule, pass: &[&str], fail: &[(&str, Severity, &str)]) {
        for input in pass {
            let found = run(rule, input);
            assert!(
                found.is_empty(),
                "{} should pass on:\n{input}\nbut found: {found:#?}",
                rule.id
            );
        }
        for (input, severity, title) in fail {
            let found = run(rule, input);
            let first = found
                .first()
                .unwrap_or_else(|| panic!("{} should fire on:\n{input}", rule.id));
            assert_eq!(first.severity, *severity, "{input}\n{first:#?}");
            assert!(
                first.title.contains(title),
                "title {:?} lacks {title:?}",
                first.title
            );
            for f in &found {
                assert!(
                    !f.evidence.is_empty(),
                    "{} finding without evidence",
                    rule.id
                );
                assert_eq!(f.rule, rule.id);
                for step in &f.steps {
                    if let Some(link) = step.link {
                        assert!(link.starts_with("https://"), "{link}");
                    }
                }
            }
        }
    }
}
