//! `cargo bench --bench evaluate`: the scoring hot path at 10k and 100k people × 5 criteria.
//!
//! - `rerank/N`: re-ranking after a weight change (what a slider drag does every frame):
//!   totals, published rounding, sort with tie-breakers, ranks, selection.
//! - `evaluate/N`: the whole evaluation from the project (validation, normalization,
//!   gates, then ranking).

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use merit::model::{Person, Post, Project, Value};
use merit::scoring::{Prepared, Weights, evaluate};

/// A deterministic project of `n` people in 5 posts with one-decimal scores.
fn project(n: usize) -> Project {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let keys: Vec<String> = merit::model::Scheme::default()
        .criteria()
        .map(|c| c.key.clone())
        .collect();
    let people = (0..n)
        .map(|i| Person {
            id: format!("C{i:07}"),
            name: format!("候选人{i}"),
            post: Some(format!("post{}", i % 5)),
            scores: keys
                .iter()
                .map(|k| {
                    (
                        k.clone(),
                        Value::Number(40.0 + (next() % 601) as f64 / 10.0),
                    )
                })
                .collect(),
            ..Person::default()
        })
        .collect();
    Project {
        posts: (0..5)
            .map(|p| Post {
                id: format!("post{p}"),
                name: format!("岗位{p}"),
                openings: 10,
                shortlist_ratio: 3.0,
            })
            .collect(),
        people,
        ..Project::default()
    }
}

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

criterion_group!(benches, bench);
criterion_main!(benches);
