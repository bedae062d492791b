//! The project file: one [`Project`] as human-readable RON, loaded and saved safely.
//!
//! It must never lose a user's data (`DESIGN.md`, "Data you must never lose"): a save never
//! leaves a half-written project file (it writes `NAME.ron.tmp`, fsyncs it, copies the
//! previous file to `NAME.ron.bak`, then renames the temporary file over the target), and
//! loading never writes anything, so a file that fails to load stays exactly as it was.
//! Errors say where (line, column, field) and why, with the path last. A file newer than
//! [`CURRENT_VERSION`] is refused before anything else is checked; older ones are migrated.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fs::{self, File};
use std::io::{self, Write};
use std::iter::Peekable;
use std::path::{Path, PathBuf};
use std::str::Chars;

use ron::error::{Span, SpannedError};
use serde::Deserialize;

use crate::model::{CURRENT_VERSION, Project};

/// What a project file operation was doing when the file system failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum IoOp {
    /// Reading the project file.
    #[error("reading the project file")]
    Reading,
    /// Creating, writing or fsyncing the temporary file `NAME.ron.tmp`.
    #[error("writing the temporary file")]
    WritingTemp,
    /// Copying the previous version to `NAME.ron.bak`.
    #[error("backing up the previous version")]
    BackingUp,
    /// Renaming the temporary file over the project file.
    #[error("renaming the temporary file over the project file")]
    Renaming,
    /// Fsyncing the directory after the rename.
    #[error("syncing the directory")]
    SyncingDirectory,
    /// Following the symbolic link the project path is, to the file it names.
    #[error("following the symbolic link")]
    FollowingLink,
}

/// Why a project file could not be loaded or saved. Messages end with the path.
#[derive(Debug, thiserror::Error)]
pub enum ProjectFileError {
    /// The file system failed.
    #[error("{op} failed: {source}, in {path}")]
    Io {
        /// What was being done.
        op: IoOp,
        /// The file the operation was on (the project file, its `.tmp` or its `.bak`).
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
    /// The text is not a valid project file.
    #[error("line {line}, column {column}: {message} in {path}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column, in characters.
        column: usize,
        /// What was expected or wrong, e.g. ``expected a whole number for `openings` ``.
        message: String,
    },
    /// A field the file's (current) format version does not have.
    #[error(
        "line {line}, column {column}: unknown field `{field}` in {within}; the file says it \
         was written as project file version {version}, which has no such field, in {path}"
    )]
    UnknownField {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column, in characters.
        column: usize,
        /// The unknown field.
        field: String,
        /// The structure holding it, e.g. `` `Person` ``.
        within: String,
        /// The version the file declares.
        version: u32,
    },
    /// The file was written by a newer Merit.
    #[error(
        "this file was written by a newer Merit (file version {version}, this build reads up \
         to {CURRENT_VERSION}); open it with a newer Merit, in {path}"
    )]
    NewerVersion {
        /// The file.
        path: PathBuf,
        /// The version the file declares.
        version: u32,
    },
    /// A version no Merit wrote (0), or an older one this build cannot migrate.
    #[error(
        "file version {version} is not a Merit project file version this build can read \
         (versions start at 1, this build reads up to {CURRENT_VERSION}), in {path}"
    )]
    UnsupportedVersion {
        /// The file.
        path: PathBuf,
        /// The version the file declares.
        version: u32,
    },
    /// The project could not be written as RON; nothing was written.
    #[error("could not write the project as RON: {message}")]
    Serialize {
        /// The serializer's message.
        message: String,
    },
}

/// Reads and parses a project file. Never writes anything, also when it fails.
pub fn load(path: &Path) -> Result<Project, ProjectFileError> {
    let bytes = fs::read(path).map_err(|source| io_error(IoOp::Reading, path, source))?;
    match String::from_utf8(bytes) {
        Ok(text) => from_ron_str(&text, path),
        Err(e) => Err(not_utf8(&e, path)),
    }
}

/// Parses a project from RON text; `path` is only used in messages. Checks the version
/// first, then parses strictly (unknown fields are errors) or migrates an older format.
pub fn from_ron_str(text: &str, path: &Path) -> Result<Project, ProjectFileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        let message = "the file is empty".to_owned();
        let (path, line, column) = (path.to_path_buf(), 1, 1);
        return Err(ProjectFileError::Parse {
            path,
            line,
            column,
            message,
        });
    }
    let version = probe_version(text, path)?;
    match version.cmp(&CURRENT_VERSION) {
        Ordering::Greater => Err(ProjectFileError::NewerVersion {
            path: path.to_path_buf(),
            version,
        }),
        Ordering::Equal => parse_strict(text, path, version),
        Ordering::Less => migrate(text, version, path),
    }
}

