//! A fresh headless Chromium (new profile every time) driven through ChromeDriver.

use std::{
    net::{TcpListener, TcpStream},
    path::PathBuf,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use fantoccini::{Client, ClientBuilder, Locator, wd::WebDriverCompatibleCommand};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};
use tokio::sync::{Mutex, MutexGuard};

/// One entry of Chromium's log, as ChromeDriver reports it.
#[derive(Debug, Clone)]
pub struct LogEntry {
    /// `SEVERE`, `WARNING`, `INFO`, …
    pub level: String,
    /// The message, with its source location.
    pub message: String,
}

/// One browser at a time: the machines have two cores, and parallel Chromium instances only
/// make each other slow and flaky.
static ONE_AT_A_TIME: Mutex<()> = Mutex::const_new(());

/// A ChromeDriver process and one WebDriver session on a fresh Chromium profile.
pub struct Browser {
    /// The WebDriver session.
    pub client: Client,
    driver: Child,
    profile: PathBuf,
    _turn: MutexGuard<'static, ()>,
}

impl Browser {
    /// Starts ChromeDriver and a headless Chromium with an empty profile, with a window of the
    /// given size and the given `prefers-color-scheme` ("light" or "dark").
    pub async fn start(width: u32, height: u32, scheme: &str) -> Self {
        let turn = ONE_AT_A_TIME.lock().await;
        let mut last_error = String::new();
        for _attempt in 0..3 {
            match Self::try_start(width, height, scheme).await {
                Ok((client, driver, profile)) => {
                    return Self {
                        client,
                        driver,
                        profile,
                        _turn: turn,
                    };
                }
                Err(e) => last_error = e,
            }
        }
        panic!("could not start a WebDriver session: {last_error}");
    }

    async fn try_start(
        width: u32,
        height: u32,
        scheme: &str,
    ) -> Result<(Client, Child, PathBuf), String> {
        let port = free_port();
        let driver_bin = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let driver = Command::new(&driver_bin)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("start {driver_bin}: {e}"))?;
        wait_for_port(port);

        let profile =
            std::env::temp_dir().join(format!("dsreg-e2e-profile-{port}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&profile);
        let binary = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": binary,
                "args": [
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-quic",
                    "--no-first-run",
                    "--hide-scrollbars",
                    format!("--force-prefers-color-scheme={scheme}"),
                    format!("--blink-settings=preferredColorScheme={}", if scheme == "dark" { 0 } else { 1 }),
                    format!("--user-data-dir={}", profile.display()),
                    format!("--window-size={width},{height}"),
                ],
            },
            "goog:loggingPrefs": { "browser": "ALL", "performance": "ALL" },
        });
        let mut capabilities = capabilities;
        // Chromium's windows are at least ~500 px wide: narrower viewports are emulated.
        if width < 500 {
            capabilities["goog:chromeOptions"]["mobileEmulation"] = json!({
                "deviceMetrics": { "width": width, "height": height, "pixelRatio": 1.0 }
            });
        }
        let Value::Object(capabilities) = capabilities else {
            unreachable!()
        };
        let connected = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await;
        match connected {
            Ok(client) => Ok((client, driver, profile)),
            Err(e) => {
                let mut driver = driver;
                let _ = driver.kill();
                let _ = driver.wait();
                Err(e.to_string())
            }
        }
    }

    /// Opens `url` and waits until the app reports that it has started.
    pub async fn open(&self, url: &str) {
        self.client.goto(url).await.expect("navigate");
        self.wait_until("document.documentElement.dataset.ready === 'true'")
            .await;
    }

    /// Waits (up to 15 s) until the script expression is truthy.
    pub async fn wait_until(&self, expression: &str) {
        let script = format!("return !!({expression});");
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if self.client.execute(&script, vec![]).await.ok() == Some(Value::Bool(true)) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for `{expression}`"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Puts `text` into the paste area the way a paste does: the value changes and an `input`
    /// event of type `insertFromPaste` fires.
    pub async fn paste(&self, text: &str) {
        self.client
            .execute(
                "const area = document.querySelector('#paste');
                 area.focus();
                 area.value = arguments[0];
                 area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));",
                vec![json!(text)],
            )
            .await
            .expect("paste");
    }

    /// Clicks the button whose visible label is `label`, as a user would.
    pub async fn click_button(&self, label: &str) {
        self.client
            .find(Locator::XPath(&format!(
                "//button[normalize-space()='{label}']"
            )))
            .await
            .unwrap_or_else(|e| panic!("button {label:?}: {e}"))
            .click()
            .await
            .unwrap_or_else(|e| panic!("click {label:?}: {e}"));
    }

    /// Waits for the report's verdict and returns its text.
    pub async fn verdict(&self) -> String {
        self.wait_until("document.querySelector('.verdict') !== null")
            .await;
        self.text(".verdict").await
    }

    /// The visible text of the first element matching `css`.
    pub async fn text(&self, css: &str) -> String {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("find {css}: {e}"))
            .text()
            .await
            .expect("element text")
    }

    /// Saves a PNG screenshot of the viewport under `target/e2e/`.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let png = self.client.screenshot().await.expect("screenshot");
        let path = crate::artifacts_dir().join(name);
        std::fs::write(&path, png).expect("write screenshot");
        path
    }

    /// Takes (and clears) the browser's log: console messages, uncaught errors, CSP violations,
    /// failed loads.
    pub async fn console(&self) -> Vec<LogEntry> {
        self.log("browser")
            .await
            .into_iter()
            .map(|entry| LogEntry {
                level: entry["level"].as_str().unwrap_or_default().to_owned(),
                message: entry["message"].as_str().unwrap_or_default().to_owned(),
            })
            .collect()
    }

    /// Asserts that the browser's log (since the last call) holds no error and no warning.
    pub async fn assert_quiet_console(&self) {
        let problems: Vec<_> = self
            .console()
            .await
            .into_iter()
            .filter(|e| e.level == "SEVERE" || e.level == "WARNING")
            .collect();
        assert!(
            problems.is_empty(),
            "console errors or warnings: {problems:#?}"
        );
    }

    /// Every URL the page requested, from Chromium's network events (DevTools protocol
    /// `Network.requestWillBeSent`, as ChromeDriver's performance log), since the last call.
    pub async fn requested_urls(&self) -> Vec<String> {
        self.log("performance")
            .await
            .into_iter()
            .filter_map(|entry| {
                let message: Value = serde_json::from_str(entry["message"].as_str()?).ok()?;
                let message = &message["message"];
                (message["method"] == "Network.requestWillBeSent").then(|| {
                    message["params"]["request"]["url"]
                        .as_str()
                        .map(str::to_owned)
                })?
            })
            .collect()
    }

    async fn log(&self, kind: &'static str) -> Vec<Value> {
        match self
            .client
            .issue_cmd(GetLog(kind))
            .await
            .expect("read the browser log")
        {
            Value::Array(entries) => entries,
            other => panic!("unexpected log answer: {other}"),
        }
    }

    /// Ends the session, then ChromeDriver.
    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// ChromeDriver's log endpoint (`POST /session/{id}/se/log`).
#[derive(Debug)]
struct GetLog(&'static str);

impl WebDriverCompatibleCommand for GetLog {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({ "type": self.0 }).to_string()),
        )
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn wait_for_port(port: u16) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "ChromeDriver did not listen on {port}"
        );
        std::thread::sleep(Duration::from_millis(25));
    }
}
