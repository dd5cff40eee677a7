//! Error-code knowledge base: what the codes in a `dsregcmd /status` output mean and what to do.
//!
//! Three entry points:
//! - [`lookup`] finds the knowledge-base entry ([`CodeInfo`]) for a code as it appears in the
//!   output, picking the meaning that fits the field it came from ([`Context`]);
//! - [`decode`] explains any code, known or not: HRESULT/NTSTATUS structure, the Win32 error
//!   inside `0x8007xxxx`, AADSTS numbers, OAuth words ([`Decoded::summary`] gives one line);
//! - [`scan`] finds every code-looking token in a value, so a report can list all of them.
//!
//! Every entry cites the Microsoft page its facts come from; the sentences are our own.
//!
//! ```
//! use dsreg_core::codes::{self, Context};
//!
//! let info = codes::lookup("0x801C001D", Context::Discover).unwrap();
//! assert_eq!(info.symbol, "DSREG_AUTOJOIN_ADCONFIG_READ_FAILED");
//! let (primary, sub) = codes::split_pair("FAIL [0x801c0021/0x80072ee2]");
//! assert_eq!((primary, sub), ("0x801c0021", Some("0x80072ee2")));
//! assert!(codes::decode("0x80070002").summary().contains("ERROR_FILE_NOT_FOUND"));
//! ```

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write as _;

use serde::Serialize;

use crate::sources;
use crate::text::{contains_ci, key_eq};

#[rustfmt::skip]
mod data;
mod names;

/// One of the pre-join diagnostic tests of the "Diagnostic Data" section.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DiagnosticTest {
    /// `AD Connectivity Test`: reaching a domain controller (pre-check phase).
    AdConnectivity,
    /// `AD Configuration Test`: reading the SCP object (discover phase).
    AdConfiguration,
    /// `DRS Discovery Test`: DRS discovery metadata and user realm (discover phase).
    DrsDiscovery,
    /// `DRS Connectivity Test`: basic connectivity to the DRS endpoint.
    DrsConnectivity,
    /// `Token acquisition Test`: federated token (auth phase).
    TokenAcquisition,
}

impl DiagnosticTest {
    /// Recognises a test by its field name, tolerant of case and spacing
    /// (`"Token acquisition Test"`, `"DRS Discovery Test"`).
    pub fn from_field(key: &str) -> Option<Self> {
        const NAMES: &[(&str, DiagnosticTest)] = &[
            ("adconnectivitytest", DiagnosticTest::AdConnectivity),
            ("adconfigurationtest", DiagnosticTest::AdConfiguration),
            ("drsdiscoverytest", DiagnosticTest::DrsDiscovery),
            ("drsconnectivitytest", DiagnosticTest::DrsConnectivity),
            ("tokenacquisitiontest", DiagnosticTest::TokenAcquisition),
        ];
        NAMES.iter().find(|(n, _)| word_eq(n, key)).map(|&(_, t)| t)
    }
}

/// Where a code was found. One code can mean different things in different fields or join
/// phases; [`lookup`] uses the context to pick the right meaning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Context {
    /// Nothing known about where the code came from.
    Generic,
    /// Hybrid join failed in the `pre-check` error phase.
    PreCheck,
    /// Hybrid join failed in the `discover` error phase (SCP, DRS discovery, realm).
    Discover,
    /// Hybrid join failed in the `auth` error phase (federated token).
    Auth,
    /// Hybrid join failed in the `join` error phase (DRS registration, TPM).
    Join,
    /// `Attempt Status` of AcquirePrtDiagnostics / RefreshPrtDiagnostics (NTSTATUS-style).
    PrtAttemptStatus,
    /// `HTTP Error` of the PRT diagnostics (WinHTTP transport error).
    PrtHttpError,
    /// `Server Error Code` / `Server Error Description` of the PRT diagnostics (OAuth, AADSTS).
    PrtServerError,
    /// `Server ErrorCode` / `Server Message` of the pre-join diagnostics (DRS reply).
    DrsServerError,
    /// The `FAIL [...]` value of a pre-join diagnostic test.
    Test(DiagnosticTest),
    /// Proxy sections (`Auto Detect PAC Status`).
    Proxy,
    /// Post-join health values (`DeviceAuthStatus`, `KeySignTest`, `AadRecoveryEnabled`).
    DeviceHealth,
    /// Windows Hello for Business provisioning.
    WindowsHello,
    /// MDM, Intune or Autopilot enrollment.
    MdmEnrollment,
}

impl Context {
    /// The context for an `Error Phase` value (`pre-check`, `discover`, `auth`, `join`).
    pub fn from_error_phase(phase: &str) -> Option<Self> {
        const PHASES: &[(&str, Context)] = &[
            ("precheck", Context::PreCheck),
            ("discover", Context::Discover),
            ("discovery", Context::Discover),
            ("auth", Context::Auth),
            ("authentication", Context::Auth),
            ("join", Context::Join),
        ];
        PHASES
            .iter()
            .find(|(n, _)| word_eq(n, phase))
            .map(|&(_, c)| c)
    }

    /// The context implied by the field a code was found in. `section` (the section title,
    /// if known) separates the PRT `Server Error Code` from the pre-join `Server ErrorCode`;
    /// without it the spelling decides. For `Client ErrorCode` prefer
    /// [`Context::from_error_phase`] with the `Error Phase` value.
    pub fn for_field(section: Option<&str>, key: &str) -> Self {
        if let Some(test) = DiagnosticTest::from_field(key) {
            return Context::Test(test);
        }
        let is = |name: &str| word_eq(name, key);
        if is("Server Error Code") {
            let in_sso = section.is_some_and(|s| contains_ci(s, "sso") || contains_ci(s, "user"));
            let in_diag = section.is_some_and(|s| contains_ci(s, "diagnostic"));
            return if in_sso || (!in_diag && key.contains("Error Code")) {
                Context::PrtServerError
            } else {
                Context::DrsServerError
            };
        }
        if is("Attempt Status") {
            Context::PrtAttemptStatus
        } else if is("HTTP Error") {
            Context::PrtHttpError
        } else if is("Server Error Description") {
            Context::PrtServerError
        } else if is("Server Message") || is("Server ErrorSubCode") {
            Context::DrsServerError
        } else if is("Auto Detect PAC Status") {
            Context::Proxy
        } else if is("DeviceAuthStatus") || is("KeySignTest") || is("AadRecoveryEnabled") {
            Context::DeviceHealth
        } else if is("PreReqResult") || is("NgcPreReq") {
            Context::WindowsHello
        } else {
            Context::Generic
        }
    }

