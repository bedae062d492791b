//! `cargo bench --bench ranking_view`: one frame of the app on the Ranking tab with
//! 100,000 people in one post (a virtualized table: only the visible rows are built and
//! laid out), measured as egui's pass plus tessellation. `drag_frame` is a frame while a
//! weight is dragged: re-rank the 100,000, find who moved, draw. Target: under 8 ms for a
//! still frame; a drag frame is dominated by the re-rank.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use eframe::egui;
use merit::app::{Command, Document, MeritApp, Prefs, Tab};
use merit::scoring::describe::Lang;

mod common;
use common::project;

fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1400.0, 900.0),
        )),
        ..Default::default()
    }
}

fn bench(c: &mut Criterion) {
    let prefs = Prefs {
        lang: Lang::Zh,
        dark: false,
        recent: Vec::new(),
        operator: String::new(),
    };
    let mut one_post = project(100_000);
    for p in &mut one_post.people {
        p.post = Some("post0".into());
    }
    let doc = Document::new(one_post, None, "bench.ron".into());
    let mut app = MeritApp::with_document(prefs, doc, None);
    app.panels.tab = Tab::Ranking;
    let ctx = egui::Context::default();
    ctx.add_font_provider(std::sync::Arc::new(
        egui_system_font_provider::SystemFontProvider::new(),
    ));
    let weights = [app.doc.weights(), {
        let mut w = app.doc.weights();
        w.groups[0] *= 2.0;
        w
    }];
    let mut step = 0usize;
    let mut frame = |app: &mut MeritApp, drag: bool| {
        if drag {
            step += 1;
            app.run(&ctx, Command::DraftWeights(weights[step % 2].clone()));
        }
        let mut output = ctx.run_ui(input(), |ui| app.frame_ui(ui));
        output.textures_delta.clear();
        black_box(ctx.tessellate(output.shapes, output.pixels_per_point))
    };
    for _ in 0..3 {
        frame(&mut app, false);
    }
    c.bench_function("ranking_view/100k/frame", |b| {
        b.iter(|| frame(&mut app, false))
    });
    let mut group = c.benchmark_group("ranking_view");
    group.sample_size(10);
    group.bench_function("100k/drag_frame", |b| b.iter(|| frame(&mut app, true)));
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().without_plots();
    targets = bench
}
criterion_main!(benches);
