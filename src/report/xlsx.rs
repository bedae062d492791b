//! The results list as an Excel workbook: the same columns as the CSV, totals as numbers
//! shown with 2 decimals (the published value, not the full-precision one), text cells
//! written as text (never run as formulas), the header frozen.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::scoring::stages::StagedEvaluation;

use super::results::{PublishedLine, header};

/// The workbook bytes of one post's results list at stage `stage` (0-based).
pub fn results_xlsx(
    staged: &StagedEvaluation,
    stage: usize,
    lines: &[PublishedLine],
    with_stages: bool,
    sheet_name: &str,
) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    // Sheet names cannot hold []:*?/\ and are at most 31 characters.
    let name: String = sheet_name
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect();
    if !name.trim().is_empty() {
        sheet.set_name(name)?;
    }
    let bold = Format::new().set_bold();
    let cents_format = Format::new().set_num_format("0.00");
    let titles = header(staged, stage, with_stages);
    for (c, title) in titles.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, title, &bold)?;
    }
    for (r, line) in lines.iter().enumerate() {
        let row = r as u32 + 1;
        if let Some(rank) = line.rank {
            sheet.write_number(row, 0, f64::from(rank))?;
        }
        sheet.write_string(row, 1, &line.name)?;
        sheet.write_string(row, 2, &line.department)?;
        let mut col = 3u16;
        let mut totals = vec![line.total];
        if with_stages {
            totals.extend(line.stage_totals.iter().copied());
        }
        for cents in totals {
            if let Some(c) = cents {
                sheet.write_number_with_format(row, col, c as f64 / 100.0, &cents_format)?;
            }
            col += 1;
        }
        sheet.write_string(row, col, &line.status)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.set_column_width(1, 12)?;
    sheet.set_column_width(2, 14)?;
    let last = titles.len().saturating_sub(1) as u16;
    sheet.set_column_width(last, 40)?;
    workbook.save_to_buffer()
}
