//! Merit's import + rank + export of one file, in process, timed by phase (for
//! `benches/compare.sh`). Usage: pipeline IN.csv OUT.csv SCHEME.ron MAPPING [encoding]
//! Prints one JSON line of seconds per phase.

use std::path::Path;
use std::time::Instant;

use merit::io::import::{ImportKind, ImportOptions, Mapping, encoding_for_label, plan_import_with};
use merit::io::ranking_csv::write_ranking_csv;
use merit::io::scheme_file::load_scheme;
use merit::model::Project;
use merit::scoring::evaluate;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, input, output, scheme, mapping, rest @ ..] = args.as_slice() else {
        return Err("usage: pipeline IN.csv OUT.csv SCHEME.ron MAPPING [encoding]".into());
    };
    let label = rest.first().map_or("utf-8", String::as_str);
    let encoding = encoding_for_label(label).ok_or("unknown encoding")?;
    let start = Instant::now();
    let mut lap = Instant::now();
    let mut phases: Vec<(&str, f64)> = Vec::new();
    let mut mark = |name, lap: &mut Instant| {
        phases.push((name, lap.elapsed().as_secs_f64()));
        *lap = Instant::now();
    };
    let mut project = Project {
        scheme: load_scheme(Path::new(scheme))?,
        ..Project::default()
    };
    let options = ImportOptions {
        mapping: Mapping::parse(&std::fs::read_to_string(mapping)?)?,
        ..ImportOptions::default()
    };
    let bytes = std::fs::read(input)?;
    mark("read", &mut lap);
    let plan = plan_import_with(
        &project,
        &bytes,
        ImportKind::People,
        Path::new(input),
        &options,
    )?;
    drop(bytes);
    if !plan.problems.is_empty() {
        return Err(plan.summary().into());
    }
    mark("plan_import", &mut lap);
    plan.apply_owned(&mut project);
    mark("apply", &mut lap);
    let evaluation = evaluate(&project);
    mark("evaluate", &mut lap);
    let posts: Vec<_> = evaluation.posts.iter().collect();
    let file = std::io::BufWriter::new(std::fs::File::create(output)?);
    write_ranking_csv(&project, &evaluation, &posts, encoding, file)?;
    mark("export", &mut lap);
    let fields: Vec<String> = phases
        .iter()
        .map(|(n, s)| format!("\"{n}\": {s:.4}"))
        .collect();
    println!(
        "{{\"file\": \"{input}\", \"enc\": \"{label}\", \"rows\": {}, {}, \"total\": {:.4}}}",
        project.people.len(),
        fields.join(", "),
        start.elapsed().as_secs_f64()
    );
    Ok(())
}
