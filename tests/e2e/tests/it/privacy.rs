//! Nothing leaves the browser: every request the page makes, from load through paste, drop,
//! opening a share link and every export, is one of its own static files, and there is none
//! at all after load. Hostile values in the output render as text and never run.

use dsreg_e2e::{Browser, StaticServer, dist_dir};
use serde_json::json;

const HYBRID_SCP_MISSING: &str =
    include_str!("../../../fixtures/corpus/002-ws2022-domainonly-scp-missing-proxy-wrapped.txt");

/// The static files `dist/` serves, by how their names start and end.
fn is_own_static_file(url: &str, origin: &str) -> bool {
    let Some(path) = url.strip_prefix(origin) else {
        return false;
    };
    let path = path.split(['#', '?']).next().unwrap_or_default();
    path.is_empty()
        || path == "index.html"
        || path == "loader.js"
        || (path.starts_with("dsreg-web-") && (path.ends_with(".js") || path.ends_with("_bg.wasm")))
        || (path.starts_with("main-") && path.ends_with(".css"))
        || (path.starts_with("favicon-") && path.ends_with(".svg"))
}

/// Requests that would leave the machine: everything but `blob:` and `data:` URLs (served
/// from the browser's memory) and the browser's own `chrome:` pages (the blank tab it starts
/// with, before the test navigates).
fn network(urls: Vec<String>) -> Vec<String> {
    urls.into_iter()
        .filter(|u| {
            !["blob:", "data:", "chrome:", "chrome-untrusted:", "about:"]
                .iter()
                .any(|s| u.starts_with(s))
        })
        .collect()
}

#[tokio::test]
async fn no_request_beyond_the_static_files_and_none_after_load() {
    let server = StaticServer::start(dist_dir());
    let origin = server.url();
    let browser = Browser::start(1280, 900, "light").await;
    browser.open(&origin).await;
    // Give late loads (the icon) their chance to happen before the line is drawn.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;

    let at_load = network(browser.requested_urls().await);
    assert!(
        at_load.iter().any(|u| u.ends_with("_bg.wasm")),
        "the performance log records the page load: {at_load:?}"
    );
    for url in &at_load {
        assert!(is_own_static_file(url, &origin), "requested at load: {url}");
    }
    let served_at_load = server.requests().len();

    // Paste, drop a file, and every export.
    browser.paste(HYBRID_SCP_MISSING).await;
    browser
        .wait_until("document.querySelector('.share') !== null")
        .await;
    browser
        .client
        .execute(
            "const file = new File([arguments[0]], 'status.txt', { type: 'text/plain' });
             const data = new DataTransfer();
             data.items.add(file);
             document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));",
            vec![json!(HYBRID_SCP_MISSING)],
        )
        .await
        .expect("drop");
    browser
        .wait_until("document.querySelector('.status-line').textContent.includes('status.txt')")
        .await;
    for button in ["Copy share link", "Copy Markdown summary", "Download JSON"] {
        browser.click_button(button).await;
        browser
            .wait_until("document.querySelector('.confirmation').textContent.length > 0")
            .await;
    }
    // Open a share link: a fragment change, which loads nothing.
    let link = browser
        .client
        .execute("return location.hash;", vec![])
        .await
        .expect("hash");
    browser
        .client
        .execute(
            "location.hash = '#'; location.hash = arguments[0];",
            vec![link],
        )
        .await
        .expect("open the share link");
    browser
        .wait_until("document.querySelector('.verdict') !== null")
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;

    let after_load = network(browser.requested_urls().await);
    assert!(after_load.is_empty(), "requests after load: {after_load:?}");
    assert_eq!(
        server.requests().len(),
        served_at_load,
        "the server saw requests after load: {:?}",
        server.requests()
    );
    browser.close().await;
}

#[tokio::test]
async fn hostile_values_render_as_text_and_never_run() {
    let hostile = HYBRID_SCP_MISSING
        .replace("FABRIK", "<script>alert(1)</script>")
        .replace(
            "fabrik-ws2022-s.fabrik.local",
            "<img src=x onerror=alert(2)><svg onload=alert(3)>&lt;b&gt;",
        );
    let hostile = format!(
        "{hostile}\n| Tenant Details |\n                    MdmUrl : javascript:alert(4)\n                 SettingsUrl : https://evil.example/\n"
    );
    let server = StaticServer::start(dist_dir());
    let browser = Browser::start(1280, 900, "light").await;
    browser.open(&server.url()).await;
    browser.paste(&hostile).await;
    browser
        .wait_until("document.querySelector('.verdict') !== null")
        .await;

    let report = browser.text(".report").await;
    for literal in [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(2)>",
        "<svg onload=alert(3)>",
        "&lt;b&gt;",
        "javascript:alert(4)",
    ] {
        assert!(report.contains(literal), "shown literally: {literal}");
    }
    let counts = browser
        .client
        .execute(
            "return [document.querySelectorAll('.report script, .report img, .report svg:not(.join-diagram):not(.timeline):not(.timeline-axis)').length,
                     [...document.querySelectorAll('.report a')].filter(a => !a.href.startsWith('https://learn.microsoft.com/')).length];",
            vec![],
        )
        .await
        .expect("count elements");
    assert_eq!(
        counts,
        json!([0, 0]),
        "no element from the input, no link but Microsoft's docs"
    );
    assert!(
        browser.client.get_alert_text().await.is_err(),
        "no dialog opened"
    );

    // The same through a share link opened in the page.
    let link = browser
        .client
        .execute("return location.href;", vec![])
        .await
        .expect("href");
    browser
        .client
        .goto(link.as_str().unwrap_or_default())
        .await
        .expect("reload with the link");
    browser
        .wait_until("document.querySelector('.verdict') !== null")
        .await;
    assert!(
        browser.client.get_alert_text().await.is_err(),
        "no dialog opened from the link"
    );
    browser.close().await;
}
