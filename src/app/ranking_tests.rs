//! UI flows of the ranking view, the explanation and the Charts tab, driven by label
//! through egui_kittest (see `testing`). Expectations come from the engine run on the
//! same data, never from the UI itself.

use eframe::egui::accesskit::Role;
use eframe::egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

use crate::scoring::describe::{Lang, criterion_name, total_text};
use crate::scoring::evaluate;
use crate::scoring::explain::compare_exact;
use crate::scoring::{Prepared, Weights};

use super::testing::{harness, ranked_ids};

type H = egui_kittest::Harness<'static, super::MeritApp>;

/// The name of the ranked person at `rank` (1-based) of the first post.
fn name_at(h: &H, rank: usize) -> String {
    let app = h.state();
    let id = &ranked_ids(app)[rank - 1];
    let p = &app.doc.project;
    p.people[p.person_index(id).unwrap()].name.clone()
}

fn set_exam_group_weight(h: &mut H, weight: &str) {
    h.get_by_label("Criteria & weights").click();
    h.run_steps(2);
    h.get_by_role_and_label(Role::TextInput, "Exam").focus();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(Role::TextInput, "Exam")
        .type_text(weight);
    h.key_press(Key::Enter);
    h.run_steps(3);
}

#[test]
fn a_weight_change_reorders_the_ranking_view_and_marks_who_moved() {
    let mut h = harness(Lang::En);
    h.get_by_label("Ranking").click();
    h.run_steps(2);
    let before = ranked_ids(h.state());
    // The engine's answer for the exam group at 5 (30 before): the new leader.
    let mut project = h.state().doc.project.clone();
    project.scheme.groups[0].weight = 5.0;
    let expected = evaluate(&project);
    let row = expected.posts[0].rows[0].clone();
    let leader = project.people[row.person].clone();
    assert_ne!(before[0], leader.id, "the test needs a change at the top");
    let old_rank = before.iter().position(|id| *id == leader.id).unwrap() + 1;

    set_exam_group_weight(&mut h, "5");
    h.get_by_label("Ranking").click();
    h.run_steps(2);
    assert_eq!(name_at(&h, 1), leader.name);
    // On screen: the leader's row is the top row of the table, above the old leader.
    let old_leader = h.state().doc.project.people
        [h.state().doc.project.person_index(&before[0]).unwrap()]
    .name
    .clone();
    let top = h.get_by_label(&leader.name).rect().top();
    assert!(top < h.get_by_label(&old_leader).rect().top());
    let total = total_text(row.cents);
    assert!(
        h.get_all_by_label(&total)
            .any(|n| (n.rect().top() - top).abs() < 4.0),
        "{total} is not on the top row"
    );
    // And it is marked as having moved up to first.
    let marker = format!("↑{}", old_rank - 1);
    assert!(
        !h.get_all_by_label(&marker).collect::<Vec<_>>().is_empty(),
        "no {marker} marker"
    );
}

#[test]
fn two_people_picked_are_explained_exactly() {
    let mut h = harness(Lang::En);
    let (first, second) = (name_at(&h, 1), name_at(&h, 2));
    // Click the second, then Ctrl+click the first: "why is the first above the second".
    h.get_by_label(&second).click();
    h.run_steps(2);
    h.get_by_label(&format!("Explanation: {second}"));
    h.get_by_label(&first).click_modifiers(Modifiers::COMMAND);
    h.run_steps(2);
    h.get_by_label(&format!("Why {first} is above {second}"));

    // The engine's exact decomposition of the same two rows.
    let app = h.state();
    let project = &app.doc.project;
    let post = &app.doc.evaluation().posts[0];
    let (a, b) = (&post.rows[0], &post.rows[1]);
    let prepared = Prepared::new(project);
    let d = compare_exact(
        &prepared,
        &Weights::from_scheme(&project.scheme),
        post,
        a,
        b,
    )
    .unwrap();
    let criteria: Vec<_> = project.scheme.criteria().collect();
    let biggest = criterion_name(criteria[d.parts[0].criterion], Lang::En).to_string();

    let words = h.get_by_label_contains("points above");
    let text = words.value().unwrap_or_default();
    assert!(
        text.contains(&format!("The biggest difference is {biggest}")),
        "{text}"
    );
    // The difference in words is the difference of the totals shown in the table.
    let (ta, tb) = (total_text(a.cents), total_text(b.cents));
    h.get_by_label(&ta);
    h.get_by_label(&tb);
    let shown = |s: &str| (s.parse::<f64>().unwrap() * 100.0).round() as i64;
    let diff = crate::scoring::number::format_cents(shown(&ta) - shown(&tb));
    assert!(
        text.starts_with(&format!("{first} is {diff} points above {second}")),
        "{text}"
    );
}

