//! The ranking of one post, live or at one stage: post and stage pickers, search, the
//! table (`ranking_table`), what moved after a weight change (`rank_moves`), and the
//! explanation of the people clicked (`explain_panel`). It reads the document's evaluation,
//! which re-ranks on every frame while a weight is dragged; it never computes scores.

use std::cell::RefCell;

use eframe::egui;

use crate::model::Project;
use crate::scoring::describe::{Lang, criterion_name};
use crate::scoring::explain::{ExactDifference, compare_composite, compare_exact};
use crate::scoring::stages::{StageEvaluation, StagePost, StagedEvaluation, evaluate_stages};
use crate::scoring::{PostEvaluation, Prepared, Weights};

use super::explain_panel::{Selection, Subject, explain_ui};
use super::i18n::{t, tf};
use super::rank_moves::RankMoves;
use super::ranking_lines::{StageIndex, live_line, stage_line, stage_name};
use super::ranking_table::{Columns, Marks, ranking_table_ui};
use super::{Command, View};

/// A cached exact comparison at a stage: (revision, stage, A, B) and the result.
type StageExact = ((u64, usize, usize, usize), Option<ExactDifference>);

/// What the rows found by a search depend on: the lowercased needle, the revision of
/// what is shown (the evaluation's live, the project's at a stage), the post and stage.
#[derive(Debug, Clone, PartialEq)]
struct SearchKey {
    needle: String,
    revision: u64,
    post: usize,
    stage: Option<usize>,
}

/// What the ranking panel remembers between frames.
#[derive(Debug)]
pub struct RankingState {
    /// Index of the post shown, in evaluation order.
    pub post: usize,
    /// Search text (name or id).
    pub search: String,
    /// The stage shown; `None`: the live ranking under the current weights.
    pub stage: Option<usize>,
    /// Whether the user chose the stage (else a staged project opens on its last stage).
    stage_chosen: bool,
    /// Show each criterion's score and weighted points.
    pub per_criterion: bool,
    /// Who is explained and compared.
    pub selection: Selection,
    moves: RankMoves,
    staged: Option<(u64, StagedEvaluation)>,
    /// Where everyone is at each stage of `staged`, made with it.
    stage_index: StageIndex,
    stage_exact: RefCell<Option<StageExact>>,
    /// The rows the search found, rebuilt only when its key changes.
    found: Option<(SearchKey, Vec<usize>)>,
}

impl Default for RankingState {
    fn default() -> Self {
        RankingState {
            post: 0,
            search: String::new(),
            stage: None,
            stage_chosen: false,
            per_criterion: true,
            selection: Selection::default(),
            moves: RankMoves::default(),
            staged: None,
            stage_index: StageIndex::default(),
            stage_exact: RefCell::new(None),
            found: None,
        }
    }
}

impl RankingState {
    /// Shows stage `stage` (`None`: the live ranking), as if picked in the Ranking tab.
    pub fn choose_stage(&mut self, stage: Option<usize>) {
        if stage != self.stage {
            self.selection = Selection::default();
        }
        self.stage = stage;
        self.stage_chosen = true;
    }

    /// The stage shown among `count`: the one chosen while it exists, else the last (a
    /// staged project opens on its final ranking), or `None` for the live ranking chosen.
    pub fn settle_stage(&mut self, count: usize) -> Option<usize> {
        if !self.stage_chosen || self.stage.is_some_and(|s| s >= count) {
            self.stage = count.checked_sub(1);
        }
        self.stage
    }
}

/// The name of evaluated post `i`.
pub fn post_name<'a>(project: &'a Project, post: &'a PostEvaluation, lang: Lang) -> &'a str {
    match &post.post {
        Some(id) => project.post(id).map_or(id.as_str(), |p| p.display_name()),
        None => t(lang, "无岗位", "No post"),
    }
}

/// Post and stage pickers, search, the table and the explanation.
pub fn ranking_ui(
    ui: &mut egui::Ui,
    state: &mut RankingState,
    view: &View<'_>,
    _out: &mut Vec<Command>,
) {
    let lang = view.lang;
    let project = &view.doc.project;
    let evaluation = view.doc.evaluation();
    let shown_post = state.post;
    ui.horizontal_wrapped(|ui| {
        for (i, post) in evaluation.posts.iter().enumerate() {
            ui.selectable_value(&mut state.post, i, post_name(project, post, lang));
        }
    });
    if state.post != shown_post {
        // The people picked belong to the other post.
        state.selection = Selection::default();
    }
    if !project.stages.is_empty() {
        refresh_stages(state, view);
        stage_picker_ui(ui, state, lang);
    } else {
        state.stage = None;
    }
    toolbar_ui(ui, state, view);
    let Some(post) = evaluation.posts.get(state.post) else {
        ui.label(t(lang, "没有可排名的人员", "Nobody to rank"));
        return;
    };
    match state.stage {
        None => live_ui(ui, state, view, post),
        Some(s) => stage_ui(ui, state, view, post, s),
    }
}

