//! `cargo bench --bench evaluate`: the scoring hot path at 10k and 100k people × 5 criteria.
//!
//! - `rerank/N`: re-ranking after a weight change (what a slider drag does every frame):
//!   totals, published rounding, sort with tie-breakers, ranks, selection.
//! - `evaluate/N`: the whole evaluation from the project (validation, normalization,
//!   gates, then ranking).

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

mod common;
use common::project;
use merit::scoring::{Prepared, Weights, evaluate};

fn bench(c: &mut Criterion) {
    for n in [10_000usize, 100_000] {
        let project = project(n);
        let prepared = Prepared::new(&project);
        let mut weights = Weights::from_scheme(&project.scheme);
        let mut group = c.benchmark_group("scoring");
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("rerank", n), &n, |b, _| {
            let mut step = 0u32;
            b.iter(|| {
                step = step.wrapping_add(1);
                weights.criteria[0] = 100.0 + f64::from(step % 50);
                black_box(prepared.rank(black_box(&weights)))
            });
        });
        group.sample_size(20);
        group.bench_with_input(BenchmarkId::new("evaluate", n), &n, |b, _| {
            b.iter(|| black_box(evaluate(black_box(&project))));
        });
        group.finish();
    }
}

criterion_group! {
    name = benches;
    // No plots: criterion's plot fonts clash with the plotters features Merit needs.
    config = Criterion::default().without_plots();
    targets = bench
}
criterion_main!(benches);
