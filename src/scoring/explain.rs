//! Explanations: why a person has the total they have, and why one is above another.
//!
//! [`contributions`] and [`compare`] are the fast float views for the screen;
//! [`compare_exact`] is the one to publish: its parts add up exactly to the difference of
//! the totals, and its cents exactly to the difference of the published totals.

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::model::MissingPolicy;

use super::evaluation::{Evaluation, PostEvaluation, Row};
use super::number::decimal_of_f64;
use super::stages::composite_cents;
use super::{Prepared, Weights};

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

/// One criterion's exact share of the gap between two people.
#[derive(Debug, Clone, PartialEq)]
pub struct ExactPart {
    /// Criterion index in scheme order.
    pub criterion: usize,
    /// Points of A minus points of B, exactly (from the decimals that were typed).
    pub points: BigRational,
    /// The share in whole cents; the parts' cents add up exactly to the difference of
    /// the published totals (largest-remainder apportionment of the exact parts).
    pub cents: i64,
}

/// "Why is A above B", exactly: the parts sum to the difference of the full totals in
/// exact arithmetic, and their cents sum to the difference of the published totals.
#[derive(Debug, Clone, PartialEq)]
pub struct ExactDifference {
    /// The parts, largest magnitude first (then scheme order).
    pub parts: Vec<ExactPart>,
    /// total(A) − total(B) at full precision.
    pub full: BigRational,
    /// published(A) − published(B), in cents.
    pub published_cents: i64,
}

/// The exact decomposition of `total(a) − total(b)` under `weights` (those `post` was
/// ranked with). `None` when either is unranked or not in `prepared`'s cohort of `post`.
pub fn compare_exact(
    prepared: &Prepared<'_>,
    weights: &Weights,
    post: &PostEvaluation,
    a: &Row,
    b: &Row,
) -> Option<ExactDifference> {
    let cohort = prepared.cohorts.iter().find(|c| c.post == post.post)?;
    let effective = weights.effective::<BigRational>();
    let policy = prepared.project.scheme.missing;
    let points = |row: &Row| -> Option<Vec<BigRational>> {
        row.total?;
        let scores: Vec<Option<BigRational>> = (0..effective.len())
            .map(|k| prepared.exact_score(cohort, row.member, k))
            .collect();
        let present = effective
            .iter()
            .zip(&scores)
            .filter(|(_, s)| s.is_some())
            .fold(BigRational::zero(), |acc, (w, _)| acc + w);
        let reweight = policy == MissingPolicy::Reweight && !present.is_zero();
        Some(
            effective
                .iter()
                .zip(scores)
                .map(|(w, s)| {
                    let p = s.map_or_else(BigRational::zero, |s| w * s);
                    if reweight { p / &present } else { p }
                })
                .collect(),
        )
    };
    let (pa, pb) = (points(a)?, points(b)?);
    let exact: Vec<BigRational> = pa.into_iter().zip(pb).map(|(x, y)| x - y).collect();
    let published_cents = a.cents? - b.cents?;
    Some(difference_of(exact, published_cents))
}

/// "Why is A above B" at a stage that ranks on a composite of the stages' published
/// totals (see [`super::stages::composite_cents`]): the composite difference decomposed by
/// stage, part i = wᵢ (aᵢ − bᵢ) / Σw exactly, with cents that add up to the difference of
/// the published composites. `a` and `b` are the published totals in cents, stage by stage;
/// `None` when a weighted total is missing or no weight counts. Parts are in stage order
/// sorted like [`compare_exact`]'s (`criterion` holds the stage index).
pub fn compare_composite(
    weights: &[f64],
    a: &[Option<i64>],
    b: &[Option<i64>],
) -> Option<ExactDifference> {
    // Weights beyond the stages so far are ignored, as the ranking ignores them.
    let weights = &weights[..weights.len().min(a.len()).min(b.len())];
    let published_cents = composite_cents(weights, a)? - composite_cents(weights, b)?;
    let counted = |w: &f64| w.is_finite() && *w > 0.0;
    let total = weights
        .iter()
        .filter(|w| counted(w))
        .fold(BigRational::zero(), |acc, w| acc + decimal_of_f64(*w));
    let hundred = BigRational::from_integer(BigInt::from(100));
    let mut exact = Vec::with_capacity(weights.len());
    for (i, w) in weights.iter().enumerate() {
        if !counted(w) {
            exact.push(BigRational::zero());
            continue;
        }
        let gap = BigInt::from((*a.get(i)?)? - (*b.get(i)?)?);
        exact.push(decimal_of_f64(*w) * BigRational::from_integer(gap) / (&total * &hundred));
    }
    Some(difference_of(exact, published_cents))
}

/// Whole cents for each exact part (in points) that add up to `target` cents: each part
/// floored, then the missing cents go to the largest remainders (ties: scheme order).
/// `target` is within one cent of the exact sum, so at most one cent moves per part.
/// The published total (`total_cents`) split into whole cents across `parts` by largest
/// remainder, so the parts shown for one person add up exactly to the total published,
/// which a part-by-part rounding does not (0.3 × 81.05 + 0.7 × 80 = 80.315 is published
/// 80.32, while 24.31 + 56.00 = 80.31).
pub fn published_parts(parts: &[Contribution], total_cents: i64) -> Vec<i64> {
    let exact: Vec<BigRational> = parts.iter().map(|c| decimal_of_f64(c.points)).collect();
    apportion(&exact, total_cents)
}

/// The exact parts of a difference, its published cents split across them by largest
/// remainder, and the parts sorted largest first (scheme order among equals).
fn difference_of(exact: Vec<BigRational>, published_cents: i64) -> ExactDifference {
    let full = exact.iter().fold(BigRational::zero(), |acc, x| acc + x);
    let cents = apportion(&exact, published_cents);
    let mut parts: Vec<ExactPart> = exact
        .into_iter()
        .zip(cents)
        .enumerate()
        .map(|(criterion, (points, cents))| ExactPart {
            criterion,
            points,
            cents,
        })
        .collect();
    parts.sort_by(|x, y| {
        y.points
            .abs()
            .cmp(&x.points.abs())
            .then(x.criterion.cmp(&y.criterion))
    });
    ExactDifference {
        parts,
        full,
        published_cents,
    }
}

fn apportion(parts: &[BigRational], target: i64) -> Vec<i64> {
    let hundred = BigRational::from_integer(BigInt::from(100));
    let scaled: Vec<BigRational> = parts.iter().map(|p| p * &hundred).collect();
    let mut cents: Vec<i64> = scaled
        .iter()
        .map(|x| x.floor().to_integer().to_i64().unwrap_or(0))
        .collect();
    let mut order: Vec<usize> = (0..parts.len()).collect();
    let remainder = |k: usize| scaled[k].clone() - scaled[k].floor();
    order.sort_by(|&x, &y| remainder(y).cmp(&remainder(x)).then(x.cmp(&y)));
    let mut missing = target - cents.iter().sum::<i64>();
    // Within one cent, `missing` is in 0..=len; loop defensively either way.
    let mut i = 0;
    while missing != 0 && !order.is_empty() {
        let k = order[i % order.len()];
        let step = missing.signum();
        cents[k] += step;
        missing -= step;
        i += 1;
    }
    cents
}

#[cfg(test)]
#[path = "explain_tests.rs"]
mod tests;