#[test]
fn compare_with_button_picks_the_second_person_in_chinese() {
    let mut h = harness(Lang::Zh);
    let (first, third) = (name_at(&h, 1), name_at(&h, 3));
    h.get_by_label(&first).click();
    h.run_steps(2);
    h.get_by_label("与…比较").click();
    h.run_steps(2);
    h.get_by_label(&third).click();
    h.run_steps(2);
    h.get_by_label(&format!("为什么 {first} 排在 {third} 之前"));
    h.get_by_label_contains("差距最大的是");
    h.get_by_label("清除").click();
    h.run_steps(2);
    assert!(h.query_by_label_contains("差距最大的是").is_none());
}

#[test]
fn the_charts_view_shows_values_on_hover_and_exports_what_merit_chart_writes() {
    let mut h = harness(Lang::En);
    h.get_by_label("Charts").click();
    h.run_steps(3);
    // Hover a bar of the totals chart: the tooltip gives that person's exact total.
    let below = h.get_by_label("Export PNG…").rect().bottom();
    h.hover_at(eframe::egui::pos2(500.0, below + 100.0));
    h.run_steps(3);
    let tip = h
        .get_by_label_contains("\ntotal ")
        .value()
        .unwrap_or_default();
    // The person is found by name; the rank shown must be the engine's rank of that
    // person (not the bar's position, which differs after a tie).
    let name = tip[tip.find(' ').unwrap() + 1..tip.find('\n').unwrap()].to_string();
    let app = h.state();
    let people = &app.doc.project.people;
    let row = app.doc.evaluation().posts[0]
        .rows
        .iter()
        .find(|r| people[r.person].name == name)
        .unwrap();
    let rank = row.rank.unwrap();
    let selected = match row.status {
        crate::scoring::Status::Selected => "selected",
        crate::scoring::Status::Shortlisted => "shortlisted",
        _ => "other",
    };
    assert_eq!(
        tip,
        format!(
            "#{rank} {name}\ntotal {} ({selected})",
            total_text(row.cents)
        )
    );

    h.get_by_label("Histogram").click();
    h.run_steps(3);
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("hist.svg");
    h.state_mut().export_chart(&svg);
    h.run_steps(2);
    h.get_by_label_contains("Chart exported to");
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.starts_with("<svg"));
    assert!(text.contains("Written exam distribution") && text.contains("gate ≥ 60"));
    let png = dir.path().join("hist.png");
    h.state_mut().export_chart(&png);
    let bytes = std::fs::read(&png).unwrap();
    assert!(bytes.starts_with(b"\x89PNG") && bytes.len() > 5_000);
}