/// The project as pretty RON: struct names, fields in declaration order, `\n` line ends,
/// Chinese text unescaped, floats exact. Always stamped with [`CURRENT_VERSION`].
pub fn to_ron_string(project: &Project) -> Result<String, ProjectFileError> {
    let stamped = if project.version == CURRENT_VERSION {
        Cow::Borrowed(project)
    } else {
        let version = CURRENT_VERSION;
        Cow::Owned(Project {
            version,
            ..project.clone()
        })
    };
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .new_line("\n");
    ron::ser::to_string_pretty(stamped.as_ref(), config)
        .map(|body| format!("// Merit project file.\n{body}\n"))
        .map_err(|e| ProjectFileError::Serialize {
            message: e.to_string(),
        })
}

/// Saves atomically: writes and fsyncs `NAME.ron.tmp`, copies the previous file (if any)
/// to `NAME.ron.bak`, renames the temporary file over `path` and fsyncs the directory. On
/// failure the previous file is intact. Saves to one path must not run concurrently.
///
/// When `path` is a symbolic link, the file it points to is saved (its `.tmp` and `.bak`
/// beside it) and the link stays a link: renaming over the link itself would replace it
/// with a copy and leave the real project behind.
pub fn save(project: &Project, path: &Path) -> Result<(), ProjectFileError> {
    save_with_hook(project, path, || Ok(()))
}

/// [`save`], calling `before_rename` after the temporary file and the backup are written,
/// just before the rename; an error from it aborts the save like a failed rename.
pub(crate) fn save_with_hook(
    project: &Project,
    path: &Path,
    before_rename: impl FnOnce() -> io::Result<()>,
) -> Result<(), ProjectFileError> {
    let text = to_ron_string(project)?;
    let resolved = resolve_links(path)?;
    let path = resolved.as_path();
    let tmp = sibling(path, ".tmp")?;
    let result = write_temp(&tmp, text.as_bytes(), path)
        .and_then(|()| replace_target(&tmp, path, before_rename));
    if result.is_err() {
        // Best effort: a leftover `.tmp` is harmless, the next save truncates it.
        let _ = fs::remove_file(&tmp);
    }
    result?;
    sync_directory(path)
}

/// `path` with symbolic links in its last component followed (a link to a link too, a
/// relative target taken from the link's folder) down to a file or a name that does not
/// exist yet; `path` itself when it is not a link. Folders on the way are left as they
/// are, so messages keep the path the user gave where there is no link.
fn resolve_links(path: &Path) -> Result<PathBuf, ProjectFileError> {
    /// As many links as Linux follows before it reports a loop.
    const MAX_LINKS: usize = 40;
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = fs::read_link(&current)
                    .map_err(|source| io_error(IoOp::FollowingLink, &current, source))?;
                current = match current.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            _ => return Ok(current),
        }
    }
    let source = io::Error::other("too many levels of symbolic links");
    Err(io_error(IoOp::FollowingLink, path, source))
}

/// `path` with `suffix` appended to its file name: `a.ron` → `a.ron.tmp`.
fn sibling(path: &Path, suffix: &str) -> Result<PathBuf, ProjectFileError> {
    let Some(name) = path.file_name() else {
        let source = io::Error::new(io::ErrorKind::InvalidInput, "not a file name");
        return Err(io_error(IoOp::WritingTemp, path, source));
    };
    let mut name = name.to_os_string();
    name.push(suffix);
    Ok(path.with_file_name(name))
}

/// Creates (or truncates) the temporary file with the permissions of the existing
/// `target` (best effort), writes `bytes` and fsyncs it.
fn write_temp(tmp: &Path, bytes: &[u8], target: &Path) -> Result<(), ProjectFileError> {
    let fail = |source| io_error(IoOp::WritingTemp, tmp, source);
    let mut file = File::create(tmp).map_err(fail)?;
    if let Ok(meta) = fs::metadata(target) {
        let _ = file.set_permissions(meta.permissions());
    }
    file.write_all(bytes).map_err(fail)?;
    file.sync_all().map_err(fail)
}

