//! Words for results: why a person is ineligible or incomplete, which tie-breaker decided.
//! In Chinese for the app's Chinese interface, in English for the command line and the
//! English interface; criteria are named in the same language.

use crate::model::{Criterion, Person, Scheme, Stage, TieKey};

use super::evaluation::{Gap, Status};
use super::number::format_cents;
use super::people::People;

/// The language of a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Lang {
    /// 简体中文.
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Picks the text of this language.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// `笔试成绩 (exam)`: how the command line names a criterion (Chinese name and key).
pub fn criterion_label(criterion: &Criterion) -> String {
    if criterion.name.is_empty() || criterion.name == criterion.key {
        criterion.key.clone()
    } else {
        format!("{} ({})", criterion.name, criterion.key)
    }
}

/// A stage's name in `lang`: its English name in English when it has one, else its
/// Chinese one, else `阶段 N` / `Stage N` (`index` from 0).
pub fn stage_name(stage: &Stage, index: usize, lang: Lang) -> String {
    let named = match lang {
        Lang::En => [&stage.name_en, &stage.name],
        Lang::Zh => [&stage.name, &stage.name_en],
    };
    named
        .into_iter()
        .find(|s| !s.is_empty())
        .cloned()
        .unwrap_or_else(|| match lang {
            Lang::Zh => format!("阶段 {}", index + 1),
            Lang::En => format!("Stage {}", index + 1),
        })
}

/// A criterion's display name in `lang`, falling back to the other name, then the key.
pub fn criterion_name(criterion: &Criterion, lang: Lang) -> &str {
    let (first, second) = match lang {
        Lang::Zh => (&criterion.name, &criterion.name_en),
        Lang::En => (&criterion.name_en, &criterion.name),
    };
    [first, second]
        .into_iter()
        .find(|s| !s.is_empty())
        .map_or(criterion.key.as_str(), |s| s.as_str())
}

/// Why a person is not ranked (English, criteria as `笔试成绩 (exam)`); empty for the ranked.
pub fn status_reason(status: &Status, scheme: &Scheme) -> String {
    reason(status, scheme, None, &|_| None)
}

/// Why a person is not ranked, in `lang`; empty for the ranked.
pub fn status_reason_in(status: &Status, scheme: &Scheme, lang: Lang) -> String {
    reason(status, scheme, Some(lang), &|_| None)
}

/// Like [`status_reason`] (`lang` `None`) or [`status_reason_in`], naming why each
/// missing score is missing when the file said so: `missing 笔试成绩 (exam) (缺考)`.
pub fn person_status_reason(
    status: &Status,
    scheme: &Scheme,
    person: &Person,
    lang: Option<Lang>,
) -> String {
    reason(status, scheme, lang, &|key| {
        person.absent.get(key).map(String::as_str)
    })
}

/// [`person_status_reason`] of person `person` of `people`.
pub fn status_reason_of(
    status: &Status,
    scheme: &Scheme,
    people: &dyn People,
    person: usize,
    lang: Option<Lang>,
) -> String {
    reason(status, scheme, lang, &|key| people.absent(person, key))
}

/// Why a score is missing, by criterion key, as the file said (`缺考`).
type AbsentMarker<'p> = dyn Fn(&str) -> Option<&'p str> + 'p;

