//! The side form of the People panel: every field of one person, including the extra
//! columns kept from imports. It checks what was typed before emitting the change, so a
//! refused value is shown next to its field and nothing typed is lost.

use eframe::egui;

use crate::edit::{Action, parse_value};
use crate::model::{Person, Project};
use crate::scoring::describe::{Lang, criterion_name};
use crate::scoring::raw::value_points;

use super::Command;
use super::i18n::{reason_text, t, tf};

/// The form's editing buffer.
#[derive(Debug, Clone, Default)]
pub struct PersonForm {
    /// Index of the person edited; `None` for a new person.
    pub index: Option<usize>,
    original_id: Option<String>,
    id: String,
    name: String,
    department: String,
    post: Option<String>,
    /// Criterion key and the text typed.
    scores: Vec<(String, String)>,
    /// Extra column and value.
    extra: Vec<(String, String)>,
    /// Scores of criteria not in the scheme, kept as they were.
    other_scores: Vec<(String, crate::model::Value)>,
    errors: Vec<String>,
    confirm_delete: bool,
}

impl PersonForm {
    /// An empty form for a new person.
    pub fn new_person(project: &Project) -> Self {
        PersonForm {
            scores: project
                .scheme
                .criteria()
                .map(|c| (c.key.clone(), String::new()))
                .collect(),
            ..PersonForm::default()
        }
    }

    /// The form for person `index`.
    pub fn edit(project: &Project, index: usize) -> Self {
        let p = &project.people[index];
        let scores = project
            .scheme
            .criteria()
            .map(|c| {
                let text = p
                    .scores
                    .get(&c.key)
                    .map(ToString::to_string)
                    .unwrap_or_default();
                (c.key.clone(), text)
            })
            .collect();
        let other_scores = p
            .scores
            .iter()
            .filter(|(k, _)| project.scheme.criterion(k).is_none())
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        PersonForm {
            index: Some(index),
            original_id: Some(p.id.clone()),
            id: p.id.clone(),
            name: p.name.clone(),
            department: p.department.clone(),
            post: p.post.clone(),
            scores,
            extra: p
                .extra
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
            other_scores,
            errors: Vec::new(),
            confirm_delete: false,
        }
    }

    /// The person typed, or every reason it cannot be saved.
    fn person(&self, project: &Project, lang: Lang) -> Result<Person, Vec<String>> {
        let mut errors = Vec::new();
        let id = self.id.trim().to_string();
        let taken = project
            .person_index(&id)
            .is_some_and(|i| Some(i) != self.index);
        if id.is_empty() || taken {
            errors.push(
                t(
                    lang,
                    "编号为空或已被使用",
                    "The id is empty or already used",
                )
                .into(),
            );
        }
        let mut person = Person {
            id,
            name: self.name.trim().to_string(),
            department: self.department.trim().to_string(),
            post: self.post.clone(),
            ..Person::default()
        };
        for (key, text) in &self.scores {
            let Some(value) = parse_value(text) else {
                continue;
            };
            if let Some(c) = project.scheme.criterion(key)
                && let Err(e) = value_points(&value, &c.scale)
            {
                errors.push(format!(
                    "{}: '{}' {}",
                    criterion_name(c, lang),
                    e.value,
                    reason_text(&e.reason, lang)
                ));
            }
            person.scores.insert(key.clone(), value);
        }
        person.scores.extend(self.other_scores.iter().cloned());
        // Ballot tallies are not edited here: they stay with the person.
        if let Some(old) = self.index.and_then(|i| project.people.get(i)) {
            person.tallies = old.tallies.clone();
        }
        for (k, v) in &self.extra {
            if !k.trim().is_empty() {
                person.extra.insert(k.trim().to_string(), v.clone());
            }
        }
        if errors.is_empty() {
            Ok(person)
        } else {
            Err(errors)
        }
    }
}

/// The form; false when it is closed.
pub fn form_ui(
    ui: &mut egui::Ui,
    form: &mut PersonForm,
    project: &Project,
    lang: Lang,
    out: &mut Vec<Command>,
) -> bool {
    ui.heading(if form.index.is_some() {
        t(lang, "编辑人员", "Edit person")
    } else {
        t(lang, "添加人员", "Add person")
    });
    egui::ScrollArea::vertical().show(ui, |ui| {
        fields_ui(ui, form, project, lang);
    });
    for e in &form.errors {
        ui.colored_label(ui.visuals().error_fg_color, e);
    }
    let mut keep = true;
    ui.horizontal(|ui| {
        if ui.button(t(lang, "保存人员", "Save person")).clicked() {
            save(form, project, lang, out);
        }
        if form.index.is_some() && ui.button(t(lang, "删除人员", "Delete person")).clicked() {
            form.confirm_delete = true;
        }
        if ui.button(t(lang, "关闭", "Close")).clicked() {
            keep = false;
        }
    });
    if form.confirm_delete {
        keep &= confirm_delete_ui(ui, form, lang, out);
    }
    keep
}

