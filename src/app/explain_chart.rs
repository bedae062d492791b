//! The two small charts of the explanation side panel, painted with egui so they stay
//! readable at the panel's width and follow the theme: a waterfall of one person's
//! contributions from 0 to the total, and diverging bars of the difference between two
//! people by criterion. Colours are the charts' colour-vision-safe palette.

use eframe::egui::{self, Align2, Color32, FontId, Rect, Sense, Stroke, pos2, vec2};

use crate::charts::Theme;

const ROW: f32 = 22.0;

/// The width of the widest name, plus a gap: where the bars start.
fn label_width(ui: &egui::Ui, names: impl Iterator<Item = String>) -> f32 {
    let font = FontId::proportional(12.0);
    let widest = names
        .map(|n| {
            ui.painter()
                .layout_no_wrap(n, font.clone(), Color32::WHITE)
                .size()
                .x
        })
        .fold(0.0, f32::max);
    widest.min(ui.available_width() * 0.4) + 8.0
}

/// The chart palette's colour `k` for the current theme.
pub fn series_color(ui: &egui::Ui, k: usize) -> Color32 {
    let theme = if ui.visuals().dark_mode {
        Theme::dark()
    } else {
        Theme::light()
    };
    let c = theme.series_color(k);
    Color32::from_rgb(c.0, c.1, c.2)
}

/// A waterfall: each `(name, points)` as a step from the running sum, then the total bar;
/// the axis runs 0..100.
pub fn waterfall_ui(ui: &mut egui::Ui, parts: &[(String, f64)], total_label: &str) {
    let rows = parts.len() + 1;
    let width = ui.available_width().max(200.0);
    let (rect, _) = ui.allocate_exact_size(vec2(width, ROW * rows as f32 + 18.0), Sense::hover());
    let painter = ui.painter_at(rect);
    let text = ui.visuals().text_color();
    let font = FontId::proportional(12.0);
    let names = parts.iter().map(|p| p.0.clone());
    let label = label_width(ui, names.chain([total_label.to_string()]));
    let plot = Rect::from_min_max(
        pos2(rect.left() + label, rect.top()),
        pos2(rect.right() - 48.0, rect.bottom() - 18.0),
    );
    let x = |v: f64| plot.left() + plot.width() * (v.clamp(0.0, 100.0) / 100.0) as f32;
    let mut start = 0.0;
    for (k, (name, points)) in parts.iter().enumerate() {
        let y = rect.top() + ROW * k as f32;
        let bar = Rect::from_min_max(
            pos2(x(start), y + 4.0),
            pos2(x(start + points).max(x(start) + 1.0), y + ROW - 4.0),
        );
        painter.rect_filled(bar, 2.0, series_color(ui, k));
        painter.text(
            pos2(rect.left(), y + ROW / 2.0),
            Align2::LEFT_CENTER,
            name,
            font.clone(),
            text,
        );
        painter.text(
            pos2(bar.right() + 4.0, y + ROW / 2.0),
            Align2::LEFT_CENTER,
            format!("{points:.2}"),
            font.clone(),
            text,
        );
        start += points;
    }
    let y = rect.top() + ROW * parts.len() as f32;
    let bar = Rect::from_min_max(pos2(x(0.0), y + 4.0), pos2(x(start), y + ROW - 4.0));
    painter.rect_filled(bar, 2.0, ui.visuals().weak_text_color());
    painter.text(
        pos2(rect.left(), y + ROW / 2.0),
        Align2::LEFT_CENTER,
        total_label,
        font.clone(),
        text,
    );
    painter.text(
        pos2(bar.right() + 4.0, y + ROW / 2.0),
        Align2::LEFT_CENTER,
        format!("{start:.2}"),
        font.clone(),
        text,
    );
    axis(&painter, plot, &x, ui.visuals().weak_text_color());
}

fn axis(painter: &egui::Painter, plot: Rect, x: &dyn Fn(f64) -> f32, color: Color32) {
    let font = FontId::proportional(11.0);
    for v in [0.0, 25.0, 50.0, 75.0, 100.0] {
        painter.vline(
            x(v),
            plot.y_range(),
            Stroke::new(0.5, color.gamma_multiply(0.4)),
        );
        painter.text(
            pos2(x(v), plot.bottom() + 2.0),
            Align2::CENTER_TOP,
            format!("{v:.0}"),
            font.clone(),
            color,
        );
    }
}

/// Diverging bars: each `(name, cents)` to the right (A gains) or left (B gains) of the
/// middle, scaled to the largest, with its signed value.
pub fn difference_ui(ui: &mut egui::Ui, parts: &[(String, i64, String)]) {
    let width = ui.available_width().max(200.0);
    let (rect, _) =
        ui.allocate_exact_size(vec2(width, ROW * parts.len() as f32 + 4.0), Sense::hover());
    let painter = ui.painter_at(rect);
    let text = ui.visuals().text_color();
    let font = FontId::proportional(12.0);
    let label = label_width(ui, parts.iter().map(|p| p.0.clone()));
    let plot = Rect::from_min_max(
        pos2(rect.left() + label, rect.top()),
        pos2(rect.right() - 8.0, rect.bottom()),
    );
    let mid = plot.center().x;
    let largest = parts
        .iter()
        .map(|p| p.1.unsigned_abs())
        .max()
        .unwrap_or(1)
        .max(1) as f32;
    let half = plot.width() / 2.0 - 44.0;
    let (up, down) = (series_color(ui, 1), series_color(ui, 4));
    for (i, (name, cents, label)) in parts.iter().enumerate() {
        let y = rect.top() + ROW * i as f32;
        let len = half * (*cents as f32 / largest);
        let (a, b) = if len >= 0.0 {
            (mid, mid + len)
        } else {
            (mid + len, mid)
        };
        let bar = Rect::from_min_max(pos2(a, y + 4.0), pos2(b.max(a + 1.0), y + ROW - 4.0));
        painter.rect_filled(bar, 2.0, if *cents >= 0 { up } else { down });
        painter.text(
            pos2(rect.left(), y + ROW / 2.0),
            Align2::LEFT_CENTER,
            name,
            font.clone(),
            text,
        );
        let (at, align) = if *cents >= 0 {
            (bar.right() + 4.0, Align2::LEFT_CENTER)
        } else {
            (bar.left() - 4.0, Align2::RIGHT_CENTER)
        };
        painter.text(pos2(at, y + ROW / 2.0), align, label, font.clone(), text);
    }
    painter.vline(
        mid,
        rect.y_range(),
        Stroke::new(1.0, ui.visuals().weak_text_color()),
    );
}
