//! DSR011 `cloud-kerberos`: the Cloud Kerberos tickets (OnPremTgt, CloudTgt) that Windows Hello
//! for Business cloud Kerberos trust and Entra Kerberos rely on.

use alloc::string::String;
use alloc::vec::Vec;

use super::{Ctx, Finding, Rule, Severity};
use crate::sources;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "DSR011",
    name: "cloud-kerberos",
    severity: Severity::Info,
    docs: docs! {
        checks: "Reads OnPremTgt and CloudTgt (SSO State, Windows 11 and later) on a joined \
                 device whose user has a PRT, and reports a ticket that is missing. It is a \
                 warning when the user already has Windows Hello (NgcSet YES) without a \
                 certificate enrollment authority, the set-up cloud Kerberos trust uses.",
        matters: "With cloud Kerberos trust, Entra ID hands out a partial Kerberos ticket \
                  (OnPremTgt) that the user exchanges with a domain controller to reach \
                  on-premises resources after a Windows Hello sign-in; without it those \
                  resources prompt or fail. CloudTgt serves Entra-integrated Kerberos resources \
                  such as Azure Files. Organisations not using these features have nothing to \
                  do.",
        fix: "If you rely on cloud Kerberos trust, create the Microsoft Entra Kerberos server \
              object in every domain users sign in to (Set-AzureADKerberosServer), make sure the \
              Windows Hello policy enables cloud Kerberos trust, then sign out and in.",
    },
    check,
};

fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    if !ctx.entra_joined() || !ctx.user_data() {
        return Vec::new();
    }
    if ctx.flag("SSO State", "AzureAdPrt").map(|f| f.0) != Some(true) {
        return Vec::new();
    }
    let onprem = ctx.flag("SSO State", "OnPremTgt");
    let cloud = ctx.flag("SSO State", "CloudTgt");
    let missing_onprem = onprem.as_ref().is_some_and(|f| !f.0);
    let missing_cloud = cloud.as_ref().is_some_and(|f| !f.0);
    if !missing_onprem && !missing_cloud {
        return Vec::new();
    }
    let hello = ctx.flag("User State", "NgcSet").is_some_and(|f| f.0);
    let cert_trust = ctx
        .field("Ngc Prerequisite Check", "CertEnrollment")
        .is_some_and(|f| super::contains_ci(&f.raw(), "enrollment authority"));
    let title = match (missing_onprem, missing_cloud) {
        (true, true) => "The user has no Cloud Kerberos tickets (OnPremTgt and CloudTgt are NO)",
        (true, false) => "The user has no Cloud Kerberos ticket for on-premises resources",
        _ => "The user has no Cloud Kerberos ticket for cloud resources",
    };
    let mut explanation = String::new();
    if missing_onprem {
        explanation.push_str(
            "OnPremTgt NO: Entra ID did not hand out a partial Kerberos ticket for the \
             on-premises domain. That is expected unless the organisation uses Windows Hello \
             for Business cloud Kerberos trust (or Entra Kerberos for passwordless security \
             keys), which needs the Entra Kerberos server object in Active Directory. ",
        );
    }
    if missing_cloud {
        explanation.push_str(
            "CloudTgt NO: there is no ticket for Entra-integrated Kerberos resources such as \
             Azure Files; this only matters if you use them. ",
        );
    }
    let severity = if missing_onprem && hello && !cert_trust {
        explanation.push_str(
            "This user already signs in with Windows Hello without certificate trust, so if \
             the deployment is cloud Kerberos trust, on-premises resources will prompt or fail.",
        );
        Severity::Warning
    } else {
        Severity::Info
    };
    let mut finding = Finding::new(&RULE, title)
        .severity(severity)
        .explain(String::from(explanation.trim_end()))
        .step(
            "If you use cloud Kerberos trust, check the Entra Kerberos server object exists in \
             each user domain and the Windows Hello policy turns cloud Kerberos trust on.",
            Some(sources::WHFB_CLOUD_KERBEROS),
        )
        .step(
            "Sign out and in again, then check OnPremTgt and CloudTgt.",
            Some(sources::DSREGCMD),
        );
    for f in [onprem, cloud].into_iter().flatten() {
        finding = finding.evidence(&f.1);
    }
    alloc::vec![finding]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{HYBRID_JOINED as JOINED, table};

    #[test]
    fn pass_fail() {
        let f = |user: &str, sso: &str| {
            alloc::format!("{JOINED}| User State |\n{user}| SSO State |\nAzureAdPrt : YES\n{sso}")
        };
        table(
            &RULE,
            &[
                &f("NgcSet : YES\n", "OnPremTgt : YES\nCloudTgt : YES\n"),
                // Older Windows: no ticket fields at all.
                &f("NgcSet : YES\n", ""),
            ],
            &[
                (
                    &f("NgcSet : NO\n", "OnPremTgt : NO\nCloudTgt : YES\n"),
                    Severity::Info,
                    "on-premises",
                ),
                (
                    &f("NgcSet : YES\n", "OnPremTgt : NO\nCloudTgt : YES\n"),
                    Severity::Warning,
                    "on-premises",
                ),
            ],
        );
    }
}
