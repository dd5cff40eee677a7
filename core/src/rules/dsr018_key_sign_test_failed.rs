//! DSR018 `key-sign-test-failed`: the device key could not sign (KeySignTest FAILED).

use alloc::vec::Vec;

use super::{Ctx, Finding, Rule, Severity};
use crate::sources;
use crate::value::{TestResult, Value};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "DSR018",
    name: "key-sign-test-failed",
    severity: Severity::Critical,
    docs: docs! {
        checks: "Reports KeySignTest FAILED in the post-join Diagnostic Data (the test runs only \
                 from an elevated prompt).",
        matters: "The test signs with the device key; a failure means the key is damaged or \
                  unreachable (often a TPM problem), so the device cannot prove its identity. \
                  Windows usually marks such a device for recovery.",
        fix: "Sign in again to let recovery re-register the device (silently on hybrid joined \
              devices, with a prompt on Entra joined ones). Check the TPM (tpm.msc, Get-Tpm). If \
              it keeps failing, register the device again.",
    },
    check,
};

fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let Some(test) = ctx.field("Diagnostic Data", "KeySignTest") else {
        return Vec::new();
    };
    if !matches!(test.value(), Value::Test(TestResult::Fail { .. })) {
        return Vec::new();
    }
    let info = crate::codes::lookup("KeySignTest FAILED", crate::codes::Context::DeviceHealth);
    let mut finding = Finding::new(&RULE, "The device key failed the signing test")
        .explain(alloc::format!(
            "KeySignTest could not sign with the device's private key, so the device cannot \
             prove its identity to Entra ID.{}",
            info.map(|i| alloc::format!(" {}", i.meaning))
                .unwrap_or_default()
        ))
        .evidence(&test)
        .evidence_opt(ctx.field("Diagnostic Data", "AadRecoveryEnabled"))
        .evidence_opt(ctx.field("Device Details", "TpmProtected"))
        .step(
            "Sign out and in again so the recovery flow can register the device again.",
            Some(sources::DSREGCMD),
        )
        .step(
            "Check the TPM is healthy (tpm.msc or Get-Tpm) if the key is TPM protected.",
            Some(sources::TPM),
        )
        .step(
            "If the test still fails, register the device again (hybrid: dsregcmd /leave from \
             an elevated prompt, then restart).",
            Some(sources::DSREGCMD),
        );
    if let Some(i) = info {
        finding = finding.code(i.code);
    }
    alloc::vec![finding.cause("device-keys")]
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
                "| Diagnostic Data |\nKeySignTest : PASSED\n",
                "| Diagnostic Data |\nAadRecoveryEnabled : NO\n",
            ],
            &[(
                "| Diagnostic Data |\nKeySignTest : FAILED\n",
                Severity::Critical,
                "signing test",
            )],
        );
    }
}
