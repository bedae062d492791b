//! The published results list (公示) of one post at one stage: rank, name, department,
//! total, status in words, and optionally every stage's total. Never a rater's identity,
//! never a person's id number: only what a notice board shows.

use crate::charts::data::{Bar, Class, TotalsData, cut_lines};
use crate::io::ranking::{align, neutralize_formula};
use crate::model::Project;
use crate::scoring::Status;
use crate::scoring::describe::{Lang, stage_name, status_reason_in};
use crate::scoring::number::format_cents;
use crate::scoring::stages::{Elimination, Outcome, StagedEvaluation};

/// One line of a published results list.
#[derive(Debug, Clone, PartialEq)]
pub struct PublishedLine {
    /// Index into the project's people.
    pub person: usize,
    /// Competition rank at the stage; `None` for those not ranked there.
    pub rank: Option<u32>,
    /// Name as published.
    pub name: String,
    /// Department.
    pub department: String,
    /// The published total the stage ranks on (the composite when there is one).
    pub total: Option<i64>,
    /// Every stage's own published total up to this stage (`None` where not ranked).
    pub stage_totals: Vec<Option<i64>>,
    /// Where the person stands.
    pub outcome: Outcome,
    /// The status in words, e.g. `拟录用`, `笔试淘汰：笔试成绩 55 未达到 ≥ 60`.
    pub status: String,
    /// In a tie at a cut-off (all of it went through).
    pub tie_at_cutoff: bool,
}

/// `the posts are: A, B`, or `the project has no posts` when `known` is empty.
pub(crate) fn posts_phrase(known: &str) -> String {
    if known.is_empty() {
        "the project has no posts".into()
    } else {
        format!("the posts are: {known}")
    }
}

/// Why the arguments do not fit the project.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ResultsError {
    /// No such post.
    #[error("no post '{wanted}'; {}", posts_phrase(.known))]
    NoPost {
        /// What was asked for.
        wanted: String,
        /// The post ids, comma-separated.
        known: String,
    },
    /// No such stage.
    #[error("no stage {wanted}; the project has {count} stage(s), numbered from 1")]
    NoStage {
        /// What was asked for (1-based).
        wanted: usize,
        /// How many there are.
        count: usize,
    },
}

