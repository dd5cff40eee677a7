//! The typed view: [`Doc`], [`SectionRef`], [`FieldRef`] and [`BlockRef`] borrow the decoded text
//! and the section tree, and type each value on demand ([`Value`]). Every field is visible,
//! known or not; [`KnownField`] says what is known about a key (its home section, its type).

use alloc::borrow::Cow;
use alloc::string::String;
use core::fmt;

use nom::IResult;
use nom::Parser;
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while_m_n};
use nom::character::complete::{char, space0, space1};
use nom::combinator::{all_consuming, map_res, opt, recognize};
use nom::sequence::{delimited, preceded};

use crate::lines::Line;
use crate::sections::{BlockKind, Document, Field, Section};
use crate::text::{norm_eq, normalize};
use crate::{Join, Span};

// ---------------------------------------------------------------------------------------------
// Known fields

/// What kind of value a known key holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueKind {
    /// YES / NO (also NOT SET, UNKNOWN, ERROR).
    Flag,
    /// Free text (names, URLs, enumerations such as `WillProvision`).
    Text,
    /// A GUID, possibly braced and followed by `(Suffix)`.
    Guid,
    /// A UTC timestamp.
    Timestamp,
    /// A certificate validity range `[ from -- to ]`.
    Validity,
    /// An HRESULT or NTSTATUS code.
    Code,
    /// A diagnostic test result (PASS / FAIL \[codes\] / SKIPPED).
    Test,
    /// A decimal number.
    Number,
    /// A comma-separated list.
    List,
}

/// What the model knows about a key of the seed document or a real-world extra.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KnownField {
    norm: &'static str,
    /// The key as dsregcmd prints it.
    pub key: &'static str,
    /// The section it belongs to in the current layout (`Work Account` for `Work Account N`).
    pub section: &'static str,
    /// The kind of its value.
    pub kind: ValueKind,
}

const fn known(
    norm: &'static str,
    key: &'static str,
    section: &'static str,
    kind: ValueKind,
) -> KnownField {
    KnownField {
        norm,
        key,
        section,
        kind,
    }
}

