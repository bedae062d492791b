//! The data a Merit project holds: people, posts, ratings and the evaluation scheme.
//!
//! Plain serde data and nothing else: no file access, no egui, no scoring. Everything that
//! reads or writes these types lives in [`crate::io`]; everything that computes from them
//! lives in [`crate::scoring`].

mod audit;
mod keymap;
mod person;
mod project;
mod scheme;
mod stage;
mod validate;

pub use audit::AuditEntry;
pub use keymap::{Iter as KeyMapIter, Key, KeyMap};
pub use person::{MAX_TALLY_BALLOTS, Person, Post, Rating, Value, tally_ballots};
pub use project::{CURRENT_VERSION, Project};
pub use scheme::{
    Aggregation, BallotRules, Criterion, Direction, Gate, GateOp, Group, MissingPolicy,
    Normalization, RateOf, RaterGroupWeight, Scale, Scheme, TieBreaker, TieKey,
};
pub use stage::Stage;
