//! Plain-words explanations of every `dsregcmd /status` field, so a report can explain each
//! value in place: a view over the [catalogue](crate::catalog), where each explanation lives.
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
//! assert!(e.explanation().contains("Primary Refresh Token"));
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

use crate::catalog::{self, About, KnownField, SectionInfo, ValueNote};

/// The explanation of one field where it was printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The field's canonical key, spelled as current Windows builds print it (or, for a meaning
    /// chosen by its spelling, that spelling: `Server ErrorCode`).
    pub key: &'static str,
    /// The sections this meaning applies in (`Work Account` stands for `Work Account 1`, …).
    pub sections: &'static [&'static str],
    /// The field's catalogue entry.
    pub field: &'static KnownField,
    /// The explanation itself.
    pub about: &'static About,
}

impl Entry {
    /// One or two sentences: what the field means and what good and bad values look like.
    pub fn explanation(&self) -> &'static str {
        self.about.explanation
    }

    /// The note for `value` (see [`About::value_note`]).
    pub fn value_note(&self, value: &str) -> Option<&'static ValueNote> {
        self.about.value_note(value)
    }
}

/// The explanation of `key` (as printed, any case or spacing) in `section` (the title of the
/// box it was printed in, if known): a meaning written for that section wins, then one chosen
/// by its exact spelling (`Server ErrorCode` vs `Server Error Code`), then the field's own.
pub fn lookup(section: Option<&str>, key: &str) -> Option<Entry> {
    let field = catalog::known_field(key.trim().trim_start_matches('*'))?;
    let about = field.about_in(section, key);
    let variant = field
        .variants
        .iter()
        .find(|v| core::ptr::eq(&v.about, about));
    Some(match variant {
        Some(v) => Entry {
            key: v.spelling.unwrap_or(field.key),
            sections: v.sections,
            field,
            about,
        },
        None => Entry {
            key: field.key,
            sections: field.sections,
            field,
            about,
        },
    })
}

/// The explanation of a section title (`Work Account 2` finds `Work Account`).
pub fn section(title: &str) -> Option<&'static SectionInfo> {
    catalog::section(title)
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
                Some(e) if e.sections.iter().any(|s| catalog::section_eq(s, sec)) => {}
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
        assert!(ngc.explanation().contains("CertEnrollment"));
        assert!(
            lookup(Some("ngc prerequisite check"), "CloudTGT")
                .unwrap()
                .explanation()
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
    fn explanations_are_short_and_sourced() {
        let abouts = catalog::fields().iter().flat_map(|f| {
            core::iter::once((f.key, &f.about))
                .chain(f.variants.iter().map(move |v| (f.key, &v.about)))
        });
        for (key, about) in abouts {
            let e = about.explanation;
            assert!(e.len() <= 400, "{key}: {} chars", e.len());
            let sentences = e.matches(". ").count() + 1;
            assert!(sentences <= 2, "{key}: {sentences} sentences");
            assert!(about.source.starts_with("https://"), "{key}");
        }
        for f in catalog::fields() {
            for s in f
                .sections
                .iter()
                .chain(f.variants.iter().flat_map(|v| v.sections))
            {
                assert!(section(s).is_some(), "{}: unknown section {s}", f.key);
            }
        }
        for s in catalog::sections() {
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
