//! The ranking of one post: rank, person, total, status and per-criterion scores.

use eframe::egui;
use egui_extras::{Column, TableBuilder};

use crate::scoring::describe::{status_reason, total_text};

use super::MeritApp;

/// Shows the post picker and the selected post's ranking.
pub fn ranking_ui(ui: &mut egui::Ui, app: &mut MeritApp) {
    egui::Panel::top("ranking_header").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.heading(&app.project.title);
            ui.label(format!("({})", app.source));
        });
        ui.horizontal_wrapped(|ui| {
            for (i, post) in app.evaluation.posts.iter().enumerate() {
                let name = match &post.post {
                    Some(id) => app
                        .project
                        .post(id)
                        .map_or(id.as_str(), |p| p.display_name()),
                    None => "无岗位",
                };
                ui.selectable_value(&mut app.selected_post, i, name);
            }
        });
    });
    egui::CentralPanel::default_margins().show(ui, |ui| {
        let Some(post) = app.evaluation.posts.get(app.selected_post) else {
            ui.label("没有可排名的人员");
            return;
        };
        let criteria: Vec<_> = app.project.scheme.criteria().collect();
        ui.label(format!(
            "录用 {} 人，差额名单 {} 人",
            post.openings, post.shortlist
        ));
        let mut table = TableBuilder::new(ui)
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
                for title in ["名次", "编号", "姓名", "总分", "状态"] {
                    header.col(|ui| {
                        ui.strong(title);
                    });
                }
                for c in &criteria {
                    header.col(|ui| {
                        ui.strong(&c.name);
                    });
                }
                header.col(|ui| {
                    ui.strong("说明");
                });
            })
            .body(|body| {
                body.rows(20.0, post.rows.len(), |mut row| {
                    let r = &post.rows[row.index()];
                    let person = &app.project.people[r.person];
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
                        ui.label(status_zh(r.status.code()));
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
                        ui.label(status_reason(&r.status, &app.project.scheme));
                    });
                });
            });
    });
}

fn status_zh(code: &str) -> &'static str {
    match code {
        "selected" => "拟录用",
        "shortlisted" => "进入差额",
        "not_selected" => "未入选",
        "ineligible" => "不合格",
        _ => "信息不全",
    }
}