/// Backs up the current target (if any), runs the hook, then renames `tmp` over `target`.
fn replace_target(
    tmp: &Path,
    target: &Path,
    before_rename: impl FnOnce() -> io::Result<()>,
) -> Result<(), ProjectFileError> {
    if target.exists() {
        back_up(target)?;
    }
    before_rename()
        .and_then(|()| fs::rename(tmp, target))
        .map_err(|source| io_error(IoOp::Renaming, target, source))
}

/// Copies `target` to `NAME.ron.bak` and fsyncs the copy. Copying rather than renaming
/// means there is never a moment without a project file.
fn back_up(target: &Path) -> Result<(), ProjectFileError> {
    let bak = sibling(target, ".bak")?;
    fs::copy(target, &bak)
        .and_then(|_| File::open(&bak)?.sync_all())
        .map_err(|source| io_error(IoOp::BackingUp, &bak, source))
}

/// Fsyncs the directory holding `path` so that the rename is durable.
#[cfg(unix)]
fn sync_directory(path: &Path) -> Result<(), ProjectFileError> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|source| io_error(IoOp::SyncingDirectory, dir, source))
}

/// Directories cannot be fsynced portably here; the rename itself is atomic.
#[cfg(not(unix))]
fn sync_directory(_path: &Path) -> Result<(), ProjectFileError> {
    Ok(())
}

fn io_error(op: IoOp, path: &Path, source: io::Error) -> ProjectFileError {
    let path = path.to_path_buf();
    ProjectFileError::Io { op, path, source }
}

/// Reads only `version`, ignoring every other field, so that a newer file is recognized
/// as newer whatever else it holds. Missing: the current version (the model's default).
fn probe_version(text: &str, path: &Path) -> Result<u32, ProjectFileError> {
    #[derive(Deserialize)]
    #[serde(rename = "Project")]
    struct VersionProbe {
        #[serde(default = "current_version")]
        version: u32,
    }
    fn current_version() -> u32 {
        CURRENT_VERSION
    }
    let probe: VersionProbe =
        ron::from_str(text).map_err(|e| spanned_error(e, text, path, CURRENT_VERSION))?;
    Ok(probe.version)
}

/// Parses a file of the current format strictly: unknown fields are errors.
fn parse_strict(text: &str, path: &Path, version: u32) -> Result<Project, ProjectFileError> {
    ron::from_str(text).map_err(|e| spanned_error(e, text, path, version))
}

/// Brings a file written in the older format `from` up to [`CURRENT_VERSION`].
///
/// The chain is explicit, one arm per old version. Each old format will keep a frozen copy
/// of its types (a module `v1`, …) and parse strictly with them, so errors keep their line
/// and column; `ron::Value` is not the intermediate because it drops enum variant names.
/// There are no older formats yet. When `CURRENT_VERSION` becomes 2, add the arm
/// `1 => parse_v1(text, path).map(v1::to_v2)`; for 3, append `.map(v2::to_v3)` to it and
/// add `2 => parse_v2(text, path).map(v2::to_v3)`.
fn migrate(text: &str, from: u32, path: &Path) -> Result<Project, ProjectFileError> {
    let _ = text; // read by the `1 =>` arm once there is a version 2
    let (path, version) = (path.to_path_buf(), from);
    let unsupported = ProjectFileError::UnsupportedVersion { path, version };
    match from {
        // Version 0 was never written by any Merit.
        0 => Err(unsupported),
        // The arms for older versions go here (see above); none exist yet.
        _ => Err(unsupported),
    }
}

/// A UTF-8 decoding error as a parse error at the first bad byte.
fn not_utf8(error: &std::string::FromUtf8Error, path: &Path) -> ProjectFileError {
    let valid = error.as_bytes().get(..error.utf8_error().valid_up_to());
    let before = valid
        .and_then(|b| std::str::from_utf8(b).ok())
        .unwrap_or("");
    let (line, column) = position_of(before, before.len());
    let message = "the file is not UTF-8 text (saved in another encoding, such as GBK?)";
    let (path, message) = (path.to_path_buf(), message.to_owned());
    ProjectFileError::Parse {
        path,
        line,
        column,
        message,
    }
}

/// Turns ron's error into ours, with the position of the offending token and the field.
fn spanned_error(error: SpannedError, text: &str, path: &Path, version: u32) -> ProjectFileError {
    let offset = token_offset(text, &error.span);
    let (line, column) = position_of(text, offset);
    let path = path.to_path_buf();
    if let ron::Error::NoSuchStructField { found, outer, .. } = error.code {
        let within = outer.map_or_else(|| "the project".into(), |o| format!("`{o}`"));
        let field = found;
        return ProjectFileError::UnknownField {
            path,
            line,
            column,
            field,
            within,
            version,
        };
    }
    let (mut message, about_a_value) = describe(&error.code);
    if let Some(field) = field_at(text, offset).filter(|_| about_a_value) {
        message = format!("{message} for `{field}`");
    }
    ProjectFileError::Parse {
        path,
        line,
        column,
        message,
    }
}

