//! UI flows of the File menu beyond the basics in `tests`: choosing a workbook's sheet in
//! the import wizard, and the Publish dialog.

use eframe::egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

use crate::scoring::describe::Lang;

use super::testing::{harness, wait_for_import};

#[test]
fn another_sheet_of_a_workbook_can_be_chosen() {
    let mut harness = harness(Lang::Zh);
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/people.xls");
    harness.state_mut().start_import(fixture);
    wait_for_import(&mut harness);
    harness.get_by_label("读取为 XLS，工作表“成绩”，表头在第 3 行");
    assert_eq!(harness.state().import_plan_summary(), Some((3, 0)));
    harness.get_by_label("工作表").click();
    harness.run_steps(2);
    harness.get_by_label("补考").click();
    harness.run_steps(2);
    wait_for_import(&mut harness);
    harness.get_by_label("读取为 XLS，工作表“补考”，表头在第 1 行");
    assert_eq!(harness.state().import_plan_summary(), Some((2, 0)));
}

#[test]
fn the_publish_dialog_shows_the_period_of_the_official_calendar() {
    let mut harness = harness(Lang::Zh);
    harness.get_by_label("文件").click();
    harness.run_steps(2);
    harness.get_by_label("发布公示…").click();
    harness.run_steps(2);
    assert!(
        harness.state().dialogs.publish.is_some(),
        "the dialog opened"
    );
    // A window takes a sizing frame before it shows.
    harness.run_steps(3);
    // 春节 2026 (2月15日–23日, Saturday 2月14日 worked): five working days from Thu 12th.
    harness.get_by_label("公示开始日期").click();
    harness.run_steps(1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label("公示开始日期").type_text("2026-02-12");
    harness.run_steps(2);
    harness.get_by_label("公示期：2026年2月12日至2026年2月25日（5个工作日）");
    harness
        .get_by_label("只跳过周末（不用内置的法定节假日安排）")
        .click();
    harness.run_steps(2);
    harness.get_by_label("公示期：2026年2月12日至2026年2月18日（5个工作日）");
    assert!(
        harness.query_by_label_contains("未内置").is_none(),
        "weekends only was chosen: no year is missing"
    );
    // Back on the official calendar, a year that is not built in is named.
    harness
        .get_by_label("只跳过周末（不用内置的法定节假日安排）")
        .click();
    harness.run_steps(2);
    harness.get_by_label("公示开始日期").click();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label("公示开始日期").type_text("2027-03-01");
    harness.run_steps(2);
    harness.get_by_label_contains("2027年的法定节假日未内置");
    harness.get_by_label("关闭").click();
    harness.run_steps(2);
    assert!(harness.query_by_label("公示开始日期").is_none());
}

#[test]
fn a_sheet_can_be_chosen_when_the_first_cannot_be_read() {
    let mut harness = harness(Lang::En);
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import/notes_first.xls");
    harness.state_mut().start_import(fixture);
    wait_for_import(&mut harness);
    assert_eq!(
        harness.state().import_plan_summary(),
        None,
        "the note sheet has no people"
    );
    harness.get_by_label("Sheet").click();
    harness.run_steps(2);
    harness.get_by_label("成绩").click();
    harness.run_steps(2);
    wait_for_import(&mut harness);
    assert_eq!(harness.state().import_plan_summary(), Some((2, 0)));
}
