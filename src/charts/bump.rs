//! How ranks move between two rankings (two weightings, or two stages): rank 1 at the top,
//! a line per person from the left rank to the right one, blue when they rise, vermillion
//! when they fall, grey when unchanged; people not ranked on the right get a short stub
//! ending in a cross. Tied ranks take one row each.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::data::BumpData;
use super::hover::Frame;
use super::{ChartError, Theme, text, titled};

/// The row each person takes in a column: people ordered by rank (ties keep their
/// order), one row each, so tied ranks do not overprint; `None` for the unranked.
pub fn slots(ranks: impl Iterator<Item = Option<u32>>) -> Vec<Option<usize>> {
    let ranks: Vec<Option<u32>> = ranks.collect();
    let mut order: Vec<usize> = (0..ranks.len()).filter(|&i| ranks[i].is_some()).collect();
    order.sort_by_key(|&i| (ranks[i], i));
    let mut out = vec![None; ranks.len()];
    for (slot, i) in order.into_iter().enumerate() {
        out[i] = Some(slot);
    }
    out
}

/// A point of the chart body, in pixels from its top-left corner.
pub type Pixel = (i32, i32);

/// Where a bump chart of `data` puts its two columns and its rows, in pixels of the chart's
/// body: the drawing and the hover lookup share it.
pub struct Layout {
    left_x: i32,
    right_x: i32,
    top: i32,
    bottom: i32,
    rows: i32,
    left_slots: Vec<Option<usize>>,
    right_slots: Vec<Option<usize>>,
}

impl Layout {
    /// The layout of `data` in a body of `(width, height)` pixels.
    pub fn new(data: &BumpData, (width, height): (i32, i32)) -> Layout {
        let left_slots = slots(data.people.iter().map(|p| p.1));
        let right_slots = slots(data.people.iter().map(|p| p.2));
        let filled = |slots: &[Option<usize>]| slots.iter().flatten().count();
        let rows = filled(&left_slots).max(filled(&right_slots)).max(2) as i32;
        Layout {
            left_x: width * 3 / 10,
            right_x: width * 7 / 10,
            top: 40,
            bottom: height - 20,
            rows,
            left_slots,
            right_slots,
        }
    }

    fn y_of(&self, slot: usize) -> i32 {
        self.top + (self.bottom - self.top) * slot as i32 / (self.rows - 1)
    }

    /// Person `i`'s point in the left column and in the right one, as drawn (a person
    /// not ranked on the left is not drawn).
    pub fn points(&self, i: usize) -> (Option<Pixel>, Option<Pixel>) {
        let Some(left) = self.left_slots.get(i).copied().flatten() else {
            return (None, None);
        };
        let right = self.right_slots.get(i).copied().flatten();
        (
            Some((self.left_x, self.y_of(left))),
            right.map(|r| (self.right_x, self.y_of(r))),
        )
    }
}

/// Draws the bump chart into `area`; the frame it returns maps the chart body's pixels
/// one to one (x from the left edge, y from the top), for [`Layout`] lookups.
pub fn draw_bump<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &BumpData,
    theme: &Theme,
) -> Result<Frame, ChartError>
where
    DB::ErrorType: 'static,
{
    let body = titled(area, &data.title, theme)?;
    if data.people.iter().all(|p| p.1.is_none()) {
        return Err(ChartError::Empty("nobody is ranked".into()));
    }
    let (width, height) = body.dim_in_pixel();
    let (w, h) = (width as i32, height as i32);
    let layout = Layout::new(data, (w, h));
    let (left_x, right_x) = (layout.left_x, layout.right_x);
    let header = text(16.0, theme.text).pos(Pos::new(HPos::Center, VPos::Top));
    body.draw(&Text::new(data.left.clone(), (left_x, 4), header.clone()))?;
    body.draw(&Text::new(data.right.clone(), (right_x, 4), header))?;
    let left_label = text(13.0, theme.text).pos(Pos::new(HPos::Right, VPos::Center));
    let right_label = text(13.0, theme.text).pos(Pos::new(HPos::Left, VPos::Center));
    for (i, (name, left, right)) in data.people.iter().enumerate() {
        let (Some(l), (Some((_, ly)), right_point)) = (left, layout.points(i)) else {
            continue;
        };
        body.draw(&Text::new(
            format!("{name}  {l}"),
            (left_x - 10, ly),
            left_label.clone(),
        ))?;
        let (Some(r), Some((_, ry))) = (right, right_point) else {
            // Not ranked on the right: a short grey stub ending in a cross.
            let end = (left_x + (right_x - left_x) / 6, ly);
            body.draw(&PathElement::new(
                vec![(left_x, ly), end],
                theme.other.stroke_width(2),
            ))?;
            body.draw(&Circle::new((left_x, ly), 4, theme.other.filled()))?;
            body.draw(&Cross::new(end, 4, theme.other.stroke_width(2)))?;
            continue;
        };
        let color = match r.cmp(l) {
            std::cmp::Ordering::Less => theme.series_color(0),
            std::cmp::Ordering::Greater => theme.line,
            std::cmp::Ordering::Equal => theme.other,
        };
        body.draw(&PathElement::new(
            vec![(left_x, ly), (right_x, ry)],
            color.stroke_width(2),
        ))?;
        body.draw(&Circle::new((left_x, ly), 4, color.filled()))?;
        body.draw(&Circle::new((right_x, ry), 4, color.filled()))?;
        body.draw(&Text::new(
            format!("{r}  {name}"),
            (right_x + 10, ry),
            right_label.clone(),
        ))?;
    }
    let (bx, by) = body.get_base_pixel();
    Ok(Frame::new(
        ((bx..bx + w), (by..by + h)),
        (0.0, f64::from(w)),
        (f64::from(h), 0.0),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tied_ranks_take_separate_rows_and_the_unranked_none() {
        let got = slots([Some(2), None, Some(1), Some(2), Some(4)].into_iter());
        assert_eq!(got, [Some(1), None, Some(0), Some(2), Some(3)]);
    }
}
