//! Scheme files: the commented example and loading a scheme a user wrote.

use std::path::{Path, PathBuf};

use crate::model::Scheme;

/// A complete, commented scheme file: the default scheme with every option explained.
pub const EXAMPLE: &str = include_str!("scheme_example.ron");

/// Why a scheme file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum SchemeFileError {
    /// The file could not be read.
    #[error("cannot read the scheme file: {source}: {path}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The text is not a valid scheme.
    #[error("line {line}, column {column}: {message}: {path}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What was wrong or expected.
        message: String,
    },
    /// It parses, but cannot be evaluated.
    #[error("the scheme cannot be used: {}: {path}", problems.join("; "))]
    Invalid {
        /// The file.
        path: PathBuf,
        /// Every problem found.
        problems: Vec<String>,
    },
}

/// Parses and validates a scheme from text; `path` is only used in messages.
pub fn scheme_from_str(text: &str, path: &Path) -> Result<Scheme, SchemeFileError> {
    let scheme: Scheme = ron::from_str(text).map_err(|e| SchemeFileError::Parse {
        path: path.to_path_buf(),
        line: e.span.start.line,
        column: e.span.start.col,
        message: e.code.to_string(),
    })?;
    let problems = scheme.problems();
    if problems.is_empty() {
        Ok(scheme)
    } else {
        Err(SchemeFileError::Invalid {
            path: path.to_path_buf(),
            problems,
        })
    }
}

/// Reads, parses and validates a scheme file.
pub fn load_scheme(path: &Path) -> Result<Scheme, SchemeFileError> {
    let text = std::fs::read_to_string(path).map_err(|source| SchemeFileError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    scheme_from_str(&text, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_is_exactly_the_default_scheme() {
        let scheme = scheme_from_str(EXAMPLE, Path::new("example.ron")).unwrap();
        assert_eq!(scheme, Scheme::default());
    }

    #[test]
    fn a_typo_is_reported_with_line_and_column() {
        let text = EXAMPLE.replacen("weight: 30.0", "weight: thirty", 1);
        let err = scheme_from_str(&text, Path::new("s.ron")).unwrap_err();
        let message = err.to_string();
        assert!(message.starts_with("line 14, column"), "{message}");
        assert!(message.ends_with("s.ron"), "{message}");
    }

    #[test]
    fn an_unusable_scheme_lists_its_problems() {
        let text = EXAMPLE.replace("key: \"competence\"", "key: \"exam\"");
        let err = scheme_from_str(&text, Path::new("s.ron")).unwrap_err();
        assert!(err.to_string().contains("used twice"), "{err}");
    }
}
