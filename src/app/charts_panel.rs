//! The Charts tab: the six charts of a post (totals with cut-offs, weighted contributions,
//! radar of the people picked in the ranking, histogram of one criterion with its gate,
//! scatter of two criteria with the 9-box lines, rank bump between stages), drawn by the
//! same plotters code as `merit chart` through [`ChartView`], in the app's theme, with the
//! exact values under the pointer. Export writes the chart as `merit chart` does
//! ([`crate::charts::render::write_file`], light theme, full size).

use std::path::Path;

use eframe::egui;

use crate::charts::data;
use crate::charts::data::Class;
use crate::charts::render::{Chart, write_file};
use crate::charts::{ChartError, Theme};
use crate::model::Project;
use crate::report::results::stage_totals_chart;
use crate::scoring::describe::{Lang, criterion_name};
use crate::scoring::stages::{StageEvaluation, StagedEvaluation, evaluate_stages};
use crate::scoring::{Evaluation, PostEvaluation, Row, Weights};

use super::chart_hover::hover_text;
use super::chart_view::ChartView;
use super::i18n::{t, tf};
use super::ranking_panel::{RankingState, post_name, stage_choice_ui};
use super::{Command, View};

/// Bar charts on screen show at most this many people (exports show everyone).
pub const SCREEN_BARS: usize = 60;

/// Which chart is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    /// Totals with cut-off lines.
    #[default]
    Totals,
    /// Stacked weighted contributions.
    Contributions,
    /// Radar of the people picked.
    Radar,
    /// Histogram of one criterion.
    Histogram,
    /// Scatter of two criteria.
    Scatter,
    /// Ranks between two stages.
    Bump,
}

impl Kind {
    const ALL: [Kind; 6] = [
        Kind::Totals,
        Kind::Contributions,
        Kind::Radar,
        Kind::Histogram,
        Kind::Scatter,
        Kind::Bump,
    ];

    /// The chart's name.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Kind::Totals => t(lang, "总分", "Totals"),
            Kind::Contributions => t(lang, "加权构成", "Contributions"),
            Kind::Radar => t(lang, "雷达图", "Radar"),
            Kind::Histogram => t(lang, "分布直方图", "Histogram"),
            Kind::Scatter => t(lang, "散点图（九宫格）", "Scatter (9-box)"),
            Kind::Bump => t(lang, "名次变化", "Rank changes"),
        }
    }

    /// The file name offered on export.
    fn file_stem(self) -> &'static str {
        match self {
            Kind::Totals => "totals",
            Kind::Contributions => "contributions",
            Kind::Radar => "radar",
            Kind::Histogram => "histogram",
            Kind::Scatter => "scatter",
            Kind::Bump => "bump",
        }
    }
}

/// The choices that make a chart.
#[derive(Debug, Clone, PartialEq)]
struct Key {
    kind: Kind,
    /// The stage charted (staged projects), `None`: the live ranking.
    stage: Option<usize>,
    criterion: usize,
    xy: (usize, usize),
    stages: (usize, usize),
    post: usize,
    people: Vec<usize>,
    revision: u64,
    lang: Lang,
}

/// A chart in full and cut for the screen, or why there is none.
type Built = Result<(Chart, Chart), String>;

/// What the Charts tab remembers.
#[derive(Default)]
pub struct ChartsState {
    /// The chart shown.
    pub kind: Kind,
    /// Histogram criterion (scheme order).
    pub criterion: Option<usize>,
    /// Scatter criteria.
    pub xy: Option<(usize, usize)>,
    /// Bump stages (0-based).
    pub stages: Option<(usize, usize)>,
    view: ChartView,
    /// The chart for export and its on-screen cut (see [`on_screen`]).
    built: Option<(Key, Built)>,
    staged: Option<(u64, StagedEvaluation)>,
    /// The stage the criterion choices were made for (they index its scheme).
    stage_seen: Option<usize>,
    /// The ranking under the weights at opening, keyed on the project's revision and those
    /// weights (not on the evaluation's: dragging a weight does not re-rank it).
    opened_eval: Option<(OpenedKey, Option<Evaluation>)>,
}

