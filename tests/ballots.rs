//! Ballots (民主测评): per-ballot rows and tally rows feed the ballot criterion (marks as
//! ratings) and rate criteria (优秀率, 称职率, 赞成率); void-ballot rules are reported with
//! the rater and the rows, and applied only when the user skips the invalid rows.

use std::path::Path;

use merit::io::import::{ImportKind, ImportPlan, plan_import};
use merit::model::{
    Aggregation, BallotRules, Criterion, Gate, GateOp, Group, Person, Project, RateOf, Scale, Value,
};
use merit::scoring::evaluate;

mod common;

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

/// The four grades of a 民主测评 and their points.
const GRADES: &[(&str, f64)] = &[
    ("优秀", 100.0),
    ("称职", 80.0),
    ("基本称职", 60.0),
    ("不称职", 0.0),
];

#[test]
fn marks_become_ratings_and_rates_and_void_ballots_are_reported() {
    let mut project = project(
        GRADES,
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

/// [`project`] with the ballot group only (no exam, no tie-breaker on it): a scheme that
/// ranks on ballots alone.
fn ballots_only(categories: &[(&str, f64)], rates: Vec<Criterion>) -> Project {
    let mut project = project(categories, rates);
    let ballots = project.scheme.groups.pop();
    project.scheme.groups = ballots.into_iter().collect();
    project.scheme.tie_breakers.clear();
    project
}

/// Plans importing the ballots `text` into `project`.
fn plan(project: &Project, text: &str) -> ImportPlan {
    plan_import(
        project,
        text.as_bytes(),
        ImportKind::Ballots,
        Path::new("b.csv"),
    )
    .unwrap()
}

/// Imports the ballots `text` into `project`, asserting that no row has a problem.
fn import(project: &mut Project, text: &str) -> ImportPlan {
    let plan = plan(project, text);
    assert_eq!(plan.problems, [], "{}", plan.summary());
    assert!(plan.apply(project));
    plan
}

/// The published total of person `id`, in cents.
fn cents(project: &Project, id: &str) -> Option<i64> {
    let person = project.person_index(id).unwrap();
    let evaluation = evaluate(project);
    let row = evaluation
        .posts
        .iter()
        .find_map(|p| p.row_of(person).cloned());
    row.and_then(|r| r.cents)
}

/// The audit's 民主测评 project: 优秀 100, 称职 80, 基本称职 60, 不称职 0 (weight 50, mean),
/// 优秀率 (25) and 称职率 (25, gate ≥ 60); a rater may give 优秀 to at most half.
fn appraisal() -> Project {
    let mut project = ballots_only(
        GRADES,
        vec![
            rate("excellent_rate", "ballot", &["优秀"], &[]),
            rate("competent_rate", "ballot", &["优秀", "称职"], &[]),
        ],
    );
    let criteria = &mut project.scheme.groups[0].criteria;
    criteria[0].weight = 50.0;
    criteria[0].aggregation = Some(Aggregation::Mean);
    criteria[1].weight = 25.0;
    criteria[2].weight = 25.0;
    criteria[2].name = "称职率".into();
    criteria[2].gate = Some(Gate::at_least(60.0));
    project.scheme.ballot_rules = BallotRules {
        same_mark_void: true,
        quotas: vec![("优秀".into(), 0.5)],
    };
    project
}

/// The audit's vote project: 赞成 100, 不赞成 0, 弃权 50 (weight 50, mean) and 赞成率 =
/// 赞成 / (赞成 + 不赞成) (weight 50, gate > 50).
fn vote() -> Project {
    let mut project = ballots_only(
        &[("赞成", 100.0), ("不赞成", 0.0), ("弃权", 50.0)],
        vec![rate("approval", "ballot", &["赞成"], &["赞成", "不赞成"])],
    );
    let criteria = &mut project.scheme.groups[0].criteria;
    criteria[0].aggregation = Some(Aggregation::Mean);
    criteria[1].gate = Some(Gate {
        op: GateOp::MoreThan,
        value: 50.0,
    });
    project
}

const PART_1: &str =
    "评委,考号,评价\nA,1,优秀\nA,2,称职\nA,3,称职\nD,1,称职\nD,2,优秀\nD,3,基本称职\n";
const PART_2: &str = "评委,考号,评价\nE,1,不称职\nE,2,称职\nE,3,优秀\n";

#[test]
fn a_second_ballot_file_counts_the_rates_over_every_stored_mark() {
    let mut project = appraisal();
    import(&mut project, PART_1);
    import(&mut project, PART_2);
    // Person 1 holds 优秀 (A), 称职 (D), 不称职 (E): 优秀率 1/3, 称职率 2/3, the same three
    // marks the points are the mean of: (100 + 80 + 0) / 3 = 60.
    assert_eq!(project.ratings.len(), 9);
    assert_eq!(score(&project, "1", "excellent_rate"), Some(100.0 / 3.0));
    assert_eq!(score(&project, "1", "competent_rate"), Some(200.0 / 3.0));
    // Person 2: 称职, 优秀, 称职: 1/3 and 3/3. Person 3: 称职, 基本称职, 优秀: 1/3, 2/3.
    assert_eq!(score(&project, "2", "excellent_rate"), Some(100.0 / 3.0));
    assert_eq!(score(&project, "2", "competent_rate"), Some(100.0));
    assert_eq!(score(&project, "3", "competent_rate"), Some(200.0 / 3.0));
    // Total of 1: .5 × 60 + .25 × 33.33… + .25 × 66.66… = 30 + 25 = 55.
    assert_eq!(cents(&project, "1"), Some(5500));
    // Both files again: nothing changes.
    let again = plan(&project, PART_2);
    assert_eq!((again.ratings_unchanged, again.updated.len()), (3, 0));
    let again = plan(&project, PART_1);
    assert_eq!((again.ratings_unchanged, again.updated.len()), (6, 0));
}

#[test]
fn void_ballot_rules_judge_the_raters_stored_marks_too() {
    let mut project = appraisal();
    import(&mut project, PART_1);
    // A's ballot after this file: 1 优秀 (stored), 2 优秀 (this file, in place of the
    // stored 称职), 3 称职 (stored): 2 of 3 优秀, above the quota of half.
    let plan = plan(&project, "评委,考号,评价\nA,2,优秀\n");
    let problems: Vec<String> = plan.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        [
            "row 2, column 评委, value 'A': void ballot: rater A gave 2 of 3 candidates 优秀, \
          above the quota of 50% (rows 2; 2 marks already in the project)"
        ]
    );
    // The same mark for person 3 instead of 2 would leave A with 1 优秀, 1 称职 … fine.
    let plan_ok = plan_import(
        &project,
        "评委,考号,评价\nA,3,基本称职\n".as_bytes(),
        ImportKind::Ballots,
        Path::new("b.csv"),
    )
    .unwrap();
    assert_eq!(plan_ok.problems, []);
}

#[test]
fn duplicate_tally_rows_are_refused_like_duplicate_ids() {
    let mut project = vote();
    let text = "考号,赞成,不赞成,弃权\n1,30,10,5\n2,20,5,0\n1,1,9,1\n";
    let plan = plan(&project, text);
    let problems: Vec<String> = plan.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        ["row 4, column 考号, value '1': duplicate id: rows 2 and 4 have it"]
    );
    assert_eq!((plan.accepted, plan.rejected), (2, 1));
    let before = project.clone();
    assert!(!plan.apply(&mut project));
    assert_eq!(project, before);
    // --skip-invalid: the first row of person 1 stands, as in a people import.
    plan.apply_valid(&mut project);
    assert_eq!(score(&project, "1", "approval"), Some(75.0));
    assert_eq!(score(&project, "2", "approval"), Some(80.0));
}

