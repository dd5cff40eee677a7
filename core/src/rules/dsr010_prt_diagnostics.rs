//! DSR010 `prt-diagnostics`: decodes the AcquirePrtDiagnostics / RefreshPrtDiagnostics blocks
//! of the SSO State (attempt status, HTTP status and error, server error code and description,
//! credential type, endpoint) and names the likely cause.

use alloc::borrow::ToOwned;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::{Ctx, Finding, Rule, Severity, contains_ci, explain_code};
use crate::catalog::BlockKind;
use crate::codes::{self, Context};
use crate::model::{BlockRef, SectionRef};
use crate::sources;
use crate::value::Value;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "DSR010",
    name: "prt-diagnostics",
    severity: Severity::Critical,
    docs: docs! {
        checks: "Reads each AcquirePrtDiagnostics and RefreshPrtDiagnostics block (Windows 10 \
                 21H1 and later): when the failed attempt happened, for whom, with which \
                 credential, against which endpoint, and what came back (Attempt Status, HTTP \
                 Error, HTTP Status, Server Error Code and Description). It matches known \
                 combinations to a cause through the code table, for example AADSTS50126 (wrong \
                 password or a password change not synced yet), AADSTS90002 (no tenant for the \
                 name in the request, often a UPN suffix such as contoso.local), MSIS errors \
                 from AD FS, or 0xc000006d with invalid_grant and no AADSTS code, read by the \
                 endpoint: AD FS refused a federated user's credentials, or (managed) a wrong \
                 or not yet synced password. The block also counts when a chat or ticket quotes \
                 its fields without the `…PrtDiagnostics : PRESENT` line. Critical when the PRT \
                 the block belongs to is missing, warning otherwise.",
        matters: "Windows only prints these blocks when an attempt failed after the last \
                  successful PRT update: they are the most direct explanation of missing single \
                  sign-on. On a shared device the attempt may belong to another user.",
        fix: "Follow the cause named in the finding. The Correlation ID and the time let \
              Microsoft support or the Entra sign-in logs find the same request on the server \
              side.",
    },
    check,
};

/// Which PRT a diagnostics block is about.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Prt {
    Entra,
    Enterprise,
}

fn check(ctx: &Ctx<'_>) -> Vec<Finding> {
    let mut found = Vec::new();
    for section in ctx.doc.sections() {
        for block in section.blocks() {
            let kind = block.kind();
            if !matches!(
                kind,
                BlockKind::AcquirePrtDiagnostics
                    | BlockKind::RefreshPrtDiagnostics
                    | BlockKind::PrtDiagnostics
            ) {
                continue;
            }
            found.push(diagnose(ctx, section, block, kind));
        }
    }
    found
}

/// The value of `key` in the block, trimmed, empty when absent.
fn text(block: &BlockRef<'_>, key: &str) -> String {
    block
        .field(key)
        .map(|f| f.raw().trim().to_owned())
        .unwrap_or_default()
}

/// The PRT a block follows: the last `AzureAdPrt…` or `EnterprisePrt…` key before its head.
fn which_prt(section: SectionRef<'_>, block: &BlockRef<'_>) -> Prt {
    let head_line = block
        .head()
        .or_else(|| block.fields().next())
        .map_or(usize::MAX, |f| f.line());
    let mut prt = None;
    for f in section.fields() {
        if f.line() >= head_line {
            break;
        }
        let key = f.key().trim();
        if key.len() >= 10 && key[..10].eq_ignore_ascii_case("azureadprt") {
            prt = Some(Prt::Entra);
        } else if key.len() >= 13 && key[..13].eq_ignore_ascii_case("enterpriseprt") {
            prt = Some(Prt::Enterprise);
        }
    }
    prt.unwrap_or_else(|| {
        if contains_ci(&text(block, "Endpoint URI"), "/adfs/") {
            Prt::Enterprise
        } else {
            Prt::Entra
        }
    })
}

