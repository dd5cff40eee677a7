//! DSR015 `prejoin-test-failed`: a pre-join diagnostic test of the Diagnostic Data failed
//! (AD Connectivity, AD Configuration, DRS Discovery, DRS Connectivity, Token acquisition).

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::{Ctx, Finding, Rule, Severity, contains_ci, explain_code};
use crate::JoinState;
use crate::codes::{Context, DiagnosticTest};
use crate::sources;
use crate::value::{TestResult, Value};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "DSR015",
    name: "prejoin-test-failed",
    severity: Severity::Critical,
    docs: docs! {
        checks: "Reports every pre-join test showing FAIL, with the join phase it stands for \
                 (AD Connectivity: pre-check; AD Configuration, DRS Discovery, DRS \
                 Connectivity: discover; Token acquisition: auth) and both codes of \
                 `FAIL [primary/sub]` decoded. A failed WPAD proxy detection in the same output \
                 is added as evidence for the network tests.",
        matters: "Each test replays one step of hybrid join; the first failing one is where the \
                  real join stops.",
        fix: "AD Connectivity: reach a domain controller. AD Configuration: create or repair the \
              SCP. DRS Discovery / Connectivity: let SYSTEM reach \
              enterpriseregistration.windows.net and login.microsoftonline.com (WinHTTP proxy \
              or WPAD). Token acquisition: fix the AD FS WS-Trust endpoints for the computer.",
    },
    check,
};

fn describe(
    test: DiagnosticTest,
    network_sub: bool,
    not_found: bool,
) -> (&'static str, &'static str) {
    match test {
        DiagnosticTest::AdConfiguration if not_found => ("discover", "no SCP object was found"),
        DiagnosticTest::AdConnectivity => {
            ("pre-check", "the device cannot reach a domain controller")
        }
        DiagnosticTest::AdConfiguration => ("discover", "the SCP object is missing or unreadable"),
        DiagnosticTest::DrsDiscovery if network_sub => {
            ("discover", "the registration service could not be reached")
        }
        DiagnosticTest::DrsDiscovery => ("discover", "DRS discovery failed"),
        DiagnosticTest::DrsConnectivity => (
            "discover",
            "the registration service endpoint could not be reached",
        ),
        DiagnosticTest::TokenAcquisition => (
            "auth",
            "no token could be obtained from the federation server",
        ),
    }
}

/// Network, WinHTTP or WinINet failures (0x80072exx / 0x80072fxx, 0xcaa82xxx).
fn is_network(code: u32) -> bool {
    (0x8007_2ee0..=0x8007_2fff).contains(&code) || (0xcaa8_0000..=0xcaa8_ffff).contains(&code)
}

fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let joined = ctx.join.state == JoinState::HybridJoined;
    let wpad = ctx
        .field("URL Specific Proxy Config", "Auto Detect PAC Status")
        .filter(|f| contains_ci(&f.raw(), "fail"));
    let mut found = Vec::new();
    for section in ctx.doc.sections().filter(|s| !s.is_work_account()) {
        for field in section.fields() {
            let Some(test) = DiagnosticTest::from_field(field.key()) else {
                continue;
            };
            let Value::Test(TestResult::Fail { primary, sub }) = field.value() else {
                continue;
            };
            let network = [primary, sub]
                .into_iter()
                .flatten()
                .any(|c| is_network(c.0));
            // 0x80070002 is ERROR_FILE_NOT_FOUND: for the SCP read, the object is not there.
            let not_found = primary.is_some_and(|c| c.0 == 0x8007_0002);
            let (phase, short) = describe(test, network, not_found);
            let title = format!("{} fails in the {phase} phase, {short}", field.key().trim());
            let mut explanation = String::from(match test {
                DiagnosticTest::AdConnectivity => {
                    "The test could not talk to a domain controller, so the join would stop \
                     before it starts (pre-check phase)."
                }
                DiagnosticTest::AdConfiguration => {
                    "The test reads the Service Connection Point in the forest's configuration \
                     partition to learn which tenant to join; without it the join stops in the \
                     discover phase with 0x801c001d."
                }
                DiagnosticTest::DrsDiscovery => {
                    "The test fetches the registration service's discovery document and does a \
                     user realm lookup; when it fails the join stops in the discover phase."
                }
                DiagnosticTest::DrsConnectivity => {
                    "The test makes a plain connection to the registration service endpoint; \
                     the join cannot register the device without it."
                }
                DiagnosticTest::TokenAcquisition => {
                    "For a federated domain the test asks the federation server for a token on \
                     behalf of the computer; when it fails the join stops in the auth phase \
                     (and falls back to sync join unless that is disabled)."
                }
            });
            let mut finding = Finding::new(&RULE, title).evidence(&field);
            for code in [primary, sub].into_iter().flatten() {
                let text = format!("{code}");
                let (meaning, remediation) = explain_code(&text, Context::Test(test));
                explanation.push_str(&format!(" {meaning}"));
                if !explanation.ends_with('.') {
                    explanation.push('.');
                }
                finding = finding.fix(remediation, sources::HYBRID);
                finding = finding.code(text);
            }
            finding = match test {
                DiagnosticTest::AdConnectivity => finding.step(
                    "Make sure the device has line of sight to a domain controller (DNS, \
                     network, VPN before sign-in) and run the test again as SYSTEM.",
                    Some(sources::HYBRID),
                ),
                DiagnosticTest::AdConfiguration => finding
                    .step(
                        "Create the SCP with Entra Connect (Configure device options > Configure \
                         Microsoft Entra hybrid join), or follow the manual SCP steps.",
                        Some(sources::HYBRID_CONFIGURE),
                    )
                    .step(
                        "Check the SCP in the configuration partition names your tenant (Services \
                         > Device Registration Configuration), and that the computer can read it.",
                        Some(sources::HYBRID_MANUAL),
                    ),
                DiagnosticTest::DrsDiscovery | DiagnosticTest::DrsConnectivity => finding.step(
                    "Let the SYSTEM account reach https://enterpriseregistration.windows.net and \
                     https://login.microsoftonline.com: set a WinHTTP proxy (netsh winhttp set \
                     proxy), publish a working WPAD, or allow direct access.",
                    Some(sources::HYBRID_CONFIGURE),
                ),
                DiagnosticTest::TokenAcquisition => finding.step(
                    "Check the AD FS WS-Trust endpoints used by computers (windowstransport and \
                     the certificate/username endpoints) are enabled and reachable, and that the \
                     hybrid join issuance rules exist.",
                    Some(sources::HYBRID_MANUAL),
                ),
            };
            if (network
                || matches!(
                    test,
                    DiagnosticTest::DrsDiscovery | DiagnosticTest::DrsConnectivity
                ))
                && let Some(w) = wpad
            {
                explanation.push_str(
                    " The same output shows automatic proxy detection (WPAD) failing for \
                     SYSTEM, which fits a proxy problem.",
                );
                finding = finding.evidence(&w);
                for c in crate::codes::scan(&w.raw()) {
                    finding = finding.code(c.text);
                }
            }
            if joined {
                explanation.push_str(" The device is hybrid joined already, so this only matters if it has to join again.");
            }
            finding = finding
                .severity(if joined {
                    Severity::Info
                } else {
                    Severity::Critical
                })
                .explain(explanation)
                // A failed join attempt in the same phase is the same cause: it reports it.
                .supports(alloc::format!("join:{phase}"));
            found.push(finding);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{run, table};

    #[test]
    fn pass_fail() {
        let diag =
            |body: &str| alloc::format!("| Diagnostic Data |\nUser Context : SYSTEM\n{body}");
        table(
            &RULE,
            &[&diag(
                "AD Connectivity Test : PASS\nAD Configuration Test : PASS\nDRS Discovery Test : SKIPPED\n",
            )],
            &[
                (
                    &diag("AD Connectivity Test : FAIL [0x54b]\n"),
                    Severity::Critical,
                    "pre-check phase",
                ),
                (
                    &diag("AD Configuration Test : FAIL [0x80070002]\n"),
                    Severity::Critical,
                    "discover phase, no SCP object was found",
                ),
                (
                    &diag("DRS Discovery Test : FAIL [0x801c0021/0x80072ee2]\n"),
                    Severity::Critical,
                    "could not be reached",
                ),
                (
                    &diag("Token acquisition Test : FAIL\n"),
                    Severity::Critical,
                    "auth phase",
                ),
            ],
        );
        let f = &run(
            &RULE,
            &diag("DRS Discovery Test : FAIL [0x801c0021/0x801c000c]\n"),
        )[0];
        assert_eq!(f.codes, ["0x801c0021", "0x801c000c"]);
        assert!(f.title.contains("DRS discovery failed"));
    }
}
