//! Exports that open correctly in Excel and WPS: a ranking, the people, the ratings, and
//! blank rater score sheets, as CSV or XLSX.
//!
//! One [`Sheet`] (header + typed cells) is built per export and written by [`to_csv`] or
//! [`to_xlsx`], so both formats hold the same data. CSV: UTF-8 with a byte-order mark (or
//! GBK on request), CRLF, a text cell that a spreadsheet would run as a formula prefixed
//! with `'` (the import strips that `'` again; a plain number such as `-2` is no formula
//! and is written as it is). XLSX: a styled, frozen header row, column
//! widths, numbers as numbers, totals with 2 decimals, formula-like text stored with
//! Excel's quote prefix (shown as text, value unchanged). Rater identities are never
//! written unless asked for. This module never reads files and never imports egui.

use encoding_rs::Encoding;
use rust_xlsxwriter::{Color, Format, FormatAlign, Workbook, XlsxError};
use unicode_width::UnicodeWidthStr;

use crate::model::{Key, Project, Value};
use crate::scoring::Evaluation;
use crate::scoring::describe::plain_number;
use crate::scoring::number::format_cents;

use super::ranking::{RankingDocument, is_plain_number, neutralize_formula};

/// One cell of an export.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text (formula-like text is neutralized when written).
    Text(String),
    /// A number, written as a number.
    Number(f64),
    /// A published total: a number shown with 2 decimals; `cents` is the published value.
    Total {
        /// Published total in hundredths (rounded half up on the decimal value).
        cents: i64,
    },
    /// Nothing.
    Empty,
}

impl Cell {
    /// The CSV text of the cell (not yet neutralized).
    fn text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Number(x) => plain_number(*x),
            Cell::Total { cents } => format_cents(*cents),
            Cell::Empty => String::new(),
        }
    }
}

