//! DSR024 `virtual-desktop-invalid`: the VDI metadata of Device State is present but invalid.

use alloc::vec::Vec;

use super::{Ctx, Finding, Rule, Severity, contains_ci};
use crate::sources;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "DSR024",
    name: "virtual-desktop-invalid",
    severity: Severity::Warning,
    docs: docs! {
        checks: "Reports `Virtual Desktop : INVALID` in Device State: VDI metadata exists on the \
                 device but is not set correctly (dsregcmd then prints the faulty values).",
        matters: "Entra ID uses the VDI metadata to recognise persistent and non-persistent \
                  virtual desktops, for example to clean up non-persistent ones; wrong metadata \
                  can leave stale or duplicate device objects.",
        fix: "Have the VDI vendor's agent (or your image build) write valid metadata: provider, \
              persistent or non-persistent type, single or multi-user mode.",
    },
    check,
};

fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let Some(vdi) = ctx.field("Device State", "Virtual Desktop") else {
        return Vec::new();
    };
    if !contains_ci(&vdi.raw(), "INVALID") {
        return Vec::new();
    }
    let mut finding = Finding::new(&RULE, "The virtual desktop metadata is invalid")
        .explain(
            "The device carries VDI metadata, but it is not set correctly, so Entra ID cannot \
             rely on it to tell what kind of virtual desktop this is.",
        )
        .evidence(&vdi)
        .step(
            "Check the VDI provider, type (persistent or non-persistent) and user mode written \
             by the VDI agent or the image, and correct them.",
            Some(sources::VDI),
        );
    for key in ["Provider", "Type", "User mode", "Extensions"] {
        finding = finding.evidence_opt(ctx.field("Device State", key));
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
                "| Device State |\nVirtual Desktop : NOT SET\n",
                "| Device State |\nVirtual Desktop : YES\nProvider : Citrix\n",
            ],
            &[(
                "| Device State |\nVirtual Desktop : INVALID\nProvider : Citrix\n",
                Severity::Warning,
                "invalid",
            )],
        );
    }
}
