//! One entry for publishing a post's results, shared by `merit report` and the app's
//! Publish dialog: the format from the file name, the bytes for that format, and the
//! publication period with a warning for years whose official holidays are not built in.
//! No file access: callers write the bytes.

use std::path::Path;

use chrono::NaiveDate;

use crate::model::Project;
use crate::scoring::stages::StagedEvaluation;

use super::html::{ReportSpec, html_report};
use super::results::{published_lines, results_csv};
use super::workdays::WorkCalendar;
use super::xlsx::results_xlsx;

/// What a publication is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublishFormat {
    /// The printable, self-contained HTML report.
    Html,
    /// The results list for Excel (UTF-8 with BOM, CRLF).
    Csv,
    /// The results list as a workbook.
    Xlsx,
}

impl PublishFormat {
    /// The format a file name asks for (`.html`/`.htm`, `.csv`, `.xlsx`), if any.
    pub fn from_path(path: &Path) -> Option<PublishFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "html" | "htm" => Some(PublishFormat::Html),
            "csv" => Some(PublishFormat::Csv),
            "xlsx" => Some(PublishFormat::Xlsx),
            _ => None,
        }
    }
}

/// Why a publication could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    /// A chart of the report could not be drawn.
    #[error("could not draw the report's charts: {0}")]
    Chart(String),
    /// The results list could not be written.
    #[error("could not write the results list: {0}")]
    List(String),
    /// The post is not in the project.
    #[error("no post '{0}' in the project")]
    NoPost(String),
    /// The stage is not in the project.
    #[error("no stage {wanted} in the project (it has {count})")]
    NoStage {
        /// The stage asked for, numbered from 1.
        wanted: usize,
        /// How many stages there are.
        count: usize,
    },
}

/// A publication period: `days` working days from `start` under `calendar`, with the years
/// it touches whose official holidays are not built in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    /// First day, last day, number of working days; `None` for zero days.
    pub span: Option<(NaiveDate, NaiveDate, u32)>,
    /// Years inside the period counted with weekends (and dates given by hand) only.
    pub unknown_years: Vec<i32>,
}

impl Period {
    /// The period of `days` working days starting on `start` (or the next working day).
    pub fn new(calendar: &WorkCalendar, start: NaiveDate, days: u32) -> Period {
        let span = calendar
            .publication_period(start, days)
            .map(|(first, last)| (first, last, days));
        let unknown_years = span.map_or_else(Vec::new, |(first, last, _)| {
            calendar.unknown_years(first, last)
        });
        Period {
            span,
            unknown_years,
        }
    }
}

/// The bytes of `spec`'s publication in `format` (the period is used by the HTML report).
/// A post or stage that is not in the project is an error, not an empty notice.
pub fn publish(
    project: &Project,
    staged: &StagedEvaluation,
    spec: &ReportSpec,
    format: PublishFormat,
) -> Result<Vec<u8>, PublishError> {
    if project.post(&spec.post).is_none() {
        return Err(PublishError::NoPost(spec.post.clone()));
    }
    if spec.stage >= staged.stages.len() {
        return Err(PublishError::NoStage {
            wanted: spec.stage + 1,
            count: staged.stages.len(),
        });
    }
    let several = staged.stages.len() > 1;
    match format {
        PublishFormat::Html => html_report(project, staged, spec)
            .map(String::into_bytes)
            .map_err(|e| PublishError::Chart(e.to_string())),
        PublishFormat::Csv => {
            let lines = published_lines(project, staged, &spec.post, spec.stage);
            results_csv(staged, spec.stage, &lines, several)
                .map_err(|e| PublishError::List(e.to_string()))
        }
        PublishFormat::Xlsx => {
            let lines = published_lines(project, staged, &spec.post, spec.stage);
            results_xlsx(staged, spec.stage, &lines, several, &spec.post)
                .map_err(|e| PublishError::List(e.to_string()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_post_or_stage_not_in_the_project_is_an_error() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data-samples/sample.ron");
        let project = crate::io::project_file::load(&path).unwrap();
        let staged = crate::scoring::stages::evaluate_stages(&project);
        let spec = |post: &str, stage| ReportSpec {
            post: post.into(),
            stage,
            period: None,
        };
        let post = project.posts[0].id.clone();
        assert!(publish(&project, &staged, &spec(&post, 0), PublishFormat::Csv).is_ok());
        let err = publish(
            &project,
            &staged,
            &spec("财务科科员", 0),
            PublishFormat::Html,
        );
        assert_eq!(
            err.unwrap_err().to_string(),
            "no post '财务科科员' in the project"
        );
        let err = publish(&project, &staged, &spec(&post, 1), PublishFormat::Html);
        assert_eq!(
            err.unwrap_err().to_string(),
            "no stage 2 in the project (it has 1)"
        );
    }

    #[test]
    fn formats_come_from_the_file_name() {
        let f = |p: &str| PublishFormat::from_path(Path::new(p));
        assert_eq!(f("公示.HTML"), Some(PublishFormat::Html));
        assert_eq!(f("r.htm"), Some(PublishFormat::Html));
        assert_eq!(f("list.csv"), Some(PublishFormat::Csv));
        assert_eq!(f("list.xlsx"), Some(PublishFormat::Xlsx));
        assert_eq!(f("list.xls"), None);
        assert_eq!(f("noext"), None);
    }

    #[test]
    fn a_period_names_the_years_not_built_in() {
        let china = WorkCalendar::china();
        let inside = Period::new(&china, d(2026, 12, 1), 5);
        assert_eq!(inside.span, Some((d(2026, 12, 1), d(2026, 12, 7), 5)));
        assert!(inside.unknown_years.is_empty());
        let across = Period::new(&china, d(2026, 12, 30), 5);
        assert_eq!(across.unknown_years, [2027]);
        assert_eq!(Period::new(&china, d(2026, 12, 30), 0).span, None);
    }
}
