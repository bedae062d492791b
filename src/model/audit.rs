//! The audit log: who changed what, when, from which value to which. It lives in the
//! project file so the record travels with the data it describes.

use serde::{Deserialize, Serialize};

/// One change made to a project, as the audit log keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AuditEntry {
    /// When, as `YYYY-MM-DD HH:MM:SS` UTC.
    pub time: String,
    /// Who (the operator name set in the app's preferences).
    pub operator: String,
    /// What kind of change: `score`, `weight`, `scheme`, `person`, `post`, `import`, …
    pub action: String,
    /// What was changed, e.g. `20260001 / exam`.
    pub target: String,
    /// The value before, as text (empty when there was none).
    pub old: String,
    /// The value after, as text (empty when removed).
    pub new: String,
}
