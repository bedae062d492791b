//! Charts: one plotters drawing function per chart, generic over the backend, so the same
//! code draws a PNG, an SVG and the pixels of an egui texture.
//!
//! - [`data`] turns a project and its evaluation into what each chart shows;
//! - one module per chart draws it ([`totals`], [`contributions`], [`radar`],
//!   [`histogram`], [`scatter`], [`bump`]);
//! - [`render`] picks the backend: SVG text, PNG file, or an RGBA buffer.
//!
//! Text uses the system's Chinese font ([`font`]); nothing is bundled. Colours come from a
//! palette tested for colour-vision deficiencies ([`theme`]). Never imports egui; never
//! reads the project from disk.

pub mod bump;
pub mod contributions;
pub mod data;
pub mod font;
pub mod histogram;
pub mod hover;
pub mod radar;
pub mod render;
pub mod scatter;
pub mod theme;
pub mod totals;

use plotters::coord::Shift;
use plotters::coord::ranged1d::SegmentedCoord;
use plotters::coord::types::{RangedCoordf64, RangedCoordusize};
use plotters::prelude::*;
use plotters::style::{FontFamily, RGBColor, TextStyle};

pub use font::FontError;
pub use theme::Theme;

/// Why a chart could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    /// No usable font.
    #[error(transparent)]
    Font(#[from] FontError),
    /// The backend failed (e.g. the PNG could not be written).
    #[error("cannot draw the chart: {0}")]
    Draw(String),
    /// Nothing to draw.
    #[error("nothing to draw: {0}")]
    Empty(String),
}

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for ChartError {
    fn from(e: DrawingAreaErrorKind<E>) -> Self {
        ChartError::Draw(e.to_string())
    }
}

/// Text in the chart font at `size` pixels.
pub(crate) fn text(size: f64, color: RGBColor) -> TextStyle<'static> {
    TextStyle {
        color: color.to_backend_color(),
        ..TextStyle::from((FontFamily::Name(font::FAMILY), size))
    }
}

/// The title at the top of `area`; returns the area below it.
pub(crate) fn titled<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    theme: &Theme,
) -> Result<DrawingArea<DB, Shift>, ChartError>
where
    DB::ErrorType: 'static,
{
    area.fill(&theme.background)?;
    let (top, rest) = area.split_vertically(44);
    top.draw(&Text::new(
        title.to_string(),
        (16, 12),
        text(20.0, theme.text),
    ))?;
    Ok(rest)
}

/// A vertical legend of coloured squares and names, starting at the top of `area`.
pub(crate) fn legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    items: &[(String, RGBColor)],
    theme: &Theme,
) -> Result<(), ChartError>
where
    DB::ErrorType: 'static,
{
    for (i, (label, color)) in items.iter().enumerate() {
        let y = 14 + 24 * i as i32;
        area.draw(&Rectangle::new([(8, y), (22, y + 14)], color.filled()))?;
        area.draw(&Text::new(label.clone(), (30, y), text(14.0, theme.text)))?;
    }
    Ok(())
}

/// The coordinates of a horizontal bar chart: 0..100 across, one segment per person.
pub(crate) type BarCoord = Cartesian2d<RangedCoordf64, SegmentedCoord<RangedCoordusize>>;

/// A horizontal bar chart on `area` with `names` down the left, best at the top (bar `i`
/// of `names` sits in segment `n - 1 - i`), 0..100 across.
pub(crate) fn bar_chart<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    names: &[String],
    margin_right: u32,
    theme: &Theme,
) -> Result<ChartContext<'a, DB, BarCoord>, ChartError>
where
    DB::ErrorType: 'static,
{
    let n = names.len();
    let mut chart = ChartBuilder::on(area)
        .margin_left(12)
        .margin_right(margin_right)
        .margin_bottom(8)
        .x_label_area_size(32)
        .y_label_area_size(110)
        .build_cartesian_2d(0f64..100f64, (0..segments(n) - 1).into_segmented())?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(theme.grid)
        .axis_style(theme.muted)
        .x_labels(11)
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_labels(n)
        .y_label_formatter(&|v| match v {
            SegmentValue::CenterOf(i) if *i < n => names[n - 1 - *i].clone(),
            _ => String::new(),
        })
        .x_label_style(text(13.0, theme.muted))
        .y_label_style(text(14.0, theme.text))
        .draw()?;
    Ok(chart)
}

/// Segments of a bar chart of `n` people: one each, but at least two (a one-value axis
/// has no extent, and a lone bar would not be drawn).
fn segments(n: usize) -> usize {
    n.max(2)
}

/// Where the bars of a [`bar_chart`] of `n` people are: 0..100 across, 0..n up.
pub(crate) fn bar_frame<DB: DrawingBackend>(
    chart: &ChartContext<'_, DB, BarCoord>,
    n: usize,
) -> hover::Frame {
    hover::Frame::new(
        chart.plotting_area().get_pixel_range(),
        (0.0, 100.0),
        (0.0, segments(n) as f64),
    )
}

/// The bar of person `i` of `n` from `from` to `to`, with a small gap above and below.
pub(crate) fn bar(
    i: usize,
    n: usize,
    (from, to): (f64, f64),
    color: RGBColor,
) -> Rectangle<(f64, SegmentValue<usize>)> {
    let y = n - 1 - i;
    let mut r = Rectangle::new(
        [
            (from, SegmentValue::Exact(y)),
            (to, SegmentValue::Exact(y + 1)),
        ],
        color.filled(),
    );
    r.set_margin(3, 3, 0, 0);
    r
}

/// Writes each value just right of the end of its bar.
pub(crate) fn bar_values<DB: DrawingBackend>(
    chart: &mut ChartContext<'_, DB, BarCoord>,
    values: &[f64],
    theme: &Theme,
) -> Result<(), ChartError>
where
    DB::ErrorType: 'static,
{
    let n = values.len();
    chart.draw_series(values.iter().enumerate().map(|(i, value)| {
        EmptyElement::at((*value, SegmentValue::CenterOf(n - 1 - i)))
            + Text::new(format!("{value:.2}"), (6, -7), text(13.0, theme.text))
    }))?;
    Ok(())
}
