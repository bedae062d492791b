//! Importing people and ratings from the spreadsheets HR already has (`merit import`).
//!
//! An import never changes a project by itself: [`plan_import`] reads a file into an
//! [`ImportPlan`] that says what would be added, updated and rejected, and why; the caller
//! shows it and, once the user confirms, calls [`ImportPlan::apply`], which changes nothing
//! when the plan has any problem.
//!
//! The pipeline, one module per step, so that each can be swapped (other encodings,
//! delimiters, XLSX) without touching the others:
//!
//! 1. `decode`: bytes → text (UTF-8, byte-order mark stripped);
//! 2. `records`: text → a header and numbered rows (CSV, spreadsheet row numbers);
//! 3. `headers`: headers → fields (Chinese or English names, criteria by key or name);
//! 4. `cells`: cells → validated values ([`crate::scoring::raw::value_points`]);
//! 5. `people` / `ratings`: rows → the plan, merged with the project.
//!
//! Every problem is collected, not just the first, each with its spreadsheet row (the
//! header is row 1), column header, value and reason.

mod cells;
mod decode;
mod headers;
mod merge;
mod people;
mod plan;
mod ratings;
mod records;

use std::path::Path;

use crate::model::Project;

pub use plan::{
    FieldChange, ImportError, ImportKind, ImportPlan, ImportReport, PersonUpdate, Problem,
};

/// Plans importing `bytes`, the contents of the file `source`, into `project` as `kind`.
/// `source` is only used in error messages. Errors are about the file as a whole (not
/// UTF-8, empty, a required column missing); problems with rows are in the plan.
pub fn plan_import(
    project: &Project,
    bytes: &[u8],
    kind: ImportKind,
    source: &Path,
) -> Result<ImportPlan, ImportError> {
    let path = || source.to_path_buf();
    let text = decode::decode(bytes).map_err(|e| ImportError::NotUtf8 {
        offset: e.offset,
        path: path(),
    })?;
    let table = records::read_csv(&text).map_err(|e| match e {
        records::RecordsError::Empty => ImportError::Empty { path: path() },
        records::RecordsError::Malformed(reason) => ImportError::Malformed {
            reason,
            path: path(),
        },
    })?;
    match kind {
        ImportKind::People => people::plan(project, &table, source),
        ImportKind::Ratings => ratings::plan(project, &table, source),
    }
}

/// Reads the file at `path` and plans importing it (see [`plan_import`]).
pub fn plan_import_file(
    project: &Project,
    path: &Path,
    kind: ImportKind,
) -> Result<ImportPlan, ImportError> {
    let bytes = std::fs::read(path).map_err(|error| ImportError::Unreadable {
        path: path.to_path_buf(),
        error,
    })?;
    plan_import(project, &bytes, kind, path)
}

/// Plans an import of a CSV string, for tests.
#[cfg(test)]
fn plan_text(project: &Project, text: &str, kind: ImportKind) -> ImportPlan {
    match plan_import(project, text.as_bytes(), kind, Path::new("test.csv")) {
        Ok(plan) => plan,
        Err(e) => panic!("{e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Value;

    const SAMPLE_PEOPLE: &[u8] = include_bytes!("../../../data-samples/exam_results.csv");
    const SAMPLE_RATINGS: &[u8] = include_bytes!("../../../data-samples/ratings.csv");

    #[test]
    fn the_sample_round_imports_without_problems() {
        let project = sample_project();
        let posts: Vec<&str> = project.posts.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(posts, ["综合科科员", "财务科副科长", "信息中心技术岗"]);
        let first = &project.people[0];
        assert_eq!(
            (first.id.as_str(), first.name.as_str()),
            ("20260001", "蒋波")
        );
        assert_eq!(first.scores.get("exam"), Some(&Value::Number(79.9)));
        assert_eq!(first.extra.get("工龄").map(String::as_str), Some("18"));
        // One candidate was absent from the exam: missing, not 0.
        let absent = project
            .people
            .iter()
            .filter(|p| !p.scores.contains_key("exam"));
        assert_eq!(absent.count(), 1);
    }

    /// The sample files imported into a default project, checking the counts on the way.
    fn sample_project() -> Project {
        let mut project = Project::default();
        let plan = plan_import(
            &project,
            SAMPLE_PEOPLE,
            ImportKind::People,
            Path::new("exam_results.csv"),
        )
        .unwrap();
        assert_eq!(plan.problems, [], "{}", plan.summary());
        assert_eq!(
            (plan.added.len(), plan.new_posts.len(), plan.accepted),
            (48, 3, 48)
        );
        assert!(plan.apply(&mut project));
        assert_eq!(project.people.len(), 48);
        let plan = plan_import(
            &project,
            SAMPLE_RATINGS,
            ImportKind::Ratings,
            Path::new("ratings.csv"),
        )
        .unwrap();
        assert_eq!(plan.problems, [], "{}", plan.summary());
        assert_eq!((plan.ratings_added, plan.accepted), (624, 624));
        assert!(plan.apply(&mut project));
        assert_eq!(project.ratings.len(), 624);
        project
    }

    #[test]
    fn the_sample_round_imports_again_without_changes() {
        let project = sample_project();
        let again =
            plan_import(&project, SAMPLE_PEOPLE, ImportKind::People, Path::new("x")).unwrap();
        assert_eq!(
            (again.added.len(), again.updated.len(), again.unchanged),
            (0, 0, 48)
        );
        let again = plan_import(
            &project,
            SAMPLE_RATINGS,
            ImportKind::Ratings,
            Path::new("x"),
        )
        .unwrap();
        assert_eq!(
            (
                again.ratings_added,
                again.ratings_replaced,
                again.ratings_unchanged
            ),
            (0, 0, 624)
        );
    }

    #[test]
    fn a_bom_and_crlf_do_not_reach_the_headers_or_cells() {
        let text = "\u{feff}准考证号,姓名\r\n001,张三\r\n";
        let plan = plan_text(&Project::default(), text, ImportKind::People);
        assert_eq!(plan.mapping[0], ("准考证号".to_string(), "id".to_string()));
        assert_eq!(plan.added[0].id, "001");
        assert_eq!(plan.added[0].name, "张三");
    }

    #[test]
    fn file_level_errors_name_the_file_last() {
        let project = Project::default();
        let err = plan_import(
            &project,
            b"id,\xFFname\n",
            ImportKind::People,
            Path::new("a.csv"),
        )
        .unwrap_err();
        assert!(
            matches!(err, ImportError::NotUtf8 { offset: 3, .. }),
            "{err:?}"
        );
        assert!(err.to_string().ends_with(": a.csv"), "{err}");
        let err = plan_import(
            &project,
            "姓名,笔试成绩\n张三,80\n".as_bytes(),
            ImportKind::People,
            Path::new("b.csv"),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "missing required column id (one of: 编号, 准考证号, 考号, 工号, 身份证号, id): b.csv"
        );
        let err =
            plan_import(&project, b"\r\n", ImportKind::Ratings, Path::new("c.csv")).unwrap_err();
        assert!(matches!(err, ImportError::Empty { .. }), "{err:?}");
        let err = plan_import_file(&project, Path::new("/no/such/file.csv"), ImportKind::People)
            .unwrap_err();
        assert!(err.to_string().ends_with(": /no/such/file.csv"), "{err}");
    }
}
