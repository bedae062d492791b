//! Invariants of the scoring engine, checked on random projects.

use std::collections::BTreeMap;

use merit::model::{MissingPolicy, Person, Post, Project, Scheme, Value};
use merit::scoring::evaluate;
use proptest::prelude::*;

/// (rank, cents, status) by person id.
fn outcome(project: &Project) -> BTreeMap<String, (Option<u32>, Option<i64>, &'static str)> {
    evaluate(project)
        .posts
        .iter()
        .flat_map(|p| p.rows.iter())
        .map(|r| {
            (
                project.people[r.person].id.clone(),
                (r.rank, r.cents, r.status.code()),
            )
        })
        .collect()
}

fn policy() -> impl Strategy<Value = MissingPolicy> {
    prop_oneof![
        Just(MissingPolicy::Exclude),
        Just(MissingPolicy::Zero),
        Just(MissingPolicy::Reweight)
    ]
}

/// A score with one decimal (as typed), or missing one time in ten.
fn score() -> impl Strategy<Value = Option<f64>> {
    prop_oneof![1 => Just(None), 9 => (0u32..=1000).prop_map(|t| Some(f64::from(t) / 10.0))]
}

prop_compose! {
    fn project()(
        rows in prop::collection::vec(prop::collection::vec(score(), 5), 1..30),
        weights in prop::collection::vec(0u32..10, 5),
        group_weights in (1u32..10, 1u32..10),
        openings in 1u32..4,
        ratio in 1u32..4,
        missing in policy(),
    ) -> Project {
        let mut scheme = Scheme { missing, ..Scheme::default() };
        scheme.groups[0].weight = f64::from(group_weights.0);
        scheme.groups[1].weight = f64::from(group_weights.1);
        let keys: Vec<String> = scheme.criteria().map(|c| c.key.clone()).collect();
        for (k, w) in keys.iter().zip(&weights) {
            scheme.set_weight(k, f64::from(*w));
        }
        let people = rows
            .iter()
            .enumerate()
            .map(|(i, scores)| Person {
                id: format!("p{i:03}"),
                name: format!("n{i}"),
                post: Some("post".into()),
                scores: keys
                    .iter()
                    .zip(scores)
                    .filter_map(|(k, s)| s.map(|v| (k.clone(), Value::Number(v))))
                    .collect(),
                ..Person::default()
            })
            .collect();
        Project {
            scheme,
            posts: vec![Post { id: "post".into(), name: "post".into(), openings, shortlist_ratio: f64::from(ratio) }],
            people,
            ..Project::default()
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn totals_stay_within_0_and_100(project in project()) {
        for post in evaluate(&project).posts {
            for row in post.rows {
                if let (Some(total), Some(cents)) = (row.total, row.cents) {
                    prop_assert!((-1e-9..=100.0 + 1e-9).contains(&total), "total {total}");
                    prop_assert!((0..=10_000).contains(&cents), "cents {cents}");
                }
            }
        }
    }

    #[test]
    fn ranking_ignores_the_order_of_rows(project in project(), seed in any::<u64>()) {
        let mut shuffled = project.clone();
        // A seeded Fisher–Yates shuffle.
        let mut state = seed | 1;
        for i in (1..shuffled.people.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            shuffled.people.swap(i, (state % (i as u64 + 1)) as usize);
        }
        prop_assert_eq!(outcome(&project), outcome(&shuffled));
    }

    #[test]
    fn ranking_ignores_scaling_all_weights(project in project(), factor in prop_oneof![Just(0.5), Just(3.0), Just(7.3), Just(1000.0)]) {
        let mut scaled = project.clone();
        for group in &mut scaled.scheme.groups {
            group.weight *= factor;
            for c in &mut group.criteria {
                c.weight *= factor;
            }
        }
        prop_assert_eq!(outcome(&project), outcome(&scaled));
    }

    #[test]
    fn raising_a_score_never_lowers_the_rank(project in project(), who in any::<prop::sample::Index>(), which in 0usize..5, raise in 1u32..300) {
        let before = outcome(&project);
        let person = who.index(project.people.len());
        let key = project.scheme.criteria().nth(which).map(|c| c.key.clone()).unwrap_or_default();
        let mut raised = project.clone();
        let entry = raised.people[person].scores.get_mut(&key);
        let Some(Value::Number(v)) = entry else { return Ok(()) };
        *v = (*v + f64::from(raise) / 10.0).min(100.0);
        let after = outcome(&raised);
        let id = &project.people[person].id;
        if let (Some(old), Some(new)) = (before[id].0, after[id].0) {
            prop_assert!(new <= old, "rank went from {old} to {new}");
        }
    }
}
