//! People, the posts they apply for, and the ratings raters gave them.

use serde::{Deserialize, Serialize};

use super::KeyMap;

/// One score as it was entered: a number, or a ballot category such as `优秀`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    /// A numeric score, in the criterion's own units (not normalized).
    Number(f64),
    /// A category of a categorical criterion, e.g. `称职`.
    Category(String),
}

impl Value {
    /// The number, if this is a numeric value.
    pub fn as_number(&self) -> Option<f64> {
        match self {
            Value::Number(x) => Some(*x),
            Value::Category(_) => None,
        }
    }
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Number(x) => write!(f, "{x}"),
            Value::Category(c) => f.write_str(c),
        }
    }
}

/// A candidate or staff member.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Person {
    /// Stable identifier (exam ticket, staff number, ID number). Text: leading zeros matter.
    pub id: String,
    /// Full name as it should be published.
    pub name: String,
    /// Department or unit the person comes from.
    pub department: String,
    /// The post applied for (a [`Post::id`]); `None` ranks the person with the others
    /// who have no post.
    pub post: Option<String>,
    /// Direct scores by criterion key. A criterion that is absent here is missing, never 0.
    pub scores: KeyMap<Value>,
    /// Columns from imported files that Merit has no field for, kept verbatim so that
    /// nothing a user had is lost (e.g. `工龄`, `性别`). Numeric ones can break ties.
    pub extra: KeyMap<String>,
    /// Why a score is missing, by criterion key, as the file said it (`缺考`, `缺席`, `N/A`).
    /// A criterion here has no score; the explanation of an incomplete person shows the
    /// reason. Absent from older files (serde default) and not written when empty.
    #[serde(skip_serializing_if = "KeyMap::is_empty")]
    pub absent: KeyMap<String>,
    /// Ballot tallies (计票), by ballot (categorical) criterion key: how many ballots gave
    /// each mark, as a tally import read them (`[("赞成", 30), ("不赞成", 10), ("弃权", 5)]`).
    /// Each counted ballot counts as one mark on the criterion, beside the raters' marks
    /// (ratings): in its points and in the rates counted from it. A tally names no rater.
    /// Absent from older files (serde default) and not written when empty.
    #[serde(skip_serializing_if = "KeyMap::is_empty")]
    pub tallies: KeyMap<Vec<(String, u32)>>,
}

/// The most ballots one tally ([`Person::tallies`]) may count in all: more than any real
/// vote, and few enough to count each as a mark.
pub const MAX_TALLY_BALLOTS: u64 = 10_000_000;

impl Person {
    /// How many ballots the person's tally on `key` counts (0 without one).
    pub fn tally_count(&self, key: &str) -> u64 {
        self.tallies.get(key).map_or(0, |t| tally_ballots(t))
    }
}

/// How many ballots `tally` (ballots per mark, see [`Person::tallies`]) counts in all.
pub fn tally_ballots(tally: &[(String, u32)]) -> u64 {
    tally.iter().map(|(_, n)| u64::from(*n)).sum()
}

/// A post with a number of openings, filled by competitive selection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Post {
    /// Identifier used by people's `post` field; usually the post's name.
    pub id: String,
    /// Display name; the id when empty.
    pub name: String,
    /// How many people are selected.
    pub openings: u32,
    /// Shortlist ratio r of 差额 (1:r): the shortlist holds r × openings people in all,
    /// the selected included. 1 means no shortlist beyond the selected.
    pub shortlist_ratio: f64,
}

impl Default for Post {
    fn default() -> Self {
        Post {
            id: String::new(),
            name: String::new(),
            openings: 1,
            shortlist_ratio: 1.0,
        }
    }
}

impl Post {
    /// The name to show: the display name, else the id.
    pub fn display_name(&self) -> &str {
        if self.name.is_empty() {
            &self.id
        } else {
            &self.name
        }
    }

    /// Number of places on the shortlist, selected included: ⌊r × openings⌋, never fewer
    /// than the openings.
    pub fn shortlist_size(&self) -> u32 {
        // Ratios are typed as decimals such as 1.5; nudge before flooring so 1.5 × 2 is 3.
        let size = (self.shortlist_ratio * f64::from(self.openings) + 1e-9).floor();
        (size.max(0.0) as u32).max(self.openings)
    }
}

/// One rater's score of one person on one criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Rating {
    /// The [`Person::id`] rated.
    pub person: String,
    /// The criterion key.
    pub criterion: String,
    /// Who rated (a name or a code); kept out of exports unless asked for.
    pub rater: String,
    /// Rater group such as `领导`, `群众`; empty when the file had none.
    pub group: String,
    /// The score given.
    pub value: Value,
}

impl Default for Rating {
    fn default() -> Self {
        Rating {
            person: String::new(),
            criterion: String::new(),
            rater: String::new(),
            group: String::new(),
            value: Value::Number(0.0),
        }
    }
}
