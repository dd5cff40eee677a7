//! A pasted corpus sample becomes a report: verdict, diagram, sections; screenshots at desktop
//! and phone widths, light and dark.

use dsreg_e2e::{Browser, StaticServer, dist_dir};

const HYBRID_SCP_MISSING: &str =
    include_str!("../../../fixtures/corpus/002-ws2022-domainonly-scp-missing-proxy-wrapped.txt");

async fn paste_and_shoot(width: u32, height: u32, scheme: &str, name: &str) {
    let server = StaticServer::start(dist_dir());
    let browser = Browser::start(width, height, scheme).await;
    browser.open(&server.url()).await;
    browser.paste(HYBRID_SCP_MISSING).await;
    let verdict = browser.verdict().await;
    assert!(verdict.contains("Domain joined only"), "verdict: {verdict}");
    assert!(
        verdict.contains("SCP"),
        "verdict names the worst problem: {verdict}"
    );
    let findings = browser.text(".findings").await;
    // One cause, one finding: the failed join carries the failed pre-join test as evidence.
    assert!(
        findings.contains("DSR014")
            && !findings.contains("DSR015")
            && findings.contains("AD Configuration Test : FAIL"),
        "the failed join carries the pre-join test: {findings}"
    );
    assert!(
        findings.to_lowercase().contains("next checks") && findings.contains("$scp.Keywords"),
        "the next checks give the commands: {findings}"
    );
    assert!(
        findings.to_lowercase().contains("what to do"),
        "the first finding is open with its steps: {findings}"
    );
    let diagram = browser.text("figure.diagram").await;
    assert!(diagram.contains("On-premises AD"), "diagram: {diagram}");
    assert!(diagram.contains("Microsoft Entra ID"), "diagram: {diagram}");
    let broken = browser.text(".edge-broken .edge-label").await;
    assert!(
        broken.contains("join failed"),
        "failing link label: {broken}"
    );
    let fields = browser.text(".report").await;
    assert!(fields.contains("AD Configuration Test"), "fields: {fields}");

    browser.screenshot(name).await;
    let problems: Vec<_> = browser
        .console()
        .await
        .into_iter()
        .filter(|e| e.level == "SEVERE")
        .collect();
    assert!(problems.is_empty(), "console errors: {problems:#?}");
    browser.close().await;
}

#[tokio::test]
async fn desktop_light() {
    paste_and_shoot(1280, 1600, "light", "report-desktop-light.png").await;
}

#[tokio::test]
async fn desktop_dark() {
    paste_and_shoot(1280, 1600, "dark", "report-desktop-dark.png").await;
}

#[tokio::test]
async fn phone_light() {
    paste_and_shoot(375, 1400, "light", "report-375-light.png").await;
}

#[tokio::test]
async fn phone_dark() {
    paste_and_shoot(375, 1400, "dark", "report-375-dark.png").await;
}

#[tokio::test]
async fn the_report_prints_without_the_input_panel() {
    let server = StaticServer::start(dist_dir());
    let browser = Browser::start(1280, 900, "light").await;
    browser.open(&server.url()).await;
    browser.paste(HYBRID_SCP_MISSING).await;
    browser
        .wait_until("document.querySelector('.verdict') !== null")
        .await;
    // The print rules of the stylesheet hide the input and the raw view.
    let hidden = browser
        .client
        .execute(
            "const hidden = [];
             for (const sheet of document.styleSheets) {
               for (const rule of sheet.cssRules) {
                 if (rule.media && rule.media.mediaText === 'print') {
                   for (const inner of rule.cssRules) {
                     if (inner.style && inner.style.display === 'none') hidden.push(inner.selectorText);
                   }
                 }
               }
             }
             return hidden.join(', ');",
            vec![],
        )
        .await
        .expect("print rules");
    let hidden = hidden.as_str().unwrap_or_default();
    for selector in [".input-panel", ".raw", ".drop-overlay"] {
        assert!(
            hidden.contains(selector),
            "print hides {selector}: {hidden}"
        );
    }
    let pdf = browser
        .client
        .print(fantoccini::wd::PrintConfiguration::default())
        .await
        .expect("print to PDF");
    assert!(pdf.starts_with(b"%PDF"), "a PDF");
    std::fs::write(dsreg_e2e::artifacts_dir().join("report.pdf"), &pdf).expect("save PDF");
    browser.close().await;
}

#[tokio::test]
async fn opening_a_finding_highlights_its_evidence_in_the_raw_view() {
    let server = StaticServer::start(dist_dir());
    let browser = Browser::start(1280, 900, "light").await;
    browser.open(&server.url()).await;
    browser.paste(HYBRID_SCP_MISSING).await;
    browser
        .wait_until("document.querySelectorAll('.finding').length > 1")
        .await;

    // The second finding: open it by clicking its summary, as a user would.
    browser
        .client
        .find(fantoccini::Locator::Css(".finding:nth-child(2) summary"))
        .await
        .expect("second finding")
        .click()
        .await
        .expect("open it");
    browser
        .wait_until("document.querySelectorAll('.raw-line.highlight').length > 0")
        .await;
    let evidence = browser
        .client
        .execute(
            "const lines = (sel) => [...document.querySelectorAll(sel)].map(e => e.textContent.match(/^L?(\\d+)/)[1]);
             return [lines('.finding:nth-child(2) .evidence .line-ref').join(','),
                     [...document.querySelectorAll('.raw-line.highlight')].map(e => e.id.replace('raw-line-', '')).join(',')];",
            vec![],
        )
        .await
        .expect("evidence and highlighted lines");
    assert_eq!(
        evidence[0], evidence[1],
        "highlighted lines are the finding's evidence"
    );
    assert!(!evidence[0].as_str().unwrap_or_default().is_empty());
    browser.close().await;
}

#[tokio::test]
async fn every_control_is_reachable_by_keyboard_and_labelled() {
    let server = StaticServer::start(dist_dir());
    let browser = Browser::start(1280, 900, "light").await;
    browser.open(&server.url()).await;
    browser.paste(HYBRID_SCP_MISSING).await;
    browser.verdict().await;
    let unlabelled = browser
        .client
        .execute(
            "const controls = [...document.querySelectorAll('button, input, select, textarea, summary, a[href], [tabindex]')];
             const name = (el) => (el.getAttribute('aria-label')
               || (el.id && [...document.querySelectorAll(`label[for='${el.id}']`)].map(l => l.textContent).join(' '))
               || (el.closest('label') && el.closest('label').textContent)
               || el.textContent || '').trim();
             const unreachable = (el) => el.tabIndex < 0 || el.disabled;
             return controls.filter(el => !name(el) || unreachable(el)).map(el => el.outerHTML.slice(0, 120));",
            vec![],
        )
        .await
        .expect("controls");
    assert_eq!(
        unlabelled,
        serde_json::json!([]),
        "controls without a name or out of the tab order"
    );

    // The first controls in document order (file picker, samples, clear, paste area, share
    // panel…) each take the keyboard focus.
    let order = browser
        .client
        .execute(
            "document.activeElement.blur();
             const seen = [];
             const focusables = [...document.querySelectorAll('button, input, select, textarea, summary, a[href], [tabindex]')]
               .filter(el => el.tabIndex >= 0);
             for (const el of focusables.slice(0, 8)) { el.focus(); seen.push(document.activeElement === el); }
             return seen.every(Boolean);",
            vec![],
        )
        .await
        .expect("focus");
    assert_eq!(
        order,
        serde_json::json!(true),
        "every control takes the focus"
    );
    browser.close().await;
}
