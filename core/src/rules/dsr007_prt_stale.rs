//! DSR007 `prt-stale`: the PRT was last renewed more than four hours before the latest time in
//! the output.

use alloc::format;
use alloc::vec::Vec;

use super::PRT_RENEWAL_SECONDS as STALE_SECONDS;
use super::{Ctx, Finding, Rule, Severity, duration, seconds_between, timestamp};
use crate::sources;

/// Half a PRT's 14-day life: an update older than this is worth acting on even with nothing
/// failing.
const LONG_SECONDS: i64 = 7 * 86_400;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "DSR007",
    name: "prt-stale",
    severity: Severity::Warning,
    docs: docs! {
        checks: "Compares AzureAdPrtUpdateTime with the latest other time the output records \
                 (Client Time, the Enterprise PRT update, a later failed PRT attempt, the last \
                 join attempt) and reports a gap of more than four hours: a warning when a \
                 failed PRT attempt is recorded after the update, or when the gap passes seven \
                 days (half a PRT's life); information otherwise.",
        matters: "Windows renews the PRT at sign-in and unlock (at most every four hours) and \
                  sometimes when apps ask for tokens, so a session that stayed unlocked shows \
                  an older time with nothing failing. With a failed attempt recorded, renewals \
                  are failing, and the PRT expires after 14 days without one.",
        fix: "Lock and unlock with the password to force a renewal and check the time changes. \
              If it does not, follow the PRT diagnostics finding or the AAD Operational log. A \
              device that was asleep or offline catches up once it is online again.",
    },
    check,
};

fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    if !ctx.user_data() {
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
    // A failed attempt after the update: renewals are failing, not just not asked for.
    let failed_since = ctx
        .field("SSO State", "Previous Prt Attempt")
        .and_then(|f| timestamp(&f))
        .is_some_and(|t| t > updated);
    let severity = if failed_since || age > LONG_SECONDS {
        Severity::Warning
    } else {
        Severity::Info
    };
    let reading = if failed_since {
        "A failed PRT attempt is recorded after it, so renewals are failing (see the PRT \
         diagnostics)."
    } else {
        "Windows renews the PRT at sign-in and unlock, at most every four hours, so a session \
         that stayed unlocked (or a device that was asleep) shows an older time with nothing \
         failing; no failed attempt is recorded since."
    };
    alloc::vec![
        Finding::new(
            &RULE,
            format!(
                "The PRT was last renewed {} before the latest time in this output",
                duration(age)
            ),
        )
        .severity(severity)
        .explain(format!(
            "AzureAdPrtUpdateTime is {updated}, but the output also records {} ({}). {reading}",
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
                // Captured by a tool as SYSTEM: no user's PRT.
                &alloc::format!(
                    "Starting external process: dsregcmd.exe /status\n{}",
                    sso("2024-01-01 10:00:00.000 UTC", "2024-01-03 13:59:00.000 UTC")
                ),
            ],
            &[
                // Nothing failing: the session may simply not have been locked since.
                (
                    &sso("2024-01-01 10:00:00.000 UTC", "2024-01-01 15:30:00.000 UTC"),
                    Severity::Info,
                    "5 hours 30 minutes",
                ),
                (
                    &sso("2024-01-01 10:00:00.000 UTC", "2024-01-09 10:00:00.000 UTC"),
                    Severity::Warning,
                    "8 days",
                ),
                (
                    "| SSO State |\nAzureAdPrt : YES\nAzureAdPrtUpdateTime : 2024-01-01 10:00:00.000 UTC\nRefreshPrtDiagnostics : PRESENT\nPrevious Prt Attempt : 2024-01-01 15:00:00.000 UTC\nAttempt Status : 0xc000006d\n| Diagnostic Data |\nClient Time : 2024-01-01 15:30:00.000 UTC\n",
                    Severity::Warning,
                    "5 hours 30 minutes",
                ),
            ],
        );
    }
}
