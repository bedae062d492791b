//! The ranking sheet as CSV, written straight from an [`Evaluation`] to any writer.
//!
//! The same bytes as [`super::export::to_csv`] of [`super::export::ranking_sheet`] (a
//! test holds them to it), without building a document, a sheet or the whole text in
//! memory first: each line is formatted into one reused buffer, and the CSV goes to the
//! writer in chunks, encoded on the way when the encoding is not UTF-8. A million-line
//! ranking is written in a fraction of a second with a few hundred kilobytes of buffers.
//! It never reads files and never imports egui.

use std::fmt::Write as _;
use std::io::Write;

use encoding_rs::{Encoder, EncoderResult, Encoding};
use rayon::prelude::*;

use crate::model::Project;
use crate::scoring::describe::status_reason_of;
use crate::scoring::{Evaluation, People, PostEvaluation, Row, Status};

use super::export::{ExportError, RANKING_FIXED_COLUMNS as FIXED};
use super::ranking::neutralize_formula;

/// The encoder's output buffer.
const CHUNK: usize = 1 << 16;

/// Writes the ranking of `posts` (in order) as CSV for Excel: `encoding` (UTF-8 gets a
/// byte-order mark), CRLF, formula-like text cells prefixed with `'`, totals with 2
/// decimals. A character `encoding` lacks is [`ExportError::Unencodable`] naming the
/// first such cell, by then part of the output has been written: write to a temporary
/// file or a buffer when that matters.
pub fn write_ranking_csv<W: Write>(
    project: &Project,
    evaluation: &Evaluation,
    posts: &[&PostEvaluation],
    encoding: &'static Encoding,
    out: W,
) -> Result<(), ExportError> {
    let lines = Lines::new(project, &project.people, evaluation);
    write_with(&lines, posts, encoding, out, Order::default())
}

/// [`write_ranking_csv`] of an evaluation of `people` other than the project's own (see
/// [`crate::scoring::Prepared::with_people`]); the project gives the scheme.
pub fn write_ranking_csv_of<W: Write>(
    project: &Project,
    people: &dyn People,
    evaluation: &Evaluation,
    posts: &[&PostEvaluation],
    encoding: &'static Encoding,
    out: W,
) -> Result<(), ExportError> {
    let lines = Lines::new(project, people, evaluation);
    write_with(&lines, posts, encoding, out, Order::default())
}

/// How a post's lines are put in order (see [`write_post`]).
#[derive(Clone, Copy)]
struct Order {
    /// From this many lines on, a post is formatted in member order: below it the people
    /// fit in cache well enough.
    member_from: usize,
    /// Ranks whose lines are held at once when formatting in member order (about 30 MB
    /// of text).
    stretch: usize,
}

impl Default for Order {
    fn default() -> Self {
        Order {
            member_from: 50_000,
            stretch: 128 * PART,
        }
    }
}

/// [`write_ranking_csv`], each post put in order as `order` says.
fn write_with<W: Write>(
    lines: &Lines<'_>,
    posts: &[&PostEvaluation],
    encoding: &'static Encoding,
    out: W,
    order: Order,
) -> Result<(), ExportError> {
    let mut sink = Sink::new(encoding, out)?;
    let mut csv = writer(Vec::new());
    let headers: Vec<String> = lines
        .headers()
        .iter()
        .map(|h| neutralize_formula(h).into_owned())
        .collect();
    csv.write_record(&headers)?;
    put(&into_text(csv)?, &mut sink, lines, posts)?;
    for post in posts {
        if post.rows.len() >= order.member_from {
            write_post(post, lines, &mut sink, posts, order.stretch)?;
        } else {
            write_ranked(post, lines, &mut sink, posts)?;
        }
    }
    sink.finish().map_err(|e| ExportError::Csv(e.into()))
}

/// Writes one post's lines in ranking order, formatted in parallel a round at a time.
fn write_ranked<W: Write>(
    post: &PostEvaluation,
    lines: &Lines<'_>,
    sink: &mut Sink<W>,
    posts: &[&PostEvaluation],
) -> Result<(), ExportError> {
    let encoding = sink.parallel_encoding();
    for round in post.rows.chunks(ROUND) {
        let parts: Vec<Result<Piece, ExportError>> = round
            .par_chunks(PART)
            .map(|part| {
                let mut text = String::with_capacity(PART * 128);
                let (mut cells, mut record) = (Cells::default(), Record::new());
                for row in part {
                    lines.fill(post, Line::from(row), true, &mut cells);
                    record.write(&cells, &mut text);
                }
                Ok(Piece::of(text, encoding))
            })
            .collect();
        for part in parts {
            put_piece(part?, sink, lines, posts)?;
        }
    }
    Ok(())
}

