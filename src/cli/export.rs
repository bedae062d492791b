//! `merit export` and `merit sheets`: rankings, people, ratings and blank score sheets to
//! CSV (for Excel) or XLSX. The format follows the output file's extension.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use crate::io::export::{Sheet, people_sheet, ranking_sheet, ratings_sheet, to_csv, to_xlsx};
use crate::io::import::encoding_for_label;
use crate::io::project_file;
use crate::io::ranking_csv::write_ranking_csv;
use crate::io::score_sheets::{Rater, file_stem, known_raters, rated_criteria, score_sheets};
use crate::scoring::evaluate;

use super::commands::{CliError, documents, print, selected_posts, write_file};

/// What `merit export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum What {
    /// The ranking of every post (or --post): totals with 2 decimals, statuses, reasons.
    Ranking,
    /// The people with their raw scores and extra columns (imports back unchanged).
    People,
    /// The ratings; raters coded R1, R2… unless --with-raters.
    Ratings,
}

/// The arguments of `merit export`.
#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    /// The project file.
    pub project: PathBuf,
    /// The file to write: .csv or .xlsx.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// What to export.
    #[arg(long, value_enum, default_value_t = What::Ranking)]
    pub what: What,
    /// Only this post (id or name), for the ranking.
    #[arg(long)]
    pub post: Option<String>,
    /// CSV encoding: utf-8 (default, with BOM) or gbk (older Excel on Chinese Windows).
    /// Not for XLSX, which holds Unicode text whatever the encoding.
    #[arg(long)]
    pub encoding: Option<String>,
    /// Include rater names (otherwise they are coded R1, R2…).
    #[arg(long)]
    pub with_raters: bool,
}

/// The arguments of `merit sheets`.
#[derive(Debug, Clone, Args)]
pub struct SheetsArgs {
    /// The project file.
    pub project: PathBuf,
    /// The folder to write the sheets into (created if needed).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Sheet format.
    #[arg(long, value_enum, default_value_t = SheetFormat::Xlsx)]
    pub format: SheetFormat,
    /// Raters, comma-separated (default: those who already rated in the project).
    #[arg(long, value_delimiter = ',')]
    pub raters: Vec<String>,
    /// The rater group of the raters given with --raters.
    #[arg(long, default_value = "")]
    pub group: String,
    /// Criteria keys or names, comma-separated (default: those with ratings, else all).
    #[arg(long, value_delimiter = ',')]
    pub criteria: Vec<String>,
    /// Replace sheets already in the folder (otherwise nothing is written when any of the
    /// files exists: raters may have filled them in).
    #[arg(long)]
    pub force: bool,
}

/// The file format of score sheets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SheetFormat {
    /// CSV, UTF-8 with BOM.
    Csv,
    /// Excel workbook.
    Xlsx,
}

/// Whether `path` names an XLSX file, else CSV; other extensions are refused.
fn is_xlsx(path: &Path) -> Result<bool, CliError> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("xlsx") => Ok(true),
        Some("csv") => Ok(false),
        _ => Err(CliError::Usage(format!(
            "--out must end in .csv or .xlsx: {}",
            path.display()
        ))),
    }
}

/// Runs `merit export`.
pub fn export(args: &ExportArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let xlsx = is_xlsx(&args.out)?;
    if let (true, Some(label)) = (xlsx, &args.encoding) {
        return Err(CliError::Usage(format!(
            "--encoding {label} applies to CSV output; an XLSX workbook always holds Unicode \
             text (drop --encoding, or write a .csv file): {}",
            args.out.display()
        )));
    }
    let label = args.encoding.as_deref().unwrap_or("utf-8");
    let encoding = encoding_for_label(label)
        .ok_or_else(|| CliError::Usage(format!("unknown encoding '{label}' (use utf-8 or gbk)")))?;
    let project = project_file::load(&args.project)?;
    if args.what == What::Ranking && !xlsx {
        // Straight from the evaluation: no sheet of a million lines in memory.
        let evaluation = evaluate(&project);
        let posts = selected_posts(&project, &evaluation, args.post.as_deref())?;
        let mut bytes = Vec::new();
        write_ranking_csv(&project, &evaluation, &posts, encoding, &mut bytes)
            .map_err(|e| CliError::Usage(e.to_string()))?;
        write_file(&args.out, &bytes, "write the export")?;
        let rows: usize = posts.iter().map(|p| p.rows.len()).sum();
        return print(
            out,
            &format!("wrote {rows} rows to {}\n", args.out.display()),
        );
    }
    let sheet = match args.what {
        What::Ranking => {
            let evaluation = evaluate(&project);
            let docs = documents(&project, &evaluation, args.post.as_deref())?;
            ranking_sheet(&project, &evaluation, &docs)
        }
        What::People => people_sheet(&project),
        What::Ratings => ratings_sheet(&project, args.with_raters),
    };
    let bytes = write_sheets(std::slice::from_ref(&sheet), xlsx, encoding)?;
    write_file(&args.out, &bytes, "write the export")?;
    print(
        out,
        &format!(
            "wrote {} rows to {}\n",
            sheet.rows.len(),
            args.out.display()
        ),
    )
}

