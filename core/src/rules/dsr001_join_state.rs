//! DSR001 `join-state`: states how the device is joined, from the Device State flags and the
//! User State WorkplaceJoined flag.

use alloc::vec::Vec;

use super::{Ctx, Finding, Rule, Severity};
use crate::JoinState;
use crate::sources;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "DSR001",
    name: "join-state",
    severity: Severity::Info,
    docs: docs! {
        checks: "Reads AzureAdJoined, EnterpriseJoined and DomainJoined (Device State) and \
                 WorkplaceJoined (User State) and names the join state using the table of \
                 Microsoft's dsregcmd reference: Entra joined, hybrid joined, domain joined only, \
                 on-premises DRS joined, Entra registered only, or none of these.",
        matters: "Every other check depends on it: a PRT, a device certificate or the pre-join \
                  tests only mean something for some join states.",
        fix: "Nothing to fix by itself. If the state is not the one you planned (for example a \
              domain-joined PC that should be hybrid joined), look at the other findings for the \
              reason.",
    },
    check,
};

fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let (title, explanation) = match ctx.join.state {
        JoinState::EntraJoined => (
            "The device is Microsoft Entra joined",
            "The device is joined to Microsoft Entra ID only (no on-premises domain). Users \
             sign in with their Entra accounts and get a Primary Refresh Token at sign-in.",
        ),
        JoinState::HybridJoined => (
            "The device is Microsoft Entra hybrid joined",
            "The device is joined to the on-premises Active Directory domain and registered in \
             Microsoft Entra ID as the same device.",
        ),
        JoinState::DomainJoined => (
            "The device is domain joined but not joined to Microsoft Entra ID",
            "The device belongs to the on-premises domain only. If your organisation uses hybrid \
             join, this device has not completed it yet; the pre-join diagnostics (when \
             present) tell why.",
        ),
        JoinState::DrsJoined => (
            "The device is joined to an on-premises device registration service",
            "The device is domain joined and registered with an on-premises DRS (AD FS), not \
             with Microsoft Entra ID. Such devices get only an Enterprise PRT.",
        ),
        JoinState::Registered => (
            "The device is only Microsoft Entra registered",
            "A user added a work or school account to this device, which registered it in \
             Entra ID; the device itself is not joined. Device Details, Tenant Details and the \
             SSO State do not apply to registered-only devices.",
        ),
        JoinState::NotJoined => (
            "The device is neither joined nor registered",
            "Nothing ties this device to Microsoft Entra ID or to a domain.",
        ),
        JoinState::Inconsistent | JoinState::Unknown => return Vec::new(),
    };
    let mut finding = Finding::new(&RULE, title).explain(explanation).step(
        "Compare with the join type you planned for this device; the other findings explain any \
         gap.",
        Some(sources::DSREGCMD),
    );
    for key in ["AzureAdJoined", "EnterpriseJoined", "DomainJoined"] {
        finding = finding.evidence_opt(ctx.field("Device State", key));
    }
    if ctx.join.workplace_registered {
        finding = finding.evidence_opt(ctx.field("User State", "WorkplaceJoined"));
    }
    if finding.evidence.is_empty() {
        return Vec::new();
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
                "| Device State |\nAzureAdJoined : YES\nEnterpriseJoined : YES\nDomainJoined : NO\n",
                "| User State |\nNgcSet : NO\n",
            ],
            &[
                (
                    "| Device State |\nAzureAdJoined : YES\nEnterpriseJoined : NO\nDomainJoined : NO\n",
                    Severity::Info,
                    "Microsoft Entra joined",
                ),
                (
                    "| Device State |\nAzureAdJoined : YES\nEnterpriseJoined : NO\nDomainJoined : YES\n",
                    Severity::Info,
                    "hybrid joined",
                ),
                (
                    "| Device State |\nAzureAdJoined : NO\nEnterpriseJoined : NO\nDomainJoined : YES\n",
                    Severity::Info,
                    "domain joined but not",
                ),
                (
                    "| Device State |\nAzureAdJoined : NO\nEnterpriseJoined : NO\nDomainJoined : NO\n| User State |\nWorkplaceJoined : YES\n",
                    Severity::Info,
                    "only Microsoft Entra registered",
                ),
            ],
        );
    }
}
