//! The A-vs-B decomposition adds up exactly.

use num_bigint::BigInt;
use num_rational::BigRational;
use proptest::prelude::*;

use crate::model::*;
use crate::scoring::{Prepared, Weights};

use super::*;

fn project(weights: &[f64], people: &[(&str, Vec<f64>)], missing: MissingPolicy) -> Project {
    let keys = ["exam", "b", "c", "d"];
    let scheme = Scheme {
        groups: vec![Group {
            criteria: weights
                .iter()
                .zip(keys)
                .map(|(w, key)| Criterion {
                    key: key.into(),
                    weight: *w,
                    ..Criterion::default()
                })
                .collect(),
            ..Group::default()
        }],
        missing,
        tie_breakers: Vec::new(),
        ..Scheme::default()
    };
    let people = people
        .iter()
        .map(|(id, scores)| Person {
            id: (*id).into(),
            post: Some("p".into()),
            scores: scores
                .iter()
                .zip(keys)
                .filter(|(v, _)| !v.is_nan())
                .map(|(v, k)| (k.to_string(), Value::Number(*v)))
                .collect(),
            ..Person::default()
        })
        .collect();
    Project {
        scheme,
        posts: vec![Post {
            id: "p".into(),
            ..Post::default()
        }],
        people,
        ..Project::default()
    }
}

fn difference(project: &Project, a: &str, b: &str) -> ExactDifference {
    let prepared = Prepared::new(project);
    let weights = Weights::from_scheme(&project.scheme);
    let evaluation = prepared.rank(&weights);
    let post = &evaluation.posts[0];
    let row = |id: &str| post.row_of(project.person_index(id).unwrap()).unwrap();
    compare_exact(&prepared, &weights, post, row(a), row(b)).unwrap()
}

fn ratio(n: i64, d: i64) -> BigRational {
    BigRational::new(BigInt::from(n), BigInt::from(d))
}

#[test]
fn the_design_example_decomposes_to_the_published_cent() {
    // A: 0.3 × 81.05 + 0.7 × 80 = 80.315 → 80.32 (f64: 80.31499…); B: 18 + 56 = 74.00.
    let p = project(
        &[30.0, 70.0],
        &[("A", vec![81.05, 80.0]), ("B", vec![60.0, 80.0])],
        MissingPolicy::Exclude,
    );
    let d = difference(&p, "A", "B");
    assert_eq!(d.published_cents, 632);
    assert_eq!(d.full, ratio(6315, 1000));
    assert_eq!(d.parts[0].criterion, 0);
    assert_eq!(d.parts[0].points, ratio(6315, 1000));
    assert_eq!(d.parts[0].cents, 632);
    assert_eq!(d.parts[1].points, ratio(0, 1));
    assert_eq!(d.parts[1].cents, 0);
    // The float view is off: its exam part is not the exact 6.315.
    let float = 0.3 * 81.05 - 0.3 * 60.0;
    assert_ne!(float, 6.315);
}

#[test]
fn cents_follow_the_largest_remainders() {
    // Weights 1/3 each. A (90, 80, 70.01) = 80.003333… → 80.00; B (80, 70, 60) = 70.
    // Exact parts 10/3, 10/3, 10.01/3 = 3.3333…, 3.3333…, 3.33666…; published gap 1000 cents.
    let p = project(
        &[1.0, 1.0, 1.0],
        &[
            ("A", vec![90.0, 80.0, 70.01]),
            ("B", vec![80.0, 70.0, 60.0]),
        ],
        MissingPolicy::Exclude,
    );
    let d = difference(&p, "A", "B");
    assert_eq!(d.published_cents, 1000);
    assert_eq!(d.full, ratio(3001, 300));
    let cents: Vec<(usize, i64)> = d.parts.iter().map(|x| (x.criterion, x.cents)).collect();
    // Floors 333 + 333 + 333 = 999; the missing cent goes to the largest remainder (c).
    assert_eq!(cents, [(2, 334), (0, 333), (1, 333)]);
}

#[test]
fn reweight_decomposes_on_each_persons_own_weights() {
    // Reweight: A has exam and b (w 1/2 each) = 85; B has exam only = 70.
    let p = project(
        &[1.0, 1.0],
        &[("A", vec![80.0, 90.0]), ("B", vec![70.0, f64::NAN])],
        MissingPolicy::Reweight,
    );
    let d = difference(&p, "A", "B");
    assert_eq!(d.full, ratio(15, 1));
    assert_eq!(d.published_cents, 1500);
    let by_criterion = |k: usize| d.parts.iter().find(|x| x.criterion == k).unwrap();
    assert_eq!(by_criterion(0).points, ratio(-30, 1));
    assert_eq!(by_criterion(1).points, ratio(45, 1));
}

