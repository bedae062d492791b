//! `merit import`, `merit export` and `merit sheets` end to end on real files.

mod common;
use common::*;

#[test]
fn gbk_import_says_how_it_was_read_and_keeps_absence_reasons() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&["new", "p.ron"], d);
    let text = ok(&["import", "p.ron", &fixture("import/people_gbk.csv")], d);
    assert!(
        text.starts_with("read as CSV, encoding GBK, delimiter ',', header on row 2\n3 added"),
        "{text}"
    );
    assert!(
        text.contains("row 6 skipped (a summary row (合计), not a person)"),
        "{text}"
    );
    let rank = ok(&["rank", "p.ron", "--format", "json", "--post", "科员"], d);
    let json: serde_json::Value = serde_json::from_str(&rank).unwrap();
    let li = json["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "0002")
        .unwrap();
    assert_eq!(li["status"], "incomplete");
    assert!(
        li["reason"]
            .as_str()
            .unwrap()
            .contains("笔试成绩 (exam) (缺考)"),
        "{li}"
    );
}

#[test]
fn rejected_rows_change_nothing_unless_skip_invalid() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&["new", "p.ron"], d);
    let before = std::fs::read(d.join("p.ron")).unwrap();
    let out = merit(&["import", "p.ron", &fixture("import/sci_ids.csv")], d);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("formatted this column as a number"), "{err}");
    assert_eq!(std::fs::read(d.join("p.ron")).unwrap(), before);
    let text = ok(
        &[
            "import",
            "p.ron",
            &fixture("import/sci_ids.csv"),
            "--skip-invalid",
            "--report",
            "r.json",
        ],
        d,
    );
    assert!(text.contains("2 rejected row(s) left out"), "{text}");
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.join("r.json")).unwrap()).unwrap();
    assert_eq!(report["rejected"], 2);
    assert_eq!(report["source"]["encoding"], "GBK");
    let people = ok(
        &["export", "p.ron", "--what", "people", "--out", "people.csv"],
        d,
    );
    assert!(people.starts_with("wrote 1 rows"), "{people}");
}

/// The mapping file a dry run prints, between its heading and `dry run`.
fn printed_mapping(text: &str) -> &str {
    let after = text
        .split_once("pass it back with --mapping FILE):\n")
        .expect("a mapping heading")
        .1;
    after.split_once("\ndry run").expect("the dry run line").0
}

#[test]
fn dry_run_prints_a_mapping_that_imports_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&["new", "p.ron"], d);
    let file = fixture("import/odd_headers.csv");
    let text = ok(
        &[
            "import",
            "p.ron",
            &file,
            "--mapping",
            &fixture("import/odd_headers.mapping"),
            "--dry-run",
        ],
        d,
    );
    let mapping = printed_mapping(&text);
    assert!(
        mapping.contains("exam_score = criterion:exam\n"),
        "{mapping}"
    );
    std::fs::write(d.join("m.txt"), mapping).unwrap();
    let text = ok(&["import", "p.ron", &file, "--mapping", "m.txt"], d);
    assert!(text.contains("1 added"), "{text}");
}

#[test]
fn a_dry_run_without_the_required_columns_prints_a_mapping_to_complete() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&["new", "p.ron"], d);
    let file = fixture("import/odd_headers.csv");
    let out = merit(&["import", "p.ron", &file, "--dry-run"], d);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("missing required column id"), "{stderr}");
    let text = String::from_utf8(out.stdout).unwrap();
    let mapping = printed_mapping(&text);
    assert!(mapping.contains("cand_no = extra\n"), "{mapping}");
    // The user gives the missing field to its column, and the file imports.
    let completed = mapping
        .replace("cand_no = extra", "cand_no = id")
        .replace("exam_score = extra", "exam_score = criterion:exam");
    std::fs::write(d.join("m.txt"), completed).unwrap();
    let text = ok(&["import", "p.ron", &file, "--mapping", "m.txt"], d);
    assert!(text.contains("1 added"), "{text}");
}