    /// The broader context tried when no entry matches this one (a test → its phase).
    pub fn parent(self) -> Option<Self> {
        match self {
            Context::Test(DiagnosticTest::AdConnectivity) => Some(Context::PreCheck),
            Context::Test(
                DiagnosticTest::AdConfiguration
                | DiagnosticTest::DrsDiscovery
                | DiagnosticTest::DrsConnectivity,
            ) => Some(Context::Discover),
            Context::Test(DiagnosticTest::TokenAcquisition) => Some(Context::Auth),
            Context::DrsServerError => Some(Context::Join),
            _ => None,
        }
    }
}

/// One meaning of one code, with what to do about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct CodeInfo {
    /// Canonical spelling: `0x801c001d` (lower-case hex), `12002` (Win32 number),
    /// `AADSTS50126`, `invalid_grant`, or a dsregcmd field value such as `KeySignTest FAILED`.
    pub code: &'static str,
    /// Other spellings of the same code (e.g. the HRESULT of a Win32 error).
    pub aliases: &'static [&'static str],
    /// Symbolic name (`DSREG_E_DIRECTORY_FAILURE`, `STATUS_LOGON_FAILURE`), empty when
    /// Microsoft gives none.
    pub symbol: &'static str,
    /// Fields or phases where this meaning applies.
    pub contexts: &'static [Context],
    /// For codes with several meanings in one context: a lower-case fragment of the evidence
    /// next to the code (a server message, an endpoint) that selects this entry (see
    /// [`lookup_with_message`]).
    pub hint: Option<&'static str>,
    /// A short clause for a finding's title (`the device was deleted or disabled in Entra ID`).
    pub title: Option<&'static str>,
    /// What the code means, in plain words.
    pub meaning: &'static str,
    /// What an admin should do, in order.
    pub fix: &'static [FixStep],
    /// Microsoft documentation the facts come from (https).
    pub sources: &'static [&'static str],
}

/// One step of what to do about a code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct FixStep {
    /// What to do.
    pub text: &'static str,
    /// The Microsoft page for this step, when it has its own (https).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<&'static str>,
}

/// Every knowledge-base entry, grouped by area; several entries can share a code.
pub fn all() -> &'static [CodeInfo] {
    data::KB
}

/// The knowledge-base entry for `code` as written in the output, in context `ctx`.
///
/// Accepts `0x801c001d`, `0x801C001D`, `-2145648611`, `[0x80070002]`, a pair
/// `0x801c0021/0x80072ee2` (the primary code is looked up; see [`split_pair`]), NTSTATUS values,
/// `AADSTS50126`, server words (`invalid_grant`, `DirectoryError`), symbols
/// (`DSREG_E_DIRECTORY_FAILURE`) and the health values of the TSV (`KeySignTest FAILED`).
/// When no entry is written for `ctx` (or its [`Context::parent`]), the code's primary meaning
/// is returned; `None` means the code is not in the knowledge base (try [`decode`]).
pub fn lookup(code: &str, ctx: Context) -> Option<&'static CodeInfo> {
    select(&normalize(code)?, ctx, None)
}

/// Like [`lookup`], but a server message (`Server Message`, `Server Error Description`) picks
/// between the meanings of an ambiguous server word: `DirectoryError` with "throttled",
/// "AADSTS90002" or "device object … not found" in the message are three different problems.
pub fn lookup_with_message(code: &str, ctx: Context, message: &str) -> Option<&'static CodeInfo> {
    select(&normalize(code)?, ctx, Some(message))
}

/// Every knowledge-base entry for `code`, in any context.
pub fn meanings(code: &str) -> impl Iterator<Item = &'static CodeInfo> {
    normalize(code)
        .map(|n| candidates(&n))
        .unwrap_or_default()
        .into_iter()
}

/// Splits a `primary/sub` pair as shown by `DRS Discovery Test : FAIL [0x801c0021/0x801c000c]`.
///
/// Surrounding text and brackets are dropped: `"FAIL [0x801c0021/0x80072ee2]"` gives
/// `("0x801c0021", Some("0x80072ee2"))`, `"[0x80070002]"` gives `("0x80070002", None)`.
pub fn split_pair(s: &str) -> (&str, Option<&str>) {
    let mut t = s.trim();
    if let Some(i) = t.find('[') {
        t = &t[i + 1..];
        if let Some(j) = t.find(']') {
            t = &t[..j];
        }
    }
    let t = t.trim_matches(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '[' | ']'));
    let numeric = t.starts_with(|c: char| c.is_ascii_digit() || c == '-');
    match t.split_once('/') {
        Some((a, b)) if numeric => {
            let b = b.trim();
            (a.trim(), (!b.is_empty()).then_some(b))
        }
        _ => (t, None),
    }
}

/// The numeric value of a code written as hex (`0x…`), signed decimal (`-2145648611`) or
/// decimal (`12002`); brackets and a `/sub` part are ignored.
pub fn parse_value(code: &str) -> Option<u32> {
    match normalize(code)? {
        Norm::Num(v) => Some(v),
        _ => None,
    }
}

/// What kind of code a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeKind {
    /// A COM/Windows HRESULT (`0x8xxxxxxx`, including `HRESULT_FROM_WIN32` and
    /// `HRESULT_FROM_NT` values).
    Hresult,
    /// An NTSTATUS-style value (`0xCxxxxxxx`), as in the PRT `Attempt Status`.
    NtStatus,
    /// A plain Win32 error number (e.g. WinHTTP `12002`).
    Win32,
    /// An Entra ID sign-in error `AADSTSnnnnn`.
    Aadsts,
    /// An AD FS error `MSISnnnn`.
    Msis,
    /// An OAuth or registration-service error word (`invalid_grant`, `DirectoryError`).
    ServerWord,
    /// A symbolic error name (`DSREG_E_DIRECTORY_FAILURE`).
    Symbol,
    /// A dsregcmd field value from the knowledge base (`KeySignTest FAILED`).
    FieldValue,
    /// Not recognised.
    Unknown,
}

/// Severity bits of an HRESULT or NTSTATUS.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusSeverity {
    /// Success.
    Success,
    /// Informational (NTSTATUS only).
    Informational,
    /// Warning (NTSTATUS only).
    Warning,
    /// Error / failure.
    Error,
}

impl StatusSeverity {
    fn as_str(self) -> &'static str {
        match self {
            StatusSeverity::Success => "success",
            StatusSeverity::Informational => "informational",
            StatusSeverity::Warning => "warning",
            StatusSeverity::Error => "error",
        }
    }
}

