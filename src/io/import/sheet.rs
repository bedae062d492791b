//! Step 1–2 of a spreadsheet import: XLSX, XLS or ODS bytes → numbered rows, via
//! `calamine`. The first sheet unless one is named.
//!
//! Cells become the text a person sees: numbers as the cell holds them (`87.5`, `90`), a
//! whole number too large for a spreadsheet to keep exactly (an 18-digit ID stored as a
//! number) in scientific notation so the id check rejects it, dates as `2026-03-01`, and
//! (XLSX) a number formatted as a percentage as one: `85%` for 0.85.
//! A merged cell's value fills its whole region, so a header merged across rows or
//! columns reads the same in each. Row numbers are the sheet's own.
//!
//! A workbook that cannot be opened is reported with the cause its format's reader gives
//! (a damaged zip, a cut-off OLE file), and an empty sheet with the names of the others,
//! so that the user can pick one with `--sheet`.

use std::io::Cursor;

use calamine::{
    Data, Dimensions, Ods, Range, Reader, Sheets, Style, StyleRange, Xls, Xlsx,
    open_workbook_auto_from_rs, open_workbook_from_rs,
};

use super::FileFormat;
use super::records::Row;

/// A sheet read into rows.
#[derive(Debug)]
pub(super) struct SheetRows {
    /// The sheet's name.
    pub name: String,
    /// Every sheet's name, in the workbook's order.
    pub names: Vec<String>,
    /// Every row from the sheet's first to its last, blank ones included.
    pub rows: Vec<Row>,
}

/// Reads sheet `wanted` (or the first) of the workbook in `bytes`, which its signature
/// says is `format`. Errors are text for [`super::ImportError::Spreadsheet`]: a damaged
/// workbook says so with the reader's cause, an empty sheet names itself and the others.
pub(super) fn read(
    bytes: &[u8],
    wanted: Option<&str>,
    format: FileFormat,
) -> Result<SheetRows, String> {
    let mut book = open(bytes, format)?;
    let names = book.sheet_names();
    let name = match wanted {
        None => names.first().cloned().ok_or("the workbook has no sheet")?,
        Some(w) => names
            .iter()
            .find(|n| n.as_str() == w || n.trim() == w.trim())
            .cloned()
            .ok_or_else(|| format!("no sheet '{w}'; the sheets are: {}", names.join(", ")))?,
    };
    let range = book.worksheet_range(&name).map_err(|e| e.to_string())?;
    let merged = merged_regions(&mut book, &name);
    let styles = match &mut book {
        Sheets::Xlsx(x) => x.worksheet_style(&name).ok(),
        _ => None,
    };
    let rows = rows(&range, &merged, styles.as_ref());
    if rows.iter().all(Row::is_blank) {
        return Err(empty_sheet(&name, &names));
    }
    Ok(SheetRows { rows, name, names })
}

/// Opens the workbook with the reader for `format`, so that a damaged file gets that
/// reader's own cause (calamine's guessing opener only says it cannot detect the
/// format); a workbook the signature misjudged (XLSB, an ODS named oddly) is opened by
/// guessing.
fn open(bytes: &[u8], format: FileFormat) -> Result<Sheets<Cursor<&[u8]>>, String> {
    let cursor = Cursor::new(bytes);
    let first = match format {
        FileFormat::Xls => open_workbook_from_rs::<Xls<_>, _>(cursor)
            .map(Sheets::Xls)
            .map_err(|e| e.to_string()),
        FileFormat::Ods => open_workbook_from_rs::<Ods<_>, _>(cursor)
            .map(Sheets::Ods)
            .map_err(|e| e.to_string()),
        FileFormat::Xlsx | FileFormat::Csv => open_workbook_from_rs::<Xlsx<_>, _>(cursor)
            .map(Sheets::Xlsx)
            .map_err(|e| e.to_string()),
    };
    first.or_else(|cause| {
        open_workbook_auto_from_rs(Cursor::new(bytes))
            .map_err(|_| format!("damaged, or not an {} workbook: {cause}", format.name()))
    })
}

/// The message for an empty sheet `name`, naming the workbook's other sheets.
fn empty_sheet(name: &str, names: &[String]) -> String {
    if names.len() > 1 {
        format!(
            "sheet '{name}' is empty; the workbook's sheets are: {}; choose one with --sheet",
            names.join(", ")
        )
    } else {
        format!("sheet '{name}' is empty, and it is the workbook's only sheet")
    }
}

/// `error` (a header not found) with the sheet it was looked for in, and the other
/// sheets to choose from; other errors as they are.
pub(super) fn in_sheet(
    error: super::ImportError,
    sheet: &str,
    names: &[String],
) -> super::ImportError {
    match error {
        super::ImportError::MissingColumns { mut missing, path } => {
            if let Some(last) = missing.last_mut() {
                last.push_str(&format!(" in sheet '{sheet}'"));
                if names.len() > 1 {
                    last.push_str(&format!(
                        " (the workbook's sheets are: {}; choose one with --sheet)",
                        names.join(", ")
                    ));
                }
            }
            super::ImportError::MissingColumns { missing, path }
        }
        other => other,
    }
}

