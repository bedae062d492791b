//! Which rows are people, and which ids can be trusted; shared by every kind of import.
//!
//! Spreadsheets hold more than people: a 合计/平均/总计 row under the data, a footer note
//! (注：…, 制表人：…). Those are skipped and reported, never imported as people. An id that
//! a spreadsheet has turned into a number in scientific notation has lost digits and is
//! rejected with what to do about it; it is never "repaired".

use super::cells::half_width;
use super::headers::normalize;
use super::records::Row;

/// Cells that make a row a summary, not a person (compared normalized, colon dropped).
const SUMMARY_WORDS: &[&str] = &[
    "合计",
    "总计",
    "小计",
    "平均",
    "平均分",
    "平均值",
    "总分合计",
    "total",
    "sum",
    "average",
    "mean",
];

/// `cell` without white space at either end, as [`str::trim`] gives it: at once when both
/// ends are visible ASCII (ids and numbers).
pub(super) fn trim_cell(cell: &str) -> &str {
    match (cell.as_bytes().first(), cell.as_bytes().last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => cell,
        _ => cell.trim(),
    }
}

/// Why `row` is not a person (a summary row or a note), if it is not. `id` is the id
/// column; `name` the name column, if any.
pub(super) fn not_a_person(row: &Row, id: usize, name: Option<usize>) -> Option<String> {
    let trimmed: Vec<&str> = row.cells.iter().map(|c| trim_cell(c)).collect();
    not_a_person_trimmed(&trimmed, id, name)
}

/// [`not_a_person`] of a row whose cells are given trimmed.
///
/// A row with an id is a person, whatever else it holds (a remark 平均, even a name
/// 合计). Without one, a summary word in any cell makes it a summary row, and a single
/// filled cell a note. A "label：text" id (制表人：王五) is a footer note: no id has a
/// colon.
pub(super) fn not_a_person_trimmed(
    cells: &[&str],
    id: usize,
    name: Option<usize>,
) -> Option<String> {
    let id_cell = cells.get(id).copied().unwrap_or("");
    if let Some(word) = summary_word(id_cell) {
        return Some(format!("a summary row ({word}), not a person"));
    }
    if labelled(id_cell) {
        return Some("a note (a label and its text, no id), not a person".into());
    }
    if !id_cell.is_empty() && id_like(id_cell) {
        return None;
    }
    if let Some(word) = cells.iter().find_map(|cell| summary_word(cell)) {
        return Some(format!("a summary row ({word}), not a person"));
    }
    let mut filled = cells
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.is_empty())
        .map(|(i, _)| i);
    match (filled.next(), filled.next()) {
        (Some(only), None) if Some(only) != name && (only != id || !id_like(cells[id])) => {
            Some("a note (one cell, no id), not a person".into())
        }
        _ => None,
    }
}

/// The summary word `cell` (trimmed) is, if it is one: 合计, 平均分：, Total…
fn summary_word(cell: &str) -> Option<&'static str> {
    // Summary words are short and never start with a digit: skip the rest cheaply.
    if cell.is_empty()
        || cell.len() > 24
        || cell.starts_with(|c: char| c.is_ascii_digit())
        || !could_be_summary(cell)
    {
        return None;
    }
    let word = normalize(cell);
    let word = word.trim_end_matches([':', '：']);
    SUMMARY_WORDS.iter().find(|w| **w == word).copied()
}

/// Whether `cell` is a label and its text, as footers are (制表人：王五, 审核: 李四): a
/// colon with something on each side, not between digits (a time).
fn labelled(cell: &str) -> bool {
    cell.char_indices().any(|(at, c)| {
        let before = cell[..at].chars().next_back();
        let after = cell[at + c.len_utf8()..].chars().next();
        match c {
            '：' => before.is_some(),
            ':' => before.is_some_and(|b| !b.is_ascii_digit()) && after.is_some(),
            _ => false,
        }
    })
}

