//! What an import would do, shown before anything changes: [`ImportPlan`], its problems,
//! its JSON report and its one-screen summary; and [`ImportPlan::apply`], the only place an
//! import touches a project.

use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

use crate::model::{Person, Post, Project, Rating};

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ImportKind {
    /// Wide: one row per person with ids, names, departments, posts, scores and any other
    /// columns (kept on the person).
    People,
    /// Long: one row per (person, criterion, rater) with the score given.
    Ratings,
    /// Ballots (民主测评): one row per (rater, person) with a mark (优秀, 赞成…), or one
    /// tally row per person with counts per mark. Marks become ratings on the ballot
    /// criterion; rate criteria (优秀率, 赞成率) get their values.
    Ballots,
}

/// One thing wrong with one cell or row of the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Spreadsheet row number: the header is row 1, the first data row 2.
    pub row: usize,
    /// The column's header as in the file; empty when the whole row is at fault.
    pub column: String,
    /// The offending value (trimmed); empty when the cell is empty.
    pub value: String,
    /// What is wrong, in words a user can act on.
    pub reason: String,
}

impl fmt::Display for Problem {
    /// `row 7, column 笔试成绩, value '120': outside the scale 0–100`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "row {}", self.row)?;
        if !self.column.is_empty() {
            write!(f, ", column {}", self.column)?;
        }
        write!(f, ", value '{}': {}", shortened(&self.value), self.reason)
    }
}

/// How many characters of a value a message shows.
const SHOWN_CHARS: usize = 80;

/// `value`, or its first [`SHOWN_CHARS`] characters and how many more there are: a cell
/// swallowed by a stray quote can hold megabytes.
fn shortened(value: &str) -> std::borrow::Cow<'_, str> {
    match value.char_indices().nth(SHOWN_CHARS) {
        None => value.into(),
        Some((at, _)) => {
            let more = value[at..].chars().count();
            format!("{}… ({more} more characters)", &value[..at]).into()
        }
    }
}

/// A row that is not data and was left out: a title above the header, a blank row, a
/// totals row (合计, 平均), a footer note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// Spreadsheet row number.
    pub row: usize,
    /// The last row of a run of blank rows, reported once however long it is (Excel often
    /// leaves thousands of empty `,,,` lines below the data); `row` otherwise.
    pub last_row: usize,
    /// The row's non-empty cells, joined by spaces.
    pub text: String,
    /// Why it was left out.
    pub reason: String,
}

impl Skipped {
    /// `row` left out for `reason`.
    pub(super) fn new(row: &super::records::Row, reason: &str) -> Self {
        Skipped::of_cells(row.number, &row.cells, reason)
    }

    /// Row `row` of `cells` left out for `reason`. A cell repeated in the next ones is
    /// shown once: a merged title fills every cell it spans.
    pub(super) fn of_cells(row: usize, cells: &[impl AsRef<str>], reason: &str) -> Self {
        let mut cells: Vec<&str> = cells
            .iter()
            .map(|c| c.as_ref().trim())
            .filter(|c| !c.is_empty())
            .collect();
        cells.dedup();
        Skipped {
            row,
            last_row: row,
            text: cells.join(" "),
            reason: reason.to_string(),
        }
    }

    /// Blank row `row`.
    pub(super) fn blank(row: usize) -> Self {
        Skipped {
            row,
            last_row: row,
            text: String::new(),
            reason: BLANK_ROW.into(),
        }
    }

    /// Takes `next` into this one when both are runs of blank rows and `next` starts
    /// right below it; false (and nothing changed) otherwise.
    pub(super) fn join_blank(&mut self, next: &Skipped) -> bool {
        let joins = self.is_blank() && next.is_blank() && next.row == self.last_row + 1;
        if joins {
            self.last_row = next.last_row;
        }
        joins
    }

    /// A blank row, or a run of them.
    fn is_blank(&self) -> bool {
        self.text.is_empty() && self.reason == BLANK_ROW
    }
}

/// [`Skipped::reason`] of a blank row.
const BLANK_ROW: &str = "blank row";

impl fmt::Display for Skipped {
    /// `row 52 skipped (a totals row, not a person): 合计 4012`, or `rows 9–5000 skipped
    /// (blank row)` for a run of blank rows.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.last_row > self.row {
            write!(f, "rows {}–{}", self.row, self.last_row)?;
        } else {
            write!(f, "row {}", self.row)?;
        }
        write!(f, " skipped ({})", self.reason)?;
        if !self.text.is_empty() {
            write!(f, ": {}", self.text)?;
        }
        Ok(())
    }
}