/// What the ranking under the opened weights depends on: the project and those weights.
type OpenedKey = (u64, Weights);

impl ChartsState {
    /// The chart last built, in full (what Export writes).
    pub fn chart(&self) -> Option<&Chart> {
        self.built
            .as_ref()
            .and_then(|(_, c)| c.as_ref().ok().map(|(full, _)| full))
    }

    /// Writes the chart shown to `path` (PNG or SVG by extension), as `merit chart` does.
    pub fn export(&self, path: &Path) -> Result<(), ChartError> {
        let chart = self
            .chart()
            .ok_or_else(|| ChartError::Empty("no chart is shown".into()))?;
        write_file(chart, &Theme::light(), path)
    }
}

/// The tab.
pub fn charts_ui(
    ui: &mut egui::Ui,
    state: &mut ChartsState,
    ranking: &mut RankingState,
    view: &View<'_>,
    out: &mut Vec<Command>,
) {
    let lang = view.lang;
    let project = &view.doc.project;
    let evaluation = view.doc.evaluation();
    ui.horizontal_wrapped(|ui| {
        for (i, post) in evaluation.posts.iter().enumerate() {
            ui.selectable_value(&mut ranking.post, i, post_name(project, post, lang));
        }
    });
    ui.horizontal_wrapped(|ui| {
        for kind in Kind::ALL {
            ui.selectable_value(&mut state.kind, kind, kind.name(lang));
        }
    });
    if evaluation.posts.get(ranking.post).is_none() {
        ui.label(t(lang, "没有可画的人员", "Nobody to chart"));
        return;
    }
    let stage = stage_ui(ui, state, ranking, view);
    // The stage's own project (its scheme and the people who entered), or the live one.
    let staged = state.staged.take();
    let charted = stage_of(&staged, stage).map_or(&view.doc.project, |s| &s.project);
    options_ui(ui, state, charted, view);
    state.staged = staged;
    let picked: Vec<usize> = [ranking.selection.a, ranking.selection.b]
        .into_iter()
        .flatten()
        .collect();
    rebuild(state, view, (ranking.post, stage), picked);
    export_row_ui(ui, state, lang, out);
    egui::ScrollArea::vertical().show(ui, |ui| show_ui(ui, state, lang));
}

/// The ranked people of `post`, best first: in the order a stage published (its composite
/// order) when charting a stage, else in the post's own order.
fn ranked_order(published: Option<&data::StageView>, post: &PostEvaluation) -> Vec<usize> {
    match published {
        Some(v) => v.order.clone(),
        None => post
            .rows
            .iter()
            .filter(|r| r.rank.is_some())
            .map(|r| r.person)
            .collect(),
    }
}

/// Radar: the people picked in the ranking (A, B) who are in `post`, else the three best of
/// `ranked` (the published order).
fn radar_people(picked: &[usize], post: &PostEvaluation, ranked: &[usize]) -> Vec<usize> {
    let picked: Vec<usize> = picked
        .iter()
        .copied()
        .filter(|&p| post.row_of(p).is_some())
        .collect();
    if picked.len() >= 2 {
        return picked;
    }
    let mut people: Vec<usize> = picked;
    for &person in ranked {
        if people.len() >= 3 {
            break;
        }
        if !people.contains(&person) {
            people.push(person);
        }
    }
    people
}

fn criterion_combo_ui(ui: &mut egui::Ui, id: &str, label: &str, names: &[String], k: &mut usize) {
    ui.label(label);
    egui::ComboBox::from_id_salt(id)
        .selected_text(names.get(*k).cloned().unwrap_or_default())
        .show_ui(ui, |ui| {
            for (i, name) in names.iter().enumerate() {
                ui.selectable_value(k, i, name);
            }
        });
}

/// The stage charted in a staged project: the one shown in the Ranking tab (a picker here
/// changes both); `None` for the live ranking. Keeps the stages' evaluation fresh.
fn stage_ui(
    ui: &mut egui::Ui,
    state: &mut ChartsState,
    ranking: &mut RankingState,
    view: &View<'_>,
) -> Option<usize> {
    let doc = view.doc;
    if doc.project.stages.is_empty() {
        return None;
    }
    let staged = fresh_stages(&mut state.staged, doc);
    let before = ranking.settle_stage(staged.stages.len());
    let mut chosen = before;
    stage_choice_ui(ui, staged, &mut chosen, view.lang);
    if chosen != before {
        ranking.choose_stage(chosen);
    }
    if state.stage_seen != chosen {
        // Criterion choices index the scheme of the stage they were made for.
        (state.criterion, state.xy, state.stage_seen) = (None, None, chosen);
    }
    chosen
}

