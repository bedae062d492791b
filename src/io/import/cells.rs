//! Step 4 of an import, shared by both kinds: one cell's text → a validated [`Value`].

use crate::model::{Scale, Value};
use crate::scoring::raw::{InvalidValue, value_points};

/// The value a non-empty cell holds on `scale`, validated by
/// [`value_points`]: a number (whitespace trimmed), or a category label on a categorical
/// scale. Text where a number belongs and numbers outside the scale are errors.
pub(super) fn parse_value(text: &str, scale: &Scale) -> Result<Value, InvalidValue> {
    let text = text.trim();
    let value = match text.parse::<f64>() {
        Ok(x) => Value::Number(x),
        Err(_) => Value::Category(text.to_string()),
    };
    value_points(&value, scale).map(|_| value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_trimmed_and_checked_against_the_scale() {
        let scale = Scale::default();
        assert_eq!(parse_value(" 87.5 ", &scale), Ok(Value::Number(87.5)));
        assert_eq!(parse_value("0", &scale), Ok(Value::Number(0.0)));
        let err = parse_value("120", &scale).unwrap_err();
        assert_eq!(err.reason, "outside the scale 0–100");
        let err = parse_value("缺考", &scale).unwrap_err();
        assert_eq!(err.reason, "'缺考' is not a number");
        assert!(parse_value("NaN", &scale).is_err());
    }

    #[test]
    fn categorical_scales_take_their_labels() {
        let scale = Scale::Categorical {
            categories: vec![("优秀".into(), 100.0), ("称职".into(), 80.0)],
        };
        assert_eq!(
            parse_value(" 称职", &scale),
            Ok(Value::Category("称职".into()))
        );
        assert_eq!(parse_value("80", &scale), Ok(Value::Number(80.0)));
        assert!(parse_value("良好", &scale).is_err());
    }
}
