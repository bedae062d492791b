//! The desktop app (eframe/egui): a thin shell over the core. Panels read the project and
//! the evaluation and emit [`Command`]s; [`MeritApp::run`] is the one place that acts on
//! them, and every change of the project goes through [`crate::edit::apply`] (via
//! [`doc::Document`]), which records undo and audit entries. Panels never compute scores
//! and never mutate the project themselves.
//!
//! Saved state ([`prefs::Prefs`], eframe storage) is kept apart from runtime state
//! ([`Panels`], dialogs, status).

mod audit_panel;
mod autosave;
mod chart_hover;
pub mod chart_view;
mod charts_panel;
mod commands;
mod criteria_panel;
mod dialogs;
mod doc;
mod explain_chart;
mod explain_panel;
mod explain_words;
mod files;
mod i18n;
mod import_job;
mod import_wizard;
mod people_panel;
mod person_form;
mod posts_panel;
mod prefs;
mod publish_dialog;
mod rank_moves;
mod ranking_lines;
mod ranking_panel;
mod ranking_table;
mod scheme_editor;
mod scores_panel;
mod status_bar;

#[cfg(test)]
mod file_menu_tests;
#[cfg(test)]
mod ranking_tests;
#[cfg(test)]
mod testing;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use eframe::egui;

use crate::edit::{Meta, utc_timestamp};
use crate::io::project_file::{self, ProjectFileError};
use crate::model::Project;
use crate::scoring::describe::Lang;

pub use commands::Command;
pub use doc::Document;
pub use prefs::Prefs;

use i18n::t;

/// The sample round shipped with Merit, opened when no project is given.
pub const SAMPLE_RON: &str = include_str!("../../data-samples/sample.ron");

/// The app icon (a PNG drawn for Merit, in `assets/`).
pub const ICON_PNG: &[u8] = include_bytes!("../../assets/icon.png");

/// Why the app could not start.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The project given on the command line cannot be loaded.
    #[error(transparent)]
    Project(#[from] ProjectFileError),
    /// The window could not be opened.
    #[error("cannot open the window: {0}")]
    Window(String),
}

/// The panels, one per tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    /// People and their records.
    People,
    /// Criteria, weights and the scheme.
    Criteria,
    /// The score grid.
    Scores,
    /// Posts.
    Posts,
    /// The ranking.
    #[default]
    Ranking,
    /// The charts of a post.
    Charts,
    /// The audit log.
    Audit,
}

impl Tab {
    const ALL: [Tab; 7] = [
        Tab::People,
        Tab::Criteria,
        Tab::Scores,
        Tab::Posts,
        Tab::Ranking,
        Tab::Charts,
        Tab::Audit,
    ];

    /// The tab's title.
    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            Tab::People => t(lang, "人员", "People"),
            Tab::Criteria => t(lang, "指标与权重", "Criteria & weights"),
            Tab::Scores => t(lang, "评分", "Scores"),
            Tab::Posts => t(lang, "岗位", "Posts"),
            Tab::Ranking => t(lang, "排名", "Ranking"),
            Tab::Charts => t(lang, "图表", "Charts"),
            Tab::Audit => t(lang, "审计日志", "Audit log"),
        }
    }
}

/// Runtime state of the panels (not saved).
#[derive(Default)]
pub struct Panels {
    /// The tab shown.
    pub tab: Tab,
    people: people_panel::PeopleState,
    criteria: criteria_panel::CriteriaState,
    scores: scores_panel::ScoresState,
    posts: posts_panel::PostsState,
    ranking: ranking_panel::RankingState,
    charts: charts_panel::ChartsState,
    audit: audit_panel::AuditState,
    /// Ask the current panel to focus its search field (Ctrl+F).
    focus_search: bool,
}

/// What panels read: the project, its evaluation and the language.
pub struct View<'a> {
    /// The open document.
    pub doc: &'a Document,
    /// Interface language.
    pub lang: Lang,
    /// Focus the search field this frame.
    pub focus_search: bool,
}

