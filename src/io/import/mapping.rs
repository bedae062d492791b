//! A column mapping the user writes (`merit import --mapping FILE`), and prints with
//! `--dry-run` so it can be edited and reused.
//!
//! The file format is one line per column, `header = field`; `#` starts a comment (a
//! whole line, or after the field);
//! the last `=` on a line separates the header from the field, so a header may hold `=`.
//! Fields are the labels of an import plan's mapping: `id`, `name`, `department`,
//! `post`, `criterion:KEY` (key, Chinese or English name), `extra`, `ignored` for people;
//! `id`, `criterion`, `rater`, `group`, `score`, `ignored` for ratings; `mark` and
//! `tally:MARK` (a column of counts) for ballots. Headers are
//! compared as import headers are (case, spaces, width and bracketed notes ignored).
//! Columns the file does not list are matched as usual.

use crate::model::Scheme;

use super::headers::{Field, normalize};

/// A user's column mapping: header → field label, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mapping {
    /// `(header, field label)` pairs, in the order written.
    pub columns: Vec<(String, String)>,
}

/// A line of a mapping file that is not `header = field`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {reason}: '{text}'")]
pub struct MappingError {
    /// 1-based line number.
    pub line: usize,
    /// The line.
    pub text: String,
    /// What is wrong.
    pub reason: String,
}

/// Labels a mapping file may use, besides `criterion:NAME`.
const LABELS: &[&str] = &[
    "id",
    "name",
    "department",
    "post",
    "extra",
    "ignored",
    "criterion",
    "rater",
    "group",
    "score",
    "mark",
];

impl Mapping {
    /// Parses a mapping file's text (see the module doc).
    pub fn parse(text: &str) -> Result<Mapping, MappingError> {
        let mut columns = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let trimmed = line.trim().trim_start_matches('\u{feff}');
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let error = |reason: &str| MappingError {
                line: i + 1,
                text: trimmed.to_string(),
                reason: reason.to_string(),
            };
            let Some((header, field)) = trimmed.rsplit_once('=') else {
                return Err(error("expected `header = field`"));
            };
            // A field never holds `#`: what follows it is a comment.
            let field = field.split('#').next().unwrap_or("");
            let (header, field) = (header.trim(), field.trim());
            if header.is_empty() {
                return Err(error("no header before `=`"));
            }
            let known = LABELS.contains(&field)
                || ["criterion:", "tally:"]
                    .iter()
                    .any(|p| field.strip_prefix(p).is_some_and(|c| !c.trim().is_empty()));
            if !known {
                return Err(error(&format!(
                    "unknown field '{field}'; use one of {} or criterion:KEY",
                    LABELS.join(", ")
                )));
            }
            columns.push((header.to_string(), field.to_string()));
        }
        Ok(Mapping { columns })
    }

    /// The text of a mapping file for `columns` (`(header, field label)` pairs, as an
    /// import plan's mapping holds them), with a comment that explains the format.
    pub fn to_text(columns: &[(String, String)]) -> String {
        let mut text = String::from(
            "# Merit column mapping: one line per column, `header = field`.\n\
             # Fields: id, name, department, post, criterion:KEY, extra, ignored (people);\n\
             # id, criterion, rater, group, score, ignored (ratings); mark, tally:MARK (ballots).\n\
             # Edit and pass back with `merit import --mapping FILE`.\n",
        );
        for (header, field) in columns {
            text.push_str(&format!("{header} = {field}\n"));
        }
        text
    }

    /// The field this mapping gives `header`, if it lists it.
    pub(super) fn field_of(&self, header: &str, scheme: &Scheme) -> Option<Field> {
        let line = self.line_of(header)?;
        Field::from_label(&self.columns[line].1, scheme)
    }

    /// Which of this mapping's lines is about `header`: the one naming it exactly (spaces
    /// at the ends aside), else the first that matches it as headers match (so that
    /// `笔试成绩(百分制)` and `笔试成绩(原始分)` each keep their own line).
    pub(super) fn line_of(&self, header: &str) -> Option<usize> {
        let exact = self
            .columns
            .iter()
            .position(|(h, _)| h.trim() == header.trim());
        exact.or_else(|| {
            let wanted = normalize(header);
            self.columns
                .iter()
                .position(|(h, _)| normalize(h) == wanted)
        })
    }

    /// Criteria the mapping names that the scheme lacks, as `header = field` text.
    pub fn unknown_criteria(&self, scheme: &Scheme) -> Vec<String> {
        self.columns
            .iter()
            .filter(|(_, f)| f.starts_with("criterion:"))
            .filter(|(_, f)| Field::from_label(f, scheme).is_none())
            .map(|(h, f)| format!("{h} = {f}"))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_it_prints() {
        let columns = vec![
            ("准考证号".to_string(), "id".to_string()),
            ("a=b".to_string(), "extra".to_string()),
            ("exam_score".to_string(), "criterion:exam".to_string()),
        ];
        let text = Mapping::to_text(&columns);
        assert_eq!(Mapping::parse(&text).unwrap().columns, columns);
    }

    #[test]
    fn bad_lines_are_reported_with_their_number() {
        let err = Mapping::parse("# c\nid = id\nfoo\n").unwrap_err();
        assert_eq!(err.to_string(), "line 3: expected `header = field`: 'foo'");
        let err = Mapping::parse("x = bogus\n").unwrap_err();
        assert!(err.reason.starts_with("unknown field 'bogus'"), "{err}");
        let commented = Mapping::parse("exam_score = criterion:exam   # the exam\n").unwrap();
        assert_eq!(commented.columns[0].1, "criterion:exam");
        let mapping = Mapping::parse("x = criterion:interview\n").unwrap();
        assert_eq!(
            mapping.unknown_criteria(&Scheme::default()),
            ["x = criterion:interview"]
        );
    }
}
