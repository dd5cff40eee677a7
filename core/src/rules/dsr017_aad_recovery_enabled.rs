//! DSR017 `aad-recovery-enabled`: the device is marked for recovery (AadRecoveryEnabled YES).

use alloc::vec::Vec;

use super::{Ctx, Finding, Rule, Severity};
use crate::JoinState;
use crate::sources;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "DSR017",
    name: "aad-recovery-enabled",
    severity: Severity::Warning,
    docs: docs! {
        checks: "Reports AadRecoveryEnabled : YES in the post-join Diagnostic Data.",
        matters: "YES means the keys stored on the device cannot be used any more and the \
                  device is marked for recovery: until the next sign-in re-registers it, device \
                  authentication and the PRT fail.",
        fix: "Have the user sign in again. A hybrid joined device recovers silently; an Entra \
              joined or registered device asks the user to authenticate. If the flag stays, \
              register the device again.",
    },
    check,
};

fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let Some((true, flag)) = ctx.flag("Diagnostic Data", "AadRecoveryEnabled") else {
        return Vec::new();
    };
    let how = if ctx.join.state == JoinState::HybridJoined {
        "On a hybrid joined device the recovery at the next sign-in is silent."
    } else {
        "The user will be asked to authenticate at the next sign-in so the device can \
         re-register."
    };
    alloc::vec![
        Finding::new(
            &RULE,
            "The device keys are unusable and the device is marked for recovery"
        )
        .explain(alloc::format!(
            "AadRecoveryEnabled is YES: the keys Windows keeps for this registration no \
                 longer work, so the device cannot authenticate until it registers again. {how}"
        ))
        .evidence(&flag)
        .evidence_opt(ctx.field("Diagnostic Data", "KeySignTest"))
        .step(
            "Have the user sign out and sign in again to start the recovery.",
            Some(sources::DSREGCMD),
        )
        .step(
            "If AadRecoveryEnabled is still YES afterwards, register the device again (hybrid: \
                 dsregcmd /leave from an elevated prompt and restart).",
            Some(sources::DSREGCMD),
        )
        .cause("device-keys")
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
            &["| Diagnostic Data |\nAadRecoveryEnabled : NO\n"],
            &[(
                "| Diagnostic Data |\nAadRecoveryEnabled : YES\n",
                Severity::Warning,
                "marked for recovery",
            )],
        );
    }
}
