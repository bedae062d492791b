//! Scores: a person × criterion grid with spreadsheet keys (arrows, Tab, Shift+Tab, Enter,
//! Escape). The active cell is a text field; leaving it applies the value through
//! [`crate::edit`], or refuses it in place with the reason, changing nothing. Blind mode
//! hides names and ids. Cells of rated criteria open the per-rater view on the side.

use std::collections::BTreeMap;

use eframe::egui::{self, Key, Modifiers};
use egui_extras::{Column, TableBuilder};

use crate::edit::{Action, check_score, parse_value};
use crate::model::{Project, Value};
use crate::scoring::describe::{Lang, criterion_name};

use super::i18n::{edit_error_text, t, tf};
use super::{Command, View};

/// What the grid remembers.
#[derive(Default)]
pub struct ScoresState {
    /// Active cell: row (in the shown order) and criterion column.
    pub cursor: (usize, usize),
    /// Text of the active cell while typed; `None` shows the stored value.
    pub buffer: Option<String>,
    /// The refused value and why, shown on the active cell.
    pub error: Option<String>,
    /// Hide names and ids.
    pub blind: bool,
    /// Rater scores being typed in the per-rater view, by rater.
    rater_texts: BTreeMap<String, String>,
    /// A refused rater score and why.
    rater_error: Option<String>,
    /// Only this post (`None`: everyone).
    pub post: Option<String>,
    cache: Option<GridCache>,
}

/// What the grid derives from the project, rebuilt only when it changes.
struct GridCache {
    revision: u64,
    post: Option<String>,
    /// People shown (indices into `Project::people`).
    order: Vec<usize>,
    /// Per (person, criterion column) with ratings: their count and aggregated raw value.
    rated: BTreeMap<(usize, usize), (usize, Option<f64>)>,
}

/// Where a key sends the cursor.
enum Move {
    Down,
    Up,
    Right,
    Left,
}

/// The panel.
pub fn scores_ui(
    ui: &mut egui::Ui,
    state: &mut ScoresState,
    view: &View<'_>,
    out: &mut Vec<Command>,
) {
    let lang = view.lang;
    let project = &view.doc.project;
    let keys: Vec<&str> = project.scheme.criteria().map(|c| c.key.as_str()).collect();
    refresh_cache(state, view, &keys);
    toolbar_ui(ui, state, project, lang);
    let Some(GridCache { order, .. }) = &state.cache else {
        return;
    };
    if order.is_empty() || keys.is_empty() {
        ui.label(t(
            lang,
            "没有可评分的人员或指标",
            "No people or criteria to score",
        ));
        return;
    }
    state.cursor.0 = state.cursor.0.min(order.len() - 1);
    state.cursor.1 = state.cursor.1.min(keys.len() - 1);
    let person = order[state.cursor.0];
    let key = keys[state.cursor.1];
    let (rows, cols) = (order.len(), keys.len());
    if let Some(m) = navigation_keys(ui) {
        commit(state, project, person, key, lang, out);
        if state.error.is_none() {
            step(state, m, rows, cols);
        }
    }
    active_cell_label_ui(ui, state, project, person, key, lang);
    if let Some(e) = &state.error {
        ui.colored_label(ui.visuals().error_fg_color, format!("✖ {e}"));
    }
    egui::Panel::right("raters")
        .default_size(260.0)
        .show(ui, |ui| {
            raters_ui(ui, state, (project, person, key), lang, out);
        });
    if let Some(cell) = grid_ui(ui, state, project, &keys, lang) {
        commit(state, project, person, key, lang, out);
        if state.error.is_none() {
            state.cursor = cell;
            state.buffer = None;
        }
    }
}

