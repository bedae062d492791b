//! One entry point for every chart and backend: SVG text (text kept as text), a PNG file,
//! or an RGB pixel buffer for an on-screen texture.

use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::bump::draw_bump;
use super::contributions::draw_contributions;
use super::data::{BumpData, ContributionsData, HistogramData, RadarData, ScatterData, TotalsData};
use super::histogram::draw_histogram;
use super::radar::draw_radar;
use super::scatter::draw_scatter;
use super::totals::draw_totals;
use super::{ChartError, Theme, font};

/// Any chart, with its data.
#[derive(Debug, Clone, PartialEq)]
pub enum Chart {
    /// Totals with cut-off lines.
    Totals(TotalsData),
    /// Stacked weighted contributions.
    Contributions(ContributionsData),
    /// Radar of 2–6 people.
    Radar(RadarData),
    /// Histogram of one criterion with its gate.
    Histogram(HistogramData),
    /// Scatter of two criteria, 9-box lines.
    Scatter(ScatterData),
    /// Rank changes between two rankings.
    Bump(BumpData),
}

impl Chart {
    /// A size that fits the content: bar charts grow with the number of people.
    pub fn default_size(&self) -> (u32, u32) {
        let rows = |n: usize| 44 + 48 + 30 * n.max(3) as u32;
        match self {
            Chart::Totals(d) => (900, rows(d.bars.len())),
            Chart::Contributions(d) => (1000, rows(d.people.len())),
            Chart::Radar(_) => (860, 620),
            Chart::Histogram(_) | Chart::Scatter(_) => (860, 600),
            Chart::Bump(d) => {
                let left = d.people.iter().filter(|p| p.1.is_some()).count() as u32;
                let right = d.people.iter().filter(|p| p.2.is_some()).count() as u32;
                let rows = left.max(right);
                (760, (120 + 28 * rows).max(360))
            }
        }
    }

    /// Draws the chart into any plotters drawing area.
    pub fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        theme: &Theme,
    ) -> Result<(), ChartError>
    where
        DB::ErrorType: 'static,
    {
        font::ensure_font()?;
        match self {
            Chart::Totals(d) => draw_totals(area, d, theme),
            Chart::Contributions(d) => draw_contributions(area, d, theme),
            Chart::Radar(d) => draw_radar(area, d, theme),
            Chart::Histogram(d) => draw_histogram(area, d, theme),
            Chart::Scatter(d) => draw_scatter(area, d, theme),
            Chart::Bump(d) => draw_bump(area, d, theme),
        }
    }
}

/// The chart as an SVG document; text stays text (searchable, selectable, and drawn by
/// the viewer's own Chinese font).
pub fn to_svg(chart: &Chart, theme: &Theme, size: (u32, u32)) -> Result<String, ChartError> {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
        chart.draw(&root, theme)?;
        root.present()?;
    }
    Ok(out)
}

/// The chart as RGB pixels, row-major, 3 bytes a pixel (for an on-screen texture).
pub fn to_rgb(chart: &Chart, theme: &Theme, size: (u32, u32)) -> Result<Vec<u8>, ChartError> {
    let mut buffer = vec![0u8; size.0 as usize * size.1 as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut buffer, size).into_drawing_area();
        chart.draw(&root, theme)?;
        root.present()?;
    }
    Ok(buffer)
}

/// Writes the chart as a PNG file.
pub fn to_png(
    chart: &Chart,
    theme: &Theme,
    size: (u32, u32),
    path: &Path,
) -> Result<(), ChartError> {
    let root = BitMapBackend::new(path, size).into_drawing_area();
    chart.draw(&root, theme)?;
    root.present()
        .map_err(|e| ChartError::Draw(format!("{e}: {}", path.display())))?;
    Ok(())
}
