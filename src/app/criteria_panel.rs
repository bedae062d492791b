//! Criteria and weights: every group and criterion with its weight as a slider and as a
//! number, the normalized percentages live, a warning when the entered weights do not sum
//! to 100, and a live preview of the ranking. Dragging a slider only re-ranks (draft
//! weights); releasing it applies one undoable, audited weight change. The rest of the
//! scheme is edited in `scheme_editor`.

use std::collections::BTreeMap;

use eframe::egui;

use crate::edit::Action;
use crate::scoring::Weights;
use crate::scoring::describe::{Lang, criterion_name, total_text};

use super::i18n::{t, tf};
use super::rank_moves::{RankMoves, arrow};
use super::ranking_panel::post_name;
use super::ranking_table::move_color;
use super::scheme_editor::{self, SchemeDraft};
use super::{Command, View};

/// What the panel remembers.
#[derive(Default)]
pub struct CriteriaState {
    /// Weight text being typed, by field id (`g:0`, `c:exam`).
    texts: BTreeMap<String, String>,
    /// A refused weight, shown next to its field.
    error: Option<(String, String)>,
    /// The post previewed on the right.
    preview_post: usize,
    /// The scheme being edited (scales, gates, policies, tie-breakers).
    pub draft: Option<SchemeDraft>,
    /// Who moved in the preview while a weight changes.
    moves: RankMoves,
}

/// The panel.
pub fn criteria_ui(
    ui: &mut egui::Ui,
    state: &mut CriteriaState,
    view: &View<'_>,
    out: &mut Vec<Command>,
) {
    egui::Panel::right("criteria_preview")
        .default_size(320.0)
        .show(ui, |ui| preview_ui(ui, state, view));
    egui::ScrollArea::vertical().show(ui, |ui| {
        weights_ui(ui, state, view, out);
        ui.separator();
        scheme_editor::scheme_ui(ui, &mut state.draft, view, out);
    });
}

fn weights_ui(
    ui: &mut egui::Ui,
    state: &mut CriteriaState,
    view: &View<'_>,
    out: &mut Vec<Command>,
) {
    let lang = view.lang;
    let scheme = &view.doc.project.scheme;
    let mut weights = view.doc.weights();
    let effective: Vec<f64> = weights.effective::<f64>();
    ui.heading(t(lang, "权重", "Weights"));
    let mut k = 0;
    egui::Grid::new("weights")
        .num_columns(4)
        .striped(true)
        .show(ui, |ui| {
            for (g, group) in scheme.groups.iter().enumerate() {
                let name = group_name(group, lang);
                let id = format!("g:{g}");
                let label = ui.strong(name);
                let action = |w: f64| Action::SetGroupWeight {
                    group: g,
                    weight: w,
                };
                weight_row_ui(
                    ui,
                    state,
                    &id,
                    (label.id, name),
                    (&mut weights, Slot::Group(g)),
                    action,
                    lang,
                    out,
                );
                let share: f64 = effective[k..k + group.criteria.len()].iter().sum();
                ui.label(format!("{:.1}%", share * 100.0));
                ui.end_row();
                for c in &group.criteria {
                    let label = ui
                        .horizontal(|ui| {
                            ui.add_space(16.0);
                            ui.label(criterion_name(c, lang))
                        })
                        .inner;
                    let key = c.key.clone();
                    let action = move |w: f64| Action::SetWeight {
                        criterion: key.clone(),
                        weight: w,
                    };
                    let id = format!("c:{}", c.key);
                    weight_row_ui(
                        ui,
                        state,
                        &id,
                        (label.id, criterion_name(c, lang)),
                        (&mut weights, Slot::Criterion(k)),
                        action,
                        lang,
                        out,
                    );
                    ui.label(format!("{:.1}%", effective[k] * 100.0));
                    ui.end_row();
                    k += 1;
                }
            }
        });
    sum_warning_ui(ui, &weights, scheme, lang);
    if let Some((_, e)) = &state.error {
        ui.colored_label(ui.visuals().error_fg_color, e);
    }
}

fn group_name(group: &crate::model::Group, lang: Lang) -> &str {
    match lang {
        Lang::En if !group.name_en.is_empty() => &group.name_en,
        _ => &group.name,
    }
}

/// Which weight a row edits.
#[derive(Clone, Copy)]
enum Slot {
    Group(usize),
    Criterion(usize),
}

fn slot(weights: &mut Weights, slot: Slot) -> &mut f64 {
    match slot {
        Slot::Group(g) => &mut weights.groups[g],
        Slot::Criterion(k) => &mut weights.criteria[k],
    }
}

