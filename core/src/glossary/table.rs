//! The glossary tables: one entry per field (per section where the meaning differs) and one per
//! section title. Every sentence is our own; facts come from the cited Microsoft pages.

use super::{Entry, SectionInfo, ValueNote};

/// "Troubleshoot devices by using the dsregcmd command" (the seed document).
pub(crate) const DSREG: &str =
    "https://learn.microsoft.com/en-us/entra/identity/devices/troubleshoot-device-dsregcmd";
/// "Troubleshoot Microsoft Entra hybrid joined devices".
const HYBRID: &str = "https://learn.microsoft.com/en-us/entra/identity/devices/troubleshoot-hybrid-join-windows-current";
/// "Primary Refresh Token" concept page.
const PRT_CONCEPT: &str =
    "https://learn.microsoft.com/en-us/entra/identity/devices/concept-primary-refresh-token";
/// WinHTTP proxy auto-detection.
const WINHTTP_AUTOPROXY: &str =
    "https://learn.microsoft.com/en-us/windows/win32/winhttp/winhttp-autoproxy-support";
/// Microsoft Entra registered devices.
const REGISTERED: &str =
    "https://learn.microsoft.com/en-us/entra/identity/devices/concept-device-registration";

const DS: &str = "Device State";
const DD: &str = "Device Details";
const TD: &str = "Tenant Details";
const US: &str = "User State";
const SSO: &str = "SSO State";
const DIAG: &str = "Diagnostic Data";
const IEU: &str = "IE Proxy Config for Current User";
const IES: &str = "IE Proxy Config for System Account";
const WHP: &str = "WinHttp Default Proxy Config";
const URLP: &str = "URL Specific Proxy Config";
const NGC: &str = "Ngc Prerequisite Check";
const WA: &str = "Work Account";

/// Shorthand constructor; the builder methods below set the optional parts.
const fn f(
    key: &'static str,
    sections: &'static [&'static str],
    explanation: &'static str,
) -> Entry {
    Entry {
        key,
        aliases: &[],
        sections,
        explanation,
        values: &[],
        source: DSREG,
        documented: true,
    }
}

const fn v(value: &'static str, meaning: &'static str) -> ValueNote {
    ValueNote { value, meaning }
}

impl Entry {
    const fn aliases(mut self, aliases: &'static [&'static str]) -> Self {
        self.aliases = aliases;
        self
    }
    const fn values(mut self, values: &'static [ValueNote]) -> Self {
        self.values = values;
        self
    }
    const fn source(mut self, source: &'static str) -> Self {
        self.source = source;
        self
    }
    /// The field is not described by Microsoft; the explanation is inferred from its name and
    /// the values seen in real outputs.
    const fn undocumented(mut self) -> Self {
        self.documented = false;
        self
    }
}

const TEST_RESULT: &[ValueNote] = &[
    v("PASS", "the test succeeded"),
    v("FAIL", "the test failed; the code in brackets says why"),
    v("SKIPPED", "not run, usually because an earlier test failed"),
];
const TENANT: &[&str] = &[TD, DS];
const PRT_DIAG: &[&str] = &[SSO, US];
const PROXY: &[&str] = &[IEU, IES];
const VDI: &[&str] = &[DD, DS];