fn refresh_cache(state: &mut ScoresState, view: &View<'_>, keys: &[&str]) {
    let project = &view.doc.project;
    let revision = view.doc.revision;
    let stale = state
        .cache
        .as_ref()
        .is_none_or(|c| c.revision != revision || c.post != state.post);
    if !stale {
        return;
    }
    let order = (0..project.people.len())
        .filter(|&i| state.post.is_none() || project.people[i].post == state.post)
        .collect();
    let column: BTreeMap<&str, usize> = keys.iter().enumerate().map(|(k, key)| (*key, k)).collect();
    let people: BTreeMap<&str, usize> = project
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let mut rated: BTreeMap<(usize, usize), (usize, Option<f64>)> = BTreeMap::new();
    for r in &project.ratings {
        if let (Some(&i), Some(&k)) = (
            people.get(r.person.as_str()),
            column.get(r.criterion.as_str()),
        ) {
            rated.entry((i, k)).or_insert((0, None)).0 += 1;
        }
    }
    // A ballot tally's ballots count as marks, as the ranking counts them.
    for (i, person) in project.people.iter().enumerate() {
        for key in person.tallies.keys() {
            if let Some(&k) = column.get(key.as_str()) {
                let ballots = usize::try_from(person.tally_count(key)).unwrap_or(usize::MAX);
                rated.entry((i, k)).or_insert((0, None)).0 += ballots;
            }
        }
    }
    // The aggregated raw values do not depend on weights: any evaluation has them.
    for post in &view.doc.evaluation().posts {
        for row in &post.rows {
            for k in 0..keys.len() {
                if let Some(cell) = rated.get_mut(&(row.person, k)) {
                    cell.1 = post.raw(row, k);
                }
            }
        }
    }
    state.cache = Some(GridCache {
        revision,
        post: state.post.clone(),
        order,
        rated,
    });
}

fn toolbar_ui(ui: &mut egui::Ui, state: &mut ScoresState, project: &Project, lang: Lang) {
    ui.horizontal(|ui| {
        let all = t(lang, "全部人员", "Everyone");
        ui.label(t(lang, "岗位", "Post"));
        egui::ComboBox::from_id_salt("scores_post")
            .selected_text(state.post.clone().unwrap_or_else(|| all.into()))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.post, None, all);
                for p in &project.posts {
                    ui.selectable_value(&mut state.post, Some(p.id.clone()), p.display_name());
                }
            });
        ui.checkbox(
            &mut state.blind,
            t(
                lang,
                "盲评模式（隐藏姓名和编号）",
                "Blind mode (hide names and ids)",
            ),
        );
        ui.label(t(
            lang,
            "方向键/Tab/回车移动，Esc 取消",
            "Arrows/Tab/Enter move, Esc cancels",
        ));
    });
}

/// The move a navigation key asks for; the key is consumed so the cell field ignores it.
fn navigation_keys(ui: &egui::Ui) -> Option<Move> {
    ui.input_mut(|i| {
        if i.consume_key(Modifiers::SHIFT, Key::Tab) {
            Some(Move::Left)
        } else if i.consume_key(Modifiers::NONE, Key::Tab) {
            Some(Move::Right)
        } else if i.consume_key(Modifiers::NONE, Key::Enter)
            || i.consume_key(Modifiers::NONE, Key::ArrowDown)
        {
            Some(Move::Down)
        } else if i.consume_key(Modifiers::NONE, Key::ArrowUp) {
            Some(Move::Up)
        } else {
            None
        }
    })
}

fn step(state: &mut ScoresState, m: Move, rows: usize, cols: usize) {
    let (r, c) = &mut state.cursor;
    match m {
        Move::Down => *r = (*r + 1).min(rows - 1),
        Move::Up => *r = r.saturating_sub(1),
        Move::Right if *c + 1 < cols => *c += 1,
        Move::Right => {
            *c = 0;
            *r = (*r + 1).min(rows - 1);
        }
        Move::Left if *c > 0 => *c -= 1,
        Move::Left => {
            *c = cols - 1;
            *r = r.saturating_sub(1);
        }
    }
    state.buffer = None;
    state.rater_error = None;
}

/// Applies the typed value of the active cell, or refuses it with the reason.
fn commit(
    state: &mut ScoresState,
    project: &Project,
    person: usize,
    key: &str,
    lang: Lang,
    out: &mut Vec<Command>,
) {
    let Some(text) = state.buffer.clone() else {
        state.error = None;
        return;
    };
    let p = &project.people[person];
    let value = parse_value(&text);
    if value.as_ref() == p.scores.get(key) {
        state.buffer = None;
        state.error = None;
        return;
    }
    match check_score(project, &p.id, key, value.as_ref()) {
        Err(e) => state.error = Some(edit_error_text(&e, lang)),
        Ok(()) => {
            state.error = None;
            state.buffer = None;
            let shown = value.as_ref().map(Value::to_string).unwrap_or_default();
            let label = tf(
                lang,
                format!("评分 {} {key} = {shown}", p.id),
                format!("score {} {key} = {shown}", p.id),
            );
            out.push(Command::Edit {
                action: Action::SetScore {
                    person: p.id.clone(),
                    criterion: key.to_string(),
                    value,
                },
                label,
            });
        }
    }
}

