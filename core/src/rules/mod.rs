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
use crate::lines::{LineKind, Noise};
use crate::model::{Doc, FieldRef};
use crate::value::{Timestamp, Value};

/// A rule's documentation ([`Docs`]); without the `docs` feature (the web build, where every
/// byte is downloaded) the texts are left out and stay empty.
#[cfg(feature = "docs")]
macro_rules! docs {
    (checks: $checks:expr, matters: $matters:expr, fix: $fix:expr $(,)?) => {
        $crate::rules::Docs {
            checks: $checks,
            matters: $matters,
            fix: $fix,
        }
    };
}
#[cfg(not(feature = "docs"))]
macro_rules! docs {
    (checks: $checks:expr, matters: $matters:expr, fix: $fix:expr $(,)?) => {
        $crate::rules::Docs {
            checks: "",
            matters: "",
            fix: "",
        }
    };
}

mod next;

mod dsr001_join_state;
mod dsr002_impossible_join_combination;
mod dsr003_device_auth_failed;
mod dsr004_device_certificate_validity;
pub use dsr004_device_certificate_validity::{Standing, standing};

/// Windows renews a PRT at sign-in and unlock, at most about every four hours: a PRT updated
/// longer ago than this before the output's clock was not renewed since.
pub const PRT_RENEWAL_SECONDS: i64 = 4 * 3_600;
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
mod dsr025_system_proxy;
mod dsr026_hybrid_join_pending;

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
    &dsr025_system_proxy::RULE,
    &dsr026_hybrid_join_pending::RULE,
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
    /// The root cause, as a short stable key (`join:discover`, `run-context`): findings of
    /// different rules with the same cause are one finding carrying all their evidence, and a
    /// finding is "the same" in two outputs when its rule and cause are.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
    /// Evidence for a cause another rule reports: merged into that rule's finding when it has
    /// one (and standing on its own otherwise).
    #[serde(skip)]
    pub(crate) supporting: bool,
    /// What to run next (on the device, a domain controller or in Entra ID) and what to read in
    /// the answer.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<&'static crate::checks::Check>,
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

/// Who ran `dsregcmd /status`, which decides which sections can be trusted. Only evidence
/// decides: `User Context : SYSTEM` alone is what an elevated prompt prints too (the dsregcmd
/// page: an elevated prompt is how an admin gets the SYSTEM-context diagnostics), so it reads
/// as "elevated or SYSTEM".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RunContext {
    /// Proven SYSTEM: a machine account (`NAME$`) or `NT AUTHORITY\SYSTEM` runs the command.
    /// User State and SSO State describe no signed-in user.
    System,
    /// Started by another program (a troubleshooter or an agent: "Starting external
    /// process"), as such tools run: as SYSTEM. The user sections describe no signed-in user.
    Tool,
    /// Proven elevated: `User Context : ELEVATED User`, or the `/debug` hint "must run as
    /// non-elevated user". User values such as WamDefaultSet cannot be read there.
    Elevated,
    /// `User Context : SYSTEM` without more evidence, or a prompt in `C:\Windows\system32`:
    /// an elevated prompt or SYSTEM. The user sections hold the data of the account that
    /// opened the prompt (perhaps an admin account, not the affected user).
    ElevatedOrSystem,
    /// A user in a normal prompt (`User Context : UN-ELEVATED User`).
    User,
    /// Nothing in the output says.
    Unknown,
}

/// What showed the run context: a field, or a console line around the output.
#[derive(Clone, Copy, Debug)]
pub enum RunEvidence<'a> {
    /// A field (`User Context`, `Executing Account Name`).
    Field(FieldRef<'a>),
    /// A console line (`Starting external process: …`, a `/debug` hint, a prompt).
    Line {
        /// 1-based line number.
        number: usize,
        /// The line as written.
        text: &'a str,
    },
}

/// The account that ran the command, from `Executing Account Name` (`DOMAIN\user, upn`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Account<'a> {
    /// The domain part of `DOMAIN\user` (`AzureAD`, the NetBIOS domain, or the computer's own
    /// name for a local account).
    pub domain: Option<&'a str>,
    /// The user part of `DOMAIN\user`.
    pub user: Option<&'a str>,
    /// The UPN or e-mail address, when printed.
    pub upn: Option<&'a str>,
}

impl Account<'_> {
    /// The UPN's suffix (`contoso.local`).
    pub fn upn_suffix(&self) -> Option<&str> {
        self.upn?.rsplit_once('@').map(|(_, s)| s.trim())
    }
}

/// Domain suffixes that are not routable on the internet: a UPN ending in one cannot be
/// verified in Entra ID.
const NON_ROUTABLE: &[&str] = &[
    "local",
    "lan",
    "internal",
    "intranet",
    "corp",
    "home",
    "localdomain",
    "private",
    "ad",
    "domain",
    "test",
    "example",
    "invalid",
    "localhost",
    "priv",
    "intra",
];

