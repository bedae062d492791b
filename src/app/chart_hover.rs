//! Words about a chart in the interface language: the tooltip with the exact numbers of
//! what is under the pointer (a [`Hit`] found by [`crate::charts::hover`]), and why a
//! chart could not be drawn.

use crate::charts::data::{BumpData, Class, ContributionsData, RadarData};
use crate::charts::hover::Hit;
use crate::charts::render::Chart;
use crate::charts::{ChartError, FontError};
use crate::scoring::describe::Lang;

use super::i18n::tf;

fn class_name(class: Class, lang: Lang) -> &'static str {
    match class {
        Class::Selected => lang.pick("拟录用", "selected"),
        Class::Shortlisted => lang.pick("进入差额", "shortlisted"),
        Class::Advanced => lang.pick("进入下一环节", "advanced"),
        Class::Other => lang.pick("其他", "other"),
    }
}

/// What the tooltip says about `hit` in `chart`.
pub fn hover_text(chart: &Chart, hit: &Hit, lang: Lang) -> String {
    match (chart, hit) {
        (Chart::Totals(d), Hit::Bar(i)) => d.bars.get(*i).map_or_else(String::new, |b| {
            let class = class_name(b.class, lang);
            let (zh, en) = match b.rank {
                Some(r) => (format!("第 {r} 名 "), format!("#{r} ")),
                None => (String::new(), String::new()),
            };
            tf(
                lang,
                format!(
                    "{zh}{}\n{} {:.2}（{class}）",
                    b.label, d.value_label, b.value
                ),
                format!(
                    "{en}{}\n{} {:.2} ({class})",
                    b.label, d.value_label, b.value
                ),
            )
        }),
        (Chart::Contributions(d), Hit::Part { person, criterion }) => {
            part_text(d, *person, *criterion, lang)
        }
        (Chart::Histogram(d), Hit::Bin { from, to, count }) => {
            let last = (*to - d.range.1).abs() < 1e-9;
            let close = if last { "]" } else { ")" };
            tf(
                lang,
                format!("{} [{from:.2}, {to:.2}{close}：{count} 人", d.x_label),
                format!("{} [{from:.2}, {to:.2}{close}: {count} people", d.x_label),
            )
        }
        (Chart::Scatter(d), Hit::Point(i)) => d.points.get(*i).map_or_else(String::new, |p| {
            format!(
                "{} ({})\n{} {:.2}\n{} {:.2}",
                p.0,
                class_name(p.3, lang),
                d.x_label,
                p.1,
                d.y_label,
                p.2
            )
        }),
        (Chart::Radar(d), Hit::Axis(k)) => radar_text(d, *k),
        (Chart::Bump(d), Hit::Ranked(i)) => ranked_text(d, *i, lang),
        _ => String::new(),
    }
}

/// A person's rank on both sides of the rank-change chart.
fn ranked_text(d: &BumpData, i: usize, lang: Lang) -> String {
    let Some((name, left, right)) = d.people.get(i) else {
        return String::new();
    };
    let rank = |r: &Option<u32>| match r {
        Some(r) => tf(lang, format!("第 {r} 名"), format!("#{r}")),
        None => tf(lang, "未排名".into(), "not ranked".into()),
    };
    let line = |side: &str, r: &Option<u32>| {
        tf(
            lang,
            format!("{side}：{}", rank(r)),
            format!("{side}: {}", rank(r)),
        )
    };
    format!("{name}\n{}\n{}", line(&d.left, left), line(&d.right, right))
}

/// An axis of the radar and everyone's normalized score on it.
fn radar_text(d: &RadarData, k: usize) -> String {
    let Some(axis) = d.axes.get(k) else {
        return String::new();
    };
    let mut lines = vec![axis.clone()];
    for (name, scores) in &d.people {
        let score = scores.get(k).copied().unwrap_or(f64::NAN);
        let shown = if score.is_nan() {
            "—".to_string()
        } else {
            format!("{score:.2}")
        };
        lines.push(format!("{name} {shown}"));
    }
    lines.join("\n")
}

