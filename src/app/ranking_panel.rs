//! The ranking of one post: rank, person, total, status and per-criterion scores. It reads
//! the document's evaluation, which re-ranks live while weights are dragged.

use eframe::egui;
use egui_extras::{Column, TableBuilder};

use crate::model::Project;
use crate::scoring::PostEvaluation;
use crate::scoring::describe::{
    Lang, criterion_name, person_status_reason, status_name, total_text,
};

use super::i18n::{t, tf};
use super::{Command, View};

/// What the ranking panel remembers between frames.
#[derive(Debug, Default)]
pub struct RankingState {
    /// Index of the post shown, in evaluation order.
    pub post: usize,
    /// Search text (name or id).
    pub search: String,
}

/// The name of evaluated post `i`.
pub fn post_name<'a>(project: &'a Project, post: &'a PostEvaluation, lang: Lang) -> &'a str {
    match &post.post {
        Some(id) => project.post(id).map_or(id.as_str(), |p| p.display_name()),
        None => t(lang, "无岗位", "No post"),
    }
}

/// Post picker, search, and the selected post's ranking.
pub fn ranking_ui(
    ui: &mut egui::Ui,
    state: &mut RankingState,
    view: &View<'_>,
    _out: &mut Vec<Command>,
) {
    let lang = view.lang;
    let project = &view.doc.project;
    let evaluation = view.doc.evaluation();
    ui.horizontal_wrapped(|ui| {
        for (i, post) in evaluation.posts.iter().enumerate() {
            ui.selectable_value(&mut state.post, i, post_name(project, post, lang));
        }
    });
    ui.horizontal(|ui| {
        let label = ui.label(t(lang, "搜索", "Search"));
        let r = ui
            .text_edit_singleline(&mut state.search)
            .labelled_by(label.id);
        if view.focus_search {
            r.request_focus();
        }
        if view.doc.draft.is_some() && view.doc.ranks_live() {
            ui.label(t(
                lang,
                "（按正在调整的权重实时排名）",
                "(live, with the weights being adjusted)",
            ));
        }
    });
    let Some(post) = evaluation.posts.get(state.post) else {
        ui.label(t(lang, "没有可排名的人员", "Nobody to rank"));
        return;
    };
    ui.label(tf(
        lang,
        format!("录用 {} 人，差额名单 {} 人", post.openings, post.shortlist),
        format!(
            "{} opening(s), shortlist of {}",
            post.openings, post.shortlist
        ),
    ));
    let needle = state.search.trim().to_lowercase();
    let rows: Vec<usize> = (0..post.rows.len())
        .filter(|&i| {
            let p = &project.people[post.rows[i].person];
            needle.is_empty()
                || p.name.to_lowercase().contains(&needle)
                || p.id.to_lowercase().contains(&needle)
        })
        .collect();
    ranking_table_ui(ui, project, post, &rows, lang);
}

/// The ranking table of `post`, rows `rows` (indices into `post.rows`).
pub fn ranking_table_ui(
    ui: &mut egui::Ui,
    project: &Project,
    post: &PostEvaluation,
    rows: &[usize],
    lang: Lang,
) {
    let criteria: Vec<_> = project.scheme.criteria().collect();
    let mut table = TableBuilder::new(ui)
        .id_salt("ranking")
        .striped(true)
        .column(Column::auto())
        .column(Column::auto())
        .column(Column::auto().at_least(60.0))
        .column(Column::auto())
        .column(Column::auto());
    for _ in &criteria {
        table = table.column(Column::auto());
    }
    table
        .column(Column::remainder())
        .header(22.0, |mut header| {
            let titles = [
                ("名次", "Rank"),
                ("编号", "ID"),
                ("姓名", "Name"),
                ("总分", "Total"),
                ("状态", "Status"),
            ];
            for (zh, en) in titles {
                header.col(|ui| {
                    ui.strong(t(lang, zh, en));
                });
            }
            for c in &criteria {
                header.col(|ui| {
                    ui.strong(criterion_name(c, lang));
                });
            }
            header.col(|ui| {
                ui.strong(t(lang, "说明", "Note"));
            });
        })
        .body(|body| {
            body.rows(20.0, rows.len(), |mut row| {
                let r = &post.rows[rows[row.index()]];
                let person = &project.people[r.person];
                row.col(|ui| {
                    ui.label(r.rank.map_or_else(|| "—".into(), |k| k.to_string()));
                });
                row.col(|ui| {
                    ui.label(&person.id);
                });
                row.col(|ui| {
                    ui.label(&person.name);
                });
                row.col(|ui| {
                    ui.monospace(total_text(r.cents));
                });
                row.col(|ui| {
                    ui.label(status_name(&r.status, lang));
                });
                for k in 0..criteria.len() {
                    row.col(|ui| {
                        ui.monospace(
                            post.score(r, k)
                                .map_or_else(|| "—".into(), |s| format!("{s:.2}")),
                        );
                    });
                }
                row.col(|ui| {
                    ui.label(person_status_reason(
                        &r.status,
                        &project.scheme,
                        &project.people[r.person],
                        Some(lang),
                    ));
                });
            });
        });
}
