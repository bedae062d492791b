//! `cargo bench --bench rerank_cpu`: CPU time (not wall time) of re-ranking, for a machine
//! shared with other work, where wall-clock benchmarks mostly measure the neighbours.
//! Reads the process's user+system time (all threads) from `/proc/self/stat` (Linux only),
//! and prints wall time beside it.

use std::hint::black_box;

use merit::model::{Person, Post, Project, Scheme, Value};
use merit::scoring::{Prepared, Weights};

/// The same deterministic project as `benches/evaluate.rs`.
fn project(n: usize) -> Project {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let keys: Vec<String> = Scheme::default()
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

/// The process's CPU seconds so far (all threads), if the platform tells.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0) // USER_HZ is 100 on Linux
}

fn main() {
    if std::env::args().any(|a| a == "--test" || a == "--list") {
        return; // `cargo test --all-targets` only checks that this builds
    }
    for (n, iterations) in [(10_000usize, 3000u32), (100_000, 200)] {
        let project = project(n);
        let prepared = Prepared::new(&project);
        let mut weights = Weights::from_scheme(&project.scheme);
        let Some(start) = cpu_seconds() else {
            println!("CPU time is not available on this platform");
            return;
        };
        let wall = std::time::Instant::now();
        for step in 0..iterations {
            weights.criteria[0] = 100.0 + f64::from(step % 50);
            black_box(prepared.rank(black_box(&weights)));
        }
        let wall = wall.elapsed().as_secs_f64();
        let spent = cpu_seconds().unwrap_or(start) - start;
        println!(
            "rerank {n:>7} people: {:.3} ms CPU (all threads), {:.3} ms wall per re-rank ({iterations} re-ranks)",
            spent * 1000.0 / f64::from(iterations),
            wall * 1000.0 / f64::from(iterations)
        );
    }
}
