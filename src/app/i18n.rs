//! Words of the interface in both languages. Every label goes through [`t`], so a screen
//! never mixes languages.

use crate::scoring::describe::Lang;

/// The text for `lang`: `t(lang, "保存", "Save")`.
pub fn t(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    lang.pick(zh, en)
}

/// Formats a message in the right language from two already formatted texts.
pub fn tf(lang: Lang, zh: String, en: String) -> String {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}
