//! Plain-words explanations of every `dsregcmd /status` field, so a report can explain each
//! value in place.
//!
//! [`lookup`] takes the section title (when known) and the key as printed; matching ignores case,
//! spacing and punctuation (`Last HostName Update` = `Last Hostname Update`, `KeySignTest:` =
//! `KeySignTest`), and an entry written for the given section wins over one for another section
//! (`NgcSet` means something else under `Work Account 1` than under `User State`).
//!
//! ```
//! use dsreg_core::glossary;
//!
//! let e = glossary::lookup(Some("SSO State"), "AzureAdPrt").unwrap();
//! assert!(e.explanation.contains("Primary Refresh Token"));
//! assert!(glossary::lookup(None, "last hostname update").is_some());
//! ```
//!
//! The field list the tests check against, `tests/fixtures/reference/field_names.txt`, is
//! extracted from `shared/` with:
//!
//! ```text
//! { awk '/^\+-+\+$/{c++; next} c%3==2' seed/dsregcmd-troubleshooting.txt \
//!     | grep -oP '^\s*\K[A-Za-z][A-Za-z0-9 \-]*?(?=\s*:+(\s|$))'
//!   grep -oP '^\s*[•◦▪]\s*\K[A-Za-z][A-Za-z0-9 \-]{0,40}?(?=:\s)' seed/dsregcmd-troubleshooting.txt
//!   for f in corpus/*.txt; do sed 's#<br/>#\n#g' "$f" | sed -E 's/^\s*\*\*//'; done \
//!     | grep -oP '^\s*\K[A-Za-z][A-Za-z0-9 \-]*?(?=\s*:+(\s|$))'
//! } | grep -vxE 'Starting external process|Possible values' | sort -u
//! ```

use serde::Serialize;

mod table;

/// What one value of a field means.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ValueNote {
    /// The value as dsregcmd prints it (`YES`, `WillProvision`, `FAILED. ERROR`).
    pub value: &'static str,
    /// What it means for this device.
    pub meaning: &'static str,
}

/// The explanation of one field (in one or more sections).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// Canonical key, spelled as current Windows builds print it.
    pub key: &'static str,
    /// Other spellings of the key that are not just case or spacing differences
    /// (`DeviceManagementSrvVersion`, `OnPremTGT`).
    pub aliases: &'static [&'static str],
    /// Section titles the field appears under (`Work Account` stands for `Work Account 1`, …).
    pub sections: &'static [&'static str],
    /// One or two sentences: what the field means and what good and bad values look like.
    pub explanation: &'static str,
    /// Values worth explaining one by one (may be empty).
    pub values: &'static [ValueNote],
    /// Microsoft documentation the facts come from (https).
    pub source: &'static str,
    /// `false` when Microsoft does not describe the field; the explanation is then inferred from
    /// its name and from real outputs, and says so where it matters.
    pub documented: bool,
}

impl Entry {
    /// The note for `value`, compared ignoring case and surrounding spaces; a value such as
    /// `YES ( StateReady )` matches the note for `YES`.
    pub fn value_note(&self, value: &str) -> Option<&'static ValueNote> {
        let value = value.trim();
        self.values
            .iter()
            .find(|n| n.value.eq_ignore_ascii_case(value))
            .or_else(|| {
                self.values.iter().find(|n| {
                    value.len() > n.value.len()
                        && value.is_char_boundary(n.value.len())
                        && value[..n.value.len()].eq_ignore_ascii_case(n.value)
                        && !value.as_bytes()[n.value.len()].is_ascii_alphanumeric()
                })
            })
    }
}

/// The explanation of one section.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct SectionInfo {
    /// Section title as printed in the box (`Work Account` for `Work Account 1`, …).
    pub title: &'static str,
    /// What the section is about.
    pub explanation: &'static str,
    /// Microsoft documentation the facts come from (https).
    pub source: &'static str,
}

/// Every field entry.
pub fn all() -> &'static [Entry] {
    table::ENTRIES
}

/// Every section entry.
pub fn sections() -> &'static [SectionInfo] {
    table::SECTIONS
}

/// The explanation of a section title (`Work Account 2` finds `Work Account`).
pub fn section(title: &str) -> Option<&'static SectionInfo> {
    table::SECTIONS.iter().find(|s| section_eq(s.title, title))
}

/// The entry for `key` in `section` (the title of the box it was printed in, if known).
///
/// Keys match ignoring case, spacing and punctuation; when several entries match, one listed
/// for `section` wins, then one whose spelling matches exactly up to case and repeated spaces
/// (`Server ErrorCode` vs `Server Error Code`), then the first in the table.
pub fn lookup(section: Option<&str>, key: &str) -> Option<&'static Entry> {
    let spelled = |e: &Entry| {
        core::iter::once(e.key)
            .chain(e.aliases.iter().copied())
            .any(|k| spelling_eq(k, key))
    };
    let mut best: Option<(u8, &'static Entry)> = None;
    for e in table::ENTRIES {
        if !(key_eq(e.key, key) || e.aliases.iter().any(|a| key_eq(a, key))) {
            continue;
        }
        let in_section = section.is_some_and(|s| e.sections.iter().any(|t| section_eq(t, s)));
        let score = 2 * u8::from(in_section) + u8::from(spelled(e));
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, e));
        }
    }
    best.map(|(_, e)| e)
}