fn refresh_stages(state: &mut RankingState, view: &View<'_>) {
    let revision = view.doc.revision;
    if state.staged.as_ref().is_none_or(|(r, _)| *r != revision) {
        let staged = evaluate_stages(&view.doc.project);
        state.stage_index = StageIndex::new(&staged);
        state.staged = Some((revision, staged));
    }
    let count = state.staged.as_ref().map_or(0, |(_, s)| s.stages.len());
    state.settle_stage(count);
}

/// The stage picker of a staged selection: each stage by number and name, then the live
/// ranking under the current scheme (`None`). The Ranking and Charts tabs both show it.
pub fn stage_choice_ui(
    ui: &mut egui::Ui,
    staged: &StagedEvaluation,
    chosen: &mut Option<usize>,
    lang: Lang,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label(t(lang, "环节：", "Stage:"));
        for stage in &staged.stages {
            let name = format!("{}. {}", stage.index + 1, stage_name(stage, lang));
            ui.selectable_value(chosen, Some(stage.index), name);
        }
        let live = t(lang, "当前方案（实时）", "Current scheme (live)");
        ui.selectable_value(chosen, None, live);
    });
}

fn stage_picker_ui(ui: &mut egui::Ui, state: &mut RankingState, lang: Lang) {
    let Some((_, staged)) = &state.staged else {
        return;
    };
    let mut chosen = state.stage;
    stage_choice_ui(ui, staged, &mut chosen, lang);
    if chosen != state.stage {
        state.choose_stage(chosen);
    }
}

fn toolbar_ui(ui: &mut egui::Ui, state: &mut RankingState, view: &View<'_>) {
    let lang = view.lang;
    ui.horizontal(|ui| {
        let label = ui.label(t(lang, "搜索", "Search"));
        let r = ui
            .text_edit_singleline(&mut state.search)
            .labelled_by(label.id);
        if view.focus_search {
            r.request_focus();
        }
        ui.checkbox(
            &mut state.per_criterion,
            t(lang, "显示各项得分", "Per-criterion columns"),
        );
        if view.doc.draft.is_some() && view.doc.ranks_live() && state.stage.is_none() {
            ui.label(t(
                lang,
                "（按正在调整的权重实时排名）",
                "(live, with the weights being adjusted)",
            ));
        }
        if state.selection.a.is_none() {
            ui.weak(t(
                lang,
                "点击一人查看解释",
                "Click a person for the explanation",
            ));
        }
    });
}

/// Rows of `count` whose person matches the search; `None`: all of them (no list is made
/// for the usual case, which matters at 100,000 rows a frame). The list is kept in `found`
/// and made again only when `key` changes, not on every frame.
fn matching<'a>(
    found: &'a mut Option<(SearchKey, Vec<usize>)>,
    key: SearchKey,
    project: &Project,
    count: usize,
    person: impl Fn(usize) -> usize,
) -> Option<&'a [usize]> {
    if key.needle.is_empty() {
        return None;
    }
    if found.as_ref().is_none_or(|(k, _)| *k != key) {
        let needle = key.needle.as_str();
        let rows = (0..count)
            .filter(|&i| {
                let p = &project.people[person(i)];
                p.name.to_lowercase().contains(needle) || p.id.to_lowercase().contains(needle)
            })
            .collect();
        *found = Some((key, rows));
    }
    found.as_ref().map(|(_, rows)| rows.as_slice())
}

/// Row `i` of the table as an index into the post's rows.
fn pick(rows: Option<&[usize]>, i: usize) -> usize {
    rows.map_or(i, |r| r[i])
}

fn shown(rows: Option<&[usize]>, count: usize) -> usize {
    rows.map_or(count, <[usize]>::len)
}

fn criterion_names(project: &Project, lang: Lang) -> Vec<String> {
    project
        .scheme
        .criteria()
        .map(|c| criterion_name(c, lang).to_string())
        .collect()
}

