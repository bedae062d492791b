//! Hand-computed checks of every scoring rule.

use crate::model::*;

use super::*;

/// A scheme of numeric 0..100 criteria in one group, with the given weights.
fn scheme(criteria: &[(&str, f64)]) -> Scheme {
    Scheme {
        name: "test".into(),
        groups: vec![Group {
            name: "g".into(),
            name_en: "g".into(),
            weight: 1.0,
            criteria: criteria
                .iter()
                .map(|(key, weight)| Criterion {
                    key: (*key).into(),
                    name: (*key).into(),
                    weight: *weight,
                    ..Criterion::default()
                })
                .collect(),
        }],
        tie_breakers: Vec::new(),
        ..Scheme::default()
    }
}

fn person(id: &str, scores: &[(&str, f64)]) -> Person {
    Person {
        id: id.into(),
        name: format!("name-{id}"),
        post: Some("p".into()),
        scores: scores
            .iter()
            .map(|(k, v)| ((*k).to_string(), Value::Number(*v)))
            .collect(),
        ..Person::default()
    }
}

fn project(scheme: Scheme, openings: u32, ratio: f64, people: Vec<Person>) -> Project {
    Project {
        scheme,
        posts: vec![Post {
            id: "p".into(),
            name: "post".into(),
            openings,
            shortlist_ratio: ratio,
        }],
        people,
        ..Project::default()
    }
}

/// (id, rank, cents, status code) of every row, in output order.
fn summary(project: &Project) -> Vec<(String, Option<u32>, Option<i64>, &'static str)> {
    let evaluation = evaluate(project);
    evaluation.posts[0]
        .rows
        .iter()
        .map(|r| {
            (
                project.people[r.person].id.clone(),
                r.rank,
                r.cents,
                r.status.code(),
            )
        })
        .collect()
}

#[test]
fn weighted_total_is_hand_computed() {
    // 0.3 × 81.05 + 0.7 × 80 = 24.315 + 56 = 80.315 → 80.32 (half up on the decimal).
    let p = project(
        scheme(&[("exam", 30.0), ("interview", 70.0)]),
        1,
        1.0,
        vec![person("a", &[("exam", 81.05), ("interview", 80.0)])],
    );
    let evaluation = evaluate(&p);
    let row = &evaluation.posts[0].rows[0];
    assert_eq!(row.cents, Some(8032));
    assert!((row.total.unwrap() - 80.315).abs() < 1e-9);
}

#[test]
fn default_scheme_effective_weights() {
    let w = Weights::from_scheme(&Scheme::default()).effective::<f64>();
    let expected = [0.30, 0.20, 0.20, 0.15, 0.15];
    for (got, want) in w.iter().zip(expected) {
        assert!((got - want).abs() < 1e-12, "{w:?}");
    }
}

#[test]
fn competition_ranks_are_1_2_2_4() {
    let p = project(
        scheme(&[("x", 1.0)]),
        1,
        1.0,
        vec![
            person("a", &[("x", 90.0)]),
            person("b", &[("x", 80.0)]),
            person("c", &[("x", 80.0)]),
            person("d", &[("x", 70.0)]),
        ],
    );
    let ranks: Vec<_> = summary(&p).into_iter().map(|r| (r.0, r.1)).collect();
    assert_eq!(
        ranks,
        vec![
            ("a".into(), Some(1)),
            ("b".into(), Some(2)),
            ("c".into(), Some(2)),
            ("d".into(), Some(4))
        ]
    );
    let evaluation = evaluate(&p);
    let tied: Vec<bool> = evaluation.posts[0].rows.iter().map(|r| r.tied).collect();
    assert_eq!(tied, vec![false, true, true, false]);
}

#[test]
fn ties_on_the_rounded_total_go_to_the_tie_breaker_even_when_unrounded_totals_differ() {
    // a: 80.004 → 80.00, b: 79.996 → 80.00. Equal published totals; b has the better exam,
    // so b ranks first although a's unrounded total is higher.
    let mut s = scheme(&[("exam", 1.0), ("other", 1.0)]);
    s.tie_breakers = vec![TieBreaker {
        key: TieKey::Criterion("exam".into()),
        descending: true,
    }];
    let p = project(
        s,
        1,
        1.0,
        vec![
            person("a", &[("exam", 70.004), ("other", 90.004)]),
            person("b", &[("exam", 89.992), ("other", 70.0)]),
        ],
    );
    let rows = summary(&p);
    assert_eq!(rows[0], ("b".into(), Some(1), Some(8000), "selected"));
    assert_eq!(rows[1], ("a".into(), Some(2), Some(8000), "not_selected"));
    let evaluation = evaluate(&p);
    assert_eq!(evaluation.posts[0].rows[0].decided_by, Some(0));
    assert!(!evaluation.posts[0].rows[0].tied);
}

