//! What is under the pointer in a drawn chart: the bar, stack part, bin or point at a
//! pixel, found from the [`Frame`] a drawing function reports (where its plotting area
//! landed and which data range it spans). The app turns a [`Hit`] into a tooltip with the
//! exact numbers; this module only does the geometry, so it is tested without a window.
//! Never imports egui.

use std::ops::Range;

use super::bump::Layout;
use super::data::{BumpData, ContributionsData, HistogramData, RadarData, ScatterData, TotalsData};
use super::histogram::{BINS, bin_counts};
use super::render::Chart;

/// Where a chart's plotting area is in the picture, and the data it spans.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// Pixel columns of the plotting area (left to right).
    pub x_pixels: Range<i32>,
    /// Pixel rows of the plotting area (top to bottom).
    pub y_pixels: Range<i32>,
    /// Data value at the left and right edge.
    pub x: (f64, f64),
    /// Data value at the bottom and top edge (for bar charts: 0 and the number of bars).
    pub y: (f64, f64),
}

impl Frame {
    /// A frame from a plotting area's pixel range and the data range it shows.
    pub fn new(pixels: (Range<i32>, Range<i32>), x: (f64, f64), y: (f64, f64)) -> Self {
        Frame {
            x_pixels: pixels.0,
            y_pixels: pixels.1,
            x,
            y,
        }
    }

    /// The data value at pixel `(px, py)`, or `None` outside the plotting area.
    pub fn value_at(&self, (px, py): (f64, f64)) -> Option<(f64, f64)> {
        let (left, right) = (f64::from(self.x_pixels.start), f64::from(self.x_pixels.end));
        let (top, bottom) = (f64::from(self.y_pixels.start), f64::from(self.y_pixels.end));
        if px < left || px > right || py < top || py > bottom || right <= left || bottom <= top {
            return None;
        }
        let fx = (px - left) / (right - left);
        let fy = (bottom - py) / (bottom - top);
        Some((
            self.x.0 + fx * (self.x.1 - self.x.0),
            self.y.0 + fy * (self.y.1 - self.y.0),
        ))
    }

    /// The pixel of data value `(x, y)`.
    pub fn pixel_of(&self, (x, y): (f64, f64)) -> (f64, f64) {
        let (left, right) = (f64::from(self.x_pixels.start), f64::from(self.x_pixels.end));
        let (top, bottom) = (f64::from(self.y_pixels.start), f64::from(self.y_pixels.end));
        let fx = (x - self.x.0) / (self.x.1 - self.x.0);
        let fy = (y - self.y.0) / (self.y.1 - self.y.0);
        (left + fx * (right - left), bottom - fy * (bottom - top))
    }
}

/// What the pointer is over.
#[derive(Debug, Clone, PartialEq)]
pub enum Hit {
    /// Totals: bar `i` (best first).
    Bar(usize),
    /// Contributions: person `person`'s part for criterion `criterion`.
    Part {
        /// Index into [`ContributionsData::people`].
        person: usize,
        /// Index into [`ContributionsData::criteria`].
        criterion: usize,
    },
    /// Histogram: one bin and how many values it holds.
    Bin {
        /// Lower edge (inclusive).
        from: f64,
        /// Upper edge (exclusive, except for the last bin).
        to: f64,
        /// Values in it.
        count: u32,
    },
    /// Scatter: point `i` of [`ScatterData::points`].
    Point(usize),
    /// Radar: axis `k` of [`RadarData::axes`], the one nearest the pointer.
    Axis(usize),
    /// Rank changes: person `i` of [`BumpData::people`], whose point is under the pointer.
    Ranked(usize),
}

/// Within this many pixels of a scatter point, the pointer is on it.
const POINT_RADIUS: f64 = 9.0;

/// What is at pixel `pixel` of `chart` drawn with `frame`.
pub fn hit(chart: &Chart, frame: &Frame, pixel: (f64, f64)) -> Option<Hit> {
    match chart {
        Chart::Totals(d) => bar_hit(d, frame, pixel),
        Chart::Contributions(d) => part_hit(d, frame, pixel),
        Chart::Histogram(d) => bin_hit(d, frame, pixel),
        Chart::Scatter(d) => point_hit(d, frame, pixel),
        Chart::Radar(d) => axis_hit(d, frame, pixel),
        Chart::Bump(d) => ranked_hit(d, frame, pixel),
    }
}

/// The rank-change point (left or right column) nearest the pointer, within
/// [`POINT_RADIUS`] pixels; the frame maps the chart body's pixels one to one.
fn ranked_hit(data: &BumpData, frame: &Frame, pixel: (f64, f64)) -> Option<Hit> {
    let (x, y) = frame.value_at(pixel)?;
    let size = (
        frame.x_pixels.end - frame.x_pixels.start,
        frame.y_pixels.end - frame.y_pixels.start,
    );
    let layout = Layout::new(data, size);
    let distance = |p: Option<(i32, i32)>| {
        p.map_or(f64::INFINITY, |(px, py)| {
            (f64::from(px) - x).hypot(f64::from(py) - y)
        })
    };
    (0..data.people.len())
        .map(|i| {
            let (left, right) = layout.points(i);
            (i, distance(left).min(distance(right)))
        })
        .filter(|&(_, d)| d <= POINT_RADIUS)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| Hit::Ranked(i))
}