/// Every known key, sorted by normalised key (lowercase, no whitespace).
pub const KNOWN_FIELDS: &[KnownField] = &[
    known(
        "aadrecoveryenabled",
        "AadRecoveryEnabled",
        "Diagnostic Data",
        ValueKind::Flag,
    ),
    known(
        "aadrecoveryneeded",
        "AadRecoveryNeeded",
        "Ngc Prerequisite Check",
        ValueKind::Flag,
    ),
    known(
        "accesstokenurl",
        "AccessTokenUrl",
        "Tenant Details",
        ValueKind::Text,
    ),
    known(
        "accesstype",
        "Access Type",
        "WinHttp Default Proxy Config",
        ValueKind::Text,
    ),
    known(
        "acquireprtdiagnostics",
        "AcquirePrtDiagnostics",
        "SSO State",
        ValueKind::Text,
    ),
    known(
        "adconfigurationtest",
        "AD Configuration Test",
        "Diagnostic Data",
        ValueKind::Test,
    ),
    known(
        "adconnectivitytest",
        "AD Connectivity Test",
        "Diagnostic Data",
        ValueKind::Test,
    ),
    known(
        "adfsraisready",
        "AdfsRaIsReady",
        "Ngc Prerequisite Check",
        ValueKind::Flag,
    ),
    known(
        "adfsrefreshtoken",
        "AdfsRefreshToken",
        "Ngc Prerequisite Check",
        ValueKind::Flag,
    ),
    known(
        "attemptstatus",
        "Attempt Status",
        "SSO State",
        ValueKind::Code,
    ),
    known(
        "authcodeurl",
        "AuthCodeUrl",
        "Tenant Details",
        ValueKind::Text,
    ),
    known(
        "auto-configurationurl",
        "Auto-Configuration URL",
        "IE Proxy Config",
        ValueKind::Text,
    ),
    known(
        "autodetectpacstatus",
        "Auto Detect PAC Status",
        "URL Specific Proxy Config",
        ValueKind::Text,
    ),
    known(
        "autodetectsettings",
        "Auto Detect Settings",
        "IE Proxy Config",
        ValueKind::Flag,
    ),
    known(
        "azureadjoined",
        "AzureAdJoined",
        "Device State",
        ValueKind::Flag,
    ),
    known("azureadprt", "AzureAdPrt", "SSO State", ValueKind::Flag),
    known(
        "azureadprtauthority",
        "AzureAdPrtAuthority",
        "SSO State",
        ValueKind::Text,
    ),
    known(
        "azureadprtexpirytime",
        "AzureAdPrtExpiryTime",
        "SSO State",
        ValueKind::Timestamp,
    ),
    known(
        "azureadprtupdatetime",
        "AzureAdPrtUpdateTime",
        "SSO State",
        ValueKind::Timestamp,
    ),
    known("canreset", "CanReset", "User State", ValueKind::Text),
    known(
        "certenrollment",
        "CertEnrollment",
        "Ngc Prerequisite Check",
        ValueKind::Text,
    ),
    known(
        "clienterrorcode",
        "Client ErrorCode",
        "Diagnostic Data",
        ValueKind::Code,
    ),
    known(
        "clienttime",
        "Client Time",
        "Diagnostic Data",
        ValueKind::Timestamp,
    ),
    known("cloudtgt", "CloudTgt", "SSO State", ValueKind::Flag),
    known(
        "correlationid",
        "Correlation ID",
        "SSO State",
        ValueKind::Guid,
    ),
    known(
        "credentialtype",
        "Credential Type",
        "SSO State",
        ValueKind::Text,
    ),
    known(
        "deviceauthstatus",
        "DeviceAuthStatus",
        "Device Details",
        ValueKind::Text,
    ),
    known(
        "devicecertificatevalidity",
        "DeviceCertificateValidity",
        "Device Details",
        ValueKind::Validity,
    ),
    known(
        "deviceeligible",
        "DeviceEligible",
        "Ngc Prerequisite Check",
        ValueKind::Flag,
    ),
    known("deviceid", "DeviceId", "Device Details", ValueKind::Guid),
    known(
        "devicemanagementsrvid",
        "DeviceManagementSrvId",
        "Tenant Details",
        ValueKind::Text,
    ),
    known(
        "devicemanagementsrvurl",
        "DeviceManagementSrvUrl",
        "Tenant Details",
        ValueKind::Text,
    ),
    known(
        "devicemanagementsrvver",
        "DeviceManagementSrvVer",
        "Tenant Details",
        ValueKind::Text,
    ),
    known(
        "devicemanagementsrvversion",
        "DeviceManagementSrvVersion",
        "Tenant Details",
        ValueKind::Text,
    ),
    known("devicename", "Device Name", "Device State", ValueKind::Text),
    known(
        "diagnosticsreference",
        "Diagnostics Reference",
        "Diagnostic Data",
        ValueKind::Text,
    ),
    known(
        "displaynameupdated",
        "DisplayNameUpdated",
        "Diagnostic Data",
        ValueKind::Flag,
    ),
    known(
        "domainjoined",
        "DomainJoined",
        "Device State",
        ValueKind::Flag,
    ),
    known("domainname", "DomainName", "Device State", ValueKind::Text),
    known(
        "drsconnectivitytest",
        "DRS Connectivity Test",
        "Diagnostic Data",
        ValueKind::Test,
    ),
    known(
        "drsdiscoverytest",
        "DRS Discovery Test",
        "Diagnostic Data",
        ValueKind::Test,
    ),
    known("endpointuri", "Endpoint URI", "SSO State", ValueKind::Text),
    known(
        "enterprisejoined",
        "EnterpriseJoined",
        "Device State",
        ValueKind::Flag,
    ),
    known(
        "enterpriseprt",
        "EnterprisePrt",
        "SSO State",
        ValueKind::Flag,
    ),
    known(
        "enterpriseprtauthority",
        "EnterprisePrtAuthority",
        "SSO State",
        ValueKind::Text,
    ),
    known(
        "enterpriseprtexpirytime",
        "EnterprisePrtExpiryTime",
        "SSO State",
        ValueKind::Timestamp,
    ),
    known(
        "enterpriseprtupdatetime",
        "EnterprisePrtUpdateTime",
        "SSO State",
        ValueKind::Timestamp,
    ),
    known(
        "errorphase",
        "Error Phase",
        "Diagnostic Data",
        ValueKind::Text,
    ),
    known(
        "executingaccountname",
        "Executing Account Name",
        "Diagnostic Data",
        ValueKind::List,
    ),
    known("extensions", "Extensions", "Device State", ValueKind::Text),
    known(
        "fallbacktofed-join",
        "Fallback to Fed-Join",
        "Diagnostic Data",
        ValueKind::Text,
    ),
    known(
        "fallbacktosync-join",
        "Fallback to Sync-Join",
        "Diagnostic Data",
        ValueKind::Text,
    ),
    known(
        "hostnameupdated",
        "HostNameUpdated",
        "Diagnostic Data",
        ValueKind::Flag,
    ),
    known("httperror", "HTTP Error", "SSO State", ValueKind::Code),
    known("httpmethod", "HTTP Method", "SSO State", ValueKind::Text),
    known(
        "httpsstatus",
        "Https Status",
        "Diagnostic Data",
        ValueKind::Number,
    ),
    known("httpstatus", "HTTP Status", "SSO State", ValueKind::Number),
    known("idp", "Idp", "Tenant Details", ValueKind::Text),
    known(
        "isdevicejoined",
        "IsDeviceJoined",
        "Ngc Prerequisite Check",
        ValueKind::Flag,
    ),
    known(
        "isuserazuread",
        "IsUserAzureAD",
        "Ngc Prerequisite Check",
        ValueKind::Flag,
    ),
    known("joinsrvid", "JoinSrvId", "Tenant Details", ValueKind::Text),
    known(
        "joinsrvurl",
        "JoinSrvUrl",
        "Tenant Details",
        ValueKind::Text,
    ),
    known(
        "joinsrvversion",
        "JoinSrvVersion",
        "Tenant Details",
        ValueKind::Text,
    ),
    known(
        "kerberostickettest",
        "Kerberos Ticket Test",
        "Diagnostic Data",
        ValueKind::Test,
    ),
    known(
        "kerbtoplevelnames",
        "KerbTopLevelNames",
        "SSO State",
        ValueKind::List,
    ),
    known(
        "keycontainerid",
        "KeyContainerId",
        "Device Details",
        ValueKind::Guid,
    ),
    known(
        "keyprovider",
        "KeyProvider",
        "Device Details",
        ValueKind::Text,
    ),
    known(
        "keysigntest",
        "KeySignTest",
        "Diagnostic Data",
        ValueKind::Test,
    ),
    known("keysrvid", "KeySrvId", "Tenant Details", ValueKind::Text),
    known("keysrvurl", "KeySrvUrl", "Tenant Details", ValueKind::Text),
    known(
        "keysrvversion",
        "KeySrvVersion",
        "Tenant Details",
        ValueKind::Text,
    ),
    known(
        "lasthostnameupdate",
        "Last HostName Update",
        "Diagnostic Data",
        ValueKind::Timestamp,
    ),
    known(
        "logoncerttemplateready",
        "LogonCertTemplateReady",
        "Ngc Prerequisite Check",
        ValueKind::Flag,
    ),
    known(
        "mdmcomplianceurl",
        "MdmComplianceUrl",
        "Tenant Details",
        ValueKind::Text,
    ),
    known("mdmtouurl", "MdmTouUrl", "Tenant Details", ValueKind::Text),
    known("mdmurl", "MdmUrl", "Tenant Details", ValueKind::Text),
    known("ngckeyid", "NgcKeyId", "User State", ValueKind::Guid),
    known(
        "ngcprereq",
        "NgcPreReq",
        "Ngc Prerequisite Check",
        ValueKind::Text,
    ),
    known("ngcset", "NgcSet", "User State", ValueKind::Flag),
    known("onpremtgt", "OnPremTgt", "SSO State", ValueKind::Flag),
    known(
        "osversionupdated",
        "OsVersionUpdated",
        "Diagnostic Data",
        ValueKind::Flag,
    ),
    known(
        "policyenabled",
        "PolicyEnabled",
        "Ngc Prerequisite Check",
        ValueKind::Flag,
    ),
    known(
        "postlogonenabled",
        "PostLogonEnabled",
        "Ngc Prerequisite Check",
        ValueKind::Flag,
    ),
    known(
        "prereqresult",
        "PreReqResult",
        "Ngc Prerequisite Check",
        ValueKind::Text,
    ),
    known(
        "previousprtattempt",
        "Previous Prt Attempt",
        "SSO State",
        ValueKind::Timestamp,
    ),
    known(
        "previousregistration",
        "Previous Registration",
        "Diagnostic Data",
        ValueKind::Timestamp,
    ),
    known("provider", "Provider", "Device State", ValueKind::Text),
    known(
        "proxybypasslist",
        "Proxy Bypass List",
        "IE Proxy Config",
        ValueKind::Text,
    ),
    known(
        "proxyserverlist",
        "Proxy Server List",
        "IE Proxy Config",
        ValueKind::Text,
    ),
    known(
        "refreshprtdiagnostics",
        "RefreshPrtDiagnostics",
        "SSO State",
        ValueKind::Text,
    ),
    known(
        "registrationtype",
        "Registration Type",
        "Diagnostic Data",
        ValueKind::Text,
    ),
    known(
        "requestid",
        "Request Id",
        "Diagnostic Data",
        ValueKind::Guid,
    ),
    known(
        "scepready",
        "ScepReady",
        "Ngc Prerequisite Check",
        ValueKind::Flag,
    ),
    known(
        "servererrorcode",
        "Server Error Code",
        "SSO State",
        ValueKind::Text,
    ),
    known(
        "servererrordescription",
        "Server Error Description",
        "SSO State",
        ValueKind::Text,
    ),
    known(
        "servererrorsubcode",
        "Server ErrorSubCode",
        "Diagnostic Data",
        ValueKind::Text,
    ),
    known(
        "servermessage",
        "Server Message",
        "Diagnostic Data",
        ValueKind::Text,
    ),
    known(
        "serveroperation",
        "Server Operation",
        "Diagnostic Data",
        ValueKind::Text,
    ),
    known(
        "sessionisnotremote",
        "SessionIsNotRemote",
        "Ngc Prerequisite Check",
        ValueKind::Flag,
    ),
    known(
        "settingsurl",
        "SettingsUrl",
        "Tenant Details",
        ValueKind::Text,
    ),
    known("tenantid", "TenantId", "Tenant Details", ValueKind::Guid),
    known(
        "tenantname",
        "TenantName",
        "Tenant Details",
        ValueKind::Text,
    ),
    known(
        "thumbprint",
        "Thumbprint",
        "Device Details",
        ValueKind::Text,
    ),
    known(
        "tokenacquisitiontest",
        "Token Acquisition Test",
        "Diagnostic Data",
        ValueKind::Test,
    ),
    known(
        "tpmprotected",
        "TpmProtected",
        "Device Details",
        ValueKind::Flag,
    ),
    known("type", "Type", "Device State", ValueKind::Text),
    known(
        "usercontext",
        "User Context",
        "Diagnostic Data",
        ValueKind::Text,
    ),
    known(
        "useridentity",
        "User Identity",
        "SSO State",
        ValueKind::Text,
    ),
    known("usermode", "User mode", "Device State", ValueKind::Text),
    known(
        "virtualdesktop",
        "Virtual Desktop",
        "Device State",
        ValueKind::Text,
    ),
    known(
        "wamdefaultauthority",
        "WamDefaultAuthority",
        "User State",
        ValueKind::Text,
    ),
    known(
        "wamdefaultguid",
        "WamDefaultGUID",
        "User State",
        ValueKind::Guid,
    ),
    known(
        "wamdefaultid",
        "WamDefaultId",
        "User State",
        ValueKind::Text,
    ),
    known(
        "wamdefaultset",
        "WamDefaultSet",
        "User State",
        ValueKind::Flag,
    ),
    known(
        "webauthnsrvid",
        "WebAuthNSrvId",
        "Tenant Details",
        ValueKind::Text,
    ),
    known(
        "webauthnsrvurl",
        "WebAuthNSrvUrl",
        "Tenant Details",
        ValueKind::Text,
    ),
    known(
        "webauthnsrvversion",
        "WebAuthNSrvVersion",
        "Tenant Details",
        ValueKind::Text,
    ),
    known(
        "workaccountcount",
        "WorkAccountCount",
        "User State",
        ValueKind::Number,
    ),
    known(
        "workplacedeviceid",
        "WorkplaceDeviceId",
        "Work Account",
        ValueKind::Guid,
    ),
    known(
        "workplaceidp",
        "WorkplaceIdp",
        "Work Account",
        ValueKind::Text,
    ),
    known(
        "workplacejoined",
        "WorkplaceJoined",
        "User State",
        ValueKind::Flag,
    ),
    known(
        "workplacemdmurl",
        "WorkplaceMdmUrl",
        "Work Account",
        ValueKind::Text,
    ),
    known(
        "workplacesettingsurl",
        "WorkplaceSettingsUrl",
        "Work Account",
        ValueKind::Text,
    ),
    known(
        "workplacetenantid",
        "WorkplaceTenantId",
        "Work Account",
        ValueKind::Guid,
    ),
    known(
        "workplacetenantname",
        "WorkplaceTenantName",
        "Work Account",
        ValueKind::Text,
    ),
    known(
        "workplacethumbprint",
        "WorkplaceThumbprint",
        "Work Account",
        ValueKind::Text,
    ),
    known(
        "x509certrequired",
        "X509CertRequired",
        "Ngc Prerequisite Check",
        ValueKind::Flag,
    ),
];

