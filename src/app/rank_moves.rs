//! What moved in the ranking: when the evaluation changes (a weight dragged or typed), each
//! person whose rank changed gets a marker `↑3` / `↓2` that fades out over
//! [`FADE_SECONDS`]. Keyed on the document's evaluation revision, so it costs one pass over
//! the rows per new evaluation and nothing otherwise. No egui here: time comes in as
//! seconds, so the rules are tested directly.

use crate::scoring::PostEvaluation;

/// How long a move stays visible, in seconds.
pub const FADE_SECONDS: f64 = 1.5;

/// One person's move: from which rank, and when it last changed.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Move {
    from: u32,
    to: u32,
    since: f64,
}

/// A rank change being shown.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shown {
    /// Places gained (positive: moved up) since the move began.
    pub delta: i64,
    /// 1 when fresh, down to 0 when it has faded.
    pub strength: f32,
}

/// The ranks last seen for one post and the moves being shown.
#[derive(Debug, Default)]
pub struct RankMoves {
    /// What the ranks were taken from: (post shown, evaluation revision, people in the
    /// project). A different number of people means indices may have shifted.
    seen: Option<(usize, u64, usize)>,
    /// Rank of each person (index into the project's people) at the last evaluation.
    ranks: Vec<Option<u32>>,
    /// The move shown for each person (index into the project's people), if any: a
    /// vector, so a drag that moves 100,000 people costs no tree operations.
    moves: Vec<Option<Move>>,
    /// How many entries of `moves` are set.
    live: usize,
}

impl RankMoves {
    /// Takes in the evaluation `revision` of post `post_index` of a project of `people`
    /// people, at time `now` (seconds). A different post starts afresh (nothing "moved" by
    /// switching posts), and so does a different number of people (a person added or
    /// deleted shifts the indices the ranks are kept by).
    pub fn update(
        &mut self,
        post_index: usize,
        revision: u64,
        post: &PostEvaluation,
        people: usize,
        now: f64,
    ) {
        if self.seen == Some((post_index, revision, people)) {
            return;
        }
        let same_post = self
            .seen
            .is_some_and(|(p, _, n)| p == post_index && n == people);
        self.seen = Some((post_index, revision, people));
        if !same_post {
            self.moves.clear();
            self.live = 0;
        }
        let size = post.rows.iter().map(|r| r.person + 1).max().unwrap_or(0);
        let mut ranks = vec![None; size.max(self.ranks.len())];
        for row in &post.rows {
            ranks[row.person] = row.rank;
        }
        if same_post {
            self.record(&ranks, now);
        }
        self.ranks = ranks;
    }

    fn record(&mut self, ranks: &[Option<u32>], now: f64) {
        if self.moves.len() < ranks.len() {
            self.moves.resize(ranks.len(), None);
        }
        for (person, rank) in ranks.iter().enumerate() {
            let before = self.ranks.get(person).copied().flatten();
            let (Some(before), Some(after)) = (before, *rank) else {
                continue;
            };
            if before == after {
                continue;
            }
            let slot = &mut self.moves[person];
            let from = slot
                .filter(|m| now - m.since < FADE_SECONDS)
                .map_or(before, |m| m.from);
            let was = slot.is_some();
            *slot = (from != after).then_some(Move {
                from,
                to: after,
                since: now,
            });
            match (was, slot.is_some()) {
                (false, true) => self.live += 1,
                (true, false) => self.live -= 1,
                _ => {}
            }
        }
    }

    /// The move of `person` to show at time `now`, if it has not faded.
    pub fn shown(&self, person: usize, now: f64) -> Option<Shown> {
        let m = self.moves.get(person).copied().flatten()?;
        let age = now - m.since;
        (age < FADE_SECONDS).then(|| Shown {
            delta: i64::from(m.from) - i64::from(m.to),
            strength: (1.0 - age / FADE_SECONDS) as f32,
        })
    }

    /// Whether some move is still fading at `now` (the window must keep repainting).
    pub fn fading(&mut self, now: f64) -> bool {
        if self.live == 0 {
            return false;
        }
        let mut live = 0;
        for slot in &mut self.moves {
            match slot {
                Some(m) if now - m.since < FADE_SECONDS => live += 1,
                Some(_) => *slot = None,
                None => {}
            }
        }
        self.live = live;
        live > 0
    }
}

/// `↑3`, `↓2`: how a move is written.
pub fn arrow(delta: i64) -> String {
    if delta > 0 {
        format!("↑{delta}")
    } else {
        format!("↓{}", -delta)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::sample_document;

    #[test]
    fn moves_appear_accumulate_and_fade() {
        let mut doc = sample_document();
        let n = doc.project.people.len();
        let mut moves = RankMoves::default();
        moves.update(0, doc.eval_revision, &doc.evaluation().posts[0], n, 0.0);
        let before = doc.evaluation().posts[0].clone();
        let mut w = doc.weights();
        w.groups[0] = 90.0;
        doc.set_draft(w);
        let after = &doc.evaluation().posts[0];
        moves.update(0, doc.eval_revision, after, n, 0.2);
        let mut moved = 0;
        for row in &after.rows {
            let old = before.row_of(row.person).and_then(|r| r.rank);
            let expected = match (old, row.rank) {
                (Some(o), Some(n)) if o != n => Some(i64::from(o) - i64::from(n)),
                _ => None,
            };
            let shown = moves.shown(row.person, 0.5).map(|s| s.delta);
            assert_eq!(shown, expected, "person {}", row.person);
            moved += usize::from(expected.is_some());
        }
        assert!(moved > 0, "the exam at 90 must move someone");
        assert!(moves.fading(1.0));
        // Faded 1.5 s after the change.
        assert!(!moves.fading(1.71));
        assert!(
            after
                .rows
                .iter()
                .all(|r| moves.shown(r.person, 1.71).is_none())
        );
    }

    #[test]
    fn a_change_in_the_number_of_people_marks_nothing() {
        // Deleting a person shifts the indices ranks are kept by: start afresh.
        let mut doc = sample_document();
        let n = doc.project.people.len();
        let mut moves = RankMoves::default();
        moves.update(0, doc.eval_revision, &doc.evaluation().posts[0], n, 0.0);
        let mut w = doc.weights();
        w.groups[0] = 90.0;
        doc.set_draft(w);
        let after = &doc.evaluation().posts[0];
        moves.update(0, doc.eval_revision, after, n - 1, 0.2);
        assert!(!moves.fading(0.3));
        // With the same number, the same change does mark moves.
        let mut fresh = RankMoves::default();
        doc.set_draft(doc.opened_weights.clone());
        fresh.update(0, doc.eval_revision, &doc.evaluation().posts[0], n, 0.0);
        let mut w = doc.weights();
        w.groups[0] = 90.0;
        doc.set_draft(w);
        fresh.update(0, doc.eval_revision, &doc.evaluation().posts[0], n, 0.2);
        assert!(fresh.fading(0.3));
    }

    #[test]
    fn switching_posts_marks_nothing_and_arrows_read_right() {
        let doc = sample_document();
        let mut moves = RankMoves::default();
        moves.update(0, 1, &doc.evaluation().posts[0], 48, 0.0);
        moves.update(1, 1, &doc.evaluation().posts[1], 48, 0.1);
        assert!(!moves.fading(0.2));
        assert_eq!(arrow(3), "↑3");
        assert_eq!(arrow(-2), "↓2");
    }
}
