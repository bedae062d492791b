//! Step 5 of a ballots import: what the marks add up to once the plan is applied.
//!
//! Everything here is counted over the marks the project will hold after the import,
//! not over the file alone, so that ballots imported in several files (a second batch of
//! raters, a re-import) give the same rates and void-ballot verdicts as one file would:
//!
//! - a person's marks on a ballot are their ratings on it (the file's in place of those
//!   with the same rater) plus their tally (the file's in place of the stored one), each
//!   counted ballot one mark; rate criteria ([`crate::model::RateOf`]) are counted from
//!   them, exactly as the ballot criterion's points are;
//! - a rater's ballot is every mark the rater gave on the ballot criterion: the file's and
//!   those already in the project for other people. Void-ballot rules judge the whole
//!   ballot; only the file's rows can be refused (stored marks were accepted before), and
//!   the reason says how many stored marks were counted.
//!
//! Never reads files, never changes the project: it fills the plan.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use crate::model::{Key, Person, Project, Rating, Scale, Value};

use crate::scoring::describe::tally_text;

use super::plan::{FieldChange, ImportPlan, PersonUpdate, Problem, rating_key};

/// One valid mark of the file: the row, person, ballot criterion key, rater, group, mark.
pub(super) struct Mark {
    pub row: usize,
    pub person: String,
    pub criterion: String,
    pub rater: String,
    pub group: String,
    pub mark: String,
}

/// One valid tally row: ballots per mark for (person, ballot criterion key).
pub(super) struct TallyRow {
    pub row: usize,
    pub person: String,
    pub ballot: String,
    pub counts: Vec<(String, u32)>,
}

/// One problem per file row of every void ballot, saying which rule and which rows.
pub(super) fn void_ballots(project: &Project, marks: &[Mark], column: &str) -> Vec<Problem> {
    let rules = &project.scheme.ballot_rules;
    if rules.is_empty() {
        return Vec::new();
    }
    let mut by_rater: BTreeMap<(&str, &str), Vec<&Mark>> = BTreeMap::new();
    for m in marks {
        by_rater
            .entry((&m.criterion, &m.rater))
            .or_default()
            .push(m);
    }
    let mut problems = Vec::new();
    for ((criterion, rater), ballot) in by_rater {
        let in_file: HashSet<&str> = ballot.iter().map(|m| m.person.as_str()).collect();
        let scale = project.scheme.criterion(criterion).map(|c| &c.scale);
        // The rater's marks already in the project, for people this file does not mark.
        let stored: Vec<String> = project
            .ratings
            .iter()
            .filter(|r| r.criterion == criterion && r.rater == rater)
            .filter(|r| !in_file.contains(r.person.as_str()))
            .filter_map(|r| scale.and_then(|s| label_of(&r.value, s)))
            .collect();
        let all: Vec<&str> = ballot
            .iter()
            .map(|m| m.mark.as_str())
            .chain(stored.iter().map(String::as_str))
            .collect();
        let Some(reason) = void_reason(rules, rater, &all) else {
            continue;
        };
        let rows: Vec<String> = ballot.iter().map(|m| m.row.to_string()).collect();
        let earlier = match stored.len() {
            0 => String::new(),
            1 => "; 1 mark already in the project".to_string(),
            n => format!("; {n} marks already in the project"),
        };
        let reason = format!("{reason} (rows {}{earlier})", rows.join(", "));
        problems.extend(ballot.iter().map(|m| Problem {
            row: m.row,
            column: column.to_string(),
            value: m.rater.clone(),
            reason: reason.clone(),
        }));
    }
    problems
}

/// Why the ballot `marks` of `rater` is void, if it is.
fn void_reason(rules: &crate::model::BallotRules, rater: &str, marks: &[&str]) -> Option<String> {
    let n = marks.len();
    if rules.same_mark_void && n >= 2 && marks.iter().all(|m| *m == marks[0]) {
        return Some(format!(
            "void ballot: rater {rater} gave all {n} candidates {}",
            marks[0]
        ));
    }
    rules.quotas.iter().find_map(|(category, share)| {
        let given = marks.iter().filter(|m| **m == category).count();
        (given as f64 > share * n as f64 + 1e-9).then(|| {
            format!(
                "void ballot: rater {rater} gave {given} of {n} candidates {category}, above the quota of {}%",
                share * 100.0
            )
        })
    })
}

/// The category label a stored value stands for on `scale`: the label itself, or the
/// first category with that many points (a ratings import may hold a number).
fn label_of(value: &Value, scale: &Scale) -> Option<String> {
    match (value, scale) {
        (Value::Category(label), _) => Some(label.trim().to_string()),
        (Value::Number(x), Scale::Categorical { categories }) => categories
            .iter()
            .find(|(_, points)| points == x)
            .map(|(label, _)| label.clone()),
        (Value::Number(_), Scale::Numeric { .. }) => None,
    }
}

