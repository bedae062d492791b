//! Which ids a people import has seen, and on which row first, without a copy of each
//! id: a million-row file would otherwise keep a million more small strings.
//!
//! Ids are kept by 64-bit hash with where the id's text can be read back (the plan's new
//! people, the project's people, or here for rows that were refused), so a hash match is
//! confirmed on the text; two different ids with one hash go to an exact map.

use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap, FxHasher};

use crate::model::Person;

/// Where the text of a seen id is.
#[derive(Debug, Clone, Copy)]
pub(super) enum Place {
    /// The plan's new person at this index.
    Added(usize),
    /// The project's person at this index.
    Project(usize),
    /// Kept here (a refused row).
    Own(usize),
}

/// Ids seen so far, with the row each was first seen on.
#[derive(Debug, Default)]
pub(super) struct SeenIds {
    by_hash: FxHashMap<u64, (usize, Place)>,
    /// Ids whose hash another id already had: rare, so a map that a crafted file cannot
    /// make collide again (std's keyed hasher).
    collided: std::collections::HashMap<String, usize>,
    own: Vec<String>,
}

impl SeenIds {
    /// Makes room for `more` ids.
    pub(super) fn reserve(&mut self, more: usize) {
        self.by_hash.reserve(more);
    }

    /// How many ids have been seen.
    pub(super) fn len(&self) -> usize {
        self.by_hash.len()
    }

    /// How many ids there is room for without growing.
    pub(super) fn capacity(&self) -> usize {
        self.by_hash.capacity()
    }

    /// The row `id` was first seen on; else `None`, and `id` is recorded as seen on
    /// `row`, its text to be found at `place` (`None`: kept here). `added` and `people`
    /// are the plan's new people and the project's people.
    pub(super) fn first_or_insert(
        &mut self,
        id: &str,
        row: usize,
        place: Option<Place>,
        added: &[Person],
        people: &[Person],
    ) -> Option<usize> {
        let text_of = |at: Place| match at {
            Place::Added(i) => added.get(i).map(|p| p.id.as_str()),
            Place::Project(i) => people.get(i).map(|p| p.id.as_str()),
            Place::Own(_) => None,
        };
        self.first_or_insert_with(id, row, place, text_of)
    }

    /// [`SeenIds::first_or_insert`] with ids whose text is elsewhere read back by
    /// `text_of` (which is never asked for [`Place::Own`]).
    pub(super) fn first_or_insert_with<'t>(
        &mut self,
        id: &str,
        row: usize,
        place: Option<Place>,
        text_of: impl Fn(Place) -> Option<&'t str>,
    ) -> Option<usize> {
        let mut hasher = FxHasher::default();
        id.hash(&mut hasher);
        let hash = hasher.finish();
        if let Some(&(first, at)) = self.by_hash.get(&hash) {
            let text = match at {
                Place::Own(i) => self.own.get(i).map(String::as_str),
                elsewhere => text_of(elsewhere),
            };
            if text == Some(id) {
                return Some(first);
            }
            if let Some(&first) = self.collided.get(id) {
                return Some(first);
            }
            self.collided.insert(id.to_string(), row);
            return None;
        }
        let at = place.unwrap_or_else(|| {
            self.own.push(id.to_string());
            Place::Own(self.own.len() - 1)
        });
        self.by_hash.insert(hash, (row, at));
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: &str) -> Person {
        Person {
            id: id.into(),
            ..Person::default()
        }
    }

    #[test]
    fn each_place_is_read_back_and_collisions_are_exact() {
        let people = vec![person("P0"), person("P1")];
        let mut added = Vec::new();
        let mut seen = SeenIds::default();
        assert_eq!(
            seen.first_or_insert("A", 2, Some(Place::Added(0)), &added, &people),
            None
        );
        added.push(person("A"));
        assert_eq!(
            seen.first_or_insert("P1", 3, Some(Place::Project(1)), &added, &people),
            None
        );
        assert_eq!(seen.first_or_insert("X", 4, None, &added, &people), None);
        assert_eq!(seen.first_or_insert("A", 5, None, &added, &people), Some(2));
        assert_eq!(
            seen.first_or_insert("P1", 6, None, &added, &people),
            Some(3)
        );
        assert_eq!(seen.first_or_insert("X", 7, None, &added, &people), Some(4));
        // A forced collision: an entry whose place holds another id than the one hashed.
        let mut hasher = FxHasher::default();
        "B".hash(&mut hasher);
        seen.by_hash.insert(hasher.finish(), (8, Place::Project(0)));
        assert_eq!(seen.first_or_insert("B", 9, None, &added, &people), None);
        assert_eq!(
            seen.first_or_insert("B", 10, None, &added, &people),
            Some(9)
        );
    }
}
