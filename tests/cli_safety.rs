//! The command line never overwrites what a user cannot get back, and points the way when
//! a file is not what it should be: a no-op import, post or scheme leaves the project and
//! its `.bak` alone; a symbolic link is saved through; filled score sheets are not
//! replaced without `--force`; a picture or a damaged workbook is named as such; options
//! that cannot apply are refused instead of ignored.

mod common;
use common::*;

use std::fs;
use std::path::Path;

const PEOPLE: &str =
    "准考证号,姓名,部门,笔试成绩,工龄\n0101,张三,人事处,85.5,5\n0102,李四,人事处,缺考,7\n";

/// Runs `merit` expecting exit status 1; its standard error.
fn fails(args: &[&str], dir: &Path) -> String {
    let out = merit(args, dir);
    assert_eq!(out.status.code(), Some(1), "merit {args:?} should fail");
    String::from_utf8(out.stderr).unwrap()
}

fn read(dir: &Path, name: &str) -> Vec<u8> {
    fs::read(dir.join(name)).unwrap()
}

#[test]
fn an_import_that_changes_nothing_does_not_save_or_touch_the_backup() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&["new", "p.ron"], d);
    let fresh = read(d, "p.ron");
    fs::write(d.join("people.csv"), PEOPLE).unwrap();
    let first = ok(&["import", "p.ron", "people.csv"], d);
    assert!(first.ends_with("saved p.ron\n"), "{first}");
    assert_eq!(read(d, "p.ron.bak"), fresh);
    let imported = read(d, "p.ron");
    let again = ok(&["import", "p.ron", "people.csv"], d);
    assert!(
        again.ends_with(
            "0 added, 0 updated, 2 unchanged, 0 new posts, 0 rows rejected\n\
             nothing to change; p.ron not saved\n"
        ),
        "{again}"
    );
    assert_eq!(read(d, "p.ron"), imported);
    assert_eq!(
        read(d, "p.ron.bak"),
        fresh,
        "the backup still holds the pre-import state"
    );
    // A header and no data rows.
    fs::write(d.join("header.csv"), "考号,姓名,笔试成绩\n").unwrap();
    let header = ok(&["import", "p.ron", "header.csv"], d);
    assert!(
        header.ends_with("the file has no data rows under its header (row 1); p.ron not saved\n"),
        "{header}"
    );
    // Every row rejected, --skip-invalid: nothing left to import.
    fs::write(d.join("bad.csv"), "考号,姓名,笔试成绩\n9,x,abc\n").unwrap();
    let bad = ok(&["import", "p.ron", "bad.csv", "--skip-invalid"], d);
    assert!(
        bad.ends_with("no valid row to import; p.ron not saved\n"),
        "{bad}"
    );
    assert_eq!(read(d, "p.ron"), imported);
    assert_eq!(read(d, "p.ron.bak"), fresh);
}

#[test]
fn a_post_or_scheme_command_that_changes_nothing_does_not_save() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&["new", "p.ron"], d);
    ok(&["post", "p.ron", "科员", "--openings", "2"], d);
    let (file, bak) = (read(d, "p.ron"), read(d, "p.ron.bak"));
    let again = ok(&["post", "p.ron", "科员", "--openings", "2"], d);
    assert!(
        again.ends_with("nothing to change; p.ron not saved\n"),
        "{again}"
    );
    assert_eq!(
        (read(d, "p.ron"), read(d, "p.ron.bak")),
        (file.clone(), bak.clone())
    );
    let scheme = ok(&["scheme", "p.ron"], d);
    fs::write(d.join("s.ron"), scheme).unwrap();
    let set = ok(&["scheme", "p.ron", "--set", "s.ron"], d);
    assert_eq!(
        set,
        "the project already has this scheme; nothing to change; p.ron not saved\n"
    );
    assert_eq!((read(d, "p.ron"), read(d, "p.ron.bak")), (file, bak));
    // A real change is saved.
    let changed = ok(&["post", "p.ron", "科员", "--openings", "3"], d);
    assert!(!changed.contains("not saved"), "{changed}");
}

