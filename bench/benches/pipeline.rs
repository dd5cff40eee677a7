//! The whole analysis as the front ends run it: bytes → decode → lines → sections → model →
//! join → rules → verdict → report → NDJSON (`report::ndjson`, what `dsreg analyze --format
//! json` prints and the web exports), side by side with the peer analyzer, CMTrace Open's
//! `cmtraceopen_parser::dsregcmd::analyze_text` followed by `serde_json::to_string` of its
//! result, on the same bytes in the same run.
//!
//! ```text
//! cargo bench -p dsreg-bench
//! ```
//!
//! The side-by-side table also shows ours without writing the JSON (the report objects only).
//!
//! Inputs: every corpus fixture concatenated (about 70 KB, 40 outputs) and the same repeated
//! to 10 MB (about 6,000 outputs); a 1 MB input checks linearity. Criterion prints each case's
//! throughput; the last lines print both analyzers' MB/s and the ratio (the closing note of
//! issue 13 quotes them). `DSREG_BENCH_QUICK=1` shortens the measurement.

use std::{hint::black_box, time::Instant};

mod inputs;
use inputs::{corpus, repeat_to};

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use dsreg_core::{analyze, report};

/// Ours, end to end: the NDJSON of every output's report.
fn ours(bytes: &[u8]) -> usize {
    let analysis = analyze(bytes);
    report::ndjson(&analysis, "bench").len()
}

/// Ours without the JSON: the report objects of every output, as the web builds them before it
/// renders (shows how much of the end-to-end time is writing the JSON).
fn ours_reports(bytes: &[u8]) -> usize {
    let analysis = analyze(bytes);
    report::reports(&analysis, "bench")
        .iter()
        .map(|r| r.findings.len())
        .sum()
}

/// The peer, end to end: its analysis of the text, as JSON. (It reads its input as one
/// output; it takes `&str`, so the UTF-8 check is counted for it as decoding is for us.)
fn peer(bytes: &[u8]) -> usize {
    let text = std::str::from_utf8(bytes).expect("the fixtures are UTF-8");
    match cmtraceopen_parser::dsregcmd::analyze_text(text) {
        Ok(result) => serde_json::to_string(&result).map_or(0, |s| s.len()),
        Err(e) => e.len(),
    }
}

/// MB/s of `f` over `bytes`: the best of a few runs after a warm-up.
fn throughput(f: fn(&[u8]) -> usize, bytes: &[u8]) -> f64 {
    black_box(f(bytes));
    let mut best = f64::MAX;
    for _ in 0..5 {
        let started = Instant::now();
        black_box(f(black_box(bytes)));
        best = best.min(started.elapsed().as_secs_f64());
    }
    bytes.len() as f64 / best / 1e6
}

fn pipeline(c: &mut Criterion) {
    let corpus = corpus();
    let mb1 = repeat_to(&corpus, 1_000_000);
    let mb10 = repeat_to(&corpus, 10_000_000);
    let quick = std::env::var_os("DSREG_BENCH_QUICK").is_some();

    let mut group = c.benchmark_group("end_to_end");
    group.sample_size(10);
    if quick {
        group.warm_up_time(std::time::Duration::from_millis(300));
        group.measurement_time(std::time::Duration::from_secs(1));
    }
    for (name, input) in [("corpus", &corpus), ("1MB", &mb1), ("10MB", &mb10)] {
        group.throughput(Throughput::Bytes(input.len() as u64));
        group.bench_with_input(BenchmarkId::new("dsreg", name), input, |b, i| {
            b.iter(|| ours(black_box(i)))
        });
        group.bench_with_input(BenchmarkId::new("peer", name), input, |b, i| {
            b.iter(|| peer(black_box(i)))
        });
    }
    group.finish();

    // The figures side by side, from the same process.
    println!("\nside by side (best of 5, MB/s = 10^6 bytes per second):");
    println!(
        "{:>8} {:>10} {:>10} {:>7} {:>16}",
        "input", "dsreg", "peer", "ratio", "dsreg, no JSON"
    );
    for (name, input) in [("corpus", &corpus), ("1MB", &mb1), ("10MB", &mb10)] {
        let a = throughput(ours, input);
        let b = throughput(peer, input);
        let c = throughput(ours_reports, input);
        println!("{name:>8} {a:>10.1} {b:>10.1} {:>6.1}× {c:>16.1}", a / b);
    }
    let small = throughput(ours, &mb1);
    let large = throughput(ours, &mb10);
    println!(
        "linearity: 10 MB takes {:.2}× the time of 1 MB for {:.2}× the bytes",
        (mb10.len() as f64 / large) / (mb1.len() as f64 / small),
        mb10.len() as f64 / mb1.len() as f64
    );
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
