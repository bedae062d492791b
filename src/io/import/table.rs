//! People read straight from a file and kept column by column: [`PeopleTable`].
//!
//! Ranking a million-row file does not need a million [`Person`]s: each holds three
//! strings, three maps and a value per score, about 600 bytes and half a dozen
//! allocations. A table keeps each column in one buffer (all ids in one string, each
//! criterion's numbers in one vector), about a sixth of that and no allocation per
//! person, and the engine ranks it through [`People`] exactly as it ranks a project's
//! people. Filled by `table_read`; [`PeopleTable::to_people`] turns it into `Person`s when
//! a caller needs them. Data only: no I/O, no egui.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use crate::model::{Key, KeyMap, Person, Value};
use crate::scoring::People;

/// Marks a person without a post in [`PeopleTable::post_of`].
pub(super) const NO_POST: u32 = u32::MAX;

/// Many short texts in one buffer: text `i` is `text[ends[i - 1]..ends[i]]`.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct TextColumn {
    text: String,
    ends: Vec<u32>,
}

impl TextColumn {
    /// Appends `text`, cut to what fits when the column would pass 4 GiB: false then
    /// (callers give up on the column).
    pub fn push(&mut self, text: &str) -> bool {
        let room = (u32::MAX as usize).saturating_sub(self.text.len());
        let mut end = text.len().min(room);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        self.text.push_str(&text[..end]);
        self.ends.push(self.text.len() as u32);
        end == text.len()
    }

    /// Appends texts `range` of `other`; false (and nothing appended) when the column
    /// would pass 4 GiB.
    pub fn extend_from(&mut self, other: &TextColumn, range: std::ops::Range<usize>) -> bool {
        let Some(last) = range.end.checked_sub(1) else {
            return true;
        };
        let start = if range.start == 0 {
            0
        } else {
            other.ends[range.start - 1] as usize
        };
        let end = other.ends[last] as usize;
        let base = self.text.len();
        if u32::try_from(base + end - start).is_err() {
            return false;
        }
        self.text.push_str(&other.text[start..end]);
        let (base, start) = (base as u32, start as u32);
        self.ends
            .extend(other.ends[range].iter().map(|&e| e - start + base));
        true
    }

    /// Text `i`.
    pub fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        self.text.get(start..self.ends[i] as usize).unwrap_or("")
    }

    /// How many texts there are.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Makes room for `more` texts of about `bytes` bytes in all.
    pub fn reserve(&mut self, more: usize, bytes: usize) {
        self.ends.reserve(more);
        self.text.reserve(bytes);
    }

    /// Bytes a text takes on average, a byte more (1 for an empty column).
    pub fn bytes_each(&self) -> usize {
        self.text.len() / self.len().max(1) + 1
    }
}

/// People as a file listed them, one column per field: what `merit rank FILE --scheme`
/// ranks. Empty cells are absent values, as in an import.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PeopleTable {
    pub(super) ids: TextColumn,
    pub(super) names: TextColumn,
    pub(super) departments: TextColumn,
    /// Each person's post: an index into `posts`, or [`NO_POST`].
    pub(super) post_of: Vec<u32>,
    /// Post ids, in order of first mention.
    pub(super) posts: Vec<String>,
    /// The criteria the file has columns for.
    pub(super) keys: Vec<Key>,
    /// Per key, each person's number; NaN when the person has none (or a category).
    pub(super) numbers: Vec<Vec<f64>>,
    /// Values that are not numbers (categories such as `称职`), by (person, key).
    pub(super) categories: FxHashMap<(u32, u32), Value>,
    /// Absence markers (`缺考`), by (person, key).
    pub(super) absent: FxHashMap<(u32, u32), String>,
    /// The keys of the file's other columns.
    pub(super) extra_keys: Vec<Key>,
    /// Per extra key, each person's cell as in the file ("" when empty).
    pub(super) extra: Vec<TextColumn>,
}

impl PeopleTable {
    /// An empty table with these score and extra columns.
    pub(super) fn with_columns(keys: Vec<Key>, extra_keys: Vec<Key>) -> Self {
        PeopleTable {
            numbers: vec![Vec::new(); keys.len()],
            extra: vec![TextColumn::default(); extra_keys.len()],
            keys,
            extra_keys,
            ..PeopleTable::default()
        }
    }

    /// Makes room for `more` people, each text column for `bytes(column)` more bytes.
    pub(super) fn reserve(&mut self, more: usize, bytes: impl Fn(&TextColumn) -> usize) {
        for column in [&mut self.ids, &mut self.names, &mut self.departments]
            .into_iter()
            .chain(&mut self.extra)
        {
            let bytes = bytes(column);
            column.reserve(more, bytes);
        }
        self.post_of.reserve_exact(more);
        for column in &mut self.numbers {
            column.reserve_exact(more);
        }
    }

    /// How many people the table holds.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether the table holds nobody.
    pub fn is_empty(&self) -> bool {
        self.ids.len() == 0
    }

