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
    // The two-output paste alternates with a one-output one, so each is a real change; the
    // median of ten warm runs steadies the figure on a busy machine.
    let texts: Vec<&str> = (0..21)
        .map(|i| if i % 2 == 0 { big.as_str() } else { A })
        .collect();
    for (i, text) in texts.iter().enumerate() {
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

#[tokio::test]
async fn a_near_limit_input_stays_usable() {
    let server = StaticServer::start(dist_dir());
    let browser = Browser::start(1280, 900, "light").await;
    browser.open(&server.url()).await;

    // About 3.9 MB (the limit is 4 MB): hundreds of outputs one after another.
    let one = format!("{A}\n{B}\n");
    let big = one.repeat((3_900_000 / one.len()).max(1));
    // Paste it, then wait until everything is done: the report, the raw view and the redacted
    // copy for sharing. Meanwhile, record the page's long tasks (main-thread blocks over 50 ms)
    // and whether a progress bar was shown.
    let measured = browser
        .client
        .execute_async(
            "const [text, done] = arguments;
             const area = document.querySelector('#paste');
             const report = document.querySelector('.report');
             const long = [];
             new PerformanceObserver((list) => {
               for (const e of list.getEntries()) long.push(Math.round(e.duration));
             }).observe({ type: 'longtask' });
             let progress = false;
             const seen = new MutationObserver(() => {
               progress ||= !!report.querySelector('.working progress');
             });
             seen.observe(report, { childList: true, subtree: true });
             const start = performance.now();
             let verdict = null;
             area.value = text;
             area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
             const wait = () => {
               verdict ??= report.querySelector('.verdict') ? performance.now() - start : null;
               const note = report.querySelector('.share-note');
               const finished = report.textContent.includes('Input as read')
                 && note && !note.textContent.includes('Preparing');
               if (finished) {
                 seen.disconnect();
                 // Long tasks are reported a moment after they end.
                 setTimeout(() => done({ verdict, total: performance.now() - start, long, progress }), 200);
               } else {
                 requestAnimationFrame(wait);
               }
             };
             wait();",
            vec![json!(big)],
        )
        .await
        .expect("measure");
    let verdict = measured["verdict"].as_f64().expect("verdict time");
    let total = measured["total"].as_f64().expect("total time");
    let long: Vec<u64> = measured["long"]
        .as_array()
        .expect("long tasks")
        .iter()
        .filter_map(serde_json::Value::as_u64)
        .collect();
    let longest = long.iter().copied().max().unwrap_or(0);
    let shown = browser
        .client
        .execute(
            "return document.querySelectorAll('.report .document').length;",
            vec![],
        )
        .await
        .expect("count");
    println!(
        "paste of {} bytes: first verdict after {verdict:.0} ms, all done after {total:.0} ms; \
         long tasks {long:?} ms (longest {longest} ms); {shown} outputs shown",
        big.len()
    );
    assert_eq!(measured["progress"], json!(true), "a progress bar is shown");
    assert_eq!(shown, json!(12), "only the first outputs are rendered");
    let notice = browser.text(".report .notice").await;
    assert!(
        notice.contains("outputs; the first 12 are shown"),
        "notice: {notice}"
    );
    // The pasted text is kept out of the paste area (laying out megabytes in a text box blocks
    // the page for seconds), and the status line says so.
    let area = browser
        .client
        .execute(
            "return document.querySelector('#paste').value.length;",
            vec![],
        )
        .await
        .expect("area");
    assert_eq!(area, json!(0));
    let status = browser.text(".status-line").await;
    assert!(status.contains("kept out of this box"), "status: {status}");
    // Generous bounds, for a busy machine: blocks are about 130 to 200 ms here (the paste
    // itself and the render of 12 outputs); before the work was sliced, the page blocked for
    // 1.7 s.
    assert!(longest < 1000, "longest main-thread block {longest} ms");
    assert!(total < 20_000.0, "{total:.0} ms");

    // The JSON export of all 700-odd outputs is built in slices too.
    let export = browser
        .client
        .execute_async(
            "const [done] = arguments;
             const long = [];
             new PerformanceObserver((list) => {
               for (const e of list.getEntries()) long.push(Math.round(e.duration));
             }).observe({ type: 'longtask' });
             const status = document.querySelector('.share .confirmation');
             const start = performance.now();
             [...document.querySelectorAll('.share button')]
               .find((b) => b.textContent.includes('Download JSON')).click();
             const wait = () => status.textContent.startsWith('Saved')
               ? setTimeout(() => done({ ms: performance.now() - start, long }), 200)
               : requestAnimationFrame(wait);
             wait();",
            vec![],
        )
        .await
        .expect("export");
    let export_long: Vec<u64> = export["long"]
        .as_array()
        .expect("long tasks")
        .iter()
        .filter_map(serde_json::Value::as_u64)
        .collect();
    let export_longest = export_long.iter().copied().max().unwrap_or(0);
    println!(
        "JSON export of the whole input: {:.0} ms, long tasks {export_long:?} ms",
        export["ms"].as_f64().unwrap_or_default()
    );
    assert!(
        export_longest < 1000,
        "longest block during export {export_longest} ms"
    );
    browser.close().await;
}
