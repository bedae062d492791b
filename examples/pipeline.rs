//! Merit's import + rank + export of one file, in process, timed by phase: what `merit
//! rank FILE --scheme SCHEME --mapping MAPPING --format csv --out OUT` does (for
//! `benches/compare.sh`). Usage: pipeline IN.csv OUT.csv SCHEME.ron MAPPING [encoding]
//! Prints one JSON line of seconds per phase; with MERIT_RSS set, also the resident
//! memory after each phase (Linux).

use std::path::Path;
use std::time::Instant;

use merit::io::import::{ImportOptions, Mapping, encoding_for_label, read_people_table};
use merit::io::ranking_csv::write_ranking_csv_of;
use merit::io::scheme_file::load_scheme;
use merit::model::Project;
use merit::scoring::{Prepared, Weights};

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
        if std::env::var_os("MERIT_RSS").is_some() {
            let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
            let rss: Vec<&str> = status
                .lines()
                .filter(|l| l.starts_with("VmRSS") || l.starts_with("VmHWM"))
                .collect();
            eprintln!("{name}: {}", rss.join(" "));
        }
        *lap = Instant::now();
    };
    let base = Project {
        scheme: load_scheme(Path::new(scheme))?,
        ..Project::default()
    };
    let options = ImportOptions {
        mapping: Mapping::parse(&std::fs::read_to_string(mapping)?)?,
        ..ImportOptions::default()
    };
    let bytes = std::fs::read(input)?;
    mark("read", &mut lap);
    let import = read_people_table(&base, &bytes, Path::new(input), &options)?;
    drop(bytes);
    if !import.problems.is_empty() {
        return Err(import.to_string().into());
    }
    mark("import", &mut lap);
    let project = import.project(&base);
    let evaluation = Prepared::with_people(&project, &import.people)
        .rank(&Weights::from_scheme(&project.scheme));
    mark("evaluate", &mut lap);
    let posts: Vec<_> = evaluation.posts.iter().collect();
    let file = std::io::BufWriter::new(std::fs::File::create(output)?);
    write_ranking_csv_of(
        &project,
        &import.people,
        &evaluation,
        &posts,
        encoding,
        file,
    )?;
    mark("export", &mut lap);
    let fields: Vec<String> = phases
        .iter()
        .map(|(n, s)| format!("\"{n}\": {s:.4}"))
        .collect();
    println!(
        "{{\"file\": \"{input}\", \"enc\": \"{label}\", \"rows\": {}, {}, \"total\": {:.4}}}",
        import.people.len(),
        fields.join(", "),
        start.elapsed().as_secs_f64()
    );
    Ok(())
}
