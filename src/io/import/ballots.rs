//! Steps 4–5 of a ballots import (民主测评): rows → marks → ratings and rates.
//!
//! Two layouts. Per ballot: one row per (rater, person) with a mark (优秀/称职/基本称职/
//! 不称职, 赞成/不赞成/弃权) on the ballot criterion (a criterion column, else the
//! scheme's only categorical criterion); each mark becomes a rating. Tally: one row per
//! person with a column of counts per mark. Either way, each rate criterion of the scheme
//! ([`crate::model::RateOf`]) on that ballot gets the person's rate (count / over × 100)
//! from the marks in the file. Void-ballot rules ([`crate::model::BallotRules`]) are checked
//! per rater and reported as problems on every row of a void ballot: nothing is dropped
//! silently (with `--skip-invalid` those rows are left out, and the rates without them).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use crate::model::{Criterion, Project, Rating, Scale, Value};

use super::cells::half_width;
use super::headers::{self, Field};
use super::mapping::Mapping;
use super::merge::Merger;
use super::people::Parsed;
use super::plan::{ImportError, ImportKind, ImportPlan, Problem, Skipped, rating_key};
use super::ratings::count;
use super::records::Table;
use super::rows::not_a_person;

/// One valid mark: the row, person, ballot criterion key, rater, group and mark.
struct Mark {
    row: usize,
    person: String,
    criterion: String,
    rater: String,
    group: String,
    mark: String,
}

/// Plans a ballots import of `table` into `project`.
pub(super) fn plan(
    project: &Project,
    table: &Table,
    source: &Path,
    mapping: &Mapping,
) -> Result<ImportPlan, ImportError> {
    let missing = |missing| ImportError::MissingColumns {
        missing,
        path: source.to_path_buf(),
    };
    let fields = headers::map_ballots(&table.headers, &project.scheme, mapping).map_err(missing)?;
    let column = |f: &Field| headers::column_of(&fields, f);
    let id = column(&Field::Id).unwrap_or(0);
    let header = |i: usize| table.headers.get(i).cloned().unwrap_or_default();
    let default_ballot = only_ballot(project);
    let mut problems = table.problems.clone();
    let mut skipped = table.skipped.clone();
    let mut data_rows = table.data_rows;
    let people: HashSet<&str> = project.people.iter().map(|p| p.id.as_str()).collect();
    // (person, ballot) → counts per mark, from the valid rows.
    let mut tallies: BTreeMap<(String, String), BTreeMap<String, f64>> = BTreeMap::new();
    let mut marks = Vec::new();
    for row in &table.rows {
        if let Some(reason) = not_a_person(row, id, None) {
            skipped.push(Skipped::new(row, &reason));
            data_rows -= 1;
            continue;
        }
        let cell = |i: Option<usize>| i.and_then(|i| row.cells.get(i)).map_or("", |c| c.trim());
        let problem = |i: usize, value: &str, reason: String| Problem {
            row: row.number,
            column: header(i),
            value: value.to_string(),
            reason,
        };
        let person = cell(Some(id));
        if !people.contains(person) {
            let reason = if person.is_empty() {
                "no id: every row needs one".to_string()
            } else {
                format!("no person with id {person} in the project")
            };
            problems.push(problem(id, person, reason));
            continue;
        }
        let named = cell(column(&Field::Criterion));
        let ballot = if named.is_empty() {
            default_ballot
        } else {
            headers::find_criterion(&project.scheme, named)
        };
        let Some(ballot) = ballot.filter(|c| matches!(c.scale, Scale::Categorical { .. })) else {
            let reason =
                "no ballot criterion: name a categorical criterion in a criterion column".into();
            problems.push(problem(
                column(&Field::Criterion).unwrap_or(id),
                named,
                reason,
            ));
            continue;
        };
        let tally_columns = fields.iter().enumerate().filter_map(|(i, f)| match f {
            Field::Tally(mark) => Some((i, mark)),
            _ => None,
        });
        let before = problems.len();
        let mut counts = BTreeMap::new();
        for (i, mark) in tally_columns {
            let text = half_width(cell(Some(i)));
            let text = text.trim();
            match text.parse::<u32>() {
                Ok(n) => {
                    counts.insert(mark.clone(), f64::from(n));
                }
                Err(_) if text.is_empty() => {}
                Err(_) => {
                    problems.push(problem(i, text, "not a count (a whole number ≥ 0)".into()))
                }
            }
        }
        if problems.len() > before {
            continue;
        }
        if !counts.is_empty() {
            tallies.insert((person.to_string(), ballot.key.clone()), counts);
            continue;
        }
        let Some(mark_column) = column(&Field::Mark) else {
            continue;
        };
        let mark = half_width(cell(Some(mark_column))).trim().to_string();
        if mark.is_empty() {
            continue; // a ballot that does not mark this person
        }
        if ballot.scale.points(&mark).is_none() {
            let reason = format!("not one of {}", ballot.scale.describe());
            problems.push(problem(mark_column, &mark, reason));
            continue;
        }
        let rater = cell(column(&Field::Rater));
        if rater.is_empty() {
            problems.push(problem(
                column(&Field::Rater).unwrap_or(id),
                "",
                "no rater".into(),
            ));
            continue;
        }
        marks.push(Mark {
            row: row.number,
            person: person.to_string(),
            criterion: ballot.key.clone(),
            rater: rater.to_string(),
            group: cell(column(&Field::Group)).to_string(),
            mark,
        });
    }
    let rater_column = header(column(&Field::Rater).unwrap_or(id));
    let void = void_ballots(project, &marks, &rater_column);
    let void_rows: HashSet<usize> = void.iter().map(|p| p.row).collect();
    problems.extend(void);
    marks.retain(|m| !void_rows.contains(&m.row));
    let mut first_row: HashMap<(String, String, String), usize> = HashMap::new();
    let mut plan = ImportPlan::new(
        ImportKind::Ballots,
        headers::mapping(&table.headers, &fields),
    );
    let existing: HashMap<_, &Rating> = project
        .ratings
        .iter()
        .rev()
        .map(|r| (rating_key(r), r))
        .collect();
    for m in &marks {
        let rating = Rating {
            person: m.person.clone(),
            criterion: m.criterion.clone(),
            rater: m.rater.clone(),
            group: m.group.clone(),
            value: Value::Category(m.mark.clone()),
        };
        let key = rating_key(&rating);
        if let Some(first) = first_row.get(&key) {
            let reason = format!(
                "the same rater marked this person twice: rows {first} and {}",
                m.row
            );
            problems.push(Problem {
                row: m.row,
                column: rater_column.clone(),
                value: m.rater.clone(),
                reason,
            });
            continue;
        }
        first_row.insert(key.clone(), m.row);
        *tallies
            .entry((m.person.clone(), m.criterion.clone()))
            .or_default()
            .entry(m.mark.clone())
            .or_default() += 1.0;
        count(&mut plan, existing.get(&key).copied(), rating);
    }
    let mut merger = Merger::new(project);
    for parsed in rates(project, &tallies) {
        merger.merge(parsed, &mut plan);
    }
    skipped.sort_by_key(|s| s.row);
    plan.skipped = skipped;
    Ok(plan.finish(problems, data_rows))
}