/// The running app.
pub struct MeritApp {
    /// Saved preferences.
    pub prefs: Prefs,
    /// The open project.
    pub doc: Document,
    /// Panel states.
    pub panels: Panels,
    /// The last message or error, for the status bar.
    pub status: status_bar::Status,
    dialogs: dialogs::Dialogs,
    wizard: Option<import_wizard::Wizard>,
    autosave: autosave::Autosave,
    title_shown: String,
    lang_shown: Lang,
    frames: u64,
    allow_close: bool,
}

impl MeritApp {
    /// An app showing `doc` with `prefs`; `recovery_dir` enables autosave there.
    pub fn with_document(prefs: Prefs, doc: Document, recovery_dir: Option<PathBuf>) -> Self {
        let autosave = autosave::Autosave::new(recovery_dir);
        let lang = prefs.lang;
        let dialogs = dialogs::Dialogs {
            recovery: autosave.pending_recovery(),
            ..Default::default()
        };
        MeritApp {
            prefs,
            doc,
            panels: Panels::default(),
            status: status_bar::Status::default(),
            dialogs,
            wizard: None,
            autosave,
            title_shown: String::new(),
            lang_shown: lang,
            frames: 0,
            allow_close: false,
        }
    }

    /// The app as eframe creates it: preferences from storage, then the project given, the
    /// last one opened, or the bundled sample.
    pub fn new(cc: &eframe::CreationContext<'_>, path: Option<PathBuf>) -> Self {
        let prefs: Prefs = cc
            .storage
            .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
            .unwrap_or_default();
        let mut error = None;
        // A spreadsheet given on the command line (or "open with") starts the import wizard
        // on the last project, as a dropped one does.
        let (path, import) = match path {
            Some(p) if files::is_spreadsheet(&p) => (None, Some(p)),
            other => (other, None),
        };
        let candidate = path.or_else(|| prefs.recent.first().cloned());
        let doc = match candidate.map(|p| (project_file::load(&p), p)) {
            Some((Ok(project), p)) => files::document_at(project, p),
            Some((Err(e), _)) => {
                error = Some(e.to_string());
                sample_document()
            }
            None => sample_document(),
        };
        let recovery = eframe::storage_dir("Merit");
        let mut app = MeritApp::with_document(prefs, doc, recovery);
        if let Some(e) = error {
            app.status.error(e);
        }
        if let Some(p) = import {
            app.start_import(p);
        }
        app
    }

    /// Who and when, for the audit log.
    fn meta(&self) -> Meta {
        Meta {
            operator: self.prefs.operator.clone(),
            time: utc_timestamp(),
        }
    }

    /// The window title: file name, and `*` when there are unsaved changes.
    pub fn title(&self) -> String {
        let mark = if self.doc.dirty { "*" } else { "" };
        format!("{}{mark} — Merit", self.doc.name)
    }

