//! The explanation side panel of the ranking: for the person picked (A), the contribution
//! of each criterion from 0 to the total, as a waterfall and in words; with a second person
//! (B), why the higher one is above the other: the difference of the published totals
//! decomposed exactly by criterion, largest first, as diverging bars and in words.

use eframe::egui;

use crate::model::Project;
use crate::scoring::describe::{Lang, total_text};
use crate::scoring::explain::{ExactDifference, contributions, published_parts};
use crate::scoring::{Evaluation, PostEvaluation, Row};

use super::explain_chart::{difference_ui, waterfall_ui};
use super::explain_words::{Framing, contribution_words, difference_words, signed_cents};
use super::i18n::{t, tf};
use super::ranking_table::Picked;

/// Who is explained and compared (indices into the project's people).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Selection {
    /// The person explained.
    pub a: Option<usize>,
    /// The person compared with.
    pub b: Option<usize>,
    /// The next click picks B ("compare with…").
    pub picking: bool,
    /// The ids of A and B, so a deletion that shifts indices cannot swap the person.
    ids: [Option<String>; 2],
}

impl Selection {
    /// Takes a click in the table: B when asked for (Ctrl+click or "compare with…"), else
    /// a new A.
    pub fn pick(&mut self, picked: Picked) {
        let as_b = (picked.second || self.picking) && self.a.is_some();
        if as_b && self.a != Some(picked.person) {
            self.b = Some(picked.person);
            self.ids[1] = None;
        } else if !as_b {
            self.a = Some(picked.person);
            self.b = None;
            self.ids = [None, None];
        }
        self.picking = false;
    }

    /// Keeps A and B on the same people after the project changed: an index that now
    /// holds someone else follows its person's id, and a deleted person is unselected.
    pub fn follow(&mut self, project: &Project) {
        for (slot, id) in [&mut self.a, &mut self.b].into_iter().zip(&mut self.ids) {
            let Some(index) = *slot else {
                *id = None;
                continue;
            };
            let holder = project.people.get(index).map(|p| p.id.as_str());
            match (id.as_deref(), holder) {
                (Some(want), Some(got)) if want == got => {}
                (None, Some(got)) => *id = Some(got.to_string()),
                (Some(want), _) => *slot = project.person_index(want),
                (None, None) => *slot = None,
            }
            if slot.is_none() {
                *id = None;
            }
        }
        if self.a.is_none() {
            // B is only ever compared with A.
            (self.a, self.b, self.ids) = (self.b.take(), None, [self.ids[1].take(), None]);
        }
    }
}

/// What is explained: a post of an evaluation, how to find a person's row in it, the
/// ranks the table shows, and how to decompose a difference exactly.
pub struct Subject<'a> {
    /// The full project (names).
    pub project: &'a Project,
    /// Criterion names of the evaluation, in scheme order.
    pub names: &'a [String],
    /// The evaluation whose totals are explained.
    pub evaluation: &'a Evaluation,
    /// The post.
    pub post: &'a PostEvaluation,
    /// A person of the full project as a person index of the evaluation.
    pub local: &'a dyn Fn(usize) -> Option<usize>,
    /// The rank the table shows for a person of the full project.
    pub rank_of: &'a dyn Fn(usize) -> Option<u32>,
    /// "Why is `upper` above `lower`" (people of the full project), exactly.
    pub exact: &'a dyn Fn(usize, usize) -> Option<ExactDifference>,
    /// Names of the parts of that difference (criteria, or stages for a composite).
    pub part_names: &'a [String],
    /// What the explained total is called (`总分`, `本环节总分`).
    pub total_label: &'a str,
    /// The parts of a difference are stages (a composite), not criteria.
    pub parts_are_stages: bool,
}

impl Subject<'_> {
    fn row(&self, person: usize) -> Option<&Row> {
        self.post.row_of((self.local)(person)?)
    }

    fn name(&self, person: usize) -> &str {
        let p = &self.project.people[person];
        if p.name.is_empty() { &p.id } else { &p.name }
    }
}

/// The panel.
pub fn explain_ui(ui: &mut egui::Ui, sel: &mut Selection, subject: &Subject<'_>, lang: Lang) {
    let Some(a) = sel.a else {
        ui.label(t(lang, "点击表格中的一人查看其总分构成；Ctrl+点击另一人比较两人。", "Click a person in the table to see how the total is made up; Ctrl+click another to compare the two."));
        return;
    };
    ui.heading(tf(
        lang,
        format!("解释：{}", subject.name(a)),
        format!("Explanation: {}", subject.name(a)),
    ));
    person_ui(ui, subject, a, lang);
    ui.horizontal(|ui| {
        let label = if sel.picking {
            t(
                lang,
                "请点击表格中的另一人…",
                "Click another person in the table…",
            )
        } else {
            t(lang, "与…比较", "Compare with…")
        };
        if ui.selectable_label(sel.picking, label).clicked() {
            sel.picking = !sel.picking;
        }
        if ui.button(t(lang, "清除", "Clear")).clicked() {
            *sel = Selection::default();
        }
    });
    if let Some(b) = sel.b {
        ui.separator();
        compare_ui(ui, subject, (a, b), lang);
    }
}

