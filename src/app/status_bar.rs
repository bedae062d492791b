//! The status bar: counts of the project and the last message or error.

use eframe::egui;

use crate::scoring::describe::Lang;

use super::doc::Document;
use super::i18n::{t, tf};

/// The last thing the app said.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Status {
    /// The text.
    pub text: String,
    /// Whether it is an error (shown in red).
    pub is_error: bool,
}

impl Status {
    /// Shows an information.
    pub fn info(&mut self, text: String) {
        self.text = text;
        self.is_error = false;
    }

    /// Shows an error.
    pub fn error(&mut self, text: String) {
        self.text = text;
        self.is_error = true;
    }
}

/// Counts on the left, the last message on the right.
pub fn status_bar_ui(ui: &mut egui::Ui, doc: &Document, status: &Status, lang: Lang) {
    let p = &doc.project;
    ui.horizontal(|ui| {
        let criteria = p.scheme.criteria().count();
        ui.label(tf(
            lang,
            format!(
                "{} 人 · {} 个岗位 · {} 项指标 · {} 条评分",
                p.people.len(),
                p.posts.len(),
                criteria,
                p.ratings.len()
            ),
            format!(
                "{} people · {} posts · {} criteria · {} ratings",
                p.people.len(),
                p.posts.len(),
                criteria,
                p.ratings.len()
            ),
        ));
        if doc.dirty {
            ui.separator();
            ui.label(t(lang, "有未保存的更改", "Unsaved changes"));
        }
        ui.separator();
        if status.is_error {
            ui.colored_label(ui.visuals().error_fg_color, &status.text);
        } else {
            ui.label(&status.text);
        }
    });
}
