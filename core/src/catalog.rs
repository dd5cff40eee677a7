//! The field catalogue: everything the analyzer knows about each `dsregcmd /status` key, in one
//! entry per field (its spellings, sections, value kind, block, redaction class, time role and
//! explanation), and the known section titles.
//!
//! The entries are data an Entra ID admin can review: `core/data/fields.toml`, turned into
//! [`data`] by `cargo xtask codegen`. Lookups ignore case, spacing and punctuation
//! ([`crate::text::key_eq`]) and cost one hash and one comparison.
//!
//! ```
//! use dsreg_core::catalog::{self, ValueKind};
//!
//! let field = catalog::known_field("azure ad prt").unwrap();
//! assert_eq!(field.key, "AzureAdPrt");
//! assert_eq!(field.kind, ValueKind::Flag);
//! assert!(field.about_in(Some("SSO State"), "AzureAdPrt").explanation.contains("Primary Refresh Token"));
//! assert!(catalog::is_known_section("Work Account 2"));
//! ```

use crate::text::{key_eq, normalize, starts_with_ci};

#[rustfmt::skip]
mod data;

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

/// The kinds of nested block inside a section.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// `AcquirePrtDiagnostics : PRESENT` and the PRT attempt fields after it.
    AcquirePrtDiagnostics,
    /// `RefreshPrtDiagnostics : PRESENT` and the PRT attempt fields after it.
    RefreshPrtDiagnostics,
    /// PRT attempt fields whose `…PrtDiagnostics : PRESENT` line was not pasted (a chat
    /// fragment): a failed acquisition or refresh, the output does not say which.
    PrtDiagnostics,
    /// `Previous Registration : <time>` and the join attempt fields after it.
    PreviousRegistration,
    /// `Virtual Desktop : YES` and the VDI metadata after it.
    VirtualDesktop,
}

impl BlockKind {
    /// The key of the field that opens the block.
    pub fn head_key(self) -> &'static str {
        match self {
            BlockKind::AcquirePrtDiagnostics => "AcquirePrtDiagnostics",
            BlockKind::RefreshPrtDiagnostics => "RefreshPrtDiagnostics",
            BlockKind::PrtDiagnostics => "Attempt Status",
            BlockKind::PreviousRegistration => "Previous Registration",
            BlockKind::VirtualDesktop => "Virtual Desktop",
        }
    }

    /// The snake_case name used in JSON.
    pub fn name(self) -> &'static str {
        match self {
            BlockKind::AcquirePrtDiagnostics => "acquire_prt_diagnostics",
            BlockKind::RefreshPrtDiagnostics => "refresh_prt_diagnostics",
            BlockKind::PrtDiagnostics => "prt_diagnostics",
            BlockKind::PreviousRegistration => "previous_registration",
            BlockKind::VirtualDesktop => "virtual_desktop",
        }
    }

    /// Which fields an open block of this kind holds.
    pub fn members(self) -> BlockSet {
        match self {
            BlockKind::AcquirePrtDiagnostics
            | BlockKind::RefreshPrtDiagnostics
            | BlockKind::PrtDiagnostics => BlockSet::PRT_ATTEMPT,
            BlockKind::PreviousRegistration => BlockSet::PREVIOUS_REGISTRATION,
            BlockKind::VirtualDesktop => BlockSet::VIRTUAL_DESKTOP,
        }
    }
}

/// The blocks a field may belong to (`in_blocks` in the data file), as bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BlockSet(pub u8);

impl BlockSet {
    /// No block.
    pub const NONE: BlockSet = BlockSet(0);
    /// The fields of a PRT attempt (AcquirePrtDiagnostics, RefreshPrtDiagnostics).
    pub const PRT_ATTEMPT: BlockSet = BlockSet(1);
    /// The fields of the last join attempt (Previous Registration).
    pub const PREVIOUS_REGISTRATION: BlockSet = BlockSet(2);
    /// The VDI metadata (Virtual Desktop).
    pub const VIRTUAL_DESKTOP: BlockSet = BlockSet(4);

    /// Whether the two sets share a block.
    pub const fn intersects(self, other: BlockSet) -> bool {
        self.0 & other.0 != 0
    }
}

/// How a field's value is redacted before it is shared: an identifier is replaced whatever its
/// shape (partly masked, truncated, braced), by a pseudonym of its class.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RedactClass {
    /// A device, key or other object id (GUID).
    Guid,
    /// A tenant id.
    TenantId,
    /// A correlation or request id.
    RequestId,
    /// A certificate thumbprint.
    Thumbprint,
    /// A device or host name.
    HostName,
    /// A domain name.
    DomainName,
    /// A tenant name.
    TenantName,
    /// A list of accounts (`DOMAIN\user, user@domain`).
    Accounts,
    /// A list of proxy hosts.
    Hosts,
    /// Base64 of a JSON document holding URLs (SettingsUrl).
    Base64,
}