proptest! {
    #[test]
    fn parts_add_up_exactly(
        weights in prop::collection::vec(0u32..50, 4),
        a in prop::collection::vec(0u32..10_001, 4),
        b in prop::collection::vec(0u32..10_001, 4),
    ) {
        prop_assume!(weights.iter().any(|w| *w > 0));
        let w: Vec<f64> = weights.iter().map(|x| f64::from(*x) / 10.0).collect();
        let scores = |v: &[u32]| v.iter().map(|x| f64::from(*x) / 100.0).collect::<Vec<_>>();
        let p = project(&w, &[("A", scores(&a)), ("B", scores(&b))], MissingPolicy::Exclude);
        let d = difference(&p, "A", "B");
        let sum = d.parts.iter().fold(BigRational::from_integer(0.into()), |acc, x| acc + &x.points);
        prop_assert_eq!(&sum, &d.full);
        prop_assert_eq!(d.parts.iter().map(|x| x.cents).sum::<i64>(), d.published_cents);
        for part in &d.parts {
            let scaled = &part.points * BigRational::from_integer(100.into());
            let off = (scaled - BigRational::from_integer(part.cents.into())).abs();
            prop_assert!(off < BigRational::from_integer(1.into()), "{:?}", part);
        }
    }
}

#[test]
fn a_composite_difference_splits_by_stage_into_the_published_cents() {
    // 0.3 × 81.05 + 0.7 × 80 = 80.315, published 80.32; against 80.00 flat: 32 cents, all
    // from the first stage (31.5 exact cents, and the half cent goes to it).
    let d = compare_composite(
        &[30.0, 70.0],
        &[Some(8105), Some(8000)],
        &[Some(8000), Some(8000)],
    )
    .unwrap();
    assert_eq!(d.published_cents, 32);
    let r = |n: i64, m: i64| BigRational::new(BigInt::from(n), BigInt::from(m));
    assert_eq!(d.full, r(315, 1000));
    assert_eq!((d.parts[0].criterion, d.parts[0].cents), (0, 32));
    assert_eq!((d.parts[1].criterion, d.parts[1].cents), (1, 0));
    // 40/60: A 80.00, 90.00 (86.00) against B 90.00, 84.00 (86.40): −4.00 and +3.60.
    let d = compare_composite(
        &[40.0, 60.0],
        &[Some(8000), Some(9000)],
        &[Some(9000), Some(8400)],
    )
    .unwrap();
    assert_eq!(d.published_cents, -40);
    let cents: Vec<(usize, i64)> = d.parts.iter().map(|p| (p.criterion, p.cents)).collect();
    assert_eq!(cents, vec![(0, -400), (1, 360)]);
    // A missing weighted total: nothing to decompose.
    assert!(compare_composite(&[1.0, 1.0], &[Some(1), None], &[Some(1), Some(1)]).is_none());
    // At the second stage of three, the third stage's weight is not counted (the ranking
    // ignores it too): the same −40 cents as with 40/60 alone.
    let d = compare_composite(
        &[40.0, 60.0, 50.0],
        &[Some(8000), Some(9000)],
        &[Some(9000), Some(8400)],
    )
    .unwrap();
    assert_eq!(d.published_cents, -40);
    assert_eq!(d.parts.len(), 2);
}

#[test]
fn one_persons_parts_in_cents_add_up_to_the_published_total() {
    // DESIGN's example: 0.3 × 81.05 + 0.7 × 80 = 80.315, published 80.32; rounding each
    // part gives 24.31 + 56.00 = 80.31.
    let part = |criterion, points| Contribution {
        criterion,
        weight: 0.0,
        score: None,
        points,
    };
    let parts = [part(0, 0.3 * 81.05), part(1, 0.7 * 80.0)];
    assert_eq!(format!("{:.2}", parts[0].points), "24.31");
    assert_eq!(published_parts(&parts, 8032), [2432, 5600]);
    // Parts that are whole cents stay as they are.
    assert_eq!(
        published_parts(&[part(0, 28.5), part(1, 56.0)], 8450),
        [2850, 5600]
    );
}
