//! One criterion's raw values in 20 bins over its scale, with the gate's pass line.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::data::HistogramData;
use super::hover::Frame;
use super::{ChartError, Theme, text, titled};

/// How many equal bins the scale is cut into.
pub const BINS: usize = 20;

/// Counts of `values` in `bins` equal bins over `[lo, hi]` (hi falls in the last bin).
pub fn bin_counts(values: &[f64], (lo, hi): (f64, f64), bins: usize) -> Vec<u32> {
    let mut counts = vec![0u32; bins];
    let width = (hi - lo) / bins as f64;
    if width.is_nan() || width <= 0.0 {
        return counts;
    }
    for v in values {
        let i = (((v - lo) / width).floor() as isize).clamp(0, bins as isize - 1) as usize;
        counts[i] += 1;
    }
    counts
}

/// Draws the histogram into `area`; returns where its plotting area is.
pub fn draw_histogram<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &HistogramData,
    theme: &Theme,
) -> Result<Frame, ChartError>
where
    DB::ErrorType: 'static,
{
    let body = titled(area, &data.title, theme)?;
    let (lo, hi) = data.range;
    if data.values.is_empty() || hi.is_nan() || lo.is_nan() || hi <= lo {
        return Err(ChartError::Empty("no values for this criterion".into()));
    }
    let bins = BINS;
    let counts = bin_counts(&data.values, data.range, bins);
    let top = f64::from(counts.iter().copied().max().unwrap_or(1).max(1)) * 1.15;
    let mut chart = ChartBuilder::on(&body)
        .margin_left(12)
        .margin_right(24)
        .margin_bottom(8)
        .x_label_area_size(48)
        .y_label_area_size(48)
        .build_cartesian_2d(lo..hi, 0f64..top)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(theme.grid)
        .axis_style(theme.muted)
        .x_desc(data.x_label.clone())
        .y_desc("人数 / people")
        .axis_desc_style(text(14.0, theme.text))
        .label_style(text(13.0, theme.muted))
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_label_formatter(&|y| format!("{y:.0}"))
        .draw()?;
    let frame = Frame::new(
        chart.plotting_area().get_pixel_range(),
        (lo, hi),
        (0.0, top),
    );
    let width = (hi - lo) / bins as f64;
    chart.draw_series(
        counts
            .iter()
            .enumerate()
            .filter(|(_, c)| **c > 0)
            .map(|(i, c)| {
                let x0 = lo + width * i as f64;
                let mut r = Rectangle::new(
                    [(x0, 0.0), (x0 + width, f64::from(*c))],
                    theme.series_color(0).filled(),
                );
                r.set_margin(0, 0, 1, 1);
                r
            }),
    )?;
    if let Some((gate, label)) = &data.gate {
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(*gate, 0.0), (*gate, top)],
            theme.line.stroke_width(2),
        )))?;
        chart.draw_series(std::iter::once(
            EmptyElement::at((*gate, top))
                + Text::new(label.clone(), (6, 4), text(14.0, theme.line)),
        ))?;
    }
    Ok(frame)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bins_cover_the_scale_and_the_top_goes_in_the_last() {
        let counts = bin_counts(&[0.0, 4.9, 5.0, 59.9, 60.0, 100.0], (0.0, 100.0), 20);
        assert_eq!(counts[0], 2);
        assert_eq!(counts[1], 1);
        assert_eq!(counts[11], 1);
        assert_eq!(counts[12], 1);
        assert_eq!(counts[19], 1);
        assert_eq!(counts.iter().sum::<u32>(), 6);
    }
}
