//! Step 5 of a people import into a [`PeopleTable`] instead of a project (what ranking a
//! file straight from disk reads): rows judged exactly as `people` judges them, with
//! its `Reading`, the same problems, skipped rows, duplicate ids and new posts, but each
//! valid row's cells copied into the table's columns, never into a `Person`.
//!
//! A large CSV file without quotes is cut into pieces of whole lines read and judged on
//! one thread per core (`read_pieces`); any other is read a batch at a time while the
//! previous batch is judged in parallel, as in `people`. Either way each part is judged
//! into its own small column store and the parts are taken in file order, so row numbers
//! are those of the file; duplicate ids are found once every row is in.

use std::fmt;
use std::path::Path;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::model::{Key, Post, Project, Value};

use super::cells::NumberStyle;
use super::headers;
use super::lines::Lines;
use super::mapping::Mapping;
use super::merge::Merger;
use super::people::{self, Column, PARALLEL_FROM, Reading, RowSink};
use super::plan::{ImportError, Problem, Skipped, SourceInfo};
use super::records::{CsvRows, RecordsError, Row, Table};
use super::rows::{id_problem, not_a_person_trimmed, trim_cell};

use super::table::{NO_POST, PeopleTable, TextColumn};

/// A people file read into a table: the people, and everything an import plan would say
/// about the file.
#[derive(Debug, Clone, PartialEq)]
pub struct TableImport {
    /// The valid rows' people, in file order.
    pub people: PeopleTable,
    /// Posts the file names that the project lacks, in order of first mention (each with
    /// one opening, as an import plans them).
    pub new_posts: Vec<Post>,
    /// Header → field, as `--dry-run` prints it.
    pub mapping: Vec<(String, String)>,
    /// Every problem, by row: rows with one are not in the table.
    pub problems: Vec<Problem>,
    /// Rows left out: titles, blank rows, totals rows, notes.
    pub skipped: Vec<Skipped>,
    /// How the file was read.
    pub source: SourceInfo,
    /// Data rows without a problem.
    pub accepted: usize,
    /// Data rows with a problem.
    pub rejected: usize,
}

impl TableImport {
    /// `project` with the file's new posts: the project its people are ranked in.
    pub fn project(&self, project: &Project) -> Project {
        let mut ranked = Project {
            title: project.title.clone(),
            scheme: project.scheme.clone(),
            posts: project.posts.clone(),
            ..Project::default()
        };
        ranked.posts.extend(self.new_posts.iter().cloned());
        ranked
    }
}

impl fmt::Display for TableImport {
    /// `1000000 people read, 2 new posts, 0 rows rejected`, then each problem and each
    /// row left out (as an import plan's summary lists them).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        write!(
            f,
            "{} read, {}, {} rejected",
            plural(self.people.len(), "person", "people"),
            plural(self.new_posts.len(), "new post", "new posts"),
            plural(self.rejected, "row", "rows"),
        )?;
        for problem in &self.problems {
            write!(f, "\n{problem}")?;
        }
        for skipped in self.skipped.iter().filter(|s| !s.text.is_empty()) {
            write!(f, "\n{skipped}")?;
        }
        Ok(())
    }
}

/// How a large CSV file is cut for reading on several cores (see [`CsvRows::split`]).
#[derive(Debug, Clone, Copy)]
pub(super) struct Pieces {
    /// Below this many bytes left after the header, the file is read as one piece.
    pub min_bytes: usize,
    /// How many pieces.
    pub count: usize,
}

impl Default for Pieces {
    fn default() -> Self {
        Pieces {
            min_bytes: SPLIT_FROM,
            count: 16 * rayon::current_num_threads().max(1),
        }
    }
}