fn part_text(d: &ContributionsData, person: usize, criterion: usize, lang: Lang) -> String {
    let Some((name, points)) = d.people.get(person) else {
        return String::new();
    };
    let part = points.get(criterion).copied().unwrap_or(0.0);
    let total: f64 = points.iter().sum();
    let what = d.criteria.get(criterion).map_or("?", String::as_str);
    let pct = share(part, total);
    tf(
        lang,
        format!("{name}\n{what}：{part:.4} 分（占总分 {total:.4} 的 {pct:.1}%）"),
        format!("{name}\n{what}: {part:.4} points ({pct:.1}% of the total {total:.4})"),
    )
}

/// Why a chart could not be drawn, in `lang` (the core's messages are in English).
pub fn chart_error_text(error: &ChartError, lang: Lang) -> String {
    if lang == Lang::En {
        return error.to_string();
    }
    match error {
        ChartError::Empty(what) => {
            let why = match what.as_str() {
                "nobody is ranked" | "nobody is ranked in this post" => "这一岗位没有已排名的人员",
                "no values for this criterion" => "这一指标没有数值",
                "nobody has both scores" => "没有人同时有这两项得分",
                "no chart is shown" => "没有显示图表",
                _ if what.starts_with("a radar needs") => "雷达图需要 3 项以上指标和 1 至 6 人",
                _ => what.as_str(),
            };
            format!("无可绘制的内容：{why}")
        }
        ChartError::Font(FontError::NotFound) => "没有找到含中文的字体：请安装一种（Debian/Ubuntu：apt-get install fonts-wqy-microhei），或把 MERIT_CJK_FONT 设为字体文件"
            .to_string(),
        other => other.to_string(),
    }
}