#[test]
fn export_ranking_csv_gbk_and_xlsx_and_sheets_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&["new", "p.ron"], d);
    ok(&["import", "p.ron", &sample("exam_results.csv")], d);
    ok(
        &[
            "import",
            "p.ron",
            &sample("ratings.csv"),
            "--kind",
            "ratings",
        ],
        d,
    );
    ok(&["export", "p.ron", "--out", "r.csv"], d);
    let csv = std::fs::read(d.join("r.csv")).unwrap();
    assert!(csv.starts_with(b"\xEF\xBB\xBFpost,rank,id,name"));
    assert!(csv.windows(2).any(|w| w == b"\r\n"));
    ok(
        &["export", "p.ron", "--out", "r-gbk.csv", "--encoding", "gbk"],
        d,
    );
    let gbk = std::fs::read(d.join("r-gbk.csv")).unwrap();
    let (text, _, bad) = encoding_rs::GBK.decode(&gbk);
    assert!(!bad && text.contains("综合科科员"));
    ok(
        &["export", "p.ron", "--out", "r.xlsx", "--post", "综合科科员"],
        d,
    );
    assert!(std::fs::read(d.join("r.xlsx")).unwrap().starts_with(b"PK"));
    // Ratings: rater names stay out unless asked for.
    ok(
        &["export", "p.ron", "--what", "ratings", "--out", "ra.csv"],
        d,
    );
    let ratings = std::fs::read_to_string(d.join("ra.csv")).unwrap();
    let original = std::fs::read_to_string(sample("ratings.csv")).unwrap();
    let rater = original.lines().nth(1).unwrap().split(',').nth(2).unwrap();
    assert!(
        !ratings.contains(&format!(",{rater},")),
        "rater {rater} leaked"
    );
    assert!(ratings.contains(",R1,"));
    ok(
        &[
            "export",
            "p.ron",
            "--what",
            "ratings",
            "--out",
            "rb.csv",
            "--with-raters",
        ],
        d,
    );
    assert!(
        std::fs::read_to_string(d.join("rb.csv"))
            .unwrap()
            .contains(rater)
    );
    // Blank score sheets, filled in, import back as ratings (XLSX and CSV).
    for format in ["xlsx", "csv"] {
        let out = format!("sheets-{format}");
        let text = ok(
            &[
                "sheets",
                "p.ron",
                "--out",
                &out,
                "--format",
                format,
                "--raters",
                "新评委",
                "--group",
                "群众",
                "--criteria",
                "peer_trust",
            ],
            d,
        );
        assert!(text.starts_with("wrote 1 score sheet(s)"), "{text}");
        let sheet = d.join(&out).join(format!("评分表_新评委.{format}"));
        let imported = ok(
            &[
                "import",
                "p.ron",
                sheet.to_str().unwrap(),
                "--kind",
                "ratings",
                "--dry-run",
            ],
            d,
        );
        // Blank: every row is a rating not given, nothing changes, nothing rejected.
        assert!(
            imported.contains("0 ratings added, 0 replaced, 0 unchanged, 0 rows rejected"),
            "{imported}"
        );
    }
    let csv_sheet = d.join("sheets-csv").join("评分表_新评委.csv");
    let filled: String = std::fs::read_to_string(&csv_sheet)
        .unwrap()
        .lines()
        .map(|l| {
            if l.ends_with(',') {
                format!("{l}88\r\n")
            } else {
                format!("{l}\r\n")
            }
        })
        .collect();
    std::fs::write(&csv_sheet, filled).unwrap();
    let imported = ok(
        &[
            "import",
            "p.ron",
            csv_sheet.to_str().unwrap(),
            "--kind",
            "ratings",
        ],
        d,
    );
    assert!(imported.contains("48 ratings added"), "{imported}");
}
