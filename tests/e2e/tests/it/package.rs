//! The JavaScript package's browser build (`pkg/web`, made by `cargo xtask npm`) loaded in
//! Chromium the way a portal would load it: it analyzes, redacts and round-trips a share link.

use std::path::Path;

use dsreg_e2e::{Browser, StaticServer};

#[tokio::test]
async fn the_package_runs_in_a_browser() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    assert!(
        root.join("pkg/web/dsreg.js").is_file(),
        "pkg/ missing: `cargo xtask npm` builds it (`cargo xtask test` does before these tests)"
    );
    let server = StaticServer::start(root.canonicalize().expect("repository root"));
    let browser = Browser::start(800, 600, "light").await;
    browser
        .client
        .goto(&format!("{}js/tests/browser.html", server.url()))
        .await
        .expect("open the page");
    browser
        .wait_until("document.body.dataset.verdict !== undefined")
        .await;
    let state = browser
        .client
        .execute(
            "return [document.body.dataset.joinState, document.body.dataset.roundTrip, document.body.dataset.verdict];",
            vec![],
        )
        .await
        .expect("state");
    assert_eq!(state[0].as_str(), Some("hybrid_joined"), "{state:?}");
    assert_eq!(state[1].as_str(), Some("true"), "{state:?}");
    browser.close().await;
}