fn share(part: f64, total: f64) -> f64 {
    if total > 0.0 {
        part / total * 100.0
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::data::{Bar, HistogramData, ScatterData, TotalsData};

    #[test]
    fn chart_errors_read_in_chinese() {
        let e = ChartError::Empty("no values for this criterion".into());
        assert_eq!(
            chart_error_text(&e, Lang::Zh),
            "无可绘制的内容：这一指标没有数值"
        );
        assert_eq!(chart_error_text(&e, Lang::En), e.to_string());
    }

    /// Four people at 90, 80, 80, 70 in one post: ranks 1, 2, 2, 4.
    fn tied_project() -> crate::model::Project {
        use crate::model::{Criterion, Group, Person, Post, Project, Scheme, Value};
        let person = |id: &str, x: f64| Person {
            id: id.into(),
            name: format!("n{id}"),
            post: Some("p".into()),
            scores: [("x".to_string(), Value::Number(x))].into_iter().collect(),
            ..Person::default()
        };
        Project {
            scheme: Scheme {
                groups: vec![Group {
                    name: "g".into(),
                    weight: 1.0,
                    criteria: vec![Criterion {
                        key: "x".into(),
                        name: "x".into(),
                        weight: 1.0,
                        ..Criterion::default()
                    }],
                    ..Group::default()
                }],
                ..Scheme::default()
            },
            posts: vec![Post {
                id: "p".into(),
                name: "post".into(),
                openings: 1,
                shortlist_ratio: 1.0,
            }],
            people: vec![
                person("a", 90.0),
                person("b", 80.0),
                person("c", 80.0),
                person("d", 70.0),
            ],
            ..Project::default()
        }
    }

    #[test]
    fn the_totals_tooltip_gives_the_shared_rank_of_a_tie() {
        let project = tied_project();
        let evaluation = crate::scoring::evaluate(&project);
        let post = &evaluation.posts[0];
        let ranks: Vec<_> = post.rows.iter().map(|r| r.rank).collect();
        assert_eq!(ranks, vec![Some(1), Some(2), Some(2), Some(4)]);
        let chart = Chart::Totals(crate::charts::data::totals(&project, post, Lang::Zh));
        let said: Vec<String> = (0..4)
            .map(|i| hover_text(&chart, &Hit::Bar(i), Lang::Zh))
            .collect();
        assert!(said[2].starts_with("第 2 名 nc\n"), "{}", said[2]);
        assert!(said[3].starts_with("第 4 名 nd\n"), "{}", said[3]);
        let en = hover_text(&chart, &Hit::Bar(2), Lang::En);
        assert!(en.starts_with("#2 nc\n"), "{en}");
    }

    #[test]
    fn the_radar_tooltip_lists_everyones_score_on_the_axis() {
        let radar = Chart::Radar(RadarData {
            title: String::new(),
            axes: vec!["笔试".into(), "面试".into(), "考察".into()],
            people: vec![
                ("王伟".into(), vec![80.0, 72.25, 90.0]),
                ("李娜".into(), vec![70.5, f64::NAN, 85.0]),
            ],
        });
        assert_eq!(
            hover_text(&radar, &Hit::Axis(1), Lang::Zh),
            "面试\n王伟 72.25\n李娜 —"
        );
        assert_eq!(hover_text(&radar, &Hit::Axis(9), Lang::Zh), "");
        let bump = Chart::Bump(BumpData {
            title: String::new(),
            left: "笔试".into(),
            right: "面试".into(),
            people: vec![
                ("王伟".into(), Some(3), Some(1)),
                ("李娜".into(), Some(1), None),
            ],
        });
        assert_eq!(
            hover_text(&bump, &Hit::Ranked(0), Lang::Zh),
            "王伟\n笔试：第 3 名\n面试：第 1 名"
        );
        assert_eq!(
            hover_text(&bump, &Hit::Ranked(1), Lang::En),
            "李娜\n笔试: #1\n面试: not ranked"
        );
        let e = ChartError::Font(FontError::NotFound);
        assert!(
            !chart_error_text(&e, Lang::Zh).contains("  "),
            "no stray spaces"
        );
    }

    #[test]
    fn a_stage_bar_says_what_its_value_is_and_who_advanced() {
        let totals = Chart::Totals(TotalsData {
            title: String::new(),
            bars: vec![Bar {
                label: "胡桂英".into(),
                value: 89.0,
                class: Class::Advanced,
                rank: Some(1),
            }],
            cuts: Vec::new(),
            value_label: "综合成绩".into(),
        });
        assert_eq!(
            hover_text(&totals, &Hit::Bar(0), Lang::Zh),
            "第 1 名 胡桂英\n综合成绩 89.00（进入下一环节）"
        );
    }

    #[test]
    fn tooltips_give_the_exact_numbers() {
        let totals = Chart::Totals(TotalsData {
            title: String::new(),
            bars: vec![Bar {
                label: "王伟".into(),
                value: 80.32,
                class: Class::Selected,
                rank: Some(1),
            }],
            cuts: Vec::new(),
            value_label: "总分".into(),
        });
        assert_eq!(
            hover_text(&totals, &Hit::Bar(0), Lang::Zh),
            "第 1 名 王伟\n总分 80.32（拟录用）"
        );
        let hist = Chart::Histogram(HistogramData {
            title: String::new(),
            x_label: "Exam".into(),
            values: vec![],
            range: (0.0, 100.0),
            gate: None,
        });
        let bin = Hit::Bin {
            from: 95.0,
            to: 100.0,
            count: 2,
        };
        assert_eq!(
            hover_text(&hist, &bin, Lang::En),
            "Exam [95.00, 100.00]: 2 people"
        );
        let scatter = Chart::Scatter(ScatterData {
            title: String::new(),
            x_label: "x".into(),
            y_label: "y".into(),
            points: vec![("李娜".into(), 81.5, 70.25, Class::Other)],
        });
        assert_eq!(
            hover_text(&scatter, &Hit::Point(0), Lang::En),
            "李娜 (other)\nx 81.50\ny 70.25"
        );
    }
}