/// Every field entry.
pub(crate) const ENTRIES: &[Entry] = &[
    // ---- Device State ---------------------------------------------------------------------
    f(
        "AzureAdJoined",
        &[DS],
        "YES when the device is Microsoft Entra joined, or hybrid joined if DomainJoined is also \
         YES. NO means the device itself has no Entra join; a user may still have registered it \
         (see WorkplaceJoined).",
    ),
    f(
        "EnterpriseJoined",
        &[DS],
        "YES when the device is registered with an on-premises Device Registration Service \
         (AD FS). It can never be YES together with AzureAdJoined, and is rarely YES outside AD \
         FS-based deployments.",
    ),
    f(
        "DomainJoined",
        &[DS],
        "YES when the computer is joined to an Active Directory domain. Together with \
         AzureAdJoined YES it means Microsoft Entra hybrid joined.",
    ),
    f(
        "DomainName",
        &[DS],
        "The (NetBIOS) name of the Active Directory domain, shown only on domain-joined devices.",
    ),
    f(
        "Device Name",
        &[DS],
        "The computer's name, often its full DNS name, printed by newer Windows builds. It is \
         informational and helps match the output to a device record.",
    )
    .undocumented(),
    f(
        "Virtual Desktop",
        VDI,
        "Whether VDI metadata is set on the device: NOT SET means none, YES means it is present \
         (Provider, Type, User mode and Extensions follow), INVALID means it is present but \
         malformed and printed as found.",
    )
    .values(&[
        v(
            "NOT SET",
            "no VDI metadata; a normal physical or unmanaged virtual machine",
        ),
        v("YES", "VDI metadata present and valid"),
        v(
            "INVALID",
            "VDI metadata present but wrong; fix the VDI vendor configuration",
        ),
    ]),
    f(
        "Provider",
        VDI,
        "The VDI vendor named in the Virtual Desktop metadata.",
    ),
    f(
        "Type",
        VDI,
        "Whether the virtual desktop is persistent or non-persistent, from the VDI metadata.",
    ),
    f(
        "User mode",
        VDI,
        "Whether the virtual desktop serves a single user or multiple users.",
    ),
    f(
        "Extensions",
        VDI,
        "How many optional vendor-specific key/value pairs the VDI metadata carries; the pairs \
         are listed after it.",
    ),
    // ---- Device Details -------------------------------------------------------------------
    f(
        "DeviceId",
        &[DD, DS],
        "The device's object ID in the Entra tenant. Search for it in the Entra admin center to \
         see whether the device record exists and is enabled.",
    ),
    f(
        "Thumbprint",
        &[DD, DS],
        "Thumbprint of the device certificate, the credential the device uses to prove its \
         identity to Entra ID.",
    ),
    f(
        "DeviceCertificateValidity",
        &[DD],
        "The validity window (not before -- not after, UTC) of the device certificate. If the \
         current time lies outside it, the device can't authenticate and must be re-registered.",
    ),
    f(
        "DeviceCertificateValidity",
        &[WA],
        "The validity window (UTC) of the certificate issued when this work account registered \
         the device; outside it the registration stops working.",
    )
    .source(REGISTERED),
    f(
        "KeyContainerId",
        &[DD, WA, DS],
        "ID of the key container that holds the private key of the device (or registration) \
         certificate.",
    ),
    f(
        "KeyProvider",
        &[DD, WA, DS],
        "Key storage provider of that private key: Microsoft Platform Crypto Provider means the \
         TPM, Microsoft Software Key Storage Provider means a software key.",
    ),
    f(
        "TpmProtected",
        &[DD, DS],
        "YES when the device's private key is kept in a hardware TPM. NO means a software key, \
         which is easier to copy off the device.",
    ),
    f(
        "TpmProtected",
        &[WA],
        "YES when the private key of this work account's registration is kept in the TPM; NO \
         means a software key.",
    )
    .source(REGISTERED),
    f(
        "DeviceAuthStatus",
        &[DD],
        "A live check that the device exists and is enabled in Entra ID (Windows 10 21H1 and \
         later). Only SUCCESS is healthy; see the values for the two failures.",
    )
    .values(&[
        v("SUCCESS", "the device is present and enabled in Entra ID"),
        v(
            "FAILED. Device is either disabled or deleted",
            "an admin disabled or deleted the device object; re-enable or re-register it",
        ),
        v(
            "FAILED. ERROR",
            "the check could not run; it needs network access to Entra ID as SYSTEM",
        ),
    ]),
    // ---- Tenant Details -------------------------------------------------------------------
    f(
        "TenantName",
        TENANT,
        "Display name of the Entra tenant the device is joined to.",
    ),
    f(
        "TenantId",
        TENANT,
        "GUID of the Entra tenant the device is joined to; for hybrid join it is the tenant \
         named in the SCP.",
    ),
    f(
        "Idp",
        TENANT,
        "Host of the identity provider used for the device, normally login.windows.net for \
         Entra ID.",
    ),
    f(
        "AuthCodeUrl",
        TENANT,
        "The tenant's OAuth authorization endpoint, used during interactive sign-in.",
    ),
    f(
        "AccessTokenUrl",
        TENANT,
        "The tenant's OAuth token endpoint, where the device asks for tokens such as the PRT.",
    ),
    f(
        "MdmUrl",
        TENANT,
        "MDM enrollment (discovery) URL set up for automatic enrollment. Empty means MDM isn't \
         configured or the user is out of its scope; a URL alone doesn't prove the device is \
         managed.",
    ),
    f(
        "MdmTouUrl",
        TENANT,
        "Terms-of-use URL of the MDM service; like MdmUrl it is empty when MDM auto-enrollment \
         isn't configured for this user.",
    ),
    f(
        "MdmComplianceUrl",
        TENANT,
        "Page of the MDM service where users see or fix the device's compliance; empty when MDM \
         isn't configured for this user.",
    ),
    f(
        "SettingsUrl",
        TENANT,
        "Base64-encoded list of settings-sync (Enterprise State Roaming) service URLs. Rarely \
         relevant to join or SSO problems.",
    ),
    f(
        "JoinSrvVersion",
        TENANT,
        "Version of the Device Registration Service join endpoint.",
    ),
    f(
        "JoinSrvUrl",
        TENANT,
        "URL of the Device Registration Service endpoint used to join devices.",
    ),
    f(
        "JoinSrvId",
        TENANT,
        "Identifier (URN) of the Device Registration Service join endpoint.",
    ),
    f(
        "KeySrvVersion",
        TENANT,
        "Version of the key registration endpoint, where Windows Hello keys are registered.",
    ),
    f(
        "KeySrvUrl",
        TENANT,
        "URL of the key registration endpoint used for Windows Hello for Business keys.",
    ),
    f(
        "KeySrvId",
        TENANT,
        "Identifier (URN) of the key registration endpoint.",
    ),
    f(
        "WebAuthNSrvVersion",
        TENANT,
        "Version of the WebAuthn endpoint of the registration service (FIDO2 / passkeys).",
    ),
    f(
        "WebAuthNSrvUrl",
        TENANT,
        "URL of the WebAuthn endpoint of the registration service.",
    ),
    f(
        "WebAuthNSrvId",
        TENANT,
        "Identifier (URN) of the WebAuthn endpoint.",
    ),
    f(
        "DeviceManagementSrvVer",
        TENANT,
        "Version of the device management endpoint of the registration service.",
    )
    .aliases(&["DeviceManagementSrvVersion"]),
    f(
        "DeviceManagementSrvUrl",
        TENANT,
        "URL of the device management endpoint of the registration service.",
    ),
    f(
        "DeviceManagementSrvId",
        TENANT,
        "Identifier (URN) of the device management endpoint.",
    ),
    // ---- User State ---------------------------------------------------------------------
    f(
        "NgcSet",
        &[US],
        "YES when the signed-in user has a Windows Hello for Business key on this device. Only \
         meaningful when dsregcmd runs as that user.",
    ),
    f(
        "NgcSet",
        &[WA],
        "YES when a Windows Hello key exists for this registered work account.",
    )
    .source(REGISTERED)
    .undocumented(),
    f(
        "NgcKeyId",
        &[US],
        "ID of the signed-in user's Windows Hello key, present when NgcSet is YES.",
    ),
    f(
        "CanReset",
        &[US],
        "How the user's Windows Hello PIN can be reset: destructively (a new key replaces the \
         old), non-destructively (the PIN reset service keeps the key), both, or Unknown on error.",
    )
    .values(&[
        v(
            "DestructiveOnly",
            "only a destructive reset (new key) is possible",
        ),
        v(
            "NonDestructiveOnly",
            "only the non-destructive PIN reset is possible",
        ),
        v(
            "DestructiveAndNonDestructive",
            "both reset kinds are possible",
        ),
        v("Unknown", "the state could not be read"),
    ]),
    f(
        "WorkplaceJoined",
        &[US],
        "YES when work or school accounts were registered (Microsoft Entra registered) in the \
         current user's profile. On a domain-joined or hybrid device this dual state is worth \
         cleaning up.",
    ),
    f(
        "WorkAccountCount",
        &[US],
        "Number of registered work or school accounts in this user profile; each is detailed in \
         a Work Account section.",
    )
    .undocumented(),
    f(
        "WamDefaultSet",
        &[US],
        "YES when Web Account Manager has a default work account for the signed-in user. ERROR \
         usually means dsregcmd ran elevated or as SYSTEM rather than as the user.",
    )
    .values(&[
        v("YES", "a default WAM account exists"),
        v("NO", "no default WAM account for this user"),
        v("ERROR", "could not be read; rerun unelevated as the user"),
    ]),
    f(
        "WamDefaultAuthority",
        &[US],
        "Authority of the default WAM account: organizations for Entra ID, consumers for a \
         personal Microsoft account.",
    ),
    f(
        "WamDefaultId",
        &[US],
        "Identity provider of the default WAM account; https://login.microsoft.com for Entra ID.",
    ),
    f(
        "WamDefaultGUID",
        &[US],
        "GUID of the WAM provider that owns the default account, followed by its name (AzureAd or \
         MicrosoftAccount).",
    ),
    // ---- Workplace (registered) account fields -----------------------------------------
    f(
        "WorkplaceDeviceId",
        &[WA, US],
        "Device ID created in the account's tenant when the work account registered this device \
         (Microsoft Entra registered).",
    )
    .source(REGISTERED)
    .undocumented(),
    f(
        "WorkplaceThumbprint",
        &[WA, US],
        "Thumbprint of the certificate issued for that registration.",
    )
    .source(REGISTERED)
    .undocumented(),
    f(
        "WorkplaceIdp",
        &[WA, US],
        "Identity provider host of the registered account's tenant, normally login.windows.net.",
    )
    .source(REGISTERED)
    .undocumented(),
    f(
        "WorkplaceTenantId",
        &[WA, US],
        "GUID of the tenant the registered work account belongs to.",
    )
    .source(REGISTERED)
    .undocumented(),
    f(
        "WorkplaceTenantName",
        &[WA, US],
        "Name of the tenant the registered work account belongs to.",
    )
    .source(REGISTERED)
    .undocumented(),
    f(
        "WorkplaceMdmUrl",
        &[WA, US],
        "MDM enrollment URL of the registered account's tenant; empty when that tenant has no MDM \
         auto-enrollment for the user.",
    )
    .source(REGISTERED)
    .undocumented(),
    f(
        "WorkplaceSettingsUrl",
        &[WA, US],
        "Base64-encoded settings-sync URLs of the registered account's tenant, often empty.",
    )
    .source(REGISTERED)
    .undocumented(),
    // ---- SSO State ------------------------------------------------------------------------
    f(
        "AzureAdPrt",
        PRT_DIAG,
        "YES when the signed-in user holds a Primary Refresh Token from Entra ID, the basis of \
         single sign-on. NO on a joined device means cloud SSO is broken for this user (check it \
         ran as the user).",
    ),
    f(
        "AzureAdPrtUpdateTime",
        PRT_DIAG,
        "When (UTC) the Entra PRT was last renewed. While the user is active it is normally \
         refreshed about every four hours, so an older time suggests renewal is failing.",
    )
    .source(PRT_CONCEPT),
    f(
        "AzureAdPrtExpiryTime",
        PRT_DIAG,
        "When (UTC) the Entra PRT expires if it isn't renewed; a time already past means the \
         user has no valid PRT.",
    ),
    f(
        "AzureAdPrtAuthority",
        PRT_DIAG,
        "The Entra authority (login URL with tenant ID) that issued the PRT; NO when there is no \
         PRT.",
    ),
    f(
        "EnterprisePrt",
        PRT_DIAG,
        "YES when the user holds a PRT from on-premises AD FS (Enterprise PRT). Hybrid devices \
         federated with AD FS can hold both PRTs; on-premises DRS joined devices only this one.",
    ),
    f(
        "EnterprisePrtUpdateTime",
        PRT_DIAG,
        "When (UTC) the Enterprise PRT from AD FS was last renewed.",
    ),
    f(
        "EnterprisePrtExpiryTime",
        PRT_DIAG,
        "When (UTC) the Enterprise PRT expires if it isn't renewed.",
    ),
    f(
        "EnterprisePrtAuthority",
        PRT_DIAG,
        "The AD FS authority URL that issued the Enterprise PRT; NO or empty when there is none.",
    ),
    f(
        "AcquirePrtDiagnostics",
        &[SSO],
        "PRESENT when a failed attempt to get a PRT was logged after the last successful update; \
         the fields below it describe that failure, possibly another user's on a shared device.",
    ),
    f(
        "RefreshPrtDiagnostics",
        &[SSO],
        "PRESENT when a failed attempt to renew the PRT was logged after the last successful \
         update; the same detail fields follow as for AcquirePrtDiagnostics.",
    ),
    f(
        "Previous Prt Attempt",
        &[SSO],
        "Time (UTC) of the failed PRT attempt described by the following fields.",
    ),
    f(
        "Attempt Status",
        &[SSO],
        "Client error code of the failed PRT attempt, usually an NTSTATUS such as 0xc000006d. \
         Read it together with HTTP Status and Server Error Code.",
    ),
    f(
        "User Identity",
        &[SSO],
        "UPN of the user whose PRT attempt failed.",
    ),
    f(
        "Credential Type",
        &[SSO],
        "Credential used in the failed attempt, such as Password or NGC (Windows Hello).",
    ),
    f(
        "Correlation ID",
        &[SSO],
        "Correlation ID of the failed request; use it to find the attempt in the Entra sign-in \
         logs or give it to Microsoft support.",
    ),
    f(
        "Endpoint URI",
        &[SSO],
        "The last URL called before the failure; it shows whether Entra ID or a federation \
         server (AD FS) refused the request.",
    ),
    f(
        "HTTP Method",
        &[SSO],
        "HTTP method of the failed request, usually POST.",
    ),
    f(
        "HTTP Error",
        &[SSO],
        "WinHTTP transport error of the failed request; 0x0 means the network worked and the \
         server did answer.",
    ),
    f(
        "HTTP Status",
        &[SSO],
        "HTTP status the endpoint returned. 400 together with a server error code means the \
         server refused the request, not a network fault.",
    ),
    f(
        "Server Error Code",
        &[SSO],
        "OAuth error the server returned for the failed PRT request, such as invalid_grant.",
    ),
    f(
        "Server Error Description",
        &[SSO],
        "The server's error text, normally starting with an AADSTS (Entra) or MSIS (AD FS) code \
         that names the exact cause.",
    ),
    f(
        "OnPremTgt",
        &[SSO],
        "YES when the user holds a Cloud Kerberos ticket for on-premises resources (needed by \
         Windows Hello cloud Kerberos trust). Added in Windows 11 21H2.",
    )
    .aliases(&["OnPremTGT"]),
    f(
        "OnPremTgt",
        &[NGC],
        "Cloud Kerberos trust prerequisite, shown when CertEnrollment is none: YES when a Cloud \
         Kerberos ticket for on-premises resources is present. Before Windows 11 23H2 it was \
         named CloudTGT.",
    )
    .aliases(&["OnPremTGT"]),
    f(
        "CloudTgt",
        &[SSO],
        "YES when the user holds a Cloud Kerberos ticket for cloud resources.",
    )
    .aliases(&["CloudTGT"]),
    f(
        "CloudTgt",
        &[NGC],
        "The pre-Windows 11 23H2 name of OnPremTGT: YES when a Cloud Kerberos ticket for \
         on-premises resources is present.",
    )
    .aliases(&["CloudTGT"]),
    f(
        "KerbTopLevelNames",
        &[SSO],
        "Top-level Kerberos realm names handled by Cloud Kerberos, such as .windows.net and \
         .azure.net with their ports.",
    ),
    // ---- Diagnostic Data: pre-join ------------------------------------------------------------
    f(
        "Diagnostics Reference",
        &[DIAG],
        "Microsoft's help link for join errors (www.microsoft.com/aadjerrors), not a result.",
    ),
    f(
        "User Context",
        &[DIAG],
        "The account context the diagnostics ran in. SYSTEM is closest to a real join (it needs \
         an elevated prompt); UN-ELEVATED User and ELEVATED User results can differ from it.",
    )
    .values(&[
        v(
            "SYSTEM",
            "same context as the real join; the most reliable results",
        ),
        v(
            "UN-ELEVATED User",
            "run as the signed-in user without elevation",
        ),
        v("ELEVATED User", "run as the user from an elevated prompt"),
    ]),
    f(
        "Client Time",
        &[DIAG],
        "The device clock (UTC) when dsregcmd ran; compare it with certificate and PRT times.",
    ),
    f(
        "AD Connectivity Test",
        &[DIAG],
        "Checks that a domain controller can be reached; a failure usually means the join stops \
         in the pre-check phase.",
    )
    .values(TEST_RESULT),
    f(
        "AD Configuration Test",
        &[DIAG],
        "Reads and checks the Service Connection Point (SCP) in Active Directory; a failure \
         usually ends in a discover-phase error such as 0x801c001d.",
    )
    .values(TEST_RESULT),
    f(
        "DRS Discovery Test",
        &[DIAG],
        "Gets the registration service endpoints from the discovery metadata and performs a user \
         realm lookup; failures show up as discover-phase errors.",
    )
    .values(TEST_RESULT),
    f(
        "DRS Connectivity Test",
        &[DIAG],
        "Basic connectivity check against the registration service (DRS) endpoint.",
    )
    .values(TEST_RESULT),
    f(
        "Token acquisition Test",
        &[DIAG],
        "For federated domains, tries to get an Entra token through the federation service; a \
         failure points to the auth phase, after which sync-join is tried unless fallback is off.",
    )
    .values(TEST_RESULT),
    f(
        "Fallback to Sync-Join",
        &[DIAG],
        "ENABLED unless the registry value FallbackToSyncJoin under \
         HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\CDJ is 0. When enabled, a failed \
         federated join falls back to sync-join (Windows 10 1803 and later).",
    )
    .values(&[
        v("ENABLED", "a failed federated join is retried as sync-join"),
        v(
            "DISABLED",
            "no fallback; federated authentication must work",
        ),
    ]),
    f(
        "Fallback to Fed-Join",
        &[DIAG],
        "Not described by Microsoft; by its name it reports whether the join may fall back to \
         the federated flow. Treat it as informational.",
    )
    .undocumented(),
    f(
        "Previous Registration",
        &[DIAG],
        "Time of the last failed join attempt; successful attempts are not logged here.",
    ),
    f(
        "Registration Type",
        &[DIAG],
        "Join flow of the last failed attempt, such as sync (sync-join, which needs the computer \
         object synced to Entra ID by Entra Connect first).",
    ),
    f(
        "Error Phase",
        &[DIAG],
        "Stage at which the join attempt stopped; it tells which area to fix.",
    )
    .values(&[
        v(
            "pre-check",
            "local checks before contacting any service, such as reaching a DC",
        ),
        v(
            "discover",
            "reading the SCP and discovering the registration service and realm",
        ),
        v(
            "auth",
            "getting a token from the federation service (federated domains)",
        ),
        v(
            "join",
            "the registration request itself, or the TPM/key operations it needs",
        ),
    ]),
    f(
        "Client ErrorCode",
        &[DIAG],
        "HRESULT the client reported for the failed join; decode it together with Error Phase.",
    ),
    f(
        "Server ErrorCode",
        &[DIAG],
        "Error code from the registration service when the request reached it, such as \
         DirectoryError or AuthenticationError.",
    ),
    f(
        "Server ErrorSubCode",
        &[DIAG],
        "Finer-grained sub-code from the registration service (such as DeviceNotFound), when it \
         sent one.",
    )
    .source(HYBRID)
    .undocumented(),
    f(
        "Server Operation",
        &[DIAG],
        "The registration-service operation that failed, when dsregcmd reports it.",
    )
    .undocumented(),
    f(
        "Server Message",
        &[DIAG],
        "Text the registration service returned with its error code; it usually names the exact \
         cause.",
    ),
    f(
        "Https Status",
        &[DIAG],
        "HTTP status of the registration service's reply to the join request.",
    ),
    f(
        "Request Id",
        &[DIAG],
        "Client request ID sent to the registration service, for matching with server-side logs.",
    ),
    // ---- Diagnostic Data: post-join --------------------------------------------------------
    f(
        "AadRecoveryEnabled",
        &[DIAG],
        "YES means the device's keys can't be used and Windows has flagged it for recovery, so \
         the next sign-in re-registers it. NO is healthy.",
    )
    .values(&[
        v("NO", "healthy"),
        v(
            "YES",
            "flagged for recovery; re-registration happens at the next sign-in",
        ),
    ]),
    f(
        "KeySignTest",
        &[DIAG, DS],
        "A signing test with the device key (needs an elevated prompt). PASSED is healthy; \
         FAILED usually marks the device for recovery at the next sign-in.",
    )
    .values(&[
        v("PASSED", "the device keys work"),
        v(
            "FAILED",
            "the keys are unusable; expect recovery at next sign-in",
        ),
    ]),
    f(
        "Executing Account Name",
        &[DIAG, URLP],
        "The account dsregcmd ran as (DOMAIN\\name and UPN); a computer account ending in $ means \
         it ran as SYSTEM.",
    )
    .undocumented(),
    f(
        "DisplayNameUpdated",
        &[DIAG],
        "Whether the device's display name has been updated on its Entra device object.",
    )
    .undocumented(),
    f(
        "OsVersionUpdated",
        &[DIAG],
        "Whether the device's OS version has been updated on its Entra device object.",
    )
    .undocumented(),
    f(
        "HostNameUpdated",
        &[DIAG],
        "Whether the device's host name has been updated on its Entra device object.",
    )
    .undocumented(),
    f(
        "Last HostName Update",
        &[DIAG],
        "When the host name was last sent to Entra ID; NONE if it never was.",
    )
    .undocumented(),
    f(
        "Kerberos Ticket Test",
        &[DIAG],
        "Result of a Kerberos ticket check printed by some builds; a failure suggests the device \
         could not get a Kerberos ticket from a domain controller.",
    )
    .undocumented(),
    // ---- Ngc Prerequisite Check ----------------------------------------------------------------
    f(
        "IsDeviceJoined",
        &[NGC],
        "YES when the device is Entra joined or hybrid joined, which Windows Hello for Business \
         requires.",
    ),
    f(
        "IsUserAzureAD",
        &[NGC],
        "YES when the signed-in user exists in Entra ID; NO blocks Windows Hello for Business \
         (or dsregcmd did not run as that user).",
    ),
    f(
        "PolicyEnabled",
        &[NGC],
        "YES when a Windows Hello for Business policy (Group Policy or MDM) is enabled on the \
         device; NO means nothing asks for provisioning.",
    ),
    f(
        "PostLogonEnabled",
        &[NGC],
        "YES when Windows itself starts Hello enrollment after sign-in; NO means a custom \
         mechanism triggers it.",
    ),
    f(
        "DeviceEligible",
        &[NGC],
        "YES when the hardware meets the Windows Hello for Business requirements; NO blocks \
         provisioning.",
    ),
    f(
        "SessionIsNotRemote",
        &[NGC],
        "YES when the user signed in at the device itself; in a remote session Hello is not \
         provisioned.",
    ),
    f(
        "CertEnrollment",
        &[NGC],
        "Certificate trust only: who enrolls the Hello certificate, enrollment authority (policy \
         from Group Policy), mobile device management (policy from MDM), or none.",
    )
    .values(&[
        v(
            "enrollment authority",
            "certificate trust with AD FS as registration authority",
        ),
        v(
            "mobile device management",
            "certificate trust through MDM (SCEP)",
        ),
        v(
            "none",
            "key trust or cloud Kerberos trust; no certificate needed",
        ),
    ]),
    f(
        "AdfsRefreshToken",
        &[NGC],
        "Certificate trust with an enrollment authority only: YES when the device holds an \
         Enterprise PRT for the user.",
    ),
    f(
        "AdfsRaIsReady",
        &[NGC],
        "Certificate trust with an enrollment authority only: YES when AD FS advertises Hello \
         support in its discovery metadata and the sign-in certificate template can be used.",
    ),
    f(
        "LogonCertTemplateReady",
        &[NGC],
        "Certificate trust with an enrollment authority only: YES (StateReady) when the logon \
         certificate template is valid; useful when the AD FS registration authority misbehaves.",
    ),
    f(
        "PreReqResult",
        &[NGC],
        "Overall verdict of the Hello prerequisites: WillProvision means enrollment starts at the \
         next sign-in, WillNotProvision means a prerequisite above is missing.",
    )
    .values(&[
        v(
            "WillProvision",
            "Windows Hello for Business will be set up at next sign-in",
        ),
        v(
            "WillNotProvision",
            "a prerequisite is missing; look for the NO above",
        ),
    ]),
    f(
        "AadRecoveryNeeded",
        &[NGC],
        "Older builds' flag in this section: YES when the device registration needs recovery \
         before Hello can be provisioned.",
    )
    .undocumented(),
    f(
        "ScepReady",
        &[NGC],
        "Older builds, certificate trust through MDM: YES when the SCEP certificate enrollment \
         needed for the Hello certificate is ready.",
    )
    .undocumented(),
    f(
        "X509CertRequired",
        &[NGC],
        "Whether this Windows Hello deployment needs an X.509 sign-in certificate (certificate \
         trust).",
    )
    .undocumented(),
    f(
        "NgcPreReq",
        &[NGC, US],
        "Summary of the Windows Hello prerequisite check on some builds; ERROR means the check \
         itself could not run.",
    )
    .undocumented(),
    // ---- Proxy sections -------------------------------------------------------------------
    f(
        "Auto Detect Settings",
        PROXY,
        "Whether Automatically detect settings (WPAD) is on in the proxy configuration of the \
         account named in the section title.",
    )
    .source(WINHTTP_AUTOPROXY)
    .undocumented(),
    f(
        "Auto-Configuration URL",
        PROXY,
        "Proxy auto-config (PAC) script URL set for that account; empty means none.",
    )
    .source(WINHTTP_AUTOPROXY)
    .undocumented(),
    f(
        "Proxy Server List",
        PROXY,
        "Explicit proxy servers configured for that account; empty means none.",
    )
    .source(WINHTTP_AUTOPROXY)
    .undocumented(),
    f(
        "Proxy Bypass List",
        PROXY,
        "Hosts that bypass the proxy for that account.",
    )
    .source(WINHTTP_AUTOPROXY)
    .undocumented(),
    f(
        "Access Type",
        &[WHP],
        "The machine-wide WinHTTP proxy (netsh winhttp) used by services running as SYSTEM: \
         DIRECT means no proxy, otherwise the named proxy is used.",
    )
    .source(WINHTTP_AUTOPROXY)
    .undocumented(),
    f(
        "Auto Detect PAC Status",
        &[URLP],
        "Result of WPAD auto-detection of a PAC script for the executing account; a failure code \
         such as 0x80072f94 means no PAC script was found.",
    )
    .source(WINHTTP_AUTOPROXY)
    .undocumented(),
];

