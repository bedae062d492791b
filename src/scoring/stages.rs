//! Staged selection: each stage ranks the people who entered it under its own scheme,
//! optionally on a composite of the stages' published totals, and lets the best
//! ⌊ratio × openings⌋ into the next stage (everyone tied at the cut-off goes through); the
//! last stage selects and shortlists. People eliminated at a stage keep the reason.
//!
//! The composite is computed from the *published* (2-decimal) stage totals, as selection
//! announcements do (综合成绩 = 笔试成绩 × 40% + 面试成绩 × 60%), so anyone can recompute it
//! from the published list; it is rounded half up on the exact decimal value. Equal
//! composites are broken by the stage totals, first stage first (笔试成绩高者优先); those
//! still equal share a rank.
//!
//! Pure, like the rest of [`crate::scoring`]: no I/O, no egui.

use num_bigint::BigInt;
use num_rational::BigRational;

use crate::model::{Project, Stage};

use super::evaluate;
use super::evaluation::{Evaluation, Status};
use super::number::{decimal_of_f64, exact_cents};

/// Why a person left the selection at a stage.
#[derive(Debug, Clone, PartialEq)]
pub enum Elimination {
    /// Not ranked at the stage: a gate failed or scores are missing (the stage's
    /// [`Status::Ineligible`] or [`Status::Incomplete`], criteria in the stage's scheme).
    Unranked(Status),
    /// Ranked, but below the entry cut-off of the next stage.
    BelowCut {
        /// The rank reached.
        rank: u32,
        /// How many places the next stage had (ties at the cut-off go through).
        cut: u32,
    },
}

/// Where a person stands at a stage.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Entered the next stage.
    Advanced,
    /// At the last stage: among the openings.
    Selected,
    /// At the last stage: on the shortlist after the selected.
    Shortlisted,
    /// At the last stage: ranked below the shortlist.
    NotSelected,
    /// Eliminated at this stage.
    Eliminated(Elimination),
    /// Did not enter this stage: eliminated at an earlier one (index), for this reason.
    EliminatedEarlier {
        /// Index of the stage where the person left.
        stage: usize,
        /// Why.
        reason: Elimination,
    },
}

impl Outcome {
    /// The machine-readable name used in CSV and JSON output.
    pub fn code(&self) -> &'static str {
        match self {
            Outcome::Advanced => "advanced",
            Outcome::Selected => "selected",
            Outcome::Shortlisted => "shortlisted",
            Outcome::NotSelected => "not_selected",
            Outcome::Eliminated(_) => "eliminated",
            Outcome::EliminatedEarlier { .. } => "eliminated_earlier",
        }
    }
}

/// One person's result at a stage.
#[derive(Debug, Clone, PartialEq)]
pub struct StageRow {
    /// Index into the full project's `people`.
    pub person: usize,
    /// The stage's own published total in cents; `None` when not ranked at this stage.
    pub cents: Option<i64>,
    /// The published composite the stage ranks on, when the stage has one.
    pub composite: Option<i64>,
    /// Competition rank at this stage (1, 2, 2, 4).
    pub rank: Option<u32>,
    /// Shares the rank with someone.
    pub tied: bool,
    /// In a tie that straddles the entry, selection or shortlist cut-off.
    pub tie_at_cutoff: bool,
    /// Where the person stands.
    pub outcome: Outcome,
}

impl StageRow {
    /// The published value the stage ranks on: the composite, else the stage total.
    pub fn ranking_cents(&self) -> Option<i64> {
        self.composite.or(self.cents)
    }
}

/// One post at one stage.
#[derive(Debug, Clone, PartialEq)]
pub struct StagePost {
    /// The post id; `None` for people without a post.
    pub post: Option<String>,
    /// Openings of the post.
    pub openings: u32,
    /// Places on the shortlist at the last stage (selected included).
    pub shortlist: u32,
    /// Places in the next stage; `None` at the last stage.
    pub entry_cut: Option<u32>,
    /// The ranked by rank, then those eliminated here, then those eliminated earlier.
    pub rows: Vec<StageRow>,
}