/// Reads a people file's rows (`table`, then what `more` still holds) into a table.
pub(super) fn read(
    project: &Project,
    mut table: Table,
    more: Option<CsvRows<'_>>,
    source: &Path,
    mapping: &Mapping,
    style: NumberStyle,
    pieces: Pieces,
) -> Result<TableImport, ImportError> {
    let path = || source.to_path_buf();
    let fields = people::fields(project, &table.headers, mapping, source)?;
    let headers = table.headers.clone();
    let reading = Reading::new(project, &headers, &fields, style);
    let layout = Layout::of(&reading);
    let mut state = State {
        people: PeopleTable::with_columns(layout.keys.clone(), layout.extra_keys.clone()),
        id_column: headers.get(reading.id).cloned().unwrap_or_default(),
        problems: Vec::new(),
        not_people: Vec::new(),
        ids: Vec::new(),
        own_ids: Vec::new(),
        full: false,
        merger: Merger::new(project),
        posts: FxHashMap::default(),
    };
    let rows = std::mem::take(&mut table.rows);
    state.take(judge(&reading, &layout, &rows));
    if let Some(more) = more {
        let read = match more.split(pieces.count, pieces.min_bytes) {
            Ok(pieces) => {
                read_pieces(pieces, &mut table, &reading, &layout, &mut state);
                Ok(())
            }
            Err(more) => read_rest(*more, &mut table, &reading, &layout, &mut state),
        };
        read.map_err(|e| match e {
            RecordsError::Empty => ImportError::Empty { path: path() },
            RecordsError::Malformed(reason) => ImportError::Malformed {
                reason,
                path: path(),
            },
        })?;
    }
    if state.full {
        return Err(ImportError::Malformed {
            reason: "a column holds over 4 GiB of text: too large to rank in one go".into(),
            path: path(),
        });
    }
    state.duplicates();

    let State {
        people,
        mut problems,
        not_people,
        merger,
        ..
    } = state;
    problems.extend(table.problems);
    problems.sort_by_key(|p| p.row);
    let mut rejected: Vec<usize> = problems.iter().map(|p| p.row).collect();
    rejected.dedup();
    let data_rows = table.data_rows - not_people.len();
    let mut skipped = table.skipped;
    skipped.extend(not_people);
    skipped.sort_by_key(|s| s.row);
    Ok(TableImport {
        people,
        new_posts: merger.new_posts,
        mapping: headers::mapping(&headers, &fields),
        problems,
        skipped,
        source: SourceInfo::default(),
        accepted: data_rows.saturating_sub(rejected.len()),
        rejected: rejected.len(),
    })
}

/// Reads and takes the rows `more` holds a batch at a time, the next batch read while
/// this one is judged (as `people::read_rest` does).
fn read_rest(
    mut more: CsvRows<'_>,
    table: &mut Table,
    reading: &Reading<'_>,
    layout: &Layout,
    state: &mut State<'_>,
) -> Result<(), RecordsError> {
    let (mut current, mut next) = (Vec::new(), Vec::new());
    let mut n = people::next_batch(&mut more, table, &mut current)?;
    while n > 0 {
        let (parts, read) = rayon::join(
            || judge(reading, layout, &current[..n]),
            || people::next_batch(&mut more, table, &mut next),
        );
        state.take(parts);
        state.reserve(more.estimated_rows());
        n = read?;
        std::mem::swap(&mut current, &mut next);
    }
    Ok(())
}

