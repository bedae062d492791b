//! The open project and what the app derives from it: undo history, unsaved mark, and the
//! evaluation, kept cheap to refresh. Data changes re-prepare ([`Prepared::new`]); weight
//! changes (and a weight slider being dragged) only re-rank ([`Prepared::rank`]).

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::edit::{Action, EditError, History, Meta};
use crate::model::Project;
use crate::scoring::explain::{ExactDifference, compare_exact};
use crate::scoring::{Evaluation, PostEvaluation, Prepared, Row, Weights};

self_cell::self_cell!(
    /// A snapshot of the project with its prepared evaluation borrowing it.
    struct PreparedCell {
        owner: Project,
        #[covariant]
        dependent: Prepared,
    }
);

/// Above this many people, dragged weights do not re-rank on every frame.
pub const LIVE_RANK_LIMIT: usize = 100_000;

/// What must be recomputed before the next frame shows the evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Stale {
    Nothing,
    Rank,
    Prepare,
}

/// One open project.
pub struct Document {
    /// The project: changed only through [`Document::apply`], undo and redo.
    pub project: Project,
    /// Where it is saved; `None` for the sample or a new project.
    pub path: Option<PathBuf>,
    /// The name in the title bar.
    pub name: String,
    /// Changed since the last save.
    pub dirty: bool,
    /// Undo and redo.
    pub history: History,
    /// Weights being dragged, not yet applied; the ranking shows them live.
    pub draft: Option<Weights>,
    /// Goes up with every change of the project (caches of panels key on it).
    pub revision: u64,
    /// Goes up with every new evaluation (also under draft weights).
    pub eval_revision: u64,
    /// The weights when the project was opened (the rank-change chart compares with them).
    pub opened_weights: Weights,
    evaluation: Evaluation,
    /// The weights [`Document::evaluation`] was ranked with.
    ranked_with: Option<Weights>,
    prepared: Option<PreparedCell>,
    stale: Stale,
}

impl Document {
    /// A document showing `project`, saved at `path`.
    pub fn new(project: Project, path: Option<PathBuf>, name: String) -> Self {
        // Each document counts its revisions in its own range, so a cache keyed on a
        // revision never takes one document's results for another's.
        static DOCUMENTS: AtomicU64 = AtomicU64::new(0);
        let first_revision = DOCUMENTS.fetch_add(1, Ordering::Relaxed) << 32;
        let opened_weights = Weights::from_scheme(&project.scheme);
        let mut doc = Document {
            opened_weights,
            project,
            path,
            name,
            dirty: false,
            history: History::default(),
            draft: None,
            revision: first_revision,
            eval_revision: first_revision,
            evaluation: empty_evaluation(),
            ranked_with: None,
            prepared: None,
            stale: Stale::Prepare,
        };
        doc.refresh();
        doc
    }

    /// The current evaluation (with the draft weights, if any).
    pub fn evaluation(&self) -> &Evaluation {
        &self.evaluation
    }

    /// "Why is A above B", exactly, for two rows of `post` of [`Document::evaluation`],
    /// under the weights it was ranked with (see [`compare_exact`]).
    pub fn compare_exact(
        &self,
        post: &PostEvaluation,
        a: &Row,
        b: &Row,
    ) -> Option<ExactDifference> {
        let prepared = self.prepared.as_ref()?.borrow_dependent();
        compare_exact(prepared, self.ranked_with.as_ref()?, post, a, b)
    }

    /// The ranking of the current data under other `weights` (re-ranks only).
    pub fn rank_with(&self, weights: &Weights) -> Option<Evaluation> {
        let prepared = self.prepared.as_ref()?.borrow_dependent();
        (weights.criteria.len() == prepared.project.scheme.criteria().count())
            .then(|| prepared.rank(weights))
    }

    /// The weights in effect: the draft, else the scheme's.
    pub fn weights(&self) -> Weights {
        self.draft
            .clone()
            .unwrap_or_else(|| Weights::from_scheme(&self.project.scheme))
    }

    /// Whether dragged weights re-rank on every frame. Above [`LIVE_RANK_LIMIT`] people a
    /// re-rank no longer fits in a frame (about 5 ms at 100,000 on the 2-core machine, and
    /// growing with the people), so the ranking follows when the slider is released instead.
    pub fn ranks_live(&self) -> bool {
        self.project.people.len() <= LIVE_RANK_LIMIT
    }

    /// Shows `weights` live without changing the project (see [`Document::ranks_live`]).
    pub fn set_draft(&mut self, weights: Weights) {
        self.draft = Some(weights);
        if self.ranks_live() {
            self.stale = self.stale.max(Stale::Rank);
            self.refresh();
        }
    }

    /// Applies a change through the one door ([`crate::edit`]).
    pub fn apply(&mut self, action: Action, label: String, meta: &Meta) -> Result<(), EditError> {
        let stale = stale_after(&action);
        self.history.apply(&mut self.project, action, label, meta)?;
        self.changed(stale);
        Ok(())
    }

