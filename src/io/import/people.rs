//! Steps 4–5 of a people (wide) import: rows → people, then merged with the project's.
//!
//! One row per person. The id finds an existing person, who is updated (the file's
//! non-empty cells overwrite), else the person is new. An empty cell is "nothing here":
//! never a 0, never a deletion. Unknown columns go to
//! [`Person::extra`](crate::model::Person::extra). Merging is in `merge`.

use std::path::Path;

use rayon::prelude::*;

use crate::model::{Key, Project, Scale, Value};

use super::cells::{Cell, NumberStyle, parse_cell};
use super::headers::{self, Field};
use super::mapping::Mapping;
use super::merge::Merger;
use super::plan::{ImportError, ImportKind, ImportPlan, Problem, Skipped};
use super::records::{CsvRows, RecordsError, Row, Table};
use super::rows::{id_problem, not_a_person_trimmed, trim_cell};
use super::seen::{Place, SeenIds};

/// What one valid row says about a person; `None` and absent entries were empty cells.
#[derive(Debug, Default)]
pub(super) struct Parsed {
    /// The id (never empty once accepted).
    pub id: String,
    /// The name, if the cell had one.
    pub name: Option<String>,
    /// The department, if the cell had one.
    pub department: Option<String>,
    /// The post's name or id, if the cell had one.
    pub post: Option<String>,
    /// Valid scores by criterion key, sorted by key.
    pub scores: Vec<(Key, Value)>,
    /// Criteria marked absent (缺考…), by key, with the marker, sorted by key.
    pub absent: Vec<(Key, String)>,
    /// Unknown columns: key and cell text, sorted by key.
    pub extra: Vec<(Key, String)>,
}

