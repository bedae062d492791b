//! The Publish dialog (公示): choose a post, a stage, the first day and the length of the
//! publication period, see the period the official calendar gives, and save the printable
//! HTML report or the results list (CSV, XLSX) — the same bytes `merit report` writes.

use std::path::Path;

use chrono::NaiveDate;
use eframe::egui;

use crate::model::Project;
use crate::report::html::ReportSpec;
use crate::report::publish::{Period, PublishError, PublishFormat, publish};
use crate::report::workdays::{WorkCalendar, chinese_date};
use crate::scoring::describe::{Lang, stage_name};
use crate::scoring::stages::{evaluate_stages, stages_of};

use super::i18n::{t, tf};

/// The dialog's choices.
#[derive(Debug, Clone, PartialEq)]
pub struct PublishDialog {
    /// The post id.
    pub post: String,
    /// The stage (0-based).
    pub stage: usize,
    /// The first day as typed (YYYY-MM-DD).
    pub start: String,
    /// Working days of the period.
    pub days: u32,
    /// Count weekends only, not the built-in official calendar.
    pub weekends_only: bool,
}

impl PublishDialog {
    /// The dialog for `project`: its first post, its last stage, from today for 5 days.
    pub fn new(project: &Project) -> Self {
        PublishDialog {
            post: project
                .posts
                .first()
                .map(|p| p.id.clone())
                .unwrap_or_default(),
            stage: stages_of(project).len().saturating_sub(1),
            start: chrono::Local::now()
                .date_naive()
                .format("%Y-%m-%d")
                .to_string(),
            days: 5,
            weekends_only: false,
        }
    }

    /// The first day, if what is typed is a date.
    fn start_date(&self) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(self.start.trim(), "%Y-%m-%d").ok()
    }

    /// The publication period the choices give (`None` while the date is not valid).
    pub fn period(&self) -> Option<Period> {
        let calendar = if self.weekends_only {
            WorkCalendar::weekends_only()
        } else {
            WorkCalendar::china()
        };
        Some(Period::new(&calendar, self.start_date()?, self.days))
    }

    /// Whether the choices name a post and a stage of `project` and a valid date.
    pub fn ready(&self, project: &Project) -> bool {
        self.period().is_some()
            && project.post(&self.post).is_some()
            && self.stage < stages_of(project).len()
    }

    /// Writes the publication in `format` to `path`; the error is in words of `lang`
    /// (the caller adds the path).
    pub fn write(
        &self,
        project: &Project,
        format: PublishFormat,
        path: &Path,
        lang: Lang,
    ) -> Result<(), String> {
        let period = self.period().ok_or_else(|| bad_date(&self.start, lang))?;
        let spec = ReportSpec {
            post: self.post.clone(),
            stage: self.stage,
            period: period.span,
        };
        let bytes = publish(project, &evaluate_stages(project), &spec, format)
            .map_err(|e| publish_error_text(&e, lang))?;
        std::fs::write(path, bytes).map_err(|e| {
            tf(
                lang,
                format!("无法写入文件：{e}"),
                format!("cannot write the file: {e}"),
            )
        })
    }
}

/// Why a date is refused, in words of `lang`.
fn bad_date(text: &str, lang: Lang) -> String {
    tf(
        lang,
        format!("“{text}”不是日期，请按 2026-12-01 的格式填写"),
        format!("'{text}' is not a date: write it as YYYY-MM-DD"),
    )
}

/// A publication error in words of `lang`.
fn publish_error_text(error: &PublishError, lang: Lang) -> String {
    if lang == Lang::En {
        return error.to_string();
    }
    match error {
        PublishError::Chart(e) => format!("无法绘制报告中的图表：{e}"),
        PublishError::List(e) => format!("无法写出结果名单：{e}"),
        PublishError::NoPost(post) => format!("项目中没有岗位“{post}”"),
        PublishError::NoStage { wanted, count } => {
            format!("项目中没有第 {wanted} 个环节（共 {count} 个）")
        }
    }
}

/// What the user asked of the dialog this frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublishAsk {
    /// Save in this format (the caller asks where).
    Save(PublishFormat),
    /// Close the dialog.
    Close,
}

/// Shows the dialog; returns what the user asked.
pub fn publish_ui(
    ctx: &egui::Context,
    dialog: &mut PublishDialog,
    project: &Project,
    lang: Lang,
) -> Option<PublishAsk> {
    let mut ask = None;
    let mut open = true;
    egui::Window::new(t(lang, "发布公示", "Publish results"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            choices_ui(ui, dialog, project, lang);
            ui.separator();
            period_ui(ui, dialog, lang);
            ui.separator();
            ask = buttons_ui(ui, dialog, project, lang);
        });
    if open { ask } else { Some(PublishAsk::Close) }
}

