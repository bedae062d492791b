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

/// The published total computed from scratch in exact rationals, for a project whose every
/// person has every score (Scale normalization, 0..100).
fn exact_published(project: &Project, person: &Person) -> i64 {
    use merit::scoring::number::{decimal_of_f64, exact_cents};
    use num_rational::BigRational;
    let scheme = &project.scheme;
    let group_total: BigRational = scheme.groups.iter().map(|g| decimal_of_f64(g.weight)).sum();
    let mut total = BigRational::from_integer(0.into());
    for group in &scheme.groups {
        let inner: BigRational = group
            .criteria
            .iter()
            .map(|c| decimal_of_f64(c.weight))
            .sum();
        for c in &group.criteria {
            let Some(Value::Number(v)) = person.scores.get(&c.key) else {
                continue;
            };
            let weight = decimal_of_f64(group.weight) * decimal_of_f64(c.weight)
                / (group_total.clone() * inner.clone());
            total += weight * decimal_of_f64(*v); // scale 0..100: normalized = raw
        }
    }
    exact_cents(&total)
}

prop_compose! {
    /// Everyone has every score; scores with up to 2 decimals, weights with up to 2.
    fn complete_project()(
        rows in prop::collection::vec(prop::collection::vec(0u32..=10_000, 5), 1..40),
        weights in prop::collection::vec(prop_oneof![1u32..=10_000, prop::sample::select(vec![1000u32, 1500, 2000, 2500, 3000])], 5),
        groups in prop_oneof![(1u32..=1000, 1u32..=1000), Just((300, 700)), Just((500, 500))],
        score_divisor in prop_oneof![Just(10.0), Just(100.0)],
        weight_divisor in prop_oneof![Just(100.0), Just(10_000.0)],
    ) -> Project {
        let mut scheme = Scheme::default();
        scheme.groups[0].weight = f64::from(groups.0) / 10.0;
        scheme.groups[1].weight = f64::from(groups.1) / 10.0;
        let keys: Vec<String> = scheme.criteria().map(|c| c.key.clone()).collect();
        for (k, w) in keys.iter().zip(&weights) {
            scheme.set_weight(k, f64::from(*w) / weight_divisor);
        }
        let people = rows
            .iter()
            .enumerate()
            .map(|(i, scores)| Person {
                id: format!("p{i:03}"),
                post: Some("post".into()),
                scores: keys
                    .iter()
                    .zip(scores)
                    .map(|(k, s)| (k.clone(), Value::Number((f64::from(*s) / score_divisor).min(100.0))))
                    .collect(),
                ..Person::default()
            })
            .collect();
        Project {
            scheme,
            posts: vec![Post { id: "post".into(), name: "post".into(), openings: 1, shortlist_ratio: 1.0 }],
            people,
            ..Project::default()
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Half up on the decimal value, for every person, whichever path (float, integer,
    /// rational) decided it.
    #[test]
    fn published_totals_equal_exact_decimal_rounding(project in complete_project()) {
        let evaluation = evaluate(&project);
        for row in &evaluation.posts[0].rows {
            let person = &project.people[row.person];
            if row.status.is_ranked() {
                prop_assert_eq!(row.cents, Some(exact_published(&project, person)), "{}", person.id);
            }
        }
    }
}
