//! DSR019 `ngc-prerequisites`: each Windows Hello for Business prerequisite of the Ngc
//! Prerequisite Check that blocks provisioning.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::{Ctx, Finding, Rule, Severity, contains_ci};
use crate::join::JoinState;
use crate::model::FieldRef;
use crate::sources;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "DSR019",
    name: "ngc-prerequisites",
    severity: Severity::Warning,
    docs: docs! {
        checks: "When PreReqResult is not WillProvision and the user has no Windows Hello key \
                 yet (NgcSet is not YES), explains why Windows Hello for Business will not \
                 provision in one finding naming every prerequisite showing NO: IsDeviceJoined, \
                 IsUserAzureAD (only when the user sections hold a user's data), PolicyEnabled, \
                 DeviceEligible, SessionIsNotRemote, AadRecoveryNeeded, and for certificate \
                 trust AdfsRefreshToken, AdfsRaIsReady, LogonCertTemplateReady and ScepReady. A \
                 warning when the policy is on (information when the only blocker is a remote \
                 session), and for a text that holds the prerequisites without the join state; \
                 information when the policy is off on a joined device (Windows Hello is simply \
                 not configured) or when the device is not joined (the join is what to fix).",
        matters: "Windows Hello for Business provisions at the next sign-in only when every \
                  prerequisite is met; the check names exactly which one is missing.",
        fix: "Fix the named prerequisite: join the device, sign in with an Entra-synced account, \
              enable the Windows Hello for Business policy (Intune or Group Policy), meet the \
              hardware requirement (usually a TPM), sign in at the console rather than over \
              Remote Desktop, and for certificate trust get the Enterprise PRT and the AD FS \
              registration authority ready.",
    },
    check,
};

struct Prereq {
    key: &'static str,
    /// Why it blocks, as a clause (`the device does not meet the hardware requirement`).
    reason: &'static str,
    why: &'static str,
    step: &'static str,
    link: &'static str,
}

const PREREQS: &[Prereq] = &[
    Prereq {
        key: "IsDeviceJoined",
        reason: "the device is not joined to Entra ID (IsDeviceJoined NO)",
        why: "Windows Hello for Business needs an Entra joined or hybrid joined device.",
        step: "Complete Entra join or hybrid join first (see the join findings).",
        link: sources::WHFB_PLAN,
    },
    Prereq {
        key: "IsUserAzureAD",
        reason: "the signed-in user is not an Entra user (IsUserAzureAD NO)",
        why: "The account that ran the command is not known to Entra ID (a local account, a \
              domain account that Entra Connect does not sync, or the SYSTEM account).",
        step: "Sign in with an account that exists in Entra ID (synced by Entra Connect for \
               hybrid devices) and check again in that user's session.",
        link: sources::WHFB_PLAN,
    },
    Prereq {
        key: "PolicyEnabled",
        reason: "the Windows Hello for Business policy is not applied (PolicyEnabled NO)",
        why: "No Intune or Group Policy setting turns Windows Hello for Business on for this \
              device or user.",
        step: "Enable \"Use Windows Hello for Business\" through Intune or Group Policy for the \
               device or the user.",
        link: sources::WHFB_CONFIGURE,
    },
    Prereq {
        key: "DeviceEligible",
        reason: "the device does not meet the hardware requirement (DeviceEligible NO)",
        why: "The device fails Windows Hello's hardware check; usually the policy requires a \
              TPM and none is available.",
        step: "Enable or add a TPM 2.0 (a virtual TPM on virtual machines), or relax the \"require \
               security device\" setting if software keys are acceptable.",
        link: sources::WHFB_CONFIGURE,
    },
    Prereq {
        key: "SessionIsNotRemote",
        reason: "the session is remote (SessionIsNotRemote NO)",
        why: "The user is signed in over Remote Desktop; Windows Hello provisioning only starts \
              in a session at the device itself.",
        step: "Sign in at the device (not over Remote Desktop) to get the Windows Hello set-up.",
        link: sources::WHFB_PLAN,
    },
    Prereq {
        key: "AdfsRefreshToken",
        reason: "the user has no Enterprise PRT from AD FS (AdfsRefreshToken NO)",
        why: "Certificate trust enrollment goes through AD FS and needs the user's Enterprise \
              PRT.",
        step: "Fix the Enterprise PRT first (AD FS reachable, device written back), then sign \
               in again.",
        link: sources::WHFB_PLAN,
    },
    Prereq {
        key: "AdfsRaIsReady",
        reason: "the AD FS registration authority is not ready (AdfsRaIsReady NO)",
        why: "AD FS does not advertise itself as a Windows Hello certificate registration \
              authority, or the enrollment template is not available.",
        step: "Configure AD FS as the certificate registration authority for Windows Hello and \
               publish the enrollment agent and logon templates.",
        link: sources::WHFB_PLAN,
    },
    Prereq {
        key: "LogonCertTemplateReady",
        reason: "the logon certificate template is not ready (LogonCertTemplateReady NO)",
        why: "The certificate template Windows Hello enrolls against is missing or not valid.",
        step: "Check the Windows Hello logon certificate template on the certification authority \
               and the AD FS registration authority settings.",
        link: sources::WHFB_PLAN,
    },
    Prereq {
        key: "ScepReady",
        reason: "the MDM certificate enrollment is not ready (ScepReady NO)",
        why: "Certificate enrollment is set to come from the MDM (SCEP), and that is not ready.",
        step: "Check the SCEP certificate profile for Windows Hello in the MDM.",
        link: sources::WHFB_CONFIGURE,
    },
];

