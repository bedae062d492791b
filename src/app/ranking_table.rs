//! The ranking table: one [`Line`] per person (built by `ranking_lines` for the live
//! ranking or for a stage), virtualized so 100,000 rows draw only what is on screen.
//! Cut-off lines under the last selected and the last shortlisted (or the last who enter
//! the next stage), moved rows tinted with their `↑3` marker fading, and the people picked
//! for the explanation marked A and B. A click picks A; Ctrl+click (or a click while
//! "compare with…" is on) picks B.

use eframe::egui::{self, Color32, RichText};
use egui_extras::{Column, TableBuilder};

use crate::model::Project;
use crate::scoring::describe::{Lang, total_text};

use super::i18n::t;
use super::rank_moves::{RankMoves, arrow};

/// A cut-off line drawn under a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cut {
    /// Under the last of the openings.
    Selection,
    /// Under the last of the shortlist.
    Shortlist,
    /// Under the last who enter the next stage.
    Entry,
}

impl Cut {
    /// The line's name.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Cut::Selection => t(lang, "录用线", "selection cut-off"),
            Cut::Shortlist => t(lang, "差额线", "shortlist cut-off"),
            Cut::Entry => t(lang, "入围线", "entry cut-off"),
        }
    }
}

/// One row of the table, in words and numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Index into the project's people.
    pub person: usize,
    /// Competition rank; `None` for the unranked.
    pub rank: Option<u32>,
    /// Published total in cents.
    pub total: Option<i64>,
    /// Published composite in cents (stages with a composite).
    pub composite: Option<i64>,
    /// Status in words.
    pub status: &'static str,
    /// Why (gate and value, what is missing, where eliminated); may be empty.
    pub reason: String,
    /// Tie flag and the tie-breaker that decided; may be empty.
    pub tie: String,
    /// Per criterion: normalized score and weighted points.
    pub criteria: Vec<(Option<f64>, Option<f64>)>,
    /// A cut-off line under this row.
    pub cut: Option<Cut>,
}

/// What the table shows besides the lines.
pub struct Columns<'a> {
    /// Criterion names, in scheme order.
    pub criteria: &'a [String],
    /// Show the composite column.
    pub composite: bool,
    /// Show the per-criterion columns.
    pub per_criterion: bool,
}

/// Who is marked, what moved, and the time now.
pub struct Marks<'a> {
    /// The person explained (A).
    pub a: Option<usize>,
    /// The person compared with (B).
    pub b: Option<usize>,
    /// Rank moves to show.
    pub moves: &'a RankMoves,
    /// Seconds (egui time).
    pub now: f64,
}

/// A row clicked: the person, and whether as the second one (B).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Picked {
    /// Index into the project's people.
    pub person: usize,
    /// Ctrl/Cmd was held.
    pub second: bool,
}

const TITLES: [(&str, &str); 7] = [
    ("名次", "Rank"),
    ("编号", "ID"),
    ("姓名", "Name"),
    ("部门", "Department"),
    ("总分", "Total"),
    ("状态", "Status"),
    ("并列", "Tie"),
];

/// The table of `count` lines; `line(i)` builds line `i` (called for visible rows only).
pub fn ranking_table_ui(
    ui: &mut egui::Ui,
    project: &Project,
    columns: &Columns<'_>,
    count: usize,
    line: &dyn Fn(usize) -> Line,
    marks: &Marks<'_>,
    lang: Lang,
) -> Option<Picked> {
    let per = if columns.per_criterion {
        columns.criteria.len()
    } else {
        0
    };
    let extra = usize::from(columns.composite);
    // Wide tables scroll sideways instead of running under the explanation panel.
    egui::ScrollArea::horizontal()
        .id_salt("ranking_h")
        .show(ui, |ui| {
            table_ui(ui, project, columns, (count, per, extra), line, marks, lang)
        })
        .inner
}

fn table_ui(
    ui: &mut egui::Ui,
    project: &Project,
    columns: &Columns<'_>,
    (count, per, extra): (usize, usize, usize),
    line: &dyn Fn(usize) -> Line,
    marks: &Marks<'_>,
    lang: Lang,
) -> Option<Picked> {
    let mut table = TableBuilder::new(ui)
        .id_salt(("ranking", per, extra))
        .striped(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::auto().at_least(56.0))
        .column(Column::auto())
        .column(Column::auto().at_least(60.0))
        .column(Column::auto())
        .columns(Column::auto().at_least(52.0), 1 + extra)
        .column(Column::auto())
        .column(Column::auto())
        .columns(Column::auto().at_least(44.0), 2 * per)
        .column(Column::remainder());
    table = table.min_scrolled_height(200.0);
    let mut picked = None;
    table
        .header(22.0, |mut header| {
            header_ui(&mut header, columns, per, lang);
        })
        .body(|body| {
            body.rows(22.0, count, |mut row| {
                let l = line(row.index());
                let is_marked = marks.a == Some(l.person) || marks.b == Some(l.person);
                row.set_selected(is_marked);
                let clicked = row_ui(&mut row, project, &l, columns, per, marks, lang);
                if clicked || row.response().clicked() {
                    let second = row.response().ctx.input(|i| i.modifiers.command);
                    picked = Some(Picked {
                        person: l.person,
                        second,
                    });
                }
            });
        });
    picked
}

