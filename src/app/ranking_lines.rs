//! The words and numbers of each ranking row: for the live ranking of a post (the
//! document's evaluation) and for one stage of a staged selection. Pure functions over the
//! core's results, tested without a window.

use crate::model::{Project, Scheme, TieKey};
use crate::scoring::describe::{Lang, criterion_name, person_status_reason, status_name};
use crate::scoring::explain::contributions;
use crate::scoring::stages::{
    Elimination, Outcome, StageEvaluation, StagePost, StageRow, StagedEvaluation,
};
use crate::scoring::{Evaluation, PostEvaluation, Row, Status};

use super::i18n::tf;
use super::ranking_table::{Cut, Line};

/// Where each person is at each stage of a staged evaluation, made once when it is (the
/// table asks for every visible row on every frame: a scan of everyone per row was
/// quadratic at 100,000 people).
#[derive(Debug, Default)]
pub struct StageIndex {
    stages: Vec<StageLookup>,
}

#[derive(Debug, Default)]
struct StageLookup {
    /// Person → index in the stage's people (its project's people).
    local: Vec<Option<u32>>,
    /// Person → index of their row in their post of [`StageEvaluation::posts`].
    row: Vec<Option<u32>>,
    /// Local index → index of their row in their post of the stage's evaluation.
    eval_row: Vec<Option<u32>>,
}

/// `slots[i] = Some(at)` for every `(i, at)`.
fn lookup(pairs: impl Iterator<Item = (usize, usize)> + Clone) -> Vec<Option<u32>> {
    let len = pairs.clone().map(|(i, _)| i + 1).max().unwrap_or(0);
    let mut slots = vec![None; len];
    for (i, at) in pairs {
        slots[i] = u32::try_from(at).ok();
    }
    slots
}

fn found(slots: &[Option<u32>], i: usize) -> Option<usize> {
    slots.get(i).copied().flatten().map(|x| x as usize)
}

impl StageIndex {
    /// The index of every stage of `staged`.
    pub fn new(staged: &StagedEvaluation) -> Self {
        let stages = staged
            .stages
            .iter()
            .map(|stage| StageLookup {
                local: lookup(stage.people.iter().enumerate().map(|(l, &p)| (p, l))),
                row: lookup(
                    stage
                        .posts
                        .iter()
                        .flat_map(|p| p.rows.iter().enumerate().map(|(i, r)| (r.person, i))),
                ),
                eval_row: lookup(
                    stage
                        .evaluation
                        .posts
                        .iter()
                        .flat_map(|p| p.rows.iter().enumerate().map(|(i, r)| (r.person, i))),
                ),
            })
            .collect();
        StageIndex { stages }
    }

    /// The person's index in `stage`'s people (`None`: not at that stage).
    pub fn local(&self, stage: &StageEvaluation, person: usize) -> Option<usize> {
        found(&self.stages.get(stage.index)?.local, person)
    }

    /// The person's row in `post` of `stage`.
    pub fn stage_row<'a>(
        &self,
        stage: &StageEvaluation,
        post: &'a StagePost,
        person: usize,
    ) -> Option<&'a StageRow> {
        let i = found(&self.stages.get(stage.index)?.row, person)?;
        post.rows.get(i).filter(|r| r.person == person)
    }

    /// The row of the stage's person `local` in `post` of the stage's evaluation.
    pub fn eval_row<'a>(
        &self,
        stage: &StageEvaluation,
        post: &'a PostEvaluation,
        local: usize,
    ) -> Option<&'a Row> {
        let i = found(&self.stages.get(stage.index)?.eval_row, local)?;
        post.rows.get(i).filter(|r| r.person == local)
    }
}

/// Tie-breaker `index` of `scheme` in words: `笔试成绩高者优先` / `Written exam, higher first`.
pub fn tie_breaker_text(scheme: &Scheme, index: usize, lang: Lang) -> String {
    let Some(breaker) = scheme.tie_breakers.get(index) else {
        return String::new();
    };
    let what = match &breaker.key {
        TieKey::Criterion(key) => scheme
            .criterion(key)
            .map_or_else(|| key.clone(), |c| criterion_name(c, lang).to_string()),
        TieKey::Field(name) => name.clone(),
    };
    match (lang, breaker.descending) {
        (Lang::Zh, true) => format!("{what}高者优先"),
        (Lang::Zh, false) => format!("{what}低者优先"),
        (Lang::En, true) => format!("{what}, higher first"),
        (Lang::En, false) => format!("{what}, lower first"),
    }
}

/// The tie column: shared rank (at a cut-off: all go through) and the deciding breaker.
fn tie_text(
    tied: bool,
    at_cut: bool,
    decided_by: Option<usize>,
    scheme: &Scheme,
    lang: Lang,
) -> String {
    let mut parts = Vec::new();
    if tied && at_cut {
        parts.push(
            lang.pick(
                "并列（在分界线上，均进入）",
                "tied at the cut-off (all go through)",
            )
            .to_string(),
        );
    } else if tied {
        parts.push(lang.pick("并列", "tied").to_string());
    }
    if let Some(i) = decided_by {
        let breaker = tie_breaker_text(scheme, i, lang);
        parts.push(tf(
            lang,
            format!("同分，按{breaker}"),
            format!("equal total, {breaker}"),
        ));
    }
    parts.join(lang.pick("；", "; "))
}