/// The scheme's only categorical criterion that is not a rate, if it has exactly one.
fn only_ballot(project: &Project) -> Option<&Criterion> {
    let mut ballots = project
        .scheme
        .criteria()
        .filter(|c| matches!(c.scale, Scale::Categorical { .. }));
    match (ballots.next(), ballots.next()) {
        (Some(one), None) => Some(one),
        _ => None,
    }
}

/// One problem per row of every void ballot, saying which rule and which rows.
fn void_ballots(project: &Project, marks: &[Mark], column: &str) -> Vec<Problem> {
    let rules = &project.scheme.ballot_rules;
    let mut by_rater: BTreeMap<(&str, &str), Vec<&Mark>> = BTreeMap::new();
    for m in marks {
        by_rater
            .entry((&m.criterion, &m.rater))
            .or_default()
            .push(m);
    }
    let mut problems = Vec::new();
    for ((_, rater), ballot) in by_rater {
        let n = ballot.len();
        let rows: Vec<String> = ballot.iter().map(|m| m.row.to_string()).collect();
        let mut reason = None;
        if rules.same_mark_void && n >= 2 && ballot.iter().all(|m| m.mark == ballot[0].mark) {
            reason = Some(format!(
                "void ballot: rater {rater} gave all {n} candidates {}",
                ballot[0].mark
            ));
        }
        for (category, share) in &rules.quotas {
            let given = ballot.iter().filter(|m| &m.mark == category).count();
            if reason.is_none() && given as f64 > share * n as f64 + 1e-9 {
                reason = Some(format!(
                    "void ballot: rater {rater} gave {given} of {n} candidates {category}, above the quota of {}%",
                    share * 100.0
                ));
            }
        }
        if let Some(reason) = reason {
            let reason = format!("{reason} (rows {})", rows.join(", "));
            problems.extend(ballot.iter().map(|m| Problem {
                row: m.row,
                column: column.to_string(),
                value: m.rater.clone(),
                reason: reason.clone(),
            }));
        }
    }
    problems
}

/// Each person's rate-criterion values from their mark counts, as rows to merge.
fn rates(
    project: &Project,
    tallies: &BTreeMap<(String, String), BTreeMap<String, f64>>,
) -> Vec<Parsed> {
    let mut by_person: BTreeMap<&str, Parsed> = BTreeMap::new();
    for ((person, ballot), counts) in tallies {
        for criterion in project.scheme.criteria() {
            let Some(rate) = criterion.rate.as_ref().filter(|r| &r.ballot == ballot) else {
                continue;
            };
            let sum = |marks: &[String]| -> f64 {
                if marks.is_empty() {
                    counts.values().sum()
                } else {
                    marks.iter().filter_map(|m| counts.get(m)).sum()
                }
            };
            let (top, over) = (sum(&rate.count), sum(&rate.over));
            if over > 0.0 {
                let parsed = by_person.entry(person).or_insert_with(|| Parsed {
                    id: person.clone(),
                    ..Parsed::default()
                });
                parsed
                    .scores
                    .push((criterion.key.clone(), Value::Number(top / over * 100.0)));
            }
        }
    }
    by_person.into_values().collect()
}