#[test]
fn a_tally_feeds_the_ballot_points_as_one_mark_per_ballot() {
    let mut project = vote();
    let tally = "考号,赞成,不赞成,弃权\n1,30,10,5\n2,20,20,0\n3,0,0,4\n";
    let plan = import(&mut project, tally);
    assert_eq!(plan.updated[0].changes[1].field, "tally:ballot");
    assert_eq!(plan.updated[0].changes[1].new, "赞成 30, 不赞成 10, 弃权 5");
    // Person 1: points (30 × 100 + 10 × 0 + 5 × 50) / 45 = 72.222…, 赞成率 30 / 40 = 75:
    // total .5 × 72.222… + .5 × 75 = 73.611… → 73.61.
    assert_eq!(cents(&project, "1"), Some(7361));
    // Person 2: 赞成率 exactly 50 fails the gate > 50. Person 3: four abstentions give
    // points (50) but no 赞成率 (nobody said yes or no).
    assert_eq!(score(&project, "2", "approval"), Some(50.0));
    assert_eq!(cents(&project, "2"), None);
    assert_eq!(score(&project, "3", "approval"), None);
    assert!(project.ratings.is_empty(), "tallies name no rater");
    // The tally is kept in the project file and read back as it was.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v.ron");
    merit::io::project_file::save(&project, &path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("tallies: {"), "{text}");
    assert_eq!(merit::io::project_file::load(&path).unwrap(), project);
    // The same tally again changes nothing.
    let again = self::plan(&project, tally);
    assert_eq!((again.updated.len(), again.unchanged), (0, 3));
    // A rater's mark later counts beside the 45 ballots: points (3250 + 100) / 46,
    // 赞成率 31 / 41; total .5 × 72.826… + .5 × 75.609… = 74.2179… → 74.22.
    import(&mut project, "评委,考号,评价\nX,1,赞成\n");
    assert_eq!(score(&project, "1", "approval"), Some(3100.0 / 41.0));
    assert_eq!(cents(&project, "1"), Some(7422));
    // A new tally for person 1 takes the place of the old one (the mark stays):
    // 赞成率 (10 + 1) / (10 + 30 + 1).
    import(&mut project, "考号,赞成,不赞成,弃权\n1,10,30,5\n");
    assert_eq!(score(&project, "1", "approval"), Some(1100.0 / 41.0));
    let tally = project.people[0].tallies.get("ballot").cloned();
    let expected = vec![
        ("赞成".into(), 10),
        ("不赞成".into(), 30),
        ("弃权".into(), 5),
    ];
    assert_eq!(tally, Some(expected));
}

