//! Steps 4–5 of a ratings (long) import: rows → ratings, merged with the project's.
//!
//! One row per (person, criterion, rater). Ratings only reference people already in the
//! project (import them first), and only criteria raters rate (see [`not_rated`]): a
//! rating on a criterion scored directly (笔试成绩) would silently take the place of the
//! typed score, so it is a problem. A rating with the same person, criterion and rater as
//! an existing one replaces it; any other is added. A row whose score cell is empty or
//! holds an absence marker (缺席) is a rating not given: it changes nothing (it never
//! becomes a 0) and is reported as skipped.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

use crate::model::{Criterion, Project, Rating};

use super::cells::{Cell, NumberStyle, parse_cell};
use super::headers::{self, Field};
use super::mapping::Mapping;
use super::plan::{ImportError, ImportKind, ImportPlan, Problem, Skipped, rating_key};
use super::records::{Row, Table};
use super::rows::{id_problem, not_a_person};

/// One column: its index and its header as in the file.
struct Column {
    index: usize,
    header: String,
}

impl Column {
    /// The column of `field`, if a column has it.
    fn find(table: &Table, fields: &[Field], field: &Field) -> Option<Column> {
        let index = headers::column_of(fields, field)?;
        let header = table.headers.get(index)?.clone();
        Some(Column { index, header })
    }

    /// This column's trimmed cell in `row`.
    fn cell<'r>(&self, row: &'r Row) -> &'r str {
        row.cells.get(self.index).map_or("", |c| c.trim())
    }

    /// A problem in this column of `row`.
    fn problem(&self, row: &Row, value: &str, reason: String) -> Problem {
        Problem {
            row: row.number,
            column: self.header.clone(),
            value: value.to_string(),
            reason,
        }
    }
}

/// The columns a ratings file is read from.
struct Columns {
    id: Column,
    criterion: Column,
    rater: Column,
    group: Option<Column>,
    score: Column,
}

impl Columns {
    /// The columns of `fields`, or `None` without all the required ones.
    fn find(table: &Table, fields: &[Field]) -> Option<Columns> {
        let find = |field: &Field| Column::find(table, fields, field);
        Some(Columns {
            id: find(&Field::Id)?,
            criterion: find(&Field::Criterion)?,
            rater: find(&Field::Rater)?,
            group: find(&Field::Group),
            score: find(&Field::Value)?,
        })
    }
}

/// Plans a ratings import of `table` into `project`.
pub(super) fn plan(
    project: &Project,
    table: &Table,
    source: &Path,
    mapping: &Mapping,
    style: NumberStyle,
) -> Result<ImportPlan, ImportError> {
    let missing = |missing| ImportError::MissingColumns {
        missing,
        path: source.to_path_buf(),
    };
    let fields = headers::map_ratings(&table.headers, &project.scheme, mapping).map_err(missing)?;
    let fields = headers::checked(fields, &table.headers, mapping, &project.scheme, source)?;
    let Some(columns) = Columns::find(table, &fields) else {
        return Err(missing(vec!["id, criterion, rater and score".into()]));
    };
    let people: HashSet<&str> = project.people.iter().map(|p| p.id.as_str()).collect();
    let context = Context {
        project,
        people,
        direct: directly_scored(project),
    };
    let existing = existing(project);
    let mut first_row = HashMap::new();
    let mut problems = table.problems.clone();
    let mut skipped = table.skipped.clone();
    let mut data_rows = table.data_rows;
    let mut plan = ImportPlan::new(
        ImportKind::Ratings,
        headers::mapping(&table.headers, &fields),
    );
    for row in &table.rows {
        if let Some(reason) = not_a_person(row, columns.id.index, None) {
            skipped.push(Skipped::new(row, &reason));
            data_rows -= 1;
            continue;
        }
        let before = problems.len();
        let rating = match parse_row(&context, &columns, row, style, &mut problems) {
            Read::Rating(rating) => rating,
            Read::NotGiven(reason) => {
                if problems.len() == before {
                    skipped.push(Skipped::new(row, &reason));
                    data_rows -= 1;
                }
                continue;
            }
            Read::Nothing => continue,
        };
        let key = rating_key(&rating);
        if let Some(first) = first_row.get(&key) {
            let reason = format!(
                "duplicate rating (same person, criterion and rater): rows {first} and {}",
                row.number
            );
            problems.push(columns.rater.problem(row, &rating.rater, reason));
            continue;
        }
        first_row.insert(key.clone(), row.number);
        if problems.len() > before {
            continue;
        }
        let old = existing.get(&key).copied();
        count(&mut plan, old, rating);
    }
    skipped.sort_by_key(|s| s.row);
    plan.skipped = skipped;
    Ok(plan.finish(problems, data_rows))
}

