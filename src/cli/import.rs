//! `merit import`: plan, show, and (unless a dry run) apply and save atomically.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::io::import::{
    FileFormat, ImportError, ImportKind, ImportOptions, ImportPlan, Mapping, header_mapping,
    plan_import_with,
};
use crate::io::project_file;

use super::commands::{CliError, print, write_file};
use super::{Delimiter, Kind};

/// The arguments of `merit import`.
#[derive(Debug, Clone, clap::Args)]
pub struct ImportArgs {
    /// The project file.
    pub project: PathBuf,
    /// The file: CSV/TSV (any encoding, detected) or a workbook.
    pub file: PathBuf,
    /// What the file holds.
    #[arg(long, value_enum, default_value_t = Kind::People)]
    pub kind: Kind,
    /// Show the plan (each person added or updated, field by field) and the column mapping
    /// (in --mapping format), and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Also write the plan as JSON: {"accepted", "rejected", "problems", "skipped", "source",
    /// "added", "updated", "unchanged", "new_posts"}.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// The text encoding (utf-8, gbk, gb18030, utf-16le…); detected when not given.
    #[arg(long)]
    pub encoding: Option<String>,
    /// The CSV delimiter; sniffed when not given.
    #[arg(long, value_enum)]
    pub delimiter: Option<Delimiter>,
    /// The sheet of a workbook; the first when not given.
    #[arg(long)]
    pub sheet: Option<String>,
    /// A column mapping file (`header = field` lines, as --dry-run prints).
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,
    /// Import the valid rows and report the rejected ones, instead of importing nothing.
    #[arg(long)]
    pub skip_invalid: bool,
}

/// Runs `merit import PROJECT FILE`.
pub fn import(args: &ImportArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let (path, file) = (args.project.as_path(), args.file.as_path());
    let mut project = project_file::load(path)?;
    let bytes = read_file(file, "read the import file")?;
    sheet_fits(args.sheet.as_ref(), &bytes, file)?;
    let options = import_options(
        args.encoding.as_ref(),
        args.delimiter,
        args.sheet.as_ref(),
        args.mapping.as_deref(),
    )?;
    let kind = match args.kind {
        Kind::People => ImportKind::People,
        Kind::Ratings => ImportKind::Ratings,
        Kind::Ballots => ImportKind::Ballots,
    };
    let plan = match plan_import_with(&project, &bytes, kind, file, &options) {
        Err(error @ ImportError::MissingColumns { .. }) if args.dry_run => {
            // The mapping as far as it goes, for the user to complete.
            let columns = header_mapping(&project, &bytes, kind, file, &options)?;
            print(out, &missing_columns_text(&columns))?;
            return Err(error.into());
        }
        plan => plan?,
    };
    if let Some(report_path) = &args.report {
        let json = serde_json::to_vec_pretty(&plan.report())
            .map_err(|e| CliError::Usage(e.to_string()))?;
        write_file(report_path, &json, "write the report")?;
    }
    let text = format!("{}\n{}\n", plan.source.describe(), plan.summary());
    if !plan.problems.is_empty() && !args.skip_invalid {
        return Err(CliError::Rejected(text.trim_end().to_string()));
    }
    if args.dry_run {
        return print(out, &dry_run_text(&plan, text));
    }
    if let Some(why) = nothing_to_save(&plan) {
        return print(out, &format!("{text}{why}; {} not saved\n", path.display()));
    }
    plan.apply_valid(&mut project);
    project_file::save(&project, path)?;
    let left_out = if plan.problems.is_empty() {
        String::new()
    } else {
        format!(
            "{} rejected row(s) left out (--skip-invalid)\n",
            plan.rejected
        )
    };
    print(out, &format!("{text}{left_out}saved {}\n", path.display()))
}

/// Why an import leaves the project as it is, so that it is not saved (a save would
/// replace the `.bak`, the only copy of the version before the last real change); `None`
/// when it changes something.
fn nothing_to_save(plan: &ImportPlan) -> Option<String> {
    if plan.data_rows() == 0 {
        let row = plan.source.header_row;
        Some(format!(
            "the file has no data rows under its header (row {row})"
        ))
    } else if plan.accepted == 0 {
        Some("no valid row to import".into())
    } else if !plan.changes_anything() {
        Some("nothing to change".into())
    } else {
        None
    }
}

/// The bytes of the file at `path`, or an error naming it and `action`.
pub(super) fn read_file(path: &Path, action: &'static str) -> Result<Vec<u8>, CliError> {
    std::fs::read(path).map_err(|source| CliError::File {
        action,
        path: path.to_path_buf(),
        source,
    })
}

/// An error when `--sheet` is given for a file that is not a workbook (it would be
/// ignored without a word).
pub(super) fn sheet_fits(
    sheet: Option<&String>,
    bytes: &[u8],
    file: &Path,
) -> Result<(), CliError> {
    let format = FileFormat::detect(bytes, file);
    if sheet.is_some() && format == FileFormat::Csv {
        return Err(CliError::Usage(format!(
            "--sheet applies to workbooks (XLSX, XLS, ODS); {} is a CSV file",
            file.display()
        )));
    }
    Ok(())
}

/// How to read a file, as `--encoding`, `--delimiter`, `--sheet` and `--mapping FILE` say.
pub(super) fn import_options(
    encoding: Option<&String>,
    delimiter: Option<Delimiter>,
    sheet: Option<&String>,
    mapping: Option<&Path>,
) -> Result<ImportOptions, CliError> {
    let mapping = match mapping {
        None => Mapping::default(),
        Some(m) => {
            let text =
                String::from_utf8_lossy(&read_file(m, "read the mapping file")?).into_owned();
            Mapping::parse(&text).map_err(|e| CliError::Usage(format!("{e}: {}", m.display())))?
        }
    };
    Ok(ImportOptions {
        encoding: encoding.cloned(),
        delimiter: delimiter.map(Delimiter::byte),
        sheet: sheet.cloned(),
        mapping,
        format: None,
    })
}

/// How many people added (and how many updated) a dry run lists; `--report` has all.
const LISTED: usize = 1000;

/// The dry run's output: the plan, each person it adds or changes, then the mapping as a
/// mapping file.
fn dry_run_text(plan: &ImportPlan, mut text: String) -> String {
    let changes = plan.changes(LISTED);
    if !changes.is_empty() {
        text.push('\n');
        text.push_str(&changes);
        text.push('\n');
    }
    text.push_str("\ncolumn mapping (save it, edit it, pass it back with --mapping FILE):\n");
    text.push_str(&Mapping::to_text(&plan.mapping));
    text.push_str("\ndry run: nothing was written\n");
    text
}

/// What a dry run prints when required columns are missing: the mapping as far as it
/// goes, to complete (give the missing fields to the right columns) and pass back.
fn missing_columns_text(columns: &[(String, String)]) -> String {
    let mut text = String::from(
        "column mapping as far as it goes (save it, give the missing fields to the right \
         columns, pass it back with --mapping FILE):\n",
    );
    text.push_str(&Mapping::to_text(columns));
    text.push_str("\ndry run: nothing was written\n");
    text
}