/// Keys are equal ignoring case and everything but letters and digits.
fn key_eq(a: &str, b: &str) -> bool {
    fn norm(s: &str) -> impl Iterator<Item = char> + '_ {
        s.chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
    }
    norm(a).next().is_some() && norm(a).eq(norm(b))
}

/// Spellings are equal ignoring case, surrounding punctuation and repeated whitespace.
fn spelling_eq(a: &str, b: &str) -> bool {
    fn norm(s: &str) -> impl Iterator<Item = char> + '_ {
        s.trim_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '*'))
            .split_whitespace()
            .flat_map(|w| core::iter::once(' ').chain(w.chars()))
            .map(|c| c.to_ascii_lowercase())
    }
    norm(a).eq(norm(b))
}

/// Section titles are equal ignoring case, spacing and a trailing number (`Work Account 1`).
fn section_eq(a: &str, b: &str) -> bool {
    fn strip(s: &str) -> &str {
        s.trim()
            .trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ')
    }
    key_eq(strip(a), strip(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIELDS_FIXTURE: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/reference/field_names.txt"
    );

    #[test]
    fn every_known_field_resolves() {
        let text = std::fs::read_to_string(FIELDS_FIXTURE).expect("fixture readable");
        let mut n = 0;
        let mut missing = Vec::new();
        for key in text.lines().map(str::trim) {
            if key.is_empty() || key.starts_with('#') {
                continue;
            }
            n += 1;
            if lookup(None, key).is_none() {
                missing.push(key);
            }
        }
        assert!(missing.is_empty(), "no glossary entry for {missing:?}");
        assert!(n >= 120, "fixture too short: {n}");
    }

    #[test]
    fn every_field_resolves_in_its_section() {
        let path = FIELDS_FIXTURE.replace("field_names.txt", "field_sections.txt");
        let text = std::fs::read_to_string(path).expect("fixture readable");
        let mut n = 0;
        let mut wrong = Vec::new();
        for line in text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let (sec, key) = line.split_once('\t').expect("section<TAB>key");
            n += 1;
            assert!(section(sec).is_some(), "unknown section {sec}");
            match lookup(Some(sec), key) {
                Some(e) if e.sections.iter().any(|s| section_eq(s, sec)) => {}
                other => wrong.push((sec, key, other.map(|e| e.sections))),
            }
        }
        assert!(wrong.is_empty(), "not listed for their section: {wrong:?}");
        assert!(n >= 150, "fixture too short: {n}");
    }

    #[test]
    fn extra_real_world_fields_resolve() {
        for key in [
            "Device Name",
            "Executing Account Name",
            "DisplayNameUpdated",
            "OsVersionUpdated",
            "HostNameUpdated",
            "Last HostName Update",
            "WorkAccountCount",
            "WorkplaceJoined",
            "WorkplaceDeviceId",
            "WorkplaceThumbprint",
            "WorkplaceIdp",
            "WorkplaceTenantId",
            "WorkplaceTenantName",
            "WorkplaceMdmUrl",
            "WorkplaceSettingsUrl",
            "NgcPreReq",
            "Kerberos Ticket Test",
            "Fallback to Fed-Join",
            "Server ErrorSubCode",
            "Server Operation",
            "AadRecoveryNeeded",
            "ScepReady",
            "X509CertRequired",
            "DeviceManagementSrvVersion",
            "Virtual Desktop",
            "Provider",
            "Type",
            "User mode",
            "Extensions",
            "OnPremTgt",
            "CloudTgt",
            "KerbTopLevelNames",
            "KeySignTest",
            "DeviceAuthStatus",
            "TpmProtected",
            "DeviceCertificateValidity",
            "RefreshPrtDiagnostics",
            "AcquirePrtDiagnostics",
        ] {
            assert!(lookup(None, key).is_some(), "{key}");
        }
    }

    #[test]
    fn tolerant_matching() {
        let k = |s: Option<&str>, key: &str| lookup(s, key).map(|e| e.key);
        assert_eq!(
            k(None, "Last Hostname Update"),
            Some("Last HostName Update")
        );
        assert_eq!(k(None, "  keysigntest: "), Some("KeySignTest"));
        assert_eq!(k(None, "**NgcSet"), Some("NgcSet"));
        assert_eq!(
            k(None, "Token Acquisition Test"),
            Some("Token acquisition Test")
        );
        assert_eq!(k(None, "HTTP status"), Some("HTTP Status"));
        assert_eq!(k(None, "Request ID"), Some("Request Id"));
        assert_eq!(
            k(None, "fallback to sync join"),
            Some("Fallback to Sync-Join")
        );
        assert_eq!(k(None, "OnPremTGT"), Some("OnPremTgt"));
        assert_eq!(
            k(None, "DeviceManagementSrvVersion"),
            Some("DeviceManagementSrvVer")
        );
        assert_eq!(k(None, "No Such Field"), None);
        assert_eq!(k(None, ""), None);
    }

    #[test]
    fn section_specific_entries_win() {
        let user = lookup(Some("User State"), "NgcSet").unwrap();
        let account = lookup(Some("Work Account 1"), "NgcSet").unwrap();
        assert_ne!(user, account);
        assert!(account.sections.contains(&"Work Account"));
        assert_eq!(
            lookup(None, "NgcSet"),
            Some(user),
            "generic falls back to the first"
        );

        let sso = lookup(Some("SSO State"), "OnPremTgt").unwrap();
        let ngc = lookup(Some("Ngc Prerequisite Check"), "OnPremTGT").unwrap();
        assert_ne!(sso, ngc);
        assert!(ngc.explanation.contains("CertEnrollment"));
        assert!(
            lookup(Some("ngc prerequisite check"), "CloudTGT")
                .unwrap()
                .explanation
                .contains("23H2")
        );

        assert_ne!(
            lookup(Some("Work Account 2"), "TpmProtected"),
            lookup(Some("Device Details"), "TpmProtected")
        );
        // An unexpected section still finds the field (old-format outputs move fields around).
        assert_eq!(
            lookup(Some("Device State"), "AzureAdPrt").unwrap().key,
            "AzureAdPrt"
        );
        assert_eq!(
            lookup(Some("Nonexistent"), "TenantId").unwrap().key,
            "TenantId"
        );
    }

    #[test]
    fn exact_spelling_breaks_ties() {
        let prt = lookup(None, "Server Error Code").unwrap();
        let drs = lookup(None, "Server ErrorCode").unwrap();
        assert_eq!(prt.key, "Server Error Code");
        assert_eq!(drs.key, "Server ErrorCode");
        assert_eq!(
            lookup(Some("Diagnostic Data"), "Server Error Code")
                .unwrap()
                .key,
            "Server ErrorCode"
        );
        assert_eq!(
            lookup(Some("SSO State"), "Server ErrorCode").unwrap().key,
            "Server Error Code"
        );
        assert_eq!(lookup(None, "Https Status").unwrap().key, "Https Status");
        assert_eq!(lookup(None, "HTTP Status").unwrap().key, "HTTP Status");
    }

    #[test]
    fn table_invariants() {
        for (i, e) in all().iter().enumerate() {
            assert!(!e.explanation.trim().is_empty(), "{}", e.key);
            assert!(
                e.explanation.len() <= 400,
                "{}: {} chars",
                e.key,
                e.explanation.len()
            );
            let sentences = e.explanation.matches(". ").count() + 1;
            assert!(sentences <= 2, "{}: {sentences} sentences", e.key);
            assert!(!e.explanation.contains("  "), "{}: double space", e.key);
            assert!(e.source.starts_with("https://"), "{}", e.key);
            assert!(!e.sections.is_empty(), "{}", e.key);
            for s in e.sections {
                assert!(section(s).is_some(), "{}: unknown section {s}", e.key);
            }
            for other in &all()[i + 1..] {
                let same_key = key_eq(e.key, other.key);
                let shared = e.sections.iter().any(|s| other.sections.contains(s));
                assert!(!(same_key && shared), "{} twice in one section", e.key);
            }
            for n in e.values {
                assert!(!n.value.is_empty() && !n.meaning.is_empty(), "{}", e.key);
            }
        }
        for s in sections() {
            assert!(s.source.starts_with("https://") && s.explanation.len() <= 400);
        }
    }

    #[test]
    fn value_notes() {
        let e = lookup(None, "DeviceAuthStatus").unwrap();
        assert!(
            e.value_note("FAILED. ERROR")
                .unwrap()
                .meaning
                .contains("SYSTEM")
        );
        assert!(e.value_note(" success ").is_some());
        let e = lookup(None, "LogonCertTemplateReady").unwrap();
        assert!(
            e.value_note("YES ( StateReady )").is_none(),
            "no notes for this field"
        );
        let e = lookup(None, "WamDefaultSet").unwrap();
        assert_eq!(e.value_note("YES (x)").unwrap().value, "YES");
        assert!(e.value_note("YESTERDAY").is_none());
        assert_eq!(section("work account 3").unwrap().title, "Work Account");
        assert!(section("Bogus").is_none());
    }
}
