//! Microsoft documentation the rules link to (https only, Microsoft Learn).

/// "Troubleshoot devices by using the dsregcmd command": the field reference.
pub(crate) const DSREGCMD: &str =
    "https://learn.microsoft.com/en-us/entra/identity/devices/troubleshoot-device-dsregcmd";
/// "Troubleshoot Microsoft Entra hybrid joined devices".
pub(crate) const HYBRID_TROUBLESHOOT: &str = "https://learn.microsoft.com/en-us/entra/identity/devices/troubleshoot-hybrid-join-windows-current";
/// "Configure Microsoft Entra hybrid join" (prerequisites, network, SCP through Entra Connect).
pub(crate) const HYBRID_CONFIGURE: &str =
    "https://learn.microsoft.com/en-us/entra/identity/devices/how-to-hybrid-join";
/// "Configure Microsoft Entra hybrid join manually" (SCP, federation claims).
pub(crate) const HYBRID_MANUAL: &str =
    "https://learn.microsoft.com/en-us/entra/identity/devices/hybrid-join-manual";
/// "Plan your Microsoft Entra hybrid join implementation" (registered state on hybrid devices).
pub(crate) const HYBRID_PLAN: &str =
    "https://learn.microsoft.com/en-us/entra/identity/devices/hybrid-join-plan";
/// "Understand Primary Refresh Token (PRT)".
pub(crate) const PRT_CONCEPT: &str =
    "https://learn.microsoft.com/en-us/entra/identity/devices/concept-primary-refresh-token";
/// "Troubleshoot primary refresh token (PRT) issues on Windows devices".
pub(crate) const PRT_TROUBLESHOOT: &str =
    "https://learn.microsoft.com/en-us/entra/identity/devices/troubleshoot-primary-refresh-token";
/// "Manage device identities" (enable, disable, delete devices).
pub(crate) const MANAGE_DEVICES: &str =
    "https://learn.microsoft.com/en-us/entra/identity/devices/manage-device-identities";
/// Microsoft Entra device management FAQ.
pub(crate) const DEVICE_FAQ: &str = "https://learn.microsoft.com/en-us/entra/identity/devices/faq";
/// Entra Connect: device writeback.
pub(crate) const DEVICE_WRITEBACK: &str = "https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/how-to-connect-device-writeback";
/// Entra Connect: sync scheduler (when the next sync runs, how to start one).
pub(crate) const CONNECT_SCHEDULER: &str = "https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/how-to-connect-sync-feature-scheduler";
/// Entra Connect: password hash synchronization.
pub(crate) const PASSWORD_HASH_SYNC: &str = "https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/how-to-connect-password-hash-synchronization";
/// Entra Connect: user principal names and routable UPN suffixes.
pub(crate) const UPN_PLANNING: &str = "https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/plan-connect-userprincipalname";
/// Entra sign-in error codes (AADSTS).
pub(crate) const AADSTS_CODES: &str =
    "https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes";
/// Windows Hello for Business: cloud Kerberos trust deployment.
pub(crate) const WHFB_CLOUD_KERBEROS: &str = "https://learn.microsoft.com/en-us/windows/security/identity-protection/hello-for-business/deploy/hybrid-cloud-kerberos-trust";
/// Windows Hello for Business: planning a deployment (trust and join types).
pub(crate) const WHFB_PLAN: &str = "https://learn.microsoft.com/en-us/windows/security/identity-protection/hello-for-business/deploy/";
/// Windows Hello for Business: configuration (policy through Intune or Group Policy).
pub(crate) const WHFB_CONFIGURE: &str = "https://learn.microsoft.com/en-us/windows/security/identity-protection/hello-for-business/configure";
/// Trusted Platform Module overview.
pub(crate) const TPM: &str = "https://learn.microsoft.com/en-us/windows/security/hardware-security/tpm/trusted-platform-module-overview";
/// Intune: Windows automatic enrollment.
pub(crate) const MDM_ENROLL: &str =
    "https://learn.microsoft.com/en-us/mem/intune/enrollment/windows-enroll";
/// Device identity and virtual desktop infrastructure.
pub(crate) const VDI: &str = "https://learn.microsoft.com/en-us/entra/identity/devices/howto-device-identity-virtual-desktop-infrastructure";
