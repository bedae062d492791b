//! A ranking as text: the terminal table, CSV for Excel and JSON for scripts.
//!
//! Totals are published with 2 decimals (half up on the decimal value) in the table and
//! CSV, and at full precision in JSON. Rater identities never appear here.

use serde::Serialize;

use crate::model::Project;
use crate::scoring::describe::{person_status_reason, tie_breaker_label};
use crate::scoring::number::format_cents;
use crate::scoring::{Evaluation, PostEvaluation, Row};

/// One person's line of a ranking, as JSON writes it.
#[derive(Debug, Clone, Serialize)]
pub struct RankingLine {
    /// Competition rank; null for the unranked.
    pub rank: Option<u32>,
    /// Person id.
    pub id: String,
    /// Person name.
    pub name: String,
    /// Department.
    pub department: String,
    /// Total at full precision; null for the unranked.
    pub total: Option<f64>,
    /// The published total with 2 decimals, as text (`"80.32"`); null for the unranked.
    pub published: Option<String>,
    /// `selected`, `shortlisted`, `not_selected`, `ineligible` or `incomplete`.
    pub status: &'static str,
    /// Why the person is ineligible or incomplete; empty otherwise.
    pub reason: String,
    /// Normalized 0..100 score per criterion key (missing criteria are left out).
    pub scores: serde_json::Map<String, serde_json::Value>,
    /// Shares the rank with someone.
    pub tied: bool,
    /// In a tie straddling the selection or shortlist cut-off.
    pub tie_at_cutoff: bool,
    /// The tie-breaker that separated this person from an equal total, e.g. `exam desc`.
    pub decided_by: Option<String>,
}

/// A post's ranking, as JSON writes it.
#[derive(Debug, Clone, Serialize)]
pub struct RankingDocument {
    /// Post id; null for people without a post.
    pub post: Option<String>,
    /// Openings of the post.
    pub openings: u32,
    /// Shortlist size, selected included.
    pub shortlist: u32,
    /// People in ranking order, then the unranked.
    pub rows: Vec<RankingLine>,
}

/// Builds the lines of one post's ranking.
pub fn ranking_document(
    project: &Project,
    evaluation: &Evaluation,
    post: &PostEvaluation,
) -> RankingDocument {
    let rows = post
        .rows
        .iter()
        .map(|row| line(project, evaluation, post, row))
        .collect();
    RankingDocument {
        post: post.post.clone(),
        openings: post.openings,
        shortlist: post.shortlist,
        rows,
    }
}

fn line(
    project: &Project,
    evaluation: &Evaluation,
    post: &PostEvaluation,
    row: &Row,
) -> RankingLine {
    let person = &project.people[row.person];
    let mut scores = serde_json::Map::new();
    for (k, key) in evaluation.criteria.iter().enumerate() {
        if let Some(score) = post.score(row, k)
            && let Some(n) = serde_json::Number::from_f64(score + 0.0)
        {
            scores.insert(key.clone(), serde_json::Value::Number(n));
        }
    }
    RankingLine {
        rank: row.rank,
        id: person.id.clone(),
        name: person.name.clone(),
        department: person.department.clone(),
        total: row.total.map(|t| t + 0.0),
        published: row.cents.map(format_cents),
        status: row.status.code(),
        reason: person_status_reason(&row.status, &project.scheme, person, None),
        scores,
        tied: row.tied,
        tie_at_cutoff: row.tie_at_cutoff,
        decided_by: row
            .decided_by
            .map(|t| tie_breaker_label(&project.scheme, t)),
    }
}

/// The JSON text of one or several posts' rankings: an object for one post, an array
/// for several.
pub fn to_json(documents: &[RankingDocument]) -> Result<String, serde_json::Error> {
    match documents {
        [one] => serde_json::to_string_pretty(one),
        many => serde_json::to_string_pretty(many),
    }
}

