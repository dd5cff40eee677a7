//! DSR007 `prt-stale`: the PRT was last renewed more than four hours before the latest time in
//! the output.

use alloc::format;
use alloc::vec::Vec;

use super::{Ctx, Docs, Finding, Rule, Severity, duration, seconds_between, timestamp};
use crate::sources;

/// Windows renews a PRT in use about every four hours.
const STALE_SECONDS: i64 = 4 * 3_600;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "DSR007",
    name: "prt-stale",
    severity: Severity::Warning,
    docs: Docs {
        checks: "Compares AzureAdPrtUpdateTime with the latest other time the output records \
                 (Client Time, the Enterprise PRT update, a later failed PRT attempt, the last \
                 join attempt) and reports a gap of more than four hours.",
        matters: "Windows renews the PRT roughly every four hours while the user works. An older \
                  PRT means renewals are failing (network, proxy, password or device problems) \
                  and the PRT will eventually expire, taking single sign-on with it.",
        fix: "Lock and unlock with the password to force a renewal and check the time changes. \
              If it does not, follow the PRT diagnostics finding or the AAD Operational log. A \
              device that was asleep or offline catches up once it is online again.",
    },
    check,
};

fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    if !ctx.user_sections_valid() {
        return Vec::new();
    }
    let Some(update) = ctx.field("SSO State", "AzureAdPrtUpdateTime") else {
        return Vec::new();
    };
    let (Some(updated), Some(now)) = (timestamp(&update), ctx.now) else {
        return Vec::new();
    };
    let age = seconds_between(updated, now.time);
    if age <= STALE_SECONDS {
        return Vec::new();
    }
    alloc::vec![
        Finding::new(
            &RULE,
            format!(
                "The PRT was last renewed {} before the latest time in this output",
                duration(age)
            ),
        )
        .explain(format!(
            "AzureAdPrtUpdateTime is {updated}, but the output also records {} ({}). Windows \
             renews a PRT in use about every four hours, so renewals have been failing or the \
             device was offline in between.",
            now.time,
            now.field.key()
        ))
        .evidence(&update)
        .evidence(&now.field)
        .step(
            "Lock and unlock the session with the password, then check that AzureAdPrtUpdateTime \
             moves forward.",
            Some(sources::PRT_CONCEPT),
        )
        .step(
            "If it does not, use the PRT diagnostics in the SSO State or the AAD Operational \
             event log to find the failing request.",
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
        let sso = |update: &str, client: &str| {
            alloc::format!(
                "| SSO State |\nAzureAdPrt : YES\nAzureAdPrtUpdateTime : {update}\n| Diagnostic Data |\nClient Time : {client}\n"
            )
        };
        table(
            &RULE,
            &[
                &sso("2024-01-01 10:00:00.000 UTC", "2024-01-01 13:59:00.000 UTC"),
                // No other time to compare with.
                "| SSO State |\nAzureAdPrtUpdateTime : 2024-01-01 10:00:00.000 UTC\n",
                &alloc::format!(
                    "{}User Context : SYSTEM\n",
                    sso("2024-01-01 10:00:00.000 UTC", "2024-01-03 13:59:00.000 UTC")
                ),
            ],
            &[(
                &sso("2024-01-01 10:00:00.000 UTC", "2024-01-01 15:30:00.000 UTC"),
                Severity::Warning,
                "5 hours 30 minutes",
            )],
        );
    }
}
