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
fn chart_of_a_staged_selection_draws_the_stage_and_its_composite() {
    let dir = tempfile::tempdir().unwrap();
    let staged = sample("staged.ron");
    // The last stage by default: it ranks on the composite (exam 30%, interview 50%,
    // assessment 20%), so the bars are in the composite order the ranking publishes.
    ok(
        &["chart", &staged, "--kind", "totals", "--out", "t.svg"],
        dir.path(),
    );
    let svg = std::fs::read_to_string(dir.path().join("t.svg")).unwrap();
    assert!(svg.contains("综合科科员 — 考察 综合成绩"), "title");
    let at = |name: &str| svg.find(name).unwrap_or_else(|| panic!("{name} missing"));
    // The axis labels are written bottom up: 胡静, 吴明, 朱桂英, 赵静 (the stage's own
    // totals would put 朱桂英 first, so last here).
    assert!(
        at("胡静") < at("吴明") && at("吴明") < at("朱桂英") && at("朱桂英") < at("赵静"),
        "composite order"
    );
    assert!(svg.contains("88.90") && svg.contains("录用线") && svg.contains("差额线"));
    // The first stage: everyone who sat the exam, with the entry cut-off.
    ok(
        &[
            "chart", &staged, "--kind", "totals", "--stage", "1", "--out", "e.svg",
        ],
        dir.path(),
    );
    let exam = std::fs::read_to_string(dir.path().join("e.svg")).unwrap();
    assert!(
        exam.contains("笔试 成绩") && exam.contains("入围线"),
        "entry line"
    );
    // Criteria charts use the stage's scheme: the exam's histogram with its gate; the
    // top-level scheme's 群众信任 is not a criterion of the written exam.
    let histogram = [
        "chart",
        &staged,
        "--kind",
        "histogram",
        "--stage",
        "1",
        "--out",
        "h.svg",
    ];
    ok(&histogram, dir.path());
    let hist = std::fs::read_to_string(dir.path().join("h.svg")).unwrap();
    assert!(
        hist.contains("笔试成绩 分布") && hist.contains("门槛 ≥ 60"),
        "exam histogram"
    );
    assert!(!hist.contains("群众信任"));
    // --stage where it means nothing is refused, not ignored.
    for (project, kind) in [(sample("sample.ron"), "totals"), (staged.clone(), "bump")] {
        let out = merit(
            &[
                "chart", &project, "--kind", kind, "--stage", "2", "--out", "n.svg",
            ],
            dir.path(),
        );
        assert!(!out.status.success(), "{kind}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("--stage"));
    }
    let out = merit(
        &[
            "chart", &staged, "--kind", "totals", "--stage", "9", "--out", "x.svg",
        ],
        dir.path(),
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no stage 9"));
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

/// The report's period for `extra` arguments, and what the command printed.
fn period_of(extra: &[&str]) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    let staged = sample("staged.ron");
    let mut args = vec!["report", &staged, "--post", "财务科科员", "--out", "r.html"];
    args.extend_from_slice(extra);
    let printed = ok(&args, dir.path());
    let html = std::fs::read_to_string(dir.path().join("r.html")).unwrap();
    let start = html.find("<b>公示期：</b>").expect("a period") + "<b>公示期：</b>".len();
    let end = start + html[start..].find("。").unwrap();
    (html[start..end].to_string(), printed)
}

#[test]
fn report_period_follows_the_official_calendar_and_dates_given_by_hand() {
    // 春节 2026: 2月15日–23日 off, Sat 2月14日 worked: Thu 12, Fri 13, Sat 14, Tue 24, Wed 25.
    let (period, printed) = period_of(&["--start", "2026-02-12"]);
    assert_eq!(period, "2026年2月12日至2026年2月25日（5个工作日）");
    assert!(!printed.contains("not built in"), "{printed}");
    // Weekends only, as before the calendar: the count runs into the holiday.
    let (period, printed) = period_of(&["--start", "2026-02-12", "--weekends-only"]);
    assert_eq!(period, "2026年2月12日至2026年2月18日（5个工作日）");
    assert!(
        !printed.contains("not built in"),
        "chosen, not missing: {printed}"
    );
    // 2027 is not built in: the command says so; holidays and a 调休 Sunday given by hand.
    let (period, printed) = period_of(&["--start", "2026-12-30"]);
    assert_eq!(period, "2026年12月30日至2027年1月5日（5个工作日）");
    assert!(
        printed.contains("official holidays of 2027 are not built in"),
        "{printed}"
    );
    let (period, _) = period_of(&[
        "--start",
        "2026-12-30",
        "--holidays",
        "2027-01-01..2027-01-03",
        "--workdays",
        "2027-01-03",
    ]);
    // Wed 30, Thu 31, (Fri 1, Sat 2 off), Sun 3 worked, Mon 4, Tue 5.
    assert_eq!(period, "2026年12月30日至2027年1月5日（5个工作日）");
    let (period, _) = period_of(&[
        "--start",
        "2026-12-30",
        "--holidays",
        "2027-01-01..2027-01-03",
    ]);
    assert_eq!(period, "2026年12月30日至2027年1月6日（5个工作日）");
}

#[test]
fn report_rejects_a_backwards_holiday_range() {
    let dir = tempfile::tempdir().unwrap();
    let out = merit(
        &[
            "report",
            &sample("staged.ron"),
            "--post",
            "财务科科员",
            "--out",
            "r.html",
            "--holidays",
            "2027-01-03..2027-01-01",
        ],
        dir.path(),
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("ends before it starts"));
    assert!(!dir.path().join("r.html").exists(), "nothing written");
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