fn person_ui(ui: &mut egui::Ui, subject: &Subject<'_>, person: usize, lang: Lang) {
    let Some(row) = subject.row(person) else {
        ui.label(t(lang, "此人不在这一排名中", "Not in this ranking"));
        return;
    };
    let rank = (subject.rank_of)(person).map_or_else(|| "—".into(), |r| r.to_string());
    let label = subject.total_label;
    ui.label(tf(
        lang,
        format!("第 {rank} 名 · {label} {}", total_text(row.cents)),
        format!("Rank {rank} · {label} {}", total_text(row.cents)),
    ));
    let parts = contributions(subject.evaluation, subject.post, row);
    let Some(cents) = row.cents.filter(|_| !parts.is_empty()) else {
        ui.label(t(
            lang,
            "未参与排名：原因见表格的说明列。",
            "Not ranked: the Note column says why.",
        ));
        return;
    };
    // The bars are the published cents of each part, so they end at the published total.
    let bars: Vec<(String, f64)> = parts
        .iter()
        .zip(published_parts(&parts, cents))
        .map(|(c, part)| (subject.names[c.criterion].clone(), part as f64 / 100.0))
        .collect();
    let label = capitalized(subject.total_label);
    waterfall_ui(ui, &bars, &label);
    ui.label(contribution_words(
        subject.names,
        &parts,
        (&label, cents),
        lang,
    ));
}

/// `stage total` → `Stage total` (Chinese is unchanged).
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

fn compare_ui(ui: &mut egui::Ui, subject: &Subject<'_>, (a, b): (usize, usize), lang: Lang) {
    // The better ranked one (as the table shows) is "above".
    let ranks = ((subject.rank_of)(a), (subject.rank_of)(b));
    let (upper, lower) = match ranks {
        (Some(x), Some(y)) if y < x => (b, a),
        _ => (a, b),
    };
    let tied = matches!(ranks, (Some(x), Some(y)) if x == y);
    let (nu, nl) = (subject.name(upper), subject.name(lower));
    ui.heading(if tied {
        tf(
            lang,
            format!("{nu} 与 {nl} 并列"),
            format!("{nu} and {nl} share a rank"),
        )
    } else {
        tf(
            lang,
            format!("为什么 {nu} 排在 {nl} 之前"),
            format!("Why {nu} is above {nl}"),
        )
    });
    let Some(d) = (subject.exact)(upper, lower) else {
        ui.label(t(
            lang,
            "只能比较两位已排名的人员",
            "Only two ranked people can be compared",
        ));
        return;
    };
    let name = |k: usize| subject.part_names.get(k).cloned().unwrap_or_default();
    let bars: Vec<(String, i64, String)> = d
        .parts
        .iter()
        .map(|p| (name(p.criterion), p.cents, signed_cents(p.cents)))
        .collect();
    difference_ui(ui, &bars);
    let framing = Framing {
        tied,
        by_stage: subject.parts_are_stages,
    };
    ui.label(difference_words(
        subject.part_names,
        (nu, nl),
        &d,
        framing,
        lang,
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_people_picked_follow_their_ids_and_a_deleted_one_is_dropped() {
        let mut project = crate::app::sample_document().project;
        let mut sel = Selection::default();
        sel.pick(Picked {
            person: 5,
            second: false,
        });
        sel.pick(Picked {
            person: 9,
            second: true,
        });
        sel.follow(&project);
        let (a_id, b_id) = (project.people[5].id.clone(), project.people[9].id.clone());
        // Deleting person 2 shifts both down by one: they follow their ids.
        project.people.remove(2);
        sel.follow(&project);
        assert_eq!((sel.a, sel.b), (Some(4), Some(8)));
        assert_eq!(project.people[4].id, a_id);
        assert_eq!(project.people[8].id, b_id);
        // Deleting A: B is explained on its own.
        project.people.remove(4);
        sel.follow(&project);
        assert_eq!((sel.a, sel.b), (Some(7), None));
        assert_eq!(project.people[7].id, b_id);
        // Everyone gone (a smaller project opened): nothing is picked, nothing panics.
        project.people.clear();
        sel.follow(&project);
        assert_eq!((sel.a, sel.b), (None, None));
    }

    #[test]
    fn clicks_pick_a_then_b_when_asked() {
        let mut sel = Selection::default();
        let click = |person, second| Picked { person, second };
        sel.pick(click(3, true));
        assert_eq!(
            (sel.a, sel.b),
            (Some(3), None),
            "a first Ctrl+click picks A"
        );
        sel.pick(click(5, true));
        assert_eq!((sel.a, sel.b), (Some(3), Some(5)));
        sel.pick(click(7, false));
        assert_eq!((sel.a, sel.b), (Some(7), None), "a plain click starts over");
        sel.picking = true;
        sel.pick(click(7, false));
        assert_eq!(
            (sel.a, sel.b, sel.picking),
            (Some(7), None, false),
            "not compared with oneself"
        );
        sel.picking = true;
        sel.pick(click(2, false));
        assert_eq!((sel.a, sel.b), (Some(7), Some(2)));
    }
}
