//! The actions and how each one changes a project and is undone.

use crate::io::import::ImportPlan;
use crate::model::{Person, Post, Project, Rating, Scheme, Value};

use super::{EditError, check_score, person_text};

/// The records part of a project, kept whole to undo the changes that touch many of them
/// at once (an import, a deletion).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Data {
    /// All people.
    pub people: Vec<Person>,
    /// All posts.
    pub posts: Vec<Post>,
    /// All ratings.
    pub ratings: Vec<Rating>,
}

/// One change a user can make to a project.
#[derive(Debug, Clone)]
pub enum Action {
    /// Sets (or with `None` clears) a person's direct score on a criterion.
    SetScore {
        /// The person's id.
        person: String,
        /// The criterion's key.
        criterion: String,
        /// The new value.
        value: Option<Value>,
    },
    /// Sets (or with `None` removes) one rater's score of a person on a criterion.
    SetRating {
        /// The person's id.
        person: String,
        /// The criterion's key.
        criterion: String,
        /// The rater.
        rater: String,
        /// The rater's group (kept from the existing rating when replacing).
        group: String,
        /// The new value.
        value: Option<Value>,
    },
    /// Sets the weight of a criterion inside its group.
    SetWeight {
        /// The criterion's key.
        criterion: String,
        /// The new weight (non-negative).
        weight: f64,
    },
    /// Sets the weight of a group (by position).
    SetGroupWeight {
        /// Index in `Scheme::groups`.
        group: usize,
        /// The new weight (non-negative).
        weight: f64,
    },
    /// Replaces the whole scheme (scales, gates, policies, tie-breakers, …).
    SetScheme(Box<Scheme>),
    /// Appends a new person.
    AddPerson(Box<Person>),
    /// Replaces the person with id `id` (the id may change; ratings follow it).
    EditPerson {
        /// The current id.
        id: String,
        /// The new version.
        person: Box<Person>,
    },
    /// Deletes a person and their ratings.
    DeletePerson {
        /// The person's id.
        id: String,
    },
    /// Adds a post, or replaces the one with the same id.
    SetPost(Post),
    /// Removes a post nobody applies for.
    DeletePost {
        /// The post id.
        id: String,
    },
    /// Sets the project title.
    SetTitle(String),
    /// Applies a confirmed import plan.
    Import {
        /// The plan the user saw.
        plan: Box<ImportPlan>,
        /// The file it came from, for the audit log.
        source: String,
    },
    /// Puts people, posts and ratings back as they were (the inverse of bulk changes).
    Restore {
        /// What to put back.
        data: Box<Data>,
        /// What is restored, for the audit log (`import …`).
        what: String,
    },
}

/// What an action changed, for the audit entry.
pub(super) struct Change {
    pub action: &'static str,
    pub target: String,
    pub old: String,
    pub new: String,
}

fn change(action: &'static str, target: String, old: String, new: String) -> Change {
    Change {
        action,
        target,
        old,
        new,
    }
}

fn take_data(project: &mut Project) -> Data {
    Data {
        people: project.people.clone(),
        posts: project.posts.clone(),
        ratings: project.ratings.clone(),
    }
}

fn text_of(value: Option<&Value>) -> String {
    value.map(Value::to_string).unwrap_or_default()
}

/// The result of one action: its inverse and what changed.
type Outcome = Result<(Action, Change), EditError>;

/// Validates and runs `action`, returning its inverse and what changed.
pub(super) fn run(project: &mut Project, action: Action) -> Outcome {
    match action {
        Action::SetScore {
            person,
            criterion,
            value,
        } => set_score(project, person, criterion, value),
        Action::SetRating {
            person,
            criterion,
            rater,
            group,
            value,
        } => {
            let value = value.unwrap_or(Value::Number(f64::NAN));
            let rating = Rating {
                person,
                criterion,
                rater,
                group,
                value,
            };
            set_rating(project, rating)
        }
        Action::SetWeight { criterion, weight } => set_weight(project, criterion, weight),
        Action::SetGroupWeight { group, weight } => set_group_weight(project, group, weight),
        Action::SetScheme(scheme) => set_scheme(project, *scheme),
        Action::AddPerson(person) => add_person(project, *person),
        Action::EditPerson { id, person } => edit_person(project, id, *person),
        Action::DeletePerson { id } => delete_person(project, id),
        Action::SetPost(post) => set_post(project, post),
        Action::DeletePost { id } => delete_post(project, id),
        Action::SetTitle(title) => {
            let old = std::mem::replace(&mut project.title, title.clone());
            let what = change("title", String::new(), old.clone(), title);
            Ok((Action::SetTitle(old), what))
        }
        Action::Import { plan, source } => import(project, &plan, source),
        Action::Restore { data, what } => restore(project, *data, what),
    }
}