/// The known sections (titles compared ignoring case and spaces); `Work Account N` is matched by
/// prefix.
pub const KNOWN_SECTIONS: &[&str] = &[
    "Device State",
    "Device Details",
    "Tenant Details",
    "User State",
    "SSO State",
    "Diagnostic Data",
    "IE Proxy Config for Current User",
    "IE Proxy Config for System Account",
    "WinHttp Default Proxy Config",
    "URL Specific Proxy Config",
    "Ngc Prerequisite Check",
];

/// What is known about `key` (compared ignoring case and whitespace).
pub fn known_field(key: &str) -> Option<&'static KnownField> {
    let mut buf = [0; 48];
    known_norm(normalize(key, &mut buf)?)
}

fn known_norm(norm: &str) -> Option<&'static KnownField> {
    KNOWN_FIELDS.get(known_index(norm)?)
}

/// Index in [`KNOWN_FIELDS`] of a normalised key: one hash and one comparison.
pub(crate) fn known_index(norm: &str) -> Option<usize> {
    let mut slot = (fnv(norm.as_bytes()) as usize) & (KNOWN_SLOTS - 1);
    loop {
        let entry = *KNOWN_TABLE.get(slot)?;
        if entry == 0 {
            return None;
        }
        let index = usize::from(entry - 1);
        if KNOWN_FIELDS.get(index).is_some_and(|k| k.norm == norm) {
            return Some(index);
        }
        slot = (slot + 1) & (KNOWN_SLOTS - 1);
    }
}

/// FNV-1a, usable at compile time.
const fn fnv(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    let mut i = 0;
    while i < bytes.len() {
        h ^= bytes[i] as u32;
        h = h.wrapping_mul(0x0100_0193);
        i += 1;
    }
    h
}

/// Slots of the open-addressing table over [`KNOWN_FIELDS`] (a power of two, at least twice
/// the number of keys so probes stay short and an empty slot always exists).
const KNOWN_SLOTS: usize = 512;

/// `index + 1` of the key hashed to each slot (linear probing), 0 for empty.
const KNOWN_TABLE: [u8; KNOWN_SLOTS] = {
    assert!(KNOWN_FIELDS.len() * 2 <= KNOWN_SLOTS && KNOWN_FIELDS.len() < 255);
    let mut table = [0u8; KNOWN_SLOTS];
    let mut i = 0;
    while i < KNOWN_FIELDS.len() {
        let mut slot = (fnv(KNOWN_FIELDS[i].norm.as_bytes()) as usize) & (KNOWN_SLOTS - 1);
        while table[slot] != 0 {
            slot = (slot + 1) & (KNOWN_SLOTS - 1);
        }
        table[slot] = (i + 1) as u8;
        i += 1;
    }
    table
};

