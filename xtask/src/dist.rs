//! The release build into `dist/` and its size report.

use std::{
    env, fs,
    path::{Path, PathBuf},
};

use crate::{
    step::{self, Failure},
    tools,
};

/// The size budget for wasm + js + css, gzip as shipped (`dist/*.gz`): what a visitor
/// downloads from a host that serves the precompressed files. CI fails above it.
const BUDGET_GZIP_BYTES: u64 = 270 * 1024;
/// The stretch goal, printed on every run.
const STRETCH_GZIP_BYTES: u64 = 240 * 1024;

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
    minify_glue(&dist)?;
    single_file(&dist)?;
    report(&dist)?;
    Ok(dist)
}

/// The name of the one-file build in `dist/`.
pub const SINGLE_FILE: &str = "dsregcmd-analyzer.html";

/// Writes `dist/dsregcmd-analyzer.html`: the whole app in one file that works opened from disk
/// with no network at all. The stylesheet is an inline `<style>`, the JS glue and the start-up
/// an inline module script that instantiates the wasm from base64 (no fetch), the icon a
/// `data:` URL. Its Content-Security-Policy allows only that script and that style (by their
/// SHA-256, computed here), WebAssembly compilation, and `connect-src 'none'` from the start.
fn single_file(dist: &Path) -> Result<(), Failure> {
    use base64::Engine as _;
    use sha2::Digest as _;

    let b64 = |bytes: &[u8]| base64::engine::general_purpose::STANDARD.encode(bytes);
    let find = |prefix: &str, suffix: &str| -> Result<PathBuf, Failure> {
        let read = fs::read_dir(dist)
            .map_err(|e| Failure::new(format!("reading {}: {e}", dist.display())))?;
        read.flatten()
            .map(|e| e.path())
            .find(|p| {
                let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
                name.is_some_and(|n| n.starts_with(prefix) && n.ends_with(suffix))
            })
            .ok_or_else(|| Failure::new(format!("no {prefix}*{suffix} in {}", dist.display())))
    };
    let read = |path: &Path| {
        fs::read(path).map_err(|e| Failure::new(format!("reading {}: {e}", path.display())))
    };
    let glue = String::from_utf8(read(&find("dsreg-web-", ".js")?)?)
        .map_err(|_| Failure::new("the JS glue is not UTF-8"))?;
    let wasm = read(&find("dsreg-web-", "_bg.wasm")?)?;
    let css = String::from_utf8(read(&find("main-", ".css")?)?)
        .map_err(|_| Failure::new("the stylesheet is not UTF-8"))?;
    let icon = read(&find("favicon-", ".svg")?)?;

    // The glue ends with its exports; `default` is the init function.
    let exports = glue
        .rfind("export{")
        .ok_or_else(|| Failure::new("the JS glue has no export list"))?;
    let init = glue[exports..]
        .trim_start_matches("export{")
        .split(['}', ','])
        .find_map(|item| item.trim().strip_suffix(" as default"))
        .ok_or_else(|| Failure::new("the JS glue exports no default init"))?
        .to_owned();
    let script = format!(
        "{}\nconst bytes=Uint8Array.from(atob(\"{}\"),c=>c.charCodeAt(0));\n\
         await {init}({{module_or_path:bytes}});\ndocument.documentElement.dataset.ready='true';\n",
        &glue[..exports],
        b64(&wasm)
    );
    if css.contains("</style") || script.contains("</script") {
        return Err(Failure::new("an inlined asset holds a closing tag"));
    }
    let hash = |text: &str| b64(&sha2::Sha256::digest(text.as_bytes()));
    // Share links made in the file point at the hosted page when one is named at build time.
    let hosted = match env::var("DSREG_HOSTED_URL") {
        Ok(url) if url.starts_with("https://") && !url.contains(['"', '<', '>']) => {
            println!("    share links of the one-file build point at {url}");
            format!("<meta name=\"dsreg-hosted\" content=\"{url}\">")
        }
        Ok(url) if !url.is_empty() => {
            return Err(Failure::new(format!(
                "DSREG_HOSTED_URL must be an https: address, not `{url}`"
            )));
        }
        _ => String::new(),
    };
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         script-src 'sha256-{}' 'wasm-unsafe-eval'; style-src 'sha256-{}'; img-src data:; \
         connect-src 'none'; font-src 'none'; base-uri 'none'; form-action 'none'; \
         object-src 'none'\">\
         <meta name=\"referrer\" content=\"no-referrer\">\
         <meta name=\"color-scheme\" content=\"light dark\">\
         <title>dsregcmd analyzer</title>{hosted}\
         <link rel=\"icon\" href=\"data:image/svg+xml;base64,{}\">\
         <style>{css}</style><script type=\"module\">{script}</script></head><body>\
         <noscript>This analyzer runs in your browser and needs JavaScript and WebAssembly.\
         </noscript></body></html>\n",
        hash(&script),
        hash(&css),
        b64(&icon),
    );
    let path = dist.join(SINGLE_FILE);
    fs::write(&path, &html)
        .map_err(|e| Failure::new(format!("writing {}: {e}", path.display())))?;
    println!(
        "    one-file build: {} ({} bytes)",
        path.display(),
        html.len()
    );
    Ok(())
}

