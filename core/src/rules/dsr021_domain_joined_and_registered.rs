//! DSR021 `domain-joined-and-registered`: a domain joined device is also Entra registered
//! (WorkplaceJoined YES).

use alloc::vec::Vec;

use super::{Ctx, Docs, Finding, Rule, Severity};
use crate::JoinState;
use crate::sources;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "DSR021",
    name: "domain-joined-and-registered",
    severity: Severity::Warning,
    docs: Docs {
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
    let (title, explanation) = if hybrid {
        (
            "The hybrid joined device is also Entra registered",
            "The device is hybrid joined and a user has also registered it with a work account, \
             so Entra ID holds two device objects for one PC. Recent Windows versions remove \
             the registration by themselves after hybrid join; if it stays, Conditional Access \
             may evaluate the wrong object.",
        )
    } else {
        (
            "The domain joined device is Entra registered instead of hybrid joined",
            "The device belongs to the domain but is not hybrid joined, while a user has \
             registered it with a work account. Access then relies on the personal-style \
             registration, and once hybrid join works the device will have two identities.",
        )
    };
    alloc::vec![
        Finding::new(&RULE, title)
            .explain(explanation)
            .evidence_opt(ctx.field("Device State", "DomainJoined"))
            .evidence_opt(ctx.field("Device State", "AzureAdJoined"))
            .evidence_opt(ctx.field("User State", "WorkplaceJoined"))
            .step(
                "Disconnect the work or school account that registered the device (Settings > \
                 Accounts > Access work or school).",
                Some(sources::HYBRID_PLAN),
            )
            .step(
                "Stop users registering domain joined devices with the policy \"Allow device \
                 to be registered\" off / BlockAADWorkplaceJoin = 1 \
                 (HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WorkplaceJoin).",
                Some(sources::HYBRID_PLAN),
            )
            .step(
                "Make sure hybrid join completes (see the join findings).",
                Some(sources::HYBRID),
            )
    ]
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
