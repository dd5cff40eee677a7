//! The input panel: paste area, file picker, page-wide drop target and built-in samples.

use leptos::{ev, html, prelude::*, task::spawn_local};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DragEvent, File, FileList, HtmlInputElement, HtmlSelectElement, InputEvent};

use crate::{
    model::{LARGE_INPUT_BYTES, MAX_INPUT_BYTES, Outcome, megabytes},
    samples::SAMPLES,
};

/// What the empty paste box shows: the start of an output.
const EXAMPLE: &str = "+----------------------------------------------------------------------+\n| Device State                                                         |\n+----------------------------------------------------------------------+\n\n             AzureAdJoined : YES\n          EnterpriseJoined : NO\n              DomainJoined : YES\n...";

/// Where the admin gives the analyzer its input.
#[component]
pub fn InputPanel(
    /// The text changed: `(text, analyse_now)`; typing is debounced, pastes are not.
    on_text: Callback<(String, bool)>,
    /// A file was read: its bytes (any encoding; core decodes them).
    on_file: Callback<Vec<u8>>,
    /// An input was refused before analysis, with the reason.
    on_refused: Callback<String>,
    /// What the report shows (to label the status line).
    outcome: RwSignal<Outcome>,
    /// Text opened from a share link, to show in the paste area.
    loaded: RwSignal<Option<String>>,
) -> impl IntoView {
    let area = NodeRef::<html::Textarea>::new();
    let dragging = RwSignal::new(false);
    let file_note = RwSignal::new(None::<String>);

    // What the empty box says instead of the example when a large text was kept out of it.
    let kept = RwSignal::new(None::<String>);
    // Puts decoded text into the paste area, so the raw view and the box agree. A large text
    // stays out of it: a text box holding megabytes takes the browser seconds to lay out, and
    // nobody edits such a text by hand. Returns a note to show instead, if any.
    let show_text = move |text: &str| -> Option<String> {
        let large = text.len() > LARGE_INPUT_BYTES;
        if let Some(area) = area.get_untracked() {
            area.set_value(if large { "" } else { text });
        }
        kept.set(large.then(|| {
            // Short lines: the box does not wrap.
            format!(
                "The input is {} ({} lines).\nIt is kept out of this box so the\npage stays \
                 responsive; the report\nreads all of it.\n\nPaste, type or drop to replace it.",
                megabytes(text.len() as u64),
                grouped(text.lines().count())
            )
        }));
        large.then(|| kept_out(text))
    };
    Effect::new(move |_| {
        if let Some(text) = loaded.get()
            && area.get().is_some()
        {
            let note = show_text(&text);
            file_note.set(note.map(|n| format!("Opened from a share link {n}")));
        }
    });
    let load_files = move |files: Vec<File>| {
        if files.is_empty() {
            return;
        }
        let total: u64 = files.iter().map(|f| f.size() as u64).sum();
        if total > MAX_INPUT_BYTES as u64 {
            on_refused.run(format!(
                "{} is {}; the analyzer reads up to {} MB. A dsregcmd /status output is \
                 usually under 20 KB: drop just that output.",
                names(&files),
                megabytes(total),
                MAX_INPUT_BYTES / 1_048_576
            ));
            return;
        }
        let source = format!("Read from {}", names(&files));
        file_note.set(Some(source.clone()));
        spawn_local(async move {
            let mut contents = Vec::with_capacity(files.len());
            for file in &files {
                match read(file).await {
                    Ok(bytes) => contents.push(bytes),
                    Err(()) => {
                        on_refused
                            .run(format!("{} could not be read by the browser.", file.name()));
                        return;
                    }
                }
            }
            if let [bytes] = contents.as_slice() {
                if let Some(note) = show_text(&dsreg_core::decode::decode(bytes).text) {
                    file_note.set(Some(format!("{source} {note}")));
                }
                on_file.run(bytes.clone());
            } else {
                // Several files: each decoded on its own (they may differ in encoding), then
                // analysed together; each output becomes its own document.
                let joined = contents
                    .iter()
                    .map(|bytes| dsreg_core::decode::decode(bytes).text)
                    .collect::<Vec<_>>()
                    .join("\n");
                if let Some(note) = show_text(&joined) {
                    file_note.set(Some(format!("{source} {note}")));
                }
                on_file.run(joined.into_bytes());
            }
        });
    };

    // The whole page is a drop target.
    let _ = window_event_listener(ev::dragover, move |e: DragEvent| {
        if carries_files(&e) {
            e.prevent_default();
            dragging.set(true);
        }
    });
    let _ = window_event_listener(ev::dragleave, move |e: DragEvent| {
        // Leaving the window: no related target.
        if e.related_target().is_none() {
            dragging.set(false);
        }
    });
    let _ = window_event_listener(ev::drop, move |e: DragEvent| {
        dragging.set(false);
        let files = e.data_transfer().and_then(|d| d.files());
        if let Some(files) = files.filter(|f| f.length() > 0) {
            e.prevent_default();
            load_files(file_vec(&files));
        }
    });

    let on_input = move |e: ev::Event| {
        file_note.set(None);
        let pasted = e.dyn_ref::<InputEvent>().is_some_and(|i| {
            matches!(
                i.input_type().as_str(),
                "insertFromPaste" | "insertFromDrop"
            )
        });
        let text = event_target_value(&e);
        // Emptied before the browser lays the box out again (see `show_text`).
        if text.len() > LARGE_INPUT_BYTES {
            file_note.set(show_text(&text).map(|n| format!("Pasted text {n}")));
        } else if kept.with_untracked(Option::is_some) {
            // Only when it changes: setting the placeholder makes the browser lay out the box.
            kept.set(None);
        }
        on_text.run((text, pasted));
    };
    let on_pick = move |e: ev::Event| {
        let input: HtmlInputElement = e.target().unwrap().unchecked_into();
        if let Some(files) = input.files() {
            load_files(file_vec(&files));
        }
        input.set_value("");
    };
    let on_sample = move |e: ev::Event| {
        let select: HtmlSelectElement = e.target().unwrap().unchecked_into();
        if let Some(sample) = SAMPLES.iter().find(|s| s.id == select.value()) {
            file_note.set(Some(format!("Sample: {}", sample.title)));
            let _ = show_text(sample.text);
            on_text.run((sample.text.to_owned(), true));
        }
        select.set_value("");
    };
    let on_clear = move |_| {
        let _ = show_text("");
        file_note.set(None);
        on_text.run((String::new(), true));
    };

    view! {
        <section class="panel input-panel" aria-labelledby="input-heading">
            <h2 id="input-heading">"Input"</h2>
            <div class="toolbar">
                <input
                    id="file-input"
                    class="visually-hidden"
                    type="file"
                    multiple
                    accept=".txt,.log,text/plain"
                    on:change=on_pick
                />
                <label class="button" for="file-input">"Open file…"</label>
                <label class="visually-hidden" for="samples">"Load a sample"</label>
                <select id="samples" class="button" on:change=on_sample>
                    <option value="">"Load a sample…"</option>
                    {SAMPLES
                        .iter()
                        .map(|s| view! { <option value=s.id>{s.title}</option> })
                        .collect_view()}
                </select>
                <button type="button" class="button subtle" on:click=on_clear>"Clear"</button>
            </div>
            <label for="paste" class="field-label">
                "Paste the output of " <code>"dsregcmd /status"</code>
                ", or drop the file it was saved to (UTF-8 or UTF-16)"
            </label>
            <textarea
                id="paste"
                class="paste"
                node_ref=area
                spellcheck="false"
                autocomplete="off"
                placeholder=move || kept.get().unwrap_or_else(|| EXAMPLE.to_owned())
                on:input=on_input
            ></textarea>
            <p class="status-line" aria-live="polite">
                {move || {
                    let source = file_note.get();
                    let status = match outcome.get() {
                        Outcome::Report(r) => Some(format!(
                            "{} lines, {}, {} output{}",
                            r.text().lines().count(),
                            r.encoding,
                            r.documents_total,
                            if r.documents_total == 1 { "" } else { "s" }
                        )),
                        _ => None,
                    };
                    [source, status].into_iter().flatten().collect::<Vec<_>>().join(" · ")
                }}
            </p>
        </section>
        <div class="drop-overlay" class:active=move || dragging.get() aria-hidden="true">
            <p>"Drop the file to analyse it here, in your browser"</p>
        </div>
    }
}

/// `111996` → `111,996`.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The note shown instead of a large text: `(3.9 MB, kept out of this box …)`.
fn kept_out(text: &str) -> String {
    format!(
        "({}, kept out of this box to keep the page responsive; the report reads all of it)",
        megabytes(text.len() as u64)
    )
}

fn carries_files(e: &DragEvent) -> bool {
    e.data_transfer()
        .map(|d| {
            d.types()
                .iter()
                .any(|t| t.as_string().as_deref() == Some("Files"))
        })
        .unwrap_or(false)
}

fn file_vec(files: &FileList) -> Vec<File> {
    (0..files.length()).filter_map(|i| files.get(i)).collect()
}

fn names(files: &[File]) -> String {
    files.iter().map(File::name).collect::<Vec<_>>().join(", ")
}

/// Reads a whole file into memory.
async fn read(file: &File) -> Result<Vec<u8>, ()> {
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(drop)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
