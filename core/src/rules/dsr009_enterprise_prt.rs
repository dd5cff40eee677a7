//! DSR009 `enterprise-prt`: what to expect from the Enterprise PRT (issued by AD FS) on
//! federated hybrid joined and on-premises DRS joined devices.

use alloc::format;
use alloc::vec::Vec;

use super::{
    Ctx, Finding, Rule, Severity, contains_ci, duration, is_url, seconds_between, timestamp,
};
use crate::JoinState;
use crate::sources;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "DSR009",
    name: "enterprise-prt",
    severity: Severity::Warning,
    docs: docs! {
        checks: "On a hybrid joined device that shows signs of AD FS federation (an \
                 EnterprisePrtAuthority URL, an AD FS endpoint in the PRT diagnostics, or \
                 Windows Hello certificate trust through an enrollment authority), reports \
                 EnterprisePrt NO or an expired Enterprise PRT. On an on-premises DRS joined \
                 device, where the Enterprise PRT is the only PRT, a missing one is critical. \
                 Skipped when the output was taken as SYSTEM.",
        matters: "AD FS issues the Enterprise PRT. Without it, single sign-on to applications \
                  federated through AD FS fails, and Windows Hello for Business certificate \
                  trust cannot enroll its certificate.",
        fix: "Check that AD FS is reachable from the device, that device authentication is \
              enabled in AD FS, and that the device object has been written back to Active \
              Directory (Entra Connect device writeback); then lock and unlock with the \
              password.",
    },
    check,
};

fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    if !ctx.user_data() {
        return Vec::new();
    }
    let drs = ctx.join.state == JoinState::DrsJoined;
    if !drs && ctx.join.state != JoinState::HybridJoined {
        return Vec::new();
    }
    let Some((present, eprt)) = ctx.flag("SSO State", "EnterprisePrt") else {
        return Vec::new();
    };
    let authority = ctx
        .field("SSO State", "EnterprisePrtAuthority")
        .filter(|f| is_url(f));
    let adfs_endpoint = ctx
        .doc
        .sections()
        .flat_map(|s| s.fields_named("Endpoint URI").collect::<Vec<_>>())
        .find(|f| contains_ci(&f.raw(), "/adfs/"));
    let cert_trust = ctx
        .field("Ngc Prerequisite Check", "CertEnrollment")
        .filter(|f| contains_ci(&f.raw(), "enrollment authority"));
    let federated = authority.is_some() || adfs_endpoint.is_some() || cert_trust.is_some();
    if !present {
        if !drs && !federated {
            return Vec::new();
        }
        let finding = if drs {
            Finding::new(
                &RULE,
                "The device has no Enterprise PRT, its only kind of PRT",
            )
            .severity(Severity::Critical)
            .explain(
                "The device is registered with an on-premises DRS (AD FS), so AD FS is the \
                     only source of a PRT. Without it the user has no single sign-on to \
                     applications behind AD FS.",
            )
        } else {
            Finding::new(&RULE, "The device has no Enterprise PRT from AD FS").explain(
                "The output shows the domain is federated with AD FS, where a hybrid joined \
                     device normally holds an Enterprise PRT next to the Entra PRT. Without it, \
                     single sign-on to applications federated through AD FS and Windows Hello \
                     for Business certificate trust enrollment fail.",
            )
        };
        return alloc::vec![
            finding
                .evidence(&eprt)
                .evidence_opt(authority)
                .evidence_opt(adfs_endpoint)
                .evidence_opt(cert_trust)
                .step(
                    "Check the device reaches the AD FS farm from the user's session and that \
                     AD FS has device authentication enabled.",
                    Some(sources::HYBRID_MANUAL),
                )
                .step(
                    "Make sure Entra Connect writes devices back to Active Directory, so AD FS \
                     knows this device.",
                    Some(sources::DEVICE_WRITEBACK),
                )
                .step(
                    "Lock and unlock with the password and check EnterprisePrt again.",
                    Some(sources::PRT_CONCEPT),
                )
                .supports("enterprise-prt")
        ];
    }
    let expiry = ctx.field("SSO State", "EnterprisePrtExpiryTime");
    let (Some(expiry), Some(now)) = (expiry, ctx.now) else {
        return Vec::new();
    };
    let Some(expires) = timestamp(&expiry) else {
        return Vec::new();
    };
    let past = seconds_between(expires, now.time);
    if past <= 0 {
        return Vec::new();
    }
    alloc::vec![
        Finding::new(
            &RULE,
            format!(
                "The Enterprise PRT expired {} before this output was taken",
                duration(past)
            ),
        )
        .explain(format!(
            "EnterprisePrtExpiryTime is {expires}, earlier than {} ({}). AD FS did not renew it, \
             so single sign-on to AD FS applications no longer works.",
            now.time,
            now.field.key()
        ))
        .evidence(&eprt)
        .evidence(&expiry)
        .evidence(&now.field)
        .step(
            "Check the device reaches AD FS, then lock and unlock with the password and check \
             the Enterprise PRT times again.",
            Some(sources::PRT_CONCEPT),
        )
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{HYBRID_JOINED as HYBRID, table};

    const DRS: &str =
        "| Device State |\nAzureAdJoined : NO\nEnterpriseJoined : YES\nDomainJoined : YES\n";

    #[test]
    fn pass_fail() {
        let f = |head: &str, sso: &str| alloc::format!("{head}| SSO State |\n{sso}");
        table(
            &RULE,
            &[
                // Managed (not federated) hybrid device: no Enterprise PRT expected.
                &f(
                    HYBRID,
                    "AzureAdPrt : YES\nEnterprisePrt : NO\nEnterprisePrtAuthority :\n",
                ),
                &f(
                    HYBRID,
                    "EnterprisePrt : YES\nEnterprisePrtUpdateTime : 2022-02-28 14:20:22.000 UTC\nEnterprisePrtExpiryTime : 2022-03-14 14:20:22.000 UTC\nEnterprisePrtAuthority : https://adfs.contoso.com:443/adfs\n",
                ),
            ],
            &[
                (
                    &f(
                        HYBRID,
                        "EnterprisePrt : NO\nEnterprisePrtAuthority : https://adfs.contoso.com:443/adfs\n",
                    ),
                    Severity::Warning,
                    "no Enterprise PRT",
                ),
                (
                    &f(DRS, "EnterprisePrt : NO\n"),
                    Severity::Critical,
                    "only kind",
                ),
                (
                    &f(
                        HYBRID,
                        "EnterprisePrt : YES\nEnterprisePrtExpiryTime : 2022-03-14 14:20:22.000 UTC\nAzureAdPrtUpdateTime : 2022-03-20 14:20:22.000 UTC\n",
                    ),
                    Severity::Warning,
                    "expired 6 days",
                ),
            ],
        );
    }
}
