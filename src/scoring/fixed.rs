//! Exact totals in integer arithmetic, for the common case: every value a short decimal.
//!
//! A published total that lies on a half cent must round up on its decimal value, which
//! floats cannot tell from a hair below. Exact rationals ([`super::number`]) always can, but
//! allocate; with one-decimal scores and weights like 15%, one person in ten sits on a half
//! cent, too many for a slider that re-ranks every frame. Here each normalized score is an
//! integer over one denominator shared by the whole cohort, and each weight an integer over
//! one shared denominator, so an exact total is a handful of `i128` multiplications. Any
//! value that is not a short decimal, any rated (aggregated) value, or any overflow returns
//! `None`, and the caller falls back to exact rationals: this module may decline, never err.

use crate::model::MissingPolicy;

/// Marks a cell without an integer score.
const ABSENT: i64 = i64::MIN;

/// Most decimals a value may have to take the integer path.
const MAX_DECIMALS: u32 = 6;

/// `v` as an integer count of `10^-digits`, if it is exactly that decimal (the decimal with
/// `digits` decimals that rounds to `v`; within these bounds there is at most one).
fn scaled(v: f64, digits: u32) -> Option<i128> {
    let factor = 10f64.powi(digits as i32);
    let x = (v * factor).round();
    (x.abs() <= 1e15 && x / factor == v).then_some(x as i128)
}

/// The fewest decimals (up to [`MAX_DECIMALS`]) that write `v` exactly as typed.
fn decimals(v: f64) -> Option<u32> {
    (0..=MAX_DECIMALS).find(|&d| scaled(v, d).is_some())
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.abs()
}

fn lcm(a: i128, b: i128) -> Option<i128> {
    if a == 0 || b == 0 {
        return Some(a.max(b));
    }
    (a / gcd(a, b)).checked_mul(b)
}

/// One criterion's column as typed: raw values, bounds and direction.
pub(crate) struct Column<'a> {
    /// Raw values of the cohort's members (NaN: missing or invalid).
    pub raw: &'a [f64],
    /// Whether each member's value was aggregated from ratings (not a short decimal).
    pub rated: &'a [bool],
    /// Normalization bounds (the scale's or the observed ones).
    pub bounds: (f64, f64),
    /// Lower raw values are better.
    pub lower_is_better: bool,
}

/// Normalized scores of a cohort as integers over one shared denominator.
#[derive(Debug)]
pub(crate) struct FixedScores {
    /// Member-major numerators; [`ABSENT`] where missing or not representable. `i64`, so
    /// a product with a weight never overflows `i128`.
    numerators: Vec<i64>,
    /// The shared denominator.
    denominator: i128,
    columns: usize,
}

impl FixedScores {
    /// Builds the integer scores of `columns` (each with `members` entries), or `None` when
    /// the shared denominator would overflow.
    pub fn new(columns: &[Column<'_>], members: usize) -> Option<Self> {
        let per_column: Vec<Option<(Vec<Option<i128>>, i128)>> = columns
            .iter()
            .map(|c| column_fractions(c, members))
            .collect();
        let mut denominator = 1i128;
        for (_, q) in per_column.iter().flatten() {
            denominator = lcm(denominator, *q)?;
        }
        let c = columns.len();
        let mut numerators = vec![ABSENT; members * c];
        for (k, column) in per_column.iter().enumerate() {
            let Some((nums, q)) = column else { continue };
            let factor = denominator / q;
            for (m, p) in nums.iter().enumerate() {
                let scaled = p
                    .and_then(|p| p.checked_mul(factor))
                    .and_then(|p| i64::try_from(p).ok());
                numerators[m * c + k] = scaled.filter(|p| *p != ABSENT).unwrap_or(ABSENT);
            }
        }
        Some(FixedScores {
            numerators,
            denominator,
            columns: c,
        })
    }

    /// The integer score of one cell, comparable across members on the same criterion.
    pub fn numerator(&self, member: usize, criterion: usize) -> Option<i64> {
        let n = self.numerators[member * self.columns + criterion];
        (n != ABSENT).then_some(n)
    }

    /// The exact published total in cents of one member, or `None` to fall back.
    /// `scores` are the member's float scores (NaN: missing), only to tell missing apart.
    pub fn cents(
        &self,
        member: usize,
        scores: &[f64],
        weights: &FixedWeights,
        policy: MissingPolicy,
    ) -> Option<i64> {
        let mut numerator = 0i128;
        let mut present_weight = 0i128;
        for (k, s) in scores.iter().enumerate() {
            if s.is_nan() {
                continue;
            }
            let p = i128::from(self.numerator(member, k)?);
            let w = i128::from(weights.numerators[k]);
            numerator = numerator.checked_add(w * p)?;
            present_weight = present_weight.checked_add(w)?;
        }
        let weight_denominator = match policy {
            MissingPolicy::Reweight => present_weight,
            MissingPolicy::Exclude | MissingPolicy::Zero => weights.denominator,
        };
        let denominator = self.denominator.checked_mul(weight_denominator)?;
        if denominator <= 0 || numerator < 0 {
            return None;
        }
        // cents = ⌊100·N/D + 1/2⌋ = ⌊(200·N + D) / 2D⌋ for N ≥ 0.
        let twice = denominator.checked_mul(2)?;
        let cents = numerator.checked_mul(200)?.checked_add(denominator)? / twice;
        i64::try_from(cents).ok()
    }
}

/// A column's scores as (numerators, denominator), or `None` when any present value is not
/// a short decimal or was aggregated.
fn column_fractions(column: &Column<'_>, members: usize) -> Option<(Vec<Option<i128>>, i128)> {
    let (lo, hi) = column.bounds;
    let mut digits = decimals(lo)?.max(decimals(hi)?);
    for (m, v) in column.raw.iter().enumerate().take(members) {
        if v.is_nan() {
            continue;
        }
        if column.rated[m] {
            return None;
        }
        digits = digits.max(decimals(*v)?);
    }
    let (lo, hi) = (scaled(lo, digits)?, scaled(hi, digits)?);
    let span = hi - lo;
    let mut numerators = Vec::with_capacity(members);
    for v in column.raw.iter().take(members) {
        if v.is_nan() {
            numerators.push(None);
            continue;
        }
        let v = scaled(*v, digits)?;
        let offset = if column.lower_is_better {
            hi - v
        } else {
            v - lo
        };
        numerators.push(Some(if span == 0 {
            100
        } else {
            offset.checked_mul(100)?
        }));
    }
    Some((numerators, if span == 0 { 1 } else { span }))
}

/// Effective weights as integers over one shared denominator.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FixedWeights {
    numerators: Vec<i64>,
    denominator: i128,
}