/// A slider (draft while dragging, applied on release) and a number field (applied on
/// Enter or when leaving it).
#[allow(clippy::too_many_arguments)]
fn weight_row_ui(
    ui: &mut egui::Ui,
    state: &mut CriteriaState,
    id: &str,
    (label, name): (egui::Id, &str),
    (weights, which): (&mut Weights, Slot),
    action: impl Fn(f64) -> Action,
    lang: Lang,
    out: &mut Vec<Command>,
) {
    let mut w = *slot(weights, which);
    // Weights above 100 are allowed (only proportions matter): the slider must not clamp them.
    let slider = ui.add(
        egui::Slider::new(&mut w, 0.0..=100.0)
            .show_value(false)
            .clamping(egui::SliderClamping::Never),
    );
    if slider.changed() {
        *slot(weights, which) = w;
        out.push(Command::DraftWeights(weights.clone()));
    }
    if slider.drag_stopped() || (slider.changed() && !slider.dragged()) {
        push_weight(out, action(w), name, lang);
    }
    let current = format!("{}", *slot(weights, which));
    let text = state
        .texts
        .entry(id.to_string())
        .or_insert_with(|| current.clone());
    let edit = ui.add(
        egui::TextEdit::singleline(text)
            .desired_width(60.0)
            .id_salt(("weight", id)),
    );
    let edit = edit.labelled_by(label);
    if edit.lost_focus() {
        match text.trim().parse::<f64>() {
            Ok(x) if x.is_finite() && x >= 0.0 => {
                state.error = None;
                if x != *slot(weights, which) {
                    push_weight(out, action(x), name, lang);
                }
            }
            _ => {
                let message = tf(
                    lang,
                    format!("权重 '{text}' 无效：须为非负数"),
                    format!("Weight '{text}' refused: weights are non-negative numbers"),
                );
                state.error = Some((id.to_string(), message));
            }
        }
    } else if !edit.has_focus() {
        *text = current;
    }
}

fn push_weight(out: &mut Vec<Command>, action: Action, name: &str, lang: Lang) {
    let weight = match &action {
        Action::SetWeight { weight, .. } | Action::SetGroupWeight { weight, .. } => *weight,
        _ => 0.0,
    };
    let label = tf(
        lang,
        format!("权重 {name} = {weight}"),
        format!("weight {name} = {weight}"),
    );
    out.push(Command::Edit { action, label });
}

/// Weights are used normalized; say so when the entered ones do not sum to 100.
fn sum_warning_ui(ui: &mut egui::Ui, weights: &Weights, scheme: &crate::model::Scheme, lang: Lang) {
    let groups: f64 = weights.groups.iter().sum();
    let mut messages = Vec::new();
    if (groups - 100.0).abs() > 1e-9 {
        messages.push(tf(
            lang,
            format!("分组权重合计 {groups}，不是 100：按比例折算使用。"),
            format!("Group weights sum to {groups}, not 100: they are used proportionally."),
        ));
    }
    let mut k = 0;
    for group in &scheme.groups {
        let n = group.criteria.len();
        let inner: f64 = weights.criteria[k..k + n].iter().sum();
        k += n;
        if n > 1 && (inner - 100.0).abs() > 1e-9 {
            messages.push(tf(
                lang,
                format!("“{}”内的指标权重合计 {inner}，不是 100：按比例折算使用。", group.name),
                format!(
                    "Criteria weights in '{}' sum to {inner}, not 100: they are used proportionally.",
                    group_name(group, lang)
                ),
            ));
        }
    }
    for m in messages {
        ui.colored_label(ui.visuals().warn_fg_color, m);
    }
}

fn preview_ui(ui: &mut egui::Ui, state: &mut CriteriaState, view: &View<'_>) {
    let lang = view.lang;
    let project = &view.doc.project;
    let evaluation = view.doc.evaluation();
    ui.heading(t(lang, "排名预览", "Ranking preview"));
    if view.doc.draft.is_some() && !view.doc.ranks_live() {
        ui.label(t(
            lang,
            "人数较多：松开滑块后更新排名",
            "Many people: the ranking updates when the slider is released",
        ));
    }
    ui.horizontal_wrapped(|ui| {
        for (i, post) in evaluation.posts.iter().enumerate() {
            ui.selectable_value(&mut state.preview_post, i, post_name(project, post, lang));
        }
    });
    let Some(post) = evaluation.posts.get(state.preview_post) else {
        return;
    };
    let now = ui.input(|i| i.time);
    state.moves.update(
        state.preview_post,
        view.doc.eval_revision,
        post,
        view.doc.project.people.len(),
        now,
    );
    if state.moves.fading(now) {
        ui.ctx().request_repaint();
    }
    egui::Grid::new("preview").striped(true).show(ui, |ui| {
        for row in post.rows.iter().filter(|r| r.rank.is_some()).take(20) {
            let p = &project.people[row.person];
            ui.label(row.rank.map(|r| r.to_string()).unwrap_or_default());
            ui.label(format!("{} {}", p.id, p.name));
            ui.monospace(total_text(row.cents));
            match state.moves.shown(row.person, now) {
                Some(m) => {
                    let color = move_color(m.delta).gamma_multiply(0.4 + 0.6 * m.strength);
                    ui.colored_label(color, arrow(m.delta));
                }
                None => {
                    ui.label("");
                }
            }
            ui.end_row();
        }
    });
}