/// The radar axis nearest the pointer, inside the radar's circle (the frame spans −1..1
/// with the centre at 0; axis 0 points up and the others follow clockwise).
fn axis_hit(data: &RadarData, frame: &Frame, pixel: (f64, f64)) -> Option<Hit> {
    let count = data.axes.len();
    let (x, y) = frame.value_at(pixel)?;
    if count == 0 || x.hypot(y) > 1.0 || x.hypot(y) < 0.05 {
        return None;
    }
    let step = std::f64::consts::TAU / count as f64;
    let from_up = x.atan2(y).rem_euclid(std::f64::consts::TAU);
    Some(Hit::Axis((from_up / step).round() as usize % count))
}

/// The bar row (best first) at `pixel` of a horizontal bar chart of `n` bars.
fn row_at(frame: &Frame, n: usize, pixel: (f64, f64)) -> Option<(usize, f64)> {
    let (x, y) = frame.value_at(pixel)?;
    let from_bottom = (y.floor().max(0.0) as usize).min(n.checked_sub(1)?);
    Some((n - 1 - from_bottom, x))
}

fn bar_hit(data: &TotalsData, frame: &Frame, pixel: (f64, f64)) -> Option<Hit> {
    row_at(frame, data.bars.len(), pixel).map(|(i, _)| Hit::Bar(i))
}

fn part_hit(data: &ContributionsData, frame: &Frame, pixel: (f64, f64)) -> Option<Hit> {
    let (person, x) = row_at(frame, data.people.len(), pixel)?;
    let points = &data.people[person].1;
    let mut end = 0.0;
    for (criterion, p) in points.iter().enumerate() {
        end += p;
        if x <= end {
            return Some(Hit::Part { person, criterion });
        }
    }
    None
}

fn bin_hit(data: &HistogramData, frame: &Frame, pixel: (f64, f64)) -> Option<Hit> {
    let (x, _) = frame.value_at(pixel)?;
    let (lo, hi) = data.range;
    let width = (hi - lo) / BINS as f64;
    if width.is_nan() || width <= 0.0 {
        return None;
    }
    let i = (((x - lo) / width).floor().max(0.0) as usize).min(BINS - 1);
    let counts = bin_counts(&data.values, data.range, BINS);
    let from = lo + width * i as f64;
    Some(Hit::Bin {
        from,
        to: from + width,
        count: counts[i],
    })
}