/// What a time field records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeRole {
    /// The moment something happened (Client Time, a PRT update, the last join attempt): the
    /// latest of these is the output's own clock.
    Observed,
    /// A prediction (a PRT's expiry).
    Expiry,
}

/// What one value of a field means.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ValueNote {
    /// The value as dsregcmd prints it (`YES`, `WillProvision`, `FAILED. ERROR`).
    pub value: &'static str,
    /// What it means for this device.
    pub meaning: &'static str,
}

/// The explanation of a field (in some sections).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct About {
    /// One or two sentences: what the field means and what good and bad values look like.
    pub explanation: &'static str,
    /// Values worth explaining one by one (may be empty).
    pub values: &'static [ValueNote],
    /// The Microsoft page the facts come from (https).
    pub source: &'static str,
    /// `false` when Microsoft does not describe the field; the explanation is then inferred
    /// from its name and from real outputs, and says so where it matters.
    pub documented: bool,
}

impl About {
    /// The note for `value`, compared ignoring case and surrounding spaces; a value such as
    /// `YES ( StateReady )` matches the note for `YES`.
    pub fn value_note(&self, value: &str) -> Option<&'static ValueNote> {
        let value = value.trim();
        self.values
            .iter()
            .find(|n| n.value.eq_ignore_ascii_case(value))
            .or_else(|| {
                self.values.iter().find(|n| {
                    starts_with_ci(value, n.value)
                        && value
                            .as_bytes()
                            .get(n.value.len())
                            .is_some_and(|b| !b.is_ascii_alphanumeric())
                })
            })
    }
}

/// A meaning of a field that differs in some sections (`NgcSet` under `Work Account 1`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Variant {
    /// The sections it applies to.
    pub sections: &'static [&'static str],
    /// The exact spelling that selects it when the section is not known
    /// (`Server ErrorCode` for the join attempt's field).
    pub spelling: Option<&'static str>,
    /// The explanation there.
    pub about: About,
}

/// What the catalogue knows about one key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KnownField {
    /// The key as current Windows builds print it.
    pub key: &'static str,
    /// Other spellings that are not only case, spacing or punctuation differences.
    pub aliases: &'static [&'static str],
    /// The sections it appears in, its home in the current layout first (`Work Account` stands
    /// for every `Work Account N`).
    pub sections: &'static [&'static str],
    /// The kind of its value.
    pub kind: ValueKind,
    /// The block this field opens, if any.
    pub opens: Option<BlockKind>,
    /// The blocks it belongs to when one is open.
    pub in_blocks: BlockSet,
    /// How its value is redacted, when it holds an identifier.
    pub redact: Option<RedactClass>,
    /// What its time records, for time fields.
    pub time: Option<TimeRole>,
    /// The explanation in its home sections.
    pub about: About,
    /// Different meanings in other sections.
    pub variants: &'static [Variant],
}

impl KnownField {
    /// The section it belongs to in the current layout (`Work Account` for `Work Account N`).
    pub fn home(&self) -> &'static str {
        self.sections.first().copied().unwrap_or("")
    }

    /// The explanation that applies in `section` (the title it was printed under, if known)
    /// for the key as `spelled`: a variant written for that section wins, then one selected by
    /// its exact spelling when the section is unknown, then the main explanation.
    pub fn about_in(&'static self, section: Option<&str>, spelled: &str) -> &'static About {
        let by_section = section.and_then(|s| {
            self.variants
                .iter()
                .find(|v| v.sections.iter().any(|t| section_eq(t, s)))
        });
        let in_home = section.is_some_and(|s| self.sections.iter().any(|t| section_eq(t, s)));
        let by_spelling = || {
            self.variants.iter().find(|v| {
                v.spelling
                    .is_some_and(|sp| sp.eq_ignore_ascii_case(spelled.trim().trim_end_matches(':')))
            })
        };
        match by_section {
            Some(v) => &v.about,
            None if in_home => &self.about,
            None => by_spelling().map_or(&self.about, |v| &v.about),
        }
    }
}

/// The explanation of one section.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct SectionInfo {
    /// Section title as printed in the box (`Work Account` for `Work Account 1`, …).
    pub title: &'static str,
    /// What the section is about.
    pub explanation: &'static str,
    /// The Microsoft page the facts come from (https).
    pub source: &'static str,
}

/// Every known field, sorted by normalised key.
pub fn fields() -> &'static [KnownField] {
    data::FIELDS
}

/// Every known section.
pub fn sections() -> &'static [SectionInfo] {
    data::SECTIONS
}

/// What is known about `key` (compared by [`key_eq`]'s rule; aliases included).
pub fn known_field(key: &str) -> Option<&'static KnownField> {
    let mut buf = [0; 48];
    data::FIELDS.get(usize::from(known_index(normalize(key, &mut buf)?)?))
}

/// The entry at `index` of [`fields`].
pub(crate) fn field_at(index: u16) -> Option<&'static KnownField> {
    data::FIELDS.get(usize::from(index))
}