/// How the file was read: what the app's import wizard shows before the user confirms.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SourceInfo {
    /// `CSV`, `XLSX`, `XLS`, `ODS`.
    pub format: String,
    /// The text encoding used (CSV only): `UTF-8`, `UTF-8 (BOM)`, `GBK`, `UTF-16LE (BOM)`…
    pub encoding: Option<String>,
    /// The delimiter used (CSV only).
    pub delimiter: Option<char>,
    /// Numbers were read with a decimal comma (`87,5`), as with a `;` delimiter.
    pub decimal_comma: bool,
    /// The sheet read (spreadsheets only).
    pub sheet: Option<String>,
    /// Every sheet of the workbook, in order (spreadsheets only), to choose another.
    pub sheets: Vec<String>,
    /// Spreadsheet row number of the header row.
    pub header_row: usize,
    /// The header cells as in the file.
    pub headers: Vec<String>,
    /// The first data rows (up to [`PREVIEW_ROWS`]), cells as in the file.
    pub preview: Vec<Vec<String>>,
}

/// How many data rows [`SourceInfo::preview`] holds.
pub const PREVIEW_ROWS: usize = 5;

impl SourceInfo {
    /// One line: `read as CSV, encoding GBK, delimiter ';' (decimal comma), header on row 3`.
    pub fn describe(&self) -> String {
        let mut parts = vec![format!("read as {}", self.format)];
        if let Some(sheet) = &self.sheet {
            parts.push(format!("sheet '{sheet}'"));
        }
        if let Some(encoding) = &self.encoding {
            parts.push(format!("encoding {encoding}"));
        }
        if let Some(d) = self.delimiter {
            let name = match d {
                '\t' => "tab".to_string(),
                other => format!("'{other}'"),
            };
            let comma = if self.decimal_comma {
                " (decimal comma)"
            } else {
                ""
            };
            parts.push(format!("delimiter {name}{comma}"));
        }
        parts.push(format!("header on row {}", self.header_row));
        parts.join(", ")
    }
}

/// One field of an existing person that the import changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    /// `name`, `department`, `post`, `criterion:KEY` or `extra:HEADER`.
    pub field: String,
    /// The value before, as text; empty when there was none.
    pub old: String,
    /// The value the file gives.
    pub new: String,
}

/// The changes to one existing person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonUpdate {
    /// The person's id.
    pub id: String,
    /// Each changed field, old → new.
    pub changes: Vec<FieldChange>,
}

/// Why a file cannot be imported at all. Every message names the file last.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read.
    #[error("cannot read the file ({error}): {}", .path.display())]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// The cause.
        error: std::io::Error,
    },
    /// The file is not text in the encoding detected or named.
    #[error(
        "not {encoding} text at byte {offset} (name the encoding with --encoding, or save it as \"CSV UTF-8\"): {}",
        .path.display()
    )]
    Undecodable {
        /// The encoding tried.
        encoding: String,
        /// Byte offset of the first byte it cannot decode, from the start of the file.
        offset: usize,
        /// The file.
        path: PathBuf,
    },
    /// The file is not text in the encoding the user named with `--encoding`.
    #[error(
        "not {encoding} text at byte {offset} (the encoding given with --encoding: try another, or leave it out to detect it): {}",
        .path.display()
    )]
    NotInNamedEncoding {
        /// The encoding named.
        encoding: String,
        /// Byte offset of the first byte it cannot decode, from the start of the file.
        offset: usize,
        /// The file.
        path: PathBuf,
    },
    /// `--encoding` names no encoding.
    #[error("unknown encoding '{label}' (try utf-8, gbk, gb18030, utf-16le, big5): {}", .path.display())]
    UnknownEncoding {
        /// The label given.
        label: String,
        /// The file.
        path: PathBuf,
    },
    /// The spreadsheet could not be read.
    #[error("not a readable spreadsheet ({reason}): {}", .path.display())]
    Spreadsheet {
        /// What went wrong.
        reason: String,
        /// The file.
        path: PathBuf,
    },
    /// The mapping names a criterion the scheme does not have.
    #[error("the mapping names criteria the scheme lacks ({}): {}", .unknown.join("; "), .path.display())]
    Mapping {
        /// The offending `header = field` lines.
        unknown: Vec<String>,
        /// The file being imported.
        path: PathBuf,
    },
    /// The file is not UTF-8 text.
    #[error(
        "not UTF-8 text at byte {offset} (save it as \"CSV UTF-8\"): {}",
        .path.display()
    )]
    NotUtf8 {
        /// Byte offset of the first byte that is not UTF-8, from the start of the file.
        offset: usize,
        /// The file.
        path: PathBuf,
    },
    /// The file has no header row.
    #[error("the file is empty: no header row: {}", .path.display())]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The file is not readable as CSV.
    #[error("not a readable CSV file ({reason}): {}", .path.display())]
    Malformed {
        /// What the CSV reader said.
        reason: String,
        /// The file.
        path: PathBuf,
    },
    /// The header cannot be read as it is: a header repeated, a wrong mapping.
    #[error("{reason}: {}", .path.display())]
    Header {
        /// What is wrong and what to do.
        reason: String,
        /// The file.
        path: PathBuf,
    },
    /// Columns the import cannot do without are not in the header.
    #[error("missing required column {}: {}", .missing.join("; "), .path.display())]
    MissingColumns {
        /// Each missing column with the headers that would be recognized.
        missing: Vec<String>,
        /// The file.
        path: PathBuf,
    },
}

