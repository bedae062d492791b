//! Words for results: why a person is ineligible or incomplete, which tie-breaker decided.
//! English with each criterion's Chinese name, as the command line prints them.

use crate::model::{Criterion, Scheme, TieKey};

use super::evaluation::{Gap, Status};
use super::number::format_cents;

/// `笔试成绩 (exam)`: how a criterion is named in messages.
pub fn criterion_label(criterion: &Criterion) -> String {
    if criterion.name.is_empty() || criterion.name == criterion.key {
        criterion.key.clone()
    } else {
        format!("{} ({})", criterion.name, criterion.key)
    }
}

/// Why a person is not ranked, or an empty string for the ranked.
pub fn status_reason(status: &Status, scheme: &Scheme) -> String {
    let criteria: Vec<&Criterion> = scheme.criteria().collect();
    let label = |k: usize| {
        criteria
            .get(k)
            .map_or_else(|| format!("#{k}"), |c| criterion_label(c))
    };
    match status {
        Status::Ineligible(failures) => failures
            .iter()
            .map(|f| match f.raw {
                Some(raw) => format!(
                    "{} {raw} fails the gate {} {}",
                    label(f.criterion),
                    f.gate.symbol(),
                    f.gate.value
                ),
                None => format!(
                    "{} missing, gate {} {}",
                    label(f.criterion),
                    f.gate.symbol(),
                    f.gate.value
                ),
            })
            .collect::<Vec<_>>()
            .join("; "),
        Status::Incomplete(gaps) => {
            let missing: Vec<String> = gaps
                .iter()
                .filter_map(|g| match g {
                    Gap::Missing(k) => Some(label(*k)),
                    _ => None,
                })
                .collect();
            let mut parts: Vec<String> = gaps
                .iter()
                .filter_map(|g| match g {
                    Gap::Invalid {
                        criterion,
                        value,
                        reason,
                    } => Some(format!("{} value '{value}': {reason}", label(*criterion))),
                    Gap::NothingWeighted => Some("no weighted criterion has a score".into()),
                    Gap::Missing(_) => None,
                })
                .collect();
            if !missing.is_empty() {
                parts.insert(0, format!("missing {}", missing.join(", ")));
            }
            parts.join("; ")
        }
        Status::Selected | Status::Shortlisted | Status::NotSelected => String::new(),
    }
}

/// `exam desc`: how a tie-breaker is named in messages.
pub fn tie_breaker_label(scheme: &Scheme, index: usize) -> String {
    let Some(breaker) = scheme.tie_breakers.get(index) else {
        return String::new();
    };
    let what = match &breaker.key {
        TieKey::Criterion(key) => scheme
            .criterion(key)
            .map_or_else(|| key.clone(), criterion_label),
        TieKey::Field(name) => name.clone(),
    };
    let order = if breaker.descending { "desc" } else { "asc" };
    format!("{what} {order}")
}

/// A published total, or `—` for the unranked.
pub fn total_text(cents: Option<i64>) -> String {
    cents.map_or_else(|| "—".into(), format_cents)
}
