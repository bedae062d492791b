//! Colours: light and dark themes over the Okabe–Ito palette, a set chosen to stay
//! distinguishable for the common colour-vision deficiencies (tested below by simulating
//! protanopia, deuteranopia and tritanopia and measuring colour differences).

use plotters::style::RGBColor;

/// The Okabe–Ito palette (Okabe & Ito 2008), without its black, in the order series use
/// it: blue, orange, bluish green, vermillion, sky blue, reddish purple, yellow.
pub const OKABE_ITO: [RGBColor; 7] = [
    RGBColor(0x00, 0x72, 0xB2),
    RGBColor(0xE6, 0x9F, 0x00),
    RGBColor(0x00, 0x9E, 0x73),
    RGBColor(0xD5, 0x5E, 0x00),
    RGBColor(0x56, 0xB4, 0xE9),
    RGBColor(0xCC, 0x79, 0xA7),
    RGBColor(0xF0, 0xE4, 0x42),
];

/// The colours a chart is drawn with.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// Whether this is the dark theme.
    pub dark: bool,
    /// Chart background.
    pub background: RGBColor,
    /// Text and axes.
    pub text: RGBColor,
    /// Secondary text (axis descriptions, notes).
    pub muted: RGBColor,
    /// Grid lines.
    pub grid: RGBColor,
    /// Series colours, in order.
    pub series: Vec<RGBColor>,
    /// Bars of the selected.
    pub selected: RGBColor,
    /// Bars of the shortlisted.
    pub shortlisted: RGBColor,
    /// Bars of the others.
    pub other: RGBColor,
    /// Cut-off and gate lines.
    pub line: RGBColor,
}

impl Theme {
    /// Dark text on white, for print and the light app theme.
    pub fn light() -> Self {
        Theme {
            dark: false,
            background: RGBColor(0xFF, 0xFF, 0xFF),
            text: RGBColor(0x1F, 0x1F, 0x1F),
            muted: RGBColor(0x5C, 0x5C, 0x5C),
            grid: RGBColor(0xE3, 0xE3, 0xE3),
            series: OKABE_ITO.to_vec(),
            selected: OKABE_ITO[0],
            shortlisted: OKABE_ITO[4],
            other: RGBColor(0xB4, 0xB4, 0xB4),
            line: OKABE_ITO[3],
        }
    }

    /// Light text on near-black, for the dark app theme.
    pub fn dark() -> Self {
        Theme {
            dark: true,
            background: RGBColor(0x1B, 0x1B, 0x1B),
            text: RGBColor(0xEC, 0xEC, 0xEC),
            muted: RGBColor(0xA8, 0xA8, 0xA8),
            grid: RGBColor(0x3A, 0x3A, 0x3A),
            series: vec![
                OKABE_ITO[4],
                OKABE_ITO[1],
                OKABE_ITO[2],
                OKABE_ITO[3],
                OKABE_ITO[5],
                OKABE_ITO[6],
                OKABE_ITO[0],
            ],
            selected: OKABE_ITO[4],
            shortlisted: RGBColor(0x2E, 0x6E, 0x9E),
            other: RGBColor(0x6A, 0x6A, 0x6A),
            line: OKABE_ITO[1],
        }
    }

    /// Series colour `i`, cycling.
    pub fn series_color(&self, i: usize) -> RGBColor {
        self.series[i % self.series.len()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn linear(c: u8) -> f64 {
        let x = f64::from(c) / 255.0;
        if x <= 0.04045 {
            x / 12.92
        } else {
            ((x + 0.055) / 1.055).powf(2.4)
        }
    }

    /// CIELAB (D65) of a linear-RGB triple.
    fn lab(rgb: [f64; 3]) -> [f64; 3] {
        let [r, g, b] = rgb;
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
        let f = |t: f64| {
            if t > 0.008856 {
                t.cbrt()
            } else {
                7.787 * t + 16.0 / 116.0
            }
        };
        [
            116.0 * f(y) - 16.0,
            500.0 * (f(x) - f(y)),
            200.0 * (f(y) - f(z)),
        ]
    }

    /// Machado, Oliveira & Fernandes (2009) full-severity simulation matrices.
    const PROTAN: [[f64; 3]; 3] = [
        [0.152286, 1.052583, -0.204868],
        [0.114503, 0.786281, 0.099216],
        [-0.003882, -0.048116, 1.051998],
    ];
    const DEUTAN: [[f64; 3]; 3] = [
        [0.367322, 0.860646, -0.227968],
        [0.280085, 0.672501, 0.047413],
        [-0.011820, 0.042940, 0.968881],
    ];
    const TRITAN: [[f64; 3]; 3] = [
        [1.255528, -0.076749, -0.178779],
        [-0.078411, 0.930809, 0.147602],
        [0.004733, 0.691367, 0.303900],
    ];
    const IDENTITY: [[f64; 3]; 3] = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]];

    fn seen(c: RGBColor, m: &[[f64; 3]; 3]) -> [f64; 3] {
        let v = [linear(c.0), linear(c.1), linear(c.2)];
        let row = |r: &[f64; 3]| (r[0] * v[0] + r[1] * v[1] + r[2] * v[2]).clamp(0.0, 1.0);
        lab([row(&m[0]), row(&m[1]), row(&m[2])])
    }

    fn delta_e(a: [f64; 3], b: [f64; 3]) -> f64 {
        ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
    }

    fn luminance(c: RGBColor) -> f64 {
        0.2126 * linear(c.0) + 0.7152 * linear(c.1) + 0.0722 * linear(c.2)
    }

    fn contrast(a: RGBColor, b: RGBColor) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    /// The smallest colour difference between any two of `colors` as seen through `m`.
    fn min_difference(colors: &[RGBColor], m: &[[f64; 3]; 3]) -> f64 {
        let mut min = f64::INFINITY;
        for i in 0..colors.len() {
            for j in i + 1..colors.len() {
                min = min.min(delta_e(seen(colors[i], m), seen(colors[j], m)));
            }
        }
        min
    }

    #[test]
    fn the_first_six_series_colours_stay_apart_under_colour_blindness() {
        // Radar and bump charts use at most six series. ΔE76 ≥ 10 is clearly visible.
        for theme in [Theme::light(), Theme::dark()] {
            let six = &theme.series[..6];
            for (name, m) in [
                ("normal", IDENTITY),
                ("protanopia", PROTAN),
                ("deuteranopia", DEUTAN),
                ("tritanopia", TRITAN),
            ] {
                let d = min_difference(six, &m);
                assert!(d >= 10.0, "{name}, dark {}: min ΔE {d:.1}", theme.dark);
            }
        }
    }

    #[test]
    fn a_red_green_pair_fails_the_same_test() {
        // The test can fail: the red and green of a common default palette (matplotlib's
        // tab10) come within ΔE 7.3 of each other for deuteranopes.
        let red_green = [RGBColor(0xD6, 0x27, 0x28), RGBColor(0x2C, 0xA0, 0x2C)];
        assert!(min_difference(&red_green, &IDENTITY) > 100.0);
        assert!(min_difference(&red_green, &DEUTAN) < 10.0);
    }

    #[test]
    fn status_colours_and_text_are_readable() {
        for theme in [Theme::light(), Theme::dark()] {
            assert!(contrast(theme.text, theme.background) >= 7.0);
            assert!(contrast(theme.muted, theme.background) >= 4.5);
            for m in [IDENTITY, PROTAN, DEUTAN, TRITAN] {
                let status = [theme.selected, theme.shortlisted, theme.other];
                assert!(min_difference(&status, &m) >= 10.0, "dark {}", theme.dark);
            }
        }
    }
}
