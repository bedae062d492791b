//! The evaluation scheme: criteria and their scales, weights, gates, aggregation of
//! raters, the missing-score policy and tie-breakers. Semantics: `DESIGN.md`, "Scoring
//! semantics"; the engine is [`crate::scoring`].

use serde::{Deserialize, Serialize};

/// Which end of a numeric scale is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Direction {
    /// Higher raw values are better (exam marks).
    #[default]
    HigherIsBetter,
    /// Lower raw values are better (error counts, days late).
    LowerIsBetter,
}

/// The scale a criterion's raw values live on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Scale {
    /// Numbers in `[lo, hi]`; a value outside is an input error, never clamped.
    Numeric {
        /// Lowest valid value.
        lo: f64,
        /// Highest valid value.
        hi: f64,
        /// Which end is better.
        direction: Direction,
    },
    /// Ballot categories with points, e.g. `("优秀", 100.0)`. The points are the raw value;
    /// they normalize over the lowest and highest points.
    Categorical {
        /// Category label and its points, in display order.
        categories: Vec<(String, f64)>,
    },
}

impl Default for Scale {
    fn default() -> Self {
        Scale::Numeric {
            lo: 0.0,
            hi: 100.0,
            direction: Direction::HigherIsBetter,
        }
    }
}

impl Scale {
    /// The `[lo, hi]` range of raw values (for categories: of their points).
    pub fn bounds(&self) -> (f64, f64) {
        match self {
            Scale::Numeric { lo, hi, .. } => (*lo, *hi),
            Scale::Categorical { categories } => {
                let lo = categories.iter().map(|c| c.1).fold(f64::INFINITY, f64::min);
                let hi = categories
                    .iter()
                    .map(|c| c.1)
                    .fold(f64::NEG_INFINITY, f64::max);
                (lo, hi)
            }
        }
    }

    /// Which end is better; categories are always higher-is-better by points.
    pub fn direction(&self) -> Direction {
        match self {
            Scale::Numeric { direction, .. } => *direction,
            Scale::Categorical { .. } => Direction::HigherIsBetter,
        }
    }

    /// The points of a category label, if the scale has it.
    pub fn points(&self, label: &str) -> Option<f64> {
        match self {
            Scale::Categorical { categories } => categories
                .iter()
                .find(|(name, _)| name == label.trim())
                .map(|c| c.1),
            Scale::Numeric { .. } => None,
        }
    }

    /// A short human description such as `0–100` or `优秀/称职/基本称职/不称职`.
    pub fn describe(&self) -> String {
        match self {
            Scale::Numeric { lo, hi, direction } => match direction {
                Direction::HigherIsBetter => format!("{lo}–{hi}"),
                Direction::LowerIsBetter => format!("{lo}–{hi}, lower is better"),
            },
            Scale::Categorical { categories } => categories
                .iter()
                .map(|(name, points)| format!("{name}={points}"))
                .collect::<Vec<_>>()
                .join("/"),
        }
    }
}

/// How raw values become 0..100 scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Normalization {
    /// `(v - lo) / (hi - lo) × 100` on the criterion's declared scale.
    #[default]
    Scale,
    /// The same on the observed minimum and maximum of the people ranked together;
    /// when all observed values are equal, everyone gets 100.
    Cohort,
}

/// How several raters' scores on one criterion, within one rater group, combine.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Aggregation {
    /// Arithmetic mean.
    Mean,
    /// Median (mean of the two middle values for an even count).
    Median,
    /// Drop the `drop` highest and `drop` lowest when there are more than `above`
    /// ratings, then the mean; otherwise the plain mean (去掉最高分和最低分).
    TrimmedMean {
        /// How many to drop at each end.
        drop: u32,
        /// Trimming applies only with strictly more ratings than this.
        above: u32,
    },
}

impl Default for Aggregation {
    fn default() -> Self {
        Aggregation::TrimmedMean { drop: 1, above: 5 }
    }
}

/// What a missing score does to a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum MissingPolicy {
    /// The person is listed as incomplete with what is missing and is not ranked.
    #[default]
    Exclude,
    /// A missing score counts as a normalized 0, and the explanation says so.
    Zero,
    /// Weights are renormalized over the criteria the person has.
    Reweight,
}

