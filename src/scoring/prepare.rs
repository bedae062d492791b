//! The weight-independent half of an evaluation: validate every value, aggregate raters,
//! normalize, apply gates and the missing policy. A weight change reuses all of it, which
//! is what keeps re-ranking on every slider frame cheap.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, OnceLock};

use num_rational::BigRational;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::model::{
    Criterion, GateOp, MissingPolicy, Normalization, Project, Scale, TieKey, Value,
};

use super::evaluation::{Gap, GateFailure, Status};
use super::fixed::{Column, FixedScores};
use super::number::{Number, decimal_of_f64, too_close_to_call};
use super::people::People;
use super::raw::{CellInput, cell_input, normalize, raw_value, value_points};

/// From this many members on, a cohort's cells are validated in parallel.
const PARALLEL_FROM: usize = 4096;

/// One member (its index), its raw values and rated flags to fill, and its person.
type MemberCells<'m> = (usize, ((&'m mut [f64], &'m mut [bool]), &'m usize));

/// People ranked together (one post) with their normalized scores.
#[derive(Debug)]
pub(crate) struct Cohort {
    pub post: Option<String>,
    pub openings: u32,
    pub shortlist: u32,
    /// Person indices, in project order.
    pub members: Vec<usize>,
    /// Raw values, member-major; NaN where missing or invalid.
    pub raw: Arc<Vec<f64>>,
    /// Normalized scores, member-major; NaN where missing or invalid.
    pub scores: Arc<Vec<f64>>,
    /// Exact scores as integers, where every value is a short decimal.
    pub fixed: Option<FixedScores>,
    /// Per tie-breaker, each member's value: the criterion's normalized score or the
    /// field's number (NaN when absent). Contiguous, so sorting reads them cheaply.
    pub tie_values: Vec<Vec<f64>>,
    /// Each member's position when the cohort is sorted by person id: the last,
    /// deterministic order among true ties, compared as a number.
    pub id_order: Vec<u32>,
    /// Members kept from ranking before weights are known (invalid values, gates,
    /// missing scores), by member, with why.
    pub base: Vec<(usize, Status)>,
    /// Exact bounds, computed the first time an exact total needs them.
    pub exact_bounds: Vec<OnceLock<(BigRational, BigRational)>>,
}

/// A project made ready for ranking under any weights.
pub struct Prepared<'a> {
    pub(crate) project: &'a Project,
    /// Whom to rank: the project's people, or people read straight from a file.
    pub(crate) people: &'a dyn People,
    pub(crate) criteria: Vec<&'a Criterion>,
    /// Where `people` keep each criterion's values (see [`People::column`]).
    columns: Vec<Option<usize>>,
    /// Each criterion's numbers, when `people` keep them in one column (see
    /// [`People::numbers`]).
    numbers: Vec<Option<&'a [f64]>>,
    /// Made to be re-ranked with other weights (a project's), not ranked once.
    re_ranked: bool,
    pub(crate) cohorts: Vec<Cohort>,
    /// The criterion each tie-breaker compares (`None` for fields and unknown keys).
    pub(crate) tie_criteria: Vec<Option<usize>>,
    /// Rating indices by (person, criterion).
    ratings_by_cell: HashMap<(usize, usize), Vec<usize>>,
    pub(crate) warnings: Vec<String>,
}

impl std::fmt::Debug for Prepared<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Prepared")
            .field("people", &self.people.count())
            .field("criteria", &self.criteria)
            .field("cohorts", &self.cohorts)
            .field("warnings", &self.warnings)
            .finish_non_exhaustive()
    }
}

impl<'a> Prepared<'a> {
    /// Validates, aggregates and normalizes everything in `project` under its scheme.
    pub fn new(project: &'a Project) -> Self {
        Self::prepare(project, &project.people, true)
    }

    /// [`Prepared::new`] of `people` instead of the project's own, under the project's
    /// scheme, posts and ratings (whose person ids refer to `people`). The rows of what it
    /// ranks index `people`: write them with `people` (as
    /// `crate::io::ranking_csv::write_ranking_csv_of` does), never with the project's own.
    /// Made to be ranked once (a file ranked straight from disk): the exact integer
    /// scores a re-rank reads are worked out when a total needs them, not kept.
    pub fn with_people(project: &'a Project, people: &'a dyn People) -> Self {
        Self::prepare(project, people, false)
    }