    /// Runs one command: the single place where the app acts on what the user asked.
    pub fn run(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::Edit { action, label } => {
                let meta = self.meta();
                match self.doc.apply(action, label.clone(), &meta) {
                    Ok(()) => self.status.info(label),
                    Err(e) => self
                        .status
                        .error(i18n::edit_error_text(&e, self.prefs.lang)),
                }
            }
            Command::Undo => self.undo_redo(true),
            Command::Redo => self.undo_redo(false),
            Command::Find => {
                if !matches!(self.panels.tab, Tab::People | Tab::Ranking) {
                    self.panels.tab = Tab::People;
                }
                self.panels.focus_search = true;
            }
            Command::Show(tab) => self.panels.tab = tab,
            Command::Message(m) => self.status.info(m),
            Command::DraftWeights(w) => self.doc.set_draft(w),
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Command::ImportPath(path) => self.start_import(path),
            Command::ExportChart(path) => self.export_chart(&path),
            Command::Import => {
                if let Some(path) = files::pick_import() {
                    self.run(ctx, Command::ImportPath(path));
                }
            }
            other => files::run_file_command(self, other),
        }
    }

    /// Writes the chart of the Charts tab to `path` (PNG or SVG), saying so in the status
    /// bar, or why not.
    pub fn export_chart(&mut self, path: &Path) {
        let lang = self.prefs.lang;
        match self.panels.charts.export(path) {
            Ok(()) => self.status.info(i18n::tf(
                lang,
                format!("已导出图表 {}", path.display()),
                format!("Chart exported to {}", path.display()),
            )),
            // Write errors already end with the path.
            Err(e) => self.status.error(chart_hover::chart_error_text(&e, lang)),
        }
    }

    /// Shows `doc` in place of the open document. Panels, the Publish dialog and the import
    /// wizard held the old one's people, stages, charts and plan: they start afresh (the
    /// tab shown stays).
    pub fn replace_document(&mut self, doc: Document) {
        self.doc = doc;
        let tab = self.panels.tab;
        self.panels = Panels {
            tab,
            ..Panels::default()
        };
        self.dialogs.publish = None;
        self.wizard = None;
    }

    /// Starts the import wizard on `path` (what dropping a spreadsheet does).
    pub fn start_import(&mut self, path: PathBuf) {
        self.wizard = Some(import_wizard::Wizard::start(
            path,
            &self.doc.project,
            self.prefs.lang,
        ));
    }

    /// People added and rows rejected by the import wizard's current plan (for tests).
    #[cfg(test)]
    pub fn import_plan_summary(&self) -> Option<(usize, usize)> {
        let plan = self.wizard.as_ref()?.plan()?;
        Some((plan.added.len(), plan.rejected))
    }

    /// Whether the import wizard is reading or planning in the background.
    pub fn import_busy(&self) -> bool {
        self.wizard
            .as_ref()
            .is_some_and(import_wizard::Wizard::busy)
    }

    fn undo_redo(&mut self, undo: bool) {
        let meta = self.meta();
        let lang = self.prefs.lang;
        let result = if undo {
            self.doc.undo(&meta)
        } else {
            self.doc.redo(&meta)
        };
        match result {
            None => self
                .status
                .info(t(lang, "没有可撤销或重做的操作", "Nothing to undo or redo").to_string()),
            Some(Ok(label)) => {
                let verb = if undo {
                    t(lang, "已撤销", "Undone")
                } else {
                    t(lang, "已重做", "Redone")
                };
                self.status.info(format!("{verb}: {label}"));
            }
            Some(Err(e)) => self
                .status
                .error(i18n::edit_error_text(&e, self.prefs.lang)),
        }
    }

    /// One frame of the whole window: what eframe runs each frame, and what the
    /// benchmark runs on a bare `egui::Context`.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.frames += 1;
        let mut out = commands::shortcuts_pressed(&ctx);
        out.extend(files::dropped_files(&ctx));
        self.chrome_ui(ui, &mut out);
        let view = View {
            doc: &self.doc,
            lang: self.prefs.lang,
            focus_search: std::mem::take(&mut self.panels.focus_search),
        };
        egui::CentralPanel::default_margins().show(ui, |ui| {
            panel_ui(ui, &mut self.panels, &view, &mut out);
        });
        if let Some(wizard) = &mut self.wizard {
            let keep = wizard.window_ui(&ctx, &self.doc.project, self.prefs.lang, &mut out);
            if !keep {
                self.wizard = None;
            }
        }
        dialogs::dialogs_ui(self, &ctx, &mut out);
        for command in out {
            self.run(&ctx, command);
        }
        self.after_frame(&ctx);
    }

    /// Menus, tabs and the status bar around the panel.
    fn chrome_ui(&mut self, ui: &mut egui::Ui, out: &mut Vec<Command>) {
        let lang = self.prefs.lang;
        let recent = self.prefs.recent.clone();
        egui::Panel::top("menu").show(ui, |ui| {
            ui.horizontal(|ui| {
                let state = commands::MenuState {
                    lang,
                    recent: &recent,
                    undo: self.doc.history.undo_label(),
                    redo: self.doc.history.redo_label(),
                };
                commands::menu_bar_ui(ui, &state, out, |ui| {
                    dialogs::view_menu_ui(ui, &mut self.prefs);
                });
            });
        });
        egui::Panel::top("tabs").show(ui, |ui| {
            ui.horizontal(|ui| {
                for tab in Tab::ALL {
                    if ui
                        .selectable_label(self.panels.tab == tab, tab.title(lang))
                        .clicked()
                    {
                        out.push(Command::Show(tab));
                    }
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    dialogs::language_switch_ui(ui, &mut self.prefs);
                });
            });
        });
        egui::Panel::bottom("status").show(ui, |ui| {
            status_bar::status_bar_ui(ui, &self.doc, &self.status, lang);
        });
    }

    /// Title, theme, the one-time font check, autosave and the close prompt.
    fn after_frame(&mut self, ctx: &egui::Context) {
        if self.prefs.lang != self.lang_shown {
            // A message in the other language would mix languages on screen.
            self.lang_shown = self.prefs.lang;
            self.status = status_bar::Status::default();
        }
        let title = self.title();
        if title != self.title_shown {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_shown = title;
        }
        ctx.set_theme(if self.prefs.dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        });
        if self.frames == 3 && !has_cjk_font(ctx) {
            self.status.error(
                "No Chinese (CJK) font found: Chinese text shows as boxes. Install Noto Sans CJK, \
                 Source Han Sans, Microsoft YaHei or PingFang."
                    .into(),
            );
        }
        if let Some(message) = self.autosave.tick(&self.doc) {
            self.status.error(message);
        }
        if ctx.input(|i| i.viewport().close_requested()) && self.doc.dirty && !self.allow_close {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.dialogs.ask_discard(Command::Quit);
        }
        if self
            .wizard
            .as_ref()
            .is_some_and(import_wizard::Wizard::busy)
        {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
    }
}

