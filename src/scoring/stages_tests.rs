//! Hand-computed checks of staged selection.

use crate::model::*;

use super::*;

fn one_criterion(key: &str, gate: Option<f64>) -> Scheme {
    Scheme {
        name: key.into(),
        groups: vec![Group {
            name: key.into(),
            criteria: vec![Criterion {
                key: key.into(),
                name: key.into(),
                gate: gate.map(Gate::at_least),
                ..Criterion::default()
            }],
            ..Group::default()
        }],
        tie_breakers: Vec::new(),
        ..Scheme::default()
    }
}

fn person(id: &str, exam: f64, interview: Option<f64>) -> Person {
    let mut scores = crate::model::KeyMap::new();
    scores.insert("exam".to_string(), Value::Number(exam));
    if let Some(x) = interview {
        scores.insert("interview".to_string(), Value::Number(x));
    }
    Person {
        id: id.into(),
        name: format!("name-{id}"),
        post: Some("p".into()),
        scores,
        ..Person::default()
    }
}

/// Exam (gate ≥ 60) → interview (1:3 entry, composite exam 40% + interview 60%); one
/// opening, shortlist 1:2.
fn two_stage(people: Vec<Person>) -> Project {
    Project {
        posts: vec![Post {
            id: "p".into(),
            openings: 1,
            shortlist_ratio: 2.0,
            ..Post::default()
        }],
        people,
        stages: vec![
            Stage {
                name: "笔试".into(),
                scheme: one_criterion("exam", Some(60.0)),
                ..Stage::default()
            },
            Stage {
                name: "面试".into(),
                scheme: one_criterion("interview", None),
                entry_ratio: 3.0,
                composite: vec![40.0, 60.0],
                ..Stage::default()
            },
        ],
        ..Project::default()
    }
}

/// (id, rank, own cents, composite cents, outcome code, tie at cut-off) per row.
type Line = (
    String,
    Option<u32>,
    Option<i64>,
    Option<i64>,
    &'static str,
    bool,
);

fn lines(project: &Project, staged: &StagedEvaluation, stage: usize) -> Vec<Line> {
    staged.stages[stage].posts[0]
        .rows
        .iter()
        .map(|r| {
            (
                project.people[r.person].id.clone(),
                r.rank,
                r.cents,
                r.composite,
                r.outcome.code(),
                r.tie_at_cutoff,
            )
        })
        .collect()
}

fn s(id: &str) -> String {
    id.to_string()
}

#[test]
fn a_tie_at_the_entry_cut_off_goes_through_whole() {
    let project = two_stage(vec![
        person("A", 90.0, Some(70.0)),
        person("B", 85.0, Some(80.0)),
        person("C", 80.0, Some(90.0)),
        person("D", 80.0, Some(60.0)),
        person("E", 75.0, Some(99.0)),
        person("F", 55.0, Some(99.0)),
    ]);
    let staged = evaluate_stages(&project);
    assert!(staged.warnings.is_empty());
    // 1:3 of one opening is 3 places; C and D share rank 3, so four enter.
    assert_eq!(staged.stages[0].posts[0].entry_cut, Some(3));
    assert_eq!(
        lines(&project, &staged, 0),
        [
            (s("A"), Some(1), Some(9000), None, "advanced", false),
            (s("B"), Some(2), Some(8500), None, "advanced", false),
            (s("C"), Some(3), Some(8000), None, "advanced", true),
            (s("D"), Some(3), Some(8000), None, "advanced", true),
            (s("E"), Some(5), Some(7500), None, "eliminated", false),
            (s("F"), None, None, None, "eliminated", false),
        ]
    );
    let rows = &staged.stages[0].posts[0].rows;
    assert_eq!(
        rows[4].outcome,
        Outcome::Eliminated(Elimination::BelowCut { rank: 5, cut: 3 })
    );
    assert!(matches!(
        &rows[5].outcome,
        Outcome::Eliminated(Elimination::Unranked(Status::Ineligible(f))) if f[0].raw == Some(55.0)
    ));
    assert_eq!(staged.stages[1].people, [0, 1, 2, 3]);
}

#[test]
fn the_composite_carries_the_exam_at_40_and_the_interview_at_60() {
    let project = two_stage(vec![
        person("A", 90.0, Some(70.0)),
        person("B", 85.0, Some(80.0)),
        person("C", 80.0, Some(90.0)),
        person("D", 80.0, Some(60.0)),
        person("E", 75.0, Some(99.0)),
        person("F", 55.0, Some(99.0)),
    ]);
    let staged = evaluate_stages(&project);
    // A 0.4×90 + 0.6×70 = 78; B 34 + 48 = 82; C 32 + 54 = 86; D 32 + 36 = 68.
    assert_eq!(
        lines(&project, &staged, 1),
        [
            (s("C"), Some(1), Some(9000), Some(8600), "selected", false),
            (
                s("B"),
                Some(2),
                Some(8000),
                Some(8200),
                "shortlisted",
                false
            ),
            (
                s("A"),
                Some(3),
                Some(7000),
                Some(7800),
                "not_selected",
                false
            ),
            (
                s("D"),
                Some(4),
                Some(6000),
                Some(6800),
                "not_selected",
                false
            ),
            (s("E"), None, None, None, "eliminated_earlier", false),
            (s("F"), None, None, None, "eliminated_earlier", false),
        ]
    );
    // E keeps the reason it left with at the exam.
    assert_eq!(
        staged.stages[1].posts[0].rows[4].outcome,
        Outcome::EliminatedEarlier {
            stage: 0,
            reason: Elimination::BelowCut { rank: 5, cut: 3 }
        }
    );
}