/// A table to export: a header row and rows of cells.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sheet {
    /// Sheet name (XLSX).
    pub name: String,
    /// Column headers.
    pub headers: Vec<String>,
    /// The rows, each as long as the header.
    pub rows: Vec<Vec<Cell>>,
}

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// A cell has a character the chosen encoding cannot represent.
    #[error(
        "row {row}, column {column}: '{text}' cannot be written in {encoding}; export as UTF-8 (the default) instead"
    )]
    Unencodable {
        /// 1-based row (the header is row 1).
        row: usize,
        /// The column header.
        column: String,
        /// The cell.
        text: String,
        /// The encoding.
        encoding: String,
    },
    /// The CSV writer failed.
    #[error("cannot write CSV: {0}")]
    Csv(#[from] csv::Error),
    /// The XLSX writer failed.
    #[error("cannot write XLSX: {0}")]
    Xlsx(#[from] XlsxError),
}

/// The fixed columns of the ranking sheet, before one column per criterion (the streamed
/// CSV of [`super::ranking_csv`] writes the same).
pub(crate) const RANKING_FIXED_COLUMNS: [&str; 9] = [
    "post",
    "rank",
    "id",
    "name",
    "department",
    "total",
    "status",
    "reason",
    "tied",
];

/// The ranking of the given posts: post, rank, id, name, department, total (2 decimals),
/// status, reason, tied, then each criterion's normalized score.
pub fn ranking_sheet(
    project: &Project,
    evaluation: &Evaluation,
    documents: &[RankingDocument],
) -> Sheet {
    let mut headers: Vec<String> = RANKING_FIXED_COLUMNS
        .iter()
        .map(|s| (*s).to_string())
        .collect();
    headers.extend(project.scheme.criteria().map(|c| c.key.clone()));
    let mut rows = Vec::new();
    for doc in documents {
        for line in &doc.rows {
            let text = |s: &str| Cell::Text(s.to_string());
            let cents = line
                .published
                .as_deref()
                .and_then(|p| p.replace('.', "").parse::<i64>().ok());
            let mut row = vec![
                text(doc.post.as_deref().unwrap_or("")),
                line.rank
                    .map_or(Cell::Empty, |r| Cell::Number(f64::from(r))),
                text(&line.id),
                text(&line.name),
                text(&line.department),
                cents.map_or(Cell::Empty, |cents| Cell::Total { cents }),
                text(line.status),
                text(&line.reason),
                text(if line.tied { "yes" } else { "" }),
            ];
            row.extend(evaluation.criteria.iter().map(|key| {
                line.scores
                    .get(key)
                    .and_then(serde_json::Value::as_f64)
                    .map_or(Cell::Empty, |s| Cell::Number((s * 100.0).round() / 100.0))
            }));
            rows.push(row);
        }
    }
    Sheet {
        name: "ranking".into(),
        headers,
        rows,
    }
}

/// The people as imported: id, name, department, post, each criterion's raw value (an
/// absence marker such as 缺考 where one was given), then every extra column (sorted;
/// a value that is a number, such as 工龄 `18` or 加分 `-2`, as a number, unless the
/// column names an id). It imports back unchanged with `merit import`.
pub fn people_sheet(project: &Project) -> Sheet {
    let mut headers: Vec<String> = ["id", "name", "department", "post"]
        .iter()
        .map(|s| (*s).to_string())
        .collect();
    let criteria: Vec<&str> = project.scheme.criteria().map(|c| c.key.as_str()).collect();
    headers.extend(criteria.iter().map(|k| (*k).to_string()));
    let mut extra: Vec<&str> = project
        .people
        .iter()
        .flat_map(|p| p.extra.keys().map(Key::as_str))
        .collect();
    extra.sort_unstable();
    extra.dedup();
    headers.extend(extra.iter().map(|k| (*k).to_string()));
    let numeric: Vec<bool> = extra.iter().map(|k| !id_like(k)).collect();
    let rows = project
        .people
        .iter()
        .map(|p| {
            let mut row = vec![
                Cell::Text(p.id.clone()),
                Cell::Text(p.name.clone()),
                Cell::Text(p.department.clone()),
                Cell::Text(p.post.clone().unwrap_or_default()),
            ];
            row.extend(
                criteria
                    .iter()
                    .map(|k| match (p.scores.get(k), p.absent.get(k)) {
                        (Some(Value::Number(x)), _) => Cell::Number(*x),
                        (Some(Value::Category(c)), _) => Cell::Text(c.clone()),
                        (None, Some(marker)) => Cell::Text(marker.clone()),
                        (None, None) => Cell::Empty,
                    }),
            );
            row.extend(extra.iter().zip(&numeric).map(|(k, numeric)| {
                p.extra
                    .get(*k)
                    .map_or(Cell::Empty, |v| match number_cell(v) {
                        Some(x) if *numeric => Cell::Number(x),
                        _ => Cell::Text(v.clone()),
                    })
            }));
            row
        })
        .collect();
    Sheet {
        name: "people".into(),
        headers,
        rows,
    }
}

/// The number an extra column's text is, when writing it as that number loses nothing:
/// a plain decimal ([`is_plain_number`]) in the form the number is written back in
/// (`18`, `-2`, `1.5`; not `+3`, `1.50` or `-0`, which stay text so that they import
/// back as written).
fn number_cell(text: &str) -> Option<f64> {
    if !is_plain_number(text) {
        return None;
    }
    let x: f64 = text.parse().ok()?;
    (x.to_string() == text && (x != 0.0 || text == "0")).then_some(x)
}

/// Whether an extra column's header names an identifier (身份证号, 工号, 手机号码,
/// `staff id`, `code`): its values stay text, as ids do, even when they are digits.
fn id_like(header: &str) -> bool {
    let h = header.trim().to_lowercase();
    let words: Vec<&str> = h.split(|c: char| !c.is_alphanumeric()).collect();
    h.contains('号')
        || h.contains('码')
        || words
            .iter()
            .any(|w| matches!(*w, "id" | "no" | "code" | "phone" | "tel" | "zip"))
}

/// The ratings, one row per (person, criterion, rater): id, criterion, rater group,
/// score, and the rater only `with_raters`; otherwise raters are coded `R1`, `R2`… in
/// order of first appearance, so a rater's ratings stay together without naming them.
pub fn ratings_sheet(project: &Project, with_raters: bool) -> Sheet {
    let headers = ["id", "criterion", "rater", "group", "score"]
        .iter()
        .map(|s| (*s).to_string())
        .collect();
    let mut codes: Vec<&str> = Vec::new();
    let rows = project
        .ratings
        .iter()
        .map(|r| {
            let rater = if with_raters {
                r.rater.clone()
            } else {
                let i = codes.iter().position(|c| *c == r.rater).unwrap_or_else(|| {
                    codes.push(&r.rater);
                    codes.len() - 1
                });
                format!("R{}", i + 1)
            };
            vec![
                Cell::Text(r.person.clone()),
                Cell::Text(r.criterion.clone()),
                Cell::Text(rater),
                Cell::Text(r.group.clone()),
                match &r.value {
                    Value::Number(x) => Cell::Number(*x),
                    Value::Category(c) => Cell::Text(c.clone()),
                },
            ]
        })
        .collect();
    Sheet {
        name: "ratings".into(),
        headers,
        rows,
    }
}

/// CSV for Excel: `encoding` (UTF-8 gets a byte-order mark), CRLF, formula-like text
/// cells prefixed with `'`.
pub fn to_csv(sheet: &Sheet, encoding: &'static Encoding) -> Result<Vec<u8>, ExportError> {
    let mut text = Vec::new();
    {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut text);
        writer.write_record(
            sheet
                .headers
                .iter()
                .map(|h| neutralize_formula(h).into_owned()),
        )?;
        for row in &sheet.rows {
            let cells: Vec<String> = row
                .iter()
                .map(|c| match c {
                    Cell::Text(s) => neutralize_formula(s).into_owned(),
                    other => other.text(),
                })
                .collect();
            writer.write_record(&cells)?;
        }
        writer.flush().map_err(csv::Error::from)?;
    }
    // Every cell came from a `str`, so this is UTF-8; lossy only to avoid a panic path.
    let text = String::from_utf8_lossy(&text).into_owned();
    if encoding == encoding_rs::UTF_8 {
        let mut out = Vec::from("\u{feff}".as_bytes());
        out.extend_from_slice(text.as_bytes());
        return Ok(out);
    }
    let (bytes, _, errors) = encoding.encode(&text);
    if errors {
        return Err(unencodable(sheet, encoding));
    }
    Ok(bytes.into_owned())
}

