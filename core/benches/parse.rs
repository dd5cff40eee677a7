//! Throughput of decode + parse + model over the corpus fixtures, and linearity (1 MB vs 10 MB).
//!
//! Run with `cargo bench -p dsreg-core`. Criterion prints the throughput (`thrpt`) of each case.

use std::hint::black_box;
use std::path::Path;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use dsreg_core::{Value, analyze};

/// Every corpus fixture, concatenated (each one becomes a document of its own).
fn corpus() -> Vec<u8> {
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

fn repeat_to(base: &[u8], size: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(size + base.len());
    while out.len() < size {
        out.extend_from_slice(base);
    }
    out
}

/// Decode, parse, and type every value (the model), as a front end does.
fn full(bytes: &[u8]) -> usize {
    let analysis = analyze(bytes);
    let mut typed = 0;
    for doc in analysis.documents() {
        black_box(doc.join());
        for field in doc.fields() {
            if !matches!(field.value(), Value::Text(_) | Value::Empty) {
                typed += 1;
            }
        }
    }
    typed
}

fn bench(c: &mut Criterion) {
    let corpus = corpus();
    let mut group = c.benchmark_group("analyze");
    group.throughput(Throughput::Bytes(corpus.len() as u64));
    group.bench_function("corpus", |b| b.iter(|| full(black_box(&corpus))));
    for mb in [1usize, 10] {
        let input = repeat_to(&corpus, mb << 20);
        group.throughput(Throughput::Bytes(input.len() as u64));
        group.sample_size(if mb == 10 { 10 } else { 20 });
        group.bench_with_input(
            BenchmarkId::new("size", format!("{mb}MB")),
            &input,
            |b, i| b.iter(|| full(black_box(i))),
        );
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
