//! The page: masthead, input panel and report, and the state that connects them.

use std::{sync::Arc, time::Duration};

use leptos::{prelude::*, task::spawn_local};
use wasm_bindgen::JsCast;

use dsreg_core::{Staged, permalink, redact::Redactor};

use crate::{
    components::{input::InputPanel, report::ReportView},
    model::{self, LARGE_INPUT_BYTES, Outcome, Progress},
    pace, share,
};

/// Redaction of a large input runs in slices of this many bytes (a few milliseconds each).
const REDACT_SLICE_BYTES: usize = 128 * 1024;

/// Typing waits this long after the last key before the report is rebuilt; a paste or a file
/// is analysed at once.
const DEBOUNCE: Duration = Duration::from_millis(200);

/// Analyses a large input a stage or an output at a time, painting progress in between, so
/// the page never stops answering; gives up as soon as `current` says a newer input came.
async fn analyse_in_slices(
    bytes: Vec<u8>,
    outcome: RwSignal<Outcome>,
    current: impl Fn() -> bool + 'static,
) {
    let size = model::megabytes(bytes.len() as u64);
    let show =
        |label: String, percent: u8| outcome.set(Outcome::Working(Progress { label, percent }));
    // Parsing: about the first 60 %.
    let mut staged = Staged::new(&bytes);
    while !staged.is_done() {
        let stage = staged.next_stage();
        show(
            format!("Reading {size}: {}…", stage.label()),
            stage.percent() * 3 / 5,
        );
        pace::next_frame().await;
        if !current() {
            return;
        }
        staged.step();
    }
    // Checking each output shown: the rest.
    let mut builder = model::Builder::new(staged.finish());
    let total = builder.total();
    let mut slice_start = pace::now();
    while builder.built() < total {
        if pace::now() - slice_start > pace::SLICE_MS {
            let done = builder.built();
            show(
                format!("Checking output {} of {total}…", done + 1),
                (60 + done * 40 / total.max(1)) as u8,
            );
            pace::next_frame().await;
            if !current() {
                return;
            }
            slice_start = pace::now();
        }
        builder.step();
    }
    outcome.set(model::after_analysis(builder.finish()));
}

/// The whole application.
#[component]
pub fn App() -> impl IntoView {
    let outcome = RwSignal::new(Outcome::Empty);
    let highlighted = RwSignal::new(Vec::<usize>::new());
    let redact = RwSignal::new(true);
    // Text loaded from a share link, for the paste area to show.
    let loaded = RwSignal::new(None::<String>);

    // Which analysis is the latest: a newer input makes a running one give up.
    let run = StoredValue::new(0u64);
    let analyse = move |bytes: Vec<u8>| {
        highlighted.set(Vec::new());
        let this = run.get_value() + 1;
        run.set_value(this);
        if bytes.len() <= LARGE_INPUT_BYTES {
            outcome.set(model::outcome(&bytes));
        } else if let Some(early) = model::before_analysis(&bytes) {
            outcome.set(early);
        } else {
            spawn_local(analyse_in_slices(bytes, outcome, move || {
                run.get_value() == this
            }));
        }
    };
    // A share link: the output travels in the fragment, which browsers never send anywhere.
    let open_fragment = move |fragment: &str| {
        if fragment.is_empty() {
            return;
        }
        match permalink::decode(fragment) {
            Ok(text) => {
                // A link holds up to 1 MiB: a large text takes the sliced path like a paste.
                analyse(text.clone().into_bytes());
                loaded.set(Some(text));
            }
            Err(e) => outcome.set(Outcome::Refused(format!(
                "This share link could not be opened. {} You can still paste an output.",
                e.message()
            ))),
        }
    };
    open_fragment(&share::current_fragment());
    // Back, forward, or another link pasted into the address bar (replaceState never fires this).
    let _ = window_event_listener(leptos::ev::hashchange, move |_| {
        open_fragment(&share::current_fragment())
    });
    // What sharing would export (redacted unless turned off), and the fragment that carries it.
    // Redacting and compressing cost a few milliseconds (much more for a large input, which is
    // redacted in slices), so they run once the report is on screen and the page is idle; a
    // newer input makes an older pending run give up.
    let shared = RwSignal::new(None::<Arc<share::Shared>>);
    let generation = StoredValue::new(0u64);
    Effect::new(move |_| {
        let current = outcome.get();
        let redacted = redact.get();
        let report = match current {
            Outcome::Report(r) => Some(r),
            Outcome::Empty => None,
            // A refused input or a broken link: leave the address bar.
            Outcome::Refused(_) => return,
            // An analysis under way: leave the address bar, but stop preparing the old report.
            Outcome::Working(_) => {
                generation.set_value(generation.get_value() + 1);
                return;
            }
        };
        let this = generation.get_value() + 1;
        generation.set_value(this);
        shared.set(None);
        request_idle_callback(move || {
            let report = report.clone();
            spawn_local(async move {
                let prepared = match &report {
                    None => None,
                    Some(r) if redacted => {
                        let mut redactor = Redactor::new(&r.analysis);
                        while !redactor.step(REDACT_SLICE_BYTES) {
                            pace::next_frame().await;
                            if generation.get_value() != this {
                                return;
                            }
                        }
                        Some(share::Shared::from_redacted(redactor.finish()))
                    }
                    Some(r) => Some(share::prepare(r.text(), false)),
                };
                if generation.get_value() != this {
                    return;
                }
                let fragment = prepared
                    .as_ref()
                    .map_or_else(String::new, |p| share::fragment_for(&p.text));
                if fragment != share::current_fragment() {
                    share::replace_fragment(&fragment);
                }
                shared.set(prepared.map(Arc::new));
            });
        });
    });
    let pending = StoredValue::new(None::<TimeoutHandle>);

    let on_text = Callback::new(move |(text, immediate): (String, bool)| {
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        if immediate {
            analyse(text.into_bytes());
        } else if let Ok(handle) =
            set_timeout_with_handle(move || analyse(text.into_bytes()), DEBOUNCE)
        {
            pending.set_value(Some(handle));
        }
    });
    let on_file = Callback::new(move |bytes: Vec<u8>| analyse(bytes));
    // Warm the analyzer while the page is idle: the browser compiles wasm functions on their
    // first call, which would otherwise land on the admin's first paste.
    request_idle_callback(|| {
        if let Some(sample) = crate::samples::SAMPLES.first() {
            let _ = model::build(sample.text.as_bytes());
        }
    });
    // A printed report shows every finding and section expanded.
    let _ = window_event_listener(leptos::ev::beforeprint, |_| {
        if let Ok(all) = document().query_selector_all(".report details") {
            for i in 0..all.length() {
                if let Some(el) = all
                    .item(i)
                    .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                {
                    let _ = el.set_attribute("open", "");
                }
            }
        }
    });
    let on_refused = Callback::new(move |message: String| outcome.set(Outcome::Refused(message)));

    view! {
        <header class="masthead">
            <div class="masthead-inner">
                <h1>"dsregcmd analyzer"</h1>
                <p class="tagline">
                    "Paste the output of " <code>"dsregcmd /status"</code>
                    " to see the device's Microsoft Entra ID join state, what is wrong and what to do next. "
                    "Everything runs in this browser tab: nothing is uploaded."
                </p>
            </div>
        </header>
        <main class="layout">
            <InputPanel on_text=on_text on_file=on_file on_refused=on_refused outcome=outcome loaded=loaded />
            <ReportView outcome=outcome highlighted=highlighted redact=redact shared=shared />
        </main>
    }
}
