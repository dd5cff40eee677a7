//! DSR002 `impossible-join-combination`: the Device State flags form a combination that
//! Microsoft's join table rules out.

use alloc::format;
use alloc::vec::Vec;

use super::{Ctx, Finding, Rule, Severity};
use crate::JoinState;
use crate::sources;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "DSR002",
    name: "impossible-join-combination",
    severity: Severity::Critical,
    docs: docs! {
        checks: "Flags Device State combinations that the dsregcmd reference does not allow: \
                 AzureAdJoined and EnterpriseJoined both YES (a device is never joined to both \
                 Entra ID and an on-premises DRS), or EnterpriseJoined YES without DomainJoined.",
        matters: "Windows itself never reports these states for a healthy device: either the \
                  registration state on the device is corrupt or the output was edited, and no \
                  other finding can be trusted until it is explained.",
        fix: "Run `dsregcmd /status` again on the device, as the signed-in user, and compare. If \
              it still shows the combination, remove the registration with `dsregcmd /leave` \
              from an elevated prompt, restart, and join the device again the way you intended.",
    },
    check,
};

fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    if ctx.join.state != JoinState::Inconsistent {
        return Vec::new();
    }
    let aad = ctx.flag("Device State", "AzureAdJoined");
    let ent = ctx.flag("Device State", "EnterpriseJoined");
    let dom = ctx.flag("Device State", "DomainJoined");
    let is = |f: &Option<(bool, crate::FieldRef<'_>)>| f.as_ref().is_some_and(|(b, _)| *b);
    let why = if is(&aad) && is(&ent) {
        "AzureAdJoined and EnterpriseJoined are both YES, but a device is joined either to \
         Microsoft Entra ID or to an on-premises DRS, never to both."
    } else if is(&ent) && !is(&dom) {
        "EnterpriseJoined is YES but DomainJoined is NO, while joining an on-premises DRS \
         requires the device to be domain joined first."
    } else {
        "These flags do not match any row of the join-state table."
    };
    let mut finding = Finding::new(&RULE, "The join flags contradict each other")
        .explain(format!(
            "{why} Either the device's registration state is damaged or the output was changed \
             after it was taken."
        ))
        .step(
            "Run dsregcmd /status again as the signed-in user and check the Device State \
             section is the same.",
            Some(sources::DSREGCMD),
        )
        .step(
            "If it is, run dsregcmd /leave from an elevated prompt, restart, and join the device \
             again the intended way (hybrid devices re-join by themselves at the next restart).",
            Some(sources::DSREGCMD),
        );
    for f in [aad, ent, dom].into_iter().flatten() {
        finding = finding.evidence(&f.1);
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
                "| Device State |\nAzureAdJoined : YES\nEnterpriseJoined : NO\nDomainJoined : YES\n",
                "| Device State |\nAzureAdJoined : NO\nEnterpriseJoined : YES\nDomainJoined : YES\n",
                "| Device State |\nAzureAdJoined : NO\n",
            ],
            &[
                (
                    "| Device State |\nAzureAdJoined : YES\nEnterpriseJoined : YES\nDomainJoined : YES\n",
                    Severity::Critical,
                    "contradict",
                ),
                (
                    "| Device State |\nAzureAdJoined : NO\nEnterpriseJoined : YES\nDomainJoined : NO\n",
                    Severity::Critical,
                    "contradict",
                ),
            ],
        );
        let found = crate::rules::testing::run(
            &RULE,
            "| Device State |\nAzureAdJoined : YES\nEnterpriseJoined : YES\nDomainJoined : NO\n",
        );
        assert!(found[0].explanation.contains("never to both"));
        assert_eq!(found[0].evidence.len(), 3);
    }
}
