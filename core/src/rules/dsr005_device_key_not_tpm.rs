//! DSR005 `device-key-not-tpm`: the device's private key is kept in software, not in a TPM.

use alloc::format;
use alloc::vec::Vec;

use super::{Ctx, Finding, Rule, Severity};
use crate::sources;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "DSR005",
    name: "device-key-not-tpm",
    severity: Severity::Info,
    docs: docs! {
        checks: "Reads TpmProtected and KeyProvider in Device Details of a joined device: a key \
                 outside the TPM, and a key storage provider other than the Microsoft Platform \
                 Crypto Provider (TPM) or the Microsoft Software Key Storage Provider.",
        matters: "With TpmProtected NO the device key (and the keys protecting the PRT) live in \
                  software, where they can be copied off the device; a TPM keeps them bound to \
                  the hardware. It is normal on virtual machines without a virtual TPM, and on \
                  devices whose TPM failed at join time.",
        fix: "If the device has a TPM 2.0, make sure it is enabled and ready (tpm.msc or \
              Get-Tpm). The existing key does not move into the TPM by itself: register the \
              device again after fixing the TPM.",
    },
    check,
};

fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    if !ctx.entra_joined() {
        return Vec::new();
    }
    let provider = ctx.field("Device Details", "KeyProvider");
    let known = |p: &str| {
        [
            "Microsoft Platform Crypto Provider",
            "Microsoft Software Key Storage Provider",
        ]
        .iter()
        .any(|k| super::contains_ci(p, k))
    };
    if let Some(p) = provider.filter(|p| !p.raw().trim().is_empty() && !known(&p.raw())) {
        return alloc::vec![
            Finding::new(
                &RULE,
                "The device key is held by an unexpected key storage provider"
            )
            .explain(format!(
                "KeyProvider is {}, neither the Microsoft Platform Crypto Provider (the TPM) \
                     nor the Microsoft Software Key Storage Provider that Windows uses for device \
                     keys. A third-party or smart-card provider holding the device key is \
                     unusual and worth checking.",
                p.raw().trim()
            ))
            .evidence(&p)
            .evidence_opt(ctx.field("Device Details", "TpmProtected"))
            .step(
                "Check which software installed that key storage provider, and whether the \
                     device should be registered again with the default provider.",
                Some(sources::DSREGCMD),
            )
        ];
    }
    let Some((false, tpm)) = ctx.flag("Device Details", "TpmProtected") else {
        return Vec::new();
    };
    let stored = provider
        .map(|p| format!(" by the {}", p.raw().trim()))
        .unwrap_or_default();
    alloc::vec![
        Finding::new(&RULE, "The device key is not protected by a TPM")
            .explain(format!(
                "The device's private key is stored{stored} rather than in a Trusted Platform \
                 Module, so it is not bound to this hardware. That is expected on a virtual \
                 machine without a virtual TPM; on physical hardware it usually means the TPM \
                 is missing, disabled, or was not usable when the device joined."
            ))
            .evidence(&tpm)
            .evidence_opt(provider)
            .step(
                "If the device has a TPM 2.0, check it is on and ready (tpm.msc or Get-Tpm in \
                 PowerShell).",
                Some(sources::TPM),
            )
            .step(
                "After fixing the TPM, register the device again so a new key is created in it \
                 (hybrid: dsregcmd /leave from an elevated prompt, then restart).",
                Some(sources::DSREGCMD),
            )
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::table;

    #[test]
    fn pass_fail() {
        let joined =
            "| Device State |\nAzureAdJoined : YES\nEnterpriseJoined : NO\nDomainJoined : NO\n";
        table(
            &RULE,
            &[
                &alloc::format!("{joined}| Device Details |\nTpmProtected : YES\n"),
                // A registered device's work account key is not the device key.
                "| Device State |\nAzureAdJoined : NO\nEnterpriseJoined : NO\nDomainJoined : NO\n| Work Account 1 |\nTpmProtected : NO\n",
            ],
            &[(
                &alloc::format!(
                    "{joined}| Device Details |\nKeyProvider : Microsoft Software Key Storage Provider\nTpmProtected : NO\n"
                ),
                Severity::Info,
                "not protected by a TPM",
            )],
        );
    }
}
