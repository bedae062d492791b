//! The weight-dependent half: totals, published rounding, ranking with tie-breakers,
//! competition ranks and selection with openings and shortlist.

use std::cmp::Ordering;
use std::sync::OnceLock;

use num_rational::BigRational;
use rayon::iter::Either;
use rayon::prelude::*;

use crate::model::{MissingPolicy, Scheme};

use super::evaluation::{Evaluation, Gap, PostEvaluation, Row, Status};
use super::fixed::FixedWeights;
use super::number::{Number, exact_cents, publish_cents, too_close_to_call};
use super::prepare::{Cohort, Prepared};

/// Weights as the user entered them: per group and per criterion (scheme order). Only
/// their proportions matter.
#[derive(Debug, Clone, PartialEq)]
pub struct Weights {
    /// Weight of each group.
    pub groups: Vec<f64>,
    /// Weight of each criterion inside its group, in scheme order.
    pub criteria: Vec<f64>,
    /// The group of each criterion.
    group_of: Vec<usize>,
}

impl Weights {
    /// The weights a scheme holds.
    pub fn from_scheme(scheme: &Scheme) -> Self {
        let mut criteria = Vec::new();
        let mut group_of = Vec::new();
        for (g, group) in scheme.groups.iter().enumerate() {
            for c in &group.criteria {
                criteria.push(c.weight);
                group_of.push(g);
            }
        }
        Weights {
            groups: scheme.groups.iter().map(|g| g.weight).collect(),
            criteria,
            group_of,
        }
    }

    /// The weights as exact integers, when they are short decimals (see [`super::fixed`]).
    pub(crate) fn fixed(&self) -> Option<FixedWeights> {
        FixedWeights::new(&self.groups, &self.criteria, &self.group_of)
    }

    /// Effective weights (group share × share inside the group), in any number type.
    pub fn effective<N: Number>(&self) -> Vec<N> {
        let clean = |w: f64| N::from_f64(if w > 0.0 { w } else { 0.0 });
        let group_total = self
            .groups
            .iter()
            .fold(N::from_u64(0), |acc, w| acc + clean(*w));
        let mut inner = vec![N::from_u64(0); self.groups.len()];
        for (k, w) in self.criteria.iter().enumerate() {
            let g = self.group_of[k];
            inner[g] = inner[g].clone() + clean(*w);
        }
        (0..self.criteria.len())
            .map(|k| {
                let g = self.group_of[k];
                if group_total.is_zero() || inner[g].is_zero() {
                    N::from_u64(0)
                } else {
                    clean(self.groups[g]) * clean(self.criteria[k])
                        / (group_total.clone() * inner[g].clone())
                }
            })
            .collect()
    }
}

/// From this many people on, posts are ranked in parallel.
const PARALLEL_FROM: usize = 4096;

/// The weights of one ranking in exact forms, the rational one made on first need.
struct ExactWeights<'w> {
    fixed: Option<FixedWeights>,
    rational: OnceLock<Vec<BigRational>>,
    weights: &'w Weights,
}

/// A ranked person's sort keys.
/// 32 bytes: a re-rank sorts one per person.
struct Entry {
    member: u32,
    /// The member's place by id: the last word among true ties.
    id_order: u32,
    total: f64,
    cents: i64,
    /// The first tie-breaker's value, kept here so most comparisons touch nothing else.
    first_tie: f64,
}

