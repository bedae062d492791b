//! UI flows driven by label through egui_kittest (see `testing`).

use eframe::egui::accesskit::Role;
use egui_kittest::kittest::Queryable;

use eframe::egui::{Key, Modifiers};

use crate::model::Value;
use crate::scoring::describe::Lang;

use super::testing::{harness, ranked_ids, wait_for_import};

fn exam_of(app: &super::MeritApp, id: &str) -> Option<Value> {
    let p = &app.doc.project;
    p.people[p.person_index(id).unwrap()]
        .scores
        .get("exam")
        .cloned()
}

#[test]
fn the_sample_opens_on_its_ranking() {
    let harness = harness(Lang::Zh);
    harness.get_by_label("综合科科员");
    harness.get_by_label("袁红怡");
    assert_eq!(harness.state().title(), "sample.ron — Merit");
    harness.get_by_label_contains("48 人");
}

#[test]
fn a_weight_typed_in_re_ranks_and_is_audited() {
    let mut harness = harness(Lang::En);
    let before = ranked_ids(harness.state());
    harness.get_by_label("Criteria & weights").click();
    harness.run_steps(2);
    let field = harness.get_by_role_and_label(Role::TextInput, "Exam");
    field.focus();
    harness.run_steps(1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, "Exam")
        .type_text("90");
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    let app = harness.state();
    assert_eq!(app.doc.project.scheme.groups[0].weight, 90.0);
    let after = ranked_ids(app);
    assert_ne!(before, after, "the ranking order should change");
    let entry = app.doc.project.audit.last().unwrap();
    assert_eq!((entry.old.as_str(), entry.new.as_str()), ("30", "90"));
    assert_eq!(entry.operator, "测试员");
    assert!(app.doc.dirty);
    assert_eq!(app.title(), "sample.ron* — Merit");
    // The preview on the same screen shows the new leader.
    let leader = &app.doc.project.people[app.doc.project.person_index(&after[0]).unwrap()];
    let text = format!("{} {}", leader.id, leader.name);
    harness.get_by_label(&text);
}