fn who(project: &Project, person: usize, blind: bool, lang: Lang) -> String {
    let p = &project.people[person];
    if blind {
        tf(
            lang,
            format!("考生 #{}", person + 1),
            format!("Candidate #{}", person + 1),
        )
    } else {
        format!("{} {}", p.id, p.name)
    }
}

/// The label of the active cell (the grid's text field is labelled by it).
fn active_cell_label_ui(
    ui: &mut egui::Ui,
    state: &ScoresState,
    project: &Project,
    person: usize,
    key: &str,
    lang: Lang,
) {
    let name = project
        .scheme
        .criterion(key)
        .map_or(key, |c| criterion_name(c, lang));
    let text = tf(
        lang,
        format!(
            "当前单元格：{} · {name}",
            who(project, person, state.blind, lang)
        ),
        format!("Cell: {} · {name}", who(project, person, state.blind, lang)),
    );
    let r = ui.strong(text);
    ui.data_mut(|d| d.insert_temp(egui::Id::unique("active_cell_label"), r.id));
}

/// The grid; the cell clicked, if any.
fn grid_ui(
    ui: &mut egui::Ui,
    state: &mut ScoresState,
    project: &Project,
    keys: &[&str],
    lang: Lang,
) -> Option<(usize, usize)> {
    let GridCache { order, rated, .. } = state.cache.as_ref()?;
    let label_id: Option<egui::Id> = ui.data(|d| d.get_temp(egui::Id::unique("active_cell_label")));
    let mut clicked = None;
    let mut buffer = state.buffer.clone();
    let error = state.error.is_some();
    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
    TableBuilder::new(ui)
        .id_salt("scores")
        .striped(true)
        .column(Column::initial(180.0).at_least(120.0).resizable(true))
        .columns(
            Column::initial(120.0).at_least(80.0).resizable(true),
            keys.len(),
        )
        .header(22.0, |mut header| {
            header.col(|ui| {
                ui.strong(t(lang, "人员", "Person"));
            });
            for key in keys {
                header.col(|ui| {
                    ui.strong(
                        project
                            .scheme
                            .criterion(key)
                            .map_or(*key, |c| criterion_name(c, lang)),
                    );
                });
            }
        })
        .body(|body| {
            body.rows(22.0, order.len(), |mut row| {
                let r = row.index();
                let person = order[r];
                row.col(|ui| {
                    ui.label(who(project, person, state.blind, lang));
                });
                for (k, key) in keys.iter().enumerate() {
                    row.col(|ui| {
                        let stored = project.people[person]
                            .scores
                            .get(*key)
                            .map(Value::to_string)
                            .unwrap_or_default();
                        let rated = rated.get(&(person, k)).copied().unwrap_or((0, None));
                        let cell = Cell {
                            stored,
                            rated,
                            active: state.cursor == (r, k),
                            error,
                            label: label_id,
                        };
                        if cell_ui(ui, cell, &mut buffer, lang) {
                            clicked = Some((r, k));
                        }
                    });
                }
            });
        });
    let escaped = ui.input(|i| i.key_pressed(Key::Escape));
    if escaped {
        state.buffer = None;
        state.error = None;
    } else if buffer.as_deref() != current_text(project, order, state.cursor, keys).as_deref() {
        state.buffer = buffer;
    }
    clicked
}

/// One cell of the grid as [`cell_ui`] needs it.
struct Cell {
    /// The direct value as text.
    stored: String,
    /// Number of ratings and their aggregated raw value.
    rated: (usize, Option<f64>),
    /// The cursor is here.
    active: bool,
    /// The active cell holds a refused value.
    error: bool,
    /// The label the active cell's field is named by.
    label: Option<egui::Id>,
}

/// Draws one cell: the text field when active, else a clickable value; true if clicked.
fn cell_ui(ui: &mut egui::Ui, cell: Cell, buffer: &mut Option<String>, lang: Lang) -> bool {
    let text = match cell.rated {
        (0, _) => cell.stored.clone(),
        (n, Some(x)) => format!("{x:.2} ({n}✎)"),
        (n, None) => format!("— ({n}✎)"),
    };
    if cell.active && cell.rated.0 > 0 {
        // Rated cells are edited rater by rater, on the side.
        ui.add(egui::Button::selectable(true, text))
            .on_hover_text(t(
                lang,
                "由评委评分汇总：在右侧逐个修改",
                "Aggregated from raters: edit them on the right",
            ));
        false
    } else if cell.active {
        let text = buffer.get_or_insert(cell.stored);
        let mut edit = egui::TextEdit::singleline(text)
            .desired_width(70.0)
            .id_salt("active_cell");
        if cell.error {
            edit = edit.text_color(ui.visuals().error_fg_color);
        }
        let mut resp = ui.add(edit);
        if let Some(id) = cell.label {
            resp = resp.labelled_by(id);
        }
        let elsewhere = ui.memory(|m| m.focused().is_some_and(|f| f != resp.id));
        if !resp.has_focus() && !resp.lost_focus() && !elsewhere {
            resp.request_focus();
        }
        false
    } else {
        let label = egui::Label::new(text).sense(egui::Sense::click());
        ui.add(label).clicked()
    }
}

