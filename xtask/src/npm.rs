//! `cargo xtask npm`: the JavaScript package of core in `pkg/` (crate `js/`, wasm-bindgen), for
//! Node (`require`, CommonJS) and for browsers and bundlers (an ES module), with the package
//! files of `js/npm/` (package.json, README, the report types). `cargo xtask test` builds it and
//! runs `node --test js/tests/`.

use std::{
    env, fs,
    path::{Path, PathBuf},
};

use crate::{
    step::{self, Failure},
    tools,
};

/// Builds `pkg/` and returns its path.
pub fn build() -> Result<PathBuf, Failure> {
    let tools = tools::Paths::locate();
    step::run(
        "cargo build -p dsreg-js (wasm32, wasm-release)",
        tools.command("cargo").args([
            "build",
            "-p",
            "dsreg-js",
            "--target",
            tools::WASM_TARGET,
            "--profile",
            "wasm-release",
        ]),
    )?;
    let root = step::root();
    let target = env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    let wasm = target
        .join(tools::WASM_TARGET)
        .join("wasm-release")
        .join("dsreg_js.wasm");
    let pkg = root.join("pkg");
    if pkg.exists() {
        fs::remove_dir_all(&pkg).map_err(|e| io(&pkg, &e))?;
    }
    for (flavour, dir) in [("nodejs", "node"), ("web", "web")] {
        let out = pkg.join(dir);
        step::run(
            &format!("wasm-bindgen --target {flavour}"),
            tools
                .command("wasm-bindgen")
                .arg(&wasm)
                .args(["--target", flavour, "--out-name", "dsreg", "--out-dir"])
                .arg(&out),
        )?;
        let module = out.join("dsreg_bg.wasm");
        step::run(
            &format!("wasm-opt -Oz ({dir})"),
            tools
                .command("wasm-opt")
                .args([
                    "-Oz",
                    "--enable-bulk-memory",
                    "--enable-nontrapping-float-to-int",
                ])
                .args([
                    "--enable-sign-ext",
                    "--enable-mutable-globals",
                    "--enable-reference-types",
                ])
                .args(["--enable-multivalue", "-o"])
                .arg(&module)
                .arg(&module),
        )?;
    }
    let files = root.join("js/npm");
    for name in ["package.json", "README.md", "index.d.ts"] {
        fs::copy(files.join(name), pkg.join(name)).map_err(|e| io(&files.join(name), &e))?;
    }
    let size = fs::metadata(pkg.join("node/dsreg_bg.wasm")).map_or(0, |m| m.len());
    println!("    pkg/: the package ({size} bytes of wasm, no Leptos)");
    Ok(pkg)
}

/// Builds the package and runs its tests with Node.
pub fn test() -> Result<(), Failure> {
    build()?;
    step::run(
        "node --test js/tests/",
        std::process::Command::new("node")
            .current_dir(step::root())
            .args(["--test", "js/tests/"]),
    )
}

fn io(path: &Path, e: &std::io::Error) -> Failure {
    Failure::new(format!("{}: {e}", path.display()))
}