    /// The index of the post with this id, added if new.
    pub(super) fn post_index(&mut self, id: &str) -> u32 {
        match self.posts.iter().position(|p| p == id) {
            Some(i) => i as u32,
            None => {
                self.posts.push(id.to_string());
                (self.posts.len() - 1) as u32
            }
        }
    }

    fn key_index(&self, key: &str) -> Option<usize> {
        self.keys.iter().position(|k| k.as_str() == key)
    }

    /// The people as [`Person`]s, in order: what an import of the same file into an
    /// empty project adds (for output that needs them, such as a table or JSON).
    pub fn to_people(&self) -> Vec<Person> {
        (0..self.len())
            .map(|p| {
                let mut scores = KeyMap::with_capacity(self.keys.len());
                let mut absent = KeyMap::new();
                for (k, key) in self.keys.iter().enumerate() {
                    if let Some(value) = self.score(p, key) {
                        scores.insert(key.clone(), value.into_owned());
                    }
                    if let Some(marker) = self.absent.get(&(p as u32, k as u32)) {
                        absent.insert(key.clone(), marker.clone());
                    }
                }
                let mut extra = KeyMap::new();
                for (column, key) in self.extra.iter().zip(&self.extra_keys) {
                    let cell = column.get(p);
                    if !cell.is_empty() {
                        extra.insert(key.clone(), cell.to_string());
                    }
                }
                Person {
                    id: self.ids.get(p).to_string(),
                    name: self.names.get(p).to_string(),
                    department: self.departments.get(p).to_string(),
                    post: People::post(self, p).map(str::to_string),
                    scores,
                    extra,
                    absent,
                    tallies: KeyMap::new(),
                }
            })
            .collect()
    }

    /// The table without the people at the indices `leaving` (a small list).
    pub(super) fn without(&self, leaving: &[usize]) -> PeopleTable {
        let mut gone = vec![false; self.len()];
        for &i in leaving {
            gone[i] = true;
        }
        let mut kept = PeopleTable::with_columns(self.keys.clone(), self.extra_keys.clone());
        kept.posts.clone_from(&self.posts);
        let mut new_index = vec![u32::MAX; self.len()];
        // Fewer texts than this table's fit: every push does.
        for p in (0..self.len()).filter(|&p| !gone[p]) {
            new_index[p] = kept.len() as u32;
            kept.ids.push(self.ids.get(p));
            kept.names.push(self.names.get(p));
            kept.departments.push(self.departments.get(p));
            kept.post_of.push(self.post_of[p]);
            for (to, from) in kept.numbers.iter_mut().zip(&self.numbers) {
                to.push(from[p]);
            }
            for (to, from) in kept.extra.iter_mut().zip(&self.extra) {
                to.push(from.get(p));
            }
        }
        let moved = |&(p, k): &(u32, u32)| Some((*new_index.get(p as usize)?, k));
        for (cell, value) in &self.categories {
            if let Some(cell) = moved(cell).filter(|c| c.0 != u32::MAX) {
                kept.categories.insert(cell, value.clone());
            }
        }
        for (cell, marker) in &self.absent {
            if let Some(cell) = moved(cell).filter(|c| c.0 != u32::MAX) {
                kept.absent.insert(cell, marker.clone());
            }
        }
        kept
    }
}

impl People for PeopleTable {
    fn count(&self) -> usize {
        self.len()
    }

    fn id(&self, person: usize) -> &str {
        self.ids.get(person)
    }

    fn name(&self, person: usize) -> &str {
        self.names.get(person)
    }

    fn department(&self, person: usize) -> &str {
        self.departments.get(person)
    }

    fn post(&self, person: usize) -> Option<&str> {
        match self.post_of[person] {
            NO_POST => None,
            i => self.posts.get(i as usize).map(String::as_str),
        }
    }

    fn score(&self, person: usize, key: &str) -> Option<Cow<'_, Value>> {
        self.score_at(person, key, self.key_index(key))
    }

    fn column(&self, key: &str) -> Option<usize> {
        self.key_index(key)
    }

    fn numbers(&self, key: &str) -> Option<&[f64]> {
        Some(&self.numbers[self.key_index(key)?])
    }

    fn score_at(&self, person: usize, key: &str, column: Option<usize>) -> Option<Cow<'_, Value>> {
        let located = column.filter(|&k| self.keys.get(k).is_some_and(|c| c.as_str() == key));
        let k = located.or_else(|| self.key_index(key))?;
        let x = self.numbers[k][person];
        if !x.is_nan() {
            return Some(Cow::Owned(Value::Number(x)));
        }
        self.categories
            .get(&(person as u32, k as u32))
            .map(Cow::Borrowed)
    }

    fn absent(&self, person: usize, key: &str) -> Option<&str> {
        let k = self.key_index(key)?;
        self.absent
            .get(&(person as u32, k as u32))
            .map(String::as_str)
    }

    fn field(&self, person: usize, name: &str) -> Option<&str> {
        let k = self
            .extra_keys
            .iter()
            .position(|key| key.as_str() == name)?;
        Some(self.extra[k].get(person)).filter(|cell| !cell.is_empty())
    }
}
