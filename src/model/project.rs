//! The project: everything one selection round keeps in one file.

use serde::{Deserialize, Serialize};

use super::{AuditEntry, Person, Post, Rating, Scheme, Stage};

/// The project file format version this build writes. Older versions are migrated on
/// load (see [`crate::io::project_file`]); newer ones are refused with a clear message.
pub const CURRENT_VERSION: u32 = 1;

/// One selection round or evaluation: the one source of truth the app edits and the
/// scoring engine reads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Project {
    /// File format version; see [`CURRENT_VERSION`].
    pub version: u32,
    /// Title of the round, e.g. `2026年度机关内部竞争上岗`.
    pub title: String,
    /// How people are scored, gated, ranked and selected.
    pub scheme: Scheme,
    /// Posts with their openings and shortlist ratios.
    pub posts: Vec<Post>,
    /// Candidates or staff, in the order they were entered (order never affects results).
    pub people: Vec<Person>,
    /// Individual raters' scores, for criteria scored by several raters.
    pub ratings: Vec<Rating>,
    /// The stages of a staged selection (exam → interview → …), in order. Empty (the
    /// default, and every file written before stages existed): one stage under `scheme`.
    /// Not written when empty, so such files stay readable by builds without stages.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub stages: Vec<Stage>,
    /// Every change made in the app, oldest first (absent in files written before it).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub audit: Vec<AuditEntry>,
}

impl Default for Project {
    fn default() -> Self {
        Project {
            version: CURRENT_VERSION,
            title: String::new(),
            scheme: Scheme::default(),
            posts: Vec::new(),
            people: Vec::new(),
            ratings: Vec::new(),
            stages: Vec::new(),
            audit: Vec::new(),
        }
    }
}

impl Project {
    /// The post with this id, if any.
    pub fn post(&self, id: &str) -> Option<&Post> {
        self.posts.iter().find(|p| p.id == id)
    }

    /// Index of the person with this id, if any.
    pub fn person_index(&self, id: &str) -> Option<usize> {
        self.people.iter().position(|p| p.id == id)
    }
}