fn save(form: &mut PersonForm, project: &Project, lang: Lang, out: &mut Vec<Command>) {
    match form.person(project, lang) {
        Err(errors) => form.errors = errors,
        Ok(person) => {
            form.errors.clear();
            let id = person.id.clone();
            let action = match &form.original_id {
                Some(old) => Action::EditPerson {
                    id: old.clone(),
                    person: Box::new(person),
                },
                None => {
                    form.index = Some(project.people.len());
                    Action::AddPerson(Box::new(person))
                }
            };
            let label = tf(lang, format!("编辑人员 {id}"), format!("edit person {id}"));
            out.push(Command::Edit { action, label });
            form.original_id = Some(id);
        }
    }
}

fn fields_ui(ui: &mut egui::Ui, form: &mut PersonForm, project: &Project, lang: Lang) {
    egui::Grid::new("person_fields")
        .num_columns(2)
        .show(ui, |ui| {
            let label = ui.label(t(lang, "编号", "ID"));
            ui.text_edit_singleline(&mut form.id).labelled_by(label.id);
            ui.end_row();
            let label = ui.label(t(lang, "姓名", "Name"));
            ui.text_edit_singleline(&mut form.name)
                .labelled_by(label.id);
            ui.end_row();
            let label = ui.label(t(lang, "部门", "Department"));
            ui.text_edit_singleline(&mut form.department)
                .labelled_by(label.id);
            ui.end_row();
            ui.label(t(lang, "岗位", "Post"));
            let none = t(lang, "无岗位", "No post");
            egui::ComboBox::from_id_salt("form_post")
                .selected_text(form.post.clone().unwrap_or_else(|| none.into()))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut form.post, None, none);
                    for p in &project.posts {
                        ui.selectable_value(&mut form.post, Some(p.id.clone()), p.display_name());
                    }
                });
            ui.end_row();
            for (key, text) in &mut form.scores {
                let name = project
                    .scheme
                    .criterion(key)
                    .map_or(key.as_str(), |c| criterion_name(c, lang));
                let label = ui.label(name);
                let rated = rated_count(project, &form.id, key);
                let hint = if rated > 0 {
                    tf(
                        lang,
                        format!("{rated} 位评委评分"),
                        format!("{rated} raters' scores"),
                    )
                } else {
                    String::new()
                };
                ui.add(egui::TextEdit::singleline(text).hint_text(hint))
                    .labelled_by(label.id);
                ui.end_row();
            }
        });
    ui.separator();
    ui.label(t(
        lang,
        "其他列（导入时保留）",
        "Other columns (kept from imports)",
    ));
    let mut remove = None;
    for (i, (k, v)) in form.extra.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            let column = t(lang, "列名", "Column");
            let value = t(lang, "值", "Value");
            ui.add(
                egui::TextEdit::singleline(k)
                    .desired_width(90.0)
                    .hint_text(column),
            );
            ui.add(
                egui::TextEdit::singleline(v)
                    .desired_width(120.0)
                    .hint_text(value),
            );
            if ui.small_button("✖").clicked() {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        form.extra.remove(i);
    }
    if ui.button(t(lang, "添加列", "Add column")).clicked() {
        form.extra.push((String::new(), String::new()));
    }
}

/// The delete confirmation; false when the person was deleted (the form closes).
fn confirm_delete_ui(
    ui: &mut egui::Ui,
    form: &mut PersonForm,
    lang: Lang,
    out: &mut Vec<Command>,
) -> bool {
    let Some(id) = form.original_id.clone() else {
        form.confirm_delete = false;
        return true;
    };
    let mut keep = true;
    egui::Modal::new(egui::Id::unique("confirm_delete")).show(ui.ctx(), |ui| {
        ui.label(tf(
            lang,
            format!("删除 {id} {} 及其全部评分？可以撤销。", form.name),
            format!(
                "Delete {id} {} and all their ratings? This can be undone.",
                form.name
            ),
        ));
        ui.horizontal(|ui| {
            if ui.button(t(lang, "确认删除", "Confirm delete")).clicked() {
                let label = tf(
                    lang,
                    format!("删除人员 {id}"),
                    format!("delete person {id}"),
                );
                out.push(Command::Edit {
                    action: Action::DeletePerson { id: id.clone() },
                    label,
                });
                keep = false;
            }
            if ui.button(t(lang, "取消", "Cancel")).clicked() {
                form.confirm_delete = false;
            }
        });
    });
    keep
}

/// How many ratings the person with id `id` has on criterion `key`.
fn rated_count(project: &Project, id: &str, key: &str) -> usize {
    project
        .ratings
        .iter()
        .filter(|r| r.person == id && r.criterion == key)
        .count()
}
