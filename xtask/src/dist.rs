//! The release build into `dist/` and its size report.

use std::{
    fs,
    io::Write,
    path::{Path, PathBuf},
};

use flate2::{Compression, write::GzEncoder};

use crate::{
    step::{self, Failure},
    tools,
};

/// The product's size goal for wasm + js + css, gzip (what a visitor downloads).
const GOAL_GZIP_BYTES: u64 = 150 * 1024;
/// What CI enforces: a regression guard about 10% above the current size (246 KiB with the
/// share and export features), not the goal. The goal is not met yet; every run prints both.
/// (Leptos' `erase_components` would save 10 KiB but doubles the time to render a report.)
const CI_LIMIT_GZIP_BYTES: u64 = 270 * 1024;

/// Installs the web tools, then [`build`]s.
pub fn install_and_build() -> Result<PathBuf, Failure> {
    tools::install_web()?;
    build()
}

/// Runs `trunk build --release` (the tools must be installed) and prints the size of every
/// file. Returns the `dist/` folder.
pub fn build() -> Result<PathBuf, Failure> {
    let tools = tools::Paths::locate();
    step::run(
        "trunk build --release",
        tools.command("trunk").args(["build", "--release"]),
    )?;
    let dist = step::root().join("dist");
    report(&dist)?;
    Ok(dist)
}

struct Entry {
    name: String,
    raw: u64,
    gzip: u64,
}

fn report(dist: &Path) -> Result<(), Failure> {
    let mut entries = Vec::new();
    collect(dist, dist, &mut entries)?;
    entries.sort_by(|a, b| b.gzip.cmp(&a.gzip).then_with(|| a.name.cmp(&b.name)));

    println!("\nSize report for {}:", dist.display());
    println!("{:>10} {:>10}  file", "raw", "gzip");
    for e in &entries {
        println!("{:>10} {:>10}  {}", e.raw, e.gzip, e.name);
    }
    let total_raw: u64 = entries.iter().map(|e| e.raw).sum();
    let total_gzip: u64 = entries.iter().map(|e| e.gzip).sum();
    println!("{total_raw:>10} {total_gzip:>10}  total");

    let app: u64 = entries
        .iter()
        .filter(|e| {
            [".wasm", ".js", ".css"]
                .iter()
                .any(|ext| e.name.ends_with(ext))
        })
        .map(|e| e.gzip)
        .sum();
    println!(
        "wasm + js + css: {app} bytes gzip ({:.1} KiB; goal {} KiB, CI limit {} KiB)",
        app as f64 / 1024.0,
        GOAL_GZIP_BYTES / 1024,
        CI_LIMIT_GZIP_BYTES / 1024
    );
    if app > CI_LIMIT_GZIP_BYTES {
        return Err(Failure::new(format!(
            "the app is {app} bytes gzip, over the CI limit of {CI_LIMIT_GZIP_BYTES}"
        )));
    }
    Ok(())
}

fn collect(base: &Path, dir: &Path, out: &mut Vec<Entry>) -> Result<(), Failure> {
    let read = fs::read_dir(dir).map_err(|e| Failure::new(format!("{}: {e}", dir.display())))?;
    for item in read {
        let path = item
            .map_err(|e| Failure::new(format!("{}: {e}", dir.display())))?
            .path();
        if path.is_dir() {
            collect(base, &path, out)?;
            continue;
        }
        let bytes =
            fs::read(&path).map_err(|e| Failure::new(format!("{}: {e}", path.display())))?;
        let name = path
            .strip_prefix(base)
            .unwrap_or(&path)
            .display()
            .to_string();
        out.push(Entry {
            name,
            raw: bytes.len() as u64,
            gzip: gzip_len(&bytes),
        });
    }
    Ok(())
}

/// Bytes after gzip at the best level, as a static host would serve them pre-compressed.
fn gzip_len(bytes: &[u8]) -> u64 {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().map(|v| v.len() as u64).unwrap_or(0)
}