fn live_ui(ui: &mut egui::Ui, state: &mut RankingState, view: &View<'_>, post: &PostEvaluation) {
    let (lang, doc) = (view.lang, view.doc);
    let (project, evaluation) = (&doc.project, doc.evaluation());
    let now = ui.input(|i| i.time);
    let people = doc.project.people.len();
    state
        .moves
        .update(state.post, doc.eval_revision, post, people, now);
    if state.moves.fading(now) {
        ui.ctx().request_repaint();
    }
    summary_ui(ui, post.openings, post.shortlist, lang);
    let names = criterion_names(project, lang);
    if state.selection.a.is_some() {
        let identity = |p: usize| Some(p);
        let rank_of = |p: usize| post.row_of(p)?.rank;
        let exact = |u: usize, l: usize| doc.compare_exact(post, post.row_of(u)?, post.row_of(l)?);
        let subject = Subject {
            project,
            names: &names,
            evaluation,
            post,
            local: &identity,
            rank_of: &rank_of,
            exact: &exact,
            part_names: &names,
            total_label: t(lang, "总分", "total"),
            parts_are_stages: false,
        };
        side_ui(ui, &mut state.selection, &subject, lang);
    }
    let key = SearchKey {
        needle: state.search.trim().to_lowercase(),
        revision: doc.eval_revision,
        post: state.post,
        stage: None,
    };
    let people = |i: usize| post.rows[i].person;
    let rows = matching(&mut state.found, key, project, post.rows.len(), people);
    let columns = Columns {
        criteria: &names,
        composite: false,
        per_criterion: state.per_criterion,
    };
    let marks = Marks {
        a: state.selection.a,
        b: state.selection.b,
        moves: &state.moves,
        now,
    };
    let line = |i: usize| live_line(project, evaluation, post, pick(rows, i), lang);
    let count = shown(rows, post.rows.len());
    if let Some(p) = ranking_table_ui(ui, project, &columns, count, &line, &marks, lang) {
        state.selection.pick(p);
    }
}

fn summary_ui(ui: &mut egui::Ui, openings: u32, shortlist: u32, lang: Lang) {
    ui.label(tf(
        lang,
        format!("录用 {openings} 人，差额名单 {shortlist} 人"),
        format!("{openings} opening(s), shortlist of {shortlist}"),
    ));
}

fn side_ui(ui: &mut egui::Ui, selection: &mut Selection, subject: &Subject<'_>, lang: Lang) {
    egui::Panel::right("explain")
        .default_size(400.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                explain_ui(ui, selection, subject, lang);
            });
        });
}

fn stage_ui(
    ui: &mut egui::Ui,
    state: &mut RankingState,
    view: &View<'_>,
    live: &PostEvaluation,
    s: usize,
) {
    // Taken out for the frame, so the table can read it while the selection changes.
    let staged = state.staged.take();
    let index = std::mem::take(&mut state.stage_index);
    if let Some((st, stage)) = staged
        .as_ref()
        .and_then(|(_, st)| st.stages.get(s).map(|x| (st, x)))
    {
        stage_body_ui(ui, state, view, live, (st, &index, stage));
    }
    state.staged = staged;
    state.stage_index = index;
}

fn stage_body_ui(
    ui: &mut egui::Ui,
    state: &mut RankingState,
    view: &View<'_>,
    live: &PostEvaluation,
    (staged, index, stage): (&StagedEvaluation, &StageIndex, &StageEvaluation),
) {
    let lang = view.lang;
    let project = &view.doc.project;
    let Some(spost) = stage.post(live.post.as_deref()) else {
        ui.label(t(
            lang,
            "这一环节没有此岗位的人员",
            "Nobody of this post at this stage",
        ));
        return;
    };
    summary_ui(ui, spost.openings, spost.shortlist, lang);
    if let Some(cut) = spost.entry_cut {
        ui.label(tf(
            lang,
            format!("进入下一环节 {cut} 人"),
            format!("{cut} enter the next stage"),
        ));
    }
    let names = criterion_names(&stage.project, lang);
    if state.selection.a.is_some() {
        stage_side_ui(ui, state, view, (staged, index, stage, spost), &names);
    }
    let key = SearchKey {
        needle: state.search.trim().to_lowercase(),
        revision: view.doc.revision,
        post: state.post,
        stage: Some(stage.index),
    };
    let people = |i: usize| spost.rows[i].person;
    let rows = matching(&mut state.found, key, project, spost.rows.len(), people);
    let columns = Columns {
        criteria: &names,
        composite: !stage.stage.composite.is_empty(),
        per_criterion: state.per_criterion,
    };
    let still = RankMoves::default();
    let marks = Marks {
        a: state.selection.a,
        b: state.selection.b,
        moves: &still,
        now: 0.0,
    };
    let stages = (staged.stages.as_slice(), index);
    let line = |i: usize| stage_line(stages, stage, spost, pick(rows, i), lang);
    let count = shown(rows, spost.rows.len());
    if let Some(p) = ranking_table_ui(ui, project, &columns, count, &line, &marks, lang) {
        state.selection.pick(p);
    }
}