fn current_text(
    project: &Project,
    order: &[usize],
    cursor: (usize, usize),
    keys: &[&str],
) -> Option<String> {
    let person = *order.get(cursor.0)?;
    let key = keys.get(cursor.1)?;
    Some(
        project.people[person]
            .scores
            .get(*key)
            .map(Value::to_string)
            .unwrap_or_default(),
    )
}

/// Every rater's score of the active person on the active criterion, each editable: a
/// value is applied when its field is left, or refused there with the reason.
fn raters_ui(
    ui: &mut egui::Ui,
    state: &mut ScoresState,
    (project, person, key): (&Project, usize, &str),
    lang: Lang,
    out: &mut Vec<Command>,
) {
    ui.heading(t(lang, "评委评分", "Raters' scores"));
    let id = &project.people[person].id;
    let ratings: Vec<_> = project
        .ratings
        .iter()
        .filter(|r| &r.person == id && r.criterion == key)
        .collect();
    // A ballot tally counts as marks beside the raters' (see `Person::tallies`).
    let tally = project.people[person].tallies.get(key);
    if let Some(tally) = tally {
        let ballots = project.people[person].tally_count(key);
        let marks = crate::scoring::describe::tally_text(tally);
        ui.label(match lang {
            Lang::Zh => format!("计票：{ballots} 票（{marks}），每票计为一个评价"),
            Lang::En => format!("Tally: {ballots} ballots ({marks}), each counted as a mark"),
        });
    }
    if ratings.is_empty() {
        if tally.is_none() {
            ui.label(t(
                lang,
                "此单元格没有评委评分",
                "No raters scored this cell",
            ));
        }
        return;
    }
    egui::Grid::new("raters_grid").striped(true).show(ui, |ui| {
        ui.strong(t(lang, "评委", "Rater"));
        ui.strong(t(lang, "类别", "Group"));
        ui.strong(t(lang, "分数", "Score"));
        ui.end_row();
        for (i, r) in ratings.iter().enumerate() {
            let who = if state.blind {
                format!("#{}", i + 1)
            } else {
                r.rater.clone()
            };
            let label = ui.label(who);
            ui.label(&r.group);
            let text = state
                .rater_texts
                .entry(r.rater.clone())
                .or_insert_with(|| r.value.to_string());
            let edit = ui
                .add(
                    egui::TextEdit::singleline(text)
                        .desired_width(60.0)
                        .id_salt(("rater", &r.rater)),
                )
                .labelled_by(label.id);
            if edit.lost_focus() {
                let value = parse_value(text);
                if value.as_ref() != Some(&r.value) {
                    match check_score(project, id, key, value.as_ref()) {
                        Err(e) => state.rater_error = Some(edit_error_text(&e, lang)),
                        Ok(()) => {
                            state.rater_error = None;
                            out.push(rating_command(r, value, lang));
                        }
                    }
                }
            } else if !edit.has_focus() && state.rater_error.is_none() {
                *text = r.value.to_string();
            }
            ui.end_row();
        }
    });
    if let Some(e) = &state.rater_error {
        ui.colored_label(ui.visuals().error_fg_color, format!("✖ {e}"));
    }
}

fn rating_command(r: &crate::model::Rating, value: Option<Value>, lang: Lang) -> Command {
    let shown = value.as_ref().map(Value::to_string).unwrap_or_default();
    let label = tf(
        lang,
        format!(
            "评委评分 {} {} {} = {shown}",
            r.person, r.criterion, r.rater
        ),
        format!("rating {} {} {} = {shown}", r.person, r.criterion, r.rater),
    );
    Command::Edit {
        action: Action::SetRating {
            person: r.person.clone(),
            criterion: r.criterion.clone(),
            rater: r.rater.clone(),
            group: r.group.clone(),
            value,
        },
        label,
    }
}