/// The cut-off under row `i`: the last selected, the last shortlisted.
fn cut_after(rows: &[Row], i: usize) -> Option<Cut> {
    let next = rows.get(i + 1).map(|r| &r.status);
    match (&rows[i].status, next) {
        (Status::Selected, Some(n)) if *n != Status::Selected => Some(Cut::Selection),
        (Status::Shortlisted, Some(n)) if *n != Status::Shortlisted => Some(Cut::Shortlist),
        _ => None,
    }
}

/// Line `i` of `post` in the live evaluation.
pub fn live_line(
    project: &Project,
    evaluation: &Evaluation,
    post: &PostEvaluation,
    i: usize,
    lang: Lang,
) -> Line {
    let row = &post.rows[i];
    let parts = contributions(evaluation, post, row);
    let criteria = (0..evaluation.criteria.len())
        .map(|k| (post.score(row, k), parts.get(k).map(|c| c.points)))
        .collect();
    Line {
        person: row.person,
        rank: row.rank,
        total: row.cents,
        composite: None,
        status: status_name(&row.status, lang),
        reason: person_status_reason(
            &row.status,
            &project.scheme,
            &project.people[row.person],
            Some(lang),
        ),
        tie: tie_text(
            row.tied,
            row.tie_at_cutoff,
            row.decided_by,
            &project.scheme,
            lang,
        ),
        criteria,
        cut: cut_after(&post.rows, i),
    }
}

/// The stage `index`'s name in `lang`.
pub fn stage_name(stage: &StageEvaluation, lang: Lang) -> String {
    crate::scoring::describe::stage_name(&stage.stage, stage.index, lang)
}

fn outcome_words(outcome: &Outcome, lang: Lang) -> &'static str {
    match outcome {
        Outcome::Advanced => lang.pick("进入下一环节", "advanced"),
        Outcome::Selected => status_name(&Status::Selected, lang),
        Outcome::Shortlisted => status_name(&Status::Shortlisted, lang),
        Outcome::NotSelected => status_name(&Status::NotSelected, lang),
        Outcome::Eliminated(Elimination::Unranked(s)) => status_name(s, lang),
        Outcome::Eliminated(Elimination::BelowCut { .. }) => lang.pick("未入围", "below the cut"),
        Outcome::EliminatedEarlier { .. } => lang.pick("此前已淘汰", "eliminated earlier"),
    }
}

fn elimination_reason(
    why: &Elimination,
    (stage, index): (&StageEvaluation, &StageIndex),
    person: usize,
    lang: Lang,
) -> String {
    match why {
        Elimination::Unranked(status) => {
            let local = index.local(stage, person);
            match local.and_then(|l| stage.project.people.get(l)) {
                Some(p) => person_status_reason(status, &stage.project.scheme, p, Some(lang)),
                None => String::new(),
            }
        }
        Elimination::BelowCut { rank, cut } => tf(
            lang,
            format!("第 {rank} 名，入围 {cut} 人"),
            format!("rank {rank}, {cut} place(s) in the next stage"),
        ),
    }
}

/// Line `i` of a stage's post; `stages` gives the names of earlier stages, `index` where
/// everyone is at each of them.
pub fn stage_line(
    (stages, index): (&[StageEvaluation], &StageIndex),
    stage: &StageEvaluation,
    post: &StagePost,
    i: usize,
    lang: Lang,
) -> Line {
    let row: &StageRow = &post.rows[i];
    let reason = match &row.outcome {
        Outcome::Eliminated(why) => elimination_reason(why, (stage, index), row.person, lang),
        Outcome::EliminatedEarlier { stage: at, reason } => {
            let name = stages
                .get(*at)
                .map(|s| stage_name(s, lang))
                .unwrap_or_default();
            let why = stages
                .get(*at)
                .map(|s| elimination_reason(reason, (s, index), row.person, lang))
                .unwrap_or_default();
            tf(
                lang,
                format!("在“{name}”淘汰：{why}"),
                format!("out at '{name}': {why}"),
            )
        }
        _ => String::new(),
    };
    Line {
        person: row.person,
        rank: row.rank,
        total: row.cents,
        composite: row.composite,
        status: outcome_words(&row.outcome, lang),
        reason,
        tie: tie_text(
            row.tied,
            row.tie_at_cutoff,
            None,
            &stage.project.scheme,
            lang,
        ),
        criteria: stage_criteria(stage, index, post, row),
        cut: stage_cut(&post.rows, i),
    }
}

fn stage_criteria(
    stage: &StageEvaluation,
    index: &StageIndex,
    post: &StagePost,
    row: &StageRow,
) -> Vec<(Option<f64>, Option<f64>)> {
    let n = stage.evaluation.criteria.len();
    let found = index.local(stage, row.person).and_then(|local| {
        let ep = stage.evaluation.post(post.post.as_deref())?;
        Some((ep, index.eval_row(stage, ep, local)?))
    });
    let Some((ep, r)) = found else {
        return vec![(None, None); n];
    };
    let parts = contributions(&stage.evaluation, ep, r);
    (0..n)
        .map(|k| (ep.score(r, k), parts.get(k).map(|c| c.points)))
        .collect()
}

