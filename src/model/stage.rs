//! Stages of a selection: written exam → interview → 民主测评/考察, each with its own
//! scheme and an entry ratio from the stage before, and a composite that carries earlier
//! stages' totals with weights (exam 40% + interview 60%).
//!
//! Stages belong to the project, not to a post: a round's announcement (公告) states one
//! procedure for all its posts, and what differs between posts, the openings, is what the
//! entry ratio multiplies. A project without stages is a single-stage selection under
//! [`super::Project::scheme`], so files written before stages existed load unchanged.
//! Plain data only: the engine is [`crate::scoring::stages`].

use serde::{Deserialize, Serialize};

use super::Scheme;

/// One stage of a staged selection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Stage {
    /// Chinese name, e.g. `面试`.
    pub name: String,
    /// English name, e.g. `Interview`.
    pub name_en: String,
    /// How this stage scores, gates and breaks ties among the people who entered it.
    pub scheme: Scheme,
    /// Entry ratio r of 1:r from the stage before: the best ⌊r × openings⌋ of the
    /// previous stage's ranking enter (never fewer than the openings), and everyone tied
    /// at the cut-off goes through. Ignored for the first stage, which everyone enters.
    pub entry_ratio: f64,
    /// Weights of the published totals of the stages so far (index 0 = first stage, up
    /// to and including this one) in this stage's ranking total; any non-negative
    /// numbers, used normalized. Empty: the stage ranks on its own total alone.
    pub composite: Vec<f64>,
}

impl Default for Stage {
    fn default() -> Self {
        Stage {
            name: String::new(),
            name_en: String::new(),
            scheme: Scheme::default(),
            entry_ratio: 3.0,
            composite: Vec::new(),
        }
    }
}

impl Stage {
    /// The name to show: the Chinese name, else the English one, else `阶段 N`.
    pub fn display_name(&self, index: usize) -> String {
        [&self.name, &self.name_en]
            .into_iter()
            .find(|s| !s.is_empty())
            .cloned()
            .unwrap_or_else(|| format!("阶段 {}", index + 1))
    }

    /// How many of a post with `openings` openings enter this stage: ⌊r × openings⌋,
    /// never fewer than the openings.
    pub fn entry_places(&self, openings: u32) -> u32 {
        // Ratios are typed as decimals such as 1.5; nudge before flooring so 1.5 × 2 is 3.
        let places = (self.entry_ratio * f64::from(openings) + 1e-9).floor();
        (places.max(0.0) as u32).max(openings)
    }
}
