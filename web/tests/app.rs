//! Component tests, run in headless Chromium by wasm-bindgen-test.

use dsreg_web::App;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Event, EventInit, HtmlElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the app into a fresh element and returns it.
fn mount() -> HtmlElement {
    let root: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&root).unwrap();
    mount_to(root.clone(), App).forget();
    root
}

/// Types `text` into the paste area as a user would (sets the value, fires `input`).
fn type_into_paste(root: &HtmlElement, text: &str) {
    let area: HtmlTextAreaElement = root
        .query_selector("textarea#paste")
        .unwrap()
        .unwrap()
        .unchecked_into();
    area.set_value(text);
    let init = EventInit::new();
    init.set_bubbles(true);
    area.dispatch_event(&Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn report_follows_the_paste_area() {
    let root = mount();
    let report = || {
        root.query_selector(".report")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap()
    };
    assert!(
        report().contains("appears here"),
        "empty state shown first: {}",
        report()
    );

    type_into_paste(
        &root,
        "| Device State |\n  AzureAdJoined : YES\n\n  DomainJoined : NO\n",
    );
    leptos::task::tick().await;
    assert!(
        report().contains("3 non-empty lines"),
        "report after typing: {}",
        report()
    );
}