/// Comparison of a gate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum GateOp {
    /// raw ≥ value (the usual pass mark).
    AtLeast,
    /// raw > value (e.g. approval above 50%).
    MoreThan,
    /// raw ≤ value (for lower-is-better criteria).
    AtMost,
    /// raw < value.
    LessThan,
}

/// An entry condition on a criterion's raw value (严把入口关).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gate {
    /// The comparison.
    pub op: GateOp,
    /// The pass line in raw units.
    pub value: f64,
}

impl Gate {
    /// `raw ≥ value`.
    pub fn at_least(value: f64) -> Self {
        Gate {
            op: GateOp::AtLeast,
            value,
        }
    }

    /// Symbol for messages: `≥`, `>`, `≤`, `<`.
    pub fn symbol(&self) -> &'static str {
        match self.op {
            GateOp::AtLeast => "≥",
            GateOp::MoreThan => ">",
            GateOp::AtMost => "≤",
            GateOp::LessThan => "<",
        }
    }
}

/// One scored criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Criterion {
    /// Stable key used in files and on the command line, e.g. `exam`.
    pub key: String,
    /// Chinese display name, e.g. `笔试成绩`.
    pub name: String,
    /// English display name, e.g. `Written exam`.
    pub name_en: String,
    /// Weight inside its group; any non-negative number, used normalized.
    pub weight: f64,
    /// Scale of raw values.
    pub scale: Scale,
    /// Normalization; the scheme's default when `None`.
    pub normalization: Option<Normalization>,
    /// Entry condition, if any.
    pub gate: Option<Gate>,
    /// Rater aggregation; the scheme's default when `None`.
    pub aggregation: Option<Aggregation>,
    /// A rate criterion (优秀率, 赞成率): its value is computed from ballots on another
    /// criterion when they are imported (`merit import --kind ballots`). `None` for others.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate: Option<RateOf>,
}

/// How a rate criterion is counted from ballots: `count` marks over `over` marks, × 100
/// (so a 0–100 scale): 赞成率 = 赞成 / (赞成 + 不赞成); 优秀率 = 优秀 / all marks.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RateOf {
    /// Key of the ballot (categorical) criterion the marks are given on.
    pub ballot: String,
    /// Marks counted in the numerator, e.g. `["赞成"]`, or `["优秀", "称职"]` for 称职率.
    pub count: Vec<String>,
    /// Marks counted in the denominator; empty: every mark given (abstentions included).
    pub over: Vec<String>,
}

/// Rules that make a rater's ballot void (民主测评 practice). They are checked and
/// reported on import, never applied silently.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BallotRules {
    /// A rater who gave every candidate (two or more) the same mark: void.
    pub same_mark_void: bool,
    /// Most marks of a category a rater may give, as a share of the candidates rated
    /// (e.g. 优秀 at most 0.3): above it, void.
    pub quotas: Vec<(String, f64)>,
}

impl BallotRules {
    /// No rule at all (the default; not written to files).
    pub fn is_empty(&self) -> bool {
        !self.same_mark_void && self.quotas.is_empty()
    }
}

impl Default for Criterion {
    fn default() -> Self {
        Criterion {
            key: String::new(),
            name: String::new(),
            name_en: String::new(),
            weight: 1.0,
            scale: Scale::default(),
            normalization: None,
            gate: None,
            aggregation: None,
            rate: None,
        }
    }
}

/// A weighted group (dimension) of criteria.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Group {
    /// Chinese display name.
    pub name: String,
    /// English display name.
    pub name_en: String,
    /// Weight of the group; any non-negative number, used normalized.
    pub weight: f64,
    /// The criteria, in display order.
    pub criteria: Vec<Criterion>,
}

impl Default for Group {
    fn default() -> Self {
        Group {
            name: String::new(),
            name_en: String::new(),
            weight: 1.0,
            criteria: Vec::new(),
        }
    }
}

/// Weight of one rater group (e.g. leaders 30, peers 50, subordinates 20).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RaterGroupWeight {
    /// Group name as it appears in ratings (`领导`, `群众`).
    pub group: String,
    /// Any non-negative number; renormalized over the groups that rated a person.
    pub weight: f64,
}