/// Writes one post's lines. They are formatted in parallel in the order the people and
/// scores lie in memory (member order: reading them in ranking order waits on memory
/// for every line), then gathered in ranking order, in parallel a round at a time. A
/// long ranking is done `stretch` ranks at a time, so that only that stretch's lines are
/// held at once.
fn write_post<W: Write>(
    post: &PostEvaluation,
    lines: &Lines<'_>,
    sink: &mut Sink<W>,
    posts: &[&PostEvaluation],
    stretch: usize,
) -> Result<(), ExportError> {
    // What each line needs of its row, by member: read in member order below, where
    // reading the rows themselves would wait on memory for every one.
    let Some(briefs) = Brief::by_member(&post.rows) else {
        return write_ranked(post, lines, sink, posts);
    };
    let stretch = stretch.max(1);
    let stretches = post.rows.len().div_ceil(stretch).max(1);
    let encoding = sink.parallel_encoding();
    for (s, rows) in post.rows.chunks(stretch).enumerate() {
        // The stretch's lines, by member (members outside it get an empty line).
        let ranks = s * stretch..s * stretch + rows.len();
        let parts: Vec<Formatted> = briefs
            .par_chunks(PART)
            .enumerate()
            .map(|(p, part)| {
                let mut text = String::with_capacity(part.len() * 128 / stretches);
                let mut ends = Vec::with_capacity(part.len());
                let (mut cells, mut record) = (Cells::default(), Record::new());
                for (i, brief) in part.iter().enumerate() {
                    if ranks.contains(&(brief.row as usize)) {
                        lines.fill(post, brief.line(p * PART + i, post), true, &mut cells);
                        record.write(&cells, &mut text);
                    }
                    ends.push(text.len());
                }
                Formatted { text, ends }
            })
            .collect();
        let line = |row: &Row| {
            let place = row.member;
            let formatted = &parts[place / PART];
            let at = place % PART;
            let start = if at == 0 { 0 } else { formatted.ends[at - 1] };
            &formatted.text[start..formatted.ends[at]]
        };
        for round in rows.chunks(ROUND) {
            let pieces: Vec<Piece> = round
                .par_chunks(PART)
                .map(|rows| {
                    let mut text = String::with_capacity(rows.len() * 128);
                    for row in rows {
                        text.push_str(line(row));
                    }
                    Piece::of(text, encoding)
                })
                .collect();
            for piece in pieces {
                put_piece(piece, sink, lines, posts)?;
            }
        }
    }
    Ok(())
}

/// Lines ready for the sink: encoded already (by a task, when the encoding allows), or
/// still UTF-8.
enum Piece {
    /// In the output encoding; `false` when a character had no form in it.
    Encoded(Vec<u8>, bool),
    /// UTF-8, for the sink to encode.
    Text(String),
}

impl Piece {
    /// `text` (UTF-8 lines), encoded now when `encoding` is given.
    fn of(text: String, encoding: Option<&'static Encoding>) -> Piece {
        let Some(encoding) = encoding else {
            return Piece::Text(text);
        };
        let (bytes, _, unmappable) = encoding.encode(&text);
        Piece::Encoded(bytes.into_owned(), !unmappable)
    }
}

/// Puts a piece through the sink.
fn put_piece<W: Write>(
    piece: Piece,
    sink: &mut Sink<W>,
    lines: &Lines<'_>,
    posts: &[&PostEvaluation],
) -> Result<(), ExportError> {
    match piece {
        Piece::Text(text) => put(&text, sink, lines, posts),
        Piece::Encoded(_, false) => Err(lines.unencodable(posts, sink.encoding)),
        Piece::Encoded(bytes, true) => sink
            .out
            .write_all(&bytes)
            .map_err(|e| ExportError::Csv(e.into())),
    }
}

/// What a line shows of one row of a ranking.
#[derive(Clone, Copy)]
struct Line<'r> {
    person: usize,
    member: usize,
    rank: Option<u32>,
    cents: Option<i64>,
    status: &'r Status,
    tied: bool,
}

