//! The scheme editor of the Criteria panel: groups and criteria (add, rename, remove),
//! each criterion's scale, direction, normalization, gate and rater aggregation, and the
//! scheme's defaults, missing policy and tie-breakers. Edits go to a working copy; "Apply"
//! sends the whole scheme as one undoable action, refused with its problems if unsound.

use eframe::egui;

use crate::edit::Action;
use crate::model::{
    Aggregation, Criterion, Direction, Gate, GateOp, Group, MissingPolicy, Normalization,
    RaterGroupWeight, Scale, Scheme, TieBreaker, TieKey,
};
use crate::scoring::describe::{Lang, criterion_name};

use super::i18n::t;
use super::{Command, View};

/// A working copy of the scheme.
#[derive(Debug, Clone)]
pub struct SchemeDraft {
    scheme: Scheme,
}

/// The editor (opened with a button, so the weights stay in view).
pub fn scheme_ui(
    ui: &mut egui::Ui,
    draft: &mut Option<SchemeDraft>,
    view: &View<'_>,
    out: &mut Vec<Command>,
) {
    let lang = view.lang;
    let current = &view.doc.project.scheme;
    let Some(d) = draft else {
        if ui
            .button(t(
                lang,
                "编辑方案（量表、门槛、规则）…",
                "Edit scheme (scales, gates, rules)…",
            ))
            .clicked()
        {
            *draft = Some(SchemeDraft {
                scheme: current.clone(),
            });
        }
        return;
    };
    ui.heading(t(lang, "评价方案", "Scheme"));
    groups_ui(ui, &mut d.scheme, lang);
    ui.separator();
    defaults_ui(ui, &mut d.scheme, lang);
    ui.separator();
    rater_groups_ui(ui, &mut d.scheme, lang);
    ui.separator();
    tie_breakers_ui(ui, &mut d.scheme, lang);
    let problems = d.scheme.problems();
    for p in &problems {
        ui.colored_label(ui.visuals().error_fg_color, p);
    }
    let mut close = false;
    ui.horizontal(|ui| {
        let changed = d.scheme != *current;
        if ui
            .add_enabled(
                problems.is_empty() && changed,
                egui::Button::new(t(lang, "应用方案", "Apply scheme")),
            )
            .clicked()
        {
            out.push(Command::Edit {
                action: Action::SetScheme(Box::new(d.scheme.clone())),
                label: t(lang, "修改方案", "change scheme").into(),
            });
            close = true;
        }
        if ui.button(t(lang, "放弃修改", "Discard changes")).clicked() {
            close = true;
        }
    });
    if close {
        *draft = None;
    }
}

fn groups_ui(ui: &mut egui::Ui, scheme: &mut Scheme, lang: Lang) {
    let mut remove_group = None;
    for (g, group) in scheme.groups.iter_mut().enumerate() {
        egui::CollapsingHeader::new(match lang {
            Lang::En if !group.name_en.is_empty() => group.name_en.clone(),
            _ => group.name.clone(),
        })
        .id_salt(("group", g))
        .default_open(false)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                let label = ui.label(t(lang, "中文名", "Chinese name"));
                ui.text_edit_singleline(&mut group.name)
                    .labelled_by(label.id);
                let label = ui.label(t(lang, "英文名", "English name"));
                ui.text_edit_singleline(&mut group.name_en)
                    .labelled_by(label.id);
            });
            let mut remove = None;
            for (i, c) in group.criteria.iter_mut().enumerate() {
                egui::CollapsingHeader::new(criterion_name(c, lang).to_string())
                    .id_salt(("criterion", g, i))
                    .show(ui, |ui| {
                        criterion_ui(ui, c, lang);
                        if ui
                            .button(t(lang, "删除此指标", "Remove this criterion"))
                            .clicked()
                        {
                            remove = Some(i);
                        }
                    });
            }
            if let Some(i) = remove {
                group.criteria.remove(i);
            }
            ui.horizontal(|ui| {
                if ui.button(t(lang, "添加指标", "Add criterion")).clicked() {
                    let n = group.criteria.len() + 1;
                    group.criteria.push(Criterion {
                        key: format!("criterion_{}_{n}", g + 1),
                        name: format!("新指标{n}"),
                        name_en: format!("New criterion {n}"),
                        ..Criterion::default()
                    });
                }
                if ui
                    .button(t(lang, "删除此分组", "Remove this group"))
                    .clicked()
                {
                    remove_group = Some(g);
                }
            });
        });
    }
    if let Some(g) = remove_group {
        scheme.groups.remove(g);
    }
    if ui.button(t(lang, "添加分组", "Add group")).clicked() {
        scheme.groups.push(Group {
            name: "新分组".into(),
            name_en: "New group".into(),
            ..Group::default()
        });
    }
}

