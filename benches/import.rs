//! `cargo bench --bench import`: import (decode, sniff, parse, validate, plan) and export
//! (the people sheet; the ranking CSV straight from the evaluation) of a candidate file
//! like `/work/shared/bench/gen_candidates.py`'s, 10k rows, as UTF-8 and as GBK; and
//! `rank_file`, what `merit rank FILE --scheme` does (read into a column store, rank,
//! write the ranking CSV) at 10k and 100k rows. `benches/compare.sh` runs that pipeline
//! beside pandas and two plain csv-crate programs at 100k and 1M.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use merit::io::export::{people_sheet, to_csv};
use merit::io::import::{ImportKind, ImportOptions, Mapping, plan_import_with, read_people_table};
use merit::io::ranking_csv::{write_ranking_csv, write_ranking_csv_of};
use merit::io::scheme_file::scheme_from_str;
use merit::model::Project;
use merit::scoring::{Prepared, Weights, evaluate};

const SCHEME: &str = include_str!("candidates_scheme.ron");
const MAPPING: &str = include_str!("candidates.mapping");

/// A deterministic candidate file of `n` rows, CRLF, as gen_candidates.py writes it.
fn file(n: usize) -> String {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |m: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % m
    };
    let mut text = String::from(
        "id,name,department,post,exam_score,interview_score,political_literacy,competence,peer_trust,leader_satisfaction,years_of_service\r\n",
    );
    let names = ["欧阳斌建", "黄超振", "邱萍梅", "林卫文", "曹然宇"];
    for i in 0..n {
        text.push_str(&format!(
            "C{i:06},{},业务一处,科员,{}.{},{}.{},{},{},{}.{},{},{}\r\n",
            names[i % 5],
            next(100),
            next(10),
            next(100),
            next(10),
            1 + next(10),
            1 + next(10),
            next(100),
            next(10),
            1 + next(5),
            next(30)
        ));
    }
    text
}

fn bench(c: &mut Criterion) {
    let project = Project {
        scheme: scheme_from_str(SCHEME, Path::new("candidates_scheme.ron")).expect("scheme"),
        ..Project::default()
    };
    let options = ImportOptions {
        mapping: Mapping::parse(MAPPING).expect("mapping"),
        ..ImportOptions::default()
    };
    let n = 10_000;
    let utf8 = file(n).into_bytes();
    let gbk = encoding_rs::GBK
        .encode(&String::from_utf8_lossy(&utf8))
        .0
        .into_owned();
    let mut group = c.benchmark_group("import");
    group.throughput(Throughput::Elements(n as u64));
    for (label, bytes) in [("utf8", &utf8), ("gbk", &gbk)] {
        group.bench_function(format!("{label}/{n}"), |b| {
            b.iter(|| {
                let plan = plan_import_with(
                    &project,
                    black_box(bytes),
                    ImportKind::People,
                    Path::new("c.csv"),
                    &options,
                )
                .expect("plan");
                assert_eq!(plan.added.len(), n);
                plan
            })
        });
    }
    group.finish();
    let mut imported = project.clone();
    let plan = plan_import_with(
        &project,
        &utf8,
        ImportKind::People,
        Path::new("c.csv"),
        &options,
    )
    .expect("plan");
    assert!(plan.apply(&mut imported));
    let mut group = c.benchmark_group("export");
    group.throughput(Throughput::Elements(n as u64));
    group.bench_function(format!("people_csv/{n}"), |b| {
        b.iter(|| to_csv(&people_sheet(black_box(&imported)), encoding_rs::UTF_8).expect("csv"))
    });
    let evaluation = evaluate(&imported);
    let posts: Vec<_> = evaluation.posts.iter().collect();
    for (label, encoding) in [("utf8", encoding_rs::UTF_8), ("gbk", encoding_rs::GBK)] {
        group.bench_function(format!("ranking_csv_{label}/{n}"), |b| {
            b.iter(|| {
                let mut out = Vec::new();
                write_ranking_csv(
                    black_box(&imported),
                    &evaluation,
                    &posts,
                    encoding,
                    &mut out,
                )
                .expect("csv");
                out
            })
        });
    }
    group.finish();
    let mut group = c.benchmark_group("rank_file");
    for rows in [10_000, 100_000] {
        let bytes = file(rows).into_bytes();
        group.throughput(Throughput::Elements(rows as u64));
        group.bench_function(format!("utf8/{rows}"), |b| {
            b.iter(|| {
                let read =
                    read_people_table(&project, black_box(&bytes), Path::new("c.csv"), &options)
                        .expect("read");
                let ranked = read.project(&project);
                let evaluation = Prepared::with_people(&ranked, &read.people)
                    .rank(&Weights::from_scheme(&ranked.scheme));
                let posts: Vec<_> = evaluation.posts.iter().collect();
                let mut out = Vec::with_capacity(bytes.len() * 3 / 2);
                write_ranking_csv_of(
                    &ranked,
                    &read.people,
                    &evaluation,
                    &posts,
                    encoding_rs::UTF_8,
                    &mut out,
                )
                .expect("csv");
                assert_eq!(read.people.len(), rows);
                out
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    // No plots: criterion's plot fonts clash with the plotters features Merit needs.
    config = Criterion::default().without_plots();
    targets = bench
}
criterion_main!(benches);
