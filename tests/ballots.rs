//! Ballots (民主测评): per-ballot rows and tally rows feed the ballot criterion (marks as
//! ratings) and rate criteria (优秀率, 称职率, 赞成率); void-ballot rules are reported with
//! the rater and the rows, and applied only when the user skips the invalid rows.

use std::path::Path;

use merit::io::import::{ImportKind, plan_import};
use merit::model::{BallotRules, Criterion, Group, Person, Project, RateOf, Scale, Value};

fn rate(key: &str, ballot: &str, count: &[&str], over: &[&str]) -> Criterion {
    Criterion {
        key: key.into(),
        name: key.into(),
        rate: Some(RateOf {
            ballot: ballot.into(),
            count: count.iter().map(|s| s.to_string()).collect(),
            over: over.iter().map(|s| s.to_string()).collect(),
        }),
        ..Criterion::default()
    }
}

fn project(categories: &[(&str, f64)], rates: Vec<Criterion>) -> Project {
    let mut project = Project::default();
    let mut criteria = vec![Criterion {
        key: "ballot".into(),
        name: "民主测评".into(),
        scale: Scale::Categorical {
            categories: categories
                .iter()
                .map(|(l, p)| (l.to_string(), *p))
                .collect(),
        },
        ..Criterion::default()
    }];
    criteria.extend(rates);
    project.scheme.groups.push(Group {
        name: "民主测评".into(),
        criteria,
        ..Group::default()
    });
    for id in ["1", "2", "3"] {
        project.people.push(Person {
            id: id.into(),
            ..Person::default()
        });
    }
    project
}

fn score(project: &Project, id: &str, key: &str) -> Option<f64> {
    let person = &project.people[project.person_index(id).unwrap()];
    person.scores.get(key).and_then(Value::as_number)
}

#[test]
fn marks_become_ratings_and_rates_and_void_ballots_are_reported() {
    let mut project = project(
        &[
            ("优秀", 100.0),
            ("称职", 80.0),
            ("基本称职", 60.0),
            ("不称职", 0.0),
        ],
        vec![
            rate("excellent_rate", "ballot", &["优秀"], &[]),
            rate("competent_rate", "ballot", &["优秀", "称职"], &[]),
        ],
    );
    project.scheme.ballot_rules = BallotRules {
        same_mark_void: true,
        quotas: vec![("优秀".into(), 0.5)],
    };
    let text = "评委,考号,评价\n\
                A,1,优秀\nA,2,称职\nA,3,称职\n\
                B,1,优秀\nB,2,优秀\nB,3,称职\n\
                C,1,优秀\nC,2,优秀\nC,3,优秀\n\
                D,1,称职\nD,2,优秀\nD,3,基本称职\n";
    let plan = plan_import(
        &project,
        text.as_bytes(),
        ImportKind::Ballots,
        Path::new("b.csv"),
    )
    .unwrap();
    let reasons: Vec<(usize, &str)> = plan
        .problems
        .iter()
        .map(|p| (p.row, p.reason.as_str()))
        .collect();
    let quota =
        "void ballot: rater B gave 2 of 3 candidates 优秀, above the quota of 50% (rows 5, 6, 7)";
    let same = "void ballot: rater C gave all 3 candidates 优秀 (rows 8, 9, 10)";
    assert_eq!(
        reasons,
        [
            (5, quota),
            (6, quota),
            (7, quota),
            (8, same),
            (9, same),
            (10, same)
        ]
    );
    assert_eq!(plan.problems[0].column, "评委");
    assert_eq!(plan.problems[0].value, "B");
    assert_eq!((plan.accepted, plan.rejected), (6, 6));
    let before = project.clone();
    assert!(!plan.apply(&mut project));
    assert_eq!(project, before);
    // --skip-invalid: A's and D's ballots only.
    plan.apply_valid(&mut project);
    assert_eq!(project.ratings.len(), 6);
    assert_eq!(project.ratings[0].value, Value::Category("优秀".into()));
    let rates: Vec<(Option<f64>, Option<f64>)> = ["1", "2", "3"]
        .iter()
        .map(|id| {
            (
                score(&project, id, "excellent_rate"),
                score(&project, id, "competent_rate"),
            )
        })
        .collect();
    assert_eq!(
        rates,
        [
            (Some(50.0), Some(100.0)),
            (Some(50.0), Some(100.0)),
            (Some(0.0), Some(50.0))
        ]
    );
}

#[test]
fn tally_rows_give_approval_rates_over_yes_and_no() {
    let mut project = project(
        &[("赞成", 100.0), ("不赞成", 0.0), ("弃权", 50.0)],
        vec![rate("approval", "ballot", &["赞成"], &["赞成", "不赞成"])],
    );
    let text = "考号,赞成,不赞成,弃权\n1,30,10,5\n2,0,0,4\n3,12,x,0\n";
    let plan = plan_import(
        &project,
        text.as_bytes(),
        ImportKind::Ballots,
        Path::new("t.csv"),
    )
    .unwrap();
    let mapped: Vec<&str> = plan.mapping.iter().map(|m| m.1.as_str()).collect();
    assert_eq!(mapped, ["id", "tally:赞成", "tally:不赞成", "tally:弃权"]);
    assert_eq!(plan.problems.len(), 1);
    assert_eq!(
        plan.problems[0].to_string(),
        "row 4, column 不赞成, value 'x': not a count (a whole number ≥ 0)"
    );
    plan.apply_valid(&mut project);
    // 赞成率 = 30 / (30 + 10); abstentions do not count. Person 2 has no yes/no: no rate.
    assert_eq!(score(&project, "1", "approval"), Some(75.0));
    assert_eq!(score(&project, "2", "approval"), None);
    assert!(project.ratings.is_empty(), "tallies name no rater");
}

#[test]
fn unknown_people_and_marks_are_problems() {
    let project = project(&[("优秀", 100.0), ("称职", 80.0)], Vec::new());
    let text = "评委,考号,评价\nA,1,良好\nA,9,优秀\nA,2,\n";
    let plan = plan_import(
        &project,
        text.as_bytes(),
        ImportKind::Ballots,
        Path::new("b.csv"),
    )
    .unwrap();
    let problems: Vec<String> = plan.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        [
            "row 2, column 评价, value '良好': not one of 优秀=100/称职=80",
            "row 3, column 考号, value '9': no person with id 9 in the project",
        ]
    );
}
