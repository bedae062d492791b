//! The desktop app (eframe/egui): a thin shell over the core. Panels read the project and
//! the evaluation; they never compute scores themselves.

pub mod chart_view;
mod ranking_panel;

use std::path::{Path, PathBuf};

use eframe::egui;

use crate::io::project_file::{self, ProjectFileError};
use crate::model::Project;
use crate::scoring::describe::Lang;
use crate::scoring::{Evaluation, evaluate};

/// The sample round shipped with Merit, opened when no project is given.
pub const SAMPLE_RON: &str = include_str!("../../data-samples/sample.ron");

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

/// The running app: the loaded project and its evaluation.
pub struct MeritApp {
    project: Project,
    source: String,
    evaluation: Evaluation,
    selected_post: usize,
    lang: Lang,
}

impl MeritApp {
    /// An app showing `project`, loaded from `source` (a path or "sample").
    pub fn new(project: Project, source: String) -> Self {
        let evaluation = evaluate(&project);
        MeritApp {
            project,
            source,
            evaluation,
            selected_post: 0,
            lang: system_lang(),
        }
    }

    /// The bundled sample project.
    pub fn sample() -> Result<Self, ProjectFileError> {
        let project = project_file::from_ron_str(SAMPLE_RON, Path::new("data-samples/sample.ron"))?;
        Ok(MeritApp::new(project, "sample.ron".into()))
    }
}

impl eframe::App for MeritApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        ranking_panel::ranking_ui(ui, self);
    }
}

/// Chinese when the system locale is Chinese, else English.
fn system_lang() -> Lang {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        .unwrap_or_default();
    if locale.starts_with("zh") {
        Lang::Zh
    } else {
        Lang::En
    }
}

/// Opens the app window on `path`, or on the bundled sample.
pub fn run(path: Option<PathBuf>) -> Result<(), AppError> {
    let app = match path {
        Some(p) => {
            let project = project_file::load(&p)?;
            MeritApp::new(project, p.display().to_string())
        }
        None => MeritApp::sample()?,
    };
    let title = format!("Merit — {}", app.source);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size([1200.0, 760.0])
            .with_title(&title),
        ..eframe::NativeOptions::default()
    };
    eframe::run_native("Merit", options, Box::new(|_cc| Ok(Box::new(app))))
        .map_err(|e| AppError::Window(e.to_string()))
}