/// Index in [`KNOWN_FIELDS`] of a normalised key, at compile time (panics when absent, which
/// fails the build).
pub(crate) const fn known_const(norm: &str) -> u16 {
    let mut i = 0;
    while i < KNOWN_FIELDS.len() {
        let k = KNOWN_FIELDS[i].norm.as_bytes();
        let n = norm.as_bytes();
        if k.len() == n.len() {
            let mut j = 0;
            while j < k.len() && k[j] == n[j] {
                j += 1;
            }
            if j == k.len() {
                return i as u16;
            }
        }
        i += 1;
    }
    panic!("unknown key")
}

/// A key looked up in many sections: its catalog index is computed once.
struct KeyQuery<'k> {
    key: &'k str,
    known: Option<u16>,
}

impl<'k> KeyQuery<'k> {
    fn new(key: &'k str) -> KeyQuery<'k> {
        KeyQuery {
            key,
            known: known_field_index(key),
        }
    }
}

fn known_field_index(key: &str) -> Option<u16> {
    let mut buf = [0; 48];
    known_index(normalize(key, &mut buf)?).and_then(|i| u16::try_from(i).ok())
}

pub(crate) fn is_known_key(key: &str) -> bool {
    known_field(key).is_some()
}

/// Whether `title` is a known section title (`Work Account 3` included).
pub fn is_known_section(title: &str) -> bool {
    KNOWN_SECTIONS.iter().any(|s| norm_eq(s, title)) || is_work_account(title)
}

fn is_work_account(title: &str) -> bool {
    let t = title.trim();
    crate::text::starts_with_ci(t, "Work Account")
        && t.get(12..)
            .is_some_and(|n| !n.trim().is_empty() && n.trim().bytes().all(|b| b.is_ascii_digit()))
}

// ---------------------------------------------------------------------------------------------
// Typed values

/// An HRESULT, NTSTATUS or Win32 code as printed (`0x801c03f2`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Code(pub u32);

/// The family of a [`Code`], from its high bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeKind {
    /// Zero: no error.
    Success,
    /// An HRESULT failure (`0x8…`, severity bit set).
    Hresult,
    /// An NTSTATUS error (`0xC…`).
    Ntstatus,
    /// Anything else (a Win32 error or a status without the failure bit).
    Other,
}

impl Code {
    /// The family of the code.
    pub fn kind(self) -> CodeKind {
        match self.0 {
            0 => CodeKind::Success,
            c if c >> 30 == 0b11 => CodeKind::Ntstatus,
            c if c >> 31 == 1 => CodeKind::Hresult,
            _ => CodeKind::Other,
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "0x{:08x}", self.0)
    }
}

/// A UTC time as dsregcmd prints it (`2022-11-07 15:51:42.000 UTC`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Timestamp {
    /// Year.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, 1–31.
    pub day: u8,
    /// Hour, 0–23.
    pub hour: u8,
    /// Minute, 0–59.
    pub minute: u8,
    /// Second, 0–60.
    pub second: u8,
    /// Milliseconds, 0–999.
    pub millis: u16,
}

impl Timestamp {
    /// Seconds since 1970-01-01 00:00:00 UTC.
    pub fn unix_seconds(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        let days = era * 146_097 + doe - 719_468;
        days * 86_400
            + i64::from(self.hour) * 3_600
            + i64::from(self.minute) * 60
            + i64::from(self.second)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:03} UTC",
            self.year, self.month, self.day, self.hour, self.minute, self.second, self.millis
        )
    }
}

/// A certificate validity range.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Validity {
    /// Not valid before.
    pub from: Timestamp,
    /// Not valid after.
    pub to: Timestamp,
}

/// A GUID (`00aa00aa-bb11-cc22-dd33-44ee44ee44ee`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Guid(pub u128);

impl fmt::Display for Guid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.0;
        write!(
            f,
            "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
            v >> 96,
            (v >> 80) & 0xffff,
            (v >> 64) & 0xffff,
            (v >> 48) & 0xffff,
            v & 0xffff_ffff_ffff
        )
    }
}

/// The result of a diagnostic test.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TestResult {
    /// `PASS` or `PASSED`.
    Pass,
    /// `FAIL` / `FAILED`, with the codes of `FAIL [primary/sub]` when printed.
    Fail {
        /// The first code in brackets.
        primary: Option<Code>,
        /// The code after the `/`.
        sub: Option<Code>,
    },
    /// `SKIPPED`.
    Skipped,
}