/// What a tie-breaker compares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum TieKey {
    /// A criterion's normalized score (so "better" respects the scale's direction).
    Criterion(String),
    /// A numeric column kept on the person, e.g. `工龄` (years of service); people
    /// without a number there come last.
    Field(String),
}

/// One ordered tie-breaker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TieBreaker {
    /// What to compare.
    pub key: TieKey,
    /// Higher first when true.
    pub descending: bool,
}

/// The whole evaluation scheme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Scheme {
    /// Name, e.g. `竞争上岗综合评价`.
    pub name: String,
    /// Weighted groups of criteria.
    pub groups: Vec<Group>,
    /// Default normalization.
    pub normalization: Normalization,
    /// Default rater aggregation.
    pub aggregation: Aggregation,
    /// Rater group weights; a group not listed weighs 1. Empty: all groups equal.
    pub rater_groups: Vec<RaterGroupWeight>,
    /// What a missing score does.
    pub missing: MissingPolicy,
    /// Ordered tie-breakers for equal published totals.
    pub tie_breakers: Vec<TieBreaker>,
    /// Void-ballot rules checked when ballots are imported.
    #[serde(skip_serializing_if = "BallotRules::is_empty")]
    pub ballot_rules: BallotRules,
}

impl Scheme {
    /// All criteria in display order, across groups.
    pub fn criteria(&self) -> impl Iterator<Item = &Criterion> {
        self.groups.iter().flat_map(|g| g.criteria.iter())
    }

    /// The criterion with this key.
    pub fn criterion(&self, key: &str) -> Option<&Criterion> {
        self.criteria().find(|c| c.key == key)
    }

    /// Whether some criterion would weigh anything: a positive weight inside a group of
    /// positive weight. (The effective weights themselves are `scoring::Weights`.)
    pub fn any_weight_counts(&self) -> bool {
        self.groups
            .iter()
            .any(|g| g.weight > 0.0 && g.criteria.iter().any(|c| c.weight > 0.0))
    }

    /// The weight of a rater group (1 when not listed).
    pub fn rater_group_weight(&self, group: &str) -> f64 {
        self.rater_groups
            .iter()
            .find(|g| g.group == group)
            .map_or(1.0, |g| g.weight)
    }

    /// Sets the weight of the criterion `key`, returning false when there is none.
    pub fn set_weight(&mut self, key: &str, weight: f64) -> bool {
        for group in &mut self.groups {
            if let Some(c) = group.criteria.iter_mut().find(|c| c.key == key) {
                c.weight = weight;
                return true;
            }
        }
        false
    }
}

impl Default for Scheme {
    /// The default scheme, 竞争上岗综合评价: exam 30%, political literacy 20%, competence 20%,
    /// peer trust 15%, leader satisfaction 15%, all 0..100; exam ≥ 60; missing excluded;
    /// ties broken by exam; raters aggregated by dropping the highest and lowest above 5.
    fn default() -> Self {
        let numeric = |key: &str, name: &str, name_en: &str, weight: f64| Criterion {
            key: key.into(),
            name: name.into(),
            name_en: name_en.into(),
            weight,
            ..Criterion::default()
        };
        let mut exam = numeric("exam", "笔试成绩", "Written exam", 100.0);
        exam.gate = Some(Gate::at_least(60.0));
        Scheme {
            name: "竞争上岗综合评价".into(),
            groups: vec![
                Group {
                    name: "笔试".into(),
                    name_en: "Exam".into(),
                    weight: 30.0,
                    criteria: vec![exam],
                },
                Group {
                    name: "综合考察".into(),
                    name_en: "Assessment".into(),
                    weight: 70.0,
                    criteria: vec![
                        numeric("political_literacy", "政治素质", "Political literacy", 20.0),
                        numeric("competence", "业务能力", "Competence", 20.0),
                        numeric("peer_trust", "群众信任", "Peer trust", 15.0),
                        numeric(
                            "leader_satisfaction",
                            "领导满意度",
                            "Leader satisfaction",
                            15.0,
                        ),
                    ],
                },
            ],
            normalization: Normalization::Scale,
            aggregation: Aggregation::default(),
            rater_groups: Vec::new(),
            missing: MissingPolicy::Exclude,
            tie_breakers: vec![TieBreaker {
                key: TieKey::Criterion("exam".into()),
                descending: true,
            }],
            ballot_rules: BallotRules::default(),
        }
    }
}
