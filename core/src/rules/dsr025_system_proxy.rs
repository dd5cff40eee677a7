//! DSR025 `system-proxy`: the signed-in user has a proxy but the SYSTEM context, where hybrid
//! join and device authentication run, has none.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::{Ctx, Finding, Rule, Severity};
use crate::codes::{self, DiagnosticTest};
use crate::join::JoinState;
use crate::model::FieldRef;
use crate::sources;
use crate::value::{Code, TestResult, Value};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "DSR025",
    name: "system-proxy",
    severity: Severity::Warning,
    docs: docs! {
        checks: "Compares the proxy the signed-in user has (IE Proxy Config for Current User: a \
                 proxy server or a PAC file) with what the SYSTEM context has (WinHttp Default \
                 Proxy Config, IE Proxy Config for System Account, automatic detection through \
                 WPAD), and looks for a failure that fits a SYSTEM without a route: a pre-join \
                 test or join attempt failing with a network code (0x80072exx, 0x80072fxx, \
                 0xcaa8xxxx), a discovery timeout, DeviceAuthStatus FAILED. ERROR, or a PRT \
                 attempt failing with an HTTP error. Critical when such a failure is there, a \
                 note otherwise.",
        matters: "Hybrid join, device authentication and the PRT request run as SYSTEM, which \
                  does not use the user's proxy settings. A network that only lets traffic out \
                  through the proxy leaves SYSTEM without a route: the most common root cause \
                  of hybrid joins stuck in discovery and of failing device authentication.",
        fix: "Give SYSTEM a route to the Microsoft registration and sign-in endpoints: a WinHTTP \
              proxy (netsh winhttp set proxy, or import the user's with netsh winhttp import \
              proxy source=ie), WPAD that SYSTEM can use, or a direct route; and let the \
              computer account through the proxy without an authentication prompt.",
    },
    check,
};

/// The value of a field when it holds something (not empty, not NOT SET).
fn set<'a>(ctx: &Ctx<'a>, section: &str, key: &str) -> Option<FieldRef<'a>> {
    ctx.field(section, key).filter(|f| {
        let raw = f.raw();
        let v = raw.trim();
        !v.is_empty() && !v.eq_ignore_ascii_case("NOT SET") && !v.eq_ignore_ascii_case("NO")
    })
}

/// Network, WinHTTP or WinINet failures (0x80072exx / 0x80072fxx, 0xcaa8xxxx) and discovery
/// timeouts.
fn is_network(code: Code) -> bool {
    (0x8007_2ee0..=0x8007_2fff).contains(&code.0)
        || (0xcaa8_0000..=0xcaa8_ffff).contains(&code.0)
        || code.0 == 0x801c_001f
}

/// The failures in the output that fit a SYSTEM without a route.
fn failures<'a>(ctx: &Ctx<'a>) -> Vec<FieldRef<'a>> {
    let mut found = Vec::new();
    for field in ctx.doc.fields() {
        let fits = match field.value() {
            Value::Test(TestResult::Fail { primary, sub })
                if DiagnosticTest::from_field(field.key()).is_some() =>
            {
                [primary, sub].into_iter().flatten().any(is_network)
            }
            Value::Code(c) => {
                is_network(c)
                    && (crate::text::key_eq(field.key(), "Client ErrorCode")
                        || crate::text::key_eq(field.key(), "HTTP Error"))
            }
            Value::Text(t) => {
                crate::text::key_eq(field.key(), "DeviceAuthStatus")
                    && super::contains_ci(&t, "FAILED. ERROR")
            }
            _ => false,
        };
        if fits {
            found.push(field);
        }
    }
    found
}

/// The user has a proxy and SYSTEM, shown in the output, has none.
pub(super) struct Gap<'a> {
    /// The user's proxy server, if set.
    pub user_proxy: Option<FieldRef<'a>>,
    /// The user's proxy configuration script, if set.
    pub user_pac: Option<FieldRef<'a>>,
    /// WinHTTP's access type (DIRECT).
    pub winhttp: Option<FieldRef<'a>>,
}

/// The proxy gap between the user and SYSTEM, when the output shows one.
pub(super) fn gap<'a>(ctx: &Ctx<'a>) -> Option<Gap<'a>> {
    const USER: &str = "IE Proxy Config for Current User";
    const SYSTEM: &str = "IE Proxy Config for System Account";
    const WINHTTP: &str = "WinHttp Default Proxy Config";
    let user_proxy = set(ctx, USER, "Proxy Server List");
    let user_pac = set(ctx, USER, "Auto-Configuration URL");
    if user_proxy.is_none() && user_pac.is_none() {
        return None;
    }
    // The user's sections only exist in the section of that name: no fallback to other
    // sections (the System Account's fields share the keys).
    let in_section = |f: &Option<FieldRef<'_>>, section: &str| {
        f.is_some_and(|f| {
            f.section_title()
                .is_some_and(|t| crate::text::key_eq(t, section))
        })
    };
    if !in_section(&user_proxy, USER) && !in_section(&user_pac, USER) {
        return None;
    }
    let winhttp = ctx.field(WINHTTP, "Access Type");
    let winhttp_proxy = winhttp.is_some_and(|f| !super::contains_ci(&f.raw(), "DIRECT"))
        || set(ctx, WINHTTP, "Proxy Server List").is_some_and(|f| {
            f.section_title()
                .is_some_and(|t| crate::text::key_eq(t, WINHTTP))
        });
    let system_section = ctx.doc.section(SYSTEM);
    let system_proxy = system_section.is_some_and(|s| {
        ["Proxy Server List", "Auto-Configuration URL"]
            .iter()
            .any(|k| {
                s.field(k).is_some_and(|f| {
                    !f.raw().trim().is_empty() && !super::contains_ci(&f.raw(), "NOT SET")
                })
            })
    });
    if winhttp.is_none() && system_section.is_none() {
        // The output does not show SYSTEM's side.
        return None;
    }
    if winhttp_proxy || system_proxy {
        return None;
    }
    Some(Gap {
        user_proxy,
        user_pac,
        winhttp,
    })
}

fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let Some(Gap {
        user_proxy,
        user_pac,
        winhttp,
    }) = gap(ctx)
    else {
        return Vec::new();
    };
    let wpad = ctx
        .field("URL Specific Proxy Config", "Auto Detect PAC Status")
        .filter(|f| super::contains_ci(&f.raw(), "fail"));
    let failing = failures(ctx);
    let user_side = match (user_proxy, user_pac) {
        (Some(p), _) => format!("a proxy server ({})", p.raw().trim()),
        (None, Some(p)) => format!("a proxy configuration script ({})", p.raw().trim()),
        (None, None) => String::new(),
    };
    let wpad_note = if wpad.is_some() {
        " Automatic proxy detection (WPAD) fails for SYSTEM too."
    } else {
        ""
    };
    let (severity, fit) = if failing.is_empty() {
        (
            Severity::Info,
            " Nothing in this output fails for it, so SYSTEM may well reach Microsoft directly; \
             keep it in mind if hybrid join or device authentication fail.",
        )
    } else {
        (
            Severity::Critical,
            " The failures in this output fit exactly that: SYSTEM could not reach the \
             Microsoft endpoints.",
        )
    };
    let joined = matches!(
        ctx.join.state,
        JoinState::HybridJoined | JoinState::EntraJoined
    );
    let mut finding = Finding::new(
        &RULE,
        "The user has a proxy but SYSTEM has none, and device registration runs as SYSTEM",
    )
    .severity(
        if joined
            && severity == Severity::Critical
            && failing.iter().all(|f| {
                !crate::text::key_eq(f.key(), "DeviceAuthStatus")
                    && !crate::text::key_eq(f.key(), "HTTP Error")
            })
        {
            // A joined device with only an old join attempt failing: history.
            Severity::Info
        } else {
            severity
        },
    )
    .explain(format!(
        "The signed-in user reaches the internet through {user_side}, but the SYSTEM context has \
         no proxy (WinHTTP is DIRECT and the system account has no proxy settings). Hybrid \
         join, device authentication and the PRT request run as SYSTEM and do not use the \
         user's settings.{wpad_note}{fit}"
    ))
    .evidence_opt(user_proxy)
    .evidence_opt(user_pac)
    .evidence_opt(winhttp)
    .evidence_opt(wpad)
    .step(
        "Give SYSTEM a route: set a WinHTTP proxy (netsh winhttp set proxy <proxy>:<port>, or \
         netsh winhttp import proxy source=ie from the user's settings), publish WPAD, or allow \
         a direct route to the Microsoft endpoints.",
        Some(sources::HYBRID_CONFIGURE),
    )
    .step(
        "Let the computer account through the proxy without an authentication prompt, then \
         restart the device (or run the join task) and check the failing tests again.",
        Some(sources::HYBRID),
    );
    for f in &failing {
        finding = finding.evidence(f);
        let raw = f.raw();
        for c in codes::scan(&raw) {
            finding = finding.code(c.text);
        }
    }
    // The failing join attempt in discovery and this are one cause.
    if failing.iter().any(|f| {
        DiagnosticTest::from_field(f.key()).is_some()
            || crate::text::key_eq(f.key(), "Client ErrorCode")
    }) {
        let phase = ctx
            .field("Diagnostic Data", "Error Phase")
            .map(|f| f.raw().trim().to_ascii_lowercase())
            .unwrap_or_else(|| String::from("discover"));
        // The join attempt's finding names this gap as its cause; this adds the evidence.
        finding = finding.supports(format!("join:{phase}"));
    } else {
        finding = finding.cause("system-proxy");
    }
    alloc::vec![finding]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::table;

    const USER_PROXY: &str = "| IE Proxy Config for Current User |\nAuto Detect Settings : NO\nAuto-Configuration URL :\nProxy Server List : proxy.fabrikam.com:8080\nProxy Bypass List : <local>\n";
    const DIRECT: &str = "| WinHttp Default Proxy Config |\nAccess Type : DIRECT\n";

    #[test]
    fn pass_fail() {
        let failing = "| Diagnostic Data |\nAD Connectivity Test : PASS\nDRS Discovery Test : FAIL [0x801c0021/0x80072ee2]\n";
        table(
            &RULE,
            &[
                // SYSTEM has the proxy too.
                &alloc::format!(
                    "{USER_PROXY}| WinHttp Default Proxy Config |\nAccess Type : NAMED_PROXY\nProxy Server List : proxy.fabrikam.com:8080\n{failing}"
                ),
                // No user proxy.
                &alloc::format!("{DIRECT}{failing}"),
                // SYSTEM's side not shown.
                &alloc::format!("{USER_PROXY}{failing}"),
            ],
            &[
                (
                    &alloc::format!("{USER_PROXY}{DIRECT}{failing}"),
                    Severity::Critical,
                    "SYSTEM has none",
                ),
                (
                    &alloc::format!("{USER_PROXY}{DIRECT}"),
                    Severity::Info,
                    "SYSTEM has none",
                ),
                (
                    &alloc::format!(
                        "{USER_PROXY}{DIRECT}| Device Details |\nDeviceAuthStatus : FAILED. ERROR\n"
                    ),
                    Severity::Critical,
                    "SYSTEM has none",
                ),
            ],
        );
    }
}
