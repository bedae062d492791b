//! Charts: SVG golden files (the text is there, as text, and the structure is stable) and
//! PNG pixel checks (not empty, the expected colours drawn), for every chart kind, in both
//! themes. Data are built by hand so the tests do not move when the scoring does.
//!
//! Regenerate the golden files with `UPDATE_GOLDEN=1 cargo test --test charts`.

use std::path::PathBuf;

use merit::charts::Theme;
use merit::charts::data::*;
use merit::charts::render::{Chart, to_png, to_rgb, to_svg};

fn names() -> Vec<String> {
    ["王伟", "李娜", "张敏", "刘洋", "陈静"]
        .iter()
        .map(|s| s.to_string())
        .collect()
}

fn charts() -> Vec<(&'static str, Chart)> {
    let n = names();
    let classes = [
        Class::Selected,
        Class::Shortlisted,
        Class::Shortlisted,
        Class::Other,
        Class::Other,
    ];
    let totals = TotalsData {
        title: "综合科科员 — 总分".into(),
        bars: n
            .iter()
            .zip([88.5, 84.25, 80.0, 76.1, 70.0])
            .zip(classes)
            .map(|((label, value), class)| Bar {
                label: label.clone(),
                value,
                class,
                rank: None,
            })
            .collect(),
        cuts: vec![(1, "录用线".into()), (3, "差额线".into())],
        value_label: "总分".into(),
    };
    let criteria: Vec<String> = ["笔试成绩", "政治素质", "业务能力"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let contributions = ContributionsData {
        title: "各项加权得分".into(),
        criteria: criteria.clone(),
        people: vec![
            (n[0].clone(), vec![30.0, 28.5, 30.0]),
            (n[1].clone(), vec![25.0, 29.25, 30.0]),
        ],
    };
    let radar = RadarData {
        title: "标准化得分对比".into(),
        axes: criteria.clone(),
        people: vec![
            (n[0].clone(), vec![90.0, 85.0, 95.0]),
            (n[1].clone(), vec![75.0, 97.5, 60.0]),
        ],
    };
    let histogram = HistogramData {
        title: "笔试成绩 分布".into(),
        x_label: "笔试成绩 (0–100)".into(),
        values: vec![55.0, 61.0, 62.5, 70.0, 71.0, 88.0],
        range: (0.0, 100.0),
        gate: Some((60.0, "门槛 ≥ 60".into())),
    };
    let scatter = ScatterData {
        title: "业务能力 × 群众信任".into(),
        x_label: "业务能力".into(),
        y_label: "群众信任".into(),
        points: n
            .iter()
            .zip(classes)
            .enumerate()
            .map(|(i, (name, class))| {
                (
                    name.clone(),
                    60.0 + 7.0 * i as f64,
                    90.0 - 5.0 * i as f64,
                    class,
                )
            })
            .collect(),
    };
    let bump = BumpData {
        title: "名次变化".into(),
        left: "笔试".into(),
        right: "面试".into(),
        people: vec![
            (n[0].clone(), Some(1), Some(2)),
            (n[1].clone(), Some(2), Some(1)),
            (n[2].clone(), Some(3), Some(3)),
            (n[3].clone(), Some(3), None),
        ],
    };
    vec![
        ("totals", Chart::Totals(totals)),
        ("contributions", Chart::Contributions(contributions)),
        ("radar", Chart::Radar(radar)),
        ("histogram", Chart::Histogram(histogram)),
        ("scatter", Chart::Scatter(scatter)),
        ("bump", Chart::Bump(bump)),
    ]
}

/// The SVG without coordinates: one line per run of same elements, and every text.
fn skeleton(svg: &str) -> String {
    let mut items: Vec<String> = Vec::new();
    let mut rest = svg;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        let tag: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '/')
            .collect();
        if tag.starts_with('/') || tag.is_empty() {
            continue;
        }
        if tag == "text" {
            let body = rest.find('>').map_or("", |g| &rest[g + 1..]);
            let content = body.split("</text>").next().unwrap_or("").trim();
            items.push(format!("text {content}"));
        } else {
            items.push(tag);
        }
    }
    let mut out = String::new();
    let mut i = 0;
    while i < items.len() {
        let run = items[i..].iter().take_while(|x| **x == items[i]).count();
        if run > 1 {
            out.push_str(&format!("{} ×{run}\n", items[i]));
        } else {
            out.push_str(&format!("{}\n", items[i]));
        }
        i += run;
    }
    out
}

