//! DSR013 `run-context`: the output was taken as SYSTEM or from an elevated prompt, which
//! decides which sections can be trusted.

use alloc::vec::Vec;

use super::{Ctx, Docs, Finding, Rule, RunContext, Severity};
use crate::sources;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "DSR013",
    name: "run-context",
    severity: Severity::Info,
    docs: Docs {
        checks: "Works out who ran the command from `User Context` (Diagnostic Data) and \
                 `Executing Account Name` (a machine account ends with `$`), and says which \
                 sections are valid for that context: User State, SSO State and the Windows \
                 Hello checks describe the user only in a user's session; the pre-join tests \
                 are closest to the real join as SYSTEM; KeySignTest needs elevation.",
        matters: "Reading a SYSTEM output as if it were the user's leads to false alarms such as \
                  \"no PRT\" or \"user not in Entra ID\".",
        fix: "Take two outputs when troubleshooting: one from a normal prompt as the signed-in \
              user (user and SSO state), and one elevated or as SYSTEM (device health and \
              pre-join tests).",
    },
    check,
};

fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let Some(evidence) = ctx.run_evidence else {
        return Vec::new();
    };
    let finding = match ctx.run {
        RunContext::System => {
            Finding::new(&RULE, "The output was taken as SYSTEM, not as the user")
                .explain(
                    "The command ran in the SYSTEM context (a machine account or User Context \
                 SYSTEM). The device and join diagnostics are valid and closest to what the \
                 real join does, but the User State, SSO State and the Windows Hello \
                 prerequisites describe no signed-in user: a missing PRT or IsUserAzureAD NO \
                 here is expected.",
                )
                .step(
                    "For the user's PRT, single sign-on and Windows Hello state, run dsregcmd \
                 /status from a normal prompt in the user's session.",
                    Some(sources::DSREGCMD),
                )
        }
        RunContext::ElevatedUser => Finding::new(
            &RULE,
            "The output was taken from an elevated prompt",
        )
        .explain(
            "Device health tests such as KeySignTest only run elevated, but some user values \
                 (WamDefaultSet) cannot be read there.",
        )
        .step(
            "Read the user's values from a second run in a normal, unelevated prompt.",
            Some(sources::DSREGCMD),
        ),
        RunContext::User | RunContext::Unknown => return Vec::new(),
    };
    alloc::vec![finding.evidence(&evidence)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::table;

    #[test]
    fn pass_fail() {
        table(
            &RULE,
            &[
                "| Diagnostic Data |\nUser Context : UN-ELEVATED User\n",
                "| Diagnostic Data |\nExecuting Account Name : CONTOSO\\alice, alice@contoso.com\n",
            ],
            &[
                (
                    "| Diagnostic Data |\nUser Context : SYSTEM\n",
                    Severity::Info,
                    "SYSTEM",
                ),
                (
                    "| Diagnostic Data |\nExecuting Account Name : FABRIK\\PC1$, PC1$@fabrik.local\n",
                    Severity::Info,
                    "SYSTEM",
                ),
                (
                    "| Diagnostic Data |\nUser Context : ELEVATED User\n",
                    Severity::Info,
                    "elevated",
                ),
            ],
        );
    }
}