fn criterion_ui(ui: &mut egui::Ui, c: &mut Criterion, lang: Lang) {
    egui::Grid::new(("criterion_fields", c.key.clone()))
        .num_columns(2)
        .show(ui, |ui| {
            let label = ui.label(t(lang, "键", "Key"));
            ui.text_edit_singleline(&mut c.key).labelled_by(label.id);
            ui.end_row();
            let label = ui.label(t(lang, "中文名", "Chinese name"));
            ui.text_edit_singleline(&mut c.name).labelled_by(label.id);
            ui.end_row();
            let label = ui.label(t(lang, "英文名", "English name"));
            ui.text_edit_singleline(&mut c.name_en)
                .labelled_by(label.id);
            ui.end_row();
            ui.label(t(lang, "量表", "Scale"));
            scale_ui(ui, &mut c.scale, lang);
            ui.end_row();
            ui.label(t(lang, "标准化", "Normalization"));
            normalization_ui(ui, &mut c.normalization, lang, ("norm", c.key.clone()));
            ui.end_row();
            ui.label(t(lang, "门槛", "Gate"));
            gate_ui(ui, &mut c.gate, lang);
            ui.end_row();
            ui.label(t(lang, "评委汇总", "Rater aggregation"));
            let mut own = c.aggregation.is_some();
            ui.horizontal(|ui| {
                ui.checkbox(&mut own, t(lang, "单独设置", "Own rule"));
                if own {
                    let a = c.aggregation.get_or_insert_with(Aggregation::default);
                    aggregation_ui(ui, a, lang);
                } else {
                    c.aggregation = None;
                    ui.label(t(lang, "（方案默认）", "(scheme default)"));
                }
            });
            ui.end_row();
        });
}

fn scale_ui(ui: &mut egui::Ui, scale: &mut Scale, lang: Lang) {
    ui.horizontal(|ui| match scale {
        Scale::Numeric { lo, hi, direction } => {
            ui.add(egui::DragValue::new(lo).prefix(t(lang, "最低 ", "low ")));
            ui.add(egui::DragValue::new(hi).prefix(t(lang, "最高 ", "high ")));
            ui.radio_value(
                direction,
                Direction::HigherIsBetter,
                t(lang, "越高越好", "higher is better"),
            );
            ui.radio_value(
                direction,
                Direction::LowerIsBetter,
                t(lang, "越低越好", "lower is better"),
            );
        }
        Scale::Categorical { categories } => {
            for (name, points) in categories.iter_mut() {
                let hint = t(lang, "类别", "Category");
                ui.add(
                    egui::TextEdit::singleline(name)
                        .desired_width(50.0)
                        .hint_text(hint),
                );
                ui.add(egui::DragValue::new(points));
            }
        }
    });
}

fn normalization_ui(
    ui: &mut egui::Ui,
    n: &mut Option<Normalization>,
    lang: Lang,
    id: (&str, String),
) {
    let text = |n: Option<Normalization>| match n {
        None => t(lang, "方案默认", "scheme default"),
        Some(Normalization::Scale) => t(lang, "按量表", "by scale"),
        Some(Normalization::Cohort) => t(lang, "按本组最高最低", "by cohort min/max"),
    };
    egui::ComboBox::from_id_salt(id)
        .selected_text(text(*n))
        .show_ui(ui, |ui| {
            for v in [
                None,
                Some(Normalization::Scale),
                Some(Normalization::Cohort),
            ] {
                ui.selectable_value(n, v, text(v));
            }
        });
}

fn gate_ui(ui: &mut egui::Ui, gate: &mut Option<Gate>, lang: Lang) {
    ui.horizontal(|ui| {
        let mut on = gate.is_some();
        ui.checkbox(&mut on, t(lang, "设门槛", "Gate"));
        if !on {
            *gate = None;
            return;
        }
        let g = gate.get_or_insert(Gate::at_least(60.0));
        for (op, sym) in [
            (GateOp::AtLeast, "≥"),
            (GateOp::MoreThan, ">"),
            (GateOp::AtMost, "≤"),
            (GateOp::LessThan, "<"),
        ] {
            ui.radio_value(&mut g.op, op, sym);
        }
        ui.add(egui::DragValue::new(&mut g.value));
    });
}

fn aggregation_ui(ui: &mut egui::Ui, a: &mut Aggregation, lang: Lang) {
    let trimmed = matches!(a, Aggregation::TrimmedMean { .. });
    if ui
        .radio(matches!(a, Aggregation::Mean), t(lang, "平均", "mean"))
        .clicked()
    {
        *a = Aggregation::Mean;
    }
    if ui
        .radio(
            matches!(a, Aggregation::Median),
            t(lang, "中位数", "median"),
        )
        .clicked()
    {
        *a = Aggregation::Median;
    }
    if ui
        .radio(trimmed, t(lang, "去掉最高最低", "trimmed mean"))
        .clicked()
        && !trimmed
    {
        *a = Aggregation::default();
    }
    if let Aggregation::TrimmedMean { drop, above } = a {
        ui.add(egui::DragValue::new(drop).prefix(t(lang, "各去 ", "drop ")));
        ui.add(egui::DragValue::new(above).prefix(t(lang, "人数多于 ", "above ")));
    }
}