/// The project's ratings by (person, criterion, rater); the first, should a key repeat.
pub(super) fn existing(project: &Project) -> HashMap<(String, String, String), &Rating> {
    project
        .ratings
        .iter()
        .rev()
        .map(|r| (rating_key(r), r))
        .collect()
}

/// Plans `rating` as added, replacing `old`, or unchanged.
pub(super) fn count(plan: &mut ImportPlan, old: Option<&Rating>, rating: Rating) {
    match old {
        Some(old) if *old == rating => plan.ratings_unchanged += 1,
        Some(_) => {
            plan.ratings_replaced += 1;
            plan.ratings.push(rating);
        }
        None => {
            plan.ratings_added += 1;
            plan.ratings.push(rating);
        }
    }
}

/// What a ratings import reads rows against.
struct Context<'a> {
    project: &'a Project,
    /// The ids of the project's people.
    people: HashSet<&'a str>,
    /// The keys of the criteria raters do not rate (see [`not_rated`]).
    direct: BTreeSet<&'a str>,
}

/// What one row says.
enum Read {
    /// A rating.
    Rating(Rating),
    /// No rating given (an empty score, an absence marker), and why.
    NotGiven(String),
    /// A problem (already recorded).
    Nothing,
}

/// The keys of the criteria raters do not rate in `project`, which a ratings import
/// refuses (see [`not_rated`]). Score sheets could leave them out too.
pub fn directly_scored(project: &Project) -> BTreeSet<&str> {
    let rated: HashSet<&str> = project
        .ratings
        .iter()
        .map(|r| r.criterion.as_str())
        .collect();
    let mut typed: HashSet<&str> = HashSet::new();
    if !rated.is_empty() {
        for person in &project.people {
            typed.extend(person.scores.keys().map(|k| k.as_str()));
            typed.extend(person.absent.keys().map(|k| k.as_str()));
        }
    }
    project
        .scheme
        .criteria()
        .filter(|c| {
            let key = c.key.as_str();
            not_rated(c, &rated, typed.contains(key))
        })
        .map(|c| c.key.as_str())
        .collect()
}

/// Whether raters do not rate `criterion`, as `merit sheets` decides which criteria raters
/// rate (those with ratings in the project; all of them while it has none): a rate
/// criterion (counted from ballots) never; and once the project holds ratings (`rated`:
/// the criteria that have some), a criterion people have typed scores (or absence
/// markers) for and nobody rates is scored directly, as 笔试成绩 is. A criterion with
/// neither ratings nor typed scores takes its first ratings. A project without any rating
/// yet says nothing about which criteria raters rate: there, ratings take precedence over
/// typed scores, the scoring rule (the README says so).
fn not_rated(criterion: &Criterion, rated: &HashSet<&str>, has_typed: bool) -> bool {
    let has_ratings = rated.contains(criterion.key.as_str());
    criterion.rate.is_some() || (!rated.is_empty() && has_typed && !has_ratings)
}

/// Why raters cannot rate `criterion` (one of [`directly_scored`]).
fn not_rated_reason(project: &Project, criterion: &Criterion) -> String {
    let name = |c: &Criterion| {
        if c.name.is_empty() {
            c.key.clone()
        } else {
            c.name.clone()
        }
    };
    match &criterion.rate {
        Some(rate) => {
            let ballot = project
                .scheme
                .criterion(&rate.ballot)
                .map_or_else(|| rate.ballot.clone(), name);
            format!(
                "{} is counted from the ballots on {ballot}, not rated (import the ballots with --kind ballots)",
                name(criterion)
            )
        }
        None => format!("{} is scored directly, not by raters", name(criterion)),
    }
}

/// The criterion `row` rates, if raters rate it; else a problem.
fn criterion_of<'a>(
    context: &Context<'a>,
    columns: &Columns,
    row: &Row,
    problems: &mut Vec<Problem>,
) -> Option<&'a Criterion> {
    let project = context.project;
    let name = columns.criterion.cell(row);
    let reason = match headers::find_criterion(&project.scheme, name) {
        None => unknown_criterion(project, name),
        Some(c) if context.direct.contains(c.key.as_str()) => not_rated_reason(project, c),
        Some(c) => return Some(c),
    };
    problems.push(columns.criterion.problem(row, name, reason));
    None
}

