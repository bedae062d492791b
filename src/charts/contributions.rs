//! Each person's total as a stack of weighted criterion contributions, 0 to the total,
//! with a legend naming the criteria.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::data::ContributionsData;
use super::{ChartError, Theme, legend, text, titled};

/// Draws the stacked contributions chart into `area`.
pub fn draw_contributions<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &ContributionsData,
    theme: &Theme,
) -> Result<(), ChartError>
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
    let mut chart = ChartBuilder::on(&plot)
        .margin_left(12)
        .margin_right(16)
        .margin_bottom(8)
        .x_label_area_size(32)
        .y_label_area_size(110)
        .build_cartesian_2d(0f64..100f64, (0..n - 1).into_segmented())?;
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
    for k in 0..data.criteria.len() {
        let color = theme.series_color(k);
        chart.draw_series(data.people.iter().enumerate().map(|(i, (_, points))| {
            let start: f64 = points[..k].iter().sum();
            let y = n - 1 - i;
            let mut r = Rectangle::new(
                [
                    (start, SegmentValue::Exact(y)),
                    (start + points[k], SegmentValue::Exact(y + 1)),
                ],
                color.filled(),
            );
            r.set_margin(3, 3, 0, 0);
            r
        }))?;
    }
    chart.draw_series(data.people.iter().enumerate().map(|(i, (_, points))| {
        let total: f64 = points.iter().sum();
        EmptyElement::at((total, SegmentValue::CenterOf(n - 1 - i)))
            + Text::new(format!("{total:.2}"), (6, -7), text(13.0, theme.text))
    }))?;
    let items: Vec<_> = data
        .criteria
        .iter()
        .enumerate()
        .map(|(k, c)| (c.clone(), theme.series_color(k)))
        .collect();
    legend(&key, &items, theme)
}
