//! Posts: openings, shortlist ratio (差额 1:r) and the people applying. Edits go through a
//! small form and one undoable action per save.

use eframe::egui;

use crate::edit::Action;
use crate::model::{Post, Project};
use crate::scoring::describe::{Lang, status_name, total_text};

use super::i18n::{t, tf};
use super::{Command, View};

/// What the panel remembers.
#[derive(Debug, Default)]
pub struct PostsState {
    /// The post being edited (a copy), and whether it is new.
    pub form: Option<(Post, bool)>,
}

/// The panel.
pub fn posts_ui(
    ui: &mut egui::Ui,
    state: &mut PostsState,
    view: &View<'_>,
    out: &mut Vec<Command>,
) {
    let lang = view.lang;
    let project = &view.doc.project;
    egui::Panel::left("posts_list")
        .default_size(380.0)
        .show(ui, |ui| {
            list_ui(ui, state, project, lang);
        });
    let Some((post, is_new)) = &mut state.form else {
        ui.label(t(
            lang,
            "选择一个岗位查看和编辑",
            "Select a post to see and edit it",
        ));
        return;
    };
    let mut close = false;
    egui::Grid::new("post_form").num_columns(2).show(ui, |ui| {
        let label = ui.label(t(lang, "岗位编号", "Post id"));
        ui.add_enabled(*is_new, egui::TextEdit::singleline(&mut post.id))
            .labelled_by(label.id);
        ui.end_row();
        let label = ui.label(t(lang, "名称", "Name"));
        ui.text_edit_singleline(&mut post.name)
            .labelled_by(label.id);
        ui.end_row();
        ui.label(t(lang, "录用人数", "Openings"));
        ui.add(egui::DragValue::new(&mut post.openings).range(0..=10_000));
        ui.end_row();
        ui.label(t(lang, "差额比例 1:", "Shortlist ratio 1:"));
        ui.add(
            egui::DragValue::new(&mut post.shortlist_ratio)
                .range(1.0..=100.0)
                .speed(0.1),
        );
        ui.end_row();
    });
    ui.label(tf(
        lang,
        format!("差额名单 {} 人（含录用）", post.shortlist_size()),
        format!("Shortlist of {} (selected included)", post.shortlist_size()),
    ));
    ui.horizontal(|ui| {
        if ui.button(t(lang, "保存岗位", "Save post")).clicked() {
            let label = tf(
                lang,
                format!("岗位 {}", post.id),
                format!("post {}", post.id),
            );
            out.push(Command::Edit {
                action: Action::SetPost(post.clone()),
                label,
            });
            *is_new = false;
        }
        if !*is_new && ui.button(t(lang, "删除岗位", "Delete post")).clicked() {
            let label = tf(
                lang,
                format!("删除岗位 {}", post.id),
                format!("delete post {}", post.id),
            );
            out.push(Command::Edit {
                action: Action::DeletePost {
                    id: post.id.clone(),
                },
                label,
            });
            close = true;
        }
        if ui.button(t(lang, "关闭", "Close")).clicked() {
            close = true;
        }
    });
    ui.separator();
    applicants_ui(ui, project, view, &post.id.clone(), lang);
    if close {
        state.form = None;
    }
}

fn list_ui(ui: &mut egui::Ui, state: &mut PostsState, project: &Project, lang: Lang) {
    egui::Grid::new("posts")
        .striped(true)
        .num_columns(4)
        .show(ui, |ui| {
            ui.strong(t(lang, "岗位", "Post"));
            ui.strong(t(lang, "录用", "Openings"));
            ui.strong(t(lang, "差额", "Ratio"));
            ui.strong(t(lang, "报名", "Applicants"));
            ui.end_row();
            for post in &project.posts {
                let n = project
                    .people
                    .iter()
                    .filter(|p| p.post.as_deref() == Some(&post.id))
                    .count();
                let selected = state.form.as_ref().is_some_and(|(f, _)| f.id == post.id);
                if ui.selectable_label(selected, post.display_name()).clicked() {
                    state.form = Some((post.clone(), false));
                }
                ui.label(post.openings.to_string());
                ui.label(format!("1:{}", post.shortlist_ratio));
                ui.label(n.to_string());
                ui.end_row();
            }
        });
    if ui.button(t(lang, "添加岗位", "Add post")).clicked() {
        state.form = Some((Post::default(), true));
    }
}

fn applicants_ui(ui: &mut egui::Ui, project: &Project, view: &View<'_>, id: &str, lang: Lang) {
    ui.heading(t(lang, "报名人员", "Applicants"));
    let Some(post) = view.doc.evaluation().post(Some(id)) else {
        ui.label(t(lang, "暂无报名人员", "Nobody applies yet"));
        return;
    };
    egui::ScrollArea::vertical().show(ui, |ui| {
        egui::Grid::new("applicants").striped(true).show(ui, |ui| {
            for row in &post.rows {
                let p = &project.people[row.person];
                ui.label(
                    row.rank
                        .map(|r| r.to_string())
                        .unwrap_or_else(|| "—".into()),
                );
                ui.label(&p.id);
                ui.label(&p.name);
                ui.monospace(total_text(row.cents));
                ui.label(status_name(&row.status, lang));
                ui.end_row();
            }
        });
    });
}