fn point_hit(data: &ScatterData, frame: &Frame, pixel: (f64, f64)) -> Option<Hit> {
    frame.value_at(pixel)?;
    data.points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let (x, y) = frame.pixel_of((p.1, p.2));
            (i, (x - pixel.0).hypot(y - pixel.1))
        })
        .filter(|(_, d)| *d <= POINT_RADIUS)
        .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)))
        .map(|(i, _)| Hit::Point(i))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::Theme;
    use crate::charts::data::{Bar, Class};
    use crate::charts::render::to_rgb_framed;

    fn frame() -> Frame {
        // 100 pixels wide from x = 100, 40 pixels tall from y = 50; 0..100 by 0..4.
        Frame::new((100..200, 50..90), (0.0, 100.0), (0.0, 4.0))
    }

    #[test]
    fn pixels_map_to_values_and_back() {
        let f = frame();
        assert_eq!(f.value_at((150.0, 70.0)), Some((50.0, 2.0)));
        assert_eq!(f.value_at((99.0, 70.0)), None);
        assert_eq!(f.pixel_of((50.0, 2.0)), (150.0, 70.0));
    }

    #[test]
    fn contributions_are_found_by_their_stack_part() {
        let data = ContributionsData {
            title: String::new(),
            criteria: vec!["a".into(), "b".into()],
            people: (0..4)
                .map(|i| (format!("p{i}"), vec![30.0, 40.0]))
                .collect(),
        };
        let chart = Chart::Contributions(data);
        // Top row (y in 3..4, pixels 50..60) is the best person, 0.
        let top = 55.0;
        assert_eq!(
            hit(&chart, &frame(), (120.0, top)),
            Some(Hit::Part {
                person: 0,
                criterion: 0
            })
        );
        assert_eq!(
            hit(&chart, &frame(), (160.0, 85.0)),
            Some(Hit::Part {
                person: 3,
                criterion: 1
            })
        );
        // Right of the stack's end (70): nothing.
        assert_eq!(hit(&chart, &frame(), (190.0, top)), None);
    }

    #[test]
    fn histogram_bins_count_what_is_in_them() {
        let data = HistogramData {
            title: String::new(),
            x_label: String::new(),
            values: vec![61.0, 62.0, 64.9, 90.0],
            range: (0.0, 100.0),
            gate: None,
        };
        let chart = Chart::Histogram(data);
        // x = 62 is bin 12 of 20 (60..65).
        let Some(Hit::Bin { from, to, count }) = hit(&chart, &frame(), (162.0, 60.0)) else {
            panic!("a bin");
        };
        assert_eq!((from, to, count), (60.0, 65.0, 3));
    }

    #[test]
    fn a_drawn_totals_chart_reports_where_its_bars_are() {
        let bars: Vec<Bar> = [91.5, 80.25, 70.0]
            .iter()
            .enumerate()
            .map(|(i, v)| Bar {
                label: format!("人{i}"),
                value: *v,
                class: Class::Other,
                rank: Some(i as u32 + 1),
            })
            .collect();
        let chart = Chart::Totals(TotalsData {
            title: "t".into(),
            bars,
            cuts: Vec::new(),
            value_label: "总分".into(),
        });
        let size = chart.default_size();
        let (_, frame) = to_rgb_framed(&chart, &Theme::light(), size).unwrap();
        let frame = frame.expect("a bar chart reports its frame");
        // The middle of the second third of the plotting area is the second bar.
        let x = f64::from(frame.x_pixels.start + 5);
        let (top, bottom) = (frame.y_pixels.start, frame.y_pixels.end);
        let y = f64::from(top) + f64::from(bottom - top) * 0.5;
        assert_eq!(hit(&chart, &frame, (x, y)), Some(Hit::Bar(1)));
        assert_eq!(
            hit(&chart, &frame, (x, f64::from(top + 2))),
            Some(Hit::Bar(0))
        );
    }

    #[test]
    fn a_drawn_radar_reports_its_circle_and_the_nearest_axis_is_found() {
        let chart = Chart::Radar(RadarData {
            title: "r".into(),
            axes: ["笔试", "面试", "考察", "测评"].map(String::from).to_vec(),
            people: vec![("甲".into(), vec![80.0, 70.0, 90.0, 60.0])],
        });
        let size = chart.default_size();
        let (_, frame) = to_rgb_framed(&chart, &Theme::light(), size).unwrap();
        let frame = frame.expect("a radar reports its frame");
        let (cx, cy) = frame.pixel_of((0.0, 0.0));
        let r = f64::from(frame.x_pixels.end - frame.x_pixels.start) / 2.0;
        // Four axes: up, right, down, left.
        let at = |dx: f64, dy: f64| hit(&chart, &frame, (cx + dx * r, cy + dy * r));
        assert_eq!(at(0.05, -0.6), Some(Hit::Axis(0)));
        assert_eq!(at(0.7, 0.1), Some(Hit::Axis(1)));
        assert_eq!(at(-0.1, 0.8), Some(Hit::Axis(2)));
        assert_eq!(at(-0.5, -0.1), Some(Hit::Axis(3)));
        // Outside the circle, or on the centre: nothing.
        assert_eq!(at(0.9, 0.9), None);
        assert_eq!(at(0.0, 0.0), None);
    }

    #[test]
    fn a_drawn_rank_change_chart_finds_the_person_under_the_pointer() {
        let data = BumpData {
            title: "b".into(),
            left: "笔试".into(),
            right: "面试".into(),
            people: vec![
                ("甲".into(), Some(1), Some(2)),
                ("乙".into(), Some(2), Some(1)),
                ("丙".into(), Some(3), None),
            ],
        };
        let chart = Chart::Bump(data.clone());
        let size = chart.default_size();
        let (_, frame) = to_rgb_framed(&chart, &Theme::light(), size).unwrap();
        let frame = frame.expect("a rank-change chart reports its frame");
        let size = (
            frame.x_pixels.end - frame.x_pixels.start,
            frame.y_pixels.end - frame.y_pixels.start,
        );
        let layout = Layout::new(&data, size);
        let on = |(x, y): (i32, i32)| {
            let px = f64::from(frame.x_pixels.start + x) + 2.0;
            let py = f64::from(frame.y_pixels.start + y) - 3.0;
            hit(&chart, &frame, (px, py))
        };
        for i in 0..3 {
            let (left, right) = layout.points(i);
            assert_eq!(on(left.unwrap()), Some(Hit::Ranked(i)), "left of {i}");
            if let Some(right) = right {
                assert_eq!(on(right), Some(Hit::Ranked(i)), "right of {i}");
            }
        }
        // Between the columns, away from any point: nothing.
        let (mid_x, mid_y) = (
            f64::from(frame.x_pixels.start + size.0 / 2),
            f64::from(frame.y_pixels.start + 12),
        );
        assert_eq!(hit(&chart, &frame, (mid_x, mid_y)), None);
    }
}
