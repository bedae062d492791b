//! `merit report` (the printable results report, or the results list as CSV or XLSX) and
//! `merit rank --stage N` (one stage of a staged selection).

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::io::project_file;
use crate::report::html::ReportSpec;
use crate::report::publish::{Period, PublishFormat, publish};
use crate::report::results::{find_post, published_lines, results_csv, results_table, stage_index};
use crate::report::workdays::WorkCalendar;
use crate::scoring::stages::evaluate_stages;

use super::commands::{CliError, write_file};
use super::{Format, ReportArgs};

fn usage(e: impl std::fmt::Display) -> CliError {
    CliError::Usage(e.to_string())
}

/// `merit rank --stage N`: the results of one stage, per post (or one post).
pub fn rank_stage(
    path: &Path,
    format: Format,
    post: Option<&str>,
    stage: usize,
    file: Option<&Path>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let project = project_file::load(path)?;
    let staged = evaluate_stages(&project);
    for warning in &staged.warnings {
        eprintln!("warning: {warning}");
    }
    let index = stage_index(&staged, Some(stage)).map_err(usage)?;
    let posts: Vec<String> = match post {
        Some(p) => vec![find_post(&project, p).map_err(usage)?],
        None => project.posts.iter().map(|p| p.id.clone()).collect(),
    };
    let mut bytes = Vec::new();
    for (i, id) in posts.iter().enumerate() {
        let lines = published_lines(&project, &staged, id, index);
        match format {
            Format::Table => {
                bytes.extend(results_table(&project, &staged, id, index, &lines).into_bytes());
                bytes.push(b'\n');
            }
            Format::Csv if posts.len() == 1 => {
                bytes = results_csv(&staged, index, &lines, true).map_err(usage)?;
            }
            Format::Csv if i == 0 => {
                return Err(usage("--stage with --format csv needs --post"));
            }
            _ => return Err(usage("--stage prints a table or csv")),
        }
    }
    match file {
        Some(f) => write_file(f, &bytes, "write the ranking"),
        None => out.write_all(&bytes).map_err(|source| CliError::File {
            action: "write the output",
            path: PathBuf::from("<stdout>"),
            source,
        }),
    }
}

fn parse_date(text: &str, what: &str) -> Result<NaiveDate, CliError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|e| usage(format!("{what} '{text}': {e}; write dates as YYYY-MM-DD")))
}

/// The working-day calendar of `merit report`: the built-in official one (or weekends
/// only), plus the holidays and 调休 workdays given on the command line.
fn work_calendar(args: &ReportArgs) -> Result<WorkCalendar, CliError> {
    let mut calendar = if args.weekends_only {
        WorkCalendar::weekends_only()
    } else {
        WorkCalendar::china()
    };
    for text in &args.holidays {
        let (first, last) = match text.split_once("..") {
            Some((first, last)) => (
                parse_date(first, "--holidays")?,
                parse_date(last, "--holidays")?,
            ),
            None => {
                let day = parse_date(text, "--holidays")?;
                (day, day)
            }
        };
        if last < first {
            return Err(usage(format!(
                "--holidays '{text}': the range ends before it starts"
            )));
        }
        calendar.add_holidays(first, last);
    }
    for text in &args.workdays {
        calendar.add_workday(parse_date(text, "--workdays")?);
    }
    Ok(calendar)
}

/// Today's date where the user is (a 公示 in China starts on China's date, not UTC's).
fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// `merit report`: the HTML report (`.html`) or the results list (`.csv`) of a post.
pub fn report(args: &ReportArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let project = project_file::load(&args.project)?;
    let staged = evaluate_stages(&project);
    let mut notes: Vec<String> = Vec::new();
    let post = find_post(&project, &args.post).map_err(usage)?;
    let stage = stage_index(&staged, args.stage).map_err(usage)?;
    let format = PublishFormat::from_path(&args.out).ok_or_else(|| {
        usage(format!(
            "--out must end in .html, .csv or .xlsx: {}",
            args.out.display()
        ))
    })?;
    let mut period = None;
    if format == PublishFormat::Html {
        let start = match &args.start {
            Some(s) => parse_date(s, "--start")?,
            None => today(),
        };
        let found = Period::new(&work_calendar(args)?, start, args.days);
        if !found.unknown_years.is_empty() {
            let years: Vec<String> = found.unknown_years.iter().map(i32::to_string).collect();
            notes.push(format!(
                "note: the official holidays of {} are not built in; only weekends and \
                 the dates given by --holidays/--workdays were skipped: check the \
                 publication period against the year's notice",
                years.join(", ")
            ));
        }
        period = found.span;
    }
    let spec = ReportSpec {
        post,
        stage,
        period,
    };
    let bytes = publish(&project, &staged, &spec, format).map_err(usage)?;
    write_file(&args.out, &bytes, "write the report")?;
    notes.push(format!("wrote {}", args.out.display()));
    out.write_all(format!("{}\n", notes.join("\n")).as_bytes())
        .map_err(|source| CliError::File {
            action: "write the output",
            path: PathBuf::from("<stdout>"),
            source,
        })
}
