//! The `merit` binary end to end, on files in `tests/fixtures` and `data-samples`.

use std::path::{Path, PathBuf};
mod common;
use common::*;

/// A project in a fresh folder with the fixture people imported into post 科员 (1 opening, 1:2).
fn small_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    ok(&["new", "p.ron"], dir.path());
    ok(&["import", "p.ron", &fixture("people.csv")], dir.path());
    ok(
        &["post", "p.ron", "科员", "--openings", "1", "--ratio", "2"],
        dir.path(),
    );
    dir
}

fn rank_json(dir: &Path) -> serde_json::Value {
    let text = ok(
        &["rank", "p.ron", "--format", "json", "--post", "科员"],
        dir,
    );
    serde_json::from_str(&text).expect("json")
}

#[test]
fn rank_json_has_hand_computed_totals_and_statuses() {
    let dir = small_project();
    let json = rank_json(dir.path());
    assert_eq!(json["post"], "科员");
    let rows = json["rows"].as_array().expect("rows");
    let brief: Vec<(String, serde_json::Value, serde_json::Value, String)> = rows
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap_or_default().to_string(),
                r["rank"].clone(),
                r["total"].clone(),
                r["status"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    // A02: .3×60 + .2×100 + .2×100 + .15×100 + .15×100 = 88.
    // A01: .3×90 + .2×80 + .2×70 + .15×60 + .15×50 = 27 + 16 + 14 + 9 + 7.5 = 73.5.
    assert_eq!(brief[0].0, "A02");
    assert_eq!(brief[0].1, 1);
    assert!((brief[0].2.as_f64().unwrap() - 88.0).abs() < 1e-9);
    assert_eq!(brief[0].3, "selected");
    assert_eq!(brief[1].0, "A01");
    assert!((brief[1].2.as_f64().unwrap() - 73.5).abs() < 1e-9);
    assert_eq!(brief[1].3, "shortlisted");
    assert_eq!(
        brief[2],
        (
            "A03".into(),
            serde_json::Value::Null,
            serde_json::Value::Null,
            "ineligible".into()
        )
    );
    assert!(rows[2]["reason"].as_str().unwrap().contains("59.5"));
    assert_eq!(brief[3].3, "incomplete");
    assert!(rows[3]["reason"].as_str().unwrap().contains("领导满意度"));
    assert_eq!(rows[0]["scores"]["exam"], 60.0);
    assert_eq!(rows[0]["tied"], false);
}

#[test]
fn ratings_import_feeds_a_trimmed_mean() {
    let dir = small_project();
    let out = ok(
        &[
            "import",
            "p.ron",
            &fixture("ratings.csv"),
            "--kind",
            "ratings",
        ],
        dir.path(),
    );
    assert!(out.contains("6 ratings added"), "{out}");
    // Six ratings 50..100: drop 100 and 50, mean(60, 70, 80, 90) = 75 replaces the
    // direct 60: total 73.5 + .15 × (75 − 60) = 75.75.
    let json = rank_json(dir.path());
    let a01 = json["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "A01")
        .unwrap()
        .clone();
    assert_eq!(a01["published"], "75.75");
    assert_eq!(a01["scores"]["peer_trust"], 75.0);
}

#[test]
fn bad_import_lists_every_problem_and_changes_nothing() {
    let dir = small_project();
    let before = std::fs::read(dir.path().join("p.ron")).unwrap();
    let out = merit(
        &[
            "import",
            "p.ron",
            &fixture("bad_people.csv"),
            "--report",
            "report.json",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    for expected in ["row 2", "120", "row 3", "abc", "row 4", "row 5"] {
        assert!(
            stderr.contains(expected),
            "missing {expected:?} in:\n{stderr}"
        );
    }
    assert_eq!(
        std::fs::read(dir.path().join("p.ron")).unwrap(),
        before,
        "project changed"
    );
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("report.json")).unwrap()).unwrap();
    assert_eq!(report["accepted"], 0);
    assert_eq!(report["rejected"], 4);
    let problems = report["problems"].as_array().unwrap();
    assert!(problems.len() >= 4);
    let first = &problems[0];
    assert_eq!(first["row"], 2);
    assert_eq!(first["column"], "笔试成绩");
    assert_eq!(first["value"], "120");
    assert!(first["reason"].as_str().unwrap().contains("outside"));
}

#[test]
fn dry_run_writes_nothing() {
    let dir = small_project();
    let before = std::fs::read(dir.path().join("p.ron")).unwrap();
    let out = ok(
        &[
            "import",
            "p.ron",
            &fixture("ratings.csv"),
            "--kind",
            "ratings",
            "--dry-run",
        ],
        dir.path(),
    );
    assert!(out.contains("dry run"), "{out}");
    assert_eq!(std::fs::read(dir.path().join("p.ron")).unwrap(), before);
}

#[test]
fn reimport_updates_instead_of_duplicating() {
    let dir = small_project();
    let out = ok(&["import", "p.ron", &fixture("people.csv")], dir.path());
    assert!(out.contains("0 added"), "{out}");
    assert_eq!(rank_json(dir.path())["rows"].as_array().unwrap().len(), 4);
}

#[test]
fn csv_output_is_excel_ready() {
    let dir = small_project();
    ok(
        &["rank", "p.ron", "--format", "csv", "--out", "r.csv"],
        dir.path(),
    );
    let bytes = std::fs::read(dir.path().join("r.csv")).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "BOM");
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains("\r\n"));
    assert!(
        text.contains("科员,1,A02,李四,人事处,88.00,selected"),
        "{text}"
    );
}

