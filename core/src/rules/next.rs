//! Next checks: for each finding, the commands to run next (on the device, a domain controller
//! or in Entra ID) and what to read in their answer, from the checks of `core/data/checks.toml`.
//! One table, by rule and by what the finding found (its cause, its codes, the join state), so a
//! reviewer sees in one place which commands each situation gets.

use alloc::vec::Vec;

use super::{Ctx, Finding};
use crate::checks::{self, Check};
use crate::join::JoinState;

/// The checks for `finding`, best first (at most four).
pub(super) fn checks_for(ctx: &Ctx<'_>, finding: &Finding) -> Vec<&'static Check> {
    let has = |code: &str| finding.codes.iter().any(|c| c.eq_ignore_ascii_case(code));
    let entra_joined = ctx.join.state == JoinState::EntraJoined;
    let rejoin = if entra_joined {
        &checks::FORCERECOVERY_ENTRA_JOINED
    } else {
        &checks::LEAVE_HYBRID
    };
    let cause = finding.cause.as_deref().unwrap_or("");
    let title = finding.title.as_str();
    let found: &[&'static Check] = match finding.rule {
        "DSR003" if title.contains("could not run") => &[
            &checks::WINHTTP_PROXY,
            &checks::TEST_DEVREG_CONNECTIVITY,
            &checks::ENTRA_DEVICE_GRAPH,
        ],
        "DSR003" => {
            return alloc::vec![
                &checks::ENTRA_DEVICE_GRAPH,
                &checks::ENTRA_DEVICE_PORTAL,
                rejoin
            ];
        }
        "DSR004" if title.contains("not valid yet") => {
            &[&checks::TIME_STATUS, &checks::KLIST_USER_TGT]
        }
        "DSR004" => {
            return alloc::vec![
                &checks::DEVICE_CERT_MACHINE_STORE,
                &checks::TIME_STATUS,
                rejoin
            ];
        }
        "DSR005" => &[
            &checks::TPM_STATE,
            &checks::TPM_CONSOLE,
            &checks::TPM_EVENTS,
        ],
        "DSR006" => match cause {
            "upn-suffix" => &[
                &checks::USER_UPN,
                &checks::TENANT_DOMAINS,
                &checks::ENTRA_USER_SYNC,
            ],
            "not-entra-user" => &[&checks::USER_UPN, &checks::ENTRA_USER_SYNC],
            "run-context" => &[&checks::DSREGCMD_STATUS_DEBUG_USER],
            _ => &[
                &checks::REFRESH_PRT_AND_RECHECK,
                &checks::AAD_OPERATIONAL_ERRORS,
                &checks::DSREGCMD_STATUS_DEBUG_USER,
            ],
        },
        "DSR007" | "DSR008" => &[
            &checks::REFRESH_PRT_AND_RECHECK,
            &checks::AAD_OPERATIONAL_ERRORS,
        ],
        "DSR009" => &[
            &checks::ADFS_DEVICE_AUTHENTICATION,
            &checks::ADFS_WSTRUST_ENDPOINTS,
            &checks::ADFS_ADMIN_ERRORS,
            &checks::DEVICE_WRITEBACK_CONTAINER,
        ],
        "DSR010"
            if finding.codes.iter().any(|c| c.starts_with("MSIS")) || cause == "enterprise-prt" =>
        {
            &[
                &checks::ADFS_ADMIN_ERRORS,
                &checks::DEVICE_WRITEBACK_CONTAINER,
                &checks::ADFS_DEVICE_AUTHENTICATION,
            ]
        }
        "DSR010" if has("AADSTS90002") || has("AADSTS50034") => &[
            &checks::USER_UPN,
            &checks::TENANT_DOMAINS,
            &checks::ENTRA_USER_SYNC,
        ],
        "DSR010" if title.contains("could not be reached") => &[
            &checks::USER_PROXY,
            &checks::WINHTTP_PROXY,
            &checks::AAD_OPERATIONAL_ERRORS,
        ],
        "DSR010" => &[&checks::AAD_OPERATIONAL_ERRORS, &checks::ENTRA_USER_SYNC],
        "DSR011" => &[
            &checks::KLIST_CLOUD_DEBUG,
            &checks::ENTRA_KERBEROS_SERVER,
            &checks::NLTEST_KEYLIST_KDC,
        ],
        "DSR012" | "DSR013" => &[
            &checks::DSREGCMD_STATUS_DEBUG_USER,
            &checks::DSREGCMD_STATUS_ELEVATED,
        ],
        "DSR014" | "DSR015" | "DSR025" if cause == "join:pre-check" => &[
            &checks::NLTEST_DSGETDC,
            &checks::KLIST_COMPUTER_ACCOUNT,
            &checks::DSREGCMD_STATUS_ELEVATED,
        ],
        "DSR014" | "DSR015" if has("0x801c001d") || has("0x80070002") => &[
            &checks::READ_SCP_AS_DEVICE,
            &checks::READ_SCP,
            &checks::READ_SCP_CLIENT_REGISTRY,
        ],
        "DSR014" | "DSR015" | "DSR025" if cause == "join:discover" || finding.rule == "DSR025" => {
            &[
                &checks::WINHTTP_PROXY,
                &checks::TEST_DEVREG_CONNECTIVITY,
                &checks::USER_PROXY,
            ]
        }
        "DSR014" | "DSR015" if cause == "join:auth" => &[
            &checks::ADFS_WSTRUST_ENDPOINTS,
            &checks::ADFS_ADMIN_ERRORS,
            &checks::READ_FALLBACK_TO_SYNC_JOIN,
        ],
        "DSR014" if title.contains("deleted or disabled") => {
            return alloc::vec![
                &checks::ENTRA_DEVICE_GRAPH,
                &checks::AD_COMPUTER_USERCERTIFICATE,
                rejoin
            ];
        }
        "DSR014" if title.contains("not in Entra ID yet") => &[
            &checks::AD_COMPUTER_USERCERTIFICATE,
            &checks::ENTRA_CONNECT_SCHEDULER,
            &checks::ENTRA_CONNECT_SEARCH_CONNECTOR_SPACE,
        ],
        "DSR014" | "DSR015" => &[&checks::UDR_JOIN_EVENTS, &checks::DSREGCMD_STATUS_ELEVATED],
        "DSR016" => &[&checks::READ_FALLBACK_TO_SYNC_JOIN],
        "DSR017" | "DSR018" => &[
            &checks::TPM_STATE,
            &checks::DEVICE_CERT_MACHINE_STORE,
            &checks::TPM_EVENTS,
        ],
        "DSR019" | "DSR020" => &[
            &checks::WHFB_PROVISIONING_EVENTS,
            &checks::WHFB_POLICY_REGISTRY,
            &checks::WHFB_POLICY_INTUNE,
        ],
        "DSR021" => &[
            &checks::ENTRA_DEVICE_BY_NAME,
            &checks::READ_SCP_AS_DEVICE,
            &checks::JOIN_TASK_STATE,
        ],
        "DSR022" => &[&checks::MDM_USER_SCOPE],
        "DSR026" => &[
            &checks::JOIN_TASK_STATE,
            &checks::ENTRA_DEVICE_GRAPH,
            &checks::RUN_JOIN_TASK,
        ],
        _ => &[],
    };
    found.to_vec()
}
