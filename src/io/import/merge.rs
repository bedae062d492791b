//! Step 5 of a people import: valid rows merged with the project's people and posts.
//!
//! An existing person (same id) gets the row's non-empty cells written over their record
//! and is reported field by field (old → new), or counted as unchanged; anyone else is
//! new. A post is found by id or name; an unknown one is planned as a new post.

use rustc_hash::FxHashMap;

use crate::model::{Key, KeyMap, Person, Post, Project};

use super::people::Parsed;
use super::plan::{FieldChange, ImportPlan, PersonUpdate};

/// Merges valid rows with the project's people and posts.
pub(super) struct Merger<'a> {
    project: &'a Project,
    /// Index of each existing person by id (the first, should a project hold duplicates).
    index: FxHashMap<&'a str, usize>,
    /// Posts the file names that the project lacks, in order of first mention.
    pub new_posts: Vec<Post>,
}

impl<'a> Merger<'a> {
    /// A merger into `project`.
    pub(super) fn new(project: &'a Project) -> Self {
        let mut index = FxHashMap::default();
        for (i, person) in project.people.iter().enumerate() {
            index.entry(person.id.as_str()).or_insert(i);
        }
        Merger {
            project,
            index,
            new_posts: Vec::new(),
        }
    }

    /// The index of the project's person with this id, if any.
    pub(super) fn existing(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// The project's people.
    pub(super) fn people(&self) -> &'a [Person] {
        &self.project.people
    }

    /// Adds the row to the plan as a new, updated or unchanged person.
    pub(super) fn merge(&mut self, parsed: Parsed, plan: &mut ImportPlan) {
        let project = self.project;
        let existing = self.index.get(parsed.id.as_str()).copied();
        match existing {
            Some(i) => {
                let old = &project.people[i];
                let new = self.fill(old.clone(), parsed);
                let changes = diff(old, &new);
                if changes.is_empty() {
                    plan.unchanged += 1;
                } else {
                    let id = new.id.clone();
                    plan.updated.push(PersonUpdate { id, changes });
                    plan.replacements.push(new);
                }
            }
            None => {
                let person = Person::default();
                plan.added.push(self.fill(person, parsed));
            }
        }
    }

    /// `person` with the row's non-empty cells written over it.
    fn fill(&mut self, mut person: Person, parsed: Parsed) -> Person {
        person.id = parsed.id;
        if let Some(name) = parsed.name {
            person.name = name;
        }
        if let Some(department) = parsed.department {
            person.department = department;
        }
        if let Some(post) = parsed.post {
            person.post = Some(self.post_id(&post));
        }
        for (key, _) in &parsed.scores {
            person.absent.remove(key);
        }
        extend(&mut person.scores, parsed.scores);
        for (key, _) in &parsed.absent {
            // An explicit marker says there is no score: unlike an empty cell, it replaces one.
            person.scores.remove(key);
        }
        extend(&mut person.absent, parsed.absent);
        extend(&mut person.extra, parsed.extra);
        person
    }

    /// The id of the post called `text` (by id or name), planning a new post if none is.
    pub(super) fn post_id(&mut self, text: &str) -> String {
        let mut known = self.project.posts.iter().chain(&self.new_posts);
        if let Some(post) = known.find(|p| p.id == text || p.name == text) {
            return post.id.clone();
        }
        self.new_posts.push(Post {
            id: text.to_string(),
            name: text.to_string(),
            openings: 1,
            shortlist_ratio: 1.0,
        });
        text.to_string()
    }
}

/// `map` with `entries` (sorted by key) written over it; a new person's empty map takes
/// the entries as they are, with no copy.
fn extend<V>(map: &mut KeyMap<V>, entries: Vec<(Key, V)>) {
    if map.is_empty() {
        *map = KeyMap::from_sorted(entries);
    } else {
        map.extend(entries);
    }
}

/// The fields that differ between `old` and `new` (which has everything `old` has).
fn diff(old: &Person, new: &Person) -> Vec<FieldChange> {
    let mut changes = Vec::new();
    let mut compare = |field: String, before: String, after: String| {
        if before != after {
            changes.push(FieldChange {
                field,
                old: before,
                new: after,
            });
        }
    };
    compare("name".into(), old.name.clone(), new.name.clone());
    compare(
        "department".into(),
        old.department.clone(),
        new.department.clone(),
    );
    let post = |p: &Person| p.post.clone().unwrap_or_default();
    compare("post".into(), post(old), post(new));
    for (key, value) in &new.scores {
        let before = old.scores.get(key);
        if before != Some(value) {
            let before = before.map(ToString::to_string).unwrap_or_default();
            compare(format!("criterion:{key}"), before, value.to_string());
        }
    }
    for (key, marker) in &new.absent {
        if old.absent.get(key) != Some(marker) {
            let before = old.scores.get(key).map(ToString::to_string);
            let before = before.or_else(|| old.absent.get(key).cloned());
            compare(
                format!("criterion:{key}"),
                before.unwrap_or_default(),
                marker.clone(),
            );
        }
    }
    for (key, value) in &new.extra {
        let before = old.extra.get(key).cloned().unwrap_or_default();
        compare(format!("extra:{key}"), before, value.clone());
    }
    changes
}