impl Prepared<'_> {
    /// Ranks every post under `weights` (normally [`Weights::from_scheme`]).
    pub fn rank(&self, weights: &Weights) -> Evaluation {
        let effective = weights.effective::<f64>();
        let exact = ExactWeights {
            fixed: weights.fixed(),
            rational: OnceLock::new(),
            weights,
        };
        let rank = |cohort: &Cohort| self.rank_cohort(cohort, &effective, &exact);
        let people: usize = self.cohorts.iter().map(|c| c.members.len()).sum();
        // Posts are independent: rank them on all cores when there is enough work to share.
        let posts = if people >= PARALLEL_FROM && self.cohorts.len() > 1 {
            self.cohorts.par_iter().map(rank).collect()
        } else {
            self.cohorts.iter().map(rank).collect()
        };
        Evaluation {
            criteria: self.criteria.iter().map(|c| c.key.clone()).collect(),
            weights: effective,
            missing: self.project.scheme.missing,
            posts,
            warnings: self.warnings.clone(),
        }
    }

    fn rank_cohort(
        &self,
        cohort: &Cohort,
        weights: &[f64],
        exact: &ExactWeights<'_>,
    ) -> PostEvaluation {
        let c = self.criteria.len();
        let n = cohort.members.len();
        // Within one post in parallel only when it is the only one (else posts are ranked
        // in parallel already).
        let large = n >= PARALLEL_FROM && self.cohorts.len() == 1;
        let (mut entries, mut unranked): (Vec<Entry>, Vec<(usize, Status)>) = if large {
            let entry = |m: usize| match cohort.base.binary_search_by_key(&m, |b| b.0) {
                Ok(i) => Either::Right((m, cohort.base[i].1.clone())),
                Err(_) => self.entry(cohort, m, weights, exact),
            };
            (0..n).into_par_iter().map(entry).partition_map(|e| e)
        } else {
            let (mut entries, mut unranked) = (Vec::with_capacity(n), Vec::new());
            let mut kept_out = cohort.base.iter().peekable();
            for m in 0..n {
                if let Some((_, status)) = kept_out.next_if(|(member, _)| *member == m) {
                    unranked.push((m, status.clone()));
                    continue;
                }
                match self.entry(cohort, m, weights, exact) {
                    Either::Left(e) => entries.push(e),
                    Either::Right(u) => unranked.push(u),
                }
            }
            (entries, unranked)
        };
        let order = &cohort.id_order;
        if cohort.tie_values.is_empty() {
            // Published total, then the id: one small key, no lookups while sorting.
            let key = |e: &Entry| (std::cmp::Reverse(e.cents), e.id_order);
            if large {
                entries.par_sort_unstable_by_key(key);
            } else {
                entries.sort_unstable_by_key(key);
            }
        } else {
            let compare = |a: &Entry, b: &Entry| {
                self.compare(cohort, a, b)
                    .then_with(|| a.id_order.cmp(&b.id_order))
            };
            if large {
                entries.par_sort_unstable_by(compare);
            } else {
                entries.sort_unstable_by(compare);
            }
        }
        let mut rows = self.assign_ranks(cohort, &entries, large);
        select(&mut rows, cohort.openings, cohort.shortlist);
        unranked.sort_unstable_by_key(|(m, status)| {
            (matches!(status, Status::Incomplete(_)), order[*m])
        });
        rows.extend(unranked.into_iter().map(|(m, status)| Row {
            person: cohort.members[m],
            member: m,
            rank: None,
            total: None,
            cents: None,
            status,
            tied: false,
            tie_at_cutoff: false,
            decided_by: None,
        }));
        PostEvaluation {
            post: cohort.post.clone(),
            openings: cohort.openings,
            shortlist: cohort.shortlist,
            rows,
            criteria_count: c,
            scores: cohort.scores.clone(),
            raw: cohort.raw.clone(),
        }
    }

    /// Member `m`'s sort keys, or why the member is not ranked (a member kept out before
    /// weights are known is the caller's to find).
    fn entry(
        &self,
        cohort: &Cohort,
        m: usize,
        weights: &[f64],
        exact: &ExactWeights<'_>,
    ) -> Either<Entry, (usize, Status)> {
        let c = self.criteria.len();
        let policy = self.project.scheme.missing;
        let scores = &cohort.scores[m * c..(m + 1) * c];
        let Some(total) = float_total(scores, weights, policy) else {
            let nothing = Status::Incomplete(vec![Gap::NothingWeighted].into());
            return Either::Right((m, nothing));
        };
        let cents = publish_cents(total, || self.exact_cents(cohort, m, scores, exact, policy));
        Either::Left(Entry {
            // A post of over 4 billion people does not fit in memory anyway.
            member: m as u32,
            id_order: cohort.id_order[m],
            total,
            cents,
            first_tie: cohort.tie_values.first().map_or(f64::NAN, |v| v[m]),
        })
    }

    /// The exact published total of a member on a half cent: integers where every value is
    /// a short decimal, else exact rationals.
    fn exact_cents(
        &self,
        cohort: &Cohort,
        m: usize,
        scores: &[f64],
        exact: &ExactWeights<'_>,
        policy: MissingPolicy,
    ) -> i64 {
        let fixed = match (&cohort.fixed, &exact.fixed) {
            (Some(s), Some(w)) => s.cents(m, scores, w, policy),
            _ => None,
        };
        fixed.unwrap_or_else(|| {
            let weights = exact
                .rational
                .get_or_init(|| exact.weights.effective::<BigRational>());
            exact_cents(&self.exact_total(cohort, m, weights, policy))
        })
    }

    /// Competition ranks over the sorted entries, with tie flags and the deciding
    /// tie-breaker: the rows made (in parallel for a large post alone: a million rows is a
    /// hundred megabytes of new memory to touch), then the ties settled in order.
    fn assign_ranks(&self, cohort: &Cohort, entries: &[Entry], parallel: bool) -> Vec<Row> {
        let row = |(i, e): (usize, &Entry)| Row {
            person: cohort.members[e.member as usize],
            member: e.member as usize,
            rank: Some(i as u32 + 1),
            total: Some(e.total),
            cents: Some(e.cents),
            status: Status::NotSelected,
            tied: false,
            tie_at_cutoff: false,
            decided_by: None,
        };
        // Room for the unranked too, who follow (growing it after would copy every row).
        let mut rows = Vec::with_capacity(cohort.members.len());
        if parallel {
            rows.par_extend(entries.par_iter().enumerate().map(row));
        } else {
            rows.extend(entries.iter().enumerate().map(row));
        }
        // Ranks shared by ties and the tie-breakers that decided, in order.
        for i in 1..entries.len() {
            let (prev, e) = (&entries[i - 1], &entries[i]);
            if prev.cents != e.cents {
                continue;
            }
            match self.tie_breaker_decides(cohort, prev, e) {
                None => {
                    let rank = rows[i - 1].rank;
                    rows[i - 1].tied = true;
                    rows[i].rank = rank;
                    rows[i].tied = true;
                }
                Some(t) => {
                    rows[i].decided_by = Some(t);
                    rows[i - 1].decided_by.get_or_insert(t);
                }
            }
        }
        rows
    }

    /// Published total first, then the tie-breakers in order; `Equal` means a true tie.
    fn compare(&self, cohort: &Cohort, a: &Entry, b: &Entry) -> Ordering {
        b.cents.cmp(&a.cents).then_with(|| {
            if !cohort.tie_values.is_empty() {
                // Cheap exit: distinct first tie-breaker values far apart decide alone.
                let (x, y) = (a.first_tie, b.first_tie);
                if !x.is_nan() && !y.is_nan() && !too_close_to_call(x, y) {
                    let ascending = x.total_cmp(&y);
                    return if self.project.scheme.tie_breakers[0].descending {
                        ascending.reverse()
                    } else {
                        ascending
                    };
                }
            }
            (0..self.project.scheme.tie_breakers.len())
                .map(|t| self.compare_on(cohort, t, a.member as usize, b.member as usize))
                .find(|o| o.is_ne())
                .unwrap_or(Ordering::Equal)
        })
    }

    /// The first tie-breaker that separates two people with equal published totals.
    fn tie_breaker_decides(&self, cohort: &Cohort, a: &Entry, b: &Entry) -> Option<usize> {
        (0..self.project.scheme.tie_breakers.len()).find(|&t| {
            self.compare_on(cohort, t, a.member as usize, b.member as usize)
                .is_ne()
        })
    }

    /// Order of two members on tie-breaker `t` (less = ranks first). People without a
    /// value come after those with one, whatever the direction.
    fn compare_on(&self, cohort: &Cohort, t: usize, a: usize, b: usize) -> Ordering {
        let breaker = &self.project.scheme.tie_breakers[t];
        let values = &cohort.tie_values[t];
        let (va, vb, criterion) = (values[a], values[b], self.tie_criteria[t]);
        let ascending = match (va.is_nan(), vb.is_nan()) {
            (true, true) => return Ordering::Equal,
            (true, false) => return Ordering::Greater,
            (false, true) => return Ordering::Less,
            (false, false) => match criterion {
                Some(k) if too_close_to_call(va, vb) => self.exact_order(cohort, k, a, b),
                _ => va.total_cmp(&vb),
            },
        };
        if breaker.descending {
            ascending.reverse()
        } else {
            ascending
        }
    }

    /// Exact ascending order of two members' scores on criterion `k`.
    fn exact_order(&self, cohort: &Cohort, k: usize, a: usize, b: usize) -> Ordering {
        let fixed = cohort
            .fixed
            .as_ref()
            .and_then(|f| Some(f.numerator(a, k)?.cmp(&f.numerator(b, k)?)));
        fixed.unwrap_or_else(|| {
            match (
                self.exact_score(cohort, a, k),
                self.exact_score(cohort, b, k),
            ) {
                (Some(x), Some(y)) => x.cmp(&y),
                _ => Ordering::Equal,
            }
        })
    }

    /// The exact total of one member, for rounding at a half cent.
    fn exact_total(
        &self,
        cohort: &Cohort,
        member: usize,
        weights: &[BigRational],
        policy: MissingPolicy,
    ) -> BigRational {
        let mut sum = BigRational::from_u64(0);
        let mut weight_sum = BigRational::from_u64(0);
        for (k, w) in weights.iter().enumerate() {
            if let Some(score) = self.exact_score(cohort, member, k) {
                sum += w.clone() * score;
                weight_sum += w.clone();
            }
        }
        if policy == MissingPolicy::Reweight && !weight_sum.is_zero() {
            sum / weight_sum
        } else {
            sum
        }
    }
}

