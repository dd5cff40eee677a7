//! Redaction tests: every fixture keeps its join state and findings and loses its identifiers;
//! each kind of identifier on its own; consistency; no panic on any text.

use std::path::{Path, PathBuf};
use std::string::{String, ToString};
use std::vec::Vec;
use std::{format, fs};

use proptest::prelude::*;

use super::*;
use crate::rules::{self, Severity};

/// Every `.txt` file under `tests/fixtures/`, recursively, sorted.
fn all_fixtures() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "txt") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures"),
        &mut out,
    );
    out.sort();
    out
}

/// Per document: the join state, whether a work account is registered, and the findings as
/// (rule id, severity).
type Outcome = Vec<(crate::JoinState, bool, Vec<(&'static str, Severity)>)>;

fn outcome(text: &str) -> Outcome {
    let analysis = crate::analyze(text.as_bytes());
    analysis
        .documents()
        .map(|doc| {
            let join = doc.join();
            let findings = rules::check(&doc)
                .iter()
                .map(|f| (f.rule, f.severity))
                .collect();
            (join.state, join.workplace_registered, findings)
        })
        .collect()
}

/// The identifiers a pattern finds in `text`, written independently of the redactor: every
/// GUID-shaped window, every run of exactly 40 hex digits, every `x@y.z` token, every SID with
/// three or more sub-authorities, every IP address (loopback and unspecified excepted).
fn identifiers(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let b = text.as_bytes();
    for i in 0..b.len().saturating_sub(35) {
        let w = &b[i..i + 36];
        let shaped = w.iter().enumerate().all(|(j, c)| {
            if matches!(j, 8 | 13 | 18 | 23) {
                *c == b'-'
            } else {
                c.is_ascii_hexdigit()
            }
        });
        let s = String::from_utf8_lossy(w).to_ascii_uppercase();
        if shaped && !KEPT_GUIDS.iter().any(|k| k.eq_ignore_ascii_case(&s)) {
            found.push(s);
        }
    }
    let tokens = text.split(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ',' | ';' | '(' | ')' | '[' | ']' | '{' | '}' | '"' | '<' | '>' | '/' | '\\' | '='
            )
    });
    for token in tokens {
        let t = token.trim_matches(|c: char| matches!(c, '.' | ':' | '\'' | '*' | '`'));
        let hex = t.split(|c: char| !c.is_ascii_hexdigit());
        for run in hex {
            if run.len() == 40 && run.bytes().any(|c| c.is_ascii_digit()) {
                found.push(run.to_ascii_uppercase());
            }
        }
        if let Some((local, domain)) = t.split_once('@')
            && !local.is_empty()
            && domain.contains('.')
        {
            found.push(t.to_ascii_lowercase());
        }
        if (t.starts_with("S-1-") || t.starts_with("s-1-"))
            && t.split('-').count() >= 6
            && t.split('-')
                .skip(1)
                .all(|g| !g.is_empty() && g.bytes().all(|c| c.is_ascii_digit()))
        {
            found.push(t.to_string());
        }
        for part in t.split(|c: char| !(c.is_ascii_hexdigit() || c == '.' || c == ':')) {
            let part = part.trim_matches(['.', ':']);
            if let Ok(ip) = part.parse::<Ipv4Addr>() {
                if !ip.is_loopback() && !ip.is_unspecified() && !ip.is_broadcast() {
                    found.push(part.to_string());
                }
            } else if let Ok(ip) = part.parse::<Ipv6Addr>()
                && !ip.is_loopback()
                && !ip.is_unspecified()
            {
                found.push(part.to_string());
            }
        }
    }
    // The value of an identifier field, whatever its shape (partly masked, cut, truncated), as
    // long as a digit of it is left: a half GUID still finds the device in a tenant.
    const ID_KEYS: &[&str] = &[
        "deviceid",
        "tenantid",
        "workplacetenantid",
        "workplacedeviceid",
        "keycontainerid",
        "ngckeyid",
        "thumbprint",
        "workplacethumbprint",
        "correlationid",
        "requestid",
    ];
    for line in text.lines() {
        let Some((key, value)) = line.split_once(" : ") else {
            continue;
        };
        let key: String = key
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if !ID_KEYS.contains(&key.as_str()) {
            continue;
        }
        let value = value.split(" (").next().unwrap_or("");
        let id = value.trim().trim_matches(['{', '}', '*', ' ']);
        if id.len() >= 6 && id.bytes().any(|c| matches!(c, b'1'..=b'9')) {
            found.push(id.to_ascii_uppercase());
        }
    }
    found.sort();
    found.dedup();
    found
}