/// One stage's result.
#[derive(Debug, Clone, PartialEq)]
pub struct StageEvaluation {
    /// Index of the stage (0 = first).
    pub index: usize,
    /// The stage as configured.
    pub stage: Stage,
    /// The project as this stage sees it: the stage's scheme, the people who entered (in
    /// project order) and their ratings on the stage's criteria. Its evaluation and
    /// explanations work as for any project.
    pub project: Project,
    /// For each person of [`StageEvaluation::project`], the index in the full project.
    pub people: Vec<usize>,
    /// The stage's own evaluation of [`StageEvaluation::project`].
    pub evaluation: Evaluation,
    /// Per post, the stage outcome for everyone in the post.
    pub posts: Vec<StagePost>,
}

impl StageEvaluation {
    /// The stage post for `post` (`None`: people without a post).
    pub fn post(&self, post: Option<&str>) -> Option<&StagePost> {
        self.posts.iter().find(|p| p.post.as_deref() == post)
    }
}

/// A whole staged selection.
#[derive(Debug, Clone, PartialEq)]
pub struct StagedEvaluation {
    /// Every stage, in order.
    pub stages: Vec<StageEvaluation>,
    /// Configuration problems that did not stop the evaluation.
    pub warnings: Vec<String>,
}

/// The stages of a project; a project without stages is one stage under its scheme.
pub fn stages_of(project: &Project) -> Vec<Stage> {
    if project.stages.is_empty() {
        vec![Stage {
            name: "综合评价".into(),
            name_en: "Evaluation".into(),
            scheme: project.scheme.clone(),
            ..Stage::default()
        }]
    } else {
        project.stages.clone()
    }
}

/// Runs every stage of `project` in order.
pub fn evaluate_stages(project: &Project) -> StagedEvaluation {
    let stages = stages_of(project);
    let mut warnings = Vec::new();
    let mut results: Vec<StageEvaluation> = Vec::with_capacity(stages.len());
    let mut entrants: Vec<usize> = (0..project.people.len()).collect();
    for (index, stage) in stages.iter().enumerate() {
        if stage.composite.len() > index + 1 {
            warnings.push(format!(
                "stage {} ({}): the composite lists {} weights but can carry only the {} \
                 stages up to itself; the extra weights are ignored",
                index + 1,
                stage.display_name(index),
                stage.composite.len(),
                index + 1
            ));
        }
        let next = stages.get(index + 1);
        let result = run_stage(project, &results, index, stage, next, &entrants);
        entrants = result
            .posts
            .iter()
            .flat_map(|p| &p.rows)
            .filter(|r| r.outcome == Outcome::Advanced)
            .map(|r| r.person)
            .collect();
        entrants.sort_unstable();
        results.push(result);
    }
    StagedEvaluation {
        stages: results,
        warnings,
    }
}

/// The project one stage sees: its scheme, its entrants and their ratings on its criteria.
fn stage_project(project: &Project, stage: &Stage, entrants: &[usize]) -> Project {
    let ids: std::collections::BTreeSet<&str> = entrants
        .iter()
        .map(|&i| project.people[i].id.as_str())
        .collect();
    let keys: std::collections::BTreeSet<&str> =
        stage.scheme.criteria().map(|c| c.key.as_str()).collect();
    Project {
        version: project.version,
        title: project.title.clone(),
        scheme: stage.scheme.clone(),
        posts: project.posts.clone(),
        people: entrants
            .iter()
            .map(|&i| project.people[i].clone())
            .collect(),
        ratings: project
            .ratings
            .iter()
            .filter(|r| ids.contains(r.person.as_str()) && keys.contains(r.criterion.as_str()))
            .cloned()
            .collect(),
        stages: Vec::new(),
        audit: Vec::new(),
    }
}