/// Index in [`fields`] of a normalised key or alias: one hash and one comparison.
pub(crate) fn known_index(norm: &str) -> Option<u16> {
    let mut slot = (fnv(norm.as_bytes()) as usize) & (SLOTS - 1);
    loop {
        let entry = *TABLE.get(slot)?;
        if entry == 0 {
            return None;
        }
        let (spelling, index) = *data::SPELLINGS.get(usize::from(entry - 1))?;
        if spelling == norm {
            return Some(u16::from(index));
        }
        slot = (slot + 1) & (SLOTS - 1);
    }
}

/// Whether `key` is a known key or alias.
pub(crate) fn is_known_key(key: &str) -> bool {
    known_field(key).is_some()
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

/// Slots of the open-addressing table over the spellings (a power of two, at least twice their
/// number, so probes stay short and an empty slot always exists).
const SLOTS: usize = 512;

/// `index + 1` into `data::SPELLINGS` of the spelling hashed to each slot (linear probing), 0
/// for empty.
const TABLE: [u8; SLOTS] = {
    assert!(data::SPELLINGS.len() * 2 <= SLOTS && data::SPELLINGS.len() < 255);
    let mut table = [0u8; SLOTS];
    let mut i = 0;
    while i < data::SPELLINGS.len() {
        let mut slot = (fnv(data::SPELLINGS[i].0.as_bytes()) as usize) & (SLOTS - 1);
        while table[slot] != 0 {
            slot = (slot + 1) & (SLOTS - 1);
        }
        table[slot] = (i + 1) as u8;
        i += 1;
    }
    table
};

/// The known section titles (compared by [`key_eq`]'s rule; `Work Account N` by prefix).
pub fn is_known_section(title: &str) -> bool {
    is_work_account(title)
        || data::SECTIONS
            .iter()
            .any(|s| key_eq(s.title, title) && !key_eq(s.title, WORK_ACCOUNT))
}

/// The catalogue's title for every `Work Account N` section (never printed bare).
pub const WORK_ACCOUNT: &str = "Work Account";

/// Whether `title` is `Work Account N`.
pub fn is_work_account(title: &str) -> bool {
    let t = title.trim();
    starts_with_ci(t, WORK_ACCOUNT)
        && t.get(12..)
            .is_some_and(|n| !n.trim().is_empty() && n.trim().bytes().all(|b| b.is_ascii_digit()))
}

/// Section titles are equal by [`key_eq`], ignoring a trailing number (`Work Account 1`).
pub fn section_eq(a: &str, b: &str) -> bool {
    fn strip(s: &str) -> &str {
        s.trim()
            .trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ')
    }
    key_eq(strip(a), strip(b))
}

/// The explanation of a section title (`Work Account 2` finds `Work Account`).
pub fn section(title: &str) -> Option<&'static SectionInfo> {
    data::SECTIONS.iter().find(|s| section_eq(s.title, title))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_is_sorted_and_every_spelling_resolves() {
        let norm = |key: &str| {
            let mut buf = [0; 48];
            normalize(key, &mut buf).map(String::from).unwrap()
        };
        for pair in fields().windows(2) {
            assert!(
                norm(pair[0].key) < norm(pair[1].key),
                "{} >= {}",
                pair[0].key,
                pair[1].key
            );
        }
        for k in fields() {
            assert_eq!(known_field(k.key), Some(k));
            for alias in k.aliases {
                assert_eq!(known_field(alias), Some(k), "{alias}");
            }
            assert!(!k.sections.is_empty(), "{}", k.key);
            assert!(k.about.source.starts_with("https://"));
        }
        assert_eq!(
            known_field("last hostname update").map(|k| k.key),
            Some("Last HostName Update")
        );
        assert_eq!(
            known_field("DeviceManagementSrvVersion").map(|k| k.key),
            Some("DeviceManagementSrvVer")
        );
        assert!(known_field("Frobnicate").is_none());
    }

    #[test]
    fn variants_are_chosen_by_section_then_spelling() {
        let ngc = known_field("NgcSet").unwrap();
        assert_ne!(ngc.about_in(Some("Work Account 1"), "NgcSet"), &ngc.about);
        assert_eq!(ngc.about_in(Some("User State"), "NgcSet"), &ngc.about);
        assert_eq!(ngc.about_in(None, "NgcSet"), &ngc.about);
        let server = known_field("Server Error Code").unwrap();
        let drs = server.about_in(None, "Server ErrorCode");
        assert!(
            drs.explanation.contains("registration service"),
            "{}",
            drs.explanation
        );
        assert_eq!(
            server.about_in(Some("SSO State"), "Server ErrorCode"),
            &server.about
        );
    }

    #[test]
    fn sections() {
        assert!(is_known_section("device state"));
        assert!(is_known_section("Work Account 12"));
        assert!(!is_known_section("Work Account"));
        assert!(!is_known_section("Something Else"));
        assert_eq!(
            section("Work Account 2").map(|s| s.title),
            Some("Work Account")
        );
    }
}
