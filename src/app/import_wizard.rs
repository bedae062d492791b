//! The import wizard: file → detected settings → preview → column mapping → the plan
//! (added, updated, rejected with reasons) → confirm, which is one undoable action.
//! Reading and planning run on a background thread (`import_job`) with a progress bar and
//! a cancel button, so the window never freezes.

use std::path::PathBuf;
use std::sync::Arc;

use eframe::egui;

use crate::edit::Action;
use crate::io::import::{ImportKind, ImportOptions, ImportPlan, Mapping, Problem, SourceInfo};
use crate::model::Project;
use crate::scoring::describe::{Lang, criterion_name};

use super::Command;
use super::i18n::{reason_text, t, tf};
use super::import_job::{self, Done, Job};

/// The steps, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    Settings,
    Preview,
    Mapping,
    Plan,
}

/// One run of the wizard.
pub struct Wizard {
    path: PathBuf,
    step: Step,
    kind: ImportKind,
    bytes: Option<Arc<Vec<u8>>>,
    /// How the file was read (format, encoding, delimiter, header row), from the plan.
    detected: Option<SourceInfo>,
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    /// Field chosen per column (`id`, `criterion:exam`, `extra`, …), from the plan.
    mapping: Vec<String>,
    plan: Option<Box<ImportPlan>>,
    job: Option<Job>,
    error: Option<String>,
    /// The encoding the user chose instead of the detected one (a WHATWG label).
    encoding: Option<String>,
    /// The delimiter the user chose instead of the sniffed one.
    delimiter: Option<u8>,
    /// The sheet of a workbook the user chose instead of the first.
    sheet: Option<String>,
    /// Every sheet of the workbook (empty for text files), known even when a sheet cannot
    /// be planned, so another can be chosen.
    sheets: Vec<String>,
}

impl Wizard {
    /// Starts on `path`: reads it in the background.
    pub fn start(path: PathBuf, _project: &Project, lang: Lang) -> Self {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        let mut wizard = Wizard {
            path: path.clone(),
            step: Step::Settings,
            kind: ImportKind::People,
            bytes: None,
            detected: None,
            headers: Vec::new(),
            rows: Vec::new(),
            mapping: Vec::new(),
            plan: None,
            job: None,
            error: None,
            encoding: None,
            delimiter: None,
            sheet: None,
            sheets: Vec::new(),
        };
        let _ = (ext, lang);
        wizard.job = Some(import_job::load(path));
        wizard
    }

    /// The current plan, once the file has been read and planned.
    #[cfg(test)]
    pub fn plan(&self) -> Option<&ImportPlan> {
        self.plan.as_deref()
    }

    /// Whether a background job is running.
    pub fn busy(&self) -> bool {
        self.job.is_some()
    }

    /// Picks up a finished job.
    fn poll(&mut self, project: &Project) {
        let Some(done) = self.job.as_ref().and_then(Job::poll) else {
            return;
        };
        self.job = None;
        match done {
            Done::Loaded(Ok((bytes, sheets))) => {
                self.bytes = Some(Arc::new(bytes));
                self.sheets = sheets;
                self.mapping.clear();
                self.replan(project);
            }
            Done::Loaded(Err(e)) | Done::Planned(Err(e)) => self.error = Some(e),
            Done::Planned(Ok(plan)) => {
                self.mapping = plan.mapping.iter().map(|(_, f)| f.clone()).collect();
                self.headers = plan.source.headers.clone();
                self.rows = plan.source.preview.clone();
                self.detected = Some(plan.source.clone());
                self.error = None;
                self.plan = Some(plan);
            }
        }
    }

    /// Plans again with the current kind and mapping.
    fn replan(&mut self, project: &Project) {
        let Some(bytes) = &self.bytes else { return };
        // The user's choices go to the import as a mapping (the same as `--mapping FILE`).
        let columns = if self.mapping.len() == self.headers.len() {
            self.headers
                .iter()
                .cloned()
                .zip(self.mapping.iter().cloned())
                .collect()
        } else {
            Vec::new()
        };
        let options = ImportOptions {
            mapping: Mapping { columns },
            encoding: self.encoding.clone(),
            delimiter: self.delimiter,
            sheet: self.sheet.clone(),
            ..ImportOptions::default()
        };
        self.plan = None;
        self.job = Some(import_job::plan(
            project.clone(),
            bytes.clone(),
            self.kind,
            self.path.clone(),
            options,
        ));
    }

