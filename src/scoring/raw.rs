//! Raw values: what one person has on one criterion, before normalization, whether typed
//! directly or aggregated from several raters.

use crate::model::{Aggregation, Criterion, Scale, Scheme, Value};

use super::number::Number;

/// Everything that determines one person's raw value on one criterion, validated.
#[derive(Debug, Clone, PartialEq)]
pub enum CellInput {
    /// A directly entered value (a category already turned into its points).
    Direct(f64),
    /// Ratings from several raters.
    Rated {
        /// Per rater group: the group's weight and its ratings, sorted ascending.
        groups: Vec<(String, f64, Vec<f64>)>,
        /// How ratings within a group combine.
        aggregation: Aggregation,
    },
}

/// Why a value cannot be used.
#[derive(Debug, Clone, PartialEq)]
pub struct InvalidValue {
    /// The value as entered.
    pub value: String,
    /// What is wrong, in words a user can act on.
    pub reason: String,
}

/// The points or number a single entered value stands for on `scale`, or why it is
/// invalid. Values outside the scale are errors, never clamped.
pub fn value_points(value: &Value, scale: &Scale) -> Result<f64, InvalidValue> {
    let invalid = |reason: String| InvalidValue {
        value: value.to_string(),
        reason,
    };
    match (value, scale) {
        (Value::Number(x), Scale::Numeric { lo, hi, .. }) => {
            if !x.is_finite() {
                Err(invalid("not a finite number".into()))
            } else if x < lo || x > hi {
                Err(invalid(format!("outside the scale {lo}–{hi}")))
            } else {
                // `-0` is 0: adding +0 clears the sign, so no `-0` reaches a gate or a score.
                Ok(*x + 0.0)
            }
        }
        (Value::Category(label), Scale::Numeric { .. }) => {
            Err(invalid(format!("'{label}' is not a number")))
        }
        (Value::Category(label), Scale::Categorical { .. }) => scale
            .points(label)
            .ok_or_else(|| invalid(format!("not one of {}", scale.describe()))),
        (Value::Number(x), Scale::Categorical { categories }) => {
            // A number on a categorical scale is accepted only if it is one of the points.
            if categories.iter().any(|c| c.1 == *x) {
                Ok(*x + 0.0)
            } else {
                Err(invalid(format!("expected one of {}", scale.describe())))
            }
        }
    }
}

/// Builds the validated input of one cell from a direct value and/or ratings. Ratings,
/// when present, take precedence over a direct value (the criterion is then rated).
/// `ratings` yields (rater group, value).
pub fn cell_input<'a>(
    scheme: &Scheme,
    criterion: &Criterion,
    direct: Option<&Value>,
    ratings: impl Iterator<Item = (&'a str, &'a Value)>,
) -> Result<Option<CellInput>, InvalidValue> {
    let mut groups: Vec<(String, f64, Vec<f64>)> = Vec::new();
    for (group, value) in ratings {
        let points = value_points(value, &criterion.scale)?;
        match groups.iter_mut().find(|g| g.0 == group) {
            Some(g) => g.2.push(points),
            None => groups.push((
                group.to_string(),
                scheme.rater_group_weight(group),
                vec![points],
            )),
        }
    }
    if !groups.is_empty() {
        groups.sort_by(|a, b| a.0.cmp(&b.0));
        for g in &mut groups {
            g.2.sort_by(f64::total_cmp);
        }
        if groups.iter().all(|g| g.1 <= 0.0) {
            return Err(InvalidValue {
                value: format!(
                    "{} ratings",
                    groups.iter().map(|g| g.2.len()).sum::<usize>()
                ),
                reason: "every rater group that rated weighs 0".into(),
            });
        }
        let aggregation = criterion.aggregation.unwrap_or(scheme.aggregation);
        return Ok(Some(CellInput::Rated {
            groups,
            aggregation,
        }));
    }
    match direct {
        Some(value) => value_points(value, &criterion.scale).map(|p| Some(CellInput::Direct(p))),
        None => Ok(None),
    }
}

/// Which rule a group's aggregation actually applied, for explanations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppliedRule {
    /// Plain mean of all ratings.
    Mean,
    /// Median.
    Median,
    /// Mean after dropping `dropped` at each end.
    Trimmed {
        /// How many were dropped at each end.
        dropped: u32,
    },
}

/// The rule `aggregation` applies to `count` ratings: trimming only above its threshold.
pub fn applied_rule(aggregation: Aggregation, count: usize) -> AppliedRule {
    match aggregation {
        Aggregation::Mean => AppliedRule::Mean,
        Aggregation::Median => AppliedRule::Median,
        Aggregation::TrimmedMean { drop, above } => {
            let keeps_some = count > 2 * drop as usize;
            if count > above as usize && keeps_some && drop > 0 {
                AppliedRule::Trimmed { dropped: drop }
            } else {
                AppliedRule::Mean
            }
        }
    }
}

