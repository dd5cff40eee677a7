//! DSR022 `mdm-urls-empty`: the MDM URLs of Tenant Details are empty.

use alloc::vec::Vec;

use super::{Ctx, Finding, Rule, Severity};
use crate::sources;
use crate::value::Value;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "DSR022",
    name: "mdm-urls-empty",
    severity: Severity::Info,
    docs: docs! {
        checks: "On a joined device, reports MdmUrl (Tenant Details) printed with no value.",
        matters: "Empty MDM URLs mean automatic MDM enrollment is not configured for the tenant, \
                  or the user is outside its scope; the device will not enroll into Intune by \
                  itself. URLs being present, on the other hand, do not prove the device is \
                  managed.",
        fix: "If devices should enroll automatically, configure the MDM user scope in the Entra \
              admin center (Mobility (MDM and WIP) / Intune automatic enrollment) and include \
              this user.",
    },
    check,
};

fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    if !ctx.entra_joined() {
        return Vec::new();
    }
    let Some(mdm) = ctx.field("Tenant Details", "MdmUrl") else {
        return Vec::new();
    };
    if mdm.value() != Value::Empty {
        return Vec::new();
    }
    alloc::vec![
        Finding::new(
            &RULE,
            "No MDM enrollment URLs: automatic Intune enrollment does not apply"
        )
        .explain(
            "The tenant returned no MDM URLs for this device and user: either automatic MDM \
                 enrollment is not configured, or the user is outside its scope. The device will \
                 not enroll into MDM on its own.",
        )
        .evidence(&mdm)
        .evidence_opt(ctx.field("Tenant Details", "MdmTouUrl"))
        .evidence_opt(ctx.field("Tenant Details", "MdmComplianceUrl"))
        .step(
            "If the device should be managed, set the MDM user scope for automatic \
                 enrollment (Intune) to include this user, then sign in again.",
            Some(sources::MDM_ENROLL),
        )
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{ENTRA_JOINED as JOINED, table};

    #[test]
    fn pass_fail() {
        table(
            &RULE,
            &[
                &alloc::format!(
                    "{JOINED}| Tenant Details |\nMdmUrl : https://enrollment.manage.microsoft.com/EnrollmentServer/Discovery.svc\n"
                ),
                "| Tenant Details |\nMdmUrl :\n",
            ],
            &[(
                &alloc::format!("{JOINED}| Tenant Details |\nMdmUrl :\nMdmTouUrl :\n"),
                Severity::Info,
                "No MDM",
            )],
        );
    }
}