impl<'r> From<&'r Row> for Line<'r> {
    fn from(row: &'r Row) -> Self {
        Line {
            person: row.person,
            member: row.member,
            rank: row.rank,
            cents: row.cents,
            status: &row.status,
            tied: row.tied,
        }
    }
}

/// A row's line, in a quarter of the row's bytes: what write_post reads by member.
#[derive(Clone, Copy, Default)]
struct Brief {
    person: u32,
    /// The rank; 0 for none.
    rank: u32,
    /// The published total; `i64::MIN` for none.
    cents: i64,
    /// The row's index in the ranking (to read an unranked row's reasons).
    row: u32,
    /// 0, 1, 2: selected, shortlisted, not selected; 3: unranked (see the row).
    kind: u8,
    tied: bool,
}

static SELECTED: Status = Status::Selected;
static SHORTLISTED: Status = Status::Shortlisted;
static NOT_SELECTED: Status = Status::NotSelected;

impl Brief {
    /// Every row's brief, placed by member; `None` unless the members are 0..n once each
    /// (as the engine makes them) and every index fits.
    fn by_member(rows: &[Row]) -> Option<Vec<Brief>> {
        let mut briefs = vec![Brief::default(); rows.len()];
        let mut filled = vec![false; rows.len()];
        for (i, row) in rows.iter().enumerate() {
            if row.rank == Some(0) || row.cents == Some(i64::MIN) {
                return None; // would read as "none" (never made by the engine)
            }
            let slot = filled.get_mut(row.member)?;
            if std::mem::replace(slot, true) {
                return None;
            }
            briefs[row.member] = Brief {
                person: u32::try_from(row.person).ok()?,
                rank: row.rank.unwrap_or(0),
                cents: row.cents.unwrap_or(i64::MIN),
                row: u32::try_from(i).ok()?,
                kind: match row.status {
                    Status::Selected => 0,
                    Status::Shortlisted => 1,
                    Status::NotSelected => 2,
                    Status::Ineligible(_) | Status::Incomplete(_) => 3,
                },
                tied: row.tied,
            };
        }
        Some(briefs)
    }

    /// The line of member `member` of `post`.
    fn line<'p>(&self, member: usize, post: &'p PostEvaluation) -> Line<'p> {
        let status = match self.kind {
            0 => &SELECTED,
            1 => &SHORTLISTED,
            2 => &NOT_SELECTED,
            _ => &post.rows[self.row as usize].status,
        };
        Line {
            person: self.person as usize,
            member,
            rank: (self.rank != 0).then_some(self.rank),
            cents: (self.cents != i64::MIN).then_some(self.cents),
            status,
            tied: self.tied,
        }
    }
}

/// Writes CSV records as [`writer`]'s `csv::Writer` writes them (quotes only where a cell
/// needs them, CRLF), with the csv crate's own core, one whole line at a time: the line
/// ends are known without flushing a writer after every line.
struct Record {
    core: csv_core::Writer,
    line: Vec<u8>,
}

impl Record {
    fn new() -> Self {
        Record {
            core: csv_core::WriterBuilder::new()
                .terminator(csv_core::Terminator::CRLF)
                .build(),
            line: vec![0; 512],
        }
    }

    /// Appends the line of `cells` to `out`: as formatted when no cell needs quotes (and
    /// there is more than one, as a lone empty cell is written `""`), else through
    /// csv-core.
    fn write(&mut self, cells: &Cells, out: &mut String) {
        if let [_, _, ..] = cells.ends.as_slice()
            && !cells.quoted
        {
            out.push_str(&cells.text[..cells.text.len() - 1]);
            out.push_str("\r\n");
            return;
        }
        let mut at = 0;
        for (i, cell) in cells.iter().enumerate() {
            let input = cell.as_bytes();
            // Room for the worst case: every byte a quote, quotes around, a delimiter.
            self.room(at + 2 * input.len() + 8);
            if i > 0 {
                at += self.core.delimiter(&mut self.line[at..]).1;
            }
            at += self.core.field(input, &mut self.line[at..]).2;
        }
        self.room(at + 8);
        at += self.core.terminator(&mut self.line[at..]).1;
        // Cells of text, quotes and commas: UTF-8 (never replaced).
        out.push_str(&String::from_utf8_lossy(&self.line[..at]));
    }

    fn room(&mut self, bytes: usize) {
        if self.line.len() < bytes {
            self.line.resize(bytes.next_power_of_two(), 0);
        }
    }
}