/// A typed value. Raw text stays available through [`FieldRef::raw`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value<'a> {
    /// Nothing after the separator.
    Empty,
    /// `YES` (a detail such as `YES ( StateReady )` is kept in the raw text).
    Yes,
    /// `NO`.
    No,
    /// `NOT SET`.
    NotSet,
    /// `UNKNOWN`.
    Unknown,
    /// `ERROR`, with a code when one is printed (`ERROR 0x80070005`).
    Error(Option<Code>),
    /// A UTC timestamp.
    Timestamp(Timestamp),
    /// A certificate validity range.
    Validity(Validity),
    /// A GUID, with the suffix of `{…} (AzureAd)` when present.
    Guid(Guid, Option<&'a str>),
    /// An HRESULT / NTSTATUS code.
    Code(Code),
    /// A test result.
    Test(TestResult),
    /// A decimal number.
    Number(u64),
    /// A comma-separated list; see [`Value::items`].
    List(&'a str),
    /// Anything else (joined back when it was hard-wrapped).
    Text(Cow<'a, str>),
}

impl<'a> Value<'a> {
    /// Types `raw` by its shape alone.
    pub fn parse(raw: &'a str) -> Value<'a> {
        let s = crate::text::trim(raw);
        if s.is_empty() {
            return Value::Empty;
        }
        // The most common values, exactly: no parser needed.
        for (word, value) in [
            ("YES", Value::Yes),
            ("NO", Value::No),
            ("NOT SET", Value::NotSet),
            ("PASS", Value::Test(TestResult::Pass)),
            ("PASSED", Value::Test(TestResult::Pass)),
            ("SKIPPED", Value::Test(TestResult::Skipped)),
            ("UNKNOWN", Value::Unknown),
        ] {
            if s.len() == word.len() && s.eq_ignore_ascii_case(word) {
                return value;
            }
        }
        // Dispatch on the first bytes: most values are text and need no parser at all.
        let bytes = s.as_bytes();
        let first = bytes.first().copied().unwrap_or(b' ').to_ascii_uppercase();
        let dash_at = |i: usize| bytes.get(i) == Some(&b'-');
        if matches!(first, b'Y' | b'N' | b'U')
            && s.contains('(')
            && let Ok((_, v)) = all_consuming(flag).parse(s)
        {
            return v;
        }
        if crate::text::starts_with_ci(s, "ERROR")
            && let Ok((_, v)) = error(s)
        {
            return v;
        }
        if crate::text::starts_with_ci(s, "FAIL")
            && let Ok((_, v)) = test_result(s)
        {
            return Value::Test(v);
        }
        if first == b'0'
            && matches!(bytes.get(1), Some(b'x' | b'X'))
            && let Ok((_, c)) = all_consuming(code).parse(s)
        {
            return Value::Code(c);
        }
        if first == b'['
            && let Ok((_, v)) = all_consuming(validity).parse(s)
        {
            return Value::Validity(v);
        }
        if first.is_ascii_digit()
            && dash_at(4)
            && let Ok((_, t)) = all_consuming(timestamp).parse(s)
        {
            return Value::Timestamp(t);
        }
        if (first == b'{' || first.is_ascii_hexdigit() && dash_at(8))
            && s.len() >= 36
            && let Ok((_, (g, suffix))) = all_consuming(guid).parse(s)
        {
            return Value::Guid(g, suffix);
        }
        if s.len() <= 19
            && s.bytes().all(|b| b.is_ascii_digit())
            && let Ok(n) = s.parse()
        {
            return Value::Number(n);
        }
        Value::Text(Cow::Borrowed(s))
    }

    /// Types `raw` as a value of `kind`: lists are split, text stays text, the rest by shape.
    pub fn parse_as(raw: &'a str, kind: ValueKind) -> Value<'a> {
        let s = crate::text::trim(raw);
        match kind {
            _ if s.is_empty() => Value::Empty,
            ValueKind::List => Value::List(s),
            // Only YES / NO / NOT SET / UNKNOWN / ERROR are typed in a text field; they all
            // start with one of these letters, so other text skips the parsers.
            ValueKind::Text
                if !matches!(
                    s.as_bytes().first().map(u8::to_ascii_uppercase),
                    Some(b'Y' | b'N' | b'U' | b'E')
                ) =>
            {
                Value::Text(Cow::Borrowed(s))
            }
            ValueKind::Text => match Value::parse(s) {
                v @ (Value::Yes | Value::No | Value::NotSet | Value::Unknown | Value::Error(_)) => {
                    v
                }
                _ => Value::Text(Cow::Borrowed(s)),
            },
            _ => Value::parse(s),
        }
    }

    /// The items of a [`Value::List`], trimmed (empty for other values).
    pub fn items(&self) -> impl Iterator<Item = &'a str> + '_ {
        let s = match self {
            Value::List(s) => *s,
            _ => "",
        };
        s.split(',').map(str::trim).filter(|i| !i.is_empty())
    }

    /// `Some(true)` for YES, `Some(false)` for NO, `None` otherwise.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Yes => Some(true),
            Value::No => Some(false),
            _ => None,
        }
    }

    /// The snake_case name of the variant, as used in JSON (`yes`, `timestamp`, …).
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Empty => "empty",
            Value::Yes => "yes",
            Value::No => "no",
            Value::NotSet => "not_set",
            Value::Unknown => "unknown",
            Value::Error(_) => "error",
            Value::Timestamp(_) => "timestamp",
            Value::Validity(_) => "validity",
            Value::Guid(..) => "guid",
            Value::Code(_) => "code",
            Value::Test(_) => "test",
            Value::Number(_) => "number",
            Value::List(_) => "list",
            Value::Text(_) => "text",
        }
    }
}

/// A fast ASCII case-insensitive `tag` (nom's `tag_no_case` lowercases Unicode).
fn tag_no_case<'a>(
    t: &'static str,
) -> impl Parser<&'a str, Output = &'a str, Error = nom::error::Error<&'a str>> {
    move |i: &'a str| {
        let n = t.len();
        match (i.get(..n), i.get(n..)) {
            (Some(head), Some(rest)) if head.eq_ignore_ascii_case(t) => Ok((rest, head)),
            _ => Err(nom::Err::Error(nom::error::Error::new(
                i,
                nom::error::ErrorKind::Tag,
            ))),
        }
    }
}

fn flag(i: &str) -> IResult<&str, Value<'_>> {
    let word = alt((
        tag_no_case("YES").map(|_| Value::Yes),
        (tag_no_case("NOT"), space1, tag_no_case("SET")).map(|_| Value::NotSet),
        tag_no_case("NO").map(|_| Value::No),
        tag_no_case("UNKNOWN").map(|_| Value::Unknown),
    ));
    let detail = opt((space0, char('('), take_while(|c| c != ')'), char(')')));
    (word, detail).map(|(v, _)| v).parse(i)
}

fn error(i: &str) -> IResult<&str, Value<'_>> {
    let (rest, _) = tag_no_case("ERROR").parse(i)?;
    if rest
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric())
    {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Tag,
        )));
    }
    let found = rest
        .find("0x")
        .or_else(|| rest.find("0X"))
        .and_then(|at| code(rest.get(at..)?).ok())
        .map(|(_, c)| c);
    Ok(("", Value::Error(found)))
}

fn code(i: &str) -> IResult<&str, Code> {
    map_res(
        preceded(
            tag_no_case("0x"),
            take_while_m_n(1, 8, |c: char| c.is_ascii_hexdigit()),
        ),
        |h: &str| u32::from_str_radix(h, 16).map(Code),
    )
    .parse(i)
}

fn test_result(i: &str) -> IResult<&str, TestResult> {
    let codes = delimited(
        (space0, char('['), space0),
        (code, opt(preceded((space0, char('/'), space0), code))),
        (space0, char(']')),
    );
    let fail = preceded(
        alt((tag_no_case("FAILED"), tag_no_case("FAIL"))),
        opt(codes),
    )
    .map(|c| match c {
        Some((primary, sub)) => TestResult::Fail {
            primary: Some(primary),
            sub,
        },
        None => TestResult::Fail {
            primary: None,
            sub: None,
        },
    });
    let pass =
        all_consuming(alt((tag_no_case("PASSED"), tag_no_case("PASS")))).map(|_| TestResult::Pass);
    let skipped = all_consuming(tag_no_case("SKIPPED")).map(|_| TestResult::Skipped);
    alt((pass, skipped, fail)).parse(i)
}

fn digits<'a>(
    min: usize,
    max: usize,
) -> impl Parser<&'a str, Output = u16, Error = nom::error::Error<&'a str>> {
    map_res(
        take_while_m_n(min, max, |c: char| c.is_ascii_digit()),
        |s: &str| s.parse::<u16>(),
    )
}

