//! `merit import`: plan, show, and (unless a dry run) apply and save atomically.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::io::import::{ImportKind, ImportOptions, ImportPlan, Mapping, plan_import_with};
use crate::io::project_file;

use super::commands::{CliError, print, write_file};
use super::{Delimiter, Kind};

/// The options of `merit import` besides the two files.
#[derive(Debug, Clone)]
pub struct ImportArgs {
    /// What the file holds.
    pub kind: Kind,
    /// Show the plan and write nothing.
    pub dry_run: bool,
    /// Where to write the JSON report.
    pub report: Option<PathBuf>,
    /// A named text encoding.
    pub encoding: Option<String>,
    /// A named delimiter.
    pub delimiter: Option<Delimiter>,
    /// A named sheet.
    pub sheet: Option<String>,
    /// A mapping file.
    pub mapping: Option<PathBuf>,
    /// Import the valid rows even when some are rejected.
    pub skip_invalid: bool,
}

/// Runs `merit import PROJECT FILE`.
pub fn import(
    path: &Path,
    file: &Path,
    args: &ImportArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let mut project = project_file::load(path)?;
    let read = |p: &Path, action| {
        std::fs::read(p).map_err(|source| CliError::File {
            action,
            path: p.to_path_buf(),
            source,
        })
    };
    let bytes = read(file, "read the import file")?;
    let mapping = match &args.mapping {
        None => Mapping::default(),
        Some(m) => {
            let text = String::from_utf8_lossy(&read(m, "read the mapping file")?).into_owned();
            Mapping::parse(&text).map_err(|e| CliError::Usage(format!("{e}: {}", m.display())))?
        }
    };
    let options = ImportOptions {
        encoding: args.encoding.clone(),
        delimiter: args.delimiter.map(Delimiter::byte),
        sheet: args.sheet.clone(),
        mapping,
        format: None,
    };
    let kind = match args.kind {
        Kind::People => ImportKind::People,
        Kind::Ratings => ImportKind::Ratings,
        Kind::Ballots => ImportKind::Ballots,
    };
    let plan = plan_import_with(&project, &bytes, kind, file, &options)?;
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

/// The dry run's output: the plan, then the mapping as a mapping file.
fn dry_run_text(plan: &ImportPlan, mut text: String) -> String {
    text.push_str("\ncolumn mapping (save it, edit it, pass it back with --mapping FILE):\n");
    text.push_str(&Mapping::to_text(&plan.mapping));
    text.push_str("\ndry run: nothing was written\n");
    text
}