fn run_stage(
    project: &Project,
    earlier: &[StageEvaluation],
    index: usize,
    stage: &Stage,
    next: Option<&Stage>,
    entrants: &[usize],
) -> StageEvaluation {
    let sub = stage_project(project, stage, entrants);
    let evaluation = evaluate(&sub);
    let posts = evaluation
        .posts
        .iter()
        .map(|pe| {
            let mut rows: Vec<StageRow> = pe
                .rows
                .iter()
                .map(|row| StageRow {
                    person: entrants[row.person],
                    cents: row.cents,
                    composite: None,
                    rank: row.rank,
                    tied: row.tied,
                    tie_at_cutoff: false,
                    outcome: match &row.status {
                        s @ (Status::Ineligible(_) | Status::Incomplete(_)) => {
                            Outcome::Eliminated(Elimination::Unranked(s.clone()))
                        }
                        _ => Outcome::NotSelected,
                    },
                })
                .collect();
            if !stage.composite.is_empty() {
                rank_composite(&mut rows, earlier, &stage.composite);
            }
            let entry_cut = next.map(|n| n.entry_places(pe.openings));
            decide(&mut rows, entry_cut, pe.openings, pe.shortlist);
            rows.extend(eliminated_earlier(project, earlier, pe.post.as_deref()));
            StagePost {
                post: pe.post.clone(),
                openings: pe.openings,
                shortlist: pe.shortlist,
                entry_cut,
                rows,
            }
        })
        .collect();
    StageEvaluation {
        index,
        stage: stage.clone(),
        project: sub,
        people: entrants.to_vec(),
        evaluation,
        posts,
    }
}

/// The person's published total at an earlier stage.
fn earlier_cents(earlier: &[StageEvaluation], stage: usize, person: usize) -> Option<i64> {
    earlier
        .get(stage)?
        .posts
        .iter()
        .flat_map(|p| &p.rows)
        .find(|r| r.person == person)?
        .cents
}

/// Published composite Σ wᵢ × centsᵢ / Σ wᵢ, rounded half up on the exact value.
/// `None` when a carried total is missing or no weight is positive.
pub fn composite_cents(weights: &[f64], cents: &[Option<i64>]) -> Option<i64> {
    let mut sum = BigRational::from_integer(BigInt::from(0));
    let mut weight_sum = BigRational::from_integer(BigInt::from(0));
    for (w, c) in weights.iter().zip(cents) {
        if !(w.is_finite() && *w > 0.0) {
            continue;
        }
        let w = decimal_of_f64(*w);
        sum += w.clone() * BigRational::from_integer(BigInt::from((*c)?));
        weight_sum += w;
    }
    if weight_sum == BigRational::from_integer(BigInt::from(0)) {
        return None;
    }
    // Cents in, cents out: divide by 100 to units for the half-up rounding to cents.
    let units = sum / (weight_sum * BigRational::from_integer(BigInt::from(100)));
    Some(exact_cents(&units))
}

