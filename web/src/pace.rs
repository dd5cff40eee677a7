//! Pacing long work on the main thread: slices of work with a painted frame in between, so
//! the page keeps answering and can show progress.

use wasm_bindgen::{JsCast as _, JsValue, closure::Closure};
use wasm_bindgen_futures::JsFuture;

/// A slice of work should end after about this long (a frame is 16 ms; the browser needs
/// some of it to lay out and paint).
pub const SLICE_MS: f64 = 12.0;

/// Milliseconds since the page started (`performance.now()`).
pub fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Resolves after the next frame is painted: an animation frame, then a fresh task, so the
/// paint of that frame is not delayed by the work that follows. In a hidden tab, which gets
/// no animation frames, it resolves on the next task instead, so work goes on there too.
pub async fn next_frame() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let hidden = window.document().is_some_and(|d| d.hidden());
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let later = |resolve: &js_sys::Function| {
            if let Some(w) = web_sys::window() {
                let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(resolve, 0);
            }
        };
        if hidden {
            later(&resolve);
            return;
        }
        let after_frame: JsValue = Closure::once_into_js(move || later(&resolve));
        if window
            .request_animation_frame(after_frame.unchecked_ref())
            .is_err()
        {
            // No frame will come: resolve on the next task instead.
            if let Ok(f) = after_frame.dyn_into::<js_sys::Function>() {
                let _ = f.call0(&JsValue::NULL);
            }
        }
    });
    let _ = JsFuture::from(promise).await;
}