/// The names of the sheets of the workbook in `bytes`, in order; empty when `bytes` is not
/// a workbook calamine can open.
pub fn sheet_names(bytes: &[u8]) -> Vec<String> {
    open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_or_else(|_| Vec::new(), |book| book.sheet_names())
}

/// The merged regions of sheet `name` (XLSX and XLS; ODS has none here).
fn merged_regions(book: &mut Sheets<Cursor<&[u8]>>, name: &str) -> Vec<Dimensions> {
    match book {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// The rows of `range`, with each merged region filled with its top-left value; a number
/// formatted as a percentage (by `styles`, XLSX) shown as one.
fn rows(range: &Range<Data>, merged: &[Dimensions], styles: Option<&StyleRange>) -> Vec<Row> {
    let Some((top, left)) = range.start() else {
        return Vec::new();
    };
    let mut out: Vec<Row> = (0..top)
        .map(|r| Row {
            number: r as usize + 1,
            cells: Vec::new(),
        })
        .collect();
    let lead = left as usize;
    for (i, cells) in range.rows().enumerate() {
        let mut texts = vec![String::new(); lead];
        texts.extend(cells.iter().enumerate().map(|(j, data)| {
            let style = styles.and_then(|s| s.get((top + i as u32, left + j as u32)));
            percent(data, style).unwrap_or_else(|| cell_text(data))
        }));
        out.push(Row {
            number: top as usize + i + 1,
            cells: texts,
        });
    }
    for region in merged {
        let (r0, c0) = (region.start.0 as usize, region.start.1 as usize);
        let value = out
            .get(r0)
            .and_then(|row| row.cells.get(c0))
            .cloned()
            .unwrap_or_default();
        // Only the cells the sheet has: a region may claim the whole sheet.
        let last_row = (region.end.0 as usize).min(out.len().saturating_sub(1));
        for row in out.iter_mut().take(last_row + 1).skip(r0) {
            let last = (region.end.1 as usize).min(row.cells.len().saturating_sub(1));
            for cell in row.cells.iter_mut().take(last + 1).skip(c0) {
                cell.clone_from(&value);
            }
        }
    }
    out
}

/// A number cell formatted as a percentage (`0%`, `0.00%`) as it shows: `85%` for 0.85,
/// so that it reads as 85 on a 0–100 scale, as `85%` typed in text does.
fn percent(data: &Data, style: Option<&Style>) -> Option<String> {
    let x = match data {
        Data::Float(x) => *x,
        Data::Int(i) => *i as f64,
        _ => return None,
    };
    let code = &style?.number_format.as_ref()?.format_code;
    // A `%` outside quoted literal text and [colour] brackets.
    let (mut quoted, mut bracket) = (false, false);
    let shows_percent = code.chars().any(|c| {
        match c {
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            '%' => return !quoted && !bracket,
            _ => {}
        }
        false
    });
    // Rounded to nine decimals: 0.855 × 100 is 85.49999999999999 in binary.
    shows_percent.then(|| format!("{}%", float_text((x * 100.0 * 1e9).round() / 1e9)))
}

/// The text a cell shows.
fn cell_text(data: &Data) -> String {
    match data {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(x) => float_text(*x),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(d) if d.is_datetime() => {
            let (y, mo, day, h, mi, s, _) = d.to_ymd_hms_milli();
            if (h, mi, s) == (0, 0, 0) {
                format!("{y:04}-{mo:02}-{day:02}")
            } else {
                format!("{y:04}-{mo:02}-{day:02} {h:02}:{mi:02}:{s:02}")
            }
        }
        Data::DateTime(d) => d.as_f64().to_string(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// A number as a spreadsheet shows it: whole numbers without `.0`; a whole number of 15
/// digits or more (beyond what a spreadsheet keeps exactly) in scientific notation, as
/// Excel shows it (`1.10101E+17`), so an id stored as a number is caught, not trusted.
fn float_text(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else if x.fract() == 0.0 && x.is_finite() {
        format!("{x:E}").replace('E', "E+")
    } else {
        x.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_show_as_a_spreadsheet_shows_them() {
        assert_eq!(float_text(87.5), "87.5");
        assert_eq!(float_text(90.0), "90");
        assert_eq!(float_text(20260001.0), "20260001");
        let id = float_text(110101199001011234.0);
        assert!(id.starts_with("1.10101199") && id.ends_with("E+17"), "{id}");
        assert!(super::super::rows::id_problem(&id).is_some());
    }
}
