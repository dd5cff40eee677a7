//! DSR026 `hybrid-join-pending`: a domain joined device is not hybrid joined yet, and the output
//! records no failure.

use alloc::vec::Vec;

use super::{Ctx, Finding, Rule, Severity};
use crate::codes::DiagnosticTest;
use crate::join::JoinState;
use crate::sources;
use crate::value::{TestResult, Value};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "DSR026",
    name: "hybrid-join-pending",
    severity: Severity::Warning,
    docs: docs! {
        checks: "On a domain joined device that is not Entra joined (and not Entra registered \
                 instead), when the pre-join tests pass (or are skipped) and no failed join \
                 attempt is recorded, names what is most likely going on: the computer object \
                 has not been synced to Entra ID yet, or the next join attempt has not run. A \
                 heuristic: the output cannot show the state of the sync or of the task.",
        matters: "Hybrid join completes in two steps: Entra Connect syncs the computer object, \
                  then the device registers at its next attempt (sign-in, restart, or the \
                  Automatic-Device-Join task). Until both happen the device gets no PRT.",
        fix: "Check that the computer's OU is in Entra Connect's sync scope and that the object \
              has reached Entra ID (pending devices show as Pending in the admin center), then \
              restart the device or sign in again; run the Automatic-Device-Join task to retry \
              at once.",
    },
    check,
};

fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    // "Nothing has failed" cannot be said of an output whose end is missing.
    if ctx.join.state != JoinState::DomainJoined || ctx.join.workplace_registered || ctx.cut {
        return Vec::new();
    }
    // A failed attempt or test has its own finding.
    if ctx.field("Diagnostic Data", "Error Phase").is_some()
        || ctx.field("Diagnostic Data", "Client ErrorCode").is_some()
    {
        return Vec::new();
    }
    let tests: Vec<_> = ctx
        .doc
        .fields()
        .filter(|f| DiagnosticTest::from_field(f.key()).is_some())
        .collect();
    if tests.is_empty() {
        return Vec::new();
    }
    if tests
        .iter()
        .any(|t| matches!(t.value(), Value::Test(TestResult::Fail { .. })))
    {
        return Vec::new();
    }
    let mut finding = Finding::new(
        &RULE,
        "Hybrid join has not happened yet, and nothing in the output has failed",
    )
    .explain(
        "The device is domain joined but not Entra joined, its pre-join tests pass and no \
         failed join attempt is recorded. Most likely the computer object has not been synced \
         to Entra ID yet (Entra Connect runs every 30 minutes by default, and only for the OUs \
         in its scope), or the device has not tried again since (it tries at sign-in, at \
         restart and from the Automatic-Device-Join task). The output cannot show which.",
    )
    .evidence_opt(ctx.field("Device State", "AzureAdJoined"))
    .evidence_opt(ctx.field("Device State", "DomainJoined"))
    .step(
        "Check that the computer's OU is in Entra Connect's sync scope and find the device in \
         the Entra admin center (a synced device that has not registered yet shows as Pending).",
        Some(sources::HYBRID),
    )
    .step(
        "After the next sync, restart the device or sign in again; to retry at once, run the \
         Automatic-Device-Join task (Task Scheduler > Microsoft > Windows > Workplace Join) as \
         an administrator.",
        Some(sources::CONNECT_SCHEDULER),
    )
    .cause("join:pending");
    for t in tests {
        finding = finding.evidence(&t);
    }
    alloc::vec![finding]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::table;

    const DOMAIN: &str =
        "| Device State |\nAzureAdJoined : NO\nEnterpriseJoined : NO\nDomainJoined : YES\n";
    const PASSING: &str = "| Diagnostic Data |\nAD Connectivity Test : PASS\nAD Configuration Test : PASS\nDRS Discovery Test : PASS\nDRS Connectivity Test : PASS\nToken acquisition Test : SKIPPED\n";

    #[test]
    fn pass_fail() {
        table(
            &RULE,
            &[
                // No diagnostics: nothing to go on.
                DOMAIN,
                // A failure has its own finding.
                &alloc::format!(
                    "{DOMAIN}| Diagnostic Data |\nAD Configuration Test : FAIL [0x80070002]\n"
                ),
                &alloc::format!(
                    "{DOMAIN}{PASSING}Previous Registration : 2024-01-01 00:00:00.000 UTC\nError Phase : join\nClient ErrorCode : 0x801c03f2\n"
                ),
                // Joined already.
                &alloc::format!(
                    "| Device State |\nAzureAdJoined : YES\nEnterpriseJoined : NO\nDomainJoined : YES\n{PASSING}"
                ),
            ],
            &[(
                &alloc::format!("{DOMAIN}{PASSING}"),
                Severity::Warning,
                "has not happened yet",
            )],
        );
    }
}
