//! Totals as horizontal bars in ranking order, coloured by outcome, with the selection
//! and shortlist cut-off lines.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::data::{Class, TotalsData};
use super::{ChartError, Theme, text, titled};

/// Draws the totals chart into `area`.
pub fn draw_totals<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &TotalsData,
    theme: &Theme,
) -> Result<(), ChartError>
where
    DB::ErrorType: 'static,
{
    let body = titled(area, &data.title, theme)?;
    let n = data.bars.len();
    if n == 0 {
        return Err(ChartError::Empty("nobody is ranked in this post".into()));
    }
    let label = text(14.0, theme.text);
    let mut chart = ChartBuilder::on(&body)
        .margin_left(12)
        .margin_right(90)
        .margin_bottom(8)
        .x_label_area_size(32)
        .y_label_area_size(110)
        .build_cartesian_2d(0f64..100f64, (0..n - 1).into_segmented())?;
    let names: Vec<String> = data.bars.iter().map(|b| b.label.clone()).collect();
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
        .y_label_style(label.clone())
        .draw()?;
    let color = |c: Class| match c {
        Class::Selected => theme.selected,
        Class::Shortlisted => theme.shortlisted,
        Class::Other => theme.other,
    };
    chart.draw_series(data.bars.iter().enumerate().map(|(i, bar)| {
        let y = n - 1 - i;
        let mut r = Rectangle::new(
            [
                (0.0, SegmentValue::Exact(y)),
                (bar.value, SegmentValue::Exact(y + 1)),
            ],
            color(bar.class).filled(),
        );
        r.set_margin(3, 3, 0, 0);
        r
    }))?;
    chart.draw_series(data.bars.iter().enumerate().map(|(i, bar)| {
        let at = (bar.value, SegmentValue::CenterOf(n - 1 - i));
        EmptyElement::at(at)
            + Text::new(format!("{:.2}", bar.value), (6, -7), text(13.0, theme.text))
    }))?;
    for (after, name) in &data.cuts {
        let y = SegmentValue::Exact(n - after);
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(0.0, y.clone()), (100.0, y.clone())],
            theme.line.stroke_width(2),
        )))?;
        chart.draw_series(std::iter::once(
            EmptyElement::at((100.0, y)) + Text::new(name.clone(), (6, -8), text(13.0, theme.line)),
        ))?;
    }
    Ok(())
}