/// Whether `suffix` (a domain) ends in a label that is not routable (`contoso.local`).
pub(crate) fn non_routable(suffix: &str) -> bool {
    let last = suffix.rsplit('.').next().unwrap_or(suffix).trim();
    !suffix.contains('.') || NON_ROUTABLE.iter().any(|n| last.eq_ignore_ascii_case(n))
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
    /// What showed the run context, if anything.
    pub run_evidence: Option<RunEvidence<'a>>,
    /// The account that ran the command, when the output prints it.
    pub account: Account<'a>,
    /// The end of the output is missing (a compact line cut to fit): a field's absence says
    /// nothing, so no rule concludes from it.
    pub cut: bool,
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
            account: account(&doc),
            doc,
            now,
            run,
            run_evidence,
            cut: false,
        }
    }

    /// Whether the output holds a field whose home is `section` (read through the legacy
    /// layout and headerless fragments alike: the catalogue says where a field belongs).
    pub fn has(&self, section: &str) -> bool {
        self.doc.fields().any(|f| {
            f.known()
                .is_some_and(|k| crate::catalog::section_eq(k.home(), section))
        })
    }

    /// Whether the signed-in account is a local account of the computer (not a domain or Entra
    /// account): its domain is the computer's own name.
    pub fn local_account(&self) -> bool {
        let Some(domain) = self.account.domain else {
            return false;
        };
        let machine = self
            .field("Device State", "Device Name")
            .map(|f| f.raw().trim().split('.').next().unwrap_or("").to_owned());
        machine.is_some_and(|m| !m.is_empty() && m.eq_ignore_ascii_case(domain.trim()))
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

    /// Whether the user-specific sections (User State, SSO State) describe a signed-in user:
    /// not when SYSTEM (proven) or a tool ran the command.
    pub fn user_sections_valid(&self) -> bool {
        !matches!(self.run, RunContext::System | RunContext::Tool)
    }

    /// Whether the user sections hold a user's data, so the user-side rules apply: always in
    /// a user's or an elevated session, never as SYSTEM or from a tool, and for an output that
    /// is elevated or SYSTEM only when the sections show a user (a PRT, a WAM default account,
    /// a Windows Hello key, a work account, or a user account running the command).
    pub fn user_data(&self) -> bool {
        match self.run {
            RunContext::System | RunContext::Tool => false,
            RunContext::ElevatedOrSystem => {
                let yes = |section: &str, key: &str| self.flag(section, key).is_some_and(|f| f.0);
                yes("SSO State", "AzureAdPrt")
                    || yes("SSO State", "EnterprisePrt")
                    || yes("User State", "WamDefaultSet")
                    || yes("User State", "NgcSet")
                    || yes("User State", "WorkplaceJoined")
                    || self.account.user.is_some_and(|u| !u.ends_with('$'))
            }
            _ => true,
        }
    }
}

/// Who ran the command, and what shows it: the strongest evidence wins (a machine account or
/// a tool's banner prove SYSTEM; a `/debug` hint or `ELEVATED User` prove elevation; `User
/// Context : SYSTEM` alone is elevated or SYSTEM).
fn run_context<'a>(doc: &Doc<'a>) -> (RunContext, Option<RunEvidence<'a>>) {
    let account = doc.find("Executing Account Name");
    if let Some(f) = account {
        let value = f.value();
        let first = value.items().next().unwrap_or("");
        if first.ends_with('$') || first.eq_ignore_ascii_case("NT AUTHORITY\\SYSTEM") {
            return (RunContext::System, Some(RunEvidence::Field(f)));
        }
    }
    let text = doc.text();
    let mut prompt = None;
    for line in doc.lines() {
        let LineKind::Noise(noise) = line.kind else {
            continue;
        };
        let raw = line.span.slice(text).trim();
        let raw = raw.strip_suffix("<br/>").unwrap_or(raw).trim();
        let evidence = RunEvidence::Line {
            number: line.number as usize,
            text: raw,
        };
        match noise {
            Noise::Tool if crate::text::starts_with_ci(raw, "Starting external process") => {
                return (RunContext::Tool, Some(evidence));
            }
            Noise::Debug if contains_ci(raw, "must run as non-elevated") => {
                return (RunContext::Elevated, Some(evidence));
            }
            Noise::Prompt if prompt.is_none() && contains_ci(raw, "\\windows\\system32>") => {
                prompt = Some(evidence);
            }
            _ => {}
        }
    }
    if let Some(f) = doc.field("Diagnostic Data", "User Context") {
        let raw = f.raw();
        let v = raw.trim();
        let run = if contains_ci(v, "UN-ELEVATED") || contains_ci(v, "UNELEVATED") {
            Some(RunContext::User)
        } else if contains_ci(v, "ELEVATED") {
            Some(RunContext::Elevated)
        } else if contains_ci(v, "SYSTEM") {
            Some(RunContext::ElevatedOrSystem)
        } else {
            None
        };
        if let Some(run) = run {
            return (run, Some(RunEvidence::Field(f)));
        }
    }
    if let Some(p) = prompt {
        return (RunContext::ElevatedOrSystem, Some(p));
    }
    (RunContext::Unknown, None)
}

