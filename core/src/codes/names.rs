//! Generic decoding tables: facility names, common Win32/WinHTTP errors, common NTSTATUS and
//! HRESULT values, and OAuth/server error words. Short meanings in our own words.

/// A named value: `(value, symbol, short meaning)`.
pub(crate) type Named = (u32, &'static str, &'static str);

/// HRESULT facility names (bits 16–26).
pub(crate) const FACILITIES: &[(u16, &str)] = &[
    (0, "NULL"),
    (1, "RPC"),
    (2, "DISPATCH"),
    (3, "STORAGE"),
    (4, "ITF"),
    (7, "WIN32"),
    (8, "WINDOWS"),
    (9, "SECURITY"),
    (10, "CONTROL"),
    (11, "CERT"),
    (12, "INTERNET"),
    (13, "MEDIASERVER"),
    (14, "MSMQ"),
    (15, "SETUPAPI"),
    (16, "SCARD"),
    (17, "COMPLUS"),
    (19, "URT"),
    (23, "SXS"),
    (24, "WINDOWS_CE (MDM enrollment, MENROLL_E_*)"),
    (25, "HTTP"),
    (28, "device registration (DSREG_*)"),
    (32, "BACKGROUNDCOPY"),
    (33, "CONFIGURATION"),
    (36, "WINDOWSUPDATE"),
    (37, "DIRECTORYSERVICE"),
    (39, "SHELL"),
    (40, "TPM_SERVICES"),
    (41, "TPM_SOFTWARE"),
    (49, "FVE (BitLocker)"),
    (51, "WINRM"),
    (80, "WINDOWS_DEFENDER"),
];