    /// [`Prepared::with_people`], keeping what re-ranks read when `re_ranked`.
    fn prepare(project: &'a Project, people: &'a dyn People, re_ranked: bool) -> Self {
        let criteria: Vec<&Criterion> = project.scheme.criteria().collect();
        let mut warnings = Vec::new();
        let ratings_by_cell = index_ratings(project, people, &criteria, &mut warnings);
        let tie_criteria = project
            .scheme
            .tie_breakers
            .iter()
            .map(|t| match &t.key {
                TieKey::Criterion(key) => criteria.iter().position(|c| &c.key == key),
                TieKey::Field(_) => None,
            })
            .collect();
        let columns = criteria.iter().map(|c| people.column(&c.key)).collect();
        let numbers = criteria.iter().map(|c| people.numbers(&c.key)).collect();
        let mut prepared = Prepared {
            project,
            people,
            columns,
            numbers,
            re_ranked,
            criteria,
            cohorts: Vec::new(),
            tie_criteria,
            ratings_by_cell,
            warnings,
        };
        for (post, members) in group_by_post(project, people) {
            let cohort = prepared.build_cohort(post, members);
            prepared.cohorts.push(cohort);
        }
        prepared
    }

    /// The validated input of one cell.
    pub(crate) fn cell(
        &self,
        person: usize,
        criterion: usize,
    ) -> Result<Option<CellInput>, super::raw::InvalidValue> {
        let spec = self.criteria[criterion];
        let tally = self.people.tally(person, &spec.key);
        if self.ratings_by_cell.is_empty() && tally.is_none() {
            // Nobody is rated: the direct value is all there is (cell_input's answer), and a
            // number within a numeric scale is its own points (value_points' answer).
            if let (Some(numbers), Scale::Numeric { lo, hi, .. }) =
                (self.numbers[criterion], &spec.scale)
            {
                let x = numbers[person];
                if x.is_finite() && *lo <= x && x <= *hi {
                    return Ok(Some(CellInput::Direct(x)));
                }
            }
            let direct = self
                .people
                .score_at(person, &spec.key, self.columns[criterion]);
            return match direct {
                Some(value) => {
                    value_points(&value, &spec.scale).map(|p| Some(CellInput::Direct(p)))
                }
                None => Ok(None),
            };
        }
        let rating_ids = self.ratings_by_cell.get(&(person, criterion));
        // A tally's ballots count as marks with no rater group, one per ballot: a tally
        // larger than any real ballot (a hand-edited file) is refused, not expanded.
        let ballots = tally.map_or(0, crate::model::tally_ballots);
        if ballots > crate::model::MAX_TALLY_BALLOTS {
            return Err(super::raw::InvalidValue {
                value: format!("a tally of {ballots} ballots"),
                reason: format!(
                    "more ballots than a tally may count ({})",
                    crate::model::MAX_TALLY_BALLOTS
                ),
            });
        }
        let tally: Vec<(Value, usize)> = tally
            .into_iter()
            .flatten()
            .map(|(mark, n)| (Value::Category(mark.clone()), *n as usize))
            .collect();
        let ratings = rating_ids
            .into_iter()
            .flatten()
            .map(|&i| {
                let r = &self.project.ratings[i];
                (r.group.as_str(), &r.value)
            })
            .chain(
                tally
                    .iter()
                    .flat_map(|(mark, n)| std::iter::repeat_n(("", mark), *n)),
            );
        let direct = self
            .people
            .score_at(person, &spec.key, self.columns[criterion]);
        cell_input(&self.project.scheme, spec, direct.as_deref(), ratings)
    }

    fn normalization(&self, criterion: usize) -> Normalization {
        self.criteria[criterion]
            .normalization
            .unwrap_or(self.project.scheme.normalization)
    }

    fn lower_is_better(&self, criterion: usize) -> bool {
        self.criteria[criterion].scale.direction() == crate::model::Direction::LowerIsBetter
    }