#[test]
fn every_fixture_keeps_its_state_and_findings_and_loses_its_identifiers() {
    let fixtures = all_fixtures();
    assert!(fixtures.len() >= 36, "{}", fixtures.len());
    let mut replaced = 0;
    for path in fixtures {
        let bytes = fs::read(&path).unwrap();
        let original = crate::analyze(&bytes).text().to_string();
        let redacted = redact(&original);
        let name = path.display();
        assert_eq!(
            outcome(&redacted.text),
            outcome(&original),
            "{name}: the redacted text must read the same\n{}",
            redacted.text
        );
        let upper = redacted.text.to_ascii_uppercase();
        for id in identifiers(&original) {
            assert!(
                !upper.contains(&id.to_ascii_uppercase()),
                "{name}: {id} survived redaction\n{}",
                redacted.text
            );
        }
        // Same number of lines: nothing is added or removed.
        assert_eq!(
            redacted.text.lines().count(),
            original.lines().count(),
            "{name}"
        );
        replaced += redacted.counts.iter().map(|(_, n)| n).sum::<usize>();
    }
    assert!(replaced > 80, "only {replaced} identifiers replaced");
}

#[test]
fn identifier_fields_lose_their_value_whatever_its_shape() {
    let text = "\
TenantId : 72f9...db47
NgcKeyId : {D4C239CE-6D30-40D3-B87E-Fxxxxxxx}
DeviceId : 5b0e17c2a9d4e8f1
Thumbprint : 9A1C44E0B7D2F************************
KeyContainerId : 7c2e4a91...
AzureAdPrtAuthority : https://login.microsoftonline.com/72f9...db47
Request Id : xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx
WorkplaceDeviceId : ***
WorkplaceTenantId : <tenant>
Correlation ID : REDACTED
";
    let out = redact(text).text;
    for gone in [
        "72f9", "db47", "D4C239CE", "5b0e17c2", "9A1C44E0", "7c2e4a91",
    ] {
        assert!(!out.contains(gone), "{gone} survived:\n{out}");
    }
    // The tenant keeps one pseudonym, in its field and in the authority URL.
    assert!(
        out.contains("TenantId : 00000000-0000-4000-8000-000000000001\n"),
        "{out}"
    );
    assert!(
        out.contains(".com/00000000-0000-4000-8000-000000000001\n"),
        "{out}"
    );
    assert!(
        out.contains("NgcKeyId : {00000000-0000-4000-8000-000000000002}"),
        "{out}"
    );
    assert!(
        out.contains("Thumbprint : 000000000000000000000000000000000000F001"),
        "{out}"
    );
    // Placeholders carry nothing and stay as they are.
    for kept in [
        "Request Id : xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx",
        "WorkplaceDeviceId : ***",
        "WorkplaceTenantId : <tenant>",
        "Correlation ID : REDACTED",
    ] {
        assert!(out.contains(kept), "{kept}:\n{out}");
    }
}