#[test]
fn second_tie_breaker_on_a_field_and_missing_values_last() {
    let mut s = scheme(&[("exam", 1.0)]);
    s.tie_breakers = vec![
        TieBreaker {
            key: TieKey::Criterion("exam".into()),
            descending: true,
        },
        TieBreaker {
            key: TieKey::Field("工龄".into()),
            descending: true,
        },
    ];
    let mut a = person("a", &[("exam", 80.0)]);
    a.extra.insert("工龄", "5".into());
    let mut b = person("b", &[("exam", 80.0)]);
    b.extra.insert("工龄", "12".into());
    let c = person("c", &[("exam", 80.0)]);
    let rows = summary(&project(s, 1, 1.0, vec![a, b, c]));
    let order: Vec<_> = rows.iter().map(|r| (r.0.as_str(), r.1)).collect();
    assert_eq!(order, vec![("b", Some(1)), ("a", Some(2)), ("c", Some(3))]);
}

#[test]
fn tie_at_the_cut_off_all_go_through_and_are_flagged() {
    // Openings 2, ratio 2 → shortlist 4. Ranks 1, 2, 2, 4, 4, 6.
    let p = project(
        scheme(&[("x", 1.0)]),
        2,
        2.0,
        vec![
            person("a", &[("x", 95.0)]),
            person("b", &[("x", 90.0)]),
            person("c", &[("x", 90.0)]),
            person("d", &[("x", 80.0)]),
            person("e", &[("x", 80.0)]),
            person("f", &[("x", 70.0)]),
        ],
    );
    let evaluation = evaluate(&p);
    let got: Vec<_> = evaluation.posts[0]
        .rows
        .iter()
        .map(|r| {
            (
                p.people[r.person].id.as_str(),
                r.status.code(),
                r.tie_at_cutoff,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("a", "selected", false),
            ("b", "selected", true),
            ("c", "selected", true),
            ("d", "shortlisted", true),
            ("e", "shortlisted", true),
            ("f", "not_selected", false),
        ]
    );
}

#[test]
fn gate_at_exactly_the_pass_line_passes() {
    let mut s = scheme(&[("exam", 1.0)]);
    s.groups[0].criteria[0].gate = Some(Gate::at_least(60.0));
    let p = project(
        s,
        3,
        1.0,
        vec![
            person("pass", &[("exam", 60.0)]),
            person("fail", &[("exam", 59.99)]),
        ],
    );
    let rows = summary(&p);
    assert_eq!(rows[0].0, "pass");
    assert_eq!(rows[0].3, "selected");
    assert_eq!(rows[1], ("fail".into(), None, None, "ineligible"));
}

#[test]
fn gate_on_an_aggregated_value_is_decided_exactly() {
    // Ratings 59.7 and 60.3 average to exactly 60: the ≥ 60 gate passes, whatever f64 says.
    let mut s = scheme(&[("x", 1.0)]);
    s.groups[0].criteria[0].gate = Some(Gate::at_least(60.0));
    s.aggregation = Aggregation::Mean;
    let mut p = project(s, 1, 1.0, vec![person("a", &[])]);
    for (rater, v) in [("r1", 59.7), ("r2", 60.3), ("r3", 0.1 + 0.2 - 0.3 + 60.0)] {
        p.ratings.push(Rating {
            person: "a".into(),
            criterion: "x".into(),
            rater: rater.into(),
            group: String::new(),
            value: Value::Number(v),
        });
    }
    let rows = summary(&p);
    assert_eq!(rows[0].3, "selected", "{rows:?}");
    // A strict gate at the same line fails.
    p.scheme.groups[0].criteria[0].gate = Some(Gate {
        op: GateOp::MoreThan,
        value: 60.0,
    });
    assert_eq!(summary(&p)[0].3, "ineligible");
}

#[test]
fn missing_is_never_zero_under_exclude() {
    let p = project(
        scheme(&[("a", 1.0), ("b", 1.0)]),
        2,
        1.0,
        vec![
            person("full", &[("a", 50.0), ("b", 50.0)]),
            person("gap", &[("a", 100.0)]),
        ],
    );
    let evaluation = evaluate(&p);
    let gap = &evaluation.posts[0].rows[1];
    assert_eq!(p.people[gap.person].id, "gap");
    assert_eq!(gap.status, Status::Incomplete(vec![Gap::Missing(1)].into()));
    assert_eq!(gap.rank, None);
}

#[test]
fn missing_under_zero_counts_zero_and_under_reweight_drops_out() {
    let people = vec![
        person("full", &[("a", 50.0), ("b", 50.0)]),
        person("gap", &[("a", 100.0)]),
    ];
    let mut zero = project(scheme(&[("a", 1.0), ("b", 1.0)]), 2, 1.0, people.clone());
    zero.scheme.missing = MissingPolicy::Zero;
    // gap: 0.5 × 100 + 0.5 × 0 = 50, ties with full (50).
    let rows = summary(&zero);
    assert_eq!(rows[0].2, Some(5000));
    assert_eq!(rows[1].2, Some(5000));
    let mut reweight = project(scheme(&[("a", 1.0), ("b", 1.0)]), 2, 1.0, people);
    reweight.scheme.missing = MissingPolicy::Reweight;
    // gap: only a present, weight renormalized to 1 → 100.
    let rows = summary(&reweight);
    assert_eq!(rows[0], ("gap".into(), Some(1), Some(10000), "selected"));
    assert_eq!(rows[1], ("full".into(), Some(2), Some(5000), "selected"));
}

#[test]
fn lower_is_better_and_cohort_normalization() {
    let mut s = scheme(&[("errors", 1.0)]);
    s.groups[0].criteria[0].scale = Scale::Numeric {
        lo: 0.0,
        hi: 20.0,
        direction: Direction::LowerIsBetter,
    };
    let people = vec![
        person("few", &[("errors", 2.0)]),
        person("many", &[("errors", 10.0)]),
    ];
    let rows = summary(&project(s.clone(), 1, 1.0, people.clone()));
    // (20 − 2) / 20 × 100 = 90; (20 − 10) / 20 × 100 = 50.
    assert_eq!(rows[0], ("few".into(), Some(1), Some(9000), "selected"));
    assert_eq!(rows[1].2, Some(5000));
    s.normalization = Normalization::Cohort;
    // Observed 2..10: few → 100, many → 0.
    let rows = summary(&project(s, 1, 1.0, people));
    assert_eq!(rows[0].2, Some(10000));
    assert_eq!(rows[1].2, Some(0));
}

#[test]
fn cohort_with_equal_values_gives_everyone_100() {
    let mut s = scheme(&[("x", 1.0)]);
    s.normalization = Normalization::Cohort;
    let rows = summary(&project(
        s,
        1,
        1.0,
        vec![person("a", &[("x", 70.0)]), person("b", &[("x", 70.0)])],
    ));
    assert_eq!(rows[0].2, Some(10000));
    assert_eq!(rows[1].2, Some(10000));
}

#[test]
fn categorical_points_score_and_rate() {
    let mut s = scheme(&[("vote", 1.0)]);
    s.groups[0].criteria[0].scale = Scale::Categorical {
        categories: vec![
            ("优秀".into(), 100.0),
            ("称职".into(), 80.0),
            ("基本称职".into(), 60.0),
            ("不称职".into(), 0.0),
        ],
    };
    s.aggregation = Aggregation::Mean;
    let mut p = project(s, 1, 1.0, vec![person("a", &[])]);
    for (i, cat) in ["优秀", "称职", "称职", "基本称职"].iter().enumerate() {
        p.ratings.push(Rating {
            person: "a".into(),
            criterion: "vote".into(),
            rater: format!("r{i}"),
            group: "群众".into(),
            value: Value::Category((*cat).into()),
        });
    }
    // (100 + 80 + 80 + 60) / 4 = 80.
    assert_eq!(summary(&p)[0].2, Some(8000));
}

#[test]
fn out_of_scale_value_makes_the_person_incomplete_with_the_reason() {
    let p = project(
        scheme(&[("x", 1.0)]),
        1,
        1.0,
        vec![person("a", &[("x", 120.0)])],
    );
    let evaluation = evaluate(&p);
    match &evaluation.posts[0].rows[0].status {
        Status::Incomplete(gaps) => match &gaps[0] {
            Gap::Invalid { value, reason, .. } => {
                assert_eq!(value, "120");
                assert!(reason.contains("outside"));
            }
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    }
}

#[test]
fn rater_groups_with_trimmed_mean_and_weights() {
    // Leaders (weight 30): 6 ratings → drop 100 and 40 → mean(90, 80, 70, 60) = 75.
    // Peers (weight 70): 3 ratings → plain mean (60 + 70 + 80) / 3 = 70.
    // Raw = (30 × 75 + 70 × 70) / 100 = 71.5.
    let mut s = scheme(&[("x", 1.0)]);
    s.rater_groups = vec![
        RaterGroupWeight {
            group: "领导".into(),
            weight: 30.0,
        },
        RaterGroupWeight {
            group: "群众".into(),
            weight: 70.0,
        },
    ];
    let mut p = project(s, 1, 1.0, vec![person("a", &[])]);
    let ratings = [
        ("领导", [90.0, 80.0, 70.0, 60.0, 100.0, 40.0].as_slice()),
        ("群众", [60.0, 70.0, 80.0].as_slice()),
    ];
    for (group, values) in ratings {
        for (i, v) in values.iter().enumerate() {
            p.ratings.push(Rating {
                person: "a".into(),
                criterion: "x".into(),
                rater: format!("{group}{i}"),
                group: group.into(),
                value: Value::Number(*v),
            });
        }
    }
    assert_eq!(summary(&p)[0].2, Some(7150));
}

#[test]
fn explanation_adds_up_to_the_total_and_the_difference() {
    let p = project(
        scheme(&[("a", 3.0), ("b", 1.0)]),
        1,
        1.0,
        vec![
            person("x", &[("a", 80.0), ("b", 60.0)]),
            person("y", &[("a", 70.0), ("b", 90.0)]),
        ],
    );
    let evaluation = evaluate(&p);
    let post = &evaluation.posts[0];
    let (rx, ry) = (&post.rows[0], &post.rows[1]);
    // x: 0.75 × 80 + 0.25 × 60 = 75; y: 0.75 × 70 + 0.25 × 90 = 75 → tie at 75.00.
    assert_eq!(rx.cents, Some(7500));
    let parts = explain::contributions(&evaluation, post, rx);
    assert_eq!(parts[0].points, 60.0);
    assert_eq!(parts[1].points, 15.0);
    let diff = explain::compare(&evaluation, post, rx, ry);
    let sum: f64 = diff.iter().map(|d| d.points).sum();
    assert!((sum - (rx.total.unwrap() - ry.total.unwrap())).abs() < 1e-12);
    // Largest magnitude first: b (−7.5) before a (+7.5)? Equal magnitudes: scheme order.
    assert_eq!(diff[0].criterion, 0);
}

#[test]
fn shortlist_ratio_counts_the_selected() {
    let people: Vec<Person> = (0..8)
        .map(|i| person(&format!("p{i}"), &[("x", 90.0 - f64::from(i))]))
        .collect();
    let rows = summary(&project(scheme(&[("x", 1.0)]), 2, 3.0, people));
    let codes: Vec<_> = rows.iter().map(|r| r.3).collect();
    assert_eq!(
        codes,
        vec![
            "selected",
            "selected",
            "shortlisted",
            "shortlisted",
            "shortlisted",
            "shortlisted",
            "not_selected",
            "not_selected"
        ]
    );
}

#[test]
fn people_are_ranked_per_post_and_without_post_together() {
    let mut p = project(
        scheme(&[("x", 1.0)]),
        1,
        1.0,
        vec![person("a", &[("x", 50.0)]), person("b", &[("x", 60.0)])],
    );
    let mut loner = person("c", &[("x", 99.0)]);
    loner.post = None;
    p.people.push(loner);
    let evaluation = evaluate(&p);
    assert_eq!(evaluation.posts.len(), 2);
    assert_eq!(evaluation.posts[0].rows[0].rank, Some(1));
    assert_eq!(p.people[evaluation.posts[0].rows[0].person].id, "b");
    assert_eq!(evaluation.posts[1].post, None);
    assert_eq!(evaluation.posts[1].rows[0].status, Status::NotSelected);
}

#[test]
fn half_cents_publish_up_where_the_float_total_falls_short() {
    // 0.3 × 0.3 + 0.7 × 56.05 = 39.325 exactly, but the f64 pipeline gives 39.32499999….
    for (exam, interview, cents) in [(0.0, 56.05, 3924), (0.1, 56.05, 3927), (0.3, 56.05, 3933)] {
        let p = project(
            scheme(&[("exam", 30.0), ("interview", 70.0)]),
            1,
            1.0,
            vec![person("a", &[("exam", exam), ("interview", interview)])],
        );
        let evaluation = evaluate(&p);
        let row = &evaluation.posts[0].rows[0];
        assert_eq!(row.cents, Some(cents), "exam {exam}, interview {interview}");
        assert!(row.total.unwrap() * 100.0 < cents as f64 - 0.5 + 1e-6);
    }
}