fn set_group_weight(project: &mut Project, group: usize, weight: f64) -> Outcome {
    if !(weight.is_finite() && weight >= 0.0) {
        return Err(EditError::BadWeight(weight));
    }
    let g = project
        .scheme
        .groups
        .get_mut(group)
        .ok_or(EditError::NoSuchGroup(group))?;
    let old = std::mem::replace(&mut g.weight, weight);
    let target = g.name.clone();
    let inverse = Action::SetGroupWeight { group, weight: old };
    let what = change("weight", target, old.to_string(), weight.to_string());
    Ok((inverse, what))
}

fn set_scheme(project: &mut Project, scheme: Scheme) -> Outcome {
    let problems = scheme.problems();
    if !problems.is_empty() {
        return Err(EditError::BadScheme(problems.join("; ")));
    }
    let name = scheme.name.clone();
    let old = std::mem::replace(&mut project.scheme, scheme);
    let (before, after) = describe_scheme_change(&old, &project.scheme);
    let what = change("scheme", name, before, after);
    Ok((Action::SetScheme(Box::new(old)), what))
}

fn delete_person(project: &mut Project, id: String) -> Outcome {
    let i = project
        .person_index(&id)
        .ok_or_else(|| EditError::NoSuchPerson(id.clone()))?;
    let data = take_data(project);
    let removed = project.people.remove(i);
    project.ratings.retain(|r| r.person != id);
    let inverse = Action::Restore {
        data: Box::new(data),
        what: format!("person {id}"),
    };
    Ok((
        inverse,
        change("person", id, person_text(&removed), "".into()),
    ))
}

fn delete_post(project: &mut Project, id: String) -> Outcome {
    let i = project
        .posts
        .iter()
        .position(|p| p.id == id)
        .ok_or_else(|| EditError::NoSuchPost(id.clone()))?;
    let applying = project
        .people
        .iter()
        .filter(|p| p.post.as_deref() == Some(&id))
        .count();
    if applying > 0 {
        let reason = format!("{applying} people apply for it");
        return Err(EditError::BadPost { id, reason });
    }
    let removed = project.posts.remove(i);
    let old = post_text(&removed);
    Ok((Action::SetPost(removed), change("post", id, old, "".into())))
}

fn import(project: &mut Project, plan: &ImportPlan, source: String) -> Outcome {
    if !plan.problems.is_empty() {
        return Err(EditError::ImportHasProblems(plan.problems.len()));
    }
    let data = take_data(project);
    plan.apply(project);
    let summary = plan.summary();
    let inverse = Action::Restore {
        data: Box::new(data),
        what: format!("import {source}"),
    };
    Ok((inverse, change("import", source, String::new(), summary)))
}

fn restore(project: &mut Project, data: Data, what: String) -> Outcome {
    let before = take_data(project);
    let counts = |d: &Data| format!("{} people, {} ratings", d.people.len(), d.ratings.len());
    let (old, new) = (counts(&before), counts(&data));
    project.people = data.people;
    project.posts = data.posts;
    project.ratings = data.ratings;
    let inverse = Action::Restore {
        data: Box::new(before),
        what: what.clone(),
    };
    Ok((inverse, change("restore", what, old, new)))
}

fn set_score(
    project: &mut Project,
    person: String,
    criterion: String,
    value: Option<Value>,
) -> Result<(Action, Change), EditError> {
    check_score(project, &person, &criterion, value.as_ref())?;
    let i = project
        .person_index(&person)
        .ok_or_else(|| EditError::NoSuchPerson(person.clone()))?;
    let scores = &mut project.people[i].scores;
    let old = match &value {
        Some(v) => scores.insert(criterion.clone(), v.clone()),
        None => scores.remove(&criterion),
    };
    let what = change(
        "score",
        format!("{person} / {criterion}"),
        text_of(old.as_ref()),
        text_of(value.as_ref()),
    );
    let inverse = Action::SetScore {
        person,
        criterion,
        value: old,
    };
    Ok((inverse, what))
}

/// A rating whose value is NaN stands for "remove it".
fn set_rating(project: &mut Project, mut rating: Rating) -> Result<(Action, Change), EditError> {
    let remove = matches!(rating.value, Value::Number(x) if x.is_nan());
    let value = (!remove).then_some(&rating.value);
    check_score(project, &rating.person, &rating.criterion, value)?;
    let at = project.ratings.iter().position(|r| {
        r.person == rating.person && r.criterion == rating.criterion && r.rater == rating.rater
    });
    if let Some(i) = at
        && rating.group.is_empty()
    {
        rating.group.clone_from(&project.ratings[i].group);
    }
    let target = format!(
        "{} / {} / {}",
        rating.person, rating.criterion, rating.rater
    );
    let new = value.map(Value::to_string).unwrap_or_default();
    let old = match (at, remove) {
        (Some(i), true) => Some(project.ratings.remove(i)),
        (Some(i), false) => Some(std::mem::replace(&mut project.ratings[i], rating.clone())),
        (None, false) => {
            project.ratings.push(rating.clone());
            None
        }
        (None, true) => None,
    };
    let old_text = text_of(old.as_ref().map(|r| &r.value));
    let inverse = Action::SetRating {
        person: rating.person,
        criterion: rating.criterion,
        rater: rating.rater,
        group: old.as_ref().map_or(rating.group, |r| r.group.clone()),
        value: old.map(|r| r.value),
    };
    Ok((inverse, change("rating", target, old_text, new)))
}

