//! The knowledge-base table: every code of `shared/reference/error_codes.tsv`, one entry per
//! meaning, written in our own words from the facts of the cited Microsoft pages.

use super::{CodeInfo, Context, DiagnosticTest};

use Context::{
    Auth, DeviceHealth, Discover, DrsServerError, Join, MdmEnrollment, Proxy, PrtAttemptStatus,
    PrtHttpError, PrtServerError, Test, WindowsHello,
};

/// "Troubleshoot Microsoft Entra hybrid joined devices".
pub(crate) const HYBRID: &str = "https://learn.microsoft.com/en-us/entra/identity/devices/troubleshoot-hybrid-join-windows-current";
/// "Troubleshoot devices by using the dsregcmd command".
pub(crate) const DSREG: &str =
    "https://learn.microsoft.com/en-us/entra/identity/devices/troubleshoot-device-dsregcmd";
/// "Windows Hello errors during PIN creation".
const WHFB: &str = "https://github.com/MicrosoftDocs/windows-itpro-docs/blob/public/windows/security/identity-protection/hello-for-business/hello-errors-during-pin-creation.md";
/// The 2019 revision of the Windows Hello PIN-creation error page.
const WHFB_2019: &str = "https://github.com/MicrosoftDocs/windows-itpro-docs/commit/e081a74efd5cdf801405666f174ebafe5cb78d9a";
/// "Troubleshoot PRT issues on Windows devices" (2023-08 revision).
const PRT: &str = "https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/active-directory/devices/troubleshoot-primary-refresh-token.md";
/// WinHTTP error messages.
pub(crate) const WINHTTP: &str =
    "https://learn.microsoft.com/en-us/windows/win32/winhttp/error-messages";
/// Microsoft Entra authentication and authorization error codes (AADSTS).
pub(crate) const AADSTS_REF: &str =
    "https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes";
/// KDFv1 deprecation.
const KDF: &str = "https://learn.microsoft.com/en-us/entra/identity/devices/deprecation-key-derivation-function-version-1";
/// Intune: troubleshoot Windows enrollment errors.
const INTUNE: &str = "https://learn.microsoft.com/en-us/troubleshoot/mem/intune/device-enrollment/troubleshoot-windows-enrollment-errors";
/// Hybrid join using Microsoft Entra Kerberos.
const KERB: &str = "https://learn.microsoft.com/en-us/entra/identity/devices/how-to-hybrid-join-using-microsoft-entra-kerberos";
/// Windows Autopilot known issues.
const AUTOPILOT: &str = "https://github.com/MicrosoftDocs/windows-itpro-docs/blob/public/windows/deployment/windows-autopilot/known-issues.md";
/// MDM registration constants.
const MDMREG: &str =
    "https://learn.microsoft.com/en-us/windows/win32/mdmreg/mdm-registration-constants";

/// Shorthand constructor; `aliases` and `hint` are set with the builder methods below.
const fn e(
    code: &'static str,
    symbol: &'static str,
    contexts: &'static [Context],
    meaning: &'static str,
    remediation: &'static str,
    sources: &'static [&'static str],
) -> CodeInfo {
    CodeInfo {
        code,
        aliases: &[],
        symbol,
        contexts,
        hint: None,
        meaning,
        remediation,
        sources,
    }
}

impl CodeInfo {
    const fn aliases(mut self, aliases: &'static [&'static str]) -> Self {
        self.aliases = aliases;
        self
    }
    const fn hint(mut self, hint: &'static str) -> Self {
        self.hint = Some(hint);
        self
    }
}

const AD_CONFIG: Context = Test(DiagnosticTest::AdConfiguration);
const DRS_DISCOVERY: Context = Test(DiagnosticTest::DrsDiscovery);
const TOKEN_TEST: Context = Test(DiagnosticTest::TokenAcquisition);

const NO_FIX_WHFB: &str = "Microsoft documents no fix for this one; collect the User Device \
                           Registration logs and open a case with Microsoft support.";
const SIGN_IN_AGAIN: &str = "Have the user sign out and sign back in, then retry provisioning.";
const REJOIN: &str = "Remove the device from Entra ID (unjoin) and join it again.";

const PRT_SERVER_SIDE: &str = "Check Server Error Code and Server Error Description first. The \
     AAD Operational log (events 1081 and 1088) holds the server's error and the Analytic log \
     (event 1022) the URL that was called; if the cause is the network, make sure the proxy lets \
     the computer account through without an authentication prompt.";
const PRT_NETWORK: &str = "For an HTTP error, read the server's code in AAD Operational events \
     1081/1088; for a network problem, event 1022 gives the URL and event 1084 the network \
     sub-error. Make sure the endpoint is reachable from the device.";
const PRT_NETWORK_MEANING: &str = "The PRT request failed: either the Entra authentication \
     service or the federation (WS-Trust) endpoint answered with an HTTP status above 400, or a \
     required endpoint could not be reached at all.";
const TPM_WORKAROUND: &str = "Work around it by disabling the TPM on the affected devices; \
     Windows 10 1809 and later notice TPM failures by themselves and finish the join without it.";
const WINHTTP_PRT_FIX: &str = "Find the failing URL in AAD Analytic events 1022/1084, let the \
     computer account pass the proxy without a prompt, and capture a netsh trace (not Fiddler) if \
     the cause stays unclear.";

