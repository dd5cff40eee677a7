//! DSR006 `prt-missing`: a joined device shows no Entra Primary Refresh Token for the user.

use alloc::vec::Vec;

use super::{Ctx, Docs, Finding, Rule, Severity};
use crate::catalog::BlockKind;
use crate::sources;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "DSR006",
    name: "prt-missing",
    severity: Severity::Critical,
    docs: Docs {
        checks: "On an Entra joined or hybrid joined device, reports AzureAdPrt NO when the \
                 output was taken as a user (not as SYSTEM, where no user PRT is ever shown).",
        matters: "The PRT is what gives the user single sign-on to Entra-protected apps and \
                  satisfies device-based Conditional Access. Without it users get prompts, \
                  blocked access, and Windows Hello provisioning does not start.",
        fix: "Read the AcquirePrtDiagnostics / RefreshPrtDiagnostics finding if there is one. \
              Otherwise lock and unlock the session (or sign out and in) with the password, \
              then check the AAD Operational event log for the error. A hybrid joined device \
              also needs its device registration to be complete (DeviceAuthStatus SUCCESS).",
    },
    check,
};

fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    if !ctx.entra_joined() || !ctx.user_sections_valid() {
        return Vec::new();
    }
    let Some((false, prt)) = ctx.flag("SSO State", "AzureAdPrt") else {
        return Vec::new();
    };
    let diagnosed = ctx.doc.sections().any(|s| {
        s.block(BlockKind::AcquirePrtDiagnostics).is_some()
            || s.block(BlockKind::RefreshPrtDiagnostics).is_some()
    });
    let why = if diagnosed {
        " The PRT diagnostics in the SSO State record why the last attempt failed (see the \
         PRT diagnostics finding)."
    } else {
        " The output carries no PRT diagnostics, so the reason has to come from the AAD \
         Operational event log."
    };
    alloc::vec![
        Finding::new(&RULE, "The signed-in user has no Entra PRT")
            .explain(alloc::format!(
                "The device is joined, yet no Primary Refresh Token is present for the user \
                 who ran the command. Without it the user gets no single sign-on and fails \
                 device-based Conditional Access.{why}"
            ))
            .evidence(&prt)
            .step(
                "Lock and unlock the session (or sign out and back in) using the password, then \
                 run dsregcmd /status again as the user.",
                Some(sources::PRT_CONCEPT),
            )
            .step(
                "If AzureAdPrt stays NO, read Applications and Services Logs > Microsoft > \
                 Windows > AAD > Operational for the error of the last attempt.",
                Some(sources::PRT),
            )
            .step(
                "Check the device can reach https://login.microsoftonline.com (and the AD FS \
                 server for federated domains) through the user's proxy.",
                Some(sources::PRT),
            )
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{ENTRA_JOINED as JOINED, table};

    #[test]
    fn pass_fail() {
        table(
            &RULE,
            &[
                &alloc::format!("{JOINED}| SSO State |\nAzureAdPrt : YES\n"),
                // Registered-only devices: the SSO State does not apply.
                "| Device State |\nAzureAdJoined : NO\nEnterpriseJoined : NO\nDomainJoined : NO\n| User State |\nWorkplaceJoined : YES\n| SSO State |\nAzureAdPrt : NO\n",
                // Run as SYSTEM: no user, so no user PRT.
                &alloc::format!(
                    "{JOINED}| SSO State |\nAzureAdPrt : NO\n| Diagnostic Data |\nUser Context : SYSTEM\n"
                ),
            ],
            &[(
                &alloc::format!("{JOINED}| SSO State |\nAzureAdPrt : NO\n"),
                Severity::Critical,
                "no Entra PRT",
            )],
        );
    }
}
