//! The pinned tools and their idempotent installation.
//!
//! Every tool version the project depends on is pinned here (wasm-bindgen is read from
//! `Cargo.lock`, so the CLI always matches the library), and `Trunk.toml` is checked against
//! these pins, so there is one place to bump them.

use std::{
    env,
    ffi::OsString,
    fs,
    path::{Path, PathBuf},
    process::Command,
    time::Instant,
};

use crate::step::{self, Failure};

/// Trunk, the wasm bundler.
pub const TRUNK: &str = "0.21.14";
/// Binaryen's wasm-opt, from the npm package `binaryen`. Never Debian's wasm-opt 108: it emits
/// a wasm that fails at runtime (`Table.set` TypeError) with no build error.
pub const BINARYEN: &str = "132";
/// Terser, from npm: minifies wasm-bindgen's JS glue in `cargo xtask dist` (Trunk minifies
/// the CSS and HTML, not the glue).
pub const TERSER: &str = "5.36.0";
/// cargo-fuzz, for `cargo xtask fuzz` (runs on the nightly toolchain).
pub const CARGO_FUZZ: &str = "0.13.2";
/// The Rust target of the web app.
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Installs everything `cargo xtask test` needs.
pub fn install_all() -> Result<(), Failure> {
    install_web()?;
    install_browser()
}

/// Installs what building and serving the web app needs.
pub fn install_web() -> Result<(), Failure> {
    println!("==> set-up (pinned tools; each step is skipped when already present)");
    let bindgen = wasm_bindgen_version()?;
    check_trunk_toml(&bindgen)?;

    ensure(
        &format!("rust target {WASM_TARGET}"),
        || {
            step::output(Command::new("rustup").args(["target", "list", "--installed"]))
                .filter(|out| out.lines().any(|l| l.trim() == WASM_TARGET))
                .map(|_| "installed".to_owned())
        },
        || {
            Command::new("rustup")
                .args(["target", "add", WASM_TARGET])
                .status()
        },
    )?;
    ensure(
        &format!("trunk {TRUNK}"),
        || version_of("trunk", &format!("trunk {TRUNK}")),
        || {
            step::cargo()
                .args(["install", "--locked", "trunk", "--version", TRUNK])
                .status()
        },
    )?;
    // wasm-bindgen-cli's own lockfile wants a crate version the registry lacks: no --locked.
    ensure(
        &format!("wasm-bindgen-cli {bindgen}"),
        || {
            version_of("wasm-bindgen", &format!("wasm-bindgen {bindgen}"))
                .and_then(|v| version_of("wasm-bindgen-test-runner", &bindgen).map(|_| v))
        },
        || {
            step::cargo()
                .args(["install", "wasm-bindgen-cli", "--version", &bindgen])
                .status()
        },
    )?;
    let dir = binaryen_dir();
    ensure(
        &format!("wasm-opt {BINARYEN} (npm binaryen)"),
        || wasm_opt_version(&dir),
        || npm_install(&dir, &format!("binaryen@{BINARYEN}.0.0")),
    )?;
    let dir = terser_dir();
    ensure(
        &format!("terser {TERSER} (npm)"),
        || {
            let out = step::output(Command::new(terser_bin()).arg("--version"))?;
            out.contains(TERSER).then_some(out)
        },
        || npm_install(&dir, &format!("terser@{TERSER}")),
    )?;
    Ok(())
}

/// The pinned terser's command.
pub fn terser_bin() -> PathBuf {
    terser_dir().join("node_modules/.bin/terser")
}

/// Installs Node (Debian's `nodejs`) where it is missing: the JavaScript package's tests run on it.
pub fn install_node() -> Result<(), Failure> {
    ensure(
        "node (nodejs)",
        || step::output(Command::new("node").arg("--version")).filter(|v| v.starts_with('v')),
        || apt_install(&["nodejs"]),
    )
}

/// Installs Debian's Chromium and ChromeDriver (they come as a matching pair).
pub fn install_browser() -> Result<(), Failure> {
    ensure(
        "chromium + chromium-driver",
        || {
            let browser = version_of("chromium", "Chromium")?;
            let driver = version_of("chromedriver", "ChromeDriver")?;
            Some(format!("{} / {}", browser.trim(), driver.trim()))
        },
        || apt_install(&["chromium", "chromium-driver"]),
    )
}

/// `npm install`s `package` (`name@version`) into `dir`, outside the work tree.
fn npm_install(dir: &Path, package: &str) -> std::io::Result<std::process::ExitStatus> {
    fs::create_dir_all(dir)?;
    Command::new("npm")
        .args(["install", "--no-audit", "--no-fund", "--prefix"])
        .arg(dir)
        .arg(package)
        .status()
}

/// Installs Debian `packages` with apt-get, after refreshing the package lists.
fn apt_install(packages: &[&str]) -> std::io::Result<std::process::ExitStatus> {
    let update = Command::new("apt-get").args(["update", "-qq"]).status()?;
    if !update.success() {
        return Ok(update);
    }
    Command::new("apt-get")
        .args(["install", "-y", "-qq"])
        .args(packages)
        .env("DEBIAN_FRONTEND", "noninteractive")
        .status()
}