fn stage_cut(rows: &[StageRow], i: usize) -> Option<Cut> {
    let class = |o: &Outcome| match o {
        Outcome::Advanced => 1,
        Outcome::Selected => 2,
        Outcome::Shortlisted => 3,
        _ => 0,
    };
    let here = class(&rows[i].outcome);
    let next = rows.get(i + 1).map_or(0, |r| class(&r.outcome));
    match (here, here != next) {
        (1, true) => Some(Cut::Entry),
        (2, true) => Some(Cut::Selection),
        (3, true) => Some(Cut::Shortlist),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::sample_document;
    use crate::scoring::stages::evaluate_stages;

    #[test]
    fn live_lines_carry_points_that_add_to_the_total_and_the_cuts() {
        let doc = sample_document();
        let (project, evaluation) = (&doc.project, doc.evaluation());
        let post = &evaluation.posts[0];
        let first = live_line(project, evaluation, post, 0, Lang::En);
        let points: f64 = first.criteria.iter().filter_map(|c| c.1).sum();
        let total = post.rows[0].total.unwrap();
        assert!((points - total).abs() < 1e-9, "{points} vs {total}");
        assert_eq!(first.status, "selected");
        // Openings 2 (sample's first post): the selection line is under the 2nd row.
        let selected = post
            .rows
            .iter()
            .filter(|r| r.status == Status::Selected)
            .count();
        let cuts: Vec<(usize, Cut)> = (0..post.rows.len())
            .filter_map(|i| {
                live_line(project, evaluation, post, i, Lang::Zh)
                    .cut
                    .map(|c| (i, c))
            })
            .collect();
        assert_eq!(cuts[0], (selected - 1, Cut::Selection));
        assert!(cuts.iter().any(|c| c.1 == Cut::Shortlist));
    }

    #[test]
    fn equal_totals_name_the_tie_breaker_that_decided() {
        let doc = sample_document();
        let (project, evaluation) = (&doc.project, doc.evaluation());
        // The sample's second post has two people at 72.99, separated by the exam.
        let post = &evaluation.posts[1];
        let decided: Vec<usize> = (0..post.rows.len())
            .filter(|&i| post.rows[i].decided_by.is_some())
            .collect();
        assert_eq!(decided.len(), 2);
        for i in decided {
            assert_eq!(post.rows[i].cents, Some(7299));
            let en = live_line(project, evaluation, post, i, Lang::En);
            assert_eq!(en.tie, "equal total, Written exam, higher first");
            let zh = live_line(project, evaluation, post, i, Lang::Zh);
            assert_eq!(zh.tie, "同分，按笔试成绩高者优先");
        }
    }

    #[test]
    fn the_stage_index_finds_what_a_scan_of_everyone_finds() {
        let text = include_str!("../../data-samples/staged.ron");
        let project =
            crate::io::project_file::from_ron_str(text, std::path::Path::new("s.ron")).unwrap();
        let staged = evaluate_stages(&project);
        let index = StageIndex::new(&staged);
        let mut absent = 0;
        for stage in &staged.stages {
            for person in 0..project.people.len() + 2 {
                let local = stage.people.iter().position(|&p| p == person);
                assert_eq!(index.local(stage, person), local);
                absent += usize::from(local.is_none());
                for post in &stage.posts {
                    let scan = post.rows.iter().find(|r| r.person == person);
                    assert_eq!(index.stage_row(stage, post, person), scan);
                }
                for post in &stage.evaluation.posts {
                    let local = local.unwrap_or(usize::MAX);
                    assert_eq!(index.eval_row(stage, post, local), post.row_of(local));
                }
            }
        }
        // Later stages hold fewer people: some lookups must come back empty.
        assert!(absent > 2 * staged.stages.len());
    }

    #[test]
    fn stage_lines_say_where_people_left() {
        let text = include_str!("../../data-samples/staged.ron");
        let project =
            crate::io::project_file::from_ron_str(text, std::path::Path::new("s.ron")).unwrap();
        let staged = evaluate_stages(&project);
        let stage = &staged.stages[1];
        let post = &stage.posts[0];
        let index = StageIndex::new(&staged);
        let lines: Vec<Line> = (0..post.rows.len())
            .map(|i| stage_line((&staged.stages, &index), stage, post, i, Lang::Zh))
            .collect();
        assert!(lines.iter().any(|l| l.cut == Some(Cut::Entry)));
        // 朱秀英 failed the exam gate (57.5 < 60) at the first stage.
        let who = project.person_index("20260011").unwrap();
        let line = lines.iter().find(|l| l.person == who).unwrap();
        assert_eq!(line.status, "此前已淘汰");
        assert!(
            line.reason.contains("笔试") && line.reason.contains("57.5"),
            "{}",
            line.reason
        );
    }
}
