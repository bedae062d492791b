//! A file read into a [`PeopleTable`] says what an import of it into an empty project
//! says: the same problems, skipped rows, posts and people, and it ranks the same.

use std::path::Path;

use proptest::prelude::*;

use super::*;
use crate::io::import::table_read::Pieces;
use crate::io::import::{ImportKind, ImportOptions, plan_import_with};
use crate::io::ranking_csv::{write_ranking_csv, write_ranking_csv_of};
use crate::model::{Criterion, Scale};
use crate::scoring::{People, Prepared, Weights, evaluate};

/// The default scheme with a categorical criterion, so categories are read too.
fn project() -> Project {
    let mut project = Project::default();
    project.scheme.groups[0].criteria.push(Criterion {
        key: "grade".into(),
        name: "测评等次".into(),
        weight: 0.1,
        scale: Scale::Categorical {
            categories: vec![("优秀".into(), 100.0), ("称职".into(), 80.0)],
        },
        ..Criterion::default()
    });
    project
}

/// Reads `bytes` both ways and checks that they agree; the table read.
fn both_ways(project: &Project, bytes: &[u8], options: &ImportOptions) -> TableImport {
    both_ways_in(project, bytes, options, Pieces::default())
}

/// [`both_ways`], a CSV file cut into `pieces` for the table.
fn both_ways_in(
    project: &Project,
    bytes: &[u8],
    options: &ImportOptions,
    pieces: Pieces,
) -> TableImport {
    let source = Path::new("people.csv");
    let plan = plan_import_with(project, bytes, ImportKind::People, source, options);
    let read = super::super::read_people_table_in(project, bytes, source, options, pieces);
    let (plan, read) = match (plan, read) {
        (Ok(plan), Ok(read)) => (plan, read),
        (Err(a), Err(b)) => {
            assert_eq!(a.to_string(), b.to_string());
            return TableImport {
                people: PeopleTable::default(),
                new_posts: Vec::new(),
                mapping: Vec::new(),
                problems: Vec::new(),
                skipped: Vec::new(),
                source: SourceInfo::default(),
                accepted: 0,
                rejected: 0,
            };
        }
        (plan, read) => panic!("one way failed: {:?} / {:?}", plan.err(), read.err()),
    };
    assert_eq!(read.problems, plan.problems);
    assert_eq!(read.skipped, plan.skipped);
    assert_eq!(read.new_posts, plan.new_posts);
    assert_eq!(read.mapping, plan.mapping);
    assert_eq!(read.source, plan.source);
    assert_eq!(
        (read.accepted, read.rejected),
        (plan.accepted, plan.rejected)
    );
    assert_eq!(read.people.to_people(), plan.added);
    // Both rank the same, to the byte of the ranking CSV.
    let mut imported = project.clone();
    plan.apply_valid(&mut imported);
    let mut expected = Vec::new();
    let evaluation = evaluate(&imported);
    let posts: Vec<_> = evaluation.posts.iter().collect();
    write_ranking_csv(
        &imported,
        &evaluation,
        &posts,
        encoding_rs::UTF_8,
        &mut expected,
    )
    .unwrap();
    let ranked = read.project(project);
    let evaluation =
        Prepared::with_people(&ranked, &read.people).rank(&Weights::from_scheme(&ranked.scheme));
    let posts: Vec<_> = evaluation.posts.iter().collect();
    let mut got = Vec::new();
    let people: &dyn People = &read.people;
    write_ranking_csv_of(
        &ranked,
        people,
        &evaluation,
        &posts,
        encoding_rs::UTF_8,
        &mut got,
    )
    .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&got),
        String::from_utf8_lossy(&expected)
    );
    read
}

#[test]
fn the_sample_and_the_fixtures_read_the_same_both_ways() {
    let sample = include_bytes!("../../../data-samples/exam_results.csv");
    let read = both_ways(&Project::default(), sample, &ImportOptions::default());
    assert_eq!(read.people.len(), 48);
    assert_eq!(read.people.id(0), "20260001");
    assert_eq!(read.people.field(0, "工龄"), Some("18"));
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    let mut read_any = 0;
    for entry in std::fs::read_dir(&fixtures).unwrap() {
        let path = entry.unwrap().path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !["csv", "txt", "xls", "ods"].contains(&ext) {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        both_ways(&Project::default(), &bytes, &ImportOptions::default());
        read_any += 1;
    }
    assert!(read_any >= 8, "{read_any} fixtures");
}

#[test]
fn duplicates_leave_the_table_and_take_no_post_with_them() {
    // Row 4 repeats A1 and names a post nobody else names; row 6 repeats A2, whose first
    // row was refused for its score.
    let text = "编号,姓名,报考岗位,笔试成绩,测评等次\n\
                A1,甲,科员,80,优秀\n\
                A2,乙,科员,120,称职\n\
                A1,丙,新岗位,60,称职\n\
                A3,丁,副科长,缺考,优秀\n\
                A2,戊,科员,70,称职\n";
    let read = both_ways(&project(), text.as_bytes(), &ImportOptions::default());
    let ids: Vec<&str> = (0..read.people.len()).map(|p| read.people.id(p)).collect();
    assert_eq!(ids, ["A1", "A3"]);
    let posts: Vec<&str> = read.new_posts.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(posts, ["科员", "副科长"]);
    assert_eq!(read.people.absent(1, "exam"), Some("缺考"));
    let reasons: Vec<(usize, &str)> = read
        .problems
        .iter()
        .map(|p| (p.row, p.reason.as_str()))
        .collect();
    assert_eq!(reasons[1], (4, "duplicate id: rows 2 and 4 have it"));
    assert_eq!(reasons[2], (6, "duplicate id: rows 3 and 6 have it"));
}

/// One cell of a generated people file.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (0u32..1000).prop_map(|x| format!("{}", f64::from(x) / 10.0)),
        1 => Just(String::new()),
        1 => prop_oneof![Just("缺考"), Just("N/A"), Just("120"), Just("abc"), Just("８７．５"), Just("85%")]
            .prop_map(str::to_string),
    ]
}