/// Common Win32 error codes, including the WinHTTP 12xxx range.
pub(crate) const WIN32: &[Named] = &[
    (0, "ERROR_SUCCESS", "no error"),
    (
        1,
        "ERROR_INVALID_FUNCTION",
        "the function is not valid here",
    ),
    (2, "ERROR_FILE_NOT_FOUND", "a file or object was not found"),
    (3, "ERROR_PATH_NOT_FOUND", "a path was not found"),
    (5, "ERROR_ACCESS_DENIED", "access was denied"),
    (6, "ERROR_INVALID_HANDLE", "an invalid handle was used"),
    (8, "ERROR_NOT_ENOUGH_MEMORY", "not enough memory"),
    (13, "ERROR_INVALID_DATA", "the data is not valid"),
    (14, "ERROR_OUTOFMEMORY", "not enough memory"),
    (50, "ERROR_NOT_SUPPORTED", "the request is not supported"),
    (53, "ERROR_BAD_NETPATH", "the network path was not found"),
    (87, "ERROR_INVALID_PARAMETER", "a parameter is not valid"),
    (122, "ERROR_INSUFFICIENT_BUFFER", "a buffer was too small"),
    (258, "WAIT_TIMEOUT", "a wait timed out"),
    (1058, "ERROR_SERVICE_DISABLED", "the service is disabled"),
    (
        1060,
        "ERROR_SERVICE_DOES_NOT_EXIST",
        "the service is not installed",
    ),
    (1168, "ERROR_NOT_FOUND", "an element was not found"),
    (1222, "ERROR_NO_NETWORK", "the network is not present"),
    (
        1223,
        "ERROR_CANCELLED",
        "the operation was cancelled by the user",
    ),
    (
        1236,
        "ERROR_CONNECTION_ABORTED",
        "the local system aborted the connection",
    ),
    (
        1311,
        "ERROR_NO_LOGON_SERVERS",
        "no domain controller is available to authenticate",
    ),
    (
        1312,
        "ERROR_NO_SUCH_LOGON_SESSION",
        "the logon session does not exist",
    ),
    (
        1317,
        "ERROR_NO_SUCH_USER",
        "the user or computer account does not exist",
    ),
    (1326, "ERROR_LOGON_FAILURE", "wrong user name or password"),
    (1330, "ERROR_PASSWORD_EXPIRED", "the password has expired"),
    (1331, "ERROR_ACCOUNT_DISABLED", "the account is disabled"),
    (
        1355,
        "ERROR_NO_SUCH_DOMAIN",
        "the domain does not exist or cannot be contacted",
    ),
    (1460, "ERROR_TIMEOUT", "the operation timed out"),
    (
        1722,
        "RPC_S_SERVER_UNAVAILABLE",
        "the RPC server is unavailable",
    ),
    (1793, "ERROR_ACCOUNT_EXPIRED", "the account has expired"),
    (
        1907,
        "ERROR_PASSWORD_MUST_CHANGE",
        "the password must be changed",
    ),
    (
        1908,
        "ERROR_DOMAIN_CONTROLLER_NOT_FOUND",
        "no domain controller was found",
    ),
    (
        1909,
        "ERROR_ACCOUNT_LOCKED_OUT",
        "the account is locked out",
    ),
    (
        12001,
        "ERROR_WINHTTP_OUT_OF_HANDLES",
        "WinHTTP ran out of handles",
    ),
    (12002, "ERROR_WINHTTP_TIMEOUT", "the HTTP request timed out"),
    (
        12004,
        "ERROR_WINHTTP_INTERNAL_ERROR",
        "WinHTTP internal error",
    ),
    (12005, "ERROR_WINHTTP_INVALID_URL", "the URL is not valid"),
    (
        12006,
        "ERROR_WINHTTP_UNRECOGNIZED_SCHEME",
        "the URL scheme is not recognised",
    ),
    (
        12007,
        "ERROR_WINHTTP_NAME_NOT_RESOLVED",
        "the server name could not be resolved (DNS)",
    ),
    (
        12017,
        "ERROR_WINHTTP_OPERATION_CANCELLED",
        "the HTTP operation was cancelled",
    ),
    (
        12029,
        "ERROR_WINHTTP_CANNOT_CONNECT",
        "no connection to the server could be made",
    ),
    (
        12030,
        "ERROR_WINHTTP_CONNECTION_ERROR",
        "the connection was reset or dropped",
    ),
    (
        12032,
        "ERROR_WINHTTP_RESEND_REQUEST",
        "the request has to be sent again",
    ),
    (
        12037,
        "ERROR_WINHTTP_SECURE_CERT_DATE_INVALID",
        "the server certificate has expired or is not yet valid",
    ),
    (
        12038,
        "ERROR_WINHTTP_SECURE_CERT_CN_INVALID",
        "the server certificate name does not match",
    ),
    (
        12044,
        "ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED",
        "the server asks for a client certificate",
    ),
    (
        12045,
        "ERROR_WINHTTP_SECURE_INVALID_CA",
        "the server certificate chains to an untrusted root",
    ),
    (
        12057,
        "ERROR_WINHTTP_SECURE_CERT_REV_FAILED",
        "the certificate revocation check could not complete",
    ),
    (
        12152,
        "ERROR_WINHTTP_INVALID_SERVER_RESPONSE",
        "the server response could not be parsed",
    ),
    (
        12157,
        "ERROR_WINHTTP_SECURE_CHANNEL_ERROR",
        "the TLS channel failed",
    ),
    (
        12166,
        "ERROR_WINHTTP_BAD_AUTO_PROXY_SCRIPT",
        "the proxy auto-config (PAC) script has an error",
    ),
    (
        12167,
        "ERROR_WINHTTP_UNABLE_TO_DOWNLOAD_SCRIPT",
        "the PAC script could not be downloaded",
    ),
    (
        12169,
        "ERROR_WINHTTP_SECURE_INVALID_CERT",
        "the server certificate is not valid",
    ),
    (
        12170,
        "ERROR_WINHTTP_SECURE_CERT_REVOKED",
        "the server certificate was revoked",
    ),
    (
        12175,
        "ERROR_WINHTTP_SECURE_FAILURE",
        "a TLS/security error (WinINet: response decoding failed)",
    ),
    (
        12178,
        "ERROR_WINHTTP_AUTO_PROXY_SERVICE_ERROR",
        "the proxy auto-detection service failed",
    ),
    (
        12180,
        "ERROR_WINHTTP_AUTODETECTION_FAILED",
        "WPAD found no proxy auto-config (PAC) script",
    ),
];