/// The JSON report of an import: `{"accepted", "rejected", "problems", "skipped",
/// "source", "added", "updated", "unchanged", "new_posts"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    /// How the file was read.
    pub source: SourceInfo,
    /// The people added, in file order.
    pub added: Vec<super::AddedPerson>,
    /// The people changed, field by field (old → new), in file order.
    pub updated: Vec<PersonUpdate>,
    /// How many people the file names without changing anything.
    pub unchanged: usize,
    /// The ids of the posts the import adds.
    pub new_posts: Vec<String>,
    /// Rows left out as not data.
    pub skipped: Vec<Skipped>,
    /// Data rows without problems.
    pub accepted: usize,
    /// Data rows with at least one problem.
    pub rejected: usize,
    /// Every problem, in row order.
    pub problems: Vec<Problem>,
}

/// Everything an import would change, computed without changing anything. Show it, and
/// [`apply`](ImportPlan::apply) it only if the user confirms; a plan with problems
/// applies nothing.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportPlan {
    /// What the file was read as.
    pub kind: ImportKind,
    /// Each column's header and the field it was read into: `id`, `name`, `department`,
    /// `post`, `criterion:KEY`, `extra` (kept on the person) for people; `id`,
    /// `criterion`, `rater`, `group`, `score`, `ignored` for ratings; `mark` and
    /// `tally:MARK` too for ballots. [`super::Mapping::to_text`] writes it as a mapping file.
    pub mapping: Vec<(String, String)>,
    /// New people, in file order, as they will be appended.
    pub added: Vec<Person>,
    /// Existing people the file changes, in file order.
    pub updated: Vec<PersonUpdate>,
    /// Existing people the file names without changing anything.
    pub unchanged: usize,
    /// Posts named in the file that the project does not have yet; they will be added
    /// with 1 opening and no shortlist.
    pub new_posts: Vec<Post>,
    /// Ratings (ballots: marks) that will be added.
    pub ratings_added: usize,
    /// Ratings that will replace one with the same person, criterion and rater.
    pub ratings_replaced: usize,
    /// Ratings identical to one the project already has.
    pub ratings_unchanged: usize,
    /// Every problem found, in row order. Not empty: [`apply`](ImportPlan::apply) does
    /// nothing ([`apply_valid`](ImportPlan::apply_valid) applies the valid rows).
    pub problems: Vec<Problem>,
    /// Rows left out as not data (titles, blank rows, totals rows, notes), in row order.
    pub skipped: Vec<Skipped>,
    /// How the file was read: format, encoding, delimiter, header row, a preview.
    pub source: SourceInfo,
    /// Data rows without problems.
    pub accepted: usize,
    /// Data rows with at least one problem.
    pub rejected: usize,
    /// The new versions of the updated people, in file order.
    pub(super) replacements: Vec<Person>,
    /// The ratings to add or put in place of the one with the same key, in file order.
    pub(super) ratings: Vec<Rating>,
}

impl ImportPlan {
    /// An empty plan for `kind` with the column `mapping`.
    pub(super) fn new(kind: ImportKind, mapping: Vec<(String, String)>) -> Self {
        ImportPlan {
            kind,
            mapping,
            added: Vec::new(),
            updated: Vec::new(),
            unchanged: 0,
            new_posts: Vec::new(),
            ratings_added: 0,
            ratings_replaced: 0,
            ratings_unchanged: 0,
            problems: Vec::new(),
            skipped: Vec::new(),
            source: SourceInfo::default(),
            accepted: 0,
            rejected: 0,
            replacements: Vec::new(),
            ratings: Vec::new(),
        }
    }

