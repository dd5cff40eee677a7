//! The three ways in: a UTF-16LE file dropped on the page, a file chosen in the file picker, and
//! text that is not dsregcmd output.

use dsreg_e2e::{Browser, StaticServer, dist_dir};
use fantoccini::Locator;
use serde_json::json;

const ENTRA_JOINED: &str =
    include_str!("../../../fixtures/corpus/012-aadj-hostname-updated-cloudtgt.txt");

/// What PowerShell 5's `>` writes: UTF-16LE with a byte-order mark, CRLF line ends.
fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let crlf = text.replace("\r\n", "\n").replace('\n', "\r\n");
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(crlf.encode_utf16().flat_map(u16::to_le_bytes));
    bytes
}

/// Saves `bytes` as `name` under `target/e2e/` and chooses it in the page's file picker.
async fn choose_file(browser: &Browser, name: &str, bytes: &[u8]) {
    let path = dsreg_e2e::artifacts_dir().join(name);
    std::fs::write(&path, bytes).expect("write upload file");
    browser
        .client
        .find(Locator::Css("#file-input"))
        .await
        .expect("file input")
        .send_keys(&path.display().to_string())
        .await
        .expect("choose file");
}

async fn expect_entra_joined_report(browser: &Browser) {
    let verdict = browser.verdict().await;
    assert!(
        verdict.contains("Microsoft Entra joined"),
        "verdict: {verdict}"
    );
    let diagram = browser.text("figure.diagram").await;
    assert!(diagram.contains("joined"), "diagram: {diagram}");
}

#[tokio::test]
async fn dropping_a_utf16_file_gives_the_same_report() {
    let server = StaticServer::start(dist_dir());
    let browser = Browser::start(1280, 3200, "light").await;
    browser.open(&server.url()).await;

    let bytes = utf16le_with_bom(ENTRA_JOINED);
    browser
        .client
        .execute(
            "const file = new File([new Uint8Array(arguments[0])], 'status.txt', { type: 'text/plain' });
             const data = new DataTransfer();
             data.items.add(file);
             window.__drag = { dataTransfer: data, bubbles: true, cancelable: true };
             document.body.dispatchEvent(new DragEvent('dragover', window.__drag));",
            vec![json!(bytes)],
        )
        .await
        .expect("drag over the page");
    // A drop target is visible while dragging.
    browser
        .wait_until("document.querySelector('.drop-overlay.active') !== null")
        .await;
    browser
        .client
        .execute(
            "document.body.dispatchEvent(new DragEvent('drop', window.__drag));",
            vec![],
        )
        .await
        .expect("drop");
    expect_entra_joined_report(&browser).await;
    browser
        .wait_until("document.querySelector('.drop-overlay.active') === null")
        .await;
    let status = browser.text(".status-line").await;
    assert!(
        status.contains("UTF-16LE"),
        "status line names the encoding: {status}"
    );
    assert!(
        status.contains("status.txt"),
        "status line names the file: {status}"
    );
    let area: String = browser
        .client
        .execute("return document.querySelector('#paste').value;", vec![])
        .await
        .expect("paste value")
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        area.contains("AzureAdJoined"),
        "the decoded text fills the paste area"
    );
    let report = browser.text(".report").await;
    assert!(
        report.contains("days left as of AzureAdPrtUpdateTime"),
        "certificate days left: {report}"
    );
    browser.screenshot("report-entra-joined-tall.png").await;
    browser.close().await;
}

#[tokio::test]
async fn choosing_a_file_gives_the_same_report() {
    let server = StaticServer::start(dist_dir());
    let browser = Browser::start(1280, 900, "light").await;
    browser.open(&server.url()).await;

    choose_file(
        &browser,
        "upload-status.txt",
        ENTRA_JOINED.replace('\n', "\r\n").as_bytes(),
    )
    .await;
    expect_entra_joined_report(&browser).await;
    browser.close().await;
}

#[tokio::test]
async fn other_text_gets_the_friendly_message() {
    let server = StaticServer::start(dist_dir());
    let browser = Browser::start(1280, 900, "light").await;
    browser.open(&server.url()).await;

    browser
        .paste("Windows IP Configuration\n\n   Host Name . . . . : PC01\n   IPv4 Address. . . : 10.0.0.5\n")
        .await;
    browser
        .wait_until("document.querySelector('.notice') !== null")
        .await;
    let notice = browser.text(".notice").await;
    assert!(
        notice.contains("doesn't look like dsregcmd /status output"),
        "notice: {notice}"
    );
    assert!(
        notice.contains("dsregcmd /status"),
        "says what to paste instead: {notice}"
    );
    browser.close().await;
}

#[tokio::test]
async fn a_log_that_mixes_encodings_reads_both_outputs() {
    let server = StaticServer::start(dist_dir());
    let browser = Browser::start(1280, 900, "light").await;
    browser.open(&server.url()).await;

    // `dsregcmd /status > log.txt` in cmd (UTF-8), then `dsregcmd /status >> log.txt` in
    // PowerShell 5 (UTF-16LE with a byte-order mark).
    let second =
        include_str!("../../../fixtures/corpus/011-hybrid-adfs-enterpriseprt-qa-flattened.txt");
    let mut bytes = ENTRA_JOINED.replace('\n', "\r\n").into_bytes();
    bytes.extend(utf16le_with_bom(second));
    choose_file(&browser, "upload-mixed.txt", &bytes).await;
    browser
        .wait_until("document.querySelectorAll('.report .verdict').length === 2")
        .await;
    let verdicts = browser
        .client
        .execute(
            "return [...document.querySelectorAll('.report .verdict')].map((v) => v.textContent);",
            vec![],
        )
        .await
        .expect("verdicts");
    let verdicts = verdicts.to_string();
    assert!(verdicts.contains("Microsoft Entra joined"), "{verdicts}");
    assert!(verdicts.contains("hybrid joined"), "{verdicts}");
    let status = browser.text(".status-line").await;
    assert!(status.contains("mixed encodings"), "status: {status}");
    assert!(status.contains("2 outputs"), "status: {status}");
    let notes = browser.text(".report .problems summary").await;
    assert!(notes.contains("how the input was read"), "notes: {notes}");
    browser.close().await;
}
