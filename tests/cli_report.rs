//! `merit rank --stage`, `merit chart` and `merit report` end to end on the bundled
//! samples: a staged selection (`data-samples/staged.ron`) and the single-stage round.

mod common;
use common::*;

#[test]
fn rank_stage_shows_who_entered_and_why_others_left() {
    let dir = tempfile::tempdir().unwrap();
    let staged = sample("staged.ron");
    let text = ok(
        &["rank", &staged, "--stage", "1", "--post", "综合科科员"],
        dir.path(),
    );
    // 2 openings × 1:3 = 6 places; a tie at rank 6 goes through whole.
    assert!(text.contains("6 place(s) in the next stage"), "{text}");
    assert!(text.contains("（并列，同时进入）"), "{text}");
    assert!(text.contains("笔试淘汰：第8名，未进入前6名"), "{text}");
    assert!(text.contains("笔试成绩 57.5 未达到 ≥ 60"), "{text}");
    let last = ok(
        &["rank", &staged, "--stage", "3", "--post", "财务科科员"],
        dir.path(),
    );
    // 0.3 × 84.50 + 0.5 × 79.85 + 0.2 × 93.66 = 84.007 → 84.01.
    assert!(last.contains("84.01"), "{last}");
    assert!(last.contains("拟录用"), "{last}");
    assert!(last.contains("面试淘汰：第3名，未进入前2名"), "{last}");
    let out = merit(&["rank", &staged, "--stage", "4"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no stage 4"));
}

#[test]
fn chart_writes_png_and_svg_of_every_kind() {
    let dir = tempfile::tempdir().unwrap();
    let round = sample("sample.ron");
    for kind in ["totals", "contributions", "radar", "histogram", "scatter"] {
        for ext in ["png", "svg"] {
            let out = format!("{kind}.{ext}");
            ok(
                &["chart", &round, "--kind", kind, "--out", &out],
                dir.path(),
            );
            let bytes = std::fs::read(dir.path().join(&out)).unwrap();
            assert!(bytes.len() > 3000, "{out}: {} bytes", bytes.len());
        }
    }
    let svg = std::fs::read_to_string(dir.path().join("totals.svg")).unwrap();
    assert!(
        svg.contains("综合科科员 — 总分") && svg.contains("录用线"),
        "{svg}"
    );
    ok(
        &[
            "chart",
            &sample("staged.ron"),
            "--kind",
            "bump",
            "--out",
            "b.svg",
        ],
        dir.path(),
    );
    let bump = std::fs::read_to_string(dir.path().join("b.svg")).unwrap();
    assert!(bump.contains("笔试") && bump.contains("考察"));
    let out = merit(
        &["chart", &round, "--kind", "bump", "--out", "x.png"],
        dir.path(),
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("--compare"));
    let out = merit(
        &["chart", &round, "--kind", "totals", "--out", "x.jpg"],
        dir.path(),
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains(".png or .svg"));
}

#[test]
fn report_is_self_contained_html_with_the_period() {
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "report",
        &sample("staged.ron"),
        "--post",
        "财务科科员",
        "--out",
        "r.html",
        "--start",
        "2026-12-01",
        "--days",
        "5",
    ];
    ok(&args, dir.path());
    let html = std::fs::read_to_string(dir.path().join("r.html")).unwrap();
    // Tue 1 December + 5 working days = Mon 7 December.
    assert!(
        html.contains("2026年12月1日至2026年12月7日（5个工作日）"),
        "period"
    );
    assert!(html.contains("<svg") && html.contains("@page { size: A4"));
    assert!(html.contains("综合成绩 = 笔试成绩 × 30% + 面试成绩 × 50% + 考察成绩 × 20%"));
    assert!(html.contains("<b>拟录用人选：</b>何秀英"), "selected");
    assert!(
        !html.contains("<script") && !html.contains("src=\"http"),
        "self-contained"
    );
    // No person ids, no raters.
    assert!(!html.contains("20260015"), "ids stay out");
}

#[test]
fn report_csv_lists_stage_scores_without_ids() {
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "report",
        &sample("staged.ron"),
        "--post",
        "财务科科员",
        "--out",
        "r.csv",
    ];
    ok(&args, dir.path());
    let bytes = std::fs::read(dir.path().join("r.csv")).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "BOM for Excel");
    let text = String::from_utf8(bytes).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap().trim_start_matches('\u{feff}'),
        "名次,姓名,单位,综合成绩,笔试成绩,面试成绩,考察成绩,结果"
    );
    assert_eq!(
        lines.next().unwrap(),
        "1,何秀英,财务处,84.01,84.50,79.85,93.66,拟录用"
    );
    assert!(!text.contains("2026000"), "no ids");
}

/// The text of one file inside an .xlsx (a zip archive).
fn xlsx_part(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn report_xlsx_holds_numbers_and_text() {
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "report",
        &sample("staged.ron"),
        "--post",
        "财务科科员",
        "--out",
        "r.xlsx",
    ];
    ok(&args, dir.path());
    let bytes = std::fs::read(dir.path().join("r.xlsx")).unwrap();
    let strings = xlsx_part(&bytes, "xl/sharedStrings.xml");
    for text in [
        "综合成绩",
        "考察成绩",
        "何秀英",
        "拟录用",
        "面试淘汰：第3名，未进入前2名",
    ] {
        assert!(strings.contains(text), "no {text} in {strings}");
    }
    let sheet = xlsx_part(&bytes, "xl/worksheets/sheet1.xml");
    // The composite of the first line is a number cell, not text.
    assert!(sheet.contains("<v>84.01</v>"), "{sheet}");
    assert!(!strings.contains("2026000"), "no ids");
    let workbook = xlsx_part(&bytes, "xl/workbook.xml");
    assert!(workbook.contains("name=\"财务科科员\""), "{workbook}");
}