fn type_into_active_cell(
    harness: &mut egui_kittest::Harness<'static, super::MeritApp>,
    text: &str,
) {
    let label = "Cell: 20260001 蒋波 · Written exam";
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .focus();
    harness.run_steps(1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    harness.key_press(Key::Enter);
    harness.run_steps(3);
}

#[test]
fn an_out_of_range_score_is_refused_in_place_then_undo_and_redo() {
    let mut harness = harness(Lang::En);
    harness.get_by_label("Scores").click();
    harness.run_steps(3);
    type_into_active_cell(&mut harness, "120");
    harness.get_by_label_contains("outside the scale 0–100");
    let app = harness.state();
    assert_eq!(exam_of(app, "20260001"), Some(Value::Number(79.9)));
    assert!(app.doc.project.audit.is_empty());
    assert!(!app.doc.dirty);

    type_into_active_cell(&mut harness, "88");
    assert_eq!(
        exam_of(harness.state(), "20260001"),
        Some(Value::Number(88.0))
    );
    assert!(
        harness
            .query_by_label_contains("outside the scale")
            .is_none()
    );

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert_eq!(
        exam_of(harness.state(), "20260001"),
        Some(Value::Number(79.9))
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run_steps(2);
    assert_eq!(
        exam_of(harness.state(), "20260001"),
        Some(Value::Number(88.0))
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run_steps(2);
    assert_eq!(
        exam_of(harness.state(), "20260001"),
        Some(Value::Number(88.0))
    );
    // Set, undo, redo, undo, redo: five audited changes.
    assert_eq!(harness.state().doc.project.audit.len(), 5);
}

#[test]
fn switching_the_language_translates_the_window() {
    let mut harness = harness(Lang::En);
    harness.get_by_label("Criteria & weights");
    harness.get_by_label("中文").click();
    harness.run_steps(2);
    for label in [
        "文件",
        "编辑",
        "视图",
        "人员",
        "指标与权重",
        "评分",
        "岗位",
        "排名",
        "审计日志",
    ] {
        harness.get_by_label(label);
    }
    assert!(harness.query_by_label("Criteria & weights").is_none());
    assert_eq!(harness.state().prefs.lang, Lang::Zh);
}

#[test]
fn the_import_wizard_imports_a_fixture_and_undo_removes_it() {
    let mut harness = harness(Lang::En);
    let before = harness.state().doc.project.people.len();
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/people.csv");
    harness.state_mut().start_import(fixture);
    wait_for_import(&mut harness);
    harness.get_by_label("Read as CSV, encoding UTF-8, delimiter ',', header on row 1");
    for _ in 0..3 {
        harness.get_by_label("Next").click();
        harness.run_steps(2);
    }
    harness.get_by_label("4 added, 0 updated, 0 unchanged, 1 new posts, 0 rows rejected");
    harness.get_by_label("Confirm import").click();
    harness.run_steps(3);
    let app = harness.state();
    assert_eq!(app.doc.project.people.len(), before + 4);
    assert!(app.doc.project.post("科员").is_some());
    assert_eq!(app.doc.project.audit.last().unwrap().action, "import");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert_eq!(harness.state().doc.project.people.len(), before);
}

#[test]
fn the_import_wizard_reads_a_gbk_file_with_a_title_row() {
    let mut harness = harness(Lang::Zh);
    let before = harness.state().doc.project.people.len();
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import/people_gbk.csv");
    harness.state_mut().start_import(fixture);
    wait_for_import(&mut harness);
    harness.get_by_label("读取为 CSV，编码 GBK，分隔符 “,”，表头在第 2 行");
    assert_eq!(harness.state().import_plan_summary(), Some((3, 0)));
    let after = harness.state().doc.project.people.len();
    assert_eq!(after, before, "nothing changes before confirm");
}

#[test]
fn the_encoding_can_be_chosen_by_hand() {
    let mut harness = harness(Lang::En);
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import/people_gbk.csv");
    harness.state_mut().start_import(fixture);
    wait_for_import(&mut harness);
    assert_eq!(harness.state().import_plan_summary(), Some((3, 0)));
    // Force UTF-8 on GBK bytes: the file cannot be read so, and the wizard says why.
    harness.get_by_label("Encoding").click();
    harness.run_steps(2);
    harness.get_by_label("utf-8").click();
    harness.run_steps(2);
    wait_for_import(&mut harness);
    assert_eq!(harness.state().import_plan_summary(), None);
    assert!(
        harness
            .query_all_by_label_contains("UTF-8")
            .next()
            .is_some(),
        "the error names the encoding"
    );
}

#[test]
fn a_file_with_bad_rows_shows_the_reasons_and_cannot_be_confirmed() {
    let mut harness = harness(Lang::En);
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad_people.csv");
    harness.state_mut().start_import(fixture);
    wait_for_import(&mut harness);
    for _ in 0..3 {
        harness.get_by_label("Next").click();
        harness.run_steps(2);
    }
    harness.get_by_label_contains("Rows with problems");
    let before = harness.state().doc.project.clone();
    harness.get_by_label("Confirm import").click();
    harness.run_steps(2);
    assert_eq!(harness.state().doc.project, before);
}

#[test]
fn a_rater_score_is_edited_in_the_per_rater_view() {
    let mut harness = harness(Lang::En);
    harness.get_by_label("Scores").click();
    harness.run_steps(3);
    harness.get_by_label("80.20 (10✎)").click();
    harness.run_steps(2);
    harness.get_by_label("Cell: 20260003 刘敏涵 · Peer trust");
    let field = harness.get_by_role_and_label(Role::TextInput, "领导乙");
    field.focus();
    harness.run_steps(1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, "领导乙")
        .type_text("130");
    harness.run_steps(1);
    harness.get_by_label("Raters' scores").click();
    harness.run_steps(3);
    harness.get_by_label_contains("'130' refused: outside the scale 0–100");
    let rating = |app: &super::MeritApp| {
        let r = app.doc.project.ratings.iter();
        r.filter(|r| r.person == "20260003" && r.rater == "领导乙")
            .map(|r| r.value.clone())
            .next()
    };
    assert_eq!(rating(harness.state()), Some(Value::Number(84.0)));
    let field = harness.get_by_role_and_label(Role::TextInput, "领导乙");
    field.focus();
    harness.run_steps(1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, "领导乙")
        .type_text("90");
    harness.run_steps(1);
    harness.get_by_label("Raters' scores").click();
    harness.run_steps(3);
    assert_eq!(rating(harness.state()), Some(Value::Number(90.0)));
    assert!(harness.query_by_label_contains("refused").is_none());
    assert_eq!(
        harness.state().doc.project.audit.last().unwrap().action,
        "rating"
    );
}

#[test]
fn a_ballot_tally_is_shown_beside_the_raters_scores() {
    // The sample with a 民主推荐 vote: 20260001 has a tally of 45 ballots, each a mark.
    let mut project = super::sample_document().project;
    project.scheme.groups[0]
        .criteria
        .push(crate::model::Criterion {
            key: "vote".into(),
            name: "推荐票".into(),
            name_en: "Vote".into(),
            weight: 0.1,
            scale: crate::model::Scale::Categorical {
                categories: vec![
                    ("赞成".into(), 100.0),
                    ("不赞成".into(), 0.0),
                    ("弃权".into(), 50.0),
                ],
            },
            ..crate::model::Criterion::default()
        });
    let tally = vec![
        ("赞成".into(), 30),
        ("不赞成".into(), 10),
        ("弃权".into(), 5),
    ];
    project.people[0].tallies.insert("vote", tally);
    for (lang, scores, shown) in [
        (
            Lang::En,
            "Scores",
            "Tally: 45 ballots (赞成 30, 不赞成 10, 弃权 5), each counted as a mark",
        ),
        (
            Lang::Zh,
            "评分",
            "计票：45 票（赞成 30, 不赞成 10, 弃权 5），每票计为一个评价",
        ),
    ] {
        let document = super::Document::new(project.clone(), None, "vote.ron".into());
        let mut harness = super::testing::harness_on(lang, document);
        harness.get_by_label(scores).click();
        harness.run_steps(3);
        // 45 marks (30 × 100, 10 × 0, 5 × 50); the sample's trimmed mean drops the
        // highest and the lowest: (29 × 100 + 9 × 0 + 5 × 50) / 43 = 73.26.
        harness.get_by_label("73.26 (45✎)").click();
        harness.run_steps(2);
        harness.get_by_label(shown);
    }
}

fn type_into(
    harness: &mut egui_kittest::Harness<'static, super::MeritApp>,
    label: &str,
    text: &str,
) {
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .focus();
    harness.run_steps(1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    harness.run_steps(1);
}

#[test]
fn a_person_is_added_checked_and_deleted_after_confirmation() {
    let mut harness = harness(Lang::En);
    let before = harness.state().doc.project.people.len();
    harness.get_by_label("People").click();
    harness.run_steps(2);
    harness.get_by_label("Add person").click();
    harness.run_steps(2);
    type_into(&mut harness, "ID", "X9");
    type_into(&mut harness, "Name", "新人");
    type_into(&mut harness, "Written exam", "101");
    harness.get_by_label("Save person").click();
    harness.run_steps(2);
    harness.get_by_label("Written exam: '101' outside the scale 0–100");
    assert_eq!(harness.state().doc.project.people.len(), before);
    type_into(&mut harness, "Written exam", "90");
    harness.get_by_label("Save person").click();
    harness.run_steps(2);
    let app = harness.state();
    assert_eq!(app.doc.project.people.len(), before + 1);
    let added = &app.doc.project.people[before];
    assert_eq!((added.id.as_str(), added.name.as_str()), ("X9", "新人"));
    assert_eq!(added.scores.get("exam"), Some(&Value::Number(90.0)));
    harness.get_by_label("Delete person").click();
    harness.run_steps(2);
    // Nothing is deleted before the confirmation.
    assert_eq!(harness.state().doc.project.people.len(), before + 1);
    harness.get_by_label("Confirm delete").click();
    harness.run_steps(2);
    assert_eq!(harness.state().doc.project.people.len(), before);
}

#[test]
fn opening_with_unsaved_changes_asks_first() {
    let mut harness = harness(Lang::En);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run_steps(2);
    // Nothing unsaved yet: the new project replaces the sample at once.
    assert_eq!(harness.state().doc.project.people.len(), 0);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("round.ron");
    harness.state_mut().doc.dirty = true;
    let ctx = harness.ctx.clone();
    let sample = crate::io::project_file::from_ron_str(super::SAMPLE_RON, &path).unwrap();
    crate::io::project_file::save(&sample, &path).unwrap();
    harness
        .state_mut()
        .run(&ctx, super::Command::OpenPath(path.clone()));
    harness.run_steps(2);
    harness.get_by_label("Save the changes to the current project first?");
    harness.get_by_label("Cancel").click();
    harness.run_steps(2);
    assert_eq!(harness.state().doc.project.people.len(), 0);
    harness
        .state_mut()
        .run(&ctx, super::Command::OpenPath(path.clone()));
    harness.run_steps(2);
    harness.get_by_label("Don't save").click();
    harness.run_steps(3);
    let app = harness.state();
    assert_eq!(app.doc.project.people.len(), 48);
    assert_eq!(app.title(), "round.ron — Merit");
    assert_eq!(app.prefs.recent, [path]);
}

fn status_of(app: &super::MeritApp, id: &str) -> &'static str {
    let i = app.doc.project.person_index(id).unwrap();
    let eval = app.doc.evaluation();
    let row = eval.posts.iter().find_map(|p| p.row_of(i)).unwrap();
    row.status.code()
}

#[test]
fn a_scheme_change_is_applied_whole_and_undone() {
    let mut harness = harness(Lang::En);
    assert_eq!(status_of(harness.state(), "20260006"), "incomplete");
    harness.get_by_label("Criteria & weights").click();
    harness.run_steps(2);
    harness
        .get_by_label("Edit scheme (scales, gates, rules)…")
        .click();
    harness.run_steps(2);
    harness.get_by_label("count as 0").click();
    harness.run_steps(1);
    assert_eq!(
        harness.state().doc.project.scheme.missing,
        crate::model::MissingPolicy::Exclude,
        "nothing changes before Apply"
    );
    harness.get_by_label("Apply scheme").click();
    harness.run_steps(2);
    let app = harness.state();
    assert_eq!(
        app.doc.project.scheme.missing,
        crate::model::MissingPolicy::Zero
    );
    // The missing exam now fails the exam gate instead of leaving the person unranked.
    assert_eq!(status_of(app, "20260006"), "ineligible");
    assert_eq!(app.doc.project.audit.last().unwrap().action, "scheme");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert_eq!(status_of(harness.state(), "20260006"), "incomplete");
}

#[test]
fn find_focuses_the_search_and_filters_the_ranking() {
    let mut harness = harness(Lang::En);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run_steps(2);
    let search = harness.get_by_role_and_label(Role::TextInput, "Search");
    assert!(search.is_focused());
    search.type_text("袁");
    harness.run_steps(2);
    harness.get_by_label("袁红怡");
    assert!(harness.query_by_label("蒋波").is_none());
}
