//! Redaction: identifiers replaced by consistent pseudonyms before an output is shared.
//!
//! The same value always gets the same pseudonym (ignoring case), and every pseudonym keeps the
//! shape of what it replaces, so the redacted text parses the same way and yields the same join
//! state and findings:
//!
//! | Identifier | Pseudonym |
//! |---|---|
//! | GUID (device, key container, tenant, correlation and request ids, anywhere) | `00000000-0000-4000-8000-000000000001` |
//! | thumbprint (40 hex digits) | `000000000000000000000000000000000000F001` |
//! | UPN or e-mail address | `user1@contoso.example` |
//! | account name (`DOMAIN\user`, Executing Account Name, User Name) | `DOMAIN1\user1` |
//! | device and host names (Device Name, machine accounts, hosts in URLs, proxy lists and free text) | `device1`, `host1.contoso.example` |
//! | domain names (DomainName) | `DOMAIN1`, `domain1.example` |
//! | tenant names (TenantName, WorkplaceTenantName) | `Tenant 1` |
//! | SID | `S-1-5-21-0-0-0-1` |
//! | IP address | `192.0.2.1`, `2001:db8::1` (documentation ranges) |
//!
//! URLs keep their scheme, path and the host of Microsoft endpoints; tenant ids inside them
//! get the tenant's pseudonym, because they are GUIDs like any other. SettingsUrl holds base64
//! of a JSON list of URLs: it is decoded, redacted and encoded again. Well-known values are
//! kept: the all-zero GUID, the Web Account Manager provider GUIDs, `NT AUTHORITY\SYSTEM`,
//! loopback addresses and built-in SIDs such as `S-1-5-18`.
//!
//! ```
//! use dsreg_core::redact::{redact, Kind};
//!
//! let text = "\
//!                   DeviceId : 3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b
//!                   TenantId : 11111111-2222-4333-8444-555555555555
//!                AuthCodeUrl : https://login.microsoftonline.com/11111111-2222-4333-8444-555555555555/oauth2/authorize
//! ";
//! let redacted = redact(text);
//! // Tenant ids are numbered first, so they read the same wherever they appear.
//! assert!(redacted.text.contains("TenantId : 00000000-0000-4000-8000-000000000001"));
//! assert!(redacted.text.contains(".com/00000000-0000-4000-8000-000000000001/oauth2"));
//! assert!(redacted.text.contains("DeviceId : 00000000-0000-4000-8000-000000000002"));
//! assert_eq!(redacted.counts, [(Kind::Guid, 1), (Kind::TenantId, 1)]);
//! ```

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use core::net::{Ipv4Addr, Ipv6Addr};

use crate::catalog::{self, RedactClass};
use crate::lines::{Line, LineKind};

/// A kind of identifier [`redact`] replaces.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Device, key-container and other GUIDs.
    Guid,
    /// Tenant ids (TenantId fields and GUIDs inside Microsoft endpoint URLs).
    TenantId,
    /// Correlation and request ids.
    RequestId,
    /// Certificate thumbprints.
    Thumbprint,
    /// UPNs and e-mail addresses.
    Email,
    /// User and account names.
    Account,
    /// Device and host names.
    HostName,
    /// Domain names.
    DomainName,
    /// Tenant names.
    TenantName,
    /// Security identifiers.
    Sid,
    /// IPv4 and IPv6 addresses.
    Ip,
}

impl Kind {
    /// Every kind, in the order [`Redacted::counts`] lists them.
    pub const ALL: [Kind; 11] = [
        Kind::Guid,
        Kind::TenantId,
        Kind::RequestId,
        Kind::Thumbprint,
        Kind::Email,
        Kind::Account,
        Kind::HostName,
        Kind::DomainName,
        Kind::TenantName,
        Kind::Sid,
        Kind::Ip,
    ];