/// The id of the post matched by id or display name.
pub fn find_post(project: &Project, wanted: &str) -> Result<String, ResultsError> {
    project
        .posts
        .iter()
        .find(|p| p.id == wanted || p.name == wanted)
        .map(|p| p.id.clone())
        .ok_or_else(|| ResultsError::NoPost {
            wanted: wanted.to_string(),
            known: project
                .posts
                .iter()
                .map(|p| p.id.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        })
}

/// Checks a 1-based stage number against the evaluation and returns the index.
pub fn stage_index(staged: &StagedEvaluation, stage: Option<usize>) -> Result<usize, ResultsError> {
    let count = staged.stages.len();
    match stage {
        None => Ok(count.saturating_sub(1)),
        Some(n) if n >= 1 && n <= count => Ok(n - 1),
        Some(n) => Err(ResultsError::NoStage { wanted: n, count }),
    }
}

/// The status of an outcome at stage `stage` (0-based) in words (Chinese, as published).
pub fn outcome_words(
    project: &Project,
    staged: &StagedEvaluation,
    stage: usize,
    outcome: &Outcome,
) -> String {
    let eliminated = |i: usize, reason: &Elimination| {
        let (name, scheme) = staged.stages.get(i).map_or_else(
            || (String::new(), &project.scheme),
            |s| (s.stage.display_name(i), &s.project.scheme),
        );
        let why = match reason {
            Elimination::Unranked(status) => status_reason_in(status, scheme, Lang::Zh),
            Elimination::BelowCut { rank, cut } => format!("第{rank}名，未进入前{cut}名"),
        };
        if staged.stages.len() > 1 {
            return format!("{name}淘汰：{why}");
        }
        match reason {
            Elimination::Unranked(Status::Ineligible(_)) => format!("不符合资格条件：{why}"),
            Elimination::Unranked(_) => format!("成绩不全：{why}"),
            Elimination::BelowCut { .. } => format!("未入围：{why}"),
        }
    };
    match outcome {
        Outcome::Advanced => "进入下一环节".into(),
        Outcome::Selected => "拟录用".into(),
        Outcome::Shortlisted => "进入差额".into(),
        Outcome::NotSelected => "未入选".into(),
        Outcome::Eliminated(reason) => eliminated(stage, reason),
        Outcome::EliminatedEarlier { stage, reason } => eliminated(*stage, reason),
    }
}

/// The results list of `post` at stage `stage` (0-based), in ranking order.
pub fn published_lines(
    project: &Project,
    staged: &StagedEvaluation,
    post: &str,
    stage: usize,
) -> Vec<PublishedLine> {
    let Some(sp) = staged.stages.get(stage).and_then(|s| s.post(Some(post))) else {
        return Vec::new();
    };
    sp.rows
        .iter()
        .map(|row| {
            let person = &project.people[row.person];
            let stage_totals = (0..=stage)
                .map(|s| {
                    staged.stages[s]
                        .posts
                        .iter()
                        .flat_map(|p| &p.rows)
                        .find(|r| r.person == row.person)
                        .and_then(|r| r.cents)
                })
                .collect();
            let status = outcome_words(project, staged, stage, &row.outcome);
            PublishedLine {
                person: row.person,
                rank: row.rank,
                name: person.name.clone(),
                department: person.department.clone(),
                total: row.ranking_cents(),
                stage_totals,
                outcome: row.outcome.clone(),
                status,
                tie_at_cutoff: row.tie_at_cutoff,
            }
        })
        .collect()
}

/// Column headers: 名次, 姓名, 单位, 成绩 (or 综合成绩), [stage names], 结果.
pub(crate) fn header(staged: &StagedEvaluation, stage: usize, with_stages: bool) -> Vec<String> {
    let composite = staged
        .stages
        .get(stage)
        .is_some_and(|s| !s.stage.composite.is_empty());
    let mut h = vec![
        "名次".to_string(),
        "姓名".into(),
        "单位".into(),
        if composite { "综合成绩" } else { "成绩" }.into(),
    ];
    if with_stages {
        h.extend((0..=stage).map(|s| format!("{}成绩", staged.stages[s].stage.display_name(s))));
    }
    h.push("结果".into());
    h
}

pub(crate) fn cells(line: &PublishedLine, with_stages: bool) -> Vec<String> {
    let cents = |c: Option<i64>| c.map(format_cents).unwrap_or_default();
    let mut row = vec![
        line.rank.map(|r| r.to_string()).unwrap_or_default(),
        line.name.clone(),
        line.department.clone(),
        cents(line.total),
    ];
    if with_stages {
        row.extend(line.stage_totals.iter().map(|c| cents(*c)));
    }
    row.push(line.status.clone());
    row
}

/// The results list as CSV for Excel: UTF-8 with a byte-order mark, CRLF, totals with 2
/// decimals, formula-looking cells neutralized.
pub fn results_csv(
    staged: &StagedEvaluation,
    stage: usize,
    lines: &[PublishedLine],
    with_stages: bool,
) -> Result<Vec<u8>, csv::Error> {
    let mut out = Vec::from("\u{feff}".as_bytes());
    {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        writer.write_record(header(staged, stage, with_stages))?;
        for line in lines {
            let record = cells(line, with_stages);
            writer.write_record(record.iter().map(|c| neutralize_formula(c).into_owned()))?;
        }
        writer.flush()?;
    }
    Ok(out)
}

/// The results list as an aligned terminal table, with a title line.
pub fn results_table(
    project: &Project,
    staged: &StagedEvaluation,
    post: &str,
    stage: usize,
    lines: &[PublishedLine],
) -> String {
    let post_name = project.post(post).map_or(post, |p| p.display_name());
    let Some(st) = staged.stages.get(stage) else {
        return String::new();
    };
    let mut title = format!(
        "{post_name} — stage {}/{}: {}",
        stage + 1,
        staged.stages.len(),
        st.stage.display_name(stage)
    );
    if let Some(cut) = st.post(Some(post)).and_then(|p| p.entry_cut) {
        title.push_str(&format!(" ({cut} place(s) in the next stage)"));
    }
    let with_stages = stage > 0;
    let mut rows = vec![header(staged, stage, with_stages)];
    rows.extend(lines.iter().map(|l| {
        let mut c = cells(l, with_stages);
        if l.tie_at_cutoff
            && let Some(last) = c.last_mut()
        {
            last.push_str("（并列，同时进入）");
        }
        c
    }));
    format!("{title}\n{}", align(&rows))
}

/// The totals chart of the published lines: the total each stage ranks on (the composite
/// when the stage has one), in its order, with the cut-offs of its outcomes (the entry to
/// the next stage at an earlier stage, the selection and the shortlist at the last).
pub fn totals_of_lines(
    lines: &[PublishedLine],
    (title, value_label): (String, String),
    lang: Lang,
) -> TotalsData {
    let bars: Vec<Bar> = lines
        .iter()
        .filter(|l| l.rank.is_some())
        .filter_map(|l| {
            Some(Bar {
                label: l.name.clone(),
                value: l.total? as f64 / 100.0,
                rank: l.rank,
                class: Class::of_outcome(&l.outcome),
            })
        })
        .collect();
    let cuts = cut_lines(&bars, lang);
    TotalsData {
        title,
        bars,
        cuts,
        value_label,
    }
}

/// The totals chart of post `post` (an id) at stage `stage` of a staged selection: what the
/// stage ranks on (its composite when it has one, and the title says so), in its order, with
/// its cut-offs. The app's Charts tab and `merit chart --stage` draw it.
pub fn stage_totals_chart(
    project: &Project,
    staged: &StagedEvaluation,
    post: &str,
    stage: usize,
    lang: Lang,
) -> TotalsData {
    let mut lines = published_lines(project, staged, post, stage);
    // A chart for the committee (not the notice) names a person without a name by id.
    for line in lines.iter_mut().filter(|l| l.name.is_empty()) {
        if let Some(person) = project.people.get(line.person) {
            line.name.clone_from(&person.id);
        }
    }
    let post_name = project.post(post).map_or(post, |p| p.display_name());
    let (stage_name, composite) = staged.stages.get(stage).map_or_else(
        || (String::new(), false),
        |s| {
            (
                stage_name(&s.stage, stage, lang),
                !s.stage.composite.is_empty(),
            )
        },
    );
    let what = match (composite, lang) {
        (true, Lang::Zh) => "综合成绩",
        (true, Lang::En) => "composite",
        (false, Lang::Zh) => "成绩",
        (false, Lang::En) => "total",
    };
    let title = format!("{post_name} — {stage_name} {what}");
    totals_of_lines(&lines, (title, what.to_string()), lang)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Person, Post, Value};
    use crate::scoring::stages::evaluate_stages;

    fn person(id: &str, name: &str, exam: f64) -> Person {
        let mut p = Person {
            id: id.into(),
            name: name.into(),
            department: "办公室".into(),
            post: Some("科员".into()),
            ..Person::default()
        };
        for key in [
            "political_literacy",
            "competence",
            "peer_trust",
            "leader_satisfaction",
        ] {
            p.scores.insert(key, Value::Number(80.0));
        }
        p.scores.insert("exam", Value::Number(exam));
        p
    }

    #[test]
    fn a_single_stage_list_names_the_reason_not_a_stage() {
        let project = Project {
            posts: vec![Post {
                id: "科员".into(),
                ..Post::default()
            }],
            people: vec![person("1", "王伟", 90.0), person("2", "李娜", 55.0)],
            ..Project::default()
        };
        let staged = evaluate_stages(&project);
        let lines = published_lines(&project, &staged, "科员", 0);
        // 0.3 × 90 + 0.7 × 80 = 83.
        assert_eq!(lines[0].total, Some(8300));
        assert_eq!(lines[0].status, "拟录用");
        assert_eq!(lines[1].status, "不符合资格条件：笔试成绩 55 未达到 ≥ 60");
        let csv = results_csv(&staged, 0, &lines, false).unwrap();
        let text = String::from_utf8(csv).unwrap();
        assert_eq!(
            text,
            "\u{feff}名次,姓名,单位,成绩,结果\r\n1,王伟,办公室,83.00,拟录用\r\n\
             ,李娜,办公室,,不符合资格条件：笔试成绩 55 未达到 ≥ 60\r\n"
        );
        assert!(matches!(
            find_post(&project, "处长"),
            Err(ResultsError::NoPost { .. })
        ));
        assert_eq!(stage_index(&staged, Some(1)), Ok(0));
        assert!(stage_index(&staged, Some(0)).is_err());
    }
}