/// Every section title.
pub(crate) const SECTIONS: &[SectionInfo] = &[
    SectionInfo {
        title: DS,
        explanation: "The join state: Entra joined, hybrid joined, domain joined or on-premises \
                      DRS joined, read from AzureAdJoined, EnterpriseJoined and DomainJoined.",
        source: DSREG,
    },
    SectionInfo {
        title: DD,
        explanation: "The device identity stored in Entra ID (ID, certificate, key storage, \
                      health); shown only on Entra joined or hybrid joined devices.",
        source: DSREG,
    },
    SectionInfo {
        title: TD,
        explanation: "The tenant the device is joined to and the service endpoints it uses; \
                      shown only on Entra joined or hybrid joined devices.",
        source: DSREG,
    },
    SectionInfo {
        title: US,
        explanation: "Windows Hello, registration and Web Account Manager state of the user who \
                      ran the command; only valid when run as that user.",
        source: DSREG,
    },
    SectionInfo {
        title: SSO,
        explanation: "The user's Primary Refresh Tokens, recent PRT failures and Cloud Kerberos \
                      tickets; only valid when run as that user.",
        source: DSREG,
    },
    SectionInfo {
        title: DIAG,
        explanation: "Pre-join tests and the last failed join attempt (domain-joined devices that \
                      are not hybrid joined), or post-join health checks on joined devices.",
        source: DSREG,
    },
    SectionInfo {
        title: IEU,
        explanation: "Internet (WinINet) proxy settings of the user who ran the command.",
        source: WINHTTP_AUTOPROXY,
    },
    SectionInfo {
        title: IES,
        explanation: "Internet proxy settings of the SYSTEM account, which performs the actual \
                      hybrid join.",
        source: WINHTTP_AUTOPROXY,
    },
    SectionInfo {
        title: WHP,
        explanation: "The machine-wide WinHTTP proxy used by services running as SYSTEM.",
        source: WINHTTP_AUTOPROXY,
    },
    SectionInfo {
        title: URLP,
        explanation: "Proxy resolution for the registration endpoint as the executing account, \
                      including WPAD/PAC detection.",
        source: WINHTTP_AUTOPROXY,
    },
    SectionInfo {
        title: NGC,
        explanation: "The Windows Hello for Business prerequisites and whether provisioning will \
                      start; may be missing once Hello is already set up.",
        source: DSREG,
    },
    SectionInfo {
        title: WA,
        explanation: "One registered (Microsoft Entra registered) work or school account of the \
                      user, numbered from 1.",
        source: REGISTERED,
    },
];