    /// The wizard window; false once it is closed.
    pub fn window_ui(
        &mut self,
        ctx: &egui::Context,
        project: &Project,
        lang: Lang,
        out: &mut Vec<Command>,
    ) -> bool {
        self.poll(project);
        let mut open = true;
        let mut keep = true;
        egui::Window::new(t(lang, "导入向导", "Import wizard"))
            .open(&mut open)
            .default_size([760.0, 520.0])
            .collapsible(false)
            .show(ctx, |ui| {
                ui.label(tf(
                    lang,
                    format!("文件：{}", self.path.display()),
                    format!("File: {}", self.path.display()),
                ));
                steps_header_ui(ui, self.step, lang);
                ui.separator();
                keep = self.body_ui(ui, project, lang, out);
            });
        open && keep
    }

    fn body_ui(
        &mut self,
        ui: &mut egui::Ui,
        project: &Project,
        lang: Lang,
        out: &mut Vec<Command>,
    ) -> bool {
        if let Some(job) = &self.job {
            ui.label(t(lang, "正在处理文件…", "Working on the file…"));
            ui.add(
                egui::ProgressBar::new(job.fraction())
                    .show_percentage()
                    .animate(true),
            );
            if ui.button(t(lang, "取消", "Cancel")).clicked() {
                job.cancel();
                return false;
            }
            return true;
        }
        if let Some(e) = &self.error {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        match self.step {
            Step::Settings => self.settings_ui(ui, project, lang),
            Step::Preview => self.preview_ui(ui),
            Step::Mapping => self.mapping_ui(ui, project, lang),
            Step::Plan => self.plan_ui(ui, lang),
        }
        ui.separator();
        self.buttons_ui(ui, lang, out)
    }

    fn settings_ui(&mut self, ui: &mut egui::Ui, project: &Project, lang: Lang) {
        let before = self.kind;
        ui.label(t(lang, "文件内容", "The file holds"));
        ui.radio_value(
            &mut self.kind,
            ImportKind::People,
            t(
                lang,
                "人员及成绩（每人一行）",
                "People and scores (one row per person)",
            ),
        );
        ui.radio_value(
            &mut self.kind,
            ImportKind::Ratings,
            t(
                lang,
                "评委评分（每条评分一行）",
                "Raters' scores (one row per rating)",
            ),
        );
        ui.radio_value(
            &mut self.kind,
            ImportKind::Ballots,
            t(
                lang,
                "民主测评票（每张票一行，或每人一行计票）",
                "Ballots (one row per ballot, or a tally per person)",
            ),
        );
        if self.kind != before {
            self.mapping.clear();
            self.replan(project);
        }
        if let Some(source) = &self.detected {
            ui.label(source_text(source, lang));
        }
        // The choosers show even when the file could not be planned as detected: that is
        // when another encoding, delimiter or sheet is needed.
        let text = self.bytes.is_some() && self.sheets.is_empty();
        if text && self.overrides_ui(ui, lang) {
            self.replan(project);
        }
        if self.sheets.len() > 1 && self.sheet_ui(ui, lang, self.sheets.clone()) {
            // Another sheet has other columns: match them afresh.
            self.mapping.clear();
            self.replan(project);
        }
    }

    /// Encoding and delimiter chosen by hand (CSV only); true when one changed.
    fn overrides_ui(&mut self, ui: &mut egui::Ui, lang: Lang) -> bool {
        const ENCODINGS: [&str; 5] = ["utf-8", "gbk", "gb18030", "utf-16le", "utf-16be"];
        const DELIMITERS: [(u8, &str); 3] = [(b',', ","), (b';', ";"), (b'\t', "Tab")];
        let auto = t(lang, "自动检测", "Detect");
        let (encoding, delimiter) = (self.encoding.clone(), self.delimiter);
        ui.horizontal(|ui| {
            egui::ComboBox::new("import_encoding", t(lang, "编码", "Encoding"))
                .selected_text(self.encoding.as_deref().unwrap_or(auto))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.encoding, None, auto);
                    for e in ENCODINGS {
                        ui.selectable_value(&mut self.encoding, Some(e.to_string()), e);
                    }
                });
            let shown = DELIMITERS
                .iter()
                .find(|(b, _)| Some(*b) == self.delimiter)
                .map_or(auto, |(_, name)| *name);
            egui::ComboBox::new("import_delimiter", t(lang, "分隔符", "Delimiter"))
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.delimiter, None, auto);
                    for (b, name) in DELIMITERS {
                        ui.selectable_value(&mut self.delimiter, Some(b), name);
                    }
                });
        });
        self.encoding != encoding || self.delimiter != delimiter
    }

    /// The sheet of a workbook with several; true when the user picked another.
    fn sheet_ui(&mut self, ui: &mut egui::Ui, lang: Lang, sheets: Vec<String>) -> bool {
        let before = self.sheet.clone();
        let shown = self
            .sheet
            .clone()
            .or_else(|| sheets.first().cloned())
            .unwrap_or_default();
        egui::ComboBox::new("import_sheet", t(lang, "工作表", "Sheet"))
            .selected_text(shown)
            .show_ui(ui, |ui| {
                for name in sheets {
                    ui.selectable_value(&mut self.sheet, Some(name.clone()), name);
                }
            });
        self.sheet != before
    }

    fn preview_ui(&self, ui: &mut egui::Ui) {
        egui::ScrollArea::both().max_height(320.0).show(ui, |ui| {
            egui::Grid::new("import_preview")
                .striped(true)
                .show(ui, |ui| {
                    for h in &self.headers {
                        ui.strong(h);
                    }
                    ui.end_row();
                    for row in &self.rows {
                        for cell in row {
                            ui.label(cell);
                        }
                        ui.end_row();
                    }
                });
        });
    }

    fn mapping_ui(&mut self, ui: &mut egui::Ui, project: &Project, lang: Lang) {
        let options = field_options(project, self.kind, lang);
        let mut changed = false;
        egui::ScrollArea::vertical()
            .max_height(320.0)
            .show(ui, |ui| {
                egui::Grid::new("import_mapping")
                    .striped(true)
                    .show(ui, |ui| {
                        for (i, header) in self.headers.iter().enumerate() {
                            let Some(field) = self.mapping.get_mut(i) else {
                                continue;
                            };
                            ui.label(header);
                            ui.label("→");
                            let shown = options
                                .iter()
                                .find(|(f, _)| f == field)
                                .map_or(field.clone(), |(_, l)| l.clone());
                            egui::ComboBox::from_id_salt(("map", i))
                                .selected_text(shown)
                                .show_ui(ui, |ui| {
                                    for (f, l) in &options {
                                        changed |=
                                            ui.selectable_value(field, f.clone(), l).changed();
                                    }
                                });
                            ui.end_row();
                        }
                    });
            });
        if changed {
            self.replan(project);
        }
    }

    fn plan_ui(&self, ui: &mut egui::Ui, lang: Lang) {
        let Some(plan) = &self.plan else { return };
        let line = match plan.kind {
            ImportKind::People => tf(
                lang,
                format!(
                    "新增 {} 人，更新 {} 人，不变 {} 人，新岗位 {} 个，拒绝 {} 行",
                    plan.added.len(),
                    plan.updated.len(),
                    plan.unchanged,
                    plan.new_posts.len(),
                    plan.rejected
                ),
                format!(
                    "{} added, {} updated, {} unchanged, {} new posts, {} rows rejected",
                    plan.added.len(),
                    plan.updated.len(),
                    plan.unchanged,
                    plan.new_posts.len(),
                    plan.rejected
                ),
            ),
            ImportKind::Ratings | ImportKind::Ballots => tf(
                lang,
                format!(
                    "新增评分 {} 条，替换 {} 条，不变 {} 条，拒绝 {} 行",
                    plan.ratings_added,
                    plan.ratings_replaced,
                    plan.ratings_unchanged,
                    plan.rejected
                ),
                format!(
                    "{} ratings added, {} replaced, {} unchanged, {} rows rejected",
                    plan.ratings_added,
                    plan.ratings_replaced,
                    plan.ratings_unchanged,
                    plan.rejected
                ),
            ),
        };
        ui.strong(line);
        if !plan.problems.is_empty() {
            ui.colored_label(
                ui.visuals().error_fg_color,
                t(
                    lang,
                    "有问题的行（修正文件后再导入，不会导入任何内容）：",
                    "Rows with problems (fix the file; nothing is imported until then):",
                ),
            );
            let h = ui.text_style_height(&egui::TextStyle::Body);
            egui::ScrollArea::vertical().max_height(260.0).show_rows(
                ui,
                h,
                plan.problems.len(),
                |ui, range| {
                    for p in &plan.problems[range] {
                        ui.label(problem_text(p, lang));
                    }
                },
            );
        }
        for u in plan.updated.iter().take(200) {
            let changes: Vec<String> = u
                .changes
                .iter()
                .map(|c| format!("{}: {} → {}", c.field, c.old, c.new))
                .collect();
            ui.label(format!("{}: {}", u.id, changes.join("; ")));
        }
    }

    fn buttons_ui(&mut self, ui: &mut egui::Ui, lang: Lang, out: &mut Vec<Command>) -> bool {
        let mut keep = true;
        ui.horizontal(|ui| {
            if self.step > Step::Settings && ui.button(t(lang, "上一步", "Back")).clicked() {
                self.step = match self.step {
                    Step::Plan => Step::Mapping,
                    Step::Mapping => Step::Preview,
                    _ => Step::Settings,
                };
            }
            let ready = self.plan.is_some();
            if self.step < Step::Plan
                && ui
                    .add_enabled(ready, egui::Button::new(t(lang, "下一步", "Next")))
                    .clicked()
            {
                self.step = match self.step {
                    Step::Settings => Step::Preview,
                    Step::Preview => Step::Mapping,
                    _ => Step::Plan,
                };
            }
            if self.step == Step::Plan {
                let ok = self.plan.as_ref().is_some_and(|p| p.problems.is_empty());
                if ui
                    .add_enabled(ok, egui::Button::new(t(lang, "确认导入", "Confirm import")))
                    .clicked()
                    && let Some(plan) = self.plan.take()
                {
                    let source = self.path.display().to_string();
                    let label = tf(lang, format!("导入 {source}"), format!("import {source}"));
                    out.push(Command::Edit {
                        action: Action::Import { plan, source },
                        label,
                    });
                    keep = false;
                }
            }
            if ui.button(t(lang, "关闭", "Close")).clicked() {
                keep = false;
            }
        });
        keep
    }
}

