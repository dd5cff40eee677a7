//! `cargo xtask fuzz [SECONDS]`: every cargo-fuzz target of `fuzz/` for SECONDS each (default
//! 60), with a summary of executions and crashes.
//!
//! The targets build with the nightly toolchain (`cargo +nightly fuzz`); cargo-fuzz is
//! installed at its pinned version when missing. New corpus entries go to `fuzz/corpus/<target>/`
//! and crashing inputs to `fuzz/artifacts/<target>/` (both ignored by git); the real-world
//! fixtures seed the text targets.

use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::step::{self, Failure};
use crate::tools;

/// The targets (`fuzz/fuzz_targets/<name>.rs`), and whether the fixtures seed their corpus.
const TARGETS: &[(&str, bool)] = &[
    ("decode", true),
    ("analyze", true),
    ("permalink_decode", false),
    ("redact", true),
];

/// How one target's run ended.
struct Outcome {
    target: &'static str,
    executions: Option<u64>,
    seconds: f64,
    crash: Option<String>,
}

/// Runs every target for `args[0]` seconds (default 60).
pub fn run(args: &[String]) -> Result<(), Failure> {
    let seconds: u64 = match args.first() {
        None => 60,
        Some(s) => s
            .parse()
            .ok()
            .filter(|&n| n > 0)
            .ok_or_else(|| Failure::new(format!("fuzz: `{s}` is not a number of seconds")))?,
    };
    install()?;
    let dir = step::root().join("fuzz");
    step::run(
        "cargo +nightly fuzz build -O",
        Command::new("cargo")
            .args(["+nightly", "fuzz", "build", "-O"])
            .current_dir(&dir),
    )?;
    let mut outcomes = Vec::new();
    for &(target, seeded) in TARGETS {
        outcomes.push(fuzz_one(&dir, target, seeded, seconds)?);
    }
    println!("\nfuzz summary ({seconds} s per target):");
    for o in &outcomes {
        let executions = o
            .executions
            .map_or_else(|| "?".to_string(), |n| n.to_string());
        let result = o.crash.as_deref().unwrap_or("no crash");
        println!(
            "  {:<18} {executions:>12} executions in {:>5.1} s  {result}",
            o.target, o.seconds
        );
    }
    let crashed: Vec<_> = outcomes
        .iter()
        .filter(|o| o.crash.is_some())
        .map(|o| o.target)
        .collect();
    if crashed.is_empty() {
        Ok(())
    } else {
        Err(Failure::new(format!(
            "fuzz: crashes in {} (inputs under fuzz/artifacts/; reproduce with \
             `cargo +nightly fuzz run -O <target> <file>` in fuzz/)",
            crashed.join(", ")
        )))
    }
}

/// Installs cargo-fuzz when `cargo fuzz --version` fails.
fn install() -> Result<(), Failure> {
    println!("\n==> cargo-fuzz");
    if let Some(version) = step::output(Command::new("cargo").args(["fuzz", "--version"])) {
        println!("<== cargo-fuzz: skipped, {} present", version.trim());
        return Ok(());
    }
    step::run(
        "cargo install cargo-fuzz",
        Command::new("cargo").args([
            "install",
            "cargo-fuzz",
            "--locked",
            "--version",
            tools::CARGO_FUZZ,
        ]),
    )
}

/// Runs one target for `seconds`, showing libFuzzer's progress and remembering its counts.
fn fuzz_one(
    dir: &Path,
    target: &'static str,
    seeded: bool,
    seconds: u64,
) -> Result<Outcome, Failure> {
    println!("\n==> fuzz {target} for {seconds} s");
    let corpus = dir.join("corpus").join(target);
    std::fs::create_dir_all(&corpus)
        .map_err(|e| Failure::new(format!("fuzz: cannot create {}: {e}", corpus.display())))?;
    let mut command = Command::new("cargo");
    command
        .args(["+nightly", "fuzz", "run", "-O", target])
        .arg(&corpus)
        .current_dir(dir)
        .stdout(Stdio::inherit())
        .stderr(Stdio::piped());
    if seeded {
        command.arg(step::root().join("tests/fixtures/corpus"));
    }
    command.args(["--", &format!("-max_total_time={seconds}")]);
    let started = Instant::now();
    let mut child = command
        .spawn()
        .map_err(|e| Failure::new(format!("fuzz {target}: could not start cargo: {e}")))?;
    let mut executions = None;
    let mut crash = None;
    if let Some(stderr) = child.stderr.take() {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            // libFuzzer's status lines: `#1234\tpulse  cov: …` and `Done 1234 runs in 60 second(s)`.
            if let Some(n) = line
                .strip_prefix('#')
                .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
                .and_then(|n| n.parse().ok())
            {
                executions = Some(n);
            }
            if let Some(n) = line
                .strip_prefix("Done ")
                .and_then(|rest| rest.split(' ').next())
                .and_then(|n| n.parse().ok())
            {
                executions = Some(n);
            }
            if let Some(path) = line.split("Test unit written to ").nth(1) {
                crash = Some(format!("CRASH: {}", path.trim()));
            }
            let shown = line.contains("pulse")
                || line.starts_with("Done ")
                || (line.contains("ERROR") && !line.starts_with('"'))
                || line.contains("panicked")
                || line.contains("SUMMARY")
                || line.contains("Test unit written")
                || line.starts_with("error");
            if shown {
                eprintln!("{line}");
            }
        }
    }
    let status = child
        .wait()
        .map_err(|e| Failure::new(format!("fuzz {target}: {e}")))?;
    let seconds = started.elapsed().as_secs_f64();
    if !status.success() && crash.is_none() {
        crash = Some(format!("FAILED ({status})"));
    }
    println!(
        "<== fuzz {target}: {} executions, {}",
        executions.map_or_else(|| "?".to_string(), |n: u64| n.to_string()),
        crash.as_deref().unwrap_or("no crash")
    );
    Ok(Outcome {
        target,
        executions,
        seconds,
        crash,
    })
}