#[test]
fn every_kind_is_replaced_with_its_shape() {
    let text = "\
+----------------------------------------------------------------------+
| Device State                                                         |
+----------------------------------------------------------------------+

             AzureAdJoined : YES
          EnterpriseJoined : NO
              DomainJoined : YES
                DomainName : CONTOSO
               Device Name : PC-0042.corp.contoso.com
                  DeviceId : 3F2A1B4C-5D6E-4F70-8A9B-0C1D2E3F4A5B
                Thumbprint : 6FC6B8C84B66B8191FC453D756EFC677A6109962
                TenantName : Contoso Ltd
                  TenantId : 11111111-2222-4333-8444-555555555555
               AuthCodeUrl : https://login.microsoftonline.com/11111111-2222-4333-8444-555555555555/oauth2/authorize
    EnterprisePrtAuthority : https://sts.contoso.com:443/adfs
    Executing Account Name : CONTOSO\\alice, alice@contoso.com
             User Identity : Alice.Smith@contoso.com
            Correlation ID : aaaa0000-bb11-4222-83cc-444444dddddd
                  User SID : S-1-5-21-1004336348-1177238915-682003330-512
               Server Addr : 10.20.30.40 and fe80::1ff:fe23:4567:890a%12
            WamDefaultGUID : {B16898C6-A148-4967-9171-64D755DA8520} (AzureAd)
         Proxy Server List : proxy.contoso.com:8080
";
    let r = redact(text);
    let t = &r.text;
    for expected in [
        "DomainName : DOMAIN1\n",
        "Device Name : device1.corp.example\n",
        "DeviceId : 00000000-0000-4000-8000-000000000003\n",
        "Thumbprint : 000000000000000000000000000000000000F001\n",
        "TenantName : Tenant 1\n",
        "TenantId : 00000000-0000-4000-8000-000000000001\n",
        "https://login.microsoftonline.com/00000000-0000-4000-8000-000000000001/oauth2/authorize",
        "https://host2.contoso.example:443/adfs",
        "Executing Account Name : DOMAIN1\\user1, user1@contoso.example\n",
        "User Identity : user2@contoso.example\n",
        "Correlation ID : 00000000-0000-4000-8000-000000000002\n",
        "User SID : S-1-5-21-0-0-0-1\n",
        "Server Addr : 192.0.2.1 and 2001:db8::2\n",
        "{B16898C6-A148-4967-9171-64D755DA8520} (AzureAd)",
        "Proxy Server List : host3.contoso.example:8080\n",
    ] {
        assert!(t.contains(expected), "{expected:?} missing from\n{t}");
    }
    assert_eq!(r.count(Kind::TenantId), 1);
    assert_eq!(r.count(Kind::RequestId), 1);
    assert_eq!(r.count(Kind::Guid), 1);
    assert_eq!(r.count(Kind::Email), 2);
    assert_eq!(r.count(Kind::Account), 1);
    assert_eq!(r.count(Kind::DomainName), 1);
    assert_eq!(r.count(Kind::TenantName), 1);
    assert_eq!(r.count(Kind::Thumbprint), 1);
    assert_eq!(r.count(Kind::Sid), 1);
    assert_eq!(r.count(Kind::Ip), 2);
    assert_eq!(r.count(Kind::HostName), 3);
    // Counts follow Kind::ALL order.
    let kinds: Vec<Kind> = r.counts.iter().map(|(k, _)| *k).collect();
    let mut sorted = kinds.clone();
    sorted.sort();
    assert_eq!(kinds, sorted);
    // The redacted text still parses as the same join.
    assert_eq!(outcome(t), outcome(text));
}

#[test]
fn the_same_value_gets_the_same_pseudonym_whatever_its_case() {
    let r = redact(
        "a 3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b b 3F2A1B4C-5D6E-4F70-8A9B-0C1D2E3F4A5B\n\
         c Bob@Contoso.com d bob@contoso.com e 10.0.0.7 f 10.0.0.7\n",
    );
    assert_eq!(
        r.text,
        "a 00000000-0000-4000-8000-000000000001 b 00000000-0000-4000-8000-000000000001\n\
         c user1@contoso.example d user1@contoso.example e 192.0.2.1 f 192.0.2.1\n"
    );
    assert_eq!(r.counts, [(Kind::Guid, 1), (Kind::Email, 1), (Kind::Ip, 1)]);
}