/// The facility field of an HRESULT or NTSTATUS.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Facility {
    /// The facility number.
    pub code: u16,
    /// Its name when it is a common one (`WIN32`, `ITF`, `HTTP`…).
    pub name: Option<&'static str>,
}

/// Everything that can be said about one code, known or not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Decoded {
    /// The code as given (trimmed, brackets removed, primary part of a pair).
    pub input: String,
    /// Canonical spelling: lower-case `0x…` for hex and negative decimals, the number for a
    /// positive decimal, `AADSTS…`/`MSIS…` upper-case, words as given.
    pub canonical: String,
    /// What kind of code it is.
    pub kind: CodeKind,
    /// Numeric value (for AADSTS/MSIS: the number after the prefix).
    pub value: Option<u32>,
    /// Severity bits (HRESULT / NTSTATUS only).
    pub severity: Option<StatusSeverity>,
    /// Facility (HRESULT / NTSTATUS only).
    pub facility: Option<Facility>,
    /// The Win32 error inside a `0x8007xxxx` HRESULT, or the number itself for [`CodeKind::Win32`].
    pub win32: Option<u32>,
    /// The NTSTATUS inside an `HRESULT_FROM_NT` value (`0xD…`), or the value itself.
    pub ntstatus: Option<u32>,
    /// Symbolic name when known.
    pub name: Option<String>,
    /// Short meaning when known (from the knowledge base first, then the generic tables).
    pub meaning: Option<&'static str>,
    /// The knowledge-base entry for the generic context, if any.
    pub known: Option<&'static CodeInfo>,
    /// Reference page for the meaning (https).
    pub source: Option<&'static str>,
}

impl Decoded {
    /// One line for a human: the meaning when known, otherwise "unknown code" plus the
    /// structure that could be decoded.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        let _ = write!(out, "{}", self.canonical);
        if let Some(name) = &self.name
            && !name.eq_ignore_ascii_case(&self.canonical)
        {
            let _ = write!(out, " {name}");
        }
        let structure = self.structure();
        match (self.meaning, self.kind) {
            (Some(m), _) => {
                let _ = write!(out, ": {m}");
                if !structure.is_empty() && self.known.is_none() {
                    let _ = write!(out, " ({structure})");
                }
            }
            (None, CodeKind::Aadsts) => {
                let n = self.value.unwrap_or(0);
                let _ = write!(
                    out,
                    ": AADSTS error {n}, not in this knowledge base; look it up at \
                     https://login.microsoftonline.com/error?code={n}"
                );
            }
            (None, CodeKind::Msis) => {
                out.push_str(
                    ": AD FS error; the text after the code explains it and the AD FS \
                     Admin event log on the federation server has the details",
                );
            }
            (None, _) => {
                out.push_str(": unknown code");
                if !structure.is_empty() {
                    let _ = write!(out, " ({structure})");
                }
            }
        }
        out
    }

    /// The decoded structure as text, e.g. `HRESULT error, facility WIN32 (7), Win32 error 2`.
    fn structure(&self) -> String {
        let mut s = String::new();
        match self.kind {
            CodeKind::Hresult => s.push_str("HRESULT"),
            CodeKind::NtStatus => s.push_str("NTSTATUS"),
            CodeKind::Win32 => s.push_str("Win32 error number"),
            _ => return s,
        }
        if let Some(sev) = self.severity {
            let _ = write!(s, " {}", sev.as_str());
        }
        if let Some(f) = self.facility {
            match f.name {
                Some(n) => {
                    let _ = write!(s, ", facility {n} ({})", f.code);
                }
                None => {
                    let _ = write!(s, ", facility {}", f.code);
                }
            }
        }
        if self.kind == CodeKind::Hresult {
            if let Some(w) = self.win32 {
                let _ = write!(s, ", Win32 error {w}");
            }
            if let Some(nt) = self.ntstatus {
                let _ = write!(s, ", wraps NTSTATUS 0x{nt:08x}");
            }
        }
        if let Some(v) = self.value
            && matches!(self.kind, CodeKind::Hresult | CodeKind::NtStatus)
        {
            let _ = write!(s, ", code 0x{:04x}", v & 0xffff);
        }
        s
    }
}

/// Decodes any code: knowledge-base meaning first, then HRESULT/NTSTATUS structure, Win32 and
/// WinHTTP names, AADSTS/MSIS numbers and OAuth words. Never fails: unrecognised input comes
/// back as [`CodeKind::Unknown`].
pub fn decode(code: &str) -> Decoded {
    let input = String::from(split_pair(code).0);
    let known = lookup(code, Context::Generic);
    let mut d = Decoded {
        canonical: input.clone(),
        input,
        kind: CodeKind::Unknown,
        value: None,
        severity: None,
        facility: None,
        win32: None,
        ntstatus: None,
        name: None,
        meaning: None,
        known,
        source: None,
    };
    match normalize(code) {
        Some(Norm::Num(v)) => decode_number(&mut d, v),
        Some(Norm::Aadsts(n)) => {
            d.kind = CodeKind::Aadsts;
            d.value = Some(n);
            d.canonical = format!("AADSTS{n}");
            d.source = Some(sources::AADSTS);
        }
        Some(Norm::Msis(n)) => {
            d.kind = CodeKind::Msis;
            d.value = Some(n);
            d.canonical = format!("MSIS{n}");
        }
        Some(Norm::Word(w)) => {
            if let Some(&(word, meaning)) = names::SERVER_WORDS
                .iter()
                .find(|(word, _)| w.eq_ignore_ascii_case(word))
            {
                d.kind = CodeKind::ServerWord;
                d.canonical = String::from(word);
                d.meaning = Some(meaning);
                d.source = Some(sources::OAUTH);
            } else if let Some(k) = known {
                d.kind = if word_eq(k.code, w) {
                    if k.code.contains(' ') {
                        CodeKind::FieldValue
                    } else {
                        CodeKind::ServerWord
                    }
                } else {
                    CodeKind::Symbol
                };
            }
        }
        None => {}
    }
    if let Some(k) = known {
        if matches!(d.kind, CodeKind::ServerWord | CodeKind::FieldValue) {
            d.canonical = String::from(k.code);
        }
        if !k.symbol.is_empty() {
            d.name = Some(String::from(k.symbol));
        }
        d.meaning = Some(k.meaning);
        d.source = k.sources.first().copied();
        if d.kind == CodeKind::Symbol {
            // A symbol stands for its code: decode that code's structure as well.
            if let Some(Norm::Num(v)) = normalize(k.code) {
                decode_number(&mut d, v);
                d.kind = CodeKind::Symbol;
                d.canonical = String::from(k.code);
            }
        }
    }
    d
}