/// Reads the pieces of the rest of a file (see [`CsvRows::split`]) on one thread per
/// core, each piece read and judged whole by one of them, while this thread takes the
/// pieces' rows in file order as they come.
fn read_pieces(
    pieces: Vec<Lines<'_>>,
    table: &mut Table,
    reading: &Reading<'_>,
    layout: &Layout,
    state: &mut State<'_>,
) {
    let empty = table.empty_like();
    // A row of data has a cell for each column: at least one byte more than it has
    // delimiters. No piece holds more people than that allows.
    let min_row_bytes = table.headers.len() + 1;
    let most_people = |lines: &Lines<'_>| lines.rows().min(lines.bytes() / min_row_bytes + 1);
    let (first_bytes, rest_bytes) = match pieces.split_first() {
        Some((first, rest)) => (first.bytes(), rest.iter().map(Lines::bytes).sum::<usize>()),
        None => (0, 0),
    };
    let rest_people: usize = pieces.iter().skip(1).map(most_people).sum();
    let read_piece = |mut lines: Lines<'_>| -> (Part, Table) {
        let mut own = empty.empty_like();
        let mut part = Part::new(layout, most_people(&lines), lines.bytes());
        let (mut cells, mut scratch) = (Vec::new(), Scratch::new(layout));
        while let Some(number) = lines.next_into(&mut cells) {
            if own.take_cells(number, &mut cells) {
                part.judge_row(reading, number, &cells, &mut scratch);
            }
        }
        (part, own)
    };
    let queue = std::sync::Mutex::new(pieces.into_iter().enumerate());
    let (done, finished) = std::sync::mpsc::channel();
    std::thread::scope(|scope| {
        for _ in 0..rayon::current_num_threads().max(1) {
            let done = done.clone();
            let (queue, read_piece) = (&queue, &read_piece);
            scope.spawn(move || {
                loop {
                    let next = queue.lock().map(|mut q| q.next()).unwrap_or(None);
                    let Some((i, piece)) = next else { break };
                    if done.send((i, read_piece(piece))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done);
        // Pieces come in any order; they are taken in file order.
        let mut waiting = std::collections::BTreeMap::new();
        let mut next = 0;
        for (i, read) in finished {
            waiting.insert(i, read);
            while let Some((part, own)) = waiting.remove(&next) {
                let before = state.people.len();
                state.take(vec![part]);
                if next == 0 {
                    // The first piece shows how many bytes of the file a person takes:
                    // room for as many more in the rest, and a few.
                    let per_person = first_bytes / (state.people.len() - before).max(1);
                    let more = (rest_bytes / per_person.max(1)).saturating_mul(9) / 8;
                    state.reserve_more(more.min(rest_people), rest_bytes);
                }
                table.absorb(own);
                next += 1;
            }
        }
    });
}

/// Below this many bytes left after the header, a file is read as one piece.
const SPLIT_FROM: usize = 64 * 1024;

/// Rows judged by one task.
const PART: usize = 1024;

/// Judges `rows`: in parallel parts when there are many.
fn judge(reading: &Reading<'_>, layout: &Layout, rows: &[Row]) -> Vec<Part> {
    if rows.len() < PARALLEL_FROM {
        vec![Part::judge(reading, layout, rows)]
    } else {
        rows.par_chunks(PART)
            .map(|rows| Part::judge(reading, layout, rows))
            .collect()
    }
}

/// The table's columns, worked out once from the reading.
struct Layout {
    /// Criterion keys with a column, each once, in column order.
    keys: Vec<Key>,
    /// Extra columns' keys, each once, in column order.
    extra_keys: Vec<Key>,
}

impl Layout {
    fn of(reading: &Reading<'_>) -> Self {
        let mut keys: Vec<Key> = Vec::new();
        let mut extra_keys: Vec<Key> = Vec::new();
        for column in &reading.columns {
            let (list, key) = match column {
                Column::Score(key, _) => (&mut keys, key),
                Column::Extra(key) => (&mut extra_keys, key),
                _ => continue,
            };
            if !list.contains(key) {
                list.push(key.clone());
            }
        }
        Layout { keys, extra_keys }
    }
}

/// What one row was.
enum Judged {
    NotAPerson(Skipped),
    /// A person (the next of the part's cells), with what is wrong with the row.
    Person(Vec<Problem>),
}

/// A part of a batch, judged: each row's outcome, and the people's cells in columns.
#[derive(Default)]
struct Part {
    rows: Vec<(usize, Judged)>,
    ids: TextColumn,
    names: TextColumn,
    departments: TextColumn,
    posts: TextColumn,
    /// Person-major: one number per key (NaN: none).
    numbers: Vec<f64>,
    /// (person in this part, key, value), in person order.
    categories: Vec<(u32, u32, Value)>,
    /// (person in this part, key, marker), in person order.
    absent: Vec<(u32, u32, String)>,
    /// Each person's id hashed (read back in order to find duplicate ids).
    hashes: Vec<u64>,
    /// One column per extra key.
    extra: Vec<TextColumn>,
    /// A column passed 4 GiB (or the part 4 billion people).
    full: bool,
}

impl Part {
    /// An empty part with room for `n` rows of at most `bytes` bytes in all.
    fn new(layout: &Layout, n: usize, bytes: usize) -> Part {
        let mut part = Part {
            rows: Vec::with_capacity(n),
            numbers: Vec::with_capacity(n * layout.keys.len()),
            hashes: Vec::with_capacity(n),
            ..Part::default()
        };
        for texts in [
            &mut part.ids,
            &mut part.names,
            &mut part.departments,
            &mut part.posts,
        ] {
            texts.reserve(n, (16 * n).min(bytes));
        }
        part.extra = vec![TextColumn::default(); layout.extra_keys.len()];
        for column in &mut part.extra {
            column.reserve(n, (8 * n).min(bytes));
        }
        part
    }

    /// `rows` judged.
    fn judge(reading: &Reading<'_>, layout: &Layout, rows: &[Row]) -> Part {
        let mut part = Part::new(layout, rows.len(), usize::MAX);
        let (mut cells, mut scratch) = (Vec::new(), Scratch::new(layout));
        for row in rows {
            cells.clear();
            cells.extend(row.cells.iter().map(String::as_str));
            part.judge_row(reading, row.number, &cells, &mut scratch);
        }
        part
    }

    /// Judges row `number` of `cells` (as many as the header has columns) into the part.
    fn judge_row<'r>(
        &mut self,
        reading: &Reading<'_>,
        number: usize,
        cells: &[&'r str],
        scratch: &mut Scratch<'_, 'r>,
    ) {
        let trimmed = &mut scratch.trimmed;
        trimmed.clear();
        trimmed.extend(cells.iter().map(|c| trim_cell(c)));
        if let Some(reason) = not_a_person_trimmed(trimmed, reading.id, reading.name) {
            let skipped = Skipped::of_cells(number, cells, &reason);
            self.rows.push((number, Judged::NotAPerson(skipped)));
            return;
        }
        let mut problems = Vec::new();
        scratch.cells.clear();
        reading.parse_trimmed(number, cells, trimmed, &mut scratch.cells, &mut problems);
        self.push(&mut scratch.cells);
        self.rows.push((number, Judged::Person(problems)));
    }

    /// Appends one row's cells; absence markers win over any score for their key.
    fn push(&mut self, cells: &mut Cells<'_, '_>) {
        let person = self.ids.len() as u32;
        let mut fits = self.ids.push(cells.id)
            & self.names.push(cells.name)
            & self.departments.push(cells.department)
            & self.posts.push(cells.post);
        self.hashes.push(hash(cells.id));
        for (k, _) in &cells.absent {
            cells.numbers[*k as usize] = f64::NAN;
            cells.categories.retain(|(c, _)| c != k);
        }
        self.numbers.extend_from_slice(&cells.numbers);
        for (k, value) in cells.categories.drain(..) {
            self.categories.push((person, k, value));
        }
        for (k, marker) in cells.absent.drain(..) {
            self.absent.push((person, k, marker));
        }
        for (column, cell) in self.extra.iter_mut().zip(&cells.extra) {
            fits &= column.push(cell);
        }
        self.full |= !fits || person == u32::MAX;
    }
}

/// What judging a row needs besides the row, kept from row to row.
struct Scratch<'l, 'r> {
    trimmed: Vec<&'r str>,
    cells: Cells<'l, 'r>,
}

impl<'l> Scratch<'l, '_> {
    fn new(layout: &'l Layout) -> Self {
        Scratch {
            trimmed: Vec::new(),
            cells: Cells::new(layout),
        }
    }
}

/// One row's cells as [`Reading::parse_trimmed`] finds them, borrowed from the row.
struct Cells<'l, 'r> {
    layout: &'l Layout,
    id: &'r str,
    name: &'r str,
    department: &'r str,
    post: &'r str,
    numbers: Vec<f64>,
    categories: Vec<(u32, Value)>,
    absent: Vec<(u32, String)>,
    extra: Vec<&'r str>,
}

impl<'l> Cells<'l, '_> {
    fn new(layout: &'l Layout) -> Self {
        Cells {
            layout,
            id: "",
            name: "",
            department: "",
            post: "",
            numbers: vec![f64::NAN; layout.keys.len()],
            categories: Vec::new(),
            absent: Vec::new(),
            extra: vec![""; layout.extra_keys.len()],
        }
    }

    fn clear(&mut self) {
        (self.id, self.name, self.department, self.post) = ("", "", "", "");
        self.numbers.fill(f64::NAN);
        self.categories.clear();
        self.absent.clear();
        self.extra.fill("");
    }

    fn key(&self, key: &Key) -> Option<u32> {
        let k = self.layout.keys.iter().position(|k| k == key)?;
        Some(k as u32)
    }
}

impl<'r> RowSink<'r> for Cells<'_, 'r> {
    fn id(&mut self, text: &'r str) {
        self.id = text;
    }

    fn name(&mut self, text: &'r str) {
        self.name = text;
    }

    fn department(&mut self, text: &'r str) {
        self.department = text;
    }

    fn post(&mut self, text: &'r str) {
        self.post = text;
    }

    fn score(&mut self, key: &Key, value: Value) {
        let Some(k) = self.key(key) else { return };
        self.categories.retain(|(c, _)| *c != k);
        match value {
            Value::Number(x) => self.numbers[k as usize] = x,
            category => {
                self.numbers[k as usize] = f64::NAN;
                self.categories.push((k, category));
            }
        }
    }

    fn absent(&mut self, key: &Key, marker: String) {
        let Some(k) = self.key(key) else { return };
        self.absent.retain(|(c, _)| *c != k);
        self.absent.push((k, marker));
    }

    fn extra(&mut self, key: &Key, cell: &'r str) {
        if let Some(k) = self.layout.extra_keys.iter().position(|e| e == key) {
            self.extra[k] = cell;
        }
    }
}

/// The sequential half: ids checked against earlier rows, valid rows into the table.
struct State<'a> {
    people: PeopleTable,
    id_column: String,
    problems: Vec<Problem>,
    not_people: Vec<Skipped>,
    /// Every usable id read, with its row and where its text is: found twice once all
    /// rows are in (see [`State::duplicates`]).
    ids: Vec<IdSeen>,
    /// The ids of rows refused for another problem (their text is in no table).
    own_ids: Vec<String>,
    /// A column reached 4 GiB of text (or the table 4 billion people): the file is too
    /// large to rank in one go.
    full: bool,
    merger: Merger<'a>,
    /// Post index in the table by the text of the post cell.
    posts: FxHashMap<String, u32>,
}