/// One row: an id from a small set (so some repeat), a name, a post, two scores, a
/// grade, an extra column; now and then a totals row or a note.
fn row() -> impl Strategy<Value = String> {
    let person = (
        prop_oneof![
            Just(""),
            Just("A1"),
            Just("A2"),
            Just("A3"),
            Just("B1"),
            Just("1.10101E+17"),
            Just("C9")
        ],
        prop_oneof![
            Just("张三"),
            Just("=SUM(A1)"),
            Just("'=SUM(A1)"),
            Just(""),
            Just("李四")
        ],
        prop_oneof![Just(""), Just("科员"), Just("副科长"), Just("新岗位")],
        cell(),
        cell(),
        prop_oneof![
            Just(""),
            Just("优秀"),
            Just("称职"),
            Just("良好"),
            Just("缺席")
        ],
        prop_oneof![Just(""), Just("12"), Just(" 3 ")],
    )
        .prop_map(|(id, name, post, exam, competence, grade, years)| {
            format!("{id},{name},{post},{exam},{competence},{grade},{years}")
        });
    prop_oneof![
        12 => person,
        1 => Just("合计,,,4012,,,".to_string()),
        1 => Just("注：缺考人员不排名,,,,,,".to_string()),
        1 => Just(",,,,,,".to_string()),
        1 => Just(String::new()),
        1 => Just("X9,王五,科员,80".to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any mix of good rows, refused ones, duplicates, summary rows, notes, blank and
    /// short rows reads the same both ways (and ranks the same, see `both_ways`), whole
    /// or cut into pieces read on several threads, CRLF or LF, comma, semicolon (with
    /// decimal commas) or tab. Enough rows that pieces hold many past the header search.
    #[test]
    fn any_file_reads_the_same_both_ways(
        rows in prop::collection::vec(row(), 0..120),
        count in 1usize..6,
        crlf in any::<bool>(),
        delimiter in prop_oneof![Just(","), Just(";"), Just("\t")],
    ) {
        let end = if crlf { "\r\n" } else { "\n" };
        let mut text = format!("编号,姓名,报考岗位,笔试成绩,业务能力,测评等次,工龄{end}");
        for row in rows {
            text.push_str(&row);
            text.push_str(end);
        }
        let text = text.replace(',', delimiter);
        let pieces = Pieces { min_bytes: 0, count };
        both_ways_in(&project(), text.as_bytes(), &ImportOptions::default(), pieces);
    }
}

#[test]
fn a_large_file_reads_the_same_in_parallel_parts() {
    // More rows than a batch, so parts are judged in parallel and taken in order; a
    // duplicate across batches and a refused row far down.
    let mut text = String::from("编号,姓名,报考岗位,笔试成绩,业务能力\n");
    for i in 0..9000 {
        let id = if i == 8500 {
            "P00007".to_string()
        } else {
            format!("P{i:05}")
        };
        let exam = if i == 7777 {
            "101".to_string()
        } else {
            format!("{}", i % 100)
        };
        text.push_str(&format!(
            "{id},某{i},岗位{},{exam},{}\n",
            i % 3,
            (i * 7) % 100
        ));
    }
    let read = both_ways(
        &Project::default(),
        text.as_bytes(),
        &ImportOptions::default(),
    );
    assert_eq!(read.people.len(), 8998);
    assert_eq!(read.rejected, 2);
}

#[test]
fn a_run_of_blank_rows_is_one_skipped_entry_however_it_is_cut() {
    // Excel leaves thousands of `,,,` lines below the data; a blank row in the middle
    // stays its own entry, and a run cut across pieces is joined again.
    let mut text = String::from("编号,姓名,报考岗位,笔试成绩\nA1,甲,科员,80\n\nA2,乙,科员,70\n");
    for _ in 0..5000 {
        text.push_str(",,,\n");
    }
    for count in [1, 3, 7] {
        let pieces = Pieces {
            min_bytes: 0,
            count,
        };
        let read = both_ways_in(
            &Project::default(),
            text.as_bytes(),
            &ImportOptions::default(),
            pieces,
        );
        let runs: Vec<(usize, usize)> = read.skipped.iter().map(|s| (s.row, s.last_row)).collect();
        assert_eq!(runs, [(3, 3), (5, 5004)], "{count} pieces");
        assert_eq!(
            read.skipped[1].to_string(),
            "rows 5–5004 skipped (blank row)"
        );
        assert_eq!(read.people.len(), 2);
    }
}
