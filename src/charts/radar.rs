//! 2–6 people on the normalized (0..100) criteria: one axis per criterion, rings at 20,
//! 40, 60, 80 and 100, one translucent polygon per person.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::data::RadarData;
use super::hover::Frame;
use super::{ChartError, Theme, legend, text, titled};

/// The centre of the radar: the lowest score shown, a multiple of 10 at least 10 below
/// the lowest score present (0 when scores go that low), so close candidates separate.
pub fn radial_floor(data: &RadarData) -> f64 {
    let min = data
        .people
        .iter()
        .flat_map(|p| p.1.iter())
        .copied()
        .filter(|s| !s.is_nan())
        .fold(100.0, f64::min);
    (((min - 10.0) / 10.0).floor() * 10.0).clamp(0.0, 80.0)
}

/// The pixel at `value` (floor..100) on axis `k` of `count`, the first pointing up.
fn at(center: (i32, i32), radius: f64, k: usize, count: usize, value: f64) -> (i32, i32) {
    let angle = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * k as f64 / count as f64;
    let r = radius * value.clamp(0.0, 100.0) / 100.0;
    (
        center.0 + (r * angle.cos()).round() as i32,
        center.1 + (r * angle.sin()).round() as i32,
    )
}

/// Where a radar sits and how scores map to radii.
struct Geometry {
    center: (i32, i32),
    radius: f64,
    count: usize,
    floor: f64,
}

impl Geometry {
    /// The pixel of score `value` on axis `k` (scores from the floor to 100 fill the
    /// radius; a missing score sits at the centre).
    fn point(&self, k: usize, value: f64) -> (i32, i32) {
        let v = if value.is_nan() { self.floor } else { value };
        let scaled = (v.max(self.floor) - self.floor) / (100.0 - self.floor) * 100.0;
        at(self.center, self.radius, k, self.count, scaled)
    }
}

/// The rings with their values, the axes and their names.
fn draw_grid<DB: DrawingBackend>(
    plot: &DrawingArea<DB, Shift>,
    geo: &Geometry,
    axes: &[String],
    theme: &Theme,
) -> Result<(), ChartError>
where
    DB::ErrorType: 'static,
{
    let step = (100.0 - geo.floor) / 5.0;
    for i in 1..=5 {
        let ring = geo.floor + step * f64::from(i);
        let mut points: Vec<_> = (0..geo.count).map(|k| geo.point(k, ring)).collect();
        points.push(points[0]);
        plot.draw(&PathElement::new(points, theme.grid.stroke_width(1)))?;
        let (x, y) = geo.point(0, ring);
        let label = text(11.0, theme.muted);
        plot.draw(&Text::new(format!("{ring:.0}"), (x + 4, y - 6), label))?;
    }
    for (k, axis) in axes.iter().enumerate() {
        let end = geo.point(k, 100.0);
        plot.draw(&PathElement::new(
            vec![geo.center, end],
            theme.grid.stroke_width(1),
        ))?;
        let (x, y) = at(geo.center, geo.radius + 16.0, k, geo.count, 100.0);
        let h = if x < geo.center.0 - 8 {
            HPos::Right
        } else if x > geo.center.0 + 8 {
            HPos::Left
        } else {
            HPos::Center
        };
        let style = text(14.0, theme.text).pos(Pos::new(h, VPos::Center));
        plot.draw(&Text::new(axis.clone(), (x, y), style))?;
    }
    Ok(())
}

/// Draws the radar chart into `area`; the frame it returns is the square around the radar,
/// from −1 to 1 both ways with the centre at 0 (see [`super::hover`]).
pub fn draw_radar<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &RadarData,
    theme: &Theme,
) -> Result<Frame, ChartError>
where
    DB::ErrorType: 'static,
{
    let body = titled(area, &data.title, theme)?;
    let count = data.axes.len();
    if count < 3 || data.people.is_empty() {
        return Err(ChartError::Empty(
            "a radar needs 3 or more criteria and 1 to 6 people in the post".into(),
        ));
    }
    let (width, height) = body.dim_in_pixel();
    let (plot, key) = body.split_horizontally(width.saturating_sub(170));
    let (pw, _) = plot.dim_in_pixel();
    let floor = radial_floor(data);
    let geo = Geometry {
        center: (pw as i32 / 2, height as i32 / 2),
        radius: f64::from(pw.min(height)) / 2.0 - 70.0,
        count,
        floor,
    };
    draw_grid(&plot, &geo, &data.axes, theme)?;
    for (i, (_, scores)) in data.people.iter().enumerate() {
        let color = theme.series_color(i);
        let points: Vec<_> = scores
            .iter()
            .enumerate()
            .map(|(k, s)| geo.point(k, *s))
            .collect();
        plot.draw(&Polygon::new(points.clone(), color.mix(0.06).filled()))?;
        let mut outline = points.clone();
        outline.push(points[0]);
        plot.draw(&PathElement::new(outline, color.stroke_width(2)))?;
        for p in points {
            plot.draw(&Circle::new(p, 3, color.filled()))?;
        }
    }
    let items: Vec<_> = data
        .people
        .iter()
        .enumerate()
        .map(|(i, (name, _))| (name.clone(), theme.series_color(i)))
        .collect();
    legend(&key, &items, theme)?;
    if floor > 0.0 {
        let note = format!("中心 = {floor:.0} 分 / centre = {floor:.0}");
        plot.draw(&Text::new(
            note,
            (8, height as i32 - 22),
            text(12.0, theme.muted),
        ))?;
    }
    let (bx, by) = plot.get_base_pixel();
    let (cx, cy) = (bx + geo.center.0, by + geo.center.1);
    let r = geo.radius.round() as i32;
    Ok(Frame::new(
        ((cx - r)..(cx + r), (cy - r)..(cy + r)),
        (-1.0, 1.0),
        (-1.0, 1.0),
    ))
}