/// CSV lines formatted by one task, and where each ends.
struct Formatted {
    text: String,
    ends: Vec<usize>,
}

/// Lines formatted by one task.
const PART: usize = 2048;

/// Lines formatted in ranking order before they are written.
const ROUND: usize = 16 * PART;

/// What `csv` wrote (from `str` cells: UTF-8, never replaced).
fn into_text(csv: csv::Writer<Vec<u8>>) -> Result<String, ExportError> {
    let bytes = csv
        .into_inner()
        .map_err(|e| ExportError::Csv(e.into_error().into()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// A CSV writer as [`super::export::to_csv`] configures it, into `buffer`.
fn writer(buffer: Vec<u8>) -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(buffer)
}

/// Puts CSV lines through the sink.
fn put<W: Write>(
    chunk: &str,
    sink: &mut Sink<W>,
    lines: &Lines<'_>,
    posts: &[&PostEvaluation],
) -> Result<(), ExportError> {
    let io = |e: std::io::Error| ExportError::Csv(e.into());
    if sink.encoder.is_none() {
        return sink.out.write_all(chunk.as_bytes()).map_err(io);
    }
    match sink.put(chunk) {
        Ok(true) => Ok(()),
        Ok(false) => Err(lines.unencodable(posts, sink.encoding)),
        Err(e) => Err(io(e)),
    }
}

/// One line's cells, formatted into one buffer that is reused from line to line: each
/// cell followed by a comma, so that a line with nothing to quote is already its CSV.
#[derive(Default)]
struct Cells {
    text: String,
    /// Where each cell ends (its comma).
    ends: Vec<usize>,
    /// A text cell holds a byte that CSV quotes (see [`needs_quotes`]).
    quoted: bool,
}

impl Cells {
    fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
        self.quoted = false;
    }

    /// Ends the cell being written.
    fn end(&mut self) {
        self.ends.push(self.text.len());
        self.text.push(',');
    }

    /// A text cell, neutralized when `safe` (see [`neutralize_formula`]).
    fn text(&mut self, text: &str, safe: bool) {
        self.quoted |= needs_quotes(text);
        if safe {
            self.text.push_str(&neutralize_formula(text));
        } else {
            self.text.push_str(text);
        }
        self.end();
    }

    fn iter(&self) -> impl Iterator<Item = &str> {
        let starts = std::iter::once(0).chain(self.ends.iter().map(|&end| end + 1));
        starts.zip(&self.ends).map(|(a, &b)| &self.text[a..b])
    }
}

/// Whether the CSV writer quotes a cell of `text` (as csv-core's `Necessary` style
/// decides for a comma-separated, CRLF-terminated file): it holds a comma, a quote, a CR
/// or a LF.
fn needs_quotes(text: &str) -> bool {
    text.bytes()
        .any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n'))
}

/// `cents` as a total with 2 decimals (`8032` → `80.32`, `-5` → `-0.05`).
fn push_cents(out: &mut String, cents: i64) {
    if cents < 0 {
        out.push('-');
    }
    let abs = cents.unsigned_abs();
    out.push_str(itoa::Buffer::new().format(abs / 100));
    out.push('.');
    let hundredths = (abs % 100) as u8;
    out.push(char::from(b'0' + hundredths / 10));
    out.push(char::from(b'0' + hundredths % 10));
}

/// `x` rounded to 2 decimals as Rust writes that float (`81.5`, `100`), a zero always as
/// `0` (never `-0`, whatever the sign of `x` or of its rounding): the text of
/// `format!("{}", (x * 100.0).round() / 100.0 + 0.0)`, without formatting a float. A float
/// that is a whole number of hundredths below 10^15 in size is written exactly as that
/// decimal, with no trailing zeros; anything else goes through the formatter.
fn push_hundredths(out: &mut String, x: f64) {
    let k = (x * 100.0).round() + 0.0; // + 0.0: a negative zero becomes 0
    let small = k.abs() < 1e15; // false for NaN too
    if !small {
        let _ = write!(out, "{}", k / 100.0);
        return;
    }
    if k < 0.0 {
        out.push('-');
    }
    let abs = k.abs() as u64;
    out.push_str(itoa::Buffer::new().format(abs / 100));
    let hundredths = (abs % 100) as u8;
    if hundredths != 0 {
        out.push('.');
        out.push(char::from(b'0' + hundredths / 10));
        if !hundredths.is_multiple_of(10) {
            out.push(char::from(b'0' + hundredths % 10));
        }
    }
}

/// What every line needs: the project, its people, and for each criterion column, the
/// criteria whose score it shows.
struct Lines<'a> {
    project: &'a Project,
    people: &'a dyn People,
    /// Per column: the criterion indices with the column's key, last first (as a map by
    /// key, the last one with a score wins when a scheme repeats a key).
    sources: Vec<Vec<usize>>,
}