#[test]
fn well_known_values_are_kept() {
    for text in [
        "    Executing Account Name : NT AUTHORITY\\SYSTEM\n",
        "    Executing Account Name : CONTOSO\\PC01$\n",
        "x S-1-5-18 y S-1-5-32-544\n",
        "loopback 127.0.0.1 ::1 0.0.0.0\n",
        "KerbTopLevelNames : .windows.net,.windows.net:1433\n",
        "JoinSrvUrl : https://enterpriseregistration.windows.net/EnrollmentServer/device/\n",
        "time 2024-01-01 10:23:00.000 UTC and version 10.0.19045.3803\n",
        "empty 00000000-0000-0000-0000-000000000000\n",
        "DomainName : \n",
        "Device Name : NONE\n",
    ] {
        let r = redact(text);
        if text.contains("PC01$") {
            assert_eq!(
                r.text, "    Executing Account Name : DOMAIN1\\device1$\n",
                "machine accounts keep their $ (it marks the SYSTEM context)"
            );
        } else {
            assert_eq!(r.text, text);
            assert!(r.counts.is_empty(), "{text}: {:?}", r.counts);
        }
    }
}

#[test]
fn ids_in_continued_and_collapsed_lines_are_found() {
    let text = "| Device Details |<br/>                  DeviceId : 3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b<br/>Thumbprint : 6FC6B8C84B66B8191FC453D756EFC677A6109962";
    let r = redact(text);
    assert!(!r.text.contains("3f2a1b4c"), "{}", r.text);
    assert!(!r.text.contains("6FC6B8C8"), "{}", r.text);
    assert!(r.text.contains("<br/>"));
}

proptest! {
    #[test]
    fn never_panics_and_keeps_the_lines(text in "[ -~\n\u{e9}@\\\\]{0,400}") {
        let r = redact(&text);
        let decoded = crate::analyze(text.as_bytes()).text().to_string();
        prop_assert_eq!(r.text.lines().count(), decoded.lines().count());
    }

    #[test]
    fn identifier_soup_never_panics(
        parts in proptest::collection::vec(
            "(S-1-5-21-[0-9]{1,3}-[0-9]{1,3}-[0-9]{1,3}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z]{1,5}@[a-z]{1,5}\\.[a-z]{2,3}|[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}|https?://[a-z.]{1,12}/|[:.@\\\\ -]|[0-9A-F]{40})",
            0..40,
        )
    ) {
        // Identifiers written back to back with no separator are not something dsregcmd prints
        // (`…A00` + `0aaa…` reads as one longer hex run), so the parts are spaced.
        let text = parts.join(" ");
        let r = redact(&text);
        for id in identifiers(&text).into_iter().filter(|id| !pseudonym_shaped(id)) {
            prop_assert!(!r.text.to_ascii_uppercase().contains(&id.to_ascii_uppercase()), "{} survived in {}", id, r.text);
        }
    }
}

/// Whether `id` already has the shape of a pseudonym (`S-1-5-21-0-0-1`, `192.0.2.1`, …). Such a
/// value identifies nothing, and it may be handed back unchanged when its own number comes up.
fn pseudonym_shaped(id: &str) -> bool {
    let id = id.to_ascii_uppercase();
    if let Some(rest) = id.strip_prefix("S-1-5-21-") {
        let groups: Vec<&str> = rest.split('-').collect();
        return groups[..groups.len() - 1].iter().all(|g| *g == "0");
    }
    id.starts_with("192.0.2.")
        || id.starts_with("00000000-0000-4000-8000-00000000")
        || id.starts_with("0000000000000000000000000000000000000")
}

#[test]
fn pseudonym_shaped_values_are_recognized() {
    assert!(pseudonym_shaped("S-1-5-21-0-0-1"));
    assert!(!pseudonym_shaped("S-1-5-21-0-7-1"));
    assert!(pseudonym_shaped("192.0.2.1"));
    assert!(!pseudonym_shaped("10.0.2.1"));
}

