//! DSR006 `prt-missing`: no Entra Primary Refresh Token for the user, explained by what the
//! output shows.

use alloc::format;
use alloc::vec::Vec;

use super::{Ctx, Finding, Rule, RunContext, Severity, non_routable};
use crate::catalog::BlockKind;
use crate::join::JoinState;
use crate::sources;
use crate::value::{TestResult, Value};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "DSR006",
    name: "prt-missing",
    severity: Severity::Critical,
    docs: docs! {
        checks: "Reports AzureAdPrt NO on an Entra joined or hybrid joined device, or in a \
                 fragment that does not show the join state, and explains it by what the output \
                 shows, in this order: a failed device authentication, unusable device keys \
                 (KeySignTest, AadRecoveryEnabled) or recorded PRT diagnostics (their own \
                 findings carry this evidence); the command ran elevated; the signed-in account \
                 is a local account or not known to Entra ID (IsUserAzureAD NO); the user's UPN \
                 ends in a suffix that is not routable (contoso.local); a device in the middle \
                 of hybrid join. Not reported when a tool or SYSTEM ran the command (no user, so \
                 no user PRT).",
        matters: "The PRT is what gives the user single sign-on to Entra-protected apps and \
                  satisfies device-based Conditional Access. Without it users get prompts, \
                  blocked access, and Windows Hello provisioning does not start.",
        fix: "Follow the cause named in the finding. Without one: lock and unlock the session \
              (or sign out and in) with the password, then read the AAD Operational event log \
              for the error of the last attempt.",
    },
    check,
};

fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    if !ctx.user_data() {
        return Vec::new();
    }
    let fragment = ctx.join.state == JoinState::Unknown;
    if !ctx.entra_joined() && !fragment {
        return Vec::new();
    }
    let Some((false, prt)) = ctx.flag("SSO State", "AzureAdPrt") else {
        return Vec::new();
    };
    let base = Finding::new(&RULE, "The signed-in user has no Entra PRT").evidence(&prt);
    // A cause another rule reports: one finding carries both.
    let auth_failed = ctx
        .field("Device Details", "DeviceAuthStatus")
        .filter(|f| super::contains_ci(&f.raw(), "FAIL"));
    if let Some(auth) = auth_failed {
        return alloc::vec![
            base.explain(
                "DeviceAuthStatus is not SUCCESS: the device itself cannot authenticate to \
                 Entra ID (or the check could not run), and while it cannot, no user on it gets \
                 a PRT."
            )
            .evidence(&auth)
            .supports("device-auth")
        ];
    }
    let keys = ctx
        .field("Diagnostic Data", "KeySignTest")
        .filter(|f| matches!(f.value(), Value::Test(TestResult::Fail { .. })))
        .or_else(|| {
            ctx.flag("Diagnostic Data", "AadRecoveryEnabled")
                .filter(|(on, _)| *on)
                .map(|(_, f)| f)
        });
    if let Some(keys) = keys {
        return alloc::vec![
            base.explain(
                "The device keys are unusable (KeySignTest or AadRecoveryEnabled), so the device \
                 cannot prove itself and no PRT is issued until it registers again."
            )
            .evidence(&keys)
            .supports("device-keys")
        ];
    }
    let diagnosed = ctx.doc.sections().any(|s| {
        s.blocks().any(|b| {
            matches!(
                b.kind(),
                BlockKind::AcquirePrtDiagnostics
                    | BlockKind::RefreshPrtDiagnostics
                    | BlockKind::PrtDiagnostics
            )
        })
    });
    if diagnosed {
        return alloc::vec![
            base.explain("The PRT diagnostics in this output record why the last attempt failed.")
                .supports("prt-attempt")
        ];
    }
    let not_entra_user = ctx
        .flag("Ngc Prerequisite Check", "IsUserAzureAD")
        .filter(|(yes, _)| !yes)
        .map(|(_, f)| f);
    let account = ctx.doc.find("Executing Account Name");
    let steps = |f: Finding| {
        f.step(
            "Lock and unlock the session (or sign out and back in) with the password, then run \
             dsregcmd /status again as the user, from a normal prompt.",
            Some(sources::PRT_CONCEPT),
        )
        .step(
            "If AzureAdPrt stays NO, read Applications and Services Logs > Microsoft > Windows > \
             AAD > Operational for the error of the last attempt (events 1098, 1081 and 1088).",
            Some(sources::PRT),
        )
    };
    let finding = if matches!(ctx.run, RunContext::Elevated | RunContext::ElevatedOrSystem) {
        base.title_set("The account that ran the elevated prompt has no Entra PRT")
            .severity(Severity::Warning)
            .explain(
                "The command ran from an elevated prompt (or as SYSTEM), and the SSO State \
                 describes the account that opened it, often an admin account that is not an \
                 Entra user. It says nothing reliable about the affected user's PRT.",
            )
            .run_evidence(ctx.run_evidence)
            .step(
                "Run dsregcmd /status in the affected user's own session from a normal \
                 (not elevated) prompt and read AzureAdPrt there.",
                Some(sources::DSREGCMD),
            )
            .supports("run-context")
    } else if ctx.local_account() || not_entra_user.is_some() {
        let who = if ctx.local_account() {
            "a local account of this computer"
        } else {
            "an account Entra ID does not know (IsUserAzureAD is NO)"
        };
        base.title_set("The signed-in user is not an Entra user, so there is no PRT to get")
            .severity(Severity::Warning)
            .explain(format!(
                "The account that ran the command is {who}. A Primary Refresh Token is issued \
                 only to accounts that exist in Entra ID (an Entra account on an Entra joined \
                 device, a synced domain account on a hybrid joined device), so single sign-on \
                 and Windows Hello for Business cannot work for this account."
            ))
            .evidence_opt(account)
            .evidence_opt(not_entra_user)
            .step(
                "Sign in with the user's work account (an Entra account, or for a hybrid \
                 joined device a domain account that Entra Connect synchronises) and check \
                 AzureAdPrt again in that session.",
                Some(sources::PRT_CONCEPT),
            )
            .cause("not-entra-user")
    } else if let Some(suffix) = ctx.account.upn_suffix().filter(|s| non_routable(s)) {
        base.explain(format!(
            "The user signs in as {}, whose suffix {suffix} is not routable, so it cannot be a \
             verified domain of the tenant: Entra ID cannot match the user name to the tenant \
             and issues no PRT.",
            ctx.account.upn.unwrap_or("")
        ))
        .evidence_opt(account)
        .step(
            "Give the user a UPN with a routable suffix that is verified in the tenant (add the \
             suffix in Active Directory Domains and Trusts, change the user's UPN, let Entra \
             Connect synchronise), then sign in again.",
            Some(sources::UPN_PLANNING),
        )
        .cause("upn-suffix")
    } else if fragment {
        steps(
            base.severity(Severity::Warning)
                .explain(
                    "AzureAdPrt is NO: the account that ran the command holds no Primary \
                     Refresh Token, so it gets no single sign-on to Entra-protected apps. \
                     This text does not show the device's join state, which decides whether \
                     a PRT is expected at all.",
                )
                .step(
                    "Paste the whole dsregcmd /status output (from the Device State box on) to \
                     see the join state and the reason.",
                    Some(sources::DSREGCMD),
                ),
        )
    } else {
        steps(base.explain(
            "The device is joined, yet no Primary Refresh Token is present for the user who ran \
             the command, and the output records no failed attempt that says why. Without it \
             the user gets no single sign-on and fails device-based Conditional Access.",
        ))
        .step(
            "Check the device can reach https://login.microsoftonline.com (and the AD FS \
             server for federated domains) through the user's proxy.",
            Some(sources::PRT),
        )
    };
    alloc::vec![finding]
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
