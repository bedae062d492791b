//! How ranks move between two rankings (two weightings, or two stages): rank 1 at the top,
//! a line per person from the left rank to the right one, blue when they rise, vermillion
//! when they fall, grey when unchanged; people not ranked on the right end in a cross.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::data::BumpData;
use super::{ChartError, Theme, text, titled};

/// Draws the bump chart into `area`.
pub fn draw_bump<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &BumpData,
    theme: &Theme,
) -> Result<(), ChartError>
where
    DB::ErrorType: 'static,
{
    let body = titled(area, &data.title, theme)?;
    let max_rank = data
        .people
        .iter()
        .flat_map(|p| [p.1, p.2])
        .flatten()
        .max()
        .ok_or_else(|| ChartError::Empty("nobody is ranked".into()))?;
    let (width, height) = body.dim_in_pixel();
    let (w, h) = (width as i32, height as i32);
    let (left_x, right_x) = (w * 3 / 10, w * 7 / 10);
    let (top, bottom) = (40, h - 20);
    let y_of = |rank: u32| {
        if max_rank <= 1 {
            top
        } else {
            top + (bottom - top) * (rank as i32 - 1) / (max_rank as i32 - 1)
        }
    };
    let header = text(16.0, theme.text).pos(Pos::new(HPos::Center, VPos::Top));
    body.draw(&Text::new(data.left.clone(), (left_x, 4), header.clone()))?;
    body.draw(&Text::new(data.right.clone(), (right_x, 4), header))?;
    let out_y = bottom;
    for (name, left, right) in &data.people {
        let Some(l) = left else { continue };
        let ly = y_of(*l);
        let (ry, color) = match right {
            Some(r) if r < l => (y_of(*r), theme.series_color(0)),
            Some(r) if r > l => (y_of(*r), theme.line),
            Some(r) => (y_of(*r), theme.other),
            None => (out_y, theme.other),
        };
        body.draw(&PathElement::new(
            vec![(left_x, ly), (right_x, ry)],
            color.stroke_width(2),
        ))?;
        body.draw(&Circle::new((left_x, ly), 4, color.filled()))?;
        let label = text(13.0, theme.text).pos(Pos::new(HPos::Right, VPos::Center));
        body.draw(&Text::new(format!("{name}  {l}"), (left_x - 10, ly), label))?;
        let right_label = text(13.0, theme.text).pos(Pos::new(HPos::Left, VPos::Center));
        match right {
            Some(r) => {
                body.draw(&Circle::new((right_x, ry), 4, color.filled()))?;
                body.draw(&Text::new(
                    format!("{r}  {name}"),
                    (right_x + 10, ry),
                    right_label,
                ))?;
            }
            None => {
                body.draw(&Cross::new((right_x, ry), 4, color.stroke_width(2)))?;
            }
        }
    }
    Ok(())
}