/// Every entry. Order matters only among entries for the same code: the first one listed for a
/// code (by its own `code`, not an alias) is the primary meaning, used when no context matches.
pub(crate) const KB: &[CodeInfo] = &[
    // ---- Hybrid join: discover phase -------------------------------------------------------
    e(
        "0x801c001d",
        "DSREG_AUTOJOIN_ADCONFIG_READ_FAILED",
        &[Discover, AD_CONFIG],
        "The device could not read the Service Connection Point (SCP) object in Active \
         Directory, so it never learned which Entra tenant to join.",
        "Create or repair the SCP in the forest's configuration partition (Entra Connect device \
         options, or the manual SCP steps) and confirm the computer can query AD.",
        &[HYBRID, DSREG],
    ),
    e(
        "0x801c001d",
        "DSREG_AUTOJOIN_ADCONFIG_READ_FAILED",
        &[Join],
        "In the join phase (event 220 in the User Device Registration log) this means Windows \
         could not reach its own computer object in AD; an inner Win32 error 1312 or 1317 points \
         at AD replication.",
        "Usually transient: let AD replication converge between the domain controllers and let \
         the device retry; investigate replication if it keeps happening.",
        &[HYBRID],
    ),
    e(
        "0x801c0021",
        "DSREG_AUTOJOIN_DISC_FAILED",
        &[Discover, DRS_DISCOVERY],
        "Generic discovery failure: the device could not get the registration service (DRS) \
         discovery metadata. dsregcmd puts the real cause after the slash, as in \
         FAIL [0x801c0021/0x80072ee2].",
        "Decode the second code of the pair; network codes such as 0x80072exx mean the SYSTEM \
         account cannot reach the Microsoft endpoints.",
        &[HYBRID],
    ),
    e(
        "0x801c001f",
        "DSREG_AUTOJOIN_DISC_WAIT_TIMEOUT",
        &[Discover, DRS_DISCOVERY],
        "Discovery did not finish in time and was abandoned.",
        "Check that https://enterpriseregistration.windows.net answers when called as SYSTEM, \
         through whatever proxy and firewall the device uses.",
        &[HYBRID],
    ),
    e(
        "0x801c003d",
        "DSREG_AUTOJOIN_USERREALM_DISCOVERY_FAILED",
        &[Discover, DRS_DISCOVERY],
        "User realm discovery failed, so the device could not tell whether the domain is \
         managed or federated.",
        "Decode the accompanying sub-error; on Windows 10 1809 and later the SYSTEM account \
         must be able to reach https://login.microsoftonline.com.",
        &[HYBRID],
    ),
    e(
        "0x801c003a",
        "DSREG_DISCOVERY_TENANT_NOT_FOUND",
        &[Discover, DRS_DISCOVERY],
        "The tenant named in the SCP does not exist for the service: the tenant ID is wrong or \
         the tenant has no active subscription.",
        "Correct the tenant ID stored in the SCP and confirm the tenant has an active \
         subscription.",
        &[HYBRID],
    ),
    e(
        "0x801c0025",
        "DSREG_SERVER_BUSY",
        &[Discover],
        "The device registration service answered HTTP 503: it was temporarily unavailable.",
        "Nothing to fix on the device; a later join attempt normally succeeds once the service \
         is back.",
        &[HYBRID],
    ),
    e(
        "0x801c000c",
        "",
        &[Discover, DRS_DISCOVERY],
        "Discovery failed; seen as the sub-error of a DRS discovery failure, e.g. \
         FAIL [0x801c0021/0x801c000c].",
        "Check that the discovery endpoint (enterpriseregistration.windows.net) is reachable \
         from the device as SYSTEM; Microsoft lists no specific fix, so open a support case if \
         it persists.",
        &[DSREG, WHFB],
    ),
    e(
        "0x801c000c",
        "",
        &[WindowsHello],
        "(Windows Hello provisioning) Discovery of the registration service failed.",
        NO_FIX_WHFB,
        &[WHFB],
    ),
    e(
        "0x8007000d",
        "E_INVALIDDATA",
        &[Discover],
        "The discovery reply could not be parsed as JSON, typically because a proxy answered \
         HTTP 200 with its own HTML sign-in page instead of passing the request on.",
        "Make sure the computer account (SYSTEM) can find the outbound proxy and authenticate \
         to it silently, or exempt the Microsoft registration endpoints from proxy \
         authentication.",
        &[HYBRID],
    ),
    // ---- Network (WinINet/WinHTTP as HRESULT) ----------------------------------------------
    e(
        "0x80072efd",
        "WININET_E_CANNOT_CONNECT",
        &[Discover, Join],
        "No connection to the server could be opened (WinHTTP error 12029).",
        "Open the network path (firewall, proxy, DNS) to the Microsoft registration and \
         sign-in endpoints, tested as SYSTEM.",
        &[HYBRID, PRT],
    ),
    e(
        "0x80072ee2",
        "WININET_E_TIMEOUT",
        &[Discover],
        "A network request timed out before the server replied (WinHTTP error 12002).",
        "Check the network path and proxy to the required Microsoft endpoints.",
        &[HYBRID, PRT],
    ),
    e(
        "0x80072ee2",
        "WININET_E_TIMEOUT",
        &[Join],
        "Registering the device with the registration service (DRS) timed out.",
        "Make sure https://enterpriseregistration.windows.net is reachable from the device in \
         SYSTEM context.",
        &[HYBRID],
    ),
    e(
        "0x80072f8f",
        "WININET_E_DECODING_FAILED",
        &[Discover],
        "The network stack could not decode the server's answer (Win32 12175, the code WinHTTP \
         also uses for TLS/security failures).",
        "Make sure no proxy or TLS-inspection device rewrites the traffic to the Microsoft \
         endpoints, and that the device clock is correct.",
        &[HYBRID, WINHTTP],
    ),
    e(
        "0x80072ee7",
        "WININET_E_NAME_NOT_RESOLVED",
        &[Join, Discover],
        "The server name could not be resolved by DNS (WinHTTP error 12007).",
        "Fix DNS or the proxy so that enterpriseregistration.windows.net resolves and is \
         reachable from the device.",
        &[HYBRID, PRT],
    ),
    e(
        "0x80072efe",
        "WININET_E_CONNECTION_ABORTED",
        &[Join],
        "The connection to the server was cut off abnormally (WinHTTP error 12030).",
        "Retry later, or from a more stable network location.",
        &[HYBRID, PRT],
    ),
    e(
        "0x80072f94",
        "ERROR_WINHTTP_AUTODETECTION_FAILED",
        &[Proxy],
        "WPAD auto-detection found no proxy auto-config (PAC) script (WinHTTP error 12180).",
        "If the network needs a proxy, publish the PAC file through WPAD or set a WinHTTP proxy \
         the SYSTEM account can use; if traffic goes out directly, this is only informational.",
        &[WINHTTP],
    ),
    // ---- Hybrid join: auth phase (federated, ADAL) ------------------------------------------
    e(
        "0xcaa90017",
        "ERROR_ADAL_PROTOCOL_NOT_SUPPORTED",
        &[Auth, TOKEN_TEST],
        "The federation server does not offer WS-Trust, which the device needs to get a token.",
        "Enable WS-Trust on the on-premises identity provider.",
        &[HYBRID],
    ),
    e(
        "0xcaa9002c",
        "ERROR_ADAL_FAILED_TO_PARSE_XML",
        &[Auth, TOKEN_TEST],
        "The on-premises federation service replied with something that is not XML.",
        "Check that the MEX endpoint returns valid XML and that no proxy substitutes its own \
         page for the reply.",
        &[HYBRID],
    ),
    e(
        "0xcaa90023",
        "ERROR_ADAL_COULDNOT_DISCOVER_USERNAME_PASSWORD_ENDPOINT",
        &[Auth, TOKEN_TEST],
        "No username/password endpoint was found in the federation metadata (MEX).",
        "Enable the WS-Trust endpoints on the identity provider so that the MEX document lists \
         them.",
        &[HYBRID],
    ),
    e(
        "0xcaa82ee2",
        "ERROR_ADAL_INTERNET_TIMEOUT",
        &[Auth, TOKEN_TEST],
        "A network request made during federated authentication timed out.",
        "Make sure login.microsoftonline.com and the on-premises identity provider are reachable \
         in SYSTEM context.",
        &[HYBRID],
    ),
    e(
        "0xcaa82efe",
        "ERROR_ADAL_INTERNET_CONNECTION_ABORTED",
        &[Auth, TOKEN_TEST],
        "The connection to the authorization endpoint was dropped.",
        "Retry later, or from a steadier network.",
        &[HYBRID],
    ),
    e(
        "0xcaa82f8f",
        "ERROR_ADAL_INTERNET_SECURE_FAILURE",
        &[Auth, TOKEN_TEST],
        "The TLS certificate presented by the server could not be validated.",
        "Check the device clock for skew, then retry later or from another network.",
        &[HYBRID],
    ),
    e(
        "0xcaa82efd",
        "ERROR_ADAL_INTERNET_CANNOT_CONNECT",
        &[Auth, TOKEN_TEST],
        "The device could not connect to https://login.microsoftonline.com.",
        "Verify the network path (proxy, firewall, DNS) to login.microsoftonline.com.",
        &[HYBRID],
    ),
    e(
        "0xcaa20003",
        "ERROR_ADAL_SERVER_ERROR_INVALID_GRANT",
        &[Auth, TOKEN_TEST],
        "Entra ID did not accept the SAML token issued by the on-premises identity provider.",
        "Review the federation server configuration and look up the server error code in the \
         authentication logs.",
        &[HYBRID],
    ),
    e(
        "0xcaa90014",
        "ERROR_ADAL_WSTRUST_REQUEST_SECURITYTOKEN_FAILED",
        &[Auth, TOKEN_TEST],
        "The WS-Trust reply carried a fault, so no assertion was obtained.",
        "Review the federation server configuration; the authentication logs hold the server \
         error code.",
        &[HYBRID],
    ),
    e(
        "0xcaa90006",
        "ERROR_ADAL_WSTRUST_TOKEN_REQUEST_FAIL",
        &[Auth, TOKEN_TEST],
        "Getting an access token from the token endpoint failed.",
        "The ADAL log records the underlying failure; start there.",
        &[HYBRID],
    ),
    e(
        "0xcaa1002d",
        "ERROR_ADAL_OPERATION_PENDING",
        &[Auth, TOKEN_TEST],
        "A generic ADAL authentication failure.",
        "Look for the sub-error or the server error code in the authentication logs.",
        &[HYBRID],
    ),
    // ---- Hybrid join: join phase --------------------------------------------------------------
    e(
        "0x801c03f2",
        "DSREG_E_DIRECTORY_FAILURE",
        &[Join, DrsServerError],
        "The registration service answered with DirectoryError. For a sync-join this is \
         expected until the computer object has been synced to Entra ID.",
        "Read Server ErrorCode and Server Message; for a sync-join wait for the next Entra \
         Connect sync cycle and let the device retry.",
        &[HYBRID],
    ),
    e(
        "0x801c03f2",
        "DSREG_E_DIRECTORY_FAILURE",
        &[WindowsHello],
        "(Windows Hello key registration) The directory refused the request \
         (ERROR_BAD_DIRECTORY_REQUEST), typically because another object already holds the \
         same proxyAddresses value.",
        "Find and fix the duplicate attribute, following the Entra Connect guidance on duplicate \
         attributes that block sync.",
        &[WHFB_2019],
    ),
    e(
        "0x801c0002",
        "DSREG_E_DEVICE_AUTHENTICATION_ERROR",
        &[Join, DrsServerError],
        "The registration service returned AuthenticationError with a sub-code other than \
         DeviceNotFound.",
        "Use Server ErrorCode and Server Message to find the precise cause.",
        &[HYBRID],
    ),
    e(
        "0x801c0002",
        "DSREG_E_DEVICE_AUTHENTICATION_ERROR",
        &[WindowsHello],
        "(Windows Hello provisioning) The server could not authenticate the user.",
        "Check the server error code in the User Device Registration log, then have the user \
         sign in again.",
        &[WHFB],
    ),
    e(
        "0x801c0006",
        "DSREG_E_DEVICE_INTERNALSERVICE_ERROR",
        &[Join, DrsServerError],
        "The registration service reported an internal error (documented together with a \
         DirectoryError response).",
        "Use Server ErrorCode and Server Message to find the cause; retry later if the service \
         was at fault.",
        &[HYBRID],
    ),
    e(
        "0x801c0006",
        "DSREG_E_DEVICE_INTERNALSERVICE_ERROR",
        &[WindowsHello],
        "(Windows Hello provisioning) The server hit an unhandled exception.",
        "Check the server error code in the User Device Registration log and retry later.",
        &[WHFB],
    ),
    e(
        "0x80090016",
        "NTE_BAD_KEYSET",
        &[Join],
        "A TPM key operation failed because the key set is missing, typically after the TPM was \
         cleared or when the image was sysprepped from a machine that was already registered.",
        "Don't clear the TPM of registered devices; affected users may need to remove and re-add \
         their accounts; build sysprep images only from machines never Entra joined, hybrid \
         joined or registered.",
        &[HYBRID],
    ),
    e(
        "0x80290407",
        "TPM_E_PCP_INTERNAL_ERROR",
        &[Join],
        "A generic TPM failure during registration.",
        TPM_WORKAROUND,
        &[HYBRID],
    ),
    e(
        "0x80280036",
        "TPM_E_NOTFIPS",
        &[Join],
        "The TPM runs in FIPS mode, which device registration does not support.",
        TPM_WORKAROUND,
        &[HYBRID],
    ),
    e(
        "0x80090031",
        "NTE_AUTHENTICATION_IGNORED",
        &[Join],
        "The TPM is locked out by its anti-hammering protection.",
        "Wait for the lockout period to expire; it clears by itself.",
        &[HYBRID],
    ),
    e(
        "0x80090031",
        "NTE_AUTHENTICATION_IGNORED",
        &[WindowsHello],
        "(Windows Hello provisioning) The TPM is locked out.",
        "Restart the device; if it keeps happening, reset the TPM (for example with Clear-Tpm).",
        &[WHFB],
    ),
    // ---- DRS server error words --------------------------------------------------------------
    e(
        "DirectoryError",
        "",
        &[DrsServerError, Join],
        "The registration service reported a directory problem; the Server Message tells which \
         (object not synced yet, tenant not found, or throttling).",
        "Read the Server Message and match it: wait for sync, fix the SCP tenant ID, or wait out \
         the throttling period.",
        &[HYBRID],
    ),
    e(
        "DirectoryError",
        "",
        &[DrsServerError, Join],
        "The registration service throttled the device because it sent several registration \
         requests in quick succession.",
        "Wait for the cool-down given in the message (300 seconds) and let the device retry.",
        &[HYBRID],
    )
    .hint("throttled"),
    e(
        "DirectoryError",
        "",
        &[DrsServerError, Join],
        "Tenant not found (AADSTS90002): the tenant ID in the SCP is wrong, or the tenant has no \
         active subscription.",
        "Correct the tenant ID in the SCP and confirm the tenant has an active subscription.",
        &[HYBRID],
    )
    .hint("aadsts90002"),
    e(
        "DirectoryError",
        "",
        &[DrsServerError, Join],
        "Expected during a sync-join: the computer object has not reached Entra ID yet, so the \
         registration service cannot find the device (HTTP 400, client code 0x801c03f2).",
        "Wait for Entra Connect to sync the computer object; the next attempt after the sync \
         succeeds. If it never does, check that the computer's OU is in sync scope.",
        &[HYBRID, DSREG],
    )
    .hint("device object"),
    e(
        "AADSTS90002",
        "",
        &[DrsServerError, PrtServerError],
        "Entra ID could not find the tenant named in the request.",
        "For hybrid join, correct the tenant ID stored in the SCP and confirm the tenant has an \
         active subscription.",
        &[HYBRID],
    ),
    e(
        "AuthenticationError",
        "",
        &[DrsServerError, Join],
        "The registration service could not authenticate the device's request; the Server \
         Message says why.",
        "Read the Server Message; during a sync-join this is usually resolved by waiting for \
         Entra Connect sync.",
        &[HYBRID],
    ),
    e(
        "AuthenticationError",
        "",
        &[DrsServerError, Join],
        "Sync-join: the certificate on the Entra device object does not match the one that \
         signed the request, which normally means the sync has not finished yet.",
        "Wait for the Entra Connect sync cycle to complete, then let the device retry.",
        &[HYBRID],
    )
    .hint("target computer"),
    // ---- Hybrid join with Microsoft Entra Kerberos ---------------------------------------------
    e(
        "0x801c0095",
        "DSREG_TOKEN_MISSING_ON_PREM_ID",
        &[Join],
        "(Entra Kerberos hybrid join) The token lacks an on-premises ID because the Kerberos \
         ticket misses data Entra ID needs.",
        "Run EnableKerbHaadj.exe on every Windows Server 2025 domain controller and restart them.",
        &[KERB],
    ),
    e(
        "0x80090311",
        "SEC_E_NO_AUTHENTICATING_AUTHORITY",
        &[Join],
        "(Entra Kerberos hybrid join) No working Windows Server 2025 domain controller could be \
         contacted.",
        "Deploy a Windows Server 2025 DC, run EnableKerbHaadj.exe on it, make sure its KDC \
         service runs and is reachable, and check it with dcdiag.",
        &[KERB],
    ),
    e(
        "0x80090303",
        "SEC_E_TARGET_UNKNOWN",
        &[Join],
        "(Entra Kerberos hybrid join) The Kerberos target is unknown or unreachable; the DC logs \
         KDC_ERR_S_PRINCIPAL_UNKNOWN.",
        "Microsoft gives no fix; check the Kerberos events on the domain controller and the \
         Entra Kerberos hybrid join prerequisites.",
        &[KERB],
    ),
    e(
        "0x8009030c",
        "SEC_E_LOGON_DENIED",
        &[Join],
        "(Entra Kerberos hybrid join) No Kerberos key exists for the device registration \
         service principal (KDC_ERR_NULL_KEY).",
        "Add the tag KerberosPolicy:ExchangeForJwt to that service principal.",
        &[KERB],
    ),
    e(
        "0x801c03f3",
        "",
        &[Join, MdmEnrollment],
        "(Autopilot pre-provisioning) Entra ID cannot find the object of the device being \
         deployed, for example because someone deleted it.",
        "Remove the device record from Entra ID, Intune and Autopilot, then import it into \
         Autopilot again so a fresh object is created.",
        &[AUTOPILOT],
    ),
    // ---- PRT: Attempt Status (NTSTATUS) ---------------------------------------------------
    e(
        "0xc000006d",
        "STATUS_LOGON_FAILURE",
        &[PrtAttemptStatus],
        "The PRT request failed: the device could not reach the Entra authentication service, \
         or that service (or the WS-Trust endpoint) answered HTTP 400. Paired with \
         invalid_grant and AADSTS50126 it means a wrong or not-yet-synced password.",
        PRT_SERVER_SIDE,
        &[HYBRID, PRT],
    ),
    e(
        "0xc000006a",
        "STATUS_WRONG_PASSWORD",
        &[PrtAttemptStatus],
        "Treated like STATUS_LOGON_FAILURE: the authentication service was unreachable or \
         answered HTTP 400 to the PRT request.",
        PRT_SERVER_SIDE,
        &[HYBRID, PRT],
    ),
    e(
        "0xc00000d0",
        "STATUS_REQUEST_NOT_ACCEPTED",
        &[PrtAttemptStatus],
        "The Entra authentication service or the WS-Trust endpoint answered HTTP 400 to the PRT \
         request.",
        "Read Server Error Code/Description, or the server's error in AAD Operational events \
         1081/1088 and the URL in Analytic event 1022.",
        &[HYBRID, PRT],
    ),
    e(
        "0xc000023c",
        "STATUS_NETWORK_UNREACHABLE",
        &[PrtAttemptStatus],
        PRT_NETWORK_MEANING,
        PRT_NETWORK,
        &[HYBRID, PRT],
    ),
    e(
        "0xc00000be",
        "STATUS_BAD_NETWORK_PATH",
        &[PrtAttemptStatus],
        PRT_NETWORK_MEANING,
        PRT_NETWORK,
        &[HYBRID, PRT],
    ),
    e(
        "0xc00000c4",
        "STATUS_UNEXPECTED_NETWORK_ERROR",
        &[PrtAttemptStatus],
        PRT_NETWORK_MEANING,
        PRT_NETWORK,
        &[HYBRID, PRT],
    ),
    e(
        "0xc000005f",
        "STATUS_NO_SUCH_LOGON_SESSION",
        &[PrtAttemptStatus],
        "User realm discovery failed: Entra ID does not know the domain of the user's UPN.",
        "Add the UPN suffix as a verified custom domain in Entra ID; a non-routable suffix such \
         as contoso.local needs Alternate Login ID. Event 1144 shows the UPN that was used.",
        &[HYBRID, PRT],
    ),
    e(
        "0xc004844c",
        "AAD_CLOUDAP_E_OAUTH_USERNAME_IS_MALFORMED",
        &[PrtAttemptStatus],
        "The UPN is not in user@domain form: on Entra joined devices it is what was typed at \
         sign-in, on hybrid devices what the domain controller returned.",
        "Use internet-style (RFC 822) UPNs and check with whoami /upn; use Alternate Login ID \
         for non-routable domains.",
        &[HYBRID, PRT],
    ),
    e(
        "0xc0048442",
        "AAD_CLOUDAP_E_OAUTH_USER_SID_IS_EMPTY",
        &[PrtAttemptStatus],
        "The ID token returned by Entra ID carried no user SID.",
        "Make sure no network proxy modifies the server's reply.",
        &[HYBRID, PRT],
    ),
    e(
        "0xc00484c1",
        "AAD_CLOUDAP_E_WSTRUST_SAML_TOKENS_ARE_EMPTY",
        &[PrtAttemptStatus],
        "(Federated) The WS-Trust endpoint returned an error instead of SAML tokens.",
        "Make sure no proxy alters the WS-Trust reply; AAD Operational event 1088 holds the \
         server's error.",
        &[HYBRID, PRT],
    )
    .aliases(&["0x800484c1"]),
    e(
        "0xc004848b",
        "AAD_CLOUDAP_E_HTTP_PASSWORD_URI_IS_EMPTY",
        &[PrtAttemptStatus],
        "(Federated) The MEX document lists no username/password endpoints, so the federation \
         metadata is misconfigured.",
        "Fix the MEX configuration on the identity provider and make sure no proxy interferes.",
        &[HYBRID, PRT],
    ),
    e(
        "0xc004848c",
        "AAD_CLOUDAP_E_HTTP_CERTIFICATE_URI_IS_EMPTY",
        &[PrtAttemptStatus],
        "(Federated) The MEX document lists no certificate endpoints, so the federation metadata \
         is misconfigured.",
        "Fix the MEX configuration on the identity provider and make sure no proxy interferes.",
        &[HYBRID, PRT],
    ),
    e(
        "0xc00cee4f",
        "WC_E_DTDPROHIBITED",
        &[PrtAttemptStatus],
        "(Federated) The WS-Trust XML reply contained a DTD, which the client refuses to parse.",
        "Configure the identity provider not to send a DTD; Analytic event 1022 shows the URL.",
        &[HYBRID, PRT],
    ),
    // ---- PRT: HTTP Error (WinHTTP) ----------------------------------------------------------
    e(
        "12002",
        "ERROR_WINHTTP_TIMEOUT",
        &[PrtHttpError],
        "PRT transport error: the request timed out (a general network problem).",
        WINHTTP_PRT_FIX,
        &[HYBRID, PRT],
    )
    .aliases(&["0x80072ee2"]),
    e(
        "12007",
        "ERROR_WINHTTP_NAME_NOT_RESOLVED",
        &[PrtHttpError],
        "PRT transport error: the server name could not be resolved (a general network \
         problem).",
        WINHTTP_PRT_FIX,
        &[HYBRID, PRT],
    )
    .aliases(&["0x80072ee7"]),
    e(
        "12029",
        "ERROR_WINHTTP_CANNOT_CONNECT",
        &[PrtHttpError],
        "PRT transport error: no connection to the server could be made (a general network \
         problem).",
        WINHTTP_PRT_FIX,
        &[HYBRID, PRT],
    )
    .aliases(&["0x80072efd"]),
    e(
        "12030",
        "ERROR_WINHTTP_CONNECTION_ERROR",
        &[PrtHttpError],
        "PRT transport error: the connection was reset or dropped (a general network problem).",
        WINHTTP_PRT_FIX,
        &[HYBRID, PRT],
    )
    .aliases(&["0x80072efe"]),
    // ---- PRT: server error code and description ----------------------------------------
    e(
        "invalid_grant",
        "",
        &[PrtServerError],
        "OAuth error: the server refused the credential, token or assertion the device \
         presented for the PRT; the Server Error Description (AADSTS or MSIS code) gives the \
         actual reason.",
        "Read the Server Error Description and look up its AADSTS/MSIS code; AADSTS50126 means \
         a wrong or not-yet-synced password.",
        &[DSREG],
    ),
    e(
        "AADSTS50155",
        "DeviceAuthenticationFailed",
        &[PrtServerError],
        "Entra ID could not authenticate the device, so it issues no PRT; the device object may \
         be disabled or deleted.",
        "Check the device in the Entra admin center; if it was deleted or disabled, re-register \
         it in the way that fits its join type (device management FAQ).",
        &[HYBRID, PRT, AADSTS_REF],
    ),
    e(
        "AADSTS50034",
        "UserAccountNotFound",
        &[PrtServerError],
        "The user account does not exist in this tenant's directory.",
        "Check the UPN that was used (event 1144) and that the on-premises user is synced to \
         Entra ID.",
        &[HYBRID, AADSTS_REF],
    ),
    e(
        "AADSTS50126",
        "InvalidUserNameOrPassword",
        &[PrtServerError],
        "Wrong user name or password; on a hybrid device in a password-hash-sync tenant it also \
         appears after an on-premises password change that has not synced yet.",
        "Have the user sign in with the current password; after a recent change wait for \
         password hash sync, then sign in again to get a fresh PRT.",
        &[HYBRID, AADSTS_REF],
    ),
    e(
        "AADSTS50097",
        "DeviceAuthenticationRequired",
        &[PrtServerError],
        "The sign-in requires device authentication.",
        "Microsoft lists this for reference only; make sure the device is joined or registered \
         and holds a valid PRT.",
        &[AADSTS_REF],
    ),
    e(
        "AADSTS50187",
        "DeviceInformationNotProvided",
        &[PrtServerError],
        "The service could not carry out device authentication.",
        "Microsoft lists this for reference only; check the device's registration and its PRT.",
        &[AADSTS_REF],
    ),
    e(
        "AADSTS135011",
        "",
        &[PrtServerError],
        "The device used for this authentication is disabled in Entra ID.",
        "Enable the device object again, or re-register the device as the device management FAQ \
         describes for its join type.",
        &[AADSTS_REF],
    ),
    e(
        "AADSTS5000611",
        "",
        &[PrtServerError],
        "Entra ID rejected the obsolete key derivation function version 1 (KDFv1): Windows lacks \
         the July 2021 security updates (CVE-2021-33781).",
        "Install current Windows security updates and watch the sign-in logs for error 5000611.",
        &[KDF],
    ),
    // ---- Post-join health values -------------------------------------------------------------
    e(
        "DeviceAuthStatus: FAILED. Device is either disabled or deleted",
        "",
        &[DeviceHealth],
        "Someone disabled or deleted the device object in Entra ID, so the device can no \
         longer authenticate.",
        "Check the device in the Entra admin center and re-enable it, or re-register it as the \
         device management FAQ describes for its join type.",
        &[DSREG],
    ),
    e(
        "DeviceAuthStatus: FAILED. ERROR",
        "",
        &[DeviceHealth],
        "The device health test could not run; it needs network access to Entra ID in SYSTEM \
         context.",
        "Check connectivity to Entra ID as SYSTEM (proxy, firewall) and run dsregcmd /status \
         again.",
        &[DSREG],
    ),
    e(
        "KeySignTest FAILED",
        "",
        &[DeviceHealth],
        "The device keys failed the signing test, so they can't be used and Windows normally \
         flags the device for recovery.",
        "Have the user sign in: that triggers recovery and re-registration (silent on hybrid \
         joined devices, with a prompt on Entra joined or registered ones). The test needs an \
         elevated prompt.",
        &[DSREG],
    ),
    e(
        "AadRecoveryEnabled YES",
        "",
        &[DeviceHealth],
        "The device's stored keys can no longer be used, so Windows has flagged the device for \
         recovery.",
        "The next sign-in runs recovery and re-registers the device (silently for hybrid \
         joined, with a prompt for Entra joined or registered devices).",
        &[DSREG],
    ),
    // ---- Windows Hello for Business provisioning ----------------------------------------------
    e(
        "0x801c044d",
        "",
        &[WindowsHello],
        "(Windows Hello provisioning) Microsoft lists two causes: the authorization token holds \
         no device ID, or no user token could be obtained.",
        "Have the user sign out and in and check network and credentials; if the device ID is \
         missing, unjoin and rejoin the device.",
        &[WHFB],
    ),
    e(
        "0x80090036",
        "",
        &[WindowsHello],
        "(Windows Hello provisioning) The user cancelled an interactive dialog.",
        "Nothing to fix: the user is asked again.",
        &[WHFB],
    ),
    e(
        "0x80090011",
        "",
        &[WindowsHello],
        "(Windows Hello provisioning) The key container or key was not found.",
        REJOIN,
        &[WHFB],
    ),
    e(
        "0x8009000f",
        "",
        &[WindowsHello],
        "(Windows Hello provisioning) The key container or key already exists.",
        REJOIN,
        &[WHFB],
    ),
    e(
        "0x8009002a",
        "NTE_NO_MEMORY",
        &[WindowsHello],
        "(Windows Hello provisioning) The device ran out of memory.",
        "Close other programs and try again.",
        &[WHFB],
    ),
    e(
        "0x80090005",
        "NTE_BAD_DATA",
        &[WindowsHello],
        "(Windows Hello provisioning) The key operation received bad data.",
        REJOIN,
        &[WHFB],
    ),
    e(
        "0x80090029",
        "",
        &[WindowsHello],
        "(Windows Hello provisioning) The TPM has not been set up.",
        "As an administrator open tpm.msc and choose Prepare the TPM.",
        &[WHFB],
    ),
    e(
        "0x80090035",
        "",
        &[WindowsHello],
        "(Windows Hello provisioning) Policy demands a TPM but the device has none.",
        "Change the Windows Hello for Business policy so it does not require a TPM, or use \
         hardware that has one.",
        &[WHFB],
    ),
    e(
        "0x801c0003",
        "",
        &[WindowsHello],
        "(Windows Hello provisioning) The user is not authorized to enroll.",
        "Check that the user is permitted to perform the operation.",
        &[WHFB],
    ),
    e(
        "0x801c000e",
        "",
        &[WindowsHello],
        "(Windows Hello provisioning) The registration quota is reached: the user already has the \
         maximum number of devices.",
        "Remove one of the user's other devices, or raise the maximum devices per user in the \
         Entra device settings.",
        &[WHFB],
    ),
    e(
        "0x801c000f",
        "",
        &[WindowsHello],
        "(Windows Hello provisioning) The operation worked but the device needs a restart.",
        "Restart the device.",
        &[WHFB],
    ),
    e(
        "0x801c0010",
        "",
        &[WindowsHello],
        "(Windows Hello provisioning) The TPM's AIK certificate is invalid or untrusted.",
        SIGN_IN_AGAIN,
        &[WHFB],
    ),
    e(
        "0x801c0011",
        "",
        &[WindowsHello],
        "(Windows Hello provisioning) The transport key attestation is invalid.",
        SIGN_IN_AGAIN,
        &[WHFB],
    ),
    e(
        "0x801c0012",
        "",
        &[WindowsHello],
        "(Windows Hello provisioning) The discovery request was not in a valid format.",
        SIGN_IN_AGAIN,
        &[WHFB],
    ),
    e(
        "0x801c0015",
        "",
        &[WindowsHello],
        "(Windows Hello provisioning) The device must be a member of an Active Directory domain.",
        "Join the device to the Active Directory domain.",
        &[WHFB],
    ),
    e(
        "0x801c0016",
        "",
        &[WindowsHello],
        "(Windows Hello provisioning) The federation provider configuration is empty.",
        "Check that http://clientconfig.microsoftonline-p.net/FPURL.xml is reachable and has \
         content.",
        &[WHFB],
    ),
    e(
        "0x801c0017",
        "",
        &[WindowsHello],
        "(Windows Hello provisioning) The federation provider domain is empty.",
        "Check that http://clientconfig.microsoftonline-p.net/FPURL.xml is reachable and has \
         content.",
        &[WHFB],
    ),
    e(
        "0x801c0018",
        "",
        &[WindowsHello],
        "(Windows Hello provisioning) The federation provider client configuration URL is \
         empty.",
        "Check that http://clientconfig.microsoftonline-p.net/FPURL.xml is reachable and has \
         content.",
        &[WHFB],
    ),
    e(
        "0x801c03e9",
        "",
        &[WindowsHello],
        "(Windows Hello provisioning) The server's response message was invalid.",
        SIGN_IN_AGAIN,
        &[WHFB],
    ),
    e(
        "0x801c03eb",
        "",
        &[WindowsHello],
        "(Windows Hello provisioning) The server's response carried an invalid HTTP status.",
        SIGN_IN_AGAIN,
        &[WHFB],
    ),
    e(
        "0x801c03ec",
        "",
        &[WindowsHello],
        "(Windows Hello provisioning) The server hit an unhandled exception.",
        SIGN_IN_AGAIN,
        &[WHFB],
    ),
    e(
        "0x801c03ea",
        "",
        &[WindowsHello],
        "(Windows Hello provisioning) The server could not authorize the user or the device.",
        "Check the user's token and that the user is allowed to register keys.",
        &[WHFB],
    ),
    e(
        "0x801c03ea",
        "",
        &[MdmEnrollment],
        "(Autopilot, 'Failed: 3, 0x801C03EA') The TPM can do 2.0 but still runs an older mode, \
         or the device is a member of two groups that assign different Autopilot profiles.",
        "Upgrade the TPM to 2.0 (firmware update), or remove the conflicting Autopilot profile \
         assignment.",
        &[INTUNE],
    ),
    e(
        "0x801c03ed",
        "",
        &[WindowsHello],
        "(Windows Hello provisioning) Multi-factor authentication was required for ProvisionKey \
         but not done; or the token was missing from the Authorization header, objects could not \
         be read, or the request was invalid.",
        "Have the user sign out and in; if that does not help, unjoin and rejoin the device.",
        &[WHFB],
    ),
    e(
        "0x801c03ee",
        "",
        &[WindowsHello],
        "(Windows Hello provisioning) TPM attestation failed.",
        SIGN_IN_AGAIN,
        &[WHFB],
    ),
    e(
        "0x801c03ef",
        "",
        &[WindowsHello],
        "(Windows Hello provisioning) The AIK certificate is no longer valid.",
        SIGN_IN_AGAIN,
        &[WHFB],
    ),
    e(
        "0x801c044e",
        "",
        &[WindowsHello],
        "(Windows Hello provisioning) The user's credential input was not received.",
        SIGN_IN_AGAIN,
        &[WHFB],
    ),
    e(
        "0x801c0001",
        "",
        &[WindowsHello],
        "(Windows Hello provisioning) The registration service (ADRS) replied in an invalid \
         format.",
        NO_FIX_WHFB,
        &[WHFB],
    ),
    e(
        "0x801c000b",
        "",
        &[WindowsHello],
        "(Windows Hello provisioning) The request was redirected to a server that is not a \
         well-known one.",
        NO_FIX_WHFB,
        &[WHFB],
    ),
    e(
        "0x801c0013",
        "",
        &[WindowsHello],
        "(Windows Hello provisioning) The token carries no tenant ID.",
        NO_FIX_WHFB,
        &[WHFB],
    ),
    e(
        "0x801c0014",
        "",
        &[WindowsHello],
        "(Windows Hello provisioning) The token carries no user SID.",
        NO_FIX_WHFB,
        &[WHFB],
    ),
    e(
        "0x801c0019",
        "",
        &[WindowsHello],
        "(Windows Hello provisioning) The federation provider client configuration is empty.",
        NO_FIX_WHFB,
        &[WHFB],
    ),
    e(
        "0x801c001a",
        "",
        &[WindowsHello],
        "(Windows Hello provisioning) The DRS endpoint in the federation provider client \
         configuration is empty.",
        NO_FIX_WHFB,
        &[WHFB],
    ),
    e(
        "0x801c001b",
        "",
        &[WindowsHello],
        "(Windows Hello provisioning) The device certificate was not found.",
        NO_FIX_WHFB,
        &[WHFB],
    ),
    e(
        "0x801c03f0",
        "",
        &[WindowsHello],
        "(Windows Hello provisioning) No key is registered for the user.",
        NO_FIX_WHFB,
        &[WHFB],
    ),
    e(
        "0x801c03f1",
        "",
        &[WindowsHello],
        "(Windows Hello provisioning) The token carries no UPN.",
        NO_FIX_WHFB,
        &[WHFB],
    ),
    e(
        "0x801c044c",
        "",
        &[WindowsHello],
        "(Windows Hello provisioning) There is no core window for the current thread.",
        NO_FIX_WHFB,
        &[WHFB],
    ),
    // ---- MDM / Intune / Autopilot enrollment -----------------------------------------------
    e(
        "0x8018000a",
        "MENROLL_E_DEVICE_ALREADY_ENROLLED",
        &[MdmEnrollment],
        "A different user already enrolled this device in Intune or Entra-joined it.",
        "Sign in as that user, remove the work or school account, then enroll or join with the \
         intended account.",
        &[INTUNE],
    ),
    e(
        "0x80180014",
        "",
        &[MdmEnrollment],
        "Windows MDM enrollment is blocked in the tenant (the user sees 'this version of Windows \
         is not supported').",
        "Allow Windows (MDM) in the Intune enrollment / device type restrictions.",
        &[INTUNE],
    ),
    e(
        "0x80180026",
        "",
        &[MdmEnrollment],
        "Entra join with MDM auto-enrollment collided with an installed Intune PC agent.",
        "Set the MDM user scope to None, or uninstall the Intune PC agent.",
        &[INTUNE],
    ),
    e(
        "0x8018002b",
        "",
        &[MdmEnrollment],
        "Automatic MDM enrollment by Group Policy failed (event 76): the user's UPN has an \
         unverified or non-routable suffix such as .local, or the MDM user scope is None.",
        "Move the UPN to a verified domain suffix and run a delta sync (or use Alternate Login \
         ID); set the MDM user scope to All or Some.",
        &[INTUNE],
    ),
    e(
        "0x80180022",
        "",
        &[MdmEnrollment],
        "The device runs Windows Home edition, which cannot enroll.",
        "Upgrade to Windows Pro or a higher edition.",
        &[INTUNE],
    ),
    e(
        "0x80180002",
        "MENROLL_E_DEVICE_AUTHENTICATION_ERROR",
        &[MdmEnrollment],
        "The enrollment server could not authenticate the user.",
        "Check the user's credentials and that the account may enroll devices.",
        &[MDMREG],
    ),
    e(
        "0x80180003",
        "MENROLL_E_DEVICE_AUTHORIZATION_ERROR",
        &[MdmEnrollment],
        "The user is not authorized to enroll the device.",
        "Check the MDM user scope and the enrollment restrictions that apply to the user.",
        &[MDMREG],
    ),
];
