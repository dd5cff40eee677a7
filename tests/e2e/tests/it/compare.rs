//! Two outputs in one paste: the Compare view shows what changed and what got resolved, the
//! share link of the text opens the same view in a fresh browser, each output has its
//! timeline; and at 375 px nothing is wider than the screen, for every corpus fixture.

use std::{fs, path::Path};

use dsreg_e2e::{Browser, StaticServer, dist_dir};

const BEFORE_AFTER: &str = include_str!("../../../fixtures/synthetic/before-after-scp-fixed.txt");

#[tokio::test]
async fn a_two_output_paste_is_compared_and_its_link_opens_the_same_view() {
    let server = StaticServer::start(dist_dir());
    let first = Browser::start(1280, 900, "light").await;
    first.open(&server.url()).await;
    first.paste(BEFORE_AFTER).await;
    first
        .wait_until("document.querySelector('.compare') !== null")
        .await;
    let compare = first.text(".compare").await;
    assert!(compare.contains("Resolved problems (1)"), "{compare}");
    assert!(compare.contains("DSR014"), "{compare}");
    assert!(compare.contains("AzureAdJoined: NO → YES"), "{compare}");
    first.wait_until("location.hash.startsWith('#v1=')").await;
    let link = first
        .client
        .execute("return location.href;", vec![])
        .await
        .expect("href");
    let link = link.as_str().expect("href").to_owned();
    first.screenshot("compare-desktop-light.png").await;
    first.close().await;

    let second = Browser::start(1280, 900, "dark").await;
    second.open(&link).await;
    second
        .wait_until("document.querySelector('.compare') !== null")
        .await;
    let again = second.text(".compare").await;
    assert!(again.contains("Resolved problems (1)"), "{again}");
    assert!(again.contains("AzureAdJoined: NO → YES"), "{again}");
    second
        .wait_until("document.querySelectorAll('.timeline-list').length === 2")
        .await;
    second.screenshot("compare-desktop-dark.png").await;
    second.close().await;
}

#[tokio::test]
async fn nothing_is_wider_than_a_375_px_screen() {
    let server = StaticServer::start(dist_dir());
    let browser = Browser::start(375, 900, "light").await;
    browser.open(&server.url()).await;
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/corpus");
    let mut paths: Vec<_> = fs::read_dir(&corpus)
        .expect("corpus")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths.push(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../fixtures/synthetic/before-after-scp-fixed.txt"),
    );
    // And the worst shapes: one long unbreakable value, a long code list, a long key.
    let long = format!(
        "+----+\n| SSO State |\n+----+\n\n AzureAdPrt : NO\n AzureAdPrtAuthority : https://login.microsoftonline.com/{}\n Attempt Status : 0xc000006d/0x80072ee7/0x801c0021/0x801c03f2/0xcaa90023/0x80070520\n ThisIsAnUnknownFieldNameThatGoesOnAndOnWithoutAnySpaceAtAll : {}\n",
        "a".repeat(160),
        "Z".repeat(120)
    );
    let mut texts: Vec<(String, String)> = paths
        .iter()
        .map(|p| {
            (
                p.display().to_string(),
                fs::read_to_string(p).expect("fixture"),
            )
        })
        .collect();
    texts.push(("long values".to_owned(), long));
    let mut wide = Vec::new();
    for (name, text) in &texts {
        browser.paste(text).await;
        browser
            .wait_until("document.querySelector('.verdict, .notice') !== null")
            .await;
        let widths = browser
            .client
            .execute(
                // The page, and the text blocks that must wrap rather than be cut off.
                "return [document.documentElement.scrollWidth, window.innerWidth,
                  [...document.querySelectorAll('.verdict-text, .finding-title, .finding-body p, .finding-body li, .compare-change, .timeline-list li')]
                    .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.className || e.tagName)];",
                vec![],
            )
            .await
            .expect("widths");
        let (scroll, inner) = (widths[0].as_i64().unwrap(), widths[1].as_i64().unwrap());
        if scroll > inner {
            wide.push(format!("{name}: {scroll} px in {inner} px"));
        }
        let cut = widths[2].as_array().expect("overflowing blocks");
        if !cut.is_empty() {
            wide.push(format!("{name}: text cut off in {cut:?}"));
        }
    }
    browser.screenshot("compare-375-light.png").await;
    browser.close().await;
    assert!(
        wide.is_empty(),
        "wider than the screen:\n{}",
        wide.join("\n")
    );
}