/// The canonical `YYYY-MM-DD HH:MM:SS` prefix, read without a parser (most timestamps).
fn timestamp_fast(i: &str) -> Option<(&str, Timestamp)> {
    let b = i.as_bytes();
    let d = |at: usize| -> Option<u16> {
        let c = *b.get(at)?;
        c.is_ascii_digit().then(|| u16::from(c - b'0'))
    };
    let two = |at: usize| Some(d(at)? * 10 + d(at + 1)?);
    let shape = b.get(4) == Some(&b'-')
        && b.get(7) == Some(&b'-')
        && b.get(10) == Some(&b' ')
        && b.get(13) == Some(&b':')
        && b.get(16) == Some(&b':');
    if !shape {
        return None;
    }
    let year = d(0)? * 1000 + d(1)? * 100 + two(2)?;
    let (month, day, hour, minute, second) = (two(5)?, two(8)?, two(11)?, two(14)?, two(17)?);
    let mut rest = i.get(19..)?;
    let mut millis = 0;
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 7 {
            return None;
        }
        for (n, c) in frac.bytes().take(digits.min(3)).enumerate() {
            millis += u16::from(c - b'0') * [100, 10, 1].get(n).copied().unwrap_or(0);
        }
        rest = frac.get(digits..)?;
    }
    let trimmed = rest.trim_start();
    if trimmed.len() >= 3
        && trimmed
            .get(..3)
            .is_some_and(|u| u.eq_ignore_ascii_case("UTC"))
    {
        rest = trimmed.get(3..)?;
    }
    let valid = (1..=12).contains(&month)
        && (1..=31).contains(&day)
        && hour < 24
        && minute < 60
        && second <= 60;
    valid.then_some((
        rest,
        Timestamp {
            year,
            month: month as u8,
            day: day as u8,
            hour: hour as u8,
            minute: minute as u8,
            second: second as u8,
            millis,
        },
    ))
}

fn timestamp(i: &str) -> IResult<&str, Timestamp> {
    if let Some(found) = timestamp_fast(i) {
        return Ok(found);
    }
    let (i, (year, _, month, _, day)) = (
        digits(4, 4),
        char('-'),
        digits(1, 2),
        char('-'),
        digits(1, 2),
    )
        .parse(i)?;
    let (i, _) = alt((space1, tag("T"))).parse(i)?;
    let (i, (hour, _, minute, _, second)) = (
        digits(1, 2),
        char(':'),
        digits(2, 2),
        char(':'),
        digits(2, 2),
    )
        .parse(i)?;
    let (i, frac) = opt(preceded(
        char('.'),
        recognize(take_while_m_n(1, 7, |c: char| c.is_ascii_digit())),
    ))
    .parse(i)?;
    let (i, _) = opt(preceded(space0, alt((tag_no_case("UTC"), tag("Z"))))).parse(i)?;
    let millis = frac.map_or(0, |f: &str| {
        let mut ms = 0u16;
        for (n, b) in f.bytes().take(3).enumerate() {
            ms += u16::from(b - b'0') * [100, 10, 1].get(n).copied().unwrap_or(0);
        }
        ms
    });
    let valid = (1..=12).contains(&month)
        && (1..=31).contains(&day)
        && hour < 24
        && minute < 60
        && second <= 60;
    if !valid {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    let t = Timestamp {
        year,
        month: month as u8,
        day: day as u8,
        hour: hour as u8,
        minute: minute as u8,
        second: second as u8,
        millis,
    };
    Ok((i, t))
}

fn validity(i: &str) -> IResult<&str, Validity> {
    delimited(
        (char('['), space0),
        (
            timestamp,
            space0,
            alt((tag("--"), tag("-"))),
            space0,
            timestamp,
        ),
        (space0, char(']')),
    )
    .map(|(from, _, _, _, to)| Validity { from, to })
    .parse(i)
}

fn hex_group<'a>(
    n: usize,
) -> impl Parser<&'a str, Output = &'a str, Error = nom::error::Error<&'a str>> {
    take_while_m_n(n, n, |c: char| c.is_ascii_hexdigit())
}

fn guid(i: &str) -> IResult<&str, (Guid, Option<&str>)> {
    let (i, brace) = opt((char('{'), space0)).parse(i)?;
    let (i, (a, _, b, _, c, _, d, _, e)) = (
        hex_group(8),
        char('-'),
        hex_group(4),
        char('-'),
        hex_group(4),
        char('-'),
        hex_group(4),
        char('-'),
        hex_group(12),
    )
        .parse(i)?;
    let (i, _) = if brace.is_some() {
        (space0, char('}')).map(|_| ()).parse(i)?
    } else {
        (i, ())
    };
    let (i, suffix) = opt(preceded(
        space0,
        delimited(char('('), take_while(|c| c != ')'), char(')')),
    ))
    .parse(i)?;
    let (i, _) = space0.parse(i)?;
    let mut v: u128 = 0;
    for part in [a, b, c, d, e] {
        for ch in part.chars() {
            v = (v << 4) | u128::from(ch.to_digit(16).unwrap_or(0));
        }
    }
    Ok((i, (Guid(v), suffix.map(str::trim))))
}

// ---------------------------------------------------------------------------------------------
// Views

/// How the output is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// Windows 10 1809 and later: Device Details, Tenant Details and SSO State sections.
    Current,
    /// Windows 10 1607–1803: tenant and device fields inside Device State, PRT fields inside
    /// User State.
    Legacy,
    /// No Device State section: a fragment of an output.
    Fragment,
}

/// One `dsregcmd /status` output: a typed view over its sections.
#[derive(Clone, Copy, Debug)]
pub struct Doc<'a> {
    text: &'a str,
    lines: &'a [Line],
    doc: &'a Document,
    index: usize,
}

impl<'a> Doc<'a> {
    pub(crate) fn new(
        text: &'a str,
        lines: &'a [Line],
        doc: &'a Document,
        index: usize,
    ) -> Doc<'a> {
        Doc {
            text,
            lines,
            doc,
            index,
        }
    }

    /// 0-based position of this document in the input.
    pub fn index(&self) -> usize {
        self.index
    }

    /// The bytes this document covers.
    pub fn span(&self) -> Span {
        self.doc.span
    }

    /// The lines of this document.
    pub fn lines(&self) -> &'a [Line] {
        self.lines.get(self.doc.lines.clone()).unwrap_or(&[])
    }

    /// First and last 1-based line numbers (both 0 for an empty input).
    pub fn line_range(&self) -> (usize, usize) {
        let lines = self.lines();
        (
            lines.first().map_or(0, |l| l.number as usize),
            lines.last().map_or(0, |l| l.number as usize),
        )
    }

    /// The sections, in order.
    pub fn sections(&self) -> impl Iterator<Item = SectionRef<'a>> + 'a {
        let (text, doc) = (self.text, self.doc);
        doc.sections
            .iter()
            .map(move |section| SectionRef { text, section })
    }

    /// The first section titled `title` (ignoring case and spaces).
    pub fn section(&self, title: &str) -> Option<SectionRef<'a>> {
        self.sections()
            .find(|s| s.title().is_some_and(|t| norm_eq(t, title)))
    }

    /// The `Work Account N` sections.
    pub fn work_accounts(&self) -> impl Iterator<Item = SectionRef<'a>> + 'a {
        self.sections().filter(SectionRef::is_work_account)
    }

    /// The field `key` of section `section` (both ignoring case and spaces).
    ///
    /// When the section does not have it, and `section` is the key's home section in the
    /// current layout, the field is looked for in the other sections (Work Accounts excluded):
    /// that finds `TenantId` inside Device State in the legacy layout, or the Previous
    /// Registration fields of a headerless fragment.
    pub fn field(&self, section: &str, key: &str) -> Option<FieldRef<'a>> {
        let query = KeyQuery::new(key);
        if let Some(found) = self
            .sections()
            .filter(|s| s.title().is_some_and(|t| norm_eq(t, section)))
            .find_map(|s| s.field_matching(&query))
        {
            return Some(found);
        }
        let home = KNOWN_FIELDS.get(usize::from(query.known?))?.section;
        if !norm_eq(home, section) {
            return None;
        }
        self.find_matching(&query)
    }

    /// The first field `key` in any section but the Work Accounts.
    pub fn find(&self, key: &str) -> Option<FieldRef<'a>> {
        self.find_matching(&KeyQuery::new(key))
    }

    fn find_matching(&self, query: &KeyQuery<'_>) -> Option<FieldRef<'a>> {
        self.sections()
            .filter(|s| !s.is_work_account())
            .find_map(|s| s.field_matching(query))
    }

    /// How the output is laid out.
    pub fn layout(&self) -> Layout {
        let Some(device) = self.section("Device State") else {
            return Layout::Fragment;
        };
        let legacy = self.section("Tenant Details").is_none()
            && ["TenantId", "DeviceId", "Thumbprint", "JoinSrvUrl"]
                .iter()
                .any(|k| device.field(k).is_some());
        let legacy_user = self.section("SSO State").is_none()
            && self
                .section("User State")
                .is_some_and(|u| u.field("AzureAdPrt").is_some());
        if legacy || legacy_user {
            Layout::Legacy
        } else {
            Layout::Current
        }
    }

    /// The join state of the device.
    pub fn join(&self) -> Join {
        crate::join::join(self)
    }

    /// Every field in every section, in order.
    pub fn fields(&self) -> impl Iterator<Item = FieldRef<'a>> + 'a {
        self.sections().flat_map(|s| s.fields())
    }
}

