//! Component tests, run in headless Chromium by wasm-bindgen-test.

use dsreg_web::App;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{HtmlElement, HtmlTextAreaElement, InputEvent, InputEventInit};

wasm_bindgen_test_configure!(run_in_browser);

const HYBRID: &str = "\
+----------------------------------------------------------------------+
| Device State                                                         |
+----------------------------------------------------------------------+

             AzureAdJoined : YES
          EnterpriseJoined : NO
              DomainJoined : YES
                DomainName : CONTOSO
";

/// Mounts the app into a fresh element and returns it. The tests share one page, so the share
/// link an earlier test left in the address bar is cleared first.
fn mount() -> HtmlElement {
    mount_with_fragment("")
}

/// Mounts the app with `fragment` (a share link's payload, or nothing) in the address bar.
fn mount_with_fragment(fragment: &str) -> HtmlElement {
    dsreg_web::share::replace_fragment(fragment);
    let root: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&root).unwrap();
    mount_to(root.clone(), App).forget();
    root
}

/// Puts `text` into the paste area and fires `input` of the given type (`insertFromPaste`
/// for a paste, `insertText` for typing).
fn input(root: &HtmlElement, text: &str, input_type: &str) {
    let area = paste_area(root);
    area.set_value(text);
    let init = InputEventInit::new();
    init.set_bubbles(true);
    init.set_input_type(input_type);
    let event = InputEvent::new_with_event_init_dict("input", &init).unwrap();
    area.dispatch_event(&event).unwrap();
}

fn paste_area(root: &HtmlElement) -> HtmlTextAreaElement {
    root.query_selector("textarea#paste")
        .unwrap()
        .unwrap()
        .unchecked_into()
}

/// Many outputs one after another, over `LARGE_INPUT_BYTES`: read in slices.
fn large_input() -> String {
    HYBRID.repeat(dsreg_web::model::LARGE_INPUT_BYTES / HYBRID.len() + 2)
}

/// Waits (up to 12 s) for a sliced analysis to finish (its raw view is shown); returns whether a
/// progress bar was seen on the way.
async fn wait_for_sliced_report(root: &HtmlElement) -> bool {
    let mut saw_progress = false;
    for _ in 0..600 {
        saw_progress |= root.query_selector(".working progress").unwrap().is_some();
        if root.query_selector(".raw").unwrap().is_some() {
            break;
        }
        sleep(20).await;
    }
    saw_progress
}