fn golden(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/golden/{name}.svg.txt"))
}

#[test]
fn svg_keeps_the_chinese_text_as_text_and_a_stable_structure() {
    for (name, chart) in charts() {
        let svg = to_svg(&chart, &Theme::light(), chart.default_size()).unwrap();
        assert!(svg.starts_with("<svg"), "{name}");
        assert!(svg.contains("font-family=\"sans-serif\""), "{name}");
        let shape = skeleton(&svg);
        for must in match name {
            "totals" => vec![
                "text 综合科科员 — 总分",
                "text 王伟",
                "text 88.50",
                "text 录用线",
                "text 差额线",
            ],
            "contributions" => vec!["text 笔试成绩", "text 84.25"],
            "radar" => vec!["text 业务能力", "text 李娜", "polygon"],
            "histogram" => vec!["text 门槛 ≥ 60", "text 笔试成绩 (0–100)"],
            "scatter" => vec!["text 陈静", "text 群众信任", "circle"],
            _ => vec!["text 笔试", "text 面试", "text 刘洋  3", "text 1  李娜"],
        } {
            assert!(shape.contains(must), "{name}: no '{must}' in\n{shape}");
        }
        let path = golden(name);
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(&path, &shape).unwrap();
        }
        let expected = std::fs::read_to_string(&path)
            .unwrap_or_else(|_| panic!("missing {}: run with UPDATE_GOLDEN=1", path.display()));
        assert_eq!(shape, expected, "{name}: the SVG structure changed");
    }
}

/// Share of pixels that differ from the background, and whether `color` appears.
fn ink(pixels: &[u8], background: [u8; 3], color: [u8; 3]) -> (f64, bool) {
    let mut inked = 0usize;
    let mut found = false;
    for p in pixels.chunks_exact(3) {
        if p != background {
            inked += 1;
        }
        found |= p == color;
    }
    (inked as f64 / (pixels.len() / 3) as f64, found)
}

#[test]
fn pngs_are_not_empty_and_use_the_theme() {
    for theme in [Theme::light(), Theme::dark()] {
        for (name, chart) in charts() {
            let size = chart.default_size();
            let pixels = to_rgb(&chart, &theme, size).unwrap();
            let bg = [theme.background.0, theme.background.1, theme.background.2];
            let series = theme.series_color(0);
            let (share, _) = ink(&pixels, bg, [0, 0, 0]);
            assert!(
                share > 0.01 && share < 0.9,
                "{name}: {share:.3} of pixels inked"
            );
            // The top-left corner is background, the title row has text in it.
            assert_eq!(&pixels[..3], &bg, "{name}");
            let title_row = &pixels[(20 * size.0 as usize) * 3..(24 * size.0 as usize) * 3];
            assert!(
                title_row.chunks_exact(3).any(|p| p != bg),
                "{name}: no title drawn"
            );
            if name != "scatter" && name != "bump" && name != "totals" {
                let (_, found) = ink(&pixels, bg, [series.0, series.1, series.2]);
                assert!(found, "{name}: the first series colour is not drawn");
            }
        }
    }
}

#[test]
fn totals_png_draws_the_selected_bar_in_the_selected_colour() {
    let (_, chart) = charts().remove(0);
    let theme = Theme::light();
    let pixels = to_rgb(&chart, &theme, chart.default_size()).unwrap();
    let s = theme.selected;
    let count = pixels
        .chunks_exact(3)
        .filter(|p| *p == [s.0, s.1, s.2])
        .count();
    // One bar of 88.5 points on a ~600 px axis, about 20 px high: thousands of pixels.
    assert!(count > 3000, "{count} pixels in the selected colour");
}

#[test]
fn png_file_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("totals.png");
    let (_, chart) = charts().remove(0);
    to_png(&chart, &Theme::light(), (640, 400), &path).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    // IHDR width and height.
    assert_eq!(u32::from_be_bytes(bytes[16..20].try_into().unwrap()), 640);
    assert_eq!(u32::from_be_bytes(bytes[20..24].try_into().unwrap()), 400);
    assert!(bytes.len() > 5000, "{} bytes", bytes.len());
}