    /// Undoes the last change; the label of what was undone.
    pub fn undo(&mut self, meta: &Meta) -> Option<Result<String, EditError>> {
        let r = self.history.undo(&mut self.project, meta);
        if matches!(r, Some(Ok(_))) {
            self.changed(Stale::Prepare);
        }
        r
    }

    /// Redoes the last undone change; the label of what was redone.
    pub fn redo(&mut self, meta: &Meta) -> Option<Result<String, EditError>> {
        let r = self.history.redo(&mut self.project, meta);
        if matches!(r, Some(Ok(_))) {
            self.changed(Stale::Prepare);
        }
        r
    }

    fn changed(&mut self, stale: Stale) {
        self.dirty = true;
        self.revision += 1;
        self.draft = None;
        self.stale = self.stale.max(stale);
        self.refresh();
    }

    /// Recomputes what is stale.
    pub fn refresh(&mut self) {
        if self.stale == Stale::Prepare || self.prepared.is_none() {
            self.prepared = Some(PreparedCell::new(self.project.clone(), |p| {
                Prepared::new(p)
            }));
        }
        if self.stale != Stale::Nothing {
            let weights = self.weights();
            if let Some(cell) = &self.prepared {
                self.evaluation = cell.borrow_dependent().rank(&weights);
                self.ranked_with = Some(weights);
                self.eval_revision += 1;
            }
        }
        self.stale = Stale::Nothing;
    }
}

/// A weight change only re-ranks; everything else re-prepares.
fn stale_after(action: &Action) -> Stale {
    match action {
        Action::SetWeight { .. } | Action::SetGroupWeight { .. } | Action::SetTitle(_) => {
            Stale::Rank
        }
        _ => Stale::Prepare,
    }
}

fn empty_evaluation() -> Evaluation {
    Evaluation {
        criteria: Vec::new(),
        weights: Vec::new(),
        missing: Default::default(),
        posts: Vec::new(),
        warnings: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_re_ranks_without_changing_the_project_and_an_edit_clears_it() {
        let mut doc = crate::app::sample_document();
        let before = doc.project.clone();
        let (rev, eval_rev) = (doc.revision, doc.eval_revision);
        let mut w = doc.weights();
        w.groups[0] = 90.0;
        doc.set_draft(w);
        assert_eq!(doc.project, before);
        assert_eq!((doc.revision, doc.eval_revision), (rev, eval_rev + 1));
        // The draft's effective exam weight, 90 / 160, is what the evaluation used.
        assert!((doc.evaluation().weights[0] - 90.0 / 160.0).abs() < 1e-12);
        let action = Action::SetWeight {
            criterion: "exam".into(),
            weight: 50.0,
        };
        doc.apply(action, "w".into(), &Meta::default()).unwrap();
        assert!(doc.draft.is_none() && doc.dirty);
        assert_eq!(doc.revision, rev + 1);
        assert!((doc.evaluation().weights[0] - 0.3).abs() < 1e-12);
    }

    #[test]
    fn the_opened_weights_rank_as_the_file_did() {
        let mut doc = crate::app::sample_document();
        let at_open = doc.evaluation().clone();
        let action = Action::SetGroupWeight {
            group: 0,
            weight: 5.0,
        };
        doc.apply(action, "w".into(), &Meta::default()).unwrap();
        // Scores hold NaN for missing values: compare the rankings, row by row.
        let rows =
            |e: &Evaluation| -> Vec<Vec<Row>> { e.posts.iter().map(|p| p.rows.clone()).collect() };
        assert_ne!(rows(doc.evaluation()), rows(&at_open));
        let again = doc.rank_with(&doc.opened_weights).expect("same criteria");
        assert_eq!(rows(&again), rows(&at_open));
    }

    #[test]
    fn the_exact_comparison_uses_the_weights_shown() {
        use num_traits::ToPrimitive;
        let mut doc = crate::app::sample_document();
        let mut w = doc.weights();
        w.groups[0] = 90.0;
        doc.set_draft(w);
        let post = &doc.evaluation().posts[0];
        let (a, b) = (&post.rows[0], &post.rows[1]);
        let d = doc.compare_exact(post, a, b).expect("both ranked");
        let full = d.full.to_f64().unwrap();
        // The exact difference is that of the totals ranked under the draft weights…
        let draft = a.total.unwrap() - b.total.unwrap();
        assert!((full - draft).abs() < 1e-9, "{full} vs {draft}");
        // …not that of the same two people under the scheme's own weights.
        let scheme = doc.rank_with(&doc.opened_weights).unwrap();
        let sp = scheme.post(post.post.as_deref()).unwrap();
        let total = |p: usize| sp.row_of(p).and_then(|r| r.total).unwrap();
        let own = total(a.person) - total(b.person);
        assert!((full - own).abs() > 1e-6, "{full} vs {own}");
    }
}