fn text_of(root: &HtmlElement, css: &str) -> String {
    root.query_selector(css)
        .unwrap()
        .map(|e| e.text_content().unwrap_or_default())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn a_paste_is_analysed_at_once() {
    let root = mount();
    assert!(text_of(&root, ".report").contains("appears here"));

    input(&root, HYBRID, "insertFromPaste");
    leptos::task::tick().await;
    let verdict = text_of(&root, ".verdict");
    assert!(verdict.contains("hybrid joined"), "verdict: {verdict}");
    let diagram = text_of(&root, "figure.diagram");
    assert!(diagram.contains("hybrid joined"), "diagram: {diagram}");
    let table = text_of(&root, ".fields");
    assert!(
        table.contains("DomainName") && table.contains("CONTOSO"),
        "fields: {table}"
    );
}

#[wasm_bindgen_test]
async fn a_compact_line_is_read_back_wherever_it_is() {
    let analysis = dsreg_core::analyze(HYBRID.as_bytes());
    let line = dsreg_core::compact::encode(&analysis.documents().next().unwrap());
    let root = mount();
    // A row of an Intune export, pasted as it is.
    input(
        &root,
        &format!("\"PC-042\",\"{line}\"\n"),
        "insertFromPaste",
    );
    leptos::task::tick().await;
    let verdict = text_of(&root, ".verdict");
    assert!(verdict.contains("hybrid joined"), "verdict: {verdict}");
    let note = text_of(&root, ".compact-note");
    assert!(note.contains("Read from a compact line"), "note: {note}");
    // The raw view shows the output the line holds.
    assert!(text_of(&root, ".report").contains("AzureAdJoined : YES"));
}

#[wasm_bindgen_test]
async fn a_new_report_replaces_the_old_one_of_the_same_shape() {
    let root = mount();
    input(&root, HYBRID, "insertFromPaste");
    leptos::task::tick().await;
    let domain_only = HYBRID.replace("AzureAdJoined : YES", "AzureAdJoined : NO");
    input(&root, &domain_only, "insertFromPaste");
    leptos::task::tick().await;
    // Leptos reuses the elements of the first report for the second: the built parts must
    // be replaced, not added after the old ones.
    let verdicts = root.query_selector_all(".verdict").unwrap().length();
    assert_eq!(verdicts, 1);
    let verdict = text_of(&root, ".verdict");
    assert!(verdict.contains("Domain joined"), "verdict: {verdict}");
    assert_eq!(
        root.query_selector_all("figure.diagram").unwrap().length(),
        1
    );
}

#[wasm_bindgen_test]
async fn typing_waits_for_a_pause() {
    let root = mount();
    input(&root, HYBRID, "insertText");
    leptos::task::tick().await;
    assert!(
        root.query_selector(".verdict").unwrap().is_none(),
        "typing is debounced: no report yet"
    );
    sleep(400).await;
    leptos::task::tick().await;
    assert!(text_of(&root, ".verdict").contains("hybrid joined"));
}

#[wasm_bindgen_test]
async fn other_text_gets_a_friendly_message() {
    let root = mount();
    input(&root, "PS C:\\> Get-Date\nhello world\n", "insertFromPaste");
    leptos::task::tick().await;
    let notice = text_of(&root, ".notice");
    assert!(
        notice.contains("doesn't look like dsregcmd"),
        "notice: {notice}"
    );
    assert!(
        notice.contains("shell prompts"),
        "says what it saw: {notice}"
    );
}

#[wasm_bindgen_test]
async fn user_text_is_never_markup() {
    let root = mount();
    let evil = HYBRID.replace("CONTOSO", "<img src=x onerror=alert(1)><b>bold</b>");
    input(&root, &evil, "insertFromPaste");
    leptos::task::tick().await;
    assert!(root.query_selector(".report img").unwrap().is_none());
    assert!(root.query_selector(".report b").unwrap().is_none());
    assert!(text_of(&root, ".fields").contains("<img src=x onerror=alert(1)>"));
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn the_fragment_follows_the_input_and_redacts_by_default() {
    let root = mount();
    let with_names = HYBRID.replace(
        "CONTOSO",
        "CONTOSO\n                Device Name : pc-0042.contoso.com",
    );
    input(&root, &with_names, "insertFromPaste");
    leptos::task::tick().await;
    // The link is prepared once the page is idle.
    sleep(300).await;
    let fragment = dsreg_web::share::current_fragment();
    assert!(fragment.starts_with("v1="), "fragment: {fragment}");
    let shared = dsreg_core::permalink::decode(&fragment).expect("the fragment decodes");
    assert!(shared.contains("AzureAdJoined : YES"));
    assert!(!shared.contains("pc-0042"), "redacted by default: {shared}");

    input(&root, "", "insertFromPaste");
    leptos::task::tick().await;
    sleep(300).await;
    assert_eq!(
        dsreg_web::share::current_fragment(),
        "",
        "an empty input clears the link"
    );
}

#[wasm_bindgen_test]
async fn exports_are_core_s_reports() {
    let json = dsreg_web::share::json_report(HYBRID).await;
    let object: serde_json::Value = serde_json::from_str(json.trim()).expect("one JSON object");
    assert_eq!(object["schema_version"], 1);
    assert_eq!(object["join_state"], "hybrid_joined");
    let markdown = dsreg_web::share::markdown_summary(HYBRID).await;
    assert!(
        markdown.contains("**Verdict:** Microsoft Entra hybrid joined"),
        "{markdown}"
    );
}

#[wasm_bindgen_test]
async fn exports_of_a_large_input_cover_every_output() {
    // Over LARGE_INPUT_BYTES, so the export is built in slices between frames.
    let copies = dsreg_web::model::LARGE_INPUT_BYTES / HYBRID.len() + 2;
    let big = HYBRID.repeat(copies);
    let json = dsreg_web::share::json_report(&big).await;
    let lines: Vec<&str> = json.lines().collect();
    assert_eq!(lines.len(), copies, "one JSON line per output");
    let expected: Vec<String> = {
        let analysis = dsreg_core::analyze(big.as_bytes());
        dsreg_core::report::reports(&analysis, "pasted output")
            .iter()
            .map(dsreg_core::report::to_json_line)
            .collect()
    };
    assert_eq!(lines, expected);
    let markdown = dsreg_web::share::markdown_summary(&big).await;
    assert_eq!(markdown.matches("**Verdict:**").count(), copies);
}

#[wasm_bindgen_test]
fn oversized_and_binary_inputs_are_refused_with_a_reason() {
    use dsreg_web::{Outcome, model};

    let big = vec![b' '; model::MAX_INPUT_BYTES]
        .into_iter()
        .chain(*b"x")
        .collect::<Vec<u8>>();
    match model::outcome(&big) {
        Outcome::Refused(message) => {
            assert!(
                message.contains("4.0 MB; the analyzer reads up to 4 MB"),
                "{message}"
            )
        }
        other => panic!("an oversized input is refused, got {other:?}"),
    }

    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0..4096u32).map(|i| (i * 7 % 256) as u8));
    match model::outcome(&png) {
        Outcome::Refused(message) => assert!(message.contains("binary file"), "{message}"),
        other => panic!("a binary file is refused, got {other:?}"),
    }

    assert!(matches!(model::outcome(b" \n\t "), Outcome::Empty));
}

