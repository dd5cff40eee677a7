//! DSR012 `wam-default-error`: WamDefaultSet shows ERROR.

use alloc::vec::Vec;

use super::{Ctx, Finding, Rule, RunContext, Severity};
use crate::sources;
use crate::value::Value;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "DSR012",
    name: "wam-default-error",
    severity: Severity::Info,
    docs: docs! {
        checks: "Reports WamDefaultSet : ERROR (User State). Microsoft notes this value can \
                 appear when dsregcmd runs from an elevated prompt; it also appears when a tool \
                 runs it as SYSTEM. It is a warning when the output was clearly taken as a \
                 normal user.",
        matters: "The Web Account Manager default account is what apps use for silent \
                  sign-in. From an elevated or SYSTEM prompt the value cannot be read, so the \
                  User State and SSO State of such an output say nothing reliable about the \
                  user.",
        fix: "Run `dsregcmd /status` again from a normal (not elevated) prompt as the signed-in \
              user. If WamDefaultSet still shows ERROR there, the user's WAM state is damaged: \
              sign out and in, and check the AAD Operational event log.",
    },
    check,
};

fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let Some(wam) = ctx.field("User State", "WamDefaultSet") else {
        return Vec::new();
    };
    let Value::Error(code) = wam.value() else {
        return Vec::new();
    };
    // When the output shows who ran it, the run-context finding explains the ERROR.
    if !matches!(ctx.run, RunContext::User | RunContext::Unknown) {
        return Vec::new();
    }
    let mut finding = if ctx.run == RunContext::User {
        Finding::new(
            &RULE,
            "WamDefaultSet shows ERROR although the output was taken as a normal user",
        )
        .severity(Severity::Warning)
        .explain(
            "The Web Account Manager could not tell whether the user has a default work \
             account, even though the command ran unelevated. Apps that sign in silently \
             through WAM are likely to prompt.",
        )
        .step(
            "Have the user sign out and back in, then run dsregcmd /status again.",
            Some(sources::DSREGCMD),
        )
        .step(
            "If the error stays, look in the AAD Operational event log for WAM and token \
             broker errors.",
            Some(sources::PRT),
        )
    } else {
        Finding::new(
            &RULE,
            "WamDefaultSet shows ERROR, so the command probably ran elevated or as SYSTEM",
        )
        .explain(
            "Microsoft notes that WamDefaultSet can show ERROR when dsregcmd runs from an \
             elevated prompt; tools that run it as SYSTEM show the same. Read the User State \
             and SSO State of this output with care: they may not describe the user.",
        )
        .step(
            "Run dsregcmd /status again as the signed-in user from a normal (not elevated) \
             Command Prompt.",
            Some(sources::DSREGCMD),
        )
    };
    if let Some(code) = code {
        finding = finding.code(alloc::format!("{code}"));
    }
    // A ticket may quote the value twice: every ERROR is evidence.
    for other in ctx.doc.fields().filter(|f| {
        crate::text::key_eq(f.key(), "WamDefaultSet") && matches!(f.value(), Value::Error(_))
    }) {
        finding = finding.evidence(&other);
    }
    alloc::vec![
        finding
            .evidence(&wam)
            .run_evidence(ctx.run_evidence)
            .cause("run-context")
    ]
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
                "| User State |\nWamDefaultSet : YES\n",
                "| User State |\nWamDefaultSet : NO\n",
            ],
            &[
                (
                    "| User State |\nWamDefaultSet : ERROR\n",
                    Severity::Info,
                    "ran elevated",
                ),
                (
                    "| User State |\nWamDefaultSet : ERROR 0xd000000d\n| Diagnostic Data |\nUser Context : UN-ELEVATED User\n",
                    Severity::Warning,
                    "normal user",
                ),
            ],
        );
    }
}
