//! The page loads, takes a paste, renders, and stays within its Content-Security-Policy.

use dsreg_e2e::{Browser, StaticServer, dist_dir};

const SAMPLE: &str = "\
+----------------------------------------------------------------------+
| Device State                                                         |
+----------------------------------------------------------------------+

             AzureAdJoined : YES
          EnterpriseJoined : NO
              DomainJoined : NO
";

#[tokio::test]
async fn paste_renders_without_console_errors() {
    let server = StaticServer::start(dist_dir());
    let browser = Browser::start(1280, 900, "light").await;
    browser.open(&server.url()).await;

    assert_eq!(browser.text("h1").await, "dsregcmd analyzer");
    browser.paste(SAMPLE).await;
    let verdict = browser.verdict().await;
    assert!(
        verdict.contains("Microsoft Entra joined"),
        "verdict: {verdict}"
    );

    let shot = browser.screenshot("shell-desktop-light.png").await;
    assert!(
        std::fs::metadata(&shot)
            .map(|m| m.len() > 1000)
            .unwrap_or(false)
    );

    browser.assert_quiet_console().await;
    browser.close().await;
}

#[tokio::test]
async fn after_start_the_page_cannot_connect_anywhere() {
    let server = StaticServer::start(dist_dir());
    let browser = Browser::start(1024, 768, "light").await;
    browser.open(&server.url()).await;

    let policy: Vec<String> = browser
        .client
        .execute(
            "return [...document.querySelectorAll('meta[http-equiv=\"Content-Security-Policy\"]')].map(m => m.content);",
            vec![],
        )
        .await
        .expect("read policies")
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect();
    let first = policy.first().expect("a CSP meta tag");
    for directive in [
        "default-src 'none'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "object-src 'none'",
    ] {
        assert!(first.contains(directive), "CSP lacks {directive}: {first}");
    }
    assert!(
        !first.contains("unsafe-inline"),
        "CSP allows inline code: {first}"
    );
    assert_eq!(
        policy.last().map(String::as_str),
        Some("connect-src 'none'"),
        "lockdown policy: {policy:?}"
    );

    // Even a same-origin fetch is refused once the app runs.
    let outcome = browser
        .client
        .execute_async(
            "const done = arguments[0];
             fetch('./index.html').then(() => done('fetched'), e => done('refused: ' + e.name));",
            vec![],
        )
        .await
        .expect("fetch attempt");
    assert_eq!(outcome.as_str(), Some("refused: TypeError"));

    let requests = server.requests();
    assert!(
        !requests.iter().any(|r| r.starts_with("GET /index.html")),
        "the refused fetch reached the server: {requests:?}"
    );
    browser.close().await;
}