fn choices_ui(ui: &mut egui::Ui, dialog: &mut PublishDialog, project: &Project, lang: Lang) {
    egui::Grid::new("publish_choices")
        .num_columns(2)
        .show(ui, |ui| {
            let shown = project
                .post(&dialog.post)
                .map_or(dialog.post.as_str(), |p| p.display_name())
                .to_string();
            ui.label(t(lang, "岗位", "Post"));
            egui::ComboBox::from_id_salt("publish_post")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    for post in &project.posts {
                        ui.selectable_value(&mut dialog.post, post.id.clone(), post.display_name());
                    }
                });
            ui.end_row();
            let stages = stages_of(project);
            if stages.len() > 1 {
                ui.label(t(lang, "阶段", "Stage"));
                let name = |i: usize| {
                    stages
                        .get(i)
                        .map_or_else(String::new, |s| stage_name(s, i, lang))
                };
                egui::ComboBox::from_id_salt("publish_stage")
                    .selected_text(name(dialog.stage))
                    .show_ui(ui, |ui| {
                        for i in 0..stages.len() {
                            ui.selectable_value(&mut dialog.stage, i, name(i));
                        }
                    });
                ui.end_row();
            }
            let label = ui.label(t(lang, "公示开始日期", "First day"));
            ui.text_edit_singleline(&mut dialog.start)
                .labelled_by(label.id);
            ui.end_row();
            ui.label(t(lang, "工作日数", "Working days"));
            ui.add(egui::DragValue::new(&mut dialog.days).range(1..=60));
            ui.end_row();
        });
    ui.checkbox(
        &mut dialog.weekends_only,
        t(
            lang,
            "只跳过周末（不用内置的法定节假日安排）",
            "Skip weekends only (not the built-in official holidays)",
        ),
    );
}

fn period_ui(ui: &mut egui::Ui, dialog: &PublishDialog, lang: Lang) {
    let Some(period) = dialog.period() else {
        ui.colored_label(ui.visuals().error_fg_color, bad_date(&dialog.start, lang));
        return;
    };
    if let Some((first, last, days)) = period.span {
        ui.label(tf(
            lang,
            format!(
                "公示期：{}至{}（{days}个工作日）",
                chinese_date(first),
                chinese_date(last)
            ),
            format!("Publication period: {first} to {last} ({days} working days)"),
        ));
    }
    if !period.unknown_years.is_empty() {
        let years: Vec<String> = period.unknown_years.iter().map(i32::to_string).collect();
        let years = years.join("、");
        ui.colored_label(
            ui.visuals().warn_fg_color,
            tf(
                lang,
                format!("{years}年的法定节假日未内置，只跳过了周末：发布前请核对公示期"),
                format!(
                    "The official holidays of {years} are not built in; only weekends were \
                     skipped: check the period before publishing"
                ),
            ),
        );
    }
}

fn buttons_ui(
    ui: &mut egui::Ui,
    dialog: &PublishDialog,
    project: &Project,
    lang: Lang,
) -> Option<PublishAsk> {
    let mut ask = None;
    let ready = dialog.ready(project);
    ui.horizontal(|ui| {
        let choices = [
            (
                PublishFormat::Html,
                t(lang, "保存公示报告（HTML）…", "Save report (HTML)…"),
            ),
            (
                PublishFormat::Csv,
                t(lang, "保存结果名单（CSV）…", "Save results list (CSV)…"),
            ),
            (
                PublishFormat::Xlsx,
                t(lang, "保存结果名单（XLSX）…", "Save results list (XLSX)…"),
            ),
        ];
        for (format, text) in choices {
            if ui.add_enabled(ready, egui::Button::new(text)).clicked() {
                ask = Some(PublishAsk::Save(format));
            }
        }
        if ui.button(t(lang, "关闭", "Close")).clicked() {
            ask = Some(PublishAsk::Close);
        }
    });
    ask
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::project_file;

    fn staged() -> Project {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data-samples/staged.ron");
        project_file::load(&path).unwrap()
    }

    #[test]
    fn writes_what_merit_report_writes() {
        let project = staged();
        let mut dialog = PublishDialog::new(&project);
        dialog.post = "财务科科员".into();
        dialog.start = "2026-12-01".into();
        let dir = tempfile::tempdir().unwrap();
        let html = dir.path().join("r.html");
        dialog
            .write(&project, PublishFormat::Html, &html, Lang::En)
            .unwrap();
        let text = std::fs::read_to_string(&html).unwrap();
        assert!(text.contains("2026年12月1日至2026年12月7日（5个工作日）"));
        assert!(text.contains("<b>拟录用人选：</b>何秀英"));
        let csv = dir.path().join("r.csv");
        dialog
            .write(&project, PublishFormat::Csv, &csv, Lang::En)
            .unwrap();
        assert!(
            std::fs::read(&csv)
                .unwrap()
                .starts_with("\u{feff}".as_bytes())
        );
        dialog.start = "12/01/2026".into();
        let err = dialog
            .write(&project, PublishFormat::Html, &html, Lang::En)
            .unwrap_err();
        assert!(err.contains("YYYY-MM-DD"), "{err}");
        assert!(!dialog.ready(&project));
        // A post or stage the project does not have (the dialog outlived a change): an
        // error in the user's language, not a panic or an empty notice.
        dialog.start = "2026-12-01".into();
        assert!(dialog.ready(&project));
        dialog.stage = 7;
        assert!(!dialog.ready(&project));
        let err = dialog
            .write(&project, PublishFormat::Html, &html, Lang::Zh)
            .unwrap_err();
        assert_eq!(err, "项目中没有第 8 个环节（共 3 个）");
        dialog.stage = 0;
        dialog.post = "没有这个岗位".into();
        let err = dialog
            .write(&project, PublishFormat::Csv, &csv, Lang::Zh)
            .unwrap_err();
        assert_eq!(err, "项目中没有岗位“没有这个岗位”");
    }
}