/// Makes a text cell safe to open in a spreadsheet: a cell starting with `=`, `+`, `-`,
/// `@`, tab or CR is prefixed with `'` so it shows as text and never runs as a formula
/// (OWASP's advice for CSV injection). A plain number (`-2`, `+3`, see
/// [`is_plain_number`]) is no formula and is left as it is, so a spreadsheet reads it as
/// the number it is.
pub fn neutralize_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('+' | '-') if is_plain_number(cell) => cell.into(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// Whether `text` is a plain decimal number that a spreadsheet keeps exactly: an optional
/// sign, digits without a leading zero (`0` and `0.5` are fine, `007` is not: that is an
/// id), an optional fraction, at most 15 significant digits. No spaces, exponent,
/// thousands separator or percent sign.
pub fn is_plain_number(text: &str) -> bool {
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (unsigned, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || (whole.len() > 1 && whole.starts_with('0')) {
        return false;
    }
    if fraction.is_some_and(|f| !digits(f)) {
        return false;
    }
    let fraction = fraction.unwrap_or("");
    let significant = if whole == "0" {
        fraction.trim_start_matches('0').len()
    } else {
        whole.len() + fraction.len()
    };
    significant <= 15
}

/// CSV for Excel: UTF-8 with a byte-order mark, CRLF line ends, totals with 2 decimals,
/// one line per person of every given post (the same sheet `merit export` writes).
pub fn to_csv(
    project: &Project,
    evaluation: &Evaluation,
    documents: &[RankingDocument],
) -> Result<Vec<u8>, super::export::ExportError> {
    let sheet = super::export::ranking_sheet(project, evaluation, documents);
    super::export::to_csv(&sheet, encoding_rs::UTF_8)
}

/// A plain-text table for the terminal, aligned for Chinese (double-width) characters.
pub fn to_table(project: &Project, documents: &[RankingDocument]) -> String {
    let mut out = String::new();
    for doc in documents {
        let title = match &doc.post {
            Some(id) => {
                let name = project.post(id).map_or(id.as_str(), |p| p.display_name());
                format!(
                    "{name}: {} opening(s), shortlist {}",
                    doc.openings, doc.shortlist
                )
            }
            None => "No post".to_string(),
        };
        out.push_str(&title);
        out.push('\n');
        let mut cells: Vec<Vec<String>> = vec![
            [
                "rank",
                "id",
                "name",
                "department",
                "total",
                "status",
                "note",
            ]
            .iter()
            .map(|s| (*s).to_string())
            .collect(),
        ];
        for line in &doc.rows {
            let mut note = line.reason.clone();
            if line.tie_at_cutoff {
                note = "tie at the cut-off: all go through".into();
            } else if line.tied {
                note = "tied".into();
            } else if let Some(by) = &line.decided_by {
                note = format!("tie broken by {by}");
            }
            cells.push(vec![
                line.rank
                    .map(|r| r.to_string())
                    .unwrap_or_else(|| "—".into()),
                line.id.clone(),
                line.name.clone(),
                line.department.clone(),
                line.published.clone().unwrap_or_else(|| "—".into()),
                line.status.to_string(),
                note,
            ]);
        }
        out.push_str(&align(&cells));
        out.push('\n');
    }
    out
}

/// Pads columns to equal display width (CJK characters are two columns wide).
pub fn align(cells: &[Vec<String>]) -> String {
    use unicode_width::UnicodeWidthStr;
    let columns = cells.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..columns)
        .map(|c| cells.iter().map(|r| r[c].width()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for row in cells {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if c + 1 < columns {
                line.push_str(&" ".repeat(widths[c] - cell.width() + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralized() {
        assert_eq!(neutralize_formula("=SUM(A1)"), "'=SUM(A1)");
        // Plain numbers are not formulas; anything more is.
        assert_eq!(neutralize_formula("-2"), "-2");
        assert_eq!(neutralize_formula("+3"), "+3");
        assert_eq!(neutralize_formula("-0.25"), "-0.25");
        assert_eq!(neutralize_formula("-2+3"), "'-2+3");
        assert_eq!(neutralize_formula("+1E5"), "'+1E5");
        assert_eq!(neutralize_formula("-007"), "'-007");
        assert_eq!(
            neutralize_formula("-1234567890123456"),
            "'-1234567890123456"
        );
        assert_eq!(neutralize_formula("-"), "'-");
        assert_eq!(neutralize_formula("-.5"), "'-.5");
        assert_eq!(neutralize_formula("-5."), "'-5.");
        assert_eq!(neutralize_formula("@x"), "'@x");
        assert_eq!(neutralize_formula("\tx"), "'\tx");
        assert_eq!(neutralize_formula("王伟"), "王伟");
        assert_eq!(neutralize_formula(""), "");
    }

    #[test]
    fn table_aligns_double_width_names() {
        let text = align(&[
            vec!["name".into(), "x".into()],
            vec!["王伟".into(), "1".into()],
        ]);
        assert_eq!(text, "name  x\n王伟  1\n");
    }
}