/// The account in `Executing Account Name` (`DOMAIN\user, user@upn`).
fn account<'a>(doc: &Doc<'a>) -> Account<'a> {
    let Some(f) = doc.find("Executing Account Name") else {
        return Account::default();
    };
    let raw = f.value_span().slice(doc.text());
    let mut account = Account::default();
    for item in raw.split(',').map(str::trim).filter(|i| !i.is_empty()) {
        if let Some((domain, user)) = item.split_once('\\') {
            account.domain.get_or_insert(domain.trim());
            account.user.get_or_insert(user.trim());
        } else if item.contains('@') {
            account.upn.get_or_insert(item);
        }
    }
    account
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
    rank(&mut findings);
    merge_causes(&mut findings);
    for f in &mut findings {
        if f.severity == Severity::Ok || f.rule == "DSR001" {
            continue;
        }
        f.checks = next::checks_for(ctx, f);
    }
    for f in &mut findings {
        crate::text::sort_small(&mut f.evidence, |a, b| a.line < b.line);
    }
    findings
}

/// Ranks findings: worst severity first, then by rule id (stable).
fn rank(findings: &mut [Finding]) {
    crate::text::sort_small(findings, |a, b| (a.severity, a.rule) < (b.severity, b.rule));
}

/// One root cause is one finding: findings that share a cause merge into the first (the worst,
/// then the lowest rule id), which takes their evidence, codes and steps and names what else
/// showed the same cause. `findings` must be ranked.
fn merge_causes(findings: &mut Vec<Finding>) {
    while let Some((primary, other)) = same_cause(findings) {
        let merged = findings.remove(other);
        let at = if other < primary {
            primary - 1
        } else {
            primary
        };
        if let Some(first) = findings.get_mut(at) {
            absorb(first, merged);
        }
        // A merged finding takes the worst severity: rank again.
        rank(findings);
    }
}

/// Two findings with the same cause: the one that reports it (the first that is not only
/// supporting it, else the first) and another one.
fn same_cause(findings: &[Finding]) -> Option<(usize, usize)> {
    for f in findings {
        let Some(cause) = f.cause.as_deref() else {
            continue;
        };
        let same: Vec<usize> = findings
            .iter()
            .enumerate()
            .filter(|(_, g)| g.cause.as_deref() == Some(cause))
            .map(|(i, _)| i)
            .collect();
        if same.len() < 2 {
            continue;
        }
        let primary = same
            .iter()
            .copied()
            .find(|&i| findings.get(i).is_some_and(|g| !g.supporting))
            .unwrap_or(same[0]);
        let other = same.iter().copied().find(|&i| i != primary)?;
        return Some((primary, other));
    }
    None
}

/// `first` takes `other`'s evidence, codes and steps, and its severity when worse.
fn absorb(first: &mut Finding, other: Finding) {
    first.severity = first.severity.min(other.severity);
    first.supporting = first.supporting && other.supporting;
    // A finding that only supports the cause adds its evidence; another rule's own finding
    // is named too.
    if !other.supporting {
        first
            .explanation
            .push_str(&format!(" Also shown: {}.", decap(&other.title)));
    }
    for e in other.evidence {
        if !first.evidence.contains(&e) {
            first.evidence.push(e);
        }
    }
    for s in other.steps {
        if !first.steps.iter().any(|x| x.text == s.text) {
            first.steps.push(s);
        }
    }
    for c in other.codes {
        first.code_ref(c);
    }
    for c in other.checks {
        if !first.checks.contains(&c) {
            first.checks.push(c);
        }
    }
    crate::text::sort_small(&mut first.evidence, |a, b| a.line < b.line);
}

/// One sentence for the whole output: the join state and the worst problem, e.g.
/// "Domain joined only: hybrid join is failing in the discover phase, the SCP object could not
/// be read." `findings` are those [`check`] returned for `doc`.
pub fn verdict(doc: &Doc<'_>, findings: &[Finding]) -> String {
    verdict_in(&Ctx::new(doc), findings)
}

