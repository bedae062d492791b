//! What each chart shows, taken from a project and its evaluation: plain numbers and
//! labels, so the drawing functions need nothing else and tests can build them by hand.

use crate::model::Project;
use crate::scoring::describe::{Lang, criterion_name};
use crate::scoring::explain::contributions;
use crate::scoring::stages::{Outcome, StageEvaluation, StagedEvaluation};
use crate::scoring::{Evaluation, PostEvaluation, Row, Status};

/// How a person's bar or point is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Among the selected.
    Selected,
    /// On the shortlist.
    Shortlisted,
    /// Entered the next stage of a staged selection (coloured as the selected).
    Advanced,
    /// Everyone else.
    Other,
}

impl Class {
    /// The class of a status.
    pub fn of(status: &Status) -> Self {
        match status {
            Status::Selected => Class::Selected,
            Status::Shortlisted => Class::Shortlisted,
            _ => Class::Other,
        }
    }

    /// The class of a stage outcome (what was published at that stage).
    pub fn of_outcome(outcome: &Outcome) -> Self {
        match outcome {
            Outcome::Selected => Class::Selected,
            Outcome::Advanced => Class::Advanced,
            Outcome::Shortlisted => Class::Shortlisted,
            _ => Class::Other,
        }
    }
}

/// One bar of the totals chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// The person's name.
    pub label: String,
    /// The published total.
    pub value: f64,
    /// Its colour class.
    pub class: Class,
    /// The person's competition rank (1, 2, 2, 4), which is not the bar's position in a
    /// tie; `None` when unknown.
    pub rank: Option<u32>,
}

/// Totals in ranking order with the selection and shortlist cut-offs.
#[derive(Debug, Clone, PartialEq)]
pub struct TotalsData {
    /// Chart title.
    pub title: String,
    /// The ranked, best first.
    pub bars: Vec<Bar>,
    /// Cut-off lines: after this many bars, with a label (`录用线`).
    pub cuts: Vec<(usize, String)>,
    /// What the values are (`总分`, `综合成绩`), for the hover.
    pub value_label: String,
}

/// The cut-off lines of bars in ranking order: under the last selected (录用线), or under
/// the last to enter the next stage (入围线) at an earlier stage of a staged selection, and
/// under the last shortlisted (差额线); none at the very end.
pub fn cut_lines(bars: &[Bar], lang: Lang) -> Vec<(usize, String)> {
    let count = |c: Class| bars.iter().filter(|b| b.class == c).count();
    let advanced = count(Class::Advanced);
    let first = count(Class::Selected) + advanced;
    let second = first + count(Class::Shortlisted);
    let first_label = if advanced > 0 {
        lang.pick("入围线", "entry")
    } else {
        lang.pick("录用线", "selection")
    };
    let mut cuts = Vec::new();
    if first > 0 && first < bars.len() {
        cuts.push((first, first_label.to_string()));
    }
    if second > first && second < bars.len() {
        cuts.push((second, lang.pick("差额线", "shortlist").to_string()));
    }
    cuts
}

/// Stacked weighted contributions per person.
#[derive(Debug, Clone, PartialEq)]
pub struct ContributionsData {
    /// Chart title.
    pub title: String,
    /// Criterion names (the stack order).
    pub criteria: Vec<String>,
    /// Name and points per criterion, best total first.
    pub people: Vec<(String, Vec<f64>)>,
}

/// 2–6 people on normalized criteria.
#[derive(Debug, Clone, PartialEq)]
pub struct RadarData {
    /// Chart title.
    pub title: String,
    /// Criterion names (the axes).
    pub axes: Vec<String>,
    /// Name and 0..100 scores per axis (NaN: missing).
    pub people: Vec<(String, Vec<f64>)>,
}

/// One criterion's raw values with its gate.
#[derive(Debug, Clone, PartialEq)]
pub struct HistogramData {
    /// Chart title.
    pub title: String,
    /// Axis text: the criterion and its units.
    pub x_label: String,
    /// The raw values present.
    pub values: Vec<f64>,
    /// The scale's `[lo, hi]`.
    pub range: (f64, f64),
    /// The gate's pass line and its label (`≥ 60`).
    pub gate: Option<(f64, String)>,
}