#[wasm_bindgen_test]
fn values_with_multibyte_characters_are_typed_without_panicking() {
    // "aééé" puts a character boundary at byte 5 and 7, never at 6 (the length of "FAILED").
    let report =
        dsreg_web::model::build("| Device Details |\nDeviceAuthStatus : aééé\n".as_bytes());
    let field = &report.documents[0].sections[0].fields[0];
    assert_eq!(field.value, "aééé");
    assert!(field.badge.is_none());
}

#[wasm_bindgen_test]
async fn a_large_paste_shows_progress_then_the_same_report_and_leaves_the_box_empty() {
    let root = mount();
    let big = large_input();
    input(&root, &big, "insertFromPaste");
    leptos::task::tick().await;
    // Not analysed in one go: the first slice comes after a frame.
    assert!(
        root.query_selector(".verdict").unwrap().is_none(),
        "no report yet"
    );
    assert!(
        wait_for_sliced_report(&root).await,
        "a progress bar was shown"
    );
    let verdict = text_of(&root, ".verdict");
    assert!(verdict.contains("hybrid joined"), "verdict: {verdict}");
    assert_eq!(
        root.query_selector_all(".report .document")
            .unwrap()
            .length(),
        dsreg_web::model::MAX_DOCUMENTS as u32,
        "the first outputs are shown"
    );
    let area = paste_area(&root);
    assert_eq!(area.value(), "", "a large text is kept out of the box");
    assert!(text_of(&root, ".status-line").contains("kept out of this box"));
}

#[wasm_bindgen_test]
async fn a_newer_input_wins_over_a_large_one_still_being_read() {
    let root = mount();
    let big = large_input();
    input(&root, &big, "insertFromPaste");
    leptos::task::tick().await;
    let other = HYBRID.replace("DomainJoined : YES", "DomainJoined : NO");
    input(&root, &other, "insertFromPaste");
    leptos::task::tick().await;
    sleep(500).await;
    assert_eq!(
        root.query_selector_all(".report .document")
            .unwrap()
            .length(),
        1,
        "the large input's analysis gave up"
    );
    let verdict = text_of(&root, ".verdict");
    assert!(!verdict.contains("hybrid joined"), "verdict: {verdict}");
}