#[test]
fn format_is_linear_enough_for_long_inputs() {
    // Many identifiers on one huge line, and long dotted runs: finishes promptly.
    let line: String = (0..20_000)
        .map(|i| format!("{i:08x}-0000-4000-8000-000000000000 1.2.3.{} ", i % 250))
        .collect();
    let dots = "1.".repeat(200_000);
    let started = std::time::Instant::now();
    let r = redact(&format!("{line}\n{dots}\n"));
    assert!(r.count(Kind::Guid) == 20_000);
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
}

#[test]
fn proxy_lists_and_settings_lose_their_host_names() {
    let text = "\
         Proxy Server List : http=proxy:8080;https=proxy.corp.contoso.com:8443
         Proxy Bypass List : *.contoso.com;10.1.2.3;<local>;*.microsoftonline.com
    Auto-Configuration URL : http://wpad.contoso.com/wpad.dat
               SettingsUrl : eyJVcmlzIjpbImh0dHBzOi8vc2V0dGluZ3MuY29udG9zby5leGFtcGxlLyIsImh0dHBzOi8vc2V0dGluZ3MxLmNvbnRvc28uZXhhbXBsZS94LyJdfQ==
";
    let r = redact(text);
    assert_eq!(
        r.text,
        "\
         Proxy Server List : http=host1:8080;https=host2.contoso.example:8443
         Proxy Bypass List : *.host3.contoso.example;192.0.2.1;<local>;*.microsoftonline.com
    Auto-Configuration URL : http://host4.contoso.example/wpad.dat
               SettingsUrl : eyJVcmlzIjpbImh0dHBzOi8vaG9zdDUuY29udG9zby5leGFtcGxlLyIsImh0dHBzOi8vaG9zdDYuY29udG9zby5leGFtcGxlL3gvIl19
"
    );
    let mut settings = String::new();
    let value = r.text.lines().last().unwrap().split(" : ").nth(1).unwrap();
    settings.push_str(&String::from_utf8(crate::pack::base64_decode(value).unwrap()).unwrap());
    assert_eq!(
        settings,
        r#"{"Uris":["https://host5.contoso.example/","https://host6.contoso.example/x/"]}"#
    );
}

#[test]
fn redacting_in_small_steps_gives_the_same_result() {
    for path in all_fixtures() {
        let bytes = fs::read(&path).unwrap();
        let analysis = crate::analyze(&bytes);
        let whole = redact(analysis.text());
        for budget in [1, 64, 4096] {
            let mut redactor = Redactor::new(&analysis);
            let mut steps = 0;
            let mut last = 0;
            while !redactor.step(budget) {
                let (done, total) = redactor.progress();
                assert!(done >= last && done <= total, "{}", path.display());
                last = done;
                steps += 1;
            }
            if budget == 1 && analysis.lines().len() > 1 {
                assert!(steps > 0, "{}: {steps} steps", path.display());
            }
            assert_eq!(
                redactor.finish(),
                whole,
                "{} budget {budget}",
                path.display()
            );
        }
    }
}

#[test]
fn host_names_in_free_text_are_replaced_like_url_hosts() {
    let text = "\
      Server Message : credentials for user@fabrikam.com failed at sts.fabrikam.com and DC01.CORP.FABRIKAM.LOCAL.
             Proxy : proxy01.fabrikam.com:8080
           Redirect : https://sts.fabrikam.com/adfs/ls
";
    let r = redact(text);
    for leaked in ["fabrikam", "FABRIKAM", "proxy01", "DC01"] {
        assert!(!r.text.contains(leaked), "{leaked} in {}", r.text);
    }
    // The same host gets the same pseudonym in text and in a URL; a final dot stays.
    assert!(
        r.text
            .contains("at host1.contoso.example and host2.contoso.example."),
        "{}",
        r.text
    );
    assert!(
        r.text.contains("Proxy : host3.contoso.example:8080"),
        "{}",
        r.text
    );
    assert!(
        r.text.contains("https://host1.contoso.example/adfs/ls"),
        "{}",
        r.text
    );
    assert!(r.text.contains("user1@contoso.example"), "{}", r.text);
}

