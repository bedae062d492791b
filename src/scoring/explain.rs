//! Explanations: why a person has the total they have, and why one is above another.

use crate::model::MissingPolicy;

use super::evaluation::{Evaluation, PostEvaluation, Row};

/// One criterion's part in a person's total.
#[derive(Debug, Clone, PartialEq)]
pub struct Contribution {
    /// Criterion index in scheme order.
    pub criterion: usize,
    /// The weight actually applied (renormalized under `Reweight`).
    pub weight: f64,
    /// Normalized 0..100 score; `None` when missing.
    pub score: Option<f64>,
    /// Weight × score: the points this criterion adds to the total.
    pub points: f64,
}

/// Each criterion's contribution to a ranked person's total, in scheme order; they add
/// up to the total. Empty for people who were not scored.
pub fn contributions(
    evaluation: &Evaluation,
    post: &PostEvaluation,
    row: &Row,
) -> Vec<Contribution> {
    if row.total.is_none() {
        return Vec::new();
    }
    let present: f64 = (0..evaluation.criteria.len())
        .filter(|&k| post.score(row, k).is_some())
        .map(|k| evaluation.weights[k])
        .sum();
    (0..evaluation.criteria.len())
        .map(|k| {
            let score = post.score(row, k);
            let weight = match (evaluation.missing, score) {
                (MissingPolicy::Reweight, Some(_)) if present > 0.0 => {
                    evaluation.weights[k] / present
                }
                (MissingPolicy::Reweight, None) => 0.0,
                _ => evaluation.weights[k],
            };
            Contribution {
                criterion: k,
                weight,
                score,
                points: weight * score.unwrap_or(0.0),
            }
        })
        .collect()
}

/// One criterion's share of the gap between two people.
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    /// Criterion index in scheme order.
    pub criterion: usize,
    /// Points of A minus points of B on this criterion.
    pub points: f64,
}

/// The difference of two ranked people's totals decomposed by criterion, largest
/// magnitude first; the parts add up to `total(a) - total(b)`.
pub fn compare(
    evaluation: &Evaluation,
    post: &PostEvaluation,
    a: &Row,
    b: &Row,
) -> Vec<Difference> {
    let ca = contributions(evaluation, post, a);
    let cb = contributions(evaluation, post, b);
    if ca.is_empty() || cb.is_empty() {
        return Vec::new();
    }
    let mut parts: Vec<Difference> = ca
        .iter()
        .zip(&cb)
        .map(|(x, y)| Difference {
            criterion: x.criterion,
            points: x.points - y.points,
        })
        .collect();
    parts.sort_by(|x, y| {
        y.points
            .abs()
            .total_cmp(&x.points.abs())
            .then(x.criterion.cmp(&y.criterion))
    });
    parts
}