/// The panel of the current tab.
fn panel_ui(ui: &mut egui::Ui, panels: &mut Panels, view: &View<'_>, out: &mut Vec<Command>) {
    // The people picked in the ranking are read by the ranking and the charts: keep them on
    // the same people whatever another panel changed.
    panels.ranking.selection.follow(&view.doc.project);
    match panels.tab {
        Tab::People => people_panel::people_ui(ui, &mut panels.people, view, out),
        Tab::Criteria => criteria_panel::criteria_ui(ui, &mut panels.criteria, view, out),
        Tab::Scores => scores_panel::scores_ui(ui, &mut panels.scores, view, out),
        Tab::Posts => posts_panel::posts_ui(ui, &mut panels.posts, view, out),
        Tab::Ranking => ranking_panel::ranking_ui(ui, &mut panels.ranking, view, out),
        Tab::Charts => {
            charts_panel::charts_ui(ui, &mut panels.charts, &mut panels.ranking, view, out);
        }
        Tab::Audit => audit_panel::audit_ui(ui, &mut panels.audit, view, out),
    }
}

/// Whether some installed font draws Chinese.
fn has_cjk_font(ctx: &egui::Context) -> bool {
    ctx.fonts_mut(|f| f.has_glyph(&egui::FontId::proportional(14.0), '中'))
}

impl eframe::App for MeritApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.prefs);
    }
}

/// The bundled sample as a document.
pub fn sample_document() -> Document {
    match project_file::from_ron_str(SAMPLE_RON, Path::new("sample.ron")) {
        Ok(project) => Document::new(project, None, "sample.ron".into()),
        // The sample is checked by the tests; an empty project is the safe fallback.
        Err(_) => Document::new(Project::default(), None, "sample.ron".into()),
    }
}

/// Opens the app window on `path`, else the last project, else the bundled sample.
pub fn run(path: Option<PathBuf>) -> Result<(), AppError> {
    if let Some(p) = path.as_ref().filter(|p| !files::is_spreadsheet(p)) {
        // Refuse a broken project up front, with where and why, before any window opens.
        project_file::load(p)?;
    }
    let mut viewport = egui::ViewportBuilder::default()
        .with_inner_size([1280.0, 800.0])
        .with_title("Merit")
        .with_drag_and_drop(true);
    if let Ok(icon) = eframe::icon_data::from_png_bytes(ICON_PNG) {
        viewport = viewport.with_icon(Arc::new(icon));
    }
    let options = eframe::NativeOptions {
        viewport,
        ..eframe::NativeOptions::default()
    };
    eframe::run_native(
        "Merit",
        options,
        Box::new(move |cc| Ok(Box::new(MeritApp::new(cc, path)))),
    )
    .map_err(|e| AppError::Window(e.to_string()))
}
