//! `cargo bench --bench rerank_cpu`: CPU time (not wall time) of re-ranking, for a machine
//! shared with other work, where wall-clock benchmarks mostly measure the neighbours.
//! Reads the process's user+system time (all threads) from `/proc/self/stat` (Linux only),
//! and prints wall time beside it.

use std::hint::black_box;

mod common;
use common::project;
use merit::scoring::{Prepared, Weights};

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
