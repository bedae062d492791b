//! Step 2 of an import: text (or a sheet) → records: numbered rows of cells, then a
//! [`Table`] once the header row is known.
//!
//! CSV: the delimiter (comma, semicolon or tab) is sniffed unless given; CRLF or LF line
//! ends; `"` quoting, a quoted cell may span lines. Rows are numbered as a spreadsheet
//! shows them: blank lines count as rows, a quoted cell spanning several lines is still one
//! row. Spreadsheets (`sheet`) produce the same [`Row`]s, so everything after this step is
//! shared. The header row is not always the first: title rows above it are skipped (the
//! caller finds it, see `super::locate_header`).

use super::lines::Lines;
use super::plan::{Problem, Skipped};

/// A file's header and data rows, before any meaning is given to the columns.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Table {
    /// The header cells as in the file.
    pub headers: Vec<String>,
    /// Spreadsheet row number of the header.
    pub header_row: usize,
    /// The data rows that have as many cells as the header, in file order.
    pub rows: Vec<Row>,
    /// Rows with the wrong number of cells, one problem each.
    pub problems: Vec<Problem>,
    /// Rows that are not data: titles above the header, blank rows (a run of them once).
    pub skipped: Vec<Skipped>,
    /// How many non-empty data rows the file has (good ones and bad ones).
    pub data_rows: usize,
}

/// One row of cells.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct Row {
    /// Spreadsheet row number (1-based, as the spreadsheet shows it).
    pub number: usize,
    /// The cells, as in the file.
    pub cells: Vec<String>,
}

impl Row {
    /// Whether every cell is empty or white space.
    pub fn is_blank(&self) -> bool {
        is_blank(&self.cells)
    }
}

/// Whether every cell is empty or white space.
fn is_blank(cells: &[impl AsRef<str>]) -> bool {
    cells.iter().all(|c| c.as_ref().trim().is_empty())
}

/// Why the text has no table at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum RecordsError {
    /// No header row: the file is empty or blank.
    Empty,
    /// The CSV reader failed in a way that is not about one row.
    Malformed(String),
}

/// The delimiter of CSV text: the one of comma, semicolon and tab that occurs most often
/// outside quotes in the first 20 lines (comma when none does).
pub(super) fn sniff_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    let mut lines = 0;
    for byte in text.bytes() {
        match byte {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => {
                lines += 1;
                if lines >= 20 {
                    break;
                }
            }
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let candidates = [b',', b';', b'\t'];
    let best = (0..3).max_by_key(|&i| (counts[i], 2 - i)).unwrap_or(0);
    if counts[best] == 0 {
        b','
    } else {
        candidates[best]
    }
}

/// Reads delimited text into numbered rows, every row (blank ones too) in file order.
#[cfg(test)]
pub(super) fn read_csv(text: &str, delimiter: u8) -> Result<Vec<Row>, RecordsError> {
    let mut stream = CsvRows::new(text, delimiter);
    let mut rows = Vec::new();
    loop {
        let mut row = Row::default();
        if !stream.next_into(&mut row)? {
            return Ok(rows);
        }
        rows.push(row);
    }
}

/// Delimited text read one row at a time into a caller's [`Row`], whose cell strings are
/// reused: a large file is read without an allocation per cell or a copy of every row.
/// Rows come numbered and in order exactly as [`read_csv`] returns them.
pub(super) struct CsvRows<'a> {
    text: &'a str,
    reader: csv::Reader<&'a [u8]>,
    record: csv::StringRecord,
    /// Spreadsheet number of the last row handed out.
    row_number: usize,
    /// Blank lines still to hand out before the record already read.
    blank: usize,
    /// A record has been read and not handed out yet.
    pending: bool,
    /// The delimiter.
    delimiter: u8,
}

impl<'a> CsvRows<'a> {
    /// A reader of `text` split at `delimiter`.
    pub(super) fn new(text: &'a str, delimiter: u8) -> Self {
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(text.as_bytes());
        CsvRows {
            text,
            reader,
            record: csv::StringRecord::new(),
            row_number: 0,
            blank: 0,
            pending: false,
            delimiter,
        }
    }