impl<'a> Lines<'a> {
    fn new(project: &'a Project, people: &'a dyn People, evaluation: &'a Evaluation) -> Self {
        let keys = &evaluation.criteria;
        let sources = keys
            .iter()
            .map(|key| (0..keys.len()).rev().filter(|&k| keys[k] == *key).collect())
            .collect();
        Lines {
            project,
            people,
            sources,
        }
    }

    fn headers(&self) -> Vec<String> {
        let criteria = self.project.scheme.criteria().map(|c| c.key.clone());
        FIXED
            .iter()
            .map(|s| (*s).to_string())
            .chain(criteria)
            .collect()
    }

    /// The cells of `row`'s line, text cells neutralized when `safe`.
    fn fill(&self, post: &PostEvaluation, row: Line<'_>, safe: bool, cells: &mut Cells) {
        let (people, person) = (self.people, row.person);
        cells.clear();
        cells.text(post.post.as_deref().unwrap_or(""), safe);
        if let Some(rank) = row.rank {
            cells.text.push_str(itoa::Buffer::new().format(rank));
        }
        cells.end();
        cells.text(people.id(person), safe);
        cells.text(people.name(person), safe);
        cells.text(people.department(person), safe);
        if let Some(cents) = row.cents {
            push_cents(&mut cells.text, cents);
        }
        cells.end();
        cells.text(row.status.code(), safe);
        match row.status {
            Status::Ineligible(_) | Status::Incomplete(_) => {
                let scheme = &self.project.scheme;
                let reason = status_reason_of(row.status, scheme, people, person, None);
                cells.text(&reason, safe);
            }
            Status::Selected | Status::Shortlisted | Status::NotSelected => cells.end(),
        }
        cells.text(if row.tied { "yes" } else { "" }, safe);
        for sources in &self.sources {
            let score = sources
                .iter()
                .find_map(|&k| post.member_score(row.member, k).filter(|s| s.is_finite()));
            if let Some(s) = score {
                push_hundredths(&mut cells.text, s);
            }
            cells.end();
        }
    }

    /// The first cell `encoding` cannot represent, header first, as the error
    /// [`super::export::to_csv`] gives.
    fn unencodable(&self, posts: &[&PostEvaluation], encoding: &'static Encoding) -> ExportError {
        let fits = |s: &str| !encoding.encode(s).2;
        let headers = self.headers();
        let error = |row: usize, column: usize, text: &str| ExportError::Unencodable {
            row,
            column: headers.get(column).cloned().unwrap_or_default(),
            text: text.to_string(),
            encoding: encoding.name().to_string(),
        };
        if let Some(c) = headers.iter().position(|h| !fits(h)) {
            return error(1, c, &headers[c]);
        }
        let mut cells = Cells::default();
        let rows = posts
            .iter()
            .flat_map(|p| p.rows.iter().map(move |r| (*p, r)));
        for (r, (post, row)) in rows.enumerate() {
            self.fill(post, Line::from(row), false, &mut cells);
            if let Some((c, text)) = cells.iter().enumerate().find(|(_, t)| !fits(t)) {
                return error(r + 2, c, text);
            }
        }
        ExportError::Unencodable {
            row: 0,
            column: String::new(),
            text: String::new(),
            encoding: encoding.name().to_string(),
        }
    }
}

/// Where CSV text goes: straight to the writer as UTF-8 (after a byte-order mark), or
/// through an encoder.
struct Sink<W: Write> {
    out: W,
    encoding: &'static Encoding,
    encoder: Option<Encoder>,
    buffer: Vec<u8>,
}

