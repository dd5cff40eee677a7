//! Share links: the output travels in the URL fragment, opens in a fresh browser to the same
//! report, follows edits without adding history entries, and a broken link gets a message.

use dsreg_e2e::{Browser, StaticServer, dist_dir};

const HYBRID_SCP_MISSING: &str =
    include_str!("../../../fixtures/corpus/002-ws2022-domainonly-scp-missing-proxy-wrapped.txt");

async fn js(browser: &Browser, script: &str) -> serde_json::Value {
    browser
        .client
        .execute(script, vec![])
        .await
        .expect("script")
}

#[tokio::test]
async fn a_permalink_opens_the_same_report_in_a_fresh_browser() {
    let server = StaticServer::start(dist_dir());
    let first = Browser::start(1280, 900, "light").await;
    first.open(&server.url()).await;
    let history_before = js(&first, "return history.length;").await;
    first.paste(HYBRID_SCP_MISSING).await;
    first.wait_until("location.hash.startsWith('#v1=')").await;
    let verdict = first.text(".verdict").await;
    let link = js(&first, "return location.href;").await;
    let link = link.as_str().expect("href").to_owned();
    assert_eq!(
        js(&first, "return history.length;").await,
        history_before,
        "no history entries"
    );
    // Redaction is on by default: the link carries no identifier of the original.
    let fragment_text = js(&first, "return location.hash;").await;
    assert!(!fragment_text.as_str().unwrap_or_default().is_empty());
    first
        .wait_until(
            "document.querySelector('.share-note').textContent.includes('Replaced with consistent placeholders')",
        )
        .await;
    first.close().await;

    let second = Browser::start(1280, 900, "light").await;
    second.open(&link).await;
    second
        .wait_until("document.querySelector('.verdict') !== null")
        .await;
    assert_eq!(
        second.text(".verdict").await,
        verdict,
        "same verdict from the link"
    );
    let area = js(&second, "return document.querySelector('#paste').value;").await;
    let area = area.as_str().unwrap_or_default();
    assert!(
        area.contains("AzureAdJoined"),
        "the paste area shows the shared output"
    );
    assert!(
        !area.contains("fabrik-ws2022-s"),
        "the host name was redacted before sharing"
    );
    let errors: Vec<_> = second
        .console()
        .await
        .into_iter()
        .filter(|e| e.level == "SEVERE")
        .collect();
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    second.close().await;
}

#[tokio::test]
async fn a_broken_or_future_link_gets_a_message() {
    let server = StaticServer::start(dist_dir());
    for (fragment, expected) in [
        ("#v1=@@not-base64@@", "damaged"),
        ("#v1=AAAA", "damaged"),
        ("#v9=AAAA", "newer version"),
    ] {
        let browser = Browser::start(1024, 768, "light").await;
        browser.open(&format!("{}{fragment}", server.url())).await;
        browser
            .wait_until("document.querySelector('.notice') !== null")
            .await;
        let notice = browser.text(".notice").await;
        assert!(
            notice.contains("could not be opened"),
            "{fragment}: {notice}"
        );
        assert!(notice.contains(expected), "{fragment}: {notice}");
        browser.close().await;
    }
}

#[tokio::test]
async fn exports_confirm_what_they_did() {
    let server = StaticServer::start(dist_dir());
    let browser = Browser::start(1280, 900, "light").await;
    browser.open(&server.url()).await;
    browser.paste(HYBRID_SCP_MISSING).await;
    browser
        .wait_until("document.querySelector('.share') !== null")
        .await;
    for (button, expected) in [
        ("Copy share link", "share link"),
        ("Copy Markdown summary", "Markdown summary"),
        ("Download JSON", "dsregcmd-report.json"),
    ] {
        browser.click_button(button).await;
        browser
            .wait_until(&format!(
                "document.querySelector('.confirmation').textContent.includes({expected:?})"
            ))
            .await;
    }
    browser.close().await;
}

#[tokio::test]
async fn back_and_forward_move_between_share_links() {
    const ENTRA_JOINED: &str =
        include_str!("../../../fixtures/corpus/012-aadj-hostname-updated-cloudtgt.txt");
    let server = StaticServer::start(dist_dir());
    let browser = Browser::start(1280, 900, "light").await;
    browser.open(&server.url()).await;

    // The link of the Entra joined output, then the hybrid one pasted over it (replaced in
    // place: still one history entry).
    browser.paste(ENTRA_JOINED).await;
    browser.wait_until("location.hash.length > 10").await;
    let entra_link = js(&browser, "return location.hash;").await;
    browser.paste(HYBRID_SCP_MISSING).await;
    browser
        .wait_until(&format!("location.hash !== {entra_link}"))
        .await;

    // Following the first link is a navigation: it adds an entry and shows that report.
    browser
        .client
        .execute("location.hash = arguments[0];", vec![entra_link])
        .await
        .expect("follow the link");
    browser
        .wait_until(
            "document.querySelector('.verdict').textContent.includes('Microsoft Entra joined')",
        )
        .await;
    browser.client.back().await.expect("back");
    browser
        .wait_until("document.querySelector('.verdict').textContent.includes('Domain joined only')")
        .await;
    browser.client.forward().await.expect("forward");
    browser
        .wait_until(
            "document.querySelector('.verdict').textContent.includes('Microsoft Entra joined')",
        )
        .await;
    browser.close().await;
}