/// Two criteria against each other, with 9-box lines at thirds of the scale.
#[derive(Debug, Clone, PartialEq)]
pub struct ScatterData {
    /// Chart title.
    pub title: String,
    /// The x criterion.
    pub x_label: String,
    /// The y criterion.
    pub y_label: String,
    /// Name, x and y (0..100 normalized) and class of each person with both.
    pub points: Vec<(String, f64, f64, Class)>,
}

/// How ranks move between two rankings.
#[derive(Debug, Clone, PartialEq)]
pub struct BumpData {
    /// Chart title.
    pub title: String,
    /// Name of the left ranking.
    pub left: String,
    /// Name of the right ranking.
    pub right: String,
    /// Name, rank on the left and on the right (`None`: not ranked there).
    pub people: Vec<(String, Option<u32>, Option<u32>)>,
}

fn name(project: &Project, person: usize) -> String {
    let p = &project.people[person];
    if p.name.is_empty() {
        p.id.clone()
    } else {
        p.name.clone()
    }
}

/// The post's display name, or `无岗位` / `No post`.
pub fn post_title(project: &Project, post: &PostEvaluation, lang: Lang) -> String {
    match &post.post {
        Some(id) => project
            .post(id)
            .map_or(id.as_str(), |p| p.display_name())
            .to_string(),
        None => lang.pick("无岗位", "No post").to_string(),
    }
}

/// The totals chart of one post.
pub fn totals(project: &Project, post: &PostEvaluation, lang: Lang) -> TotalsData {
    let bars: Vec<Bar> = post
        .rows
        .iter()
        .filter_map(|row| {
            Some(Bar {
                label: name(project, row.person),
                value: row.cents? as f64 / 100.0,
                class: Class::of(&row.status),
                rank: row.rank,
            })
        })
        .collect();
    let cuts = cut_lines(&bars, lang);
    TotalsData {
        title: format!(
            "{} — {}",
            post_title(project, post, lang),
            lang.pick("总分", "totals")
        ),
        value_label: lang.pick("总分", "total").to_string(),
        bars,
        cuts,
    }
}

fn criterion_names(project: &Project, lang: Lang) -> Vec<String> {
    project
        .scheme
        .criteria()
        .map(|c| criterion_name(c, lang).to_string())
        .collect()
}

/// The stacked contributions of the ranked people of one post.
pub fn contributions_data(
    project: &Project,
    evaluation: &Evaluation,
    post: &PostEvaluation,
    lang: Lang,
) -> ContributionsData {
    let people = post
        .rows
        .iter()
        .filter(|row| row.total.is_some())
        .map(|row| {
            let points = contributions(evaluation, post, row)
                .iter()
                .map(|c| c.points)
                .collect();
            (name(project, row.person), points)
        })
        .collect();
    ContributionsData {
        title: format!(
            "{} — {}",
            post_title(project, post, lang),
            lang.pick("各项加权得分", "weighted contributions")
        ),
        criteria: criterion_names(project, lang),
        people,
    }
}

/// The radar of the given people (indices into `Project::people`) of one post; people
/// not in the post are skipped, and at most six are kept.
pub fn radar(project: &Project, post: &PostEvaluation, people: &[usize], lang: Lang) -> RadarData {
    let axes = criterion_names(project, lang);
    let people = people
        .iter()
        .filter_map(|&p| {
            let row = post.row_of(p)?;
            let scores = (0..axes.len())
                .map(|k| post.score(row, k).unwrap_or(f64::NAN))
                .collect();
            Some((name(project, p), scores))
        })
        .take(6)
        .collect();
    RadarData {
        title: format!(
            "{} — {}",
            post_title(project, post, lang),
            lang.pick("标准化得分对比", "normalized scores")
        ),
        axes,
        people,
    }
}

