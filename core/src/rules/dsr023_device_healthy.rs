//! DSR023 `device-healthy`: a joined device whose registration, device authentication and PRT
//! all look right.

use alloc::string::String;
use alloc::vec::Vec;

use super::{Ctx, Finding, Rule, Severity, contains_ci};
use crate::sources;
use crate::value::{TestResult, Value};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "DSR023",
    name: "device-healthy",
    severity: Severity::Ok,
    docs: docs! {
        checks: "On an Entra joined or hybrid joined device, confirms what the output shows \
                 working: DeviceAuthStatus SUCCESS, KeySignTest PASSED and an Entra PRT for the \
                 user. It needs at least one of them and none of them failing. The engine drops \
                 this finding whenever another rule reports a warning or a critical problem.",
        matters: "A clear \"nothing wrong here\" saves hunting for a problem on a device that \
                  is fine, and points the investigation elsewhere (the app, the policy, the \
                  user).",
        fix: "Nothing to fix.",
    },
    check,
};

fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    if !ctx.entra_joined() {
        return Vec::new();
    }
    let mut good = Vec::new();
    let mut evidence = Vec::new();
    if let Some(auth) = ctx.field("Device Details", "DeviceAuthStatus") {
        if !contains_ci(&auth.raw(), "SUCCESS") {
            return Vec::new();
        }
        good.push("Entra ID accepts the device");
        evidence.push(auth);
    }
    if let Some(test) = ctx.field("Diagnostic Data", "KeySignTest") {
        if !matches!(test.value(), Value::Test(TestResult::Pass)) {
            return Vec::new();
        }
        good.push("its key signs");
        evidence.push(test);
    }
    if ctx.user_data()
        && let Some((prt, field)) = ctx.flag("SSO State", "AzureAdPrt")
    {
        if !prt {
            return Vec::new();
        }
        good.push("the user has a PRT");
        evidence.push(field);
    }
    if good.is_empty() {
        return Vec::new();
    }
    let mut list = String::new();
    for (i, g) in good.iter().enumerate() {
        if i > 0 {
            list.push_str(if i + 1 == good.len() { " and " } else { ", " });
        }
        list.push_str(g);
    }
    let mut finding = Finding::new(
        &RULE,
        alloc::format!("The device registration is healthy ({list})"),
    )
    .explain(
        "The checks this output allows all pass. If users still have sign-in problems, look \
             at the application, Conditional Access policies or the user account rather than \
             the device registration.",
    )
    .step("Nothing to fix on the device.", Some(sources::DSREGCMD));
    for f in &evidence {
        finding = finding.evidence(f);
    }
    alloc::vec![finding]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{ENTRA_JOINED as JOINED, table};

    #[test]
    fn pass_fail() {
        let f = |body: &str| alloc::format!("{JOINED}{body}");
        table(
            &RULE,
            &[
                &f(
                    "| Device Details |\nDeviceAuthStatus : FAILED. ERROR\n| SSO State |\nAzureAdPrt : YES\n",
                ),
                &f("| SSO State |\nAzureAdPrt : NO\n"),
                JOINED,
            ],
            &[(
                &f(
                    "| Device Details |\nDeviceAuthStatus : SUCCESS\n| SSO State |\nAzureAdPrt : YES\n",
                ),
                Severity::Ok,
                "healthy (Entra ID accepts the device and the user has a PRT)",
            )],
        );
    }
}