#[test]
fn table_is_the_default_format() {
    let dir = small_project();
    let text = ok(&["rank", "p.ron"], dir.path());
    assert!(text.contains("科员: 1 opening(s), shortlist 2"), "{text}");
    assert!(text.contains("88.00"));
}

#[test]
fn unknown_post_is_a_clear_error() {
    let dir = small_project();
    let out = merit(&["rank", "p.ron", "--post", "处长"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no post '处长'"));
}

#[test]
fn scheme_example_round_trips_through_set() {
    let dir = small_project();
    let example = ok(&["scheme", "--example"], dir.path());
    let changed = example.replacen("weight: 30.0", "weight: 0.0", 1);
    std::fs::write(dir.path().join("s.ron"), changed).unwrap();
    ok(&["scheme", "p.ron", "--set", "s.ron"], dir.path());
    // Without the exam group, A02 (100 on the rest) is 100 and A01 is (80×20+70×20+60×15+50×15)/70.
    let json = rank_json(dir.path());
    assert_eq!(json["rows"][0]["published"], "100.00");
    assert_eq!(json["rows"][1]["published"], "66.43");
    let printed = ok(&["scheme", "p.ron"], dir.path());
    assert!(printed.contains("weight: 0.0"));
}

#[test]
fn a_broken_scheme_file_changes_nothing() {
    let dir = small_project();
    let before = std::fs::read(dir.path().join("p.ron")).unwrap();
    std::fs::write(
        dir.path().join("s.ron"),
        "Scheme(groups: [Group(weight: \"x\")])",
    )
    .unwrap();
    let out = merit(&["scheme", "p.ron", "--set", "s.ron"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line 1, column"), "{stderr}");
    assert_eq!(std::fs::read(dir.path().join("p.ron")).unwrap(), before);
}

#[test]
fn a_corrupt_project_is_reported_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Project(\n    version: 1,\n    posts: [Post(openings: \"two\")],\n)\n";
    std::fs::write(dir.path().join("p.ron"), text).unwrap();
    let out = merit(&["rank", "p.ron"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line 3"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("p.ron")).unwrap(),
        text
    );
}

#[test]
fn new_refuses_to_overwrite_without_force() {
    let dir = small_project();
    let out = merit(&["new", "p.ron"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
}

#[test]
fn explain_decomposes_a_total_and_a_difference() {
    let dir = small_project();
    let text = ok(&["explain", "p.ron", "A01"], dir.path());
    assert!(text.contains("total 73.50"), "{text}");
    assert!(
        text.contains("27.000"),
        "exam contributes .3 × 90 = 27: {text}"
    );
    let text = ok(&["explain", "p.ron", "A02", "--vs", "A01"], dir.path());
    assert!(text.contains("difference +14.500"), "{text}");
}

#[test]
fn the_sample_round_ranks_all_three_posts() {
    let dir = tempfile::tempdir().unwrap();
    let sample = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data-samples/sample.ron");
    let text = ok(
        &["rank", &sample.display().to_string(), "--format", "json"],
        dir.path(),
    );
    let posts: serde_json::Value = serde_json::from_str(&text).unwrap();
    let posts = posts.as_array().unwrap();
    assert_eq!(posts.len(), 3);
    let people: usize = posts
        .iter()
        .map(|p| p["rows"].as_array().unwrap().len())
        .sum();
    assert_eq!(people, 48);
    let selected = posts
        .iter()
        .flat_map(|p| p["rows"].as_array().unwrap())
        .filter(|r| r["status"] == "selected")
        .count();
    assert_eq!(selected, 4);
}

#[test]
fn every_command_has_help() {
    let dir = tempfile::tempdir().unwrap();
    for command in ["new", "post", "import", "rank", "scheme", "explain"] {
        let text = ok(&[command, "--help"], dir.path());
        assert!(text.contains("Usage: merit"), "{command}: {text}");
    }
}

#[test]
fn dry_run_lists_each_person_added_and_each_field_updated() {
    let dir = small_project();
    let changed = dir.path().join("changed.csv");
    let first = std::fs::read_to_string(fixture("people.csv")).unwrap();
    let header = first.lines().next().unwrap();
    let rows = "A01,张三,办公室,科员,91,80,70,60,50,6\nP9,新人,办公室,科员,70,,,,,1\n";
    std::fs::write(&changed, format!("{header}\n{rows}")).unwrap();
    let before = std::fs::read(dir.path().join("p.ron")).unwrap();
    let report = dir.path().join("plan.json");
    let out = ok(
        &[
            "import",
            "p.ron",
            changed.to_str().unwrap(),
            "--dry-run",
            "--report",
            report.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert!(out.contains("\n+ P9 新人\n"), "{out}");
    assert!(
        out.contains("\n~ A01 张三: 笔试成绩 90 → 91; 工龄 5 → 6\n"),
        "{out}"
    );
    assert_eq!(std::fs::read(dir.path().join("p.ron")).unwrap(), before);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(
        json["added"],
        serde_json::json!([{"id": "P9", "name": "新人"}])
    );
    assert_eq!(json["updated"][0]["changes"][0]["new"], "91");
}
