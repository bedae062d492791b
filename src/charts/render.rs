//! One entry point for every chart and backend: SVG text (text kept as text), a PNG file,
//! or an RGB pixel buffer for an on-screen texture.

use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::bump::draw_bump;
use super::contributions::draw_contributions;
use super::data::{BumpData, ContributionsData, HistogramData, RadarData, ScatterData, TotalsData};
use super::histogram::draw_histogram;
use super::hover::Frame;
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
        self.draw_framed(area, theme).map(|_| ())
    }

    /// Draws the chart and says where its plotting area landed (for hover), for the
    /// charts that can tell what is under the pointer (see [`super::hover`]).
    pub fn draw_framed<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        theme: &Theme,
    ) -> Result<Option<Frame>, ChartError>
    where
        DB::ErrorType: 'static,
    {
        font::ensure_font()?;
        Ok(match self {
            Chart::Totals(d) => Some(draw_totals(area, d, theme)?),
            Chart::Contributions(d) => Some(draw_contributions(area, d, theme)?),
            Chart::Radar(d) => Some(draw_radar(area, d, theme)?),
            Chart::Histogram(d) => Some(draw_histogram(area, d, theme)?),
            Chart::Scatter(d) => Some(draw_scatter(area, d, theme)?),
            Chart::Bump(d) => Some(draw_bump(area, d, theme)?),
        })
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
    to_rgb_framed(chart, theme, size).map(|(rgb, _)| rgb)
}

/// Like [`to_rgb`], with where the plotting area is (for hover; see [`super::hover`]).
pub fn to_rgb_framed(
    chart: &Chart,
    theme: &Theme,
    size: (u32, u32),
) -> Result<(Vec<u8>, Option<Frame>), ChartError> {
    let mut buffer = vec![0u8; size.0 as usize * size.1 as usize * 3];
    let frame = {
        let root = BitMapBackend::with_buffer(&mut buffer, size).into_drawing_area();
        let frame = chart.draw_framed(&root, theme)?;
        root.present()?;
        frame
    };
    Ok((buffer, frame))
}

/// The file kinds a chart can be written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A PNG picture.
    Png,
    /// An SVG document with text kept as text.
    Svg,
}

impl FileKind {
    /// The kind named by `path`'s extension (`.png`, `.svg`, any case).
    pub fn of(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_lowercase();
        match ext.as_str() {
            "png" => Some(FileKind::Png),
            "svg" => Some(FileKind::Svg),
            _ => None,
        }
    }
}

/// Writes `chart` at its [`Chart::default_size`] as PNG or SVG by `path`'s extension:
/// what `merit chart` writes, and what the app's Export button writes.
pub fn write_file(chart: &Chart, theme: &Theme, path: &Path) -> Result<(), ChartError> {
    let size = chart.default_size();
    match FileKind::of(path) {
        Some(FileKind::Png) => to_png(chart, theme, size, path),
        Some(FileKind::Svg) => {
            let svg = to_svg(chart, theme, size)?;
            std::fs::write(path, svg)
                .map_err(|e| ChartError::Draw(format!("{e}: {}", path.display())))
        }
        None => Err(ChartError::Draw(format!(
            "the file name must end in .png or .svg: {}",
            path.display()
        ))),
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::data::{Bar, Class, TotalsData};

    fn chart() -> Chart {
        Chart::Totals(TotalsData {
            title: "综合科科员 — 总分".into(),
            bars: vec![Bar {
                label: "王伟".into(),
                value: 80.32,
                class: Class::Selected,
                rank: Some(1),
            }],
            cuts: Vec::new(),
            value_label: "总分".into(),
        })
    }

    #[test]
    fn write_file_picks_the_format_by_extension() {
        let dir = tempfile::tempdir().unwrap();
        let svg = dir.path().join("t.SVG");
        write_file(&chart(), &Theme::light(), &svg).unwrap();
        let text = std::fs::read_to_string(&svg).unwrap();
        assert!(text.starts_with("<svg") && text.contains("王伟") && text.contains("80.32"));
        let png = dir.path().join("t.png");
        write_file(&chart(), &Theme::dark(), &png).unwrap();
        let bytes = std::fs::read(&png).unwrap();
        assert!(bytes.len() > 1000 && bytes.starts_with(b"\x89PNG"));
        let err = write_file(&chart(), &Theme::light(), &dir.path().join("t.jpg")).unwrap_err();
        assert!(err.to_string().ends_with("t.jpg"), "{err}");
    }
}
