//! The one-file build (`dist/dsregcmd-analyzer.html`) opened from disk: it starts with no
//! network at all, reads a paste, makes a share link that points at the file itself, and logs
//! no error; its policy allows only its own inline code and no connection from the start.

use dsreg_e2e::{Browser, dist_dir};

const HYBRID_SCP_MISSING: &str =
    include_str!("../../../fixtures/corpus/002-ws2022-domainonly-scp-missing-proxy-wrapped.txt");

#[tokio::test]
async fn the_single_file_works_from_disk_without_any_request() {
    let file = dist_dir().join("dsregcmd-analyzer.html");
    assert!(
        file.is_file(),
        "{} missing: cargo xtask dist writes it",
        file.display()
    );
    let html = std::fs::read_to_string(&file).expect("read the single file");
    let policy = html
        .split("http-equiv=\"Content-Security-Policy\" content=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a Content-Security-Policy");
    assert!(policy.contains("connect-src 'none'"), "{policy}");
    assert!(policy.contains("script-src 'sha256-"), "{policy}");
    assert!(
        !policy.contains("unsafe-inline") && !policy.contains("'self'"),
        "{policy}"
    );

    let url = format!("file://{}", file.canonicalize().expect("path").display());
    let browser = Browser::start(1280, 900, "light").await;
    browser.open(&url).await;
    browser.paste(HYBRID_SCP_MISSING).await;
    let verdict = browser.verdict().await;
    assert!(verdict.contains("Domain joined only"), "verdict: {verdict}");
    browser.wait_until("location.hash.startsWith('#v1=')").await;
    let state = browser
        .client
        .execute(
            "return [location.href.split('#')[0], performance.getEntriesByType('resource').length];",
            vec![],
        )
        .await
        .expect("state");
    assert_eq!(
        state[0].as_str(),
        Some(url.as_str()),
        "the link points at the file"
    );
    assert_eq!(state[1].as_i64(), Some(0), "no resource was requested");
    browser.screenshot("single-file-desktop-light.png").await;
    browser.assert_quiet_console().await;
    browser.close().await;
}