    /// Records the problems (sorted by row, stable) and counts accepted and rejected rows
    /// out of `data_rows`.
    pub(super) fn finish(mut self, mut problems: Vec<Problem>, data_rows: usize) -> Self {
        problems.sort_by_key(|p| p.row);
        let rejected: BTreeSet<usize> = problems.iter().map(|p| p.row).collect();
        self.rejected = rejected.len();
        self.accepted = data_rows.saturating_sub(self.rejected);
        self.problems = problems;
        self
    }

    /// Makes the planned changes to `project` and returns true, or, when the plan has
    /// problems, leaves `project` untouched and returns false. Existing people keep their
    /// places; new people and posts are appended in file order; a rating replaces the one
    /// with the same person, criterion and rater, else it is appended.
    pub fn apply(&self, project: &mut Project) -> bool {
        if !self.problems.is_empty() {
            return false;
        }
        self.apply_valid(project);
        true
    }

    /// Like [`apply`](ImportPlan::apply), moving the new people into `project` instead of
    /// copying them (half the peak memory for a large file).
    pub fn apply_owned(mut self, project: &mut Project) -> bool {
        if !self.problems.is_empty() {
            return false;
        }
        let added = std::mem::take(&mut self.added);
        self.apply_valid(project);
        // The plan's new people have ids distinct from each other (a repeated id is a
        // problem), so only the project's own people need an index: no copy of a
        // million new ids.
        let existing: HashMap<&str, usize> = if project.people.is_empty() {
            HashMap::new()
        } else {
            let mut index = HashMap::with_capacity(project.people.len());
            for (i, p) in project.people.iter().enumerate() {
                index.entry(p.id.as_str()).or_insert(i);
            }
            index
        };
        let places: Vec<Option<usize>> = added
            .iter()
            .map(|p| existing.get(p.id.as_str()).copied())
            .collect();
        drop(existing);
        if project.people.is_empty() {
            // A new project: the plan's people become the project's, without a copy.
            project.people = added;
            return true;
        }
        project.people.reserve(added.len());
        for (person, place) in added.into_iter().zip(places) {
            match place {
                Some(i) => project.people[i] = person,
                None => project.people.push(person),
            }
        }
        true
    }

    /// Makes the changes of the valid rows, leaving out every row with a problem (what
    /// `merit import --skip-invalid` does). Otherwise as [`apply`](ImportPlan::apply).
    pub fn apply_valid(&self, project: &mut Project) {
        for post in &self.new_posts {
            if project.post(&post.id).is_none() {
                project.posts.push(post.clone());
            }
        }
        let mut index = person_index(project);
        for person in self.replacements.iter().chain(&self.added) {
            place(project, &mut index, person.clone());
        }
        let mut index: HashMap<(String, String, String), usize> = HashMap::new();
        for (i, r) in project.ratings.iter().enumerate() {
            index.entry(rating_key(r)).or_insert(i);
        }
        for rating in &self.ratings {
            match index.get(&rating_key(rating)) {
                Some(&i) => project.ratings[i] = rating.clone(),
                None => {
                    index.insert(rating_key(rating), project.ratings.len());
                    project.ratings.push(rating.clone());
                }
            }
        }
    }

    /// The machine-readable report: accepted and rejected rows and every problem.
    pub fn report(&self) -> ImportReport {
        ImportReport {
            source: self.source.clone(),
            added: self.added_people(),
            updated: self.updated.clone(),
            unchanged: self.unchanged,
            new_posts: self.new_posts.iter().map(|p| p.id.clone()).collect(),
            skipped: self.skipped.clone(),
            accepted: self.accepted,
            rejected: self.rejected,
            problems: self.problems.clone(),
        }
    }

    /// A human summary: one line of counts, e.g. `12 added, 3 updated, 30 unchanged,
    /// 2 new posts, 1 row rejected`, then each problem on its own line.
    pub fn summary(&self) -> String {
        let rejected = plural(self.rejected, "row", "rows");
        let mut text = match self.kind {
            ImportKind::People => format!(
                "{} added, {} updated, {} unchanged, {}, {rejected} rejected",
                self.added.len(),
                self.updated.len(),
                self.unchanged,
                plural(self.new_posts.len(), "new post", "new posts"),
            ),
            ImportKind::Ratings => format!(
                "{} added, {} replaced, {} unchanged, {rejected} rejected",
                plural(self.ratings_added, "rating", "ratings"),
                self.ratings_replaced,
                self.ratings_unchanged,
            ),
            ImportKind::Ballots => format!(
                "{} added, {} replaced, {} unchanged, rates and tallies set for {} people, {rejected} rejected",
                plural(self.ratings_added, "mark", "marks"),
                self.ratings_replaced,
                self.ratings_unchanged,
                self.updated.len(),
            ),
        };
        for problem in &self.problems {
            text.push('\n');
            text.push_str(&problem.to_string());
        }
        for skipped in self.skipped.iter().filter(|s| !s.text.is_empty()) {
            text.push('\n');
            text.push_str(&skipped.to_string());
        }
        text
    }
}