/// Aggregates one group's ratings (sorted ascending).
fn aggregate_group<N: Number>(sorted: &[f64], aggregation: Aggregation) -> N {
    let mean = |values: &[f64]| {
        let sum = values
            .iter()
            .fold(N::from_u64(0), |acc, v| acc + N::from_f64(*v));
        sum / N::from_u64(values.len() as u64)
    };
    match applied_rule(aggregation, sorted.len()) {
        AppliedRule::Mean => mean(sorted),
        AppliedRule::Median => {
            let mid = sorted.len() / 2;
            if sorted.len() % 2 == 1 {
                N::from_f64(sorted[mid])
            } else {
                (N::from_f64(sorted[mid - 1]) + N::from_f64(sorted[mid])) / N::from_u64(2)
            }
        }
        AppliedRule::Trimmed { dropped } => {
            let k = dropped as usize;
            mean(&sorted[k..sorted.len() - k])
        }
    }
}

/// The raw value of a cell: the direct value, or the weighted mean over rater groups of
/// each group's aggregate, weights renormalized over the groups that rated.
pub fn raw_value<N: Number>(input: &CellInput) -> N {
    match input {
        CellInput::Direct(x) => N::from_f64(*x),
        CellInput::Rated {
            groups,
            aggregation,
        } => {
            let mut weighted = N::from_u64(0);
            let mut total_weight = N::from_u64(0);
            for (_, weight, values) in groups {
                if *weight <= 0.0 || values.is_empty() {
                    continue;
                }
                let w = N::from_f64(*weight);
                weighted = weighted + w.clone() * aggregate_group::<N>(values, *aggregation);
                total_weight = total_weight + w;
            }
            weighted / total_weight
        }
    }
}

/// Normalizes a raw value to 0..100 between `lo` and `hi` (the scale's, or the cohort's
/// observed ones). When `lo == hi` everyone is at the best end: 100.
pub fn normalize<N: Number>(raw: N, lo: N, hi: N, lower_is_better: bool) -> N {
    let span = hi.clone() - lo.clone();
    if span.is_zero() {
        return N::from_u64(100);
    }
    let offset = if lower_is_better { hi - raw } else { raw - lo };
    offset * N::from_u64(100) / span
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rated(values: &[f64], aggregation: Aggregation) -> CellInput {
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        CellInput::Rated {
            groups: vec![("".into(), 1.0, sorted)],
            aggregation,
        }
    }

    #[test]
    fn trimmed_mean_drops_only_above_five_ratings() {
        let rule = Aggregation::TrimmedMean { drop: 1, above: 5 };
        // Five ratings: plain mean (90+80+70+60+100)/5 = 80.
        let five = rated(&[90.0, 80.0, 70.0, 60.0, 100.0], rule);
        assert_eq!(raw_value::<f64>(&five), 80.0);
        // Six ratings: drop 100 and 40, mean of 90, 80, 70, 60 = 75.
        let six = rated(&[90.0, 80.0, 70.0, 60.0, 100.0, 40.0], rule);
        assert_eq!(raw_value::<f64>(&six), 75.0);
        assert_eq!(applied_rule(rule, 5), AppliedRule::Mean);
        assert_eq!(applied_rule(rule, 6), AppliedRule::Trimmed { dropped: 1 });
    }

    #[test]
    fn median_of_even_and_odd_counts() {
        assert_eq!(
            raw_value::<f64>(&rated(&[1.0, 9.0, 5.0], Aggregation::Median)),
            5.0
        );
        assert_eq!(
            raw_value::<f64>(&rated(&[1.0, 9.0, 5.0, 7.0], Aggregation::Median)),
            6.0
        );
    }

    #[test]
    fn rater_groups_are_weighted_and_renormalized_over_those_present() {
        // Leaders (weight 30) mean 90, peers (weight 50) mean 70: (30×90 + 50×70) / 80 = 77.5.
        let input = CellInput::Rated {
            groups: vec![
                ("领导".into(), 30.0, vec![88.0, 92.0]),
                ("群众".into(), 50.0, vec![60.0, 80.0]),
            ],
            aggregation: Aggregation::Mean,
        };
        assert_eq!(raw_value::<f64>(&input), 77.5);
    }

    #[test]
    fn lower_is_better_reverses_the_scale() {
        assert_eq!(normalize(2.0, 0.0, 10.0, true), 80.0);
        assert_eq!(normalize(2.0, 0.0, 10.0, false), 20.0);
        assert_eq!(normalize(5.0, 5.0, 5.0, false), 100.0);
    }

    #[test]
    fn out_of_scale_and_unknown_categories_are_errors_not_clamps() {
        let scale = Scale::default();
        let err = value_points(&Value::Number(100.5), &scale).unwrap_err();
        assert!(err.reason.contains("outside"), "{err:?}");
        let ballots = Scale::Categorical {
            categories: vec![("优秀".into(), 100.0), ("称职".into(), 80.0)],
        };
        assert_eq!(
            value_points(&Value::Category("称职".into()), &ballots),
            Ok(80.0)
        );
        assert!(value_points(&Value::Category("良好".into()), &ballots).is_err());
    }
}
