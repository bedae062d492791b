//! UI flows of the import wizard beyond the basics in `tests`: choosing a workbook's sheet.

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