/// Where one row's non-empty cells go, once read: a [`Parsed`] (to merge with a project's
/// people), or a column store (`super::table`). Cells are borrowed from the row.
pub(super) trait RowSink<'r> {
    /// The id cell, trimmed.
    fn id(&mut self, text: &'r str);
    /// The name cell, trimmed.
    fn name(&mut self, text: &'r str);
    /// The department cell, trimmed.
    fn department(&mut self, text: &'r str);
    /// The post cell, trimmed.
    fn post(&mut self, text: &'r str);
    /// A valid score on the criterion `key`; of two columns with one key, the later wins.
    fn score(&mut self, key: &Key, value: Value);
    /// An absence marker (`缺考`) on the criterion `key`: no score, whatever other columns
    /// with this key say.
    fn absent(&mut self, key: &Key, marker: String);
    /// An unknown column's cell, as in the file.
    fn extra(&mut self, key: &Key, cell: &'r str);
}

impl<'r> RowSink<'r> for Parsed {
    fn id(&mut self, text: &'r str) {
        self.id = text.to_string();
    }

    fn name(&mut self, text: &'r str) {
        self.name = Some(text.to_string());
    }

    fn department(&mut self, text: &'r str) {
        self.department = Some(text.to_string());
    }

    fn post(&mut self, text: &'r str) {
        self.post = Some(text.to_string());
    }

    fn score(&mut self, key: &Key, value: Value) {
        self.scores.push((key.clone(), value));
    }

    fn absent(&mut self, key: &Key, marker: String) {
        self.absent.push((key.clone(), marker));
    }

    fn extra(&mut self, key: &Key, cell: &'r str) {
        self.extra.push((key.clone(), cell.to_string()));
    }
}

/// What a column of a people file is read into, worked out once for every row.
pub(super) enum Column<'a> {
    Id,
    Name,
    Department,
    Post,
    /// A score on a criterion of the scheme.
    Score(Key, &'a Scale),
    /// Kept on the person under this key.
    Extra(Key),
    /// Not read.
    Unused,
}

/// Everything a row is read with.
pub(super) struct Reading<'a> {
    headers: &'a [String],
    pub columns: Vec<Column<'a>>,
    pub id: usize,
    pub name: Option<usize>,
    scores: usize,
    extra: usize,
    style: NumberStyle,
}

/// One row read: not a person, or what it says and what is wrong with it.
enum Outcome {
    NotAPerson(Skipped),
    Person(Parsed, Vec<Problem>),
}

/// Rows read and judged in parallel at a time; the merge after them is in file order.
const BATCH: usize = 4096;

/// Below this many rows a batch is read on one thread.
pub(super) const PARALLEL_FROM: usize = 2048;

/// Plans a people import of `table` into `project`, and of the rows `more` still holds
/// (the rest of a CSV file, read in batches so that no copy of the file's cells is kept).
pub(super) fn plan(
    project: &Project,
    mut table: Table,
    more: Option<CsvRows<'_>>,
    source: &Path,
    mapping: &Mapping,
    style: NumberStyle,
) -> Result<ImportPlan, ImportError> {
    let path = || source.to_path_buf();
    let fields = fields(project, &table.headers, mapping, source)?;
    let headers = table.headers.clone();
    let reading = Reading::new(project, &headers, &fields, style);
    let mut state = State {
        id_column: headers.get(reading.id).cloned().unwrap_or_default(),
        problems: Vec::new(),
        not_people: Vec::new(),
        seen: SeenIds::default(),
        merger: Merger::new(project),
        plan: ImportPlan::new(ImportKind::People, headers::mapping(&headers, &fields)),
    };
    let rows = std::mem::take(&mut table.rows);
    state.take(reading.read(&rows));
    if let Some(more) = more {
        read_rest(more, &mut table, &reading, &mut state).map_err(|e| match e {
            RecordsError::Empty => ImportError::Empty { path: path() },
            RecordsError::Malformed(reason) => ImportError::Malformed {
                reason,
                path: path(),
            },
        })?;
    }
    let State {
        mut problems,
        not_people,
        merger,
        mut plan,
        ..
    } = state;
    problems.extend(table.problems);
    let data_rows = table.data_rows - not_people.len();
    let mut skipped = table.skipped;
    skipped.extend(not_people);
    plan.new_posts = merger.new_posts;
    skipped.sort_by_key(|s| s.row);
    plan.skipped = skipped;
    Ok(plan.finish(problems, data_rows))
}

/// What each column of a people file is (headers matched, `mapping` first), or the
/// required columns it lacks as the error.
pub(super) fn fields(
    project: &Project,
    headers: &[String],
    mapping: &Mapping,
    source: &Path,
) -> Result<Vec<Field>, ImportError> {
    let fields = headers::map_people(headers, &project.scheme, mapping).map_err(|missing| {
        ImportError::MissingColumns {
            missing,
            path: source.to_path_buf(),
        }
    })?;
    headers::checked(fields, headers, mapping, &project.scheme, source)
}

/// Reads and takes the rows `more` holds, a batch at a time: the next batch is read (one
/// core) while this one is judged (the other, and then both), then merged in file order.
fn read_rest(
    mut more: CsvRows<'_>,
    table: &mut Table,
    reading: &Reading<'_>,
    state: &mut State<'_>,
) -> Result<(), RecordsError> {
    let (mut current, mut next) = (Vec::new(), Vec::new());
    let mut n = next_batch(&mut more, table, &mut current)?;
    while n > 0 {
        let (outcomes, read) = rayon::join(
            || reading.read(&current[..n]),
            || next_batch(&mut more, table, &mut next),
        );
        state.take(outcomes);
        // Grown to about the file's size rather than to the next power of two, but never
        // more than doubled at a time: early rows are no promise about later ones.
        let estimate = more.estimated_rows();
        let added = &mut state.plan.added;
        if let Some(more) = growth(added.len(), added.capacity(), estimate) {
            added.reserve_exact(more);
        }
        if let Some(more) = growth(state.seen.len(), state.seen.capacity(), estimate) {
            state.seen.reserve(more);
        }
        n = read?;
        std::mem::swap(&mut current, &mut next);
    }
    Ok(())
}

/// How much to add to a capacity that the next batch could overflow: up to the estimated
/// number of rows, at most doubling it; `None` while the next batch fits.
pub(super) fn growth(len: usize, capacity: usize, estimate: usize) -> Option<usize> {
    (len + BATCH > capacity).then(|| estimate.saturating_sub(len).min(len.max(BATCH)) + BATCH)
}

/// Reads up to [`BATCH`] rows of data into `batch` (reusing its rows' strings), blank
/// and ill-formed rows going to `table`; how many were read.
pub(super) fn next_batch(
    more: &mut CsvRows<'_>,
    table: &mut Table,
    batch: &mut Vec<Row>,
) -> Result<usize, RecordsError> {
    let mut n = 0;
    while n < BATCH {
        if n == batch.len() {
            batch.push(Row::default());
        }
        if !more.next_into(&mut batch[n])? {
            break;
        }
        if table.take_row(&mut batch[n]) {
            n += 1;
        }
    }
    Ok(n)
}

/// The sequential half of a plan: ids checked against earlier rows, people merged.
struct State<'a> {
    id_column: String,
    problems: Vec<Problem>,
    not_people: Vec<Skipped>,
    /// Each id seen, with the row it was first seen on.
    seen: SeenIds,
    merger: Merger<'a>,
    plan: ImportPlan,
}

impl State<'_> {
    /// Takes the outcomes of rows, in file order.
    fn take(&mut self, outcomes: Vec<(usize, Outcome)>) {
        for (row, outcome) in outcomes {
            match outcome {
                Outcome::NotAPerson(skipped) => self.not_people.push(skipped),
                Outcome::Person(parsed, problems) => self.person(row, parsed, problems),
            }
        }
    }

    fn person(&mut self, row: usize, parsed: Parsed, mut problems: Vec<Problem>) {
        let problem = |value: &str, reason: String| Problem {
            row,
            column: self.id_column.clone(),
            value: value.to_string(),
            reason,
        };
        if parsed.id.is_empty() {
            problems.push(problem("", "no id: every row needs one".into()));
        } else if let Some(reason) = id_problem(&parsed.id) {
            problems.push(problem(&parsed.id, reason));
        } else {
            // Where the id's text will be: with the person the row makes, if it has no
            // problem (new people go to the end of `added`), else kept by `seen`.
            let place = problems
                .is_empty()
                .then(|| match self.merger.existing(&parsed.id) {
                    Some(i) => Place::Project(i),
                    None => Place::Added(self.plan.added.len()),
                });
            let people = self.merger.people();
            let seen = &mut self.seen;
            if let Some(first) =
                seen.first_or_insert(&parsed.id, row, place, &self.plan.added, people)
            {
                let reason = format!("duplicate id: rows {first} and {row} have it");
                problems.push(problem(&parsed.id, reason));
            }
        }
        if problems.is_empty() {
            self.merger.merge(parsed, &mut self.plan);
        } else {
            self.problems.append(&mut problems);
        }
    }
}

impl<'a> Reading<'a> {
    pub(super) fn new(
        project: &'a Project,
        headers: &'a [String],
        fields: &[Field],
        style: NumberStyle,
    ) -> Self {
        let columns: Vec<Column<'a>> = fields
            .iter()
            .enumerate()
            .map(|(index, field)| match field {
                Field::Id => Column::Id,
                Field::Name => Column::Name,
                Field::Department => Column::Department,
                Field::Post => Column::Post,
                Field::Score(key) => match project.scheme.criterion(key) {
                    Some(criterion) => Column::Score(Key::from(key), &criterion.scale),
                    None => Column::Unused,
                },
                Field::Extra => Column::Extra(Key::from(extra_key(&headers[index], index))),
                _ => Column::Unused,
            })
            .collect();
        let count = |f: fn(&Column<'_>) -> bool| columns.iter().filter(|c| f(c)).count();
        Reading {
            headers,
            id: headers::column_of(fields, &Field::Id).unwrap_or(0),
            name: headers::column_of(fields, &Field::Name),
            scores: count(|c| matches!(c, Column::Score(..))),
            extra: count(|c| matches!(c, Column::Extra(_))),
            columns,
            style,
        }
    }

    /// Reads rows of data, in parallel when there are many, each with its row number.
    fn read(&self, rows: &[Row]) -> Vec<(usize, Outcome)> {
        let one = |row: &Row| (row.number, self.outcome(row));
        if rows.len() < PARALLEL_FROM {
            rows.iter().map(one).collect()
        } else {
            rows.par_iter().map(one).collect()
        }
    }

    fn outcome(&self, row: &Row) -> Outcome {
        let cells: Vec<&str> = row.cells.iter().map(String::as_str).collect();
        let trimmed: Vec<&str> = cells.iter().map(|c| trim_cell(c)).collect();
        match not_a_person_trimmed(&trimmed, self.id, self.name) {
            Some(reason) => Outcome::NotAPerson(Skipped::new(row, &reason)),
            None => {
                let mut problems = Vec::new();
                let parsed = self.parse(row.number, &cells, &trimmed, &mut problems);
                Outcome::Person(parsed, problems)
            }
        }
    }

    /// Reads one row's non-empty cells, adding a problem for each invalid score.
    fn parse(
        &self,
        number: usize,
        cells: &[&str],
        trimmed: &[&str],
        problems: &mut Vec<Problem>,
    ) -> Parsed {
        let mut parsed = Parsed {
            scores: Vec::with_capacity(self.scores),
            extra: Vec::with_capacity(self.extra),
            ..Parsed::default()
        };
        self.parse_trimmed(number, cells, trimmed, &mut parsed, problems);
        // Stable: of two columns with one key, the later stays last (and wins).
        parsed.scores.sort_by(|a, b| a.0.cmp(&b.0));
        parsed.absent.sort_by(|a, b| a.0.cmp(&b.0));
        parsed.extra.sort_by(|a, b| a.0.cmp(&b.0));
        parsed
    }

    /// Reads one row's non-empty cells (also given trimmed) into `sink`, in column order,
    /// adding a problem for each invalid score.
    pub(super) fn parse_trimmed<'r>(
        &self,
        number: usize,
        cells: &[&'r str],
        trimmed: &[&'r str],
        sink: &mut impl RowSink<'r>,
        problems: &mut Vec<Problem>,
    ) {
        let cells = cells.iter().zip(trimmed);
        for (index, (column, (cell, &text))) in self.columns.iter().zip(cells).enumerate() {
            if text.is_empty() {
                continue;
            }
            match column {
                Column::Id => sink.id(text),
                Column::Name => sink.name(text),
                Column::Department => sink.department(text),
                Column::Post => sink.post(text),
                Column::Score(key, scale) => match parse_cell(text, scale, self.style) {
                    Ok(Cell::Value(value)) => sink.score(key, value),
                    Ok(Cell::Absent(marker)) => sink.absent(key, marker),
                    Err(invalid) => problems.push(Problem {
                        row: number,
                        column: self.headers[index].clone(),
                        value: text.to_string(),
                        reason: invalid.reason,
                    }),
                },
                Column::Extra(key) => sink.extra(key, cell),
                Column::Unused => {}
            }
        }
    }
}

/// The key of an unknown column in [`Person::extra`]: its trimmed header, or `column N`
/// when the header is empty.
fn extra_key(header: &str, index: usize) -> String {
    match header.trim() {
        "" => format!("column {}", index + 1),
        trimmed => trimmed.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::plan_text;
    use super::*;
    use crate::io::import::FieldChange;
    use crate::model::{Person, Post};

    fn import(project: &Project, text: &str) -> ImportPlan {
        plan_text(project, text, ImportKind::People)
    }

    fn person(id: &str, name: &str, scores: &[(&str, f64)]) -> Person {
        Person {
            id: id.into(),
            name: name.into(),
            scores: scores
                .iter()
                .map(|(k, v)| (k.to_string(), Value::Number(*v)))
                .collect(),
            ..Person::default()
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
    fn chinese_headers_unknown_columns_kept_and_empty_cells_missing() {
        let text = "准考证号,姓名,部门,报考岗位,笔试成绩,政治素质,工龄\n\
                    0001,张三,人事处,科员,85.5,90,12\n\
                    0002,李四,财务处,科员,,88,\n";
        let plan = import(&Project::default(), text);
        assert_eq!(plan.problems, []);
        let fields: Vec<&str> = plan.mapping.iter().map(|m| m.1.as_str()).collect();
        let expected = ["id", "name", "department", "post", "criterion:exam"];
        assert_eq!(
            fields,
            [&expected[..], &["criterion:political_literacy", "extra"]].concat()
        );
        let mut first = person(
            "0001",
            "张三",
            &[("exam", 85.5), ("political_literacy", 90.0)],
        );
        first.department = "人事处".into();
        first.post = Some("科员".into());
        first.extra.insert("工龄", "12".into());
        assert_eq!(plan.added[0], first);
        // An empty exam cell is a missing score, not 0; an empty extra cell is not kept.
        let second = &plan.added[1];
        assert!(!second.scores.contains_key("exam"), "{second:?}");
        assert!(second.extra.is_empty());
        let post = Post {
            id: "科员".into(),
            name: "科员".into(),
            openings: 1,
            shortlist_ratio: 1.0,
        };
        assert_eq!(plan.new_posts, [post]);
        assert_eq!(
            plan.summary(),
            "2 added, 0 updated, 0 unchanged, 1 new post, 0 rows rejected"
        );
    }

    #[test]
    fn english_headers_and_criterion_keys() {
        let text = "ID,Name,Department,Post,Written Exam,competence,Gender\nA1, Zhang San ,HR,Clerk, 70 ,80,M\n";
        let plan = import(&Project::default(), text);
        assert_eq!(plan.problems, []);
        let mut expected = person("A1", "Zhang San", &[("exam", 70.0), ("competence", 80.0)]);
        expected.department = "HR".into();
        expected.post = Some("Clerk".into());
        expected.extra.insert("Gender", "M".into());
        assert_eq!(plan.added, [expected]);
    }

    #[test]
    fn existing_people_are_updated_by_id_in_place_not_duplicated() {
        let mut project = Project::default();
        project.posts.push(Post {
            id: "p1".into(),
            name: "科员".into(),
            ..Post::default()
        });
        project.people = vec![
            person("A", "张三", &[("exam", 70.0)]),
            person("B", "李四", &[("exam", 65.0)]),
            person("D", "赵六", &[("exam", 90.0)]),
        ];
        let text = "编号,姓名,报考岗位,笔试成绩,业务能力\n\
                    B,李四,科员,,75\n\
                    C,王五,新岗位,60,\n\
                    A,张三,p1,80,\n\
                    D,赵六,,90,\n";
        let plan = import(&project, text);
        assert_eq!(plan.problems, []);
        let change = |field: &str, old: &str, new: &str| FieldChange {
            field: field.into(),
            old: old.into(),
            new: new.into(),
        };
        let b = vec![
            change("post", "", "p1"),
            change("criterion:competence", "", "75"),
        ];
        let a = vec![
            change("post", "", "p1"),
            change("criterion:exam", "70", "80"),
        ];
        let updates: Vec<(&str, &Vec<FieldChange>)> = plan
            .updated
            .iter()
            .map(|u| (u.id.as_str(), &u.changes))
            .collect();
        assert_eq!(updates, [("B", &b), ("A", &a)]);
        assert_eq!((plan.added.len(), plan.unchanged), (1, 1));
        assert_eq!(plan.new_posts.len(), 1);
        assert!(plan.apply(&mut project));
        let ids: Vec<&str> = project.people.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["A", "B", "D", "C"]);
        // B's exam cell was empty: the existing 65 stays.
        assert_eq!(
            project.people[1].scores.get("exam"),
            Some(&Value::Number(65.0))
        );
        assert_eq!(
            project.people[0].scores.get("exam"),
            Some(&Value::Number(80.0))
        );
        assert_eq!(project.people[3].post.as_deref(), Some("新岗位"));
        assert_eq!(project.posts.len(), 2);
    }

    #[test]
    fn every_problem_is_collected_with_its_spreadsheet_row_and_nothing_applies() {
        let text = "准考证号,姓名,笔试成绩,政治素质\n\
                    1,甲,80,90\n\
                    ,乙,70,80\n\
                    2,丙,120,80\n\
                    \n\
                    3,丁,缺考,abc\n\
                    1,戊,60,60\n\
                    4,己,60\n\
                    ,,,\n\
                    5,庚,60,60\n";
        let mut project = Project::default();
        project.people.push(person("9", "existing", &[]));
        let before = project.clone();
        let plan = import(&project, text);
        let expected = vec![
            problem(3, "准考证号", "", "no id: every row needs one"),
            problem(4, "笔试成绩", "120", "outside the scale 0–100"),
            problem(6, "政治素质", "abc", "'abc' is not a number"),
            problem(7, "准考证号", "1", "duplicate id: rows 2 and 7 have it"),
            problem(8, "", "4,己,60", "3 cells, but the header has 4 columns"),
        ];
        assert_eq!(plan.problems, expected);
        assert_eq!((plan.accepted, plan.rejected), (2, 5));
        let summary = plan.summary();
        assert!(
            summary.starts_with("2 added, 0 updated, 0 unchanged, 0 new posts, 5 rows rejected\n")
        );
        assert!(
            summary.contains("\nrow 4, column 笔试成绩, value '120': outside the scale 0–100\n")
        );
        assert!(!plan.apply(&mut project));
        assert_eq!(project, before);
    }

    /// A file large enough to be read in several batches, each judged in parallel: every
    /// problem and skipped row keeps its spreadsheet row, people stay in file order.
    #[test]
    fn a_large_file_keeps_rows_order_and_problems() {
        let mut text = String::from("准考证号,姓名,笔试成绩,工龄\r\n");
        let mut expected_problems = Vec::new();
        let mut expected_ids = Vec::new();
        let mut row = 1;
        const ROWS: usize = 35_000;
        const { assert!(ROWS > 3 * BATCH) };
        for i in 0..ROWS {
            row += 1;
            if i == 20_000 {
                text.push_str("\r\n"); // a blank row
                continue;
            }
            let id = if i == 30_000 {
                "00005".to_string()
            } else {
                format!("{i:05}")
            };
            let score = if i % 997 == 0 {
                "abc".to_string()
            } else {
                format!("{}.5", i % 100)
            };
            text.push_str(&format!("{id},名{i},{score},{}\r\n", i % 30));
            if i % 997 == 0 {
                expected_problems.push((row, "笔试成绩".to_string()));
            } else if i == 30_000 {
                expected_problems.push((row, "准考证号".to_string()));
            } else {
                expected_ids.push(id);
            }
        }
        text.push_str("合计,,,\r\n");
        let plan = import(&Project::default(), &text);
        let problems: Vec<(usize, String)> = plan
            .problems
            .iter()
            .map(|p| (p.row, p.column.clone()))
            .collect();
        assert_eq!(problems, expected_problems);
        let ids: Vec<&str> = plan.added.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, expected_ids);
        // Row 2 (i = 0) has a bad score: the first added is i = 1.
        assert_eq!(plan.added[0].scores.get("exam"), Some(&Value::Number(1.5)));
        assert_eq!(
            plan.added[0].extra.get("工龄").map(String::as_str),
            Some("1")
        );
        let skipped: Vec<usize> = plan.skipped.iter().map(|s| s.row).collect();
        assert_eq!(skipped, [20_002, row + 1]);
        assert_eq!(plan.skipped[1].text, "合计");
        assert_eq!(plan.accepted + plan.rejected, ROWS - 1);
    }

    #[test]
    fn capacity_grows_toward_the_estimate_at_most_doubling() {
        assert_eq!(growth(0, 0, 1_000_000), Some(2 * BATCH));
        assert_eq!(growth(10_000, 12_000, 50_000), Some(10_000 + BATCH));
        assert_eq!(growth(10_000, 12_000, 11_000), Some(1_000 + BATCH));
        assert_eq!(growth(10_000, 20_000, 50_000), None);
    }

    #[test]
    fn categorical_criteria_take_their_labels() {
        let mut project = Project::default();
        project.scheme.groups[1].criteria[0].scale = crate::model::Scale::Categorical {
            categories: vec![("优秀".into(), 100.0), ("称职".into(), 80.0)],
        };
        let plan = import(&project, "工号,政治素质\n1,称职\n2,良好\n");
        let got = plan.added[0].scores.get("political_literacy");
        assert_eq!(got, Some(&Value::Category("称职".into())));
        assert_eq!(plan.problems.len(), 1);
        assert_eq!(plan.problems[0].row, 3);
        assert_eq!(plan.problems[0].reason, "not one of 优秀=100/称职=80");
    }
}