    /// Every member's raw values (NaN where missing or invalid), which of them come from
    /// ratings, and the status of each member kept from ranking whatever the weights
    /// (invalid values, gates, missing scores), by member.
    fn validate(&self, members: &[usize]) -> (Vec<f64>, Vec<bool>, Vec<(usize, Status)>) {
        let c = self.criteria.len();
        let n = members.len();
        let mut raw = vec![f64::NAN; n * c];
        let mut rated = vec![false; n * c];
        let member = |(m, ((raw, rated), &person)): MemberCells<'_>| {
            let mut gaps = Vec::new();
            for k in 0..c {
                match self.cell(person, k) {
                    Ok(Some(input)) => {
                        rated[k] = matches!(input, CellInput::Rated { .. });
                        raw[k] = raw_value::<f64>(&input);
                    }
                    Ok(None) => gaps.push(Gap::Missing(k)),
                    Err(invalid) => gaps.push(Gap::Invalid {
                        criterion: k,
                        value: invalid.value,
                        reason: invalid.reason,
                    }),
                }
            }
            self.base_status(person, raw, &gaps)
                .map(|status| (m, status))
        };
        // Every member's cells are validated on their own: in parallel for a large cohort.
        let base = if c > 0 && n >= PARALLEL_FROM {
            raw.par_chunks_mut(c)
                .zip(rated.par_chunks_mut(c))
                .zip(members.par_iter())
                .enumerate()
                .filter_map(member)
                .collect()
        } else if c > 0 {
            raw.chunks_mut(c)
                .zip(rated.chunks_mut(c))
                .zip(members.iter())
                .enumerate()
                .filter_map(member)
                .collect()
        } else {
            let nothing = |m: usize| self.base_status(members[m], &[], &[]).map(|s| (m, s));
            (0..n).filter_map(nothing).collect()
        };
        (raw, rated, base)
    }

    fn build_cohort(&self, post: Option<String>, members: Vec<usize>) -> Cohort {
        let (raw, rated, base) = self.validate(&members);
        let bounds = self.bounds(&raw);
        let scores = self.normalized(&raw, &bounds);
        let raw = Arc::new(raw);
        let fixed = self.fixed_scores(&raw, &rated, &bounds);
        drop(rated);
        let tie_values = self.tie_values(&members, &scores);
        let id_order = self.id_order(&members);
        let (openings, shortlist) = match post.as_deref().and_then(|id| self.project.post(id)) {
            Some(p) => (p.openings, p.shortlist_size()),
            None => (0, 0),
        };
        Cohort {
            post,
            openings,
            shortlist,
            members,
            raw,
            scores: Arc::new(scores),
            fixed,
            tie_values,
            id_order,
            base,
            exact_bounds: (0..self.criteria.len()).map(|_| OnceLock::new()).collect(),
        }
    }

    /// Each criterion's normalization bounds: its scale's, or those the cohort's values
    /// span.
    fn bounds(&self, raw: &[f64]) -> Vec<(f64, f64)> {
        let c = self.criteria.len();
        let observed = self
            .criteria
            .iter()
            .enumerate()
            .any(|(k, _)| self.normalization(k) == Normalization::Cohort)
            .then(|| observed_bounds(raw, c));
        (0..c)
            .map(|k| match (self.normalization(k), &observed) {
                (Normalization::Cohort, Some(observed)) => observed[k],
                _ => self.criteria[k].scale.bounds(),
            })
            .collect()
    }

    /// Every raw value normalized to 0..100 between `bounds` (NaN stays NaN).
    fn normalized(&self, raw: &[f64], bounds: &[(f64, f64)]) -> Vec<f64> {
        let c = self.criteria.len();
        let lower: Vec<bool> = (0..c).map(|k| self.lower_is_better(k)).collect();
        let mut scores = vec![f64::NAN; raw.len()];
        let fill = |(values, out): (&[f64], &mut [f64])| {
            for (cells, out) in values.chunks(c).zip(out.chunks_mut(c)) {
                for (k, (x, out)) in cells.iter().zip(out).enumerate() {
                    if !x.is_nan() {
                        let (lo, hi) = bounds[k];
                        *out = normalize(*x, lo, hi, lower[k]);
                    }
                }
            }
        };
        if c > 0 && raw.len() >= PARALLEL_FROM * c {
            raw.par_chunks(PARALLEL_FROM * c)
                .zip(scores.par_chunks_mut(PARALLEL_FROM * c))
                .for_each(fill);
        } else if c > 0 {
            fill((raw, &mut scores));
        }
        scores
    }

    /// The cohort's exact integer scores (see [`super::fixed`]).
    fn fixed_scores(
        &self,
        raw: &Arc<Vec<f64>>,
        rated: &[bool],
        bounds: &[(f64, f64)],
    ) -> Option<FixedScores> {
        let columns: Vec<Column> = bounds
            .iter()
            .enumerate()
            .map(|(k, &bounds)| Column {
                bounds,
                lower_is_better: self.lower_is_better(k),
            })
            .collect();
        FixedScores::new(Arc::clone(raw), rated, &columns, self.re_ranked)
    }

    /// What each tie-breaker compares, per member: a normalized score or a field's number.
    fn tie_values(&self, members: &[usize], scores: &[f64]) -> Vec<Vec<f64>> {
        let c = self.criteria.len();
        let number = |person: usize, name: &str| {
            self.people
                .field(person, name)
                .and_then(|v| v.trim().parse::<f64>().ok())
                .filter(|x| x.is_finite())
                .unwrap_or(f64::NAN)
        };
        self.project
            .scheme
            .tie_breakers
            .iter()
            .enumerate()
            .map(|(t, breaker)| match (&breaker.key, self.tie_criteria[t]) {
                (TieKey::Field(name), _) => members.iter().map(|&p| number(p, name)).collect(),
                (TieKey::Criterion(_), Some(k)) => {
                    scores.iter().skip(k).step_by(c).copied().collect()
                }
                (TieKey::Criterion(_), None) => vec![f64::NAN; members.len()],
            })
            .collect()
    }

    /// Each member's position in the cohort sorted by person id.
    fn id_order(&self, members: &[usize]) -> Vec<u32> {
        let people = self.people;
        // Sorted on the ids' first 8 bytes (big-endian, zero-padded: the same order as the
        // bytes) and only then on the whole ids, then the member: as a stable sort by id,
        // with far fewer visits to a million ids spread over memory.
        let prefix = |m: usize| {
            let id = people.id(members[m]).as_bytes();
            let mut bytes = [0u8; 8];
            let n = id.len().min(8);
            bytes[..n].copy_from_slice(&id[..n]);
            u64::from_be_bytes(bytes)
        };
        let mut keyed: Vec<(u64, usize)> = (0..members.len()).map(|m| (prefix(m), m)).collect();
        keyed.par_sort_unstable_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| people.id(members[a.1]).cmp(people.id(members[b.1])))
                .then(a.1.cmp(&b.1))
        });
        let by_id: Vec<usize> = keyed.into_iter().map(|(_, m)| m).collect();
        let mut order = vec![0u32; members.len()];
        for (position, &m) in by_id.iter().enumerate() {
            order[m] = position as u32;
        }
        order
    }

    /// Invalid values first (the data must be fixed), then gates, then missing scores.
    fn base_status(&self, person: usize, raw: &[f64], gaps: &[Gap]) -> Option<Status> {
        let invalid: Vec<Gap> = gaps
            .iter()
            .filter(|g| matches!(g, Gap::Invalid { .. }))
            .cloned()
            .collect();
        if !invalid.is_empty() {
            return Some(Status::Incomplete(invalid.into()));
        }
        let policy = self.project.scheme.missing;
        let mut failures = Vec::new();
        for (k, criterion) in self.criteria.iter().enumerate() {
            let Some(gate) = criterion.gate else { continue };
            let value = raw[k];
            if value.is_nan() {
                if policy != MissingPolicy::Exclude {
                    failures.push(GateFailure {
                        criterion: k,
                        raw: None,
                        gate,
                    });
                }
            } else if !self.passes_gate(person, k, value) {
                failures.push(GateFailure {
                    criterion: k,
                    raw: Some(value),
                    gate,
                });
            }
        }
        if !failures.is_empty() {
            return Some(Status::Ineligible(failures.into()));
        }
        if policy == MissingPolicy::Exclude && !gaps.is_empty() {
            return Some(Status::Incomplete(gaps.into()));
        }
        None
    }

    /// Whether the raw value passes the criterion's gate; at the pass line the comparison
    /// is made on exact decimals (a mean of 59.7 and 60.3 is exactly 60).
    fn passes_gate(&self, person: usize, criterion: usize, value: f64) -> bool {
        let Some(gate) = self.criteria[criterion].gate else {
            return true;
        };
        let ordering = if too_close_to_call(value, gate.value) {
            match self.cell(person, criterion) {
                Ok(Some(input)) => raw_value::<BigRational>(&input)
                    .partial_cmp(&decimal_of_f64(gate.value))
                    .unwrap_or(std::cmp::Ordering::Equal),
                _ => return false,
            }
        } else {
            value.total_cmp(&gate.value)
        };
        match gate.op {
            GateOp::AtLeast => ordering.is_ge(),
            GateOp::MoreThan => ordering.is_gt(),
            GateOp::AtMost => ordering.is_le(),
            GateOp::LessThan => ordering.is_lt(),
        }
    }

    /// The exact normalized score of one member on one criterion, if present and valid.
    pub(crate) fn exact_score(
        &self,
        cohort: &Cohort,
        member: usize,
        k: usize,
    ) -> Option<BigRational> {
        let input = self.cell(cohort.members[member], k).ok()??;
        let raw = raw_value::<BigRational>(&input);
        let (lo, hi) = cohort.exact_bounds[k]
            .get_or_init(|| self.exact_bounds(cohort, k))
            .clone();
        Some(normalize(raw, lo, hi, self.lower_is_better(k)))
    }

    fn exact_bounds(&self, cohort: &Cohort, k: usize) -> (BigRational, BigRational) {
        match self.normalization(k) {
            Normalization::Scale => {
                let (lo, hi) = self.criteria[k].scale.bounds();
                (decimal_of_f64(lo), decimal_of_f64(hi))
            }
            Normalization::Cohort => {
                let values = cohort.members.iter().filter_map(|&person| {
                    let input = self.cell(person, k).ok()??;
                    Some(raw_value::<BigRational>(&input))
                });
                let mut bounds: Option<(BigRational, BigRational)> = None;
                for v in values {
                    bounds = Some(match bounds {
                        None => (v.clone(), v),
                        Some((lo, hi)) => (
                            if v < lo { v.clone() } else { lo },
                            if v > hi { v } else { hi },
                        ),
                    });
                }
                bounds.unwrap_or_else(|| (BigRational::from_u64(0), BigRational::from_u64(0)))
            }
        }
    }
}

