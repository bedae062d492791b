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
pub mod radar;
pub mod render;
pub mod scatter;
pub mod theme;
pub mod totals;

use plotters::coord::Shift;
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