/// The bytes of `sheets` as XLSX or as CSV (one sheet) in `encoding`.
fn write_sheets(
    sheets: &[Sheet],
    xlsx: bool,
    encoding: &'static encoding_rs::Encoding,
) -> Result<Vec<u8>, CliError> {
    let result = if xlsx {
        to_xlsx(sheets)
    } else {
        sheets
            .first()
            .map_or_else(|| Ok(Vec::new()), |s| to_csv(s, encoding))
    };
    result.map_err(|e| CliError::Usage(e.to_string()))
}

/// Runs `merit sheets`.
pub fn sheets(args: &SheetsArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let project = project_file::load(&args.project)?;
    let raters: Vec<Rater> = if args.raters.is_empty() {
        known_raters(&project)
    } else {
        args.raters
            .iter()
            .map(|name| Rater {
                name: name.trim().to_string(),
                group: args.group.clone(),
            })
            .collect()
    };
    if raters.is_empty() {
        return Err(CliError::Usage(
            "no raters: the project has no ratings yet; name them with --raters A,B,C".into(),
        ));
    }
    let criteria = if args.criteria.is_empty() {
        rated_criteria(&project)
    } else {
        let mut keys = Vec::new();
        for wanted in &args.criteria {
            let found = project.scheme.criteria().find(|c| {
                [&c.key, &c.name, &c.name_en]
                    .iter()
                    .any(|n| n.as_str() == wanted.trim())
            });
            match found {
                Some(c) => keys.push(c.key.clone()),
                None => {
                    return Err(CliError::Usage(format!(
                        "no criterion '{wanted}' in the scheme"
                    )));
                }
            }
        }
        keys
    };
    std::fs::create_dir_all(&args.out).map_err(|source| CliError::File {
        action: "create the folder",
        path: args.out.clone(),
        source,
    })?;
    let xlsx = args.format == SheetFormat::Xlsx;
    let ext = if xlsx { "xlsx" } else { "csv" };
    let sheets: Vec<(PathBuf, Sheet)> = score_sheets(&project, &raters, &criteria)
        .into_iter()
        .map(|sheet| {
            let path = args.out.join(format!("{}.{ext}", file_stem(&sheet.name)));
            (path, sheet)
        })
        .collect();
    if !args.force {
        refuse_existing(sheets.iter().map(|(path, _)| path.as_path()), &args.out)?;
    }
    let mut written = 0;
    for (path, sheet) in &sheets {
        let bytes = write_sheets(std::slice::from_ref(sheet), xlsx, encoding_rs::UTF_8)?;
        write_file(path, &bytes, "write a score sheet")?;
        written += 1;
    }
    print(
        out,
        &format!(
            "wrote {written} score sheet(s) to {}; fill in 分数 and import each with `merit import {} FILE --kind ratings`\n",
            args.out.display(),
            args.project.display()
        ),
    )
}

/// An error listing the `paths` that already exist (sheets raters may have filled in),
/// or `Ok` when none does.
fn refuse_existing<'a>(paths: impl Iterator<Item = &'a Path>, dir: &Path) -> Result<(), CliError> {
    let existing: Vec<String> = paths
        .filter(|p| p.exists())
        .filter_map(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .collect();
    if existing.is_empty() {
        return Ok(());
    }
    Err(CliError::Usage(format!(
        "{} score sheet(s) already exist and may have been filled in: {}; nothing was written \
         (pass --force to replace them, or choose another --out folder): {}",
        existing.len(),
        existing.join(", "),
        dir.display()
    )))
}