/// The first cell `encoding` cannot represent, as an error.
fn unencodable(sheet: &Sheet, encoding: &'static Encoding) -> ExportError {
    let fits = |s: &str| !encoding.encode(s).2;
    let rows = std::iter::once(
        sheet
            .headers
            .iter()
            .map(|h| Cell::Text(h.clone()))
            .collect::<Vec<_>>(),
    )
    .chain(sheet.rows.iter().cloned());
    for (r, row) in rows.enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let text = cell.text();
            if !fits(&text) {
                return ExportError::Unencodable {
                    row: r + 1,
                    column: sheet.headers.get(c).cloned().unwrap_or_default(),
                    text,
                    encoding: encoding.name().to_string(),
                };
            }
        }
    }
    ExportError::Unencodable {
        row: 0,
        column: String::new(),
        text: String::new(),
        encoding: encoding.name().to_string(),
    }
}

/// An XLSX workbook with one worksheet per sheet (see the module doc for the styling).
pub fn to_xlsx(sheets: &[Sheet]) -> Result<Vec<u8>, ExportError> {
    let mut book = Workbook::new();
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xDDEBF7))
        .set_align(FormatAlign::Center)
        .set_text_wrap();
    let total = Format::new().set_num_format("0.00");
    let quoted = Format::new().set_quote_prefix();
    for sheet in sheets {
        let ws = book.add_worksheet();
        ws.set_name(sheet_name(&sheet.name))?;
        let mut widths: Vec<usize> = sheet.headers.iter().map(|h| h.width()).collect();
        for (c, h) in sheet.headers.iter().enumerate() {
            ws.write_string_with_format(0, col(c), h, &header)?;
        }
        for (r, row) in sheet.rows.iter().enumerate() {
            let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
            for (c, cell) in row.iter().enumerate() {
                match cell {
                    Cell::Text(s) if s.is_empty() => {}
                    Cell::Text(s) if neutralize_formula(s).len() != s.len() => {
                        ws.write_string_with_format(r, col(c), s, &quoted)?;
                    }
                    Cell::Text(s) => {
                        ws.write_string(r, col(c), s)?;
                    }
                    Cell::Number(x) => {
                        ws.write_number(r, col(c), *x + 0.0)?;
                    }
                    Cell::Total { cents } => {
                        ws.write_number_with_format(r, col(c), *cents as f64 / 100.0, &total)?;
                    }
                    Cell::Empty => {}
                }
                if let Some(w) = widths.get_mut(c) {
                    *w = (*w).max(cell.text().width());
                }
            }
        }
        for (c, w) in widths.iter().enumerate() {
            ws.set_column_width(col(c), (*w).clamp(6, 40) as f64 + 2.0)?;
        }
        ws.set_freeze_panes(1, 0)?;
    }
    Ok(book.save_to_buffer()?)
}

/// A column index for rust_xlsxwriter (at most 16,384 columns in a sheet).
fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