impl State<'_> {
    /// Takes judged parts, in file order: each run of people without a problem is copied
    /// into the table column by column.
    fn take(&mut self, parts: Vec<Part>) {
        for mut part in parts {
            self.full |= part.full;
            let rows = std::mem::take(&mut part.rows);
            // The people of `part` from `run` on have no problem and are not in yet.
            let (mut person, mut run) = (0, 0);
            for (row, judged) in rows {
                match judged {
                    Judged::NotAPerson(skipped) => self.not_people.push(skipped),
                    Judged::Person(mut problems) => {
                        let at = self.people.len() + person - run;
                        self.check_id(row, &part, person, at, &mut problems);
                        if !problems.is_empty() {
                            self.add(&part, run..person);
                            run = person + 1;
                            self.problems.append(&mut problems);
                        }
                        person += 1;
                    }
                }
            }
            self.add(&part, run..person);
        }
    }

    /// Checks the id of person `i` of `part` (on spreadsheet row `row`, to be person `at`
    /// of the table if it has no problem), as `people` checks a row, and notes it for
    /// [`State::duplicates`].
    fn check_id(
        &mut self,
        row: usize,
        part: &Part,
        i: usize,
        at: usize,
        problems: &mut Vec<Problem>,
    ) {
        let id = part.ids.get(i);
        let problem = |value: &str, reason: String| Problem {
            row,
            column: self.id_column.clone(),
            value: value.to_string(),
            reason,
        };
        if id.is_empty() {
            problems.push(problem("", "no id: every row needs one".into()));
        } else if let Some(reason) = id_problem(id) {
            problems.push(problem(id, reason));
        } else {
            let at = if problems.is_empty() {
                IdAt::Table(at)
            } else {
                self.own_ids.push(id.to_string());
                IdAt::Own(self.own_ids.len() - 1)
            };
            self.ids.push(IdSeen {
                hash: part.hashes[i],
                row,
                at,
            });
        }
    }

    /// Copies people `run` of `part` into the table.
    fn add(&mut self, part: &Part, run: std::ops::Range<usize>) {
        if run.is_empty() {
            return;
        }
        let table = &mut self.people;
        let first = table.len();
        let Some(base) = u32::try_from(first + run.len())
            .ok()
            .filter(|&end| end < u32::MAX)
            .map(|_| first as u32)
        else {
            self.full = true;
            return;
        };
        let texts = [
            (&mut table.ids, &part.ids),
            (&mut table.names, &part.names),
            (&mut table.departments, &part.departments),
        ];
        let extras = table.extra.iter_mut().zip(&part.extra);
        for (column, from) in texts.into_iter().chain(extras) {
            if !column.extend_from(from, run.clone()) {
                self.full = true;
                return;
            }
        }
        for i in run.clone() {
            let post = match part.posts.get(i) {
                "" => NO_POST,
                text => match self.posts.get(text) {
                    Some(&index) => index,
                    None => {
                        let id = self.merger.post_id(text);
                        let index = table.post_index(&id);
                        self.posts.insert(text.to_string(), index);
                        index
                    }
                },
            };
            table.post_of.push(post);
        }
        let keys = table.keys.len();
        for (k, column) in table.numbers.iter_mut().enumerate() {
            column.extend(run.clone().map(|i| part.numbers[i * keys + k]));
        }
        // The run's sparse cells, and where each goes in the table.
        let person = |i: u32| base + (i - run.start as u32);
        for (i, k, value) in within(&part.categories, &run) {
            table.categories.insert((person(*i), *k), value.clone());
        }
        for (i, k, marker) in within(&part.absent, &run) {
            table.absent.insert((person(*i), *k), marker.clone());
        }
    }

    /// Makes room for `more` people (each column's text as long as those in so far take,
    /// a few bytes more, at most `bytes`), and as many seen ids.
    fn reserve_more(&mut self, more: usize, bytes: usize) {
        self.people
            .reserve(more, |c| (c.bytes_each() * more * 9 / 8).min(bytes));
        self.ids.reserve_exact(more);
    }

    /// Grows the table and the seen ids towards `estimate` rows, never more than
    /// doubling at a time (as `people` grows its plan).
    fn reserve(&mut self, estimate: usize) {
        let len = self.people.len();
        if let Some(more) = people::growth(len, self.people.post_of.capacity(), estimate) {
            self.people.reserve(more, |c| more * c.bytes_each());
        }
        if let Some(more) = people::growth(self.ids.len(), self.ids.capacity(), estimate) {
            self.ids.reserve(more);
        }
    }

    /// Finds the ids that more than one row has: each row after the first with an id gets
    /// the problem a people import gives it (`duplicate id: rows 3 and 9 have it`) and
    /// leaves the table. Sorted by hash, in parallel, rather than checked row by row.
    fn duplicates(&mut self) {
        let mut ids = std::mem::take(&mut self.ids);
        ids.par_sort_unstable_by_key(|s| (s.hash, s.row));
        let text = |at: IdAt| match at {
            IdAt::Table(i) => self.people.ids.get(i),
            IdAt::Own(i) => self.own_ids[i].as_str(),
        };
        let mut refused = Vec::new();
        for group in ids.chunk_by(|a, b| a.hash == b.hash) {
            if group.len() < 2 {
                continue;
            }
            // Texts in this hash group (usually one), each with the first row it is on.
            let mut first: std::collections::HashMap<&str, usize> = Default::default();
            for seen in group {
                let id = text(seen.at);
                match first.get(id) {
                    Some(&row) => refused.push((seen.row, row, id.to_string(), seen.at)),
                    None => {
                        first.insert(id, seen.row);
                    }
                }
            }
        }
        let mut leaving = Vec::new();
        for (row, first, id, at) in refused {
            self.problems.push(Problem {
                row,
                column: self.id_column.clone(),
                value: id,
                reason: format!("duplicate id: rows {first} and {row} have it"),
            });
            if let IdAt::Table(i) = at {
                leaving.push(i);
            }
        }
        if !leaving.is_empty() {
            self.people = self.people.without(&leaving);
            self.keep_used_posts();
        }
    }

    /// Keeps only the new posts the table's people name, in order of first mention: as
    /// an import plans them, where a refused row plans no post.
    fn keep_used_posts(&mut self) {
        let table = &self.people;
        let mut first_use: FxHashMap<&str, usize> = FxHashMap::default();
        for p in 0..table.len() {
            if let Some(post) = crate::scoring::People::post(table, p) {
                let next = first_use.len();
                first_use.entry(post).or_insert(next);
            }
        }
        let mut posts = std::mem::take(&mut self.merger.new_posts);
        posts.retain(|post| first_use.contains_key(post.id.as_str()));
        posts.sort_by_key(|post| first_use.get(post.id.as_str()).copied());
        self.merger.new_posts = posts;
    }
}

/// The entries of `sparse` (sorted by person) for the people `run`.
fn within<'s, T>(sparse: &'s [(u32, u32, T)], run: &std::ops::Range<usize>) -> &'s [(u32, u32, T)] {
    let before = |end: usize| sparse.partition_point(|c| (c.0 as usize) < end);
    &sparse[before(run.start)..before(run.end)]
}

/// An id read, for finding duplicates.
struct IdSeen {
    hash: u64,
    /// Spreadsheet row number.
    row: usize,
    at: IdAt,
}

/// Where the text of a seen id is.
#[derive(Clone, Copy)]
enum IdAt {
    /// The table's person at this index.
    Table(usize),
    /// [`State::own_ids`] at this index (a refused row).
    Own(usize),
}

/// An id's hash (FxHash: fast; a crafted file of colliding ids costs a map per group).
fn hash(id: &str) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    std::hash::Hash::hash(id, &mut hasher);
    std::hash::Hasher::finish(&hasher)
}

#[cfg(test)]
#[path = "table_tests.rs"]
mod tests;