impl FixedWeights {
    /// From group weights, criterion weights and each criterion's group; `None` when a
    /// weight is not a short decimal or the arithmetic would overflow.
    pub fn new(groups: &[f64], criteria: &[f64], group_of: &[usize]) -> Option<Self> {
        let clean = |w: f64| if w > 0.0 { w } else { 0.0 };
        let all = groups.iter().chain(criteria).map(|w| clean(*w));
        let mut digits = 0;
        for w in all {
            digits = digits.max(decimals(w)?);
        }
        let g: Vec<i128> = groups
            .iter()
            .map(|w| scaled(clean(*w), digits))
            .collect::<Option<_>>()?;
        let c: Vec<i128> = criteria
            .iter()
            .map(|w| scaled(clean(*w), digits))
            .collect::<Option<_>>()?;
        let group_total: i128 = g.iter().sum();
        let mut inner = vec![0i128; g.len()];
        for (k, w) in c.iter().enumerate() {
            inner[group_of[k]] += w;
        }
        let mut common_inner = 1i128;
        for s in inner.iter().filter(|s| **s > 0) {
            common_inner = lcm(common_inner, *s)?;
        }
        let mut numerators = Vec::with_capacity(c.len());
        for (k, w) in c.iter().enumerate() {
            let group = group_of[k];
            let n = if group_total == 0 || inner[group] == 0 {
                0
            } else {
                g[group]
                    .checked_mul(*w)?
                    .checked_mul(common_inner / inner[group])?
            };
            numerators.push(i64::try_from(n).ok()?);
        }
        let denominator = group_total.checked_mul(common_inner)?;
        Some(FixedWeights {
            numerators,
            denominator,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_decimals_are_recognized_exactly() {
        assert_eq!(decimals(81.05), Some(2));
        assert_eq!(scaled(81.05, 2), Some(8105));
        assert_eq!(decimals(60.0), Some(0));
        assert_eq!(
            decimals(0.1 + 0.2),
            None,
            "0.30000000000000004 is not a short decimal"
        );
        assert_eq!(decimals(1.0 / 3.0), None);
    }

    #[test]
    fn the_design_example_in_integers() {
        // exam 81.05 (weight 30), interview 80 (weight 70): 80.315 → 8032 cents.
        let raw = [81.05, 80.0];
        let rated = [false];
        let columns: Vec<Column<'_>> = raw
            .iter()
            .map(|v| Column {
                raw: std::slice::from_ref(v),
                rated: &rated,
                bounds: (0.0, 100.0),
                lower_is_better: false,
            })
            .collect();
        let scores = FixedScores::new(&columns, 1).unwrap();
        let weights = FixedWeights::new(&[1.0], &[30.0, 70.0], &[0, 0]).unwrap();
        assert_eq!(
            scores.cents(0, &raw, &weights, MissingPolicy::Exclude),
            Some(8032)
        );
    }

    #[test]
    fn rated_or_long_values_decline() {
        let raw = [1.0 / 3.0];
        let column = Column {
            raw: &raw,
            rated: &[false],
            bounds: (0.0, 100.0),
            lower_is_better: false,
        };
        let scores = FixedScores::new(&[column], 1).unwrap();
        assert_eq!(scores.numerator(0, 0), None);
        let rated = Column {
            raw: &[50.0],
            rated: &[true],
            bounds: (0.0, 100.0),
            lower_is_better: false,
        };
        assert_eq!(FixedScores::new(&[rated], 1).unwrap().numerator(0, 0), None);
    }
}