fn header_ui(
    header: &mut egui_extras::TableRow<'_, '_>,
    columns: &Columns<'_>,
    per: usize,
    lang: Lang,
) {
    for (i, (zh, en)) in TITLES.iter().enumerate() {
        // At a composite stage the total is the stage's own; the composite ranks.
        let (zh, en) = if i == 4 && columns.composite {
            ("本环节总分", "Stage total")
        } else {
            (*zh, *en)
        };
        header.col(|ui| {
            ui.strong(t(lang, zh, en));
        });
        if i == 4 && columns.composite {
            header.col(|ui| {
                ui.strong(t(lang, "综合成绩", "Composite"));
            });
        }
    }
    for name in columns.criteria.iter().take(per) {
        header.col(|ui| {
            ui.strong(name.as_str()).on_hover_text(t(
                lang,
                "标准化得分（0–100）",
                "Normalized score (0–100)",
            ));
        });
        header.col(|ui| {
            ui.strong(t(lang, "加权", "pts")).on_hover_text(t(
                lang,
                "加权得分：计入总分的分数",
                "Weighted points: what this criterion adds to the total",
            ));
        });
    }
    header.col(|ui| {
        ui.strong(t(lang, "说明", "Note"));
    });
}

/// Green for a move up, orange for a move down (Okabe–Ito: apart for colour-blind eyes).
pub fn move_color(delta: i64) -> Color32 {
    if delta > 0 {
        Color32::from_rgb(0, 158, 115)
    } else {
        Color32::from_rgb(213, 94, 0)
    }
}

/// One row's cells; whether the name was clicked.
fn row_ui(
    row: &mut egui_extras::TableRow<'_, '_>,
    project: &Project,
    l: &Line,
    columns: &Columns<'_>,
    per: usize,
    marks: &Marks<'_>,
    lang: Lang,
) -> bool {
    let person = &project.people[l.person];
    let shown = marks.moves.shown(l.person, marks.now);
    let tint = shown.map(|s| (move_color(s.delta), s.strength));
    let decorate = |ui: &mut egui::Ui| decorate_cell(ui, tint, l.cut);
    let mut clicked = false;
    row.col(|ui| {
        decorate(ui);
        rank_cell_ui(ui, l, marks, tint, shown.map(|s| s.delta));
    });
    row.col(|ui| {
        decorate(ui);
        ui.label(&person.id);
    });
    row.col(|ui| {
        decorate(ui);
        let marked = marks.a == Some(l.person) || marks.b == Some(l.person);
        clicked = ui.selectable_label(marked, &person.name).clicked();
    });
    row.col(|ui| {
        decorate(ui);
        ui.label(&person.department);
    });
    row.col(|ui| {
        decorate(ui);
        ui.monospace(total_text(l.total));
    });
    if columns.composite {
        row.col(|ui| {
            decorate(ui);
            ui.monospace(total_text(l.composite));
        });
    }
    row.col(|ui| {
        decorate(ui);
        ui.label(l.status);
    });
    row.col(|ui| {
        decorate(ui);
        ui.label(&l.tie);
    });
    criteria_cells_ui(row, l, per, &decorate);
    row.col(|ui| {
        decorate(ui);
        note_ui(ui, l, lang);
    });
    clicked
}

/// Each criterion's score and points.
fn criteria_cells_ui(
    row: &mut egui_extras::TableRow<'_, '_>,
    l: &Line,
    per: usize,
    decorate: &dyn Fn(&mut egui::Ui),
) {
    for (score, points) in l.criteria.iter().take(per) {
        for value in [score, points] {
            row.col(|ui| {
                decorate(ui);
                ui.monospace(value.map_or_else(|| "—".into(), |v| format!("{v:.2}")));
            });
        }
    }
}

fn rank_cell_ui(
    ui: &mut egui::Ui,
    l: &Line,
    marks: &Marks<'_>,
    tint: Option<(Color32, f32)>,
    delta: Option<i64>,
) {
    let tag = if marks.a == Some(l.person) {
        "A "
    } else if marks.b == Some(l.person) {
        "B "
    } else {
        ""
    };
    ui.label(format!(
        "{tag}{}",
        l.rank.map_or_else(|| "—".into(), |k| k.to_string())
    ));
    if let (Some((color, strength)), Some(delta)) = (tint, delta) {
        let text = RichText::new(arrow(delta)).color(color.gamma_multiply(0.4 + 0.6 * strength));
        ui.label(text.strong());
    }
}

fn note_ui(ui: &mut egui::Ui, l: &Line, lang: Lang) {
    if let Some(cut) = l.cut {
        let color = ui.visuals().warn_fg_color;
        ui.label(RichText::new(format!("▁▁ {} ▁▁", cut.name(lang))).color(color));
    }
    if !l.reason.is_empty() {
        ui.add(egui::Label::new(&l.reason).truncate())
            .on_hover_text(&l.reason);
    }
}

/// The moved tint behind a cell and the cut-off line under it.
fn decorate_cell(ui: &mut egui::Ui, tint: Option<(Color32, f32)>, cut: Option<Cut>) {
    let rect = ui.max_rect().expand2(egui::vec2(4.0, 1.0));
    if let Some((color, strength)) = tint {
        ui.painter()
            .rect_filled(rect, 0.0, color.gamma_multiply(0.35 * strength));
    }
    if cut.is_some() {
        let y = ui.max_rect().bottom();
        let stroke = egui::Stroke::new(2.0, ui.visuals().warn_fg_color);
        ui.painter().hline(rect.x_range(), y, stroke);
    }
}
