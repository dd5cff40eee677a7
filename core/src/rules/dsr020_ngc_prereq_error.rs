//! DSR020 `ngc-prereq-error`: the Windows Hello prerequisite check itself reported an error.

use alloc::vec::Vec;

use super::{Ctx, Finding, Rule, Severity};
use crate::sources;
use crate::value::Value;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "DSR020",
    name: "ngc-prereq-error",
    severity: Severity::Warning,
    docs: docs! {
        checks: "Reports any field of the Ngc Prerequisite Check showing ERROR (for example \
                 `NgcPreReq : ERROR`), with its code when printed.",
        matters: "When the check fails, Windows cannot evaluate whether Windows Hello for \
                  Business may provision, and the other values of the section are not reliable.",
        fix: "Run `dsregcmd /status` again from a normal prompt in the user's session at the \
              device; if the error stays, read the User Device Registration and AAD event logs \
              for the code.",
    },
    check,
};

fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let Some(section) = ctx.doc.section("Ngc Prerequisite Check") else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for field in section.fields() {
        let Value::Error(code) = field.value() else {
            continue;
        };
        let mut finding = Finding::new(
            &RULE,
            alloc::format!("The Windows Hello prerequisite check failed ({} shows ERROR)", field.key().trim()),
        )
        .explain(match code {
            Some(c) => {
                let (meaning, _) = super::explain_code(&alloc::format!("{c}"), crate::codes::Context::WindowsHello);
                alloc::format!(
                    "Windows could not evaluate the Windows Hello for Business prerequisites. {meaning}"
                )
            }
            None => "Windows could not evaluate the Windows Hello for Business prerequisites, \
                     so this section does not say whether Windows Hello can provision."
                .into(),
        })
        .evidence(&field)
        .step(
            "Run dsregcmd /status again from a normal prompt in the user's session at the device.",
            Some(sources::DSREGCMD),
        )
        .step(
            "If the error stays, read the User Device Registration Admin log and the AAD \
             Operational log at the same time for the failing step.",
            Some(sources::WHFB_PLAN),
        );
        if let Some(c) = code {
            finding = finding.code(alloc::format!("{c}"));
        }
        found.push(finding);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::table;

    #[test]
    fn pass_fail() {
        table(
            &RULE,
            &["| Ngc Prerequisite Check |\nIsDeviceJoined : YES\nPreReqResult : WillProvision\n"],
            &[
                (
                    "| Ngc Prerequisite Check |\nNgcPreReq : ERROR\n",
                    Severity::Warning,
                    "NgcPreReq",
                ),
                (
                    "| Ngc Prerequisite Check |\nIsUserAzureAD : ERROR 0x80070005\n",
                    Severity::Warning,
                    "IsUserAzureAD",
                ),
            ],
        );
    }
}
