//! Step 2 of an import: text → records (a header and numbered rows of cells).
//!
//! Comma-separated, CRLF or LF line ends, `"` quoting, via the `csv` crate with the cell
//! count fixed by the header. Rows are numbered as a spreadsheet shows them: the header is
//! row 1 when it is the first line, blank lines count as rows (a spreadsheet shows them),
//! and a quoted cell spanning several lines is still one row. Rows whose cells are all
//! empty are skipped silently. Other delimiters and XLSX come in as other functions that
//! return the same [`Table`].

use super::plan::Problem;

/// A file's header and data rows, before any meaning is given to the columns.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Table {
    /// The header cells as in the file.
    pub headers: Vec<String>,
    /// The data rows that have as many cells as the header, in file order.
    pub rows: Vec<Row>,
    /// Rows with the wrong number of cells, one problem each.
    pub problems: Vec<Problem>,
    /// How many non-empty data rows the file has (good ones and bad ones).
    pub data_rows: usize,
}

/// One data row.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Row {
    /// Spreadsheet row number (the header is row 1).
    pub number: usize,
    /// The cells, one per header column, as in the file.
    pub cells: Vec<String>,
}

/// Why the text has no table at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum RecordsError {
    /// No header row: the file is empty or blank.
    Empty,
    /// The CSV reader failed in a way that is not about one row.
    Malformed(String),
}

/// Reads comma-separated text into a [`Table`].
pub(super) fn read_csv(text: &str) -> Result<Table, RecordsError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(false)
        .from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    let mut headers: Option<Vec<String>> = None;
    let mut table = Table {
        headers: Vec::new(),
        rows: Vec::new(),
        problems: Vec::new(),
        data_rows: 0,
    };
    let mut row_number = 0;
    loop {
        let start = usize::try_from(reader.position().byte()).unwrap_or(usize::MAX);
        let read = reader.read_record(&mut record);
        row_number += 1 + blank_lines_at(text, start);
        let length_error = match read {
            Ok(false) => break,
            Ok(true) => None,
            Err(e) => match e.kind() {
                csv::ErrorKind::UnequalLengths { len, .. } => Some(*len),
                _ => return Err(RecordsError::Malformed(e.to_string())),
            },
        };
        let cells: Vec<String> = record.iter().map(str::to_string).collect();
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let Some(header) = &headers else {
            headers = Some(cells);
            continue;
        };
        table.data_rows += 1;
        match length_error {
            None => table.rows.push(Row {
                number: row_number,
                cells,
            }),
            Some(len) => table.problems.push(Problem {
                row: row_number,
                column: String::new(),
                value: cells.join(","),
                reason: format!("{len} cells, but the header has {} columns", header.len()),
            }),
        }
    }
    table.headers = headers.ok_or(RecordsError::Empty)?;
    Ok(table)
}

/// How many blank lines the reader skips from byte `start` before the next record.
///
/// The reader stops a record after the first byte of its line end, so at `start` a CRLF
/// file still has the `\n` of the previous line end; it is not a blank line.
fn blank_lines_at(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = start;
    if i > 0 && bytes.get(i - 1) == Some(&b'\r') && bytes.get(i) == Some(&b'\n') {
        i += 1;
    }
    let mut blank = 0;
    loop {
        match (bytes.get(i), bytes.get(i + 1)) {
            (Some(b'\r'), Some(b'\n')) => i += 2,
            (Some(b'\r' | b'\n'), _) => i += 1,
            _ => return blank,
        }
        blank += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(table: &Table) -> Vec<usize> {
        table.rows.iter().map(|r| r.number).collect()
    }

    #[test]
    fn rows_are_numbered_like_a_spreadsheet_with_crlf_or_lf() {
        for end in ["\r\n", "\n"] {
            let text = ["a,b", "1,2", "", "3,4", "\"5\nstill 5\",6", "7,8", ""].join(end);
            let table = read_csv(&text).unwrap();
            assert_eq!(table.headers, ["a", "b"]);
            // Row 3 is blank; the quoted cell spans two lines but is one row (5).
            assert_eq!(numbers(&table), [2, 4, 5, 6], "line end {end:?}");
            assert_eq!(table.rows[2].cells, ["5\nstill 5", "6"]);
            assert_eq!(table.data_rows, 4);
        }
    }

    #[test]
    fn empty_rows_are_skipped_and_short_rows_are_problems() {
        let text = "a,b,c\r\n1,2,3\r\n,,\r\n  , ,\r\n4,5\r\n6,7,8,9\r\n10,11,12\r\n";
        let table = read_csv(text).unwrap();
        assert_eq!(numbers(&table), [2, 7]);
        let rows: Vec<usize> = table.problems.iter().map(|p| p.row).collect();
        assert_eq!(rows, [5, 6]);
        assert_eq!(
            table.problems[0].reason,
            "2 cells, but the header has 3 columns"
        );
        assert_eq!(table.problems[0].value, "4,5");
        assert_eq!(table.data_rows, 4);
    }

    #[test]
    fn a_blank_file_has_no_header() {
        assert_eq!(read_csv(""), Err(RecordsError::Empty));
        assert_eq!(read_csv("\r\n,,\r\n"), Err(RecordsError::Empty));
        // Blank lines above the header move it down.
        let table = read_csv("\n\nid\n7\n").unwrap();
        assert_eq!(numbers(&table), [4]);
    }
}
