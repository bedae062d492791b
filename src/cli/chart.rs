//! `merit chart`: draws one chart of a project headlessly, as PNG or SVG by the file's
//! extension, with the same drawing code the app uses.

use std::path::Path;

use crate::charts::data;
use crate::charts::data::Class;
use crate::charts::render::{Chart, to_png, to_svg};
use crate::charts::{ChartError, Theme};
use crate::io::{project_file, scheme_file};
use crate::model::Project;
use crate::report::results::{find_post, stage_index, stage_totals_chart};
use crate::scoring::describe::Lang;
use crate::scoring::stages::evaluate_stages;
use crate::scoring::{Evaluation, PostEvaluation, Row, evaluate};

use super::commands::CliError;
use super::{ChartArgs, ChartKind};

impl From<ChartError> for CliError {
    fn from(e: ChartError) -> Self {
        CliError::Usage(e.to_string())
    }
}

/// The post to chart: `--post` (id or name), else the first post with people.
fn pick_post<'e>(
    project: &Project,
    evaluation: &'e Evaluation,
    post: Option<&str>,
) -> Result<&'e PostEvaluation, CliError> {
    let found = match post {
        Some(wanted) => {
            let id = find_post(project, wanted).map_err(|e| CliError::Usage(e.to_string()))?;
            evaluation.post(Some(&id))
        }
        None => evaluation.posts.iter().find(|p| !p.rows.is_empty()),
    };
    found.ok_or_else(|| CliError::Usage("the project has nobody to chart".into()))
}

/// Index of a criterion by key or name.
fn criterion(project: &Project, key: &str) -> Result<usize, CliError> {
    project
        .scheme
        .criteria()
        .position(|c| c.key == key || c.name == key || c.name_en == key)
        .ok_or_else(|| {
            let keys: Vec<&str> = project.scheme.criteria().map(|c| c.key.as_str()).collect();
            CliError::Usage(format!(
                "no criterion '{key}'; the criteria are: {}",
                keys.join(", ")
            ))
        })
}

/// The people for a radar: `--ids`, else the three best of the post (in the order the
/// stage published, at a stage).
fn radar_people(
    project: &Project,
    post: &PostEvaluation,
    ids: &[String],
    published: Option<&data::StageView>,
) -> Result<Vec<usize>, CliError> {
    if ids.is_empty() {
        return Ok(match published {
            Some(v) => v.order.iter().take(3).copied().collect(),
            None => post.rows.iter().take(3).map(|r| r.person).collect(),
        });
    }
    if ids.len() < 2 || ids.len() > 6 {
        return Err(CliError::Usage(format!(
            "--ids: a radar compares 2 to 6 people, not {}",
            ids.len()
        )));
    }
    ids.iter()
        .map(|id| {
            project
                .person_index(id)
                .filter(|&p| post.row_of(p).is_some())
                .ok_or_else(|| CliError::Usage(format!("'{id}' is not in this post")))
        })
        .collect()
}

/// Builds the chart the arguments ask for. In a staged selection the charts are of one stage
/// (`--stage`, default the last): its people, its scheme, and for the totals the total it
/// ranks on (the composite when it has one) with its cut-offs, as the report draws them.
pub fn build_chart(project: &Project, args: &ChartArgs) -> Result<Chart, CliError> {
    let lang = if args.en { Lang::En } else { Lang::Zh };
    let by_stage = !project.stages.is_empty() && args.kind != ChartKind::Bump;
    if !by_stage {
        if args.stage.is_some() {
            let why = if project.stages.is_empty() {
                "--stage: the project has no stages"
            } else {
                "--stage is not used by the bump chart: give the two stages with --stages"
            };
            return Err(CliError::Usage(why.into()));
        }
        let evaluation = evaluate(project);
        return chart_of(project, &evaluation, args, lang, None);
    }
    let staged = evaluate_stages(project);
    let index = stage_index(&staged, args.stage).map_err(|e| CliError::Usage(e.to_string()))?;
    let stage = &staged.stages[index];
    let post = pick_post(&stage.project, &stage.evaluation, args.post.as_deref())?;
    if args.kind == ChartKind::Totals {
        let id = post.post.clone().unwrap_or_default();
        let totals = stage_totals_chart(project, &staged, &id, index, lang);
        return Ok(Chart::Totals(totals));
    }
    let published = data::stage_view(stage, post.post.as_deref());
    chart_of(
        &stage.project,
        &stage.evaluation,
        args,
        lang,
        Some(&published),
    )
}

