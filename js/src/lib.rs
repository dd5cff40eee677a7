//! The JavaScript face of `dsreg-core`, built by `cargo xtask npm` into `pkg/` (Node through
//! `require`, browsers and bundlers through the package's `exports`). Every function returns what
//! the CLI prints, as JavaScript values: reports are the CLI's JSON schema, parsed (so `null`
//! stays `null`, as in the CLI's NDJSON). No Leptos and no DOM here: the module is core alone.

use dsreg_core::{analyze as analyze_bytes, compare, permalink, redact as redact_text, report};
use wasm_bindgen::prelude::*;

/// The input of `analyze` and `diff`: a string, or the bytes of a file (any encoding
/// `dsregcmd` output is saved in: UTF-8, UTF-16 with or without a byte order mark).
fn bytes_of(input: &JsValue) -> Result<Vec<u8>, JsError> {
    if let Some(text) = input.as_string() {
        return Ok(text.into_bytes());
    }
    if let Some(bytes) = input.dyn_ref::<js_sys::Uint8Array>() {
        return Ok(bytes.to_vec());
    }
    Err(JsError::new(
        "expected the text of a dsregcmd /status output (a string) or a file's bytes (a Uint8Array)",
    ))
}

fn parsed(json: &str) -> Result<JsValue, JsError> {
    js_sys::JSON::parse(json).map_err(|_| JsError::new("internal error: a report is not JSON"))
}

/// Analyzes the input: an array with one report per `dsregcmd /status` output found in it (at
/// least one), each in the CLI's JSON schema (`dsreg analyze --format json`).
#[wasm_bindgen]
pub fn analyze(input: JsValue) -> Result<JsValue, JsError> {
    let analysis = analyze_bytes(&bytes_of(&input)?);
    let mut json = String::from("[");
    report::each_json_line(&analysis, "input", |line| {
        if json.len() > 1 {
            json.push(',');
        }
        json.push_str(line);
    });
    json.push(']');
    parsed(&json)
}

/// The text with device, tenant and user identifiers replaced by consistent placeholders (what
/// `dsreg redact` prints).
#[wasm_bindgen]
pub fn redact(text: &str) -> String {
    let analysis = analyze_bytes(text.as_bytes());
    redact_text::redact(analysis.text()).text
}

/// A share-link payload for the text (`v1=…`, to put after `#`), as the web app makes it. The
/// text is packed as given: call [`redact`] first to share it without identifiers.
#[wasm_bindgen]
pub fn permalink(text: &str) -> String {
    permalink::encode(text)
}

/// The text a share-link payload holds (with or without its `#`); throws with the reason when
/// the payload is damaged, too large or from a newer version.
#[wasm_bindgen(js_name = openPermalink)]
pub fn open_permalink(fragment: &str) -> Result<String, JsError> {
    permalink::decode(fragment).map_err(|e| JsError::new(e.message()))
}

/// What changed from `before` to `after` (each a string or bytes; the last output of each is
/// compared), in the CLI's `dsreg diff --format json` schema.
#[wasm_bindgen]
pub fn diff(before: JsValue, after: JsValue) -> Result<JsValue, JsError> {
    let (a, b) = (
        analyze_bytes(&bytes_of(&before)?),
        analyze_bytes(&bytes_of(&after)?),
    );
    let (ra, rb) = (report::reports(&a, "before"), report::reports(&b, "after"));
    let (Some(x), Some(y)) = (ra.last(), rb.last()) else {
        return Err(JsError::new("nothing to compare"));
    };
    let c = compare::compare(x, y);
    let json = compare::to_json(&c);
    parsed(&json)
}