fn named(table: &'static [names::Named], v: u32) -> Option<&'static names::Named> {
    table.iter().find(|(n, _, _)| *n == v)
}

fn facility(code: u16) -> Facility {
    let name = names::FACILITIES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|&(_, n)| n);
    Facility { code, name }
}

/// What a code's number is: a Win32 error below 0x10000, an NTSTATUS where the top bits say so
/// (and the N bit does not make it an HRESULT carrying one), otherwise an HRESULT.
fn numeric_kind(v: u32) -> CodeKind {
    if v < 0x1_0000 {
        CodeKind::Win32
    } else if v & 0x8000_0000 != 0 && v & 0x1000_0000 != 0 {
        CodeKind::Hresult
    } else if v >> 30 == 0b11 || v >> 30 == 0b01 {
        CodeKind::NtStatus
    } else {
        CodeKind::Hresult
    }
}

fn decode_number(d: &mut Decoded, v: u32) {
    d.value = Some(v);
    d.kind = numeric_kind(v);
    let from_hex = d.input.starts_with("0x") || d.input.starts_with("0X");
    if d.input.starts_with('-') || from_hex {
        d.canonical = format!("0x{v:x}");
    } else {
        d.canonical = format!("{v}");
    }
    let fill = |d: &mut Decoded, entry: Option<&'static names::Named>, src: &'static str| {
        if let Some(&(_, name, meaning)) = entry
            && d.known.is_none()
        {
            d.name = Some(String::from(name));
            d.meaning = Some(meaning);
            d.source = Some(src);
        }
    };
    if v < 0x1_0000 {
        d.win32 = Some(v);
        let src = if (12000..13000).contains(&v) {
            sources::WINHTTP
        } else {
            sources::WIN32
        };
        fill(d, named(names::WIN32, v), src);
    } else if v & 0x8000_0000 != 0 && v & 0x1000_0000 != 0 {
        // HRESULT_FROM_NT: the N bit marks an NTSTATUS carried inside an HRESULT.
        let nt = v & !0x1000_0000;
        d.severity = Some(StatusSeverity::Error);
        d.facility = Some(Facility {
            code: ((nt >> 16) & 0xfff) as u16,
            name: None,
        });
        d.ntstatus = Some(nt);
        if let Some(&(_, name, meaning)) = named(names::NTSTATUS, nt)
            && d.known.is_none()
        {
            d.name = Some(format!("HRESULT_FROM_NT({name})"));
            d.meaning = Some(meaning);
            d.source = Some(sources::NTSTATUS);
        }
    } else if v >> 30 == 0b11 || v >> 30 == 0b01 {
        d.ntstatus = Some(v);
        d.severity = Some(if v >> 30 == 0b11 {
            StatusSeverity::Error
        } else {
            StatusSeverity::Informational
        });
        d.facility = Some(Facility {
            code: ((v >> 16) & 0xfff) as u16,
            name: None,
        });
        fill(d, named(names::NTSTATUS, v), sources::NTSTATUS);
    } else {
        d.severity = Some(if v & 0x8000_0000 != 0 {
            StatusSeverity::Error
        } else {
            StatusSeverity::Success
        });
        let fac = ((v >> 16) & 0x7ff) as u16;
        d.facility = Some(facility(fac));
        if let Some(entry) = named(names::HRESULTS, v) {
            fill(d, Some(entry), sources::HRESULT);
        } else if fac == 7 {
            let w = v & 0xffff;
            d.win32 = Some(w);
            if let Some(&(_, name, meaning)) = named(names::WIN32, w)
                && d.known.is_none()
            {
                d.name = Some(format!("HRESULT_FROM_WIN32({name})"));
                d.meaning = Some(meaning);
                d.source = Some(if (12000..13000).contains(&w) {
                    sources::WINHTTP
                } else {
                    sources::WIN32
                });
            }
        }
        if fac == 7 && d.win32.is_none() {
            d.win32 = Some(v & 0xffff);
        }
    }
}

/// A code-looking token found by [`scan`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct FoundCode<'a> {
    /// The token as written.
    pub text: &'a str,
    /// Byte offset of the token in the scanned text.
    pub start: usize,
    /// Byte offset just past the token.
    pub end: usize,
    /// What kind of code the token looks like.
    pub kind: CodeKind,
    /// For the second half of a `primary/sub` pair: the index (in the returned list) of the
    /// primary code.
    pub sub_of: Option<usize>,
}

impl FoundCode<'_> {
    /// Decodes the token (see [`decode`]).
    pub fn decode(&self) -> Decoded {
        decode(self.text)
    }
}

/// Finds every code-looking token in `text`: hex `0x…` (1–8 digits, zero skipped because it
/// means "no error"), negative decimals in the HRESULT/NTSTATUS range (`-2145648611`),
/// `AADSTSnnnn`, `MSISnnnn`, and known server words and symbols (`invalid_grant`,
/// `DirectoryError`, `DSREG_E_DIRECTORY_FAILURE`). Positive decimals are not reported: in a
/// value they are far more often counts, ports or HTTP statuses than Win32 errors.
pub fn scan(text: &str) -> Vec<FoundCode<'_>> {
    let bytes = text.as_bytes();
    let mut found: Vec<FoundCode<'_>> = Vec::new();
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut i = 0;
    while i < bytes.len() {
        let at_start = i == 0 || !(is_word(bytes[i - 1]) || bytes[i - 1] == b'-');
        if !at_start {
            i += 1;
            continue;
        }
        let b = bytes[i];
        // Hex 0x…
        if b == b'0' && matches!(bytes.get(i + 1), Some(b'x' | b'X')) {
            let digits = bytes[i + 2..]
                .iter()
                .take_while(|c| c.is_ascii_hexdigit())
                .count();
            let end = i + 2 + digits;
            if (1..=8).contains(&digits) && !bytes.get(end).is_some_and(|&c| is_word(c)) {
                let tok = &text[i..end];
                if let Ok(v) = u32::from_str_radix(&tok[2..], 16)
                    && v != 0
                {
                    push_found(&mut found, text, tok, i, end, v);
                }
            }
            i = end.max(i + 1);
            continue;
        }
        // Negative decimal in HRESULT range.
        if b == b'-' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
            let digits = bytes[i + 1..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count();
            let end = i + 1 + digits;
            let tok = &text[i..end];
            let glued = bytes.get(end).is_some_and(|&c| is_word(c));
            let decimal_point =
                bytes.get(end) == Some(&b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit);
            let trailing_ok = !(glued || decimal_point);
            if (9..=10).contains(&digits)
                && trailing_ok
                && let Some(v) = parse_value(tok)
                && (0x8000_0000..=0xefff_ffff).contains(&v)
            {
                push_found(&mut found, text, tok, i, end, v);
            }
            i = end;
            continue;
        }
        // Identifiers: AADSTS…, MSIS…, known words.
        if b.is_ascii_alphabetic() {
            let len = bytes[i..].iter().take_while(|&&c| is_word(c)).count();
            let end = i + len;
            let tok = &text[i..end];
            let kind = if prefixed_number(tok, "AADSTS").is_some() {
                Some(CodeKind::Aadsts)
            } else if prefixed_number(tok, "MSIS").is_some() {
                Some(CodeKind::Msis)
            } else {
                known_word_kind(tok)
            };
            if let Some(kind) = kind {
                found.push(FoundCode {
                    text: tok,
                    start: i,
                    end,
                    kind,
                    sub_of: None,
                });
            }
            i = end;
            continue;
        }
        i += 1;
    }
    found
}

