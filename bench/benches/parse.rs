//! Throughput of decode + parse + model over the corpus fixtures, and linearity (1 MB vs 10 MB).
//!
//! Run with `cargo bench -p dsreg-bench --bench parse`. Criterion prints the throughput (`thrpt`) of each case.

use std::hint::black_box;

mod inputs;
use inputs::{corpus, repeat_to};

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use dsreg_core::{Value, analyze};

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