/// The stages' evaluation of `doc`, evaluated again only when the project changed.
fn fresh_stages<'a>(
    cache: &'a mut Option<(u64, StagedEvaluation)>,
    doc: &crate::app::Document,
) -> &'a StagedEvaluation {
    if cache.as_ref().is_some_and(|(r, _)| *r != doc.revision) {
        *cache = None;
    }
    &cache
        .get_or_insert_with(|| (doc.revision, evaluate_stages(&doc.project)))
        .1
}

/// Stage `stage` of the cached stages' evaluation.
fn stage_of(
    staged: &Option<(u64, StagedEvaluation)>,
    stage: Option<usize>,
) -> Option<&StageEvaluation> {
    staged.as_ref()?.1.stages.get(stage?)
}

fn options_ui(ui: &mut egui::Ui, state: &mut ChartsState, project: &Project, view: &View<'_>) {
    let lang = view.lang;
    let names: Vec<String> = project
        .scheme
        .criteria()
        .map(|c| criterion_name(c, lang).to_string())
        .collect();
    ui.horizontal(|ui| match state.kind {
        Kind::Histogram => {
            let k = state
                .criterion
                .get_or_insert_with(|| default_gated(project));
            criterion_combo_ui(ui, "hist_k", t(lang, "指标", "Criterion"), &names, k);
        }
        Kind::Scatter => {
            let (x, y) = state.xy.get_or_insert_with(|| default_xy(project));
            criterion_combo_ui(ui, "scatter_x", t(lang, "横轴", "X axis"), &names, x);
            criterion_combo_ui(ui, "scatter_y", t(lang, "纵轴", "Y axis"), &names, y);
        }
        Kind::Radar => {
            ui.weak(t(
                lang,
                "比较在“排名”中选中的人（A、B），未选时为前三名；悬停查看各人在该指标的得分",
                "Compares the people picked in the Ranking (A, B), else the best three; hover \
                 an axis for everyone's score on it",
            ));
        }
        Kind::Bump => stage_pair_ui(ui, state, &view.doc.project, lang),
        Kind::Totals | Kind::Contributions => {
            ui.weak(t(lang, "悬停查看精确数值", "Hover for the exact values"));
        }
    });
}

fn stage_pair_ui(ui: &mut egui::Ui, state: &mut ChartsState, project: &Project, lang: Lang) {
    let n = project.stages.len();
    if n < 2 {
        ui.weak(t(
            lang,
            "无环节：比较打开项目时的权重与当前权重",
            "No stages: the weights when the project was opened against the current ones",
        ));
        return;
    }
    let names: Vec<String> = project
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| match lang {
            Lang::En if !s.name_en.is_empty() => s.name_en.clone(),
            _ => s.display_name(i),
        })
        .collect();
    let (a, b) = state.stages.get_or_insert((0, n - 1));
    criterion_combo_ui(ui, "bump_a", t(lang, "从", "From"), &names, a);
    criterion_combo_ui(ui, "bump_b", t(lang, "到", "To"), &names, b);
}

fn default_gated(project: &Project) -> usize {
    project
        .scheme
        .criteria()
        .position(|c| c.gate.is_some())
        .unwrap_or(0)
}

/// Competence × peer trust (the 9-box) when the scheme has them, else two different
/// criteria: the first two.
fn default_xy(project: &Project) -> (usize, usize) {
    let find = |key: &str| project.scheme.criteria().position(|c| c.key == key);
    match (find("competence"), find("peer_trust")) {
        (Some(x), Some(y)) => (x, y),
        _ => (0, 1),
    }
}

