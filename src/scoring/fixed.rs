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

use std::sync::Arc;

use rayon::prelude::*;

use crate::model::MissingPolicy;

/// Marks a cell without an integer score.
const ABSENT: i64 = i64::MIN;

/// Most decimals a value may have to take the integer path.
const MAX_DECIMALS: u32 = 6;

/// `v` as an integer count of `10^-digits`, if it is exactly that decimal (the decimal with
/// `digits` decimals that rounds to `v`; within these bounds there is at most one).
fn scaled(v: f64, digits: u32) -> Option<i128> {
    scaled_by(v, 10f64.powi(digits as i32))
}

/// [`scaled`] with `factor` = 10^digits.
fn scaled_by(v: f64, factor: f64) -> Option<i128> {
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

/// One criterion's column as typed: its bounds and direction (the values are the
/// cohort's member-major raw matrix).
pub(crate) struct Column {
    /// Normalization bounds (the scale's or the observed ones).
    pub bounds: (f64, f64),
    /// Lower raw values are better.
    pub lower_is_better: bool,
}

/// Normalized scores of a cohort as integers over one shared denominator: kept for a
/// cohort of up to [`KEPT_CELLS`] cells (what a slider re-ranks every frame reads), worked
/// out from the raw values when asked for a larger one (a cohort of a million, ranked
/// once, would keep 48 MB for the one total in ten on a half cent).
#[derive(Debug)]
pub(crate) struct FixedScores {
    /// The cohort's member-major raw values.
    raw: Arc<Vec<f64>>,
    /// Member-major numerators, for a cohort of up to [`KEPT_CELLS`] cells; [`ABSENT`]
    /// where missing or not representable.
    kept: Option<Vec<i64>>,
    /// Per column, how a raw value becomes a numerator; `None`: not representable.
    scalings: Vec<Option<Scaling>>,
    /// The shared denominator.
    denominator: i128,
    columns: usize,
}

/// Cells of a cohort whose integer scores are kept (8 MB of them).
const KEPT_CELLS: usize = 1 << 20;

/// From this many members on, the matrix is read in parallel.
const PARALLEL_FROM: usize = 4096;

/// Members per parallel task.
const CHUNK: usize = 4096;

/// How one column turns raw values into numerators over the shared denominator.
#[derive(Debug)]
struct Scaling {
    /// 10^digits, the column's decimals.
    factor: f64,
    lo: i128,
    hi: i128,
    /// The shared denominator over this column's own (its span, or 1).
    multiplier: i128,
    lower_is_better: bool,
}

impl FixedScores {
    /// Builds the integer scores of a member-major `raw` matrix (`columns.len()` values
    /// per member; NaN: missing or invalid) whose `rated` cells were aggregated, or `None`
    /// when the shared denominator would overflow. They are kept for a cohort of up to
    /// [`KEPT_CELLS`] cells when it will be `re_ranked`, else worked out when asked for.
    pub fn new(
        raw: Arc<Vec<f64>>,
        rated: &[bool],
        columns: &[Column],
        re_ranked: bool,
    ) -> Option<Self> {
        let c = columns.len();
        let digits = column_digits(&raw, rated, columns);
        let mut spans = vec![None; c];
        let mut denominator = 1i128;
        for (k, column) in columns.iter().enumerate() {
            let Some(d) = digits[k] else { continue };
            let (lo, hi) = column.bounds;
            let (Some(lo), Some(hi)) = (scaled(lo, d), scaled(hi, d)) else {
                continue;
            };
            let span = if hi == lo { 1 } else { hi - lo };
            denominator = lcm(denominator, span)?;
            spans[k] = Some((d, lo, hi, span));
        }
        let scalings: Vec<Option<Scaling>> = (0..c)
            .map(|k| {
                let (d, lo, hi, span) = spans[k]?;
                Some(Scaling {
                    factor: 10f64.powi(d as i32),
                    lo,
                    hi,
                    multiplier: denominator / span,
                    lower_is_better: columns[k].lower_is_better,
                })
            })
            .collect();
        let mut scores = FixedScores {
            raw,
            scalings,
            kept: None,
            denominator,
            columns: c,
        };
        if re_ranked && scores.raw.len() <= KEPT_CELLS && c > 0 {
            scores.kept = Some(scores.numerators());
        }
        Some(scores)
    }

    /// The integer score of one cell, comparable across members on the same criterion.
    pub fn numerator(&self, member: usize, criterion: usize) -> Option<i64> {
        match &self.kept {
            Some(kept) => {
                Some(*kept.get(member * self.columns + criterion)?).filter(|n| *n != ABSENT)
            }
            None => self.compute(member, criterion),
        }
    }

    /// Every cell's numerator, member-major ([`ABSENT`] where there is none); in parallel
    /// parts for a large cohort.
    fn numerators(&self) -> Vec<i64> {
        let c = self.columns;
        let mut kept = vec![ABSENT; self.raw.len()];
        let fill = |(out, values): (&mut [i64], &[f64])| {
            for (out, cells) in out.chunks_mut(c).zip(values.chunks(c)) {
                for ((out, v), scaling) in out.iter_mut().zip(cells).zip(&self.scalings) {
                    if let Some(n) = scaling.as_ref().and_then(|s| s.numerator(*v)) {
                        *out = n;
                    }
                }
            }
        };
        if self.raw.len() >= PARALLEL_FROM * c {
            kept.par_chunks_mut(CHUNK * c)
                .zip(self.raw.par_chunks(CHUNK * c))
                .for_each(fill);
        } else {
            fill((&mut kept, &self.raw));
        }
        kept
    }

    /// [`FixedScores::numerator`] worked out from the raw value.
    fn compute(&self, member: usize, criterion: usize) -> Option<i64> {
        let scaling = self.scalings.get(criterion)?.as_ref()?;
        scaling.numerator(*self.raw.get(member * self.columns + criterion)?)
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

impl Scaling {
    /// The numerator of raw value `v` over the shared denominator; `None` when missing
    /// or out of `i64`.
    fn numerator(&self, v: f64) -> Option<i64> {
        // Every present value of the column is this decimal exactly (`column_digits`
        // checked it): only the scaling is left, in integers below 10^15. This runs for
        // every total on a half cent of every re-rank.
        let x = (v * self.factor).round();
        let in_range = x.abs() <= 1e15; // false for NaN (missing) too
        if !in_range {
            return None;
        }
        let v = i128::from(x as i64);
        let offset = if self.lower_is_better {
            self.hi - v
        } else {
            v - self.lo
        };
        let span_is_zero = self.hi == self.lo;
        let p = if span_is_zero {
            100
        } else {
            offset.checked_mul(100)?
        };
        let p = i64::try_from(p.checked_mul(self.multiplier)?).ok()?;
        (p != ABSENT).then_some(p)
    }
}

/// Each column's decimals: the most any present value or bound needs, or `None` when a
/// present value is not a short decimal or was aggregated. One pass over the matrix.
fn column_digits(raw: &[f64], rated: &[bool], columns: &[Column]) -> Vec<Option<u32>> {
    let c = columns.len();
    let start: Vec<Option<u32>> = columns
        .iter()
        .map(|column| Some(decimals(column.bounds.0)?.max(decimals(column.bounds.1)?)))
        .collect();
    if c == 0 {
        return start;
    }
    let scan = |mut digits: Vec<Option<u32>>, (values, flags): (&[f64], &[bool])| {
        for (cells, flags) in values.chunks(c).zip(flags.chunks(c)) {
            for ((v, rated), digits) in cells.iter().zip(flags).zip(digits.iter_mut()) {
                let Some(d) = *digits else { continue };
                if v.is_nan() {
                    continue;
                }
                *digits = if *rated {
                    None
                } else if scaled(*v, d).is_some() {
                    Some(d)
                } else {
                    decimals(*v).map(|e| e.max(d))
                };
            }
        }
        digits
    };
    let merge = |a: Vec<Option<u32>>, b: Vec<Option<u32>>| -> Vec<Option<u32>> {
        a.iter()
            .zip(&b)
            .map(|(x, y)| Some((*x)?.max((*y)?)))
            .collect()
    };
    if raw.len() >= PARALLEL_FROM * c {
        raw.par_chunks(CHUNK * c)
            .zip(rated.par_chunks(CHUNK * c))
            .fold(|| start.clone(), scan)
            .reduce(|| start.clone(), merge)
    } else {
        scan(start.clone(), (raw, rated))
    }
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
        let column = || Column {
            bounds: (0.0, 100.0),
            lower_is_better: false,
        };
        let scores = FixedScores::new(
            Arc::new(raw.to_vec()),
            &[false, false],
            &[column(), column()],
            true,
        )
        .unwrap();
        let weights = FixedWeights::new(&[1.0], &[30.0, 70.0], &[0, 0]).unwrap();
        assert_eq!(
            scores.cents(0, &raw, &weights, MissingPolicy::Exclude),
            Some(8032)
        );
    }

    #[test]
    fn rated_or_long_values_decline() {
        let column = || Column {
            bounds: (0.0, 100.0),
            lower_is_better: false,
        };
        let scores =
            FixedScores::new(Arc::new(vec![1.0 / 3.0]), &[false], &[column()], true).unwrap();
        assert_eq!(scores.numerator(0, 0), None);
        let rated = FixedScores::new(Arc::new(vec![50.0]), &[true], &[column()], true).unwrap();
        assert_eq!(rated.numerator(0, 0), None);
    }

    #[test]
    fn a_large_matrix_is_read_in_parallel_parts() {
        // Column 0: one decimal, then a two-decimal value far down (read by another task);
        // column 1: lower is better on 1..5, one member missing; column 2: a rated value.
        let members = 3 * CHUNK + 17;
        let mut raw = Vec::new();
        let mut rated = Vec::new();
        for m in 0..members {
            let first = if m == members - 5 {
                12.25
            } else {
                (m % 1000) as f64 / 10.0
            };
            let second = if m == 7 { f64::NAN } else { (1 + m % 5) as f64 };
            raw.extend([first, second, 50.0]);
            rated.extend([false, false, m == 2 * CHUNK]);
        }
        let columns = [
            Column {
                bounds: (0.0, 100.0),
                lower_is_better: false,
            },
            Column {
                bounds: (1.0, 5.0),
                lower_is_better: true,
            },
            Column {
                bounds: (0.0, 100.0),
                lower_is_better: false,
            },
        ];
        let scores = FixedScores::new(Arc::new(raw), &rated, &columns, true).unwrap();
        // Column 0 in hundredths over a span of 10000, column 1 over a span of 4: the
        // shared denominator is their lcm, 10000.
        assert_eq!(scores.denominator, 10_000);
        let m = members - 5;
        assert_eq!(scores.numerator(m, 0), Some(1225 * 100));
        assert_eq!(scores.numerator(3, 0), Some(30 * 100));
        // (5 − 4) · 100 · 2500 for the value 4 on a lower-is-better 1..5 scale.
        assert_eq!(scores.numerator(3, 1), Some(100 * 2500));
        assert_eq!(scores.numerator(7, 1), None);
        assert_eq!(
            scores.numerator(0, 2),
            None,
            "a rated value anywhere declines the column"
        );
    }
}