/// Common NTSTATUS values.
pub(crate) const NTSTATUS: &[Named] = &[
    (0x0000_0000, "STATUS_SUCCESS", "no error"),
    (0xc000_0001, "STATUS_UNSUCCESSFUL", "the operation failed"),
    (
        0xc000_0008,
        "STATUS_INVALID_HANDLE",
        "an invalid handle was used",
    ),
    (
        0xc000_000d,
        "STATUS_INVALID_PARAMETER",
        "a parameter is not valid",
    ),
    (0xc000_0017, "STATUS_NO_MEMORY", "not enough memory"),
    (0xc000_0022, "STATUS_ACCESS_DENIED", "access was denied"),
    (
        0xc000_0034,
        "STATUS_OBJECT_NAME_NOT_FOUND",
        "the object name was not found",
    ),
    (
        0xc000_005e,
        "STATUS_NO_LOGON_SERVERS",
        "no domain controller is available to authenticate",
    ),
    (
        0xc000_005f,
        "STATUS_NO_SUCH_LOGON_SESSION",
        "the logon session does not exist",
    ),
    (
        0xc000_0064,
        "STATUS_NO_SUCH_USER",
        "the user account does not exist",
    ),
    (
        0xc000_006a,
        "STATUS_WRONG_PASSWORD",
        "the password is wrong",
    ),
    (
        0xc000_006d,
        "STATUS_LOGON_FAILURE",
        "the logon attempt failed",
    ),
    (
        0xc000_006e,
        "STATUS_ACCOUNT_RESTRICTION",
        "an account restriction blocked the logon",
    ),
    (
        0xc000_006f,
        "STATUS_INVALID_LOGON_HOURS",
        "logon is not allowed at this time",
    ),
    (
        0xc000_0070,
        "STATUS_INVALID_WORKSTATION",
        "logon is not allowed from this computer",
    ),
    (
        0xc000_0071,
        "STATUS_PASSWORD_EXPIRED",
        "the password has expired",
    ),
    (
        0xc000_0072,
        "STATUS_ACCOUNT_DISABLED",
        "the account is disabled",
    ),
    (
        0xc000_009a,
        "STATUS_INSUFFICIENT_RESOURCES",
        "system resources ran out",
    ),
    (
        0xc000_00bb,
        "STATUS_NOT_SUPPORTED",
        "the request is not supported",
    ),
    (
        0xc000_00be,
        "STATUS_BAD_NETWORK_PATH",
        "the network path was not found",
    ),
    (
        0xc000_00c4,
        "STATUS_UNEXPECTED_NETWORK_ERROR",
        "an unexpected network error occurred",
    ),
    (
        0xc000_00d0,
        "STATUS_REQUEST_NOT_ACCEPTED",
        "the request was not accepted",
    ),
    (
        0xc000_0120,
        "STATUS_CANCELLED",
        "the operation was cancelled",
    ),
    (
        0xc000_0133,
        "STATUS_TIME_DIFFERENCE_AT_DC",
        "the clock differs too much from the domain controller",
    ),
    (
        0xc000_015b,
        "STATUS_LOGON_TYPE_NOT_GRANTED",
        "the user lacks the right for this logon type",
    ),
    (
        0xc000_0193,
        "STATUS_ACCOUNT_EXPIRED",
        "the account has expired",
    ),
    (
        0xc000_0224,
        "STATUS_PASSWORD_MUST_CHANGE",
        "the password must be changed",
    ),
    (0xc000_0225, "STATUS_NOT_FOUND", "the object was not found"),
    (
        0xc000_0234,
        "STATUS_ACCOUNT_LOCKED_OUT",
        "the account is locked out",
    ),
    (
        0xc000_023c,
        "STATUS_NETWORK_UNREACHABLE",
        "the network could not be reached",
    ),
];

/// Common generic HRESULT values (outside the FACILITY_WIN32 mapping).
pub(crate) const HRESULTS: &[Named] = &[
    (0x0000_0000, "S_OK", "no error"),
    (0x8000_4001, "E_NOTIMPL", "not implemented"),
    (
        0x8000_4002,
        "E_NOINTERFACE",
        "the interface is not supported",
    ),
    (0x8000_4003, "E_POINTER", "an invalid pointer was used"),
    (0x8000_4004, "E_ABORT", "the operation was aborted"),
    (0x8000_4005, "E_FAIL", "unspecified failure"),
    (0x8000_ffff, "E_UNEXPECTED", "unexpected failure"),
    (0x8007_0005, "E_ACCESSDENIED", "access was denied"),
    (0x8007_0006, "E_HANDLE", "an invalid handle was used"),
    (0x8007_000e, "E_OUTOFMEMORY", "not enough memory"),
    (0x8007_0057, "E_INVALIDARG", "an argument is not valid"),
];

/// OAuth 2.0 and registration-service error words that are not in the knowledge base:
/// `(word, meaning)`.
pub(crate) const SERVER_WORDS: &[(&str, &str)] = &[
    (
        "invalid_request",
        "OAuth error: the request is malformed or misses a parameter",
    ),
    (
        "invalid_client",
        "OAuth error: the client could not be authenticated",
    ),
    (
        "unauthorized_client",
        "OAuth error: the client may not use this grant type",
    ),
    (
        "unsupported_grant_type",
        "OAuth error: the server does not support this grant type",
    ),
    (
        "invalid_scope",
        "OAuth error: the requested scope is invalid or unknown",
    ),
    (
        "access_denied",
        "OAuth error: the resource owner or server refused the request",
    ),
    (
        "interaction_required",
        "OpenID Connect error: the user has to sign in interactively",
    ),
    (
        "server_error",
        "OAuth error: the server hit an unexpected condition",
    ),
    (
        "temporarily_unavailable",
        "OAuth error: the server is overloaded or in maintenance",
    ),
    (
        "DeviceNotFound",
        "registration-service sub-code: the device object was not found",
    ),
];
