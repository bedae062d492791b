//! Glue that shows a [`Chart`] in egui: the chart is drawn by the same plotters code as
//! the PNG and SVG exports into an RGB buffer at the screen's pixel density, uploaded as a
//! texture, and redrawn only when the chart, its size or the theme changes.
//!
//! A panel owns a [`ChartView`], calls [`ChartView::chart_ui`] with the chart it wants to
//! show, and asks [`ChartView::hovered`] what is under the pointer (for a tooltip).

use eframe::egui;

use crate::charts::Theme;
use crate::scoring::describe::Lang;

use super::chart_hover::chart_error_text;
use crate::charts::hover::{Frame, Hit, hit};
use crate::charts::render::{Chart, to_rgb_framed};

/// A chart shown as a texture, with what it was last drawn from.
#[derive(Default)]
pub struct ChartView {
    texture: Option<egui::TextureHandle>,
    drawn: Option<(Chart, [usize; 2], bool)>,
    error: Option<String>,
    /// Where the plotting area is in the drawn pixels, and their size.
    frame: Option<(Frame, (u32, u32))>,
}

impl ChartView {
    /// Shows `chart` at the available width (its own aspect ratio), in the theme that
    /// matches the UI (dark or light). An error (e.g. no Chinese font) is shown in place
    /// of the chart.
    pub fn chart_ui(&mut self, ui: &mut egui::Ui, chart: &Chart, lang: Lang) -> egui::Response {
        let (w, h) = chart.default_size();
        // As wide as the panel, but no taller than the space left (a chart is read whole)
        // and not blown up past 1.4 times its own size.
        let fit_height = match chart {
            // Bar charts grow with the people: they scroll instead.
            Chart::Totals(_) | Chart::Contributions(_) => f32::INFINITY,
            _ => ui.available_height().max(360.0) * w as f32 / h as f32,
        };
        let width = ui
            .available_width()
            .min(fit_height)
            .min(w as f32 * 1.4)
            .max(200.0);
        let size = egui::vec2(width, width * h as f32 / w as f32);
        let ppp = ui.ctx().pixels_per_point();
        let pixels = [
            (size.x * ppp).round() as usize,
            (size.y * ppp).round() as usize,
        ];
        let dark = ui.visuals().dark_mode;
        // Compared in place: a clone of a big chart every frame would cost more than the
        // comparison.
        let same =
            matches!(&self.drawn, Some((c, p, d)) if *p == pixels && *d == dark && c == chart);
        if !same {
            self.redraw(ui.ctx(), chart, pixels, dark, lang);
            self.drawn = Some((chart.clone(), pixels, dark));
        }
        match (&self.texture, &self.error) {
            (_, Some(error)) => ui.colored_label(ui.visuals().error_fg_color, error.as_str()),
            (Some(texture), None) => {
                ui.add(egui::Image::from_texture((texture.id(), size)).sense(egui::Sense::hover()))
            }
            (None, None) => ui.label(""),
        }
    }

    /// What is under the pointer in the chart shown with `response`, if anything.
    pub fn hovered(&self, response: &egui::Response) -> Option<Hit> {
        let pos = response.hover_pos()?;
        let (chart, _, _) = self.drawn.as_ref()?;
        let (frame, (w, h)) = self.frame.as_ref()?;
        let rect = response.rect;
        let px = f64::from((pos.x - rect.left()) / rect.width()) * f64::from(*w);
        let py = f64::from((pos.y - rect.top()) / rect.height()) * f64::from(*h);
        hit(chart, frame, (px, py))
    }

    fn redraw(
        &mut self,
        ctx: &egui::Context,
        chart: &Chart,
        pixels: [usize; 2],
        dark: bool,
        lang: Lang,
    ) {
        let theme = if dark { Theme::dark() } else { Theme::light() };
        // Fonts and layout are sized in chart pixels: draw at the chart's own width and
        // let the texture scale, so text keeps its proportions at any window size.
        let (w, h) = chart.default_size();
        let scale = pixels[0] as f64 / f64::from(w);
        let draw_size = if scale >= 1.0 {
            (pixels[0] as u32, pixels[1] as u32)
        } else {
            (w, h)
        };
        match to_rgb_framed(chart, &theme, draw_size) {
            Ok((rgb, frame)) => {
                self.frame = frame.map(|f| (f, draw_size));
                let image =
                    egui::ColorImage::from_rgb([draw_size.0 as usize, draw_size.1 as usize], &rgb);
                match &mut self.texture {
                    Some(texture) => texture.set(image, egui::TextureOptions::LINEAR),
                    None => {
                        self.texture = Some(ctx.load_texture(
                            "merit-chart",
                            image,
                            egui::TextureOptions::LINEAR,
                        ));
                    }
                }
                self.error = None;
            }
            Err(e) => {
                self.frame = None;
                self.error = Some(chart_error_text(&e, lang));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::data::{Bar, Class, TotalsData};

    #[test]
    fn a_chart_becomes_a_texture_of_the_drawn_size() {
        let chart = Chart::Totals(TotalsData {
            title: "总分".into(),
            bars: vec![Bar {
                label: "王伟".into(),
                value: 80.0,
                class: Class::Selected,
                rank: Some(1),
            }],
            cuts: Vec::new(),
            value_label: "总分".into(),
        });
        let ctx = egui::Context::default();
        let mut view = ChartView::default();
        let input = || egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1000.0, 700.0),
            )),
            ..Default::default()
        };
        let run = |view: &mut ChartView| {
            let mut out = ctx.run_ui(input(), |ui| {
                view.chart_ui(ui, &chart, Lang::Zh);
            });
            // No renderer here: drop the texture uploads on purpose.
            out.textures_delta.clear();
        };
        run(&mut view);
        assert_eq!(view.error, None);
        let texture = view.texture.as_ref().expect("a texture");
        let size = texture.size_vec2();
        // Drawn at the available width (the window less the margins), the chart's ratio.
        let (w, h) = chart.default_size();
        assert!(size.x >= 900.0 && size.x <= 1000.0, "{size:?}");
        assert!(
            (size.y / size.x - h as f32 / w as f32).abs() < 0.01,
            "{size:?}"
        );
        // Same chart, same size: not redrawn (the key is unchanged).
        let key = view.drawn.clone();
        run(&mut view);
        assert_eq!(view.drawn, key);
    }
}
