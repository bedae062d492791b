//! Preferences that outlive a session (eframe storage): language, theme, recent files,
//! operator name. Saved apart from the runtime state; `#[serde(default)]` so that an older
//! or damaged entry falls back to defaults field by field.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::scoring::describe::Lang;

/// How many recent files the File menu lists.
const RECENT_MAX: usize = 8;

/// The saved preferences.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// Interface language.
    pub lang: Lang,
    /// Dark theme when true.
    pub dark: bool,
    /// Recently opened or saved projects, most recent first.
    pub recent: Vec<PathBuf>,
    /// The name stamped on audit entries.
    pub operator: String,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            lang: system_lang(),
            dark: false,
            recent: Vec::new(),
            operator: default_operator(),
        }
    }
}

impl Prefs {
    /// Puts `path` first in the recent list.
    pub fn remember(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_path_buf());
        self.recent.truncate(RECENT_MAX);
    }
}

/// Chinese when the system locale is Chinese, else English.
pub fn system_lang() -> Lang {
    let locale = sys_locale_name();
    if locale.to_ascii_lowercase().starts_with("zh") {
        Lang::Zh
    } else {
        Lang::En
    }
}

fn sys_locale_name() -> String {
    if let Some(locale) = sys_locale::get_locale() {
        return locale;
    }
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        .unwrap_or_default()
}

/// The login name, as a first guess of the operator.
fn default_operator() -> String {
    ["USER", "USERNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        .unwrap_or_default()
}
