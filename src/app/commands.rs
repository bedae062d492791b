//! Every command of the window — its words in both languages and its keyboard shortcut —
//! and the menu bar that offers them. Panels and menus emit [`Command`]s; the app runs
//! them in one place (`MeritApp::run`).

use std::path::PathBuf;

use eframe::egui::{self, Key, KeyboardShortcut, Modifiers};

use crate::edit::Action;
use crate::scoring::Weights;
use crate::scoring::describe::Lang;

use super::Tab;
use super::i18n::t;

/// Something the user asked for.
#[derive(Debug, Clone)]
pub enum Command {
    /// A new project with the default scheme.
    New,
    /// Choose a project file to open.
    Open,
    /// Open this project file.
    OpenPath(PathBuf),
    /// Save to the current file (asks for one when there is none).
    Save,
    /// Save to a file chosen now.
    SaveAs,
    /// Choose a CSV/XLSX file and start the import wizard.
    Import,
    /// Start the import wizard on this file.
    ImportPath(PathBuf),
    /// Export the ranking as CSV.
    Export,
    /// Export the audit log as CSV.
    ExportAudit,
    /// Open the Publish dialog (the 公示 report and results list).
    Publish,
    /// Write the chart shown in the Charts tab to this PNG or SVG file.
    ExportChart(PathBuf),
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Focus the search field of the current panel.
    Find,
    /// Close the window.
    Quit,
    /// Switch the panel shown.
    Show(Tab),
    /// Change the project.
    Edit {
        /// The change.
        action: Action,
        /// Its name in the Undo menu and status bar.
        label: String,
    },
    /// Say something in the status bar.
    Message(String),
    /// Show the ranking under these weights without changing the project (a slider
    /// being dragged).
    DraftWeights(Weights),
}

/// The keyboard shortcut of a command, if it has one.
pub fn shortcut(command: &Command) -> Option<KeyboardShortcut> {
    let cmd = |k| Some(KeyboardShortcut::new(Modifiers::COMMAND, k));
    match command {
        Command::New => cmd(Key::N),
        Command::Open => cmd(Key::O),
        Command::Save => cmd(Key::S),
        Command::SaveAs => Some(KeyboardShortcut::new(
            Modifiers::COMMAND | Modifiers::SHIFT,
            Key::S,
        )),
        Command::Import => cmd(Key::I),
        Command::Export => cmd(Key::E),
        Command::Undo => cmd(Key::Z),
        Command::Redo => cmd(Key::Y),
        Command::Find => cmd(Key::F),
        _ => None,
    }
}

/// The menu text of a command.
pub fn label(command: &Command, lang: Lang) -> &'static str {
    let (zh, en) = match command {
        Command::New => ("新建", "New"),
        Command::Open => ("打开…", "Open…"),
        Command::Save => ("保存", "Save"),
        Command::SaveAs => ("另存为…", "Save As…"),
        Command::Import => ("导入…", "Import…"),
        Command::Export => ("导出排名…", "Export ranking…"),
        Command::ExportAudit => ("导出审计日志…", "Export audit log…"),
        Command::Publish => ("发布公示…", "Publish results…"),
        Command::Undo => ("撤销", "Undo"),
        Command::Redo => ("重做", "Redo"),
        Command::Find => ("查找", "Find"),
        Command::Quit => ("退出", "Quit"),
        _ => ("", ""),
    };
    t(lang, zh, en)
}

/// Commands whose shortcut was pressed this frame. Redo also answers Ctrl+Shift+Z;
/// longer shortcuts are consumed first so Ctrl+Shift+S is not taken as Ctrl+S.
pub fn shortcuts_pressed(ctx: &egui::Context) -> Vec<Command> {
    let mut out = Vec::new();
    let redo_alt = KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    let all = [
        Command::SaveAs,
        Command::New,
        Command::Open,
        Command::Save,
        Command::Import,
        Command::Export,
        Command::Undo,
        Command::Redo,
        Command::Find,
    ];
    ctx.input_mut(|i| {
        if i.consume_shortcut(&redo_alt) {
            out.push(Command::Redo);
        }
        for c in all {
            if let Some(sc) = shortcut(&c)
                && i.consume_shortcut(&sc)
            {
                out.push(c);
            }
        }
    });
    out
}

/// A menu button for `command`, with its shortcut shown.
fn item(ui: &mut egui::Ui, lang: Lang, command: Command, out: &mut Vec<Command>) {
    let mut button = egui::Button::new(label(&command, lang));
    if let Some(sc) = shortcut(&command) {
        button = button.shortcut_text(ui.ctx().format_shortcut(&sc));
    }
    if ui.add(button).clicked() {
        out.push(command);
    }
}

/// What the menu bar needs to know.
pub struct MenuState<'a> {
    /// Interface language.
    pub lang: Lang,
    /// Recent project files.
    pub recent: &'a [PathBuf],
    /// What Undo would revert.
    pub undo: Option<&'a str>,
    /// What Redo would repeat.
    pub redo: Option<&'a str>,
}

/// The File and Edit menus.
pub fn menu_bar_ui(
    ui: &mut egui::Ui,
    state: &MenuState<'_>,
    out: &mut Vec<Command>,
    more_menus: impl FnOnce(&mut egui::Ui),
) {
    let lang = state.lang;
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button(t(lang, "文件", "File"), |ui| {
            for c in [Command::New, Command::Open] {
                item(ui, lang, c, out);
            }
            ui.menu_button(t(lang, "最近打开", "Recent files"), |ui| {
                if state.recent.is_empty() {
                    ui.label(t(lang, "（无）", "(none)"));
                }
                for path in state.recent {
                    if ui.button(path.display().to_string()).clicked() {
                        out.push(Command::OpenPath(path.clone()));
                    }
                }
            });
            ui.separator();
            for c in [Command::Save, Command::SaveAs] {
                item(ui, lang, c, out);
            }
            ui.separator();
            for c in [
                Command::Import,
                Command::Export,
                Command::ExportAudit,
                Command::Publish,
            ] {
                item(ui, lang, c, out);
            }
            ui.separator();
            item(ui, lang, Command::Quit, out);
        });
        ui.menu_button(t(lang, "编辑", "Edit"), |ui| {
            let undo = ui.add_enabled(state.undo.is_some(), undo_button(lang, state.undo, ui));
            if undo.clicked() {
                out.push(Command::Undo);
            }
            let redo = Command::Redo;
            let mut button = egui::Button::new(match state.redo {
                Some(what) => format!("{} {what}", label(&redo, lang)),
                None => label(&redo, lang).to_string(),
            });
            if let Some(sc) = shortcut(&redo) {
                button = button.shortcut_text(ui.ctx().format_shortcut(&sc));
            }
            if ui.add_enabled(state.redo.is_some(), button).clicked() {
                out.push(Command::Redo);
            }
            ui.separator();
            item(ui, lang, Command::Find, out);
        });
        more_menus(ui);
    });
}

fn undo_button<'a>(lang: Lang, what: Option<&str>, ui: &egui::Ui) -> egui::Button<'a> {
    let undo = Command::Undo;
    let text = match what {
        Some(what) => format!("{} {what}", label(&undo, lang)),
        None => label(&undo, lang).to_string(),
    };
    let mut button = egui::Button::new(text);
    if let Some(sc) = shortcut(&undo) {
        button = button.shortcut_text(ui.ctx().format_shortcut(&sc));
    }
    button
}
