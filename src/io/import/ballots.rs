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
use super::records::{Row, Table};
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

/// What one row says.
enum Read {
    /// Counts per mark for (person, ballot).
    Tally(String, String, BTreeMap<String, f64>),
    /// One mark.
    Mark(Mark),
    /// Nothing to import (an empty mark) or a problem (already recorded).
    Nothing,
}

/// Reads rows of a ballots file with its columns known.
struct Reader<'a> {
    project: &'a Project,
    table: &'a Table,
    fields: Vec<Field>,
    people: HashSet<&'a str>,
    default_ballot: Option<&'a Criterion>,
}

impl<'a> Reader<'a> {
    fn column(&self, field: &Field) -> Option<usize> {
        headers::column_of(&self.fields, field)
    }

    fn id(&self) -> usize {
        self.column(&Field::Id).unwrap_or(0)
    }

    fn header(&self, i: usize) -> String {
        self.table.headers.get(i).cloned().unwrap_or_default()
    }

    /// Reads `row`, recording its problems.
    fn read(&self, row: &Row, problems: &mut Vec<Problem>) -> Read {
        let cell = |i: Option<usize>| i.and_then(|i| row.cells.get(i)).map_or("", |c| c.trim());
        let mut problem = |i: usize, value: &str, reason: String| {
            problems.push(Problem {
                row: row.number,
                column: self.header(i),
                value: value.to_string(),
                reason,
            });
            Read::Nothing
        };
        let person = cell(Some(self.id()));
        if !self.people.contains(person) {
            let reason = if person.is_empty() {
                "no id: every row needs one".to_string()
            } else {
                format!("no person with id {person} in the project")
            };
            return problem(self.id(), person, reason);
        }
        let named = cell(self.column(&Field::Criterion));
        let ballot = if named.is_empty() {
            self.default_ballot
        } else {
            headers::find_criterion(&self.project.scheme, named)
        };
        let Some(ballot) = ballot.filter(|c| matches!(c.scale, Scale::Categorical { .. })) else {
            let reason = "no ballot criterion: name a categorical criterion in a criterion column";
            let column = self.column(&Field::Criterion).unwrap_or(self.id());
            return problem(column, named, reason.into());
        };
        let mut counts = BTreeMap::new();
        for (i, field) in self.fields.iter().enumerate() {
            let Field::Tally(mark) = field else { continue };
            let text = half_width(cell(Some(i)));
            match text.trim().parse::<u32>() {
                Ok(n) => {
                    counts.insert(mark.clone(), f64::from(n));
                }
                Err(_) if text.trim().is_empty() => {}
                Err(_) => {
                    return problem(i, text.trim(), "not a count (a whole number ≥ 0)".into());
                }
            }
        }
        if !counts.is_empty() {
            return Read::Tally(person.to_string(), ballot.key.clone(), counts);
        }
        let Some(mark_column) = self.column(&Field::Mark) else {
            return Read::Nothing;
        };
        let mark = half_width(cell(Some(mark_column))).trim().to_string();
        if mark.is_empty() {
            return Read::Nothing; // a ballot that does not mark this person
        }
        if ballot.scale.points(&mark).is_none() {
            let reason = format!("not one of {}", ballot.scale.describe());
            return problem(mark_column, &mark, reason);
        }
        let rater = cell(self.column(&Field::Rater));
        if rater.is_empty() {
            let column = self.column(&Field::Rater).unwrap_or(self.id());
            return problem(column, "", "no rater".into());
        }
        Read::Mark(Mark {
            row: row.number,
            person: person.to_string(),
            criterion: ballot.key.clone(),
            rater: rater.to_string(),
            group: cell(self.column(&Field::Group)).to_string(),
            mark,
        })
    }
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
    let fields = headers::checked(fields, &table.headers, mapping, &project.scheme, source)?;
    let reader = Reader {
        project,
        table,
        fields,
        people: project.people.iter().map(|p| p.id.as_str()).collect(),
        default_ballot: only_ballot(project),
    };
    let mut problems = table.problems.clone();
    let mut skipped = table.skipped.clone();
    let mut data_rows = table.data_rows;
    // (person, ballot) → counts per mark, from the valid rows.
    let mut tallies: BTreeMap<(String, String), BTreeMap<String, f64>> = BTreeMap::new();
    let mut marks = Vec::new();
    for row in &table.rows {
        if let Some(reason) = not_a_person(row, reader.id(), None) {
            skipped.push(Skipped::new(row, &reason));
            data_rows -= 1;
            continue;
        }
        match reader.read(row, &mut problems) {
            Read::Tally(person, ballot, counts) => {
                tallies.insert((person, ballot), counts);
            }
            Read::Mark(mark) => marks.push(mark),
            Read::Nothing => {}
        }
    }
    let rater_column = reader.header(reader.column(&Field::Rater).unwrap_or(reader.id()));
    let void = void_ballots(project, &marks, &rater_column);
    let void_rows: HashSet<usize> = void.iter().map(|p| p.row).collect();
    problems.extend(void);
    marks.retain(|m| !void_rows.contains(&m.row));
    let mut plan = ImportPlan::new(
        ImportKind::Ballots,
        headers::mapping(&table.headers, &reader.fields),
    );
    add_marks(
        project,
        &marks,
        &rater_column,
        &mut tallies,
        &mut plan,
        &mut problems,
    );
    let mut merger = Merger::new(project);
    for parsed in rates(project, &tallies) {
        merger.merge(parsed, &mut plan);
    }
    skipped.sort_by_key(|s| s.row);
    plan.skipped = skipped;
    Ok(plan.finish(problems, data_rows))
}

/// Adds each mark to the plan as a rating and to the person's counts; a second mark by
/// the same rater for the same person is a problem.
fn add_marks(
    project: &Project,
    marks: &[Mark],
    rater_column: &str,
    tallies: &mut BTreeMap<(String, String), BTreeMap<String, f64>>,
    plan: &mut ImportPlan,
    problems: &mut Vec<Problem>,
) {
    let existing: HashMap<_, &Rating> = project
        .ratings
        .iter()
        .rev()
        .map(|r| (rating_key(r), r))
        .collect();
    let mut first_row: HashMap<(String, String, String), usize> = HashMap::new();
    for m in marks {
        let rating = Rating {
            person: m.person.clone(),
            criterion: m.criterion.clone(),
            rater: m.rater.clone(),
            group: m.group.clone(),
            value: Value::Category(m.mark.clone()),
        };
        let key = rating_key(&rating);
        if let Some(first) = first_row.get(&key) {
            problems.push(Problem {
                row: m.row,
                column: rater_column.to_string(),
                value: m.rater.clone(),
                reason: format!(
                    "the same rater marked this person twice: rows {first} and {}",
                    m.row
                ),
            });
            continue;
        }
        first_row.insert(key.clone(), m.row);
        *tallies
            .entry((m.person.clone(), m.criterion.clone()))
            .or_default()
            .entry(m.mark.clone())
            .or_default() += 1.0;
        count(plan, existing.get(&key).copied(), rating);
    }
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
                parsed.scores.push((
                    crate::model::Key::from(&criterion.key),
                    Value::Number(top / over * 100.0),
                ));
            }
        }
    }
    by_person.into_values().collect()
}
