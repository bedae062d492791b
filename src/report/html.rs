//! The printable results report of one post (公示): self-contained HTML styled for A4, with
//! the post, the scheme and its weights, the ranking, the selected and shortlisted, the
//! publication period, and the charts embedded as SVG. No script, no external file.

use chrono::NaiveDate;

use crate::charts::data;
use crate::charts::render::{Chart, to_svg};
use crate::charts::{ChartError, Theme};
use crate::model::{Project, Scheme};
use crate::scoring::Weights;
use crate::scoring::describe::{Lang, criterion_name};
use crate::scoring::number::format_cents;
use crate::scoring::stages::{Outcome, StagedEvaluation};

use super::results::{PublishedLine, published_lines, totals_of_lines};
use super::workdays::chinese_date;

/// What the report is about and when it is published.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportSpec {
    /// The post id.
    pub post: String,
    /// The stage to publish (0-based).
    pub stage: usize,
    /// The publication period: first day, last day, number of working days.
    pub period: Option<(NaiveDate, NaiveDate, u32)>,
}

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
@page { size: A4; margin: 16mm 15mm; }
* { box-sizing: border-box; }
body { font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif;
  color: #1f1f1f; max-width: 180mm; margin: 0 auto; font-size: 10.5pt; line-height: 1.5; }
h1 { font-size: 17pt; text-align: center; margin: 0 0 4mm; }
h2 { font-size: 12.5pt; border-bottom: 1.5px solid #0072B2; padding-bottom: 1mm; margin: 6mm 0 2mm; }
p.lead { text-align: center; color: #5c5c5c; margin: 0 0 4mm; }
table { width: 100%; border-collapse: collapse; margin: 2mm 0; page-break-inside: auto; }
th, td { border: 1px solid #b4b4b4; padding: 1.2mm 2mm; text-align: left; }
th { background: #eef4f9; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr { page-break-inside: avoid; }
tr.selected td { background: #e3f0fa; font-weight: 600; }
tr.shortlisted td { background: #f3f8fc; }
tr.out td { color: #5c5c5c; }
.chart { page-break-inside: avoid; margin: 3mm 0; }
.chart svg { width: 100%; height: auto; }
.period { border: 1.5px solid #0072B2; padding: 3mm 4mm; margin: 4mm 0; page-break-inside: avoid; }
.note { color: #5c5c5c; font-size: 9pt; }
"#;

/// The whole report as one HTML document.
pub fn html_report(
    project: &Project,
    staged: &StagedEvaluation,
    spec: &ReportSpec,
) -> Result<String, ChartError> {
    let lines = published_lines(project, staged, &spec.post, spec.stage);
    let post = project.post(&spec.post);
    let post_name = post.map_or(spec.post.as_str(), |p| p.display_name());
    let title = format!("{}{}结果公示", escape(&project.title), escape(post_name));
    let mut html = format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{title}</h1>\n"
    );
    if let Some(p) = post {
        html.push_str(&format!(
            "<p class=\"lead\">岗位：{}　职数：{}　差额比例：1:{}</p>\n",
            escape(p.display_name()),
            p.openings,
            p.shortlist_ratio
        ));
    }
    html.push_str(&scheme_section(staged, spec.stage));
    html.push_str(&outcome_section(&lines));
    html.push_str(&ranking_section(staged, spec.stage, &lines));
    html.push_str(&charts_section(project, staged, spec, &lines, post_name)?);
    html.push_str(&period_section(spec.period));
    html.push_str("</body>\n</html>\n");
    Ok(html)
}

fn weights_table(scheme: &Scheme) -> String {
    let weights = Weights::from_scheme(scheme).effective::<f64>();
    let mut rows = String::new();
    let mut k = 0;
    for group in &scheme.groups {
        for c in &group.criteria {
            let gate = c
                .gate
                .map(|g| format!("{} {}", g.symbol(), g.value))
                .unwrap_or_default();
            rows.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td class=\"num\">{:.2}%</td><td>{}</td><td>{}</td></tr>\n",
                escape(&group.name),
                escape(criterion_name(c, Lang::Zh)),
                weights[k] * 100.0,
                escape(&c.scale.describe()),
                escape(&gate)
            ));
            k += 1;
        }
    }
    format!(
        "<table>\n<tr><th>维度</th><th>指标</th><th class=\"num\">权重</th><th>分值范围</th>\
         <th>资格条件</th></tr>\n{rows}</table>\n"
    )
}

fn scheme_section(staged: &StagedEvaluation, stage: usize) -> String {
    let mut html = String::from("<h2>评价方案与权重</h2>\n");
    let several = staged.stages.len() > 1;
    for (i, st) in staged.stages.iter().enumerate().take(stage + 1) {
        if several {
            let mut head = format!("第{}环节　{}", i + 1, escape(&st.stage.display_name(i)));
            if i > 0 {
                head.push_str(&format!("（入围比例 1:{}）", st.stage.entry_ratio));
            }
            html.push_str(&format!("<p><b>{head}</b></p>\n"));
        }
        html.push_str(&weights_table(&st.project.scheme));
        let composite = &st.stage.composite;
        let sum: f64 = composite.iter().filter(|w| **w > 0.0).sum();
        if !composite.is_empty() && sum > 0.0 {
            let parts: Vec<String> = composite
                .iter()
                .enumerate()
                .filter(|(_, w)| **w > 0.0)
                .map(|(j, w)| {
                    let name = staged
                        .stages
                        .get(j)
                        .map_or_else(String::new, |s| s.stage.display_name(j));
                    format!("{}成绩 × {:.0}%", escape(&name), w / sum * 100.0)
                })
                .collect();
            html.push_str(&format!(
                "<p>综合成绩 = {}（按公布的各环节成绩计算，四舍五入保留两位小数）</p>\n",
                parts.join(" + ")
            ));
        }
    }
    html
}

fn outcome_section(lines: &[PublishedLine]) -> String {
    let names = |want: &Outcome| -> Vec<String> {
        lines
            .iter()
            .filter(|l| &l.outcome == want)
            .map(|l| format!("{}（{}）", escape(&l.name), escape(&l.department)))
            .collect()
    };
    let mut html = String::from("<h2>拟录用及差额人选</h2>\n");
    for (label, outcome) in [
        ("拟录用人选", Outcome::Selected),
        ("差额人选", Outcome::Shortlisted),
        ("进入下一环节人选", Outcome::Advanced),
    ] {
        let list = names(&outcome);
        if !list.is_empty() {
            html.push_str(&format!("<p><b>{label}：</b>{}</p>\n", list.join("、")));
        }
    }
    html
}

fn ranking_section(staged: &StagedEvaluation, stage: usize, lines: &[PublishedLine]) -> String {
    let composite = !staged.stages[stage].stage.composite.is_empty();
    let several = staged.stages.len() > 1;
    let mut head = String::from("<tr><th class=\"num\">名次</th><th>姓名</th><th>单位</th>");
    head.push_str(&format!(
        "<th class=\"num\">{}</th>",
        if composite { "综合成绩" } else { "成绩" }
    ));
    if several {
        for (i, st) in staged.stages.iter().enumerate().take(stage + 1) {
            head.push_str(&format!(
                "<th class=\"num\">{}</th>",
                escape(&st.stage.display_name(i))
            ));
        }
    }
    head.push_str("<th>结果</th></tr>\n");
    let cents = |c: Option<i64>| c.map(format_cents).unwrap_or_default();
    let mut rows = String::new();
    for l in lines {
        let class = match l.outcome {
            Outcome::Selected => "selected",
            Outcome::Shortlisted | Outcome::Advanced => "shortlisted",
            Outcome::NotSelected => "",
            Outcome::Eliminated(_) | Outcome::EliminatedEarlier { .. } => "out",
        };
        let mut row = format!(
            "<tr class=\"{class}\"><td class=\"num\">{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td>",
            l.rank.map(|r| r.to_string()).unwrap_or_default(),
            escape(&l.name),
            escape(&l.department),
            cents(l.total)
        );
        if several {
            for c in &l.stage_totals {
                row.push_str(&format!("<td class=\"num\">{}</td>", cents(*c)));
            }
        }
        let tie = if l.tie_at_cutoff { "（并列）" } else { "" };
        row.push_str(&format!("<td>{}{tie}</td></tr>\n", escape(&l.status)));
        rows.push_str(&row);
    }
    format!(
        "<h2>成绩排名</h2>\n<table>\n{head}{rows}</table>\n<p class=\"note\">成绩保留两位小数，\
         四舍五入；成绩相同者按方案规定的顺序比较，仍相同者名次并列。</p>\n"
    )
}

fn charts_section(
    project: &Project,
    staged: &StagedEvaluation,
    spec: &ReportSpec,
    lines: &[PublishedLine],
    post_name: &str,
) -> Result<String, ChartError> {
    let theme = Theme::light();
    let title = (format!("{post_name} — 成绩"), "成绩".to_string());
    let mut charts = vec![Chart::Totals(totals_of_lines(lines, title, Lang::Zh))];
    let st = &staged.stages[spec.stage];
    if let Some(pe) = st.evaluation.post(Some(&spec.post))
        && pe.rows.iter().any(|r| r.total.is_some())
    {
        let mut c = data::contributions_data(&st.project, &st.evaluation, pe, Lang::Zh);
        c.title = format!(
            "{post_name} — {}各项加权得分",
            st.stage.display_name(spec.stage)
        );
        charts.push(Chart::Contributions(c));
    }
    let _ = project;
    let mut html = String::from("<h2>图表</h2>\n");
    for chart in charts {
        if matches!(&chart, Chart::Totals(t) if t.bars.is_empty()) {
            continue;
        }
        let svg = to_svg(&chart, &theme, chart.default_size())?;
        html.push_str(&format!("<div class=\"chart\">{svg}</div>\n"));
    }
    Ok(html)
}

fn period_section(period: Option<(NaiveDate, NaiveDate, u32)>) -> String {
    let Some((first, last, days)) = period else {
        return String::new();
    };
    format!(
        "<div class=\"period\"><b>公示期：</b>{}至{}（{days}个工作日）。<br>公示期间，如对\
         公示人选有异议，请以书面或当面形式向组织人事部门反映。反映问题应实事求是，并提供\
         具体事实或线索。</div>\n",
        chinese_date(first),
        chinese_date(last)
    )
}
