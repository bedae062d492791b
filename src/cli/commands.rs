//! One function per command. Each loads what it needs, works through the library and
//! saves atomically; a command that fails changes nothing.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::io::import::ImportError;
use crate::io::project_file::{self, ProjectFileError};
use crate::io::ranking::{RankingDocument, ranking_document, to_json, to_table};
use crate::io::ranking_csv::write_ranking_csv;
use crate::io::scheme_file::{self, SchemeFileError};
use crate::model::{Post, Project};
use crate::scoring::describe::{criterion_label, person_status_reason, tally_source};
use crate::scoring::explain::{ExactDifference, compare_exact, contributions};
use crate::scoring::number::format_cents;
use crate::scoring::{Evaluation, PostEvaluation, Prepared, Weights, evaluate};

use super::{Command, Format};

/// Why a command failed. Exit status 1 for all of them.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The project file could not be read or written.
    #[error(transparent)]
    Project(#[from] ProjectFileError),
    /// The scheme file could not be used.
    #[error(transparent)]
    Scheme(#[from] SchemeFileError),
    /// The import file could not be read at all.
    #[error(transparent)]
    Import(#[from] ImportError),
    /// The import had rejected rows; nothing was changed.
    #[error("{0}\nnothing was imported; the project is unchanged")]
    Rejected(String),
    /// A people file to rank had rejected rows; nothing was ranked.
    #[error("{0}\nnothing was ranked (--skip-invalid ranks the valid rows)")]
    RejectedRows(String),
    /// Some other file could not be written or read.
    #[error("cannot {action}: {source}: {path}")]
    File {
        /// What was being done.
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The arguments do not fit the project.
    #[error("{0}")]
    Usage(String),
}

/// Runs one command, writing its output to `out`.
pub fn run(command: Command, out: &mut dyn Write) -> Result<(), CliError> {
    match command {
        Command::New {
            project,
            title,
            force,
        } => new(&project, title, force, out),
        Command::Post {
            project,
            id,
            name,
            openings,
            ratio,
            remove,
        } => post(&project, &id, name, openings, ratio, remove, out),
        Command::Import(args) => super::import::import(&args, out),
        Command::Export(args) => super::export::export(&args, out),
        Command::Sheets(args) => super::export::sheets(&args, out),
        Command::Rank {
            project: file,
            format,
            post,
            out: to,
            from,
            ..
        } if from.scheme.is_some() => {
            super::rank_file::rank_file(&file, &from, format, post.as_deref(), to.as_deref(), out)
        }
        Command::Rank {
            project,
            format,
            post,
            out: file,
            stage: Some(n),
            ..
        } => super::report::rank_stage(&project, format, post.as_deref(), n, file.as_deref(), out),
        Command::Rank {
            project,
            format,
            post,
            out: file,
            stage: None,
            ..
        } => rank(&project, format, post.as_deref(), file.as_deref(), out),
        Command::Scheme {
            project,
            example,
            set,
        } => scheme(project.as_deref(), example, set.as_deref(), out),
        Command::Explain { project, id, vs } => explain(&project, &id, vs.as_deref(), out),
        Command::Chart(args) => super::chart::chart(&args, out),
        Command::Report(args) => super::report::report(&args, out),
    }
}

pub(super) fn print(out: &mut dyn Write, text: &str) -> Result<(), CliError> {
    out.write_all(text.as_bytes())
        .map_err(|source| CliError::File {
            action: "write the output",
            path: PathBuf::from("<stdout>"),
            source,
        })
}

/// Writes `bytes` to `path` whole (see [`write_whole`]).
pub(crate) fn write_file(path: &Path, bytes: &[u8], action: &'static str) -> Result<(), CliError> {
    write_whole(path, action, |file| file.write_all(bytes))
}

/// Writes `path` through `write` into `PATH.partial` beside it, synced, then moved over
/// `path`: a failure (a full disk, a killed process) leaves any earlier file as it was,
/// and no partial file behind.
pub(crate) fn write_whole(
    path: &Path,
    action: &'static str,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<(), CliError> {
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    let written = std::fs::File::create(&partial).and_then(|mut file| {
        write(&mut file)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&partial, path)
    });
    written.map_err(|source| {
        let _ = std::fs::remove_file(&partial);
        CliError::File {
            action,
            path: path.to_path_buf(),
            source,
        }
    })
}

fn new(
    path: &Path,
    title: Option<String>,
    force: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    if path.exists() && !force {
        return Err(CliError::Usage(format!(
            "{} already exists; pass --force to replace it (the old file is kept as .bak)",
            path.display()
        )));
    }
    let project = Project {
        title: title.unwrap_or_default(),
        ..Project::default()
    };
    project_file::save(&project, path)?;
    print(
        out,
        &format!(
            "created {} with the default scheme \"{}\"\n",
            path.display(),
            project.scheme.name
        ),
    )
}

fn post(
    path: &Path,
    id: &str,
    name: Option<String>,
    openings: Option<u32>,
    ratio: Option<f64>,
    remove: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let mut project = project_file::load(path)?;
    if let Some(r) = ratio
        && !(r.is_finite() && r >= 1.0)
    {
        {
            return Err(CliError::Usage(format!(
                "--ratio {r}: the shortlist ratio must be a number of at least 1 (1:R)"
            )));
        }
    }
    let position = project
        .posts
        .iter()
        .position(|p| p.id == id || p.name == id);
    if remove {
        let Some(i) = position else {
            return Err(CliError::Usage(format!(
                "no post '{id}' in {}",
                path.display()
            )));
        };
        let removed = project.posts.remove(i);
        project_file::save(&project, path)?;
        return print(out, &format!("removed post {}\n", removed.id));
    }
    let before = position.map(|i| project.posts[i].clone());
    let post = match position {
        Some(i) => &mut project.posts[i],
        None => {
            project.posts.push(Post {
                id: id.to_string(),
                ..Post::default()
            });
            let last = project.posts.len() - 1;
            &mut project.posts[last]
        }
    };
    if let Some(name) = name {
        post.name = name;
    }
    if let Some(n) = openings {
        post.openings = n;
    }
    if let Some(r) = ratio {
        post.shortlist_ratio = r;
    }
    let line = format!(
        "post {}: {} opening(s), shortlist ratio 1:{} ({} on the shortlist)\n",
        post.display_name(),
        post.openings,
        post.shortlist_ratio,
        post.shortlist_size()
    );
    if before.as_ref() == Some(&*post) {
        // Saving would replace the .bak with an identical copy of the file.
        let note = format!("nothing to change; {} not saved\n", path.display());
        return print(out, &(line + &note));
    }
    project_file::save(&project, path)?;
    print(out, &line)
}

/// The rankings to print: one post (matched by id or name) or all of them.
pub(super) fn documents(
    project: &Project,
    evaluation: &Evaluation,
    post: Option<&str>,
) -> Result<Vec<RankingDocument>, CliError> {
    Ok(selected_posts(project, evaluation, post)?
        .into_iter()
        .map(|p| ranking_document(project, evaluation, p))
        .collect())
}

/// The posts' evaluations to print: one post (matched by id or name) or all of them.
pub(super) fn selected_posts<'e>(
    project: &Project,
    evaluation: &'e Evaluation,
    post: Option<&str>,
) -> Result<Vec<&'e PostEvaluation>, CliError> {
    let selected: Vec<_> = match post {
        None => evaluation.posts.iter().collect(),
        Some(wanted) => {
            let id = project
                .posts
                .iter()
                .find(|p| p.id == wanted || p.name == wanted)
                .map_or(wanted, |p| p.id.as_str());
            let found: Vec<_> = evaluation
                .posts
                .iter()
                .filter(|p| p.post.as_deref() == Some(id))
                .collect();
            if found.is_empty() {
                let known: Vec<&str> = project.posts.iter().map(|p| p.id.as_str()).collect();
                let posts = crate::report::results::posts_phrase(&known.join(", "));
                return Err(CliError::Usage(format!("no post '{wanted}'; {posts}")));
            }
            found
        }
    };
    Ok(selected)
}

