//! Totals as horizontal bars in ranking order, coloured by outcome, with the selection
//! and shortlist cut-off lines.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::data::{Class, TotalsData};
use super::hover::Frame;
use super::{ChartError, Theme, bar, bar_chart, bar_frame, bar_values, text, titled};

/// Draws the totals chart into `area`; returns where its plotting area is.
pub fn draw_totals<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &TotalsData,
    theme: &Theme,
) -> Result<Frame, ChartError>
where
    DB::ErrorType: 'static,
{
    let body = titled(area, &data.title, theme)?;
    let n = data.bars.len();
    if n == 0 {
        return Err(ChartError::Empty("nobody is ranked in this post".into()));
    }
    let names: Vec<String> = data.bars.iter().map(|b| b.label.clone()).collect();
    let mut chart = bar_chart(&body, &names, 90, theme)?;
    let frame = bar_frame(&chart, n);
    let color = |c: Class| match c {
        Class::Selected | Class::Advanced => theme.selected,
        Class::Shortlisted => theme.shortlisted,
        Class::Other => theme.other,
    };
    chart.draw_series(
        data.bars
            .iter()
            .enumerate()
            .map(|(i, b)| bar(i, n, (0.0, b.value), color(b.class))),
    )?;
    let values: Vec<f64> = data.bars.iter().map(|b| b.value).collect();
    bar_values(&mut chart, &values, theme)?;
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
    Ok(frame)
}
