//! Each person's total as a stack of weighted criterion contributions, 0 to the total,
//! with a legend naming the criteria.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::data::ContributionsData;
use super::hover::Frame;
use super::{ChartError, Theme, bar, bar_chart, bar_frame, bar_values, legend, titled};

/// Draws the stacked contributions chart into `area`; returns where its plotting area is.
pub fn draw_contributions<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &ContributionsData,
    theme: &Theme,
) -> Result<Frame, ChartError>
where
    DB::ErrorType: 'static,
{
    let body = titled(area, &data.title, theme)?;
    let n = data.people.len();
    if n == 0 {
        return Err(ChartError::Empty("nobody is ranked in this post".into()));
    }
    let (width, _) = body.dim_in_pixel();
    let (plot, key) = body.split_horizontally(width.saturating_sub(170));
    let names: Vec<String> = data.people.iter().map(|p| p.0.clone()).collect();
    let mut chart = bar_chart(&plot, &names, 16, theme)?;
    let frame = bar_frame(&chart, n);
    for k in 0..data.criteria.len() {
        let color = theme.series_color(k);
        chart.draw_series(data.people.iter().enumerate().map(|(i, (_, points))| {
            let start: f64 = points[..k].iter().sum();
            bar(i, n, (start, start + points[k]), color)
        }))?;
    }
    let totals: Vec<f64> = data.people.iter().map(|p| p.1.iter().sum()).collect();
    bar_values(&mut chart, &totals, theme)?;
    let items: Vec<_> = data
        .criteria
        .iter()
        .enumerate()
        .map(|(k, c)| (c.clone(), theme.series_color(k)))
        .collect();
    legend(&key, &items, theme)?;
    Ok(frame)
}