/// Reads one row, adding a problem for each bad cell.
fn parse_row(
    context: &Context<'_>,
    columns: &Columns,
    row: &Row,
    style: NumberStyle,
    problems: &mut Vec<Problem>,
) -> Read {
    let people = &context.people;
    let id = columns.id.cell(row);
    if id.is_empty() {
        problems.push(
            columns
                .id
                .problem(row, id, "no id: every row needs one".into()),
        );
    } else if let Some(reason) = id_problem(id) {
        problems.push(columns.id.problem(row, id, reason));
    } else if !people.contains(id) {
        let reason = format!("no person with id {id} in the project");
        problems.push(columns.id.problem(row, id, reason));
    }
    let criterion = criterion_of(context, columns, row, problems);
    let rater = columns.rater.cell(row);
    if rater.is_empty() {
        problems.push(columns.rater.problem(row, rater, "no rater".into()));
    }
    let score = columns.score.cell(row);
    let Some(criterion) = criterion else {
        return Read::Nothing;
    };
    if score.is_empty() {
        return Read::NotGiven("no score given: the cell is empty".into());
    }
    let value = match parse_cell(score, &criterion.scale, style) {
        Ok(Cell::Value(value)) => value,
        // An absence marker is a rating not given, like an empty cell.
        Ok(Cell::Absent(marker)) => return Read::NotGiven(format!("no rating given: {marker}")),
        Err(invalid) => {
            problems.push(columns.score.problem(row, score, invalid.reason));
            return Read::Nothing;
        }
    };
    if id.is_empty() || rater.is_empty() {
        return Read::Nothing;
    }
    Read::Rating(Rating {
        person: id.to_string(),
        criterion: criterion.key.clone(),
        rater: rater.to_string(),
        group: columns
            .group
            .as_ref()
            .map_or("", |g| g.cell(row))
            .to_string(),
        value,
    })
}

/// Why `name` is not a criterion, listing the ones the scheme has.
fn unknown_criterion(project: &Project, name: &str) -> String {
    let known: Vec<&str> = project
        .scheme
        .criteria()
        .map(|c| {
            if c.name.is_empty() {
                c.key.as_str()
            } else {
                c.name.as_str()
            }
        })
        .collect();
    let known = known.join(", ");
    if name.is_empty() {
        format!("no criterion; the scheme has: {known}")
    } else {
        format!("no criterion '{name}' in the scheme; it has: {known}")
    }
}

#[cfg(test)]
mod tests {
    use super::super::plan_text;
    use super::*;
    use crate::model::{Person, Scale, Value};

    const HEADER: &str = "考号,指标,评委,评委类别,分数\n";

    fn project() -> Project {
        let mut project = Project::default();
        for id in ["1", "2"] {
            project.people.push(Person {
                id: id.into(),
                ..Person::default()
            });
        }
        project
            .ratings
            .push(rating("1", "peer_trust", "甲", "群众", 80.0));
        project
    }

    fn rating(person: &str, criterion: &str, rater: &str, group: &str, value: f64) -> Rating {
        Rating {
            person: person.into(),
            criterion: criterion.into(),
            rater: rater.into(),
            group: group.into(),
            value: Value::Number(value),
        }
    }

    fn problem(row: usize, column: &str, value: &str, reason: &str) -> Problem {
        Problem {
            row,
            column: column.into(),
            value: value.into(),
            reason: reason.into(),
        }
    }

    #[test]
    fn ratings_are_added_or_replace_the_same_person_criterion_and_rater() {
        let mut project = project();
        let text = format!(
            "{HEADER}1,群众信任,甲,群众,85\n1,peer trust,乙,群众, 90 \n2,Leader_Satisfaction,甲,领导,70\n1,群众信任,丙,群众,\n"
        );
        let plan = plan_text(&project, &text, ImportKind::Ratings);
        assert_eq!(plan.problems, []);
        let mapped: Vec<&str> = plan.mapping.iter().map(|m| m.1.as_str()).collect();
        assert_eq!(mapped, ["id", "criterion", "rater", "group", "score"]);
        // Row 5 gives no score: reported as skipped, not dropped in silence.
        assert_eq!(
            (plan.ratings_added, plan.ratings_replaced, plan.accepted),
            (2, 1, 3)
        );
        assert_eq!(
            plan.summary(),
            "2 ratings added, 1 replaced, 0 unchanged, 0 rows rejected\n\
             row 5 skipped (no score given: the cell is empty): 1 群众信任 丙 群众"
        );
        assert!(plan.apply(&mut project));
        let expected = vec![
            rating("1", "peer_trust", "甲", "群众", 85.0),
            rating("1", "peer_trust", "乙", "群众", 90.0),
            rating("2", "leader_satisfaction", "甲", "领导", 70.0),
        ];
        assert_eq!(project.ratings, expected);
    }

