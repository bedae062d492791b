//! `merit rank FILE --scheme SCHEME`: a people file ranked as it is, with no project.
//!
//! The file is read as `merit import` reads it (same encodings, sheets, mappings, the
//! same problems: any rejected row stops it unless `--skip-invalid`), into a column
//! store rather than a project (`io::import::read_people_table`), ranked under the
//! scheme with each post the file names given `--openings`, and written as `merit rank`
//! writes a project's ranking. Nothing is saved but the output. A million-row file is
//! ranked in about a second, in a few hundred megabytes.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use encoding_rs::UTF_8;

use crate::io::export::ExportError;
use crate::io::import::{TableImport, read_people_table};
use crate::io::ranking_csv::write_ranking_csv_of;
use crate::io::scheme_file::load_scheme;
use crate::model::Project;
use crate::scoring::{Prepared, Weights};

use super::commands::{CliError, rank_project, selected_posts, write_whole};
use super::import::{import_options, read_file, sheet_fits};
use super::{Delimiter, Format};

/// How `merit rank` reads a people file instead of a project.
#[derive(Debug, Clone, clap::Args)]
pub struct RankFileArgs {
    /// Rank PROJECT as a people file (CSV/TSV or a workbook, as `merit import` reads it)
    /// under this scheme file, with no project; nothing is saved.
    #[arg(long, value_name = "SCHEME")]
    pub scheme: Option<PathBuf>,
    /// Openings of each post the file names (with --scheme).
    #[arg(long, value_name = "N", default_value_t = 1, requires = "scheme",
          value_parser = clap::value_parser!(u32).range(1..))]
    pub openings: u32,
    /// The people file's text encoding (utf-8, gbk, utf-16le…); detected when not given.
    #[arg(long, requires = "scheme")]
    pub encoding: Option<String>,
    /// The people file's CSV delimiter; sniffed when not given.
    #[arg(long, value_enum, requires = "scheme")]
    pub delimiter: Option<Delimiter>,
    /// The sheet of a workbook; the first when not given.
    #[arg(long, requires = "scheme")]
    pub sheet: Option<String>,
    /// A column mapping file (`header = field` lines, as `merit import --dry-run` prints).
    #[arg(long, value_name = "FILE", requires = "scheme")]
    pub mapping: Option<PathBuf>,
    /// Rank the valid rows and report the rejected ones, instead of ranking nothing.
    #[arg(long, requires = "scheme")]
    pub skip_invalid: bool,
}

/// Runs `merit rank FILE --scheme SCHEME`: how the file was read goes to standard error,
/// the ranking to `to` (written whole beside it, then moved into place) or `out`.
pub fn rank_file(
    file: &Path,
    args: &RankFileArgs,
    format: Format,
    post: Option<&str>,
    to: Option<&Path>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let Some(scheme) = &args.scheme else {
        return Err(CliError::Usage("--scheme names no scheme file".into()));
    };
    let base = Project {
        scheme: load_scheme(scheme)?,
        ..Project::default()
    };
    let read = read_people(file, args, &base)?;
    let mut project = read.project(&base);
    for post in &mut project.posts {
        post.openings = args.openings;
    }
    match format {
        Format::Csv => {
            let evaluation = Prepared::with_people(&project, &read.people)
                .rank(&Weights::from_scheme(&project.scheme));
            let posts = selected_posts(&project, &evaluation, post)?;
            for warning in &evaluation.warnings {
                eprintln!("warning: {warning}");
            }
            let write = |sink: &mut dyn Write| {
                let sink = BufWriter::with_capacity(1 << 16, sink);
                let people = &read.people;
                write_ranking_csv_of(&project, people, &evaluation, &posts, UTF_8, sink)
                    .map_err(io_error)
            };
            match to {
                Some(path) => write_whole(path, "write the ranking", |file| write(file)),
                None => write(out).map_err(|source| CliError::File {
                    action: "write the ranking",
                    path: PathBuf::from("<stdout>"),
                    source,
                }),
            }
        }
        Format::Table | Format::Json => {
            project.people = read.people.to_people();
            rank_project(&project, format, post, to, out)
        }
    }
}

/// Reads the people file, telling standard error how; an error when a row is rejected
/// (unless `--skip-invalid`).
fn read_people(file: &Path, args: &RankFileArgs, base: &Project) -> Result<TableImport, CliError> {
    let options = import_options(
        args.encoding.as_ref(),
        args.delimiter,
        args.sheet.as_ref(),
        args.mapping.as_deref(),
    )?;
    let bytes = read_file(file, "read the people file")?;
    sheet_fits(args.sheet.as_ref(), &bytes, file)?;
    let read = read_people_table(base, &bytes, file, &options)?;
    let text = format!("{}\n{read}", read.source.describe());
    if !read.problems.is_empty() && !args.skip_invalid {
        return Err(CliError::RejectedRows(text));
    }
    eprintln!("{text}");
    if !read.problems.is_empty() {
        eprintln!(
            "{} rejected row(s) left out (--skip-invalid)",
            read.rejected
        );
    }
    Ok(read)
}

/// The I/O error behind a failed CSV write (the cause a user can act on: a full disk, a
/// file in use), or the failure itself.
fn io_error(error: ExportError) -> std::io::Error {
    match error {
        ExportError::Csv(csv) => match csv.into_kind() {
            csv::ErrorKind::Io(io) => io,
            other => std::io::Error::other(format!("{other:?}")),
        },
        other => std::io::Error::other(other.to_string()),
    }
}