/// Observed min and max of every column of a member-major matrix (NaN skipped), in one
/// pass (in parallel parts when large); (0, 0) for a column nobody has a value in.
fn observed_bounds(raw: &[f64], columns: usize) -> Vec<(f64, f64)> {
    let empty = || vec![(f64::INFINITY, f64::NEG_INFINITY); columns];
    if columns == 0 {
        return Vec::new();
    }
    let scan = |mut bounds: Vec<(f64, f64)>, part: &[f64]| {
        for cells in part.chunks(columns) {
            for (x, (lo, hi)) in cells.iter().zip(bounds.iter_mut()) {
                if !x.is_nan() {
                    // -0 read as 0: min and max of the two zeros would depend on the order
                    // the parts are merged in.
                    let x = x + 0.0;
                    *lo = lo.min(x);
                    *hi = hi.max(x);
                }
            }
        }
        bounds
    };
    let merge = |a: Vec<(f64, f64)>, b: Vec<(f64, f64)>| {
        a.iter()
            .zip(&b)
            .map(|(x, y)| (x.0.min(y.0), x.1.max(y.1)))
            .collect()
    };
    let bounds = if raw.len() >= PARALLEL_FROM * columns {
        raw.par_chunks(PARALLEL_FROM * columns)
            .fold(empty, scan)
            .reduce(empty, merge)
    } else {
        scan(empty(), raw)
    };
    let seen = |(lo, hi): (f64, f64)| if lo > hi { (0.0, 0.0) } else { (lo, hi) };
    bounds.into_iter().map(seen).collect()
}

