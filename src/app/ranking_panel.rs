//! The ranking of one post: rank, person, total, status and per-criterion scores.

use eframe::egui;
use egui_extras::{Column, TableBuilder};

use crate::scoring::describe::{Lang, criterion_name, status_name, status_reason_in, total_text};

use super::MeritApp;

/// Shows the post picker and the selected post's ranking.
pub fn ranking_ui(ui: &mut egui::Ui, app: &mut MeritApp) {
    egui::Panel::top("ranking_header").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.heading(&app.project.title);
            ui.label(format!("({})", app.source));
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.selectable_value(&mut app.lang, Lang::En, "English");
                ui.selectable_value(&mut app.lang, Lang::Zh, "中文");
            });
        });
        ui.horizontal_wrapped(|ui| {
            for (i, post) in app.evaluation.posts.iter().enumerate() {
                let name = match &post.post {
                    Some(id) => app
                        .project
                        .post(id)
                        .map_or(id.as_str(), |p| p.display_name()),
                    None => app.lang.pick("无岗位", "No post"),
                };
                ui.selectable_value(&mut app.selected_post, i, name);
            }
        });
    });
    let lang = app.lang;
    egui::CentralPanel::default_margins().show(ui, |ui| {
        let Some(post) = app.evaluation.posts.get(app.selected_post) else {
            ui.label(lang.pick("没有可排名的人员", "Nobody to rank"));
            return;
        };
        let criteria: Vec<_> = app.project.scheme.criteria().collect();
        ui.label(match lang {
            Lang::Zh => format!("录用 {} 人，差额名单 {} 人", post.openings, post.shortlist),
            Lang::En => format!(
                "{} opening(s), shortlist of {}",
                post.openings, post.shortlist
            ),
        });
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
                let titles = [
                    ("名次", "Rank"),
                    ("编号", "ID"),
                    ("姓名", "Name"),
                    ("总分", "Total"),
                    ("状态", "Status"),
                ];
                for (zh, en) in titles {
                    header.col(|ui| {
                        ui.strong(lang.pick(zh, en));
                    });
                }
                for c in &criteria {
                    header.col(|ui| {
                        ui.strong(criterion_name(c, lang));
                    });
                }
                header.col(|ui| {
                    ui.strong(lang.pick("说明", "Note"));
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
                        ui.label(status_reason_in(&r.status, &app.project.scheme, lang));
                    });
                });
            });
    });
}
