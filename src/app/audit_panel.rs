//! The audit log: every change with time, operator and old → new, newest first, filterable
//! and exportable as CSV.

use eframe::egui;
use egui_extras::{Column, TableBuilder};

use crate::scoring::describe::Lang;

use super::i18n::{t, tf};
use super::{Command, View};

/// What the panel remembers.
#[derive(Debug, Default)]
pub struct AuditState {
    /// Only entries containing this text.
    pub search: String,
}

/// The panel.
pub fn audit_ui(
    ui: &mut egui::Ui,
    state: &mut AuditState,
    view: &View<'_>,
    out: &mut Vec<Command>,
) {
    let lang = view.lang;
    let log = &view.doc.project.audit;
    ui.horizontal(|ui| {
        let label = ui.label(t(lang, "筛选", "Filter"));
        ui.text_edit_singleline(&mut state.search)
            .labelled_by(label.id);
        if ui
            .button(t(lang, "导出审计日志…", "Export audit log…"))
            .clicked()
        {
            out.push(Command::ExportAudit);
        }
        ui.label(tf(
            lang,
            format!("共 {} 条", log.len()),
            format!("{} entries", log.len()),
        ));
    });
    let needle = state.search.trim().to_lowercase();
    let shown: Vec<usize> = (0..log.len())
        .rev()
        .filter(|&i| {
            let e = &log[i];
            needle.is_empty()
                || [&e.operator, &e.action, &e.target, &e.old, &e.new]
                    .iter()
                    .any(|s| s.to_lowercase().contains(&needle))
        })
        .collect();
    TableBuilder::new(ui)
        .id_salt("audit")
        .striped(true)
        .column(Column::initial(150.0).resizable(true))
        .columns(Column::initial(110.0).at_least(60.0).resizable(true), 4)
        .column(Column::remainder())
        .header(22.0, |mut header| {
            for (zh, en) in [
                ("时间", "Time"),
                ("操作员", "Operator"),
                ("操作", "Action"),
                ("对象", "Target"),
                ("原值", "Old"),
                ("新值", "New"),
            ] {
                header.col(|ui| {
                    ui.strong(t(lang, zh, en));
                });
            }
        })
        .body(|body| {
            body.rows(20.0, shown.len(), |mut row| {
                let e = &log[shown[row.index()]];
                let action = action_name(&e.action, lang).to_string();
                for text in [&e.time, &e.operator, &action, &e.target, &e.old, &e.new] {
                    row.col(|ui| {
                        ui.label(text.lines().next().unwrap_or_default())
                            .on_hover_text(text.as_str());
                    });
                }
            });
        });
}

/// The action code of an audit entry in words.
fn action_name(code: &str, lang: Lang) -> &str {
    match code {
        "score" => t(lang, "评分", "score"),
        "weight" => t(lang, "权重", "weight"),
        "scheme" => t(lang, "方案", "scheme"),
        "person" => t(lang, "人员", "person"),
        "post" => t(lang, "岗位", "post"),
        "title" => t(lang, "标题", "title"),
        "import" => t(lang, "导入", "import"),
        "restore" => t(lang, "撤销批量更改", "restore"),
        "rating" => t(lang, "评委评分", "rating"),
        other => other,
    }
}