fn set_weight(
    project: &mut Project,
    criterion: String,
    weight: f64,
) -> Result<(Action, Change), EditError> {
    if !(weight.is_finite() && weight >= 0.0) {
        return Err(EditError::BadWeight(weight));
    }
    let old = project
        .scheme
        .criterion(&criterion)
        .map(|c| c.weight)
        .ok_or_else(|| EditError::NoSuchCriterion(criterion.clone()))?;
    project.scheme.set_weight(&criterion, weight);
    let what = change(
        "weight",
        criterion.clone(),
        old.to_string(),
        weight.to_string(),
    );
    Ok((
        Action::SetWeight {
            criterion,
            weight: old,
        },
        what,
    ))
}

fn add_person(project: &mut Project, person: Person) -> Result<(Action, Change), EditError> {
    if person.id.trim().is_empty() || project.person_index(&person.id).is_some() {
        return Err(EditError::BadId(person.id));
    }
    check_scores(project, &person)?;
    let id = person.id.clone();
    let new = person_text(&person);
    project.people.push(person);
    Ok((
        Action::DeletePerson { id: id.clone() },
        change("person", id, String::new(), new),
    ))
}

fn edit_person(
    project: &mut Project,
    id: String,
    person: Person,
) -> Result<(Action, Change), EditError> {
    let i = project
        .person_index(&id)
        .ok_or_else(|| EditError::NoSuchPerson(id.clone()))?;
    let clash = project.person_index(&person.id).is_some_and(|j| j != i);
    if person.id.trim().is_empty() || clash {
        return Err(EditError::BadId(person.id));
    }
    check_scores(project, &person)?;
    let new_id = person.id.clone();
    let new = person_text(&person);
    let old_person = std::mem::replace(&mut project.people[i], person);
    if new_id != id {
        for r in project.ratings.iter_mut().filter(|r| r.person == id) {
            r.person.clone_from(&new_id);
        }
    }
    let old = person_text(&old_person);
    let inverse = Action::EditPerson {
        id: new_id,
        person: Box::new(old_person),
    };
    Ok((inverse, change("person", id, old, new)))
}

/// Every direct score of `person` must fit its criterion's scale.
fn check_scores(project: &Project, person: &Person) -> Result<(), EditError> {
    for (key, value) in &person.scores {
        let Some(spec) = project.scheme.criterion(key) else {
            continue; // scores of criteria not in the scheme are kept, unused
        };
        crate::scoring::raw::value_points(value, &spec.scale).map_err(|e| EditError::Invalid {
            person: person.id.clone(),
            criterion: key.to_string(),
            value: e.value,
            reason: e.reason,
        })?;
    }
    Ok(())
}

fn set_post(project: &mut Project, post: Post) -> Result<(Action, Change), EditError> {
    if post.id.trim().is_empty() {
        return Err(EditError::BadId(post.id));
    }
    if !(post.shortlist_ratio.is_finite() && post.shortlist_ratio >= 1.0) {
        let reason = format!("shortlist ratio {} is below 1", post.shortlist_ratio);
        return Err(EditError::BadPost {
            id: post.id,
            reason,
        });
    }
    let id = post.id.clone();
    let new = post_text(&post);
    match project.posts.iter().position(|p| p.id == post.id) {
        Some(i) => {
            let old = std::mem::replace(&mut project.posts[i], post);
            let old_text = post_text(&old);
            Ok((Action::SetPost(old), change("post", id, old_text, new)))
        }
        None => {
            project.posts.push(post);
            Ok((
                Action::DeletePost { id: id.clone() },
                change("post", id, String::new(), new),
            ))
        }
    }
}

fn post_text(post: &Post) -> String {
    format!(
        "{}: {} opening(s), 1:{}",
        post.display_name(),
        post.openings,
        post.shortlist_ratio
    )
}

/// Old and new text of a scheme change: the fields that differ, compactly.
fn describe_scheme_change(old: &Scheme, new: &Scheme) -> (String, String) {
    let a = ron::to_string(old).unwrap_or_default();
    let b = ron::to_string(new).unwrap_or_default();
    // The common prefix and suffix say nothing; show the part that changed.
    let prefix = a
        .char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i);
    let suffix = a[prefix..]
        .chars()
        .rev()
        .zip(b[prefix..].chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum::<usize>();
    let cut = |s: &str| {
        let end = s.len() - suffix.min(s.len() - prefix);
        let text = &s[prefix..end];
        text.chars().take(200).collect::<String>()
    };
    (cut(&a), cut(&b))
}