/// A cause: short clause for the title, explanation, steps.
struct Cause {
    short: String,
    explanation: String,
    steps: Vec<(String, Option<&'static str>)>,
}

/// The cause the code table gives for a code found in the block, when it names one (its
/// entry has a title): the title clause, the meaning and the steps.
fn known_cause(info: &codes::CodeInfo) -> Option<Cause> {
    let title = info.title?;
    Some(Cause {
        short: title.to_owned(),
        explanation: info.meaning.to_owned(),
        steps: info
            .fix
            .iter()
            .map(|f| (f.text.to_owned(), Some(f.link.unwrap_or(sources::PRT))))
            .collect(),
    })
}

fn cause(
    status: &str,
    endpoint: &str,
    http_error: Option<&str>,
    http_status: &str,
    server_code: &str,
    description: &str,
) -> Cause {
    let step = |t: &str, l: Option<&'static str>| (t.to_owned(), l);
    let found = codes::scan(description);
    // An AD FS error first: the code table names the ones with a known cause.
    if let Some(msis) = found.iter().find(|c| c.kind == codes::CodeKind::Msis) {
        if let Some(c) = codes::lookup(msis.text, Context::PrtServerError).and_then(known_cause) {
            return c;
        }
        return Cause {
            short: format!("AD FS refused the request ({})", msis.text),
            explanation: format!(
                "The federation server answered with {}; its AD FS Admin event log has the \
                 details of this request.",
                msis.text
            ),
            steps: alloc::vec![step(
                "Look the MSIS error up in the AD FS Admin event log on the federation servers \
                 at the time of the attempt.",
                Some(sources::PRT),
            )],
        };
    }
    if let Some(aadsts) = found.iter().find(|c| c.kind == codes::CodeKind::Aadsts) {
        if let Some(c) = codes::lookup(aadsts.text, Context::PrtServerError).and_then(known_cause) {
            return c;
        }
        let (meaning, fix) = explain_code(aadsts.text, Context::PrtServerError);
        let mut steps: Vec<_> = fix
            .iter()
            .map(|f| (f.text.to_owned(), Some(f.link.unwrap_or(sources::PRT))))
            .collect();
        steps.push(step(
            "Look the code up in the Entra sign-in error reference and the sign-in logs.",
            Some(sources::AADSTS),
        ));
        return Cause {
            short: format!("Entra ID refused the request ({})", aadsts.text),
            explanation: meaning,
            steps,
        };
    }
    // A server word (invalid_grant) without a code: what else the block shows (the attempt
    // status, the endpoint) picks the reading.
    if !server_code.is_empty() {
        let evidence = format!("{status} {endpoint}");
        if let Some(c) = codes::lookup_with_message(server_code, Context::PrtServerError, &evidence)
            .and_then(known_cause)
        {
            return c;
        }
    }
    if let Some(e) = http_error {
        let (meaning, fix) = explain_code(e, Context::PrtHttpError);
        let mut steps: Vec<_> = fix
            .iter()
            .map(|f| (f.text.to_owned(), Some(f.link.unwrap_or(sources::PRT))))
            .collect();
        steps.push(step(
            "Check the device reaches the endpoint above through the proxy the user's \
             session uses.",
            Some(sources::PRT),
        ));
        return Cause {
            short: format!("the endpoint could not be reached (HTTP Error {e})"),
            explanation: meaning,
            steps,
        };
    }
    let (meaning, fix) = if status.is_empty() {
        ("The block carries no Attempt Status.".to_owned(), &[][..])
    } else {
        explain_code(status, Context::PrtAttemptStatus)
    };
    let steps = fix
        .iter()
        .map(|f| (f.text.to_owned(), Some(f.link.unwrap_or(sources::PRT))))
        .collect();
    let short = match (server_code.is_empty(), http_status.is_empty()) {
        (false, _) => format!("the server answered {server_code}"),
        (true, false) => format!("the server answered HTTP {http_status}"),
        (true, true) if !status.is_empty() => format!("attempt status {status}"),
        _ => "no reason recorded".to_owned(),
    };
    Cause {
        short,
        explanation: meaning,
        steps,
    }
}

fn diagnose(
    ctx: &Ctx<'_>,
    section: SectionRef<'_>,
    block: BlockRef<'_>,
    kind: BlockKind,
) -> Finding {
    let prt = which_prt(section, &block);
    let (prt_name, prt_key) = match prt {
        Prt::Entra => ("Entra PRT", "AzureAdPrt"),
        Prt::Enterprise => ("Enterprise PRT", "EnterprisePrt"),
    };
    let action = match kind {
        BlockKind::RefreshPrtDiagnostics => "refresh",
        _ => "acquisition",
    };
    let status = text(&block, "Attempt Status");
    let http_error_field = block.field("HTTP Error");
    let http_error = http_error_field.and_then(|f| match f.value() {
        Value::Code(c) if c.0 != 0 => Some(f.raw().trim().to_owned()),
        Value::Number(n) if n != 0 => Some(f.raw().trim().to_owned()),
        _ => None,
    });
    // `HTTP Status : 0` means no answer came back at all.
    let http_status = text(&block, "HTTP Status");
    let http_status = if http_status == "0" {
        String::new()
    } else {
        http_status
    };
    let server_code = text(&block, "Server Error Code");
    let description = text(&block, "Server Error Description");
    let c = cause(
        &status,
        &text(&block, "Endpoint URI"),
        http_error.as_deref(),
        &http_status,
        &server_code,
        &description,
    );

    // As SYSTEM the PRT flags describe no user, so they say nothing about this attempt.
    let present = section
        .field(prt_key)
        .or_else(|| ctx.field("SSO State", prt_key))
        .and_then(|f| f.value().as_bool())
        .filter(|_| ctx.user_data());
    // A PRT renewed after this attempt: the failure is history, not the device's state now.
    let update_key = match prt {
        Prt::Entra => "AzureAdPrtUpdateTime",
        Prt::Enterprise => "EnterprisePrtUpdateTime",
    };
    let attempted = block
        .field("Previous Prt Attempt")
        .and_then(|f| match f.value() {
            Value::Timestamp(t) => Some(t),
            _ => None,
        });
    let renewed = section
        .field(update_key)
        .or_else(|| ctx.field("SSO State", update_key))
        .filter(|_| present == Some(true))
        .and_then(|f| match f.value() {
            Value::Timestamp(t) => Some(t),
            _ => None,
        });
    let renewed_since = matches!((attempted, renewed), (Some(a), Some(u)) if u > a);
    let severity = match (prt, present) {
        (Prt::Entra, Some(false)) => Severity::Critical,
        _ if renewed_since => Severity::Info,
        _ => Severity::Warning,
    };

    // What happened, from the block's own fields.
    let mut what = format!("An {prt_name} {action} failed");
    let when = text(&block, "Previous Prt Attempt");
    if !when.is_empty() {
        what.push_str(&format!(" ({when})"));
    }
    let user = text(&block, "User Identity");
    if !user.is_empty() {
        what.push_str(&format!(" for {user}"));
    }
    let cred = text(&block, "Credential Type");
    if !cred.is_empty() {
        let c = if cred.eq_ignore_ascii_case("ngc") {
            "Windows Hello (NGC)"
        } else {
            cred.as_str()
        };
        what.push_str(&format!(" with a {c} credential"));
    }
    let endpoint = text(&block, "Endpoint URI");
    if !endpoint.is_empty() {
        what.push_str(&format!(" against {endpoint}"));
    }
    what.push('.');
    let mut answer = Vec::new();
    if !http_status.is_empty() {
        answer.push(format!("HTTP {http_status}"));
    }
    if !server_code.is_empty() {
        answer.push(server_code.clone());
    }
    if !description.is_empty() {
        answer.push(format!("\"{description}\""));
    }
    if !answer.is_empty() {
        what.push_str(&format!(" The server answered {}.", answer.join(", ")));
    }
    if !status.is_empty() {
        let symbol = codes::lookup(&status, Context::PrtAttemptStatus)
            .map(|i| i.symbol)
            .filter(|s| !s.is_empty());
        match symbol {
            Some(symbol) => what.push_str(&format!(" Attempt Status was {status} ({symbol}).")),
            None => what.push_str(&format!(" Attempt Status was {status}.")),
        }
    }
    let present_note = match (present, renewed) {
        (Some(true), Some(update)) if renewed_since => format!(
            " The {prt_name} was renewed after this attempt ({update_key} {update}): the \
             failure is history, and nothing shows it failing now. Act if it comes back."
        ),
        (Some(true), Some(update)) => format!(
            " A {prt_name} is still present, last renewed before this attempt \
             ({update_key} {update}), so renewals are failing (on a shared device it may be \
             another user's attempt)."
        ),
        (Some(true), None) => format!(
            " A {prt_name} is still present; if this attempt came after its last update, \
             renewals are failing (on a shared device it may be another user's attempt)."
        ),
        (Some(false), _) => format!(" No {prt_name} is present."),
        (None, _) => String::new(),
    };

    // AADSTS90002 names the tenant it looked for: a domain that is not routable is the
    // user's UPN suffix, which can never be a verified domain.
    if contains_ci(&description, "AADSTS90002")
        && let Some(name) = description.split('\'').nth(1)
        && name.contains('.')
        && super::non_routable(name)
    {
        what.push_str(&format!(
            " The tenant it looked for, {name}, is a domain that is not routable, so it cannot be \
             a verified domain of any tenant: it is the user's UPN suffix."
        ));
    }
    let when_failed = if renewed_since {
        " before its last renewal"
    } else {
        ""
    };
    let mut finding = Finding::new(
        &RULE,
        format!("{prt_name} {action} failed{when_failed}, {}", c.short),
    )
    .severity(severity)
    .explain(format!(
        "{what} Likely cause: {}{present_note}",
        c.explanation
    ));
    for f in block.fields() {
        if matches!(
            crate::text::normalize(f.key(), &mut [0; 48]),
            Some("correlationid" | "httpmethod")
        ) {
            continue;
        }
        finding = finding.evidence(&f);
    }
    for (text, link) in c.steps {
        finding = finding.step(text, link);
    }
    let correlation = text(&block, "Correlation ID");
    if !correlation.is_empty() {
        finding = finding.step(
            format!(
                "To follow the request on the server side, search the Entra sign-in logs (or \
                 give Microsoft support) Correlation ID {correlation} around the attempt time."
            ),
            Some(sources::PRT),
        );
    }
    for code in [
        Some(status.as_str()),
        http_error.as_deref(),
        Some(server_code.as_str()),
    ]
    .into_iter()
    .flatten()
    {
        finding = finding.code(code);
    }
    for found in codes::scan(&description) {
        finding = finding.code(found.text);
    }
    finding.cause(match prt {
        Prt::Entra => "prt-attempt",
        Prt::Enterprise => "enterprise-prt",
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{run, table};

    const SEED: &str = "| SSO State |
                AzureAdPrt : NO
       AzureAdPrtAuthority : https://login.microsoftonline.com/aaaabbbb-0000-cccc-1111-dddd2222eeee
     AcquirePrtDiagnostics : PRESENT
      Previous Prt Attempt : 2020-07-18 20:10:33.789 UTC
            Attempt Status : 0xc000006d
             User Identity : john@contoso.com
           Credential Type : Password
            Correlation ID : aaaa0000-bb11-2222-33cc-444444dddddd
              Endpoint URI : https://login.microsoftonline.com/aaaabbbb-0000-cccc-1111-dddd2222eeee/oauth2/token/
               HTTP Method : POST
                HTTP Error : 0x0
               HTTP status : 400
         Server Error Code : invalid_grant
  Server Error Description : AADSTS50126: Error validating credentials due to invalid username or password.
             EnterprisePrt : YES
";

    fn block(prt: &str, status: &str, http_error: &str, code: &str, desc: &str) -> String {
        alloc::format!(
            "| SSO State |\nAzureAdPrt : {prt}\nAzureAdPrtAuthority : https://login.microsoftonline.com/x\nRefreshPrtDiagnostics : PRESENT\nPrevious Prt Attempt : 2021-01-01 00:00:00.000 UTC\nAttempt Status : {status}\nCredential Type : Password\nEndpoint URI : https://login.microsoftonline.com/x/oauth2/token/\nHTTP Error : {http_error}\nHTTP status : 400\nServer Error Code : {code}\nServer Error Description : {desc}\n"
        )
    }

    #[test]
    fn a_failure_older_than_the_last_renewal_is_history() {
        let with_update = |update: &str| {
            block(
                "YES",
                "0xc000006d",
                "0x0",
                "invalid_grant",
                "AADSTS50126: bad password.",
            )
            .replacen(
                "AzureAdPrt : YES\n",
                &alloc::format!("AzureAdPrt : YES\nAzureAdPrtUpdateTime : {update}\n"),
                1,
            )
        };
        // Renewed a day after the attempt: a note, said so.
        let found = run(&RULE, &with_update("2021-01-02 00:00:00.000 UTC"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Info);
        assert!(
            found[0].title.contains("before its last renewal"),
            "{}",
            found[0].title
        );
        assert!(found[0].explanation.contains("renewed after this attempt"));
        // Last renewed before the attempt: renewals are failing.
        let found = run(&RULE, &with_update("2020-12-31 00:00:00.000 UTC"));
        assert_eq!(found[0].severity, Severity::Warning);
        assert!(found[0].explanation.contains("so renewals are failing"));
        // No update time: the reading says what it depends on.
        let found = run(
            &RULE,
            &block("YES", "0xc000006d", "0x0", "invalid_grant", "x"),
        );
        assert_eq!(found[0].severity, Severity::Warning);
        assert!(
            found[0]
                .explanation
                .contains("if this attempt came after its last update")
        );
    }

    #[test]
    fn pass_fail() {
        table(
            &RULE,
            &[
                "| SSO State |\nAzureAdPrt : YES\nAzureAdPrtUpdateTime : 2021-01-01 00:00:00.000 UTC\n",
            ],
            &[
                (SEED, Severity::Critical, "wrong password"),
                (
                    &block(
                        "YES",
                        "0xc000006d",
                        "0x0",
                        "invalid_grant",
                        "AADSTS90002: Tenant 'contoso.local' not found.",
                    ),
                    Severity::Warning,
                    "no tenant for the user's sign-in",
                ),
                // invalid_grant without an AADSTS code: the endpoint says whose check failed.
                (
                    &block("NO", "0xc000006d", "0x0", "invalid_grant", "").replace(
                        "login.microsoftonline.com/x/oauth2",
                        "sts.contoso.com/adfs/services/trust/13",
                    ),
                    Severity::Critical,
                    "AD FS refused the user's credentials",
                ),
                (
                    &block("NO", "0xc000006d", "0x0", "invalid_grant", ""),
                    Severity::Critical,
                    "refused the sign-in credential",
                ),
                (
                    &block("NO", "0xc000023c", "0x80072ee2", "", ""),
                    Severity::Critical,
                    "could not be reached",
                ),
                (
                    &block(
                        "NO",
                        "0xc000006d",
                        "0x0",
                        "invalid_grant",
                        "AADSTS50155: Device authentication failed",
                    ),
                    Severity::Critical,
                    "AADSTS50155",
                ),
            ],
        );
        let f = &run(&RULE, SEED)[0];
        assert_eq!(f.codes, ["0xc000006d", "invalid_grant", "AADSTS50126"]);
        assert!(f.explanation.contains("john@contoso.com"));
        assert!(f.title.starts_with("Entra PRT acquisition failed"));
    }

    #[test]
    fn enterprise_block_is_about_ad_fs() {
        let input = "| SSO State |\nAzureAdPrt : YES\nEnterprisePrt : NO\nEnterprisePrtAuthority :\nAcquirePrtDiagnostics : PRESENT\nAttempt Status : 0xc000006d\nEndpoint URI : https://adfs.contoso.com/adfs/oauth2/token/\nHTTP Error : 0x0\nHTTP status : 400\nServer Error Code : invalid_grant\nServer Error Description : MSIS9682: Received invalid OAuth JWT Bearer request.\n";
        let f = &run(&RULE, input)[0];
        assert_eq!(f.severity, Severity::Warning);
        assert!(
            f.title
                .starts_with("Enterprise PRT acquisition failed, AD FS does not recognise"),
            "{}",
            f.title
        );
    }
}