/// Builds the chart again when a choice or the evaluation changed.
fn rebuild(
    state: &mut ChartsState,
    view: &View<'_>,
    (post, stage): (usize, Option<usize>),
    people: Vec<usize>,
) {
    let key = Key {
        kind: state.kind,
        stage,
        criterion: state.criterion.unwrap_or(0),
        xy: state.xy.unwrap_or((0, 1)),
        stages: state.stages.unwrap_or((0, 0)),
        post,
        people,
        revision: view.doc.eval_revision,
        lang: view.lang,
    };
    if state.built.as_ref().is_some_and(|(k, _)| *k == key) {
        return;
    }
    let chart = build(state, view, &key);
    let chart = chart.map(|c| {
        let screen = on_screen(&c);
        (c, screen)
    });
    state.built = Some((key, chart));
}

fn build(state: &mut ChartsState, view: &View<'_>, key: &Key) -> Result<Chart, String> {
    let (doc, lang) = (view.doc, key.lang);
    let no_post = || t(lang, "没有此岗位", "No such post").to_string();
    let live = doc.evaluation().posts.get(key.post).ok_or_else(no_post)?;
    if key.kind == Kind::Bump {
        return Ok(Chart::Bump(bump(state, view, live, key)?));
    }
    // At a stage: that stage's project, evaluation and post; people picked in the ranking
    // are found among those who entered it.
    let stage = stage_of(&state.staged, key.stage);
    let (project, evaluation, people) = match stage {
        Some(s) => {
            let local = |p: &usize| s.people.iter().position(|q| q == p);
            (
                &s.project,
                &s.evaluation,
                key.people.iter().filter_map(local).collect(),
            )
        }
        None => (&doc.project, doc.evaluation(), key.people.clone()),
    };
    let post = evaluation.post(live.post.as_deref()).ok_or_else(no_post)?;
    // What the stage published (its composite order, who advanced), not its own ranking.
    let published = stage.map(|s| data::stage_view(s, live.post.as_deref()));
    let ranked = ranked_order(published.as_ref(), post);
    let class_of = |r: &Row| match &published {
        Some(v) => v.classes.get(r.person).copied().unwrap_or(Class::Other),
        None => Class::of(&r.status),
    };
    let count = project.scheme.criteria().count();
    let valid = |k: usize| k < count;
    if let (Kind::Totals, Some(stage), Some((_, staged))) = (key.kind, key.stage, &state.staged) {
        let id = live.post.clone().unwrap_or_default();
        let totals = stage_totals_chart(&doc.project, staged, &id, stage, lang);
        return Ok(Chart::Totals(totals));
    }
    Ok(match key.kind {
        Kind::Totals => Chart::Totals(data::totals(project, post, lang)),
        Kind::Contributions => {
            Chart::Contributions(data::contributions_data(project, evaluation, post, lang))
        }
        Kind::Radar => Chart::Radar(data::radar(
            project,
            post,
            &radar_people(&people, post, &ranked),
            lang,
        )),
        Kind::Histogram if valid(key.criterion) => {
            Chart::Histogram(data::histogram(project, post, key.criterion, lang))
        }
        Kind::Scatter if valid(key.xy.0) && valid(key.xy.1) => {
            let xy = (key.xy.0, key.xy.1);
            Chart::Scatter(data::scatter_classed(project, post, xy, &class_of, lang))
        }
        _ => return Err(t(lang, "没有可用的指标", "No criterion to chart").to_string()),
    })
}

fn bump(
    state: &mut ChartsState,
    view: &View<'_>,
    post: &PostEvaluation,
    key: &Key,
) -> Result<data::BumpData, String> {
    let (doc, lang) = (view.doc, key.lang);
    let project = &doc.project;
    if project.stages.len() >= 2 {
        let id = post.post.clone().unwrap_or_default();
        let staged = fresh_stages(&mut state.staged, doc);
        return data::bump_stages(project, staged, &id, key.stages, lang)
            .ok_or_else(|| t(lang, "这两个环节没有此岗位", "No such post at these stages").into());
    }
    let fresh = |(r, w): &OpenedKey| *r == doc.revision && *w == doc.opened_weights;
    if state.opened_eval.as_ref().is_none_or(|(k, _)| !fresh(k)) {
        let key = (doc.revision, doc.opened_weights.clone());
        state.opened_eval = Some((key, doc.rank_with(&doc.opened_weights)));
    }
    let opened = state
        .opened_eval
        .as_ref()
        .and_then(|(_, e)| e.as_ref()?.post(post.post.as_deref()))
        .ok_or_else(|| {
            t(
                lang,
                "打开后指标已改变，无法比较",
                "The criteria changed since opening",
            )
            .to_string()
        })?;
    Ok(data::bump(
        project,
        (opened, t(lang, "打开时的权重", "Weights when opened")),
        (post, t(lang, "当前权重", "Current weights")),
        lang,
    ))
}