#[test]
fn dotted_words_that_are_not_host_names_are_kept() {
    let text = "\
  Kept : dsregcmd.exe wrote status.txt; System.Net.Http failed; build 10.0.19045.3803;
  Kept : Microsoft.AAD.BrokerPlugin and microsoft.aad.brokerplugin, login.microsoftonline.com,
  Kept : e.g. this, first.last@fabrikam.com, a-b.c, .windows.net:1433
";
    let r = redact(text);
    for kept in [
        "dsregcmd.exe",
        "status.txt",
        "System.Net.Http",
        "10.0.19045.3803",
        "Microsoft.AAD.BrokerPlugin",
        "microsoft.aad.brokerplugin",
        "login.microsoftonline.com",
        "e.g.",
        "a-b.c",
        ".windows.net:1433",
    ] {
        assert!(r.text.contains(kept), "{kept} lost in {}", r.text);
    }
    assert!(r.text.contains(", user1@contoso.example,"), "{}", r.text);
}

#[test]
fn a_mangled_upn_in_an_account_list_loses_its_user_name() {
    let text = "Executing Account Name : LAB\\B.Martin, B.Martin@jdoe0042xx  .fabrikam.fr    \n";
    let r = redact(text);
    assert!(!r.text.contains("Martin"), "{}", r.text);
    assert!(!r.text.contains("fabrikam"), "{}", r.text);
    assert!(r.text.contains("DOMAIN1\\user1, user1@"), "{}", r.text);
}

#[test]
fn a_machine_keeps_one_number_in_its_short_and_dns_names() {
    let text = "\
               Device Name : fabrik-ws2022-s.fabrik.local
    Executing Account Name : FABRIK\\FABRIK-WS2022-S$, FABRIK-WS2022-S$@fabrik.local
";
    let r = redact(text);
    assert!(
        r.text.contains("Device Name : device1.corp.example"),
        "{}",
        r.text
    );
    assert!(r.text.contains("DOMAIN1\\device1$"), "{}", r.text);
    assert_eq!(r.count(Kind::HostName), 1, "{:?}", r.counts);
}

/// Found by the fuzzer: redaction must not change how the text splits into outputs.
#[test]
fn redaction_keeps_the_outputs_of_odd_input() {
    let header = "| Device State                                                         |";
    for text in [
        // A mistyped command in a prompt is not a host name.
        format!("PS C:\\Users\\admin> dsregcmd.dsregcmd /status\n{header}\n AzureAdJoined : YES\n"),
        // A value that runs into debris and the next output's header on one line.
        format!(
            "{header}\nAzureAdJoined : NO\nDomainJoined : YES\nDomainName : LAB41   \u{1}\u{0}{{e Name : Win10Cli{header}    \n\nAzureAdJoined : YES\n"
        ),
        // A header whose title looks like a host name, a box line that runs into a URL.
        format!(
            "{header}\n AzureAdJoined : YES\n\n    | Ngc Prereq.uisite Check                                               |\n\
             \n IsDeviceJoined : YES\n+----------------formation, please visit https://www----------\n\
             {header}\n AzureAdJoined : NO\n"
        ),
        // A header run together with a field whose value holds another ` : `.
        format!(
            "{header}\n AzureAdJoined : YES\n DomainJoined : NO\n WorkplaceJoined : NO\n\
             | Device State                                     Device Name : fabrik-ws2022-s.fabrik.l- : none\n\
             \n AzureAdJoined : NO\n WorkplaceJoined : YES\n"
        ),
    ] {
        let before = crate::analyze(text.as_bytes());
        let redacted = redact(&text);
        let after = crate::analyze(redacted.text.as_bytes());
        let states =
            |a: &crate::Analysis| -> Vec<_> { a.documents().map(|d| d.join().state).collect() };
        assert_eq!(
            states(&before),
            states(&after),
            "{}\n---\n{}",
            text,
            redacted.text
        );
        assert!(!redacted.text.contains("LAB41"), "{}", redacted.text);
    }
}