/// What is wrong with `raw` as the value of a known key of this `kind`, if anything.
pub(crate) fn shape_problem(kind: ValueKind, raw: &str) -> Option<&'static str> {
    if !matches!(
        kind,
        ValueKind::Flag | ValueKind::Timestamp | ValueKind::Validity
    ) {
        return None;
    }
    let value = Value::parse_as(raw, kind);
    match (kind, &value) {
        (
            ValueKind::Flag,
            Value::Yes
            | Value::No
            | Value::NotSet
            | Value::Unknown
            | Value::Error(_)
            | Value::Empty,
        ) => None,
        (ValueKind::Flag, _) => Some("expected YES or NO"),
        (ValueKind::Timestamp, Value::Timestamp(_) | Value::Empty) => None,
        // `Last HostName Update : NONE`.
        (ValueKind::Timestamp, Value::Text(t)) if t.eq_ignore_ascii_case("NONE") => None,
        (ValueKind::Timestamp, _) => Some("not a readable UTC time"),
        (ValueKind::Validity, Value::Validity(_) | Value::Empty) => None,
        (ValueKind::Validity, _) => Some("not a readable validity range `[ from -- to ]`"),
        _ => None,
    }
}

/// One section of a [`Doc`].
#[derive(Clone, Copy, Debug)]
pub struct SectionRef<'a> {
    text: &'a str,
    section: &'a Section,
}

impl<'a> SectionRef<'a> {
    /// The title as written, `None` for the untitled fields of a fragment.
    pub fn title(&self) -> Option<&'a str> {
        self.section.title.map(|t| t.slice(self.text))
    }

    /// The 1-based line of the header.
    pub fn header_line(&self) -> Option<usize> {
        self.section.header_line
    }

    /// The bytes the section covers.
    pub fn span(&self) -> Span {
        self.section.span
    }

    /// Whether this is a `Work Account N` section.
    pub fn is_work_account(&self) -> bool {
        self.title().is_some_and(is_work_account)
    }

    /// Every field, in order, including those inside blocks.
    pub fn fields(self) -> impl Iterator<Item = FieldRef<'a>> + 'a {
        let (text, section) = (self.text, self.section);
        section.fields.iter().map(move |field| FieldRef {
            text,
            section,
            field,
        })
    }

    /// The first field `key` (ignoring case and spaces).
    pub fn field(&self, key: &str) -> Option<FieldRef<'a>> {
        self.field_matching(&KeyQuery::new(key))
    }

    fn field_matching(&self, query: &KeyQuery<'_>) -> Option<FieldRef<'a>> {
        match query.known {
            // Same catalog entry ⟺ same normalised key: compare indexes, not text.
            Some(k) => self.fields().find(|f| f.field.known == Some(k)),
            None => self.fields().find(|f| norm_eq(f.key(), query.key)),
        }
    }

    /// Every field `key`, in order.
    pub fn fields_named<'k>(&self, key: &'k str) -> impl Iterator<Item = FieldRef<'a>> + 'k
    where
        'a: 'k,
    {
        self.fields().filter(move |f| norm_eq(f.key(), key))
    }

    /// The nested blocks, in order.
    pub fn blocks(self) -> impl Iterator<Item = BlockRef<'a>> + 'a {
        let (text, section) = (self.text, self.section);
        (0..section.blocks.len()).map(move |index| BlockRef {
            text,
            section,
            index,
        })
    }

    /// The first block of `kind`.
    pub fn block(&self, kind: BlockKind) -> Option<BlockRef<'a>> {
        self.blocks().find(|b| b.kind() == kind)
    }
}

/// A nested block of a section (PRT diagnostics, Previous Registration, Virtual Desktop).
#[derive(Clone, Copy, Debug)]
pub struct BlockRef<'a> {
    text: &'a str,
    section: &'a Section,
    index: usize,
}

impl<'a> BlockRef<'a> {
    /// What block this is.
    pub fn kind(&self) -> BlockKind {
        self.section
            .blocks
            .get(self.index)
            .map_or(BlockKind::PreviousRegistration, |b| b.kind)
    }

    /// The field that opened the block (`AcquirePrtDiagnostics : PRESENT`), if printed.
    pub fn head(&self) -> Option<FieldRef<'a>> {
        let head = self.section.blocks.get(self.index)?.head?;
        let field = self.section.fields.get(head)?;
        Some(FieldRef {
            text: self.text,
            section: self.section,
            field,
        })
    }

    /// The fields of the block, head included, in order.
    pub fn fields(self) -> impl Iterator<Item = FieldRef<'a>> + 'a {
        let (text, section) = (self.text, self.section);
        let range = section
            .blocks
            .get(self.index)
            .map_or(0..0, |b| b.fields.clone());
        section
            .fields
            .get(range)
            .unwrap_or(&[])
            .iter()
            .map(move |field| FieldRef {
                text,
                section,
                field,
            })
    }

    /// The first field `key` of the block.
    pub fn field(&self, key: &str) -> Option<FieldRef<'a>> {
        self.fields().find(|f| norm_eq(f.key(), key))
    }
}

/// One field, with its typed value, line number and spans.
#[derive(Clone, Copy, Debug)]
pub struct FieldRef<'a> {
    text: &'a str,
    section: &'a Section,
    field: &'a Field,
}

