//! File commands: new, open, save, save as, export, dropped files, through `rfd` dialogs.
//! Opening or replacing a project with unsaved changes asks first (see `dialogs`).

use super::publish_dialog::PublishDialog;
use std::path::{Path, PathBuf};

use eframe::egui;

use crate::edit::audit_csv;
use crate::io::project_file;
use crate::io::ranking::{ranking_document, to_csv};
use crate::model::Project;

use super::i18n::{t, tf};
use super::{Command, Document, MeritApp};

/// A document for a project loaded from `path`.
pub fn document_at(project: Project, path: PathBuf) -> Document {
    let name = file_name(&path);
    Document::new(project, Some(path), name)
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Asks for a CSV or Excel file to import.
pub fn pick_import() -> Option<PathBuf> {
    rfd::FileDialog::new()
        .add_filter("CSV / Excel", &["csv", "txt", "xlsx", "xls"])
        .pick_file()
}

/// Whether `path` is a spreadsheet to import (CSV, text, Excel) rather than a project.
pub fn is_spreadsheet(path: &Path) -> bool {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    matches!(ext.as_str(), "csv" | "txt" | "tsv" | "xlsx" | "xls")
}

/// Files dropped on the window: a `.ron` opens, a spreadsheet starts the import wizard.
pub fn dropped_files(ctx: &egui::Context) -> Vec<Command> {
    let dropped = ctx.input(|i| i.raw.dropped_files.clone());
    dropped
        .into_iter()
        .map(|f| f.path().to_path_buf())
        .filter(|p| !p.as_os_str().is_empty())
        .map(|path| {
            if is_spreadsheet(&path) {
                Command::ImportPath(path)
            } else {
                Command::OpenPath(path)
            }
        })
        .collect()
}

/// Runs New, Open, Save, Save As and the exports.
pub fn run_file_command(app: &mut MeritApp, command: Command) {
    let lang = app.prefs.lang;
    let replaces = matches!(command, Command::New | Command::Open | Command::OpenPath(_));
    if replaces && app.doc.dirty {
        app.dialogs.ask_discard(command);
        return;
    }
    match command {
        Command::New => {
            app.replace_document(Document::new(
                Project::default(),
                None,
                t(lang, "未命名", "Untitled").into(),
            ));
            app.status.info(t(lang, "新项目", "New project").into());
        }
        Command::Open => {
            if let Some(path) = rfd::FileDialog::new()
                .add_filter("Merit", &["ron"])
                .pick_file()
            {
                open(app, path);
            }
        }
        Command::OpenPath(path) => open(app, path),
        Command::Save => match app.doc.path.clone() {
            Some(path) => save(app, path),
            None => save_as(app),
        },
        Command::SaveAs => save_as(app),
        Command::Export => export_ranking(app),
        Command::ExportAudit => export_audit(app),
        Command::Publish => {
            app.dialogs.publish = Some(PublishDialog::new(&app.doc.project));
        }
        _ => {}
    }
}

/// Loads `path` into the window, or says why not (the open project stays).
pub fn open(app: &mut MeritApp, path: PathBuf) {
    match project_file::load(&path) {
        Ok(project) => {
            app.prefs.remember(&path);
            app.replace_document(document_at(project, path));
            let lang = app.prefs.lang;
            app.status.info(tf(
                lang,
                format!("已打开 {}", app.doc.name),
                format!("Opened {}", app.doc.name),
            ));
        }
        Err(e) => app.status.error(e.to_string()),
    }
}

fn save_as(app: &mut MeritApp) {
    let name = app
        .doc
        .path
        .as_deref()
        .map_or_else(|| "project.ron".into(), file_name);
    if let Some(path) = rfd::FileDialog::new()
        .add_filter("Merit", &["ron"])
        .set_file_name(name)
        .save_file()
    {
        save(app, path);
    }
}

/// Saves atomically to `path`; the document is then clean and named after it.
pub fn save(app: &mut MeritApp, path: PathBuf) {
    let lang = app.prefs.lang;
    match project_file::save(&app.doc.project, &path) {
        Ok(()) => {
            app.prefs.remember(&path);
            app.doc.name = file_name(&path);
            app.doc.path = Some(path);
            app.doc.dirty = false;
            app.autosave.discard();
            app.status.info(tf(
                lang,
                format!("已保存 {}", app.doc.name),
                format!("Saved {}", app.doc.name),
            ));
        }
        Err(e) => app.status.error(e.to_string()),
    }
}

fn pick_csv(name: &str) -> Option<PathBuf> {
    rfd::FileDialog::new()
        .add_filter("CSV", &["csv"])
        .set_file_name(name)
        .save_file()
}

fn export_ranking(app: &mut MeritApp) {
    let Some(path) = pick_csv("ranking.csv") else {
        return;
    };
    let evaluation = app.doc.evaluation();
    let project = &app.doc.project;
    let docs: Vec<_> = evaluation
        .posts
        .iter()
        .map(|p| ranking_document(project, evaluation, p))
        .collect();
    let result = to_csv(project, evaluation, &docs)
        .map_err(|e| e.to_string())
        .and_then(|bytes| std::fs::write(&path, bytes).map_err(|e| e.to_string()));
    report_export(app, result, &path);
}

fn export_audit(app: &mut MeritApp) {
    let Some(path) = pick_csv("audit.csv") else {
        return;
    };
    let text = audit_csv(&app.doc.project.audit);
    let result = std::fs::write(&path, text).map_err(|e| e.to_string());
    report_export(app, result, &path);
}

/// Says in the status bar that `path` was written, or why not.
pub fn report_export(app: &mut MeritApp, result: Result<(), String>, path: &Path) {
    let lang = app.prefs.lang;
    match result {
        Ok(()) => app.status.info(tf(
            lang,
            format!("已导出 {}", path.display()),
            format!("Exported {}", path.display()),
        )),
        Err(e) => app.status.error(format!("{e}: {}", path.display())),
    }
}
