//! DSR003 `device-auth-failed`: DeviceAuthStatus says the device is disabled or deleted in
//! Entra ID, or that the health check could not run.

use alloc::format;
use alloc::vec::Vec;

use super::{Ctx, Finding, Rule, Severity, contains_ci};
use crate::sources;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "DSR003",
    name: "device-auth-failed",
    severity: Severity::Critical,
    docs: docs! {
        checks: "Reads DeviceAuthStatus (Device Details, Windows 10 21H1 and later). `FAILED. \
                 Device is either disabled or deleted` means Entra ID no longer accepts the \
                 device; `FAILED. ERROR` means the check itself could not run, usually for lack \
                 of network access as SYSTEM.",
        matters: "A disabled or deleted device cannot authenticate: the user gets no PRT, no \
                  single sign-on and fails every device-based Conditional Access policy. A check \
                  that could not run hides the device's real health.",
        fix: "Look the DeviceId up in the Microsoft Entra admin center. A disabled device is \
              enabled again there; a deleted device must register again (`dsregcmd /leave` \
              then a restart for hybrid joined devices, a new join for Entra joined ones). For \
              `FAILED. ERROR`, give the SYSTEM account a working route (proxy, firewall) to \
              Microsoft Entra ID and run the command again.",
    },
    check,
};

fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let Some(status) = ctx.field("Device Details", "DeviceAuthStatus") else {
        return Vec::new();
    };
    let raw = status.raw();
    let value = raw.trim();
    if !contains_ci(value, "FAIL") && !contains_ci(value, "ERROR") {
        return Vec::new();
    }
    let device_id = ctx.field("Device Details", "DeviceId");
    let id = device_id
        .map(|f| format!(" (DeviceId {})", f.raw().trim()))
        .unwrap_or_default();
    let finding = if contains_ci(value, "disabled") || contains_ci(value, "deleted") {
        Finding::new(
            &RULE,
            "The device is disabled or deleted in Microsoft Entra ID",
        )
        .explain(format!(
            "Entra ID refused the device's own authentication{id}: its object was disabled \
                 by an administrator or removed (for example by a stale-device clean-up). \
                 Until that is undone the device cannot get tokens, so single sign-on and \
                 device-based Conditional Access fail for every user of this device."
        ))
        .step(
            "Find the device by its DeviceId in the Microsoft Entra admin center (Devices > \
                 All devices) and check whether it is disabled or missing.",
            Some(sources::MANAGE_DEVICES),
        )
        .step(
            "If it is disabled and should not be, enable it; the device recovers at the next \
                 sign-in.",
            Some(sources::MANAGE_DEVICES),
        )
        .step(
            "If it was deleted, register the device again: for a hybrid joined device run \
                 dsregcmd /leave from an elevated prompt and restart so it joins again after \
                 the next Entra Connect sync; an Entra joined device has to be disconnected and \
                 joined again by an administrator.",
            Some(sources::DEVICE_FAQ),
        )
    } else {
        Finding::new(&RULE, "The device health check could not run")
            .severity(Severity::Warning)
            .explain(
                "DeviceAuthStatus reports that the test itself failed, so the output does not \
                 say whether Entra ID still accepts this device. The test talks to Entra ID as \
                 the SYSTEM account; it usually fails because SYSTEM has no route to the \
                 internet (a proxy that only the user's session knows about, or a firewall).",
            )
            .step(
                "Check that the device reaches https://login.microsoftonline.com and \
                 https://enterpriseregistration.windows.net in the SYSTEM context (for example \
                 through the WinHTTP proxy settings or WPAD).",
                Some(sources::HYBRID_CONFIGURE),
            )
            .step(
                "Run dsregcmd /status again once the device is online and read DeviceAuthStatus.",
                Some(sources::DSREGCMD),
            )
    };
    alloc::vec![
        finding
            .evidence(&status)
            .evidence_opt(device_id)
            .cause("device-auth")
    ]
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
                "| Device Details |\nDeviceAuthStatus : SUCCESS\n",
                "| Device Details |\nDeviceId : 00aa00aa-bb11-cc22-dd33-44ee44ee44ee\n",
            ],
            &[
                (
                    "| Device Details |\nDeviceAuthStatus : FAILED. Device is either disabled or deleted\n",
                    Severity::Critical,
                    "disabled or deleted",
                ),
                (
                    "| Device Details |\nDeviceAuthStatus : FAILED. ERROR\n",
                    Severity::Warning,
                    "could not run",
                ),
            ],
        );
    }
}