fn steps_header_ui(ui: &mut egui::Ui, step: Step, lang: Lang) {
    ui.horizontal(|ui| {
        let steps = [
            (Step::Settings, t(lang, "1 文件与设置", "1 File & settings")),
            (Step::Preview, t(lang, "2 预览", "2 Preview")),
            (Step::Mapping, t(lang, "3 列对应", "3 Column mapping")),
            (Step::Plan, t(lang, "4 导入计划", "4 Plan")),
        ];
        for (s, label) in steps {
            if s == step {
                ui.strong(label);
            } else {
                ui.weak(label);
            }
            ui.label("›");
        }
    });
}

/// Fields a column can be read into, with their labels.
fn field_options(project: &Project, kind: ImportKind, lang: Lang) -> Vec<(String, String)> {
    let mut options: Vec<(String, String)> = match kind {
        ImportKind::People => vec![
            ("id".into(), t(lang, "编号", "ID").into()),
            ("name".into(), t(lang, "姓名", "Name").into()),
            ("department".into(), t(lang, "部门", "Department").into()),
            ("post".into(), t(lang, "岗位", "Post").into()),
        ],
        ImportKind::Ratings | ImportKind::Ballots => vec![
            ("id".into(), t(lang, "人员编号", "Person id").into()),
            ("criterion".into(), t(lang, "指标", "Criterion").into()),
            ("rater".into(), t(lang, "评委", "Rater").into()),
            ("group".into(), t(lang, "评委类别", "Rater group").into()),
            ("score".into(), t(lang, "分数", "Score").into()),
        ],
    };
    if kind == ImportKind::People {
        for c in project.scheme.criteria() {
            options.push((
                format!("criterion:{}", c.key),
                criterion_name(c, lang).to_string(),
            ));
        }
        options.push((
            "extra".into(),
            t(lang, "保留为其他列", "Keep as an extra column").into(),
        ));
    } else {
        if kind == ImportKind::Ballots {
            options.push(("mark".into(), t(lang, "评价", "Mark").into()));
        }
        options.push(("ignored".into(), t(lang, "忽略", "Ignore").into()));
    }
    options
}

