//! The command line: headless commands over the same core as the app, for batch work,
//! scripting and tests. Parsing lives here; each command is a small function in
//! [`commands`]. The binary is glue: it parses, runs, prints the error and exits.

mod commands;
mod export;
mod import;

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

pub use commands::{CliError, run};

/// Merit: staff evaluation and competitive selection.
///
/// With no command, opens the desktop app (on PROJECT, the last project or the bundled
/// sample).
#[derive(Debug, Parser)]
#[command(name = "merit", version, about, long_about = None)]
pub struct Cli {
    /// A command; none opens the app.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Project file to open in the app.
    pub project: Option<PathBuf>,
}

/// Output format of `merit rank`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// An aligned table for the terminal.
    Table,
    /// CSV for Excel (UTF-8 with BOM, CRLF).
    Csv,
    /// JSON with totals at full precision.
    Json,
}

/// What `merit import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    /// One row per person: ids, names, posts and scores.
    People,
    /// One row per (person, criterion, rater).
    Ratings,
    /// Ballots (民主测评): one row per (rater, person) with a mark, or tally rows.
    Ballots,
}

/// A CSV delimiter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Delimiter {
    /// `,`
    Comma,
    /// `;` (numbers with a decimal comma)
    Semicolon,
    /// Tab (Excel's "Unicode text")
    Tab,
}

impl Delimiter {
    /// The byte.
    pub fn byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Semicolon => b';',
            Delimiter::Tab => b'\t',
        }
    }
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a project with the default scheme.
    New {
        /// The project file to create (.ron).
        project: PathBuf,
        /// Title of the selection round.
        #[arg(long)]
        title: Option<String>,
        /// Overwrite an existing file (its previous version is kept as .bak).
        #[arg(long)]
        force: bool,
    },
    /// Add or change a post: openings and shortlist ratio (1:R).
    Post {
        /// The project file.
        project: PathBuf,
        /// Post id, usually its name (e.g. 综合科科员).
        id: String,
        /// Display name, if different from the id.
        #[arg(long)]
        name: Option<String>,
        /// Number of openings.
        #[arg(long)]
        openings: Option<u32>,
        /// Shortlist ratio R of 1:R; the shortlist holds R × openings people, selected included.
        #[arg(long)]
        ratio: Option<f64>,
        /// Remove the post (people keep their post field).
        #[arg(long, conflicts_with_all = ["name", "openings", "ratio"])]
        remove: bool,
    },
    /// Import people and scores, or raters' ratings, from CSV, XLSX, XLS or ODS.
    ///
    /// Nothing changes unless every row is valid (or --skip-invalid); problems are listed
    /// with their spreadsheet row, column, value and reason.
    Import {
        /// The project file.
        project: PathBuf,
        /// The file: CSV/TSV (any encoding, detected) or a workbook.
        file: PathBuf,
        /// What the file holds.
        #[arg(long, value_enum, default_value_t = Kind::People)]
        kind: Kind,
        /// Show the plan and the column mapping (in --mapping format) and write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Also write the result as JSON: {"accepted", "rejected", "problems", "skipped", "source"}.
        #[arg(long, value_name = "FILE")]
        report: Option<PathBuf>,
        /// The text encoding (utf-8, gbk, gb18030, utf-16le…); detected when not given.
        #[arg(long)]
        encoding: Option<String>,
        /// The CSV delimiter; sniffed when not given.
        #[arg(long, value_enum)]
        delimiter: Option<Delimiter>,
        /// The sheet of a workbook; the first when not given.
        #[arg(long)]
        sheet: Option<String>,
        /// A column mapping file (`header = field` lines, as --dry-run prints).
        #[arg(long, value_name = "FILE")]
        mapping: Option<PathBuf>,
        /// Import the valid rows and report the rejected ones, instead of importing nothing.
        #[arg(long)]
        skip_invalid: bool,
    },
    /// Export a ranking or the people to CSV (for Excel) or XLSX.
    Export(export::ExportArgs),
    /// Write blank score sheets for raters (CSV or XLSX) that import back with --kind ratings.
    Sheets(export::SheetsArgs),
    /// Rank every post (or one) and print the result.
    Rank {
        /// The project file.
        project: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Only this post (id or name).
        #[arg(long)]
        post: Option<String>,
        /// Write to this file instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Print the example scheme, print a project's scheme, or replace it.
    Scheme {
        /// The project file (not needed with --example).
        #[arg(required_unless_present = "example")]
        project: Option<PathBuf>,
        /// Print a complete, commented scheme file.
        #[arg(long, conflicts_with_all = ["project", "set"])]
        example: bool,
        /// Replace the project's scheme with this scheme file.
        #[arg(long, value_name = "SCHEME.ron")]
        set: Option<PathBuf>,
    },
    /// Explain a person's total criterion by criterion, or why one is above another.
    Explain {
        /// The project file.
        project: PathBuf,
        /// The person's id.
        id: String,
        /// Compare with this person.
        #[arg(long, value_name = "ID")]
        vs: Option<String>,
    },
}