impl<W: Write> Sink<W> {
    /// The output encoding when pieces of it can be encoded apart, on several cores: one
    /// whose encoder keeps no state from character to character (GBK, GB18030).
    fn parallel_encoding(&self) -> Option<&'static Encoding> {
        [encoding_rs::GBK, encoding_rs::GB18030]
            .contains(&self.encoding)
            .then_some(self.encoding)
    }

    fn new(encoding: &'static Encoding, mut out: W) -> Result<Self, ExportError> {
        let encoder = if encoding == encoding_rs::UTF_8 {
            out.write_all("\u{feff}".as_bytes())
                .map_err(csv::Error::from)?;
            None
        } else {
            Some(encoding.new_encoder())
        };
        Ok(Sink {
            out,
            encoding,
            encoder,
            buffer: vec![0; CHUNK],
        })
    }

    /// Writes `text`; false when the encoding cannot represent a character of it.
    fn put(&mut self, mut text: &str) -> std::io::Result<bool> {
        let Some(encoder) = &mut self.encoder else {
            self.out.write_all(text.as_bytes())?;
            return Ok(true);
        };
        loop {
            let (result, read, written) =
                encoder.encode_from_utf8_without_replacement(text, &mut self.buffer, false);
            self.out.write_all(&self.buffer[..written])?;
            text = &text[read..];
            match result {
                EncoderResult::InputEmpty => return Ok(true),
                EncoderResult::OutputFull => {}
                EncoderResult::Unmappable(_) => return Ok(false),
            }
        }
    }

    fn finish(mut self) -> std::io::Result<()> {
        if let Some(encoder) = &mut self.encoder {
            let (_, _, written) =
                encoder.encode_from_utf8_without_replacement("", &mut self.buffer, true);
            self.out.write_all(&self.buffer[..written])?;
        }
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::export::{ranking_sheet, to_csv};
    use crate::io::ranking::ranking_document;
    use crate::model::{Gate, GateOp, Person, Post, Value};
    use crate::scoring::evaluate;

    /// A project with every kind of line: ranked, tied, ineligible (a gate), incomplete
    /// (absent, with a marker), a post and no post, formula-like and CJK text.
    fn project() -> Project {
        let mut project = Project::default();
        project.posts.push(Post {
            id: "科员".into(),
            name: "科员".into(),
            openings: 1,
            shortlist_ratio: 2.0,
        });
        let criteria: Vec<String> = project.scheme.criteria().map(|c| c.key.clone()).collect();
        project.scheme.groups[0].criteria[0].gate = Some(Gate {
            op: GateOp::AtLeast,
            value: 60.0,
        });
        let people = [
            ("001", "=王伟", "人事处", Some("科员"), 80.0),
            ("002", "李娜", "-财务处", Some("科员"), 80.0),
            ("003", "张敏", "@x", Some("科员"), 59.5),
            ("004", "刘洋", "", None, 90.25),
            ("005", "陈静", "办公室, \"二\"\r\n科", None, 70.0),
        ];
        for (i, (id, name, department, post, score)) in people.into_iter().enumerate() {
            let mut person = Person {
                id: id.into(),
                name: name.into(),
                department: department.into(),
                post: post.map(Into::into),
                ..Person::default()
            };
            for key in &criteria {
                person.scores.insert(key, Value::Number(score));
            }
            if i == 4 {
                person.scores.remove(&criteria[1]);
                person.absent.insert(&criteria[1], "缺考".to_string());
            }
            project.people.push(person);
        }
        project
    }

    fn via_sheet(project: &Project, encoding: &'static Encoding) -> Result<Vec<u8>, ExportError> {
        let evaluation = evaluate(project);
        let docs: Vec<_> = evaluation
            .posts
            .iter()
            .map(|p| ranking_document(project, &evaluation, p))
            .collect();
        to_csv(&ranking_sheet(project, &evaluation, &docs), encoding)
    }

    /// The ranking CSV written every way, in ranking order and in member order (whole,
    /// and in stretches of 1 and 2 ranks), which must agree; the first.
    fn streamed(project: &Project, encoding: &'static Encoding) -> Result<Vec<u8>, ExportError> {
        let evaluation = evaluate(project);
        let posts: Vec<&PostEvaluation> = evaluation.posts.iter().collect();
        let lines = Lines::new(project, &project.people, &evaluation);
        let mut out = Vec::new();
        let ranked = Order {
            member_from: usize::MAX,
            ..Order::default()
        };
        let written = write_with(&lines, &posts, encoding, &mut out, ranked);
        for stretch in [usize::MAX, 1, 2] {
            let mut by_member = Vec::new();
            let order = Order {
                member_from: 0,
                stretch,
            };
            let members = write_with(&lines, &posts, encoding, &mut by_member, order);
            assert_eq!(written.is_ok(), members.is_ok());
            if written.is_ok() {
                assert_eq!(out, by_member, "stretch {stretch}");
            }
        }
        written.map(|()| out)
    }

    use proptest::prelude::*;

    proptest! {
        /// A line is what the csv crate's writer makes of the record: cells with and
        /// without commas, quotes, CR, LF, spaces, formula characters and CJK, one cell
        /// (a lone empty cell is quoted) or several.
        #[test]
        fn a_line_is_what_the_csv_writer_writes(
            texts in prop::collection::vec(
                prop::collection::vec(
                    prop::sample::select(vec!["", ",", "\"", "\r", "\n", " ", "'", "=", "王", "7.5"]),
                    0..4,
                ).prop_map(|tokens| tokens.concat()),
                1..6,
            ),
        ) {
            let mut cells = Cells::default();
            for text in &texts {
                cells.text(text, false);
            }
            let mut line = String::new();
            Record::new().write(&cells, &mut line);
            let mut csv = writer(Vec::new());
            csv.write_record(&texts).unwrap();
            prop_assert_eq!(line, into_text(csv).unwrap());
        }

        /// Hundredths and cents are written as the float formatter writes them (a zero as
        /// `0`): scores anywhere from -1e14 to 1e14, near whole numbers, the signed zeros.
        #[test]
        fn numbers_are_written_as_the_formatter_writes_them(
            x in prop_oneof![
                -1e14f64..1e14,
                -200.0f64..200.0,
                (-20_000i64..20_000).prop_map(|k| k as f64 / 100.0),
                prop_oneof![Just(0.0), Just(-0.0), Just(-0.001), Just(1e15), Just(f64::MAX)],
            ],
            cents in any::<i64>(),
        ) {
            let mut fast = String::new();
            push_hundredths(&mut fast, x);
            prop_assert_eq!(fast, format!("{}", (x * 100.0).round() / 100.0 + 0.0));
            let mut text = String::new();
            push_cents(&mut text, cents);
            let sign = if cents < 0 { "-" } else { "" };
            let abs = cents.unsigned_abs();
            prop_assert_eq!(text, format!("{sign}{}.{:02}", abs / 100, abs % 100));
        }
    }

    #[test]
    fn a_zero_is_never_written_negative() {
        for x in [-0.0, -0.001, 0.0, -0.004_9] {
            let mut text = String::new();
            push_hundredths(&mut text, x);
            assert_eq!(text, "0", "{x}");
        }
        let mut text = String::new();
        push_hundredths(&mut text, -0.005);
        assert_eq!(text, "-0.01");
    }

    #[test]
    fn the_same_bytes_as_the_sheet_in_utf8_and_gbk() {
        let project = project();
        for encoding in [encoding_rs::UTF_8, encoding_rs::GBK] {
            let ours = streamed(&project, encoding).unwrap();
            assert_eq!(ours, via_sheet(&project, encoding).unwrap(), "{encoding:?}");
        }
        let text = String::from_utf8(streamed(&project, encoding_rs::UTF_8).unwrap()).unwrap();
        assert!(text.starts_with("\u{feff}post,rank,id,name,department,total,status"));
        assert!(
            text.contains("\r\n科员,,003,张敏,'@x,,ineligible,"),
            "{text}"
        );
        assert!(text.contains(",incomplete,missing "), "{text}");
    }

    #[test]
    fn many_lines_cross_chunks_and_an_unencodable_cell_is_named_alike() {
        let mut project = project();
        let template = project.people[3].clone();
        for i in 0..5000 {
            let mut p = template.clone();
            p.id = format!("X{i:05}");
            p.name = format!("名字{i}");
            project.people.push(p);
        }
        for encoding in [encoding_rs::UTF_8, encoding_rs::GBK] {
            let ours = streamed(&project, encoding).unwrap();
            assert!(ours.len() > 2 * CHUNK);
            assert!(project.people.len() > 2 * PART);
            assert_eq!(ours, via_sheet(&project, encoding).unwrap());
        }
        project.people[2000].name = "😀".into();
        let ours = streamed(&project, encoding_rs::GBK)
            .unwrap_err()
            .to_string();
        let theirs = via_sheet(&project, encoding_rs::GBK)
            .unwrap_err()
            .to_string();
        assert_eq!(ours, theirs);
        assert!(ours.contains("column name: '😀'"), "{ours}");
    }
}
