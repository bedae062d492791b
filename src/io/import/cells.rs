//! Step 4 of an import, shared by every kind: one cell's text → a validated value.
//!
//! Cells come as people type them in Excel or WPS: full-width digits and punctuation
//! (`８７.５`), surrounding spaces, `85%`, thousands separators (`1,234.5`, or `1.234,5`
//! with a decimal comma), and absence markers (缺考, 缺席, 弃考, `-`, `N/A`) that mean "no
//! score, for this reason". It never guesses beyond that: anything else that is not a
//! number is an error (or a category label on a categorical scale).

use crate::model::{Scale, Value};
use crate::scoring::raw::{InvalidValue, value_points};

/// Markers that mean "no score" (compared after [`half_width`] and trimming, case-blind).
const ABSENCE_MARKERS: &[&str] = &[
    "缺考",
    "缺席",
    "弃考",
    "缺",
    "未参加",
    "免考",
    "-",
    "--",
    "—",
    "/",
    "n/a",
    "na",
    "absent",
];

/// How numbers are written in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct NumberStyle {
    /// `87,5` means 87.5 (files delimited by semicolons, as in much of Europe).
    pub decimal_comma: bool,
}

/// Whether semicolon-delimited `text` writes numbers with a decimal comma (`87,5`), as
/// such files mostly do, or with a decimal point (`87.5`): a point when numbers with a
/// point show up and none with a comma. Only numbers whose fraction has other than three
/// digits count (`1.250` could be either). Looks at the first 64 KiB.
pub(super) fn decimal_comma_in(text: &str) -> bool {
    let mut end = text.len().min(64 * 1024);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let (mut comma, mut point) = (0usize, 0usize);
    for cell in text[..end].split(['\n', '\r', ';']) {
        let cell = cell.trim().trim_matches('"');
        let cell = cell.strip_prefix(['-', '+']).unwrap_or(cell);
        match decimal_mark(cell) {
            Some(',') => comma += 1,
            Some('.') => point += 1,
            _ => {}
        }
    }
    comma > 0 || point == 0
}

/// The decimal mark of `cell` when it is plainly a number with a fraction: digits, one
/// `,` or `.`, and a fraction of other than three digits (`87,5`, `90.25`).
fn decimal_mark(cell: &str) -> Option<char> {
    let at = cell.find([',', '.'])?;
    let (whole, fraction) = (&cell[..at], &cell[at + 1..]);
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(whole) && digits(fraction) && fraction.len() != 3).then(|| cell[at..].chars().next())?
}

/// What a non-empty score cell holds.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Cell {
    /// A valid value.
    Value(Value),
    /// An absence marker: no score, with the marker as the reason (e.g. `缺考`).
    Absent(String),
}

/// Full-width ASCII forms (`８７．５`, `（`, `％`) and the ideographic space → ASCII.
pub(crate) fn half_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '。' => '.',
            _ => c,
        })
        .collect()
}

/// The marker, if `text` is an absence marker.
pub(super) fn absence(text: &str) -> Option<String> {
    let normal = half_width(text).trim().to_lowercase();
    ABSENCE_MARKERS
        .contains(&normal.as_str())
        .then(|| text.trim().to_string())
}