/// Checks whether a tool is present (`probe` returns what it found) and installs it otherwise,
/// printing which happened and how long it took.
fn ensure(
    name: &str,
    probe: impl Fn() -> Option<String>,
    install: impl FnOnce() -> std::io::Result<std::process::ExitStatus>,
) -> Result<(), Failure> {
    let started = Instant::now();
    if let Some(found) = probe() {
        println!(
            "    {name}: present ({}), skipped ({})",
            found.trim(),
            step::seconds(started.elapsed())
        );
        return Ok(());
    }
    println!("    {name}: missing, installing…");
    let status = install().map_err(|e| Failure::new(format!("installing {name}: {e}")))?;
    if !status.success() {
        return Err(Failure::new(format!("installing {name} failed ({status})")));
    }
    match probe() {
        Some(found) => {
            println!(
                "    {name}: installed ({}) in {}",
                found.trim(),
                step::seconds(started.elapsed())
            );
            Ok(())
        }
        None => Err(Failure::new(format!(
            "installed {name}, but it is still not found at the pinned version (is ~/.cargo/bin on PATH?)"
        ))),
    }
}

/// Runs `program --version` (with the tool PATH) and returns its output if it contains `expected`.
fn version_of(program: &str, expected: &str) -> Option<String> {
    let out = step::output(
        Command::new(program)
            .arg("--version")
            .env("PATH", tool_path()),
    )?;
    out.contains(expected).then_some(out)
}

fn wasm_opt_version(dir: &Path) -> Option<String> {
    let bin = dir.join("node_modules/.bin/wasm-opt");
    let out = step::output(Command::new(bin).arg("--version"))?;
    out.contains(&format!("version {BINARYEN}")).then_some(out)
}

/// Where the npm `binaryen` package is installed: outside the work tree, so that a fresh clone
/// reuses it.
fn binaryen_dir() -> PathBuf {
    tools_cache().join(format!("binaryen-{BINARYEN}"))
}

/// Where the npm `terser` package is installed (like [`binaryen_dir`]).
fn terser_dir() -> PathBuf {
    tools_cache().join(format!("terser-{TERSER}"))
}

/// The cache folder of the npm tools, outside the work tree.
fn tools_cache() -> PathBuf {
    env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache")))
        .unwrap_or_else(env::temp_dir)
        .join("dsreg-tools")
}

fn cargo_bin() -> PathBuf {
    env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
        .unwrap_or_default()
        .join("bin")
}

/// PATH with the pinned wasm-opt and cargo's bin folder first, so that Trunk never sees another
/// wasm-opt (such as Debian's 108).
fn tool_path() -> OsString {
    let mut dirs = vec![binaryen_dir().join("node_modules/.bin"), cargo_bin()];
    dirs.extend(env::split_paths(&env::var_os("PATH").unwrap_or_default()));
    env::join_paths(dirs).unwrap_or_default()
}

/// The wasm-bindgen version locked in `Cargo.lock`.
fn wasm_bindgen_version() -> Result<String, Failure> {
    let lock = step::root().join("Cargo.lock");
    let text = fs::read_to_string(&lock)
        .map_err(|e| Failure::new(format!("reading {}: {e}", lock.display())))?;
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\""
            && let Some(version) = lines
                .next()
                .and_then(|l| l.strip_prefix("version = \""))
                .and_then(|v| v.strip_suffix('"'))
        {
            return Ok(version.to_owned());
        }
    }
    Err(Failure::new("Cargo.lock has no wasm-bindgen package"))
}

/// Trunk.toml must pin the same wasm-bindgen and wasm-opt as this file.
fn check_trunk_toml(bindgen: &str) -> Result<(), Failure> {
    let path = step::root().join("Trunk.toml");
    let text = fs::read_to_string(&path)
        .map_err(|e| Failure::new(format!("reading {}: {e}", path.display())))?;
    for (key, want) in [
        ("wasm_bindgen", bindgen.to_owned()),
        ("wasm_opt", format!("version_{BINARYEN}")),
    ] {
        let line = format!("{key} = \"{want}\"");
        if !text.lines().any(|l| l.trim() == line) {
            return Err(Failure::new(format!(
                "Trunk.toml must pin `{line}` under [tools] (the version xtask installs)"
            )));
        }
    }
    if !text.lines().any(|l| l.trim() == "offline = true") {
        return Err(Failure::new("Trunk.toml must set `offline = true`"));
    }
    Ok(())
}

/// Where the installed tools are, after [`install_web`] and [`install_browser`].
pub struct Paths {
    /// The ChromeDriver binary.
    pub chromedriver: PathBuf,
    /// The Chromium binary.
    pub chromium: PathBuf,
}

impl Paths {
    /// Finds the browser binaries on the tool PATH.
    pub fn locate() -> Self {
        Self {
            chromedriver: which("chromedriver").unwrap_or_else(|| "chromedriver".into()),
            chromium: which("chromium").unwrap_or_else(|| "chromium".into()),
        }
    }

    /// A command for `program`, started in the workspace root with the pinned tools first on
    /// PATH.
    pub fn command(&self, program: &str) -> Command {
        let program = match program {
            "cargo" => env::var_os("CARGO").unwrap_or_else(|| "cargo".into()),
            other => other.into(),
        };
        let mut command = Command::new(program);
        command.current_dir(step::root()).env("PATH", tool_path());
        command
    }
}

fn which(program: &str) -> Option<PathBuf> {
    env::split_paths(&tool_path())
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}
