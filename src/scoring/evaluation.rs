//! What the engine returns: per post, every person's status, total and rank.

use std::sync::Arc;

use crate::model::{Gate, MissingPolicy};

/// A criterion a person failed to pass the gate of.
#[derive(Debug, Clone, PartialEq)]
pub struct GateFailure {
    /// Index of the criterion in scheme order.
    pub criterion: usize,
    /// The raw value, or `None` when it is missing (a gate cannot be passed unseen).
    pub raw: Option<f64>,
    /// The gate not passed.
    pub gate: Gate,
}

/// Something that keeps a person from being scored.
#[derive(Debug, Clone, PartialEq)]
pub enum Gap {
    /// No value for this criterion (index in scheme order).
    Missing(usize),
    /// A value that cannot be used: outside the scale, not a category, and so on.
    Invalid {
        /// Index of the criterion in scheme order.
        criterion: usize,
        /// The value as entered.
        value: String,
        /// Why it cannot be used.
        reason: String,
    },
    /// Under `Reweight`, every criterion the person has weighs 0.
    NothingWeighted,
}

/// Where a person ends up.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    /// Among the top `openings` (ties at the cut-off included).
    Selected,
    /// On the shortlist after the selected.
    Shortlisted,
    /// Ranked, but below the shortlist.
    NotSelected,
    /// Failed one or more gates; not ranked. (Shared: re-ranking copies no lists.)
    Ineligible(Arc<[GateFailure]>),
    /// Missing or invalid scores; not ranked. (Shared: re-ranking copies no lists.)
    Incomplete(Arc<[Gap]>),
}

impl Status {
    /// The machine-readable name used in CSV and JSON output.
    pub fn code(&self) -> &'static str {
        match self {
            Status::Selected => "selected",
            Status::Shortlisted => "shortlisted",
            Status::NotSelected => "not_selected",
            Status::Ineligible(_) => "ineligible",
            Status::Incomplete(_) => "incomplete",
        }
    }

    /// Whether the person has a rank.
    pub fn is_ranked(&self) -> bool {
        matches!(
            self,
            Status::Selected | Status::Shortlisted | Status::NotSelected
        )
    }
}

/// One person's result within a post.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Index into `Project::people`.
    pub person: usize,
    /// Index of this person's line in the post's score matrix.
    pub(crate) member: usize,
    /// Competition rank (1, 2, 2, 4) among the ranked; `None` for the unranked.
    pub rank: Option<u32>,
    /// Total at full precision, 0..100; `None` for the unranked.
    pub total: Option<f64>,
    /// The published total in cents (2 decimals, half up on the decimal value).
    pub cents: Option<i64>,
    /// Where the person ends up.
    pub status: Status,
    /// Shares the rank with someone (equal published total and equal tie-breakers).
    pub tied: bool,
    /// In a tie that straddles the selection or shortlist cut-off (all of it goes through).
    pub tie_at_cutoff: bool,
    /// Index of the tie-breaker that separated this person from a neighbour with the
    /// same published total.
    pub decided_by: Option<usize>,
}

/// The ranking of one post (or of the people with no post).
#[derive(Debug, Clone, PartialEq)]
pub struct PostEvaluation {
    /// The post id; `None` for people without a post.
    pub post: Option<String>,
    /// Openings (0 when the post is unknown or absent).
    pub openings: u32,
    /// Shortlist size, selected included.
    pub shortlist: u32,
    /// Ranked people by rank, then the ineligible, then the incomplete (each by id).
    pub rows: Vec<Row>,
    pub(crate) criteria_count: usize,
    /// Normalized scores, member-major; NaN where missing or invalid.
    pub(crate) scores: Arc<Vec<f64>>,
    /// Raw values, member-major; NaN where missing or invalid.
    pub(crate) raw: Arc<Vec<f64>>,
}

impl PostEvaluation {
    /// The person's normalized 0..100 score on criterion `criterion` (scheme order).
    pub fn score(&self, row: &Row, criterion: usize) -> Option<f64> {
        let x = self.scores[row.member * self.criteria_count + criterion];
        (!x.is_nan()).then_some(x)
    }

    /// The normalized score of the post's member `member` (the person's line in the score
    /// matrix, [`Row`]'s `member`) on criterion `criterion`.
    pub(crate) fn member_score(&self, member: usize, criterion: usize) -> Option<f64> {
        let x = *self.scores.get(member * self.criteria_count + criterion)?;
        (!x.is_nan()).then_some(x)
    }

    /// The person's raw value on criterion `criterion` (aggregated when rated).
    pub fn raw(&self, row: &Row, criterion: usize) -> Option<f64> {
        let x = self.raw[row.member * self.criteria_count + criterion];
        (!x.is_nan()).then_some(x)
    }

    /// The row of a person (index into `Project::people`), if in this post.
    pub fn row_of(&self, person: usize) -> Option<&Row> {
        self.rows.iter().find(|r| r.person == person)
    }
}

/// The result of evaluating a project.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// Criterion keys in scheme order (the columns of every score matrix).
    pub criteria: Vec<String>,
    /// Effective weights used, in scheme order, summing to 1.
    pub weights: Vec<f64>,
    /// The missing-score policy applied.
    pub missing: MissingPolicy,
    /// One ranking per post, in project order; unknown posts, then no post, last.
    pub posts: Vec<PostEvaluation>,
    /// Data problems that did not stop the evaluation (ratings of unknown people, …).
    pub warnings: Vec<String>,
}

impl Evaluation {
    /// The ranking of `post` (`None`: people without a post).
    pub fn post(&self, post: Option<&str>) -> Option<&PostEvaluation> {
        self.posts.iter().find(|p| p.post.as_deref() == post)
    }
}