/// Whether `text` can be a summary word once normalized (see [`normalize`]): each of
/// them has a Latin letter (ASCII or full-width) or 计 or 均. Names, departments and
/// posts mostly have none, and are passed over without normalizing them.
fn could_be_summary(text: &str) -> bool {
    // A digit survives normalizing unless it is in brackets, and no summary word has one:
    // an id such as `C000123` is passed over here too.
    let (mut letter, mut digit, mut bracket) = (false, false, false);
    for c in text.chars() {
        match c {
            '0'..='9' | '０'..='９' => digit = true,
            '(' | ')' | '[' | ']' | '<' | '>' | '（' | '）' | '［' | '］' | '＜' | '＞' => {
                bracket = true;
            }
            '【' | '】' | '〔' | '〕' | '《' | '》' => bracket = true,
            c => letter = letter || summary_letter(c),
        }
    }
    letter && (bracket || !digit)
}

/// A Latin letter (ASCII or full-width), 计 or 均: what every summary word has.
fn summary_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c, '计' | '均' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}')
        // No character from the CJK blocks lower-cases to ASCII (a few below do: K).
        || (!c.is_ascii() && c < '\u{2E80}' && c.to_lowercase().any(|l| l.is_ascii_alphabetic()))
}

/// Whether `text` could be an id: short, one word, no sentence punctuation.
fn id_like(text: &str) -> bool {
    let text = text.trim();
    text.chars().count() <= 24
        && !text
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, ':' | '：' | '，' | '。' | ',' | '；'))
}