/// The number written in `text`, if it is one: half-width, without spaces and thousands
/// separators; a trailing `%` keeps the number as written (85% on a 0–100 scale is 85).
pub(super) fn number(text: &str, style: NumberStyle) -> Option<f64> {
    let text: String = half_width(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let text = text.strip_suffix('%').unwrap_or(&text);
    let (thousands, decimal) = if style.decimal_comma {
        ('.', ',')
    } else {
        (',', '.')
    };
    let plain = if text.contains(thousands) {
        if !grouped(text, thousands, decimal) {
            return None;
        }
        text.replace(thousands, "")
    } else {
        text.to_string()
    };
    let plain = plain.replace(decimal, ".");
    let is_number_text = plain
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'));
    if !is_number_text {
        return None;
    }
    // `-0` is 0 (adding +0 clears the sign): no score is ever shown as `-0`.
    plain
        .parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
        .map(|x| x + 0.0)
}

/// Whether `text` is digits grouped in threes by `sep` (`1,234,567.5`).
fn grouped(text: &str, sep: char, decimal: char) -> bool {
    let int = text.split(decimal).next().unwrap_or("");
    let int = int.strip_prefix(['-', '+']).unwrap_or(int);
    let mut groups = int.split(sep);
    let first = groups.next().unwrap_or("");
    let first_ok = (1..=3).contains(&first.len()) && first.bytes().all(|b| b.is_ascii_digit());
    first_ok && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

/// The value of a non-empty cell on `scale`: an absence marker, a number (see
/// [`number`]), or a category label on a categorical scale; validated by
/// [`value_points`]. Text where a number belongs and numbers outside the scale are errors.
pub(super) fn parse_cell(
    text: &str,
    scale: &Scale,
    style: NumberStyle,
) -> Result<Cell, InvalidValue> {
    // The common case first, without allocating: a plain number.
    if let Ok(x) = text.trim().parse::<f64>()
        && x.is_finite()
        && !style.decimal_comma
    {
        let value = Value::Number(x + 0.0);
        return value_points(&value, scale).map(|_| Cell::Value(value));
    }
    if let Some(marker) = absence(text) {
        return Ok(Cell::Absent(marker));
    }
    parse_value(text, scale, style).map(Cell::Value)
}

/// Like [`parse_cell`], for cells where an absence marker makes no sense.
pub(super) fn parse_value(
    text: &str,
    scale: &Scale,
    style: NumberStyle,
) -> Result<Value, InvalidValue> {
    let text = text.trim();
    let value = match number(text, style) {
        Some(x) => Value::Number(x),
        None if style.decimal_comma && number(text, NumberStyle::default()).is_some() => {
            return Err(InvalidValue {
                value: text.to_string(),
                reason: format!(
                    "'{text}' is not a number with a decimal comma, as this file's numbers \
                     are written (87,5)"
                ),
            });
        }
        None => match scale {
            Scale::Categorical { .. } => Value::Category(half_width(text).trim().to_string()),
            Scale::Numeric { .. } => Value::Category(text.to_string()),
        },
    };
    value_points(&value, scale).map(|_| value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_semicolon_file_writes_decimals_with_a_comma_unless_it_shows_a_point() {
        assert!(decimal_comma_in("编号;笔试成绩\n1;87,5\n2;90\n"));
        assert!(!decimal_comma_in(
            "编号;笔试成绩;政治素质\n1;87.5;8.5\n2;90;1.250\n"
        ));
        // Nothing to tell by (whole numbers, three-digit fractions): a comma, as before.
        assert!(decimal_comma_in("编号;笔试成绩\n1;87\n2;1.250\n3;1,250\n"));
        // Both kinds: a comma, and the numbers with a point are refused one by one.
        assert!(decimal_comma_in("a;b\n1;87.5\n2;66,5\n"));
        // Ids and dates are no decimals.
        assert!(decimal_comma_in("a;b\nA1.5;2026.05.01\n1;7,25\n"));
    }

    const PLAIN: NumberStyle = NumberStyle {
        decimal_comma: false,
    };

    fn value(text: &str) -> Result<Value, InvalidValue> {
        parse_value(text, &Scale::default(), PLAIN)
    }

    #[test]
    fn numbers_are_trimmed_and_checked_against_the_scale() {
        assert_eq!(value(" 87.5 "), Ok(Value::Number(87.5)));
        assert_eq!(value("0"), Ok(Value::Number(0.0)));
        let err = value("120").unwrap_err();
        assert_eq!(err.reason, "outside the scale 0–100");
        let err = value("abc").unwrap_err();
        assert_eq!(err.reason, "'abc' is not a number");
        assert!(value("NaN").is_err());
        assert!(value("inf").is_err());
    }

    #[test]
    fn minus_zero_is_read_as_zero() {
        let positive = |v: Result<Cell, InvalidValue>| match v {
            Ok(Cell::Value(Value::Number(x))) => x == 0.0 && x.is_sign_positive(),
            _ => false,
        };
        assert!(positive(parse_cell("-0", &Scale::default(), PLAIN)));
        assert!(positive(parse_cell("-0.00", &Scale::default(), PLAIN)));
        assert!(positive(parse_cell("－０", &Scale::default(), PLAIN)));
        let comma = NumberStyle {
            decimal_comma: true,
        };
        assert!(positive(parse_cell("-0,0", &Scale::default(), comma)));
    }

    #[test]
    fn full_width_percent_and_thousands() {
        assert_eq!(value("８７．５"), Ok(Value::Number(87.5)));
        assert_eq!(value("\u{3000}９０\u{3000}"), Ok(Value::Number(90.0)));
        assert_eq!(value("85%"), Ok(Value::Number(85.0)));
        assert_eq!(value("８５％"), Ok(Value::Number(85.0)));
        assert_eq!(number("1,234.5", PLAIN), Some(1234.5));
        assert_eq!(number("12,34", PLAIN), None);
        assert_eq!(number("1 234", PLAIN), Some(1234.0));
        let comma = NumberStyle {
            decimal_comma: true,
        };
        assert_eq!(number("87,5", comma), Some(87.5));
        assert_eq!(number("1.234,5", comma), Some(1234.5));
        assert_eq!(number("87.5", comma), None);
        // Refused with why: the file's numbers have a decimal comma.
        let refused = parse_cell("87.5", &Scale::default(), comma).unwrap_err();
        assert_eq!(
            refused.reason,
            "'87.5' is not a number with a decimal comma, as this file's numbers are written (87,5)"
        );
    }

    #[test]
    fn absence_markers_are_missing_with_a_reason() {
        for marker in ["缺考", " 缺席 ", "弃考", "-", "N/A", "ｎ／ａ", "—"] {
            assert_eq!(
                parse_cell(marker, &Scale::default(), PLAIN),
                Ok(Cell::Absent(marker.trim().to_string())),
                "{marker}"
            );
        }
        assert_eq!(
            parse_cell("-5", &Scale::default(), PLAIN)
                .unwrap_err()
                .reason,
            "outside the scale 0–100"
        );
    }

    #[test]
    fn categorical_scales_take_their_labels() {
        let scale = Scale::Categorical {
            categories: vec![("优秀".into(), 100.0), ("称职".into(), 80.0)],
        };
        assert_eq!(
            parse_value(" 称职", &scale, PLAIN),
            Ok(Value::Category("称职".into()))
        );
        assert_eq!(parse_value("80", &scale, PLAIN), Ok(Value::Number(80.0)));
        assert!(parse_value("良好", &scale, PLAIN).is_err());
    }
}
