//! DSR016 `sync-join-fallback-disabled`: the FallbackToSyncJoin registry value turns off the
//! sync-join fallback of hybrid join.

use alloc::vec::Vec;

use super::{Ctx, Finding, Rule, Severity, contains_ci};
use crate::sources;
use crate::value::{TestResult, Value};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "DSR016",
    name: "sync-join-fallback-disabled",
    severity: Severity::Info,
    docs: docs! {
        checks: "Reads `Fallback to Sync-Join` (Diagnostic Data, Windows 10 1803 and later). \
                 DISABLED is a warning when the Token acquisition test failed or the last \
                 attempt failed in the auth phase, information otherwise.",
        matters: "When federated authentication fails, hybrid join normally retries as a sync \
                  join (using the computer object Entra Connect synchronised). With the \
                  fallback disabled, an AD FS problem blocks the join completely.",
        fix: "Fix the federation problem, or remove the FallbackToSyncJoin value (REG_DWORD \
              under HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\CDJ) or set it to 1 so \
              the device can fall back to sync join.",
    },
    check,
};

fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let Some(fallback) = ctx.field("Diagnostic Data", "Fallback to Sync-Join") else {
        return Vec::new();
    };
    if !contains_ci(&fallback.raw(), "DISABLED") {
        return Vec::new();
    }
    let token = ctx
        .field("Diagnostic Data", "Token acquisition Test")
        .filter(|f| matches!(f.value(), Value::Test(TestResult::Fail { .. })));
    let auth = ctx
        .field("Diagnostic Data", "Error Phase")
        .filter(|f| f.raw().trim().eq_ignore_ascii_case("auth"));
    let blocking = token.is_some() || auth.is_some();
    let finding = Finding::new(&RULE, "Fallback to sync join is disabled")
        .severity(if blocking {
            Severity::Warning
        } else {
            Severity::Info
        })
        .explain(if blocking {
            "Federated authentication is failing in this output and the sync-join fallback is \
             turned off, so the device cannot join by the other route either."
        } else {
            "If federated authentication ever fails, this device will not retry as a sync join; \
             the fallback is turned off by the FallbackToSyncJoin registry value."
        })
        .evidence(&fallback)
        .evidence_opt(token)
        .evidence_opt(auth)
        .step(
            "Unless you disabled it on purpose, delete the FallbackToSyncJoin value under \
             HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\CDJ or set it to 1.",
            Some(sources::DSREGCMD),
        );
    alloc::vec![finding]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::table;

    #[test]
    fn pass_fail() {
        table(
            &RULE,
            &["| Diagnostic Data |\nFallback to Sync-Join : ENABLED\n"],
            &[
                (
                    "| Diagnostic Data |\nFallback to Sync-Join : DISABLED\n",
                    Severity::Info,
                    "disabled",
                ),
                (
                    "| Diagnostic Data |\nToken acquisition Test : FAIL [0xcaa90014]\nFallback to Sync-Join : DISABLED\n",
                    Severity::Warning,
                    "disabled",
                ),
            ],
        );
    }
}
