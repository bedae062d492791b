//! People: a virtualized table (only the visible rows are laid out, so 100,000 people
//! scroll smoothly), sortable by any column, filtered by post, department and status,
//! searched by name or id; a side form edits one person (see `person_form`).
//!
//! The filtered, sorted order is cached and rebuilt only when the data, the evaluation or
//! the filters change, never per frame.

use std::cmp::Ordering;

use eframe::egui;
use egui_extras::{Column, TableBuilder};

use crate::model::Project;
use crate::scoring::describe::{Lang, status_name, total_text};
use crate::scoring::{Evaluation, Status};

use super::i18n::{t, tf};
use super::person_form::{self, PersonForm};
use super::{Command, View};

/// The sortable columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    /// Project order.
    #[default]
    Entered,
    /// Id.
    Id,
    /// Name.
    Name,
    /// Department.
    Department,
    /// Post.
    Post,
    /// Status.
    Status,
    /// Published total.
    Total,
}

/// Filters on the table.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Filter {
    /// Name or id contains this (case-insensitive).
    pub search: String,
    /// Only this post (`Some(None)`: people without a post).
    pub post: Option<Option<String>>,
    /// Only this department.
    pub department: Option<String>,
    /// Only this status code (`selected`, `incomplete`, …).
    pub status: Option<&'static str>,
}

/// What the People panel remembers.
#[derive(Default)]
pub struct PeopleState {
    /// Sort column and descending flag.
    pub sort: (SortBy, bool),
    /// The filters.
    pub filter: Filter,
    /// The form open on the side.
    pub form: Option<PersonForm>,
    cache: Option<Cache>,
}

/// Per person: status code and published total, from the evaluation.
struct Cache {
    key: (u64, u64, (SortBy, bool), Filter),
    /// Person indices shown, in order.
    order: Vec<usize>,
    /// Status of each person (index into `Project::people`).
    status: Vec<Option<(Status, Option<i64>)>>,
    departments: Vec<String>,
}

/// The panel.
pub fn people_ui(
    ui: &mut egui::Ui,
    state: &mut PeopleState,
    view: &View<'_>,
    out: &mut Vec<Command>,
) {
    let lang = view.lang;
    let project = &view.doc.project;
    let key = (
        view.doc.revision,
        view.doc.eval_revision,
        state.sort,
        state.filter.clone(),
    );
    if state.cache.as_ref().is_none_or(|c| c.key != key) {
        state.cache = Some(build_cache(project, view.doc.evaluation(), key));
    }
    let Some(cache) = &state.cache else { return };
    filters_ui(ui, &mut state.filter, &cache.departments, project, view);
    ui.horizontal(|ui| {
        ui.label(tf(
            lang,
            format!("显示 {} / {} 人", cache.order.len(), project.people.len()),
            format!(
                "Showing {} of {} people",
                cache.order.len(),
                project.people.len()
            ),
        ));
        if ui.button(t(lang, "添加人员", "Add person")).clicked() {
            state.form = Some(PersonForm::new_person(project));
        }
    });
    if let Some(form) = &mut state.form {
        let keep = egui::Panel::right("person_form")
            .resizable(true)
            .default_size(340.0)
            .show(ui, |ui| person_form::form_ui(ui, form, project, lang, out))
            .inner;
        if !keep {
            state.form = None;
        }
    }
    let mut open = None;
    table_ui(ui, state, project, lang, &mut open);
    if let Some(i) = open {
        state.form = Some(PersonForm::edit(project, i));
    }
}

fn filters_ui(
    ui: &mut egui::Ui,
    f: &mut Filter,
    departments: &[String],
    p: &Project,
    view: &View<'_>,
) {
    let lang = view.lang;
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(t(lang, "搜索姓名或编号", "Search name or id"));
        let r = ui
            .add(egui::TextEdit::singleline(&mut f.search).desired_width(160.0))
            .labelled_by(label.id);
        if view.focus_search {
            r.request_focus();
        }
        let all = t(lang, "全部", "All");
        let post_text = match &f.post {
            None => all.to_string(),
            Some(None) => t(lang, "无岗位", "No post").to_string(),
            Some(Some(id)) => id.clone(),
        };
        ui.label(t(lang, "岗位", "Post"));
        egui::ComboBox::from_id_salt("filter_post")
            .selected_text(post_text)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut f.post, None, all);
                for post in &p.posts {
                    ui.selectable_value(
                        &mut f.post,
                        Some(Some(post.id.clone())),
                        post.display_name(),
                    );
                }
                ui.selectable_value(&mut f.post, Some(None), t(lang, "无岗位", "No post"));
            });
        ui.label(t(lang, "部门", "Department"));
        egui::ComboBox::from_id_salt("filter_department")
            .selected_text(f.department.clone().unwrap_or_else(|| all.to_string()))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut f.department, None, all);
                for d in departments {
                    ui.selectable_value(&mut f.department, Some(d.clone()), d);
                }
            });
        let statuses = [
            Status::Selected,
            Status::Shortlisted,
            Status::NotSelected,
            Status::Ineligible(Vec::new().into()),
            Status::Incomplete(Vec::new().into()),
        ];
        let status_text = statuses
            .iter()
            .find(|s| Some(s.code()) == f.status)
            .map_or(all, |s| status_name(s, lang));
        ui.label(t(lang, "状态", "Status"));
        egui::ComboBox::from_id_salt("filter_status")
            .selected_text(status_text)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut f.status, None, all);
                for s in &statuses {
                    ui.selectable_value(&mut f.status, Some(s.code()), status_name(s, lang));
                }
            });
    });
}