/// The chart for the screen: bar charts cut to the best [`SCREEN_BARS`].
fn on_screen(chart: &Chart) -> Chart {
    match chart {
        Chart::Totals(d) if d.bars.len() > SCREEN_BARS => {
            let mut d = d.clone();
            d.bars.truncate(SCREEN_BARS);
            d.cuts.retain(|(after, _)| *after < SCREEN_BARS);
            Chart::Totals(d)
        }
        Chart::Contributions(d) if d.people.len() > SCREEN_BARS => {
            let mut d = d.clone();
            d.people.truncate(SCREEN_BARS);
            Chart::Contributions(d)
        }
        other => other.clone(),
    }
}

fn export_row_ui(ui: &mut egui::Ui, state: &ChartsState, lang: Lang, out: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        let enabled = state.chart().is_some();
        for (ext, zh, en) in [
            ("png", "导出 PNG…", "Export PNG…"),
            ("svg", "导出 SVG…", "Export SVG…"),
        ] {
            if ui
                .add_enabled(enabled, egui::Button::new(t(lang, zh, en)))
                .clicked()
            {
                let name = format!("{}.{ext}", state.kind.file_stem());
                if let Some(path) = rfd::FileDialog::new()
                    .add_filter(ext.to_uppercase(), &[ext])
                    .set_file_name(name)
                    .save_file()
                {
                    out.push(Command::ExportChart(path));
                }
            }
        }
        if let Some(Chart::Totals(d)) = state.chart()
            && d.bars.len() > SCREEN_BARS
        {
            ui.weak(tf(
                lang,
                format!(
                    "屏幕上显示前 {SCREEN_BARS} 名（共 {} 名；导出包含全部）",
                    d.bars.len()
                ),
                format!(
                    "Showing the best {SCREEN_BARS} of {} (exports show all)",
                    d.bars.len()
                ),
            ));
        }
    });
}

fn show_ui(ui: &mut egui::Ui, state: &mut ChartsState, lang: Lang) {
    let ChartsState { built, view, .. } = state;
    let chart = match built.as_ref().map(|(_, c)| c) {
        Some(Ok((_, screen))) => screen,
        Some(Err(e)) => {
            ui.colored_label(ui.visuals().warn_fg_color, e.as_str());
            return;
        }
        None => return,
    };
    let response = view.chart_ui(ui, chart, lang);
    if let Some(hit) = view.hovered(&response) {
        let text = hover_text(chart, &hit, lang);
        // At once, not after the usual tooltip delay: the pointer is reading the chart.
        egui::Tooltip::for_widget(&response)
            .at_pointer()
            .gap(12.0)
            .show(|ui| {
                ui.label(text);
            });
    }
}

#[cfg(test)]
mod tests {
    use egui_kittest::kittest::Queryable;

    use crate::app::testing::harness;
    use crate::scoring::describe::Lang;

    /// The address of the posts of the cached ranking under the opened weights.
    fn opened(h: &egui_kittest::Harness<'static, crate::app::MeritApp>) -> Option<usize> {
        let (_, e) = h.state().panels.charts.opened_eval.as_ref()?;
        Some(e.as_ref()?.posts.as_ptr() as usize)
    }