#[cfg(unix)]
#[test]
fn importing_into_a_symbolic_link_saves_the_project_it_points_to() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir(d.join("real")).unwrap();
    ok(&["new", "real/proj.ron"], d);
    let fresh = read(d, "real/proj.ron");
    std::os::unix::fs::symlink("real/proj.ron", d.join("link.ron")).unwrap();
    fs::write(d.join("people.csv"), PEOPLE).unwrap();
    let text = ok(&["import", "link.ron", "people.csv"], d);
    assert!(text.ends_with("saved link.ron\n"), "{text}");
    let link = fs::symlink_metadata(d.join("link.ron")).unwrap();
    assert!(link.file_type().is_symlink(), "the link is still a link");
    let real = String::from_utf8(read(d, "real/proj.ron")).unwrap();
    assert!(real.contains("张三"), "the real project got the import");
    assert_eq!(read(d, "real/proj.ron.bak"), fresh);
    assert!(!d.join("link.ron.bak").exists());
}

#[test]
fn sheets_are_not_overwritten_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&["new", "p.ron"], d);
    fs::write(d.join("people.csv"), PEOPLE).unwrap();
    ok(&["import", "p.ron", "people.csv"], d);
    let args = [
        "sheets", "p.ron", "--out", "sh", "--format", "csv", "--raters", "甲,乙",
    ];
    let text = ok(&args, d);
    assert!(text.starts_with("wrote 2 score sheet(s)"), "{text}");
    let names: Vec<String> = {
        let mut n: Vec<String> = fs::read_dir(d.join("sh"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        n.sort();
        n
    };
    assert_eq!(names.len(), 2, "{names:?}");
    // A rater fills in one sheet; the other is removed: nothing may be written.
    let filled = d.join("sh").join(&names[0]);
    fs::write(&filled, "filled in by the rater").unwrap();
    fs::remove_file(d.join("sh").join(&names[1])).unwrap();
    let err = fails(&args, d);
    assert_eq!(
        err.trim_end(),
        format!(
            "error: 1 score sheet(s) already exist and may have been filled in: {}; nothing \
             was written (pass --force to replace them, or choose another --out folder): sh",
            names[0]
        )
    );
    assert_eq!(
        fs::read_to_string(&filled).unwrap(),
        "filled in by the rater"
    );
    assert!(
        !d.join("sh").join(&names[1]).exists(),
        "nothing was written"
    );
    let mut forced = args.to_vec();
    forced.push("--force");
    ok(&forced, d);
    assert_ne!(
        fs::read_to_string(&filled).unwrap(),
        "filled in by the rater"
    );
    assert!(d.join("sh").join(&names[1]).exists());
}

#[test]
fn options_that_cannot_apply_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&["new", "p.ron"], d);
    let fresh = read(d, "p.ron");
    fs::write(d.join("people.csv"), PEOPLE).unwrap();
    let err = fails(&["import", "p.ron", "people.csv", "--sheet", "成绩"], d);
    assert_eq!(
        err.trim_end(),
        "error: --sheet applies to workbooks (XLSX, XLS, ODS); people.csv is a CSV file"
    );
    assert_eq!(read(d, "p.ron"), fresh);
    let err = fails(
        &["export", "p.ron", "--out", "r.xlsx", "--encoding", "gbk"],
        d,
    );
    assert_eq!(
        err.trim_end(),
        "error: --encoding gbk applies to CSV output; an XLSX workbook always holds Unicode \
         text (drop --encoding, or write a .csv file): r.xlsx"
    );
    assert!(!d.join("r.xlsx").exists());
    let err = fails(&["rank", "p.ron", "--post", "科员"], d);
    assert_eq!(
        err.trim_end(),
        "error: no post '科员'; the project has no posts"
    );
}

