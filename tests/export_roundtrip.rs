//! Export → import gives back exactly what was exported: ids (leading zeros kept), names
//! (including ones a spreadsheet would run as a formula: `=`, `+`, `-`, `@`), absence
//! markers and scores, through CSV (UTF-8 with BOM, and GBK) and XLSX.

use std::path::Path;

use merit::io::export::{people_sheet, to_csv, to_xlsx};
use merit::io::import::{ImportKind, plan_import};
use merit::model::{Person, Project, Value};
use proptest::prelude::*;

/// A person: id digits/letters (leading zeros likely), a name that may start like a
/// formula, an exam score with up to 2 decimals or an absence marker.
fn person() -> impl Strategy<Value = (String, String, Option<u32>)> {
    (
        "0{0,3}[0-9A-Z]{1,8}",
        "[=+@\\-张王李A-Za-z][张王李赵钱孙A-Za-z0-9 ,\"=()\\-]{0,8}[张王李A-Za-z0-9]",
        proptest::option::of(0u32..=10_000),
    )
}

fn project(people: Vec<(String, String, Option<u32>)>) -> Project {
    let mut project = Project::default();
    for (id, name, cents) in people {
        if project.person_index(&id).is_some() {
            continue;
        }
        let mut person = Person {
            id,
            name,
            department: "人事处".into(),
            ..Person::default()
        };
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
        ),
        ("008".into(), "-2+3".into(), None),
    ]);
    let csv = to_csv(&people_sheet(&project), encoding_rs::UTF_8).unwrap();
    let text = String::from_utf8(csv.clone()).unwrap();
    assert!(text.contains("\"'=HYPERLINK("), "{text}");
    assert!(text.contains(",'-2+3,"), "{text}");
    assert!(text.contains(",缺考"), "{text}");
    assert_eq!(reimport(&csv, "p.csv"), project.people);
}