    /// The rest of the text in `parts` pieces that read exactly as the whole reads (the
    /// same rows, numbered the same), to read at once on several cores; or `self` back
    /// when that cannot be promised: a piece is a run of whole lines, which needs every
    /// line to be one row (no quote in the text, so no cell spans lines) and every line
    /// to end in LF or CRLF (the reader ends a row at a lone CR too), and a delimiter
    /// that is an ASCII character other than a line end. Below `min_bytes` of text left
    /// it is not split.
    pub(super) fn split(self, parts: usize, min_bytes: usize) -> Result<Vec<Lines<'a>>, Box<Self>> {
        let plain_delimiter = self.delimiter.is_ascii() && !matches!(self.delimiter, b'\r' | b'\n');
        if self.pending || self.blank > 0 || parts < 2 || !plain_delimiter {
            return Err(Box::new(self));
        }
        let bytes = self.text.as_bytes();
        let mut start = usize::try_from(self.reader.position().byte()).unwrap_or(usize::MAX);
        if start > 0 && bytes.get(start - 1) == Some(&b'\r') && bytes.get(start) == Some(&b'\n') {
            start += 1;
        }
        let Some(rest) = bytes.get(start..) else {
            return Err(Box::new(self));
        };
        if rest.len() < min_bytes || memchr::memchr(b'"', rest).is_some() {
            return Err(Box::new(self));
        }
        let lone_cr = memchr::memchr_iter(b'\r', rest).any(|i| rest.get(i + 1) != Some(&b'\n'));
        if lone_cr {
            return Err(Box::new(self));
        }
        let mut pieces = Vec::with_capacity(parts);
        let (mut from, mut row_number) = (start, self.row_number);
        for i in 1..=parts {
            let to = if i == parts {
                bytes.len()
            } else {
                let guess = (start + rest.len() / parts * i).max(from);
                memchr::memchr(b'\n', &bytes[guess..]).map_or(bytes.len(), |p| guess + p + 1)
            };
            // `from` and `to` follow a LF (or are the ends): boundaries of characters.
            let piece = Lines::new(
                self.text.get(from..to).unwrap_or(""),
                self.delimiter,
                row_number,
            );
            row_number = piece.next_row_number();
            pieces.push(piece);
            from = to;
        }
        // Blank lines are rows only when a row follows them somewhere: at the end of a
        // piece, when a later piece has a line that is not blank.
        let mut row_follows = false;
        for piece in pieces.iter_mut().rev() {
            if row_follows {
                piece.row_follows();
            }
            row_follows |= piece.has_content();
        }
        Ok(pieces)
    }

    /// About how many rows the text holds in all, from the length of those read so far.
    pub(super) fn estimated_rows(&self) -> usize {
        let read = usize::try_from(self.reader.position().byte()).unwrap_or(usize::MAX);
        self.text.len() / read.max(1) * self.row_number
    }

    /// Reads the next row into `row`; false at the end of the text.
    pub(super) fn next_into(&mut self, row: &mut Row) -> Result<bool, RecordsError> {
        if !self.pending && self.blank == 0 {
            let start = usize::try_from(self.reader.position().byte()).unwrap_or(usize::MAX);
            let read = self
                .reader
                .read_record(&mut self.record)
                .map_err(|e| RecordsError::Malformed(e.to_string()))?;
            if !read {
                return Ok(false);
            }
            let end = usize::try_from(self.reader.position().byte()).unwrap_or(usize::MAX);
            let raw = self.text.get(start..end).unwrap_or("");
            if let Some(reason) = stray_quote(raw, &self.record) {
                let row = self.row_number + 1 + blank_lines_at(self.text, start);
                return Err(RecordsError::Malformed(format!("row {row}: {reason}")));
            }
            self.pending = true;
            self.blank = blank_lines_at(self.text, start);
        }
        self.row_number += 1;
        row.number = self.row_number;
        if self.blank > 0 {
            self.blank -= 1;
            row.cells.clear();
            return Ok(true);
        }
        self.pending = false;
        let width = self.record.len();
        for (i, field) in self.record.iter().enumerate() {
            let field = unquote_formula(field);
            match row.cells.get_mut(i) {
                Some(cell) => {
                    cell.clear();
                    cell.push_str(field);
                }
                None => row.cells.push(field.to_string()),
            }
        }
        row.cells.truncate(width);
        Ok(true)
    }
}

