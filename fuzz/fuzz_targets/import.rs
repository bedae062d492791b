//! Any bytes through the whole import path, as CSV (every encoding and delimiter path)
//! and as a workbook (XLSX/XLS/ODS via calamine), as people and as ratings, and a people
//! file read into a column store (whole, or cut into pieces read in parallel) and ranked
//! (`merit rank FILE --scheme`): an import may refuse a file, never panic or hang, and
//! both readings of a people file agree.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use merit::io::import::{
    FileFormat, ImportKind, ImportOptions, plan_import_with, read_people_table,
    read_people_table_in_pieces,
};
use merit::model::{Person, Project};
use merit::scoring::{Prepared, Weights};

fuzz_target!(|data: &[u8]| {
    let mut project = Project::default();
    project.people.push(Person {
        id: "0001".into(),
        ..Person::default()
    });
    let first = data.first().copied().unwrap_or(0);
    let format = match first % 5 {
        0 | 1 => FileFormat::Csv,
        2 => FileFormat::Xlsx,
        3 => FileFormat::Xls,
        _ => FileFormat::Ods,
    };
    let kind = if first & 0x10 == 0 {
        ImportKind::People
    } else {
        ImportKind::Ratings
    };
    let options = ImportOptions {
        format: Some(format),
        encoding: (first & 0x20 != 0).then(|| "gbk".to_string()),
        ..ImportOptions::default()
    };
    let body = data.get(1..).unwrap_or_default();
    if kind == ImportKind::People {
        let fresh = Project::default();
        // Half the time a CSV file is cut into 2 to 5 pieces read on several threads, as a
        // large one is.
        let read = if first & 0x40 != 0 {
            let count = 2 + usize::from(first >> 7) + usize::from(body.len() % 3);
            read_people_table_in_pieces(&fresh, body, Path::new("fuzz"), &options, count)
        } else {
            read_people_table(&fresh, body, Path::new("fuzz"), &options)
        };
        let plan = plan_import_with(&fresh, body, kind, Path::new("fuzz"), &options);
        match (read, plan) {
            (Ok(read), Ok(plan)) => {
                assert_eq!(read.problems, plan.problems);
                assert_eq!(read.skipped, plan.skipped);
                assert_eq!(read.new_posts, plan.new_posts);
                assert_eq!(read.mapping, plan.mapping);
                assert_eq!(
                    (read.accepted, read.rejected),
                    (plan.accepted, plan.rejected)
                );
                assert_eq!(read.people.to_people(), plan.added);
                let ranked = read.project(&fresh);
                let _ = Prepared::with_people(&ranked, &read.people)
                    .rank(&Weights::from_scheme(&ranked.scheme));
            }
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
            (read, plan) => panic!("the readings disagree: {:?} / {:?}", read.err(), plan.err()),
        }
    }
    if let Ok(plan) = plan_import_with(&project, body, kind, Path::new("fuzz"), &options) {
        let _ = plan.summary();
        let _ = plan.apply(&mut project);
    }
});