/// A person-readable description of what went wrong or was expected, and whether it is
/// about a field's value (so that naming the field helps).
fn describe(code: &ron::Error) -> (String, bool) {
    use ron::Error as E;
    let (text, about_a_value) = match code {
        E::Eof => ("the file ends too early (is it cut off?)", false),
        E::ExpectedInteger => ("expected a whole number", true),
        E::ExpectedFloat => ("expected a number", true),
        E::IntegerOutOfBounds => ("the number is out of range (negative or too large?)", true),
        E::ExpectedString => ("expected text in double quotes", true),
        E::ExpectedStringEnd => ("the text has no closing double quote", false),
        E::ExpectedBoolean => ("expected `true` or `false`", true),
        E::ExpectedComma => ("expected a comma or a closing bracket", false),
        E::ExpectedArray => ("expected a list in `[…]`", true),
        E::ExpectedMap => ("expected a map in `{…}`", true),
        E::ExpectedOption => ("expected `Some(…)` or `None`", true),
        E::ExpectedStructLike | E::ExpectedNamedStructLike(_) => ("expected `(…)`", true),
        E::TrailingCharacters => ("unexpected text after the end of the project", false),
        E::Message(m) if m.contains("untagged enum Value") => {
            ("expected a number or a category in double quotes", true)
        }
        other => {
            let text = other.to_string();
            let mut chars = text.chars();
            let first = chars.next().map(|c| c.to_lowercase().to_string());
            let value = matches!(
                other,
                E::InvalidValueForType { .. } | E::NoSuchEnumVariant { .. } | E::Message(_)
            );
            return (first.unwrap_or_default() + chars.as_str(), value);
        }
    };
    (text.to_owned(), about_a_value)
}

/// Byte offset of the offending token: the span's start, moved past the whitespace that
/// ron sometimes includes before the token.
fn token_offset(text: &str, span: &Span) -> usize {
    let start = offset_of(text, span.start.line, span.start.col);
    let end = offset_of(text, span.end.line, span.end.col).max(start);
    let skipped = text
        .get(start..end)
        .map_or(0, |s| s.len() - s.trim_start().len());
    start + skipped
}

/// Byte offset of a 1-based line and column (in characters), clamped to the text.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start = match line {
        0 | 1 => 0,
        n => text
            .match_indices('\n')
            .nth(n - 2)
            .map_or(text.len(), |(i, _)| i + 1),
    };
    let rest = text.get(line_start..).unwrap_or("");
    let within = rest.char_indices().nth(column.saturating_sub(1));
    within.map_or(text.len(), |(i, _)| line_start + i)
}

/// 1-based line and column (in characters) of a byte offset.
fn position_of(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = 1 + before.matches('\n').count();
    let column = 1 + before.rsplit('\n').next().map_or(0, |l| l.chars().count());
    (line, column)
}

/// Best-effort name of the field (or map key) whose value is at `offset`: the last `name:`
/// before it, outside strings and comments. Only a hint for messages.
fn field_at(text: &str, offset: usize) -> Option<String> {
    let (mut field, mut word) = (None, None);
    let mut chars = text.get(..offset).unwrap_or("").chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => word = Some(read_until(&mut chars, "\"")),
            ':' if word.is_some() => field = word.take(),
            '/' if chars.peek() == Some(&'/') => drop(read_until(&mut chars, "\n")),
            '/' if chars.peek() == Some(&'*') => drop(read_until(&mut chars, "*/")),
            c if c.is_alphanumeric() || c == '_' => {
                let mut name = c.to_string();
                while let Some(next) = chars.next_if(|n| n.is_alphanumeric() || *n == '_') {
                    name.push(next);
                }
                word = Some(name);
            }
            c if c.is_whitespace() => {}
            _ => word = None,
        }
    }
    field
}

/// Reads up to and past the next unescaped `end`, returning what came before it.
fn read_until(chars: &mut Peekable<Chars<'_>>, end: &str) -> String {
    let mut out = String::new();
    while let Some(c) = chars.next() {
        if c == '\\' {
            chars.next();
            continue;
        }
        out.push(c);
        if out.ends_with(end) {
            out.truncate(out.len() - end.len());
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests;
