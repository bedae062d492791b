//! What the engine reads of the people it ranks: [`People`].
//!
//! A project's people (`Vec<Person>`) are the usual source. A large file ranked straight
//! from disk (see `crate::io::import::table`) is another: its people are kept column by
//! column, about a sixth of the memory of a `Person` each, never turned into `Person`s.
//! Both give the engine the same answers, so both rank the same. No I/O, no egui.

use std::borrow::Cow;

use crate::model::{Person, Value};

/// People as the engine and the ranking writers read them, by index.
pub trait People: Sync {
    /// How many people there are.
    fn count(&self) -> usize;
    /// The person's id.
    fn id(&self, person: usize) -> &str;
    /// The person's name.
    fn name(&self, person: usize) -> &str;
    /// The person's department.
    fn department(&self, person: usize) -> &str;
    /// The post the person applies for, if any.
    fn post(&self, person: usize) -> Option<&str>;
    /// The person's direct value on the criterion with this key, if any.
    fn score(&self, person: usize, key: &str) -> Option<Cow<'_, Value>>;
    /// Where the values of criterion `key` are kept, when the source keeps them by column:
    /// a hint for [`People::score_at`], worked out once for many people.
    fn column(&self, key: &str) -> Option<usize> {
        let _ = key;
        None
    }
    /// [`People::score`], with the hint [`People::column`] gave for `key`.
    fn score_at(&self, person: usize, key: &str, column: Option<usize>) -> Option<Cow<'_, Value>> {
        let _ = column;
        self.score(person, key)
    }
    /// Every person's number on criterion `key`, by person, when the source keeps them in
    /// one column: NaN where a person has no number there (no value, or one that is not
    /// a number: [`People::score`] tells which). Lets the engine read numbers without
    /// making a [`Value`] of each.
    fn numbers(&self, key: &str) -> Option<&[f64]> {
        let _ = key;
        None
    }
    /// Why the person's score on this criterion is missing (`缺考`), if the file said.
    fn absent(&self, person: usize, key: &str) -> Option<&str>;
    /// The person's ballot tally on criterion `key` (ballots per mark), if any: each
    /// counted ballot is one more mark on the criterion (see [`Person::tallies`]).
    fn tally(&self, person: usize, key: &str) -> Option<&[(String, u32)]> {
        let _ = (person, key);
        None
    }
    /// The text of an extra column (`工龄`), if the person has it.
    fn field(&self, person: usize, name: &str) -> Option<&str>;
}

impl People for Vec<Person> {
    fn count(&self) -> usize {
        self.len()
    }

    fn id(&self, person: usize) -> &str {
        &self[person].id
    }

    fn name(&self, person: usize) -> &str {
        &self[person].name
    }

    fn department(&self, person: usize) -> &str {
        &self[person].department
    }

    fn post(&self, person: usize) -> Option<&str> {
        self[person].post.as_deref()
    }

    fn score(&self, person: usize, key: &str) -> Option<Cow<'_, Value>> {
        self[person].scores.get(key).map(Cow::Borrowed)
    }

    fn absent(&self, person: usize, key: &str) -> Option<&str> {
        self[person].absent.get(key).map(String::as_str)
    }

    fn tally(&self, person: usize, key: &str) -> Option<&[(String, u32)]> {
        self[person].tallies.get(key).map(Vec::as_slice)
    }

    fn field(&self, person: usize, name: &str) -> Option<&str> {
        self[person].extra.get(name).map(String::as_str)
    }
}
