//! Every change a user makes to a project, as data: [`Action`], and the one door through
//! which it reaches the project, [`apply`]. `apply` validates (a refused action changes
//! nothing and says why), makes the change, appends an [`AuditEntry`] to the project's log
//! and returns the inverse action, which is all undo and redo need ([`History`]).
//!
//! This module never imports egui and never does I/O: the app builds actions from what the
//! user did, the tests build them by hand.

mod action;
mod history;
mod time;

pub use action::{Action, Data};
pub use history::History;
pub use time::utc_timestamp;

use crate::model::{AuditEntry, Person, Project, Value};
use crate::scoring::raw::value_points;

/// Who makes a change and when; stamped on the audit entry.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Meta {
    /// The operator name from the preferences.
    pub operator: String,
    /// `YYYY-MM-DD HH:MM:SS` UTC (see [`utc_timestamp`]).
    pub time: String,
}

/// What an applied action leaves behind.
#[derive(Debug, Clone)]
pub struct Applied {
    /// The action that takes the project back to where it was.
    pub inverse: Action,
    /// The entry appended to the project's audit log.
    pub entry: AuditEntry,
}

/// Why an action was refused. Nothing changed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EditError {
    /// No person has this id.
    #[error("no person with id '{0}'")]
    NoSuchPerson(String),
    /// No criterion has this key.
    #[error("no criterion with key '{0}'")]
    NoSuchCriterion(String),
    /// No post has this id.
    #[error("no post with id '{0}'")]
    NoSuchPost(String),
    /// A value the criterion's scale does not allow.
    #[error("{person} / {criterion}: '{value}' refused: {reason}")]
    Invalid {
        /// The person's id.
        person: String,
        /// The criterion's key.
        criterion: String,
        /// The value as typed.
        value: String,
        /// Why, e.g. `outside the scale 0–100`.
        reason: String,
    },
    /// A weight that is negative or not a number.
    #[error("weight {0} refused: weights are non-negative numbers")]
    BadWeight(f64),
    /// No group at this position.
    #[error("no criteria group number {0}")]
    NoSuchGroup(usize),
    /// The scheme cannot be evaluated.
    #[error("scheme refused: {0}")]
    BadScheme(String),
    /// An id that is empty or already taken.
    #[error("id '{0}' refused: it is empty or already used")]
    BadId(String),
    /// A post's openings or ratio make no sense.
    #[error("post '{id}' refused: {reason}")]
    BadPost {
        /// The post id.
        id: String,
        /// Why.
        reason: String,
    },
    /// An import plan with problems.
    #[error("import refused: the plan has {0} problem(s); fix the file first")]
    ImportHasProblems(usize),
}

/// Validates `action`, applies it to `project`, appends its audit entry and returns the
/// inverse. On error `project` is unchanged (its audit log included).
pub fn apply(project: &mut Project, action: Action, meta: &Meta) -> Result<Applied, EditError> {
    let (inverse, change) = action::run(project, action)?;
    let entry = AuditEntry {
        time: meta.time.clone(),
        operator: meta.operator.clone(),
        action: change.action.to_string(),
        target: change.target,
        old: change.old,
        new: change.new,
    };
    project.audit.push(entry.clone());
    Ok(Applied { inverse, entry })
}

/// Checks a value for one person's criterion without changing anything: the reason it
/// would be refused, if any. `None` (clearing the score) is always allowed.
pub fn check_score(
    project: &Project,
    person: &str,
    criterion: &str,
    value: Option<&Value>,
) -> Result<(), EditError> {
    if project.person_index(person).is_none() {
        return Err(EditError::NoSuchPerson(person.to_string()));
    }
    let spec = project
        .scheme
        .criterion(criterion)
        .ok_or_else(|| EditError::NoSuchCriterion(criterion.to_string()))?;
    if let Some(v) = value {
        value_points(v, &spec.scale).map_err(|e| EditError::Invalid {
            person: person.to_string(),
            criterion: criterion.to_string(),
            value: e.value,
            reason: e.reason,
        })?;
    }
    Ok(())
}

/// Parses what a user typed into a score cell: empty clears it, a number is a number,
/// anything else is a category label.
pub fn parse_value(text: &str) -> Option<Value> {
    let t = text.trim();
    if t.is_empty() {
        None
    } else if let Ok(x) = t.parse::<f64>() {
        Some(Value::Number(x))
    } else {
        Some(Value::Category(t.to_string()))
    }
}

/// The audit log as CSV (UTF-8 with BOM, for Excel), formula-looking cells neutralized.
pub fn audit_csv(entries: &[AuditEntry]) -> String {
    use crate::io::ranking::neutralize_formula;
    let mut out = String::from("\u{feff}time,operator,action,target,old,new\r\n");
    for e in entries {
        let cells = [&e.time, &e.operator, &e.action, &e.target, &e.old, &e.new];
        let line: Vec<String> = cells
            .iter()
            .map(|c| {
                let c = neutralize_formula(c);
                if c.contains([',', '"', '\n', '\r']) {
                    format!("\"{}\"", c.replace('"', "\"\""))
                } else {
                    c.into_owned()
                }
            })
            .collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// A person as one line of audit text.
fn person_text(p: &Person) -> String {
    let post = p.post.as_deref().unwrap_or("");
    format!("{} {} [{}] {}", p.id, p.name, p.department, post)
        .trim_end()
        .to_string()
}

#[cfg(test)]
mod tests;
