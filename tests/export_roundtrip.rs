//! Export → import gives back exactly what was exported: ids (leading zeros kept), names
//! (including ones a spreadsheet would run as a formula: `=`, `+`, `-`, `@`), absence
//! markers and scores, through CSV (UTF-8 with BOM, and GBK) and XLSX.

use std::path::Path;

use merit::io::export::{people_sheet, to_csv, to_xlsx};
use merit::io::import::{ImportKind, plan_import};
use merit::model::{Person, Project, Value};
use proptest::prelude::*;

/// A person: id digits/letters (leading zeros likely), a name that may start like a
/// formula, an exam score with up to 2 decimals or an absence marker, and an extra
/// column (加分, bonus points) holding a number in one of the ways people write one.
fn person() -> impl Strategy<Value = (String, String, Option<u32>, String)> {
    (
        "0{0,3}[0-9A-Z]{1,8}",
        "[=+@\\-张王李A-Za-z][张王李赵钱孙A-Za-z0-9 ,\"=()\\-]{0,8}[张王李A-Za-z0-9]",
        proptest::option::of(0u32..=10_000),
        bonus(),
    )
}

/// An extra column's value: signed, unsigned, with trailing zeros, leading zeros, or
/// a formula-like text.
fn bonus() -> impl Strategy<Value = String> {
    prop_oneof![
        "[+-]?(0|[1-9][0-9]{0,5})(\\.[0-9]{1,3})?",
        "0[0-9]{1,4}",
        "[+-]?[0-9]{16,18}",
        prop::sample::select(vec![
            "-2", "+3", "1.50", "18", "-0", "-0.0", "=1+2", "-2+3", "+"
        ])
        .prop_map(str::to_string),
    ]
}

type Row = (String, String, Option<u32>, String);

fn project(people: Vec<Row>) -> Project {
    let mut project = Project::default();
    for (id, name, cents, bonus) in people {
        if project.person_index(&id).is_some() {
            continue;
        }
        let mut person = Person {
            id,
            name,
            department: "人事处".into(),
            ..Person::default()
        };
        person.extra.insert("加分", bonus);
        match cents {
            Some(c) => {
                person
                    .scores
                    .insert("exam", Value::Number(f64::from(c) / 100.0));
            }
            None => {
                person.absent.insert("exam", "缺考".into());
            }
        }
        project.people.push(person);
    }
    project
}

fn reimport(bytes: &[u8], name: &str) -> Vec<Person> {
    let plan = plan_import(
        &Project::default(),
        bytes,
        ImportKind::People,
        Path::new(name),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(plan.problems, [], "{}", plan.summary());
    assert!(plan.skipped.is_empty(), "{:?}", plan.skipped);
    plan.added
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn people_round_trip_through_csv_and_xlsx(people in proptest::collection::vec(person(), 1..12)) {
        let project = project(people);
        let sheet = people_sheet(&project);
        let utf8 = to_csv(&sheet, encoding_rs::UTF_8).unwrap();
        prop_assert_eq!(reimport(&utf8, "p.csv"), project.people.clone());
        let gbk = to_csv(&sheet, encoding_rs::GBK).unwrap();
        prop_assert_eq!(reimport(&gbk, "p.csv"), project.people.clone());
        let xlsx = to_xlsx(&[sheet]).unwrap();
        prop_assert_eq!(reimport(&xlsx, "p.xlsx"), project.people.clone());
    }
}

#[test]
fn a_formula_name_is_neutralized_in_the_csv_and_restored_on_import() {
    let project = project(vec![
        (
            "007".into(),
            "=HYPERLINK(\"http://x\",\"y\")".into(),
            Some(8050),
            "-2".into(),
        ),
        ("008".into(), "-2+3".into(), None, "+3".into()),
    ]);
    let csv = to_csv(&people_sheet(&project), encoding_rs::UTF_8).unwrap();
    let text = String::from_utf8(csv.clone()).unwrap();
    assert!(text.contains("\"'=HYPERLINK("), "{text}");
    assert!(text.contains(",'-2+3,"), "{text}");
    assert!(text.contains(",缺考"), "{text}");
    assert_eq!(reimport(&csv, "p.csv"), project.people);
}

#[test]
fn numbers_in_extra_columns_come_back_as_written_through_csv_gbk_and_xlsx() {
    let rows = ["-2", "+3", "1.50", "18", "-0.25", "007"]
        .iter()
        .enumerate()
        .map(|(i, bonus)| {
            (
                format!("{i:03}"),
                "王伟".to_string(),
                Some(8000),
                (*bonus).to_string(),
            )
        })
        .collect();
    let project = project(rows);
    let sheet = people_sheet(&project);
    let csv = to_csv(&sheet, encoding_rs::UTF_8).unwrap();
    let text = String::from_utf8(csv.clone()).unwrap();
    // Plain numbers are written as they are: no `'` in front of -2, +3 or -0.25.
    for line in [
        ",-2\r\n",
        ",+3\r\n",
        ",1.50\r\n",
        ",18\r\n",
        ",-0.25\r\n",
        ",007\r\n",
    ] {
        assert!(text.contains(line), "{line:?} in {text}");
    }
    assert_eq!(reimport(&csv, "p.csv"), project.people);
    let gbk = to_csv(&sheet, encoding_rs::GBK).unwrap();
    assert_eq!(reimport(&gbk, "p.csv"), project.people);
    let xlsx = to_xlsx(&[sheet]).unwrap();
    assert_eq!(reimport(&xlsx, "p.xlsx"), project.people);
}