/// How a file was read, in words of `lang`: `Read as CSV, encoding GBK, …`.
fn source_text(source: &SourceInfo, lang: Lang) -> String {
    if lang == Lang::En {
        let text = source.describe();
        let mut chars = text.chars();
        return chars
            .next()
            .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect());
    }
    let mut parts = vec![format!("读取为 {}", source.format)];
    if let Some(sheet) = &source.sheet {
        parts.push(format!("工作表“{sheet}”"));
    }
    if let Some(encoding) = &source.encoding {
        parts.push(format!("编码 {encoding}"));
    }
    if let Some(d) = source.delimiter {
        let name = if d == '\t' {
            "制表符".to_string()
        } else {
            format!("“{d}”")
        };
        let comma = if source.decimal_comma {
            "（小数逗号）"
        } else {
            ""
        };
        parts.push(format!("分隔符 {name}{comma}"));
    }
    parts.push(format!("表头在第 {} 行", source.header_row));
    parts.join("，")
}

/// A rejected row in words of `lang`.
fn problem_text(p: &Problem, lang: Lang) -> String {
    match lang {
        Lang::En => p.to_string(),
        Lang::Zh => {
            let column = if p.column.is_empty() {
                String::new()
            } else {
                format!("，列“{}”", p.column)
            };
            let reason = reason_text(&p.reason, lang);
            format!("第 {} 行{column}，值“{}”：{reason}", p.row, p.value)
        }
    }
}
