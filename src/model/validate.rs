//! Checks that a scheme can be evaluated: what a user wrote in a scheme file or the
//! criteria panel, reported all at once in words they can act on.

use std::collections::BTreeSet;

use super::{Scale, Scheme, TieKey};

impl Scheme {
    /// Every problem that keeps this scheme from being used; empty when it is sound.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut keys = BTreeSet::new();
        if self.criteria().next().is_none() {
            problems.push("the scheme has no criteria".to_string());
        }
        for group in &self.groups {
            if !(group.weight.is_finite() && group.weight >= 0.0) {
                problems.push(format!(
                    "group '{}': weight {} is not a non-negative number",
                    group.name, group.weight
                ));
            }
        }
        for c in self.criteria() {
            let at = format!("criterion '{}'", c.key);
            if c.key.trim().is_empty() {
                problems.push(format!("a criterion named '{}' has an empty key", c.name));
            } else if !keys.insert(c.key.as_str()) {
                problems.push(format!("{at}: the key is used twice"));
            }
            if !(c.weight.is_finite() && c.weight >= 0.0) {
                problems.push(format!(
                    "{at}: weight {} is not a non-negative number",
                    c.weight
                ));
            }
            problems.extend(
                scale_problems(&c.scale)
                    .into_iter()
                    .map(|p| format!("{at}: {p}")),
            );
            if let Some(gate) = c.gate
                && !gate.value.is_finite()
            {
                problems.push(format!("{at}: the gate value is not a number"));
            }
        }
        if self.criteria().next().is_some() && !self.any_weight_counts() {
            problems.push("every weight is 0: nothing would count".to_string());
        }
        for g in &self.rater_groups {
            if !(g.weight.is_finite() && g.weight >= 0.0) {
                problems.push(format!(
                    "rater group '{}': weight {} is not a non-negative number",
                    g.group, g.weight
                ));
            }
        }
        for t in &self.tie_breakers {
            if let TieKey::Criterion(key) = &t.key
                && self.criterion(key).is_none()
            {
                problems.push(format!("tie-breaker: no criterion with key '{key}'"));
            }
        }
        problems
    }
}

fn scale_problems(scale: &Scale) -> Vec<String> {
    match scale {
        Scale::Numeric { lo, hi, .. } => {
            if !(lo.is_finite() && hi.is_finite()) {
                vec!["the scale bounds must be numbers".into()]
            } else if lo >= hi {
                vec![format!(
                    "the scale {lo}–{hi} is empty (lo must be below hi)"
                )]
            } else {
                Vec::new()
            }
        }
        Scale::Categorical { categories } => {
            let mut out = Vec::new();
            if categories.len() < 2 {
                out.push("a categorical scale needs at least two categories".into());
            }
            let mut seen = BTreeSet::new();
            for (label, points) in categories {
                if !seen.insert(label.as_str()) {
                    out.push(format!("category '{label}' is listed twice"));
                }
                if !points.is_finite() {
                    out.push(format!("category '{label}' has no numeric points"));
                }
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::*;

    #[test]
    fn default_scheme_is_sound() {
        assert_eq!(Scheme::default().problems(), Vec::<String>::new());
    }

    #[test]
    fn every_problem_is_reported() {
        let mut s = Scheme::default();
        s.groups[1].criteria[0].key = "exam".into();
        s.groups[1].criteria[1].weight = -1.0;
        s.groups[1].criteria[2].scale = Scale::Numeric {
            lo: 10.0,
            hi: 10.0,
            direction: Direction::HigherIsBetter,
        };
        s.tie_breakers.push(TieBreaker {
            key: TieKey::Criterion("nope".into()),
            descending: true,
        });
        let problems = s.problems();
        assert_eq!(problems.len(), 4, "{problems:#?}");
        assert!(problems[0].contains("used twice"));
        assert!(problems[1].contains("weight -1"));
        assert!(problems[2].contains("empty"));
        assert!(problems[3].contains("nope"));
    }
}