    /// The snake_case name used in JSON (`tenant_id`).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Guid => "guid",
            Kind::TenantId => "tenant_id",
            Kind::RequestId => "request_id",
            Kind::Thumbprint => "thumbprint",
            Kind::Email => "email",
            Kind::Account => "account",
            Kind::HostName => "host_name",
            Kind::DomainName => "domain_name",
            Kind::TenantName => "tenant_name",
            Kind::Sid => "sid",
            Kind::Ip => "ip",
        }
    }

    /// What the kind covers, in plural words for a summary (`device and key GUIDs`).
    pub fn label(self) -> &'static str {
        match self {
            Kind::Guid => "device, key and other GUIDs",
            Kind::TenantId => "tenant ids",
            Kind::RequestId => "correlation and request ids",
            Kind::Thumbprint => "certificate thumbprints",
            Kind::Email => "UPNs and e-mail addresses",
            Kind::Account => "user and account names",
            Kind::HostName => "device and host names",
            Kind::DomainName => "domain names",
            Kind::TenantName => "tenant names",
            Kind::Sid => "security identifiers (SIDs)",
            Kind::Ip => "IP addresses",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The result of [`redact`].
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Redacted {
    /// The text with every identifier replaced.
    pub text: String,
    /// How many distinct identifiers of each kind were replaced, in [`Kind::ALL`] order; kinds
    /// with none are left out.
    pub counts: Vec<(Kind, usize)>,
}

/// Replaces the identifiers in `text` with consistent pseudonyms (see the [module](self)).
///
/// `text` is read as [`analyze`](crate::analyze) reads it, and the result is its decoded text
/// with identifiers replaced; everything else is kept byte for byte. Never panics.
pub fn redact(text: &str) -> Redacted {
    let analysis = crate::analyze(text.as_bytes());
    Redactor::new(&analysis).finish()
}

/// [`redact`] over an existing analysis, a slice of lines at a time, for a caller that must
/// stay responsive (a browser's main thread). The result is exactly [`redact`]'s for the
/// analysis' text.
///
/// ```
/// use dsreg_core::redact::{Redactor, redact};
///
/// let text = "DeviceId : 3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b\nTenantName : Contoso\n";
/// let analysis = dsreg_core::analyze(text.as_bytes());
/// let mut redactor = Redactor::new(&analysis);
/// while !redactor.step(16) {
///     let (done, total) = redactor.progress();
///     assert!(done <= total);
/// }
/// assert_eq!(redactor.finish(), redact(text));
/// ```
pub struct Redactor<'a> {
    text: &'a str,
    lines: &'a [Line],
    names: Names,
    out: String,
    /// The next line to read.
    next: usize,
    /// Bytes of `text` written (replaced or kept) so far.
    done: usize,
}

impl<'a> Redactor<'a> {
    /// Prepares the redaction of `analysis`' text: tenant and request ids are numbered first,
    /// so a tenant id met in a URL before its field counts as one.
    pub fn new(analysis: &'a crate::Analysis) -> Self {
        let text = analysis.text();
        let mut names = Names::default();
        for line in analysis.lines() {
            if let LineKind::Field { key, value, .. } | LineKind::Quoted { key, value, .. } =
                line.kind
            {
                let class = field_class(key.slice(text));
                let value = value.slice(text);
                if let Some(kind) = class.and_then(identifier_kind) {
                    names.partial(kind, value);
                }
                let kind = match class {
                    Some(RedactClass::TenantId) => Kind::TenantId,
                    Some(RedactClass::RequestId) => Kind::RequestId,
                    _ => continue,
                };
                for start in 0..value.len() {
                    if let Some(guid) = value.get(start..).and_then(guid_at) {
                        names.pseudonym(Kind::Guid, kind, guid);
                    }
                }
            }
        }
        Redactor {
            text,
            lines: analysis.lines(),
            names,
            out: String::with_capacity(text.len() + text.len() / 8),
            next: 0,
            done: 0,
        }
    }

    /// Redacts lines until about `budget` bytes of text have been read (at least one line);
    /// returns whether the whole text is done.
    pub fn step(&mut self, budget: usize) -> bool {
        let text = self.text;
        let stop = self.done.saturating_add(budget.max(1));
        while let Some(line) = self.lines.get(self.next) {
            if self.done >= stop {
                return false;
            }
            self.next += 1;
            let span = line.span;
            if span.start() < self.done {
                continue;
            }
            let whole = match line.kind {
                LineKind::Field { key, value, .. } | LineKind::Quoted { key, value, .. } => {
                    field_class(key.slice(text)).map(|k| (k, value))
                }
                _ => None,
            };
            let (names, out) = (&mut self.names, &mut self.out);
            match whole {
                // A section header or box border names no one; left as it is, it still reads
                // as one (`| Ngc Prereq.uisite Check |` is not a host name).
                _ if matches!(line.kind, LineKind::Header { .. } | LineKind::Border) => {
                    out.push_str(span.slice(text));
                }
                Some((kind, value)) if !value.is_empty() => {
                    scan(
                        text.get(span.start()..value.start()).unwrap_or(""),
                        names,
                        out,
                    );
                    replace_value(kind, value.slice(text), names, out);
                    scan(text.get(value.end()..span.end()).unwrap_or(""), names, out);
                }
                _ => scan(span.slice(text), names, out),
            }
            self.done = span.end();
        }
        true
    }