fn build_cache(
    project: &Project,
    evaluation: &Evaluation,
    key: (u64, u64, (SortBy, bool), Filter),
) -> Cache {
    let mut status = vec![None; project.people.len()];
    for post in &evaluation.posts {
        for row in &post.rows {
            if let Some(s) = status.get_mut(row.person) {
                *s = Some((row.status.clone(), row.cents));
            }
        }
    }
    let f = &key.3;
    let needle = f.search.trim().to_lowercase();
    let mut order: Vec<usize> = (0..project.people.len())
        .filter(|&i| {
            let p = &project.people[i];
            (needle.is_empty()
                || p.id.to_lowercase().contains(&needle)
                || p.name.to_lowercase().contains(&needle))
                && f.post.as_ref().is_none_or(|want| &p.post == want)
                && f.department.as_ref().is_none_or(|d| &p.department == d)
                && f.status
                    .is_none_or(|code| status[i].as_ref().is_some_and(|(s, _)| s.code() == code))
        })
        .collect();
    let (by, descending) = key.2;
    if by != SortBy::Entered {
        order.sort_by(|&a, &b| {
            let o = compare(project, &status, by, a, b);
            if descending { o.reverse() } else { o }
        });
    } else if descending {
        order.reverse();
    }
    let mut departments: Vec<String> = project
        .people
        .iter()
        .map(|p| p.department.clone())
        .collect();
    departments.sort();
    departments.dedup();
    Cache {
        key,
        order,
        status,
        departments,
    }
}

fn compare(
    project: &Project,
    status: &[Option<(Status, Option<i64>)>],
    by: SortBy,
    a: usize,
    b: usize,
) -> Ordering {
    let (pa, pb) = (&project.people[a], &project.people[b]);
    let o = match by {
        SortBy::Entered => Ordering::Equal,
        SortBy::Id => pa.id.cmp(&pb.id),
        SortBy::Name => pa.name.cmp(&pb.name),
        SortBy::Department => pa.department.cmp(&pb.department),
        SortBy::Post => pa.post.cmp(&pb.post),
        SortBy::Status => {
            let code = |i: usize| status[i].as_ref().map(|(s, _)| s.code());
            code(a).cmp(&code(b))
        }
        SortBy::Total => {
            let cents = |i: usize| status[i].as_ref().and_then(|(_, c)| *c);
            cents(a).cmp(&cents(b))
        }
    };
    o.then(a.cmp(&b))
}

fn table_ui(
    ui: &mut egui::Ui,
    state: &mut PeopleState,
    project: &Project,
    lang: Lang,
    open: &mut Option<usize>,
) {
    let Some(cache) = &state.cache else { return };
    let columns = [
        (SortBy::Id, t(lang, "编号", "ID")),
        (SortBy::Name, t(lang, "姓名", "Name")),
        (SortBy::Department, t(lang, "部门", "Department")),
        (SortBy::Post, t(lang, "岗位", "Post")),
        (SortBy::Status, t(lang, "状态", "Status")),
        (SortBy::Total, t(lang, "总分", "Total")),
    ];
    let mut clicked_sort = None;
    let selected = state.form.as_ref().and_then(|f| f.index);
    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
    TableBuilder::new(ui)
        .id_salt("people")
        .striped(true)
        .sense(egui::Sense::click())
        .columns(Column::initial(120.0).at_least(60.0).resizable(true), 5)
        .column(Column::remainder())
        .header(22.0, |mut header| {
            for (by, title) in columns {
                header.col(|ui| {
                    let arrow = match state.sort {
                        (s, false) if s == by => " ▲",
                        (s, true) if s == by => " ▼",
                        _ => "",
                    };
                    if ui.button(format!("{title}{arrow}")).clicked() {
                        clicked_sort = Some(by);
                    }
                });
            }
        })
        .body(|body| {
            body.rows(20.0, cache.order.len(), |mut row| {
                let i = cache.order[row.index()];
                let p = &project.people[i];
                row.set_selected(selected == Some(i));
                row.col(|ui| {
                    if ui.selectable_label(selected == Some(i), &p.id).clicked() {
                        *open = Some(i);
                    }
                });
                row.col(|ui| {
                    ui.label(&p.name);
                });
                row.col(|ui| {
                    ui.label(&p.department);
                });
                row.col(|ui| {
                    ui.label(p.post.as_deref().unwrap_or("—"));
                });
                let st = cache.status[i].as_ref();
                row.col(|ui| {
                    ui.label(st.map_or("—", |(s, _)| status_name(s, lang)));
                });
                row.col(|ui| {
                    ui.monospace(total_text(st.and_then(|(_, c)| *c)));
                });
                if row.response().clicked() {
                    *open = Some(i);
                }
            });
        });
    if let Some(by) = clicked_sort {
        state.sort = match state.sort {
            (s, d) if s == by => (by, !d),
            _ => (by, false),
        };
    }
}
