//! Imports of real-world files (`tests/fixtures/import`, written by `make.py` there): every
//! encoding, every delimiter, title rows, totals rows, notes, absence markers, full-width
//! digits, scientific-notation ids, duplicates, a mapping file, and an XLSX with a title
//! row and a merged two-row header; an XLS and an ODS with a title row.

use std::path::{Path, PathBuf};

use merit::io::import::{
    ImportKind, ImportOptions, ImportPlan, Mapping, plan_import, plan_import_with,
};
use merit::model::{Person, Project, Value};
use rust_xlsxwriter::{Format, Workbook};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn plan(name: &str) -> ImportPlan {
    let path = fixture(name);
    let bytes = std::fs::read(&path).unwrap();
    plan_import(&Project::default(), &bytes, ImportKind::People, &path).unwrap()
}

fn exam(person: &Person) -> Option<f64> {
    person.scores.get("exam").and_then(Value::as_number)
}

/// The four people of `make.py`'s `good` rows, as every encoding must read them.
fn assert_the_four(plan: &ImportPlan) {
    assert_eq!(plan.problems, [], "{}", plan.summary());
    let ids: Vec<&str> = plan.added.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["0001", "0002", "0003"]);
    assert_eq!(plan.added[0].name, "张三");
    assert_eq!(exam(&plan.added[0]), Some(85.5));
    // 缺考: missing, with the marker kept as the reason.
    assert_eq!(exam(&plan.added[1]), None);
    assert_eq!(
        plan.added[1].absent.get("exam").map(String::as_str),
        Some("缺考")
    );
    // Full-width digits and a percentage on a 0–100 scale.
    assert_eq!(exam(&plan.added[2]), Some(87.5));
    assert_eq!(
        plan.added[2].scores.get("political_literacy"),
        Some(&Value::Number(85.0))
    );
    let mapped: Vec<&str> = plan.mapping.iter().map(|m| m.1.as_str()).collect();
    assert_eq!(
        mapped,
        [
            "id",
            "name",
            "post",
            "criterion:exam",
            "criterion:political_literacy"
        ]
    );
}

#[test]
fn gbk_with_a_title_row_a_totals_row_and_a_note() {
    let plan = plan("people_gbk.csv");
    assert_the_four(&plan);
    assert_eq!(plan.source.encoding.as_deref(), Some("GBK"));
    assert_eq!(plan.source.delimiter, Some(','));
    assert_eq!(plan.source.header_row, 2);
    let skipped: Vec<(usize, &str)> = plan
        .skipped
        .iter()
        .map(|s| (s.row, s.reason.as_str()))
        .collect();
    assert_eq!(
        skipped,
        [
            (1, "above the header row"),
            (6, "a summary row (合计), not a person"),
            (7, "a note (a label and its text, no id), not a person"),
        ]
    );
    assert_eq!((plan.accepted, plan.rejected), (3, 0));
    assert_eq!(
        plan.source.describe(),
        "read as CSV, encoding GBK, delimiter ',', header on row 2"
    );
    assert!(
        plan.summary()
            .contains("row 6 skipped (a summary row (合计), not a person): 合计 173 263")
    );
}

#[test]
fn utf16_tab_separated_both_byte_orders() {
    for (name, encoding) in [
        ("people_utf16le.txt", "UTF-16LE (BOM)"),
        ("people_utf16be.txt", "UTF-16BE (BOM)"),
    ] {
        let plan = plan(name);
        assert_the_four(&plan);
        assert_eq!(plan.source.encoding.as_deref(), Some(encoding));
        assert_eq!(plan.source.delimiter, Some('\t'));
    }
}

#[test]
fn semicolons_with_decimal_commas_and_english_headers_with_units() {
    let plan = plan("people_semicolon.csv");
    assert_eq!(plan.problems, [], "{}", plan.summary());
    assert_eq!(plan.source.encoding.as_deref(), Some("UTF-8 (BOM)"));
    assert_eq!(
        (plan.source.delimiter, plan.source.decimal_comma),
        (Some(';'), true)
    );
    let exams: Vec<Option<f64>> = plan.added.iter().map(exam).collect();
    assert_eq!(exams, [Some(85.5), None, Some(87.5)]);
    assert_eq!(
        plan.added[1].absent.get("exam").map(String::as_str),
        Some("N/A")
    );
    assert_eq!(plan.source.preview.len(), 3);
    assert_eq!(
        plan.source.preview[0],
        ["0001", "Zhang San", "科员", "85,5", "90"]
    );
}

#[test]
fn a_quoted_line_break_stays_in_its_cell_and_rows_keep_their_numbers() {
    let plan = plan("people_quoted_newline.csv");
    assert_eq!(plan.problems, []);
    assert_eq!(plan.added[0].department, "办公室\r\n(借调)");
    assert_eq!(
        plan.added[1].absent.get("exam").map(String::as_str),
        Some("-")
    );
}

