//! Fuzzing with cargo-fuzz (nightly):
//!
//! - `cargo xtask fuzz [SECONDS]`: every target of `fuzz/` for SECONDS each (default 60), with a
//!   summary of executions and crashes. New corpus entries go to `fuzz/corpus/<target>/`.
//! - the smoke run inside `cargo xtask test`: every target for a fixed number of runs with a
//!   fixed seed, from the fixtures only (a throw-away corpus under the target directory), so CI
//!   stays short and a failure reproduces.
//!
//! Crashing inputs go to `fuzz/artifacts/<target>/` (ignored by git). cargo-fuzz is installed at
//! its pinned version when missing. Build artifacts go under `$CARGO_TARGET_DIR/fuzz` when that
//! is set (CI keeps its cache outside the clone), else `fuzz/target`.

use std::io::{BufRead as _, BufReader};
use std::path::PathBuf;
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

/// Runs per target in the smoke run: a few seconds each on a 2-core machine.
const SMOKE_RUNS: &[(&str, u64)] = &[
    ("decode", 200_000),
    ("analyze", 2_000),
    ("permalink_decode", 6_000),
    ("redact", 4_000),
];

/// When a target's run stops.
#[derive(Clone, Copy)]
enum Bound {
    /// After this many seconds, growing `fuzz/corpus/<target>/`.
    Seconds(u64),
    /// After this many runs, with a fixed seed and a throw-away corpus.
    Runs(u64),
}

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
        Some(s) if s == "smoke" => return smoke(),
        None => 60,
        Some(s) => s
            .parse()
            .ok()
            .filter(|&n| n > 0)
            .ok_or_else(|| Failure::new(format!("fuzz: `{s}` is not a number of seconds")))?,
    };
    install()?;
    build()?;
    let mut outcomes = Vec::new();
    for &(target, seeded) in TARGETS {
        outcomes.push(fuzz_one(target, seeded, Bound::Seconds(seconds))?);
    }
    summarize(&format!("{seconds} s per target"), &outcomes)
}

/// The smoke run of `cargo xtask test`: every target for a fixed number of runs. Skipped, with
/// a clear note, on a machine without the nightly toolchain (the stable property tests still
/// run there).
pub fn smoke() -> Result<(), Failure> {
    if step::output(Command::new("cargo").args(["+nightly", "--version"])).is_none() {
        println!(
            "\n==> fuzz smoke run: SKIPPED, no nightly toolchain (`cargo +nightly` failed); \
             the property tests ran on stable"
        );
        return Ok(());
    }
    install()?;
    build()?;
    let mut outcomes = Vec::new();
    for &(target, seeded) in TARGETS {
        let runs = SMOKE_RUNS
            .iter()
            .find(|(name, _)| *name == target)
            .map_or(1_000, |(_, runs)| *runs);
        outcomes.push(fuzz_one(target, seeded, Bound::Runs(runs))?);
    }
    summarize("fixed runs, seed 1", &outcomes)
}

/// The fuzz crate's directory.
fn dir() -> PathBuf {
    step::root().join("fuzz")
}

/// `--target-dir` for cargo-fuzz: under `$CARGO_TARGET_DIR` when set.
fn target_dir() -> Option<PathBuf> {
    std::env::var_os("CARGO_TARGET_DIR")
        .filter(|d| !d.is_empty())
        .map(|d| PathBuf::from(d).join("fuzz"))
}

/// Builds every target (release, with debug assertions and AddressSanitizer).
fn build() -> Result<(), Failure> {
    let mut command = Command::new("cargo");
    command
        .args(["+nightly", "fuzz", "build", "-O"])
        .current_dir(dir());
    if let Some(target_dir) = target_dir() {
        command.arg("--target-dir").arg(target_dir);
    }
    step::run("cargo +nightly fuzz build -O", &mut command)
}

/// Prints the per-target counts; fails when any target crashed.
fn summarize(bound: &str, outcomes: &[Outcome]) -> Result<(), Failure> {
    println!("\nfuzz summary ({bound}):");
    for o in outcomes {
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
fn fuzz_one(target: &'static str, seeded: bool, bound: Bound) -> Result<Outcome, Failure> {
    let dir = dir();
    let (corpus, limits) = match bound {
        Bound::Seconds(seconds) => {
            println!("\n==> fuzz {target} for {seconds} s");
            (
                dir.join("corpus").join(target),
                vec![format!("-max_total_time={seconds}")],
            )
        }
        Bound::Runs(runs) => {
            println!("\n==> fuzz {target} for {runs} runs (seed 1)");
            let base = target_dir().unwrap_or_else(|| dir.join("target"));
            let corpus = base.join("smoke-corpus").join(target);
            // A fresh corpus each time, so the same runs happen on every machine.
            if corpus.exists() {
                std::fs::remove_dir_all(&corpus).map_err(|e| {
                    Failure::new(format!("fuzz: cannot clear {}: {e}", corpus.display()))
                })?;
            }
            // A safety cap on time, far above what the runs take.
            let limits = vec![
                format!("-runs={runs}"),
                "-seed=1".to_string(),
                "-max_total_time=120".to_string(),
            ];
            (corpus, limits)
        }
    };
    std::fs::create_dir_all(&corpus)
        .map_err(|e| Failure::new(format!("fuzz: cannot create {}: {e}", corpus.display())))?;
    let mut command = Command::new("cargo");
    command
        .args(["+nightly", "fuzz", "run", "-O", target])
        .current_dir(&dir)
        .stdout(Stdio::inherit())
        .stderr(Stdio::piped());
    if let Some(target_dir) = target_dir() {
        command.arg("--target-dir").arg(target_dir);
    }
    command.arg(&corpus);
    if seeded {
        command.arg(step::root().join("tests/fixtures/corpus"));
    }
    command.arg("--").args(limits);
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