fn reason(
    status: &Status,
    scheme: &Scheme,
    lang: Option<Lang>,
    absent: &AbsentMarker<'_>,
) -> String {
    let criteria: Vec<&Criterion> = scheme.criteria().collect();
    let label = |k: usize| {
        let name = match (criteria.get(k), lang) {
            (None, _) => format!("#{k}"),
            (Some(c), None) => criterion_label(c),
            (Some(c), Some(l)) => criterion_name(c, l).to_string(),
        };
        let marker = criteria.get(k).and_then(|c| absent(&c.key));
        match marker {
            Some(m) if lang == Some(Lang::Zh) => format!("{name}（{m}）"),
            Some(m) => format!("{name} ({m})"),
            None => name,
        }
    };
    let zh = lang == Some(Lang::Zh);
    match status {
        Status::Ineligible(failures) => failures
            .iter()
            .map(|f| {
                let gate = format!("{} {}", f.gate.symbol(), plain_number(f.gate.value));
                match (f.raw.map(plain_number), zh) {
                    (Some(raw), false) => {
                        format!("{} {raw} fails the gate {gate}", label(f.criterion))
                    }
                    (Some(raw), true) => format!("{} {raw} 未达到 {gate}", label(f.criterion)),
                    (None, false) => format!("{} missing, gate {gate}", label(f.criterion)),
                    (None, true) => format!("{} 缺失，要求 {gate}", label(f.criterion)),
                }
            })
            .collect::<Vec<_>>()
            .join("; "),
        Status::Incomplete(gaps) => {
            let missing: Vec<String> = gaps
                .iter()
                .filter_map(|g| match g {
                    Gap::Missing(k) => Some(label(*k)),
                    _ => None,
                })
                .collect();
            let mut parts: Vec<String> = gaps
                .iter()
                .filter_map(|g| match g {
                    Gap::Invalid {
                        criterion,
                        value,
                        reason,
                    } if zh => Some(format!(
                        "{} 的值 '{value}' 无效（{reason}）",
                        label(*criterion)
                    )),
                    Gap::Invalid {
                        criterion,
                        value,
                        reason,
                    } => Some(format!("{} value '{value}': {reason}", label(*criterion))),
                    Gap::NothingWeighted if zh => Some("没有计权的指标有分数".into()),
                    Gap::NothingWeighted => Some("no weighted criterion has a score".into()),
                    Gap::Missing(_) => None,
                })
                .collect();
            if !missing.is_empty() {
                let text = if zh {
                    format!("缺少 {}", missing.join("、"))
                } else {
                    format!("missing {}", missing.join(", "))
                };
                parts.insert(0, text);
            }
            parts.join(if zh { "；" } else { "; " })
        }
        Status::Selected | Status::Shortlisted | Status::NotSelected => String::new(),
    }
}

/// A status in words: `拟录用` / `selected`.
pub fn status_name(status: &Status, lang: Lang) -> &'static str {
    match status {
        Status::Selected => lang.pick("拟录用", "selected"),
        Status::Shortlisted => lang.pick("进入差额", "shortlisted"),
        Status::NotSelected => lang.pick("未入选", "not selected"),
        Status::Ineligible(_) => lang.pick("不符合条件", "ineligible"),
        Status::Incomplete(_) => lang.pick("成绩不全", "incomplete"),
    }
}

/// `exam desc`: how a tie-breaker is named in messages.
pub fn tie_breaker_label(scheme: &Scheme, index: usize) -> String {
    let Some(breaker) = scheme.tie_breakers.get(index) else {
        return String::new();
    };
    let what = match &breaker.key {
        TieKey::Criterion(key) => scheme
            .criterion(key)
            .map_or_else(|| key.clone(), criterion_label),
        TieKey::Field(name) => name.clone(),
    };
    let order = if breaker.descending { "desc" } else { "asc" };
    format!("{what} {order}")
}

/// `赞成 30, 不赞成 10, 弃权 5`: a ballot tally (see [`Person::tallies`]) in words.
pub fn tally_text(tally: &[(String, u32)]) -> String {
    let parts: Vec<String> = tally.iter().map(|(m, n)| format!("{m} {n}")).collect();
    parts.join(", ")
}

/// Where a person's value on `criterion` comes from when a ballot tally is part of it:
/// `from a tally of 45 ballots (赞成 30, 不赞成 10, 弃权 5) and 2 raters' marks`.
/// `None` without a tally. `marks` is how many ratings the person has on it.
pub fn tally_source(person: &Person, criterion: &Criterion, marks: usize) -> Option<String> {
    let tally = person.tallies.get(criterion.key.as_str())?;
    let n = person.tally_count(&criterion.key);
    let ballots = if n == 1 { "ballot" } else { "ballots" };
    let raters = match marks {
        0 => String::new(),
        1 => " and 1 rater's mark".to_string(),
        m => format!(" and {m} raters' marks"),
    };
    Some(format!(
        "from a tally of {n} {ballots} ({}){raters}, each ballot counted as a mark",
        tally_text(tally)
    ))
}

