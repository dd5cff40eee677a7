//! DSR014 `join-attempt-failed`: the last hybrid join attempt recorded in the Diagnostic Data
//! (Previous Registration, Error Phase, Client ErrorCode, Server ErrorCode and Message) failed.

use alloc::borrow::ToOwned;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::{Ctx, Finding, Rule, Severity, contains_ci, explain_code};
use crate::JoinState;
use crate::codes::{self, Context};
use crate::sources;
use crate::value::Value;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "DSR014",
    name: "join-attempt-failed",
    severity: Severity::Critical,
    docs: docs! {
        checks: "Reads the record of the last failed join attempt in Diagnostic Data: its time, \
                 the Error Phase (pre-check, discover, auth, join), the Client ErrorCode and, \
                 when the server answered, Server ErrorCode, Server Message and Https Status. It \
                 decodes the codes in the context of the phase and gives the fix for that phase. \
                 The sync-join case the dsregcmd reference describes (join phase, DirectoryError, \
                 device object not found) is a warning: it clears once Entra Connect has synced \
                 the computer.",
        matters: "Windows retries hybrid join at every restart and sign-in and fails the same \
                  way until the cause is removed; until then the device gets no PRT and fails \
                  device-based Conditional Access.",
        fix: "Pre-check: the device must reach a domain controller. Discover: the SCP must \
              exist and SYSTEM must reach the Microsoft registration endpoints (proxy, WPAD). \
              Auth: the federation server's WS-Trust endpoints must work for the computer. \
              Join: decode the server error; for DirectoryError, make sure Entra Connect syncs \
              the computer object and wait for the next sync.",
    },
    check,
};

/// The phase as a cause key (`discover`); `unknown` when the output does not say.
pub(crate) fn phase_key(phase: Option<Context>) -> &'static str {
    match phase {
        Some(Context::PreCheck) => "pre-check",
        Some(Context::Discover) => "discover",
        Some(Context::Auth) => "auth",
        Some(Context::Join) => "join",
        _ => "unknown",
    }
}

/// A short clause for well-known client codes in a phase.
fn short_cause(code: u32, phase: Option<Context>, sync_not_found: bool) -> Option<&'static str> {
    Some(match code {
        0x801c_001d if phase == Some(Context::Join) => {
            "Windows could not read its own computer object in Active Directory"
        }
        0x801c_001d => "the SCP object could not be read",
        0x801c_0021 => "DRS discovery failed",
        0x801c_001f => "DRS discovery timed out",
        0x801c_003d => "user realm discovery failed",
        0x801c_003a => "the tenant named in the SCP was not found",
        0x801c_03f2 if sync_not_found => {
            "the device object is not in Entra ID yet (Entra Connect has not synced it)"
        }
        0x801c_03f2 => "the registration service reported a directory error",
        _ => return None,
    })
}

fn phase_steps(finding: Finding, phase: Option<Context>, code: Option<u32>) -> Finding {
    match phase {
        Some(Context::PreCheck) => finding.step(
            "Make sure the device reaches a domain controller when the join task runs (line \
             of sight to the domain, DNS, VPN established before sign-in).",
            Some(sources::HYBRID),
        ),
        // 0x801c001d is the SCP itself: its knowledge-base step already says what to do.
        Some(Context::Discover) if code != Some(0x801c_001d) => finding.step(
            "Check the SYSTEM account reaches https://enterpriseregistration.windows.net and \
             https://login.microsoftonline.com: it does not use the user's proxy, so it needs a \
             WinHTTP proxy, WPAD or a direct route.",
            Some(sources::HYBRID_CONFIGURE),
        ),
        Some(Context::Auth) => finding
            .step(
                "For a federated domain, check the AD FS WS-Trust endpoints used for device \
                 authentication are enabled and reachable from the computer, and that the \
                 issuance rules for hybrid join are in place.",
                Some(sources::HYBRID_MANUAL),
            )
            .step(
                "With Fallback to Sync-Join enabled the device can still join once Entra \
                 Connect has synced its computer object.",
                Some(sources::HYBRID),
            ),
        _ => finding,
    }
}

fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let phase_field = ctx.field("Diagnostic Data", "Error Phase");
    let client = ctx.field("Diagnostic Data", "Client ErrorCode");
    let client_code = client.as_ref().and_then(|f| match f.value() {
        Value::Code(c) if c.0 != 0 => Some(c),
        _ => None,
    });
    if phase_field.is_none() && client_code.is_none() {
        return Vec::new();
    }
    let phase_text = phase_field
        .map(|f| f.raw().trim().to_owned())
        .unwrap_or_default();
    let phase = Context::from_error_phase(&phase_text);
    // `Server ErrorCode` normalises like the PRT `Server Error Code`, whose home is SSO State,
    // so a headerless fragment needs the plain search (outside the PRT blocks).
    let server = ctx
        .field("Diagnostic Data", "Server ErrorCode")
        .or_else(|| {
            ctx.doc
                .sections()
                .filter(|s| !s.is_work_account())
                .flat_map(|s| s.fields_named("Server ErrorCode").collect::<Vec<_>>())
                .find(|f| {
                    f.block()
                        .is_none_or(|b| b == crate::catalog::BlockKind::PreviousRegistration)
                })
        });
    let server_text = server
        .map(|f| f.raw().trim().to_owned())
        .unwrap_or_default();
    let message = ctx.field("Diagnostic Data", "Server Message");
    let message_text = message
        .map(|f| f.raw().trim().to_owned())
        .unwrap_or_default();
    let registration_type = ctx.field("Diagnostic Data", "Registration Type");
    let sync = registration_type.is_some_and(|f| contains_ci(&f.raw(), "sync"));
    let not_found = contains_ci(&server_text, "DirectoryError")
        && contains_ci(&message_text, "not found")
        || contains_ci(&message_text, "isn't found");
    // The server no longer knows the device, at a renewal or for a device that was
    // registered: it was deleted or disabled in Entra ID, and must register again. A first
    // sync join meets the same "not found" until Entra Connect has synced the computer.
    let operation = ctx.field("Diagnostic Data", "Server Operation");
    let subcode = ctx.field("Diagnostic Data", "Server ErrorSubCode");
    let subcode_text = subcode
        .map(|f| f.raw().trim().to_owned())
        .unwrap_or_default();
    let missing = not_found
        || contains_ci(&subcode_text, "missing_device")
        || contains_ci(&message_text, "disabled")
        || contains_ci(&message_text, "deleted")
        || contains_ci(&message_text, "AADSTS50155")
        || contains_ci(&message_text, "AADSTS135011")
        || contains_ci(&message_text, "AADSTS700003");
    let renewal = operation.is_some_and(|f| contains_ci(&f.raw(), "renew"))
        || registration_type.is_some_and(|f| contains_ci(&f.raw(), "renew"));
    let registered_before = ctx.entra_joined()
        || ctx.field("Device Details", "DeviceId").is_some()
        || contains_ci(&subcode_text, "missing_device");
    let gone = missing && (renewal || registered_before);
    let kerberos = ctx
        .field("Diagnostic Data", "Kerberos Ticket Test")
        .filter(|f| {
            matches!(
                f.value(),
                Value::Test(crate::value::TestResult::Fail { .. })
            )
        });
    let sync_not_found = not_found && !gone && (sync || registration_type.is_none());

    let cause = client_code
        .and_then(|c| short_cause(c.0, phase, sync_not_found))
        .map(String::from)
        .or_else(|| {
            let code = client_code?;
            let info = codes::lookup(&format!("{code}"), phase.unwrap_or(Context::Generic))?;
            Some(if info.symbol.is_empty() {
                format!("error {code}")
            } else {
                format!("error {code} ({})", info.symbol)
            })
        })
        .unwrap_or_else(|| match client_code {
            Some(code) => format!("error {code}"),
            None => "no error code recorded".to_owned(),
        });
    // A discovery that fails on the network while the user has a proxy SYSTEM lacks: that gap is
    // the cause to name.
    let network = client_code.is_some_and(|c| {
        (0x8007_2ee0..=0x8007_2fff).contains(&c.0) || matches!(c.0, 0x801c_001f | 0x801c_0021)
    });
    let proxy_gap = (phase == Some(Context::Discover) && network)
        .then(|| super::dsr025_system_proxy::gap(ctx))
        .flatten();
    let cause = if proxy_gap.is_some() {
        format!("{cause}: the user has a proxy but SYSTEM, which does the join, has none")
    } else {
        cause
    };
    let cause = if gone {
        "the device object was deleted or disabled in Entra ID, so the device must register again"
            .to_owned()
    } else {
        cause
    };
    let joined = ctx.join.state == JoinState::HybridJoined && !gone;
    let phase_name = if phase_text.is_empty() {
        "an unknown".to_owned()
    } else {
        format!("the {phase_text}")
    };
    let title = if gone {
        format!("Device registration failed in {phase_name} phase: {cause}")
    } else if joined {
        format!("An earlier join attempt failed in {phase_name} phase, {cause}")
    } else {
        format!("Hybrid join is failing in {phase_name} phase, {cause}")
    };
    let severity = if gone {
        Severity::Critical
    } else if joined {
        Severity::Info
    } else if sync_not_found {
        Severity::Warning
    } else {
        Severity::Critical
    };

    let mut explanation = String::new();
    if let Some(when) = ctx.field("Diagnostic Data", "Previous Registration")
        && let Value::Timestamp(t) = when.value()
    {
        explanation.push_str(&format!("The last join attempt ({t}) "));
    } else {
        explanation.push_str("The last join attempt ");
    }
    explanation.push_str(&format!("stopped in {phase_name} phase."));
    let mut finding = Finding::new(&RULE, title).severity(severity);
    if let Some(code) = client_code {
        let code_text = format!("{code}");
        let (meaning, remediation) = explain_code(&code_text, phase.unwrap_or(Context::Generic));
        if sync_not_found || gone {
            explanation.push_str(&format!(" Client error {code_text}."));
        } else {
            explanation.push_str(&format!(" Client error {meaning}"));
        }
        if !explanation.ends_with('.') {
            explanation.push('.');
        }
        finding = finding.code(code_text);
        if !sync_not_found && !gone {
            finding = finding.fix(remediation, sources::HYBRID);
        }
    }
    if !server_text.is_empty() {
        let info = codes::lookup_with_message(&server_text, Context::DrsServerError, &message_text);
        explanation.push_str(&format!(" The registration service answered {server_text}"));
        if !message_text.is_empty() {
            explanation.push_str(&format!(" (\"{message_text}\")"));
        }
        explanation.push('.');
        if let Some(info) = info
            && !sync_not_found
            && !gone
        {
            explanation.push_str(&format!(" {}", info.meaning));
            finding = finding.fix(info.fix, sources::HYBRID);
        }
        finding = finding.code(server_text.clone());
    }
    if proxy_gap.is_some() {
        explanation.push_str(
            " The signed-in user has a proxy, but SYSTEM, which runs the join, has none \
             (WinHTTP DIRECT): the device cannot reach the registration service unless the \
             network allows a direct route.",
        );
        finding = finding.step(
            "Give SYSTEM a route: set a WinHTTP proxy (netsh winhttp set proxy, or netsh winhttp \
             import proxy source=ie), publish WPAD, or allow a direct route to the Microsoft \
             endpoints; then restart and check the DRS tests again.",
            Some(sources::HYBRID_CONFIGURE),
        );
    }
    if gone {
        explanation.push_str(
            " The registration service no longer finds this device's object: it was deleted \
             (by an admin or a stale-device clean-up) or disabled in Entra ID. The device keeps \
             failing to authenticate and renew until it registers again.",
        );
        if kerberos.is_some() {
            explanation.push_str(" The failed Kerberos Ticket Test fits the same cause.");
        }
        finding = finding
            .step(
                "Look the device up by its DeviceId in the Entra admin center (Devices > All \
                 devices) or with Get-MgDevice: if it is disabled, enable it; if it is gone, the \
                 device has to register again.",
                Some(sources::MANAGE_DEVICES),
            )
            .step(
                "A hybrid joined device registers again after dsregcmd /leave (elevated) and a \
                 restart, once Entra Connect syncs its computer object; an Entra joined device \
                 must be joined again (sign in with a local administrator first).",
                Some(sources::DEVICE_FAQ),
            );
    }
    if sync_not_found {
        explanation.push_str(
            " This is how a sync join looks before Entra Connect has copied the computer \
             object to Entra ID: the device registers itself successfully only after the next \
             sync that includes it.",
        );
        finding = finding
            .step(
                "Check Entra Connect synchronises the organisational unit holding this \
                 computer, and that the computer object has a userCertificate value (Windows \
                 writes it when it tries to join).",
                Some(sources::HYBRID),
            )
            .step(
                "Wait for the next Entra Connect sync cycle (every 30 minutes by default) or \
                 start a delta sync, then restart the device or sign in again to retry.",
                Some(sources::CONNECT_SCHEDULER),
            );
    }
    finding = phase_steps(finding, phase, client_code.map(|c| c.0));
    if joined {
        explanation.push_str(
            " The device has since joined, so this record is history unless problems come \
             back.",
        );
    }
    finding = finding
        .explain(explanation)
        .evidence_opt(ctx.field("Diagnostic Data", "Previous Registration"))
        .evidence_opt(registration_type)
        .evidence_opt(phase_field)
        .evidence_opt(client)
        .evidence_opt(server)
        .evidence_opt(subcode.filter(|_| gone))
        .evidence_opt(operation.filter(|_| gone))
        .evidence_opt(message)
        .evidence_opt(kerberos.filter(|_| gone))
        .evidence_opt(ctx.field("Diagnostic Data", "Https Status"));
    if let Some(request) = ctx.field("Diagnostic Data", "Request Id") {
        finding = finding.evidence(&request).step(
            format!(
                "Quote Request Id {} to Microsoft support to find the server side of this \
                 attempt.",
                request.raw().trim()
            ),
            None,
        );
    }
    alloc::vec![finding.cause(alloc::format!("join:{}", phase_key(phase)))]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{run, table};

    const DISCOVER: &str = "| Diagnostic Data |\nPrevious Registration : 2019-01-31 09:23:30.000 UTC\nError Phase : discover\nClient ErrorCode : 0x801c001d\n";
    const SYNC: &str = "| Diagnostic Data |\nPrevious Registration : 2019-01-31 09:16:43.000 UTC\nRegistration Type : sync\nError Phase : join\nClient ErrorCode : 0x801c03f2\nServer ErrorCode : DirectoryError\nServer Message : The device object by the given id (aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb) isn't found.\nHttps Status : 400\n";

    #[test]
    fn pass_fail() {
        table(
            &RULE,
            &[
                "| Diagnostic Data |\nAadRecoveryEnabled : NO\nKeySignTest : PASSED\n",
                "| Diagnostic Data |\nClient ErrorCode : 0x0\n",
            ],
            &[
                (
                    DISCOVER,
                    Severity::Critical,
                    "discover phase, the SCP object could not be read",
                ),
                (SYNC, Severity::Warning, "not in Entra ID yet"),
                (
                    "| Diagnostic Data |\nError Phase : auth\nClient ErrorCode : 0x801c0002\n",
                    Severity::Critical,
                    "auth phase",
                ),
                (
                    "| Device State |\nAzureAdJoined : YES\nEnterpriseJoined : NO\nDomainJoined : YES\n| Diagnostic Data |\nError Phase : discover\nClient ErrorCode : 0x801c0021\n",
                    Severity::Info,
                    "An earlier join attempt",
                ),
            ],
        );
        let f = &run(&RULE, SYNC)[0];
        assert_eq!(f.codes, ["0x801c03f2", "DirectoryError"]);
        assert_eq!(f.evidence.len(), 7);
    }
}