fn ngc<'a>(ctx: &Ctx<'a>, key: &str) -> Option<FieldRef<'a>> {
    ctx.field("Ngc Prerequisite Check", key)
}

fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let Some(result) = ngc(ctx, "PreReqResult") else {
        return Vec::new();
    };
    let raw = result.raw();
    let result_text = raw.trim();
    if contains_ci(result_text, "WillProvision") && !contains_ci(result_text, "WillNotProvision") {
        return Vec::new();
    }
    if ctx.flag("User State", "NgcSet").is_some_and(|f| f.0) {
        return Vec::new();
    }
    // As SYSTEM or from a tool, IsUserAzureAD describes no user: not a blocker of anyone.
    let blockers: Vec<(&Prereq, FieldRef<'_>)> = PREREQS
        .iter()
        .filter(|p| p.key != "IsUserAzureAD" || ctx.user_data())
        .filter_map(|p| {
            let f = ngc(ctx, p.key)?;
            (f.value().as_bool() == Some(false)).then_some((p, f))
        })
        .collect();
    let recovery = ctx
        .flag("Ngc Prerequisite Check", "AadRecoveryNeeded")
        .filter(|(on, _)| *on)
        .map(|(_, f)| f);
    let policy = ngc(ctx, "PolicyEnabled");
    let policy_on = policy.and_then(|f| f.value().as_bool());
    let fragment = ctx.join.state == JoinState::Unknown;
    let unjoined = !ctx.entra_joined()
        && !matches!(ctx.join.state, JoinState::Unknown | JoinState::Inconsistent);
    let tpm = ctx.flag("Device Details", "TpmProtected").filter(|f| !f.0);

    let mut finding = Finding::new(&RULE, "").evidence(&result).cause("whfb");
    for (_, f) in &blockers {
        finding = finding.evidence(f);
    }
    finding = finding.evidence_opt(recovery).evidence_opt(policy);
    // What blocks it, in the order an admin fixes it.
    let mut reasons: Vec<&str> = blockers
        .iter()
        .filter(|(p, _)| p.key != "PolicyEnabled")
        .map(|(p, _)| p.reason)
        .collect();
    if recovery.is_some() {
        reasons.push("the device registration needs recovery first (AadRecoveryNeeded YES)");
    }
    if unjoined {
        let f = finding
            .title_set(
                "Windows Hello for Business cannot provision: the device is not joined to Entra ID",
            )
            .severity(Severity::Info)
            .explain(format!(
                "PreReqResult is {result_text}. Windows Hello for Business needs an Entra joined \
                 or hybrid joined device, and this one is {}: the join is the thing to fix if \
                 Windows Hello is wanted here.",
                ctx.join.state.describe()
            ))
            .step(
                "If Windows Hello for Business is wanted on this device, complete Entra join or \
                 hybrid join first (see the join findings).",
                Some(sources::WHFB_PLAN),
            );
        return alloc::vec![f];
    }
    if policy_on != Some(true) && !fragment {
        let others = if reasons.is_empty() {
            String::new()
        } else {
            format!(
                " It would also be blocked because {}.",
                super::words(&reasons)
            )
        };
        return alloc::vec![
            finding
                .title_set("Windows Hello for Business is not enabled for this device")
                .severity(Severity::Info)
                .explain(format!(
                    "PreReqResult is {result_text} and the Windows Hello for Business policy is \
                     not turned on (PolicyEnabled is not YES), so Windows Hello will not \
                     provision. Nothing to do unless you want Windows Hello for Business here.\
                     {others}"
                ))
                .step(
                    "If Windows Hello for Business is wanted, enable it through Intune or Group \
                     Policy and make sure the other prerequisites are met.",
                    Some(sources::WHFB_CONFIGURE),
                )
        ];
    }
    if policy_on != Some(true) {
        // A fragment of the prerequisites: the question is why Windows Hello does not set up.
        reasons.insert(
            0,
            "the Windows Hello for Business policy is not applied (PolicyEnabled NO)",
        );
    }
    if reasons.is_empty() {
        return Vec::new();
    }
    let only_remote = blockers.iter().all(|(p, _)| p.key == "SessionIsNotRemote")
        && recovery.is_none()
        && policy_on == Some(true);
    let mut why = String::new();
    for (p, _) in &blockers {
        if !why.is_empty() {
            why.push(' ');
        }
        why.push_str(p.why);
        if p.key == "DeviceEligible" && tpm.is_some() {
            why.push_str(
                " The device key is not TPM protected either (TpmProtected NO), which fits.",
            );
        }
    }
    let policy_note = if policy_on == Some(true) {
        "The Windows Hello for Business policy is on"
    } else {
        "This text shows the Windows Hello prerequisites only"
    };
    // A user who is not an Entra user is one cause with the missing PRT: that finding carries
    // this evidence.
    if policy_on == Some(true)
        && recovery.is_none()
        && blockers.len() == 1
        && blockers.iter().all(|(p, _)| p.key == "IsUserAzureAD")
    {
        finding = finding.supports("not-entra-user");
    }
    finding = finding
        .title_set(format!(
            "Windows Hello for Business will not provision: {}",
            super::words(&reasons)
        ))
        .severity(if only_remote {
            Severity::Info
        } else {
            Severity::Warning
        })
        .explain(format!(
            "{policy_note}, and PreReqResult is {result_text}, so Windows Hello for Business \
             will not be set up at the next sign-in. {why}"
        ))
        .evidence_opt(
            tpm.filter(|_| blockers.iter().any(|(p, _)| p.key == "DeviceEligible"))
                .map(|t| t.1),
        );
    for (p, _) in &blockers {
        finding = finding.step(p.step, Some(p.link));
    }
    if let Some(r) = recovery {
        finding = finding.evidence(&r).step(
            "Sign in again so Windows can recover the device registration, then check the \
             prerequisites again.",
            Some(sources::DSREGCMD),
        );
    }
    alloc::vec![finding]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{run, table};

    fn ngc(body: &str) -> String {
        alloc::format!("| Ngc Prerequisite Check |\n{body}")
    }

    #[test]
    fn pass_fail() {
        let joined =
            "| Device State |\nAzureAdJoined : YES\nEnterpriseJoined : NO\nDomainJoined : NO\n";
        table(
            &RULE,
            &[
                &ngc("IsDeviceJoined : YES\nPolicyEnabled : YES\nPreReqResult : WillProvision\n"),
                // Already provisioned.
                &alloc::format!(
                    "| User State |\nNgcSet : YES\n{}",
                    ngc(
                        "PolicyEnabled : YES\nDeviceEligible : NO\nPreReqResult : WillNotProvision\n"
                    )
                ),
            ],
            &[
                (
                    &ngc(
                        "PolicyEnabled : YES\nDeviceEligible : NO\nPreReqResult : WillNotProvision\n",
                    ),
                    Severity::Warning,
                    "hardware requirement",
                ),
                (
                    &ngc(
                        "PolicyEnabled : YES\nSessionIsNotRemote : NO\nPreReqResult : WillNotProvision\n",
                    ),
                    Severity::Info,
                    "session is remote",
                ),
                // A fragment of the prerequisites: why it does not provision.
                (
                    &ngc(
                        "IsUserAzureAD : NO\nPolicyEnabled : NO\nDeviceEligible : YES\nPreReqResult : WillNotProvision\n",
                    ),
                    Severity::Warning,
                    "policy is not applied (PolicyEnabled NO) and the signed-in user is not an Entra user",
                ),
                // A joined device without the policy: not configured.
                (
                    &alloc::format!(
                        "{joined}{}",
                        ngc(
                            "IsDeviceJoined : YES\nPolicyEnabled : NO\nPreReqResult : WillNotProvision\n"
                        )
                    ),
                    Severity::Info,
                    "not enabled",
                ),
                // A device that is not joined: the join is what to fix.
                (
                    &alloc::format!(
                        "| Device State |\nAzureAdJoined : NO\nEnterpriseJoined : NO\nDomainJoined : YES\n{}",
                        ngc(
                            "IsDeviceJoined : NO\nPolicyEnabled : YES\nPreReqResult : WillNotProvision\n"
                        )
                    ),
                    Severity::Info,
                    "not joined",
                ),
                (
                    &ngc(
                        "PolicyEnabled : YES\nCertEnrollment : enrollment authority\nAdfsRefreshToken : NO\nPreReqResult : WillNotProvision\n",
                    ),
                    Severity::Warning,
                    "Enterprise PRT",
                ),
            ],
        );
        // Every blocker in one finding.
        let found = run(
            &RULE,
            &ngc(
                "IsDeviceJoined : NO\nIsUserAzureAD : NO\nPolicyEnabled : YES\nDeviceEligible : NO\nPreReqResult : WillNotProvision\n",
            ),
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].evidence.len(), 5, "{:#?}", found[0]);
        // As SYSTEM, IsUserAzureAD describes no user.
        let found = run(
            &RULE,
            &alloc::format!(
                "Starting external process: dsregcmd.exe /status\n{}",
                ngc(
                    "IsUserAzureAD : NO\nPolicyEnabled : YES\nDeviceEligible : YES\nPreReqResult : WillNotProvision\n"
                )
            ),
        );
        assert!(found.is_empty(), "{found:#?}");
    }
}