/// The float total of one person: missing scores count 0 (`Zero`) or drop out of the
/// weights (`Reweight`). `None` when under `Reweight` nothing present weighs anything.
pub(crate) fn float_total(scores: &[f64], weights: &[f64], policy: MissingPolicy) -> Option<f64> {
    let mut sum = 0.0;
    let mut weight_sum = 0.0;
    for (s, w) in scores.iter().zip(weights) {
        if !s.is_nan() {
            sum += w * s;
            weight_sum += w;
        }
    }
    match policy {
        MissingPolicy::Reweight if weight_sum > 0.0 => Some(sum / weight_sum),
        MissingPolicy::Reweight => None,
        _ => Some(sum),
    }
}

/// Marks the selected (rank ≤ openings) and shortlisted (rank ≤ shortlist size); a tie
/// that straddles either cut-off goes through whole and is flagged.
fn select(rows: &mut [Row], openings: u32, shortlist: u32) {
    for row in rows.iter_mut() {
        let rank = row.rank.unwrap_or(u32::MAX);
        row.status = if rank <= openings {
            Status::Selected
        } else if rank <= shortlist {
            Status::Shortlisted
        } else {
            Status::NotSelected
        };
    }
    // A tie group straddles a cut-off when its rank is within it but its last member's
    // position is beyond it.
    let mut start = 0;
    while start < rows.len() {
        let rank = rows[start].rank;
        let end = rows[start..]
            .iter()
            .position(|r| r.rank != rank)
            .map_or(rows.len(), |p| start + p);
        let first = start as u32 + 1;
        let last = end as u32;
        let straddles = |cut: u32| first <= cut && last > cut;
        if end - start > 1 && (straddles(openings) || straddles(shortlist)) {
            for row in &mut rows[start..end] {
                row.tie_at_cutoff = true;
            }
        }
        start = end;
    }
}
