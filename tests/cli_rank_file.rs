//! `merit rank FILE --scheme SCHEME`: a people file ranked with no project, exactly as
//! importing it into a new project and ranking that would rank it.

mod common;
use common::*;

/// The benchmark's scheme and mapping, and a small file in the benchmark's shape with
/// one decimal, a tie, a missing score and an unknown post.
const PEOPLE: &str = "id,name,department,post,exam_score,interview_score,political_literacy,competence,peer_trust,leader_satisfaction,years_of_service\r\n\
C000001,欧阳斌建,业务一处,技术主管,83.3,76.2,8,6,83.3,4,13\r\n\
C000002,黄超振,机关党委,科员,69.7,80.1,10,6,77.7,3,4\r\n\
C000003,=邱萍梅,纪检监察室,科员,100.0,100.0,9,10,100.0,5,2\r\n\
C000004,林卫文,法规处,科员,57.9,,7,4,55.4,1,13\r\n\
C000005,曹然宇,财务处,科员,69.7,80.1,10,6,77.7,3,4\r\n";

fn write_inputs(d: &std::path::Path) {
    std::fs::write(d.join("people.csv"), PEOPLE).unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    for name in ["candidates_scheme.ron", "candidates.mapping"] {
        std::fs::copy(format!("{root}/benches/{name}"), d.join(name)).unwrap();
    }
}

#[test]
fn a_file_ranks_as_a_project_it_is_imported_into_would() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_inputs(d);
    let (scheme, mapping) = ("candidates_scheme.ron", "candidates.mapping");
    ok(&["new", "p.ron"], d);
    ok(&["scheme", "p.ron", "--set", scheme], d);
    ok(&["import", "p.ron", "people.csv", "--mapping", mapping], d);
    let from_project = ok(&["rank", "p.ron", "--format", "csv"], d);
    let args = ["--scheme", scheme, "--mapping", mapping];
    let from_file = ok(
        &[&["rank", "people.csv", "--format", "csv"], &args[..]].concat(),
        d,
    );
    assert_eq!(from_file, from_project);
    // Two people tie on 69.7/80.1/…: same rank; the formula-like name is neutralized;
    // the missing interview score leaves 林卫文 incomplete.
    assert!(from_file.contains(",C000002,黄超振,"), "{from_file}");
    assert!(from_file.contains(",'=邱萍梅,"), "{from_file}");
    assert!(
        from_file.contains(",C000004,林卫文,法规处,,incomplete,"),
        "{from_file}"
    );
    // The same as a table and as JSON, and to a file.
    let table = ok(&[&["rank", "people.csv"], &args[..]].concat(), d);
    assert_eq!(table, ok(&["rank", "p.ron"], d));
    ok(
        &[
            &["rank", "people.csv", "--format", "csv", "--out", "r.csv"],
            &args[..],
        ]
        .concat(),
        d,
    );
    assert_eq!(std::fs::read_to_string(d.join("r.csv")).unwrap(), from_file);
    assert!(!d.join("r.csv.partial").exists());
}

#[test]
fn openings_apply_to_every_post_the_file_names() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_inputs(d);
    let people = PEOPLE.replace(",业务一处,技术主管,", ",业务一处,科员,");
    std::fs::write(d.join("people.csv"), people).unwrap();
    let mapping = std::fs::read_to_string(d.join("candidates.mapping")).unwrap();
    std::fs::write(
        d.join("m"),
        mapping.replace("post = ignored", "post = post"),
    )
    .unwrap();
    let args = [
        "--scheme",
        "candidates_scheme.ron",
        "--mapping",
        "m",
        "--format",
        "csv",
    ];
    let csv = ok(
        &[&["rank", "people.csv", "--openings", "2"], &args[..]].concat(),
        d,
    );
    let selected = csv.lines().filter(|l| l.contains(",selected,")).count();
    assert_eq!(selected, 2, "{csv}");
}

