//! The command line: headless commands over the same core as the app, for batch work,
//! scripting and tests. Parsing lives here; each command is a small function in
//! [`commands`]. The binary is glue: it parses, runs, prints the error and exits.

mod chart;
mod commands;
mod export;
mod import;
mod rank_file;
mod report;

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

/// Which chart `merit chart` draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChartKind {
    /// Totals in ranking order with the cut-off lines.
    Totals,
    /// Each total as a stack of weighted criterion contributions.
    Contributions,
    /// 2–6 people on the normalized criteria (--ids; default the best three).
    Radar,
    /// One criterion's values with its gate (--criterion; default the gated one).
    Histogram,
    /// Two criteria with 9-box lines (--x, --y; default competence × peer trust).
    Scatter,
    /// Rank changes between two stages (--stages) or schemes (--compare).
    Bump,
}

/// The arguments of `merit chart`.
#[derive(Debug, Clone, clap::Args)]
pub struct ChartArgs {
    /// The project file.
    pub project: PathBuf,
    /// Which chart.
    #[arg(long, value_enum)]
    pub kind: ChartKind,
    /// The post (id or name); default the first post with people.
    #[arg(long)]
    pub post: Option<String>,
    /// People for the radar, comma-separated ids.
    #[arg(long, value_delimiter = ',')]
    pub ids: Vec<String>,
    /// Criterion key for the histogram.
    #[arg(long)]
    pub criterion: Option<String>,
    /// Criterion key on the x axis of the scatter.
    #[arg(long)]
    pub x: Option<String>,
    /// Criterion key on the y axis of the scatter.
    #[arg(long)]
    pub y: Option<String>,
    /// The stage of a staged selection to chart, numbered from 1 (default the last, which
    /// ranks on its composite); not used by the bump chart, which takes --stages.
    #[arg(long, value_name = "N")]
    pub stage: Option<usize>,
    /// Bump chart: the two stages to compare, numbered from 1 (default first and last).
    #[arg(long, value_delimiter = ',')]
    pub stages: Vec<usize>,
    /// Bump chart: compare the project's scheme with this scheme file.
    #[arg(long, value_name = "SCHEME.ron")]
    pub compare: Option<PathBuf>,
    /// Labels in English instead of Chinese.
    #[arg(long)]
    pub en: bool,
    /// The dark theme.
    #[arg(long)]
    pub dark: bool,
    /// Width in pixels (default: fits the chart).
    #[arg(long)]
    pub width: Option<u32>,
    /// Height in pixels (default: fits the chart).
    #[arg(long)]
    pub height: Option<u32>,
    /// The file to write: .png or .svg.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
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
    Import(import::ImportArgs),
    /// Export a ranking or the people to CSV (for Excel) or XLSX.
    Export(export::ExportArgs),
    /// Write blank score sheets for raters (CSV or XLSX) that import back with --kind ratings.
    Sheets(export::SheetsArgs),
    /// Rank every post (or one) and print the result; with --scheme, rank a people file
    /// (CSV or workbook) as it is, with no project.
    Rank {
        /// The project file (with --scheme: the people file).
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
        /// Show one stage of a staged selection (numbered from 1), with the reasons of
        /// those eliminated; table or csv.
        #[arg(long, value_name = "N", conflicts_with = "scheme")]
        stage: Option<usize>,
        /// Rank a people file instead of a project (see --scheme).
        #[command(flatten)]
        from: rank_file::RankFileArgs,
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
    /// Draw a chart of a project as PNG or SVG.
    Chart(ChartArgs),
    /// Write the printable HTML report of a post (公示), or its results list as CSV or XLSX.
    Report(ReportArgs),
}

/// The arguments of `merit report`.
#[derive(Debug, Clone, clap::Args)]
pub struct ReportArgs {
    /// The project file.
    pub project: PathBuf,
    /// The post (id or name).
    #[arg(long)]
    pub post: String,
    /// The file to write: .html for the report, .csv or .xlsx for the results list.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// First day of the publication period (YYYY-MM-DD); default today.
    #[arg(long, value_name = "DATE")]
    pub start: Option<String>,
    /// Length of the publication period in working days (weekends and holidays skipped,
    /// 调休 weekend workdays counted).
    #[arg(long, default_value_t = 5)]
    pub days: u32,
    /// Holidays beyond the built-in calendar (YYYY-MM-DD or FIRST..LAST, comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "DATES")]
    pub holidays: Vec<String>,
    /// Weekend days worked in exchange (调休上班) beyond the built-in calendar
    /// (YYYY-MM-DD, comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "DATES")]
    pub workdays: Vec<String>,
    /// Count weekends only, without the built-in official calendar of China (2025, 2026).
    #[arg(long)]
    pub weekends_only: bool,
    /// The stage to publish, numbered from 1 (default the last).
    #[arg(long, value_name = "N")]
    pub stage: Option<usize>,
}
