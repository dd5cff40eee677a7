//! DSR004 `device-certificate-validity`: the device certificate has expired, expires soon, or
//! is not valid yet, measured against the latest time the output records.

use alloc::format;
use alloc::vec::Vec;

use super::{Ctx, Finding, Rule, Severity, duration, seconds_between};
use crate::sources;
use crate::value::{Timestamp, Validity, Value};

/// A certificate expiring within this many days is reported.
pub(crate) const SOON_DAYS: i64 = 30;
/// A validity shorter than this is not a real device certificate: the output was damaged.
const PLAUSIBLE_SECONDS: i64 = 86_400;
/// Clock differences below this are ignored for "not yet valid".
const SKEW_SECONDS: i64 = 300;

/// How a certificate's validity range reads against the output's own clock: the one reading
/// the rule and every report share, so a field shown as expired always has its finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// The range is shorter than a day: retyped or cut, not judged.
    Implausible,
    /// The output records no time to judge it against.
    Unjudged,
    /// Not valid yet, by more than the clock-skew tolerance: it starts this many seconds later.
    NotYetValid(i64),
    /// Expired this many seconds before the output's time.
    Expired(i64),
    /// Valid, expiring within 30 days: seconds left.
    ExpiresSoon(i64),
    /// Valid: seconds left.
    Valid(i64),
}

/// The [`Standing`] of `validity` as of `now` (the output's own clock, never the wall clock).
pub fn standing(validity: Validity, now: Option<Timestamp>) -> Standing {
    if seconds_between(validity.from, validity.to) < PLAUSIBLE_SECONDS {
        return Standing::Implausible;
    }
    let Some(now) = now else {
        return Standing::Unjudged;
    };
    let until_end = seconds_between(now, validity.to);
    let since_start = seconds_between(validity.from, now);
    if until_end < 0 {
        Standing::Expired(-until_end)
    } else if since_start < -SKEW_SECONDS {
        Standing::NotYetValid(-since_start)
    } else if until_end < SOON_DAYS * 86_400 {
        Standing::ExpiresSoon(until_end)
    } else {
        Standing::Valid(until_end)
    }
}

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "DSR004",
    name: "device-certificate-validity",
    severity: Severity::Critical,
    docs: docs! {
        checks: "Compares every DeviceCertificateValidity range (Device Details and each Work \
                 Account) with the latest moment the output records: Client Time, the PRT \
                 update times, the last PRT or join attempt. It reports a certificate that has \
                 expired, that expires within 30 days, or that is not valid yet. Never the wall \
                 clock: an old output is judged as of the time it was taken. A range shorter \
                 than a day is reported as damaged rather than judged.",
        matters: "The device proves its identity to Entra ID with this certificate. Once it has \
                  expired the device can no longer authenticate; a certificate that is not valid \
                  yet means the device clock is wrong, which breaks token requests too.",
        fix: "For an expired or expiring certificate, register the device again (hybrid: \
              `dsregcmd /leave` from an elevated prompt and a restart; Entra joined: disconnect \
              and join again; registered: remove and add the work account). For a certificate \
              that is not valid yet, fix the device's clock and time zone (w32tm) first.",
    },
    check,
};

fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let mut found = Vec::new();
    for section in ctx.doc.sections() {
        for field in section.fields_named("DeviceCertificateValidity") {
            let Value::Validity(validity) = field.value() else {
                continue;
            };
            let work_account = section.is_work_account();
            let which = if work_account {
                "The work account's registration certificate"
            } else {
                "The device certificate"
            };
            let state = standing(validity, ctx.now.map(|n| n.time));
            if state == Standing::Implausible {
                let span = seconds_between(validity.from, validity.to);
                found.push(
                    Finding::new(&RULE, format!("{which} has an implausible validity range"))
                        .severity(Severity::Info)
                        .explain(format!(
                            "The range printed covers only {} ({} to {}), while Entra ID issues \
                             device certificates for years. The value was most likely retyped \
                             or cut when the output was copied, so it is not judged here.",
                            duration(span),
                            validity.from,
                            validity.to
                        ))
                        .evidence(&field)
                        .step(
                            "Read DeviceCertificateValidity from a fresh dsregcmd /status on \
                             the device itself.",
                            Some(sources::DSREGCMD),
                        ),
                );
                continue;
            }
            let Some(now) = ctx.now else {
                continue;
            };
            let rejoin = if work_account {
                "Remove the work or school account (Settings > Accounts > Access work or school) \
                 and add it again to register the device with a new certificate."
            } else {
                "Register the device again to get a new certificate: for a hybrid joined device \
                 run dsregcmd /leave from an elevated prompt and restart; an Entra joined device \
                 has to be disconnected and joined again."
            };
            let finding = match state {
                Standing::Expired(ago) => Finding::new(
                    &RULE,
                    format!(
                        "{which} expired {} before this output was taken",
                        duration(ago)
                    ),
                )
                .severity(if work_account {
                    Severity::Warning
                } else {
                    Severity::Critical
                })
                .explain(format!(
                    "The certificate was valid until {}, and the output records {} ({}). An \
                     expired certificate cannot prove the device's identity, so device \
                     authentication and the PRT stop working.",
                    validity.to,
                    now.time,
                    now.field.key()
                ))
                .step(rejoin, Some(sources::DSREGCMD)),
                Standing::NotYetValid(starts_in) => Finding::new(
                    &RULE,
                    format!(
                        "{which} is not valid yet: it starts {} after the time in this output",
                        duration(starts_in)
                    ),
                )
                .severity(Severity::Warning)
                .explain(format!(
                    "The certificate becomes valid at {}, but the output records {} ({}). The \
                     device clock is probably wrong, and token requests fail when the clock is \
                     off by more than a few minutes.",
                    validity.from,
                    now.time,
                    now.field.key()
                ))
                .step(
                    "Check the device's date, time and time zone and resynchronise it (w32tm \
                     /resync); on a domain member make sure the domain time hierarchy works.",
                    None,
                )
                .step(
                    "Run dsregcmd /status again once the clock is right.",
                    Some(sources::DSREGCMD),
                ),
                Standing::ExpiresSoon(left) => Finding::new(
                    &RULE,
                    format!(
                        "{which} expires {} after this output was taken",
                        duration(left)
                    ),
                )
                .severity(Severity::Warning)
                .explain(format!(
                    "The certificate is valid until {}, less than {SOON_DAYS} days after the \
                     latest time in the output ({}, {}). Once it expires the device can no \
                     longer authenticate to Entra ID.",
                    validity.to,
                    now.time,
                    now.field.key()
                ))
                .step(rejoin, Some(sources::DSREGCMD)),
                Standing::Valid(_) | Standing::Implausible | Standing::Unjudged => continue,
            };
            found.push(finding.evidence(&field).evidence(&now.field));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::table;

    const CERT: &str = "| Device Details |\nDeviceCertificateValidity : [ 2019-01-11 21:02:50.000 UTC -- 2029-01-11 21:32:50.000 UTC ]\n";

    #[test]
    fn pass_fail() {
        let at = |t: &str| alloc::format!("{CERT}| Diagnostic Data |\nClient Time : {t}\n");
        let ok = at("2024-01-01 00:00:00.000 UTC");
        let expired = at("2029-02-11 21:32:50.000 UTC");
        let soon = at("2029-01-01 00:00:00.000 UTC");
        let early = at("2019-01-10 00:00:00.000 UTC");
        let work = "| Work Account 1 |\nDeviceCertificateValidity : [ 2019-01-11 21:02:50.000 UTC -- 2029-01-11 21:32:50.000 UTC ]\n| SSO State |\nAzureAdPrtUpdateTime : 2030-01-01 00:00:00.000 UTC\n";
        let damaged = "| Device Details |\nDeviceCertificateValidity : [ 2025-05-24 08:35:03.000 UTC - 2025-05-24 09:05:03.000 UTC ]\n";
        table(
            &RULE,
            // No reference time: nothing can be said.
            &[CERT, &ok],
            &[
                (&expired, Severity::Critical, "expired 31 days before"),
                (&soon, Severity::Warning, "expires 10 days"),
                (&early, Severity::Warning, "not valid yet"),
                (work, Severity::Warning, "work account"),
                (damaged, Severity::Info, "implausible"),
            ],
        );
        // The expiry time of a PRT is a prediction, not an observation.
        let future = alloc::format!(
            "{CERT}| SSO State |\nAzureAdPrtUpdateTime : 2024-01-01 00:00:00.000 UTC\nAzureAdPrtExpiryTime : 2030-01-01 00:00:00.000 UTC\n"
        );
        assert!(crate::rules::testing::run(&RULE, &future).is_empty());
    }
}