#[test]
fn scientific_notation_ids_are_rejected_with_the_fix() {
    let plan = plan("sci_ids.csv");
    assert_eq!(plan.source.encoding.as_deref(), Some("GBK"));
    let rows: Vec<(usize, &str)> = plan
        .problems
        .iter()
        .map(|p| (p.row, p.value.as_str()))
        .collect();
    assert_eq!(rows, [(2, "1.10101E+17"), (3, "4.40301E+17")]);
    let reason = &plan.problems[0].reason;
    assert!(
        reason.contains("formatted this column as a number"),
        "{reason}"
    );
    assert!(reason.contains("Text"), "{reason}");
    assert_eq!(plan.problems[0].column, "身份证号");
    // The 18-digit id written as text is fine.
    assert_eq!(plan.added[0].id, "110101199001011234");
    let mut project = Project::default();
    assert!(!plan.apply(&mut project));
    assert!(project.people.is_empty());
    // --skip-invalid: the valid row only.
    plan.apply_valid(&mut project);
    assert_eq!(project.people.len(), 1);
}

#[test]
fn duplicates_and_missing_ids_are_each_reported() {
    let plan = plan("duplicates.csv");
    let problems: Vec<String> = plan.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        [
            "row 4, column 考号, value 'A01': duplicate id: rows 2 and 4 have it",
            "row 5, column 考号, value '': no id: every row needs one",
        ]
    );
}

#[test]
fn a_mapping_file_maps_headers_that_match_nothing() {
    let path = fixture("odd_headers.csv");
    let bytes = std::fs::read(&path).unwrap();
    let project = Project::default();
    let err = plan_import(&project, &bytes, ImportKind::People, &path).unwrap_err();
    assert!(
        err.to_string().starts_with("missing required column id"),
        "{err}"
    );
    let text = std::fs::read_to_string(fixture("odd_headers.mapping")).unwrap();
    let options = ImportOptions {
        mapping: Mapping::parse(&text).unwrap(),
        ..ImportOptions::default()
    };
    let plan = plan_import_with(&project, &bytes, ImportKind::People, &path, &options).unwrap();
    assert_eq!(plan.problems, []);
    assert_eq!(
        (plan.added[0].name.as_str(), exam(&plan.added[0])),
        ("张三", Some(80.0))
    );
    assert!(plan.added[0].extra.is_empty(), "remark is ignored");
    // The mapping the plan shows prints as the same file format and reads back the same.
    let printed = Mapping::to_text(&plan.mapping);
    let reread = Mapping::parse(&printed).unwrap();
    let again = ImportOptions {
        mapping: reread,
        ..ImportOptions::default()
    };
    let replan = plan_import_with(&project, &bytes, ImportKind::People, &path, &again).unwrap();
    assert_eq!(replan.added, plan.added);
}

/// A workbook as HR offices make them: a merged title row, a blank row, then a two-row
/// header whose 准考证号/姓名 cells are merged down and whose 成绩 is merged across
/// 笔试成绩 and 政治素质; ids stored as text and one as a number; a totals row.
fn workbook() -> Vec<u8> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("成绩").unwrap();
    let bold = Format::new().set_bold();
    ws.merge_range(0, 0, 0, 3, "2026年公开选拔笔试成绩", &bold)
        .unwrap();
    ws.merge_range(2, 0, 3, 0, "准考证号", &bold).unwrap();
    ws.merge_range(2, 1, 3, 1, "姓名", &bold).unwrap();
    ws.merge_range(2, 2, 2, 3, "成绩", &bold).unwrap();
    ws.write_string(3, 2, "笔试成绩（百分制）").unwrap();
    ws.write_string(3, 3, "政治素质").unwrap();
    ws.write_string(4, 0, "0001").unwrap();
    ws.write_string(4, 1, "张三").unwrap();
    ws.write_number(4, 2, 85.5).unwrap();
    ws.write_number(4, 3, 90).unwrap();
    ws.write_number(5, 0, 20260002).unwrap();
    ws.write_string(5, 1, "李四").unwrap();
    ws.write_string(5, 2, "缺考").unwrap();
    ws.write_number(5, 3, 88).unwrap();
    ws.write_number(6, 0, 110101199001011234.0).unwrap();
    ws.write_string(6, 1, "王五").unwrap();
    ws.write_number(6, 2, 70).unwrap();
    ws.write_string(7, 1, "平均").unwrap();
    ws.write_number(7, 2, 77.75).unwrap();
    let second = book.add_worksheet();
    second.set_name("面试").unwrap();
    second.write_string(0, 0, "编号").unwrap();
    second.write_string(1, 0, "X9").unwrap();
    book.save_to_buffer().unwrap()
}