/// Plans the people the file touches: each one's new tallies and the rates counted from
/// every mark they will have (`valid` are the file's valid marks, as ratings).
pub(super) fn person_updates(
    project: &Project,
    valid: &[Rating],
    tallies: &[TallyRow],
    plan: &mut ImportPlan,
) {
    let mut touched: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for r in valid {
        touched.entry(&r.person).or_default().insert(&r.criterion);
    }
    for t in tallies {
        touched.entry(&t.person).or_default().insert(&t.ballot);
    }
    if touched.is_empty() {
        return;
    }
    let after = ratings_after(project, valid, &touched);
    let file_tally: HashMap<(&str, &str), &TallyRow> = tallies
        .iter()
        .map(|t| ((t.person.as_str(), t.ballot.as_str()), t))
        .collect();
    for (person, ballots) in touched {
        let Some(old) = project.person_index(person).map(|i| &project.people[i]) else {
            continue;
        };
        let mut new = old.clone();
        for ballot in ballots {
            if let Some(t) = file_tally.get(&(person, ballot)) {
                new.tallies.insert(ballot, t.counts.clone());
            }
            let counts = marks_of(project, &new, ballot, after.get(&(person, ballot)));
            set_rates(project, &mut new, ballot, &counts);
        }
        let changes = changes(old, &new);
        if changes.is_empty() {
            plan.unchanged += 1;
        } else {
            plan.updated.push(PersonUpdate {
                id: new.id.clone(),
                changes,
            });
            plan.replacements.push(new);
        }
    }
}

/// Per touched (person, ballot): the ratings it will have once the plan is applied (the
/// project's, with the file's in place of those with the same key).
fn ratings_after<'a>(
    project: &'a Project,
    valid: &'a [Rating],
    touched: &BTreeMap<&str, BTreeSet<&str>>,
) -> HashMap<(&'a str, &'a str), Vec<&'a Rating>> {
    let is_touched = |r: &Rating| {
        touched
            .get(r.person.as_str())
            .is_some_and(|b| b.contains(r.criterion.as_str()))
    };
    let mut by_key: BTreeMap<(String, String, String), &Rating> = BTreeMap::new();
    for r in project.ratings.iter().filter(|r| is_touched(r)) {
        by_key.entry(rating_key(r)).or_insert(r);
    }
    for r in valid {
        by_key.insert(rating_key(r), r);
    }
    let mut after: HashMap<(&str, &str), Vec<&Rating>> = HashMap::new();
    for r in by_key.into_values() {
        after
            .entry((r.person.as_str(), r.criterion.as_str()))
            .or_default()
            .push(r);
    }
    after
}

/// How many marks of each label `person` has on `ballot`: `ratings`, then the tally.
fn marks_of(
    project: &Project,
    person: &Person,
    ballot: &str,
    ratings: Option<&Vec<&Rating>>,
) -> BTreeMap<String, u64> {
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    if let Some(scale) = project.scheme.criterion(ballot).map(|c| &c.scale) {
        for r in ratings.into_iter().flatten() {
            if let Some(label) = label_of(&r.value, scale) {
                *counts.entry(label).or_default() += 1;
            }
        }
    }
    for (label, n) in person.tallies.get(ballot).into_iter().flatten() {
        *counts.entry(label.clone()).or_default() += u64::from(*n);
    }
    counts
}

/// Sets each rate criterion on `ballot` from `counts`: count / over × 100. With no mark in
/// `over` the rate has nothing to be counted from, and an earlier value is removed.
fn set_rates(project: &Project, person: &mut Person, ballot: &str, counts: &BTreeMap<String, u64>) {
    for criterion in project.scheme.criteria() {
        let Some(rate) = criterion.rate.as_ref().filter(|r| r.ballot == ballot) else {
            continue;
        };
        let sum = |marks: &[String]| -> u64 {
            if marks.is_empty() {
                counts.values().sum()
            } else {
                marks.iter().filter_map(|m| counts.get(m)).sum()
            }
        };
        let (top, over) = (sum(&rate.count), sum(&rate.over));
        let key = Key::from(&criterion.key);
        if over > 0 {
            // One rounding (top × 100 is exact), and integers: never a `-0`.
            let value = top as f64 * 100.0 / over as f64;
            person.absent.remove(&key);
            person.scores.insert(key, Value::Number(value));
        } else {
            person.scores.remove(&key);
        }
    }
}

/// The fields of `old` that `new` changes: rates as `criterion:KEY`, tallies as
/// `tally:KEY` (`赞成 30, 不赞成 10`).
fn changes(old: &Person, new: &Person) -> Vec<FieldChange> {
    let mut changes = Vec::new();
    let text = |v: Option<&Value>| v.map(ToString::to_string).unwrap_or_default();
    let keys: BTreeSet<&Key> = old.scores.keys().chain(new.scores.keys()).collect();
    for key in keys {
        let (before, after) = (old.scores.get(key), new.scores.get(key));
        if before != after {
            changes.push(FieldChange {
                field: format!("criterion:{key}"),
                old: text(before),
                new: text(after),
            });
        }
    }
    for (key, tally) in &new.tallies {
        let before = old.tallies.get(key);
        if before != Some(tally) {
            changes.push(FieldChange {
                field: format!("tally:{key}"),
                old: before.map(|t| tally_text(t)).unwrap_or_default(),
                new: tally_text(tally),
            });
        }
    }
    changes
}