/// The position of each person in `project` by id (the first, should ids repeat).
fn person_index(project: &Project) -> HashMap<String, usize> {
    let mut index = HashMap::with_capacity(project.people.len());
    for (i, p) in project.people.iter().enumerate() {
        index.entry(p.id.clone()).or_insert(i);
    }
    index
}

/// Puts `person` in place of the one with the same id, or appends them.
fn place(project: &mut Project, index: &mut HashMap<String, usize>, person: Person) {
    match index.get(&person.id) {
        Some(&i) => project.people[i] = person,
        None => {
            index.insert(person.id.clone(), project.people.len());
            project.people.push(person);
        }
    }
}

/// The identity of a rating: (person, criterion, rater).
pub(super) fn rating_key(r: &Rating) -> (String, String, String) {
    (r.person.clone(), r.criterion.clone(), r.rater.clone())
}

/// `1 row`, `2 rows`.
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Value;

    fn problem(row: usize) -> Problem {
        Problem {
            row,
            column: "笔试成绩".into(),
            value: "120".into(),
            reason: "outside the scale 0–100".into(),
        }
    }

    fn rating(person: &str, rater: &str, value: f64) -> Rating {
        Rating {
            person: person.into(),
            criterion: "peer_trust".into(),
            rater: rater.into(),
            group: "群众".into(),
            value: Value::Number(value),
        }
    }

    #[test]
    fn summary_counts_then_one_line_per_problem() {
        let mut plan = ImportPlan::new(ImportKind::People, Vec::new());
        plan.added = vec![Person::default(); 12];
        plan.unchanged = 30;
        plan.new_posts = vec![Post::default(); 2];
        let plan = plan.finish(vec![problem(7)], 43);
        assert_eq!(
            plan.summary(),
            "12 added, 0 updated, 30 unchanged, 2 new posts, 1 row rejected\n\
             row 7, column 笔试成绩, value '120': outside the scale 0–100"
        );
        assert_eq!((plan.accepted, plan.rejected), (42, 1));
    }

    #[test]
    fn a_long_value_is_shown_shortened() {
        let mut long = problem(4);
        long.value = "张".repeat(1000);
        let shown = long.to_string();
        assert!(
            shown.contains(&format!("'{}… (920 more characters)'", "张".repeat(80))),
            "{shown}"
        );
    }

    #[test]
    fn report_serializes_to_the_documented_json() {
        let plan = ImportPlan::new(ImportKind::Ratings, Vec::new()).finish(vec![problem(3)], 5);
        let json = serde_json::to_value(plan.report()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"accepted": 4, "rejected": 1, "problems": [
                {"row": 3, "column": "笔试成绩", "value": "120", "reason": "outside the scale 0–100"}
            ], "skipped": [], "source": {"format": "", "encoding": null, "delimiter": null,
                "decimal_comma": false, "sheet": null, "sheets": [], "header_row": 0, "headers": [],
                "preview": []}, "added": [], "updated": [], "unchanged": 0, "new_posts": []})
        );
        assert_eq!(
            plan.summary().lines().next(),
            Some("0 ratings added, 0 replaced, 0 unchanged, 1 row rejected")
        );
    }

    #[test]
    fn apply_replaces_ratings_by_key_and_appends_the_rest() {
        let mut project = Project {
            ratings: vec![rating("1", "甲", 80.0), rating("2", "甲", 70.0)],
            ..Project::default()
        };
        let mut plan = ImportPlan::new(ImportKind::Ratings, Vec::new());
        plan.ratings = vec![rating("2", "甲", 75.0), rating("2", "乙", 90.0)];
        assert!(plan.apply(&mut project));
        let expected = vec![
            rating("1", "甲", 80.0),
            rating("2", "甲", 75.0),
            rating("2", "乙", 90.0),
        ];
        assert_eq!(project.ratings, expected);
    }

    #[test]
    fn a_plan_with_problems_applies_nothing() {
        let mut project = Project::default();
        let before = project.clone();
        let mut plan = ImportPlan::new(ImportKind::People, Vec::new());
        plan.added = vec![Person {
            id: "1".into(),
            ..Person::default()
        }];
        let plan = plan.finish(vec![problem(3)], 2);
        assert!(!plan.apply(&mut project));
        assert_eq!(project, before);
    }
}
