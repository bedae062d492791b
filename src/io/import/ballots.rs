//! Steps 4–5 of a ballots import (民主测评): rows → marks and tallies → ratings, tallies
//! and rates.
//!
//! Two layouts. Per ballot: one row per (rater, person) with a mark (优秀/称职/基本称职/
//! 不称职, 赞成/不赞成/弃权) on the ballot criterion (a criterion column, else the
//! scheme's only categorical criterion); each mark becomes a rating. Tally: one row per
//! person with a column of counts per mark; the counts are kept on the person
//! ([`crate::model::Person::tallies`], replacing an earlier tally of the same ballot), and
//! each counted ballot counts as one mark. A second tally row for the same person and
//! ballot is a problem (`duplicate id: rows 2 and 4 have it`), as in a people import.
//!
//! Rates ([`crate::model::RateOf`]) are counted from every mark the person will have once
//! the plan is applied: the marks already in the project, the file's, and the tally (see
//! `ballot_marks`). Void-ballot rules are checked per rater over the rater's whole ballot
//! (see `ballot_marks`). A row that marks nobody (an empty mark, an absence marker such as
//! 缺席) is reported as skipped: nothing is dropped silently.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::model::{Criterion, Project, Rating, Scale, Value};

use super::ballot_marks::{Mark, TallyRow, person_updates, void_ballots};
use super::cells::{absence, half_width};
use super::headers::{self, Field};
use super::mapping::Mapping;
use super::plan::{ImportError, ImportKind, ImportPlan, Problem, Skipped, rating_key};
use super::ratings::{count, existing};
use super::records::{Row, Table};
use super::rows::not_a_person;

/// The most ballots one tally cell may count: far above any real vote, and it keeps the
/// engine, which counts each ballot as a mark, from being handed billions of them.
const MAX_BALLOTS: u32 = 1_000_000;

/// What one row says.
enum Read {
    /// Counts per mark for (person, ballot).
    Tally(TallyRow),
    /// One mark.
    Mark(Mark),
    /// A row that marks nobody (an empty mark, an absence marker), and why.
    NoMark(String),
    /// A problem (already recorded).
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

    /// The counts of `row`'s tally columns on `ballot` (none for a row of marks), or the
    /// column, text and reason of the first bad one.
    fn counts(
        &self,
        row: &Row,
        ballot: &Criterion,
    ) -> Result<Vec<(String, u32)>, (usize, String, String)> {
        let mut counts = Vec::new();
        for (i, field) in self.fields.iter().enumerate() {
            let Field::Tally(mark) = field else { continue };
            let text = half_width(row.cells.get(i).map_or("", |c| c.trim()));
            let text = text.trim();
            if text.is_empty() {
                continue;
            }
            let bad = |reason: String| Err((i, text.to_string(), reason));
            if ballot.scale.points(mark).is_none() {
                return bad(format!(
                    "{mark} is not a mark of {}",
                    ballot.scale.describe()
                ));
            }
            match text.parse::<u32>() {
                Ok(n) if n <= MAX_BALLOTS => counts.push((mark.clone(), n)),
                Ok(_) => {
                    return bad(format!(
                        "more ballots than a tally may count ({MAX_BALLOTS})"
                    ));
                }
                Err(_) => return bad("not a count (a whole number ≥ 0)".into()),
            }
        }
        Ok(counts)
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
        let counts = match self.counts(row, ballot) {
            Ok(counts) => counts,
            Err((i, text, reason)) => return problem(i, &text, reason),
        };
        if !counts.is_empty() {
            return Read::Tally(TallyRow {
                row: row.number,
                person: person.to_string(),
                ballot: ballot.key.clone(),
                counts,
            });
        }
        let Some(mark_column) = self.column(&Field::Mark) else {
            return Read::NoMark("no count in any tally column".into());
        };
        let mark = half_width(cell(Some(mark_column))).trim().to_string();
        if mark.is_empty() {
            return Read::NoMark("no mark given: the cell is empty".into());
        }
        if ballot.scale.points(&mark).is_none() {
            if let Some(marker) = absence(&mark) {
                return Read::NoMark(format!("no mark given: {marker}"));
            }
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
    let (tallies, mut marks) = read_rows(&reader, &mut problems, &mut skipped, &mut data_rows);
    let rater_column = reader.header(reader.column(&Field::Rater).unwrap_or(reader.id()));
    let void = void_ballots(project, &marks, &rater_column);
    let void_rows: HashSet<usize> = void.iter().map(|p| p.row).collect();
    problems.extend(void);
    marks.retain(|m| !void_rows.contains(&m.row));
    let mut plan = ImportPlan::new(
        ImportKind::Ballots,
        headers::mapping(&table.headers, &reader.fields),
    );
    let valid = add_marks(project, &marks, &rater_column, &mut plan, &mut problems);
    person_updates(project, &valid, &tallies, &mut plan);
    skipped.sort_by_key(|s| s.row);
    plan.skipped = skipped;
    Ok(plan.finish(problems, data_rows))
}

/// Reads every row: the valid tally rows (a second one for the same person and ballot is
/// a problem, as a repeated id is in a people import) and marks; rows that are not data
/// or mark nobody go to `skipped` and out of `data_rows`.
fn read_rows(
    reader: &Reader<'_>,
    problems: &mut Vec<Problem>,
    skipped: &mut Vec<Skipped>,
    data_rows: &mut usize,
) -> (Vec<TallyRow>, Vec<Mark>) {
    let mut tallies: Vec<TallyRow> = Vec::new();
    let mut first_tally: HashMap<(String, String), usize> = HashMap::new();
    let mut marks = Vec::new();
    for row in &reader.table.rows {
        if let Some(reason) = not_a_person(row, reader.id(), None) {
            skipped.push(Skipped::new(row, &reason));
            *data_rows -= 1;
            continue;
        }
        match reader.read(row, problems) {
            Read::Tally(tally) => {
                let key = (tally.person.clone(), tally.ballot.clone());
                if let Some(first) = first_tally.get(&key) {
                    problems.push(Problem {
                        row: tally.row,
                        column: reader.header(reader.id()),
                        value: tally.person.clone(),
                        reason: format!("duplicate id: rows {first} and {} have it", tally.row),
                    });
                } else {
                    first_tally.insert(key, tally.row);
                    tallies.push(tally);
                }
            }
            Read::Mark(mark) => marks.push(mark),
            Read::NoMark(reason) => {
                skipped.push(Skipped::new(row, &reason));
                *data_rows -= 1;
            }
            Read::Nothing => {}
        }
    }
    (tallies, marks)
}

/// Adds each mark to the plan as a rating; a second mark by the same rater for the same
/// person is a problem. Returns every valid mark as a rating (the unchanged ones too).
fn add_marks(
    project: &Project,
    marks: &[Mark],
    rater_column: &str,
    plan: &mut ImportPlan,
    problems: &mut Vec<Problem>,
) -> Vec<Rating> {
    let existing = existing(project);
    let mut first_row: HashMap<(String, String, String), usize> = HashMap::new();
    let mut valid = Vec::with_capacity(marks.len());
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
        valid.push(rating.clone());
        count(plan, existing.get(&key).copied(), rating);
    }
    valid
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