#[test]
fn rows_that_mark_nobody_are_reported_as_skipped() {
    let project = vote();
    let plan = plan(&project, "评委,考号,评价\nA,1,赞成\nA,2,\nA,3,缺席\n");
    assert_eq!(plan.problems, []);
    let skipped: Vec<String> = plan.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(
        skipped,
        [
            "row 3 skipped (no mark given: the cell is empty): A 2",
            "row 4 skipped (no mark given: 缺席): A 3 缺席",
        ]
    );
    assert_eq!((plan.accepted, plan.ratings_added), (1, 1));
}

#[test]
fn explain_and_rank_show_the_tally_and_no_minus_zero() {
    let dir = tempfile::tempdir().unwrap();
    let mut project = appraisal();
    project.people.truncate(2);
    merit::io::project_file::save(&project, &dir.path().join("b.ron")).unwrap();
    std::fs::write(
        dir.path().join("t.csv"),
        "考号,优秀,称职,基本称职,不称职\n1,2,1,0,1\n",
    )
    .unwrap();
    // Person 2 has no 优秀 or 称职 mark at all: 称职率 0 (once an empty sum, `-0`), below
    // the gate.
    let marks = "评委,考号,评价\nA,2,基本称职\nB,2,不称职\n";
    std::fs::write(dir.path().join("m.csv"), marks).unwrap();
    common::ok(
        &["import", "b.ron", "m.csv", "--kind", "ballots"],
        dir.path(),
    );
    common::ok(
        &["import", "b.ron", "t.csv", "--kind", "ballots"],
        dir.path(),
    );
    let explain = common::ok(&["explain", "b.ron", "1"], dir.path());
    assert!(
        explain.contains("\n      from a tally of 4 ballots (优秀 2, 称职 1, 基本称职 0, 不称职 1), each ballot counted as a mark\n"),
        "{explain}"
    );
    let rank = common::ok(&["rank", "b.ron"], dir.path());
    assert!(
        rank.contains("称职率 (competent_rate) 0 fails the gate ≥ 60"),
        "{rank}"
    );
    assert!(!rank.contains("-0"), "{rank}");
    let json = common::ok(&["rank", "b.ron", "--format", "json"], dir.path());
    assert!(!json.contains("-0"), "{json}");
    common::ok(&["export", "b.ron", "--out", "r.csv"], dir.path());
    let csv = std::fs::read_to_string(dir.path().join("r.csv")).unwrap();
    assert!(!csv.contains("-0"), "{csv}");
}

#[test]
fn a_tally_larger_than_any_vote_is_an_invalid_value_not_an_allocation() {
    // A hand-edited project file: four billion ballots would be four billion marks.
    let mut project = vote();
    import(&mut project, "考号,赞成,不赞成,弃权\n1,30,10,5\n2,20,5,0\n");
    let tally = vec![("赞成".into(), 4_000_000_000), ("不赞成".into(), 1)];
    project.people[0].tallies.insert("ballot", tally);
    let evaluation = evaluate(&project);
    let row = evaluation.posts[0].row_of(0).cloned().unwrap();
    let merit::scoring::Status::Incomplete(gaps) = &row.status else {
        panic!("{:?}", row.status);
    };
    assert!(
        gaps.iter().any(|gap| matches!(
            gap,
            merit::scoring::Gap::Invalid { value, reason, .. }
                if value == "a tally of 4000000001 ballots"
                    && reason == "more ballots than a tally may count (10000000)"
        )),
        "{gaps:?}"
    );
    // The others are ranked as before.
    assert_eq!(cents(&project, "2"), Some(8000));
}
