//! `cargo xtask`: the one entry point for set-up, serving, building and testing.
//!
//! ```text
//! cargo xtask serve          install what is missing, build, serve on http://127.0.0.1:8080
//! cargo xtask test           everything CI checks
//! cargo xtask dist           release build into dist/ and a size report
//! cargo xtask setup          only install the tools (idempotent)
//! cargo xtask codegen        turn core/data/*.toml into Rust statics (--check: fail if stale)
//! cargo xtask npm            the JavaScript package of core into pkg/
//! ```

mod codegen;
mod dist;
mod fuzz;
mod layers;
mod npm;
mod step;
mod tools;

use std::process::ExitCode;

use step::Failure;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  serve   install what is missing, build the app and serve it on http://127.0.0.1:8080
  test    everything CI checks: fmt, clippy, native tests, a short fuzz run of every target
          (nightly), wasm tests in headless Chromium, the release build with its size budget,
          and the end-to-end browser tests
  dist    release build into dist/ and a size report (raw and gzip bytes of every file)
  setup   install the pinned tools only (wasm32 target, trunk, wasm-bindgen-cli, wasm-opt,
          Chromium and ChromeDriver); every step is skipped when already present
  codegen [--check]  turn the knowledge data files (core/data/*.toml) into checked-in Rust
          statics; --check only fails when they are stale
  npm     the JavaScript package of core into pkg/ (Node and browsers), see js/
  layers  check that every module of core and web imports only earlier layers
  fuzz [SECONDS]  run every cargo-fuzz target (nightly) for SECONDS each (default 60)
  fuzz smoke      the short fixed-bound fuzz run that `test` includes
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve(),
        Some("test") => test(),
        Some("dist") => dist::install_and_build().map(drop),
        Some("setup") => tools::install_all(),
        Some("fuzz") => fuzz::run(&args[1..]),
        Some("codegen") => codegen::run(&args[1..]),
        Some("layers") => layers::run(),
        Some("npm") => tools::install_web().and_then(|()| npm::build()).map(drop),
        Some("help" | "-h" | "--help") => {
            print!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(Failure::new(format!(
            "unknown command `{other}`\n\n{USAGE}"
        ))),
        None => Err(Failure::new(USAGE)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("\nxtask: {failure}");
            ExitCode::FAILURE
        }
    }
}

/// Installs the web tools, builds the release app and serves it with Trunk (rebuilding on change).
fn serve() -> Result<(), Failure> {
    tools::install_web()?;
    let tools = tools::Paths::locate();
    println!("\nServing on http://127.0.0.1:8080 (Ctrl-C to stop)\n");
    step::run(
        "trunk serve",
        tools.command("trunk").args(["serve", "--release"]),
    )
}

/// Everything CI checks, in the order that fails fastest.
fn test() -> Result<(), Failure> {
    tools::install_all()?;
    // Node runs the npm package's tests and, in the native tests, the port of the Intune
    // detection script.
    tools::install_node()?;
    let tools = tools::Paths::locate();
    let native = [
        "--workspace",
        "--exclude",
        "dsreg-web",
        "--exclude",
        "dsreg-e2e",
    ];

    println!("\n==> generated code is current (cargo xtask codegen --check)");
    codegen::run(&["--check".to_owned()])?;
    println!("\n==> layers (cargo xtask layers)");
    layers::run()?;
    step::run(
        "cargo fmt --check",
        step::cargo().args(["fmt", "--all", "--check"]),
    )?;
    step::run(
        "clippy (native crates)",
        step::cargo()
            .args(["clippy", "--all-targets"])
            .args(native)
            .args(["--", "-D", "warnings"]),
    )?;
    step::run(
        "clippy (end-to-end tests)",
        step::cargo().args([
            "clippy",
            "--all-targets",
            "-p",
            "dsreg-e2e",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    step::run(
        "clippy (web, wasm32)",
        step::cargo().args([
            "clippy",
            "--all-targets",
            "-p",
            "dsreg-web",
            "-p",
            "dsreg-js",
            "--target",
            "wasm32-unknown-unknown",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    step::run("native tests", step::cargo().arg("test").args(native))?;
    fuzz::smoke()?;
    step::run(
        "wasm tests (headless Chromium)",
        tools
            .command("cargo")
            .args([
                "test",
                "-p",
                "dsreg-web",
                "--target",
                "wasm32-unknown-unknown",
            ])
            .env("CHROMEDRIVER", &tools.chromedriver)
            .env("WASM_BINDGEN_TEST_TIMEOUT", "120"),
    )?;
    npm::test()?;
    let dist = dist::build()?;
    step::run(
        "end-to-end tests (headless Chromium)",
        tools
            .command("cargo")
            .args(["test", "-p", "dsreg-e2e"])
            .env("DSREG_DIST", &dist)
            .env("CHROMEDRIVER", &tools.chromedriver)
            .env("CHROMIUM", &tools.chromium),
    )?;
    println!("\nAll checks passed.");
    Ok(())
}
