//! Two criteria against each other on their normalized scores, with lines at the
//! cohort's terciles of each: the 9-box view (by default competence × peer trust), where
//! each box is low / middle / high relative to the others in the post. The axes zoom to
//! the data, since candidates for one post usually sit close together.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::data::{Class, ScatterData};
use super::hover::Frame;
use super::{ChartError, Theme, text, titled};

/// The axis range: the data's span with 8% padding (at least 10 points wide), within
/// 0..100.
fn zoom(values: &[f64]) -> std::ops::Range<f64> {
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let pad = ((hi - lo) * 0.08).max((10.0 - (hi - lo)).max(0.0) / 2.0);
    (lo - pad).max(0.0)..(hi + pad).min(100.0)
}

/// The 1/3 and 2/3 quantiles (linear interpolation between order statistics).
pub fn terciles(values: &[f64]) -> (f64, f64) {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let q = |p: f64| {
        if sorted.is_empty() {
            return f64::NAN;
        }
        let pos = p * (sorted.len() - 1) as f64;
        let (i, frac) = (pos.floor() as usize, pos - pos.floor());
        let next = sorted[(i + 1).min(sorted.len() - 1)];
        sorted[i] + (next - sorted[i]) * frac
    };
    (q(1.0 / 3.0), q(2.0 / 3.0))
}

/// Draws the scatter chart into `area`; returns where its plotting area is.
pub fn draw_scatter<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &ScatterData,
    theme: &Theme,
) -> Result<Frame, ChartError>
where
    DB::ErrorType: 'static,
{
    let body = titled(area, &data.title, theme)?;
    if data.points.is_empty() {
        return Err(ChartError::Empty("nobody has both scores".into()));
    }
    let xs: Vec<f64> = data.points.iter().map(|p| p.1).collect();
    let ys: Vec<f64> = data.points.iter().map(|p| p.2).collect();
    let (xr, yr) = (zoom(&xs), zoom(&ys));
    let mut chart = ChartBuilder::on(&body)
        .margin_left(12)
        .margin_right(24)
        .margin_bottom(8)
        .x_label_area_size(48)
        .y_label_area_size(56)
        .build_cartesian_2d(zoom(&xs), zoom(&ys))?;
    chart
        .configure_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(theme.grid)
        .axis_style(theme.muted)
        .x_desc(data.x_label.clone())
        .y_desc(data.y_label.clone())
        .axis_desc_style(text(14.0, theme.text))
        .label_style(text(13.0, theme.muted))
        .draw()?;
    let frame = Frame::new(
        chart.plotting_area().get_pixel_range(),
        (xr.start, xr.end),
        (yr.start, yr.end),
    );
    let (tx, ty) = (terciles(&xs), terciles(&ys));
    for (x, y) in [tx.0, tx.1].into_iter().zip([ty.0, ty.1]) {
        for line in [
            vec![(x, yr.start), (x, yr.end)],
            vec![(xr.start, y), (xr.end, y)],
        ] {
            chart.draw_series(std::iter::once(PathElement::new(
                line,
                theme.muted.stroke_width(1),
            )))?;
        }
    }
    let color = |c: Class| match c {
        Class::Selected | Class::Advanced => theme.selected,
        Class::Shortlisted => theme.shortlisted,
        Class::Other => theme.other,
    };
    // The others first, so the selected are drawn on top.
    let mut points = data.points.clone();
    points.sort_by_key(|p| match p.3 {
        Class::Other => 0,
        Class::Shortlisted => 1,
        Class::Selected | Class::Advanced => 2,
    });
    chart.draw_series(points.iter().map(|(name, x, y, class)| {
        EmptyElement::at((*x, *y))
            + Circle::new((0, 0), 5, color(*class).filled())
            + Circle::new((0, 0), 5, theme.text.stroke_width(1))
            + Text::new(name.clone(), (7, -14), text(12.0, theme.text))
    }))?;
    Ok(frame)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terciles_split_the_cohort_in_three() {
        // Positions 2 and 4 of 0..=6: exactly the 3rd and 5th values.
        assert_eq!(terciles(&[6.0, 0.0, 1.0, 2.0, 3.0, 4.0, 5.0]), (2.0, 4.0));
        // Four values: positions 1 and 2 → 20 and 30.
        assert_eq!(terciles(&[10.0, 20.0, 30.0, 40.0]), (20.0, 30.0));
        let r = zoom(&[80.0, 82.0]);
        assert!(
            (r.start - 76.0).abs() < 1e-9 && (r.end - 86.0).abs() < 1e-9,
            "{r:?}"
        );
        assert_eq!(zoom(&[0.0, 100.0]), 0.0..100.0);
    }
}