    /// Bytes of the text read so far, and in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.done.min(self.text.len()), self.text.len())
    }

    /// Redacts what is left and returns the result.
    pub fn finish(mut self) -> Redacted {
        while !self.step(usize::MAX) {}
        scan(
            self.text.get(self.done..).unwrap_or(""),
            &mut self.names,
            &mut self.out,
        );
        Redacted {
            text: self.out,
            counts: self.names.counts(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Pseudonyms

/// The pseudonyms handed out so far: per namespace, the original (folded case) and its number.
#[derive(Default)]
struct Names {
    /// `(namespace, folded original) -> (number, kind counted)`.
    seen: BTreeMap<(Kind, String), usize>,
    /// Next number per namespace.
    next: BTreeMap<Kind, usize>,
    /// Distinct originals per counted kind.
    counted: BTreeMap<Kind, usize>,
    /// Partial identifiers (a masked or cut GUID or thumbprint in an identifier field) and their
    /// pseudonyms, replaced wherever else they appear (a tenant id in a URL).
    partials: Vec<(String, String)>,
}

impl Names {
    /// The number of `original` in `namespace`, handing out the next one (counted as `kind`)
    /// the first time.
    fn pseudonym(&mut self, namespace: Kind, kind: Kind, original: &str) -> usize {
        let key = (namespace, original.to_ascii_lowercase());
        if let Some(&n) = self.seen.get(&key) {
            return n;
        }
        let next = self.next.entry(namespace).or_insert(0);
        *next += 1;
        let n = *next;
        self.seen.insert(key, n);
        *self.counted.entry(kind).or_insert(0) += 1;
        n
    }

    /// The pseudonym of the partial identifier in an identifier field's `value`, registered so
    /// that its other occurrences are replaced too; empty when the value holds none.
    fn partial(&mut self, kind: Kind, value: &str) -> String {
        let (_, id, _) = identifier_parts(value);
        if !is_partial(id) {
            return String::new();
        }
        let pseudonym = if kind == Kind::Thumbprint {
            let n = self.pseudonym(Kind::Thumbprint, Kind::Thumbprint, id);
            format!("{:0>40X}", 0xF000 + n)
        } else {
            let n = self.pseudonym(Kind::Guid, kind, id);
            format!("00000000-0000-4000-8000-{n:012}")
        };
        if id.len() >= 6
            && !self
                .partials
                .iter()
                .any(|(o, _)| o.eq_ignore_ascii_case(id))
        {
            self.partials.push((String::from(id), pseudonym.clone()));
        }
        pseudonym
    }

    fn counts(&self) -> Vec<(Kind, usize)> {
        Kind::ALL
            .iter()
            .filter_map(|k| self.counted.get(k).map(|&n| (*k, n)))
            .collect()
    }
}

/// How to redact the value of the field `key`: the catalogue's class for dsregcmd's own fields
/// (`core/data/fields.toml`), and for keys seen next to them in tickets and other tools' output
/// (not dsregcmd fields, so not in the catalogue) the class their name gives.
fn field_class(key: &str) -> Option<RedactClass> {
    if let Some(known) = catalog::known_field(key) {
        return known.redact;
    }
    let mut buf = [0; 48];
    let norm = crate::text::normalize(key, &mut buf)?;
    Some(match norm {
        "hostname" | "computername" | "machinename" | "workplacedevicename" => {
            RedactClass::HostName
        }
        "workplacedomainname" | "dnsdomainname" => RedactClass::DomainName,
        "username" | "accountname" | "samaccountname" => RedactClass::Accounts,
        "activityid" => RedactClass::RequestId,
        k if k.starts_with("workplace") && k.ends_with("name") => RedactClass::HostName,
        _ => return None,
    })
}

/// Values that say "nothing here" and are kept.
fn is_placeholder(value: &str) -> bool {
    let bracketed = |open: char, close: char| value.starts_with(open) && value.ends_with(close);
    if bracketed('[', ']') || bracketed('<', '>') {
        return true;
    }
    [
        "", "-", "none", "not set", "n/a", "(null)", "null", "unknown", "no", "yes",
    ]
    .iter()
    .any(|p| value.eq_ignore_ascii_case(p))
}

/// Writes the pseudonym of a whole field value of class `class`.
fn replace_value(class: RedactClass, value: &str, names: &mut Names, out: &mut String) {
    // A value that runs into other text (fields collapsed into one line with runs of spaces
    // between them, another `Key : Value`, or binary debris): only its first part is the
    // value, the rest is scanned as text, so what splits the line survives.
    let run = value
        .find("   ")
        .into_iter()
        .chain(value.find(" : "))
        .chain(value.find(|c: char| c.is_control() && c != '\t'))
        .min()
        .filter(|&at| value.get(..at).is_some_and(|v| !v.trim().is_empty()));
    if let Some(at) = run {
        replace_value(class, value.get(..at).unwrap_or(""), names, out);
        scan(value.get(at..).unwrap_or(""), names, out);
        return;
    }
    let trimmed = value.trim_end();
    let tail = value.get(trimmed.len()..).unwrap_or("");
    if is_placeholder(trimmed.trim()) {
        scan(value, names, out);
        return;
    }
    match class {
        RedactClass::DomainName => out.push_str(&domain_name(trimmed, names)),
        RedactClass::TenantName => {
            let n = names.pseudonym(Kind::TenantName, Kind::TenantName, trimmed);
            out.push_str(&format!("Tenant {n}"));
        }
        RedactClass::HostName => out.push_str(&host_name(trimmed, names)),
        RedactClass::Accounts => accounts(trimmed, names, out),
        RedactClass::Hosts => hosts_in_list(trimmed, names, out),
        RedactClass::Base64 => base64_json(trimmed, names, out),
        RedactClass::Guid => identifier(trimmed, Kind::Guid, names, out),
        RedactClass::TenantId => identifier(trimmed, Kind::TenantId, names, out),
        RedactClass::RequestId => identifier(trimmed, Kind::RequestId, names, out),
        RedactClass::Thumbprint => identifier(trimmed, Kind::Thumbprint, names, out),
    }
    out.push_str(tail);
}

/// The kind of pseudonym an identifier class gets.
fn identifier_kind(class: RedactClass) -> Option<Kind> {
    match class {
        RedactClass::Guid => Some(Kind::Guid),
        RedactClass::TenantId => Some(Kind::TenantId),
        RedactClass::RequestId => Some(Kind::RequestId),
        RedactClass::Thumbprint => Some(Kind::Thumbprint),
        _ => None,
    }
}

/// An identifier field's value cut into `(before, identifier, after)`: braces and a
/// `(Suffix)` stay around it (`{…} (AzureAd)`).
fn identifier_parts(value: &str) -> (&str, &str, &str) {
    let body_end = match value.find('(') {
        Some(at) if value.trim_end().ends_with(')') => at,
        _ => value.len(),
    };
    let body = value.get(..body_end).unwrap_or("");
    let start = body.len() - body.trim_start_matches([' ', '{']).len();
    let end = body.trim_end_matches([' ', '}']).len().max(start);
    (
        value.get(..start).unwrap_or(""),
        value.get(start..end).unwrap_or(""),
        value.get(end..).unwrap_or(""),
    )
}

/// Whether an identifier is partial (masked with `*` or `x`, cut with `...`, truncated) yet
/// still identifying: a whole GUID or thumbprint is not partial (it is replaced wherever it
/// stands), and a value without a digit 1–9 left (`xxxxxxxx-xxxx-…`, `***`, all zeros,
/// `REDACTED`) is a placeholder. A real identifier, even cut, keeps digits.
fn is_partial(id: &str) -> bool {
    let complete =
        guid_at(id).is_some_and(|g| g.len() == id.len()) || thumbprint_at(id) == Some(id.len());
    !complete && !is_placeholder(id) && id.bytes().any(|b| matches!(b, b'1'..=b'9'))
}

/// The value of an identifier field, replaced whatever its shape. A whole GUID or thumbprint
/// gets the pseudonym it gets anywhere else in the text; a partial one is still enough to find
/// a device in a tenant, so it is replaced by a pseudonym of the field's kind (braces and a
/// `(Suffix)` kept), as is every other place it appears. A placeholder is kept.
fn identifier(value: &str, kind: Kind, names: &mut Names, out: &mut String) {
    let (before, id, after) = identifier_parts(value);
    if !is_partial(id) {
        scan(value, names, out);
        return;
    }
    out.push_str(before);
    out.push_str(&names.partial(kind, value));
    scan(after, names, out);
}

/// A base64 value (SettingsUrl holds `{"Uris":["https://…"]}` in base64): decoded, redacted
/// like any text, and encoded again the same way (alphabet and padding kept). Anything that does
/// not decode to text is scanned as it is.
fn base64_json(value: &str, names: &mut Names, out: &mut String) {
    let decoded = crate::pack::base64_decode(value)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .filter(|t| t.trim_start().starts_with(['{', '[']));
    let Some(decoded) = decoded else {
        scan(value, names, out);
        return;
    };
    let mut redacted = String::with_capacity(decoded.len());
    scan(&decoded, names, &mut redacted);
    let url = value.contains(['-', '_']);
    let padded = value.ends_with('=');
    crate::pack::base64_encode(redacted.as_bytes(), url, padded, out);
}

/// `device1`, or `device1.corp.example` for a dotted name. The number goes with the first
/// label, so a machine's short name (`PC01$` in an account) and its DNS name
/// (`pc01.corp.local` in Device Name) read as the same machine.
fn host_name(name: &str, names: &mut Names) -> String {
    let machine = name.split('.').next().unwrap_or(name);
    let n = names.pseudonym(Kind::HostName, Kind::HostName, machine);
    if name.contains('.') {
        format!("device{n}.corp.example")
    } else {
        format!("device{n}")
    }
}

/// `DOMAIN1`, or `domain1.example` for a DNS name.
fn domain_name(name: &str, names: &mut Names) -> String {
    let n = names.pseudonym(Kind::DomainName, Kind::DomainName, name);
    if name.contains('.') {
        format!("domain{n}.example")
    } else {
        format!("DOMAIN{n}")
    }
}

/// Domains of `DOMAIN\user` that name no organisation and are kept.
const BUILTIN_DOMAINS: &[&str] = &[
    "AzureAD",
    "NT AUTHORITY",
    "BUILTIN",
    "WORKGROUP",
    "NT SERVICE",
    "MicrosoftAccount",
    "Window Manager",
    "Font Driver Host",
];

/// An account list such as `CONTOSO\alice, alice@contoso.com` or `CONTOSO\PC01$`.
fn accounts(value: &str, names: &mut Names, out: &mut String) {
    for (i, item) in value.split(',').enumerate() {
        if i > 0 {
            out.push(',');
        }
        let lead = item.len() - item.trim_start().len();
        out.push_str(item.get(..lead).unwrap_or(""));
        let item = item.trim_start();
        if let Some((local, domain)) = item.split_once('@') {
            let mut scanned = String::new();
            scan(item, names, &mut scanned);
            // A UPN whose domain was mangled (`B.Martin@jdoe  .example.fr`) is no e-mail
            // address to the scanner: its user name is still an account.
            if !local.is_empty() && scanned.starts_with(&format!("{local}@")) {
                let n = names.pseudonym(Kind::Account, Kind::Account, local);
                out.push_str(&format!("user{n}@"));
                scan(domain, names, out);
            } else {
                out.push_str(&scanned);
            }
            continue;
        }
        if item.is_empty() || is_placeholder(item) {
            scan(item, names, out);
            continue;
        }
        let (domain, user) = match item.rsplit_once('\\') {
            Some((d, u)) => (Some(d), u),
            None => (None, item),
        };
        if let Some(domain) = domain {
            if BUILTIN_DOMAINS
                .iter()
                .any(|b| b.eq_ignore_ascii_case(domain))
            {
                out.push_str(domain);
                if domain.eq_ignore_ascii_case("NT AUTHORITY") {
                    out.push('\\');
                    out.push_str(user);
                    continue;
                }
            } else {
                out.push_str(&domain_name(domain, names));
            }
            out.push('\\');
        }
        if let Some(machine) = user.strip_suffix('$') {
            out.push_str(&host_name(machine, names));
            out.push('$');
        } else if user.eq_ignore_ascii_case("SYSTEM") {
            out.push_str(user);
        } else {
            let n = names.pseudonym(Kind::Account, Kind::Account, user);
            out.push_str(&format!("user{n}"));
        }
    }
}

/// A proxy list (`proxy.contoso.com:8080`, `http=proxy:8080;https=proxy:8443`,
/// `*.contoso.com;<local>`): every host name that is not Microsoft's is replaced, then the
/// usual patterns. Scheme labels (`http=`), `<local>`, ports and IP addresses are not names.
fn hosts_in_list(value: &str, names: &mut Names, out: &mut String) {
    let bytes = value.as_bytes();
    let mut i = 0;
    let mut plain = 0;
    while i < bytes.len() {
        let boundary = i == 0 || !is_host_byte(bytes[i - 1]);
        if !(boundary && is_host_byte(bytes[i])) {
            i += 1;
            continue;
        }
        let end = i + bytes[i..].iter().take_while(|b| is_host_byte(**b)).count();
        // `*.contoso.com` keeps its `*.`: the name starts after the dots.
        let start = i + bytes[i..end].iter().take_while(|b| **b == b'.').count();
        let token = value.get(start..end).unwrap_or("").trim_end_matches('.');
        let after = bytes.get(start + token.len()).copied();
        let before = start.checked_sub(1).and_then(|p| bytes.get(p)).copied();
        let is_name = token.bytes().any(|b| b.is_ascii_alphabetic())
            && after != Some(b'=')
            && before != Some(b'<')
            && !value
                .get(start + token.len()..)
                .is_some_and(|r| r.starts_with("://"))
            && !is_microsoft_host(token);
        if is_name {
            scan(value.get(plain..start).unwrap_or(""), names, out);
            let n = names.pseudonym(Kind::HostName, Kind::HostName, token);
            if token.contains('.') {
                out.push_str(&format!("host{n}.contoso.example"));
            } else {
                out.push_str(&format!("host{n}"));
            }
            plain = start + token.len();
        }
        i = end.max(i + 1);
    }
    scan(value.get(plain..).unwrap_or(""), names, out);
}

fn is_host_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'.' || b == b'_'
}

/// Hosts that belong to Microsoft and are kept.
const MICROSOFT_DOMAINS: &[&str] = &[
    "microsoftonline.com",
    "microsoftonline-p.com",
    "microsoft.com",
    "windows.net",
    "windows.com",
    "azure.net",
    "azure.com",
    "live.com",
    "msftauth.net",
    "msauth.net",
    "office.com",
    "office365.com",
    "aka.ms",
    "microsoftazuread-sso.com",
    "msidentity.com",
    "windowsupdate.com",
    "manage.microsoft.com",
    "microsoftaik.azure.net",
];

/// Whether `host` is a Microsoft host (or one of its subdomains).
fn is_microsoft_host(host: &str) -> bool {
    let host = host.trim_end_matches('.');
    MICROSOFT_DOMAINS.iter().any(|d| {
        host.len() >= d.len()
            && host
                .get(host.len() - d.len()..)
                .is_some_and(|tail| tail.eq_ignore_ascii_case(d))
            && (host.len() == d.len() || host.as_bytes()[host.len() - d.len() - 1] == b'.')
    })
}

// ---------------------------------------------------------------------------------------------
// Pattern scanning

/// GUIDs that identify nothing: the empty GUID and the Web Account Manager providers.
const KEPT_GUIDS: &[&str] = &[
    "00000000-0000-0000-0000-000000000000",
    "B16898C6-A148-4967-9171-64D755DA8520",
    "D7F9888F-E3FC-49B0-9EA6-A85B5F392A4F",
];

/// Copies `text` to `out`, replacing every GUID, thumbprint, e-mail address, SID, IP address,
/// non-Microsoft URL host and bare host or domain name. Linear: each byte is looked at a
/// bounded number of times.
fn scan(text: &str, names: &mut Names, out: &mut String) {
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut plain = 0;
    // Where the e-mail local part may start: the first byte after a non-e-mail byte.
    let mut word_start = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let boundary = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        // GUIDs and thumbprints only need to be apart from other hex digits.
        let hex_boundary = i == 0 || !(bytes[i - 1].is_ascii_hexdigit() || bytes[i - 1] == b'-');
        let rest = text.get(i..).unwrap_or("");
        let partial = if boundary {
            names.partials.iter().find(|(original, _)| {
                rest.get(..original.len())
                    .is_some_and(|head| head.eq_ignore_ascii_case(original))
                    && !rest
                        .as_bytes()
                        .get(original.len())
                        .is_some_and(u8::is_ascii_alphanumeric)
            })
        } else {
            None
        };
        let hit: Option<(usize, usize, String)> = if let Some((original, pseudonym)) = partial {
            Some((i, i + original.len(), pseudonym.clone()))
        } else if b == b'@' {
            email_at(text, word_start, i).map(|(start, end)| {
                let original = text.get(start..end).unwrap_or("");
                let n = names.pseudonym(Kind::Email, Kind::Email, original);
                (start, end, format!("user{n}@contoso.example"))
            })
        } else if hex_boundary && let Some(guid) = guid_at(rest) {
            if KEPT_GUIDS.iter().any(|k| k.eq_ignore_ascii_case(guid)) {
                None
            } else {
                let kind = if in_url(text, i) {
                    Kind::TenantId
                } else {
                    Kind::Guid
                };
                let n = names.pseudonym(Kind::Guid, kind, guid);
                Some((i, i + 36, format!("00000000-0000-4000-8000-{n:012}")))
            }
        } else if hex_boundary && let Some(len) = thumbprint_at(rest) {
            let original = rest.get(..len).unwrap_or("");
            let n = names.pseudonym(Kind::Thumbprint, Kind::Thumbprint, original);
            let mut pseudonym = format!("{:0>40X}", 0xF000 + n);
            if original.bytes().any(|b| b.is_ascii_lowercase()) {
                pseudonym.make_ascii_lowercase();
            }
            Some((i, i + len, pseudonym))
        } else if !boundary {
            None
        } else if let Some(host) = url_host(rest) {
            let (offset, len) = host;
            let original = rest.get(offset..offset + len).unwrap_or("");
            if is_microsoft_host(original) || original.parse::<Ipv4Addr>().is_ok() {
                None
            } else {
                let n = names.pseudonym(Kind::HostName, Kind::HostName, original);
                Some((
                    i + offset,
                    i + offset + len,
                    format!("host{n}.contoso.example"),
                ))
            }
        } else if let Some((len, keep)) = sid_at(rest) {
            let original = rest.get(..len).unwrap_or("");
            let n = names.pseudonym(Kind::Sid, Kind::Sid, original);
            let prefix = rest.get(..keep).unwrap_or("");
            // The sub-authorities after the kept part: all zero but the last.
            let groups = original.get(keep..).unwrap_or("").matches('-').count();
            let mut pseudonym = String::from(prefix);
            for _ in 1..groups {
                pseudonym.push_str("-0");
            }
            pseudonym.push_str(&format!("-{n}"));
            Some((i, i + len, pseudonym))
        } else if let Some((len, v6)) = ip_at(rest) {
            let original = rest.get(..len).unwrap_or("");
            let n = names.pseudonym(Kind::Ip, Kind::Ip, original);
            Some((i, i + len, ip_pseudonym(n, v6)))
        } else {
            // A bare host or domain name in free text (`sts.fabrikam.com`, `dc01.corp.local`):
            // the same pseudonym as in a URL.
            // Inside a URL, its host was handled at the scheme; a path is left alone.
            fqdn_at(rest)
                .map(|len| rest.get(..len).unwrap_or(""))
                .filter(|host| !is_microsoft_host(host) && !in_url(text, i))
                .map(|host| {
                    let n = names.pseudonym(Kind::HostName, Kind::HostName, host);
                    (i, i + host.len(), format!("host{n}.contoso.example"))
                })
        };
        match hit {
            Some((start, end, pseudonym)) if start >= plain => {
                out.push_str(text.get(plain..start).unwrap_or(""));
                out.push_str(&pseudonym);
                i = end;
                plain = end;
                word_start = end;
            }
            _ => {
                if !is_local_byte(b) {
                    word_start = i + 1;
                }
                i += 1;
            }
        }
    }
    out.push_str(text.get(plain..).unwrap_or(""));
}

/// Last labels that make a dotted word a file name, not a host (`dsregcmd.exe`, `status.txt`).
const FILE_EXTENSIONS: &[&str] = &[
    "admx", "asmx", "aspx", "bak", "bat", "cab", "cer", "cfg", "cmd", "conf", "config", "cpl",
    "crt", "cs", "css", "csv", "dat", "der", "dll", "dmp", "doc", "docx", "drv", "etl", "evtx",
    "exe", "gif", "gz", "htm", "html", "ico", "inf", "ini", "iso", "jar", "jpeg", "jpg", "js",
    "json", "jsp", "lnk", "lock", "log", "md", "msc", "msi", "msu", "mui", "ocx", "pdf", "pem",
    "pfx", "php", "png", "pol", "ps", "psd", "py", "reg", "rs", "scr", "sh", "sql", "svc", "svg",
    "sys", "tmp", "toml", "ts", "tsv", "txt", "vbs", "vhd", "vhdx", "wasm", "wim", "wsf", "xml",
    "xsd", "yaml", "yml", "zip",
];

/// Labels that mark a Windows or Microsoft component name (`microsoft.aad.brokerplugin`,
/// `dsregcmd.exe` mistyped as `dsregcmd.dsregcmd`), which identifies nobody.
const COMPONENT_LABELS: &[&str] = &["microsoft", "windows", "azure", "aad", "dsregcmd"];

/// The length of a bare DNS name at the start of `s` (`sts.fabrikam.com`), if any: two or
/// more labels of letters, digits and `-`, the last one 2 to 24 letters in one case (so
/// `System.Net.Http` and version numbers are not names), not a file name, not followed by `@`
/// (an e-mail's local part) or by a letter, digit, `-` or `_`.
fn fqdn_at(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let is_label = |c: &u8| c.is_ascii_alphanumeric() || *c == b'-';
    let mut end = 0;
    let mut labels = 0;
    let mut last = (0, 0);
    loop {
        let start = end;
        let len = b
            .get(start..)?
            .iter()
            .take(64)
            .take_while(|c| is_label(c))
            .count();
        if len == 0 || b.get(start) == Some(&b'-') {
            break;
        }
        labels += 1;
        last = (start, start + len);
        end = start + len;
        // Another label follows a dot; a final dot (end of a sentence) is not part of the name.
        if b.get(end) == Some(&b'.') && b.get(end + 1).is_some_and(is_label) {
            if labels == 32 {
                return None;
            }
            end += 1;
        } else {
            break;
        }
    }
    if labels < 2
        || b.get(end)
            .is_some_and(|c| is_label(c) || matches!(c, b'@' | b'_'))
    {
        return None;
    }
    let tld = s.get(last.0..last.1)?;
    let one_case =
        tld.bytes().all(|c| c.is_ascii_lowercase()) || tld.bytes().all(|c| c.is_ascii_uppercase());
    if !(2..=24).contains(&tld.len()) || !one_case {
        return None;
    }
    let name = s.get(..end)?;
    let named = |list: &[&str], label: &str| list.iter().any(|x| x.eq_ignore_ascii_case(label));
    if named(FILE_EXTENSIONS, tld) || name.split('.').any(|l| named(COMPONENT_LABELS, l)) {
        return None;
    }
    Some(end)
}

/// The GUID (`8-4-4-4-12` hex digits) at the start of `s`, if no hex digit or `-` follows.
fn guid_at(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    if b.len() < 36 {
        return None;
    }
    for (i, &c) in b.iter().take(36).enumerate() {
        let ok = if matches!(i, 8 | 13 | 18 | 23) {
            c == b'-'
        } else {
            c.is_ascii_hexdigit()
        };
        if !ok {
            return None;
        }
    }
    if b.get(36)
        .is_some_and(|c| c.is_ascii_hexdigit() || *c == b'-')
    {
        return None;
    }
    s.get(..36)
}

/// The length of a 40-hex-digit thumbprint at the start of `s`.
fn thumbprint_at(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let run = b
        .iter()
        .take(41)
        .take_while(|c| c.is_ascii_hexdigit())
        .count();
    let next_word = b.get(40).is_some_and(|c| c.is_ascii_hexdigit());
    (run == 40 && !next_word && b.iter().take(40).any(|c| c.is_ascii_digit())).then_some(40)
}

/// A SID with at least three sub-authorities at the start of `s`: `(length, length of the
/// part kept)` where the kept part is `S-1-<authority>-<first sub-authority>`.
fn sid_at(s: &str) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    if b.len() < 4
        || !(b[0] == b'S' || b[0] == b's')
        || b[1] != b'-'
        || b[2] != b'1'
        || b[3] != b'-'
    {
        return None;
    }
    let mut i = 3;
    let mut groups = 0;
    let mut keep = 0;
    while i < b.len() && b[i] == b'-' {
        let digits = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 || digits > 10 {
            break;
        }
        i += 1 + digits;
        groups += 1;
        if groups == 2 {
            keep = i;
        }
    }
    if b.get(i).is_some_and(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    // Authority, then at least three sub-authorities (`S-1-5-21-a-b-c`, `S-1-12-1-a-b-c-d`).
    (groups >= 4).then_some((i, keep))
}

/// An IP address at the start of `s`: `(length, is IPv6)`. Loopback, unspecified and broadcast
/// addresses are not identifiers and are skipped.
fn ip_at(s: &str) -> Option<(usize, bool)> {
    let b = s.as_bytes();
    let first = *b.first()?;
    if !(first.is_ascii_hexdigit() || first == b':') {
        return None;
    }
    let run = b
        .iter()
        .take(64)
        .take_while(|c| c.is_ascii_hexdigit() || **c == b'.' || **c == b':')
        .count();
    let token = s.get(..run)?.trim_end_matches(['.', ':']);
    if b.get(token.len())
        .is_some_and(|c| c.is_ascii_alphanumeric())
    {
        return None;
    }
    let colons = token.bytes().filter(|c| *c == b':').count();
    if colons >= 2 {
        let ip: Ipv6Addr = token.parse().ok()?;
        if ip.is_loopback() || ip.is_unspecified() {
            return None;
        }
        // A zone index (`fe80::1%12`) goes with the address.
        let mut len = token.len();
        if b.get(len) == Some(&b'%') {
            len += 1 + b[len + 1..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric())
                .count();
        }
        Some((len, true))
    } else if colons == 0 && token.bytes().filter(|c| *c == b'.').count() == 3 {
        let ip: Ipv4Addr = token.parse().ok()?;
        if ip.is_loopback() || ip.is_unspecified() || ip.is_broadcast() {
            return None;
        }
        // `10.0.19045.1` fails to parse; versions that parse (`10.0.0.1`) are rare in output.
        Some((token.len(), false))
    } else {
        None
    }
}

/// The `n`th address of the documentation ranges (RFC 5737, RFC 3849).
fn ip_pseudonym(n: usize, v6: bool) -> String {
    if v6 {
        return format!("2001:db8::{n:x}");
    }
    match n {
        1..=254 => format!("192.0.2.{n}"),
        255..=508 => format!("198.51.100.{}", n - 254),
        509..=762 => format!("203.0.113.{}", n - 508),
        _ => format!("10.{}.{}.{}", (n >> 16) & 255, (n >> 8) & 255, n & 255),
    }
}

/// `(offset, length)` of the host of the `http://` or `https://` URL at the start of `s`.
fn url_host(s: &str) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    let scheme = if b.len() >= 8 && b[..8].eq_ignore_ascii_case(b"https://") {
        8
    } else if b.len() >= 7 && b[..7].eq_ignore_ascii_case(b"http://") {
        7
    } else {
        return None;
    };
    let len = b[scheme..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_'))
        .count();
    // A DNS label never ends with `-`: `https://www------` in a damaged box line is `www`.
    let host = s.get(scheme..scheme + len)?.trim_end_matches(['.', '-']);
    // A bare word (`http://wpad/`) is a host name too, but an IP is left to the IP scanner.
    (!host.is_empty() && host.bytes().any(|c| c.is_ascii_alphabetic()))
        .then_some((scheme, host.len()))
}

/// Whether byte `at` of `text` lies inside a URL (after `://` with no space in between).
fn in_url(text: &str, at: usize) -> bool {
    // Looking back a bounded distance keeps the scan linear.
    let mut from = at.saturating_sub(2048);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = text.get(from..at).unwrap_or("");
    let start = before
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .map_or(0, |p| p + 1);
    before.get(start..).is_some_and(|w| w.contains("://"))
}

fn is_local_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-' | b'\'' | b'$')
}

/// The e-mail address around the `@` at `at`, its local part starting no earlier than `from`:
/// `(start, end)`.
fn email_at(text: &str, from: usize, at: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let mut start = from.min(at);
    // The local part does not start with a dot or quote.
    while start < at && matches!(b[start], b'.' | b'\'') {
        start += 1;
    }
    if start == at {
        return None;
    }
    let domain_len = b[at + 1..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.'))
        .count();
    let domain = text
        .get(at + 1..at + 1 + domain_len)?
        .trim_end_matches(['.', '-']);
    let tld = domain.rsplit('.').next().unwrap_or("");
    if !domain.contains('.') || tld.len() < 2 || !tld.bytes().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    Some((start, at + 1 + domain.len()))
}

#[cfg(test)]
mod tests;

#[cfg(test)]
impl Redacted {
    /// The count of `kind` (0 when none).
    fn count(&self, kind: Kind) -> usize {
        self.counts
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(0, |(_, n)| *n)
    }
}