/// Minifies wasm-bindgen's JS glue (`dsreg-web-<hash>.js`) in place with the pinned terser, as
/// an ES module: its exports, including the `default` init the loader imports, keep their names.
/// The hand-written `loader.js` stays readable for whoever reviews the page's policy.
fn minify_glue(dist: &Path) -> Result<(), Failure> {
    let read =
        fs::read_dir(dist).map_err(|e| Failure::new(format!("reading {}: {e}", dist.display())))?;
    let mut glue = Vec::new();
    for entry in read.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with("dsreg-web-") && name.ends_with(".js") {
            glue.push(entry.path());
        }
    }
    if glue.len() != 1 {
        return Err(Failure::new(format!(
            "expected one wasm-bindgen glue file (dsreg-web-*.js) in {}, found {}",
            dist.display(),
            glue.len()
        )));
    }
    let path = &glue[0];
    let before = fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    step::run(
        "terser (JS glue)",
        std::process::Command::new(tools::terser_bin())
            .arg(path)
            .args(["--module", "--compress", "--mangle", "--output"])
            .arg(path),
    )?;
    let after = fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    println!("    JS glue minified: {before} → {after} bytes");
    Ok(())
}

struct Entry {
    name: String,
    raw: u64,
    gzip: u64,
    brotli: u64,
}

fn report(dist: &Path) -> Result<(), Failure> {
    let mut entries = Vec::new();
    collect(dist, dist, &mut entries)?;
    entries.sort_by(|a, b| b.gzip.cmp(&a.gzip).then_with(|| a.name.cmp(&b.name)));

    println!(
        "\nSize report for {} (each file is also written as .gz and .br):",
        dist.display()
    );
    println!("{:>10} {:>10} {:>10}  file", "raw", "gzip", "brotli");
    for e in &entries {
        println!("{:>10} {:>10} {:>10}  {}", e.raw, e.gzip, e.brotli, e.name);
    }
    let total_raw: u64 = entries.iter().map(|e| e.raw).sum();
    let total_gzip: u64 = entries.iter().map(|e| e.gzip).sum();
    let total_brotli: u64 = entries.iter().map(|e| e.brotli).sum();
    println!("{total_raw:>10} {total_gzip:>10} {total_brotli:>10}  total");

    let app = |size: fn(&Entry) -> u64| -> u64 {
        entries
            .iter()
            .filter(|e| {
                [".wasm", ".js", ".css"]
                    .iter()
                    .any(|ext| e.name.ends_with(ext))
            })
            .map(size)
            .sum()
    };
    let (gzip, brotli) = (app(|e| e.gzip), app(|e| e.brotli));
    println!(
        "wasm + js + css: {gzip} bytes gzip ({:.1} KiB; budget {} KiB, stretch {} KiB), {brotli} \
         bytes brotli ({:.1} KiB)",
        gzip as f64 / 1024.0,
        BUDGET_GZIP_BYTES / 1024,
        STRETCH_GZIP_BYTES / 1024,
        brotli as f64 / 1024.0,
    );
    if gzip > BUDGET_GZIP_BYTES {
        return Err(Failure::new(format!(
            "the app is {gzip} bytes gzip, over the budget of {BUDGET_GZIP_BYTES}"
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
        // Precompressed copies, and the one-file build (for opening from disk or mailing; it is
        // not served, and it repeats the app's bytes).
        if path.extension().is_some_and(|e| e == "gz" || e == "br")
            || path.file_name().is_some_and(|n| n == SINGLE_FILE)
        {
            continue;
        }
        let bytes =
            fs::read(&path).map_err(|e| Failure::new(format!("{}: {e}", path.display())))?;
        let name = path
            .strip_prefix(base)
            .unwrap_or(&path)
            .display()
            .to_string();
        let gzip = gzip(&bytes);
        let brotli = brotli(&bytes);
        let write = |ext: &str, data: &[u8]| {
            let mut target = path.clone().into_os_string();
            target.push(ext);
            fs::write(&target, data)
                .map_err(|e| Failure::new(format!("{}: {e}", PathBuf::from(target).display())))
        };
        write(".gz", &gzip)?;
        write(".br", &brotli)?;
        out.push(Entry {
            name,
            raw: bytes.len() as u64,
            gzip: gzip.len() as u64,
            brotli: brotli.len() as u64,
        });
    }
    Ok(())
}

/// Gzip made with Zopfli (plain gzip any browser reads, about 4% smaller than `gzip -9`), as
/// a static host serves it precompressed.
fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let options = zopfli::Options::default();
    // Compressing into a Vec cannot fail.
    let _ = zopfli::compress(options, zopfli::Format::Gzip, bytes, &mut out);
    out
}

/// Brotli at the best quality.
fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    let mut input = bytes;
    let _ = brotli::BrotliCompress(&mut input, &mut out, &params);
    out
}
