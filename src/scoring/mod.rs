//! The scoring engine: pure functions from a [`Project`] to an [`Evaluation`].
//!
//! Semantics are those of `DESIGN.md` ("Scoring semantics"): values validated against
//! their scales (never clamped), raters aggregated per group then across groups,
//! normalization to 0..100, effective weights, gates, the missing-score policy, totals
//! published with 2 decimals rounded half up on the decimal value, competition ranks with
//! ordered tie-breakers, and selection with openings and a shortlist.
//!
//! It never does I/O and never imports egui. Same input, same output, bit for bit.
//! Evaluation is split in two so a weight change re-ranks without redoing the rest:
//! [`Prepared::new`] (validation, aggregation, normalization, gates) and
//! [`Prepared::rank`] (totals, ranks, selection).

pub mod describe;
mod evaluation;
pub mod explain;
mod fixed;
pub mod number;
mod people;
mod prepare;
mod rank;
pub mod raw;
pub mod stages;

pub use evaluation::{Evaluation, Gap, GateFailure, PostEvaluation, Row, Status};
pub use people::People;
pub use prepare::Prepared;
pub use rank::Weights;

use crate::model::Project;

/// Evaluates a project under its own scheme and weights.
pub fn evaluate(project: &Project) -> Evaluation {
    Prepared::new(project).rank(&Weights::from_scheme(&project.scheme))
}

#[cfg(test)]
mod tests;