#[test]
fn a_rejected_row_ranks_nothing_unless_skip_invalid() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_inputs(d);
    let bad = format!("{PEOPLE}C000006,王五,办公室,科员,120,80,8,6,83.3,4,13\r\n");
    std::fs::write(d.join("people.csv"), bad).unwrap();
    std::fs::write(d.join("r.csv"), "an earlier ranking").unwrap();
    let args = [
        "--scheme",
        "candidates_scheme.ron",
        "--mapping",
        "candidates.mapping",
    ];
    let to = ["--format", "csv", "--out", "r.csv"];
    let out = merit(&[&["rank", "people.csv"], &args[..], &to[..]].concat(), d);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("row 7, column exam_score, value '120': outside the scale 0–100"),
        "{err}"
    );
    assert!(err.contains("nothing was ranked"), "{err}");
    assert_eq!(
        std::fs::read_to_string(d.join("r.csv")).unwrap(),
        "an earlier ranking"
    );
    let skip = [
        &["rank", "people.csv", "--skip-invalid"],
        &args[..],
        &to[..],
    ]
    .concat();
    let out = merit(&skip, d);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("1 rejected row(s) left out"), "{err}");
    let csv = std::fs::read_to_string(d.join("r.csv")).unwrap();
    assert_eq!(csv.lines().count(), 6, "{csv}");
    assert!(!csv.contains("C000006"));
}

#[test]
fn a_file_has_no_stages_and_scheme_options_need_a_scheme() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_inputs(d);
    let staged = [
        "rank",
        "people.csv",
        "--scheme",
        "candidates_scheme.ron",
        "--stage",
        "1",
    ];
    assert_eq!(merit(&staged, d).status.code(), Some(2));
    assert_eq!(
        merit(&["rank", "people.csv", "--openings", "3"], d)
            .status
            .code(),
        Some(2)
    );
    let missing = merit(
        &["rank", "nothing.csv", "--scheme", "candidates_scheme.ron"],
        d,
    );
    let err = String::from_utf8_lossy(&missing.stderr);
    assert!(
        err.contains("cannot read the people file") && err.contains("nothing.csv"),
        "{err}"
    );
}

#[test]
fn an_output_that_cannot_be_written_is_named_and_nothing_is_left_half_written() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_inputs(d);
    let args = [
        "--scheme",
        "candidates_scheme.ron",
        "--mapping",
        "candidates.mapping",
    ];
    for format in ["csv", "table", "json"] {
        let to = ["--format", format, "--out", "no/such/dir/r.txt"];
        let out = merit(&[&["rank", "people.csv"], &args[..], &to[..]].concat(), d);
        assert_eq!(out.status.code(), Some(1), "{format}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("cannot write the ranking") && err.contains("no/such/dir/r.txt"),
            "{err}"
        );
        // A table or JSON file is written whole too, then moved over the earlier one.
        std::fs::write(d.join("r.txt"), "earlier").unwrap();
        let to = ["--format", format, "--out", "r.txt"];
        ok(&[&["rank", "people.csv"], &args[..], &to[..]].concat(), d);
        let written = std::fs::read_to_string(d.join("r.txt")).unwrap();
        assert!(written.contains("C000003"), "{written}");
        assert!(!d.join("r.txt.partial").exists());
    }
    let zero = merit(
        &[&["rank", "people.csv", "--openings", "0"], &args[..]].concat(),
        d,
    );
    assert_eq!(zero.status.code(), Some(2));
}

#[test]
fn rows_left_out_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_inputs(d);
    let people = format!("{PEOPLE}合计,,,,400,400,40,30,400,20,\r\n");
    std::fs::write(d.join("people.csv"), people).unwrap();
    let args = [
        "--scheme",
        "candidates_scheme.ron",
        "--mapping",
        "candidates.mapping",
    ];
    let out = merit(
        &[&["rank", "people.csv", "--format", "csv"], &args[..]].concat(),
        d,
    );
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("row 7 skipped (a summary row (合计), not a person)"),
        "{err}"
    );
}