/// A valid worksheet name: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(name: &str) -> String {
    let clean: String = name
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take(31)
        .collect();
    if clean.is_empty() {
        "Sheet1".into()
    } else {
        clean
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet() -> Sheet {
        Sheet {
            name: "t".into(),
            headers: vec!["id".into(), "name".into(), "total".into()],
            rows: vec![
                vec![
                    Cell::Text("007".into()),
                    Cell::Text("=HYPERLINK(\"x\")".into()),
                    Cell::Total { cents: 8032 },
                ],
                vec![
                    Cell::Text("008".into()),
                    Cell::Text("王伟".into()),
                    Cell::Empty,
                ],
            ],
        }
    }

    #[test]
    fn a_negative_zero_is_written_0() {
        assert_eq!(Cell::Number(-0.0).text(), "0");
        assert_eq!(Cell::Number(-1.5).text(), "-1.5");
    }

    #[test]
    fn csv_has_a_bom_crlf_and_neutralized_formulas() {
        let bytes = to_csv(&sheet(), encoding_rs::UTF_8).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(
            text,
            "\u{feff}id,name,total\r\n007,\"'=HYPERLINK(\"\"x\"\")\",80.32\r\n008,王伟,\r\n"
        );
    }

    #[test]
    fn gbk_on_request_and_unencodable_cells_named() {
        let bytes = to_csv(&sheet(), encoding_rs::GBK).unwrap();
        let (text, _, bad) = encoding_rs::GBK.decode(&bytes);
        assert!(!bad);
        assert!(text.starts_with("id,name,total\r\n") && text.contains("王伟"));
        let mut s = sheet();
        s.rows[1][1] = Cell::Text("😀".into());
        let err = to_csv(&s, encoding_rs::GBK).unwrap_err();
        assert_eq!(
            err.to_string(),
            "row 3, column name: '😀' cannot be written in GBK; export as UTF-8 (the default) instead"
        );
    }

    /// Two people with extra columns: 加分 (bonus points) and 工龄 (years) hold numbers as
    /// text, 工号 (an id) digits.
    fn people_with_extras() -> Project {
        let mut project = Project::default();
        for (id, bonus, years, staff) in [("1", "-2", "18", "007"), ("2", "+3", "1.50", "12")] {
            let mut person = crate::model::Person {
                id: id.into(),
                name: "甲".into(),
                ..crate::model::Person::default()
            };
            person.extra.insert("加分", bonus.into());
            person.extra.insert("工龄", years.into());
            person.extra.insert("工号", staff.into());
            project.people.push(person);
        }
        project
    }

    #[test]
    fn numbers_in_extra_columns_are_numbers_and_not_prefixed() {
        let sheet = people_sheet(&people_with_extras());
        let at = |r: usize, header: &str| {
            let c = sheet.headers.iter().position(|h| h == header).unwrap();
            sheet.rows[r][c].clone()
        };
        assert_eq!(at(0, "加分"), Cell::Number(-2.0));
        assert_eq!(at(0, "工龄"), Cell::Number(18.0));
        // Kept as written: `+3` and `1.50` would come back as `3` and `1.5`.
        assert_eq!(at(1, "加分"), Cell::Text("+3".into()));
        assert_eq!(at(1, "工龄"), Cell::Text("1.50".into()));
        // An id column stays text, digits or not.
        assert_eq!(at(0, "工号"), Cell::Text("007".into()));
        assert_eq!(at(1, "工号"), Cell::Text("12".into()));
        let text = String::from_utf8(to_csv(&sheet, encoding_rs::UTF_8).unwrap()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].ends_with(",加分,工号,工龄"), "{text}");
        assert!(lines[1].ends_with(",-2,007,18"), "{text}");
        assert!(lines[2].ends_with(",+3,12,1.50"), "{text}");
    }

    #[test]
    fn xlsx_numbers_are_number_cells_and_text_keeps_its_form() {
        use calamine::{Data, Reader, Xlsx};
        let sheet = people_sheet(&people_with_extras());
        let bytes = to_xlsx(std::slice::from_ref(&sheet)).unwrap();
        let mut book: Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let range = book.worksheet_range("people").unwrap();
        let col = |h: &str| sheet.headers.iter().position(|x| x == h).unwrap();
        let cell = |r: usize, h: &str| range.get((r, col(h))).cloned().unwrap();
        assert_eq!(cell(1, "加分"), Data::Float(-2.0));
        assert_eq!(cell(1, "工龄"), Data::Float(18.0));
        assert_eq!(cell(2, "加分"), Data::String("+3".into()));
        assert_eq!(cell(2, "工龄"), Data::String("1.50".into()));
        assert_eq!(cell(1, "工号"), Data::String("007".into()));
        assert_eq!(cell(2, "工号"), Data::String("12".into()));
    }

    #[test]
    fn a_number_cell_only_when_it_is_written_back_the_same() {
        for (text, number) in [
            ("18", Some(18.0)),
            ("-2", Some(-2.0)),
            ("0", Some(0.0)),
            ("0.25", Some(0.25)),
            ("-5.5", Some(-5.5)),
            ("123456789012345", Some(123_456_789_012_345.0)),
            ("+3", None),
            ("1.50", None),
            ("-0", None),
            ("007", None),
            ("1234567890123456", None),
            ("1e5", None),
            ("1,000", None),
            (" 5", None),
            ("85%", None),
        ] {
            assert_eq!(number_cell(text), number, "{text}");
        }
        assert!(id_like("身份证号") && id_like("手机号码") && id_like("Staff ID"));
        assert!(!id_like("工龄") && !id_like("加分") && !id_like("video"));
    }

    #[test]
    fn xlsx_is_a_zip_workbook() {
        let bytes = to_xlsx(&[sheet()]).unwrap();
        assert!(bytes.starts_with(b"PK\x03\x04"));
    }
}
