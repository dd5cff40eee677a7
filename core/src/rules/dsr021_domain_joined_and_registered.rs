//! DSR021 `domain-joined-and-registered`: a domain joined device is also Entra registered
//! (WorkplaceJoined YES).

use alloc::borrow::ToOwned;
use alloc::format;
use alloc::vec::Vec;

use super::{Ctx, Finding, Rule, Severity};
use crate::JoinState;
use crate::sources;
use crate::value::Value;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "DSR021",
    name: "domain-joined-and-registered",
    severity: Severity::Warning,
    docs: docs! {
        checks: "Reports a device that is domain joined (hybrid joined or not) while the user \
                 has also registered it in Entra ID (WorkplaceJoined YES in User State).",
        matters: "The device then has two identities in Entra ID. On a hybrid joined device the \
                  registration is redundant and can confuse Conditional Access; on a device \
                  that is only domain joined it usually means hybrid join is not working and \
                  users registered the device themselves.",
        fix: "Remove the work account registration (Settings > Accounts > Access work or \
              school), make hybrid join work, and block further registrations on domain joined \
              devices with the BlockAADWorkplaceJoin policy (HKLM\\SOFTWARE\\Policies\\Microsoft\\\
              Windows\\WorkplaceJoin).",
    },
    check,
};

fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    if !ctx.join.workplace_registered {
        return Vec::new();
    }
    let hybrid = match ctx.join.state {
        JoinState::HybridJoined => true,
        JoinState::DomainJoined => false,
        _ => return Vec::new(),
    };
    let tenant = ctx.field("Tenant Details", "TenantId");
    let workplace_tenant = ctx.field("User State", "WorkplaceTenantId");
    let other_tenant = match (tenant, workplace_tenant) {
        (Some(t), Some(w)) => {
            let (t, w) = (t.value(), w.value());
            matches!((&t, &w), (Value::Guid(a, _), Value::Guid(b, _)) if a != b)
        }
        _ => false,
    };
    let prt_missing = ctx
        .flag("SSO State", "AzureAdPrt")
        .filter(|(yes, _)| !yes && ctx.user_data())
        .map(|(_, f)| f);
    let (title, explanation, severity) = if other_tenant {
        (
            "A work account of another organisation is registered on this device",
            format!(
                "The device is {} and a user has registered it with a work account of another \
                 tenant ({}): that is a second organisation's registration, not a duplicate of \
                 this device. Nothing to fix unless that registration is unwanted.",
                ctx.join.state.describe(),
                ctx.field("User State", "WorkplaceTenantName")
                    .map(|f| f.raw().trim().to_owned())
                    .unwrap_or_else(|| "WorkplaceTenantId differs from TenantId".to_owned())
            ),
            Severity::Info,
        )
    } else if hybrid {
        (
            "The hybrid joined device is also Entra registered",
            "The device is hybrid joined and a user has also registered it with a work account, \
             so Entra ID holds two device objects for one PC. Windows 10 1803 (with KB4489894) \
             and later remove the registration after hybrid join, but only when that same \
             domain user signs in again; registrations added under local accounts stay. Until \
             then Conditional Access may evaluate the wrong object."
                .to_owned(),
            Severity::Warning,
        )
    } else {
        let prt = if prt_missing.is_some() {
            " The domain user has no Entra PRT from it (AzureAdPrt NO)."
        } else {
            ""
        };
        (
            "The domain joined device is Entra registered instead of hybrid joined",
            format!(
                "The device belongs to the domain but is not hybrid joined, while a user has \
                 registered it with a work account. Access then relies on the personal-style \
                 registration, and once hybrid join works the device will have two \
                 identities.{prt}"
            ),
            Severity::Warning,
        )
    };
    let mut finding = Finding::new(&RULE, title)
        .severity(severity)
        .explain(explanation)
        .evidence_opt(ctx.field("Device State", "DomainJoined"))
        .evidence_opt(ctx.field("Device State", "AzureAdJoined"))
        .evidence_opt(ctx.field("User State", "WorkplaceJoined"))
        .evidence_opt(prt_missing)
        .cause("registered-and-joined");
    if other_tenant {
        return alloc::vec![
            finding
                .evidence_opt(tenant)
                .evidence_opt(workplace_tenant)
                .step(
                    "If the registration is unwanted, disconnect that work or school account \
                     (Settings > Accounts > Access work or school).",
                    Some(sources::REGISTERED),
                )
        ];
    }
    finding = finding
        .step(
            "Disconnect the work or school account that registered the device (Settings > \
             Accounts > Access work or school).",
            Some(sources::HYBRID_PLAN),
        )
        .step(
            "Stop further registrations of domain joined devices with the registry value \
             BlockAADWorkplaceJoin (DWORD) = 1 under \
             HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WorkplaceJoin, for example set by \
             a Group Policy registry preference.",
            Some(sources::HYBRID_PLAN),
        );
    if !hybrid {
        finding = finding.step(
            "Make sure hybrid join completes (see the join findings).",
            Some(sources::HYBRID),
        );
    }
    alloc::vec![finding]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::table;

    #[test]
    fn pass_fail() {
        let f = |aad: &str, dom: &str, wpj: &str| {
            alloc::format!(
                "| Device State |\nAzureAdJoined : {aad}\nEnterpriseJoined : NO\nDomainJoined : {dom}\n| User State |\nWorkplaceJoined : {wpj}\n"
            )
        };
        table(
            &RULE,
            &[
                &f("YES", "YES", "NO"),
                &f("NO", "NO", "YES"),
                &f("YES", "NO", "YES"),
            ],
            &[
                (
                    &f("YES", "YES", "YES"),
                    Severity::Warning,
                    "also Entra registered",
                ),
                (
                    &f("NO", "YES", "YES"),
                    Severity::Warning,
                    "instead of hybrid joined",
                ),
            ],
        );
    }
}