#[test]
fn xlsx_with_a_title_row_and_a_merged_two_row_header() {
    let bytes = workbook();
    let path = Path::new("成绩.xlsx");
    let plan = plan_import(&Project::default(), &bytes, ImportKind::People, path).unwrap();
    assert_eq!(plan.source.format, "XLSX");
    assert_eq!(plan.source.sheet.as_deref(), Some("成绩"));
    assert_eq!(plan.source.sheets, ["成绩", "面试"]);
    assert_eq!(plan.source.header_row, 4);
    assert_eq!(
        plan.source.headers,
        ["准考证号", "姓名", "笔试成绩（百分制）", "政治素质"]
    );
    let ids: Vec<&str> = plan.added.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["0001", "20260002"]);
    assert_eq!(exam(&plan.added[0]), Some(85.5));
    assert_eq!(
        plan.added[1].absent.get("exam").map(String::as_str),
        Some("缺考")
    );
    // The 18-digit id stored as a number lost digits: refused, row 7 as Excel shows it.
    assert_eq!(plan.problems.len(), 1, "{}", plan.summary());
    assert_eq!(plan.problems[0].row, 7);
    assert!(plan.problems[0].value.ends_with("E+17"));
    let skipped: Vec<usize> = plan.skipped.iter().map(|s| s.row).collect();
    assert_eq!(skipped, [1, 3, 8]);
    // The merged title fills four cells; it is shown once.
    assert_eq!(plan.skipped[0].text, "2026年公开选拔笔试成绩");
    // --sheet picks another sheet by name.
    let options = ImportOptions {
        sheet: Some("面试".into()),
        ..ImportOptions::default()
    };
    let other = plan_import_with(
        &Project::default(),
        &bytes,
        ImportKind::People,
        path,
        &options,
    )
    .unwrap();
    assert_eq!(other.added[0].id, "X9");
    let missing = ImportOptions {
        sheet: Some("nope".into()),
        ..ImportOptions::default()
    };
    let err = plan_import_with(
        &Project::default(),
        &bytes,
        ImportKind::People,
        path,
        &missing,
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "not a readable spreadsheet (no sheet 'nope'; the sheets are: 成绩, 面试): 成绩.xlsx"
    );
}

#[test]
fn tab_separated_text_named_xls_is_read_as_text() {
    // Web systems often export "Excel" files that are tab-separated text.
    let text = "考号\t姓名\t笔试成绩\r\n0001\t张三\t80\r\n";
    let plan = plan_import(
        &Project::default(),
        text.as_bytes(),
        ImportKind::People,
        Path::new("export.xls"),
    )
    .unwrap();
    assert_eq!(plan.source.format, "CSV");
    assert_eq!(plan.source.delimiter, Some('\t'));
    assert_eq!(exam(&plan.added[0]), Some(80.0));
}

/// `people.xls` (BIFF8, written by xlwt) and `people.ods` (odfpy), both from `make.py`:
/// a title row, a blank row, the header, three people with numbers stored as numbers, a
/// 缺考 cell, a "85%" text cell, and an average row.
fn assert_workbook_fixture(name: &str, format: &str) {
    let plan = plan(name);
    assert_eq!(plan.source.format, format);
    assert_eq!(plan.source.sheet.as_deref(), Some("成绩"));
    assert_eq!(plan.source.header_row, 3);
    assert_the_four(&plan);
    let sheets = if format == "XLS" {
        &["成绩", "补考"][..]
    } else {
        &["成绩"][..]
    };
    assert_eq!(plan.source.sheets, sheets);
    let skipped: Vec<usize> = plan.skipped.iter().map(|s| s.row).collect();
    // The blank row 2 above the header is not worth a line in the report.
    assert_eq!(skipped, [1, 7], "{}", plan.summary());
}

#[test]
fn xls_with_a_title_row_and_an_average_row() {
    assert_workbook_fixture("people.xls", "XLS");
}

#[test]
fn ods_with_a_title_row_and_an_average_row() {
    assert_workbook_fixture("people.ods", "ODS");
}

/// A number formatted as a percentage shows as one (85%) and reads as 85 on a 0–100
/// scale, as the text `85%` does; a plain number next to it is not scaled.
#[test]
fn xlsx_percentages_read_as_they_show() {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let whole = Format::new().set_num_format("0%");
    let fraction = Format::new().set_num_format("0.00%");
    for (col, header) in ["编号", "姓名", "笔试成绩", "政治素质"].iter().enumerate() {
        ws.write_string(0, col as u16, *header).unwrap();
    }
    ws.write_string(1, 0, "0001").unwrap();
    ws.write_string(1, 1, "张三").unwrap();
    ws.write_number_with_format(1, 2, 0.85, &whole).unwrap();
    ws.write_number(1, 3, 90).unwrap();
    ws.write_string(2, 0, "0002").unwrap();
    ws.write_string(2, 1, "李四").unwrap();
    ws.write_number_with_format(2, 2, 0.855, &fraction).unwrap();
    ws.write_string(2, 3, "85%").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let plan = plan_import(
        &Project::default(),
        &bytes,
        ImportKind::People,
        Path::new("percent.xlsx"),
    )
    .unwrap();
    assert!(plan.problems.is_empty(), "{}", plan.summary());
    assert_eq!(exam(&plan.added[0]), Some(85.0));
    assert_eq!(exam(&plan.added[1]), Some(85.5));
    let political = |p: &Person| {
        p.scores
            .get("political_literacy")
            .and_then(Value::as_number)
    };
    assert_eq!(political(&plan.added[0]), Some(90.0));
    assert_eq!(political(&plan.added[1]), Some(85.0));
}