/// `x` as Rust writes it, but never `-0`: a zero is written `0` whatever its sign.
pub fn plain_number(x: f64) -> String {
    (x + 0.0).to_string()
}

/// A published total, or `—` for the unranked.
pub fn total_text(cents: Option<i64>) -> String {
    cents.map_or_else(|| "—".into(), format_cents)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Gate, Scheme};
    use crate::scoring::GateFailure;

    #[test]
    fn reasons_in_both_languages() {
        let scheme = Scheme::default();
        let failed = Status::Ineligible(
            vec![GateFailure {
                criterion: 0,
                raw: Some(58.5),
                gate: Gate::at_least(60.0),
            }]
            .into(),
        );
        assert_eq!(
            status_reason(&failed, &scheme),
            "笔试成绩 (exam) 58.5 fails the gate ≥ 60"
        );
        assert_eq!(
            status_reason_in(&failed, &scheme, Lang::Zh),
            "笔试成绩 58.5 未达到 ≥ 60"
        );
        assert_eq!(
            status_reason_in(&failed, &scheme, Lang::En),
            "Written exam 58.5 fails the gate ≥ 60"
        );
        let missing = Status::Incomplete(vec![Gap::Missing(0), Gap::Missing(3)].into());
        assert_eq!(
            status_reason_in(&missing, &scheme, Lang::Zh),
            "缺少 笔试成绩、群众信任"
        );
        assert_eq!(
            status_reason(&missing, &scheme),
            "missing 笔试成绩 (exam), 群众信任 (peer_trust)"
        );
        let mut person = Person::default();
        person.absent.insert("exam", "缺考".into());
        assert_eq!(
            person_status_reason(&missing, &scheme, &person, None),
            "missing 笔试成绩 (exam) (缺考), 群众信任 (peer_trust)"
        );
        assert_eq!(
            person_status_reason(&missing, &scheme, &person, Some(Lang::Zh)),
            "缺少 笔试成绩（缺考）、群众信任"
        );
    }

    #[test]
    fn a_zero_that_fails_a_gate_is_written_0_not_minus_0() {
        let failed = Status::Ineligible(
            vec![GateFailure {
                criterion: 0,
                raw: Some(-0.0),
                gate: Gate::at_least(60.0),
            }]
            .into(),
        );
        let scheme = Scheme::default();
        assert_eq!(
            status_reason(&failed, &scheme),
            "笔试成绩 (exam) 0 fails the gate ≥ 60"
        );
        assert_eq!(plain_number(-0.0), "0");
        assert_eq!(plain_number(-2.5), "-2.5");
    }

    #[test]
    fn a_tally_says_how_many_ballots_and_marks_the_value_counts() {
        let criterion = crate::model::Criterion {
            key: "vote".into(),
            name: "推荐票".into(),
            ..crate::model::Criterion::default()
        };
        let mut person = Person::default();
        assert_eq!(tally_source(&person, &criterion, 2), None);
        let counts = vec![
            ("赞成".into(), 30),
            ("不赞成".into(), 10),
            ("弃权".into(), 5),
        ];
        person.tallies.insert("vote", counts);
        assert_eq!(
            tally_source(&person, &criterion, 0).as_deref(),
            Some(
                "from a tally of 45 ballots (赞成 30, 不赞成 10, 弃权 5), each ballot counted as a mark"
            )
        );
        assert_eq!(
            tally_source(&person, &criterion, 2).as_deref(),
            Some(
                "from a tally of 45 ballots (赞成 30, 不赞成 10, 弃权 5) and 2 raters' marks, each ballot counted as a mark"
            )
        );
    }
}