/// Indexes ratings by (person, criterion), warning about those that match neither.
fn index_ratings(
    project: &Project,
    people_source: &dyn People,
    criteria: &[&Criterion],
    warnings: &mut Vec<String>,
) -> HashMap<(usize, usize), Vec<usize>> {
    let mut index: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    if project.ratings.is_empty() {
        // Nothing to index (and no rating to go to either of two people sharing an id).
        return index;
    }
    let mut people: FxHashMap<&str, usize> = FxHashMap::default();
    people.reserve(people_source.count());
    for i in 0..people_source.count() {
        let id = people_source.id(i);
        if people.insert(id, i).is_some() {
            warnings.push(format!(
                "two people share the id '{id}'; ratings go to the last"
            ));
        }
    }
    let keys: HashMap<&str, usize> = criteria
        .iter()
        .enumerate()
        .map(|(k, c)| (c.key.as_str(), k))
        .collect();
    let mut unknown_people = BTreeSet::new();
    let mut unknown_criteria = BTreeSet::new();
    for (i, r) in project.ratings.iter().enumerate() {
        match (
            people.get(r.person.as_str()),
            keys.get(r.criterion.as_str()),
        ) {
            (Some(&p), Some(&k)) => index.entry((p, k)).or_default().push(i),
            (None, _) => {
                unknown_people.insert(r.person.clone());
            }
            (_, None) => {
                unknown_criteria.insert(r.criterion.clone());
            }
        }
    }
    if !unknown_people.is_empty() {
        let list: Vec<_> = unknown_people.into_iter().collect();
        warnings.push(format!(
            "ratings of unknown people ignored: {}",
            list.join(", ")
        ));
    }
    if !unknown_criteria.is_empty() {
        let list: Vec<_> = unknown_criteria.into_iter().collect();
        warnings.push(format!(
            "ratings on criteria not in the scheme ignored: {}",
            list.join(", ")
        ));
    }
    index
}