/// Pushes a numeric token, classifying it and linking a `/sub` half to its primary.
fn push_found<'a>(
    found: &mut Vec<FoundCode<'a>>,
    text: &'a str,
    tok: &'a str,
    start: usize,
    end: usize,
    value: u32,
) {
    let kind = numeric_kind(value);
    let sub_of = found.last().and_then(|prev| {
        let numeric = matches!(
            prev.kind,
            CodeKind::Hresult | CodeKind::NtStatus | CodeKind::Win32
        );
        (numeric && prev.end + 1 == start && text.as_bytes()[prev.end] == b'/')
            .then_some(found.len() - 1)
    });
    found.push(FoundCode {
        text: tok,
        start,
        end,
        kind,
        sub_of,
    });
}

/// The kind of a bare identifier when it is a known server word or knowledge-base symbol.
fn known_word_kind(tok: &str) -> Option<CodeKind> {
    if names::SERVER_WORDS
        .iter()
        .any(|(w, _)| w.eq_ignore_ascii_case(tok))
    {
        return Some(CodeKind::ServerWord);
    }
    if !may_be_word(tok) {
        return None;
    }
    // `eq_ignore_ascii_case` compares the lengths first: most entries are rejected at once.
    let mut kind = None;
    for e in data::KB {
        if e.code.eq_ignore_ascii_case(tok) && is_identifier(e.code) {
            return Some(CodeKind::ServerWord);
        }
        if kind.is_none() && e.symbol.eq_ignore_ascii_case(tok) && !e.symbol.is_empty() {
            kind = Some(CodeKind::Symbol);
        }
    }
    kind
}

/// Whether some word or symbol of the table could equal `word` by [`key_eq`]'s rule: its first
/// two letters or digits are a pair the table's words begin with (never a false "no").
fn may_be_word(word: &str) -> bool {
    let mut folded = word
        .bytes()
        .filter(u8::is_ascii_alphanumeric)
        .map(|b| b.to_ascii_lowercase());
    let Some(first @ b'a'..=b'z') = folded.next() else {
        return false;
    };
    let bit = match folded.next() {
        Some(c @ b'a'..=b'z') => c - b'a',
        Some(d @ b'0'..=b'9') => 26 + (d - b'0'),
        _ => 63,
    };
    data::WORD_BIGRAMS[usize::from(first - b'a')] >> bit & 1 == 1
}

fn is_identifier(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_')
        && prefixed_number(s, "AADSTS").is_none()
}

// ---- normalisation and matching ----------------------------------------------------------

/// A code reduced to what identifies it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Norm<'a> {
    Num(u32),
    Aadsts(u32),
    Msis(u32),
    Word(&'a str),
}

fn prefixed_number(s: &str, prefix: &str) -> Option<u32> {
    let head = s.get(..prefix.len())?;
    let rest = &s[prefix.len()..];
    if head.eq_ignore_ascii_case(prefix)
        && !rest.is_empty()
        && rest.bytes().all(|c| c.is_ascii_digit())
    {
        rest.parse().ok()
    } else {
        None
    }
}

fn normalize(code: &str) -> Option<Norm<'_>> {
    let s = split_pair(code)
        .0
        .trim_end_matches(['.', ',', ';', ':'])
        .trim();
    if s.is_empty() {
        return None;
    }
    if let Some(hex) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        if (1..=8).contains(&hex.len()) && hex.bytes().all(|c| c.is_ascii_hexdigit()) {
            return u32::from_str_radix(hex, 16).ok().map(Norm::Num);
        }
        return Some(Norm::Word(s));
    }
    if let Some(dec) = s.strip_prefix('-')
        && !dec.is_empty()
        && dec.bytes().all(|c| c.is_ascii_digit())
    {
        let n: i64 = s.parse().ok()?;
        return i32::try_from(n).ok().map(|n| Norm::Num(n as u32));
    }
    if s.bytes().all(|c| c.is_ascii_digit()) {
        return s.parse().ok().map(Norm::Num);
    }
    if let Some(n) = prefixed_number(s, "AADSTS") {
        return Some(Norm::Aadsts(n));
    }
    if let Some(n) = prefixed_number(s, "MSIS") {
        return Some(Norm::Msis(n));
    }
    Some(Norm::Word(s))
}

/// Two words are the same by [`key_eq`]'s rule, and not empty.
fn word_eq(a: &str, b: &str) -> bool {
    a.bytes().any(|c| c.is_ascii_alphanumeric()) && key_eq(a, b)
}

/// The entries a normalised code can mean, in the table's order (each once): numbers by a
/// binary search in the index codegen writes next to the table, the rest by a pass.
fn candidates(q: &Norm<'_>) -> Vec<&'static CodeInfo> {
    match *q {
        Norm::Num(v) => {
            let from = data::NUM_KEYS.partition_point(|&k| k < v);
            data::NUM_KEYS[from..]
                .iter()
                .zip(&data::NUM_ENTRIES[from..])
                .take_while(|&(&k, _)| k == v)
                .map(|(_, &i)| &data::KB[usize::from(i)])
                .collect()
        }
        // AADSTS and MSIS codes are few and rare in an output: a pass over the table.
        Norm::Aadsts(_) | Norm::Msis(_) => data::KB
            .iter()
            .filter(|e| {
                core::iter::once(&e.code)
                    .chain(e.aliases)
                    .any(|c| normalize(c).as_ref() == Some(q))
            })
            .collect(),
        Norm::Word(w) => word_candidates(w),
    }
}

/// The entries whose code, alias or symbol equals `word` by [`key_eq`]'s rule: a pass over
/// the table (words are rare in values; the comparison stops at the first differing letter).
fn word_candidates(word: &str) -> Vec<&'static CodeInfo> {
    if !may_be_word(word) {
        return Vec::new();
    }
    data::KB
        .iter()
        .filter(|e| {
            word_eq(e.code, word)
                || e.aliases.iter().any(|a| word_eq(a, word))
                || (!e.symbol.is_empty() && word_eq(e.symbol, word))
        })
        .collect()
}

