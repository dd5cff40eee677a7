//! DSR008 `prt-expired`: the Entra PRT expired before the latest time in the output.

use alloc::format;
use alloc::vec::Vec;

use super::{Ctx, Finding, Rule, Severity, duration, seconds_between, timestamp};
use crate::sources;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "DSR008",
    name: "prt-expired",
    severity: Severity::Critical,
    docs: docs! {
        checks: "Compares AzureAdPrtExpiryTime with the latest time the output records as having \
                 happened.",
        matters: "An expired PRT gives no single sign-on: the user is prompted everywhere and \
                  device-based Conditional Access fails until a new PRT is issued.",
        fix: "Sign in again with the password (or lock and unlock) on a network that reaches \
              Entra ID; if no new PRT appears, follow the PRT diagnostics or the AAD \
              Operational log.",
    },
    check,
};

fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    if !ctx.user_data() {
        return Vec::new();
    }
    let Some(expiry) = ctx.field("SSO State", "AzureAdPrtExpiryTime") else {
        return Vec::new();
    };
    let (Some(expires), Some(now)) = (timestamp(&expiry), ctx.now) else {
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
                "The Entra PRT expired {} before this output was taken",
                duration(past)
            ),
        )
        .explain(format!(
            "AzureAdPrtExpiryTime is {expires}, earlier than {} ({}). The PRT was not renewed \
             in time, so the user has no working single sign-on token.",
            now.time,
            now.field.key()
        ))
        .evidence(&expiry)
        .evidence(&now.field)
        .step(
            "Have the user sign in again with the password while connected to the network.",
            Some(sources::PRT_CONCEPT),
        )
        .step(
            "If no new PRT appears, find the failing request in the PRT diagnostics or the AAD \
             Operational event log.",
            Some(sources::PRT),
        )
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::table;

    #[test]
    fn pass_fail() {
        let sso = |client: &str| {
            alloc::format!(
                "| SSO State |\nAzureAdPrt : YES\nAzureAdPrtUpdateTime : 2024-01-01 10:00:00.000 UTC\nAzureAdPrtExpiryTime : 2024-01-15 10:00:00.000 UTC\n| Diagnostic Data |\nClient Time : {client}\n"
            )
        };
        table(
            &RULE,
            &[
                &sso("2024-01-14 10:00:00.000 UTC"),
                "| SSO State |\nAzureAdPrtExpiryTime : 2024-01-15 10:00:00.000 UTC\n",
            ],
            &[(
                &sso("2024-01-16 10:00:00.000 UTC"),
                Severity::Critical,
                "expired 1 day",
            )],
        );
    }
}
