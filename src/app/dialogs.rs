//! Questions the window asks: save before replacing or closing, restore a recovery file;
//! and the View menu (language, theme, operator name).

use eframe::egui;

use crate::scoring::describe::Lang;

use super::autosave::{self, Recovery};
use super::i18n::t;
use super::prefs::Prefs;
use super::publish_dialog::{PublishAsk, PublishDialog, publish_ui};
use super::{Command, MeritApp, files};
use crate::report::publish::PublishFormat;

/// Open questions.
#[derive(Debug, Default)]
pub struct Dialogs {
    /// A command waiting for "save changes first?".
    pub discard: Option<Command>,
    /// A recovery file from an earlier session to offer.
    pub recovery: Option<Recovery>,
    /// The Publish dialog, while open.
    pub publish: Option<PublishDialog>,
}

impl Dialogs {
    /// Asks before running `command`, which would lose unsaved changes.
    pub fn ask_discard(&mut self, command: Command) {
        self.discard = Some(command);
    }
}

/// The language, theme and operator name.
pub fn view_menu_ui(ui: &mut egui::Ui, prefs: &mut Prefs) {
    let lang = prefs.lang;
    ui.menu_button(t(lang, "视图", "View"), |ui| {
        ui.label(t(lang, "界面语言", "Language"));
        ui.radio_value(&mut prefs.lang, Lang::Zh, "中文");
        ui.radio_value(&mut prefs.lang, Lang::En, "English");
        ui.separator();
        ui.label(t(lang, "主题", "Theme"));
        ui.radio_value(&mut prefs.dark, false, t(lang, "浅色", "Light"));
        ui.radio_value(&mut prefs.dark, true, t(lang, "深色", "Dark"));
        ui.separator();
        let label = ui.label(t(
            lang,
            "操作员（记入审计日志）",
            "Operator (in the audit log)",
        ));
        ui.text_edit_singleline(&mut prefs.operator)
            .labelled_by(label.id);
    });
}

/// The language switch, one click away (right to left: English, then 中文).
pub fn language_switch_ui(ui: &mut egui::Ui, prefs: &mut Prefs) {
    ui.selectable_value(&mut prefs.lang, Lang::En, "English");
    ui.selectable_value(&mut prefs.lang, Lang::Zh, "中文");
}

/// Shows whichever question is open.
pub fn dialogs_ui(app: &mut MeritApp, ctx: &egui::Context, out: &mut Vec<Command>) {
    let lang = app.prefs.lang;
    if let Some(pending) = app.dialogs.discard.clone() {
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("discard")).show(ctx, |ui| {
            ui.heading(t(lang, "有未保存的更改", "Unsaved changes"));
            ui.label(t(
                lang,
                "是否先保存对当前项目的更改？",
                "Save the changes to the current project first?",
            ));
            ui.horizontal(|ui| {
                if ui.button(t(lang, "保存", "Save")).clicked() {
                    answer = Some(0);
                }
                if ui.button(t(lang, "不保存", "Don't save")).clicked() {
                    answer = Some(1);
                }
                if ui.button(t(lang, "取消", "Cancel")).clicked() {
                    answer = Some(2);
                }
            });
        });
        match answer {
            Some(0) => {
                files::run_file_command(app, Command::Save);
                if !app.doc.dirty {
                    app.dialogs.discard = None;
                    proceed(app, ctx, pending, out);
                }
            }
            Some(1) => {
                app.dialogs.discard = None;
                app.doc.dirty = false;
                app.autosave.discard();
                proceed(app, ctx, pending, out);
            }
            Some(_) => app.dialogs.discard = None,
            None => {}
        }
    }
    recovery_ui(app, ctx);
    publish_dialog_ui(app, ctx);
}

/// The Publish dialog, and the file it saves.
fn publish_dialog_ui(app: &mut MeritApp, ctx: &egui::Context) {
    let lang = app.prefs.lang;
    let Some(dialog) = &mut app.dialogs.publish else {
        return;
    };
    match publish_ui(ctx, dialog, &app.doc.project, lang) {
        Some(PublishAsk::Close) => app.dialogs.publish = None,
        Some(PublishAsk::Save(format)) => {
            let dialog = dialog.clone();
            let (name, filter) = match format {
                PublishFormat::Html => ("公示.html", "HTML"),
                PublishFormat::Csv => ("结果名单.csv", "CSV"),
                PublishFormat::Xlsx => ("结果名单.xlsx", "XLSX"),
            };
            let Some(path) = rfd::FileDialog::new()
                .add_filter(filter, &[filter.to_ascii_lowercase().as_str()])
                .set_file_name(name)
                .save_file()
            else {
                return;
            };
            let result = dialog.write(&app.doc.project, format, &path, lang);
            files::report_export(app, result, &path);
        }
        None => {}
    }
}

fn proceed(app: &mut MeritApp, ctx: &egui::Context, pending: Command, out: &mut Vec<Command>) {
    if matches!(pending, Command::Quit) {
        app.allow_close = true;
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    } else {
        out.push(pending);
    }
}

fn recovery_ui(app: &mut MeritApp, ctx: &egui::Context) {
    let lang = app.prefs.lang;
    let Some(recovery) = app.dialogs.recovery.clone() else {
        return;
    };
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("recovery")).show(ctx, |ui| {
        ui.heading(t(lang, "恢复未保存的工作？", "Restore unsaved work?"));
        ui.label(t(
            lang,
            "上次退出时有未保存的更改，已自动保存了一份。",
            "The last session ended with unsaved changes; an autosaved copy exists.",
        ));
        if let Some(origin) = &recovery.origin {
            ui.monospace(origin.display().to_string());
        }
        ui.horizontal(|ui| {
            if ui.button(t(lang, "恢复", "Restore")).clicked() {
                answer = Some(true);
            }
            if ui.button(t(lang, "丢弃", "Discard")).clicked() {
                answer = Some(false);
            }
        });
    });
    match answer {
        Some(true) => {
            app.dialogs.recovery = None;
            match autosave::restore(&recovery) {
                Ok(doc) => {
                    app.replace_document(doc);
                    app.status
                        .info(t(lang, "已恢复自动保存的副本", "Autosaved copy restored").into());
                }
                Err(e) => app.status.error(e),
            }
        }
        Some(false) => {
            app.dialogs.recovery = None;
            app.autosave.discard();
        }
        None => {}
    }
}