/// Why a record, `raw` as in the text and read as `record`, swallowed the rows below it,
/// if it did: a quote that opens a cell and is not closed on its line makes every line
/// after it part of that cell, up to the next quote in the file or its end. Seen as a
/// record that runs over more than one line and holds an odd number of quotes (a quoted
/// cell has two, an escaped quote two more).
fn stray_quote(raw: &str, record: &csv::StringRecord) -> Option<String> {
    let raw = raw.trim_start_matches(['\r', '\n']); // blank lines before the record
    let lines = raw.trim_end_matches(['\r', '\n']);
    // One line: no cell spans lines.
    memchr::memchr2(b'\r', b'\n', lines.as_bytes())?;
    let quotes = memchr::memchr_iter(b'"', raw.as_bytes()).count();
    if quotes.is_multiple_of(2) {
        return None;
    }
    let column = record
        .iter()
        .position(|cell| cell.contains(['\r', '\n']))
        .unwrap_or(0);
    Some(format!(
        "column {}: a quote (\") opens a cell and is not closed on its line, so the rows \
         below it would be read into that cell; close the quote or remove it",
        super::headers::column_letters(column)
    ))
}

/// A cell as it was before an export neutralized it: `'=x` → `=x` (only before the
/// characters a spreadsheet would run as a formula, see
/// [`crate::io::ranking::neutralize_formula`]).
pub(super) fn unquote_formula(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

/// The [`Table`] of `rows` with the header at index `header` (into `rows`): rows above it
/// and blank rows below it are skipped and reported; a row with more cells than the header
/// is cut when the extra cells are empty, else it is a problem, as is a short row.
pub(super) fn table(rows: Vec<Row>, header: usize) -> Result<Table, RecordsError> {
    let mut rows = rows.into_iter();
    let mut skipped = Vec::new();
    let headers = loop {
        let row = rows.next().ok_or(RecordsError::Empty)?;
        if skipped.len() == header {
            break row;
        }
        if !row.is_blank() {
            skipped.push(Skipped::new(&row, "above the header row"));
        } else {
            skipped.push(Skipped::blank(row.number));
        }
    };
    // Blank rows above the header are not worth a line in the report.
    skipped.retain(|s| !s.text.is_empty());
    let mut table = Table {
        headers: headers.cells,
        header_row: headers.number,
        rows: Vec::new(),
        problems: Vec::new(),
        skipped,
        data_rows: 0,
    };
    for mut row in rows {
        if table.take_row(&mut row) {
            table.rows.push(row);
        }
    }
    Ok(table)
}

impl Table {
    /// A table with the same header and nothing else, to sort out rows read apart from
    /// this one's (see [`CsvRows::split`]); [`Table::absorb`] takes them back.
    pub(super) fn empty_like(&self) -> Table {
        Table {
            headers: self.headers.clone(),
            header_row: self.header_row,
            rows: Vec::new(),
            problems: Vec::new(),
            skipped: Vec::new(),
            data_rows: 0,
        }
    }

    /// Takes what `other` (from [`Table::empty_like`]) sorted out: its problems, skipped
    /// rows and count of data rows.
    pub(super) fn absorb(&mut self, other: Table) {
        self.problems.extend(other.problems);
        let mut theirs = other.skipped.into_iter().peekable();
        if let (Some(ours), Some(first)) = (self.skipped.last_mut(), theirs.peek())
            && ours.join_blank(first)
        {
            theirs.next();
        }
        self.skipped.extend(theirs);
        self.data_rows += other.data_rows;
    }

    /// Sorts out one data row from below the header: a blank row is skipped and a row
    /// with the wrong number of cells is a problem (both recorded here); true for a row
    /// of data, which is left to the caller. A row with more cells than the header is cut
    /// when the extra cells are empty. Counts [`Table::data_rows`].
    pub(super) fn take_row(&mut self, row: &mut Row) -> bool {
        self.take_cells(row.number, &mut row.cells)
    }

    /// [`Table::take_row`] of row `number` of `cells`.
    pub(super) fn take_cells<C: AsRef<str>>(&mut self, number: usize, cells: &mut Vec<C>) -> bool {
        if is_blank(cells) {
            let blank = Skipped::blank(number);
            let joined = self
                .skipped
                .last_mut()
                .is_some_and(|run| run.join_blank(&blank));
            if !joined {
                self.skipped.push(blank);
            }
            return false;
        }
        self.data_rows += 1;
        let width = self.headers.len();
        if cells.len() > width && is_blank(&cells[width..]) {
            cells.truncate(width);
        }
        if cells.len() == width {
            return true;
        }
        let texts: Vec<&str> = cells.iter().map(AsRef::as_ref).collect();
        self.problems.push(Problem {
            row: number,
            column: String::new(),
            value: texts.join(","),
            reason: format!("{} cells, but the header has {width} columns", cells.len()),
        });
        false
    }
}

/// Whether `row` would be a row of data under a header `width` cells wide (see
/// [`Table::take_row`]), without changing anything.
pub(super) fn is_data(row: &Row, width: usize) -> bool {
    let used = row.cells.len().min(width);
    !row.is_blank()
        && (row.cells.len() == width
            || (row.cells.len() > width && row.cells[used..].iter().all(|c| c.trim().is_empty())))
}

/// The index into `rows` of the first row that is not blank.
pub(super) fn first_non_blank(rows: &[Row]) -> Option<usize> {
    rows.iter().position(|r| !r.is_blank())
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
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// Read in pieces, any text without quotes gives the rows the whole gives, numbered
        /// the same: blank lines (inside, at the ends of pieces, at the end), CRLF and LF,
        /// short and long rows, multi-byte text, white space, neutralized formulas.
        #[test]
        fn pieces_read_as_the_whole(
            lines in prop::collection::vec("(|a|王,b|1,2,3|,,|x;y| |'=1,'a|\t)", 0..60),
            crlf in prop::collection::vec(any::<bool>(), 60),
            head in 0usize..4,
            parts in 2usize..5,
            last_newline in any::<bool>(),
        ) {
            let mut text = String::new();
            for (i, line) in lines.iter().enumerate() {
                text.push_str(line);
                if i + 1 < lines.len() || last_newline {
                    text.push_str(if crlf[i] { "\r\n" } else { "\n" });
                }
            }
            let whole = read_csv(&text, b',').unwrap();
            let mut stream = CsvRows::new(&text, b',');
            let mut rows = Vec::new();
            for _ in 0..head {
                let mut row = Row::default();
                if stream.next_into(&mut row).unwrap() {
                    rows.push(row);
                }
            }
            let split = stream.split(parts, 0);
            // A reader that has handed out whole rows only can always be cut: no quotes here.
            prop_assert!(split.is_ok() || head > 0);
            match split {
                Ok(pieces) => {
                    for mut piece in pieces {
                        let mut row = Row::default();
                        while piece.next_row(&mut row) {
                            rows.push(std::mem::take(&mut row));
                        }
                    }
                }
                Err(mut stream) => {
                    let mut row = Row::default();
                    while stream.next_into(&mut row).unwrap() {
                        rows.push(std::mem::take(&mut row));
                    }
                }
            }
            prop_assert_eq!(rows, whole);
        }
    }

    #[test]
    fn quoted_text_is_not_split() {
        let text = "a,b\n\"x\ny\",1\n2,3\n";
        let mut stream = CsvRows::new(text, b',');
        stream.next_into(&mut Row::default()).unwrap();
        assert!(stream.split(2, 0).is_err());
        let lone_cr = CsvRows::new("a\rb\nc\n", b',');
        assert!(lone_cr.split(2, 0).is_err());
        for delimiter in [0xE4, b'\n'] {
            let odd = CsvRows::new("a,b\n1,2\n3,4\n", delimiter);
            assert!(odd.split(2, 0).is_err(), "{delimiter}");
        }
    }

    fn numbers(table: &Table) -> Vec<usize> {
        table.rows.iter().map(|r| r.number).collect()
    }

    fn read(text: &str) -> Table {
        let rows = read_csv(text, sniff_delimiter(text)).unwrap();
        let header = first_non_blank(&rows).unwrap();
        table(rows, header).unwrap()
    }

    #[test]
    fn rows_are_numbered_like_a_spreadsheet_with_crlf_or_lf() {
        for end in ["\r\n", "\n"] {
            let text = ["a,b", "1,2", "", "3,4", "\"5\nstill 5\",6", "7,8", ""].join(end);
            let table = read(&text);
            assert_eq!(table.headers, ["a", "b"]);
            // Row 3 is blank; the quoted cell spans two lines but is one row (5).
            assert_eq!(numbers(&table), [2, 4, 5, 6], "line end {end:?}");
            assert_eq!(table.rows[2].cells, ["5\nstill 5", "6"]);
            assert_eq!(table.data_rows, 4);
            assert_eq!(table.skipped, [Skipped::blank(3)]);
        }
    }

    #[test]
    fn empty_rows_are_skipped_and_short_rows_are_problems() {
        let text = "a,b,c\r\n1,2,3\r\n,,\r\n  , ,\r\n4,5\r\n6,7,8,9\r\n10,11,12,,\r\n";
        let table = read(text);
        assert_eq!(numbers(&table), [2, 7]);
        let rows: Vec<usize> = table.problems.iter().map(|p| p.row).collect();
        assert_eq!(rows, [5, 6]);
        assert_eq!(
            table.problems[0].reason,
            "2 cells, but the header has 3 columns"
        );
        assert_eq!(table.problems[0].value, "4,5");
        assert_eq!(table.data_rows, 4);
        let mut run = Skipped::blank(3);
        run.last_row = 4;
        assert_eq!(table.skipped, [run]);
    }

    #[test]
    fn a_stray_quote_is_an_error_naming_its_row_and_column() {
        let text = "考号,姓名,笔试成绩\r\n0001,\"张三,80\r\n0002,李四,90\r\n0003,王五,85\r\n";
        let mut rows = CsvRows::new(text, b',');
        let mut row = Row::default();
        let error = loop {
            match rows.next_into(&mut row) {
                Ok(true) => {}
                Ok(false) => panic!("read to the end"),
                Err(RecordsError::Malformed(reason)) => break reason,
                Err(e) => panic!("{e:?}"),
            }
        };
        assert!(
            error.starts_with("row 2: column B: a quote (\") opens a cell"),
            "{error}"
        );
        // Closed by a quoted cell further down: still an error, not three rows in one.
        let text = "考号,姓名,笔试成绩\r\n0001,\"张三,80\r\n0002,李四,90\r\n0003,\"王五\",85\r\n";
        let error = read_csv(text, b',').unwrap_err();
        assert!(
            matches!(&error, RecordsError::Malformed(r) if r.starts_with("row 2: column B: a quote")),
            "{error:?}"
        );
        // Quotes that close, or a lone quote inside one line, are fine.
        for text in ["a,b\n\"x\ny\",1\n", "a,b\nx\"y,1\n", "a,b\n\"x\"\"y\",1"] {
            assert!(read_csv(text, b',').is_ok(), "{text:?}");
        }
    }

    #[test]
    fn a_blank_file_has_no_header() {
        let rows = read_csv("", b',').unwrap();
        assert_eq!(first_non_blank(&rows), None);
        let rows = read_csv("\r\n,,\r\n", b',').unwrap();
        assert_eq!(first_non_blank(&rows), None);
        // Blank lines above the header move it down.
        let table = read("\n\nid\n7\n");
        assert_eq!((table.header_row, numbers(&table)), (3, vec![4]));
    }

    #[test]
    fn delimiters_are_sniffed_outside_quotes() {
        assert_eq!(sniff_delimiter("id;name;exam\r\n1;\"a,b\";87,5\r\n"), b';');
        assert_eq!(sniff_delimiter("id\tname\n1\t\"x;y;z\"\n"), b'\t');
        assert_eq!(sniff_delimiter("\"a;b;c\",d\n"), b',');
        assert_eq!(sniff_delimiter("id\n1\n"), b',');
        let table = read("编号;姓名;笔试\r\n001;张三;87,5\r\n");
        assert_eq!(table.rows[0].cells, ["001", "张三", "87,5"]);
    }

    #[test]
    fn title_rows_above_the_header_are_reported() {
        let rows = read_csv("2026年笔试成绩,,\n\n编号,姓名,笔试\n1,甲,80\n", b',').unwrap();
        let table = table(rows, 2).unwrap();
        assert_eq!((table.header_row, table.headers.len()), (3, 3));
        assert_eq!(table.skipped.len(), 1);
        assert_eq!(table.skipped[0].row, 1);
        assert_eq!(table.skipped[0].text, "2026年笔试成绩");
    }
}
