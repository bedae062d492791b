//! `apply` and `History` without egui, with hand-checked outcomes.

use std::path::Path;

use super::*;
use crate::io::import::{ImportKind, plan_import};
use crate::model::Post;

fn meta() -> Meta {
    Meta {
        operator: "王科长".into(),
        time: "2026-11-27 01:00:00".into(),
    }
}

fn sample() -> Project {
    crate::io::project_file::from_ron_str(crate::app::SAMPLE_RON, Path::new("sample.ron")).unwrap()
}

fn score(p: &Project, id: &str, key: &str) -> Option<Value> {
    p.people[p.person_index(id).unwrap()]
        .scores
        .get(key)
        .cloned()
}

#[test]
fn a_score_outside_the_scale_is_refused_and_nothing_changes() {
    let mut p = sample();
    let before = p.clone();
    let id = p.people[0].id.clone();
    let err = apply(
        &mut p,
        Action::SetScore {
            person: id.clone(),
            criterion: "exam".into(),
            value: Some(Value::Number(120.0)),
        },
        &meta(),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("{id} / exam: '120' refused: outside the scale 0–100")
    );
    assert_eq!(p, before);
}

#[test]
fn set_score_audits_old_and_new_and_its_inverse_restores() {
    let mut p = sample();
    let id = p.people[0].id.clone();
    let old = score(&p, &id, "exam");
    assert_eq!(old, Some(Value::Number(79.9)));
    let applied = apply(
        &mut p,
        Action::SetScore {
            person: id.clone(),
            criterion: "exam".into(),
            value: Some(Value::Number(88.5)),
        },
        &meta(),
    )
    .unwrap();
    assert_eq!(score(&p, &id, "exam"), Some(Value::Number(88.5)));
    let e = p.audit.last().unwrap();
    assert_eq!(
        (
            e.operator.as_str(),
            e.action.as_str(),
            e.old.as_str(),
            e.new.as_str()
        ),
        ("王科长", "score", "79.9", "88.5")
    );
    assert_eq!(e.target, format!("{id} / exam"));
    apply(&mut p, applied.inverse, &meta()).unwrap();
    assert_eq!(score(&p, &id, "exam"), old);
    assert_eq!(p.audit.len(), 2);
}

#[test]
fn history_undoes_and_redoes_weights_and_people() {
    let mut p = sample();
    let original = p.clone();
    let mut h = History::default();
    let w = Action::SetWeight {
        criterion: "exam".into(),
        weight: 50.0,
    };
    h.apply(&mut p, w, "weight".into(), &meta()).unwrap();
    let id = p.people[3].id.clone();
    h.apply(
        &mut p,
        Action::DeletePerson { id: id.clone() },
        "delete".into(),
        &meta(),
    )
    .unwrap();
    assert!(p.person_index(&id).is_none());
    assert!(p.ratings.iter().all(|r| r.person != id));
    assert_eq!(h.undo(&mut p, &meta()).unwrap().unwrap(), "delete");
    assert_eq!(h.undo(&mut p, &meta()).unwrap().unwrap(), "weight");
    assert!(h.undo(&mut p, &meta()).is_none());
    let strip = |p: &Project| Project {
        audit: Vec::new(),
        ..p.clone()
    };
    assert_eq!(strip(&p), strip(&original));
    h.redo(&mut p, &meta()).unwrap().unwrap();
    assert_eq!(p.scheme.criterion("exam").unwrap().weight, 50.0);
    h.redo(&mut p, &meta()).unwrap().unwrap();
    assert!(p.person_index(&id).is_none());
    // Four changes applied, four audited.
    assert_eq!(p.audit.len(), 6);
}

#[test]
fn negative_weights_and_unsound_schemes_are_refused() {
    let mut p = sample();
    let w = Action::SetWeight {
        criterion: "exam".into(),
        weight: -1.0,
    };
    assert_eq!(
        apply(&mut p, w, &meta()).unwrap_err(),
        EditError::BadWeight(-1.0)
    );
    let mut scheme = p.scheme.clone();
    scheme.groups.clear();
    let err = apply(&mut p, Action::SetScheme(Box::new(scheme)), &meta()).unwrap_err();
    assert!(matches!(err, EditError::BadScheme(_)), "{err}");
    assert!(p.audit.is_empty());
}

#[test]
fn people_are_added_edited_with_their_ratings_and_ids_stay_unique() {
    let mut p = sample();
    let taken = p.people[0].clone();
    let err = apply(&mut p, Action::AddPerson(Box::new(taken.clone())), &meta()).unwrap_err();
    assert_eq!(err, EditError::BadId(taken.id.clone()));
    let rated = p.ratings[0].person.clone();
    let mut renamed = p.people[p.person_index(&rated).unwrap()].clone();
    renamed.id = "X1".into();
    renamed.extra.insert("性别", "女".into());
    let applied = apply(
        &mut p,
        Action::EditPerson {
            id: rated.clone(),
            person: Box::new(renamed),
        },
        &meta(),
    )
    .unwrap();
    assert!(p.ratings.iter().any(|r| r.person == "X1"));
    assert!(p.ratings.iter().all(|r| r.person != rated));
    apply(&mut p, applied.inverse, &meta()).unwrap();
    assert!(p.ratings.iter().all(|r| r.person != "X1"));
    assert!(p.person_index(&rated).is_some());
}