/// The histogram of criterion `k`'s raw values in one post.
pub fn histogram(project: &Project, post: &PostEvaluation, k: usize, lang: Lang) -> HistogramData {
    let criteria: Vec<_> = project.scheme.criteria().collect();
    let criterion = criteria[k];
    let values = post.rows.iter().filter_map(|r| post.raw(r, k)).collect();
    let label = criterion_name(criterion, lang).to_string();
    HistogramData {
        title: format!(
            "{} — {label} {}",
            post_title(project, post, lang),
            lang.pick("分布", "distribution")
        ),
        x_label: format!("{label} ({})", criterion.scale.describe()),
        values,
        range: criterion.scale.bounds(),
        gate: criterion.gate.map(|g| {
            let text = format!("{} {} {}", lang.pick("门槛", "gate"), g.symbol(), g.value);
            (g.value, text)
        }),
    }
}

/// The scatter of criteria `x` and `y` (normalized) in one post.
pub fn scatter(
    project: &Project,
    post: &PostEvaluation,
    x: usize,
    y: usize,
    lang: Lang,
) -> ScatterData {
    scatter_classed(project, post, (x, y), &|r: &Row| Class::of(&r.status), lang)
}

/// What a stage published for a post, by person of the stage's own project: each one's
/// class (for colours) and the ranked in the published order (its composite order when it
/// has one). The stage's own evaluation ranks on the stage's total only, so charts of a
/// stage take who was selected, shortlisted or advanced from here.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StageView {
    /// Class by stage person (index into the stage project's people).
    pub classes: Vec<Class>,
    /// Stage persons ranked at the stage, best first.
    pub order: Vec<usize>,
}

/// The [`StageView`] of `post` at `stage`.
pub fn stage_view(stage: &StageEvaluation, post: Option<&str>) -> StageView {
    let mut local = vec![None; stage.people.iter().map(|p| p + 1).max().unwrap_or(0)];
    for (i, &full) in stage.people.iter().enumerate() {
        local[full] = Some(i);
    }
    let mut view = StageView {
        classes: vec![Class::Other; stage.people.len()],
        order: Vec::new(),
    };
    let Some(published) = stage.post(post) else {
        return view;
    };
    for row in &published.rows {
        let Some(i) = local.get(row.person).copied().flatten() else {
            continue;
        };
        view.classes[i] = Class::of_outcome(&row.outcome);
        if row.rank.is_some() {
            view.order.push(i);
        }
    }
    view
}

/// [`scatter`] with each point's class from `class_of` (a stage colours people by what the
/// stage published, not by its own evaluation's status).
pub fn scatter_classed(
    project: &Project,
    post: &PostEvaluation,
    (x, y): (usize, usize),
    class_of: &dyn Fn(&Row) -> Class,
    lang: Lang,
) -> ScatterData {
    let names = criterion_names(project, lang);
    let points = post
        .rows
        .iter()
        .filter_map(|r| {
            Some((
                name(project, r.person),
                post.score(r, x)?,
                post.score(r, y)?,
                class_of(r),
            ))
        })
        .collect();
    ScatterData {
        title: format!(
            "{} — {} × {}",
            post_title(project, post, lang),
            names[x],
            names[y]
        ),
        x_label: names[x].clone(),
        y_label: names[y].clone(),
        points,
    }
}

/// Each person's rank (indexed by person), from (person, rank) pairs: one pass, so a
/// chart of 100,000 people looks each one up in constant time.
fn rank_by_person(rows: impl Iterator<Item = (usize, Option<u32>)> + Clone) -> Vec<Option<u32>> {
    let len = rows.clone().map(|(p, _)| p + 1).max().unwrap_or(0);
    let mut ranks = vec![None; len];
    for (person, rank) in rows {
        ranks[person] = rank;
    }
    ranks
}

