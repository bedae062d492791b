//! A piece of CSV text that has no quotes and no lone CR (see
//! [`super::records::CsvRows::split`]), read line by line with its cells borrowed from the
//! text: in such text every line is one row and every delimiter ends a cell, so no CSV
//! parser, no UTF-8 check and no copy of a cell is needed. Rows come numbered exactly as
//! [`CsvRows`] numbers them.
//!
//! [`CsvRows`]: super::records::CsvRows

use super::records::unquote_formula;

/// Quote-free lines of CSV text, one row each.
pub(super) struct Lines<'a> {
    text: &'a str,
    /// Where the next line starts.
    at: usize,
    /// Where the lines that are not blank end: blank lines from here on are rows only when
    /// [`Lines::trailing_blank`] says a row follows them in a later piece.
    content_end: usize,
    /// Blank lines at the end of the text are rows (a later piece has a row).
    trailing_blank: bool,
    /// Spreadsheet number of the last row handed out.
    row_number: usize,
    /// Spreadsheet number of the row before the text's first.
    first_row_number: usize,
    /// How many line ends the text has.
    line_ends: usize,
    /// An ASCII byte (comma, semicolon or tab).
    delimiter: u8,
}

impl<'a> Lines<'a> {
    /// The lines of `text` (no `"` in it, every CR followed by a LF; cut at line ends),
    /// the first numbered `row_number + 1`; blank lines at its end are no rows until
    /// [`Lines::row_follows`].
    pub(super) fn new(text: &'a str, delimiter: u8, row_number: usize) -> Self {
        let line_ends = memchr::memchr_iter(b'\n', text.as_bytes()).count();
        let content_end = text
            .bytes()
            .rposition(|b| b != b'\r' && b != b'\n')
            .map_or(0, |i| i + 1);
        Lines {
            text,
            at: 0,
            content_end,
            trailing_blank: false,
            row_number,
            first_row_number: row_number,
            line_ends,
            delimiter,
        }
    }

    /// Whether a row of the text is not blank (a row follows anything before the text).
    pub(super) fn has_content(&self) -> bool {
        self.content_end > 0
    }

    /// Makes blank lines at the end of the text rows: a row follows them (in a later
    /// piece of the file).
    pub(super) fn row_follows(&mut self) {
        self.trailing_blank = true;
    }

    /// How many bytes the text has.
    pub(super) fn bytes(&self) -> usize {
        self.text.len()
    }

    /// How many rows the text has at most (one per line).
    pub(super) fn rows(&self) -> usize {
        self.line_ends + usize::from(!self.text.ends_with('\n'))
    }

    /// The number of the row after the text's last line end: where the next piece starts.
    pub(super) fn next_row_number(&self) -> usize {
        self.first_row_number + self.line_ends
    }

    /// Puts the next row's cells in `cells` (none for a blank line, formula-like cells an
    /// export neutralized restored, as [`CsvRows`] reads them); its row number, or `None`
    /// at the end.
    ///
    /// [`CsvRows`]: super::records::CsvRows
    pub(super) fn next_into(&mut self, cells: &mut Vec<&'a str>) -> Option<usize> {
        if self.at >= self.text.len() || (self.at >= self.content_end && !self.trailing_blank) {
            return None;
        }
        let rest = &self.text[self.at..];
        let (line, next) = match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(end) => (&rest[..end], self.at + end + 1),
            None => (rest, self.text.len()),
        };
        self.at = next;
        let line = line.strip_suffix('\r').unwrap_or(line);
        cells.clear();
        if !line.is_empty() {
            // The delimiter is ASCII: every byte equal to it ends a cell at a character
            // boundary.
            let mut start = 0;
            for (i, &byte) in line.as_bytes().iter().enumerate() {
                if byte == self.delimiter {
                    cells.push(unquote_formula(&line[start..i]));
                    start = i + 1;
                }
            }
            cells.push(unquote_formula(&line[start..]));
        }
        self.row_number += 1;
        Some(self.row_number)
    }

    /// [`Lines::next_into`] into an owned row.
    #[cfg(test)]
    pub(super) fn next_row(&mut self, row: &mut super::records::Row) -> bool {
        let mut cells = Vec::new();
        let Some(number) = self.next_into(&mut cells) else {
            return false;
        };
        row.number = number;
        row.cells = cells.into_iter().map(str::to_string).collect();
        true
    }
}
