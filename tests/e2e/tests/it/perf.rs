//! How long a paste takes to become a report, in real headless Chromium against the release
//! build. A measurement printed for the record, with only a generous bound asserted (speed is
//! benchmarked, not timed in tests): the goal is one frame (16 ms) for an 8 KB output.

use dsreg_e2e::{Browser, StaticServer, dist_dir};
use serde_json::json;

const A: &str = include_str!("../../../fixtures/corpus/012-aadj-hostname-updated-cloudtgt.txt");
const B: &str =
    include_str!("../../../fixtures/corpus/011-hybrid-adfs-enterpriseprt-qa-flattened.txt");

/// Pastes `text` and returns the milliseconds until the report's verdicts are in the DOM.
const MEASURE: &str = "
const [text, verdicts, done] = arguments;
const area = document.querySelector('#paste');
const report = document.querySelector('.report');
const start = performance.now();
const observer = new MutationObserver(() => {
  const shown = [...report.querySelectorAll('.verdict')].length;
  if (shown === verdicts && report.textContent.includes('Input as read')) {
    observer.disconnect();
    done(performance.now() - start);
  }
});
observer.observe(report, { childList: true, subtree: true });
area.value = text;
area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
";

#[tokio::test]
async fn an_8_kb_paste_renders_within_a_frame() {
    let server = StaticServer::start(dist_dir());
    let browser = Browser::start(1280, 900, "light").await;
    browser.open(&server.url()).await;

    // At least 8 KB: two real outputs one after the other (two documents, two verdicts).
    let big = format!("{A}\n{B}");
    assert!(big.len() >= 8 * 1024, "input is {} bytes", big.len());
    let mut times = Vec::new();
    for (i, text) in [
        big.as_str(),
        A,
        big.as_str(),
        A,
        big.as_str(),
        A,
        big.as_str(),
    ]
    .iter()
    .enumerate()
    {
        let verdicts = if text.len() > A.len() { 2 } else { 1 };
        let ms = browser
            .client
            .execute_async(MEASURE, vec![json!(text), json!(verdicts)])
            .await
            .expect("measure a paste")
            .as_f64()
            .expect("milliseconds");
        if verdicts == 2 {
            times.push((i, ms));
        }
    }
    let first = times[0].1;
    let mut warm: Vec<f64> = times[1..].iter().map(|t| t.1).collect();
    warm.sort_by(f64::total_cmp);
    let median = warm[warm.len() / 2];
    println!(
        "paste of {} bytes to rendered report: first {first:.1} ms, then median {median:.1} ms (runs {warm:?})",
        big.len()
    );
    // A generous bound: a regression by an order of magnitude fails, noise does not.
    assert!(median < 160.0, "median {median:.1} ms");
    browser.close().await;
}