impl<'a> FieldRef<'a> {
    /// The key as written.
    pub fn key(&self) -> &'a str {
        self.field.key.slice(self.text)
    }

    /// The value as written, hard-wrapped parts joined back.
    pub fn raw(&self) -> Cow<'a, str> {
        let first = self.field.value.slice(self.text);
        if self.field.wrapped.is_empty() {
            return Cow::Borrowed(first);
        }
        let mut joined = String::from(first);
        for part in self.wrapped_spans() {
            joined.push_str(part.slice(self.text));
        }
        Cow::Owned(joined)
    }

    /// The typed value (typed by the key's [`ValueKind`] when the key is known).
    pub fn value(&self) -> Value<'a> {
        if !self.field.wrapped.is_empty() {
            return Value::Text(self.raw());
        }
        let raw = self.field.value.slice(self.text);
        match self.known() {
            Some(k) => Value::parse_as(raw, k.kind),
            None => Value::parse(raw),
        }
    }

    /// What is known about the key, `None` for keys the model does not know (still shown).
    pub fn known(&self) -> Option<&'static KnownField> {
        KNOWN_FIELDS.get(usize::from(self.field.known?))
    }

    /// 1-based line number.
    pub fn line(&self) -> usize {
        self.field.line as usize
    }

    /// The whole line of the field (with its terminator).
    pub fn span(&self) -> Span {
        self.field.span
    }

    /// The key's bytes.
    pub fn key_span(&self) -> Span {
        self.field.key
    }

    /// The value's bytes on the field's own line.
    pub fn value_span(&self) -> Span {
        self.field.value
    }

    /// The spans of the hard-wrapped continuation parts of the value.
    pub fn wrapped_spans(&self) -> &'a [Span] {
        let range = self.field.wrapped.start as usize..self.field.wrapped.end as usize;
        self.section.wrapped.get(range).unwrap_or(&[])
    }

    /// The block the field belongs to.
    pub fn block(&self) -> Option<BlockKind> {
        let b = self.field.block?;
        self.section.blocks.get(b as usize).map(|b| b.kind)
    }

    /// The title of the section holding the field.
    pub fn section_title(&self) -> Option<&'a str> {
        self.section.title.map(|t| t.slice(self.text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_is_sorted_and_normalised() {
        for pair in KNOWN_FIELDS.windows(2) {
            assert!(
                pair[0].norm < pair[1].norm,
                "{} >= {}",
                pair[0].norm,
                pair[1].norm
            );
        }
        for k in KNOWN_FIELDS {
            assert!(
                k.norm
                    .bytes()
                    .next()
                    .is_some_and(|b| b.is_ascii_lowercase())
            );
            let mut buf = [0; 48];
            assert_eq!(normalize(k.key, &mut buf), Some(k.norm));
            assert_eq!(known_field(k.key), Some(k));
        }
        assert!(known_field("last hostname update").is_some());
        assert!(known_field("Frobnicate").is_none());
    }

    #[test]
    fn values_are_typed() {
        let ts = |s| match Value::parse(s) {
            Value::Timestamp(t) => t,
            other => panic!("{s}: {other:?}"),
        };
        assert_eq!(Value::parse("YES"), Value::Yes);
        assert_eq!(Value::parse("no"), Value::No);
        assert_eq!(Value::parse("YES ( StateReady )"), Value::Yes);
        assert_eq!(Value::parse("NOT SET"), Value::NotSet);
        assert_eq!(Value::parse("UNKNOWN"), Value::Unknown);
        assert_eq!(Value::parse("ERROR"), Value::Error(None));
        assert_eq!(
            Value::parse("ERROR 0xd000000d"),
            Value::Error(Some(Code(0xd000000d)))
        );
        assert_eq!(Value::parse(""), Value::Empty);
        assert_eq!(Value::parse("0x801c03f2"), Value::Code(Code(0x801c03f2)));
        assert_eq!(Value::parse("400"), Value::Number(400));
        assert_eq!(Value::parse("PASS"), Value::Test(TestResult::Pass));
        assert_eq!(Value::parse("PASSED"), Value::Test(TestResult::Pass));
        assert_eq!(Value::parse("SKIPPED"), Value::Test(TestResult::Skipped));
        assert_eq!(
            Value::parse("FAIL [0x801c0021/0x801c000c]"),
            Value::Test(TestResult::Fail {
                primary: Some(Code(0x801c0021)),
                sub: Some(Code(0x801c000c))
            })
        );
        assert_eq!(
            Value::parse("FAIL [0x80070002]"),
            Value::Test(TestResult::Fail {
                primary: Some(Code(0x80070002)),
                sub: None
            })
        );
        let t = ts("2019-01-31 09:25:31.000 UTC");
        assert_eq!(t.unix_seconds(), 1_548_926_731);
        assert_eq!(ts("2020-07-18 20:10:33.789 UTC").millis, 789);
        assert_eq!(ts("2026-06-01 14:10:46 UTC").second, 46);
        // Regression (found by the property tests): a short fraction before other bytes.
        assert_eq!(ts("2024-01-01 00:00:00.5 UTC").millis, 500);
        assert!(matches!(
            Value::parse("2024-01-01 00:00:00.5 x"),
            Value::Text(_)
        ));
        assert!(matches!(
            Value::parse("2024-01-01 00:00:00.5."),
            Value::Text(_)
        ));
        match Value::parse("[ 2019-01-11 21:02:50.000 UTC -- 2029-01-11 21:32:50.000 UTC ]") {
            Value::Validity(v) => assert!(v.to > v.from),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            Value::parse("[ 2025-05-24 08:35:03.000 UTC - 2025-05-24 09:05:03.000 UTC ]"),
            Value::Validity(_)
        ));
        assert_eq!(
            Value::parse("{ B16898C6-A148-4967-9171-64D755DA8520 } (AzureAd)"),
            Value::Guid(
                Guid(0xB16898C6_A148_4967_9171_64D755DA8520),
                Some("AzureAd")
            )
        );
        assert_eq!(
            Guid(0x00aa00aa_bb11_cc22_dd33_44ee44ee44ee).to_string(),
            "00aa00aa-bb11-cc22-dd33-44ee44ee44ee"
        );
        assert!(matches!(
            Value::parse("{D7F9...4F} (MicrosoftAccount)"),
            Value::Text(_)
        ));
        assert!(matches!(Value::parse("[Date] UTC"), Value::Text(_)));
        assert!(matches!(
            Value::parse("2019-13-01 00:00:00"),
            Value::Text(_)
        ));
        let list = Value::parse_as(".windows.net, .azure.net:1433,", ValueKind::List);
        assert_eq!(
            list.items().collect::<Vec<_>>(),
            [".windows.net", ".azure.net:1433"]
        );
        assert_eq!(Code(0xc000006d).kind(), CodeKind::Ntstatus);
        assert_eq!(Code(0x801c03f2).kind(), CodeKind::Hresult);
        assert_eq!(Code(0).kind(), CodeKind::Success);
    }
}
