//! Any bytes through the import path may be refused, never panic: random text and bytes as
//! CSV (people, ratings, ballots, with and without a forced encoding), and a valid XLSX
//! with random bytes overwritten. (The coverage-guided version is `fuzz/`; set
//! PROPTEST_CASES to run these longer.)

use std::path::Path;

use merit::io::export::{people_sheet, to_xlsx};
use merit::io::import::{ImportKind, ImportOptions, plan_import_with};
use merit::model::{Person, Project, Value};
use proptest::prelude::*;

fn project() -> Project {
    let mut project = Project::default();
    project.people.push(Person {
        id: "0001".into(),
        name: "张三".into(),
        scores: [("exam".to_string(), Value::Number(80.0))].into(),
        ..Person::default()
    });
    project
}

fn kinds() -> impl Strategy<Value = ImportKind> {
    prop_oneof![
        Just(ImportKind::People),
        Just(ImportKind::Ratings),
        Just(ImportKind::Ballots)
    ]
}

fn run(bytes: &[u8], kind: ImportKind, encoding: Option<&str>, name: &str) {
    let mut project = project();
    let options = ImportOptions {
        encoding: encoding.map(str::to_string),
        ..ImportOptions::default()
    };
    if let Ok(plan) = plan_import_with(&project, bytes, kind, Path::new(name), &options) {
        let _ = plan.summary();
        plan.apply_valid(&mut project);
    }
}

proptest! {
    #[test]
    fn random_csv_like_text_never_panics(
        text in "[0-9a-z考号姓名笔试成绩评委评价优秀合计缺考%.,;\t\"\r\n =E+-]{0,200}",
        kind in kinds(),
    ) {
        let header = "考号,姓名,笔试成绩,评委,评价\r\n";
        run(format!("{header}{text}").as_bytes(), kind, None, "x.csv");
        run(text.as_bytes(), kind, None, "x.csv");
    }

    #[test]
    fn random_bytes_never_panic(
        bytes in proptest::collection::vec(any::<u8>(), 0..400),
        kind in kinds(),
        gbk in any::<bool>(),
    ) {
        run(&bytes, kind, gbk.then_some("gbk"), "x.csv");
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend_from_slice(&bytes);
        run(&utf16, kind, None, "x.txt");
    }

    #[test]
    fn a_damaged_workbook_is_refused_not_a_panic(
        damage in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
    ) {
        let mut bytes = workbook();
        for (at, byte) in damage {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        run(&bytes, ImportKind::People, None, "x.xlsx");
    }
}

fn workbook() -> Vec<u8> {
    let sheet = people_sheet(&project());
    to_xlsx(&[sheet]).expect("xlsx")
}