#[test]
fn equal_composites_go_to_the_better_exam() {
    // A 0.4×80 + 0.6×70 = 74.00; B 0.4×70 + 0.6×76.67 = 74.002 → 74.00 published.
    let project = two_stage(vec![
        person("B", 70.0, Some(76.67)),
        person("A", 80.0, Some(70.0)),
    ]);
    let staged = evaluate_stages(&project);
    let got = lines(&project, &staged, 1);
    assert_eq!(
        got[0],
        (s("A"), Some(1), Some(7000), Some(7400), "selected", false)
    );
    assert_eq!(
        got[1],
        (
            s("B"),
            Some(2),
            Some(7667),
            Some(7400),
            "shortlisted",
            false
        )
    );
}

#[test]
fn composite_rounds_half_up_on_the_decimal_value() {
    // 0.3 × 81.05 + 0.7 × 80 = 24.315 + 56 = 80.315 → 80.32 (f64 gives 80.31499…).
    assert_eq!(
        composite_cents(&[30.0, 70.0], &[Some(8105), Some(8000)]),
        Some(8032)
    );
    // 0.5 × 80.01 + 0.5 × 80.00 = 80.005 → 80.01.
    assert_eq!(
        composite_cents(&[1.0, 1.0], &[Some(8001), Some(8000)]),
        Some(8001)
    );
    // Zero weight drops a stage, even a missing one; all zero is no composite.
    assert_eq!(
        composite_cents(&[0.0, 1.0], &[None, Some(7000)]),
        Some(7000)
    );
    assert_eq!(composite_cents(&[1.0, 1.0], &[None, Some(7000)]), None);
    assert_eq!(composite_cents(&[0.0, 0.0], &[Some(1), Some(2)]), None);
}

#[test]
fn a_project_without_stages_is_one_stage_under_its_scheme() {
    let mut project = two_stage(vec![
        person("A", 90.0, None),
        person("B", 85.0, None),
        person("C", 50.0, None),
    ]);
    project.scheme = one_criterion("exam", Some(60.0));
    project.stages.clear();
    let staged = evaluate_stages(&project);
    assert_eq!(staged.stages.len(), 1);
    assert_eq!(
        lines(&project, &staged, 0),
        [
            (s("A"), Some(1), Some(9000), None, "selected", false),
            (s("B"), Some(2), Some(8500), None, "shortlisted", false),
            (s("C"), None, None, None, "eliminated", false),
        ]
    );
}

#[test]
fn old_project_files_without_stages_still_load_and_are_not_rewritten() {
    let text = "Project(version: 1, title: \"t\")";
    let project: Project = ron::from_str(text).unwrap();
    assert!(project.stages.is_empty());
    let written = ron::to_string(&project).unwrap();
    assert!(!written.contains("stages"));
    let staged = two_stage(Vec::new());
    let round: Project = ron::from_str(&ron::to_string(&staged).unwrap()).unwrap();
    assert_eq!(round, staged);
}

#[test]
fn surplus_composite_weights_are_reported() {
    let mut project = two_stage(vec![person("A", 90.0, Some(80.0))]);
    project.stages[0].composite = vec![1.0, 1.0];
    let staged = evaluate_stages(&project);
    assert_eq!(staged.warnings.len(), 1);
    assert!(
        staged.warnings[0].contains("stage 1"),
        "{:?}",
        staged.warnings
    );
}

mod properties {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// Whatever the scores: exactly the people ranked within the entry cut advance,
        /// at least min(cut, ranked) of them, and nobody tied with an entrant is left out.
        #[test]
        fn entry_takes_the_cut_and_whole_ties(
            exams in prop::collection::vec(55u32..70, 1..15),
            ratio in 1u32..4,
        ) {
            let people: Vec<Person> = exams
                .iter()
                .enumerate()
                .map(|(i, e)| person(&format!("P{i:02}"), f64::from(*e), Some(70.0)))
                .collect();
            let mut project = two_stage(people);
            project.stages[1].entry_ratio = f64::from(ratio);
            let staged = evaluate_stages(&project);
            let first = &staged.stages[0].posts[0];
            let cut = first.entry_cut.unwrap();
            prop_assert_eq!(cut, ratio);
            let ranked: Vec<&StageRow> = first.rows.iter().filter(|r| r.rank.is_some()).collect();
            let advanced: Vec<&&StageRow> =
                ranked.iter().filter(|r| r.outcome == Outcome::Advanced).collect();
            for r in &ranked {
                prop_assert_eq!(r.outcome == Outcome::Advanced, r.rank.unwrap() <= cut);
            }
            prop_assert!(advanced.len() >= (cut as usize).min(ranked.len()));
            for a in &advanced {
                for r in &ranked {
                    if r.cents == a.cents {
                        prop_assert_eq!(&r.outcome, &Outcome::Advanced);
                    }
                }
            }
            // The next stage sees exactly those who advanced.
            let mut entered = staged.stages[1].people.clone();
            entered.sort_unstable();
            let mut expected: Vec<usize> = advanced.iter().map(|r| r.person).collect();
            expected.sort_unstable();
            prop_assert_eq!(entered, expected);
        }
    }
}