/// Ranks of the people of `post` in two evaluations of the same project (e.g. two
/// weightings).
pub fn bump(
    project: &Project,
    (left, left_label): (&PostEvaluation, &str),
    (right, right_label): (&PostEvaluation, &str),
    lang: Lang,
) -> BumpData {
    let other = rank_by_person(right.rows.iter().map(|r| (r.person, r.rank)));
    let people = left
        .rows
        .iter()
        .map(|r| {
            let rank = other.get(r.person).copied().flatten();
            (name(project, r.person), r.rank, rank)
        })
        .collect();
    BumpData {
        title: format!(
            "{} — {}",
            post_title(project, left, lang),
            lang.pick("名次变化", "rank changes")
        ),
        left: left_label.to_string(),
        right: right_label.to_string(),
        people,
    }
}

/// Ranks of the people of `post` at two stages (0-based) of a staged evaluation.
pub fn bump_stages(
    project: &Project,
    staged: &StagedEvaluation,
    post: &str,
    (a, b): (usize, usize),
    lang: Lang,
) -> Option<BumpData> {
    let (sa, sb) = (staged.stages.get(a)?, staged.stages.get(b)?);
    let (pa, pb) = (sa.post(Some(post))?, sb.post(Some(post))?);
    let other = rank_by_person(pb.rows.iter().map(|r| (r.person, r.rank)));
    let people = pa
        .rows
        .iter()
        .filter(|r| r.rank.is_some())
        .map(|r| {
            let rank = other.get(r.person).copied().flatten();
            (name(project, r.person), r.rank, rank)
        })
        .collect();
    let post_name = project.post(post).map_or(post, |p| p.display_name());
    Some(BumpData {
        title: format!(
            "{post_name} — {}",
            lang.pick("各环节名次变化", "ranks by stage")
        ),
        left: sa.stage.display_name(a),
        right: sb.stage.display_name(b),
        people,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::evaluate;
    use crate::scoring::stages::evaluate_stages;

    fn staged_project() -> Project {
        let text = include_str!("../../data-samples/staged.ron");
        crate::io::project_file::from_ron_str(text, std::path::Path::new("s.ron")).unwrap()
    }

    #[test]
    fn bump_gives_each_person_their_rank_on_both_sides() {
        let project = staged_project();
        let evaluation = evaluate(&project);
        let left = &evaluation.posts[0];
        let mut right = left.clone();
        // Reverse the ranks on the right and drop one person from it.
        let n = right.rows.len() as u32;
        for r in &mut right.rows {
            r.rank = r.rank.map(|k| n + 1 - k);
        }
        let gone = right.rows.remove(0).person;
        let d = bump(&project, (left, "l"), (&right, "r"), Lang::En);
        assert_eq!(d.people.len(), left.rows.len());
        for (row, (who, l, r)) in left.rows.iter().zip(&d.people) {
            assert_eq!(*who, name(&project, row.person));
            assert_eq!(*l, row.rank);
            let expected = if row.person == gone {
                None
            } else {
                row.rank.map(|k| n + 1 - k)
            };
            assert_eq!(*r, expected, "{who}");
        }
    }

    #[test]
    fn bump_stages_reads_the_later_stage_rank_of_each_person() {
        let project = staged_project();
        let staged = evaluate_stages(&project);
        let id = staged.stages[0].posts[0].post.clone().unwrap();
        let d = bump_stages(&project, &staged, &id, (0, 2), Lang::En).unwrap();
        let (first, last) = (
            staged.stages[0].post(Some(&id)).unwrap(),
            staged.stages[2].post(Some(&id)).unwrap(),
        );
        let ranked: Vec<_> = first.rows.iter().filter(|r| r.rank.is_some()).collect();
        assert_eq!(d.people.len(), ranked.len());
        let mut some_left = false;
        for (row, (who, a, b)) in ranked.iter().zip(&d.people) {
            assert_eq!(*who, name(&project, row.person));
            assert_eq!(*a, row.rank);
            let later = last.rows.iter().find(|r| r.person == row.person);
            assert_eq!(*b, later.and_then(|r| r.rank), "{who}");
            some_left |= b.is_none();
        }
        assert!(some_left, "the sample eliminates people between the stages");
        assert!(d.people.iter().any(|p| p.2.is_some()));
    }
}
