//! The benchmarks' shared input: a deterministic project of `n` people in 5 posts and 17
//! departments, with one-decimal scores.

use merit::model::{Person, Post, Project, Scheme, Value};

/// A deterministic project of `n` people in 5 posts with one-decimal scores.
pub fn project(n: usize) -> Project {
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
            department: format!("部门{}", i % 17),
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