/// Re-ranks the ranked rows on the composite of the stage totals so far; ties broken by
/// the stage totals, first stage first; those still equal share a rank.
fn rank_composite(rows: &mut [StageRow], earlier: &[StageEvaluation], weights: &[f64]) {
    let stage_count = earlier.len() + 1;
    let mut keys: Vec<(usize, Option<i64>, Vec<i64>)> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        if row.rank.is_none() {
            continue;
        }
        let all: Vec<Option<i64>> = (0..stage_count)
            .map(|s| {
                if s + 1 == stage_count {
                    row.cents
                } else {
                    earlier_cents(earlier, s, row.person)
                }
            })
            .collect();
        let composite = composite_cents(&weights[..weights.len().min(stage_count)], &all);
        let tie = all.iter().map(|c| c.unwrap_or(i64::MIN)).collect();
        keys.push((i, composite, tie));
    }
    keys.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| b.2.cmp(&a.2))
            .then(a.0.cmp(&b.0))
    });
    let mut ranked: Vec<StageRow> = keys
        .iter()
        .enumerate()
        .map(|(pos, (i, composite, _))| {
            let mut row = rows[*i].clone();
            row.composite = *composite;
            row.rank = Some(pos as u32 + 1);
            row.tied = false;
            row
        })
        .collect();
    for pos in 1..keys.len() {
        if keys[pos].1 == keys[pos - 1].1 && keys[pos].2 == keys[pos - 1].2 {
            ranked[pos].rank = ranked[pos - 1].rank;
            ranked[pos].tied = true;
            ranked[pos - 1].tied = true;
        }
    }
    let unranked: Vec<StageRow> = rows.iter().filter(|r| r.rank.is_none()).cloned().collect();
    for (slot, row) in rows.iter_mut().zip(ranked.into_iter().chain(unranked)) {
        *slot = row;
    }
}

/// Sets the outcome of the ranked: advance (rank ≤ entry cut) at an intermediate stage;
/// selected / shortlisted / not selected at the last. A tie straddling a cut is flagged.
fn decide(rows: &mut [StageRow], entry_cut: Option<u32>, openings: u32, shortlist: u32) {
    let cuts: Vec<u32> = match entry_cut {
        Some(cut) => vec![cut],
        None => vec![openings, shortlist],
    };
    for row in rows.iter_mut() {
        let Some(rank) = row.rank else { continue };
        row.outcome = match entry_cut {
            Some(cut) if rank <= cut => Outcome::Advanced,
            Some(cut) => Outcome::Eliminated(Elimination::BelowCut { rank, cut }),
            None if rank <= openings => Outcome::Selected,
            None if rank <= shortlist => Outcome::Shortlisted,
            None => Outcome::NotSelected,
        };
    }
    let ranked = rows.iter().take_while(|r| r.rank.is_some()).count();
    let mut start = 0;
    while start < ranked {
        let rank = rows[start].rank;
        let end = (start..ranked)
            .find(|&i| rows[i].rank != rank)
            .unwrap_or(ranked);
        let (first, last) = (start as u32 + 1, end as u32);
        if end - start > 1 && cuts.iter().any(|&cut| first <= cut && last > cut) {
            for row in &mut rows[start..end] {
                row.tie_at_cutoff = true;
            }
        }
        start = end;
    }
}

/// Rows for the people of `post` who left at an earlier stage: by stage, then by the
/// rank they had there (the unranked last), then by id.
fn eliminated_earlier(
    project: &Project,
    earlier: &[StageEvaluation],
    post: Option<&str>,
) -> Vec<StageRow> {
    let mut out = Vec::new();
    for stage in earlier {
        let Some(sp) = stage.post(post) else { continue };
        let mut rows: Vec<(Option<u32>, StageRow)> = sp
            .rows
            .iter()
            .filter_map(|r| {
                let Outcome::Eliminated(reason) = &r.outcome else {
                    return None;
                };
                Some((
                    r.rank,
                    StageRow {
                        person: r.person,
                        cents: None,
                        composite: None,
                        rank: None,
                        tied: false,
                        tie_at_cutoff: false,
                        outcome: Outcome::EliminatedEarlier {
                            stage: stage.index,
                            reason: reason.clone(),
                        },
                    },
                ))
            })
            .collect();
        // By the rank they had (the unranked last), then by id.
        rows.sort_by(|(ra, a), (rb, b)| {
            ra.unwrap_or(u32::MAX)
                .cmp(&rb.unwrap_or(u32::MAX))
                .then_with(|| {
                    project.people[a.person]
                        .id
                        .cmp(&project.people[b.person].id)
                })
        });
        out.extend(rows.into_iter().map(|(_, row)| row));
    }
    out
}

#[cfg(test)]
#[path = "stages_tests.rs"]
mod tests;