/// [`verdict`] with a context the caller already built. Honest about what the text holds:
/// "healthy" only where the output shows the evidence for it; a fragment without a problem
/// says what it could judge and what it could not.
pub fn verdict_in(ctx: &Ctx<'_>, findings: &[Finding]) -> String {
    let state = ctx.join.title();
    let problems: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.severity.is_problem())
        .collect();
    if let Some(worst) = problems.iter().min_by_key(|f| (f.severity, f.rule)) {
        let more = problems.len() - 1;
        let tail = match more {
            0 => String::new(),
            1 => " (and 1 more problem)".to_owned(),
            n => format!(" (and {n} more problems)"),
        };
        return format!("{state}: {}{tail}.", decap(&worst.title));
    }
    if let Some(ok) = findings.iter().find(|f| f.severity == Severity::Ok) {
        return format!("{state}: {}.", decap(&ok.title));
    }
    let notes = match findings.len() {
        0 => String::new(),
        1 => " (1 note)".to_owned(),
        n => format!(" ({n} notes)"),
    };
    let parts = parts(ctx);
    if ctx.join.state == JoinState::Unknown {
        let holds = if parts.is_empty() {
            "no section of it".to_owned()
        } else {
            words(&parts)
        };
        let facts = facts(ctx);
        let shows = if facts.is_empty() {
            "nothing in it shows a problem".to_owned()
        } else {
            words(&facts)
        };
        return format!(
            "Only part of an output: this text holds {holds}, and {shows}{notes}. Paste the \
             whole dsregcmd /status output to check the join state and everything else."
        );
    }
    let missing: Vec<&str> = ["Device Details", "SSO State"]
        .into_iter()
        .filter(|s| ctx.entra_joined() && !ctx.has(s))
        .collect();
    if missing.is_empty() {
        format!("{state}: no problems found{notes}.")
    } else {
        format!(
            "{state}: no problems found in the parts shown{notes}, but this text lacks the {} \
             (paste the whole output to check the device and the user's sign-in).",
            words(&missing)
        )
    }
}

/// The parts of an output a text holds, by the catalogue's home sections of its fields.
fn parts(ctx: &Ctx<'_>) -> Vec<&'static str> {
    [
        ("Device State", "the Device State"),
        ("Device Details", "the Device Details"),
        ("Tenant Details", "the Tenant Details"),
        ("User State", "the User State"),
        ("SSO State", "the SSO State"),
        ("Diagnostic Data", "the Diagnostic Data"),
        ("Ngc Prerequisite Check", "the Windows Hello prerequisites"),
    ]
    .into_iter()
    .filter(|(section, _)| ctx.has(section))
    .map(|(_, name)| name)
    .collect()
}

/// What a fragment shows that is good news, in words.
fn facts(ctx: &Ctx<'_>) -> Vec<&'static str> {
    let yes = |section: &str, key: &str| ctx.flag(section, key).is_some_and(|f| f.0);
    let mut facts = Vec::new();
    if ctx.user_data() && yes("SSO State", "AzureAdPrt") {
        facts.push("the user has a PRT");
    }
    if ctx.user_data() && yes("User State", "NgcSet") {
        facts.push("the user has a Windows Hello key");
    }
    if ctx
        .field("Device Details", "DeviceAuthStatus")
        .is_some_and(|f| f.raw().trim() == "SUCCESS")
    {
        facts.push("Entra ID accepts the device");
    }
    if ctx
        .field("Ngc Prerequisite Check", "PreReqResult")
        .is_some_and(|f| f.raw().trim().eq_ignore_ascii_case("WillProvision"))
    {
        facts.push("Windows Hello will provision");
    }
    facts
}

/// `a`, `a and b`, `a, b and c`.
pub(crate) fn words(items: &[&str]) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == items.len() { " and " } else { ", " });
        }
        out.push_str(item);
    }
    out
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
            cause: None,
            supporting: false,
            checks: Vec::new(),
        }
    }

    /// Marks the finding as evidence for `cause`, which another rule reports.
    pub(crate) fn supports(mut self, cause: impl Into<String>) -> Finding {
        self.cause = Some(cause.into());
        self.supporting = true;
        self
    }

    /// Sets the root cause key (see [`Finding::cause`]).
    pub(crate) fn cause(mut self, cause: impl Into<String>) -> Finding {
        self.cause = Some(cause.into());
        self
    }

    /// Replaces the title.
    pub(crate) fn title_set(mut self, title: impl Into<String>) -> Finding {
        self.title = title.into();
        self
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

    /// Adds what showed the run context as evidence.
    pub(crate) fn run_evidence(mut self, evidence: Option<RunEvidence<'_>>) -> Finding {
        match evidence {
            Some(RunEvidence::Field(f)) => self.evidence(&f),
            Some(RunEvidence::Line { number, text }) => {
                let e = Evidence {
                    section: None,
                    key: String::new(),
                    value: text.to_string(),
                    line: number,
                };
                if !self.evidence.contains(&e) {
                    self.evidence.push(e);
                }
                self
            }
            None => self,
        }
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
        self.code_ref(code);
        self
    }

    fn code_ref(&mut self, code: impl Into<String>) -> &mut Finding {
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