/// The chart of `project` as `evaluation` ranks it; at a stage, `published` says who the
/// stage selected, shortlisted or let advance, and in which order (its composite's).
fn chart_of(
    project: &Project,
    evaluation: &Evaluation,
    args: &ChartArgs,
    lang: Lang,
    published: Option<&data::StageView>,
) -> Result<Chart, CliError> {
    let post = pick_post(project, evaluation, args.post.as_deref())?;
    Ok(match args.kind {
        ChartKind::Totals => Chart::Totals(data::totals(project, post, lang)),
        ChartKind::Contributions => {
            Chart::Contributions(data::contributions_data(project, evaluation, post, lang))
        }
        ChartKind::Radar => {
            let people = radar_people(project, post, &args.ids, published)?;
            Chart::Radar(data::radar(project, post, &people, lang))
        }
        ChartKind::Histogram => {
            let k = match &args.criterion {
                Some(key) => criterion(project, key)?,
                None => project
                    .scheme
                    .criteria()
                    .position(|c| c.gate.is_some())
                    .unwrap_or(0),
            };
            Chart::Histogram(data::histogram(project, post, k, lang))
        }
        ChartKind::Scatter => {
            let pick = |given: &Option<String>, default: &str, fallback: usize| match given {
                Some(key) => criterion(project, key),
                None => Ok(criterion(project, default).unwrap_or(fallback)),
            };
            let x = pick(&args.x, "competence", 0)?;
            let y = pick(&args.y, "peer_trust", 1)?;
            let class_of = |r: &Row| match published {
                Some(v) => v.classes.get(r.person).copied().unwrap_or(Class::Other),
                None => Class::of(&r.status),
            };
            Chart::Scatter(data::scatter_classed(
                project,
                post,
                (x, y),
                &class_of,
                lang,
            ))
        }
        ChartKind::Bump => Chart::Bump(bump(project, evaluation, post, args, lang)?),
    })
}

fn bump(
    project: &Project,
    evaluation: &Evaluation,
    post: &PostEvaluation,
    args: &ChartArgs,
    lang: Lang,
) -> Result<data::BumpData, CliError> {
    if let Some(file) = &args.compare {
        let mut other = project.clone();
        other.scheme = scheme_file::load_scheme(file)?;
        let other_eval = evaluate(&other);
        let right = other_eval
            .post(post.post.as_deref())
            .ok_or_else(|| CliError::Usage("the post is missing under the other scheme".into()))?;
        let left_name = project.scheme.name.clone();
        return Ok(data::bump(
            project,
            (post, &left_name),
            (right, &other.scheme.name),
            lang,
        ));
    }
    if project.stages.len() < 2 {
        return Err(CliError::Usage(
            "a bump chart compares two rankings: give --compare SCHEME.ron, or use a project \
             with two or more stages"
                .into(),
        ));
    }
    let staged = evaluate_stages(project);
    let (a, b) = match args.stages.as_slice() {
        [] => (0, staged.stages.len() - 1),
        [a, b] if *a >= 1 && *b >= 1 => (a - 1, b - 1),
        _ => {
            return Err(CliError::Usage(
                "--stages takes two stage numbers, e.g. 1,2".into(),
            ));
        }
    };
    let id = post.post.clone().unwrap_or_default();
    let _ = evaluation;
    data::bump_stages(project, &staged, &id, (a, b), lang)
        .ok_or_else(|| CliError::Usage(format!("no stages {},{} for this post", a + 1, b + 1)))
}

/// `merit chart`.
pub fn chart(args: &ChartArgs, out: &mut dyn std::io::Write) -> Result<(), CliError> {
    let project = project_file::load(&args.project)?;
    let chart = build_chart(&project, args)?;
    let theme = if args.dark {
        Theme::dark()
    } else {
        Theme::light()
    };
    let size = chart.default_size();
    let size = (args.width.unwrap_or(size.0), args.height.unwrap_or(size.1));
    write_chart(&chart, &theme, size, &args.out)?;
    out.write_all(format!("wrote {}\n", args.out.display()).as_bytes())
        .map_err(|source| CliError::File {
            action: "write the output",
            path: "<stdout>".into(),
            source,
        })
}

/// Writes `chart` as SVG or PNG, by the extension of `path`.
fn write_chart(
    chart: &Chart,
    theme: &Theme,
    size: (u32, u32),
    path: &Path,
) -> Result<(), CliError> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_lowercase);
    match ext.as_deref() {
        Some("svg") => {
            let svg = to_svg(chart, theme, size)?;
            std::fs::write(path, svg).map_err(|source| CliError::File {
                action: "write the chart",
                path: path.to_path_buf(),
                source,
            })
        }
        Some("png") => Ok(to_png(chart, theme, size, path)?),
        _ => Err(CliError::Usage(format!(
            "--out must end in .png or .svg: {}",
            path.display()
        ))),
    }
}