    #[test]
    fn unknown_people_criteria_and_bad_rows_are_all_reported() {
        let mut project = project();
        let before = project.clone();
        let text = format!(
            "{HEADER}1,面试,甲,,80\n9,群众信任,甲,,80\n1,群众信任,乙,,101\n2,群众信任,,,80\n\
             1,群众信任,丁,,80\n1,群众信任,丁,,81\n1,群众信任,戊,,优秀\n"
        );
        let plan = plan_text(&project, &text, ImportKind::Ratings);
        let known = "笔试成绩, 政治素质, 业务能力, 群众信任, 领导满意度";
        let expected = vec![
            problem(
                2,
                "指标",
                "面试",
                &format!("no criterion '面试' in the scheme; it has: {known}"),
            ),
            problem(3, "考号", "9", "no person with id 9 in the project"),
            problem(4, "分数", "101", "outside the scale 0–100"),
            problem(5, "评委", "", "no rater"),
            problem(
                7,
                "评委",
                "丁",
                "duplicate rating (same person, criterion and rater): rows 6 and 7",
            ),
            problem(8, "分数", "优秀", "'优秀' is not a number"),
        ];
        assert_eq!(plan.problems, expected);
        assert_eq!((plan.accepted, plan.rejected), (1, 6));
        assert!(!plan.apply(&mut project));
        assert_eq!(project, before);
    }

    #[test]
    fn ratings_on_directly_scored_or_rate_criteria_are_refused_and_absences_noted() {
        let mut project = project();
        // 笔试成绩 is typed for person 2 and nobody rates it: a rating would silently
        // take the place of the typed 64.8.
        project.people[1].scores.insert("exam", Value::Number(64.8));
        let groups = &mut project.scheme.groups;
        groups[1].criteria[3].rate = Some(crate::model::RateOf {
            ballot: "peer_trust".into(),
            ..crate::model::RateOf::default()
        });
        groups[1].criteria[3].name = "赞成率".into();
        let text = format!(
            "{HEADER}2,笔试成绩,领导甲,领导,80\n2,群众信任,乙,群众,缺席\n\
             2,赞成率,乙,群众,80\n2,政治素质,乙,群众,70\n"
        );
        let plan = plan_text(&project, &text, ImportKind::Ratings);
        let expected = vec![
            problem(
                2,
                "指标",
                "笔试成绩",
                "笔试成绩 is scored directly, not by raters",
            ),
            problem(
                4,
                "指标",
                "赞成率",
                "赞成率 is counted from the ballots on 群众信任, not rated (import the ballots with --kind ballots)",
            ),
        ];
        assert_eq!(plan.problems, expected);
        assert_eq!(
            plan.skipped
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>(),
            ["row 3 skipped (no rating given: 缺席): 2 群众信任 乙 群众 缺席"]
        );
        // A criterion with neither typed scores nor ratings takes its first ratings.
        assert_eq!(
            (plan.ratings_added, plan.accepted, plan.rejected),
            (1, 1, 2)
        );
        plan.apply_valid(&mut project);
        assert_eq!(
            project.people[1].scores.get("exam"),
            Some(&Value::Number(64.8))
        );
        assert!(!project.ratings.iter().any(|r| r.criterion == "exam"));
        // Without any rating yet, nothing says which criteria raters rate (merit sheets
        // offers them all): the first ratings are taken, as the scoring rule says.
        project.ratings.clear();
        let first = format!("{HEADER}2,笔试成绩,领导甲,领导,80\n");
        let plan = plan_text(&project, &first, ImportKind::Ratings);
        assert_eq!((plan.problems.len(), plan.ratings_added), (0, 1));
    }

    #[test]
    fn categorical_ratings_take_labels_and_a_missing_column_is_a_file_error() {
        let mut project = project();
        project.scheme.groups[1].criteria[2].scale = Scale::Categorical {
            categories: vec![("优秀".into(), 100.0), ("称职".into(), 80.0)],
        };
        let plan = plan_text(
            &project,
            "id,criterion,rater,score\n2,peer_trust,乙,优秀\n",
            ImportKind::Ratings,
        );
        assert_eq!(plan.problems, []);
        assert_eq!(plan.ratings[0].value, Value::Category("优秀".into()));
        assert_eq!(plan.ratings[0].group, "");
        let err = super::super::plan_import(
            &project,
            "考号,评委,分数\n".as_bytes(),
            ImportKind::Ratings,
            Path::new("r.csv"),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "missing required column criterion (one of: 指标, criterion): r.csv"
        );
    }
}