/// Why `id` cannot be used, if it cannot: a number in scientific notation
/// (`1.10101E+17`), which means the spreadsheet stored the column as numbers and kept
/// only about 15 digits.
pub(super) fn id_problem(id: &str) -> Option<String> {
    // Without an `E` (ASCII or full-width) it is no such number; most ids have none.
    if !id.contains(['e', 'E', 'ｅ', 'Ｅ']) {
        return None;
    }
    let text = half_width(id);
    let text = text.trim();
    // Excel shows such a number as `d.dddddE+dd`: one nonzero digit, an explicit `+`.
    let (mantissa, exponent) = text.split_once(['e', 'E'])?;
    let exponent = exponent.strip_prefix('+')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let lead = |s: &str| s.len() == 1 && s.bytes().all(|b| (b'1'..=b'9').contains(&b));
    let mantissa_ok = match mantissa.split_once('.') {
        Some((a, b)) => lead(a) && digits(b),
        None => lead(mantissa),
    };
    (mantissa_ok && digits(exponent)).then(|| {
        "the id is a number in scientific notation: the spreadsheet formatted this column \
         as a number and dropped digits; format the column as Text (设置单元格格式 → 文本), \
         restore the full ids and save again"
            .to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Row {
        Row {
            number: 9,
            cells: cells.iter().map(|c| c.to_string()).collect(),
        }
    }

    #[test]
    fn summary_rows_and_notes_are_not_people() {
        let name = Some(1);
        assert_eq!(
            not_a_person(&row(&["", "合计", "4012"]), 0, name).as_deref(),
            Some("a summary row (合计), not a person")
        );
        assert!(not_a_person(&row(&["平均：", "", "80.2"]), 0, name).is_some());
        assert!(not_a_person(&row(&["", "", "Average"]), 0, name).is_some());
        assert_eq!(
            not_a_person(&row(&["注：缺考人员不排名", "", ""]), 0, name).as_deref(),
            Some("a note (a label and its text, no id), not a person")
        );
        // A person with only a name is a person without an id (a problem), not a note.
        assert_eq!(not_a_person(&row(&["", "张三", ""]), 0, name), None);
        assert_eq!(not_a_person(&row(&["001", "张三", "80"]), 0, name), None);
        assert_eq!(not_a_person(&row(&["001", "", ""]), 0, name), None);
        assert!(not_a_person(&row(&["制表人：王五", "", ""]), 0, name).is_some());
    }

    #[test]
    fn a_row_with_an_id_is_a_person_whatever_its_remarks_say() {
        let name = Some(1);
        // The summary word is only a remark, or even the name: the id makes a person.
        for cells in [
            ["0001", "张三", "80", "平均"],
            ["0002", "李四", "70", "合计"],
            ["0003", "合计", "60", "60"],
            ["0004", "赵六", "71", "高于平均"],
        ] {
            assert_eq!(not_a_person(&row(&cells), 0, name), None, "{cells:?}");
        }
        // The word in the id column, or no id at all: a summary row.
        assert_eq!(
            not_a_person(&row(&["合计", "", "4012", ""]), 0, name).as_deref(),
            Some("a summary row (合计), not a person")
        );
        assert!(not_a_person(&row(&["", "平均", "80.2", ""]), 0, name).is_some());
    }

    #[test]
    fn a_labelled_footer_is_a_note_however_many_cells_it_has() {
        let name = Some(1);
        assert_eq!(
            not_a_person(&row(&["制表人：王某", "审核人：李某", "", ""]), 0, name).as_deref(),
            Some("a note (a label and its text, no id), not a person")
        );
        assert!(not_a_person(&row(&["审核: 李四", "日期: 2026-05-01", ""]), 0, name).is_some());
        // A colon between digits or at the very end is no label.
        for id in ["10:30", "A:", "0001"] {
            assert_eq!(
                not_a_person(&row(&[id, "张三", "80"]), 0, name),
                None,
                "{id}"
            );
        }
    }

    proptest::proptest! {
        /// The shortcut never passes over a cell the full comparison would call a
        /// summary word: random text from the characters that matter, and the words.
        #[test]
        fn the_summary_shortcut_misses_no_summary_word(
            text in "[合计总小平均分值：: （）()\\-_a-zA-Zａ-ｚＡ-Ｚ\u{3000}王处办K0-9０-９]{0,8}",
            word in 0..SUMMARY_WORDS.len(),
            wide in proptest::bool::ANY,
        ) {
            for cell in [text.clone(), format!(" {} ", SUMMARY_WORDS[word]),
                         if wide { half_width_inverse(SUMMARY_WORDS[word]) } else { text.to_uppercase() }] {
                let word = normalize(cell.trim());
                let word = word.trim_end_matches([':', '：']);
                if SUMMARY_WORDS.contains(&word) {
                    proptest::prop_assert!(could_be_summary(cell.trim()), "{cell:?}");
                }
            }
        }

        /// The trimming shortcut trims as `str::trim` does: ASCII, CJK and Unicode spaces
        /// (full-width, no-break, line separators) at either end.
        #[test]
        fn trim_cell_trims_as_trim(cell in "[ \t\r\n\u{3000}\u{a0}\u{2028}\u{85}a-z0-9王,.-]{0,6}") {
            proptest::prop_assert_eq!(trim_cell(&cell), cell.trim());
        }

        /// The id shortcut agrees with the full check on random ids.
        #[test]
        fn the_id_shortcut_agrees(id in "[0-9.eE+ｅＥ１２３４\u{3000} X-]{0,12}") {
            let full = {
                let text = half_width(&id);
                let text = text.trim();
                text.split_once(['e', 'E']).is_some()
            };
            if !full {
                proptest::prop_assert_eq!(id_problem(&id), None);
            }
        }
    }

    /// ASCII → full-width forms, to test that they are still caught.
    fn half_width_inverse(text: &str) -> String {
        text.chars()
            .map(|c| match c {
                '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
                c => c,
            })
            .collect()
    }

    #[test]
    fn scientific_notation_ids_are_refused_with_the_fix() {
        for id in ["1.10101E+17", "4.40301E+17", "1E+17", "1.2e+5"] {
            let reason = id_problem(id).unwrap();
            assert!(reason.contains("formatted this column as a number"), "{id}");
        }
        for id in [
            "110101199001011234",
            "0001",
            "A1E5",
            "E+17",
            "1.5",
            "11010119900101123X",
        ] {
            assert_eq!(id_problem(id), None, "{id}");
        }
    }
}