    #[test]
    fn dragging_a_weight_does_not_re_rank_the_opened_weights() {
        let mut h = harness(Lang::En);
        h.get_by_label("Charts").click();
        h.run_steps(2);
        h.get_by_label("Rank changes").click();
        h.run_steps(3);
        let before = opened(&h).expect("the bump chart ranked the opened weights");
        for weight in [70.0, 80.0, 90.0] {
            let mut w = h.state().doc.weights();
            w.groups[0] = weight;
            h.state_mut().doc.set_draft(w);
            h.run_steps(2);
            assert_eq!(opened(&h), Some(before), "re-ranked at weight {weight}");
        }
        // The chart did follow the draft: its key is the evaluation's revision.
        let eval_revision = h.state().doc.eval_revision;
        let built = h
            .state()
            .panels
            .charts
            .built
            .as_ref()
            .map(|(k, _)| k.revision);
        assert_eq!(built, Some(eval_revision));
    }

    /// The names on the totals chart shown, best first.
    fn totals_shown(h: &egui_kittest::Harness<'static, crate::app::MeritApp>) -> Vec<String> {
        match h.state().panels.charts.chart() {
            Some(crate::charts::render::Chart::Totals(d)) => {
                d.bars.iter().map(|b| b.label.clone()).collect()
            }
            other => panic!("no totals chart: {other:?}"),
        }
    }

    #[test]
    fn a_staged_project_charts_the_stage_shown() {
        let mut h = harness(Lang::En);
        let text = include_str!("../../data-samples/staged.ron");
        let path = std::path::Path::new("staged.ron");
        let project = crate::io::project_file::from_ron_str(text, path).unwrap();
        let staged = crate::scoring::stages::evaluate_stages(&project);
        let post = project.posts[0].id.clone();
        // The engine's ranked names of a stage's own evaluation, best first.
        let own = |stage: usize| -> Vec<String> {
            let s = &staged.stages[stage];
            let e = s.evaluation.post(Some(post.as_str())).unwrap();
            e.rows
                .iter()
                .filter(|r| r.rank.is_some())
                .map(|r| s.project.people[r.person].name.clone())
                .collect()
        };
        let doc = crate::app::Document::new(project, None, "staged.ron".into());
        h.state_mut().replace_document(doc);
        h.get_by_label("Charts").click();
        h.run_steps(3);
        // The last stage by default, as the Ranking tab opens on it: it ranks on the
        // composite (exam 30%, interview 50%, assessment 20%), not on its own total, so
        // 赵静 leads though 朱桂英 has the best assessment, as the Ranking tab shows.
        let last = staged.stages.len() - 1;
        assert_eq!(totals_shown(&h), ["赵静", "朱桂英", "吴明", "胡静"]);
        assert_ne!(totals_shown(&h), own(last), "not the stage's own order");
        let Some(crate::charts::render::Chart::Totals(d)) = h.state().panels.charts.chart() else {
            panic!("a totals chart");
        };
        let cuts: Vec<(usize, &str)> = d.cuts.iter().map(|(n, l)| (*n, l.as_str())).collect();
        assert_eq!(cuts, [(2, "selection"), (3, "shortlist")]);
        h.get_by_label("1. Written exam").click();
        h.run_steps(3);
        let first = own(0);
        assert!(first.len() > 4, "more sat the exam than the last stage");
        assert_eq!(totals_shown(&h), first);
        // The Ranking tab follows the stage picked here.
        assert_eq!(h.state().panels.ranking.stage, Some(0));
        // Back at the last stage, the scatter colours people by what was published (the
        // composite selects 赵静 and 朱桂英 and shortlists 吴明), not by the stage's own
        // total, which would select 朱桂英 and 吴明.
        h.get_by_label("3. Assessment").click();
        h.get_by_label("Scatter (9-box)").click();
        h.run_steps(3);
        let Some(crate::charts::render::Chart::Scatter(d)) = h.state().panels.charts.chart() else {
            panic!("a scatter chart");
        };
        let class = |name: &str| d.points.iter().find(|p| p.0 == name).map(|p| p.3);
        use crate::charts::data::Class;
        assert_eq!(class("赵静"), Some(Class::Selected));
        assert_eq!(class("朱桂英"), Some(Class::Selected));
        assert_eq!(class("吴明"), Some(Class::Shortlisted));
        assert_eq!(class("胡静"), Some(Class::Other));
        // The stage scores two criteria (no competence): one on each axis.
        assert_ne!(d.x_label, d.y_label);
    }
}