fn defaults_ui(ui: &mut egui::Ui, scheme: &mut Scheme, lang: Lang) {
    egui::Grid::new("scheme_defaults")
        .num_columns(2)
        .show(ui, |ui| {
            let label = ui.label(t(lang, "方案名称", "Scheme name"));
            ui.text_edit_singleline(&mut scheme.name)
                .labelled_by(label.id);
            ui.end_row();
            ui.label(t(lang, "默认标准化", "Default normalization"));
            let mut n = Some(scheme.normalization);
            normalization_ui(ui, &mut n, lang, ("scheme_norm", String::new()));
            scheme.normalization = n.unwrap_or_default();
            ui.end_row();
            ui.label(t(lang, "默认评委汇总", "Default rater aggregation"));
            ui.horizontal(|ui| aggregation_ui(ui, &mut scheme.aggregation, lang));
            ui.end_row();
            ui.label(t(lang, "缺分处理", "Missing scores"));
            ui.horizontal(|ui| {
                ui.radio_value(
                    &mut scheme.missing,
                    MissingPolicy::Exclude,
                    t(lang, "不排名", "exclude"),
                );
                ui.radio_value(
                    &mut scheme.missing,
                    MissingPolicy::Zero,
                    t(lang, "按零分", "count as 0"),
                );
                ui.radio_value(
                    &mut scheme.missing,
                    MissingPolicy::Reweight,
                    t(lang, "重新分配权重", "reweight"),
                );
            });
            ui.end_row();
        });
}

fn tie_breakers_ui(ui: &mut egui::Ui, scheme: &mut Scheme, lang: Lang) {
    ui.label(t(lang, "同分排序规则（依次）", "Tie-breakers (in order)"));
    let keys: Vec<(String, String)> = scheme
        .criteria()
        .map(|c| (c.key.clone(), criterion_name(c, lang).to_string()))
        .collect();
    let mut remove = None;
    for (i, tb) in scheme.tie_breakers.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            ui.label(format!("{}.", i + 1));
            match &mut tb.key {
                TieKey::Criterion(key) => {
                    let shown = keys
                        .iter()
                        .find(|(k, _)| k == key)
                        .map_or(key.clone(), |(_, n)| n.clone());
                    egui::ComboBox::from_id_salt(("tie", i))
                        .selected_text(shown)
                        .show_ui(ui, |ui| {
                            for (k, n) in &keys {
                                ui.selectable_value(key, k.clone(), n);
                            }
                        });
                }
                TieKey::Field(name) => {
                    let label = ui.label(t(lang, "字段", "Field"));
                    ui.text_edit_singleline(name).labelled_by(label.id);
                }
            }
            ui.checkbox(&mut tb.descending, t(lang, "高者优先", "higher first"));
            if ui.small_button("✖").clicked() {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        scheme.tie_breakers.remove(i);
    }
    ui.horizontal(|ui| {
        if ui
            .button(t(lang, "添加按指标", "Add by criterion"))
            .clicked()
            && let Some((k, _)) = keys.first()
        {
            scheme.tie_breakers.push(TieBreaker {
                key: TieKey::Criterion(k.clone()),
                descending: true,
            });
        }
        if ui
            .button(t(lang, "添加按字段（如工龄）", "Add by field (e.g. years)"))
            .clicked()
        {
            scheme.tie_breakers.push(TieBreaker {
                key: TieKey::Field("工龄".into()),
                descending: true,
            });
        }
    });
}

/// Weights of rater groups (e.g. leaders 30, peers 50, subordinates 20); a group not
/// listed weighs 1.
fn rater_groups_ui(ui: &mut egui::Ui, scheme: &mut Scheme, lang: Lang) {
    ui.label(t(
        lang,
        "评委类别权重（未列出的类别权重为 1）",
        "Rater group weights (a group not listed weighs 1)",
    ));
    let mut remove = None;
    for (i, g) in scheme.rater_groups.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            let hint = t(lang, "类别名，如 领导", "group, e.g. 领导");
            ui.add(
                egui::TextEdit::singleline(&mut g.group)
                    .desired_width(120.0)
                    .hint_text(hint),
            );
            ui.add(egui::DragValue::new(&mut g.weight).range(0.0..=1000.0));
            if ui.small_button("✖").clicked() {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        scheme.rater_groups.remove(i);
    }
    if ui
        .button(t(lang, "添加评委类别", "Add rater group"))
        .clicked()
    {
        scheme.rater_groups.push(RaterGroupWeight {
            group: String::new(),
            weight: 1.0,
        });
    }
}
