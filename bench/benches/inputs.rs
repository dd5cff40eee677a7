//! The inputs both benches read: every corpus fixture concatenated (each one becomes an output
//! of its own), and that text repeated to a size.

use std::path::Path;

/// Every corpus fixture, concatenated.
pub fn corpus() -> Vec<u8> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/corpus");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus fixtures")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let mut all = Vec::new();
    for path in paths {
        all.extend_from_slice(&std::fs::read(path).expect("fixture"));
        all.push(b'\n');
    }
    all
}

/// `base` repeated until it is at least `size` bytes long.
pub fn repeat_to(base: &[u8], size: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(size + base.len());
    while out.len() < size {
        out.extend_from_slice(base);
    }
    out
}