/// People grouped by post: the project's posts in order, then unknown post ids sorted,
/// then the people without a post.
fn group_by_post(project: &Project, people: &dyn People) -> Vec<(Option<String>, Vec<usize>)> {
    let mut position: HashMap<&str, usize> = HashMap::new();
    for (i, post) in project.posts.iter().enumerate() {
        position.entry(post.id.as_str()).or_insert(i);
    }
    let unknown: BTreeSet<&str> = (0..people.count())
        .filter_map(|p| people.post(p))
        .filter(|post| !position.contains_key(post))
        .collect();
    let mut groups: Vec<(Option<String>, Vec<usize>)> = project
        .posts
        .iter()
        .map(|p| (Some(p.id.clone()), Vec::new()))
        .collect();
    for post in unknown {
        position.insert(post, groups.len());
        groups.push((Some(post.to_string()), Vec::new()));
    }
    let no_post = groups.len();
    groups.push((None, Vec::new()));
    for i in 0..people.count() {
        let g = people.post(i).and_then(|post| position.get(post).copied());
        groups[g.unwrap_or(no_post)].1.push(i);
    }
    if groups[no_post].1.is_empty() {
        groups.pop();
    }
    groups
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::model::Person;

    proptest! {
        /// The prefix-keyed sort gives each member the place a stable sort by id gives:
        /// ids sharing 8-byte prefixes, shorter ones, NUL bytes, CJK and repeats.
        #[test]
        fn id_order_is_a_stable_sort_by_id(ids in prop::collection::vec("[AC0\u{0}王]{0,10}", 0..40)) {
            let project = Project {
                people: ids.iter().map(|id| Person { id: id.clone(), ..Person::default() }).collect(),
                ..Project::default()
            };
            let prepared = Prepared::new(&project);
            let members: Vec<usize> = (0..ids.len()).rev().collect();
            let mut by_id: Vec<usize> = (0..members.len()).collect();
            by_id.sort_by(|&a, &b| ids[members[a]].cmp(&ids[members[b]]));
            let mut expected = vec![0u32; members.len()];
            for (position, &m) in by_id.iter().enumerate() {
                expected[m] = position as u32;
            }
            prop_assert_eq!(prepared.id_order(&members), expected);
        }
    }
}