#[wasm_bindgen_test]
async fn a_large_share_link_opens_through_the_sliced_path() {
    let big = large_input();
    let root = mount_with_fragment(&dsreg_core::permalink::encode(&big));
    leptos::task::tick().await;
    assert!(
        wait_for_sliced_report(&root).await,
        "a progress bar was shown"
    );
    assert_eq!(
        root.query_selector_all(".report .document")
            .unwrap()
            .length(),
        dsreg_web::model::MAX_DOCUMENTS as u32
    );
    let area = paste_area(&root);
    assert_eq!(area.value(), "", "a large text is kept out of the box");
    assert!(area.placeholder().contains("kept out of this box"));
    dsreg_web::share::replace_fragment("");
}

const BEFORE_AFTER: &str =
    include_str!("../../tests/fixtures/synthetic/before-after-scp-fixed.txt");

#[wasm_bindgen_test]
async fn two_outputs_are_compared_first_with_last_and_any_pair_can_be_picked() {
    let root = mount();
    input(&root, BEFORE_AFTER, "insertFromPaste");
    leptos::task::tick().await;
    let compare = text_of(&root, ".compare");
    assert!(
        compare.contains(
            "domain joined (not joined to Microsoft Entra ID) → Microsoft Entra hybrid joined"
        ),
        "{compare}"
    );
    assert!(compare.contains("Resolved problems (1)"), "{compare}");
    assert!(compare.contains("DSR014"), "{compare}");
    assert!(compare.contains("AzureAdJoined: NO → YES"), "{compare}");
    assert!(
        compare.contains("moved 23 hours 2 minutes later"),
        "{compare}"
    );
    // The same output on both sides: nothing changed.
    let before: web_sys::HtmlSelectElement = root
        .query_selector(".compare-pick select")
        .unwrap()
        .unwrap()
        .unchecked_into();
    before.set_value("1");
    let change = web_sys::Event::new("change").unwrap();
    before.dispatch_event(&change).unwrap();
    leptos::task::tick().await;
    let compare = text_of(&root, ".compare");
    assert!(compare.contains("Nothing changed"), "{compare}");
    // One output: no comparison.
    input(&root, HYBRID, "insertFromPaste");
    leptos::task::tick().await;
    assert!(root.query_selector(".compare").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn each_output_has_its_timeline_against_its_own_clock() {
    let root = mount();
    input(&root, BEFORE_AFTER, "insertFromPaste");
    leptos::task::tick().await;
    let timelines = root.query_selector_all(".timeline-list").unwrap();
    assert_eq!(timelines.length(), 2, "one per output");
    let second = timelines
        .item(1)
        .unwrap()
        .text_content()
        .unwrap_or_default();
    for key in [
        "DeviceCertificateValidity",
        "AzureAdPrtUpdateTime",
        "Client Time",
    ] {
        assert!(second.contains(key), "{key} in {second}");
    }
    let heading = text_of(&root, ".timeline-panel h3");
    assert!(heading.contains("now is Client Time"), "{heading}");
    // The list is what screen readers get; the axis is drawn for the eye only.
    let axis = root.query_selector("svg.timeline-axis").unwrap().unwrap();
    assert_eq!(axis.get_attribute("aria-hidden").as_deref(), Some("true"));
}

#[wasm_bindgen_test]
fn a_hosted_address_in_the_page_makes_the_share_links() {
    let doc = web_sys::window().unwrap().document().unwrap();
    let here = dsreg_web::share::link("v1=abc");
    assert!(
        here.starts_with("http://") && here.ends_with("#v1=abc"),
        "{here}"
    );
    // The one-file build made with DSREG_HOSTED_URL carries this element.
    let meta = doc.create_element("meta").unwrap();
    meta.set_attribute("name", "dsreg-hosted").unwrap();
    meta.set_attribute("content", "https://tools.example/dsreg/")
        .unwrap();
    doc.query_selector("head")
        .unwrap()
        .unwrap()
        .append_child(&meta)
        .unwrap();
    assert_eq!(
        dsreg_web::share::link("v1=abc"),
        "https://tools.example/dsreg/#v1=abc"
    );
    // Only an https: address is taken.
    meta.set_attribute("content", "javascript:alert(1)")
        .unwrap();
    assert!(dsreg_web::share::link("v1=abc").starts_with("http://"));
    meta.remove();
}