#[test]
fn a_staged_project_shows_each_stage_and_who_left_where() {
    let mut h = harness(Lang::En);
    let text = include_str!("../../data-samples/staged.ron");
    let project =
        crate::io::project_file::from_ron_str(text, std::path::Path::new("staged.ron")).unwrap();
    h.state_mut().doc = super::Document::new(project, None, "staged.ron".into());
    h.run_steps(3);
    // Opens on the last stage; the first shows the exam gate failure.
    h.get_by_label("3. Assessment");
    h.get_by_label("1. Written exam").click();
    h.run_steps(2);
    h.get_by_label_contains("Written exam 57.5 fails the gate ≥ 60");
    h.get_by_label("2. Interview").click();
    h.run_steps(2);
    h.get_by_label("Composite");
    let out = h
        .query_all_by_label_contains("out at 'Written exam'")
        .count();
    assert!(out >= 1);

    // The last stage ranks on the composite (30/50/20 of the three stage totals): the
    // comparison of its first two decomposes the composite by stage, exactly.
    h.get_by_label("3. Assessment").click();
    h.run_steps(2);
    let (first, second, shown) = {
        let app = h.state();
        let staged = crate::scoring::stages::evaluate_stages(&app.doc.project);
        let post = &staged.stages[2].posts[0];
        let name = |i: usize| app.doc.project.people[post.rows[i].person].name.clone();
        let cents = |p: usize| -> Vec<Option<i64>> {
            let at = |s: &crate::scoring::stages::StageEvaluation| {
                s.posts[0].rows.iter().find(|r| r.person == p)?.cents
            };
            staged.stages.iter().map(at).collect()
        };
        let d = crate::scoring::explain::compare_composite(
            &[30.0, 50.0, 20.0],
            &cents(post.rows[0].person),
            &cents(post.rows[1].person),
        )
        .unwrap();
        let shown = post.rows[0].composite.unwrap() - post.rows[1].composite.unwrap();
        assert_eq!(d.published_cents, shown);
        assert_eq!(d.parts.iter().map(|p| p.cents).sum::<i64>(), shown);
        (name(0), name(1), shown)
    };
    h.get_by_label(&second).click();
    h.run_steps(2);
    h.get_by_label(&first).click_modifiers(Modifiers::COMMAND);
    h.run_steps(2);
    h.get_by_label(&format!("Why {first} is above {second}"));
    let words = h
        .get_by_label_contains("points above")
        .value()
        .unwrap_or_default();
    let diff = crate::scoring::number::format_cents(shown);
    assert!(
        words.starts_with(&format!("{first} is {diff} points above {second}")),
        "{words}"
    );
    for stage in ["Written exam", "Interview", "Assessment"] {
        assert!(words.contains(stage), "{words}");
    }
}

#[test]
fn dragging_a_weight_re_ranks_live_and_releasing_applies_it() {
    let mut h = harness(Lang::En);
    h.get_by_label("Criteria & weights").click();
    h.run_steps(2);
    let before = ranked_ids(h.state());
    // The first slider is the exam group's (30 of 0..100): drag it to the far left.
    let slider = h.get_all_by_role(Role::Slider).next().unwrap().rect();
    let y = slider.center().y;
    let start = egui_x_of(slider, 30.0);
    h.drag_at(eframe::egui::pos2(start, y));
    h.run_steps(1);
    for x in [start - 10.0, start - 20.0, slider.left() - 20.0] {
        h.hover_at(eframe::egui::pos2(x, y));
        h.run_steps(1);
    }
    // While dragging: a draft, the project untouched, the preview re-ranked and marked.
    let app = h.state();
    assert!(app.doc.draft.is_some());
    assert_eq!(app.doc.project.scheme.groups[0].weight, 30.0);
    let live = ranked_ids(app);
    assert_ne!(live, before);
    let mut project = app.doc.project.clone();
    project.scheme.groups[0].weight = 0.0;
    let expected: Vec<String> = evaluate(&project).posts[0]
        .rows
        .iter()
        .filter(|r| r.rank.is_some())
        .map(|r| project.people[r.person].id.clone())
        .collect();
    assert_eq!(
        live, expected,
        "the live order is the order at exam weight 0"
    );
    let moved_up = before.iter().position(|id| *id == live[0]).unwrap();
    assert!(
        h.query_all_by_label(&format!("↑{moved_up}")).count() >= 1,
        "the new leader is marked ↑{moved_up} in the preview"
    );
    h.drop_at(eframe::egui::pos2(slider.left() - 20.0, y));
    h.run_steps(3);
    let app = h.state();
    assert!(app.doc.draft.is_none());
    assert_eq!(app.doc.project.scheme.groups[0].weight, 0.0);
    assert_eq!(
        app.doc.project.audit.len(),
        1,
        "one audited change for the whole drag"
    );
}

/// The x of `value` on a 0..100 slider drawn in `rect` (the handle's travel is inset).
fn egui_x_of(rect: eframe::egui::Rect, value: f32) -> f32 {
    let inset = rect.height() / 2.0;
    rect.left() + inset + (rect.width() - 2.0 * inset) * value / 100.0
}
