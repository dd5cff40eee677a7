//! DSR019 `ngc-prerequisites`: each Windows Hello for Business prerequisite of the Ngc
//! Prerequisite Check that blocks provisioning.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::{Ctx, Docs, Finding, Rule, Severity, contains_ci};
use crate::model::FieldRef;
use crate::sources;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "DSR019",
    name: "ngc-prerequisites",
    severity: Severity::Warning,
    docs: Docs {
        checks: "When PreReqResult is not WillProvision and the user has no Windows Hello key \
                 yet (NgcSet is not YES), lists the prerequisites showing NO: IsDeviceJoined, \
                 IsUserAzureAD, PolicyEnabled, DeviceEligible, SessionIsNotRemote, and for \
                 certificate trust AdfsRefreshToken, AdfsRaIsReady, LogonCertTemplateReady and \
                 ScepReady. With the Windows Hello policy enabled, each blocker is its own \
                 warning (SessionIsNotRemote only information); with the policy off or absent, \
                 one informational finding says Windows Hello is simply not configured. On a \
                 device that is not joined to Entra ID every blocker is information only: the \
                 join is the problem to fix.",
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
    title: &'static str,
    why: &'static str,
    step: &'static str,
    link: &'static str,
}

const PREREQS: &[Prereq] = &[
    Prereq {
        key: "IsDeviceJoined",
        title: "Windows Hello is blocked because the device is not joined to Entra ID",
        why: "Windows Hello for Business needs an Entra joined or hybrid joined device.",
        step: "Complete Entra join or hybrid join first (see the join findings).",
        link: sources::WHFB_PLAN,
    },
    Prereq {
        key: "IsUserAzureAD",
        title: "Windows Hello is blocked because the signed-in user is not an Entra user",
        why: "The account that ran the command is not known to Entra ID (a local account, a \
              domain account that Entra Connect does not sync, or the SYSTEM account).",
        step: "Sign in with an account that exists in Entra ID (synced by Entra Connect for \
               hybrid devices) and check again in that user's session.",
        link: sources::WHFB_PLAN,
    },
    Prereq {
        key: "PolicyEnabled",
        title: "Windows Hello is blocked because the Windows Hello for Business policy is not enabled",
        why: "No Intune or Group Policy setting turns Windows Hello for Business on for this \
              device or user.",
        step: "Enable \"Use Windows Hello for Business\" through Intune or Group Policy for the \
               device or the user.",
        link: sources::WHFB_CONFIGURE,
    },
    Prereq {
        key: "DeviceEligible",
        title: "Windows Hello is blocked because the device does not meet the hardware requirement",
        why: "The device fails Windows Hello's hardware check; usually the policy requires a \
              TPM and none is available.",
        step: "Enable or add a TPM 2.0 (a virtual TPM on virtual machines), or relax the \"require \
               security device\" setting if software keys are acceptable.",
        link: sources::WHFB_CONFIGURE,
    },
    Prereq {
        key: "SessionIsNotRemote",
        title: "Windows Hello does not provision in this remote session",
        why: "The user is signed in over Remote Desktop; Windows Hello provisioning only starts \
              in a session at the device itself.",
        step: "Sign in at the device (not over Remote Desktop) to get the Windows Hello set-up.",
        link: sources::WHFB_PLAN,
    },
    Prereq {
        key: "AdfsRefreshToken",
        title: "Windows Hello certificate trust is blocked because no Enterprise PRT from AD FS",
        why: "Certificate trust enrollment goes through AD FS and needs the user's Enterprise \
              PRT.",
        step: "Fix the Enterprise PRT first (AD FS reachable, device written back), then sign \
               in again.",
        link: sources::WHFB_PLAN,
    },
    Prereq {
        key: "AdfsRaIsReady",
        title: "Windows Hello certificate trust is blocked because the AD FS registration authority is not ready",
        why: "AD FS does not advertise itself as a Windows Hello certificate registration \
              authority, or the enrollment template is not available.",
        step: "Configure AD FS as the certificate registration authority for Windows Hello and \
               publish the enrollment agent and logon templates.",
        link: sources::WHFB_PLAN,
    },
    Prereq {
        key: "LogonCertTemplateReady",
        title: "Windows Hello certificate trust is blocked because the logon certificate template is not ready",
        why: "The certificate template Windows Hello enrolls against is missing or not valid.",
        step: "Check the Windows Hello logon certificate template on the certification authority \
               and the AD FS registration authority settings.",
        link: sources::WHFB_PLAN,
    },
    Prereq {
        key: "ScepReady",
        title: "Windows Hello certificate enrollment through MDM is not ready",
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
    let blockers: Vec<(&Prereq, FieldRef<'_>)> = PREREQS
        .iter()
        .filter_map(|p| {
            let f = ngc(ctx, p.key)?;
            (f.value().as_bool() == Some(false)).then_some((p, f))
        })
        .collect();
    let policy = ngc(ctx, "PolicyEnabled").and_then(|f| f.value().as_bool());
    if policy != Some(true) {
        let mut names = String::new();
        for (p, _) in &blockers {
            if p.key == "PolicyEnabled" {
                continue;
            }
            if !names.is_empty() {
                names.push_str(", ");
            }
            names.push_str(p.key);
        }
        let others = if names.is_empty() {
            String::new()
        } else {
            format!(" Other prerequisites showing NO: {names}.")
        };
        let mut finding = Finding::new(
            &RULE,
            "Windows Hello for Business is not enabled for this device",
        )
        .severity(Severity::Info)
        .explain(format!(
            "PreReqResult is {result_text} and the Windows Hello for Business policy is not \
                 turned on (PolicyEnabled is not YES), so Windows Hello will not provision. \
                 Nothing to do unless you want Windows Hello for Business here.{others}"
        ))
        .evidence(&result)
        .step(
            "If Windows Hello for Business is wanted, enable it through Intune or Group \
                 Policy and make sure the other prerequisites are met.",
            Some(sources::WHFB_CONFIGURE),
        );
        if let Some(p) = ngc(ctx, "PolicyEnabled") {
            finding = finding.evidence(&p);
        }
        for (_, f) in &blockers {
            finding = finding.evidence(f);
        }
        return alloc::vec![finding];
    }
    // A device not joined to Entra ID cannot provision at all: the join is the thing to fix.
    let unjoined = !ctx.entra_joined()
        && !matches!(
            ctx.join.state,
            crate::JoinState::Unknown | crate::JoinState::Inconsistent
        );
    let tpm = ctx.flag("Device Details", "TpmProtected").filter(|f| !f.0);
    let mut found = Vec::new();
    for (p, f) in blockers {
        let mut why = String::from(p.why);
        if p.key == "DeviceEligible" && tpm.is_some() {
            why.push_str(
                " The device key is not TPM protected either (TpmProtected NO), which fits.",
            );
        }
        if unjoined {
            why.push_str(" The device is not joined to Entra ID, so fix the join first.");
        }
        if p.key == "IsUserAzureAD" && !ctx.user_sections_valid() {
            why.push_str(" Here the command ran as SYSTEM, which explains it.");
        }
        let severity = if unjoined
            || p.key == "SessionIsNotRemote"
            || (p.key == "IsUserAzureAD" && !ctx.user_sections_valid())
        {
            Severity::Info
        } else {
            Severity::Warning
        };
        found.push(
            Finding::new(&RULE, p.title)
                .severity(severity)
                .explain(format!(
                    "{why} PreReqResult is {result_text}, so Windows Hello for Business will \
                     not be set up at the next sign-in."
                ))
                .evidence(&f)
                .evidence(&result)
                .evidence_opt(tpm.filter(|_| p.key == "DeviceEligible").map(|t| t.1))
                .step(p.step, Some(p.link)),
        );
    }
    found
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
                    "remote session",
                ),
                (
                    &ngc(
                        "IsDeviceJoined : NO\nPolicyEnabled : NO\nPreReqResult : WillNotProvision\n",
                    ),
                    Severity::Info,
                    "not enabled",
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
        let found = run(
            &RULE,
            &ngc(
                "IsDeviceJoined : NO\nIsUserAzureAD : NO\nPolicyEnabled : YES\nDeviceEligible : NO\nPreReqResult : WillNotProvision\n",
            ),
        );
        assert_eq!(found.len(), 3);
    }
}