fn rank(
    path: &Path,
    format: Format,
    post: Option<&str>,
    file: Option<&Path>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    rank_project(&project_file::load(path)?, format, post, file, out)
}

/// Ranks `project` and writes the ranking as `format` to `file` or `out`.
pub(super) fn rank_project(
    project: &Project,
    format: Format,
    post: Option<&str>,
    file: Option<&Path>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let evaluation = evaluate(project);
    let bytes = match format {
        Format::Table => to_table(project, &documents(project, &evaluation, post)?).into_bytes(),
        Format::Json => {
            let docs = documents(project, &evaluation, post)?;
            let mut text = to_json(&docs).map_err(|e| CliError::Usage(e.to_string()))?;
            text.push('\n');
            text.into_bytes()
        }
        Format::Csv => {
            let posts = selected_posts(project, &evaluation, post)?;
            let mut bytes = Vec::new();
            write_ranking_csv(project, &evaluation, &posts, encoding_rs::UTF_8, &mut bytes)
                .map_err(|e| CliError::Usage(e.to_string()))?;
            bytes
        }
    };
    for warning in &evaluation.warnings {
        eprintln!("warning: {warning}");
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

fn scheme(
    path: Option<&Path>,
    example: bool,
    set: Option<&Path>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    if example {
        return print(out, scheme_file::EXAMPLE);
    }
    let Some(path) = path else {
        return Err(CliError::Usage("give a project file, or --example".into()));
    };
    let mut project = project_file::load(path)?;
    match set {
        None => {
            let text = ron::ser::to_string_pretty(
                &project.scheme,
                ron::ser::PrettyConfig::default().struct_names(true),
            )
            .map_err(|e| CliError::Usage(e.to_string()))?;
            print(out, &format!("{text}\n"))
        }
        Some(file) => {
            let scheme = scheme_file::load_scheme(file)?;
            if scheme == project.scheme {
                return print(
                    out,
                    &format!(
                        "the project already has this scheme; nothing to change; {} not saved\n",
                        path.display()
                    ),
                );
            }
            project.scheme = scheme;
            project_file::save(&project, path)?;
            print(
                out,
                &format!(
                    "scheme \"{}\" set in {}\n",
                    project.scheme.name,
                    path.display()
                ),
            )
        }
    }
}

fn explain(path: &Path, id: &str, vs: Option<&str>, out: &mut dyn Write) -> Result<(), CliError> {
    let project = project_file::load(path)?;
    let evaluation = evaluate(&project);
    let find = |id: &str| -> Result<(usize, usize), CliError> {
        let person = project.person_index(id).ok_or_else(|| {
            CliError::Usage(format!("no person with id '{id}' in {}", path.display()))
        })?;
        let post = evaluation
            .posts
            .iter()
            .position(|p| p.row_of(person).is_some())
            .ok_or_else(|| CliError::Usage(format!("'{id}' is in no ranking")))?;
        Ok((person, post))
    };
    let (a, post_index) = find(id)?;
    let post = &evaluation.posts[post_index];
    let row_a = post
        .row_of(a)
        .ok_or_else(|| CliError::Usage(format!("'{id}' is in no ranking")))?;
    let criteria: Vec<_> = project.scheme.criteria().collect();
    let name_a = &project.people[a].name;
    if row_a.total.is_none() {
        let reason = person_status_reason(&row_a.status, &project.scheme, &project.people[a], None);
        return print(
            out,
            &format!(
                "{name_a} ({id}) is not ranked: {} — {reason}\n",
                row_a.status.code()
            ),
        );
    }
    let mut text = String::new();
    match vs {
        None => {
            text.push_str(&format!(
                "{name_a} ({id}): total {} — rank {}\n",
                row_a.cents.map(format_cents).unwrap_or_default(),
                row_a.rank.unwrap_or(0)
            ));
            for c in contributions(&evaluation, post, row_a) {
                let score = c
                    .score
                    .map_or_else(|| "missing".to_string(), |s| format!("{s:.2}"));
                text.push_str(&format!(
                    "  {:<28} score {score:>7} × weight {:>6.2}% = {:>6.3}\n",
                    criterion_label(criteria[c.criterion]),
                    c.weight * 100.0,
                    c.points
                ));
                let (person, criterion) = (&project.people[a], criteria[c.criterion]);
                let marks = project.ratings.iter().filter(|r| r.person == person.id);
                let marks = marks.filter(|r| r.criterion == criterion.key).count();
                if let Some(note) = tally_source(person, criterion, marks) {
                    text.push_str(&format!("      {note}\n"));
                }
            }
        }
        Some(other) => {
            let (b, post_b) = find(other)?;
            let row_b = evaluation.posts[post_b]
                .row_of(b)
                .filter(|_| post_b == post_index)
                .filter(|r| r.total.is_some())
                .ok_or_else(|| {
                    CliError::Usage(format!(
                        "'{other}' is not ranked in the same post as '{id}'"
                    ))
                })?;
            let gap = row_a.total.unwrap_or(0.0) - row_b.total.unwrap_or(0.0);
            text.push_str(&format!(
                "{name_a} ({id}) {} vs {} ({other}) {}: difference {gap:+.3}\n",
                row_a.cents.map(format_cents).unwrap_or_default(),
                project.people[b].name,
                row_b.cents.map(format_cents).unwrap_or_default(),
            ));
            let prepared = Prepared::new(&project);
            let weights = Weights::from_scheme(&project.scheme);
            if let Some(d) = compare_exact(&prepared, &weights, post, row_a, row_b) {
                text.push_str(&exact_parts_text(&d, &criteria));
            }
        }
    }
    print(out, &text)
}

/// The parts of a difference: exact to 3 decimals, and in cents that add up to the
/// published difference.
fn exact_parts_text(d: &ExactDifference, criteria: &[&crate::model::Criterion]) -> String {
    let mut text = String::new();
    for part in &d.parts {
        text.push_str(&format!(
            "  {:<28} {:+.3}  ({}{})\n",
            criterion_label(criteria[part.criterion]),
            crate::scoring::number::to_f64(&part.points),
            if part.cents >= 0 { "+" } else { "" },
            format_cents(part.cents)
        ));
    }
    text.push_str(&format!(
        "  the parts in brackets add up to the published difference {}{}\n",
        if d.published_cents >= 0 { "+" } else { "" },
        format_cents(d.published_cents)
    ));
    text
}
