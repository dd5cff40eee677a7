// Starts the app. A static file rather than an inline script, so the Content-Security-Policy
// can refuse every inline script.
const tag = document.querySelector('script[data-wasm]');
const { default: init } = await import(tag.dataset.js);
await init({ module_or_path: tag.dataset.wasm });

// The module is loaded: from here on the page needs no network at all. A second policy can
// only tighten the first, so every later fetch, XHR, WebSocket or beacon is refused.
const lockdown = document.createElement('meta');
lockdown.httpEquiv = 'Content-Security-Policy';
lockdown.content = "connect-src 'none'";
document.head.append(lockdown);
document.documentElement.dataset.ready = 'true';