/// The explanation at a stage: the stage's own total under its own scheme; the comparison
/// of two people is of what the stage ranks on (the composite, when it has one).
fn stage_side_ui(
    ui: &mut egui::Ui,
    state: &mut RankingState,
    view: &View<'_>,
    (staged, index, stage, spost): (&StagedEvaluation, &StageIndex, &StageEvaluation, &StagePost),
    names: &[String],
) {
    let Some(post) = stage.evaluation.post(spost.post.as_deref()) else {
        return;
    };
    let lang = view.lang;
    let local = |p: usize| index.local(stage, p);
    let rank_of = |p: usize| index.stage_row(stage, spost, p)?.rank;
    let composite = !stage.stage.composite.is_empty();
    let stage_names: Vec<String> = staged.stages[..=stage.index]
        .iter()
        .map(|s| stage_name(s, lang))
        .collect();
    let cache = &state.stage_exact;
    let revision = view.doc.revision;
    let exact = |u: usize, l: usize| {
        let key = (revision, stage.index, u, l);
        if let Some((_, d)) = cache.borrow().as_ref().filter(|(k, _)| *k == key) {
            return d.clone();
        }
        let d = if composite {
            let cents = |p: usize| stage_cents((staged, index), stage.index, spost, p);
            compare_composite(&stage.stage.composite, &cents(u), &cents(l))
        } else {
            let prepared = Prepared::new(&stage.project);
            let weights = Weights::from_scheme(&stage.project.scheme);
            compare_exact(
                &prepared,
                &weights,
                post,
                index.eval_row(stage, post, local(u)?)?,
                index.eval_row(stage, post, local(l)?)?,
            )
        };
        *cache.borrow_mut() = Some((key, d.clone()));
        d
    };
    let subject = Subject {
        project: &view.doc.project,
        names,
        evaluation: &stage.evaluation,
        post,
        local: &local,
        rank_of: &rank_of,
        exact: &exact,
        part_names: if composite { &stage_names } else { names },
        total_label: t(lang, "本环节总分", "stage total"),
        parts_are_stages: composite,
    };
    side_ui(ui, &mut state.selection, &subject, lang);
}

/// A person's published totals at stages `0..=index` of a post.
fn stage_cents(
    (staged, lookup): (&StagedEvaluation, &StageIndex),
    index: usize,
    spost: &StagePost,
    person: usize,
) -> Vec<Option<i64>> {
    staged.stages[..=index]
        .iter()
        .map(|s| {
            let post = s.post(spost.post.as_deref())?;
            lookup.stage_row(s, post, person)?.cents
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use egui_kittest::kittest::Queryable;

    use crate::app::testing::harness;
    use crate::edit::{Action, Meta};
    use crate::scoring::describe::Lang;

    type H = egui_kittest::Harness<'static, crate::app::MeritApp>;

    /// The people the cached search found, and the address of its list.
    fn found(h: &H) -> Option<(Vec<usize>, usize)> {
        let (_, rows) = h.state().panels.ranking.found.as_ref()?;
        let post = &h.state().doc.evaluation().posts[0];
        let people = rows.iter().map(|&i| post.rows[i].person).collect();
        Some((people, rows.as_ptr() as usize))
    }

    #[test]
    fn the_search_is_made_once_and_again_only_when_what_it_reads_changes() {
        let mut h = harness(Lang::En);
        let person = h.state().doc.evaluation().posts[0].rows[2].person;
        let name = h.state().doc.project.people[person].name.clone();
        h.state_mut().panels.ranking.search = name.to_uppercase();
        h.run_steps(2);
        let (people, list) = found(&h).expect("a search makes a list");
        assert_eq!(people, vec![person]);
        h.get_by_label(&name);
        h.run_steps(3);
        assert_eq!(
            found(&h).map(|f| f.1),
            Some(list),
            "made again on a plain frame"
        );
        // A new evaluation moves the rows: the list follows.
        let mut w = h.state().doc.weights();
        w.groups[0] = 5.0;
        h.state_mut().doc.set_draft(w);
        h.run_steps(2);
        assert_eq!(found(&h).map(|f| f.0), Some(vec![person]));
        // A rename is a new revision: the old name finds nobody.
        let mut renamed = h.state().doc.project.people[person].clone();
        renamed.name = "Zed Quux".into();
        let id = renamed.id.clone();
        let edit = Action::EditPerson {
            id,
            person: Box::new(renamed),
        };
        let doc = &mut h.state_mut().doc;
        doc.apply(edit, "rename".into(), &Meta::default()).unwrap();
        h.run_steps(2);
        assert_eq!(found(&h).map(|f| f.0), Some(Vec::new()));
        assert!(h.query_by_label(&name).is_none());
    }
}
