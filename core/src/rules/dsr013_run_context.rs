//! DSR013 `run-context`: the output was taken as SYSTEM or from an elevated prompt, which
//! decides which sections can be trusted.

use alloc::vec::Vec;

use super::{Ctx, Finding, Rule, RunContext, RunEvidence, Severity};
use crate::sources;
use crate::value::Value;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "DSR013",
    name: "run-context",
    severity: Severity::Info,
    docs: docs! {
        checks: "Works out who ran the command, from evidence only: a machine account (`NAME$`) \
                 or `NT AUTHORITY\\SYSTEM` in `Executing Account Name`, or a tool's banner \
                 (\"Starting external process\"), prove SYSTEM; the `/debug` hint \"must run as \
                 non-elevated user\" or `User Context : ELEVATED User` prove elevation; \
                 `User Context : SYSTEM` alone, or a prompt in C:\\Windows\\system32, means \
                 elevated or SYSTEM (an elevated prompt prints SYSTEM too). It says which sections \
                 can be trusted for that context, and carries WamDefaultSet : ERROR when the \
                 context explains it.",
        matters: "User State, SSO State and the Windows Hello checks describe the account that \
                  ran the command. Taken by a tool as SYSTEM they describe no user at all; taken \
                  elevated, the WAM default account cannot be read and the account may be an \
                  admin's rather than the affected user's. Reading such an output as the user's \
                  leads to false alarms such as \"no PRT\" or \"user not in Entra ID\".",
        fix: "Take two outputs when troubleshooting: one from a normal (not elevated) prompt in \
              the affected user's session (user and SSO state), and one elevated (device \
              health and pre-join tests).",
    },
    check,
};

fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    if ctx.run_evidence.is_none() {
        return Vec::new();
    }
    // The user values this context leaves meaningless, when the output holds them.
    let wam = ctx
        .field("User State", "WamDefaultSet")
        .filter(|f| matches!(f.value(), Value::Error(_)));
    let user_values = ctx.has("User State") || ctx.has("SSO State");
    let rerun = "Run dsregcmd /status again in the affected user's own session, from a normal \
                 Command Prompt (not \"Run as administrator\"), for the user's PRT, single \
                 sign-on and Windows Hello state.";
    let finding = match ctx.run {
        RunContext::Tool => Finding::new(
            &RULE,
            "The output was captured by a tool running as SYSTEM, not by the signed-in user",
        )
        .severity(if user_values {
            Severity::Warning
        } else {
            Severity::Info
        })
        .explain(
            "Another program started dsregcmd (\"Starting external process\"), as \
             troubleshooters and agents do under the SYSTEM account. The device and join \
             values hold, but User State, SSO State and the Windows Hello prerequisites \
             describe no signed-in user: WamDefaultSet ERROR, AzureAdPrt NO and IsUserAzureAD NO \
             are what SYSTEM shows, not a problem of any user.",
        )
        .step(rerun, Some(sources::DSREGCMD)),
        RunContext::System => {
            Finding::new(&RULE, "The output was taken as SYSTEM, not as the user")
                .explain(
                    "The command ran as the computer's own account (a machine account or \
                 NT AUTHORITY\\SYSTEM runs it). The device and join diagnostics are valid and \
                 closest to what the real join does, but the User State, SSO State and the \
                 Windows Hello prerequisites describe no signed-in user.",
                )
                .step(rerun, Some(sources::DSREGCMD))
        }
        RunContext::Elevated => {
            let hint = matches!(ctx.run_evidence, Some(RunEvidence::Line { .. }));
            Finding::new(
                &RULE,
                "dsregcmd ran elevated, so the user and SSO values are not the user's",
            )
            .severity(if hint || wam.is_some() {
                Severity::Warning
            } else {
                Severity::Info
            })
            .explain(if hint {
                "dsregcmd itself says so: from an elevated prompt it cannot look up the Web \
                 Account Manager's default account (IsDefaultAccountSet fails with \
                 0xd000000d, \"must run as non-elevated user\"). The user and SSO state of this \
                 run are unreliable."
            } else {
                "From an elevated prompt the Web Account Manager's default account cannot be \
                 read (WamDefaultSet may show ERROR), and the elevated account may be an admin \
                 account rather than the affected user."
            })
            .step(rerun, Some(sources::DSREGCMD))
            .code(if hint { "0xd000000d" } else { "" })
        }
        RunContext::ElevatedOrSystem => Finding::new(
            &RULE,
            "The output was taken from an elevated prompt or as SYSTEM",
        )
        .severity(if wam.is_some() && user_values {
            Severity::Warning
        } else {
            Severity::Info
        })
        .explain(
            "The pre-join diagnostics ran in the SYSTEM context, which is what an elevated \
             prompt gives (the dsregcmd page recommends it for join troubleshooting), or the \
             command ran as SYSTEM. The device and join values hold; User State and SSO State \
             describe the account that opened the prompt, which may be an admin account \
             rather than the affected user.",
        )
        .step(rerun, Some(sources::DSREGCMD)),
        RunContext::User | RunContext::Unknown => return Vec::new(),
    };
    let mut finding = finding.run_evidence(ctx.run_evidence).cause("run-context");
    // Every WamDefaultSet ERROR this context explains (a ticket may quote it twice).
    if wam.is_some() {
        for f in ctx.doc.fields().filter(|f| {
            crate::text::key_eq(f.key(), "WamDefaultSet") && matches!(f.value(), Value::Error(_))
        }) {
            finding = finding.evidence(&f);
        }
    }
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
            &[
                "| Diagnostic Data |\nUser Context : UN-ELEVATED User\n",
                "| Diagnostic Data |\nExecuting Account Name : CONTOSO\\alice, alice@contoso.com\n",
                "PS C:\\Users\\alice> dsregcmd /status\n| User State |\nNgcSet : NO\n",
            ],
            &[
                (
                    "| Diagnostic Data |\nUser Context : SYSTEM\n",
                    Severity::Info,
                    "elevated prompt or as SYSTEM",
                ),
                (
                    "| Diagnostic Data |\nExecuting Account Name : FABRIK\\PC1$, PC1$@fabrik.local\n",
                    Severity::Info,
                    "taken as SYSTEM",
                ),
                (
                    "| Diagnostic Data |\nUser Context : ELEVATED User\n",
                    Severity::Info,
                    "ran elevated",
                ),
                (
                    "Starting external process: C:\\Windows\\system32\\dsregcmd.exe /status\n| User State |\nWamDefaultSet : ERROR\n",
                    Severity::Warning,
                    "captured by a tool running as SYSTEM",
                ),
                (
                    "dsregcmd::wmain logging initialized.\nERROR IsDefaultAccountSet (hint: must run as non-elevated user) 0xd000000d\n",
                    Severity::Warning,
                    "ran elevated",
                ),
                (
                    "C:\\WINDOWS\\system32>dsregcmd /status\n| User State |\nNgcSet : NO\n",
                    Severity::Info,
                    "elevated prompt or as SYSTEM",
                ),
                (
                    "| Diagnostic Data |\nUser Context : SYSTEM\n| User State |\nWamDefaultSet : ERROR\n",
                    Severity::Warning,
                    "elevated prompt or as SYSTEM",
                ),
            ],
        );
    }
}
