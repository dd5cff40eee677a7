//! Running and timing the steps of a task, and the one error type.

use std::{
    fmt,
    path::PathBuf,
    process::Command,
    time::{Duration, Instant},
};

/// Why a task stopped.
#[derive(Debug)]
pub struct Failure(String);

impl Failure {
    /// A failure with a message for the person at the terminal.
    pub fn new(message: impl Into<String>) -> Self {
        Self(message.into())
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The workspace root (the parent of this crate's folder). `cargo run` says where this crate
/// is when it starts the binary; the path compiled in is only a fallback, because a build
/// cache shared between two checkouts may hand one checkout the binary built in the other.
pub fn root() -> PathBuf {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

/// `cargo`, as the one that runs this xtask, started in the workspace root.
pub fn cargo() -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command.current_dir(root());
    command
}

/// Prints the step's name, runs it to completion with inherited output, and prints how long it
/// took. A non-zero exit becomes a [`Failure`] naming the step.
pub fn run(name: &str, command: &mut Command) -> Result<(), Failure> {
    println!("\n==> {name}");
    let started = Instant::now();
    let status = command.status().map_err(|e| {
        Failure::new(format!(
            "{name}: could not start {:?}: {e}",
            command.get_program()
        ))
    })?;
    let took = started.elapsed();
    if status.success() {
        println!("<== {name}: ok in {}", seconds(took));
        Ok(())
    } else {
        Err(Failure::new(format!(
            "{name} failed ({status}) after {}",
            seconds(took)
        )))
    }
}

/// Runs a command quietly and returns its standard output when it succeeds.
pub fn output(command: &mut Command) -> Option<String> {
    let out = command.output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Formats a duration for humans.
pub fn seconds(duration: Duration) -> String {
    format!("{:.1}s", duration.as_secs_f64())
}