/// Whether `code` (an entry's code) is the queried code itself, not an alias or symbol of it.
fn code_matches(code: &str, q: &Norm<'_>) -> bool {
    match (normalize(code), q) {
        (Some(Norm::Num(a)), Norm::Num(b)) => a == *b,
        (Some(Norm::Aadsts(a)), Norm::Aadsts(b)) => a == *b,
        (Some(Norm::Msis(a)), Norm::Msis(b)) => a == *b,
        (Some(Norm::Word(a)), Norm::Word(b)) => word_eq(a, b),
        _ => false,
    }
}

fn select(q: &Norm<'_>, ctx: Context, message: Option<&str>) -> Option<&'static CodeInfo> {
    let found = candidates(q);
    let candidates = || found.iter().copied();
    if let Some(msg) = message
        && let Some(e) = candidates().find(|e| e.hint.is_some_and(|h| contains_ci(msg, h)))
    {
        return Some(e);
    }
    let mut cx = Some(ctx);
    while let Some(c) = cx {
        if let Some(e) = candidates().find(|e| e.hint.is_none() && e.contexts.contains(&c)) {
            return Some(e);
        }
        cx = c.parent();
    }
    // No meaning written for this context: the code's primary meaning, unless the context is
    // known and every meaning is written for other contexts only (a join-phase reading of a
    // Win32 code would mislead in a WAM or PRT field; the generic decoding says less, rightly).
    let fits = |e: &&CodeInfo| ctx == Context::Generic || e.contexts.contains(&Context::Generic);
    let primary = candidates()
        .find(|e| e.hint.is_none() && code_matches(e.code, q))
        .or_else(|| candidates().find(|e| e.hint.is_none()))
        .or_else(|| candidates().next())?;
    if fits(&primary) || context_free(q) {
        Some(primary)
    } else {
        None
    }
}

/// Codes whose every meaning holds wherever they appear: server words, AADSTS and MSIS codes
/// (their text names them), and dsregcmd values.
fn context_free(q: &Norm<'_>) -> bool {
    !matches!(q, Norm::Num(_))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CODES_FIXTURE: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/reference/error_codes.codes.txt"
    );

    #[test]
    fn every_reference_code_resolves() {
        let text = std::fs::read_to_string(CODES_FIXTURE).expect("fixture readable");
        let mut n = 0;
        for line in text.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            n += 1;
            let info =
                lookup(line, Context::Generic).unwrap_or_else(|| panic!("{line} does not resolve"));
            assert!(!info.meaning.trim().is_empty(), "{line}: empty meaning");
            assert!(
                info.fix.iter().all(|f| !f.text.trim().is_empty()) && !info.fix.is_empty(),
                "{line}: empty fix"
            );
            assert!(!info.sources.is_empty(), "{line}: no source");
            for url in info.sources {
                assert!(url.starts_with("https://"), "{line}: {url}");
            }
        }
        assert!(n >= 100, "fixture too short: {n}");
    }

    #[test]
    fn the_index_finds_what_a_pass_over_the_table_finds() {
        // The rule the index stands for: an entry matches by its code, an alias, or (for a
        // word) its symbol.
        let matches = |e: &CodeInfo, q: &Norm<'_>| {
            code_matches(e.code, q)
                || e.aliases.iter().any(|a| code_matches(a, q))
                || matches!(q, Norm::Word(w) if !e.symbol.is_empty() && word_eq(e.symbol, w))
        };
        let mut spellings: Vec<String> = Vec::new();
        for e in data::KB {
            for s in core::iter::once(&e.code)
                .chain(e.aliases)
                .chain([&e.symbol])
            {
                if s.is_empty() {
                    continue;
                }
                spellings.push(String::from(*s));
                spellings.push(s.to_uppercase());
                spellings.push(format!("[{s}]"));
                if let Some(Norm::Num(v)) = normalize(s) {
                    spellings.push(format!("{}", v as i32));
                    spellings.push(format!("0x{v:X}"));
                }
            }
        }
        spellings
            .extend(["0x80070001", "AADSTS1", "MSIS1", "no_such_word", "YES"].map(String::from));
        for s in &spellings {
            let q = normalize(s).unwrap();
            // Entries by position: the (code, hint, contexts) triple is unique in the table.
            let id = |e: &CodeInfo| (e.code, e.hint, e.contexts);
            let want: Vec<_> = data::KB.iter().filter(|e| matches(e, &q)).map(id).collect();
            let got: Vec<_> = candidates(&q).into_iter().map(id).collect();
            assert_eq!(got, want, "{s}");
        }
    }

    #[test]
    fn table_invariants() {
        for e in all() {
            assert!(normalize(e.code).is_some(), "{}", e.code);
            assert!(!e.contexts.is_empty(), "{}: no context", e.code);
            assert!(!e.meaning.is_empty() && !e.fix.is_empty(), "{}", e.code);
            assert!(
                e.meaning.len() <= 400 && e.fix.iter().all(|f| f.text.len() <= 400),
                "{} too long",
                e.code
            );
            assert!(
                !e.meaning.contains("  ") && e.fix.iter().all(|f| !f.text.contains("  ")),
                "{}",
                e.code
            );
            for url in e.sources {
                assert!(url.starts_with("https://"), "{}: {url}", e.code);
            }
            if e.code.starts_with("0x") {
                assert_eq!(
                    e.code,
                    e.code.to_ascii_lowercase(),
                    "canonical hex is lower-case"
                );
            }
            // Exactly one primary meaning (no hint) per code and context.
            for c in e.contexts {
                let same = all()
                    .iter()
                    .filter(|o| o.code == e.code && o.hint == e.hint && o.contexts.contains(c))
                    .count();
                assert_eq!(same, 1, "{} has two entries for {c:?}", e.code);
            }
        }
    }

    #[test]
    fn accepted_spellings() {
        let sym = |s: &str| lookup(s, Context::Generic).map(|i| i.symbol);
        for s in [
            "0x801c001d",
            "0x801C001D",
            "-2145648611",
            "[0x801c001d]",
            " 0x801c001d. ",
            "0x801c001d/0x80070002",
            "DSREG_AUTOJOIN_ADCONFIG_READ_FAILED",
        ] {
            assert_eq!(sym(s), Some("DSREG_AUTOJOIN_ADCONFIG_READ_FAILED"), "{s}");
        }
        assert_eq!(sym("0xC000006D"), Some("STATUS_LOGON_FAILURE"));
        assert_eq!(sym("-1073741715"), Some("STATUS_LOGON_FAILURE"));
        assert_eq!(
            sym("0x800484c1"),
            Some("AAD_CLOUDAP_E_WSTRUST_SAML_TOKENS_ARE_EMPTY")
        );
        assert_eq!(
            lookup("aadsts50126", Context::Generic).unwrap().code,
            "AADSTS50126"
        );
        assert_eq!(
            lookup("AADSTS50126:", Context::Generic).unwrap().code,
            "AADSTS50126"
        );
        assert_eq!(
            lookup("Invalid_Grant", Context::Generic).unwrap().code,
            "invalid_grant"
        );
        assert_eq!(
            lookup("UserAccountNotFound", Context::Generic)
                .unwrap()
                .code,
            "AADSTS50034"
        );
        assert_eq!(
            lookup("keysigntest: failed", Context::Generic)
                .unwrap()
                .code,
            "KeySignTest FAILED"
        );
        assert!(lookup("0x801c9999", Context::Generic).is_none());
        assert!(lookup("", Context::Generic).is_none());
        assert!(lookup("nonsense", Context::Generic).is_none());
    }

    #[test]
    fn context_picks_the_meaning() {
        let discover = lookup("0x801c001d", Context::Discover).unwrap();
        let join = lookup("0x801c001d", Context::Join).unwrap();
        assert_ne!(discover, join);
        assert!(discover.meaning.contains("SCP"));
        assert!(join.meaning.contains("replication"));
        // A test falls back to its phase.
        let test = Context::Test(DiagnosticTest::AdConfiguration);
        assert_eq!(lookup("0x801c001d", test), Some(discover));
        // Unrelated context: no meaning written for it, so none (the decoder speaks); with
        // no context known, the primary meaning.
        assert_eq!(lookup("0x801c001d", Context::PrtAttemptStatus), None);
        assert_eq!(lookup("0x801c001d", Context::Generic), Some(discover));
        // Same code, join vs Windows Hello.
        assert!(
            lookup("0x801c03f2", Context::Join)
                .unwrap()
                .meaning
                .contains("sync")
        );
        assert!(
            lookup("0x801c03f2", Context::WindowsHello)
                .unwrap()
                .meaning
                .contains("proxyAddresses")
        );
        // HTTP Error field: the WinHTTP entry, whichever spelling.
        for s in ["12002", "0x2ee2", "0x80072ee2"] {
            assert_eq!(
                lookup(s, Context::PrtHttpError).unwrap().code,
                "12002",
                "{s}"
            );
        }
        assert_eq!(
            lookup("0x80072ee2", Context::Generic).unwrap().code,
            "0x80072ee2"
        );
        assert!(
            lookup("0x80072ee2", Context::Join)
                .unwrap()
                .meaning
                .contains("Registering")
        );
        assert!(
            lookup("0x801c03ea", Context::MdmEnrollment)
                .unwrap()
                .meaning
                .contains("Autopilot")
        );
    }

    #[test]
    fn server_message_picks_the_meaning() {
        let ctx = Context::DrsServerError;
        let m = |msg: &str| {
            lookup_with_message("DirectoryError", ctx, msg)
                .unwrap()
                .meaning
        };
        assert!(m("The device object by the given id (x) is not found.").contains("sync-join"));
        assert!(
            m("Your request is throttled temporarily. Please try after 300 seconds.")
                .contains("throttled")
        );
        assert!(m("AADSTS90002: Tenant 'x' not found.").contains("AADSTS90002"));
        assert!(m("something else").contains("Server Message tells"));
        let sid = lookup_with_message(
            "AuthenticationError",
            ctx,
            "Failed verification of the target computer's SID",
        );
        assert!(sid.unwrap().meaning.contains("certificate"));
    }

    #[test]
    fn context_from_fields() {
        assert_eq!(
            Context::for_field(None, "Attempt Status"),
            Context::PrtAttemptStatus
        );
        assert_eq!(
            Context::for_field(None, "HTTP Error"),
            Context::PrtHttpError
        );
        assert_eq!(
            Context::for_field(None, "Server Error Code"),
            Context::PrtServerError
        );
        assert_eq!(
            Context::for_field(None, "Server ErrorCode"),
            Context::DrsServerError
        );
        assert_eq!(
            Context::for_field(Some("Diagnostic Data"), "Server Error Code"),
            Context::DrsServerError
        );
        assert_eq!(
            Context::for_field(None, "Token acquisition Test"),
            Context::Test(DiagnosticTest::TokenAcquisition)
        );
        assert_eq!(
            Context::for_field(None, "Auto Detect PAC Status"),
            Context::Proxy
        );
        assert_eq!(Context::for_field(None, "Device Name"), Context::Generic);
        assert_eq!(
            Context::from_error_phase("pre-check"),
            Some(Context::PreCheck)
        );
        assert_eq!(
            Context::from_error_phase(" Discover "),
            Some(Context::Discover)
        );
        assert_eq!(Context::from_error_phase("later"), None);
    }

    #[test]
    fn pairs_split() {
        assert_eq!(
            split_pair("0x801c0021/0x80072ee2"),
            ("0x801c0021", Some("0x80072ee2"))
        );
        assert_eq!(
            split_pair("FAIL [0x801c0021/0x801c000c]"),
            ("0x801c0021", Some("0x801c000c"))
        );
        assert_eq!(split_pair("FAIL [0x80070002]"), ("0x80070002", None));
        assert_eq!(split_pair("0x801c0021/"), ("0x801c0021", None));
        assert_eq!(split_pair("invalid_grant"), ("invalid_grant", None));
        assert_eq!(parse_value("-2145648611"), Some(0x801c_001d));
        assert_eq!(parse_value("-99999999999"), None);
        assert_eq!(parse_value("0x123456789"), None);
    }

    #[test]
    fn decodes_unknown_hresults() {
        let d = decode("0x80070002");
        assert_eq!(d.kind, CodeKind::Hresult);
        assert_eq!(d.win32, Some(2));
        assert_eq!(d.facility.unwrap().name, Some("WIN32"));
        assert_eq!(d.severity, Some(StatusSeverity::Error));
        assert_eq!(
            d.name.as_deref(),
            Some("HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND)")
        );
        assert!(d.summary().contains("not found"), "{}", d.summary());

        let d = decode("0x80070520"); // 1312
        assert_eq!(d.win32, Some(1312));
        assert!(d.summary().contains("ERROR_NO_SUCH_LOGON_SESSION"));

        let d = decode("0x80072F8C"); // not named
        assert_eq!(d.win32, Some(12172));
        assert!(d.summary().contains("unknown code"), "{}", d.summary());
        assert!(d.summary().contains("Win32 error 12172"), "{}", d.summary());

        let d = decode("0x801c9999");
        assert!(d.known.is_none());
        let s = d.summary();
        assert!(
            s.starts_with("0x801c9999: unknown code (HRESULT error, facility device registration"),
            "{s}"
        );

        let d = decode("0x80040154");
        assert_eq!(d.facility.unwrap().name, Some("ITF"));
        assert!(d.summary().contains("unknown code"));

        assert_eq!(decode("0x80190194").facility.unwrap().name, Some("HTTP"));
        assert_eq!(decode("0x80004005").name.as_deref(), Some("E_FAIL"));
        assert_eq!(
            decode("0x8028ffff").facility.unwrap().name,
            Some("TPM_SERVICES")
        );
    }

    #[test]
    fn decodes_known_codes_with_structure() {
        let d = decode("-2145648611");
        assert_eq!(d.canonical, "0x801c001d");
        assert_eq!(d.kind, CodeKind::Hresult);
        assert_eq!(
            d.name.as_deref(),
            Some("DSREG_AUTOJOIN_ADCONFIG_READ_FAILED")
        );
        assert!(
            d.summary()
                .starts_with("0x801c001d DSREG_AUTOJOIN_ADCONFIG_READ_FAILED: ")
        );

        let d = decode("0x80072EE2");
        assert_eq!(d.canonical, "0x80072ee2");
        assert_eq!(d.win32, Some(12002));

        let d = decode("DSREG_E_DIRECTORY_FAILURE");
        assert_eq!(d.kind, CodeKind::Symbol);
        assert_eq!(d.value, Some(0x801c_03f2));
    }

    #[test]
    fn decodes_ntstatus_and_win32() {
        let d = decode("0xc0000234");
        assert_eq!(d.kind, CodeKind::NtStatus);
        assert_eq!(d.name.as_deref(), Some("STATUS_ACCOUNT_LOCKED_OUT"));
        assert_eq!(d.severity, Some(StatusSeverity::Error));
        assert_eq!(
            decode("0xc000005e").name.as_deref(),
            Some("STATUS_NO_LOGON_SERVERS")
        );
        assert_eq!(
            decode("0xc000006d").name.as_deref(),
            Some("STATUS_LOGON_FAILURE")
        );

        let d = decode("0xd000000d");
        assert_eq!(d.kind, CodeKind::Hresult);
        assert_eq!(d.ntstatus, Some(0xc000_000d));
        assert_eq!(
            d.name.as_deref(),
            Some("HRESULT_FROM_NT(STATUS_INVALID_PARAMETER)")
        );

        let d = decode("0xc0001234");
        assert!(
            d.summary().contains("unknown code (NTSTATUS error"),
            "{}",
            d.summary()
        );

        let d = decode("12029");
        assert_eq!(d.kind, CodeKind::Win32);
        assert_eq!(d.canonical, "12029");
        assert!(d.known.is_some(), "12029 is in the KB (PRT HTTP Error)");
        let d = decode("1355");
        assert_eq!(d.name.as_deref(), Some("ERROR_NO_SUCH_DOMAIN"));
        assert_eq!(d.source, Some(sources::WIN32));
        assert_eq!(
            decode("12175").name.as_deref(),
            Some("ERROR_WINHTTP_SECURE_FAILURE")
        );
    }

    #[test]
    fn decodes_words_and_aadsts() {
        let d = decode("AADSTS50126");
        assert_eq!(d.kind, CodeKind::Aadsts);
        assert!(d.known.is_some());
        let d = decode("AADSTS700016");
        assert_eq!(d.kind, CodeKind::Aadsts);
        let s = d.summary();
        assert!(s.contains("AADSTS error 700016"), "{s}");
        assert!(
            s.contains("https://login.microsoftonline.com/error?code=700016"),
            "{s}"
        );

        assert_eq!(decode("msis9682").canonical, "MSIS9682");
        assert_eq!(decode("invalid_grant").kind, CodeKind::ServerWord);
        assert_eq!(decode("DirectoryError").kind, CodeKind::ServerWord);
        assert_eq!(decode("interaction_required").kind, CodeKind::ServerWord);
        assert_eq!(decode("KeySignTest FAILED").kind, CodeKind::FieldValue);

        let d = decode("hello");
        assert_eq!(d.kind, CodeKind::Unknown);
        assert_eq!(d.summary(), "hello: unknown code");
    }

    #[test]
    fn scan_finds_codes() {
        let found = scan("FAIL [0x801c0021/0x801c000c]");
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].text, "0x801c0021");
        assert_eq!(found[1].sub_of, Some(0));
        assert_eq!(found[0].kind, CodeKind::Hresult);

        let found = scan(
            "AADSTS50126: Error validating credentials. invalid_grant -2145648611 0x0 \
             2019-01-31 09:25:31.000 UTC -- 400 MSIS9682: x; failed 0xd000000d.",
        );
        let texts: Vec<_> = found.iter().map(|f| f.text).collect();
        assert_eq!(
            texts,
            [
                "AADSTS50126",
                "invalid_grant",
                "-2145648611",
                "MSIS9682",
                "0xd000000d"
            ]
        );
        assert_eq!(found[2].kind, CodeKind::Hresult);

        let text = "Failed to auto detect the PAC script using WPAD. code: 0x80072f94";
        let found = scan(text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].start..found[0].end], "0x80072f94");

        // Not codes: GUIDs, thumbprints, dates, small negatives, hex glued to words.
        assert!(
            scan("{B16898C6-A148-4967-9171-64D755DA8520} AA11BB22CC33DD44EE55 -5 x0x12 0x12g")
                .is_empty()
        );
        assert!(
            scan("ErrorSubCode DeviceNotFound DSREG_E_DIRECTORY_FAILURE")
                .iter()
                .map(|f| f.kind)
                .eq([CodeKind::ServerWord, CodeKind::Symbol])
        );
        assert!(scan("").is_empty());
        assert!(scan("é0x801c001d ü").len() == 1);
    }
}