/// A small XLSX workbook whose first sheet is empty and whose second, 成绩, has a
/// people table.
fn workbook_with_an_empty_first_sheet() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet().set_name("Sheet1").unwrap();
    let sheet = book.add_worksheet();
    sheet.set_name("成绩").unwrap();
    sheet.write_string(0, 0, "考号").unwrap();
    sheet.write_string(0, 1, "姓名").unwrap();
    sheet.write_string(1, 0, "1").unwrap();
    sheet.write_string(1, 1, "甲").unwrap();
    book.save_to_buffer().unwrap()
}

#[test]
fn a_picture_a_damaged_workbook_or_an_empty_sheet_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&["new", "p.ron"], d);
    let png: Vec<u8> = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0"
        .iter()
        .copied()
        .chain((0..300u32).map(|i| (i * 37 % 256) as u8))
        .collect();
    fs::write(d.join("pic.csv"), &png).unwrap();
    fs::write(d.join("pic.xlsx"), &png).unwrap();
    let err = fails(&["import", "p.ron", "pic.csv"], d);
    assert_eq!(
        err.trim_end(),
        "error: not a readable CSV file (it looks like a PNG image, not text): pic.csv"
    );
    let err = fails(&["import", "p.ron", "pic.xlsx"], d);
    assert_eq!(
        err.trim_end(),
        "error: not a readable spreadsheet (not a workbook: it looks like a PNG image, not \
         text): pic.xlsx"
    );
    // A workbook cut short: the zip (XLSX) or the OLE file (XLS) is damaged.
    let book = workbook_with_an_empty_first_sheet();
    fs::write(d.join("trunc.xlsx"), &book[..book.len() / 2]).unwrap();
    let err = fails(&["import", "p.ron", "trunc.xlsx"], d);
    assert!(
        err.starts_with("error: not a readable spreadsheet (damaged, or not an XLSX workbook: ")
            && err.trim_end().ends_with("): trunc.xlsx")
            && !err.contains("Cannot detect file format"),
        "{err}"
    );
    let mut xls = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    xls.resize(600, 0);
    fs::write(d.join("trunc.xls"), &xls).unwrap();
    let err = fails(&["import", "p.ron", "trunc.xls"], d);
    assert!(
        err.starts_with("error: not a readable spreadsheet (damaged, or not an XLS workbook: ")
            && err.trim_end().ends_with("): trunc.xls"),
        "{err}"
    );
    // The first sheet is empty; the data is on 成绩.
    fs::write(d.join("book.xlsx"), &book).unwrap();
    let err = fails(&["import", "p.ron", "book.xlsx"], d);
    assert_eq!(
        err.trim_end(),
        "error: not a readable spreadsheet (sheet 'Sheet1' is empty; the workbook's sheets \
         are: Sheet1, 成绩; choose one with --sheet): book.xlsx"
    );
    let text = ok(&["import", "p.ron", "book.xlsx", "--sheet", "成绩"], d);
    assert!(text.contains("1 added"), "{text}");
}

#[test]
fn a_sheet_without_the_header_is_named_in_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&["new", "p.ron"], d);
    let mut book = rust_xlsxwriter::Workbook::new();
    let notes = book.add_worksheet();
    notes.set_name("说明").unwrap();
    notes.write_string(0, 0, "本表为2026年笔试成绩").unwrap();
    book.add_worksheet().set_name("成绩").unwrap();
    fs::write(d.join("b.xlsx"), book.save_to_buffer().unwrap()).unwrap();
    let err = fails(&["import", "p.ron", "b.xlsx"], d);
    assert!(
        err.contains(
            " in sheet '说明' (the workbook's sheets are: 说明, 成绩; choose one with --sheet): b.xlsx"
        ),
        "{err}"
    );
    assert!(
        err.starts_with("error: missing required column id"),
        "{err}"
    );
}