#[test]
fn posts_are_set_and_a_post_with_applicants_is_kept() {
    let mut p = sample();
    let busy = p.posts[0].id.clone();
    let err = apply(&mut p, Action::DeletePost { id: busy.clone() }, &meta()).unwrap_err();
    assert!(matches!(err, EditError::BadPost { .. }), "{err}");
    let post = Post {
        id: "新岗位".into(),
        openings: 2,
        shortlist_ratio: 3.0,
        ..Post::default()
    };
    let applied = apply(&mut p, Action::SetPost(post), &meta()).unwrap();
    assert_eq!(p.post("新岗位").unwrap().shortlist_size(), 6);
    apply(&mut p, applied.inverse, &meta()).unwrap();
    assert!(p.post("新岗位").is_none());
}

#[test]
fn an_import_is_one_undoable_action() {
    let mut p = sample();
    let before = p.people.len();
    let csv = "准考证号,姓名,笔试成绩\nN1,新人甲,70\nN2,新人乙,81.5\n";
    let plan = plan_import(&p, csv.as_bytes(), ImportKind::People, Path::new("n.csv")).unwrap();
    let mut h = History::default();
    let action = Action::Import {
        plan: Box::new(plan),
        source: "n.csv".into(),
    };
    h.apply(&mut p, action, "import".into(), &meta()).unwrap();
    assert_eq!(p.people.len(), before + 2);
    assert_eq!(score(&p, "N2", "exam"), Some(Value::Number(81.5)));
    assert_eq!(p.audit.last().unwrap().action, "import");
    h.undo(&mut p, &meta()).unwrap().unwrap();
    assert_eq!(p.people.len(), before);
    h.redo(&mut p, &meta()).unwrap().unwrap();
    assert_eq!(p.people.len(), before + 2);
}

#[test]
fn an_import_with_problems_is_refused() {
    let mut p = sample();
    let csv = "准考证号,姓名,笔试成绩\nN1,新人甲,170\n";
    let plan = plan_import(&p, csv.as_bytes(), ImportKind::People, Path::new("n.csv")).unwrap();
    let before = p.clone();
    let action = Action::Import {
        plan: Box::new(plan),
        source: "n.csv".into(),
    };
    assert_eq!(
        apply(&mut p, action, &meta()).unwrap_err(),
        EditError::ImportHasProblems(1)
    );
    assert_eq!(p, before);
}

#[test]
fn the_audit_csv_neutralizes_formulas_and_quotes() {
    let entries = vec![AuditEntry {
        time: "t".into(),
        operator: "=cmd".into(),
        action: "score".into(),
        target: "a, b".into(),
        old: String::new(),
        new: "1".into(),
    }];
    assert_eq!(
        audit_csv(&entries),
        "\u{feff}time,operator,action,target,old,new\r\nt,'=cmd,score,\"a, b\",,1\r\n"
    );
}

#[test]
fn typed_text_parses_to_values() {
    assert_eq!(parse_value(" 81.5 "), Some(Value::Number(81.5)));
    assert_eq!(parse_value("优秀"), Some(Value::Category("优秀".into())));
    assert_eq!(parse_value("  "), None);
}

#[test]
fn a_project_with_an_audit_log_round_trips_and_old_files_load() {
    let mut p = sample();
    assert!(p.audit.is_empty());
    let w = Action::SetWeight {
        criterion: "exam".into(),
        weight: 40.0,
    };
    apply(&mut p, w, &meta()).unwrap();
    let text = crate::io::project_file::to_ron_string(&p).unwrap();
    let back = crate::io::project_file::from_ron_str(&text, Path::new("x.ron")).unwrap();
    assert_eq!(back, p);
}

#[test]
fn a_rater_score_is_replaced_validated_and_undone() {
    let mut p = sample();
    let r = p.ratings[0].clone();
    let set = |value: Option<Value>| Action::SetRating {
        person: r.person.clone(),
        criterion: r.criterion.clone(),
        rater: r.rater.clone(),
        group: String::new(),
        value,
    };
    let err = apply(&mut p, set(Some(Value::Number(101.0))), &meta()).unwrap_err();
    assert!(matches!(err, EditError::Invalid { .. }), "{err}");
    let applied = apply(&mut p, set(Some(Value::Number(66.0))), &meta()).unwrap();
    assert_eq!(p.ratings[0].value, Value::Number(66.0));
    assert_eq!(p.ratings[0].group, r.group, "the group is kept");
    apply(&mut p, applied.inverse, &meta()).unwrap();
    assert_eq!(p.ratings[0], r);
    let removed = apply(&mut p, set(None), &meta()).unwrap();
    assert_eq!(p.ratings.len(), 623);
    apply(&mut p, removed.inverse, &meta()).unwrap();
    assert_eq!(p.ratings.len(), 624);
    assert!(p.ratings.contains(&r));
}
